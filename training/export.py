"""Build the small ONNX graphs the training scripts commit under ``models/``.

Both committed models are logistic regressions: ``p = sigmoid(((x - mean) / scale) @ w + b)`` (arousal: the
smaller of two such heads)
and ``p = sigmoid(sum_i x_i @ w_i + b)`` over several inputs (text).
The graph is written with ``onnx.helper`` (no converter needed) and keeps the standardisation as
explicit ``Sub``/``Div`` nodes so the file stays readable in Netron. Used only by ``scripts/``
(training, never at call time).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 17


def logistic_model(
    *,
    mean: np.ndarray,
    scale: np.ndarray,
    weights: np.ndarray,
    bias: float | np.ndarray,
    input_name: str,
    output_name: str,
    graph_name: str,
    doc: str,
    metadata: Mapping[str, str],
) -> onnx.ModelProto:
    """A graph ``input_name: float32[N, F] -> output_name: float32[N, 1]`` (probability of class 1).

    ``weights`` ``[F]`` (one head) or ``[F, K]`` with ``bias`` ``[K]`` (K heads on the same standardised
    input): the output is then the smallest of the K probabilities (``ReduceMin``)."""
    w = np.asarray(weights, dtype=np.float32)
    w = w.reshape(-1, 1) if w.ndim == 1 else w
    n, k = w.shape
    b = np.asarray(bias, dtype=np.float32).reshape(-1)
    if mean.shape != (n,) or scale.shape != (n,) or b.shape != (k,):
        raise ValueError("mean and scale must have shape (F,), weights (F,) or (F, K), bias () or (K,)")
    inits = [
        numpy_helper.from_array(mean.astype(np.float32).reshape(1, n), "mean"),
        numpy_helper.from_array(scale.astype(np.float32).reshape(1, n), "scale"),
        numpy_helper.from_array(w, "weights"),
        numpy_helper.from_array(b, "bias"),
    ]
    nodes = [
        helper.make_node("Sub", [input_name, "mean"], ["centred"]),
        helper.make_node("Div", ["centred", "scale"], ["standardised"]),
        helper.make_node("MatMul", ["standardised", "weights"], ["logit_nobias"]),
        helper.make_node("Add", ["logit_nobias", "bias"], ["logit"]),
    ]
    if k == 1:
        nodes.append(helper.make_node("Sigmoid", ["logit"], [output_name]))
    else:
        inits.append(numpy_helper.from_array(np.array([0], dtype=np.int64), "first_head"))
        nodes += [
            helper.make_node("Sigmoid", ["logit"], ["p_heads"]),
            helper.make_node("ReduceMin", ["p_heads"], [output_name], axes=[1], keepdims=1),
            helper.make_node("Gather", ["p_heads", "first_head"], [f"{output_name}_first_head"], axis=1),
        ]
    graph = helper.make_graph(
        nodes,
        graph_name,
        [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, ["N", n])],
        [
            helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N", 1])
            for name in ([output_name] if k == 1 else [output_name, f"{output_name}_first_head"])
        ],
        initializer=inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="coach", doc_string=doc
    )
    model.ir_version = 8
    helper.set_model_props(model, dict(metadata))
    onnx.checker.check_model(model)
    return model


def linear_logistic_model(
    *,
    inputs: Sequence[tuple[str, np.ndarray]],
    bias: float,
    output_name: str,
    graph_name: str,
    doc: str,
    metadata: Mapping[str, str],
) -> onnx.ModelProto:
    """``p = sigmoid(sum_i x_i @ w_i + b)`` over several inputs ``x_i: float32[N, F_i]`` (no scaling)."""
    inits = [numpy_helper.from_array(np.array([bias], dtype=np.float32), "bias")]
    nodes = []
    terms = []
    graph_inputs = []
    for name, w in inputs:
        n = int(len(w))
        inits.append(numpy_helper.from_array(np.asarray(w, dtype=np.float32).reshape(n, 1), f"w_{name}"))
        nodes.append(helper.make_node("MatMul", [name, f"w_{name}"], [f"term_{name}"]))
        terms.append(f"term_{name}")
        graph_inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, ["N", n]))
    nodes.append(helper.make_node("Sum", [*terms, "bias"], ["logit"]))
    nodes.append(helper.make_node("Sigmoid", ["logit"], [output_name]))
    graph = helper.make_graph(
        nodes,
        graph_name,
        graph_inputs,
        [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, ["N", 1])],
        initializer=inits,
    )
    model = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", OPSET)], producer_name="coach", doc_string=doc
    )
    model.ir_version = 8
    helper.set_model_props(model, dict(metadata))
    onnx.checker.check_model(model)
    return model
