#!/usr/bin/env python
"""Evaluate the committed classifier models and print their metrics.

    .venv/bin/python scripts/eval_models.py [--data ../shared/data] [--skip-loso]

- arousal (the model alone, on single clips): leave-one-speaker-out CV of the training recipe
  (held-out speakers; clean and simulated telephone band; with a calm baseline and with none), then
  the committed ``models/arousal.onnx`` run through onnxruntime on every EmoDB clip with a calm
  baseline (resubstitution: these speakers are in its training data) and a check that the committed
  file equals a fresh fit of the recipe (reproducibility). Through a call: ``scripts/eval_escalation.py``;
- text: the committed ``models/text_anger.onnx`` through the run-time path on the GoEmotions dev
  split (used to choose C and the threshold, never to fit weights): AUC with bootstrap 95% CI,
  precision and recall at the committed threshold;
- words channel: text model, lexicon and the fused word evidence on GoEmotions dev and on the
  held-out call-centre phrasings (``training/data/call_centre_heldout.tsv``, never tuned on).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coach.classify.arousal import load_arousal_model  # noqa: E402
from coach.classify.text_anger import load_text_anger_model  # noqa: E402
from training import arousal_train as A  # noqa: E402
from training import text_train as T  # noqa: E402
from training.datasets import data_root, emodb_clips, goemotions  # noqa: E402


def eval_arousal(root: Path, loso: bool) -> None:
    clips = emodb_clips(root)
    speakers = np.array([c.speaker for c in clips])
    emotions = np.array([c.emotion for c in clips])
    x, x_aug = A.feature_sets(clips)
    if loso:
        res = A.loso(x, speakers, emotions, x_aug=x_aug)
        for scenario, p in res.p.items():
            print(A.format_summary(f"arousal LOSO clean, baseline={scenario}", A.summarise(p, speakers, emotions)))
        tel = A.loso(x, speakers, emotions, x_aug=x_aug, x_test=A.clip_features(clips, channel="telephone"))
        for scenario, p in tel.p.items():
            print(
                A.format_summary(
                    f"arousal LOSO telephone band, baseline={scenario}", A.summarise(p, speakers, emotions)
                )
            )
    model = load_arousal_model()
    committed = A.Population(mean=model.pop_mean, std=model.pop_std, prior_std=model.prior_std)
    p = model.predict(A.calm_baseline_inputs(x, speakers, emotions, committed))
    print(
        A.format_summary(
            "arousal committed ONNX on EmoDB (resubstitution, NOT held out)", A.summarise(p, speakers, emotions)
        )
    )
    fit, pop = A.train_final(x, speakers, emotions, x_aug=x_aug)
    z = A.calm_baseline_inputs(x, speakers, emotions, pop)
    diff = float(np.max(np.abs(fit.predict(z) - model.predict(z))))
    print(
        f"  reproducibility: max |committed ONNX - fresh fit| = {diff:.2e} "
        f"({'OK' if diff < 1e-3 else 'DIFFERS: rebuild with scripts/train_arousal.py'})"
    )


def eval_text(root: Path) -> None:
    model = load_text_anger_model()
    dev = goemotions(root, "dev")
    texts = [e.text for e in dev]
    emb, _ = T.embed_cached(texts, "dev")
    p = model.predict(emb, T.token_ids(texts))
    report = T.evaluate(p, dev, model.threshold)
    print(f"[text committed ONNX on GoEmotions dev] threshold p >= {model.threshold:.2f}")
    for name in ("vs_neutral", "vs_all_other", "vs_all_other_incl_disapproval"):
        print(
            f"  {name:30s} AUC {report[name + '_auc']:.3f} 95% CI [{report[name + '_auc_lo']:.3f}, "
            f"{report[name + '_auc_hi']:.3f}]  precision {report[name + '_precision']:.3f} "
            f"recall {report[name + '_recall']:.3f}  (n={int(report[name + '_n'])}, "
            f"positives={int(report[name + '_n_pos'])})"
        )


def eval_words(root: Path) -> None:
    """Text model, lexicon and their fusion on GoEmotions dev and the held-out call-centre list."""
    from coach.classify.escalation import EscalationConfig
    from coach.classify.lexicon import default_lexicon
    from coach.classify.text_anger import TextAngerScorer
    from training import words_eval as W
    from training.metrics import roc_auc

    cfg = EscalationConfig()
    scorer = TextAngerScorer()
    dev = goemotions(root, "dev")
    masks = T.dev_masks(dev)
    texts = [e.text for e in dev]
    emb, _ = T.embed_cached(texts, "dev")
    p_dev = scorer.model.predict(emb, T.token_ids(texts))
    lex_dev = W.lexicon_scores(texts, default_lexicon(), cfg)
    call_texts, call_y = W.heldout_phrasings()
    p_call = scorer.probabilities(call_texts)
    lex_call = W.lexicon_scores(call_texts, default_lexicon(), cfg)
    print("[words channel: text model, lexicon, fused word evidence (ROC AUC)]")
    rows = [
        ("GoEmotions dev, anger/annoyance vs neutral", masks["vs_neutral"], p_dev, lex_dev),
        ("GoEmotions dev, anger/annoyance vs all other", masks["vs_all_other"], p_dev, lex_dev),
        ("held-out call-centre phrasings", (np.ones(len(call_y), bool), call_y == 1), p_call, lex_call),
    ]
    for name, (m, y), p, lex in rows:
        fused = W.word_evidence(p[m], lex[m], cfg)
        print(
            f"  {name:46s} n={int(m.sum()):5d} (pos {int(y.sum()):4d})  model {roc_auc(y, p[m]):.3f}  "
            f"lexicon {roc_auc(y, lex[m]):.3f}  fused {roc_auc(y, fused):.3f}  lexicon hit rate pos "
            f"{np.mean(lex[m][y] > 0):.2f} neg {np.mean(lex[m][~y] > 0):.2f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--skip-loso", action="store_true", help="only the committed arousal model")
    parser.add_argument("--words-only", action="store_true", help="only the words channel")
    args = parser.parse_args(argv)
    root = data_root(args.data)
    if not args.words_only:
        eval_arousal(root, loso=not args.skip_loso)
        eval_text(root)
    eval_words(root)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
