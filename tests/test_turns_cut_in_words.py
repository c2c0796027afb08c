"""A short customer overlap told by its words (issue 9): "Sorry, which one?" under a second is a cut-in the
agent talking on must hear about (let_them_finish); "mm-hmm" is a backchannel and stays quiet; an agent
who yields within about a second is not blamed. Scripted segments and transcripts, audio time."""

import pytest

from coach.config import TurnConfig
from coach.turns.cut_in import is_cut_in, words_of
from coach.types import seconds_to_samples
from tests.test_turns import A, C, cues, overlaps, play

CFG = TurnConfig()

# backchannels as tiny.en writes them (and the "you" it hears in a breath)
BACKCHANNELS = [
    "Mm-hmm.",
    "Mhm.",
    "Uh-huh.",
    "Mm.",
    "Hmm.",
    "Yeah.",
    "Yeah, yeah.",
    "Yes.",
    "Yep.",
    "Right.",
    "Right, okay.",
    "Okay.",
    "OK.",
    "Okay?",
    "Sure.",
    "Sure, sure.",
    "I see.",
    "Oh, I see.",
    "Got it.",
    "Oh right.",
    "Alright.",
    "All right.",
    "Great.",
    "Perfect, thanks.",
    "Lovely.",
    "Thank you.",
    "Thank you very much.",
    "Really?",
    "Oh, really?",
    "Yeah?",
    "Is that right?",
    "Oh, is it?",
    "That's right.",
    "Fair enough.",
    "Of course.",
    "Exactly.",
    "Ah, okay.",
    "Okay, great, thanks.",
    " you",
    "",
    "No.",
    "Yes, that's the one.",
    "Yes please.",
    "No worries.",
    "Cheers.",
]
# cut-ins: questions, openers, two content words or more; several cut off by the agent talking on
CUT_INS = [
    "Is there a mid-eat day in?",
    "Is there a MIDI?",
    "Sorry, which one?",
    "Sorry?",
    "Wait, what?",
    "Hang on.",
    "Hold on a sec.",
    "Excuse me.",
    "But I already paid",
    "How much?",
    "When?",
    "No, that's not right.",
    "Could one of the tiers be",
    "What about the",
    "Can I just",
    "Yeah, but the",
    "Okay, and the fee?",
    "Oh, sorry, which day?",
    "Actually, the twentieth",
]


@pytest.mark.parametrize("text", BACKCHANNELS)
def test_backchannel_words_are_not_a_cut_in(text):
    assert not is_cut_in(text, CFG)


@pytest.mark.parametrize("text", CUT_INS)
def test_a_question_an_opener_or_two_content_words_is_a_cut_in(text):
    assert is_cut_in(text, CFG)


def test_words_are_read_as_tiny_en_writes_them():
    assert words_of("Mm-hmm, that\u2019s RIGHT.") == ["mm", "hmm", "that's", "right"]


# The agent talks 0-10 s; the customer says 0.83 s over them at 4.0 (c469's shape). The VAD confirms the
# customer's end at 5.33; a first partial at 4.5, the final at 5.35.
AGENT_ON = [(A, 0.0, 10.0), (C, 4.0, 4.83)]


def words(partial: str, final: str, *, start: float = 4.0, end: float = 4.83, late: float = 0.0):
    return [(4.5 + late, start, 4.5, partial, False), (5.35 + late, start, end, final, True)]


def test_a_short_question_the_agent_talks_on_through_fires_let_them_finish():
    found, summary = play(AGENT_ON, 12, voicing=True, words=words("Is there a MIDI?", "Is there a mid-eat day in?"))
    [(at, cue)] = cues(found, "let_them_finish")
    assert cue.start == seconds_to_samples(4.0)
    assert 1.2 <= at - 4.0 <= 1.3  # talkover_nudge_s after the cut-in began, from the partial's words
    assert cue.evidence["cut_in"] is True and cue.ongoing
    assert overlaps(found) == [("customer", "talkover", 4.0)]
    assert summary.talkovers == {"agent": 0, "customer": 1}
    assert summary.backchannels == {"agent": 0, "customer": 0}


@pytest.mark.parametrize("text", ["Mm-hmm.", "Yeah, right.", "Okay, thank you.", "I see."])
def test_backchannel_words_of_the_same_length_stay_quiet(text):
    found, summary = play(AGENT_ON, 12, voicing=True, words=words(text, text))
    assert cues(found) == []
    assert overlaps(found) == [("customer", "backchannel", 4.0)]
    assert summary.backchannels == {"agent": 0, "customer": 1}


def test_without_words_a_short_overlap_is_a_backchannel_as_before():
    found, summary = play(AGENT_ON, 12, voicing=True)
    assert cues(found) == []
    assert summary.backchannels == {"agent": 0, "customer": 1}


def test_an_agent_who_yields_to_the_short_question_is_not_nudged():
    # the agent stops at 4.7, within a second of the customer's question, and answers it at 5.4
    segments = [(A, 0.0, 4.7), (C, 4.0, 4.83), (A, 5.4, 9.0)]
    found, _ = play(segments, 12, voicing=True, words=words("Sorry, which", "Sorry, which one?"))
    assert cues(found) == []


def test_a_final_heard_late_still_counts_while_the_agent_talks_on_but_not_past_the_wait():
    late = words("", "Sorry, which one?", late=0.9)[1:]  # no partial; the final 0.9 s later than usual
    found, _ = play(AGENT_ON, 12, voicing=True, words=late)
    [(at, _)] = cues(found, "let_them_finish")
    assert 6.25 <= at <= 6.35  # the next frame after the final (found at 6.25)
    too_late = [(4.83 + CFG.cut_in_wait_s + 0.1, 4.0, 4.83, "Sorry, which one?", True)]
    found, summary = play(AGENT_ON, 12, voicing=True, words=too_late)
    assert cues(found) == []
    assert summary.backchannels == {"agent": 0, "customer": 1}


def test_the_latest_words_decide_a_final_that_is_a_backchannel_overrides_its_partial():
    heard = [(4.5, 4.0, 4.5, "Wait for", False), (5.1, 4.0, 4.83, "Mm-hmm.", True)]
    found, _ = play(AGENT_ON, 12, voicing=True, words=heard)
    assert cues(found) == []


def test_words_of_an_earlier_customer_turn_do_not_count_for_the_overlap():
    # the customer's own turn 0-2 s asked a question; the agent then talks 2.5-10; the "mm-hmm" at 4.0
    segments = [(C, 0.0, 2.0), (A, 2.5, 10.0), (C, 4.0, 4.6)]
    heard = [(2.5, 0.0, 2.0, "Could you check the date for me?", True), (5.2, 4.0, 4.6, "Mm-hmm.", True)]
    found, _ = play(segments, 12, voicing=True, words=heard)
    assert cues(found) == []


def test_the_same_call_gives_the_same_events():
    heard = words("Is there a MIDI?", "Is there a mid-eat day in?")
    first, _ = play(AGENT_ON, 12, voicing=True, words=heard)
    again, _ = play(AGENT_ON, 12, voicing=True, words=heard)
    assert [(at, repr(x)) for at, x in first] == [(at, repr(x)) for at, x in again]
