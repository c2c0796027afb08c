"""A final decoded again with the lane's next speech (``[asr] revise_with_next``, coach/asr/revision.py): when the
request is made, which words are kept, when the revision is sent (A50's rule), and the call's gate that admits a
revision only of its own final. Scripted decodes of a real :class:`LaneTranscriber` (times from the audio), then
jfk through the real tiny.en model: "And so am I fellow Americans" revised to "my"."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio, get_engine
from coach.asr.replay import finals, replay
from coach.asr.revision import REVISED, RevisionGate, revised_texts
from coach.asr.segments import speech_segments
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import LaneTranscriber
from coach.asr.textnorm import word_key
from coach.timeline import render_event
from coach.types import AudioChunk, Event, Lane, seconds_to_samples
from training.asr_corpus import jfk

FIRST = [("And", 0.5, 0.7), ("so", 0.8, 1.0), ("am", 1.1, 1.3), ("I", 1.3, 1.4), ("fellow", 1.5, 1.8)]
HEARD_AGAIN = [("And", 0.5, 0.7), ("so", 0.8, 1.0), ("my", 1.1, 1.4), ("fellow", 1.5, 1.8)]
NEXT = [("ask", 3.0, 3.3), ("not", 3.4, 3.7)]


def _decoded(req, words: list[tuple[str, float, float]], p: float) -> DecodeResult:
    """A scripted decode of ``req``: ``(word, start_s, end_s)`` in call seconds, each of probability ``p``."""
    offset = req.start / 16_000
    decoded = tuple(DecodedWord(s - offset, e - offset, " " + w, p) for w, s, e in words)
    text = "".join(w.word for w in decoded).strip()
    return DecodeResult(text, decoded, -0.2, 0.01, compression_ratio(text), len(req.pcm) / 16_000)


def _said(seconds: float, spans: list[tuple[float, float]]) -> np.ndarray:
    """``seconds`` of audio: deterministic noise where ``spans`` are said, silence between."""
    pcm = np.zeros(seconds_to_samples(seconds), np.float32)
    noise = np.random.default_rng(7).uniform(-0.17, 0.17, len(pcm)).astype(np.float32)
    for s, e in spans:
        a, b = seconds_to_samples(s), seconds_to_samples(e)
        pcm[a:b] = noise[a:b]
    return pcm


def _two_turns(
    *, next_at: float = 2.9, next_end: float = 6.0, loaded: bool = False, revise: bool = True, p: float = 0.7
):
    """An agent lane saying FIRST (0.5-1.8 s, its final decoded with probability ``p``) then speaking again from
    ``next_at`` to ``next_end``; returns the lane, the final event and the requests queued after it (the revision's,
    if any; the next turn's final is decoded and left out)."""
    lane_id = Lane.AGENT
    config = AsrConfig(revise_with_next=revise, partials=False, final_from_partial=False, provisional_end_s=0.0)
    lane = LaneTranscriber(lane_id, config)
    lane.set_loaded(loaded)
    pcm = _said(6.5, [(0.5, 1.8), (next_at, next_end)])
    step = 1600
    final = None
    queued = []
    for pos in range(0, len(pcm), step):
        lane.push(AudioChunk(lane_id, pos, pcm[pos : pos + step]))
        at = pos + step
        if at == seconds_to_samples(0.6):
            lane.speech_started(seconds_to_samples(0.5))
        if at == seconds_to_samples(2.3):
            lane.speech_ended(seconds_to_samples(1.8))
            req = lane.next_final()
            (final,) = lane.apply(req, _decoded(req, FIRST, p), lane.position)
        if at == seconds_to_samples(next_at + 0.2):
            lane.speech_started(seconds_to_samples(next_at))
        if at == seconds_to_samples(next_end + 0.5):
            lane.speech_ended(seconds_to_samples(next_end))
            req = lane.next_final()
            lane.apply(req, _decoded(req, NEXT, p), lane.position)
        queued += lane.take_finals()
    return lane, final, queued


@pytest.mark.parametrize("next_end", [6.0, 3.7], ids=["next-turn-goes-on", "next-turn-short"])
def test_a_final_followed_soon_by_the_lanes_next_speech_is_decoded_again_with_its_first_seconds(next_end):
    lane, final, (req,) = _two_turns(next_end=next_end)  # a short next turn: its end trims none of that audio
    assert req.revises is not None and req.revises.utt == 1
    # the final's padded audio (pre_pad_s 0.4 before 0.5 s), the pause, and revise_lookahead_s (2 s) of the next speech
    assert req.start == seconds_to_samples(0.1) and req.start + len(req.pcm) == seconds_to_samples(2.9 + 2.0)
    (event,) = lane.apply(req, _decoded(req, HEARD_AGAIN + NEXT, 0.85), lane.position)
    assert event.type == REVISED and event.data["text"] == "And so my fellow"  # "ask not" lies in the next speech
    assert event.data["utt"] == event.data["revises"] == final.data["utt"] == "agent-1"
    assert (event.t, event.data["end"], event.data["final"]) == (final.t, final.data["end"], True)
    assert lane.counters.revisions_requested == lane.counters.revised == 1


@pytest.mark.parametrize(
    "kwargs", [{"next_at": 3.4}, {"loaded": True}, {"revise": False}], ids=["gap-1.6s", "under-load", "off"]
)
def test_no_second_decode_after_a_long_pause_under_load_or_off(kwargs):
    lane, final, queued = _two_turns(**kwargs)
    assert final.data["text"] == "And so am I fellow" and queued == [] and lane.counters.revisions_requested == 0


@pytest.mark.parametrize(
    "words, p",
    [(FIRST, 0.9), (HEARD_AGAIN, 0.6), ([], 0.9)],
    ids=["same-words-surer", "other-words-less-sure", "nothing-heard"],
)
def test_the_revision_is_sent_only_for_other_words_heard_surer(words, p):
    lane, _, (req,) = _two_turns()
    assert lane.apply(req, _decoded(req, words + NEXT, p), lane.position) == []
    assert lane.counters.revised == 0


def _final(utt: str, t: float, end: float, text: str) -> Event:
    speaker = utt.split("-")[0]
    return Event("transcript", t, end + 0.5, {"speaker": speaker, "utt": utt, "end": end, "text": text, "final": True})


def _revision(utt: str, t: float, end: float, text: str, speaker: str | None = None, revises: str | None = None):
    data = {"speaker": speaker or utt.split("-")[0], "utt": utt, "revises": revises or utt, "end": end}
    return Event(REVISED, t, end + 3.0, data | {"text": text, "final": True})


def test_the_gate_admits_one_revision_of_its_own_calls_final_and_refuses_the_rest():
    gate = RevisionGate()
    heard = [_final("agent-1", 0.5, 1.8, "And so am I"), _final("customer-1", 2.0, 3.0, "Hello")]
    kept, revised = gate.split(heard)
    assert kept == heard and revised == []
    mine = _revision("agent-1", 0.5, 1.8, "And so my")
    others = [
        _revision("agent-2", 4.0, 5.0, "never said"),  # no such final in this call
        _revision("agent-1", 7.5, 8.8, "another call's agent-1"),  # another call's: another piece start
        _revision("agent-1", 0.5, 1.8, "customer names agent-1", speaker="customer"),  # another lane's
        _revision("customer-1", 2.0, 3.0, "Hello", speaker="agent"),  # the agent revising the customer's
        _revision("customer-1", 2.0, 3.0, "Hello there", revises="agent-1"),  # names another utt
        _revision("customer-1", 2.0, 3.5, "Hello there"),  # another end
    ]
    kept, revised = gate.split([*others, mine, mine])
    assert kept == [] and revised == [mine]  # the second copy is refused: one revision per final
    assert gate.refused == len(others) + 1


@pytest.fixture(scope="module")
def jfk_events(shared_data):
    clip = jfk()
    segments = speech_segments(clip.pcm)
    out = {}
    for on in (False, True):  # finals only (partials off): the revision is a final's decode
        config = AsrConfig(revise_with_next=on, partials=False)
        stage = TranscriptionStage(config, engine=get_engine(AsrConfig()), lanes=[Lane.AGENT])
        out[on] = replay(stage, {Lane.AGENT: clip.pcm}, {Lane.AGENT: segments})
    return out


def test_jfk_first_piece_is_revised_to_my_fellow_americans_and_nothing_else_changes(jfk_events):
    off, on = jfk_events[False], jfk_events[True]
    assert [e.data["text"] for e in finals(on)] == [e.data["text"] for e in finals(off)]  # finals as before
    assert not [e for e in off if e.type == REVISED]
    (revised,) = [e for e in on if e.type == REVISED]
    first = finals(on)[0]
    assert revised.data["revises"] == first.data["utt"] and revised.t == first.t
    before = [word_key(w["w"]) for w in first.data["words"]]
    after = [word_key(w["w"]) for w in revised.data["words"]]
    assert "am" in before and after == ["and", "so", "my", "fellow", "americans"]
    assert revised.at > first.at and RevisionGate().split(on)[1] == [revised]


def test_the_benches_score_the_revised_words_and_the_timeline_prints_the_revision_under_its_final():
    first, customer = _final("agent-1", 0.5, 1.8, "And so am I"), _final("customer-1", 2.0, 3.0, "Hello")
    events = [first, customer, _revision("agent-1", 0.5, 1.8, "And so my"), _revision("customer-1", 9.0, 9.5, "Hi")]
    assert revised_texts(e.to_dict() for e in events) == {"agent-1": "And so my"}  # the customer's: another piece
    lines = [render_event(e.to_dict()) for e in events[:3]]
    assert lines[0].endswith("agent: And so am I") and "agent: And so my  (revised" in lines[2]
