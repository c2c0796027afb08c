"""mirror_complaint and acknowledge_feelings: the moment is judged from what the customer said (a
complaint, a feeling), and the agent's reply from its first committed words, so the nudge is due when
the reply shows it missed the moment.

Wording. ``TUNED_*`` lines were used to build the phrase families of ``phrases.toml`` (they were
written as held-out lines, run once, and the families were then widened where they missed: see
docs/nudges.md for the first-run figures). ``HELD_OUT_*`` lines were written after the last change
to the families and never used to change them; their test asserts the floor they reached on their
first run, so a change that loses generality fails.
"""

from __future__ import annotations

import dataclasses

import pytest

from coach.config import load_config
from coach.language import LanguageCoach
from coach.language.config import load_language_config
from coach.language.mirror import mirror_line
from coach.language.patterns import compile_patterns
from coach.language.text import first_match
from coach.nudges.catalogue import NudgeCatalogue
from coach.nudges.policy import NudgePolicy
from coach.types import Nudge, Withdrawal, seconds_to_samples
from tests.test_language_rules import final, kinds, run

ASK = "Could I take your postcode, please?"

TUNED_COMPLAINTS = [
    "My payment was refused at the petrol station this afternoon.",
    "Nobody from your team ever rang me back.",
    "The heating still isn't fixed after two visits.",
    "My monthly fee has gone up again without any warning.",
    "The tickets you sent me are for the wrong city.",
    "Your engineer didn't turn up this morning.",
    "The app keeps logging me out every five minutes.",
    "The courier left my parcel in the rain and everything inside is ruined.",
    "You took the money twice for one order.",
    "I paid for next-day delivery and it's been five days.",
    "My broadband has been down since Sunday and I work from home.",
    "Your website took the payment but I've had no confirmation at all.",
    "My prescription was given to someone else by mistake.",
    "Our internet has been cutting out every evening this week.",
    "The parcel says it was delivered but there's nothing on my doorstep.",
    "You've charged me for a month I'd already cancelled.",
    "The new fridge arrived with a huge dent in the door.",
]
TUNED_FEELINGS = [
    "Honestly I'm at the end of my tether with this.",
    "This is an absolute shambles.",
    "It's so stressful, I've got guests arriving tomorrow.",
]
TUNED_ACKNOWLEDGEMENTS = [
    "I'm really sorry you've been put through that.",
    "I completely get why you're cross.",
    "That's not the service you should get from us, I'm sorry.",
    "What a rotten start to your day, let's fix it.",
]
CALM = [
    "I'd like to change the date of my delivery to next Friday.",
    "What happens if my card is declined abroad?",
    "I'm not worried, I just want to know when it arrives.",
    "I was told to ring this number to book a repair.",
    "Could you check whether my parcel has left the warehouse?",
]

HELD_OUT_COMPLAINTS = [
    "The shower you fitted is dripping all night long.",
    "My direct debit was taken on the wrong day and now I'm overdrawn.",
    "I've rung four times and every time I get cut off.",
    "The voucher you sent me doesn't work in any of your shops.",
    "My bag didn't come off the plane in Madrid.",
    "My account was closed without anyone telling me.",
]
HELD_OUT_FEELINGS = [
    "I'm honestly so fed up with the lot of you.",
    "I was mortified when the cashier read it out.",
    "It's really upsetting, we saved for months for this trip.",
    "I'm worried we won't have heating for the baby.",
]
HELD_OUT_ACKNOWLEDGEMENTS = [
    "Oh gosh, I'm so sorry, that's the last thing you need.",
    "That sounds really worrying, with a little one at home.",
    "I completely understand why you'd be fed up with us.",
    "I'm sorry about the stress this has caused you.",
]
HELD_OUT_CALM = [
    "Can I move my appointment to the afternoon?",
    "I've just had a baby and want to add her to my policy.",
    "My parcel arrived this morning, thanks, I only want the receipt.",
    "I'm not in a hurry, whenever suits you.",
]


def moment_kinds(customer: str, agent: str = ASK) -> list[str]:
    return kinds(run(final("customer", customer, 0.0), final("agent", agent, 6.0)))


def partial(text: str, t: float, stable: int, *, utt: str) -> dict:
    """An agent partial whose first ``stable`` words are committed (0.4 s a word from ``t``)."""
    e = final("agent", text, t, utt=utt)
    return dict(e, final=False, stable=stable, at=e["words"][stable - 1]["end"] + 0.5)


@pytest.mark.parametrize("complaint", TUNED_COMPLAINTS)
def test_a_complaint_the_agent_moves_past_is_nudged(complaint):
    assert "mirror_complaint" in moment_kinds(complaint)


@pytest.mark.parametrize("feeling", TUNED_FEELINGS)
def test_a_feeling_the_agent_moves_past_is_nudged(feeling):
    assert "acknowledge_feelings" in moment_kinds(feeling)


@pytest.mark.parametrize("reply", TUNED_ACKNOWLEDGEMENTS)
def test_an_acknowledgement_in_other_words_is_enough(reply):
    assert "acknowledge_feelings" not in moment_kinds("I'm so fed up with this.", reply)


@pytest.mark.parametrize("line", CALM)
def test_a_calm_request_asks_for_nothing(line):
    assert moment_kinds(line) == []


def test_held_out_wording_reaches_its_first_run_floor():
    """First run on these lines, never used to change the families: complaints 4/6, feelings 4/4,
    acknowledgements 4/4, calm requests quiet 4/4."""
    complaints = sum("mirror_complaint" in moment_kinds(c) for c in HELD_OUT_COMPLAINTS)
    feelings = sum("acknowledge_feelings" in moment_kinds(f) for f in HELD_OUT_FEELINGS)
    upset = "This is ridiculous, honestly."
    acks = sum("acknowledge_feelings" not in moment_kinds(upset, a) for a in HELD_OUT_ACKNOWLEDGEMENTS)
    calm = sum(moment_kinds(c) == [] for c in HELD_OUT_CALM)
    assert complaints >= 4 and feelings >= 4 and acks >= 4 and calm >= 4


# ---- when the nudge is due ----------------------------------------------------------------------

CARD = "My card got declined at the garage this morning in front of everyone. I felt so humiliated."
MOVES_ON = "What's the sort code and account number on the card, please?"


def test_the_reply_is_judged_on_its_first_committed_words():
    """A reply straight to business: both nudges come from the partial with its first three
    (``business_words``) words committed, before the turn's final; the final adds nothing."""
    coach = LanguageCoach()
    assert coach.push(final("customer", CARD, 0.0)) == []
    heard = MOVES_ON.rstrip("?")  # the question not yet heard whole (a "?" judges it at once: session 40, Q38)
    assert coach.push(partial(heard, 7.0, 2, utt="a1")) == []
    early = coach.push(partial(heard, 7.0, 3, utt="a1"))
    assert kinds(early) == ["acknowledge_feelings", "mirror_complaint"]  # acknowledge first, then mirror
    assert all(n.evidence["basis"] == "partial" for n in early)
    assert [n.join for n in early] == ["reply:a1", "reply:a1"]  # one reply missed both: one nudge
    mirror = next(n for n in early if n.kind == "mirror_complaint")
    assert mirror.evidence["suggested_line"] == (
        "So your card got declined at the garage this morning in front of everyone \u2014 is that right?"
    )
    assert mirror.start == 0 and mirror.evidence["cue"] == "got declined"
    assert coach.push(final("agent", MOVES_ON, 7.0, utt="a1")) == []


def test_an_unfinished_acknowledgement_is_waited_for():
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    reply = "I hate to hear that, so your card got declined in front of everyone, let me look."
    assert coach.push(partial(reply, 7.0, 4, utt="a1")) == []  # "I hate to hear"
    assert coach.push(partial(reply, 7.0, 6, utt="a1")) == []
    assert coach.push(final("agent", reply, 7.0, utt="a1")) == []


def test_an_agent_who_opens_with_empathy_may_mirror_later_in_the_turn():
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    reply = "Oh no, I'm so sorry. Right, so your card got declined at the garage this morning."
    assert coach.push(partial(reply, 7.0, 7, utt="a1")) == []
    assert coach.push(final("agent", reply, 7.0, utt="a1")) == []
    # a fresh call: the same complaint told again after the agent told it back is met (session 54, Q52)
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 20.0, utt="c2"))
    empathy_only = "Oh no, I'm so sorry. Let me pull up the account and have a look for you."
    assert coach.push(partial(empathy_only, 27.0, 7, utt="a2")) == []
    assert kinds(coach.push(final("agent", empathy_only, 27.0, utt="a2"))) == ["mirror_complaint"]


def test_a_mirror_later_in_the_turn_takes_the_early_nudge_back():
    coach = LanguageCoach()
    coach.push(final("customer", "The boiler you fitted on Monday has broken down twice already.", 0.0))
    reply = "Can I just get your postcode first? So the boiler we fitted has broken down twice."
    early = coach.push(partial(reply, 6.0, 5, utt="a1"))
    assert kinds(early) == ["mirror_complaint"]
    back = coach.push(final("agent", reply, 6.0, utt="a1"))
    assert [type(x) for x in back] == [Withdrawal] and back[0].moment == early[0].moment


def test_a_short_reply_is_judged_on_its_final_and_a_backchannel_not_at_all():
    out = run(final("customer", CARD, 0.0), final("agent", "Okay.", 7.0), final("agent", "Right, sorry?", 8.0))
    assert sorted(kinds(out)) == []
    # a two-word question going straight to business is a reply (session 8: c52's "Order number?")
    out = run(final("customer", CARD, 0.0), final("agent", "Okay.", 7.0), final("agent", "Your postcode?", 8.0))
    assert sorted(kinds(out)) == ["acknowledge_feelings", "mirror_complaint"]
    out = run(final("customer", CARD, 0.0), final("agent", "What's your postcode?", 7.0))
    assert sorted(kinds(out)) == ["acknowledge_feelings", "mirror_complaint"]
    assert all(isinstance(n, Nudge) and n.evidence["basis"] == "final" for n in out)


def test_a_complaint_nobody_answered_is_forgotten_after_expire_s():
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    assert coach.tick(seconds_to_samples(200.0)) == []
    assert coach.push(final("agent", MOVES_ON, 201.0)) == []


def test_the_mirror_line_turns_the_customer_round():
    assert mirror_line("The heater you installed has stopped working.", "stopped working") == (
        "So the heater we installed has stopped working \u2014 is that right?"
    )
    long = "Honestly the price has gone up by sixty pounds since last spring and I haven't claimed once in ten years."
    assert (
        mirror_line(long, "gone up")
        == "So the price has gone up by sixty pounds since last spring \u2014 is that right?"
    )


def test_a_complaint_in_an_upset_voice_asks_for_an_acknowledgement():
    """The recogniser may lose the feeling words; a complaint said while the escalation model rates
    the customer tense still calls for an acknowledgement. A calm complaint asks only for the mirror,
    and a calm request in a tense voice for nothing."""
    complaint = final("customer", "My card got declined at the garage this morning in front of everyone.", 0.0)
    calm = LanguageCoach()
    assert kinds(run(complaint, final("agent", MOVES_ON, 7.0), coach=calm)) == ["mirror_complaint"]
    tense = LanguageCoach()
    tense.set_customer_upset("tense")
    out = run(complaint, final("agent", MOVES_ON, 7.0), coach=tense)
    assert kinds(out) == ["acknowledge_feelings", "mirror_complaint"]
    assert out[0].evidence["cue"] == "got declined (level:tense)"
    request = LanguageCoach()
    request.set_customer_upset("tense")
    assert run(final("customer", CALM[0], 0.0), final("agent", MOVES_ON, 7.0), coach=request) == []


def test_the_mirror_line_leaves_out_a_preamble():
    assert mirror_line("The trouble is, though, my parcel never arrived.", "never arrived") == (
        "So your parcel never arrived \u2014 is that right?"
    )


def test_a_reply_that_misses_both_reaches_the_screen_as_one_nudge_and_a_later_acknowledgement_drops_its_part():
    """Through the real policy: the reply's first words miss both (one nudge, two ``cue`` shown); the rest
    of the turn acknowledges the feeling, so only that part is withdrawn and the mirror stays."""
    cfg = load_config().nudges
    policy = NudgePolicy(cfg, NudgeCatalogue(cfg.texts))
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    reply = "What's the sort code please? Oh I'm so sorry, that sounds really stressful."
    first = coach.push(partial(reply, 7.0, 4, utt="a1"))
    events = [e.to_dict() for e in policy.offer(first, seconds_to_samples(8.0))]
    (shown,) = [e for e in events if e["type"] == "nudge"]
    assert shown["kinds"] == ["acknowledge_feelings", "mirror_complaint"]
    assert "So your card got declined" in shown["suggestion"]
    assert sorted(e["outcome"] for e in events if e["type"] == "cue") == ["shown", "shown"]
    rest = coach.push(final("agent", reply, 7.0, utt="a1"))
    assert [type(x) for x in rest] == [Withdrawal] and rest[0].moment.endswith(":acknowledge_feelings")
    events = [e.to_dict() for e in policy.offer(rest, seconds_to_samples(11.0))]
    assert [e["type"] for e in events] == ["nudge.withdrawn", "nudge.update"]
    assert events[1]["kinds"] == ["mirror_complaint"]


# ---- the complaint / feeling heads (coach/language/complaint.py) ------------------------------------
# Written after training/data/complaint_sentences.txt, in businesses it does not cover, and never
# trained or tuned on. First run (issue 9): complaints 9/12, feelings 7/8, calm requests quiet 10/10;
# with the phrase families alone (HEAD before the heads) 6/12, 3/8 and 10/10.

HEADS_HELD_OUT_COMPLAINTS = [
    "The removal firm you recommended scratched every piece of furniture we own.",
    "I've paid the library fine twice and it's still blocking my card.",
    "The solar panels were fitted in June and they've produced nothing since.",
    "The kennel sent our dog home with an infection.",
    "Our wedding venue double-booked the hall for the same Saturday.",
    "My driving lessons were cancelled four weeks in a row at the last minute.",
    "The car park app took twelve pounds for a two hour stay.",
    "The glasses you made me are the wrong prescription and I get headaches.",
    "The pet insurance turned down the claim because of a form your staff filled in wrong.",
    "My student room has had no heating since the start of term.",
    "The bike I collected on Saturday has a bent wheel.",
    "The ink subscription keeps sending cartridges for a printer I don't own.",
]
HEADS_HELD_OUT_FEELINGS = [
    "Honestly, I'm at breaking point with the whole thing.",
    "I'm so wound up I can hardly think.",
    "It's left me feeling completely stupid in front of my family.",
    "I'm dreading opening the post every morning now.",
    "We're really anxious, the baby's due any day.",
    "I've been in tears over this twice this week.",
    "I'm absolutely seething.",
    "I feel totally let down by you lot.",
]
HEADS_HELD_OUT_CALM = [
    "I'd like to move my driving lesson to Thursday, please.",
    "Can you tell me how late the library is open on Saturdays?",
    "We're getting married in May and want to ask about the hall.",
    "My new glasses are great, I just need a copy of the receipt.",
    "I'd like to add a second dog to the kennel booking.",
    "Could you send the invoice to my work address instead?",
    "The bike's lovely, I only want to book its first service.",
    "I'm ringing to renew the pet insurance before it runs out.",
    "Can I pay for the parking for the whole month at once?",
    "I'm happy to wait, no rush at all.",
]


def test_new_wording_reaches_the_heads_first_run_floor():
    complaints = sum("mirror_complaint" in moment_kinds(c) for c in HEADS_HELD_OUT_COMPLAINTS)
    feelings = sum("acknowledge_feelings" in moment_kinds(f) for f in HEADS_HELD_OUT_FEELINGS)
    calm = sum(moment_kinds(c) == [] for c in HEADS_HELD_OUT_CALM)
    assert complaints >= 9 and feelings >= 7 and calm == 10


def test_a_complaint_only_the_head_finds_is_mirrored_in_the_customers_words():
    """No complaint cue matches; the head rates the sentence a complaint and the mirror line is built from it."""
    out = run(final("customer", HEADS_HELD_OUT_COMPLAINTS[2], 0.0), final("agent", ASK, 6.0))
    (n,) = [n for n in out if n.kind == "mirror_complaint"]
    assert n.evidence["model"] >= load_language_config().mirror_complaint.model_threshold
    assert n.evidence["suggested_line"] == (
        "So the solar panels were fitted in June and they've produced nothing since \u2014 is that right?"
    )
    mirrored = "So the panels have produced nothing since June, let me look."
    assert run(final("customer", HEADS_HELD_OUT_COMPLAINTS[2], 0.0), final("agent", mirrored, 6.0)) == []


def test_the_head_opens_one_moment_a_call():
    """What the customer says after their complaint is the conversation about it: the head does not
    make each later sentence a new complaint (a cue still would)."""
    later = "I paid the fine in cash at the desk last Tuesday and they gave me a receipt."
    out = run(
        final("customer", HEADS_HELD_OUT_COMPLAINTS[1], 0.0),
        final("agent", "So you've paid the library fine twice and it's still blocking your card.", 6.0),
        final("customer", later, 12.0, utt="c2"),
        final("agent", ASK, 18.0, utt="a2"),
    )
    assert out == []


def test_a_weak_complaint_beside_a_feeling_is_answered_by_an_acknowledgement():
    """In an upset turn the most complaint-like other sentence is mirrored even below model_threshold;
    that moment is weak, so an acknowledgement answers it as well as a mirror."""
    turn = "I rang about the boiler on the thirty first. I'm absolutely seething."
    coach = LanguageCoach()
    assert kinds(run(final("customer", turn, 0.0), final("agent", ASK, 6.0), coach=coach)) == [
        "acknowledge_feelings",
        "mirror_complaint",
    ]
    ack = "I'm so sorry, I can see why you're upset. Let me look."
    assert run(final("customer", turn, 0.0), final("agent", ack, 6.0)) == []


def test_an_agent_who_opens_by_saying_the_complaint_back_may_acknowledge_later_in_the_turn():
    """c64: "So last year you took the morning off ... I'm sorry, that's really frustrating." The
    restating opener defers the acknowledgement's verdict to the whole turn."""
    coach = LanguageCoach()
    coach.push(
        final("customer", "Last year nobody came and I'd taken the morning off. It was really frustrating.", 0.0)
    )
    reply = "So last year you took the morning off and nobody came. I'm sorry, that's really frustrating."
    assert coach.push(partial(reply, 7.0, 5, utt="a1")) == []
    assert coach.push(partial(reply, 7.0, 9, utt="a1")) == []
    assert coach.push(final("agent", reply, 7.0, utt="a1")) == []


def test_the_committed_head_was_built_from_the_committed_sentences():
    """Rebuild with ``scripts/train_complaint.py`` after editing the data (``--check`` compares)."""
    import hashlib
    import json

    from coach.language.complaint import HEAD_PATH

    data = HEAD_PATH.parent.parent / "training" / "data" / "complaint_sentences.txt"
    spec = json.loads(HEAD_PATH.read_text(encoding="utf-8"))
    assert spec["data_sha256"] == hashlib.sha256(data.read_bytes()).hexdigest()


def test_a_final_the_escalation_stage_embedded_is_not_embedded_again_by_the_heads(monkeypatch):
    """One MiniLM run per text: the escalation stage's embedding of a one-sentence customer final is
    the one the complaint / feeling heads read (coach/classify/minilm.py keeps the last texts)."""
    import numpy as np

    from coach.classify.minilm import get_embedder
    from coach.classify.text_anger import TextAngerScorer
    from coach.language.complaint import get_complaint_head

    embedder = get_embedder()
    runs: list[str] = []
    real = embedder._run

    def counting(texts, batch_size):
        runs.extend(texts)
        return real(texts, batch_size)

    monkeypatch.setattr(embedder, "_run", counting)
    text = "The hairdresser booked me in twice and charged for both slots on my card."
    stage = TextAngerScorer(embedder=embedder).score(text)
    (reading,) = get_complaint_head().read([text])
    assert runs == [text]
    fresh = real([text], 32)[0][0]
    assert np.array_equal(stage.embedding, fresh)  # the cached vector is the model's, bit for bit
    assert reading.complaint >= load_language_config().mirror_complaint.model_threshold


def test_the_feeling_head_needs_a_higher_bar_after_the_opening_turns():
    """The head's bar is ``model_threshold`` in the customer's first ``opening_turns`` turns and
    ``later_model_threshold`` after (later turns are answers, thanks, relief and doubt). Here the
    opening bar is 0 (any sentence) and the later bar off, so only the timing of the turn decides."""
    import dataclasses

    base = load_language_config()
    ack = dataclasses.replace(
        base.acknowledge_feelings, model_threshold=0.0, later_model_threshold=1.1, opening_turns=1
    )
    cfg = dataclasses.replace(base, acknowledge_feelings=ack)
    line = "I'd like to change the address on the account please."
    first = run(final("customer", line, 0.0), final("agent", ASK, 6.0), coach=LanguageCoach(cfg))
    assert "acknowledge_feelings" in kinds(first)
    coach = LanguageCoach(cfg)
    opening = run(
        final("customer", "Hello there, good morning to you.", 0.0),
        final("agent", "Good morning, how can I help today?", 3.0, utt="a0"),
        coach=coach,
    )
    assert kinds(opening) == ["acknowledge_feelings"]  # the bar of 0 in the opening turn
    later = run(final("customer", line, 8.0, utt="c1"), final("agent", ASK, 14.0, utt="a1"), coach=coach)
    assert "acknowledge_feelings" not in kinds(later)


# Tuning lines of helper M's second round (issue 9): written after the first round, run once (5/15
# nudged), then the upset_cues families were widened where they missed (14/15; "three engineers,
# three different answers, and still no boiler" is left to the mirror). Not held out.
M_TUNED_UNWORDED_FEELINGS = [
    "I've taken two days off for this already and nobody has shown up.",
    "I've been going back and forth with you since January.",
    "Is it too much to ask for a parcel to arrive when you say it will?",
    "You lot clearly don't care about your customers.",
    "My rent is due on Friday and you've frozen my account.",
    "I'm a carer for my mum and I can't keep sitting on the phone all day.",
    "I'm sorry, but I've been more than patient.",
    "I'm not being funny but this is the last straw.",
    "Oh that's just great, so I'm paying for nothing.",
    "Nobody ever calls back, it's always the same.",
    "Do you realise I've been without a phone for a week?",
    "I nearly missed my mother's funeral because of your train.",
    "I want this escalated, I've had no joy with anyone.",
    "Honestly, what's the point of even ringing.",
]


# Session 8 (helper M): upset told as a story, without feeling words (loss, worry, chasing, no basics).
M8_PLAIN_UPSET = [
    "My nan passed away in March and these were the last photos of her.",
    "He's on a drip at the vet now and he's sixteen.",
    "I just keep thinking of him sitting there and nobody noticing.",
    "She was so looking forward to it and she just went quiet.",
    "I've rung you four times this week about it.",
    "Not impressed, to be honest.",
    "No sink, no cooker, and I've been washing up in the bath.",
    "I honestly don't know how I'm going to manage this week.",
    "So I've now been late for work three days running.",
]


@pytest.mark.parametrize("line", M_TUNED_UNWORDED_FEELINGS + M8_PLAIN_UPSET)
def test_upset_without_feeling_words_asks_for_an_acknowledgement(line):
    """Also session 8's stories of loss, worry, chasing and living without the basics (M8_PLAIN_UPSET)."""
    assert "acknowledge_feelings" in moment_kinds(line)


# Written by helper M (issue 9) before any change to the data, the heads or the families, in
# businesses the training data does not cover, and never used to change them. Upset said without
# feeling words; calm lines that look like it; an agent answering a complaint in natural words.
# Before (5f24d12^): feelings 1/12, calm quiet 10/10, natural answers silent 2/4.
# After 5f24d12 (first run): feelings 6/12, calm quiet 10/10, natural answers silent 4/4.
M_HELD_OUT_UNWORDED_FEELINGS = [
    "Do you have any idea how many hours I've spent on hold to you people?",
    "Oh marvellous, another form to fill in, just what I needed.",
    "That's the fourth letter I've had this month saying the same thing.",
    "I've got three kids and no washing machine, so you tell me what I'm supposed to do.",
    "If this isn't sorted today I'll lose the house.",
    "I've not slept properly since the bailiffs' letter came.",
    "Right, that's it, I'm done being polite about this.",
    "Every single time I ring I get a different story.",
    "My mum is eighty-seven and she's been sat in the cold for two days.",
    "Well, that's just brilliant, isn't it.",
    "I've had it with being passed from one department to the next.",
    "This has cost me a day's wages already.",
]
M_HELD_OUT_CALM = [
    "Could you tell me when the vet opens on bank holidays?",
    "I'd like to book the car hire for three days from Friday.",
    "I'm not sure which plan I'm on, could you check?",
    "My daughter starts school in September and I need the uniform list.",
    "Great, that's sorted then, thanks very much.",
    "I rang last week and the lady was really helpful, I just need the reference.",
    "It's the third house we've looked at, we'd like to arrange a viewing.",
    "I've got some time off work next month so I'd like to move the appointment.",
    "Honestly I'm not sure, maybe the Tuesday one?",
    "Lovely, the flowers arrived and she loved them.",
]
M_HELD_OUT_COMPLAINT = "The dentist charged me for a check-up I never had."
M_HELD_OUT_NATURAL_ANSWERS = [
    "So you've been billed for a check-up that didn't happen, I'll look.",
    "I can see the charge for the check-up here, that shouldn't be there.",
    "Right, a charge for an appointment you never attended, let me sort that out for you now.",
    "I'm sorry we charged you for that check-up, I'll take it off today.",
]


def test_upset_without_feeling_words_reaches_its_first_run_floor():
    feelings = sum("acknowledge_feelings" in moment_kinds(f) for f in M_HELD_OUT_UNWORDED_FEELINGS)
    calm = sum(moment_kinds(c) == [] for c in M_HELD_OUT_CALM)
    answered = sum("mirror_complaint" not in moment_kinds(M_HELD_OUT_COMPLAINT, a) for a in M_HELD_OUT_NATURAL_ANSWERS)
    assert "mirror_complaint" in moment_kinds(M_HELD_OUT_COMPLAINT)
    assert feelings >= 6 and calm == 10 and answered == 4


# ---- when the reply is judged: straight to business, or an answer that takes a sentence to come ----
# Written by helper M (issue 9, sixth round) before the timing rule (``business_openers``, a first
# complete sentence, ``restating_openers`` / ``holding_openers``) was tuned, in businesses the tuning
# calls do not cover, and never used to change it. Each reply is streamed word by word (partials) and
# then its final; "silent" means no nudge at any point (a nudge later withdrawn still popped up).
# Before (8e14cc8, judged on the first 4 words): silent 1/8, business nudged for both 6/6.
# First run after the timing rule: silent 5/8, business nudged for both 6/6. Two of the three misses then
# led to general changes (so the set is no longer held out for them): "I'm really sorry." alone is an
# acknowledgement like "I'm so sorry", and an acknowledgement rule waits for the whole turn when the first
# words tell the customer's story back; after them: silent 7/8, business 6/6.
M2_HELD_OUT_ANSWERED = [
    (
        "The plumber you sent on Thursday never turned up and I'd taken the day off for it. I'm really annoyed.",
        "Right, okay. So you took Thursday off and nobody came, that's really not good enough and I'm sorry.",
    ),
    (
        "My new glasses arrived with the wrong prescription in them and I've had a headache for three days. "
        "I'm so fed up.",
        "Oh, three days of headaches with the wrong lenses, no wonder you're fed up. Let's get that put right.",
    ),
    (
        "I booked a table for my parents' anniversary and when we got there you'd given it away. It was so "
        "embarrassing.",
        "Gosh, I'm really sorry. You'd booked for your parents' anniversary and the table had gone when you "
        "arrived, how embarrassing for you.",
    ),
    (
        "The gym took my membership fee twice this month and now I'm overdrawn. I'm worried sick about the charges.",
        "Please don't apologise for ringing. You've been charged twice and it's left you overdrawn, I can "
        "understand why you're worried.",
    ),
    (
        "Our boiler's broken again, that's the third time since you serviced it, and I've got a newborn in the "
        "house. I'm at my wits' end.",
        "Third time since the service, and with a newborn at home. That sounds exhausting, I'm so sorry. Let me "
        "get an engineer booked.",
    ),
    (
        "I ordered a birthday cake for collection today and the shop says there's no record of it. The party's "
        "at four. I'm panicking.",
        "Okay, so the cake you ordered for today isn't showing at the shop and the party's at four. I'd be "
        "panicking too, let me ring them now.",
    ),
    (
        "Your courier left my parcel in the rain and the laptop inside is soaked. I'm absolutely livid.",
        "That's awful, a laptop left out in the rain. I completely understand why you're livid, and I'll start "
        "a claim straight away.",
    ),
    (
        "I've been trying to cancel this subscription for two months and you keep taking money. I'm so frustrated.",
        "Two months of trying to cancel and still being charged, that's really frustrating, and it shouldn't "
        "have happened.",
    ),
]
M2_HELD_OUT_BUSINESS = [  # (the customer line of M2_HELD_OUT_ANSWERED it answers, reply)
    (0, "Can I have the job reference from your confirmation email please?"),
    (1, "What's the order number on the box, it starts with two letters?"),
    (2, "Right. Bookings are only held for fifteen minutes, it's in the terms on the website."),
    (3, "I'll need your membership number and the first line of your address."),
    (4, "Okay, have you checked the pressure gauge on the front of the boiler?"),
    (7, "Let me just bring up your account, what's the email address you signed up with?"),
]


def streamed(customer: str, reply: str) -> set[str]:
    """The kinds of every nudge emitted while ``reply`` streams in word by word, and at its final."""
    coach = LanguageCoach()
    out = coach.push(final("customer", customer, 0.0))
    for k in range(1, len(reply.split())):
        out += coach.push(partial(reply, 12.0, k, utt="a1"))
    out += coach.push(final("agent", reply, 12.0, utt="a1"))
    return {x.kind for x in out if isinstance(x, Nudge)}


def test_the_reply_timing_reaches_its_first_run_floor():
    both = {"acknowledge_feelings", "mirror_complaint"}
    silent = sum(not streamed(c, r) & both for c, r in M2_HELD_OUT_ANSWERED)
    business = sum(both <= streamed(M2_HELD_OUT_ANSWERED[i][0], r) for i, r in M2_HELD_OUT_BUSINESS)
    assert silent >= 7 and business == 6


def test_a_reply_straight_to_business_is_nudged_from_its_first_words_and_a_story_from_its_final():
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    assert kinds(coach.push(partial(MOVES_ON, 7.0, 3, utt="a1"))) == ["acknowledge_feelings", "mirror_complaint"]
    coach = LanguageCoach()
    coach.push(final("customer", CARD, 0.0))
    story = "Right, well the card machines there are run by the garage. We don't see those payments."
    assert coach.push(partial(story, 7.0, 4, utt="a1")) == []  # not yet a sentence: the answer may follow
    assert coach.push(partial(story, 7.0, 10, utt="a1")) == []
    # a statement is judged on the whole turn (session 37, Q35: the acknowledgement often comes after it)
    assert coach.push(partial(story, 7.0, 11, utt="a1")) == []
    assert kinds(coach.push(final("agent", story, 7.0, utt="a1"))) == ["acknowledge_feelings", "mirror_complaint"]


def test_kind_words_or_a_restatement_first_are_judged_on_the_whole_turn():
    for reply in (
        "No, don't apologise at all. Your card was declined at the garage in front of everyone, how embarrassing.",
        "So, this morning at the garage the card was declined in front of everyone. That must have been awful.",
    ):
        assert streamed(CARD, reply) == set(), reply


# Written by helper M (issue 9, sixth round) before the third batch of the heads' data (sarcasm and
# terse upset without feeling words, and their calm look-alikes) and never trained on. Before (the
# second batch, d0dbb4a): upset asks for an acknowledgement 1/12, calm quiet 9/10 ("third time lucky"
# is a phrase-family cue). First run on the third batch: 7/12, 9/10; after adding codes and numbers as
# calm lines (the batch had made "five, five, two, one" read as a feeling, c05): 5/12, 9/10.
M3_HELD_OUT_SARCASM_TERSE = [
    "Oh wonderful, the boiler's packed in again, right before Christmas.",
    "Fantastic. Another Saturday sat in waiting for a van that never comes.",
    "Locked out. Again. Third time this month.",
    "So that's my holiday money gone then, cheers.",
    "Honestly, you couldn't make it up.",
    "Nice of you to finally pick up.",
    "Cracking job you lot did on my roof, it's raining in the bedroom.",
    "Two hours. Two hours I've been on this phone.",
    "Great, so I just pay for something I never got, is that it?",
    "Love how nobody there can give me a straight answer.",
    "Oh, here we go again.",
    "Well that's my daughter's birthday party ruined, thanks.",
]
M3_HELD_OUT_CALM = [
    "Great, that's perfect, thank you.",
    "Oh wonderful, the replacement arrived this morning.",
    "Brilliant, so I just pop it in the post?",
    "Fantastic, see you on Thursday then.",
    "Two hours is fine, I'll wait in.",
    "Lovely, my neighbour can take it in.",
    "Third time lucky, the new card works.",
    "Nice, I didn't know you did weekend slots.",
    "Cheers, that's a weight off.",
    "Right, so I fill in the form and send it back?",
]


def test_sarcasm_and_terse_upset_reach_their_first_run_floor():
    upset = sum("acknowledge_feelings" in moment_kinds(line) for line in M3_HELD_OUT_SARCASM_TERSE)
    calm = sum(moment_kinds(line) == [] for line in M3_HELD_OUT_CALM)
    assert upset >= 5 and calm >= 9


def test_sarcasm_that_holds_both_the_feeling_and_the_trouble_is_mirrored_from_its_own_clauses():
    """One sentence says the feeling (sarcastic praise) and what went wrong: its most complaint-like
    clause is the (weak) mirror moment, answered by an acknowledgement as well as a mirror."""
    line = "Lovely way to spend my only day off, sat on the stairs waiting for a sofa."
    out = run(final("customer", line, 0.0), final("agent", ASK, 6.0))
    assert sorted(kinds(out)) == ["acknowledge_feelings", "mirror_complaint"]
    mirror = next(n for n in out if isinstance(n, Nudge) and n.kind == "mirror_complaint")
    assert mirror.evidence["said"] == "sat on the stairs waiting for a sofa."
    acknowledged = "Oh no, that's a rotten way to spend a day off. Could I take your postcode?"
    assert kinds(run(final("customer", line, 0.0), final("agent", acknowledged, 6.0))) == []


# Written by helper M after c87 ("Sorry, I haven't got a printer") and used to build the
# not_complaints lines for them (tuned, not held out): what the customer has not got with them or
# not done themselves is not a complaint; what the company has not sent still is.
M_TUNED_OWN_LACK = [
    "Sorry, I haven't got my account number to hand.",
    "I didn't get a chance to write it down.",
    "We haven't got a landline any more.",
    "I never got round to registering it.",
    "I haven't had a bill yet because I only moved in.",
    "I haven't got the letter with me, I'm at work.",
    "I didn't get the name of the lady I spoke to.",
    "I haven't received the new card yet but it's only been two days.",
]
M_TUNED_NOT_SENT = [
    "I never got my refund.",
    "I haven't received the parcel and it's been three weeks.",
    "I didn't get any confirmation email.",
]


@pytest.mark.parametrize("line", M_TUNED_OWN_LACK)
def test_what_the_customer_has_not_got_with_them_is_not_a_complaint(line):
    assert moment_kinds(line) == []


@pytest.mark.parametrize("line", M_TUNED_NOT_SENT)
def test_what_the_company_has_not_sent_is_still_a_complaint(line):
    assert "mirror_complaint" in moment_kinds(line)


# Written by helper M (issue 9, session 8): the opening statement of why the customer calls, taken on by the
# agent, needs no mirror; details the agent asked for are not a new complaint; plain-word stories of
# loss, worry and chasing ask for an acknowledgement.
OPENING = "Hi. I've got a laptop covered by your warranty, and it won't turn on since this morning."
M8_TAKING_ON = [
    "Okay, let's take a look. Can I have the policy number, please?",
    "Thanks for letting us know. That's usually an easy fix. Can I take your date of birth?",
    "Right, I can definitely help with that. What's the email on the account?",
    "Oh, sorry about that. Let me get it sorted for you. What's your postcode?",
]


@pytest.mark.parametrize("reply", M8_TAKING_ON)
def test_a_calm_opening_statement_the_agent_takes_on_needs_no_mirror(reply):
    assert streamed(OPENING, reply) == set()


def test_an_opening_statement_the_agent_goes_past_is_still_nudged_but_only_once_the_reply_shows_it():
    assert streamed(OPENING, "Can I have the policy number, please?") == {"mirror_complaint"}
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    reply = "Okay, let's take a look. Can I have the policy number, please?"
    for k in range(1, 4):  # "Okay, let's take": the words could still become "let's take a look"
        assert coach.push(partial(reply, 8.0, k, utt="a1")) == []


def test_a_reply_to_an_opening_statement_is_judged_on_its_whole_turn_unless_it_goes_straight_to_business():
    """Session 16 (Q10, c328): a reply that tells the story back first (misheard: none of the customer's
    words) and takes the problem on at the end of its turn is not nudged from its first sentence, only a
    reply that never takes it on is, at its final."""
    story = "Right, the screen stays black, no lights when you press it, nothing from the fan at all."
    assert streamed(OPENING, story + " That's a worry with work tomorrow, let's get it sorted for you.") == set()
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    reply = story + " The model number is printed on the base."
    early = [coach.push(partial(reply, 8.0, k, utt="a1")) for k in range(1, len(reply.split()))]
    assert not any(early)
    assert kinds(coach.push(final("agent", reply, 8.0, utt="a1"))) == ["mirror_complaint"]


# Session 16 (Q10, c317): the recogniser wrote a long upset turn as one sentence without a full stop, and the
# feeling head, read on whole sentences only, rated the run-on sentence under its bar. New wording, no cue word.
RUN_ON_FEELINGS = [
    "Hi, my son's school trip was booked through your agency in the spring and the coach never turned up this"
    " morning and thirty children were stood at the gate for two hours and the parents keep ringing me and I feel"
    " sick about the whole thing.",
    "Hi, the removal men you sent on Friday dropped my late gran's dresser on the drive and the back leg snapped"
    " clean off and it has been in the family a hundred years so I just keep welling up every time I walk past it.",
]
RUN_ON_CALM = [
    "Hello, I'm ringing about the garden room we ordered in the spring and I wanted to check the delivery date"
    " because my brother is coming to help us build it and he needs to book the Friday off work so could you tell"
    " me the day.",
    "Hi there, I'd like to add my wife to the car insurance from the first of next month because she's passed her"
    " test and she'll be driving it to work three days a week and parking it on the drive at night if that's alright.",
]


def _ack_kinds(customer: str, run_on_words: int | None = None) -> list[str]:
    base = load_language_config()
    ack = base.acknowledge_feelings
    if run_on_words is not None:
        ack = dataclasses.replace(ack, run_on_words=run_on_words)
    coach = LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))
    coach.push(final("customer", customer, 0.0))
    out = coach.push(final("agent", "Can I take the booking reference, please?", 30.0, utt="a1"))
    return [k for k in kinds(out) if k == "acknowledge_feelings"]


@pytest.mark.parametrize("customer", RUN_ON_FEELINGS)
def test_a_feeling_in_a_sentence_the_recogniser_ran_on_is_heard_from_its_clause(customer):
    assert len(customer.split()) >= load_language_config().acknowledge_feelings.run_on_words
    assert _ack_kinds(customer) == ["acknowledge_feelings"]
    assert _ack_kinds(customer, run_on_words=0) == []  # whole sentences only: the run-on reads calm


@pytest.mark.parametrize("customer", RUN_ON_CALM)
def test_a_calm_run_on_turn_asks_for_no_acknowledgement(customer):
    assert _ack_kinds(customer) == []


def test_taking_it_on_does_not_answer_an_upset_opening_or_a_later_complaint():
    upset = OPENING + " I'm absolutely furious, my dissertation is on it."
    assert "mirror_complaint" in streamed(upset, "Okay, let's take a look. Can I have the policy number, please?")
    # a later complaint, once the call's complaint was stated (session 9: the call's *first* complaint,
    # said calmly after a plain request, is the reason for calling and taking it on answers it, c161)
    coach = LanguageCoach()
    out = coach.push(final("customer", OPENING, 0.0))
    out += coach.push(final("agent", "Okay, let's take a look. Can I have the policy number, please?", 6.0))
    out += coach.push(final("customer", "It's TC four four one.", 11.0))
    out += coach.push(final("agent", "Thanks, I've booked a courier to collect it on Monday.", 14.0))
    out += coach.push(final("customer", "And the charger you sent last time was broken too.", 19.0))
    out += coach.push(final("agent", "Okay, let's take a look at that.", 24.0))
    assert kinds(out) == ["mirror_complaint"]


def test_details_the_agent_asked_for_after_taking_the_problem_on_are_not_a_new_complaint():
    turns = [
        ("customer", OPENING),
        ("agent", "Okay, let's take a look. Does anything happen at all when you press the button?"),
        ("customer", "Nothing. The light comes on, but the screen stays black and there's no noise."),
        ("agent", "Okay. Have you tried holding the power button down for twenty seconds?"),
    ]
    asked_with_a_full_stop = dict(enumerate(turns))
    asked_with_a_full_stop[1] = (
        "agent",
        "Okay, let's take a look. And when you press it, does anything happen at all.",
    )
    for script in (turns, list(asked_with_a_full_stop.values())):  # c137: the recogniser's full stop
        coach = LanguageCoach()
        out = [n for i, (who, text) in enumerate(script) for n in coach.push(final(who, text, 7.0 * i))]
        assert kinds(out) == []
    coach = LanguageCoach()
    out = [n for i, (who, text) in enumerate(turns) for n in coach.push(final(who, text, 7.0 * i))]
    assert kinds(out) == []
    # ... but a customer who was not asked, or says how they feel, is heard
    out = coach.push(final("customer", "Yes, and now it's been charged twice on my card. I'm so fed up.", 26.0))
    out += coach.push(final("agent", "Can I take the last four digits of the card?", 32.0))
    assert set(kinds(out)) == {"mirror_complaint", "acknowledge_feelings"}


@pytest.mark.parametrize(
    "line", ["Two charges for one ride on Saturday.", "You charged me for a ride that never happened."]
)
def test_the_same_thing_charged_twice_or_for_nothing_is_a_complaint(line):
    assert "mirror_complaint" in moment_kinds(line)


def test_something_the_customer_asks_to_have_kept_is_not_a_complaint():
    assert "mirror_complaint" not in moment_kinds("And can it be kept on one side before it's sent?")


def test_a_two_word_question_is_a_reply_but_sorry_what_is_not():
    assert set(
        kinds(
            run(
                final("customer", "Tracking says delivered. It wasn't. I'm sick of it.", 0.0),
                final("agent", "Tracking number?", 6.0),
            )
        )
    ) == {"mirror_complaint", "acknowledge_feelings"}
    assert (
        kinds(
            run(
                final("customer", "Tracking says delivered. It wasn't. I'm sick of it.", 0.0),
                final("agent", "Sorry, what?", 6.0),
            )
        )
        == []
    )


# ---- session 9: the reply to the complaint, and well-handled calls kept quiet (c152-c162) ----------


@pytest.mark.parametrize("reply", ["Membership number.", "Claim reference.", "Your postcode."])
def test_a_two_word_request_without_its_question_mark_is_a_reply(reply):
    """The recogniser often drops the "?" of a short request (c152, c159): it still goes straight to business."""
    upset = "Someone drove into my car three weeks ago and I've heard nothing since. I'm at my wits end."
    out = run(final("customer", upset, 0.0), final("agent", reply, 8.0))
    assert sorted(kinds(out)) == ["acknowledge_feelings", "mirror_complaint"]
    assert kinds(run(final("customer", upset, 0.0), final("agent", "Right then.", 8.0))) == []


@pytest.mark.parametrize("level", ["calm", "tense"])
def test_an_instruction_opening_its_sentence_is_not_a_complaint(level):
    """ "Do not turn on ..." has no subject that something went wrong for (c160: a greeting misheard), even
    in a voice the escalation model rates tense; "it does not turn on" is a complaint."""
    coach = LanguageCoach()
    coach.set_customer_upset(level)
    opening = final("customer", "Do not turn on Aaron. I'd like to change my address before the next repeat.", 0.0)
    assert run(opening, final("agent", "Certainly, are you named on his account?", 8.0), coach=coach) == []
    assert "mirror_complaint" in moment_kinds("The new telly does not turn on at all.")


def test_a_calm_first_complaint_later_in_the_call_is_answered_by_taking_it_on():
    """The call's first complaint, said calmly after a request, is the reason for calling: an acknowledgement
    answers it (c161); the same words as an answer after a complaint was already mirrored are not opening."""
    out = run(
        final("customer", "I'd like to ask about getting a bigger recycling bin, please.", 0.0),
        final("agent", "I can help with that. What's the address?", 5.0),
        final("customer", "It's twenty seven Linden Avenue.", 9.0),
        final("agent", "Thank you, you've got the standard bin at the moment.", 12.0),
        final("customer", "That's right, with six of us it's full within a week.", 16.0),
        final("agent", "I understand, that's a lot of recycling for one bin.", 21.0),
    )
    assert out == []


def test_a_new_request_said_calmly_is_answered_by_taking_it_on():
    """ "While I'm on, ..." raises a new reason for calling (c161): saying yes and doing it answers it; an
    agent who goes straight past it is still nudged."""
    request = "Perfect, thank you. While I'm on, our food caddy has a cracked lid. Is that something you replace?"
    before = [
        final("customer", "Hello, the bins weren't collected on Tuesday and nobody has come since.", 0.0),
        final("agent", "So the bins weren't collected on Tuesday, I'll get the crew back out tomorrow.", 6.0),
        final("customer", request, 14.0),
    ]
    assert run(*before, final("agent", "Yes, we do. I'll add a new caddy to the same delivery.", 22.0)) == []
    out = run(*before, final("agent", "The crew comes on Thursday mornings between seven and nine.", 22.0))
    assert kinds(out) == ["mirror_complaint"]


def test_a_fear_of_what_may_have_happened_asks_for_an_acknowledgement_not_a_mirror():
    """ "I'm so worried she's broken something" (c162) is a feeling: the acknowledgement rule answers it."""
    assert moment_kinds("Okay, I'm so worried she's broken something.") == ["acknowledge_feelings"]


@pytest.mark.parametrize(
    "line",
    [
        "My train was an hour late, which was a real treat after a ten hour shift.",
        "You rejected my claim. Marvellous, it's the only thing you run on time.",
    ],
)
def test_sarcastic_thanks_for_the_trouble_is_a_feeling(line):
    """Sarcasm says the feeling without a feeling word (c153)."""
    assert "acknowledge_feelings" in moment_kinds(line)


@pytest.mark.parametrize(
    "invite", ["Okay, go on.", "Mm, carry on.", "Right, I'm listening.", "Okay, and then what happened?"]
)
def test_an_invitation_to_go_on_is_not_the_reply_judged(invite):
    """An agent who only invites the customer to go on has not replied yet: the reply after the fullest
    statement is judged (here it goes straight to business and misses both)."""
    first = final("customer", "My card got declined at the garage this morning.", 0.0)
    rest = final("customer", "In front of everyone. I felt so humiliated.", 7.0)
    assert run(first, final("agent", invite, 5.0), rest) == []
    out = run(first, final("agent", invite, 5.0), rest, final("agent", "What's the sort code on the card?", 11.0))
    assert sorted(kinds(out)) == ["acknowledge_feelings", "mirror_complaint"]
    assert all(n.evidence["agent_said"].startswith("What's") for n in out)


# ---- session 10: the eighth part's quiet calls kept quiet, its misses as families (c173-c187) --------


@pytest.mark.parametrize(
    "line",
    [
        "That's what worried me. What are the fixed rates at the moment?",
        "That's exactly what I was worried about, yes.",
        "Which was my main worry, to be honest. Can you check it for me?",
    ],
)
def test_a_worry_pointed_back_at_what_the_agent_said_is_not_upset(line):
    """The customer agreeing with the agent's explanation of a risk the call deals with (c184) asks for no
    acknowledgement; a worry of their own still does."""
    explained = "If nothing is chosen by the end date it moves to the standard rate, so it's good you called."
    out = run(final("agent", explained, 0.0), final("customer", line, 6.0), final("agent", ASK, 12.0))
    assert "acknowledge_feelings" not in kinds(out)
    assert "acknowledge_feelings" in moment_kinds("I'm really worried we'll end up on the higher rate.")


def _feeling_bar_coach(opening: float = 0.0, later: float = 1.1, turns: int = 2) -> LanguageCoach:
    """A coach whose feeling head opens a moment on any sentence in the ``turns`` opening turns (bar
    ``opening``) and on none after them (``later`` above 1): only the turn decides (every reading strong: a mirror
    beside it takes nothing away, ``strong_model_threshold`` 0)."""
    import dataclasses

    base = load_language_config()
    ack = dataclasses.replace(
        base.acknowledge_feelings,
        model_threshold=opening,
        later_model_threshold=later,
        opening_turns=turns,
        strong_model_threshold=0.0,
    )
    return LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))


@pytest.mark.parametrize(
    "request_",
    ["Of course. Could I have the name on the booking?", "Lovely. What's the reference number?", "Your surname."],
)
def test_the_answer_to_a_request_for_details_is_read_at_the_later_bar(request_):
    """A name or a number the agent asked for is an answer, which the head over-rates (c187's "Yes, it's
    Tariq Hussain" heard as "tart cussing", 0.80): read at ``later_model_threshold`` even in the opening
    turns. The same words after an agent statement are read at the opening bar. (The answer is booked "under" the
    name: "Yes, it's Tariq Hussain." alone introduces a caller, which says no feeling at any bar: session 52, Q50.)"""
    answer = final("customer", "Yes, it's under Tariq Hussain.", 6.0)
    for reply, heard in ((request_, False), ("Thanks, I've found your booking for the twentieth.", True)):
        out = run(final("agent", reply, 0.0), answer, final("agent", ASK, 10.0), coach=_feeling_bar_coach())
        assert ("acknowledge_feelings" in kinds(out)) is heard, reply


@pytest.mark.parametrize(
    "line", ["Please, let's go in the five-year fixed men.", "Let's go for the two year one then."]
)
def test_a_choice_taken_from_what_the_agent_offered_is_not_a_feeling(line):
    """Taking an offer is a decision (c184: "Let's go with the five year fix" misheard and rated 0.85 by the
    head): neither a feeling nor, through it, a weak complaint, even at a bar of 0."""
    out = run(final("customer", line, 0.0), final("agent", ASK, 6.0), coach=_feeling_bar_coach())
    assert kinds(out) == []


@pytest.mark.parametrize(
    "line",
    [
        "I've just had an email saying my application is incomplete because my second reference is missing.",
        "Apparently my claim form is incomplete, the photos are missing.",
    ],
)
def test_paperwork_the_customer_still_has_to_send_is_not_a_complaint(line):
    """Their own reference or form missing is a request for help (c173), not something we did wrong; things
    missing from what we sent still are."""
    assert "mirror_complaint" not in moment_kinds(line)
    assert "mirror_complaint" in moment_kinds("The wardrobe came yesterday with two doors missing.")


@pytest.mark.parametrize(
    "line",
    [
        "I live on my own, I'm on a pension, and I've been lying awake over it.",
        "I haven't slept properly since the letter came.",
        "Honestly, I can't sleep for thinking about the bill.",
    ],
)
def test_losing_sleep_over_it_is_a_feeling(line):
    """Said without a feeling word (c178)."""
    assert "acknowledge_feelings" in moment_kinds(line)


def test_living_without_the_basics_in_a_room_is_upset_and_needs_the_mirror_besides_the_acknowledgement():
    """ "No water in the kitchen for a week" is living without the basics (c183): an upset opening, which an
    acknowledgement followed by a question answers for the feeling but not for the mirror."""
    story = "Your fitters ripped out our old kitchen and we've had no water in the kitchen for a week."
    out = run(final("customer", story, 0.0), final("agent", "I can hear you're fed up. What's the order number?", 8.0))
    assert kinds(out) == ["mirror_complaint"]


def test_a_calm_answer_to_the_agents_question_is_not_read_by_the_complaint_head():
    """In a calm call about a request, what the customer says when asked ("Have you been with us before?"
    "New. I was with another provider, but my contract with them ends this month": 0.90 to the head,
    c185) opens no mirror moment; the same words not asked for still do, and so does a complaint cue."""
    opening = final("customer", "Hi, I'm moving into a new flat on the fifteenth and I'd like broadband there.", 0.0)
    answer = "New. I was with another provider, but my contract with them ends this month."
    then = final("agent", "Okay, then I'll need your full name and date of birth for the account.", 16.0, utt="a2")
    asked = final("agent", "Lovely. Have you been with us before, or is this a new account?", 6.0, utt="a1")
    told = final("agent", "Lovely. That building already has full fibre to each flat.", 6.0, utt="a1")
    assert run(opening, asked, final("customer", answer, 11.0, utt="c2"), then) == []
    assert kinds(run(opening, told, final("customer", answer, 11.0, utt="c2"), then)) == ["mirror_complaint"]
    cue = "New. My last provider charged me twice for the same month."
    assert kinds(run(opening, asked, final("customer", cue, 11.0, utt="c2"), then)) == ["mirror_complaint"]


@pytest.mark.parametrize("asked", [True, False])
def test_an_answer_of_letters_and_digits_counts_as_a_turn(asked):
    """The answer to a request for details is one of the customer's turns even when the heads score nothing
    in it (c105: "J K one two, three four, five six, C"): what follows is read at the later bar. A line of
    digits the agent did not ask for does not count (nothing in it was scored)."""
    first = "Can I take your national insurance number please?" if asked else "Thanks for holding, one moment."
    out = run(
        final("agent", first, 0.0),
        final("customer", "1 2 3 4 5 6 C.", 4.0),
        final("agent", "Thank you, I've found the account now.", 8.0),
        final("customer", "Keep doing the manual, don't move it into my phone.", 12.0),
        final("agent", ASK, 16.0),
        coach=_feeling_bar_coach(turns=1),
    )
    assert ("acknowledge_feelings" in kinds(out)) is not asked


def test_a_reply_opening_with_when_it_happened_and_the_story_told_back_may_acknowledge_later():
    """Session 15 (Q9), c330's class: "So twice this week you were up before six ..." has three words
    between "So" and "you" and was judged on its first twelve words, before "I'd be upset too". A "So"
    and a past verb after "you" is a story told back: the whole turn is judged (new wording here)."""
    coach = LanguageCoach()
    coach.push(final("customer", "Nobody returned my calls on Monday or Wednesday and I'm really upset.", 0.0))
    reply = "So three mornings running you were left waiting by the phone with no word from anyone. I'd be upset too."
    seen = [n for stable in (4, 8, 12, 15) for n in coach.push(partial(reply, 7.0, stable, utt="a1"))]
    seen += coach.push(final("agent", reply, 7.0, utt="a1"))
    assert "acknowledge_feelings" not in kinds(seen)  # (the mirror, in other words, is another rule's call)
    # the same opener and no acknowledgement by the end of the turn: still nudged, from the final
    coach = LanguageCoach()
    coach.push(final("customer", "Nobody returned my calls on Monday or Wednesday and I'm really upset.", 0.0))
    cold = "So three mornings running you were left waiting by the phone. What's the account number?"
    assert "acknowledge_feelings" not in kinds(coach.push(partial(cold, 7.0, 12, utt="a1")))
    assert "acknowledge_feelings" in kinds(coach.push(final("agent", cold, 7.0, utt="a1")))


# ---- session 16, second round: a newcomer not knowing how the service goes (c352) ----------------------------


@pytest.mark.parametrize(
    ("line", "is_exception"),
    [
        ("It's my first time with a physio, so I'm not really sure what to expect.", True),
        ("I've never had a survey done, I don't know how the process works.", True),
        ("No idea what happens at the appointment, to be honest.", True),
        ("That's not how it works, you promised me a refund in writing.", False),
        ("I don't know how I'm going to cope if this goes on.", False),
        ("I'm worried sick and I don't know what to do.", False),
    ],
)
def test_not_knowing_how_a_service_goes_is_not_a_feeling(line, is_exception):
    """A first-timer's "not sure what to expect" is a question about the service (answered by explaining it), so
    it is among the acknowledgement rule's ``not_upset`` exceptions; not knowing how to cope, or a refusal quoted
    back, is not covered by them."""
    exceptions = compile_patterns(load_language_config().acknowledge_feelings.not_upset)
    assert (first_match(line.lower(), exceptions) is not None) is is_exception
