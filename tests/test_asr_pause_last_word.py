"""A provisional final's last word committed on that one decode (issue 11, item 4: the agent's committed words
within 2 s at 16 calls; docs/asr.md, "Session 54 (2026-12-07), helper A48").

``[asr] pause_commits_last_word``: a provisional final's audio ends in the pause the VAD counted after the speech,
so its last word is not cut at the end of the audio; with the setting on, the agent lane's single-decode commit
(``agent_single_commit_p``, or ``loaded_agent_single_commit_p`` under load) may take that last word too. Scripted
words and decoder, no model, no clock."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coach.asr.agreement import Agreement
from coach.asr.config import AsrConfig
from coach.config import load_config
from tests.test_asr_agent_commit import words
from tests.test_asr_loaded_commit import _run

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import variant  # noqa: E402


def test_a_whole_hypothesis_lets_the_single_commit_take_its_last_word():
    assert [w.key for w in Agreement(2, single_p=0.9).update(words("i can help you"), last_whole=True)] == [
        "i",
        "can",
        "help",
        "you",
    ]
    assert [w.key for w in Agreement(2, single_p=0.9).update(words("i can help you"))] == ["i", "can", "help"]


@pytest.mark.parametrize(
    ("spec", "kept"),
    [
        ("i can help you?", ["i", "can", "help"]),  # an unsure last word still waits
        ("i can? help you", ["i"]),  # an unsure word stops the run before the last
    ],
)
def test_a_whole_hypothesis_keeps_the_probability_bar(spec, kept):
    assert [w.key for w in Agreement(2, single_p=0.9).update(words(spec), last_whole=True)] == kept


def test_a_whole_hypothesis_commits_nothing_alone_without_a_single_commit_probability():
    assert Agreement(2).update(words("i can help you"), last_whole=True) == []  # LocalAgreement-2: two decodes


def test_a_last_word_an_earlier_decode_wrote_otherwise_waits():
    agreement = Agreement(3, single_p=0.9)
    assert [w.key for w in agreement.update(words("i can help you"))] == ["i", "can", "help"]
    assert agreement.update(words("i can help yours"), last_whole=True) == []  # "yours" where "you" stood
    assert [w.key for w in agreement.update(words("i can help you"), last_whole=True)] == []  # nor "you" again


def test_under_load_the_pause_decode_commits_the_agents_last_word_before_the_pause():
    """The scripted turn "w1 w2, a pause the VAD does not end at, w3 w4": under load the provisional final at the
    pause commits "w1" and, with the setting, "w2" too; below the load LocalAgreement-2 commits nothing on that one
    decode either way. The finals are the same."""
    on, on_finals = _run(loaded_calls=1)  # on by default
    off, off_finals = _run(loaded_calls=1, pause_commits_last_word=False)
    quiet, quiet_finals = _run(loaded_calls=2)
    assert (on, off, quiet) == (2, 1, 0)
    assert on_finals == off_finals == quiet_finals == ["w1 w2 w3 w4"]


def test_the_setting_is_an_asr_key_on_by_default(tmp_path):
    assert AsrConfig().pause_commits_last_word is load_config().asr.pause_commits_last_word is True
    path = tmp_path / "site.toml"
    path.write_text("[asr]\npause_commits_last_word = false\n")
    assert load_config(path).asr.pause_commits_last_word is False
    assert variant("p:pause_commits_last_word=false")[1].pause_commits_last_word is False
