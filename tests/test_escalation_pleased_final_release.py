"""A customer who thanks or is pleased, with no complaint in the words, is calm at once once the score has fallen
below ``tense_exit`` (``pleased_final_releases_tense``, session 52, E60, issue 10): the "tense" of their earlier
complaint is not held ``exit_hold_s`` longer, so the summary dates their coming down at those words. Wording of our
own; word probabilities set by hand."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE


def _final(utt: str, t: float, text: str) -> dict[str, object]:
    words = [{"w": w, "start": t + 0.3 * i, "end": t + 0.3 * i + 0.25, "p": 0.9} for i, w in enumerate(text.split())]
    return {"speaker": "customer", "utt": utt, "t": t, "final": True, "text": text, "words": words}


def _after(reply: str, **config: bool) -> tuple[str, str]:
    """The level after the complaint, and as the reply's final arrives 28 s later (the complaint's marker faded)."""
    stage = EscalationStage(EscalationConfig(**config), text_scorer=TextAngerScorer())
    stage.push_final(_final("c1", 1.0, "Hello, I'm ringing about the boiler you fitted."), 4 * SAMPLE_RATE)
    stage.push_final(_final("c2", 6.0, "This is ridiculous, it has broken down again."), 9 * SAMPLE_RATE)
    before = stage.level
    stage.push_final(_final("c3", 34.0, reply), 37 * SAMPLE_RATE)
    return before, stage.level


@pytest.mark.parametrize(
    "reply",
    ["Lovely, thank you so much for sorting it.", "Brilliant, Thursday morning is perfect for us, that is great news."],
)
def test_a_pleased_reply_is_calm_at_once(reply: str) -> None:
    assert _after(reply) == ("tense", "calm")
    assert _after(reply, pleased_final_releases_tense=False) == ("tense", "tense")  # off: held exit_hold_s longer


def test_a_reply_that_still_complains_or_is_not_pleased_is_not_released() -> None:
    assert _after("Thanks, but it's the third time now.")[1] != "calm"  # a marker
    assert _after("Right, Thursday then.") == ("tense", "tense")  # calm words, no thanks, no delight
