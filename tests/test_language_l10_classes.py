"""Session 16, second round (L10), issue 9: the wording classes the fifteenth part (c334-c357) missed, as
classes in new words (written here, not taken from the calls or the lists): a booking turned away ("no chance
of fitting you in"), the house disowned ("nothing to do with the club"), a mix-up guessed as the customer's,
"cheerio" heard as "period" after a wrap-up; and the look-alikes that must stay quiet, among them reassurance
or sympathy before the recogniser's "can't" for "can", across its guessed full stop. Text level only (no
audio): milliseconds each. The list-level figures are ``tests/data/language_wording/tuning_l9.toml``."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.patterns import compile_patterns
from coach.language.text import excepted_spans, find_phrases, sentences
from coach.types import Nudge
from tests.test_language_rules import final
from tests.test_language_stream import heard_after
from tests.test_language_wording import closing_fired, kinds_fired

CONFIG = load_language_config()


@pytest.mark.parametrize(
    "line",
    [
        "I'm sorry, there's no chance of booking you in before the fourteenth.",
        "There's not a hope of slotting them in this side of Christmas.",
        "The gift shop has nothing to do with the museum, it's a concession.",
        "Well, that's nothing to do with this office, love.",
        "You must have got it muddled up when you filled the form in.",
        "You've probably misunderstood the email.",
    ],
)
def test_new_refusal_and_blame_classes_are_nudged(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "There's every chance of getting you in on Thursday.",
        "No problem getting you in tomorrow, what time suits?",
        "The rattle has nothing to do with the engine, it's just the heat shield.",
        "You must have been worried sick.",
        "We must have got the orders mixed up, that's on us.",
        # reassurance or sympathy, then the recogniser's "can't" for "can" (its full stop a guess)
        "You won't need to do anything more. I can't take care of it all from here.",
        "That sounds really tough. I can't even think how you must feel.",
        "Oh, that must be needed, sorry. That can't be needed, I mean.",
    ],
)
def test_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "You don't need to do anything else. But I can't refund the deposit.",  # "but": a refusal after all
        "That must be hard. I can't refund it though.",  # a refusal action, not a verb of feeling
        "I can't refund the deposit.",
    ],
)
def test_a_refusal_after_reassurance_is_still_nudged(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


def test_an_exception_from_the_sentence_before_covers_the_start_of_the_next() -> None:
    excepted = compile_patterns(["nothing more (i|we) can't"])
    parts = sentences("There's nothing more. I can't see it. Fine.")
    assert excepted_spans(excepted, parts, 1) == [(0, 2)]  # "I can't" in the second sentence
    assert excepted_spans(excepted, parts, 2) == []
    found = find_phrases("There's nothing more. I can't see it.", ["i can't"], exceptions=excepted)
    assert found == []
    assert find_phrases("There's nothing. I can't see it.", ["i can't"], exceptions=excepted) != []


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("Right, that's you all set now period", True),
        ("Okay, that's everyone booked in, period.", True),
        ("That's the cooling off period.", False),
        ("That's your notice period.", False),
    ],
)
def test_cheerio_heard_as_period_after_a_wrap_up(line: str, closes: bool) -> None:
    assert closing_fired(line) is closes, line


LONG_REPLY = (
    "No paperwork at all, I've closed the account and stopped the direct debit, and if you ever want to pop in "
    "for a coffee just mention your name at the counter and we'll look after you, take care."
)


def test_a_long_replys_goodbye_heard_at_a_breath_waits_for_its_final() -> None:
    """A 40-word reply heard ending "take care" at a breath while the customer has not wound the call down
    (c356's class): no nudge from the partial; the final that goes on shows none either."""
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", "Hello, I need to close my late father's account please.", 5.0))
    coach.push(final("agent", "I'm so sorry for your loss, I can help with that.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you. I was worried about the paperwork.", 16.0))
    assert not [n for n in coach.push(heard_after(LONG_REPLY, 20.0, 0.4, utt="agent-2")) if isinstance(n, Nudge)]
    going_on = LONG_REPLY.removesuffix(", take care.") + ", for as long as you like."
    assert not [n for n in coach.push(final("agent", going_on, 20.0, utt="agent-2")) if isinstance(n, Nudge)]


def test_a_long_replys_goodbye_still_closes_on_its_final() -> None:
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", "Hello, I need to close my late father's account please.", 5.0))
    coach.push(final("agent", "I'm so sorry for your loss, I can help with that.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you. I was worried about the paperwork.", 16.0))
    coach.push(heard_after(LONG_REPLY, 20.0, 0.4, utt="agent-2"))
    found = coach.push(final("agent", LONG_REPLY, 20.0, utt="agent-2"))
    assert [n.kind for n in found if isinstance(n, Nudge)] == ["check_anything_else"]
