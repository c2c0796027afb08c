"""The final-window benches (A20): ``scripts/bench_asr_wer.py --compare`` replays each clip once per
``[asr]`` setting, the settings interleaved, a decode the variants share (same audio, prompt, options)
decoded once, and reports each variant's WER and the clips whose texts differ; ``scripts/bench_asr_backend.py
--final-windows`` names one-call final windows. Scripted decoder (no model); the figures themselves are
measurements, not asserted."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import FULL_WINDOW_S, DecodeOptions, DecodeResult
from tests.scripted_words import BLOCK, scripted_audio
from tests.test_asr_stage import scripted_decoder
from training.asr_corpus import Clip

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _load(name: str) -> object:
    sys.path.insert(0, str(SCRIPTS))
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


wer_bench = _load("bench_asr_wer")
backend_bench = _load("bench_asr_backend")
contention_bench = _load("bench_asr_contention")


class ShortWindowLosesLastWord:
    """A scripted engine: every decode reads the words back; a decode on an encoder window shorter than
    30 s drops its last word (a short window's loss, made visible). Counts its decodes by beam."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, float]] = []
        self._full_encode = lambda features: features  # what EncoderTally wraps

    def transcribe(self, pcm: np.ndarray, *, prompt: str | None = None, options: DecodeOptions) -> DecodeResult:
        self.calls.append((options.beam_size, options.encoder_window_s))
        result = scripted_decoder(pcm, prompt)
        if options.encoder_window_s < FULL_WINDOW_S and result.words:
            words = result.words[:-1]
            result = DecodeResult("".join(w.word for w in words).strip(), words, -0.2, 0.01, 1.2, result.duration_s)
        return result


def _clips() -> list[Clip]:
    return [
        Clip("one", scripted_audio([0, 1, 2, 3, 0, 0, 0, 0]), "w1 w2 w3"),
        Clip("two", scripted_audio([0, 4, 5, 6, 7, 0, 0, 0, 0]), "w4 w5 w6 w7"),
    ]


def _speech(pcm: np.ndarray) -> list[tuple[int, int]]:
    """The scripted speech's blocks as one segment (what a VAD would report)."""
    loud = np.flatnonzero(pcm != 0.0)
    return [(int(loud[0]), int(loud[-1]) + 1)]


def test_compare_scores_each_setting_on_the_same_clips_and_shares_the_decodes_they_have_in_common(capsys) -> None:
    engine = ShortWindowLosesLastWord()
    clips = _clips()
    offline = {c.name: c.text for c in clips}
    out = wer_bench.compare_settings(
        clips,
        AsrConfig(),
        engine,
        offline,
        ["base:", "same:final_encoder_window_s=30", "w10:final_encoder_window_s=10+final_encoder_pad_s=4"],
        diffs=True,
        segments_of=_speech,
    )
    assert out["base"]["wer"] == 0.0 and out["same"]["wer"] == 0.0
    assert out["base"]["texts"] == {"one": "w1 w2 w3", "two": "w4 w5 w6 w7"} == out["same"]["texts"]
    assert out["w10"]["texts"] == {"one": "w1 w2", "two": "w4 w5 w6"}
    assert out["w10"]["wer"] == pytest.approx(2 / 7)
    # the 30 s setting is the base's options: every one of its decodes was shared; the 10 s window decoded
    # only its finals (beam 5 on a 10 s window), its greedy partials shared with the base
    assert set(engine.calls) == {(1, 30.0), (5, 30.0), (5, 10.0)}
    assert out["shared"]["decoded"] == len(engine.calls)
    assert out["shared"]["reused"] >= 2 * engine.calls.count((1, 30.0))  # each partial the base ran, asked twice more
    assert out["same"]["cpu"] >= 0.0 and out["w10"]["frames"] == 0  # the scripted engine runs no encoder
    printed = capsys.readouterr().out
    assert "| w10 | final_encoder_window_s=10+final_encoder_pad_s=4 | 0.286 |" in printed
    assert "one\n  ref: w1 w2 w3\n" in printed and "  w10: w1 w2  (WER 0.333)" in printed


def test_shared_decodes_decode_once_per_audio_prompt_and_options() -> None:
    engine = ShortWindowLosesLastWord()
    shared = wer_bench.SharedDecodes(engine)
    pcm = scripted_audio([1, 2])
    beam, short = DecodeOptions(beam_size=5), DecodeOptions(beam_size=5).within(10.0, 2.0)
    first = shared.transcribe(pcm, options=beam)
    assert shared.transcribe(pcm.copy(), options=beam) is first  # same samples, another array
    shared.transcribe(pcm, prompt="w9", options=beam)
    shared.transcribe(pcm, options=short)
    shared.transcribe(pcm[:BLOCK], options=beam)
    assert (shared.decoded, shared.reused) == (4, 1) and len(engine.calls) == 4
    assert shared.calls is engine.calls  # anything else is the engine's


def test_backend_final_windows_name_each_window_and_pad() -> None:
    ways = backend_bench.final_ways("30,20,15,10,15p4", 2.0)
    assert ways == {
        "beam": (30.0, 2.0),
        "beam20": (20.0, 2.0),
        "beam15": (15.0, 2.0),
        "beam10": (10.0, 2.0),
        "beam15p4": (15.0, 4.0),
    }
    # 30 s is the full window whatever the pad; a shorter one is the prompt + pad, at least the window
    full = DecodeOptions(beam_size=5)
    assert full.within(*ways["beam"]) is full
    assert full.within(*ways["beam15p4"]).encoder_frames(3.0) == 1500
    assert full.within(*ways["beam15p4"]).encoder_frames(12.0) == 1600


def test_contention_bench_packs_utterances_as_the_scheduler_does_and_keeps_every_sample_once() -> None:
    """``bench_asr_contention.py --pack K`` (session 48, A42): windows of up to K utterances, ``pack_gap_s`` of
    silence between them, never longer than ``pack_window_s`` (an utterance that does not fit starts the next
    window); every utterance's samples once, in order. ``--pack 1`` decodes each utterance alone."""
    config = AsrConfig(pack_gap_s=1.0, pack_window_s=10.0, partial_pack_s=10.0)
    rate = 16_000
    pcms = [np.full(int(seconds * rate), i + 1, dtype=np.float32) for i, seconds in enumerate([3, 3, 3, 2, 8, 1])]
    assert [len(w) for w in contention_bench.windows(pcms, 1, config)] == [len(p) for p in pcms]
    out = contention_bench.windows(pcms, 3, config)
    assert [round(len(w) / rate, 3) for w in out] == [7.0, 6.0, 10.0]  # 3+1+3 | 3+1+2 | 8+1+1 (3+1+3+1+3 > 10 s)
    assert all(len(w) <= config.pack_window_s * rate for w in out)
    heard = np.concatenate(out)
    assert [int(v) for v in heard[np.diff(heard, prepend=0) != 0] if v] == [1, 2, 3, 4, 5, 6]  # each once, in order
    assert np.count_nonzero(heard) == sum(len(p) for p in pcms)
