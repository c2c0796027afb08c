"""A hold's length said as its errand's time before the hold words (issue 9, session 41, B1; c954's class).

c954: "... so this will take a couple of minutes. Is it all right if I put you on hold for that?" was heard "So, if we
will take a couple of minutes, we need all right. If I put you on hold for that." The errand's time ("will take a
couple of minutes") has a subject tiny.en mis-heard and the hold words follow in the next sentence, outside the
frames that read a time said first ("It'll take a couple of minutes. Can you hold?"), so the hold was read as one in
hold words alone (``hold_word_s``, 60 s) and a hold kept in 95 s was checked in on twice on a must-stay-quiet call.
The time an errand will take (a modal's future of "take", any subject but the customer's), in the hold's sentence or
the one before, is now the hold's length, up to five minutes. Our own wordings; driven on an injected timeline of
32 ms frames (call time only, no wall clock).
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import announced_seconds, classify_hold
from coach.types import Lane, seconds_to_samples
from tests.test_holds_customer_consent import BACK, CUSTOMER_END, call, push, spoken
from tests.test_holds_from_partials import replay, transcript, words

# the errand's time with its subject mis-heard, the hold words in the sentence after it
GARBLED = (
    "I'll go and count the frames in the back. So if we will take a couple of minutes, we need all right. "
    "If I put you on hold for that."
)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        (GARBLED, 120.0),
        ("They will take a couple of minutes. Please hold.", 120.0),
        ("Then we'll only take about two or three minutes, we need it. I'll pop you on hold.", 180.0),
        ("So he should take about a minute on that, okay. Bear with me.", 60.0),
        ("It's going to take maybe forty seconds. Hold the line, please.", 40.0),
    ],
)
def test_an_errands_time_said_before_the_hold_words_is_the_holds_length(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        # too long for the line: a visit or a job (the hold words alone: no duration)
        ("The fitter will take about twenty minutes to get there. Can I put you on hold while I book it?", None),
        ("You'll take a minute to fill it in. Please hold.", None),  # the customer's own time
        ("It took two minutes last time. Please hold.", None),  # a time already had
        # two sentences before the hold's: another matter
        ("We will take a couple of minutes. The van is blue. The depot is shut. Please hold.", None),
    ],
)
def test_a_time_that_is_not_the_errands_leaves_the_hold_unsized(text: str, seconds: float | None) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


def test_the_errands_time_covers_a_hold_kept_in_time_and_a_longer_one_is_checked_in_on() -> None:
    """Granted ("Of course, go ahead."), the two minutes cover the 90 s hold (quiet; the hold words alone covered
    ``hold_word_s``, 60 s, and it was checked in on); with forty seconds said, the same silence is checked in on when
    they have run out (plus ``hold_grace_s``), not at the hold words' 60 s."""
    cfg = TurnConfig()
    holds, dead_air = replay(call(GARBLED, "Of course, go ahead."), cfg, until=BACK + 2.0)
    assert holds and all(h.data["hold_s"] == 120.0 for h in holds)
    assert dead_air == []
    shorter = GARBLED.replace("a couple of minutes", "about forty seconds")
    holds, dead_air = replay(call(shorter, "Of course, go ahead."), cfg, until=BACK + 2.0)
    assert holds and holds[-1].data["hold_s"] == 40.0
    [(raised, cue)] = dead_air
    assert cue.evidence["on_hold"] is True and cue.evidence["announced_s"] == 40.0
    assert raised == pytest.approx(CUSTOMER_END + 40.0 + cfg.hold_grace_s, abs=0.2)


# The errand's time in a final whose hold words were garbled, the wait granted by the customer (session 42, B2, c978:
# "That'll take me a couple of minutes, if you don't mind holding." heard "I'll take me a couple of minutes. If you're
# going to mind, I'll leave.", its partials hearing the hold, granted "Of course, I'll hang on.", a hold kept 95 s was
# read from the partials capped at ``hold_heard_s``, 90 s, and checked in on): the final's errand time sizes the wait
# granted. Our own wordings.
HEARD_FINAL = (
    "Lovely, March is a good month for it. I'll take me a couple of minutes. If you're going to mind, I'll leave."
)
HEARD_PARTIAL = "Lovely, March is a good month for it. It will take me a couple of minutes if you don't mind holding"


def granted_then_back(final: str, back: float) -> dict:
    """The agent's turn (a partial that heard the hold, then ``final``), granted "Of course, I'll hang on.", and the
    agent back at ``back`` s."""
    steps = call(final, "Of course, I'll hang on.", partials=((7.6, HEARD_PARTIAL, 8),))
    del steps[BACK + 0.2]
    steps[back + 0.2] = lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(back), now)
    return steps


def test_the_errands_time_in_a_garbled_final_sizes_the_wait_granted() -> None:
    """Granted, the final's "couple of minutes" covers a 100 s hold (it was the partials' two minutes capped at
    ``hold_heard_s``, 90 s, checked in on at 92 s); a final naming no time keeps the capped reading."""
    cfg = TurnConfig()
    holds, dead_air = replay(granted_then_back(HEARD_FINAL, 110.0), cfg, until=112.0)
    assert holds[-1].data["hold_s"] == 120.0 and dead_air == []
    untimed = HEARD_FINAL.replace("I'll take me a couple of minutes.", "I'll take me in.")
    holds, dead_air = replay(granted_then_back(untimed, 110.0), cfg, until=112.0)
    assert holds[-1].data["hold_s"] == cfg.hold_heard_s
    [(raised, cue)] = dead_air
    assert cue.evidence["on_hold"] is True
    assert raised == pytest.approx(CUSTOMER_END + cfg.hold_heard_s + cfg.hold_grace_s, abs=0.2)


# Minutes asked as a bare count ("give me five"; session 41, B1, from the spoken durations of a hold, none in the
# tuning calls): "give / spare me" a count ending its clause or before the errand is that many minutes. Our own
# wordings.


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Give me five and I'll be right back.", 300.0),
        ("Let me check the stock room, give me two.", 120.0),
        ("Spare me three while I ring the depot.", 180.0),
    ],
)
def test_minutes_asked_as_a_bare_count_are_a_hold_of_that_many_minutes(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "Could you give me five stars on the survey?",  # a count of things
        "Can you give me two of those?",
        "If you give me 3 or 4 dates I'll see what fits.",
    ],
)
def test_a_count_of_things_given_is_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) in (None, (None, True))


def test_a_bare_count_is_read_only_in_a_final() -> None:
    """A partial's committed "give me five" may go on ("... stars on the survey"): only the final reads it."""
    assert classify_hold("Just give me five", whole=False) is None
    assert classify_hold("Just give me five", whole=True) == (300.0, False)


def test_an_errands_time_before_a_look_up_alone_leaves_it_a_look_ups_moment() -> None:
    """Only hold words take the time said before them: a look-up said in passing stays vague (``hold_vague_s``)."""
    assert classify_hold("We'll take two minutes to fit it. Let me just check the diary.", whole=True) == (None, True)
    assert classify_hold("We'll take two minutes to fit it. Can you hold?", whole=True) == (120.0, False)


# More time asked on its own, as a check-in inside a hold is (session 41, B1; no tuning call has one: our own wordings).
# The agent speaking ends the hold (``TurnTracker.on_start``); the check-in's words announce the next one, so "Sorry,
# just another couple of minutes." must read as a hold of two minutes, not leave the silence after it dead air.


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("another minute", 60.0),
        ("a couple more minutes", 120.0),
        ("2 more minutes", 120.0),
        ("a few more minutes", 180.0),
        ("another 30 seconds", 30.0),
    ],
)
def test_more_time_counts_its_count(text: str, seconds: float) -> None:
    assert announced_seconds(text) == seconds


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("Sorry, just another minute.", 60.0),
        ("Just a couple more minutes, sorry.", 120.0),
        ("Thanks for holding, another two minutes or so.", 120.0),
        ("Can you wait one more minute?", 60.0),
    ],
)
def test_more_time_asked_is_a_hold_of_that_time(text: str, seconds: float) -> None:
    assert classify_hold(text, whole=True) == (seconds, False)


@pytest.mark.parametrize(
    "text",
    [
        "I need another few minutes of your time.",  # more of something else
        "Another minute and I'd have missed it.",  # a remark
        "The bus comes in another 5 minutes.",  # a time from now
        "It took another five minutes to arrive.",  # a time had
    ],
)
def test_more_time_that_is_no_wait_stays_no_hold(text: str) -> None:
    assert classify_hold(text, whole=True) is None


def test_a_check_in_asking_more_time_covers_the_rest_of_the_hold() -> None:
    """A minute asked and granted, a check-in at 55 s ("Sorry, just another couple of minutes."), back at 100 s: the
    check-in's two minutes cover the 42 s after it (quiet); a check-in that asks no time keeps the hold (session 42,
    B2: ``hold_default_s`` from its end, 15 s of the minute being left) and is checked in on when that has run out."""
    cfg = TurnConfig()

    def with_check_in(said: str) -> dict:
        steps = call("Can you hold for a minute while I check the stock room?", "Of course, go ahead.")
        steps |= spoken(Lane.AGENT, 55.0, 58.0)
        steps[58.6] = push(transcript(words(said, 55.0, 58.0), final=True, utt="agent-2"))
        return steps

    holds, dead_air = replay(with_check_in("Sorry, just another couple of minutes."), cfg, until=BACK + 2.0)
    assert holds[-1].data["hold_s"] == 120.0 and dead_air == []
    holds, dead_air = replay(with_check_in("Sorry, nearly there, thanks for your patience."), cfg, until=BACK + 2.0)
    [(raised, cue)] = dead_air
    assert raised == pytest.approx(58.0 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.2) and cue.evidence["on_hold"]
