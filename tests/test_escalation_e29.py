"""Escalation, session 26 (E29, issue 10): a customer who puts the agent right with a reproach reaches "tense" at
once, and the reproach fades with its category's own half-life.

Misread or cut off, an angry customer often says so without any word of the lexicon: they ask whether they were
heard at all ("Were you even listening?"), say that was what they were trying to tell the agent, set what they
said against what the agent took from it ("I'm not saying you lost it, I'm saying ..."; "I didn't ask you to ..."),
or head off an excuse ("Don't tell me it wasn't sent"). Said calmly on a telephone line, the voice model reads
nothing, so the words must: a [reproach] marker is tense on its own, like [indignation]. It is a flare at the
agent's last words, not a grievance held all call: it fades with ``half_life_s`` of its lexicon category, so
the customer's next turn, often calm again, does not start "tense" on it (a category without one fades with the
tracker's ``lexicon_half_life_s``). Calm look-alikes do not hit. Wording of our own, not the calls'."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.classify.escalation import EscalationConfig, EscalationTracker
from coach.classify.lexicon import EscalationLexicon, default_lexicon
from coach.types import SAMPLE_RATE
from tests.test_escalation_said_again_markers import _final, level_after_a_calm_opening

CFG = EscalationConfig()
TENSE = CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "Did you actually hear a single thing I said?",
        "Did you even hear me just now?",
        "Did you hear what I said about the key?",
        "Were you even listening to me?",
        "Are you actually listening, or reading a screen?",
        "That's what I was trying to say before you jumped in.",
        "Yes, that's what I've been trying to tell you for ten minutes.",
        "I'm not saying you didn't post it. I'm saying it never came.",
        "I'm not saying you did it on purpose, I'm saying it's wrong.",
        "I didn't ask you to reset anything, I asked when it comes back.",
        "I never asked you to cancel the order.",
        "So don't tell me it wasn't booked, I've got the reference.",
        "And don't tell me you can't see it on your system.",
    ],
)
def test_a_reproach_is_tense_on_its_own(said: str) -> None:
    hits = default_lexicon().find(said)
    assert "reproach" in [h.category for h in hits]
    assert max(h.weight for h in hits) >= TENSE


@pytest.mark.parametrize(
    "said",
    [
        "Did you hear the thunder last night?",
        "Did you hear about the new bus route?",
        "That's what I'm trying to say, sorry, I'm not good with words.",
        "That's what I was hoping for, lovely.",
        "I'm not saying no, I'd just like to think about it.",
        "I didn't ask your name, sorry, what was it?",
        "Don't tell me, you've got a dog too!",
        "Are you listening to the match later?",
    ],
)
def test_calm_look_alikes_do_not_hit(said: str) -> None:
    assert default_lexicon().find(said) == []


def test_the_reproach_category_fades_faster_than_the_tracker_default() -> None:
    hit = default_lexicon().find("Were you even listening?")[0]
    assert 0 < hit.half_life_s < CFG.lexicon_half_life_s
    assert default_lexicon().find("How dare you.")[0].half_life_s == 0.0  # [indignation]: the tracker's own


def test_a_reproach_after_a_calm_opening_is_tense() -> None:
    assert level_after_a_calm_opening("Were you even listening? It's the back door.") == "tense"


def _level_at(said: str, second: float) -> str:
    """The level at ``second`` after a calm opening at 5 s and the reproach-or-not ``said`` at 20 s."""
    tracker = EscalationTracker(CFG, words_expected=True)
    assert _final(tracker, 5.0, "Hello, I'd like to book the family room for June.", calm=True) == "calm"
    assert _final(tracker, 20.0, said) == "tense"
    return tracker.advance(int(second * SAMPLE_RATE)).level


def test_a_reproach_no_longer_holds_tense_twenty_seconds_on() -> None:
    assert _level_at("Did you even hear me just now?", 26.0) == "tense"  # held through the agent's reply
    assert _level_at("Did you even hear me just now?", 40.0) == "calm"


def test_an_indignant_marker_still_holds_tense_twenty_seconds_on() -> None:
    """The same timing with an [indignation] marker (no half-life of its own): it stays the tracker's."""
    assert _level_at("Don't talk to me like that.", 40.0) == "tense"


def test_the_stage_hands_the_half_life_to_the_tracker() -> None:
    """Through :class:`EscalationStage`: a final with a reproach rises, and is calm again 20 s on."""
    from coach.classify.stage import EscalationStage
    from coach.classify.text_anger import TextAngerScorer

    stage = EscalationStage(CFG, text_scorer=TextAngerScorer())
    stage.push_final({"speaker": "customer", "text": "I didn't ask you to cancel it."}, 4 * SAMPLE_RATE)
    assert stage._tracker.advance(5 * SAMPLE_RATE).level == "tense"
    assert stage._tracker.advance(25 * SAMPLE_RATE).level == "calm"


def _lexicon(tmp_path: Path, table: str) -> EscalationLexicon:
    path = tmp_path / "lexicon.toml"
    path.write_text(table, encoding="utf-8")
    return EscalationLexicon.from_toml(path)


def test_the_loader_reads_a_category_half_life(tmp_path: Path) -> None:
    lex = _lexicon(
        tmp_path, '[a]\nweight = 0.4\nhalf_life_s = 5.0\nphrases = ["oi"]\n[b]\nweight = 0.4\nphrases = ["ey"]\n'
    )
    assert [h.half_life_s for h in lex.find("oi ey")] == [5.0, 0.0]


def test_the_loader_rejects_a_negative_half_life(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="half_life_s"):
        _lexicon(tmp_path, '[a]\nweight = 0.4\nhalf_life_s = -1\nphrases = ["oi"]\n')
