"""A thing worn out after long service, or bought again, is no complaint to mirror (issue 9, session 57, Q55).

Session 56's quiet c1312 was nudged to mirror a happy reorder: "My little pond pump has finally given up after eleven
years, and I'd like the same model again", heard "... given up after 11 years and I'd like the same model", which the
complaint head read as a complaint. Now a sentence that tells a service of some years (``listening.toml`` [worn_out]
``min_years``) or asks for the same thing again is no complaint (``listening.worn_out_marks``), for the head and for a
cue within ``max_gap`` words of it; unless it tells a short service, names the company outside a question whether they
still stock it, or holds a negation or a "but". Every line is our wording (none is c1312's), through the language
coach with real MiniLM embeddings and the shipped complaint head."""

from __future__ import annotations

import pytest

from coach.language.listening import worn_out_marks
from tests.test_quiet_well_handled import run

GREETING = ("agent", "Good morning, Fenland Garden Supplies, Priya speaking.")
BUSINESS = ("agent", "Do you have the model number to hand?")
MIRROR = "mirror_complaint"

REORDERS = [
    "My old fountain pump has finally packed up after fourteen years and I'd like the same one again.",
    "The shed heater gave up the ghost after 12 years, so I'd like to order another one just like it.",
    "Our lawnmower has given up after all these years and we want the same model, if you still have it.",
    "My pond filter has finally given up and I'd like exactly the same model again.",
    "Hello, it's Margaret. My bird table light has died after nine years and I'd like the same again.",
    "The water butt pump has had a good innings, it's stopped working, and I'd like the same model.",
]

COMPLAINTS = [
    # a short service
    "My pond pump has given up after two weeks and I'd like the same model again.",
    "The fountain pump packed up after only three years, and I want the same one replaced.",
    # the company named as the doer
    "The pump you sent has given up after eleven years.",
    "The pump your engineer fitted has packed up after twelve years.",
    # another fault told besides the wear, after a "but"
    "The old pump gave up after eleven years, but the new one leaks all over the patio.",
    # "the same model" with no request: the customer owns one that fails
    "I've got the same model and it keeps cutting out.",
    # a fault besides, in the same sentence
    "My pump has given up after eleven years and the engineer never came.",
    # money back asked, no reorder
    "My pond pump has given up after two weeks and I want my money back.",
]


@pytest.mark.parametrize("said", REORDERS)
def test_a_thing_worn_out_or_bought_again_is_no_complaint(said):
    assert MIRROR not in run([GREETING, ("customer", said), BUSINESS])


@pytest.mark.parametrize("said", COMPLAINTS)
def test_a_fault_told_beside_it_is_still_mirrored(said):
    assert MIRROR in run([GREETING, ("customer", said), BUSINESS])


@pytest.mark.parametrize(
    ("sentence", "marked"),
    [
        ("It finally gave up after 11 years and I'd like the same model.", True),
        ("It finally gave up after eleven years.", True),
        ("It finally gave up after two years.", False),  # fewer years than min_years, no reorder
        ("It's served us well and we'd like the same make again.", True),
        ("I'd like the same model again, if you've still got them.", True),  # a stock question names no fault
        ("It gave up after eleven years, you must have sold me a dud.", False),
        ("It never worked after eleven years in the box.", False),  # a negation besides
        ("It gave up after three days and I'd like the same model.", False),
    ],
)
def test_worn_out_marks(sentence, marked):
    assert bool(worn_out_marks(sentence)) is marked
