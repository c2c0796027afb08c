"""Whether an agent sentence tells the customer to calm down, by meaning rather than wording.

One logistic head over the all-MiniLM-L6-v2 sentence embedding (:mod:`coach.classify.minilm`, the embedder the
escalation stage and the complaint head already load, int8 as served): the probability that a sentence the AGENT
said is a "calm down" in any wording ("let the steam out of the kettle", "dinna fash yersel"). It is the
``avoid_calm_down`` rule's second opinion on an agent final the phrase tables are silent on, behind
``[language.avoid_calm_down] model_threshold`` (above 1: off). The same
:class:`~coach.language.wording_head.WordingHead`
as the refusal head, with its own weights: ``models/calm_head.json``, fitted by ``scripts/train_calm_head.py`` on
the non-blind wording lists (calm-down lines positive, their look-alikes and other lines negative) and every
agent sentence of the tuning calls c01-c861 (greetings, questions, procedure, empathy, goodbyes negative; card:
``models/calm_head.md``; figures judged leave-one-list-out and leave-one-part-out: docs/nudges.md, "Session 38
(2026-12-05), helper M1").

A sentence in the calm-down's soothing register that is not one (a look-up or a hold announced, "Let me just pull
that up"; patience, "there's no rush", "take all the time you need": the classes of ``calm_head.toml``) is not
judged: the head read those as calm-downs on quiet calls (session 39, M2; docs/nudges.md, "Session 39
(2026-12-05), helper M2"); the same classes are the negatives weighted up in its training.

The head's machinery is shared with the positive-language head: :class:`coach.language.sentence_head.SentenceHead`.

Cost (when on): one batched embedding of the sentences of :data:`MIN_WORDS` words or more of each agent final
the tables did not nudge. The text is neither logged nor kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.classify.onnx_session import MODELS_DIR
from coach.language.config import AvoidCalmDown
from coach.language.sentence_head import MIN_WORD_P, MIN_WORDS, SentenceHead, pieces_of
from coach.language.utterance import Utterance
from coach.language.wording_head import WordingHead
from coach.types import Nudge

__all__ = ["CALM_HEAD", "MIN_WORDS", "MIN_WORD_P", "calm_by_meaning", "get_calm_head", "judged_pieces", "pieces_of"]

CALM_HEAD_PATH = MODELS_DIR / "calm_head.json"
REBUILD = ".venv/bin/python scripts/train_calm_head.py"
REGISTER_PATH = Path(__file__).with_name("calm_head.toml")
CALM_HEAD = SentenceHead("avoid_calm_down", CALM_HEAD_PATH, REBUILD, (REGISTER_PATH,))


def register_weight(sentence: str) -> float:
    """The largest training weight of the classes of ``calm_head.toml`` whose patterns ``sentence`` holds; 1 when
    none."""
    return CALM_HEAD.weight(sentence)


def judged_pieces(text: str, excused: Callable[[str], bool] | None = None) -> list[str]:
    """The sentences of an agent text the head judges: :func:`pieces_of` less those in one of the classes of
    ``calm_head.toml`` (a hold, a look-up, patience: :func:`register_weight` over 1) and those ``excused`` (the
    calm-down tables' :meth:`~coach.language.phrasing.CalmDownRule.excused`) says the tables judged."""
    return CALM_HEAD.judged_pieces(text, excused)


def get_calm_head(path: Path = CALM_HEAD_PATH) -> WordingHead:
    """The process-wide calm-down head for ``path`` (a clear error naming the rebuild command if it is missing)."""
    return CALM_HEAD.model(path)


def calm_by_meaning(
    u: Utterance,
    cfg: AvoidCalmDown,
    closing: Callable[[str], bool] | None = None,
    path: Path = CALM_HEAD_PATH,
    excused: Callable[[str], bool] | None = None,
) -> list[Nudge]:
    """The head's second opinion on the agent final ``u`` (none on a partial, when ``cfg.model_threshold`` is over
    1, or on a turn ``closing`` says is said as the call closes: the care wishes of a goodbye, "take it gently
    getting here", "mind yourself on the gangplank", are its typical false flag on calls): the ``avoid_calm_down``
    nudge of its first sentence (of :func:`judged_pieces`: not a hold nor patience) rated at or over the threshold
    whose words were all heard at least :data:`MIN_WORD_P` surely, evidence ``basis`` "meaning" and its ``score``.
    The caller asks only where the wording rules are silent (:meth:`coach.language.coach.LanguageCoach.push`); a
    sentence ``excused`` says holds calm-down words the tables' exceptions judged a look-alike ("I'd never ask you to
    calm down", session 41, M4) is theirs, not the head's."""
    return CALM_HEAD.by_meaning(
        u,
        cfg.model_threshold,
        text=cfg.text,
        severity=cfg.severity,
        why=cfg.why,
        suggestion=cfg.suggestion,
        closing=closing,
        excused=excused,
        load=lambda: get_calm_head(path),
    )
