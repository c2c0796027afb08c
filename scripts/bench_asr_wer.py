"""WER of offline vs streaming decoding with the same Whisper model.

Offline: one decode of each whole file (beam ``--offline-beam``). Streaming: the file replayed in
chunks through the sync ``TranscriptionStage`` (partials, agreement, finals with beam
``--final-beam``), with speech boundaries from the offline VAD delivered as a streaming VAD would.
Both texts are scored after the same normalisation (``coach.asr.textnorm.normalize``) against
jfk and a fixed subset of the 8 kHz asterisk prompts (resampled to 16 kHz). Target: streaming WER <= 1.15 x offline WER.

    .venv/bin/python scripts/bench_asr_wer.py [--n 60] [--model tiny.en] [--no-partials] [--final-beam 5]
        [--offline-beam 5] [--context 2.0] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodeOptions, get_engine
from coach.asr.level import decode_audio
from coach.asr.replay import finals, replay
from coach.asr.segments import speech_segments
from coach.asr.stage import TranscriptionStage
from coach.asr.textnorm import corpus_wer
from coach.types import Lane

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the repository's training package
from training.asr_corpus import Clip, asterisk, asterisk_speech_stems, asterisk_subset, jfk  # noqa: E402


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


def phrase_turns(prefixes: list[str] | None = None) -> list[tuple[Clip, str, Clip]]:
    """Every agent phrase moment of the tuning calls (``eval_calls.tuning_scripts``: the held-out part
    is never opened) as ``(window, phrase, turn)``: ``window`` is the agent lane from ``PHRASE_PAD_S``
    before the truth turn holding the phrase to ``PHRASE_PAD_S`` after it (real audio, replayed through
    the stream as the product hears it), ``turn`` the truth turn with ``pre_pad_s`` / ``post_pad_s``
    around it (what one offline decode of the turn hears); both carry the turn's truth text."""
    import soundfile as sf
    from eval_calls import tuning_scripts

    render = Path(__file__).resolve().parents[1] / "artifacts" / "calls"
    pre, post = AsrConfig().pre_pad_s, AsrConfig().post_pad_s
    out = []
    for script in tuning_scripts():
        name = script.stem
        truth_path = render / f"{name}.truth.json"
        if not truth_path.exists() or (prefixes and not any(name.startswith(p) for p in prefixes)):
            continue
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
        moments = [m for m in truth["moments"] if m.get("phrase") and m.get("speaker") == "agent"]
        if not moments:
            continue
        pcm = sf.read(render / f"{name}.flac", dtype="float32", always_2d=True)[0][:, 0]  # agent: channel 0
        for m in moments:
            turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
            tag = f"{name}@{m['start_s']:.2f}"
            for pad_a, pad_b, label in ((PHRASE_PAD_S, PHRASE_PAD_S, "window"), (pre, post, "turn")):
                a = max(0, int((turn["start_s"] - pad_a) * 16000))
                b = min(len(pcm), int((turn["end_s"] + pad_b) * 16000))
                clip = Clip(tag, np.ascontiguousarray(pcm[a:b]), turn["text"])
                if label == "window":
                    window = clip
            out.append((window, m["phrase"], clip))
    return out


PHRASE_PAD_S = 1.5
"""Real audio replayed on each side of a phrase's truth turn (``--part phrases``): the VAD and the
stream's padding see silence and breath as in the call."""


def phrase_words(text: str) -> str:
    """Lowercase words without punctuation, space-delimited with a space at both ends."""
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower().replace("\u2019", "'"))
    return f" {' '.join(cleaned.split())} "


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
        choices=("tune", "held-out", "unseen", "monologue", "monologue-held-out", "phrases"),
        default="tune",
        help="tune: jfk and the fixed subset used while tuning; held-out: n other prompts, never used to tune; "
        "unseen: every held-out prompt outside held-out --n 20 (n ignored); monologue: one 30 s turn of the "
        "tuning prompts (asterisk_subset(60)), monologue-held-out: of the held-out --n 20 prompts; phrases: the agent "
        "turn of every agent phrase moment of the tuning calls (--calls narrows them): is the phrase heard",
    )
    parser.add_argument("--calls", nargs="*", help="--part phrases: call name prefixes (tuning calls only)")
    parser.add_argument("--only", action="append", default=[], metavar="STEM", help="only these clips of the part")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE", help="another [asr] setting")
    parser.add_argument("--json", help="write per-clip results here")
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
        moments = phrase_turns(args.calls)
        clips = [window for window, _, _ in moments]
    else:
        clips = [monologue(held_out(20))]
    if args.only:
        clips = [c for c in clips if c.name in args.only]
    if not clips:
        parser.error("no clips: --only / --calls matched nothing (--part phrases reads artifacts/calls/)")
    audio_s = sum(len(c.pcm) for c in clips) / 16_000
    rows = []
    t_off = t_stream = 0.0
    decodes = reused = cuts = 0
    delays: list[float] = []  # call-audio seconds from a word's end to its final (decode time not counted)
    rejected: Counter[str] = Counter()
    heard: Counter[str] = Counter()
    for i, clip in enumerate(clips):
        t0 = time.perf_counter()
        if args.part == "phrases":  # one decode of the truth turn, heard as the stream's decodes hear it
            turn = moments[i][2].pcm
            offline = engine.transcribe(decode_audio(Lane.AGENT, turn, config), options=offline_opts).text
        else:
            offline = engine.transcribe(clip.pcm, options=offline_opts).text
        t1 = time.perf_counter()
        stage = TranscriptionStage(config, engine=engine, lanes=[Lane.AGENT])
        events = replay(stage, {Lane.AGENT: clip.pcm}, {Lane.AGENT: speech_segments(clip.pcm)})
        streaming = " ".join(e.data["text"] for e in finals(events) if e.data["text"])
        delays += [e.at - w["end"] for e in finals(events) for w in e.data["words"]]
        t2 = time.perf_counter()
        t_off += t1 - t0
        t_stream += t2 - t1
        decodes += stage.stats.partial_decodes + stage.stats.final_decodes
        reused += stage.stats.finals_from_partial
        cuts += stage.stats.cuts + stage.stats.forced_cuts
        rejected += stage.stats.rejected
        rows.append({"clip": clip.name, "ref": clip.text, "offline": offline, "streaming": streaming})
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
    if delays:
        p50, p95 = np.percentile(delays, [50, 95])
        print(f"final word delay (audio time) p50={p50:.2f}s p95={p95:.2f}s max={max(delays):.2f}s")
    if args.part == "phrases":
        n = len(rows)
        print(
            f"phrases    heard: offline beam {args.offline_beam} {heard['offline']}/{n}, streaming in one final "
            f"{heard['one final']}/{n}, in the finals joined {heard['finals joined']}/{n}"
        )
        for lo, hi in ((1, 93), (94, 117)):
            part = [r for r in rows if lo <= int(r["clip"][1:].split("_")[0]) <= hi]
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


if __name__ == "__main__":
    sys.exit(main())
