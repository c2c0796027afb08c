#!/usr/bin/env python
"""Rebuild ``models/calm_head.json``: the "calm down" second opinion of :mod:`coach.language.calm_head`.

    .venv/bin/python scripts/train_calm_head.py [--check] [--cache FILE]     # (re)write / check the head
    .venv/bin/python scripts/train_calm_head.py --folds [--cache FILE]      # leave-one-list-out and -part-out

Training pieces are what the product scores: each sentence (:func:`coach.language.text.sentences`) of at least
:data:`MIN_WORDS` words of an agent final. Each piece has a label (1: the agent tells the customer to calm down,
in any wording) and a GROUP (a wording list, or a call part):

- the wording lists of :data:`LISTS_COMMIT` but :data:`NOT_TRAINED` (``tests/data/language_wording/``; never one
  in ``eval_language_wording.BLIND``):
  ``[avoid_calm_down]`` lines are positive (a line of several sentences as one piece: which sentence is the
  calm-down is not marked), the sentences of every other section's lines negative (look-alikes, refusals,
  goodbyes, mid-call lines);
- the agent turns of the tuning calls c01-c861 (:data:`LAST_CALL`; the held-out part's files are never opened):
  the sentence holding the ``phrase`` of an ``avoid_calm_down`` moment is positive (the turn's other sentences
  are left out), every sentence of an unmarked agent turn is negative (greetings, questions, procedure, empathy,
  goodbyes: the negatives the product meets and the lists hardly hold), except in calls that ``allow`` the kind.

Every piece is embedded by the product's run-time MiniLM (:mod:`coach.classify.minilm`, int8 as served) and one
class-balanced L2 logistic regression is fitted (scikit-learn lbfgs from zero: deterministic). The operating
threshold (:func:`threshold_for`) is the lowest (0.01 steps, from 0.5) at which the out-of-fold false-positive
rate (folds of whole groups) is at most :data:`CALL_FPR` on call agent sentences and :data:`LIST_FPR` on the
lists' other lines.

``--folds`` writes nothing: it judges the head on what it never saw. Leave-one-list-out over :data:`LISTS_OUT`
and leave-one-part-out over :data:`PARTS_OUT`: for each, the head is fitted only on the lists and call parts that
existed when that list was first scored blind / that part's files were committed (so no tuning list written from
its misses is in), never the group itself; its threshold is chosen on those training groups' folds only; the
group is then scored: calm-down lines / turns the head finds alone, those it adds where the tables are silent
(lists: the tables AS THEY WERE at the first score, ``git archive``; calls: HEAD's tables), and its false flags
where the tables are silent on the other lines / unmarked turns (quiet calls counted apart), at the chosen
threshold and at the fixed :data:`SWEEP`. Session 38 (helper M1, issue 9): docs/nudges.md, "Session 38
(2026-12-05), helper M1".
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import TUNING_GROUPS, call_number, tuning_scripts  # noqa: E402
from eval_calm_head_loo import FIRST, kinds_then  # noqa: E402
from eval_language_wording import BLIND  # noqa: E402
from synth_calls import Line, load_call  # noqa: E402
from train_wording_head import Embeddings, sigmoid  # noqa: E402

from coach.classify import minilm  # noqa: E402
from coach.language.calm_head import CALM_HEAD_PATH, judged_pieces, pieces_of, register_weight  # noqa: E402
from training.head_file import check_committed, head_text, write_head  # noqa: E402

LIST_DIR = ROOT / "tests" / "data" / "language_wording"
KIND = "avoid_calm_down"
LAST_CALL = 861
"""Tuning calls up to this number train the head (the tuning part when it was fitted, session 38): a part
flipped later joins only when this moves, so ``--check`` does not change under it."""
LISTS_COMMIT = "a39e3b8"
"""The head is fitted on the wording lists that existed at this commit (the last to touch the lists when it was
fitted, session 38), as they are now, so that ``--check`` does not move when a list is added..."""
NOT_TRAINED = ("held_out_ai",)
"""... but for the list then blind (``eval_language_wording.BLIND`` of the time), scored once after the head was
frozen: the head's honest first figure on unseen wording (docs/nudges.md, "Session 38 (2026-12-05), helper M1").
A list in the current ``BLIND`` is never opened either."""
C = 4.0
FOLDS = 5
CALL_FPR = 0.001
"""Out-of-fold false-positive rate allowed on call agent sentences at the operating threshold."""
LIST_FPR = 0.01
"""Out-of-fold false-positive rate allowed on the lists' other lines (look-alikes written to be hard)."""
LISTS_OUT = FIRST
"""The lists left out by ``--folds`` and the commit each was first scored at (``eval_calm_head_loo.FIRST``)."""
PARTS_OUT = tuple(range(670, 862, 24))
"""The call parts left out by ``--folds`` (first call numbers): c670-c693 ... c838-c861."""
SWEEP = (0.9, 0.95, 0.97, 0.98, 0.99)


def weight_of(piece: str, label: int) -> float:
    """How many times a training piece counts in the fit: a negative in a class of ``coach/language/calm_head.toml``
    (a hold, a look-up, patience: the register the head took for a calm-down on quiet calls) its class's weight,
    anything else 1 (a positive is never reweighted). Session 39, M2."""
    return register_weight(piece) if not label else 1.0


@dataclass(frozen=True)
class Item:
    """A list line or an agent turn as the product scores it: ``label`` 1 when it must nudge "calm down";
    ``where``: "calm" / "look" (a list's calm-down / other line), "call" (a marked turn), "quiet" / "other" (an
    unmarked turn of a quiet / other call); ``train``: its training pieces and their labels."""

    group: str
    source: str
    text: str
    label: int
    where: str
    train: tuple[tuple[str, int], ...]

    @property
    def pieces(self) -> list[str]:
        """The sentences the product's head judges (:func:`coach.language.calm_head.judged_pieces`)."""
        return judged_pieces(self.text)


def _fold(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").split())


def group_of(number: int) -> str:
    """The call part of call ``number`` ("c01-c237", "c238-c261", ...)."""
    cuts = (1, *(g for g in TUNING_GROUPS if g <= LAST_CALL), LAST_CALL + 1)
    k = max(i for i, c in enumerate(cuts[:-1]) if number >= c)
    return f"c{cuts[k]:02d}-c{cuts[k + 1] - 1}"


def list_items() -> list[Item]:
    out: list[Item] = []
    for name in sorted(set(_git_names(LISTS_COMMIT, "tests/data/language_wording")) - set(NOT_TRAINED)):
        path = LIST_DIR / f"{name}.toml"
        if path.stem in BLIND:
            continue
        for section, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
            lines = table.get("lines", []) if isinstance(table, dict) else []
            for line in (x for x in lines if isinstance(x, str)):
                label = int(section == KIND)
                ps = pieces_of(line)
                train = ((line, 1),) if label and len(ps) != 1 else tuple((p, label) for p in ps)
                out.append(Item(path.stem, path.stem, line, label, "calm" if label else "look", train))
    return out


def call_items() -> list[Item]:
    out: list[Item] = []
    for path in tuning_scripts():
        if call_number(path.stem) > LAST_CALL:
            continue
        spec, script, _ = load_call(path)
        allowed = spec is not None and KIND in spec.allow
        for t in script:
            if not isinstance(t, Line) or t.speaker != "agent":
                continue
            marks = [e for e in t.expect if e.kind == KIND]
            if not marks and allowed:
                continue
            ps = pieces_of(t.text)
            if marks:
                phrases = [_fold(e.phrase) for e in marks if e.phrase]
                hits = [p for p in ps if any(ph in _fold(p) for ph in phrases)] or (ps if len(ps) == 1 else [])
                train = tuple((p, 1) for p in hits)
                where = "call"
            else:
                train = tuple((p, 0) for p in ps)
                where = "quiet" if "_quiet" in path.stem else "other"
            out.append(Item(group_of(call_number(path.stem)), path.stem, t.text, int(bool(marks)), where, train))
    return out


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression (lbfgs from zero: deterministic), each row counted ``weight`` times."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y, sample_weight=weight)
    return model.coef_[0].astype(np.float64), float(model.intercept_[0])


@dataclass
class Pieces:
    """The training pieces of some items: embeddings, labels, groups, whether from a call, weights in the fit."""

    x: np.ndarray
    y: np.ndarray
    group: np.ndarray
    call: np.ndarray
    weight: np.ndarray

    @classmethod
    def of(cls, items: list[Item], embed: Embeddings) -> Pieces:
        rows = [(p, lab, it.group, it.where not in ("calm", "look")) for it in items for p, lab in it.train]
        return cls(
            embed([r[0] for r in rows]),
            np.array([r[1] for r in rows], int),
            np.array([r[2] for r in rows]),
            np.array([r[3] for r in rows], bool),
            np.array([weight_of(r[0], r[1]) for r in rows]),
        )

    def fit(self, keep: np.ndarray | slice = slice(None)) -> tuple[np.ndarray, float]:
        """:func:`fit` on the rows ``keep`` (all by default)."""
        return fit(self.x[keep], self.y[keep], self.weight[keep])


def threshold_for(p: Pieces) -> tuple[float, dict]:
    """The operating threshold from out-of-fold scores (5 folds of whole groups) of ``p``: the lowest (0.01
    steps from 0.5) with false-positive rate <= :data:`CALL_FPR` on call sentences and <= :data:`LIST_FPR` on
    list lines; and the out-of-fold figures there."""
    names = sorted(set(p.group.tolist()))
    fold = np.array([names.index(g) % FOLDS for g in p.group])
    oof = np.zeros(len(p.y))
    for k in range(FOLDS):
        w, b = p.fit(fold != k)
        oof[fold == k] = sigmoid(p.x[fold == k] @ w + b)
    neg_call, neg_list = (p.y == 0) & p.call, (p.y == 0) & ~p.call
    t = 0.99
    for cand in np.arange(0.5, 0.995, 0.01):
        if np.mean(oof[neg_call] >= cand) <= CALL_FPR and np.mean(oof[neg_list] >= cand) <= LIST_FPR:
            t = round(float(cand), 2)
            break
    hit = oof >= t
    figures = {
        "cv_recall": round(float(hit[p.y == 1].mean()), 3),
        "cv_fpr_call_sentences": round(float(hit[neg_call].mean()), 4),
        "cv_fpr_list_lines": round(float(hit[neg_list].mean()), 4),
    }
    return t, figures


def build(items: list[Item], embed: Embeddings) -> dict:
    p = Pieces.of(items, embed)
    t, figures = threshold_for(p)
    w, b = p.fit()
    return {
        "about": '"calm down" head over all-MiniLM-L6-v2 (int8, as served) embeddings of agent sentences',
        "embedding_version": minilm.embedding_version(),
        "training": f"non-blind wording lists and the agent turns of tuning calls c01-c{LAST_CALL}",
        "pieces": len(p.y),
        "positives": int(p.y.sum()),
        "threshold": t,
        **figures,
        "bias": round(float(b), 6),
        "weights": [round(float(v), 6) for v in w],
    }


# --- --folds ---------------------------------------------------------------------------------------------------


def tables_then(commit: str, texts: list[str]) -> list[bool]:
    """Whether the calm-down tables of ``commit`` nudge each agent text said as a lone final."""
    return [KIND in kinds for kinds in kinds_then(commit, texts)] if texts else []


def _git_names(commit: str, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, folder + "/"], capture_output=True, text=True
    )
    return [Path(p).stem for p in out.stdout.split()]


def known_at(commit: str) -> set[str]:
    """The groups (lists, call parts) that existed at ``commit``."""
    lists = set(_git_names(commit, "tests/data/language_wording"))
    calls = {group_of(call_number(n)) for n in _git_names(commit, "scripts/calls") if n.startswith("c")}
    return lists | {g for g in calls if int(g[1:].split("-")[0]) <= LAST_CALL}


def part_commit(first: int) -> str:
    """The commit that added the part's first call file (the part was written blind then)."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%h", "--", f"scripts/calls/c{first}_*.toml"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()[-1]


def judge(name: str, commit: str, items: list[Item], embed: Embeddings, tables: dict[str, bool], totals: dict) -> None:
    """Fit without ``name`` on what existed at ``commit``, score ``name``'s items; print and add to ``totals``."""
    known = known_at(commit)
    train = [it for it in items if it.group != name and it.group in known]
    p = Pieces.of(train, embed)
    t, _ = threshold_for(p)
    w, b = p.fit()
    mine = [it for it in items if it.group == name]
    score = [float(sigmoid(embed(it.pieces) @ w + b).max()) if it.pieces else 0.0 for it in mine]
    silent = [not tables[it.text] for it in mine]
    row = {}
    for th in (t, *SWEEP):
        on = [s >= th for s in score]
        pos = [i for i, it in enumerate(mine) if it.label]
        neg = [i for i, it in enumerate(mine) if not it.label]
        row[th] = np.array(
            [
                len(pos),
                sum(not silent[i] for i in pos),
                sum(on[i] for i in pos),
                sum(on[i] and silent[i] for i in pos),
                len(neg),
                sum(not silent[i] for i in neg),
                sum(on[i] and silent[i] for i in neg),
                sum(on[i] and silent[i] and mine[i].where == "quiet" for i in neg),
            ]
        )
    r = row[t]
    print(
        f"{name:12s} (cut {commit}, {len({it.group for it in train})} groups, thr {t:.2f}): calm {r[1]}/{r[0]} "
        f"tables, head alone {r[2]}, +{r[3]} -> {r[1] + r[3]}/{r[0]}; others {r[4]}: tables false {r[5]}, "
        f"head adds false {r[6]} (quiet-call turns {r[7]})",
        flush=True,
    )
    kind = "lists" if name.startswith("held") else "parts"
    totals.setdefault((kind, "chosen"), np.zeros(8, int))
    totals[(kind, "chosen")] += r
    for th in SWEEP:
        totals.setdefault((kind, th), np.zeros(8, int))
        totals[(kind, th)] += row[th]


def folds(items: list[Item], embed: Embeddings) -> None:
    totals: dict = {}
    mine = [it for it in items if it.group in LISTS_OUT]
    tables: dict[str, bool] = {}
    for name, commit in LISTS_OUT.items():
        texts = [it.text for it in mine if it.group == name]
        tables.update(zip(texts, tables_then(commit, texts), strict=True))
    calls = [it.text for it in items if it.where in ("call", "quiet", "other")]
    tables.update(zip(calls, tables_then("HEAD", calls), strict=True))
    for name, commit in LISTS_OUT.items():
        judge(name, commit, items, embed, tables, totals)
    for first in PARTS_OUT:
        judge(group_of(first), part_commit(first), items, embed, tables, totals)
    for (kind, th), r in totals.items():
        label = "chosen" if th == "chosen" else f"{th:.2f}"
        print(
            f"pooled {kind} at {label}: calm {r[1]}/{r[0]} tables -> {r[1] + r[3]}/{r[0]} with head (alone {r[2]}); "
            f"others {r[4]}: tables false {r[5]}, head adds false {r[6]} (quiet-call turns {r[7]})"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed head differs from a rebuild")
    parser.add_argument("--folds", action="store_true", help="leave-one-list-out and -part-out figures")
    parser.add_argument("--cache", type=Path, help="a pickle of embeddings kept between runs")
    args = parser.parse_args()
    embed = Embeddings(args.cache)
    items = list_items() + call_items()
    if args.folds:
        folds(items, embed)
        return 0
    spec = build(items, embed)
    print(
        f"positives {spec['positives']}/{spec['pieces']} pieces, threshold {spec['threshold']:.2f}: group-fold CV "
        f"recall {spec['cv_recall']:.3f}, false-positive rate {spec['cv_fpr_call_sentences']:.4f} on call "
        f"sentences, {spec['cv_fpr_list_lines']:.4f} on list lines"
    )
    text = head_text(spec)
    return check_committed(CALM_HEAD_PATH, text) if args.check else write_head(CALM_HEAD_PATH, text)


if __name__ == "__main__":
    raise SystemExit(main())
