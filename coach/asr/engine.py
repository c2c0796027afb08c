"""One faster-whisper model per process, shared by every call and lane.

:func:`get_engine` returns the process-wide :class:`WhisperEngine` for a model folder and compute type
(loaded on first use, thread-safe). :meth:`WhisperEngine.transcribe` decodes one stretch of 16 kHz
float32 audio and returns a :class:`DecodeResult` with word times in seconds from the start of that
audio. It consumes faster-whisper's lazy segment generator inside the call, so all model work happens
on the calling thread: call it from the engine's :attr:`WhisperEngine.executor` (one worker thread per
model) when the caller must not block. faster-whisper's own silence filter is off
(``no_speech_threshold=None``): :mod:`coach.asr.guards` judges every decode, so each drop has a
counted reason.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import zlib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np

from coach.asr.config import AsrConfig, GuardConfig
from coach.asr.models import resolve_model
from coach.types import SAMPLE_RATE

log = logging.getLogger(__name__)

os.environ.setdefault("HF_HUB_OFFLINE", "1")

DECODER_THREAD_NAME = "coach-ct2"
"""The OS name (Linux ``comm``) of the decoder's native threads: CTranslate2's threads are created
while the model loads under this name (and its OpenMP helpers by those threads), so they inherit it
and the server's CPU can be split per thread from ``/proc`` (``scripts/bench_capacity.py``)."""


CPU_ISA_ENV = "CT2_FORCE_CPU_ISA"
"""CTranslate2's switch for the ISA of its own CPU kernels (read once per process, at the first decode)."""

AVX512_FLAGS = frozenset({"avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"})
"""The ``/proc/cpuinfo`` flags CTranslate2 needs for its AVX-512 kernels."""


def cpu_has_avx512(cpuinfo: str | None = None) -> bool:
    """Whether this CPU has :data:`AVX512_FLAGS` (``cpuinfo``: the text of ``/proc/cpuinfo``; read when
    None; False where it cannot be read)."""
    if cpuinfo is None:
        try:
            cpuinfo = Path("/proc/cpuinfo").read_text()
        except OSError:
            return False
    for line in cpuinfo.splitlines():
        if line.startswith("flags"):
            return AVX512_FLAGS.issubset(line.partition(":")[2].split())
    return False


def apply_cpu_isa(isa: str, cpuinfo: str | None = None) -> str:
    """Set :data:`CPU_ISA_ENV` for this process from ``[asr] cpu_isa`` before the model loads, and return
    what CTranslate2 will use ("": its own choice, AVX2 on x86). An ISA already set in the environment wins
    (the IT override); "AVX512" is set only where the CPU has it."""
    if os.environ.get(CPU_ISA_ENV):
        return os.environ[CPU_ISA_ENV]
    if isa == "AVX512" and cpu_has_avx512(cpuinfo):
        os.environ[CPU_ISA_ENV] = isa
        return isa
    return ""


@contextmanager
def os_thread_name(name: str) -> Iterator[None]:
    """Give the calling thread the OS name ``name`` (at most 15 characters) for the block; threads
    it creates meanwhile inherit it. Does nothing where ``/proc`` does not allow it."""
    comm = Path(f"/proc/self/task/{threading.get_native_id()}/comm")
    try:
        old = comm.read_text().strip()
        comm.write_text(name[:15])
    except OSError:
        yield
        return
    try:
        yield
    finally:
        comm.write_text(old)


@dataclass(frozen=True, slots=True)
class DecodedWord:
    """A word with ``start``/``end`` in seconds from the start of the decoded audio. ``word`` keeps
    Whisper's leading space (absent when the word continues the previous one, as in "non-|-profit")."""

    start: float
    end: float
    word: str
    probability: float


@dataclass(frozen=True, slots=True)
class DecodedSegment:
    """One Whisper segment: ``start``/``end`` in seconds from the start of the decoded audio,
    ``tokens`` the number of text tokens, the segment's ``avg_logprob`` and ``no_speech_prob``."""

    start: float
    end: float
    text: str
    words: tuple[DecodedWord, ...]
    avg_logprob: float
    no_speech_prob: float
    tokens: int


@dataclass(frozen=True, slots=True)
class DecodeResult:
    """What one decode produced.

    ``text`` is stripped; ``avg_logprob`` is the token-weighted mean over segments; ``no_speech_prob``
    the largest segment value (0 when there is no segment); ``compression_ratio`` the gzip ratio of the
    whole text (Whisper's loop detector); ``duration_s`` the decoded audio length; ``latency_s`` the wall
    time the decode took (the only wall-clock figure in the ASR stage).
    """

    text: str
    words: tuple[DecodedWord, ...]
    avg_logprob: float
    no_speech_prob: float
    compression_ratio: float
    duration_s: float = 0.0
    latency_s: float = 0.0


def compression_ratio(text: str) -> float:
    """``len(utf8) / len(zlib(utf8))`` as Whisper computes it; 0 for empty text."""
    data = text.encode("utf-8")
    return len(data) / len(zlib.compress(data)) if data else 0.0


FULL_WINDOW_S = 30.0
"""Whisper's encoder window in seconds (shorter audio is padded with silence to it)."""
MEL_FRAMES_PER_S = 100
FULL_WINDOW_FRAMES = int(FULL_WINDOW_S * MEL_FRAMES_PER_S)
MEL_HOP = SAMPLE_RATE // MEL_FRAMES_PER_S
CONTINUATION_PAD_S = 2.0
"""Silence after the audio left in a shorter window after a decode's first (``continuation_window_s``)."""
BATCH_TAIL_S = 0.5
"""Seconds of a stretch's audio a batch window may leave after where Whisper's decode stopped
(:meth:`WhisperEngine.batch_segments`); a decode that stops earlier is refused (decoded again alone)."""
PREPEND_PUNCT = "\"'“¿([{-"
APPEND_PUNCT = "\"'.。,，!！?？:：”)]}、"
"""faster-whisper's default punctuation joined to the next / previous word in word timestamps."""
CONTINUATION_MIN_AUDIO_S = 0.5
"""A window after the first with less audio left keeps the first window's length: on a 0.11 s rest
followed by 15 s of silence tiny.en wrote nothing where the padded 30 s window wrote the word (docs/asr.md,
fifteenth round)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class DecodeOptions:
    """Per-decode Whisper settings (see :class:`coach.asr.config.AsrConfig`).

    ``patience`` and ``length_penalty`` tune beam search as in faster-whisper (1.0 each: its defaults,
    what the product uses; ``scripts/bench_asr_wer.py --variant`` measures others).

    ``encoder_window_s`` (seconds, at most 30) shortens Whisper's encoder input: a decode of ``d`` seconds
    of audio runs the encoder on ``min(30, max(encoder_window_s, d + encoder_pad_s))`` seconds (the audio
    and its silent padding) instead of the padded 30 s window, so its cost falls with the window (encoder
    and the decoder's cross-attention). The window's rest after the audio is digital silence appended to
    the audio (as Whisper pads in training), not faster-whisper's zero features: with those, tiny.en
    looped ("thank you, thank you, ...") on the end of packs in 20 s windows. 30: always the full window.

    ``continuation_window_s`` (seconds, at most 30) does the same for every window after a decode's first
    (faster-whisper's next window where the first stopped early, e.g. at a gap of a pack): its encoder
    runs on the audio left plus ``CONTINUATION_PAD_S`` of silence, at least ``continuation_window_s``
    seconds, instead of the first window's length (30: as the first window; also where less than
    ``CONTINUATION_MIN_AUDIO_S`` of audio is left). Where the windows begin is
    faster-whisper's, unchanged, so no word is decoded twice or skipped by the shorter window.

    ``hotwords`` (text, "" for none) is placed before the decode's prompt as Whisper's previous-text
    context (faster-whisper's ``hotwords``): it biases the decoder towards its words and style. Without
    a prompt it is token for token what ``initial_prompt`` would be; a prompt, when given, follows it.

    ``suppress_words`` (words, () for none) may never be written: each word's one-token spellings (with and
    without a leading space, lower case and capitalised; a spelling of several tokens is left alone) join
    faster-whisper's default suppressed tokens (``[-1]``: its non-speech symbols), e.g. ("watching",
    "subscribe"): tiny.en cannot then write a subtitle outro ("Thank you for watching") and must choose other
    words (:meth:`WhisperEngine.suppressed_tokens`). A measuring lever (``scripts/eval_phrase_hearing.py``
    ``+noout``); no product setting uses it: it gave back no word the outro hid (docs/asr.md, "Session 48 (P5)").

    ``loop_again_beam`` above 0 and below ``beam_size``, with ``loop_guard`` set: a decode whose words
    :func:`coach.asr.guards.judge` (with those thresholds) trims or rejects for a loop is decoded once more with
    that beam, and the decode of which the guards keep more words is the result (:meth:`WhisperEngine.segments`;
    ``[asr] final_loop_again_beam``).
    """

    language: str | None = "en"
    beam_size: int = 1
    temperatures: tuple[float, ...] = (0.0,)
    without_timestamps: bool = False
    patience: float = 1.0
    length_penalty: float = 1.0
    encoder_window_s: float = FULL_WINDOW_S
    encoder_pad_s: float = 0.0
    continuation_window_s: float = FULL_WINDOW_S
    hotwords: str = ""
    rescue_beam_size: int = 0
    rescue_below: float = 0.0
    loop_again_beam: int = 0
    loop_guard: GuardConfig | None = None
    suppress_words: tuple[str, ...] = ()

    def encoder_frames(self, duration_s: float) -> int:
        """Mel frames (10 ms each) the encoder runs on for ``duration_s`` seconds of audio (3000: the full
        30 s window)."""
        if self.encoder_window_s >= FULL_WINDOW_S:
            return FULL_WINDOW_FRAMES
        seconds = min(FULL_WINDOW_S, max(self.encoder_window_s, duration_s + self.encoder_pad_s))
        return _even_frames(seconds)

    def continuation_frames(self, rest_s: float) -> int | None:
        """Mel frames the encoder runs on for a window after the first holding ``rest_s`` seconds of
        audio (``None``: as many as the first window)."""
        if self.continuation_window_s >= FULL_WINDOW_S or rest_s < CONTINUATION_MIN_AUDIO_S:
            return None
        return _even_frames(min(FULL_WINDOW_S, max(self.continuation_window_s, rest_s + CONTINUATION_PAD_S)))

    @classmethod
    def from_config(cls, config: AsrConfig) -> DecodeOptions:
        return cls(
            language=config.language,
            beam_size=config.beam_size,
            temperatures=config.temperatures,
            without_timestamps=config.without_timestamps,
            encoder_window_s=config.encoder_window_s,
            encoder_pad_s=config.encoder_pad_s,
            continuation_window_s=config.continuation_window_s,
        )

    @classmethod
    def final_from_config(cls, config: AsrConfig) -> DecodeOptions:
        """A final's options while the finals keep up: beam ``final_beam_size``; with
        ``final_encoder_window_s`` below ``encoder_window_s``, the encoder on the final's audio plus
        ``final_encoder_pad_s`` of silence, at least ``final_encoder_window_s`` seconds (at most 30)."""
        options = replace(cls.from_config(config), beam_size=config.final_beam_size)
        if config.final_loop_again_beam:  # a beam final that loops is decoded again with that beam
            options = replace(options, loop_again_beam=config.final_loop_again_beam, loop_guard=config.guards)
        return options.within(config.final_encoder_window_s, config.final_encoder_pad_s)

    @classmethod
    def partial_from_config(cls, config: AsrConfig) -> DecodeOptions:
        """A partial's options: greedy (``beam_size``); with ``partial_encoder_window_s`` below
        ``encoder_window_s``, the encoder on the partial's audio (or pack) plus ``partial_encoder_pad_s`` of
        silence, at least ``partial_encoder_window_s`` seconds (at most 30)."""
        return cls.from_config(config).within(config.partial_encoder_window_s, config.partial_encoder_pad_s)

    def within(self, window_s: float, pad_s: float) -> DecodeOptions:
        """These options with the encoder on the audio plus ``pad_s`` seconds of silence, at least ``window_s``
        seconds, where ``window_s`` is shorter than this ``encoder_window_s``; else these options unchanged."""
        if window_s >= self.encoder_window_s:
            return self
        return replace(self, encoder_window_s=window_s, encoder_pad_s=pad_s)


def _even_frames(seconds: float) -> int:
    """Mel frames for ``seconds`` of encoder window, rounded up to an even count, at most 3000."""
    return min(FULL_WINDOW_FRAMES, int(np.ceil(seconds * MEL_FRAMES_PER_S / 2)) * 2)


@dataclass(frozen=True, slots=True)
class WindowPass:
    """One encoder window of a decode: where it began and where faster-whisper's next window would begin
    (seconds of the decoded audio), how its tokens ended (``closed``: a finished last segment; ``unfinished
    text``: text with no closing timestamp; ``opened, no text``: a segment opened and none written;
    ``token budget``; ``single segment``: no timestamp pair), the unfinished segment's text tokens (dropped
    by faster-whisper: the next window decodes them again), where the last segment begins (``opened_s``,
    its opening timestamp; the window's start when there is none), the window's text tokens and the
    audio it held (seconds)."""

    start_s: float
    next_s: float
    ending: str
    tail_tokens: int
    opened_s: float
    tokens: int
    audio_s: float


_SHIPPED = AsrConfig()
"""The shipped ``[asr]`` settings: :class:`WhisperEngine`'s keyword defaults read them, so each is written once."""


class WhisperEngine:
    """A loaded faster-whisper model (CPU). Thread-safe; decodes are serialised by CTranslate2."""

    def __init__(
        self,
        model_path: Path,
        *,
        compute_type: str = _SHIPPED.compute_type,
        cpu_threads: int = _SHIPPED.cpu_threads,
        workers: int = _SHIPPED.workers,
        options: DecodeOptions | None = None,
        cpu_isa: str = _SHIPPED.cpu_isa,
    ) -> None:
        self.model_path = Path(model_path)
        self.cpu_isa = apply_cpu_isa(cpu_isa)  # before CTranslate2's first decode in this process
        self.compute_type = compute_type
        self.cpu_threads = cpu_threads  # CTranslate2 threads per decode, fixed at load
        self.options = options or DecodeOptions()
        started = time.perf_counter()
        with os_thread_name(DECODER_THREAD_NAME):  # CTranslate2's threads carry the name
            from faster_whisper import WhisperModel

            self._model = WhisperModel(
                str(self.model_path),
                device="cpu",
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                num_workers=workers,
                local_files_only=True,
            )
        self._frames = threading.local()  # encoder frames of the decode running on this thread
        self._full_encode = self._model.encode
        self._model.encode = self._encode  # faster-whisper pads every window to 3000 frames: cut it there
        self._full_split = self._model._split_segments_by_timestamps
        self._model._split_segments_by_timestamps = self._split_by_timestamps  # traced: last_passes()
        self.workers = workers
        self.load_s = time.perf_counter() - started
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        log.info("whisper model loaded", extra={"model": str(self.model_path), "seconds": round(self.load_s, 3)})

    @property
    def executor(self) -> ThreadPoolExecutor:
        """The model's worker threads, ``workers`` of them (created on first use, shared by all stages;
        each stage keeps at most one decode in flight)."""
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=self.workers, thread_name_prefix="coach-asr")
            return self._executor

    def _encode(self, features: np.ndarray) -> object:
        """faster-whisper's encoder call, on the first ``DecodeOptions.encoder_frames`` mel frames of the
        padded window (all 3000 unless the decode running on this thread asked for a shorter window); a
        window after the first on ``DecodeOptions.continuation_frames`` of them when that is set, its
        rest after the audio the features of silence. Each window's frames are recorded
        (:meth:`last_encoder_frames`)."""
        frames = getattr(self._frames, "n", FULL_WINDOW_FRAMES)
        encoded = getattr(self._frames, "encoded", None)
        options = getattr(self._frames, "options", None)
        if encoded and options is not None:  # a window after the decode's first
            # faster-whisper pads the window's audio features with zeros: where they begin, the audio ends
            heard = np.flatnonzero(np.any(features != 0, axis=tuple(range(features.ndim - 1))))
            audio = int(heard[-1]) + 1 if len(heard) else 0
            shorter = options.continuation_frames(audio / MEL_FRAMES_PER_S)
            if shorter is not None and shorter < features.shape[-1]:
                features = np.array(features[..., :shorter])
                features[..., audio:] = self._silence_feature()
                frames = shorter
        if frames < features.shape[-1]:
            features = np.ascontiguousarray(features[..., :frames])
        if encoded is not None:
            encoded.append(min(frames, features.shape[-1]))
        return self._full_encode(features)

    def _silence_feature(self) -> float:
        """The log-mel value of digital silence in this thread's decode (Whisper clips every value to
        8 below the audio's loudest, in log10, and scales by 1/4; never below log10(1e-10))."""
        loudest = float(self._model.feature_extractor(self._frames.audio).max())
        return max(loudest - 2.0, (-10.0 + 4.0) / 4.0)

    def _split_by_timestamps(
        self, *, tokenizer: Any, tokens: list[int], segment_size: int, seek: int, **kwargs: Any
    ) -> tuple[list[dict[str, Any]], int, bool]:
        """faster-whisper's split of one window's tokens into segments (the segments, the next seek in
        mel frames, whether the window ended finished), unchanged; the window is recorded for
        :meth:`last_passes`."""
        segments, next_seek, finished = self._full_split(
            tokenizer=tokenizer, tokens=tokens, segment_size=segment_size, seek=seek, **kwargs
        )
        begin = tokenizer.timestamp_begin
        stamps = [i for i in range(1, len(tokens)) if tokens[i] >= begin and tokens[i - 1] >= begin]
        opened = stamps[-1] if stamps else 0  # where the last segment begins (its opening timestamp)
        tail = [] if finished or not stamps else [t for t in tokens[opened:] if t < begin]  # unfinished text
        if finished:
            ending = "closed"
        elif not stamps:
            ending = "single segment"
        elif len(tokens) >= getattr(self._frames, "budget", 1 << 30):
            ending = "token budget"
        else:
            ending = "unfinished text" if tail else "opened, no text"
        offset = float(kwargs["time_offset"])
        start = offset + (tokens[opened] - begin) * self._model.time_precision if stamps else offset
        trace = getattr(self._frames, "trace", None)
        if trace is not None:
            trace.append(
                WindowPass(
                    seek / MEL_FRAMES_PER_S,
                    next_seek / MEL_FRAMES_PER_S,
                    ending,
                    len(tail),
                    start,
                    sum(t < begin for t in tokens),
                    segment_size / MEL_FRAMES_PER_S,
                )
            )
        return segments, next_seek, finished

    def last_passes(self) -> list[WindowPass]:
        """The encoder windows of this thread's last decode (for benchmarks' logs)."""
        return list(getattr(self._frames, "trace", []))

    def last_encoder_frames(self) -> list[int]:
        """The mel frames each encoder window of this thread's last decode ran on (for cost models)."""
        return list(getattr(self._frames, "encoded", []))

    def transcribe(
        self, pcm: np.ndarray, *, prompt: str | None = None, options: DecodeOptions | None = None
    ) -> DecodeResult:
        """Decode mono float32 audio at 16 kHz (one Whisper window is 30 s; longer audio is decoded
        window by window, without conditioning on the previous window).

        Blocks for the whole decode; the lazy segment generator is consumed here.
        """
        duration = len(pcm) / SAMPLE_RATE
        if len(pcm) == 0:
            return DecodeResult("", (), 0.0, 1.0, 0.0, 0.0, 0.0)
        started = time.perf_counter()
        segments = self.segments(pcm, prompt=prompt, options=options)
        return result_of(segments, duration, time.perf_counter() - started)

    def segments(
        self, pcm: np.ndarray, *, prompt: str | None = None, options: DecodeOptions | None = None
    ) -> list[DecodedSegment]:
        """Decode like :meth:`transcribe` but return Whisper's segments (for splitting a packed window
        back into its utterances, see :mod:`coach.asr.packing`). A decode that loops is decoded again with
        ``loop_again_beam`` when the options set it (:meth:`_again_on_loop`)."""
        opts = options or self.options
        segments = self._segments_once(pcm, prompt, opts)
        if opts.loop_guard is not None and 0 < opts.loop_again_beam < opts.beam_size and segments:
            return self._again_on_loop(pcm, prompt, opts, segments, opts.loop_guard)
        return segments

    def _again_on_loop(
        self, pcm: np.ndarray, prompt: str | None, opts: DecodeOptions, first: list[DecodedSegment], guard: GuardConfig
    ) -> list[DecodedSegment]:
        """``first`` (the segments of ``pcm`` decoded with ``opts``), or, when the guards (``guard``) trim or reject
        its words for a loop (beam search on tiny.en now and then repeats one word or phrase over the rest of a
        turn, and the guards keep only the words before the loop: session 42, A36), the decode of ``pcm`` again
        with beam ``opts.loop_again_beam`` if the guards keep more of its words. The encoder passes of both
        decodes count in :meth:`last_encoder_frames`."""
        from coach.asr.guards import judge, loop_kept  # guards reads this module's DecodeResult

        duration = len(pcm) / SAMPLE_RATE
        kept = loop_kept(result_of(first, duration, 0.0), guard)
        if kept is None:
            return first
        encoded = list(getattr(self._frames, "encoded", []))
        again = self._segments_once(pcm, prompt, replace(opts, beam_size=opts.loop_again_beam))
        self._frames.encoded = encoded + list(getattr(self._frames, "encoded", []))
        _, again_kept = judge(result_of(again, duration, 0.0), guard)
        log.debug("asr final decoded again after a loop", extra={"kept": kept, "again_kept": again_kept})
        return again if again_kept > kept else first

    def _segments_once(self, pcm: np.ndarray, prompt: str | None, opts: DecodeOptions) -> list[DecodedSegment]:
        """One faster-whisper decode of ``pcm`` with ``opts`` (:meth:`segments` without its loop check)."""
        audio = np.ascontiguousarray(pcm, dtype=np.float32)
        duration = len(audio) / SAMPLE_RATE
        if len(audio) == 0:
            return []
        self._frames.n = frames = opts.encoder_frames(duration)
        if frames < FULL_WINDOW_FRAMES:  # the shorter window's rest is silent audio, not zero features
            audio = np.pad(audio, (0, max(0, frames * MEL_HOP - len(audio))))
        budget = _token_budget(duration, prompted=bool(prompt or opts.hotwords))
        self._frames.trace, self._frames.budget, self._frames.encoded = [], budget, []
        self._frames.options, self._frames.audio = opts, audio
        segments, _info = self._model.transcribe(
            audio,
            language=opts.language,
            task="transcribe",
            beam_size=opts.beam_size,
            patience=opts.patience,
            length_penalty=opts.length_penalty,
            best_of=1,
            temperature=list(opts.temperatures),
            condition_on_previous_text=False,
            initial_prompt=prompt or None,
            hotwords=opts.hotwords or None,
            word_timestamps=True,
            without_timestamps=opts.without_timestamps,
            vad_filter=False,
            no_speech_threshold=None,
            max_new_tokens=budget,
            suppress_tokens=[-1, *self.suppressed_tokens(opts.suppress_words)],
        )
        return [_decoded(seg) for seg in segments]

    def suppressed_tokens(self, words: tuple[str, ...]) -> list[int]:
        """Token ids of the one-token spellings of ``words`` (" w", "w", " W", "W"; sorted, no repeats): the
        tokens :class:`DecodeOptions` ``suppress_words`` adds to faster-whisper's suppressed set."""
        ids: set[int] = set()
        for word in words:
            for form in {word, word.capitalize()}:
                for spelling in (f" {form}", form):
                    tokens = self._model.hf_tokenizer.encode(spelling, add_special_tokens=False).ids
                    if len(tokens) == 1:
                        ids.add(tokens[0])
        return sorted(ids)

    def _rescued(
        self, generate: Callable[[Any, int, int], list[Any]], encoded: Any, results: list[Any], opts: DecodeOptions
    ) -> list[Any]:
        """``results`` with every row whose mean token log-probability is below ``opts.rescue_below`` generated
        again (``generate(rows, n, beam)``) with beam ``opts.rescue_beam_size`` on its rows of ``encoded`` (no
        second encoder pass); the rows and their new tokens are kept for :meth:`last_rescued`. Unchanged when
        the rescue beam is not wider."""
        self._frames.rescued = (0, 0)
        if opts.rescue_beam_size <= opts.beam_size:
            return results
        again = [i for i, r in enumerate(results) if _avg_logprob(r, opts.length_penalty) < opts.rescue_below]
        if not again:
            return results
        import ctranslate2

        rows = encoded if len(again) == len(results) else ctranslate2.StorageView.from_array(np.array(encoded)[again])
        redone = generate(rows, len(again), opts.rescue_beam_size)
        out = list(results)
        for i, r in zip(again, redone, strict=True):
            out[i] = r
        self._frames.rescued = (len(again), sum(len(r.sequences_ids[0]) for r in redone))
        return out

    def last_rescued(self) -> tuple[int, int]:
        """Rows of this thread's last batch decoded again with the rescue beam, and their tokens."""
        return getattr(self._frames, "rescued", (0, 0))

    def batch_segments(
        self, pcms: list[np.ndarray], *, options: DecodeOptions | None = None
    ) -> list[list[DecodedSegment] | None]:
        """Decode several stretches of audio as ONE CTranslate2 batch, each in its own encoder window.

        Every window is ``options.encoder_frames`` of the longest stretch (its audio, then digital silence),
        so the batch's windows are alike and short stretches are not packed in time: no word can cross
        from one stretch into another. One window each: where Whisper stops before its audio's end (an
        unfinished segment, a gap it stops at) the stretch's entry is ``None`` and the caller decodes it
        alone (as a refused slot of a pack). Word times in seconds from each stretch's start.
        """
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        opts = options or self.options
        model = self._model
        audios = [np.ascontiguousarray(p, dtype=np.float32) for p in pcms]
        longest = max(len(a) for a in audios) / SAMPLE_RATE
        frames = opts.encoder_frames(longest)
        features = np.stack(
            [model.feature_extractor(np.pad(a, (0, max(0, frames * MEL_HOP - len(a)))))[..., :frames] for a in audios]
        )
        tokenizer = Tokenizer(
            model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language=opts.language
        )
        prompt = model.get_prompt(
            tokenizer, [], without_timestamps=opts.without_timestamps, hotwords=opts.hotwords or None
        )
        budget = _token_budget(longest, prompted=bool(opts.hotwords))
        self._frames.encoded, self._frames.trace = [frames], []  # one pass; no window trace
        encoded = self._full_encode(features)
        suppress = get_suppressed_tokens(tokenizer, [-1, *self.suppressed_tokens(opts.suppress_words)])

        def generate(rows: Any, n: int, beam: int) -> list[Any]:
            return model.model.generate(
                rows,
                [list(prompt) for _ in range(n)],
                beam_size=beam,
                patience=opts.patience,
                length_penalty=opts.length_penalty,
                max_length=len(prompt) + budget,
                suppress_blank=True,
                suppress_tokens=suppress,
                return_scores=True,
                return_no_speech_prob=True,
                sampling_temperature=opts.temperatures[0],
            )

        results = self._rescued(generate, encoded, generate(encoded, len(audios), opts.beam_size), opts)
        outputs: list[list[dict[str, Any]] | None] = []
        for audio, result in zip(audios, results, strict=True):
            tokens = result.sequences_ids[0]
            avg = _avg_logprob(result, opts.length_penalty)
            segs, seek, _finished = self._full_split(
                tokenizer=tokenizer,
                tokens=tokens,
                time_offset=0.0,
                segment_size=frames,
                segment_duration=frames / MEL_FRAMES_PER_S,
                seek=0,
            )
            heard = len(audio) / SAMPLE_RATE
            if seek / MEL_FRAMES_PER_S < heard - BATCH_TAIL_S or len(tokens) >= budget:  # stopped short
                outputs.append(None)
                continue
            outputs.append(
                [
                    dict(
                        s,
                        text=tokenizer.decode(s["tokens"]),
                        avg_logprob=avg,
                        no_speech_prob=result.no_speech_prob,
                        seek=0,
                    )
                    for s in segs
                ]
            )
        index = [i for i, o in enumerate(outputs) if o and any(t < tokenizer.eot for s in o for t in s["tokens"])]
        if index:  # word times for the windows with text, their rows of the encoder's output only
            import ctranslate2

            rows = (
                encoded if len(index) == len(outputs) else ctranslate2.StorageView.from_array(np.array(encoded)[index])
            )
            model.add_word_timestamps(
                [outputs[i] for i in index], tokenizer, rows, [frames] * len(index), PREPEND_PUNCT, APPEND_PUNCT, 0.0
            )
        return [None if o is None else [_decoded_dict(s) for s in o] for o in outputs]


def _avg_logprob(result: Any, length_penalty: float) -> float:
    """A CTranslate2 generation's mean log-probability per token (faster-whisper's ``avg_logprob``)."""
    tokens = result.sequences_ids[0]
    return float(result.scores[0] * len(tokens) ** length_penalty / (len(tokens) + 1))


def _decoded(seg: Any) -> DecodedSegment:
    """One of faster-whisper's segments as a :class:`DecodedSegment` (empty words dropped)."""
    return DecodedSegment(
        float(seg.start),
        float(seg.end),
        seg.text,
        tuple(
            DecodedWord(float(w.start), float(w.end), w.word, float(w.probability))
            for w in (seg.words or ())
            if w.word.strip()
        ),
        float(seg.avg_logprob),
        float(seg.no_speech_prob),
        max(1, len(seg.tokens)),
    )


def _decoded_dict(seg: dict[str, Any]) -> DecodedSegment:
    """A segment of :meth:`WhisperEngine.batch_segments` (faster-whisper's dict form) as a
    :class:`DecodedSegment`."""
    words = [SimpleNamespace(**w) for w in seg.get("words") or ()]
    return _decoded(SimpleNamespace(**{**seg, "words": words}))


def _token_budget(duration_s: float, *, prompted: bool) -> int:
    """New tokens allowed per 30 s window: ~12 per second of audio (bounds a looping decode), within
    Whisper's 448-token context (a prompt may take up to 224 of them)."""
    return min(int(12 * min(duration_s, 30.0)) + 16, 200 if prompted else 400)


def result_of(segments: list[DecodedSegment], duration: float, latency: float) -> DecodeResult:
    """One :class:`DecodeResult` from segments (token-weighted ``avg_logprob``, largest
    ``no_speech_prob``, gzip ratio of the joined text)."""
    text = "".join(seg.text for seg in segments).strip()
    words = tuple(w for seg in segments for w in seg.words)
    tokens = sum(seg.tokens for seg in segments)
    avg = sum(seg.avg_logprob * seg.tokens for seg in segments) / tokens if tokens else 0.0
    no_speech = max((seg.no_speech_prob for seg in segments), default=0.0)
    return DecodeResult(text, words, float(avg), float(no_speech), compression_ratio(text), duration, latency)


_ENGINES: dict[tuple[str, str, int, int], WhisperEngine] = {}
_ENGINES_LOCK = threading.Lock()


def get_engine(config: AsrConfig | None = None) -> WhisperEngine:
    """The process-wide engine for ``config.model`` / ``config.compute_type`` / ``config.cpu_threads`` /
    ``config.workers`` (loaded once per such four: CTranslate2 fixes its threads and workers at load, so a
    caller asking another count gets a model loaded with it, never one loaded with the first caller's).
    ``config``'s decode options are the engine's default only (every product decode passes its own);
    ``cpu_isa`` is the process's, set by the first load. Raises :class:`coach.asr.models.ModelMissing`
    when the model is not installed.
    """
    config = config or AsrConfig()
    path = resolve_model(config.model).resolve()
    key = (str(path), config.compute_type, config.cpu_threads, config.workers)
    with _ENGINES_LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = WhisperEngine(
                path,
                compute_type=config.compute_type,
                cpu_threads=config.cpu_threads,
                workers=config.workers,
                options=DecodeOptions.from_config(config),
                cpu_isa=config.cpu_isa,
            )
            _ENGINES[key] = engine
        return engine


def loaded_engines() -> int:
    """How many engines this process holds (for tests and health pages)."""
    with _ENGINES_LOCK:
        return len(_ENGINES)
