"""scripts/eval_escalation_openers.py (issue 10): how angry openers' first-3-s cues are judged leave-one-part-out:
the parts, the first-turn loudness prior's baselines and threshold, the stage's opener rule replayed on a stream of
readings, the first turn's stream of sure partial words, the loss classes, a final's calm-words band and what
released a first turn. No model, no rendering."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import eval_calls as C  # noqa: E402
import eval_escalation_openers as O  # noqa: E402


def row(n: int, mood: str, loudest: float, channel: str = "telephone") -> dict:
    return {"n": n, "part": O.part_of(n), "mood": mood, "channel": channel, "quiet": False, "loudest": loudest}


def test_parts_are_24_calls_from_c238_and_c01_c237_is_one() -> None:
    assert O.part_of(7) == O.part_of(237) == 0
    assert O.part_of(238) == O.part_of(261) == 238
    assert O.part_of(646) == O.part_of(669) == 646
    assert O.part_of(741) == 718 and O.part_of(742) == 742
    assert O.part_of(813) == 790


def test_the_threshold_leaves_every_other_mood_under_it() -> None:
    assert O.lowest_clean_threshold([-25.0, -21.0, -23.0]) == pytest.approx(-20.95)
    assert O.lowest_clean_threshold([]) == -float("inf")


def test_the_line_kind_baseline_is_the_median_of_calm_and_upset_first_turns() -> None:
    rows = [
        row(700, "calm", -27.0),
        row(701, "upset", -28.0),
        row(702, "angry", -20.0),  # angry and happy openers never set the baseline
        row(703, "happy", -19.0, "wideband"),
        row(704, "calm", -25.0, "wideband"),
    ]
    assert O.channel_baselines(rows) == {"telephone": pytest.approx(-27.5), "wideband": pytest.approx(-25.0)}


def test_the_prior_is_fitted_without_the_part_it_scores() -> None:
    rows = [
        row(700, "calm", -26.0),
        row(701, "angry", -21.0),
        row(720, "happy", -22.0),  # part c718: sets the threshold of the other parts only
        row(721, "angry", -21.5),
        row(722, "calm", -27.0),
    ]
    by_part = {f["part"]: f for f in O.prior_lopo(rows, per_channel=False)}
    assert by_part[694]["threshold"] == pytest.approx(-21.95)  # over c720's -22.0
    assert by_part[694]["angry"] == 1 and by_part[694]["other"] == []
    assert by_part[718]["threshold"] == pytest.approx(-25.95)  # c700 alone: c720 is over it
    assert by_part[718]["angry"] == 1 and by_part[718]["other"] == [720]


def test_the_opener_rule_needs_two_agreeing_partials_and_a_loud_report() -> None:
    loud, quiet = (0.5, "db", -22.0, None), (0.5, "db", -26.0, None)
    agreed = [(1.0, "words", 0.8, "u1"), (1.6, "words", 0.7, "u1")]
    assert O.fires_at([loud, *agreed], 0.68, -23.5) == 1.6  # the lower of the two: 0.7
    assert O.fires_at([loud, *agreed], 0.75, -23.5) is None
    assert O.fires_at([quiet, *agreed], 0.68, -23.5) is None
    assert O.fires_at([*agreed, (2.4, "db", -23.0, None)], 0.68, -23.5) == 2.4  # loud after the words: fires then
    other_utt = [(1.0, "words", 0.8, "u1"), (1.6, "words", 0.8, "u2")]
    assert O.fires_at([loud, *other_utt], 0.68, -23.5) is None


def test_the_stream_keeps_sure_words_of_young_partials_until_the_first_final() -> None:
    def words(*ps: float) -> list[dict]:
        return [{"w": f"w{i}", "p": p} for i, p in enumerate(ps)]

    events = [
        {"type": "prosody", "at": 10.9, "loudness_db": -22.0},
        {"type": "transcript", "at": 11.0, "t": 10.5, "utt": "u1", "words": words(0.9, 0.9)},  # two words: none
        {"type": "transcript", "at": 11.5, "t": 10.5, "utt": "u1", "words": words(0.9, 0.1, 0.9, 0.9)},
        {"type": "transcript", "at": 15.0, "t": 10.5, "utt": "u1", "words": words(0.9, 0.9, 0.9)},  # older than 4 s
        {"type": "transcript", "at": 15.2, "t": 10.5, "utt": "u1", "words": words(0.9, 0.9, 0.9), "final": True},
        {"type": "transcript", "at": 16.0, "t": 15.5, "utt": "u2", "words": words(0.9, 0.9, 0.9)},
    ]
    stream = O.first_turn_stream(events, start=10.5)
    assert [(round(at, 2), kind) for at, kind, _, _ in stream] == [(0.4, "db"), (1.0, "words")]
    assert stream[1][2] == "w0 w2 w3" and stream[1][3] == "u1"


def test_loss_classes_of_a_turn_still_calm() -> None:
    said = ["I", "have", "been", "waiting", "three", "weeks", "for", "this", "refund"]
    heard_none: list[dict] = []
    assert O.loss_class(True, heard_none, said, 4.0) == "opener: no words heard by +3 s"
    plain = [{"words": [{"w": "hello", "p": 0.9}, {"w": "there", "p": 0.9}]}]
    assert O.loss_class(False, plain, ["Hello", "there", "it", "is", "Sam"], 4.0) == "mid-call: words, no marker"
    assert O.loss_class(False, plain, ["This", "is", "the", "third", "time", "I", "have", "rung"], 2.5) == (
        "mid-call: a marker said, lost by the transcriber"
    )
    marked = [{"words": [{"w": w, "p": 0.9} for w in ["this", "is", "the", "third", "time"]]}]
    assert O.loss_class(True, marked, said, 4.0) == "opener: a marker heard, still calm"


def test_held_out_scripts_are_refused() -> None:
    with pytest.raises(SystemExit):
        O.main(["loudness", "--below", str(C.FIRST_HELDOUT_CALL + 1)])


def test_the_calm_words_band_of_a_final() -> None:
    assert O.words_band(0.02, marked=False) == "calm"
    assert O.words_band(0.10, marked=False) == "little"  # from words_floor: no evidence either way
    assert O.words_band(0.27, marked=False) == "anger"  # from midway between words_floor and words_ceiling
    assert O.words_band(0.02, marked=True) == "anger"


def _rise(lexicon: list[str] | None = None, words: float = 0.0, louder: float = 0.0) -> dict:
    return {"drivers": {"lexicon": lexicon or [], "words": words, "louder": louder, "voice": 0.9}}


def test_what_released_a_first_turn() -> None:
    assert O.release_path(_rise(["third time"]), -26.0, False) == "words"
    assert O.release_path(_rise(words=0.3), -26.0, True) == "words at the final"
    assert O.release_path(_rise(louder=0.4), -26.0, False) == "raised"
    assert O.release_path(_rise(), -21.0, False) == "loud"  # A 0.25 >= voice_confirm_loud
    assert O.release_path(_rise(), -25.0, False) == "held voice"


def test_onset_row_reads_only_the_first_three_seconds_of_the_turn() -> None:
    """``onset``: what the product had of a first turn by +3 s, from its events (numbers only)."""

    def esc(at: float, level: str, score: float, voice: float, lexicon: list[str]) -> dict:
        drivers = {"voice": voice, "lexicon": lexicon}
        return {"type": "escalation", "at": at, "level": level, "score": score, "drivers": drivers}

    def words(ps: list[float]) -> list[dict]:
        return [{"w": "x", "p": p} for p in ps]

    events = [
        esc(5.0, "calm", 0.1, 0.2, []),
        {"type": "prosody", "at": 6.0, "speaker": "customer", "loudness_db": -24.0},
        {"type": "prosody", "at": 6.5, "speaker": "agent", "loudness_db": -10.0},  # not the customer
        {"type": "transcript", "at": 6.2, "speaker": "customer", "final": False, "words": words([0.9, 0.2, 0.5])},
        esc(7.5, "calm", 0.3, 0.6, []),
        {"type": "prosody", "at": 9.0, "speaker": "customer", "loudness_db": -18.0},  # after +3 s
        esc(9.2, "tense", 0.5, 0.7, ["a grievance"]),  # after +3 s: not by then, but the first marker
    ]
    row = O.onset_row(events, {"start_s": 5.0, "end_s": 12.0})
    assert row["level"] == 0 and row["score"] == 0.3 and row["voice"] == 0.6
    assert row["loudest"] == -24.0 and row["sure_words"] == 2 and row["markers"] == 0
    assert row["first_marker_s"] == 4.2


def _ev(kind: str, speaker: str, at: float, **data: object) -> dict:
    return {"type": kind, "speaker": speaker, "at": at, "t": at - 1.0, **data}


@pytest.mark.parametrize(
    ("first_words", "customer_db", "met"),
    [
        ("Morgan, it's Priya from", -22.0, 1.5),  # 5 dB over the agent, no greeting: met at the partial with 3 words
        ("Hi Morgan, it's Priya", -22.0, None),  # the greeting
        ("Morgan, it's Priya from", -25.0, None),  # 2 dB over the agent
    ],
)
def test_agent_row_compares_the_first_turn_with_the_agents_greeting(
    first_words: str, customer_db: float, met: float | None
) -> None:
    start = 10.0
    events = [
        _ev("prosody", "agent", 8.0, loudness_db=-28.0),
        _ev("prosody", "agent", 9.0, loudness_db=-26.0),
        _ev("prosody", "customer", 11.0, loudness_db=customer_db),
        _ev("transcript", "customer", 11.2, final=False, words=[{"w": w} for w in first_words.split()[:2]]),
        _ev("transcript", "customer", 11.5, final=False, words=[{"w": w} for w in first_words.split()]),
    ]
    r = O.agent_row(events, start, 3.0, 3)
    assert r["over_agent"] == pytest.approx(customer_db + 27.0)
    assert r["greeted"] == first_words.startswith("Hi")
    assert (r["met"] is None) == (met is None) and (met is None or r["met"] == pytest.approx(met))


def test_agent_row_floors_a_quiet_agent_lane() -> None:
    # a greeting at -31.5 dBFS (a quiet lane) and a customer at an ordinary -27 dBFS with no greeting: +4.5 dB over the
    # agent as heard; against the floor (-28 dBFS, opener_loud_agent_floor_dbfs) +1 dB: not met (c1010, session 44)
    events = [
        _ev("prosody", "agent", 8.0, loudness_db=-31.5),
        _ev("prosody", "customer", 11.0, loudness_db=-27.0),
        _ev("transcript", "customer", 11.5, final=False, words=[{"w": w} for w in ["Morgan", "it's", "Priya"]]),
    ]
    assert O.agent_row(events, 10.0, 3.0, 3)["met"] == pytest.approx(1.5)
    floored = O.agent_row(events, 10.0, 3.0, 3, -28.0)
    assert floored["met"] is None and floored["over_agent"] == pytest.approx(4.5)


def test_later_rows_only_in_a_call_that_opened_angry_and_loud() -> None:
    events = [
        _ev("prosody", "agent", 3.0, loudness_db=-27.0),
        _ev("prosody", "customer", 5.5, loudness_db=-22.0),  # the first turn, +5 dB over the agent
        _ev("prosody", "customer", 21.0, loudness_db=-22.5),  # a later angry turn, as loud
        _ev("prosody", "customer", 41.0, loudness_db=-26.5),  # a later calm turn
    ]
    turns = [{"mood": "angry", "start_s": 5.0}, {"mood": "angry", "start_s": 20.0}, {"mood": None, "start_s": 40.0}]
    rows = O.later_rows(events, turns, 3.0)
    assert [m for m, _ in rows] == ["angry", "none"]
    assert [d for _, d in rows] == [pytest.approx(4.5), pytest.approx(0.5)]
    assert O.later_rows(events, [{**turns[0], "mood": "upset"}, *turns[1:]], 3.0) == []  # not an angry opener
    assert O.later_rows(events, turns, 6.0) == []  # not loud enough
