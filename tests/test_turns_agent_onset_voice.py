"""An agent cut-in whose soft first word the VAD scored low is measured from where the agent's voice rose to its own
level (issue 9, session 36, H25; the class of c802, c622 and c98: a first word 0.3-0.5 s before the VAD's onset over
the customer's voice, the overlap measured under ``agent_min_overlap_s``). No transcript is needed: two frames in a
row no more than ``onset_level_db`` under the agent's voice (the median of its voiced frames), at most
``onset_backdate_s`` before the onset. A neighbour further under the agent's voice, a click, a voice not known yet,
a turn change after the customer stopped and a short backchannel move nothing. Scripted segments and frame levels,
one tick per 32 ms frame (well under a second)."""

from __future__ import annotations

from coach.turns.config import TurnConfig
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Lane, seconds_to_samples

A, C = Lane.AGENT, Lane.CUSTOMER
START_DELAY, END_DELAY = 0.16, 0.5  # when the VAD confirms a start and an end
VOICE, SILENT = -25.0, -72.0  # the agent's voice and an empty lane (dBFS)


def nudged(
    segments: list[tuple[Lane, float, float]],
    soft: tuple[float, float, float] | None,
    *,
    levels: bool = True,
    cfg: TurnConfig | None = None,
) -> list[float]:
    """When ``stop_interrupting`` was first raised (seconds), replaying ``segments`` (VAD-backdated starts and ends)
    with each frame's voice decision (inside a segment) and the agent lane's level: ``VOICE`` inside the agent's
    segments, ``soft`` = (from s, to s, dBFS) the soft word before its onset, else ``SILENT``."""
    tracker = TurnTracker(cfg or TurnConfig())
    steps = []
    for lane, s, e in segments:
        steps.append((s_(s + START_DELAY), lambda now, ln=lane, s=s: tracker.on_start(ln, s_(s), now)))
        steps.append((s_(e + END_DELAY), lambda now, ln=lane, s=s, e=e: tracker.on_end(ln, s_(s), s_(e), now)))
    steps.sort(key=lambda s: s[0])
    raised: list[float] = []
    now = 0
    while now < s_(12.0):
        begin, now = now, now + FRAME_SAMPLES
        t = begin / SAMPLE_RATE
        voiced = {lane: any(ln is lane and s <= t < e for ln, s, e in segments) for lane in Lane}
        level = VOICE if voiced[A] else soft[2] if soft and soft[0] <= t < soft[1] else SILENT
        found = []
        while steps and steps[0][0] <= now:
            found += steps.pop(0)[1](now) or []
        found += tracker.tick(now, voiced, {A: level, C: VOICE if voiced[C] else SILENT} if levels else None)
        raised += [now / SAMPLE_RATE for f in found if isinstance(f, Cue) and f.kind == "stop_interrupting"][:1]
    return raised[:1]


def s_(seconds: float) -> int:
    return seconds_to_samples(seconds)


# the agent greets (0-3 s: its voice level is known), the customer talks 3.5-6.65 s, the agent's "Loose is cheaper
# though" begins at 6.15 s softly and the VAD hears it from 6.55 s
CUT_IN = [(A, 0.0, 3.0), (C, 3.5, 6.65), (A, 6.55, 8.3)]
SOFT = (6.15, 6.45, -33.0)


def test_an_agent_cut_in_whose_first_word_the_vad_scored_low_is_measured_from_its_voice() -> None:
    assert nudged(CUT_IN, SOFT, levels=False) == []  # 0.1 s of overlap by the VAD: under agent_min_overlap_s
    [at] = nudged(CUT_IN, SOFT)
    assert at < 6.55 + 1.1  # when the agent has spoken a second by the VAD, as any cut-in


def test_a_neighbour_under_the_agents_voice_or_a_click_moves_nothing() -> None:
    assert nudged(CUT_IN, (6.15, 6.45, -45.0)) == []  # 20 dB under the agent's voice: another talker
    assert nudged(CUT_IN, (6.2, 6.23, -30.0)) == []  # one frame: a click


def test_a_voice_far_before_the_onset_moves_nothing() -> None:
    assert nudged(CUT_IN, (5.6, 5.85, -33.0)) == []  # ended 0.7 s before the onset: more than onset_backdate_s
    assert nudged(CUT_IN, (5.6, 5.85, -33.0), cfg=TurnConfig(onset_backdate_s=1.0))  # the [turns] setting


def test_an_agent_whose_voice_is_not_known_yet_is_measured_from_the_onset() -> None:
    assert nudged([(C, 0.5, 6.65), (A, 6.55, 8.3)], SOFT) == []


def test_a_turn_change_after_the_customer_stopped_stays_one() -> None:
    assert nudged([(A, 0.0, 3.0), (C, 3.5, 6.4), (A, 6.55, 8.3)], SOFT) == []


def test_a_short_agent_blip_with_voice_before_its_onset_stays_a_backchannel() -> None:
    """How long the agent spoke is still measured from the VAD's onset (a 0.35 s "yeah, right" is no cut-in)."""
    assert nudged([(A, 0.0, 3.0), (C, 3.5, 9.0), (A, 6.55, 6.9)], SOFT) == []
