"""``[asr] final_loop_again_beam``: a beam final that loops is decoded again (docs/asr.md, "Session 42 (2026-12-06),
helper A36").

Now and then tiny.en's beam search repeats one word over the rest of a turn; the guards then keep only the words
before the loop (``trimmed_loop``), and the final loses the tail its partials heard (session 41, Q39: 10 of the 17
finals of the tuning calls that lost a tail). The clip is tuning call c949's agent refusal at 53.5 s (its rendered
agent lane from 0.4 s before the turn to 0.3 s after it, as its final decodes it): with beam 5 alone its final keeps
one word of 29. Real tiny.en, one thread, no clock: deterministic.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, get_engine
from coach.asr.guards import judge, loop_kept
from coach.asr.level import decode_audio
from coach.asr.replay import finals, replay
from coach.asr.stage import TranscriptionStage
from coach.asr.textnorm import wer
from coach.config import load_config
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE, Lane
from training.asr_corpus import jfk

CLIP = Path(__file__).parent / "data" / "asr" / "c949_agent_refusal.flac"
SAID = "No, we'd never do a second print once the pet's been cremated, there'd be no way to."
"""The agent's line at 53.5 s in scripts/calls/c949_hedgehog_cremation_feelings_ignored_refusal_no_close.toml."""


@pytest.fixture(scope="module")
def clip() -> np.ndarray:
    pcm, rate = sf.read(CLIP, dtype="float32")
    assert rate == SAMPLE_RATE
    return decode_audio(Lane.AGENT, pcm, AsrConfig())  # the agent lane's level, as its final hears it


def final_of(pcm: np.ndarray, config: AsrConfig):
    """``pcm`` decoded as a final with ``config`` (the sync stage's decode), with the words the guards keep and
    the encoder windows it ran."""
    engine = get_engine(config)
    result = engine.transcribe(pcm, options=DecodeOptions.final_from_config(config))
    verdict, keep = judge(result, config.guards)
    return result, verdict, keep, engine.last_encoder_frames()


def test_a_final_that_loops_is_decoded_again_greedily_and_keeps_the_words_said(clip):
    looped, verdict, keep, _ = final_of(clip, AsrConfig(final_loop_again_beam=0))
    assert verdict.reason == "trimmed_loop" and keep <= 2 < len(looped.words)  # beam 5 alone: the loop's first word
    assert loop_kept(looped, AsrConfig().guards) == keep
    again, verdict, kept, frames = final_of(clip, AsrConfig())
    assert AsrConfig().final_loop_again_beam == 1
    assert verdict.ok and not verdict.reason and kept == len(again.words) >= 10
    assert len(frames) > 1  # the loop's decode, then the greedy one
    said_before = " ".join(w.word for w in looped.words[:keep])
    assert wer(SAID, again.text) <= 0.5 and wer(SAID, said_before) >= 0.9  # the refusal heard, not one word of it
    assert all(0.0 <= w.start <= w.end <= len(clip) / SAMPLE_RATE + 0.1 for w in again.words)


def test_the_stages_final_keeps_the_refusal_its_partials_heard():
    """Through a ``sync`` :class:`TranscriptionStage` (the path of ``coach analyze``): the clip's turn (from 0.4 s to
    0.3 s before its end, as the VAD found it in the call) gives a final of the whole refusal, no words withheld;
    with the setting off, the guards withhold the loop and the final keeps only the words before it."""
    pcm, _ = sf.read(CLIP, dtype="float32")
    turn = (int(0.4 * SAMPLE_RATE), len(pcm) - int(0.3 * SAMPLE_RATE))
    out = {}
    for again in (1, 0):
        config = AsrConfig(final_loop_again_beam=again)
        events = replay(
            TranscriptionStage(config, engine=get_engine(config), lanes=[Lane.AGENT]),
            {Lane.AGENT: pcm},
            {Lane.AGENT: [turn]},
        )
        (final,) = finals(events, Lane.AGENT)
        out[again] = (len(final.data["words"]), [e.data["reason"] for e in events if e.type == "asr.withheld"])
    assert out[1][0] >= 10 and out[1][1] == []
    assert out[0][0] < 6 and out[0][1] == ["trimmed_loop"]


def test_a_final_that_does_not_loop_is_decoded_once():
    pcm = jfk().pcm
    result, verdict, keep, frames = final_of(pcm, AsrConfig())
    assert verdict.ok and keep == len(result.words) > 10
    assert loop_kept(result, AsrConfig().guards) is None
    assert frames == [3000]  # one 30 s window: no second decode
    assert result.text == final_of(pcm, AsrConfig(final_loop_again_beam=0))[0].text


def test_final_loop_again_beam_is_an_asr_setting_with_one_source(tmp_path):
    assert load_config().asr.final_loop_again_beam == AsrConfig().final_loop_again_beam == 1
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nfinal_loop_again_beam = 0\n")
    config = load_config(path).asr
    assert DecodeOptions.final_from_config(config).loop_again_beam == 0
    options = DecodeOptions.final_from_config(AsrConfig())
    assert (options.beam_size, options.loop_again_beam, options.loop_guard) == (5, 1, AsrConfig().guards)
    assert DecodeOptions.partial_from_config(AsrConfig()).loop_again_beam == 0  # partials are greedy already
    with pytest.raises(ConfigError, match="final_loop_again_beam"):
        AsrConfig(final_loop_again_beam=-1)
