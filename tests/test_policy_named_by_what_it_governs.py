"""A refusal by policy whose policy is named by what it governs or whose it is ("that's against our booking policy",
"outside our refund terms"), as the recogniser may also write it ("our working policy", c1111 in sample, session 48);
a policy read, met or claimed on is no refusal (issue 9, session 48, the lead). Wording written for these tests."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        "Sorry, that's against our booking policy.",
        "Changing the date now would be against our cancellation policy.",
        "I'm afraid that breaks the hire rules, so no.",
        "That falls outside our returns policy, I'm sorry.",
        "Dogs in the dining room are against our kitchen rules.",
        "Afternoon sessions, that's against our working policy.",
        "We can't, it's against the club policy.",
    ],
)
def test_a_policy_named_by_what_it_governs_is_a_refusal(text):
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "We can claim against the insurance policy for you.",
        "You'll find our booking policy on the website, and I'll email it too.",
        "That is well within our refund policy, so I'll process it now.",
        "Our returns policy gives you thirty days, so you're fine.",
        "I'll check it against our booking records and ring you back.",
    ],
)
def test_a_policy_read_met_or_claimed_on_is_no_refusal(text):
    assert "positive_language" not in kinds_fired(text)
