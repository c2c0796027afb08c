"""Session 29 (L26, issue 9): refusals, blame and policy in fresh words as classes, and the agent's "can" heard
"can't" (tests/data/language_wording/tuning_l26.toml: lines written by L26): unwillingness said of anyone on the
agent's side, a customer's reason ruled out, damage put down to the customer's habits, a rule that makes a charge
payable; look-alikes: a "can't" answered at once by a yes, "can't complain", a reason ruled out as good news."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coach.language import LanguageCoach
from coach.types import Withdrawal
from tests.test_language_phrasing_l22 import CONFIG, line_kinds
from tests.test_language_rules import final

LIST = tomllib.loads((Path(__file__).parent / "data" / "language_wording" / "tuning_l26.toml").read_text("utf-8"))


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_l26_refusals_blame_and_policies_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_l26_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "line",
    [
        "We can't, yeah, that's fine.",  # the agent's "We can, yeah" heard with a "t"
        "I can't, sure, give me a second.",
        "Can't complain really, how are you?",
    ],
)
def test_l26_a_cant_answered_by_a_yes_is_no_refusal(line: str) -> None:
    assert "positive_language" not in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "We can't, no, not on a sale item.",  # a real refusal answered by a no still counts
        "We can't refund a sale item, yes, that's the rule.",  # the yes comes after the refused verb
        "I can't complain to the supplier for you, you'd have to do that yourself.",
    ],
)
def test_l26_real_refusals_next_to_the_look_alikes_still_nudge(line: str) -> None:
    assert "positive_language" in line_kinds(line)


def _partial(text: str, unsure: str, p: float, *, utt: str = "agent-1") -> dict:
    """An agent partial of ``text``, all its words committed, the word ``unsure`` heard at ``p`` (the others 0.9)."""
    event = dict(final("agent", text, 1.0, utt=utt), final=False)
    event["stable"] = len(event["words"])
    event["words"] = [dict(w, p=p) if w["w"].strip(".,") == unsure else w for w in event["words"]]
    return event


def test_l26_a_partials_cant_before_an_unsure_action_waits_for_the_final() -> None:
    # c664's kind: "We can, yes. ..." read "We can't address the ..." by a partial, the "action" a garbled word
    coach = LanguageCoach(CONFIG)
    out = [*coach.push(_partial("We can't address the flap for you", "address", 0.2))]
    out += coach.push(final("agent", "We can, yes. There's a flap for you.", 1.0))
    assert [n.kind for n in out if not isinstance(n, Withdrawal)] == []
    # the same refusal heard surely is nudged from the partial, and a real one heard unsurely at its final
    sure = LanguageCoach(CONFIG).push(_partial("We can't refund the deposit for you", "refund", 0.9))
    assert [n.kind for n in sure] == ["positive_language"]
    coach = LanguageCoach(CONFIG)
    assert coach.push(_partial("We can't refund the deposit for you", "refund", 0.2)) == []
    assert [n.kind for n in coach.push(final("agent", "We can't refund the deposit for you.", 1.0))] == [
        "positive_language"
    ]
