"""An agent cut-in whose soft first word the VAD heard late is measured from its first transcribed word (issue 9,
session 35, H24, c802's class): the overlap the VAD saw is moved back to the word's start, by at most the ``[turns]``
setting ``onset_backdate_s`` and never before the customer began; a turn change the VAD saw after the customer
stopped stays one whatever the words' times say. Scripted segments, one tick per 32 ms frame (well under a second)."""

from __future__ import annotations

from coach.turns.config import TurnConfig
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane, seconds_to_samples

A, C = Lane.AGENT, Lane.CUSTOMER
START_DELAY, END_DELAY = 0.16, 0.5  # when the VAD confirms a start and an end


def nudged(
    segments: list[tuple[Lane, float, float]],
    first_word: float | None,
    heard_after: float = 1.0,
    cfg: TurnConfig | None = None,
    text: str = "Loose",
    frames: bool = False,
) -> list[float]:
    """When ``stop_interrupting`` was first raised (seconds), replaying ``segments`` (VAD-backdated starts and ends);
    the agent's first partial ``text`` (its words 0.2 s apart), its first word at ``first_word``, heard ``heard_after``
    s after the agent's onset. ``frames``: each frame's voice decision is passed (voiced inside a segment), as the
    analyser does; else a lane voices while its segment is open (until its end is confirmed)."""
    tracker = TurnTracker(cfg or TurnConfig())
    steps = []
    for lane, s, e in segments:
        steps.append((seconds_to_samples(s + START_DELAY), lambda now, ln=lane, s=s: tracker.on_start(ln, s_(s), now)))
        steps.append(
            (seconds_to_samples(e + END_DELAY), lambda now, ln=lane, s=s, e=e: tracker.on_end(ln, s_(s), s_(e), now))
        )
    agent_onset = next(s for lane, s, _ in segments if lane is A)
    if first_word is not None:
        said = [
            {"w": w, "start": first_word + 0.2 * i, "end": first_word + 0.2 * i + 0.2}
            for i, w in enumerate(text.split())
        ]
        data = {"speaker": A.value, "end": said[-1]["end"], "text": text, "final": False, "words": said}
        steps.append(
            (
                seconds_to_samples(agent_onset + heard_after),
                lambda now: tracker.hear([Event("transcript", 0, 0.0, data)]),
            )
        )
    steps.sort(key=lambda s: s[0])
    raised: list[float] = []
    now = 0
    while now < seconds_to_samples(12.0):
        now += FRAME_SAMPLES
        found = []
        while steps and steps[0][0] <= now:
            found += steps.pop(0)[1](now) or []
        voiced = {ln: any(s_(s) < now <= s_(e) for lane, s, e in segments if lane is ln) for ln in (A, C)}
        found += tracker.tick(now, voiced if frames else None)
        raised += [now / SAMPLE_RATE for f in found if isinstance(f, Cue) and f.kind == "stop_interrupting"][:1]
    return raised[:1]


def s_(seconds: float) -> int:
    return seconds_to_samples(seconds)


# the customer talks 0-6.65 s; the agent's "Loose is cheaper though" begins at 6.05 s, the VAD hears it at 6.55 s
CUT_IN = [(C, 0.0, 6.65), (A, 6.55, 8.3)]


def test_an_agent_cut_in_heard_late_is_measured_from_its_first_word() -> None:
    assert nudged(CUT_IN, None) == []  # 0.1 s of overlap by the VAD: under agent_min_overlap_s
    [at] = nudged(CUT_IN, 6.05)
    assert at < 6.55 + 1.1  # when the agent has spoken a second by the VAD, as any cut-in


def test_a_first_word_far_before_the_onset_or_before_the_customer_began_moves_nothing() -> None:
    assert nudged(CUT_IN, 5.8) == []  # 0.75 s before the VAD's onset: more than onset_backdate_s
    assert nudged(CUT_IN, 5.8, cfg=TurnConfig(onset_backdate_s=0.8))  # the [turns] setting, not a constant
    assert nudged([(C, 6.3, 6.65), (A, 6.55, 8.3)], 6.05) == []  # the customer had not begun


def test_a_short_blip_with_words_before_its_onset_stays_a_backchannel() -> None:
    """A neighbour's words on the agent's headset (c797: a 0.35 s segment, its words 0.18 s before the onset): how long
    the agent spoke is still measured from the VAD's onset, so it is no cut-in."""
    assert nudged([(C, 0.0, 9.0), (A, 5.25, 5.6)], 5.07, heard_after=0.6) == []  # heard before its end is confirmed


def test_a_turn_change_after_the_customer_stopped_stays_one_whatever_the_words_say() -> None:
    assert nudged([(C, 0.0, 6.4), (A, 6.55, 8.3)], 6.05) == []


# session 43, B3: an agent overlap heard as words of its own is an interruption before backchannel_max_s
TALKS_ON = [(C, 0.0, 6.0), (A, 4.0, 7.0)]  # the agent starts 4.0 s into the customer's turn and talks on


def test_an_agent_overlap_heard_as_words_is_an_interruption_at_once() -> None:
    [at] = nudged(TALKS_ON, 4.0, heard_after=0.5, text="No, that's not what we", frames=True)
    assert 4.5 <= at < 4.6  # the frame after the partial, not 1.0 s after the onset
    [waited] = nudged(TALKS_ON, 4.0, heard_after=0.5, text="No, that's not what we", cfg=TurnConfig(agent_words_min=0))
    assert waited >= 4.0 + 1.0  # the [turns] setting: 0 waits backchannel_max_s, as before


def test_backchannel_words_or_one_word_wait_for_backchannel_max_s() -> None:
    for text in ("Yeah, okay, right.", "Mm-hmm, I see.", "Loose"):
        [at] = nudged(TALKS_ON, 4.0, heard_after=0.5, text=text, frames=True)
        assert at >= 4.0 + 1.0, text


def test_a_turn_change_or_a_quick_yield_is_not_hurried_by_words() -> None:
    """The customer stopped 0.1 s before the agent began (their end confirmed only 0.5 s later) or 0.1 s after it:
    their last voiced frame, not their open segment, bounds the overlap (under agent_min_overlap_s)."""
    assert nudged([(C, 0.0, 3.9), (A, 4.0, 7.0)], 4.0, heard_after=0.3, text="So the price is", frames=True) == []
    assert nudged([(C, 0.0, 4.1), (A, 4.0, 7.0)], 4.0, heard_after=0.5, text="So the price is", frames=True) == []


def test_words_heard_after_the_agent_stopped_voicing_hurry_nothing() -> None:
    """A short agent overlap ("Oh no, that's awful", 0.45 s) whose words come after it stopped voicing (more than
    yield_grace_s before) is not an interruption for them (under backchannel_max_s, as before)."""
    short = [(C, 0.0, 6.0), (A, 4.0, 4.45)]
    assert nudged(short, 4.0, heard_after=0.7, text="Oh no, that's awful", frames=True) == []
    assert nudged(
        short, 4.0, heard_after=0.7, text="Oh no, that's awful", frames=True, cfg=TurnConfig(yield_grace_s=0.3)
    )
