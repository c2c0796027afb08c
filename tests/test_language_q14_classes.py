"""Session 18 (Q14), issue 9: classes of false nudges on well-handled calls, in words written for them
(``tests/data/language_wording/tuning_q14.toml``): "I'd be <feeling> too" with "I'd" misheard answers the
feeling; a customer's surprised echo of the agent's offer says no feeling; the customer's "nothing else" in
their own words answers "anything else?". Phrase tables only (no audio, no heads): well under a second."""

from __future__ import annotations

import pytest

from coach.language import load_language_config
from coach.language.closing import ClosingRule
from coach.language.listening import acknowledges
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from tests.test_language_wording import wording_list

LIST = wording_list("tuning_q14")
CFG = load_language_config()
ACKS = compile_patterns(CFG.acknowledge_feelings.acknowledgements)
NOT_UPSET = compile_patterns(CFG.acknowledge_feelings.not_upset)
CLOSING = ClosingRule(CFG.check_anything_else)


@pytest.mark.parametrize("line", LIST["acknowledgements"]["lines"])
def test_id_be_furious_too_misheard_acknowledges(line: str) -> None:
    assert acknowledges(line, ACKS)


@pytest.mark.parametrize("line", LIST["not_acknowledgements"]["lines"])
def test_and_be_careful_too_does_not(line: str) -> None:
    assert not acknowledges(line, ACKS)


@pytest.mark.parametrize("line", LIST["echoes"]["lines"])
def test_a_surprised_echo_says_no_feeling(line: str) -> None:
    assert first_match(line, NOT_UPSET) is not None


@pytest.mark.parametrize("line", LIST["not_echoes"]["lines"])
def test_feelings_are_no_echo(line: str) -> None:
    assert first_match(line, NOT_UPSET) is None


@pytest.mark.parametrize("line", LIST["ask_answers"]["lines"])
def test_nothing_else_in_own_words_answers_the_ask(line: str) -> None:
    assert CLOSING._answers_ask(line)


@pytest.mark.parametrize("line", LIST["not_ask_answers"]["lines"])
def test_other_nos_do_not(line: str) -> None:
    assert not CLOSING._answers_ask(line)
