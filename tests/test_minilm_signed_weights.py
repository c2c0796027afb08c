"""MiniLM's int8 weights stored as int8 (zero point 0) where the CPU multiplies them exactly (issue 10, cost).

``coach.classify.int8_probe.signed_weights_exact`` decides by running the same weights both ways; the embedder then
loads ``minilm.fused_signed_graph``, whose embeddings must be the uint8 graph's to the bit (the heads, the caches and
every escalation reading rest on them). Where the probe says no, or cannot run, nothing changes."""

from __future__ import annotations

import numpy as np
import pytest

from coach.classify import int8_probe, minilm

TEXTS = [
    "I've been waiting three weeks for my refund and nobody has called me back.",
    "Can you confirm the address you have on file for me please?",
    "ok",
    "This is the THIRD time I'm calling about this, it's absolutely ridiculous!!!",
]


def _quantised(a: np.ndarray) -> tuple[np.ndarray, int]:
    """ONNX Runtime's dynamic uint8 quantisation of ``a`` (range widened to hold 0): the values and zero point."""
    lo, hi = min(float(a.min()), 0.0), max(float(a.max()), 0.0)
    scale = (hi - lo) / 255.0
    zero = int(np.clip(np.round(-lo / scale), 0, 255))
    return np.clip(np.round(a / scale) + zero, 0, 255).astype(np.int64), zero


def _pairs_saturated(q: np.ndarray, w: np.ndarray) -> np.ndarray:
    """``q @ w`` as an AVX2 uint8 x int8 kernel without VNNI sums it: two products at a time into int16, saturated."""
    products = q[:, :, None] * w[None, :, :]  # [rows, k, n]
    pairs = products[:, 0::2, :] + products[:, 1::2, :]
    return np.clip(pairs, -32768, 32767).sum(axis=1)


@pytest.mark.parametrize("k", int8_probe.PROBE_K)
def test_the_probe_catches_a_kernel_that_saturates(k) -> None:
    # the probe's activations and weights are such that a 16-bit pair sum overflows: a saturating kernel's int8
    # products differ from the exact ones (which the uint8 weights give), so the probe would say no
    q, _ = _quantised(int8_probe.probe_inputs(k))
    w = int8_probe.probe_weights(k).astype(np.int64)
    assert q[0].min() == 255 and (w[:, 0] == -128).all() and (w[:, 1] == 127).all()
    exact = q @ w
    assert not np.array_equal(_pairs_saturated(q, w), exact)
    assert (_pairs_saturated(q, w)[0, :2] != exact[0, :2]).all()  # the row of ones against -128 and 127 columns


def _small_graph(zero_points: tuple[int, ...]) -> bytes:
    """A graph of ``DynamicQuantizeMatMul`` nodes as :func:`minilm.int8_matmul_graph` writes them (uint8 weights,
    their own zero point each), chained, beside the embedding table a ``Gather`` reads (not a matmul's)."""
    from onnx import TensorProto, helper, numpy_helper

    rng = np.random.default_rng(0)
    nodes, inits, x = [], [numpy_helper.from_array(np.arange(12, dtype=np.uint8).reshape(3, 4), "table")], "x"
    for i, zero in enumerate(zero_points):
        inits += [
            numpy_helper.from_array(rng.integers(0, 256, (4, 4)).astype(np.uint8), f"w{i}_u8"),
            numpy_helper.from_array(np.full(4, 0.5, np.float32), f"s{i}"),
            numpy_helper.from_array(np.array(zero, np.uint8), f"w{i}_zero"),
        ]
        node = helper.make_node("DynamicQuantizeMatMul", [x, f"w{i}_u8", f"s{i}", f"w{i}_zero"], [f"y{i}"], "mm")
        node.domain, node.name, x = "com.microsoft", f"mm{i}", f"y{i}"
        nodes.append(node)
    nodes.append(helper.make_node("Gather", ["table", "ids"], ["rows"]))
    kinds = (("x", TensorProto.FLOAT), ("ids", TensorProto.INT64))
    inputs = [helper.make_tensor_value_info(n, t, None) for n, t in kinds]
    outputs = [helper.make_tensor_value_info(n, TensorProto.FLOAT, None) for n in (x, "rows")]
    return helper.make_model(helper.make_graph(nodes, "small", inputs, outputs, inits)).SerializeToString()


def test_the_signed_graph_holds_the_same_matrices() -> None:
    import onnx
    from onnx import numpy_helper

    def initialisers(graph: bytes) -> dict[str, np.ndarray]:
        return {i.name: numpy_helper.to_array(i) for i in onnx.load_from_string(graph).graph.initializer}

    before = _small_graph((128, 128))
    after = initialisers(minilm.signed_weights_graph(before, matmuls=2))
    before_init = initialisers(before)
    for i in range(2):
        w, zero = after[f"w{i}_u8"], after[f"w{i}_zero"]
        assert w.dtype == np.int8 and zero.dtype == np.int8 and int(zero) == 0
        np.testing.assert_array_equal(w.astype(np.int16), before_init[f"w{i}_u8"].astype(np.int16) - 128)
    np.testing.assert_array_equal(after["table"], before_init["table"])  # not a matmul's weight: as it was
    assert after["table"].dtype == np.uint8
    with pytest.raises(ValueError, match="zero point 128"):
        minilm.signed_weights_graph(_small_graph((128, 0)), matmuls=2)  # another zero point: not the same matrix
    with pytest.raises(ValueError, match="expected 36"):
        minilm.signed_weights_graph(before)  # not MiniLM's 36


def test_signed_weights_where_exact_give_the_same_embeddings_to_the_bit() -> None:
    default = minilm.SentenceEmbedder()
    unsigned = minilm.SentenceEmbedder(signed_weights=False)
    assert not unsigned.signed_weights
    assert default.signed_weights == int8_probe.signed_weights_exact()  # on this CPU: what the probe measured
    if not default.signed_weights:
        assert default._session is unsigned._session  # nothing changes where the kernel is not exact
        return
    assert default._session is not unsigned._session
    for text in TEXTS:  # one text a run, as the embedder runs them
        np.testing.assert_array_equal(default._run([text], 1)[0], unsigned._run([text], 1)[0])


def test_a_probe_that_cannot_run_keeps_the_uint8_weights(monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise RuntimeError("no DynamicQuantizeMatMul kernel")

    monkeypatch.setattr(int8_probe, "get_session", broken)
    assert int8_probe.signed_weights_exact.__wrapped__() is False
    monkeypatch.setattr(minilm, "signed_weights_exact", lambda: False)
    assert not minilm.SentenceEmbedder().signed_weights
    assert minilm.default_graph_rewrite() is minilm.fused_int8_graph


def test_the_rewrite_follows_the_settings() -> None:
    rewrite = minilm.graph_rewrite
    assert rewrite(int8_matmuls=False, fused_attention=False, signed_weights=False) is None
    assert rewrite(int8_matmuls=True, fused_attention=True, signed_weights=True) is minilm.fused_signed_graph
    assert rewrite(int8_matmuls=True, fused_attention=True, signed_weights=False) is minilm.fused_int8_graph
    assert rewrite(int8_matmuls=True, fused_attention=False, signed_weights=True) is minilm.signed_int8_graph
    assert rewrite(int8_matmuls=True, fused_attention=False, signed_weights=False) is minilm.int8_matmul_graph
