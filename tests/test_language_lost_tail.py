"""A final that lost the tail its turn's partials heard is read with that tail (session 41, Q39,
:mod:`coach.language.lost_tail`): the final decode of a long turn now and then stops early ("No." after a partial
heard "No, that's not something we offer."; c950's apology cut at "That's a serious mistake on")."""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.language.lost_tail import restored
from coach.types import Nudge
from tests.test_language_rules import final
from tests.test_language_stream import partial

REFUSAL = "No, that's not something we offer."


def test_the_words_a_partial_heard_after_the_finals_are_added_to_it():
    heard = partial(REFUSAL, 40.0, 0)
    cut = final("agent", "No.", 40.0, dur=3.0, utt="agent-1")
    mended = restored(cut, [heard])
    assert mended["text"] == "No. that's not something we offer."
    assert len(mended["words"]) == 6 and (mended["t"], mended["end"], mended["at"]) == (cut["t"], cut["end"], cut["at"])


def test_a_partial_that_heard_the_first_words_otherwise_adds_nothing():
    cut = final("agent", "Now.", 40.0, dur=3.0, utt="agent-1")
    assert restored(cut, [partial(REFUSAL, 40.0, 0)]) is cut


def test_words_heard_after_the_finals_audio_ends_are_the_next_turns():
    cut = final("agent", "No, that's", 40.0, dur=0.8, utt="agent-1")  # the segmenter cut the turn at 40.8 s
    assert restored(cut, [partial(REFUSAL, 40.0, 0)]) is cut


def test_the_longest_tail_is_read_when_a_later_decode_collapsed():
    cut = final("agent", "No.", 40.0, dur=3.0, utt="agent-1")
    collapsed = partial("No, we", 40.0, 0)
    assert restored(cut, [partial(REFUSAL, 40.0, 0), collapsed])["text"] == "No. that's not something we offer."


def test_a_refusal_only_the_partials_heard_is_nudged_at_the_final():
    coach = LanguageCoach()
    assert coach.push(partial(REFUSAL, 40.0, 0)) == []  # its last words, heard once: the final decides
    [n] = coach.push(final("agent", "No.", 40.0, dur=3.0, utt="agent-1"))
    assert isinstance(n, Nudge) and n.kind == "positive_language"


def test_a_final_that_heard_the_words_whole_is_read_as_it_is():
    cut = final("agent", REFUSAL, 40.0, utt="agent-1")
    assert restored(cut, [partial("No, that's not", 40.0, 0)]) is cut
