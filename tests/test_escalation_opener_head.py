"""An angry caller's first turn read from its opening words and its loudness (issue 10, ``opener_head_p``): in the
first 3 s a caller who rings angry says a greeting, a name and a place, no marker; the opener anger head
(:mod:`coach.classify.opener_head`) reads how the turn opens, and counts only with a loud voice on the absolute scale.

The stage tests stub the embedder and the head (they test the gate, not the weights); the last test reads the
committed head on openers written for it (not from the call set).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.opener_head import HEAD_PATH, OpenerHead
from coach.types import SAMPLE_RATE, Event

LOUD_DBFS = -21.0
"""Louder than ``opener_head_dbfs`` (-23.5), below ``loud_level_floor_dbfs`` (-22 would add loud evidence too)."""
USUAL_DBFS = -26.0
"""Telephone speech at about its nominal level."""
ON = 0.68
"""``opener_head_p`` turned on (the default is off: models/arousal.md, session 35)."""
OPENING = "Right, this is Dana Kemp from Hexby Lane about the"


class _Embedder:
    """A stand-in embedder: one fixed unit vector a text, counted."""

    def __init__(self) -> None:
        self.texts: list[str] = []

    def encode(self, texts: list[str], **_: Any) -> tuple[np.ndarray, list[list[int]]]:
        self.texts += list(texts)
        return np.ones((len(texts), 384), np.float32) / np.sqrt(384), [[1] for _ in texts]


class _Head:
    def __init__(self, p: float) -> None:
        self._p = p

    def p(self, embedding: np.ndarray) -> float:
        return self._p


def _stage(p: float, **cfg: Any) -> Any:
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    scorer = TextAngerScorer()
    scorer.embedder = _Embedder()  # type: ignore[assignment]
    # only this reading: no calm words, no word anger, no complaint reading of partials
    cfg = {"opener_head_p": ON, **cfg}
    config = EscalationConfig(calm_words_damp=0.0, partial_words_factor=0.0, complaint_gate=0.0, **cfg)
    stage = EscalationStage(config, text_scorer=scorer)
    stage._opener_head = _Head(p)
    return stage


def _level(stage: Any, at_s: float, dbfs: float) -> None:
    now = int(at_s * SAMPLE_RATE)
    report = Event.at_samples(
        "prosody", now - SAMPLE_RATE, now, speaker="customer", loudness_db=dbfs, loudness_delta_db=None
    )
    stage.observe([report], now)


def _partial(n_words: int, utt: str = "customer-1") -> dict[str, Any]:
    words = OPENING.split()[:n_words]
    return {
        "type": "transcript",
        "speaker": "customer",
        "utt": utt,
        "t": 0.2,
        "final": False,
        "words": [{"w": w, "p": 0.9} for w in words],
        "stable": max(0, len(words) - 2),
    }


def _opener(stage: Any, dbfs: float | None, partials: tuple[int, ...] = (3, 5, 7)) -> str:
    for i, n in enumerate(partials):
        at = 1.2 + 0.7 * i
        if dbfs is not None and i == 1:
            _level(stage, at, dbfs)
        stage.push_partial(_partial(n), int(at * SAMPLE_RATE))
        stage.tick(int(at * SAMPLE_RATE))
    stage.tick(int(3.0 * SAMPLE_RATE))
    return stage.level


def test_a_loud_opener_read_angry_on_two_partials_is_tense_within_3_s() -> None:
    stage = _stage(0.9)
    assert _opener(stage, LOUD_DBFS) == "tense"
    stage.tick(int(6.0 * SAMPLE_RATE))
    assert stage.level == "tense"  # never "escalated" on this alone


@pytest.mark.parametrize(
    ("p", "dbfs", "partials"),
    [
        (0.9, USUAL_DBFS, (3, 5, 7)),  # read angry, at the usual level: calm (a plain caller who opens briskly)
        (0.9, None, (3, 5, 7)),  # no loudness report yet
        (0.5, LOUD_DBFS, (3, 5, 7)),  # loud, read calm (a lively happy caller)
        (0.9, LOUD_DBFS, (2, 2, 7)),  # one partial with three words heard: no two readings agree yet
    ],
)
def test_one_cue_alone_is_not_enough(p: float, dbfs: float | None, partials: tuple[int, ...]) -> None:
    assert _opener(_stage(p), dbfs, partials) == "calm"


def test_off_and_after_the_first_turn_nothing_is_read() -> None:
    assert EscalationConfig().opener_head_p == 0.0  # off by default
    off = _stage(0.9, opener_head_p=0.0)
    assert _opener(off, LOUD_DBFS) == "calm"
    assert off._text.embedder.texts == []  # no reading at all when off

    later = _stage(0.9)
    final = {
        "type": "transcript",
        "speaker": "customer",
        "utt": "customer-0",
        "t": 0.1,
        "final": True,
        "text": "Yes.",
        "words": [{"w": "Yes.", "p": 0.9, "start": 0.1, "end": 0.4}],
    }
    later.push_final(final, int(0.5 * SAMPLE_RATE))
    embedded = len(later._text.embedder.texts)
    for i, n in enumerate((3, 5, 7)):
        at = 30.0 + 0.7 * i
        _level(later, at, LOUD_DBFS)
        later.push_partial({**_partial(n, "customer-2"), "t": 29.8}, int(at * SAMPLE_RATE))
        later.tick(int(at * SAMPLE_RATE))
    assert later.level == "calm" and len(later._text.embedder.texts) == embedded


def test_the_committed_head_reads_a_pleasantry_opener_calm() -> None:
    head = OpenerHead(HEAD_PATH)
    assert head.weights.shape == (384,) and 0.5 < head.threshold < 1.0
    from coach.classify.minilm import get_embedder

    calm = get_embedder().embed(["Hi there, good morning, I hope you're well, I was"])[0]
    assert head.p(calm) < ON


def test_the_head_is_loaded_once_per_path_and_process() -> None:
    from coach.classify.opener_head import get_opener_head

    assert get_opener_head() is get_opener_head(HEAD_PATH)
    assert get_opener_head().weights.shape == (384,)
