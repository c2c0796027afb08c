"""scripts/eval_phrase_hearing.py's scoring of one decode (session 39, P2): the product's guards decide what a decode
keeps, a heard phrase's unsure words are counted under a floor, and a decode's prompt words the speaker did not say
are listed. Text level: cached decode entries as the script stores them, no audio, no model."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from eval_phrase_hearing import call_label, false_phrases, guarded, has_phrase, unsure_in_phrase  # noqa: E402


def _entry(words: list[tuple[str, float]], *, step_s: float = 0.4, logprob: float = -0.3) -> list:
    """A cache entry (text, CPU s, [[word, p, start, end]], avg_logprob, no_speech_prob, compression_ratio,
    duration s) of words ``step_s`` apart."""
    timed = [[w, p, round(k * step_s, 3), round(k * step_s + 0.3, 3)] for k, (w, p) in enumerate(words)]
    text = "".join(w for w, _ in words).strip()
    return [text, 0.5, timed, logprob, 0.01, 1.2, len(words) * step_s + 0.5]


def test_a_plain_decode_keeps_every_word() -> None:
    said = [(" Don't", 0.9), (" blow", 0.8), (" a", 0.7), (" gasket", 0.3)]
    assert guarded(_entry(said)) == said


def test_a_decode_the_guards_drop_keeps_nothing() -> None:
    said = [(" Don't", 0.9), (" blow", 0.8), (" a", 0.7), (" gasket", 0.3)]
    assert guarded(_entry(said, logprob=-3.0)) == []  # under avg_logprob_min
    outro = [(" Thanks", 0.9), (" for", 0.9), (" watching.", 0.9)]
    assert guarded(_entry(outro)) == []  # a subtitle outro


def test_unsure_words_are_counted_only_in_a_phrase_heard_word_for_word() -> None:
    heard = [(" so", 0.9), (" that's", 0.8), (" your", 0.35), (" own", 0.9), (" doing.", 0.15)]
    assert unsure_in_phrase("that's your own doing", heard, 0.4) == 2
    assert unsure_in_phrase("that's your own doing", heard, 0.2) == 1
    assert unsure_in_phrase("your own fault", heard, 0.4) is None
    assert has_phrase("that's your own doing", "so that's your own doing.")


def test_false_phrases_are_prompt_words_the_turn_did_not_hold() -> None:
    assert false_phrases("Thanks, I'll book that in.", "Thanks, I'll book that in. Calm down.") == [
        "calm down",
        "calm",
        "down",
    ]
    assert false_phrases("Please calm down, sir.", "Please calm down, sir.") == []


def test_a_call_is_labelled_by_its_name_up_to_the_first_underscore() -> None:
    assert [call_label(n) for n in ("c07_x", "c10_y_z", "c117_w", "c1000_v")] == ["c07", "c10", "c117", "c1000"]
