#!/usr/bin/env python
"""Angry openers within 3 s: a first-turn loudness prior and opener-head variants, judged leave-one-part-out.

Usage: ``.venv/bin/python scripts/eval_escalation_openers.py
loudness|head|loss|delight|emodb|release|timing|onset|agent|later [--from N] [--below N]``

Issue 10 (models/arousal.md, session 36, E40). Counts only: no transcript text is printed.

- ``loudness``: every analysed tuning call (a rendering and a full analysis in ``artifacts/calls/``, call number in
  ``[--from, --below)``) whose script states the first customer turn's mood; the customer's prosody reports in that
  turn's first ``ONSET_S`` seconds (the events of its latest full analysis: the product's level handling, the line
  included). A *first-turn prior* counts the turn loud when its loudest report is ``threshold`` dB over a population
  baseline. Two baselines: one for every call (absolute dBFS), and one per line kind (the median of the calm and
  upset first turns of the same ``channel``, telephone or wideband). Leave-one-part-out: for each part of 24 calls,
  the baseline and the threshold (the lowest that leaves every other-mood opener of the other parts under it) come
  from the other parts; the part is then scored. Printed per part and pooled: angry openers over the threshold,
  other moods over it (their call numbers).
- ``head``: E39's opener anger head (:mod:`coach.classify.opener_head`) and variants against the lively happy
  opener, each fitted on the first customer turns' script text of every tuning script outside the scored part
  (prefixes of 4, 6, 8 words, as ``scripts/train_opener_head.py``), then read on what the transcriber had heard
  surely in that part's analysed first turns, partial by partial, as the stage does (``opener_head_p``: the words of
  probability >= 0.35, three or more, partials within 4 s of the utterance's start until the first final; a reading
  agreed by two successive partials; a prosody report of the turn at ``--dbfs``). An angry opener counts when it
  fires within 3 s, another mood whenever it fires. Variants: ``angry`` (E39's head), ``angry*(1-happy)`` (a second
  head, happy against the rest, releases), ``multinomial`` (P(angry) of a four-mood head), ``angry-vs-calm/upset
  *(1-happy)`` (the anger head fitted without happy openers, then released by the happy head).
- ``loss``: where the angry turns of the analysed calls lose their first 3 s, by class (session 35's table): the
  level within ``ONSET_S`` from the escalation events of each call's latest full analysis; a turn still calm then had
  no words heard by +3 s, words without a lexicon marker heard surely (and whether the script's words of its first
  ~2.5 s hold one: if so, the transcriber lost it) or a marker heard and still calm. Per part, openers and mid-call.
- ``delight``: a happy-vs-rest head on the whole customer turn's embedding (every tuning script's customer turns that
  state a mood, fitted without the scored part): how often it reads each mood's turns happy, beside the lexicon's
  ``pleasant()``; and the analysed calls' customer finals by the stage's calm-words band (text anger and markers), with
  the head's reading of the happy finals that fall in the band of "a little anger" (no evidence either way).
- ``emodb``: whether EmoDB can judge an absolute-level prior on real voices: per clip (anger, happiness,
  neutral), the peak and the active speech level; ROC AUC of the level, anger against neutral and happiness.

- ``release`` (session 37, E41): what took each analysed first turn that states a mood to "tense" before or at the
  customer's first final (the drivers of the first such escalation event of the latest full analysis): ``words``
  (a marker or word evidence), ``raised`` (louder than their own level), ``loud`` (a prosody report of the turn at
  ``A`` >= ``voice_confirm_loud``), else ``held voice`` (the voice alone); ``at the final`` when the rise came with the
  first final. Per part, by mood, with the call numbers of the voice-only ones.
- ``timing`` (session 37, E41): when the angry first turns' grievance words are said and when the product could read
  them: a lexicon marker in the script text and where (the word's share of the turn's length), the first partial
  and the first one with a marker heard surely, the first final; and, over every customer word of those calls, how
  long after it ends it first shows in a partial and is committed. Seconds after the turn's start.

- ``onset`` (session 41, E45): per analysed first turn that is angry or happy, what the product had of it by +3 s
  (level, score, voice ``V``, loudest report, words heard surely, markers) and when its first marker counted; per
  part, the angry openers against the quiet part's happy openers' loudness.

- ``agent`` (session 43, E47): per analysed call whose first customer turn states a mood, that turn against the
  agent's greeting: its loudest prosody report by +3 s minus the median of the agent's reports before the turn's
  start (dB), whether a partial of it by +3 s held a greeting word among its first three words
  (:data:`coach.classify.opener_loud.GREETINGS`), and when the "opens loud" conditions (``opener_loud_db``,
  ``opener_loud_words``, ``opener_loud_agent_floor_dbfs``) first held within ``complaint_onset_s`` (offline, from
  the events). Per part: angry openers met by +3 s, other first turns met at all (call numbers), the ranges of dB
  over the agent.

- ``later`` (session 44, E48): in each analysed call whose first customer turn is angry and opened loud (its loudest
  report by +3 s at least ``opener_loud_db`` over the median of the agent's reports before it), the later customer
  turns' loudest report by +3 s over that same agent level, by the turn's mood: how many reach ``opener_loud_db``.
  Such a caller's own level is learnt while they shout, so their later shouts are not "louder than their own level".

Reproduces session 36's figures in models/arousal.md, session 35's loss table (``loss``, levels of the latest full
analyses) and its "Why off" offline line (``head``, variant ``angry``, ``--thresholds 0.68``).
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import eval_call_escalation as E  # noqa: E402
import eval_calls as C  # noqa: E402
from train_opener_head import PREFIXES, REG_C, part_of  # noqa: E402  (c01-c237 one part, then parts of 24 calls)
from train_opener_head import openers as script_openers  # noqa: E402

ONSET_S = 3.0
"""An angry opener should reach "tense" within this many seconds of the turn's start (eval_call_escalation)."""
SURE_P = 0.35  # [escalation] partial_marker_min_p
ONSET_WINDOW_S = 4.0  # [escalation] complaint_onset_s


def lowest_clean_threshold(other: Iterable[float], step: float = 0.05) -> float:
    """The lowest threshold that leaves every value of ``other`` (other-mood openers) under it."""
    values = list(other)
    return (max(values) if values else -np.inf) + step


def channel_baselines(rows: Sequence[dict[str, Any]]) -> dict[str, float]:
    """Median loudest first-3-s report of the calm and upset first turns, per ``channel``."""
    out = {}
    for channel in sorted({r["channel"] for r in rows}):
        calm = [r["loudest"] for r in rows if r["channel"] == channel and r["mood"] in ("calm", "upset")]
        out[channel] = float(np.median(calm)) if calm else float(np.median([r["loudest"] for r in rows]))
    return out


def prior_lopo(rows: Sequence[dict[str, Any]], per_channel: bool) -> list[dict[str, Any]]:
    """Leave-one-part-out figures of the first-turn loudness prior: one dict per part."""
    out = []
    for part in sorted({r["part"] for r in rows}):
        train = [r for r in rows if r["part"] != part]
        test = [r for r in rows if r["part"] == part]
        base = channel_baselines(train) if per_channel else {}

        def over(r: dict[str, Any], base: dict[str, float] = base) -> float:
            return r["loudest"] - base.get(r["channel"], 0.0)

        threshold = lowest_clean_threshold(over(r) for r in train if r["mood"] != "angry")
        angry = [r for r in test if r["mood"] == "angry"]
        other = [r for r in test if r["mood"] != "angry"]
        out.append(
            {
                "part": part,
                "threshold": round(threshold, 2),
                "angry": sum(over(r) >= threshold for r in angry),
                "angry_n": len(angry),
                "other": [r["n"] for r in other if over(r) >= threshold],
                "other_n": len(other),
            }
        )
    return out


def first_turns(first: int, below: int, with_partials: bool) -> list[dict[str, Any]]:
    """Per analysed call in ``[first, below)`` whose first customer turn states a mood: number, mood, channel,
    quiet, the loudest prosody report of its first ``ONSET_S`` s and, with ``with_partials``, the first turn's
    stream of ``(seconds after its start, "db", level, None)`` and ``(..., "words", sure words, utt)`` until the
    first final (the words never leave this process)."""
    out = []
    for name, call in sorted(E.calls_to_score().items()):
        n = C.call_number(name)
        if not first <= n < below or not (C.RENDER_DIR / f"{name}.truth.json").is_file():
            continue
        if not (C.RENDER_DIR / f"{name}.flac").is_file():
            continue
        latest = E.replay_files(name)[1]
        moments = E.call_moments(name)
        if latest is None or not moments or moments[0]["mood"] is None:
            continue
        truth = json.loads((C.RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
        customer = [u for u in truth["utterances"] if u["speaker"] == "customer"]
        start = moments[0]["start_s"]
        if not customer or abs(customer[0]["start_s"] - start) > 0.01:
            continue
        events = [json.loads(line) for line in latest.read_text(encoding="utf-8").splitlines() if line.strip()]
        events = sorted(
            (e for e in events if e.get("speaker") == "customer" and e["type"] in ("prosody", "transcript")),
            key=lambda e: float(e["at"]),
        )
        levels = [
            float(e["loudness_db"])
            for e in events
            if e["type"] == "prosody"
            and e.get("loudness_db") is not None
            and start <= float(e["at"]) <= start + ONSET_S
        ]
        row = {
            "n": n,
            "part": part_of(n),
            "mood": moments[0]["mood"],
            "channel": call.get("channel", "telephone"),
            "quiet": bool(call.get("quiet", False)),
            "loudest": max(levels) if levels else None,
        }
        if with_partials:
            row["stream"] = first_turn_stream(events, start)
        out.append(row)
    return out


def first_turn_stream(events: Sequence[dict[str, Any]], start: float) -> list[tuple[float, str, Any, Any]]:
    """The first turn's loudness reports and surely heard partial words (see :func:`first_turns`)."""
    stream: list[tuple[float, str, Any, Any]] = []
    for e in events:
        at = float(e["at"])
        if at < start - 0.3:
            continue
        if e["type"] == "prosody":
            if e.get("loudness_db") is not None:
                stream.append((at - start, "db", float(e["loudness_db"]), None))
            continue
        if e.get("final"):
            break
        if at - float(e.get("t", 0.0)) > ONSET_WINDOW_S:
            continue
        words = [str(w["w"]) for w in e.get("words") or [] if float(w.get("p", 1.0)) >= SURE_P]
        if len(words) >= 3:
            stream.append((at - start, "words", " ".join(words), e.get("utt")))
    return stream


def fires_at(stream: Sequence[tuple[float, str, Any, Any]], threshold: float, dbfs: float) -> float | None:
    """When the stage's opener rule fires on a stream of ``db`` levels and ``read`` scores (the reading agreed by two
    successive partials of one utterance, the lower of the two, at ``threshold`` while a report is at ``dbfs``)."""
    loudest, agreed, seen = -np.inf, -np.inf, None
    for at, kind, value, utt in stream:
        if kind == "db":
            loudest = max(loudest, value)
        else:
            if seen is not None and seen[0] == utt:
                agreed = max(agreed, min(value, seen[1]))
            seen = (utt, value)
        if agreed >= threshold and loudest >= dbfs:
            return at
    return None


def fit_variants(x: np.ndarray, moods: np.ndarray) -> dict[str, Callable[[np.ndarray], np.ndarray]]:
    """The head variants (name -> P(angry) of embeddings), fitted on ``x`` labelled with ``moods``."""
    from sklearn.linear_model import LogisticRegression

    def lr() -> LogisticRegression:
        return LogisticRegression(C=REG_C, max_iter=3000, class_weight="balanced")

    angry = lr().fit(x, moods == "angry")
    happy = lr().fit(x, moods == "happy")
    multi = lr().fit(x, moods)
    keep = moods != "happy"
    angry_nh = lr().fit(x[keep], moods[keep] == "angry")
    k = list(multi.classes_).index("angry")

    def hp(e: np.ndarray) -> np.ndarray:
        return happy.predict_proba(e)[:, 1]

    return {
        "angry": lambda e: angry.predict_proba(e)[:, 1],
        "angry*(1-happy)": lambda e: angry.predict_proba(e)[:, 1] * (1 - hp(e)),
        "multinomial": lambda e: multi.predict_proba(e)[:, k],
        "angry-vs-calm/upset*(1-happy)": lambda e: angry_nh.predict_proba(e)[:, 1] * (1 - hp(e)),
    }


def run_head(first: int, below: int, dbfs: float, thresholds: Sequence[float]) -> None:
    from coach.classify.minilm import get_embedder

    embedder = get_embedder()
    openers = script_openers(below)
    numbers = np.array([n for n, _, _ in openers])
    moods = np.array([m for _, m, _ in openers])
    parts = np.array([part_of(n) for n in numbers])
    x = {k: embedder.embed([" ".join(t.split()[:k]) for _, _, t in openers]) for k in PREFIXES}
    calls = first_turns(first, below, with_partials=True)
    texts = sorted({v for c in calls for _, kind, v, _ in c["stream"] if kind == "words"})
    heard = dict(zip(texts, embedder.embed(texts), strict=True)) if texts else {}
    scored: dict[str, list[dict[str, Any]]] = {}
    on_text: dict[str, np.ndarray] = {}  # each script opener's first 4 words read by the heads fitted without its part
    for part in sorted(set(parts) | {c["part"] for c in calls}):
        train = parts != part
        variants = fit_variants(np.concatenate([x[k][train] for k in PREFIXES]), np.tile(moods[train], len(PREFIXES)))
        for name, head in variants.items():
            on_text.setdefault(name, np.zeros(len(moods)))[~train] = head(x[4][~train]) if (~train).any() else []
        for c in (c for c in calls if c["part"] == part):
            for name, head in variants.items():
                stream = [
                    (at, kind, float(head(heard[v].reshape(1, -1))[0]) if kind == "words" else v, utt)
                    for at, kind, v, utt in c["stream"]
                ]
                scored.setdefault(name, []).append({**c, "stream": stream})
    print(
        f"opener head variants, leave-one-part-out ({len(openers)} script openers c01-c{below - 1}; "
        f"{len(calls)} analysed first turns c{first}-c{below - 1}; a report at >= {dbfs} dBFS)"
    )
    for name, rows in scored.items():
        print(f"  {name}: {auc_line(moods, on_text[name], rows)}")
        for threshold in thresholds:
            angry = [c for c in rows if c["mood"] == "angry"]
            hit = [c["n"] for c in angry if (t := fires_at(c["stream"], threshold, dbfs)) is not None and t <= ONSET_S]
            other = [c for c in rows if c["mood"] != "angry"]
            false = [
                f"c{c['n']}{'q' if c['quiet'] else ''}"
                for c in other
                if fires_at(c["stream"], threshold, dbfs) is not None
            ]
            print(
                f"  {name:30s} >= {threshold:.2f}: angry {len(hit)}/{len(angry)} within 3 s; other moods "
                f"{len(false)}/{len(other)} {' '.join(false)}"
            )


def auc_line(moods: np.ndarray, on_text: np.ndarray, rows: Sequence[dict[str, Any]]) -> str:
    """ROC AUC, angry against happy and against every other mood: on the script openers' first 4 words and on the
    highest reading of the analysed first turns' heard words within ``ONSET_S``."""
    from sklearn.metrics import roc_auc_score

    def auc(labels: Sequence[str], scores: Sequence[float], against: tuple[str, ...]) -> str:
        pairs = [(m == "angry", v) for m, v in zip(labels, scores, strict=True) if m == "angry" or m in against]
        return f"{roc_auc_score([a for a, _ in pairs], [v for _, v in pairs]):.3f}"

    heard = [max((v for at, kind, v, _ in c["stream"] if kind == "words" and at <= ONSET_S), default=0.0) for c in rows]
    labels = [c["mood"] for c in rows]
    others = ("calm", "happy", "upset")
    return (
        f"AUC angry vs happy / vs all: script text {auc(moods, on_text, ('happy',))} / {auc(moods, on_text, others)}, "
        f"heard by +3 s {auc(labels, heard, ('happy',))} / {auc(labels, heard, others)}"
    )


def run_loudness(first: int, below: int) -> None:
    rows = [r for r in first_turns(first, below, with_partials=False) if r["loudest"] is not None]
    counts = Counter(r["mood"] for r in rows)
    print(
        f"first-turn loudness prior, leave-one-part-out: {len(rows)} analysed first turns c{first}-c{below - 1} "
        f"({', '.join(f'{k} {v}' for k, v in sorted(counts.items()))})"
    )
    for per_channel in (False, True):
        label = "per-line-kind baseline" if per_channel else "one baseline (absolute dBFS)"
        figures = prior_lopo(rows, per_channel)
        for f in figures:
            print(
                f"  {label}, part c{f['part']}: threshold {f['threshold']:+.2f}; angry {f['angry']}/{f['angry_n']}, "
                f"other moods {len(f['other'])}/{f['other_n']} {' '.join(f'c{n}' for n in f['other'])}"
            )
        print(
            f"  {label}, pooled: angry {sum(f['angry'] for f in figures)}/{sum(f['angry_n'] for f in figures)}, "
            f"other moods {sum(len(f['other']) for f in figures)}/{sum(f['other_n'] for f in figures)}"
        )
    quiet_happy = [r["loudest"] for r in rows if r["mood"] == "happy" and r["quiet"] and r["loudest"] >= -23.0]
    angry_loud = [r["loudest"] for r in rows if r["mood"] == "angry" and r["loudest"] >= -23.0]
    happy_text = ", ".join(f"{v:.1f}" for v in quiet_happy)
    span = f"{min(angry_loud, default=0):.1f}..{max(angry_loud, default=0):.1f}"
    print(f"  at >= -23 dBFS: angry {len(angry_loud)} ({span}), quiet happy openers {len(quiet_happy)} ({happy_text})")


def loss_class(opener: bool, heard: Sequence[dict[str, Any]], script_words: Sequence[str], duration_s: float) -> str:
    """The class of an angry turn still calm at +3 s: ``heard`` its customer transcripts of the first 3 s."""
    from coach.classify.lexicon import default_lexicon
    from coach.classify.stage import _heard_p, _word_of_token

    lexicon = default_lexicon()
    with_words = [x for x in heard if x.get("words") or x.get("text")]
    marked = False
    for x in with_words:
        words = x.get("words") or []
        text = " ".join(str(w["w"]) for w in words) if words else str(x.get("text", ""))
        where = _word_of_token(words) if words else None
        for hit in lexicon.find(text):
            if (_heard_p(hit, where, words) if words else 1.0) >= SURE_P:
                marked = True
    said = max(1, round(len(script_words) * min(1.0, 2.5 / max(duration_s, 0.1))))
    if not with_words:
        kind = "no words heard by +3 s"
    elif marked:
        kind = "a marker heard, still calm"
    elif lexicon.find(" ".join(script_words[:said])):
        kind = "a marker said, lost by the transcriber"
    else:
        kind = "words, no marker"
    return ("opener: " if opener else "mid-call: ") + kind


def run_loss(first: int, below: int) -> None:
    table: dict[str, Counter[str]] = {}
    for _name, n, events, moments in _analysed(first, below):
        levels = [(float(e["at"]), e["level"]) for e in events if e["type"] == "escalation"]
        row = table.setdefault(f"c{part_of(n)}", Counter())
        for i, m in enumerate(moments):
            if m["mood"] != "angry":
                continue
            start = m["start_s"]
            row["angry"] += 1
            if any(start <= t <= start + ONSET_S and lv != "calm" for t, lv in levels):
                row["tense within 3 s"] += 1
                continue
            heard = [
                e
                for e in events
                if e["type"] == "transcript"
                and e.get("speaker") == "customer"
                and start - 0.3 <= float(e["at"]) <= start + ONSET_S
            ]
            row[loss_class(i == 0, heard, m["text"].split(), m["end_s"] - start)] += 1
    for part, row in table.items():
        rest = "; ".join(f"{k} {v}" for k, v in sorted(row.items()) if k not in ("angry", "tense within 3 s"))
        print(f"  part {part}: angry {row['angry']}, tense within 3 s {row['tense within 3 s']}; {rest}")


def script_turns_with_mood(below: int) -> list[tuple[int, str, str]]:
    """(call number, mood, text) of every customer turn that states a mood in the tuning scripts below ``below``."""
    out = []
    for path in C.tuning_scripts():
        if C.call_number(path.stem) >= below:
            continue
        script = tomllib.loads(path.read_text(encoding="utf-8"))
        if "call" in script:
            out += [
                (C.call_number(path.stem), t["mood"], t["text"])
                for t in script.get("turn", [])
                if t.get("speaker") == "customer" and "mood" in t and "text" in t
            ]
    return out


def words_band(p: float, marked: bool, floor: float = 0.08, ceiling: float = 0.45) -> str:
    """The stage's calm-words reading of a final (``[escalation] words_floor``, ``words_ceiling``): ``anger`` (a
    marker or text anger from midway), ``little`` (no evidence either way) or ``calm``."""
    if marked or p >= (floor + ceiling) / 2:
        return "anger"
    return "little" if p >= floor else "calm"


def run_delight(first: int, below: int) -> None:
    from sklearn.linear_model import LogisticRegression

    from coach.classify.lexicon import default_lexicon, pleasant
    from coach.classify.minilm import get_embedder
    from coach.classify.text_anger import TextAngerScorer

    embedder, lexicon = get_embedder(), default_lexicon()
    turns = script_turns_with_mood(below)
    moods = np.array([m for _, m, _ in turns])
    parts = np.array([part_of(n) for n, _, _ in turns])
    x = embedder.embed([t for _, _, t in turns])
    heads: dict[int, Any] = {}
    for part in sorted(set(parts)):
        heads[part] = LogisticRegression(C=REG_C, max_iter=3000, class_weight="balanced").fit(
            x[parts != part], moods[parts != part] == "happy"
        )
    p = np.zeros(len(turns))
    for part, head in heads.items():
        p[parts == part] = head.predict_proba(x[parts == part])[:, 1]
    said = np.array([pleasant(t) and not lexicon.find(t) for _, _, t in turns])
    print(f"delight, leave-one-part-out on script text ({len(turns)} customer turns with a mood, c01-c{below - 1}):")
    for mood in ("angry", "upset", "calm", "happy"):
        k = moods == mood
        at = ", ".join(f">= {t}: {np.mean(p[k] >= t):.3f}" for t in (0.6, 0.7, 0.8, 0.9))
        print(f"  {mood} {k.sum()}: happy head {at}; lexicon pleasant() {np.mean(said[k]):.3f}")
    scorer = TextAngerScorer()
    bands: dict[str, Counter[str]] = {}
    little: list[str] = []
    for name in sorted(E.calls_to_score()):
        n = C.call_number(name)
        if not first <= n < below or not (C.RENDER_DIR / f"{name}.flac").is_file():
            continue
        latest = E.replay_files(name)[1]
        if latest is None or not (C.RENDER_DIR / f"{name}.truth.json").is_file():
            continue
        moments = [m for m in E.call_moments(name) if m["mood"]]
        for line in latest.read_text(encoding="utf-8").splitlines():
            e = json.loads(line) if line.strip() else {}
            if e.get("type") != "transcript" or e.get("speaker") != "customer" or not e.get("final"):
                continue
            text, t = str(e.get("text", "")), float(e.get("t", e["at"]))
            m = next((m for m in moments if m["start_s"] - 0.5 <= t <= m["end_s"] + 0.5), None)
            if m is None or not text.strip():
                continue
            band = words_band(scorer.score(text).p, bool(lexicon.find(text)))
            bands.setdefault(m["mood"], Counter())[band] += 1
            if band == "little" and m["mood"] == "happy":
                reading = heads[part_of(n)].predict_proba(embedder.embed([text]))[0, 1]
                little.append(f"c{n} {reading:.2f}")
    print(f"  customer finals of the analysed calls c{first}-c{below - 1} by the stage's calm-words band:")
    for mood, c in sorted(bands.items()):
        print(f"    {mood}: {', '.join(f'{k} {v}' for k, v in sorted(c.items()))}")
    print(f"    happy finals in the 'little' band, happy head (fitted without their part): {', '.join(little) or '-'}")


def run_emodb(data: Path) -> None:
    from sklearn.metrics import roc_auc_score

    from coach.dsp.loudness import level_dbfs
    from training.datasets import emodb_clips, load_audio

    rows = []
    for clip in emodb_clips(data):
        if clip.emotion not in "WFN":
            continue
        pcm = load_audio(clip.path)
        frames = np.array([level_dbfs(pcm[i : i + 512]) for i in range(0, len(pcm) - 512, 512)])
        active = frames[frames >= max(frames.max() - 30.0, -55.0)]
        rows.append((clip.emotion, float(np.abs(pcm).max()), float(10 * np.log10(np.mean(10 ** (active / 10))))))
    for emotion, label in (("W", "anger"), ("F", "happiness"), ("N", "neutral")):
        peak = [p for e, p, _ in rows if e == emotion]
        level = [v for e, _, v in rows if e == emotion]
        print(
            f"  EmoDB {label}: {len(level)} clips, median peak {np.median(peak):.3f}, "
            f"median active level {np.median(level):.1f} dBFS"
        )
    for a, b in (("W", "N"), ("W", "F")):
        sel = [(e == a, v) for e, _, v in rows if e in (a, b)]
        print(f"  level AUC {a} vs {b}: {roc_auc_score([s for s, _ in sel], [v for _, v in sel]):.3f}")


def _analysed(first: int, below: int) -> Iterable[tuple[str, int, list[dict[str, Any]], list[dict[str, Any]]]]:
    """``(name, number, events of the latest full analysis, moments)`` of the analysed calls in ``[first, below)``."""
    for name in sorted(E.calls_to_score()):
        n = C.call_number(name)
        if not first <= n < below or not (C.RENDER_DIR / f"{name}.truth.json").is_file():
            continue
        latest = E.replay_files(name)[1] if (C.RENDER_DIR / f"{name}.flac").is_file() else None
        if latest is not None:
            events = [json.loads(line) for line in latest.read_text(encoding="utf-8").splitlines() if line.strip()]
            yield name, n, events, E.call_moments(name)


def release_path(rise: dict[str, Any], loudest_dbfs: float, at_final: bool) -> str:
    """What carried a first turn's first "tense" (an escalation event's drivers; the turn's loudest report so far)."""
    from coach.classify.escalation import EscalationConfig

    cfg = EscalationConfig()
    d = rise["drivers"]
    if d["lexicon"] or d["words"] > 0.02:
        path = "words"
    elif d["louder"] > 0.05:
        path = "raised"
    elif loudest_dbfs >= cfg.loud_level_floor_dbfs + cfg.voice_confirm_loud * (
        cfg.loud_level_ceiling_dbfs - cfg.loud_level_floor_dbfs
    ):
        path = "loud"
    else:
        path = "held voice"
    return path + (" at the final" if at_final else "")


def run_release(first: int, below: int) -> None:
    table: dict[int, Counter[str]] = {}
    voice_only: dict[int, list[str]] = {}
    for _name, n, events, moments in _analysed(first, below):
        if not moments or moments[0]["mood"] is None:
            continue
        start, mood = moments[0]["start_s"], moments[0]["mood"]
        final = next(
            (
                float(e["at"])
                for e in events
                if e["type"] == "transcript" and e.get("speaker") == "customer" and e["final"]
            ),
            None,
        )
        loudest, path = -99.0, "calm"
        for e in sorted(events, key=lambda e: float(e["at"])):
            at = float(e["at"])
            if at < start or (final is not None and at > final + 0.05):
                continue
            if e["type"] == "prosody" and e.get("speaker") == "customer" and e.get("loudness_db") is not None:
                loudest = max(loudest, float(e["loudness_db"]))
            if e["type"] == "escalation" and e["level"] != "calm":
                path = release_path(e, loudest, final is not None and at >= final - 0.01)
                break
        table.setdefault(part_of(n), Counter())[f"{mood}: {path}"] += 1
        if path.startswith("held voice"):
            voice_only.setdefault(part_of(n), []).append(f"c{n} ({mood})")
    for part, row in sorted(table.items()):
        rest = "; ".join(f"{k} {v}" for k, v in sorted(row.items()) if not k.endswith(": calm"))
        calm = sum(v for k, v in row.items() if k.endswith(": calm"))
        print(f"  part c{part}: first turns {sum(row.values())}, calm to their final {calm}; {rest or '-'}")
        if part in voice_only:
            print(f"    the voice alone: {', '.join(voice_only[part])}")


def _quantiles(xs: Sequence[float]) -> str:
    q = np.quantile(np.asarray(xs), [0.5, 0.9, 0.95]) if xs else [float("nan")] * 3
    return f"p50 {q[0]:.2f} / p90 {q[1]:.2f} / p95 {q[2]:.2f} s"


def run_timing(first: int, below: int) -> None:
    from coach.classify.lexicon import default_lexicon, tokens
    from coach.classify.stage import _heard_p, _word_of_token

    lexicon = default_lexicon()
    seen: list[float] = []
    committed: list[float] = []
    rows = []
    for _name, _n, events, moments in _analysed(first, below):
        customer = sorted(
            (e for e in events if e["type"] == "transcript" and e.get("speaker") == "customer"), key=lambda e: e["at"]
        )
        first_seen: dict[tuple[str, float], float] = {}
        first_commit: dict[tuple[str, float], float] = {}
        for e in customer:
            words = e.get("words") or []
            n_committed = len(words) if e["final"] else int(e.get("stable", 0))
            for i, w in enumerate(words):
                key = (str(e["utt"]), round(float(w["start"]), 2))
                first_seen.setdefault(key, float(e["at"]) - float(w["end"]))
                if i < n_committed:
                    first_commit.setdefault(key, float(e["at"]) - float(w["end"]))
        if not moments or moments[0]["mood"] != "angry":
            continue
        seen += first_seen.values()
        committed += first_commit.values()
        m = moments[0]
        start, length = m["start_s"], m["end_s"] - m["start_s"]
        hits = lexicon.find(m["text"])
        said = length * min(h.token_index for h in hits) / max(1, len(tokens(m["text"]))) if hits else None
        heard = final_at = None
        for e in customer:
            if float(e["at"]) < start - 0.3:
                continue
            words = e.get("words") or []
            where = _word_of_token(words)
            text = " ".join(str(w["w"]) for w in words)
            if heard is None and any(_heard_p(h, where, words) >= SURE_P for h in lexicon.find(text)):
                heard = float(e["at"]) - start
            if e["final"]:
                final_at = float(e["at"]) - start
                break
        rows.append((said, heard, final_at, length))
    said_at = [r[0] for r in rows if r[0] is not None]
    print(
        f"  angry first turns {len(rows)}: a marker in the script text {len(said_at)}, said by +2.5 s "
        f"{sum(x <= 2.5 for x in said_at)}, median said at {np.median(said_at) if said_at else float('nan'):.1f} s"
    )
    heard = [r[1] for r in rows if r[1] is not None]
    print(
        f"  a marker heard in a partial before the first final {len(heard)}, by +{ONSET_S:.0f} s "
        f"{sum(x <= ONSET_S for x in heard)}; first final at p50 {np.median([r[2] for r in rows if r[2]]):.1f} s, "
        f"turn length p50 {np.median([r[3] for r in rows]):.1f} s"
    )
    print(
        f"  customer words of those calls ({len(seen)}): first in a partial {_quantiles(seen)} after the word ends; "
        f"committed {_quantiles(committed)}"
    )


def prosody_db(events: Sequence[dict[str, Any]], speaker: str, keep: Callable[[float], bool]) -> list[float]:
    """The loudness (dBFS) of ``speaker``'s prosody reports whose time ``at`` (s) ``keep`` accepts, in event order."""
    return [
        float(e["loudness_db"])
        for e in events
        if e["type"] == "prosody"
        and e.get("speaker") == speaker
        and e.get("loudness_db") is not None
        and keep(float(e["at"]))
    ]


def onset_row(events: Sequence[dict[str, Any]], moment: dict[str, Any]) -> dict[str, Any]:
    """What the product had of a first turn by ``ONSET_S`` after its start (events of its latest full analysis): the
    highest level and score, the highest voice evidence ``V``, the loudest prosody report (dBFS), the most words heard
    surely in one partial, the lexicon markers counted, and when the first marker counted (s after the start, until the
    turn's end + ``ONSET_S``; None: none). Numbers only."""
    start = float(moment["start_s"])
    esc = [e for e in events if e["type"] == "escalation" and start - 0.3 <= float(e["at"]) <= start + ONSET_S]
    prosody = prosody_db(events, "customer", lambda at: start - 0.3 <= at <= start + ONSET_S)
    partials = [
        e
        for e in events
        if e["type"] == "transcript"
        and e.get("speaker") == "customer"
        and not e.get("final")
        and start - 0.3 <= float(e["at"]) <= start + ONSET_S
    ]
    first_marker = next(
        (
            round(float(e["at"]) - start, 2)
            for e in events
            if e["type"] == "escalation"
            and start <= float(e["at"]) <= float(moment["end_s"]) + ONSET_S
            and e["drivers"]["lexicon"]
        ),
        None,
    )
    return {
        "level": max((E.LEVELS.index(e["level"]) for e in esc), default=0),
        "score": max((float(e["score"]) for e in esc), default=0.0),
        "voice": max((float(e["drivers"]["voice"]) for e in esc), default=0.0),
        "loudest": max(prosody, default=None),
        "sure_words": max(
            (sum(float(w.get("p", 1.0)) >= SURE_P for w in e.get("words") or []) for e in partials), default=0
        ),
        "markers": len({m for e in esc for m in e["drivers"]["lexicon"]}),
        "first_marker_s": first_marker,
    }


def run_onset(first: int, below: int) -> None:
    """``onset`` (session 41, E45): per analysed call whose first customer turn is angry or happy, what the product had
    of that turn by +3 s (:func:`onset_row`); then per part, the angry openers' and the quiet happy openers' loudest."""
    calls = E.calls_to_score()
    by_part: dict[int, list[tuple[int, str, bool, dict[str, Any]]]] = {}
    for name, n, events, moments in _analysed(first, below):
        if not moments or moments[0]["mood"] not in ("angry", "happy"):
            continue
        quiet = bool(calls[name].get("quiet", False))
        row = onset_row(events, moments[0])
        by_part.setdefault(part_of(n), []).append((n, moments[0]["mood"], quiet, row))
        loud = "-" if row["loudest"] is None else f"{row['loudest']:.1f}"
        print(
            f"  c{n} {moments[0]['mood']:5s} quiet={int(quiet)} by +{ONSET_S:.0f} s: {E.LEVELS[row['level']]}, score "
            f"{row['score']:.2f}, V {row['voice']:.2f}, loudest {loud} dBFS, sure words {row['sure_words']}, markers "
            f"{row['markers']}; first marker at {row['first_marker_s']}"
        )
    for part, rows in sorted(by_part.items()):
        angry = [r for _, mood, _, r in rows if mood == "angry"]
        happy = [r["loudest"] for _, mood, quiet, r in rows if mood == "happy" and quiet and r["loudest"] is not None]
        loudest = [r["loudest"] for r in angry if r["loudest"] is not None]
        print(
            f"  part c{part}: angry openers {len(angry)}, >= tense by +{ONSET_S:.0f} s "
            f"{sum(r['level'] > 0 for r in angry)}, a marker by then {sum(r['markers'] > 0 for r in angry)}, V > 0.3 "
            f"{sum(r['voice'] > 0.3 for r in angry)}; loudest angry {max(loudest, default=float('nan')):.1f} dBFS, "
            f"quiet happy {max(happy, default=float('nan')):.1f} dBFS"
        )


def agent_row(
    events: Sequence[dict[str, Any]], start: float, margin_db: float, n_words: int, floor_dbfs: float = -np.inf
) -> dict[str, Any]:
    """The first turn starting at ``start`` against the agent's greeting (``agent``; numbers only): ``over_agent`` is
    against the agent's median as heard, ``met`` against it floored at ``floor_dbfs`` (``opener_loud_agent_floor_dbfs``,
    as the stage does)."""
    from coach.classify.lexicon import tokens
    from coach.classify.opener_loud import GREETINGS

    agent = prosody_db(events, "agent", lambda at: at < start)
    base = float(np.median(agent)) if agent else None
    loudest, greeted, heard, met, loud3 = -np.inf, False, False, None, -np.inf
    for e in sorted(events, key=lambda e: float(e.get("at", 0.0))):
        at = float(e.get("at", 0.0))
        if at > start + ONSET_WINDOW_S:
            break
        if e["type"] == "prosody" and e.get("speaker") == "customer" and e.get("loudness_db") is not None:
            if at >= start - 0.3:
                loudest = max(loudest, float(e["loudness_db"]))
                loud3 = loudest if at <= start + ONSET_S else loud3
        elif e["type"] == "transcript" and e.get("speaker") == "customer":
            if e.get("final"):
                break
            first = tokens(" ".join(str(w["w"]) for w in e.get("words") or []))[:n_words]
            greeted = greeted or (at <= start + ONSET_S and any(w in GREETINGS for w in first))
            heard = heard or len(first) >= n_words
        if met is None and base is not None and heard and not greeted and loudest - max(base, floor_dbfs) >= margin_db:
            met = at - start
    return {"over_agent": None if base is None or loud3 == -np.inf else loud3 - base, "greeted": greeted, "met": met}


def run_agent(first: int, below: int) -> None:
    """``agent`` (session 43, E47): see the module docstring."""
    from coach.classify.escalation import EscalationConfig

    cfg = EscalationConfig()
    by_part: dict[int, list[tuple[int, str, dict[str, Any]]]] = {}
    for _name, n, events, moments in _analysed(first, below):
        if moments and moments[0]["mood"] is not None:
            start = float(moments[0]["start_s"])
            row = agent_row(events, start, cfg.opener_loud_db, cfg.opener_loud_words, cfg.opener_loud_agent_floor_dbfs)
            by_part.setdefault(part_of(n), []).append((n, moments[0]["mood"], row))
    for part, rows in sorted(by_part.items()):
        angry = [(n, r) for n, mood, r in rows if mood == "angry"]
        other = [(n, r) for n, mood, r in rows if mood != "angry"]
        met = [n for n, r in angry if r["met"] is not None and r["met"] <= ONSET_S]

        def span(xs: list[tuple[int, dict[str, Any]]]) -> str:
            v = [r["over_agent"] for _, r in xs if r["over_agent"] is not None]
            return f"{min(v):+.1f}..{max(v):+.1f}" if v else "-"

        print(
            f"  part c{part}: angry openers {len(angry)}, met by +{ONSET_S:.0f} s {len(met)} {met}, greeting heard "
            f"{sum(r['greeted'] for _, r in angry)}, dB over the agent {span(angry)}; other first turns {len(other)}, "
            f"met {[n for n, r in other if r['met'] is not None]}, "
            f"greeting heard {sum(r['greeted'] for _, r in other)}, "
            f"without one dB over the agent {span([(n, r) for n, r in other if not r['greeted']])}"
        )


def later_rows(events: Sequence[dict[str, Any]], moments: Sequence[dict[str, Any]], margin_db: float) -> list[Any]:
    """``(mood, dB over the agent)`` of each later customer turn (``moments[1:]`` with a prosody report by +3 s) of a
    call whose first turn is angry and ``margin_db`` over the agent's greeting (``later``); [] for any other call."""
    if not moments or moments[0]["mood"] != "angry":
        return []
    start = float(moments[0]["start_s"])
    agent = prosody_db(events, "agent", lambda at: at < start)
    first = prosody_db(events, "customer", lambda at: start - 0.3 <= at <= start + ONSET_S)
    if not agent or not first or max(first) - float(np.median(agent)) < margin_db:
        return []
    base = float(np.median(agent))
    out = []
    for m in moments[1:]:
        s = float(m["start_s"])
        turn = prosody_db(events, "customer", lambda at, s=s: s - 0.3 <= at <= s + ONSET_S)
        if turn:
            out.append((m["mood"] or "none", max(turn) - base))
    return out


def run_later(first: int, below: int) -> None:
    """``later`` (session 44, E48): see the module docstring."""
    from coach.classify.escalation import EscalationConfig

    margin = EscalationConfig().opener_loud_db
    by_mood: dict[str, list[float]] = {}
    calls = 0
    for _name, _n, events, moments in _analysed(first, below):
        rows = later_rows(events, moments, margin)
        calls += bool(rows)
        for mood, db in rows:
            by_mood.setdefault(mood, []).append(db)
    print(f"  {calls} calls opened angry and >= {margin:.1f} dB over the agent; their later turns by +{ONSET_S:.0f} s:")
    for mood, dbs in sorted(by_mood.items()):
        print(
            f"  {mood}: {len(dbs)} turns, dB over the agent min {min(dbs):+.1f} median {float(np.median(dbs)):+.1f} "
            f"max {max(dbs):+.1f}, >= {margin:.1f} dB "
            f"{sum(d >= margin for d in dbs)}"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "what",
        choices=("loudness", "head", "loss", "delight", "emodb", "release", "timing", "onset", "agent", "later"),
    )
    ap.add_argument("--from", dest="first", type=int, default=646)
    ap.add_argument("--below", type=int, default=C.FIRST_HELDOUT_CALL)
    ap.add_argument("--dbfs", type=float, default=-23.5, help="head: the loudness gate (opener_head_dbfs)")
    ap.add_argument("--thresholds", default="0.55,0.6,0.65,0.68", help="head: opener_head_p values")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args(argv)
    if args.below > C.FIRST_HELDOUT_CALL:
        ap.error(f"--below {args.below}: scripts from c{C.FIRST_HELDOUT_CALL} on are held out")
    if args.what == "loudness":
        run_loudness(args.first, args.below)
    elif args.what == "loss":
        run_loss(args.first, args.below)
    elif args.what == "delight":
        run_delight(args.first, args.below)
    elif args.what == "release":
        run_release(args.first, args.below)
    elif args.what == "timing":
        run_timing(args.first, args.below)
    elif args.what == "onset":
        run_onset(args.first, args.below)
    elif args.what == "agent":
        run_agent(args.first, args.below)
    elif args.what == "later":
        run_later(args.first, args.below)
    elif args.what == "head":
        run_head(args.first, args.below, args.dbfs, [float(t) for t in args.thresholds.split(",")])
    else:
        run_emodb(args.data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
