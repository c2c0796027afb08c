"""The calm-down family as shapes over word families, list AF's missed calm-down classes, and "I'll love you and
leave you" as heard (session 35, helper C5, issue 9); the temper idioms as a grammar under every telling-off frame and
goodbyes of more languages (session 36, helper C6: slots ``calm_fit`` / ``calm_fuss``, list ``tuning_c6``).

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


@pytest.mark.parametrize(
    "line",
    [
        "Please don't go pitching a hissy fit, the tiler is booked.",  # a frame + an idiom head of calm_fit
        "Quit throwing the teddy out of the cot, the key safe is ordered.",
        "No sense blowin' your stack over a letter, love.",  # the dropped "g"
        "There's no call to be going bezerk, the groomer can do Tuesday.",
        "You're making a right hullabaloo over one chipped cup.",  # "you're" + the idiom told back
        "You keep flying off the handle before I can answer.",
        "Don't get the raging hump, the booking's only moved an hour.",
        "Stop getting yourself all of a tizz over the smart meter.",
        "There's no need for all that door slamming, sir.",  # a temper's product (calm_fuss) had none of
        "Can we have less of the potty mouth, please, and I'll check.",
    ],
)
def test_the_temper_idioms_are_a_grammar_under_every_frame(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Don't plug both heaters into one socket or you'll blow a fuse on that circuit.",  # literal look-alikes
        "If you don't see red on the panel, the filter is clean.",
        "We don't have a fit that short in the boot range, I'm afraid.",
        "You don't have kittens listed on the pet cover yet.",
        "You don't get spare batteries in the box, they're sold separately.",
        "Most groomers make a fuss of him, he loves it.",
        "I'll email your back-up copy of the certificate this afternoon.",
        "I nearly lost the plot myself when the system crashed, so I get it.",  # the agent's own temper
        "My nephew threw a tantrum at the checkout, kids, eh.",  # a tantrum told as news
        "There's no need for the carry-on bag label, the case is tagged.",
    ],
)
def test_the_temper_idioms_literal_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize("line", ["All done then, sziasztok.", "Lovely, the fitter's coming Monday, dovidjenja."])
def test_goodbyes_of_more_languages_close(line):
    assert closing_fired(line)


def test_the_session_36_tuning_list_scores():
    assert scores("tuning_c6")[CALM] == (1.0, 1.0)
    assert closing_recall("tuning_c6") == 1.0
    assert closing_false("tuning_c6") == 0.0


@pytest.mark.parametrize(
    "line",
    [
        "Right, standing on, no need to go off in the deep end. Cows do come up in a big storm from time.",  # c816
        "Look, there are no fences moving the rag over the kidney pot where you'll get it sorted.",  # c816
        "Hey, settle, pedal. I didn't say we wouldn't.",  # c824's "settle, petal" as heard
        "Sit tight and quit fuming, the scaffold tower is on the van.",  # the tuning part's and list AG's classes
        "A bit less drama and a bit more of the postcode, please.",
        "Let some of that steam out first, sir, then we'll look at the quote.",
        "Cool your heart, brother, the refund is on its way.",
        "Heads cool and voices down, please, and we'll sort the booking.",
        "Pump the brakes, chief, I'm still reading the note.",
        "No vex, my brother, the generator will come tomorrow.",
    ],
)
def test_the_tuning_part_and_list_ag_classes_are_flagged(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "After the facial, just take it easy and keep out of the sun.",  # aftercare, list AG's false alarm as a class
        "Abeg no vex, I'll put the new meter in today.",  # the agent's own apology
        "Let the steam out of the pressure cooker before you open the lid.",  # steam, storms, modes taken literally
        "Let the storm pass and the roofers will go up on Monday.",
        "Switch it to zen mode in the app and the lights will dim.",
        "Pump the brakes a few times and see if the pedal firms up.",
        "Keep moving the rag over the hob in small circles.",
    ],
)
def test_their_look_alikes_of_the_second_round_stay_quiet(line):
    assert CALM not in kinds_fired(line)


def test_hooroo_as_heard_and_a_wish_with_yourself_close():
    assert closing_fired("Right, all the land, Haru.")  # c829's "righto then, hooroo" as heard
    assert closing_fired("That's all squared away, have yourself a grand evening.")
    assert not closing_fired("Have yourself a think about the colour and ring me back.")
