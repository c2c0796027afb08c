"""Mirror lines, pronoun turning, phrase matching and the phrase-list loader."""

from __future__ import annotations

import pytest

from coach.language import load_language_config, mirror_line, turn_pronouns
from coach.language.text import count_phrases, find_phrases, overlap, sentence_of, sentences


@pytest.mark.parametrize(
    ("customer", "cue", "line"),
    [
        (
            "I've been waiting three weeks for my refund.",
            "been waiting",
            "So you've been waiting three weeks for your refund \u2014 is that right?",
        ),
        (
            "You charged me twice this month!",
            "charged me twice",
            "So we charged you twice this month \u2014 is that right?",
        ),
        (
            "Well, I called you three times and nobody called back.",
            "nobody called",
            "So you called us three times and nobody called back \u2014 is that right?",
        ),
        (
            "My card still hasn't arrived.",
            "still hasn't",
            "So your card still hasn't arrived \u2014 is that right?",
        ),
        (
            "I was promised a technician on Monday.",
            "was promised",
            "So you were promised a technician on Monday \u2014 is that right?",
        ),
        (
            "This is the third time I'm calling about my bill.",
            "third time",
            "So this is the third time you're calling about your bill \u2014 is that right?",
        ),
    ],
)
def test_mirror_line_turns_the_customers_words_around(customer, cue, line):
    assert mirror_line(customer, cue) == line


def test_mirror_line_keeps_only_the_complaint_clause_of_a_long_sentence():
    long = (
        "Look, I don't want to be difficult about this at all, but I've been waiting three weeks "
        "for my refund, and honestly nobody has told me anything about it so far."
    )
    assert mirror_line(long, "been waiting") == (
        "So you've been waiting three weeks for your refund \u2014 is that right?"
    )


def test_turn_pronouns_swaps_both_ways_and_keeps_other_words():
    assert turn_pronouns("I am sure we told you our plan") == "you are sure you told us your plan"
    assert turn_pronouns("Your app lost my order") == "Our app lost your order"


def test_find_phrases_respects_exceptions_and_word_boundaries():
    text = "No problem. I know the answer. No, we can't. Nobody knows."
    found = [(m.phrase, m.said) for m in find_phrases(text, ["no", "can't", "i don't know"], exceptions=["no problem"])]
    assert found == [("no", "No"), ("can't", "can't")]


def test_count_phrases_counts_overlapping_apologies_once():
    assert [m.said for m in count_phrases("I'm so sorry. My apologies!", ["sorry", "so sorry", "my apologies"])] == [
        "so sorry",
        "My apologies",
    ]


def test_overlap_counts_shared_content_words_by_stem():
    share, shared = overlap("I've been waiting three weeks for my refund", "you waited three weeks for the refund")
    assert shared == 4 and share == pytest.approx(1.0)
    assert overlap("I've been waiting three weeks for my refund", "What is your postcode?") == (0.0, 0)


def test_config_loads_packaged_phrases_and_applies_overrides():
    cfg = load_language_config()
    assert "relax" in cfg.avoid_calm_down.match and cfg.over_apologizing.count == 3
    assert cfg.from_partials and "we" in cfg.slots
    over = load_language_config(overrides={"slow_down": {"ceiling_wpm": 300.0}})
    assert over.slow_down.ceiling_wpm == 300.0 and over.slow_down.margin == cfg.slow_down.margin


@pytest.mark.parametrize(
    "overrides",
    [
        {"avoid_calm_down": {"text": "x" * 61}},
        {"slow_down": {"severity": "urgent"}},
        {"over_apologizing": {"count": 1}},
        {"mirror_complaint": {"unknown_key": 1}},
        {"avoid_calm_down": {"match": ["calm (down"]}},
        {"avoid_calm_down": {"match": ["calm {down"]}},
        {"avoid_calm_down": {"match": ["{nobody} calm down"]}},
        {"slots": {"loop": ["{loop} again"]}, "avoid_calm_down": {"match": ["{loop}"]}},
        {"from_partials": "yes"},
    ],
)
def test_config_rejects_bad_values(overrides):
    with pytest.raises(ValueError):
        load_language_config(overrides=overrides)


# ---- phrase patterns ----------------------------------------------------------------------------

SLOTS = {"we": ["i", "we"], "cant": ["can't", "cannot", "can not"]}


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("Sorry, we can't do anything about it.", "we can't do anything"),
        ("I cannot do much, sir.", "I cannot do much"),
        ("I can not do a thing.", "I can not do a thing"),
        ("We really can't do anything.", "We really can't do anything"),
        ("You can't do anything here.", None),
        ("I can do anything for you.", None),
    ],
)
def test_patterns_expand_groups_slots_and_optional_words(text, said):
    found = find_phrases(text, ["{we} (really|just|) {cant} do (anything|much|a thing)"], slots=SLOTS)
    assert [m.said for m in found] == ([said] if said else [])


def test_a_wildcard_matches_any_one_word_and_exceptions_use_patterns_too():
    pattern = ["(that|it) {cant} be *"]
    exceptions = ["{cant} be (right|easy)"]
    assert [m.said for m in find_phrases("That can't be changed.", pattern, slots=SLOTS)] == ["That can't be changed"]
    assert find_phrases("It can't be easy for you.", pattern, exceptions=exceptions, slots=SLOTS) == []


def test_an_open_end_waits_while_an_exception_could_still_cover_the_match():
    phrases, exceptions = ["{we} {cant}"], ["{we} {cant} (imagine|believe)", "no wonder"]

    def said(text: str) -> list[str]:
        found = find_phrases(text, phrases, exceptions=exceptions, slots=SLOTS, open_end=True)
        return [m.said for m in found]

    assert said("Oh I can't") == []  # "...imagine" may follow
    assert said("Oh I can't imagine") == []
    assert said("Oh I can't do") == ["I can't"]
    # an exception may run on into the next sentence (the recogniser's full stops are guesses), so
    # the last committed sentence waits for the next word even when finished
    assert said("I can't.") == []
    assert said("I can't. Imagine") == []
    assert said("I can't. And I") == ["I can't"]  # the next word decides


def test_match_offsets_index_the_whole_texts_tokens():
    [m] = find_phrases("Hello there. Please calm down now.", ["calm down"])
    assert (m.sentence_index, m.offset, m.start, m.end) == (1, 2, 1, 3)


def test_sentence_of_is_the_matchs_sentence_or_none_in_shorter_text():
    """Session 46 (R10): the rules' "the match's sentence, or none" (heard_ask, owned_fault, phrasing) in one place."""
    [m] = find_phrases("Hello there. Please calm down now.", ["calm down"])
    assert sentence_of("Hello there. Please calm down now.", m).spoken == ("Please", "calm", "down", "now")
    assert sentence_of("Hello there.", m) is None  # a match of other words than these


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("I cant do anything about it.", "I cant do anything"),  # apostrophe dropped by the recogniser
        ("I, um, can't do anything.", "I um can't do anything"),  # a hesitation inside the phrase
        ("We we can't do anything.", "We we can't do anything"),  # a word said twice
        ("I'm not gonna do anything.", None),  # "gonna" is "going to": not this pattern ...
    ],
)
def test_matching_tolerates_how_recognisers_write_speech(text, said):
    found = find_phrases(text, ["{we} (really|just|) {cant} do (anything|much|a thing)"], slots=SLOTS)
    assert [m.said for m in found] == ([said] if said else [])


def test_gonna_and_numbers_match_their_written_out_form():
    assert [m.said for m in find_phrases("We're not gonna be able to.", ["not going to be able to"])] == [
        "not gonna be able to"
    ]
    assert [m.said for m in find_phrases("This is the 3rd time.", ["third time"])] == ["3rd time"]
    assert [m.said for m in find_phrases("bye bye now", ["bye bye now"])] == ["bye bye now"]


def test_tolerant_matching_keeps_word_positions_for_timing():
    [m] = find_phrases("Um, well. Uh, I I cant, sorry.", ["{we} {cant}"], slots=SLOTS)
    assert (m.sentence_index, m.offset, m.start, m.end, m.said) == (1, 2, 1, 4, "I I cant")


def test_positive_language_ignores_phrases_the_recogniser_was_unsure_of():
    from coach.language import LanguageCoach
    from tests.test_language_rules import final

    sure = final("agent", "No problem, I don't know.", 1.0)
    unsure = {**sure, "words": [{**w, "p": 0.3 if w["w"] in ("I", "know.") else w["p"]} for w in sure["words"]]}
    one_unsure = {**sure, "words": [{**w, "p": 0.3 if w["w"] == "know." else w["p"]} for w in sure["words"]]}
    assert load_language_config().positive_language.min_word_p > 0.3
    assert [n.kind for n in LanguageCoach().push(one_unsure)] == ["positive_language"]  # one unsure word: heard
    assert [n.kind for n in LanguageCoach().push(sure)] == ["positive_language"]
    assert LanguageCoach().push(unsure) == []


def test_a_short_not_ours_tail_stays_with_the_sentence_before_it():
    """The recogniser's full stop before "Not ours." (c143) is a pause, not a sentence end; after a
    question it is an answer of its own."""
    assert [s.text for s in sentences("That's their mess. Not ours. We send the bill.")] == [
        "That's their mess, Not ours.",
        "We send the bill.",
    ]
    assert [s.text for s in sentences("Was it you? Not me.")] == ["Was it you?", "Not me."]
    assert len(sentences("Not ours. It's theirs.")) == 2
