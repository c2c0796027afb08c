"""The calm-down family (issue 9) by class: "calm down" and its kin said of the customer's mood, temper, voice
or nerves in dialect and as the recogniser hears them, told to oneself or shared, held for a bounded time at a
partial's end until a look-alike continuation can veto it, and the look-alikes said of a thing (a drink that cools,
a horse, a drama series) that must stay quiet; with session 14's blame-on-the-customer class.

Moved here from the per-session files test_language_calm_blame_classes.py, test_language_l23_classes.py,
test_calm_down_l25.py and test_language_l27.py (session 35, T1); each part keeps its session's docstring as a
comment. Tests are unchanged; a name two sessions shared carries its session's tag. The calm-down idioms that
sessions 16-25 wrote beside their refusals are in tests/test_positive_language_classes.py, those written beside
goodbyes (sessions 30-34) in tests/test_closing_classes.py. New calm-down tests go here or in a topic file
``test_calm_down_<topic>.py``, never in a file named after a session or helper."""

from __future__ import annotations

import dataclasses

import pytest

from coach.language import LanguageCoach, load_language_config
from coach.language.coach import HELD_S
from coach.language.patterns import normalise
from coach.types import Nudge, Withdrawal
from tests.test_language_config_source import marked
from tests.test_language_rules import final
from tests.test_language_stream import partial
from tests.test_language_wording import kinds_fired, wording_list

# ====================================================================================================
# Moved from tests/test_language_calm_blame_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 14 (W7), issue 9: the calm-down family and the blame-on-the-customer class extended by
# classes, with wording written here (not taken from the calls or the lists): the other verbs of a
# raised voice, "no call/need to be <shouting>", dialect spellings folded by ``patterns.normalise``,
# "go easy", the temperature taken down, the hush; the cause put on something the customer did and
# what they signed given as the reason. Hard negatives: someone else or the speaker calming down,
# a thing that cannot freeze, sympathy, and explanations that put nothing on the customer.
# ====================================================================================================


@pytest.mark.parametrize(
    "text",
    [
        "Look, there's no need to be bellowing at me, I'm sorting it.",
        "There's no cause to be yelling, sir, I'm looking now.",
        "Please quit bawling at me, I can hear you.",
        "Stop screeching, I've got the form open.",
        "Och, there's nae need tae be yelling, the van's coming.",
        "Go easy, would you, I only started this morning.",
        "Let's all just bring the heat down and look at the dates.",
        "Shush, shush, let me read the note.",
        "Wheesht a second, I'm reading it out.",
        "Don't be losing your temper over a parking fee.",
        "Easy, bro, we'll get there.",
    ],
)
def test_calm_down_classes_fire(text: str) -> None:
    assert "avoid_calm_down" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    marked(
        [
            "He'll settle down once he's eaten, the poor thing.",
            "I'll calm down the paperwork side for you, no bother.",
            "The pipe can't freeze now the lagging's on.",
            "I'm so sorry, that sounds really stressful.",
            "The dog was roaring at the postman, was he? Poor lad.",
            "Keep the head down on the form, sign at the bottom.",
        ]
    ),
)
def test_calm_down_classes_leave_these_alone(text: str) -> None:
    assert "avoid_calm_down" not in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "That'll be because you overloaded the drum, it's only rated for seven kilos.",
        "It's probably because you dropped it on the tiles.",
        "The order you approved says oak, so that's what we fitted.",
        "You ticked the large box on the form, so that's exactly what we sent.",
    ],
)
def test_blame_on_the_customers_own_action_fires(text: str) -> None:
    assert "positive_language" in kinds_fired(text)


@pytest.mark.parametrize(
    "text",
    [
        "That's because we changed the supplier last month, sorry about that.",
        "You chose the oak, and it looks lovely in the photos.",
    ],
)
def test_explanations_that_blame_nobody_are_left_alone(text: str) -> None:
    assert "positive_language" not in kinds_fired(text)


def test_dialect_spellings_fold_to_standard_words() -> None:
    words, index = normalise(("calm", "yersel", "doon", "nae", "need", "tae", "shout", "calmdown"))
    assert words == ("calm", "yourself", "down", "no", "need", "to", "shout", "calm", "down")
    assert index == (0, 1, 2, 3, 4, 5, 6, 7, 7)


# ====================================================================================================
# Moved from tests/test_language_l23_classes.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 27, second round (L23), issue 9: the calm-down family's misses in the twenty-sixth part (c598-c621) and
# list X, and its look-alikes, as classes in words written for them (``tests/data/language_wording/tuning_l23.toml``):
# a mood "got on" or "up" in dialect, a fit pitched, going up like a rocket, the temper dialled back, the drama
# stopped, the everyday words for a bad mood after the family's heads, "go aisy", "calm right down", "collect
# yourself", "unwind a bit"; the family's words said of a thing (an oven let cool down, a cloth that relaxes, a wine
# that needs to breathe) or reported ("being told to relax") stay quiet. Text level, and the heard partials.
# ====================================================================================================

LIST = wording_list("tuning_l23")


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_dialect_moods_fits_and_tempers_dialled_back_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", marked(LIST["quiet"]["lines"]))
def test_things_that_cool_relax_or_breathe_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
    # (words as the recogniser might write them, whether avoid_calm_down must fire)
    ("Now then, no need to go up like rock, that's all in hand.", True),  # "like a rocket", the article lost
    ("So I need you to unwind the little, then we'll start the claim.", True),  # "unwind a little"
    ("Go aisy, sure the bus will be along.", True),
    # a subject of two words takes only a verb "you" cannot take: the feeling, then an order to the customer
    ("I get the feeling you need to breathe for a second, sir.", True),
    ("The sheets will relax in the wash, no need to iron them.", False),
    ("Everyone hates being told to calm down, so I won't.", False),
]


@pytest.mark.parametrize(("heard", "fires"), marked(HEARD))
def test_heard_forms_and_the_two_word_subject(heard: str, fires: bool) -> None:
    assert ("avoid_calm_down" in kinds_fired(heard)) is fires


def test_an_unfinished_turn_is_nudged_once_a_word_follows_the_new_phrase() -> None:
    # "cut the drama" may yet be a drama series (an exception after it): not while it is the partial's last words
    coach = LanguageCoach()
    assert coach.push(partial("Okay, cut the drama", 0.0, 0)) == []
    [n] = coach.push(partial("Okay, cut the drama please, I've", 0.0, 0))
    assert isinstance(n, Nudge) and n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard"


def test_a_drama_series_cut_from_a_package_is_no_calm_down_in_the_partials_either() -> None:
    coach = LanguageCoach()
    assert coach.push(partial("We cut the drama series from your", 0.0, 0)) == []
    assert coach.push(partial("We cut the drama series from your package last month.", 0.0, 0)) == []


# ====================================================================================================
# Moved from tests/test_calm_down_l25.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 28, second round (L25), issue 9: the calm-down family's misses in the twenty-seventh part (c622-c645) and
# list Y, and its look-alikes, as classes in words written for them (``tests/data/language_wording/tuning_l25.toml``):
# the shouting or the anger stopped, the temper reduced, the voice lowered, the volume dialled back, a palaver made,
# driving oneself mad, nerves told off, "why are you yelling", "speak to me calmly", and the nosebleed they'll give
# themselves carrying on like that; fish that stay calm, a slogan, a word said to a horse and a device's volume stay
# quiet. Text level, and the heard forms.
# ====================================================================================================

LIST_L25 = wording_list("tuning_l25")


@pytest.mark.parametrize("line", LIST_L25["avoid_calm_down"]["lines"])
def test_shouting_stopped_tempers_lowered_palavers_and_nerves_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", marked(LIST_L25["quiet"]["lines"]))
def test_calm_fish_slogans_horses_and_relax_modes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD_L25 = [
    # (words as the recogniser might write them, whether avoid_calm_down must fire)
    ("Alright, you'll give yourself a no fully carrying on like that, let me look.", True),  # "a nosebleed"
    ("Okay, you'll give yourself a hard attack getting so worked up, sir.", True),  # "a heart attack"
    ("Please, stop the roaring, I can't hear the number.", True),
    ("Lower you're voice, sir, the line is clear.", True),  # "your" as "you're"
    ("You'll give yourself a hernia lifting that on your own.", False),  # a strain, no carrying on
    ("The horses stay calm in the box if you leave the radio on.", False),
]


@pytest.mark.parametrize(("heard", "fires"), HEARD_L25)
def test_heard_forms(heard: str, fires: bool) -> None:
    assert ("avoid_calm_down" in kinds_fired(heard)) is fires


# ====================================================================================================
# Moved from tests/test_language_l27.py in session 35 (T1: tests by topic). Its docstring:
#
# Session 29 (L27): the "calm down" family's forms told to oneself or shared, its look-alikes said of a thing, and a
# calm word that ends an agent partial held a bounded time (audio time) so a look-alike continuation can veto it.
# ====================================================================================================

KIND = "avoid_calm_down"


def said(text: str) -> list[str]:
    """The kinds a final agent turn ``text`` is nudged for."""
    return [n.kind for n in LanguageCoach().push(final("agent", text, 3.0, utt="agent-1")) if isinstance(n, Nudge)]


@pytest.mark.parametrize(
    "text",
    [
        "Could you quieten yourself a little so I can hear the address.",
        "Quiet yerself, the engineer is booked.",
        "Steady yourself, okay, we'll sort the meter.",
        "Steady yourself now and read me the reference.",
        "Collect yourself and then we'll go through the bill.",
        "Let's keep our cool and look at the invoice.",
        "We both need to stay calm about the delivery.",
        "Let us all keep our tempers, it's only the first reminder.",
        "You'll want to steady yourself a touch, madam, before I read the terms.",
        "Collect yourself, the courier's only ten minutes late.",
    ],
)
def test_the_family_told_to_oneself_or_shared_is_a_calm_down(text: str) -> None:
    assert KIND in said(text)


@pytest.mark.parametrize(
    "text",
    marked(
        [
            "Relax mode on the massage chair is the third button.",
            "Breathe mode on the air purifier runs it quieter at night.",
            "Calm setting is the lowest speed on the fan.",
            "Relax into the harness and let the rope take your weight.",
            "Hold the banister to steady yourself on the stairs.",
            "Grab the handrail to steady yourself.",
            "Temper the glaze slowly or it will crack.",
            "Steady yourself against the wall while you reach the fuse box.",
            "You can collect yourself a replacement from the depot.",
            "Collect yourself from the station? No, the courier brings it.",
            "Treat yourself to the upgrade if you like the colour.",
        ]
    ),
)
def test_the_calm_word_said_of_a_thing_or_oneself_given_a_thing_is_no_calm_down(text: str) -> None:
    assert KIND not in said(text)


def heard(text: str, t: float, at: float, stable: int, *, utt: str = "agent-1") -> dict:
    """A partial of the words ``text`` (0.4 s per word from ``t``), emitted at call position ``at`` s, its first
    ``stable`` words committed."""
    e = final("agent", text, t, utt=utt)
    return dict(e, final=False, stable=stable, at=at, end=at)


def calm(out: list) -> list[Nudge]:
    return [n for n in out if isinstance(n, Nudge) and n.kind == KIND]


def test_a_lone_relax_at_the_partials_end_waits_a_bounded_time_then_is_nudged() -> None:
    coach = LanguageCoach()
    end = 20.0 + 0.36  # "Relax." is one word from 20.0 s
    assert calm(coach.push(heard("Relax.", 20.0, end + 0.2, 1))) == []  # a look-alike could still run on
    [n] = calm(coach.push(heard("Relax.", 20.0, end + HELD_S + 0.2, 1)))  # the next partial: nothing came on
    assert n.evidence["basis"] == "held" and n.evidence["said"] == "Relax"
    assert n.evidence["phrase_end"] == pytest.approx(end)
    assert HELD_S + 0.2 <= 1.5  # nudged well within 1.5 s of the phrase's last word
    assert coach.push(final("agent", "Relax.", 20.0, utt="agent-1")) == []  # the final agrees: once only


def test_a_look_alike_continuation_heard_in_time_vetoes_the_held_relax() -> None:
    for text in ("Relax mode is the second button on the remote.", "Relax into the seat and let the belt go."):
        coach = LanguageCoach()
        out = coach.push(heard("Relax.", 20.0, 20.56, 1))
        out += coach.push(heard(text, 20.0, 21.26, 2))  # "Relax mode" / "Relax into" heard in the next partial
        out += coach.push(heard(text, 20.0, 21.96, 4))
        out += coach.push(final("agent", text, 20.0, utt="agent-1"))
        assert calm(out) == [], text


def test_relax_followed_by_other_words_is_nudged_from_the_heard_words_not_held() -> None:
    coach = LanguageCoach()
    [n] = calm(coach.push(heard("Relax, I'm sorting it", 20.0, 21.7, 1)))
    assert n.evidence["basis"] == "heard"


def test_a_held_nudge_is_withdrawn_when_the_final_hears_the_look_alike() -> None:
    coach = LanguageCoach()
    [n] = calm(coach.push(heard("Relax.", 20.0, 21.0, 1)))
    [w] = coach.push(final("agent", "Relax mode is on the remote.", 20.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment


def test_with_committed_words_only_the_hold_reads_the_committed_words() -> None:
    cfg = load_language_config()
    off = dataclasses.replace(cfg, avoid_calm_down=dataclasses.replace(cfg.avoid_calm_down, heard_after_words=0))
    coach = LanguageCoach(off)
    assert calm(coach.push(heard("Relax.", 20.0, 21.5, 0))) == []  # heard, not committed
    assert calm(coach.push(heard("Relax mode", 20.0, 21.9, 1))) == []  # a word heard after the committed ones
    [n] = calm(coach.push(heard("Relax.", 20.0, 22.3, 1)))
    assert n.evidence["basis"] == "held"


def test_a_held_calm_down_is_not_nudged_for_the_customer() -> None:
    e = dict(heard("Relax.", 20.0, 21.5, 1), speaker="customer", utt="customer-1")
    assert LanguageCoach().push(e) == []
