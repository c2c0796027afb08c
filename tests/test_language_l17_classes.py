"""Session 22, second round (L17), issue 9: the classes behind the twenty-first part's language misses (c478-c501)
and list S's, in words written for them (``tests/data/language_wording/tuning_l17.toml``): a guarantee limited
to a time and the customer put outside it, counterfactual blame ("if you'd ... it wouldn't ..."), a fault "at
your end", blame on a third party or the firm's own tools, a fault handed on with the number to ring, a no said
outright; the calm-downs "settle your feathers", "slow your roll", "mellow out", "fired up", "vexing yourself";
a third person's good time predicted mid-call is no goodbye. Look-alikes in the same words stay quiet. Text
level only (no audio): a few seconds in all."""

from __future__ import annotations

import pytest

from tests.test_language_wording import closing_fired, kinds_fired, wording_list

LIST = wording_list("tuning_l17")


@pytest.mark.parametrize("line", LIST["positive_language"]["lines"])
def test_limits_counterfactuals_and_third_party_blame_nudge(line: str) -> None:
    assert "positive_language" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["avoid_calm_down"]["lines"])
def test_feathers_roll_and_vexing_nudge(line: str) -> None:
    assert "avoid_calm_down" in kinds_fired(line)


@pytest.mark.parametrize("line", LIST["quiet"]["lines"])
def test_look_alikes_stay_quiet(line: str) -> None:
    assert kinds_fired(line) == set()


@pytest.mark.parametrize("line", LIST["not_closing"]["lines"])
def test_a_third_persons_good_time_is_no_goodbye(line: str) -> None:
    assert not closing_fired(line)


@pytest.mark.parametrize("line", LIST["closing"]["lines"])
def test_send_offs_still_close(line: str) -> None:
    assert closing_fired(line)


HEARD = [
    # (the recogniser's words on the twenty-first part's events, the kind, whether it must fire)
    ("Well, sent to our feathers there, Callum. I've only just opened your file.", "avoid_calm_down", True),
    ("Look, there's no need to get so fired up about it. It's an admin thing.", "avoid_calm_down", True),
    ("Right, well, we only guarantee even in work for 14 days, so now you're excited.", "positive_language", True),
    ("I ask that your tightness torque and tighter it will be leaking off on your end.", "positive_language", True),
    # c479: a wish for the customer's daughter mid-call, before the agent goes on
    ("So lovely, she'll have a ball.", "check_anything_else", False),
]


@pytest.mark.parametrize(("heard", "kind", "fires"), HEARD)
def test_the_twenty_first_parts_lines_as_heard(heard: str, kind: str, fires: bool) -> None:
    fired = closing_fired(heard) if kind == "check_anything_else" else kind in kinds_fired(heard)
    assert fired is fires
