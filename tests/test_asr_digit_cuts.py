"""A long turn cut just after a number (issue 11, demo-instruct): the piece after the cut hears the number's
audio as context, and Whisper writes it otherwise there ("1234" where the piece before wrote "1 -234")."""

from __future__ import annotations

import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeResult
from coach.asr.stream import LaneTranscriber
from coach.asr.textnorm import word_key
from coach.types import AudioChunk, Lane, seconds_to_samples
from tests.test_asr_stream import _decoded, _said, _timed, keys


@pytest.mark.parametrize("digit_runs", [True, False])
def test_a_cut_after_a_number_written_otherwise_in_the_next_piece_loses_and_doubles_nothing(digit_runs):
    """Settled cut (3 s) in the 0.5 s pause after "1 -234,"; the next piece's decodes start up to 2 s before
    the cut and write the number as one word "1234,". With ``align_digit_runs`` the turn's finals hold every
    word once, in order; without, the text alignment of the context took "you" for the number's second
    word: "you" lost (the class behind demo-instruct's "1-234, can try")."""
    before = _timed("to ring the console if you dial 1 -234,", 0.2, 0.3, length=0.25)
    after = _timed("you can try to ring the console now", before[-1][2] + 0.5, 0.3, length=0.25)
    words = before + after
    pcm = _said(words, after[-1][2] + 1.0)
    config = AsrConfig(settle_cut_s=3.0, final_from_partial=False, align_digit_runs=digit_runs)
    lane = LaneTranscriber(Lane.AGENT, config)
    number = before[-2:]

    def heard(req) -> DecodeResult:
        lo, hi = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
        said = [w for w in words if w[1] >= lo - 0.01 and w[2] <= hi]
        if lane.counters.cuts and all(w in said for w in number):  # a decode of the piece after the cut
            i = said.index(number[0])
            said[i : i + 2] = [("1234,", number[0][1], number[1][2])]
        return _decoded(req, said)

    events = []
    lane.speech_started(seconds_to_samples(0.2))
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        if (req := lane.take_partial()) is not None:
            lane.apply(req, heard(req), lane.position)
        events += lane.drain_ready(lane.position)
    lane.speech_ended(len(pcm) - seconds_to_samples(0.4))
    while (req := lane.next_final()) is not None:
        events += lane.apply(req, heard(req), lane.position)
    out = [k for e in events if e.data["final"] for k in keys(e)]
    assert lane.counters.cuts == 1
    want = [word_key(w) for w, _, _ in words]
    assert out == (want if digit_runs else want[: len(before)] + want[len(before) + 1 :])
