"""Can the samples alone tell linear 8 kHz audio sent as 16 kHz (a fast replay that declares the wrong rate)?

A measurement, not product code (docs/robustness.md, session 40, helper R4). Each file or call lane is taken
as a source would send it at "16000 Hz": real 16 kHz audio as it is (negatives: EmoDB, the AMI excerpts, jfk,
the rendered tuning calls below c910, and the 8 kHz Asterisk prompts correctly resampled to 16 kHz), and
8 kHz samples passed on unresampled (positives: the Asterisk prompts as they are, and every negative
resampled to 8 kHz first). Over the loud 32 ms frames it measures:

- ``hi``: the share of energy at 4-8 kHz (the cue "no energy above 4 kHz" marks telephone audio resampled
  *correctly*; 8 kHz samples read at 16 kHz fill the whole band, their 0-4 kHz heard as 0-8 kHz);
- ``low``: the share below 500 Hz (a voice's fundamental, doubled by the wrong rate);
- ``f0``: the median pitch of voiced 40 ms frames (autocorrelation, 60-800 Hz), doubled by the wrong rate.

It prints each set's 5th/50th/95th percentiles and, for rules ``f0 > T`` (and ``low < L``), what they would flag
on the design part (EmoDB, the Asterisk prompts of even CRC, calls c001-c884) and on the report part (AMI, jfk,
the Asterisk prompts of odd CRC, calls c885-c909). Usage (about 4 minutes here):
``nice -n 10 .venv/bin/python scripts/probe_undeclared_8k.py``.
"""

from __future__ import annotations

import argparse
import collections
import re
import zlib
from pathlib import Path

import numpy as np
import soundfile as sf
import soxr

RATE = 16000
ROOT = Path(__file__).resolve().parent.parent
FIRST_UNREAD_CALL = 910
"""Rendered calls from here on are not read (the held-out parts)."""


def features(x: np.ndarray) -> dict[str, float] | None:
    """``hi``, ``low``, ``f0`` (see the module docstring) of mono float audio at 16 kHz; None if too little is loud."""
    x = x.astype(np.float64)
    frames = np.lib.stride_tricks.sliding_window_view(x, 512)[::256]
    if len(frames) < 10:
        return None
    rms = np.sqrt((frames**2).mean(axis=1))
    frames = frames[rms > max(rms.max() * 0.1, 1e-3)]
    if len(frames) < 10:
        return None
    power = (np.abs(np.fft.rfft(frames * np.hanning(512), axis=1)) ** 2).mean(axis=0)
    freq = np.fft.rfftfreq(512, 1 / RATE)
    total = power[freq > 50].sum()
    pitch = []
    windows = np.lib.stride_tricks.sliding_window_view(x, 640)[::320]
    level = np.sqrt((windows**2).mean(axis=1))
    for w in windows[level > max(level.max() * 0.1, 1e-3)]:
        w = w - w.mean()
        ac = np.correlate(w, w, "full")[639:]
        if ac[0] <= 0:
            continue
        ac = ac / ac[0]
        lag = RATE // 800 + int(np.argmax(ac[RATE // 800 : RATE // 60]))
        if ac[lag] > 0.5:
            pitch.append(RATE / lag)
    return {
        "hi": power[freq >= 4000].sum() / total,
        "low": power[(freq > 50) & (freq < 500)].sum() / total,
        "f0": float(np.median(pitch)) if len(pitch) > 5 else float("nan"),
    }


def part(name: str) -> str:
    """``design`` or ``report`` (fixed by the file's name, before any figure was seen)."""
    if "asterisk" in name:
        return "design" if zlib.crc32(Path(name).name.encode()) % 2 == 0 else "report"
    if "emodb" in name:
        return "design"
    found = re.search(r"/c(\d+)_", name)
    if found:
        return "design" if int(found.group(1)) < 885 else "report"
    return "report"


def lanes(data: Path, calls: Path):
    """(name, set, mono 16 kHz audio, whether it is real 16 kHz) for every negative, then its positive."""
    for path in sorted((data / "asr" / "asterisk_8k").glob("*.flac")):
        pcm, _ = sf.read(str(path), dtype="float32")
        yield str(path), "asterisk", soxr.resample(pcm, 8000, RATE), pcm
    wide = [*sorted((data / "emotion" / "emodb").glob("*.flac")), *sorted((data / "conversation").rglob("*.flac"))]
    for path in [*wide, *sorted((data / "asr" / "jfk").glob("*.flac"))]:
        pcm, rate = sf.read(str(path), dtype="float32")
        pcm = soxr.resample(pcm, rate, RATE) if rate != RATE else pcm
        kind = "emodb" if "emodb" in str(path) else "ami" if "conversation" in str(path) else "jfk"
        yield str(path), kind, pcm, soxr.resample(pcm, RATE, 8000)
    for path in sorted(calls.glob("c*.flac")):
        number = re.match(r"c(\d+)_", path.name)
        if not number or int(number.group(1)) >= FIRST_UNREAD_CALL:
            continue
        stereo, rate = sf.read(str(path), dtype="float32", always_2d=True)
        for channel in range(stereo.shape[1]):
            pcm = stereo[:, channel] if rate == RATE else soxr.resample(stereo[:, channel], rate, RATE)
            yield f"{path}#{channel}", "call", pcm, soxr.resample(pcm, RATE, 8000)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--calls", type=Path, default=ROOT / "artifacts" / "calls")
    args = parser.parse_args()
    rows = []
    for name, kind, right, raw in lanes(args.data, args.calls):
        for label, pcm, positive in ((f"{kind} 16 kHz", right, False), (f"{kind} 8 kHz sent as 16", raw, True)):
            found = features(pcm)
            if found is not None:
                rows.append((name, label, positive, found))
    by_set = collections.defaultdict(list)
    for _, label, _, found in rows:
        by_set[label].append(found)
    for label, found in by_set.items():
        cells = " ".join(
            f"{k} {'/'.join(f'{np.nanpercentile([f[k] for f in found], q):.3g}' for q in (5, 50, 95))}"
            for k in ("hi", "low", "f0")
        )
        print(f"{label:28s} n={len(found):4d} {cells}")
    for which in ("design", "report"):
        chosen = [(p, f) for n, _, p, f in rows if part(n) == which]
        positives = sum(p for p, _ in chosen)
        print(f"{which}: {positives} positives, {len(chosen) - positives} negatives")
        for top in (300, 330, 350, 380):
            for low in (1.0, 0.3):
                flagged = [p for p, f in chosen if f["f0"] > top and f["low"] < low]
                caught, false = sum(flagged), len(flagged) - sum(flagged)
                print(f"  f0 > {top} and low < {low}: flags {caught} positives, {false} negatives")
    print("negatives flagged by f0 > 330:")
    for name, label, positive, found in rows:
        if not positive and found["f0"] > 330:
            print(f"  {label}: {Path(name.split('#')[0]).name} f0 {found['f0']:.0f}")


if __name__ == "__main__":
    main()
