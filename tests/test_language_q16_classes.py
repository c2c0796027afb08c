"""Session 19, second round (Q16), issue 9: classes of false nudges the eighteenth part left on its quiet calls,
in words written for them (``tests/data/language_wording/tuning_q16.toml``): a delighted customer (praise of
the work before a disbelief or verdict word, the verdict said later of the thing they book for, a surprise as a
gift) is not upset while the level is calm; a refusal's "can't" that the turn's partials also heard as "can"
waits for the committed words or the final; a sentence asking after progress says no feeling by the head; a
word the recogniser split at an apostrophe ("ma" + "'am,") keeps the word-confidence gate working; "while
you're on" heard "while you're wrong" in a closing question is no blame. Phrase tables and word probabilities
only (the head's rating is given, not computed)."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.complaint import Reading, Unit
from coach.language.listening import AcknowledgeFeelingsRule
from coach.language.text import sentences
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_q16")
CFG = load_language_config()
HEAD = Reading(complaint=0.1, feeling=0.84)  # c423's "how I wondered how it's getting young." as the head rated it
CALM = Reading(complaint=0.05, feeling=0.05)


def _units(u: Utterance, reading: Reading) -> list[Unit]:
    return [Unit(s.text, s.text, reading) for s in sentences(u.text)]


def _felt(earlier: str, line: str, *, level: str = "calm", reading: Reading = CALM) -> str | None:
    """The feeling the acknowledge rule reads in the customer's turn ``line`` (every sentence rated ``reading``
    by the head) after their turn ``earlier`` (rated calm; none when empty) and an agent reply, at ``level``."""
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    rule.set_level(level)
    if earlier:
        u0 = Utterance.from_event(final("customer", earlier, 1.0, utt="c1"))
        rule.on_customer(u0, _units(u0, CALM))
        rule.on_agent(Utterance.from_event(final("agent", "Thank you, that's kind of you to say.", 6.0, utt="a1")))
    u = Utterance.from_event(final("customer", line, 11.0, utt="c2"))
    return rule.felt(u, _units(u, reading))


@pytest.mark.parametrize(("earlier", "line"), LIST["delighted"]["pairs"])
def test_a_delighted_customer_is_not_upset(earlier: str, line: str) -> None:
    assert _felt(earlier, line) is None


@pytest.mark.parametrize(("earlier", "line"), [p for p in LIST["delighted"]["pairs"] if p[0]])
def test_the_head_says_nothing_of_a_delighted_customer(earlier: str, line: str) -> None:
    assert _felt(earlier, line, reading=HEAD) is None


@pytest.mark.parametrize(("earlier", "line"), [p for p in LIST["delighted"]["pairs"] if "surprise" not in p[1]])
def test_a_tense_level_keeps_the_verdict_upset(earlier: str, line: str) -> None:
    assert _felt(earlier, line, level="tense") is not None


@pytest.mark.parametrize(("earlier", "line"), LIST["still_upset"]["pairs"])
def test_upset_words_around_praise_stay_upset(earlier: str, line: str) -> None:
    assert _felt(earlier, line) is not None


@pytest.mark.parametrize("line", LIST["enquiry"]["lines"])
def test_an_enquiry_after_progress_says_no_feeling(line: str) -> None:
    assert _felt("", line, reading=HEAD) is None


@pytest.mark.parametrize("line", LIST["not_enquiry"]["lines"])
def test_other_sentences_keep_the_heads_feeling(line: str) -> None:
    assert _felt("", line, reading=HEAD) is not None


def test_a_word_split_at_an_apostrophe_keeps_its_probabilities() -> None:
    """c423's "Deli, ma'am, please, ..." written from the pieces "ma" + "'am,": the gate reads the sentence's
    word probabilities (six of its ten pieces under 0.5, so the head's 0.91 says nothing)."""
    said = [("Deli,", 0.27), ("ma", 0.07), ("'am,", 0.89), ("please,", 0.37), ("it's", 0.85), ("hard", 0.29)]
    said += [("to", 0.99), ("end", 0.34), ("before", 0.81), ("me.", 0.30)]
    e = final("customer", "Deli, ma'am, please, it's hard to end before me.", 1.0)
    e["words"] = [{"w": w, "start": 1.0 + i * 0.3, "end": 1.25 + i * 0.3, "p": p} for i, (w, p) in enumerate(said)]
    u = Utterance.from_event(e)
    assert u.piece_ps(u.text, u.text) == [p for _, p in said]  # "ma'am" keeps both pieces
    assert u.piece_ps(u.text, "it's hard to end before me.") == [0.85, 0.29, 0.99, 0.34, 0.81, 0.30]
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    assert rule.felt(u, _units(u, Reading(complaint=0.1, feeling=0.91))) is None


@pytest.mark.parametrize("line", LIST["closing_wrong"]["lines"])
def test_while_youre_wrong_in_a_closing_question_is_no_blame(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["blame_wrong"]["lines"])
def test_the_customer_told_they_are_wrong_is_blame(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


def _refusals(partials: list[str], last: str) -> tuple[int, int]:
    """(positive_language nudges shown from an agent turn's partials ``partials`` (nothing committed yet), those
    still standing after its final ``last``), after a customer's question."""
    coach = LanguageCoach(CFG)
    coach.push(final("customer", "When can somebody come and look at the boiler?", 1.0, utt="c1"))
    shown: list[Nudge] = []
    for text in partials:
        shown += [n for n in coach.push(dict(final("agent", text, 6.0, utt="a1"), final=False, stable=0))]
    out = coach.push(final("agent", last, 6.0, utt="a1"))
    kept = {n.moment for n in shown if isinstance(n, Nudge) and n.kind == "positive_language"}
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return len(kept), len(kept - taken) + sum(isinstance(n, Nudge) and n.kind == "positive_language" for n in out)


OFFER = "Right, I can have a technician swap the whole unit on Thursday morning, and he'll take the old one."


def test_a_cant_the_partials_also_heard_as_can_waits_for_the_final() -> None:
    """c409: partials wavering between "I can have" and "I can't have" (the refusal heard twice running, so two
    decodes agree); the final writes "can": no refusal is shown."""
    partials = [
        "Right, I can have a technician swap the",
        "Right, I can't have a technician swap the whole unit",
        "Right, I can have a technician swap the whole unit on Thursday",
        "Right, I can't have a technician swap the whole unit on Thursday morning",
        "Right, I can't have a technician swap the whole unit on Thursday morning, and he'll",
    ]
    assert _refusals(partials, OFFER) == (0, 0)


def test_a_cant_heard_steadily_is_shown_from_the_partials() -> None:
    """The look-alike: "can't" in every partial (and "I can" said earlier, far from it): shown before the final."""
    partials = [
        "I can see the order, sorry, I can't",
        "I can see the order, sorry, I can't send anyone out this week",
        "I can see the order, sorry, I can't send anyone out this week, the diary's",
        "I can see the order, sorry, I can't send anyone out this week, the diary's full",
    ]
    last = "I can see the order, sorry, I can't send anyone out this week, the diary's full."
    assert _refusals(partials, last) == (1, 1)


def test_a_wavering_cant_the_final_keeps_is_nudged_at_the_final() -> None:
    partials = [
        "Right, I can have a technician swap the",
        "Right, I can't have a technician swap the whole unit",
        "Right, I can't have a technician swap the whole unit on Thursday",
    ]
    assert _refusals(partials, "Right, I can't have a technician swap the whole unit on Thursday, sorry.")[1] == 1
