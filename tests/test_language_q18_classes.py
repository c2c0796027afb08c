"""Session 20, second round (Q18), issue 9: classes of false nudges and misses the nineteenth part left, in words
written for them (``tests/data/language_wording/tuning_q18.toml``): a customer's question about the work says no
feeling by the head (c448); a first-timer ready to start or a resolve to do something at last says none (c453);
"hooroo" and "see y'all" are goodbyes, "cheers, now the postcode" and "for so long" are not (c445, list Q); a lone
"bye" ending a long customer sentence is no close (c443). Phrase tables only (the head's rating is given)."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.complaint import Reading, Unit
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.text import sentences
from coach.language.utterance import Utterance
from coach.types import seconds_to_samples
from tests.test_language_rules import final
from tests.test_language_wording import closing_fired, wording_list

LIST = wording_list("tuning_q18")
CFG = load_language_config()
HEAD = Reading(complaint=0.05, feeling=0.84)  # c448's "What are you putting down ...?" rated 0.85


def _felt(line: str) -> str | None:
    """The feeling the acknowledge rule reads in the customer's opening turn ``line``, every sentence rated
    ``HEAD`` by the feeling head, at a calm level."""
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    u = Utterance.from_event(final("customer", line, 1.0, utt="c1"))
    return rule.felt(u, [Unit(s.text, s.text, HEAD) for s in sentences(u.text)])


@pytest.mark.parametrize("line", LIST["asks_about"]["lines"])
def test_a_question_about_the_work_says_no_feeling(line: str) -> None:
    assert _felt(line) is None


@pytest.mark.parametrize("line", LIST["still_feeling"]["lines"])
def test_a_question_that_tells_a_feeling_keeps_the_heads_reading(line: str) -> None:
    assert _felt(line) is not None


@pytest.mark.parametrize("line", LIST["first_timer"]["lines"])
def test_a_first_timer_ready_to_start_says_no_feeling(line: str) -> None:
    assert _felt(line) is None


@pytest.mark.parametrize("line", LIST["not_first_timer"]["lines"])
def test_look_alikes_of_a_first_timer_keep_the_feeling(line: str) -> None:
    assert _felt(line) is not None


@pytest.mark.parametrize("line", LIST["goodbyes"]["lines"])
def test_goodbyes_as_said_or_heard_close(line: str) -> None:
    assert closing_fired(line)


@pytest.mark.parametrize("line", LIST["mid_call"]["lines"])
def test_mid_call_thanks_and_so_long_are_no_goodbye(line: str) -> None:
    assert not closing_fired(line)


def _customer_closed(agent: str, customer: str) -> bool:
    """Whether the customer's turn ``customer``, after the agent's ``agent`` (the call under way), opens a close
    that the agent's next turn, asking nothing, leaves for a nudge (the clock ticked well past ``wait_s``)."""
    coach = LanguageCoach(CFG)
    out = coach.push(final("customer", "Hello, I'm ringing about my order.", 1.0, utt="c0"))
    out += coach.push(final("agent", agent, 4.0, utt="a0"))
    out += coach.push(final("customer", customer, 8.0, utt="c1"))
    out += coach.push(final("agent", "Right, let me have a look at the notes on that.", 20.0, utt="a1"))
    out += coach.tick(seconds_to_samples(40.0))
    return "check_anything_else" in {n.kind for n in out}


@pytest.mark.parametrize(("agent", "customer"), LIST["story_bye"]["pairs"])
def test_a_lone_bye_ending_a_long_story_is_no_close(agent: str, customer: str) -> None:
    assert not _customer_closed(agent, customer)


@pytest.mark.parametrize(("agent", "customer"), LIST["short_bye"]["pairs"])
def test_a_lone_bye_ending_a_short_sentence_still_closes(agent: str, customer: str) -> None:
    assert _customer_closed(agent, customer)
