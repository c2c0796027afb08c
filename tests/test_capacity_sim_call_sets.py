"""Issue 11: the capacity simulation's repeated call sets (``--shifts``). One 16-call p95 is the 5th-worst of
about 90 finals, so it moves with one pack's timing; variants are compared set by set (paired), by the median
and range of their differences. Cheap: no model, no decode."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from bench_asr_capacity_sim import PAIRED, paired  # noqa: E402


def row(p95: float, wer: float) -> dict[str, float]:
    return dict.fromkeys(PAIRED, 0.0) | {"p95": p95, "wer": wer}


def test_variants_are_compared_set_by_set_by_median_and_range():
    rows = {
        (16, "base", 1): row(2.5, 0.030),
        (16, "b2", 1): row(2.7, 0.025),
        (16, "base", 2): row(3.0, 0.020),
        (16, "b2", 2): row(2.9, 0.020),
        (16, "base", 3): row(2.0, 0.040),
        (16, "b2", 3): row(3.5, 0.030),
    }
    text = paired(rows, [16], [1, 2, 3], ["base", "b2"])
    lines = text.splitlines()
    assert lines[0].startswith("paired against base over call sets 1,2,3")
    (line,) = lines[1:]
    assert line.startswith("  b2 - base, 16 calls: ")
    assert "p95 +0.200 [-0.100, +1.500]" in line  # differences +0.2, -0.1, +1.5: the median, not the mean
    assert "wer -0.005 [-0.010, +0.000]" in line


def test_every_variant_after_the_first_gets_its_line_per_level():
    rows = {(n, v, k): row(1.0, 0.0) for n in (1, 16) for v in ("a", "b", "c") for k in (0, 4)}
    lines = paired(rows, [1, 16], [0, 4], ["a", "b", "c"]).splitlines()
    assert [ln.split(":")[0].strip() for ln in lines[1:]] == [
        "b - a, 1 calls",
        "c - a, 1 calls",
        "b - a, 16 calls",
        "c - a, 16 calls",
    ]
    assert "p95 +0.000 [+0.000, +0.000]" in lines[1]
