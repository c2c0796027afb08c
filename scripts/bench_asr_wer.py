"""WER of offline vs streaming decoding with the same Whisper model.

Offline: one decode of each whole file (beam ``--offline-beam``). Streaming: the file replayed in
chunks through the sync ``TranscriptionStage`` (partials, agreement, finals with beam
``--final-beam``), with speech boundaries from the offline VAD delivered as a streaming VAD would.
Both texts are scored after the same normalisation (``coach.asr.textnorm.normalize``) against
jfk and a fixed subset of the 8 kHz asterisk prompts (resampled to 16 kHz). Target: streaming WER <= 1.15 x offline WER.

    .venv/bin/python scripts/bench_asr_wer.py [--n 60] [--model tiny.en] [--no-partials] [--final-beam 5]
        [--offline-beam 5] [--context 2.0] [--json out.json]

Decode levers side by side (``--variant``, with ``--part phrases`` or ``--part quiet``): each agent turn
is decoded once per variant, the variants interleaved turn by turn so a loaded machine slows them alike,
with the process CPU seconds of each decode. ``phrases``: is each phrase moment's phrase in the decoded
turn, per group of calls; ``quiet``: WER and invented words on the must-stay-quiet tuning calls' agent
turns. No streaming replay in this mode.

    .venv/bin/python scripts/bench_asr_wer.py --part phrases --variant tiny5=model:tiny.en,beam:5
        --variant base5=model:base,beam:5 --variant pad=pre:0.7,post:0.6 [--json out.json]

``hotwords:NAME`` decodes with one of :data:`VOCABULARIES` as the decoder's previous-text context
(``DecodeOptions.hotwords``).

Streaming settings side by side (``--compare``, any part but phrases / quiet): each clip is replayed once per
``NAME:KEY=VALUE+KEY=VALUE`` (``[asr]`` settings on top of ``--set``; ``base:`` for none), the variants
interleaved clip by clip on one engine and one offline cache, so a loaded machine slows them alike; a decode
asked again with the same audio, prompt and options (the partials the variants share) is decoded once
(``SharedDecodes``); WER, ratio to offline and the CPU of the decodes each variant ran, and with ``--diffs``
the texts of every clip whose streaming text differs between variants (test audio only).

    .venv/bin/python scripts/bench_asr_wer.py --n 60 --compare base: --compare w15:final_encoder_window_s=15 \
        --compare w10:final_encoder_window_s=10 --diffs
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import FULL_WINDOW_FRAMES, DecodeOptions, get_engine
from coach.asr.level import decode_audio
from coach.asr.replay import finals, replay
from coach.asr.segments import speech_segments
from coach.asr.stage import TranscriptionStage
from coach.asr.textnorm import corpus_wer, words_of
from coach.types import Lane

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's training package
from training.asr_corpus import Clip, asterisk, asterisk_speech_stems, asterisk_subset, jfk  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))  # the eval scripts beside this one
from eval_calls import FIRST_HELDOUT_CALL, TUNING_GROUPS  # noqa: E402


def held_out(n: int) -> list[str]:
    """``n`` evenly spaced asterisk prompts outside the largest tuning subset (``asterisk_subset(60)``)."""
    tuned = set(asterisk_subset(60))
    rest = [s for s in asterisk_speech_stems() if s not in tuned]
    return [rest[int(i * len(rest) / n)] for i in range(min(n, len(rest)))]


def unseen() -> list[str]:
    """The held-out prompts outside ``held_out(20)``: 51 prompts nobody looked at while tuning the
    streaming finals (``held_out(20)``'s per-prompt texts were read while looking for losses)."""
    seen = set(held_out(20))
    tuned = set(asterisk_subset(60))
    return [s for s in asterisk_speech_stems() if s not in tuned and s not in seen]


def monologue(stems: list[str], seconds: float = 30.0) -> Clip:
    """One long turn of the prompts ``stems`` trimmed to their speech, 0.3 s apart (under the VAD's
    hangover, so it is one turn cut only at ``max_turn_s``), ``seconds`` of it
    (``build_monologue`` of ``bench_asr_capacity_sim.py``), as one clip with the joined reference."""
    from bench_asr_capacity_sim import build_monologue

    call = build_monologue([asterisk(s) for s in stems], 0, seconds)
    return Clip("monologue", call.lanes[Lane.AGENT], " ".join(call.refs[Lane.AGENT]))


def phrase_turns(prefixes: list[str] | None, pre_s: float, post_s: float) -> list[tuple[Clip, str, Clip]]:
    """Every agent phrase moment of the tuning calls (``eval_calls.tuning_scripts``: the held-out part
    is never opened) as ``(window, phrase, turn)``: ``window`` is the agent lane from ``PHRASE_PAD_S``
    before the truth turn holding the phrase to ``PHRASE_PAD_S`` after it (real audio, replayed through
    the stream as the product hears it), ``turn`` the truth turn with ``pre_s`` / ``post_s`` of audio
    around it (what one offline decode of the turn hears); both carry the turn's truth text."""
    out = []
    for t in moment_turns(prefixes, margin_s=PHRASE_PAD_S):
        window = Clip(t.name, t.pcm, t.text)
        out.append((window, t.phrase, Clip(t.name, t.padded(pre_s, post_s), t.text)))
    return out


PHRASE_PAD_S = 1.5
"""Real audio replayed on each side of a phrase's truth turn (``--part phrases``): the VAD and the
stream's padding see silence and breath as in the call."""


def phrase_words(text: str) -> str:
    """Lowercase words without punctuation, space-delimited with a space at both ends."""
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower().replace("\u2019", "'"))
    return f" {' '.join(cleaned.split())} "


GROUPS = tuple(zip((1, *TUNING_GROUPS), (*(c - 1 for c in TUNING_GROUPS), FIRST_HELDOUT_CALL - 1), strict=True))
"""Tuning calls reported apart (``eval_calls.TUNING_GROUPS``): c01-c237, then each former held-out part of 24
calls (run once, now tuning; the later ones are the closest proxy for unseen calls)."""

SPANS = ((1, TUNING_GROUPS[-3] - 1), (TUNING_GROUPS[-3], FIRST_HELDOUT_CALL - 1))
"""``--variant`` totals: the calls a lever is chosen on, and the latest calls (the last three former held-out
parts) it is checked on."""

VOCABULARIES = {
    "short": "Calm down. I understand, I'm sorry. Unfortunately we can't do that. Anything else? Bye.",
    "long": "Please calm down, take a deep breath, relax. I understand how frustrating that must be, I'm so "
    "sorry. Unfortunately that's not something we can do, it's our policy. Is there anything else I can help "
    "you with? Thanks for calling, have a lovely day, take care, bye.",
    "bare": "calm, relax, temper, policy, unfortunately, afraid, refund, understand, frustrating, anything, "
    "else, cheerio, bye",
}
"""Candidate ``hotwords`` for ``--variant``: general contact-centre wording of the coached families
(calm-down, acknowledgement, refusal, closing), no call's own phrases. ``bare``: single words, comma-separated,
no sentence (session 30, A24: no sentence style for the decoder to continue in)."""

MAX_PAD_S = 1.0
"""Real audio kept on each side of a turn for ``--variant`` (a variant's ``pre``/``post`` is at most this)."""


def call_number(clip_name: str) -> int:
    """The call number of a clip named ``c<digits>_...`` (``c07_x@12.30`` -> 7)."""
    return int(clip_name[1:].split("_", 1)[0])


@dataclass(frozen=True, slots=True)
class AgentTurn:
    """One truth turn of the agent lane with up to ``MAX_PAD_S`` of real audio each side: ``lead`` /
    ``tail`` samples of ``pcm`` lie before / after the turn; ``phrase`` is the moment's phrase (None
    for a quiet call's turn)."""

    name: str
    pcm: np.ndarray
    lead: int
    tail: int
    text: str
    phrase: str | None = None

    def padded(self, pre_s: float, post_s: float) -> np.ndarray:
        """The turn with ``pre_s`` / ``post_s`` seconds of its margins (as far as they reach)."""
        a = max(0, self.lead - int(pre_s * 16000))
        b = len(self.pcm) - max(0, self.tail - int(post_s * 16000))
        return np.ascontiguousarray(self.pcm[a:b])


def _call_renders(prefixes: list[str] | None) -> list[tuple[str, dict, Path]]:
    """``(name, truth, flac)`` of the rendered tuning calls (the held-out part is never opened)."""
    from eval_calls import tuning_scripts

    render = Path(__file__).resolve().parents[1] / "artifacts" / "calls"
    out = []
    for script in tuning_scripts():
        name = script.stem
        truth_path = render / f"{name}.truth.json"
        if truth_path.exists() and (not prefixes or any(name.startswith(p) for p in prefixes)):
            out.append((name, json.loads(truth_path.read_text(encoding="utf-8")), render / f"{name}.flac"))
    return out


def _agent_turn(name: str, pcm: np.ndarray, utterance: dict, phrase: str | None, margin_s: float) -> AgentTurn:
    pad = int(margin_s * 16000)
    start, end = int(utterance["start_s"] * 16000), int(utterance["end_s"] * 16000)
    a, b = max(0, start - pad), min(len(pcm), end + pad)
    return AgentTurn(name, np.ascontiguousarray(pcm[a:b]), start - a, b - end, utterance["text"], phrase)


def moment_turns(prefixes: list[str] | None = None, margin_s: float = MAX_PAD_S) -> list[AgentTurn]:
    """The truth turn of every agent phrase moment of the rendered tuning calls (the agent turn nearest
    to the moment), ``margin_s`` of real audio each side."""
    import soundfile as sf

    out = []
    for name, truth, flac in _call_renders(prefixes):
        turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
        moments = [m for m in truth["moments"] if m.get("phrase") and m.get("speaker") == "agent"]
        if not moments:
            continue
        pcm = sf.read(flac, dtype="float32", always_2d=True)[0][:, 0]  # agent: channel 0
        for m in moments:
            turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
            out.append(_agent_turn(f"{name}@{m['start_s']:.2f}", pcm, turn, m["phrase"], margin_s))
    return out


def quiet_turns(prefixes: list[str] | None = None, every: int = 1) -> list[AgentTurn]:
    """Every ``every``-th agent truth turn (first included) of the rendered must-stay-quiet tuning calls."""
    import tomllib

    import soundfile as sf
    from eval_calls import CALLS_DIR

    out = []
    for name, truth, flac in _call_renders(prefixes):
        call = tomllib.loads((CALLS_DIR / f"{name}.toml").read_text(encoding="utf-8")).get("call", {})
        if not call.get("quiet", False):
            continue
        pcm = sf.read(flac, dtype="float32", always_2d=True)[0][:, 0]
        turns = [u for u in truth["utterances"] if u["speaker"] == "agent" and u["text"].strip()]
        out += [_agent_turn(f"{name}@{u['start_s']:.2f}", pcm, u, None, MAX_PAD_S) for u in turns[::every]]
    return out


@dataclass(frozen=True, slots=True)
class Variant:
    """One way to decode an agent turn (``--variant NAME=key:value,...``). Defaults: the product's agent
    final (tiny.en, beam 5, level -20 dBFS, ``pre_pad_s``/``post_pad_s`` of audio around the turn)."""

    name: str
    model: str = "tiny.en"
    beam: int = AsrConfig().final_beam_size
    patience: float = 1.0
    length_penalty: float = 1.0
    temperatures: tuple[float, ...] = AsrConfig().temperatures
    level: float = AsrConfig().agent_level_dbfs
    pre: float = AsrConfig().pre_pad_s
    post: float = AsrConfig().post_pad_s
    hotwords: str = ""

    @classmethod
    def parse(cls, spec: str) -> Variant:
        """``NAME=key:value,...``; keys are the fields, ``temperatures`` slash-separated (``0/0.2/0.4``)."""
        name, _, rest = spec.partition("=")
        fields: dict[str, object] = {}
        for item in filter(None, rest.split(",")):
            key, _, value = item.partition(":")
            if key == "temperatures":
                fields[key] = tuple(float(t) for t in value.split("/"))
            elif key in ("model",):
                fields[key] = value
            elif key == "hotwords":
                fields[key] = VOCABULARIES[value]
            elif key == "beam":
                fields[key] = int(value)
            elif key in ("patience", "length_penalty", "level", "pre", "post"):
                fields[key] = float(value)
            else:
                raise ValueError(f"unknown variant key {key!r} in {spec!r}")
        variant = cls(name, **fields)
        if max(variant.pre, variant.post) > MAX_PAD_S:
            raise ValueError(f"{spec!r}: pre/post at most {MAX_PAD_S} s")
        return variant

    def audio(self, turn: AgentTurn) -> np.ndarray:
        """The turn with this variant's padding, level-normalised when ``level`` < 0."""
        return decode_audio(Lane.AGENT, turn.padded(self.pre, self.post), AsrConfig(agent_level_dbfs=self.level))

    def options(self) -> DecodeOptions:
        return DecodeOptions(
            language="en",
            beam_size=self.beam,
            temperatures=self.temperatures,
            patience=self.patience,
            length_penalty=self.length_penalty,
            hotwords=self.hotwords,
        )


def invented_words(reference: str, hypothesis: str) -> int:
    """Words of ``hypothesis`` that the reference never says (normalised, as a bag): a rough count of
    what a decode made up."""
    said = set(words_of(reference))
    return sum(1 for w in words_of(hypothesis) if w not in said)


def _heard(row: dict, key: str) -> bool:
    return phrase_words(row["phrase"]) in phrase_words(row["by"][key]["text"])


def compare_variants(
    turns: list[AgentTurn], variants: list[Variant], threads: int, json_path: str | None, cached_only: bool = False
) -> None:
    """Decode every turn with every variant (interleaved turn by turn) and print what each heard.

    Results are kept in ``json_path`` after every turn (a rerun decodes only what is missing there);
    ``cached_only``: decode nothing, report the turns that ``json_path`` holds for every variant."""
    done: dict[str, dict] = {}
    if json_path and Path(json_path).exists():
        done = {r["turn"]: r for r in json.loads(Path(json_path).read_text(encoding="utf-8"))["rows"]}
    rows = []
    for i, turn in enumerate(turns, 1):
        row = done.get(turn.name, {"turn": turn.name, "ref": turn.text, "phrase": turn.phrase, "by": {}})
        if cached_only:
            if all(repr(v) in row["by"] for v in variants):
                rows.append(row)
            continue
        for v in variants:
            key = repr(v)
            if key in row["by"]:
                continue
            engine = get_engine(AsrConfig(model=v.model, cpu_threads=threads))
            audio = v.audio(turn)
            cpu = time.process_time()
            text = engine.transcribe(audio, options=v.options()).text
            row["by"][key] = {"text": text, "cpu_s": time.process_time() - cpu, "audio_s": len(audio) / 16000}
        rows.append(row)
        done[turn.name] = row
        if json_path:
            Path(json_path).write_text(json.dumps({"rows": list(done.values())}, indent=1), encoding="utf-8")
        if i % 10 == 0:
            print(f"  {i}/{len(turns)} turns", file=sys.stderr, flush=True)
    report_variants(rows, variants)


def report_variants(rows: list[dict], variants: list[Variant]) -> None:
    """Per variant: CPU per decode, and per group of calls (:data:`GROUPS`, then :data:`SPANS`) the
    phrases heard and won / lost against the first variant, or on quiet turns the WER, the words not in
    the truth, and those of them that are words of a variant's ``hotwords`` (what a biased decoder may
    write that nobody said)."""
    base = repr(variants[0])
    vocabulary = {w for v in variants for w in words_of(v.hotwords)}
    print(f"{len(rows)} turns decoded with every variant")
    for v in variants:
        key = repr(v)
        results = [r["by"][key] for r in rows]
        cpu = sum(x["cpu_s"] for x in results) / len(results)
        print(f"{v.name}: {v}\n  CPU {cpu:.2f} s per decode (process time, {len(results)} decodes)")
        for lo, hi in GROUPS + SPANS:
            part = [r for r in rows if lo <= call_number(r["turn"]) <= hi]
            if not part:
                continue
            if part[0]["phrase"] is not None:
                heard = sum(_heard(r, key) for r in part)
                won = [r["turn"] for r in part if _heard(r, key) and not _heard(r, base)]
                lost = [r["turn"] for r in part if not _heard(r, key) and _heard(r, base)]
                print(
                    f"  c{lo:02d}-c{hi}: heard {heard}/{len(part)}; against {variants[0].name}: "
                    f"+{len(won)} {won} -{len(lost)} {lost}"
                )
            else:
                wer_ = corpus_wer([(r["ref"], r["by"][key]["text"]) for r in part])
                invented = [invented_words(r["ref"], r["by"][key]["text"]) for r in part]
                said = [set(words_of(r["ref"])) for r in part]
                biased = Counter(
                    w
                    for r, s in zip(part, said, strict=True)
                    for w in words_of(r["by"][key]["text"])
                    if w in vocabulary and w not in s
                )
                print(
                    f"  c{lo:02d}-c{hi}: {len(part)} quiet turns, WER {wer_:.3f}, invented words "
                    f"{sum(invented)} in {sum(1 for n in invented if n)} turns, of the hotwords "
                    f"{sum(biased.values())} {dict(biased.most_common())}"
                )


class OfflineCache:
    """Offline texts kept in a JSON file (``--offline-cache``) under ``scope`` (model, beam, part) and a
    clip key; without a path it keeps nothing."""

    def __init__(self, path: str | None, scope: str) -> None:
        self.path = Path(path) if path else None
        self.scope = scope
        self.data: dict[str, str] = {}
        if self.path is not None and self.path.exists():
            self.data = json.loads(self.path.read_text(encoding="utf-8"))

    def get(self, key: str) -> str | None:
        return self.data.get(f"{self.scope}|{key}")

    def put(self, key: str, text: str) -> None:
        if self.path is not None and self.data.get(f"{self.scope}|{key}") != text:
            self.data[f"{self.scope}|{key}"] = text
            self.path.write_text(json.dumps(self.data, indent=1), encoding="utf-8")


class SharedDecodes:
    """An engine whose decodes are kept by audio, prompt and options: a decode asked again (a partial that
    two variants' replays share until their finals differ) is answered from memory, not decoded twice."""

    def __init__(self, engine: object) -> None:
        self.engine = engine
        self.kept: dict[tuple[str, str | None, str], object] = {}
        self.decoded = self.reused = 0

    def transcribe(self, pcm: np.ndarray, *, prompt: str | None = None, options: object = None) -> object:
        key = (hashlib.blake2b(np.ascontiguousarray(pcm).tobytes(), digest_size=16).hexdigest(), prompt, repr(options))
        if key in self.kept:
            self.reused += 1
        else:
            self.decoded += 1
            self.kept[key] = self.engine.transcribe(pcm, prompt=prompt, options=options)  # type: ignore[attr-defined]
        return self.kept[key]

    def __getattr__(self, name: str) -> object:
        return getattr(self.engine, name)


def compare_settings(
    clips: list[Clip],
    base: AsrConfig,
    engine: object,
    offline_of: dict[str, str],
    specs: list[str],
    diffs: bool,
    segments_of: Callable[[np.ndarray], list[tuple[int, int]]] = speech_segments,
    lane: Lane = Lane.AGENT,
) -> dict[str, dict]:
    """Replay every clip once per ``NAME:KEY=VALUE+KEY=VALUE`` of ``specs`` (``[asr]`` settings over ``base``),
    variants interleaved clip by clip; per variant: corpus WER of its finals joined, the ratio to the offline
    texts ``offline_of`` (by clip name), the process CPU seconds of its replays and encoder mel frames.
    ``diffs``: print the clips whose streaming texts differ between variants. ``segments_of``: a clip's speech
    (sample ranges) as the streaming VAD would report it. ``lane``: the lane the clips are replayed on (the
    customer's: no level scaling, finals may come from a partial). Returns the results by name, and ``"shared"``: the
    decodes run and those answered from memory."""
    configs = {}
    for spec in specs:
        name, _, kvs = spec.partition(":")
        configs[name] = replace(base, **settings([kv for kv in kvs.split("+") if kv]))
    tally = EncoderTally(engine)
    shared = SharedDecodes(engine)
    out: dict[str, dict] = {
        name: {"cpu": 0.0, "frames": 0, "texts": {}, "committed": 0, "revised": 0} for name in configs
    }
    for clip in clips:
        segments = {lane: segments_of(clip.pcm)}
        for name, config in configs.items():
            stage = TranscriptionStage(config, engine=shared, lanes=[lane])  # type: ignore[arg-type]
            frames, cpu, tally.counting = tally.frames, time.process_time(), True
            events = replay(stage, {lane: clip.pcm}, segments)
            out[name]["cpu"] += time.process_time() - cpu
            tally.counting = False
            out[name]["frames"] += tally.frames - frames
            out[name]["texts"][clip.name] = finals_text(events)
            committed, revised = committed_words(events)
            out[name]["committed"] += committed
            out[name]["revised"] += revised
    off = corpus_wer([(c.text, offline_of[c.name]) for c in clips])
    first = next(iter(configs))
    print(f"{len(clips)} clips; offline WER {off:.3f}; decodes run {shared.decoded}, shared {shared.reused}")
    print(
        "| variant | settings | streaming WER | ratio to offline | clips differing from the first | CPU s | frames "
        "| committed before the final (revised by it) |"
    )
    print("(CPU s and frames: the decodes each variant ran; a decode an earlier variant ran is shared)")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for (name, r), spec in zip(out.items(), specs, strict=True):
        r["wer"] = corpus_wer([(c.text, r["texts"][c.name]) for c in clips])
        r["ratio"] = r["wer"] / off if off else float("inf")
        differ = sum(r["texts"][c.name] != out[first]["texts"][c.name] for c in clips)
        print(
            f"| {name} | {spec.partition(':')[2] or '-'} | {r['wer']:.3f} | {r['ratio']:.2f} | {differ} "
            f"| {r['cpu']:.1f} | {r['frames'] / FULL_WINDOW_FRAMES:.1f} x 30 s | {r['committed']} ({r['revised']}) |"
        )
    if diffs:
        for c in clips:
            texts = {name: r["texts"][c.name] for name, r in out.items()}
            if len(set(texts.values())) > 1:
                print(f"{c.name}\n  ref: {c.text}\n  off: {offline_of[c.name]}")
                for name, text in texts.items():
                    wer = corpus_wer([(c.text, text)])
                    print(f"  {name}: {text}  (WER {wer:.3f})")
    return out | {"shared": {"decoded": shared.decoded, "reused": shared.reused}}


def offline_key(clip_name: str, config: AsrConfig) -> str:
    """The offline cache's key of a clip's offline text: the clip and the settings that change the audio decoded."""
    return f"{clip_name}|{config.pre_pad_s}|{config.post_pad_s}|{config.agent_level_dbfs}"


def committed_words(events: list) -> tuple[int, int]:
    """Words the partials committed (``stable``) before each utterance's final, and how many of them the final
    wrote otherwise (the word at the same place differs after normalisation, or the final is shorter)."""
    stable: dict[str, list[str]] = {}
    committed = revised = 0
    for e in events:
        if e.type != "transcript":
            continue
        utt = str(e.data["utt"])
        words = [words_of(str(w["w"])) for w in e.data["words"]]
        if not e.data.get("final"):
            stable[utt] = [" ".join(w) for w in words[: int(e.data.get("stable") or 0)]]
            continue
        kept = stable.pop(utt, [])
        committed += len(kept)
        revised += sum(i >= len(words) or " ".join(words[i]) != w for i, w in enumerate(kept))
    return committed, revised


def finals_text(events: list) -> str:
    """A replay's streaming text: the texts of its finals joined, in order."""
    return " ".join(e.data["text"] for e in finals(events) if e.data["text"])


def settings(items: list[str]) -> dict[str, object]:
    """``key=value`` pairs as typed :class:`AsrConfig` fields."""
    base = AsrConfig()
    out: dict[str, object] = {}
    for item in items:
        key, _, value = item.partition("=")
        kind = type(getattr(base, key))
        out[key] = value.lower() in ("1", "true", "yes") if kind is bool else kind(value)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=60, help="asterisk prompts in the fixed subset (default 60)")
    parser.add_argument("--model", default="tiny.en")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--no-partials", action="store_true", help="streaming with finals only")
    parser.add_argument("--final-beam", type=int, default=AsrConfig().final_beam_size, help="beam of finals")
    parser.add_argument("--offline-beam", type=int, default=5, help="beam of the offline reference decode")
    parser.add_argument(
        "--context", type=float, default=AsrConfig().partial_context_s, help="partial_context_s (0: whole turn)"
    )
    parser.add_argument("--pre-pad", type=float, default=AsrConfig().pre_pad_s, help="seconds before speech")
    parser.add_argument("--post-pad", type=float, default=AsrConfig().post_pad_s, help="seconds after speech")
    parser.add_argument(
        "--part",
        choices=("tune", "held-out", "unseen", "monologue", "monologue-held-out", "phrases", "quiet"),
        default="tune",
        help="tune: jfk and the fixed subset used while tuning; held-out: n other prompts, never used to tune; "
        "unseen: every held-out prompt outside held-out --n 20 (n ignored); monologue: one 30 s turn of the "
        "tuning prompts (asterisk_subset(60)), monologue-held-out: of the held-out --n 20 prompts; phrases: the agent "
        "turn of every agent phrase moment of the tuning calls (--calls narrows them): is the phrase heard; "
        "quiet: the agent turns of the must-stay-quiet tuning calls (--variant only)",
    )
    parser.add_argument(
        "--variant",
        action="append",
        default=[],
        metavar="NAME=KEY:VALUE,...",
        help="--part phrases/quiet: decode each turn once per variant (keys: model, beam, patience, "
        "length_penalty, temperatures 0/0.2, level, pre, post, hotwords NAME of VOCABULARIES); the "
        "first is the reference",
    )
    parser.add_argument(
        "--cached-only", action="store_true", help="--variant: report what --json holds, decode nothing"
    )
    parser.add_argument("--quiet-every", type=int, default=1, help="--part quiet: every n-th agent turn")
    parser.add_argument("--calls", nargs="*", help="--part phrases: call name prefixes (tuning calls only)")
    parser.add_argument("--only", action="append", default=[], metavar="STEM", help="only these clips of the part")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="another [asr] setting")
    parser.add_argument(
        "--compare",
        action="append",
        default=[],
        metavar="NAME:KEY=VALUE+...",
        help="replay each clip once per these [asr] settings (over --set; 'base:' for none), interleaved",
    )
    parser.add_argument(
        "--lane",
        choices=[lane.value for lane in Lane],
        default=Lane.AGENT.value,
        help="--compare: the lane the clips are replayed on (default the agent's)",
    )
    parser.add_argument("--diffs", action="store_true", help="--compare: print the clips whose texts differ")
    parser.add_argument("--json", help="write per-clip results here")
    parser.add_argument(
        "--offline-cache",
        metavar="PATH",
        help="keep the offline decodes here (JSON, by clip, model, beam and padding) and reuse them: they do "
        "not depend on the streaming settings, so a before/after pair decodes them once",
    )
    parser.add_argument(
        "--verbose", action="store_true", help="print each clip's texts (personal data: test audio only)"
    )
    args = parser.parse_args(argv)

    config = AsrConfig(
        model=args.model,
        cpu_threads=args.threads,
        partials=not args.no_partials,
        final_beam_size=args.final_beam,
        partial_context_s=args.context,
        pre_pad_s=args.pre_pad,
        post_pad_s=args.post_pad,
        **settings(args.set),
    )
    if args.variant:
        if args.part not in ("phrases", "quiet"):
            parser.error("--variant needs --part phrases or --part quiet")
        turns = moment_turns(args.calls) if args.part == "phrases" else quiet_turns(args.calls, args.quiet_every)
        turns = [t for t in turns if not args.only or t.name in args.only]
        if not turns:
            parser.error("no turns: nothing rendered in artifacts/calls/ matched")
        variants = [Variant.parse(v) for v in args.variant]
        print(f"{len(turns)} turns, {sum(len(t.pcm) for t in turns) / 16000:.0f} s of audio with margins")
        compare_variants(turns, variants, args.threads, args.json, args.cached_only)
        return 0
    engine = get_engine(config)
    offline_opts = DecodeOptions(language=config.language, beam_size=args.offline_beam)
    if args.part == "tune":
        clips = [jfk()] + [asterisk(stem) for stem in asterisk_subset(args.n)]
    elif args.part == "held-out":
        clips = [asterisk(stem) for stem in held_out(args.n)]
    elif args.part == "unseen":
        clips = [asterisk(stem) for stem in unseen()]
    elif args.part == "monologue":
        clips = [monologue(asterisk_subset(60))]
    elif args.part == "phrases":
        moments = phrase_turns(args.calls, config.pre_pad_s, config.post_pad_s)
        clips = [window for window, _, _ in moments]
    else:
        clips = [monologue(held_out(20))]
    if args.only:
        clips = [c for c in clips if c.name in args.only]
    if not clips:
        parser.error("no clips: --only / --calls matched nothing (--part phrases reads artifacts/calls/)")
    audio_s = sum(len(c.pcm) for c in clips) / 16_000
    rows = []
    t_off = t_stream = cpu_stream = 0.0
    tally = EncoderTally(engine)
    decodes = reused = cuts = 0
    delays: list[float] = []  # call-audio seconds from a word's end to its final (decode time not counted)
    cache = OfflineCache(args.offline_cache, f"{args.model}|beam{args.offline_beam}|{args.part}")
    if args.compare:
        if args.part == "phrases":
            parser.error("--compare needs a part of labelled clips (not phrases / quiet)")
        offline_of = {}
        for clip in clips:
            key = offline_key(clip.name, config)
            offline_of[clip.name] = cache.get(key) or engine.transcribe(clip.pcm, options=offline_opts).text
            cache.put(key, offline_of[clip.name])
        print(f"model={args.model} part={args.part} audio={audio_s:.1f}s {args.set} load {os.getloadavg()[0]:.1f}")
        lane = Lane(args.lane)
        results = compare_settings(clips, config, engine, offline_of, args.compare, args.diffs, lane=lane)
        if args.json:
            with open(args.json, "w") as fh:
                json.dump({"offline": offline_of, "variants": results}, fh, indent=1)
        return 0
    rejected: Counter[str] = Counter()
    heard: Counter[str] = Counter()
    for i, clip in enumerate(clips):
        t0 = time.perf_counter()
        key = offline_key(clip.name, config)
        offline = cache.get(key)
        if offline is None and args.part == "phrases":  # one decode of the truth turn, as the stream hears it
            turn = moments[i][2].pcm
            offline = engine.transcribe(decode_audio(Lane.AGENT, turn, config), options=offline_opts).text
        elif offline is None:
            offline = engine.transcribe(clip.pcm, options=offline_opts).text
        cache.put(key, offline)
        t1 = time.perf_counter()
        stage = TranscriptionStage(config, engine=engine, lanes=[Lane.AGENT])
        segments = {Lane.AGENT: speech_segments(clip.pcm)}
        cpu, tally.counting = time.process_time(), True
        events = replay(stage, {Lane.AGENT: clip.pcm}, segments)
        cpu_stream += time.process_time() - cpu
        tally.counting = False
        streaming = finals_text(events)
        delays += [e.at - w["end"] for e in finals(events) for w in e.data["words"]]
        t2 = time.perf_counter()
        t_off += t1 - t0
        t_stream += t2 - t1
        decodes += stage.stats.partial_decodes + stage.stats.final_decodes
        reused += stage.stats.finals_from_partial
        cuts += stage.stats.cuts + stage.stats.forced_cuts
        rejected += stage.stats.rejected
        rows.append({"clip": clip.name, "ref": clip.text, "offline": offline, "streaming": streaming})
        rows[-1]["finals"] = [e.data["text"] for e in finals(events) if e.data["text"]]  # pieces, in order
        if args.part == "phrases":
            want = phrase_words(moments[i][1])
            marks = {
                "offline": want in phrase_words(offline),
                "one final": any(want in phrase_words(e.data["text"]) for e in finals(events)),
                "finals joined": want in phrase_words(streaming),
            }
            heard.update(k for k, v in marks.items() if v)
            rows[-1]["phrase"] = moments[i][1]
            rows[-1]["heard"] = marks
        if args.verbose:
            print(f"{clip.name}\n  ref: {clip.text}\n  off: {offline}\n  str: {streaming}")
            if args.part == "phrases":
                print(f"  phrase {moments[i][1]!r}: {rows[-1]['heard']}")

    def score(key: str, subset: list[dict]) -> float:
        return corpus_wer([(r["ref"], r[key]) for r in subset])

    off_all, str_all = score("offline", rows), score("streaming", rows)
    first = 1 if args.part == "tune" else 0  # rows[0] is jfk in the tuning part
    jfk_off, jfk_str = score("offline", rows[:first]), score("streaming", rows[:first])
    ast_off, ast_str = score("offline", rows[first:]), score("streaming", rows[first:])
    ratio = str_all / off_all if off_all else float("inf")
    partials = "off" if args.no_partials else "on"
    print(f"final beam {args.final_beam}, offline beam {args.offline_beam}, partial context {args.context} s")
    print(f"model={args.model} part={args.part} clips={len(rows)} ({first} jfk) audio={audio_s:.1f}s {args.set}")
    print(f"streaming: partials={partials} decodes={decodes} finals_from_partial={reused} cuts={cuts}", end=" ")
    print(f"rejected={dict(rejected)}")
    print(
        f"encoder    streaming windows={tally.windows} (shorter than 30 s: {tally.short}) "
        f"full-window equivalents={tally.frames / FULL_WINDOW_FRAMES:.1f} decoder CPU={cpu_stream:.1f}s"
    )
    if delays:
        p50, p95 = np.percentile(delays, [50, 95])
        print(f"final word delay (audio time) p50={p50:.2f}s p95={p95:.2f}s max={max(delays):.2f}s")
    if args.part == "phrases":
        n = len(rows)
        print(
            f"phrases    heard: offline beam {args.offline_beam} {heard['offline']}/{n}, streaming in one final "
            f"{heard['one final']}/{n}, in the finals joined {heard['finals joined']}/{n}"
        )
        for lo, hi in GROUPS:
            part = [r for r in rows if lo <= call_number(r["clip"]) <= hi]
            off, one, joined = (sum(r["heard"][k] for r in part) for k in ("offline", "one final", "finals joined"))
            print(f"  c{lo:02d}-c{hi}: {len(part)} moments, offline {off}, one final {one}, joined {joined}")
    print(f"jfk        WER offline={jfk_off:.3f} streaming={jfk_str:.3f}")
    print(f"asterisk   WER offline={ast_off:.3f} streaming={ast_str:.3f}")
    print(f"all        WER offline={off_all:.3f} streaming={str_all:.3f} ratio={ratio:.2f} (target <= 1.15)")
    print(
        f"time       offline={t_off:.1f}s (RTF {t_off / audio_s:.2f}) "
        f"streaming={t_stream:.1f}s (RTF {t_stream / audio_s:.2f})"
    )
    if args.json:
        with open(args.json, "w") as fh:
            json.dump({"offline_wer": off_all, "streaming_wer": str_all, "ratio": ratio, "rows": rows}, fh, indent=1)
    return 0 if ratio <= 1.15 else 1


class EncoderTally:
    """Counts the encoder windows an engine runs and the mel frames of each (3000: a full 30 s window), by
    wrapping the engine's call into faster-whisper's encoder (after :meth:`WhisperEngine._encode` has
    shortened the window). ``counting`` off: windows pass uncounted (the offline reference decodes)."""

    def __init__(self, engine: object) -> None:
        self.windows = self.short = self.frames = 0
        self.counting = False
        self._encode = engine._full_encode  # type: ignore[attr-defined]
        engine._full_encode = self  # type: ignore[attr-defined]

    def __call__(self, features: np.ndarray) -> object:
        if self.counting:
            self.windows += 1
            self.frames += features.shape[-1]
            self.short += features.shape[-1] < FULL_WINDOW_FRAMES
        return self._encode(features)


if __name__ == "__main__":
    sys.exit(main())
