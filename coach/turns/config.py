"""Settings of turn-taking (``[turns]``).

One home for each setting: these defaults and ``coach/default_config.toml`` are checked against
each other by ``tests/test_config.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.settings import require_non_negative, require_positive


def _phrases(text: str) -> tuple[str, ...]:
    """The comma-separated phrases of ``text``."""
    return tuple(p.strip() for p in text.split(","))


# Words and phrases that carry no turn of their own, as tiny.en writes them once lower-cased, with
# punctuation dropped and hyphens read as spaces ("Mm-hmm." -> "mm hmm"): acknowledgements, fillers and
# the "you" it hears in a breath. A customer overlap made only of these is a backchannel.
BACKCHANNEL_WORDS = _phrases(
    """mm hmm, mm hm, mhm, mm, hmm, hm, uh huh, uh, um, er, erm, ah, aha, oh, ooh, yeah, yes, yep, yup, ya,
    right, okay, ok, alright, all right, sure, i see, got it, gotcha, i know, great, perfect, lovely, brilliant, fine,
    good, cool, wow, thanks, thank you, very much, so much, really, of course, exactly, absolutely, definitely,
    indeed, true, fair enough, that's right, is that right, that's fine, that's great, is it, no problem,
    sounds good, makes sense, you, so, well, then, and, that's it, that's the one, that's correct, correct,
    please, no worries, not a problem, understood, i understand, sounds great, cheers"""
)
# The first word of a customer trying to take the floor ("Sorry, which one?", "Wait...", "But I...").
CUT_IN_OPENERS = ("sorry", "wait", "but", "hang", "hold", "excuse", "pardon", "actually")


@dataclass(frozen=True, kw_only=True)
class TurnConfig:
    """Turn-taking thresholds, in seconds; the word lists of a short cut-in (see :mod:`coach.turns.cut_in`)."""

    backchannel_max_s: float = 1.0
    min_overlap_s: float = 0.3
    agent_min_overlap_s: float = 0.2
    talkover_nudge_s: float = 1.2
    dead_air_s: float = 6.0
    monologue_max_pause_s: float = 2.0
    monologue_s: float = 45.0
    yield_grace_s: float = 0.2
    hold_default_s: float = 30.0
    hold_vague_s: float = 8.0
    hold_word_s: float = 60.0
    hold_heard_s: float = 90.0
    hold_answer_s: float = 4.0
    hold_grace_s: float = 1.0
    hold_vague_grace_s: float = 2.0
    hold_lead_s: float = 1.0
    cut_in_wait_s: float = 1.5
    cut_in_min_words: int = 2
    agent_words_min: int = 2
    onset_backdate_s: float = 0.6
    onset_level_db: float = 15.0
    blip_s: float = 0.3
    backchannel_words: tuple[str, ...] = BACKCHANNEL_WORDS
    cut_in_openers: tuple[str, ...] = CUT_IN_OPENERS

    def __post_init__(self) -> None:
        positive = ("backchannel_max_s", "dead_air_s", "monologue_s", "talkover_nudge_s")
        positive += ("hold_default_s", "hold_word_s", "hold_vague_s", "hold_heard_s", "hold_answer_s")
        positive += ("cut_in_min_words",)
        require_positive("turns", self, *positive)
        non_negative = ("yield_grace_s", "hold_grace_s", "hold_vague_grace_s", "hold_lead_s", "cut_in_wait_s")
        non_negative += ("agent_min_overlap_s", "onset_backdate_s", "onset_level_db", "blip_s", "agent_words_min")
        require_non_negative("turns", self, *non_negative)
