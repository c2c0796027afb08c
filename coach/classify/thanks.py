"""Whether a customer's words thank the agent: counter-evidence for a raised voice alone as their next turn starts.

A customer who has just thanked the agent and then starts their next turn louder than their usual level is, on the
scripted calls, far more often relieved, moved or cheerful than angry (issue 10; ``models/arousal.md``, session 50,
E56): on the tuning scripts c01-c1149 an angry customer turn follows a thanking one 3 times in 822, another mood's
turn 240 times in 3,198. :func:`thanks` is the text rule; the escalation tracker uses it only against the raised-voice
routes that count without any words (``thanks_raised_damp``), until the customer's next final.
"""

from __future__ import annotations

from coach.classify.lexicon import NEGATORS, negated, sentence_tokens

THANK_WORDS = frozenset({"thank", "thanks", "thankyou", "cheers", "grateful", "appreciate", "appreciated"})
"""Words of thanks; "thank" and "appreciate" only in the forms of :data:`_FOLLOWED` ("thank you", "appreciate it")."""
_FOLLOWED = {"thank": frozenset({"you", "u", "ya"}), "appreciate": frozenset({"it", "that", "this", "you", "your"})}
"""Words that must follow a word of thanks for it to thank the agent ("thank you", not "thank goodness")."""
_KIND = frozenset({"kind"})
_KIND_LEADS = frozenset({"very", "so", "really", "that's", "thats", "how", "too", "ever"})
"""'That's (very) kind', 'so kind', 'too kind': kindness acknowledged."""
_SARCASM_NEXT = frozenset({"nothing", "a", "for", "to"})
"""Words right after "thanks" / "thank you" that may turn it ("thanks for nothing", "thanks a lot", "thanks to
that", "thank you for wasting ..."): a thanks followed by "for" counts only with a word of :data:`_FOR_OK` after it."""
_FOR_OK = frozenset({"that", "this", "your", "sorting", "helping", "the", "all", "looking", "everything", "being"})
_CONTRAST = frozenset({"but", "except", "although", "though", "however", "yet", "still"})
"""Words after which a sentence turns against the thanks before them ("Thanks, but I already did that")."""
_NEGATORS = frozenset({"not", "never", "hardly", "don't", "didn't", "won't"})
"""Words right before a word of thanks that take it back ("I don't appreciate being ..."); not across degree words as
:func:`coach.classify.lexicon.negated` reads them (c1110 heard "No, not all, thanks." for "No, that's all": thanks)."""
_JOY_NEGATORS = _NEGATORS | NEGATORS
"""... and before an agent's words of shared joy, with the delight readings' negations ("No great news yet, I'm
afraid", "That isn't exactly great news")."""


def _thanking_at(words: list[str], i: int) -> bool:
    """Whether ``words[i]`` opens a thanks aimed at the agent (see :func:`thanks`)."""
    w = words[i]
    nxt = words[i + 1] if i + 1 < len(words) else ""
    if i > 0 and words[i - 1] in _NEGATORS:  # "I don't appreciate"; not across degree words: "No, not all, thanks."
        return False
    if w in _KIND:
        return i > 0 and words[i - 1] in _KIND_LEADS and nxt != "of"  # not "kind of"
    if w not in THANK_WORDS:
        return False
    if w in _FOLLOWED and nxt not in _FOLLOWED[w]:
        return False
    j = i + 2 if w in _FOLLOWED else i + 1  # the word after "thank you" / "thanks"
    after = words[j] if j < len(words) else ""
    if w in ("thank", "thanks", "thankyou") and after in _SARCASM_NEXT:
        return after == "for" and j + 1 < len(words) and words[j + 1] in _FOR_OK
    return True


def thanks(text: str) -> bool:
    """Whether ``text`` thanks the agent in one of its sentences: "thank you", "thanks", "cheers", "much
    appreciated", "I appreciate it", "grateful", "that's (very) kind", not after a negation ("I don't appreciate"),
    not "thank goodness", not sarcastic ("thanks for nothing", "thanks a lot") and not followed in its sentence by a
    contrast word ("Thanks, but I already did that"). The caller must still not count it where the utterance has an
    escalation marker or reads as anger."""
    for words in sentence_tokens(text):
        for i in range(len(words)):
            if _thanking_at(words, i) and not _CONTRAST.intersection(words[i + 1 :]):
                return True
    return False


SHARED_JOY = (
    ("congratulations",),
    ("congrats",),
    ("great", "news"),
    ("how", "exciting"),
    ("what", "a", "lovely"),
    *(("sounds", w) for w in ("wonderful", "lovely", "great", "brilliant", "fantastic", "amazing", "fun")),
    *((w, "news") for w in ("brilliant", "wonderful", "fantastic", "lovely", "amazing", "exciting")),
    *(("how", w) for w in ("lovely", "wonderful", "exciting", "fantastic")),
)
"""Word sequences by which an agent shares a customer's good news ("Congratulations", "Oh, that sounds wonderful",
"What brilliant news"); not "good news" (an agent's "the good news is ..." after a complaint), and not a word of
delight alone ("Lovely", "Perfect", "Brilliant" open many an agent's next question)."""


def shares_joy(text: str) -> bool:
    """Whether the agent's ``text`` shares the customer's joy: a sequence of :data:`SHARED_JOY` not right after a
    negation. On the tuning scripts c01-c1173 the customer turn after such an agent turn is angry 0 times in 1,046
    angry turns, upset 0 in 718, happy 44 in 674, calm 19 in 2,623 (models/arousal.md, session 50, E56)."""
    for words in sentence_tokens(text):
        for i in range(len(words)):
            if negated(words, i, _JOY_NEGATORS):  # "no great news", "not exactly great news"
                continue
            if any(tuple(words[i : i + len(p)]) == p for p in SHARED_JOY):
                return True
    return False
