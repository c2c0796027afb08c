"""A hold read at the very end of a partial's committed words waits for the words after them.

"Hang on," committed alone reads as a wait asked; the words that follow may make it a cut-in's remark ("Hang on,
is that the shelter by the forestry gate?", c1041, session 45's held-out part, where the early reading announced a
60 s hold that covered a 13 s dead air after the customer's next turn). :class:`~coach.turns.holds.HoldWatcher`
announces such a hold only once the next committed words or the final still read it; a hold said in its own words
("please hold") is announced from the partial at once, as before. Driven by transcript events on call time only.
"""

from __future__ import annotations

import pytest

from coach.turns.config import TurnConfig
from coach.turns.holds import HoldWatcher, undone_by_a_remark
from coach.turns.tracker import TurnTracker
from coach.types import Event


def said(text: str, start: float = 10.0, step: float = 0.3) -> list[dict]:
    return [
        {"w": w, "start": start + i * step, "end": start + (i + 1) * step, "p": 0.9} for i, w in enumerate(text.split())
    ]


def holds_announced(steps: list[tuple[str, int | None]]) -> list[tuple[int, Event]]:
    """Push the agent's partials (``stable`` words committed) and final (``None``) of one utterance; the ``hold``
    events, each with the index of the step that announced it."""
    watcher = HoldWatcher(TurnTracker(TurnConfig()))
    out = []
    for i, (text, stable) in enumerate(steps):
        words = said(text)
        data: dict = {"speaker": "agent", "utt": "agent-4", "text": text, "words": words, "final": stable is None}
        if stable is not None:
            data["stable"] = stable
        found = watcher.push([Event("transcript", 10.0, 0.0, data)], int((11.0 + i) * 16000))
        out += [(i, f) for f in found if isinstance(f, Event) and f.type == "hold"]
    return out


def test_a_cut_in_that_begins_hang_on_announces_no_hold():
    steps = [
        ("Hang on.", 0),
        ("Hang on, is that the sh-", 2),
        ("Hang on, is that the shelter?", 5),
        ("Hang on, is that the shelter by the forestry gate?", None),
    ]
    assert holds_announced(steps) == []


@pytest.mark.parametrize(
    ("steps", "announced_at"),
    [
        # the wait asked, then what the agent will do: announced once "let me" is committed
        ([("Hang on,", 2), ("Hang on, let me check", 4), ("Hang on, let me check that.", None)], 1),
        # "Hang on." said alone: the final announces it
        ([("Hang on,", 2), ("Hang on.", None)], 1),
        # a hold in its own words does not wait
        ([("Please hold,", 2), ("Please hold, I'll be right back.", None)], 0),
    ],
)
def test_a_wait_asked_is_still_announced(steps, announced_at):
    found = holds_announced(steps)
    assert found and found[0][0] == announced_at


@pytest.mark.parametrize(
    ("text", "rests"),
    [("Hang on,", True), ("Hang on, let me check", False), ("Please hold,", False), ("Let me put you on hold", False)],
)
def test_which_readings_rest_on_the_end_of_the_words(text, rests):
    assert undone_by_a_remark(text) is rests
