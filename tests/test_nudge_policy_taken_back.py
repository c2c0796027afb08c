"""A nudge its detector took back is no offence: the next nudge of its kind is not worded as a repeat (issue 9).

The closing rule nudges a close by the call's shape on the agent's short last-looking final and takes it back when
the agent speaks again; when that next final is their goodbye, the close is nudged anew on it. The agent saw one
close, so the screen reads the same both times, not "Again: ..." (session 49, C19)."""

import dataclasses

from coach.config import load_config
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.policy import NudgePolicy
from coach.types import Nudge, Withdrawal, seconds_to_samples

S = seconds_to_samples
KIND = "check_anything_else"


def make_policy() -> NudgePolicy:
    cfg = load_config().nudges
    return NudgePolicy(dataclasses.replace(cfg), NudgeCatalogue(cfg.texts))


def close(at_s: float, moment: str, text: str = "Ask if there's anything else") -> Nudge:
    return Nudge(KIND, text, "low", {"why": "w", "said": "Lovely, all done."}, S(at_s), moment)


def shown(events):
    return [e.data for e in events if e.type == "nudge"]


def test_a_close_taken_back_and_nudged_on_the_goodbye_reads_the_same_both_times():
    policy = make_policy()
    [first] = shown(policy.offer([close(60, "a-7:0")], S(60.5)))
    assert first["repeat"] is False
    events = policy.offer([Withdrawal("a-7:0", "the agent spoke on"), close(64, "a-9:0")], S(64.5))
    assert [e.type for e in events][0] == "nudge.withdrawn"
    [second] = shown(events)
    assert second["text"] == first["text"] and second["repeat"] is False and second["times"] == 1
    assert policy.fired[KIND] == 2 and policy.taken_back[KIND] == 1  # both showings still counted as shown


def test_a_second_close_that_stands_is_still_a_repeat():
    policy = make_policy()
    shown(policy.offer([close(60, "a-7:0")], S(60.5)))
    [second] = shown(policy.offer([close(90, "a-12:0")], S(90.5)))
    assert second["text"].startswith("Again: ") and second["repeat"] is True and second["times"] == 2


def test_only_the_showings_taken_back_are_discounted():
    policy = make_policy()
    shown(policy.offer([close(30, "a-3:0")], S(30.5)))  # stands
    shown(policy.offer([close(60, "a-7:0")], S(60.5)))
    events = policy.offer([Withdrawal("a-7:0", "the agent spoke on"), close(64, "a-9:0")], S(64.5))
    [third] = shown(events)
    assert third["repeat"] is True and third["times"] == 2  # one close before it stands
