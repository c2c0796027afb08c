"""The thing asked for as the subject of a closed door, and a doing put back as "what happens when you" (issue 9,
session 39, L38).

Round one was designed from lists AA-AI's standing misses and the tuning calls' script text, and frozen before list AJ
or c886-c909 were read. Two frames with open slots: a request named as the subject (a noun asked for, any noun made a
boon by "free / second / on the house / at our expense", or a doing asked for that opens the clause: "swapping the drum
kit ...") + a negation + a closed-door ending ("isn't happening", "ain't gonna happen", "just isn't on", "isn't how we
<ANY verb>"), and "that's what happens when you / what you get for" + ANY doing of the customer's. Each frame's
look-alikes stay quiet: good news or a state after the request, a time or reason after it, a condition, a wish or a
fault owned after "how we", the customer's plain business after "when you". Text level, one grammar built once."""

from __future__ import annotations

import pytest

from tests.test_language_wording import kinds_fired, wording_list
from tests.test_positive_language_shapes import grammar


@pytest.mark.parametrize(
    ("line", "closed"),
    [
        ("a free upgrade ain't gonna happen pal", 'closed "happen"'),
        ("swapping the drum kit for a different colour just isn't on", 'closed "on"'),
        ("let's just say the free harness isn't going to materialise", 'closed "materialise"'),
        ("money back for a breakdown just isn't how we roll", 'closed "how we roll"'),
        ("a second ride on the house isn't a goer", 'closed "a goer"'),
        ("the swap's not happening, sorry", 'closed "happening"'),
        ("replacing the lens at our expense won't fly mate", 'closed "fly"'),
        ("refunding the deposit just isn't how it works here", 'closed "how it works"'),
    ],
)
def test_a_request_named_as_the_subject_of_a_closed_door_is_a_refusal(line: str, closed: str) -> None:
    found = grammar(line)
    assert any(closed in f and "thing" in f for f in found), (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "that's not how we roll, i'm afraid",
        "sorry, that's just not how it works here",
        "it's not what we do, mate",
    ],
)
def test_not_how_we_work_as_a_clause_of_its_own_is_a_refusal(line: str) -> None:
    assert any('closed "' in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    ("line", "doing"),
    [
        ("that's what happens when you stuff the washer full of horse rugs", "stuff"),
        ("that's what you get for leaving it out in the rain", "leaving"),
        ("that is what happens if you overload the trailer", "overload"),
        ("it's what happens when you ignore the warning light", "ignore"),
    ],
)
def test_what_happens_when_you_puts_the_cause_on_the_customer(line: str, doing: str) -> None:
    found = grammar(line)
    assert any(f.startswith("blame") and f'doing "{doing}"' in f for f in found), (line, found)


@pytest.mark.parametrize(
    "line",
    [
        "a refund isn't a problem at all",
        "a replacement won't take long",
        "the refund isn't showing yet",
        "swapping it isn't going to cost you anything",
        "a replacement isn't needed, the part's just loose",
        "a free upgrade isn't how we wanted to say sorry",
        "your refund isn't coming through until monday",
        "if a refund isn't happening we'll find another way",
        "that's not how we should have treated you",
        "that's not what i meant",
        "it's not what it seems",
        "that's not how it usually goes",
        "no, that's not how we roll",
        "that's not how we roll, don't you worry, i'll sort it",
        "that's what happens when you pay by card",
        "that's what happens when the frost gets in",
        "that's what you get for being so loyal",
        "that's what happens when you've got three kids",
        "that's what happens when you're overcharged",
    ],
)
def test_the_look_alikes_of_the_request_and_what_happens_frames_stay_quiet(line: str) -> None:
    found = [f for f in grammar(line) if 'closed "' in f or "doing" in f]
    assert not found, (line, found)


# Round two (session 39, L38): list AJ's and c886-c909's classes as heard, read after round one was frozen; each
# recurred in two sets or more.


@pytest.mark.parametrize(
    ("line", "part"),
    [
        ("you can ask me every day and you'll get the same answer", 'futile "the same answer"'),
        ("there's no point ringing back, the answer will be the same", "futile"),
        ("whoever fitted that tap made a mess", 'botch "made"'),
        ("whoever plumbed it at your end made a pig's ear of it", 'botch "made"'),
        ("whoever wired the shed bodged it", 'botch "bodged"'),
        ("the contract's quite clear, the twelve months run", 'clear "clear"'),
        ("our terms of hire are crystal clear on late returns", 'clear "clear"'),
        ("clearly someone didn't", 'customer "clearly someone"'),
        ("somebody's put them through a hot wash, and that somebody wasn't us", 'away "us"'),
        ("had you read the email, you'd have known the date changed", "counterfactual"),
        ("the regulations say under sixteens can't ride alone, so that's that", 'closed "so that\'s that"'),
        ("that's really one for them to sort", 'away "one for them"'),
        ("thats one for the warranty people mate", 'away "one for the"'),
        ("we just pass game along", 'away "we just pass game along"'),
        ("so that's down to the upkeep on your end, not in the timber", 'away "not in the timber"'),
        ("keep on your end not in the timber", 'away "not in the timber"'),
        ("leaving the greenhouse door open all winter did that, not the glass", 'away "not the glass"'),
    ],
)
def test_round_two_classes_are_read_from_their_frames(line: str, part: str) -> None:
    assert any(part in f for f in grammar(line)), (line, grammar(line))


@pytest.mark.parametrize(
    "line",
    [
        "ask any engineer and you'll get the same answer, it's safe",
        "you'll get the same price online",
        "someone will call you back",
        "clearly someone from our team slipped up",
        "right, that's that sorted",
        "okay, so that's that",
        "the terms are clear, you're covered",
        "the print is very clear",
        "i'll ring whoever fitted it",
        "that's one for the album",
        "that's not one for them",
        "we just pass the savings along to you",
        "we'll pass it on",
        "that's a lot of money for a set that can't be played",
        "we did that, not the courier",
        "i did it, not the system",
        "the damage is on your side, not the end of the world",
    ],
)
def test_round_two_look_alikes_stay_quiet(line: str) -> None:
    assert not grammar(line), (line, grammar(line))


TUNING_L38 = wording_list("tuning_l38")


@pytest.mark.parametrize("line", TUNING_L38["positive_language"]["lines"])
def test_the_tuning_l38_lines_nudge_through_the_whole_coach(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", TUNING_L38["quiet"]["lines"])
def test_the_tuning_l38_look_alikes_stay_quiet_through_the_whole_coach(line: str) -> None:
    assert not kinds_fired(line), line
