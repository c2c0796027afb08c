"""Session 17 (L11), issue 9: wording classes in new words (written here, not taken from the calls or the
lists): the closed door's idioms with any noun as the subject ("the fee's non-negotiable", the pattern
notation's ``*'s``), a thing refused not "on the cards", no room to move, a line drawn, the agent's orders,
a duty denied, the prices set elsewhere, the job split with someone else; the calm-down idioms (zip it,
calm the farm, a bare "ease up", the blood pressure sent up, toys out of the pram, "aerated"); and the
look-alikes that must stay quiet. Text level only (no audio): milliseconds each. The list-level figures
are ``tests/data/language_wording/tuning_l11.toml``."""

from __future__ import annotations

import pytest

from coach.language.patterns import compile_patterns, normalise, word_tokens
from tests.test_language_wording import kinds_fired


def _found(pattern: str, text: str) -> list[tuple[int, int, str]]:
    return compile_patterns([pattern]).find(normalise(word_tokens(text))[0])


def test_run_on_s_wildcard_takes_only_a_word_ending_in_s() -> None:
    assert _found("*'s off the table", "Their offer's off the table.") == [(1, 5, "*'s off the table")]
    assert _found("*'s off the table", "It is off the table.") == []
    assert _found("(*'s|is) non negotiable", "The deposit is non-negotiable.")


@pytest.mark.parametrize(
    "line",
    [
        "The upgrade's non-negotiable, sorry.",
        "That voucher's a non-starter at the airport.",
        "An exchange is off the table now, I'm afraid.",
        "Compensation isn't on the cards for a delay under three hours.",
        "There's zero leeway on the deposit, I'm afraid.",
        "We have to draw the line at a second free visit.",
        "I'm under strict instructions not to refund bank charges.",
        "The airline is under no obligation to rebook you.",
        "I don't set the fees, I'm afraid.",
        "Those tokens aren't redeemable after the show.",
        "That's the letting agent's headache, not ours.",
        "Not our pigeon, that one, you want the council.",
        "You've typed the wrong reference in, that's why.",
        "We only sell the tickets, the promoter handles refunds.",
        # second batch
        "Exchanges are a strict no-no on sale items.",
        "That's a flat pass from the warranty team.",
        "You're simply out of luck on that one.",
        "Like it or lump it, that's the tariff.",
        "Head office won't wear a goodwill payment.",
        "Compensation's a firm no from the airline.",
        "It ain't happening before Friday.",
    ],
)
def test_new_refusal_and_blame_classes_are_nudged(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Button it a minute and let me read the note.",
        "Zip your lip, please.",
        "Chill the farm, it's coming tomorrow.",
        "Ease off, I'm reading it now.",
        "Don't go getting all aerated about it.",
        "Stop sending your blood pressure through the roof over a bill.",
        "No need to spit your dummy out of the pram.",
        # second batch
        "Don't get your undies in a tangle.",
        "Rein it back in, please.",
        "Quit your grumbling, I'm on it.",
        "Stop being a drama queen over a parcel.",
    ],
)
def test_new_calm_down_idioms_are_nudged(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "The late fee's off the table now, I've removed it.",
        "There's no chance of snow on the day, so the flight's fine.",
        "The doctor will ask you to take a few deep breaths.",
        "The engineer may tell you to relax the valve first.",
        "Get a firm grip on the lid and twist.",
        "Zip it up in the bag and it'll be fine.",
        "Your price won't change, it's not on the cards.",
        "The rain should ease off, it's clearing from the west.",
        "There's no obligation to buy anything.",
        "You're under no obligation to stay with us.",
        "Their house is a no-go area for the vans, so I've booked collection.",
        "I only work here on Tuesdays, but I'll pass it on.",
        "You've put the right card number in, it's all gone through.",
        "The builder threw his toys out of the pram, I'm so sorry you had to deal with that.",
        # second batch ("no-no" is read "no": "there's no charge" and "that's no fun" must not become it)
        "There's no call-out charge under the plan.",
        "Oh, that's no fun at all, let's get someone out.",
        "We're a charity, so every penny goes to the rescue.",
        "You're in luck, one seat left.",
        "Rein in the heating a little and the bill drops.",
        "The manager will go for it, I'm sure.",
        "It ain't your fault at all.",
    ],
)
def test_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set(), line
