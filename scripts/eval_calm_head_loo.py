#!/usr/bin/env python
"""Would a learned second opinion carry the calm-down family to wording no table has seen? Leave-one-list-out.

    .venv/bin/python scripts/eval_calm_head_loo.py [--max-fpr 0.01] [--cache FILE] [--calls]

For each floor list first scored blind (``FIRST``: list -> the commit it was first scored at, from the comments above
``FLOORS`` in ``tests/test_language_wording.py``), one L2 logistic regression over the all-MiniLM-L6-v2 embedding of a
line (:mod:`coach.classify.minilm`) is fitted on the lines of every wording list that existed at that commit but the
list itself (``[avoid_calm_down]`` lines positive, every other section negative; a list in
``eval_language_wording.BLIND`` is never opened); its threshold is the lowest whose group-fold (5 folds of whole lists)
out-of-fold false-positive rate on the negatives is at or under ``--max-fpr``. The list is then scored twice: by the
phrase tables AS THEY WERE at that commit (``git archive`` of ``coach/``, run in a subprocess) and by the tables OR the
head. Printed per list and pooled: calm-down lines caught, look-alike and other lines flagged. ``--calls`` also counts
the head's flags on the agent sentences of the tuning calls (``eval_calls.tuning_scripts``; a head fitted on every
non-blind list) where the current tables flag nothing: the false nudges a product with the head would add.
Writes nothing but the cache. Session 37 (helper C7, issue 9): docs/nudges.md, "Session 37 (2026-12-05), helper C7".
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import tuning_scripts  # noqa: E402
from eval_language_wording import BLIND  # noqa: E402
from synth_calls import Line, load_call  # noqa: E402

LISTS = ROOT / "tests" / "data" / "language_wording"
CALM = "avoid_calm_down"
FIRST = {
    "held_out_aa": "525e214",
    "held_out_ab": "5aedd04",
    "held_out_ac": "dc0f2c8",
    "held_out_ad": "c4ae844",
    "held_out_ae": "3a43199",
    "held_out_af": "8b99854",
    "held_out_ag": "5954f34",
    "held_out_ah": "f865731",
}
_FIRE = """
import json, sys
sys.path.insert(0, sys.argv[1])
from coach.language import LanguageCoach
from coach.language.config import load_language_config
config = load_language_config()
out = []
for text in json.load(sys.stdin):
    words = text.split()
    ws = [{"w": w, "start": 1.0 + i * 0.4, "end": 1.36 + i * 0.4, "p": 0.9} for i, w in enumerate(words)]
    event = {"type": "transcript", "t": 1.0, "at": 1.5 + 0.4 * len(words), "speaker": "agent",
             "end": 1.0 + 0.4 * len(words), "text": text, "final": True, "words": ws, "utt": "agent-1"}
    out.append(sorted({n.kind for n in LanguageCoach(config).push(event)}))
json.dump(out, sys.stdout)
"""


def list_rows() -> list[tuple[str, str, str]]:
    """(list, section, line) of every non-blind list."""
    rows = []
    for path in sorted(LISTS.glob("*.toml")):
        if path.stem in BLIND:
            continue
        for section, table in tomllib.loads(path.read_text("utf-8")).items():
            rows += [(path.stem, section, line) for line in table.get("lines", [])]
    return rows


def embed(texts: list[str], cache: Path | None) -> dict[str, np.ndarray]:
    from coach.classify.minilm import get_embedder

    known = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    todo = sorted(set(texts) - set(known))
    for i in range(0, len(todo), 256):
        chunk = todo[i : i + 256]
        known.update(zip(chunk, get_embedder().embed(chunk), strict=True))
        if cache:
            cache.write_bytes(pickle.dumps(known))
    return known


def lists_at(commit: str) -> set[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, "tests/data/language_wording/"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return {Path(p).stem for p in out}


def kinds_then(commit: str, texts: list[str]) -> list[list[str]]:
    """The kinds the tables of ``commit`` fire on each agent line."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "coach"], capture_output=True, check=True)
        subprocess.run(["tar", "-x", "-C", tmp], input=archive.stdout, check=True)
        os.symlink(ROOT / "models", Path(tmp) / "models")
        done = subprocess.run(
            [sys.executable, "-c", _FIRE, tmp], input=json.dumps(texts), capture_output=True, text=True, check=True
        )
    return json.loads(done.stdout)


def fit(x: np.ndarray, y: np.ndarray, groups: np.ndarray, max_fpr: float):
    """The head fitted on all of ``x`` and its threshold from group-fold out-of-fold scores."""
    from sklearn.linear_model import LogisticRegression

    def model():
        return LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)

    oof = np.zeros(len(y))
    for fold in range(5):
        test = groups % 5 == fold
        oof[test] = model().fit(x[~test], y[~test]).predict_proba(x[test])[:, 1]
    negatives = np.sort(oof[~y])
    threshold = max(0.5, float(negatives[min(len(negatives) - 1, int(len(negatives) * (1 - max_fpr)))]))
    return model().fit(x, y), threshold


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-fpr", type=float, default=0.01)
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--calls", action="store_true")
    args = parser.parse_args()
    rows = list_rows()
    vectors = embed([line for _, _, line in rows], args.cache)
    pooled = np.zeros(6, dtype=int)
    for part, commit in FIRST.items():
        names = lists_at(commit) - {part}
        train = [(b, s, line) for b, s, line in rows if b in names]
        order = sorted(names)
        x = np.array([vectors[line] for _, _, line in train])
        y = np.array([s == CALM for _, s, _ in train])
        head, threshold = fit(x, y, np.array([order.index(b) for b, _, _ in train]), args.max_fpr)
        mine = [(s, line) for b, s, line in rows if b == part]
        then = kinds_then(commit, [line for _, line in mine])
        p = head.predict_proba(np.array([vectors[line] for _, line in mine]))[:, 1]
        calm = [(CALM in k, q >= threshold) for (s, _), k, q in zip(mine, then, p, strict=True) if s == CALM]
        other = [(CALM in k, q >= threshold) for (s, _), k, q in zip(mine, then, p, strict=True) if s != CALM]
        counts = np.array(
            [
                len(calm),
                sum(t for t, _ in calm),
                sum(t or h for t, h in calm),
                len(other),
                sum(t for t, _ in other),
                sum(t or h for t, h in other),
            ]
        )
        pooled += counts
        print(
            f"{part} (tables of {commit}, head on {len(order)} lists, threshold {threshold:.2f}): calm-down "
            f"{counts[1]}/{counts[0]} -> {counts[2]}/{counts[0]} with the head; other lines flagged {counts[4]} -> "
            f"{counts[5]} of {counts[3]}"
        )
    print(
        f"pooled: calm-down {pooled[1]}/{pooled[0]} ({pooled[1] / pooled[0]:.3f}) -> {pooled[2]}/{pooled[0]} "
        f"({pooled[2] / pooled[0]:.3f}); other lines flagged {pooled[4]} -> {pooled[5]} of {pooled[3]}"
    )
    if args.calls:
        sentences, quiet_calls = [], set()
        for path in tuning_scripts():
            spec, turns, _ = load_call(path)
            if spec is not None and spec.quiet:  # the call's own field, not its file name (blind parts' are neutral)
                quiet_calls.add(path.stem)
            for turn in turns:
                if isinstance(turn, Line) and turn.speaker == "agent":
                    sentences += [(path.stem, s) for s in re.split(r"(?<=[.?!])\s+", turn.text) if len(s.split()) > 1]
        vectors.update(embed([s for _, s in sentences], args.cache))
        x = np.array([vectors[line] for _, _, line in rows])
        y = np.array([s == CALM for _, s, _ in rows])
        order = sorted({b for b, _, _ in rows})
        head, threshold = fit(x, y, np.array([order.index(b) for b, _, _ in rows]), args.max_fpr)
        p = head.predict_proba(np.array([vectors[s] for _, s in sentences]))[:, 1]
        flagged = [(c, s) for (c, s), q in zip(sentences, p, strict=True) if q >= threshold]
        now = kinds_then("HEAD", [s for _, s in flagged])
        added = [(c, s) for (c, s), k in zip(flagged, now, strict=True) if CALM not in k]
        calls = {c for c, _ in added}
        quiet = calls & quiet_calls
        print(
            f"tuning calls: {len(sentences)} agent sentences; the head (threshold {threshold:.2f}) flags "
            f"{len(flagged)}, {len(added)} where the tables do not, on {len(calls)} calls ({len(quiet)} quiet)"
        )


if __name__ == "__main__":
    main()
