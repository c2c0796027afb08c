"""A deed whose doer is the maker's side is no blame told as use (``use_blame.toml`` ``not_theirs``; issue 9, session
56, helper R21's look-alikes of L55's rounds four and five, ``/tmp/R21/l55c.py``, ``l55e.py``): "by the maker /
manufacturer / builder" after the deed, or the thing as it "left the factory". After the customer names a fault, these
agent lines fired positive_language at 444fab20. A deed "by your builder" stays the customer's side (the family's own
tests). Wording written for these tests."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from tests.test_language_rules import final, kinds, run

LINES = [
    ("The recliner you delivered leans right back on its own, I think it's broken.",
     "That's perfectly normal, so it's how it was assembled by the maker."),
    ("The light on the boiler keeps flashing, I think it's faulty.",
     "That flashing is normal, so it's how it was configured when it left the factory."),
    ("The fridge makes a clicking noise, I think it's faulty.",
     "That clicking's fine, so it's the way it was fitted by the maker."),
    ("The light on the boiler keeps flashing, I think it's faulty.",
     "That's by design, it's all down to where it was installed by the manufacturer."),
    ("My radiators are cold at the top and the heating isn't working properly.",
     "The system wasn't flushed when it was installed by the builder, that's usually the cause."),
    ("The wardrobe door hangs crooked, I think it's faulty.",
     "Nothing's wrong with it, so it's how they were assembled at the factory by the supplier."),
    ("The dishwasher light keeps blinking, I think it's broken.",
     "That's normal, so it's how it was programmed before it left the factory."),
]  # fmt: skip


@pytest.mark.parametrize(("customer", "agent"), LINES)
def test_a_deed_of_the_makers_side_is_no_blame_told_as_use(customer: str, agent: str) -> None:
    coach = LanguageCoach()
    run(final("customer", customer, 2.0), coach=coach)
    assert "positive_language" not in kinds(run(final("agent", agent, 8.0, utt="agent-1"), coach=coach))
    assert "positive_language" not in kinds(LanguageCoach().push(final("agent", agent, 1.0)))
