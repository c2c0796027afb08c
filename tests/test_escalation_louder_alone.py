"""A voice far above the customer's own level counts mid-call whatever the words (issue 10, session 56, E69).

A customer whose earlier turns were heard as calm words and who then answers far louder than their own usual level
(``R`` near 1, about 5 dB or more up) with a voice the model reads calm and no complaint words yet stayed calm for
more than 3 s: a raised voice counted only as far as complaint words let it, and one held over two reports only
where it was not broken by a quieter report (c1294 106.5 s: 9.3, 2.4, 6.1 dB up). With ``louder_alone_weight`` two
reports of ``R`` at least ``louder_alone_min`` within ``louder_turn_peak_s`` count as evidence on their own, mid-call
only, never "escalated" alone. Synthetic tracker sequences in call time (one voice reading a second of customer
speech, a turn starting at a loudness report that spans a pause).
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.config import load_config
from coach.types import SAMPLE_RATE

CALM_DBFS = -30.0
FLAT_VOICE = 0.05  # the voice model reads the reply calm
ON = {"louder_alone_weight": 0.45}


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def _speak(
    tracker: EscalationTracker, second: float, rise_db: float, span_s: float = 1.0, level_db: float = 0.0
) -> str:
    """One second of customer speech ``rise_db`` above their usual level (their level ``level_db`` above that of
    their earlier reports), the voice read calm; the level after."""
    tracker.push_level(at(second), CALM_DBFS + level_db, span_s=span_s)
    tracker.push_loudness(at(second), rise_db, span_s=span_s)
    return tracker.push_voice(at(second), FLAT_VOICE).level


def _reply(rises: tuple[float, ...], *, pleasant: bool = False, thanks: bool = False, **kw: float) -> list[str]:
    """Ten seconds of calm speech heard as calm words (delight ``pleasant``, thanks ``thanks``), their final, the
    agent's 6 s answer, then a reply whose seconds are ``rises`` dB above their usual level, their level 1 dB above
    their earlier reports' (the held raised voice reads a rise of at most that: a young baseline), as on c1294: the
    level after each second of it."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 11):
        _speak(tracker, s, 0.0)
    tracker.push_words(at(11), 0.02, n_words=14, calm=True, pleasant=pleasant, thanks=thanks)
    levels = [_speak(tracker, 18, rises[0], span_s=7.0, level_db=1.0)]
    return levels + [_speak(tracker, 19 + i, r, level_db=1.0) for i, r in enumerate(rises[1:])]


def _opener(rises: tuple[float, ...], **kw: float) -> list[str]:
    """The customer's first turn (no final yet): ten seconds at their usual level, then seconds ``rises`` dB up."""
    tracker = EscalationTracker(EscalationConfig(**kw), words_expected=True)
    for s in range(1, 11):
        _speak(tracker, s, 0.0)
    return [_speak(tracker, 11 + i, r, level_db=1.0) for i, r in enumerate(rises)]


BROKEN = (9.3, 2.4, 6.1)  # c1294's reports: far up, a quieter one between


def test_a_reply_far_above_their_level_is_tense_within_3_s() -> None:
    assert "tense" in _reply(BROKEN, **ON)


def test_without_the_key_the_same_reply_stays_calm() -> None:
    assert set(_reply(BROKEN, louder_alone_weight=0.0)) == {"calm"}


def test_a_reply_somewhat_raised_gains_nothing() -> None:
    """Under ``louder_alone_min`` (about 4.9 dB up) a single report still needs complaint words or a pushback."""
    assert _reply((4.0, 2.4, 4.0), **ON) == _reply((4.0, 2.4, 4.0), louder_alone_weight=0.0)
    assert set(_reply((4.0, 2.4, 4.0), **ON)) == {"calm"}


def test_one_loud_second_stays_calm() -> None:
    """A single report far up (a bump, a laugh) is not a raised voice: two within ``louder_turn_peak_s`` are."""
    assert set(_reply((9.3, 0.0, 0.5, 0.0), **ON)) == {"calm"}
    assert set(_reply((0.0, 9.3, 0.0, 0.0, 0.0, 9.3), **ON)) == {"calm"}  # 4 s apart


def test_it_never_escalates_on_the_raised_voice_alone() -> None:
    assert "escalated" not in _reply((10.0, 10.0, 10.0, 10.0), **ON)


def test_a_delighted_customer_s_loud_reply_gains_nothing() -> None:
    """Their delight (``P``) takes the raised voice off, as on the other routes that need no words."""
    assert set(_reply(BROKEN, pleasant=True, **ON)) == {"calm"}


def test_a_thanks_in_their_previous_final_does_not_hold_it_back() -> None:
    """c1294: "Thanks, look, I'll be honest with you, I nearly didn't ring ..." and then the shout."""
    assert "tense" in _reply(BROKEN, thanks=True, **ON)


def test_the_first_turn_is_left_to_the_opener_keys() -> None:
    assert _opener(BROKEN, **ON) == _opener(BROKEN, louder_alone_weight=0.0)


def test_the_setting_has_one_source() -> None:
    packaged = load_config().escalation
    default = EscalationConfig()
    assert (packaged.louder_alone_weight, packaged.louder_alone_min) == (
        default.louder_alone_weight,
        default.louder_alone_min,
    )
