"""Several pattern lists read in one walk (session 58, T58) answer as each list asked alone: :func:`find_grouped` gives
each list exactly :func:`find_phrases`' matches (exceptions, ``at_start``, ``open_end``, a pattern written in two
lists), the positive-language families and the closing rule's tail cues read so nudge as the rule read family by family
and cue by cue, and a coach's start reuses one merged slots table for :class:`UseBlame`. Text only: well under a
second."""

from __future__ import annotations

import pytest

from coach.language import use_blame
from coach.language.config import load_language_config
from coach.language.phrasing import PositiveLanguageRule
from coach.language.text import find_grouped, find_phrases, phrase_groups
from coach.language.utterance import Utterance

SLOTS = {"we": ("we", "I", "the team"), "cant": ("can't", "cannot", "(won't|will not) be able to")}
GROUPS = (
    ("{we} {cant} (help|do (that|it|))", "no need to (get|be) (so|) (upset|angry)"),
    ("(calm|settle) (yourself|) down", "that's (it|all) *"),
    ("(a|a b) (c|)", "bye", "{we} {cant} (help|do (that|it|))"),  # a pattern written in two lists
    ("(take|) it easy *",),
    (),
)
AT_START = (False, True, False, True, False)
EXCEPTIONS = ("can't (help|do) (it|that) enough", "calm down period", "no need to get upset about (it|that)")
TEXTS = (
    "We can't do that, sorry. No need to get so upset.",
    "Well, calm down. That's it then, bye bye.",
    "I cannot help enough. Calm down period starts now.",
    "So take it easy now. A b c, and I won't be able to do it.",
    "Oh, settle yourself down please. That's all folks.",
    "No need to get upset about it. The team can't",
    "The team can't help it enough, honestly. We can't do that. Bye.",
    "",
)


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("open_end", [False, True])
def test_each_list_gets_what_it_gets_asked_alone(text, open_end):
    groups = phrase_groups(GROUPS, SLOTS, AT_START)
    found = find_grouped(text, groups, exceptions=EXCEPTIONS, slots=SLOTS, open_end=open_end)
    assert len(found) == len(GROUPS)
    for patterns, at_start, matches in zip(GROUPS, AT_START, found, strict=True):
        alone = find_phrases(text, patterns, exceptions=EXCEPTIONS, slots=SLOTS, at_start=at_start, open_end=open_end)
        assert matches == alone, (patterns, text)


def test_the_lists_in_turn_find_what_asking_each_finds_in_a_growing_turn():
    # word by word: the joined set walks each prefix from the one before it (PhraseSet._walk), as each list's set did
    groups = phrase_groups(GROUPS, SLOTS, AT_START)
    said = "well we can't do that calm yourself down that's it take it easy a b c bye"
    words = said.split(" ")
    for k in range(1, len(words) + 1):
        text = " ".join(words[:k])
        found = find_grouped(text, groups, exceptions=EXCEPTIONS, slots=SLOTS, open_end=True)
        for patterns, at_start, matches in zip(GROUPS, AT_START, found, strict=True):
            assert matches == find_phrases(
                text, patterns, exceptions=EXCEPTIONS, slots=SLOTS, at_start=at_start, open_end=True
            )


def test_the_at_start_flags_are_one_per_list():
    with pytest.raises(ValueError, match="at_start"):
        phrase_groups(GROUPS, SLOTS, (True,))


CONFIG = load_language_config()
REFUSALS = (
    "I'm afraid there's nothing I can do about that, it's company policy.",
    "No, we don't do refunds. You should have read the terms.",
    "That's not our department, you'll have to ring the council.",
    "I can't imagine how stressful that must have been, let me sort it now.",
    "Unfortunately the slot's gone, but I've got Thursday at two.",
    "Rules are rules, sir. I don't know what else to tell you.",
)


@pytest.mark.parametrize("text", REFUSALS)
def test_the_families_read_in_one_walk_give_each_family_its_own_matches_in_order(text):
    rule = PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots)
    families = CONFIG.positive_language.phrases
    joined = [(r, m) for r, m in rule.candidates(text) if r in families]
    # each family that matched, and the first three that must open a sentence, asked alone (compiling all ~75 alone
    # would cost seconds): the same matches in the same order, families in configured order
    asked = {r for r, _ in joined} | set([r for r in families if r.at_start][:3])
    alone = [
        (r, m)
        for r in families
        if r in asked
        for m in find_phrases(
            text, r.match, exceptions=CONFIG.positive_language.exceptions, slots=CONFIG.slots, at_start=r.at_start
        )
    ]
    assert joined == alone


def test_a_coach_start_reuses_the_merged_slots_of_a_loaded_table():
    first = use_blame._merged_slots(CONFIG.slots, use_blame._TOML)
    assert use_blame._merged_slots(CONFIG.slots, use_blame._TOML) is first
    assert {**CONFIG.slots, "not_a_remedy": first["not_a_remedy"], "use_ing_end": first["use_ing_end"]} == first
    plain = dict(CONFIG.slots)  # a table of a test's own may change: merged afresh, the same items
    assert use_blame._merged_slots(plain, use_blame._TOML) == first
    assert use_blame._merged_slots(plain, use_blame._TOML) is not use_blame._merged_slots(plain, use_blame._TOML)


def test_a_use_blame_built_from_a_loaded_table_reads_as_one_from_a_plain_copy():
    text = "So that's down to how it was stored over the winter, I'm afraid."
    frozen, plain = use_blame.UseBlame(CONFIG.slots), use_blame.UseBlame(dict(CONFIG.slots))
    assert frozen.fault_named(text) == plain.fault_named(text)
    assert frozen.customer_fault("My shed roof is leaking.") == plain.customer_fault("My shed roof is leaking.")
    u = Utterance("agent", text, 0, 16000, 16000, "a1")
    assert PositiveLanguageRule(CONFIG.positive_language, CONFIG.slots).on_agent(u) == PositiveLanguageRule(
        CONFIG.positive_language, dict(CONFIG.slots)
    ).on_agent(u)
