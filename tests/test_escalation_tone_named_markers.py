"""Escalation lexicon (issue 10, session 57, helper E70): angry replies said at the customer's usual level whose words
must carry them.

- The agent's tone named as what they are doing, without "at me" ("you're yelling"), "bellow", and the phone between
  ("bellow down the telephone at me"): [tone_reproach], weak alone; opening the reply to the agent it counts like a
  marker "tense" alone (``retort_weight``). A loud line's "you're shouting, I can hear you fine" and the accordion's
  "bellows" are none.
- Not kept after helper R22's probe (/tmp/R22/e70c.py, 19:29): the customer standing by their own question as a
  fair one ("It was a fair question") and the denial told of everyone ("Nobody's shouting"): calm customers say the
  same words ("I'm asking a simple question for my mum", "Nobody's kicking off till three"); they stay unmarked.

Wording of our own, but the angry turns of c1301 and c1309 the classes were designed on and R22's probe lines.
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
        "I'm asking a simple question for my mum, does the blue one come in a large?",
        "Your survey asked if I'd recommend you, and it was a fair question, yes I would.",
        "I'm asking a straight question because I want to get the right size, that's all.",
        "The match? Nobody's kicking off till three because of the weather, so I can still make it.",
        "Nobody's blowing up the balloons till Saturday, so the helium can come Friday.",
        "Nobody's shouting about it, it's a small thing, I just thought you should know.",
        "Sorry, you're shouting distance from my house, I'll pop in instead.",
        "Ha, sorry, you're screaming kids in the background reminded me of mine, no, it's lovely.",
        "My mum never rings back on her mobile, so call the landline.",
    ],
)
def test_helper_r22s_calm_lines_stay_unmarked_by_this_session(said: str) -> None:
    """R22's calm look-alikes (/tmp/R22/e70c.py): no marker of the classes this session tried on them."""
    found = {h.category for h in LEX.find(said)}
    assert not found & {"reproach", "indignation", "tone_reproach", "repetition"}, said


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
    assert _level_of_reply(asked, "Fair question. Yes, it was off, my nephew checked it twice.") == "calm"


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
        "I ran it last night and it did the same thing again.",
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
        "We did the same thing again this year, booked through you, and it was lovely.",
        "My sister did exactly the same thing, ordered the blue one, and she loves it.",
    ],
)
def test_a_comparison_or_a_reorder_is_no_repetition(said: str) -> None:
    assert not weights(said, "repetition"), said
