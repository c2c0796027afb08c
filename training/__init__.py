"""Training and evaluation code of the classifier models (never imported at call time).

- ``datasets``: readers for the labelled corpora under ``shared/data`` (EmoDB, GoEmotions);
- ``arousal_train`` / ``text_train``: the recipes behind ``models/arousal.onnx`` and
  ``models/text_anger.onnx`` (``scripts/train_*.py``);
- ``export``: writes the small ONNX graphs; ``metrics``: ROC AUC, bootstrap intervals, thresholds.

Needs the ``[train]`` extra (scikit-learn, onnx). The run-time package ``coach`` must not import
anything from here; ``tests/test_classify_arousal.py`` checks this.
"""
