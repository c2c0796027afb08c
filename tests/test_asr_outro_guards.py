"""Whisper's subtitle outros on a short or noisy turn (session 27, A23): a loop of a long phrase, an outro
cut short at the end of the audio, words crammed into a short span. Decodes are built here (lines written
for the test); the last test runs the real model on real speech to show the guards leave it alone."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio, get_engine
from coach.asr.guards import check_decode, is_hallucination_phrase, is_repetitive, judge, word_span_s
from coach.asr.stream import LaneTranscriber
from coach.types import SAMPLE_RATE, AudioChunk, Lane, seconds_to_samples

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


def _scripted(req, words: list[tuple[str, float, float]]) -> DecodeResult:
    """The decode of ``req`` holding ``words`` (``(word, start_s, end_s)`` in lane seconds) that its audio covers."""
    lo, hi = req.start / SAMPLE_RATE, (req.start + len(req.pcm)) / SAMPLE_RATE
    kept = tuple(DecodedWord(s - lo, e - lo, " " + w, 0.9) for w, s, e in words if s >= lo - 0.01 and e <= hi)
    text = "".join(w.word for w in kept).strip()
    return DecodeResult(text, kept, -0.3, 0.02, compression_ratio(text), len(req.pcm) / SAMPLE_RATE)


QUESTION = "is it the fitted one or the plain one"


@pytest.mark.parametrize("fallback", [True, False])
def test_a_final_dropped_as_an_outro_falls_back_to_what_the_partials_heard(fallback):
    """An agent turn "is it the fitted one or the plain one" (0.2-2.6 s; a final decode, not its last
    partial): the partials hear it, the final's decode writes an outro loop crammed into 1.5 s. With
    ``final_heard_fallback`` the final holds the partials' words; without, only those they committed."""
    said = [(w, 0.2 + 0.3 * i, 0.45 + 0.3 * i) for i, w in enumerate(QUESTION.split())]
    pcm = np.zeros(seconds_to_samples(3.2), np.float32)
    noise = np.random.default_rng(5).uniform(-0.2, 0.2, len(pcm)).astype(np.float32)
    for _, s, e in said:
        pcm[seconds_to_samples(s) : seconds_to_samples(e)] = noise[seconds_to_samples(s) : seconds_to_samples(e)]
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(agent_final_from_partial=False, final_heard_fallback=fallback))
    lane.speech_started(seconds_to_samples(0.2))
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        if (req := lane.take_partial()) is not None:
            lane.apply(req, _scripted(req, said), lane.position)
    lane.speech_ended(seconds_to_samples(2.7))
    final = lane.next_final()
    assert final is not None and final.kind == "final"
    outro = (
        "thank you for watching see you in the next video see you in the next video see you in the next video see you"
    )
    looped = [(w, 0.6 + 0.06 * i, 0.6 + 0.06 * i) for i, w in enumerate(outro.split())]
    (event,) = lane.apply(final, _scripted(final, looped), lane.position)
    assert event.data["final"]
    got = [w["w"] for w in event.data["words"]]
    committed = [w.text.strip() for w in final.committed]  # the words the partials agreed on: kept either way
    assert got[: len(committed)] == committed and got == [w for w, _, _ in said][: len(got)]
    if fallback:  # and the latest partial's words after them
        assert len(got) >= len(committed) + 2 and len(got) >= 7 and lane.counters.finals_from_heard == 1
    else:
        assert got == committed and lane.counters.finals_from_heard == 0
    assert lane.counters.rejected["hallucination_phrase"] == 1
