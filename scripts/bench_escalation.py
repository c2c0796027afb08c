#!/usr/bin/env python
"""CPU cost of customer escalation scoring per second of customer speech (target < 5 ms/s).

    .venv/bin/python scripts/bench_escalation.py [--data ../shared/data] [--seconds 120] [--utterance-s 4] [--repeat 3]

Measures process CPU time (``time.process_time``; all ONNX sessions here run one intra-op thread)
after loading the models and one warm-up pass:

- voice: :class:`coach.classify.arousal.CustomerArousal` fed EmoDB speech in 20 ms chunks
  (feature extraction + normaliser + ONNX, one window of the last 2 s per ``--hop-s`` of speech);
- words: :class:`coach.classify.text_anger.TextAngerScorer` on one final transcript (8-20 words, each
  text different so that the embedder's cache of recent texts never answers) per ``--utterance-s``
  seconds of speech (MiniLM embedding + token bag + head + lexicon);
- fusion: :class:`coach.classify.escalation.EscalationTracker` pushes for all of the above.

With ``--repeat N`` the three parts are measured N times in turn and the spread (min, median, max) is
printed; the verdict uses the median. Exits 1 if the total exceeds the target.

``--voice-against OTHER/coach/classify/arousal_features.py`` times only the voice part, this tree's
features and the other tree's alternated ``--repeat`` times in this one process (a before/after that the
load of a shared machine cannot tilt), and checks that both give the same readings.
``--calls NAME ... --minilm-against OTHER/coach/classify/minilm.py`` does the same for the sentence
embedder: the whole stage on the calls with either tree's embedder, alternated, escalation events compared.

``--calls NAME ...`` measures instead the whole escalation stage as ``coach analyze`` runs it on those
evaluation calls (``--config TOML``: with settings overlaid, as ``coach analyze --config`` takes them;
:class:`coach.classify.stage.EscalationStage`: voice, the text model on every final
*and* on the committed words of partials, markers, fusion ticked as the stage ticks it), replayed from
the inputs that ``scripts/eval_call_escalation.py --replay`` saved for each call's latest full analysis
(run that first). The replay loop's own CPU (the same replay with a stage that does nothing) is
subtracted; the sentence embedder's share and runs (MiniLM, for the text anger scorer and the complaint
head), the voice's share and the rest are printed beside the total. With ``--parts``, one more pass
times each of the stage's entry points (MiniLM excluded) and counts its fusion ticks.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(1, str(Path(__file__).resolve().parent))  # eval_call_escalation, for --calls

from coach.classify import minilm  # noqa: E402
from coach.classify.arousal import CustomerArousal, load_arousal_model  # noqa: E402
from coach.classify.escalation import EscalationConfig, EscalationTracker  # noqa: E402
from coach.classify.minilm import get_embedder  # noqa: E402
from coach.classify.text_anger import TextAngerScorer  # noqa: E402
from coach.types import SAMPLE_RATE  # noqa: E402
from training.datasets import data_root, emodb_clips, load_audio  # noqa: E402

TARGET_MS_PER_S = 5.0
UTTERANCES = [
    "I've been waiting three weeks for my refund and nobody has called me back.",
    "Can you confirm the address you have on file for me please?",
    "This is the third time I'm explaining this, it's ridiculous.",
    "Okay, and how long will the replacement take to arrive?",
    "I want to speak to a manager right now.",
    "Thanks, that sorts it out, I appreciate your help today.",
]


def speech(seconds: float, root: Path) -> np.ndarray:
    """About ``seconds`` of EmoDB speech (speakers and emotions mixed, deterministic order)."""
    clips = emodb_clips(root)
    n = int(seconds // 2) + 1
    return np.concatenate([load_audio(c.path) for c in clips[:: max(1, len(clips) // n)][:n]])


def bench_voice(pcm: np.ndarray, hop_s: float) -> tuple[float, list]:
    arousal = CustomerArousal(load_arousal_model(), hop_samples=round(hop_s * SAMPLE_RATE))
    arousal.push(0, pcm[: 10 * SAMPLE_RATE])  # warm-up (imports, caches)
    arousal.reset()
    readings = []
    t0 = time.process_time()
    for i in range(0, len(pcm), 320):
        readings += arousal.push(i, pcm[i : i + 320])
    return time.process_time() - t0, readings


def other_module(path: Path, name: str) -> Any:
    """Another tree's module file ``path``, imported as module ``name`` (its own imports resolve here)."""
    import importlib.util  # noqa: PLC0415

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def spread(values: list[float]) -> str:
    """``median (min-max)`` of ``values``, two decimals."""
    return f"{np.median(values):6.2f} ({min(values):.2f}-{max(values):.2f})"


def bench_voice_against(pcm: np.ndarray, hop_s: float, other: Path, repeat: int) -> int:
    """The voice part with this tree's features and with ``other`` (another tree's
    ``coach/classify/arousal_features.py``), alternated ``repeat`` times in this process (the load of a
    shared machine falls on both alike); prints both and whether their readings are identical. Exit 1
    if they are not."""
    from coach.classify import arousal, arousal_features  # noqa: PLC0415

    theirs = other_module(other, "other_arousal_features")
    mine = arousal.window_features
    sides = {"this tree": (mine, arousal_features.FrameCache), str(other): (theirs.window_features, theirs.FrameCache)}
    cpu: dict[str, list[float]] = {name: [] for name in sides}
    readings: dict[str, list] = {}
    speech_s = len(pcm) / SAMPLE_RATE
    try:
        for run in range(max(1, repeat) + 1):  # run 0 warms both up, not counted
            for name in sides if run % 2 else reversed(sides):
                features, cache = sides[name]
                arousal.window_features = features
                model = CustomerArousal(load_arousal_model(), hop_samples=round(hop_s * SAMPLE_RATE))
                model.frames = cache()
                t0 = time.process_time()
                out = [r for i in range(0, len(pcm), 320) for r in model.push(i, pcm[i : i + 320])]
                if run:
                    cpu[name].append(1000 * (time.process_time() - t0) / speech_s)
                readings[name] = out
    finally:
        arousal.window_features = mine
    for name, values in cpu.items():
        print(f"  voice, {name:40s} {spread(values)} ms CPU per s of speech: " + " ".join(f"{v:.2f}" for v in values))
    same = len({tuple(r) for r in readings.values()}) == 1
    print(f"  {len(readings['this tree'])} readings, identical: {same}")
    return 0 if same else 1


def bench_words(n: int, first: int = 0) -> tuple[float, list]:
    """Score ``n`` final transcripts numbered from ``first`` (each repeat passes new numbers)."""
    scorer = TextAngerScorer()
    scorer.score(UTTERANCES[0])  # warm-up
    t0 = time.process_time()
    # every text differs (a number at its end), also between repeats: the embedder remembers recent
    # texts (coach.classify.minilm.CACHE_TEXTS), and a call's finals are not repeats of each other
    out = [scorer.score(f"{UTTERANCES[i % len(UTTERANCES)]} {i}") for i in range(first, first + n)]
    return time.process_time() - t0, out


def bench_fusion(readings: list, texts: list, utterance_samples: int) -> float:
    tracker = EscalationTracker()
    t0 = time.process_time()
    for r in readings:
        tracker.push_voice(r.end, r.p, window_samples=SAMPLE_RATE)
    for i, t in enumerate(texts):
        tracker.push_words(readings[-1].end + (i + 1) * utterance_samples, t.p, n_words=t.n_words, hits=t.hits)
    return time.process_time() - t0


class NullStage:
    """A stage that does nothing: the replay loop around it (frame loop, hand-over of transcripts and
    turn-taking events) is the harness's CPU, not the stage's, and is subtracted."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def push_speech(self, frame_start: int, frame: np.ndarray) -> None:
        pass

    def push_partial(self, transcript: dict, now: int) -> None:
        return None

    def push_final(self, transcript: dict, now: int) -> None:
        return None

    def observe(self, events: list, now: int) -> None:
        pass

    def tick(self, now: int) -> None:
        return None


def replay_cpu(stage_class: type | None, *args: object, **kwargs: object) -> float:
    """CPU seconds of ``training.escalation_replay.replay_stage(*args, **kwargs)``, run with
    ``stage_class`` in place of :class:`~coach.classify.stage.EscalationStage` (None: the real one)."""
    import training.escalation_replay as R  # noqa: PLC0415

    real = R.EscalationStage
    R.EscalationStage = stage_class or real
    try:
        t0 = time.process_time()
        R.replay_stage(*args, **kwargs)
        return time.process_time() - t0
    finally:
        R.EscalationStage = real


RUN_SOURCES = ("push_final", "_committed_calm", "_partial_complaint")
"""The stage's methods that run MiniLM: finals (text anger; the complaint head reads the same embedding),
the calm-words check of a partial's committed words, the complaint reading of a partial's whole text."""


def count_runs_by_source(stage_class: type, embedder: object, counts: dict[str, int]) -> type:
    """A subclass of ``stage_class`` that adds to ``counts[method]`` the MiniLM runs (``model_runs`` of
    ``embedder``) made inside each method of :data:`RUN_SOURCES` (it behaves as ``stage_class``)."""

    def counted(name: str) -> object:
        method = getattr(stage_class, name)

        def run(self: object, *args: object, **kwargs: object) -> object:
            before = embedder.model_runs  # type: ignore[attr-defined]
            try:
                return method(self, *args, **kwargs)
            finally:
                counts[name] = counts.get(name, 0) + embedder.model_runs - before  # type: ignore[attr-defined]

        return run

    return type("CountedStage", (stage_class,), {name: counted(name) for name in RUN_SOURCES})


STAGE_METHODS = ("push_speech", "push_partial", "push_final", "observe", "tick")
"""The stage's entry points as the analyser calls them (``--parts`` times each)."""


def time_by_method(stage_class: type, embedder: object, cpu: dict[str, float], advances: list[int]) -> type:
    """A subclass of ``stage_class`` that adds to ``cpu[method]`` the process CPU seconds of each method of
    :data:`STAGE_METHODS`, less the MiniLM CPU inside it (``model_cpu_s`` of ``embedder``), and to
    ``advances[0]`` the fusion ticks its tracker ran (it behaves as ``stage_class``; the timing itself
    costs about a microsecond a call, so ``--parts`` is a separate pass, not counted in the total)."""

    def timed(name: str) -> object:
        method = getattr(stage_class, name)

        def run(self: object, *args: object, **kwargs: object) -> object:
            t0, m0 = time.process_time(), embedder.model_cpu_s  # type: ignore[attr-defined]
            try:
                return method(self, *args, **kwargs)
            finally:
                spent = time.process_time() - t0 - (embedder.model_cpu_s - m0)  # type: ignore[attr-defined]
                cpu[name] = cpu.get(name, 0.0) + spent

        return run

    def init(self: object, *args: object, **kwargs: object) -> None:
        stage_class.__init__(self, *args, **kwargs)
        tracker = self._tracker  # type: ignore[attr-defined]
        advance = tracker.advance

        def counted(sample: int) -> object:
            advances[0] += 1
            return advance(sample)

        tracker.advance = counted

    return type("TimedStage", (stage_class,), {"__init__": init, **{n: timed(n) for n in STAGE_METHODS}})


def voice_cpu(customer: np.ndarray, speech_starts: list[int], frame: int, hop_s: float) -> float:
    """CPU seconds of the voice part alone: the call's customer speech frames pushed, as the stage
    pushes them, into a fresh :class:`CustomerArousal` (features, baseline, ONNX)."""
    arousal = CustomerArousal(load_arousal_model(), hop_samples=round(hop_s * SAMPLE_RATE))
    t0 = time.process_time()
    for start in speech_starts:
        arousal.push(start, customer[start : start + frame])
    return time.process_time() - t0


def call_inputs(name: str) -> tuple | None:
    """What a replay of call ``name`` needs: ``(flac, inputs, transcripts, prosody, customer, speech_s)``
    (the saved stage inputs, the customer's transcripts and prosody from its latest full analysis, the
    customer lane's audio, seconds of customer speech), or None when no stage inputs were saved."""
    import eval_call_escalation as E  # noqa: PLC0415 (only the call modes need the evaluation set)

    from coach.sources.recording import load_recording  # noqa: PLC0415
    from training.escalation_replay import FRAME, customer_transcripts, load_inputs, recorded_prosody  # noqa: PLC0415

    flac, latest, saved = E.replay_files(name)
    if latest is None or saved is None:
        return None
    inputs = load_inputs(saved)
    transcripts, prosody = customer_transcripts(latest), recorded_prosody(inputs, latest)
    customer = load_recording(str(flac)).customer
    return flac, inputs, transcripts, prosody, customer, len(inputs.speech_starts) * FRAME / SAMPLE_RATE


def bench_calls(names: list[str], repeat: int, parts: bool = False, config: Path | None = None) -> int:
    """Per-call CPU of the escalation stage replayed on saved inputs (see module docstring).

    Per call and repeat: the replay with the real stage, less the same replay with :class:`NullStage`
    (the harness), is the stage; its voice part is :func:`voice_cpu`, its MiniLM part the shared
    embedder's own count (``model_runs``, ``model_cpu_s``: the text anger scorer's and the complaint
    head's runs); the rest is the heads, markers, conversation marks and fusion (the tracker ticked as
    :meth:`~coach.classify.stage.EscalationStage.tick` ticks it). ``parts``: then :func:`print_parts`."""
    from coach.config import load_config  # noqa: PLC0415
    from training.escalation_replay import FRAME  # noqa: PLC0415

    cfg = load_config(config).escalation  # ``config``: a TOML overlay (``coach analyze --config``)
    TextAngerScorer().score(UTTERANCES[0])  # warm-up (model loads)
    bench_voice(speech(12, data_root(None)), cfg.voice_hop_s)
    embedder = get_embedder()  # the process-wide MiniLM: the text scorer's and the complaint head's
    from coach.classify.stage import EscalationStage  # noqa: PLC0415

    by_source: dict[str, int] = {}  # MiniLM runs per stage method, over all calls and repeats
    hits0 = embedder.cache_hits  # texts the cache of recent texts answered (no model run)
    counted_stage = count_runs_by_source(EscalationStage, embedder, by_source)
    rows = []  # (name, speech s, stage, MiniLM, MiniLM runs, voice, harness): CPU seconds
    for name in names:
        loaded = call_inputs(name)
        if loaded is None:
            print(f"{name}: no saved stage inputs; run scripts/eval_call_escalation.py --replay --only {name}")
            return 2
        flac, inputs, transcripts, prosody, customer, speech_s = loaded
        for _ in range(max(1, repeat)):
            embedder.forget()  # a repeat must not find the texts of the previous one
            runs0, cpu0 = embedder.model_runs, embedder.model_cpu_s
            args = (flac, inputs, transcripts, cfg, prosody)
            total = replay_cpu(counted_stage, *args, text_scorer=TextAngerScorer(), customer=customer)
            minilm, runs = embedder.model_cpu_s - cpu0, embedder.model_runs - runs0
            harness = replay_cpu(NullStage, *args, customer=customer)
            voice = voice_cpu(customer, inputs.speech_starts, FRAME, cfg.voice_hop_s)
            rows.append((name, speech_s, total - harness, minilm, runs, voice, harness))
    reps = max(1, repeat)
    for name in names:
        mine = [r for r in rows if r[0] == name]
        per = [1000 * r[2] / r[1] for r in mine]
        print(
            f"  {name:52s} {mine[0][1]:5.0f} s of speech  {np.median(per):6.2f} ({min(per):.2f}-{max(per):.2f}) "
            f"ms/s, MiniLM {mine[0][4]} runs"
        )
    speech_s = sum(r[1] for r in rows)
    stage, minilm, runs, voice, harness = (sum(r[k] for r in rows) for k in (2, 3, 4, 5, 6))
    per_s = 1000 * stage / speech_s
    print(
        f"  {'all':52s} {speech_s / reps:5.0f} s of speech  {per_s:6.2f} ms CPU per s of speech "
        f"(target < {TARGET_MS_PER_S:g}): MiniLM {1000 * minilm / speech_s:.2f} ms/s in {runs // reps} runs "
        f"(text anger and complaint head), voice {1000 * voice / speech_s:.2f}, the rest (heads, markers, fusion "
        f"ticks) {1000 * (stage - minilm - voice) / speech_s:.2f}; replay harness, not counted, "
        f"{1000 * harness / speech_s:.2f}"
    )
    print(
        f"  MiniLM runs by source: finals {by_source.get('push_final', 0) // reps}, partials' calm-words check "
        f"{by_source.get('_committed_calm', 0) // reps}, partials' complaint reading "
        f"{by_source.get('_partial_complaint', 0) // reps}; texts the cache of recent texts answered "
        f"{(embedder.cache_hits - hits0) // reps}"
    )
    if parts:
        print_parts(names, cfg, embedder, EscalationStage)
    return 0 if per_s < TARGET_MS_PER_S else 1


def bench_calls_against(names: list[str], repeat: int, other: Path, config: Path | None = None) -> int:
    """The stage on the calls (as :func:`bench_calls`) with this tree's sentence embedder and with
    ``other``'s (another tree's ``coach/classify/minilm.py``), alternated ``repeat`` times in this process
    (the load of a shared machine falls on both alike): per side the stage's ms CPU per s of customer speech
    (the replay harness, measured once a round, subtracted), its MiniLM share and runs, each call's own figure,
    and whether both sides' escalation events are identical. Exit 1 if they are not."""
    import training.escalation_replay as R  # noqa: PLC0415
    from coach.config import load_config  # noqa: PLC0415

    cfg = load_config(config).escalation
    sides = {"this tree": get_embedder(), str(other): other_module(other, "other_minilm").SentenceEmbedder()}
    loaded = {name: call_inputs(name) for name in names}
    for name, inputs in loaded.items():
        if inputs is None:
            print(f"{name}: no saved stage inputs; run scripts/eval_call_escalation.py --replay --only {name}")
            return 2
    present = {name: v for name, v in loaded.items() if v is not None}
    speech_s = sum(v[5] for v in present.values())
    for embedder in sides.values():  # warm-up (model loads)
        TextAngerScorer(embedder=embedder).score(UTTERANCES[0])  # type: ignore[arg-type]
    stage: dict[str, list[float]] = {name: [] for name in sides}
    model: dict[str, list[float]] = {name: [] for name in sides}
    per_call: dict[str, dict[str, list[float]]] = {side: {name: [] for name in names} for side in sides}
    runs: dict[str, int] = {}
    events: dict[str, list] = {}
    for rnd in range(max(1, repeat) + 1):  # round 0 warms both sides up (lazy loads), not counted
        harness = {n: replay_cpu(NullStage, *v[:3], cfg, v[3], customer=v[4]) for n, v in present.items()}
        for side in list(sides) if rnd % 2 == 0 else list(sides)[::-1]:
            embedder = sides[side]
            runs0, model0, cpu, out = embedder.model_runs, embedder.model_cpu_s, 0.0, []  # type: ignore[attr-defined]
            for name, (flac, inputs, transcripts, prosody, customer, seconds) in present.items():
                embedder.forget()  # type: ignore[attr-defined]
                scorer = TextAngerScorer(embedder=embedder)  # type: ignore[arg-type]
                t0 = time.process_time()
                out.append(
                    R.replay_stage(flac, inputs, transcripts, cfg, prosody, text_scorer=scorer, customer=customer)
                )
                spent = time.process_time() - t0
                cpu += spent
                if rnd:
                    per_call[side][name].append(1000 * (spent - harness[name]) / seconds)
            if rnd:
                stage[side].append(1000 * (cpu - sum(harness.values())) / speech_s)
                model[side].append(1000 * (embedder.model_cpu_s - model0) / speech_s)  # type: ignore[attr-defined]
            runs[side], events[side] = embedder.model_runs - runs0, out  # type: ignore[attr-defined]
    rounds, load = max(1, repeat), os.getloadavg()[0]
    print(f"  {len(names)} calls, {speech_s:.0f} s of customer speech, {rounds} alternated rounds, load {load:.1f}:")
    for side in sides:
        v, m = stage[side], model[side]
        print(
            f"  {side:40s} stage {spread(v)} ms CPU per s of speech, MiniLM {spread(m).strip()} in {runs[side]} "
            "runs: " + " ".join(f"{x:.2f}" for x in v)
        )
    for name in names:  # each call's own figure, the sides in the order above
        figures = "  ".join(spread(per_call[side][name]) for side in sides)
        print(f"    {name:40s} {present[name][5]:4.0f} s of speech: {figures}")
    same = len({repr(e) for e in events.values()}) == 1
    print(f"  {sum(len(e) for e in events['this tree'])} escalation events, identical: {same}")
    return 0 if same else 1


def print_parts(names: list[str], cfg: object, embedder: object, stage_class: type) -> None:
    """One more pass over the calls with each stage method timed (:func:`time_by_method`): ms CPU per s
    of customer speech of each entry point without its MiniLM runs, and the fusion ticks run."""
    cpu: dict[str, float] = {}
    advances = [0]
    timed = time_by_method(stage_class, embedder, cpu, advances)
    speech_s = 0.0
    for name in names:
        loaded = call_inputs(name)
        assert loaded is not None  # bench_calls checked every call before
        flac, inputs, transcripts, prosody, customer, seconds = loaded
        speech_s += seconds
        embedder.forget()  # type: ignore[attr-defined]
        replay_cpu(timed, flac, inputs, transcripts, cfg, prosody, text_scorer=TextAngerScorer(), customer=customer)
    shares = ", ".join(f"{k} {1000 * cpu.get(k, 0.0) / speech_s:.2f}" for k in STAGE_METHODS)
    print(f"  by method, MiniLM excluded (ms CPU per s of speech, one pass): {shares}; fusion ticks {advances[0]}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=None)
    parser.add_argument("--seconds", type=float, default=120.0, help="customer speech to score")
    parser.add_argument("--utterance-s", type=float, default=4.0, help="speech per final transcript")
    parser.add_argument(
        "--hop-s",
        type=float,
        default=EscalationConfig().voice_hop_s,
        help="seconds of speech between voice readings ([escalation] voice_hop_s)",
    )
    parser.add_argument("--repeat", type=int, default=1, help="measure this many times; report the spread")
    parser.add_argument("--calls", nargs="+", metavar="NAME", help="the stage on these evaluation calls instead")
    parser.add_argument(
        "--parts", action="store_true", help="with --calls: one more pass timing each stage method (not in the total)"
    )
    parser.add_argument(
        "--config", type=Path, metavar="TOML", help="with --calls: a config overlay, as coach analyze --config takes"
    )
    parser.add_argument(
        "--fp32-minilm", action="store_true", help="MiniLM as shipped (fp32 weights at run time), for a before/after"
    )
    parser.add_argument(
        "--unsigned-minilm",
        action="store_true",
        help="MiniLM's int8 weights as uint8 even where the CPU multiplies int8 ones exactly, for a before/after",
    )
    parser.add_argument(
        "--unfused-minilm",
        action="store_true",
        help="MiniLM's int8 graph without the fused attention and GELU, for a before/after",
    )
    parser.add_argument(
        "--voice-against",
        type=Path,
        metavar="FEATURES_PY",
        help="the voice part only, alternated with another tree's arousal_features.py (--repeat times)",
    )
    parser.add_argument(
        "--minilm-against",
        type=Path,
        metavar="MINILM_PY",
        help="with --calls: the stage with this tree's and another tree's minilm.py, alternated (--repeat times)",
    )
    args = parser.parse_args(argv)
    if args.fp32_minilm:
        minilm.INT8_MATMULS = False
    if args.unfused_minilm:
        minilm.FUSED_ATTENTION = False
    if args.unsigned_minilm:
        minilm.SIGNED_WEIGHTS = False
    if args.calls and args.minilm_against:
        return bench_calls_against(args.calls, args.repeat, args.minilm_against, args.config)
    if args.calls:
        return bench_calls(args.calls, args.repeat, args.parts, args.config)

    pcm = speech(args.seconds, data_root(args.data))
    if args.voice_against:
        return bench_voice_against(pcm, args.hop_s, args.voice_against, args.repeat)
    speech_s = len(pcm) / SAMPLE_RATE
    n_utt = max(1, int(speech_s / args.utterance_s))
    names = ("voice (features + normaliser + onnx)", "words (MiniLM + head + lexicon)", "fusion (EscalationTracker)")
    runs: list[list[float]] = []  # ms CPU per s of speech: voice, words, fusion
    for run in range(max(1, args.repeat)):
        voice_cpu, readings = bench_voice(pcm, args.hop_s)
        words_cpu, texts = bench_words(n_utt, first=run * n_utt)
        fusion_cpu = bench_fusion(readings, texts, int(args.utterance_s * SAMPLE_RATE))
        runs.append([1000 * c / speech_s for c in (voice_cpu, words_cpu, fusion_cpu)])
    table = np.array(runs)
    totals = table.sum(axis=1)
    print(
        f"customer speech {speech_s:.0f} s, {len(readings)} voice readings, {n_utt} final transcripts "
        f"(one per {args.utterance_s:g} s), {len(runs)} run(s): median (min-max)"
    )
    for name, col in zip(names, table.T, strict=True):
        print(f"  {name:38s} {np.median(col):6.2f} ({col.min():.2f}-{col.max():.2f}) ms CPU per s of speech")
    per_s = float(np.median(totals))
    print(
        f"  {'total':38s} {per_s:6.2f} ({totals.min():.2f}-{totals.max():.2f}) ms CPU per s of speech "
        f"(target < {TARGET_MS_PER_S:g})"
    )
    print(
        f"  per text utterance {np.median(table[:, 1]) * speech_s / n_utt:.1f} ms; per voice window "
        f"{np.median(table[:, 0]) * speech_s / max(1, len(readings)):.1f} ms"
    )
    return 0 if per_s < TARGET_MS_PER_S else 1


if __name__ == "__main__":
    raise SystemExit(main())
