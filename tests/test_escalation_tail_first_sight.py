"""In the customer's first turn, a lexicon marker in the uncommitted tail of a partial customer transcript
counts on the first partial that has it when the transcriber is sure of its words (``[escalation]
partial_tail_sure_p``), not one partial (about 0.7 s) later; one heard less surely, a punctuation marker and
every tail marker after the first turn still wait for the next partial to have it too, and a marker the next
partial no longer has is taken back (issue 10, session 22: an angry opener's marker, c396's "second month
running", counted 3.4 s into the turn instead of 2.7 s). The wordings are our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.stage import EscalationStage
from coach.classify.text_anger import TextAngerScorer
from coach.types import SAMPLE_RATE

HELLO = "hello i am ringing about my order"
"""A calm first turn of the customer's (its final ends their first turn)."""
# (the words of a customer turn, the marker said in them); each marker first heard in the tail
TURNS = [
    ("and the van you booked never came at all", "never came"),
    ("so this is the third time i have rung you", "third time"),
    ("right so put me through to the office now", "put me through to"),
]


def _first_partials(
    words: list[str], marker_p: float, config: EscalationConfig, *, second: list[str] | None = None, later: bool = False
):
    """Push two partials of one utterance 0.7 s apart, the marker in the uncommitted tail of both (the
    first two words committed); the second partial's words are ``second`` when given (a tail re-heard);
    ``later``: after a first calm final of the customer's. Returns the lexicon drivers after each."""
    stage = EscalationStage(config, text_scorer=TextAngerScorer())
    if later:
        hello = [{"w": w, "p": 0.95, "start": 0.3 * i, "end": 0.3 * i + 0.25} for i, w in enumerate(HELLO.split())]
        stage.push_final(
            {
                "speaker": "customer",
                "utt": "customer-1",
                "final": True,
                "words": hello,
                "text": HELLO,
            },
            SAMPLE_RATE // 2,
        )
    out = []
    for n, said in enumerate((words, second or words), start=1):
        heard = [{"w": w, "p": 0.95 if i < 2 else marker_p} for i, w in enumerate(said)]
        now = n * SAMPLE_RATE * 7 // 10
        stage.push_partial({"speaker": "customer", "utt": "customer-3", "words": heard, "stable": 2}, now)
        out.append(stage._tracker.advance(now).drivers["lexicon"])
    return out


@pytest.mark.parametrize(("turn", "marker"), TURNS)
def test_a_surely_heard_tail_marker_counts_on_its_first_partial(turn: str, marker: str) -> None:
    words = turn.split()
    config = EscalationConfig(partial_tail_sure_p=0.8)
    assert _first_partials(words, 0.9, config) == [[marker], [marker]]


@pytest.mark.parametrize(("turn", "marker"), TURNS)
def test_a_less_surely_heard_tail_marker_waits_for_the_next_partial(turn: str, marker: str) -> None:
    words = turn.split()
    config = EscalationConfig(partial_tail_sure_p=0.8)
    assert _first_partials(words, 0.6, config) == [[], [marker]]
    # at 1 every tail marker waits for a second partial (the rule before session 22)
    assert _first_partials(words, 0.95, EscalationConfig(partial_tail_sure_p=1.0)) == [[], [marker]]
    # below partial_marker_min_p it never counts from a partial
    assert _first_partials(words, config.partial_marker_min_p / 2, config) == [[], []]


def test_a_tail_marker_the_next_partial_drops_is_taken_back() -> None:
    turn, marker = TURNS[0]
    words = turn.split()
    reheard = [w if w != "never" else "ever" for w in words]  # "...booked ever came...": no marker now
    assert _first_partials(words, 0.9, EscalationConfig(partial_tail_sure_p=0.8), second=reheard) == [[marker], []]


def test_the_setting_is_a_probability() -> None:
    from coach.errors import ConfigError

    with pytest.raises(ConfigError):
        EscalationConfig(partial_tail_sure_p=1.5)


def test_an_exclamation_in_the_tail_still_waits_for_the_next_partial() -> None:
    """The transcriber's punctuation of a tail is the least stable part of a partial ("Right!" then "Right."):
    an exclamation or an echo there counts on the second partial that has it, however sure its words."""
    config = EscalationConfig(partial_tail_sure_p=0.8)
    words = ["well", "that", "is", "another", "four", "days!"]
    assert _first_partials(words, 0.95, config) == [[], ["exclaims"]]
    calmer = ["well", "that", "is", "another", "four", "days."]
    assert _first_partials(words, 0.95, config, second=calmer) == [[], []]


@pytest.mark.parametrize(("turn", "marker"), TURNS)
def test_after_the_first_turn_a_sure_tail_marker_still_waits(turn: str, marker: str) -> None:
    """Later turns have other evidence (the voice, its level, earlier words): a marker one partial sooner
    there landed with a raised voice and took a calm turn after it to "escalated" (tuning c412)."""
    assert _first_partials(turn.split(), 0.95, EscalationConfig(partial_tail_sure_p=0.8), later=True) == [[], [marker]]
