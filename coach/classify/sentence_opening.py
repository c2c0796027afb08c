"""Whether a lexicon marker opens its sentence: a cut-short request, not a polite one.

Some markers complain only as the imperative that opens the customer's sentence: "Please just find us a boat with
that cabin." or "Then please just do the refund." ([reproach] "please just", session 50, E55) cut the agent short,
where "Yes please, just the one.", "Could you please just confirm the address?" or "Please, just a moment, I'm
finding my card." are polite and hold the same words (R15's look-alikes, session 51). The escalation stage keeps
such a marker (``EscalationConfig.sentence_opening_phrases``) only where :func:`opens_sentence` holds. Text only:
the transcriber's punctuation marks the sentences and the pauses; no model, one pass over the text.
"""

from __future__ import annotations

from coach.classify.lexicon import LexiconHit, sentences, token_spans

LEAD_WORDS = frozenset({"then", "so", "now", "look", "oh", "well", "and", "just"})
"""Words a cut-short imperative may follow in its sentence ("Then please just do the refund.", "So please just look"):
connectives and attention-getters, not an answer ("Yes please, just the one") nor a question's subject ("Could you
please just ...")."""


def opens_sentence(text: str, hit: LexiconHit) -> bool:
    """Whether ``hit`` (a marker found in ``text``: its ``token_index`` counts the words of
    :func:`~coach.classify.lexicon.tokens` of the whole text) opens its sentence, at most one of :data:`LEAD_WORDS`
    before it, with no punctuation between its own words ("Please, just a moment" is a pause, not the phrase) and in a
    sentence that is not a question ("Please just confirm the address?" asks). A sentence ends at ``.``, ``!`` or
    ``?``; a partial's unfinished last sentence counts as a sentence ("Please just..." opens one)."""
    start = 0
    for sentence in sentences(text):
        spans = token_spans(sentence)
        if start <= hit.token_index < start + len(spans):
            i = hit.token_index - start
            own = spans[i : i + hit.n_tokens]
            paused = any(sentence[a.end() : b.start()].strip() for a, b in zip(own, own[1:], strict=False))
            lead = [s.group() for s in spans[:i]]
            asks = sentence.rstrip().endswith("?")
            return not paused and not asks and (not lead or (len(lead) == 1 and lead[0] in LEAD_WORDS))
        start += len(spans)
    return False


def keep_opening(text: str, hits: list[LexiconHit], phrases: tuple[str, ...]) -> list[LexiconHit]:
    """``hits`` of ``text`` less those whose phrase is one of ``phrases`` and that do not :func:`opens_sentence`."""
    if not phrases:
        return hits
    return [h for h in hits if h.phrase not in phrases or opens_sentence(text, h)]
