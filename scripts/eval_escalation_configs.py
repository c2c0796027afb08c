#!/usr/bin/env python
"""Replay the escalation stage of tuning calls under several configurations at once, the voice read once a call.

Usage: ``.venv/bin/python scripts/eval_escalation_configs.py --only NAME ... [--from N --below M] --config A.toml
[--config B.toml ...] [--default] [--lane-gain-db G,...] [--json OUT]``

Each call is replayed as ``scripts/eval_call_escalation.py --replay`` does (the stage inputs and customer
transcripts of its latest full analysis, :mod:`training.escalation_replay`), once per configuration (``--default``:
the committed defaults, first), in one process. The voice model's readings do not depend on the ``[escalation]``
settings the stage's tracker reads, so the first configuration's readings are recorded per speech frame and handed
to the others (only an ``[escalation] voice_extreme_*`` or ``voice_hop_s`` change would make that wrong: it is
refused). Calls whose stage inputs were never saved (no earlier ``--replay``) are skipped with a note; nothing is
rendered or analysed. Held-out calls are never opened (``eval_call_escalation.calls_to_score``).

Printed: per configuration, the per-call table and the group lines of ``eval_call_escalation`` (angry moments
at "tense" within 3 s, raised moments, other moods escalated, must-stay-quiet calls), then the moments whose
level within 3 s differs from the first configuration's. Seconds are call-audio seconds.

``--lane-gain-db G,...`` (session 44, E48): each configuration is also replayed as if the customer's lane reached the
product G dB hotter than the agent's (negative: quieter), the mismatch of a real line where a softphone's output and a
headset microphone are not level-matched: the customer's prosody reports' absolute loudness (``loudness_db``) moves by
G; their loudness against the customer's own level (``loudness_delta_db``) does not, and neither does the voice model
(its features are gain-invariant, :mod:`coach.classify.arousal_features`) nor VAD (the saved stage inputs). The labels
read ``CONFIG@+GdB``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.append(str(Path(__file__).resolve().parents[1]))

import eval_call_escalation as E  # noqa: E402
import eval_calls as C  # noqa: E402

VOICE_KEYS = ("voice_hop_s", "voice_extreme_p", "voice_extreme_n", "voice_extreme_now_p")
"""Settings the voice readings depend on: every configuration must agree on them."""


class RecordedVoice:
    """Stands in for a stage's ``CustomerArousal``: the readings ``source`` returns are kept per frame start
    (``record``) or handed back (``play``)."""

    def __init__(self, source: Any, readings: dict[int, list[Any]], *, record: bool) -> None:
        self._source, self._readings, self._record = source, readings, record

    def push(self, start_sample: int, pcm: Any) -> list[Any]:
        if self._record:
            self._readings[start_sample] = out = self._source.push(start_sample, pcm)
            return out
        return self._readings.get(start_sample, [])


def shift_customer_level(prosody: list[dict[str, Any]], gain_db: float) -> list[dict[str, Any]]:
    """``prosody`` report dicts with the customer's absolute loudness (``loudness_db``, dBFS) ``gain_db`` higher (a lane
    gain mismatch); the agent's reports and every relative measure unchanged. New dicts; ``prosody`` is not changed."""
    return [
        {**d, "loudness_db": round(float(d["loudness_db"]) + gain_db, 1)}
        if d.get("speaker") == "customer" and d.get("loudness_db") is not None and gain_db
        else d
        for d in prosody
    ]


def replay_configs(
    name: str, configs: list[Any], gains_db: list[float] | None = None
) -> list[list[dict[str, Any]]] | None:
    """The escalation events of ``name`` replayed under each of ``configs`` (``EscalationConfig``), the customer's lane
    ``gains_db[k]`` dB hotter for the k-th (:func:`shift_customer_level`; default 0), or None when its stage inputs
    were never saved."""
    from coach.classify import stage as S
    from training.escalation_replay import customer_transcripts, load_inputs, recorded_prosody, replay_stage

    flac, latest, saved = E.replay_files(name)
    if latest is None or saved is None:
        return None
    inputs = load_inputs(saved)
    transcripts = customer_transcripts(latest)
    prosody = recorded_prosody(inputs, latest)
    readings: dict[int, list[Any]] = {}
    made = S.EscalationStage.__init__
    out = []
    for k, cfg in enumerate(configs):

        def init(self: Any, *args: Any, _record: bool = k == 0, **kwargs: Any) -> None:
            made(self, *args, **kwargs)
            self._arousal = RecordedVoice(self._arousal, readings, record=_record)

        S.EscalationStage.__init__ = init  # type: ignore[method-assign]
        try:
            gain = gains_db[k] if gains_db else 0.0
            heard = [dict(t) for t in transcripts]
            out.append(replay_stage(flac, inputs, heard, cfg, shift_customer_level(prosody, gain)))
        finally:
            S.EscalationStage.__init__ = made  # type: ignore[method-assign]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="this tuning call (repeatable)")
    parser.add_argument("--from", dest="lo", type=int, default=0, help="calls numbered at least this")
    parser.add_argument("--below", type=int, default=C.FIRST_HELDOUT_CALL, help="calls numbered below this")
    parser.add_argument("--config", type=Path, action="append", default=[], help="a configuration (repeatable)")
    parser.add_argument("--default", action="store_true", help="the committed defaults, first")
    parser.add_argument(
        "--lane-gain-db", default="0", help="comma list: replay each configuration with the customer lane G dB hotter"
    )
    parser.add_argument("--json", type=Path, metavar="OUT", help="per configuration, the per-call figures")
    args = parser.parse_args(argv)
    from coach.config import load_config

    names_of = (["default"] if args.default else []) + [str(p) for p in args.config]
    paths: list[Path | None] = [None] if args.default else []
    loaded = [load_config(p).escalation for p in [*paths, *args.config]]
    if not loaded:
        parser.error("give --default and/or --config")
    gain_list = [float(g) for g in args.lane_gain_db.split(",")]
    labels = [f"{n}@{g:+g}dB" if g else n for n in names_of for g in gain_list]
    configs = [c for c in loaded for _ in gain_list]
    gains = [g for _ in loaded for g in gain_list]
    if any(getattr(c, k) != getattr(configs[0], k) for c in configs for k in VOICE_KEYS):
        parser.error(f"the configurations must agree on {', '.join(VOICE_KEYS)} (the voice is read once)")
    calls = E.calls_to_score()
    names = [
        n
        for n in calls
        if (not args.only or n in args.only) and args.lo <= C.call_number(n) < min(args.below, C.FIRST_HELDOUT_CALL)
    ]
    rows: list[list[dict[str, Any]]] = [[] for _ in configs]
    for name in names:
        if not (C.RENDER_DIR / f"{name}.truth.json").is_file():
            print(f"{name}: not rendered: skipped", file=sys.stderr)
            continue
        events = replay_configs(name, configs, gains)
        if events is None:
            print(f"{name}: no saved stage inputs (from eval_call_escalation --replay): skipped", file=sys.stderr)
            continue
        moments = E.call_moments(name)
        for k, ev in enumerate(events):
            rows[k].append(E.score_call(name, bool(calls[name].get("quiet", False)), ev, moments))
    for label, rs in zip(labels, rows, strict=True):
        print(f"#### {label}\n{E.format_report('tune', rs)}\n")
    for label, rs in list(zip(labels, rows, strict=True))[1:]:
        print(f"#### moments changed, {labels[0]} -> {label}")
        for a, b in zip(rows[0], rs, strict=True):
            for ma, mb in zip(a["moments"], b["moments"], strict=True):
                if (ma["level_within_3s"], ma["tense_after_s"]) != (mb["level_within_3s"], mb["tense_after_s"]):
                    print(
                        f"  {a['name']} {ma['start_s']:.1f}s {ma['mood'] or 'raised'}: {ma['level_within_3s']} "
                        f"(+{ma['tense_after_s']}) -> {mb['level_within_3s']} (+{mb['tense_after_s']})"
                    )
            if a["max_level"] != b["max_level"]:
                print(f"  {a['name']} max level {a['max_level']} -> {b['max_level']} (quiet: {a['quiet']})")
    if args.json is not None:
        args.json.write_text(json.dumps(dict(zip(labels, rows, strict=True)), indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
