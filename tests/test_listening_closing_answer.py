"""Quiet c1100's class (issue 9, session 48 Q46): a happy customer's words misheard, read as upset by the heads.

- A customer turn opening with "no" to the agent's "anything else?" (``ClosingRule.declines_more``: "Nope, that's it!
  You're the best" heard "So, that's it, you're in a mess, real hell.", rated a feeling at 0.89) closes the call: the
  heads read no feeling or complaint into it; an upset word still opens its moment, and without the ask the turn is
  read as before.
- A piece the recogniser cut off with "..." after a word that says nothing by itself, three words or fewer ("and
  people were...", the happy first turn's restored tail, rated a complaint at 0.81), names nothing to mirror
  (``listening._trailing_off``); "and nobody rang..." does.

The heads' ratings are given, not computed (text level, our wording)."""

from __future__ import annotations

import pytest

from coach.language.closing import ClosingRule
from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule, _trailing_off
from coach.language.text import sentences
from coach.language.utterance import Utterance
from tests.wording_helpers import utterance

CFG = load_language_config()
UPSET_READ = Reading(complaint=0.8, feeling=0.9)  # how the heads rated c1100's misheard closing turn
ASK = "Lovely, that's all booked. Is there anything else I can do for you today?"


def _units(u: Utterance) -> list[Unit]:
    return [Unit(s.text, s.text, UPSET_READ) for s in sentences(u.text)]


def _rules(*, asked: bool) -> tuple[AcknowledgeFeelingsRule, MirrorComplaintRule, ClosingRule]:
    """The two listening rules wired to a closing rule as ``LanguageCoach`` wires them, after the agent's greeting and
    (``asked``) the "anything else?" ask or (not ``asked``) another statement, at 40 s."""
    mc = CFG.mirror_complaint
    ack = AcknowledgeFeelingsRule(CFG.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    mirror = MirrorComplaintRule(mc, CFG.acknowledge_feelings.acknowledgements)
    closing = ClosingRule(CFG.check_anything_else)
    ack.declines_more = mirror.declines_more = closing.declines_more
    ack.set_level("tense")  # a loud, lively voice read tense
    mirror.level = "tense"
    said = ASK if asked else "Lovely, that's all booked for the Thursday before the festival."
    for rule in (ack, mirror, closing):
        rule.on_agent(utterance("agent", "Good morning, Brine and Barrel, Rochelle speaking.", 0.0, "a1"))
        rule.on_agent(utterance("agent", said, 40.0, "a2"))
    return ack, mirror, closing


def _moments(text: str, *, asked: bool = True) -> tuple[str | None, bool]:
    """(the acknowledgement rule's feeling, whether the mirror rule opened a moment) for the customer turn ``text``."""
    ack, mirror, closing = _rules(asked=asked)
    u = utterance("customer", text, 50.0, "c1")
    felt = ack.felt(u, _units(u))
    mirror.on_customer(u, _units(u), upset=felt)
    return felt, mirror._pending is not None


@pytest.mark.parametrize(
    "text",
    [
        "So, that's it, you're in a mess, real hell.",
        "No, that's everything, you're the vest, Rochelle.",
        "Nope, that's all, that'll be a real help for the day.",
        "No thanks, I'm all good, you lot are mad busy.",
        "Nothing else, thanks, I'll be in a state of bliss.",
    ],
)
def test_a_no_to_the_ask_is_read_as_the_close(text: str) -> None:
    assert _moments(text) == (None, False)


def test_the_same_turn_without_the_ask_is_read_as_before() -> None:
    felt, mirrored = _moments("So, that's it, you're in a mess, real hell.", asked=False)
    assert felt is not None and mirrored


def test_an_upset_word_after_the_no_still_asks_for_the_acknowledgement() -> None:
    felt, _ = _moments("No, that's it, but honestly I'm still furious about the lid.")
    assert felt is not None


def test_a_question_back_is_no_close() -> None:
    felt, _ = _moments("So that's it? You're leaving me with no fridge all weekend?")
    assert felt is not None


@pytest.mark.parametrize("piece", ["and people were...", "but it...", "so the...", "people were\u2026"])
def test_a_fragment_cut_off_names_nothing(piece: str) -> None:
    assert _trailing_off(piece)


@pytest.mark.parametrize(
    "piece",
    ["and people were rude", "but the zip broke the first time I wore...", "it never came", "and nobody rang..."],
)
def test_a_longer_or_finished_piece_is_read(piece: str) -> None:
    assert not _trailing_off(piece)


def test_the_mirror_rule_skips_the_fragment_and_reads_the_rest() -> None:
    mc = CFG.mirror_complaint
    text = "We sold out by four last year, and people were..."
    u = utterance("customer", text, 5.0, "c1")
    fragment = [Unit(text, "and people were...", Reading(0.81, 0.2)), Unit(text, text, Reading(0.2, 0.2))]
    rule = MirrorComplaintRule(mc, CFG.acknowledge_feelings.acknowledgements)
    rule.on_customer(u, fragment)
    assert rule._pending is None or rule._pending.said != "and people were..."
