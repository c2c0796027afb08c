"""WAV files whose header says less audio than they hold: a recorder stopped before it finished its header.

A WAV writer that streams (a softphone's call recorder, ``arecord``, ``sox`` to a file) writes the ``data``
chunk's size as 0 (or a running count) and fixes it when the recording closes. Killed before that, it leaves
a file whose header says 0 bytes (libsndfile then reads nothing: the whole call would be lost) or fewer bytes
than follow (the rest would be dropped without a word). :func:`audio_past_header` finds such a file and reads
every whole frame after the ``data`` chunk's start instead. A ``data`` chunk followed by a well-formed chunk
(``LIST``, ``id3 ``...) is left alone: its size is the truth.
"""

from __future__ import annotations

import io
import struct
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import soundfile as sf

_SUBTYPES = {  # (format tag, bits per sample) -> libsndfile subtype of headerless audio
    (1, 8): "PCM_U8",
    (1, 16): "PCM_16",
    (1, 24): "PCM_24",
    (1, 32): "PCM_32",
    (3, 32): "FLOAT",
    (3, 64): "DOUBLE",
    (6, 8): "ALAW",
    (7, 8): "ULAW",
}
_EXTENSIBLE = 0xFFFE
_HEAD_BYTES = 1 << 16
"""How much of the file's start is searched for the ``fmt`` and ``data`` chunks."""


@dataclass(frozen=True)
class LyingHeader:
    """A WAV file's ``data`` chunk: where its audio starts (bytes), what the header says and what is there."""

    offset: int
    declared_bytes: int
    present_bytes: int
    rate: int
    channels: int
    block_align: int
    subtype: str

    @property
    def declared_s(self) -> float:
        return self.declared_bytes // self.block_align / self.rate

    @property
    def present_s(self) -> float:
        return self.present_bytes // self.block_align / self.rate

    def warning(self, path: Path) -> str:
        """One line for the person running the coach (no audio, only lengths)."""
        return (
            f"{path}: the WAV header says {self.declared_s:.2f} s of audio but the file holds {self.present_s:.2f} s "
            "(a recorder stopped before it finished the header?): all of it is read"
        )


def _chunk_follows(path: Path, at: int, size: int) -> bool:
    """Whether a well-formed chunk header (4 printable ASCII bytes and a size that fits) starts at byte ``at``."""
    if at + 8 > size:
        return False
    with path.open("rb") as f:
        f.seek(at)
        head = f.read(8)
    name, length = head[:4], struct.unpack("<I", head[4:])[0]
    return all(0x20 <= c <= 0x7E for c in name) and at + 8 + length <= size


def lying_header(path: Path) -> LyingHeader | None:
    """The ``data`` chunk of a WAV file whose header says fewer bytes than follow it (0 included), or None
    (not a RIFF/WAVE file, a format this reader does not know, or a header that tells the truth)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        head = f.read(_HEAD_BYTES)
    if len(head) < 12 or head[:4] != b"RIFF" or head[8:12] != b"WAVE":
        return None
    at, fmt = 12, None
    while at + 8 <= len(head):
        name, length = head[at : at + 4], struct.unpack("<I", head[at + 4 : at + 8])[0]
        if name == b"fmt " and length >= 16 and at + 24 <= len(head):
            tag, channels, rate, _, block_align, bits = struct.unpack("<HHIIHH", head[at + 8 : at + 24])
            if tag == _EXTENSIBLE and length >= 40 and at + 34 <= len(head):
                tag = struct.unpack("<H", head[at + 32 : at + 34])[0]
            fmt = (tag, channels, rate, block_align, bits)
        elif name == b"data":
            return _check_data(path, fmt, at + 8, length, size)
        at += 8 + length + (length & 1)
    return None


def _check_data(path: Path, fmt: tuple | None, offset: int, declared: int, size: int) -> LyingHeader | None:
    if fmt is None:
        return None
    tag, channels, rate, block_align, bits = fmt
    subtype = _SUBTYPES.get((tag, bits))
    if subtype is None or channels < 1 or rate < 1 or block_align != channels * bits // 8:
        return None
    present = size - offset
    if declared >= present or present < block_align:  # the truth, a truncated file (read as far as it goes), or empty
        return None
    if declared and _chunk_follows(path, offset + declared + (declared & 1), size):
        return None
    return LyingHeader(offset, declared, present, rate, channels, block_align, subtype)


def audio_past_header(path: Path, lying: LyingHeader) -> tuple[np.ndarray, int]:
    """Every whole frame from the ``data`` chunk's start to the end of the file: float32 ``(frames, channels)``
    and the rate in Hz."""
    frames = lying.present_bytes // lying.block_align
    with path.open("rb") as f:  # libsndfile reads a file object from its start: hand it the audio bytes only
        f.seek(lying.offset)
        audio = io.BytesIO(f.read(frames * lying.block_align))
        data, rate = sf.read(
            audio,
            frames=frames,
            dtype="float32",
            always_2d=True,
            format="RAW",
            subtype=lying.subtype,
            samplerate=lying.rate,
            channels=lying.channels,
            endian="LITTLE",
        )
    return data, int(rate)
