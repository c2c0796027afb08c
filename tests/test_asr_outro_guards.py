"""Whisper's subtitle outros on a short or noisy turn (session 27, A23): a loop of a long phrase, an outro
cut short at the end of the audio, words crammed into a short span. Decodes are built here (lines written
for the test); the last test runs the real model on real speech to show the guards leave it alone."""

from __future__ import annotations

import pytest

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio, get_engine
from coach.asr.guards import check_decode, is_hallucination_phrase, is_repetitive, judge, word_span_s

CFG = GuardConfig()


def decode(text: str, *, start: float = 0.4, step: float = 0.3, duration: float = 6.0, p: float = 0.8) -> DecodeResult:
    """``text`` as a decode: one word every ``step`` seconds from ``start``, each 0.9 of a step long."""
    words = tuple(
        DecodedWord(start + i * step, start + i * step + 0.9 * step, " " + w, p) for i, w in enumerate(text.split())
    )
    return DecodeResult(text, words, -0.4, 0.05, compression_ratio(text), duration, 0.1)


OUTRO_LOOP = (
    "Thanks for watching, see you in the next video, see you in the next video, see you in the next video, see you"
)


def test_an_outro_that_ends_cut_short_inside_its_loop_is_a_hallucination():
    assert is_hallucination_phrase(OUTRO_LOOP, CFG.hallucinations)
    # spaced like speech, so only the phrase check can catch it
    verdict = check_decode(decode(OUTRO_LOOP, step=0.3, duration=8.0), CFG)
    assert not verdict.ok and verdict.reason == "hallucination_phrase"


def test_outros_joined_by_and_are_still_outros_but_a_real_word_between_them_is_speech():
    assert is_hallucination_phrase(
        "Thanks for watching, and I'll see you in the next video, see you", CFG.hallucinations
    )
    assert not is_hallucination_phrase(
        "Thanks for watching, and the parcel, see you in the next video", CFG.hallucinations
    )


@pytest.mark.parametrize(
    "text",
    [
        "see you",  # a cut tail alone is no outro
        "see you later then",
        "we'll see you in the shop on Friday",
        "thanks for watching the parcel for me, see you",  # not a phrase of the list before the tail
    ],
)
def test_a_cut_tail_counts_only_after_a_whole_outro(text):
    assert not is_hallucination_phrase(text, CFG.hallucinations)


def test_a_loop_of_a_five_word_phrase_is_a_loop_and_a_phrase_said_twice_is_not():
    looped = "we can post it today, we can post it today, we can post it today"
    assert is_repetitive(looped, compression_ratio(looped), CFG)
    twice = "I can send you a new one, I can send you a new one if you like"
    assert not is_repetitive(twice, compression_ratio(twice), CFG)
    # the four-word limit of before: the same loop is not seen
    narrow = GuardConfig(max_loop_ngram=4)
    assert not is_repetitive(looped, compression_ratio(looped), narrow)


def test_a_loop_of_a_long_phrase_keeps_the_words_before_it_once():
    text = "right then, the kettle is on the way, the kettle is on the way, the kettle is on the way"
    verdict, keep = judge(decode(text), CFG)
    assert verdict.ok and verdict.reason == "trimmed_loop"
    kept = [w.word.strip() for w in decode(text).words[:keep]]
    assert " ".join(kept) == "right then, the kettle is on the way,"


def test_a_loop_on_an_outro_is_dropped_whole_not_trimmed_to_the_outro():
    text = "thanks for watching, see you in the next video, see you in the next video, see you in the next video, right"
    verdict, keep = judge(decode(text), CFG)
    assert (verdict.ok, verdict.reason, keep) == (False, "hallucination_loop", 0)


def test_many_words_crammed_into_a_short_span_of_a_long_decode_are_rejected():
    text = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen"
    crammed = decode(text, start=1.0, step=0.1, duration=4.0)  # 16 words in 1.6 s; 4 w/s over the audio
    assert word_span_s(crammed) == pytest.approx(1.59)
    verdict = check_decode(crammed, CFG)
    assert not verdict.ok and verdict.reason == "word_span_rate"
    assert check_decode(decode(text, start=1.0, step=0.25, duration=4.5), CFG).ok  # 4 w/s: brisk speech
    # a short span counts as rate_min_s: three quick words are fine
    assert check_decode(decode("yes that's right", start=0.2, step=0.1, duration=1.5), CFG).ok


def test_real_speech_passes_every_guard_with_all_its_words(shared_data):
    from training.asr_corpus import jfk

    engine = get_engine(AsrConfig())
    result = engine.transcribe(jfk().pcm)
    verdict, keep = judge(result, CFG)
    assert verdict.ok and keep == len(result.words) > 15
    assert len(result.words) / word_span_s(result) < CFG.max_words_per_span_s / 2
