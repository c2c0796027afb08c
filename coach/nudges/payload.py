"""One plain-words payload for every nudge kind.

Behavioural nudges carry ``evidence["reason"]`` (worded by the catalogue from the numbers); language
nudges carry ``why``, the words heard (``said``) and a line to say instead (``suggested_line`` for the
mirror, ``rephrase`` / ``suggestion`` for wording). The ``nudge`` and ``cue`` events expose the same
three top-level fields for every kind, so a screen needs no per-kind code:

- ``reason``: why, in plain words (never empty);
- ``suggestion``: a line the agent could say, or ``None``;
- ``said``: the words that fired it (a string; several phrases joined with " … "), or ``None``.

The evidence itself is kept as it is.

A nudge that carries several moments (a join group, see ``coach/nudges/policy.py``) shows them as one:
:func:`joined_fields` words the parts in order ("<first text> Then <second text>"), joins their
reasons and suggestions, and lists ``kinds``, ``covers`` (their moments) and each part's fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def joined_fields(parts: Sequence[tuple[str, str, str, Mapping[str, Any]]]) -> dict[str, Any]:
    """``text``, ``reason``, ``suggestion``, ``said``, ``kinds``, ``covers`` and ``parts`` of a nudge made
    of ``parts`` (``(kind, moment, text as shown, evidence)`` each, in the order to say them); one part
    gives that part's own fields."""
    items = [{"kind": k, "moment": m, "text": t, **plain_fields(k, t, ev)} for k, m, t, ev in parts]
    texts = [items[0]["text"]] + [repeat_text(i["text"], _THEN) for i in items[1:]]
    text = " ".join(
        t if i == len(texts) - 1 or t.rstrip().rstrip("'\"\u201d")[-1:] in ".!?" else f"{t}."
        for i, t in enumerate(texts)
    )

    def joined(key: str, sep: str) -> str | None:
        values = list(dict.fromkeys(str(i[key]) for i in items if i[key]))
        return sep.join(values) or None

    return {
        "text": text,
        "reason": joined("reason", " "),
        "suggestion": joined("suggestion", " "),
        "said": joined("said", " \u2026 "),
        "kinds": [i["kind"] for i in items],
        "covers": [i["moment"] for i in items],
        "parts": items,
    }


_THEN = "Then "


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
