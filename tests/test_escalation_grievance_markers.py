"""Escalation lexicon, session 16 (issue 10): grievances an angry customer states in plain words, which
the text model reads calm: a cost forced on them, a fault reported before and still there, nobody even
telling them, the blame turned back on them, a curt closing demand. A reported fault, a blame turned back
and a curt demand are "tense" on their own (from the partials of an opener, before any baseline of the
customer's voice); the others only add to other evidence. Their calm look-alikes (a date "in three
months", "every six months", "had to pay a deposit", a polite "can you make sure") do not hit. Wording
of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from tests.escalation_readings import opening_levels


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I reported this to you back in the spring and the lamp post is still down", "repeat_contact"),
        ("So now it's my fault the parcel went to the wrong flat?", "indignation"),
        ("No. Just get it sorted.", "demand"),
        ("Just make sure they ring first next time", "demand"),
    ],
)
def test_a_reported_fault_a_blame_turned_back_or_a_curt_demand_is_tense_on_its_own(text: str, category: str) -> None:
    hits = default_lexicon().find(text)
    assert category in [h.category for h in hits]
    assert max(h.weight for h in hits) >= EscalationConfig().tense_enter


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("I've had to pay eighty quid for a locksmith", "loss"),
        ("The rent went out and now I'm overdrawn", "loss"),
        ("Nobody even called to say the van was late", "blame"),
        ("I never signed up for the premium plan", "blame"),
        ("Whoever fitted it can't have checked the seal", "blame"),
        ("The dumped sofa has been sitting there for a month", "waiting"),
        ("What have you lot done with my order", "frustration"),
        ("You've taken my deposit without asking", "blame"),
    ],
)
def test_a_stated_grievance_adds_under_tense_alone(text: str, category: str) -> None:
    hits = default_lexicon().find(text)
    assert [h.category for h in hits] == [category]
    assert hits[0].weight < EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "text",
    [
        "The boiler is serviced every six months, when is the next visit",
        "We're moving house in three months, can I take the contract with me",
        "Her first three months at the nursery went really well",
        "I had to pay a deposit when I booked, is that refundable",
        "Can you make sure the invoice goes to my work address",
        "Make sure you bring the spare key, please",
        "I told your colleague the flat number, it's fourteen B",
        "You've taken my details already, so that's fine",
    ],
)
def test_calm_look_alikes_do_not_hit(text: str) -> None:
    assert default_lexicon().find(text) == []


def test_an_opener_reporting_a_fault_again_reaches_tense_within_two_seconds_of_partials() -> None:
    said = "I reported it to you in March and the drain is still blocked".split()  # noqa: SIM905
    levels = opening_levels(said, (2, 4, 6, 8))  # partials at 0.5, 1.0, 1.5 and 2.0 s
    # "i reported it" heard surely in the first partial's tail counts at once (partial_tail_sure_p)
    assert levels[0] == "tense" and levels[-1] == "tense"
    calm = "I reported a fault on the website and got a reference, is that right".split()  # noqa: SIM905
    assert opening_levels(calm, (2, 4, 6, 8)) == ["calm"] * 4
