"""The calm-down family (issue 9, session 56, L56): a calm word that is a name or said of a thing stays quiet, and the
telling-off read as a shape ("no sense getting your <temper noun> ... over it") fires in idioms not listed one by one.

Names (``coach/language/calm_named.py``): a calm match capitalised mid-sentence with nothing but a space before it, or
after "called / named / name is / known as / brand / model", is a product, a pet or a place. Things: the same thing as
subject of "<verb> and calm down"; "we can breathe the <thing>"; a hat kept on a hook. Every quiet line here is our own
everyday contact-centre wording (errands, products, schedules), written before it was run; the lines that fire are the
shapes named in docs/nudges.md ("Session 56 (L56)").
"""

from __future__ import annotations

import pytest

from coach.language.calm_named import is_named
from coach.language.listening import packaged_calm_down
from tests.test_language_wording import kinds_fired

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "line",
    [
        "We stock the Easy Tiger sofa in three colours.",
        "Her name's Relax, the mare, she's in the far paddock.",
        "The candle is called Breathe, it's lavender and cedar.",
        "The app is named Calm, you'll find it in the store.",
        "It's the Chill Out bundle, twenty pounds a month.",
        "We've the Settle Down cot in oak or white.",
        "The range is known as Keep Calm, it's the tea towels.",
        "The model Steady is the lighter stepladder.",
        "Ask for the Simmer Down hot sauce at the counter.",
        "The yoga class is titled Relax and Restore.",
        "the range is called chill out, it's the blue one",  # lower case, as a recogniser writes it
        "her name is relax, she's the grey cob",
        "The bread should rest and settle down before slicing.",
        "The dough needs to rise and calm down overnight.",
        "They'll sit and settle down in the box once the lid's on.",
        "We can breathe the bottle for you at the table.",
        "I'll breathe the wine before dinner.",
        "Keep your helmet on the peg in the hall.",
        "Keep your coat on the hanger provided.",
        "No point getting your hair cut over it, the salon will redo it free.",
        "There's no need getting your blood test redone over it, the first one stands.",
        "No sense getting your shirt dry cleaned over it, a wash will do.",
        "No need getting your pants taken up over it, we'll swap them for the short leg.",
        "Don't go getting the feathers pillow, it sheds.",
        "No point getting the hackles dog bed, it's too small for him.",
        "There's no sense getting the engineer out for a fuse.",
        "Take the price down a notch and it'll sell.",
        "Let the glue calm down before you move the frame.",
        # helper R21's probe of round one (/tmp/R21/l56a.py): a thing's back, wet pants
        "There's no point getting the back off over it, the fault's at the front.",
        "There's no point having the back door replaced over it, a new lock will do.",
        "No need getting the back panel off about it, I can reset it remotely.",
        "There's no sense having your back garden dug up over it, the pipe's under the road.",
        "No point getting your pants wet over it, we'll collect it from the door.",
        "There's no need having the back wheel changed about it, it's just the tyre valve.",
    ],
)
def test_names_and_things_stay_quiet(line):
    assert CALM not in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "No sense getting your feathers all ruffled over it.",
        "Now, now, no sense getting or feathers will raffle over it.",  # heard: the determiner any one word
        "No point getting your back up over this, sir.",
        "There's no call getting your dander up about it.",
        "No sense you getting your blood pressure up over it.",
        "Don't go getting your feathers ruffled, sir.",
        "Don't go getting your knickers in a twist about it.",
        "I need you to breathe, okay, just breathe.",
        "Relax, madam, I'm sorting it now.",  # capitalised after a comma or first: said, not named
        "Easy tiger, let's not get carried away.",
        "Oi, Relax, will you.",
        "Keep your hair on, I'm getting to it.",
        # helper R21's probe of round one: a comma ends the clause; a feeling is no thing; a run-on capital
        "Keep your hat on, the engineer will be there by five.",
        "Keep your shirt on, a refund is on its way.",
        "Keep your hair on, the parcel's only a day late.",
        "Keep your knickers on, the van's just around the corner.",
        "Let the anger go and calm down, please.",
        "Let the frustration out and calm down, then we'll sort it.",
        "Okay, Calm down, I'm trying to help you.",
        "Right Calm down please, I can't hear you.",
        "Sir Calm down, shouting won't help.",
    ],
)
def test_the_telling_off_still_fires(line):
    assert CALM in kinds_fired(line)


def test_a_name_is_read_from_the_match_words_as_written():
    rule = packaged_calm_down()
    named = rule.find("That's the Easy Tiger armchair in mustard velvet.")
    assert named is None
    said = rule.find("Now then, easy tiger, I'm on it.")
    assert said is not None and not is_named(said)
