"""A wording phrase that ends the agent's turn, nudged from the partial marked ``pause`` (a provisional final's:
the VAD heard ``provisional_end_s`` of silence after the words) instead of the final, 0.26 s of audio later
(session 31, D1); withdrawn by the final if it no longer has the words."""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_language_stream import partial


def paused(text: str, t: float, stable: int = 0) -> dict:
    """A partial marked ``pause`` of the turn ``text``."""
    return dict(partial(text, t, stable), pause=True)


def test_a_refusal_ending_the_turn_is_nudged_from_the_pause_partial_when_the_partial_before_heard_it():
    coach = LanguageCoach()
    assert coach.push(partial("Right, that's not something we", 40.0, 0)) == []
    assert coach.push(partial("Right, that's not something we offer", 40.0, 0)) == []  # no word after it yet
    [n] = coach.push(paused("Right, that's not something we offer.", 40.0, 0))
    assert isinstance(n, Nudge) and n.kind == "positive_language" and n.evidence["basis"] == "heard"
    assert coach.push(final("agent", "Right, that's not something we offer.", 40.0, utt="agent-1")) == []


def test_without_the_pause_a_phrase_ending_the_words_still_waits_for_a_word_after_it():
    coach = LanguageCoach()
    assert coach.push(partial("Right, that's not something we offer", 40.0, 0)) == []
    assert coach.push(partial("Right, that's not something we offer", 40.0, 0)) == []  # the same words again


def test_a_refusal_heard_once_is_not_nudged_from_a_pause_partial():
    coach = LanguageCoach()
    assert coach.push(partial("Right, that's something we have on", 40.0, 0)) == []
    assert coach.push(paused("Right, that's not something we offer.", 40.0, 0)) == []  # one decode only


def test_a_pause_nudge_the_final_retracts_is_withdrawn():
    coach = LanguageCoach()
    assert coach.push(partial("Sorry, that's not something we offer", 40.0, 0)) == []
    [n] = coach.push(paused("Sorry, that's not something we offer.", 40.0, 0))
    [w] = coach.push(final("agent", "Sorry, that's now something we offer.", 40.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment
