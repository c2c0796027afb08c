"""Escalation, session 27 (E30, issue 10): angry lines the lexicon missed as classes, and a raised opener the voice
alone carries.

- Told what to do, an angry customer refuses the instruction whatever its verb ("Don't tell me to ring back"); the
  verb is often misheard on a telephone line, so the refusal is the marker, not a list of verbs ([indignation]).
- Talked over, the customer asks to get to the end of what they were saying; blamed, they deny the handling the
  fault is put down to ("I haven't touched the valve"): a flare at the agent's last words ([reproach], tense on its
  own, with the category's short half-life).
- In the customer's first turn a rise the voice alone carries waits for the voice to be held
  (``voice_confirm_sustained``) unless the voice is also loud on the absolute scale (``voice_confirm_loud``): an
  aroused and loud opener is a raised one; a lively opener at telephone level still waits, and a loud line with a
  calm voice adds nothing.

Wording of our own, not the calls'. Synthetic readings, times in call samples."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.types import SAMPLE_RATE
from tests.test_escalation_said_again_markers import level_after_a_calm_opening
from tests.test_escalation_voice_sustained import AROUSED, first_tense, run

CFG = EscalationConfig()


def _categories(said: str) -> set[str]:
    return {h.category for h in default_lexicon().find(said)}


REFUSED = "indignation"
REPROACH = "reproach"


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Don't tell me to ring back tomorrow, I've rung four times.", REFUSED),
        ("And don't tell me to check my spam folder.", REFUSED),
        ("Do not tell me to wait another week for it.", REFUSED),
        ("Don't tell me to tone it down, the heating's been off since Friday.", REFUSED),
        ("Don't tell me what to do with my own account.", REFUSED),
        ("Don't you dare tell me it's my router.", REFUSED),
        ("Would you let me get to the end of what I'm saying?", REPROACH),
        ("Can you let me get to the end, please?", REPROACH),
        ("Let me get a sentence out, will you.", REPROACH),
        ("I'd like to say my piece. Let me say my piece first.", REPROACH),
        ("I haven't touched the thermostat since your man fitted it.", REPROACH),
        ("I never touched the wiring, it came like that.", REPROACH),
        ("We didn't touch it, it was straight out of the box.", REPROACH),
        ("Nobody's touched it, it's been locked in the shed.", REPROACH),
    ],
)
def test_the_class_is_tense_on_its_own(said: str, category: str) -> None:
    """A refused instruction whatever its verb; asking to finish or denying the blamed handling, a reproach
    that fades with the category's own half-life."""
    hits = [h for h in default_lexicon().find(said) if h.category == category]
    assert hits, said
    assert max(h.weight for h in hits) >= CFG.tense_enter
    assert all((0 < h.half_life_s < CFG.lexicon_half_life_s) == (category == REPROACH) for h in hits)


@pytest.mark.parametrize(
    "said",
    [
        "Let me get to the end of the form and I'll read you the number.",
        "Don't tell me the score, I've recorded the match!",
        "Don't tell me, let me guess, it's the blue one!",
        "Have you touched base with the courier yet?",
        "I haven't had a chance to look at it yet.",
        "My daughter told me to ring you about the booking.",
    ],
)
def test_calm_look_alikes_do_not_hit(said: str) -> None:
    assert not _categories(said) & {REFUSED, REPROACH}, said


def test_a_refused_instruction_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("Don't tell me to reboot it again, I've done it twice.") == "tense"


def test_a_denied_handling_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("I haven't touched the boiler. Nobody has.") == "tense"


def _opener(level_dbfs: float | None, cfg: EscalationConfig = CFG) -> float | None:
    """When a first turn whose voice reads aroused from 2 s for 4 s (then calm) first reaches "tense"; a level
    report of ``level_dbfs`` (None: none) at 1.5 s, on the absolute scale."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if level_dbfs is not None:
        tracker.push_level(int(1.5 * SAMPLE_RATE), level_dbfs)
    return first_tense(run(tracker, [0.1, AROUSED, AROUSED, AROUSED, AROUSED, 0.2, 0.1, 0.1]))


def test_an_aroused_and_loud_opener_rises_after_the_wait() -> None:
    loud = CFG.loud_level_ceiling_dbfs  # full loud-voice evidence
    rose = _opener(loud)
    assert rose is not None
    assert rose <= 2.0 + CFG.voice_confirm_s + 0.5  # the wait (first aroused reading at 2 s), not the sustain


def test_an_aroused_opener_at_telephone_level_still_waits_for_the_held_voice() -> None:
    assert _opener(None) is None
    assert _opener(CFG.loud_level_floor_dbfs - 4.0) is None  # nominal telephone speech: no loud evidence


def test_the_loud_confirmation_can_be_turned_off() -> None:
    off = EscalationConfig(voice_confirm_loud=0.0)
    assert _opener(CFG.loud_level_ceiling_dbfs, off) is None


def test_a_loud_line_with_a_calm_voice_adds_nothing() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_level(int(1.5 * SAMPLE_RATE), CFG.loud_level_ceiling_dbfs)
    assert first_tense(run(tracker, [0.1] * 8)) is None


def test_the_loud_confirmation_is_a_unit_interval() -> None:
    with pytest.raises(ValueError, match="voice_confirm_loud"):
        EscalationConfig(voice_confirm_loud=1.5)
