"""The refusal grammar (coach/language/refusal_grammar.py): refusals and blame found from their parts,
line by line, and its two wording lists (tests/data/language_wording/refusal_a.toml, the list it was
tuned on, and refusal_b.toml, written with it beforehand and only scored)."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from coach.errors import ConfigError
from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.phrasing import PositiveLanguageRule
from coach.language.refusal_grammar import RefusalGrammar, inflections
from coach.language.text import sentences
from tests.test_language_rules import final

CONFIG = load_language_config()
GRAMMAR = RefusalGrammar(CONFIG.positive_language.grammar)
DATA = Path(__file__).parent / "data" / "language_wording"
FLOORS = {"refusal_a": (0.95, 0.95), "refusal_b": (0.75, 0.9)}  # (recall, precision); measured: docs/nudges.md


def kinds_fired(text: str) -> set[str]:
    """The kinds the whole language coach nudges for the agent's final ``text``."""
    return {n.kind for n in LanguageCoach(CONFIG).push(final("agent", text, 1.0))}


def found(line: str) -> list[str]:
    """The grammar's findings in ``line``, explained, sentence by sentence."""
    return [f.explain() for s in sentences(line) for f in GRAMMAR.find(s.tokens, question=s.text.endswith("?"))]


def test_inflections_cover_regular_forms() -> None:
    assert {"refunds", "refunded", "refunding", "refundable"} <= inflections("refund")
    assert {"waived", "waiving", "waives"} <= inflections("waive")


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        ("That's never going to be covered, I'm afraid.", ['negation "never"', 'action "covered"']),
        ("There's no way we'd take those charges off.", ['negation "no way"', 'action "take those charges off"']),
        ("That's not something I'm allowed to agree to.", ['negation "not"', 'action "allowed"']),
        ("Our insurers will never pay for cosmetic damage.", ['subject "insurers"', 'action "pay for"']),
        ("Your deposit isn't refundable.", ['negation "isn\'t"', 'action "refundable"']),
        ("That's not a claim we'd accept.", ['negation "not"', 'action "accept"']),
        ("There's no possibility of a partial refund.", ['negation "no possibility"', 'thing "refund"']),
        ("I'm afraid it won't cover the hotel.", ['hedge "i\'m afraid"', 'action "cover"']),
    ],
)
def test_refusals_are_found_from_their_parts(line: str, parts: list[str]) -> None:
    (explained,) = found(line)
    assert explained.startswith("refusal: ")
    assert all(p in explained for p in parts), explained


@pytest.mark.parametrize(
    ("line", "parts"),
    [
        # session 12 (P3): permission refused by someone else, any verb after "let us / me"
        ("The bank won't let us reverse it.", ['subject "bank"', 'permission "let us"']),
        ("The landlord won't let us fit a new boiler.", ['permission "let us"']),
        # everyday verbs with a word of will or ability, or a thing refused after them
        ("We aren't prepared to send another engineer.", ['negation "aren\'t"', 'action "send"']),
        ("The hospital isn't able to give results over the phone.", ['subject "hospital"', 'action "give"']),
        ("We simply don't give credit for missed calls.", ['negation "don\'t"', 'action "give"']),
        ("That's not a change I can make.", ['negation "not"', 'action "make"']),
        ("That isn't something I'll be doing, I'm afraid.", ['action "doing"']),
        # readiness denied, money that does not come back or off, a flat "zero chance" after "there's"
        ("We've no intention of refunding the upgrade.", ['negation "no intention"', 'action "refunding"']),
        ("There's zero chance of getting the fee back.", ['negation "zero chance"', 'action "getting the fee back"']),
        ("No, that fee won't be coming off.", ['action "coming off"']),
        ("That's not something the bank will agree to.", ['negation "not"', 'action "agree"']),
        # a limit of what is covered
        ("That's outside what we cover.", ['limit "outside"', 'scope "what we cover"']),
        ("That falls outside the warranty, I'm afraid.", ['limit "outside"', 'scope "warranty"']),
        ("It's beyond what we can do from here.", ['limit "beyond"', 'scope "what we can do"']),
        # session 13 (L4): "can't / cannot be" + any past participle, regular or listed
        ("The boiler cover can't be paused over the summer.", ['negation "can\'t"', 'action "paused"']),
        ("Gift cards cannot be topped up online.", ['subject "cards"', 'action "topped"']),
        ("A cancelled order can't be brought back.", ['action "brought"']),
        # a cover noun after one modifier, or "what <determiner> <nouns> covers / includes"
        ("Roof leaks fall outside the standard contract.", ['limit "outside"', 'scope "contract"']),
        ("That's outside what the travel policy pays for.", ['scope "what the travel policy pays"']),
        ("Cosmetic marks are beyond what your plan includes.", ['scope "what your plan includes"']),
        # a flat no at the start, a closed door after it
        ("Not a chance, the early bird rate has expired.", ['negation "not a chance"', 'closed "expired"']),
        ("Oh, certainly not, that window closed yesterday.", ['negation "certainly not"', 'closed "closed"']),
        # "there's zero chance of a refund": the thing after an article is still the thing refused
        ("There's zero chance of a discount this late.", ['negation "zero chance"', 'thing "discount"']),
        # staying out of it
        ("We don't get involved with parking fines.", ['negation "don\'t"', 'state "involved"']),
        # session 31: a flat "no" before a modal is "cannot" in pidgin English, whatever the action (list AB)
        ("Sorry, we no can send the deposit back to you.", ['negation "no"', 'action "send"']),
        ("We no can change the date, madam.", ['negation "no"', 'action "change"']),
        # session 45 (L44): "do" itself as the practice refused after "not something / a thing" (our wording)
        ("Overnight rentals aren't a thing we do for first-time hirers.", ['negation "aren\'t a"', 'action "do"']),
        ("Cash back isn't something we do once the order's shipped.", ['negation "isn\'t something"', 'action "do"']),
        ("A regrind isn't something that's done after the blade's been used.", ['action "done"']),
        # session 46 (L45, R10's note): the same passive with "gets" (our wording)
        ("A regrind isn't something that gets done after the blade's been used.", ['action "done"']),
        # ... round two (in sample: c1043, list AP): the agent's doing asked for said to be impossible, a rule that
        # means no <thing> (our wording)
        ("Replacing the blind for free is simply impossible now.", ['request "replacing"', 'closed "impossible"']),
        ("The club rules mean no refunds after the draw.", ['rule "rules"', 'reason "mean"']),
    ],
)
def test_refusals_of_later_sessions_are_found_from_their_parts(line: str, parts: list[str]) -> None:
    explained = found(line)
    assert explained and explained[0].startswith("refusal: "), explained
    assert all(p in explained[0] for p in parts), explained


@pytest.mark.parametrize(
    "line",
    [
        "I won't make you wait.",  # a promise to the customer
        "I won't give your number to anybody.",  # the customer's data: reassurance
        "We didn't send the letter, so you've done nothing wrong.",  # a report: no will, no thing
        "We won't send anything until you confirm.",  # a limit
        "We won't let you down.",  # "let" + the customer, not "let us"
        "Try and relax, getting angry won't make it come quicker.",  # an activity is the subject
        "Please take it easy, shouting at me won't get it back any faster.",  # ... "me" is its object (c03)
        "The engineer is outside your house now.",  # "outside" a place, not a cover
        "That went beyond what I expected, thank you.",  # "what I" + no action
        "There's no need to send it back.",  # "no need" is no negation of the grammar
        "It's not your fault at all.",  # the customer cleared, not a fault denied as ours
        "It won't make any difference to your bill.",  # "it" + an active verb: information
        # session 13 (L4)
        "Your old PIN can't be used once the new card arrives.",  # protection in the passive
        "Your records can't be seen by anyone outside the practice.",
        "It can't be easy juggling all that.",  # "easy" is no participle
        "It won't be delivered before Friday.",  # "won't be" + participle: a forecast, not "can't"
        "Absolutely not, you won't be charged for that.",  # a flat no with no closed door: reassurance
        "Definitely not, nothing's expired on your account.",  # ... a second negation before the door
        "Honestly, that went beyond what I expected.",
        "The price includes the fitting.",
        "The landlord's job is to fix the boiler, and we'll chase him.",  # not "that's the <someone>'s job"
        # session 45 (L44): "do" said of how often or how, "whoever" as a choice or on the agent's side
        "Waiving a fee isn't something we do lightly, but I'll make an exception.",
        "Same day fitting is not a thing we do every week, but we've got a slot.",
        "It's down to whoever you'd rather deal with.",
        "That's down to whoever packed it at our end, I'm so sorry.",
        "The parcel is for whoever ordered it.",
        "Getting through to them is impossible, I know, I'm sorry.",  # not the agent's doing: the customer's ordeal
        "Sending it tracked is nearly impossible, but I'll try.",  # room left, and a try after it
        "The new rules mean no charge for the second visit.",  # a "no <thing>" that is good news
        "The terms mean you're fully covered.",
    ],
)
def test_look_alikes_of_later_sessions_are_not_found(line: str) -> None:
    assert found(line) == []


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("None of that is our fault.", 'away "our fault"'),
        ("It was never our mistake.", 'away "our mistake"'),
        ("That's the arena's box office messing up, not us.", 'fault "messing up"'),
        ("That's the bank's fault, not ours.", 'fault "bank\'s fault"'),
        ("The fault's with your router, not our network.", 'away "not our network"'),
        ("You should've kept the packaging.", 'counterfactual "should\'ve kept"'),
        ("If you'd called us sooner we could have helped.", 'counterfactual "if you\'d called"'),
        ("You were told about the fee when you signed up.", 'told "were told"'),
        ("You missed the payment, so the late fee stands.", 'act "missed"'),
        # session 13 (L4): a task handed to someone else in "that's / it's the <someone>'s job"
        ("That's the council's job, not something we handle.", "away \"that's the council's job\""),
        ("It's the freeholder's responsibility, I'm afraid.", "away \"it's the freeholder's responsibility\""),
        # session 45 (L44): a fault left with "whoever" did a job before (our wording)
        ("A hinge working loose like that is squarely on whoever hung the door.", 'away "is squarely on"'),
        ("That leak's really one for whoever fitted your taps.", 'doer "whoever"'),
    ],
)
def test_blame_is_found_from_its_parts(line: str, part: str) -> None:
    assert any(e.startswith("blame: ") and part in e for e in found(line)), found(line)


@pytest.mark.parametrize(
    ("line", "nudged"),
    [
        # the recogniser's "can't" for "can" before an offer's tail (c257): no refusal asks if it is wanted
        ("I can't pass your details on to him if you like.", False),
        ("We can't change the date if you like.", True),  # a refusal action: nudged at once, tail or not
        ("I can't put a note on your account if you like.", False),
        ("I can't email the engineer's report over if that helps.", False),
        ("We can't arrange a callback, would you like the email address instead?", True),  # no "if" tail
        # ... a "can't" without that tail is still a refusal
        ("I can't put a note on your account.", True),
        ("I can't email the engineer's report over, sorry.", True),
    ],
)
def test_an_offer_tail_clears_a_lone_cant(line: str, nudged: bool) -> None:
    assert ("positive_language" in kinds_fired(line)) is nudged


@pytest.mark.parametrize(
    "line",
    [
        "So you can't log into the app at all?",  # a question: the agent mirroring
        "It won't change your bill.",  # "it" + an active verb: information
        "Don't cancel the direct debit yet.",  # an instruction
        "We won't close the account without asking you.",  # a limit: a promise
        "If that's not possible, I'll ring you back.",  # a condition
        "It's not too late to change it.",  # "too late" is no bridge
        "There's no way you could have known that.",  # the customer cleared
        "It's not us.",  # a bare "not us": what the cover includes (c124)
        "We messed that up, I'm sorry.",  # owning the mistake
        "That's nobody's fault.",
        "It was our error, not yours.",
        "It won't take long.",
        "I won't let that happen again.",
    ],
)
def test_look_alikes_are_not_found(line: str) -> None:
    assert found(line) == []


@pytest.mark.parametrize(
    "line",
    [
        "Oh no, that's awful, I'm so sorry.",
        "No trouble at all, happy to help.",
        "I can't believe that happened to you.",
        "There's nothing to worry about, it's all sorted.",
        "No problem, I'll do that now.",
        "I can't see a declaration on the file yet.",
        "There's no charge for the replacement.",
    ],
)
def test_item_4_empathy_and_information_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


def test_a_grammar_nudge_says_why() -> None:
    rule = PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots)
    hit = rule.find_by_grammar("Well, the warranty's never going to cover water damage.")
    assert hit is not None
    m, f = hit
    assert m.said == "warranty's never going to cover"
    assert f.explain() == 'refusal: subject "warranty\'s" + negation "never" + action "cover"'


def test_committed_words_wait_for_what_follows() -> None:
    """On committed words (more to come), a finding at the very end of the open sentence waits: the
    next words may make it a condition or a limit."""
    rule = PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots)
    assert rule.find_by_grammar("We won't refund it", open_end=True) is None
    assert rule.find_by_grammar("We won't refund it", open_end=False) is not None
    assert rule.find_by_grammar("We won't be refunding the fee this time", open_end=True) is not None


def _found_with(line: str, **classes: object) -> list[str]:
    """The grammar's findings in ``line`` with some word classes of ``[positive_language.grammar]`` replaced."""
    words = load_language_config(overrides={"positive_language": {"grammar": classes}}).positive_language.grammar
    grammar = RefusalGrammar(words)
    return [f.explain() for s in sentences(line) for f in grammar.find(s.tokens, question=s.text.endswith("?"))]


@pytest.mark.parametrize(
    ("line", "emptied"),
    [
        ("Look, no chance, that sale finished at midnight.", ("closed", "flat_no")),
        ("Those bookings can't be shifted.", ("ability_negations",)),
        ("That's the plumber's job, I'm afraid.", ("deflected", "deflecting_frames")),
        ("That's outside what the basic plan includes.", ("includes",)),
    ],
)
def test_session_13_classes_are_read_from_phrases_toml(line: str, emptied: tuple[str, ...]) -> None:
    """The word classes added in session 13 have one source, ``phrases.toml``: emptying one there
    takes its finding away."""
    assert found(line)
    for name in emptied:
        assert _found_with(line, **{name: []}) == [], name


def test_protection_participles_are_read_from_phrases_toml() -> None:
    line = "Your account can't be charged twice."
    assert found(line) == []
    assert _found_with(line, reassured=[]) == ['refusal: subject "account" + negation "can\'t" + action "charged"']


def test_a_word_class_must_be_a_list_of_words() -> None:
    with pytest.raises(ConfigError, match="grammar.closed"):
        load_language_config(overrides={"positive_language": {"grammar": {"closed": "ended"}}})
    with pytest.raises(ConfigError, match="grammar.flat_no"):
        load_language_config(overrides={"positive_language": {"grammar": {"flat_no": ["no way", ""]}}})


def _scores(part: str) -> tuple[float, float]:
    data = tomllib.loads((DATA / f"{part}.toml").read_text("utf-8"))
    pos = [("positive_language" in kinds_fired(x)) for x in data["positive_language"]["lines"]]
    neg = [("positive_language" in kinds_fired(x)) for x in data["quiet"]["lines"]]
    tp, fp = sum(pos), sum(neg)
    return tp / len(pos), tp / (tp + fp) if tp + fp else 0.0


@pytest.mark.parametrize("part", FLOORS)
def test_wording_lists(part: str) -> None:
    recall, precision = _scores(part)
    assert recall >= FLOORS[part][0] and precision >= FLOORS[part][1], (part, recall, precision)
