"""EscalationStage (issue 10, session 37): a lexicon marker of a final customer transcript made of a word the
transcriber barely heard (``[escalation] final_marker_min_word_p``) does not count: most often other words heard as a
marker (a date heard "the third time next month"). A final's markers counted whatever their probability before.

Our own wording; word probabilities set by hand; no model is loaded (the lexicon only).
"""

from __future__ import annotations

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import default_lexicon
from coach.classify.stage import _surely_heard


def _heard(said: str, unsure: dict[str, float]) -> list[dict[str, object]]:
    """The words of ``said`` as a final's ``words``: probability 0.9, or ``unsure[word]``."""
    return [
        {"w": w, "start": float(i), "end": float(i) + 0.4, "p": unsure.get(w.strip(",.?!").lower(), 0.9)}
        for i, w in enumerate(said.split())
    ]


def _kept(said: str, unsure: dict[str, float], cfg: EscalationConfig | None = None) -> list[str]:
    hits = default_lexicon().find(said)
    assert hits
    return [h.phrase for h in _surely_heard(hits, said, _heard(said, unsure), cfg or EscalationConfig())]


def test_a_final_marker_with_a_barely_heard_word_does_not_count() -> None:
    said = "I'm away for six weeks from the third time next month, can I pause it?"
    assert _kept(said, {"time": 0.11}) == []
    assert _kept(said, {"time": 0.3}) == ["third time"]  # heard unsurely, but not barely
    assert _kept(said, {"time": 0.11}, EscalationConfig(final_marker_min_word_p=0.0)) == ["third time"]  # off


def test_a_surely_heard_final_marker_counts_and_words_that_do_not_spell_the_text_are_not_read() -> None:
    said = "This is the third time I've rung about the boiler."
    assert _kept(said, {}) == ["third time"]
    words = _heard(said, {"time": 0.05})[:-1]  # the words do not spell the text: nothing is dropped
    assert _surely_heard(default_lexicon().find(said), said, words, EscalationConfig()) != []
