"""Escalation lexicon, session 13 (issue 10): a customer who says they have contacted about this before
("This is the third time I've rung") is "tense" on those words alone, from the partial transcript of
their opening line, before any baseline of their voice exists; the rest of [repetition] ("still
waiting", "same problem") stays under ``tense_enter`` on its own. Wording of our own, not the calls'."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from tests.escalation_readings import opening_levels


@pytest.mark.parametrize(
    "text",
    [
        "Right, this is the second time I'm phoning about the boiler",
        "Third call this week about one parcel",
        "I've rung you before about this exact meter",
        "How many times do I have to give my postcode",
        "The last time I called you said Tuesday",
        "I already told you the serial number",
    ],
)
def test_a_repeat_contact_is_tense_on_its_own(text: str) -> None:
    hits = default_lexicon().find(text)
    assert [h.category for h in hits] == ["repeat_contact"]
    assert hits[0].weight >= EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "text",
    [
        "I'm still waiting on the part",
        "It's the same problem with the other tap",
        "I tried the form three times",
    ],
)
def test_other_repetition_stays_under_tense_alone(text: str) -> None:
    hits = default_lexicon().find(text)
    assert hits and all(h.category != "repeat_contact" for h in hits)
    assert max(h.weight for h in hits) < EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "text",
    [
        "Could I book a second appointment for my wife",
        "I'd like to call about changing my tariff",
        "My time slot was between ten and twelve",
        "Third time lucky, the new charger works",
        "How many times a day should she take the drops",
        "Can you move me to the second time slot on Friday",
    ],
)
def test_calm_mentions_of_calls_and_times_do_not_hit(text: str) -> None:
    assert default_lexicon().find(text) == []


def test_an_opening_repeat_contact_reaches_tense_from_its_partials() -> None:
    said = ["Hi.", "Second", "time", "I've", "phoned", "you", "about", "the", "leak", "under", "the", "sink"]
    # "Hi. Second time" heard surely in the opener's uncommitted tail: provisional at once, tense
    # (partial_tail_sure_p); then committed, it stays
    assert opening_levels(said, (1, 2, 4, 6)) == ["tense", "tense", "tense", "tense"]
    calm = ["Hi.", "I'm", "phoning", "about", "the", "leak", "under", "the", "sink", "in", "my", "kitchen"]
    assert opening_levels(calm, (1, 2, 4, 6)) == ["calm"] * 4
