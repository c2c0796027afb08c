"""Closed doors said without "can't" (issue 9, session 43, L42).

Round one was designed from the non-blind lists' standing positive misses (A-AM) and one tuning call's script turn
(c847), before list AN or the held-out part c982-c1005 were read: "we've no way of <doing> it", a service "impossible
to" give, "Impossible, sir," opening the answer, damage called "self-inflicted", and a cause put on what the customer
did in an irregular past ("because you slept in them"). Each class is checked through the whole coach beside the
look-alikes it must leave alone: the customer's own lack ("you've got no way of getting to work"), a thing impossible
to say or miss, a wound the firm owns, a good outcome put down to the customer.

Round two was designed on list AN's positive misses and false flags (in sample once AN was scored): a "no way" said
bigger ("no way on earth we can"), "not in our hands", an adverb before "should have read", "left it too long"; the
product's freshness ("never frozen") and a motto ("the only rule is have fun") stay quiet. Round three on the
forty-second held-out part's (c982-c1005, in sample after its one run): a request "beyond us", the queue nobody here can
jump, and two quiet calls' misheard "can't" where no refusal can stand (a hold announced "... while I can't ...",
"can't" before "to"). Session 44 (L43), round one: the hold's "while" heard as a tag and a full stop ("... seconds,
right? I can't tell many ...", c1000's partial), beside a longer span's tag before a closed door; round two (in
sample: c1011, c972): the passive cause told of how it was set up, put up or played, not one on our end or the maker's
craft; round three (in sample: list AO): "not" pointing away through a preposition ("not with our network"; not
"from": a warning) and a consequence of the customer's act "isn't on us" after "so". Every line here in its author's
own words."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired


@pytest.mark.parametrize(
    "line",
    [
        "We've no way of getting the parcel to you before the weekend.",
        "I have no way of reversing that charge once it's gone through.",
        "It's impossible to rebook the coach at this late stage.",
        "It's simply impossible to get a fitter out to you this month.",
        "Impossible, madam, the order has already gone to the printer.",
        "Impossible, I'm afraid, the van left the depot an hour ago.",
        "Well, that scuffing is self-inflicted, you've been dragging the case along the kerb.",
        "The soles split because you wore them in the sea.",
        "There's no way on earth we can fit a second coach in on Saturday.",
        "That's not in our hands, you'd need the airline for that.",
        "You really should have read the booking conditions before paying.",
        "You've left it way too long since the last service, so it's the full rate.",
        "A same-day courier out to the islands is beyond us, I'm afraid.",
        "Nobody here can skip the waiting list for you.",
        "I can't to be honest, the order has already gone.",
        "It takes forty minutes, right, and we can't rush the kiln.",
        "A heater cutting out like that is usually down to how it was put up at home.",
        "That rattle comes from how it's been mounted since you moved it.",
        "That's a glitch with your old router, not with our connection.",
        "You left the lid off overnight, so the paint drying out isn't down to us.",
    ],
)
def test_a_closed_door_without_cant_is_read(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "So you've got no way of getting to the station now, that's awful.",
        "It's impossible to say exactly when, but it'll be before Friday.",
        "The red door is impossible to miss, it's right beside the bakery.",
        "That delay was self-inflicted on our side, and I'm sorry for it.",
        "It's half price because you wore the club badge, nice one.",
        "There's no way in the world you could have guessed that.",
        "Our croissants are never frozen, they come out of the oven at six.",
        "The only rule is have fun, and the badges go out on Monday.",
        "It's beyond us how the label came off, I'm sorry about that.",
        "Relax, nobody can jump the queue ahead of you.",
        "Can you hold two minutes while I can't how many we have?",
        "We can't to three lines, just email me the words.",
        "Could you hold about thirty seconds, right? I can't tell many of the blue ones.",
        "That's down to how it was set up on our end, so we'll send someone out today.",
        "The tone is down to how it was tuned at the factory, it's a lovely one.",
        "Texts like that come from scammers, not from us, so please just delete them.",
    ],
)
def test_its_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line
