"""The calm-down idioms as a family (issue 9, session 57, L58): telling-offs said TO someone fire, the same words said
of a thing, a dish, a machine, a pet, a child or the agent himself stay quiet.

New shapes (``phrases.toml`` [avoid_calm_down], "session 57 (L58)"): a rest given, backing off, a reel or a rein
brought in, each with an address or "will you" after it (``calm_addressed``) and only opening its sentence (after an
opener or an address: ``calm_idiom_openers``); hackles put down; a soapbox left;
"cool down a bit" (an amount is no thing cooled: ``calm_amount``). Look-alikes: a pipe that runs down, a footing
steady on a ladder, a stock simmered down, a pedal eased up on, a thing turned down a notch on its control
(``calm_dial``) or dialled back to a setting, a pet or a child that will settle, the agent calming himself or a thing
of his, a voice or language feature, a strap of two words relaxed, and a calm phrase in title case (a firm's name:
``coach/language/calm_named.py``). The quiet lines are our own errand wording, written before they were run
(/tmp/L58/quiet.txt, quiet2.txt), with list BB's and helper R22's look-alikes of session 57 (in sample).
"""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired

CALM = "avoid_calm_down"


@pytest.mark.parametrize(
    "line",
    [
        "Give it a rest, mate.",
        "Give it a rest, will you, I'm trying to help.",
        "Oh give it a rest, sir, I've told you twice.",
        "Back off a bit, sir.",
        "Back off, mate, I'm on your side.",
        "Reel it in, mate.",
        "Rein it in a bit, will you.",
        "Put your hackles down, sir, it's only a form.",
        "Get off your soapbox, mate, and let me look.",
        # helper R22's l58b (after the first round)
        "Oi, give it a rest, mate, I'm doing my best.",
        "Back off a bit, will you, I'm only the messenger.",
        "Get down off your soapbox, love, we're trying to help.",
        "Just cool down a bit there, yeah, I can't hear the address with you going off like that.",
        # the family as it fired before this round (kept: the new look-alike exceptions must not take them)
        "Take it down a peg, will you, I'm only the one on the phones.",
        "Take it down a notch, sir, I'm doing my best.",
        "Cool your jets, I'm working on it.",
        "Wind your neck in, mate, I'm trying to help.",
        "Don't have a cow, I'll sort it.",
        "Take a chill pill, I'm sorting it.",
        "Simmer down, sir, I'm on it.",
        "Steady on, sir.",
        "Steady on, the engineer's doing his best.",
        "Pipe down a minute, sir.",
        "Keep your voice down.",
        "Keep your shirt on, I'm getting to it.",
        "Don't get your knickers in a twist, it's only a day late.",
        "Ease up a bit, sir.",
        "Dial it back a bit, will you.",
    ],
)
def test_the_idiom_said_to_the_customer_fires(line):
    assert CALM in kinds_fired(line)


@pytest.mark.parametrize(
    "line",
    [
        "Give the battery a rest overnight and it'll reset.",
        "Give it a rest for an hour and it'll reset itself.",
        "Back off the screw a bit and the panel lifts out.",
        "Reel in the line slowly before you store the rod.",
        "The dog's hackles go up at the postman, the trainer says.",
        "The pipe down the back of the boiler is the overflow.",
        "There's a pipe down the side of the house.",
        "The waste pipe down the garden is blocked.",
        "Pipe Down Acoustics are fitting the soundproofing on Monday.",
        "Steady on the stairs, the carpet's loose.",
        "Simmer down the stock for an hour.",
        "Ease up on the clutch slowly.",
        "Take the temperature down a notch on the dial, that should stop the rattling.",
        "Turn it down a notch on the thermostat and you'll save a bit.",
        "Take it down a peg on the rack so it cools.",
        "Dial it back to the factory setting.",
        "Honestly I'd need to calm down too if that happened to me.",
        "I need a minute to calm down myself, sorry, it's been a long day.",
        "Let me just take a breath and start the form again, I mistyped it.",
        "Let me calm down the notifications for you, they're set too loud.",
        "Your puppy needs to calm down before the vet visit.",
        "Your toddler will settle down once the night light's on.",
        "Just relax the shoulder strap by one hole if it's digging in.",
        "Keep your voice recordings in the app, they're backed up.",
        # helper R22's l58b: the idiom's words as advice in a sentence about a thing (after other words than an opener)
        "If the motor's hot, give it a rest, yeah, and try it again in an hour.",
        "If the car's too close to the garage door, back off a bit, yeah, and the sensor will let it open.",
        "Reel it in slowly, will you, or the line will snap on a fish that size.",
        "The mixer's overheating, so give it a rest please before you try the dough hook again.",
        "The dough's too springy, so give it a rest, love, twenty minutes in the fridge.",
        "Your voice memo app is the one with the red icon.",
    ],
)
def test_the_same_words_said_of_a_thing_stay_quiet(line):
    assert CALM not in kinds_fired(line)
