"""Acknowledgements by grammar (issue 9, session 48 Q46): a reply that names the customer's feeling or ordeal in words
the tables lacked counts as listening, and its look-alikes (the same frames with no feeling word) do not.

Families (listening.toml ``[acknowledging]``, session 48): the feeling read in the customer ("You must be frantic"),
the ordeal named ("You've had an awful morning", "That's a lot to deal with"), fright named ("How terrifying"), the
feeling judged fair ("It's natural to feel scared", "I don't blame you for being angry"), sympathy said as such ("I
feel for you"). Every line is our wording, none a call's. Text level: milliseconds each."""

from __future__ import annotations

import pytest

from coach.language.config import load_language_config
from coach.language.listening import acknowledges
from coach.language.patterns import compile_patterns
from tests.test_language_rules import final, kinds, run

ACKS = compile_patterns(load_language_config().acknowledge_feelings.acknowledgements)

ACKNOWLEDGING = [
    "You must be furious.",
    "You must be so worried about her.",
    "Right, you must be frantic.",
    "You'll be worried sick, I know.",
    "You sound really shaken.",
    "You sound so worried, Mrs Patel.",
    "You must have been terrified on that road.",
    "That sounds terrifying.",
    "How terrifying, with the traffic so close.",
    "That's alarming, I'm glad you rang.",
    "That's really traumatic.",
    "That must have been harrowing.",
    "You've had an awful morning.",
    "You've had a rough day of it, haven't you.",
    "You have been through a horrible week.",
    "You've been through so much already.",
    "That's a lot to deal with on your own.",
    "That's so much to cope with.",
    "It's completely natural to feel scared.",
    "It's understandable you'd be angry.",
    "It's only normal to feel that way.",
    "Your frustration makes total sense.",
    "Your concerns are completely valid.",
    "I don't blame you for being angry.",
    "Can't say I blame you, honestly.",
    "I really feel for you.",
    "My heart goes out to you.",
    "Oh, you poor thing.",
    "I'm so sorry it's been such a struggle.",
    "I understand how much this means to you.",
    "I know how important this is to you.",
]

NOT_ACKNOWLEDGING = [
    "You must be the account holder.",
    "You must be logged in to change that.",
    "You'll be getting an email shortly.",
    "You sound a bit quiet, can you speak up?",
    "You sound like you're on a train.",
    "You've had it a year now.",
    "You've had a delivery already this week.",
    "You've been through to the wrong department.",
    "You must have been sent the wrong size.",
    "That's a lot of money for a kettle.",
    "It's normal to be charged a fee for that.",
    "It's natural to see some shrinkage in wool.",
    "Your concern number is four five six.",
    "How rough is the surface?",
    "I know how much the repair is.",
    "I know how important it is to keep the receipt.",
]


@pytest.mark.parametrize("reply", ACKNOWLEDGING)
def test_feeling_grammars_acknowledge(reply: str) -> None:
    assert acknowledges(reply, ACKS), reply


@pytest.mark.parametrize("reply", NOT_ACKNOWLEDGING)
def test_the_same_frames_without_a_feeling_do_not(reply: str) -> None:
    assert not acknowledges(reply, ACKS), reply


UPSET = "I'm so worried, the van has broken down on the motorway and my dog is in the back."


@pytest.mark.parametrize(
    ("reply", "nudged"),
    [
        ("You must be frantic. I'm sending a recovery truck to you right now.", []),
        ("You've had an awful morning. A recovery truck is on its way to you now.", []),
        ("What's the registration of the van, please?", ["acknowledge_feelings"]),
        ("You must be on the hard shoulder. What's the registration?", ["acknowledge_feelings"]),
    ],
)
def test_the_rule_takes_the_grammar_as_the_acknowledgement(reply: str, nudged: list[str]) -> None:
    """The acknowledgement rule on a feeling in words: a reply in these grammars answers it; one whose frame holds no
    feeling ("You must be on the hard shoulder") misses it as a details question does."""
    out = run(final("customer", UPSET, 1.0), final("agent", reply, 8.0))
    assert [k for k in kinds(out) if k == "acknowledge_feelings"] == nudged
