"""Whether this CPU's ONNX Runtime multiplies uint8 activations by int8 weights exactly (issue 10, cost).

MiniLM's weight matrices run as ``com.microsoft.DynamicQuantizeMatMul``
(:func:`coach.classify.minilm.int8_matmul_graph`): the activations quantised to uint8 per run, the weights the model
file's int8 values. They are stored as uint8 with zero point 128 because ONNX Runtime's uint8 x int8 kernel on a CPU
with AVX2 but no VNNI sums pairs of products in 16 bits and saturates (255 x -128 twice), so its embeddings would
differ from the exact ones. On a CPU with VNNI
(AVX-VNNI, AVX512-VNNI) or AMX the uint8 x int8 kernel accumulates in 32 bits: the integer products are exact, the
same as uint8 x uint8 with the zero point taken off, so the output is the same to the bit, and it is cheaper (this
VM's Xeon with AMX: MiniLM 5.6 -> 3.3 ms CPU a run, docs/benchmarks.md, session 55, E67).

Which kernel runs is ONNX Runtime's choice from the CPU it finds; this module measures the outcome instead of reading
CPU flags: :func:`signed_weights_exact` runs one small graph (:func:`probe_graph`) that multiplies the same weights
both ways, uint8 with zero point 128 and int8 with zero point 0, at MiniLM's two inner sizes (384, 1536), on
activations that saturate a 16-bit pair sum (a row of ones quantises to 255, against columns of -128 and of 127) and
on random ones, and says whether every output is bitwise the same. Once a process (~1-2 ms with the graph cached on
disk by :func:`coach.graph_cache.cached_graph`; building it imports ``onnx`` once).
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path

import numpy as np

from coach.classify.onnx_session import get_session

log = logging.getLogger(__name__)

PROBE_K = (384, 1536)
"""The inner sizes of MiniLM's weight matrices (hidden size, feed-forward size)."""
PROBE_N = 8
"""Output columns a probe matrix has: the first all -128, the second all 127, the rest random int8."""
PROBE_ROWS = 6
"""Activation rows a probe runs: ones, minus ones, then random in [-1, 1]."""
SEED = 55
"""Seed of the probe's random weights and activations (the same probe in every process)."""


def probe_weights(k: int) -> np.ndarray:
    """``[k, PROBE_N]`` int8 weights of the probe at inner size ``k`` (see :data:`PROBE_N`)."""
    w = np.random.default_rng((SEED, k, 0)).integers(-128, 128, size=(k, PROBE_N)).astype(np.int8)
    w[:, 0], w[:, 1] = -128, 127
    return w


def probe_inputs(k: int) -> np.ndarray:
    """``[PROBE_ROWS, k]`` float32 activations of the probe at inner size ``k`` (see :data:`PROBE_ROWS`)."""
    a = np.random.default_rng((SEED, k, 1)).uniform(-1.0, 1.0, size=(PROBE_ROWS, k)).astype(np.float32)
    a[0], a[1] = 1.0, -1.0
    return a


def probe_graph(_source: Path) -> bytes:
    """The probe's serialised ONNX graph: per inner size ``k`` of :data:`PROBE_K`, input ``a{k}`` ``[rows, k]``
    float32 and two ``DynamicQuantizeMatMul`` outputs over :func:`probe_weights`: ``u{k}`` (the weights plus 128 as
    uint8, zero point 128: how MiniLM's weights run by default) and ``s{k}`` (the int8 values, zero point 0), with
    the same per-column scales. ``_source`` is unused (the graph cache keys the file by it and by this module's
    text)."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    nodes, inits, inputs, outputs = [], [], [], []
    for k in PROBE_K:
        w = probe_weights(k)
        inputs.append(helper.make_tensor_value_info(f"a{k}", TensorProto.FLOAT, ["rows", k]))
        inits += [
            numpy_helper.from_array((w.astype(np.int16) + 128).astype(np.uint8), f"w_u{k}"),
            numpy_helper.from_array(np.array(128, np.uint8), f"zero_u{k}"),
            numpy_helper.from_array(w, f"w_s{k}"),
            numpy_helper.from_array(np.array(0, np.int8), f"zero_s{k}"),
            numpy_helper.from_array(np.linspace(0.01, 0.02, PROBE_N, dtype=np.float32), f"scale{k}"),
        ]
        for kind in ("u", "s"):
            nodes.append(
                helper.make_node(
                    "DynamicQuantizeMatMul",
                    [f"a{k}", f"w_{kind}{k}", f"scale{k}", f"zero_{kind}{k}"],
                    [f"{kind}{k}"],
                    domain="com.microsoft",
                )
            )
            outputs.append(helper.make_tensor_value_info(f"{kind}{k}", TensorProto.FLOAT, ["rows", PROBE_N]))
    graph = helper.make_graph(nodes, "int8_probe", inputs, outputs, inits)
    opsets = [helper.make_opsetid("", 17), helper.make_opsetid("com.microsoft", 1)]
    model = helper.make_model(graph, opset_imports=opsets, ir_version=10)
    onnx.checker.check_model(model)
    return model.SerializeToString()


@functools.cache
def signed_weights_exact() -> bool:
    """Whether ONNX Runtime's ``DynamicQuantizeMatMul`` gives bitwise the same output with int8 weights (zero point 0)
    as with the same weights as uint8 (zero point 128) on this CPU (:func:`probe_graph`); False also when the probe
    cannot run (then MiniLM keeps its uint8 weights, as before). Measured once a process."""
    try:
        session = get_session(Path(__file__), "the probe is built from this module", rewrite=probe_graph)
        names = [o.name for o in session.get_outputs()]
        out = dict(zip(names, session.run(None, {f"a{k}": probe_inputs(k) for k in PROBE_K}), strict=True))
    except Exception as exc:  # noqa: BLE001 (an ONNX Runtime without the kernel, a cache or build failure)
        log.warning("int8 probe failed, MiniLM keeps its uint8 weights: %s", exc)
        return False
    return all(np.array_equal(out[f"u{k}"], out[f"s{k}"]) for k in PROBE_K)
