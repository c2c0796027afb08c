"""Positive language (issue 9): blame told as how a thing was used or set up, and the refusal families of session 54
held to what they refuse (session 55, L54).

Blame as use: the fault put "down to where" the customer's side kept or parked a thing ("that's really down to where the
van was parked", c1247), a cause told as "so it's how it was <baked>" (list AY), and the setup at home blamed "rather
than the <thing> itself" (c1253). The look-alikes share the words: a schedule ("down to where the depot is", "where the
van is parked overnight"), the use done by the firm's side ("fitted by our engineer", "set up on our end"), a cause the
agent then covers ("..., so we'll pay for the repair"), a cost split ("the main cost would be the installation rather
than the unit itself"). Round two (list AZ, AY; in sample): a deed of the customer's side then the tag that names it the
cause ("your builder will have fitted the trap back to front, that's where the leak comes from"), a habit or use as the
cause ("so that'd be the charging habit", "so that's down to the cooking"), a setting of ours not kept ("if the settings
had been left as we sent them, the heating wouldn't have cut out"); not the firm's side's deed, a deed with no cause
named, a team or visit named by a use-word ("down to the cleaning crew"). Round three (c1275, c1279, c1282 after the
flip; in sample): "your carrier will have been folding the box ..., so that's where the bend's coming from", "so the
mould will have started under your own wrapping", "so it was her end really, nothing we could have done".

The refusal families (helper R19's look-alikes of session 54): a remit told with when, how or where it IS done ("not
processed by us on bank holidays, so it'll go through on Tuesday", "by post any more, it's all online now"), a third
party's refused liability ("the landlord bears no responsibility for your contents"), no duty of ours and then the agent
doing the errand ("under no obligation to wait for the paperwork, so I'll refund you today"). Text level only:
milliseconds a case after the config load.

The lead took the blame block out after L54 had finished (docs/nudges.md, "Taken out by the lead"): helper R20's
look-alikes, a restore, a charge, a schedule, an instruction, the firm owning a fault, fired on 24 of 27. Its positive
cases were a strict xfail; session 56 (L55) reads them by structure (``coach/language/use_blame.py``): (a) the cause
placed on the customer's side (the ``use_blame`` family), (b) a fault on the table (named in the turn or told as bad
news, or named by the customer earlier in the call), (c) the agent not taking the cause on (no remedy, fix, cover,
apology or booked next step in the match's sentence or the next). Each piece is tested on its own below; R20's lines
and L55's fresh look-alikes stay quiet both alone and after a customer's complaint of a fault."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.patterns import compile_patterns
from coach.language.text import Match, first_match
from coach.language.use_blame import FAMILY, UseBlame
from tests.test_language_rules import final
from tests.test_language_wording import CONFIG, kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        # blame told as where or how the thing was kept, used or set up
        "It's all down to where the plant's been kept, it needs more light than that.",
        # round two: a deed of the customer's side, then the tag that names it as the cause
        "Your husband must have wired the plug in wrong, that's what caused it.",
        "Your electrician will have overloaded the circuit, that's where the tripping comes from.",
        # round three: whoever of the customer's side was doing it, a fault grown under their own, a third party's end
        "That's their side of things, you'll need to ring them.",
        "That's really their side, not ours.",
        "There's nothing more I can do.",
        "It's the landlord's job to fix the boiler, you'll have to ring him.",
        "That's the bank's job, so you'd need to call them.",
        "It's the installer's responsibility, so I'll leave that with you.",
        # the refusal families still refuse
        "That isn't handled by us, you must contact the head office.",
        "That isn't handled by us any more, ring the bank.",
        "Complaints aren't handled by us, write to head office.",
        "Per clause fourteen point two, the company bears no liability whatsoever for the delay.",
        "My client accepts no liability whatsoever for the water damage.",
        "We accept no responsibility for items left in the vehicle.",
        "Management can't accept any liability for that.",
        "We're under no obligation to refund you, I'm afraid.",
    ],
)
def test_blame_as_use_and_refusals_fire(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        # a remit told with when, how or where it is done (helper R19's look-alikes, and more)
        "Payments aren't processed by us on bank holidays, so it'll go through on Tuesday.",
        "Returns aren't dealt with at this desk on Sundays, but the desk opens at nine tomorrow.",
        "That's not processed in this department, it's done automatically overnight, so there's nothing for you to do.",
        "Refunds aren't handled by us by post any more, it's all online now and much quicker.",
        "Card payments aren't processed by us at weekends, so it'll show on Monday.",
        "Claims aren't handled at this desk on Saturdays, but the team's back at eight on Monday.",
        "Direct debits aren't processed by us on public holidays, they go out the next working day.",
        "Renewals aren't handled by us by letter now, it's all done by email.",
        "Your repayments aren't managed by us over the phone any more, the app does it in two taps.",
        "That isn't processed in this department, it's all done automatically at midnight.",
        "Refunds aren't dealt with by us in person, they go straight back to your card.",
        "Meter readings aren't processed by us overnight, so it'll update in the morning.",
        "Cancellations aren't handled by us after hours, but you can do it in the app any time.",
        "Your statement isn't processed by us, it's sent automatically for you each month.",
        # a third party's refused liability, or no duty of ours followed by the agent's errand
        "We're under no obligation to wait for the paperwork, so I'll refund you today.",
        "We're under no obligation to wait for the courier, so I've sent the replacement already.",
        "The landlord bears no responsibility for your contents, that's what your contents cover is for.",
        "Your old bank accepts no liability for this one, so we've refunded it ourselves.",
        "The courier takes no responsibility for the parcel after it's signed for, so keep the card they leave.",
        "The bank takes no responsibility for the transfer once it's authorised, so double check the sort code.",
        "The airport accepts no liability for parking fines, so keep your ticket with you.",
        "The previous owner bears no responsibility now, so it's all in your name.",
        "Your gym accepts no liability for lockers, so we've added cover to your policy.",
        "Your old insurer takes no responsibility for it now, so we've covered it ourselves.",
        "The seller accepts no responsibility after thirty days, so I've raised it with the card issuer for you.",
        "Council accepts no liability for bins left out, so pop it back in after collection.",
        # how or where a thing was used, told as a schedule, the firm's own doing, or a cause the agent covers
        "The delivery time is down to where the depot is.",
        "I'll send the driver back to where it was left.",
        "Whether it arrives today is down to where the parcel was left at the depot.",
        "Where you parked is fine, the driver will find you.",
        "That scratch was down to how it was fitted by our engineer, so we'll put it right for free.",
        "That's down to how it was installed, so I'll send the fitter back at no charge.",
        "That was down to where our driver parked, so we'll pay for the repair.",
        "So it's how it was packed at our warehouse, I'm sorry, I'll send a new one.",
        "So it's how it was set up on our end, and I've changed it now.",
        "So it's how it was built originally, and the new one has the fix.",
        "It's best stored somewhere dry, that's how it was designed.",
        "If it's stored in the garage over winter it'll last for years.",
        # the setup or the fitting named against the thing itself, as a cost or with the agent's remedy
        "The main cost would be the installation rather than the unit itself.",
        "The bigger saving would be the setup at home rather than the monthly fee.",
        "The price would be the fitting rather than the cabinet itself.",
        "Which would be the usage at home rather than the tariff itself, so I'll send you a smart meter.",
        "So it'll be the way it's been set up rather than the boiler itself, and I'll book an engineer to adjust it.",
        # round two's look-alikes: the firm's side or a thing as the doer, a deed with no cause named, the remedy after
        "Our engineer will have fitted the valve the wrong way round, that's where the leak comes from, so I'll send"
        " him back today.",
        "Your parcel will have been damaged in transit, that's where the dent came from.",
        "Your kids pressing the buttons won't hurt it at all.",
        "That'll be your daughter ringing back, that's what she said she'd do.",
        "The driver will have scratched the door, that's where the mark came from, so we'll pay for the repair.",
        "You'll have pressed the reset button, that's what makes the light flash, and that's fine.",
        "Your son will have turned the heating up, that's where the warmth is coming from, lovely.",
        "Your partner will have set it up, that's what the email was about.",
        "The technician switched the router, that's what caused the reboot, and it's all done now.",
        # ... a use-word naming a team, a visit or a schedule; a setting that helps the customer
        "The cleaning crew were in this morning, so that's down to the cleaning team.",
        "So that's down to the cleaning crew, they come on Tuesdays.",
        "So it'll be the washing programme you pick that decides the time.",
        "So that's down to the heating engineer's visit on Friday.",
        "So that's down to the washing machine engineer, who's booked for Monday.",
        "So that'd be the charging point outside your building.",
        "That'd be the feeding schedule the vet gave you.",
        "If the parcel had been left as you asked, it wouldn't have got wet, so I'm sending a new one.",
        "If it had been set up as we advised, the bill would be lower, so I've switched you now.",
        "If it had been fitted as we recommended, you wouldn't have needed the extra bracket, but it's fine as it is.",
        # round three's look-alikes: a thing as the doer, the firm's packers, a fault the agent covers, the customer
        # consoled, a password at her end, a click that is safe, a payment from their own account
        "There was nothing you could have done, please don't blame yourself.",
        "Your order will have been sitting on the shelf at the depot, that's where the delay came from, so I've"
        " rushed it.",
        "Your parcel will have been folded by our packers, that's where the bend's coming from, so I'll send"
        " a new one.",
        "The mould will have started in the warehouse before it reached you, so we'll replace it.",
        "The damp will have got in through your roof, so I'll send a roofer out tomorrow.",
        "So it was her end that needed the new password, and she's sorted it now.",
        "Your son will have been turning the dial, that's what the click is, it's perfectly safe.",
        "There's nothing more we could have asked for, the event was perfect.",
        "The payment will have come from your own account on Friday.",
        "The stain will have come out in your wash, it's only chalk.",
        "Your engineer will have been kicking off about the parking, that's where the complaint came from, and I've"
        " sorted a permit.",
        # a side that is a place or a telling, a question offering more (fired before session 55)
        "That's their side of the building, the lift's on the left.",
        "So that's his side of the story, what's yours?",
        "Is there nothing more I could do for you today?",
        "Is there nothing else we can offer you before you go?",
        # someone else's job named, then the agent chasing it for the customer
        "It's the landlord's job to fix the boiler, but I'll email him now and copy you in.",
        "That's the council's job, but I'll ring them for you straight after this call.",
        "It's the courier's responsibility, so I'll chase them today and call you back.",
        # helper R20's look-alikes of L54's blame-as-use family (session 55), quiet since the lead took it out
        "Whether we can collect on Saturday, that's down to where the trailer was parked, "
        "if it's on the road it's fine.",
        "Which depot picks it up is really down to where the parcel was left for collection.",
        "I've put the router back to its factory settings, so it's how it was set up on the day it arrived.",
        "The engineer reset the boiler this morning, so it's how it was installed originally.",
        "I've restored your old tariff, so it's the way it was configured before the upgrade.",
        "We've put the seats back, so it's how they were fitted when you bought the car.",
        "The charge you saw, that would be the installation rather than the cooker itself.",
        "What the engineer replaces, that'll be the fitting rather than the tap itself, at no cost to you.",
        "The second invoice, which will be the installation rather than the units themselves, is already paid.",
        "The noise, it'll be the wiring rather than the doorbell itself, so our electrician will pop round tomorrow.",
        "The part on back order, that would be the mounting rather than the screen itself, and it's due Friday.",
        "It's probably down to where the router was positioned, so moving it nearer the window should sort the signal.",
        "That's down to where the boiler was installed, so the engineer will need a longer flue, "
        "he's booked for Tuesday.",
        "If you keep pressing the reset button, that's what triggers the factory reset.",
        "Once you start turning the dial, that's what sets the timer going.",
        "When you hold it, you'll be pressing the side button, that's what starts the pairing.",
        "So you just keep switching it on and off, that's what triggers the update.",
        "Thank you, our driver damaged the box, that's where the dent came from.",
        "The engineer you booked with us wired it wrongly, that's where the fault came from, I'm really sorry.",
        "The fitter you had from us fitted it upside down, that's what caused the leak, and that's on us.",
        "Thank you, we damaged it in the warehouse, that's where the crack came from.",
        "I've emailed the care guide, so that's the washing routine for the coat all set out.",
        "The caterers deliver when it's ready, so it's down to the cooking, usually by six.",
        "The engineer comes on Tuesday, so that's the heating routine sorted for winter.",
        "We collect once the oven cools, so it's all down to the baking really, then the van comes.",
        "I checked every scan, there's nothing more we could have done to get it there sooner, "
        "so I've refunded the postage.",
        "Honestly, there's nothing else I could have done on the day, but I've booked you the first slot tomorrow.",
        "So it was their end really, the bank's system was down, and it's all gone through now.",
        "The damp will have started under the old flooring, so the surveyor will check it on Monday.",
        "The rust has formed under your wheel arch trim, and that's covered under the warranty.",
    ],
)
def test_look_alikes_of_use_blame_and_refusals_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


COMPLAINT = "The handle snapped off on Friday and now it's leaking all over the floor."
"""A customer's complaint of a fault, said before the agent's line in the call-level tests (piece (b) from the call)."""

USE_BLAME = UseBlame(CONFIG.slots)
PIECE_A = compile_patterns(next(r.match for r in CONFIG.positive_language.phrases if r.family == FAMILY), CONFIG.slots)


def piece_a(text: str) -> Match:
    """The first match of the ``use_blame`` family (piece (a), before its exclusions) in ``text``; there must be one."""
    m = first_match(text, PIECE_A)
    assert m is not None
    return m


def after_complaint(text: str, complaint: str = COMPLAINT) -> frozenset[str]:
    """The kinds agent final ``text`` is nudged for by a fresh coach that first heard the customer's ``complaint``."""
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", complaint, 0.5))
    return frozenset(n.kind for n in coach.push(final("agent", text, 4.0)))


# blame told as use, with the fault in the agent's own turn (or told there as bad news): nudged alone
BLAME_FAULT_IN_TURN = [
    "That's down to where the bike was stored, I'm afraid.",
    "The bread won't rise like that if the tin's been opened early, so it's how it was baked.",
    "The paint only bubbles in direct sun, so it's how it was stored over the summer.",
    "It only leaks like that when it's overfilled, so it must be how it was filled up.",
    "That's what happens when the bedding's damp, which would be the setup at home rather than the cage itself.",
    "It'll be the wiring at home rather than the lamp itself, I'm afraid.",
    "Your builder will have fitted the trap back to front, that's where the leak comes from.",
    "That'll be your kids pressing the buttons, that's usually what causes it.",
    "Well, the plumber you had before us will have damaged the pipe, that's where it started.",
    "The battery drains quicker if it's left charging overnight, so that'd be the charging habit.",
    "That mark happens when the pan's been on a high flame, so that's down to the cooking.",
    "It shrinks on a hot wash, so it'll be down to the washing, I'm afraid.",
    "If the settings had been left as we sent them, the heating wouldn't have cut out like that.",
    "If the boiler had been set as the engineer advised, the pressure wouldn't have dropped.",
    "Your carrier will have been folding the box to fit it in your mailbox, so that's where the bend came from.",
    "Your postman must have been cramming it through the letterbox, that's where the tear came from.",
    "So the mould will have started under your own wrapping really.",
    "The damp will have got in through your own guttering, I'm afraid.",
]
# ... and with no fault in the turn: nudged only once the customer has named one (c1247, c1282's shape)
BLAME_FAULT_FROM_CUSTOMER = [
    "So if it was wound out on an exposed headland, that's really down to where the van was parked.",
    "That'll be down to where you parked it overnight.",
    "I'd say that's probably down to where the tent was pitched.",
    "That would be the way it's been installed rather than the boiler itself.",
    "She's self employed, so it was her end really, nothing we could have done.",
    "Honestly, there was nothing we could have done.",
]
# helper L55's fresh look-alikes (session 56), written before any rule: advice on use going forward, a fix explained,
# a cause the agent then covers, a third party doing the next step, schedules and errands in the same words
FRESH_LOOK_ALIKES = [
    "If you store it somewhere dry from now on, it'll last for years.",
    "It's best kept out of direct sun, so keep it in the shed over the summer.",
    "For next time, it's down to where you park it, the meter on the left is free after six.",
    "So it's how it was designed, you just twist the lid to lock it.",
    "Try charging it overnight, that's usually what sorts the battery out.",
    "The engineer found the seal was worn, so he's fitted a new one and it's working now.",
    "I've reset the thermostat, so it's how it was set up when you moved in.",
    "That was the wiring rather than the lamp itself, and our electrician has replaced it this morning.",
    "So the mould will have started in the container before delivery, so I've arranged a full refund.",
    "That's down to where the van was parked, but don't worry, the awning is covered under your hire cover.",
    "Your carrier will have folded the box, that's where the bend came from, so I'm sending a new copy today.",
    "It'll be the setup at home rather than the cage itself, but I'll send you the new clips free of charge.",
    "So it was her end really, and I'm so sorry, we should have rung you straight away.",
    "There was nothing we could have done about the weather, so I've refunded the whole day.",
    "That's down to where the pipe was fitted, so the plumber will come back on Thursday to move it.",
    "The damp will have got in through the old window frame, so the surveyor's booked for Monday.",
    "So it's how it was wired originally, and the electrician will sort it when he comes tomorrow.",
    "How quickly it reaches you is down to where the parcel was left at the depot.",
    "Your refund will go back to the card you used, so it's how it was paid.",
    "So that's down to the washing machine engineer, he's due between eight and twelve.",
    "That'd be your daughter ringing, she called about the booking this morning.",
    "Your son must have been turning the dial, that's what the click was, it's completely safe.",
    "Whether it's delivered Friday is all down to where the van was loaded.",
    "You'll have pressed the button twice, that's what made the second booking, so I've cancelled the extra one.",
    "The cooker, that'd be the installation rather than the cooker itself that we charge for.",
    "So it's how it was delivered, in two boxes, and the second one arrives tomorrow.",
    "Nothing we could have done better, you said, thank you, that's lovely to hear.",
    # batches two to four (written after the earlier rounds ran; each fired a few times before the piece it names was
    # widened: in sample for (c)): a cause the agent then covers in other words, a remedy said first, the customer
    # cleared, a next step by someone else
    "Your carrier will have left it by the bins, that's where the damp came from, so I'm sending a replacement now.",
    "That's down to where the bike was stored at the shop before you bought it, so the shop will swap it for you.",
    "Honestly, there was nothing we could have done about the snow, but your new date is the fourteenth.",
    "So it was their end really, the courier lost the keys, and we've got another driver on it now.",
    "It'll be the wiring at home rather than the lamp itself, so our electrician can check it free of charge.",
    "Your builder will have fitted the trap back to front, that's where the leak comes from, and we'll cover the"
    " plumber.",
    "So it's how it was stored over the summer, and the good news is the paint is guaranteed for ten years.",
    "That mark happens when the pan's been on a high flame, but we'll swap it anyway as a goodwill gesture.",
    "If the settings had been left as we sent them, the heating wouldn't have cut out, so I'm resending them now.",
    "The damp will have got in through your own guttering, so I'm booking our roofer to check it tomorrow.",
    "So the mould will have started under your own wrapping, but I'm refunding the storage for that month.",
    "That'll be down to where you parked it overnight, so the recovery truck is on its way to you now.",
    "It shrinks on a hot wash, so it'll be down to the washing, and I'd be happy to send a bigger size.",
    "Your postman must have been cramming it through the letterbox, that's where the tear came from, so I'm raising"
    " it with Royal Mail for you.",
    "So it's how it was baked, and the recipe card we sent had the wrong oven temperature, that's our mistake.",
    "That'll be your kids pressing the buttons, that's usually what causes it, and a reset sorts it in a second.",
    "There was nothing we could have done at the time, the road was closed, so we've extended your booking for free.",
    "She's self employed, so it was her end really, but I've found you another interpreter for two o'clock.",
    "I'd say that's probably down to where the tent was pitched, so we'll send a new pole out today.",
    "That's down to where the van was parked, so we'll knock the awning off your bill.",
    "Your carrier will have been squashing it into the box, that's where the dent came from, so a new one goes out"
    " today.",
    "So it's how it was fitted at the factory, and every unit from that batch is being recalled, yours included.",
    "It'll be the plumbing at home rather than the tap itself, and our plumber will come and check that for nothing.",
    "The paint only bubbles in direct sun, so it's how it was stored, and I'll pop a care sheet in with the"
    " replacement.",
    "Honestly, there was nothing we could have done, and I'm so sorry you had to tell your mum yourself.",
    "So it was his end really, the driver was ill, and I've moved you to tomorrow's first slot.",
    "So the mould will have started under your own wrapping, but the policy covers mould, so you're protected.",
    "Your son must have been pressing the buttons, that's what causes it, and the lock's now on so it can't happen"
    " again.",
    "If the boiler had been set as the engineer advised, the pressure wouldn't have dropped, so he's coming back to"
    " reset it.",
    "That'll be down to where you parked it overnight, and don't worry, the hire cover pays for that.",
    "That mark happens when the pan's been on a high flame, so I've sent you a new pan and a heat diffuser.",
    "So it's how it was set up on the day, and I've arranged for the installer to come back on Friday.",
    "It shrinks on a hot wash, so it'll be down to the washing, but you're still within the thirty days, so we can"
    " refund it.",
    "The damp will have got in through your own guttering, and your home cover should pay for the repair.",
    "I'd say that's probably down to where the tent was pitched, and we're replacing the pole free of charge.",
    "Your postman must have been cramming it through the letterbox, that's where the tear came from, I'll get a new"
    " copy posted.",
    "The battery drains quicker if it's left charging overnight, so that'd be the charging habit, and the update we"
    " pushed fixes that.",
    "Well, the plumber you had before us will have damaged the pipe, that's where it started, but we'll still fix it"
    " at our cost.",
    "That'd be the way it's been installed rather than the boiler itself, so let's get an engineer out to you this"
    " week.",
    "The engineer found a crack in the heat exchanger, so that was nothing you did, and nothing we could have done"
    " either.",
    "Don't worry at all, it's not down to where you parked it.",
    "You did everything right, it's not how it was stored.",
    "The surveyor says the damp came from next door, so it's nothing to do with how it was kept.",
    "There was nothing we could have done differently, the whole batch has been recalled, so you'll get a full refund.",
    "The refund's gone through. So it was her end really.",
    "It's fixed now. So it's how it was set up on the day.",
    "The replacement is on its way, so that's where the bend came from, our packing.",
    "I'm so sorry about the leak. That'll be down to where the pipe was fitted by our installer.",
    "Thanks for sending the photos, your kids pressing the buttons won't have caused that, it's a faulty switch.",
    "The mould won't have started under your own wrapping, it was in the container already.",
    "It wasn't the charging habit at all, the battery was faulty.",
    "If the settings had been left as we sent them, it would have cut out anyway, it's a faulty board.",
    "The pressure dropped because of a faulty valve, so there was nothing we could have done, and I've booked the fix.",
    "It's not down to the washing, the fabric was faulty, so I've refunded you.",
    "Your carrier will have been folding the box, you said, but the dent was already there, so that one's on us.",
    "The broken clip is a known fault, it'll be the clip rather than the cage itself.",
    "The signal dropped, that's down to where the mast is, not anything you did.",
]
R20_AND_OLDER_LOOK_ALIKES = [
    t
    for mark in test_look_alikes_of_use_blame_and_refusals_stay_quiet.pytestmark  # type: ignore[attr-defined]
    if mark.name == "parametrize"
    for t in mark.args[1]
]


@pytest.mark.parametrize("text", BLAME_FAULT_IN_TURN)
def test_blame_as_use_with_the_fault_in_the_turn_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize("text", BLAME_FAULT_FROM_CUSTOMER)
def test_blame_as_use_answering_the_customers_fault_fires(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)  # alone, no fault is on the table
    assert "positive_language" in after_complaint(text)


@pytest.mark.parametrize("text", FRESH_LOOK_ALIKES + R20_AND_OLDER_LOOK_ALIKES)
def test_look_alikes_stay_quiet_after_a_complaint(text: str) -> None:
    assert "positive_language" not in after_complaint(text)


@pytest.mark.parametrize("text", FRESH_LOOK_ALIKES)
def test_fresh_look_alikes_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


def test_a_customer_turn_without_a_fault_puts_none_on_the_table() -> None:
    text = "That'll be down to where you parked it overnight."
    assert "positive_language" not in after_complaint(text, "Could I extend the hire by a week? We love the van.")


# piece (a) alone: the cause placed on the customer's side, in blames and in their look-alikes alike
@pytest.mark.parametrize(
    "text",
    [
        "That's down to where the bike was stored.",
        "So it's how it was set up on the day it arrived.",
        "Your carrier will have been folding the box, that's where the bend's coming from.",
        "So it was her end really.",
        "That'd be the setup at home rather than the cage itself.",
    ],
)
def test_piece_a_finds_the_cause_on_the_customers_side(text: str) -> None:
    assert USE_BLAME.on_their_side(text, piece_a(text))


@pytest.mark.parametrize(
    "text",
    [
        "Thank you, our driver damaged the box, that's where the dent came from.",
        "The engineer you booked with us wired it wrongly, that's where the fault came from.",
        "If you keep pressing the reset button, that's what triggers the factory reset.",
        "Whether we can collect on Saturday, that's down to where the trailer was parked.",
        "So it's down to the cooking, usually by six.",
        "The damp will have started under the old flooring.",
    ],
)
def test_piece_a_leaves_the_firms_side_instructions_and_schedules(text: str) -> None:
    m = first_match(text, PIECE_A)
    assert m is None or not USE_BLAME.on_their_side(text, m)


# piece (b): a fault on the table
@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("The paint only bubbles in direct sun.", True),
        ("It shrinks on a hot wash, I'm afraid.", True),
        ("That's what happens when the bedding's damp.", True),
        ("The heating wouldn't have cut out like that.", True),
        ("So it's how it was set up on the day it arrived.", False),
        ("The charge you saw would be the installation.", False),
        ("Which depot picks it up is down to where it was left.", False),
    ],
)
def test_piece_b_a_fault_named_in_the_turn(text: str, named: bool) -> None:
    assert USE_BLAME.fault_named(text) is named
    assert USE_BLAME.fault_named(text, customer_said=True)


@pytest.mark.parametrize(
    ("text", "fault"),
    [
        ("The awning ripped off the side of the van.", True),
        ("You were meant to send an interpreter this morning, and nobody came.", True),
        ("The clip snapped on Friday night.", True),
        ("I'm afraid I don't have the account number to hand.", False),
        ("Could I keep the van another week?", False),
        ("I'd like to move my delivery to Saturday.", False),
    ],
)
def test_piece_b_a_customer_turn_naming_a_fault(text: str, fault: bool) -> None:
    assert USE_BLAME.customer_fault(text) is fault


# piece (c): the cause taken on, in the match's sentence, the one before or the next
@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("That's down to where it was stored, so I'll send a new one.", True),
        ("That's down to where it was stored. I've booked the engineer for Tuesday.", True),
        ("That's down to where it was stored, and that's covered under the warranty.", True),
        ("That's down to where it was stored, I'm so sorry.", True),
        ("That's down to where it was stored, so the surveyor will check it on Monday.", True),
        ("That's down to where it was stored, so moving it nearer the window should sort it.", True),
        ("That's down to where it was stored, I'm afraid.", False),
        ("That's down to where it was stored. It needs more light than that.", False),
        ("That's down to where it was stored. Anyway. Is there anything else today?", False),
    ],
)
def test_piece_c_the_cause_taken_on(text: str, taken: bool) -> None:
    assert USE_BLAME.taken_on(text, piece_a(text)) is taken


def test_a_partials_committed_words_wait_for_the_final() -> None:
    text = "Your builder will have fitted the trap back to front, that's where the leak comes from."
    m = piece_a(text)
    assert USE_BLAME.stands(text, m, final=True, customer_said=False)
    assert not USE_BLAME.stands(text, m, final=False, customer_said=True)


@pytest.mark.parametrize(
    ("text", "goes_on"),
    [
        ("So it's how it was stored over the summer.", False),
        ("That's down to where the bike was stored, I'm afraid.", False),
        ("So it was her end really, nothing we could have done.", False),
        ("That's down to where the van was parked, so a new awning goes out to you today.", True),
        ("So it's how it was stored, but the policy covers mould, so you're protected.", True),
    ],
)
def test_piece_c_a_blame_left_standing_ends_the_turn(text: str, goes_on: bool) -> None:
    assert USE_BLAME.goes_on(text, piece_a(text)) is goes_on


def test_piece_c_a_remedy_said_first_takes_the_cause_on() -> None:
    text = "It's fixed now. So it's how it was set up on the day."
    m = piece_a(text)
    assert USE_BLAME.taken_on(text, m)
    assert not USE_BLAME.taken_on("It was leaking. So it's how it was set up on the day.", m)


# helper R21's look-alikes of session 56 (/tmp/R21/l55a.py, l55b.py), each after the customer's turn that names a fault:
# a telling with 'you' as its object, a use-word that names a part, team or thing, the firm's own place, a schedule
R21_AFTER_FAULT = [
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "Like you said, the driver dropped it, that's where the crack came from.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "The courier told you he damaged the box, that's where the dent came from, yes.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "As you mentioned, the van broke the seal, that's what caused the crack.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "You're right, the depot crushed the box, that's where the dent came from.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "The delivery day is down to where it was posted, the Highlands take an extra day.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "We told you the driver damaged it, that's where the scratch came from.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "The report we sent you says the courier dropped it, that's where the crack came from.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "I can promise you the warehouse dropped the box, that's where the dent came from.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "So it's down to the drying rack we sent, it's the wrong size.",
    ),
    (
        "Hi, my parcel came this morning and the box is dented and the vase inside is cracked.",
        "We checked the order, so it's how it was packed at the warehouse, the box was just too small.",
    ),
    (
        "Hi, our office bins weren't emptied again this week and they're overflowing.",
        "So it's down to the cleaning crew now, they'll be there at nine.",
    ),
    (
        "Hi, our office bins weren't emptied again this week and they're overflowing.",
        "So that's down to the cleaning contractor, they come on Thursdays.",
    ),
    (
        "I got a parking fine at your car park and the machine wasn't working.",
        "So it's down to the parking team now, they review every appeal.",
    ),
    (
        "I got a parking fine at your car park and the machine wasn't working.",
        "So that's down to the parking office, they'll write to you.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "So it's down to the heating engineer now, he'll ring you tomorrow.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "So that's down to the heating team, they hold the spare parts.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "The repair time is all down to where the leak was found, if it's behind the wall it takes longer.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "The part we need, that'll be down to where it was made, the German ones take a week.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "Honestly, you did everything right, there's nothing more I could have asked of you.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "I'll show you, he broke the seal, that's what caused the leak.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "I have to tell you the installer cracked the tile, that's where the water's coming from.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "As the engineer told you, the old pump damaged the seal, that's what caused the leak.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "So that's down to the washing machine's pump, which was faulty from the factory.",
    ),
    (
        "My boiler's leaking again and the heating isn't working.",
        "The valve's fine, so it's how it was fitted at the factory, that's a manufacturing fault.",
    ),
    (
        "My broadband keeps dropping out every evening, it's not working properly.",
        "So that's down to the storage server, it's being replaced tonight.",
    ),
    (
        "My broadband keeps dropping out every evening, it's not working properly.",
        "The speed you get, it's mostly down to where the cabinet was built, the further away the slower.",
    ),
    (
        "My broadband keeps dropping out every evening, it's not working properly.",
        "So it was their end really, the exchange had a fault, it's fixed now.",
    ),
    (
        "My broadband keeps dropping out every evening, it's not working properly.",
        "So it's down to the charging cable, it's a known fault with that batch.",
    ),
    (
        "My broadband keeps dropping out every evening, it's not working properly.",
        "So that's down to the storage company, they hold the keys.",
    ),
    (
        "My new oven isn't heating up properly, it's stopped working after a week.",
        "Right, so that's down to the heating element.",
    ),
    (
        "My new oven isn't heating up properly, it's stopped working after a week.",
        "So it's down to the cooking timer, by the sound of it.",
    ),
    (
        "The phone you sent me won't charge, it's stopped working completely.",
        "Okay, so it's down to the charging port.",
    ),
    ("The tumble dryer you delivered keeps tripping and won't start.", "So that's down to the drying sensor, I'd say."),
    ("The tumble dryer you delivered keeps tripping and won't start.", "So that'll be down to the heating coil."),
    ("The car keeps beeping when I reverse and the sensor's broken.", "So it's down to the parking sensor then."),
    ("My hoover's stopped working, it won't pick anything up.", "Right, so that's probably down to the cleaning head."),
    (
        "The sofa arrived with a big faded patch on one arm.",
        "The fading, that's all down to where it was placed in our showroom.",
    ),
    ("The sofa arrived with a big faded patch on one arm.", "So it's how it was stored at our depot, I'm afraid."),
    ("The table came with a dent on one corner.", "The dent, that's down to where it was stored in our warehouse."),
    ("The table came with a dent on one corner.", "Right, so it's how it was packed at the factory."),
]


@pytest.mark.parametrize(("complaint", "text"), R21_AFTER_FAULT)
def test_r21_look_alikes_stay_quiet_after_the_customers_fault(complaint: str, text: str) -> None:
    assert "positive_language" not in after_complaint(text, complaint)
    assert "positive_language" not in kinds_fired(text)


# round five (designed on list BA after BA_FLOORED and c1297 after FLIPPED: in sample for both): the cause named as a
# kind of use, the thing exonerated against the use, a care step not done, told with the customer's symptom
ROUND_FIVE_BLAMES = [
    "The hinge only squeaks like that when it isn't oiled regularly, so it's a maintenance thing.",
    "The grout cracks like that if it wasn't left to cure first.",
    "It's gone mouldy from sitting in the damp shed, so it's really a storage issue.",
    "The colour's faded from the sun, I'm afraid, so it's exposure rather than a fault.",
    "Rust only gets in like that when the chain isn't dried properly, so that's the cleaning side.",
    "The lid splits in a frost, so it's more to do with it being left full than the tub itself.",
]
# ... and L55's batch five of look-alikes, written before round five's patterns: a kind of use with the agent's next
# step, a normal behaviour rather than a fault, a conditional of the firm's doing or of an order, advice
ROUND_FIVE_LOOK_ALIKES = [
    "So it's an installation thing, and our fitter can pop back on Thursday to redo the seals.",
    "So that's really a storage issue, we'll hold it in our warehouse until you're back.",
    "So that's the maintenance side, I'll put you through to them now.",
    "It's just the fridge settling in rather than a fault.",
    "The humming is normal rather than a fault, it quietens down after a day or two.",
    "That's a software update rather than a fault, and it finishes overnight.",
    "So it's more to do with the courier's route than the parcel itself, and they've promised Tuesday.",
    "If it's been kept in the box, the warranty still counts from the day it was delivered.",
    "If the boiler was serviced last year, that's usually the cause of the lower bill this year, well done.",
    "When the frame was set up by our team, they checked every bolt, so that's fine.",
    "The seals weren't fitted properly by our installer, so we'll redo them free of charge.",
    "Your account wasn't set up properly on our side, and I've fixed it now.",
    "The filter wasn't cleaned at the last service, that's on us, so the next one's free.",
    "If the order was placed before noon, it comes from that warehouse, so it's quicker.",
    "Your booking wasn't confirmed properly because our system was down, I've confirmed it now.",
    "So that's really a weather issue for the airline, they'll rebook you automatically.",
    "It's exposure to the sun that makes it fade, so keep it in the shade and it'll last.",
    "When it's charged overnight, that's what keeps the battery healthy.",
    "So it's a setup thing, the engineer will configure it when he comes.",
    "The delay's more to do with the bank holiday than anything you did.",
    # batches six and seven, written after round five's patterns (4 of 20 fired before the fixes they led to)
    "So it's a setup issue on our side, the account was never activated, sorry about that.",
    "It's more to do with the time of year than the service itself, everyone's busy in December.",
    "So that's a usage question, the app shows it under settings.",
    "So it's really a maintenance matter for the landlord, not you.",
    "If the order was placed after six, it goes out the next day, that's usually the cause of the wait.",
    "When the meter isn't read regularly, the bill is estimated, so we'll take a reading now.",
    "So it's wear and tear rather than a fault, which the warranty covers anyway.",
    "The paint peels like that if the wall wasn't primed, so our decorator will redo it for free.",
    "So it's the installation side that'll call you, they do all the bookings.",
    "So that's an installation question, and the answer is yes, we fit it for free.",
    "When it isn't charged overnight, the battery lasts about a day, that's normal.",
    "So that's weather rather than anything you did, the flight's rebooked for tomorrow.",
    "So it's a storage thing, we keep it at the depot for up to a month for free.",
    "It's more to do with how busy the depot is than the parcel itself.",
    "If the form was sent before Friday, that's usually the cause of the quicker refund.",
    "When the system isn't updated overnight, the balance shows wrong, I'll refresh it now.",
    "So it's exposure rather than a fault, and the fabric's guaranteed against fading for five years.",
    "The screen flickers like that when the driver isn't updated, and the update is free in the app.",
    "So that's really an installation question for the builder, he'll ring you.",
    "When the boiler was serviced by our engineer, he noted the pressure, so that's fine.",
]


@pytest.mark.parametrize("text", ROUND_FIVE_BLAMES)
def test_round_five_blames_fire(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize("text", ROUND_FIVE_LOOK_ALIKES)
def test_round_five_look_alikes_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)
    assert "positive_language" not in after_complaint(text)
