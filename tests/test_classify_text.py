"""Text anger head: the committed ONNX over MiniLM embeddings + token bag, on contact-centre sentences.

These sentences were written for this test (not GoEmotions); the model has never seen them.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coach.classify.escalation import EscalationTracker
from coach.classify.onnx_session import ModelMissingError
from coach.classify.text_anger import TextAngerScorer, load_text_anger_model
from coach.types import SAMPLE_RATE
from training.metrics import roc_auc

ANGRY = [
    "This is the third time I've called and nobody has fixed it, it's ridiculous.",
    "Why the hell was I charged twice? This is a joke.",
    "Honestly your service is useless and I'm furious.",
    "I am sick and tired of being passed around, I want this sorted now.",
    "Stop reading me the script, you people never listen!",
    "I'm so annoyed, you promised me a refund weeks ago and I still have nothing.",
]
NEUTRAL = [
    "I'd like to update the address on my account.",
    "Could you tell me when the parcel will arrive?",
    "Yes, my date of birth is the fourth of May.",
    "Thanks, that's everything I needed.",
    "Okay, I'll wait for the email then.",
    "The reference number is four five two one.",
]


@pytest.fixture(scope="module")
def scorer() -> TextAngerScorer:
    return TextAngerScorer()


def test_angry_complaints_score_above_neutral_requests(scorer: TextAngerScorer) -> None:
    p = scorer.probabilities(ANGRY + NEUTRAL)
    angry, neutral = p[: len(ANGRY)], p[len(ANGRY) :]
    assert roc_auc(np.r_[np.ones(len(ANGRY)), np.zeros(len(NEUTRAL))], p) >= 0.9
    assert np.median(angry) > 3 * np.median(neutral)
    assert np.all(neutral < scorer.model.threshold)  # no calm request passes the operating threshold


def test_reading_has_threshold_flag_word_count_and_lexicon_hits(scorer: TextAngerScorer) -> None:
    r = scorer.score("Why the hell was I charged twice? This is a joke.")
    assert r.angry and r.n_words == 11
    assert [h.phrase for h in r.hits] == ["charged twice", "a joke"]
    assert scorer.score("").p == 0.0


def test_batch_and_single_scores_agree(scorer: TextAngerScorer) -> None:
    batch = scorer.probabilities(ANGRY[:3])
    single = [scorer.probabilities([t])[0] for t in ANGRY[:3]]
    np.testing.assert_allclose(batch, single, atol=2e-3)


def test_text_readings_drive_the_tracker_up(scorer: TextAngerScorer) -> None:
    tracker = EscalationTracker()
    state = None
    for i, text in enumerate(ANGRY[:4]):
        r = scorer.score(text)
        state = tracker.push_words((i + 1) * 5 * SAMPLE_RATE, r.p, n_words=r.n_words, hits=r.hits)
    assert state is not None and state.level in ("tense", "escalated") and state.drivers["lexicon"]


def test_missing_head_names_the_rebuild_script(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="scripts/train_text_anger.py"):
        load_text_anger_model(tmp_path / "nope.onnx")


def test_words_channel_separates_held_out_call_centre_phrasings() -> None:
    """The held-out list (``training/data/call_centre_heldout.tsv``) was written for evaluation only;
    the fused word evidence (text model + lexicon, as the fusion sees one utterance) must rank the
    frustrated lines above the calm ones. Measured 0.940 (scripts/eval_models.py --words-only)."""
    from coach.classify.escalation import EscalationConfig
    from coach.classify.lexicon import default_lexicon
    from coach.classify.text_anger import TextAngerScorer
    from training import words_eval as W

    cfg = EscalationConfig()
    texts, y = W.heldout_phrasings()
    assert len(texts) >= 60 and 0.3 < y.mean() < 0.7
    fused = W.word_evidence(
        TextAngerScorer().probabilities(texts), W.lexicon_scores(texts, default_lexicon(), cfg), cfg
    )
    assert roc_auc(y == 1, fused) >= 0.9


def test_embedder_counts_its_model_runs_not_its_cache_hits(scorer: TextAngerScorer) -> None:
    # scripts/bench_escalation.py --calls reads these counters for the MiniLM share of the stage's CPU
    embedder = scorer.embedder
    text = "the embedder counts this sentence once, test_embedder_counts"
    runs, cpu = embedder.model_runs, embedder.model_cpu_s
    embedder.encode([text])
    embedder.encode([text])  # the cache answers
    assert embedder.model_runs == runs + 1 and embedder.model_cpu_s > cpu


def test_int8_weights_run_as_int8_and_embed_close_to_the_shipped_graph() -> None:
    # coach/classify/minilm.py keeps the file's int8 weights int8 at run time (issue 10's cost); the
    # heads were trained on the shipped graph's embeddings, which must stay close
    import onnx

    from coach.classify.minilm import SentenceEmbedder, int8_matmul_graph, model_path

    graph = onnx.load_from_string(int8_matmul_graph(model_path())).graph
    ops = [n.op_type for n in graph.node]
    # 6 layers x 6 weight matrices; the 12 MatMuls left are attention's (activations by activations)
    assert ops.count("DynamicQuantizeMatMul") == 36 and ops.count("MatMul") == 12
    texts = ANGRY[:3] + NEUTRAL[:3]
    int8 = SentenceEmbedder(int8_matmuls=True)
    fp32 = SentenceEmbedder(int8_matmuls=False)
    cosine = (int8.embed(texts) * fp32.embed(texts)).sum(axis=1)
    assert cosine.min() > 0.95
    # an embedding is a function of its text alone (the cache relies on it): a batch gives the same bits
    int8.forget()
    alone = np.stack([int8._run([t], 32)[0][0] for t in texts])
    np.testing.assert_array_equal(int8._run(texts, 32)[0], alone)


def test_fused_attention_graph_keeps_the_embeddings() -> None:
    # issue 10's cost: each layer's exported attention (~25 small nodes) and erf GELU (5 nodes) run as
    # one kernel each; the arithmetic is the same, so embeddings agree to float rounding
    import onnx

    from coach.classify.minilm import SentenceEmbedder, fused_int8_graph, model_path

    ops = [n.op_type for n in onnx.load_from_string(fused_int8_graph(model_path())).graph.node]
    assert ops.count("MultiHeadAttention") == 6 and ops.count("Gelu") == 6
    assert ops.count("DynamicQuantizeMatMul") == 36
    assert "Softmax" not in ops and "Erf" not in ops and "MatMul" not in ops
    texts = [*ANGRY[:3], *NEUTRAL[:3], "ok", "so that is three calls and still no engineer, what now"]
    fused = SentenceEmbedder(int8_matmuls=True, fused_attention=True)
    plain = SentenceEmbedder(int8_matmuls=True, fused_attention=False)
    assert fused.fused_attention and not plain.fused_attention
    assert fused._session is not plain._session
    cosine = (fused.embed(texts) * plain.embed(texts)).sum(axis=1)
    assert cosine.min() > 0.999
    fused.forget()
    alone = np.stack([fused._run([t], 32)[0][0] for t in texts])
    np.testing.assert_array_equal(fused._run(texts, 32)[0], alone)
