from coach.config import load_config
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.policy import NudgePolicy
from coach.types import Cue, seconds_to_samples

S = seconds_to_samples


def make_policy():
    cfg = load_config().nudges
    catalogue = NudgeCatalogue(cfg.texts)
    return NudgePolicy(cfg, catalogue), catalogue


def nudge(catalogue, kind, at_s, moment=None, **evidence):
    return catalogue.word(Cue(kind, S(at_s), moment or f"{kind}:{at_s}", evidence))


def test_a_nudge_carries_text_severity_evidence_and_a_plain_reason():
    policy, cat = make_policy()
    [event] = policy.offer([nudge(cat, "dead_air", 10, silence_s=6.0)], S(16))
    d = event.to_dict()
    assert d["type"] == "nudge" and d["kind"] == "dead_air" and d["t"] == 10.0 and d["at"] == 16.0
    assert d["text"] == "Check in with the customer" and d["severity"] == "medium"
    assert d["evidence"]["silence_s"] == 6.0
    assert "6 s" in d["evidence"]["reason"]
    assert d["expires"] == 22.0


def test_the_same_moment_never_fires_twice():
    policy, cat = make_policy()
    assert policy.offer([nudge(cat, "dead_air", 10, moment="m1", silence_s=6)], S(16))
    assert policy.offer([nudge(cat, "dead_air", 10, moment="m1", silence_s=6)], S(200)) == []
    assert policy.held_back["repeat"] == 1


def test_a_kind_waits_out_its_cooldown():
    policy, cat = make_policy()
    assert policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))
    assert policy.offer([nudge(cat, "dead_air", 30, silence_s=6)], S(36)) == []  # 20 s later, cooldown 30 s
    assert policy.offer([nudge(cat, "dead_air", 50, silence_s=6)], S(56))
    assert policy.held_back["cooldown"] == 1


def test_one_nudge_at_a_time_unless_a_more_severe_one_arrives():
    policy, cat = make_policy()
    assert policy.offer([nudge(cat, "pause_and_breathe", 9, loudness_delta_db=8, sustained_s=1)], S(10))
    assert policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(12)) == []  # same severity: waits
    [ev] = policy.offer([nudge(cat, "stop_interrupting", 11, agent_spoke_s=1)], S(12))  # high replaces medium
    assert ev.data["kind"] == "stop_interrupting"
    assert policy.offer([], S(15)) == []  # dead_air waited 3 s behind the screen: dropped
    assert policy.held_back["busy"] == 1


def test_a_nudge_that_arrives_while_the_screen_is_busy_is_shown_when_it_frees_up():
    policy, cat = make_policy()
    assert policy.offer(
        [nudge(cat, "dead_air", 10, silence_s=6)], S(16)
    )  # on screen until 22, quiet until 25
    assert (
        policy.offer([nudge(cat, "pause_and_breathe", 23, loudness_delta_db=8, sustained_s=1)], S(24)) == []
    )
    assert policy.offer([], S(24.5)) == []
    [ev] = policy.offer([], S(25))
    assert ev.data["kind"] == "pause_and_breathe" and ev.t == 23.0 and ev.at == 25.0
    assert not policy.held_back


def test_when_several_arrive_together_the_most_severe_wins():
    policy, cat = make_policy()
    events = policy.offer(
        [nudge(cat, "long_monologue", 5, monologue_s=45), nudge(cat, "let_them_finish", 5, overlap_s=1.5)],
        S(50),
    )
    assert [e.data["kind"] for e in events] == ["let_them_finish"]


def test_a_gap_separates_nudges_even_after_one_expires():
    policy, cat = make_policy()
    assert policy.offer([nudge(cat, "dead_air", 10, silence_s=6)], S(16))
    assert policy.offer([nudge(cat, "long_monologue", 17, monologue_s=45)], S(21.5)) == []  # shown until 22
    assert policy.offer([], S(24.9)) == []  # quiet gap until 25: still waiting, then too old
    assert policy.held_back["gap"] == 1
    assert policy.offer([nudge(cat, "long_monologue", 18, monologue_s=45)], S(25.5))


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
    assert policy.offer(up[:1], S(17))
