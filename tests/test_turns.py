"""Turn-taking on scripted speech segments (as the VAD would confirm them: starts 0.16 s late,
ends 0.5 s late, positions backdated), one tick per 32 ms frame."""

import pytest

from coach.config import TurnConfig
from coach.errors import ConfigError
from coach.turns.tracker import TurnTracker
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, Cue, Event, Lane, Withdrawal, seconds_to_samples

A, C = Lane.AGENT, Lane.CUSTOMER
START_DELAY, END_DELAY = 0.16, 0.5


def play(
    segments: list[tuple[Lane, float, float]],
    until: float,
    cfg: TurnConfig | None = None,
    *,
    holds: list[tuple[float, float, float, float | None] | tuple[float, float, float, float | None, bool]] = (),
    voicing: bool = False,
    words: list[tuple[float, float, float, str, bool]] = (),
):
    """Replay ``segments`` (lane, start s, end s) frame by frame. ``holds``: (found at s, phrase start s,
    phrase end s, announced s[, vague]) announcements. ``voicing``: pass frame-level voice decisions (true
    exactly inside the segments), as the analyser does. ``words``: the customer's transcripts (found at s,
    piece start s, end s, text, final), heard after the frame's tick as the analyser does."""
    tracker = TurnTracker(cfg or TurnConfig())
    pending_holds = sorted(holds)
    pending_words = sorted(words)
    boundaries = []
    for lane, s, e in segments:
        boundaries.append((seconds_to_samples(s + START_DELAY), 0, lane, seconds_to_samples(s), None))
        boundaries.append((seconds_to_samples(e + END_DELAY), 1, lane, seconds_to_samples(s), seconds_to_samples(e)))
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
        while pending_holds and seconds_to_samples(pending_holds[0][0]) <= now:
            _, hs, he, announced, *vague = pending_holds.pop(0)
            hs, he = seconds_to_samples(hs), seconds_to_samples(he)
            items = tracker.announce_hold(hs, he, now, announced_s=announced, vague=bool(vague and vague[0]))
            found.extend((now / SAMPLE_RATE, x) for x in items)
        voiced = None
        if voicing:
            t = now / SAMPLE_RATE
            voiced = {lane: any(ln is lane and s <= t <= e for ln, s, e in segments) for lane in Lane}
        found.extend((now / SAMPLE_RATE, x) for x in tracker.tick(now, voiced))
        while pending_words and seconds_to_samples(pending_words[0][0]) <= now:
            _, ws, we, text, final = pending_words.pop(0)
            data = {"speaker": C.value, "end": we, "text": text, "final": final}
            tracker.hear([Event("transcript", ws, now / SAMPLE_RATE, data)])
    found.extend((now / SAMPLE_RATE, x) for x in tracker.finish(now))
    return found, tracker.summary()


def overlaps(found):
    return [(x.data["by"], x.data["kind"], x.t) for _, x in found if isinstance(x, Event) and x.type == "overlap"]


def cues(found, kind=None):
    """The first cue of each moment (later ones refresh or end it), with when it was found."""
    first: dict[str, tuple[float, Cue]] = {}
    for at, x in found:
        if isinstance(x, Cue) and (kind is None or x.kind == kind) and x.moment not in first:
            first[x.moment] = (at, x)
    return list(first.values())


def sends(found, moment):
    """Every cue sent for one moment: (found at, ongoing, end)."""
    return [(at, x.ongoing, x.end) for at, x in found if isinstance(x, Cue) and x.moment == moment]


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
    found, _ = play([(C, 0.0, 5.0), (A, 4.85, 9.0)], 12)
    assert overlaps(found) == []
    assert cues(found) == []


def test_a_customer_starting_a_quarter_second_before_the_agent_finishes_is_a_normal_turn_change():
    # min_overlap_s (0.3 s) still holds for an overlap the customer started; agent_min_overlap_s is the agent's
    found, summary = play([(A, 0.0, 5.0), (C, 4.75, 9.0)], 12, voicing=True)
    assert overlaps(found) == []
    assert cues(found) == []
    assert summary.interruptions == {"agent": 0, "customer": 0}


def test_an_agent_cut_in_heard_late_by_the_vad_is_still_an_interruption_when_the_customer_yields():
    # the agent's soft first word is not confirmed as speech: their segment starts at 7.26 s, the
    # customer stops 0.23 s later and the agent talks on for 2 s
    found, summary = play([(C, 0.0, 7.49), (A, 7.26, 9.5)], 12, voicing=True)
    assert overlaps(found) == [("agent", "interruption", 7.26)]
    [(at, cue)] = cues(found, "stop_interrupting")
    assert cue.start == seconds_to_samples(7.26)
    assert at - 7.26 <= 1.5
    assert summary.interruptions == {"agent": 1, "customer": 0}
    # with the agent's threshold at the customer's, the same overlap is an ordinary change of turn
    found, _ = play([(C, 0.0, 7.49), (A, 7.26, 9.5)], 12, TurnConfig(agent_min_overlap_s=0.3), voicing=True)
    assert overlaps(found) == []
    assert cues(found, "stop_interrupting") == []
    with pytest.raises(ConfigError, match="agent_min_overlap_s"):
        TurnConfig(agent_min_overlap_s=-0.1)


def test_a_cut_in_the_customer_yields_to_within_a_third_of_a_second_is_still_an_interruption():
    found, summary = play([(C, 0.0, 5.0), (A, 4.64, 9.0)], 12)
    assert overlaps(found) == [("agent", "interruption", 4.64)]
    [(_, cue)] = cues(found, "stop_interrupting")
    assert cue.start == seconds_to_samples(4.64)
    assert summary.interruptions == {"agent": 1, "customer": 0}


def test_customer_trying_to_speak_while_the_agent_keeps_going_fires_let_them_finish():
    found, summary = play([(A, 0.0, 10.0), (C, 4.0, 6.5)], 12)
    assert overlaps(found) == [("customer", "talkover", 4.0)]
    [(at, cue)] = cues(found, "let_them_finish")
    assert cue.start == seconds_to_samples(4.0)
    assert 1.2 <= at - 4.0 <= 1.3  # talkover_nudge_s after the customer's attempt
    assert summary.talkovers == {"agent": 0, "customer": 1}


def test_customer_interrupting_the_agent_is_counted_but_not_nudged():
    found, summary = play([(A, 0.0, 4.9), (C, 4.0, 9.0)], 12, voicing=True)
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


def test_a_repeat_offence_is_a_new_moment():
    found, summary = play([(C, 0.0, 5.0), (A, 4.0, 9.0), (C, 10.0, 15.0), (A, 14.0, 18.0)], 20)
    first, second = cues(found, "stop_interrupting")
    assert first[1].moment != second[1].moment
    assert second[1].start == seconds_to_samples(14.0)
    assert summary.interruptions == {"agent": 2, "customer": 0}


def test_dead_air_is_sent_as_ongoing_while_it_lasts_then_ended_where_speech_resumed():
    found, _ = play([(A, 0.0, 2.0), (C, 2.5, 4.0), (A, 15.0, 17.0)], 18)
    [(_, cue)] = cues(found, "dead_air")
    sent = sends(found, cue.moment)
    assert all(ongoing and end is None for _, ongoing, end in sent[:-1])
    assert sent[-1][1:] == (False, seconds_to_samples(15.0))
    refreshes = [at for at, ongoing, _ in sent if ongoing]
    assert max(b - a for a, b in zip(refreshes, refreshes[1:], strict=False)) <= 0.05  # every frame
    assert refreshes[-1] >= 15.0  # until the restart is confirmed


def test_the_agent_holding_the_floor_they_took_keeps_stop_interrupting_going_until_they_stop():
    found, _ = play([(C, 0.0, 5.0), (A, 4.0, 9.0)], 12)
    [(_, cue)] = cues(found, "stop_interrupting")
    sent = sends(found, cue.moment)
    assert sent[0][1] is True
    assert sent[-1][1:] == (False, seconds_to_samples(9.0))


def test_an_agent_who_stops_within_a_second_of_the_customer_barging_in_is_not_nudged():
    # the customer barges in at 4.0; the agent stops at 4.95, but the VAD confirms it only at 5.45, after
    # the 1.2 s talk-over threshold: the frame-level voicing shows the agent had already yielded
    segments = [(A, 0.0, 4.95), (C, 4.0, 9.0)]
    found, summary = play(segments, 12, voicing=True)
    assert cues(found) == []
    assert summary.interruptions == {"agent": 0, "customer": 1}
    found, _ = play(segments, 12, voicing=False)  # judged by the speech segments alone, it would fire
    assert [c.kind for _, c in cues(found)] == ["let_them_finish"]


def test_an_agent_who_keeps_voicing_over_the_customer_is_nudged_and_it_ends_when_the_customer_gives_up():
    found, _ = play([(A, 0.0, 10.0), (C, 4.0, 6.5)], 12, voicing=True)
    [(at, cue)] = cues(found, "let_them_finish")
    assert 5.2 <= at <= 5.3
    assert sends(found, cue.moment)[-1][1:] == (False, seconds_to_samples(6.5))


def test_an_agent_who_keeps_voicing_past_a_second_of_the_barge_in_is_nudged():
    found, _ = play([(A, 0.0, 5.3), (C, 4.0, 9.0)], 12, voicing=True)
    [(at, cue)] = cues(found)
    assert cue.kind == "let_them_finish" and 5.2 <= at <= 5.3


def test_a_customer_backchannel_still_open_at_the_talkover_threshold_is_not_a_talkover():
    # "yeah, right" for 0.8 s: its speech segment is confirmed closed only at 5.3, after the 1.2 s
    # threshold, but the customer stopped voicing at 4.8
    found, summary = play([(A, 0.0, 10.0), (C, 4.0, 4.8)], 12, voicing=True)
    assert cues(found) == []
    assert summary.backchannels == {"agent": 0, "customer": 1}


def test_an_explained_hold_is_not_dead_air_for_the_time_announced():
    # "bear with me for twenty seconds" at 1.0-3.0, found at 4.0; silence 4.0-24.0
    found, summary = play([(A, 1.0, 3.0), (C, 3.2, 4.0), (A, 24.0, 26.0)], 28, holds=[(4.0, 1.0, 3.0, 20.0)])
    assert cues(found, "dead_air") == []
    [hold] = [x for _, x in found if isinstance(x, Event) and x.type == "hold"]
    assert hold.data["announced_s"] == 20.0
    assert summary.dead_air_count == 0


def test_a_hold_that_runs_long_prompts_a_check_in():
    cfg = TurnConfig()
    found, _ = play([(A, 1.0, 3.0), (A, 60.0, 62.0)], 64, cfg, holds=[(3.5, 1.0, 3.0, None)])
    [(at, cue)] = cues(found, "dead_air")
    assert cue.evidence["on_hold"] is True and cue.evidence["hold_s"] == cfg.hold_default_s
    assert at == pytest.approx(3.0 + cfg.hold_default_s + cfg.hold_grace_s, abs=0.05)
    assert cue.start == seconds_to_samples(3.0 + cfg.hold_default_s)  # the moment: the time assumed has passed


def test_a_vague_look_up_covers_a_few_seconds_more_than_dead_air_not_a_hold():
    # "let me check that" at 1.0-3.0, found at 3.5; then 20 s of silence
    cfg = TurnConfig()
    found, _ = play([(A, 1.0, 3.0), (A, 23.0, 24.0)], 25, cfg, holds=[(3.5, 1.0, 3.0, None, True)])
    [(at, cue)] = cues(found, "dead_air")
    assert cfg.dead_air_s < cfg.hold_vague_s + cfg.hold_vague_grace_s < cfg.hold_default_s
    assert at == pytest.approx(3.0 + cfg.hold_vague_s + cfg.hold_vague_grace_s, abs=0.05)
    assert cue.evidence["on_hold"] is True and cue.evidence["hold_s"] == cfg.hold_vague_s
    # a silence the look-up explains (shorter than its cover, longer than dead_air_s) stays quiet
    found, _ = play([(A, 1.0, 3.0), (A, 11.0, 12.0)], 13, cfg, holds=[(3.5, 1.0, 3.0, None, True)])
    assert cues(found, "dead_air") == []


def test_the_hold_time_counts_from_the_silence_not_from_the_words():
    # "bear with me for twenty seconds" ends at 3.0, the agent goes on talking until 8.0, then silence
    found, _ = play([(A, 1.0, 8.0), (A, 40.0, 41.0)], 42, holds=[(3.5, 1.0, 3.0, 20.0)])
    [(at, cue)] = cues(found, "dead_air")
    assert at == pytest.approx(8.0 + 20.0 + TurnConfig().hold_grace_s, abs=0.05)


def test_a_hold_found_after_the_dead_air_cue_withdraws_it():
    # the words are committed late (7.5 s), after the 6 s dead-air threshold of the silence from 1.0
    found, _ = play([(A, 0.0, 1.0), (A, 20.0, 21.0)], 22, holds=[(7.5, 0.0, 1.0, None)])
    [(at, first)] = [(at, x) for at, x in found if isinstance(x, Cue) and x.kind == "dead_air"][:1]
    assert at < 7.5
    [withdrawn] = [x for _, x in found if isinstance(x, Withdrawal)]
    assert withdrawn.moment == first.moment
    assert [x for at, x in found if isinstance(x, Cue) and at > 7.5 and x.ongoing] == []


def test_after_the_hold_the_next_silence_is_dead_air_again():
    found, _ = play(
        [(A, 0.0, 1.0), (A, 12.0, 14.0), (C, 14.5, 15.0), (A, 25.0, 26.0)], 27, holds=[(1.5, 0.0, 1.0, None)]
    )
    [(at, cue)] = cues(found, "dead_air")
    assert cue.start == seconds_to_samples(15.0) and "on_hold" not in cue.evidence
