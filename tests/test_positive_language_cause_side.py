"""Positive language (issue 9, session 57, helper L57): a blame told as use, the cause's side read by structure.

Session 56's ``use_blame`` family (``coach/language/use_blame.py``) caught 2 of list BB's 13 blames told as use. The
shapes added to its piece (a) (``phrases.toml``), designed on list BB after BB_FLOORED and on c1298 and c1302 of the
fifty-fifth part (IN SAMPLE for both): how or the way the thing was used, said with "that's" / "it's" / "from" ("so
that's how it was laid, not the boards", "burnt out from the way it's been used"); where the customer's side put it
("coming from where your builder put it"); the thing left out as where the fault is from ("from it being out in the
storms"); a kind of cause against the thing or on the customer's side ("so it's the installation rather than the shed",
"weather on your side", "wear from use", "the upkeep at your end", "so that's the storage, I'm afraid", "the weather
it's been out in"); a condition of use and the tag naming it the cause at the sentence's end ("if the frame was set
straight onto the lawn without the ground pegs ..., and that's usually the cause", "..., that's why the doors are
binding"); a care step not done as what the fault means ("a cracked front bracket means the mounting bolts weren't
torqued down to spec"). Piece (c) reads a clause that only tells how the fault came about as no next step
(``tail_story``: "when the tent went on, so it was working loose every mile", "there's nothing wrong with the
machine") and a deed told with its manner as no fix done (``not_taken_on``: "the boiler's been fitted with the flue
pointing into the wind"). Look-alikes: the agent taking the cause on, the firm's side or the factory doing the deed,
advice with no fault, a telling ("I can tell from the way it's been used"), a cost or a booking, a third party doing the
next step, empathy. And deflections to a third party (the ``not_our_job`` family; list BA's, in sample after
BA_FLOORED, and list BB's): the firm as "just the platform", the fault put on a third party "not our app, so you'd call
them", a matter "not a <X> issue, you gotta call corporate", a complaint that "has to go to them directly"; not "call us
back", a complaint sent to our own team. Text level only."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired
from tests.test_positive_language_use_blame import after_complaint

# list BB's blames told as use (in sample after BB_FLOORED) and c1298, c1302's lines as said and as heard: a fault is
# named in each, so each fires alone
FAULT_IN_LINE = [
    "The boiler's been fitted with the flue pointing into the wind, so the lockouts are coming from where your builder "
    "put it, not from the boiler itself.",
    "If the shed's been put up on bare grass instead of a proper base, that's why the doors are binding, so it's the "
    "installation rather than the shed.",
    "The phone's been charging on a cheap cable by the look of it, so the port's burnt out from the way it's been "
    "used, I'm afraid.",
    "Hot tubs left uncovered through a winter like we had will crack the shell, so it's the weather it's been out in "
    "that's done that.",
    "The laminate's lifting because it went straight down on a damp screed, so that's how it was laid, not the boards.",
    "Paint blisters like that happen when it's put on in direct sun in July, so it's how it was applied rather than "
    "the tin.",
    "From the photos, the trampoline's been left with the net up through the gales, so the bent poles are from it "
    "being out in the storms.",
    "With a dog that size jumping on it every day, the sofa's going to sag, so that's wear from use, really.",
    "The tyres are worn on the inside edge because the tracking was never done after you hit that kerb, so it's how "
    "it's been driven.",
    "If the descaler's not been run every month in a hard water area, the pump clogs, so that'll be the upkeep at your "
    "end.",
    "Ah, sorry, pet, the dryer's been vented into the cupboard, so it's the way it's been plumbed in that's tripping "
    "it, there's nothing wrong with the machine.",
    "So, nine times out of ten a cracked front bracket means the mounting bolts weren't torqued down to spec when the "
    "tent went on, so it was working loose every mile.",
    "Nine times out of ten a cracked front bracket means the mounting bolts weren't worked down to spec when the tent "
    "went on, so it was working loose every mile.",
    "Because what we find is, if the frame was set straight onto the lawn without the ground pegs and the gravel bed, "
    "the boards sit wet and twist, and that's usually the cause when one goes like that.",
    # L57's own, written before the look-alikes below were run
    "So that's how it's been stored, I'm afraid, not the cover itself.",
    "The hinge has snapped because the gate's been swung on, so it's how it's been used.",
    "The varnish is peeling from the way it's been cleaned, really.",
    "The rust is coming from where you've kept it, not from the frame itself.",
    "The cracks are all from them being left out in the frost.",
    "So that's wear and tear on your side, not a fault.",
    "The bulb blew because the fitting wasn't sealed properly, so that's the installation, I'm afraid.",
    "It's the salt air it's been sitting in that's done that, I'm afraid.",
    "If the decking was laid without a gap at the edges, that's why the boards are lifting.",
    "A bent axle like that means the wheels weren't tightened properly after you changed them.",
]

# ... and with the fault named by the customer before (piece (b) from the call)
FAULT_FROM_CUSTOMER = [
    "So it's the installation rather than the boiler.",
    "If the pump's been run dry for a while, that's usually the cause.",
    "The seal's gone because the filter wasn't cleaned regularly, so that's the maintenance, really.",
]

# look-alikes: quiet alone and after the customer's complaint of a fault
LOOK_ALIKES = [
    # the agent takes the cause on, or the firm's side did the deed
    "So that's how it was fitted originally, and I'll send an engineer to redo it tomorrow.",
    "So that's how it was set up when it left us, and I've reset it back to that now.",
    "And that's how it was laid in our showroom, so you can see the pattern.",
    "So it's how it was installed by our fitter, that's on us.",
    "So that's how it was set when we delivered it.",
    "The mark's from it being stored in our warehouse, so we'll replace it.",
    "So that's the fitting rather than a fault, and we cover fitting too, so we'll sort it.",
    "So that's wear from use, which the warranty covers, so I'll send a new one.",
    "So it's the weather rather than a fault, so don't worry, it's covered.",
    "It's the weather it's been out in, so we'll give it a free clean.",
    "If it was fitted by our team, that's usually the cause, so we'll redo it free.",
    "Because the bolts weren't tightened properly by our fitter, we're sending him back today.",
    "Because the panel wasn't sealed properly at the factory, we'll replace it.",
    "It means the seals weren't fitted properly, so that's a manufacturing fault and we'll cover it.",
    "That means it wasn't charged enough before it shipped, which is on us.",
    "That means the fitting wasn't checked properly before it left us.",
    "That's from our fitting, so we'll redo it.",
    "If the engineer set it up wrong, that's the cause, and that's on us, so we'll fix it.",
    "So it's how it was made, not how you've used it, and we'll replace it.",
    "That crack means the bracket wasn't made to spec, so we'll send a new one out.",
    "So it's the weather rather than the shed, and we'll still send someone to look.",
    "Your old boiler's been fitted with a new flue now, so it's all working again.",
    # advice with no fault in question, praise, a telling
    "Keep it in a dry garage over winter and it'll last years.",
    "If you store it half charged over winter, the battery lasts years longer.",
    "If it's been kept inside all winter, that's why it still looks new.",
    "If they're stored dry and out of the sun, that's usually what does it, they'll last for years.",
    "With a dog that size jumping on it every day, you'll want the heavy duty cover, it lasts much longer.",
    "And that's how they've been stored since we had them, so they're in perfect shape.",
    "I can tell from the way it's been used that you've really loved it.",
    "Honestly, from the way it's been looked after, it's in better shape than most.",
    "That smell's from it being new, it goes after a day or two.",
    # a cost, a booking, a product, a third party doing the next step
    "So it's the installation rather than the unit that costs the most.",
    "So that's the installation on your side booked for Monday.",
    "And that's the upkeep at your end sorted, nothing more to pay.",
    "So that's the storage, I'm afraid, the unit only comes in white.",
    "We'll collect it from where it was left, so no need to be in.",
    "The courier will collect it tomorrow, so just leave it in the porch.",
    "So that's the maintenance side, and the landlord handles that, I'll pass it on.",
    # empathy
    "I'm so sorry, it sounds like the seals weren't fitted properly, that must be really frustrating.",
    "It's the frost we've had, it's been awful for everybody, I'm so sorry.",
]


@pytest.mark.parametrize("text", FAULT_IN_LINE)
def test_blame_told_as_use_with_the_fault_named_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize("text", FAULT_IN_LINE + FAULT_FROM_CUSTOMER)
def test_blame_told_as_use_answering_the_customers_fault_fires(text: str) -> None:
    assert "positive_language" in after_complaint(text)


@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)
    assert "positive_language" not in after_complaint(text)


# deflections to a third party (lists BA, BB: in sample), said alone
DEFLECTIONS = [
    "Sorry, that's not a Boston office issue, you gotta call corporate in Jersey.",
    "The marketplace seller handles returns, we're just the platform.",
    "It's your internet provider that's dropping it, not our app, so you'd call them.",
    "The finance company sets the rates, so any complaint about them has to go to them directly.",
    # L57's own
    "We're only the booking site, the host sets the rules.",
    "It's the courier that lost it, not us, so you'll need to ring the courier.",
    "That's not a head office problem, you'll have to ring your local branch.",
    "Any claim about the damage has to go to the landlord directly.",
]

DEFLECTION_LOOK_ALIKES = [
    # helper R22's /tmp/R22/l57c.py (20:04, on 2edcf045): the firm as "just the platform" and the agent doing the step
    "We're just the platform for the booking, and I've already messaged the host for you.",
    "We're only the website, so I'll pass this to the hotel myself and ring you back today.",
    "That's not a big issue, you'll need to call us back if it happens again.",
    "That's not a problem at all, you just have to call back in the morning.",
    "Any complaint about it has to go to our complaints team, and I'll raise it for you now.",
    "It isn't a fault, it's the setting, so you'd need to call me back once it's reset.",
]


@pytest.mark.parametrize("text", DEFLECTIONS)
def test_deflections_to_a_third_party_fire(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize("text", DEFLECTION_LOOK_ALIKES)
def test_deflection_look_alikes_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


# helper R22's probe of this lane (/tmp/R22/l57a.py, l57b.py, written before L57's round; read by L57 after its first
# run, so in sample): each line after R22's customer turn (None: none). Two of R22's lines are left out: "If it was
# stored with fuel in over winter, that's usually what gums up the carburettor." stays quiet (the shared exception for
# a condition of misuse, "if it was stored", cancels it), and "If you put the shed on a proper base, the doors won't
# stick, so that's worth doing first." fires by the refusal grammar (grammar_blame) at the base commit too
R22_FIRE = [
    (
        "The shelf bracket has cracked right through and it's only a month old.",
        "Nine times out of ten a crack like that means the screws were overtightened when it went up, so it was "
        "always going to split.",
    ),
    (
        "The outside tap has split and it's leaking everywhere.",
        "If the hose was left on through the frost, the tap splits like that, so it's a winterising thing.",
    ),
    (
        "The cushion covers have gone all blotchy and faded.",
        "That blotchiness comes from them being washed at sixty, so it's more of a care issue than a fault.",
    ),
    (
        "The tent's got mould all over the inside.",
        "Mould like that grows when the tent's packed away wet, so it's a drying thing really.",
    ),
    (
        "The paint has blistered all over the new wall.",
        "The blistering is from the paint going on before the plaster had dried, so it's the preparation rather than "
        "the paint.",
    ),
    (
        "The outside tap has split and it's leaking everywhere.",
        "The seal perishes when it's cleaned with bleach, so it's the cleaning products rather than the unit.",
    ),
    (
        "The tent's got mould all over the inside.",
        "That's condensation from drying washing indoors, so it's a ventilation thing rather than the windows.",
    ),
    ("My parcel turned up crushed.", "That's a courier matter, you'd have to take it up with them directly."),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "We just sell the tickets, the venue deals with refunds, so you'd need to contact them.",
    ),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "That's not something this branch handles, you'll need to ring head office.",
    ),
    (
        "Your app keeps crashing every time I open it.",
        "It's your phone's settings blocking it, not our app, so you'd need to speak to your phone maker.",
    ),
    ("Why was I charged for my bag?", "The airline sets the baggage rules, not us, so you'd have to ask them."),
    ("My landlord won't give my deposit back.", "That's between you and your landlord, we only hold the deposit."),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "You're past the thirty days, so that's that I'm afraid.",
    ),
    ("Can I get the discount too?", "The discount only applies to new customers, so you don't qualify."),
    (
        "The table's all scratched and the legs are wobbly.",
        "Those scratches are from it being dragged across the floor, so it's wear from handling, really.",
    ),
    (
        "The table's all scratched and the legs are wobbly.",
        "So that'll be how it's been looked after at your end, I'm afraid.",
    ),
    (
        "The clutch has gone and the car's only two years old.",
        "A clutch going like that is down to how it's been driven, so it's not a manufacturing fault.",
    ),
    (
        "The cooker keeps blowing the fuse.",
        "It's the way it's been wired in that's blowing the fuse, there's nothing wrong with the cooker.",
    ),
    (
        "The big planter has cracked right down the side.",
        "The crack's from it being left out in the frost, so it's the weather it's been in rather than the pot.",
    ),
    (
        "The sofa's sagging in the middle already.",
        "That sagging is from the kids jumping on it, so it's use rather than the sofa.",
    ),
    (
        "There's mould on the underside of the mattress.",
        "The mould's coming from where it's been put, against a cold outside wall, not from the mattress itself.",
    ),
    (
        "The shed doors are sticking and won't close.",
        "If the base isn't level the doors will bind, so it's the groundwork rather than the shed.",
    ),
]
R22_QUIET = [
    (
        "The outside tap has split and it's leaking everywhere.",
        "I'm so sorry the frost got into it, that must be really frustrating after all that work.",
    ),
    (
        "The outside tap has split and it's leaking everywhere.",
        "Oh no, a leak coming through the ceiling is the last thing you need, let's get that sorted.",
    ),
    (
        "The tent's got mould all over the inside.",
        "That sounds so stressful, mould on a brand new tent, I'd be upset too.",
    ),
    (None, "If you keep it in a dry shed over winter, it'll last you for years."),
    (None, "Washing them at thirty keeps the colour lovely, so that's the best way to look after them."),
    (None, "When you pack the tent away, make sure it's dry first, that keeps it fresh for next season."),
    (None, "It's worth draining the hose down before the frosts come, just as a tip for next year."),
    (None, "Storing it indoors over winter is a good habit, it keeps the chain from rusting."),
    (
        "The shelf bracket has cracked right through and it's only a month old.",
        "That split is from how our fitter tightened it, so we'll send someone round to redo it.",
    ),
    (
        "The floor boards have warped.",
        "That warping comes from the boards we supplied being too wet, so we'll replace the lot.",
    ),
    (
        "The cushion covers have gone all blotchy and faded.",
        "The fading comes from a bad batch of dye on our side, so I'm sending you a new set today.",
    ),
    (
        "The outside tap has split and it's leaking everywhere.",
        "So it's an installation issue from our team, and I'll book the engineer back at no charge.",
    ),
    (
        "The tent's got mould all over the inside.",
        "That's a storage issue at our warehouse, it got damp there, which is on us.",
    ),
    ("My parcel turned up crushed.", "The courier will collect it tomorrow between eight and twelve."),
    (
        "The washing machine has stopped working.",
        "The manufacturer's engineer will come out on Thursday and swap the motor.",
    ),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "Your bank will show the refund in three to five working days.",
    ),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "The venue's box office will email you the new tickets tonight.",
    ),
    ("I want to send this back.", "The marketplace seller will send the return label straight to your email."),
    (None, "The Storage Solutions range is on offer this week, twenty percent off."),
    (None, "Our Installation Plus package covers the fitting and taking the old one away."),
    (None, "The Weather Shield cover comes in green or grey."),
    (
        "The shelf bracket has cracked right through and it's only a month old.",
        "It's the Maintenance Side panel part number you need, I'll pop one in the post.",
    ),
    (None, "The delivery comes from our warehouse in Leeds, so it should be with you Friday."),
    ("Why is it more than last time?", "The price difference comes from the extended warranty you added."),
    (
        "I want to send this back.",
        "Returns go through our partner, but I'll set it up for you now so you don't have to do anything.",
    ),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "We're just the platform for the booking, but I'll contact the seller for you right now.",
    ),
    (
        "I want a refund for the concert tickets, the show was cancelled.",
        "You're within the cooling off period, so I can cancel that for you today.",
    ),
    (None, "The price is guaranteed if you book online, and I can book it online for you now."),
    (
        "The tent's got mould all over the inside.",
        "So you think it might be a storage thing? Let me check the batch for you.",
    ),
    (
        "The seller said I had to go to them.",
        "You mentioned the seller handles returns, but actually we do, so I'll sort it.",
    ),
    (
        "The shed doors are sticking and won't close.",
        "So it's the installation rather than the shed that we'll redo for you, free of charge.",
    ),
    (
        "The table's all scratched and the legs are wobbly.",
        "Wear from use is covered by the five year guarantee, so you're fine there.",
    ),
    (None, "The storms last week held up the delivery, so it's coming on Thursday now."),
    ("Why is the quote so high?", "So it's the installation that costs extra rather than the shed itself."),
    (
        "Two of the tent poles are bent.",
        "The bent poles are from how our warehouse stacked them, so I'm sending new ones today.",
    ),
    (
        "Two of the tent poles are bent.",
        "It's awful when the storms do that, I'm sorry, let's get some new poles out to you.",
    ),
    (
        "The cooker keeps blowing the fuse.",
        "The way it's been plumbed in looks perfect in your photos, so it's the machine, and we'll replace it.",
    ),
    (
        "The cooker keeps blowing the fuse.",
        "Your electrician wired it in beautifully, so the fuse blowing is the cooker itself, and we'll swap it.",
    ),
    (
        "The clutch has gone and the car's only two years old.",
        "How it's been driven doesn't come into it, the clutch is covered, so I'll book it in.",
    ),
    (
        "The big planter has cracked right down the side.",
        "The frost can be rough on planters, so I've added a frost-proof one to your order at no cost.",
    ),
    (
        "The table's all scratched and the legs are wobbly.",
        "So it's nothing to do with how you've looked after it, it's a bad batch on our side.",
    ),
    (
        "There's mould on the underside of the mattress.",
        "Where you've put it is absolutely fine, so the mould means the mattress is faulty and we'll take it back.",
    ),
    (None, "I'm afraid the weather's set to be wet all week, so the fitters will come on Monday instead."),
    (None, "Your upkeep plan at your end is all sorted, it starts next month."),
    (None, "The Weatherguard range is built for being left out in the frost."),
]


def _after(complaint: str | None, text: str) -> frozenset[str]:
    return after_complaint(text, complaint) if complaint else kinds_fired(text)


@pytest.mark.parametrize(("complaint", "text"), R22_FIRE)
def test_r22_blames_and_deflections_fire(complaint: str | None, text: str) -> None:
    assert "positive_language" in _after(complaint, text)


@pytest.mark.parametrize(("complaint", "text"), R22_QUIET)
def test_r22_look_alikes_stay_quiet(complaint: str | None, text: str) -> None:
    assert "positive_language" not in _after(complaint, text)
