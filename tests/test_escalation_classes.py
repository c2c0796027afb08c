"""Escalation (issue 10) by class: the lexicon's classes of complaint words and their calm look-alikes, and how the
tracker and stage read them with the customer's voice (a raised opener, a rise the voice alone carries, a weak marker
from a delighted customer, two grievances in one opening turn, echoes and presses).

Moved here from the per-session files test_escalation_e27.py ... test_escalation_e38.py (session 35, T1); each
part keeps its session's docstring as a comment. Tests are unchanged; a test or helper whose name two sessions
shared carries its session's tag (``_e28``, ``OFF_E33``). New escalation tests go in a topic file (this one, or a
``test_escalation_<topic>.py``), never in a file named after a session or helper."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig, EscalationState, EscalationTracker, utterance_weights
from coach.classify.lexicon import (
    EscalationLexicon,
    LexiconHit,
    default_lexicon,
    echo_accepted,
    exclaims,
    presses,
    tokens,
)
from coach.classify.stage import ECHOES, PRESS_HALF_LIFE_S, PRESSES, EscalationStage, _committed, _heard_p
from coach.classify.text_anger import TextAngerScorer
from coach.config import ConfigError, load_config
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Event
from tests.test_escalation_said_again_markers import _final, level_after_a_calm_opening, level_while_a_grievance_is_held
from tests.test_escalation_voice_sustained import AROUSED, first_tense, run

# ====================================================================================================
# Moved from tests/test_escalation_e27.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation lexicon, session 24 second round (E27, issue 10): complaint phrasings of the twenty-third part's
# angry turns that the lexicon had no class for.
#
# Told to calm down, the customer claims the judgement of their own reaction ("I'll decide what's worth getting
# upset about", "I'll be the judge of that"): tense on its own, like "Don't tell me to relax". The customer asks
# whether the agent even looked at what they sent ("Have you even read my email?") or denies having signed what they
# are held to ("Nobody signed anything"): each adds under ``tense_enter`` alone (calm customers use near words), so
# it counts with other evidence: a marker of an earlier turn still held, or a raised voice. Their calm and happy
# look-alikes do not hit, or stay calm alone ("Check your own records" has no class: see models/arousal.md, E27).
# Wording of our own, not the calls'.
# ====================================================================================================

TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "I'll decide what's worth getting wound up about, thanks.",
        "I'll decide what is worth a fuss, not you.",
        "I will decide what's worth being cross about.",
        "I'll decide how upset I get over my own wedding.",
        "I'll decide how I feel about it, thank you very much.",
        "I'll be the judge of that.",
        "I'll be the judge of what's reasonable here.",
        "Don't tell me how to feel about a ruined carpet.",
        "Don't tell me how I should feel, it's my money.",
        "You don't get to tell me how to react.",
        "You don't get to decide how I feel about this.",
        "It's not for you to decide how I react.",
    ],
)
def test_claiming_the_judgement_of_ones_own_reaction_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "indignation" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("Have you even looked at the photos I sent?", "disbelief"),
        ("Did you even read my email?", "disbelief"),
        ("Did you even check the order before it went out?", "disbelief"),
        ("Has anyone even looked at the form?", "disbelief"),
        ("Did you even bother to open the box?", "disbelief"),
        ("Nobody signed anything, we were out all day.", "blame"),
        ("I never signed anything for a second visit.", "blame"),
        ("No one agreed to that price.", "blame"),
    ],
)
def test_each_mid_call_class_adds_under_tense_alone(said: str, category: str) -> None:
    hits = default_lexicon().find(said)
    assert category in [h.category for h in hits]
    assert max(h.weight for h in hits) < TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Honestly, it's not worth getting worked up about, it's only a mug.",
        "I'll decide which colour tomorrow and ring you back.",
        "I'll decide when I've seen the quote.",
        "I'll decide what's best once I've talked to my wife.",
        "The judge of the show was lovely.",
        "Can you tell me how to fill in the form?",
        "Have you had a chance to look at it yet? No rush.",
        "I even looked at the website first, it's very clear.",
        "I checked my own records and you're right, it was paid.",
        "Let me check my own notes, one second.",
        "Check your own records if you like, but I'm sure it's fine.",
        "Somebody signed for it, my neighbour I think.",
        "We signed everything on the day, it was easy.",
        "We agreed to that on the phone, that's fine.",
    ],
)
def test_calm_and_happy_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


@pytest.mark.parametrize(
    "said",
    [
        "Have you even read what I sent you?",
        "I never signed anything for a hire, I was at work.",
        "Nobody signed anything, I was at work.",
    ],
)
def test_a_later_turn_with_the_class_is_tense_while_an_earlier_grievance_is_held(said: str) -> None:
    assert level_while_a_grievance_is_held(said) == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "Have you even looked at the new menu? It's gorgeous.",
        "Did you even check the weather? It's glorious out.",
        "I never signed anything, is that a problem? Happy to do it now.",
    ],
)
def test_a_known_look_alike_that_hits_stays_calm_alone(said: str) -> None:
    assert level_after_a_calm_opening(said) == "calm"


def test_the_judgement_claimed_after_a_calm_opening_is_tense() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    assert _final(tracker, 5.0, "Hi, it's about the room we booked for Sunday.", calm=True) == "calm"
    assert _final(tracker, 20.0, "I'll decide what's worth getting upset about.") == "tense"


# ====================================================================================================
# Moved from tests/test_escalation_e28.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 25 (E28, issue 10): the twenty-fourth part's quiet call that went "tense" and two classes of
# complaint words the lexicon had no class for.
#
# A happy customer who barges in and exclaims with delight ("Ooh, I'm coming!", "Hooray, that's sorted!") is not
# raising their voice in complaint: an exclaimed sentence with a word of delight is no marker, so the interruption
# alone (0.1) stays calm, while an exclaimed complaint after the same interruption still reaches "tense" (quiet
# c568). A customer talked over who demands to finish ("Can you let me finish, please?", "Stop cutting me off") is
# indignant: tense on its own, like "Don't tell me to relax". A customer who asks as a rebuttal why they were not
# told ("Then why didn't the email say so?", "Why wasn't I warned?") adds under ``tense_enter`` alone (a [blame]
# marker), so it counts with other evidence. Calm and happy look-alikes do not hit, or stay calm alone.
# Wording of our own, not the calls'.
# ====================================================================================================


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
def test_calm_and_happy_look_alikes_do_not_hit_e28(said: str) -> None:
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
def test_a_known_look_alike_that_hits_stays_calm_alone_e28(said: str) -> None:
    assert level_after_a_calm_opening(said) == "calm"


def test_demanding_to_finish_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("Can you let me finish, please? It's the twentieth.") == "tense"


def test_a_happy_opener_aroused_for_five_seconds_with_no_calm_words_stays_calm() -> None:
    """Five seconds of aroused voice in the first turn and no calm words read (the words heard too poorly, quiet
    c568): sustained evidence ~0.51, under ``voice_confirm_sustained``; the 0.45 before rose at 6 s. Held a second
    longer the voice still rises."""
    from coach.classify.escalation import EscalationTracker
    from tests.test_escalation_voice_sustained import AROUSED, first_tense, run

    held = EscalationConfig(voice_confirm_held_alone=True)  # sessions 25-36 (session 37: the held voice alone waits)
    five = [0.1] + [AROUSED] * 5 + [0.2, 0.1, 0.1, 0.1]
    assert first_tense(run(EscalationTracker(held, words_expected=True), five)) is None
    before = EscalationConfig(voice_confirm_sustained=0.45, voice_confirm_held_alone=True)
    assert first_tense(run(EscalationTracker(before, words_expected=True), five)) == 6.0
    six = [0.1] + [AROUSED] * 6 + [0.2, 0.1]
    assert first_tense(run(EscalationTracker(held, words_expected=True), six)) == 7.0
    assert first_tense(run(EscalationTracker(EscalationConfig(), words_expected=True), six)) is None


# ====================================================================================================
# Moved from tests/test_escalation_e29.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 26 (E29, issue 10): a customer who puts the agent right with a reproach reaches "tense" at
# once, and the reproach fades with its category's own half-life.
#
# Misread or cut off, an angry customer often says so without any word of the lexicon: they ask whether they were
# heard at all ("Were you even listening?"), say that was what they were trying to tell the agent, set what they
# said against what the agent took from it ("I'm not saying you lost it, I'm saying ..."; "I didn't ask you to ..."),
# or head off an excuse ("Don't tell me it wasn't sent"). Said calmly on a telephone line, the voice model reads
# nothing, so the words must: a [reproach] marker is tense on its own, like [indignation]. It is a flare at the
# agent's last words, not a grievance held all call: it fades with ``half_life_s`` of its lexicon category, so
# the customer's next turn, often calm again, does not start "tense" on it (a category without one fades with the
# tracker's ``lexicon_half_life_s``). Calm look-alikes do not hit. Wording of our own, not the calls'.
# ====================================================================================================

CFG = EscalationConfig()
TENSE_E29 = CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "Did you actually hear a single thing I said?",
        "Did you even hear me just now?",
        "Did you hear what I said about the key?",
        "Were you even listening to me?",
        "Are you actually listening, or reading a screen?",
        "That's what I was trying to say before you jumped in.",
        "Yes, that's what I've been trying to tell you for ten minutes.",
        "I'm not saying you didn't post it. I'm saying it never came.",
        "I'm not saying you did it on purpose, I'm saying it's wrong.",
        "I didn't ask you to reset anything, I asked when it comes back.",
        "I never asked you to cancel the order.",
        "So don't tell me it wasn't booked, I've got the reference.",
        "And don't tell me you can't see it on your system.",
    ],
)
def test_a_reproach_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "reproach" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE_E29


@pytest.mark.parametrize(
    "said",
    [
        "Did you hear the thunder last night?",
        "Did you hear about the new bus route?",
        "That's what I'm trying to say, sorry, I'm not good with words.",
        "That's what I was hoping for, lovely.",
        "I'm not saying no, I'd just like to think about it.",
        "I didn't ask your name, sorry, what was it?",
        "Don't tell me, you've got a dog too!",
        "Are you listening to the match later?",
    ],
)
def test_calm_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


def test_the_reproach_category_fades_faster_than_the_tracker_default() -> None:
    hit = default_lexicon().find("Were you even listening?")[0]
    assert 0 < hit.half_life_s < CFG.lexicon_half_life_s
    assert default_lexicon().find("How dare you.")[0].half_life_s == 0.0  # [indignation]: the tracker's own


def test_a_reproach_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("Were you even listening? It's the back door.") == "tense"


def _level_at(said: str, second: float) -> str:
    """The level at ``second`` after a calm opening at 5 s and the reproach-or-not ``said`` at 20 s."""
    tracker = EscalationTracker(CFG, words_expected=True)
    assert _final(tracker, 5.0, "Hello, I'd like to book the family room for June.", calm=True) == "calm"
    assert _final(tracker, 20.0, said) == "tense"
    return tracker.advance(int(second * SAMPLE_RATE)).level


def test_a_reproach_no_longer_holds_tense_twenty_seconds_on() -> None:
    assert _level_at("Did you even hear me just now?", 26.0) == "tense"  # held through the agent's reply
    assert _level_at("Did you even hear me just now?", 40.0) == "calm"


def test_an_indignant_marker_still_holds_tense_twenty_seconds_on() -> None:
    """The same timing with an [indignation] marker (no half-life of its own): it stays the tracker's."""
    assert _level_at("Don't talk to me like that.", 40.0) == "tense"


def test_the_stage_hands_the_half_life_to_the_tracker() -> None:
    """Through :class:`EscalationStage`: a final with a reproach rises, and is calm again 20 s on."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    stage = EscalationStage(CFG, text_scorer=TextAngerScorer())
    stage.push_final({"speaker": "customer", "text": "I didn't ask you to cancel it."}, 4 * SAMPLE_RATE)
    assert stage._tracker.advance(5 * SAMPLE_RATE).level == "tense"
    assert stage._tracker.advance(25 * SAMPLE_RATE).level == "calm"


def _lexicon(tmp_path: Path, table: str) -> EscalationLexicon:
    path = tmp_path / "lexicon.toml"
    path.write_text(table, encoding="utf-8")
    return EscalationLexicon.from_toml(path)


def test_the_loader_reads_a_category_half_life(tmp_path: Path) -> None:
    lex = _lexicon(
        tmp_path, '[a]\nweight = 0.4\nhalf_life_s = 5.0\nphrases = ["oi"]\n[b]\nweight = 0.4\nphrases = ["ey"]\n'
    )
    assert [h.half_life_s for h in lex.find("oi ey")] == [5.0, 0.0]


def test_the_loader_rejects_a_negative_half_life(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="half_life_s"):
        _lexicon(tmp_path, '[a]\nweight = 0.4\nhalf_life_s = -1\nphrases = ["oi"]\n')


# ====================================================================================================
# Moved from tests/test_escalation_e30.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 27 (E30, issue 10): angry lines the lexicon missed as classes, and a raised opener the voice
# alone carries.
#
# - Told what to do, an angry customer refuses the instruction whatever its verb ("Don't tell me to ring back"); the
#   verb is often misheard on a telephone line, so the refusal is the marker, not a list of verbs ([indignation]).
# - Talked over, the customer asks to get to the end of what they were saying; blamed, they deny the handling the
#   fault is put down to ("I haven't touched the valve"): a flare at the agent's last words ([reproach], tense on its
#   own, with the category's short half-life).
# - In the customer's first turn a rise the voice alone carries waits for the voice to be held
#   (``voice_confirm_sustained``) unless the voice is also loud on the absolute scale (``voice_confirm_loud``): an
#   aroused and loud opener is a raised one; a lively opener at telephone level still waits, and a loud line with a
#   calm voice adds nothing.
#
# Wording of our own, not the calls'. Synthetic readings, times in call samples.
# ====================================================================================================


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
def test_calm_look_alikes_do_not_hit_e30(said: str) -> None:
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


# ====================================================================================================
# Moved from tests/test_escalation_e31.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 27 (E31, issue 10): one weak marker from a customer who has just sounded delighted.
#
# A pleased, lively customer (an aroused voice, damped by their calm and delighted words) says one weak marker in
# words that otherwise read calm ("... towards my rent", often a misheard word or one said in passing). Read as a
# complaint it dropped all their calm words and, through the complaint share, undid the damping of the voice: calm
# to escalated in one step on one piece of evidence. A lone weak marker (``lone_marker_max``) is read against the
# delight evidence: it keeps the calm words, counts less (``lone_marker_calm``) and stays outside the complaint
# share. Without delight evidence, with anger in the text, with a stronger marker or with a second one it counts as
# any marker. Likewise a little anger in the text (word evidence under ``complaint_words_min``, one short misheard
# line) does not undo the calm words' damping of a lively voice. Wording of our own. Synthetic readings, times in
# call samples.
# ====================================================================================================


LIVELY = 0.97
"""A lively voice's arousal probability: high enough to escalate a customer with no calm words."""
DELIGHTED = "That's wonderful, thank you so much, really helpful of you."
WEAK = "Yes please, I can put it towards my rent this month, thanks."


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _levels(lone: bool, *, cfg: EscalationConfig = CFG, delighted: bool = True) -> list[str]:
    """The levels from a weak-marker final at 20.5 s to 26 s: a calm opening at 5 s, a final at 12 s
    (delighted or merely calm), a lively voice from 13 s on."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(12), 0.0, n_words=9, calm=True, pleasant=delighted)
    for s in range(13, 21):
        assert tracker.push_voice(at(s), LIVELY).level == "calm"
    hits = default_lexicon().find(WEAK)
    assert [h.weight for h in hits] == [0.3]
    levels = [tracker.push_words(at(20.5), 0.02, n_words=12, hits=hits, calm=False, lone=lone).level]
    for s in range(21, 27):
        levels.append(tracker.push_voice(at(s), LIVELY).level)
    return levels


def test_a_delighted_customer_lone_weak_marker_keeps_them_calm() -> None:
    assert set(_levels(lone=True)) == {"calm"}
    assert "escalated" in _levels(lone=False)  # read as any marker: calm to escalated in one step


def test_without_delight_evidence_the_lone_marker_counts_as_any() -> None:
    assert _levels(lone=True, delighted=False) == _levels(lone=False, delighted=False)
    assert _levels(lone=True, delighted=False) != ["calm"] * 7


def test_lone_marker_max_zero_turns_it_off() -> None:
    off = EscalationConfig(lone_marker_max=0.0)
    assert _levels(lone=True, cfg=off) == _levels(lone=False, cfg=off)
    assert "escalated" in _levels(lone=True, cfg=off)


def test_the_lone_marker_still_counts_for_part() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True, pleasant=True)
    before = tracker.push_words(at(10), 0.0, n_words=12, calm=True).score
    after = tracker.push_words(at(10.5), 0.0, n_words=12, hits=default_lexicon().find(WEAK), calm=False, lone=True)
    assert after.score > before
    assert after.lexicon == ["my rent"]
    assert tracker._marks[-1].weight < 0.3 and not tracker._marks[-1].gates


def test_committed_words_with_a_lone_marker_keep_the_calm_words_while_delighted() -> None:
    for pleased, kept in ((True, True), (False, False)):
        tracker = EscalationTracker(CFG, words_expected=True)
        tracker.push_words(at(5), 0.0, n_words=12, calm=True, pleasant=pleased)
        tracker.push_committed_words(at(8), 6, calm=False, lone=True)
        assert (tracker._calm_words > 0) is kept


@pytest.mark.parametrize("key", ["lone_marker_max", "lone_marker_calm", "complaint_words_min"])
def test_the_keys_are_checked(key: str) -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(**{key: 1.5})


def _words(said: str, p: float = 0.9, start: float = 0.0) -> list[dict[str, object]]:
    """Words heard with probability ``p``, one every 0.3 s from ``start``."""
    return [
        {"w": w, "p": p, "start": start + 0.3 * i, "end": start + 0.3 * i + 0.25} for i, w in enumerate(said.split())
    ]


@pytest.mark.parametrize(
    ("said", "p_word", "lone"),
    [
        (WEAK, 0.9, True),
        ("Lovely, and is there any compensation for the wait at all?", 0.9, True),
        (WEAK, 0.3, False),  # not heard confidently: no calm words either way
        ("I've been on hold all morning and I'm absolutely furious about it.", 0.9, False),  # two, anger
        ("This is ridiculous, put me through to your manager.", 0.9, False),  # a strong marker with it
        ("Right, I'd like to book the big room for Saturday.", 0.9, False),  # no marker
    ],
)
def test_what_is_a_lone_weak_marker(said: str, p_word: float, lone: bool) -> None:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    assert stage._text is not None
    reading = stage._text.score(said)
    assert stage._lone(stage._markers(said, list(reading.hits)), _words(said, p_word), reading.p) is lone


def _stage_final(stage: EscalationStage, utt: str, said: str, second: float) -> None:
    final = {"speaker": "customer", "utt": utt, "final": True, "text": said, "words": _words(said, start=second - 4.0)}
    stage.push_final(final, at(second))


@pytest.mark.parametrize(("opening", "kept"), [(DELIGHTED, True), ("Right, I'd like to book the big room.", False)])
def test_the_stage_keeps_the_calm_words_only_after_delight(opening: str, kept: bool) -> None:
    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    _stage_final(stage, "c1", opening, 5.0)
    assert stage._tracker._calm_words > 0
    _stage_final(stage, "c2", WEAK, 12.0)
    assert (stage._tracker._calm_words > 0) is kept
    assert stage._tracker._lexicon()[2] == ["my rent"]


def _lively_turn_after_a_little_anger(cfg: EscalationConfig = CFG) -> list[str]:
    """The levels over a lively voice from 31 s to 36 s: calm words at 5 s and 15 s, then at 30 s a short
    final with a little anger in its text (text anger 0.21: word evidence under ``complaint_words_min``)."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(15), 0.0, n_words=12, calm=True)
    state = tracker.push_words(at(30), 0.21, n_words=5, calm=None)
    assert 0 < state.evidence[2] < cfg.complaint_words_min or cfg.complaint_words_min == 0
    return [tracker.push_voice(at(s), 0.8).level for s in range(31, 37)]


def test_a_little_anger_in_the_text_does_not_undo_the_calm_words() -> None:
    assert set(_lively_turn_after_a_little_anger()) == {"calm"}
    assert "tense" in _lively_turn_after_a_little_anger(EscalationConfig(complaint_words_min=0.0))


def test_word_evidence_at_complaint_words_min_still_undoes_them() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_words(at(15), 0.0, n_words=12, calm=True)
    state = tracker.push_words(at(30), 0.45, n_words=12, calm=None)  # the calm words stay
    assert state.evidence[2] >= CFG.complaint_words_min
    assert "tense" in [tracker.push_voice(at(s), 0.8).level for s in range(31, 37)]


# ====================================================================================================
# Moved from tests/test_escalation_e32.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 28 (E32, issue 10): a customer turn that starts raised, its complaint transcribed later.
#
# A customer answers the agent with a voice raised for its first second ("So what am I meant to ..."), then says the
# rest of the line at their usual level; the marker that makes the words a complaint is transcribed a second or two
# later, when the raised-voice evidence has already come down. The complaint share let only the released evidence
# count, so one weak marker (below "tense" by itself) plus a raised start stayed just under "tense". While the words
# complain, the raised-voice evidence is at least the highest of the turn's last ``louder_turn_peak_s`` seconds; a
# raised second long before the marker, one in an earlier turn or a raised start without complaint words adds
# nothing. Wording of our own. Synthetic readings, times in call samples.
# ====================================================================================================


OFF = EscalationConfig(louder_turn_peak_s=0.0)
COMPLAINT = "So what am I meant to do with forty chairs and no tables?"
"""One weak marker (below "tense" by itself), no anger to the text model."""
CALM = "The van came at nine and the chairs look lovely, thanks."


def _turn(cfg: EscalationConfig, *, marker_at: float, raised_db: float = 2.9, text: str = COMPLAINT) -> list:
    """States after each step of a customer turn starting at 20 s: a calm opening final at 5 s, the turn's first
    loudness report at 20.7 s ``raised_db`` above their usual level (spanning the agent's turn), then a report a
    second at their usual level (-0.7 dB) until ``marker_at``, and the final of ``text`` at ``marker_at``."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    states = [tracker.push_loudness(at(20.7), raised_db, span_s=10.0)]
    t = 21.7
    while t < marker_at:
        states.append(tracker.push_loudness(at(t), -0.7))
        t += 1.0
    hits = default_lexicon().find(text)
    states.append(tracker.push_words(at(marker_at), 0.0, n_words=len(text.split()), hits=hits, calm=not hits))
    return states


def test_the_wording_has_one_weak_marker() -> None:
    assert [h.weight for h in default_lexicon().find(COMPLAINT)] == [0.35]
    assert CFG.tense_enter > 0.35
    assert default_lexicon().find(CALM) == []


def test_a_raised_start_and_its_later_marker_are_one_raised_complaint() -> None:
    on = _turn(CFG, marker_at=22.3)[-1]
    off = _turn(OFF, marker_at=22.3)[-1]
    assert on.level == "tense"
    assert off.level == "calm" and off.score < CFG.tense_enter
    assert on.score > off.score


def test_the_marker_alone_stays_calm() -> None:
    flat = _turn(CFG, marker_at=22.3, raised_db=0.0)[-1]
    assert flat.level == "calm"
    assert flat.score == pytest.approx(0.35, abs=0.01)


def test_a_raised_second_long_before_the_marker_adds_nothing() -> None:
    late = _turn(CFG, marker_at=26.3)[-1]
    assert late.level == "calm"
    assert late.score == pytest.approx(_turn(OFF, marker_at=26.3)[-1].score)


def test_a_raised_start_without_complaint_words_adds_nothing() -> None:
    on = _turn(CFG, marker_at=22.3, text=CALM)
    off = _turn(OFF, marker_at=22.3, text=CALM)
    assert [s.level for s in on] == ["calm"] * len(on)
    assert [s.score for s in on] == pytest.approx([s.score for s in off])


def test_a_raised_start_of_an_earlier_turn_does_not_count() -> None:
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=12, calm=True)
    tracker.push_loudness(at(20.7), 2.9, span_s=10.0)  # the earlier turn starts raised...
    tracker.push_loudness(at(22.0), -0.7, span_s=2.6)  # ...a new one at their usual level after a pause
    hits = default_lexicon().find(COMPLAINT)
    state = tracker.push_words(at(22.3), 0.0, n_words=12, hits=hits, calm=False)
    assert state.level == "calm"


def test_louder_turn_peak_s_must_not_be_negative() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(louder_turn_peak_s=-1.0)


# ====================================================================================================
# Moved from tests/test_escalation_e33.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 29 (E33, issue 10): anger stated outright, and frustration said without swearing.
#
# A customer who says they are angry ("I'm furious", "we're absolutely fuming", "I'm so cross") is tense on that
# alone ([stated_anger], like [indignation]): it often comes in a name-first opener ("Hi, this is ..., and I'm
# furious"), before any baseline of their voice, and in the customer's first turn a marker heard surely counts on the
# first partial that has it. The bare words ("furious", "fuming") said of someone else stay [frustration], under
# "tense"; "angry", "cross" and "raging" count only said of themselves or with an intensifier. Frustration said
# without swearing (a judgement of the service, having had enough, being messed about) is [frustration], under
# "tense" alone. Calm look-alikes (the bin collection's rubbish, crossing the road, an anger denied) stay unmarked.
# Wording of our own.
# ====================================================================================================

LEX = EscalationLexicon.from_toml()


def categories(said: str) -> set[str]:
    return {h.category for h in LEX.find(said)}


@pytest.mark.parametrize(
    "said",
    [
        "Morning, it's Priya Lal from number nine, and I'm absolutely fuming.",
        "This is Tom Okafor, account ending 2210, and I am livid.",
        "We're furious, the whole family is.",
        "Honestly I'm so angry I can barely speak.",
        "I'm really cross with how this has gone.",
        "I'm seething about the charge.",
        "I am utterly disgusted by the way I've been spoken to.",
        "I'm raging, the van never turned up.",
        "The whole street is up in arms about the roadworks.",
        "I'm hopping mad about this bill.",
    ],
)
def test_anger_stated_outright_is_tense_alone(said: str) -> None:
    hits = LEX.find(said)
    assert "stated_anger" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) >= CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "My brother was furious when he saw it, but he loves it now.",
        "The neighbours are fuming about the hedge, not my problem though.",
    ],
)
def test_an_anger_named_of_someone_else_is_under_tense(said: str) -> None:
    hits = LEX.find(said)
    assert categories(said) == {"frustration"}, said
    assert max(h.weight for h in hits) < CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "What a shambles this whole order has been.",
        "That's a load of rubbish and you know it.",
        "Enough is enough, this is the last straw.",
        "I'm at my wits' end with this boiler.",
        "I'm at the end of my tether.",
        "I won't put up with another missed slot.",
        "You've messed me around for a fortnight.",
        "I keep getting fobbed off by your branch.",
        "I've been sent from pillar to post.",
        "I'm really not happy about the state of it.",
        "I feel completely let down by the shop.",
        "Forty pounds for a cable is daylight robbery.",
        "It's an absolute farce, the form won't submit.",
        "That's utter nonsense, I paid on the first.",
        "This is not acceptable for a new washer.",
    ],
)
def test_frustration_said_without_swearing_is_a_marker_under_tense(said: str) -> None:
    hits = LEX.find(said)
    assert "frustration" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not furious, just a little disappointed.",
        "I'm not angry with the driver, he was lovely.",
        "Not so cross now you've explained it, thanks.",
        "Can the rubbish collection move to a Thursday?",
        "That's not unreasonable, go ahead.",
        "I can put up with the noise for a day or two.",
        "I messed around with the router and now it works.",
        "If I'm not happy with the colour, can I swap it?",
        "Someone let down my tyres in the car park, so I'm late.",
        "Hang on, I need to cross the road, the signal is better there.",
        "We're cross country skiing next month, can the bags be ready?",
        "The river was raging, so the ferry didn't run.",
        "My horse is a cob cross, is the trailer big enough?",
    ],
)
def test_calm_look_alikes_are_no_anger(said: str) -> None:
    assert not categories(said) & {"stated_anger", "frustration"}, said


def test_a_stated_anger_in_an_opener_partial_is_tense_at_once() -> None:
    """As the tracker takes a marker of the first turn's partial (provisional, before any final): "tense" at once,
    where a [frustration] marker stays calm."""
    angry = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("Hi, it's Jo Marsh from Elm Road, and I'm furious")]
    assert angry.set_provisional(at(2.6), hits).level == "tense"
    weak = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("Hi, it's Jo Marsh from Elm Road, and my son is furious")]
    assert weak.set_provisional(at(2.6), hits).level == "calm"


def test_a_stated_anger_and_a_frustration_marker_in_one_utterance_do_not_escalate_alone() -> None:
    """Two markers of one utterance: the strongest counts fully, the other a quarter (``same_utterance_factor``),
    so words alone do not reach "escalated"."""
    tracker = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("I'm furious, it's a shambles")]
    state = tracker.push_words(at(4.0), 0.0, n_words=5, hits=hits, calm=False)
    assert state.level == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "There's no need to shout at me, I only asked when it's coming.",
        "Don't you raise your voice at me, young man.",
        "Please stop yelling at me, I'm trying to help you find it.",
        "Why are you shouting at me?",
        "Watch your tone, I've been ringing since nine.",
    ],
)
def test_a_reproach_of_the_agents_tone_is_a_brief_weak_marker(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category == "tone_reproach"]
    assert hits, said
    assert hits[0].weight < CFG.tense_enter and 0 < hits[0].half_life_s <= 10.0


@pytest.mark.parametrize(
    "said",
    [
        "My supervisor will shout at me if the parts aren't here by Friday.",
        "There's no need to shout, I can hear you fine.",
        "He snapped at me in the shop, so I left and rang you instead.",
    ],
)
def test_a_tone_look_alike_is_no_reproach(said: str) -> None:
    assert "tone_reproach" not in categories(said), said


def test_a_tone_reproach_lets_a_raised_voice_reach_tense() -> None:
    """After a calm opening final: a voice 4 dB above the customer's own level and the reproach in a partial are
    "tense", the reproach alone is not."""
    hits = [(h.phrase, h.weight) for h in LEX.find("There's no need to shout at me")]
    raised = EscalationTracker(CFG, words_expected=True)
    raised.push_words(at(5), 0.0, n_words=12, calm=True)
    raised.push_loudness(at(20), 4.0)
    assert raised.set_provisional(at(20.5), hits).level == "tense"
    alone = EscalationTracker(CFG, words_expected=True)
    alone.push_words(at(5), 0.0, n_words=12, calm=True)
    assert alone.set_provisional(at(20.5), hits).level == "calm"


OFF_E33 = EscalationConfig(loud_opener_undamps=0.0)


def _opener_e33(cfg: EscalationConfig, *, level_dbfs: float, pleasant_final: bool = False) -> EscalationState:
    """A customer's first turn from 1 s: four seconds of speech at ``level_dbfs``, the voice model reading aroused
    (0.8) every second, and from 2 s committed words read as calm (a name, a place: twelve words). With
    ``pleasant_final``, a delighted final first (then the turn is no longer the first). The state at 4 s."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if pleasant_final:
        tracker.push_words(at(0.5), 0.0, n_words=6, calm=True, pleasant=True)
    for k in range(1, 5):
        tracker.push_level(at(k), level_dbfs)
        state = tracker.push_voice(at(k), 0.8)
        if k >= 2:
            state = tracker.push_committed_words(at(k) + 1, 12, calm=True)
    return state


def test_a_loud_openers_calm_words_do_not_damp_its_aroused_voice() -> None:
    """A loud opener (-19 dBFS, 7 dB above telephone speech) whose first words read calm (a name, a place) keeps
    its aroused voice: "tense"; with the key off the calm words damp it to "calm"."""
    assert _opener_e33(CFG, level_dbfs=-19.0).level == "tense"
    assert _opener_e33(OFF_E33, level_dbfs=-19.0).level == "calm"


def test_an_opener_at_an_ordinary_level_stays_damped() -> None:
    """The same opener at an ordinary telephone level (-26 dBFS): the calm words damp the voice as before."""
    assert _opener_e33(CFG, level_dbfs=-26.0).level == _opener_e33(OFF_E33, level_dbfs=-26.0).level == "calm"


def test_a_loud_level_after_the_first_final_does_not_undo_the_damping() -> None:
    """After the customer's first final (a delighted one), a loud level leaves the damping as before."""
    on = _opener_e33(CFG, level_dbfs=-19.0, pleasant_final=True)
    off = _opener_e33(OFF_E33, level_dbfs=-19.0, pleasant_final=True)
    assert (on.level, on.score) == (off.level, off.score)


def test_loud_opener_undamps_is_a_unit_setting() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(loud_opener_undamps=1.5)


def test_a_loud_opener_stays_undamped_when_its_level_dips() -> None:
    """The opener's loudest second counts for the turn: loud for two seconds, then at an ordinary level, the aroused
    voice is still undamped ("tense"; key off: "calm")."""
    states = {}
    for name, cfg in (("on", CFG), ("off", OFF_E33)):
        tracker = EscalationTracker(cfg, words_expected=True)
        for k in range(1, 5):
            tracker.push_level(at(k), -19.0 if k <= 2 else -25.0)
            states[name] = tracker.push_voice(at(k), 0.8)
            if k >= 2:
                states[name] = tracker.push_committed_words(at(k) + 1, 12, calm=True)
    assert (states["on"].level, states["off"].level) == ("tense", "calm")


# ====================================================================================================
# Moved from tests/test_escalation_e34.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 30 (E34, issue 10): a customer kept from getting their sentence out; a customer who refuses
# the chasing the company hands them; a nightmare that is only the parking.
#
# A customer talked over who asks to get their sentence, words or question out ("Let me get the sentence out,
# please"), or to be let speak at all ("If you'd let me finish"), reproaches the agent: [reproach], tense alone, a
# brief flare (its own half-life), like E30's "let me get a sentence out". A customer who refuses the work put on them
# ("I'm not chasing some stranger for answers", "Why should I have to chase it?") is [refused_chasing]: weak alone and
# brief (a polite "I'm not chasing, I just wondered" is no marker at all), with a raised voice "tense". Calm look-alikes
# (getting a card out, asking to speak to a colleague, "let me know") stay unmarked. A nightmare said of a
# street, its parking or traffic ("the high street is a nightmare for parking") is no [frustration] marker; said of
# the service it still is. Wording of our own.
# ====================================================================================================


def marks(said: str) -> list[tuple[str, float]]:
    return [(h.phrase, h.weight) for h in LEX.find(said)]


@pytest.mark.parametrize(
    "said",
    [
        "Would you let me get my sentence out?",
        "Let me get the words out first, please.",
        "Can I just get my question out before you answer it?",
        "Let me get a question in, for once.",
        "If you'd let me finish, I was saying the tap still drips.",
        "If you would let me speak, you'd know it's the other address.",
        "Just let me speak for one minute.",
        "Let me talk, please, I haven't said what happened yet.",
        "Let me get to my point, I'm not ringing about the invoice.",
    ],
)
def test_a_customer_kept_from_getting_a_sentence_out_is_tense_alone(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category in ("reproach", "indignation")]
    assert hits, said
    assert max(h.weight for h in hits) >= CFG.tense_enter, said
    reproach = [h for h in hits if h.category == "reproach"]
    assert all(0 < h.half_life_s <= 10.0 for h in reproach), said


@pytest.mark.parametrize(
    "said",
    [
        "Hold on, let me get my card out of my purse.",
        "Let me get the order number out, it's on the fridge.",
        "Let me get this out of the way first, it's the blue one.",
        "Could you let me speak to Sarah, please? She took the booking.",
        "If you'd let me know when it ships, that would be lovely.",
        "Let me get the words right, it's a silent k.",
        "Let me speak to my husband and I'll ring you back.",
        "I'll get to my point in a second, it's about the van.",
    ],
)
def test_a_calm_let_me_is_no_reproach(said: str) -> None:
    assert not categories(said) & {"reproach", "indignation"}, said


@pytest.mark.parametrize(
    "said",
    [
        "I paid you, I'm not chasing a subcontractor myself.",
        "Why should I have to chase it? You took the order.",
        "I am not going to chase the courier for you.",
        "I shouldn't have to chase my own refund.",
        "Why am I the one chasing this every week?",
        "I'm not doing your job for you.",
        "It's not my job to chase your warehouse.",
    ],
)
def test_refusing_the_chasing_is_a_brief_marker_under_tense(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category == "refused_chasing"]
    assert hits, said
    assert max(h.weight for h in LEX.find(said)) < CFG.tense_enter, said
    assert 0 < hits[0].half_life_s <= 10.0, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not chasing, I just wondered if it had left the depot.",
        "I'm not chasing you, honestly, it's only a question.",
        "Sorry, I'm not chasing it up, just checking the date.",
        "We're chasing the puppy round the garden, give me a second.",
        "My sister is chasing the insurer, so I'm just checking the order.",
    ],
)
def test_a_polite_not_chasing_is_no_marker(said: str) -> None:
    assert not categories(said) & {"refused_chasing", "frustration"}, said


def test_a_sentence_kept_in_mid_call_is_tense_at_once_and_brief() -> None:
    """After a calm opening final, the reproach in a partial's committed words (n_words 0, as the stage pushes them)
    is "tense" at once; it fades with its own half-life, so the customer's next turn, calm, comes down."""
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=14, calm=True)
    said = "Let me get my sentence out, please"
    state = tracker.push_words(at(30), float("nan"), n_words=0, hits=list(LEX.find(said)))
    assert state.level == "tense"
    tracker.push_words(at(40), 0.0, n_words=12, calm=True)
    assert tracker.advance(at(60)).level == "calm"


def test_refusing_the_chasing_with_a_raised_voice_is_tense_alone_calm() -> None:
    """After a calm opening final: a voice 4 dB above the customer's own level and "I'm not chasing" in a partial are
    "tense"; the words alone, and the raised voice alone for a second, are not."""
    hits = marks("I paid you, I'm not chasing some stranger")
    raised = EscalationTracker(CFG, words_expected=True)
    raised.push_words(at(5), 0.0, n_words=12, calm=True)
    raised.push_loudness(at(20), 4.0)
    assert raised.set_provisional(at(20.5), hits).level == "tense"
    final = list(LEX.find("I paid you, I'm not chasing some stranger"))  # the final replaces the provisional
    raised.push_words(at(22), 0.0, n_words=8, hits=final, provisional=())
    raised.push_words(at(24), 0.0, n_words=8, calm=True, provisional=())
    for k in range(25, 30):
        raised.push_loudness(at(k), 0.0)  # the voice back at the customer's own level
    assert raised.advance(at(40)).level == "calm"  # brief: the next calm turn is not held "tense" on it
    alone = EscalationTracker(CFG, words_expected=True)
    alone.push_words(at(5), 0.0, n_words=12, calm=True)
    assert alone.set_provisional(at(20.5), hits).level == "calm"
    voice_only = EscalationTracker(CFG, words_expected=True)
    voice_only.push_words(at(5), 0.0, n_words=12, calm=True)
    assert voice_only.push_loudness(at(20), 4.0).level == "calm"


@pytest.mark.parametrize(
    "said",
    [
        "The high street is a nightmare for parking, so the van should come before nine.",
        "Parking's a nightmare round here, ring me when you're close.",
        "The traffic is a nightmare on Fridays, any other day is fine.",
        "Our lane is a nightmare for lorries, a small van would be better.",
    ],
)
def test_a_nightmare_said_of_a_street_is_no_marker(said: str) -> None:
    assert "frustration" not in categories(said), said


def test_a_nightmare_said_of_the_service_is_still_one() -> None:
    assert "frustration" in categories("This has been a nightmare from the first phone call.")
    assert "frustration" in categories("It's been a nightmare to get through to anyone.")


class _LexiconOnly:
    """A stand-in for the text scorer: the stage's markers read only its lexicon (no MiniLM loaded)."""

    lexicon = LEX


def _stage_markers(said: str) -> list[str]:
    from coach.classify.stage import EscalationStage

    stage = EscalationStage(CFG, text_scorer=_LexiconOnly())  # type: ignore[arg-type]
    return [h.phrase for h in stage._markers(said)]


@pytest.mark.parametrize(
    "said",
    [
        "Perfect! That's great! Put me down for it, please!",
        "Lovely, thank you! Count us in for Saturday!",
        "Brilliant, that's sorted then! See you on the ninth!",
    ],
)
def test_an_exclamation_in_delighted_words_is_no_marker(said: str) -> None:
    assert _stage_markers(said) == [], said


@pytest.mark.parametrize(
    "said",
    [
        "Sort it out, please! I've been waiting since eight!",
        "Brilliant! Just great! Another week without heating!",
        "That's another four days!",
    ],
)
def test_an_exclamation_in_a_complaint_still_counts(said: str) -> None:
    assert "exclaims" in _stage_markers(said), said


@pytest.mark.parametrize(
    "said",
    [
        "This is ridiculous, the curtains came back a foot too short.",
        "Honestly, that's completely unacceptable for a new boiler.",
        "That is outrageous, nobody said a word about a fee.",
        "This is a shambles from start to finish.",
        "That's bloody pathetic, three weeks for one cable.",
        "This is utterly disgraceful, my mum waited in all day.",
        "That's just absurd, you had the address.",
    ],
)
def test_a_verdict_judged_outright_is_tense_alone(said: str) -> None:
    hits = LEX.find(said)
    assert "judged_outright" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "It's a ridiculous price, so cheap, I'll take two.",
        "This is ridiculously easy, thank you.",
        "It's a disgrace, the state my kids left the party room in, ha.",
        "That's a joke my grandad used to tell.",
        "That's shocking news about the fire, I hope everyone's fine.",
        "This is unbelievable, it arrived a day early!",
        "Is it absurd to want it in green as well?",
    ],
)
def test_a_verdict_look_alike_is_not_judged_outright(said: str) -> None:
    assert "judged_outright" not in categories(said), said


def test_an_opener_that_starts_by_judging_is_tense_on_its_first_partial() -> None:
    """In the customer's first turn a marker heard surely counts on the first partial that has it (the tracker takes
    it provisionally): "This is ridiculous" at the start of an opener is "tense" at once; the bare word is not."""
    judged = EscalationTracker(CFG, words_expected=True)
    assert judged.set_provisional(at(1.4), marks("This is ridiculous. The blouse")).level == "tense"
    bare = EscalationTracker(CFG, words_expected=True)
    assert bare.set_provisional(at(1.4), marks("Ridiculous prices, the blouse")).level == "calm"


# ====================================================================================================
# Moved from tests/test_escalation_e35.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 31 (E35, issue 10): a question waved off as beside the point; a tone reproached with
# "you don't need to"; a yes-or-no question pressed with "or not?".
#
# A customer who waves the agent's question or excuse off as beside the point ("What's that got to do with
# anything?") reproaches the agent: [reproach], tense alone, a brief flare (its own half-life). Only the "anything"
# forms count: a plain "what does that have to do with the price?" may be a real question, and "that's nothing to do
# with us" is an agent's deflection. A tone reproached with "you don't need to ... at me" ("You don't need to yell at
# me, I only want a date") is [tone_reproach], weak alone like "there's no need to shout at me"; a loud line's "you
# don't need to shout, I can hear you" is none. A yes-or-no question the customer closes with "or not?" ("Can you
# get them here today or not?") counts like a demand (``press_weight``, tense alone) and briefly; "whether ... or not"
# said as a statement, or a question without its "?", does not. Wording of our own.
# ====================================================================================================


def hits_of(said: str, category: str) -> list[float]:
    return [h.weight for h in LEX.find(said) if h.category == category]


@pytest.mark.parametrize(
    "said",
    [
        "I told you it leaks. What does that have to do with anything?",
        "My postcode? What's that got to do with anything, the van's in your yard.",
        "What has that got to do with anything? It broke on day two.",
        "And what does this have to do with anything I said?",
        "What's this got to do with anything? I want the part.",
        "How is that relevant to anything? It's still broken.",
    ],
)
def test_a_question_waved_off_as_beside_the_point_is_tense_alone_and_brief(said: str) -> None:
    found = [h for h in LEX.find(said) if h.category == "reproach"]
    assert found, said
    assert max(h.weight for h in found) >= CFG.tense_enter, said
    assert all(0 < h.half_life_s <= 10.0 for h in found), said


@pytest.mark.parametrize(
    "said",
    [
        "What does that have to do with the price, is it extra?",
        "That's nothing to do with us, it's the courier.",
        "I'm not sure what to do with it now it's here.",
        "What has that got to do with the other booking, sorry, I'm confused.",
    ],
)
def test_a_plain_question_about_a_connection_is_no_reproach(said: str) -> None:
    assert not hits_of(said, "reproach"), said


@pytest.mark.parametrize(
    "said",
    [
        "You don't need to yell at me, I only want a date.",
        "You don't need to shout at me. I'm asking nicely.",
        "You don't have to snap at me, I'm trying to help you find it.",
        "You needn't shout at me, I heard you.",
    ],
)
def test_you_dont_need_to_shout_at_me_is_a_weak_tone_reproach(said: str) -> None:
    weights = hits_of(said, "tone_reproach")
    assert weights and max(weights) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "You don't need to shout, I can hear you fine.",
        "You don't need to yell for the dog, he's with me.",
        "You don't have to shout it out, just text it.",
    ],
)
def test_a_line_that_is_only_loud_is_no_tone_reproach(said: str) -> None:
    assert not hits_of(said, "tone_reproach"), said


@pytest.mark.parametrize(
    ("said", "pressed"),
    [
        ("Can you send someone out today or not?", True),
        ("So is the refund going through or not?", True),
        ("Hello, are you still looking or not?", True),
        ("Right. Will it be fixed by Friday or not? I need to know.", True),
        ("And do you have the part in stock or not?", True),
        ("I can't tell whether it's the charger or not.", False),
        ("I'm not sure if it's covered or not?", False),
        ("Is it or not?", False),
        ("Are you coming round or not.", False),
        ("It's due Friday or not at all?", False),
        ("Could you check if the van is booked?", False),
    ],
)
def test_a_yes_or_no_question_pressed_with_or_not(said: str, pressed: bool) -> None:
    assert presses(said) is pressed, said


def test_the_pressed_question_is_a_brief_demand_read_from_punctuation() -> None:
    assert CFG.press_weight >= CFG.tense_enter > 0
    assert 0 < PRESS_HALF_LIFE_S <= 10.0
    hit = LexiconHit(PRESSES, "delivery", CFG.press_weight, -1, half_life_s=PRESS_HALF_LIFE_S)
    assert _committed(hit, 2, "Can they come at six or not?") and not _committed(hit, 2, "Can they come at six")
    assert _heard_p(hit, [], []) == 1.0
    assert EscalationConfig(press_weight=0.0).press_weight == 0.0


# ====================================================================================================
# Moved from tests/test_escalation_e36.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 32 (E36, issue 10): two grievances of different kinds in a customer's opening turn count as
# two pieces of evidence; the day taken off, nobody said a word, nobody answering, no reason given.
#
# An opening turn is one long utterance (the customer's whole case, one final). Within an utterance only the strongest
# marker counts fully and the others times ``same_utterance_factor`` (one complaint said several ways); in the first
# turn a marker of another lexicon category, its words overlapping none of the others', counts fully
# (``opener_grievances_full``): "nobody turned up" [blame] and "I lost an hour" [loss] are two grievances, and
# together "tense". Mid-call, and for two markers of one kind, nothing changes. No text model is loaded (a lexicon-only
# stand-in scorer): each test runs in milliseconds. Wording of our own.
# ====================================================================================================


CFG_E36 = EscalationConfig(calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0)
"""The lexicon's part alone: no text model run on partials, no complaint head."""


@dataclass
class _Reading:
    p: float
    n_words: int
    hits: tuple[LexiconHit, ...]
    embedding: np.ndarray | None = None
    angry: bool = False


@dataclass
class _LexiconOnly_e36:
    """A stand-in for the text scorer: no anger in any text, the markers of the lexicon."""

    lexicon: EscalationLexicon = field(default_factory=lambda: LEX)

    def score(self, text: str) -> _Reading:
        return _Reading(p=0.0, n_words=len(tokens(text)), hits=tuple(LEX.find(text)))


def _stage(config: EscalationConfig = CFG_E36) -> EscalationStage:
    return EscalationStage(config, text_scorer=_LexiconOnly_e36())  # type: ignore[arg-type]


def _heard(words: list[str], start_s: float) -> list[dict[str, object]]:
    """Transcriber words, four a second from ``start_s``, heard surely."""
    return [{"w": w, "p": 0.9, "start": start_s + i / 4, "end": start_s + (i + 0.8) / 4} for i, w in enumerate(words)]


def _say(stage: EscalationStage, utt: str, said: str, start_s: float, *, final: bool = True) -> float:
    """Feed ``said`` as partials of utterance ``utt`` (four words a second, all committed but the last two), then
    its final; the score after it."""
    words = said.split()
    now = round(start_s * SAMPLE_RATE)
    for k in range(1, len(words) + 1):
        now = round((start_s + k / 4) * SAMPLE_RATE)
        heard = _heard(words[:k], start_s)
        stage.push_partial(
            {"speaker": "customer", "utt": utt, "t": start_s, "words": heard, "stable": max(0, k - 2)}, now
        )
    if final:
        now += SAMPLE_RATE // 2
        heard = _heard(words, start_s)
        stage.push_final({"speaker": "customer", "utt": utt, "text": said, "words": heard, "final": True}, now)
    return stage._tracker.advance(now).score


OPENER = (
    "Hi it's Dana from the bakery on Mill Lane. Your engineers were booked for six this morning and nobody turned "
    "up, and I lost an hour of baking."
)


def test_utterance_weights_count_the_full_indices_fully() -> None:
    assert utterance_weights([0.3, 0.3], 0.0, 0.25, full={1}) == pytest.approx([0.3, 0.3])
    assert utterance_weights([0.3, 0.3], 0.0, 0.25) == pytest.approx([0.3, 0.075])
    assert utterance_weights([0.3], 0.45, 0.25, full={0}) == pytest.approx([0.3])
    assert utterance_weights([0.3, 0.5], 0.0, 0.25, full={1}) == pytest.approx([0.3, 0.5])


@pytest.mark.parametrize(
    ("said", "category"),
    [
        ("I'd taken the day off to drive her over there.", "loss"),
        ("I've taken a whole day off for this.", "loss"),
        ("I lost an hour of work waiting in.", "loss"),
        ("We've lost half a day of trading.", "loss"),
        ("Nobody said a word to me at the counter.", "blame"),
        ("I've rung the number and nobody's answering.", "blame"),
        ("No one is picking up at the depot.", "blame"),
        ("A text saying cancelled. No reason, no apology, nothing.", "blame"),
        ("Cancelled by email. No reason, nothing.", "blame"),
    ],
)
def test_the_new_grievances_are_weak_markers(said: str, category: str) -> None:
    weights = [h.weight for h in LEX.find(said) if h.category == category]
    assert weights and max(weights) < CFG_E36.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "There's no reason not to go ahead.",
        "I can take the day out of my leave, that's fine.",
        "I lost my hat somewhere, never mind.",
        "Nobody's home during the day, so leave it in the porch.",
    ],
)
def test_their_look_alikes_are_no_markers(said: str) -> None:
    assert not LEX.find(said), said


def test_two_kinds_of_grievance_in_an_opener_are_tense() -> None:
    stage = _stage()
    assert _say(stage, "customer-1", OPENER, 5.0) >= CFG_E36.tense_enter
    assert stage.level == "tense"
    off = _stage(
        EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=False
        )
    )
    assert _say(off, "customer-1", OPENER, 5.0) < CFG_E36.tense_enter
    assert off.level == "calm"


def test_they_count_when_only_the_final_holds_them() -> None:
    stage = _stage()
    said = "Your engineers were booked for six and nobody turned up and I lost an hour of baking."
    now = 9 * SAMPLE_RATE
    heard = _heard(said.split(), 5.0)
    stage.push_final({"speaker": "customer", "utt": "customer-1", "text": said, "words": heard, "final": True}, now)
    assert stage._tracker.advance(now).score >= CFG_E36.tense_enter


def test_one_kind_said_twice_in_an_opener_stays_calm() -> None:
    stage = _stage()
    said = "Hi it's Dana. Your engineer never turned up and nobody rang me about it either."
    assert [h.category for h in LEX.find(said)] == ["blame", "blame"]
    assert _say(stage, "customer-1", said, 5.0) < CFG_E36.tense_enter
    assert stage.level == "calm"


def test_overlapping_markers_of_two_kinds_count_as_one() -> None:
    stage = _stage()
    said = "Hello, it's Sam from Oak Road, and frankly this is ridiculous."
    assert len({h.category for h in LEX.find(said)}) == 2  # [judged_outright] and, inside it, [frustration]
    full = _say(stage, "customer-1", said, 5.0)
    off = _stage(
        EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=False
        )
    )
    assert full == pytest.approx(_say(off, "customer-1", said, 5.0))


def test_mid_call_two_kinds_in_one_utterance_are_weighed_as_before() -> None:
    scores = []
    for on in (True, False):
        stage = _stage(
            EscalationConfig(
                calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
            )
        )
        _say(stage, "customer-1", "Hello, it's Dana from the bakery on Mill Lane, about my oven.", 5.0)
        scores.append(_say(stage, "customer-2", "Nobody turned up and I lost an hour of baking.", 80.0))
    assert scores[0] == pytest.approx(scores[1])
    assert scores[0] < CFG_E36.tense_enter


def test_the_tracker_counts_full_hits_as_their_own_evidence() -> None:
    tracker = EscalationTracker(CFG_E36, words_expected=True)
    hits = [("nobody turned up", 0.3), ("lost an hour", 0.3)]
    assert tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits, full={1}).score == pytest.approx(0.51)
    tracker = EscalationTracker(CFG_E36, words_expected=True)
    assert tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=hits).score == pytest.approx(0.3525)


def test_a_second_grievance_still_in_the_uncommitted_tail_counts_at_once() -> None:
    """The opener's committed words lag (the transcriber commits a long first utterance late): a marker heard surely
    in the tail counts provisionally at once in the first turn, and as a grievance of another kind, fully."""
    scores = []
    for on in (True, False):
        config = EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
        )
        stage = _stage(config)
        words = OPENER.split()
        committed = words.index("up,") + 1  # "... nobody turned up," committed; "I lost an hour" in the tail
        heard = _heard(words, 5.0)
        stage.push_partial(
            {"speaker": "customer", "utt": "customer-1", "t": 5.0, "words": heard, "stable": committed},
            10 * SAMPLE_RATE,
        )
        scores.append(stage._tracker.advance(10 * SAMPLE_RATE).score)
    assert scores[0] >= CFG_E36.tense_enter > scores[1]


def test_with_a_marker_tense_alone_the_weak_ones_are_weighed_as_before() -> None:
    said = "Hello, this is the third time I've rung, I was charged twice and I'm fed up."
    assert {h.category for h in LEX.find(said)} >= {"repeat_contact", "loss", "frustration"}
    scores = []
    for on in (True, False):
        config = EscalationConfig(
            calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, opener_grievances_full=on
        )
        scores.append(_say(_stage(config), "customer-1", said, 5.0))
    assert scores[0] == pytest.approx(scores[1])
    assert CFG_E36.tense_enter <= scores[0] < CFG_E36.escalated_enter


def test_three_weak_grievances_add_up_to_tense_and_no_further() -> None:
    said = "Hi, it's Jo. Nobody turned up, I lost an hour of work, and it's been going on for weeks."
    assert len({h.category for h in LEX.find(said)}) == 3
    score = _say(_stage(), "customer-1", said, 5.0)
    assert CFG_E36.tense_enter <= score < 0.6


# ====================================================================================================
# Moved from tests/test_escalation_e37.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 33 (E37, issue 10): the fix handed back in a curt retort; a silent line checked with "even";
# no disbelieving echo in the customer's first turn.
#
# A customer who answers the agent's offer or excuse by handing the fix back ("Then come and look at it yourself",
# "So fix it") reproaches the agent: [reproach], tense alone and brief (its own half-life). A request made calmly has
# no retort ("Can someone come and look at it?"), and a plan or an invitation ("I'll measure up and then come and look
# at the samples") is none. "Are you even there?" is a reproach; "Are you still there?" is a plain check. In the
# customer's first turn a short question ("Morning, Sam, right?") is no disbelieving echo: nothing but the greeting
# has been said to them; after their first final it counts as before. No text model is loaded (a lexicon-only
# stand-in scorer). Wording of our own.
# ====================================================================================================


def _stage_e37() -> EscalationStage:
    return EscalationStage(CFG_E36, text_scorer=_LexiconOnly_e36())  # type: ignore[arg-type]


def _partial(stage: EscalationStage, utt: str, said: str, start_s: float, at_s: float) -> None:
    words = _heard(said.split(), start_s)
    transcript = {"speaker": "customer", "utt": utt, "t": start_s, "words": words, "stable": len(words)}
    stage.push_partial(transcript, round(at_s * SAMPLE_RATE))


def _final_e37(stage: EscalationStage, utt: str, said: str, at_s: float) -> None:
    words = _heard(said.split(), at_s - len(said.split()) / 4)
    transcript = {"speaker": "customer", "utt": utt, "text": said, "words": words, "final": True}
    stage.push_final(transcript, round(at_s * SAMPLE_RATE))


def _reproach(said: str) -> list[LexiconHit]:
    return [h for h in LEX.find(said) if h.category == "reproach"]


@pytest.mark.parametrize(
    "said",
    [
        "Then come and look at the fence yourself.",
        "Then come and have a look at it, because it's still dripping.",
        "Right. Then come out and look at the roof.",
        "Then come and see the state of my hallway.",
        "So fix it. That's all I'm asking.",
        "So fix it then.",
        "Are you even there?",
        "Hello? Is anybody even there?",
        "Is anyone even there? I've been talking to myself.",
    ],
)
def test_the_fix_handed_back_and_a_line_checked_with_even_are_tense_alone_and_brief(said: str) -> None:
    found = _reproach(said)
    assert found, said
    assert max(h.weight for h in found) >= CFG_E36.tense_enter, said
    assert all(0 < h.half_life_s <= 10.0 for h in found), said


@pytest.mark.parametrize(
    "said",
    [
        "Can someone come and look at it this week?",
        "Could you send somebody to come and see it?",
        "I'll measure up and then come and look at the samples.",
        "We'll pop in on Saturday and then come and see the new range.",
        "Lovely, I'll bring the kids then come and look round the showroom.",
        "If you're passing, then come and see us at the shop.",
        "Are you still there?",
        "Hello, are you still there, love?",
        "The engineer said he'd fix it on Friday.",
    ],
)
def test_a_calm_request_a_plan_or_a_plain_check_is_no_reproach(said: str) -> None:
    assert not _reproach(said), said


def test_a_retort_mid_call_is_tense_at_once_and_fades_after_a_calm_reply() -> None:
    stage = _stage_e37()
    _final_e37(stage, "c1", "Hi, it's about the gate you fitted on Monday.", 3.0)
    assert stage.level == "calm"
    _partial(stage, "c2", "Then come and look at it", 20.0, 21.2)
    assert stage.level == "tense"
    _final_e37(stage, "c2", "Then come and look at it.", 21.6)
    _final_e37(stage, "c3", "Thursday morning is fine, I'll be in all day.", 40.0)
    assert stage._tracker.advance(round(60.0 * SAMPLE_RATE)).level == "calm"


def _has_echo(stage: EscalationStage) -> bool:
    return ECHOES in stage._tracker._lexicon()[2]


def test_no_echo_in_the_first_turn_a_greeting_heard_as_a_question() -> None:
    stage = _stage_e37()
    _partial(stage, "c1", "Morning Sam, right?", 5.0, 6.5)
    _partial(stage, "c1", "Morning Sam, right? This is going to sound silly, but", 5.0, 7.5)
    assert not _has_echo(stage)
    assert stage.level == "calm"
    _final_e37(stage, "c1", "Morning Sam, right? This is going to sound silly, but my sister loves owls.", 10.0)
    assert not _has_echo(stage)
    assert stage._tracker.advance(round(12.0 * SAMPLE_RATE)).level == "calm"


def test_after_the_first_final_a_short_question_is_an_echo_as_before() -> None:
    stage = _stage_e37()
    _final_e37(stage, "c1", "Hi, I'm ringing about the boiler service you booked.", 6.0)
    _partial(stage, "c2", "Next month? I was told this week.", 20.0, 21.0)
    assert _has_echo(stage)


def _at(s: float) -> int:
    return round(s * SAMPLE_RATE)


def _lively_opener(cfg: EscalationConfig, *, later_dbfs: float) -> str:
    """A first turn: a loud greeting (-20.5 dBFS for two reports), then ``later_dbfs`` every second to 10 s, the voice
    model reading aroused (0.85) every second and the committed words read calm (eight words). The highest level
    reached from 4 s on."""
    tracker = EscalationTracker(cfg, words_expected=True)
    top = "calm"
    for k in range(1, 11):
        tracker.push_level(_at(k), -20.5 if k <= 2 else later_dbfs)
        state = tracker.push_voice(_at(k), 0.85)
        if k >= 2:
            state = tracker.push_committed_words(_at(k) + 1, 8, calm=True)
        if k >= 4 and state.level != "calm":
            top = state.level
    return top


def test_a_loud_greeting_does_not_undamp_an_opener_that_goes_on_at_an_ordinary_level() -> None:
    """The greeting was loud, the rest of the opener at an ordinary level with calm words: the calm words damp the
    aroused voice ("calm"); with the whole turn's highest (session 29) the greeting's loudness undid it ("tense")."""
    assert _lively_opener(EscalationConfig(), later_dbfs=-23.5) == "calm"
    before = EscalationConfig(loud_opener_recent_s=0.0, voice_confirm_held_alone=True)  # the held voice confirmed it
    assert _lively_opener(before, later_dbfs=-23.5) == "tense"


def test_an_opener_loud_throughout_still_undamps() -> None:
    assert _lively_opener(EscalationConfig(), later_dbfs=-19.0) == "tense"


def test_loud_opener_recent_s_must_not_be_negative() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(loud_opener_recent_s=-1.0)


def _aroused_opener(
    cfg: EscalationConfig, *, words: bool = True, marker: float = 0.0, final_first: bool = False
) -> str:
    """A customer speaking 14 s with a voice read aroused (0.95 every second), words transcribed (``words``) but none
    read calm or angry (misheard); ``marker``: one marker of that weight in the committed words at 3 s;
    ``final_first``: a short final before (the turn is then not the first). The highest level reached."""
    tracker = EscalationTracker(cfg, words_expected=words)
    if final_first:
        tracker.push_words(_at(0.5), 0.0, n_words=3, calm=None)
    top = 0
    levels = ("calm", "tense", "escalated")
    for k in range(1, 15):
        state = tracker.push_voice(_at(k), 0.95)
        if marker and k == 3:
            state = tracker.push_words(_at(k), float("nan"), n_words=0, hits=[("a marker", marker)])
        top = max(top, levels.index(state.level))
    return levels[top]


def test_an_openers_voice_alone_makes_tense_not_escalated() -> None:
    held = EscalationConfig(voice_confirm_held_alone=True)  # sessions 33-36; since 37 the voice alone stays calm
    assert _aroused_opener(held) == "tense"
    assert _aroused_opener(EscalationConfig()) == "calm"
    assert _aroused_opener(EscalationConfig(opener_escalated_needs_words=False, voice_confirm_held_alone=True)) == (
        "escalated"
    )
    assert _aroused_opener(EscalationConfig(), marker=0.25) == "tense"  # a weak marker is not enough


def test_an_opener_whose_words_are_tense_alone_escalates_with_its_voice() -> None:
    assert _aroused_opener(EscalationConfig(), marker=0.45) == "escalated"


def test_after_the_first_final_or_without_transcription_the_voice_escalates_as_before() -> None:
    assert _aroused_opener(EscalationConfig(), final_first=True) == "escalated"
    assert _aroused_opener(EscalationConfig(), words=False) == "escalated"


@pytest.mark.parametrize(
    "said",
    [
        "I'm asking you to look it up, like I've asked twice before.",
        "I've emailed four times and nobody answers.",
        "I've told you twice, it's the blue one.",
        "I've rung three times this week about it.",
    ],
)
def test_how_many_times_the_customer_asked_already_is_a_repeat_contact(said: str) -> None:
    found = [h for h in LEX.find(said) if h.category == "repeat_contact"]
    assert found and max(h.weight for h in found) >= CFG_E36.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "Your driver rang twice but I was out at the vet.",
        "They called twice yesterday to confirm, which was nice.",
        "The engineer phoned twice to check the address.",
    ],
)
def test_someone_else_ringing_twice_is_no_repeat_contact(said: str) -> None:
    assert not [h for h in LEX.find(said) if h.category == "repeat_contact"], said


@pytest.mark.parametrize(
    ("said", "accepted"),
    [
        ("Tonight.", True),  # the repeat alone: nothing objected yet
        ("Tonight. Okay, she'll come after school.", True),
        ("Next Friday. Fine, put me down.", True),
        ("Next Friday. I need it tomorrow.", False),
        ("A week. That's a week without heat.", False),
    ],
)
def test_a_repeat_followed_by_an_acceptance_is_no_disbelief(said: str, accepted: bool) -> None:
    assert echo_accepted(said) is accepted, said


def _raised_after_agent(customer: str) -> EscalationStage:
    """The agent offers tonight, the customer answers 6 dB up after a first final of theirs: their partial."""
    stage = _stage_e37()
    _final_e37(stage, "c1", "Hi, it's about the rackets I dropped off.", 3.0)
    stage.push_final({"speaker": "agent", "utt": "a1", "final": True, "text": "We can do it tonight."}, _at(8.0))
    report = Event.at_samples("prosody", _at(9.0), _at(10.0), speaker="customer", loudness_delta_db=6.0)
    stage.observe([report], _at(10.0))
    stage.observe(
        [Event.at_samples("prosody", _at(10.0), _at(11.0), speaker="customer", loudness_delta_db=6.0)], _at(11.0)
    )
    _partial(stage, "c2", customer, 10.0, 11.2)
    return stage


def test_a_raised_repeat_counts_once_the_customer_objects_not_when_they_accept() -> None:
    assert not _has_echo(_raised_after_agent("Tonight."))
    assert not _has_echo(_raised_after_agent("Tonight. Okay, she'll come after school."))
    assert _has_echo(_raised_after_agent("Tonight. I needed them this morning."))


# ====================================================================================================
# Moved from tests/test_escalation_e38.py in session 35 (T1: tests by topic). Its docstring:
#
# Escalation, session 34 (E38, issue 10): in the customer's first turn a rise the voice alone carries, with the voice
# also loud on the absolute scale (``voice_confirm_loud``), is not lost to a dip of the voice reading at the moment its
# wait ends (``voice_confirm_loud_dip``): once ``voice_confirm_s`` have passed without the rise being called off (no new
# calm words, the score not under ``tense_exit``) it counts though the score is just under ``tense_enter`` (c756: its
# reading dipped exactly as the wait ended, "tense" at +5.1 s instead of +3.0 s). Calm words within the wait still call
# the rise off (a lively greeting); a dip under ``tense_exit`` still does; an aroused opener at telephone level waits as
# before; after the first final or without transcription nothing changes.
#
# Across the agent's answer: when the customer speaks again after ``reply_steps_down_s`` of silence, an "escalated"
# that the score no longer reaches (below ``escalated_enter``, the old turn's markers and voice fading) steps down to
# "tense" at once instead of holding over their calm next turn (c747, c766, c776, c777); a score still at
# ``escalated_enter`` keeps it; a pause shorter than the key changes nothing; 0: off.
#
# Lexicon: the anger the customer is told they show, denied in other words for a show of anger ("I'm not aerated", "I'm
# not hollering"): [indignation], tense alone, as "I'm not shouting" is; an upset customer's "I'm not riled up, I'm
# about
# to cry" and third-person or plain uses of the words stay unmarked.
#
# Synthetic readings, times in call samples; wording our own.
# ====================================================================================================


OFF_E38 = EscalationConfig(voice_confirm_loud_dip=False)
LOUD = -20.0
"""A level (dBFS) loud enough for ``voice_confirm_loud`` (``A`` 0.5)."""
DIP = 0.62
"""A voice reading that takes the score under ``tense_enter`` but above ``tense_exit`` (checked below)."""


def _opener_e38(
    ps: list[float], level_dbfs: float | None, cfg: EscalationConfig = CFG, *, calm_at: float | None = None
) -> float | None:
    """When a transcribed call's first turn with voice readings ``ps`` (one a second from 1 s, the tracker advanced
    every 0.25 s) first reaches "tense"; a level report of ``level_dbfs`` (None: none) at 1.5 s and, with ``calm_at``,
    committed words read calm (a name, a place: twelve words) at that second."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if level_dbfs is not None:
        tracker.push_level(at(1.5), level_dbfs)
    if calm_at is None:
        return first_tense(run(tracker, ps))
    steps = []
    for i, p in enumerate(ps):
        for q in (0.25, 0.5, 0.75, 1.0):
            t = i + q
            if t == calm_at:
                state = tracker.push_committed_words(at(t), 12, calm=True)
            elif q == 1.0:
                state = tracker.push_voice(at(t), p, window_samples=SAMPLE_RATE)
            else:
                state = tracker.advance(at(t))
            steps.append((t, state.level, state.evidence[1]))
    return first_tense(steps)


WAVERS = [0.1, AROUSED, DIP, DIP, 0.2, 0.1, 0.1, 0.1]
"""Aroused at 2 s, the reading at 3 s (as the wait ends) and 4 s just under "tense" by itself."""


def test_the_dip_reading_is_between_the_exit_and_the_entry() -> None:
    tracker = EscalationTracker(CFG, words_expected=False)
    tracker.push_voice(at(1), AROUSED, window_samples=SAMPLE_RATE)
    score = tracker.push_voice(at(2), DIP, window_samples=SAMPLE_RATE).score
    assert CFG.tense_exit <= score < CFG.tense_enter
    assert CFG.voice_confirm_loud_dip and load_config(None).escalation.voice_confirm_loud_dip


def test_a_loud_opener_whose_reading_dips_as_the_wait_ends_rises_then() -> None:
    rose = _opener_e38(WAVERS, LOUD)
    assert rose == 2.0 + CFG.voice_confirm_s  # the wait's end, not later
    # before: lost to the dip (c756 rose 2 s later on another reading)
    assert _opener_e38(WAVERS, LOUD, OFF_E38) is None


def test_a_loud_opener_held_aroused_rises_after_the_wait_as_before() -> None:
    held = [0.1, AROUSED, AROUSED, AROUSED, 0.2, 0.1, 0.1, 0.1]
    assert _opener_e38(held, LOUD) == _opener_e38(held, LOUD, OFF_E38) == 2.0 + CFG.voice_confirm_s


def test_calm_words_within_the_wait_still_call_the_rise_off() -> None:
    """A lively greeting: loud and aroused, its calm words half a second after its aroused reading."""
    assert _opener_e38(WAVERS, LOUD, calm_at=2.5) is None
    assert _opener_e38(WAVERS, LOUD, calm_at=3.25) == 3.0  # calm words after the rise: it stands


def test_a_dip_under_the_exit_still_calls_the_rise_off() -> None:
    assert _opener_e38([0.1, AROUSED, 0.1, 0.1, 0.1, 0.1], LOUD) is None


def test_an_aroused_opener_at_telephone_level_is_unchanged() -> None:
    assert _opener_e38(WAVERS, None) is None
    assert _opener_e38(WAVERS, CFG.loud_level_floor_dbfs - 4.0) is None  # nominal telephone speech: no loud evidence


def test_a_loud_opener_whose_voice_reads_calm_adds_nothing() -> None:
    assert _opener_e38([0.1] * 8, LOUD) is None
    assert _opener_e38([0.1, 0.3, 0.3, 0.3, 0.1, 0.1], CFG.loud_level_ceiling_dbfs) is None


def test_after_the_first_final_the_dip_loses_the_rise_as_it_never_waited() -> None:
    """After the customer's first final nothing waits: the aroused reading rises at once, the rule has nothing to do."""
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(0.5), 0.0, n_words=3)
    tracker.push_level(at(1.5), LOUD)
    assert first_tense(run(tracker, WAVERS)) == 2.0


def test_without_transcription_nothing_waits() -> None:
    tracker = EscalationTracker(CFG, words_expected=False)
    assert first_tense(run(tracker, WAVERS)) == 2.0


def _indignation(said: str) -> list[float]:
    return [h.weight for h in default_lexicon().find(said) if h.category == "indignation"]


@pytest.mark.parametrize(
    "said",
    [
        "I'm not aerated, I'm just sick of waiting.",
        "I am not hollering, I want the gate fixed.",
        "I'm not screaming, I'm asking you a question.",
        "I'm not getting het up, I want my money back.",
        "I'm not agitated, I've been on hold for forty minutes.",
        "Look, I'm not having a go, but this is the third engineer.",
        "I'm not flying off the handle, it's my roof.",
    ],
)
def test_anger_denied_in_other_words_is_indignation_tense_alone(said: str) -> None:
    weights = _indignation(said)
    assert weights, said
    assert max(weights) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not riled up, I'm about to cry, he was so looking forward to it.",
        "The kids are screaming in the back, sorry, can you say that again?",
        "My dog gets agitated when the van comes, so knock loudly.",
        "She was fuming when it didn't come, but it's fine now.",
        "Don't worry, I'm not having the blue one, I'll take the green.",
    ],
)
def test_plain_uses_of_the_words_are_no_denial(said: str) -> None:
    assert not _indignation(said), said


def test_a_denial_mid_call_is_tense_once_its_words_are_committed() -> None:
    stage = EscalationStage(CFG_E36, text_scorer=_LexiconOnly_e36())  # type: ignore[arg-type]
    opening = "Hi, it's about the fence panels you put up on Monday."
    stage.push_final(
        {"speaker": "customer", "utt": "c1", "text": opening, "words": _heard(opening.split(), 1.0), "final": True},
        at(4.0),
    )
    assert stage.level == "calm"
    said = "I'm not aerated, I'm"
    words = _heard(said.split(), 20.0)
    stage.push_partial({"speaker": "customer", "utt": "c2", "t": 20.0, "words": words, "stable": 4}, at(21.3))
    assert stage.level == "tense"


def _escalated_then(silent_s: float, cfg: EscalationConfig = CFG, *, speaks_again: bool = True) -> str:
    """Two complaints (markers 0.6 and 0.5, "escalated"), then ``silent_s`` of the customer's silence (the agent
    answers), then the customer speaks again; the level a second into their new turn."""
    tracker = EscalationTracker(cfg, words_expected=True)
    tracker.push_words(at(5.0), 0.0, n_words=10, hits=[("first complaint", 0.6)])
    state = tracker.push_words(at(8.0), 0.0, n_words=10, hits=[("second complaint", 0.5)])
    assert state.level == "escalated"
    if speaks_again:
        tracker.advance(at(8.0 + silent_s))
        tracker.customer_speaks_again()
    return tracker.advance(at(9.0 + silent_s)).level


def test_an_escalated_level_the_score_no_longer_reaches_steps_down_as_the_customer_speaks_again() -> None:
    assert _escalated_then(30.0) == "tense"  # score ~0.63: between escalated_exit and escalated_enter
    assert _escalated_then(30.0, speaks_again=False) == "escalated"  # held, as before
    assert _escalated_then(30.0, EscalationConfig(reply_steps_down_s=0.0)) == "escalated"  # key off


def test_a_score_still_at_escalated_enter_keeps_the_level() -> None:
    assert _escalated_then(2.0) == "escalated"  # score ~0.79


def _gaps_seen(gaps_s: list[float]) -> int:
    """How often the stage tells the tracker that the customer speaks again: one second of customer speech, then
    each gap of silence followed by another second of speech."""
    stage = EscalationStage(CFG_E36, text_scorer=_LexiconOnly_e36())  # type: ignore[arg-type]
    seen = []
    stage._tracker.customer_speaks_again = lambda: seen.append(1)  # type: ignore[method-assign]
    frame = np.zeros(FRAME_SAMPLES, dtype=np.float32)
    start = 0
    for gap in [0.0, *gaps_s]:
        start += at(gap)
        for _ in range(SAMPLE_RATE // FRAME_SAMPLES):
            stage.push_speech(start, frame)
            start += FRAME_SAMPLES
    return len(seen)


def test_the_stage_tells_a_new_turn_only_after_the_silence_of_the_key() -> None:
    assert _gaps_seen([0.5, 2.0, 3.9]) == 0  # pauses within a turn
    assert _gaps_seen([4.0, 12.0]) == 2


def test_the_reply_key_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="reply_steps_down_s"):
        EscalationConfig(reply_steps_down_s=-1.0)
