"""Positive language (issue 9) by class: refusals, blame on the customer, deflection and policy said in the many
shapes agents use (a closed door with any noun, a flat "zero chance", a rule that "clearly states", a change refused
as fixed with someone else, the agent's "can" heard "can't"), the recogniser's words for them, and the look-alikes
(reassurance, an offer after the refusal, a flat no that answers a fear) that must stay quiet. Sessions 16-25's parts
(L10-L20) also hold the calm-down idioms they wrote beside their refusals; the calm-down family's own classes are in
tests/test_calm_down_classes.py, the refusal grammar's unit tests in tests/test_refusal_grammar.py.

Moved here from the per-session files test_language_l10_classes.py ... test_language_l20_classes.py,
test_language_phrasing_l22.py, test_language_phrasing_l24.py, test_language_l26.py, test_language_l28.py and
test_language_l30.py ... test_language_l33.py (session 35, T1); each part keeps its session's docstring as a
comment. Tests are unchanged; a name two sessions shared carries its session's tag (``LIST_L13``). New
positive-language tests go here or in a topic file ``test_positive_language_<topic>.py``, never in a file named
after a session or helper."""

from __future__ import annotations

import tomllib

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.patterns import compile_patterns, normalise, word_tokens
from coach.language.phrasing import PositiveLanguageRule
from coach.language.text import excepted_spans, find_phrases, sentences
from coach.language.utterance import Utterance
from coach.types import Nudge, Withdrawal
from tests.test_language_config_source import marked
from tests.test_language_rules import final, kinds, run
from tests.test_language_stream import committed_only, heard_after, partial
from tests.test_language_wording import CONFIG, DATA, closing_fired, kinds_fired, wording_list

# ====================================================================================================
# Moved from tests/test_language_l10_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 16, second round (L10), issue 9: the wording classes the fifteenth part (c334-c357) missed, as
# classes in new words (written here, not taken from the calls or the lists): a booking turned away ("no chance
# of fitting you in"), the house disowned ("nothing to do with the club"), a mix-up guessed as the customer's,
# "cheerio" heard as "period" after a wrap-up; and the look-alikes that must stay quiet, among them reassurance
# or sympathy before the recogniser's "can't" for "can", across its guessed full stop. Text level only (no
# audio): milliseconds each. The list-level figures are ``tests/data/language_wording/tuning_l9.toml``.
# ====================================================================================================


@pytest.mark.parametrize(
    "line",
    [
        "I'm sorry, there's no chance of booking you in before the fourteenth.",
        "There's not a hope of slotting them in this side of Christmas.",
        "The gift shop has nothing to do with the museum, it's a concession.",
        "Well, that's nothing to do with this office, love.",
        "You must have got it muddled up when you filled the form in.",
        "You've probably misunderstood the email.",
    ],
)
def test_new_refusal_and_blame_classes_are_nudged(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "There's every chance of getting you in on Thursday.",
        "No problem getting you in tomorrow, what time suits?",
        "The rattle has nothing to do with the engine, it's just the heat shield.",
        "You must have been worried sick.",
        "We must have got the orders mixed up, that's on us.",
        # reassurance or sympathy, then the recogniser's "can't" for "can" (its full stop a guess)
        "You won't need to do anything more. I can't take care of it all from here.",
        "That sounds really tough. I can't even think how you must feel.",
        "Oh, that must be needed, sorry. That can't be needed, I mean.",
    ],
)
def test_look_alikes_stay_quiet(line: str) -> None:
    assert "positive_language" not in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "You don't need to do anything else. But I can't refund the deposit.",  # "but": a refusal after all
        "That must be hard. I can't refund it though.",  # a refusal action, not a verb of feeling
        "I can't refund the deposit.",
    ],
)
def test_a_refusal_after_reassurance_is_still_nudged(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


def test_an_exception_from_the_sentence_before_covers_the_start_of_the_next() -> None:
    excepted = compile_patterns(["nothing more (i|we) can't"])
    parts = sentences("There's nothing more. I can't see it. Fine.")
    assert excepted_spans(excepted, parts, 1) == [(0, 2)]  # "I can't" in the second sentence
    assert excepted_spans(excepted, parts, 2) == []
    found = find_phrases("There's nothing more. I can't see it.", ["i can't"], exceptions=excepted)
    assert found == []
    assert find_phrases("There's nothing. I can't see it.", ["i can't"], exceptions=excepted) != []


@pytest.mark.parametrize(
    ("line", "closes"),
    [
        ("Right, that's you all set now period", True),
        ("Okay, that's everyone booked in, period.", True),
        ("That's the cooling off period.", False),
        ("That's your notice period.", False),
    ],
)
def test_cheerio_heard_as_period_after_a_wrap_up(line: str, closes: bool) -> None:
    assert closing_fired(line) is closes, line


LONG_REPLY = (
    "No paperwork at all, I've closed the account and stopped the direct debit, and if you ever want to pop in "
    "for a coffee just mention your name at the counter and we'll look after you, take care."
)


def test_a_long_replys_goodbye_heard_at_a_breath_waits_for_its_final() -> None:
    """A 40-word reply heard ending "take care" at a breath while the customer has not wound the call down
    (c356's class): no nudge from the partial; the final that goes on shows none either."""
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", "Hello, I need to close my late father's account please.", 5.0))
    coach.push(final("agent", "I'm so sorry for your loss, I can help with that.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you. I was worried about the paperwork.", 16.0))
    assert not [n for n in coach.push(heard_after(LONG_REPLY, 20.0, 0.4, utt="agent-2")) if isinstance(n, Nudge)]
    going_on = LONG_REPLY.removesuffix(", take care.") + ", for as long as you like."
    assert not [n for n in coach.push(final("agent", going_on, 20.0, utt="agent-2")) if isinstance(n, Nudge)]


def test_a_long_replys_goodbye_still_closes_on_its_final() -> None:
    coach = LanguageCoach(CONFIG)
    coach.push(final("customer", "Hello, I need to close my late father's account please.", 5.0))
    coach.push(final("agent", "I'm so sorry for your loss, I can help with that.", 12.0, utt="agent-1"))
    coach.push(final("customer", "Thank you. I was worried about the paperwork.", 16.0))
    coach.push(heard_after(LONG_REPLY, 20.0, 0.4, utt="agent-2"))
    found = coach.push(final("agent", LONG_REPLY, 20.0, utt="agent-2"))
    assert [n.kind for n in found if isinstance(n, Nudge)] == ["check_anything_else"]


# ====================================================================================================
# Moved from tests/test_language_l11_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 17 (L11), issue 9: wording classes in new words (written here, not taken from the calls or the
# lists): the closed door's idioms with any noun as the subject ("the fee's non-negotiable", the pattern
# notation's ``*'s``), a thing refused not "on the cards", no room to move, a line drawn, the agent's orders,
# a duty denied, the prices set elsewhere, the job split with someone else; the calm-down idioms (zip it,
# calm the farm, a bare "ease up", the blood pressure sent up, toys out of the pram, "aerated"); and the
# look-alikes that must stay quiet. Text level only (no audio): milliseconds each. The list-level figures
# are ``tests/data/language_wording/tuning_l11.toml``.
# ====================================================================================================


def _found(pattern: str, text: str) -> list[tuple[int, int, str]]:
    return compile_patterns([pattern]).find(normalise(word_tokens(text))[0])


def test_run_on_s_wildcard_takes_only_a_word_ending_in_s() -> None:
    assert _found("*'s off the table", "Their offer's off the table.") == [(1, 5, "*'s off the table")]
    assert _found("*'s off the table", "It is off the table.") == []
    assert _found("(*'s|is) non negotiable", "The deposit is non-negotiable.")


@pytest.mark.parametrize(
    "line",
    [
        "The upgrade's non-negotiable, sorry.",
        "That voucher's a non-starter at the airport.",
        "An exchange is off the table now, I'm afraid.",
        "Compensation isn't on the cards for a delay under three hours.",
        "There's zero leeway on the deposit, I'm afraid.",
        "We have to draw the line at a second free visit.",
        "I'm under strict instructions not to refund bank charges.",
        "The airline is under no obligation to rebook you.",
        "I don't set the fees, I'm afraid.",
        "Those tokens aren't redeemable after the show.",
        "That's the letting agent's headache, not ours.",
        "Not our pigeon, that one, you want the council.",
        "You've typed the wrong reference in, that's why.",
        "We only sell the tickets, the promoter handles refunds.",
        # second batch
        "Exchanges are a strict no-no on sale items.",
        "That's a flat pass from the warranty team.",
        "You're simply out of luck on that one.",
        "Like it or lump it, that's the tariff.",
        "Head office won't wear a goodwill payment.",
        "Compensation's a firm no from the airline.",
        "It ain't happening before Friday.",
    ],
)
def test_new_refusal_and_blame_classes_are_nudged_l11(line: str) -> None:
    assert "positive_language" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "Button it a minute and let me read the note.",
        "Zip your lip, please.",
        "Chill the farm, it's coming tomorrow.",
        "Ease off, I'm reading it now.",
        "Don't go getting all aerated about it.",
        "Stop sending your blood pressure through the roof over a bill.",
        "No need to spit your dummy out of the pram.",
        # second batch
        "Don't get your undies in a tangle.",
        "Rein it back in, please.",
        "Quit your grumbling, I'm on it.",
        "Stop being a drama queen over a parcel.",
    ],
)
def test_new_calm_down_idioms_are_nudged(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line), line


@pytest.mark.parametrize(
    "line",
    [
        "The late fee's off the table now, I've removed it.",
        "There's no chance of snow on the day, so the flight's fine.",
        "The doctor will ask you to take a few deep breaths.",
        "The engineer may tell you to relax the valve first.",
        "Get a firm grip on the lid and twist.",
        "Zip it up in the bag and it'll be fine.",
        "Your price won't change, it's not on the cards.",
        "The rain should ease off, it's clearing from the west.",
        "There's no obligation to buy anything.",
        "You're under no obligation to stay with us.",
        "Their house is a no-go area for the vans, so I've booked collection.",
        "I only work here on Tuesdays, but I'll pass it on.",
        "You've put the right card number in, it's all gone through.",
        "The builder threw his toys out of the pram, I'm so sorry you had to deal with that.",
        # second batch ("no-no" is read "no": "there's no charge" and "that's no fun" must not become it)
        "There's no call-out charge under the plan.",
        "Oh, that's no fun at all, let's get someone out.",
        "We're a charity, so every penny goes to the rescue.",
        "You're in luck, one seat left.",
        "Rein in the heating a little and the bill drops.",
        "The manager will go for it, I'm sure.",
        "It ain't your fault at all.",
    ],
)
def test_look_alikes_stay_quiet_l11(line: str) -> None:
    assert kinds_fired(line) == set(), line


# ====================================================================================================
# Moved from tests/test_language_l12_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 18 (L12), issue 9: refusals the recogniser garbles, by class, in words written for them
# (``tests/data/language_wording/tuning_l12.toml``): blame on the customer ("that's on you", heard "nice on
# you"; "you needed to be in"), the complaint handed to a third party ("raise it with them", "complaints go to
# him", "I just answer the phone"), a decision closed ("final, no appeal", "that's the rota"), the terms quoted
# against the customer, regional or misheard calm-downs, and helpful lines in the same words that stay quiet.
# Text level only (no audio): a few seconds in all.
# ====================================================================================================

LIST = wording_list("tuning_l12")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_blame_deflection_and_closed_decisions_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_regional_and_misheard_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_helpful_lines_in_the_same_words_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


# ====================================================================================================
# Moved from tests/test_language_l13_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 19 (L13), issue 9: the classes behind the eighteenth part's language misses, in words written for
# them (``tests/data/language_wording/tuning_l13.toml``): blame guessed on the customer's own doing ("you've
# probably fitted it too tight"), the cost or the task put on the customer ("out of your pocket", "yours to
# fetch", "on your side", "at your own expense"), nothing on the agent's side to reopen, a limit said as what
# "we only" do, a complaint handed to a third party as their duty ("one for him to answer for"), the calm-downs
# "steamed up", "ease off" and "easy now"; and look-alikes in the same words that stay quiet (the cost taken on,
# "yours to keep", "one for the diary", a goodbye "take it easy now" at the close, "help calm it in").
# Text level only (no audio): a few seconds in all.
# ====================================================================================================

LIST_L13 = wording_list("tuning_l13")


@pytest.mark.parametrize("line", LIST_L13["positive_language"]["lines"])
def test_onus_on_the_customer_and_deflections_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L13["avoid_calm_down"]["lines"])
def test_steamed_up_and_ease_off_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L13["quiet"]["lines"])
def test_look_alikes_stay_quiet_l13(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (the recogniser's words on the eighteenth part's events, the kind, whether it must fire)
    ("It'll be the tape measure. You've probably measured it to lose that home.", "positive_language", True),
    (
        "And once you're located in the proof, re-endraving come out of your pocket. I'll tell you.",
        "positive_language",
        True,
    ),
    ("Well, the job marked closed, so now nothing on my side I can reopen.", "positive_language", True),
    ("Well, we only go as far as the road, anything past that is yours to fetch.", "positive_language", True),
    (
        "Okay, so the three minutes were done by the local franchise owner,"
        " so the lawn's really one for him to answer for.",
        "positive_language",
        True,
    ),
    (
        "Look, getting yourself all steamed up won't change it. I can move you to Saturday night.",
        "avoid_calm_down",
        True,
    ),
    ("Okay, just team off a bit, will you? The researcher was waiting on an archive.", "avoid_calm_down", True),
    # a goodbye after the booking, and "help carry them in" heard "help calm it in"
    ("I learned four models to the band. Brand, that's all worked in. Take it easy now.", "avoid_calm_down", False),
    ("and parents are welcome to help calm it in love.", "avoid_calm_down", False),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD)
def test_the_eighteenth_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    assert (kind in kinds_fired(heard)) is fires


# ====================================================================================================
# Moved from tests/test_language_l17_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 22, second round (L17), issue 9: the classes behind the twenty-first part's language misses (c478-c501)
# and list S's, in words written for them (``tests/data/language_wording/tuning_l17.toml``): a guarantee limited
# to a time and the customer put outside it, counterfactual blame ("if you'd ... it wouldn't ..."), a fault "at
# your end", blame on a third party or the firm's own tools, a fault handed on with the number to ring, a no said
# outright; the calm-downs "settle your feathers", "slow your roll", "mellow out", "fired up", "vexing yourself";
# a third person's good time predicted mid-call is no goodbye. Look-alikes in the same words stay quiet. Text
# level only (no audio): a few seconds in all.
# ====================================================================================================

LIST_L17 = wording_list("tuning_l17")


@pytest.mark.parametrize("line", LIST_L17["positive_language"]["lines"])
def test_limits_counterfactuals_and_third_party_blame_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L17["avoid_calm_down"]["lines"])
def test_feathers_roll_and_vexing_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L17["quiet"]["lines"])
def test_look_alikes_stay_quiet_l17(line: str) -> None:
    assert kinds_fired(line) == set()


@pytest.mark.parametrize("line", LIST_L17["not_closing"]["lines"])
def test_a_third_persons_good_time_is_no_goodbye(line: str) -> None:
    assert not closing_fired(line)


@pytest.mark.parametrize("line", LIST_L17["closing"]["lines"])
def test_send_offs_still_close(line: str) -> None:
    assert closing_fired(line)


HEARD_L17 = [
    # (the recogniser's words on the twenty-first part's events, the kind, whether it must fire)
    ("Well, sent to our feathers there, Callum. I've only just opened your file.", "avoid_calm_down", True),
    ("Look, there's no need to get so fired up about it. It's an admin thing.", "avoid_calm_down", True),
    ("Right, well, we only guarantee even in work for 14 days, so now you're excited.", "positive_language", True),
    ("I ask that your tightness torque and tighter it will be leaking off on your end.", "positive_language", True),
    # c479: a wish for the customer's daughter mid-call, before the agent goes on
    ("So lovely, she'll have a ball.", "check_anything_else", False),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD_L17)
def test_the_twenty_first_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    fired = closing_fired(heard) if kind == "check_anything_else" else kind in kinds_fired(heard)
    assert fired is fires


# ====================================================================================================
# Moved from tests/test_language_l18_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 23, second round (L18), issue 9: the classes behind the twenty-second part's language misses (c502-c525)
# and list T's, in words written for them (``tests/data/language_wording/tuning_l18.toml``): the heat or temperature
# of the talk taken down, "no need to go at me", "loosen up", "freak", "de-escalate your tone", drawn-out words; a
# thing "not up for discussion", "isn't grounds for" a refund, "not in the business of", no say in the matter, "a you
# problem", "take it up with <name>", "down to how you". Look-alikes in the same words stay quiet, and the recogniser's
# "can't" in c509's, c511's and c520's offers is no refusal. Text level only (no audio): a few seconds in all.
# ====================================================================================================

LIST_L18 = wording_list("tuning_l18")


@pytest.mark.parametrize("line", LIST_L18["positive_language"]["lines"])
def test_discussion_grounds_business_and_blame_by_shape_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L18["avoid_calm_down"]["lines"])
def test_heat_temperature_tone_and_drawn_out_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L18["quiet"]["lines"])
def test_look_alikes_stay_quiet_l18(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD_L18 = [
    # (the recogniser's words on the twenty-second part's events, the kind, whether it must fire)
    (
        "They take the heat down and not make no need to go have me like that. What time was the tour?",
        "avoid_calm_down",
        True,
    ),
    (
        "I'm afraid our booking conditions state that whether it's grounds for a refund once a session has gone ahead.",
        "positive_language",
        True,
    ),
    # c509 / c520: offers the partials wrote with "can't" (the finals: "I can do ...", "I can put you in ...")
    ("I can't do Thursday morning, I'll pass out on Monday afternoon.", "positive_language", False),
    (
        "God showed, yes, because we only have fought and I can't put you in for nine or ten on Sunday.",
        "positive_language",
        False,
    ),
    # c511: "is there anything else I can help with today?" heard with "can't"
    ("Thanks. you for everything else. I can't help with today.", "positive_language", False),
    # c504: the "can't" of a calm-down about shouting; the calm-down nudge answers it
    (
        "When you got a favor of it and quit yelling at me, I can't lock anything up like this.",
        "positive_language",
        False,
    ),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD_L18)
def test_the_twenty_second_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    assert (kind in kinds_fired(heard)) is fires


def test_a_drawn_out_word_is_matched_as_written_plainly() -> None:
    assert normalise(word_tokens("Relaaax, don't be sooo upset, ummm"))[0] == ("relax", "don't", "be", "so", "upset")
    assert normalise(word_tokens("AAA batteries from www"))[0] == ("aaa", "batteries", "from", "www")


def test_a_look_alike_said_after_relax_does_not_hold_a_relax_at_a_partials_end() -> None:
    # "to relax your grip" is quiet, but a "Relax." the committed words end on is nudged at once
    coach = committed_only()
    [n] = coach.push(partial("Just relax.", 0.0, 2))
    assert n.kind == "avoid_calm_down"
    assert kinds_fired("Try to relax your grip on the paddle.") == set()


def test_a_slot_the_agent_cannot_do_waits_for_the_offer_in_the_partials() -> None:
    coach = LanguageCoach()
    text = "I can't do Thursday morning, I'll pass by on Monday afternoon."
    out = [x for k in range(0, 11) for x in coach.push(partial(text, 0.0, k))]
    assert out + coach.push(final("agent", text, 0.0, utt="agent-1")) == []


# ====================================================================================================
# Moved from tests/test_language_l20_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 25, second round (L20), issue 9: the classes behind the twenty-fourth part's language misses (c550-c573)
# and list V's, in words written for them (``tests/data/language_wording/tuning_l20.toml``): a job not done again
# ("we don't reopen the job"), "that's just how the shop runs", a boss who "won't wear it", a fault "his to sort", a
# complaint to "take up with him direct", "off limits", "zero wiggle room", the flat tails ("full stop", "end of
# story", "simple as"); "steady yourself", "in a two and eight", Geordie and Yorkshire forms, "don't so angry", the tone
# brought "right down", "less emotional", "enough with the dramatics". Look-alikes in the same words stay quiet, and
# c552's "I can't have it on the van in 20 minutes" (tiny.en's "can't" for "can") is no refusal. Text level only.
# ====================================================================================================

LIST_L20 = wording_list("tuning_l20")


@pytest.mark.parametrize("line", LIST_L20["positive_language"]["lines"])
def test_refusals_blame_and_flat_tails_by_class_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST_L20["avoid_calm_down"]["lines"])
def test_regional_and_heard_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", marked(LIST_L20["quiet"]["lines"]))
def test_look_alikes_stay_quiet_l20(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD_L20 = [
    # (the recogniser's words on the twenty-fourth part's events, the kind, whether it must fire)
    # c555: "we don't reopen the job, that's just how the shop runs"
    (
        "We will the path has left the counter, we don't reopen the job. Let's just find the shop run.",
        "positive_language",
        True,
    ),
    # c563: "... a loose grip is his to sort, you'd be better taking that up with him direct"
    (
        "I, the drips are made by the welcome garden car like all, so at least rippin' to sort, you'd be better to "
        "take a nut up with them direct.",
        "positive_language",
        True,
    ),
    # c565: "own bikes ... are strictly off limits ..., there's zero wiggle room in the track rules on that"
    (
        "Don't like some of them all masterically off-limits unless they're fixed here. There's near a wiggle room "
        "in the track room on that.",
        "positive_language",
        True,
    ),
    # c552's extra: "I can have it on the van in twenty minutes" heard with "can't"
    (
        "Right, we have a second single swun carved for a Saturday job. I can't have it on the van in 20 minutes "
        "and with you in an hour and a quarter, and the",
        "positive_language",
        False,
    ),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD_L20)
def test_the_twenty_fourth_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    assert (kind in kinds_fired(heard)) is fires


def test_geordie_and_yorkshire_forms_are_matched_as_written_plainly() -> None:
    assert normalise(word_tokens("divvent be aal het up, simmer thissen down"))[0] == (
        "don't",
        "be",
        "all",
        "het",
        "up",
        "simmer",
        "yourself",
        "down",
    )


def test_a_few_notches_heard_as_if_you_notches_is_nudged_from_the_partials() -> None:
    # c552's partials: "a few notches" was heard once with no word after it, then "if you notches, would you"; the
    # nudge came only with the final, 3.2 s after the phrase. Any words between "down" and "notches" now carry it
    # from the first partial that has a word after the phrase.
    coach = LanguageCoach()
    assert coach.push(partial("Well, bring it down a few notches.", 0.0, 0)) == []
    [n] = coach.push(partial("Well, bring it down if you notches would you?", 0.0, 0))
    assert isinstance(n, Nudge) and n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard"
    assert coach.push(partial("Well, bring it down if you notches, would you?", 0.0, 0)) == []


# ====================================================================================================
# Moved from tests/test_language_phrasing_l22.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 27, second round (L22, issue 9): the twenty-sixth part's refusal, blame, deflection and policy misses and
# list X's, as classes (tests/data/language_wording/tuning_l22.toml: lines written by L22), the recogniser's words
# for two of them, and a bare "can't" from a partial whose verb the recogniser has not heard surely (c605).
# ====================================================================================================


LIST_L22 = wording_list("tuning_l22")


def line_kinds(text: str) -> set[str]:
    """Kinds nudged on one agent line, on a coach of its own (the tables parsed once, above)."""
    return set(kinds(run(final("agent", text, 1.0), coach=LanguageCoach(CONFIG))))


@pytest.mark.parametrize("line", LIST_L22["positive_language"]["lines"])
def test_l22_refusals_blame_and_deflections_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", marked(LIST_L22["quiet"]["lines"]))
def test_l22_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "heard",
    [
        # the recogniser's words for the blame the twenty-sixth part's tables missed (c604, c607)
        "so I'd say the Colin being shifted from inside, which makes it yours to put light.",
        "so it's your little one that have done that, not ever fixing.",
    ],
)
def test_l22_the_twenty_sixth_parts_blame_as_heard_nudges(heard: str) -> None:
    assert "positive_language" in line_kinds(heard)


def test_l22_caribbean_and_northern_words_are_matched_as_written_plainly() -> None:
    assert normalise(word_tokens("I cyah do nothin' wi' it, it's nowt"))[0] == (
        "i",
        "can't",
        "do",
        "nothing",
        "wi",
        "it",
        "it's",
        "nothing",
    )


def _partial(text: str, t: float, *, unsure: int | None = None, stable: int = 0) -> dict:
    """An agent partial of turn "a1" whose word number ``unsure`` the recogniser gave 0.2 (the others 0.9)."""
    event = dict(final("agent", text, t, utt="a1"), final=False, stable=stable)
    event["words"] = [dict(w, p=0.2) if i == unsure else w for i, w in enumerate(event["words"])]
    return event


def _shown_and_kept(partials: list[dict], last: str) -> tuple[int, int]:
    """(positive_language nudges shown from ``partials``, those still standing after the turn's final ``last``)."""
    coach = LanguageCoach(CONFIG)
    shown: list[Nudge] = []
    for e in partials:
        shown += [n for n in coach.push(e) if isinstance(n, Nudge) and n.kind == "positive_language"]
    out = coach.push(final("agent", last, 6.0, utt="a1"))
    taken = {w.moment for w in out if isinstance(w, Withdrawal)}
    kept = {n.moment for n in shown} - taken
    return len(shown), len(kept) + sum(isinstance(n, Nudge) and n.kind == "positive_language" for n in out)


GARBLED = "Send the last survey if you have one and we can't come alive the raft before we leave"
"""c605's kind: a greedy partial's "can't" (word 10, from 0) with a verb the recogniser was unsure of (word 11)."""


def test_l22_a_bare_cant_whose_verb_is_unsure_waits_for_the_final() -> None:
    partials = [_partial(GARBLED, 6.0, unsure=11), _partial(GARBLED + " and the skipper", 6.0, unsure=11)]
    last = "Send the last survey if you have one and we can check the raft before we leave."
    assert _shown_and_kept(partials, last) == (0, 0)


def test_l22_a_bare_cant_whose_verb_is_heard_surely_is_shown_from_the_partials() -> None:
    text = "Send the last survey if you have one and we can't take the raft back before we leave"
    partials = [_partial(text, 6.0), _partial(text + " and the skipper", 6.0)]
    assert _shown_and_kept(partials, text + " and the skipper knows.") == (1, 1)


def test_l22_a_bare_cant_whose_verb_was_unsure_is_nudged_at_the_final_that_keeps_it() -> None:
    partials = [_partial(GARBLED, 6.0, unsure=11), _partial(GARBLED + " and the skipper", 6.0, unsure=11)]
    assert _shown_and_kept(partials, "Sorry, we can't take the raft before we leave.") == (0, 1)


def test_l22_committed_words_ending_on_a_bare_cant_wait_for_the_verb() -> None:
    text = "Right so we can't"
    assert _shown_and_kept([_partial(text + " come", 6.0, stable=4, unsure=4)], "Right so we can come.") == (0, 0)


# ====================================================================================================
# Moved from tests/test_language_phrasing_l24.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 28, second round (L24, issue 9): the twenty-seventh part's refusal, blame, deflection and policy misses and
# list Y's, as classes (tests/data/language_wording/tuning_l24.toml: lines written by L24), the recogniser's kind of
# words for three of them, and a "there's no way to" whose "to" the recogniser was unsure of (c642's kind).
# ====================================================================================================

LIST_L24 = wording_list("tuning_l24")


@pytest.mark.parametrize("line", LIST_L24["positive_language"]["lines"])
def test_l24_refusals_blame_and_deflections_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", LIST_L24["quiet"]["lines"])
def test_l24_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "heard",
    [
        # the recogniser's kind of words for three of the part's misses: "down" lost, "home" heard as "him", the
        # blame's second half written as a sentence of its own
        "A free respray on old paintwork is the road we don't go now",
        "Mostly that's the dog jumping up, so I'd look closer to him.",
        "That's you braking hard. Not our fitting",
    ],
)
def test_l24_the_part_misses_as_the_recogniser_writes_them_nudge(heard: str) -> None:
    assert "positive_language" in line_kinds(heard)


def _heard(text: str, p_to: float) -> dict:
    """An agent final whose word "to" the recogniser gave ``p_to`` (the others 0.9)."""
    event = final("agent", text, 1.0)
    event["words"] = [dict(w, p=p_to) if w["w"].strip(".,").lower() == "to" else w for w in event["words"]]
    return event


def test_l24_no_way_to_with_the_to_heard_unsurely_is_not_a_refusal() -> None:
    text = "Sorry, there's no way to move the date now."
    assert "positive_language" not in set(kinds(run(_heard(text, 0.2), coach=LanguageCoach(CONFIG))))
    assert "positive_language" in set(kinds(run(_heard(text, 0.9), coach=LanguageCoach(CONFIG))))


# ====================================================================================================
# Moved from tests/test_language_l26.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 29 (L26, issue 9): refusals, blame and policy in fresh words as classes, and the agent's "can" heard
# "can't" (tests/data/language_wording/tuning_l26.toml: lines written by L26): unwillingness said of anyone on the
# agent's side, a customer's reason ruled out, damage put down to the customer's habits, a rule that makes a charge
# payable; look-alikes: a "can't" answered at once by a yes, "can't complain", a reason ruled out as good news.
# ====================================================================================================

LIST_L26 = wording_list("tuning_l26")


@pytest.mark.parametrize("line", LIST_L26["positive_language"]["lines"])
def test_l26_refusals_blame_and_policies_nudge_by_class(line: str) -> None:
    assert "positive_language" in line_kinds(line)


@pytest.mark.parametrize("line", LIST_L26["quiet"]["lines"])
def test_l26_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


@pytest.mark.parametrize(
    "line",
    [
        "We can't, yeah, that's fine.",  # the agent's "We can, yeah" heard with a "t"
        "I can't, sure, give me a second.",
        "Can't complain really, how are you?",
    ],
)
def test_l26_a_cant_answered_by_a_yes_is_no_refusal(line: str) -> None:
    assert "positive_language" not in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "We can't, no, not on a sale item.",  # a real refusal answered by a no still counts
        "We can't refund a sale item, yes, that's the rule.",  # the yes comes after the refused verb
        "I can't complain to the supplier for you, you'd have to do that yourself.",
    ],
)
def test_l26_real_refusals_next_to_the_look_alikes_still_nudge(line: str) -> None:
    assert "positive_language" in line_kinds(line)


def _partial_l26(text: str, unsure: str, p: float, *, utt: str = "agent-1") -> dict:
    """An agent partial of ``text``, all its words committed, the word ``unsure`` heard at ``p`` (the others 0.9)."""
    event = dict(final("agent", text, 1.0, utt=utt), final=False)
    event["stable"] = len(event["words"])
    event["words"] = [dict(w, p=p) if w["w"].strip(".,") == unsure else w for w in event["words"]]
    return event


def test_l26_a_partials_cant_before_an_unsure_action_waits_for_the_final() -> None:
    # c664's kind: "We can, yes. ..." read "We can't address the ..." by a partial, the "action" a garbled word
    coach = LanguageCoach(CONFIG)
    out = [*coach.push(_partial_l26("We can't address the flap for you", "address", 0.2))]
    out += coach.push(final("agent", "We can, yes. There's a flap for you.", 1.0))
    assert [n.kind for n in out if not isinstance(n, Withdrawal)] == []
    # the same refusal heard surely is nudged from the partial, and a real one heard unsurely at its final
    sure = LanguageCoach(CONFIG).push(_partial_l26("We can't refund the deposit for you", "refund", 0.9))
    assert [n.kind for n in sure] == ["positive_language"]
    coach = LanguageCoach(CONFIG)
    assert coach.push(_partial_l26("We can't refund the deposit for you", "refund", 0.2)) == []
    assert [n.kind for n in coach.push(final("agent", "We can't refund the deposit for you.", 1.0))] == [
        "positive_language"
    ]


# ====================================================================================================
# Moved from tests/test_language_l28.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 30 (L28, issue 9): positive language in frames that survive the recogniser changing the words around them
# (tests/data/language_wording/tuning_l28.toml: lines written by L28), and the agent's "can" heard "can't" in a final
# whose turn goes on to offer the thing (c664's "We can, yes. ... We can bring ..." heard "We can't address. ...").
# ====================================================================================================

KIND = "positive_language"
LIST_L28 = wording_list("tuning_l28")


@pytest.mark.parametrize("line", LIST_L28["positive_language"]["lines"])
def test_l28_frames_nudge_by_class(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize("line", LIST_L28["quiet"]["lines"])
def test_l28_look_alikes_stay_quiet(line: str) -> None:
    assert line_kinds(line) == set()


def heard(text: str, ps: dict[int, float], coach: LanguageCoach | None = None) -> list[str]:
    """The kinds a final agent turn ``text`` is nudged for, its words heard at 0.9 but for ``ps`` (index -> p), by
    ``coach`` (default: the product's settings)."""
    e = final("agent", text, 3.0, utt="agent-1")
    for i, p in ps.items():
        e["words"][i]["p"] = p
    return [n.kind for n in (coach or LanguageCoach()).push(e) if isinstance(n, Nudge)]


@pytest.mark.parametrize(
    "text",
    [
        "We can't fitter. There's a cover that goes over the whole frame. We can drop one round on Monday.",
        "I can't shelf. The spare key's in the office. I'll post it out today.",
        "We can't yet. Yes, the bigger size. We could fit it when we're out on Tuesday.",
    ],
)
def test_l28_an_unheard_action_after_cant_then_an_offer_is_the_can_misheard(text: str) -> None:
    assert KIND not in heard(text, {2: 0.05})


@pytest.mark.parametrize(
    ("text", "ps"),
    [
        # the refused action heard surely: a refusal, whatever is offered after it
        ("We can't refund. We can send a voucher for the next visit.", {}),
        # unheard, but nothing offered after it, or the offer is an alternative or an obligation
        ("We can't fitter. There's a cover that goes over the whole frame.", {2: 0.05}),
        ("We can't fitter. We can send a voucher instead.", {2: 0.05}),
        ("I can't shelf. I'll have to charge the call-out.", {2: 0.05}),
        ("We can't fitter. But we can put you on the list.", {2: 0.05}),
    ],
)
def test_l28_a_refusal_stays_a_refusal_unless_the_turn_offers_the_thing(text: str, ps: dict[int, float]) -> None:
    # session 30's class as it was (``verb_min_p`` off); since session 47 (Q45) the product reads a verb heard under
    # ``verb_min_p`` as no refusal heard, offer or none (tests/test_language_rules.py)
    off = LanguageCoach(load_language_config(overrides={"positive_language": {"verb_min_p": 0.0}}))
    assert KIND in heard(text, ps, off)
    assert (KIND in heard(text, ps)) == (not ps)


@pytest.mark.parametrize(
    "line",
    [
        "I can't have a man out to you Thursday to bleed the radiators, and he'll check the boiler pressure too.",
        "We can't get a surveyor round on the ninth, and she'll go over the whole roof.",
        "I can't send the lads over first thing and they'll lift the old carpet for you.",
    ],
)
def test_l28_a_cant_whose_sentence_goes_on_with_the_plan_is_the_can_misheard(line: str) -> None:
    assert KIND not in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "I can't have a man out to you Thursday, the diary's full.",
        "We can't get a surveyor round until the ninth, and she'll ring you before.",
        "I can't replace the unit, sorry, and they'll say the same at the depot.",
        "We can't refund it and they'll tell you the same at head office.",
        "We can't replace the whole unit, and we'll send someone to look at it.",
    ],
)
def test_l28_a_cant_with_a_limit_an_apology_or_our_own_plan_after_it_stays_a_refusal(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "Changing colours in a no-go for us now.",  # "is" heard "in"
        "Late returns, wouldn't something I'm able to waive, I'm afraid.",  # "aren't" heard "wouldn't"
        "Then you're the one clogging it with fat. That's not our sink.",  # a blame told in two sentences
    ],
)
def test_l28_frames_as_the_recogniser_leaves_them_nudge(line: str) -> None:
    assert KIND in line_kinds(line)


@pytest.mark.parametrize(
    "line",
    [
        "If the gasket's at fault, we'll fit a new one on Friday.",
        "Whether the pump's to blame or not, the engineer will bring a new one.",
        "In case the thermostat's at fault, he'll carry a spare.",
    ],
)
def test_l28_a_fault_supposed_after_if_or_whether_is_no_blame(line: str) -> None:
    assert KIND not in line_kinds(line)


def test_l28_a_fault_pointed_at_someone_stays_blame() -> None:
    assert KIND in line_kinds("That was the courier's fault, they left it in the rain.")


# ====================================================================================================
# Moved from tests/test_language_l30.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 31 (L30, issue 9): positive language in wording no family held, and a "not" the recogniser dropped
# after "I'm afraid / sadly" (the lines of tests/data/language_wording/tuning_l30.toml are scored by
# tests/test_language_wording.py's FLOORS; these are the classes' edges, on one rule built once: cheap).
# ====================================================================================================

RULE = PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots)


def family(text: str) -> str | None:
    """The family of the positive-language nudge on one final agent line, or None."""
    found = RULE.on_agent(Utterance.from_event(final("agent", text, 1.0)))
    return found[0].evidence.get("family") if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a "not" lost after a hedge: the hedge says the agent is refusing
        ("I'm afraid we can swap it for the larger size.", "cant_do"),
        ("Sadly we're able to waive the fee this time.", "cant_do"),
        # a no-option said of anything, not only of a refund
        ("Collecting it from the flat isn't an option any more.", "cant_do"),
        # damage as the customer's doing, told as the cause
        ("You stacked it on the radiator, that's why it warped.", "blame"),
        ("The chip's from you dropping the lid.", "blame"),
        # a named fee that still applies, a rule given as the reason, whoever made it sent for
        ("The late booking surcharge still applies.", "policy"),
        ("Going by the house rules, we can no longer take cheques.", "policy"),
        ("It's the builder you want, we just supply the bricks.", "not_our_job"),
        ("We've got nothing to do with the invoices.", "not_our_job"),
        # the grammar's new actions: a booking put back or a case reopened, refused
        ("We won't rearrange the slot this close to the day.", "grammar_refusal"),
    ],
)
def test_l30_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the hedge before what we can see, tell or only do is news or a limit said another way, not a lost "not"
        "I'm afraid I can see the crack from here, so we'll send a new one.",
        "Luckily we can swap it for the larger size.",
        # no option because we will do better
        "Giving up isn't an option, so I'll keep chasing them.",
        # the cause is ours, or the customer was right
        "You were quite right, that's why it snapped, the batch was faulty.",
        # a free or reduced charge that still stands is good news
        "The waived call-out fee still stands for Thursday.",
        # the rule gives the customer something
        "Under our terms, you're covered for the whole year.",
        # the part the customer needs, sent
        "It's the smaller nozzle you need, we just had some back in.",
        # a postponement ruled out with a promise
        "We won't postpone anything without ringing you first.",
    ],
)
def test_l30_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# ====================================================================================================
# Moved from tests/test_language_l31.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 32 (L31, issue 9): positive language in fresh words, as classes: a flat "zero chance / no way am I / ain't
# no way" refusal of a service, "that's never gonna happen", a rule that "clearly states" or a procedure that "says we
# have to" close or charge, blame told as a cause ("down to the <thing> you're using"), a request that is "the
# <someone>'s call", and the thirty-first part's and list AC's classes ("<someone>'s doing", "one for the <maker>, not
# us", "impossible for me to", "rule is no ..."); and their look-alikes (reassurance, a rule quoted for the customer's
# good, a cause on our side, no excuses made, a look-up that cannot see why, what the customer was told said back).
# One rule built once: cheap. The lines of tests/data/language_wording/tuning_l31.toml are L31's own wording.
# ====================================================================================================


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a flat no to a service: no chance of it by a time, "no way am I" + a service verb, "ain't no way we can"
        ("There's no chance of getting a plumber out before Monday.", "cant_do"),
        ("No way are we refunding a coat that's been worn all winter.", "cant_do"),
        ("Ain't no way I can hold the room past six.", "cant_do"),
        # a request ruled out as never going to happen
        ("Moving it to the front row? That's never gonna happen.", "cant_do"),
        # the rule quoted as the reason, the procedure that closes or charges
        ("The small print clearly states that the booking fee is kept.", "policy"),
        ("The system says we have to suspend the line after two missed bills.", "policy"),
        # blame told as a cause
        ("That's down to the polish you're using, it clouds the lacquer.", "blame"),
        ("It comes from you stacking the pans on it.", "blame"),
        # a request handed on as someone else's call
        ("Upgrades are the captain's call.", "grammar_blame"),
        # a refund's chances slim to none, a rule's tail "no exceptions", what happens when people mishandle it
        ("The odds of getting a refund on that are pretty much zero.", "cant_do"),
        ("Collection is by appointment only, no exceptions.", "policy"),
        ("That's what happens when people stack the chairs wet.", "blame"),
        # the thirty-first part's classes (c724, c727, c729) and list AC's
        ("That's your electrician's doing, he's drilled through the cable.", "blame"),
        ("You'll have crammed it full and clogged the drain, that's the problem.", "blame"),
        ("A flaw in the glaze is one for the pottery that fired it, not us.", "not_our_job"),
        ("It's impossible for me to swap the tickets now.", "cant_do"),
        ("Our gym rule is no guests at weekends.", "policy"),
        ("You forgot to lock it, so the call-out fee is on you.", "blame"),
        # ... as the recogniser wrote them: no apostrophe, the problem cut off by a full stop, the "not us" lost
        ("Well if it has, that's your builders doing. He's cut the cable.", "blame"),
        ("You'll have overloaded it and clogged the filter. That's the problem", "blame"),
        ("Any crack in the frame is one for the foundry that cast it.", "not_our_job"),
        # an omission of the customer's with what it cost, a job not done again, a request not acted on
        ("You didn't tell us about the stairs, so the fitters couldn't get it up.", "blame"),
        ("We're not going to be re-printing the banners.", "cant_do"),
        ("Your claim isn't actionable, I'm afraid.", "grammar_refusal"),
    ],
)
def test_l31_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # reassurance: a feared thing that won't happen, a charge or delay there is no chance of
        "Don't worry, that's never gonna happen, the account is protected.",
        "It's not going to happen again, we've changed the courier.",
        "There's no chance of you getting charged before the refund lands.",
        "No way am I letting you go without a date.",
        # the rule or procedure on the customer's side
        "The policy clearly states you're entitled to a replacement.",
        "Procedure says I have to ring you back within the hour.",
        # the cause is ours, or the customer's choice
        "That's down to the hinge we fitted, so the new one's on us.",
        "It's down to the plan you're on, and I can move you to a cheaper one.",
        # no excuses for our mistake, a look-up that cannot see why with the next step, a fault not the family's
        "I won't make excuses, that was our error.",
        "I'm not able to tell why it failed, so I'll ask the engineer now.",
        "It wasn't your mum's fault at all.",
        # what the customer was told, said back; a rule clear that the customer is covered; sympathy "impossible to
        # imagine"; a privacy policy that is strict
        "You said you were told no exchanges, and that isn't right.",
        "The terms are clear that you're entitled to the upgrade.",
        "It's impossible for me to imagine how stressful that was.",
        "Our policy is strict about privacy, so your card details stay with us.",
        # a machine doing its job, a drop-off
        "That's your boiler doing its weekly self-test.",
        "You'll have dropped it off by then, so we'll start on Monday.",
        # nothing to redo, a job redone for free
        "We won't need to reprint anything, the proofs were fine.",
        "We're re-fitting it for free on Thursday.",
    ],
)
def test_l31_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l31_list_holds_its_own_classes() -> None:
    """tuning_l31.toml through the one rule: every must-nudge line nudges, no look-alike does (the lead's FLOORS in
    tests/test_language_wording.py score it through the whole coach)."""
    tables = tomllib.loads((DATA / "tuning_l31.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])


# ====================================================================================================
# Moved from tests/test_language_l32.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 33 (L32, issue 9): positive language on unseen calls, as classes: a change refused because the arrangement
# is fixed with someone else (a third party's contract "locked in / set in stone / binding", c723 as heard), a thing
# "locked in" given with a hedge, a schedule or an order "locked" as the reason; list AD's classes (Scots "we'll no be
# <doing>", "off the menu", no engineer sent out again, "no possible to", no discretion, house rules, blame as a cause
# in fresh shapes, the customer sent to whoever "deals with that"); the thirty-second part's as heard ("just isn't on
# the card", "your <animals> rubbing on it that's pulled the seal off", "written into the terms you agreed", "billed in
# full", "no squeezing <a job> in"); and their look-alikes. One rule built once: cheap. The lines of
# tests/data/language_wording/tuning_l32.toml are L32's own wording.
# ====================================================================================================


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a third party's contract fixed, as the recogniser wrote c723's (no apostrophe, its refusal misheard)
        ("No, that's not the one we're going to take, and the brewers contract is locked in.", "policy"),
        ("The hall's agreement with the school is set in stone.", "policy"),
        # a thing locked in with a hedge, a schedule locked as the reason
        ("It's locked in, I'm afraid.", "policy"),
        ("Sorry, the timetable's locked.", "policy"),
        ("The allocation is locked for this term.", "policy"),
        # list AD's classes
        ("We'll no be exchanging them, they've been worn.", "cant_do"),
        ("A refund's off the menu, I'm afraid.", "cant_do"),
        ("We aren't sending a third technician out.", "cant_do"),
        ("No possible to refund after the trip.", "cant_do"),
        ("There's no discretion here, I'm afraid.", "policy"),
        ("Those are the campsite rules.", "policy"),
        ("Your terrier chewing the hose, that's why.", "blame"),
        ("You'd left the back window open.", "blame"),
        ("It was your decorator who drilled into the cable.", "blame"),
        ("It's from how you packed it, the corners took the knock.", "blame"),
        ("You've been running the mower on the wrong oil.", "blame"),
        ("You never bled the radiators, so the top floor's cold.", "blame"),
        ("Phone the water board, they deal with that.", "not_our_job"),
        # the thirty-second part's, as heard (c747, c748, c756, c757)
        ("A free redo simply isn't on the card.", "cant_do"),
        ("It's your goats butting the door that's split the frame.", "blame"),
        ("That's written into the terms you signed.", "policy"),
        ("Classes missed on the day are charged in full.", "policy"),
        ("There's no slotting another car in this week.", "cant_do"),
        # c751's and c748's scripts: a harsh treatment that did the damage, a fault not down to our people
        ("You've bleached the grout, that's what's stripped the colour.", "blame"),
        ("That isn't down to our installers.", "not_our_job"),
    ],
)
def test_l32_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # kept for the customer
        "Your rate is locked in until the end of the year.",
        "The tariff is locked in at today's price for you.",
        "Your slot's locked in, sorry it took so long.",
        # a lock on a door, a thing mended
        "The shed is locked, sorry, the key's at reception.",
        "Sorry, the booking is fixed now, you'll get the email.",
        # list AD's look-alikes: a thing that can be done, the agent ringing whoever deals with it, the customer's own
        # account said back, no charge, nothing ruled out
        "There's no reason we can't do it tomorrow.",
        "I'll call the council for you, they deal with that.",
        "So you left the back door open and the cat got out?",
        "We'll no be charging a penny for it.",
        "Nothing's off the menu yet.",
        # a bank card, a part needing no fitting, "oh no" heard "I don't know" before a question, the terms quoted
        # for the customer's good
        "The long number isn't on the card, it's on the letter.",
        "There's no fitting required, it clips straight on.",
        "I don't know, is the order under your partner's name?",
        "The terms you signed include a free second visit.",
        # a drop-off, and a fault owned as ours
        "You dropped them round early, that's what's saved the day.",
        "It's down to our engineers, so the visit is free.",
    ],
)
def test_l32_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l32_list_holds_its_own_classes() -> None:
    """tuning_l32.toml through the one rule: every must-nudge line nudges, no look-alike does."""
    tables = tomllib.loads((DATA / "tuning_l32.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])


# ====================================================================================================
# Moved from tests/test_language_l33.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 34 (L33, issue 9): positive language on unseen calls, as classes: a flat no that answers a fear the
# customer has just voiced is reassurance, not a refusal (c713's "Not a chance." after "I honestly thought I'd have to
# give it up"; the rule remembers the customer's last final turn); list AE's classes (flat no's in idioms: "not a
# runner",
# "a big fat no on", a stance that will not move, "simply not a thing", "that door is closed"; blame told as a cause:
# "that's what happens when ... aren't followed", an over-verb of what the customer did, a mishandling "..., which is
# why the <thing> broke", "someone in your house ... and that wrecked it"; policy as the reason: "<shop> policy is
# <X> only", "bound by the terms you signed", "..., so the charge applies", "we hold our <rules> firmly", "once it's on
# the system it stays, we don't wipe them"); list AE's false alarms as classes; and their look-alikes. One rule built
# once: cheap. The lines of tests/data/language_wording/tuning_l33.toml are L33's own wording.
# ====================================================================================================


def answer_family(customer: str, agent: str) -> str | None:
    """The family nudged on the agent's final line ``agent`` said after the customer's final turn ``customer``."""
    RULE.on_customer(Utterance.from_event(final("customer", customer, 0.5)))
    try:
        return family(agent)
    finally:
        RULE.on_customer(Utterance.from_event(final("customer", "", 0.5)))  # the shared rule forgets the turn


@pytest.mark.parametrize(
    "customer",
    [
        "Thank you so much. I honestly thought I'd have to give the class up.",
        "I was really worried you'd cut the line off.",
        "Will I lose my place on the course?",
        "Are you going to charge me twice for it?",
        "Does that mean I have to start the forms again?",
        "I was convinced we'd be out of pocket.",
    ],
)
@pytest.mark.parametrize(
    "agent", ["Not a chance. Anything else I can do for you?", "No chance at all.", "Not a hope, love."]
)
def test_a_flat_no_answering_a_fear_is_reassurance(customer: str, agent: str) -> None:
    assert answer_family(customer, agent) is None


@pytest.mark.parametrize(
    ("customer", "agent"),
    [
        # a request refused, not a fear answered
        ("Could I get my money back on it?", "Not a chance, the sale was final."),
        ("Can you knock the fee off this once?", "Not a chance."),
        ("I thought you'd be able to swap it for me.", "No chance, I'm afraid."),
        # a fear, but the no goes on to refuse something
        ("I thought I'd lose the deposit.", "Not a chance we'd waive it, the deadline passed on Monday."),
        # no customer turn heard
        ("", "Not a chance."),
    ],
)
def test_a_flat_no_after_a_request_still_nudges(customer: str, agent: str) -> None:
    assert answer_family(customer, agent) == "cant_do"


def test_the_coach_hands_the_customer_turn_to_the_rule() -> None:
    """c713's shape through the whole language coach: quiet after the fear, a nudge after a request."""

    def said(customer: str) -> list[str]:
        coach = LanguageCoach(CONFIG)
        coach.push(final("customer", customer, 1.0))
        return [n.kind for n in coach.push(final("agent", "Not a chance. Anything else tonight?", 5.0))]

    assert "positive_language" not in said("Thanks. I really thought I'd have to give it up.")
    assert "positive_language" in said("Can I have the late fee taken off?")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # flat no's in idioms
        ("Sorry, a second free visit's not a runner this year.", "cant_do"),
        ("I'm afraid it's a big fat no on changing the colour.", "cant_do"),
        ("The seller's position is final, so the price stays.", "cant_do"),
        ("There's no movement on the fee, I'm afraid.", "cant_do"),
        ("Head office is completely immovable about it.", "cant_do"),
        ("Sadly, part refunds are just not a thing after the trip.", "cant_do"),
        ("That door's closed, I'm afraid, the offer ended.", "cant_do"),
        # blame told as a cause
        ("That's what happens when the fitting guide isn't followed.", "blame"),
        ("You've overloaded the washer, it says six kilos on the door.", "blame"),
        ("The mower was left out in the rain, that's why the blade's rusted.", "blame"),
        ("Someone in your house scrubbed it with wire wool and that scratched the glass.", "blame"),
        ("Your boys have been climbing on the gate, which is why the hinge went.", "blame"),
        # policy as the reason
        ("Shop policy is exchange only on sale items.", "policy"),
        ("We're bound by the agreement you signed, it's twelve months.", "policy"),
        ("The notice is two days, so the late fee applies.", "policy"),
        ("We hold our cancellation rules firmly, I'm sorry.", "policy"),
        ("Once a penalty is on the account it stays, I'm afraid.", "policy"),
        ("We don't wipe old marks off the record.", "grammar_refusal"),
        # the thirty-third part's (c766-c789): a job "is one we decline", an offer not on the cards any more, "there'll
        # be no swapping it before ..." (heard right), "full stop" heard "full top", the damage "come from your <thing>
        # <soaking> it", "down to how it was <loaded>", the fee "stays with" the firm
        ("A clock someone else has opened is one we turn away.", "cant_do"),
        ("The winter price isn't on the cards any more.", "cant_do"),
        ("There'll be no switching it before the year is up.", "cant_do"),
        ("No second visit, full top, sorry.", "cant_do"),
        ("That stain's come from your hanging baskets dripping on it.", "blame"),
        ("The warping is down to how it was stored.", "blame"),
        ("After the first week the fee stays with the club.", "policy"),
    ],
)
def test_l33_classes_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # list AE's false alarms, as classes: what the agent cannot see for the customer's safety, blame taken off the
        # customer, no problem said without apostrophes
        "I'm not able to see your full card number, which keeps it safe.",
        "Blame the wind, not yourself, the fence was old.",
        "no thats fine its not an issue we can book it for monday",
        # look-alikes of the classes
        "She's not a runner, she's our goalkeeper.",
        "The door's closed so the dog can't get out.",
        "It's simply not a thing you need to fret about.",
        "There's no movement on your parcel yet, so I've chased the depot.",
        "If you've overloaded it, just take a few things out.",
        "The discounted rate applies, as you booked early.",
        "Once it's bolted down it stays put.",
        "The rule is you only pay for the first visit.",
        "Your deposit is kept safe in the scheme until you move out.",
        "It's a full top up of the tank, so you're set.",
        "Was that a firm no from the bank, or can we try again?",
        "There's no changing needed, it fits as it is.",
        "There'll be no cancelling it without asking you first.",
        "The deposit stays with you until the keys are back.",
        "Can you tell me how it was stored before I book the repair?",
    ],
)
def test_l33_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


def test_l33_list_holds_its_own_classes() -> None:
    """tuning_l33.toml through the one rule: every must-nudge line nudges, no look-alike does."""
    tables = tomllib.loads((DATA / "tuning_l33.toml").read_text("utf-8"))
    missed = [t for t in tables["positive_language"]["lines"] if family(t) is None]
    fired = [t for t in tables["quiet"]["lines"] if family(t) is not None]
    assert (missed, fired) == ([], [])


# ====================================================================================================
# Session 46 (L45, issue 9), round two (lists AJ, AK, AP, AQ, Z: in sample): registers whose words the folds did not
# read (Scots "oor", Northern "thi", Cornish "tidn't", the Caribbean possessive "we", "you gotta"), and the errand
# said to be someone else's but taken on by the agent in the same breath; after the flip, c1077's "can't bear" and
# c1061's ask heard with "can't" (in sample). L45's own words.
# ====================================================================================================


@pytest.mark.parametrize(
    "text",
    [
        "That's no oor problem, pal, ye'll have tae take it up wi the seller.",
        "That's thi own fault for leaving the gate open.",
        "Tidn't our fault, the frost done that to the pipes.",
        "Is not we fault, is the courier who drop it.",
        "You gotta talk to the council, we just cut the grass.",
        "That's the council's job, but you can ring them yourself.",
        "We can't bear the cost of a second delivery.",
    ],
)
def test_l45_registers_and_errands_nudge(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Normally that's the council's job, but I'll ring them for you this afternoon.",
        "It's not really my department, but I've already passed it to the right team.",
        "Not that we fault you for asking, it's a fair question.",
        "You gotta see the new colours, they came out lovely.",
        "Oor driver will bring it round the morn.",
        # a feeling said with "can't bear" (c1077's class), and the closing ask heard with "can't" after "thing else"
        # (c1061's class: "Is there anything else I can help y'all with?")
        "I can't bear to think of you stuck out there in the cold.",
        "The ticket will be in your inbox within the hour, is around the thing else. I can't help you all with.",
    ],
)
def test_l45_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# ====================================================================================================
# Session 47 (L46, issue 9), round one (designed on c670-c1029 and lists A-AP, checked on c1030-c1077 and list AQ):
# the fault told as a fact. Damage said to happen only through a mishandling ("... only snap when they've been hung
# the wrong way round": the grammar's ``_only_when``) and the cost put on the customer's deposit, bond or wages (the
# "out of your pocket" entry, broadened). L46's own words.
# ====================================================================================================


@pytest.mark.parametrize(
    "text",
    [
        "These hinges only crack when they've been forced the wrong way.",
        "A dent like that normally means it's been dropped on its corner.",
        "That usually means you've overloaded it with wet towels.",
        "Any cleaning after that would come out of your deposit.",
        "The broken window comes out of your bond, I'm afraid.",
    ],
)
def test_l46_fault_told_as_a_fact_nudges(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        # an explanation that is no blame: the cause is no handling, or the agent's side owns it, or it is denied
        "That happens when the seal dries out, so I'll send a new one today.",
        "A rattle like that usually means the belt has worn thin, it's a quick fix.",
        "It only cracks if our fitter overtightened it, so that one's on us.",
        "A split like that usually means it was knocked in transit by our courier.",
        "That usually means it wasn't dropped at all, just a weak weld.",
        "Don't worry, that won't come out of your deposit.",
    ],
)
def test_l46_explanations_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round two (in sample: c1078-c1101 after the flip, list AR after its floor): the "only ... when" rule with any verb
# and a manner ("only opens like that when", c1089) and a tampering by anyone as the cause; AR's registers (Black
# Country "yow shoulda", Scots "ye'll"), "yours to pursue" and the Caribbean "not we doing".
@pytest.mark.parametrize(
    "text",
    [
        "A latch only springs open like that when somebody's been fiddling with the catch.",
        "That usually means someone's been tampering with the meter.",
        "Yow shoulda booked the slot before the Friday.",
        "Ye'll need tae ring the landlord about the boiler, son.",
        "Anything lost in the post after that is yours to pursue with the courier.",
        "Nah, dat is not we doing, is de airline who lose it.",
        # round three (AR, in sample): Scots "jist" / "yer", a text-speak "now its"
        "Sorry pal, that's jist how it is wi yer sale stuff.",
        "sorry cant change it now its gone through",
    ],
)
def test_l46_round_two_classes_nudge(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "The lid only opens like that when you press both tabs together.",
        "The gate only swings that way when the wind is from the east.",
        "If it only opens like that when our engineer's been fiddling with it, we'll sort it.",
        "Ye'll love the new colours, they came out lovely.",
        "Yer parcel's jist left the depot, it'll be with you by noon.",
    ],
)
def test_l46_round_two_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Session 48 (L47): responsibility put on someone else as an explanation, with no blame word in it (c1082, c1083,
# c1089's classes; tests/data/language_wording/tuning_l47.toml holds more of both sides). These lines are in none of
# the lists: the same classes in other words.
@pytest.mark.parametrize(
    "text",
    [
        "Honestly it all boils down to the parents at that point.",
        "That's more the hosts' department than ours.",
        "Lost property is really the venue's responsibility.",
        "The booking side of it sits with the promoter.",
        "It's in the landlord's hands now, I'm afraid.",
        "The car park's run by the council rather than us.",
        "The organisers look after all of that, we just sell the passes.",
        "That's really more a question for the caretaker.",
    ],
)
def test_l47_responsibility_put_on_someone_else_nudges(text: str) -> None:
    assert family(text) == "not_our_job"


@pytest.mark.parametrize(
    "text",
    [
        "It all boils down to how much storage you need.",
        "That's our area, so leave it with me.",
        "The promoter's been really helpful, they've moved your seats.",
        "The parcel's in the courier's van and due by noon.",
        "I've sorted it with their department, it's all done.",
        "Your payment date falls on a Sunday, so it goes out on Monday.",
        "The booking sits with us, so I can change it now.",
        "We handle all of that ourselves, so there's no need to call anyone.",
    ],
)
def test_l47_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round two (in sample: list AS after its floor): blame told as a consequence (the customer's attempt ruled out after
# the fact, all cover voided by it, a cost that follows from their absence or slip) and chat shorthand "u" for you.
@pytest.mark.parametrize(
    "text",
    [
        "You really shouldn't have attempted to rewire it on your own.",
        "You should never have tried to force the lock, I'm afraid.",
        "Opening the seal like that has voided it all.",
        "You forgot to cancel the trial, so you'll have to pay for the month.",
        "You weren't home for the engineer, so you'd need to cover the call-out.",
        "sorry not my dept u need to ring the warehouse",
    ],
)
def test_l47_blame_told_as_a_consequence_nudges(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "You shouldn't have to wait that long, let me sort it.",
        "Oh, you shouldn't have, that's so kind.",
        "You shouldn't have had to try three times to get through.",
        "You weren't in, so we'll rebook it and you won't have to pay a thing.",
        "If you weren't in, you won't have to pay for redelivery.",
        "no worries ill sort that for u now",
    ],
)
def test_l47_consequence_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round three (designed before c1102-c1125 were read, committed after their flip): every frame that hands a matter to
# {someone_else} takes the groups of {people} too; a page of theirs is no matter put on them; the customer's own
# words are never read for it.
@pytest.mark.parametrize(
    "text",
    [
        "That one is not us, it's the residents.",
        "Kindly contact the sender directly.",
        "That's between you and the previous owner.",
    ],
)
def test_l47_people_handed_a_matter_nudge(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "It's on the venue website if you want the map.",
        "The organisers have sent over the list, so I'll add you now.",
        "I'll speak to the organisers myself and ring you back.",
    ],
)
def test_l47_people_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


@pytest.mark.parametrize(
    "text", ["So it comes down to the students, really.", "That's really their department.", "That's on the venue."]
)
def test_l47_customer_explanations_are_not_read(text: str) -> None:
    assert "positive_language" not in {n.kind for n in LanguageCoach(CONFIG).push(final("customer", text, 1.0))}


# Round four (in sample: c1106 after the flip): a matter put down to someone else in the past tense.
@pytest.mark.parametrize(
    ("text", "nudges"),
    [
        ("That was down to the courier, not the depot.", True),
        ("It was really down to the organisers in the end.", True),
        ("Honestly that would have been down to the tenants upstairs.", True),
        ("That was down to three days last time.", False),
        ("It was down to you which day, so no harm done.", False),
        ("That was down to us, and I'm sorry.", False),
    ],
)
def test_l47_matter_put_down_to_someone_in_the_past(text: str, nudges: bool) -> None:
    assert (family(text) is not None) is nudges


# Round five (in sample: c1079, c1082, c515, tuning calls): the matter as any subject, "on" a named party with a hedge,
# "something to raise with them".
@pytest.mark.parametrize(
    ("text", "nudges"),
    [
        ("A crack on the frame is really one for the maker, not us.", True),
        ("Damage in the post is more a question for the couriers.", True),
        ("So that bit's sort of on the landlord.", True),
        ("Returns are something to take up with the seller.", True),
        ("The next free slot is one for the diary.", False),
        ("The price is down to the size you choose.", False),
        ("That's something to raise with our team, and I'll do it now.", False),
        ("The parcel's on the van already.", False),
    ],
)
def test_l47_matter_of_any_subject_put_on_someone(text: str, nudges: bool) -> None:
    assert (family(text) is not None) is nudges


# In sample (quiet c1121 after the flip): a thing or occasion of the customer's that ends in "-ing" is no doing of
# theirs ("your wedding food has gone to the wrong venue" was read as "your <doing> ... wrong"); a doing still is.
@pytest.mark.parametrize(
    ("text", "nudges"),
    [
        ("Your wedding cake has gone to the wrong address, and that's our mistake.", False),
        ("Your christening order went to the wrong hall, I'm so sorry.", False),
        ("Your ceiling tiles were sent in the wrong colour by our warehouse.", False),
        ("You've been wiring it the wrong way round.", True),
    ],
)
def test_l47_things_ending_in_ing_are_no_doing(text: str, nudges: bool) -> None:
    assert (family(text) is not None) is nudges


# Session 49 (L48, issue 9): what survives the recogniser of a hand-off or a blame. The possessive and its noun are
# lost, the errand before "not ours" and "your ... doing" are heard (c1107 said "their mess to chase, not ours",
# heard "in the semester chase, not ours"; c1116 said "that's your pickers' doing", heard "that's your because
# doing"); tests/data/language_wording/tuning_l48.toml holds more of both sides.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Right, so I'm missing one in the semester chase, not ours.", "not_our_job"),
        ("That one's the warehouse's to sort out, rather than us.", "not_our_job"),
        ("Well, so I reckon that's your because doing.", "blame"),
        ("That'll be your neighbour's doing, the fence was fine.", "blame"),
    ],
)
def test_l48_heard_hand_off_and_blame_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Those are ours to chase, not yours.",
        "I'll follow up, not you, so no need to call.",
        "That's your thermostat doing its night setback.",
        "That's your daughter doing really well on the course.",
    ],
)
def test_l48_heard_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round two (in sample: c1134 and c1138 as heard after their flip, list AT after its floor): a duty left with the old
# owners, someone else's work set against ours, their thing "that's let you down" (heard "there"), the ones at fault.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Whatever the old boss agreed went with the former management.", "not_our_job"),
        ("That's down to the builder's workmanship rather than us.", "not_our_job"),
        ("I'm afraid it's there sealant that's let you down.", "blame"),
        ("The printers are the ones at fault, not the shop.", "blame"),
    ],
)
def test_l48_round_two_nudges(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "We stayed with the previous owners' cleaners, they know the place.",
        "It's our booking system that's let you down today, I'm so sorry.",
        "Honestly, you're not at fault in any of this.",
    ],
)
def test_l48_round_two_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Session 50 (L49): a thing the rules, named by up to three words, don't let the agent do (c1102 "swapping yurts mid
# stay isn't something the site rules let me do", as Piper's voice is heard; the grammar lets one word through after
# "the").
@pytest.mark.parametrize(
    "text",
    [
        "Swapping your it's mid -stay isn't something the site rules let me do sorry",
        "That's not something the health and safety rules let us offer.",
        "A late checkout isn't something our booking terms allow me to give.",
        "Refunding a used ticket is not anything the venue policy lets me do.",
        "Moving the date isn't what the hire contract permits us to do.",
    ],
)
def test_l49_rules_named_by_several_words_refuse(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Good news, that's something the new site rules let me do now.",
        "Is that something the booking terms let us do? Yes, it is, I'll add it.",
        "The site rules let me move you to a bigger yurt today.",
    ],
)
def test_l49_rules_that_allow_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round two: a fault "like that" put down to a cause (c1034 "a failure like that is down to the fitting, not the
# sensor", as Piper and flite decode it), and what the agent's side won't stand behind (c1058).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "If the mask wasn't braced properly, a failure like that is down to the fitting, not the sensor.",
            "blame",
        ),
        ("A leak like that is nearly always down to the washer you fitted.", "blame"),
        ("A tear like this is really down to how it was stored.", "blame"),
        ("That's not something we'd stand behind, I'm afraid.", "not_our_job"),
        ("A patch like that isn't a repair we would put our name to.", "not_our_job"),
    ],
)
def test_l49_round_two_nudges(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "A fault like that is down to us, I'm sorry, we'll replace it.",
        "A problem like that is down to our fitter, so it's on us.",
        "A crack like that is down to normal wear and tear, the warranty covers it.",
        "A price like that is down to the exchange rate.",
        "That's something we'd stand behind for ten years.",
        "There isn't anything we wouldn't stand behind, it's all guaranteed.",
    ],
)
def test_l49_round_two_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round three (in sample: c1155 as heard after its flip): a cause set against anything the agent's side did.
@pytest.mark.parametrize(
    "text",
    [
        "So it'll be where from the classroom rather than anything we did.",
        "That's the damp in the garage rather than anything our fitters did wrong.",
        "It's the frost, and not anything we've done.",
    ],
)
def test_l49_round_three_a_cause_not_ours_nudges(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "This year's show is better than anything we did last year.",
        "Honestly, it's as good as anything we've done.",
        "We'll sort it, not something we've done before but happy to.",
        "Not something we did on purpose, but we'll fix it today.",
    ],
)
def test_l49_round_three_comparisons_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round four (c603 as a festival voice is heard, a tuning call L49 analysed): "a thing we do" heard "the thing we do",
# with a tail that makes it a refusal.
@pytest.mark.parametrize(
    "text",
    [
        "Swapping's kind over isn't the thing we do here. The lots go out as they're a dyed",
        "Refunds aren't the thing we offer at all, sorry.",
    ],
)
def test_l49_round_four_the_thing_we_do_refuses(text: str) -> None:
    assert family(text) is not None


def test_l49_round_four_the_thing_we_do_first_is_no_refusal() -> None:
    assert family("That isn't the thing we do first, we measure up.") is None


# Round five (in sample: list AU after its floor; our wording here): a mistake or a doing put on "that one", the fault
# put on the customer's end, the terms quoted at them; an acknowledged miss stays quiet.
@pytest.mark.parametrize(
    "text",
    [
        "So that one's your mistake, I'm afraid.",
        "That was entirely your own oversight, madam.",
        "Fading like that is wear and tear on your side.",
        "They only split if they're overfilled, so that's what happened at your end.",
        "It says right there in the terms, no refunds after thirty days.",
    ],
)
def test_l49_round_five_fault_put_on_the_customer_nudges(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    [
        "Can you tell me what happened at your end?",
        "It's not your mistake at all, we sent the wrong size.",
        "I'm so sorry the train was cancelled and you missed the wedding.",
    ],
)
def test_l49_round_five_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round six (tuning c915 as heard, analysed by L49): a discount refused as giving the business away.
@pytest.mark.parametrize(
    "text",
    [
        "A free pack and run, we'd be giving the shop away, so no machine-nearly-booked out.",
        "At that price I'd basically be giving the farm away.",
    ],
)
def test_l49_round_six_giving_the_shop_away_refuses(text: str) -> None:
    assert family(text) is not None


@pytest.mark.parametrize(
    "text",
    ["I'd be giving the shop away to my nephew if I retired.", "We're giving a voucher away with every order."],
)
def test_l49_round_six_giving_away_look_alikes_stay_quiet(text: str) -> None:
    assert family(text) is None


# Session 51 (L50), round one: a failure told as what happens when the thing is mishandled, in the passive with "is /
# are / gets" (c1153 espeak heard "springback signs split when the mind is forced open flat"), and a non-starter with
# its article lost and its noun misheard (c1134 festival heard "these are none starcher").
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The feeling is springback signs split when the mind is forced open flat before the learner has warmed up.",
            "blame",
        ),
        ("Those spines split when the binder is forced open flat.", "blame"),
        ("The hinges only snap when the lid gets forced back past the stop.", "blame"),
        ("A tent pole like that bends when it's been stood on.", "blame"),
        ("The glaze cracks if the dish is put away wet.", "blame"),
        ("The strap comes loose when the buckle is overtightened.", "blame"),
        ("Handles go like that when they're being yanked, sorry.", "blame"),
        ("Satcher, these are none starcher. Our features never go west of Oakhampton at the weekend.", "cant_do"),
        ("Friday's none starter, I'm afraid.", "cant_do"),
        ("A refund is a non starcher after a month.", "cant_do"),
    ],
)
def test_l50_mishandled_failure_and_misheard_non_starter_nudge(text: str, expected: str) -> None:
    assert family(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The lid springs open when it's pressed, that's the design.",
        "The seal breaks when the jar is opened, so you'll know it's fresh.",
        "The bulb fails when the power is cut, then the backup takes over.",
        "It cracks when it's dropped? Oh no, I'm so sorry, we'll replace it.",
        "There are none started yet, the course begins in May.",
        "None of the starters have nuts in them.",
        "We'll split it when the order is ready.",
    ],
)
def test_l50_look_alikes_of_mishandling_and_non_starters_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round two (in sample: c1187 as heard after the flip, "so your cooks must have been pushing it way too hard"):
# someone of the customer's side overdoing it with the thing, whatever the verb.
@pytest.mark.parametrize(
    "text",
    [
        "See, most men will only go when somebody hangs their whole weight off them, so your cook must have been "
        "pushing it way too hard.",
        "Your lads must have been cranking it far too hard.",
        "You've probably been running it too hot, that's what warps the plate.",
        "Someone must have been yanking them too roughly.",
        "They'll have been loading the shelves too heavily.",
    ],
)
def test_l50_someone_overdoing_it_blames(text: str) -> None:
    assert family(text) == "blame"


@pytest.mark.parametrize(
    "text",
    [
        "You must have been finding it too hard on your own, I'm sorry.",
        "You've been pushing yourself too hard, take a rest.",
        "Your mum must have been taking it too hard, poor thing.",
        "We must have been running it too hot in the workshop, that's on us.",
        "You'll have been missing it too much, I know.",
    ],
)
def test_l50_feelings_and_our_own_overdoing_stay_quiet(text: str) -> None:
    assert family(text) is None


# Round four (tuning c1164 as heard, the negation lost): the terms cited for a disclaimer that the pictures or the
# listing promise nothing.
@pytest.mark.parametrize(
    "text",
    [
        "Well, our terms and conditions came at least in FOGOM are for illustration only, so God will harm something "
        "we're obliged to supply.",
        "The terms say the photos are for illustrative purposes only.",
        "Our small print says the box pictures are for illustration only, I'm afraid.",
        "The terms and conditions state the sizes are indicative only.",
    ],
)
def test_l50_terms_cited_for_a_disclaimer_are_policy(text: str) -> None:
    assert family(text) == "policy"


@pytest.mark.parametrize(
    "text",
    [
        "The picture's for illustration only, the real one has a blue lid.",
        "Our terms and conditions are on the website, and I'll email you a copy.",
        "The terms are simple: you pay when it arrives.",
    ],
)
def test_l50_a_picture_described_or_the_terms_offered_stay_quiet(text: str) -> None:
    assert family(text) is None


# Session 52 (L51, issue 9): a blame told as an explanation, from its parts (list AV's misses were this class: "the
# other shift forgot to log it, which is why ...", "the van driver didn't bother ringing the bell, ... so that's why"):
# someone outside the agent's "we" / "I", a slip of theirs, and a cause link after it (not the agent's remedy) or an
# explaining frame before it ("what happened is", "the reason it broke is that"). Lines written here, not from a list.
@pytest.mark.parametrize(
    "text",
    [
        "The night team forgot to send it, which is why it never arrived.",
        "Honestly the courier didn't bother knocking, that's why you got a card.",
        "The engineer before me got the readings wrong, which is why your bill jumped.",
        "Your husband must have mixed the cables up, that's why the box won't start.",
        "What happened is the warehouse lads mislabelled your parcel.",
        "The reason it cracked is that your dog was chewing on it.",
        "The lab didn't bother checking the sample, which is why the result came back late.",
        "The previous owner ignored the service light, hence the damage.",
        "Someone at the depot misread the label, so that's why it went to Leeds.",
        "The fitters forgot to seal the edge, and that's why it's letting water in.",
        "He forgot to put the order through, which is why nothing's turned up.",
        "The temp on reception wrote your number down wrong, which is why nobody rang you back.",
        "What's happened here is the printers got the sizes muddled up.",
    ],
)
def test_l51_a_slip_of_someone_else_told_as_the_cause_blames(text: str) -> None:
    assert family(text) == "blame"


@pytest.mark.parametrize(
    "text",
    [
        "We forgot to send it, which is why I've refunded the postage.",
        "I got the dates mixed up, that's why the booking was wrong, sorry.",
        "We had the dates mixed up, which is why the invite said Friday.",
        "I got the order messed up, that's why it came in blue, sorry about that.",
        "The courier mislabelled it, which is why I've sent a new one today.",
        "The driver forgot to scan it, which is why we're sending a new one out today.",
        "Our engineer forgot the part, which is why I've booked him again for tomorrow morning.",
        "The courier got it wrong, but that's for us to chase, not you.",
        "It's not your fault at all, the courier mislabelled the box.",
        "The parcel was misaddressed, which is why it went to Leeds.",
        "The bins were sitting in the rain, which is why the labels peeled.",
        "The reason I'm calling is that your order has been dispatched.",
        "The reason it broke is that the hinge was faulty, so we'll replace it.",
        "The reason it's late is that we were short of drivers.",
        "What happened is the storm knocked the line down.",
        "What happened is we forgot to send the code, I'm so sorry.",
        "Your kids will love it, that's why it's our bestseller.",
        "The other shift logged it properly, which is why it's on the system.",
    ],
)
def test_l51_our_own_slip_a_remedy_or_no_slip_stays_quiet(text: str) -> None:
    assert family(text) is None


# Round two (designed on list AW's misses after AW_FLOORED: in sample for AW; before FLIPPED): the customer's own slip
# told as the cause, and how a thing fails told with the fault put at the customer's end or on their misuse.
@pytest.mark.parametrize(
    "text",
    [
        "You didn't tighten the valve properly, which is why it's dripping.",
        "You never screwed the lid on right, that's why it leaked everywhere.",
        "You lot must have left the freezer door open overnight, which is why everything defrosted.",
        "You've left the hose running all week, which is why the lawn's flooded.",
        "Those bulbs only blow like that when they're fitted wet, so that's on your side.",
        "Normally that only happens if the settings have been changed at home, so it'll be at your end.",
        "When people overfill the drum the bearings go, so that's probably what happened with yours.",
        "If folk store it damp it goes mouldy, so that's most likely what happened with your tent.",
    ],
)
def test_l51_the_customers_slip_or_misuse_told_as_how_things_work_blames(text: str) -> None:
    assert family(text) == "blame"


@pytest.mark.parametrize(
    "text",
    [
        "You haven't slept properly, which is why you're exhausted.",
        "You didn't get the email properly, which is why I'm resending it now.",
        "You left the keys with us, which is why I'm calling.",
        "You kept the receipt, which is why I can refund it straight away.",
        "You've had a rough week, no wonder you're tired.",
        "If it's not showing yet, so it'll be with you by Friday.",
        "When you log in, you'll see the offer on your side of the screen.",
        "When people order before noon it goes out the same day, so that's what will happen with yours.",
        "When the engineer arrives he'll check it, so that's sorted.",
        "When customers update the app it sometimes logs them out, so I'll reset yours now.",
    ],
)
def test_l51_sympathy_a_remedy_or_how_things_go_well_stays_quiet(text: str) -> None:
    assert family(text) is None


# Round three (after FLIPPED, on look-alikes written here; touches no line of c1198-c1221): a slip of someone "at our
# end", "in our office" or of "our team" is the firm's own, and a colleague's remedy after the link is no blame.
@pytest.mark.parametrize(
    "text",
    [
        "Someone at our end forgot to tick the box, which is why it didn't go out, I'm so sorry.",
        "Somebody in our office misread the form, which is why it was declined, and that's our mistake.",
        "Our team forgot to send it, which is why it's late.",
        "The engineer forgot to bring the part, which is why he'll be back tomorrow at nine.",
    ],
)
def test_l51_a_slip_at_our_end_or_a_colleagues_remedy_stays_quiet(text: str) -> None:
    assert family(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Someone at the warehouse forgot to tick the box, which is why it didn't go out.",
        "One of our lads forgot to log it, which is why nobody called you.",
    ],
)
def test_l51_a_slip_of_someone_named_elsewhere_still_blames(text: str) -> None:
    assert family(text) == "blame"
