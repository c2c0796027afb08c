"""coach.turns imports in any order with coach.language (session 35, H24): coach.turns.holds needs the turn tracker only
for annotations, so coach.language -> closing -> holds no longer imports tracker -> cut_in -> coach.language.patterns,
and cut_in imports the language tokeniser at its top. Each order in a fresh interpreter (about a second each)."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "first", ["coach.turns.cut_in", "coach.turns.tracker", "coach.turns.holds", "coach.language.closing"]
)
def test_each_module_imports_first(first: str) -> None:
    code = f"import {first}, coach.language, coach.turns.tracker, coach.turns.holds"
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
