"""Session 55 (Q53; issue 9): a calm customer's half-heard sentence needs a sure reading of the feeling head.

While the customer's level is calm, a sentence only the feeling head read (no upset cue), with ``doubtful_share`` or
more of its words heard under ``unsure_word_p`` (but fewer than ``unsure_share``, which silences the head outright),
opens the acknowledgement's own moment only at or over ``later_model_threshold``
(``AcknowledgeFeelingsRule._doubtful``). The same sentence heard surely, said at a tense level, read at or over that
threshold, or holding an upset cue still opens it; and the sentence still counts as the turn's feeling for the mirror
rule (``felt``). The wordings are written for this test; readings and word probabilities set by hand (milliseconds).
"""

from __future__ import annotations

import dataclasses

import pytest

from coach.errors import ConfigError
from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.utterance import Utterance
from tests.test_language_rules import final

_CFG = load_language_config()
_ACK = _CFG.acknowledge_feelings
GREETING = "Good morning, Harbour Bakery, this is Sam speaking, how can I help?"
REPLY = "Right, and what date would you like that delivered on?"

# (sentence, how many of its words, from its third word on, are heard at p 0.3: 30-45 % of the sentence)
SENTENCES = [
    ("We are starting a little supper club on Friday nights now!", 4),
    ("My daughter has been going on about the party for weeks.", 4),
    ("I have been up half the night thinking about the order.", 4),
    ("Our whole street is coming round for the big match.", 4),
    ("My mum has not stopped talking about the cake since Sunday.", 4),
]


def _heard(text: str, unsure: int, p: float = 0.3) -> Utterance:
    """The customer's final ``text`` with ``unsure`` of its words, from the third on, heard at ``p``."""
    e = final("customer", text, 4.0, utt="customer-1")
    for i, w in enumerate(e["words"]):
        w["p"] = p if 2 <= i < 2 + unsure else 0.95
    return Utterance.from_event(e)


def _rule(**changes: object) -> AcknowledgeFeelingsRule:
    rule = AcknowledgeFeelingsRule(dataclasses.replace(_ACK, **changes))
    rule.on_agent(Utterance.from_event(final("agent", GREETING, 0.0, utt="agent-0")))
    return rule


def _nudged(rule: AcknowledgeFeelingsRule, u: Utterance, feeling: float) -> bool:
    """Whether the agent's business reply to the customer's turn ``u`` (one sentence read at ``feeling``) is nudged."""
    rule.on_customer(u, [Unit(u.text, u.text, Reading(complaint=0.1, feeling=feeling))])
    out = rule.on_agent(Utterance.from_event(final("agent", REPLY, 10.0, utt="agent-1")))
    return any(getattr(n, "kind", "") == "acknowledge_feelings" for n in out)


def test_the_bar_sits_between_the_two_thresholds():
    assert 0 < _ACK.doubtful_share < _ACK.unsure_share
    assert _ACK.model_threshold < 0.77 < _ACK.later_model_threshold


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_a_calm_half_heard_sentence_read_under_the_later_bar_opens_no_moment(text, unsure):
    u = _heard(text, unsure)
    share = sum(w["p"] < _ACK.unsure_word_p for w in u.words) / len(u.words)
    assert _ACK.doubtful_share <= share < _ACK.unsure_share
    assert not _nudged(_rule(), u, feeling=0.77)


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_the_same_sentence_heard_surely_still_opens_one(text, unsure):
    assert _nudged(_rule(), _heard(text, unsure, p=0.9), feeling=0.77)


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_a_reading_at_the_later_bar_still_opens_one(text, unsure):
    assert _nudged(_rule(), _heard(text, unsure), feeling=_ACK.later_model_threshold + 0.05)


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_at_a_tense_level_the_voice_backs_the_reading(text, unsure):
    rule = _rule()
    rule.set_level("tense")
    assert _nudged(rule, _heard(text, unsure), feeling=0.77)


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_the_guard_off_restores_the_opening_bar(text, unsure):
    assert _nudged(_rule(doubtful_share=0.0), _heard(text, unsure), feeling=0.77)


@pytest.mark.parametrize(("text", "unsure"), SENTENCES)
def test_the_sentence_is_still_the_turns_feeling_for_the_mirror(text, unsure):
    u = _heard(text, unsure)
    assert _rule().felt(u, [Unit(u.text, u.text, Reading(complaint=0.1, feeling=0.77))]) == text


def test_an_upset_cue_half_heard_still_opens_a_moment():
    u = _heard("Honestly I am so upset about the whole thing, it was ruined.", 4)
    assert _nudged(_rule(), u, feeling=0.2)


def test_the_share_may_not_pass_the_unsure_share():
    with pytest.raises(ConfigError):
        dataclasses.replace(_ACK, doubtful_share=_ACK.unsure_share + 0.1)
