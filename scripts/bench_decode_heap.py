"""CPU of decodes in decode processes with and without ``[asr] decode_keep_heap`` (issue 11).

Two :class:`~coach.asr.decodeproc.DecodeProcesses` of one child each, one started with the setting and
one without, decode the same pieces of a recording (beam 5, the product's finals) in alternating
rounds; prints each round's child CPU seconds (user + system, ``/proc``) per variant, the medians, each
child's peak resident memory, and whether both decoded the same words. Side by side in one run, so
machine load hits both alike.

    .venv/bin/python scripts/bench_decode_heap.py [--audio tests/data/calls/demo.flac] [--rounds 6]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np
import soundfile as sf

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coach.asr.decodeproc import DecodeProcesses  # noqa: E402
from coach.asr.engine import DecodeOptions  # noqa: E402
from coach.config import load_config  # noqa: E402

PIECES_S = ((0.0, 3.0), (4.0, 6.0), (12.0, 2.0), (20.0, 9.0))
"""(start, length) of the decoded pieces, seconds: short and long finals."""


def peak_rss_mb(pid: int) -> float:
    """Peak resident memory of process ``pid`` (``VmHWM``, Linux ``/proc``), MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


DEMO_CALL = ROOT / "tests" / "data" / "calls" / "demo.flac"
"""The decode benchmarks' default recording."""


def agent_lane(path: Path) -> tuple[np.ndarray, int]:
    """Channel 0 (the agent lane) of a 16 kHz recording as float32, and its rate; exits on another rate."""
    pcm, rate = sf.read(path, dtype="float32", always_2d=True)
    if rate != 16000:
        raise SystemExit(f"{path}: {rate} Hz; the decoder takes 16 kHz")
    return np.ascontiguousarray(pcm[:, 0]), rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--audio", type=Path, default=DEMO_CALL)
    parser.add_argument("--rounds", type=int, default=6)
    args = parser.parse_args()
    lane, rate = agent_lane(args.audio)
    pieces = [lane[int(s * rate) : int((s + n) * rate)] for s, n in PIECES_S if len(lane) >= (s + 1.0) * rate]
    config = load_config().asr
    variants = {
        "keep": DecodeProcesses(replace(config, decode_keep_heap=True), 1, name="bench-keep"),
        "plain": DecodeProcesses(replace(config, decode_keep_heap=False), 1, name="bench-plain"),
    }
    options = DecodeOptions(language=config.language, beam_size=config.final_beam_size)
    cpu: dict[str, list[float]] = {name: [] for name in variants}
    peak_mb: dict[str, float] = {}
    words: dict[str, list[str]] = {name: [] for name in variants}
    try:
        for rnd in range(args.rounds):
            order = list(variants) if rnd % 2 else list(reversed(variants))
            for name in order:
                procs = variants[name]
                before = procs.cpu_s()
                out = [procs.decode(p, None, options) for p in pieces]
                cpu[name].append(procs.cpu_s() - before)
                words[name].append(" ".join(s.text for segs in out for s in segs))
        peak_mb = {name: peak_rss_mb(procs.pids()[0]) for name, procs in variants.items()}
    finally:
        for procs in variants.values():
            procs.close()
    print(f"{len(pieces)} pieces of {args.audio.name}, beam {options.beam_size}, {args.rounds} rounds")
    for name, values in cpu.items():
        rounds = " ".join(f"{v:.2f}" for v in values)
        median = statistics.median(values)
        print(f"{name:6s} CPU-s per round: {rounds}  median {median:.2f}  peak RSS {peak_mb[name]:.0f} MB")
    ratio = statistics.median(cpu["keep"]) / statistics.median(cpu["plain"])
    print(f"keep / plain: {ratio:.2f}; same words: {words['keep'] == words['plain']}")


if __name__ == "__main__":
    main()
