"""The sentence embedder's cache is keyed by token sequence (issue 10's cost): texts that differ only in
case or white space (a partial's words joined by spaces, the final's text) share one model run, with the
same bits as a run of their own."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("onnxruntime")

from coach.classify.minilm import CACHE_TEXTS, SentenceEmbedder  # noqa: E402
from coach.classify.onnx_session import ModelMissingError  # noqa: E402


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    try:
        return SentenceEmbedder()
    except ModelMissingError as exc:  # pragma: no cover - the model wheel is a dependency
        pytest.skip(str(exc))


def test_texts_with_the_same_tokens_share_one_run_and_its_bits(embedder: SentenceEmbedder) -> None:
    embedder.forget()
    alone = embedder._run(["I want to speak to a manager right now."], 1)[0][0]
    runs, hits = embedder.model_runs, embedder.token_hits
    first, ids = embedder.encode(["I want to speak to a manager right now."])
    same, same_ids = embedder.encode(["i want to speak  to a Manager right now."])
    assert embedder.model_runs == runs + 1 and embedder.token_hits == hits + 1
    np.testing.assert_array_equal(first[0], alone)
    np.testing.assert_array_equal(same[0], alone)
    assert ids == same_ids


def test_a_batch_runs_each_token_sequence_once(embedder: SentenceEmbedder) -> None:
    embedder.forget()
    texts = ["Nobody told us that.", "nobody told us that.", "Nobody told us that", "Nobody told us that."]
    runs = embedder.model_runs
    emb, ids = embedder.encode(texts)
    assert embedder.model_runs == runs + 2  # the full stop is a token of its own
    np.testing.assert_array_equal(emb[0], emb[1])
    np.testing.assert_array_equal(emb[0], emb[3])
    assert not np.array_equal(emb[0], emb[2])
    assert ids[0] == ids[1] == ids[3] != ids[2]
    embedder.forget()
    again = np.stack([embedder.encode([t])[0][0] for t in texts])
    np.testing.assert_array_equal(again, emb)


def test_the_cache_keeps_the_recent_sequences_and_forget_empties_it(embedder: SentenceEmbedder) -> None:
    embedder.forget()
    embedder.encode([f"sentence number {i}" for i in range(CACHE_TEXTS + 1)])
    runs = embedder.model_runs
    embedder.encode([f"SENTENCE NUMBER {CACHE_TEXTS}"])  # recent: cached
    assert embedder.model_runs == runs
    embedder.encode(["sentence number 0"])  # the oldest: dropped
    assert embedder.model_runs == runs + 1
    embedder.forget()
    embedder.encode([f"sentence number {CACHE_TEXTS}"])
    assert embedder.model_runs == runs + 2
