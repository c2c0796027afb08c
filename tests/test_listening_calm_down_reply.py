"""Listening (issue 9): a reply that tells the customer to calm down, or refuses, is left to that wording's nudge.

Session 39, Q37: the acknowledge-feelings rule nudged the feeling of an angry turn whose reply was a calm-down
("no need to go full volcano on me", c848; "steady the buffs there", c872's second feeling), where the truth files
ask only for the calm-down nudge (140 of the 142 calm-down lines of the tuning scripts c01-c885 expect no
acknowledgement). One reply, one lesson: the calm-down nudge stands, the acknowledgement is not nudged (or is taken
back when the reply's first words already drew it); the mirror is judged as before. Our own wordings, not the calls'.
The first three tests fail at the commit before this change (checked); the controls pass at both.

The same for a refusal, a policy or blame the positive-language rule nudges in reply to a later feeling, once the
call has had its acknowledgement nudge (session 39, Q37, second step: c901's reply to "I sat and cried at the kitchen
table", its second feeling, refused a second engraving; none of the 254 positive-language lines of the tuning scripts
c01-c909 expects an acknowledgement, no call expects two): the ``test_refusal_*`` tests fail at 412287e (checked); a
first feeling answered so still asks for both (control).
"""

from __future__ import annotations

from coach.language import LanguageCoach
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_listening_classes import ACK, MIRROR, _reply, reply_out

CRIED = "The cake for my daughter's christening came squashed, and I just sat in the car and cried. I'm so upset."
SCARED = "The alarm went off at three in the morning again and my kids were terrified. I'm at the end of my tether."


def _kinds(customer: str, agent: str) -> list[str]:
    """Every nudge kind emitted on the reply (withdrawn ones too), in order."""
    return [n.kind for n in reply_out(customer, agent) if isinstance(n, Nudge)]


def test_calm_down_reply_is_not_nudged_for_the_feeling() -> None:
    agent = "Okay, there's no need to get so worked up, it's only a cake."
    assert "avoid_calm_down" in _kinds(CRIED, agent)
    assert ACK not in _reply(CRIED, agent)


def test_calm_down_after_an_unrelated_fact_takes_the_early_nudge_back() -> None:
    agent = "Right. The van was checked on Monday, so that can't be it. Now calm down, please."
    out = reply_out(CRIED, agent)
    early = [n for n in out if isinstance(n, Nudge) and n.kind == ACK]
    assert early, "the first sentence (a curt fact) draws the acknowledgement nudge early"
    assert any(isinstance(w, Withdrawal) and w.moment == early[0].moment for w in out)
    assert ACK not in _reply(CRIED, agent)
    assert "avoid_calm_down" in _kinds(CRIED, agent)


def test_calm_down_reply_to_a_fear() -> None:
    agent = "Alright, calm down, it's only an alarm, I'll send the engineer tomorrow."
    assert ACK not in _reply(SCARED, agent)


def test_control_business_reply_still_nudged() -> None:
    assert ACK in _reply(CRIED, "Okay, what's the order number?")
    assert ACK in _reply(SCARED, "Can I take your postcode, please?")


def test_control_unrelated_fact_without_calm_down_still_nudged() -> None:
    agent = "Right. The van was checked on Monday, so that can't be it. I'll send another one today."
    assert ACK in _reply(CRIED, agent)


def test_control_mirror_still_judged_on_a_calm_down_reply() -> None:
    assert MIRROR in _reply(CRIED, "Okay, there's no need to get so worked up, it's only a cake.")


def test_control_acknowledgement_then_calm_down_still_quiet() -> None:
    agent = "I'm so sorry, that sounds awful. Try to calm down and we'll sort it."
    assert ACK not in _reply(CRIED, agent)


SECOND = "I rang three bakeries this morning and none can do it by Sunday. I'm in bits, honestly."


def _second_reply(agent: str) -> list:
    """Everything the coach returns on ``agent``'s reply to a second feeling (:data:`SECOND`), after a first one
    (:data:`CRIED`) whose business reply drew the call's first acknowledgement nudge."""
    coach = LanguageCoach()
    out = reply_out(CRIED, "Okay, what's the order number?", coach)
    assert ACK in [n.kind for n in out if isinstance(n, Nudge)]
    coach.push(final("customer", SECOND, 40.0, utt="c2"))
    words, out = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 50.0, utt="a3")
        out += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    return out + coach.push(final("agent", agent, 50.0, utt="a3"))


def _standing(out: list) -> list[str]:
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n.kind for n in out if isinstance(n, Nudge) and n.moment not in taken]


def test_refusal_reply_to_a_second_feeling_is_left_to_its_nudge() -> None:
    out = _second_reply("I'm afraid we can't refund a cake once it's been collected.")
    assert "positive_language" in _standing(out)
    assert ACK not in _standing(out)


def test_refusal_after_an_unrelated_fact_takes_the_early_nudge_back() -> None:
    out = _second_reply("Right. The van was checked on Monday, so that can't be it. We don't give refunds on cakes.")
    early = [n for n in out if isinstance(n, Nudge) and n.kind == ACK]
    assert early and any(isinstance(w, Withdrawal) and w.moment == early[0].moment for w in out)
    assert ACK not in _standing(out)


def test_control_second_feeling_business_reply_still_nudged() -> None:
    assert ACK in _standing(_second_reply("Okay, can I take your postcode, please?"))


def test_control_first_feeling_answered_by_a_refusal_asks_for_both() -> None:
    agent = "I'm afraid we can't refund a cake once it's been collected."
    assert "positive_language" in _kinds(CRIED, agent)
    assert ACK in _reply(CRIED, agent) and MIRROR in _reply(CRIED, agent)
