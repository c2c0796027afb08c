"""``pleasant`` looks up only the phrases opening with each word (E65, session 54, cost): the same answers as the loop
over every phrase at every word that it replaced (kept here as the reference), on every phrase of
:data:`~coach.classify.lexicon.PLEASANT_PHRASES` said plainly, negated, across degree words, split by a sentence end and
inside errands."""

from __future__ import annotations

import itertools

from coach.classify.lexicon import NEGATORS, PLEASANT_OPENERS, PLEASANT_PHRASES, _after, pleasant, sentence_tokens


def reference(text: str) -> bool:
    """``pleasant`` before E65: every phrase tried at every word."""
    sentences = sentence_tokens(text)
    if any(s[:1] and s[0] in PLEASANT_OPENERS for s in sentences):
        return True
    words = [w for s in sentences for w in s]
    first = 0
    for sentence in sentences:
        for i in range(first, first + len(sentence)):
            if _after(words[first : i + 1], i - first, NEGATORS):
                continue
            if any(tuple(words[i : i + len(p)]) == p for p in PLEASANT_PHRASES):
                return True
        first += len(sentence)
    return False


LEADS = ("", "I'm", "We are not", "It wasn't exactly", "Honestly, not at all that", "No. Well,", "Right, so I'm")
TAILS = ("", " with it.", ". Anyway, the parcel is late.", "? Not really.", ", or not?")
ERRANDS = (
    "Can you check when the engineer is coming on Tuesday?",
    "I'd like to change the delivery address to my work, please.",
    "The refund hasn't arrived yet and it's been ten days.",
    "So happy to wait, just let me know the reference.",
    "It's not really helpful that nobody rang me back.",
    "Thank you so much for sorting that. Love it when it just works.",
    "I love. It arrived broken though.",
    "Not at all. Really happy with it.",
    "Haha no, that's fine, made my day honestly.",
    "I was delighted. Not thrilled about the wait though.",
)


def test_the_same_answers_as_every_phrase_at_every_word() -> None:
    texts = list(ERRANDS)
    for phrase, lead, tail in itertools.product(PLEASANT_PHRASES, LEADS, TAILS):
        said = " ".join(phrase)
        texts += [f"{lead} {said}{tail}", f"{lead}. {said}{tail}", f"{lead} {said.capitalize()}!{tail}"]
        if len(phrase) > 1:  # split by a sentence end inside the phrase
            texts.append(f"{lead} {phrase[0]}. {' '.join(phrase[1:])}{tail}")
    answers = [pleasant(t) for t in texts]
    assert answers == [reference(t) for t in texts]
    assert 0 < sum(answers) < len(answers)  # both answers are exercised
