"""Transcription capacity on audio time: N labelled two-lane calls through one shared decode scheduler
whose simulated workers are busy, for every pack they decode, for the CPU time that pack really took.

Why: on a shared, loaded machine wall-clock latency measures the other tenants. Here the calls'
audio advances in 20 ms steps of a simulated clock; the scheduler (no threads) starts a pack whenever
one of its ``workers`` is idle, decodes it for real with tiny.en on one thread, and the results reach
the calls once the clock has given that decode its CPU seconds of work: a decode alone progresses at
``solo`` single-core seconds per second, several at once share ``cores`` (default 1.0 for both: in
``coach serve`` at 16 calls the calls' analysis and the event loop take about 0.4 of the two cores and
the decoder got about 1.0 on a quiet machine, docs/asr.md; two threads on two idle cores give 1.5, two
single-threaded decodes 1.87, docs/benchmarks.md). The figures
are therefore those of a machine that gives the decoder that speed and nothing else: the rest of the
analysis (VAD, prosody, language rules) is not included, and nothing is dropped.

By default a decode's CPU time is not measured but given by a cost model (:class:`CostModel`, fitted
once with ``--fit-cost``): CPU seconds on one thread = ``base + per_pass x encoder passes + tokens x
(per_token + per_token_beam x (beam - 1))``. The encoder passes (Whisper runs a second 30 s pass when
the first one left its last segment unfinished; a pass on a shorter window, ``encoder_window_s`` or
``continuation_window_s``, counts as the share of a 30 s pass's encoder time measured for its length,
``ENCODER_SHARE``, each window by the frames it really ran on) and the tokens
come from the real decode, so two runs of the same configuration give the same figures whatever the
machine's load (``--measured-cost`` uses the CPU time each decode really took instead, as before).

Same calls as ``bench_capacity.py`` (asterisk prompts and jfk in alternating turns, speech
boundaries from the project VAD reported with its detection delays). For each N and configuration
(``--variant``, run interleaved so machine load hits them alike) it prints final p50/p95 after the
end of the turn (VAD hangover included), partials per lane-second of speech, committed-word delay
p50/p95, the share of time a decode ran, packs and slots, the finals' WER, the encoder passes
per decode, and how long the finals waited in the queue before a decoder took them (p50/p95,
simulated clock). ``--part held-out`` builds the calls from 60 asterisk prompts outside the tuning subset
(``bench_asr_wer.held_out``), never used to choose a setting.

    .venv/bin/python scripts/bench_asr_capacity_sim.py [--calls 1,4,8,16,24] [--seconds 30] \
        [--variant 'name:workers=2,solo=1.0,cores=1.87' ...] [--measured-cost] [--part held-out]
    .venv/bin/python scripts/bench_asr_capacity_sim.py --fit-cost   # re-measure the cost model
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import pickle
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from bench_asr_wer import held_out  # noqa: E402
from bench_capacity import LabelledCall, build_call, offline_texts, offline_wer, score_transcripts  # noqa: E402
from wer_sets import Tally, tally_lines  # noqa: E402

from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.endpoint import silence_track  # noqa: E402
from coach.asr.engine import DecodedSegment, DecodeOptions, WindowPass, get_engine  # noqa: E402
from coach.asr.packing import pack  # noqa: E402
from coach.asr.replay import boundaries  # noqa: E402
from coach.asr.scheduler import SHED, DecodeScheduler  # noqa: E402
from coach.asr.segments import speech_segments  # noqa: E402
from coach.asr.stage import TranscriptionStage  # noqa: E402
from coach.asr.stream import DecodeRequest  # noqa: E402
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk, Event, Lane  # noqa: E402
from training.asr_corpus import Clip, asterisk, asterisk_subset, jfk  # noqa: E402

STEP = SAMPLE_RATE // 50
DEFAULT_VARIANT = "default:solo=1.0,cores=1.0"


@dataclass(frozen=True)
class Speed:
    """How fast the machine decodes, in single-core CPU seconds per second: ``solo`` for one decode
    alone (1.5 for two threads on two cores), ``cores`` for all decodes together when several run at
    once (two single-threaded decodes on two cores: 1.87, docs/benchmarks.md)."""

    solo: float
    cores: float

    def per_decode(self, running: int) -> float:
        return min(self.solo, self.cores / max(1, running))

    def rates(self, nice: list[bool]) -> list[float]:
        """The speed of each running decode (``nice``: decoded by the partials' own decoder at a higher
        niceness, ``partial_decoder_nice``). Shared alike, or the others get their share first and the
        nice ones what is left of ``cores``."""
        if all(nice) or not any(nice):
            return [self.per_decode(len(nice))] * len(nice)
        first = len(nice) - sum(nice)
        rate = self.per_decode(first)
        left = max(0.0, self.cores - rate * first)
        return [min(self.solo, left / sum(nice)) if n else rate for n in nice]


@dataclass(frozen=True)
class CostModel:
    """CPU seconds of one decode of tiny.en int8 on one thread, from what the decode did: ``base``,
    plus ``per_pass`` for each 30 s encoder pass, plus per token of output ``per_token`` (greedy)
    and ``per_token_beam`` for each beam beyond the first (``--fit-cost`` measures them)."""

    base: float
    per_pass: float
    per_token: float
    per_token_beam: float

    def cpu_s(self, passes: float, tokens: int, beam: int) -> float:
        return self.base + self.per_pass * passes + tokens * (self.per_token + self.per_token_beam * (beam - 1))


COST = CostModel(base=-0.0566, per_pass=0.7964, per_token=0.0086, per_token_beam=0.001)
"""Fitted with ``--fit-cost`` on 2026-11-30 (39 decodes, residual rms 0.105 CPU-s; load average 9-10 on
the 2-core VM): an encoder pass costs about as much as 90 tokens, beam 5 adds about 45 % to the
tokens' cost (0.3 CPU-s on a full 28 s pack)."""


ENCODER_SHARE = ((1000, 1500, 2000, 2400, 2600, 3000), (0.15, 0.27, 0.38, 0.67, 0.80, 1.0))
"""CPU time of tiny.en's encoder on a window of that many mel frames (10 ms each) as a share of the
full 3000-frame window (one thread, fastest of 5, docs/asr.md eleventh round): far below linear under
about 24 s."""


MEMO: dict[tuple[Any, ...], Any] = {}
"""Every real decode of this process by its audio, prompt and options: its segments, encoder frames and windows
(batches: rows, frames, rescued rows). Decodes on one thread are deterministic, so a variant or call set that
asks for a decode already made (the same pack of the same finals) gets it without decoding again; the figures
are the same, only the bench is cheaper (the cost model charges it as decoded)."""


def _digest(pcm: np.ndarray) -> str:
    return hashlib.sha1(np.ascontiguousarray(pcm, dtype=np.float32).tobytes()).hexdigest()


class CountingDecoder:
    """The scheduler's decode function on the real engine (one thread), recording for every decode
    its encoder passes, output tokens and beam, so its cost can be modelled."""

    def __init__(self, *, verbose: bool = False, memo: bool = False) -> None:
        self.engine = get_engine(AsrConfig(cpu_threads=1))
        self.memo = memo  # reuse this process's identical decodes (``MEMO``; never when timing the CPU)
        self.log: list[tuple[float, int, int]] = []
        self.kinds: list[str] = []  # each decode's shape, parallel to ``log``: alone, pack or batch (``--breakdown``)
        self.windows: list[DecodeWindows] = []  # every decode's encoder windows (``--log-decodes``)
        self.verbose = verbose
        model = self.engine._model  # faster-whisper's WhisperModel: count its encoder passes
        encode = model.encode
        self._passes = 0

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._passes += 1
            return encode(*args, **kwargs)

        model.encode = counted

    def __call__(self, pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
        key = ("alone", _digest(pcm), prompt, options)
        if key not in MEMO or not self.memo:  # deterministic on one thread: the same audio and options, the same words
            before = self._passes
            segments = self.engine.segments(pcm, prompt=prompt, options=options)
            frames = self.engine.last_encoder_frames()  # each window charged by its own length
            assert len(frames) == self._passes - before, "every encoder pass is recorded"
            MEMO[key] = (segments, frames, self.engine.last_passes())
        segments, frames, trace = MEMO[key]
        share = sum(float(np.interp(n, *ENCODER_SHARE)) for n in frames)
        self.log.append((share, sum(s.tokens for s in segments), options.beam_size))
        self.kinds.append("pack" if _last_slot_s(pcm) > 0 else "alone")
        self.windows.append(DecodeWindows(len(pcm) / SAMPLE_RATE, _last_slot_s(pcm), trace))
        if self.verbose:
            print(f"    decode {len(self.windows):3d} beam {options.beam_size} {self.windows[-1]}", flush=True)
        return segments

    def batch(self, pcms: list[np.ndarray], options: DecodeOptions) -> list[list[DecodedSegment] | None]:
        """The scheduler's batch decode (``backlog_batch``) on the real engine, charged as its windows' encoder
        passes (each by its frames) and every returned token; a refused stretch's tokens are not counted
        (it is decoded again alone, and charged then)."""
        key = ("batch", tuple(_digest(p) for p in pcms), options)
        if key not in MEMO or not self.memo:
            out = self.engine.batch_segments(pcms, options=options)
            MEMO[key] = (out, self.engine.last_encoder_frames(), self.engine.last_rescued())
        out, frames, (rescued, tokens) = MEMO[key]  # rescued: unsure rows again (backlog_rescue_beam_size)
        share = len(pcms) * float(np.interp(frames[0], *ENCODER_SHARE))
        self.log.append((share, sum(s.tokens for segs in out if segs for s in segs), options.beam_size))
        self.kinds.append(f"batch of {len(pcms)}")
        if rescued:  # the rescue's beam tokens, on the same encoder output: no pass, no second base
            self.log.append((-COST.base / COST.per_pass, tokens, options.rescue_beam_size))
            self.kinds.append(f"rescue of {rescued}")
        if self.verbose:
            print(f"    batch of {len(pcms)}, beam {options.beam_size}, {share:.2f} passes", flush=True)
        return out


@dataclass(frozen=True)
class DecodeWindows:
    """One decode for ``--log-decodes``: its audio and where its last slot begins (seconds), and its
    encoder windows (:class:`coach.asr.engine.WindowPass`)."""

    audio_s: float
    last_slot_s: float
    passes: list[WindowPass]

    def __str__(self) -> str:
        windows = "; ".join(
            f"{p.start_s:.2f}->{p.next_s:.2f} s {p.ending}, last opened {p.opened_s:.2f} s, {p.tokens} text tokens"
            + (f" ({p.tail_tokens} unfinished)" if p.tail_tokens else "")
            for p in self.passes
        )
        return f"{self.audio_s:5.2f} s, last slot from {self.last_slot_s:5.2f} s: {len(self.passes)} passes: {windows}"


def _last_slot_s(pcm: np.ndarray, gap_s: float = 1.9) -> float:
    """Where the last slot of a packed window begins (seconds): after its last run of at least ``gap_s``
    of exact zeros (a pack's gap; 0 when there is none)."""
    quiet = np.concatenate([[False], pcm == 0, [False]])
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    pairs = zip(edges[::2], edges[1::2], strict=True)
    runs = [(a, b) for a, b in pairs if b - a >= gap_s * SAMPLE_RATE and b < len(pcm)]
    return runs[-1][1] / SAMPLE_RATE if runs else 0.0


def log_summary(windows: list[DecodeWindows]) -> str:
    """Decodes by audio length (0-10, 10-20, 20-25, 25-30 s): how many, how many took a second encoder
    pass, how their first windows ended, and where the second began relative to the last slot."""
    lines = []
    for lo, hi in ((0, 10), (10, 20), (20, 25), (25, 30)):
        group = [w for w in windows if lo <= w.audio_s < hi]
        if not group:
            continue
        again = [w for w in group if len(w.passes) > 1]
        endings: dict[str, int] = {}
        for w in group:
            if w.passes:
                endings[w.passes[0].ending] = endings.get(w.passes[0].ending, 0) + 1
        in_last = sum(w.passes[1].start_s >= w.last_slot_s for w in again)  # faster-whisper's seek, as used
        before_end = [w.audio_s - w.passes[1].start_s for w in again]
        opened = [w.audio_s - w.passes[0].opened_s for w in again if w.passes[0].ending == "opened, no text"]
        found = sum(sum(p.tokens for p in w.passes[1:]) > 0 for w in again)
        lines.append(
            f"    {lo:2d}-{hi:2d} s: {len(group):3d} decodes, {len(again)} with a second pass, {found} of them"
            f" finding text (opened without text {', '.join(f'{x:.2f}' for x in sorted(opened))} s before the end;"
            f" {in_last} resuming inside the last slot; {', '.join(f'{x:.1f}' for x in sorted(before_end))} s before"
            f" the end), first windows: {', '.join(f'{k} {v}' for k, v in sorted(endings.items()))}"
        )
    return "\n".join(lines)


def fit_cost(clips: list[Clip], repeats: int = 3) -> CostModel:
    """Measure the CPU time of packs of 1-10 clips (2 s apart, at most 28 s) decoded with beams 1, 2
    and 5, ``repeats`` times each (the fastest kept), and fit :class:`CostModel` by least squares."""
    decoder = CountingDecoder()
    rng = np.random.default_rng(0)
    rows, cpu = [], []
    for k in (1, 1, 2, 3, 4, 6, 8, 10, 1, 2, 3, 5, 8):
        picks = rng.choice(len(clips), k, replace=False)
        window, _ = pack([clips[i].pcm for i in picks], gap=2 * SAMPLE_RATE)
        window = window[: 28 * SAMPLE_RATE]
        for beam in (1, 2, 5):
            best = float("inf")
            for _ in range(repeats):
                t0 = time.process_time()
                decoder(window, None, DecodeOptions(beam_size=beam))
                best = min(best, time.process_time() - t0)
            passes, tokens, _ = decoder.log[-1]
            rows.append([1.0, passes, tokens, tokens * (beam - 1)])
            cpu.append(best)
            print(
                f"  {k:2d} clips {len(window) / SAMPLE_RATE:5.1f} s beam {beam}: {passes} passes {tokens:3d} tokens"
                f" {best:.3f} CPU-s",
                flush=True,
            )
    coef, *_ = np.linalg.lstsq(np.array(rows), np.array(cpu), rcond=None)
    model = CostModel(*(round(float(c), 4) for c in coef))
    residual = np.array(cpu) - np.array(rows) @ coef
    print(f"{model}  (residual rms {float(np.sqrt(np.mean(residual**2))):.3f} CPU-s over {len(cpu)} decodes)")
    return model


@dataclass
class _Job:
    """A pack being decoded on the simulated clock: CPU seconds of one core still to do, and the
    function that hands its results to the calls."""

    work: float
    publish: Callable[[], None]
    final: bool = False
    nice: bool = False  # a partial on the partials' own decoder (``partial_decoder_nice``)
    then: list[tuple[float, Callable[[], None]]] = dataclasses.field(default_factory=list)
    # the same decoder's later work and what it hands over when done (a pack's refused finals decoded alone)


class FinalParts:
    """Where each final's time goes on the simulated clock (``--decompose``): the VAD's hangover (the end of
    its speech to its request), the queue (request to a decoder taking it; split by what the decoder was
    doing meanwhile: a pack of finals, a pack of partials, nothing), and its decode (taken to handed over:
    its own pack or batch, and a refused slot's decode again alone). Wraps ``sched``'s ``submit``,
    ``promote`` and ``_take``; :meth:`tick` once per simulated step with the packs in flight."""

    def __init__(self, sched: DecodeScheduler, clock: Callable[[], float]) -> None:
        self.sched, self.clock = sched, clock
        self.submitted: dict[int, tuple[float, DecodeRequest]] = {}  # id(req): when (re)queued as a final
        self.taken: dict[int, tuple[float, str]] = {}  # id(req): when a decoder took it, how
        self.done: dict[int, float] = {}
        self.behind: dict[int, dict[str, float]] = {}  # id(req): queued seconds by what the decoder did
        submit, promote, take = sched.submit, sched.promote, sched._take

        def submitted(req: DecodeRequest) -> Any:
            future = submit(req)
            key = id(req)
            self.submitted[key] = (clock(), req)
            future.add_done_callback(lambda f: self._finished(key, f))
            return future

        def promoted(req: DecodeRequest) -> bool:
            ok = promote(req)
            if ok:
                self.submitted[id(req)] = (clock(), req)  # a final requested now
            return ok

        def took() -> Any:
            jobs, opts = take()
            self._pack = {id(j.req.pcm): id(j.req) for j in jobs} if jobs and jobs[0].final else {}
            self._decodes = 0
            self._parts = len(sched._chunks(jobs, opts)) if self._pack else 1  # a batch in parts (backlog_batch_rows)
            if self._pack:
                batch = len(jobs) > 1 and sched.backlog(opts) and sched._decode_batch is not None
                how = f"{'batch' if batch else 'pack' if len(jobs) > 1 else 'alone'} beam {opts.beam_size}"
                self.taken.update({id(j.req): (clock(), how) for j in jobs})
            return jobs, opts

        decode, decode_batch = sched._decode, sched._decode_batch

        def alone(pcm: np.ndarray, prompt: str | None, options: DecodeOptions) -> list[DecodedSegment]:
            self._again([pcm], "alone")
            return decode(pcm, prompt, options)

        def batch(pcms: list[np.ndarray], options: DecodeOptions) -> list[list[DecodedSegment] | None]:
            self._again(pcms, "batch")
            assert decode_batch is not None
            return decode_batch(pcms, options)

        self._pack: dict[int, int] = {}  # id(pcm) of the finals taken last: id(req)
        self._decodes = 0  # decodes since the last take: the pack's own (its parts), later ones refused slots
        self._parts = 1
        self.again: dict[int, str] = {}  # id(req): how a refused final was decoded again
        sched.submit, sched.promote, sched._take = submitted, promoted, took  # type: ignore[method-assign]
        sched._decode = alone
        if decode_batch is not None:
            sched._decode_batch = batch

    def _again(self, pcms: list[np.ndarray], how: str) -> None:
        """A decode of the finals' pack taken last: after its own (a backlog batch decoded in parts: one decode a
        part), each decode of a final's own audio is that refused final's decode again."""
        self._decodes += 1
        if self._decodes > self._parts:
            for pcm in pcms:
                if id(pcm) in self._pack:
                    self.again[self._pack[id(pcm)]] = how

    def _finished(self, key: int, future: Any) -> None:
        if future.exception() is None and future.result() is not SHED:
            self.done.setdefault(key, self.clock())

    def tick(self, dt: float, running: list[_Job]) -> None:
        """``dt`` seconds passed with ``running`` in flight: each queued final waited them behind those."""
        doing = "final" if any(j.final for j in running) else "partial" if running else "idle"
        for job in self.sched._finals:
            self.behind.setdefault(id(job.req), {"final": 0.0, "partial": 0.0, "idle": 0.0})[doing] += dt

    def rows(self) -> list[dict[str, Any]]:
        """One dict per final handed over: ``hangover``, ``queue`` (and ``behind_final`` / ``_partial`` /
        ``_idle``), ``decode``, ``total`` (seconds) and ``how`` it was decoded."""
        out = []
        for key, (at, req) in self.submitted.items():
            if key not in self.taken or key not in self.done:
                continue  # a partial, or a final withdrawn
            taken, how = self.taken[key]
            behind = self.behind.get(key, {})
            hang = (req.requested_at - req.speech_end) / SAMPLE_RATE
            how += f", again {self.again[key]}" if key in self.again else ""
            row = {"hangover": hang, "queue": taken - at, "decode": self.done[key] - taken, "how": how}
            row |= {f"behind_{k}": behind.get(k, 0.0) for k in ("final", "partial", "idle")}
            out.append(row | {"total": hang + row["queue"] + row["decode"]})
        return out


def decompose(rows: list[dict[str, Any]], tail_q: float = 90.0) -> list[str]:
    """``FinalParts.rows`` summarised: p50 / p95 of each part over every final, then the mean parts of the
    finals at or above the ``tail_q`` percentile of the total (the p95's neighbourhood) and how they were
    decoded."""
    if not rows:
        return ["    no final timed"]
    keys = ("total", "hangover", "queue", "behind_final", "behind_partial", "behind_idle", "decode")
    lines = ["    parts of a final (s):   " + "  ".join(f"{k:>14s}" for k in keys)]
    for q in (50, 95):
        cells = "  ".join(f"{np.percentile([r[k] for r in rows], q):14.2f}" for k in keys)
        lines.append(f"      p{q} of all {len(rows):3d}:    {cells}")
    cut = float(np.percentile([r["total"] for r in rows], tail_q))
    tail = [r for r in rows if r["total"] >= cut]
    cells = "  ".join(f"{np.mean([r[k] for r in tail]):14.2f}" for k in keys)
    lines.append(f"      mean of tail {len(tail):3d}:   {cells}   (total >= p{tail_q:.0f} = {cut:.2f} s)")
    hows: dict[str, int] = {}
    for r in tail:
        hows[r["how"]] = hows.get(r["how"], 0) + 1
    lines.append(
        "      tail decoded as: " + ", ".join(f"{k} {v}" for k, v in sorted(hows.items(), key=lambda kv: -kv[1]))
    )
    return lines


def simulate(
    calls: list[LabelledCall],
    config: AsrConfig,
    speed: Speed,
    cost: CostModel | None = COST,
    *,
    promote: bool = True,
    log_decodes: bool = False,
) -> dict[str, Any]:
    """Run ``calls`` through one scheduler on audio time; ``cost`` None: each decode costs the CPU
    time it really took; ``promote`` False: partials a final is held for stay partials (as before
    :meth:`DecodeScheduler.promote`); ``log_decodes``: print every decode's encoder windows."""
    now = {"s": 0.0}
    decoder = CountingDecoder(verbose=log_decodes, memo=cost is not None)  # measured CPU: every decode for real
    loaded = {"decode_loaded": decoder, "decode_loaded_batch": decoder.batch} if config.loaded_workers else {}
    sched = DecodeScheduler(
        config, decode=decoder, decode_batch=decoder.batch, threads=0, clock=lambda: now["s"], **loaded
    )  # loaded_workers: the single-threaded decoders kept for load decode on the same engine, ``cores`` shared
    if not promote:
        sched.promote = lambda req: False  # type: ignore[method-assign]
    timing = FinalParts(sched, lambda: now["s"])  # where each final's time goes (``--decompose``)
    stages = [TranscriptionStage(config, scheduler=sched) for _ in calls]
    offsets = [int(0.37 * i * SAMPLE_RATE) for i in range(len(calls))]
    pending = [boundaries({lane: speech_segments(c.lanes[lane]) for lane in Lane}) for c in calls]
    feed_vad = config.provisional_end_s > 0
    silences = [{lane: silence_track(c.lanes[lane]) for lane in Lane} if feed_vad else {} for c in calls]
    fed = [0] * len(calls)  # VAD frames of each call fed to on_vad
    total = len(calls[0].lanes[Lane.AGENT])
    emitted: list[list[tuple[float, Event]]] = [[] for _ in calls]
    running: list[_Job] = []
    busy_s, cpu_s, final_cpu_s = 0.0, 0.0, 0.0
    row_kinds: list[tuple[bool, str]] = []  # each logged decode: of finals?, its shape
    closed = [False] * len(calls)
    end = total + offsets[-1] + 30 * SAMPLE_RATE
    dt = STEP / SAMPLE_RATE
    for t in range(0, end, STEP):
        now["s"] = t / SAMPLE_RATE
        if running:  # the packs in flight progress at the speed the machine gives each of them
            busy_s += dt
            rates = speed.rates([j.nice for j in running])
            for job, rate in zip(running, rates, strict=True):
                job.work -= rate * dt
            for job in [j for j in running if j.work <= 1e-9]:
                job.publish()
                if job.then:  # the decoder goes on with the pack's next part
                    work, job.publish = job.then.pop(0)
                    job.work += work
                else:
                    running.remove(job)
        timing.tick(dt, running)
        for i, (call, stage) in enumerate(zip(calls, stages, strict=True)):
            pos = t - offsets[i]
            if pos < 0 or closed[i]:
                continue
            if pos < total:
                for lane in Lane:
                    stage.on_chunk(AudioChunk(lane, pos, call.lanes[lane][pos : pos + STEP]))
                while pending[i] and pending[i][0].due <= pos + STEP:
                    b = pending[i].pop(0)
                    (stage.on_speech_start if b.kind == "start" else stage.on_speech_end)(b.lane, b.sample)
                while silences[i] and (fed[i] + 1) * FRAME_SAMPLES <= pos + STEP:  # after the boundaries, as live
                    for lane in Lane:
                        track = silences[i][lane]
                        since = track[fed[i]] if fed[i] < len(track) else None
                        stage.on_vad(lane, since, (fed[i] + 1) * FRAME_SAMPLES)
                    fed[i] += 1
                emitted[i] += [(now["s"], e) for e in stage.poll(pos + STEP)]
            else:
                for b in pending[i]:
                    if b.kind == "end":
                        stage.on_speech_end(b.lane, b.sample)
                pending[i] = []
                emitted[i] += [(now["s"], e) for e in stage.poll(total)]
                if not stage.busy:  # the call is over once its last decode came back
                    emitted[i] += [(now["s"], e) for e in stage.close(total)]
                    closed[i] = True
        while len(running) < sched.decoders:
            held: list[tuple[Callable[[], None], float, int]] = []
            before = sched.stats()
            cpu0, logged = time.process_time(), len(decoder.log)
            if not sched.step(defer=lambda fn, held=held: held.append((fn, time.process_time(), len(decoder.log)))):
                break
            parts, mark = [], (cpu0, logged)
            for fn, cpu, rows in held:  # each part's work: the decodes since the previous hand-over
                work = cpu - mark[0] if cost is None else sum(cost.cpu_s(*row) for row in decoder.log[mark[1] : rows])
                parts.append((work, fn))
                mark = (cpu, rows)
            cpu_s += sum(w for w, _ in parts)
            after = sched.stats()
            is_final = after["final_slots"] > before["final_slots"]
            final_cpu_s += sum(w for w, _ in parts) if is_final else 0.0
            nice = after["nice_partial_slots"] > before["nice_partial_slots"]
            for k in range(logged, len(decoder.log)):  # the pack's first decode, then its refused slots alone
                kind = decoder.kinds[k]
                again = "again batch" if kind.startswith("batch") else "again alone"  # refused_batch, or each alone
                row_kinds.append((is_final, kind if k == logged or kind.startswith("rescue") else again))
            running.append(_Job(parts[0][0], parts[0][1], is_final, nice, parts[1:]))
        if all(closed):
            break
    for i, stage in enumerate(stages):
        if not closed[i]:
            emitted[i] += [(now["s"], e) for e in stage.close(total)]
    last = [
        max(
            ((at - off / SAMPLE_RATE - e.data["end"], e.data["end"]) for at, e in ev if _is_final(e)),
            key=lambda x: x[1],
        )
        for ev, off in zip(emitted, offsets, strict=True)
        if any(_is_final(e) for _, e in ev)
    ]
    return summarise(calls, emitted, offsets, total) | {
        "last_final_s": max((delay for delay, _ in last), default=float("nan")),
        "busy": busy_s / max(1e-9, now["s"]),
        "windows": sched.stats()["windows"],
        "final_slots": sched.stats()["final_slots"],
        "partial_slots": sched.stats()["partial_slots"],
        "cpu_per_call_s": cpu_s / len(calls) / (total / SAMPLE_RATE),
        "final_cpu_share": final_cpu_s / max(1e-9, cpu_s),
        "passes_per_decode": sum(p for p, _, _ in decoder.log) / max(1, len(decoder.log)),
        "decodes": len(decoder.log),
        "refused": sched.stats()["refused"],
        "refused_by": sched.stats()["refused_by"],
        "final_wait_p50_s": sched.stats()["final_wait_p50_s"] or 0.0,  # queued -> taken, simulated clock
        "final_wait_p95_s": sched.stats()["final_wait_p95_s"] or 0.0,
        "windows_log": decoder.windows,
        "final_parts": timing.rows(),
        "breakdown": breakdown(decoder.log, row_kinds, cost or COST, total / SAMPLE_RATE * len(calls)),
    }


def breakdown(
    log: list[tuple[float, int, int]], kinds: list[tuple[bool, str]], cost: CostModel, call_s: float
) -> list[str]:
    """Where the decoder's modelled CPU goes, by decode (finals or partials; alone, a packed window, a
    backlog batch, a refused slot decoded again alone; beam): decodes, encoder passes (in 30 s passes),
    tokens, and CPU-s per call-second in the encoder (``per_pass`` x passes) and in the tokens."""
    groups: dict[tuple[str, str, int], list[float]] = {}
    for (share, tokens, beam), (final, kind) in zip(log, kinds, strict=False):
        shape = kind.split(" of ")[0] if kind.startswith(("batch", "rescue")) else kind
        g = groups.setdefault(("final" if final else "partial", shape, beam), [0, 0.0, 0, 0.0, 0.0])
        g[0] += 1
        g[1] += share
        g[2] += tokens
        g[3] += cost.per_pass * share + cost.base
        g[4] += tokens * (cost.per_token + cost.per_token_beam * (beam - 1))
    total = sum(g[3] + g[4] for g in groups.values()) or 1.0
    lines = []
    for (what, shape, beam), (n, passes, tokens, enc, tok) in sorted(
        groups.items(), key=lambda kv: -kv[1][3] - kv[1][4]
    ):
        lines.append(
            f"    {what:7s} {shape:12s} beam {beam}: {int(n):3d} decodes, {passes:6.2f} passes,"
            f" {int(tokens):5d} tokens;"
            f" encoder {enc / call_s:.4f} + tokens {tok / call_s:.4f} CPU-s/call-s ({(enc + tok) / total:4.0%})"
        )
    return lines


def _is_final(e: Event) -> bool:
    return e.type == "transcript" and bool(e.data.get("final"))


def build_monologue(clips: list[Clip], first: int, seconds: float, pause_s: float = 0.3) -> LabelledCall:
    """One long agent turn: the asterisk prompts from ``first`` on, each trimmed to its speech and
    ``pause_s`` apart (shorter than the VAD's 0.5 s end hangover, so the VAD hears one turn), until
    ``seconds`` of it; then 4 s of silence; the customer is silent."""
    prompts = [c for c in clips if c.name != "jfk"]  # jfk pauses longer than the hangover
    parts, refs, k, speech = [], [], first, 0
    gap = np.zeros(int(pause_s * SAMPLE_RATE), dtype=np.float32)
    while speech < seconds * SAMPLE_RATE:
        clip = prompts[k % len(prompts)]
        spans = speech_segments(clip.pcm)
        pcm = clip.pcm[spans[0][0] : spans[-1][1]] if spans else clip.pcm
        parts += [pcm, gap]
        refs.append(clip.text)
        speech += len(pcm) + len(gap)
        k += 1
    silence = np.zeros(4 * SAMPLE_RATE, np.float32)
    agent = np.concatenate([np.zeros(SAMPLE_RATE // 2, dtype=np.float32), *parts, silence])
    lanes = {Lane.AGENT: agent, Lane.CUSTOMER: np.zeros_like(agent)}
    return LabelledCall(lanes, {Lane.AGENT: [" ".join(refs)], Lane.CUSTOMER: []}, speech / SAMPLE_RATE)


def summarise(
    calls: list[LabelledCall], emitted: list[list[tuple[float, Event]]], offsets: list[int], total: int
) -> dict[str, Any]:
    """Score each call's transcript events on the simulated clock, from when its audio began."""
    timed = [
        [(at - offset / SAMPLE_RATE, e.to_dict()) for at, e in events]
        for events, offset in zip(emitted, offsets, strict=True)
    ]
    return score_transcripts(calls, timed, total / SAMPLE_RATE)


ALIASES = {"early": "early_delivery"}
"""Variant key of session 32, when this was a module constant of the scheduler."""


def variant(spec: str) -> tuple[str, AsrConfig, Speed, dict[str, bool]]:
    """``name:key=value,...``: [asr] settings (``workers=2``, ``pack=false``, ...), the machine's
    speed (``solo=``, ``cores=``) and ``promote=false`` (no promotion of held partials) of one configuration
    to simulate; ``early=`` (session 32's name) stands for ``early_delivery=``."""
    name, _, body = spec.partition(":")
    base = AsrConfig(mode="threaded", cpu_threads=1)
    fields = {f.name: f for f in dataclasses.fields(AsrConfig)}
    changes: dict[str, Any] = {}
    speed = {"solo": 1.0, "cores": 1.0}
    flags = {"promote": True}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        key = ALIASES.get(key, key)
        if key in flags:
            flags[key] = value.lower() in ("1", "true", "yes")
        elif key in speed:
            speed[key] = float(value)
        elif key in fields:
            kind = type(getattr(base, key))
            changes[key] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
        else:
            raise SystemExit(f"unknown setting {key!r} in --variant {spec!r}")
    return name, dataclasses.replace(base, **changes), Speed(**speed), flags


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", default="1,4,8,16,24")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--monologue",
        action="store_true",
        help="each call is one agent turn of about --seconds (prompts 0.3 s apart): long-turn cuts",
    )
    parser.add_argument(
        "--variant",
        action="append",
        help="name:key=value,... ([asr] settings, solo=, cores=); repeat to compare side by side "
        f"(default: {DEFAULT_VARIANT})",
    )
    parser.add_argument(
        "--measured-cost", action="store_true", help="each decode costs the CPU time it took (not the cost model)"
    )
    parser.add_argument("--fit-cost", action="store_true", help="measure and print the cost model, then stop")
    parser.add_argument(
        "--log-decodes",
        action="store_true",
        help="print every decode's encoder windows (how each ended, where the next began) and a summary",
    )
    parser.add_argument(
        "--breakdown", action="store_true", help="print where the decoder's modelled CPU goes, by kind of decode"
    )
    parser.add_argument(
        "--memo",
        type=Path,
        help="a file of decodes already made (read if it exists, written after every run): a later bench with"
        " the same calls reuses the packs it shares with an earlier one (same figures; not with --measured-cost)",
    )
    parser.add_argument(
        "--decompose",
        action="store_true",
        help="print where each final's time goes: hangover, queue (behind finals / partials / idle), decode",
    )
    parser.add_argument(
        "--shifts",
        default="0",
        help="comma list: each builds another call set from the same clips, call i starting at clip 5 i + shift"
        " (0: the calls of bench_capacity.py); every variant runs on each, and the last lines give each variant's"
        " median difference from the first across the sets (a p95 of ~90 finals moves with one pack's timing)",
    )
    parser.add_argument(
        "--part",
        choices=("tune", "held-out"),
        default="tune",
        help="tune: jfk and the fixed asterisk subset (used while tuning); held-out: 60 other prompts",
    )
    parser.add_argument(
        "--by-set",
        action="store_true",
        help="print the finals' word errors by labelled set and by how many finals each turn became, beside the"
        " same clips decoded offline (wer_sets.py), per run and summed over the --shifts",
    )
    args = parser.parse_args()
    if args.by_set and args.monologue:
        raise SystemExit(
            "--by-set counts the turns of the alternating calls; a --monologue call has one turn of many clips"
        )
    if args.part == "tune" or args.fit_cost:
        clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(60)]
    else:
        clips = [asterisk(stem) for stem in held_out(60)]
    if args.fit_cost:
        fit_cost(clips)
        return
    variants = [variant(v) for v in args.variant or [DEFAULT_VARIANT]]
    if args.memo and args.memo.exists():
        MEMO.update(pickle.loads(args.memo.read_bytes()))  # our own file of our own decodes
    cost = None if args.measured_cost else COST
    levels = [int(x) for x in args.calls.split(",")]
    build = build_monologue if args.monologue else build_call
    shifts = [int(x) for x in args.shifts.split(",")]
    sets = {k: [build(clips, 5 * i + k, args.seconds) for i in range(max(levels))] for k in shifts}
    if args.by_set:
        texts = offline_texts(clips, AsrConfig())
        for calls in sets.values():
            offline_wer(texts, calls)  # fills each call's offline texts
    by_set: dict[tuple[int, str], dict[tuple[str, str], Tally]] = {}
    how = "CPU time measured" if cost is None else f"{cost}"
    print(f"audio-time simulation, {args.seconds:.0f} s calls ({args.part} part)")
    print(f"decode cost = one thread's CPU s ({how}) / speed")
    for (_, config, speed, _), spec in zip(variants, args.variant or [DEFAULT_VARIANT], strict=True):
        print(
            f"  {spec}  (workers={config.workers} partial_workers={config.partial_workers}; "
            f"decode speed solo={speed.solo} cores={speed.cores})"
        )
    print(
        ("shift " if len(shifts) > 1 else "")
        + "variant       calls finals  final p50   p95  partials/lane-s  word p50   p95  agent p50  busy  packs"
        "  finals/partials  WER   last final  passes/decode  finals' CPU share  decodes  refused  final wait p50 p95"
        "  CPU-s/call-s"
    )
    rows: dict[tuple[int, str, int], dict[str, Any]] = {}
    for n, shift in ((n, k) for n in levels for k in shifts):  # variants interleaved per level and set
        calls = sets[shift]
        for name, config, speed, flags in variants:
            r = rows[n, name, shift] = simulate(calls[:n], config, speed, cost, **flags, log_decodes=args.log_decodes)
            if args.memo:
                args.memo.write_bytes(pickle.dumps(MEMO))
            print(
                (f"{shift:5d} " if len(shifts) > 1 else "")
                + f"{name:12s} {n:6d} {r['finals']:6d} {r['p50']:10.2f} {r['p95']:5.2f}"
                f" {r['partials_per_lane_s']:16.2f}"
                f" {r['word_p50']:9.2f} {r['word_p95']:5.2f} {r['agent_word_p50']:10.2f} {r['busy']:5.2f}"
                f" {r['windows']:6d}"
                f" {r['final_slots']:8d}/{r['partial_slots']:<7d} {r['wer']:5.3f} {r['last_final_s']:8.2f}"
                f" {r['passes_per_decode']:8.2f} {r['final_cpu_share']:10.2f} {r['decodes']:8d} {r['refused']:8d}"
                f" {r['final_wait_p50_s']:9.2f} {r['final_wait_p95_s']:5.2f} {r['cpu_per_call_s']:12.3f}",
                flush=True,
            )
            print(
                f"  by lane: agent final p50 / p95 {r['agent_p50']:.2f} / {r['agent_p95']:.2f} s,"
                f" customer {r['customer_p50']:.2f} / {r['customer_p95']:.2f} s",
                flush=True,
            )
            print(
                f"  agent words: p50 / p95 {r['agent_word_p50']:.2f} / {r['agent_word_p95']:.2f} s;"
                f" by the final {1 - r['agent_via_partial']:.0%} (rest of the piece p50 {r['agent_place_p50']:.2f} s"
                f" + the final's wait p50 {r['agent_final_wait_p50']:.2f} s), by a partial {r['agent_via_partial']:.0%}"
                f" (p50 / p95 {r['agent_partial_delay_p50']:.2f} / {r['agent_partial_delay_p95']:.2f} s);"
                f" partial-committed words the final changed {r['commit_changed']}/{r['commit_words']}",
                flush=True,
            )
            if r["refused_by"]:
                reasons = " ".join(f"{k}={v}" for k, v in r["refused_by"].items())
                print(f"  refused by reason: {reasons}", flush=True)
            if args.by_set:
                for line in tally_lines(r["turns"], with_offline=True):
                    print(f"  WER by set and pieces:{line}", flush=True)
                for key, tally in r["turns"].items():
                    by_set.setdefault((n, name), {}).setdefault(key, Tally()).merge(tally)
            if args.breakdown:
                print("\n".join(r["breakdown"]), flush=True)
            if args.decompose:
                print("\n".join(decompose(r["final_parts"])), flush=True)
                print(f"    words committed by a partial: {r['via_partial']:.0%}", flush=True)
            if args.log_decodes and r["windows_log"]:
                print(log_summary(r["windows_log"]), flush=True)
    if len(shifts) > 1 and len(variants) > 1:
        print(paired(rows, levels, shifts, [v[0] for v in variants]))
    if args.by_set and len(shifts) > 1:
        for (n, name), groups in by_set.items():
            print(f"WER by set and pieces, {name}, {n} calls, summed over call sets {args.shifts}:")
            print("\n".join(tally_lines(groups, with_offline=True)), flush=True)


PAIRED = (
    "p50",
    "p95",
    "word_p50",
    "agent_word_p50",
    "agent_word_p95",
    "commit_changed",
    "agent_p95",
    "customer_p95",
    "wer",
    "final_wait_p95_s",
    "cpu_per_call_s",
)
"""The figures ``--shifts`` compares set by set."""


def paired(
    rows: dict[tuple[int, str, int], dict[str, Any]], levels: list[int], shifts: list[int], names: list[str]
) -> str:
    """Each variant against the first on every call set: the median and range of the differences."""
    lines = ["paired against " + names[0] + " over call sets " + ",".join(map(str, shifts)) + ": median [min, max]"]
    for n in levels:
        for name in names[1:]:
            parts = []
            for key in PAIRED:
                d = sorted(rows[n, name, k][key] - rows[n, names[0], k][key] for k in shifts)
                parts.append(f"{key} {float(np.median(d)):+.3f} [{d[0]:+.3f}, {d[-1]:+.3f}]")
            lines.append(f"  {name} - {names[0]}, {n} calls: " + "; ".join(parts))
    return "\n".join(lines)


if __name__ == "__main__":
    main()
