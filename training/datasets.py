"""Readers for the labelled corpora under ``shared/data`` used to train and test the classifiers.

Used by ``scripts/train_*.py``, ``scripts/eval_models.py`` and the tests; nothing at call time
imports this module. The data root is, in order: an explicit path, ``$COACH_DATA_DIR``, then
``../shared/data`` relative to the repository root.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np

REPO_ROOT = Path(__file__).resolve().parents[1]

EMODB_EMOTIONS = {
    "W": "anger",
    "L": "boredom",
    "E": "disgust",
    "A": "fear",
    "F": "happiness",
    "T": "sadness",
    "N": "neutral",
}
"""EmoDB emotion letter (6th character of the file name) -> emotion."""
HIGH_AROUSAL = frozenset("WFA")
"""Anger, happiness, fear."""
LOW_AROUSAL = frozenset("NLT")
"""Neutral, boredom, sadness. Disgust (E) is in neither group."""

GOEMOTIONS_POSITIVE = frozenset({"anger", "annoyance"})
GOEMOTIONS_EXCLUDED = frozenset({"disapproval"})
"""Neither positive nor negative for the text anger head (see ``models/text_anger.md``)."""


def data_root(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The ``shared/data`` folder (see module docstring); raises FileNotFoundError if it is missing."""
    if explicit is not None:
        root = Path(explicit)
    elif os.environ.get("COACH_DATA_DIR"):
        root = Path(os.environ["COACH_DATA_DIR"])
    else:
        root = REPO_ROOT.parent / "shared" / "data"
    if not root.is_dir():
        raise FileNotFoundError(f"data folder {root} not found; pass --data or set COACH_DATA_DIR")
    return root


@dataclass(frozen=True, slots=True)
class EmoClip:
    """One EmoDB clip: ``speaker`` e.g. ``"03"``, ``emotion`` the letter (W, L, E, A, F, T, N)."""

    path: Path
    speaker: str
    text: str
    emotion: str

    @property
    def high_arousal(self) -> bool | None:
        """True for W/F/A, False for N/L/T, None for disgust."""
        if self.emotion in HIGH_AROUSAL:
            return True
        if self.emotion in LOW_AROUSAL:
            return False
        return None


def emodb_clips(root: Path) -> list[EmoClip]:
    """All clips of ``emotion/emodb`` sorted by file name (deterministic order)."""
    folder = root / "emotion" / "emodb"
    clips = []
    for path in sorted(folder.glob("*.flac")):
        stem = path.stem
        if len(stem) < 7 or stem[5] not in EMODB_EMOTIONS:
            raise ValueError(f"unexpected EmoDB file name {path.name}")
        clips.append(EmoClip(path=path, speaker=stem[:2], text=stem[2:5], emotion=stem[5]))
    if not clips:
        raise FileNotFoundError(f"no EmoDB clips under {folder}")
    return clips


def load_audio(path: Path) -> np.ndarray:
    """Mono float32 PCM of a 16 kHz file (raises if the file is not 16 kHz)."""
    import soundfile as sf

    pcm, sr = sf.read(str(path), dtype="float32", always_2d=True)
    if sr != 16_000:
        raise ValueError(f"{path} is {sr} Hz, expected 16000")
    return pcm.mean(axis=1)


@dataclass(frozen=True, slots=True)
class TextExample:
    """One GoEmotions comment with its label names."""

    text: str
    labels: frozenset[str]

    @property
    def target(self) -> int | None:
        """1 anger/annoyance, 0 other, None when only excluded labels make it ambiguous."""
        if self.labels & GOEMOTIONS_POSITIVE:
            return 1
        if self.labels & GOEMOTIONS_EXCLUDED:
            return None
        return 0


def goemotions(root: Path, split: str) -> list[TextExample]:
    """The ``train`` or ``dev`` split of ``text/goemotions`` in file order."""
    folder = root / "text" / "goemotions"
    names = [line.strip() for line in (folder / "labels.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    out = []
    for line in _lines(folder / f"{split}.tsv"):
        text, ids, _ = line.split("\t")
        out.append(TextExample(text=text, labels=frozenset(names[int(i)] for i in ids.split(","))))
    return out


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if line:
                yield line
