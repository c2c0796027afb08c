"""Where are the playbook's phrases lost: in the product's windowing or in the recogniser? (issue 9; issue 11's budget)

Helper P4, session 47. For every agent phrase moment of the rendered tuning calls c670-c1077 that have stored
events (the truth JSON in ``artifacts/calls/`` gives the phrase and its span; the call's newest events file in
``artifacts/calls/events/`` the product's finals), the phrase counts as *heard* by the scorer's own test
(:func:`eval_calls.heard`: the phrase's words in order among the agent's final words timed within 1.5 s of the
phrase). Conditions, each a decode of the agent lane offline with the product's final settings (tiny.en,
``DecodeOptions.final_from_config`` of the default ``[asr]``: beam 5, full 30 s window, the loop re-decode; the
agent lane's level as ``[asr] agent_level_dbfs``; the product's guards, :func:`coach.asr.guards.judge`) except
where a condition says otherwise:

* ``a``: the product's finals as stored (no decode);
* ``a2``: each stored agent final that holds a word within the phrase's span, re-decoded offline on its own
  stretch (its ``t`` .. ``end`` with ``PRE_S`` / ``POST_S`` of audio around: a check that the offline decode
  is the product's, and what its own cut hears with a quiet machine's full beam);
* ``b``: the phrase's stretch alone, cut at the script's times with ``MARGIN_S`` each side;
* ``c``: the whole truth agent turn that holds the phrase (``PRE_S`` before, ``POST_S`` after);
* ``d``: ``b`` with the product's previous agent final's text (the last stored agent final that ends before
  the cut) as Whisper's prompt (the context a final could carry);
* ``e``: ``b`` through a front-end the product lacks: the stretch's speech frames (``ACTIVE_DB`` below its
  loudest 20 ms frame) brought to an RMS of ``ACTIVE_DBFS`` (instead of the loudest half second to -20 dBFS),
  and on telephone-channel calls first a 300-3400 Hz band-pass at the line's 8 kHz (down to 8 kHz, band-pass,
  back up with soxr: what a telephone front-end that knows the line's rate would hand Whisper).

The report counts heard per condition, by part (design c670-c1029, check c1030-c1077), channel and noise, how
many of ``a``'s misses each condition hears, and the CPU per decode. For ``a``'s misses it also counts the
windowing cause that needs no decode: the phrase's words split over two or more finals.

Output is counts and call numbers only: no transcript text. Decodes are cached in ``--out`` (a re-run decodes only
what is missing). Held-out calls are never opened (:func:`eval_calls.tuning_scripts`).

    nice -n 10 .venv/bin/python scripts/hearing_by_window.py [--first 670] [--last 1077] [--split 1030]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf
import soxr
from scipy import signal

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import (  # noqa: E402
    HEARD_SLACK_S,
    RENDER_DIR,
    Moment,
    call_number,
    heard,
    newest_analysis,
    tuning_scripts,
)
from eval_calls import newest_analysis_events as newest_events  # noqa: E402  (the newest analysis of record)
from eval_phrase_hearing import recall  # noqa: E402
from eval_phrase_hearing import words as phrase_words  # noqa: E402

from coach.asr.engine import DecodeOptions, WhisperEngine  # noqa: E402
from coach.asr.guards import judge  # noqa: E402
from coach.asr.level import normalise_level  # noqa: E402
from coach.asr.models import resolve_model  # noqa: E402
from coach.config import load_config  # noqa: E402

RATE = 16000
MARGIN_S = 0.3
"""Audio kept each side of the phrase's scripted span in conditions b, d, e, s."""
PRE_S, POST_S = 0.4, 0.3
"""Audio kept before / after a turn or a stored final (conditions a2, c), s: the product's final padding."""
ACTIVE_DB = 30.0
"""Condition e: 20 ms frames within this many dB of the stretch's loudest frame count as speech."""
ACTIVE_DBFS = -23.0
"""Condition e: the RMS the speech frames are brought to, dBFS."""
LINE_RATE = 8000
BAND_HZ = (300.0, 3400.0)
SEED = 47
"""The sample's shuffle seed."""
CONDITIONS = ("a", "a2", "b", "c", "d", "e")
DECODED = ("a2", "b", "c", "d", "e")


def active_rms_level(pcm: np.ndarray, dbfs: float = ACTIVE_DBFS) -> np.ndarray:
    """``pcm`` scaled so the RMS of its speech frames (20 ms frames within :data:`ACTIVE_DB` of the loudest)
    is ``dbfs``, the peak held at 0.99; a near-silent stretch is returned as it is (float32)."""
    x = np.asarray(pcm, dtype=np.float64)
    n = int(0.02 * RATE)
    frames = x[: len(x) // n * n].reshape(-1, n) if len(x) >= n else x.reshape(1, -1)
    power = np.mean(frames**2, axis=1)
    if power.size == 0 or power.max() < 1e-10:
        return x.astype(np.float32)
    speech = power[power >= power.max() * 10 ** (-ACTIVE_DB / 10)]
    gain = 10 ** (dbfs / 20) / np.sqrt(np.mean(speech))
    gain = min(gain, 0.99 / max(float(np.max(np.abs(x))), 1e-9))
    return (x * gain).astype(np.float32)


def line_band(pcm: np.ndarray) -> np.ndarray:
    """``pcm`` (16 kHz) taken to the line's 8 kHz, band-passed to :data:`BAND_HZ` there and brought back to
    16 kHz (same length)."""
    narrow = soxr.resample(np.asarray(pcm, dtype=np.float32), RATE, LINE_RATE, quality="VHQ")
    sos = signal.butter(6, BAND_HZ, btype="bandpass", fs=LINE_RATE, output="sos")
    band = signal.sosfiltfilt(sos, narrow.astype(np.float64)).astype(np.float32)
    out = soxr.resample(band, LINE_RATE, RATE, quality="VHQ")
    return np.pad(out, (0, max(0, len(pcm) - len(out))))[: len(pcm)].astype(np.float32)


class Decoder:
    """The product's final decode, offline: tiny.en (``[asr] model``) on one thread, final options, the agent
    lane's level, the guards' cut."""

    def __init__(self) -> None:
        self.asr = load_config().asr
        self.options: DecodeOptions = DecodeOptions.final_from_config(self.asr)
        self.engine = WhisperEngine(resolve_model(self.asr.model), compute_type=self.asr.compute_type, cpu_threads=1)

    def product_level(self, pcm: np.ndarray) -> np.ndarray:
        """The agent lane's level as the product sets it (``agent_level_dbfs``; unchanged when off)."""
        return normalise_level(pcm, self.asr.agent_level_dbfs) if self.asr.agent_level_dbfs < 0 else pcm

    def __call__(
        self, lane: np.ndarray, start_s: float, end_s: float, front: Callable[[np.ndarray], np.ndarray], prompt: str
    ) -> dict[str, Any]:
        """Decode ``lane[start_s:end_s]`` after ``front``; words (text, call-time start s) the guards keep and
        the process CPU s of the decode."""
        a, b = max(0, int(start_s * RATE)), min(len(lane), int(end_s * RATE))
        offset = a / RATE
        began = time.process_time()
        result = self.engine.transcribe(front(lane[a:b]), prompt=prompt or None, options=self.options)
        cpu = time.process_time() - began
        _, keep = judge(result, self.asr.guards)
        kept = [[w.word.strip(), round(offset + w.start, 3)] for w in result.words[:keep]]
        return {"words": kept, "cpu": round(cpu, 3)}


def agent_finals(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [e for e in events if e.get("type") == "transcript" and e.get("final") and e.get("speaker") == "agent"]


def as_events(words: list[list[Any]]) -> list[dict[str, Any]]:
    """Decoded words in the shape :func:`eval_calls.heard` reads (one agent final)."""
    return [
        {"type": "transcript", "final": True, "speaker": "agent", "words": [{"w": w, "start": s} for w, s in words]}
    ]


def finals_words(events: list[dict[str, Any]]) -> list[list[Any]]:
    """The stored agent finals' words as [word, start s] pairs."""
    return [[w["w"], w["start"]] for f in agent_finals(events) for w in f.get("words", [])]


def word_recall(m: Moment, words: list[list[Any]]) -> float:
    """The share of the phrase's words (with repeats) among the words timed within ``HEARD_SLACK_S`` of its span,
    in any order (a softer measure than :func:`eval_calls.heard`)."""
    near = [text for text, start in words if m.start_s - HEARD_SLACK_S <= start <= m.end_s + HEARD_SLACK_S]
    return recall(m.phrase or "", " ".join(near))


def missing_words(m: Moment, words: list[list[Any]]) -> int:
    """How many of the phrase's words (with repeats) are not among the words timed within ``HEARD_SLACK_S`` of its
    span (0 for a phrase whose words are all there, in another order or with words between)."""
    return round((1.0 - word_recall(m, words)) * len(phrase_words(m.phrase or "")))


def finals_over(finals: list[dict[str, Any]], m: Moment) -> list[dict[str, Any]]:
    """The stored finals with a word inside the phrase's scripted span."""
    return [f for f in finals if any(m.start_s <= w["start"] <= m.end_s for w in f.get("words", []))]


def previous_text(finals: list[dict[str, Any]], before_s: float) -> str:
    """The text of the last stored agent final that ends before ``before_s`` ("" when none)."""
    earlier = [f for f in finals if f.get("end", f["t"]) <= before_s]
    return max(earlier, key=lambda f: f.get("end", f["t"]))["text"] if earlier else ""


def moments_of(first: int, last: int) -> list[tuple[str, dict[str, Any], Moment]]:
    """(call name, call info, moment) for every agent phrase moment of the rendered tuning calls in range that
    have stored events."""
    out = []
    for script in tuning_scripts():
        name = script.stem
        truth_file = RENDER_DIR / f"{name}.truth.json"
        if not first <= call_number(name) <= last or not truth_file.exists():
            continue
        if newest_analysis(name) is None:
            continue
        truth = json.loads(truth_file.read_text(encoding="utf-8"))
        for m in truth["moments"]:
            if m.get("phrase") and m.get("speaker") == "agent":
                moment = Moment(
                    call=name,
                    kind=m["kind"],
                    group=m["group"],
                    start_s=m["start_s"],
                    end_s=m["end_s"],
                    phrase=m["phrase"],
                    speaker="agent",
                )
                turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
                turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
                out.append((name, {**truth["call"], "turn": turn}, moment))
    return out


def stretches(
    m: Moment, call: dict[str, Any], finals: list[dict[str, Any]], decoder: Decoder
) -> dict[str, tuple[list[tuple[float, float]], Callable[[np.ndarray], np.ndarray], str]]:
    """condition -> (stretches to decode, front-end, prompt)."""
    level = decoder.product_level
    phrase = [(m.start_s - MARGIN_S, m.end_s + MARGIN_S)]
    turn = call["turn"]
    tele = call["channel"] == "telephone"
    return {
        "a2": ([(f["t"] - PRE_S, f.get("end", f["t"]) + POST_S) for f in finals_over(finals, m)], level, ""),
        "b": (phrase, level, ""),
        "c": ([(turn["start_s"] - PRE_S, turn["end_s"] + POST_S)], level, ""),
        "d": (phrase, level, previous_text(finals, phrase[0][0])),
        "e": (phrase, (lambda x: active_rms_level(line_band(x))) if tele else active_rms_level, ""),
    }


def interleaved(
    moments: list[tuple[str, dict[str, Any], Moment]], split: int
) -> list[tuple[str, dict[str, Any], Moment]]:
    """The moments with the design part's and the check part's taken in turn, each part in a seeded shuffle
    (:data:`SEED`), so a run stopped early has an even sample of both parts."""

    def spread(part: list[tuple[str, dict[str, Any], Moment]]) -> list[tuple[str, dict[str, Any], Moment]]:
        random.Random(SEED).shuffle(part)
        return part

    design = spread([x for x in moments if call_number(x[0]) < split])
    check = spread([x for x in moments if call_number(x[0]) >= split])
    out = []
    for k in range(max(len(design), len(check))):
        out += [part[k] for part in (design, check) if k < len(part)]
    return out


def split_finals(finals: list[dict[str, Any]], m: Moment) -> bool:
    """Whether the phrase's scripted span has words of two or more stored finals."""
    return len(finals_over(finals, m)) >= 2


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--first", type=int, default=670)
    parser.add_argument("--last", type=int, default=1077)
    parser.add_argument("--split", type=int, default=1030, help="first call of the check part")
    parser.add_argument("--conditions", default=",".join(DECODED))
    parser.add_argument("--limit", type=int, default=0, help="decode only the first n moments of the interleaved order")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "hearing_by_window.json")
    parser.add_argument("--cached-only", action="store_true")
    args = parser.parse_args(argv)
    cache: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    chosen = [c for c in args.conditions.split(",") if c]
    decoder = None if args.cached_only else Decoder()
    rows = []
    for i, (name, call, m) in enumerate(interleaved(moments_of(args.first, min(args.last, 1077)), args.split)):
        if args.limit and i >= args.limit and not args.cached_only:
            decoder = None  # past the limit: report what is cached, decode nothing more
        events = newest_events(name) or []
        finals = agent_finals(events)
        row = {
            "call": call_number(name),
            "part": "check" if call_number(name) >= args.split else "design",
            "channel": call["channel"],
            "noise": "noise" if call.get("agent_noise_snr_db") is not None else "none",
            "voice": call["agent_voice"].split(":")[0],
            "a#missing": missing_words(m, finals_words(events)),
            "a": bool(heard(m, events)),
            "a#recall": word_recall(m, finals_words(events)),
            "split": split_finals(finals, m),
        }
        lane: list[np.ndarray] = []
        plan = stretches(m, call, finals, decoder) if decoder else {}
        for cond in chosen:
            key = f"{name}|{m.start_s}|{cond}"
            if key not in cache:
                if decoder is None:
                    continue
                if not lane:
                    pcm, rate = sf.read(RENDER_DIR / f"{name}.flac", dtype="float32", always_2d=True)
                    assert rate == RATE
                    lane.append(pcm[:, 0])
                spans, front, prompt = plan[cond]
                parts = [decoder(lane[0], s, e, front, prompt) for s, e in spans]
                cache[key] = {
                    "words": [w for p in parts for w in p["words"]],
                    "cpu": sum(p["cpu"] for p in parts),
                    "n": len(parts),
                }
            row[cond] = bool(heard(m, as_events(cache[key]["words"])))
            row[f"{cond}#recall"] = word_recall(m, cache[key]["words"])
            row[f"{cond}#cpu"] = cache[key]["cpu"] / max(cache[key]["n"], 1)
        rows.append(row)
        if decoder is not None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(cache))
    report(rows, ["a", *chosen])
    return 0


def gained(misses: list[dict[str, Any]], cond: str) -> int:
    """How many of ``a``'s misses condition ``cond`` hears."""
    return sum(bool(r.get(cond)) for r in misses if cond in r)


def lost(rows: list[dict[str, Any]], cond: str) -> int:
    """How many of ``a``'s heard moments condition ``cond`` (decoded) does not hear."""
    return sum(not r[cond] for r in rows if r["a"] and cond in r)


def report(rows: list[dict[str, Any]], conds: list[str]) -> None:
    """Print heard counts per condition and group (the moments decoded in every condition of ``conds``), the
    misses of ``a`` each condition hears and the heard ones it loses, and the CPU per decode."""
    rows = [r for r in rows if all(c in r for c in conds)]  # only moments every condition was decoded for
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        for g in (
            r["part"],
            f"{r['part']} {r['channel']}",
            f"{r['part']} noise={r['noise']}",
            f"{r['part']} {r['voice']}",
        ):
            groups[g].append(r)
    print(f"agent phrase moments heard (eval_calls.heard); {len(rows)} moments")
    print(
        f"{'group':26s} {'n':>4s} "
        + " ".join(f"{c:>5s}" for c in conds)
        + "  a-miss split  "
        + "  ".join(f"+{c}/-{c}" for c in conds[1:])
    )
    for g in sorted(groups, key=lambda k: (k.split()[0] != "design", k)):
        rs = groups[g]
        cells = " ".join(f"{sum(bool(r.get(c)) for r in rs if c in r):>5d}" for c in conds)
        misses = [r for r in rs if not r["a"]]
        gains = "  ".join(f"{gained(misses, c):>2d}/{lost(rs, c):<2d}" for c in conds[1:])
        print(f"{g:26s} {len(rs):>4d} {cells}  {len(misses):>3d} {sum(r['split'] for r in misses):>4d}    {gains}")
    cpu = {c: [r[f"{c}#cpu"] for r in rows if f"{c}#cpu" in r] for c in conds[1:]}
    for part in ("design", "check"):
        rs = [r for r in rows if r["part"] == part]
        if rs:
            print(
                f"{part} mean phrase-word recall: "
                + ", ".join(f"{c} {np.mean([r[c + '#recall'] for r in rs]):.3f}" for c in conds)
            )
    print("CPU s per decode (mean): " + ", ".join(f"{c} {np.mean(v):.2f}" for c, v in cpu.items() if v))
    for part in ("design", "check"):
        depth = Counter(min(r["a#missing"], 3) for r in rows if r["part"] == part and not r["a"])
        print(
            f"{part}: a's misses by phrase words not among the finals' near words: "
            + ", ".join(f"{'3+' if k == 3 else k}: {depth[k]}" for k in sorted(depth))
        )
    for c in conds[1:]:
        won = [f"c{r['call']}" for r in rows if r[c] and not r["a"]]
        gone = [f"c{r['call']}" for r in rows if r["a"] and not r[c]]
        print(f"{c}: heard where a is not: {' '.join(won) or '-'}; not heard where a is: {' '.join(gone) or '-'}")
    print("design misses of a: " + " ".join(f"c{r['call']}" for r in rows if not r["a"] and r["part"] == "design"))
    print("check misses of a: " + " ".join(f"c{r['call']}" for r in rows if not r["a"] and r["part"] == "check"))


if __name__ == "__main__":
    sys.exit(main())
