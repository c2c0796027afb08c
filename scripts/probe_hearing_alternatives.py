"""Would the decoder's own alternatives hear the playbook phrases? An offline probe (issues 9 x 11).

Every agent turn of the rendered tuning calls is decoded as the product decodes an agent final (tiny.en, beam
``[asr] final_beam_size``, the full 30 s encoder window, the lane levelled to ``[asr] agent_level_dbfs``, the turn
with 0.4 s / 0.3 s of real audio around it: ``eval_phrase_hearing``'s cut), through the product's loaded
:class:`coach.asr.engine.WhisperEngine` and its CTranslate2 model, asking for ``--n`` hypotheses of the beam
(``num_hypotheses``) instead of one. Two levers are measured:

* **n-best**: the product's wording rules (``tests.test_language_wording.kinds_fired`` and ``closing_fired``:
  a fresh ``LanguageCoach`` with the product's language settings, fed the text as one agent final) are run on
  every hypothesis. For each agent phrase moment (truth JSON, kinds positive_language / avoid_calm_down /
  check_anything_else) the probe counts whether the best hypothesis fires the moment's kind and, where it does
  not, whether a lower hypothesis does (within a per-token log-probability margin of the best: ``MARGINS``).
  For precision, each agent turn is checked for a kind that a lower hypothesis fires and the best does not
  while the turn holds no moment of that kind (split: turns of must-stay-quiet calls, and the rest).
* **forced scoring** (an oracle bound): CTranslate2's ``Whisper.align`` gives each text token's probability
  for a GIVEN text on the turn's audio. On the moments the best hypothesis misses, the truth text of the turn
  (what was said) is scored against the best hypothesis (mean log-probability per token, end of text
  included). Where the audio prefers the best hypothesis over the truth itself, no rescoring of the phrase
  table's phrasings can hear the phrase without a bias of at least that gap.

``--redecode`` (session 42): a second decode of each agent turn, tiny.en with beam 10, ``SAMPLES`` samples at
``SAMPLE_T`` and Whisper base (``--variants``), against the product's decode, by the product decode's least sure token
(``UNSURE_P`` gates): moments recovered and lost, new fires on turns without the moment, CPU per decode.
``--other-every 0`` decodes only the turns holding a moment (a recall ceiling before precision is paid for).

Two checks without decoding: ``--text-ceiling`` (the rules on the words said against the rules on the product's
finals around each moment: what recognition loses and what the rules miss even on the words said) and
``--gate-ceiling`` (the call's finals replayed with the rules' word-probability floors out of play).

CPU: the process time of the n-best generate against a one-hypothesis generate on the same encoded window
(every ``--cost-every``-th turn).

Output is counts only (call numbers, moment times, kinds): no transcript text is printed. Results are cached
per turn in ``--out`` (a re-run decodes only what is missing). Design on c666-c885, report on c886-c933
(``--split``); held-out calls are never opened (``eval_calls.tuning_scripts``).

    nice -n 10 .venv/bin/python scripts/probe_hearing_alternatives.py --calls c886 c887 ... [--n 5]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_calls import call_number  # noqa: E402
from eval_calls import newest_analysis_events as newest_events  # noqa: E402
from eval_phrase_hearing import (  # noqa: E402
    POST_S,
    PRE_S,
    RENDER,
    agent_lane,
    engine,
    part_label,
    product_text,
    tune_calls,
)

from coach.asr.engine import FULL_WINDOW_FRAMES, _token_budget  # noqa: E402
from coach.asr.level import normalise_level  # noqa: E402
from coach.config import load_config  # noqa: E402
from tests.test_language_wording import closing_fired, kinds_fired  # noqa: E402

AGENT_KINDS = ("positive_language", "avoid_calm_down", "check_anything_else")
"""The language kinds the agent's own words raise (a phrase moment of the agent)."""
MARGINS = (0.05, 0.1, 0.2, 0.5, 9.0)
"""Per-token log-probability margins below the best hypothesis a lower one may score and still count (9: any)."""


def fired(text: str) -> set[str]:
    """The agent kinds the product's wording rules raise on ``text`` as one agent final (check_anything_else:
    said after the customer spoke, no "anything else?" before it)."""
    kinds = set(kinds_fired(text)) & set(AGENT_KINDS)
    if closing_fired(text):
        kinds.add("check_anything_else")
    return kinds


class Alternatives:
    """The n-best and forced scores of one turn, on the engine's loaded model (one encoder pass)."""

    def __init__(self, n: int, model_name: str = "tiny.en") -> None:
        cfg = load_config().asr
        self.beam = cfg.final_beam_size
        self.level_dbfs = cfg.agent_level_dbfs
        self.n = n
        self.eng = engine(model_name)
        from faster_whisper.tokenizer import Tokenizer
        from faster_whisper.transcribe import get_suppressed_tokens

        model = self.eng._model
        self.tok = Tokenizer(model.hf_tokenizer, model.model.is_multilingual, task="transcribe", language="en")
        self.prompt = model.get_prompt(self.tok, [], without_timestamps=False)
        self.suppress = get_suppressed_tokens(self.tok, [-1])

    def encode(self, pcm: np.ndarray) -> Any:
        """The encoder's output for ``pcm`` in one full window, its features padded with zeros to 30 s as
        faster-whisper pads a window (a final with ``final_encoder_window_s`` 30)."""
        from faster_whisper.transcribe import pad_or_trim

        features = self.eng._model.feature_extractor(np.ascontiguousarray(pcm, dtype=np.float32))
        self.frames = min(FULL_WINDOW_FRAMES, features.shape[-1] - 1)  # faster-whisper's content frames
        return self.eng._full_encode(pad_or_trim(features[..., : self.frames])[None])

    def generate(
        self, encoded: Any, duration_s: float, n: int, beam: int | None = None, temperature: float = 0.0
    ) -> list[tuple[str, float]]:
        """(text, mean log-probability per token) of the beam's ``n`` best hypotheses, best first (``beam``: the
        product's ``final_beam_size`` unless given; ``temperature`` > 0: ``n`` samples of a one-wide search from the
        whole distribution, as faster-whisper's temperature fallback draws them, in the order drawn)."""
        budget = _token_budget(duration_s, prompted=False)
        search = (
            {"beam_size": 1, "sampling_topk": 0, "sampling_temperature": temperature}
            if temperature > 0
            else {"beam_size": beam or self.beam}
        )
        result = self.eng._model.model.generate(
            encoded,
            [list(self.prompt)],
            num_hypotheses=n,
            max_length=len(self.prompt) + budget,
            suppress_blank=True,
            suppress_tokens=self.suppress,
            return_scores=True,
            **search,
        )[0]
        out = []
        for ids, score in zip(result.sequences_ids, result.scores, strict=True):
            text = self.tok.decode([t for t in ids if t < self.tok.eot]).strip()
            out.append((text, float(score * len(ids) / (len(ids) + 1))))
        return out

    def token_probs(self, encoded: Any, text: str) -> np.ndarray:
        """Each token's probability (the end of text included) of ``text`` on the encoded audio (empty: no text)."""
        tokens = self.tok.encode(" " + text.strip())
        if not tokens:
            return np.zeros(0)
        res = self.eng._model.model.align(encoded, self.tok.sot_sequence, [tokens], self.frames, median_filter_width=7)
        return np.asarray(res[0].text_token_probs, dtype=float)

    def forced(self, encoded: Any, text: str) -> float:
        """Mean log-probability per token (the end of text included) of ``text`` on the encoded audio."""
        probs = self.token_probs(encoded, text)
        return float(np.mean(np.log(np.maximum(probs, 1e-12)))) if len(probs) else float("nan")


def turn_audio(lane: np.ndarray, turn: dict[str, Any], level_dbfs: float) -> np.ndarray:
    a = max(0, int((turn["start_s"] - PRE_S) * 16000))
    b = min(len(lane), int((turn["end_s"] + POST_S) * 16000))
    return normalise_level(lane[a:b], level_dbfs)


def probe_call(
    name: str, alt: Alternatives, cost_every: int, other_every: int, cache: dict[str, Any]
) -> dict[str, Any]:
    """Per agent turn (every turn of a quiet call or with a moment, every ``other_every``-th other turn):
    hypotheses' fired kinds and scores, the moments it holds, forced scores on misses."""
    truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
    turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    if name in cache and cache[name].get("n") == alt.n:
        return fill_forced(name, alt, turns, cache[name])
    moments = [m for m in truth["moments"] if m.get("speaker") == "agent" and m["kind"] in AGENT_KINDS]
    lane = agent_lane(name)
    rows = []
    costs = []
    quiet = bool(truth["call"].get("quiet"))
    for i, turn in enumerate(turns):
        held = [
            m
            for m in moments
            if min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0)) is turn
        ]
        if not held and not quiet and i % other_every:
            continue
        pcm = turn_audio(lane, turn, alt.level_dbfs)
        encoded = alt.encode(pcm)
        t0 = time.process_time()
        hyps = alt.generate(encoded, len(pcm) / 16000, alt.n)
        spent_n = time.process_time() - t0
        if cost_every and i % cost_every == 0:
            t0 = time.process_time()
            alt.generate(encoded, len(pcm) / 16000, 1)
            costs.append((time.process_time() - t0, spent_n))
        row = {
            "t": turn["start_s"],
            "moments": [[m["kind"], m["start_s"]] for m in held],
            "hyps": [[sorted(fired(text)), score] for text, score in hyps],
        }
        if row["moments"] and hyps:
            row["forced"] = [alt.forced(encoded, hyps[0][0]), alt.forced(encoded, turn["text"])]
        rows.append(row)
    out = {"n": alt.n, "quiet": quiet, "turns": rows, "costs": costs}
    cache[name] = out
    return out


def fill_forced(name: str, alt: Alternatives, turns: list[dict[str, Any]], entry: dict[str, Any]) -> dict[str, Any]:
    """``entry`` (a call's cached rows) with the forced scores of every turn holding a moment (a cache written
    when only the missed ones were scored)."""
    lane = None
    for row in entry["turns"]:
        if not row["moments"] or "forced" in row:
            continue
        lane = agent_lane(name) if lane is None else lane
        turn = next(u for u in turns if u["start_s"] == row["t"])
        pcm = turn_audio(lane, turn, alt.level_dbfs)
        encoded = alt.encode(pcm)
        best = alt.generate(encoded, len(pcm) / 16000, 1)[0][0]
        row["forced"] = [alt.forced(encoded, best), alt.forced(encoded, turn["text"])]
    return entry


def text_ceiling(names: list[str], cuts: tuple[int, ...]) -> None:
    """Per part: of the agent phrase moments, whether the rules fire on the truth text of the turn (what was said)
    and on the product's finals around the moment (the call's newest events file, words within 1.5 s, joined as one
    final: ``eval_phrase_hearing.product_text``); no decoding. ``truth 1 finals 0``: lost to recognition;
    ``truth 0``: the rules miss even the words said; ``(none)``: no events file, or no final word near the moment."""
    counts: dict[str, Counter] = {}
    for name in names:
        truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
        turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
        for m in truth["moments"]:
            if m.get("speaker") != "agent" or m["kind"] not in AGENT_KINDS:
                continue
            turn = min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0))
            said = product_text(name, m, True)
            heard = said is not None and m["kind"] in fired(" ".join(x for x in said.split(" | ") if x.strip()))
            key = f"truth {int(m['kind'] in fired(turn['text']))} finals {int(heard)}" + ("" if said else " (none)")
            counts.setdefault(part_label(call_number(name), cuts), Counter())[key] += 1
    for part, c in sorted(counts.items()):
        print(
            f"== {part}: rules on the words said / on the product's finals, phrase moments: {dict(sorted(c.items()))}"
        )


def gate_ceiling(names: list[str], cuts: tuple[int, ...], slack_s: float = 2.0) -> None:
    """Per part: the call's finals (its newest events file) replayed through one fresh ``LanguageCoach`` with the
    product's language settings, as heard and with every agent word's probability set to 1 (the rules' word
    probability floors, e.g. ``[positive_language] min_word_p``, out of play): agent phrase moments nudged (a nudge of
    the kind from ``slack_s`` before to ``slack_s`` after the moment) and other nudges of the agent kinds (extras;
    quiet calls apart), with the call number and second of each nudge only the floors held back."""
    from coach.language import LanguageCoach
    from tests.test_language_wording import CONFIG

    counts: dict[str, Counter] = {}
    sites: dict[str, list[str]] = {}
    for name in names:
        events = newest_events(name)
        if events is None:
            continue
        truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
        where = "quiet" if truth["call"].get("quiet") else "other"
        moments = [m for m in truth["moments"] if m.get("speaker") == "agent" and m["kind"] in AGENT_KINDS]
        finals = [e for e in events if e.get("type") == "transcript" and e.get("final")]
        part = part_label(call_number(name), cuts)
        c = counts.setdefault(part, Counter())
        c["moments"] += len(moments)
        got: dict[str, set[tuple[str, int]]] = {}
        for mode in ("as heard", "floors off"):
            coach = LanguageCoach(CONFIG)
            nudges = []
            for e in finals:
                if mode == "floors off" and e.get("speaker") == "agent":
                    e = dict(e, words=[dict(w, p=1.0) for w in e.get("words", [])])
                nudges += [(n.kind, n.start / 16000) for n in coach.push(e) if getattr(n, "kind", None) in AGENT_KINDS]

            def near(k: str, t: float, m: dict[str, Any]) -> bool:
                return k == m["kind"] and m["start_s"] - slack_s <= t <= m["end_s"] + slack_s

            c[f"{mode}: nudged"] += sum(any(near(k, t, m) for k, t in nudges) for m in moments)
            c[f"{mode}: extras {where}"] += sum(not any(near(k, t, m) for m in moments) for k, t in nudges)
            got[mode] = {(k, round(t)) for k, t in nudges}
        sites.setdefault(part, []).extend(
            f"c{call_number(name)} {k} {t}s{' (quiet)' if where == 'quiet' else ''}"
            for k, t in sorted(got["floors off"] - got["as heard"])
        )
    for part, c in sorted(counts.items()):
        print(f"== {part}: {dict(sorted(c.items()))}")
        print(f"   only with the floors off: {sites.get(part, [])}")


REDECODES = ("beam10", "sample", "sample any", "sample 2", "base")
"""Second decodes of an agent turn (``--redecode``): tiny.en with beam 10; ``SAMPLES`` samples at ``SAMPLE_T`` (the
best by mean log-probability, as faster-whisper's temperature fallback keeps one; ``sample any``: a kind any of them
fires; ``sample 2``: one at least two of them fire), seeded per call and turn (deterministic); Whisper base with the
product's beam, cut and level."""
SAMPLES = 5
SAMPLE_T = 0.5
UNSURE_P = (0.05, 0.1, 0.2, 0.3, 0.5, 1.01)
"""Gates on the product decode's least sure token (its probability, tiny.en's own forced scoring of its text):
a turn is re-decoded when that probability is under the gate (1.01: every turn)."""


def redecode_call(
    name: str,
    tiny: Alternatives,
    base: Alternatives | None,
    other_every: int,
    cache: dict[str, Any],
    variants: tuple[str, ...] = ("beam10", "sample", "base"),
) -> dict[str, Any]:
    """Per agent turn (every turn holding a moment or of a quiet call, every ``other_every``-th other turn; 0: only
    the turns holding a moment, a recall ceiling before any precision is paid for): the
    agent kinds the product decode fires, its least sure token, and the kinds and CPU of each second decode."""
    import ctranslate2

    if name in cache:
        return cache[name]
    truth = json.loads((RENDER / f"{name}.truth.json").read_text(encoding="utf-8"))
    turns = [u for u in truth["utterances"] if u["speaker"] == "agent"]
    moments = [m for m in truth["moments"] if m.get("speaker") == "agent" and m["kind"] in AGENT_KINDS]
    quiet = bool(truth["call"].get("quiet"))
    lane = agent_lane(name)
    rows = []
    for i, turn in enumerate(turns):
        held = [
            m
            for m in moments
            if min(turns, key=lambda u: max(u["start_s"] - m["start_s"], m["end_s"] - u["end_s"], 0.0)) is turn
        ]
        if not held and (other_every == 0 or (not quiet and i % other_every)):
            continue
        pcm = turn_audio(lane, turn, tiny.level_dbfs)
        dur = len(pcm) / 16000
        encoded = tiny.encode(pcm)
        t0 = time.process_time()
        text = tiny.generate(encoded, dur, 1)[0][0]
        cpu = {"product": time.process_time() - t0}
        probs = tiny.token_probs(encoded, text)
        got = {"product": sorted(fired(text))}
        if "beam10" in variants:
            t0 = time.process_time()
            got["beam10"] = sorted(fired(tiny.generate(encoded, dur, 1, beam=10)[0][0]))
            cpu["beam10"] = time.process_time() - t0
        if "sample" in variants:
            ctranslate2.set_random_seed(call_number(name) * 1000 + i)
            t0 = time.process_time()
            samples = tiny.generate(encoded, dur, SAMPLES, temperature=SAMPLE_T)
            cpu["sample"] = time.process_time() - t0
            each = [fired(t) for t, _ in samples]
            got["sample"] = sorted(each[max(range(len(samples)), key=lambda j: samples[j][1])])
            got["sample any"] = sorted(set().union(*each))
            got["sample 2"] = sorted(k for k in AGENT_KINDS if sum(k in e for e in each) >= 2)
        if "base" in variants:
            t0 = time.process_time()
            got["base"] = sorted(fired(base.generate(base.encode(pcm), dur, 1)[0][0]))
            cpu["base"] = time.process_time() - t0  # its encoder pass included
        rows.append(
            {
                "t": turn["start_s"],
                "moments": [[m["kind"], m["start_s"]] for m in held],
                "least_p": float(probs.min()) if len(probs) else 0.0,
                "fired": got,
                "cpu": cpu,
            }
        )
    cache[name] = {"quiet": quiet, "turns": rows}
    return cache[name]


def redecode_report(results: dict[str, dict[str, Any]], cuts: tuple[int, ...]) -> None:
    """Per part and gate: turns re-decoded, and per second decode (its text replacing the product's): moments
    recovered and lost, and new fires on turns without that moment (quiet calls apart); CPU per decode."""
    parts: dict[str, list[str]] = {}
    for name in results:
        parts.setdefault(part_label(call_number(name), cuts), []).append(name)
    for part, names in sorted(parts.items()):
        rows = [(results[n]["quiet"], n, r) for n in names for r in results[n]["turns"]]
        moments = sum(len(r["moments"]) for _, _, r in rows)
        heard = sum(k in r["fired"]["product"] for _, _, r in rows for k, _ in r["moments"])
        print(
            f"== {part}: {len(names)} calls, {len(rows)} agent turns ({sum(q for q, _, _ in rows)} on quiet calls),"
            f" moments {moments}, the product decode fires {heard}"
        )
        for gate in UNSURE_P:
            gated = [(q, n, r) for q, n, r in rows if r["least_p"] < gate]
            line = [f"  least token p < {gate:g}: {len(gated)} turns"]
            for v in [v for v in REDECODES if all(v in r["fired"] for _, _, r in rows)]:
                c = Counter()
                for q, _n, r in gated:
                    held = {k for k, _ in r["moments"]}
                    for k in held:
                        c["+"] += k in r["fired"][v] and k not in r["fired"]["product"]
                        c["-"] += k not in r["fired"][v] and k in r["fired"]["product"]
                    new = set(r["fired"][v]) - set(r["fired"]["product"]) - held
                    c["quiet" if q else "other"] += len(new)
                line.append(f"{v} +{c['+']} -{c['-']} new q{c['quiet']}/o{c['other']}")
            print("  ".join(line))
        cpu = (
            {k: np.mean([r["cpu"][k] for _, _, r in rows if k in r["cpu"]]) for k in rows[0][2]["cpu"]} if rows else {}
        )
        print("  CPU s per decode: " + "  ".join(f"{k} {v:.3f}" for k, v in cpu.items()))
        sites = [
            f"{'+' if k in r['fired'][v] else '-'}{v} {k} c{call_number(n)} {r['t']:.1f}s p{r['least_p']:.2f}"
            for _, n, r in rows
            for k, _ in r["moments"]
            for v in REDECODES
            if v in r["fired"] and (k in r["fired"][v]) != (k in r["fired"]["product"])
        ]
        print(f"  moment changes: {sites}")


def report(results: dict[str, dict[str, Any]], cuts: tuple[int, ...]) -> None:
    parts: dict[str, list[str]] = {}
    for name in results:
        parts.setdefault(part_label(call_number(name), cuts), []).append(name)
    for part, names in sorted(parts.items()):
        moments = Counter()
        lower = {m: Counter() for m in MARGINS}
        false = {m: Counter() for m in MARGINS}
        turns = Counter()
        gaps: list[float] = []  # truth - best on turns whose moment the best hypothesis misses
        gaps_heard: list[float] = []  # ... and on turns whose moments it fires
        costs: list[tuple[float, float]] = []
        sites: list[str] = []  # call and turn start of each catch / false fire at any margin (no text)
        for name in names:
            r = results[name]
            costs += [tuple(c) for c in r["costs"]]
            where = "quiet" if r["quiet"] else "other"
            for row in r["turns"]:
                turns[where] += 1
                best, score0 = set(row["hyps"][0][0]), row["hyps"][0][1]
                held = {k for k, _ in row["moments"]}
                for kind, _ in row["moments"]:
                    moments[f"{kind} n"] += 1
                    if kind in best:
                        moments[f"{kind} best"] += 1
                        continue
                    for margin in MARGINS:
                        if any(kind in set(k) and score0 - s <= margin for k, s in row["hyps"][1:]):
                            lower[margin][kind] += 1
                            if margin == MARGINS[-1]:
                                sites.append(f"+{kind} c{call_number(name)} {row['t']:.1f}s")
                if "forced" in row:
                    heard = all(k in best for k, _ in row["moments"])
                    (gaps_heard if heard else gaps).append(row["forced"][1] - row["forced"][0])
                for margin in MARGINS:
                    new = set()
                    for k, s in row["hyps"][1:]:
                        if score0 - s <= margin:
                            new |= set(k) - best - held
                    for kind in new:
                        false[margin][f"{where} {kind}"] += 1
                        if margin == MARGINS[-1]:
                            sites.append(f"false {kind} c{call_number(name)} {row['t']:.1f}s ({where})")
        print(f"== {part}: {len(names)} calls, agent turns {dict(turns)}")
        for kind in AGENT_KINDS:
            n, b = moments[f"{kind} n"], moments[f"{kind} best"]
            if n:
                extra = "  ".join(f"<={m:g}: +{lower[m][kind]}" for m in MARGINS)
                print(f"  {kind:20s} moments {n:3d}  best fires {b:3d}  a lower hypothesis fires  {extra}")
        for margin in MARGINS:
            print(f"  new fires of a lower hypothesis, no such moment (margin <= {margin:g}): {dict(false[margin])}")
        print(f"  where (any margin): {sites}")
        for label, g in (("missed", np.array(gaps)), ("fired", np.array(gaps_heard))):
            if not len(g):
                continue
            print(
                f"  forced (truth - best, log-p per token), {len(g)} {label} turns: median {np.median(g):+.3f}"
                f"  truth preferred {int((g > 0).sum())}  within 0.1: {int((g > -0.1).sum())}"
                f"  within 0.3: {int((g > -0.3).sum())}"
            )
        if costs:
            c = np.array(costs)
            print(f"  CPU s per final ({len(c)} turns): 1 hypothesis {c[:, 0].mean():.3f}  n-best {c[:, 1].mean():.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--calls", nargs="*", help="name prefixes (tuning calls only)")
    parser.add_argument("--n", type=int, default=5, help="hypotheses per final (at most the beam)")
    parser.add_argument("--cost-every", type=int, default=8, help="time a one-hypothesis generate every n-th turn")
    parser.add_argument("--other-every", type=int, default=2, help="decode every n-th turn without a moment")
    parser.add_argument("--split", default="886", help="call numbers the parts are cut at")
    parser.add_argument("--first", type=int, default=666, help="lowest call number")
    parser.add_argument("--last", type=int, default=10**6, help="highest call number")
    parser.add_argument("--out", type=Path, default=ROOT / "artifacts" / "hearing_alternatives.json")
    parser.add_argument("--cached-only", action="store_true")
    parser.add_argument("--text-ceiling", action="store_true", help="only the rules on truth text vs product finals")
    parser.add_argument("--gate-ceiling", action="store_true", help="only the finals replayed with word floors off")
    parser.add_argument("--redecode", action="store_true", help="second decodes (beam 10, samples, base) instead")
    parser.add_argument("--variants", default="beam10,sample,base", help="--redecode's second decodes (comma list)")
    args = parser.parse_args(argv)
    cache: dict[str, Any] = json.loads(args.out.read_text()) if args.out.exists() else {}
    names = [
        n
        for n in tune_calls(args.calls)
        if args.first <= call_number(n) <= args.last and (RENDER / f"{n}.flac").exists()
    ]
    cuts = tuple(int(c) for c in args.split.split(","))
    if args.text_ceiling or args.gate_ceiling:
        (text_ceiling if args.text_ceiling else gate_ceiling)(names, cuts)
        return 0
    if args.redecode:
        variants = tuple(args.variants.split(","))
        tiny = None if args.cached_only else Alternatives(1)
        base = Alternatives(1, "base") if tiny is not None and "base" in variants else None
        for name in names:
            if tiny is not None:
                redecode_call(name, tiny, base, args.other_every, cache, variants)
                args.out.parent.mkdir(parents=True, exist_ok=True)
                args.out.write_text(json.dumps(cache))
        redecode_report({n: cache[n] for n in names if n in cache}, cuts)
        return 0
    alt = None if args.cached_only else Alternatives(args.n)
    results = {}
    for name in names:
        if alt is None:
            if name in cache:
                results[name] = cache[name]
            continue
        results[name] = probe_call(name, alt, args.cost_every, args.other_every, cache)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(cache))
    report(results, cuts)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
