"""The world's limits are not the firm's refusals (issue 9, session 41, L40).

The playbook's positive language turns a closed door on the customer's request into what the agent can do. A limit of
nature, material or physics stated as a fact refuses nothing the firm could give: "we can't fly in a northerly", "I
can't make oak stop being oak", "the weather's not something we control" (c910, c922, c923: unmarked script turns,
extras as heard on the thirty-ninth held-out part). Round one was designed from those tuning calls' script text (and
c824's and c895's turns of the same class), frozen before list AL or c934-c957 were read. Each class is checked
through the whole coach with the refusals it must not swallow: the customer's request refused in the same sentence is
its own span and is still read ("we can't fly in a northerly, so no refund"), and the firm's own things named with the
same verbs stay refusals ("we can't change the current contract"). Every line here in L40's own words."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "line",
    [
        "The gliders can't launch in a crosswind like today's.",
        "We don't take the boats out in fog, nobody on this coast does.",
        "The balloon can't go up in this much wind.",
        "The low cloud is sitting on the ridge all morning, we can't fly through it.",
        "I can't whistle up a southerly for the weekend, sadly.",
        "Nobody can control the weather on a mountain.",
        "The tide's not something we can change, it comes in when it comes in.",
        "Nobody can rewrite the laws of physics, glass cracks when it freezes.",
        "I can't stop solid timber from shrinking in a dry winter.",
        "I can't make linen stop creasing, that's what linen does.",
        "I didn't call off your climb, the storm did.",
        "Salt doesn't warp a teak deck, that's the sun on it.",
    ],
)
def test_a_limit_of_nature_material_or_physics_stays_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "We can't fly in a northerly, so no refund on the voucher.",
        "We can't refund you because of the weather.",
        "Weather cancellations aren't refundable, I'm afraid.",
        "We can't control the weather, and we don't do refunds for it either.",
        "The weather's not something we can answer for.",
        "We can't change the current contract, I'm afraid.",
        "We can't change the paint colour now it's been mixed.",
        "Mould won't be covered under the basic policy.",
        "We don't fly to the islands at weekends.",
    ],
)
def test_the_customers_request_refused_beside_the_weather_is_still_read(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    ("line", "nudged"),
    [
        ("Money back for a rained-off day? That dog won't hunt, I'm afraid.", True),
        ("A second free lesson, that dog just won't hunt here.", True),
        ("Our old dog won't hunt any more, bless him.", False),
    ],
)
def test_that_dog_wont_hunt_is_a_flat_no_and_a_dog_is_a_dog(line: str, nudged: bool) -> None:
    assert ("positive_language" in kinds_fired(line)) is nudged, line


# Round two (session 41, L40): list AL's misses and false flags and c934-c957's as the scripts say them, by class, read
# after round one was frozen (e0f0ec2): in sample from then on. Every line here in L40's own words.


@pytest.mark.parametrize(
    "line",
    [
        "You jammed the zip yourself, forcing it like that.",
        "You've cracked that screen yourself, mate.",
        "Na so, that is not we business, go meet the bank people.",
        "No way we're reopening the raffle for one latecomer.",
        "We'd never offer a second tasting on the house.",
    ],
)
def test_round_two_refusals_and_blame_are_read(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "I can't steer a kayak into a headwind like that.",
        "That took twice as long as I promised, and I'm sorry.",
        "The rules are the rules, and the rules say you get your deposit back.",
        "No way I'm leaving you on the platform without a lift home.",
        "We fence off the pool so nobody gets a bump in the dark.",
        "Most groups cancel once they see the forecast, and we only run above minus twenty.",
        "You fixed the hinge yourself, nicely done.",
        "Did you crack the case yourself?",
        "We'll never give a second-rate service.",
    ],
)
def test_round_two_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line
