"""Positive language (issue 9): the remit refused in the passive, liability refused by the firm's side, and a rule
that protects the customer (session 54, L53).

Structures, not one list's wordings: a service "not handled / dealt with / processed / looked after by us / at this
branch / here" (list AX's "that is not handled by us, you must contact the head office"); liability or responsibility
the firm "accepts / takes / bears / assumes no" of, or "can't accept" (AX's "the company accepts no liability for the
delay"); the written short form "dept" ("its not our dept"). The look-alikes share the words: a remit with a time or a
condition after it ("not processed by us until you confirm"), someone else's remit, a past slip owned, the customer's
own freedom from liability, liability accepted. And a rule that keeps something from being done TO the customer ("the
rules don't allow us to charge you for that") is no refusal, while a rule that refuses the customer's request stays
one. Round three (c1252, c1253 after the flip, in sample): a matter routed away from the agent ("faults on it go to the
partner resolutions team rather than to me"), and a mishap an arrangement rules out as a guarantee ("so it can't be
dropped"). Text level only: milliseconds a case after the config load."""

from __future__ import annotations

import pytest

from coach.language.patterns import normalise, word_tokens
from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "text",
    [
        # the remit refused in the passive
        "Apologies, madam, that is not handled by us, you must contact the head office.",
        "I'm afraid that's not dealt with by this department.",
        "Billing isn't looked after by our office, sorry.",
        "It's not managed by us, it's the landlord's thing.",
        "Warranty repairs are not carried out by us.",
        "Parking fines aren't dealt with by us at all.",
        "Sorry, gift cards aren't processed by this department, try the website.",
        # liability refused by the firm's side
        "In accordance with section four, the company accepts no liability for the delay.",
        "We accept no responsibility for items left in the vehicle.",
        "The airline takes no responsibility for lost connections, I'm afraid.",
        "The firm bears no liability for damage in transit.",
        "Under clause nine we assume no liability for third-party losses.",
        "Management accepts no responsibility for lost property.",
        "We can't accept any liability for the courier's delay.",
        "The venue will not accept responsibility for coats left in the hall.",
        # no duty of ours, a right kept against the customer
        "There's no obligation on our part to refund the postage.",
        "Nothing in the terms obliges us to refund it.",
        "We're within our rights to keep the deposit.",
        "The company reserves the right to cancel bookings without notice.",
        # "dept" written short
        "sorry cant help w that its not our dept.",
        "That's not my dept I'm afraid.",
        # a rule that refuses the customer's request stays a refusal
        "The rules don't allow us to refund you after thirty days.",
        "Our policy doesn't let me cancel your order once it's shipped.",
        "Policy won't let us keep your booking on hold past Friday.",
        "The rules don't allow me to give you a discount.",
    ],
)
def test_remit_and_liability_refused_fire(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        # a remit with a time or condition, someone else's, a past slip owned, "not just"
        "That's not handled by the courier any more, we do it ourselves now, so I'll book it.",
        "It's not just handled by us, the engineer checks it too.",
        "Don't worry, that's not handled by you at all, we'll take care of it.",
        "Your refund is now handled by us directly, so it'll be quicker.",
        "It's handled by our team in Leeds, and I've passed it over already.",
        "It wasn't handled by us properly last time, and I'm sorry, I'll put it right today.",
        "Your booking is not processed by us until you confirm, so take your time.",
        "The payment isn't processed here until the goods are ready, so nothing leaves your account yet.",
        "Your details are not shared by us with anyone, that's a promise.",
        "Cards are not charged by us until the goods ship.",
        # the customer's freedom from liability, liability accepted
        "You accept no liability for the cancellation, so don't worry.",
        "You'll bear no responsibility for the damage, it's on our insurance.",
        "There's no liability on your part at all.",
        "We accept full responsibility for the delay and I'll refund you today.",
        "We take responsibility for that, and I'm sorry.",
        "You're not liable for any of the repair costs.",
        "Our insurance accepts liability, so the claim will go through.",
        "We'll accept liability and pay for the repair.",
        "You won't be held liable for anything the courier broke.",
        # a rule on the customer's side
        "The rules don't allow us to charge you for that, so it's free.",
        "Our policy doesn't allow them to refuse you.",
        "The terms don't let the courier charge extra, so you won't pay more.",
        "The regulations don't allow anyone to cut your supply in winter.",
        "Our policy won't let you be charged twice.",
        "The rules don't allow the landlord to keep your deposit.",
        "The law doesn't allow them to disconnect you while a complaint is open.",
        "Company policy won't let us fine you for a late return on the first occasion.",
        "The regulations don't permit the bailiff to evict you before the hearing.",
        "Our terms don't allow us to chase you for a debt that old.",
        # helper R19's look-alikes (session 54): a place, not a team; a remit or liability refused and then taken on
        # by the agent; a right used for the customer; a double negative
        "It isn't carried out in our depot, the engineer does it at your home, so you needn't bring it in.",
        "That's not handled by us yet, but from Monday it will be, so I'll book it in for you then.",
        "Your mortgage isn't managed by our branch anymore, it's with the online team, and I'll transfer you now.",
        "The manufacturer accepts no liability for a fitted part, but we'll replace it for you anyway.",
        "The bank takes full responsibility, nobody accepts no responsibility here, I promise.",
        "We're within our rights to waive the fee, so I've waived it for you.",
        "The risk passes to you once you've signed for it, until then it's on us.",
        "Responsibility moves to you only after delivery, so this one's on us and I'll refund it now.",
        "You're under no obligation to buy anything today.",
        # ... nor no duty to do something TO the customer (helper R19's probe; narrowed by the lead)
        "There's no obligation on our part to charge you a fee, so I've waived it.",
        "Nothing in the terms requires us to keep your card on file, so I've deleted it.",
        "You're within your rights to cancel, and I'll process it now.",
        "Ownership passes to you once the final payment clears.",
        # "dept" as a shop or a title
        "The dept store sale starts Monday.",
        "I'll ask our dept head to call you back today.",
    ],
)
def test_look_alikes_of_remit_and_liability_stay_quiet(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


def test_dept_is_folded_to_department() -> None:
    assert normalise(word_tokens("not our dept"))[0] == ("not", "our", "department")


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        # round three (c1252, c1253 after FLIPPED, in sample): a matter routed away from the agent ...
        (
            "That particular cage is sold through our partner storefront, so faults on it go to the partner "
            "resolutions team rather than to me, they've got their own form on the help page.",
            True,
        ),
        ("Claims like that go to the insurer rather than to us.", True),
        ("Those complaints get sent to head office rather than to this desk.", True),
        # ... not what goes to the customer or a place, nor a hand-off the agent follows through
        ("Your refund goes to your card rather than to a voucher.", False),
        ("The parcel goes to the depot rather than to your door, and I'll text you when it's there.", False),
        ("After six, calls go to the night team rather than to me, but I'll leave a full note for them.", False),
        ("The invoice goes to your email rather than to your post box now.", False),
        ("The money goes to you rather than to the shop, so you'll get it directly.", False),
        ("The upgrade goes to the first account rather than to the second one.", False),
        ("Bookings go through the app rather than the phone line now, but I can do it for you.", False),
        # ... nor a thing routed, whatever it is (helper R19's probe of round three; narrowed by the lead)
        (
            "Your rent payments go to the letting agent rather than to us now, so the statement will come from them.",
            False,
        ),
        ("The parcel goes to the local depot rather than to us, so you can collect it just round the corner.", False),
        ("Your calls now get routed to the priority line rather than to this desk, so you'll wait less.", False),
        ("The meter readings get sent to the supplier instead of to us, and they'll bill you directly.", False),
        ("Warranty repairs go to the maker's own workshop rather than to our branch, which is quicker for you.", False),
        ("Any issues with the hire go to the depot manager rather than to me.", True),
        # a mishap an arrangement rules out is a guarantee; a request refused stays a refusal
        ("I'll book the survey myself for Friday at nine, first visit of the day so it can't be dropped.", False),
        ("I've put a note on it so it can't be missed.", False),
        ("It's tagged as priority so it won't be bumped.", False),
        ("I've flagged the parcel so it can't be lost again.", False),
        ("I'll pin it to the top of the list so it can't be forgotten.", False),
        ("We've locked the slot so it can't be given away.", False),
        ("Signed delivery, so it can't be left on the doorstep.", False),
        ("I've marked the booking so it won't be overlooked.", False),
        ("It's on the system twice now so it can't be mixed up.", False),
        ("The payment's linked to the order so it can't be taken twice.", False),
        ("It's already shipped, so it can't be cancelled.", True),
        ("The order's been packed, so it can't be changed now.", True),
        ("It's past the date, so it can't be refunded.", True),
        ("It's a sale item, so it can't be returned.", True),
    ],
)
def test_routing_away_and_guarantees(text: str, fires: bool) -> None:
    assert ("positive_language" in kinds_fired(text)) is fires
