"""Session 33 (H22, issue 9): behaviour on unseen calls: holds, dead air, raised voice, turn-taking.

c721 (the thirty-first part): a hold asked as "half a minute" while the agent checks a diary, granted ("No problem."),
that ran 88 s. The agent's turn was heard with its hold word garbled ("... and on four half a minute while I check
us,") and still read as a hold of 30 s; the check-in came ``hold_grace_s`` after the half minute ran out (t 73.42 s,
shown 75.42 s), as on every other hold that runs long in the tuning set. The truth file put the moment 45 s into the
silence (``after_s = 45``, 15 s past the count said), so that check-in was scored "extra" and its re-show 30 s later
"17 s late": the call file's convention, not the product's (``scripts/eval_calls.py``: a hold that ran long is timed
"when the announced time ran out"; the other half-minute holds c128, c171, c218, c314, c386, c410, c481, c553, c649
put it at 30 s). Pinned here: a half minute asked in several words (heard right and garbled) is a hold of 30 s, quiet
when kept in time, checked in on at 30 s + ``hold_grace_s`` when it runs long, and never before.

c745 (the thirty-second part): "Let me check the lake diary for the eighteenth, I'll be back in a tick." was heard
"... I'll be back in a ticket." (a partial: "back in a take"), granted "No problem.", and the hold ran 79 s: it was
checked in on 62 s into the silence (32 s after the truth's moment, +32.00 s), not at 30 s + grace. Two classes:

- "(I'll) be back in a <word>" said at a sentence's end or before the errand sizes the hold as short whatever the
  last word was heard as ("a ticket", "a tic", "a thick"; :func:`hold_word_only`); "back in a while" still says no
  size. And a return days away is no hold at all ("I'll be back in a few days", "in about a week", "in 2 hours").
- The hold word committed before the word that sizes it ("I'll be back" in a partial's stable words, "... in a tick"
  only in the final): the hold was announced unsized (``hold_word_s``, 60 s) and the final, the same firmness and no
  duration, was not announced again. Now a later reading that sizes it short re-announces it (``hold_default_s``), as
  the whole turn reads; a hold word left unsized keeps ``hold_word_s``.

The wordings are new (none from a call). Driven on an injected timeline of 32 ms frames (call time only).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import classify_hold, hold_word_only
from tests.test_holds_from_partials import replay, transcript, words
from tests.test_holds_g16 import AGENT_END, AGENT_START, CUSTOMER_END, silence_after

HALF_MINUTE = [
    "Right, hang on for half a minute while I look at the van rota.",
    "Lovely, and on four half a minute while I check the booking sheet,",  # "hang on for" heard garbled
    "Could you bear with me half a minute while I ring the kitchen?",
    "Give me half a minute to find the order in the system.",
    "Hold for thirty seconds while I check the calendar, please.",
]


@pytest.mark.parametrize("text", HALF_MINUTE)
def test_a_half_minute_asked_is_a_hold_of_thirty_seconds(text: str) -> None:
    assert classify_hold(text, whole=True) == (30.0, False)


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_kept_in_time_is_quiet(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END + 27.0  # back 3 s before the half minute runs out
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back + 2.0)
    assert holds and holds[-1].data["hold_s"] == 30.0
    assert dead_air == []


@pytest.mark.parametrize("text", HALF_MINUTE[:3])
def test_a_half_minute_that_runs_long_is_checked_in_on_when_it_runs_out_and_not_before(text: str) -> None:
    cfg = TurnConfig()
    back = CUSTOMER_END + 88.0  # c721's shape: an 88 s hold after a half minute was asked
    holds, dead_air = replay(silence_after(text, back=back, answer="No problem."), cfg, until=back)
    [(at, cue)] = dead_air  # one moment, first raised when the announced time ran out
    assert at == pytest.approx(CUSTOMER_END + 30.0 + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


BACK_IN_A_GARBLED = [
    "Let me look at the van diary. I'll be back in a ticket.",  # "tick"
    "Right, let me find the order, I'll be back in a tic.",
    "I'll go and ask the foreman, we'll be back in a thick, okay?",
    "Okay, I'll be back in a sack while I check the stock.",  # "sec"
]


@pytest.mark.parametrize("text", BACK_IN_A_GARBLED)
def test_back_in_a_word_heard_garbled_is_a_moment_asked(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    ["Back in two ticks.", "Right, back in a sec.", "Let me check the diary. Back in a moment.", "Be right back."],
)
def test_back_in_a_short_time_said_without_its_subject_is_a_hold_sized_short(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert not hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    ["The refund will be back in a second payment.", "I put the fuse back in a minute ago.", "It's back in stock."],
)
def test_back_in_mid_sentence_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


@pytest.mark.parametrize(
    "text", ["I'll be back in a while.", "Can you hold on for me? I'll be back.", "Bear with me while I ask the yard."]
)
def test_a_hold_with_no_size_said_is_still_asked_in_hold_words_alone(text: str) -> None:
    assert classify_hold(text, whole=True) == (None, False)
    assert hold_word_only(text)


@pytest.mark.parametrize(
    "text",
    [
        "The fitter will ring you, and we'll be back in a few days to finish the fence.",
        "I'll be back in about a week with the new panels.",
        "We'll be back in a couple of days to fit it.",
        "I'll be back in two hours with the van.",
        "I'll be back in a fortnight to check the seal.",
    ],
)
def test_a_return_days_or_hours_away_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def committed_first(partial: str, stable: int, final: str, back: float) -> dict:
    """``silence_after(final, ...)`` with a partial before the final whose first ``stable`` words are committed."""
    steps = silence_after(final, back=back, answer="No problem.")
    shown = words(partial, AGENT_START, AGENT_END)
    steps[AGENT_END - 0.5] = lambda t, w, now: w.push([transcript(shown, final=False, stable=stable)], now)
    return steps


@pytest.mark.parametrize(
    "final", ["Let me check the diary. I'll be back in a tick.", "Let me check the diary. I'll be back in a ticket."]
)
def test_a_hold_word_committed_before_its_size_word_is_re_read_as_a_moment(final: str) -> None:
    cfg = TurnConfig()
    partial = "Let me check the diary. I'll be back in a take."
    back = CUSTOMER_END + 79.0  # c745's shape: back after 79 s
    holds, dead_air = replay(committed_first(partial, 8, final, back), cfg, until=back)  # "... I'll be back" committed
    assert holds[0].data["hold_s"] == cfg.hold_word_s  # the hold word alone, first
    assert holds[-1].data["hold_s"] == cfg.hold_default_s
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_default_s + cfg.hold_grace_s, abs=0.1)
    assert cue.evidence["on_hold"] is True


def test_a_hold_word_left_unsized_by_the_final_keeps_hold_word_s() -> None:
    cfg = TurnConfig()
    final = "Let me ring the yard. Can you hold on for me?"
    back = CUSTOMER_END + 79.0
    holds, dead_air = replay(committed_first(final, 8, final, back), cfg, until=back)  # "... hold on" committed
    assert {h.data["hold_s"] for h in holds} == {cfg.hold_word_s}
    [(at, _)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.hold_word_s + cfg.hold_grace_s, abs=0.1)


# Quiet c760 (the thirty-second part): a voice whose every turn opens 7-9 dB over its body ("They do, Peigi.", "That's
# five bags," "Twelve Habost"), the body at -29.5 dBFS. The own level is the body's (the median of the calm windows),
# so the fourth turn's opening (0.8 s at -21.3 dBFS) measured 8 dB over it and was cued as a raised voice. The class:
# once the agent's calm turns have opened ``agent_opening_min_turns`` (3) times, their median opening
# ``agent_opening_louder_db`` (3 dB) or more over the own level, a turn's first window is judged against that median
# (capped at the baseline + ``baseline_reject_above_db``) by the raised margin, as well as by the other rules; after
# its first window the turn is judged as before, and a voice that opens at about its body's level as before.
# Synthetic voiced audio fed frame by frame as the analyser does (``tests/test_raised_voice_onsets.py``).

CALM_TURNS = [
    (1.5, -25.0),
    (3.0, None),
    (1.0, -23.0),
    (3.0, -29.0),
    (3.0, None),
    (1.0, -23.5),
    (3.0, -29.5),
    (3.0, None),
]


def starts(parts: list[tuple[float, float | None]]) -> list[float]:
    from tests.test_raised_voice_onsets import first_cues

    return [start for start, _ in first_cues([(s, level, 110.0) for s, level in parts])]


def test_a_turn_opening_as_loud_as_the_agents_usual_openings_is_not_raised() -> None:
    assert starts(CALM_TURNS + [(0.8, -21.3), (3.0, -29.5), (2.0, None)]) == []


def test_a_turn_raised_from_its_opening_over_the_usual_openings_is_caught_at_its_start() -> None:
    opens = sum(s for s, _ in CALM_TURNS)
    [start] = starts(CALM_TURNS + [(3.0, -16.0), (2.0, None)])
    assert start == pytest.approx(opens, abs=0.15)


def test_a_turn_raised_after_its_opening_is_caught_as_before() -> None:
    from tests.test_raised_voice_onsets import first_cues

    loud = sum(s for s, _ in CALM_TURNS) + 1.0  # a calm 1 s opening, then 8 dB over the body
    [(_, at)] = first_cues([(s, level, 110.0) for s, level in CALM_TURNS + [(1.0, -24.0), (3.0, -21.0), (2.0, None)]])
    assert loud < at <= loud + 1.2  # the 1 s window fills with the louder words (the same before the change)


def test_a_raised_second_turn_is_judged_without_openings() -> None:
    # fewer than three calm openings: the second turn's opening is judged by the own level as before (c80's shape)
    [start] = starts([(1.5, -25.0), (3.0, None), (2.0, -17.0), (2.0, None)])
    assert start == pytest.approx(4.5, abs=0.15)


def test_a_voice_opening_at_its_bodys_level_has_its_raised_opening_caught_as_before() -> None:
    # c751's shape: openings 1.5 dB over the body, then a turn opening 8 dB over the body
    turns = [
        (1.5, -27.5),
        (3.0, None),
        (1.0, -27.0),
        (3.0, -28.5),
        (3.0, None),
        (1.0, -27.0),
        (3.0, -28.5),
        (3.0, None),
    ]
    opens = sum(s for s, _ in turns)
    [start] = starts(turns + [(3.0, -20.0), (2.0, None)])
    assert start == pytest.approx(opens, abs=0.15)
