"""Listening on quiet calls as heard (issue 9, session 54, Q52, round two; designed AFTER c1246-c1269 were opened, on
quiet c1263, c1264 and c1266 as heard: in sample for them).

- Praise of the customer's choice ("Brilliant choice, they're very forgiving pets.") opens a glad reply: it answers a
  moment only the head or a cue heard unsure found (quiet c1263: "it's Miss ... at Fieldside Primary" heard "it's
  missing our cafe"), never a sure cue's, nor one in a turn with a negation or a "but".
- A cry of gladness, "how wonderful", names the news good as a congratulation does, even when the recogniser turned
  its "Oh" into "or" and put the congratulation fourth (quiet c1266: "My lad's getting wed in June" heard "... wet in
  June", rated 0.36).
- "made up with / about" is delight and "made up for it" amends (quiet c1266's "He'll be made up with that!"), no
  complaint cue; a reading, a charge or figures made up still are.
- A pause partial whose words the recogniser was mostly unsure of gives no listening verdict (quiet c1264's "Oh,
  that's horrible, Henrike. ..." decoded at its first pause as "So let's have a little pen like that."); the final
  judges the reply, and a pause heard sure still nudges.

Every line is our wording; the rules are driven directly (milliseconds each)."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.listening import complaint_match
from coach.language.patterns import compile_patterns
from tests.test_language_pause_nudge import paused
from tests.test_language_rules import final
from tests.test_quiet_call_classes import _mirror_q28

MIRROR = "mirror_complaint"
REQUEST = (
    "Hello, it's Mrs Okafor at Brookside School, our topic next term is minibeasts and the class voted for snails."
)


@pytest.mark.parametrize(
    "reply",
    [
        "Brilliant choice, snails are very easy to keep. Do you want the starter tank?",
        "Great choice, they're lovely with children. Shall I send the care sheet too?",
        "Oh, how wonderful, congratulations to the class. How many children are there?",
        "Or how wonderful, congratulations to the whole school, how many are in the class?",
    ],
)
def test_gladness_at_the_customers_choice_or_news_answers_what_the_head_read(reply):
    assert _mirror_q28(REQUEST, reply, complaint=0.9) == []


@pytest.mark.parametrize(
    "customer",
    [
        "The snail tank you sent arrived broken and the lid is cracked.",
        "Your driver left the tank in the rain and the snails never arrived.",
        "The tank doesn't hold water at all, it leaks everywhere.",
        "We chose the big tank but it leaks from every corner.",
    ],
)
@pytest.mark.parametrize(
    "reply", ["Great choice, that's our best tank. Anything else?", "How wonderful. Anything else?"]
)
def test_gladness_does_not_answer_a_sure_cue_a_negation_or_a_but(customer, reply):
    assert _mirror_q28(customer, reply, complaint=0.9) == [MIRROR]


CFG = load_language_config().mirror_complaint
CUES, NOT = compile_patterns(CFG.cues), compile_patterns(CFG.not_complaints)


@pytest.mark.parametrize(
    "line",
    [
        "He'll be made up with that!",
        "She's going to be made up about the hats.",
        "We were dead made up with the cake.",
        "Honestly, the free delivery made up for it.",
    ],
)
def test_made_up_with_is_delight_not_a_complaint(line):
    assert complaint_match(line, CUES, NOT) is None


@pytest.mark.parametrize(
    "line",
    [
        "My meter reading's been made up.",
        "You've made up the figures on this bill.",
        "That charge is made up, I never ordered it.",
        "The reading was made up for March.",
        "The whole bill is made up.",
    ],
)
def test_a_reading_or_a_charge_made_up_is_still_a_complaint(line):
    assert complaint_match(line, CUES, NOT) is not None


COMPLAINT = "The tank you sent arrived cracked and it leaked all over the classroom floor."
BUSINESS = "Right, let me get the order up."


def _unsure(event: dict, p: float) -> dict:
    return dict(event, words=[dict(w, p=p) for w in event["words"]])


def _mirrors(events: list[dict]) -> list[tuple[str, str]]:
    coach = LanguageCoach()
    out = []
    for e in events:
        out += [(n.kind, n.evidence.get("basis", "")) for n in coach.push(e) if getattr(n, "kind", "") == MIRROR]
    return out


def test_a_pause_heard_sure_is_judged_from_its_words():
    events = [final("agent", "Hello, Brookside supplies, Dan speaking.", 0.0, utt="agent-0")]
    events += [final("customer", COMPLAINT, 3.0, utt="customer-1"), paused(BUSINESS, 10.0, 0)]
    assert _mirrors(events) == [(MIRROR, "pause")]


def test_a_pause_heard_mostly_unsure_leaves_the_verdict_to_the_final():
    events = [final("agent", "Hello, Brookside supplies, Dan speaking.", 0.0, utt="agent-0")]
    events += [final("customer", COMPLAINT, 3.0, utt="customer-1"), _unsure(paused(BUSINESS, 10.0, 0), 0.3)]
    assert _mirrors(events) == []
    assert _mirrors([*events, final("agent", BUSINESS, 10.0, utt="agent-1")]) == [(MIRROR, "final")]
