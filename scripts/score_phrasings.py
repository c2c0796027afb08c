"""Does the AUDIO of an agent final prefer a playbook phrasing over what tiny.en decoded? A measurement (issues 9, 11).

For every agent final of the rendered tuning calls that have a recorded run (the call's newest events file in
``artifacts/calls/events``; held-out calls are never opened: :func:`eval_calls.tuning_scripts`), the final's audio
(its span with ``PRE_S`` / ``POST_S`` of real audio around it, levelled to ``[asr] agent_level_dbfs``, in the full
30 s encoder window as the product decodes a final) is encoded once by the product's tiny.en model, and
CTranslate2's ``Whisper.align`` gives each token's probability of a GIVEN text on that encoding. Scored:

* the final's own decoded text (the baseline);
* for each candidate phrasing of :data:`CANDIDATES` (short texts written from the playbook's families, not from
  the calls), the decoded text with one span of its words replaced by the candidate: the span is picked by a
  cheap spelling proposer (:func:`propose`: letter-pair overlap of the candidate with every run of the final's
  words one shorter to one longer than the candidate), the best ``--per-kind`` spans of each kind;
* on finals that hold an agent phrase moment, the moment's own phrase in the same way (an oracle: whether the
  audio prefers what was said over what was decoded at the phrase level).

The likelihood ratio of a substitution is ``sum log p(substituted) - sum log p(decoded)`` over the whole text's
tokens (the end of text is not scored), in nats; ``--measure mean``: the same per token. A candidate the final
already spells out (similarity 1) is heard already and not counted. Truth: ``eval_calls.score_call`` on the
recorded run's nudges; a final *holds* a moment of an agent kind when its span (0.5 s slack) overlaps the moment's;
the moment is *missed* when the recorded run did not nudge it. The report (``--report``) is a ROC-like table: for
each threshold on the best ratio of a kind on a final, the missed moments caught (a final holding a missed moment
of that kind passes), the nudged moments re-found, finals of must-stay-quiet calls passing (false) and other
finals passing without a moment of that kind (extra), for the calls before ``--split`` (design) and from it on
(check). ``--oracle K``: only the moments' own phrases (best of their ``K`` likeliest runs in spelling) and the
whole turn's truth text. Finals are scored in :data:`STAGES` order. CPU: process time of the encoder pass and of
the aligns, per final.

Output is counts, call numbers and seconds only: no transcript text is printed or cached (the cache in
``--out`` holds scores, candidate ids and kinds).

    nice -n 10 .venv/bin/python scripts/score_phrasings.py --first 670 --last 1053 --out artifacts/score_phrasings.json
    .venv/bin/python scripts/score_phrasings.py --report --out artifacts/score_phrasings.json --split 982
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import (  # noqa: E402
    RENDER_DIR,
    call_number,
    load_moments,
    newest_analysis,
    read_events,
    score_call,
    tuning_scripts,
)
from eval_phrase_hearing import POST_S, PRE_S, agent_lane  # noqa: E402
from probe_hearing_alternatives import Alternatives  # noqa: E402

from coach.asr.level import normalise_level  # noqa: E402
from coach.config import load_config  # noqa: E402

AGENT_KINDS = ("positive_language", "avoid_calm_down", "check_anything_else")
"""The agent's phrase moment kinds (the truth's kinds)."""

CANDIDATES: dict[str, tuple[str, ...]] = {
    "avoid_calm_down": (
        "calm down",
        "please calm down",
        "you need to calm down",
        "just calm down",
        "relax",
        "just relax",
        "take it easy",
        "take a deep breath",
        "settle down",
        "cool down",
        "chill out",
        "get a grip",
        "keep your hair on",
        "cool your jets",
        "simmer down",
        "there's no need to shout",
        "no need to get upset",
        "don't get worked up",
        "stop shouting",
        "calm yourself",
        "pipe down",
        "don't get excited",
        "steady on",
        "hold your horses",
        "don't panic",
    ),
    "check_anything_else": (
        "bye",
        "bye bye",
        "goodbye",
        "bye for now",
        "cheerio",
        "cheers",
        "take care",
        "have a good day",
        "have a nice day",
        "thanks for calling",
        "thank you for calling",
        "all the best",
        "see you",
        "ta ta",
    ),
    "positive_language": (
        "we can't do that",
        "I can't do that",
        "there's nothing I can do",
        "there's nothing we can do",
        "that's not possible",
        "we don't do that",
        "it's company policy",
        "I'm unable to help",
        "it's not my department",
        "it's not our fault",
        "you should have",
        "I can't help you with that",
        "we won't be able to",
        "that's not our problem",
    ),
    "ask": (
        "is there anything else",
        "anything else I can help with",
        "can I help with anything else",
        "is there anything else I can do for you",
    ),
}
"""Short phrasings of the families (written from the playbook's classes, not from any call's lines); ``ask``: the
"anything else?" asks (a found ask would keep a goodbye from nudging: reported apart)."""

SLACK_S = 0.5
"""A final holds a moment when their spans overlap with this much slack, s."""
SAME = 0.999
"""A proposed run at least this like its candidate in spelling is the candidate itself (already heard)."""


def _key(text: str) -> str:
    """Lower-case letters and apostrophes only (the proposer's spelling)."""
    return re.sub(r"[^a-z']", "", text.lower())


def _pairs(s: str) -> set[str]:
    return {s[i : i + 2] for i in range(len(s) - 1)} or {s}


def dice(a: str, b: str) -> float:
    """Letter-pair overlap (Dice, 0..1) of two spellings."""
    pa, pb = _pairs(_key(a)), _pairs(_key(b))
    return 2 * len(pa & pb) / (len(pa) + len(pb))


def propose(words: list[str], phrase: str) -> tuple[float, int, int]:
    """(similarity, start, end) of the run ``words[start:end]`` most like ``phrase`` in spelling, over runs one word
    shorter to one word longer than the phrase (at least one word); (0, 0, 0) for no words."""
    n = len(phrase.split())
    best = (0.0, 0, 0)
    for m in range(max(1, n - 1), n + 2):
        for i in range(0, len(words) - m + 1):
            s = dice(" ".join(words[i : i + m]), phrase)
            if s > best[0]:
                best = (s, i, i + m)
    return best


def spans(words: list[str], phrase: str, k: int) -> list[tuple[int, int]]:
    """The ``k`` runs of ``words`` most like ``phrase`` in spelling (two words shorter to two longer; all the words
    when they are fewer), best first."""
    n = len(phrase.split())
    runs = [(i, i + m) for m in range(max(1, n - 2), n + 3) for i in range(0, len(words) - m + 1)] or [(0, len(words))]
    return sorted(runs, key=lambda r: dice(" ".join(words[r[0] : r[1]]), phrase), reverse=True)[:k]


def substitute(words: list[str], start: int, end: int, phrase: str) -> str:
    """``words`` with ``words[start:end]`` replaced by ``phrase``, keeping the run's leading capital and its last
    word's trailing punctuation (Whisper's casing and punctuation, so only the words differ)."""
    head = words[start]
    text = phrase[0].upper() + phrase[1:] if head[:1].isupper() else phrase
    tail = re.search(r"[^\w']*$", words[end - 1]).group(0)
    return " ".join(words[:start] + [text + tail] + words[end:])


class Scorer:
    """Forced scores of texts on one final's audio (the engine's loaded tiny.en, one encoder pass a final)."""

    def __init__(self) -> None:
        self.alt = Alternatives(1)

    def encode(self, pcm: np.ndarray) -> Any:
        return self.alt.encode(pcm)

    def scores(self, encoded: Any, texts: list[str]) -> list[tuple[float, int]]:
        """(sum of log-probabilities, tokens) of each text's tokens (``text_token_probs``: the end of text is not
        among them), one batched align."""
        import ctranslate2

        tok = self.alt.tok
        seqs = [tok.encode(" " + t.strip()) for t in texts]
        arr = np.asarray(encoded)
        batch = ctranslate2.StorageView.from_array(np.ascontiguousarray(np.repeat(arr, len(seqs), axis=0)))
        model = self.alt.eng._model.model
        res = model.align(batch, tok.sot_sequence, seqs, self.alt.frames, median_filter_width=7)
        out = []
        for r in res:
            p = np.maximum(np.asarray(r.text_token_probs, dtype=float), 1e-12)
            out.append((float(np.sum(np.log(p))), len(p)))
        return out


def calls(first: int, last: int) -> list[str]:
    out = []
    for spec in tuning_scripts():
        n = call_number(spec.stem)
        if first <= n <= last and (RENDER_DIR / f"{spec.stem}.truth.json").exists() and newest_analysis(spec.stem):
            out.append(spec.stem)
    return sorted(out, key=call_number)


def final_audio(lane: np.ndarray, final: dict[str, Any], level: float) -> np.ndarray:
    """A final's span of the agent lane (16 kHz) with ``PRE_S`` / ``POST_S`` around it, levelled to ``level`` dBFS."""
    a = max(0, int((final["t"] - PRE_S) * 16000))
    b = min(len(lane), int((final["end"] + POST_S) * 16000))
    return normalise_level(lane[a:b], level)


def recorded(name: str) -> tuple[bool, list[dict[str, Any]], list[dict[str, Any]]]:
    """(quiet, the agent phrase moments with ``missed`` by the recorded run, the agent finals of that run)."""
    truth = json.loads((RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    events = read_events(newest_analysis(name))
    quiet = bool(truth["call"].get("quiet"))
    result = score_call(name, "tune", quiet, truth["call"].get("allow", ()), load_moments(name), events)
    agent = [
        {"kind": h.moment.kind, "start": h.moment.start_s, "end": h.moment.end_s, "missed": h.nudge is None}
        | {"phrase": h.moment.phrase}
        for h in result.hits
        if h.moment.kind in AGENT_KINDS and h.moment.speaker == "agent"
    ]
    finals = [e for e in events if e.get("type") == "transcript" and e.get("final") and e.get("speaker") == "agent"]
    return quiet, agent, finals


def holds(final: dict[str, Any], start_s: float, end_s: float) -> bool:
    """Whether ``final`` overlaps a moment's span (``SLACK_S`` either side)."""
    return start_s - SLACK_S <= final["end"] and final["t"] <= end_s + SLACK_S


def score_final(sc: Scorer, lane: np.ndarray, final: dict[str, Any], oracle: list[str], per_kind: int, level: float):
    """One final's row: baseline, the best substitutions per kind, the oracle phrases, CPU."""
    words = final["text"].split()
    t0 = time.process_time()
    encoded = sc.encode(final_audio(lane, final, level))
    t_enc = time.process_time() - t0
    subs: list[tuple[str, int, float]] = []  # (kind, candidate index, similarity)
    texts = [final["text"]]
    for kind, cands in CANDIDATES.items():
        ranked = sorted(((propose(words, c), j) for j, c in enumerate(cands)), key=lambda x: x[0][0], reverse=True)[
            :per_kind
        ]
        for (sim, i, j_end), j in ranked:
            if sim <= 0 or j_end <= i:
                continue
            texts.append(substitute(words, i, j_end, cands[j]))
            subs.append((kind, j, sim))
    for phrase in oracle:
        sim, i, j_end = propose(words, phrase)
        texts.append(substitute(words, i, j_end, phrase) if j_end > i else phrase)
    t0 = time.process_time()
    got = sc.scores(encoded, texts) if words else []
    t_align = time.process_time() - t0
    if not got:
        return None
    base, n_base = got[0]
    row = {
        "t": final["t"],
        "end": final["end"],
        "min_p": min((w.get("p", 1.0) for w in final.get("words") or []), default=1.0),
        "n_words": len(words),
        "subs": [
            [k, j, round(sim, 3), round(s - base, 3), round(s / n - base / n_base, 4)]
            for (k, j, sim), (s, n) in zip(subs, got[1 : 1 + len(subs)], strict=True)
        ],
        "oracle": [round(s - base, 3) for s, _ in got[1 + len(subs) :]],
        "cpu": [round(t_enc, 4), round(t_align, 4), len(texts)],
    }
    return row


STAGES = ("held", "quiet", "other")
"""The order finals are scored in (the machine is shared: the finals holding a moment first, then every final of
the must-stay-quiet calls, then every ``--other-every``-th other final)."""


def probe_call(name: str, sc: Scorer, per_kind: int, stage: str, other_every: int, entry: dict[str, Any]) -> None:
    """Score the finals of ``name`` that belong to ``stage`` and are not in ``entry`` yet (``entry`` updated)."""
    quiet, agent, finals = recorded(name)
    entry["quiet"] = quiet
    entry["moments"] = [[m["kind"], m["start"], m["missed"]] for m in agent]
    done = entry.setdefault("finals", {})
    lane = None
    level = load_config().asr.agent_level_dbfs
    for i, f in enumerate(finals):
        held = [m for m in agent if holds(f, m["start"], m["end"])]
        mine = "held" if held else "quiet" if quiet else "other"
        if mine != stage or str(f["t"]) in done or (stage == "other" and i % other_every):
            continue
        lane = agent_lane(name) if lane is None else lane
        row = score_final(sc, lane, f, [m["phrase"] for m in held if m["phrase"]], per_kind, level)
        if row is not None:
            row["held"] = [[m["kind"], m["start"], m["missed"]] for m in held]
            done[str(f["t"])] = row


def oracle_call(name: str, sc: Scorer, k: int) -> list[list[Any]]:
    """For each final holding an agent phrase moment: [kind, start, missed, best ratio over the ``k`` likeliest
    spans in spelling of the moment's phrase substituted, the whole turn's truth text's ratio]."""
    _, agent, finals = recorded(name)
    truth = json.loads((RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    level = load_config().asr.agent_level_dbfs
    lane = None
    out = []
    for f in finals:
        words = f["text"].split()
        for m in agent:
            if not words or not m["phrase"] or not holds(f, m["start"], m["end"]):
                continue
            lane = agent_lane(name) if lane is None else lane
            encoded = sc.encode(final_audio(lane, f, level))
            turn = min(turns, key=lambda u: max(u["start_s"] - m["start"], m["end"] - u["end_s"], 0.0))
            subs = [substitute(words, i, j, m["phrase"]) for i, j in spans(words, m["phrase"], k)]
            got = sc.scores(encoded, [f["text"], turn["text"], *subs])
            base = got[0][0]
            best = max(s for s, _ in got[2:])
            out.append([m["kind"], m["start"], m["missed"], round(best - base, 3), round(got[1][0] - base, 3)])
    return out


def oracle_report(cache: dict[str, Any], split: int) -> None:
    """The oracle's table (``--oracle`` caches): how often the audio prefers the moment's own phrase."""
    print(
        "\n== oracle: the moment's own phrase in the final (best of its likeliest spans) / the turn's whole truth text"
    )
    print("   part    kind                 finals  phrase ratio > 0  median   whole text > 0  median")
    for label, keep in (("design", lambda n: n < split), ("check", lambda n: n >= split)):
        rows = [r for n, v in cache.items() if keep(call_number(n)) for r in v]
        for kind in AGENT_KINDS:
            for missed in (True, False):
                got = [r for r in rows if r[0] == kind and r[2] == missed]
                if not got:
                    continue
                ph, wh = [r[3] for r in got], [r[4] for r in got]
                print(
                    f"   {label:7s} {kind:20s} {'missed' if missed else 'nudged'} {len(got):3d}   "
                    f"{sum(1 for x in ph if x > 0):3d}   {np.median(ph):7.2f}   {sum(1 for x in wh if x > 0):3d}   "
                    f"{np.median(wh):7.2f}"
                )


def report(cache: dict[str, Any], split: int, measure: str, gate: float) -> None:
    """The ROC-like tables, design (before ``split``) and check (from it on)."""
    col = 3 if measure == "sum" else 4
    thresholds = (
        (-12.0, -8.0, -6.0, -4.0, -3.0, -2.0, -1.0, -0.5, 0.0)
        if measure == "sum"
        else (-1.0, -0.6, -0.4, -0.3, -0.2, -0.1, -0.05, 0.0)
    )
    for label, keep in (("design", lambda n: n < split), ("check", lambda n: n >= split)):
        names = [k for k in cache if keep(call_number(k))]
        finals = [(n, f) for n in names for f in cache[n]["finals"].values() if f["min_p"] < gate]
        moments = [(n, m) for n in names for m in cache[n]["moments"]]
        missed = sum(1 for _, m in moments if m[2])
        nq = sum(1 for n, _ in finals if cache[n]["quiet"])
        print(
            f"\n== {label}: {len(names)} calls, {len(finals)} agent finals with min word p < {gate} ({nq} on quiet "
            f"calls), agent phrase moments {len(moments)} (missed by the recorded run {missed}); measure {measure}"
        )
        oracle = [max(f["oracle"]) for _, f in finals if f["oracle"] and any(h[2] for h in f["held"])]
        if oracle:
            print(
                f"   oracle (the moment's own phrase substituted), finals holding a missed moment: {len(oracle)}, "
                f"ratio > 0 on {sum(1 for o in oracle if o > 0)}, median {np.median(oracle):.2f} nats"
            )
        print("   kind                 thr    missed caught  re-found  quiet finals  other finals (no such moment)")
        for kinds in (*((k,) for k in CANDIDATES), AGENT_KINDS):
            label_k = kinds[0] if len(kinds) == 1 else "any of the three"
            for thr in thresholds:
                caught: set[tuple[str, float]] = set()
                refound: set[tuple[str, float]] = set()
                false = extra = 0
                for n, f in finals:
                    # a candidate already spelled out in the final (similarity 1) is heard already: not a second chance
                    passing = {s[0] for s in f["subs"] if s[0] in kinds and s[2] < SAME and s[col] > thr}
                    held = [h for h in f["held"] if h[0] in passing]
                    for h in held:
                        (caught if h[2] else refound).add((n, h[1]))
                    if passing - {h[0] for h in held}:
                        if cache[n]["quiet"]:
                            false += 1
                        else:
                            extra += 1
                n_missed = sum(1 for _, m in moments if m[2] and m[0] in kinds)
                print(
                    f"   {label_k:20s} {thr:6.2f}  {len(caught):3d}/{n_missed:<3d}     {len(refound):3d}      "
                    f"{false:4d}/{nq:<4d}     {extra:4d}"
                )
        cpu = [f["cpu"] for _, f in finals]
        if cpu:
            enc = np.mean([c[0] for c in cpu])
            per_text = np.sum([c[1] for c in cpu]) / max(1, np.sum([c[2] for c in cpu]))
            texts = np.mean([c[2] for c in cpu])
            print(f"   CPU per final: encoder {enc:.3f} s, align {per_text:.4f} s per text ({texts:.1f} texts)")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--first", type=int, default=670)
    ap.add_argument("--last", type=int, default=1053)
    ap.add_argument("--only", nargs="*", help="call name prefixes")
    ap.add_argument("--per-kind", type=int, default=2)
    ap.add_argument("--other-every", type=int, default=4)
    ap.add_argument("--out", type=Path, default=ROOT / "artifacts" / "score_phrasings.json")
    ap.add_argument("--report", action="store_true")
    ap.add_argument("--oracle", type=int, default=0, help="score only the moments' own phrases, over this many spans")
    ap.add_argument("--merge", nargs="*", type=Path, help="more caches to read (--report)")
    ap.add_argument("--split", type=int, default=982)
    ap.add_argument("--measure", choices=("sum", "mean"), default="sum")
    ap.add_argument("--gate", type=float, default=1.01, help="only finals whose least sure word is under this p")
    args = ap.parse_args(argv)
    cache = json.loads(args.out.read_text(encoding="utf-8")) if args.out.exists() else {}
    for extra in args.merge or ():
        cache |= json.loads(extra.read_text(encoding="utf-8"))
    if args.report and args.oracle:
        oracle_report(cache, args.split)
        return 0
    if args.report:
        report(cache, args.split, args.measure, args.gate)
        return 0
    sc = Scorer()
    if args.oracle:
        for name in calls(args.first, args.last):
            if name not in cache:
                cache[name] = oracle_call(name, sc, args.oracle)
                args.out.write_text(json.dumps(cache), encoding="utf-8")
        return 0
    names = [n for n in calls(args.first, args.last) if not args.only or any(n.startswith(o) for o in args.only)]
    for stage in STAGES:
        for name in names:
            if stage in cache.get(name, {}).get("stages", []):
                continue
            entry = cache.setdefault(name, {})
            probe_call(name, sc, args.per_kind, stage, args.other_every, entry)
            entry.setdefault("stages", []).append(stage)
            args.out.write_text(json.dumps(cache), encoding="utf-8")
            print(stage, name, len(entry["finals"]), "finals", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
