"""A customer who has just thanked the agent is not read "tense" on a raised voice alone as their next turn starts
(issue 10, session 50, E56: ``thanks_raised_damp``, :func:`coach.classify.thanks.thanks`).

The text rule on sentences, then synthetic tracker sequences in call time as in
``tests/test_escalation_raised_turn_start.py``: one prosody report per second of customer speech, a turn starting at a
report that spans a pause (the agent speaking).
"""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.thanks import shares_joy, thanks
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0


@pytest.mark.parametrize(
    "text",
    [
        "Thursday. Thank you, that's very kind of you.",
        "No, that's everything, thank you, love.",
        "Thanks.",
        "Cheers, Winston, bye now.",
        "I really appreciate it.",
        "Thank you for sorting that out.",
        "That's so kind.",
        "Much appreciated.",
        "No, not all, thanks.",  # c1110 as heard ("No, that's all, thanks"): no negation of the thanks
    ],
)
def test_words_that_thank_the_agent(text: str) -> None:
    assert thanks(text)


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for nothing.",
        "Thanks a lot.",
        "Thank goodness for that.",
        "Thanks, but I already did that twice.",
        "I don't appreciate being cut off.",
        "That's kind of you to say, but no.",
        "It's kind of annoying.",
        "Thank you for wasting my morning.",
        "No, not every thing, thanks to it.",
        "I want my money back.",
    ],
)
def test_words_that_do_not(text: str) -> None:
    assert not thanks(text)


def _report(tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0) -> str:
    """One prosody report ``rise_db`` over the customer's calm level over the last ``span_s`` s; the level after."""
    at = int(second * SAMPLE_RATE)
    tracker.push_level(at, CALM_DBFS + rise_db, span_s=span_s)
    return tracker.push_loudness(at, rise_db, span_s=span_s).level


def _calm_turn_then_final(tracker: EscalationTracker, *, said_thanks: bool, calm: bool | None = True) -> float:
    """Ten seconds of ordinary speech, then their final (thanking the agent or not); returns the clock (s)."""
    for s in range(1, 11):
        _report(tracker, s, (0.0, 0.3, -0.3)[s % 3])
    tracker.push_words(11 * SAMPLE_RATE, 0.02, n_words=8, calm=calm, thanks=said_thanks)
    return 11.0


def _raised_turn(tracker: EscalationTracker, start_s: float, rises: list[float], gap_s: float = 4.0) -> list[str]:
    """A turn after a pause of ``gap_s``: one report a second, ``rises`` dB above their calm level; the levels."""
    levels = [_report(tracker, start_s + gap_s, rises[0], span_s=gap_s)]
    levels += [_report(tracker, start_s + gap_s + i, r) for i, r in enumerate(rises[1:], 1)]
    return levels


def _tracker(**kw: float) -> EscalationTracker:
    return EscalationTracker(EscalationConfig(**kw), words_expected=True)


RAISED = [3.8, 3.6, 3.0, 0.5]
"""A turn that starts a few dB up: "tense" on the raised voice alone (the mid-call floor)."""


def test_a_raised_start_after_thanks_stays_calm_and_without_thanks_is_tense() -> None:
    thanked = _tracker()
    now = _calm_turn_then_final(thanked, said_thanks=True)
    assert set(_raised_turn(thanked, now, RAISED)) == {"calm"}

    plain = _tracker()
    now = _calm_turn_then_final(plain, said_thanks=False)
    assert "tense" in _raised_turn(plain, now, RAISED)


def test_off_at_zero_and_not_where_the_thanking_words_were_angry() -> None:
    off = _tracker(thanks_raised_damp=0.0)
    now = _calm_turn_then_final(off, said_thanks=True)
    assert "tense" in _raised_turn(off, now, RAISED)

    angry = _tracker()  # "Thanks. Thanks very much for this mess": calm False (anger or a marker) sets nothing
    now = _calm_turn_then_final(angry, said_thanks=True, calm=False)
    assert "tense" in _raised_turn(angry, now, RAISED)


def test_it_lasts_only_until_their_next_final() -> None:
    tracker = _tracker()
    now = _calm_turn_then_final(tracker, said_thanks=True)
    tracker.push_words(int((now + 2) * SAMPLE_RATE), 0.02, n_words=8, calm=True)  # their next final, no thanks
    assert "tense" in _raised_turn(tracker, now + 2, RAISED)


def test_a_thanking_final_in_the_warm_turn_keeps_it_warm() -> None:
    """c1148's closing: "Thank you, that's very kind of you." ... "No, that's everything. Thank you, love." (louder):
    the closing's own thanks does not end the thanks its raised start is read with."""
    levels = []
    for thanks_again in (True, False):
        tracker = _tracker()
        now = _calm_turn_then_final(tracker, said_thanks=True)
        turn = _raised_turn(tracker, now, [3.8, 3.6])
        tracker.push_words(int((now + 6) * SAMPLE_RATE), 0.02, n_words=5, calm=True, thanks=thanks_again)
        turn += [tracker.advance(int((now + 6 + t) * SAMPLE_RATE)).level for t in range(1, 6)]
        levels.append(turn)
    assert set(levels[0]) == {"calm"} and "tense" in levels[1]


def test_the_turn_the_thanks_ends_keeps_its_level() -> None:
    """It counts from the customer's next turn: a raised turn's level is not pulled down by a final of that turn
    read as thanks (c1154: "Perpetua? That was well over twenty seconds" heard "But thank you very much, well over
    20 seconds"), while the agent answers."""
    trajectories = []
    for said_thanks in (False, True):
        tracker = _tracker()
        now = _calm_turn_then_final(tracker, said_thanks=False)
        levels = _raised_turn(tracker, now, [3.8, 3.6])  # "tense" on the turn's raised start
        tracker.push_words(int((now + 6) * SAMPLE_RATE), 0.02, n_words=10, calm=True, thanks=said_thanks)
        levels += [tracker.advance(int((now + 6 + t) * SAMPLE_RATE)).level for t in range(1, 12)]
        trajectories.append(levels)
    assert trajectories[0][-1] == "tense" and trajectories[1] == trajectories[0]


def test_words_that_complain_still_count_after_thanks() -> None:
    """Only the raised voice alone is damped: an angry final in the raised turn still reaches "tense"."""
    tracker = _tracker()
    now = _calm_turn_then_final(tracker, said_thanks=True)
    levels = _raised_turn(tracker, now, RAISED)
    state = tracker.push_words(int((now + 8) * SAMPLE_RATE), 0.9, n_words=12, calm=False)
    assert set(levels) == {"calm"} and state.level != "calm"


@pytest.mark.parametrize(
    "text",
    [
        "Congratulations, that's brilliant news. You'll want to look the part in Birmingham, then.",
        "Oh, that sounds wonderful. Our theatre velvet comes in crimson or deep scarlet.",
        "How exciting! Let me find you a date.",
    ],
)
def test_agent_words_that_share_the_customers_joy(text: str) -> None:
    assert shares_joy(text)


@pytest.mark.parametrize(
    "text",
    [
        "Lovely. And can I take the postcode?",
        "Perfect, let me put you on hold for a moment.",
        "The good news is we can send another today.",
        "That doesn't sound great, I'm sorry.",
        "No great news on the parcel yet, I'm afraid.",  # negations before shared joy (R15, session 51)
        "That's not exactly great news, is it.",
        "It isn't very exciting news, I know.",
        "I'm afraid the van has left.",
    ],
)
def test_agent_words_that_do_not(text: str) -> None:
    assert not shares_joy(text)


def test_an_agent_sharing_their_joy_warms_the_customers_next_turn() -> None:
    """As the customer's own thanks: a raised reply to "Congratulations!" is not "tense" on its raised start alone,
    whether the agent's final comes before the customer's reply starts or just after."""
    for late in (False, True):
        tracker = _tracker()
        now = _calm_turn_then_final(tracker, said_thanks=False)
        if not late:
            tracker.warm_next_turn(0.5)
        levels = _raised_turn(tracker, now, RAISED[:1])
        if late:
            tracker.warm_next_turn(0.5)
        levels += [_report(tracker, now + 4 + i, r) for i, r in enumerate(RAISED[1:], 1)]
        assert set(levels) == {"calm"}, late


def test_a_withdrawn_marker_stops_counting() -> None:
    """``agent_joy_withdraws_loud_opener``: the stage withdraws "opens loud" once the agent shares the customer's joy;
    the tracker drops that marker and keeps the others."""
    tracker = _tracker()
    tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=[("opens loud", 0.5)])
    tracker.push_words(2 * SAMPLE_RATE, float("nan"), n_words=0, hits=[("third time", 0.3)])
    state = tracker.withdraw_marker("opens loud")
    assert state.lexicon == ["third time"]
    assert tracker.withdraw_marker("third time").score == 0.0


@pytest.mark.parametrize(
    ("agent_says", "withdrawn"), [("Congratulations, that's brilliant news.", True), ("Let me check.", False)]
)
def test_the_stage_withdraws_a_loud_opener_when_the_agent_shares_the_customers_joy(
    agent_says: str, withdrawn: bool
) -> None:
    from coach.classify.stage import OPENS_LOUD, EscalationStage

    stage = EscalationStage(EscalationConfig())
    tracker = stage._tracker
    tracker.push_words(SAMPLE_RATE, float("nan"), n_words=0, hits=[(OPENS_LOUD, 0.5)])
    stage._opened_loud = True  # as _opens_loud() leaves it once "opens loud" has counted
    tracker.set_level_reference(-40.0)
    stage.hear_agent({"speaker": "agent", "final": True, "t": 3.0, "text": agent_says})
    assert (tracker.advance(4 * SAMPLE_RATE).lexicon == []) is withdrawn
    assert (tracker._reference_dbfs == float("inf")) is withdrawn


def test_the_settings_are_checked() -> None:
    for key in ("thanks_raised_damp", "agent_joy_damp"):
        with pytest.raises(ConfigError):
            EscalationConfig(**{key: 1.5})
        with pytest.raises(ConfigError):
            EscalationConfig(**{key: -0.1})


JOY = {"speaker": "agent", "final": True, "utt": "agent-1", "t": 10.4, "text": "Congratulations, that's wonderful."}
"""The agent's final sharing the joy of the customer's turn that ended at 10.0 s."""


def _customer(utt: int, t: float, end: float, text: str) -> dict[str, object]:
    """A customer final (``t`` to ``end``, call seconds)."""
    return {"speaker": "customer", "final": True, "utt": f"customer-{utt}", "t": t, "end": end, "text": text}


def _next_turn_levels(finals: tuple[dict[str, object], ...]) -> set[str]:
    """The levels of the customer's raised turn (:data:`RAISED`) after ten seconds of ordinary speech whose finals
    and the agent's reach the stage in the order of ``finals``."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
    for s in range(1, 11):
        _report(stage._tracker, s, (0.0, 0.3, -0.3)[s % 3])
    for e in finals:
        stage.push_final(e, 11 * SAMPLE_RATE)
    return set(_raised_turn(stage._tracker, 11.0, RAISED))


@pytest.mark.parametrize("agent_first", [False, True, None])
def test_an_agents_joy_warms_the_next_turn_whichever_final_arrives_first(agent_first: bool | None) -> None:
    """The agent's "Congratulations" final may reach the stage before the customer's final of the turn it answers (a
    long customer turn decodes later; ``agent_finals_first``): that late final zeroed the warmth, so the same talk read
    "tense" or "calm" by the order the finals came in (R15, session 51, second read of E56)."""
    customer = _customer(1, 2.0, 10.0, "We picked the trophy up on Saturday morning at the club.")
    levels = _next_turn_levels({None: (customer,), True: (JOY, customer), False: (customer, JOY)}[agent_first])
    assert levels == {"calm"} if agent_first is not None else "tense" in levels  # None: no joy shared


@pytest.mark.parametrize("agent_first", [False, True])
def test_an_agents_joy_warms_the_next_turn_however_many_finals_the_turn_it_answers_came_in(agent_first: bool) -> None:
    """The turn the agent's "Congratulations" answers may be decoded as two finals, both after the agent's (under load,
    ``agent_finals_first``): the second zeroed the warmth the first had restored, so the customer's raised next turn
    read "tense" by the order the finals came in (R16, session 52, second read of R15's 3f9348d)."""
    first = _customer(1, 2.0, 6.0, "We picked the trophy up on Saturday.")
    second = _customer(2, 6.5, 10.0, "Morning at the club, with the whole team.")
    assert _next_turn_levels((JOY, first, second) if agent_first else (first, second, JOY)) == {"calm"}
