"""scripts/replay_listening.py: every language rule replayed on a call's events, scored on its moments."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from tests.test_language_rules import final

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "replay_listening.py"
_spec = importlib.util.spec_from_file_location("replay_listening", SCRIPT)
assert _spec is not None and _spec.loader is not None
replay = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(replay)


def _call() -> list[dict]:
    return [
        final("agent", "Hello, you're through to Dana, how can I help?", 0.0),
        final("customer", "Hi, I want to send a parcel abroad.", 4.0),
        final("agent", "Unfortunately we don't ship abroad.", 8.0),
        final("customer", "Okay, thanks for your help.", 12.0),
        {"type": "speech", "at": 20.0},  # a later event's time drives the closing wait
    ]


def test_all_language_kinds_replayed_by_default_with_the_closing_wait_timed_by_later_events() -> None:
    found = replay.replay_events(_call())
    kinds = [n.kind for _, n in found]
    assert kinds == ["positive_language", "check_anything_else"]
    assert found[1][0] == 20.0  # due 3 s after the customer's goodbye: fired at the next event


def test_kinds_filter_and_scoring_against_moments() -> None:
    kinds = ("check_anything_else",)
    found = replay.replay_events(_call(), kinds)
    assert [n.kind for _, n in found] == ["check_anything_else"]
    totals = replay.new_totals(kinds)
    moments = [{"kind": "check_anything_else", "start_s": 17.0, "end_s": 18.0}]
    notes = replay.score("x", found, moments, {"quiet": False}, kinds, totals)
    assert totals["check_anything_else"]["caught"] == 1
    assert notes == ["check_anything_else +3.00 s (+2.00 after its end)"]
    assert totals["check_anything_else"]["after_end"] == [2.0]
    totals = replay.new_totals(kinds)
    notes = replay.score("x", found, [], {"quiet": True}, kinds, totals)
    assert totals["check_anything_else"]["false"] == 1 and notes[0].startswith("FALSE check_anything_else")
