"""Customer-escalation classifiers: acoustic arousal, text anger, lexicon markers and their fusion.

Compliance: everything in this package infers emotion and runs on the **customer lane only**.

Modules (importing this package loads nothing heavy):

- ``arousal_features`` / ``normaliser`` / ``arousal``: features of a 2 s speech window, the per-customer
  baseline, and the run-time wrapper of ``models/arousal.onnx``;
- ``minilm`` / ``text_anger``: sentence embeddings and the run-time wrapper of ``models/text_anger.onnx``;
- ``lexicon`` (+ ``escalation_lexicon.toml``): escalation marker matching;
- ``escalation``: ``EscalationTracker``, the per-call fusion with hysteresis, and ``EscalationConfig``.

Training and evaluation code lives outside the run-time package, in the top-level ``training``
package (used by ``scripts/train_*.py``, ``scripts/eval_*.py``).
"""
