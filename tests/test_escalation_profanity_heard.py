"""A swear word counts only where the transcriber heard it surely (``profanity_min_p``; session 51, E58,
issue 10): a short word it makes out of others ("Crabs in the garden" heard "Crap in the garden") is not a customer
swearing. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import EscalationStage, _surely_heard
from coach.classify.text_anger import TextAngerScorer
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

SAID = "Crap in the garden for the party then"


def _words(p_first: float) -> list[dict[str, object]]:
    return [{"w": w, "p": p_first if i == 0 else 0.9} for i, w in enumerate(SAID.split())]


def _counted_from_partial(p_first: float, **config: float) -> list[str]:
    """The markers counted once a committed partial of ``SAID`` is in, its first word heard at ``p_first``."""
    stage = EscalationStage(EscalationConfig(**config), text_scorer=TextAngerScorer())
    words = _words(p_first)
    partial = {"speaker": "customer", "utt": "c1", "t": 1.0, "words": words, "stable": len(words)}
    stage.push_partial(partial, 3 * SAMPLE_RATE)
    return stage._tracker._lexicon()[2]


def test_a_swear_word_barely_heard_in_a_partial_does_not_count() -> None:
    assert _counted_from_partial(0.5) == []
    assert _counted_from_partial(0.5, profanity_min_p=0.0) == ["crap"]
    assert _counted_from_partial(0.9) == ["crap"]


@pytest.mark.parametrize(("p_first", "kept"), [(0.5, False), (0.9, True)])
def test_a_finals_swear_word_counts_only_heard_surely(p_first: float, kept: bool) -> None:
    hits = default_lexicon().find(SAID)
    assert [h.phrase for h in _surely_heard(hits, SAID, _words(p_first), EscalationConfig())] == (
        ["crap"] if kept else []
    )


@pytest.mark.parametrize(
    ("p_first", "profanity_min_p", "kept"), [(0.5, 0.6, False), (0.9, 0.6, True), (0.1, 0.0, True)]
)
def test_a_finals_swear_word_keeps_its_floor_when_the_other_markers_have_none(
    p_first: float, profanity_min_p: float, kept: bool
) -> None:
    """``final_marker_min_word_p`` 0 lets every other marker of a final count; a swear word still needs
    ``profanity_min_p`` ("the higher of" the two, as in a partial; R16, session 52)."""
    config = EscalationConfig(final_marker_min_word_p=0.0, profanity_min_p=profanity_min_p)
    hits = _surely_heard(default_lexicon().find(SAID), SAID, _words(p_first), config)
    assert [h.phrase for h in hits] == (["crap"] if kept else [])


def test_other_markers_keep_their_floor() -> None:
    said = "Ridiculous in the garden for the party then"
    words = [{"w": w, "p": 0.5 if i == 0 else 0.9} for i, w in enumerate(said.split())]
    hits = default_lexicon().find(said)
    assert [h.phrase for h in _surely_heard(hits, said, words, EscalationConfig())] == ["ridiculous"]


def test_the_setting_is_checked() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(profanity_min_p=1.5)
