"""Escalation lexicon: whole-word/phrase matching of customer transcripts."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.classify.lexicon import EscalationLexicon, default_lexicon, tokens


def phrases(text: str) -> list[str]:
    return [h.phrase for h in default_lexicon().find(text)]


def test_shipped_lexicon_finds_typical_escalation_markers() -> None:
    found = phrases("I want to speak to a manager. This is the THIRD time I've called, it's ridiculous!")
    assert found == ["speak to a manager", "third time", "ridiculous"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Third time I'm calling about this", "repeat_contact"),
        ("I keep repeating myself and nothing happens", "repetition"),
        ("I've been on hold for an hour", "waiting"),
        ("I've been sat at the window since half seven", "waiting"),
        ("That's my rent money gone", "loss"),
        ("So you charge me for a ride that never happened", "blame"),
        ("I took the day off work for your engineer", "loss"),
        ("You charged me twice last month", "loss"),
        ("Fine, I'll take my business elsewhere", "churn"),
        ("Put me through to someone in charge", "escalation_request"),
        ("Great, just great", "sarcasm"),
        ("Oh brilliant, now the app is down too", "sarcasm"),
        ("That is frankly unacceptable", "frustration"),
        ("This is so frustrating", "frustration"),
    ],
)
def test_frustration_said_without_swearing_is_found(text: str, category: str) -> None:
    assert category in {h.category for h in default_lexicon().find(text)}


@pytest.mark.parametrize(
    "text",
    [
        "My manager asked me to call about the business account",
        "Could you read that reference number back to me please",
        "Thanks, that's great, it works now",
        "I'd like to check when my contract ends",
    ],
)
def test_calm_requests_do_not_hit(text: str) -> None:
    assert phrases(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Oh, brilliant! I thought I'd have to get one made. Yes please.",  # quiet c1022 (session 44)
        "Oh wonderful, book it!",
        "Oh, great. Can someone bring some samples round?",
    ],
)
def test_a_pleased_oh_is_no_sarcasm(text: str) -> None:
    assert "sarcasm" not in {h.category for h in default_lexicon().find(text)}


def test_matching_is_whole_word_only() -> None:
    assert phrases("There's an issue with the courtesy credit on my account") == []
    assert phrases("Please sue them") == ["sue"]


def test_longer_phrase_shadows_its_sub_phrase_in_the_same_category() -> None:
    hits = default_lexicon().find("I will sue you")
    assert [h.phrase for h in hits] == ["sue you"]


def test_wildcard_suffix_and_curly_apostrophes() -> None:
    assert phrases("this fucking thing") == ["fuck*"]
    assert phrases("I\u2019ve already told you twice") == ["i've already told you"]


def test_hits_carry_category_weight_and_position() -> None:
    (hit,) = default_lexicon().find("ok so cancel my account now")
    assert (hit.category, hit.token_index) == ("churn", 2)
    assert 0 < hit.weight <= 1


def test_tokens_drop_punctuation_and_keep_inner_apostrophes() -> None:
    assert tokens("Don't -- you DARE!!") == ["don't", "you", "dare"]


def test_custom_lexicon_file_is_validated(tmp_path: Path) -> None:
    good = tmp_path / "good.toml"
    good.write_text('[x]\nweight = 0.2\nphrases = ["late again"]\n')
    assert [h.phrase for h in EscalationLexicon.from_toml(good).find("Late again!")] == ["late again"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[x]\nweight = 2.0\nphrases = ["late"]\n')
    with pytest.raises(ValueError, match="weight"):
        EscalationLexicon.from_toml(bad)
    missing = tmp_path / "missing.toml"
    missing.write_text('[x]\nphrases = ["late"]\n')
    with pytest.raises(ValueError, match="weight"):
        EscalationLexicon.from_toml(missing)


def test_exclamations_count_unless_the_sentence_is_a_pleasantry() -> None:
    from coach.classify.lexicon import exclaims

    assert exclaims("Thursday? That's another four days! This is")
    assert not exclaims("Thank you so much! Bye.") and not exclaims("Hi! My printer keeps jamming.")
    assert not exclaims("That is another four days.")


def test_a_short_question_opening_the_turn_is_a_disbelieving_echo_unless_it_asks_something() -> None:
    from coach.classify.lexicon import echoes

    assert echoes("Tomorrow? I need my tablets tonight") and echoes("A charge? For your driver's mistake?")
    assert echoes("Ten pounds?")
    for asking in ("When?", "What's that?", "Hello? Are you still there?", "Sorry?", "So what now?"):
        assert not echoes(asking), asking
    assert not echoes("Can you tell me when they are coming back?")  # a real question, too long for an echo


def test_frames_and_needs_clause_come_from_the_lexicon_file(tmp_path: Path) -> None:
    """The word classes of a sentence's frame and the clause-heading flag are data: a file without them frames
    nothing and flags nothing; a malformed [frames] table or a flag on a phrase no category lists is refused."""
    plain = tmp_path / "plain.toml"
    plain.write_text('[x]\nweight = 0.45\nphrases = ["how many times", "a month now"]\n')
    lex = EscalationLexicon.from_toml(plain)
    said = "I don't follow how many times work. We waited a month now, which we're all proud of."
    assert not any(lex.without_clause(said, h) for h in lex.find(said)) and lex.settled_tokens(said) == set()
    framed = tmp_path / "framed.toml"
    framed.write_text(
        '[frames]\npride_words = ["proud"]\npast_turns = ["rang"]\nclause_openers = ["i"]\n'
        '[x]\nweight = 0.45\nphrases = ["how many times", "a month now"]\nneeds_clause = ["how many times"]\n'
    )
    lex = EscalationLexicon.from_toml(framed)
    flagged = {h.phrase: lex.without_clause(said, h) for h in lex.find(said)}
    assert flagged == {"how many times": True, "a month now": False}
    assert not lex.without_clause("How many times I've rung!", lex.find("How many times I've rung!")[0])
    assert {tokens(said)[i] for i in lex.settled_tokens(said)} == set(
        tokens("We waited a month now, which we're all proud of.")
    )
    for bad, match in [
        ('[frames]\npride_words = ["proud"]\n', "exactly"),
        ('[frames]\npride_words = ["very proud"]\npast_turns = ["rang"]\nclause_openers = ["i"]\n', "one whole word"),
        ('[x]\nweight = 0.4\nphrases = ["late"]\nneeds_clause = ["how many times"]\n', "needs_clause"),
    ]:
        path = tmp_path / "bad.toml"
        path.write_text(bad)
        with pytest.raises(ValueError, match=match):
            EscalationLexicon.from_toml(path)
