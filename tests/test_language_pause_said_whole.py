"""A refusal or calm-down ending the agent's turn, judged as said whole at the turn's pause partial when two decodes
agree on every word and the last sentence is closed (session 41, Q39): the grammar's open end (two words after a
finding in the sentence still being said) no longer waits for the final, 0.26 s of audio later. Words the pause
partial heard differently from the partial before are still judged with the open end (c914's "your job can't do it."
heard mid-turn)."""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_pause_nudge import paused
from tests.test_language_rules import final
from tests.test_language_stream import partial

FUTILE = "Honestly, you can ask me every day and you'll get the same answer."


def test_a_refusal_closing_the_turn_is_nudged_from_a_pause_partial_that_heard_the_same_words():
    coach = LanguageCoach()
    assert coach.push(partial(FUTILE, 50.0, 0)) == []  # its last words: the open end waits
    [n] = coach.push(paused(FUTILE, 50.0, 0))
    assert isinstance(n, Nudge) and n.kind == "positive_language" and n.evidence["basis"] == "pause"
    assert coach.push(final("agent", FUTILE, 50.0, utt="agent-1")) == []  # not again, not taken back


def test_the_same_words_again_without_the_pause_are_not_judged_again():
    coach = LanguageCoach()
    assert coach.push(partial(FUTILE, 50.0, 0)) == []
    assert coach.push(partial(FUTILE, 50.0, 0)) == []


def test_a_pause_partial_whose_last_sentence_is_not_closed_keeps_the_open_end():
    coach = LanguageCoach()
    words = FUTILE.rstrip(".")
    assert coach.push(partial(words, 50.0, 0)) == []
    assert coach.push(paused(words, 50.0, 0)) == []


def test_a_pause_partial_that_heard_the_words_otherwise_keeps_the_open_end():
    coach = LanguageCoach()
    assert coach.push(partial("Right, I have your job, can't do it.", 45.0, 0)) == []
    assert coach.push(paused("Right, your job can't do it.", 45.0, 0)) == []  # c914: the agent went on


def test_a_refusal_nudged_at_the_pause_is_withdrawn_when_the_final_no_longer_has_it():
    coach = LanguageCoach()
    coach.push(partial(FUTILE, 50.0, 0))
    [n] = coach.push(paused(FUTILE, 50.0, 0))
    heard = "Honestly, you can ask me every day and you'll get the saint answer."
    [w] = coach.push(final("agent", heard, 50.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment
