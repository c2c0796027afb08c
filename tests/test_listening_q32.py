"""Session 34 (Q32): the listening rules' code health, and listening nudges on unseen calls' classes, with wordings
written for this test (not the calls' sentences). Pure text, no model, no audio: cheap and deterministic.

- The mirror line reads words as every language rule does (``coach.language.patterns``: ``WORD`` and ``fold``): a
  curly apostrophe after "you" ("the parcel you didn’t send") turns it around as a straight one does, and an accented
  cue ("Café") finds its clause in a long sentence that spells it plainly.
- The listening tables are read through one helper and the "said plainly" checks (an aside, teasing, good news, joy)
  through one predicate: the same verdicts as before."""

from __future__ import annotations

import pytest

from coach.language import listening as L
from coach.language.mirror import complaint_clause, mirror_line, turn_pronouns


@pytest.mark.parametrize("apostrophe", ["'", "\u2019"])
def test_you_before_a_curly_negation_is_the_subject(apostrophe):
    assert turn_pronouns(f"the parcel you didn{apostrophe}t send") == f"the parcel we didn{apostrophe}t send"


def test_an_accented_cue_finds_its_clause_in_a_long_sentence():
    sentence = (
        "I booked a table at the cafe on the corner for my mum and it was a lovely evening, "
        "but the cafe charged me twice for the same dinner"
    )
    assert complaint_clause(sentence, "Café charged") == "the cafe charged me twice for the same dinner"


def test_the_mirror_line_is_unchanged_on_plain_words():
    assert mirror_line("You sent me the wrong size, I told you twice", "wrong size") == (
        "So we sent you the wrong size, you told us twice \u2014 is that right?"
    )


@pytest.mark.parametrize(
    ("text", "plain"),
    [
        ("I expect I left it too late.", True),
        ("I left it too late and now nobody can come.", False),
        ("My husband said I was mad to book it.", True),
        ("My husband said I was mad to book it, but it never came.", False),
    ],
)
def test_said_plainly(text, plain):
    assert (L._is_aside(text) or L._teased(text)) is plain
