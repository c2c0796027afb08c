"""A complaint cue the recogniser heard unsure (issue 9; session 50, Q48): every word of the cue under
``listening.UNSURE_CUE_P`` makes its moment one the agent's gladness answers, as it answers a moment the heads read
(quiet c1147: a loud, happy first turn heard "... it can't show this once a storm", answered "Congratulations").
The moment still opens, so a business reply to it is nudged as before; a cue heard sure is not answered by gladness.
Events through the product's composition (``scripts/replay_listening.replay_events``); wordings written for this
test, not the calls' sentences; the recogniser's word probabilities set by hand (milliseconds).
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from coach.language.listening import UNSURE_CUE_P, unsure_cue
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from coach.language.utterance import Utterance
from tests.test_language_rules import final

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "replay_listening.py"
_spec = importlib.util.spec_from_file_location("replay_listening", SCRIPT)
assert _spec is not None and _spec.loader is not None
replay = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(replay)

LISTENING = ("acknowledge_feelings", "mirror_complaint")

# (a happy first turn as a recogniser might garble it, the cue's words in it)
GARBLED = [
    ("Hiya, it's gonna be more than it can't show this once a storm. We won the final on Sunday!", "can't show"),
    ("Morning! The choir never worked out the rounds, and we took first prize at the festival!", "never worked"),
    ("Hello, it's Dev, our stall doesn't load the pasties, we sold out by ten at the fair!", "doesn't load"),
    ("Hi there, the band never worked harder, and they've gone and won the cup!", "never worked"),
]
CONTRAST = ("Hi there, the team didn't start the season well but they've only gone and won the cup!", "didn't start")

GLAD = [
    "Congratulations, that's brilliant news. You'll want the kit before the final, then.",
    "Congrats to the whole team! What can I get for you?",
    "That's fantastic news! What are you after for the next one?",
    "Great to hear! How can I help today?",
    "Oh, brilliant to hear, well done all of you. What do you need from us?",
]

BUSINESS = [
    "What's the order number, please?",
    "Okay. Can I take your postcode?",
]


def _turn(text: str, cue: str, p_cue: float, t: float = 3.0) -> dict:
    """The customer's final ``text``, every word at p 0.9 but the words of ``cue`` at ``p_cue``."""
    e = final("customer", text, t, utt="customer-1")
    cue_words = set(cue.lower().split())
    for w in e["words"]:
        if w["w"].lower().strip(".,!?") in cue_words:
            w["p"] = p_cue
    return e


def _call(text: str, cue: str, p_cue: float, reply: str, level: str | None = None) -> list[str]:
    events = [final("agent", "Good afternoon, Team Kit Direct, Jo speaking.", 0.0, utt="agent-1")]
    turn = _turn(text, cue, p_cue)
    if level is not None:
        events.append({"type": "escalation", "at": turn["t"] + 1.0, "level": level, "changed": True})
    events += [turn, final("agent", reply, turn["at"] + 0.5, utt="agent-2"), {"type": "speech", "at": turn["at"] + 30}]
    return [n.kind for _, n in replay.replay_events(events, LISTENING)]


@pytest.mark.parametrize("level", [None, "tense", "escalated"])
@pytest.mark.parametrize("reply", GLAD)
@pytest.mark.parametrize(("text", "cue"), GARBLED)
def test_gladness_answers_a_cue_heard_unsure_at_any_level(text, cue, reply, level):
    assert _call(text, cue, 0.12, reply, level) == []


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize(("text", "cue"), GARBLED)
def test_a_cue_heard_unsure_still_opens_its_moment(text, cue, reply):
    assert "mirror_complaint" in _call(text, cue, 0.12, reply)


@pytest.mark.parametrize("reply", GLAD[:2])
@pytest.mark.parametrize(("text", "cue"), GARBLED[:2])
def test_gladness_does_not_answer_a_cue_heard_sure(text, cue, reply):
    assert "mirror_complaint" in _call(text, cue, 0.9, reply)


@pytest.mark.parametrize(("reply", "nudged"), [(GLAD[0], False), (GLAD[1], False), (GLAD[3], True)])
def test_after_a_but_only_a_congratulation_answers_a_cue_heard_unsure(reply, nudged):
    assert ("mirror_complaint" in _call(*CONTRAST, 0.12, reply)) is nudged


def _match(u: Utterance, cue: str):
    return first_match(u.text, compile_patterns((cue,)))


def test_unsure_only_when_every_cue_word_is_under_the_floor():
    text, cue = GARBLED[0]
    low = Utterance.from_event(_turn(text, cue, UNSURE_CUE_P - 0.01))
    assert unsure_cue(low, _match(low, cue))
    at_floor = Utterance.from_event(_turn(text, cue, UNSURE_CUE_P))
    assert not unsure_cue(at_floor, _match(at_floor, cue))
    e = _turn(text, cue, 0.1)
    next(w for w in e["words"] if w["w"] == "show")["p"] = 0.8  # one word of the cue heard sure
    one_sure = Utterance.from_event(e)
    assert not unsure_cue(one_sure, _match(one_sure, cue))


def test_no_word_probabilities_is_not_unsure():
    text, cue = GARBLED[0]
    e = _turn(text, cue, 0.1)
    for w in e["words"]:
        del w["p"]
    u = Utterance.from_event(e)
    assert not unsure_cue(u, _match(u, cue))
    bare = Utterance.from_event({**e, "words": []})
    assert not unsure_cue(bare, _match(bare, cue))
