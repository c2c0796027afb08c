"""Whisper's subtitle outros as a class (session 30, A24): the many ways one outro is worded ("thank you very much
for watching, I will see you in the next video"), an outro written after real words, and the ``asr.withheld`` event
that says a final's words were kept from the transcript (reason and count, never the text). Decodes are built here
from lines written for the test; nothing is decoded."""

from __future__ import annotations

import json

import numpy as np
import pytest

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio
from coach.asr.guards import check_decode, is_hallucination_phrase, judge, outro_form, outro_tail
from coach.asr.replay import replay
from coach.asr.stage import TranscriptionStage
from coach.types import SAMPLE_RATE, Lane, seconds_to_samples

CFG = GuardConfig()
ALL = (*CFG.hallucinations, *CFG.weak_hallucinations)


def decode(
    text: str, *, start: float = 0.3, step: float = 0.32, p: float = 0.85, duration: float = 0.0
) -> DecodeResult:
    """``text`` as a confident decode spaced like speech: a word every ``step`` s from ``start``."""
    words = tuple(
        DecodedWord(start + i * step, start + i * step + 0.8 * step, " " + w, p) for i, w in enumerate(text.split())
    )
    return DecodeResult(
        text, words, -0.3, 0.02, compression_ratio(text), duration or start + len(words) * step + 0.5, 0.05
    )


@pytest.mark.parametrize(
    "text",
    [
        "Thanks so much for watching!",
        "Thank you all for watching, and we will see you in the next one.",
        "Thanks a lot for watching this video. I will see you guys on the next episode.",
        "We hope you liked this video. Don't forget to like and subscribe.",
        "Remember to subscribe to our channel.",
        "Let us know in the comments below! Check out the links in the description.",
        "See you all in the next video. Bye.",  # with "bye" only where the evidence is weak (below)
    ],
)
def test_the_ways_one_outro_is_worded_fold_to_the_listed_outros(text):
    assert is_hallucination_phrase(text, ALL)


def test_a_folded_outro_is_dropped_even_when_the_decode_is_confident():
    text = "Thank you so very much for watching, and I will see you all in the next one"
    assert outro_form("thank you so very much for watching") == "thank you for watching"
    verdict = check_decode(decode(text), CFG)
    assert not verdict.ok and verdict.reason == "hallucination_phrase"


@pytest.mark.parametrize(
    "text",
    [
        "Thank you very much.",  # a real closing: folded only before "for watching"
        "Thank you very much for your patience.",
        "Thanks so much for calling, see you next week.",
        "I will see you on Tuesday at the depot.",
        "We'll see you in the next few days with the part.",
        "Thanks for watching the dog while we were away.",
        "I hope you enjoyed your stay with us.",
        "I can't subscribe to the channel on my new box.",
        "Please subscribe me to the newsletter.",
        "It's in the description below the photo.",
        "Let me know in the morning.",
    ],
)
def test_look_alikes_that_a_caller_says_are_not_outros(text):
    assert not is_hallucination_phrase(text, CFG.hallucinations)
    assert check_decode(decode(text), CFG).ok
    verdict, keep = judge(decode(text), CFG)
    assert verdict.ok and verdict.reason == "" and keep == len(text.split())


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Could you read me the postcode, please? Thanks for watching!", 7),
        ("Right, that's booked for Friday. Thank you very much for watching, I will see you in the next video.", 5),
        ("Is it the plain one or the fitted one? Please like and subscribe.", 9),
    ],
)
def test_an_outro_written_after_real_words_is_trimmed_and_the_words_kept(text, kept):
    verdict, keep = judge(decode(text), CFG)
    assert verdict.ok and verdict.reason == "trimmed_outro" and keep == kept


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for calling. See you next time.",  # a closing: no word only a video has
        "Okay, thank you for watching the shop for me.",  # words after the outro's words: speech
        "You said you can't subscribe to my channel",  # no sentence break before it
    ],
)
def test_a_tail_that_could_be_said_on_a_call_is_kept(text):
    assert outro_tail(text.split(), CFG.hallucinations) == len(text.split())
    assert judge(decode(text), CFG) == (check_decode(decode(text), CFG), len(text.split()))


def test_a_weak_outro_word_after_a_strong_outro_needs_weak_evidence():
    """A listed outro plus a word that is also real speech ("bye"): dropped only when the evidence is weak."""
    text = "See you all in the next video. Bye."
    assert check_decode(decode(text, p=0.85), CFG).ok
    verdict = check_decode(decode(text, p=0.3), CFG)
    assert not verdict.ok and verdict.reason == "weak_hallucination"


SAID_WORDS = ["could", "I", "take", "the", "first", "line", "of", "the", "address", "please"]


def _stage_run(final_text: str) -> list:
    """One agent turn (0.5-3.5 s of audio) through a sync stage without partials; its final decode is
    ``final_text``."""

    def decoder(pcm: np.ndarray, prompt: str | None = None) -> DecodeResult:
        return decode(final_text, duration=len(pcm) / SAMPLE_RATE)

    stage = TranscriptionStage(AsrConfig(partials=False, final_from_partial=False), decode=decoder, lanes=[Lane.AGENT])
    pcm = np.random.default_rng(3).uniform(-0.2, 0.2, seconds_to_samples(4.5)).astype(np.float32)
    pcm[: seconds_to_samples(0.5)] = 0.0
    pcm[seconds_to_samples(3.5) :] = 0.0
    return replay(stage, {Lane.AGENT: pcm}, {Lane.AGENT: [(seconds_to_samples(0.5), seconds_to_samples(3.5))]})


def test_a_final_that_is_only_an_outro_is_withheld_with_an_event_that_holds_no_text():
    outro = "Thank you very much for watching and I will see you in the next video"
    events = _stage_run(outro)
    (withheld,) = [e for e in events if e.type == "asr.withheld"]
    data = withheld.to_dict()
    assert data["reason"] == "hallucination_phrase" and data["words"] == len(outro.split())
    assert data["speaker"] == "agent" and data["replaced_by"] == "" and data["end"] == pytest.approx(3.5, abs=0.3)
    assert "text" not in data and "watching" not in json.dumps(data)
    assert not [e for e in events if e.type == "transcript" and "watching" in e.data.get("text", "")]


def test_a_final_with_an_outro_after_its_words_keeps_the_words_and_says_what_it_withheld():
    said = " ".join(SAID_WORDS) + "? Thanks for watching!"
    events = _stage_run(said)
    (withheld,) = [e for e in events if e.type == "asr.withheld"]
    assert withheld.data["reason"] == "trimmed_outro" and withheld.data["words"] == 3
    (final,) = [e for e in events if e.type == "transcript" and e.data["final"]]
    assert final.data["text"].rstrip("?").split() == SAID_WORDS


def test_a_clean_final_gives_no_withheld_event():
    events = _stage_run(" ".join(SAID_WORDS))
    assert not [e for e in events if e.type == "asr.withheld"]
    (final,) = [e for e in events if e.type == "transcript" and e.data["final"]]
    assert final.data["text"].split() == SAID_WORDS


def test_partials_ending_in_an_outro_keep_their_words_and_never_show_the_outro():
    """With partials on, every decode of the turn ends in an outro: the partials shown hold the words, never the
    outro, and are not skipped whole (as a looping partial is)."""
    said = " ".join(SAID_WORDS) + ". Thanks so much for watching!"

    def decoder(pcm: np.ndarray, prompt: str | None = None) -> DecodeResult:
        return decode(said, duration=len(pcm) / SAMPLE_RATE)

    stage = TranscriptionStage(AsrConfig(final_from_partial=False), decode=decoder, lanes=[Lane.AGENT])
    pcm = np.random.default_rng(4).uniform(-0.2, 0.2, seconds_to_samples(5.0)).astype(np.float32)
    pcm[seconds_to_samples(4.0) :] = 0.0
    events = replay(stage, {Lane.AGENT: pcm}, {Lane.AGENT: [(0, seconds_to_samples(4.0))]})
    shown = [e for e in events if e.type == "transcript"]
    assert [e for e in shown if not e.data["final"]], "no partial shown"
    assert all("watching" not in e.data["text"].lower() for e in shown)
    # partials too short for all the words are rejected for their word rate, under that reason (not "repetition")
    assert stage.stats.rejected["trimmed_outro"] >= 2 and not stage.stats.rejected["repetition"]
