"""Turn-taking on scripted speech segments (as the VAD would confirm them: starts 0.16 s late,
ends 0.5 s late, positions backdated), one tick per 32 ms frame."""

from coach.config import TurnConfig
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane, seconds_to_samples

A, C = Lane.AGENT, Lane.CUSTOMER
START_DELAY, END_DELAY = 0.16, 0.5


def play(segments: list[tuple[Lane, float, float]], until: float, cfg: TurnConfig | None = None):
    tracker = TurnTracker(cfg or TurnConfig())
    boundaries = []
    for lane, s, e in segments:
        boundaries.append((seconds_to_samples(s + START_DELAY), 0, lane, seconds_to_samples(s), None))
        boundaries.append(
            (seconds_to_samples(e + END_DELAY), 1, lane, seconds_to_samples(s), seconds_to_samples(e))
        )
    boundaries.sort(key=lambda b: (b[0], b[1]))
    found: list[tuple[float, Event | Cue]] = []
    now = 0
    end = seconds_to_samples(until)
    while now < end:
        now += FRAME_SAMPLES
        while boundaries and boundaries[0][0] <= now:
            _, kind, lane, s, e = boundaries.pop(0)
            items = tracker.on_start(lane, s, now) if kind == 0 else tracker.on_end(lane, s, e, now)
            found.extend((now / SAMPLE_RATE, x) for x in items)
        found.extend((now / SAMPLE_RATE, x) for x in tracker.tick(now))
    found.extend((now / SAMPLE_RATE, x) for x in tracker.finish(now))
    return found, tracker.summary()


def overlaps(found):
    return [
        (x.data["by"], x.data["kind"], x.t) for _, x in found if isinstance(x, Event) and x.type == "overlap"
    ]


def cues(found, kind=None):
    return [(at, x) for at, x in found if isinstance(x, Cue) and (kind is None or x.kind == kind)]


def test_agent_barging_in_while_the_customer_talks_is_an_interruption_nudged_within_1_5_s():
    found, summary = play([(C, 0.0, 5.0), (A, 4.0, 9.0)], 12)
    assert overlaps(found) == [("agent", "interruption", 4.0)]
    [(at, cue)] = cues(found, "stop_interrupting")
    assert cue.start == seconds_to_samples(4.0)
    assert at - 4.0 <= 1.5
    assert summary.interruptions == {"agent": 1, "customer": 0}
    assert summary.overlap_s == 1.0


def test_a_short_uh_huh_during_the_other_side_is_a_backchannel_and_not_nudged():
    found, summary = play([(A, 0.0, 8.0), (C, 3.0, 3.4)], 10)
    assert overlaps(found) == [("customer", "backchannel", 3.0)]
    assert cues(found) == []
    assert summary.backchannels == {"agent": 0, "customer": 1}
    assert summary.interruptions == {"agent": 0, "customer": 0}


def test_agent_backchannel_is_not_an_interruption():
    found, _ = play([(C, 0.0, 8.0), (A, 3.0, 3.5)], 10)
    assert overlaps(found) == [("agent", "backchannel", 3.0)]
    assert cues(found, "stop_interrupting") == []


def test_starting_just_before_the_other_finishes_is_a_normal_turn_change():
    found, _ = play([(C, 0.0, 5.0), (A, 4.8, 9.0)], 12)
    assert overlaps(found) == []
    assert cues(found) == []


def test_customer_trying_to_speak_while_the_agent_keeps_going_fires_let_them_finish():
    found, summary = play([(A, 0.0, 10.0), (C, 4.0, 6.5)], 12)
    assert overlaps(found) == [("customer", "talkover", 4.0)]
    [(at, cue)] = cues(found, "let_them_finish")
    assert cue.start == seconds_to_samples(4.0)
    assert 5.5 <= at <= 6.0
    assert summary.talkovers == {"agent": 0, "customer": 1}


def test_customer_interrupting_the_agent_is_counted_but_not_nudged():
    found, summary = play([(A, 0.0, 5.0), (C, 4.0, 9.0)], 12)
    assert overlaps(found) == [("customer", "interruption", 4.0)]
    assert cues(found) == []
    assert summary.interruptions == {"agent": 0, "customer": 1}


def test_holder_pausing_between_words_while_the_other_barges_in_at_the_same_moment():
    # the customer pauses 0.6 s between phrases; the agent starts in the very frame the customer resumes
    found, _ = play([(C, 0.0, 3.0), (C, 3.6, 5.0), (A, 3.6, 8.0)], 12)
    assert overlaps(found) == [("agent", "interruption", 3.6)]
    # and the other way round: the agent resumes as the customer starts: the customer barged in
    found, _ = play([(A, 0.0, 3.0), (A, 3.6, 5.0), (C, 3.6, 8.0)], 12)
    assert overlaps(found) == [("customer", "interruption", 3.6)]


def test_dead_air_fires_within_1_s_of_crossing_the_threshold_and_is_summed():
    found, summary = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (A, 12.0, 14.0)], 16)
    [(at, cue)] = cues(found, "dead_air")
    assert cue.start == seconds_to_samples(4.0)
    assert 0 <= at - (4.0 + 6.0) <= 1.0
    [dead] = [x for _, x in found if isinstance(x, Event) and x.type == "dead_air"]
    assert (dead.t, dead.data["end"]) == (4.0, 12.0)
    assert summary.dead_air_s == 8.0 and summary.dead_air_count == 1


def test_silence_before_anyone_speaks_and_short_pauses_are_not_dead_air():
    found, summary = play([(A, 8.0, 10.0), (C, 13.0, 15.0)], 16)
    assert cues(found, "dead_air") == []
    assert summary.dead_air_s == 0.0


def test_agent_talking_for_a_long_time_with_only_backchannels_is_a_monologue():
    segs = [(A, 0.0 + 10 * i, 9.0 + 10 * i) for i in range(6)] + [(C, 15.0, 15.4), (C, 35.0, 35.4)]
    found, summary = play(segs, 62, TurnConfig(monologue_s=45.0))
    [(at, cue)] = cues(found, "long_monologue")
    assert cue.start == 0 and 45.0 <= at <= 45.2
    assert summary.longest_monologue_s["agent"] == 59.0


def test_a_real_customer_turn_breaks_the_monologue():
    segs = [(A, 0.0, 30.0), (C, 31.0, 35.0), (A, 36.0, 70.0)]
    found, summary = play(segs, 72, TurnConfig(monologue_s=45.0))
    assert cues(found, "long_monologue") == []
    assert summary.longest_monologue_s["agent"] == 34.0


def test_talk_ratio_inputs_are_the_speech_seconds_of_each_side():
    _, summary = play([(A, 0.0, 6.0), (C, 7.0, 9.0)], 12)
    assert summary.speech_s == {"agent": 6.0, "customer": 2.0}
