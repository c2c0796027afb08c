"""Language moments as the recogniser hears them, by class (issue 9, session 58, helper L59).

Session 57's unseen part (c1318-c1341) missed ten of its 21 language moments; eight were the recogniser's: the phrase
tables held the idiom, the goodbye or the blame as said, and the words heard differed on one key word. Each class is
read by its structure, so a near word in the same place is caught too, and each has look-alikes that stay quiet:

- a blame told as use whose deed is misheard, kept by the customer's own place after it ("so it'll be the way it's been
  threaded up at home", heard "so it'll mean that way it's been for any note at home"; slot ``use_place``); "down to
  where" heard "now done where"; the cleft of a misuse ("it's the stock leaning on it that'll have ...", heard "it's a
  stop leaning on it that I'll have ..."); the conditions "it's been ridden in" and the loft it was "stacked in" (helper
  R22's open probes of session 57); a deed then "that's why <the fault>", what one "gets when" it is so used, a thing
  "typical of" one so kept (own wording);
- a deflection whose remit word is heard as a near word ("that's their department" heard "that's an apartment"), kept
  only with the customer sent to call someone straight after;
- a calm-down idiom with its telling-off word or its noun misheard ("dinnae go tying yourself in a fankle" heard
  "didn't go tying yourself in a fenkel") or its first word misheard before an address ("ease off the gas there,
  buddy" heard "He's off the gas there, buddy");
- a goodbye's "now" heard "out" as the turn's last words ("cheers now" heard "Cheers out.").

Round two (list BC's misses after BC_FLOORED, in sample for it): a use or misuse as the cause, then the cover refused
("because it was charged on a non-original charger, so the guarantee doesn't apply"; the cover named only to refuse it
is no remedy: ``use_blame.toml`` not_taken_on), a kind of use against a fault with no "so", the cause's kind after a
regret, a use that made the fault "always going to" come, "down to how the wall was prepped"; deflections in dialect
("that ent our job, you'll hatta ring the council"), "not with us, you must talk with ...", "we've no part in that",
"for them to decide". Helper R23's look-alikes of round one (l59c) are kept quiet here too.

Designed on c1318-c1341 as heard (tuning since session 58), R22's probes and list BC: IN SAMPLE for those. Text
level only."""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_fired, kinds_fired
from tests.test_positive_language_use_blame import after_complaint

FAULT = "It's stopped working and it's broken, it's rubbish."

# (as heard on c1318-c1341 or as said in the same class, own wording): a fault is on the table (the customer's)
BLAMES = [
    "Well, more often than not, keeping on -most comes from the lower loop and meeting for any note and more. So it'll "
    "mean that way it's been for any note at home.",
    "So, that's what happens to me cells when the mic is being kept, out in a heated shed from the floss, so it'll be "
    "now done where it's been hung overnight.",
    "See, the wall on the passenger like that gets the tucks scratching their backs on it all winter, so it's a stop "
    "leaning on it that I'll have bush it out.",
    "So that'll be how it's been stacked in your loft, I'm afraid.",
    "That'll be the conditions it's been ridden in, I'm afraid.",
    "It's down to the conditions it's been ridden in rather than the bike.",
    "So that's the way it's been handled on your side, not a fault with the case.",
    "It's been stored in the cold and that's why the battery's gone.",
    "That's what you get when they're washed on a hot cycle.",
    "That's typical of a unit that's been kept somewhere damp.",
    # round two (list BC's, in sample)
    "The battery's swollen because it was charged on a non-original charger, so the guarantee doesn't apply.",
    "Sorry, babe, the zip's gone 'cause the case was overstuffed, that's a usage thing, not a fault.",
    "The filter in the pump was never rinsed out, so I'm afraid that's upkeep on your side.",
    "If the bike was left chained up in the rain every night, that chain was always going to seize, I'm afraid.",
    "The paint's peeling because it went on over damp plaster, so it's really down to how the wall was prepped.",
]

# the same words with the agent taking the cause on, the firm's side doing the deed, a restore, a time for a deed, a
# deed done right, a payment sitting in an account
BLAME_LOOK_ALIKES = [
    "So that'll be how it's been stored in our warehouse, I'm afraid.",
    "So that's where it's been sitting in your account since Monday.",
    "So that's how it was set up at home before, and I'll put it back the same way for you.",
    "So it'll be the way it's been set up at home, so I'll send an engineer out to redo it today.",
    "So it's our driver leaning on it that'll have bent it, I'm so sorry, that one's on us.",
    "That'll be the conditions it's been stored in at our depot, so we'll replace it.",
    "So that'll be how it's been stacked in your loft, and we'll pay for the repair.",
    "So it'll mean that way it's been for ages at home, nothing wrong there.",
    "It's been stored at our depot for a month and that's why the battery's gone, sorry about that.",
    "That's what happens when it's been set up properly, it runs nice and quiet.",
    "That's typical of a unit that's been installed by our engineers, they always do a neat job.",
    "It's been used a lot, and that's why it's covered under the care plan, I'll book it.",
    # round two's
    "If it's been dropped, don't worry, the warranty still covers it.",
    "Because it was fitted by our engineer, the guarantee doesn't apply to the labour, so we'll pay that.",
    "That's a usage thing, not a fault, but I'll swap it for you anyway.",
    "If it's left out in the rain, it's going to rust, so keep it covered.",
    "If it's kept dry, it was always going to last for years.",
    "So it's really down to how the kitchen was prepared, and I'll redo it for you free of charge.",
]


@pytest.mark.parametrize("text", BLAMES)
def test_blames_told_as_use_as_heard_fire(text: str) -> None:
    assert "positive_language" in after_complaint(text, FAULT)


@pytest.mark.parametrize("text", BLAME_LOOK_ALIKES)
def test_blame_look_alikes_stay_quiet(text: str) -> None:
    assert "positive_language" not in after_complaint(text, FAULT)


@pytest.mark.parametrize(
    ("complaint", "fires"),
    [
        # the customers of c1319 and c1326 as heard: the fault told in words the list lacked
        ("For the last fortnight the motor has been dying halfway up the hill, yesterday it stopped dead.", True),
        (
            "I paid 95 euro to have the skip stitches sorted, and it's doing the exact same thing on the first seam.",
            True,
        ),
        ("Another five or six yards either side is bellied out and won't stand the winter.", True),
        # no fault: a wish, a thing done the same way, a price dropping
        ("I'm dying to get it back out on the road, to be honest.", False),
        ("I've been doing the same thing for years and it's always been fine.", False),
        ("The price dropped from ninety to sixty in the sale.", False),
    ],
)
def test_faults_told_in_other_words_put_the_fault_on_the_table(complaint: str, fires: bool) -> None:
    text = "So it'll be the way it's been set up at home."
    assert ("positive_language" in after_complaint(text, complaint)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # c1320 as heard, and the same with "their"
        (
            "The north witch and go through melon valley inspection, that's an apartment, so you want to get on the "
            "phone with melon out it.",
            True,
        ),
        ("That's there department, so you'd need to ring them about it.", True),
        # round two (list BC's, in sample)
        ("Sorry, bor, that ent our job, you'll hatta ring the council about that.", True),
        ("Sorry, my friend, this is not with us, you must talk with the transport company.", True),
        ("Speak to your energy supplier, we've no part in that.", True),
        ("The festival organisers sold the tickets, so a refund would be for them to decide.", True),
        # the errand taken on, our own number, a flat for rent, a size out of stock, a thing not ours, a case on its way
        ("That's their department, so I'll get on the phone with them for you.", False),
        ("We've no part in that size right now, but the wider one's in stock.", False),
        ("It ent our van, it's the neighbour's.", False),
        ("This is not with us yet, it'll reach us tomorrow and I'll call you straight away.", False),
        ("The date would be for them to decide, but I'll push for Friday and ring you back.", False),
        ("That's an apartment, so you'd want the two-bed listing.", False),
        ("That's an apartment, so you'd want to call us back with the flat number.", False),
        # helper R23's (l59e on 36b6d20b): "hafta call" the agent back, no hand in the customer's own good work; the
        # same shapes sending the customer on still fire
        ("You'll hafta call me back with the serial number, it's on the back, no rush at all.", False),
        ("We had no hand in that, it's all your own work, and it looks brilliant.", False),
        ("That's not ours, you'll hafta take it up with the airline.", True),
        ("We had no hand in that, that's all your own doing.", True),
    ],
)
def test_a_deflection_with_its_remit_word_misheard(text: str, fires: bool) -> None:
    assert ("positive_language" in kinds_fired(text)) is fires


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # c1321 and c1325 as heard
        ("Ok, didn't go tying yourself in a fenkel or a few letters in.", True),
        ("Okay, whoa, whoa. He's off the gas there, buddy. Okay", True),
        ("Don't go tying yourself in a fankle, hen, it's three letters.", True),
        # a contract, a fitter off the gas supply, a rope
        ("Don't go tying yourself into a long contract if you're moving next year.", False),
        ("The engineer? He's off the gas there now, he'll be back on Tuesday.", False),
        ("He's off the gas there, mate, until Tuesday.", False),
        ("He's off the gas now, sir, so the boiler won't fire.", False),
        ("Try not to tie the rope in a knot round the post.", False),
        # helper R23's (l59c, in sample): a fitter off the gas after a yes or with good news, a body reaching for it
        ("Yes, he's off the gas now, love.", False),
        ("He's off the gas now, sir, good news, the engineer has made it safe.", False),
        (
            "Don't go twisting yourself into a knot trying to reach the back of the unit, just unplug it at the wall.",
            False,
        ),
        # helper R23's (l59e on 36b6d20b): what the customer did not do, said as praise; the heard telling-off fires
        ("Well done, you didn't go tying yourself in a state over it, most people panic.", False),
        ("Och, didn't go tying yourself in a fankle over a form, pal.", True),
    ],
)
def test_calm_down_idioms_with_a_word_misheard(text: str, fires: bool) -> None:
    assert ("avoid_calm_down" in kinds_fired(text)) is fires


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # c1327 as heard
        ("Brilliant. I'll get that sorted and send you the new times. Cheers out.", True),
        ("Right, that's the order in, ta-ra out.", True),
        # the word mid-call, thanks for a detail
        ("I'll get the cheers out of the way and then we'll do the forms.", False),
        ("So that's the new address, cheers.", False),
        # "as we speak" is now, not "we speak soon" (helper Q56's note on c1323, in sample)
        ("The confirmation's coming to your inbox as we speak.", False),
        ("Lovely, we speak soon then.", True),
    ],
)
def test_a_goodbye_with_its_now_heard_out(text: str, closes: bool) -> None:
    assert closing_fired(text) is closes
