"""No nudge on a well-handled call (issue 9) by class: the false mirror, acknowledge and positive-language nudges
that sessions 17-30 found on must-stay-quiet calls (a feeling told it is nothing to be ashamed of, sympathy with the
verb mis-heard, praise of how a thing looks "on you", a delighted customer, a polite reply to a hold, a question
about the work that says no feeling), each with look-alikes that must still be nudged.

Moved here from the per-session files test_language_q12_quiet_classes.py, test_language_q13_classes.py ...
test_language_q16_classes.py, test_language_q18_classes.py ... test_language_q20_classes.py and test_quiet_q28.py
(session 35, T1); each part keeps its session's docstring as a comment. Tests are unchanged; a name two sessions
shared carries its session's tag. New tests of a quiet call's classes go here or in a topic file
``test_quiet_<topic>.py``, never in a file named after a session or helper."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach
from coach.language.closing import ClosingRule
from coach.language.complaint import Reading, Unit
from coach.language.config import load_language_config
from coach.language.listening import AcknowledgeFeelingsRule, MirrorComplaintRule, _says_yes, acknowledges
from coach.language.patterns import compile_patterns
from coach.language.text import first_match, sentences
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal, seconds_to_samples
from tests.test_language_config_source import marked
from tests.test_language_rules import final, kinds, run
from tests.test_language_stream import heard_after
from tests.test_language_wording import closing_fired, kinds_fired, wording_list
from tests.wording_helpers import utterance as _utt

# ====================================================================================================
# Moved from tests/test_language_q12_quiet_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 17 (Q12), issue 9: classes behind false mirror / acknowledge / positive-language nudges on
# must-stay-quiet calls, in wording written here (not the calls'): the feeling told it is nothing to be
# ashamed of and the change named (acknowledgements), the busy place the customer rings from (not a
# feeling), a clean record over years (not a complaint), ringing whoever holds the customer's thing (taking
# the problem on), money the customer keeps not taken back (reassurance, not a refusal); and the
# look-alikes that keep their nudge. Text level only (no audio, no model): milliseconds each.
# ====================================================================================================

CFG = load_language_config()
ACKS = compile_patterns(CFG.acknowledge_feelings.acknowledgements)
NOT_UPSET = compile_patterns(CFG.acknowledge_feelings.not_upset)
NOT_COMPLAINTS = compile_patterns(CFG.mirror_complaint.not_complaints)
TAKING_ON = compile_patterns(CFG.mirror_complaint.taking_on)


@pytest.mark.parametrize(
    "reply",
    [
        "Honestly, don't feel silly at all, lots of people find the hygienist daunting.",
        "There's no need to be ashamed, it happens to loads of our customers.",
        "You're definitely not the first person to ring us about this.",
        "That's a huge step for a little one, moving class in the middle of the year.",
        "What a big change for you both.",
    ],
)
def test_the_feeling_normalised_or_the_change_named_acknowledges(reply: str) -> None:
    assert acknowledges(reply, ACKS), reply


@pytest.mark.parametrize(
    "reply",
    [
        "Don't be late for the appointment on Friday.",
        "It happens on the first Monday of the month.",
        "That's a change of address done.",
    ],
)
def test_look_alikes_do_not_acknowledge(reply: str) -> None:
    assert not acknowledges(reply, ACKS), reply


def test_the_busy_place_rung_from_is_not_a_feeling() -> None:
    assert first_match("Sorry about the noise, it's manic out here at the station.", NOT_UPSET)
    assert first_match("It's so crazy in here today, bear with me.", NOT_UPSET)
    assert not first_match("It's crazy that you charged me twice.", NOT_UPSET)


def test_a_clean_record_over_years_is_not_a_complaint() -> None:
    assert first_match("I've had no accidents at all in the last six years.", NOT_COMPLAINTS)
    assert first_match("We have had no trouble with it in over ten years.", NOT_COMPLAINTS)
    assert not first_match("We've had no hot water since Tuesday.", NOT_COMPLAINTS)


def test_ringing_whoever_holds_the_customers_thing_takes_it_on() -> None:
    assert first_match("I'd like to ring the warehouse to find out where it is.", TAKING_ON)
    assert first_match("Let me just get hold of the engineer for you.", TAKING_ON)
    assert not first_match("I'd like to ring you back tomorrow.", TAKING_ON)


def test_money_the_customer_keeps_not_taken_back_is_reassurance() -> None:
    assert "positive_language" not in kinds_fired("And the allowance paid last week won't be clawed back.")
    assert "positive_language" not in kinds_fired("Don't worry, the refund won't be taken back from you.")
    assert "positive_language" in kinds_fired("I'm afraid we won't take the parcel back once it's opened.")


# ====================================================================================================
# Moved from tests/test_language_q13_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 18 (Q13), issue 9: classes of false nudges on well-handled calls, in words written for them
# (``tests/data/language_wording/tuning_q13.toml``): sympathy "I can't <verb> how hard ..." whatever verb the
# recogniser heard for "imagine"; "none the" that is no refusal; a customer's opening taken on by a short yes
# ("Course we can.") however its first words were heard. Text level only (no audio): about a second in all.
# ====================================================================================================

LIST = wording_list("tuning_q13")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_refusals_that_look_like_the_classes_still_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", marked(LIST["quiet"]["lines"]))
def test_sympathy_and_none_the_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


def _mirror(customer: str, agent: str) -> bool:
    return "mirror_complaint" in kinds(run(final("customer", customer, 0.0), final("agent", agent, 9.0)))


@pytest.mark.parametrize(("customer", "agent"), LIST["mirror_taken_on"]["pairs"])
def test_an_opening_taken_on_by_a_short_yes_is_answered(customer: str, agent: str) -> None:
    assert not _mirror(customer, agent)


@pytest.mark.parametrize(("customer", "agent"), LIST["mirror_missed"]["pairs"])
def test_no_yes_no_answer(customer: str, agent: str) -> None:
    assert _mirror(customer, agent)


def test_a_yes_is_a_short_first_sentence_ending_on_we_or_i_can() -> None:
    assert _says_yes("I'm close, we can. Policy number?")
    assert _says_yes("We certainly can.")
    assert not _says_yes("Can we?")
    assert not _says_yes("We can't.")
    assert not _says_yes("Right, the fee is what it is and we can.")


# ====================================================================================================
# Moved from tests/test_language_q14_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 18 (Q14), issue 9: classes of false nudges on well-handled calls, in words written for them
# (``tests/data/language_wording/tuning_q14.toml``): "I'd be <feeling> too" with "I'd" misheard answers the
# feeling; a customer's surprised echo of the agent's offer says no feeling; the customer's "nothing else" in
# their own words answers "anything else?". Phrase tables only (no audio, no heads): well under a second.
# ====================================================================================================

LIST_Q14 = wording_list("tuning_q14")
CLOSING = ClosingRule(CFG.check_anything_else)


@pytest.mark.parametrize("line", LIST_Q14["acknowledgements"]["lines"])
def test_id_be_furious_too_misheard_acknowledges(line: str) -> None:
    assert acknowledges(line, ACKS)


@pytest.mark.parametrize("line", LIST_Q14["not_acknowledgements"]["lines"])
def test_and_be_careful_too_does_not(line: str) -> None:
    assert not acknowledges(line, ACKS)


@pytest.mark.parametrize("line", LIST_Q14["echoes"]["lines"])
def test_a_surprised_echo_says_no_feeling(line: str) -> None:
    assert first_match(line, NOT_UPSET) is not None


@pytest.mark.parametrize("line", LIST_Q14["not_echoes"]["lines"])
def test_feelings_are_no_echo(line: str) -> None:
    assert first_match(line, NOT_UPSET) is None


@pytest.mark.parametrize("line", LIST_Q14["ask_answers"]["lines"])
def test_nothing_else_in_own_words_answers_the_ask(line: str) -> None:
    assert CLOSING._answers_ask(line)


@pytest.mark.parametrize("line", LIST_Q14["not_ask_answers"]["lines"])
def test_other_nos_do_not(line: str) -> None:
    assert not CLOSING._answers_ask(line)


# ====================================================================================================
# Moved from tests/test_language_q15_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 19 (Q15), issue 9: classes of false nudges on well-handled calls, in words written for them
# (``tests/data/language_wording/tuning_q15.toml``): praise of how a thing looks "on you" is no blame (a
# "that's" heard as "nice" counts with the reason after it); a lone "Breathe." opening an agent turn said as
# the call closes is no calm-down; a customer sentence whose words the recogniser was mostly unsure of says
# no feeling, whatever the feeling head rates it. Phrase tables and word probabilities only (the head's
# rating is given, not computed): well under a second after the config load.
# ====================================================================================================

LIST_Q15 = wording_list("tuning_q15")
UNSURE_P, SURE_P = 0.2, 0.9
HEAD = Reading(complaint=0.1, feeling=0.79)  # c400's garbled opening sentence as the feeling head rated it


@pytest.mark.parametrize("line", LIST_Q15["blame"]["lines"])
def test_blame_on_you_is_caught(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_Q15["compliments"]["lines"])
def test_praise_on_you_is_no_blame(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


def _calm_downs_standing(customer: str, agent: str) -> tuple[int, int]:
    """(calm-down nudges shown, calm-downs still standing after the agent's final) for an agent turn heard
    word by word (each partial holds the words so far, all but the last two committed) after a call's
    opening exchange and the customer's turn ``customer``."""
    coach = LanguageCoach(CFG)
    coach.push(final("customer", "Hi, I'm calling about the order for my garden bench.", 1.0, utt="c1"))
    coach.push(final("agent", "Of course, let me pull that up for you now.", 6.0, utt="a1"))
    coach.push(final("customer", customer, 11.0, utt="c2"))
    words, out = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 16.0, utt="a2")
        out += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    out += coach.push(final("agent", agent, 16.0, utt="a2"))
    shown = {n.moment for n in out if isinstance(n, Nudge) and n.kind == "avoid_calm_down"}
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return len(shown), len(shown - taken)


@pytest.mark.parametrize(("customer", "agent"), LIST_Q15["closing_breathe"]["pairs"])
def test_a_lone_breathe_as_the_call_closes_is_no_calm_down(customer: str, agent: str) -> None:
    shown, standing = _calm_downs_standing(customer, agent)
    assert standing == 0
    if "else" in customer or "everything" in customer:  # the close known before the agent spoke
        assert shown == 0


@pytest.mark.parametrize(("customer", "agent"), LIST_Q15["calm_down_breathe"]["pairs"])
def test_breathe_said_as_a_calm_down_stays_one(customer: str, agent: str) -> None:
    assert _calm_downs_standing(customer, agent)[1] == 1


def _felt(line: str) -> str | None:
    """The feeling the acknowledge rule reads in the customer's first turn ``line`` (words ending "~" heard
    at p 0.2, the others at 0.9), every sentence rated :data:`HEAD` by the feeling head."""
    e = final("customer", line.replace("~", ""), 1.0)
    e["words"] = [
        dict(w, p=UNSURE_P if said.endswith("~") else SURE_P) for w, said in zip(e["words"], line.split(), strict=True)
    ]
    u = Utterance.from_event(e)
    turn = [Unit(s.text, s.text, HEAD) for s in sentences(u.text)]
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    return rule.felt(u, turn)


@pytest.mark.parametrize("line", LIST_Q15["unsure"]["lines"])
def test_a_sentence_heard_unsure_says_no_feeling(line: str) -> None:
    assert _felt(line) is None


@pytest.mark.parametrize("line", LIST_Q15["sure"]["lines"])
def test_a_sentence_heard_sure_keeps_the_heads_feeling(line: str) -> None:
    assert _felt(line) is not None


def test_the_gate_is_off_at_zero_and_without_word_probabilities() -> None:
    line = LIST_Q15["unsure"]["lines"][0]
    off = dataclasses.replace(CFG.acknowledge_feelings, unsure_word_p=0.0)
    e = final("customer", line.replace("~", ""), 1.0)
    u = Utterance.from_event(dict(e, words=[dict(w, p=UNSURE_P) for w in e["words"]]))
    turn = [Unit(s.text, s.text, HEAD) for s in sentences(u.text)]
    assert AcknowledgeFeelingsRule(off).felt(u, turn) is not None
    bare = Utterance.from_event(dict(e, words=[]))
    assert AcknowledgeFeelingsRule(CFG.acknowledge_feelings).felt(bare, turn) is not None


# ====================================================================================================
# Moved from tests/test_language_q16_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 19, second round (Q16), issue 9: classes of false nudges the eighteenth part left on its quiet calls,
# in words written for them (``tests/data/language_wording/tuning_q16.toml``): a delighted customer (praise of
# the work before a disbelief or verdict word, the verdict said later of the thing they book for, a surprise as a
# gift) is not upset while the level is calm; a refusal's "can't" that the turn's partials also heard as "can"
# waits for the committed words or the final; a sentence asking after progress says no feeling by the head; a
# word the recogniser split at an apostrophe ("ma" + "'am,") keeps the word-confidence gate working; "while
# you're on" heard "while you're wrong" in a closing question is no blame. Phrase tables and word probabilities
# only (the head's rating is given, not computed).
# ====================================================================================================

LIST_Q16 = wording_list("tuning_q16")
HEAD_Q16 = Reading(complaint=0.1, feeling=0.84)  # c423's "how I wondered how it's getting young." as the head rated it
CALM = Reading(complaint=0.05, feeling=0.05)


def _units(u: Utterance, reading: Reading) -> list[Unit]:
    return [Unit(s.text, s.text, reading) for s in sentences(u.text)]


def _felt_q16(earlier: str, line: str, *, level: str = "calm", reading: Reading = CALM) -> str | None:
    """The feeling the acknowledge rule reads in the customer's turn ``line`` (every sentence rated ``reading``
    by the head) after their turn ``earlier`` (rated calm; none when empty) and an agent reply, at ``level``."""
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    rule.set_level(level)
    if earlier:
        u0 = Utterance.from_event(final("customer", earlier, 1.0, utt="c1"))
        rule.on_customer(u0, _units(u0, CALM))
        rule.on_agent(Utterance.from_event(final("agent", "Thank you, that's kind of you to say.", 6.0, utt="a1")))
    u = Utterance.from_event(final("customer", line, 11.0, utt="c2"))
    return rule.felt(u, _units(u, reading))


@pytest.mark.parametrize(("earlier", "line"), LIST_Q16["delighted"]["pairs"])
def test_a_delighted_customer_is_not_upset(earlier: str, line: str) -> None:
    assert _felt_q16(earlier, line) is None


@pytest.mark.parametrize(("earlier", "line"), [p for p in LIST_Q16["delighted"]["pairs"] if p[0]])
def test_the_head_says_nothing_of_a_delighted_customer(earlier: str, line: str) -> None:
    assert _felt_q16(earlier, line, reading=HEAD_Q16) is None


@pytest.mark.parametrize(("earlier", "line"), [p for p in LIST_Q16["delighted"]["pairs"] if "surprise" not in p[1]])
def test_a_tense_level_keeps_the_verdict_upset(earlier: str, line: str) -> None:
    assert _felt_q16(earlier, line, level="tense") is not None


@pytest.mark.parametrize(("earlier", "line"), LIST_Q16["still_upset"]["pairs"])
def test_upset_words_around_praise_stay_upset(earlier: str, line: str) -> None:
    assert _felt_q16(earlier, line) is not None


@pytest.mark.parametrize("line", LIST_Q16["enquiry"]["lines"])
def test_an_enquiry_after_progress_says_no_feeling(line: str) -> None:
    assert _felt_q16("", line, reading=HEAD_Q16) is None


@pytest.mark.parametrize("line", LIST_Q16["not_enquiry"]["lines"])
def test_other_sentences_keep_the_heads_feeling(line: str) -> None:
    assert _felt_q16("", line, reading=HEAD_Q16) is not None


def test_a_word_split_at_an_apostrophe_keeps_its_probabilities() -> None:
    """c423's "Deli, ma'am, please, ..." written from the pieces "ma" + "'am,": the gate reads the sentence's
    word probabilities (six of its ten pieces under 0.5, so the head's 0.91 says nothing)."""
    said = [("Deli,", 0.27), ("ma", 0.07), ("'am,", 0.89), ("please,", 0.37), ("it's", 0.85), ("hard", 0.29)]
    said += [("to", 0.99), ("end", 0.34), ("before", 0.81), ("me.", 0.30)]
    e = final("customer", "Deli, ma'am, please, it's hard to end before me.", 1.0)
    e["words"] = [{"w": w, "start": 1.0 + i * 0.3, "end": 1.25 + i * 0.3, "p": p} for i, (w, p) in enumerate(said)]
    u = Utterance.from_event(e)
    assert u.piece_ps(u.text, u.text) == [p for _, p in said]  # "ma'am" keeps both pieces
    assert u.piece_ps(u.text, "it's hard to end before me.") == [0.85, 0.29, 0.99, 0.34, 0.81, 0.30]
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    assert rule.felt(u, _units(u, Reading(complaint=0.1, feeling=0.91))) is None


@pytest.mark.parametrize("line", LIST_Q16["closing_wrong"]["lines"])
def test_while_youre_wrong_in_a_closing_question_is_no_blame(line: str) -> None:
    assert "positive_language" not in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_Q16["blame_wrong"]["lines"])
def test_the_customer_told_they_are_wrong_is_blame(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


def _refusals(partials: list[str], last: str) -> tuple[int, int]:
    """(positive_language nudges shown from an agent turn's partials ``partials`` (nothing committed yet), those
    still standing after its final ``last``), after a customer's question."""
    coach = LanguageCoach(CFG)
    coach.push(final("customer", "When can somebody come and look at the boiler?", 1.0, utt="c1"))
    shown: list[Nudge] = []
    for text in partials:
        shown += [n for n in coach.push(dict(final("agent", text, 6.0, utt="a1"), final=False, stable=0))]
    out = coach.push(final("agent", last, 6.0, utt="a1"))
    kept = {n.moment for n in shown if isinstance(n, Nudge) and n.kind == "positive_language"}
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return len(kept), len(kept - taken) + sum(isinstance(n, Nudge) and n.kind == "positive_language" for n in out)


OFFER = "Right, I can have a technician swap the whole unit on Thursday morning, and he'll take the old one."


def test_a_cant_the_partials_also_heard_as_can_waits_for_the_final() -> None:
    """c409: partials wavering between "I can have" and "I can't have" (the refusal heard twice running, so two
    decodes agree); the final writes "can": no refusal is shown."""
    partials = [
        "Right, I can have a technician swap the",
        "Right, I can't have a technician swap the whole unit",
        "Right, I can have a technician swap the whole unit on Thursday",
        "Right, I can't have a technician swap the whole unit on Thursday morning",
        "Right, I can't have a technician swap the whole unit on Thursday morning, and he'll",
    ]
    assert _refusals(partials, OFFER) == (0, 0)


def test_a_cant_heard_steadily_is_shown_from_the_partials() -> None:
    """The look-alike: "can't" in every partial (and "I can" said earlier, far from it): shown before the final."""
    partials = [
        "I can see the order, sorry, I can't",
        "I can see the order, sorry, I can't send anyone out this week",
        "I can see the order, sorry, I can't send anyone out this week, the diary's",
        "I can see the order, sorry, I can't send anyone out this week, the diary's full",
    ]
    last = "I can see the order, sorry, I can't send anyone out this week, the diary's full."
    assert _refusals(partials, last) == (1, 1)


def test_a_wavering_cant_the_final_keeps_is_nudged_at_the_final() -> None:
    partials = [
        "Right, I can have a technician swap the",
        "Right, I can't have a technician swap the whole unit",
        "Right, I can't have a technician swap the whole unit on Thursday",
    ]
    assert _refusals(partials, "Right, I can't have a technician swap the whole unit on Thursday, sorry.")[1] == 1


# ====================================================================================================
# Moved from tests/test_language_q18_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 20, second round (Q18), issue 9: classes of false nudges and misses the nineteenth part left, in words
# written for them (``tests/data/language_wording/tuning_q18.toml``): a customer's question about the work says no
# feeling by the head (c448); a first-timer ready to start or a resolve to do something at last says none (c453);
# "hooroo" and "see y'all" are goodbyes, "cheers, now the postcode" and "for so long" are not (c445, list Q); a lone
# "bye" ending a long customer sentence is no close (c443). Phrase tables only (the head's rating is given).
# ====================================================================================================

LIST_Q18 = wording_list("tuning_q18")
HEAD_Q18 = Reading(complaint=0.05, feeling=0.84)  # c448's "What are you putting down ...?" rated 0.85


def _felt_q18(line: str) -> str | None:
    """The feeling the acknowledge rule reads in the customer's opening turn ``line``, every sentence rated
    ``HEAD`` by the feeling head, at a calm level."""
    rule = AcknowledgeFeelingsRule(CFG.acknowledge_feelings)
    u = Utterance.from_event(final("customer", line, 1.0, utt="c1"))
    return rule.felt(u, [Unit(s.text, s.text, HEAD_Q18) for s in sentences(u.text)])


@pytest.mark.parametrize("line", LIST_Q18["asks_about"]["lines"])
def test_a_question_about_the_work_says_no_feeling(line: str) -> None:
    assert _felt_q18(line) is None


@pytest.mark.parametrize("line", LIST_Q18["still_feeling"]["lines"])
def test_a_question_that_tells_a_feeling_keeps_the_heads_reading(line: str) -> None:
    assert _felt_q18(line) is not None


@pytest.mark.parametrize("line", LIST_Q18["first_timer"]["lines"])
def test_a_first_timer_ready_to_start_says_no_feeling(line: str) -> None:
    assert _felt_q18(line) is None


@pytest.mark.parametrize("line", LIST_Q18["not_first_timer"]["lines"])
def test_look_alikes_of_a_first_timer_keep_the_feeling(line: str) -> None:
    assert _felt_q18(line) is not None


@pytest.mark.parametrize("line", LIST_Q18["goodbyes"]["lines"])
def test_goodbyes_as_said_or_heard_close(line: str) -> None:
    assert closing_fired(line)


@pytest.mark.parametrize("line", LIST_Q18["mid_call"]["lines"])
def test_mid_call_thanks_and_so_long_are_no_goodbye(line: str) -> None:
    assert not closing_fired(line)


def _customer_closed(agent: str, customer: str) -> bool:
    """Whether the customer's turn ``customer``, after the agent's ``agent`` (the call under way), opens a close
    that the agent's next turn, asking nothing, leaves for a nudge (the clock ticked well past ``wait_s``)."""
    coach = LanguageCoach(CFG)
    out = coach.push(final("customer", "Hello, I'm ringing about my order.", 1.0, utt="c0"))
    out += coach.push(final("agent", agent, 4.0, utt="a0"))
    out += coach.push(final("customer", customer, 8.0, utt="c1"))
    out += coach.push(final("agent", "Right, let me have a look at the notes on that.", 20.0, utt="a1"))
    out += coach.tick(seconds_to_samples(40.0))
    return "check_anything_else" in {n.kind for n in out}


@pytest.mark.parametrize(("agent", "customer"), LIST_Q18["story_bye"]["pairs"])
def test_a_lone_bye_ending_a_long_story_is_no_close(agent: str, customer: str) -> None:
    assert not _customer_closed(agent, customer)


@pytest.mark.parametrize(("agent", "customer"), LIST_Q18["short_bye"]["pairs"])
def test_a_lone_bye_ending_a_short_sentence_still_closes(agent: str, customer: str) -> None:
    assert _customer_closed(agent, customer)


# ====================================================================================================
# Moved from tests/test_language_q19_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 21, second round (Q19): the classes of false nudge the twentieth held-out part (c454-c477) showed on
# well-handled calls, each tested with wordings written for this test (not the calls' sentences):
#
# - a polite reply to the agent's request to hold ("Not at all. I'll wait.", c471) says no feeling;
# - a self-deprecating aside or a storyteller's lead-in ("I expect I left it too late.", c476; "So here I am, ...",
#   c477) says no feeling, and the turn it is in is told lightly;
# - disbelief at good news ("That's less than I budgeted. I can't believe it.", c477, read tense) is delight;
# - the agent's first reply thanking for the call ("Lovely, thanks for calling. What ...?", c472) and a mid-call turn
#   misheard as ending on a goodbye ("... see you around the land one", c473) are not closes nudged early.
#
# The feeling head is given a bar of 0 in the opening turns (any sentence opens a moment) so that only the rules
# decide; each class has a control that still opens its moment.
# ====================================================================================================

HOLD = "Would you mind holding for a minute while I look at the diary?"
BACK = "Thanks for waiting. I can do the ninth at ten in the morning."


def _bar(opening: float = 0.0) -> LanguageCoach:
    """A coach whose feeling head opens a moment on any sentence rated ``opening`` or more in the two opening
    turns (0: any sentence; over 1: none, only the cues decide) and on none after them."""
    base = load_language_config()
    ack = dataclasses.replace(
        base.acknowledge_feelings,
        model_threshold=opening,
        later_model_threshold=1.1,
        opening_turns=2,
        strong_model_threshold=0.0,  # a mirror beside it takes nothing away (session 45's convention, tested apart)
    )
    return LanguageCoach(dataclasses.replace(base, acknowledge_feelings=ack))


def _acked(
    customer: str, *, before: str = HOLD, after: str = BACK, level: str | None = None, opening: float = 0.0
) -> bool:
    coach = _bar(opening)
    out = run(final("agent", before, 0.0), coach=coach)
    if level is not None:
        coach.set_customer_upset(level)
    out += run(final("customer", customer, 5.0), final("agent", after, 20.0), coach=coach)
    return "acknowledge_feelings" in kinds(out)


@pytest.mark.parametrize(
    "reply", ["Oh, not at all.", "That's fine, I'll hold.", "Sure, I can hang on.", "Take your time.", "No worries."]
)
def test_a_polite_reply_to_a_request_to_hold_says_no_feeling(reply):
    assert not _acked(reply)


@pytest.mark.parametrize("line", ["Not at all what I ordered.", "I'll wait, but this is the third time."])
def test_a_sentence_that_only_starts_polite_is_still_read(line):
    assert _acked(line)


@pytest.mark.parametrize(
    "turn",
    [
        "I know I've left it rather late. We'd like the hall for Saturday.",
        "And here we are, three weeks before the wedding.",
        "Silly me, I forgot the date. Could we move the fitting to Monday?",
        "It's a bit of a last minute one. The party is on Friday.",
        "I suppose I've left it till the last minute. Have you any slots this week?",
    ],
)
def test_an_aside_makes_the_turn_light(turn):
    assert not _acked(turn, before="Good morning, Hall Lane bakery, Priya speaking.", after=BACK)
    out = run(
        final("agent", "Good morning, Hall Lane bakery, Priya speaking.", 0.0),
        final("customer", turn, 5.0),
        final("agent", BACK, 20.0),
    )
    assert "mirror_complaint" not in kinds(out)


@pytest.mark.parametrize(
    "turn",
    ["I left it too late and now nobody can come.", "I left it a bit late, but I'm really worried about it."],
)
def test_an_aside_with_a_negation_or_a_but_is_still_read(turn):
    assert _acked(turn, before="Good morning, Hall Lane bakery, Priya speaking.")


@pytest.mark.parametrize(
    "turn",
    [
        "Really? That's cheaper than I expected. I can't believe it. Can we book Tuesday?",
        "Honestly, that's sooner than I thought, I can't believe it.",
        "Oh that's great news, I can't believe it!",
    ],
)
def test_disbelief_at_good_news_is_delight_even_read_tense(turn):
    assert not _acked(turn, level="tense", opening=1.1)


@pytest.mark.parametrize(
    ("turn", "level"),
    [
        ("I can't believe it, that's more than I was quoted.", "tense"),
        ("That's cheaper than I expected but I can't believe how long it took.", "tense"),
        ("That's cheaper than I expected. I can't believe it.", "escalated"),
    ],
)
def test_disbelief_without_good_news_or_with_a_but_is_still_upset(turn, level):
    assert _acked(turn, level=level, opening=1.1)


OPENING = "Hi, we're thinking about a garden office and wanted to talk it through with someone."


@pytest.mark.parametrize("thanks", ["Great, thanks for ringing.", "Lovely, thank you for calling."])
def test_the_first_reply_thanking_for_the_call_is_not_nudged_early(thanks):
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    assert coach.push(heard_after(thanks, 6.0, 0.3)) == []
    whole = f"{thanks} What size were you thinking of?"
    assert coach.push(final("agent", whole, 6.0, utt="agent-1")) == []


def test_a_thanks_for_the_call_after_the_first_reply_is_still_a_close():
    # since session 42 (Q40) its pause waits for the final while no customer goodbye waits (c950's class)
    coach = LanguageCoach()
    coach.push(final("customer", OPENING, 0.0))
    coach.push(final("agent", "Happy to help. What size were you thinking of?", 6.0, utt="agent-1"))
    coach.push(final("customer", "About three by four, and we've booked the base for June.", 12.0))
    assert coach.push(heard_after("Lovely, thanks for calling.", 20.0, 0.3, utt="agent-2")) == []
    [n] = coach.push(final("agent", "Lovely, thanks for calling.", 20.0, utt="agent-2"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"


ASKED = final("customer", "Can you come and look at the horse's teeth next week?", 0.0)
MID = "Yes, I'm in your area on Friday, so see you around the yard then."


def test_a_mid_call_goodbye_with_words_after_it_waits_for_the_final():
    coach = LanguageCoach()
    coach.push(ASKED)
    coach.push(final("agent", "Of course. How old is she?", 5.0, utt="agent-1"))
    coach.push(final("customer", "Fifteen, and she's fine with the vet usually.", 9.0))
    assert coach.push(heard_after(MID, 14.0, 0.3, utt="agent-2")) == []
    going_on = MID + " It's fifty five pounds for the visit."
    out = coach.push(final("agent", going_on, 14.0, utt="agent-2"))
    assert not [n for n in out if isinstance(n, (Nudge, Withdrawal))]


def test_a_goodbye_ending_the_partial_is_still_a_close():
    # since session 42 (Q40) its pause waits for the final while no customer goodbye waits (c950's class)
    coach = LanguageCoach()
    coach.push(ASKED)
    coach.push(final("agent", "Of course. How old is she?", 5.0, utt="agent-1"))
    coach.push(final("customer", "Fifteen, and she's fine with the vet usually.", 9.0))
    goodbye = "Lovely, you have a good evening then."
    assert coach.push(heard_after(goodbye, 14.0, 0.3, utt="agent-2")) == []
    [n] = coach.push(final("agent", goodbye, 14.0, utt="agent-2"))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else"


# ====================================================================================================
# Moved from tests/test_language_q20_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 22, second round (Q20): the twenty-first part's c499 (quiet: an upset customer whose complaint the agent
# mirrored and whose feeling the agent acknowledged) got ``acknowledge_feelings`` and ``mirror_complaint`` from the
# reply's first twelve committed words. The class, tested with wordings written for this test (not c499's): a reply
# whose first words tell part of the customer's story back (``acknowledged_shared_turn`` content words of their turn,
# fewer than a restatement's ``min_shared_turn``: the complaint was misheard, "two of the strings have snapped" heard
# "two of the strings are tapped") in a first sentence that runs past ``judge_max_words`` words is judged when that
# sentence ends, where the rest of the story told back often is (then a restatement: the acknowledgement may follow).
# Controls: the same opening followed by business still misses the feeling; a reply that tells nothing back is judged
# on its first words as before; a first sentence that ends sharing two words is judged as before
# (tests/test_language_listening.py: "the card machines there are run by the garage").
# ====================================================================================================

GREETING = "Hello, thanks for calling, how can I help?"
# the customer's turn, its complaint misheard ("two of the sides have split" heard "... are slipped")
BOUNCY = (
    "Hi, it's the Lord Pike, I booked a bouncy can you for my son's party, it was the limit this morning and two of"
    " the sides are slipped, I'm really panicking."
)
BOUNCY_TOLD = "Oh, Tom. the castle's come with two split sides the day before your son's party."
CAKE = (
    "Hello, it's Mario Hollis here, I ordered a wedding cape from you for Saturday, it was the limit at lunch and two"
    " of the tiers are crashed, I'm so upset."
)
CAKE_TOLD = "Oh, Maria. the cake's come with two crushed tiers three days before the wedding."
CASES = [
    (BOUNCY, BOUNCY_TOLD, "I completely understand why you're panicking. We'll swap it first thing."),
    (CAKE, CAKE_TOLD, "I can see why you're so upset. We'll bake you a new one tonight."),
]


def _reply(customer: str, agent: str) -> tuple[list[str], list[str], list[str]]:
    """(kinds shown, kinds shown from partials, kinds still standing after the final) of the agent's reply
    ``agent`` to the customer's turn ``customer``, heard word by word (each partial holds the words so far, all but
    the last two committed)."""
    coach = LanguageCoach()
    coach.push(final("agent", GREETING, 0.0, utt="a1"))
    coach.push(final("customer", customer, 3.0, utt="c1"))
    words, early = agent.split(), []
    for k in range(1, len(words) + 1):
        e = final("agent", " ".join(words[:k]), 20.0, utt="a2")
        early += coach.push(dict(e, final=False, stable=max(0, k - 2)))
    out = early + coach.push(final("agent", agent, 20.0, utt="a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    shown = [n for n in out if isinstance(n, Nudge) and n.kind in ("acknowledge_feelings", "mirror_complaint")]
    partial = [n.kind for n in early if isinstance(n, Nudge) and n in shown]
    return sorted(n.kind for n in shown), sorted(partial), sorted(n.kind for n in shown if n.moment not in taken)


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_a_story_told_back_then_acknowledged_is_never_nudged(customer: str, told: str, rest: str) -> None:
    assert _reply(customer, f"{told} {rest}") == ([], [], [])


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_the_same_opening_then_business_still_misses_the_feeling(customer: str, told: str, rest: str) -> None:
    shown, _, standing = _reply(customer, f"{told} What's the order number, please? And your postcode?")
    assert shown == standing == ["acknowledge_feelings"]  # the mirror (three words told back) answers the complaint


@pytest.mark.parametrize(("customer", "told", "rest"), CASES)
def test_a_reply_that_tells_nothing_back_is_judged_on_its_first_words(customer: str, told: str, rest: str) -> None:
    shown, early, standing = _reply(customer, "Right, can I take your order number and postcode please? And the date?")
    assert early == standing == ["acknowledge_feelings", "mirror_complaint"]


# ====================================================================================================
# Moved from tests/test_quiet_q28.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 30 (Q28): no nudge on a well-handled call, as classes, with wordings written for this test (not the calls'
# sentences) and look-alikes that must still be nudged. The rules are driven directly, with the complaint head's
# readings injected (no model, no audio, no clock: cheap and deterministic).
#
# - The agent sharing the customer's good news ("That's so good to hear", "Congratulations!") answers a mirror moment
#   the complaint head read into a pleased story with no negation or "but" (quiet c664: a cheerful first turn, garbled
#   by the recogniser, rated 0.43 beside a feeling). A moment a complaint cue opened, or a turn with a "but" or a
#   negation, still asks for the mirror; so does a reply that is business.
# - A verdict cue said of the customer's own surroundings, the roads, traffic or parking ("our lane is a nightmare for
#   parking", quiet c690's delivery question) is no feeling and no complaint; said of the company's ("your car park"),
#   or of what went wrong, it still is.
# - The agent taking the customer's turn as a question ("Good question.") answers a feeling or complaint the heads read
#   into it (quiet c688's "Does she do Saturdays?" misheard and rated a feeling); not a cue's moment, nor a feeling at
#   an upset level.
# ====================================================================================================

GREETING_Q28 = "Hello, garden rooms, Priya speaking."


def _replied(rule: AcknowledgeFeelingsRule | MirrorComplaintRule, reply: str) -> list[str]:
    """The kinds ``rule`` nudges on the agent's ``reply`` (word by word, then its final) and does not take back."""
    out: list[Nudge | Withdrawal] = []
    words = reply.split()
    for k in range(1, len(words) + 1):
        out += rule.on_agent_words(_utt("agent", " ".join(words[:k]), 20.0, "a2", done=False))
    out += rule.on_agent(_utt("agent", reply, 20.0, "a2"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    return [n.kind for n in out if isinstance(n, Nudge) and n.moment not in taken]


def _ack(customer: str, reply: str, *, feeling: float = 0.1, level: str = "calm") -> list[str]:
    """The acknowledgement nudges still standing after the agent's ``reply`` (word by word, then its final) to the
    customer's second turn ``customer``, whose sentences the feeling head rates ``feeling``, at upset ``level``."""
    c = load_language_config()
    mc = c.mirror_complaint
    rule = AcknowledgeFeelingsRule(c.acknowledge_feelings, mc.cues, mc.not_complaints, mc)
    rule.set_level(level)
    rule.on_agent(_utt("agent", GREETING_Q28, 0.0, "a1"))
    first = "Hi, I'd like to book a visit for next week please."
    rule.on_customer(_utt("customer", first, 3.0, "c0"), [Unit(first, first, Reading(0.1, 0.1))])
    rule.on_agent(_utt("agent", "Of course, we come out to you, and the first visit is forty minutes.", 8.0, "a1b"))
    rule.on_customer(_utt("customer", customer, 14.0, "c1"), [Unit(customer, customer, Reading(0.1, feeling))])
    return _replied(rule, reply)


def _mirror_q28(customer: str, reply: str, *, complaint: float, felt: str | None = None) -> list[str]:
    """The mirror nudges still standing after the agent's ``reply`` (word by word, then its final) to the customer's
    first turn ``customer``, whose sentences the complaint head rates ``complaint``; ``felt``: the sentence of the
    turn that says a feeling (the acknowledgement rule's finding), if any."""
    c = load_language_config()
    rule = MirrorComplaintRule(c.mirror_complaint, c.acknowledge_feelings.acknowledgements)
    rule.on_agent(_utt("agent", GREETING_Q28, 0.0, "a1"))
    turn = [Unit(customer, customer, Reading(complaint, 0.8 if felt else 0.1))]
    rule.on_customer(_utt("customer", customer, 3.0, "c1"), turn, upset=felt)
    return _replied(rule, reply)


# ---- good news shared: the head's complaint was none (c664) ------------------------------------------------------

PLEASED = [
    "Hiya, your lads laid our new patio a fortnight ago and we've had friends round every single evening since.",
    "Morning, the piano tuner came on Monday and my granddaughter has played it for three hours every day.",
    "Hello, we picked the puppy up from your kennels on Saturday and she has slept through every night already.",
    "Hi there, the summerhouse went up last week and I've been sitting out in it with a book till ten at night.",
]
GLAD = [
    "That's so good to hear. The follow-up visit takes about twenty minutes.",
    "Oh, lovely to hear that. What day suits you for the check?",
    "Congratulations, that's brilliant news! Can I take the postcode?",
    "Ah, great to hear, thanks for letting us know. I'll book the free check for you.",
]


@pytest.mark.parametrize("customer", PLEASED)
@pytest.mark.parametrize("reply", GLAD)
def test_good_news_shared_answers_a_complaint_the_head_read_into_it(customer, reply):
    assert _mirror_q28(customer, reply, complaint=0.43, felt=customer) == []
    assert _mirror_q28(customer, reply, complaint=0.7) == []


BUSINESS = "Can I take the postcode and the name on the order, please?"


@pytest.mark.parametrize("customer", PLEASED)
def test_the_same_story_answered_with_business_is_still_nudged(customer):
    """The control: the head's reading opens the moment beside a feeling, and a reply that is business misses it."""
    assert _mirror_q28(customer, BUSINESS, complaint=0.43, felt=customer) == ["mirror_complaint"]
    assert _mirror_q28(customer, BUSINESS, complaint=0.7, felt=customer) == ["mirror_complaint"]


TROUBLE = [
    # a "but" or a negation in the turn: what went wrong is there to be told back
    "Hiya, your lads laid our new patio a fortnight ago, but the slabs by the door rock when you step on them.",
    "Morning, the piano tuner came on Monday and the top octave still doesn't sound right.",
    "Hello, the summerhouse went up last week and the door never shuts properly.",
]


@pytest.mark.parametrize("customer", TROUBLE)
@pytest.mark.parametrize("reply", GLAD[:2])
def test_gladness_to_a_turn_with_a_but_or_a_negation_still_misses_the_mirror(customer, reply):
    assert _mirror_q28(customer, reply, complaint=0.7, felt=customer) == ["mirror_complaint"]


CUED = [
    # a complaint cue opens the moment: gladness does not answer what the customer named as wrong
    "Hello, the summerhouse went up last week and it arrived damaged along the back panel.",
    "Hi, your lads laid our new patio a fortnight ago and it's cracked right across the middle.",
]


@pytest.mark.parametrize("customer", CUED)
def test_gladness_does_not_answer_a_complaint_cue(customer):
    assert _mirror_q28(customer, GLAD[0], complaint=0.1, felt=customer) == ["mirror_complaint"]


def test_gladness_later_in_the_reply_is_not_an_opening_of_it():
    """The glad words must open the reply (its first three words), as the acknowledgement rule reads them."""
    reply = "Can I take the postcode first, and that's good to hear by the way."
    assert _mirror_q28(PLEASED[0], reply, complaint=0.7, felt=PLEASED[0]) == ["mirror_complaint"]


# ---- a verdict said of the customer's surroundings (c690) ---------------------------------------------------------

SURROUNDINGS = [
    "That all sounds fine. Our lane is a nightmare for parking though, so can the driver ring when he's close?",
    "And what time do the vans come? The high street is murder to get down after nine.",
    "Lovely. The traffic round here is a pain on a Friday, so a morning slot would suit me.",
    "Mill Road's a total nightmare to turn round in, is it a small van?",
]
NOT_SURROUNDINGS = [
    # the company's own, or what went wrong: still a feeling to name
    "Your car park is a nightmare for parking, I drove round it three times.",
    "The last delivery was a nightmare, the driver shouted at my neighbour.",
    "Honestly this whole booking has been a nightmare from start to finish.",
    "The van blocked the whole drive and it was a nightmare to get out for work.",
]
PLAN = "Yes, the driver will ring ahead, and the van is a small one."


@pytest.mark.parametrize("customer", SURROUNDINGS)
def test_a_verdict_on_the_customers_surroundings_asks_for_no_acknowledgement(customer):
    assert _ack(customer, PLAN) == []


@pytest.mark.parametrize("customer", NOT_SURROUNDINGS)
def test_a_verdict_on_the_company_or_on_what_went_wrong_is_still_a_feeling(customer):
    assert _ack(customer, PLAN) == ["acknowledge_feelings"]


@pytest.mark.parametrize("customer", SURROUNDINGS)
def test_the_complaint_head_on_the_surroundings_opens_no_mirror(customer):
    assert _mirror_q28(customer, PLAN, complaint=0.8, felt=customer) == []


def test_the_complaint_head_on_the_companys_car_park_still_asks_for_the_mirror():
    assert _mirror_q28(NOT_SURROUNDINGS[0], PLAN, complaint=0.8, felt=NOT_SURROUNDINGS[0]) == ["mirror_complaint"]


# ---- the agent takes the turn as a question (c688) -----------------------------------------------------------------

QUESTIONS = [
    "Doesn't she ever come out on a Sunday, like?",
    "Would the engineer not be able to do the back garden as well?",
    "And you wouldn't have the same lad every time, I suppose.",
]
AS_QUESTION = [
    "Good question. She does Saturdays, mornings only.",
    "Oh, that's a fair question, yes, it's always Dave on your round.",
    "Glad you asked, the garden is included in the price.",
]


@pytest.mark.parametrize("customer", QUESTIONS)
@pytest.mark.parametrize("reply", AS_QUESTION)
def test_a_question_taken_as_one_answers_the_feeling_the_head_read_into_it(customer, reply):
    assert _ack(customer, reply, feeling=0.9) == []
    assert _mirror_q28(customer, reply, complaint=0.8, felt=customer) == []


@pytest.mark.parametrize("customer", QUESTIONS)
def test_the_same_question_answered_with_business_is_still_nudged(customer):
    """The control: the heads' readings open the moments, and a plain answer does not answer them."""
    assert _ack(customer, "She does Saturdays, mornings only.", feeling=0.9) == ["acknowledge_feelings"]
    assert _mirror_q28(customer, BUSINESS, complaint=0.8, felt=customer) == ["mirror_complaint"]


def test_good_question_at_an_upset_level_does_not_answer_the_feeling():
    assert _ack(QUESTIONS[0], AS_QUESTION[0], feeling=0.9, level="tense") == ["acknowledge_feelings"]


@pytest.mark.parametrize(
    "customer",
    [
        "Why does nobody ever ring me back when they say they will? It's ridiculous.",
        "Is it normal that the boiler you fitted is leaking again?",
    ],
)
def test_good_question_does_not_answer_a_cue(customer):
    """A feeling or a complaint named by a cue word is there to be answered, however the agent takes the question."""
    assert _ack(customer, AS_QUESTION[0]) + _mirror_q28(customer, AS_QUESTION[0], complaint=0.1, felt=customer) != []


# ---- a fear taken back by a gladder word at once (quiet c882; session 38) ------------------------------------------
# "He'll be thrilled. Well, terrified, but thrilled.": two feelings at once, the glad one last, is looking forward, not
# an upset to acknowledge, whether a cue word or the feeling head finds it. A fear then a "but" going on to something
# else is still a fear. Wordings written for this test.

MIXED = [
    "She's coming with me on Saturday. Nervous but excited, to be honest.",
    "We fly out on Friday. I'm terrified and so excited about it.",
    "It's his first show. He's scared but really looking forward to it.",
]


@pytest.mark.parametrize("customer", MIXED)
def test_a_fear_taken_back_by_a_glad_word_is_no_upset(customer):
    assert _ack(customer, "The hall opens at seven on the night.", feeling=0.8) == []


def test_a_fear_then_a_but_that_goes_on_is_still_a_fear():
    customer = "We fly out on Friday. I'm terrified, but I have to go, it's my sister's wedding."
    assert _ack(customer, "The hall opens at seven on the night.") == ["acknowledge_feelings"]
