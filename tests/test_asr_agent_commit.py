"""The agent's words committed sooner under load (issue 11, item 4: committed words reach the language rules within
2 s at 16 calls; docs/asr.md, "Session 38 (2026-12-05), helper A33").

``[asr] agent_single_commit_p``: an agent word sure enough is committed on one decode (a partial's, or a provisional
final's whose turn went on), never the decode's last word, never one an earlier decode wrote otherwise; the
customer's lane keeps LocalAgreement-2. ``[asr] agent_provisional_end_s``: the agent lane's provisional end after a
shorter pause than the customer's. Scripted words: no model, no clock."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from coach.asr.agreement import Agreement, Word
from coach.asr.config import AsrConfig, ConfigError
from coach.asr.stream import LaneTranscriber
from coach.config import load_config
from coach.types import AudioChunk, Lane

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import variant  # noqa: E402

# ---- one decode commits the agent's sure words ---------------------------------------------------------


def words(spec: str, p: float = 0.95) -> list[Word]:
    """``"a b c"`` -> words 0.5 s each; a trailing ``?`` marks a word unsure (p 0.3)."""
    out = []
    for i, w in enumerate(spec.split()):
        out.append(Word(" " + w.rstrip("?"), i * 8000, i * 8000 + 6000, 0.3 if w.endswith("?") else p))
    return out


def test_single_commit_takes_the_sure_words_of_one_decode_but_not_its_last():
    agreement = Agreement(2, single_p=0.9)
    assert [w.key for w in agreement.update(words("i can help you"))] == ["i", "can", "help"]
    assert [w.key for w in Agreement(2).update(words("i can help you"))] == []  # off: two decodes needed


def test_single_commit_stops_at_an_unsure_word_and_at_a_word_an_earlier_decode_wrote_otherwise():
    assert [w.key for w in Agreement(2, single_p=0.9).update(words("i can? help you"))] == ["i"]
    agreement = Agreement(3, single_p=0.9)  # three decodes to agree: the single commit acts alone
    agreement.update(words("i cant"))  # "i" committed; "cant" is the last word
    new = agreement.update(words("i can help you today"))
    assert [w.key for w in new] == []  # "can" stands where the earlier decode wrote "cant"


def test_single_commit_only_for_the_agent_lane():
    config = AsrConfig(agent_single_commit_p=0.9)
    assert LaneTranscriber(Lane.AGENT, config)._agreement.single_p == 0.9
    assert LaneTranscriber(Lane.CUSTOMER, config)._agreement.single_p == 0.0


# ---- settings -------------------------------------------------------------------------------------------


def test_single_commit_and_the_agents_provisional_end_are_asr_settings(tmp_path):
    assert AsrConfig().agent_single_commit_p == 0.0 and load_config().asr.agent_single_commit_p == 0.0
    path = tmp_path / "site.toml"
    path.write_text("[asr]\nagent_single_commit_p = 0.9\nagent_provisional_end_s = 0.15\n")
    site = load_config(path).asr
    assert site.agent_single_commit_p == 0.9 and site.agent_provisional_end_s == 0.15
    v = variant("s:agent_single_commit_p=0.85,agent_provisional_end_s=0.1")[1]
    assert v.agent_single_commit_p == 0.85 and v.agent_provisional_end_s == 0.1
    with pytest.raises(ConfigError, match="agent_provisional_end_s"):
        AsrConfig(agent_provisional_end_s=-0.1)
    with pytest.raises(ConfigError, match="agent_single_commit_p"):
        AsrConfig(agent_single_commit_p=1.5)


def test_the_agents_provisional_end_may_be_shorter_than_the_customers():
    config = AsrConfig(provisional_end_s=0.25, agent_provisional_end_s=0.15)
    agent, customer = LaneTranscriber(Lane.AGENT, config), LaneTranscriber(Lane.CUSTOMER, config)
    assert agent.provisional is not None and customer.provisional is not None
    assert agent.provisional.watch(1, 0, 2400) == 0  # 0.15 s of silence: the agent's provisional final
    assert customer.provisional.watch(1, 0, 2400) is None  # the customer's waits for 0.25 s
    assert customer.provisional.watch(1, 0, 4000) == 0
    off = AsrConfig(provisional_end_s=0.25)  # 0: the agent's as everyone's
    assert LaneTranscriber(Lane.AGENT, off).provisional.watch(1, 0, 2400) is None
    assert AsrConfig().agent_provisional_end_s == 0.0 and load_config().asr.agent_provisional_end_s == 0.0


@pytest.mark.parametrize("lane_id", [Lane.AGENT, Lane.CUSTOMER])
def test_one_partial_commits_the_agents_sure_words_and_the_final_keeps_them(lane_id):
    """The agent's first partial of "i can refund that today" (2.9 s of audio) commits "i can refund that" at
    once ("today" is its last word and within commit_guard_s of the audio's end); the customer's waits for a
    second partial, as before. The turn's final then holds every word once."""
    from tests.test_asr_stream import _decoded, _spaced

    config = AsrConfig(agent_single_commit_p=0.9, partial_context_s=2.0)
    lane = LaneTranscriber(lane_id, config)
    said = _spaced("i can refund that today", 0.0)  # 0.5 s apart, the last ends at 2.4 s
    lane.speech_started(0)
    for _ in range(29):
        lane.push(AudioChunk(lane_id, lane.position, np.zeros(1600, np.float32)))
    (event,) = lane.apply(req := lane.take_partial(), _decoded(req, said), lane.position)
    assert event.data["stable"] == (4 if lane_id is Lane.AGENT else 0)
    lane.speech_ended(lane.position)
    (final,) = lane.take_finals()
    (event,) = lane.apply(final, _decoded(final, said), lane.position)
    assert [w["w"] for w in event.data["words"]] == ["i", "can", "refund", "that", "today"]


def test_the_agents_word_delay_is_split_into_the_rest_of_its_piece_and_the_finals_wait():
    from bench_capacity import agent_word_parts

    def ev(final: bool, said: list[tuple[str, float]], end: float, stable: int = 0, speaker: str = "agent") -> dict:
        words = [{"w": w, "end": t} for w, t in said]
        return {"type": "transcript", "speaker": speaker, "utt": f"{speaker}-1", "final": final, "words": words,
                "end": end, "stable": stable}  # fmt: skip

    partial = ev(False, [("i", 0.5), ("can", 1.0), ("refund", 1.5)], 1.5, stable=2)  # "i can" committed at 2.0 s
    final = ev(True, [("i", 0.5), ("could", 1.0), ("refund", 1.5), ("it", 2.0)], 2.0)  # the final at 3.0 s
    customer = ev(True, [("no", 0.4)], 0.4, speaker="customer")
    parts = agent_word_parts([[(2.0, partial), (3.0, final), (3.0, customer)]])
    assert parts["agent_via_partial"] == 0.5 and parts["agent_partial_delay_p50"] == 1.25  # 2.0 - 0.5, 2.0 - 1.0
    assert parts["agent_place_p50"] == 0.25 and parts["agent_final_wait_p50"] == 1.0  # "refund", "it": 0.5, 0.0
    assert parts["commit_words"] == 2 and parts["commit_changed"] == 1  # "can": the final wrote "could"
