"""Guards against Whisper's failure modes: pure checks on crafted decodes, then the real model on
real silence, a telephone beep and white noise."""

from __future__ import annotations

import re

import numpy as np
import pytest

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio, get_engine
from coach.asr.guards import check_decode, is_hallucination_phrase, max_consecutive_repeats, repeat_share

CFG = GuardConfig()


@pytest.fixture(scope="module")
def engine():
    return get_engine(AsrConfig())


def result(
    text: str, *, duration: float = 3.0, no_speech: float = 0.05, logprob: float = -0.3, p: float = 0.9
) -> DecodeResult:
    words = tuple(DecodedWord(i * 0.3, i * 0.3 + 0.25, " " + w, p) for i, w in enumerate(text.split()))
    return DecodeResult(text, words, logprob, no_speech, compression_ratio(text), duration, 0.1)


def test_clear_speech_passes():
    assert check_decode(result("I'd like to check the status of my order please."), CFG).ok


@pytest.mark.parametrize(
    ("decode", "reason"),
    [
        (result("Thank you.", no_speech=0.95), "no_speech"),
        (result("so so", no_speech=0.7, logprob=-1.2), "no_speech"),
        (result("the bird flew", logprob=-1.9), "low_logprob"),
        (result("Thank you for watching!"), "hallucination_phrase"),
        (result("Subtitles by the Amara.org community"), "hallucination_phrase"),
        (result("Thank you.", no_speech=0.45), "weak_hallucination"),
        (result("you", p=0.2), "weak_hallucination"),
        (result("I'm going to go to the store. " * 6, duration=20.0), "repetition"),
        (result("no no no no no no", duration=3.0), "repetition"),
        (result(" ".join(f"w{i}" for i in range(30)), duration=2.0), "word_rate"),
    ],
)
def test_failure_modes_are_rejected_with_a_reason(decode, reason):
    verdict = check_decode(decode, CFG)
    assert not verdict.ok and verdict.reason == reason


def test_text_on_audio_the_vad_calls_silence_is_rejected():
    assert check_decode(result("Okay, let's go."), CFG, speech_fraction=0.05).reason == "not_speech"
    assert check_decode(result("Okay, let's go."), CFG, speech_fraction=0.9).ok


def test_real_speech_that_looks_like_a_weak_phrase_survives():
    assert check_decode(result("Thank you.", no_speech=0.02, p=0.95), CFG).ok
    assert check_decode(result("No, no, no, that's wrong."), CFG).ok


def test_phrase_and_repeat_helpers():
    assert is_hallucination_phrase("Thanks for watching. Please subscribe!", CFG.hallucinations)
    assert not is_hallucination_phrase("Thanks for watching the account for me", CFG.hallucinations)
    assert max_consecutive_repeats(["a", "b", "a", "b", "a", "b", "c"], 2) == 3
    assert max_consecutive_repeats(["a", "b", "c"], 1) == 1


def test_repeat_share_sees_a_loop_with_words_between_its_repeats():
    """A phrase looping with other words between (not back to back) is a loop to the share, not to the run."""
    loop = re.split(r" ", "the van is on its way, the van is on its way now, oh the van is on its way")
    assert max(max_consecutive_repeats([w.strip(",") for w in loop], n) for n in (2, 3, 4)) == 1  # not the guard
    assert repeat_share(loop) == pytest.approx(8 / 18)  # 'the van is on its way' twice again: 4 + 4 of 18
    assert repeat_share(["The", "Van,", "the", "van.", "THE", "VAN"]) == pytest.approx(2 / 4)  # case, "," ignored
    assert repeat_share(re.split(r" ", "your parcel left the depot at nine")) == 0.0
    assert repeat_share(["two", "words"]) == 0.0


@pytest.mark.parametrize("clip", ["silence", "beep", "noise"])
def test_real_model_output_on_non_speech_is_dropped(engine, clip, shared_data):
    from coach.asr.segments import speech_fraction, speech_segments
    from training.asr_corpus import load_audio

    if clip == "noise":
        pcm = np.random.default_rng(7).normal(0, 0.05, 16_000 * 3).astype(np.float32)
    else:
        name = {"silence": "silence/3", "beep": "beep"}[clip]
        pcm = load_audio(shared_data / "asr" / "asterisk_8k" / f"{name}.flac")
    decode = engine.transcribe(pcm)  # faster-whisper's own silence filter is off: Whisper says something
    fraction = speech_fraction(speech_segments(pcm), 0, len(pcm))
    assert fraction < CFG.min_speech_fraction
    assert not check_decode(decode, CFG).ok, (clip, decode.text, decode.no_speech_prob, decode.avg_logprob)
    assert not check_decode(decode, CFG, speech_fraction=fraction).ok


def test_real_model_output_on_speech_is_kept(engine, shared_data):
    from training.asr_corpus import jfk

    decode = engine.transcribe(jfk().pcm)
    assert decode.text and check_decode(decode, CFG, speech_fraction=0.7).ok


def test_clean_prefix_keeps_the_words_before_a_loop():
    from coach.asr.guards import clean_prefix

    words = [
        "the",
        "sample",
        "configuration",
        "has",
        "a",
        "user",
        "with",
        "password",
        "4242.U.U.C.C.C.C.C.C.C.C.C.C.C.C.C",
    ]
    assert clean_prefix(words, CFG) == len(words) - 1
    looped = ["press", "one", "to", "record"] + ["again"] * 8
    assert clean_prefix(looped, CFG) == 5
    assert clean_prefix(["a", "perfectly", "normal", "sentence"], CFG) == 4


def test_judge_keeps_the_words_before_a_loop_and_drops_pure_noise():
    from coach.asr.guards import judge

    looped = result("your password is 4242 " + "C. " * 30, duration=6.0)
    verdict, keep = judge(looped, CFG)
    assert verdict.ok and verdict.reason == "trimmed_loop" and keep == 5
    assert judge(result("Thank you for watching!"), CFG) == (
        check_decode(result("Thank you for watching!"), CFG),
        0,
    )
    clean = result("I'd like to check my order.")
    assert judge(clean, CFG) == (check_decode(clean, CFG), len(clean.words))
