"""Session 22, second round (Q20): the twenty-first part's c499 (quiet: an upset customer whose complaint the agent
mirrored and whose feeling the agent acknowledged) got ``acknowledge_feelings`` and ``mirror_complaint`` from the
reply's first twelve committed words. The class, tested with wordings written for this test (not c499's): a reply
whose first words tell part of the customer's story back (``acknowledged_shared_turn`` content words of their turn,
fewer than a restatement's ``min_shared_turn``: the complaint was misheard, "two of the strings have snapped" heard
"two of the strings are tapped") in a first sentence that runs past ``judge_max_words`` words is judged when that
sentence ends, where the rest of the story told back often is (then a restatement: the acknowledgement may follow).
Controls: the same opening followed by business still misses the feeling; a reply that tells nothing back is judged
on its first words as before; a first sentence that ends sharing two words is judged as before
(tests/test_language_listening.py: "the card machines there are run by the garage")."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final

GREETING = "Hello, thanks for calling, how can I help?"
# the customer's turn, its complaint misheard ("two of the sides have split" heard "... are slipped")
BOUNCY = (
    "Hi, it's the Lord Pike, I booked a bouncy can you for my son's party, it was the limit this morning and two of"
    " the sides are slipped, I'm really panicking."
)
BOUNCY_TOLD = "Oh, Tom. the castle's come with two split sides the day before your son's party."
CAKE = (
    "Hello, it's Mario Hollis here, I ordered a wedding cape from you for Saturday, it was the limit at lunch and two"
    " of the tiers are crashed, I'm so upset."
)
CAKE_TOLD = "Oh, Maria. the cake's come with two crushed tiers three days before the wedding."
CASES = [
    (BOUNCY, BOUNCY_TOLD, "I completely understand why you're panicking. We'll swap it first thing."),
    (CAKE, CAKE_TOLD, "I can see why you're so upset. We'll bake you a new one tonight."),
]


def _reply(customer: str, agent: str) -> tuple[list[str], list[str], list[str]]:
    """(kinds shown, kinds shown from partials, kinds still standing after the final) of the agent's reply
    ``agent`` to the customer's turn ``customer``, heard word by word (each partial holds the words so far, all but
    the last two committed)."""
    coach = LanguageCoach()
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", customer, 3.0, utt="c1"))
    words, early = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 20.0, utt="a2")
        early += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    out = early + coach.push(final("agent", agent, 20.0, utt="a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    shown = [n for n in out if isinstance(n, Nudge) and n.kind in ("acknowledge_feelings", "mirror_complaint")]
    partial = [n.kind for n in early if isinstance(n, Nudge) and n in shown]
    return sorted(n.kind for n in shown), sorted(partial), sorted(n.kind for n in shown if n.moment not in taken)


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_a_story_told_back_then_acknowledged_is_never_nudged(customer: str, told: str, rest: str) -> None:
    assert _reply(customer, f"{told} {rest}") == ([], [], [])


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_the_same_opening_then_business_still_misses_the_feeling(customer: str, told: str, rest: str) -> None:
    shown, _, standing = _reply(customer, f"{told} What's the order number, please? And your postcode?")
    assert shown == standing == ["acknowledge_feelings"]  # the mirror (three words told back) answers the complaint


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_a_reply_that_tells_nothing_back_is_judged_on_its_first_words(customer: str, told: str, rest: str) -> None:
    shown, early, standing = _reply(customer, "Right, can I take your order number and postcode please? And the date?")
    assert early == standing == ["acknowledge_feelings", "mirror_complaint"]
