"""The calm-down family's frames that carry to unseen wording, and sign-offs that end a call (issue 9).

A soothing word said twice over ("easy, easy", "pole pole"): :data:`coach.language.patterns.SOOTHED_TWICE` keeps the
repeat that :func:`~coach.language.patterns.normalise` otherwise counts once; anger as speed eased off; regional
intensifiers before the heated state; a state got "all in a <anything>"; "go full <anything> on me"; an abstract
intensity turned down a step; and their look-alikes. Sign-offs as the turn's last words: Irish "so", "I'm out", a
"stay <anything good>" wish, "<goodbye> for now", Welsh goodbyes, "laters" as heard (c851), "take 'er easy"; the
customer's relief at an answer is no close (c838). Wording fresh (list ``tuning_c7``), none copied from the calls or
the lists (list AH not opened, only its misses as classes).
"""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.patterns import normalise, word_tokens
from coach.language.phrasing import CalmDownRule
from tests.test_language_config_source import marked
from tests.test_language_wording import closing_false, closing_fired, closing_recall, kinds_fired, scores

CALM = "avoid_calm_down"


def test_a_soothing_word_said_twice_keeps_its_repeat_and_a_hesitation_does_not():
    assert normalise(word_tokens("Easy, easy now"))[0] == ("easy", "easy", "now")
    assert normalise(word_tokens("I I can't"))[0] == ("i", "can't")
    assert normalise(word_tokens("cool, cool"))[0] == ("cool",)


@pytest.mark.parametrize(
    "line",
    [
        "Easy, easy, we'll have the fridge swapped by Friday.",
        "Shush, shush, I'm getting the manager's note up.",
        "Ruhig, ruhig, the parcel is in the depot.",
        "Ease off the accelerator a bit, mate, I'm reading it now.",
        "Shift down a gear, sir, and we'll go through the quote.",
        "No sense getting wicked wound up about the traps.",  # a regional intensifier before the heated state
        "Now don't go getting yourself all in a dither, it's one signature.",
        "You're getting yourself worked into a right old state over a stamp.",
        "You need to dial down the energy a notch, then we'll talk refunds.",
        "Sir, you're coming in way too hot, it's a parking permit.",
        "There's no need to go full dragon on me over a cake tin.",
    ],
)
def test_the_frames_catch_fresh_wordings_of_the_family(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Cool, cool, that's your postcode changed.",
        "It's easy, easy to fit, it clips on.",
        "Hush, hush, my kids are in the next room, sorry, carry on.",
        "He just kept saying calm, calm, and giggling.",
        "Ease off the throttle as you come into the mooring.",
        "Drop down a gear on the hill and the judder goes.",
        "Don't go quiet on me, are you still there?",
        "Y'all can relax on the deck while the fence goes up.",
        "Then relax the webbing a notch before you lift it.",
        "The oven is running too hot for the sponge, so we've turned it down.",
    ],
)
def test_their_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Sound, you're booked in for Tuesday, good luck so.",
        "Right, the form's in, I'm outta here.",
        "Lovely, your order's placed, stay toasty.",
        "Ta, that's you booked, hwyl for now.",
        "Can it not be sorted for Saturday later's bet?",  # c851's "laters pet" as heard
        "Thank you so much for your great name, thank you all for now.",  # c842's "hwyl for now" as heard
        "All done, you're set for Sunday, take 'er easy.",
    ],
)
def test_sign_offs_that_end_the_turn_close(line):
    assert closing_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "I'm out on a job till two, so I'll ring you back then.",
        "Stay warm while the heating's off and I'll chase the engineer.",
        "Thanks for now, I'll just check with the warehouse.",
        "Bring the energy down a little before we continue, thanks so much.",  # "thanks so much" is no Irish "so"
        "Sir, please, just take it easy.",  # a calm-down ending the turn is not a goodbye
    ],
)
def test_mid_call_lines_with_the_same_words_do_not_close(line):
    assert not closing_fired(line)


def test_the_tuning_list_scores():
    assert scores("tuning_c7")[CALM] == (1.0, 1.0)
    assert closing_recall("tuning_c7") == 1.0
    assert closing_false("tuning_c7") == 0.0


# Session 38 (C8): the classes behind list AI's missed calm-downs and false alarms (list AI not opened, its misses read
# from the lead's results; our own wording in tuning_c8): a thing of the customer's "in a twist / tangle / knot" after
# a telling-off frame, any thing; a loud noise told to stop or asked none of; a tantrum's gesture told off; "easy with"
# the temper's product; "calmer down" as heard; a penalty for the shouting; the brakes put on a person for a moment.


@pytest.mark.parametrize(
    "line",
    [
        "Don't be getting your mittens in a twist, the grotto slot is still yours.",
        "Stop the howling, sir, and let me pull the note up.",
        "No shrieking, please, it's a dented lid.",
        "Quit slamming the phone, madam, I'm still here.",
        "Go easy on the hot air, pal, it's one parcel.",
        "I need you to calmer down sir the booking is safe",
        "That's a yellow card for the language, madam, now the order number please.",
    ],
)
def test_the_classes_of_list_ai_are_calm_downs(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Shift it down a gear and reverse slowly past the gatepost.",
        "Keep your cap on outside, the sun's strong at the lake.",
        "Hold your fire until the marshal drops the flag, it's the club's rule.",
        "You've got your lead in a knot behind the desk, unplug it and try again.",
    ],
)
def test_their_literal_look_alikes_are_not(line):
    assert CALM not in kinds_fired(line)


def test_the_tuning_list_of_session_38_scores_in_sample():
    recall, precision = scores("tuning_c8")[CALM]
    assert (recall, precision) == (1.0, 1.0)


@pytest.mark.parametrize(
    "line",
    [
        # session 39 (C9): a product, plan or setting named with a calm-down phrase, any noun after it (our wording)
        "That's the Stay Calm bundle, forty pounds with the diffuser.",
        "Pick the Settle Down lullaby on the monitor's second menu.",
        "Our Take It Easy plan has no minimum term.",
        "This Chill Out playlist comes free with the speaker.",
        "Their Wind Down range ships from the Leeds depot.",
    ],
)
def test_a_calm_down_phrase_naming_a_product_is_not_one(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and said to the customer, with "a" or "your" or no determiner, it still is
        "Have a chill out and ring us back when you're ready.",
        "Calm down, the parcel is on its way.",
        "Just relax and let me look at the order.",
    ],
)
def test_the_same_phrases_said_to_the_customer_still_are(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 39 (C9), second round: the classes behind list AJ's and c888's missed calm-downs (our wording)
        "Stop jumping around like a frog on a hotplate, I'm on the account now.",
        "Could we wind back the bellowing, madam, I'm trying to help.",
        "Would sir kindly compose himself, the refund is under way.",
        "Sheathe those talons, love, I'm on your side.",
        "Will you stop giving out to me, it wasn't me who sent it.",
        "There's no need to be doing your pieces over a late van.",
        "Let's all catch a breath and go through it again.",
        "Smooth down those hackles, pal, we'll sort the bill.",
        "Sir, you too much angry, I explain you now.",
        "Be calm, be calm, your booking is still there.",
        "Avast that hollering, the parcel is in port.",
        "Put aside the fury for a minute and let me check.",
        "Come down off the rafters, madam, it's only a refund.",
        "Quit spitting feathers, the engineer is on his way.",
    ],
)
def test_the_classes_of_list_aj_and_c888_are_calm_downs(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    marked(
        [
            # ... and their literal look-alikes
            "The dough has to chill overnight before you roll it.",
            "The concrete needs to settle for a day before the fence goes up.",
            "The kids were jumping around on the trampoline all afternoon, it's held up well.",
            "We'll dial back the thermostat on the tank for you remotely.",
            "The cat's claws are caught in the carrier door, unhook them gently.",
            "I'm spitting feathers, it's been a long shift without a drink.",
        ]
    ),
)
def test_their_literal_look_alikes_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 40 (C10), first round: composure as a thing to find or keep, bad energy coming off the customer,
        # "keep it together" / "pack it in" with an address (our wording)
        "Get your zen back, pal, the courier has it.",
        "Try to hang on to your inner peace, madam, it's one missing sock.",
        "Keep your poise, sir, the booking is still there.",
        "You're giving off a lot of angry energy, friend, and I'm only the help desk.",
        "Mate, you're throwing out some seriously toxic vibes over a router.",
        "Pull it together, love, we'll get the boiler going.",
        "Hold it together for me now, the form takes a minute.",
        "Cut it out, mate, I'm doing my best here.",
        "Button it, pal, and let me read the note.",
    ],
)
def test_the_first_round_of_session_40_catches_composure_and_energy(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes: a temper word naming a class or a thing, a breath on a thing, a dish cooled,
        # the zen of a place, the same verbs as instructions
        "We'll bring in the drama club at six and the band at seven.",
        "Take down the anger management leaflets from the noticeboard, they're out of date.",
        "Breathe on the lens and wipe it with the cloth.",
        "Blow into the mouthpiece until the meter beeps.",
        "Cool it on a rack before you ice it.",
        "Find your zen at our Thursday retreat, it's twenty pounds.",
        "Keep it together with the clip while the glue sets.",
        "Cut it out along the dotted line and post it back.",
        "The heater gives off a lot of energy for its size.",
    ],
)
def test_its_look_alikes_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 40 (C10), second round: the classes behind list AK's missed calm-downs and c912's / c920's as heard
        # (our wording)
        "Would you ever cop yourself on, it's a parking permit.",
        "Wise up, big man, it's one late delivery.",
        "Cool it with the swearing, pal, I'm reading your file.",
        "Quit with the panic, madam, the booking is safe.",
        "Try not to work yourself so agitated, the refund is on its way.",
        "Enough of the racket, sir, I can't hear the system.",
        "Nuh get vex, mi soon fix the bill.",
        "No need fi get bex, the van reach.",
        "You gotta calm yourself down, the ferry will still sail.",
        "Curb that fiery temper, good sir, the tailor cometh.",
        "Could we lower our voices a touch, madam, and go through the dates.",
        "Getting all that worked up won't bring the plumber any faster.",
        "Caller, you are running way too hot, let me read you the options.",
        "I need you to stand down for a moment, sir, and let me check.",
        "Try switching your temper off for a minute, please.",
        "Drop the shouty voice, love, I'm right here.",
        "You'll want to rein yourself in there, pal.",
        "Now don't go getting yourself in a heap over a bus pass.",
        "Don't get all hot and bothered, it's one form.",
        "Yo, chill with the attitude, it's being sorted.",
    ],
)
def test_the_second_round_of_session_40_catches_the_classes_of_list_ak(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and the look-alikes: list AK's false alarms as classes, and the literal senses of the new frames
        "Take a breather between the two sessions, the studio has a water fountain.",
        "Hold your nerve on the last bend and brake early.",
        "Take a deep breath out when the doctor says, then the scan starts.",
        "Relax your grip on the paddle and let the boat turn.",
        "Bring yourself in a bit early so we can fit the harness.",
        "Don't get so hot in the sun, there's shade by the pool.",
        "Chill with the lads on the terrace while the barbecue heats.",
        "Stop the noise from the fan by tightening the back panel.",
        "The engine is running hot, pull over and let it cool.",
        "Still your phone's on silent, so check the app for the code.",
        "You're running hot water while the boiler fires, that's normal.",
        "Lower your voices in the chapel, that's the one rule of the tour.",
        "You'll catch yourself on the camera at the finish line.",
        "Mind your tongue piercing with the salt rinse for a week.",
        "Drop the angry tone from the reminder letters, we've rewritten them.",
        "Relax your neck when you lift the box, the physio says.",
    ],
)
def test_its_look_alikes_of_session_40_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 41 (C11), first round: the told-off "getting all <state>" with the state a word no slot holds (our
        # wording), and "calm down" with its "down" drawled or heard otherwise
        "Ah now, don't be getting all mithered, it's one parcel.",
        "Bud, no need to get all squirrelly, the refund's gone through.",
        "Don't you go getting yourself all flappy, I'm on it.",
        "Dinnae get yersel aw scunnered, hen, it's the courier's van.",
        "Calm dine, sir, I'm reading the notes.",
        "Calm dun please, it's only the meter reading.",
        "Okay calm daan, we'll sort the bill.",
    ],
)
def test_the_first_round_of_session_41_catches_a_free_state_and_a_drawled_down(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and what one literally gets all of, or all over one
        "You don't have to get all the forms back today, the first one will do.",
        "No need to get all three, one adaptor covers the set.",
        "Don't get all muddy on the trail, there's a boot wash at the gate.",
        "Don't get all dressed up for the fitting, it's jeans and a tee.",
        "You don't get all the channels on the basic box, only the first forty.",
        "Try not to get all of it on the carpet, the primer stains.",
        "The calm dun mare is the one for beginners.",
    ],
)
def test_its_look_alikes_of_session_41_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 41 (C11), second round: list AL's missed classes and c944's as heard, our wording
        "There's no need to go full banana on me over a dented tin.",  # "go <anything> on me" told off
        "Now don't go all rogue on me, the fitter's booked.",
        "Don't go all drama-llama on me, the refund's authorised.",
        "Don't be getting yourself so worked right up, it's one invoice.",
        "If madam would kindly moderate her tone, I'll read the clause.",
        "Sold to the lady who's going to calm herself down in a moment!",
        "Please moderate your tone, sir, I'm doing what I can.",
        "Oga, don't be so high blood, the generator is coming.",
        "Oga, no dey high blood, the bus go come.",
        "We'll pick this up once you're in a calmer frame of mind.",
        "No need so cross lah, the voucher still valid.",
        "Doh get on so, the roti coming just now.",
        "What are you at, getting so prickly over it?",
        "Easy, no need to get so wild, the boiler's under warranty.",
        "Don't let your blood boil over a late parcel, love.",
        "No need get all flustered, the surf school rang back.",
        "Quit that hollerin', partner, I've got your booking here.",
    ],
)
def test_the_second_round_of_session_41_catches_list_als_classes(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes, with list AL's false alarms as classes (our wording)
        "Don't go quiet on me, can you still hear me?",
        "Don't go hanging up on me if it rings out, I'll call straight back.",
        "The engine fired right up once the fuse was in.",
        "I'll have a word with the driver, he'll watch his tone from now on.",
        "He'll settle himself down once the feed's done, most babies do.",
        "The sea should stay calm for the crossing on Sunday.",
        "Breathe out for six, then in for four, that's the yoga warm-up.",
        "We'll keep the pony in the end stable so he'll be calm for the show.",
        "Pole pole is the way we trek, so nobody gets altitude sickness.",
        "They don't get on so well, the two installers, so I've split the jobs.",
        "You're not getting so much over the limit this month.",
    ],
)
def test_its_look_alikes_of_session_41_second_round_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 42 (C12), first round: the exceptions for a thing let to cool, a thing that will relax and "relax,
        # you're covered" no longer excuse a temper, the customer addressed or the customer's own state (our wording
        # of list AH's, AJ's classes); and what tiny.en leaves of a told-off idiom (the tuning calls as heard)
        "Now allow that temper to settle a moment, sir, then we'll look.",
        "Let the anger cool a bit, madam, and we'll sort the refund.",
        "Look, my dear, you must relax, the refund is processing.",
        "Relax, you're fine, the booking's still there.",
        "Just bring yourself in a touch, sir, we're nearly there.",
        "Rain yourself in, the engineer's on his way.",
        "Don't go gettin' your kilt in a tangle, the piper's booked.",
        "Do not get yourself tumbling a heap over it, the delivery's Friday.",
    ],
)
def test_the_first_round_of_session_42_narrows_three_exceptions_and_reads_idioms_as_heard(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and the look-alikes the narrowed exceptions and the new frames must still leave alone (our wording)
        "Let the wine breathe an hour before you serve it.",
        "The leather will relax after a few wears.",
        "My nephew, he should relax more, says the doctor.",
        "Relax, you're covered for accidental damage.",
        "Relax, it's all sorted, the refund went out today.",
        "There's no need to get yourself down to the branch over it, I can do it on the phone.",
        "Don't get yourself into debt over it, we can spread the payments.",
        "You can bring yourself in a bit early on Tuesday to collect it.",
        "Don't go getting your hopes up in a hurry, the part's back-ordered.",
    ],
)
def test_its_look_alikes_of_session_42_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 42 (C12), second round: list AM's missed classes and c968's "cool your head" heard "kill your head"
        # (our wording)
        "Keep yer 'air on, mate, the van's two minutes away.",
        "Oi, 'old yer 'orses, I'm looking now.",
        "No need to get vexy like that, the refund's gone through.",
        "Be not so wrathful, good sir, thy parcel cometh.",
        "We're asking all customers to keep their composure while the system is down.",
        "Let's not get our tempers up, we'll sort it.",
        "Let's turn the anger off for a minute and look at the bill.",
        "Please kill your head a bit, madam, the engineer's booked.",
    ],
)
def test_the_second_round_of_session_42_catches_list_ams_classes(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes (list AM's false alarms as classes, our wording)
        "No need to get one like that, the old one's still under warranty.",
        "The crew are trained to keep their composure in a storm.",
        "Turn the heating off when you go out.",
        "Sit back, relax in the chair and the nurse will be with you.",
        "Serenity is the name of the spa, it's on the left.",
        "Thirty sticks, breathe strong, and the gloves.",
    ],
)
def test_its_look_alikes_of_session_42_second_round_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


def test_an_exception_for_a_machine_cooled_holds_inside_its_clause_only():
    # session 42 (C12): [avoid_calm_down] clause_exceptions (list AK's "gat to cool down, the boat" as a class, our
    # wording): the object after "cool down" is the next clause's subject once a comma ends the first
    assert CALM in kinds_fired("Mate, you got to cool down, the van comes tomorrow.")
    assert CALM in kinds_fired("You need to quiet down, the manager is on the line.")
    assert CALM not in kinds_fired("You got to cool down the engine first, then top up the oil.")
    assert CALM not in kinds_fired("Let the fan cool down the cabinet, then switch it back on.")


@pytest.mark.parametrize(
    "line",
    [
        # session 43 (C13), second round: list AN's missed classes (our wording)
        "Now, one ought to compose oneself before we carry on.",
        "The customer must moderate their tone, please, and then we can look at it.",
        "Right, let's get that calmed down and then we'll go through the bill.",
        "We need to bring the tension down before we go any further.",
        "Come on, turn that frown upside down, the part's in stock.",
        "There's no need to rock the boat over one late parcel.",
        "Settle yourself nah, the driver's round the corner.",
        "Yuh getting too cross over one letter, man.",
        "pls calm dwn, it's only a form",
        "Turn the heat down on yourself a bit, the order's coming.",
        # ... and the tuning calls' idioms as tiny.en left them (c888's "quit spitting air", c960's "moving your
        # religion"; our wording)
        "Quit spitting, mate, the engineer's on his way.",
        "Don't go losing your religion, the spare's in stock.",
        # session 43 (C13), third round: c985's "even keel" heard "even key" (our wording)
        "You'll want to get yourself back on an even key before we go through it.",
        "Steady the buffers, sir, I'm pulling up the order now.",
    ],
)
def test_the_second_round_of_session_43_catches_list_ans_classes(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes (list AN's false alarms as classes, and the new frames' literal senses; our wording)
        "I'll stay calm and go through it line by line with you.",
        "Get a good breath of that mountain air when you arrive, you've earned it.",
        "Turn the heat down on low and let it simmer for ten minutes.",
        "We'll get the swelling calmed down with an ice pack first.",
        "The kettle should stop spitting once it's descaled.",
        "Once the ballast is in, the hull sits on an even keel.",
    ],
)
def test_its_look_alikes_of_session_43_second_round_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


def _tables_flag(line: str) -> bool:
    """Whether the calm-down phrase tables alone (the head off) flag the agent's ``line``."""
    cfg = load_language_config(overrides={"avoid_calm_down": {"model_threshold": 1.1}})
    return CalmDownRule(cfg.avoid_calm_down, cfg.slots).find(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        # session 44 (C14), round two: list AO's missed classes and c1014's frame as heard, read by the tables (the
        # head caught some of them already; our wording)
        "Keep yer wig on, the engineer's coming.",
        "Honestly you need to really chill, the refund went through.",
        "Please, don't make a scandal, the order is coming.",
        "Do not make hysterics, sir.",
        "Mate, don't get so mental, it's one invoice.",
        "Don't go so crazy, it's a small fee.",
        "Dinnae gan daft on me, hen, the van's booked.",
        "Don't go get in your socks in a face over a fee.",
    ],
)
def test_the_second_round_of_session_44_catches_list_aos_classes(line):
    assert _tables_flag(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes (list AO's false flags as a class, c1008's heard pole, the frames' literal senses;
        # our wording)
        # a calm-down that names a business before a trade noun: [avoid_calm_down] heard_exceptions (session 45, C15),
        # which judge the words heard and hold no committed calm-down back (tests/test_language_stream.py)
        "The duvet comes from Chill Out Beds, and they collect the old one.",
        "Your cake's from Easy Tiger Bakery, they open at eight.",
        "Fix the tent pole pole end first, then the flysheet.",
        "Keep your shoes on in the workshop, there are offcuts on the floor.",
        "Don't go getting the parts in a box over the weekend, we'll collect them.",
        "The lounge is totally chill on a weekday afternoon.",
    ],
)
def test_its_look_alikes_of_session_44_are_not_calm_downs(line):
    assert not _tables_flag(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 45 (C15), round two: list AP's missed classes and c1036's as heard, read by the tables (our wording)
        "Calm yer sen, pet, the van's on its road.",
        "Steady thee sen down, love, it's only a day late.",
        "Sorry, everyone, I need the lady on the line to calm herself down.",
        "There's nae need tae get in a fankle about the invoice.",
        "Now don't be getting in a right strop, the part is here.",
        "Look, there's no need to be barking at me, I'm fixing it.",
    ],
)
def test_the_second_round_of_session_45_catches_list_aps_classes(line):
    assert _tables_flag(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes: eagerness, a pronoun breathed before a new clause (quiet c1049 as heard), the
        # agent's own state (our wording)
        "The twins are so excited to go to the zoo, it's lovely.",
        "Open the cedar box and breathe it, you'll smell the oil.",
        "Your kitchen fitter said you were really excited for the new worktop.",
        "I got myself in a right flap over the rota last week, but it's sorted now.",
        # round three: list AP's false flags as classes (a calm word after a determiner, a bill settled, rules relaxed)
        "Our Unwind bath salts come in lavender as well.",
        "Can you settle the outstanding balance by Friday?",
        "We've had to relax the returns policy for the sale.",
    ],
)
def test_its_look_alikes_of_session_45_are_not_calm_downs(line):
    assert not _tables_flag(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 46 (C16), round two: list AQ's classes read by the tables (our wording): the bare "unclench" before a
        # minimised "it's a / one ...", Shetland "dunna ... dysel" and Cumbrian "thissel" folded (patterns._DIALECT)
        "Madam, unclench, it's one late parcel.",
        "Dunna fash dysel, the man comes Friday.",
        "Calm thissel down, marra, the van's coming.",
        # round three: c1055's "wind your neck in" heard "land your neck in" (our wording)
        "Right, you'll want to land your neck in a bit, pal.",
        "Line yer neck in, the van's coming.",
    ],
)
def test_session_46_catches_list_aqs_classes_and_c1055s_heard_verb(line):
    assert _tables_flag(line)


def test_a_dunna_that_tells_no_one_to_calm_down_is_not_one():
    assert not _tables_flag("Dunna worry, the van comes Tuesday.")


def test_a_neck_tucked_in_a_scarf_is_not():
    assert not _tables_flag("Tuck your neck in the scarf, it's freezing out.")


@pytest.mark.parametrize(
    "line",
    [
        # session 50 (L49): "let's not make a <anything> out of it" as the recogniser leaves the idiom (c1136 espeak:
        # "let's not make a storm in a teacup out of it" heard "let's not make a form in a peak of out of it"; our
        # wording besides)
        "No, let's not make a form in a peak of out of it.",
        "Let's not make a right old palaver out of this, Doreen.",
        "Let us not make a whole hoo hah out of it.",
        "Lets not make a big old saga out of nothing.",
        # a name misheard as "the" before "take it easy" with the next clause after it (c1116 espeak: "Okay, Wendy,
        # take it easy, there's no call for hollering" heard "Okay, when the take it easy, there's no call following")
        "Okay, when the take it easy, there's no call following.",
        "Right, the take it easy, you're shouting at me.",
        "Oh the calm down please, I can hear you fine.",
    ],
)
def test_session_50_reads_the_idiom_and_the_address_as_heard(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes: an outing or a thing made "out of it", a habit, a product named before its noun
        "Let's not make a day out of it, we'll do the fitting in the morning.",
        "Let's not make a whole weekend out of it, one night is plenty.",
        "Let's not make a habit of it, but the late fee is waived this once.",
        "Let's not make a profit out of it, we'll sell them at cost.",
        "Let's not make a dress out of it, that fabric is for curtains.",
        "Our Take It Easy plan has no minimum term.",
        "The Calm Down tea comes in a tin of twenty.",
    ],
)
def test_session_50_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 50 (L49), round two: any verb of a raised voice "down the phone" (c1039 espeak: "shouting down the
        # phone won't bring the instructor back" heard "shogging down the phone ..."; our wording besides)
        "Honestly, you need to get a rib, shogging down the phone won't bring the instructor back.",
        "Yelling down the phone won't get the van here any faster.",
        "Hollering down the line isn't going to change the date.",
    ],
)
def test_session_50_a_voice_raised_down_the_phone_is_told_off(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reading the number down the phone won't work, please key it in.",
        "Putting it down the line won't get through, use the app instead.",
        "The voices down the line are faint, can you hear me now?",
    ],
)
def test_session_50_what_is_said_down_the_line_is_not(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 50 (L49), round three (in sample: c1156, c1160, c1161 as heard after their flip; our wording besides):
        # a temper worked into "a right <anything>", the proportion idiom's last word lost, an upset that won't make
        # anything "any faster", its negation lost
        "Okay, Mr. Yamaha, you're working yourself into a right plan or over this",
        "Stop winding yourself up into a proper two and nine about it.",
        "Well, let's not blow this out of all propulsion now.",
        "Getting into a state about it is going to print them any faster.",
        "Getting worked up won't get the van here any sooner.",
    ],
)
def test_session_50_round_three_catches_the_heard_forms(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "You're working yourself into a corner over this, let me help you word it.",
        "Getting the part from Italy isn't going to be any faster, I'm afraid.",
        "Blowing the dust out of all the vents is the first thing I'd try.",
    ],
)
def test_session_50_round_three_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 50 (L49), round five (in sample: list AU's false flags as classes; our wording): a calm-down phrase
        # naming a range, headphones or a studio
        "The Keep It Calm diffuser is back in stock.",
        "Hush Hush earbuds ship on Monday.",
        "Breathe In yoga studio has a Thursday slot free.",
    ],
)
def test_session_50_calm_words_naming_a_product_are_not_calm_downs(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line", ["Keep it calm, please, I'm trying to help.", "Breathe in, then tell me what happened."]
)
def test_session_50_the_same_words_said_to_the_customer_still_are(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # session 51 (L50), round two (in sample: c1180 as heard after the flip): "quit ... out on me" with its verb
        # lost ("quit wigging out on me" heard "quit wicking out on me"), and an upset that won't bring "any" of a
        # thing ("getting loud won't put any fish in your creek"); our wording besides
        "Okay, Virgil, I need you to quit wicking out on me for a second.",
        "Stop flicking out on me, I'm trying to sort the booking.",
        "Please stop bugging out at me, we'll get it fixed.",
        "Let's keep the ship steady, Virgil, getting loud won't put any fish in your creek.",
        "Getting angry with me won't get you any seats on that train.",
        "Being stroppy about it isn't going to magic up a single extra slot.",
        "Getting worked up can't buy us any more time, I'm afraid.",
    ],
)
def test_session_51_a_frame_heard_whole_with_its_verb_lost_is_a_calm_down(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        # ... and their look-alikes: a line, a person or a machine going "out on" the agent; the customer's own upset
        # as a fact, a fee, or a quantity
        "Quit cutting out on me, the signal's awful.",
        "Stop zoning out on me, I need the card's long number.",
        "The printer keeps conking out on me, give me a second.",
        "Please don't run out on me before we've booked it.",
        "Getting there early won't cost any extra.",
        "Being a member doesn't cost any more this year.",
        "I know you're upset, and getting a refund won't take any time at all.",
    ],
)
def test_session_51_look_alikes_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # session 54 (L53, issue 9): a temper idiom headed off, then the agent's own next step (list AX, in sample)
        ("Right, before you blow a gasket, let me just pull up your account.", True),
        ("Before you blow your top, let me explain where your order is.", True),
        ("Now before you fly off the handle, hear me out.", True),
        ("Before you go blowing a gasket, we can sort this out together.", True),
        # the literal part, or an instruction after it
        ("Before you blow the gasket on the pump, switch the power off.", False),
        ("Before you blow a fuse in the kitchen, check the wattage on the kettle.", False),
        ("Before you blow the leaves off the drive, let me know the time you want us.", False),
        ("Before you lose your place, let me note the page number.", False),
    ],
)
def test_a_temper_idiom_headed_off_before_the_agents_next_step(text, fires):
    assert ("avoid_calm_down" in kinds_fired(text)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # session 54 (L53, issue 9): "a thing calms down" holds only inside its clause: across a comma the words before
        # are a clause of their own and "calm down" is said to the customer (list AY, in sample)
        ("Ease up, me son, no need for all that, calm down and I'll sort it.", True),
        ("Right, enough of the dramatics, calm down and I'll tell you what's happening.", True),
        ("No need for that, settle down.", True),
        ("Enough of that, simmer down please.", True),
        ("Listen, stop with the stress, calm down, you are making a big fuss for nothing.", True),
        # the thing that calms keeps its subject inside the clause
        ("Give the dough an hour, it'll settle down.", False),
        ("Once the kids are back at school, things calm down.", False),
        ("Leave the lid off for ten minutes, the steam will settle down.", False),
        ("After the first week, the noise should quieten down.", False),
        ("By Friday, the wind should calm down.", False),
        ("Run it for a minute, the rattle will settle down.", False),
        ("In my experience, the swelling tends to calm down after a day.", False),
        ("Don't worry, the fan will quiet down once it's warm.", False),
        ("After the rush, the shop should calm down a bit.", False),
        ("Once it's plugged in, it'll cool down on its own.", False),
        ("Through the night, the heating will cool down gradually.", False),
        ("For the first few days, the puppy might settle down slowly.", False),
        ("Within an hour, things usually calm down.", False),
        ("Honestly, once the new system's in, everything should settle down.", False),
        ("The puppy, once fed, will settle down.", False),
        ("Switch it off at the wall, let it cool down, then try again.", False),
    ],
)
def test_a_thing_that_calms_down_keeps_its_subject_in_the_clause(text, fires):
    assert ("avoid_calm_down" in kinds_fired(text)) is fires
