"""Session 18 (Q13), issue 9: classes of false nudges on well-handled calls, in words written for them
(``tests/data/language_wording/tuning_q13.toml``): sympathy "I can't <verb> how hard ..." whatever verb the
recogniser heard for "imagine"; "none the" that is no refusal; a customer's opening taken on by a short yes
("Course we can.") however its first words were heard. Text level only (no audio): about a second in all."""

from __future__ import annotations

import pytest

from coach.language.listening import _says_yes
from tests.test_language_rules import final, kinds, run
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_q13")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_refusals_that_look_like_the_classes_still_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_sympathy_and_none_the_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


def _mirror(customer: str, agent: str) -> bool:
    return "mirror_complaint" in kinds(run(final("customer", customer, 0.0), final("agent", agent, 9.0)))


@pytest.mark.parametrize(("customer", "agent"), LIST["mirror_taken_on"]["pairs"])
def test_an_opening_taken_on_by_a_short_yes_is_answered(customer: str, agent: str) -> None:
    assert not _mirror(customer, agent)


@pytest.mark.parametrize(("customer", "agent"), LIST["mirror_missed"]["pairs"])
def test_no_yes_no_answer(customer: str, agent: str) -> None:
    assert _mirror(customer, agent)


def test_a_yes_is_a_short_first_sentence_ending_on_we_or_i_can() -> None:
    assert _says_yes("I'm close, we can. Policy number?")
    assert _says_yes("We certainly can.")
    assert not _says_yes("Can we?")
    assert not _says_yes("We can't.")
    assert not _says_yes("Right, the fee is what it is and we can.")
