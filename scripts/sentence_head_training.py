"""Fit and judge a wording rule's sentence head (:class:`coach.language.sentence_head.SentenceHead`).

The shared part of ``scripts/train_calm_head.py`` (``avoid_calm_down``) and ``scripts/train_positive_head.py``
(``positive_language``); each names its rule, head, calls and lists in a :class:`Setup` and calls :func:`main`.

Training pieces are what the product scores: each sentence (:func:`coach.language.sentence_head.pieces_of`) of an
agent final. Each piece has a label (1: the agent's sentence is the rule's fault, in any wording) and a GROUP (a
wording list, or a call part):

- the wording lists of ``Setup.lists_commit`` but ``Setup.not_trained`` (``tests/data/language_wording/``; never
  one in ``eval_language_wording.BLIND``): the rule's section's lines are positive (a line of several sentences as
  one piece: which sentence is the fault is not marked), the sentences of every other section's lines negative;
- the agent turns of the tuning calls up to ``Setup.last_call`` (the held-out part's files are never opened): the
  sentence holding the ``phrase`` of a moment of the rule's kind is positive (the turn's other sentences are left
  out), every sentence of an unmarked agent turn negative, except in calls that ``allow`` the kind;
- the written negatives of ``Setup.negatives`` (toml files of classes, each ``weight`` and ``lines``: sentences near
  the rule's fault in meaning that are not it, written for the head), every sentence negative and counting its
  class's weight, one group per file (``written:<stem>``) that every fit reads and no fold leaves out.

Every piece is embedded by the product's run-time MiniLM (:mod:`coach.classify.minilm`, int8 as served) and one
class-balanced L2 logistic regression is fitted (scikit-learn lbfgs from zero: deterministic), a negative piece in
one of the head's register classes counting its class's weight (:func:`weight_of`). The operating threshold
(:func:`threshold_for`) is the lowest of :data:`STEPS` at which the out-of-fold false-positive rate (folds of
whole groups) is at most ``Setup.call_fpr`` on call agent sentences and ``Setup.list_fpr`` on the lists' other
lines.

``--folds`` writes nothing: it judges the head on what it never saw. Leave-one-list-out over ``Setup.lists_out``
and leave-one-part-out over ``Setup.parts_out``: for each, the head is fitted only on the lists and call parts that
existed when that list was first scored blind / that part's files were committed (so no tuning list written from
its misses is in), never the group itself; its threshold is chosen on those training groups' folds only; the group
is then scored: lines / turns the head finds alone, those it adds where the tables are silent (lists: the tables AS
THEY WERE at the first score, ``git archive``; calls: HEAD's tables), and its false flags where the tables are
silent on the other lines / unmarked turns (quiet calls counted apart), at the chosen threshold and at the fixed
``Setup.sweep``. Sessions 38-40 (helpers M1-M3, issue 9): docs/nudges.md.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections.abc import Callable
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
from coach.language.sentence_head import SentenceHead, pieces_of  # noqa: E402
from training.head_file import check_committed, head_text, write_head  # noqa: E402

LIST_DIR = ROOT / "tests" / "data" / "language_wording"
FIRST_SCORED = {
    **FIRST,
    "held_out_ai": "81fc5ff",
    "held_out_aj": "a6332b6",
    "held_out_ak": "58c3a04",
    "held_out_al": "8e19423",
    "held_out_am": "b3099cd",
    "held_out_an": "1ef2ad0",
}
"""The wording lists ``--folds`` may leave out, each with the commit it was first scored at, blind (the comments above
``FLOORS`` in ``tests/test_language_wording.py``): a fold is fitted only on what existed then."""
FOLDS = 5
STEPS = (*(round(0.5 + 0.01 * k, 2) for k in range(50)), *(round(0.99 + 0.001 * k, 3) for k in range(1, 10)))
"""The thresholds tried, lowest first: 0.50-0.99 in 0.01 steps, then 0.991-0.999 in 0.001 steps (session 40: the
positive-language head's out-of-fold false positives on calls are over 0.1 % at 0.99); none allowed: 0.999."""


@dataclass(frozen=True)
class Setup:
    """What one head is fitted on and judged by (see the module): its ``head`` (rule kind, file, classes), the
    last tuning call it reads, the commit whose lists it reads and those it never does, the groups ``--folds``
    leaves out (list -> the commit it was first scored at; first call numbers of call parts), the fit's ``c``,
    the out-of-fold false-positive rates its threshold allows, the JSON's ``about``, the written negatives' files
    and the sentences the product's head leaves to the wording rules (``excused``, as the product's caller passes
    it to :meth:`SentenceHead.judged_pieces`; unset in the committed setups: in ``--folds`` the tables of the
    checkout would excuse lines their authors learned from the very list left out)."""

    head: SentenceHead
    last_call: int
    lists_commit: str
    not_trained: tuple[str, ...]
    lists_out: dict[str, str]
    parts_out: tuple[int, ...]
    about: str
    c: float = 4.0
    call_fpr: float = 0.001
    list_fpr: float = 0.01
    sweep: tuple[float, ...] = (0.9, 0.95, 0.97, 0.98, 0.99)
    negatives: tuple[Path, ...] = ()
    excused: Callable[[str], bool] | None = None

    @property
    def kind(self) -> str:
        return self.head.kind

    def weight_of(self, piece: str, label: int) -> float:
        """How many times a training piece counts in the fit: a negative in one of the head's register classes its
        class's weight, anything else 1 (a positive is never reweighted)."""
        return self.head.weight(piece) if not label else 1.0


@dataclass(frozen=True)
class Item:
    """A list line or an agent turn as the product scores it: ``label`` 1 when it must nudge the kind; ``where``:
    "line" / "look" (a list's line of the kind / other line), "call" (a marked turn), "quiet" / "other" (an
    unmarked turn of a quiet / other call); ``train``: its training pieces and their labels; ``pieces``: the
    sentences the product's head judges (:meth:`SentenceHead.judged_pieces`); ``weight``: how many times each of
    its negative pieces counts at least (a written negative's class weight)."""

    group: str
    source: str
    text: str
    label: int
    where: str
    train: tuple[tuple[str, int], ...]
    pieces: tuple[str, ...]
    weight: float = 1.0


WRITTEN = "written:"
"""The group prefix of the written negatives (:func:`written_items`): read by every fit, never left out."""


def _fold(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").split())


def group_of(number: int, last_call: int) -> str:
    """The call part of call ``number`` ("c01-c237", "c238-c261", ...) among the parts up to ``last_call``."""
    cuts = (1, *(g for g in TUNING_GROUPS if g <= last_call), last_call + 1)
    k = max(i for i, c in enumerate(cuts[:-1]) if number >= c)
    return f"c{cuts[k]:02d}-c{cuts[k + 1] - 1}"


def list_items(s: Setup) -> list[Item]:
    out: list[Item] = []
    for name in sorted(set(_git_names(s.lists_commit, "tests/data/language_wording")) - set(s.not_trained)):
        path = LIST_DIR / f"{name}.toml"
        if path.stem in BLIND:
            continue
        for section, table in tomllib.loads(path.read_text(encoding="utf-8")).items():
            lines = table.get("lines", []) if isinstance(table, dict) else []
            for line in (x for x in lines if isinstance(x, str)):
                label = int(section == s.kind)
                ps = pieces_of(line)
                train = ((line, 1),) if label and len(ps) != 1 else tuple((p, label) for p in ps)
                judged = tuple(s.head.judged_pieces(line, s.excused))
                out.append(Item(path.stem, path.stem, line, label, "line" if label else "look", train, judged))
    return out


def call_items(s: Setup) -> list[Item]:
    out: list[Item] = []
    for path in tuning_scripts():
        if call_number(path.stem) > s.last_call:
            continue
        spec, script, _ = load_call(path)
        allowed = spec is not None and s.kind in spec.allow
        for t in script:
            if not isinstance(t, Line) or t.speaker != "agent":
                continue
            marks = [e for e in t.expect if e.kind == s.kind]
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
                where = "quiet" if spec is not None and spec.quiet else "other"  # the field, not the file name
            group = group_of(call_number(path.stem), s.last_call)
            judged = tuple(s.head.judged_pieces(t.text, s.excused))
            out.append(Item(group, path.stem, t.text, int(bool(marks)), where, train, judged))
    return out


def written_items(s: Setup) -> list[Item]:
    """The sentences of ``s.negatives`` (each file's classes: ``weight``, ``lines``) as negative list lines of the
    group ``written:<file stem>``, each piece counting its class's weight."""
    out: list[Item] = []
    for path in s.negatives:
        for table in tomllib.loads(path.read_text(encoding="utf-8")).values():
            for line in table["lines"]:
                train = tuple((p, 0) for p in pieces_of(line))
                judged = tuple(s.head.judged_pieces(line, s.excused))
                out.append(Item(WRITTEN + path.stem, path.stem, line, 0, "look", train, judged, float(table["weight"])))
    return out


@dataclass
class Pieces:
    """The training pieces of some items: embeddings, labels, groups, whether from a call, weights in the fit."""

    x: np.ndarray
    y: np.ndarray
    group: np.ndarray
    call: np.ndarray
    weight: np.ndarray
    c: float

    @classmethod
    def of(cls, s: Setup, items: list[Item], embed: Embeddings) -> Pieces:
        rows = [(p, lab, it) for it in items for p, lab in it.train]
        return cls(
            embed([r[0] for r in rows]),
            np.array([r[1] for r in rows], int),
            np.array([r[2].group for r in rows]),
            np.array([r[2].where not in ("line", "look") for r in rows], bool),
            np.array([max(s.weight_of(p, lab), 1.0 if lab else it.weight) for p, lab, it in rows]),
            s.c,
        )

    def fit(self, keep: np.ndarray | slice = slice(None)) -> tuple[np.ndarray, float]:
        """Class-balanced L2 logistic regression (lbfgs from zero: deterministic) on the rows ``keep`` (all by
        default), each row counted its weight times: weights ``[384]``, bias."""
        from sklearn.linear_model import LogisticRegression

        model = LogisticRegression(C=self.c, class_weight="balanced", max_iter=5000)
        model.fit(self.x[keep], self.y[keep], sample_weight=self.weight[keep])
        return model.coef_[0].astype(np.float64), float(model.intercept_[0])


def threshold_for(s: Setup, p: Pieces) -> tuple[float, dict]:
    """The operating threshold from out-of-fold scores (5 folds of whole groups) of ``p``: the lowest of
    :data:`STEPS` with false-positive rate <= ``s.call_fpr`` on call sentences and <= ``s.list_fpr`` on list
    lines; and the out-of-fold figures there."""
    names = sorted(set(p.group.tolist()))
    fold = np.array([names.index(g) % FOLDS for g in p.group])
    oof = np.zeros(len(p.y))
    for k in range(FOLDS):
        w, b = p.fit(fold != k)
        oof[fold == k] = sigmoid(p.x[fold == k] @ w + b)
    neg_call, neg_list = (p.y == 0) & p.call, (p.y == 0) & ~p.call
    t = 0.999
    for cand in STEPS:
        if np.mean(oof[neg_call] >= cand) <= s.call_fpr and np.mean(oof[neg_list] >= cand) <= s.list_fpr:
            t = float(cand)
            break
    hit = oof >= t
    figures = {
        "cv_recall": round(float(hit[p.y == 1].mean()), 3),
        "cv_fpr_call_sentences": round(float(hit[neg_call].mean()), 4),
        "cv_fpr_list_lines": round(float(hit[neg_list].mean()), 4),
    }
    return t, figures


def build(s: Setup, items: list[Item], embed: Embeddings) -> dict:
    p = Pieces.of(s, items, embed)
    t, figures = threshold_for(s, p)
    w, b = p.fit()
    return {
        "about": s.about,
        "embedding_version": minilm.embedding_version(),
        "training": f"non-blind wording lists and the agent turns of tuning calls c01-c{s.last_call}",
        "pieces": len(p.y),
        "positives": int(p.y.sum()),
        "threshold": t,
        **figures,
        "bias": round(float(b), 6),
        "weights": [round(float(v), 6) for v in w],
    }


# --- --folds ---------------------------------------------------------------------------------------------------


def tables_then(kind: str, commit: str, texts: list[str]) -> list[bool]:
    """Whether the tables of ``commit`` nudge ``kind`` on each agent text said as a lone final."""
    return [kind in kinds for kinds in kinds_then(commit, texts)] if texts else []


def _git_names(commit: str, folder: str) -> list[str]:
    out = subprocess.run(
        ["git", "-C", str(ROOT), "ls-tree", "--name-only", commit, folder + "/"], capture_output=True, text=True
    )
    return [Path(p).stem for p in out.stdout.split()]


def known_at(s: Setup, commit: str) -> set[str]:
    """The groups (lists, call parts) that existed at ``commit``; the written negatives' groups are always known."""
    lists = set(_git_names(commit, "tests/data/language_wording"))
    numbers = [call_number(n) for n in _git_names(commit, "scripts/calls") if n.startswith("c")]
    written = {WRITTEN + path.stem for path in s.negatives}
    return lists | written | {group_of(n, s.last_call) for n in numbers if n <= s.last_call}


def part_commit(first: int) -> str:
    """The commit that added the part's first call file (the part was written blind then)."""
    out = subprocess.run(
        ["git", "-C", str(ROOT), "log", "--diff-filter=A", "--format=%h", "--", f"scripts/calls/c{first}_*.toml"],
        capture_output=True,
        text=True,
        check=True,
    )
    return out.stdout.split()[-1]


def judge(
    s: Setup, name: str, commit: str, items: list[Item], embed: Embeddings, tables: dict[str, bool], totals: dict
) -> None:
    """Fit without ``name`` on what existed at ``commit``, score ``name``'s items; print and add to ``totals``."""
    known = known_at(s, commit)
    train = [it for it in items if it.group != name and it.group in known]
    p = Pieces.of(s, train, embed)
    t, _ = threshold_for(s, p)
    w, b = p.fit()
    mine = [it for it in items if it.group == name]
    score = [float(sigmoid(embed(list(it.pieces)) @ w + b).max()) if it.pieces else 0.0 for it in mine]
    silent = [not tables[it.text] for it in mine]
    row = {}
    for th in (t, *s.sweep):
        on = [x >= th for x in score]
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
        f"{name:12s} (cut {commit}, {len({it.group for it in train})} groups, thr {t:.3f}): {s.kind} {r[1]}/{r[0]} "
        f"tables, head alone {r[2]}, +{r[3]} -> {r[1] + r[3]}/{r[0]}; others {r[4]}: tables false {r[5]}, "
        f"head adds false {r[6]} (quiet-call turns {r[7]})",
        flush=True,
    )
    kind = "lists" if name.startswith("held") else "parts"
    totals.setdefault((kind, "chosen"), np.zeros(8, int))
    totals[(kind, "chosen")] += r
    for th in s.sweep:
        totals.setdefault((kind, th), np.zeros(8, int))
        totals[(kind, th)] += row[th]


def folds(s: Setup, items: list[Item], embed: Embeddings, only: set[str] | None = None) -> None:
    """The leave-one-out figures (see the module) of the groups of ``s`` (those in ``only`` when given)."""
    totals: dict = {}
    lists = {n: c for n, c in s.lists_out.items() if only is None or n in only}
    parts = [f for f in s.parts_out if only is None or group_of(f, s.last_call) in only]
    tables: dict[str, bool] = {}
    for name, commit in lists.items():
        texts = [it.text for it in items if it.group == name]
        tables.update(zip(texts, tables_then(s.kind, commit, texts), strict=True))
    calls = [it.text for it in items if it.where in ("call", "quiet", "other")] if parts else []
    tables.update(zip(calls, tables_then(s.kind, "HEAD", calls), strict=True))
    for name, commit in lists.items():
        judge(s, name, commit, items, embed, tables, totals)
    for first in parts:
        judge(s, group_of(first, s.last_call), part_commit(first), items, embed, tables, totals)
    for (kind, th), r in totals.items():
        label = "chosen" if th == "chosen" else f"{th:.2f}"
        print(
            f"pooled {kind} at {label}: {s.kind} {r[1]}/{r[0]} tables -> {r[1] + r[3]}/{r[0]} with head (alone "
            f"{r[2]}); others {r[4]}: tables false {r[5]}, head adds false {r[6]} (quiet-call turns {r[7]})"
        )


def product_threshold(kind: str) -> float:
    """The product's operating point for the head of rule ``kind`` (``model_threshold`` of the product's language
    settings, :func:`coach.language.config.load_language_config`; above 1: off), which may differ from the JSON's."""
    from coach.language.config import load_language_config

    return float(getattr(load_language_config(), kind).model_threshold)


def unseen(s: Setup, name: str, commit: str, embed: Embeddings) -> None:
    """Score the wording list ``name`` once with the COMMITTED head at its own threshold (the head frozen before the
    list was read) beside the tables of ``commit`` (its first score): the kind's lines the tables catch and those
    the head adds where they are silent, and the other lines the head flags where the tables are silent; again at
    the product's operating point (:func:`product_threshold`) when the head is on there at another threshold."""
    from coach.language.wording_head import WordingHead

    head = WordingHead(s.head.path)
    rows = []
    for section, table in tomllib.loads((LIST_DIR / f"{name}.toml").read_text(encoding="utf-8")).items():
        lines = table.get("lines", []) if isinstance(table, dict) else []
        rows += [(section == s.kind, line) for line in lines if isinstance(line, str)]
    tables = tables_then(s.kind, commit, [line for _, line in rows])
    scores = []
    for _, line in rows:
        pieces = s.head.judged_pieces(line, s.excused)
        scores.append(float(head.probabilities(embed(pieces)).max()) if pieces else 0.0)
    pos = [t for (label, _), t in zip(rows, tables, strict=True) if label]
    neg = [t for (label, _), t in zip(rows, tables, strict=True) if not label]
    product = product_threshold(s.kind)
    for th in (head.threshold, *([product] if product <= 1.0 and product != head.threshold else [])):
        added, flagged = [], []
        for (label, _), table, score in zip(rows, tables, scores, strict=True):
            if not table and score >= th:
                (added if label else flagged).append(round(score, 3))
        which = "the JSON's" if th == head.threshold else "the product's"
        print(
            f"{name} (tables of {commit}, head {s.head.path.name} at {th:.3f}, {which}): {s.kind} "
            f"{sum(pos)}/{len(pos)} -> {sum(pos) + len(added)}/{len(pos)} with the head (scores {sorted(added)}); "
            f"other lines flagged {sum(neg)} -> {sum(neg) + len(flagged)} of {len(neg)} (head's scores "
            f"{sorted(flagged)})"
        )


def main(s: Setup, doc: str, argv: list[str] | None = None) -> int:
    """The command line of a head's training script (``doc``: its docstring): write, ``--check`` or ``--folds``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed head differs from a rebuild")
    parser.add_argument("--folds", action="store_true", help="leave-one-list-out and -part-out figures")
    parser.add_argument("--only", nargs="+", help="with --folds: only these groups (held_out_aj, c886-c909, ...)")
    parser.add_argument("--cache", type=Path, help="a pickle of embeddings kept between runs")
    parser.add_argument(
        "--unseen",
        nargs=2,
        metavar=("LIST", "COMMIT"),
        help="score a list once with the committed head (writes nothing)",
    )
    args = parser.parse_args(argv)
    embed = Embeddings(args.cache)
    if args.unseen:
        unseen(s, *args.unseen, embed)
        return 0
    items = list_items(s) + call_items(s) + written_items(s)
    if args.folds:
        folds(s, items, embed, set(args.only) if args.only else None)
        return 0
    spec = build(s, items, embed)
    print(
        f"positives {spec['positives']}/{spec['pieces']} pieces, threshold {spec['threshold']:.3f}: group-fold CV "
        f"recall {spec['cv_recall']:.3f}, false-positive rate {spec['cv_fpr_call_sentences']:.4f} on call "
        f"sentences, {spec['cv_fpr_list_lines']:.4f} on list lines"
    )
    text = head_text(spec)
    return check_committed(s.head.path, text) if args.check else write_head(s.head.path, text)
