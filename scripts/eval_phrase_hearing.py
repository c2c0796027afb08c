"""Are the agent's key phrases HEARD? Decode the agent lane around every phrase moment of the tuning calls.

For every language moment with a phrase said by the agent (truth JSON in ``artifacts/calls/``) the agent
turn that holds it (the truth utterance, with ``PRE_S`` / ``POST_S`` of real audio around it, as the
product's finals decode a turn) is decoded offline with each option below, and the phrase counts as
*heard* when its normalised words appear in order in the decoded text; *recall* is the share of the
phrase's words found in the text (bag of words). The product's own transcripts are scored too: the
newest events file of the call in ``artifacts/calls/events/`` (finals only, and finals or partials),
words timed within 1.5 s of the phrase, like ``eval_calls.heard``.

False hits: every agent turn of the must-stay-quiet calls is decoded with the same options; a
*false phrase* is a phrase of the prompt vocabulary (``PROMPT_PHRASES``) in the decoded text but not in
the truth text of the turn, and the word error rate of the agent lane (all quiet turns, one corpus) is
given per option. Options:

* ``greedy`` / ``beam5``: tiny.en, beam 1 / 5, no prompt;
* ``beam5+prompt`` / ``greedy+prompt``: with :data:`AGENT_PROMPT` as Whisper's
  initial prompt (faster-whisper's ``hotwords`` builds the same token prompt when there is no previous
  text and no prefix, so it is not measured separately);
* ``beam5+level`` / ``base5+level``: the span scaled as the product's ``[asr] agent_level_dbfs = -20``
  does (:func:`coach.asr.level.normalise_level`: loudest half second at an RMS of -20 dBFS);
* ``beam5+pad1``: 1.0 s of real audio each side instead of 0.4/0.3 s;
* ``base5``: Whisper base (multilingual, ``language="en"``), beam 5 (``coach models install base``);
* the agent final's decode as the product makes it (tiny.en, beam 5, level -20 dBFS: ``beam5+level``)
  against one lever at a time: ``greedy+level`` (the final of a backlog pack), ``beam8+level``,
  ``beam5+level10`` / ``beam5+level14`` / ``beam5+level26`` (``agent_level_dbfs`` -10 / -14 / -26),
  ``beam5+level+hot`` (faster-whisper's ``hotwords`` as a bare list of the playbook's words, :data:`HOTWORDS`,
  no sentences), ``beam5+level+pre`` (a pre-emphasis lift of the highs before the level) and ``beam5+level+slow``
  (the turn time-stretched to :data:`SLOW_RATE`: a probe of fast synthetic voices, not a product path),
  ``beam5+level+noout`` / ``beam5+level+noout2`` (subtitle-outro words suppressed: :data:`OUTRO_WORDS`,
  :data:`OUTRO_WORDS_WIDE`).

Every decode is judged by the product's guards (:func:`coach.asr.guards.judge` with the default ``[asr]``
guard settings): a dropped decode hears nothing, a trimmed one keeps its words before the loop or outro.
Besides *heard*, the report counts how many heard phrases have words the recogniser was unsure of
(probability under :data:`FLOORS`: ``[positive_language] min_word_p`` is 0.4), and the CPU per decode.

``--other-every N`` also decodes every N-th agent turn of the chosen calls that holds no phrase moment
(a turn where no such phrase was said: the look-alike check on calls that need no extra rendering): its
WER and the prompt phrases / hotwords it gives that the turn's truth text does not hold.
``--split N[,M...]`` cuts the report's rows into parts at those call numbers (the part a lever is designed
on, the parts it is reported on).

``--product LABEL=DIR[:CONFIG]`` (repeatable) adds a column of the product's finals from the events file
that ``scripts/eval_calls.py --product DIR [--config CONFIG]`` cached for the call (same cache key), so
two builds or settings of the product are scored on the same moments.

Only the tuning calls are read (``eval_calls.tuning_scripts``; ``--calls`` narrows them); the held-out
part is never opened.
Results per option go to a JSON cache (``--out``), so a re-run only decodes what is missing.

    nice -n 10 .venv/bin/python scripts/eval_phrase_hearing.py [--options greedy,beam5,...] [--out F]
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import soundfile as sf
from analysis_key import AnalysisCache
from eval_calls import analysis_cache, cached_analysis, call_number, newest_analysis, tuning_scripts

from coach.asr.engine import DecodedWord, DecodeOptions, DecodeResult, WhisperEngine
from coach.asr.guards import judge
from coach.asr.level import normalise_level
from coach.asr.models import resolve_model
from coach.asr.textnorm import corpus_wer
from coach.config import load_config

ROOT = Path(__file__).resolve().parent.parent
RENDER = ROOT / "artifacts" / "calls"
PRE_S, POST_S = 0.4, 0.3  # real audio around a turn, as the product's finals (pre_pad_s / post_pad_s)
HEARD_SLACK_S = 1.5
LEVEL_DBFS = -20.0  # the product's [asr] agent_level_dbfs when it is on
AGENT_PROMPT = (
    "Customer service call. Okay, calm down, relax, take it easy, take a deep breath, there's no need to "
    "get worked up. I'm afraid we can't do that, there's nothing I can do. Thanks for calling, bye for now, "
    "cheers, take care."
)
"""A domain prompt for the agent lane's decodes (option ``+prompt``): words of the phrases the language
rules listen for, so Whisper expects them (it is given as Whisper's ``initial_prompt``)."""
HOTWORDS = (
    "calm down relax breath worked up wind your neck in afraid unfortunately policy can't won't "
    "isn't fault down to you anything else sorted cheers bye take care"
)
"""A bare word list of the wording the language rules listen for (option ``+hot``, faster-whisper's
``hotwords``): no sentence for tiny.en to go on writing in after the speech ends (docs/asr.md, session 18)."""
OUTRO_WORDS = ("watching", "viewing", "subscribe", "subscribing", "subscribed")
"""Option ``+noout``: words of Whisper's subtitle outros that an agent on a call does not say, suppressed
(``DecodeOptions.suppress_words``): a closing heard as "Thank you for watching" must be decoded as other words."""
OUTRO_WORDS_WIDE = (*OUTRO_WORDS, "video", "videos", "episode", "vlog")
"""Option ``+noout2``: :data:`OUTRO_WORDS` and the outros' nouns ("see you in the next video"), which a caller
might say ("the video doorbell") but tiny.en also writes inside real speech (docs/asr.md, the c615 class)."""
FLOORS = (0.4, 0.2)
"""Word-probability floors the report counts heard phrases' unsure words under (0.4: ``[positive_language]
min_word_p``)."""
PROMPT_PHRASES = tuple(
    p.strip() for p in re.split(r"[.,]", AGENT_PROMPT.lower()) if len(p.split()) >= 2 and "customer service" not in p
)


def words(text: str) -> list[str]:
    """Lowercase words without punctuation (apostrophes kept, curly ones straightened)."""
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower().replace("\u2019", "'"))
    return cleaned.split()


def has_phrase(phrase: str, text: str) -> bool:
    return f" {' '.join(words(phrase))} " in f" {' '.join(words(text))} "


def recall(phrase: str, text: str) -> float:
    want, got = words(phrase), words(text)
    pool = list(got)
    found = 0
    for w in want:
        if w in pool:
            pool.remove(w)
            found += 1
    return found / len(want) if want else 1.0


def tune_calls(only: list[str] | None) -> list[str]:
    out = []
    for script in tuning_scripts():
        name = script.stem
        if not (RENDER / f"{name}.truth.json").exists():
            continue
        if only and not any(name.startswith(o) for o in only):
            continue
        out.append(name)
    return out


def agent_lane(name: str) -> np.ndarray:
    pcm, rate = sf.read(RENDER / f"{name}.flac", dtype="float32", always_2d=True)
    assert rate == 16000
    return pcm[:, 0]  # the agent is channel 0 (``coach analyze --agent-channel 0``)


def level(pcm: np.ndarray, dbfs: float = LEVEL_DBFS) -> np.ndarray:
    """The product's agent-lane level normalisation at ``dbfs`` (:func:`coach.asr.level.normalise_level`;
    the product's -20 dBFS by default)."""
    return normalise_level(pcm, dbfs)


PRE_EMPHASIS = 0.9
"""Option ``+pre``: each sample minus this share of the one before (a first-order high-frequency lift)."""
SLOW_RATE = 0.85
"""Option ``+slow``: the turn played at this rate (a phase-vocoder time stretch, pitch kept)."""


def pre_emphasis(pcm: np.ndarray) -> np.ndarray:
    """``pcm`` with :data:`PRE_EMPHASIS` applied (float32)."""
    x = np.asarray(pcm, dtype=np.float32)
    return np.concatenate((x[:1], x[1:] - PRE_EMPHASIS * x[:-1])).astype(np.float32)


def slowed(pcm: np.ndarray) -> np.ndarray:
    """``pcm`` time-stretched to :data:`SLOW_RATE` of its speed (longer; word times no longer the call's)."""
    import librosa

    return librosa.effects.time_stretch(np.asarray(pcm, dtype=np.float32), rate=SLOW_RATE).astype(np.float32)


Option = tuple[str, Callable[[np.ndarray], np.ndarray], DecodeOptions, str | None, float]
B1, B5, B8 = DecodeOptions(beam_size=1), DecodeOptions(beam_size=5), DecodeOptions(beam_size=8)


def options() -> dict[str, Option]:
    """name -> (model, audio transform, decode options, prompt, padding s)."""
    same = lambda x: x  # noqa: E731
    return {
        "greedy": ("tiny.en", same, B1, None, 0.0),
        "beam5": ("tiny.en", same, B5, None, 0.0),
        "greedy+prompt": ("tiny.en", same, B1, AGENT_PROMPT, 0.0),
        "beam5+prompt": ("tiny.en", same, B5, AGENT_PROMPT, 0.0),
        "beam5+level": ("tiny.en", level, B5, None, 0.0),
        "greedy+level": ("tiny.en", level, B1, None, 0.0),
        "beam8+level": ("tiny.en", level, B8, None, 0.0),
        "beam5+level14": ("tiny.en", lambda x: level(x, -14.0), B5, None, 0.0),
        "beam5+level26": ("tiny.en", lambda x: level(x, -26.0), B5, None, 0.0),
        "beam5+level10": ("tiny.en", lambda x: level(x, -10.0), B5, None, 0.0),
        "beam5+level+hot": ("tiny.en", level, DecodeOptions(beam_size=5, hotwords=HOTWORDS), None, 0.0),
        "beam5+level+noout": ("tiny.en", level, DecodeOptions(beam_size=5, suppress_words=OUTRO_WORDS), None, 0.0),
        "beam5+level+noout2": (
            "tiny.en",
            level,
            DecodeOptions(beam_size=5, suppress_words=OUTRO_WORDS_WIDE),
            None,
            0.0,
        ),
        "beam5+pad1": ("tiny.en", same, B5, None, 1.0),
        "beam5+level+pre": ("tiny.en", lambda x: level(pre_emphasis(x)), B5, None, 0.0),
        "beam5+level+slow": ("tiny.en", lambda x: level(slowed(x)), B5, None, 0.0),
        "base5": ("base", same, B5, None, 0.0),
        "base5+prompt": ("base", same, B5, AGENT_PROMPT, 0.0),
        "base5+level": ("base", level, B5, None, 0.0),
    }


_ENGINES: dict[str, WhisperEngine] = {}


def engine(model: str) -> WhisperEngine:
    if model not in _ENGINES:
        _ENGINES[model] = WhisperEngine(resolve_model(model), compute_type="int8", cpu_threads=1)
    return _ENGINES[model]


def spans(name: str) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]]]:
    """(call info, phrase moments with their turn, agent turns)."""
    truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
    turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    moments = []
    for m in truth["moments"]:
        if not m.get("phrase") or m.get("speaker") != "agent":
            continue
        turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
        moments.append({**m, "turn": turn})
    return truth["call"], moments, turns


def decode(pcm: np.ndarray, turn: dict[str, Any], opt: Option) -> list[Any]:
    """One cache entry: [text, CPU s, [[word, probability, start s, end s], ...], avg_logprob, no_speech_prob,
    compression_ratio, duration s] of the turn's decode with option ``opt``."""
    model, transform, dopts, prompt, pad = opt
    pre, post = max(PRE_S, pad), max(POST_S, pad)
    a = max(0, int((turn["start_s"] - pre) * 16000))
    b = min(len(pcm), int((turn["end_s"] + post) * 16000))
    started = time.process_time()
    r = engine(model).transcribe(transform(pcm[a:b]), prompt=prompt, options=dopts)
    words = [[w.word, round(w.probability, 4), round(w.start, 3), round(w.end, 3)] for w in r.words]
    spent = time.process_time() - started
    return [r.text, spent, words, r.avg_logprob, r.no_speech_prob, r.compression_ratio, r.duration_s]


_GUARDS = load_config().asr.guards


def guarded(entry: list[Any]) -> list[tuple[str, float]]:
    """(word, probability) the product keeps of a cached decode: :func:`coach.asr.guards.judge` with the
    default guard settings (a dropped decode keeps none, a loop or outro is cut off)."""
    text, _, words, logprob, no_speech, ratio, duration = entry
    result = DecodeResult(
        text, tuple(DecodedWord(a, b, w, p) for w, p, a, b in words), logprob, no_speech, ratio, duration
    )
    _, keep = judge(result, _GUARDS)
    return [(w, p) for w, p, _, _ in words[:keep]]


def unsure_in_phrase(phrase: str, heard: list[tuple[str, float]], floor: float) -> int | None:
    """How many of ``phrase``'s words, where ``heard`` holds them word for word in order, were heard with a
    probability under ``floor`` (``None`` when the phrase is not heard word for word)."""
    want = words(phrase)
    got = [(w2, p) for w, p in heard for w2 in words(w)]
    for i in range(len(got) - len(want) + 1):
        if [w for w, _ in got[i : i + len(want)]] == want:
            return sum(p < floor for _, p in got[i : i + len(want)])
    return None


def part_label(number: int, cuts: tuple[int, ...]) -> str:
    """The rows' part: which of the spans ``cuts`` (increasing call numbers) make the call is in, e.g. cuts
    (814, 886): "c01-c813", "c814-c885", "c886 on"."""
    bounds = (1, *cuts)
    k = sum(number >= c for c in cuts)
    return f"c{bounds[k]:02d}-c{cuts[k] - 1}" if k < len(cuts) else f"c{cuts[-1]} on"


def product_code(spec: str) -> tuple[str, AnalysisCache]:
    """``LABEL=DIR[:CONFIG]`` -> (label, that product's cached analyses in ``eval_calls``' cache)."""
    label, _, where = spec.partition("=")
    product, _, config = where.partition(":")
    return label, analysis_cache(Path(product).resolve(), Path(config) if config else None)


def product_text(name: str, m: dict[str, Any], finals_only: bool, code: AnalysisCache | None = None) -> str | None:
    """The product's agent transcripts timed within ``HEARD_SLACK_S`` of moment ``m``: from the events
    of product ``code`` (its cached analysis of the call, ``eval_calls.cached_analysis``), else from the call's
    newest events file."""
    newest = cached_analysis(name, code) if code is not None else newest_analysis(name)
    if newest is None or not newest.exists():
        return None
    said = []
    for line in newest.read_text(encoding="utf-8").splitlines():
        e = json.loads(line)
        if e.get("type") != "transcript" or e.get("speaker") != "agent" or (finals_only and not e.get("final")):
            continue
        said.append(
            " ".join(
                w["w"]
                for w in e.get("words", [])
                if m["start_s"] - HEARD_SLACK_S <= w["start"] <= m["end_s"] + HEARD_SLACK_S
            )
        )
    return " | ".join(said)


def decoded(
    cache: dict[str, Any], key: str, name: str, turn: dict[str, Any], opt: Option, pcm: list[np.ndarray]
) -> list[Any]:
    """The cached decode under ``key``, decoding the turn (and reading the call's agent lane into ``pcm``,
    once) when it is missing."""
    if key not in cache:
        if not pcm:
            pcm.append(agent_lane(name))
        cache[key] = decode(pcm[0], turn, opt)
    return cache[key]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--options", default="beam5,beam5+level,base5,base5+level")
    parser.add_argument("--quiet-options", default="beam5,beam5+level,base5+level")
    parser.add_argument(
        "--product", action="append", default=[], metavar="LABEL=DIR[:CONFIG]", help="a product's cached finals"
    )
    parser.add_argument("--quiet-every", type=int, default=2, help="decode every n-th agent turn of quiet calls")
    parser.add_argument(
        "--other-every", type=int, default=0, help="decode every n-th agent turn without a phrase moment (0: none)"
    )
    parser.add_argument("--split", default="814", help="call numbers the report's parts are cut at, e.g. 814,886")
    parser.add_argument("--calls", nargs="*", help="name prefixes (tuning calls only)")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "phrase_hearing.json")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--cached-only", action="store_true", help="report what --out holds, decode nothing")
    args = parser.parse_args(argv)
    cache: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    opts = options()
    products = dict(product_code(spec) for spec in args.product)
    chosen = [o for o in args.options.split(",") if o]
    quiet_chosen = [o for o in args.quiet_options.split(",") if o]
    rows: list[dict[str, Any]] = []
    quiet_rows: list[dict[str, Any]] = []
    cpu: dict[str, list[float]] = defaultdict(list)
    for name in tune_calls(args.calls):
        call, moments, turns = spans(name)
        pcm: list[np.ndarray] = []
        part = part_label(call_number(name), tuple(int(c) for c in args.split.split(",")))
        for m in moments:
            row = {
                "call": name,
                "phrase": m["phrase"],
                "kind": m["kind"],
                "voice": call["agent_voice"].split(":")[0],
                "channel": call["channel"],
                "part": part,
            }
            for finals_only, label in ((True, "product-final"), (False, "product-any")):
                text = product_text(name, m, finals_only)
                if text is not None:
                    row[label] = text
            for label, code in products.items():
                text = product_text(name, m, True, code)
                if text is not None:
                    row[label] = text
            keys = {o: f"{name}|{m['start_s']}|{o}" for o in chosen}
            if args.cached_only and not all(k in cache for k in keys.values()):
                continue
            for o in chosen:
                entry = decoded(cache, keys[o], name, m["turn"], opts[o], pcm)
                row[f"{o}#words"] = guarded(entry)
                row[o] = "".join(w for w, _ in row[f"{o}#words"]).strip()
                row[f"{o}#dropped"] = bool(entry[0].strip()) and not row[o]
                cpu[o].append(entry[1])
            rows.append(row)
        lookalike = [(t, "quiet") for t in turns[:: args.quiet_every]] if call["quiet"] else []
        if args.other_every and not call["quiet"]:
            held = {id(m["turn"]) for m in moments}
            lookalike += [(t, "other") for t in [t for t in turns if id(t) not in held][:: args.other_every]]
        for turn, source in lookalike:
            keys = {o: f"{name}|q{turn['start_s']}|{o}" for o in quiet_chosen}
            if args.cached_only and not all(k in cache for k in keys.values()):
                continue
            qrow = {"call": name, "truth": turn["text"], "source": source, "part": part}
            for o in quiet_chosen:
                entry = decoded(cache, keys[o], name, turn, opts[o], pcm)
                qrow[o] = "".join(w for w, _ in guarded(entry)).strip()
                cpu[o].append(entry[1])
            quiet_rows.append(qrow)
        if not args.cached_only:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(cache, indent=0))
    columns = ["product-final", "product-any", *products, *chosen]
    report(rows, quiet_rows, columns, quiet_chosen, cpu, args.verbose)
    return 0


def call_label(name: str) -> str:
    """A call's short label, its name up to the first underscore (``c1006_x`` -> ``c1006``, ``c10_x`` -> ``c10``)."""
    return name.split("_", 1)[0]


def false_phrases(truth: str, heard: str) -> list[str]:
    """Prompt phrases (:data:`PROMPT_PHRASES`) and :data:`HOTWORDS` words in ``heard`` that ``truth`` does
    not hold."""
    said = set(words(truth))
    return [p for p in PROMPT_PHRASES if has_phrase(p, heard) and not has_phrase(p, truth)] + sorted(
        {w for w in words(heard) if w in set(words(HOTWORDS)) and w not in said}
    )


def report(
    rows: list[dict[str, Any]],
    quiet_rows: list[dict[str, Any]],
    columns: list[str],
    quiet_columns: list[str],
    cpu: dict[str, list[float]],
    verbose: bool,
) -> None:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        groups["all"].append(r)
        groups[r["part"]].append(r)
        groups[f"voice={r['voice']}"].append(r)
        groups[f"channel={r['channel']}"].append(r)
        groups[f"kind={r['kind']}"].append(r)
    print(f"phrase moments heard (phrase found / mean word recall); {len(rows)} agent phrase moments")
    print(f"{'group':28s} {'n':>3s} " + " ".join(f"{c:>15s}" for c in columns))
    for g in sorted(groups, key=lambda g: (g != "all", not g.startswith(("below", "c")), g)):
        rs = groups[g]
        cells = []
        for c in columns:
            have = [r for r in rs if c in r]
            found = sum(has_phrase(r["phrase"], r[c]) for r in have)
            rec = np.mean([recall(r["phrase"], r[c]) for r in have]) if have else float("nan")
            cells.append(f"{found:>3d}/{len(have):<3d} {rec:5.2f}  ")
        print(f"{g:28s} {len(rs):3d} " + " ".join(f"{x:>15s}" for x in cells))
    decoded_columns = [c for c in columns if any(f"{c}#words" in r for r in rows)]
    if decoded_columns:
        print("\nheard word for word, and of those with 1 / 2+ words under each floor; decodes the guards dropped")
        for part in sorted({r["part"] for r in rows}):
            for c in decoded_columns:
                have = [r for r in rows if r["part"] == part and f"{c}#words" in r]
                cells = []
                for floor in FLOORS:
                    unsure = [unsure_in_phrase(r["phrase"], r[f"{c}#words"], floor) for r in have]
                    heard = [u for u in unsure if u is not None]
                    cells.append(f"<{floor}: {sum(u == 1 for u in heard)} / {sum(u >= 2 for u in heard)}")
                dropped = sum(r[f"{c}#dropped"] for r in have)
                print(
                    f"  {part:24s} {c:16s} heard {len(heard):3d}/{len(have):<3d} "
                    + "  ".join(cells)
                    + f"  dropped {dropped}"
                )
    if quiet_rows:
        print(f"\nagent turns without the phrase ({len(quiet_rows)}): WER, false prompt phrases / hotwords")
        for part in sorted({r["part"] for r in quiet_rows}):
            for source in ("quiet", "other"):
                qs = [r for r in quiet_rows if r["part"] == part and r["source"] == source]
                if not qs:
                    continue
                for c in quiet_columns:
                    wer = corpus_wer([(r["truth"], r[c]) for r in qs])
                    false = [(call_label(r["call"]), p) for r in qs for p in false_phrases(r["truth"], r[c])]
                    print(
                        f"  {part:24s} {source:5s} ({len(qs):3d}) {c:16s} WER {wer:.3f}  false {len(false)} {false[:6]}"
                    )
    print("\nCPU-s per decode (process time, mean over all decodes this run measured or cached):")
    for c, v in cpu.items():
        print(f"  {c:15s} {np.mean(v):.2f}")
    if verbose:
        for r in rows:
            print(f"\n{r['call']} {r['voice']}/{r['channel']} {r['phrase']!r}")
            for c in columns:
                if c in r:
                    print(f"  {'+' if has_phrase(r['phrase'], r[c]) else '-'} {c:14s} {r[c]}")


if __name__ == "__main__":
    raise SystemExit(main())
