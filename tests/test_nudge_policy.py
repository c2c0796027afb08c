import dataclasses
import random

from coach.config import load_config
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.payload import plain_fields, repeat_text
from coach.nudges.policy import NudgePolicy
from coach.types import Cue, Nudge, Withdrawal, seconds_to_samples

S = seconds_to_samples


def make_policy(**settings):
    """A policy with the default ``[nudges]`` settings, or these changed (e.g. ``max_wait_s``)."""
    cfg = dataclasses.replace(load_config().nudges, **settings)
    catalogue = NudgeCatalogue(cfg.texts)
    return NudgePolicy(cfg, catalogue), catalogue


def nudge(catalogue, kind, at_s, moment=None, *, ongoing=False, end_s=None, **evidence):
    end = None if end_s is None else S(end_s)
    return catalogue.word(Cue(kind, S(at_s), moment or f"{kind}:{at_s}", evidence, ongoing=ongoing, end=end))


def run(policy, timeline, until_s, step_s=0.032):
    """Offer ``timeline`` ({second: [candidates]}) frame by frame up to ``until_s``; all events."""
    out = []
    pending = sorted(timeline.items())
    t = 0.0
    while t <= until_s + 1e-9:
        found = []
        while pending and pending[0][0] <= t + 1e-9:
            found.extend(pending.pop(0)[1])
        out.extend(policy.offer(found, S(t)))
        t = round(t + step_s, 3)
    return out


def of(events, type_):
    return [e for e in events if e.type == type_]


def lasting(catalogue, kind, start_s, moment, from_s, to_s, step_s=0.25, **evidence):
    """A condition of ``kind`` that began at ``start_s``, reported (``ongoing``) every ``step_s`` from
    ``from_s`` to ``to_s``: a timeline for :func:`run`."""
    n = round((to_s - from_s) / step_s)
    times = [round(from_s + i * step_s, 3) for i in range(n + 1)]
    return {t: [nudge(catalogue, kind, start_s, moment, ongoing=True, **evidence)] for t in times}


def test_a_nudge_carries_text_severity_evidence_and_a_plain_reason():
    policy, cat = make_policy()
    shown, cue = policy.offer([nudge(cat, "dead_air", 10, silence_s=6.0)], S(16))
    d = shown.to_dict()
    assert d["type"] == "nudge" and d["kind"] == "dead_air" and d["t"] == 10.0 and d["at"] == 16.0
    assert d["text"] == "Check in with the customer" and d["severity"] == "medium"
    assert d["evidence"]["silence_s"] == 6.0
    assert "6 s" in d["reason"] and d["reason"] == d["evidence"]["reason"]
    assert d["expires"] == 22.0 and d["moment"] == "dead_air:10" and d["repeat"] is False and d["also"] == []
    c = cue.to_dict()
    assert c["type"] == "cue" and c["outcome"] == "shown" and c["moment"] == "dead_air:10" and c["t"] == 10.0
    assert c["why"] == "shown at once" and c["reason"] == d["reason"]


def test_the_same_moment_is_never_shown_twice_but_a_new_offence_is_shown_again_as_a_repeat():
    policy, cat = make_policy()
    assert of(policy.offer([nudge(cat, "stop_interrupting", 10, moment="i1", agent_spoke_s=1.0)], S(11)), "nudge")
    assert policy.offer([nudge(cat, "stop_interrupting", 10, moment="i1", agent_spoke_s=1.2)], S(30)) == []
    # a second interruption 12 s after the first (cooldown 20 s): a new moment, nudged again, said so
    events = policy.offer([nudge(cat, "stop_interrupting", 23, moment="i2", agent_spoke_s=1.0)], S(23))
    [again] = of(events, "nudge")
    assert again.data["text"] == "Again: let them finish" and again.data["repeat"] and again.data["times"] == 2
    assert [c.data["outcome"] for c in of(events, "cue")] == ["shown"]
    assert policy.fired["stop_interrupting"] == 2 and len(policy.moments) == 2


def test_a_more_severe_moment_replaces_a_less_severe_one_on_screen():
    policy, cat = make_policy()
    assert of(policy.offer([nudge(cat, "pause_and_breathe", 9, loudness_delta_db=8, sustained_s=1)], S(10)), "nudge")
    [shown, cue] = policy.offer([nudge(cat, "stop_interrupting", 11, agent_spoke_s=1)], S(12))
    assert shown.data["kind"] == "stop_interrupting" and shown.data["replaces"] == "pause_and_breathe:9"
    assert "replaced" in cue.data["why"]


def test_a_one_shot_moment_behind_a_busy_screen_is_listed_on_the_also_line_then_folded():
    policy, cat = make_policy(max_wait_s=3.0)

    def silence(t):  # a silence still going on: it keeps the screen (until 22)
        return nudge(cat, "dead_air", 10, moment="d", ongoing=True, silence_s=t - 10)

    policy.offer([silence(16)], S(16))
    [also] = policy.offer([silence(17), nudge(cat, "long_monologue", 17, monologue_s=45)], S(17))
    assert also.type == "nudge.also" and also.data["moment"] == "d"
    assert [a["kind"] for a in also.data["also"]] == ["long_monologue"]
    for t in (18, 19, 19.9):
        assert policy.offer([silence(t)], S(t)) == []
    [cue, cleared] = policy.offer([silence(20)], S(20))  # waited max_wait_s = 3 s
    assert cue.data["outcome"] == "folded" and cue.data["into"] == "d" and "also" in cue.data["why"]
    assert cleared.type == "nudge.also" and cleared.data["also"] == []


def test_a_language_moment_behind_a_busy_screen_is_shown_when_it_frees():
    """A phrase found while another nudge is up is listed under it and takes the screen when it
    frees (no quiet gap: the agent was told it was coming), not dropped after a short wait."""
    policy, cat = make_policy()
    cfg = policy.cfg
    assert cfg.max_wait_s >= cfg.display_s + cfg.min_gap_s  # one found as a nudge appears still gets the screen
    refusal = Nudge(
        "positive_language",
        "Lead with what you can do.",
        "low",
        {"why": "w", "said": "we won't be able to", "rephrase": "What I can do is…"},
        S(16.2),
        "a-4:positive_language",
    )
    timeline = lasting(cat, "dead_air", 10, "d", 16, 24, silence_s=6)  # on screen 16-22, still going on
    timeline[16.5].append(refusal)
    events = run(policy, timeline, 30, step_s=0.25)
    [also] = of(events, "nudge.also")
    assert also.at == 16.5 and also.data["also"][0]["moment"] == refusal.moment
    [_, shown] = of(events, "nudge")
    assert (
        shown.data["kind"] == "positive_language"
        and shown.at == 22.0
        and shown.data["suggestion"] == "What I can do is…"
    )
    [_, cue] = of(events, "cue")
    assert cue.data["outcome"] == "shown" and "after 5.5 s" in cue.data["why"]


def test_a_language_moment_waits_a_bounded_time():
    """More urgent nudges one after the other can keep a phrase off the screen: after ``max_wait_s``
    it ends ``folded`` (the agent saw it on the "also" line), never shown late."""
    policy, cat = make_policy()
    wait = policy.cfg.max_wait_s
    refusal = Nudge(
        "positive_language", "Lead with what you can do.", "low", {"why": "w"}, S(1), "a-1:positive_language"
    )
    # a raised voice that goes on, on screen 1.5-7.5
    timeline = lasting(cat, "pause_and_breathe", 1.5, "p", 1.5, 8, step_s=0.5, loudness_delta_db=8, sustained_s=1)
    timeline[2.0].append(refusal)
    for i in range(0, 40):  # a silence from 1 s, reported from 7 s, going on until 27 s
        timeline.setdefault(7 + i * 0.5, []).append(
            nudge(cat, "dead_air", 1, moment="d", ongoing=True, silence_s=6 + i * 0.5)
        )
    events = run(policy, timeline, 2 + wait + 1, step_s=0.5)
    assert [(e.data["kind"], e.at) for e in of(events, "nudge")] == [("pause_and_breathe", 1.5), ("dead_air", 7.5)]
    [cue] = [c for c in of(events, "cue") if c.data["kind"] == "positive_language"]
    assert cue.data["outcome"] == "folded" and cue.at == 2 + wait and f"waited {wait:.1f} s" in cue.data["why"]


def test_a_nudge_about_a_moment_that_is_over_gives_way_after_min_display_s():
    """No phrase waits behind another (issue 9, c48/c56/c59: refusals shown 5-7 s late behind a "calm
    down" or a mirror nudge): a nudge whose moment is over (a phrase, or a condition that has ended)
    keeps the screen only ``min_display_s`` when another moment waits, whatever their severities; a
    condition still going on keeps it for ``display_s`` (unless something more severe comes)."""
    policy, cat = make_policy()
    hold = policy.cfg.min_display_s

    def phrase(kind: str, at_s: float, severity: str = "low") -> Nudge:
        return Nudge(kind, f"{kind} text", severity, {"why": "w"}, S(at_s), f"a-{at_s}:{kind}")

    calm, refusal = phrase("avoid_calm_down", 2.0, "high"), phrase("positive_language", 3.0)
    events = run(policy, {2.0: [calm], 3.0: [refusal]}, 20, step_s=0.25)
    assert [(e.data["kind"], e.at) for e in of(events, "nudge")] == [
        ("avoid_calm_down", 2.0),
        ("positive_language", 2.0 + hold),
    ]
    assert of(events, "nudge")[1].data["replaces"] == calm.moment
    assert [a["moment"] for a in of(events, "nudge.also")[0].data["also"]] == [refusal.moment]
    # found after the first had been up min_display_s: shown at once
    policy, cat = make_policy()
    events = run(policy, {2.0: [calm], 6.0: [refusal]}, 20, step_s=0.25)
    assert [e.at for e in of(events, "nudge")] == [2.0, 6.0]

    # a talk-over still going on keeps the screen; it gives way once it has ended (its `end` came)
    policy, cat = make_policy()
    timeline = lasting(cat, "let_them_finish", 1.5, "t", 2.0, 5.0, overlap_s=1.5)
    timeline[5.25] = [nudge(cat, "let_them_finish", 1.5, "t", end_s=5.2, overlap_s=3.7)]
    timeline[3.0].append(refusal)
    events = run(policy, timeline, 20, step_s=0.25)
    assert [(e.data["kind"], e.at) for e in of(events, "nudge")] == [
        ("let_them_finish", 2.0),
        ("positive_language", 5.25),
    ]
    # ... and keeps it for display_s while it lasts: then the phrase listed under it follows
    policy, cat = make_policy()
    timeline = lasting(cat, "let_them_finish", 1.5, "t", 2.0, 12.0, overlap_s=1.5)
    timeline[3.0].append(refusal)
    events = run(policy, timeline, 20, step_s=0.25)
    assert [(e.data["kind"], e.at) for e in of(events, "nudge")] == [
        ("let_them_finish", 2.0),
        ("positive_language", 8.0),
    ]


def test_an_urgent_moment_does_not_wait_for_the_quiet_gap():
    policy, cat = make_policy()
    policy.offer([nudge(cat, "stop_interrupting", 10, moment="i1", agent_spoke_s=1)], S(11))  # until 17
    assert policy.offer([nudge(cat, "dead_air", 11, silence_s=6)], S(17.5)) == []  # medium: gap until 20
    [shown, cue] = policy.offer([nudge(cat, "stop_interrupting", 18, moment="i2", agent_spoke_s=1)], S(18))
    assert shown.data["text"] == "Again: let them finish" and shown.at == 18.0 and cue.data["why"] == "shown at once"
    assert [a["kind"] for a in shown.data["also"]] == ["dead_air"]  # the medium one waits under it


def test_an_urgent_moment_replaces_another_urgent_kind_after_min_display_s():
    """The issue's case: "calm down" must not wait behind another high nudge until it is dropped."""
    policy, cat = make_policy(max_wait_s=3.0)
    policy.offer([nudge(cat, "stop_interrupting", 20, agent_spoke_s=1)], S(21))
    calm = Nudge("avoid_calm_down", "Don't say 'calm down'", "high", {"why": "w"}, S(21), "a-7:avoid_calm_down")
    [also] = policy.offer([calm], S(22))
    assert also.data["also"][0]["kind"] == "avoid_calm_down"
    assert policy.offer([], S(23.4)) == []
    shown, cue = policy.offer([], S(23.5))  # on screen since 21 + min_display_s 2.5
    assert shown.data["kind"] == "avoid_calm_down" and shown.data["replaces"] == "stop_interrupting:20"
    assert "after it had been on screen 2.5 s" in cue.data["why"]
    # a second high moment of the kind on screen is folded into it, not shown over it
    assert policy.offer([Nudge("avoid_calm_down", "x", "high", {}, S(26), "a-8:avoid_calm_down")], S(27)) == []
    [cue] = policy.offer([], S(30))  # waited max_wait_s while the same advice was on screen
    assert cue.data["outcome"] == "folded" and "same advice" in cue.data["why"] and cue.data["into"] == calm.moment


def test_a_phrase_found_during_the_quiet_gap_waits_for_it_but_one_listed_or_a_condition_going_on_does_not():
    policy, cat = make_policy()
    loud = nudge(cat, "pause_and_breathe", 9, moment="p", ongoing=True, loudness_delta_db=8, sustained_s=1)
    policy.offer([loud], S(10))  # until 16: the voice stays raised
    policy.offer([loud, nudge(cat, "dead_air", 9, moment="d", ongoing=True, silence_s=6)], S(15))  # on the also line
    [shown, _] = policy.offer([loud, nudge(cat, "dead_air", 9, moment="d", ongoing=True, silence_s=7)], S(16))
    assert shown.data["moment"] == "d" and shown.at == 16.0  # the screen freed: no quiet gap for it
    # c158: a raised voice found 0.8 s after a high nudge left the screen waited 2.2 s of quiet gap;
    # a condition going on now is shown as soon as the screen frees
    policy, cat = make_policy()
    policy.offer([nudge(cat, "stop_interrupting", 9, agent_spoke_s=1)], S(10))  # on screen until 16
    [shown, _] = policy.offer([nudge(cat, "pause_and_breathe", 16.5, moment="p", ongoing=True)], S(16.8))
    assert shown.data["moment"] == "p" and shown.at == 16.8
    # a one-shot phrase found in the gap waits for its end (no stream of pop-ups)
    policy, cat = make_policy()
    policy.offer([nudge(cat, "pause_and_breathe", 9, loudness_delta_db=8, sustained_s=1)], S(10))
    phrase = Nudge("positive_language", "Say what you can do", "medium", {"why": "w"}, S(16.2), "c")
    assert policy.offer([phrase], S(16.5)) == []
    assert policy.offer([], S(18.9)) == []
    [shown, _] = policy.offer([], S(19))
    assert shown.data["moment"] == "c" and shown.at == 19.0  # found in the gap: waited for its end


def test_a_one_shot_moment_nobody_saw_expires():
    policy, cat = make_policy(max_wait_s=3.0)
    policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))  # on screen until 22, quiet until 25
    assert policy.offer([nudge(cat, "long_monologue", 22.5, monologue_s=45)], S(22.5)) == []  # in the gap
    [cue] = policy.offer([], S(25.5))
    assert cue.data["outcome"] == "expired" and "3.0 s" in cue.data["why"]


def test_a_one_shot_moment_is_shown_when_the_screen_frees_within_its_wait():
    policy, cat = make_policy()
    policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))  # quiet until 25
    assert policy.offer([nudge(cat, "pause_and_breathe", 23, loudness_delta_db=8, sustained_s=1)], S(24)) == []
    assert policy.offer([], S(24.5)) == []
    shown, cue = policy.offer([], S(25))
    assert shown.data["kind"] == "pause_and_breathe" and shown.t == 23.0 and shown.at == 25.0
    assert cue.data["outcome"] == "shown" and "after 1.0 s" in cue.data["why"]


def test_an_ongoing_condition_waits_as_long_as_it_lasts_and_is_shown_when_the_screen_frees():
    """The issue's case: dead air behind a mirror nudge, dropped after a fixed wait while it went on."""
    policy, cat = make_policy()
    mirror = Nudge("mirror_complaint", "Mirror the complaint", "medium", {"why": "w"}, S(2), "c-1:mirror_complaint")
    timeline = {5.0: [mirror]}
    for i in range(0, 36):  # dead air from 1 s, reported from 7 s, refreshed every 0.25 s till 16 s
        t = 7 + i * 0.25
        timeline.setdefault(t, []).append(nudge(cat, "dead_air", 1, moment="d1", ongoing=True, silence_s=t - 1))
    events = run(policy, timeline, 20, step_s=0.25)
    shown = of(events, "nudge")
    assert [e.data["kind"] for e in shown] == ["mirror_complaint", "dead_air"]
    assert shown[1].at == 7.5  # the mirror (a moment that is over) gives way after min_display_s
    assert shown[1].data["evidence"]["silence_s"] == 6.5  # the latest evidence
    assert of(events, "nudge.also")[0].data["also"][0]["moment"] == "d1"
    assert [c.data["outcome"] for c in of(events, "cue")] == ["shown", "shown"]


def test_an_ongoing_condition_that_ends_before_the_screen_frees_is_not_shown_late():
    policy, cat = make_policy()
    policy.offer([nudge(cat, "stop_interrupting", 3, agent_spoke_s=1)], S(4))  # high, on screen until 10
    timeline = {4 + i * 0.25: [nudge(cat, "dead_air", 0, moment="d", ongoing=True, silence_s=6)] for i in range(8)}
    timeline[6.0] = [nudge(cat, "dead_air", 0, moment="d", end_s=5.9, silence_s=5.9)]
    events = run(policy, timeline, 16, step_s=0.25)
    assert not of(events, "nudge")
    [cue] = of(events, "cue")
    assert cue.data["outcome"] == "folded" and cue.data["end"] == 5.9 and cue.at == 6.0


def test_an_ongoing_condition_whose_refreshes_stop_counts_as_ended():
    policy, cat = make_policy()
    barge = nudge(cat, "stop_interrupting", 3, moment="i", ongoing=True, agent_spoke_s=1)  # still going on
    policy.offer([barge], S(4))
    policy.offer([barge, nudge(cat, "dead_air", 5, moment="t", ongoing=True, silence_s=6)], S(5))
    assert policy.offer([barge], S(7.0)) == []  # refresh window 2 s: still eligible
    [cue, _] = policy.offer([barge], S(7.1))
    assert cue.data["outcome"] == "folded" and "ended" in cue.data["why"]  # it was on the also line


def test_a_condition_still_going_on_after_its_cooldown_is_shown_again():
    policy, cat = make_policy()
    timeline = {
        round(6 + i * 0.5, 3): [nudge(cat, "dead_air", 0, moment="d", ongoing=True, silence_s=6 + i * 0.5)]
        for i in range(80)
    }  # 40 s of silence, refreshed every 0.5 s
    events = run(policy, timeline, 45, step_s=0.5)
    shown = of(events, "nudge")
    assert [e.at for e in shown] == [6.0, 36.0]  # cooldown_s of dead_air = 30
    assert shown[1].data["text"].startswith("Again: ") and shown[1].data["moment"] == "d"
    assert len(of(events, "cue")) == 1  # one moment, one outcome


def test_the_also_line_holds_at_most_two_other_kinds():
    policy, cat = make_policy(max_wait_s=3.0)
    found = [
        nudge(cat, "stop_interrupting", 1, agent_spoke_s=1),
        nudge(cat, "let_them_finish", 1, overlap_s=2),
        nudge(cat, "pause_and_breathe", 1, loudness_delta_db=8, sustained_s=1),
        nudge(cat, "dead_air", 1, silence_s=6),
        nudge(cat, "long_monologue", 1, monologue_s=45),
    ]
    events = policy.offer(found, S(2))
    [shown] = of(events, "nudge")
    assert shown.data["kind"] == "stop_interrupting"  # equal severity and age: the order they were found
    assert [a["kind"] for a in shown.data["also"]] == ["let_them_finish", "pause_and_breathe"]
    events = [e for t in (3, 4, 5) for e in policy.offer([], S(t))]
    outcomes = {c.data["kind"]: c.data["outcome"] for c in of(events, "cue")}
    assert outcomes == {
        "let_them_finish": "folded",
        "pause_and_breathe": "folded",
        "dead_air": "expired",
        "long_monologue": "expired",
    }
    assert of(events, "nudge.also")[-1].data["also"] == []


def test_a_withdrawn_moment_is_suppressed_or_taken_off_the_screen():
    policy, cat = make_policy()
    calm = Nudge("avoid_calm_down", "Don't say 'calm down'", "high", {"why": "w", "said": "calm down"}, S(1), "a-1:c")
    policy.offer([calm], S(2))
    [gone] = policy.offer([Withdrawal("a-1:c", "the words were retracted")], S(3))
    assert gone.type == "nudge.withdrawn" and gone.data["on_screen"] and gone.data["moment"] == "a-1:c"
    policy.offer([nudge(cat, "stop_interrupting", 4, agent_spoke_s=1)], S(4))
    policy.offer([nudge(cat, "dead_air", 4, silence_s=6)], S(4.5))
    [cue] = of(policy.offer([Withdrawal("dead_air:4", "no longer true")], S(5)), "cue")
    assert cue.data["outcome"] == "suppressed" and "no longer true" in cue.data["why"]


def test_call_end_decides_every_waiting_moment():
    policy, cat = make_policy()
    policy.offer([nudge(cat, "stop_interrupting", 1, agent_spoke_s=1)], S(2))
    policy.offer([nudge(cat, "dead_air", 1, moment="d", ongoing=True, silence_s=6)], S(2.5))
    [cue] = policy.close(S(3))
    assert cue.data["outcome"] == "folded" and "call ended" in cue.data["why"]
    assert policy.outcomes == {"shown": 1, "folded": 1}


def test_a_one_shot_moment_found_in_the_last_words_is_shown_as_the_call_ends():
    # c99's shape: a low nudge on screen, then a close without "anything else?" found in the call's
    # last words, during the quiet gap; the call ends before the gap is over. A condition going on
    # (a monologue) waits behind a high nudge that has just taken the screen.
    policy, cat = make_policy()
    wording = Nudge("positive_language", "Lead with what you can do.", "low", {"why": "w"}, S(110), "p")
    assert of(policy.offer([wording], S(112.7)), "nudge")
    assert of(policy.offer([nudge(cat, "stop_interrupting", 119.5, moment="i", agent_spoke_s=1)], S(119.5)), "nudge")
    close = Nudge("check_anything_else", "Before closing: ask 'Anything else?'", "low", {"why": "c"}, S(117), "close")
    talk = nudge(cat, "long_monologue", 70, moment="d", ongoing=True, monologue_s=49)
    assert of(policy.offer([close, talk], S(120)), "nudge") == []
    events = policy.close(S(120.03))
    [shown] = of(events, "nudge")
    assert shown.data["kind"] == "check_anything_else" and shown.at == 120.03
    assert [a["moment"] for a in shown.data["also"]] == ["d"]
    cues = {c.data["moment"]: c.data for c in of(events, "cue")}
    assert cues["close"]["outcome"] == "shown" and "call ended" in cues["close"]["why"]
    assert cues["d"]["outcome"] == "folded"  # a condition is not put on screen after the call


def test_a_one_shot_moment_past_its_wait_is_not_shown_at_the_call_end():
    policy, cat = make_policy(max_wait_s=3.0)
    policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))  # on screen until 22, quiet until 25
    policy.offer([nudge(cat, "long_monologue", 22.5, monologue_s=45)], S(22.5))
    events = policy.close(S(24))  # within its wait: shown
    assert [e.data["kind"] for e in of(events, "nudge")] == ["long_monologue"]
    policy, cat = make_policy(max_wait_s=3.0)
    policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))
    policy.offer([nudge(cat, "long_monologue", 22.5, monologue_s=45)], S(22.5))
    events = policy.offer([], S(25.6)) + policy.close(S(26))  # its wait ran out first
    assert of(events, "nudge") == [] and of(events, "cue")[0].data["outcome"] == "expired"


def test_language_kinds_get_the_same_plain_words_payload():
    policy, _ = make_policy()
    mirror = Nudge(
        "mirror_complaint",
        "Mirror the complaint before you fix it.",
        "medium",
        {
            "why": "Repeating the complaint shows you listened.",
            "said": "my bill doubled",
            "suggested_line": "So your bill doubled this month.",
        },
        S(1),
        "c-2:mirror_complaint",
    )
    [shown, _] = policy.offer([mirror], S(3))
    assert shown.data["reason"] == "Repeating the complaint shows you listened."
    assert shown.data["suggestion"] == "So your bill doubled this month."
    assert shown.data["said"] == "my bill doubled" and shown.data["evidence"]["suggested_line"]
    apologies = plain_fields("over_apologizing", "One apology", {"said": ["sorry", "so sorry"]})
    assert apologies["said"] == "sorry … so sorry"
    assert plain_fields("x", "Say it", {"suggestion": "Say it"})["suggestion"] is None  # not repeated
    assert plain_fields("x_y", "Do it", {})["reason"] == "Do it (x y)."


def test_repeat_wording():
    assert repeat_text("Let them finish", "Again: ") == "Again: let them finish"
    assert repeat_text("I'd pause", "Again: ") == "Again: I'd pause"
    assert repeat_text("Again: stop", "Again: ") == "Again: stop"


def test_unknown_placeholders_in_a_reason_do_not_crash():
    _, cat = make_policy()
    n = nudge(cat, "dead_air", 1)  # no silence_s in evidence
    assert "?" in n.evidence["reason"]


def test_calming_nudges_go_up_a_step_while_the_customer_is_escalated():
    from coach.nudges.priority import prioritise

    _, cat = make_policy()
    boosted = load_config().nudges.boost_when_escalated
    found = [nudge(cat, "pause_and_breathe", 9, loudness_delta_db=8, sustained_s=1), nudge(cat, "long_monologue", 5)]
    assert prioritise(found, "tense", boosted) == found
    up = prioritise(found, "escalated", boosted)
    assert [n.severity for n in up] == ["high", "low"]
    assert up[0].evidence["customer_level"] == "escalated"
    # a boosted medium nudge now replaces a medium one on screen
    policy, _ = make_policy()
    assert policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))
    assert of(policy.offer(up[:1], S(17)), "nudge")


def _random_session(seed):
    rng = random.Random(seed)
    policy, cat = make_policy()
    kinds = ["stop_interrupting", "let_them_finish", "pause_and_breathe", "dead_air", "long_monologue"]
    timeline: dict[float, list] = {}
    offered = set()
    over_at: dict[str, float] = {}  # when each condition counts as over (its end, or refreshes stopped)
    for n in range(40):
        kind = rng.choice(kinds)
        start = round(rng.uniform(0, 110), 1)
        moment = f"m{n}"
        offered.add(moment)
        if rng.random() < 0.5:
            last = round(start + rng.uniform(0.1, 15), 1)
            t = start
            while t < last:
                timeline.setdefault(round(t, 3), []).append(nudge(cat, kind, start, moment, ongoing=True, x=t))
                over_at[moment] = t + policy.cfg.ongoing_refresh_s
                t = round(t + 0.256, 3)
            if rng.random() < 0.7:
                timeline.setdefault(round(last, 3), []).append(nudge(cat, kind, start, moment, end_s=last))
                over_at[moment] = last
        else:
            timeline.setdefault(start, []).append(nudge(cat, kind, start, moment))
            if rng.random() < 0.2:
                timeline.setdefault(round(start + 1, 1), []).append(Withdrawal(moment, "retracted"))
    events = run(policy, timeline, 130, step_s=0.128) + policy.close(S(131))
    return events, offered, policy, over_at


def test_every_moment_ends_in_exactly_one_cue_event_and_delivery_is_deterministic():
    for seed in range(5):
        events, offered, policy, over_at = _random_session(seed)
        cues = of(events, "cue")
        assert sorted(c.data["moment"] for c in cues) == sorted(offered)
        assert {c.data["outcome"] for c in cues} <= {"shown", "folded", "expired", "suppressed"}
        shown = {e.data["moment"] for e in of(events, "nudge")}
        assert shown == {c.data["moment"] for c in cues if c.data["outcome"] == "shown"}
        assert all(len(e.data["also"]) <= 2 for e in of(events, "nudge") + of(events, "nudge.also"))
        # at most one nudge on screen: each new one starts after the last one expired, unless it outranks
        # it, or the last has been up min_display_s and both are high or the last one's moment is over
        rank = {"low": 0, "medium": 1, "high": 2}
        last = None
        for e in events:
            if e.type == "nudge.withdrawn" and e.data["on_screen"]:
                last = None  # the screen was cleared
            if e.type != "nudge":
                continue
            if last is not None and e.at < last.data["expires"]:
                held = e.at - last.at >= policy.cfg.min_display_s
                outranks = rank[e.data["severity"]] > rank[last.data["severity"]]
                same = e.data["severity"] == last.data["severity"]
                urgent = same and e.data["severity"] == "high" and held
                over = held and e.at >= over_at.get(last.data["moment"], 0.0)  # one-shot moments: always over
                assert outranks or urgent or over
            last = e
        again, *_ = _random_session(seed)
        assert [e.to_dict() for e in again] == [e.to_dict() for e in events]


def reply_nudge(kind, at_s, reply, **evidence):
    """A language nudge of the mirror / acknowledge kind, missed by agent reply ``reply``."""
    texts = {
        "acknowledge_feelings": ("Acknowledge the feeling: 'I can see why you're upset.'", "Name the feeling."),
        "mirror_complaint": ("Mirror the complaint before you fix it.", "Repeat their words."),
    }
    text, why = texts[kind]
    return Nudge(kind, text, "medium", {"why": why, **evidence}, S(at_s), f"c1:{kind}", join=f"reply:{reply}")


def test_moments_of_one_reply_are_shown_together_as_one_nudge_each_with_its_own_cue():
    policy, _ = make_policy()
    ack = reply_nudge("acknowledge_feelings", 10, "a2", said="I was so embarrassed")
    mirror = reply_nudge("mirror_complaint", 10, "a2", suggested_line="So your card was declined?")
    events = policy.offer([ack, mirror], S(13))
    shown = of(events, "nudge")
    assert len(shown) == 1
    d = shown[0].to_dict()
    assert d["kinds"] == ["acknowledge_feelings", "mirror_complaint"]
    assert d["covers"] == ["c1:acknowledge_feelings", "c1:mirror_complaint"]
    assert (
        d["text"]
        == "Acknowledge the feeling: 'I can see why you're upset.' Then mirror the complaint before you fix it."
    )
    assert d["reason"] == "Name the feeling. Repeat their words."
    assert d["suggestion"] == "So your card was declined?" and d["said"] == "I was so embarrassed"
    assert [p["kind"] for p in d["parts"]] == d["kinds"] and d["parts"][1]["suggestion"] == d["suggestion"]
    cues = [c.to_dict() for c in of(events, "cue")]
    assert sorted(c["moment"] for c in cues) == sorted(d["covers"])
    assert all(c["outcome"] == "shown" and c["at"] == 13.0 for c in cues)
    # nothing is left waiting: no second pop-up for the same reply
    assert of(run_from(policy, 13, 30), "nudge") == []


def run_from(policy, from_s, until_s, step_s=0.032):
    out, t = [], from_s
    while t <= until_s + 1e-9:
        t = round(t + step_s, 3)
        out.extend(policy.offer([], S(t)))
    return out


def test_moments_of_different_replies_or_without_a_group_are_not_joined():
    policy, _ = make_policy()
    ack = reply_nudge("acknowledge_feelings", 10, "a2")
    mirror = reply_nudge("mirror_complaint", 10, "a3")
    events = policy.offer([ack, mirror], S(13))
    d = of(events, "nudge")[0].to_dict()
    assert d["kinds"] == ["acknowledge_feelings"] and d["covers"] == ["c1:acknowledge_feelings"]
    assert [a["kind"] for a in d["also"]] == ["mirror_complaint"]


def test_a_part_found_while_its_group_is_on_screen_joins_it():
    policy, _ = make_policy()
    policy.offer([reply_nudge("acknowledge_feelings", 10, "a2")], S(13))
    events = policy.offer([reply_nudge("mirror_complaint", 10, "a2", suggested_line="So it was declined?")], S(14))
    assert of(events, "nudge") == []
    (update,) = (e.to_dict() for e in of(events, "nudge.update"))
    assert update["moment"] == "c1:acknowledge_feelings"
    assert update["kinds"] == ["acknowledge_feelings", "mirror_complaint"]
    assert update["suggestion"] == "So it was declined?" and update["text"].endswith(
        "Then mirror the complaint before you fix it."
    )
    (cue,) = (e.to_dict() for e in of(events, "cue"))
    assert cue["moment"] == "c1:mirror_complaint" and cue["outcome"] == "shown"


def test_withdrawing_one_part_drops_only_that_part_and_the_last_part_frees_the_screen():
    policy, _ = make_policy()
    ack = reply_nudge("acknowledge_feelings", 10, "a2")
    mirror = reply_nudge("mirror_complaint", 10, "a2", suggested_line="So it was declined?")
    policy.offer([ack, mirror], S(13))
    events = policy.offer([Withdrawal("c1:acknowledge_feelings", "they acknowledged it")], S(14))
    (gone,) = (e.to_dict() for e in of(events, "nudge.withdrawn"))
    assert gone["moment"] == "c1:acknowledge_feelings" and gone["on_screen"] is True
    assert gone["screen"] == "c1:acknowledge_feelings" and gone["remaining"] == ["c1:mirror_complaint"]
    (update,) = (e.to_dict() for e in of(events, "nudge.update"))
    assert update["moment"] == "c1:acknowledge_feelings" and update["kinds"] == ["mirror_complaint"]
    assert update["text"] == "Mirror the complaint before you fix it."
    # still on screen: a new medium moment waits behind it ...
    later = policy.offer([_other(14)], S(14.5))
    assert of(later, "nudge") == []
    # ... until the last part is withdrawn: the screen frees at once
    events = policy.offer([Withdrawal("c1:mirror_complaint", "they mirrored it")], S(15))
    gone = of(events, "nudge.withdrawn")[0].to_dict()
    assert gone["remaining"] == [] and of(events, "nudge.update") == []
    assert of(events, "nudge")[0].to_dict()["kind"] == "dead_air"


def _other(at_s):
    _, cat = make_policy()
    return nudge(cat, "dead_air", at_s, silence_s=6.0)


def test_a_phrase_said_in_the_reply_on_screen_joins_it_and_is_read_for_min_display_s():
    """c48's case: "just relax ... there's nothing I can do" in one reply; the refusal, found 3 s after
    the "calm down" took the screen, joins that nudge (a ``nudge.update``, no second pop-up) and stays
    at least ``min_display_s``: a moment of another reply waiting under it does not take its place sooner."""
    policy, _ = make_policy()
    hold = policy.cfg.min_display_s
    calm = Nudge(
        "avoid_calm_down", "Don't say 'calm down'", "high", {"why": "w"}, S(31), "a4:avoid_calm_down", join="reply:a4"
    )
    refusal = Nudge(
        "positive_language",
        "Own it",
        "low",
        {"why": "v", "rephrase": "What I can do is…"},
        S(33.4),
        "a4:positive_language",
        join="reply:a4",
    )
    other = Nudge("check_anything_else", "Ask if there is anything else", "low", {"why": "x"}, S(37), "a5:close")
    events = run(policy, {33.0: [calm], 35.0: [refusal], 35.5: [other]}, 50, step_s=0.25)
    nudges = of(events, "nudge")
    assert [(e.data["kind"], e.at) for e in nudges] == [("avoid_calm_down", 33.0), ("check_anything_else", 35 + hold)]
    [update] = [e.to_dict() for e in of(events, "nudge.update")]
    assert update["at"] == 35.0 and update["moment"] == calm.moment
    assert update["kinds"] == ["avoid_calm_down", "positive_language"] and update["suggestion"] == "What I can do is…"
    assert update["expires"] == 39.0  # shown at 33 for display_s
    cues = {c.data["moment"]: c.data for c in of(events, "cue")}
    assert cues[refusal.moment]["outcome"] == "shown" and "joined" in cues[refusal.moment]["why"]
    # a part joining late keeps the screen min_display_s from when it joined
    policy, _ = make_policy()
    events = run(policy, {33.0: [calm], 38.5: [refusal]}, 50, step_s=0.25)
    [update] = of(events, "nudge.update")
    assert update.data["expires"] == 38.5 + hold
