"""Escalation lexicon, session 24 (E26, issue 10): mid-call complaint phrasings the lexicon had no class for.

The customer points out they said it already in this call ("Like I said"), nobody did what the company owed
them ("Nobody showed me the policy"), the item was fine until the company had it ("It was fine when your man
took it"), exasperation ("Oh come on"), being told only now ("and you're telling me this now?"): each adds
under ``tense_enter`` alone (calm customers use the same words), so it counts with other evidence: a marker of
an earlier turn still held, or a raised voice. A denial of the anger the customer is told they show ("I'm not
fired up") is tense on its own, like "I'm not shouting". Their calm and happy look-alikes do not hit, or stay
calm alone. Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon
from coach.types import SAMPLE_RATE

TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("It still won't start, like I said.", "repetition"),
        ("As I told you, the meter reads zero.", "repetition"),
        ("I've already said, the flat is on the second floor.", "repetition"),
        ("How many more times, it's the blue van.", "repetition"),
        ("No one explained the late fee to me.", "blame"),
        ("Nobody showed us where the fire exit was.", "blame"),
        ("Nobody apologised, not once.", "blame"),
        ("No one checked the tyres before we set off.", "blame"),
        ("The screen was fine when your courier picked it up.", "blame"),
        ("It was working until your engineer opened it.", "blame"),
        ("The vase was in one piece when I handed it over.", "blame"),
        ("Oh come on, that's not what the advert said.", "frustration"),
        ("For goodness' sake, it's a simple job.", "frustration"),
        ("You have got to be kidding, forty pounds for that?", "frustration"),
        ("The party's tomorrow and now you tell me?", "disbelief"),
        ("And you're telling me this the night before?", "disbelief"),
    ],
)
def test_each_class_adds_under_tense_alone(said: str, category: str) -> None:
    hits = default_lexicon().find(said)
    assert category in [h.category for h in hits]
    assert max(h.weight for h in hits) < TENSE


@pytest.mark.parametrize(
    "said",
    [
        "I'm not wound up, I just want my deposit back.",
        "I am not being aggressive, I'm asking a question.",
        "I'm not overreacting, the ceiling is dripping.",
        "I'm not raising my voice, the line is bad.",
        "I'm not losing my temper, I want it fixed.",
    ],
)
def test_denying_the_anger_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "indignation" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Any time on Tuesday is fine when you're ready.",
        "It was fine when I checked it this morning, then it stopped.",
        "Come on in, the door's open.",
        "Come on then, let's book the Saturday.",
        "So you're telling me it's already paid? Brilliant.",
        "As I say, there's no rush at all.",
        "I'm not angry, I'm just checking the date.",
        "Nobody showed up late, they were all on time.",
        "You're telling me the good news, thank you.",
        "Like it says on the website, parking is free.",
    ],
)
def test_calm_and_happy_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


def _final(tracker: EscalationTracker, second: float, said: str, *, calm: bool | None = None) -> str:
    hits = default_lexicon().find(said)
    state = tracker.push_words(
        int(second * SAMPLE_RATE), 0.0, n_words=len(said.split()), hits=hits, calm=calm if not hits else False
    )
    return state.level


def level_while_a_grievance_is_held(said: str) -> str:
    """The level after the customer's final ``said`` at 25 s, while a blame marker of their turn at 10 s (0.3,
    calm alone) is still held."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    assert _final(tracker, 10.0, "Nobody came back to us after the weekend.") == "calm"  # blame, 0.3
    return _final(tracker, 25.0, said)


def level_after_a_calm_opening(said: str) -> str:
    """The level after the customer's final ``said`` at 20 s, after a calm opening turn at 5 s."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    assert _final(tracker, 5.0, "Hello, I'd like to book the family room for June.", calm=True) == "calm"
    return _final(tracker, 20.0, said)


@pytest.mark.parametrize(
    "said",
    [
        "Like I said, we had no water.",
        "Nobody explained any of that when I booked.",
        "It was fine when your driver loaded it.",
    ],
)
def test_a_later_turn_with_the_class_is_tense_while_an_earlier_grievance_is_held(said: str) -> None:
    assert level_while_a_grievance_is_held(said) == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "Like I said, any time after two is fine.",
        "Nobody gave me a hard time, it was lovely.",
        "No one checked in before us, so we had the pick of rooms.",
        "It was fine when your colleague explained it.",
    ],
)
def test_a_known_look_alike_that_hits_stays_calm_alone(said: str) -> None:
    assert level_after_a_calm_opening(said) == "calm"


def test_the_item_was_fine_said_with_a_raised_voice_is_tense() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    for t in range(2, 8):  # a calm account at the customer's own level
        tracker.push_loudness(t * SAMPLE_RATE, 0.0)
    assert _final(tracker, 8.0, "We sent the lamp in for a new switch last month.", calm=True) == "calm"
    tracker.push_loudness(31 * SAMPLE_RATE, 4.0, span_s=3.0)  # a turn that starts raised
    assert tracker.advance(31 * SAMPLE_RATE).level == "calm"
    assert _final(tracker, 32.0, "The lamp was fine when your courier took it.") == "tense"
