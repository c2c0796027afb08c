"""Where the streaming finals lose words against offline tiny.en: errors counted by cause.

The audio-time simulation of ``bench_asr_capacity_sim.py`` (same labelled calls: jfk and the fixed asterisk
subset, tuning part only) is run with every final decode tagged by how the scheduler decoded it: alone
(beam or greedy), in a pack of several utterances (and its slot), in a backlog batch, or alone again after
its pack's split refused it, or with no decode at all (long-turn cuts, provisional finals). Each lane's
reference words (tagged by clip) are aligned with its streaming finals' words (tagged by the final's
decode) and with the clips decoded offline one by one (beam 5, as ``bench_capacity.offline_wer``). Every
reference word the stream got wrong and offline got right is a *loss*, counted by the decode of the
final that should hold it, by where it lies in its clip (first / last / inner word) and by its clip's
finals (one, none, several: a cut turn); the reverse is a *gain*; insertions are counted alike.

Only counts are printed (``--show`` prints the lost words and their neighbours; test audio only, never
call audio).

    .venv/bin/python scripts/bench_asr_wer_causes.py [--calls 16] [--seconds 30] \
        [--variant 'name:key=value,...' ...]   # as bench_asr_capacity_sim's variants
"""

from __future__ import annotations

import argparse
import pickle
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import bench_asr_capacity_sim as sim  # noqa: E402
from bench_asr_capacity_sim import simulate, variant  # noqa: E402
from bench_capacity import LabelledCall, build_call  # noqa: E402

from coach.asr import scheduler as scheduler_module  # noqa: E402
from coach.asr.config import AsrConfig  # noqa: E402
from coach.asr.engine import DecodeOptions, get_engine  # noqa: E402
from coach.asr.textnorm import words_of  # noqa: E402
from coach.types import SAMPLE_RATE, Lane  # noqa: E402
from training.asr_corpus import asterisk, asterisk_subset, jfk  # noqa: E402

MODES: dict[tuple[str, str, float, float], str] = {}
"""(lane, utt, piece start, speech end) of a final -> how it was decoded (filled while simulating)."""


def tag_decodes() -> None:
    """Wrap the scheduler's pack runner, split and batch results so every final request gets its decode."""
    sched = scheduler_module.DecodeScheduler
    run, split = sched._run, scheduler_module.split
    current: dict[str, Any] = {"jobs": []}

    def key(req: Any) -> tuple[str, str, float, float]:
        return (
            req.lane.value,
            f"{req.lane.value}-{req.utt}",
            *(round(x / SAMPLE_RATE, 3) for x in (req.piece_start, req.speech_end)),
        )

    def tagged_run(self: Any, jobs: list[Any], opts: DecodeOptions, defer: Any = None) -> None:
        current["jobs"] = jobs if jobs[0].final else []
        if jobs[0].final:
            beam = "greedy" if opts.beam_size <= 1 else f"beam{opts.beam_size}"
            if len(jobs) == 1:
                kind = f"alone {beam}"
            elif self.backlog(opts) and self._decode_batch is not None:
                kind = f"batch {beam}"
            else:
                kind = f"pack {beam}"
            for i, job in enumerate(jobs):
                where = "" if len(jobs) == 1 else (" first slot" if i == 0 else " later slot")
                MODES[key(job.req)] = kind + where
        run(self, jobs, opts, defer)

    def tagged_split(*args: Any, **kwargs: Any) -> list[Any]:
        parts = split(*args, **kwargs)
        for job, part in zip(current["jobs"], parts, strict=False):
            if part is None:
                MODES[key(job.req)] = "refused, alone again"
        return parts

    sched._run = tagged_run  # type: ignore[method-assign]
    scheduler_module.split = tagged_split


def align(ref: list[str], hyp: list[str]) -> list[tuple[int | None, int | None]]:
    """Levenshtein alignment as (ref index, hyp index) pairs; None on the side of an insertion/deletion."""
    n, m = len(ref), len(hyp)
    d = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        d[i][0] = i
    for j in range(m + 1):
        d[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]))
    out: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        if i and j and d[i][j] == d[i - 1][j - 1] + (ref[i - 1] != hyp[j - 1]):
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif i and d[i][j] == d[i - 1][j] + 1:
            out.append((i - 1, None))
            i -= 1
        else:
            out.append((None, j - 1))
            j -= 1
    return out[::-1]


def wrong_words(ref: list[str], hyp: list[str]) -> tuple[list[bool], list[int], list[int | None]]:
    """Per reference word: wrong (substituted or deleted); the reference index before each insertion; and
    per reference word the hypothesis word aligned to it (None: deleted)."""
    wrong, inserted, match = [False] * len(ref), [], [None] * len(ref)
    last = 0
    for r, h in align(ref, hyp):
        if r is None:
            inserted.append(last)
        else:
            last = r
            match[r] = h
            wrong[r] = h is None or ref[r] != hyp[h]
    return wrong, inserted, match


def analyse(
    calls: list[LabelledCall],
    emitted: list[list[dict[str, Any]]],
    offline: dict[str, str],
    show: bool,
) -> dict[str, Counter[str]]:
    counts: dict[str, Counter[str]] = {k: Counter() for k in ("loss", "gain", "ins_stream", "ins_offline", "total")}
    for call, events in zip(calls, emitted, strict=True):
        for lane in Lane:
            clips = [(a, b, text) for (a, b), text in zip(call.spans[lane], call.refs[lane], strict=True)]
            ref, clip_of, pos_in = [], [], []
            for c, (_, _, text) in enumerate(clips):
                ws = words_of(text)
                ref += ws
                clip_of += [c] * len(ws)
                pos_in += ["first" if k == 0 else "last" if k == len(ws) - 1 else "inner" for k in range(len(ws))]
            finals = [e for e in events if e.get("final") and e.get("speaker") == lane.value]
            hyp, mode_of, finals_of_clip = [], [], Counter()
            for e in finals:
                mode = MODES.get((lane.value, e["utt"], e["t"], e["end"]), "no decode")
                ws = words_of(e["text"])
                hyp += ws
                mode_of += [mode] * len(ws)
                mid = (e["t"] + e["end"]) / 2 * SAMPLE_RATE
                near = min(range(len(clips)), key=lambda c: abs((clips[c][0] + clips[c][1]) / 2 - mid), default=None)
                if near is not None:
                    finals_of_clip[near] += 1
            off = []
            for _, _, text in clips:
                off += words_of(offline[text])
            s_wrong, s_ins, s_match = wrong_words(ref, hyp)
            o_wrong, o_ins, _ = wrong_words(ref, off)
            counts["total"]["ref words"] += len(ref)
            counts["total"]["stream errors"] += sum(s_wrong) + len(s_ins)
            counts["total"]["offline errors"] += sum(o_wrong) + len(o_ins)
            for r, (sw, ow) in enumerate(zip(s_wrong, o_wrong, strict=True)):
                if sw == ow:
                    continue
                h = s_match[r]
                if h is None:  # deleted: the decode of a neighbouring hypothesis word
                    nb = [j for j in (r - 1, r + 1) if 0 <= j < len(ref) and s_match[j] is not None]
                    mode = mode_of[s_match[nb[0]]] if nb else "no final"
                else:
                    mode = mode_of[h]
                n_finals = finals_of_clip[clip_of[r]]
                cut = "clip in no final" if n_finals == 0 else "one final" if n_finals == 1 else "cut turn"
                kind = "deleted" if h is None else "substituted"
                bucket = counts["loss" if sw else "gain"]
                bucket[f"decode: {mode}"] += 1
                bucket[f"word: {pos_in[r]} of clip"] += 1
                bucket[f"turn: {cut}"] += 1
                bucket[f"edit: {kind}"] += 1
                if show and sw:
                    lo, hi = max(0, r - 2), min(len(ref), r + 3)
                    hyp_near = [hyp[s_match[j]] if s_match[j] is not None else "_" for j in range(lo, hi)]
                    print(f"  loss [{mode}; {pos_in[r]}; {cut}] ref {ref[lo:hi]} stream {hyp_near}")
            if show:
                inserted_at = {r for r in s_ins} - set(o_ins)
                for r in sorted(inserted_at):
                    where = pos_in[r] if r < len(pos_in) else "end"
                    print(f"  inserted after ref word {r} [{where}]: ref {ref[r : r + 2]}")
            s_ins_clip = Counter(clip_of[r] if r < len(clip_of) else -1 for r in s_ins)
            o_ins_clip = Counter(clip_of[r] if r < len(clip_of) else -1 for r in o_ins)
            for c in set(s_ins_clip) | set(o_ins_clip):
                extra = s_ins_clip[c] - o_ins_clip[c]
                if extra > 0:
                    counts["ins_stream"]["inserted in stream only"] += extra
                elif extra < 0:
                    counts["ins_offline"]["inserted offline only"] += -extra
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--variant", action="append", help="as bench_asr_capacity_sim.py (default: solo=cores=1.4)")
    parser.add_argument(
        "--shifts", default="0", help="comma list of call sets, as bench_asr_capacity_sim.py's --shifts (0: its calls)"
    )
    parser.add_argument("--show", action="store_true", help="print each lost word with its neighbours (test audio)")
    parser.add_argument(
        "--memo", type=Path, help="bench_asr_capacity_sim.py's --memo file: its decodes are reused (same figures)"
    )
    args = parser.parse_args()
    if args.memo and args.memo.exists():
        sim.MEMO.update(pickle.loads(args.memo.read_bytes()))  # our own file of our own decodes
    clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(60)]
    sets = {
        k: [build_call(clips, 5 * i + k, args.seconds) for i in range(args.calls)]
        for k in map(int, args.shifts.split(","))
    }
    engine = get_engine(AsrConfig(cpu_threads=1))
    opts = DecodeOptions(language="en", beam_size=AsrConfig().final_beam_size)
    used = {text for calls in sets.values() for call in calls for lane in Lane for text in call.refs[lane]}
    offline = {c.text: engine.transcribe(c.pcm, options=opts).text for c in clips if c.text in used}
    tag_decodes()
    for (shift, calls), spec in ((kv, v) for kv in sets.items() for v in args.variant or ["base:solo=1.4,cores=1.4"]):
        name, config, speed, flags = variant(spec)
        MODES.clear()
        captured: list[list[dict[str, Any]]] = []
        summarise = sim.summarise

        def keep(
            calls_: Any, emitted: Any, offsets: Any, total: Any, captured: Any = captured, inner: Any = summarise
        ) -> Any:
            captured += [[e.to_dict() for _, e in events if e.type == "transcript"] for events in emitted]
            return inner(calls_, emitted, offsets, total)

        sim.summarise = keep
        r = simulate(calls, config, speed, **flags)
        sim.summarise = summarise
        counts = analyse(calls, captured, offline, args.show)
        t = counts["total"]
        print(
            f"{name}, call set {shift}: {args.calls} calls x {args.seconds:.0f} s: WER stream {r['wer']:.3f}, "
            f"{t['stream errors']} errors against offline {t['offline errors']} over {t['ref words']} words;"
            f" final p50 / p95 {r['p50']:.2f} / {r['p95']:.2f} s"
        )
        decodes = Counter(MODES.values())
        print("  final decodes: " + ", ".join(f"{k} {v}" for k, v in sorted(decodes.items())))
        for what in ("loss", "gain"):
            print(f"  words {what} ({sum(v for k, v in counts[what].items() if k.startswith('edit'))}):")
            for group in ("decode", "word", "turn", "edit"):
                items = sorted((k, v) for k, v in counts[what].items() if k.startswith(group))
                print("    " + ", ".join(f"{k.split(': ', 1)[1]} {v}" for k, v in items))
        print(
            f"  insertions beyond offline's: stream {counts['ins_stream']['inserted in stream only']},"
            f" offline {counts['ins_offline']['inserted offline only']}",
            flush=True,
        )


if __name__ == "__main__":
    main()
