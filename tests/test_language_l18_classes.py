"""Session 23, second round (L18), issue 9: the classes behind the twenty-second part's language misses (c502-c525)
and list T's, in words written for them (``tests/data/language_wording/tuning_l18.toml``): the heat or temperature
of the talk taken down, "no need to go at me", "loosen up", "freak", "de-escalate your tone", drawn-out words; a
thing "not up for discussion", "isn't grounds for" a refund, "not in the business of", no say in the matter, "a you
problem", "take it up with <name>", "down to how you". Look-alikes in the same words stay quiet, and the recogniser's
"can't" in c509's, c511's and c520's offers is no refusal. Text level only (no audio): a few seconds in all."""

from __future__ import annotations

import pytest

from coach.language import LanguageCoach
from coach.language.patterns import normalise, word_tokens
from tests.test_language_rules import final
from tests.test_language_stream import committed_only, partial
from tests.test_language_wording import kinds_fired, wording_list

LIST = wording_list("tuning_l18")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_discussion_grounds_business_and_blame_by_shape_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_heat_temperature_tone_and_drawn_out_calm_downs_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


HEARD = [
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


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD)
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
