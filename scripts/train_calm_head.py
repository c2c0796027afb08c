#!/usr/bin/env python
"""Rebuild ``models/calm_head.json``: the "calm down" second opinion of :mod:`coach.language.calm_head`.

    .venv/bin/python scripts/train_calm_head.py [--check] [--cache FILE]     # (re)write / check the head
    .venv/bin/python scripts/train_calm_head.py --folds [--cache FILE]      # leave-one-list-out and -part-out
    .venv/bin/python scripts/train_calm_head.py --candidate [--folds|--unseen LIST COMMIT] [--cache FILE]
                                          # the same data and the written negatives (CANDIDATE; not the model)

The fit and the folds are :mod:`sentence_head_training`'s (shared with ``scripts/train_positive_head.py``): the
``[avoid_calm_down]`` lines of the wording lists of :data:`LISTS_COMMIT` but :data:`NOT_TRAINED` (never one in
``eval_language_wording.BLIND``) positive, their other lines negative; the
sentence holding an ``avoid_calm_down`` moment's phrase of a tuning call up to
:data:`LAST_CALL` positive, every sentence of an unmarked agent turn negative; a negative in a class of
``coach/language/calm_head.toml`` (holds, look-ups, patience) counted 8 times (session 39, M2). Threshold: out-of-fold
false-positive rate at most 0.1 % on call sentences and 1 % on the lists' other lines. Session 38 (helper M1, issue
9): docs/nudges.md, "Session 38 (2026-12-05), helper M1"; refitted on lists A-AN and calls c01-c1005 in session 44
(helper M5): "Session 44 (2026-12-06), helper M5"; the card is ``models/calm_head.md``.
"""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from sentence_head_training import FIRST_SCORED, Setup, main  # noqa: E402

from coach.language.calm_head import CALM_HEAD  # noqa: E402

LAST_CALL = 1005
"""Tuning calls up to this number train the head (the tuning part when it was refitted, session 44): a part flipped
later joins only when this moves, so ``--check`` does not change under it."""
LISTS_COMMIT = "b07aa75"
"""The head is fitted on the wording lists that existed at this commit (session 44's start: lists A-AO), as they are
now, so that ``--check`` does not move when a list is added..."""
NOT_TRAINED = ("held_out_ao", "held_out_ap")
"""... but for list AO (blind at the refit, scored once by the lead with the session-39 head and once with this one:
its honest figure on unseen wording, docs/nudges.md, "Session 44 (2026-12-06), helper M5") and list AP (written
blind in session 44), whatever ``eval_language_wording.BLIND`` says later."""
NEGATIVES = (ROOT / "training" / "data" / "calm_head_negatives.toml",)
"""Written negatives (session 41, M4): empathy naming the customer's feeling, the words of a calm-down talked about,
calm as a state, a physical instruction, the agent's own state, a thing eased (the classes of the look-alikes this
head flagged, ``tests/test_language_config_source.py``). NOT in the committed head's fit (``SETUP``): in session 44's
folds (lists AI-AN each left out at its first-score cut, 0.98) they took 3 of the 27 calm-downs the head adds and 2
of its 11 false flags; the session-41 refit with them moved list AL only from 8 to 7 other lines flagged. Kept as
data for ``CANDIDATE``."""
SETUP = Setup(
    head=CALM_HEAD,
    last_call=LAST_CALL,
    lists_commit=LISTS_COMMIT,
    not_trained=NOT_TRAINED,
    lists_out=FIRST_SCORED,
    parts_out=tuple(range(670, LAST_CALL + 1, 24)),
    about='"calm down" head over all-MiniLM-L6-v2 (int8, as served) embeddings of agent sentences',
)
CANDIDATE = dataclasses.replace(
    SETUP,
    negatives=NEGATIVES,
    head=dataclasses.replace(CALM_HEAD, path=ROOT / "models" / "calm_head.candidate.json"),
)
"""The committed head's data plus the written negatives, not the committed model: ``--candidate`` before the other
options fits it into ``models/calm_head.candidate.json`` (not committed) or judges it (``--folds``, ``--unseen``)."""
weight_of = SETUP.weight_of


if __name__ == "__main__":
    candidate = sys.argv[1:2] == ["--candidate"]
    raise SystemExit(main(CANDIDATE if candidate else SETUP, __doc__ or "", sys.argv[2:] if candidate else None))
