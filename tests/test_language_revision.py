"""A revised agent final (``transcript.revised``) read again by the wording rules (LanguageCoach.revise): a
nudge the new words no longer support is withdrawn, one they now support fires once, nothing fires twice; a
customer's revision nudges nothing. The real language coach with the project's config, fed as the analyser feeds it
(the call's :class:`~coach.asr.revision.RevisionGate` first)."""

from __future__ import annotations

import pytest

from coach.asr.revision import REVISED, RevisionGate
from coach.language.coach import LanguageCoach
from coach.types import Event, Nudge, Withdrawal


@pytest.fixture(scope="module")
def config():
    return LanguageCoach().config


def _final(speaker: str, utt: str, t: float, text: str, kind: str = "transcript") -> Event:
    words, at = [], t
    for w in text.split():
        words.append({"w": w, "start": round(at, 3), "end": round(at + 0.3, 3), "p": 0.9})
        at += 0.35
    data = {"speaker": speaker, "utt": utt, "end": round(at, 3), "text": text, "final": True, "words": words}
    if kind == REVISED:
        data["revises"] = utt
    return Event(kind, t, at + (3.0 if kind == REVISED else 0.6), data)


def _call(config, lines: list[Event]) -> tuple[LanguageCoach, list[Nudge | Withdrawal]]:
    """The lines through one call's gate and coach, in order; what the coach returned."""
    coach, gate, out = LanguageCoach(config), RevisionGate(), []
    coach.push(_final("customer", "customer-1", 0.2, "Hello, I've been waiting an hour.").to_dict())
    for event in lines:
        kept, revised = gate.split([event])
        for e in kept:
            out += coach.push(e.to_dict())
        for e in revised:
            out += coach.revise(e.to_dict())
    return coach, out


CALM = "Okay, calm down sir, I will look at it now."
HEARD_AGAIN_PLAIN = "Okay, come down here, I will look at it now."


def test_a_calm_down_the_revision_no_longer_holds_is_withdrawn_once(config):
    first = _final("agent", "agent-1", 3.0, CALM)
    again = _final("agent", "agent-1", 3.0, HEARD_AGAIN_PLAIN, kind=REVISED)
    _, out = _call(config, [first, again, again])
    nudges = [n for n in out if isinstance(n, Nudge)]
    (withdrawn,) = [n for n in out if isinstance(n, Withdrawal)]
    assert [n.moment for n in nudges] == ["agent-1:avoid_calm_down"] and withdrawn.moment == nudges[0].moment
    assert "come down" not in withdrawn.why  # plain words, no transcript in the reason


def test_a_calm_down_only_the_revision_hears_fires_once_and_never_again(config):
    first = _final("agent", "agent-1", 3.0, HEARD_AGAIN_PLAIN)
    again = _final("agent", "agent-1", 3.0, CALM, kind=REVISED)
    coach, out = _call(config, [first, again])
    assert [(type(n).__name__, n.moment) for n in out] == [("Nudge", "agent-1:avoid_calm_down")]
    assert coach.revise(again.to_dict()) == []  # the same words read once more: the moment is spent


@pytest.mark.parametrize(
    "first, heard_again",
    [
        (CALM, "Okay, calm down, sir, I will look at it now."),  # the same calm-down, other punctuation
        (
            "I'm sorry you've had to wait, that must be frustrating.",
            "I'm sorry you had to wait, that must be frustrating.",
        ),
        ("Your mattress comes from Settle Down Mattresses.", "Your mattress comes from Settle Down Mattresses, sir."),
        ("Thanks for holding, let me look at that.", "Thanks for holding, let me look into that."),
    ],
    ids=["same-calm-down", "empathy-negative-words", "a-name", "advice-no-fault"],
)
def test_a_revision_that_keeps_the_reading_neither_withdraws_nor_nudges_again(config, first, heard_again):
    _, before = _call(config, [_final("agent", "agent-1", 3.0, first)])
    _, out = _call(
        config, [_final("agent", "agent-1", 3.0, first), _final("agent", "agent-1", 3.0, heard_again, REVISED)]
    )
    assert out == before


def test_the_customers_revision_and_a_refused_one_change_no_nudge(config):
    lines = [
        _final("agent", "agent-1", 3.0, HEARD_AGAIN_PLAIN),
        _final("customer", "customer-2", 6.0, "Fine, go on."),
        _final("customer", "customer-2", 6.0, "Calm down, I'm fine.", REVISED),  # the customer's own words
        _final("agent", "agent-1", 9.0, CALM, REVISED),  # another call's agent-1 (another start): refused
        _final("agent", "agent-7", 3.0, CALM, REVISED),  # no such final
    ]
    _, out = _call(config, lines)
    assert out == []


ANGRY = "This is the third time I've rung and nobody has done anything!"


def test_a_calm_down_the_head_found_stands_when_it_still_finds_one_in_the_revised_words(config):
    """Helper R22's /tmp/R22/a51a.py (1): a calm-down only the calm-down head reads (basis 'meaning') was withdrawn by
    a revision whose words the head still reads as one; the revision asks the head as a final's push does."""
    coach = LanguageCoach(config)
    coach.push(_final("customer", "customer-1", 1.0, ANGRY).to_dict())
    first = _final("agent", "agent-1", 9.0, "Stop rushing about in such a flap over the form.")
    (calm,) = [n for n in coach.push(first.to_dict()) if n.kind == "avoid_calm_down"]
    assert calm.evidence.get("basis") == "meaning"
    again = _final("agent", "agent-1", 9.0, "Quit rushing about in such a flap over the form.", REVISED)
    assert coach.revise(again.to_dict()) == []


@pytest.mark.parametrize("batches", [1, 2], ids=["one-poll", "two-polls"])
def test_the_analyser_reads_a_revision_after_its_final_even_in_the_same_poll(config, batches):
    """Helper R22's /tmp/R22/a51a.py (2): a final and its revision handed over by one poll of the transcription stage
    are read in their order (the final's nudge, then its withdrawal), as when they come in two polls."""
    from coach.asr.config import AsrConfig
    from coach.asr.engine import get_engine
    from coach.asr.stage import TranscriptionStage
    from coach.config import load_config
    from coach.pipeline.analyzer import CallAnalyzer

    stage = TranscriptionStage(AsrConfig(), engine=get_engine(AsrConfig()))
    analyzer = CallAnalyzer(load_config(), transcription=stage, escalation=False)
    lines = [_final("customer", "customer-1", 1.0, ANGRY), _final("agent", "agent-1", 9.0, CALM)]
    lines.append(_final("agent", "agent-1", 9.0, HEARD_AGAIN_PLAIN, REVISED))
    polls = [lines] if batches == 1 else [lines[:2], lines[2:]]
    out = [x for poll in polls for x in analyzer._words(poll, 16_000 * 13)]  # noqa: SLF001
    calm = [x.moment for x in out if isinstance(x, Nudge) and x.kind == "avoid_calm_down"]
    assert calm == ["agent-1:avoid_calm_down"] and [x.moment for x in out if isinstance(x, Withdrawal)] == calm
