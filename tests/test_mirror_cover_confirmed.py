"""A calm claim answered by confirming its cover is taken on (issue 9, session 58, Q56): "It does, and wheels are
covered." (quiet c1336's reply to a wheel broken under a ten-year guarantee, in sample) answers the opening statement
as a yes does; a cover refused, asked about, or a thing "covered in" something is no taking on, and the mirror is
still nudged. Wording written for these tests, apart from the script lines marked."""

from __future__ import annotations

import pytest

from tests.test_language_rules import final, run

CLAIM = (
    "Hello, Garrison. My name is Lachlann Muirhead, I'm phoning from Dumfries. One of the wheels on my large case has "
    "cracked and fallen off. It's about three years old, and the tag says it has a ten year guarantee."
)  # c1336's script
ASK = "Can I take the serial number from inside the lining pocket?"
CONFIRMED = [
    f"It does, and wheels are covered. {ASK}",  # c1336's script
    f"That's covered. {ASK}",
    f"It's still under the guarantee. {ASK}",
    f"Yes, they're fully covered for ten years. {ASK}",
]
NOT_CONFIRMED = [
    f"It isn't covered once it's been checked in on a flight. {ASK}",
    f"It's not covered, I'm afraid. {ASK}",
    f"Is it covered? {ASK}",
    f"Which parts are covered depends on the model. {ASK}",
    f"What is covered is on the tag. {ASK}",
    f"Is the case covered in scratches too? {ASK}",
    ASK,
]


def mirror_nudged(reply: str) -> bool:
    out = run(final("customer", CLAIM, 0.0), final("agent", reply, 20.0))
    return any(getattr(n, "kind", None) == "mirror_complaint" for n in out)


@pytest.mark.parametrize("reply", CONFIRMED)
def test_cover_confirmed_takes_the_claim_on(reply: str) -> None:
    assert not mirror_nudged(reply)


@pytest.mark.parametrize("reply", NOT_CONFIRMED)
def test_cover_refused_or_asked_leaves_the_mirror(reply: str) -> None:
    assert mirror_nudged(reply)
