"""The calm-down head (``coach/language/calm_head.py``): the ``avoid_calm_down`` rule's learned second opinion on an
agent final the wording rules are silent on, behind ``[language.avoid_calm_down] model_threshold`` (above 1: off).
Cheap: the committed ``models/calm_head.json``, a few sentences; no training here (``scripts/train_calm_head.py``)."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from coach.classify import minilm
from coach.classify.onnx_session import ModelMissingError
from coach.errors import ConfigError
from coach.language import LanguageCoach, calm_head, positive_head
from coach.language.config import load_language_config
from coach.language.sentence_head import SentenceHead
from coach.language.utterance import Utterance
from tests.test_language_rules import final

ROOT = Path(__file__).resolve().parents[1]


class _Rated:
    """A stand-in head: each sentence scores ``p`` when it holds ``word``, else 0."""

    def __init__(self, word: str, p: float) -> None:
        self.word, self.p = word, p

    def score(self, texts: list[str]) -> list[float]:
        return [self.p if self.word in t.lower() else 0.0 for t in texts]


def _coach(threshold: float) -> LanguageCoach:
    return LanguageCoach(load_language_config(overrides={"avoid_calm_down": {"model_threshold": threshold}}))


def _kinds(coach: LanguageCoach, text: str) -> list[str]:
    return [n.kind for n in coach.push(final("agent", text, 1.0))]


def test_off_above_one_never_loads_the_head(monkeypatch: pytest.MonkeyPatch) -> None:
    """Off is said in so many words (the product's default_config.toml runs the head, and so does a bare
    ``load_language_config()``: tests/test_language_config_source.py)."""

    def boom(*_: object) -> None:
        raise AssertionError("the head was asked while off")

    monkeypatch.setattr(calm_head, "get_calm_head", boom)
    assert "avoid_calm_down" not in _kinds(_coach(1.1), "Let's pop the lid off the kettle and let it whistle down.")


def test_on_it_nudges_a_sentence_the_tables_miss(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("kettle", 0.99))
    coach = _coach(0.9)
    out = coach.push(final("agent", "Right, okay. Let's take the kettle off the boil a bit, yeah?", 1.0))
    calm = [n for n in out if n.kind == "avoid_calm_down"]
    assert len(calm) == 1
    assert calm[0].evidence["basis"] == "meaning" and calm[0].evidence["score"] == 0.99
    assert calm[0].evidence["sentence"] == "Let's take the kettle off the boil a bit, yeah?"


def test_under_the_threshold_or_on_a_partial_it_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("kettle", 0.8))
    assert _kinds(_coach(0.9), "Let's take the kettle off the boil a bit, yeah?") == []
    heard = dataclasses.replace(
        _utterance(final("agent", "Let's take the kettle off the boil a bit.", 1.0)), final=False
    )
    assert calm_head.calm_by_meaning(heard, _coach(0.1).config.avoid_calm_down) == []


def _utterance(event: dict) -> Utterance:
    return Utterance.from_event(event)


def test_it_is_asked_only_where_the_wording_rules_are_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    class Counting(_Rated):
        def score(self, texts: list[str]) -> list[float]:
            asked.extend(texts)
            return super().score(texts)

    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: Counting("zzz", 0.99))
    coach = _coach(0.5)
    assert _kinds(coach, "Calm down, please.") == ["avoid_calm_down"]  # the tables' nudge, the head not asked
    assert asked == []


def test_a_misheard_word_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("kettle", 0.99))
    event = final("agent", "Take the kettle off the boil.", 1.0)
    event["words"][2]["p"] = 0.1
    assert calm_head.calm_by_meaning(_utterance(event), _coach(0.5).config.avoid_calm_down) == []


def test_threshold_out_of_range_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="model_threshold"):
        load_language_config(overrides={"avoid_calm_down": {"model_threshold": 1.5}})


# both sentence heads (coach/language/sentence_head.py): the calm-down head and the positive-language head
HEADS = [calm_head.CALM_HEAD, positive_head.POSITIVE_HEAD]


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h.kind)
def test_a_missing_model_file_names_the_rebuild_command(tmp_path: Path, head: SentenceHead) -> None:
    with pytest.raises(ModelMissingError, match=Path(head.rebuild.split()[-1]).name):
        head.model(tmp_path / head.path.name)


@pytest.mark.parametrize("head", HEADS, ids=lambda h: h.kind)
def test_the_committed_head_matches_the_served_embedding(head: SentenceHead) -> None:
    spec = json.loads(head.path.read_text(encoding="utf-8"))
    assert len(spec["weights"]) == minilm.DIMENSION
    assert 0.5 <= spec["threshold"] < 1.0
    # fitted on the embeddings the product computes at run time (int8 as served), not the fp32 graph
    assert spec["embedding_version"].endswith("+int8-matmuls+fused-attention")


def test_training_reads_no_blind_list_and_no_held_out_call() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import eval_calls
    import train_calm_head

    assert max(train_calm_head.LAST_CALL, train_calm_head.CANDIDATE.last_call) < eval_calls.FIRST_HELDOUT_CALL
    source = (ROOT / "scripts" / "sentence_head_training.py").read_text(encoding="utf-8")
    assert "if path.stem in BLIND:" in source and "tuning_scripts()" in source


def test_pieces_are_the_sentences_of_two_words_or_more() -> None:
    assert calm_head.pieces_of("Relax. Take a breath for me. Okay?") == ["Take a breath for me."]
    assert np.isclose(calm_head.MIN_WORD_P, 0.4)


def test_a_closing_turn_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    # a care wish said with the goodbye ("mind how you go on the ice") reads like a calm-down to the head
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("ice", 0.99))
    assert _kinds(_coach(0.9), "Watch your step on the ice out there. Bye now.") == []
    assert _kinds(_coach(0.9), "Watch your step on the ice out there, okay?") == ["avoid_calm_down"]


def test_the_committed_head_reads_an_unseen_image_and_spares_call_lines() -> None:
    # our own wording, in no list: a temper "parked" (0.998 when written) vs a greeting, a question, an offer (< 0.25)
    head = calm_head.get_calm_head()
    calm, *lines = head.score(
        [
            "Whoa there, park that temper for a minute and talk to me.",
            "Good morning, Harbour Dental, Priya speaking.",
            "Could you read me the postcode on the letter?",
            "I will pop that refund through for you today.",
        ]
    )
    assert calm >= head.threshold
    assert max(lines) < 0.5


def test_a_hold_or_patience_in_the_soothing_register_is_not_judged(monkeypatch: pytest.MonkeyPatch) -> None:
    # the head read a look-up announced and "no rush" as calm-downs on quiet calls (session 39, M2): calm_head.toml's
    # classes are not judged; the same word outside them still is
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("rush", 0.99))
    assert _kinds(_coach(0.9), "Honestly, there's no rush at all with the form.") == []
    assert _kinds(_coach(0.9), "Nobody is going to rush you, come in whenever.") == []
    assert _bases(_coach(0.9), "Stop rushing about in such a flap over the form.") == ["meaning"]
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("pull", 0.99))
    assert _kinds(_coach(0.9), "Okay, let me just pull up the booking.") == []
    assert _bases(_coach(0.9), "Okay, pull the handbrake on for me a second.") == ["meaning"]


def _bases(coach: LanguageCoach, text: str) -> list[str]:
    return [n.evidence.get("basis", "") for n in coach.push(final("agent", text, 1.0)) if n.kind == "avoid_calm_down"]


def test_the_register_classes_weigh_only_what_they_name() -> None:
    assert calm_head.register_weight("Bear with me while I check the order.") > 1.0
    assert calm_head.register_weight("Take all the time you need with it.") > 1.0
    assert calm_head.register_weight("You need to calm down, sir.") == 1.0
    assert calm_head.judged_pieces("Hang on, I'm just checking that. Calm yourself down.") == ["Calm yourself down."]


def test_training_never_reweights_a_calm_down() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_calm_head

    held = "Hold on, hold on, there's no rush, just breathe."
    assert calm_head.register_weight(held) > 1.0
    assert train_calm_head.weight_of(held, 1) == 1.0 and train_calm_head.weight_of(held, 0) > 1.0


def _lines_of_tests() -> str:
    """The text of every test module and of every non-blind wording list."""
    sys.path.insert(0, str(ROOT / "scripts"))
    from eval_language_wording import BLIND

    lists = [p for p in (ROOT / "tests" / "data" / "language_wording").glob("*.toml") if p.stem not in BLIND]
    return "\n".join(p.read_text(encoding="utf-8").lower() for p in [*(ROOT / "tests").glob("*.py"), *lists])


def test_the_written_negatives_are_negatives_that_count_their_class_weight_and_copy_no_test_line() -> None:
    # session 41 (M4): the classes of the look-alikes the head flagged, written fresh: a test line copied into the
    # training would make its test pass without saying anything about the class
    sys.path.insert(0, str(ROOT / "scripts"))
    import train_calm_head
    from sentence_head_training import WRITTEN, Pieces, written_items

    setup = train_calm_head.CANDIDATE
    assert train_calm_head.SETUP.negatives == ()  # the committed head's fit has none (its --check)
    items = written_items(setup)
    assert len(items) >= 50 and {it.group for it in items} == {WRITTEN + p.stem for p in setup.negatives}
    assert all(it.label == 0 and it.train and all(lab == 0 for _, lab in it.train) for it in items)
    seen = _lines_of_tests()
    assert [it.text for it in items if it.text.lower() in seen] == []
    rows = Pieces.of(setup, items, lambda texts: np.zeros((len(texts), minilm.DIMENSION)))
    assert rows.y.sum() == 0 and not rows.call.any()
    assert rows.weight.tolist() == [max(it.weight, setup.weight_of(p, 0)) for it in items for p, _ in it.train]
    assert min(it.weight for it in items) > 1.0


def test_a_sentence_whose_calm_down_words_the_tables_excuse_is_left_to_them(monkeypatch: pytest.MonkeyPatch) -> None:
    # session 41 (M4): the tables saw calm-down words and their exceptions judged the sentence a look-alike (a
    # calm-down talked about, a literal breath or rail); the head, which reads the words' register, is not asked
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("calm", 0.99))
    assert _kinds(_coach(0.9), "I would never tell a customer to calm down on a call like this.") == []
    assert _bases(_coach(0.9), "You sound calmer now, which is good.") == ["meaning"]
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("steady", 0.99))
    assert _kinds(_coach(0.9), "Hold the rail to steady yourself on the ramp.") == []
    assert _bases(_coach(0.9), "Keep steady and stop fretting over the invoice.") == ["meaning"]
    # a plea about the line (C11's exception, session 41), which the committed head rated over 0.98
    monkeypatch.setattr(calm_head, "get_calm_head", lambda *_: _Rated("cutting", 0.99))
    assert _kinds(_coach(0.9), "Please don't go cutting out on me, the signal's weak.") == []
    rule = _coach(0.9)._calm
    assert rule.excused("Take a deep breath in and blow into the tube for me.")
    assert not rule.excused("You sound calmer now, which is good.")
