"""Escalation, session 31 (E35, issue 10): a question waved off as beside the point; a tone reproached with
"you don't need to"; a yes-or-no question pressed with "or not?".

A customer who waves the agent's question or excuse off as beside the point ("What's that got to do with
anything?") reproaches the agent: [reproach], tense alone, a brief flare (its own half-life). Only the "anything"
forms count: a plain "what does that have to do with the price?" may be a real question, and "that's nothing to do
with us" is an agent's deflection. A tone reproached with "you don't need to ... at me" ("You don't need to yell at
me, I only want a date") is [tone_reproach], weak alone like "there's no need to shout at me"; a loud line's "you
don't need to shout, I can hear you" is none. A yes-or-no question the customer closes with "or not?" ("Can you
get them here today or not?") counts like a demand (``press_weight``, tense alone) and briefly; "whether ... or not"
said as a statement, or a question without its "?", does not. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon, LexiconHit, presses
from coach.classify.stage import PRESS_HALF_LIFE_S, PRESSES, _committed, _heard_p

LEX = EscalationLexicon.from_toml()
CFG = EscalationConfig()


def hits_of(said: str, category: str) -> list[float]:
    return [h.weight for h in LEX.find(said) if h.category == category]


@pytest.mark.parametrize(
    "said",
    [
        "I told you it leaks. What does that have to do with anything?",
        "My postcode? What's that got to do with anything, the van's in your yard.",
        "What has that got to do with anything? It broke on day two.",
        "And what does this have to do with anything I said?",
        "What's this got to do with anything? I want the part.",
        "How is that relevant to anything? It's still broken.",
    ],
)
def test_a_question_waved_off_as_beside_the_point_is_tense_alone_and_brief(said: str) -> None:
    found = [h for h in LEX.find(said) if h.category == "reproach"]
    assert found, said
    assert max(h.weight for h in found) >= CFG.tense_enter, said
    assert all(0 < h.half_life_s <= 10.0 for h in found), said


@pytest.mark.parametrize(
    "said",
    [
        "What does that have to do with the price, is it extra?",
        "That's nothing to do with us, it's the courier.",
        "I'm not sure what to do with it now it's here.",
        "What has that got to do with the other booking, sorry, I'm confused.",
    ],
)
def test_a_plain_question_about_a_connection_is_no_reproach(said: str) -> None:
    assert not hits_of(said, "reproach"), said


@pytest.mark.parametrize(
    "said",
    [
        "You don't need to yell at me, I only want a date.",
        "You don't need to shout at me. I'm asking nicely.",
        "You don't have to snap at me, I'm trying to help you find it.",
        "You needn't shout at me, I heard you.",
    ],
)
def test_you_dont_need_to_shout_at_me_is_a_weak_tone_reproach(said: str) -> None:
    weights = hits_of(said, "tone_reproach")
    assert weights and max(weights) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "You don't need to shout, I can hear you fine.",
        "You don't need to yell for the dog, he's with me.",
        "You don't have to shout it out, just text it.",
    ],
)
def test_a_line_that_is_only_loud_is_no_tone_reproach(said: str) -> None:
    assert not hits_of(said, "tone_reproach"), said


@pytest.mark.parametrize(
    ("said", "pressed"),
    [
        ("Can you send someone out today or not?", True),
        ("So is the refund going through or not?", True),
        ("Hello, are you still looking or not?", True),
        ("Right. Will it be fixed by Friday or not? I need to know.", True),
        ("And do you have the part in stock or not?", True),
        ("I can't tell whether it's the charger or not.", False),
        ("I'm not sure if it's covered or not?", False),
        ("Is it or not?", False),
        ("Are you coming round or not.", False),
        ("It's due Friday or not at all?", False),
        ("Could you check if the van is booked?", False),
    ],
)
def test_a_yes_or_no_question_pressed_with_or_not(said: str, pressed: bool) -> None:
    assert presses(said) is pressed, said


def test_the_pressed_question_is_a_brief_demand_read_from_punctuation() -> None:
    assert CFG.press_weight >= CFG.tense_enter > 0
    assert 0 < PRESS_HALF_LIFE_S <= 10.0
    hit = LexiconHit(PRESSES, "delivery", CFG.press_weight, -1, half_life_s=PRESS_HALF_LIFE_S)
    assert _committed(hit, 2, "Can they come at six or not?") and not _committed(hit, 2, "Can they come at six")
    assert _heard_p(hit, [], []) == 1.0
    assert EscalationConfig(press_weight=0.0).press_weight == 0.0
