"""Session 31 (Q29): customer-turn / agent-reply pairs for the mirror rule, as classes, with wordings written for this
test (not the calls' sentences) and look-alikes that must stay quiet. The rule is driven directly, the agent's reply
word by word (its committed words) and then as its final, with the complaint head's reading injected (no model, no
audio, no clock: cheap and deterministic).

- A yes read into unfinished words: "So, we will" is as often the start of "So, we will need the job number" as a
  whole "We will." (c678: the agent's question heard "So, we will have the job done ...", taken for a yes to the
  customer's opening complaint at its third word). A yes counts from the committed words only once punctuation or
  another sentence follows it; a finished "We can." or "Of course we will." still takes an opening statement on, so
  does "We certainly can, and ..." and a final without its full stop.
- A person or a pet the work made unrecognisable, told with no cue word ("that's not her any more", "he looks nothing
  like my dad"; c678's restored photograph, whose complaint the head rated at 0.30): a complaint to mirror. Not a
  thing ("it doesn't look like rain", "that's not my car any more").
- A loss lived again, told as what it felt like ("it felt like losing my mum all over again"; c678's second turn,
  rated a feeling at 0.69, under the later turns' bar): a feeling to acknowledge. Not a thing lost again."""

from __future__ import annotations

import pytest

from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import MirrorComplaintRule, _says_yes
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_rules import final
from tests.test_quiet_q28 import _ack

GREETING = "Hello, you're through to the workshop, Nia speaking."


def _utt(speaker: str, text: str, t: float, utt: str, *, done: bool = True) -> Utterance:
    u = Utterance.from_event(final(speaker, text, t, utt=utt))
    return u if done else Utterance(u.speaker, u.text, u.start, u.end, u.at, u.utt, u.words, final=False)


def _mirror(customer: str, reply: str, *, complaint: float = 0.8, by_words: bool = True) -> list[str]:
    """The mirror nudges still standing after the agent's ``reply`` (word by word when ``by_words``, then its final)
    to the customer's calm first turn ``customer``, whose sentence the complaint head rates ``complaint``."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING, 0.0, "a1"))
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), [Unit(customer, customer, Reading(complaint, 0.1))])
    out: list[Nudge | Withdrawal] = []
    words = reply.split()
    for k in range(1, len(words) + 1 if by_words else 1):
        out += rule.on_agent_words(_utt("agent", " ".join(words[:k]), 20.0, "a2", done=False))
    out += rule.on_agent(_utt("agent", reply, 20.0, "a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n.kind for n in out if isinstance(n, Nudge) and n.moment not in taken]


# the customer's opening turn tells what went wrong, asks nothing: a head-found complaint, or a cue's
OPENINGS = [
    ("I picked the clock up on Friday and you've polished the dial so hard the numbers have worn off.", 0.8),
    ("Hello, my boiler keeps cutting out every evening since your engineer came.", 0.1),
]

# replies that only sound like a yes in their first words: what follows is a question or business
NOT_A_YES = [
    "So, we will need the job number from your receipt first.",
    "So we will need the job number from your receipt first.",  # the comma lost
    "Sir, we will need the job number from your receipt first.",  # "So" heard "Sir"
    "Right, I can take the order reference from you now.",
    "We will need the photos of the damage first.",
    "Okay, we can start with the postcode and the surname.",
    "Now I will just need your date of birth for security.",  # "just" and a lost comma
]


@pytest.mark.parametrize(("customer", "complaint"), OPENINGS)
@pytest.mark.parametrize("reply", NOT_A_YES)
def test_a_yes_read_into_unfinished_words_does_not_answer_the_opening_complaint(customer, complaint, reply):
    assert _mirror(customer, reply, complaint=complaint) == ["mirror_complaint"]


@pytest.mark.parametrize(("customer", "complaint"), OPENINGS)
@pytest.mark.parametrize("reply", NOT_A_YES[:3])
def test_the_same_reply_as_a_final_alone_was_already_nudged(customer, complaint, reply):
    """The control: judged on the whole turn only (no committed words), these replies missed the mirror before too."""
    assert _mirror(customer, reply, complaint=complaint, by_words=False) == ["mirror_complaint"]


# a finished yes takes an opening statement on, word by word or as a final, with or without the full stop
A_YES = [
    "We can. Let me take the job number.",
    "Of course we will. I'll book it in for Tuesday.",
    "Yes, I can. What's the postcode?",
    "We certainly can! Could I have the surname?",
    "Course we can; what day suits you?",
]


@pytest.mark.parametrize(("customer", "complaint"), OPENINGS)
@pytest.mark.parametrize("reply", A_YES)
def test_a_finished_yes_still_takes_the_opening_statement_on(customer, complaint, reply):
    assert _mirror(customer, reply, complaint=complaint) == []
    assert _mirror(customer, reply, complaint=complaint, by_words=False) == []


@pytest.mark.parametrize(("customer", "complaint"), OPENINGS)
def test_a_yes_with_its_comma_committed_still_takes_the_opening_statement_on(customer, complaint):
    """The yes and its comma are committed before the rest: read as before (the whole turn's first sentence is long)."""
    assert _mirror(customer, "We certainly can, and the first visit is free of charge.", complaint=complaint) == []


@pytest.mark.parametrize(
    ("text", "unfinished", "yes"),
    [
        ("So, we will", True, False),
        ("So, we will", False, True),  # a final heard without its full stop: read as before
        ("We can.", True, True),
        ("We can. Postcode", True, True),
        ("We certainly can!", True, True),
        ("Yes I can", True, False),
        ("Yes, I can,", True, True),
        ("Yes I can", False, True),
        ("We can't.", True, False),
        ("Can we?", False, False),
    ],
)
def test_says_yes_on_unfinished_words(text, unfinished, yes):
    assert _says_yes(text, unfinished=unfinished) is yes


# ---- a person or a pet made unrecognisable: a complaint to mirror, with no cue word (c678) --------------------------

UNRECOGNISABLE = [
    "Hi, I collected my dad's portrait from your studio and you've painted him so young that's not him any more.",
    "Hello, you retouched our wedding photo and honestly my wife looks nothing like herself, it's all smoothed over.",
    "Morning, the dog came back from your parlour shaved to the skin and she doesn't look like our dog at all.",
    "Hi, the restored photo of my nan came back today, and it's not her anymore, the wrinkles have all been taken out.",
    "Hello, the sketch you did of my son came in the post and I can't even recognise him.",
]
MIRRORED = "So the picture you got back doesn't look like them any more, it's been changed too much. I'm sorry."
NOT_UNRECOGNISABLE = [
    "Hi, I'd like the portrait framed in oak, and it doesn't look like rain so I'll collect it myself.",
    "Hello, I sold the van last week so that's not my car any more on the policy, can you take it off?",
]


@pytest.mark.parametrize("customer", UNRECOGNISABLE)
def test_a_person_made_unrecognisable_asks_for_the_mirror(customer):
    assert _mirror(customer, "Could I take the order number from your receipt?", complaint=0.1) == ["mirror_complaint"]
    assert _mirror(customer, MIRRORED, complaint=0.1) == []


@pytest.mark.parametrize("customer", NOT_UNRECOGNISABLE)
def test_a_thing_that_does_not_look_like_something_is_no_complaint(customer):
    assert _mirror(customer, "Could I take the order number from your receipt?", complaint=0.1) == []


LOST_AGAIN = [
    "It's R one two. When I opened the box it felt like losing my mum all over again.",
    "It's the one of my dad. I sat looking at it and it was like I'd lost him a second time.",
    "Job forty one. Honestly I felt as if I had lost her again.",
    "It's K nine. It was like losing our dog twice, seeing him like that.",
]
NOT_LOST_AGAIN = [
    "It's R one two. I felt like I'd lost my keys again when I couldn't find the envelope.",
    "Job forty one. It was like losing the receipt a second time.",
]


@pytest.mark.parametrize("customer", LOST_AGAIN)
def test_a_loss_lived_again_asks_for_an_acknowledgement(customer):
    assert _ack(customer, "We're open until five today and till one on Saturdays.", feeling=0.6) == [
        "acknowledge_feelings"
    ]
    assert _ack(customer, "Oh no, I'm so sorry, that must have been heartbreaking.", feeling=0.6) == []


@pytest.mark.parametrize("customer", NOT_LOST_AGAIN)
def test_a_thing_lost_again_asks_for_no_acknowledgement(customer):
    assert _ack(customer, "We're open until five today and till one on Saturdays.", feeling=0.6) == []
