"""Session 21, second round (Q19): the classes of false nudge the twentieth held-out part (c454-c477) showed on
well-handled calls, each tested with wordings written for this test (not the calls' sentences):

- a polite reply to the agent's request to hold ("Not at all. I'll wait.", c471) says no feeling;
- a self-deprecating aside or a storyteller's lead-in ("I expect I left it too late.", c476; "So here I am, ...",
  c477) says no feeling, and the turn it is in is told lightly;
- disbelief at good news ("That's less than I budgeted. I can't believe it.", c477, read tense) is delight;
- the agent's first reply thanking for the call ("Lovely, thanks for calling. What ...?", c472) and a mid-call turn
  misheard as ending on a goodbye ("... see you around the land one", c473) are not closes nudged early.

The feeling head is given a bar of 0 in the opening turns (any sentence opens a moment) so that only the rules
decide; each class has a control that still opens its moment."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final, kinds, run
from tests.test_language_stream import heard_after

HOLD = "Would you mind holding for a minute while I look at the diary?"
BACK = "Thanks for waiting. I can do the ninth at ten in the morning."


def _bar(opening: float = 0.0) -> LanguageCoach:
    """A coach whose feeling head opens a moment on any sentence rated ``opening`` or more in the two opening
    turns (0: any sentence; over 1: none, only the cues decide) and on none after them."""
    base = load_language_config()
    ack = dataclasses.replace(
        base.acknowledge_feelings, model_threshold=opening, later_model_threshold=1.1, opening_turns=2
    )
    return LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))


def _acked(
    customer: str, *, before: str = HOLD, after: str = BACK, level: str | None = None, opening: float = 0.0
) -> bool:
    coach = _bar(opening)
    out = run(final("agent", before, 0.0), coach=coach)
    if level is not None:
        coach.set_customer_upset(level)
    out += run(final("customer", customer, 5.0), final("agent", after, 20.0), coach=coach)
    return "acknowledge_feelings" in kinds(out)


@pytest.mark.parametrize(
    "reply", ["Oh, not at all.", "That's fine, I'll hold.", "Sure, I can hang on.", "Take your time.", "No worries."]
)
def test_a_polite_reply_to_a_request_to_hold_says_no_feeling(reply):
    assert not _acked(reply)


@pytest.mark.parametrize("line", ["Not at all what I ordered.", "I'll wait, but this is the third time."])
def test_a_sentence_that_only_starts_polite_is_still_read(line):
    assert _acked(line)


@pytest.mark.parametrize(
    "turn",
    [
        "I know I've left it rather late. We'd like the hall for Saturday.",
        "And here we are, three weeks before the wedding.",
        "Silly me, I forgot the date. Could we move the fitting to Monday?",
        "It's a bit of a last minute one. The party is on Friday.",
        "I suppose I've left it till the last minute. Have you any slots this week?",
    ],
)
def test_an_aside_makes_the_turn_light(turn):
    assert not _acked(turn, before="Good morning, Hall Lane bakery, Priya speaking.", after=BACK)
    out = run(
        final("agent", "Good morning, Hall Lane bakery, Priya speaking.", 0.0),
        final("customer", turn, 5.0),
        final("agent", BACK, 20.0),
    )
    assert "mirror_complaint" not in kinds(out)


@pytest.mark.parametrize(
    "turn",
    ["I left it too late and now nobody can come.", "I left it a bit late, but I'm really worried about it."],
)
def test_an_aside_with_a_negation_or_a_but_is_still_read(turn):
    assert _acked(turn, before="Good morning, Hall Lane bakery, Priya speaking.")


@pytest.mark.parametrize(
    "turn",
    [
        "Really? That's cheaper than I expected. I can't believe it. Can we book Tuesday?",
        "Honestly, that's sooner than I thought, I can't believe it.",
        "Oh that's great news, I can't believe it!",
    ],
)
def test_disbelief_at_good_news_is_delight_even_read_tense(turn):
    assert not _acked(turn, level="tense", opening=1.1)


@pytest.mark.parametrize(
    ("turn", "level"),
    [
        ("I can't believe it, that's more than I was quoted.", "tense"),
        ("That's cheaper than I expected but I can't believe how long it took.", "tense"),
        ("That's cheaper than I expected. I can't believe it.", "escalated"),
    ],
)
def test_disbelief_without_good_news_or_with_a_but_is_still_upset(turn, level):
    assert _acked(turn, level=level, opening=1.1)


OPENING = "Hi, we're thinking about a garden office and wanted to talk it through with someone."


@pytest.mark.parametrize("thanks", ["Great, thanks for ringing.", "Lovely, thank you for calling."])
def test_the_first_reply_thanking_for_the_call_is_not_nudged_early(thanks):
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    assert coach.push(heard_after(thanks, 6.0, 0.3)) == []
    whole = f"{thanks} What size were you thinking of?"
    assert coach.push(final("agent", whole, 6.0, utt="agent-1")) == []


def test_a_thanks_for_the_call_after_the_first_reply_is_still_nudged_early():
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    coach.push(final("agent", "Happy to help. What size were you thinking of?", 6.0, utt="agent-1"))
    coach.push(final("customer", "About three by four, and we've booked the base for June.", 12.0))
    [n] = coach.push(heard_after("Lovely, thanks for calling.", 20.0, 0.3, utt="agent-2"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"


ASKED = final("customer", "Can you come and look at the horse's teeth next week?", 0.0)
MID = "Yes, I'm in your area on Friday, so see you around the yard then."


def test_a_mid_call_goodbye_with_words_after_it_waits_for_the_final():
    coach = LanguageCoach()
    coach.push(ASKED)
    coach.push(final("agent", "Of course. How old is she?", 5.0, utt="agent-1"))
    coach.push(final("customer", "Fifteen, and she's fine with the vet usually.", 9.0))
    assert coach.push(heard_after(MID, 14.0, 0.3, utt="agent-2")) == []
    going_on = MID + " It's fifty five pounds for the visit."
    out = coach.push(final("agent", going_on, 14.0, utt="agent-2"))
    assert not [n for n in out if isinstance(n, (Nudge, Withdrawal))]


def test_a_goodbye_ending_the_partial_is_still_nudged_early():
    coach = LanguageCoach()
    coach.push(ASKED)
    coach.push(final("agent", "Of course. How old is she?", 5.0, utt="agent-1"))
    coach.push(final("customer", "Fifteen, and she's fine with the vet usually.", 9.0))
    [n] = coach.push(heard_after("Lovely, you have a good evening then.", 14.0, 0.3, utt="agent-2"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"
