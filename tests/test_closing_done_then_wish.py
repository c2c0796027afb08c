"""A bare evening or day wish straight after the business said done closes the call (issue 9, session 57, L58):
"your reservation is confirmed, good evening" (list BB's missed goodbye, in sample) is a farewell, as a
``closing_tail_cues`` phrase (at most two words may follow it); a time of day that names a slot, a menu or a
delivery, a greeting after the firm's name, or "good morning / afternoon" ending a callback's greeting (helper R22's
l58b) stays mid-call.
"""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_fired


@pytest.mark.parametrize(
    "line",
    [
        "Very well, madam, your reservation is confirmed, good evening.",
        "That's all booked in for you, good day.",
        "Your refund's processed now, good day.",
        "It's booked, good night.",
        "That's all sorted then, good evening.",
    ],
)
def test_a_wish_after_the_business_done_closes(line):
    assert closing_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "That's booked for the good morning slot at nine.",
        "It's confirmed, good evening deliveries start at six.",
        "Hello, you're through to bookings, good evening.",
        "Hi Mrs Patel, it's Sam calling back about the claim we logged, good morning.",
        "Hello again, it's Priya from the travel desk, your cancellation's been processed, good afternoon.",
        "Your table is confirmed for the good evening menu, sir, and the wine list is on the table.",
    ],
)
def test_a_time_of_day_that_names_a_slot_or_greets_stays_mid_call(line):
    assert not closing_fired(line)
