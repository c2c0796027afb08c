"""Word-level agreement between successive decodes (LocalAgreement-n).

A streaming decoder re-decodes a growing turn; Whisper may revise the words near the end of the
audio. A word is *committed* once ``n`` successive hypotheses agree on it (same position after the
committed prefix, same :func:`coach.asr.textnorm.word_key`). Committed words are never revised.

Words here are anything with ``key``, ``start`` and ``end`` attributes (see :class:`Word`); times are
samples from call start.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from coach.asr.textnorm import word_key
from coach.types import samples_to_seconds


@dataclass(frozen=True, slots=True)
class Word:
    """A transcribed word: ``start``/``end`` in samples from call start, ``p`` its probability.
    ``text`` keeps Whisper's leading space; :func:`join_words` rebuilds the text from words."""

    text: str
    start: int
    end: int
    p: float
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", word_key(self.text))

    def to_dict(self) -> dict[str, object]:
        """The ``{"w", "start", "end", "p"}`` form used in events (seconds from call start)."""
        return {
            "w": self.text.strip(),
            "start": samples_to_seconds(self.start),
            "end": samples_to_seconds(self.end),
            "p": round(self.p, 3),
        }


def join_words(words: Sequence[Word]) -> str:
    """The text of ``words`` with Whisper's own spacing."""
    return "".join(w.text for w in words).strip()


def _prefix_costs(committed_keys: Sequence[str], hyp_keys: Sequence[str]) -> list[int]:
    """Edit distance between all of ``committed_keys`` and each prefix ``hyp_keys[:j]``, for every j."""
    prev = list(range(len(hyp_keys) + 1))
    for i, c in enumerate(committed_keys, 1):
        cur = [i] + [0] * len(hyp_keys)
        for j, h in enumerate(hyp_keys, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (c != h))
        prev = cur
    return prev


def _word_keys(words: Sequence[Word], digit_runs: bool) -> tuple[list[str], list[int]]:
    """The keys of ``words`` and, for each key, the number of words up to and including it; with
    ``digit_runs`` each run of all-digit keys is joined into one ("1", "234" -> "1234": Whisper writes one
    spoken number as "1234", "1-234" or "1, 2, 3, 4" from one decode to the next)."""
    keys: list[str] = []
    ends: list[int] = []
    for i, w in enumerate(words, 1):
        if digit_runs and keys and w.key.isdigit() and keys[-1].isdigit():
            keys[-1] += w.key
            ends[-1] = i
        else:
            keys.append(w.key)
            ends.append(i)
    return keys, ends


def _number_goes_on(hyp: Sequence[Word], lo: int, hi: int, number: str) -> int:
    """Where the tail of ``hyp`` starts when its digit words ``hyp[lo:hi]`` (one run) align with the last
    committed word(s) ``number`` (digits): after the first of them whose keys spell ``number``, when the
    run goes on past it (a number committed before all of it was heard: "28" committed, "28 .8" decoded
    keeps ".8"); ``hi`` otherwise."""
    if not number.isdigit():
        return hi
    spelled = ""
    for m in range(lo, hi - 1):
        spelled += hyp[m].key
        if spelled == number:
            return m + 1
        if not number.startswith(spelled):
            break
    return hi


def align_tail(hyp: Sequence[Word], committed: Sequence[Word], *, digit_runs: bool = False) -> list[Word]:
    """The words of ``hyp`` that come after the ``committed`` prefix.

    Exact prefix match first; otherwise the hypothesis prefix closest (edit distance) to the
    committed words; if even that disagrees on more than half of them, the words whose midpoint lies
    after the last committed word ends. ``digit_runs``: compare a run of digit words as one word
    (:func:`_word_keys`), so a number written otherwise than in the committed words is neither cut in
    two (its last digits doubled) nor taken for the word after it (that word lost).
    """
    k = len(committed)
    if k == 0:
        return list(hyp)
    if [w.key for w in hyp[:k]] == [w.key for w in committed]:
        return list(hyp[k:])
    committed_keys = _word_keys(committed, digit_runs)[0]
    hyp_keys, ends = _word_keys(hyp, digit_runs)
    k = len(committed_keys)
    costs = _prefix_costs(committed_keys, hyp_keys)
    best_j = min(range(len(costs)), key=lambda j: (costs[j], abs(j - k), -j))
    if costs[best_j] * 2 <= k:
        first = ends[best_j - 1] if best_j else 0
        if digit_runs and best_j:
            first = _number_goes_on(hyp, ends[best_j - 2] if best_j > 1 else 0, first, committed_keys[-1])
        return list(hyp[first:])
    last_end = committed[-1].end
    return [w for w in hyp if (w.start + w.end) // 2 > last_end]


def revise(committed: Sequence[Word], hyp: Sequence[Word], *, digit_runs: bool = False) -> list[Word]:
    """A final's words: ``hyp`` (a decode of the whole piece) as it is when its beginning agrees with
    the ``committed`` words on at least half of them (edit distance of its closest prefix), so that a
    better decode corrects what the partials committed; otherwise (the decode lost what was committed)
    the committed words followed by :func:`align_tail` (``digit_runs``: a run of digits counts as one word,
    as there)."""
    if not committed:
        return list(hyp)
    committed_keys = _word_keys(committed, digit_runs)[0]
    if min(_prefix_costs(committed_keys, _word_keys(hyp, digit_runs)[0])) * 2 <= len(committed_keys):
        return list(hyp)
    return list(committed) + align_tail(hyp, committed, digit_runs=digit_runs)


def common_prefix(tails: Sequence[Sequence[Word]]) -> int:
    """Length of the longest prefix on which all ``tails`` agree (by word key)."""
    if not tails:
        return 0
    n = min(len(t) for t in tails)
    for i in range(n):
        key = tails[0][i].key
        if not key or any(t[i].key != key for t in tails[1:]):
            return i
    return n


class Agreement:
    """Committed prefix of one utterance. Feed hypotheses in decode order with :meth:`update`.

    A word is committed when the last ``n`` hypotheses agree on it; a *weak* word (probability below
    ``weak_p`` in any of them) needs ``n + 1`` agreeing hypotheses, since Whisper's unsure guesses on
    a growing turn are often stable for two decodes and wrong. ``digit_runs``: see :func:`align_tail`.

    ``single_p`` above 0: after the agreed words, the latest hypothesis's next words are committed on that one
    decode while each has probability at least ``single_p``, is not the hypothesis's last word (unless the
    caller says its audio ends in a pause: ``last_whole``), and no earlier hypothesis of the history put another
    word in its place (:meth:`_sure_run`)."""

    def __init__(
        self,
        n: int = 2,
        committed: Sequence[Word] = (),
        *,
        weak_p: float = 0.0,
        digit_runs: bool = False,
        single_p: float = 0.0,
    ) -> None:
        if n < 2:
            raise ValueError("agreement needs n >= 2")
        self.n = n
        self.weak_p = weak_p
        self.single_p = single_p
        self.digit_runs = digit_runs
        self.committed: list[Word] = list(committed)
        self._history: list[list[Word]] = []

    def update(self, hyp: Sequence[Word], *, commit_before: int | None = None, last_whole: bool = False) -> list[Word]:
        """Add a hypothesis of the whole utterance; return the newly committed words (maybe none).

        ``commit_before`` (sample) holds back agreed words that end after it: Whisper is least sure
        about words at the very end of the audio, which may be cut mid-word. ``last_whole``: the
        hypothesis's audio ends in a pause the VAD heard after the speech (a provisional final's), so its
        last word is not cut there and ``single_p`` may commit it too."""
        self._history.append(list(hyp))
        del self._history[: -(self.n + 1)]
        if len(self._history) < self.n and not self.single_p:
            return []
        tails = [align_tail(h, self.committed, digit_runs=self.digit_runs) for h in self._history]
        new: list[Word] = []
        if len(tails) >= self.n:
            agreed = common_prefix(tails[-self.n :])
            agreed_more = common_prefix(tails) if len(tails) > self.n else 0
            new = tails[-1][:agreed]
            for i in range(agreed):
                if i >= agreed_more and min(t[i].p for t in tails[-self.n :]) < self.weak_p:
                    new = new[:i]
                    break
        if self.single_p:
            new = tails[-1][: self._sure_run(tails, len(new), last_whole)]
        if commit_before is not None:
            keep = 0
            while keep < len(new) and new[keep].end <= commit_before:
                keep += 1
            new = new[:keep]
        self.committed.extend(new)
        return new

    def _sure_run(self, tails: Sequence[Sequence[Word]], start: int, last_whole: bool = False) -> int:
        """How many words of the latest tail, from index ``start`` on, ``single_p`` commits on that decode alone:
        each with probability at least ``single_p``, not the tail's last word (unless ``last_whole``), and in no
        earlier tail another word at its place."""
        latest, earlier = tails[-1], tails[:-1]
        end = start
        while end < len(latest) - (0 if last_whole else 1):
            word = latest[end]
            if not word.key or word.p < self.single_p:
                break
            if any(len(t) > end and t[end].key != word.key for t in earlier):
                break
            end += 1
        return end

    def tail(self, hyp: Sequence[Word]) -> list[Word]:
        """The uncommitted words of ``hyp``."""
        return align_tail(hyp, self.committed, digit_runs=self.digit_runs)
