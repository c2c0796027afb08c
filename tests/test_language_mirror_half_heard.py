"""Session 15 (M8, issue 9): a complaint the complaint head only half heard, answered by a reply that
only asks for details.

The recogniser often loses a complaint's key words in a long opening turn ("the hem" heard as "the
theme"), so the head rates its best piece under ``model_threshold``. Such a first turn, saying no
feeling, of ``details_min_words`` words or more with a piece from ``details_model_threshold`` is a
*tentative* moment: a reply that does nothing but ask for details ("What's the booking reference?")
misses it; any other reply (a restatement, an answer, kind words, taking it on) answers it, and an
answered tentative moment is not the call's complaint (the head may still find a later one).

Head readings are given (the rule is under test, not the head, whose scores are the model's). All
wording is new (written for these tests, not taken from the calls).
"""

from __future__ import annotations

import dataclasses
import functools

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import ConfigError, load_language_config
from coach.language.listening import MirrorComplaintRule, asks_only_details
from coach.language.patterns import compile_patterns
from coach.language.utterance import Utterance
from coach.types import seconds_to_samples

STORY = (
    "Hi there, the canoe we hired for the weekend had a split along the hull, and we spent the whole of "
    "Saturday bailing water out of it instead of paddling up the river with the kids."
)
SHORT = "Hi, the canoe we hired had a split along the hull."
TOP = "and we spent the whole of Saturday bailing water out of it"


@functools.cache
def _cfg():
    """The shipped language settings (read once)."""
    return load_language_config()


def _rule(**changes: object) -> MirrorComplaintRule:
    lang = _cfg()
    return MirrorComplaintRule(
        dataclasses.replace(lang.mirror_complaint, **changes), lang.acknowledge_feelings.acknowledgements
    )


def _utt(speaker: str, text: str, start_s: float, end_s: float, utt: str, *, final: bool = True) -> Utterance:
    start, end = seconds_to_samples(start_s), seconds_to_samples(end_s)
    return Utterance(speaker, text, start, end, end, utt, final=final)


def _turn(text: str, top: float, rest: float = 0.2) -> list[Unit]:
    """The turn's pieces: the whole sentence at ``rest`` and its clause :data:`TOP` at ``top``."""
    return [Unit(text, text, Reading(rest, 0.2)), Unit(text, TOP, Reading(top, 0.2))]


def _reply(rule: MirrorComplaintRule, text: str, customer: str = STORY, top: float = 0.6, **kw: object) -> list:
    rule.on_agent(_utt("agent", "Good morning, Riverside Boat Hire, Priya speaking.", 0.0, 2.0, "a0"))
    rule.on_customer(_utt("customer", customer, 2.5, 12.0, "c1"), _turn(customer, top), **kw)  # type: ignore[arg-type]
    return rule.on_agent(_utt("agent", text, 12.5, 15.0, "a1"))


@pytest.mark.parametrize(
    "text",
    [
        "What's the booking reference, please?",
        "Which branch did you collect it from, and what's the surname?",
        "Booking reference?",
        "Can I grab your date of birth? And the first line of the address?",
        "Okay, let me pull the booking up. What's the surname?",
    ],
)
def test_a_reply_that_only_asks_for_details(text):
    cfg = _cfg().mirror_complaint
    assert asks_only_details(text, compile_patterns(cfg.business_openers), compile_patterns(cfg.short_requests))


@pytest.mark.parametrize(
    "text",
    [
        "A split in the hull, so you spent Saturday bailing. What's the booking reference?",
        "Oh no, that's a rotten weekend. What's the booking reference?",
        "What a shame. We'll refund the day.",
        "",
    ],
)
def test_a_reply_with_more_than_questions_for_details(text):
    cfg = _cfg().mirror_complaint
    assert not asks_only_details(text, compile_patterns(cfg.business_openers), compile_patterns(cfg.short_requests))


def test_a_half_heard_complaint_met_with_only_a_request_for_details_is_nudged():
    cfg = _cfg().mirror_complaint
    top = (cfg.details_model_threshold + cfg.model_threshold) / 2
    out = _reply(_rule(), "Which branch was it, and what's the booking reference?", top=top)
    assert [n.kind for n in out] == ["mirror_complaint"]
    assert out[0].evidence["model"] == round(top, 2) and out[0].start == seconds_to_samples(2.5)
    assert out[0].evidence["suggested_line"].startswith("So you spent the whole of Saturday bailing")


@pytest.mark.parametrize(
    "reply",
    [
        "Oh dear, water coming in the whole day. We'll refund the hire.",  # tells it back, answers
        "Let's take a look at what happened there. Can I have the booking reference?",  # takes it on
        "I'm so sorry. Can I have the booking reference?",  # acknowledges
        "We'll send someone to look at the hull today.",  # engages with it
    ],
)
def test_any_other_reply_answers_a_half_heard_complaint(reply):
    assert _reply(_rule(), reply) == []


@pytest.mark.parametrize(
    ("customer", "top", "upset"),
    [
        (STORY, 0.35, None),  # under details_model_threshold: not a complaint at all
        (SHORT, 0.6, None),  # under details_min_words: no story whose words were lost
        (STORY, 0.6, STORY),  # a feeling said: the upset path judges it (its own threshold)
    ],
)
def test_no_half_heard_complaint(customer, top, upset):
    rule = _rule(upset_model_threshold=0.9)
    assert _reply(rule, "What's the booking reference, please?", customer=customer, top=top, upset=upset) == []


def test_off_above_one():
    assert _reply(_rule(details_model_threshold=1.1), "What's the booking reference, please?") == []


def test_only_the_first_customer_turn_is_read_so():
    rule = _rule()
    rule.on_agent(_utt("agent", "Good morning, Riverside Boat Hire, Priya speaking.", 0.0, 2.0, "a0"))
    rule.on_customer(_utt("customer", "Hello, I'm ringing about a hire from last week.", 2.5, 5.0, "c1"), [])
    assert rule.on_agent(_utt("agent", "Of course, I can help with that.", 5.5, 7.0, "a1")) == []
    rule.on_customer(_utt("customer", STORY, 7.5, 16.0, "c2"), _turn(STORY, 0.6))
    assert rule.on_agent(_utt("agent", "What's the booking reference, please?", 16.5, 18.0, "a2")) == []


def test_the_verdict_waits_for_the_agents_final():
    rule = _rule()
    rule.on_agent(_utt("agent", "Good morning, Riverside Boat Hire, Priya speaking.", 0.0, 2.0, "a0"))
    rule.on_customer(_utt("customer", STORY, 2.5, 12.0, "c1"), _turn(STORY, 0.6))
    assert rule.on_agent_words(_utt("agent", "What's the booking reference and", 12.5, 14.0, "a1", final=False)) == []
    text = "What's the booking reference and, oh, bailing all Saturday with the kids, what a weekend."
    assert rule.on_agent(_utt("agent", text, 12.5, 17.0, "a1")) == []


def test_an_answered_half_heard_complaint_leaves_the_call_complaint_to_find():
    rule = _rule()
    assert _reply(rule, "We can certainly sort that out for you.") == []
    later = "The refund for the last hire never reached my card either."
    rule.on_customer(_utt("customer", later, 16.0, 20.0, "c2"), [Unit(later, later, Reading(0.95, 0.2))])
    out = rule.on_agent(_utt("agent", "Let me check the card number we have on file.", 20.5, 23.0, "a2"))
    assert [n.kind for n in out] == ["mirror_complaint"]


@pytest.mark.parametrize("changes", [{"details_model_threshold": 1.2}, {"details_min_words": -1}])
def test_settings_are_checked(changes):
    with pytest.raises(ConfigError):
        dataclasses.replace(_cfg().mirror_complaint, **changes)
