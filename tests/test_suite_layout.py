"""The test suite's layout (docs/testing.md): test files are named by topic, never by the session or helper that
wrote them (``test_language_l34.py``, ``test_escalation_e39.py``, ``test_holds_s26_h8.py``): a newcomer finds a
topic's tests by its name, and a new class of wording goes into its topic's file or a new file named by topic."""

from __future__ import annotations

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parent
SESSION_TAG = re.compile(r"_(?:[a-z]{1,2}\d+)(?=_|$)")
"""A helper's letter(s) and session number as a word of the file name: ``_l33``, ``_e38``, ``_s26``, ``_q12``."""


def test_no_test_file_is_named_after_a_session_or_helper() -> None:
    named = sorted(p.name for p in TESTS.glob("test_*.py") if SESSION_TAG.search(p.stem))
    assert named == [], f"name these by topic, see docs/testing.md: {named}"


def test_the_tag_pattern_catches_the_old_names_and_spares_topics() -> None:
    old = ["test_language_l33", "test_escalation_e38", "test_holds_s26_h8", "test_language_q12_quiet_classes"]
    topics = ["test_escalation_classes", "test_asr_capacity_packing", "test_language_wording_l", "test_prosody"]
    assert all(SESSION_TAG.search(name) for name in old)
    assert not any(SESSION_TAG.search(name) for name in topics)
