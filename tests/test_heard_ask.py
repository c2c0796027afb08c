"""The closing ask heard as a refusal (issue 9, session 45, helper P2): coach/language/heard_ask.py.

"Is there anything else I can do for you?" heard "There's nothing else I can do for you." with its "there's" and
"nothing" unsure (c1049, a quiet call: 0.56 / 0.52) is the ask, not a refusal; the same words heard surely, or a
refusal that goes on with its topic, still nudge. Each case goes through the whole coach on an agent final with word
probabilities, as ``coach analyze`` hears it. The heard finals of c1011, c1039 and c1049 are quoted as the product's
finals wrote them; the other lines are P2's own."""

from __future__ import annotations

import pytest

from coach.language.heard_ask import ask_words
from tests.test_language_rules import final, kinds, run


def heard_final(line: str, t: float = 1.0) -> dict:
    """An agent final of ``line``'s words, each written ``word/p`` (its probability) or bare (p 0.95)."""
    pairs = [w.rsplit("/", 1) if "/" in w else (w, "0.95") for w in line.split()]
    event = final("agent", " ".join(w for w, _ in pairs), t)
    for word, (_, p) in zip(event["words"], pairs, strict=True):
        word["p"] = float(p)
    return event


def nudged(line: str) -> bool:
    return "positive_language" in kinds(run(heard_final(line)))


@pytest.mark.parametrize(
    ("line", "want"),
    [
        # the product's finals (c1049 at 56.7 s, c1011 at 78.6 s, c1039 at 56.5 s)
        (
            "Bridge/0.02 it/0.69 will/0.95 act/0.18 you/0.64 can/0.75 hide/0.67 to/0.32 fix/0.98 a/0.43 time./0.94 "
            "There's/0.56 nothing/0.52 else/1.00 I/0.97 can/1.00 do/1.00 for/0.99 you./0.99",
            False,
        ),
        ("Between/0.45 9/0.77 and/0.97 11,/0.95 there's/0.66 nothing/0.60 else/1.00 I/0.98 can/0.99 do./0.98", False),
        (
            "You're/0.24 not/0.55 in,/0.3 it's/0.57 never/0.44 anything/0.95 more/0.98 I/0.8 can/0.99 do/0.98 for/0.97 "
            "you/0.73 to/0.5 play./0.8",
            False,
        ),
        # c1039 at 56.5 s as analysed again in session 51 (L50): "nothing" at 0.71, under the floor of 0.75
        (
            "You're/0.24 not/0.55 in,/0.3 there's/0.56 nothing/0.71 more/0.99 I/0.9 can/0.99 do/0.97 for/0.96 you/0.77 "
            "to/0.54 play./0.78",
            False,
        ),
        # ... while "nothing" heard at the floor or over is a refusal heard, whatever its "there's"
        ("There's/0.56 nothing/0.75 more I can do for you.", True),
        ("There's/0.52 nothing/0.96 more I can do for you.", True),
        # the same words heard surely are a refusal said
        ("There's nothing else I can do for you.", True),
        ("It's never anything more I can do for you.", True),
        # one of the two heard surely: not the ask's "Is there" garbled
        ("There's/0.95 nothing/0.52 else I can do for you.", True),
        # a refusal that goes on with its topic, or runs on past the ask's few words
        ("There's/0.56 nothing/0.52 else I can do about the rate.", True),
        ("There's/0.56 nothing/0.52 else I can do for you on this one I'm afraid.", True),
    ],
)
def test_the_closing_ask_heard_unsurely_as_a_refusal_is_no_refusal(line: str, want: bool) -> None:
    assert nudged(line) is want, line


def test_text_without_word_probabilities_is_never_excused() -> None:
    event = final("agent", "There's nothing else I can do for you.", 1.0)
    for word in event["words"]:
        del word["p"]
    assert kinds(run(event)) == ["positive_language"]


def test_the_floor_and_the_word_classes_come_from_the_toml() -> None:
    words = ask_words()
    assert 0.0 < words.max_p <= 1.0 and "nothing" in words.negative and "there's" in words.lead
    assert [len(slot) > 0 for slot in words.ask] == [True] * 5 and "about" in words.not_after
