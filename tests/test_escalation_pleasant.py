"""Issue 10: a delighted customer (lively, louder than usual, read aroused by the voice model) is not upset.

:func:`coach.classify.lexicon.pleasant` reads delight in a final customer utterance; the tracker's
``pleasant_damp`` then damps the voice like full calm words, a raised voice included, until words with
anger or a marker come. Wording of our own, not the calls'; synthetic readings, times in call samples."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import default_lexicon, delighted, pleasant
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE
from tests.escalation_readings import loud_readings


@pytest.mark.parametrize(
    "text",
    [
        "Fantastic, the parcel came this morning.",
        "We're thrilled with how the patio turned out",
        "Ha ha, no, that's fine.",
        "Honestly I love it, the colour is spot on!",
        "Yes. Superb, thanks for sorting it.",
        "That's so helpful, I wouldn't have found that setting.",
    ],
)
def test_delight_is_read(text: str) -> None:
    assert pleasant(text)
    assert default_lexicon().find(text) == []  # no escalation marker either


@pytest.mark.parametrize(
    "text",
    [
        "I'm not really happy with the fitting.",
        "Oh brilliant, another week without a cooker.",  # sarcasm: "oh" does not open delight
        "It was perfect until the handle snapped.",
        "Great, so I just sit here and wait?",
        "Wow. Just wow.",  # disbelief as often as delight
        "The meter reading is forty two.",
        "I wasn't delighted with the fitting.",  # negation before the phrase
    ],
)
def test_no_delight_in_complaints_negations_or_plain_talk(text: str) -> None:
    assert not pleasant(text)


@pytest.mark.parametrize(
    ("text", "delight"),
    [
        ("Marguerite, brilliant, a real person at last.", True),  # not opening its sentence: delight all the same
        ("Our youngest loves the little ponies.", True),
        ("Keep the receipt? You're a star.", True),
        ("The first day was wonderful, but then the awning tore.", False),  # the sentence turns against it
        ("The tent was fantastic til the pole went.", False),  # "til" as tiny.en writes "until" turns it too
        ("I'm not excited about a third visit.", False),
        ("Oh brilliant, that's all I needed.", False),  # sarcasm
        ("The boiler is the best part of ten years old.", False),  # "best" alone is no praise
    ],
)
def test_delight_is_read_anywhere_in_a_sentence_that_does_not_turn(text: str, delight: bool) -> None:
    """:func:`delighted` (the delight evidence the stage gives the tracker) reads words of delight anywhere, where
    :func:`pleasant` needs them to open a sentence; every pleasant utterance is delighted."""
    assert delighted(text) is delight
    assert not pleasant(text) or delight


def lively(pleasant_first: bool, *, damp: float = 1.0, calm: bool | None = True) -> list[tuple[float, str]]:
    """``(score, level)`` per second of a customer whose 10-word final (delighted or not) is followed by
    speech 5 dB above their usual level read 0.85 aroused, one reading a second for 8 s."""
    tracker = EscalationTracker(EscalationConfig(pleasant_damp=damp), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=10, calm=calm, pleasant=pleasant_first)
    return loud_readings(tracker, range(2, 10))


def test_a_delighted_loud_lively_customer_stays_calm() -> None:
    happy = lively(True)
    plain = lively(False)
    assert all(level == "calm" for _, level in happy)
    assert any(level != "calm" for _, level in plain)  # the same voice after plain calm words
    assert all(a[0] < b[0] for a, b in zip(happy, plain, strict=True))


def test_off_at_zero_and_not_when_the_words_complain() -> None:
    assert lively(True, damp=0.0) == lively(False)
    assert lively(True, calm=False) == lively(False, calm=False)  # a marker or anger in the same words


def test_later_anger_drops_the_delight() -> None:
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=10, calm=True, pleasant=True)
    tracker.push_words(2 * SAMPLE_RATE, 0.6, n_words=8, calm=False)  # an angry line, text model 0.6
    levels = [level for _, level in loud_readings(tracker, range(3, 9))]
    assert levels[0] != "calm"


@pytest.mark.parametrize("lasts", [True, False])
def test_a_broad_readings_delight_ends_at_the_next_plain_final(lasts: bool) -> None:
    """Delight read only broadly (``pleasant_lasts=False``) damps until the customer's next final that is not
    delighted; delight :func:`pleasant` reads lasts (fading) across plain calm finals."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=10, calm=True, pleasant=True, pleasant_lasts=lasts)
    tracker.push_words(2 * SAMPLE_RATE, 0.02, n_words=8, calm=True)  # a plain calm final
    levels = [level for _, level in loud_readings(tracker, range(3, 11))]
    assert all(level == "calm" for level in levels) is lasts


@pytest.mark.parametrize(("n_words", "lasts"), [(20, True), (60, False)])
def test_a_long_delighted_finals_delight_ends_at_the_next_plain_final(n_words: int, lasts: bool) -> None:
    """Delight :func:`pleasant` reads in a final of more than ``pleasant_lasting_words`` words (a "Lovely." that
    opens a long utterance on another matter, session 50, E55) ends at the next plain final like a broad reading's;
    in a shorter one it lasts (fading) as before."""
    tracker = EscalationTracker(EscalationConfig(), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=n_words, calm=True, pleasant=True, pleasant_lasts=True)
    tracker.push_words(2 * SAMPLE_RATE, 0.02, n_words=8, calm=True)  # a plain calm final
    levels = [level for _, level in loud_readings(tracker, range(3, 11))]
    assert all(level == "calm" for level in levels) is lasts


def test_with_pleasant_lasting_words_off_a_long_delighted_finals_delight_lasts() -> None:
    tracker = EscalationTracker(EscalationConfig(pleasant_lasting_words=0), words_expected=True)
    tracker.push_words(SAMPLE_RATE, 0.02, n_words=60, calm=True, pleasant=True, pleasant_lasts=True)
    tracker.push_words(2 * SAMPLE_RATE, 0.02, n_words=8, calm=True)
    assert {level for _, level in loud_readings(tracker, range(3, 11))} == {"calm"}


def test_pleasant_damp_is_validated() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(pleasant_damp=1.5)
    with pytest.raises(ConfigError):
        EscalationConfig(pleasant_lasting_words=-1)


def test_the_stage_reads_delight_in_a_customer_final() -> None:
    """Through EscalationStage.push_final: the same loud, aroused voice after a delighted final stays calm,
    after a plain calm final it does not (the stage, not the test, decides that the words are delighted)."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    def levels(text: str) -> list[str]:
        stage = EscalationStage(EscalationConfig(), text_scorer=TextAngerScorer())
        stage.push_final({"speaker": "customer", "text": text}, SAMPLE_RATE)
        return [level for _, level in loud_readings(stage._tracker, range(2, 10))]

    assert set(levels("Brilliant, thank you so much, that's really helpful.")) == {"calm"}
    assert set(levels("Okay, the account number is on the letter.")) != {"calm"}


@pytest.mark.parametrize(
    ("text", "delight"),
    [
        ("Not very excited about a third visit.", False),  # a negation two words back, across "very"
        ("I'm not all that thrilled with the fitting.", False),
        ("Honestly I wasn't too thrilled when it came.", False),
        ("I'm not at all delighted with the smell.", False),
        ("Oh so brilliant, another week.", False),  # sarcasm across a degree word
        ("Not a problem, that's brilliant.", True),  # the negation is of something else
        ("We're very excited, the kids can't wait.", True),  # a degree word with no negation before it
        ("So very thrilled, thank you.", True),
    ],
)
def test_a_negation_before_degree_words_is_no_delight(text: str, delight: bool) -> None:
    """:func:`delighted` and :func:`pleasant` look back across up to three degree words ("not very excited", "not at
    all delighted") for a negation or sarcasm's "oh"; a negation elsewhere in the sentence does not count."""
    assert delighted(text) is delight
    assert not pleasant(text) or delight


@pytest.mark.parametrize(
    "text",
    [
        "Not at all. Really happy with it now.",  # "not at all" answers the question before
        "No. So happy you sorted it, thanks.",
        "Nothing else, no. Super happy with the new one.",
    ],
)
def test_a_negation_ending_the_sentence_before_does_not_reach_into_the_next(text: str) -> None:
    """:func:`pleasant` read its words across sentences: the negation that ended one sentence, looked for back across
    the next one's degree words ("Really", "So", "Super"), took its delight away (since 3d9df66; "No. So happy"
    before it too). :func:`delighted` reads sentence by sentence and agreed only where ``pleasant`` did."""
    assert pleasant(text)
    assert delighted(text)
