"""The speaking-rate rule (slow_down): a rate pooled over enough speech, against a usual pace or the
agent's own when that is quicker, never one noisy turn (issue 9: a calm call got the nudge)."""

from __future__ import annotations

from coach.language import LanguageCoach, load_language_config
from coach.types import seconds_to_samples
from tests.test_language_rules import final, kinds, run

SENTENCE = "we will send the new card to the address on file and it should arrive soon"  # 16 words
CFG = load_language_config().slow_down


def turns(wpm: float, n: int, t0: float, gap: float = 2.0) -> list[dict]:
    """``n`` agent turns of SENTENCE at ``wpm``, one after the other from ``t0``."""
    out, t = [], t0
    for _ in range(n):
        out.append(final("agent", SENTENCE, t, wpm=wpm))
        t = out[-1]["end"] + gap
    return out


def test_a_calm_agent_at_a_normal_pace_is_never_told_to_slow_down():
    # slow first turns then a normal pace: the old per-turn rule (own median + 25 %) fired here
    assert run(*turns(140, 3, 0.0), *turns(210, 8, 30.0)) == []
    assert run(*turns(CFG.norm_wpm, 12, 0.0)) == []


def test_one_quick_turn_is_not_enough_a_sustained_fast_pace_is():
    quick = final("agent", " ".join([SENTENCE] * 2), 0.0, wpm=300)  # 6.4 s of speaking
    assert run(quick) == []
    nudges = run(*turns(300, 4, 0.0))
    assert kinds(nudges) == ["slow_down"]
    ev = nudges[0].evidence
    assert ev["rate_wpm"] > ev["limit_wpm"] == round(CFG.norm_wpm * (1 + CFG.margin))
    assert ev["stretch_s"] >= CFG.window_s and nudges[0].start == seconds_to_samples(0.0)


def test_a_quick_talker_is_judged_against_their_own_pace_up_to_the_ceiling():
    coach = LanguageCoach()
    habit = turns(295, 10, 0.0)  # quicker than the norm's limit, from the start: their own pace
    first = run(*habit[:4], coach=coach)
    assert kinds(first) == ["slow_down"]  # before their own pace is known, the norm decides
    assert run(*habit[4:], coach=coach) == []  # then 295 wpm is their usual pace
    assert kinds(run(*turns(340, 4, 100.0), coach=coach)) == ["slow_down"]  # above the ceiling


def test_after_a_nudge_a_new_stretch_of_speech_is_needed():
    nudges = run(*turns(300, 4, 0.0), *turns(300, 1, 40.0))
    assert kinds(nudges) == ["slow_down"]


def test_a_turn_the_recogniser_looped_on_is_not_measured():
    """Issue 9 (session 15, Q9): Whisper wrote one gentle phrase three times over a slow turn, packing
    words the agent never said into its seconds; that turn alone tipped a calm agent over the limit."""
    loop = "i will pop the forms in the post today " * 4  # 32 words, one 8-word phrase looping
    looped = [final("agent", loop.strip(), t, wpm=330) for t in (0.0, 10.0, 20.0, 30.0)]
    assert run(*looped) == []
    fresh = " ".join(f"{w} {n}" for w, n in zip(SENTENCE.split(), range(16), strict=True))  # no repeats
    assert kinds(run(*[final("agent", fresh, t, wpm=330) for t in (0.0, 10.0, 20.0, 30.0)])) == ["slow_down"]


def test_repeat_share_is_zero_for_speech_and_high_for_a_loop():
    from coach.asr.guards import repeat_share  # the ASR guard's loop measure: one place for both

    assert repeat_share(SENTENCE.split()) == 0.0
    assert repeat_share(["Sure,", "sure", "it's", "fine"]) == 0.0
    assert repeat_share(("we can book you in, " * 3).split()) > CFG.max_repeat_share
