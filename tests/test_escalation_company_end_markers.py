"""Markers of session 19, second round (helper E19, issue 10), all blame (below tense alone; with a raised or
loud voice they let it count): nobody has been in touch, in the present perfect ("nobody's rung me"; the
transcriber also writes "nobody's" as "no bodies"); nobody rang, wrote or answered before the company acted;
the mistake made at the company's end; the company acted without a word; its system held up as the reason;
the customer's deal is with the company. Calm look-alikes stay unmarked. Wording of our own."""

from __future__ import annotations

import pytest

from coach.classify.escalation import EscalationConfig
from coach.classify.lexicon import EscalationLexicon

LEX = EscalationLexicon.from_toml()
TENSE = EscalationConfig().tense_enter


@pytest.mark.parametrize(
    "said",
    [
        "The van never came and nobody's rung me since.",
        "The van never came and no bodies rung me since.",  # as the transcriber writes "nobody's"
        "No one has called to say the fitting was moved.",
        "Nobody sent a card, nobody rang, you just binned my order.",
        "I've written three emails and nobody has answered.",
        "The dates are wrong at your end, not mine.",
        "Someone typed it wrong, the postcode on the label isn't mine.",
        "The fee came out of my account without a word.",
        "You moved my slot without telling me.",
        "I can't have my own shed back because your system says it's sold?",
        "I signed up with you, not with a subcontractor.",
    ],
)
def test_company_end_grievances_are_blame_below_tense(said: str) -> None:
    hits = LEX.find(said)
    assert "blame" in {h.category for h in hits}, said
    assert max(h.weight for h in hits) < TENSE, said


@pytest.mark.parametrize(
    "said",
    [
        "Nobody's home until six, so a late slot is best.",
        "Can you see the booking at your end?",
        "Is everything fine on your end? The line's a bit quiet.",
        "I think I typed my email address in wrong, sorry.",
        "It went through without a hitch, thanks.",
        "I rang yesterday and somebody rang back within the hour.",
        "Could I pay you by card instead?",
    ],
)
def test_calm_look_alikes_are_unmarked(said: str) -> None:
    assert "blame" not in {h.category for h in LEX.find(said)}, said
