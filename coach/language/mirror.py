"""Building a mirror line from the customer's own words.

:func:`turn_pronouns` turns a customer sentence around to the agent's point of view ("I've been
waiting for my refund" -> "you've been waiting for your refund"; "you charged me twice" -> "we
charged you twice"); :func:`mirror_line` wraps the complaint clause as
"So … — is that right?".
"""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)*")

_FIRST_TO_SECOND = {
    "i": "you",
    "me": "you",
    "my": "your",
    "mine": "yours",
    "myself": "yourself",
    "i'm": "you're",
    "i've": "you've",
    "i'd": "you'd",
    "i'll": "you'll",
    "we": "you",
    "us": "you",
    "our": "your",
    "ours": "yours",
    "ourselves": "yourselves",
    "we're": "you're",
    "we've": "you've",
    "we'd": "you'd",
    "we'll": "you'll",
}
_SECOND_TO_FIRST = {
    "your": "our",
    "yours": "ours",
    "yourself": "ourselves",
    "yourselves": "ourselves",
    "you're": "we're",
    "you've": "we've",
    "you'd": "we'd",
    "you'll": "we'll",
}
_AFTER_I = {"am": "are", "was": "were"}
# After these, "you" starts a clause (subject: "we"); after anything else it is an object ("us").
_CLAUSE_OPENERS = frozenset(
    {
        "and",
        "but",
        "so",
        "because",
        "that",
        "when",
        "if",
        "since",
        "then",
        "why",
        "how",
        "until",
        "though",
        "although",
        "while",
        "where",
        "after",
        "before",
        "cause",
        "now",
        "or",
    }
)
_LEADING = frozenset(
    {
        "well",
        "look",
        "listen",
        "honestly",
        "um",
        "uh",
        "er",
        "so",
        "and",
        "but",
        "yeah",
        "yes",
        "no",
        "okay",
        "ok",
        "oh",
        "see",
        "like",
        "basically",
        "right",
        "hi",
        "hello",
    }
)


def _match_case(original: str, new: str) -> str:
    """Capitalise ``new`` like ``original``, except after "I" and its contractions (always capitalised)."""
    low = original.lower().replace("\u2019", "'")
    is_i_form = low == "i" or low.startswith("i'")
    return new.capitalize() if original[:1].isupper() and not is_i_form else new


def turn_pronouns(text: str) -> str:
    """Swap first and second person in ``text`` (customer's view -> agent's view)."""
    out: list[str] = []
    pos = 0
    prev: str | None = None
    prev_turned_i = False
    for m in _WORD.finditer(text):
        word = m.group(0)
        low = word.lower().replace("\u2019", "'")
        between = text[pos : m.start()]
        clause_break = prev is None or bool(re.search(r"[,.;:!?]", between)) or prev in _CLAUSE_OPENERS
        if low in _FIRST_TO_SECOND:
            new = _FIRST_TO_SECOND[low]
        elif low == "you":
            new = "we" if clause_break else "us"
        elif low in _SECOND_TO_FIRST:
            new = _SECOND_TO_FIRST[low]
        elif prev_turned_i and low in _AFTER_I:
            new = _AFTER_I[low]
        else:
            new = word
        if new is not word:
            new = _match_case(word, new)
        out.append(between + new)
        prev_turned_i = low == "i"
        prev = low
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def complaint_clause(sentence: str, cue: str, *, max_words: int = 16) -> str:
    """The part of ``sentence`` to mirror: the comma clause holding ``cue`` when the sentence is long,
    leading interjections and trailing punctuation removed."""
    text = sentence.strip()
    if len(text.split()) > max_words:
        clauses = [c for c in re.split(r"[,;:]", text) if c.strip()]
        holding = [c for c in clauses if cue.lower() in c.lower().replace("\u2019", "'")]
        text = (holding[0] if holding else clauses[0]).strip()
        words = text.split()
        if len(words) > max_words:
            text = " ".join(words[:max_words])
    words = text.split()
    while len(words) > 1 and re.sub(r"\W", "", words[0].lower()) in _LEADING:
        words.pop(0)
    return " ".join(words).strip(" ,.;:!?-\u2014")


def mirror_line(sentence: str, cue: str) -> str:
    """ "So <complaint turned around> — is that right?" from a customer sentence and its cue."""
    clause = turn_pronouns(complaint_clause(sentence, cue))
    if clause[:1].isupper() and not clause.startswith("I "):
        clause = clause[0].lower() + clause[1:]
    return f"So {clause} \u2014 is that right?"
