"""Session 30 (L28, issue 9): positive language in frames that survive the recogniser changing the words around them
(tests/data/language_wording/tuning_l28.toml: lines written by L28), and the agent's "can" heard "can't" in a final
whose turn goes on to offer the thing (c664's "We can, yes. ... We can bring ..." heard "We can't address. ...")."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge
from tests.test_language_phrasing_l22 import line_kinds
from tests.test_language_rules import final

KIND = "positive_language"
LIST = tomllib.loads((Path(__file__).parent / "data" / "language_wording" / "tuning_l28.toml").read_text("utf-8"))


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_l28_frames_nudge_by_class(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_l28_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


def heard(text: str, ps: dict[int, float]) -> list[str]:
    """The kinds a final agent turn ``text`` is nudged for, its words heard at 0.9 but for ``ps`` (index -> p)."""
    e = final("agent", text, 3.0, utt="agent-1")
    for i, p in ps.items():
        e["words"][i]["p"] = p
    return [n.kind for n in LanguageCoach().push(e) if isinstance(n, Nudge)]


@pytest.mark.parametrize(
    "text",
    [
        "We can't fitter. There's a cover that goes over the whole frame. We can drop one round on Monday.",
        "I can't shelf. The spare key's in the office. I'll post it out today.",
        "We can't yet. Yes, the bigger size. We could fit it when we're out on Tuesday.",
    ],
)
def test_l28_an_unheard_action_after_cant_then_an_offer_is_the_can_misheard(text: str) -> None:
    assert KIND not in heard(text, {2: 0.05})


@pytest.mark.parametrize(
    ("text", "ps"),
    [
        # the refused action heard surely: a refusal, whatever is offered after it
        ("We can't refund. We can send a voucher for the next visit.", {}),
        # unheard, but nothing offered after it, or the offer is an alternative or an obligation
        ("We can't fitter. There's a cover that goes over the whole frame.", {2: 0.05}),
        ("We can't fitter. We can send a voucher instead.", {2: 0.05}),
        ("I can't shelf. I'll have to charge the call-out.", {2: 0.05}),
        ("We can't fitter. But we can put you on the list.", {2: 0.05}),
    ],
)
def test_l28_a_refusal_stays_a_refusal_unless_the_turn_offers_the_thing(text: str, ps: dict[int, float]) -> None:
    assert KIND in heard(text, ps)


@pytest.mark.parametrize(
    "line",
    [
        "I can't have a man out to you Thursday to bleed the radiators, and he'll check the boiler pressure too.",
        "We can't get a surveyor round on the ninth, and she'll go over the whole roof.",
        "I can't send the lads over first thing and they'll lift the old carpet for you.",
    ],
)
def test_l28_a_cant_whose_sentence_goes_on_with_the_plan_is_the_can_misheard(line: str) -> None:
    assert KIND not in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "I can't have a man out to you Thursday, the diary's full.",
        "We can't get a surveyor round until the ninth, and she'll ring you before.",
        "I can't replace the unit, sorry, and they'll say the same at the depot.",
        "We can't refund it and they'll tell you the same at head office.",
        "We can't replace the whole unit, and we'll send someone to look at it.",
    ],
)
def test_l28_a_cant_with_a_limit_an_apology_or_our_own_plan_after_it_stays_a_refusal(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "Changing colours in a no-go for us now.",  # "is" heard "in"
        "Late returns, wouldn't something I'm able to waive, I'm afraid.",  # "aren't" heard "wouldn't"
        "Then you're the one clogging it with fat. That's not our sink.",  # a blame told in two sentences
    ],
)
def test_l28_frames_as_the_recogniser_leaves_them_nudge(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "If the gasket's at fault, we'll fit a new one on Friday.",
        "Whether the pump's to blame or not, the engineer will bring a new one.",
        "In case the thermostat's at fault, he'll carry a spare.",
    ],
)
def test_l28_a_fault_supposed_after_if_or_whether_is_no_blame(line: str) -> None:
    assert KIND not in line_kinds(line)


def test_l28_a_fault_pointed_at_someone_stays_blame() -> None:
    assert KIND in line_kinds("That was the courier's fault, they left it in the rain.")
