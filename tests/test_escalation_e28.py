"""Escalation, session 25 (E28, issue 10): the twenty-fourth part's quiet call that went "tense" and two classes of
complaint words the lexicon had no class for.

A happy customer who barges in and exclaims with delight ("Ooh, I'm coming!", "Hooray, that's sorted!") is not
raising their voice in complaint: an exclaimed sentence with a word of delight is no marker, so the interruption
alone (0.1) stays calm, while an exclaimed complaint after the same interruption still reaches "tense" (quiet
c568). A customer talked over who demands to finish ("Can you let me finish, please?", "Stop cutting me off") is
indignant: tense on its own, like "Don't tell me to relax". A customer who asks as a rebuttal why they were not
told ("Then why didn't the email say so?", "Why wasn't I warned?") adds under ``tense_enter`` alone (a [blame]
marker), so it counts with other evidence. Calm and happy look-alikes do not hit, or stay calm alone.
Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon, exclaims
from coach.types import SAMPLE_RATE
from tests.test_escalation_said_again_markers import level_after_a_calm_opening, level_while_a_grievance_is_held

TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "Ooh, I'm all right, I'm coming!",
        "Oooh, they'll love that!",
        "Hooray, that's sorted then!",
        "Woohoo, Saturday it is!",
        "Haha, my husband will be thrilled!",
        "Smashing, put us down for two!",
        "That's marvellous news!",
        "Superb, see you on the day!",
        "Oh it's gorgeous!",
    ],
)
def test_an_exclaimed_sentence_of_delight_is_no_marker(said: str) -> None:
    assert not exclaims(said)


@pytest.mark.parametrize(
    "said",
    [
        "That's another four days!",
        "Ooh, lovely. But the van never came!",  # delight in one sentence, the complaint exclaimed in the next
        "I've been waiting since nine!",
        "No, not the blue one!",
    ],
)
def test_an_exclaimed_complaint_still_counts(said: str) -> None:
    assert exclaims(said)


def _stage_after_a_barge_in(said: str) -> tuple[str, list[str]]:
    """Level and lexicon drivers after the customer interrupts the agent at 2 s and says ``said`` (final) at 4 s."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer
    from coach.types import Event

    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    barge_in = Event.at_samples("overlap", SAMPLE_RATE, 2 * SAMPLE_RATE, by="customer", kind="interruption", end=2.0)
    stage.observe([barge_in], 3 * SAMPLE_RATE)
    stage.push_final({"speaker": "customer", "text": said}, 4 * SAMPLE_RATE)
    state = stage._tracker.advance(5 * SAMPLE_RATE)
    return state.level, state.drivers["lexicon"]


def test_a_happy_customer_who_barges_in_with_delight_stays_calm() -> None:
    level, drivers = _stage_after_a_barge_in("Ooh, I'm all right, I'm coming!")
    assert "interrupts the agent" in drivers and "exclaims" not in drivers
    assert level == "calm"


def test_an_exclaimed_complaint_after_a_barge_in_is_tense() -> None:
    level, drivers = _stage_after_a_barge_in("Not again, that's four days!")
    assert "exclaims" in drivers
    assert level == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "Can you let me finish, please?",
        "Could you let me finish what I'm saying?",
        "Will you let me finish?",
        "Just let me finish for once.",
        "Please let me finish, I'm nearly done.",
        "Let me finish, please, before you start.",
        "Let me finish my sentence.",
        "Let me finish what I was saying.",
        "Can I just finish?",
        "May I finish?",
        "You keep interrupting me.",
        "Stop interrupting and listen.",
        "You keep cutting me off.",
        "Stop cutting me off!",
        "You're talking over me again.",
        "I haven't finished speaking.",
        "I hadn't finished talking, actually.",
        "Can I get a word in here?",
        "Let me get a word in.",
    ],
)
def test_demanding_to_finish_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "indignation" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Then why didn't the website say so?",
        "Then why did nobody ring?",
        "Then why wasn't it on the confirmation?",
        "Then why does it say next day on the box?",
        "So why didn't anyone pick up the phone?",
        "So why wasn't I told before I paid?",
        "Why didn't anyone tell us the road was shut?",
        "Why didn't you tell me on Monday?",
        "Why didn't anybody say it was cash only?",
        "Why didn't you say so at the start?",
        "Why didn't it say so on the ticket?",
        "Why didn't anyone mention the deposit?",
        "Why wasn't I told?",
        "Why weren't we warned about the parking?",
        "Why wasn't that mentioned when I booked?",
    ],
)
def test_asking_why_one_was_not_told_adds_under_tense_alone(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "blame" in [h.category for h in hits]
    assert max(h.weight for h in hits) < TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Let me finish writing this down.",
        "Let me finish my tea and I'll ring you back.",
        "I haven't finished the form yet, sorry.",
        "I was still talking to my neighbour, go on.",
        "Hear me out, I've got an idea for the party.",
        "Why didn't it go through, do you think? Maybe the card.",
        "So why did it come to the old address? Oh, I never changed it.",
        "Why did I pick the blue one, my daughter asks!",
        "Then we'll go for Saturday.",
        "Can I finish paying online instead?",
        "Did you tell me the time? I've forgotten.",
        "The line cut off earlier, so I rang back.",
    ],
)
def test_calm_and_happy_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


@pytest.mark.parametrize(
    "said",
    [
        "Then why didn't the leaflet say so?",
        "Why wasn't I told any of this when I paid?",
        "So why didn't anybody ring me back?",
    ],
)
def test_a_rebuttal_why_is_tense_while_an_earlier_grievance_is_held(said: str) -> None:
    assert level_while_a_grievance_is_held(said) == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "Then why didn't I think of that! Brilliant idea.",
        "Why didn't you say so, that's great news, thank you.",
    ],
)
def test_a_known_look_alike_that_hits_stays_calm_alone(said: str) -> None:
    assert level_after_a_calm_opening(said) == "calm"


def test_demanding_to_finish_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("Can you let me finish, please? It's the twentieth.") == "tense"


def test_a_happy_opener_aroused_for_five_seconds_with_no_calm_words_stays_calm() -> None:
    """Five seconds of aroused voice in the first turn and no calm words read (the words heard too poorly, quiet
    c568): sustained evidence ~0.51, under ``voice_confirm_sustained``; the 0.45 before rose at 6 s. Held a second
    longer the voice still rises."""
    from coach.classify.escalation import EscalationTracker
    from tests.test_escalation_voice_sustained import AROUSED, first_tense, run

    five = [0.1] + [AROUSED] * 5 + [0.2, 0.1, 0.1, 0.1]
    assert first_tense(run(EscalationTracker(EscalationConfig(), words_expected=True), five)) is None
    before = EscalationConfig(voice_confirm_sustained=0.45)
    assert first_tense(run(EscalationTracker(before, words_expected=True), five)) == 6.0
    six = [0.1] + [AROUSED] * 6 + [0.2, 0.1]
    assert first_tense(run(EscalationTracker(EscalationConfig(), words_expected=True), six)) == 7.0
