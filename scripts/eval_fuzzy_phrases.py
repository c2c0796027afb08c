"""Would a fuzzy match catch the phrases tiny.en mis-heard? A measurement, not a product feature.

For each wording rule (``calm``: avoid_calm_down, ``pos``: positive_language, ``close``: the agent's
goodbye cue of check_anything_else), every agent final of the tuning calls c01-c93 (the newest
events file of each, ``artifacts/calls/events/``) and every line of the wording lists'
``quiet`` / other-kind / ``not_closing`` sections (``tests/data/language_wording/``, less the blind
lists of ``eval_language_wording.BLIND``) that the rule
does NOT match is tried again with one word replaced by a table word (4+ letters) at most ``D``
letters away (Levenshtein). Prints, per rule, how many such fuzzy-only hits fall on a truth moment
of the kind (within 1 s), on must-stay-quiet calls, elsewhere, and on the safe lines.

    .venv/bin/python scripts/eval_fuzzy_phrases.py 1
"""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from eval_language_wording import BLIND  # noqa: E402
from replay_listening import load_call, newest_events  # noqa: E402

from coach.language.closing import ClosingRule  # noqa: E402
from coach.language.config import load_language_config  # noqa: E402
from coach.language.patterns import PhraseSet, compile_patterns  # noqa: E402
from coach.language.phrasing import CalmDownRule, PositiveLanguageRule  # noqa: E402

KINDS = {"calm": "avoid_calm_down", "pos": "positive_language", "close": "check_anything_else"}


def table_words(sets: list[PhraseSet]) -> set[str]:
    """The plain words (4+ letters) the patterns of ``sets`` are made of."""
    out: set[str] = set()

    def walk(node) -> None:
        if node.op == "word" and len(node.token) >= 4 and node.token.isalpha():
            out.add(node.token)
        for part in node.parts:
            walk(part)

    for phrases in sets:
        for p in phrases.patterns:
            walk(p.node)
    return out


def distance(a: str, b: str, most: int) -> int:
    """Levenshtein distance of ``a`` and ``b`` (``most`` + 1 when it is surely over ``most``)."""
    if abs(len(a) - len(b)) > most:
        return most + 1
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i]
        for j, y in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y)))
        prev = cur
    return prev[-1]


class Fuzzy:
    def __init__(self, most: int) -> None:
        c = load_language_config()
        self.most = most
        self.cfg = c.check_anything_else
        self.calm = CalmDownRule(c.avoid_calm_down, c.slots)
        self.pos = PositiveLanguageRule(c.positive_language, c.slots)
        self.words = {
            "calm": table_words([compile_patterns(c.avoid_calm_down.match, c.slots)]),
            "pos": table_words([compile_patterns(r.match, c.slots) for r in c.positive_language.phrases]),
            "close": table_words([compile_patterns(self.cfg.closing_cues)]),
        }

    def fires(self, kind: str, text: str) -> bool:
        if kind == "calm":
            return self.calm.find(text) is not None
        if kind == "pos":
            return self.pos.find(text) is not None
        return ClosingRule(self.cfg)._agent_cue(text) is not None

    def hit(self, kind: str, text: str) -> tuple[str, str] | None:
        """(heard word, table word) of a one-word replacement that makes ``kind`` fire where the
        text as heard does not; None otherwise."""
        if self.fires(kind, text):
            return None
        toks = text.split()
        for i, tok in enumerate(toks):
            w = "".join(ch for ch in tok.lower() if ch.isalpha() or ch == "'")
            if len(w) < 3 or w in self.words[kind]:
                continue
            for v in sorted(self.words[kind]):
                if distance(w, v, self.most) <= self.most and self.fires(
                    kind, " ".join([*toks[:i], v, *toks[i + 1 :]])
                ):
                    return w, v
        return None


def main(argv: list[str]) -> int:
    fuzzy = Fuzzy(int(argv[0]) if argv else 1)
    calls = []
    for path in newest_events("tune"):
        name = path.name.split(".")[0]
        spec, moments = load_call(name)
        events = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        calls.append((name, spec, moments, events))
    lists = [
        tomllib.loads(p.read_text("utf-8"))
        for p in sorted((ROOT / "tests/data/language_wording").glob("*.toml"))
        if p.stem not in BLIND  # a blind list is read once, by the scoring run, never by a measurement like this
    ]
    for kind, full in KINDS.items():
        tally = {"moment": 0, "quiet": 0, "other": 0}
        for name, spec, moments, events in calls:
            for e in events:
                if e["type"] != "transcript" or not e.get("final") or e.get("speaker") != "agent":
                    continue
                found = fuzzy.hit(kind, e["text"])
                if found is None:
                    continue
                near = any(
                    m["kind"] == full and m["start_s"] - 1 <= e["end"] and e["t"] <= m["end_s"] + 1 for m in moments
                )
                where = "moment" if near else "quiet" if spec.get("quiet") else "other"
                tally[where] += 1
                print(f"  {kind} {name} {where}: {found[0]!r} -> {found[1]!r}")
        safe_sections = (
            ["quiet", "not_closing"] if kind == "close" else ["quiet", *(k for k in KINDS.values() if k != full)]
        )
        safe = [line for data in lists for s in safe_sections for line in data.get(s, {}).get("lines", [])]
        safe_hits = [(line, found) for line in safe if (found := fuzzy.hit(kind, line))]
        for line, found in safe_hits:
            print(f"  {kind} safe line: {found[0]!r} -> {found[1]!r}: {line}")
        print(
            f"{kind} distance <= {fuzzy.most}: fuzzy-only hits at moments {tally['moment']}, on quiet calls "
            f"{tally['quiet']}, elsewhere {tally['other']}, on safe lines {len(safe_hits)} of {len(safe)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
