"""Escalation, session 29 (E33, issue 10): anger stated outright, and frustration said without swearing.

A customer who says they are angry ("I'm furious", "we're absolutely fuming", "I'm so cross") is tense on that
alone ([stated_anger], like [indignation]): it often comes in a name-first opener ("Hi, this is ..., and I'm
furious"), before any baseline of their voice, and in the customer's first turn a marker heard surely counts on the
first partial that has it. The bare words ("furious", "fuming") said of someone else stay [frustration], under
"tense"; "angry", "cross" and "raging" count only said of themselves or with an intensifier. Frustration said
without swearing (a judgement of the service, having had enough, being messed about) is [frustration], under
"tense" alone. Calm look-alikes (the bin collection's rubbish, crossing the road, an anger denied) stay unmarked.
Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig, EscalationState, EscalationTracker
from coach.classify.lexicon import EscalationLexicon
from coach.config import ConfigError
from coach.types import SAMPLE_RATE

LEX = EscalationLexicon.from_toml()
CFG = EscalationConfig()


def at(seconds: float) -> int:
    return int(seconds * SAMPLE_RATE)


def categories(said: str) -> set[str]:
    return {h.category for h in LEX.find(said)}


@pytest.mark.parametrize(
    "said",
    [
        "Morning, it's Priya Lal from number nine, and I'm absolutely fuming.",
        "This is Tom Okafor, account ending 2210, and I am livid.",
        "We're furious, the whole family is.",
        "Honestly I'm so angry I can barely speak.",
        "I'm really cross with how this has gone.",
        "I'm seething about the charge.",
        "I am utterly disgusted by the way I've been spoken to.",
        "I'm raging, the van never turned up.",
        "The whole street is up in arms about the roadworks.",
        "I'm hopping mad about this bill.",
    ],
)
def test_anger_stated_outright_is_tense_alone(said: str) -> None:
    hits = LEX.find(said)
    assert "stated_anger" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) >= CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "My brother was furious when he saw it, but he loves it now.",
        "The neighbours are fuming about the hedge, not my problem though.",
    ],
)
def test_an_anger_named_of_someone_else_is_under_tense(said: str) -> None:
    hits = LEX.find(said)
    assert categories(said) == {"frustration"}, said
    assert max(h.weight for h in hits) < CFG.tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "What a shambles this whole order has been.",
        "That's a load of rubbish and you know it.",
        "Enough is enough, this is the last straw.",
        "I'm at my wits' end with this boiler.",
        "I'm at the end of my tether.",
        "I won't put up with another missed slot.",
        "You've messed me around for a fortnight.",
        "I keep getting fobbed off by your branch.",
        "I've been sent from pillar to post.",
        "I'm really not happy about the state of it.",
        "I feel completely let down by the shop.",
        "Forty pounds for a cable is daylight robbery.",
        "It's an absolute farce, the form won't submit.",
        "That's utter nonsense, I paid on the first.",
        "This is not acceptable for a new washer.",
    ],
)
def test_frustration_said_without_swearing_is_a_marker_under_tense(said: str) -> None:
    hits = LEX.find(said)
    assert "frustration" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) < CFG.tense_enter, said


@pytest.mark.parametrize(
    "said",
    [
        "I'm not furious, just a little disappointed.",
        "I'm not angry with the driver, he was lovely.",
        "Not so cross now you've explained it, thanks.",
        "Can the rubbish collection move to a Thursday?",
        "That's not unreasonable, go ahead.",
        "I can put up with the noise for a day or two.",
        "I messed around with the router and now it works.",
        "If I'm not happy with the colour, can I swap it?",
        "Someone let down my tyres in the car park, so I'm late.",
        "Hang on, I need to cross the road, the signal is better there.",
        "We're cross country skiing next month, can the bags be ready?",
        "The river was raging, so the ferry didn't run.",
        "My horse is a cob cross, is the trailer big enough?",
    ],
)
def test_calm_look_alikes_are_no_anger(said: str) -> None:
    assert not categories(said) & {"stated_anger", "frustration"}, said


def test_a_stated_anger_in_an_opener_partial_is_tense_at_once() -> None:
    """As the tracker takes a marker of the first turn's partial (provisional, before any final): "tense" at once,
    where a [frustration] marker stays calm."""
    angry = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("Hi, it's Jo Marsh from Elm Road, and I'm furious")]
    assert angry.set_provisional(at(2.6), hits).level == "tense"
    weak = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("Hi, it's Jo Marsh from Elm Road, and my son is furious")]
    assert weak.set_provisional(at(2.6), hits).level == "calm"


def test_a_stated_anger_and_a_frustration_marker_in_one_utterance_do_not_escalate_alone() -> None:
    """Two markers of one utterance: the strongest counts fully, the other a quarter (``same_utterance_factor``),
    so words alone do not reach "escalated"."""
    tracker = EscalationTracker(CFG, words_expected=True)
    hits = [(h.phrase, h.weight) for h in LEX.find("I'm furious, it's a shambles")]
    state = tracker.push_words(at(4.0), 0.0, n_words=5, hits=hits, calm=False)
    assert state.level == "tense"


@pytest.mark.parametrize(
    "said",
    [
        "There's no need to shout at me, I only asked when it's coming.",
        "Don't you raise your voice at me, young man.",
        "Please stop yelling at me, I'm trying to help you find it.",
        "Why are you shouting at me?",
        "Watch your tone, I've been ringing since nine.",
    ],
)
def test_a_reproach_of_the_agents_tone_is_a_brief_weak_marker(said: str) -> None:
    hits = [h for h in LEX.find(said) if h.category == "tone_reproach"]
    assert hits, said
    assert hits[0].weight < CFG.tense_enter and 0 < hits[0].half_life_s <= 10.0


@pytest.mark.parametrize(
    "said",
    [
        "My supervisor will shout at me if the parts aren't here by Friday.",
        "There's no need to shout, I can hear you fine.",
        "He snapped at me in the shop, so I left and rang you instead.",
    ],
)
def test_a_tone_look_alike_is_no_reproach(said: str) -> None:
    assert "tone_reproach" not in categories(said), said


def test_a_tone_reproach_lets_a_raised_voice_reach_tense() -> None:
    """After a calm opening final: a voice 4 dB above the customer's own level and the reproach in a partial are
    "tense", the reproach alone is not."""
    hits = [(h.phrase, h.weight) for h in LEX.find("There's no need to shout at me")]
    raised = EscalationTracker(CFG, words_expected=True)
    raised.push_words(at(5), 0.0, n_words=12, calm=True)
    raised.push_loudness(at(20), 4.0)
    assert raised.set_provisional(at(20.5), hits).level == "tense"
    alone = EscalationTracker(CFG, words_expected=True)
    alone.push_words(at(5), 0.0, n_words=12, calm=True)
    assert alone.set_provisional(at(20.5), hits).level == "calm"


OFF = EscalationConfig(loud_opener_undamps=0.0)


def _opener(cfg: EscalationConfig, *, level_dbfs: float, pleasant_final: bool = False) -> EscalationState:
    """A customer's first turn from 1 s: four seconds of speech at ``level_dbfs``, the voice model reading aroused
    (0.8) every second, and from 2 s committed words read as calm (a name, a place: twelve words). With
    ``pleasant_final``, a delighted final first (then the turn is no longer the first). The state at 4 s."""
    tracker = EscalationTracker(cfg, words_expected=True)
    if pleasant_final:
        tracker.push_words(at(0.5), 0.0, n_words=6, calm=True, pleasant=True)
    for k in range(1, 5):
        tracker.push_level(at(k), level_dbfs)
        state = tracker.push_voice(at(k), 0.8)
        if k >= 2:
            state = tracker.push_committed_words(at(k) + 1, 12, calm=True)
    return state


def test_a_loud_openers_calm_words_do_not_damp_its_aroused_voice() -> None:
    """A loud opener (-19 dBFS, 7 dB above telephone speech) whose first words read calm (a name, a place) keeps
    its aroused voice: "tense"; with the key off the calm words damp it to "calm"."""
    assert _opener(CFG, level_dbfs=-19.0).level == "tense"
    assert _opener(OFF, level_dbfs=-19.0).level == "calm"


def test_an_opener_at_an_ordinary_level_stays_damped() -> None:
    """The same opener at an ordinary telephone level (-26 dBFS): the calm words damp the voice as before."""
    assert _opener(CFG, level_dbfs=-26.0).level == _opener(OFF, level_dbfs=-26.0).level == "calm"


def test_a_loud_level_after_the_first_final_does_not_undo_the_damping() -> None:
    """After the customer's first final (a delighted one), a loud level leaves the damping as before."""
    on = _opener(CFG, level_dbfs=-19.0, pleasant_final=True)
    off = _opener(OFF, level_dbfs=-19.0, pleasant_final=True)
    assert (on.level, on.score) == (off.level, off.score)


def test_loud_opener_undamps_is_a_unit_setting() -> None:
    with pytest.raises(ConfigError):
        EscalationConfig(loud_opener_undamps=1.5)


def test_a_loud_opener_stays_undamped_when_its_level_dips() -> None:
    """The opener's loudest second counts for the turn: loud for two seconds, then at an ordinary level, the aroused
    voice is still undamped ("tense"; key off: "calm")."""
    states = {}
    for name, cfg in (("on", CFG), ("off", OFF)):
        tracker = EscalationTracker(cfg, words_expected=True)
        for k in range(1, 5):
            tracker.push_level(at(k), -19.0 if k <= 2 else -25.0)
            states[name] = tracker.push_voice(at(k), 0.8)
            if k >= 2:
                states[name] = tracker.push_committed_words(at(k) + 1, 12, calm=True)
    assert (states["on"].level, states["off"].level) == ("tense", "calm")
