"""Loading the reference speech shipped in ``shared/data/asr`` (benchmarks and tests only).

``jfk/`` holds one 11 s clip with its text; ``asterisk_8k/`` 284 telephone prompts at 8 kHz with
``transcripts.tsv`` (stem, text). Audio is returned mono float32 at 16 kHz.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from coach.types import SAMPLE_RATE


def data_root() -> Path:
    """``$COACH_DATA`` or ``/work/shared/data`` or ``<repo>/../shared/data``, whichever exists first."""
    env = os.environ.get("COACH_DATA")
    candidates = [Path(env)] if env else []
    candidates += [Path("/work/shared/data"), Path(__file__).resolve().parents[3] / "shared" / "data"]
    for path in candidates:
        if (path / "asr").is_dir():
            return path
    raise FileNotFoundError("shared/data/asr not found; set COACH_DATA to the data folder")


@dataclass(frozen=True, slots=True)
class Clip:
    """A reference clip: ``name``, 16 kHz float32 ``pcm`` and its reference ``text``."""

    name: str
    pcm: np.ndarray
    text: str


def load_audio(path: Path) -> np.ndarray:
    """Read a file as mono float32 at 16 kHz (resampled with soxr when needed)."""
    import soundfile as sf
    import soxr

    pcm, sr = sf.read(str(path), dtype="float32", always_2d=True)
    pcm = pcm.mean(axis=1)
    if sr != SAMPLE_RATE:
        pcm = soxr.resample(pcm, sr, SAMPLE_RATE, quality="HQ")
    return np.ascontiguousarray(pcm, dtype=np.float32)


def jfk(root: Path | None = None) -> Clip:
    folder = (root or data_root()) / "asr" / "jfk"
    return Clip("jfk", load_audio(folder / "jfk.flac"), (folder / "jfk.txt").read_text().strip())


def asterisk_transcripts(root: Path | None = None) -> dict[str, str]:
    """Stem -> reference text for every prompt."""
    path = (root or data_root()) / "asr" / "asterisk_8k" / "transcripts.tsv"
    rows = (line.split("\t", 1) for line in path.read_text().splitlines() if "\t" in line)
    return {stem: text.strip() for stem, text in rows}


def asterisk_speech_stems(root: Path | None = None, *, min_words: int = 3) -> list[str]:
    """Sorted stems of top-level prompts whose text is plain speech of at least ``min_words`` words
    (no tones, silences or spelled symbols)."""
    out = []
    for stem, text in sorted(asterisk_transcripts(root).items()):
        if "/" in stem or any(c in text for c in "[]()<>"):
            continue
        if len(text.split()) >= min_words:
            out.append(stem)
    return out


def asterisk_subset(n: int = 60, root: Path | None = None) -> list[str]:
    """A fixed, evenly spaced subset of :func:`asterisk_speech_stems` (deterministic)."""
    stems = asterisk_speech_stems(root)
    if n >= len(stems):
        return stems
    return [stems[int(i * len(stems) / n)] for i in range(n)]


def asterisk(stem: str, root: Path | None = None) -> Clip:
    folder = (root or data_root()) / "asr" / "asterisk_8k"
    return Clip(stem, load_audio(folder / f"{stem}.flac"), asterisk_transcripts(root)[stem])
