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
cases are a strict xfail below (``test_blame_as_use_is_not_read_yet``), R20's lines look-alikes that stay quiet."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


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


@pytest.mark.xfail(
    strict=True,
    reason="session 55: helper L54's blame-as-use family fired on 24 of 27 plain look-alikes (helper R20: a restore "
    "told as 'so it's how it was set up', a charge as 'the installation rather than the cooker itself', an "
    "instruction as 'that's what triggers the reset'), so the lead took it out; these stay misses until a family "
    "reads them and keeps the look-alikes above quiet",
)
@pytest.mark.parametrize(
    "text",
    [
        # blame told as where or how the thing was kept, used or set up
        "So if it was wound out on an exposed headland, that's really down to where the van was parked.",
        "That's down to where the bike was stored, I'm afraid.",
        "That'll be down to where you parked it overnight.",
        "I'd say that's probably down to where the tent was pitched.",
        "The bread won't rise like that if the tin's been opened early, so it's how it was baked.",
        "The paint only bubbles in direct sun, so it's how it was stored over the summer.",
        "It only leaks like that when it's overfilled, so it must be how it was filled up.",
        "That's what happens when the bedding's damp, which would be the setup at home rather than the cage itself.",
        "It'll be the wiring at home rather than the lamp itself, I'm afraid.",
        "That would be the way it's been installed rather than the boiler itself.",
        # round two: a deed of the customer's side, then the tag that names it as the cause
        "Your builder will have fitted the trap back to front, that's where the leak comes from.",
        "That'll be your kids pressing the buttons, that's usually what causes it.",
        "Well, the plumber you had before us will have damaged the pipe, that's where it started.",
        # ... a habit or use named as the cause, a setting of ours not kept
        "The battery drains quicker if it's left charging overnight, so that'd be the charging habit.",
        "That mark happens when the pan's been on a high flame, so that's down to the cooking.",
        "It shrinks on a hot wash, so it'll be down to the washing, I'm afraid.",
        "If the settings had been left as we sent them, the heating wouldn't have cut out like that.",
        "If the boiler had been set as the engineer advised, the pressure wouldn't have dropped.",
        # round three: whoever of the customer's side was doing it, a fault grown under their own, a third party's end
        "Your carrier will have been folding the box to fit it in your mailbox, so that's where the bend came from.",
        "Your postman must have been cramming it through the letterbox, that's where the tear came from.",
        "So the mould will have started under your own wrapping really.",
        "The damp will have got in through your own guttering, I'm afraid.",
        "She's self employed, so it was her end really, nothing we could have done.",
        "Honestly, there was nothing we could have done.",
    ],
)
def test_blame_as_use_is_not_read_yet(text: str) -> None:
    assert "positive_language" in kinds_fired(text)
