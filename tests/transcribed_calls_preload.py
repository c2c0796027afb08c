"""Imported once by the transcribed calls' forkserver (``tests/transcribed_calls.py``) before it forks
the three analysing processes: the product's analyzer modules, the libraries the analyzer loads lazily
(onnxruntime, faster-whisper), the rewritten ONNX graphs in the product's disk cache (MiniLM's both ways,
uint8 and int8 weights: which loads depends on the CPU, ``coach.classify.int8_probe``, not asked here)
(``coach.graph_cache``: rewritten and stored here on a cold cache, so the forks only read them and none
imports ``onnx``), and librosa's numba code, loaded under the
inter-process compile lock (``coach.dsp.jit``) at the tests' priority, and the product's configuration
(``load_config``: the language settings parsed and their phrase patterns compiled, ~2.8 CPU-s under load,
remembered by ``coach.language.config`` for the same files). Each forked process starts with all of it in
memory instead of paying it again (about 3.8 CPU-s each on this VM for the imports and librosa, ~2.8 for the
configuration). Nothing here starts a model or a thread of the product's: a model's threads would not survive
the fork."""

from __future__ import annotations

from pathlib import Path

import faster_whisper  # noqa: F401
import onnxruntime  # noqa: F401

import coach.pipeline.factory  # noqa: F401
import coach.sources.recording  # noqa: F401
import coach.sources.replay  # noqa: F401
from coach.classify import int8_probe
from coach.classify.minilm import fused_int8_graph, fused_signed_graph, model_path
from coach.config import load_config
from coach.dsp.jit import prepare_librosa
from coach.graph_cache import cached_graph
from coach.vad.silero import default_model_path, lane_batched_graph

prepare_librosa()
load_config()
cached_graph(default_model_path(), lane_batched_graph)
for rewrite in (fused_int8_graph, fused_signed_graph):  # which one loads is the CPU's (minilm.SIGNED_WEIGHTS); no
    cached_graph(model_path(), rewrite)  # session is made here to ask it (nothing of ORT's before the fork)
cached_graph(Path(int8_probe.__file__), int8_probe.probe_graph)  # the graph that asks it, in each fork
