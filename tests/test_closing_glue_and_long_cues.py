"""The glued subtitle farewell is judged at the goodbye itself, and a long sentence's goodbye or tail cue stops no
other route (issue 9, session 53, C23, after helper R16's second read of session 51's code): the pair "in I'll" glues
a goodbye only when it stands right before that goodbye with no comma between, not when the same two words come
together elsewhere in the sentence; a goodbye or tail cue past ``AGENT_GLUED_GOODBYE_WORDS`` words of its sentence is
no cue, and the turn is then judged as if those words were not a cue (a wish for the customer's pastime after it
still closes). Wording written for these tests, not taken from the calls or the lists."""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_fired

LONG = (
    "The paddles are the carbon ones that don't flex in cold water, and the spray decks are the neoprene kind with"
    " the grab loop so they come off easily, and the whole kit comes in a dry bag you can hang straight up to drip,"
    " and the clubs down south have used the same kit for four winters"
)
"""A run-on explanation of over 40 words, the recogniser's full stops lost."""


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # the same pair earlier in the sentence, with words between it and the goodbye: the goodbye is said
        ("Pop in I'll show you round, or pop the form in, I'll see you then.", True),
        ("Drop by on I'll text you, or post it on, we'll see you Friday.", True),
        # the pair right before the goodbye, no comma between: glued on (c1066's class, as before)
        ("Right, the fitter's coming on Tuesday with I'll see you then.", False),
        ("The fitter can't get the boiler out of the cupboard in We'll see you next time. Bye bye.", False),
        ("Pop in I'll show you round, the fitter's coming on Tuesday with I'll see you then.", False),
    ],
)
def test_a_farewell_is_glued_on_only_by_the_pair_right_before_it(text, closes):
    assert closing_fired(text) is closes


@pytest.mark.parametrize(
    ("text", "closes"),
    [
        # a long sentence's tail cue or goodbye is no cue (as before) ...
        (f"{LONG} now we're out.", False),
        (f"{LONG} see you next time.", False),
        # ... and the wish after it is judged as it would be without those words
        (f"{LONG} now we're out. Happy paddling.", True),
        (f"{LONG}, that's you sorted, happy paddling.", True),
        (f"{LONG}, happy paddling.", True),
        # no wish after it: nothing closes
        (f"{LONG} now we're out. The deposit comes back in three days.", False),
    ],
)
def test_a_long_sentences_goodbye_stops_no_other_route(text, closes):
    assert closing_fired(text) is closes
