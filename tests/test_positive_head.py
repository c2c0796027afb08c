"""The positive-language head (``coach/language/positive_head.py``): the ``positive_language`` rule's learned second
opinion on an agent final its phrase families and refusal grammar were silent on, behind ``[positive_language]
model_threshold`` (above 1: off), with the classes of ``positive_head.toml`` and ``calm_head.toml`` left alone.
Cheap: a stand-in head, a few sentences; no training here (``scripts/train_positive_head.py``; the committed file
is checked beside the calm-down head's in ``tests/test_calm_down_head.py``)."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

import pytest

from coach.language import LanguageCoach, positive_head
from coach.language.config import load_language_config
from coach.language.utterance import Utterance
from tests.test_calm_down_head import _Rated
from tests.test_language_rules import final

ROOT = Path(__file__).resolve().parents[1]
# Our own wording, in no list or call: a hand-off in an image no phrase family or grammar part holds.
DOOR = "Honestly, the lads in the warehouse would be the ones to take that up with."


def _coach(threshold: float) -> LanguageCoach:
    return LanguageCoach(load_language_config(overrides={"positive_language": {"model_threshold": threshold}}))


def _meaning(coach: LanguageCoach, text: str) -> list[str]:
    """The ``basis`` of each positive-language nudge of ``text`` said as an agent final."""
    out = coach.push(final("agent", text, 1.0))
    return [str(n.evidence.get("basis", "")) for n in out if n.kind == "positive_language"]


def test_off_in_the_shipped_config_the_grammar_still_finds_a_plain_hand_off() -> None:
    assert load_language_config().positive_language.model_threshold > 1.0
    hand_off = "Honestly, the shop has to deal with that one, not us."
    (found,) = [n for n in LanguageCoach().push(final("agent", hand_off, 1.0)) if n.kind == "positive_language"]
    assert found.evidence["family"] == "grammar_blame" and found.evidence.get("basis") != "meaning"


def test_the_tables_are_silent_on_the_door_and_off_it_is_never_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*_: object) -> None:
        raise AssertionError("the head was asked while off")

    monkeypatch.setattr(positive_head, "get_positive_head", boom)
    assert _meaning(_coach(1.1), DOOR) == []


def test_on_it_nudges_a_sentence_the_tables_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positive_head, "get_positive_head", lambda *_: _Rated("warehouse", 0.99))
    coach = _coach(0.9)
    (found,) = [n for n in coach.push(final("agent", f"Right. {DOOR}", 1.0)) if n.kind == "positive_language"]
    assert found.evidence["basis"] == "meaning" and found.evidence["score"] == 0.99
    assert found.evidence["sentence"] == DOOR
    cfg = coach.config.positive_language
    assert found.text == cfg.model_text and found.evidence["rephrase"] == cfg.model_rephrase


def test_under_the_threshold_on_a_partial_or_misheard_it_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(positive_head, "get_positive_head", lambda *_: _Rated("warehouse", 0.8))
    assert _meaning(_coach(0.9), DOOR) == []
    cfg = _coach(0.1).config.positive_language
    partial = dataclasses.replace(Utterance.from_event(final("agent", DOOR, 1.0)), final=False)
    assert positive_head.positive_by_meaning(partial, cfg) == []
    event = final("agent", DOOR, 1.0)
    event["words"][6]["p"] = 0.1  # "warehouse" heard unsurely
    assert positive_head.positive_by_meaning(Utterance.from_event(event), cfg) == []
    assert positive_head.positive_by_meaning(Utterance.from_event(final("agent", DOOR, 1.0)), cfg) != []


def test_it_is_asked_only_where_the_wording_rules_are_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    class Counting(_Rated):
        def score(self, texts: list[str]) -> list[float]:
            asked.extend(texts)
            return super().score(texts)

    monkeypatch.setattr(positive_head, "get_positive_head", lambda *_: Counting("zzz", 0.99))
    assert _meaning(_coach(0.5), "I'm afraid that's against our policy.") not in ([], ["meaning"])
    assert asked == []


@pytest.mark.parametrize(
    "quiet",
    [
        "Honestly, that shouldn't have happened to you at all.",  # empathy in negative words
        "I don't blame you one bit for being cross about the warehouse.",
        "You won't have to pay a penny for the warehouse's mistake.",  # an offer in "won't"
        "It's no trouble at all, the warehouse owes you that much.",  # no trouble at all
        "It's not your fault the warehouse lost it.",  # reassurance
        "Bear with me while I ring the warehouse.",  # a hold (calm_head.toml)
    ],
)
def test_the_register_classes_are_not_judged(monkeypatch: pytest.MonkeyPatch, quiet: str) -> None:
    monkeypatch.setattr(positive_head, "get_positive_head", lambda *_: _Rated("warehouse", 0.99))
    assert positive_head.POSITIVE_HEAD.weight(quiet) > 1.0
    assert "meaning" not in _meaning(_coach(0.9), quiet)


@pytest.mark.parametrize(
    "door",
    [
        "That one's really for the warehouse to sort out, not us.",
        "You'll have to chase the warehouse yourself, I'm afraid.",
        "The warehouse won't take it back once it's opened.",
        "That isn't something the warehouse would ever do.",
    ],
)
def test_the_classes_leave_closed_doors_to_the_head(door: str) -> None:
    assert positive_head.POSITIVE_HEAD.weight(door) == 1.0
    assert positive_head.POSITIVE_HEAD.judged_pieces(f"Okay. {door}") == [door]


def test_training_reads_no_blind_list_and_no_held_out_call() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import eval_calls
    import eval_language_wording
    import train_positive_head
    from sentence_head_training import known_at

    assert train_positive_head.LAST_CALL < 910 <= eval_calls.FIRST_HELDOUT_CALL
    # the head is fitted on the lists of LISTS_COMMIT: a list blind now did not exist then, or is left out
    at_fit = known_at(train_positive_head.SETUP, train_positive_head.LISTS_COMMIT)
    assert "held_out_aj" in at_fit
    assert all(name not in at_fit or name in train_positive_head.NOT_TRAINED for name in eval_language_wording.BLIND)
    assert "held_out_ak" in train_positive_head.NOT_TRAINED
    source = (ROOT / "scripts" / "sentence_head_training.py").read_text(encoding="utf-8")
    assert "if path.stem in BLIND:" in source and "tuning_scripts()" in source


def test_training_never_reweights_a_closed_door() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_positive_head

    held = "It's not your fault, but no refunds, that's the rule."
    assert train_positive_head.SETUP.weight_of(held, 1) == 1.0 and train_positive_head.SETUP.weight_of(held, 0) > 1.0
