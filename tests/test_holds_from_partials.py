"""A hold heard only in partials' uncommitted words whose final lost it (issue 9, c400's class).

The agent announces a hold, the words appear in the turn's partials (uncommitted, garbled) and the
final drops them: :class:`~coach.turns.holds.HoldWatcher` announces the partials' hold at the final,
covering at most ``hold_heard_s``. A partial's hold phrase that the final re-heard as other words
(a mis-hearing corrected) covers nothing: the silence after it is still dead air. Driven on an
injected timeline of 32 ms frames (call time only, no wall clock).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import HoldWatcher
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane, seconds_to_samples

STEP = FRAME_SAMPLES / SAMPLE_RATE
# the agent's turn, 1.0-8.0 s: "... Let me check the parts and the diary for July, are you okay to hold?"
AGENT_START, AGENT_END = 1.0, 8.0
PARTIAL = "It won't, our kits are type approved. Let me check them about and let them know, are you okay to hold?"
CUT_SHORT = "It won't. It's warm, a full mass on the"  # the final stops before "Let me check"
GARBLED = "It won't. It's warm, a full mass"  # a few words stretched over the whole turn
# the customer's "Yes, that's fine." 8.8-10.0 s, then 70 s of silence until the agent is back
CUSTOMER_START, CUSTOMER_END, BACK = 8.8, 10.0, 80.0


def words(text: str, start: float, end: float) -> list[dict]:
    split = text.split()
    step = (end - start) / len(split)
    return [{"w": w, "start": start + i * step, "end": start + (i + 1) * step, "p": 0.9} for i, w in enumerate(split)]


def transcript(said: list[dict], *, final: bool, stable: int = 0, utt: str = "agent-1", speaker: str = "agent"):
    data: dict = {"speaker": speaker, "utt": utt, "end": said[-1]["end"] if said else 0.0, "final": final}
    data.update(text=" ".join(w["w"] for w in said), words=said)
    if not final:
        data["stable"] = stable
    return Event("transcript", AGENT_START, 0.0, data)


Step = Callable[[TurnTracker, HoldWatcher, int], list]


def replay(steps: dict[float, Step], cfg: TurnConfig, until: float = BACK + 2.0) -> tuple[list[Event], list]:
    """Run the call's frames: at each time in ``steps`` (seconds) its action; returns the ``hold``
    events and the dead-air cues as first raised, ``(seconds, cue)``."""
    tracker = TurnTracker(cfg)
    watcher = HoldWatcher(tracker)
    holds: list[Event] = []
    raised: dict[str, tuple[float, Cue]] = {}
    pending = sorted(steps.items())
    for i in range(int(until / STEP)):
        now = i * FRAME_SAMPLES
        found: list = []
        while pending and seconds_to_samples(pending[0][0]) <= now:
            found += pending.pop(0)[1](tracker, watcher, now)
        found += tracker.tick(now)
        holds += [f for f in found if isinstance(f, Event) and f.type == "hold"]
        for f in found:
            if isinstance(f, Cue) and f.kind == "dead_air" and f.moment not in raised:
                raised[f.moment] = (now / SAMPLE_RATE, f)
    return holds, list(raised.values())


def call(partials: list[tuple[float, str, int]], final: list[dict] | None) -> dict[float, Step]:
    """The agent's turn with its ``partials`` (time pushed, text over the turn so far, stable words),
    its ``final`` words, the customer's short answer and the silence after it."""

    def push(event: Event) -> Step:
        return lambda tracker, watcher, now: watcher.push([event], now)

    steps: dict[float, Step] = {
        AGENT_START + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(AGENT_START), now),
        AGENT_END + 0.3: lambda t, w, now: t.on_end(
            Lane.AGENT, seconds_to_samples(AGENT_START), seconds_to_samples(AGENT_END), now
        ),
        CUSTOMER_START + 0.2: lambda t, w, now: t.on_start(Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START), now),
        CUSTOMER_END + 0.3: lambda t, w, now: t.on_end(
            Lane.CUSTOMER, seconds_to_samples(CUSTOMER_START), seconds_to_samples(CUSTOMER_END), now
        ),
        BACK + 0.2: lambda t, w, now: t.on_start(Lane.AGENT, seconds_to_samples(BACK), now),
    }
    for at, text, stable in partials:
        heard_to = min(at - 0.2, AGENT_END)
        steps[at] = push(transcript(words(text, AGENT_START, heard_to), final=False, stable=stable))
    if final is not None:
        steps[AGENT_END + 0.6] = push(transcript(final, final=True))
    return steps


def test_a_hold_the_final_cut_short_is_announced_at_the_final_with_the_heard_cover():
    cfg = TurnConfig()
    steps = call([(AGENT_END + 0.2, PARTIAL, 7)], words(CUT_SHORT, AGENT_START, 3.7))
    holds, dead_air = replay(steps, cfg)
    [hold] = holds
    assert hold.at == pytest.approx(AGENT_END + 0.6, abs=STEP)  # judged at the final, not at the partial
    assert hold.data["announced_s"] is None and hold.data["hold_s"] == min(cfg.hold_word_s, cfg.hold_heard_s)
    # the silence after the customer's answer is covered, then a check-in on a hold that ran long
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + hold.data["hold_s"] + cfg.hold_grace_s, abs=0.05)
    assert cue.evidence["on_hold"] is True


def test_without_the_partials_the_same_silence_is_dead_air_after_dead_air_s():
    cfg = TurnConfig()
    holds, dead_air = replay(call([], words(CUT_SHORT, AGENT_START, 3.7)), cfg)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


def test_a_final_garbled_into_a_few_words_stretched_over_the_turn_lost_the_hold_too():
    holds, _ = replay(call([(AGENT_END + 0.2, PARTIAL, 7)], words(GARBLED, AGENT_START, AGENT_END)), TurnConfig())
    assert [h.data["hold_s"] for h in holds] == [TurnConfig().hold_word_s]


def test_a_duration_heard_only_in_a_partial_covers_at_most_hold_heard_s():
    cfg = TurnConfig(hold_heard_s=20.0)
    partial = "It won't, our kits are type approved. Let me check, it might take about two minutes, okay?"
    holds, dead_air = replay(call([(AGENT_END + 0.2, partial, 7)], words(CUT_SHORT, AGENT_START, 3.7)), cfg)
    [hold] = holds
    assert hold.data["announced_s"] == 120.0 and hold.data["hold_s"] == 20.0
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + 20.0 + cfg.hold_grace_s, abs=0.05)


def test_the_turns_partials_are_judged_together_the_firmest_hold_heard_counts():
    """One partial heard only the look-up, a later one only the question: the final lost both."""
    cfg = TurnConfig()
    early = "It won't, our kits are type approved. Let me check in the box and let it online"
    late = "It won't, our kits are type approved. Let's take them about and let them know, are you okay to hold?"
    steps = call([(6.0, early, 7), (AGENT_END + 0.2, late, 7)], words(CUT_SHORT, AGENT_START, 3.7))
    holds, _ = replay(steps, cfg)
    [hold] = holds
    assert hold.data["hold_s"] == cfg.hold_word_s and hold.at == pytest.approx(AGENT_END + 0.6, abs=STEP)


def test_a_look_up_alone_heard_in_a_partial_covers_nothing():
    """c400's "It takes about two and a half hours" heard "Let's take a look." in a partial, the final
    a garbled "Thank you": a look-up in a partial is too often a mis-hearing to count."""
    cfg = TurnConfig()
    early = "It won't, our kits are type approved. Let me check in the box and let it online"
    holds, dead_air = replay(call([(6.0, early, 7)], words(CUT_SHORT, AGENT_START, 3.7)), cfg)
    assert holds == []
    assert dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05)


@pytest.mark.parametrize(
    "final",
    [
        # the partial's "let me check ... okay to hold" re-heard as other words in the same time
        "It won't, our kits are type approved. Let's take them about and let them know if you're okay to go.",
        # re-heard a little shorter, still as many words there as half the partial's
        "It won't, our kits are type approved, let's take them out and let them know you're cold.",
    ],
)
def test_a_hold_a_partial_misheard_and_the_final_corrected_covers_nothing(final):
    """The guard: a real unexplained silence after a turn whose partial mis-heard a hold stays dead
    air after ``dead_air_s``."""
    cfg = TurnConfig()
    steps = call([(AGENT_END + 0.2, PARTIAL, 7)], words(final, AGENT_START, AGENT_END))
    holds, dead_air = replay(steps, cfg)
    assert holds == []
    [(at, cue)] = dead_air
    assert at == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05) and "on_hold" not in cue.evidence


def test_a_final_that_holds_the_hold_itself_is_read_as_before_not_capped():
    cfg = TurnConfig(hold_heard_s=10.0)
    final = "It won't, our kits are type approved. Let me check, it might take about two minutes, okay to hold?"
    holds, _ = replay(call([(AGENT_END + 0.2, PARTIAL, 7)], words(final, AGENT_START, AGENT_END)), cfg)
    assert [(h.data["announced_s"], h.data["hold_s"]) for h in holds] == [(120.0, 120.0)]


def test_partials_alone_announce_nothing_and_a_lost_final_or_the_customers_words_neither():
    cfg = TurnConfig()
    # no final came for the turn: nothing is announced from its partials (the final judges them)
    holds, dead_air = replay(call([(AGENT_END + 0.2, PARTIAL, 7)], None), cfg)
    assert holds == [] and dead_air[0][0] == pytest.approx(CUSTOMER_END + cfg.dead_air_s, abs=0.05)
    # the customer's partials are not the agent's hold
    watcher = HoldWatcher(TurnTracker(cfg))
    said = words(PARTIAL, AGENT_START, AGENT_END)
    assert watcher.push([transcript(said, final=False, stable=7, speaker="customer")], 0) == []
    assert watcher.push([transcript(words(CUT_SHORT, 1.0, 3.7), final=True, speaker="customer")], 1) == []


def test_a_final_with_no_words_after_a_partial_lost_its_hold():
    cfg = TurnConfig()
    holds, _ = replay(call([(AGENT_END + 0.2, PARTIAL, 7)], []), cfg)
    assert [h.data["hold_s"] for h in holds] == [cfg.hold_word_s]


def test_a_duration_the_final_lost_after_a_committed_look_up_firms_the_hold_up():
    """The look-up was committed ("Let me check" is in the final: a plan, no hold of its own since H20); the
    duration and the question after it were heard only in the partial and the final stops before them."""
    cfg = TurnConfig()
    partial = "It won't, our kits are type approved. Let me check, it might take two minutes, okay to hold?"
    final = words("It won't, our kits are type approved. Let me check,", AGENT_START, 4.9)
    holds, dead_air = replay(call([(AGENT_END + 0.2, partial, 10)], final), cfg)
    assert [(h.data["announced_s"], h.data["hold_s"]) for h in holds] == [(120.0, 90.0)]
    assert dead_air == []  # the 70 s wait is covered
