"""Guards against Whisper's known failure modes. Pure functions of one decode.

Whisper writes text where there is none (silence, music, line noise: "Thank you for watching"),
loops on a phrase, or emits far more words than the audio can hold. :func:`check_decode` returns a
:class:`Verdict`; callers drop the text of a rejected decode and count the reason. Thresholds live in
:class:`coach.asr.config.GuardConfig`. The loop measures (:func:`max_consecutive_repeats` for a phrase
repeated back to back, :func:`repeat_share` for phrases repeated anywhere in a turn) are the one place
the project tells a loop from speech; the pace rule (:mod:`coach.language.pace`) uses the second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from coach.asr.config import GuardConfig
from coach.asr.engine import DecodeResult, compression_ratio
from coach.asr.textnorm import normalize, word_key


@dataclass(frozen=True, slots=True)
class Verdict:
    """``ok`` is False when the decode must be dropped; ``reason`` names the failed check."""

    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


ACCEPT = Verdict(True)

OUTRO_REASONS = frozenset({"hallucination_phrase", "hallucination_loop", "word_span_rate"})
"""Reasons for which a decode of a turn the VAD called speech is Whisper writing a subtitle outro or a
loop instead of the words: a final dropped for one of them falls back to what the partials heard
(``AsrConfig.final_heard_fallback``)."""


def is_silence(no_speech_prob: float, avg_logprob: float, cfg: GuardConfig) -> bool:
    """Whisper's own silence rule plus a hard ceiling on ``no_speech_prob``."""
    if no_speech_prob > cfg.no_speech_prob_hard:
        return True
    return no_speech_prob > cfg.no_speech_prob_max and avg_logprob < cfg.no_speech_logprob_max


@cache
def _longest_first(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """``phrases`` normalised, longest first (remembered per list: every decode's judgement strips the same ones)."""
    return tuple(sorted((normalize(p) for p in phrases), key=len, reverse=True))


def _strip_phrases(text: str, phrases: Sequence[str]) -> str:
    """Remove every occurrence of the (normalised) phrases, longest first; return what is left."""
    padded = f" {text} "
    for phrase in _longest_first(tuple(phrases)):
        if phrase:
            while f" {phrase} " in padded:
                padded = padded.replace(f" {phrase} ", " ")
    return padded.strip()


_OUTRO_FORMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), form)
    for pattern, form in (
        (
            r"\b(?:thank you|thanks)(?: (?:so very much|very much|so much|a lot|all|guys|you guys|everyone|everybody"
            r"|again))? for\b",
            "thank you for",
        ),
        (r"\bfor (?:watching|viewing)(?: (?:this|the|my|our) (?:video|episode|channel))?\b", "for watching"),
        (r"\b(i|we) will\b", r"\1'll"),
        (r"\b(?:check out|see you in) the (?:link|links) in the description\b", "link in the description"),
        (r"\b(?:see you|more info|more information|details) in the description below\b", "in the description below"),
        (r"\b(?:let us know|tell me|tell us) in the comments(?: below)?\b", "let me know in the comments"),
        (r"\blet me know in the comments below\b", "let me know in the comments"),
        (r"\b(?:i'll|we'll) see you\b", "see you"),
        (r"\bsee you (?:all|guys|again|soon) (in|on|next)\b", r"see you \1"),
        (r"\bsee you (?:in|on) the next (?:one|video|episode|vlog|lesson|tutorial)\b", "see you in the next video"),
        (
            r"\b(?:i|we) hope you (?:enjoyed|liked) (?:the|this|my|our|today's) (?:video|episode)\b",
            "i hope you enjoyed the video",
        ),
        (
            r"\b(?:(?:don't forget to|remember to|make sure to|be sure to|please) )?(?:like (?:and )?)?subscribe to "
            r"(?:my|our|the) channel\b",
            "subscribe to my channel",
        ),
        (
            r"\b(?:don't forget to|remember to|make sure to|be sure to|please) (?:like (?:and )?)?subscribe\b",
            "please subscribe",
        ),
    )
)
"""The many ways Whisper words one subtitle outro, each folded to the listed form (on normalised text) before
:func:`is_hallucination_phrase` matches: "Thank you very much for watching, I will see you in the next video"
is "thank you for watching see you in the next video", two listed outros. Only words that never change what a
contact-centre caller says are folded: "thank you very much" alone is not touched (a real closing), nor a
"see you" without a video's "next one"."""


def outro_form(norm: str) -> str:
    """Normalised ``norm`` with every variant of an outro (:data:`_OUTRO_FORMS`) folded to its listed form."""
    for pattern, form in _OUTRO_FORMS:
        norm = pattern.sub(form, norm)
    return norm


@cache
def _folded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(outro_form(normalize(p)) for p in phrases)


def is_hallucination_phrase(text: str, phrases: Sequence[str]) -> bool:
    """True when the normalised ``text`` is non-empty and made only of ``phrases``, perhaps joined by
    "and" / "so" (:data:`_JOINERS`), the last of which may be cut short ("thank you for watching, see
    you" ends in the start of "see you in the next video": Whisper stopped inside its loop) when a whole
    phrase came before it. Text and phrases are compared in their folded forms (:func:`outro_form`)."""
    norm = outro_form(normalize(text))
    if not norm:
        return False
    phrases = _folded(tuple(phrases))
    rest = _strip_phrases(norm, phrases)
    if rest == norm:
        return not rest
    tail = " ".join(w for w in rest.split() if w not in _JOINERS)
    return not tail or (norm.endswith(f" {tail}") and _starts_a_phrase(tail, phrases))


_JOINERS = frozenset({"and", "so"})
"""Words Whisper puts between two of its outros ("thanks for watching and i'll see you in the next
video"): left between phrases they do not make the text speech."""


def _starts_a_phrase(words: str, phrases: Sequence[str]) -> bool:
    """True when the normalised ``words`` are the first words (not all) of one of ``phrases``."""
    return any(normalize(p).startswith(f"{words} ") for p in phrases)


VIDEO_WORDS = frozenset(
    {
        "watching",
        "video",
        "subscribe",
        "channel",
        "subtitles",
        "captions",
        "amara",
        "comments",
        "comment",
        "description",
    }
)
"""Words of an outro that only a video has: a tail of outro phrases holding one of them is never a caller's."""


def outro_tail(words: Sequence[str], phrases: Sequence[str]) -> int:
    """How many leading ``words`` (Whisper's, punctuation attached) come before a subtitle outro that ends the
    decode after a sentence ("Is it the fitted one? Thanks for watching."): the outro must start after a word
    ending in ``. ? ! ,``, be made only of ``phrases`` (:func:`is_hallucination_phrase`) and hold a word only a
    video has (:data:`VIDEO_WORDS`), so a closing "see you next time" is kept. ``len(words)`` when there is none.
    """
    if VIDEO_WORDS.isdisjoint(normalize(" ".join(words)).split()):
        return len(words)
    for k in range(1, len(words)):
        if not words[k - 1].rstrip().endswith((".", "?", "!", ",")):
            continue
        tail = " ".join(words[k:])
        if is_hallucination_phrase(tail, phrases) and not VIDEO_WORDS.isdisjoint(normalize(tail).split()):
            return k
    return len(words)


def max_consecutive_repeats(words: Sequence[str], n: int) -> int:
    """Longest run of the same ``n``-word phrase repeated back to back (1 when nothing repeats)."""
    best = 1 if len(words) >= n else 0
    for offset in range(n):
        run = 1
        prev: tuple[str, ...] | None = None
        for i in range(offset, len(words) - n + 1, n):
            gram = tuple(words[i : i + n])
            run = run + 1 if gram == prev else 1
            prev = gram
            best = max(best, run)
    return best


def repeat_share(words: Sequence[str], n: int = 3) -> float:
    """The share (0-1) of the ``n``-word sequences of ``words`` that repeat one earlier in the same list,
    wherever it is (case and punctuation ignored, see :func:`~coach.asr.textnorm.word_key`): 0 for ordinary
    speech, high when the recogniser looped on a phrase, even with other words between the repeats (which
    :func:`max_consecutive_repeats` does not see)."""
    keys = [k for k in (word_key(w) for w in words) if k]
    grams = [tuple(keys[i : i + n]) for i in range(len(keys) - n + 1)]
    if not grams:
        return 0.0
    return (len(grams) - len(set(grams))) / len(grams)


def is_repetitive(text: str, ratio: float, cfg: GuardConfig) -> bool:
    """Loop detector: gzip ratio above the limit, or a word / 2..``max_loop_ngram``-word phrase repeated
    back to back."""
    if ratio > cfg.compression_ratio_max:
        return True
    words = normalize(text).split()
    if max_consecutive_repeats(words, 1) >= cfg.max_word_repeats:
        return True
    longest = min(cfg.max_loop_ngram, len(words) // cfg.max_ngram_repeats)
    return any(max_consecutive_repeats(words, n) >= cfg.max_ngram_repeats for n in range(2, longest + 1))


def clean_prefix(words: Sequence[str], cfg: GuardConfig) -> int:
    """How many leading ``words`` come before a loop starts (all of them when there is none).

    Used to keep the real words of a decode that ends in a Whisper loop ("... password 4242.C.C.C.C");
    the looping phrase is kept once."""
    for k in range(1, len(words) + 1):
        text = " ".join(words[:k])
        if is_repetitive(text, compression_ratio(text), cfg):
            return _drop_trailing_repeats(words, k - 1, cfg.max_loop_ngram)
    return len(words)


def _drop_trailing_repeats(words: Sequence[str], k: int, longest: int) -> int:
    """Shorten ``words[:k]`` so that a phrase of 1..``longest`` words repeated at its end appears only once,
    with no part of a next repeat after it ("the way, the kettle is on the way, the kettle" keeps "the
    kettle is on the way" once, wherever in its period the loop was cut)."""
    keys = [normalize(w) for w in words[:k]]
    for n in range(1, longest + 1):
        start = k - n  # the periodic tail (period n) of keys[:k] begins at start
        while start > 0 and keys[start - 1] == keys[start - 1 + n]:
            start -= 1
        if k - start >= 2 * n:
            k = start + n
            keys = keys[:k]
    return k


def words_per_second(n_words: int, duration_s: float) -> float:
    """Word rate over the decoded audio; 0 for empty audio."""
    return n_words / duration_s if duration_s > 0 else 0.0


def word_span_s(result: DecodeResult) -> float:
    """Seconds from the first word's start to the last word's end (0 without word times)."""
    return result.words[-1].end - result.words[0].start if result.words else 0.0


def check_decode(result: DecodeResult, cfg: GuardConfig, *, speech_fraction: float | None = None) -> Verdict:
    """Judge one decode. ``speech_fraction`` is the share of the decoded audio the VAD called speech
    (``None`` when unknown). Empty text is accepted (nothing to drop)."""
    text = result.text.strip()
    if not text:
        return ACCEPT
    if is_silence(result.no_speech_prob, result.avg_logprob, cfg):
        return Verdict(False, "no_speech")
    if result.avg_logprob < cfg.avg_logprob_min:
        return Verdict(False, "low_logprob")
    if speech_fraction is not None and speech_fraction < cfg.min_speech_fraction:
        return Verdict(False, "not_speech")
    if is_hallucination_phrase(text, cfg.hallucinations):
        return Verdict(False, "hallucination_phrase")
    if is_hallucination_phrase(text, (*cfg.hallucinations, *cfg.weak_hallucinations)):
        mean_p = (sum(w.probability for w in result.words) / len(result.words)) if result.words else 0.0
        if result.no_speech_prob > cfg.weak_no_speech_prob or mean_p < cfg.weak_word_prob:
            return Verdict(False, "weak_hallucination")
    if is_repetitive(text, result.compression_ratio, cfg):
        return Verdict(False, "repetition")
    n_words = len(result.words) or len(text.split())
    if words_per_second(n_words, max(result.duration_s, cfg.rate_min_s)) > cfg.max_words_per_s:
        return Verdict(False, "word_rate")
    if result.words and words_per_second(n_words, max(word_span_s(result), cfg.rate_min_s)) > cfg.max_words_per_span_s:
        return Verdict(False, "word_span_rate")
    return ACCEPT


LOOP_REASONS = frozenset({"trimmed_loop", "repetition"})
"""Verdicts of :func:`judge` for a decode that loops: the words before the loop kept, or none."""


def loop_kept(result: DecodeResult, cfg: GuardConfig) -> int | None:
    """How many of ``result.words`` :func:`judge` keeps when it cuts or rejects the decode for a loop (a loop on
    a subtitle outro excepted: that is an outro, told apart by its own reason); ``None`` when it does not."""
    verdict, keep = judge(result, cfg)
    return keep if verdict.reason in LOOP_REASONS else None


def judge(result: DecodeResult, cfg: GuardConfig, *, speech_fraction: float | None = None) -> tuple[Verdict, int]:
    """:func:`check_decode`, except that a decode rejected only for a loop keeps the words before the
    loop, and an accepted decode ending in a subtitle outro after its speech (:func:`outro_tail`) loses the
    outro (``trimmed_outro``). Returns the verdict and how many of ``result.words`` to keep (0 when rejected)."""
    verdict = check_decode(result, cfg, speech_fraction=speech_fraction)
    if verdict.ok:
        keep = outro_tail([w.word for w in result.words], cfg.hallucinations)
        return (verdict if keep == len(result.words) else Verdict(True, "trimmed_outro")), keep
    if verdict.reason == "repetition":
        words = [w.word.strip() for w in result.words]
        keep = clean_prefix(words, cfg)
        if keep and is_hallucination_phrase(" ".join(words[:keep]), cfg.hallucinations):
            return Verdict(False, "hallucination_loop"), 0  # a loop on a subtitle outro: nothing real before it
        if keep:
            return Verdict(True, "trimmed_loop"), keep
    return verdict, 0
