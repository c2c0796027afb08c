"""A complaint cue whose failed action was not heard (issue 9; session 51, Q49): a "can't", "won't", "never" ...
heard surely in a customer's turn, with the word after it (what cannot be done) heard under
``listening.UNSURE_CUE_P``, opens no complaint moment (quiet c1166: a happy remark heard with a "still can't" and
then a garbled verb at p 0.09, and the agent's business reply nudged for a mirror). The same turn with its
verb heard surely opens its moment, nudged as before (the turns are pleased ones the complaint head does not read:
the head still reads a turn whose cue was dropped); a cue heard unsure as a whole keeps its own rule
(``test_listening_unsure_cue.py``). Events through the product's composition (``scripts/replay_listening``); the
wordings are written for this test, not the calls' sentences; word probabilities set by hand (milliseconds).
"""

from __future__ import annotations

import pytest

from coach.language.listening import UNSURE_CUE_P, action_unheard
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from coach.language.utterance import Utterance
from tests.test_language_rules import final
from tests.test_listening_unsure_cue import LISTENING, replay

# (a pleased customer's turn as a recogniser might garble it, the cue in it, the word after its negation)
TURNS = [
    (
        "That's grand, the staff room will be good, the old lot still can't drain much chance, lovely.",
        "still can't",
        "drain",
    ),
    ("Oh brilliant, thank you, the kids won't start much lark till the autumn, perfect.", "won't start", "start"),
    ("Lovely, that's smashing, our lot never heard feather the old ones either, cheers.", "never heard", "heard"),
    ("Wonderful news, the choir doesn't work the new hall till Easter, so that's ideal.", "doesn't work", "work"),
    (
        "Great stuff, thanks, you've made our day, the twins still didn't ferry much, brilliant.",
        "still didn't",
        "ferry",
    ),
    ("Perfect, thanks so much, our gran never heard a bit of it, what a treat.", "never heard", "heard"),
]

BUSINESS = [
    "What's the order number, please?",
    "Can I take your postcode?",
    "Then that's thirty copies at the school rate, delivered by the nineteenth.",
]


def _turn(text: str, verb: str, p_verb: float, p_rest: float = 0.9) -> dict:
    """The customer's final ``text``, every word at ``p_rest`` but ``verb`` (the first word so spelt) at ``p_verb``."""
    e = final("customer", text, 3.0, utt="customer-1")
    for w in e["words"]:
        w["p"] = p_rest
    next(w for w in e["words"] if w["w"].lower().strip(".,!?") == verb)["p"] = p_verb
    return e


def _call(turn: dict, reply: str) -> list[str]:
    events = [final("agent", "Good afternoon, Harbour Supplies, Sam speaking.", 0.0, utt="agent-1"), turn]
    events += [final("agent", reply, turn["at"] + 0.5, utt="agent-2"), {"type": "speech", "at": turn["at"] + 30}]
    return [n.kind for _, n in replay.replay_events(events, LISTENING)]


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize(("text", "cue", "verb"), TURNS)
def test_a_cue_whose_action_was_heard_is_nudged_on_a_business_reply(text, cue, verb, reply):
    assert "mirror_complaint" in _call(_turn(text, verb, 0.9), reply)


@pytest.mark.parametrize("reply", BUSINESS)
@pytest.mark.parametrize(("text", "cue", "verb"), TURNS)
def test_a_cue_whose_action_was_not_heard_opens_no_moment(text, cue, verb, reply):
    assert "mirror_complaint" not in _call(_turn(text, verb, 0.09), reply)


def _u(text: str, verb: str, p_verb: float, p_rest: float = 0.9) -> Utterance:
    return Utterance.from_event(_turn(text, verb, p_verb, p_rest))


def _m(u: Utterance, cue: str):
    m = first_match(u.text, compile_patterns((cue,)))
    assert m is not None
    return m


@pytest.mark.parametrize(("text", "cue", "verb"), TURNS)
def test_the_floor_is_the_unsure_cue_floor(text, cue, verb):
    under = _u(text, verb, UNSURE_CUE_P - 0.01)
    assert action_unheard(under, _m(under, cue))
    at = _u(text, verb, UNSURE_CUE_P)
    assert not action_unheard(at, _m(at, cue))


def test_a_negation_ending_its_clause_has_no_action_to_miss():
    u = _u("It just won't. The light comes on and then nothing.", "the", 0.05)
    assert not action_unheard(u, _m(u, "won't"))


def test_a_cue_heard_unsure_as_a_whole_is_left_to_its_own_rule():
    u = _u("The printer still can't print a single page.", "print", 0.09, p_rest=0.1)
    assert not action_unheard(u, _m(u, "still can't"))


def test_unknown_probabilities_are_heard():
    e = _turn(*TURNS[0][::2], 0.09)
    for w in e["words"]:
        del w["p"]
    u = Utterance.from_event(e)
    assert not action_unheard(u, _m(u, TURNS[0][1]))
