"""Session 52, round three (Q50; designed after c1198-c1221 were opened: in sample for them; issue 9).

- A near miss is a fright lived through (``[hardship]`` of listening.toml): "Another inch and it would have been my
  foot", "a second later and he'd have been under it", "it could have killed someone"; not a near thing that was good
  or harmless ("another inch and it would have been perfect", "one more minute and we'd have missed the train", "it
  could have been worse", "it could have taken me hours").
- Damage told as what went right through a thing is a complaint cue ("it sliced right through the toe of my boot");
  a call put straight through is not.
- A clause the feeling head reads out of a run-on sentence is only as sure as that sentence: one heard mostly unsure
  says nothing, however sure the clause's own few words (``AcknowledgeFeelingsRule._unsure``).
The wordings are written for this test, not the calls' sentences; probabilities set by hand (milliseconds).
"""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import _HARDSHIP, AcknowledgeFeelingsRule, complaint_match
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from coach.language.utterance import Utterance
from tests.test_language_rules import final

_CFG = load_language_config()
_CUES = compile_patterns(_CFG.mirror_complaint.cues)
_NOT = compile_patterns(_CFG.mirror_complaint.not_complaints)

NEAR_MISSES = [
    "Another inch and it would have been my foot.",
    "A second later and he'd have been under it.",
    "Two seconds later and it would have hit her.",
    "A few more inches and we'd have gone through the ice.",
    "Honestly, that shelf could have killed someone.",
    "The ladder could have seriously hurt my son.",
    "I could have lost my finger on that thing.",
]
NOT_NEAR_MISSES = [
    "Another inch and it would have been perfect.",
    "One more minute and we would have missed the train.",
    "Another inch and it would have fitted perfectly.",
    "It could have been worse.",
    "It could have taken me hours.",
    "A minute and it'd be done.",
]
THROUGH = [
    "The blade sliced right through the toe of my boot.",
    "The bolt went straight through the panel of the van.",
    "Water has burst right through the ceiling.",
]
NOT_THROUGH = ["The call went straight through to voicemail, which was fine.", "Thanks, I got right through to you."]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_a_near_miss_is_a_hardship(text):
    assert first_match(text, _HARDSHIP) is not None


@pytest.mark.parametrize("text", NOT_NEAR_MISSES)
def test_a_near_thing_good_or_harmless_is_none(text):
    assert first_match(text, _HARDSHIP) is None


@pytest.mark.parametrize("text", THROUGH)
def test_damage_right_through_a_thing_is_a_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is not None


@pytest.mark.parametrize("text", NOT_THROUGH)
def test_a_call_put_through_is_no_complaint_cue(text):
    assert complaint_match(text, _CUES, _NOT) is None


RUN_ON = (
    "The long end of the reel is carbon from the church and I was no protein and that is my name and I am your "
    "neighbour and my girl and my pony and I am running on the forecourt because my hair came out to be forward in"
)
CLAUSE = "I am your neighbour"


def _utterance(sentence_p: float, clause_p: float) -> Utterance:
    e = final("customer", RUN_ON + ".", 3.0, utt="customer-1")
    clause = CLAUSE.split()
    words = [w["w"] for w in e["words"]]
    at = next(i for i in range(len(words)) if words[i : i + len(clause)] == clause)
    for i, w in enumerate(e["words"]):
        w["p"] = clause_p if at <= i < at + len(clause) else sentence_p
    return Utterance.from_event(e)


def _unsure(u: Utterance, piece: str) -> bool:
    rule = AcknowledgeFeelingsRule(_CFG.acknowledge_feelings)
    return rule._unsure(u, Unit(RUN_ON + ".", piece, Reading(complaint=0.1, feeling=0.7)))


def test_a_sure_clause_of_a_run_on_sentence_heard_mostly_unsure_is_unsure():
    assert _unsure(_utterance(sentence_p=0.2, clause_p=0.9), CLAUSE)


def test_a_sure_clause_of_a_sure_run_on_sentence_is_sure():
    assert not _unsure(_utterance(sentence_p=0.9, clause_p=0.9), CLAUSE)


def test_an_unsure_clause_is_unsure_whatever_its_sentence():
    assert _unsure(_utterance(sentence_p=0.9, clause_p=0.2), CLAUSE)
