#!/usr/bin/env python
"""Rebuild ``models/wording_head.json``: the refusal / deflection / blame head of :mod:`coach.language.wording_head`.

    .venv/bin/python scripts/train_wording_head.py [--check] [--groups] [--cache FILE]

Training pieces (each scored the way the product scores agent text: a sentence, and its clauses when it
has several, pieces under three words left out), each with the GROUP it comes from:

- ``training/data/agent_wording_sentences.txt`` (hand-written, labelled P / N): each sentence; the
  clauses of an N sentence are N too (the clauses of a P sentence are not used: "..., but I can send it
  for review" is not a refusal on its own). Group ``written<k>``, k = line number mod 5;
- the wording lists of ``TRAIN_LISTS`` (``tests/data/language_wording/``: every list but the blind one
  when it was fitted, floored ``held_out*`` lists included; a list in ``eval_language_wording.BLIND`` is
  never opened): ``[positive_language]`` lines P, ``[quiet]``, ``[closing]``,
  ``[not_closing]`` and ``[avoid_calm_down]`` lines N (a calm-down is not a closed door). Group: the list;
- the agent lines of the tuning calls c01-c765 (``LAST_CALL``; ``eval_calls.tuning_scripts``: the held-out
  part's files are never opened): a sentence holding the ``phrase`` of a ``positive_language`` moment of its turn
  is P, with those of its clauses that hold the phrase; every other agent sentence and clause is N,
  except in calls that ``allow`` the kind (their unmarked lines are left out). Group: the tuning group
  (``eval_calls.TUNING_GROUPS``: c01-c237, c238-c261, ...).

Every piece is embedded with all-MiniLM-L6-v2 (int8, :mod:`coach.classify.minilm`) and one
L2-regularised logistic regression is fitted (scikit-learn, the ``train`` extra; lbfgs from zero, classes
weighted to balance: deterministic). Cross-validation folds are whole groups (the sorted groups dealt
round mod 5), never random lines. The operating threshold is the lowest (0.01 steps) whose
cross-validated false-positive rate on the N pieces is at or under ``MAX_FPR``.

``--check`` rebuilds in memory and fails if the committed file differs. ``--groups`` writes nothing: it
prints leave-one-group-out figures over the recent groups (``RECENT``: the last seven lists written blind
then floored, the last seven call parts run held out then flipped; each scored by a head fitted on all
the other groups, at a threshold chosen on those others' folds only) through the product's rule (the
head speaks only on a final no phrase family matched, :func:`product_fired`): per group, the
``positive_language`` turns / lines the tables catch, those the head adds, the head alone, and the head's
nudges where the tables are silent on agent turns of quiet calls (their ``quiet`` field), other unmarked
turns and the lists' look-alike lines; then the pooled counts at fixed thresholds (``SWEEP``).
``--cache FILE`` keeps embeddings in a pickle between runs (keyed by
:func:`coach.classify.minilm.embedding_version`); the figures are the same without it.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import TUNING_GROUPS, call_number, tuning_scripts  # noqa: E402
from synth_calls import Line, load_call  # noqa: E402

from coach.classify import minilm  # noqa: E402
from coach.language.complaint import units  # noqa: E402
from coach.language.wording_head import HEAD_PATH  # noqa: E402
from training.head_file import check_committed, head_text, write_head  # noqa: E402

DATA = ROOT / "training" / "data" / "agent_wording_sentences.txt"
LISTS = ROOT / "tests" / "data" / "language_wording"
TRAIN_LISTS = (
    "held_out",
    "held_out_c",
    "held_out_d",
    "held_out_e",
    "held_out_f",
    "held_out_g",
    "held_out_h",
    "held_out_i",
    "held_out_j",
    "held_out_k",
    "held_out_l",
    "held_out_m",
    "held_out_n",
    "held_out_o",
    "held_out_p",
    "held_out_q",
    "held_out_r",
    "held_out_s",
    "held_out_t",
    "held_out_u",
    "held_out_v",
    "held_out_w",
    "held_out_x",
    "held_out_y",
    "held_out_z",
    "held_out_aa",
    "held_out_ab",
    "held_out_ac",
    "held_out_ad",
    "refusal_a",
    "refusal_b",
    "tuning",
    "tuning_b",
    "tuning_c2",
    "tuning_d",
    "tuning_e",
    "tuning_f",
    "tuning_g",
    "tuning_h",
    "tuning_l4",
    "tuning_l6",
    "tuning_l8",
    "tuning_l9",
    "tuning_l11",
    "tuning_l11b",
    "tuning_l12",
    "tuning_l13",
    "tuning_l15",
    "tuning_l16",
    "tuning_l17",
    "tuning_l18",
    "tuning_l19",
    "tuning_l20",
    "tuning_l21",
    "tuning_l22",
    "tuning_l23",
    "tuning_l24",
    "tuning_l25",
    "tuning_l26",
    "tuning_l28",
    "tuning_l29",
    "tuning_l30",
    "tuning_l31",
    "tuning_p3",
    "tuning_q13",
    "tuning_q14",
    "tuning_q15",
    "tuning_q16",
    "tuning_q18",
)
"""The wording lists that train the head (frozen when it was fitted, session 33, 2026-12-04, so that ``--check``
does not move when a list is added): every list then in the repository but the blind one (held_out_ae,
``eval_language_wording.BLIND``, never opened); the floored ``held_out*`` lists included. A list in ``BLIND``
is skipped even if named here."""
LIST_SECTIONS = {"positive_language": 1, "quiet": 0, "closing": 0, "not_closing": 0, "avoid_calm_down": 0}
"""The wording lists' sections read, and the label of their lines (1: closes a door)."""
KIND = "positive_language"
LAST_CALL = 765
"""Tuning calls up to this number train the head (the tuning part when it was refitted, 2026-12-04): a call
part flipped to tuning later joins only when this moves, so ``--check`` does not change under it."""
C = 3.0
"""Inverse L2 strength: 3 (1, 3 and 10 tried leave-one-group-out, docs/nudges.md "Session 20 (L14)")."""
FOLDS = 5
MAX_FPR = 0.003
"""Cross-validated false-positive rate on N pieces allowed at the operating threshold: 0.3 % gave no
head nudge on a quiet call's agent turn in any left-out group (0.75 %, the earlier setting, gave three)."""


@dataclass(frozen=True)
class Piece:
    """A scored unit of training text: ``label`` 1 (closes a door) or 0, the ``group`` it comes from."""

    text: str
    label: int
    group: str


@dataclass(frozen=True)
class Turn:
    """A whole agent turn or list line as the product would score it: ``label`` 1 when it must nudge
    positive language; ``where`` "call" (a marked turn), "quiet" / "other" (an unmarked turn of a quiet /
    other call), "list" (a list line), "calm" (a list's calm-down line)."""

    group: str
    text: str
    label: int
    where: str
    source: str


def _fold_text(s: str) -> str:
    return " ".join(s.lower().replace("\u2019", "'").split())


def group_of(number: int) -> str:
    """The tuning group of call ``number`` ("c01-c237", ..., the last one up to the held-out part)."""
    cuts = (1, *(g for g in TUNING_GROUPS if g <= LAST_CALL), LAST_CALL + 1)
    k = max(i for i, c in enumerate(cuts[:-1]) if number >= c)
    return f"c{cuts[k]:02d}-c{cuts[k + 1] - 1}"


def written_pieces(path: Path = DATA) -> list[Piece]:
    """The hand-written sentences (and the clauses of the N ones)."""
    out: list[Piece] = []
    rows = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    for i, line in enumerate(rows):
        tag, text = line.split("\t", 1)
        label = int(tag.strip() == "P")
        for sentence, piece in units(text.strip(), min_words=1):
            if piece == sentence or not label:
                out.append(Piece(piece, label, f"written{i % FOLDS}"))
    return out


def wording_lists() -> list[Path]:
    """The wording lists of :data:`TRAIN_LISTS` (never a blind one: ``eval_language_wording.BLIND``)."""
    from eval_language_wording import BLIND

    return [LISTS / f"{name}.toml" for name in sorted(TRAIN_LISTS) if name not in BLIND]


def list_items() -> tuple[list[Piece], list[Turn]]:
    """The wording lists' pieces and lines."""
    pieces: list[Piece] = []
    lines: list[Turn] = []
    for path in wording_lists():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for section, label in LIST_SECTIONS.items():
            block = data.get(section)
            for line in block.get("lines", []) if isinstance(block, dict) else []:
                if not isinstance(line, str):
                    continue
                lines.append(
                    Turn(path.stem, line, label, "calm" if section == "avoid_calm_down" else "list", path.stem)
                )
                for sentence, piece in units(line, min_words=1 if label else 3):
                    if piece == sentence or not label:
                        pieces.append(Piece(piece, label, path.stem))
    return pieces, lines


def call_items() -> tuple[list[Piece], list[Turn]]:
    """The tuning calls' agent pieces (see the module docstring) and agent turns."""
    from coach.language.text import sentences

    pieces: list[Piece] = []
    turns: list[Turn] = []
    for path in tuning_scripts():
        if call_number(path.stem) > LAST_CALL:
            continue
        group = group_of(call_number(path.stem))
        spec, script, _ = load_call(path)
        allowed = spec is not None and KIND in spec.allow
        for t in script:
            if not isinstance(t, Line) or t.speaker != "agent":
                continue
            phrases = [_fold_text(e.phrase or t.text) for e in t.expect if e.kind == KIND]
            if phrases or not allowed:
                where = "call" if phrases else ("quiet" if spec is not None and spec.quiet else "other")  # the field
                turns.append(Turn(group, t.text, int(bool(phrases)), where, path.stem))
            for s in sentences(t.text):
                label = int(any(p in _fold_text(s.text) or _fold_text(s.text) in p for p in phrases))
                if label or not allowed:
                    pieces += [Piece(pc, label, group) for ss, pc in units(s.text) if not label or pc == ss]
    return pieces, turns


class Embeddings:
    """Text -> unit embedding, with an optional pickle cache (``path``) keyed by the embedding version."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.version = minilm.embedding_version()
        self.known: dict[str, np.ndarray] = {}
        if path is not None and path.exists():
            saved = pickle.loads(path.read_bytes())
            if saved.get("version") == self.version:
                self.known = saved["vectors"]

    def __call__(self, texts: list[str]) -> np.ndarray:
        missing = sorted({t for t in texts if t not in self.known}, key=lambda t: (len(t.split()), t))
        for k in range(0, len(missing), 512):
            chunk = missing[k : k + 512]
            self.known.update(zip(chunk, minilm.get_embedder().embed(chunk).astype(np.float32), strict=True))
            if self.path is not None:
                self.path.write_bytes(pickle.dumps({"version": self.version, "vectors": self.known}))
        return np.stack([self.known[t] for t in texts]).astype(np.float64) if texts else np.zeros((0, 384))


def fit(x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, float]:
    """Class-balanced L2 logistic regression (scikit-learn's lbfgs, inverse strength ``C``): weights ``[D]``, bias."""
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=C, class_weight="balanced", max_iter=5000).fit(x, y)
    return model.coef_[0].astype(np.float64), float(model.intercept_[0])


def sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-z))


def group_folds(groups: np.ndarray) -> np.ndarray:
    """A fold per piece: its group's place among the sorted groups, mod ``FOLDS`` (``written<k>``: k)."""
    names = sorted(set(groups.tolist()))
    index = {g: int(g[7:]) if g.startswith("written") else names.index(g) for g in names}
    return np.array([index[g] % FOLDS for g in groups])


def cross_validated(x: np.ndarray, y: np.ndarray, fold: np.ndarray) -> np.ndarray:
    """Out-of-fold probabilities."""
    out = np.zeros(len(y))
    for k in range(FOLDS):
        w, b = fit(x[fold != k], y[fold != k])
        out[fold == k] = sigmoid(x[fold == k] @ w + b)
    return out


def operating_threshold(p: np.ndarray, y: np.ndarray) -> float:
    """The lowest threshold in 0.01 steps whose false-positive rate on the negatives of the out-of-fold
    probabilities ``p`` is at most ``MAX_FPR``; 0.99 when none is."""
    for t in np.arange(0.05, 0.995, 0.01):
        if np.mean(p[y == 0] >= t) <= MAX_FPR:
            return round(float(t), 2)
    return 0.99


def training_set(embed: Embeddings) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[Turn]]:
    """Embeddings ``[N, 384]``, labels, groups of every training piece, and the turns / lines to score."""
    list_pieces, lines = list_items()
    turn_pieces, turns = call_items()
    pieces = written_pieces() + list_pieces + turn_pieces
    x = embed([p.text for p in pieces])
    return x, np.array([p.label for p in pieces], float), np.array([p.group for p in pieces]), turns + lines


def build(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> dict:
    """The head's JSON spec."""
    p = cross_validated(x, y, group_folds(groups))
    t = operating_threshold(p, y)
    hit = p >= t
    w, b = fit(x, y)
    return {
        "about": "refusal / deflection / blame head over all-MiniLM-L6-v2 (int8) embeddings of agent sentences",
        "embedding_model_sha256": minilm.MODEL_SHA256,
        "data_sha256": hashlib.sha256(DATA.read_bytes()).hexdigest(),
        "training_calls": f"c01-c{LAST_CALL} agent lines and the non-blind wording lists",
        "pieces": len(y),
        "positives": int(y.sum()),
        "threshold": t,
        "cv_recall": round(float(hit[y == 1].mean()), 3),
        "cv_precision": round(float(y[hit].mean()), 3) if hit.any() else 0.0,
        "cv_false_positive_rate": round(float(hit[y == 0].mean()), 3),
        "bias": round(float(b), 6),
        "weights": [round(float(v), 6) for v in w],
    }


RECENT = (
    *(f"held_out_{k}" for k in ("x", "y", "z", "aa", "ab", "ac", "ad")),
    *(f"c{n}-c{n + 23}" for n in range(598, 743, 24)),
)
"""The groups ``--groups`` leaves out one at a time: the last seven wording lists written blind and then
floored, and the last seven call parts run once held out and then flipped to tuning."""
SWEEP = (0.9, 0.95, 0.97, 0.98, 0.99)


def product_fired(texts: list[str]) -> tuple[list[bool], list[bool]]:
    """Per agent text said as a lone final, with the shipped tables (head off): whether the language coach
    nudges ``positive_language`` (as ``tests/test_language_wording.kinds_fired``), and whether no phrase
    family matched at all (only then does the product ask the head)."""
    from coach.language import LanguageCoach
    from coach.language.config import load_language_config
    from coach.language.phrasing import PositiveLanguageRule
    from tests.test_language_rules import final

    cfg = load_language_config()
    rule = PositiveLanguageRule(cfg.positive_language, cfg.slots)
    fired = [KIND in {n.kind for n in LanguageCoach(cfg).push(final("agent", t, 1.0))} for t in texts]
    return fired, [rule.find(t) is None for t in texts]


def leave_one_group_out(
    x: np.ndarray,
    y: np.ndarray,
    groups: np.ndarray,
    turns: list[Turn],
    embed: Embeddings,
    only: tuple[str, ...] = RECENT,
) -> None:
    """Print the ``--groups`` figures: each group of :data:`RECENT` scored by a head fitted on all other
    groups, at the threshold chosen on those others' folds only (:func:`operating_threshold`), as a second
    opinion through the product's rule (the head speaks only on a final no phrase family matched). Per
    group: the threshold, closed doors the tables catch, those the head adds, the head alone, and the head's
    nudges where the tables are silent on agent turns of must-stay-quiet calls (their ``quiet`` field), on
    other unmarked turns, on the lists' look-alike lines and their calm-down lines; then the same added
    and false counts, all groups pooled, at the fixed thresholds of :data:`SWEEP`."""
    mine = [i for i, tn in enumerate(turns) if tn.group in only]
    fired, unmatched = product_fired([turns[i].text for i in mine])
    tables = dict(zip(mine, fired, strict=True))
    asked = dict(zip(mine, unmatched, strict=True))
    scored = {i: [pc for _, pc in units(turns[i].text)] for i in mine}
    vectors = {i: embed(scored[i]) for i in mine}
    print("group          thr  tables  +head  head-alone  quiet-false(calls)  other-extra  list-false  calm")
    sweep: dict[float, np.ndarray] = {t: np.zeros(5, int) for t in SWEEP}
    total = np.zeros(7, int)
    for name in only:
        keep = groups != name
        p = cross_validated(x[keep], y[keep], group_folds(groups[keep]))
        t = operating_threshold(p, y[keep])
        w, b = fit(x[keep], y[keep])
        here = [i for i in mine if turns[i].group == name]
        score = {i: float(sigmoid(vectors[i] @ w + b).max()) if len(scored[i]) else 0.0 for i in here}
        pos = [i for i in here if turns[i].label]

        def added(th: float, here: list[int] = here, score: dict[int, float] = score) -> np.ndarray:
            on = [i for i in here if asked[i] and not tables[i] and score[i] >= th]
            quiet = [i for i in on if turns[i].where == "quiet"]
            return np.array(
                [
                    sum(turns[i].label for i in on),
                    len(quiet),
                    len({turns[i].source for i in quiet}),
                    sum(turns[i].where == "other" for i in on),
                    sum(turns[i].where in ("list", "calm") and not turns[i].label for i in on),
                ]
            )

        for th in SWEEP:
            sweep[th] += added(th)
        gain, quiet, calls, other, look = added(t)
        calm = sum(turns[i].where == "calm" and asked[i] and not tables[i] and score[i] >= t for i in here)
        alone = sum(score[i] >= t for i in pos)
        row = np.array([sum(tables[i] for i in pos), len(pos), gain, alone, quiet, other, look])
        total += row
        print(
            f"{name:14s} {t:.2f} {row[0]:3d}/{row[1]:<3d} {gain:+4d}  {alone:3d}/{len(pos):<3d}"
            f"  {quiet:3d} ({calls})  {other:3d}  {look:3d}  {calm:3d}",
            flush=True,
        )
    print(
        f"total: tables {total[0]}/{total[1]}, +head {total[2]}, head alone {total[3]}/{total[1]}, quiet-call "
        f"turns {total[4]}, other unmarked {total[5]}, look-alike lines {total[6]}"
    )
    for th, (gain, quiet, calls, other, look) in sweep.items():
        print(
            f"at {th:.2f}: +{gain} closed doors, quiet-call turns {quiet} ({calls} calls), other {other}, "
            f"look-alikes {look}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail if the committed head differs")
    parser.add_argument("--groups", action="store_true", help="leave-one-group-out figures; writes nothing")
    parser.add_argument("--cache", type=Path, help="a pickle of embeddings kept between runs")
    parser.add_argument("--only", nargs="+", default=list(RECENT), help="--groups: these groups (default RECENT)")
    args = parser.parse_args()
    minilm.embed_as_fitted()
    embed = Embeddings(args.cache)
    x, y, groups, turns = training_set(embed)
    if args.groups:
        leave_one_group_out(x, y, groups, turns, embed, tuple(args.only))
        return 0
    spec = build(x, y, groups)
    print(
        f"positives {spec['positives']}/{spec['pieces']} pieces  threshold {spec['threshold']:.2f}  "
        f"group-fold CV recall {spec['cv_recall']:.3f} precision {spec['cv_precision']:.3f} "
        f"false-positive rate {spec['cv_false_positive_rate']:.3f}"
    )
    text = head_text(spec)
    return check_committed(HEAD_PATH, text) if args.check else write_head(HEAD_PATH, text)


if __name__ == "__main__":
    raise SystemExit(main())
