"""Session 19 (Q15), issue 9: classes of false nudges on well-handled calls, in words written for them
(``tests/data/language_wording/tuning_q15.toml``): praise of how a thing looks "on you" is no blame (a
"that's" heard as "nice" counts with the reason after it); a lone "Breathe." opening an agent turn said as
the call closes is no calm-down; a customer sentence whose words the recogniser was mostly unsure of says
no feeling, whatever the feeling head rates it. Phrase tables and word probabilities only (the head's
rating is given, not computed): well under a second after the config load."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.complaint import Reading, Unit
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.text import sentences
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_q15")
CFG = load_language_config()
UNSURE_P, SURE_P = 0.2, 0.9
HEAD = Reading(complaint=0.1, feeling=0.79)  # c400's garbled opening sentence as the feeling head rated it


@pytest.mark.parametrize("line", LIST["blame"]["lines"])
def test_blame_on_you_is_caught(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["compliments"]["lines"])
def test_praise_on_you_is_no_blame(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


def _calm_downs_standing(customer: str, agent: str) -> tuple[int, int]:
    """(calm-down nudges shown, calm-downs still standing after the agent's final) for an agent turn heard
    word by word (each partial holds the words so far, all but the last two committed) after a call's
    opening exchange and the customer's turn ``customer``."""
    coach = LanguageCoach(CFG)
    coach.push(final("customer", "Hi, I'm calling about the order for my garden bench.", 1.0, utt="c1"))
    coach.push(final("agent", "Of course, let me pull that up for you now.", 6.0, utt="a1"))
    coach.push(final("customer", customer, 11.0, utt="c2"))
    words, out = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 16.0, utt="a2")
        out += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    out += coach.push(final("agent", agent, 16.0, utt="a2"))
    shown = {n.moment for n in out if isinstance(n, Nudge) and n.kind == "avoid_calm_down"}
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return len(shown), len(shown - taken)


@pytest.mark.parametrize(("customer", "agent"), LIST["closing_breathe"]["pairs"])
def test_a_lone_breathe_as_the_call_closes_is_no_calm_down(customer: str, agent: str) -> None:
    shown, standing = _calm_downs_standing(customer, agent)
    assert standing == 0
    if "else" in customer or "everything" in customer:  # the close known before the agent spoke
        assert shown == 0


@pytest.mark.parametrize(("customer", "agent"), LIST["calm_down_breathe"]["pairs"])
def test_breathe_said_as_a_calm_down_stays_one(customer: str, agent: str) -> None:
    assert _calm_downs_standing(customer, agent)[1] == 1


def _felt(line: str) -> str | None:
    """The feeling the acknowledge rule reads in the customer's first turn ``line`` (words ending "~" heard
    at p 0.2, the others at 0.9), every sentence rated :data:`HEAD` by the feeling head."""
    e = final("customer", line.replace("~", ""), 1.0)
    e["words"] = [
        dict(w, p=UNSURE_P if said.endswith("~") else SURE_P) for w, said in zip(e["words"], line.split(), strict=True)
    ]
    u = Utterance.from_event(e)
    turn = [Unit(s.text, s.text, HEAD) for s in sentences(u.text)]
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    return rule.felt(u, turn)


@pytest.mark.parametrize("line", LIST["unsure"]["lines"])
def test_a_sentence_heard_unsure_says_no_feeling(line: str) -> None:
    assert _felt(line) is None


@pytest.mark.parametrize("line", LIST["sure"]["lines"])
def test_a_sentence_heard_sure_keeps_the_heads_feeling(line: str) -> None:
    assert _felt(line) is not None


def test_the_gate_is_off_at_zero_and_without_word_probabilities() -> None:
    line = LIST["unsure"]["lines"][0]
    off = dataclasses.replace(CFG.acknowledge_feelings, unsure_word_p=0.0)
    e = final("customer", line.replace("~", ""), 1.0)
    u = Utterance.from_event(dict(e, words=[dict(w, p=UNSURE_P) for w in e["words"]]))
    turn = [Unit(s.text, s.text, HEAD) for s in sentences(u.text)]
    assert AcknowledgeFeelingsRule(off).felt(u, turn) is not None
    bare = Utterance.from_event(dict(e, words=[]))
    assert AcknowledgeFeelingsRule(CFG.acknowledge_feelings).felt(bare, turn) is not None
