"""The calm-down family as shapes over word families, list AF's missed calm-down classes, and "I'll love you and
leave you" as heard (session 35, helper C5, issue 9).

The shapes (``coach/language/phrases.toml``, the slots ``calm_*`` and the ``[avoid_calm_down]`` lines of session 35):
an order or a request (``calm_ask``) aimed at the customer's state of mind, voice or body (``calm_soothe`` +
``calm_mind``), a calm verb of its own after a request (``calm_alone``), the heated state told off (``calm_adj``,
``calm_not``), the feeling stopped or braked, the intensity dialled down in steps. Wording fresh, none copied from the
calls or the lists (list AF not read, only its misses as classes in the comment above its FLOORS entry).
"""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_false, closing_fired, closing_recall, kinds_fired, scores

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "line",
    [
        "Just relax your jaw a little, sir, and give me the postcode.",  # calm_soothe + calm_mind
        "Could you temper your impatience a bit, the system is slow today.",
        "I'm going to need you to steady your breathing before we go on.",  # calm_ask
        "Take a second and ground yourself, then read me the reference.",  # calm_alone after calm_ask
        "Don't be so prickly with me, I'm only the messenger.",  # calm_adj aimed at the agent
        "You're way too fired up about a voucher, madam.",
        "No more of the theatrics, please, I'm on the account.",  # the feeling stopped
        "Could you maybe not be so huffy, I'm new on this desk.",  # calm_not
        "Dial your temper back a few notches and we'll get there.",  # in steps, the feeling named
    ],
)
def test_the_shapes_catch_fresh_wordings_of_the_family(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Stop your panicking, the boiler man is on the way.",  # list AF's classes, our own words
        "Don't go creating, I've got the booking up.",
        "Tone it right back, madam, nothing has been charged.",
        "You're becoming rather irate, sir, so let me read the terms.",
        "You must to become more calm, the order is here.",
        "Don't light a fire in your head over a late sofa.",
        "Don't go getting all het up about it.",
        "Don't get your knickers in a twist over a receipt.",
        "Steady the buffs, madam, the fitter's found it.",
    ],
)
def test_list_afs_missed_classes_are_flagged(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "I'll soothe your worries straight away: the money is safe.",  # the agent's own offer
        "That should steady your nerves, the refund is already on its way.",
        "Please check your voice mail, the engineer left a time.",  # a thing, not a feeling
        "You'll have to settle the balance before we can release the van.",
        "You can unwind by the pool while we sort the room.",  # leisure
        "Stop performing the reset until the light goes green.",  # "performing" with an object
        "Don't get all mixed up with the two accounts, I'll merge them.",
        "Dial it right back to the first screen and try again.",
        "Don't get the hose in a knot when you reel it in.",
        "Make a fire in your stove only once the flue has been swept.",
    ],
)
def test_their_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


def test_a_request_to_calm_the_nerves_is_flagged_but_something_to_calm_them_is_not():
    assert CALM in kinds_fired("Aw, you just need to calm your nerves, I'll look into it.")
    assert CALM not in kinds_fired("Have a cup of tea to calm your nerves while the fitter checks it.")


def test_love_you_and_leave_you_heard_with_a_near_word_closes_only_as_itself():
    assert closing_fired("Read, I love you and lead you.")  # c803's "Reet, I'll love you and leave you" as heard
    assert not closing_fired("I love the blue, and I'll lead you through the order.")


def test_the_tuning_list_scores():
    recall, precision = scores("tuning_c5")[CALM]
    assert (recall, precision) == (1.0, 1.0)
    assert closing_recall("tuning_c5") == 1.0
    assert closing_false("tuning_c5") == 0.0
