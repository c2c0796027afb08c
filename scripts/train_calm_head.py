#!/usr/bin/env python
"""Rebuild ``models/calm_head.json``: the "calm down" second opinion of :mod:`coach.language.calm_head`.

    .venv/bin/python scripts/train_calm_head.py [--check] [--cache FILE]     # (re)write / check the head
    .venv/bin/python scripts/train_calm_head.py --folds [--cache FILE]      # leave-one-list-out and -part-out

The fit and the folds are :mod:`sentence_head_training`'s (shared with ``scripts/train_positive_head.py``): the
``[avoid_calm_down]`` lines of the wording lists of :data:`LISTS_COMMIT` but :data:`NOT_TRAINED` (never one in
``eval_language_wording.BLIND``) positive, their other lines negative; the
sentence holding an ``avoid_calm_down`` moment's phrase of a tuning call up to
:data:`LAST_CALL` positive, every sentence of an unmarked agent turn negative; a negative in a class of
``coach/language/calm_head.toml`` (holds, look-ups, patience) counted 8 times (session 39, M2). Threshold: out-of-fold
false-positive rate at most 0.1 % on call sentences and 1 % on the lists' other lines. Session 38 (helper M1, issue
9): docs/nudges.md, "Session 38 (2026-12-05), helper M1"; the card is ``models/calm_head.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from eval_calm_head_loo import FIRST  # noqa: E402
from sentence_head_training import Setup, main  # noqa: E402

from coach.language.calm_head import CALM_HEAD  # noqa: E402

LAST_CALL = 861
"""Tuning calls up to this number train the head (the tuning part when it was fitted, session 38): a part
flipped later joins only when this moves, so ``--check`` does not change under it."""
LISTS_COMMIT = "a39e3b8"
"""The head is fitted on the wording lists that existed at this commit (the last to touch the lists when it was
fitted, session 38), as they are now, so that ``--check`` does not move when a list is added..."""
NOT_TRAINED = ("held_out_ai",)
"""... but for the list then blind (``eval_language_wording.BLIND`` of the time), scored once after the head was
frozen: the head's honest first figure on unseen wording (docs/nudges.md, "Session 38 (2026-12-05), helper M1")."""
SETUP = Setup(
    head=CALM_HEAD,
    last_call=LAST_CALL,
    lists_commit=LISTS_COMMIT,
    not_trained=NOT_TRAINED,
    lists_out=FIRST,
    parts_out=tuple(range(670, LAST_CALL + 1, 24)),
    about='"calm down" head over all-MiniLM-L6-v2 (int8, as served) embeddings of agent sentences',
)
weight_of = SETUP.weight_of


if __name__ == "__main__":
    raise SystemExit(main(SETUP, __doc__ or ""))
