"""A transcript event as the language rules see it (a final, or the committed words of a partial),
and the nudge factory they share."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from coach.language.patterns import fold, word_tokens
from coach.language.text import Match, sentences
from coach.types import Nudge, seconds_to_samples


@dataclass(frozen=True, slots=True)
class Utterance:
    """One transcript: ``start``/``end``/``at`` in samples from call start; ``words`` are the
    event's ``{"w", "start", "end", "p"}`` dicts (seconds); ``utt`` identifies the turn (unique per
    call, shared by its partials and final). ``final`` is False for the committed prefix of a partial
    (:meth:`committed`): more words will follow."""

    speaker: str
    text: str
    start: int
    end: int
    at: int
    utt: str
    words: Sequence[Mapping[str, Any]] = ()
    final: bool = True

    @classmethod
    def committed(cls, event: Mapping[str, Any]) -> Utterance:
        """The words a partial event has committed (``words[:stable]``; they never change), as an
        unfinished utterance whose ``text`` is those words and ``end`` the last one's end."""
        words = tuple((event.get("words") or ())[: int(event.get("stable") or 0)])
        full = cls.from_event(event)
        end = seconds_to_samples(float(words[-1]["end"])) if words else full.start
        text = " ".join(str(w["w"]) for w in words)
        return cls(full.speaker, text, full.start, end, full.at, full.utt, words, final=False)

    def match_words(self, m: Match) -> Sequence[Mapping[str, Any]]:
        """The word dicts that match ``m`` of this utterance's text was said in (empty when the words
        do not line up with the text, e.g. no word times)."""
        owner: list[int] = []
        for i, w in enumerate(self.words):
            owner.extend([i] * len(word_tokens(str(w.get("w", "")))))
        n = len(word_tokens(self.text))
        if len(owner) != n:
            owner = self._joined_owner()
        a, b = m.offset + m.start, m.offset + m.end - 1
        if b >= len(owner) or len(owner) != n:
            return ()
        return self.words[owner[a] : owner[b] + 1]

    def _joined_owner(self) -> list[int]:
        """The index of the word dict each token of the words joined as the recogniser writes them belongs to:
        a piece opening with an apostrophe or a hyphen joins the word before it (c423's "ma" + "'am," is the
        text's "ma'am"; "end" + "-to" + "-man,"); a token two pieces make belongs to the first."""
        owner: list[int] = []
        joined = ""
        for i, w in enumerate(self.words):
            piece = str(w.get("w", "")).strip()
            joined += piece if piece[:1] in ("'", "-") and joined else f" {piece}"
            owner.extend([i] * (len(word_tokens(joined)) - len(owner)))
        return owner

    def span(self, m: Match) -> tuple[int, int] | None:
        """Samples ``(start, end)`` of the words of match ``m`` of this utterance's text, or ``None``
        when the words do not line up with the text (no word times)."""
        words = self.match_words(m)
        if not words:
            return None
        return seconds_to_samples(float(words[0]["start"])), seconds_to_samples(float(words[-1]["end"]))

    def word_ps(self, m: Match) -> list[float]:
        """The word probabilities (``p``, 0..1) of the words of match ``m`` (empty when unknown)."""
        return [float(w["p"]) for w in self.match_words(m) if w.get("p") is not None]

    def word_after_under(
        self, m: Match, heads: frozenset[str], floor: float, *, said_last: bool, clause_marks: str = ".,;:!?"
    ) -> bool:
        """Whether a word of match ``m`` that is one of ``heads`` (a negated modal: "can't", "won't") is followed in
        this utterance by a word heard under ``floor`` (a probability, 0..1): the action the negation is about was not
        heard. With ``said_last``, a head with no word after it counts too; without it, a head said last, or whose
        word ends in one of ``clause_marks`` ("we can't. The ..."), has no action after it. Unknown probabilities, or
        words that do not line up with the text: heard."""
        words = self.match_words(m)
        at = {id(w): i for i, w in enumerate(self.words)}
        for w in words:
            if not set(word_tokens(str(w.get("w", "")))) & heads or id(w) not in at:
                continue
            after = at[id(w)] + 1
            ends = after >= len(self.words)
            if ends and said_last:
                return True
            if ends or (not said_last and str(w.get("w", "")).rstrip()[-1:] in clause_marks):
                continue
            p = self.words[after].get("p")
            if p is not None and float(p) < floor:
                return True
        return False

    def piece_ps(self, sentence: str, piece: str) -> list[float]:
        """The word probabilities of ``piece``, the sentence ``sentence`` of this utterance's text (as
        :func:`~coach.language.text.sentences` splits it) or a clause of it (empty when unknown)."""
        offset = 0
        for i, s in enumerate(sentences(self.text)):
            if s.text == sentence:
                said, want = tuple(fold(w) for w in s.spoken), word_tokens(piece)
                n = len(want)
                at = next((k for k in range(len(said) - n + 1) if said[k : k + n] == want), None)
                if at is None or not n:
                    return []
                return self.word_ps(Match("(piece)", piece, sentence, at, at + n, i, offset))
            offset += len(s.spoken)
        return []

    @classmethod
    def from_event(cls, event: Mapping[str, Any]) -> Utterance:
        """From a transcript event dict (``Event.to_dict()``: type, t, at, speaker, end, text, final,
        words, utt)."""
        start = seconds_to_samples(float(event["t"]))
        end = seconds_to_samples(float(event.get("end", event["t"])))
        at = seconds_to_samples(float(event.get("at", event.get("end", event["t"]))))
        speaker = str(event["speaker"])
        utt = str(event.get("utt") or f"{speaker}@{start}")
        return cls(speaker, str(event.get("text", "")), start, end, at, utt, tuple(event.get("words") or ()))


def nudge(kind: str, text: str, severity: str, start: int, moment: str, **evidence: Any) -> Nudge:
    """Build a language :class:`Nudge` (``moment`` = "<utterance id>:<kind>")."""
    return Nudge(kind=kind, text=text, severity=severity, evidence=evidence, start=start, moment=f"{moment}:{kind}")
