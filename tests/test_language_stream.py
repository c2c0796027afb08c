"""The wording rules on committed words: a phrase is nudged from the partial that commits it, once
per turn, and taken back (a Withdrawal) if the turn's final no longer has it."""

from __future__ import annotations

import dataclasses

import numpy as np

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedWord, DecodeResult
from coach.asr.stream import LaneTranscriber
from coach.language import LanguageCoach, load_language_config
from coach.types import FRAME_SAMPLES, SAMPLE_RATE, AudioChunk, Lane, Nudge, Withdrawal, seconds_to_samples
from tests.scripted_words import BLOCK, read_id, scripted_audio
from tests.test_language_rules import final, heard_as


def partial(text: str, t: float, stable: int, *, utt: str = "agent-1") -> dict:
    """A partial of the turn ``text`` (whole text as the recogniser's current guess) whose first
    ``stable`` words are committed; emitted 0.5 s after the last committed word."""
    e = final("agent", text, t, utt=utt)
    committed_end = e["words"][stable - 1]["end"] if stable else t
    return dict(e, final=False, stable=stable, at=committed_end + 0.5)


def committed_only() -> LanguageCoach:
    """A coach whose wording rules ("calm down", positive language) read committed words only
    (``heard_after_words = 0``)."""
    cfg = load_language_config()
    return LanguageCoach(
        dataclasses.replace(
            cfg,
            avoid_calm_down=dataclasses.replace(cfg.avoid_calm_down, heard_after_words=0),
            positive_language=dataclasses.replace(cfg.positive_language, heard_after_words=0),
        )
    )


def test_a_phrase_is_nudged_from_the_partial_that_commits_it_and_not_again_by_the_final():
    text = "Sir, you need to calm down before we go on with the refund."
    coach = committed_only()
    assert coach.push(partial(text, 10.0, 4)) == []  # "Sir, you need to"
    [n] = coach.push(partial(text, 10.0, 6))  # "... calm down" committed
    assert isinstance(n, Nudge) and n.kind == "avoid_calm_down"
    assert n.evidence["basis"] == "committed" and n.evidence["said"] == "calm down"
    # the moment starts at "calm" (5th word, 0.4 s per word), its last word ends 6 words in
    assert n.start == seconds_to_samples(10.0 + 4 * 0.4)
    assert n.evidence["phrase_end"] == round(10.0 + 5.9 * 0.4, 3)
    assert coach.push(partial(text, 10.0, 9)) == []
    assert coach.push(final("agent", text, 10.0, utt="agent-1")) == []


def test_a_shop_name_holding_a_calm_down_is_nudged_when_committed_and_withdrawn_once_its_trade_noun_is_heard():
    # [avoid_calm_down] heard_exceptions (session 45, C15; our wording): the business's name, written in lower case,
    # does not hold the committed phrase back (the test above); words heard after it excuse it, in a partial or in
    # the final
    text = "Your mattress comes from settle down mattresses, they take the old one."
    coach = committed_only()
    [n] = coach.push(partial("Your mattress comes from settle down", 0.0, 6))  # heard up to the phrase: nudged at once
    assert n.kind == "avoid_calm_down" and n.evidence["said"] == "settle down"
    [w] = coach.push(final("agent", text, 0.0, utt="agent-1"))  # the final hears the name: taken back
    assert isinstance(w, Withdrawal) and w.moment == n.moment
    assert "look-alike" in w.why and "no longer has" not in w.why  # the words are still there: excused, not lost
    ahead = committed_only()  # "... Settle Down" committed while the partial already heard "Mattresses, they ..."
    assert ahead.push(partial(text, 0.0, 6)) + ahead.push(partial(text, 0.0, 8)) == []
    assert ahead.push(final("agent", text, 0.0, utt="agent-1")) == []
    heard = LanguageCoach()  # the words after the phrase heard before any is committed: no nudge at all
    assert heard.push(partial(text, 0.0, 0)) + heard.push(final("agent", text, 0.0, utt="agent-1")) == []


def test_a_shop_name_written_capitalised_is_not_nudged_even_before_its_trade_noun_is_heard():
    # since session 56 (L56, coach/language/calm_named.py) a calm-down capitalised mid-sentence is read as a name
    text = "Your mattress comes from Settle Down Mattresses, they take the old one."
    coach = committed_only()
    assert coach.push(partial("Your mattress comes from Settle Down", 0.0, 6)) == []
    assert coach.push(final("agent", text, 0.0, utt="agent-1")) == []
    told = committed_only()  # the same words said to the customer, in lower case, are nudged
    [n] = told.push(partial("Right, you need to settle down", 0.0, 6))
    assert n.kind == "avoid_calm_down"


def test_calm_down_is_nudged_from_words_not_yet_committed_once_a_word_follows_it():
    coach = LanguageCoach()
    assert coach.push(partial("Sir, you need to calm down", 10.0, 0)) == []  # the last words decoded
    [n] = coach.push(partial("Sir, you need to calm down before", 10.0, 0))
    assert n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard" and n.evidence["said"] == "calm down"
    assert n.start == seconds_to_samples(10.0 + 4 * 0.4)
    assert coach.push(partial("Sir, you need to calm down before we go on.", 10.0, 6)) == []
    assert coach.push(final("agent", "Sir, you need to calm down before we go on.", 10.0, utt="agent-1")) == []


def test_a_one_word_calm_down_heard_unsurely_waits_for_the_committed_words():
    """Session 46 (Q44): quiet c1070's greeting decoded once "Breathe and work, collide up, cope.", "Breathe" at 0.38:
    a one-word phrase from uncommitted words under ``heard_min_word_p`` is not nudged from them; heard surely, or with
    the floor off, it is."""
    text = "Breathe and work, collide up, cope."
    unsure = partial(text, 1.4, 0)
    unsure["words"][0] = dict(unsure["words"][0], p=0.38)
    assert LanguageCoach().push(unsure) == []
    [n] = LanguageCoach().push(partial(text, 1.4, 0))  # heard at 0.9
    assert n.kind == "avoid_calm_down" and n.evidence["basis"] == "heard" and n.evidence["said"] == "Breathe"
    cfg = load_language_config()
    off = dataclasses.replace(cfg, avoid_calm_down=dataclasses.replace(cfg.avoid_calm_down, heard_min_word_p=0.0))
    assert [n.kind for n in LanguageCoach(off).push(unsure)] == ["avoid_calm_down"]


def test_calm_down_heard_but_retracted_by_the_final_is_withdrawn():
    coach = LanguageCoach()
    [n] = coach.push(partial("Please relax the settings for me.", 0.0, 0))
    assert n.evidence["basis"] == "heard"
    [w] = coach.push(final("agent", "Please reload the settings for me.", 0.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment


def test_the_first_committed_family_fires_and_the_final_does_not_add_a_second_one():
    text = "Unfortunately there's nothing I can do, it's our policy."
    coach = committed_only()
    [n] = coach.push(partial(text, 0.0, 1))
    assert n.kind == "positive_language" and n.evidence["family"] == "unfortunately"
    assert coach.push(final("agent", text, 0.0, utt="agent-1")) == []


def test_a_match_an_exception_could_still_cover_waits_for_the_next_word():
    text = "I can't imagine how annoying that must have been."
    coach = LanguageCoach()
    out = [x for k in range(1, 10) for x in coach.push(partial(text, 0.0, k))]
    assert out + coach.push(final("agent", text, 0.0, utt="agent-1")) == []
    refusal = "I can't change the booking today."
    coach = committed_only()
    assert coach.push(partial(refusal, 0.0, 2)) == []  # "I can't" ... "imagine" could follow
    assert [n.kind for n in coach.push(partial(refusal, 0.0, 3))] == ["positive_language"]


def test_a_refusal_two_partials_heard_is_nudged_before_its_words_are_committed():
    # nothing committed (words before it still changing): "we can't" heard with "refund" after it
    coach = LanguageCoach()
    assert coach.push(partial("Sorry, we can", 20.0, 0)) == []  # the last words decoded: no refusal yet
    assert coach.push(partial("So we can't refund", 20.0, 0)) == []  # heard once: wait for the next decode
    [n] = coach.push(partial("Sorry, we can't refund a used", 20.0, 0))  # heard again, 0.7 s later
    assert n.kind == "positive_language" and n.evidence["basis"] == "heard" and n.evidence["said"] == "we can't"
    assert n.start == seconds_to_samples(20.0 + 1 * 0.4)  # at "we", the second word
    assert coach.push(partial("Sorry, we can't refund a used ticket.", 20.0, 4)) == []  # once per turn
    assert coach.push(final("agent", "Sorry, we can't refund a used ticket.", 20.0, utt="agent-1")) == []


def test_the_verb_floor_judges_the_decode_that_nudges_not_the_hearing_before_it():
    """Session 47 (Q45), c1037's partials: "We can't fix it." ("fix" at 0.15) then "We can't extend about your ..."
    ("extend" at 0.98). The earlier decode is only the second hearing of "We can't": its verb under ``verb_min_p`` does
    not void it; a decode whose own verb is under the floor nudges nothing, however often it was heard."""
    floor = load_language_config().positive_language.verb_min_p
    coach = LanguageCoach()
    assert coach.push(heard_as(partial("So we can't fix it.", 20.0, 0), [0.9, 0.9, 0.9, 0.15, 0.9])) == []
    [n] = coach.push(partial("So we can't extend about your", 20.0, 0))
    assert n.kind == "positive_language" and n.evidence["basis"] == "heard" and n.evidence["said"] == "we can't"
    coach = LanguageCoach()
    for words in ("So we can't fix it.", "So we can't fix it for"):
        e = partial(words, 20.0, 0)
        unsure = [0.9, 0.9, 0.9, round(floor - 0.05, 2), *[0.9] * (len(e["words"]) - 4)]
        assert coach.push(heard_as(e, unsure)) == []


def test_a_refusal_first_heard_as_the_last_words_of_a_decode_is_nudged_from_the_next_one():
    # the words of the decode before count wherever they fall (its last words too); the open end is
    # judged on the newer decode: a word after the phrase, no exception that could still cover it
    coach = LanguageCoach()
    assert coach.push(partial("Right, so we're not able to", 32.0, 0)) == []  # the last words decoded
    [n] = coach.push(partial("Right, so we're not able to move a", 32.0, 0))  # heard again, words after it
    assert n.kind == "positive_language" and n.evidence["basis"] == "heard"
    assert n.evidence["said"] == "we're not able to" and n.start == seconds_to_samples(32.0 + 2 * 0.4)
    coach = LanguageCoach()
    assert coach.push(partial("Honestly I can't", 5.0, 0)) == []  # a refusal as the last words decoded ...
    assert coach.push(partial("Honestly I can't imagine how", 5.0, 0)) == []  # ... empathy once words follow
    assert coach.push(partial("Honestly I can't imagine how awful", 5.0, 0)) == []


def test_a_refusal_one_partial_heard_is_not_nudged():
    # c304: one decode's "We can't block any power." at the end of the audio, gone in the next
    coach = LanguageCoach()
    assert coach.push(partial("That's my own expected. We failed.", 50.0, 0)) == []
    assert coach.push(partial("That's my own expected. We can't block any power.", 50.0, 0)) == []
    assert coach.push(partial("That's my own expected. We failed blocks and pounds.", 50.0, 0)) == []
    assert coach.push(final("agent", "That's my own expected. We fail clock and pound.", 50.0, utt="agent-1")) == []


def test_a_heard_refusal_waits_while_an_exception_could_still_cover_it_and_is_taken_back_by_the_final():
    coach = LanguageCoach()
    assert coach.push(partial("I can't imagine", 0.0, 0)) == []  # "I can't" + "imagine": empathy, not a refusal
    assert coach.push(partial("I can't imagine how long", 0.0, 0)) == []
    coach = LanguageCoach()
    assert coach.push(partial("Sorry, that's not our department, you", 0.0, 0)) == []
    [n] = coach.push(partial("Sorry, that's not our department, you will", 0.0, 0))  # two decodes agree
    assert n.evidence["basis"] == "heard" and n.evidence["said"] == "not our department"
    [w] = coach.push(final("agent", "Sorry, that's now with our department, you'll hear soon.", 0.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment == "agent-1:positive_language"


def test_a_nudge_whose_words_the_final_retracts_is_withdrawn():
    coach = LanguageCoach()
    [n] = coach.push(partial("Please relax the settings for me.", 0.0, 2))
    assert n.kind == "avoid_calm_down"
    out = coach.push(final("agent", "Please reload the settings for me.", 0.0, utt="agent-1"))
    [w] = out
    assert isinstance(w, Withdrawal) and w.moment == n.moment == "agent-1:avoid_calm_down"
    assert "relax" in w.why and "no longer has" in w.why


def test_a_confirmed_nudge_is_not_withdrawn_even_when_the_final_words_it_differently():
    coach = LanguageCoach()
    [n] = coach.push(partial("We can't refund it, sorry.", 0.0, 3))
    assert n.kind == "positive_language"
    out = coach.push(final("agent", "We cannot refund it, sorry.", 0.0, utt="agent-1"))
    assert out == []


def test_an_empty_final_withdraws_what_its_partials_nudged():
    coach = LanguageCoach()
    [n] = coach.push(partial("Just relax.", 0.0, 2))
    [w] = coach.push(dict(final("agent", "", 0.0, utt="agent-1"), words=[]))
    assert isinstance(w, Withdrawal) and w.moment == n.moment


def test_partials_are_ignored_when_turned_off_and_for_the_customer():
    off = LanguageCoach(dataclasses.replace(load_language_config(), from_partials=False))
    assert off.push(partial("Calm down please.", 0.0, 3)) == []
    customer = dict(partial("Calm down please.", 0.0, 3), speaker="customer")
    assert LanguageCoach().push(customer) == []


def test_each_turn_is_its_own_moment():
    coach = LanguageCoach()
    first = coach.push(partial("Relax.", 0.0, 1, utt="agent-1"))
    second = coach.push(partial("Relax, I said.", 5.0, 1, utt="agent-2"))
    assert [n.moment for n in first + second] == ["agent-1:avoid_calm_down", "agent-2:avoid_calm_down"]


def test_oh_no_heard_as_i_dont_know_before_an_empathy_word_is_not_a_refusal():
    text = "I don't know, that's awful. So you left your wallet in the taxi."
    coach = LanguageCoach()
    out = [x for k in range(1, 13) for x in coach.push(partial(text, 0.0, k))]
    assert out + coach.push(final("agent", text, 0.0, utt="agent-1")) == []
    assert LanguageCoach().push(partial("I don't know. That's awful.", 0.0, 3)) == []  # waits for the next word
    assert [n.kind for n in LanguageCoach().push(partial("I don't know. Let me check.", 0.0, 4))] == [
        "positive_language"
    ]
    assert LanguageCoach().push(final("agent", "I don't know. That's awful, I'm sorry.", 0.0)) == []


def test_i_can_understand_you_being_angry_heard_as_i_cant_is_neither_a_refusal_nor_a_calm_down():
    # c542 (session 24): "I can understand you being angry" heard "... and I can't." then "I can't understand you
    # being." in the partials: "can't understand" is no refusal, and the feeling understood is no calm-down
    coach = LanguageCoach()
    head = "That's a horrible thing to see the night before"
    out = coach.push(partial(f"{head} and I can't.", 20.0, 0))
    out += coach.push(partial(f"{head} and I can't understand you being.", 20.0, 0))
    out += coach.push(partial(f"{head} and I can't understand you being angry.", 20.0, 0))
    out += coach.push(final("agent", f"{head} and I can understand you being angry. Let me look.", 20.0, utt="agent-1"))
    assert out == []
    [n] = LanguageCoach().push(final("agent", "I don't appreciate you being rude to me.", 0.0))  # not the feeling seen
    assert n.kind == "avoid_calm_down"


# ---- the closing at a provisional end of turn ------------------------------------------------------

ASKED = final("customer", "Can you change my delivery address to the new flat, please?", 40.0)


def closed(coach: LanguageCoach) -> None:
    """The customer asks, the agent does it, the customer says goodbye (40-54 s): their close waits for the agent's
    reply, whose goodbye may then be nudged from its pause (session 42, Q40)."""
    coach.push(ASKED)
    coach.push(final("agent", "Done, that's changed to the new flat for you.", 46.0, utt="agent-0"))
    coach.push(final("customer", "Great, that's everything I needed, thanks so much for your help.", 50.0))


def heard_after(text: str, t: float, quiet_s: float, *, utt: str = "agent-1") -> dict:
    """A provisional final's partial (``pause``: the VAD counted silence after it) of the whole turn
    ``text`` (nothing committed) whose decode heard ``quiet_s`` seconds of audio after the last word
    (0.4 s per word, each word 0.36 s long)."""
    e = partial(text, t, 0, utt=utt)
    end = e["words"][-1]["end"] + quiet_s
    return dict(e, end=end, at=end + 0.1, pause=True)


def test_a_goodbye_ends_the_turn_once_its_pause_partial_heard_a_tenth_of_a_second_after_the_last_word():
    # (c150: the VAD's silence began at 44.16 s, Whisper ended "now" at 44.29, the decode heard to 44.42)
    goodbye = "Lovely, you have a good evening."
    coach = LanguageCoach()
    closed(coach)
    assert coach.push(heard_after(goodbye, 60.0, 0.05)) == []  # the last word runs into the silence
    [n] = coach.push(heard_after(goodbye, 60.0, 0.13))
    assert isinstance(n, Nudge) and n.kind == "check_anything_else" and n.moment == "agent-1:check_anything_else"
    assert coach.push(final("agent", goodbye, 60.0, utt="agent-1")) == []  # the final confirms it


def test_without_a_customer_goodbye_the_agents_goodbye_waits_for_the_final_the_ask_may_follow_its_pause():
    """Session 42 (Q40), quiet c950's class: the customer asked for something, not to close; the agent's close-like
    sentence, a pause, then "anything else?". No nudge from the pause (it was shown and taken back); a goodbye that
    does end the turn is nudged by the final."""
    goodbye = "Lovely, you have a good evening."
    coach = LanguageCoach()
    coach.push(ASKED)
    assert coach.push(heard_after(goodbye, 60.0, 0.3)) == []  # the pause: nothing shown
    going_on = f"{goodbye} Is there anything else I can help you with?"
    assert coach.push(heard_after(going_on, 60.0, 0.0)) == []
    assert coach.push(final("agent", going_on, 60.0, utt="agent-1")) == []  # nothing to take back
    ended = LanguageCoach()
    ended.push(ASKED)
    assert ended.push(heard_after(goodbye, 60.0, 0.3)) == []
    assert [n.kind for n in ended.push(final("agent", goodbye, 60.0, utt="agent-1"))] == ["check_anything_else"]


def test_without_the_quiet_the_goodbye_waits_for_the_final_as_before():
    goodbye = "Lovely, you have a good evening."
    coach = LanguageCoach()
    coach.push(ASKED)
    assert coach.push(heard_after(goodbye, 60.0, 0.05)) == []
    assert [n.kind for n in coach.push(final("agent", goodbye, 60.0, utt="agent-1"))] == ["check_anything_else"]


def test_an_early_goodbye_the_agent_talks_on_from_is_withdrawn_and_a_later_goodbye_fires():
    coach = LanguageCoach()
    closed(coach)
    [n] = coach.push(heard_after("Okay, bye.", 60.0, 0.3))
    going_on = "Okay, bye. Oh sorry, one more thing, your reference is on the email."
    [w] = coach.push(heard_after(going_on, 60.0, 0.0))  # speech resumed: more words after the goodbye
    assert isinstance(w, Withdrawal) and w.moment == n.moment and "went on" in w.why
    assert coach.push(final("agent", going_on, 60.0, utt="agent-1")) == []
    [again] = coach.push(final("agent", "Right, take care, bye now.", 70.0, utt="agent-2"))
    assert again.kind == "check_anything_else" and again.moment == "agent-2:check_anything_else"


def test_an_early_goodbye_whose_final_asks_anything_else_is_withdrawn():
    coach = LanguageCoach()
    closed(coach)
    [n] = coach.push(heard_after("Okay, take care.", 60.0, 0.3))
    [w] = coach.push(final("agent", "Okay, take care. Is there anything else?", 60.0, utt="agent-1"))
    assert isinstance(w, Withdrawal) and w.moment == n.moment


def test_the_greeting_and_goodbyes_after_an_ask_are_not_closed_early():
    coach = LanguageCoach()
    assert coach.push(heard_after("Thanks for calling Acme, bye.", 0.0, 0.5)) == []  # no customer yet
    coach.push(ASKED)
    coach.push(final("agent", "Done. Is there anything else I can help with?", 50.0, utt="agent-1"))
    coach.push(final("customer", "No, that's all, thanks.", 55.0))
    assert coach.push(heard_after("Lovely, have a good day.", 58.0, 0.5, utt="agent-2")) == []


def speaking(names: list[str]):
    """A scripted decoder (tests/scripted_words.py audio) that reads word id ``k`` as ``names[k - 1]``,
    each word ending where its block's sound ends (not stretched over the quiet after it)."""

    def decode(pcm: np.ndarray, prompt: str | None = None) -> DecodeResult:
        words: list[list[int]] = []
        for i in range(0, len(pcm), BLOCK // 4):
            wid = read_id(pcm, i)
            if wid and (not words or words[-1][0] != wid):
                words.append([wid, i, i])
            if wid:
                words[-1][2] = min(i + BLOCK // 4, len(pcm))
        dws = tuple(DecodedWord(s / SAMPLE_RATE, e / SAMPLE_RATE, f" {names[k - 1]}", 0.9) for k, s, e in words)
        return DecodeResult("".join(w.word for w in dws).strip(), dws, -0.2, 0.01, 1.2, len(pcm) / SAMPLE_RATE, 0.0)

    return decode


def test_the_goodbye_is_nudged_from_the_provisional_final_before_the_vad_ends_the_turn():
    # the agent's "Lovely, you have a good evening." then quiet, through the recogniser lane (decodes
    # back at once): the provisional final, 0.25 s into the quiet, is shown as a partial whose end is
    # the audio it heard, and the closing rule fires on it before the VAD ends the turn (0.5 s of
    # quiet); the final confirms it
    decode = speaking(["Lovely,", "you", "have", "a", "good", "evening."])
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(provisional_end_s=0.25))
    pcm = scripted_audio([0, 1, 2, 3, 4, 5, 6, 0, 0])
    speech_end, hangover = 7 * BLOCK, SAMPLE_RATE // 2
    coach = LanguageCoach()
    closed(coach)
    lane.speech_started(BLOCK)
    nudged_at = None
    for pos in range(0, speech_end + hangover, FRAME_SAMPLES):
        now = pos + FRAME_SAMPLES
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos:now]))
        lane.vad_silence(speech_end if now > speech_end else None, now)
        requests = [*lane.take_finals(), lane.take_partial()]
        for req in (r for r in requests if r is not None):
            for event in lane.apply(req, decode(req.pcm), now=now):
                found = coach.push(event.to_dict())
                if any(isinstance(n, Nudge) and n.kind == "check_anything_else" for n in found):
                    assert not event.data["final"] and nudged_at is None
                    nudged_at = now
    assert nudged_at is not None and nudged_at - speech_end < hangover
    lane.speech_ended(speech_end)
    (last,) = lane.drain_ready(now=speech_end + hangover)
    assert last.data["final"] and last.data["text"] == "Lovely, you have a good evening."
    assert coach.push(last.to_dict()) == []  # the final confirms the nudge


def test_an_early_goodbye_is_nudged_from_a_partial_that_commits_nothing_new():
    # the provisional final shown as a partial often commits no word the partial before it did not
    goodbye = "Lovely, you have a good evening."
    coach = LanguageCoach()
    closed(coach)
    before = partial(goodbye, 60.0, 3)
    last_end = before["words"][-1]["end"]
    assert coach.push(dict(before, end=last_end + 0.3, at=last_end + 0.3)) == []  # a plain partial
    [n] = coach.push(dict(before, end=last_end + 0.3, at=last_end + 0.4, pause=True))  # same committed words
    assert n.kind == "check_anything_else"


def test_a_goodbye_at_the_end_of_a_partial_without_the_vads_pause_waits_for_the_final():
    # c177: a partial heard "...schedule. We'll see you next time." with 0.7 s of audio after its last
    # word, but the agent was speaking on (misheard words, their times squeezed): no pause, no nudge
    goodbye = "Right, we'll see you next time."
    coach = LanguageCoach()
    coach.push(ASKED)
    assert coach.push(dict(heard_after(goodbye, 60.0, 0.7), pause=False)) == []
    assert [n.kind for n in coach.push(final("agent", goodbye, 60.0, utt="agent-1"))] == ["check_anything_else"]
