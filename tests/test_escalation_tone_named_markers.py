"""Escalation lexicon (issue 10, session 57, helper E70): angry replies said at the customer's usual level whose words
must carry them.

- The agent's tone named as what they are doing, without "at me" ("you're yelling"), "bellow", and the phone between
  ("bellow down the telephone at me"): [tone_reproach], weak alone; opening the reply to the agent it counts like a
  marker "tense" alone (``retort_weight``). A loud line's "you're shouting, I can hear you fine" and the accordion's
  "bellows" are none.
- The customer stands by their own question as a fair one ("It was a fair question", "I'm asking a straight
  question"): [reproach], "tense" alone and brief. The agent's question granted ("It was a fair question to ask") and a
  calm preface ("Just a simple question") are none.
- The denial of a show of anger told of everyone ("Nobody's shouting", "Nobody's blowing anything"): [indignation],
  like "I'm not shouting". "Nobody's losing out" and the like are none.

Wording of our own, but the three angry turns of c1294, c1301 and c1309 the classes were designed on.
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE
from tests.test_escalation_retort_markers import _final

LEX = default_lexicon()
CFG = EscalationConfig()


def weights(said: str, category: str) -> list[float]:
    """Weights of the lexicon's hits of ``category`` in ``said``."""
    return [h.weight for h in LEX.find(said) if h.category == category]


@pytest.mark.parametrize(
    "said",
    [
        "Radek, you're yelling. It was a fair question.",
        "You are shouting, and I only asked where the van is.",
        "You're bellowing, Sandra, I'm right here.",
        "Young man, I'd rather you didn't bellow down the telephone at me.",
        "There's no need to bellow at me, I'm asking for help.",
        "Please stop bellowing, I can't think.",
        "Don't yell down the phone at me, I've done nothing wrong.",
    ],
)
def test_the_agents_tone_named_is_a_weak_brief_tone_reproach(said: str) -> None:
    found = weights(said, "tone_reproach")
    assert found, said
    assert max(found) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "You're shouting, I can hear you fine, the line's clear now.",
        "Sorry, you're shouting a bit, I've got you on speaker.",
        "The bellows on my accordion have split along the fold.",
        "My son was yelling down the garden, so I missed your name.",
        "The kids are shouting in the back, sorry, what was the date?",
    ],
)
def test_a_loud_line_or_someone_elses_noise_is_no_tone_reproach(said: str) -> None:
    assert not weights(said, "tone_reproach"), said


@pytest.mark.parametrize(
    "said",
    [
        "It was a fair question.",
        "I'm asking a straight question, will somebody be with him or not?",
        "I asked you a simple question, when is it coming?",
        "It was a reasonable question and I'd like an answer.",
        "I am asking a fair question here.",
    ],
)
def test_standing_by_a_fair_question_is_a_brief_tense_reproach(said: str) -> None:
    found = [h for h in LEX.find(said) if h.category == "reproach"]
    assert found, said
    assert max(h.weight for h in found) >= CFG.tense_enter, said
    assert all(0 < h.half_life_s <= 10.0 for h in found), said


@pytest.mark.parametrize(
    "said",
    [
        "Yes, it was plugged in. It was a fair question to ask, though.",
        "That's a fair question, I don't know the model number.",
        "Just a simple question, do you deliver on Sundays?",
        "It's a fair question, I'd have asked the same.",
        "Good question, it was a reasonable question to ask, let me look.",
    ],
)
def test_a_question_granted_or_a_calm_preface_is_no_reproach(said: str) -> None:
    assert not weights(said, "reproach"), said


@pytest.mark.parametrize(
    "said",
    [
        "Nobody's blowing anything, I'm asking a straight question.",
        "Nobody's shouting, I just want the date.",
        "No one is shouting here, I'm telling you what happened.",
        "Nobody's getting worked up, I want it fixed.",
    ],
)
def test_the_denial_told_of_everyone_is_tense_alone(said: str) -> None:
    found = weights(said, "indignation")
    assert found and max(found) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "Nobody's losing out, it's just a swap of dates.",
        "Nobody's home on Tuesday, so Wednesday is better.",
        "Nobody's blamed you, it's fine, I just want it collected.",
        "We were blowing up balloons when the driver came.",
    ],
)
def test_everyone_look_alikes_are_no_indignation(said: str) -> None:
    assert not weights(said, "indignation"), said


def _level_of_reply(agent: str, reply: str) -> str:
    """The level after a calm opening final, the agent's final ``agent`` and the customer's reply ``reply`` (words
    only: no voice reaches the stage)."""
    stage = EscalationStage(CFG, text_scorer=TextAngerScorer())
    stage.push_final(
        _final("customer", "c1", 1.0, "Hello, it's about the shutter you fitted at the bakery."), 5 * SAMPLE_RATE
    )
    stage.hear_agent(_final("agent", "a1", 6.0, agent))
    stage.push_final(_final("customer", "c2", 10.0, reply), 12 * SAMPLE_RATE)
    return stage.level


def test_a_level_reply_naming_the_agents_yelling_is_tense_on_its_words() -> None:
    shouted = "I didn't write the manual! I've got three trucks out and everybody wants somebody today!"
    assert _level_of_reply(shouted, "Radek, you're yelling. It was a fair question.") == "tense"


def test_a_calm_reply_granting_the_agents_question_stays_calm() -> None:
    asked = "Was the motor switched off when the crank was used?"
    assert _level_of_reply(asked, "It was a fair question to ask. Yes, it was off, my nephew checked.") == "calm"


# helper R22's probe lines (/tmp/R22/e70a.py, session 57) said at the usual level: "thanks for nothing" and "nobody
# calls back" with more words between. Wording of our own but for the two probe lines.
@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Oh brilliant, another week, that's just wonderful, thanks so much for nothing.", "sarcasm"),
        ("Well, thank you very much for nothing, I'll ring someone else.", "sarcasm"),
        ("Nobody ever calls back, nobody ever does what they say, it's a joke.", "repetition"),
        ("I leave messages and no one ever rings back.", "repetition"),
    ],
)
def test_thanks_for_nothing_and_nobody_calling_back_with_more_words(said: str, category: str) -> None:
    assert weights(said, category), said


@pytest.mark.parametrize(
    "said",
    [
        "Thank you so much, that's everything sorted.",
        "Nobody ever calls me by my full name, it's just Sam.",
        "They never ring before a delivery, so I'll leave a note on the door.",
    ],
)
def test_thanks_and_calling_look_alikes_stay_unmarked(said: str) -> None:
    assert not weights(said, "sarcasm") and not weights(said, "repetition"), said


# Second round (designed after FLIPPED on c1326, in sample): the fault back as it was, "same problem" in other words
# ([repetition], under "tense" alone); a comparison or a reorder is none. Wording of our own.
@pytest.mark.parametrize(
    "said",
    [
        "I paid to have the stitches sorted and it's doing the exact same thing.",
        "It did exactly the same thing before you repaired it.",
        "Two days later it's still doing the same thing.",
        "The valve did the same thing again last night.",
    ],
)
def test_the_fault_back_as_it_was_is_a_weak_repetition(said: str) -> None:
    found = weights(said, "repetition")
    assert found and max(found) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "The new one does exactly the same thing as the old one, lovely.",
        "I'd like exactly the same thing again, same size please.",
        "Could you do the same thing for my sister's order?",
        "We're doing the same thing next year, the kids loved it.",
    ],
)
def test_a_comparison_or_a_reorder_is_no_repetition(said: str) -> None:
    assert not weights(said, "repetition"), said
