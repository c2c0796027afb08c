"""No mirror / closing / acknowledgement nudge on a well-handled call (issue 9, session 14: the false
nudges of c282, c284 and c285). Each case is a class of error, shown on wording written for these tests
(not the calls'), with real MiniLM embeddings and the shipped complaint head, and with its counter-case
(the rule still fires where it should) or the setting emptied (the old behaviour comes back):

- a goodbye in the customer's opening turn, before the agent replied, is no close ("Hi" heard as "Bye");
- a pleased or relieved reaction ("Lovely, thank you.") carries no complaint unless the head confirms one;
- empathy with "you've done nothing wrong" answers the complaint in other words.
"""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.types import Nudge, seconds_to_samples
from tests.test_language_rules import final


def run(lines: list[tuple[str, str]], cfg=None, tail_s: float = 20.0) -> list[str]:
    """Nudge kinds the language coach gives on the finals ``lines`` (speaker, text), 0.4 s a word and
    1 s between turns, the clock ticked every 0.5 s through the call and ``tail_s`` after it."""
    coach, t, found = LanguageCoach(cfg or load_language_config()), 0.0, []
    for i, (speaker, text) in enumerate(lines):
        event = final(speaker, text, t, utt=f"{speaker}-{i}")
        while (now := t) < event["at"]:
            t = round(now + 0.5, 3)
            found += coach.tick(seconds_to_samples(min(t, event["at"])))
        found += coach.push(event)
        t = event["at"] + 1.0
    for k in range(int(tail_s / 0.5)):
        found += coach.tick(seconds_to_samples(t + 0.5 * k))
    return [n.kind for n in found if isinstance(n, Nudge)]


def with_section(section: str, **changes: object):
    """The shipped language config with fields of one section replaced."""
    cfg = load_language_config()
    return dataclasses.replace(cfg, **{section: dataclasses.replace(getattr(cfg, section), **changes)})


# ---- closing: the customer's opening turn is no close -------------------------------------------------

GREETING = ("agent", "Good afternoon, Brightwater Boilers, Nadia speaking.")


@pytest.mark.parametrize(
    "opening",
    [
        "Bye there, it's Marta Kowalski again.",  # "Hi there" misheard
        "Hello, my radiators upstairs stay cold however high I turn it, so I'll see you soon I hope",
    ],
)
def test_a_goodbye_in_the_customers_opening_turn_is_no_close(opening):
    reply = ("agent", "Right, I can help with that. Can I take your postcode first, please?")
    assert "check_anything_else" not in run([GREETING, ("customer", opening), reply])


def test_a_customer_goodbye_after_the_agent_replied_still_closes():
    lines = [
        GREETING,
        ("customer", "Hello, I need to move my boiler service to a Friday if you have one."),
        ("agent", "Of course, I've moved it to Friday the ninth between eight and twelve."),
        ("customer", "Perfect, thanks for your help, see you then."),
        ("agent", "You're welcome, all done."),
    ]
    assert run(lines).count("check_anything_else") == 1


# ---- mirror: a pleased reaction carries no complaint unless the head confirms one ---------------------

FIXED = [
    ("agent", "Hello, Skyline Broadband, Tomasz speaking."),
    ("customer", "Hi, my internet has kept dropping out every evening this week."),
    ("agent", "So your connection has been dropping out every evening this week. Let me run a line test."),
    ("customer", "Okay."),
    ("agent", "I've reset the port at the exchange, so it should pick up speed in a minute."),
]


def test_a_pleased_reaction_with_a_cue_word_is_not_a_new_complaint():
    reaction = ("customer", "Brilliant, cheers. And the speed has gone up to ninety on the tester.")
    lines = [*FIXED, reaction, ("agent", "That's the line back to full speed, then.")]
    assert "mirror_complaint" not in run(lines)
    # without the reaction class, the "gone up to" cue would open a moment the reply does not mirror
    assert "mirror_complaint" in run(lines, with_section("mirror_complaint", relief_openers=()))


def test_a_complaint_after_thanks_is_still_mirrored():
    reaction = ("customer", "Thanks. Although my bill went up by ten pounds again this month.")
    lines = [*FIXED, reaction, ("agent", "Let me see. Can I take the account number?")]
    assert "mirror_complaint" in run(lines)


# ---- mirror: empathy with "you've done nothing wrong" answers the complaint ---------------------------

UPSET = [
    ("agent", "Hello, Meadow Pharmacy deliveries, Owen speaking."),
    ("customer", "I'm really worried, my inhaler was meant to arrive on Monday and it still hasn't come."),
]


@pytest.mark.parametrize(
    "reply",
    [
        "Oh dear, what a worry. None of this is your fault. Can I take your date of birth?",
        "Oh no, I'm so sorry. You've done nothing wrong at all. What's the postcode?",
    ],
)
def test_empathy_and_reassurance_answer_the_complaint(reply):
    assert "mirror_complaint" not in run([*UPSET, ("agent", reply)])


def test_empathy_alone_does_not_mirror_an_upset_complaint():
    reply = ("agent", "Oh dear, what a worry. Can I take your date of birth?")
    assert "mirror_complaint" in run([*UPSET, reply])
