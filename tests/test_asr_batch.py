"""``[asr] backlog_batch``: a backed-up pack of finals decoded as ONE CTranslate2 batch, each final in its own
encoder window (:meth:`coach.asr.engine.WhisperEngine.batch_segments`), docs/asr.md "Session 23 (A18)"."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.decodeproc import DecodeProcesses
from coach.asr.engine import DecodedSegment, DecodeOptions, get_engine
from coach.asr.profile import PROFILE_ENV, merged
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL, DecodeRequest
from coach.asr.textnorm import normalize, wer
from coach.types import SAMPLE_RATE, Lane
from tests.test_asr_scheduler import Clock, ScriptedDecoder, request, texts
from training.asr_corpus import asterisk, jfk


class ScriptedBatch:
    """A batch decoder on :class:`ScriptedDecoder` (each stretch decoded alone), recording every batch's
    lengths, beam and encoder frames; stretches whose first word is in ``refuse`` come back ``None``."""

    def __init__(self, decoder: ScriptedDecoder, refuse: frozenset[str] = frozenset()) -> None:
        self.decoder, self.refuse = decoder, refuse
        self.batches: list[tuple[list[int], int, int]] = []

    def __call__(self, pcms: list[np.ndarray], options: DecodeOptions) -> list[list[DecodedSegment] | None]:
        longest = max(len(p) for p in pcms) / SAMPLE_RATE
        self.batches.append(([len(p) for p in pcms], options.beam_size, options.encoder_frames(longest)))
        out: list[list[DecodedSegment] | None] = []
        for pcm in pcms:
            segs = self.decoder(pcm, None, options)
            out.append(None if segs and segs[0].words[0].word.strip() in self.refuse else segs)
        return out


def backlog(config: AsrConfig, batch: ScriptedBatch | None, decoder: ScriptedDecoder) -> list[str]:
    """One fresh final, then three finals that back up (taken together once the oldest waited 1.5 s)."""
    clock = Clock()
    sched = DecodeScheduler(config, decode=decoder, decode_batch=batch, threads=0, clock=clock)
    first = sched.submit(request(FINAL, [1] * 4))
    assert sched.step()  # alone and fresh: beam search, never a batch
    lanes = (Lane.AGENT, Lane.CUSTOMER)
    queued = [sched.submit(request(FINAL, [k] * (2 + k), lane=lanes[k % 2], utt=k)) for k in (2, 3, 4)]
    clock.t = 1.5
    assert sched.step() and not sched.step()
    return texts([first, *queued])


def test_a_backed_up_pack_of_finals_is_one_batch_in_short_windows_only_when_set():
    assert AsrConfig().backlog_batch and AsrConfig().backlog_encoder_window_s == 10.0  # the defaults (A18)
    config = AsrConfig(
        final_greedy_backlog_s=1.0, backlog_batch=True, backlog_encoder_window_s=10.0, backlog_batch_rows=0
    )
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder)
    expected = [" ".join([f"w{k}"] * n) for k, n in ((1, 4), (2, 4), (3, 5), (4, 6))]
    assert backlog(config, batch, decoder) == expected
    lengths = [len(request(FINAL, [k] * (2 + k)).pcm) for k in (2, 3, 4)]
    # the longest final (3 s) + 2 s of silence, at least 10 s: 1000 mel frames each; greedy (beam_size)
    assert batch.batches == [(lengths, config.beam_size, 1000)]
    assert [beam for _, beam in decoder.calls] == [config.final_beam_size, 1, 1, 1]  # the batch's three alone
    off = ScriptedBatch(ScriptedDecoder())
    assert backlog(AsrConfig(final_greedy_backlog_s=1.0, backlog_batch=False), off, ScriptedDecoder()) == expected
    assert off.batches == []  # backlog_batch off: packed in time as before


def test_a_final_the_batch_refuses_is_decoded_again_alone_with_the_backlog_options():
    config = AsrConfig(
        final_greedy_backlog_s=1.0, backlog_batch=True, backlog_encoder_window_s=10.0, backlog_batch_rows=0
    )
    decoder = ScriptedDecoder()
    batch = ScriptedBatch(decoder, refuse=frozenset({"w3"}))
    assert backlog(config, batch, decoder)[2] == "w3 w3 w3 w3 w3"
    assert len(batch.batches) == 1
    # beam 5 for the fresh final, three greedy inside the batch, then w3 again alone, greedy
    assert [beam for _, beam in decoder.calls] == [config.final_beam_size, 1, 1, 1, 1]
    assert decoder.calls[-1][0] == len(request(FINAL, [3] * 5).pcm)


# ---- real model on real speech ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def utterances(shared_data) -> list[tuple[np.ndarray, str]]:
    """Prompts of different words, one short, one long (jfk, 11 s)."""
    stems = ["agent-alreadyon", "conf-kicked", "queue-youarenext", "vm-calldiffnum", "demo-thanks", "vm-savefolder"]
    return [(c.pcm, c.text) for c in [asterisk(s) for s in stems] + [jfk()]]


def test_batched_real_finals_of_different_calls_keep_only_their_own_words(utterances):
    """Adversarial: every utterance is decoded in the same batch as the others; none gets a word of another
    that decoding it alone does not give too, each is heard (WER <= 0.25), word times lie in its own audio."""
    engine = get_engine(AsrConfig())
    options = DecodeOptions(beam_size=1, encoder_window_s=10.0, encoder_pad_s=2.0)
    out = engine.batch_segments([pcm for pcm, _ in utterances], options=options)
    assert engine.last_encoder_frames() == [1300]  # jfk's 11 s + 2 s of silence: one window size for all
    assert all(segs is not None for segs in out)  # each stretch is decoded in its window's one pass
    own_words_only(engine, utterances, ["".join(s.text for s in segs) for segs in out])
    for segs, (pcm, _) in zip(out, utterances, strict=True):
        words = [w for s in segs for w in s.words]
        assert words and all(0.0 <= w.start <= w.end <= len(pcm) / SAMPLE_RATE + 0.5 for w in words)


def own_words_only(engine, utterances: list[tuple[np.ndarray, str]], hyps: list[str]) -> None:
    """No hypothesis holds a word of another utterance that decoding its own alone does not give too; each
    is heard (WER <= 0.25)."""
    vocab = [set(normalize(text).split()) for _, text in utterances]
    for i, (hyp, (pcm, text)) in enumerate(zip(hyps, utterances, strict=True)):
        others = set().union(*(v for j, v in enumerate(vocab) if j != i)) - vocab[i]
        foreign = [w for w in normalize(hyp).split() if w in others]
        if foreign:
            alone = set(normalize(engine.transcribe(pcm).text).split())
            assert not [w for w in foreign if w not in alone], (i, hyp)
        assert wer(text, hyp) <= 0.25, (i, hyp)


def test_the_scheduler_and_a_decode_process_batch_real_backed_up_finals(utterances, tmp_path, monkeypatch):
    """Through the scheduler (in-process model, then a decode process): a backlog of all the utterances is one
    batch per pack (in parts of at most ``backlog_batch_rows``), every final heard and only its own words (the same
    check as above). The decode process runs with the profiling flag (``coach.asr.profile``): the same words, and
    the batch counted as one request of three rows, one encoder pass, its CPU mostly the model's."""
    config = AsrConfig(final_greedy_backlog_s=0.5, backlog_batch=True, backlog_encoder_window_s=10.0)
    engine = get_engine(config)
    monkeypatch.setenv(PROFILE_ENV, str(tmp_path))
    procs = DecodeProcesses(config, 1)
    try:
        pcms = [pcm for pcm, _ in utterances[:3]]
        options = DecodeOptions(beam_size=1, encoder_window_s=10.0, encoder_pad_s=2.0)
        assert procs.decode_batch(pcms, options) == engine.batch_segments(pcms, options=options)
    finally:
        procs.close()
    (batch,) = merged(tmp_path).values()
    assert (batch["requests"], batch["rows"], batch["encoder_calls"], batch["decodes"]) == (1, 3, 1, 0)
    assert batch["encoder"] > 0 and batch["generate"] > 0 and batch["rest"] < 0.5 * batch["cpu_s"]
    sched, futures = real_backlog(
        config, engine, utterances, lambda pcms, opts: engine.batch_segments(pcms, options=opts)
    )
    assert sched.stats()["greedy_final_packs"] >= 1
    assert sched.stats()["windows"] < len(utterances)  # finals really shared a batch
    own_words_only(engine, utterances, texts(futures))


def real_backlog(config: AsrConfig, engine, utterances, decode_batch):
    """Every utterance submitted as a final (lanes alternating) to a scheduler on the real ``engine``, drained once
    each has waited past ``final_greedy_backlog_s`` (backlog packs, decoded by ``decode_batch``): the scheduler and
    the futures."""
    clock = Clock()
    sched = DecodeScheduler(
        config,
        decode=lambda pcm, prompt, opts: engine.segments(pcm, prompt=prompt, options=opts),
        decode_batch=decode_batch,
        threads=0,
        clock=clock,
    )
    futures = [
        sched.submit(DecodeRequest((Lane.AGENT, Lane.CUSTOMER)[i % 2], FINAL, i, 0, pcm, 0, len(pcm), 1.0, len(pcm)))
        for i, (pcm, _) in enumerate(utterances)
    ]
    clock.t = 2.0  # every final has waited past final_greedy_backlog_s (0.5 or 1 s): backlog packs
    sched.drain()
    return sched, futures


def test_the_default_decodes_a_real_backlog_in_batches_of_at_most_two_rows(utterances):
    """``backlog_batch_rows = 2`` by default (session 42, A36): through the scheduler with the shipped settings,
    a backlog of all the utterances is decoded by real tiny.en in batches of at most two rows, some of two, every
    final heard and only its own words; with ``backlog_batch_rows = 0`` the same backlog is larger batches."""
    sizes: dict[int, list[int]] = {}
    for config in (AsrConfig(), AsrConfig(backlog_batch_rows=0)):
        engine = get_engine(config)
        batches = sizes.setdefault(config.backlog_batch_rows, [])

        def decode_batch(pcms, opts, engine=engine, batches=batches):
            batches.append(len(pcms))
            return engine.batch_segments(pcms, options=opts)

        _, futures = real_backlog(config, engine, utterances, decode_batch)
        own_words_only(engine, utterances, texts(futures))
    assert sizes[2] and max(sizes[2]) == 2  # the default: parts of at most two rows, and rows really shared
    assert max(sizes[0]) > 2  # one batch per pack when off: the parts come from the setting
