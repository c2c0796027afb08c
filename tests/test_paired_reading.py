"""The partial complaint reading taken only when its pair needs it (issue 10, cost; E65, session 54).

:class:`coach.classify.paired_reading.PairedReading` must count what the stage counted when it read every partial at
once (the lower of two successive partials of one utterance, first partial of an utterance counting nothing), as the
tracker reads it (:func:`coach.classify.escalation._evidence`), with fewer readings. Synthetic readings: a table of
texts, no model.
"""

from __future__ import annotations

import math
import random

import pytest

from coach.classify.escalation import EscalationConfig, _evidence
from coach.classify.paired_reading import PairedReading


def eager(pushes: list[tuple[str, str]], table: dict[str, float]) -> list[float | None]:
    """The stage's reading before E65: every partial read at once; the lower of a pair counts (None: none)."""
    seen, out = ("", 0.0), []
    for utt, text in pushes:
        p = table[text]
        out.append(min(p, seen[1]) if seen[0] == utt else None)
        seen = (utt, p)
    return out


def lazy(pushes: list[tuple[str, str]], table: dict[str, float], floor: float) -> tuple[list[float | None], int]:
    pair = PairedReading(floor)
    out = [pair.push(utt, text, table.__getitem__) for utt, text in pushes]
    return out, pair.reads


def evidence(values: list[float | None], cfg: EscalationConfig) -> list[float | None]:
    return [None if v is None else _evidence(v, cfg.complaint_floor, cfg.complaint_ceiling) for v in values]


def random_pushes(rng: random.Random, n: int) -> tuple[list[tuple[str, str]], dict[str, float]]:
    """``n`` partials over a few utterances (runs of one to six partials, an utterance sometimes coming back after
    another), each text's reading spread over [0, 1] with many at the floor's two sides and some exactly on it."""
    pushes, table = [], {}
    while len(pushes) < n:
        utt = f"customer-{rng.randrange(4)}"
        for _ in range(rng.randint(1, 6)):
            text = f"t{len(table)}"
            table[text] = rng.choice((rng.random(), rng.uniform(0.4, 0.6), 0.5, rng.uniform(0.7, 0.9)))
            pushes.append((utt, text))
    return pushes, table


@pytest.mark.parametrize("seed", range(20))
def test_what_counts_is_the_same_as_reading_every_partial(seed: int) -> None:
    cfg = EscalationConfig()
    pushes, table = random_pushes(random.Random(seed), 60)
    want = eager(pushes, table)
    got, reads = lazy(pushes, table, cfg.complaint_floor)
    assert [v is None for v in got] == [v is None for v in want]
    assert evidence(got, cfg) == evidence(want, cfg)  # the tracker reads both alike
    assert reads < len(pushes)


def test_without_a_floor_the_lower_of_each_pair_is_exact() -> None:
    pushes, table = random_pushes(random.Random(7), 80)
    got, reads = lazy(pushes, table, -math.inf)
    assert got == eager(pushes, table)
    assert reads <= len(pushes)


def test_a_partial_opening_an_utterance_is_read_only_when_the_next_pairs_with_it() -> None:
    table = {"a": 0.9, "b": 0.8, "c": 0.2}
    pair = PairedReading(0.5)
    assert pair.push("u1", "a", table.__getitem__) is None and pair.reads == 0  # the next partial may never come
    assert pair.push("u1", "b", table.__getitem__) == 0.8 and pair.reads == 2  # both above the floor: the lower
    assert pair.push("u2", "c", table.__getitem__) is None and pair.reads == 2


def test_a_reading_at_or_below_the_floor_spares_the_other_of_its_pair() -> None:
    table = {"a": 0.9, "b": 0.5, "c": 0.95, "d": 0.1}
    pair = PairedReading(0.5)
    pair.push("u1", "a", table.__getitem__)
    assert pair.push("u1", "b", table.__getitem__) == 0.5 and pair.reads == 1  # "a" never read: no evidence anyway
    assert pair.push("u1", "c", table.__getitem__) == 0.5 and pair.reads == 1  # "b" is known to be none: "c" unread
    assert pair.push("u1", "d", table.__getitem__) == 0.1 and pair.reads == 2  # "c" still unread


def test_a_partial_without_an_utterance_id_pairs_with_the_start_as_before() -> None:
    """Before E65 the stage began from an utterance "" read 0: a first partial without an id counted min(p, 0)."""
    for floor in (0.5, -math.inf):
        assert PairedReading(floor).push("", "x", {"x": 0.9}.__getitem__) == 0.0
