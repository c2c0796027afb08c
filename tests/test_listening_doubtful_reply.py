"""A reply heard doubtful so far is not judged early (issue 9, session 56, Q54).

On the held-out runs, four quiet calls' good replies (c1148, c1238, c1264, c1286: an espeak or festival agent) were
nudged for the acknowledgement or the mirror from their first garbled words (committed words or a pause partial:
"Let me look at how I record.", three of seven words under 0.5), while their finals ran past thirty words and
answered. Now no early listening verdict (committed words, a pause, a business question) is given while a quarter or
more of the reply's decoded words are under ``unsure_word_p`` (``acknowledge_feelings.reply_doubtful_share``,
``listening.heard_doubtful``); the final judges. The same reply heard surely is still judged from its first words,
and a doubtful reply that misses the moment is still nudged at its final. Every line is our wording; the coach is
driven with events (milliseconds each)."""

from __future__ import annotations

import dataclasses

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from tests.test_language_pause_nudge import paused
from tests.test_language_rules import final
from tests.test_language_stream import partial
from tests.test_listening_glad_replies_and_unsure_pauses import _mirrors

MIRROR = "mirror_complaint"
GREETING = "Hello, Brookside supplies, Dan speaking."
COMPLAINT = "The tank you sent arrived cracked and it leaked all over the classroom floor."
BUSINESS = "Right, let me get the order up."
LONG = (
    "Right, let me get the order up, and while it loads, a cracked tank on the classroom floor is the last thing you "
    "need with thirty children in, so I'll send a new one today and a courier for the old one."
)


def _doubtful(event: dict, low: int) -> dict:
    """``event`` with its first ``low`` words heard at 0.3 (the rest at 0.9)."""
    return dict(event, words=[dict(w, p=0.3 if i < low else w["p"]) for i, w in enumerate(event["words"])])


def _opening() -> list[dict]:
    return [final("agent", GREETING, 0.0, utt="agent-0"), final("customer", COMPLAINT, 3.0, utt="customer-1")]


def test_committed_words_heard_surely_are_judged_early():
    assert _mirrors([*_opening(), partial(BUSINESS, 10.0, 7)]) == [(MIRROR, "partial")]


def test_committed_words_heard_doubtful_leave_the_verdict_to_the_final():
    events = [*_opening(), _doubtful(partial(BUSINESS, 10.0, 7), 2)]  # two of seven words under 0.5
    assert _mirrors(events) == []
    assert _mirrors([*events, final("agent", BUSINESS, 10.0, utt="agent-1")]) == [(MIRROR, "final")]


def test_a_pause_heard_doubtful_leaves_the_verdict_to_the_final():
    events = [*_opening(), _doubtful(paused(BUSINESS, 10.0, 0), 2)]
    assert _mirrors(events) == []
    assert _mirrors([*events, final("agent", BUSINESS, 10.0, utt="agent-1")]) == [(MIRROR, "final")]


def test_a_doubtful_start_of_a_long_reply_that_answers_is_never_nudged():
    events = [*_opening(), _doubtful(partial(BUSINESS, 10.0, 7), 2), _doubtful(paused(BUSINESS, 10.0, 7), 2)]
    assert _mirrors([*events, final("agent", LONG, 10.0, utt="agent-1")]) == []
    assert _mirrors([*_opening(), partial(BUSINESS, 10.0, 7), final("agent", LONG, 10.0, utt="agent-1")]) == [
        (MIRROR, "partial")
    ]  # the control: heard surely, the first words were judged (and the nudge stood)


def test_one_unsure_word_in_seven_is_no_doubt():
    assert _mirrors([*_opening(), _doubtful(partial(BUSINESS, 10.0, 7), 1)]) == [(MIRROR, "partial")]


def test_reply_doubtful_share_zero_judges_doubtful_words_early_again():
    """The setting of its own (``acknowledge_feelings.reply_doubtful_share``): 0 turns the wait off."""
    c = load_language_config()
    ack = dataclasses.replace(c.acknowledge_feelings, reply_doubtful_share=0)
    off = dataclasses.replace(c, acknowledge_feelings=ack)
    coach = LanguageCoach(off)
    found = [n for e in [*_opening(), _doubtful(partial(BUSINESS, 10.0, 7), 2)] for n in coach.push(e)]
    mirrors = [(n.kind, n.evidence.get("basis")) for n in found if getattr(n, "kind", "") == MIRROR]
    assert mirrors == [(MIRROR, "partial")]
