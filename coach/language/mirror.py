"""Building a mirror line from the customer's own words.

:func:`turn_pronouns` turns a customer sentence around to the agent's point of view ("I've been
waiting for my refund" -> "you've been waiting for your refund"; "you charged me twice" -> "we
charged you twice"); :func:`mirror_line` wraps the complaint clause as
"So … — is that right?".
"""

from __future__ import annotations

import re

from coach.language.patterns import WORD, fold

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
        "because",
        "cause",
        "then",
        "though",
        "although",
        "now",
        "also",
        "plus",
    }
)
# A preamble before the complaint itself ("The thing is, though, the price has gone up").
_PREAMBLE = re.compile(
    r"^\W*(?:(?:well|so|and|but|look|okay|ok)\W+)*(?:the (?:thing|problem|trouble|issue) is|to be honest|"
    r"the fact is|what happened is)(?:\W+though)?\W+",
    re.IGNORECASE,
)
# A clause of a long sentence starts at punctuation or before one of these words.
_CONJUNCTIONS = ("and", "but", "because", "although", "though", "which", "so", "plus")
# A cut clause does not end on one of these (a dangling "in front of a whole queue of").
_DANGLING = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "from",
        "with",
        "by",
        "and",
        "or",
        "but",
        "my",
        "your",
        "our",
        "their",
        "his",
        "her",
        "its",
        "this",
        "that",
    ]
)
# "you" before one of these (or a word ending in -ed) is a subject ("the machine you delivered" ->
# "we delivered"); elsewhere, after no clause opener, an object ("they told you" -> "told us").
_SUBJECT_NEXT = frozenset(
    [
        "said",
        "say",
        "told",
        "tell",
        "promised",
        "promise",
        "sent",
        "send",
        "took",
        "take",
        "charged",
        "charge",
        "gave",
        "give",
        "have",
        "had",
        "are",
        "were",
        "did",
        "didn't",
        "don't",
        "do",
        "can",
        "can't",
        "cannot",
        "won't",
        "will",
        "would",
        "should",
        "could",
        "never",
        "still",
        "keep",
        "keeps",
        "kept",
        "put",
        "made",
        "make",
        "sold",
        "owe",
        "owed",
    ]
)


def _match_case(original: str, new: str) -> str:
    """Capitalise ``new`` like ``original``, except after "I" and its contractions (always capitalised)."""
    low = fold(original)
    is_i_form = low == "i" or low.startswith("i'")
    return new.capitalize() if original[:1].isupper() and not is_i_form else new


def turn_pronouns(text: str) -> str:
    """Swap first and second person in ``text`` (customer's view -> agent's view)."""
    out: list[str] = []
    pos = 0
    prev: str | None = None
    prev_turned_i = False
    for m in WORD.finditer(text):
        word = m.group(0)
        low = fold(word)
        between = text[pos : m.start()]
        clause_break = prev is None or bool(re.search(r"[,.;:!?]", between)) or prev in _CLAUSE_OPENERS
        if low in _FIRST_TO_SECOND:
            new = _FIRST_TO_SECOND[low]
        elif low == "you":
            following = WORD.match(text, m.end() + 1) if m.end() < len(text) else None
            nxt = fold(following.group(0)) if following else ""
            subject = clause_break or nxt in _SUBJECT_NEXT or (nxt.endswith("ed") and len(nxt) > 3)
            new = "we" if subject else "us"
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


def clauses(text: str, max_words: int) -> list[str]:
    """``text`` cut at commas, semicolons and colons, and a piece still over ``max_words`` words also
    before the conjunctions of :data:`_CONJUNCTIONS`."""
    pattern = r"\s+(?=(?:" + "|".join(_CONJUNCTIONS) + r")\b)"
    out: list[str] = []
    for piece in (c.strip() for c in re.split(r"[,;:]", text)):
        if len(piece.split()) > max_words:
            out.extend(c.strip() for c in re.split(pattern, piece, flags=re.IGNORECASE))
        else:
            out.append(piece)
    return [c for c in out if c]


def complaint_clause(sentence: str, cue: str, *, max_words: int = 16) -> str:
    """The part of ``sentence`` to mirror: when the sentence is long, the clause holding ``cue`` (cut
    at punctuation and conjunctions, at most ``max_words`` words, not ending on a dangling "of");
    leading interjections and conjunctions and trailing punctuation removed."""
    text = sentence.strip()
    if len(text.split()) > max_words:
        pieces = clauses(text, max_words)
        low_cue = " ".join(fold(cue).split()[:2])  # a cue may span a conjunction
        holding = [c for c in pieces if low_cue and low_cue in fold(c)]
        text = holding[0] if holding else pieces[0]
        words = text.split()
        if len(words) > max_words:
            words = words[:max_words]
            while len(words) > 1 and re.sub(r"\W", "", words[-1].lower()) in _DANGLING:
                words.pop()
            text = " ".join(words)
    text = _PREAMBLE.sub("", text)
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
