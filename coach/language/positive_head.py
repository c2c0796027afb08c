"""Whether an agent sentence closes a door (a refusal, blame, policy as a wall, a deflection), by meaning.

The positive-language rule's second opinion on an agent final its phrase families and refusal grammar were silent
on (:meth:`coach.language.phrasing.PositiveLanguageRule.on_agent`), behind ``[positive_language] model_threshold``
(above 1: off). The design of the calm-down head (:mod:`coach.language.calm_head`, both a
:class:`~coach.language.sentence_head.SentenceHead`): one logistic head over the all-MiniLM-L6-v2 sentence embedding
(int8 as served), ``models/positive_head.json``, fitted by ``scripts/train_positive_head.py`` on the non-blind
wording lists (``[positive_language]`` lines positive, every other line negative) and every agent sentence of the
tuning calls c01-c909 (the sentence of a ``positive_language`` moment positive, every sentence of an unmarked turn
negative); card ``models/positive_head.md``; figures docs/nudges.md, "Session 40 (2026-12-05), helper M3".

A sentence in one of its register classes is not judged: empathy in negative words ("That shouldn't have happened",
"I don't blame you"), offers in "can't" / "won't" ("You won't have to pay a penny"), "no trouble at all",
reassurance ("It's not your fault") (``positive_head.toml``), and the holds and patience the calm-down head leaves
alone (``calm_head.toml``); the same classes are the negatives weighted up in its training.

Replaces the session-10 wording head (:mod:`coach.language.wording_head`, clauses and sentences, fitted on written
sentences) behind the same setting; both were off when it came.

Cost (when on): one batched embedding of the judged sentences of each agent final the rule was silent on. The text
is neither logged nor kept.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from coach.classify.onnx_session import MODELS_DIR
from coach.language.calm_head import REGISTER_PATH as CALM_REGISTER
from coach.language.config import PositiveLanguage
from coach.language.sentence_head import SentenceHead
from coach.language.utterance import Utterance
from coach.language.wording_head import WordingHead
from coach.types import Nudge

POSITIVE_HEAD_PATH = MODELS_DIR / "positive_head.json"
REBUILD = ".venv/bin/python scripts/train_positive_head.py"
REGISTER_PATH = Path(__file__).with_name("positive_head.toml")
POSITIVE_HEAD = SentenceHead("positive_language", POSITIVE_HEAD_PATH, REBUILD, (REGISTER_PATH, CALM_REGISTER))


def get_positive_head(path: Path = POSITIVE_HEAD_PATH) -> WordingHead:
    """The process-wide positive-language head for ``path`` (a clear error naming the rebuild command if it is
    missing)."""
    return POSITIVE_HEAD.model(path)


def positive_by_meaning(
    u: Utterance, cfg: PositiveLanguage, closing: Callable[[str], bool] | None = None, path: Path = POSITIVE_HEAD_PATH
) -> list[Nudge]:
    """The head's second opinion on the agent final ``u`` (none on a partial, when ``cfg.model_threshold`` is over
    1, or on a turn ``closing`` says is said as the call closes): the ``positive_language`` nudge of its first judged
    sentence (not in a register class) rated at or over the threshold whose words were all heard at least
    ``cfg.min_word_p`` surely, with ``model_text``, ``model_why`` and
    ``model_rephrase``, evidence ``basis`` "meaning" and its ``score``."""
    return POSITIVE_HEAD.by_meaning(
        u,
        cfg.model_threshold,
        text=cfg.model_text,
        severity=cfg.severity,
        why=cfg.model_why,
        rephrase=cfg.model_rephrase,
        closing=closing,
        load=lambda: get_positive_head(path),
        min_word_p=cfg.min_word_p,
    )
