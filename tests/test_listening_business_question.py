"""Listening (issue 9): a reply heard whole as a business question is judged from that partial, before its final.

Session 40, Q38: the agent lane commits a short reply's words only about a partial before its final, so a reply going
straight to business ("Okay, do you have the receipt number?") was judged at its pause partial or final, 2-3 s after
it began. A partial whose words, committed or not, end with "?" and open with a ``business_openers`` phrase
(``MirrorComplaintRule.business_question``) is now judged as the pause partial is (``LanguageCoach._paused_reply``,
evidence ``basis`` "question"); the final takes the nudge back if the whole turn answers the moment. Our own wordings.
The first and the last test fail at the commit before this change (no nudge from the partial there: checked); the
other two pass at both.
"""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_language_stream import partial
from tests.test_listening_classes import ACK, GREETING, MIRROR

COMPLAINT = (
    "Hi, it's Rosa Field. The garden bench you delivered on Monday has a split right down the seat and one leg is"
    " loose. I'm really annoyed."
)


def _coach() -> LanguageCoach:
    coach = LanguageCoach()
    coach.push(final("agent", GREETING, 0.0, utt="agent-0"))
    coach.push(final("customer", COMPLAINT, 3.0, utt="customer-1"))
    return coach


def _kinds(out: list) -> set[str]:
    return {n.kind for n in out if isinstance(n, Nudge)}


def test_a_business_question_heard_whole_is_judged_before_the_final() -> None:
    coach = _coach()
    assert coach.push(partial("Okay.", 20.0, 0, utt="agent-1")) == []
    out = coach.push(partial("Okay, do you have the order number?", 20.0, 0, utt="agent-1"))
    assert {MIRROR, ACK} <= _kinds(out)
    assert {n.evidence["basis"] for n in out if isinstance(n, Nudge)} == {"question"}
    assert _kinds(coach.push(final("agent", "Okay, do you have the order number?", 20.0, utt="agent-1"))) == set()


def test_control_a_question_without_a_business_opener_waits() -> None:
    coach = _coach()
    assert coach.push(partial("Oh no, is the bench still usable?", 20.0, 0, utt="agent-1")) == []


def test_control_business_words_without_the_question_mark_wait() -> None:
    coach = _coach()
    assert coach.push(partial("Okay, do you have the order", 20.0, 0, utt="agent-1")) == []


def test_control_the_whole_turn_answering_takes_it_back() -> None:
    coach = _coach()
    out = coach.push(partial("Okay, do you have the order number?", 20.0, 0, utt="agent-1"))
    shown = {n.moment for n in out if isinstance(n, Nudge)}
    reply = (
        "Okay, do you have the order number? I'm so sorry, a split seat and a loose leg on a new bench, that's"
        " really annoying."
    )
    back = coach.push(final("agent", reply, 20.0, utt="agent-1"))
    assert shown and shown <= {w.moment for w in back if isinstance(w, Withdrawal)}
