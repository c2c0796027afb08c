"""One plain-words payload for every nudge kind.

Behavioural nudges carry ``evidence["reason"]`` (worded by the catalogue from the numbers); language
nudges carry ``why``, the words heard (``said``) and a line to say instead (``suggested_line`` for the
mirror, ``rephrase`` / ``suggestion`` for wording). The ``nudge`` and ``cue`` events expose the same
three top-level fields for every kind, so a screen needs no per-kind code:

- ``reason``: why, in plain words (never empty);
- ``suggestion``: a line the agent could say, or ``None``;
- ``said``: the words that fired it (a string; several phrases joined with " … "), or ``None``.

The evidence itself is kept as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_SUGGESTION_KEYS = ("suggested_line", "rephrase", "suggestion")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        parts = [str(v).strip() for v in value if str(v).strip()]
        return " … ".join(parts) or None
    text = str(value).strip()
    return text or None


def plain_fields(kind: str, text: str, evidence: Mapping[str, Any]) -> dict[str, str | None]:
    """``reason``, ``suggestion`` and ``said`` for a nudge of ``kind`` whose agent text is ``text``."""
    reason = _text(evidence.get("reason")) or _text(evidence.get("why"))
    if reason is None:
        reason = f"{text} ({kind.replace('_', ' ')})."
    suggestion = None
    for key in _SUGGESTION_KEYS:
        suggestion = _text(evidence.get(key))
        if suggestion is not None:
            break
    if suggestion is not None and suggestion == text.strip():
        suggestion = None
    return {"reason": reason, "suggestion": suggestion, "said": _text(evidence.get("said"))}


def repeat_text(text: str, prefix: str) -> str:
    """``text`` worded as a repeat offence: ``"Let them finish"`` -> ``"Again: let them finish"``."""
    if not prefix or text.startswith(prefix):
        return text
    first = text[:1]
    # lower-case the first letter unless the first word is an acronym or "I"
    word = text.split(" ", 1)[0]
    if first and not (word.isupper() and len(word) > 1) and not (word == "I" or word.startswith("I'")):
        text = first.lower() + text[1:]
    return prefix + text
