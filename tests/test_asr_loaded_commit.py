"""The agent's sure words committed on one decode while the decoder is loaded (issue 11, item 4: committed words
within 2 s at 16 calls; docs/benchmarks.md, "Session 53 (2026-12-07), helper A47").

``[asr] loaded_agent_single_commit_p``: while at least ``loaded_calls`` calls share the scheduler, the agent lane
commits a word on one decode at that probability (no partial is decoded under load, so that decode is a provisional
final at a pause); fewer calls keep ``agent_single_commit_p``; the customer's lane keeps LocalAgreement-2. Scripted
audio and decoder on a scheduler without threads: no model, no clock."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.asr.config import AsrConfig, ConfigError
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import LaneTranscriber
from coach.config import load_config
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk, Lane
from tests.scripted_words import BLOCK, scripted_audio
from tests.test_asr_scheduler import ScriptedDecoder

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import variant  # noqa: E402


def test_the_loaded_probability_is_the_agents_only_while_loaded():
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(agent_single_commit_p=0.9, loaded_agent_single_commit_p=0.5))
    assert lane._agreement.single_p == 0.9  # a new lane is not loaded
    lane.set_loaded(True)
    assert lane._agreement.single_p == 0.5  # the turn in progress takes it at once
    lane.set_loaded(False)
    assert lane._agreement.single_p == 0.9
    customer = LaneTranscriber(Lane.CUSTOMER, AsrConfig(loaded_agent_single_commit_p=0.5))
    customer.set_loaded(True)
    assert customer._agreement.single_p == 0.0
    off = LaneTranscriber(Lane.AGENT, AsrConfig(agent_single_commit_p=0.9, loaded_agent_single_commit_p=0.0))  # 0: off
    off.set_loaded(True)
    assert off._agreement.single_p == 0.9


def test_loaded_single_commit_is_an_asr_setting_on_by_default(tmp_path):
    assert AsrConfig().loaded_agent_single_commit_p == load_config().asr.loaded_agent_single_commit_p == 0.5
    assert AsrConfig().agent_single_commit_p == 0.0  # fewer calls (one call, coach analyze): LocalAgreement-2
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nloaded_agent_single_commit_p = 0.6\n")
    assert load_config(path).asr.loaded_agent_single_commit_p == 0.6
    assert variant("s:loaded_agent_single_commit_p=0.7")[1].loaded_agent_single_commit_p == 0.7
    with pytest.raises(ConfigError, match="loaded_agent_single_commit_p"):
        AsrConfig(loaded_agent_single_commit_p=1.2)


def _run(loaded_calls: int, **settings: object) -> tuple[int, list[str]]:
    """One agent turn "w1 w2, a 0.5 s pause the VAD does not end at, w3 w4" through a stage on a scheduler
    without threads (no partial decoded: ``loaded_partials`` false while loaded, and none is stepped
    otherwise). The provisional final at the pause is decoded while the pause lasts. Returns the words its
    decode committed (the partial event's ``stable``) and the finals' texts. ``settings``: more ``[asr]`` keys."""
    cfg = AsrConfig(
        mode="threaded",
        provisional_end_s=0.25,
        loaded_calls=loaded_calls,
        loaded_agent_single_commit_p=0.5,
        **settings,  # type: ignore[arg-type]
    )
    sched = DecodeScheduler(cfg, decode=ScriptedDecoder(), threads=0, clock=lambda: 0.0)
    stage = TranscriptionStage(cfg, decode=lambda pcm, prompt: None, lanes=[Lane.AGENT], scheduler=sched)
    pcm = scripted_audio([0, 1, 2, 0, 3, 4, 0, 0])
    stage.on_speech_start(Lane.AGENT, BLOCK)
    stable, events, stepped = 0, [], False
    for pos in range(0, len(pcm), FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        stage.on_chunk(AudioChunk(Lane.AGENT, pos, pcm[pos:now]))
        since = 3 * BLOCK if 3 * BLOCK < now <= 4 * BLOCK else (6 * BLOCK if now > 6 * BLOCK else None)
        stage.on_vad(Lane.AGENT, since, now)
        if since == 3 * BLOCK and now - since >= 0.3 * SAMPLE_RATE and not stepped:
            stepped = sched.step()  # the provisional final (finals first), back before the speech resumes
            pause = stage.poll(now)
            stable = max((e.data.get("stable", 0) for e in pause if not e.data["final"]), default=0)
            events += pause
        events += stage.poll(now)
    stage.on_speech_end(Lane.AGENT, 6 * BLOCK)  # the VAD's end, at the provisional final's
    sched.drain()
    events += stage.poll(len(pcm))  # (no close: the partial held back under load would wait for a clock)
    assert stepped
    return stable, [e.data["text"] for e in events if e.type == "transcript" and e.data["final"]]


def test_under_load_the_provisional_final_at_a_pause_commits_the_agents_sure_words():
    """One call attached: loaded at ``loaded_calls = 1``, the decode at the pause commits "w1" ("w2" is its last
    word); not loaded at ``loaded_calls = 2``, agreement needs a second decode. The final is the same."""
    loaded, loaded_finals = _run(loaded_calls=1, pause_commits_last_word=False)  # its last word: see
    quiet, quiet_finals = _run(loaded_calls=2, pause_commits_last_word=False)  # tests/test_asr_pause_last_word.py
    assert (loaded, quiet) == (1, 0)
    assert loaded_finals == quiet_finals == ["w1 w2 w3 w4"]
