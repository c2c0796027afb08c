"""A turn's final that lost the tail its partials heard: the words to read instead.

The recogniser decodes a turn's audio again for its final; on a long turn that decode now and then stops early
and drops words its partials had heard (session 41, Q39: 26 of 915 finals of 80 tuning calls, e.g. a 16 s
apology whose final ends "That's a serious mistake on" while the partial 0.6 s before heard "... on our part. And
I understand why you're ..."; a refusal whose final is only "No."). :func:`restored` gives the language rules
the final's words followed by the words the turn's latest partial heard after them, when that partial's words
begin with the final's (the same words, read alike) and go on: the final is then a cut-short decode of the same
speech, not a different hearing of it. A final that heard the words otherwise, or as many, is read as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

_WORD = re.compile(r"[a-z0-9']+")


def _key(word: Mapping[str, Any]) -> str:
    """A word dict's word, lowercase, without punctuation (how two decodes' words are compared)."""
    return "".join(_WORD.findall(str(word.get("w", "")).lower()))


def lost_tail(
    final: Sequence[Mapping[str, Any]], partial: Sequence[Mapping[str, Any]], end: float
) -> list[Mapping[str, Any]]:
    """The word dicts of ``partial`` (a partial's ``words``) after those of ``final`` (the final's ``words``) that
    began before ``end`` (the final's audio end, s), when the partial's first ``len(final)`` words are the final's
    (compared by :func:`_key`) and it has more; else none. Words from ``end`` on are the audio of the next turn (a
    long turn the segmenter cut: that turn's own final decodes them). A final with no words has no tail to lose
    (its turn was judged as silence)."""
    if not final or len(partial) <= len(final):
        return []
    if any(_key(f) != _key(p) for f, p in zip(final, partial, strict=False)):
        return []
    tail = []
    for w in partial[len(final) :]:
        if float(w.get("start", end)) >= end:
            break
        tail += [w] if _key(w) else []
    return tail


def restored(final: Mapping[str, Any], partials: Sequence[Mapping[str, Any]]) -> Mapping[str, Any]:
    """The final transcript event dict ``final`` with the longest tail (:func:`lost_tail`; the latest of equals) that
    one of its turn's partial event dicts ``partials`` (in order) heard after the final's words appended to its
    ``words`` and ``text`` (a decode that collapsed late, "No, we" after "No, we never ... no way", is the failure
    this mends); ``final`` itself when nothing was lost. Its times (``t``, ``end``, ``at``) are unchanged:
    the tail lies inside its audio."""
    end = float(final.get("end", final["t"]))
    tails = [lost_tail(final.get("words") or (), p.get("words") or (), end) for p in partials]
    tail = max(reversed(tails), key=len, default=[])
    if not tail:
        return final
    text = " ".join([str(final.get("text", "")).strip(), *(str(w.get("w", "")) for w in tail)])
    return {**final, "text": text, "words": [*(final.get("words") or ()), *tail]}
