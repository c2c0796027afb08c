"""Session 15 (L8), issue 9: refusals and blame as the recogniser writes them, read by the refusal grammar
(wording written here, not taken from the calls or the lists). What each finding names, the heard forms
of a mishandling verb, and the look-alikes that must stay quiet. The list-level figures are
``tests/data/language_wording/tuning_l8.toml`` (``tests/test_language_wording.py``)."""

from __future__ import annotations

import pytest

from coach.asr.textnorm import edit_distance
from coach.language.config import load_language_config
from coach.language.patterns import normalise, word_tokens
from coach.language.refusal_grammar import RefusalGrammar

CONFIG = load_language_config()
GRAMMAR = RefusalGrammar(CONFIG.positive_language.grammar, CONFIG.slots["mishandled"])


def roles(text: str) -> list[dict[str, str]]:
    """The parts of every finding in one sentence, role -> words."""
    toks, _ = normalise(word_tokens(text))
    return [dict(f.parts) for f in GRAMMAR.find(toks)]


@pytest.mark.parametrize(
    ("text", "act"),
    [
        ("that'll be because you'll overfield the boiler", "overfield"),  # homophone of -filled, "you'll"
        ("it's probably because you drop it a lot", "drop"),  # -ed lost
        ("that's because you've over loaded the tray", "over loaded"),  # split after "over"
        ("it was since you'd mistype the code", "mistype"),
    ],
)
def test_the_cause_put_on_the_customer_as_heard(text, act):
    assert {"cause", "customer", "act"} <= set(roles(text)[0]), text
    assert roles(text)[0]["act"] == act


@pytest.mark.parametrize(
    "text",
    [
        "it's been a fortnight since you dropped the keys in",  # "since" as a time
        "that's because you're overcharged by the old meter",  # done to the customer
        "that's because you were overcharged in March",
        "that'll be because the driver dropped it",  # someone else
        "that's because you moved to the cheaper tariff",  # no mishandling
        "it's because you overpaid last month",  # not a mishandling, nor within two letters of one
    ],
)
def test_causes_that_put_nothing_mishandled_on_the_customer_are_not_blame(text):
    assert not roles(text), text


@pytest.mark.parametrize(
    ("text", "heard"),
    [
        ("nope, loan cars and part of your cover", "and"),
        ("let me look, nah, wheel trims hunt part of the policy", "hunt"),
    ],
)
def test_a_flat_no_before_part_of_a_cover_with_its_negation_lost(text, heard):
    found = roles(text)
    assert found and found[0]["heard"] == heard and found[0]["negation"] in ("nope", "nah"), text


@pytest.mark.parametrize(
    "text",
    [
        "nope, loan cars are part of your cover",
        "nope, that's all part of your cover",
        "nah, the loan car's part of your policy",
        "nope, it comes as part of your plan",
        "nope, the loan car part of your cover pays for that",  # a noun phrase, the sentence goes on
        "nope, everything part of your plan",  # "everything's" with its 's lost
        "I've no idea which part of your plan",
    ],
)
def test_part_of_a_cover_as_good_news_is_no_refusal(text):
    assert not roles(text), text


def test_the_edit_distance_of_letters():
    assert edit_distance(list("overfield"), list("overfilled")) == 2
    assert edit_distance(list("drop"), list("dropped")) == 3
    assert edit_distance([], list("abc")) == 3
    assert edit_distance(list("same"), list("same")) == 0
