"""A request put politely says no feeling (issue 9, session 48 Q46): quiet c377's calm opening ended "And I wonder if
we could look at it together.", which the feeling head rated 0.74; read as a feeling, it made the price rise before it
no opening statement, so the agent's "Of course we can" did not answer it and the mirror was nudged. The sentence
asks for something (``listening.toml [enquiry]``); an upset word elsewhere in the turn is still read. The head's
rating is given, not computed (text level, our wording)."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.text import sentences
from tests.wording_helpers import utterance

CFG = load_language_config()
HEAD = Reading(complaint=0.2, feeling=0.74)  # how the head rated c377's request


def _felt(text: str) -> str | None:
    u = utterance("customer", text, 5.0, "c1")
    return AcknowledgeFeelingsRule(CFG.acknowledge_feelings).felt(
        u, [Unit(s.text, s.text, HEAD) for s in sentences(u.text)]
    )


@pytest.mark.parametrize(
    "text",
    [
        "And I wonder if we could look at it together.",
        "I was wondering if you could send someone out next week.",
        "We wondered whether somebody might ring us back about the quote.",
        "Just wondering if one of you could check the order.",
    ],
)
def test_a_polite_request_says_no_feeling(text: str) -> None:
    assert _felt(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "I wonder if I'll ever see that money again.",
        "I wonder why I bother with you lot.",
        "I'm at my wits' end with this boiler.",
    ],
)
def test_other_wondering_and_feelings_are_read(text: str) -> None:
    assert _felt(text) is not None


def test_an_upset_word_in_the_same_turn_is_still_read() -> None:
    assert _felt("I'm really upset about the bill. I wonder if we could look at it together.") is not None
