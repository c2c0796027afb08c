"""Word agreement between successive decodes: committed words never change."""

from __future__ import annotations

from coach.asr.agreement import Agreement, Word, align_tail, common_prefix, join_words, revise


def hyp(text: str, start: int = 0, step: int = 8000) -> list[Word]:
    return [Word(" " + w, start + i * step, start + (i + 1) * step - 800, 0.9) for i, w in enumerate(text.split())]


def test_two_agreeing_hypotheses_commit_their_common_prefix():
    a = Agreement(2)
    assert a.update(hyp("and so my fella")) == []
    new = a.update(hyp("and so my fellow americans"))
    assert [w.key for w in new] == ["and", "so", "my"]


def test_punctuation_and_case_do_not_break_agreement():
    a = Agreement(2)
    a.update(hyp("And so, my"))
    assert [w.key for w in a.update(hyp("and so my fellow"))] == ["and", "so", "my"]


def test_committed_words_survive_a_hypothesis_that_revises_them():
    a = Agreement(2)
    a.update(hyp("ask not what"))
    a.update(hyp("ask not what your"))
    before = list(a.committed)
    a.update(hyp("as knot what your country"))  # Whisper changes its mind about the start
    a.update(hyp("as knot what your country can"))
    assert a.committed[: len(before)] == before
    assert [w.key for w in a.committed] == ["ask", "not", "what", "your", "country"]


def test_three_way_agreement_needs_three_hypotheses():
    a = Agreement(3)
    a.update(hyp("press one"))
    assert a.update(hyp("press one now")) == []
    assert [w.key for w in a.update(hyp("press one now please"))] == ["press", "one"]


def test_align_tail_falls_back_to_time_when_words_disagree():
    committed = hyp("alpha beta gamma")
    other = hyp("one two three four five")
    tail = align_tail(other, committed)
    assert [w.key for w in tail] == ["four", "five"]


def test_common_prefix_and_join_words():
    assert common_prefix([hyp("a b c"), hyp("a b d")]) == 2
    assert common_prefix([]) == 0
    words = [Word(" non", 0, 1, 1.0), Word("-profit", 1, 2, 1.0), Word(" work", 2, 3, 1.0)]
    assert join_words(words) == "non-profit work"


def test_an_unsure_word_needs_one_more_agreeing_hypothesis():
    def unsure(text: str) -> list[Word]:
        words = hyp(text)
        return [Word(w.text, w.start, w.end, 0.3 if w.key == "commute" else 0.9) for w in words]

    a = Agreement(2, weak_p=0.5)
    a.update(unsure("commute or"))
    assert a.update(unsure("commute or unmute")) == []
    assert [w.key for w in a.update(unsure("commute or unmute yourself"))] == ["commute", "or", "unmute"]
    b = Agreement(2, weak_p=0.5)
    b.update(unsure("commute or"))
    b.update(unsure("commute or unmute"))
    assert b.update(hyp("to mute or unmute yourself")) == [] and b.committed == []


def test_a_final_revises_committed_words_it_mostly_agrees_with():
    committed = hyp("dow one if you wish")  # a greedy partial misheard "dial"
    final = hyp("dial one if you wish to connect")
    assert [w.key for w in revise(committed, final)] == ["dial", "one", "if", "you", "wish", "to", "connect"]
    assert [w.key for w in revise([], final)] == [w.key for w in final]


def test_a_final_that_lost_the_committed_words_keeps_them():
    committed = hyp("press one to list users")
    skipped = hyp("two to kick", start=5 * 8000)  # Whisper skipped the start of the piece
    out = revise(committed, skipped)
    assert [w.key for w in out] == ["press", "one", "to", "list", "users", "two", "to", "kick"]
    assert revise(committed, []) == committed  # a rejected final decode


def test_scoring_reads_a_number_written_digit_by_digit_as_the_number():
    from coach.asr.textnorm import normalize, wer

    # Whisper writes the same spoken extension as "1234" or "1-2-3-4": the same words for scoring
    assert normalize("If you dial 1-2-3-4, you") == normalize("if you dial 1234 you")
    assert wer("extension 1234 and password 4242", "extension 1-2-3-4 and password 4-2-4-2.") == 0.0
    # a range or a short pair stays two numbers; letters or a decimal next to the digits leave it alone
    assert normalize("2-3 times") == "two three times"
    assert normalize("a-1-2-3") == "a one two three"
    assert normalize("1-2-3.5") == "one two three point five"
    # or as "7, 0, 3, 9" (four digits or more joined by commas); a short list of options stays a list
    assert normalize("Your code is 7, 0, 3, 9. Thanks") == normalize("your code is 7039 thanks")
    assert normalize("press 1, 2 or 3") == "press one two or three"
    assert normalize("steps 1, 2, 3 done") == "steps one two three done"
    assert normalize("7, 0, 3, 9,5") == "seven zero three nine five"


def test_a_number_written_otherwise_than_in_the_committed_words_is_aligned_as_one_word():
    """Issue 11 (demo-instruct): Whisper writes one spoken number "1234", "1-234" or "1, 2, 3, 4" from one
    decode to the next. Aligning word by word, the context words "dial 1 -234" against a decode's "dial 1234
    you can" took "you" for the number's second word (lost); "extension 1234" against "extension 1, 2, 3, 4
    and" left digits of the number in the tail (doubled). With ``digit_runs`` a run of digits is one word."""
    committed = hyp("if you dial 1 -234,")
    decode = hyp("if you dial 1234, you can try")
    assert [w.key for w in align_tail(decode, committed)] == ["can", "try"]  # the class: "you" lost
    assert [w.key for w in align_tail(decode, committed, digit_runs=True)] == ["you", "can", "try"]
    committed = hyp("a user with extension 1234")
    decode = hyp("a user with extension 1, 2, 3, 4, and password")
    assert [w.key for w in align_tail(decode, committed, digit_runs=True)] == ["and", "password"]
    # a number that differs is still one substitution: the words after it are kept, none doubled
    committed = hyp("a user with extension 1234")
    decode = hyp("a user with extension 1 2 3 5 and password")
    assert [w.key for w in align_tail(decode, committed, digit_runs=True)] == ["and", "password"]
    # words that are not digits align as before
    assert (
        align_tail(hyp("ask not what your country"), hyp("ask not"), digit_runs=True)
        == hyp("ask not what your country")[2:]
    )


def test_agreement_and_revise_read_a_number_as_one_word_with_digit_runs():
    a = Agreement(2, hyp("press 4 2"), digit_runs=True)  # committed before a cut, written digit by digit
    a.update(hyp("press 42 then the pound key"))
    new = a.update(hyp("press 42 then the pound key now"))
    assert [w.key for w in new] == ["then", "the", "pound", "key"]
    committed = hyp("dial 1 2")
    assert [w.key for w in revise(committed, hyp("dial 12 now"), digit_runs=True)] == ["dial", "12", "now"]


def test_a_number_committed_before_all_of_it_was_heard_keeps_the_rest_with_digit_runs():
    """A cut or a commit inside a number ("28" committed, the next decode writes "28 .8"): the rest of
    the number is the tail, not lost with it."""
    tail = align_tail(hyp("have at least a 28 .8 kilobit modem"), hyp("have at least a 28"), digit_runs=True)
    assert [w.key for w in tail] == ["8", "kilobit", "modem"]
    # the whole number written as one word: nothing of it doubled
    tail = align_tail(hyp("extension 1 2 3 4 and"), hyp("extension 1234"), digit_runs=True)
    assert [w.key for w in tail] == ["and"]
