"""Score the coach on our scripted call set: recall, false nudges and detection delay per nudge kind.

Usage: ``.venv/bin/python scripts/eval_calls.py [--part tune|heldout|all] [--only NAME ...] [--jobs N]
[--config TOML] [--product DIR] [--verbose] [--json OUT]``

The set is every ``scripts/calls/*.toml`` with a ``[call]`` table (format in ``scripts/synth_calls.py``).
Each call is rendered if its cached rendering in ``artifacts/calls/`` is missing or stale, then analysed
through the product's own path, ``coach analyze CALL --events OUT.jsonl --quiet`` with transcription on
(and ``--config`` when given). Events are cached in ``artifacts/calls/events/`` under a key of the
audio, the configuration, the product's data files and the files the analysis was measured to read
(``scripts/analysis_key.py``), so a re-run after a change to anything it read re-analyses, and an unchanged
re-run, or one after an edit to code the analysis never imports (the server, a telephony socket), costs nothing.
``--product DIR`` analyses with the ``coach`` package (and ``models/``) of another checkout, e.g. a clean
``git archive HEAD`` export, so a baseline can be measured while the working tree is being edited.

Matching: a truth moment is *caught* when a ``nudge`` event that carries its kind was shown (``kind``,
or any of ``kinds`` for a nudge that joins the moments of one reply; a part added by ``nudge.update``
counts from that event) at ``at``, the call-audio second of emission, no earlier than ``EARLY_S``
before the moment's start and no later than ``WINDOW_S`` after its end; each nudge catches at most one
moment of each kind it carries (moments in time order take the earliest fitting nudge). A ``cue``
event of the moment's kind whose ``found_at`` (when the detector reported it; ``at`` if absent) is in
the same window gives its ``outcome`` (``shown``, ``folded``, ``expired``, ``suppressed``; "none" when
the product emitted no cue): *cued* counts the moments the detectors found, whether or not they
reached the screen.
A missed moment is *late* when a nudge of its kind that refers to it (its ``t`` within the moment,
``LATE_T_SLACK_S`` of slack) came only after the window; that nudge is then neither false nor extra.
A nudge that re-shows a moment already caught (the same ``moment`` id: a condition still going on,
shown again once its cooldown has passed, "Again: check in with the customer") is *again*, counted
apart; other nudges that catch nothing are *false* on must-stay-quiet calls (``quiet = true``) and *extra* on the
others (kinds in the call's ``allow`` list excepted). Delays are call-audio seconds: behavioural kinds
from the moment's start (for ``dead_air`` that is when the floor fell silent, so it includes the
product's dead-air threshold; for a hold that ran long, when the announced time ran out); language kinds
from the end of the phrase's last word and from its start. A separate ``dead_air`` line gives the
plain silences' delay after the ``DEAD_AIR_S`` threshold (the delay less the threshold) and the hold
check-ins' delay, apart; the main figures keep their definition.
The result depends only on the audio, the configuration and the code: the same inputs give the same
figures, whatever the machine's speed.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import tomllib
from collections import Counter
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from analysis_key import KEY_DIGITS, AnalysisCache, measured_env, measured_files

from coach.config import load_config

ROOT = Path(__file__).resolve().parent.parent
CALLS_DIR = ROOT / "scripts" / "calls"
RENDER_DIR = ROOT / "artifacts" / "calls"
EVENTS_DIR = RENDER_DIR / "events"
PARTS = ("tune", "heldout")
EARLY_S = 0.5  # a nudge may be emitted this long before the moment's truth start (rounding, VAD onset)
WINDOW_S = 4.0  # ... and up to this long after the moment's end
BEHAVIOUR_KINDS = ("stop_interrupting", "let_them_finish", "pause_and_breathe", "dead_air", "long_monologue")
OUTCOMES = ("shown", "folded", "expired", "suppressed", "none")
HEARD_SLACK_S = 1.5  # transcript words this close to a phrase's span count for "heard", s
LATE_T_SLACK_S = 1.0  # a late nudge's ``t`` (the moment it refers to) may start this much before the truth
NICE = 10  # analyses run at this niceness: the machine is shared
DEAD_AIR_S = load_config().turns.dead_air_s
"""The dead-air threshold of the default configuration (``[turns] dead_air_s``), s: no nudge can come sooner."""
FIRST_HELDOUT_CALL = 1366
"""Calls c1366 and up are the held-out part not yet run; the tuning tools never open their files."""
TUNING_GROUPS = tuple(range(238, FIRST_HELDOUT_CALL, 24))
"""First call numbers of the tuning groups after c01-c237 (each an earlier held-out part of 24 calls, run once,
now tuning): the groups in which the tools report tuning figures, c01-c237, c238-c261, c262-c285, c286-c309,
c310-c333, c334-c357, c358-c381, c382-c405, c406-c429, c430-c453, c454-c477, c478-c501,
c502-c525, c526-c549, c550-c573, c574-c597, c598-c621, c622-c645, c646-c669, c670-c693,
c694-c717, c718-c741, c742-c765, c766-c789, c790-c813, c814-c837, c838-c861, c862-c885, c886-c909,
c910-c933, c934-c957, c958-c981, c982-c1005, c1006-c1029, c1030-c1053, c1054-c1077, c1078-c1101,
c1102-c1125, c1126-c1149, c1150-c1173, c1174-c1197, c1198-c1221, c1222-c1245, c1246-c1269, c1270-c1293,
c1294-c1317, c1318-c1341 and c1342 up to ``FIRST_HELDOUT_CALL`` - 1.
Moved on with ``FIRST_HELDOUT_CALL`` when a held-out part has had its run."""


@dataclass(frozen=True, kw_only=True)
class Moment:
    """A truth moment of one call; times in call-audio seconds."""

    call: str
    kind: str
    group: str  # "behaviour" or "language"
    start_s: float
    end_s: float
    phrase: str | None = None
    speaker: str | None = None
    on_hold: bool = False  # a dead_air moment that starts when an announced hold's time ran out


@dataclass(frozen=True, kw_only=True)
class Shown:
    """A ``nudge`` (or ``cue``) event: its kind, moment start ``t`` and emission time ``at`` (s)."""

    kind: str
    t: float
    at: float
    outcome: str = "shown"
    moment: str | None = None  # the product's moment id (a ``nudge`` event's ``moment``)


@dataclass(frozen=True, kw_only=True)
class Hit:
    """A moment with the nudge that caught it (or None) and the matching cue's outcome."""

    moment: Moment
    nudge: Shown | None
    outcome: str  # one of OUTCOMES
    late: Shown | None = None  # a missed moment's nudge that came after the window (it refers to the moment)
    heard: bool | None = None  # a phrase moment: whether the final transcript has the phrase's words

    @property
    def delay_s(self) -> float | None:
        """Seconds from the moment's start (behaviour) or its phrase's last word (language) to the nudge."""
        if self.nudge is None:
            return None
        anchor = self.moment.start_s if self.moment.group == "behaviour" else self.moment.end_s
        return self.nudge.at - anchor

    @property
    def delay_from_start_s(self) -> float | None:
        """Seconds from the moment's start to the nudge."""
        return None if self.nudge is None else self.nudge.at - self.moment.start_s


@dataclass(kw_only=True)
class CallResult:
    """The scoring of one call."""

    name: str
    part: str
    quiet: bool
    hits: list[Hit] = field(default_factory=list)
    unmatched: list[Shown] = field(default_factory=list)  # nudges that caught no moment (allowed kinds left out)
    again: list[Shown] = field(default_factory=list)  # re-shows of a condition already caught, still going on


def call_number(name: str) -> int:
    """The number of an evaluation call named ``c<digits>_...`` (``c07_x`` -> 7, ``c117_x`` -> 117)."""
    return int(name[1:].split("_", 1)[0])


def tuning_scripts() -> list[Path]:
    """The call scripts numbered below :data:`FIRST_HELDOUT_CALL`, in name order: the files a tuning
    tool may open (the held-out part's are never read, not even for their ``part``)."""
    return sorted(p for p in CALLS_DIR.glob("c*_*.toml") if call_number(p.stem) < FIRST_HELDOUT_CALL)


def parse_kinds(parser: argparse.ArgumentParser, text: str, allowed: tuple[str, ...]) -> tuple[str, ...]:
    """The nudge kinds of a comma-separated ``--kinds`` value; exits through ``parser`` naming any kind
    not in ``allowed``."""
    kinds = tuple(k for k in text.split(",") if k)
    unknown = sorted(set(kinds) - set(allowed))
    if unknown:
        parser.error(f"not language kinds: {', '.join(unknown)}")
    return kinds


def in_window(m: Moment, at: float) -> bool:
    """Whether an event emitted at ``at`` can belong to moment ``m``."""
    return m.start_s - EARLY_S <= at <= m.end_s + WINDOW_S


def assign(moments: list[Moment], events: list[Shown]) -> list[Shown | None]:
    """For each moment (in the given order), the earliest unused event of its kind in its window."""
    used: set[int] = set()
    out: list[Shown | None] = []
    for m in moments:
        pick = next(
            (
                i
                for i, e in sorted(enumerate(events), key=lambda ie: (ie[1].at, ie[0]))
                if i not in used and e.kind == m.kind and in_window(m, e.at)
            ),
            None,
        )
        if pick is not None:
            used.add(pick)
        out.append(None if pick is None else events[pick])
    return out


def _words(text: str) -> list[str]:
    """Lowercase words without punctuation (apostrophes kept, curly ones made straight)."""
    cleaned = "".join(c if c.isalnum() or c == "'" else " " for c in text.lower().replace("\u2019", "'"))
    return cleaned.split()


def heard(m: Moment, events: list[dict[str, Any]]) -> bool | None:
    """Whether the speaker's final transcripts have the moment's phrase among the words timed within
    ``HEARD_SLACK_S`` of it; None for a moment without a phrase (it is not about particular words)."""
    if m.phrase is None:
        return None
    said = [
        w["w"]
        for e in events
        if e.get("type") == "transcript" and e.get("final") and e.get("speaker") == m.speaker
        for w in e.get("words", [])
        if m.start_s - HEARD_SLACK_S <= w["start"] <= m.end_s + HEARD_SLACK_S
    ]
    return f" {' '.join(_words(m.phrase))} " in f" {' '.join(_words(' '.join(said)))} "


def shown_nudges(events: list[dict[str, Any]]) -> list[Shown]:
    """One :class:`Shown` per kind each ``nudge`` event carries (``kinds``: a joined nudge delivers the
    moments of one reply together; ``kind`` alone for a nudge without the field) and per kind that a
    ``nudge.update`` added to the nudge on screen (emitted then)."""
    out: list[Shown] = []
    on_screen: dict[str, set[str]] = {}
    for e in events:
        if e.get("type") == "nudge":
            kinds = list(e.get("kinds") or [e["kind"]])
            on_screen[str(e.get("moment"))] = set(kinds)
            out += [Shown(kind=k, t=e["t"], at=e["at"], moment=e.get("moment")) for k in kinds]
        elif e.get("type") == "nudge.update":
            had = on_screen.setdefault(str(e.get("moment")), set())
            added = [k for k in e.get("kinds") or [] if k not in had]
            had.update(added)
            out += [Shown(kind=k, t=e["t"], at=e["at"], moment=e.get("moment")) for k in added]
    return out


def score_call(
    name: str, part: str, quiet: bool, allow: Iterable[str], moments: list[Moment], events: list[dict[str, Any]]
) -> CallResult:
    """Match one call's ``nudge`` and ``cue`` events (dicts as in the JSON Lines) to its moments."""
    ordered = sorted(moments, key=lambda m: (m.start_s, m.kind))
    nudges = shown_nudges(events)
    cues = [
        Shown(kind=e["kind"], t=e["t"], at=e.get("found_at", e["at"]), outcome=str(e.get("outcome", "none")))
        for e in events
        if e.get("type") == "cue"
    ]
    caught = assign(ordered, nudges)
    cued = assign(ordered, cues)
    hits = []
    for m, n, c in zip(ordered, caught, cued, strict=True):
        outcome = c.outcome if c is not None else ("shown" if n is not None and not cues else "none")
        outcome = outcome if outcome in OUTCOMES else "none"
        hits.append(Hit(moment=m, nudge=n, outcome=outcome, heard=heard(m, events)))
    taken = {id(n) for n in caught if n is not None}
    for i, h in enumerate(hits):
        m = h.moment
        if h.nudge is None:
            late = next(
                (
                    n
                    for n in sorted(nudges, key=lambda n: n.at)
                    if id(n) not in taken
                    and n.kind == m.kind
                    and m.start_s - LATE_T_SLACK_S <= n.t <= m.end_s
                    and n.at > m.end_s + WINDOW_S
                ),
                None,
            )
            if late is not None:
                taken.add(id(late))
                hits[i] = Hit(moment=m, nudge=None, outcome=h.outcome, late=late, heard=h.heard)
    allowed = set() if quiet else set(allow)
    # the product re-shows a condition still going on ("Again: check in", a hold that keeps running
    # long) under the same moment id: a re-show of a moment that caught a truth moment is "again",
    # neither extra nor false (the re-show of a false nudge stays false; a showing before the one that
    # caught the moment, too early for its window, stays extra)
    first_at: dict[tuple[str, str | None], float] = {}
    for n in nudges:
        if id(n) in taken and n.moment is not None:
            first_at[(n.kind, n.moment)] = min(n.at, first_at.get((n.kind, n.moment), n.at))
    again = [n for n in nudges if id(n) not in taken and n.at > first_at.get((n.kind, n.moment), n.at)]
    again_ids = {id(n) for n in again}
    unmatched = [n for n in nudges if id(n) not in (taken | again_ids) and n.kind not in allowed]
    return CallResult(name=name, part=part, quiet=quiet, hits=hits, unmatched=unmatched, again=again)


def group_of(kind: str) -> str:
    """``behaviour`` for the turn-taking and voice kinds, ``language`` for the others (word rules)."""
    return "behaviour" if kind in BEHAVIOUR_KINDS else "language"


def percentile(values: list[float], q: float) -> float | None:
    """The ``q``-th percentile (linear interpolation), or None without values."""
    return float(np.percentile(values, q)) if values else None


def summarise(results: list[CallResult]) -> dict[str, dict[str, Any]]:
    """Per kind (and per group: ``behaviour (all)``, ``language (all)``): the figures printed."""
    rows: dict[str, dict[str, Any]] = {}

    def row(key: str) -> dict[str, Any]:
        return rows.setdefault(
            key,
            {"moments": 0, "caught": 0, "late": 0, "cued": 0, "heard": 0, "false_on_quiet": 0, "extra": 0, "again": 0}
            | {"delays": [], "delays_start": [], "after_threshold": [], "hold_check": []}
            | {"outcomes": Counter()},
        )

    for r in results:
        for h in r.hits:
            for key in (h.moment.kind, f"{h.moment.group} (all)"):
                x = row(key)
                x["moments"] += 1
                x["outcomes"][h.outcome] += 1
                x["cued"] += h.outcome != "none"
                x["late"] += h.late is not None
                x["heard"] += bool(h.heard)
                if h.nudge is not None:
                    x["caught"] += 1
                    x["delays"].append(h.delay_s)
                    x["delays_start"].append(h.delay_from_start_s)
                    if h.moment.kind == "dead_air":
                        if h.moment.on_hold:
                            x["hold_check"].append(h.delay_s)
                        else:
                            x["after_threshold"].append(h.delay_s - DEAD_AIR_S)
        for n in r.unmatched:
            for key in (n.kind, f"{group_of(n.kind)} (all)"):
                row(key)["false_on_quiet" if r.quiet else "extra"] += 1
        for n in r.again:
            for key in (n.kind, f"{group_of(n.kind)} (all)"):
                row(key)["again"] += 1
    out = {}
    for key, x in rows.items():
        out[key] = {
            "moments": x["moments"],
            "caught": x["caught"],
            "recall": x["caught"] / x["moments"] if x["moments"] else None,
            "late": x["late"],
            "cued": x["cued"],
            "heard": x["heard"],
            "false_on_quiet": x["false_on_quiet"],
            "extra": x["extra"],
            "again": x["again"],
            "delay_p50_s": percentile(x["delays"], 50),
            "delay_p95_s": percentile(x["delays"], 95),
            "delay_from_start_p50_s": percentile(x["delays_start"], 50),
            "delay_from_start_p95_s": percentile(x["delays_start"], 95),
            "outcomes": dict(sorted(x["outcomes"].items())),
        }
        if key == "dead_air":
            out[key] |= {
                "after_threshold_p50_s": percentile(x["after_threshold"], 50),
                "after_threshold_p95_s": percentile(x["after_threshold"], 95),
                "plain_silences_caught": len(x["after_threshold"]),
                "hold_check_p50_s": percentile(x["hold_check"], 50),
                "hold_check_p95_s": percentile(x["hold_check"], 95),
                "hold_checks_caught": len(x["hold_check"]),
            }
    return dict(sorted(out.items(), key=lambda kv: (kv[0].endswith("(all)"), kv[0])))


def _fmt(v: float | None, spec: str = "5.2f") -> str:
    return "    -" if v is None else format(v, spec)


def format_table(part: str, results: list[CallResult]) -> str:
    """The printed report of one part."""
    quiet = sum(r.quiet for r in results)
    false_total = sum(len(r.unmatched) for r in results if r.quiet)
    lines = [
        f"== part {part}: {len(results)} calls ({quiet} must stay quiet: {false_total} false nudges on them)",
        f"{'kind':<22} {'moments':>7} {'caught':>6} {'recall':>6} {'late':>4} {'cued':>4}"
        f" {'false@quiet':>11} {'extra':>5} {'again':>5} {'delay p50':>9} {'p95':>5}"
        f" {'from start p50':>14} {'p95':>5}  cue outcomes",
    ]
    for kind, x in summarise(results).items():
        outcomes = " ".join(f"{k}={v}" for k, v in x["outcomes"].items()) if x["moments"] else ""
        lines.append(
            f"{kind:<22} {x['moments']:>7} {x['caught']:>6} {_fmt(x['recall']):>6} {x['late']:>4} {x['cued']:>4}"
            f" {x['false_on_quiet']:>11} {x['extra']:>5} {x['again']:>5}"
            f" {_fmt(x['delay_p50_s']):>9} {_fmt(x['delay_p95_s']):>5}"
            f" {_fmt(x['delay_from_start_p50_s']):>14} {_fmt(x['delay_from_start_p95_s']):>5}  {outcomes}"
        )
    lines.append("delay: behaviour from the moment's start, language from the phrase's last word")
    dead = summarise(results).get("dead_air")
    if dead is not None and dead["caught"]:
        lines.append(
            f"dead_air: plain silences after the {DEAD_AIR_S:g} s threshold p50 {_fmt(dead['after_threshold_p50_s'])}"
            f" p95 {_fmt(dead['after_threshold_p95_s'])} (n={dead['plain_silences_caught']}); holds that ran long"
            f" from the announced time's end p50 {_fmt(dead['hold_check_p50_s'])} p95 {_fmt(dead['hold_check_p95_s'])}"
            f" (n={dead['hold_checks_caught']})"
        )
    heard_rows = {k: x for k, x in summarise(results).items() if x["heard"]}
    if heard_rows:
        lines.append("phrases the transcript has: " + ", ".join(f"{k} {x['heard']}" for k, x in heard_rows.items()))
    return "\n".join(lines)


def format_calls(results: list[CallResult]) -> str:
    """One block per call: each moment caught or missed, and the unmatched nudges."""
    lines = []
    for r in results:
        lines.append(f"-- {r.name} ({r.part}{', quiet' if r.quiet else ''})")
        for h in r.hits:
            m = h.moment
            got = "MISSED" if h.nudge is None else f"at {h.nudge.at:7.2f} (+{h.delay_s:.2f} s)"
            if h.late is not None:
                got = f"LATE at {h.late.at:7.2f} (t={h.late.t:.2f})"
            said = "" if h.heard is None else f"  heard={'yes' if h.heard else 'NO'} {m.phrase!r}"
            lines.append(f"   {m.kind:<20} {m.start_s:7.2f}-{m.end_s:7.2f}  {got}  cue={h.outcome}{said}")
        for n in r.unmatched:
            lines.append(f"   {'FALSE' if r.quiet else 'extra'} {n.kind:<20} t={n.t:7.2f} at={n.at:7.2f}")
        for n in r.again:
            lines.append(f"   again {n.kind:<20} t={n.t:7.2f} at={n.at:7.2f}  (the same moment, still going on)")
    return "\n".join(lines)


def call_tables(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Name -> ``[call]`` table of those scripts ``paths`` that have one, in the order given."""
    out = {}
    for path in paths:
        call = tomllib.loads(path.read_text(encoding="utf-8")).get("call")
        if call is not None:
            out[path.stem] = call
    return out


def eval_calls() -> dict[str, dict[str, Any]]:
    """Name -> ``[call]`` table of every evaluation-set script (those with a ``[call]`` table), the held-out
    part's included: the lead's run of it; a tuning tool reads :func:`tuning_calls`."""
    return call_tables(sorted(CALLS_DIR.glob("*.toml")))


def tuning_calls() -> dict[str, dict[str, Any]]:
    """Name -> ``[call]`` table of the tuning scripts (:func:`tuning_scripts`): the held-out part is not read."""
    return call_tables(tuning_scripts())


def select_calls(calls: dict[str, dict[str, Any]], only: list[str] | None, part: str) -> list[str]:
    """The names of ``calls`` (name -> ``[call]`` table) in ``part`` (a part or ``all``), in name order,
    restricted to ``only`` when given. Raises ValueError naming any of ``only`` that is not a call or lies
    outside ``part``: such a name would otherwise leave nothing selected, silently."""
    unknown = sorted(set(only or ()) - set(calls))
    if unknown:
        raise ValueError(f"not evaluation-set calls: {', '.join(unknown)}")
    outside = sorted(n for n in only or () if part not in ("all", calls[n]["part"]))
    if outside:
        named = ", ".join(f"{n} (part {calls[n]['part']})" for n in outside)
        raise ValueError(f"outside --part {part}: {named}; name the part or --part all")
    return [n for n in calls if (not only or n in only) and part in ("all", calls[n]["part"])]


def render(names: list[str]) -> None:
    """Render those of ``names`` whose cached rendering is missing or stale (one renderer process);
    nothing when ``names`` is empty (the renderer given no name would render every stale call)."""
    if not names:
        return
    args = [arg for n in names for arg in ("--only", n)]
    cmd = ["nice", "-n", str(NICE), sys.executable, str(ROOT / "scripts" / "synth_calls.py"), "--stale-only", *args]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


ANALYSIS_KEY_DIGITS = KEY_DIGITS
"""Hex digits of the key in the name of an events file :func:`analyse` writes: ``<call>.<key>.jsonl``."""


def analysis_of_record(name: str, path: Path) -> bool:
    """Whether ``path`` is an events file :func:`analyse` wrote for call ``name`` (``<name>.<key>.jsonl``), not an
    untranscribed analysis (``<name>.noasr.<key>.jsonl``) nor a hand-tagged experiment's run kept beside them
    (``<name>.e52chg-<key>.jsonl``)."""
    return re.fullmatch(rf"{re.escape(name)}\.[0-9a-f]{{{ANALYSIS_KEY_DIGITS}}}\.jsonl", path.name) is not None


def analysis_cache(product: Path = ROOT, config: Path | None = None, no_asr: bool = False) -> AnalysisCache:
    """The cached analyses of ``product`` under ``config`` in :data:`EVENTS_DIR` (``no_asr``: ``--no-asr``'s),
    keyed by the files each analysis read (:mod:`analysis_key`)."""
    return AnalysisCache(EVENTS_DIR, product, config, "noasr" if no_asr else "")


def cached_analysis(name: str, cache: AnalysisCache) -> Path | None:
    """Call ``name``'s events file in ``cache`` (:meth:`AnalysisCache.find`), or the one cached under the key before
    session 53 where that key still matches (:meth:`AnalysisCache.adopt`), or None."""
    flac = RENDER_DIR / f"{name}.flac"
    return cache.find(name, flac) or cache.adopt(name, flac)


def say_coach() -> Path:
    """Print on stderr, and return, the folder of the ``coach`` package this process imports: a replay measures the
    ``coach`` on ``PYTHONPATH``, else the editable install's (``/work/main``'s, not a worktree's)."""
    import coach

    where = Path(coach.__file__).resolve().parent
    print(f"coach imported from {where}", file=sys.stderr)
    return where


def newest_analysis(name: str) -> Path | None:
    """Call ``name``'s newest events file of record (:func:`analysis_of_record`, by modification time), or None."""
    files = [p for p in EVENTS_DIR.glob(f"{name}.*.jsonl") if analysis_of_record(name, p)]
    return max(files, key=lambda p: p.stat().st_mtime) if files else None


def read_events(path: Path) -> list[dict[str, Any]]:
    """The events of an events file (one JSON object a line; blank lines skipped)."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def newest_analysis_events(name: str) -> list[dict[str, Any]] | None:
    """The events of call ``name``'s newest analysis of record (:func:`newest_analysis`), or None when there is none."""
    newest = newest_analysis(name)
    return None if newest is None else read_events(newest)


def analyse(
    name: str, config: Path | None, product: Path = ROOT, cached_only: bool = False, no_asr: bool = False
) -> list[dict[str, Any]] | None:
    """Events of ``coach analyze`` (the product's CLI entry point, run from ``product``; ``--no-asr`` when
    ``no_asr``) on the rendered call, from the cache (:func:`cached_analysis`) or a fresh run, which is kept with the
    files it read; None when ``cached_only`` and nothing is cached."""
    flac = RENDER_DIR / f"{name}.flac"
    cache = analysis_cache(product, config, no_asr)
    cached = cached_analysis(name, cache)
    if cached is None and cached_only:
        return None
    if cached is None:
        EVENTS_DIR.mkdir(parents=True, exist_ok=True)
        tmp = EVENTS_DIR / f".{name}.{os.getpid()}.{threading.get_ident()}.tmp"  # others may run the same call
        entry = "import sys; from coach.cli import main; sys.exit(main())"
        cmd = ["nice", "-n", str(NICE), sys.executable, "-c", entry, "analyze", str(flac), "--events", str(tmp)]
        cmd += ["--quiet"] + (["--no-asr"] if no_asr else []) + (["--config", str(config.resolve())] if config else [])
        with tempfile.TemporaryDirectory(prefix=".reads-", dir=EVENTS_DIR) as reads:
            env = measured_env(product, Path(reads))
            done = subprocess.run(cmd, capture_output=True, text=True, cwd=product, env=env)
            if done.returncode != 0:
                raise RuntimeError(f"coach analyze failed on {name} ({done.returncode}): {done.stderr.strip()[-2000:]}")
            cached = cache.keep(name, flac, tmp, measured_files(Path(reads), product))
    return read_events(cached)


def load_moments(name: str) -> list[Moment]:
    """The truth moments of a rendered call."""
    truth = json.loads((RENDER_DIR / f"{name}.truth.json").read_text(encoding="utf-8"))
    # a dead_air moment that does not start with its silence starts when an announced hold ran out
    silences = {p["start_s"] for p in truth.get("phenomena", ()) if p["kind"] == "dead_air"}
    return [
        Moment(
            call=name,
            kind=m["kind"],
            group=m["group"],
            start_s=m["start_s"],
            end_s=m["end_s"],
            phrase=m.get("phrase"),
            speaker=m.get("speaker"),
            on_hold=m["kind"] == "dead_air" and m["start_s"] not in silences,
        )
        for m in truth["moments"]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--part",
        choices=(*PARTS, "all"),
        default="tune",
        help="which part of the split (tune: held-out calls only when asked for)",
    )
    parser.add_argument("--only", action="append", metavar="NAME", help="score only this call (repeatable)")
    parser.add_argument("--jobs", type=int, default=1, help="calls analysed at once (1: the machine is shared)")
    parser.add_argument("--config", type=Path, help="configuration passed to coach analyze")
    parser.add_argument("--product", type=Path, default=ROOT, help="checkout whose coach package runs (this one)")
    parser.add_argument("--cached-only", action="store_true", help="score only calls already analysed (no runs)")
    parser.add_argument("--verbose", action="store_true", help="also list every moment and unmatched nudge")
    parser.add_argument("--json", type=Path, metavar="OUT", help="write the figures and per-call results here")
    args = parser.parse_args(argv)
    calls = eval_calls()
    try:
        names = select_calls(calls, args.only, args.part)
    except ValueError as exc:
        parser.error(str(exc))
    render(names)
    product = args.product.resolve()
    failed: dict[str, str] = {}

    def run(name: str) -> list[dict[str, Any]] | None:
        try:
            return analyse(name, args.config, product, cached_only=args.cached_only)
        except RuntimeError as exc:  # the product failed on this call: report it, score the rest
            failed[name] = str(exc)
            return None

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        events = dict(zip(names, pool.map(run, names), strict=True))
    skipped = [n for n in names if events[n] is None and n not in failed]
    if skipped:
        print(f"not analysed yet (--cached-only), left out: {' '.join(skipped)}\n")
    names = [n for n in names if events[n] is not None]
    results = [
        score_call(
            n,
            calls[n]["part"],
            bool(calls[n].get("quiet", False)),
            calls[n].get("allow", []),
            load_moments(n),
            events[n] or [],
        )
        for n in names
    ]
    parts = [p for p in PARTS if args.part in ("all", p)]
    report: dict[str, Any] = {}
    for part in parts:
        mine = [r for r in results if r.part == part]
        if mine:
            print(format_table(part, mine))
            print()
            report[part] = summarise(mine)
    if args.verbose:
        print(format_calls(results))
    if args.json is not None:
        report["calls"] = [asdict(r) for r in results]
        report["failed"] = failed
        args.json.write_text(json.dumps(report, indent=1, default=str) + "\n", encoding="utf-8")
    for name, why in sorted(failed.items()):
        print(f"FAILED {name}: {why}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
