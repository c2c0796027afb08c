#!/usr/bin/env python
"""Rebuild ``models/positive_head.json``: the positive-language second opinion of :mod:`coach.language.positive_head`.

    .venv/bin/python scripts/train_positive_head.py [--check] [--cache FILE]   # (re)write / check the head
    .venv/bin/python scripts/train_positive_head.py --folds [--only G ...] [--cache FILE]  # leave-one-out figures

The fit and the folds are :mod:`sentence_head_training`'s (shared with ``scripts/train_calm_head.py``): the
``[positive_language]`` lines of the wording lists of :data:`LISTS_COMMIT` but :data:`NOT_TRAINED` (never one in
``eval_language_wording.BLIND``) positive, their other lines negative; the sentence holding a ``positive_language``
moment's phrase of a tuning call up to :data:`LAST_CALL` positive, every sentence of an unmarked agent turn
negative; a negative in a class of ``coach/language/positive_head.toml`` (empathy in negative words, offers in
"can't" / "won't", "no trouble at all", reassurance) or ``calm_head.toml`` (holds, patience) counted 8 times.
``--folds`` leaves out the lists AA-AN (``FIRST_SCORED``: each fitted on what existed when it was first scored)
and the call parts c670-c909. Session 40 (helper M3, issue 9): docs/nudges.md, "Session 40 (2026-12-05), helper
M3"; the card is ``models/positive_head.md``.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sentence_head_training import FIRST_SCORED, Setup, main  # noqa: E402

from coach.language.positive_head import POSITIVE_HEAD  # noqa: E402

LAST_CALL = 909
"""Tuning calls up to this number train the head (the tuning part when it was fitted, session 40): a part flipped
later joins only when this moves, so ``--check`` does not change under it."""
LISTS_COMMIT = "58c3a04"
"""The head is fitted on the wording lists that existed at this commit (session 40's start), as they are now..."""
NOT_TRAINED = ("held_out_ak",)
"""... but for the list then blind (``eval_language_wording.BLIND`` of the time), scored once after the head was
frozen: the head's first figure on unseen wording."""
SETUP = Setup(
    head=POSITIVE_HEAD,
    last_call=LAST_CALL,
    lists_commit=LISTS_COMMIT,
    not_trained=NOT_TRAINED,
    lists_out=FIRST_SCORED,
    parts_out=tuple(range(670, LAST_CALL + 1, 24)),
    about="positive-language (closed door) head over all-MiniLM-L6-v2 (int8, as served) embeddings of agent sentences",
)


if __name__ == "__main__":
    raise SystemExit(main(SETUP, __doc__ or ""))
