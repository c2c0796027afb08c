"""Closings by their shape, second form (issue 9, session 39): after a customer turn that settled or ended on thanks, a
short agent turn made of acknowledgements ("righto then", "sweet as", "nae bother") and then one last clause of any
words closes the call: the goodbye is free, whatever it is or however the recogniser heard it
(``coach.language.closing._acknowledged_sign_off``, ``[check_anything_else] sign_off_leads``).

The unseen parts' missed closes were, part after part, an acknowledgement and a regional or slang goodbye no table
held ("righto then, hooroo", "alrighty, later days", "sweet as, ka kite"); the tables caught each once it was read.
The wording below is our own: sign-offs no goodbye table holds (made up, or garbled the way the recogniser garbles),
and short mid-call replies to a settled customer with the same shape (an acknowledgement, then a clause that goes on
with the business, a detail, a name or another acknowledgement). Each line runs through the product's
:class:`~coach.language.LanguageCoach`, the customer's turn before it as a final."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.closing import LEAD_SIGN_OFF_WORDS, ClosingRule, _acknowledged_sign_off
from coach.language.utterance import Utterance
from tests.test_language_rules import final
from tests.test_language_wording import CONFIG

LEADS = CONFIG.check_anything_else.sign_off_leads


def closes(customer: str, agent: str) -> bool:
    """Whether ``agent``'s turn, straight after the customer's turn ``customer``, gets check_anything_else."""
    coach = LanguageCoach(CONFIG)
    out = coach.push(final("agent", "Hello, you're through to bookings, how can I help?", 0.0))
    out += coach.push(final("customer", "Hi, I rang about the order for the fence panels.", 4.0))
    out += coach.push(final("agent", "I've found it, the panels go out on the van today.", 9.0))
    out += coach.push(final("customer", customer, 14.0))
    out += coach.push(final("agent", agent, 17.0))
    return "check_anything_else" in {n.kind for n in out}


SIGN_OFFS = [
    # an acknowledgement and a goodbye no table holds (invented; none closes with the tables alone)
    "Righto then, tatty tumble.",
    "Sweet as, kia kaha.",
    "Nae bother, haste ye hame.",
    "Okey dokey, bon chemin.",
    "Cool beans, much love.",
    "Alrighty, tickety boo.",
    "No dramas. Right you are, hoo rah ya.",
    "Lovely jubbly, hasta la pasta, mate.",
    "Grand so, mind the potholes.",
    # the goodbye heard as other words
    "Righto then, hoo rue.",
    "Sweet as, car kitty.",
]


@pytest.mark.parametrize("text", SIGN_OFFS)
def test_an_acknowledgement_and_any_short_sign_off_close_after_the_customers_thanks(text):
    assert _acknowledged_sign_off(text, LEADS) is not None
    assert closes("Brilliant, thank you.", text)


@pytest.mark.parametrize("text", SIGN_OFFS[:4])
def test_they_close_after_a_settled_customer_too(text):
    assert closes("Okay, got it.", text)


@pytest.mark.parametrize("text", SIGN_OFFS[:4])
def test_the_same_turn_after_a_customer_still_explaining_is_no_close(text):
    # the shape is judged only once the customer's side winds down (settled, or thanks ending their turn)
    assert not closes("And the gate posts, are they on the same van or do they come later?", text)
    assert not closes("The last lot came with two panels split down the middle, so I want them checked.", text)


@pytest.mark.parametrize(
    "text",
    [
        # the business goes on, or a moment is asked
        "Lovely, one sec.",
        "Okay, bear with me.",
        "Right, two secs.",
        "Great, moving on.",
        "Perfect, so the next thing.",
        "Okay, let me look.",
        # another acknowledgement, or a remark on what was said
        "Okay, got it.",
        "Right, fair enough.",
        "Lovely, no worries.",
        "Okay, makes sense.",
        "Great, thank you.",
        "Ah, bless.",
        # a statement or a question
        "Okay, you'll get a text.",
        "Right, he's on his way.",
        "Lovely, which one?",
        # a detail or a name
        "Great, tomorrow then.",
        "Brilliant, Thursday at two.",
        "Perfect, Mrs Okafor.",
        "Lovely, Jonathan.",
        "Okay, number 14.",
        # a goodbye lost in recognition is no words, not a hesitation
        "Alrighty, mm mm.",
        # no acknowledgement before the last clause, or too long a turn
        "The blue ones, pine green.",
        "Okay, so the panels go today and the posts follow, tatty tumble.",
    ],
)
def test_short_mid_call_replies_of_the_same_shape_are_no_close(text):
    assert not closes("Okay, thanks.", text)


def test_the_turn_is_short():
    text = "Righto then, thanks, lovely, sweet as, nae bother, tatty tumble."
    assert len(text.split()) > LEAD_SIGN_OFF_WORDS
    assert _acknowledged_sign_off(text, LEADS) is None
    assert _acknowledged_sign_off("Righto then, tatty tumble.", LEADS) is not None


def test_the_sign_off_is_quoted_as_the_turns_last_clause():
    m = _acknowledged_sign_off("No dramas. Righto, tatty tumble.", LEADS)
    assert m is not None and m.said == "tatty tumble"
    assert m.offset + m.end == 5  # it ends the turn (its five words)
    m = _acknowledged_sign_off("Lovely jubbly, hasta la pasta, mate.", LEADS)
    assert (
        m is not None and m.said == "hasta la pasta" and m.offset + m.end == 5
    )  # of six words: the address after it aside


@pytest.mark.parametrize(
    "text",
    [
        # the offer of more help in other words counts as the ask, as "anything else" does wherever it is said
        "If you need owt else, just shout, bye now.",
        "Any other queries, give us a ring, take care.",
        "If something else crops up, give us a bell, bye now.",
        "Right, you know where we are, bye now.",
        "We're here if you need us, take care.",
        "If there's any more we can do, just call, cheerio.",
    ],
)
def test_an_offer_of_more_help_is_the_ask(text):
    assert not closes("Lovely, thank you.", text)


def test_a_goodbye_without_the_offer_is_still_nudged():
    assert closes("Lovely, thank you.", "Right, that's the panels on the van, bye now.")
    assert closes("Lovely, thank you.", "I went out more often last year, bye now.")  # "out more" is no "owt more"


def test_the_slang_alright_leads_and_youre_good_frames_a_sign_off():
    # session 39 (C9), second round: list AJ's missed goodbye as classes ("aight" as an acknowledgement, "you're
    # (all) good" as the business done); our wording
    assert closes("Okay, thanks.", "Aight, tickety boo.")
    assert closes("Okay, thanks.", "Right, you're all good, mind the potholes.")
    assert not closes("Okay, thanks.", "Right, you're good, the next thing is the deposit.")


def utterance(speaker: str, text: str, t: float) -> Utterance:
    """A final of ``speaker`` saying ``text`` from ``t`` s, as the language coach builds it from a transcript event."""
    return Utterance.from_event(final(speaker, text, t))


def test_a_customers_consent_to_hold_is_no_winding_down():
    # c903 as heard: "Yes, of course, I'll hold." read as settled let a partial of the agent's next turn ending on a
    # wrap-up ("... so you'll be done") nudge; the consent answers the hold request, it does not wind the call down
    rule = ClosingRule(CONFIG.check_anything_else)
    rule.on_customer(utterance("customer", "Hi, I'd like a set of lashes on the twentieth.", 1.0))
    rule.on_agent(utterance("agent", "Can you hold for about fifty seconds while I check her diary?", 5.0))
    rule.on_customer(utterance("customer", "Yes, of course, I'll hold.", 9.0))
    assert not rule._customer_settled
    rule.on_agent(utterance("agent", "Thanks for holding, she can do half seven.", 60.0))
    rule.on_customer(utterance("customer", "Yes, lovely.", 64.0))
    assert rule._customer_settled  # a settled reply to anything else still winds it down


def test_after_a_hold_consent_a_pause_on_a_wrap_up_is_no_early_close():
    # the same through the language coach, with the paused partial the product nudges early from (c903's class)
    from tests.test_language_stream import heard_after

    def early(reply: str) -> list[str]:
        coach = LanguageCoach(CONFIG)
        coach.push(final("agent", "Hello, the lash studio, how can I help?", 0.0))
        coach.push(final("customer", "Hi, I'd like a bridal set on the twentieth, early if you can.", 3.0))
        coach.push(final("agent", "Can you hold for about fifty seconds while I check her diary?", 8.0))
        coach.push(final("customer", reply, 13.0))
        turn = "Thanks for holding, she can do half seven, it takes ninety minutes, so you'll be done."
        return [n.kind for n in coach.push(heard_after(turn, 70.0, 0.4, utt="agent-9"))]

    assert early("Yes, of course, I'll hold.") == []  # the consent: the call is not winding down
    assert early("Okay, thanks.") == []  # the same words answering a hold request are consent too
