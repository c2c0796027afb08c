"""Escalation, session 30 (E34, issue 10): a customer kept from getting their sentence out; a customer who refuses
the chasing the company hands them; a nightmare that is only the parking.

A customer talked over who asks to get their sentence, words or question out ("Let me get the sentence out,
please"), or to be let speak at all ("If you'd let me finish"), reproaches the agent: [reproach], tense alone, a
brief flare (its own half-life), like E30's "let me get a sentence out". A customer who refuses the work put on them
("I'm not chasing some stranger for answers", "Why should I have to chase it?") is [refused_chasing]: weak alone and
brief (a polite "I'm not chasing, I just wondered" is no marker at all), with a raised voice "tense". Calm look-alikes
(getting a card out, asking to speak to a colleague, "let me know") stay unmarked. A nightmare said of a
street, its parking or traffic ("the high street is a nightmare for parking") is no [frustration] marker; said of
the service it still is. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import EscalationLexicon
from coach.types import SAMPLE_RATE

LEX = EscalationLexicon.from_toml()
CFG = EscalationConfig()


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def categories(said: str) -> set[str]:
    return {h.category for h in LEX.find(said)}


def marks(said: str) -> list[tuple[str, float]]:
    return [(h.phrase, h.weight) for h in LEX.find(said)]


@pytest.mark.parametrize(
    "said",
    [
        "Would you let me get my sentence out?",
        "Let me get the words out first, please.",
        "Can I just get my question out before you answer it?",
        "Let me get a question in, for once.",
        "If you'd let me finish, I was saying the tap still drips.",
        "If you would let me speak, you'd know it's the other address.",
        "Just let me speak for one minute.",
        "Let me talk, please, I haven't said what happened yet.",
        "Let me get to my point, I'm not ringing about the invoice.",
    ],
)
def test_a_customer_kept_from_getting_a_sentence_out_is_tense_alone(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category in ("reproach", "indignation")]
    assert hits, said
    assert max(h.weight for h in hits) >= CFG.tense_enter, said
    reproach = [h for h in hits if h.category == "reproach"]
    assert all(0 < h.half_life_s <= 10.0 for h in reproach), said


@pytest.mark.parametrize(
    "said",
    [
        "Hold on, let me get my card out of my purse.",
        "Let me get the order number out, it's on the fridge.",
        "Let me get this out of the way first, it's the blue one.",
        "Could you let me speak to Sarah, please? She took the booking.",
        "If you'd let me know when it ships, that would be lovely.",
        "Let me get the words right, it's a silent k.",
        "Let me speak to my husband and I'll ring you back.",
        "I'll get to my point in a second, it's about the van.",
    ],
)
def test_a_calm_let_me_is_no_reproach(said: str) -> None:
    assert not categories(said) & {"reproach", "indignation"}, said


@pytest.mark.parametrize(
    "said",
    [
        "I paid you, I'm not chasing a subcontractor myself.",
        "Why should I have to chase it? You took the order.",
        "I am not going to chase the courier for you.",
        "I shouldn't have to chase my own refund.",
        "Why am I the one chasing this every week?",
        "I'm not doing your job for you.",
        "It's not my job to chase your warehouse.",
    ],
)
def test_refusing_the_chasing_is_a_brief_marker_under_tense(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category == "refused_chasing"]
    assert hits, said
    assert max(h.weight for h in LEX.find(said)) < CFG.tense_enter, said
    assert 0 < hits[0].half_life_s <= 10.0, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not chasing, I just wondered if it had left the depot.",
        "I'm not chasing you, honestly, it's only a question.",
        "Sorry, I'm not chasing it up, just checking the date.",
        "We're chasing the puppy round the garden, give me a second.",
        "My sister is chasing the insurer, so I'm just checking the order.",
    ],
)
def test_a_polite_not_chasing_is_no_marker(said: str) -> None:
    assert not categories(said) & {"refused_chasing", "frustration"}, said


def test_a_sentence_kept_in_mid_call_is_tense_at_once_and_brief() -> None:
    """After a calm opening final, the reproach in a partial's committed words (n_words 0, as the stage pushes them)
    is "tense" at once; it fades with its own half-life, so the customer's next turn, calm, comes down."""
    tracker = EscalationTracker(CFG, words_expected=True)
    tracker.push_words(at(5), 0.0, n_words=14, calm=True)
    said = "Let me get my sentence out, please"
    state = tracker.push_words(at(30), float("nan"), n_words=0, hits=list(LEX.find(said)))
    assert state.level == "tense"
    tracker.push_words(at(40), 0.0, n_words=12, calm=True)
    assert tracker.advance(at(60)).level == "calm"


def test_refusing_the_chasing_with_a_raised_voice_is_tense_alone_calm() -> None:
    """After a calm opening final: a voice 4 dB above the customer's own level and "I'm not chasing" in a partial are
    "tense"; the words alone, and the raised voice alone for a second, are not."""
    hits = marks("I paid you, I'm not chasing some stranger")
    raised = EscalationTracker(CFG, words_expected=True)
    raised.push_words(at(5), 0.0, n_words=12, calm=True)
    raised.push_loudness(at(20), 4.0)
    assert raised.set_provisional(at(20.5), hits).level == "tense"
    final = list(LEX.find("I paid you, I'm not chasing some stranger"))  # the final replaces the provisional
    raised.push_words(at(22), 0.0, n_words=8, hits=final, provisional=())
    raised.push_words(at(24), 0.0, n_words=8, calm=True, provisional=())
    for k in range(25, 30):
        raised.push_loudness(at(k), 0.0)  # the voice back at the customer's own level
    assert raised.advance(at(40)).level == "calm"  # brief: the next calm turn is not held "tense" on it
    alone = EscalationTracker(CFG, words_expected=True)
    alone.push_words(at(5), 0.0, n_words=12, calm=True)
    assert alone.set_provisional(at(20.5), hits).level == "calm"
    voice_only = EscalationTracker(CFG, words_expected=True)
    voice_only.push_words(at(5), 0.0, n_words=12, calm=True)
    assert voice_only.push_loudness(at(20), 4.0).level == "calm"


@pytest.mark.parametrize(
    "said",
    [
        "The high street is a nightmare for parking, so the van should come before nine.",
        "Parking's a nightmare round here, ring me when you're close.",
        "The traffic is a nightmare on Fridays, any other day is fine.",
        "Our lane is a nightmare for lorries, a small van would be better.",
    ],
)
def test_a_nightmare_said_of_a_street_is_no_marker(said: str) -> None:
    assert "frustration" not in categories(said), said


def test_a_nightmare_said_of_the_service_is_still_one() -> None:
    assert "frustration" in categories("This has been a nightmare from the first phone call.")
    assert "frustration" in categories("It's been a nightmare to get through to anyone.")


class _LexiconOnly:
    """A stand-in for the text scorer: the stage's markers read only its lexicon (no MiniLM loaded)."""

    lexicon = LEX


def _stage_markers(said: str) -> list[str]:
    from coach.classify.stage import EscalationStage

    stage = EscalationStage(CFG, text_scorer=_LexiconOnly())  # type: ignore[arg-type]
    return [h.phrase for h in stage._markers(said)]


@pytest.mark.parametrize(
    "said",
    [
        "Perfect! That's great! Put me down for it, please!",
        "Lovely, thank you! Count us in for Saturday!",
        "Brilliant, that's sorted then! See you on the ninth!",
    ],
)
def test_an_exclamation_in_delighted_words_is_no_marker(said: str) -> None:
    assert _stage_markers(said) == [], said


@pytest.mark.parametrize(
    "said",
    [
        "Sort it out, please! I've been waiting since eight!",
        "Brilliant! Just great! Another week without heating!",
        "That's another four days!",
    ],
)
def test_an_exclamation_in_a_complaint_still_counts(said: str) -> None:
    assert "exclaims" in _stage_markers(said), said


@pytest.mark.parametrize(
    "said",
    [
        "This is ridiculous, the curtains came back a foot too short.",
        "Honestly, that's completely unacceptable for a new boiler.",
        "That is outrageous, nobody said a word about a fee.",
        "This is a shambles from start to finish.",
        "That's bloody pathetic, three weeks for one cable.",
        "This is utterly disgraceful, my mum waited in all day.",
        "That's just absurd, you had the address.",
    ],
)
def test_a_verdict_judged_outright_is_tense_alone(said: str) -> None:
    hits = LEX.find(said)
    assert "judged_outright" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) >= CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "It's a ridiculous price, so cheap, I'll take two.",
        "This is ridiculously easy, thank you.",
        "It's a disgrace, the state my kids left the party room in, ha.",
        "That's a joke my grandad used to tell.",
        "That's shocking news about the fire, I hope everyone's fine.",
        "This is unbelievable, it arrived a day early!",
        "Is it absurd to want it in green as well?",
    ],
)
def test_a_verdict_look_alike_is_not_judged_outright(said: str) -> None:
    assert "judged_outright" not in categories(said), said


def test_an_opener_that_starts_by_judging_is_tense_on_its_first_partial() -> None:
    """In the customer's first turn a marker heard surely counts on the first partial that has it (the tracker takes
    it provisionally): "This is ridiculous" at the start of an opener is "tense" at once; the bare word is not."""
    judged = EscalationTracker(CFG, words_expected=True)
    assert judged.set_provisional(at(1.4), marks("This is ridiculous. The blouse")).level == "tense"
    bare = EscalationTracker(CFG, words_expected=True)
    assert bare.set_provisional(at(1.4), marks("Ridiculous prices, the blouse")).level == "calm"
