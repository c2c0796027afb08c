"""A thing worn out after long service, or bought again, is no complaint to mirror (issue 9, session 57, Q55).

Session 56's quiet c1312 was nudged to mirror a happy reorder: "My little pond pump has finally given up after eleven
years, and I'd like the same model again", heard "... given up after 11 years and I'd like the same model", which the
complaint head read as a complaint. Now, in a turn that asks to buy the thing again, a sentence that tells a service of
some years (``listening.toml`` [worn_out] ``min_years``) or asks for the same thing again is no complaint
(``listening.worn_out_marks``), for the head and for a cue within ``max_gap`` words of it; unless it tells a short
service or a loyalty, judges a fault or tells a fresh one, names the company outside a question whether they still
stock it, or holds a negation or a "but" (helper R22's /tmp/R22/q55b.py: years told with no buying again asked are
the complaint). Every line is our wording (none is c1312's), through the language
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
    # years told, a fault judged, nothing bought again
    "My tumble dryer stopped working after four years, which is shocking for what it cost.",
    "The dishwasher gave up after six years and flooded the utility room.",
    # an injury told beside the wear and the request (helper R22's q55c class)
    "Can I get the newer model? The old one scalded my wrist when it finally gave up after ten years.",
]


@pytest.mark.parametrize("said", REORDERS)
def test_a_thing_worn_out_or_bought_again_is_no_complaint(said):
    assert MIRROR not in run([GREETING, ("customer", said), BUSINESS])


def test_a_reorder_s_other_sentence_is_no_feeling_to_acknowledge():
    """The reorder told after an introduction, its other sentence garbled ("the koi are waging" for "waiting"): the
    mirror (at 1310bfa8) is gone, and the feeling head's reading of the turn is no feeling to name either
    (``listening._buys_again``)."""
    said = (
        "Hello, Priya. This is Joan Pike in Wisbech. My old pond pump has finally given up after 11 years and I'd "
        "like the same model. Again, if you still have it, the koi are waging."
    )
    assert run([GREETING, ("customer", said), ("agent", "You know which one it was.")]) == []


@pytest.mark.parametrize("said", COMPLAINTS)
def test_a_fault_told_beside_it_is_still_mirrored(said):
    assert MIRROR in run([GREETING, ("customer", said), BUSINESS])


@pytest.mark.parametrize(
    ("turn", "marked"),
    [
        ("It finally gave up after 11 years and I'd like the same model.", True),
        ("It finally gave up after eleven years.", False),  # no buying again asked: the wear may be the complaint
        ("It's served us well and we'd like the same make again.", True),
        ("I'd like the same model again, if you've still got them.", True),  # a stock question names no fault
        ("It gave up after eleven years, you must have sold me a dud.", False),
        ("It never worked after eleven years in the box.", False),  # a negation besides
        ("It gave up after three days and I'd like the same model.", False),
        ("After twelve years as a member my pass has stopped working, can I get the same one?", False),  # loyalty
        ("The old one went after ten years and the new one arrived cracked, I'd like the same again.", False),
    ],
)
def test_worn_out_marks(turn, marked):
    assert bool(worn_out_marks(turn, turn)) is marked


def test_fewer_years_than_min_years_tell_no_wear():
    turn = "It finally gave up after two years. Can I get the same one?"
    assert not worn_out_marks("It finally gave up after two years.", turn)
    assert worn_out_marks("It finally gave up after twelve years.", turn.replace("two", "twelve"))


def test_the_request_may_be_the_turn_s_next_sentence():
    turn = "Our old lawn sprinkler finally gave up after eleven years. Can I get the same one?"
    assert worn_out_marks("Our old lawn sprinkler finally gave up after eleven years.", turn)
    assert MIRROR not in run([GREETING, ("customer", turn), BUSINESS])
