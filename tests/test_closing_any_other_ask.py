"""The agent's offer of more help asked about "any other <thing>" counts as asking "anything else?" (``asks`` in
``phrases.toml``; issue 9, session 54, C24, in sample); a question about "any other" detail does not. Wording written
for these tests, not taken from the calls."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from tests.test_closing_answer_tail import closing_nudges

ASKS = [
    "Is there any other matter I might help you with, Mrs Dunn?",
    "Is there any other booking we can help with today?",
    "Lovely. Is there any other problem with the order I could help with?",
    "Is there any other match or I might help you with?",  # "matter" as heard
]
DETAILS = [
    "Is there any other number we can reach you on?",
    "Is there any other way in to the property?",
    "Is there any other driver on the policy I should add?",
    "Is there any other name the account could be under?",
    "Is there any other address we could send it to?",
    "Is there any other colour we can do it in?",
    "Is there any other day that suits you better?",
    "Is there any other room the leak could be coming from?",
    "Is there any other card I can take the payment from?",
    "Is there any other person I can speak to about it?",
    "Is there any other reference on the letter?",
    "Is there any other time we could call you back?",
]


@pytest.fixture(scope="module")
def rule():
    return LanguageCoach()._closing


@pytest.mark.parametrize("ask", ASKS)
def test_any_other_thing_i_can_help_with_is_the_ask(ask: str, rule) -> None:
    assert rule._asks(ask)
    turns = (("agent", ask), ("customer", "No, that's it. Thanks."), ("agent", "You're welcome, take care now."))
    assert closing_nudges(*turns, tick_s=60.0) == []


@pytest.mark.parametrize("line", DETAILS)
def test_a_question_about_another_detail_is_no_ask(line: str, rule) -> None:
    assert not rule._asks(line)
