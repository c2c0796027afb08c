"""Fusion of voice, words and lexicon markers into one customer escalation level per call.

Compliance: escalation is inferred for the **customer lane only**; one :class:`EscalationTracker`
per call, fed only customer-lane readings.

Inputs (all times are call sample indices at 16 kHz):

- :meth:`EscalationTracker.push_voice`: an acoustic arousal probability of a customer speech window
  (:class:`coach.classify.arousal.ArousalReading`), stamped with the window's end;
- :meth:`EscalationTracker.push_words`: the text anger probability of one *final* customer transcript
  (:mod:`coach.classify.text_anger`), its word count and its lexicon hits;
- :meth:`EscalationTracker.push_loudness`: how much louder than their own usual level the customer's
  last second of speech was (dB, from the prosody stage's customer reports);
- :meth:`EscalationTracker.advance`: time passing without input (silence, agent talking).

Model. Each probability is first turned into evidence in [0, 1] between its floor and its ceiling
(``e = clip((p - floor) / (ceiling - floor), 0, 1)``; the two models are calibrated differently),
then smoothed:

- voice evidence ``V`` moves towards ``e`` by ``1 - exp(-hop_s / tau)`` per reading, with ``tau =
  voice_attack_s`` while it rises and ``voice_release_s`` while it falls (quick to notice, a little
  slower to let go); sustained voice evidence ``S`` rises towards ``V`` with ``sustain_tau_s`` and
  falls with ``voice_release_s``;
- word evidence ``W`` moves towards ``e`` by ``words_alpha * min(1, n_words / words_full_words)``
  per utterance (a short "ok" is weak evidence either way); while an utterance is in progress, its
  committed words (:meth:`EscalationTracker.push_committed_words`) count as if they were its final, the
  step times ``partial_words_factor``, but only upwards (``W`` is the larger of the two) until the
  utterance's final replaces them;
- each lexicon hit adds its weight, halving every ``lexicon_half_life_s`` (or its lexicon category's own
  ``half_life_s``); together capped at ``lexicon_cap``: ``L = min(cap, 1 - prod(1 - w_i * decay_i))``;
  within one utterance only the strongest hit counts fully, the others with ``same_utterance_factor``
  (one complaint said three ways is not three complaints; in the customer's first turn a grievance of another
  kind counts fully too, ``opener_grievances_full``), while hits in later utterances compound; a
  later final read as calm words cools the earlier ones (``calm_words_cool``);
- loudness evidence ``R`` (a raised voice: the customer louder than their own usual level, a change
  the arousal model cannot see, its features being gain-invariant) jumps to a report's evidence
  between ``louder_floor_db`` and ``louder_ceiling_db`` when that is higher, and falls with
  ``voice_release_s`` otherwise; loud-voice evidence ``A`` does the same with the customer's speech
  level on the absolute scale (:meth:`EscalationTracker.push_level`, ``loud_level``: their first
  seconds have no usual level, and an angry caller's usual level is loud); held raised-voice evidence
  ``H``, the lower of the last two reports' ``R`` evidence, does the same (``louder_held_weight``: a
  voice raised for about 2 s of speech, not one loud second); mid-call, at the start of a customer turn,
  ``H'`` does the same with the *mean* rise of the last two reports (``louder_held_mid_ceiling_db``);
- with no new input, ``V``, ``S``, ``W``, ``R``, ``H``, ``H'`` and ``A`` halve every ``idle_half_life_s`` (stale
  evidence fades).

``score = 1 - (1 - voice_weight * V) (1 - sustain_weight * S) (1 - words_weight * W) (1 - r * R) (1 - L)``
(a noisy-OR; ``r * R`` there is at least ``louder_words_weight * g' * A`` and ``louder_words_weight * g' *
R_turn``, ``R_turn`` the highest ``R`` of the current customer turn's last ``louder_turn_peak_s``, and, in a
transcribed call, ``louder_held_weight * H * (1 - P)``, ``g'`` the complaint share
``max(min(1, max(W, L) / louder_words_full), complaint_gate * M)`` below) with ``r = max(louder_weight,
louder_words_weight * g', louder_voice_weight * V)`` (a raised voice counts when the
words complain, or, after the customer's first final, when the voice also reads aroused; ``M``: the
complaint meaning of the customer's words, :meth:`EscalationTracker.push_complaint`), ``voice_weight``
and ``sustain_weight`` there being multiplied by ``1 - calm_words_damp * K * (1 - R) * (1 - g)`` (``K``:
the customer's calm words, see ``calm_words_damp``, at least the delight evidence ``P`` of a delighted
final, which also turns ``R`` there and in the ``louder_voice_weight`` term into ``R * (1 - P)``, see
``pleasant_damp``; ``g``: the words' and markers' complaint share in
``r``, without ``M``), so calm speech (voice and words) pulls the score down, and a short burst of
aroused voice (which may be excitement, not anger) stays at 'tense'; only aroused speech held for
several seconds reaches 'escalated' on the voice alone. In a transcribed call the score is then at least
``louder_held_weight * H' * (1 - P)`` (a floor: a turn that starts raised is 'tense', never more by itself).
The level moves up as soon as the score reaches
a level's ``enter`` threshold (except a rise the voice alone carries in the customer's first turn of a
transcribed call: it waits ``voice_confirm_s`` for their words, see there); it steps down one level at a
time, only when the score is below the current level's ``exit`` threshold, has stayed below it for
``exit_hold_s`` *and* the level has been held for ``min_dwell_s``: borderline scores do not flap. A
score that has also stayed below the lower level's exit threshold that long goes straight down to calm.
A level reached by stepping down is held only ``down_dwell_s``, and a "tense" on the way down from
"escalated" exits at ``tense_down_exit`` (a customer already coming down is not kept "tense" by a few
livelier calm sentences).

Timing contract: the tracker's clock is the largest sample seen. A reading stamped earlier (a final
transcript arrives after the voice windows that overlap it) is applied at the current clock: time
never runs backwards. Not thread-safe; one instance per call, used from one thread.
"""

from __future__ import annotations

import math
import statistics
from collections import deque
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from coach.classify.lexicon import LexiconHit
from coach.errors import ConfigError
from coach.types import SAMPLE_RATE

Level = Literal["calm", "tense", "escalated"]
LEVELS: tuple[Level, ...] = ("calm", "tense", "escalated")
LEVEL_HISTORY = 120
"""The customer's latest speech level reports (one a second of their speech, about 2 minutes, the prosody
stage's ``baseline_history_s``) whose median is their own robust usual level for ``louder_held_weight``."""
LEVEL_MIN_REPORTS = 4
"""...once at least this many earlier reports exist (about 4 s of their speech; before, nothing is held
raised): a median of a quiet first second or two would make their ordinary speech read raised."""
OPENS_LOUD = "opens loud"
"""The marker of a first turn louder than the agent's greeting that opens without a greeting word
(``opener_loud_weight``; :mod:`coach.classify.opener_loud`): a loudness, not a word, of the customer
(``opener_escalated_not_on_loudness``)."""
EXCLAIMS = "exclaims"
"""The marker of an exclaimed customer sentence (``exclaim_weight``): the transcriber's punctuation, not the customer's
words (``escalated_not_on_exclaim``)."""
LOUDER_ALONE_REPORTS = 2
"""How many loudness reports far above the customer's own level (``louder_alone_min``) a turn's last
``louder_turn_peak_s`` must hold for ``louder_alone_weight`` to count: not one loud second."""
DRIVERS: tuple[str, ...] = ("voice", "sustained", "words", "louder", "complaint", "calm_words")
"""The evidence reported in an event's ``drivers`` (besides ``lexicon``), in :attr:`EscalationState.evidence` order."""


@dataclass(frozen=True, kw_only=True, slots=True)
class EscalationConfig:
    """Thresholds and time constants of :class:`EscalationTracker` (times in seconds, scores in [0, 1]).

    Defaults were set on synthetic sequences (``tests/test_classify_escalation.py``) and the model
    outputs measured in the model cards; they are a starting point, not a calibration on real calls.
    """

    voice_floor: float = 0.3
    """Arousal probability treated as no evidence (calm EmoDB speech scores ~0.05, anger ~0.6-0.98)."""
    voice_ceiling: float = 0.9
    """Arousal probability treated as full evidence."""
    voice_hop_s: float = 1.0
    """A voice reading (of the last 2 s of customer speech) every this many seconds of customer speech."""
    voice_extreme_p: float = 0.5
    """Until the customer's calm baseline is ready (their first calm seconds), a voice reading is the
    model's full head only when its lower (prosody) head reads at least this too, else the lower
    head's: before the customer's usual voice is known, only an absolute extreme counts fully (0: the
    full head always, 1: the lower head always)."""
    voice_extreme_n: int = 2
    """...and only once its lower head has read at least ``voice_extreme_p`` on this many consecutive
    readings (one reading that looks extreme is not yet an angry customer); from then on the full head
    counts until the lower head reads below ``min(voice_extreme_p, 0.5)`` (calm enough to feed the
    baseline), so an angry starter whose reading dips a little stays angry, and after such a dip one
    reading at ``voice_extreme_p`` brings it back (the customer was already seen extreme)."""
    voice_extreme_now_p: float = 0.8
    """...but a lower-head reading of at least this counts at once, without waiting for
    ``voice_extreme_n`` readings (acted anger often reads 0.85-1.0 on the first window)."""
    voice_attack_s: float = 1.0
    """Smoothing time constant of voice evidence while it rises, in seconds of customer speech."""
    voice_release_s: float = 1.5
    """Smoothing time constant of voice evidence while it falls, in seconds of customer speech."""
    voice_weight: float = 0.6
    """Ceiling of the score from a short burst of aroused voice (keeps it at 'tense')."""
    sustain_tau_s: float = 6.0
    """Time constant (seconds of customer speech) of *sustained* voice evidence, which rises towards
    the voice evidence slowly (a few loud seconds barely move it, ten seconds of anger do) and falls
    with it at ``voice_release_s``."""
    sustain_weight: float = 0.35
    """Weight of sustained voice evidence: with ``voice_weight`` it lets anger held for about 8 s of
    speech reach 'escalated' on the voice alone."""
    words_floor: float = 0.08
    """Text anger probability treated as no evidence (neutral GoEmotions dev text: median 0.03,
    90th percentile 0.10; the model's operating threshold is 0.12)."""
    words_ceiling: float = 0.45
    """Text anger probability treated as full evidence (90th percentile of angry dev text)."""
    words_alpha: float = 0.6
    """Step of word evidence towards a full-length utterance's evidence."""
    words_full_words: int = 6
    """Utterances with fewer words move word evidence proportionally less."""
    words_weight: float = 0.75
    """Ceiling of the score from words alone."""
    lexicon_half_life_s: float = 60.0
    same_utterance_factor: float = 0.25
    """Within one utterance the strongest marker counts fully and the others with this factor."""
    lexicon_cap: float = 0.8
    idle_half_life_s: float = 90.0
    """Half-life of voice and word evidence while time passes (applies between all inputs)."""
    tense_enter: float = 0.40
    tense_exit: float = 0.25
    escalated_enter: float = 0.70
    escalated_exit: float = 0.50
    min_dwell_s: float = 4.0
    """Time a level reached by stepping *up* is held at least before it may step down (stepping up is
    immediate), so a brief rise is not a flash."""
    down_dwell_s: float = 0.0
    """Time a level reached by stepping *down* ("tense" on the way from "escalated" to calm) is held at
    least before it may step down again: the customer is already coming down, the level need not
    linger (EmoDB: the calm-down after the de-escalating turn)."""
    tense_down_exit: float = 0.30
    """Exit threshold of a "tense" reached by stepping down from "escalated" (``tense_exit`` for a
    "tense" reached from calm): a customer coming down whose score hovers just above ``tense_exit``
    on a few livelier calm sentences is back to calm sooner, while a borderline customer who rose to
    "tense" keeps the wider hysteresis (no flapping)."""
    exit_hold_s: float = 3.0
    """The score must stay below the level's exit threshold this long before the level steps down."""
    reply_steps_down_s: float = 4.0
    """When the customer speaks again after this long silent (the agent has answered them), an "escalated" that the
    score no longer reaches (below ``escalated_enter``) steps down to "tense" at once: the hysteresis keeps a level
    steady within a turn; across the agent's answer it carried an angry turn's markers and frozen voice readings into
    the customer's next, calm or upset, turn (c747 69.7 s, c766 68.5 s, c777 59.0 s: "escalated" at +0.1-0.5 s on a
    score of 0.60-0.66 left from 10-20 s before; models/arousal.md, session 34). Their new turn's evidence takes the
    level up again; nothing changes within a turn or below "escalated". Customer speech only (the stage's frames).
    0: off."""
    reply_releases_tense: bool = True
    """With ``reply_steps_down_s``: when the customer speaks again after that long silent, a "tense" (also one just
    stepped down from "escalated") whose score is below ``tense_enter`` goes back to calm at once, as the "escalated"
    above does: the hysteresis band between ``tense_exit`` and ``tense_enter`` held the old turn's fading markers
    across the agent's answer into the customer's next turn, so a calm reply started "tense" (c888 66.9 s, score
    0.26; c894 82.8 s, 0.37; c897 59.9 s, 0.38; session 40, E44). The new turn's own evidence takes the level up
    again at ``tense_enter``; a score still at ``tense_enter`` keeps "tense". The price: an angry later turn held
    "tense" only by that band, with no evidence of its own within 3 s, starts calm (c896 59.6 s; models/arousal.md,
    session 40). False: off."""
    pleased_final_releases_tense: bool = True
    """A customer final that thanks or is pleased (:func:`~coach.classify.thanks.thanks`,
    :func:`~coach.classify.lexicon.pleasant`) and holds no marker takes a "tense" whose score it leaves below
    ``tense_exit`` back to calm at once, instead of after ``exit_hold_s``: the customer has come down and said so
    ("Good, that gives it time to heat. Thank you.", c1107 75.6 s, score 0.20, "tense" 3.0 s more; "Friday is perfect.
    The kids will be so excited.", c1164), so the summary dates the fall at their words, after the agent's turn that
    brought them down (session 52, E60). False: off."""
    reply_forgets_voice: bool = True
    """With ``reply_steps_down_s``: when the customer speaks again after that long silent, the voice evidence ``V`` and
    ``S`` of their previous turn is dropped, and the new turn is read from its own voice (its first reading about a
    second in, ``voice_attack_s``). Between turns the voice evidence only faded with ``idle_half_life_s`` (90 s), so an
    aroused angry turn's voice, 10-20 s old, still counted at the start of the customer's calm reply and held it
    "escalated" or "tense" (c887 99.7 s, c920 71.2 s, c926 61.8 s "escalated" within 3 s). Chosen on c886-c933 (session
    40, E44: other moods escalated 4/181 -> 1/181, at "tense" or above within 3 s 24 -> 19, angry turns at "tense"
    within 3 s 32/61 -> 31/61, c898 57.5 s). On the part unseen then, c934-c957 (session 41, E45, replayed): angry
    15/34 -> 15/34, other moods at "tense" or above within 3 s 14 -> 9, quiet calls calm 5/7 -> 6/7 (c952), escalated
    1/90 -> 1/90. It was off while the call summary's ``came_down`` named the agent turn before the de-escalating one
    on EmoDB (the score now falls at the customer's first frame after a silence in which the curve has no points);
    :data:`coach.classify.stage.FALL_GAP_S` puts that fall after the agent turn in the silence (EmoDB 2/2 again, the
    calm call calm). False: off."""
    reply_forgets_loudness: bool = True
    """With ``reply_steps_down_s``: when the customer speaks again after that long silent, the raised-voice and
    loud-voice evidence of their previous turn (``R``, the held and mid-call rises, ``A``, the turn's peak) is dropped,
    so the level at the reply's first frame, where ``reply_steps_down_s`` and ``reply_releases_tense`` decide, does not
    count it. Between turns loudness evidence only faded with ``idle_half_life_s``: an angry turn's raised voice, 15 s
    old, kept a calm reply "tense" (c921 72.5 s: score 0.55 with ``R`` 0.71, 0.36 a second later). Reports that arrive
    in the reply count as before, the old turn's last one too (the prosody stage emits it only when the customer speaks
    again; dropping it as well cost angry later turns: the mid-call raised-turn rule reads it with the reply's first,
    c911 53.7 s). models/arousal.md, session 41, E45. On since session 42 (E46), after the part unseen when it was
    frozen: c958-c981 other moods at "tense" or above within 3 s 11 -> 9 (c966 76.9 s, c969 81.5 s), no angry turn
    lost (c970 59.1 s, c971 65.5 s "tense" later, within 3 s); c934-c957 no count changed; the 56 analysed calls below
    c934 angry 36/77 -> 35/77 (c911 64.6 s) for other moods at "tense" 20 -> 17. False: off."""
    broken_silence_s: float = 6.0
    """A customer turn that breaks a silence of *both* lanes at least this long (seconds: the agent left them waiting
    without a word, dead air; :class:`coach.classify.silence.SilenceWatch`) reads its raised voice from its own
    loudness reports: ``louder_held_mid_ceiling_db``'s mean of two starts at the turn's first report, as if the
    report before it rose as much, instead of averaging it with the customer's last report before the silence (a calm
    line of theirs 15-100 s earlier, often under their usual level). The customer who breaks such a silence raised
    ("Brandi? Hello, anybody on the line?", +4 dB) is angry in every such turn of the tuning scripts c01-c1173 that
    states a mood (23 of 24 raised turns after dead air; the 24th states none and complains); a reply to the agent
    (they spoke within this long) is read as before. 0: off (session 51, E57; models/arousal.md)."""
    broken_silence_forgets_calm: bool = True
    """With ``broken_silence_s``: while the customer breaks the silence (until their next final), the calm words ``K``,
    delight ``P`` and thanks ``T`` of their lines before it do not damp their voice or raised voice; their next final
    brings the calm words back (faded as before) and sets ``P`` and ``T`` from its own words. A calm line 15-100 s
    earlier, "the two I was most excited about" read as delight, or a thanks held an angry "Hello? Anybody on the
    line?" calm (c1109, c1136, c1152; models/arousal.md). False: off (session 51, E57, round two)."""
    lexicon_driver_min: float = 0.05
    """A lexicon phrase is reported in ``drivers`` while its decayed weight is at least this."""
    interrupt_weight: float = 0.1
    """Conversation marker: the customer interrupts or talks over the agent (counts like a lexicon hit)."""
    long_turn_s: float = 20.0
    """Conversation marker: a customer turn at least this long (seconds)..."""
    long_turn_ratio: float = 2.0
    """...and at least this many times the median of their earlier turns (two or more)..."""
    long_turn_weight: float = 0.05
    """...adds this weight."""
    repeat_similarity: float = 0.8
    """Conversation marker: a customer utterance whose sentence embedding is at least this similar
    (cosine) to one of their earlier utterances repeats the complaint..."""
    repeat_weight: float = 0.2
    """...and adds this weight."""
    faster_ratio: float = 1.25
    """Conversation marker: a customer utterance spoken this many times faster (words per minute) than
    the median of their earlier ones..."""
    faster_weight: float = 0.05
    """...adds this weight."""
    louder_floor_db: float = 2.0
    """Customer speech this many dB above their own usual level (the prosody stage's baseline) is no
    evidence of a raised voice yet..."""
    louder_ceiling_db: float = 5.0
    """...and this many dB above it is full evidence."""
    loud_level: bool = True
    """A loud voice on an absolute scale counts like a raised one where complaint words let a raised voice
    count (the ``louder_words_weight`` term, and in the customer's first turn the stage's
    ``complaint_check_louder``): the raised-voice
    evidence there is ``max(R, A)``, ``A`` from the level of the customer's last second of speech (the
    prosody stage's ``loudness_db``, dBFS) between ``loud_level_floor_dbfs`` and ``loud_level_ceiling_dbfs``
    (a higher report counts at once, a lower one lets ``A`` fall with ``voice_release_s``). ``R`` needs the
    customer's own usual level, which does not exist in their first seconds and is itself loud when they
    call angry (the commonest angry opening); ``A`` needs none. ``A`` alone adds nothing, and after the
    customer's first turn (in it: ``loud_opener_undamps``) it does not undo the calm words' damping nor count
    with an aroused voice (``louder_voice_weight``) or for an echo (``echo_told_louder``): a loud line or a
    loud happy customer is not upset by its level alone. False: off."""
    loud_opener_undamps: float = 1.0
    """In the customer's first turn (before their first final), the highest loud-voice evidence ``A`` of that turn
    so far times this undoes the calm words' damping of the voice as a raised voice ``R`` does (``1 - calm_words_damp
    * K * (1 - max(R, this * A_max)) * (1 - g)``; the turn's highest, not the last second's: the loudness reports
    lag the voice readings, and c612's A was ~0.1 when its voice peaked): a name-first angry opener said loud
    ("Morning, I'm ... from ..., you cancelled ...", +6 dB) whose first words are a name and a place, or misheard,
    read as calm words and damped its aroused voice to "calm" for its whole first turn (c612: V 0.8, K 0.5-0.83,
    A 0.5-0.65, score <= 0.33; now "tense" 8.6 s in). Only the damping: ``A``
    alone still adds nothing, and a delighted opener's ``A`` counts times ``1 - P`` (``pleasant_damp``). 0: off
    (session 29, E33)."""
    loud_opener_recent_s: float = 3.0
    """``A_max`` of ``loud_opener_undamps`` is the highest ``A`` of the first turn's loudness reports of the last this
    many seconds (call time), not of the whole turn: an opener undoes its calm words' damping while it is loud, not
    for good once it was loud for a second. Quiet c741's lively happy opener read -20.9 dBFS on its first report (its
    greeting, ``A`` 0.28) and -23 to -24 from 12 s on, while its voice read aroused (``V`` 0.95) and its words calm
    (``K`` 0.67): the greeting's ``A`` undid the damping 14 s later and made it "tense" at 15.3 s (session 33, E37).
    Three seconds, like ``louder_turn_peak_s``: the loudness reports lag the voice readings by about a second. 0: the
    whole first turn's highest (as in session 29)."""
    loud_level_floor_dbfs: float = -22.0
    """Speech level (dBFS over a second of speech) treated as no evidence of a loud voice: 4 dB above the
    nominal active speech level of telephone speech (-26 dBov, ITU-T P.56; the prosody stage's
    ``agent_prior_dbfs``)..."""
    loud_level_ceiling_dbfs: float = -18.0
    """...and treated as full evidence (8 dB above it)."""
    louder_weight: float = 0.0
    """Ceiling of the score from a raised voice alone: 'tense' at about 4 dB above the customer's usual
    level, never 'escalated' without other evidence."""
    louder_held_weight: float = 0.45
    """In a transcribed call (the customer's words are read: their mood can speak against it), a voice
    *held* raised above the customer's own usual level counts alone up to this weight. The held evidence
    ``H`` is the lower of the raised-voice evidence of the customer's last two loudness reports (about
    2 s of their speech), each between ``louder_floor_db`` and ``louder_ceiling_db`` above their own
    level, taken as the higher of the prosody stage's baseline and the median of their earlier level
    reports (:meth:`EscalationTracker.push_level`, when given; then nothing is held before
    ``LEVEL_MIN_REPORTS`` of them); ``H`` jumps up and falls with
    ``voice_release_s`` like ``R`` and counts times ``1 - P`` (a delighted customer's raised voice is no
    upset, ``pleasant_damp``). At 0.45 it reaches "tense" alone where both reports are at least ~4.7 dB
    up, never "escalated". A customer who suddenly speaks several dB louder than their own earlier speech
    is the commonest sign of a rising complaint whatever the words (the transcriber garbles angry lines,
    the text models read plain complaints calm); one loud second (a laugh, a level step on the line) is
    not held. Not without transcription (EmoDB's per-clip levels make neighbouring neutral clips read
    louder: ``louder_weight`` 0.6 broke its calm-down, models/arousal.md). 0: off."""
    louder_held_mid_ceiling_db: float = 3.0
    """After the customer's first final (mid-call: their own level has formed over a whole turn of
    theirs), the held evidence ``H`` is also that of the *mean* rise of their last two loudness reports
    (each the lower of the prosody stage's delta and the rise over the median of their earlier levels),
    between ``louder_floor_db`` and this many dB: with ``louder_held_weight`` 0.45 "tense" alone where
    their last ~2 s of speech are on average at least ~2.9 dB above their own level. A voice raised in
    the middle of the call reads 2-4 dB up on telephone audio for one second and 0.5-2 dB the next (a
    stressed word, then the rest of the line), which the lower of the two (``louder_ceiling_db``) never
    holds; turns of calm, upset or happy customers after their first one reach ~2.5 dB on average at
    most, except a calm reply right after an angry line (models/arousal.md "Issue 10, session 23
    (E25)"). Only at the start of a customer turn (the first ``louder_held_mid_reports`` reports after
    one whose span, ``span_s`` of :meth:`EscalationTracker.push_loudness`, is at least
    ``louder_turn_gap_s``: it spans a pause of theirs), where a voice raised in reply to the agent
    shows; within a turn a quiet speaker's level wanders as much (quiet c498: ~2.9 dB over two reports
    in the middle of a calm turn). Not in the first turn (a young level, a loud opener). 0: off (only
    the lower of the two)."""
    louder_held_mid_reports: int = 3
    """...the first this many loudness reports of a customer turn (about 3 s of their speech)..."""
    louder_turn_gap_s: float = 2.5
    """...a turn starting at a loudness report spanning at least this many seconds (a report covers
    about 1-2 s of speech; a longer span holds a pause of the customer's: the agent's turn)."""
    louder_words_weight: float = 0.5
    """Ceiling of the score from a raised voice while the customer's words complain: the raised-voice
    weight is ``max(louder_weight, louder_words_weight * g)`` with ``g = min(1, max(W, L) /
    louder_words_full)`` (word evidence ``W``, markers ``L`` of the customer's words: not the
    turn-taking ones). A raised voice alone is ambiguous (an
    excited customer, a level change on the line, EmoDB's per-clip levels); said with complaint words
    it is an upset customer, and it shows within a second or two of the turn's start, before the words
    of the angry line are transcribed."""
    louder_words_full: float = 0.3
    """Word or marker evidence at which the raised voice counts fully (one complaint marker)."""
    louder_turn_peak_s: float = 3.0
    """While the customer's words complain, the raised-voice evidence of ``louder_words_weight`` is at least
    the highest ``R`` of the customer's loudness reports of this many seconds back in their current turn
    (since their last report spanning ``louder_turn_gap_s``), not only its released value: a turn that starts
    raised and whose complaint marker is transcribed a second or two later, when the voice has come down to
    the rest of the line, is one raised complaint (c637: a raised "Then what am I supposed to ...", R 0.30 at
    +0.7 s and 0.14 when the marker came at +2.2 s; score 0.396 -> 0.45). A raised second without complaint
    words still adds nothing; one many seconds before the marker (the start of a long turn) adds nothing
    either (c533: held at 0.77 over a 13 s turn to its last-word marker, it kept the next two turns "tense").
    0: off."""
    complaint_words_min: float = 0.2
    """Word evidence ``W`` below this is a little anger in the text, not yet a complaint: it counts in the
    score (``words_weight``) but not in the complaint share ``g`` (which undoes the calm words' damping of
    the voice and lets a raised voice count). One short line misheard with some anger ("... you feel mad",
    W 0.17) made a pleased customer's lively next turn "tense" (c605). 0 turns it off."""
    louder_voice_weight: float = 0.5
    """In a transcribed call after the customer's first final (where their calm words may damp the
    voice), a raised voice counts while the voice also reads aroused: the raised-voice weight is at
    least ``louder_voice_weight * V`` (two acoustic cues that agree: louder than the customer's own
    usual level, and aroused to the voice model; c172, c219: "tense" 1.4-1.7 s into the upset line
    instead of 4-8 s). Not in the first turn (the usual level rests on a few seconds of it: quiet
    c138's lively opener) and not without transcription (no calm words damp the voice there: it
    counts fully already; EmoDB unchanged). 0: off."""
    partial_markers: bool = True
    """Lexicon markers in the committed words of partial customer transcripts count as they are said
    (:meth:`~coach.classify.stage.EscalationStage.push_partial`), not only with the final; markers
    in a partial's uncommitted tail count *provisionally* (:meth:`EscalationTracker.set_provisional`)
    once two successive partials have them: the next partial of the utterance replaces them and its
    final drops them, so a misheard word there is taken back."""
    partial_marker_min_p: float = 0.35
    """...and only a marker heard surely: the mean probability the transcriber gives its words (the
    partial's ``words[i]["p"]``, 0..1) at least this; a word without ``p`` counts as sure. A swear word
    misheard in a partial ("shift the boxes" heard "shit in the box", p 0.16-0.25) does not count;
    a final's markers are read by their least sure word instead (``final_marker_min_word_p``). 0: every marker of a
    partial counts."""
    final_marker_min_word_p: float = 0.2
    """A lexicon marker of a final customer transcript counts only if the transcriber gave every word of it at least
    this probability (``words[i]["p"]``; a word without ``p`` counts as sure): a marker made of a word it barely heard
    is most often other words heard as a marker (session 37, E41: c860's "the first of next month" heard "the third
    time next month", "time" at p 0.11, made a calm customer "tense"; over the finals of c666-c837 such markers were 3
    of calm or happy customers and 1 of an angry one). Punctuation markers are not read so. 0: every marker counts."""
    profanity_min_p: float = 0.6
    """A [profanity] marker counts, from a partial or a final, only where the transcriber heard its words at least
    this surely (mean probability in a partial, each word in a final; the higher of this and ``partial_marker_min_p``
    or ``final_marker_min_word_p``): a swear word is a short word the transcriber makes out of others (quiet c1192's
    calm "Crabs in the garden on his actual birthday?" heard "Crap in the garden ...", "crap" at p 0.45-0.55: "tense"
    1.3 s in; c1147's "No, not shit" at p 0.23, c1188's postcode heard "fuck you" at p 0.11). No customer line of the
    scripts c01-c1197 swears; these three, all of calm or happy customers, are every [profanity] marker in the cached
    analyses below c1198 (session 51, E58). 0: as every other marker."""
    partial_tail_sure_p: float = 0.6
    """In the customer's first turn (before their first final transcript: no other word of theirs has
    counted yet), a lexicon marker in the uncommitted tail of a partial counts provisionally at once, on
    the first partial that has it, when the transcriber is this sure of its words (their mean probability,
    0..1); a marker heard less surely, a punctuation marker (an exclamation, an echo: the tail's
    punctuation is its least stable part) and every tail marker after the first turn wait for the next
    partial to have it too (a word the decoder hears once, "joke" for "Joe", is usually gone from the next
    partial). Partials come about every 0.7 s: an angry opener's marker counts one partial sooner (tuning
    c396 "second month running", p 0.97, and c440 "all morning", p 0.70: "tense" 2.6-2.7 s into the
    opener instead of 3.4 s or never). Not after the first turn: there a marker one partial sooner, landing
    with a raised voice, took a raised angry line to "escalated" and held its next calm turn there (c412);
    below 0.6 a misheard opener's "for weeks" (p 0.37) escalated a calm customer (c359).
    1: always wait for two partials."""
    opener_grievances_full: bool = True
    """In the customer's first turn (before their first final), a lexicon marker of another kind of grievance than
    the utterance's other markers (another lexicon category, its words overlapping none of theirs: "... nobody
    turned up" [blame] and "I lost an hour of work" [loss]) counts fully, not times ``same_utterance_factor``: an
    opener is one long utterance (the whole case, 10-20 s: one final), and two grievances laid out in it are two
    pieces of evidence, not one complaint said two ways. Only weak markers (each below ``tense_enter``) in an
    utterance without a marker "tense" alone, and only until the utterance's markers add up to ``tense_enter``:
    weak grievances of different kinds make an opener "tense", never more by themselves. The committed words'
    markers, the uncommitted tail's provisional ones (in the first turn a marker heard surely counts on the first
    partial that has it) and the final's count so. False: off (session 32, E36; models/arousal.md)."""
    opener_escalated_needs_words: bool = True
    """In the customer's first turn of a transcribed call (before their first final), "escalated" needs evidence
    beyond the voice: the score of the other evidence alone (words, markers, loudness: ``1 -
    (1 - words_weight W)(1 - r R)(1 - L)``) at least ``tense_enter``; the voice alone, or with a weak marker, makes at
    most "tense" there. The voice model has no baseline of the customer yet and reads some synthetic voices aroused
    whatever their mood: quiet-voiced, calmly or anxiously worded openers read ``V`` 0.99 for 10 s (c744's calm
    customer, c746's upset one, misheard words, no complaint) and reached "escalated" 8-10 s in on the voice (with
    c744's weak "two weeks"), the level then held into their next turn. An angry opener whose words complain (c707's
    two grievances, ``L`` 0.51) escalates as before; after the first final, and without transcription (EmoDB through
    the analyser), nothing changes. False: off (session 33, E37)."""
    opener_escalated_not_on_loudness: bool = True
    """...and "opens loud" (``opener_loud_weight``, the first turn's level against the agent's greeting) is not such
    evidence alone: it says how loud the opener is, as the voice does, not what they say; it adds to the customer's
    own words and markers (some evidence other than the voice must be left without it), it does not stand in for
    them. Counted alone, "opens loud" (0.45, above ``tense_enter``, and a marker that opens the complaint gate to the
    absolute loudness ``A``) let a loud and aroused voice take a first turn to "escalated": quiet c1147's happy coach
    ("Jonah! It's Carys Morgan ... We won the Welsh regionals", heard "Jonah, it's gonna be more than ...", ``V``
    0.77, ``A`` 1.0) "escalated" 4.8 s into her turn. Angry c1193's opener, "escalated" when her [repetition] came
    ("three times", 0.35, with "opens loud"), still is (session 51, E58). False: it counts alone (sessions 43-50)."""
    calm_words_min: int = 4
    """A final customer utterance of at least this many words, its text anger probability below
    ``words_floor`` and without any marker, is *calm words*: positive evidence that the customer is
    calm (a short "yes" or "ok" is not). Finals only: the text model reads no partials."""
    calm_words_min_p: float = 0.5
    """...and heard confidently: the mean word probability of the transcriber at least this (words
    misheard from speech the transcriber cannot follow, another language or a bad line, are no
    evidence of calm)."""
    calm_words_full: int = 12
    """Calm words counted (over the customer's calm finals, faded like the other evidence) at which the
    voice is damped fully (``calm_words_damp``); fewer damp proportionally less."""
    calm_words_damp: float = 0.75
    """Share of the voice and sustained-voice weights removed while the customer's words read calm
    (``K = min(1, calm words / calm_words_full)``): the weights are multiplied by
    ``1 - calm_words_damp * K * (1 - R) * (1 - g)`` with the raised-voice evidence ``R`` (a voice
    clearly above the customer's own usual level is not damped) and the complaint share ``g`` of
    ``louder_words_weight`` (words or markers that complain undo it). Before any calm final (an angry
    opening, a call without transcription such as EmoDB) nothing is damped. 0 turns it off."""
    complaint_floor: float = 0.5
    """Complaint-head probability of the customer's words (:mod:`coach.language.complaint`: something
    they paid for, were promised or rely on went wrong, said in any wording) treated as no evidence of a
    complaint ``M``; the customer lines of the tuning scripts c01-c189 read >= 0.5 on 65 % of the raised
    lines and 11 % of the quiet calls' lines..."""
    complaint_ceiling: float = 0.8
    """...and treated as full evidence."""
    complaint_gate: float = 1.0
    """How far the complaint meaning ``M`` of the customer's words lets a raised voice count, like
    complaint words or markers do: the raised-voice weight is ``max(louder_weight, louder_words_weight
    * max(g, complaint_gate * M))``. ``M`` adds nothing to the score alone and does not undo the calm
    words' damping: a complaint said calmly stays calm, one said louder than the customer's usual level
    reaches "tense" a second or two into the turn (plain complaints the text model reads calm: "We paid
    14,000 pounds up front"). 0 turns it off (no head run)."""
    complaint_onset_s: float = 4.0
    """The whole text of a partial customer transcript (committed words and tail) is read for ``M`` only
    in the first this many seconds of the utterance and only while the voice is raised (see
    ``complaint_check_louder``); a reading counts once two successive partials of the utterance agree
    (the lower of the two), and it only raises ``M``; the final's reading replaces it (the final is
    always read: its embedding exists). Also the seconds of the customer's first turn whose committed
    words are read whatever the voice (``partial_words_factor``)."""
    complaint_check_louder: float = 0.3
    """...and only while the raised-voice evidence ``R`` is at least this (below it the raised voice
    could not lift the score by more than ``louder_words_weight * complaint_check_louder`` (0.15) even
    with a complaint: no reason to pay for a reading; ``R`` fades slowly after a raised sentence)."""
    calm_check_step_words: int = 8
    """A partial's committed words, scored once ``calm_words_min`` of them are committed (``calm_check_voice``), are
    scored again each time this many more are (each scoring is one MiniLM run, ~5-6 ms of CPU; the final is always
    scored). 8 (4 before session 40) with ``calm_check_voice`` 0.3 took the MiniLM runs of the densest angry calls from
    33 to 26 (c888, c894: 5.59 -> 4.81 ms CPU per s of customer speech, ``scripts/bench_escalation.py``) and changed no
    escalation level in any of the 56 analysed tuning calls replayed (c38, c633, c819, c846-c848, c858, c871,
    c886-c933: the same level every second; models/arousal.md, session 40, E44)."""
    calm_check_voice: float = 0.3
    """The committed words of a partial are scored (calm words, and their anger with
    ``partial_words_factor``) only while the voice evidence (the larger of ``V`` and ``S``) is at least
    this: calm words damp the voice weights, so with little aroused voice the text model's run (~5-10 ms of
    CPU) would change little now; the final is always scored (0.05 before session 40: up to 0.45 changed no level of
    the 56 calls above, ``calm_check_step_words``). With partial words on, the first
    ``complaint_onset_s`` seconds of the customer's first turn are scored whatever the voice (no word of
    theirs has counted yet: an upset opener)."""
    partial_words_factor: float = 1.0
    """The text anger of the committed words of a partial customer transcript (scored every
    ``calm_words_min`` new committed words, the same run as the calm check) counts as word evidence
    before the utterance's final: ``W`` may rise to where the final would take it with those words, the
    step ``words_alpha * min(1, n / words_full_words)`` times this factor; it only raises ``W`` and the
    final replaces it. Scored in the first ``complaint_onset_s`` of the customer's first turn whatever
    the voice, otherwise while the voice evidence is at least ``calm_check_voice`` (the cost: one MiniLM
    run per ``calm_words_min`` words).
    Only the words heard surely are read (transcriber probability at least ``partial_marker_min_p``).
    An upset opener's words reach the fusion a second or two after they are said instead of at the
    turn's end. 0: off (the committed words are read for calm only)."""
    voice_confirm_s: float = 1.0
    """While the customer's words are transcribed and before their first final transcript (their
    first turn: no usual level of theirs yet, few or no calm words), a rise from calm that the voice alone
    carries (the score without the voice terms below ``tense_enter``) counts only once the score has
    reached ``tense_enter`` this many seconds ago and has not fallen below ``tense_exit`` since, and no
    calm words of the customer were read meanwhile: a lively calm opener reads aroused for a second or
    two until its first calm words damp it (quiet calls c138, c234), and the rise is called off when
    they come. Without transcription (EmoDB) nothing waits; words, markers or a raised voice with a
    complaint rise at once. 0: off."""
    voice_confirm_sustained: float = 0.55
    """...and only once the sustained voice evidence ``S`` (0-1) has reached this too (the aroused voice held
    for several seconds, not a lively opener's burst: a happy, quick, loud-ish opener can read aroused for 3 s
    with ``S`` near 0.30 (session 16, 0.45), and a happy opener whose words are heard too poorly to count as
    calm for 5-6 s with ``S`` near 0.50 (quiet c568; session 25, 0.55); docs: models/arousal.md), unless the
    customer's words or markers already complain (``g`` > 0, see ``louder_words_weight``: any word evidence or
    marker of theirs). Words, markers or a raised voice with a complaint that carry the score alone still rise
    at once. 0: no sustained level needed. Read only with ``voice_confirm_held_alone`` (false since session 37: the
    held voice alone no longer confirms the rise)."""
    voice_confirm_loud: float = 0.1
    """...or once the loud-voice evidence ``A`` (the customer's speech level on the absolute scale, ``loud_level``)
    has reached this: an aroused voice that is also loud (two acoustic cues that agree, in the first seconds where
    no usual level of theirs exists) is a raised opener, not a lively one. On the tuning calls with a first turn the
    voice alone took to ``tense_enter``, the happy, calm and upset openers read ``A`` 0 throughout (c568, c575,
    c589, c603, c615, c618: speech at telephone level) and the raised angry openers 0.15-0.6 within a second or two
    of it (c576, c584, c608; models/arousal.md, session 27). ``A`` alone still adds nothing. 0: off."""
    voice_confirm_loud_dip: bool = True
    """...and such a loud rise is not lost to a dip: once ``voice_confirm_s`` have passed without the rise being called
    off (no new calm words, the score not below ``tense_exit``) while ``A`` is at ``voice_confirm_loud``, it counts even
    if the voice reading of that moment has taken the score just under ``tense_enter``. A raised opener's readings
    waver: c756's rose to 0.51 at +2.0 s (``V`` 0.80, -21.1 dBFS) and read 0.38 exactly when the wait ended (+3.0 s),
    then its misheard words read calm, so it was "tense" only at +5.1 s. A lively greeting whose calm words follow
    within the wait is still called off. False: the score must be at ``tense_enter`` when the wait ends."""
    voice_confirm_held_alone: bool = False
    """Whether the sustained voice evidence alone (``voice_confirm_sustained``) confirms a voice-only rise of the first
    turn. False: it needs a second cue, words or markers that complain or a loud voice (``voice_confirm_loud``); the
    voice held aroused for seconds, quiet and with no grievance in the words, waits for the first final (session 37,
    E41: over c666-c837 every first turn the held voice alone took to "tense" was a calm or upset customer's, c722,
    c728, c746, c748, c835 among them, and no angry opener's: those rose on their words or their loudness)."""
    voice_confirm_until_reply: bool = True
    """The first turn's voice-only rise (``voice_confirm_s``) still waits for complaining words, the loud-voice
    evidence or a held voice after the customer's first final, until they speak again (their next voice reading, or a
    loudness report spanning a pause): the
    first final used to confirm it by itself, so a lively or aroused-sounding first turn went "tense" the moment its
    final came, on words that held no grievance (quiet c976 17.9 s, c980 19.2 s, happy customers). Designed on
    c958-c981: quiet calls calm 3/7 -> 4/7, 124.9 -> 96.2 s at "tense" or above, nothing else changed; on c886-c957 and
    eight earlier analysed calls (not designed on) no moment changed (models/arousal.md, session 42, E46). False: the
    first final ends the wait (before session 42)."""
    voice_confirm_after_calm_opener: bool = True
    """A later turn's voice-only rise waits as the first turn's does (``voice_confirm_s``, then complaining words, the
    loud-voice evidence ``A`` or, with ``voice_confirm_held_alone``, a held voice) when the customer's first turn
    already read aroused on the voice alone (a voice-only rise began and waited) and ended calm: the model reads this
    caller's usual voice aroused, so the same reading later, at their usual level, is no news (quiet c1118: a calm
    first turn, ``V`` 0.99, then a happy turn after a hold "tense" at +6.7 s on ``V`` 0.78 alone, ``R`` 0.01). A
    voice raised over their own level (``R`` at ``voice_confirm_loud``) is news: such a rise counts at once (c1103's
    angry and c1124's upset later turns, ``R`` 0.63). A first turn that reached "tense" (on any evidence) or whose
    voice never rose alone leaves later turns as they were. False: only the first turn waits."""
    final_keeps_partial_calm: bool = True
    """Whether a final customer transcript read as neither calm nor angry (a little anger in its text, or words not
    heard confidently: ``calm`` None) keeps the calm words its own partials' committed words were read as (until the
    final they count as calm words); False: the final drops them, and a voice they damped counts in full at once.
    A final that reads angry or holds a marker still drops every calm word (session 37, E41: quiet c837's lively
    opener, 12 committed words read calm, its 41-word final read a little anger, "tense" on the voice at the final)."""
    retort_weight: float = 0.45
    """A lexicon marker that opens the customer's reply to the agent (it starts within the first ``retort_words``
    words of the customer's first utterance after the agent spoke, once the customer's first final is in) counts
    with at least this weight: a grievance said first, as an answer to what the agent just said ("That's not my
    fault", "Nobody told me ...", "Then what am I supposed to do?", "Don't shout at me"), is a retort, while the
    same weak marker further into a story (an upset caller's "for weeks" after eight seconds of it) stays weak.
    0.45 is the weight of a marker "tense" alone (``tense_enter``), never "escalated" alone. Over the tuning calls
    c646-c861 (their latest full analyses), the customer finals of a reply that open with a marker were 17 angry
    turns and 2 calm ones (whose markers already weighed 0.45), none on a must-stay-quiet call; the boost changes 4
    angry turns from calm to "tense" within 3 s (c775, c843, c844, c853) and no other (session 38, E42;
    models/arousal.md). Not in a delighted final (:func:`~coach.classify.lexicon.pleasant`), not for the
    transcriber's punctuation markers. 0: off."""
    retort_words: int = 3
    """...the marker's first word among the utterance's first this many words (tokens): the retort's own opening,
    allowing a "So", "Then" or "Well" before it."""
    settled_frames: bool = True
    """Whether a lexicon marker in a sentence told as settled or happy does not count
    (:meth:`~coach.classify.lexicon.EscalationLexicon.settled_tokens`: a word of the customer's pride or fondness in
    the sentence, "which we're all very proud of", or "until" followed by a past turning verb, "I was fuming until
    your engineer came"): the grievance words of a resolved or praised story, not anger now (quiet c858's happy
    parent, "landing her axle for about a month now, which we're all very proud of", a [waiting] marker, "escalated"
    with a second look-alike; session 38, E42). Over the customer transcripts of c500-c861 it drops only c858's
    marker. False: off."""
    told_wait_not_waiting: bool = True
    """Whether a [waiting] marker every word of which the agent said since the customer's latest final (the agent's
    estimate taken up: agent "It takes about three weeks", customer "Three weeks suits me. Shall I post it?") does
    not count: the customer repeats the time they were just quoted, not a wait they have had. Over the customer lines
    of the tuning scripts c01-c1173 such a marker follows the agent's own words 3 times, in calm c1138, c1172 and upset
    c1153, never in an angry line; a [waiting] phrase of the customer's own ("been waiting") still counts (session 51,
    E58). False: off."""
    sentence_opening_phrases: tuple[str, ...] = ("please just",)
    """Lexicon phrases that count only opening the customer's sentence, at most a "Then" or "So" before them, unbroken
    by a pause and not in a question (:func:`~coach.classify.sentence_opening.opens_sentence`): [reproach] "please
    just" cuts the agent short in "Please just find us a boat with that cabin." (c1131) and "Then please just do the
    refund." (c122), the only uses in the tuning scripts c01-c1197 (all angry), but is polite in "Yes please, just the
    one." or "Could you please just confirm the address?" (session 52, E60). Empty: every phrase counts anywhere."""
    counting_needs_clause: bool = True
    """Whether a counting marker ("how many times", a lexicon category's ``needs_clause``) counts only as
    the head of a clause: followed by a pronoun, an auxiliary or a possessive ("how many times I've rung", "how many
    times do I have to"), by a pause or by nothing ("How many times?!"); followed by another word it asks about a
    count or a timetable (quiet c858's partial "I don't really understand how many times work", "escalated" with a
    look-alike [waiting] marker; :meth:`~coach.classify.lexicon.EscalationLexicon.without_clause`). In the customer
    transcripts of c500-c861 "how many times" occurs only in c858's partials (session 38, E42). False: off."""
    opener_head_p: float = 0.0
    """In the customer's first turn (before their first final), within ``complaint_onset_s`` of its start: when the
    opener anger head (:mod:`coach.classify.opener_head`) reads the words heard so far (those heard at least
    ``partial_marker_min_p`` surely, at least three) at least this on two successive partials (the lower of the two)
    and the turn is loud on the absolute scale (a prosody report at ``opener_head_dbfs`` or above), a marker "opens
    angry" of ``opener_head_weight`` counts, once a call. A caller who rings angry says a greeting, a name and a place
    in the first 3 s: no marker yet, but not the way calm, happy or upset callers open (first customer turns of the
    tuning scripts, leave one part out: models/arousal.md, session 35). 0: off, the default: at 0.68 it made angry
    openers "tense" at +2.6 s (c720, c751, c780, c782; c803 of the next part), but a lively happy opener on a quiet
    call read as high (c741 0.76-0.79 as heard, "tense" at +3.4 s): the words of the first seconds do not tell a
    lively caller from an angry one on these calls."""
    opener_head_dbfs: float = -23.5
    """...the loudness (dBFS, the customer's prosody reports of the first turn) the opener must reach for it: the
    angry openers of c694-c789 read -23.3 to -20.5 dBFS, the other moods' up to -23.2 (the lively happy ones, loud
    too, read the head low)."""
    opener_head_weight: float = 0.45
    """...and the marker's weight: above ``tense_enter`` ("tense" alone, not "escalated")."""
    opener_loud_weight: float = 0.45
    """In the customer's first turn (before their first final), within ``complaint_onset_s`` of its start: when its
    loudest prosody report is ``opener_loud_db`` or more above the median of the agent's reports before the customer
    first spoke, and its first ``opener_loud_words`` words heard (a partial holding that many) hold no greeting word
    (``coach/classify/opener_greeting.toml``: "hi", "hello", "morning", "thanks", "oh", ...), a marker "opens loud"
    of this weight counts, once a call (:mod:`coach.classify.opener_loud`). The first turn has no level of the
    customer's own to compare with; the agent's greeting is the voice already heard. Replayed on c958-c981 it made
    their 4 angry openers "tense" at +1.2-1.3 s (angry turns 16 -> 20/26) and changed no other moment; from the
    events of the 80 analysed tuning calls below c958, 11 of 15 angry openers and none of 65 other first turns meet
    it by +3 s; the loud lively happy openers greet (models/arousal.md, session 43, E47). 0: off."""
    opener_loud_db: float = 4.0
    """...how much louder than the agent (dB) the first turn's loudest report must be: the other moods' first turns
    without a greeting heard read at most +1.2 dB, a non-quiet happy one with its greeting heard late +2.6 dB (c893),
    the angry openers +3.4 to +10.4 dB on the analysed tuning calls. 4 dB rather than E47's 3 dB: the margin is also
    the headroom for a customer lane hotter than the agent's; with the lane 3 dB hot, 3 dB made quiet c953's and
    c979's upset first turns "tense" and 4 dB does not, for 2 of 61 angry turns at matched lanes (calls below c982;
    models/arousal.md, session 45, E49)."""
    opener_loud_words: int = 3
    """...and how many first words must be heard, none a greeting (with two, a greeting said third, after the agent's
    name, is missed: quiet c957's happy opener)."""
    opener_loud_agent_floor_dbfs: float = -28.0
    """...the agent's level counts as at least this (dBFS): a greeting quieter than this reads as a quiet lane, not a
    soft-spoken agent, and a customer at an ordinary level is not "louder" than it. The agents' greetings on the
    analysed tuning calls c01-c1005 read -34.4 to -24.8 dBFS (median -26.4, 10th percentile -28.4); every angry opener
    that met the rule there is 3 dB over this floor too (lowest -23.7 dBFS), and c1010's calm first turn (-26.8 dBFS
    after a -31.7 dBFS greeting, +4.9 dB) is not (models/arousal.md, session 44, E48). -inf: no floor."""
    opener_loud_later_db: float = 2.0
    """After "opens loud" (``opener_loud_weight``) has counted, the customer's later turns (after their first final)
    also read raised against the agent's greeting level (the median that ``opener_loud_agent_floor_dbfs`` floors)
    plus this many dB: the caller's own usual level (the prosody stage's baseline and the median of their level
    reports) was learnt while they shouted, so a later shout is no louder than it and read calm. The rise that the
    held raised-voice evidence reads (``louder_held_weight``, ``louder_held_mid_ceiling_db``) is the higher of the
    two; "tense" alone, never "escalated" on it. Only in a call whose first turn opened loud: it cannot make a call
    "tense" that did not, whatever the lanes' gains (quiet calm cannot drop). Designed on the 15 calls below c982
    where "opens loud" fires: their angry turns >= "tense" within 3 s 25 -> 33/45, other moods 4 -> 6/31 (at 1 dB
    37/45 and 8/31; with the customer's lane 3 dB hot the other moods 21 -> 31 at 2 dB, 39 at 1 dB; 3 dB cold: the
    rule seldom fires, nothing lost). models/arousal.md, session 45, E49. inf: off."""
    level_reference_db: float = math.inf
    """Once the customer has been "tense" in the call (not only after "opens loud", ``opener_loud_later_db``), their
    later turns (after their first final) also read raised against the agent's level before the customer first spoke
    (the median that ``opener_loud_agent_floor_dbfs`` floors) plus this many dB, for the held raised-voice evidence
    (``louder_held_weight``, ``louder_held_mid_ceiling_db``): a caller angry from their first line has their own usual
    level learnt while angry, so a later raised turn reads no louder than it. The lower of this and the opener's later
    reference counts (set by :class:`~coach.classify.stage.EscalationStage`). "tense" alone, never "escalated" on it.
    inf: off (the default: at 1 dB c1318-c1341 angry >= "tense" in 3 s 13 -> 16/35, other moods unchanged, but with
    the customer's lane 3 dB hotter than the agent's other moods 2 -> 8/126; models/arousal.md, session 58, E71)."""
    escalated_not_on_exclaim: bool = True
    """In a transcribed call, "escalated" is never reached on an exclamation mark (``exclaim_weight``): the score
    with the exclaimed sentences' markers left out of ``L`` must reach ``escalated_enter`` itself (the evidence
    other than the voice recomputed without them, :meth:`EscalationTracker._escalated_on_exclaim`); with them it
    reaches "tense". The "!" is the transcriber's guess at emphasis, not the customer's words, and on a garbled
    line it says nothing of their mood: quiet c1267's calm order (an espeak voice the model reads ``V`` 0.96-0.99
    from its first, calm turn, its calm words damping it), heard "... We are starting the muscles and keep snoit as
    we're wakin'!", went "escalated" at 28.5 s on the voice and the "!" alone (score 0.788; 0.674 without it); now
    "tense". On the other 163 tuning calls with saved stage inputs no level changes; but the transcriber wrote "!" in
    only 2 customer finals of those 187 calls (none in an angry turn), while 247 angry lines of the tuning scripts end
    a sentence "!": with a transcriber that keeps it, an angry turn that the voice and the "!" alone take to
    "escalated" would stop at "tense" (models/arousal.md, session 54, E66). False: off."""
    exclaim_weight: float = 0.35
    """Weight of an exclamation mark in a customer utterance (the transcriber's punctuation of a
    raised, emphatic line: "That's another four days!"), counted like a lexicon marker once per
    utterance; an exclaimed sentence with a thanks or greeting word ("Thank you so much!") does not
    count (:func:`coach.classify.lexicon.exclaims`). 0 turns it off."""
    echo_weight: float = 0.4
    """Weight of a disbelieving echo opening a customer utterance ("Tomorrow? I need my tablets
    tonight", "A charge? For your driver's mistake?": :func:`coach.classify.lexicon.echoes`), counted
    like a lexicon marker; it comes in the turn's first second. 0 turns it off."""
    echo_told_louder: float = 0.5
    """The same echo without its question mark (the transcriber often drops it: "Only a show. She's been
    practising for months") counts when the words of its short first sentence were all in the agent's
    finals since the customer's previous one (what the customer was just told,
    :func:`coach.classify.lexicon.echoes_told`) and the customer's voice is raised: the raised-voice
    evidence ``R`` is at least this. A calm repeat of what the agent said ("The nineteenth. Lovely.") is a
    confirmation, not disbelief. 0 turns it off."""
    press_weight: float = 0.45
    """A yes-or-no question the customer presses with a closing "or not" ("Can you get them here today or
    not?", "Is my table booked or not?": :func:`coach.classify.lexicon.presses`) counts like a lexicon
    marker of this weight ("tense" alone, like a demand): in the tuning scripts c01-c717 the five customer
    sentences so asked are all angry (c239, c465, c528, c707 twice); "whether ... or not" said as a
    statement is not one. It needs the transcriber's "?", so it is no lexicon phrase. 0 turns it off
    (session 31, E35)."""
    pleasant_damp: float = 1.0
    """Delight evidence ``P`` set by a final customer utterance that sounds delighted
    (:func:`coach.classify.lexicon.pleasant`: "Brilliant, that's really helpful", "I absolutely love
    it") and has no marker and no anger in its text; it fades like the other evidence (``idle_half_life_s``)
    and is dropped by a later utterance with anger or a marker. While it lasts the customer's calm words
    count at least ``P`` (``K = max(K, P)``) and a raised voice undoes the damping only by ``R * (1 - P)``
    (also in ``louder_voice_weight``'s term): a loud, lively, happy customer is not upset (quiet c284).
    Words that complain (``g``) still undo it. 0 turns it off."""
    pleasant_lasting_words: int = 20
    """A final that :func:`coach.classify.lexicon.pleasant` reads delighted keeps its delight evidence past the
    customer's next final only when it is at most this many words long; a longer one, where the delight is a
    word or two of a long utterance that goes on to another matter (c1150's upset "Lovely. There's one more
    thing, Jolyon, and it's been on my mind all week. On Sunday ..." damped her raised, aroused angry turn 20 s and
    one final later), ends at the next final that is not delighted, as a broad reading's does (``pleasant_lasts``
    of :meth:`EscalationTracker.push_words`; models/arousal.md "Session 50 (E55)"). 0: every such final's
    delight lasts."""
    calm_words_cool: float = 0.5
    """A final customer utterance read as calm words (heard confidently, no anger, no marker, at least
    ``calm_words_min`` words) multiplies the weight of the markers said in the customer's earlier
    utterances by ``1 - calm_words_cool``: a customer who has come down ("Right, Thursday suits me then" once
    the agent has put it right) is not held "tense" or "escalated" by their angry line's markers for the
    lexicon's ``lexicon_half_life_s``; a new marker counts in full again. Turn-taking markers are not
    cooled. 0 turns it off."""
    lone_marker_max: float = 0.3
    """A lone weak marker: in an utterance whose words are otherwise read calm (no anger in the text, heard
    confidently), one lexicon marker of at most this weight and no other ("my rent", "compensation": one
    piece of evidence, often a word misheard or said in passing) is read against the delight evidence ``P``
    (``pleasant_damp``) of a customer who has just sounded delighted: it does not drop their calm words (the
    utterance is no calm-words evidence either way), its weight is multiplied by ``1 - lone_marker_calm * P``
    and it does not count in the complaint share ``g`` that undoes their damping of the voice. With no
    delight evidence it counts as any marker (a customer merely calm so far who names a wait, "all
    morning", may be complaining: c610). Without this one such marker took a lively, pleased customer (V
    0.97) from calm to escalated in one step (quiet c618). 0 turns it off."""
    lone_marker_calm: float = 0.5
    """See ``lone_marker_max``: how much of a lone weak marker full delight evidence takes away."""
    thanks_raised_damp: float = 0.5
    """Thanks evidence ``T``: a final customer utterance that thanks the agent (:func:`coach.classify.thanks.thanks`:
    "Thank you, that's very kind of you") with no marker and no anger in its text sets ``T`` to this from the
    customer's next turn (a loudness report spanning a pause of theirs, ``louder_turn_gap_s``, or
    :meth:`EscalationTracker.customer_speaks_again`) until their next final: the turn the thanks ended keeps its
    level (c1154's angry hold complaint misheard "But thank you very much, well over 20 seconds"). While it lasts,
    the two routes by which a raised voice counts without any words, the voice held raised (``louder_held_weight *
    H``) and a turn that starts raised mid-call (the floor ``louder_held_weight * H'``), count times ``1 - T``: at
    0.5 neither reaches "tense" alone (0.45 -> 0.225), but they still add to other evidence, and words, markers and
    an aroused voice count as before. On the tuning scripts c01-c1149 an angry customer turn follows a thanking one
    3 times in 822, another mood's 240 times in 3,198 (models/arousal.md, session 50, E56). 0 turns it off."""
    agent_joy_damp: float = 0.5
    """An agent final that shares the customer's joy (:func:`coach.classify.thanks.shares_joy`: "Congratulations",
    "Oh, that sounds wonderful") sets the thanks evidence ``T`` to at least this for the customer's next turn, as
    their own thanks does (``thanks_raised_damp``): a loud happy caller's raised reply to it is not "tense" on the
    raised voice alone. On the tuning scripts c01-c1173 no angry or upset customer turn follows such an agent turn
    (0 of 1,046 and 0 of 718), 44 of 674 happy ones do. 0 turns it off."""
    agent_amends_damp: float = 0.5
    """The agent's answer since the customer's latest final apologises and commits to an action, at some length
    (:func:`coach.classify.amends.makes_amends`: "You're right, I'm sorry. I'll send a new one today ..."): the thanks
    evidence ``T`` is at least this for the customer's next turn, as after ``agent_joy_damp``: a calm reply that
    starts as loud as the angry line it answers is not "tense" on the raised voice alone (c1112, c1151, c1165); words,
    markers and an aroused voice count as before. On the tuning scripts c01-c1221 the customer turn after such an
    answer is calm 273 times, happy 8, upset 7, angry 2 (models/arousal.md, session 53, E61). 0 turns it off."""
    told_calm_weight: float = 0.3
    """An agent final that tells the customer to calm down (:func:`coach.classify.told_calm.told_calm_down`: the
    ``avoid_calm_down`` phrase tables, "there's no need for theatrics", "stay cool as a cucumber for me") adds this,
    fused as one more piece of evidence (noisy-OR, after the mid-call floor ``louder_held_weight * H'``), to the
    score of the customer's next turn until their next final: alone it is no "tense" (0.3 < ``tense_enter``), with
    0.15 or more of the turn's own (a start some 2 dB over their own level: the floor at 0.18 or more) it is. On the
    tuning scripts c01-c1197 the customer turn after such an agent turn is angry 119 times, upset 22, calm 5 (no mood
    stated 51); anger said at the usual level after being told to calm down was a class left calm at +3 s (c1133,
    c1141, c1180; models/arousal.md, session 52, E59). 0 turns it off."""
    told_calm_again_weight: float = 0.45
    """...and this instead (at least ``told_calm_weight``) after the agent's second calm-down of the call or later: told
    twice, the customer's reply is "tense" on it alone. On the tuning scripts c01-c1197 the customer turn after an
    agent's second or later calm-down of a call is angry 33 times, upset 2, calm 2 (no mood stated 5), 18 of the angry
    ones at their usual level; after a first one angry 85, upset 21, calm 5 (models/arousal.md, session 52, E59)."""
    agent_pushback_undamps: float = 1.0
    """An agent final that tells the customer to calm down (``told_calm_weight``'s reading) or pushes back on them
    (:func:`coach.classify.pushback.pushes_back`: a refusal, a rule cited, the blame put elsewhere, by the
    ``positive_language`` phrase families) lifts the calm words' damping of the voice by this much (as a raised voice
    ``R`` does: ``1 - calm_words_damp * K * (1 - max(R, this)) * (1 - g)``) in the customer's next turn, until their
    next final: calm words said before the agent pushed back describe the customer as they were, not as they answer
    it (c603 38.2 s, c912 45.4 s, c1141 55.0 s: voice 0.37-0.82 damped to 0.10-0.39 by earlier calm words). On the
    tuning scripts c01-c1245 the customer turn after such an agent turn is angry 349 times, upset 55, calm 20, happy 1
    (models/arousal.md, session 54, E64). Words, markers and loudness count as before; only an aroused voice gains.
    In that turn a voice-only rise also counts at once, not waiting for words (``voice_confirm_s``, and
    ``voice_confirm_after_calm_opener`` for a caller whose voice reads aroused at its usual: in a reply to a pushback
    their voice is news; c603 38.2 s and 48.6 s, c1204 55.7 s). 0: off."""
    agent_pushback_raised: float = 0.6
    """In the customer's turn after such an agent final (``agent_pushback_undamps``'s reading), until their next final,
    their raised voice (``R``, louder than their own usual level, 0-1 from ``louder_floor_db`` to
    ``louder_ceiling_db``; the highest of the turn's last ``louder_turn_peak_s``) counts as evidence of this weight
    whatever the words (the raised-voice evidence is at least this times ``R``, fused with words and markers by
    noisy-OR; 0.6: "tense" from ``R`` ~0.67, about 4.0 dB, alone; never "escalated" alone):
    a voice raised in answer to a refusal or a calm-down is the complaint. On the newest analyses of 187 tuning calls
    c01-c1269 the mid-call turns after a heard pushback whose voice was raised (``R`` >= 0.3 within 3 s) were angry 52
    times and no other mood (the 11 calm and upset turns after one had ``R`` 0), where without a pushback ``R`` >= 0.3
    came in 16 calm, 10 upset and 5 happy turns (models/arousal.md, session 55, E68). 0: off."""
    louder_alone_weight: float = 0.0
    """Mid-call (after the customer's first final), a raised voice ``R`` of at least ``louder_alone_min`` in two
    loudness reports of the turn's last ``louder_turn_peak_s`` counts as evidence of this weight times the lower of
    them whatever the words and their calm (times ``1 - P``, delight taken off, but not the thanks ``T`` of their
    previous final: c1294's "Thanks, look, I'll be honest with you, I nearly didn't ring" before its shout; never
    "escalated" alone): a voice far above the customer's own level is the complaint even where earlier calm words and
    no complaint words keep the raised voice from counting (``louder_words_weight``) and a quieter report between
    breaks the held raised voice (``louder_held_weight``). Designed on c1294 106.5 s (9.3, 2.4, 6.1 dB up, ``R``
    0.996, score 0.22) and c1297 50.5 s (``R`` 0.995, "tense" at +3.2 s); on the newest analyses of the tuning calls
    c01-c1269 the mid-call mood moments with ``R`` >= 0.9 within 3 s were 106, all angry (figures of the replays:
    models/arousal.md, session 56, E69). At 0.45 "tense" alone from ``R`` 0.95 (about 4.9 dB up), as a voice held
    raised; off by default: replayed, it gained c1294 (in sample) and moved no count of the parts it was not designed
    on. 0: off."""
    louder_alone_min: float = 0.95
    """``R`` from which ``louder_alone_weight`` counts (0-1), in at least :data:`LOUDER_ALONE_REPORTS` loudness
    reports of the turn's last ``louder_turn_peak_s`` (one loud second, a bump or a laugh, stays calm)."""

    agent_joy_withdraws_loud_opener: bool = True
    """...and where the customer's first turn counted "opens loud" (``opener_loud_weight``), such an agent final
    withdraws it: the marker stops counting and the later reference (``opener_loud_later_db``) is dropped, the loud
    opener having been good news, not a shout (as a delighted first-turn partial keeps it from counting at all, E51).
    On the tuning scripts c01-c1173 an angry customer turn comes anywhere after such an agent turn 6 times in 1,046
    (c940, c1065, c1131; none a loud opener), a happy one 148 times in 674. false: off."""

    def __post_init__(self) -> None:
        unit = (
            "voice_floor",
            "voice_ceiling",
            "voice_extreme_p",
            "voice_extreme_now_p",
            "voice_weight",
            "sustain_weight",
            "words_floor",
            "words_ceiling",
            "words_alpha",
            "same_utterance_factor",
            "interrupt_weight",
            "long_turn_weight",
            "repeat_similarity",
            "repeat_weight",
            "faster_weight",
            "louder_weight",
            "louder_held_weight",
            "louder_words_weight",
            "louder_voice_weight",
            "words_weight",
            "lexicon_cap",
            "tense_enter",
            "tense_exit",
            "tense_down_exit",
            "escalated_enter",
            "escalated_exit",
            "lexicon_driver_min",
            "exclaim_weight",
            "echo_weight",
            "echo_told_louder",
            "pleasant_damp",
            "thanks_raised_damp",
            "agent_joy_damp",
            "agent_amends_damp",
            "told_calm_weight",
            "told_calm_again_weight",
            "agent_pushback_undamps",
            "agent_pushback_raised",
            "louder_alone_weight",
            "louder_alone_min",
            "calm_words_cool",
            "lone_marker_max",
            "lone_marker_calm",
            "complaint_words_min",
            "calm_words_damp",
            "calm_words_min_p",
            "partial_marker_min_p",
            "partial_tail_sure_p",
            "final_marker_min_word_p",
            "profanity_min_p",
            "calm_check_voice",
            "partial_words_factor",
            "complaint_floor",
            "complaint_ceiling",
            "complaint_gate",
            "complaint_check_louder",
            "voice_confirm_sustained",
            "voice_confirm_loud",
            "loud_opener_undamps",
            "opener_head_p",
            "opener_head_weight",
            "opener_loud_weight",
        )
        for name in unit:
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ConfigError(f"EscalationConfig.{name} must be in [0, 1]")
        if (
            self.voice_floor >= self.voice_ceiling
            or self.words_floor >= self.words_ceiling
            or self.louder_floor_db >= self.louder_ceiling_db
            or (self.louder_held_mid_ceiling_db and self.louder_floor_db >= self.louder_held_mid_ceiling_db)
            or self.loud_level_floor_dbfs >= self.loud_level_ceiling_dbfs
            or self.complaint_floor >= self.complaint_ceiling
        ):
            raise ConfigError("EscalationConfig: each floor must be below its ceiling")
        for name in (
            "voice_hop_s",
            "voice_attack_s",
            "voice_release_s",
            "sustain_tau_s",
            "lexicon_half_life_s",
            "idle_half_life_s",
            "long_turn_s",
            "louder_words_full",
            "complaint_onset_s",
            "louder_turn_gap_s",
        ):
            if getattr(self, name) <= 0:
                raise ConfigError(f"EscalationConfig.{name} must be positive")
        if self.faster_ratio < 1.0 or self.long_turn_ratio < 1.0:
            raise ConfigError("EscalationConfig.faster_ratio and long_turn_ratio must be at least 1")
        if min(self.min_dwell_s, self.down_dwell_s, self.exit_hold_s, self.voice_confirm_s) < 0:
            raise ConfigError("EscalationConfig: need min_dwell_s, down_dwell_s, exit_hold_s and voice_confirm_s >= 0")
        if not self.opener_loud_later_db >= 0:  # NaN too; -inf would read every later report as an endless rise
            raise ConfigError("EscalationConfig.opener_loud_later_db must be 0 or more (inf: off)")
        if not self.level_reference_db >= 0:  # NaN too, as opener_loud_later_db
            raise ConfigError("EscalationConfig.level_reference_db must be 0 or more (inf: off)")
        if self.pleasant_lasting_words < 0:
            raise ConfigError("EscalationConfig.pleasant_lasting_words must not be negative (0: off)")
        if self.reply_steps_down_s < 0:
            raise ConfigError("EscalationConfig.reply_steps_down_s must not be negative")
        if not 0 <= self.retort_weight <= 1 or self.retort_words < 0:
            raise ConfigError("EscalationConfig: need 0 <= retort_weight <= 1 and retort_words >= 0")
        if self.louder_turn_peak_s < 0 or self.loud_opener_recent_s < 0:
            raise ConfigError("EscalationConfig.louder_turn_peak_s and loud_opener_recent_s must not be negative")
        counts = (
            self.words_full_words,
            self.voice_extreme_n,
            self.calm_words_min,
            self.calm_words_full,
            self.calm_check_step_words,
        )
        if min(*counts, self.louder_held_mid_reports, self.opener_loud_words) < 1:
            raise ConfigError(
                "EscalationConfig: need words_full_words, voice_extreme_n, calm_words_min, calm_words_full, "
                "calm_check_step_words, louder_held_mid_reports and opener_loud_words >= 1"
            )
        if not (
            self.tense_exit <= self.tense_down_exit < self.tense_enter <= self.escalated_enter
            and self.escalated_exit < self.escalated_enter
            and self.tense_down_exit <= self.escalated_exit
        ):
            raise ConfigError(
                "EscalationConfig: need tense_exit <= tense_down_exit < tense_enter <= escalated_enter, "
                "escalated_exit < escalated_enter and tense_down_exit <= escalated_exit"
            )


@dataclass(frozen=True, slots=True)
class EscalationState:
    """The tracker's output after one input.

    ``sample``: the tracker clock (call samples); ``score`` in [0, 1]; ``level``; ``changed``: the
    level differs from before this input; ``evidence``: the smoothed evidence (0-1, unrounded) in the
    order of :data:`DRIVERS`; ``lexicon``: the lexicon phrases still counting. :attr:`drivers` gives
    them as a dict, rounded (built only when asked for: the tracker is advanced every 32 ms frame, an
    event is reported at most about once a second).
    """

    sample: int
    score: float
    level: Level
    changed: bool
    evidence: tuple[float, ...] = (0.0,) * 6
    lexicon: list[str] = field(default_factory=list)

    @property
    def drivers(self) -> dict[str, Any]:
        """``{"voice": V, "sustained": S, "words": W, "louder": R, "complaint": M, "calm_words": K,
        "lexicon": [phrases]}``, the evidence rounded to 3 decimals."""
        drivers: dict[str, Any] = {name: round(e, 3) for name, e in zip(DRIVERS, self.evidence, strict=True)}
        drivers["lexicon"] = self.lexicon
        return drivers


@dataclass(slots=True)
class _Mark:
    sample: int
    weight: float
    phrase: str
    said: bool = True
    """A marker in the customer's words (False: a turn-taking marker, e.g. an interruption)."""
    half_life_s: float = 0.0
    """Its own half-life (its lexicon category's ``half_life_s``; 0: ``lexicon_half_life_s``)."""
    gates: bool = True
    """It counts in the complaint share ``g`` (False: a lone weak marker read against calm words)."""


def _drop_older(reports: deque[tuple[int, float]], now: int, window_s: float) -> None:
    """Drop from the left of ``reports`` ((call sample, evidence) pairs in time order) those more than
    ``window_s`` seconds before ``now`` (a call sample)."""
    window = round(window_s * SAMPLE_RATE)
    while reports and now - reports[0][0] > window:
        reports.popleft()


class EscalationTracker:
    """Per-call escalation state of the customer (see module docstring)."""

    def __init__(self, config: EscalationConfig | None = None, *, words_expected: bool = False) -> None:
        """``words_expected``: the customer's words are transcribed and will be pushed (a voice-only
        rise in their first turn waits ``voice_confirm_s``)."""
        self.config = config or EscalationConfig()
        self.words_expected = words_expected
        self.reset()

    def reset(self) -> None:
        """Back to calm with no evidence, clock at 0."""
        self._now = 0
        self._voice = 0.0
        self._sustained = 0.0
        self._words = 0.0
        self._louder = 0.0
        self._louder_last = 0.0  # the raised-voice evidence of the customer's latest loudness report
        self._rise_last = -math.inf  # ... and its rise in dB (louder_held_mid_ceiling_db)
        self._held_mid = 0.0  # raised-voice evidence of the mean rise of their last two reports, mid-call
        self._turn_reports = 0  # loudness reports since the start of the customer's turn (louder_turn_gap_s)
        self._silence_broken = False  # the customer spoke after a silence of both lanes, no turn report yet
        self._turn_louder: deque[tuple[int, float]] = deque()  # (sample, R) of this turn's reports (louder_turn_peak_s)
        self._held = 0.0  # raised-voice evidence held over their last two reports H (louder_held_weight)
        self._levels: deque[float] = deque(maxlen=LEVEL_HISTORY)  # the customer's speech level reports (dBFS)
        self._level_rise: float | None = None  # the latest level report above the earlier ones' median (None: none)
        self._reference_dbfs = math.inf  # a level the customer's own usual level is taken as at most (dBFS)
        self._reference_rise = -math.inf  # the latest level report above it, after their first final
        self._loud = 0.0  # loud-voice evidence A on the absolute scale (loud_level)
        self._opener_loud = 0.0  # the highest A of the customer's first turn (loud_opener_undamps)
        self._opener_louds: deque[tuple[int, float]] = deque()  # (sample, A) of its reports (loud_opener_recent_s)
        self._meaning = 0.0  # complaint meaning of the customer's words (complaint_gate)
        self._calm_words = 0.0  # words of the customer's calm finals (faded like the evidence)
        self._calm_held = 0.0  # ... set aside while they break a silence, until their next final
        self._pleasant = 0.0  # delight evidence P of the customer's latest delighted final (pleasant_damp)
        self._pleasant_until_final = False  # P ends at their next final that is not delighted (pleasant_lasts False)
        self._thanks = 0.0  # thanks evidence T of the customer's latest final (thanks_raised_damp)
        self._thanks_next_turn = 0.0  # ... which counts from their next turn
        self._told_calm = 0.0  # the agent told the customer to calm down: their turn now (told_calm_weight)
        self._told_calm_next = 0.0  # ... their next turn
        self._pushed_back = 0.0  # the agent pushed back: calm words' damping lifted (agent_pushback_undamps)
        self._pushed_back_next = 0.0  # ... their next turn
        self._pushback_raised = 0.0  # the agent pushed back: a raised voice counts (agent_pushback_raised)
        self._pushback_raised_next = 0.0  # ... their next turn
        self._told_calm_times = 0  # the agent's calm-downs so far in the call (told_calm_again_weight)
        self._turn_started = -1  # clock of the customer's latest turn start (a loudness report spanning a pause)
        self._calm_pending = 0  # calm committed words of the utterance in progress (until its final)
        self._words_pending: tuple[float, int] = (0.0, 0)  # (evidence, words) of the committed words in progress
        self._marks: list[_Mark] = []
        self._provisional: list[tuple[str, float]] = []
        self._level = 0
        self._level_since = 0
        self._rose = True  # the current level was reached by stepping up (calm counts as such)
        self._below_since: list[int | None] = [None, None, None]
        self._heard_final = False  # a final customer transcript with words has come (their first turn is over)
        self._spoke_after_final = False  # a voice reading or a turn's first loudness report came after it
        self._last_final = 0  # clock of the customer's latest final with words (calm_words_cool)
        self._voice_rise_since: int | None = None  # when a voice-only score reached tense_enter (voice_confirm_s)
        self._new_turn = False  # the customer speaks again after reply_steps_down_s of silence (reply_steps_down_s)
        self._calm_at_rise = 0.0  # the calm words then
        self._opener_voice_waited = False  # the first turn's voice-only rise waited (voice_confirm_after_calm_opener)
        self._opener_rose = False  # the level left calm in the first turn (before its wait ended)

    @property
    def level(self) -> Level:
        return LEVELS[self._level]

    @property
    def voice_evidence(self) -> float:
        """The larger of the current voice and sustained-voice evidence (0-1): what calm words damp."""
        return max(self._voice, self._sustained)

    @property
    def heard_final(self) -> bool:
        """Whether a final customer transcript with words has come (the customer's first turn is over)."""
        return self._heard_final

    @property
    def louder_evidence(self) -> float:
        """The current raised-voice evidence ``R`` (0-1, against the customer's own usual level)."""
        return self._louder

    @property
    def loud_evidence(self) -> float:
        """The raised-voice evidence for which the stage reads a partial for complaint meaning
        (``complaint_check_louder``, 0-1): ``max(R, A)`` (``loud_level``) in the customer's first turn,
        where ``R`` cannot exist yet, ``R`` after it (a loud caller's every partial is not read: one
        MiniLM run each)."""
        return max(self._louder, self._loud) if not self._heard_final else self._louder

    def push_complaint(self, sample: int, p: float, *, final: bool) -> EscalationState:
        """Add the complaint-head probability ``p`` of the customer's words (see ``complaint_gate``):
        a ``final`` utterance's reading replaces the complaint evidence ``M``, a partial's (two
        successive partials agreeing) only raises it."""
        cfg = self.config
        before = self._tick_to(sample)
        e = _evidence(p, cfg.complaint_floor, cfg.complaint_ceiling)
        self._meaning = e if final else max(self._meaning, e)
        return self._update(before)

    def push_voice(self, sample: int, p: float, *, window_samples: int = SAMPLE_RATE) -> EscalationState:
        """Add an arousal probability ``p`` of a customer speech window ending at ``sample``;
        ``window_samples`` is the new speech since the previous reading (the hop), which sets the step."""
        cfg = self.config
        before = self._tick_to(sample)
        self._spoke_after_final = self._heard_final
        dt = window_samples / SAMPLE_RATE
        e = _evidence(p, cfg.voice_floor, cfg.voice_ceiling)
        tau = cfg.voice_attack_s if e > self._voice else cfg.voice_release_s
        self._voice += (1.0 - math.exp(-dt / tau)) * (e - self._voice)
        tau = cfg.sustain_tau_s if self._voice > self._sustained else cfg.voice_release_s
        self._sustained += (1.0 - math.exp(-dt / tau)) * (self._voice - self._sustained)
        return self._update(before)

    def push_words(
        self,
        sample: int,
        p: float,
        *,
        n_words: int,
        hits: Iterable[LexiconHit | tuple[str, float]] = (),
        provisional: Iterable[tuple[str, float]] | None = None,
        counted: float = 0.0,
        said: bool = True,
        calm: bool | None = None,
        pleasant: bool = False,
        pleasant_lasts: bool = True,
        lone: bool = False,
        full: Collection[int] = frozenset(),
        provisional_full: Collection[int] = frozenset(),
        thanks: bool = False,
    ) -> EscalationState:
        """Add one final customer transcript: text anger probability ``p``, its word count and lexicon
        hits (``LexiconHit`` or ``(phrase, weight)``), stamped ``sample`` (e.g. the utterance's end);
        unless ``provisional`` is None, the provisional markers are replaced by it in the same step
        (see :meth:`set_provisional`), so a marker moving from provisional to counted never counts twice.
        ``counted``: the weight (0..1) of the strongest marker this utterance already counted (from its
        partials; 0: none): the hits and the provisional markers are weighed with it
        (:func:`utterance_weights`), so the utterance's strongest marker counts fully whenever it comes.
        ``said=False`` marks turn-taking markers (interruptions, long turns): they count in the score but
        do not make a raised voice count (``louder_words_weight``). ``calm``: the caller's reading of the
        utterance as calm words (True: heard confidently, no anger in its text, no complaint marker;
        False: anger or a complaint marker, which drops the calm words counted so far; None: neither).
        ``pleasant``: the utterance sounds delighted (:func:`coach.classify.lexicon.pleasant`); it sets
        the delight evidence (``pleasant_damp``) unless ``calm`` is False (anger or a complaint marker);
        ``pleasant_lasts=False`` (a broad reading, :func:`coach.classify.lexicon.delighted`): that evidence ends at
        the customer's next final that is not delighted, instead of only fading (c1058's misheard "Jesus loves ..."
        damped an angry turn 48 s and three finals later; session 47, E51); so does that of a final of more than
        ``pleasant_lasting_words`` words.
        ``lone``: the hits are one weak marker in words otherwise read calm (``lone_marker_max``): while
        the delight evidence lasts it counts less and outside the complaint share, and ``calm`` False is
        read as None (the calm words so far stay). ``full``: the indices of the hits that count fully whatever the
        utterance counted (a grievance of another kind in the customer's first turn, ``opener_grievances_full``);
        ``provisional_full``: the same for ``provisional``. ``thanks``: the utterance thanks the agent
        (:func:`coach.classify.thanks.thanks`): it sets the thanks evidence (``thanks_raised_damp``) unless ``calm``
        is False, from the customer's next turn until their next final."""
        cfg = self.config
        before = self._tick_to(sample)
        marks = [(h.phrase, h.weight, h.half_life_s) if isinstance(h, LexiconHit) else (*h, 0.0) for h in hits]
        weights = [min(1.0, max(0.0, float(w))) for _, w, _ in marks]
        against = self._pleasant if lone and cfg.lone_marker_max > 0 else 0.0
        if against > 0:
            weights = [w * (1.0 - cfg.lone_marker_calm * against) for w in weights]
            calm = None if calm is False else calm
        if provisional is not None:
            self._set_provisional(provisional, counted=max([counted, *weights]), full=provisional_full)
        if n_words > 0:
            step = cfg.words_alpha * min(1.0, n_words / cfg.words_full_words)
            self._words += step * (_evidence(p, cfg.words_floor, cfg.words_ceiling) - self._words)
        if said and n_words > 0:
            self._heard_final = True
            self._calm_words, self._calm_held = self._calm_words + self._calm_held, 0.0  # broken_silence_forgets_calm
            if calm is None and cfg.final_keeps_partial_calm:
                self._calm_words += self._calm_pending  # its partials' calm words stand
            self._count_calm_words(n_words, calm=calm)
            if calm and n_words >= cfg.calm_words_min and cfg.calm_words_cool > 0:
                self._cool_markers(1.0 - cfg.calm_words_cool)
            self._last_final = self._now
            self._told_calm = 0.0  # their own words are read now (told_calm_weight)
            self._pushed_back = 0.0  # ... and their calm words again (agent_pushback_undamps)
            self._pushback_raised = 0.0  # ... and a raised voice counts as before (agent_pushback_raised)
            if pleasant and calm is not False:
                self._pleasant = cfg.pleasant_damp
                long = 0 < cfg.pleasant_lasting_words < n_words  # a delight word or two of a long utterance
                self._pleasant_until_final = not pleasant_lasts or long
            elif self._pleasant_until_final:  # a broad reading's delight ends at the next final without it
                self._pleasant, self._pleasant_until_final = 0.0, False
            self._calm_pending = 0
            self._words_pending = (0.0, 0)
            thanking = cfg.thanks_raised_damp if thanks and calm is not False else 0.0
            # a final that thanks keeps the thanks of its turn, and counts from their next turn (thanks_raised_damp)
            self._thanks = self._thanks if thanking > 0 else 0.0
            self._thanks_next_turn = thanking
        # markers of one utterance are mostly one complaint said several ways: they do not compound
        # like independent evidence (the strongest counts fully, the others partly)
        added = utterance_weights(weights, counted, cfg.same_utterance_factor, full)
        for (phrase, _, half_life), w in zip(marks, added, strict=True):
            self._marks.append(_Mark(self._now, w, phrase, said, half_life, gates=against <= 0))
        return self._update(before)

    def push_committed_words(
        self, sample: int, n_words: int, *, calm: bool | None, p: float = float("nan"), lone: bool = False
    ) -> EscalationState:
        """The committed words of the customer's utterance in progress (a partial transcript): with
        ``calm`` True (heard confidently, no anger in their text, no marker) they count as calm words
        until the utterance's final replaces them; False (anger or a marker) drops the calm words
        counted so far; None (not heard confidently) is no evidence either way. ``p``: their text anger
        probability (NaN: none), word evidence until the final (``partial_words_factor``). ``lone``: as in
        :meth:`push_words`, while the delight evidence lasts ``calm`` False is read as None."""
        before = self._tick_to(sample)
        if lone and calm is False and self.config.lone_marker_max > 0 and self._pleasant > 0:
            calm = None
        self._words_pending = (_evidence(p, self.config.words_floor, self.config.words_ceiling), n_words)
        self._calm_pending = 0
        if calm and n_words >= self.config.calm_words_min:
            self._calm_pending = n_words
        elif calm is False:
            self._count_calm_words(n_words, calm=False)
        return self._update(before)

    def _count_calm_words(self, n_words: int, *, calm: bool | None) -> None:
        """Add an utterance's words to the calm words if ``calm`` and long enough; drop them all if
        ``calm`` is False (anger or a marker); None (not heard confidently) changes nothing."""
        if calm and n_words >= self.config.calm_words_min:
            self._calm_words += n_words
        elif calm is False:
            self._calm_words = self._calm_held = 0.0
            self._pleasant = 0.0

    def _cool_markers(self, factor: float) -> None:
        """Multiply the weight of the markers said up to the customer's previous final (not those of the
        utterance now ending, counted from its partials, nor the turn-taking ones) by ``factor``
        (``calm_words_cool``)."""
        for m in self._marks:
            if m.said and m.sample <= self._last_final:
                m.weight *= factor

    def set_provisional(
        self, sample: int, hits: Iterable[tuple[str, float]], *, counted: float = 0.0
    ) -> EscalationState:
        """Replace the provisional markers (``(phrase, weight)``: those of the uncommitted tail of the
        customer's latest partial transcript) with ``hits``; ``()`` drops them. They count like the
        markers of one utterance that has already counted a strongest marker of weight ``counted``
        (:func:`utterance_weights`), without decay, until replaced."""
        before = self._tick_to(sample)
        self._set_provisional(hits, counted=counted)
        return self._update(before)

    def _set_provisional(
        self, hits: Iterable[tuple[str, float]], *, counted: float, full: Collection[int] = frozenset()
    ) -> None:
        marks = [(p, min(1.0, max(0.0, float(w)))) for p, w in hits]
        added = utterance_weights([w for _, w in marks], counted, self.config.same_utterance_factor, full)
        self._provisional = [(p, w) for (p, _), w in zip(marks, added, strict=True)]

    def push_loudness(self, sample: int, delta_db: float, *, span_s: float = 1.0) -> EscalationState:
        """Add one customer loudness report: ``delta_db`` above their own usual level over the last
        ``span_s`` seconds of their speech (a higher one counts at once, a lower one lets the evidence
        fall with ``voice_release_s``)."""
        cfg = self.config
        before = self._tick_to(sample)
        e = _evidence(delta_db, cfg.louder_floor_db, cfg.louder_ceiling_db)
        self._louder = self._jump_or_release(self._louder, e, span_s)
        # not above their own robust level: a young baseline set too low
        rise = delta_db if self._level_rise is None else min(delta_db, self._level_rise)
        rise = max(rise, self._reference_rise)  # a reference not learnt while they shouted (opener_loud_later_db)
        e_held = _evidence(rise, cfg.louder_floor_db, cfg.louder_ceiling_db)
        self._held = self._jump_or_release(self._held, min(e_held, self._louder_last), span_s)
        turn_start = span_s >= cfg.louder_turn_gap_s
        self._turn_reports = 1 if turn_start else self._turn_reports + 1
        if turn_start:
            self._turn_louder.clear()
            self._spoke_after_final = self._heard_final  # a report spanning a pause: they speak again
            self._turn_started = self._now
            self._thanks_from_now()
            self._told_calm_from_now()
        if e > 0:
            self._turn_louder.append((sample, e))
        self._forget_old_turn_louder()
        if turn_start and self._silence_broken:  # their last report before the silence is not this turn's
            self._rise_last = rise
        self._silence_broken = self._silence_broken and not turn_start
        mid = 0.0
        onset = self._turn_reports <= cfg.louder_held_mid_reports
        if self._heard_final and onset and cfg.louder_held_mid_ceiling_db > 0:  # mid-call: their mean rise
            mid = _evidence((rise + self._rise_last) / 2, cfg.louder_floor_db, cfg.louder_held_mid_ceiling_db)
        self._held_mid = self._jump_or_release(self._held_mid, mid, span_s)
        self._louder_last = e_held
        self._rise_last = rise
        return self._update(before)

    def push_level(self, sample: int, level_dbfs: float, *, span_s: float = 1.0) -> EscalationState:
        """Add one customer speech level report: ``level_dbfs`` (dBFS) over the last ``span_s`` seconds of
        their speech, on the absolute scale (``loud_level``; a higher one counts at once, a lower one lets
        the evidence fall with ``voice_release_s``; ignored when ``loud_level`` is off). Also kept (the latest
        :data:`LEVEL_HISTORY`) as the customer's own robust usual level: the held raised-voice evidence of the
        next :meth:`push_loudness` is at most this report's level above their earlier reports' median, and
        none before :data:`LEVEL_MIN_REPORTS` of them (``louder_held_weight``), so a young baseline set on a
        quiet first second or two does not make their ordinary speech read raised."""
        cfg = self.config
        before = self._tick_to(sample)
        self._level_rise = (
            level_dbfs - statistics.median(self._levels) if len(self._levels) >= LEVEL_MIN_REPORTS else -math.inf
        )
        self._levels.append(level_dbfs)
        self._reference_rise = level_dbfs - self._reference_dbfs if self._heard_final else -math.inf
        if cfg.loud_level:
            e = _evidence(level_dbfs, cfg.loud_level_floor_dbfs, cfg.loud_level_ceiling_dbfs)
            self._loud = self._jump_or_release(self._loud, e, span_s)
            if not self._heard_final:
                self._opener_loud = max(self._opener_loud, self._loud)
                self._opener_louds.append((self._now, self._loud))
        return self._update(before)

    def set_level_reference(self, dbfs: float) -> None:
        """From now on, the customer's usual level counts as at most ``dbfs`` (dBFS) for the held raised-voice
        evidence of their later turns (after their first final): a level report ``x`` dB over it reads a rise of at
        least ``x`` (``opener_loud_later_db``). ``inf``: none (the default)."""
        self._reference_dbfs = dbfs

    def _jump_or_release(self, current: float, e: float, span_s: float) -> float:
        """Loudness evidence after a report of evidence ``e`` over ``span_s`` seconds of speech: a higher
        one at once, a lower one approached with ``voice_release_s``."""
        if e >= current:
            return e
        return current + (1.0 - math.exp(-max(0.0, span_s) / self.config.voice_release_s)) * (e - current)

    def advance(self, sample: int) -> EscalationState:
        """Let time pass to ``sample`` without new evidence (evidence fades, dwell timers run)."""
        before = self._tick_to(sample)
        return self._update(before)

    # -- internals -------------------------------------------------------------------------------

    def _tick_to(self, sample: int) -> int:
        """Move the clock to ``sample`` in steps of at most the shorter dwell (at least 1 s), running the
        level machine at each step, so the level does not depend on how often the tracker is called.
        Returns the level before the move."""
        before = self._level
        step = max(SAMPLE_RATE, int(min(self.config.min_dwell_s, self.config.down_dwell_s) * SAMPLE_RATE))
        while sample - self._now > step:
            self._advance_clock(self._now + step)
            self._update(before)
        self._advance_clock(sample)
        return before

    def _advance_clock(self, sample: int) -> None:
        if sample <= self._now:
            return
        dt = (sample - self._now) / SAMPLE_RATE
        fade = 0.5 ** (dt / self.config.idle_half_life_s)
        self._voice *= fade
        self._sustained *= fade
        self._words *= fade
        self._louder *= fade
        self._held *= fade
        self._held_mid *= fade
        self._loud *= fade
        self._words_pending = (self._words_pending[0] * fade, self._words_pending[1])
        self._meaning *= fade
        self._calm_words *= fade
        self._calm_held *= fade
        self._pleasant *= fade
        self._now = sample

    def _lexicon(self, without: str = "") -> tuple[float, float, list[str]]:
        """Combined weight of the decayed markers and the provisional ones (capped), the same for the
        markers in the customer's words that count in the complaint share only, and the phrases still
        counting; those of phrase ``without`` left out (kept for later)."""
        cfg = self.config
        keep: list[_Mark] = []
        miss = 1.0
        miss_said = 1.0
        active: list[str] = []
        for phrase, w in self._provisional:
            if phrase == without:
                continue
            miss *= 1.0 - w
            miss_said *= 1.0 - w
            if w >= cfg.lexicon_driver_min and phrase not in active:
                active.append(phrase)
        for m in self._marks:
            w = m.weight * 0.5 ** ((self._now - m.sample) / SAMPLE_RATE / (m.half_life_s or cfg.lexicon_half_life_s))
            if w < 0.01:
                continue
            keep.append(m)
            if m.phrase == without:
                continue
            miss *= 1.0 - w
            if m.said and m.gates:
                miss_said *= 1.0 - w
            if w >= cfg.lexicon_driver_min and m.phrase not in active:
                active.append(m.phrase)
        self._marks = keep
        return min(cfg.lexicon_cap, 1.0 - miss), min(cfg.lexicon_cap, 1.0 - miss_said), active

    def _voice_rise_confirmed(self, score: float, without_voice: float, complains: bool) -> bool:
        """Whether a score at or above ``tense_enter`` may raise the level from calm now: always, unless
        the voice alone carries it (``without_voice``, the score of the other evidence, below
        ``tense_enter``) in the customer's first turn of a transcribed call. Then the rise waits: it
        counts once ``voice_confirm_s`` have passed since the score first reached ``tense_enter``, unless
        meanwhile the customer's words were read as calm (their calm words grew) or the score fell
        below ``tense_exit``, which call the rise off; unless the customer's words or markers complain
        (``complains``), the sustained voice evidence must also have reached ``voice_confirm_sustained``, or the
        loud-voice evidence ``voice_confirm_loud`` (then a dip under ``tense_enter`` as the wait ends does not lose the
        rise: :meth:`_loud_rise_waited`). Called while the level is calm."""
        cfg = self.config
        calm_words = self._calm_words + self._calm_pending
        since = self._voice_rise_since
        if since is not None and (score < cfg.tense_exit or calm_words > self._calm_at_rise):
            since = self._voice_rise_since = None  # the words came calm, or the voice came down
        if (
            score < cfg.tense_enter
            or cfg.voice_confirm_s <= 0
            or not self.words_expected
            or (self._opener_over() and (not self._voice_reads_aroused_when_calm() or self._raised_over_own_level()))
            or without_voice >= cfg.tense_enter
            or self._pushed_back > 0  # answering the agent's pushback, their voice is news (agent_pushback_undamps)
        ):
            return True
        if since is None:
            since = self._voice_rise_since = self._now
            self._calm_at_rise = calm_words
            self._opener_voice_waited = self._opener_voice_waited or not self._opener_over()
        waited = (self._now - since) / SAMPLE_RATE >= cfg.voice_confirm_s
        loud = 0 < cfg.voice_confirm_loud <= self._loud
        held = cfg.voice_confirm_held_alone and self._sustained >= cfg.voice_confirm_sustained
        return waited and (complains or loud or held)

    def _opener_over(self) -> bool:
        """Whether the customer's first turn is over for the voice-only wait: their first final has come and they
        have spoken again since (``voice_confirm_until_reply``; without it, the first final ends it)."""
        return self._heard_final and (self._spoke_after_final or not self.config.voice_confirm_until_reply)

    def _voice_reads_aroused_when_calm(self) -> bool:
        """Whether a later turn's voice-only rise waits as the first turn's: the first turn's voice-only rise waited
        and the level stayed calm through it (``voice_confirm_after_calm_opener``)."""
        return self.config.voice_confirm_after_calm_opener and self._opener_voice_waited and not self._opener_rose

    def _raised_over_own_level(self) -> bool:
        """Whether the voice is raised over the customer's own level (``R`` at ``voice_confirm_loud``): a later turn's
        voice-only rise then counts at once, whatever their first turn read (``voice_confirm_after_calm_opener``)."""
        return 0 < self.config.voice_confirm_loud <= self._louder

    def customer_speaks_again(self) -> None:
        """The customer speaks again after ``reply_steps_down_s`` of silence: at the next update an "escalated" whose
        score is below ``escalated_enter`` steps down to "tense", and a "tense" whose score is below ``tense_enter`` to
        calm (``reply_releases_tense``); the previous turn's voice evidence is dropped now (``reply_forgets_voice``)
        and so is its loudness evidence (``reply_forgets_loudness``; :class:`EscalationConfig`)."""
        self._new_turn = self.config.reply_steps_down_s > 0
        self._thanks_from_now()
        self._told_calm_from_now()
        if self._new_turn and self.config.reply_forgets_voice:
            self._voice = self._sustained = 0.0  # the new turn is read from its own voice (reply_forgets_voice)
        if self._new_turn and self.config.reply_forgets_loudness:  # ... and loudness (reply_forgets_loudness)
            self._louder = self._held = self._held_mid = self._loud = 0.0
            self._turn_louder.clear()

    def customer_breaks_silence(self) -> None:
        """The customer speaks after both lanes were silent at least ``broken_silence_s``: their turn's first loudness
        report is read as its own mean rise (``broken_silence_s``), and with ``broken_silence_forgets_calm`` their
        earlier calm words, delight and thanks do not count until their next final."""
        self._silence_broken = self.config.broken_silence_s > 0
        if self._silence_broken and self.config.broken_silence_forgets_calm:  # read from what they say now
            self._calm_held += self._calm_words  # ... until their next final brings the calm words back
            self._calm_words = 0.0
            self._pleasant, self._pleasant_until_final = 0.0, False
            self._thanks = self._thanks_next_turn = 0.0

    def _loud_rise_waited(self, score: float) -> bool:
        """Whether a loud voice-only rise of the first turn that has waited ``voice_confirm_s`` without being called
        off counts though the score has dipped under ``tense_enter`` (not under ``tense_exit``):
        ``voice_confirm_loud_dip``. Called while the level is calm, after :meth:`_voice_rise_confirmed`."""
        cfg = self.config
        since = self._voice_rise_since
        return (
            cfg.voice_confirm_loud_dip
            and since is not None
            and self.words_expected
            and not self._heard_final
            and score >= cfg.tense_exit
            and 0 < cfg.voice_confirm_loud <= self._loud
            and (self._now - since) / SAMPLE_RATE >= cfg.voice_confirm_s
        )

    def _may_escalate(self, without_voice: float) -> bool:
        """Whether the score may take the level to "escalated" now: always, except in the customer's first turn of a
        transcribed call, where the other evidence than the voice (``1 - without_voice``) must reach ``tense_enter``
        (``opener_escalated_needs_words``; without "opens loud": ``opener_escalated_not_on_loudness``)."""
        cfg = self.config
        opener = cfg.opener_escalated_needs_words and self.words_expected and not self._heard_final
        if opener and cfg.opener_escalated_not_on_loudness and any(m.phrase == OPENS_LOUD for m in self._marks):
            lex, lex_said, _ = self._lexicon(without=OPENS_LOUD)  # "opens loud" is a loudness, not a word
            if self._without_voice(self._word_evidence(), lex, lex_said)[0] >= 1.0:
                return False  # it adds to the customer's own words and markers, it does not stand in for them
        return not opener or 1.0 - without_voice >= cfg.tense_enter

    def _escalated_on_exclaim(self, score: float, words: float, without_voice: float) -> bool:
        """Whether ``score`` reaches ``escalated_enter`` only with an exclamation mark's marker (``EXCLAIMS``) counted
        (``escalated_not_on_exclaim``): the score with the factor of the evidence other than the voice
        (``without_voice``) taken again without those markers, from the word evidence ``words``, falls below it.
        Transcribed calls only (the "!" is the transcriber's)."""
        cfg = self.config
        exclaimed = any(m.phrase == EXCLAIMS for m in self._marks)
        if not (cfg.escalated_not_on_exclaim and self.words_expected and exclaimed):
            return False
        lex, lex_said, _ = self._lexicon(without=EXCLAIMS)
        without = self._without_voice(words, lex, lex_said)[0]
        return 1.0 - (1.0 - score) * without / max(without_voice, 1e-9) < cfg.escalated_enter

    def _forget_old_turn_louder(self) -> None:
        """Drop the current turn's loudness reports older than ``louder_turn_peak_s`` (call samples)."""
        _drop_older(self._turn_louder, self._now, self.config.louder_turn_peak_s)

    def _turn_peak(self) -> float:
        """The highest raised-voice evidence of the customer's loudness reports of the last
        ``louder_turn_peak_s`` of their current turn (0: none, or the key off)."""
        self._forget_old_turn_louder()
        return max((e for _, e in self._turn_louder), default=0.0)

    def _opener_loud_now(self) -> float:
        """``A_max`` of ``loud_opener_undamps``: the highest ``A`` of the first turn's reports of the last
        ``loud_opener_recent_s`` (0: of the whole first turn)."""
        window = self.config.loud_opener_recent_s
        if window <= 0:
            return self._opener_loud
        _drop_older(self._opener_louds, self._now, window)
        return max((a for _, a in self._opener_louds), default=0.0)

    def withdraw_marker(self, phrase: str) -> EscalationState:
        """Stop counting the markers ``phrase`` counted so far (``agent_joy_withdraws_loud_opener``)."""
        self._marks = [m for m in self._marks if m.phrase != phrase]
        return self._update(self._level)

    def release_tense(self) -> EscalationState | None:
        """A "tense" whose score is below ``tense_exit`` goes back to calm now (``pleased_final_releases_tense``: the
        stage calls it after a pleased or thanking final); None where the level is not "tense" or the score is not
        that low (nothing changes)."""
        state = self._update(self._level)
        if self._level != 1 or state.score >= self.config.tense_exit:
            return None
        self._level, self._level_since, self._rose, self._voice_rise_since = 0, self._now, False, None
        return self._update(1)

    def warm_next_turn(self, damp: float) -> None:
        """The agent has just shared the customer's joy: their next turn is read with thanks evidence ``T`` of at
        least ``damp`` (0-1, ``agent_joy_damp``), from its start until their next final. The agent's final comes a
        little after their words: where the customer's turn has already started since their latest final, from now."""
        self._thanks_next_turn = max(self._thanks_next_turn, damp)
        if self._turn_started > self._last_final:
            self._thanks_from_now()

    def told_to_calm_down(self) -> None:
        """The agent has just told the customer to calm down: their next turn's score takes ``told_calm_weight`` more
        evidence (``told_calm_again_weight`` from the call's second calm-down; noisy-OR), from its start until their
        next final; where their turn has already started since their latest final (the agent's final comes a little
        after their words), from now."""
        cfg = self.config
        self._told_calm_times += 1
        again = cfg.told_calm_again_weight if self._told_calm_times > 1 else 0.0
        self._told_calm_next = max(cfg.told_calm_weight, again)
        if self._turn_started > self._last_final:
            self._told_calm_from_now()

    def pushed_back(self) -> None:
        """The agent has just told the customer to calm down or pushed back on them (refused, cited a rule, put the
        blame elsewhere): in their next turn, until their next final, the calm words' damping of the voice is lifted by
        ``agent_pushback_undamps`` and their raised voice counts whatever the words (``agent_pushback_raised``);
        where their turn has already started since their latest final, from now."""
        self._pushed_back_next = max(self._pushed_back_next, self.config.agent_pushback_undamps)
        self._pushback_raised_next = max(self._pushback_raised_next, self.config.agent_pushback_raised)
        if self._turn_started > self._last_final:
            self._told_calm_from_now()

    def _told_calm_from_now(self) -> None:
        """The customer starts a new turn: an agent's calm-down before it counts from now (``told_calm_weight``)."""
        self._told_calm = max(self._told_calm, self._told_calm_next)
        self._told_calm_next = 0.0
        self._pushed_back = max(self._pushed_back, self._pushed_back_next)
        self._pushed_back_next = 0.0
        self._pushback_raised = max(self._pushback_raised, self._pushback_raised_next)
        self._pushback_raised_next = 0.0

    def _after_told_calm(self, score: float) -> float:
        """``score`` with the evidence of being told to calm down fused in (``told_calm_weight``; noisy-OR, 0-1)."""
        return 1.0 - (1.0 - score) * (1.0 - self._told_calm)

    def _thanks_from_now(self) -> None:
        """The customer starts a new turn: the thanks of their latest final counts from now (``thanks_raised_damp``)."""
        self._thanks = max(self._thanks, self._thanks_next_turn)
        self._thanks_next_turn = 0.0

    def _raised_alone_share(self) -> float:
        """How much of a raised voice counts on the routes that need no words (the held raised voice ``H`` and the
        mid-call floor ``H'``): ``(1 - P) (1 - T)``, the delight (``pleasant_damp``) and thanks
        (``thanks_raised_damp``) evidence of the customer's latest finals taken off (0-1)."""
        return (1.0 - self._pleasant) * (1.0 - self._thanks)

    def _calm_evidence(self) -> float:
        """The customer's calm-words evidence ``K`` (0-1), at least the delight evidence ``P``."""
        cfg = self.config
        return max(self._pleasant, min(1.0, (self._calm_words + self._calm_pending) / cfg.calm_words_full))

    def _word_evidence(self) -> float:
        """Word evidence ``W``: that of the finals, or higher where the committed words of the utterance
        in progress take it (the final's step on them, times ``partial_words_factor``)."""
        e, n_words = self._words_pending
        if n_words <= 0 or e <= self._words:
            return self._words
        cfg = self.config
        step = cfg.partial_words_factor * cfg.words_alpha * min(1.0, n_words / cfg.words_full_words)
        return self._words + step * (e - self._words)

    def _without_voice(self, words: float, lex: float, lex_said: float) -> tuple[float, float, float]:
        """``(1 - words_weight W)(1 - louder)(1 - L)``, the score's factor of the evidence other than the voice
        (words ``words``, markers ``lex`` of which ``lex_said`` in the customer's words, and the loudness they let
        count), with the complaint share and the raised voice's weight it took (``louder_words_weight``)."""
        cfg = self.config
        complaint_words = words if words >= cfg.complaint_words_min else 0.0  # a little anger is no complaint
        complaint = min(1.0, max(complaint_words, lex_said) / cfg.louder_words_full)
        gate = max(complaint, cfg.complaint_gate * self._meaning)  # words, markers or their meaning complain
        louder_weight = max(cfg.louder_weight, cfg.louder_words_weight * gate)
        # a loud voice on the absolute scale counts only as far as complaint words let it (loud_level)
        louder = max(louder_weight * self._louder, cfg.louder_words_weight * gate * self._loud)
        if gate > 0 and self._turn_louder:  # the complaint of a turn that started raised (louder_turn_peak_s)
            louder = max(louder, cfg.louder_words_weight * gate * self._turn_peak())
        if self._pushback_raised > 0:  # a voice raised in answer to the agent's pushback (agent_pushback_raised)
            louder = max(louder, self._pushback_raised * max(self._louder, self._turn_peak()))
        if cfg.louder_alone_weight > 0 and self._heard_final:  # a voice far above their own (louder_alone_weight)
            self._forget_old_turn_louder()
            far = [e for _, e in self._turn_louder if e >= cfg.louder_alone_min]
            if len(far) >= LOUDER_ALONE_REPORTS:
                louder = max(louder, cfg.louder_alone_weight * min(far) * (1.0 - self._pleasant))
        if self.words_expected:  # a voice held raised counts alone where the words can speak against it
            louder = max(louder, cfg.louder_held_weight * self._held * self._raised_alone_share())
        return (1.0 - cfg.words_weight * words) * (1.0 - louder) * (1.0 - lex), complaint, louder_weight

    def _update(self, before: int) -> EscalationState:
        """Recompute the score and run the level machine; ``before`` is the level at the call's start."""
        cfg = self.config
        words = self._word_evidence()
        if self._marks or self._provisional:
            lex, lex_said, phrases = self._lexicon()
        else:  # what _lexicon() gives without markers, without its loop (this runs every frame)
            lex, lex_said, phrases = 0.0, 0.0, []
        without_voice, complaint, louder_weight = self._without_voice(words, lex, lex_said)
        louder_voice = louder_weight
        if self._heard_final:  # a raised and aroused voice (louder_voice_weight)
            louder_voice = max(louder_weight, cfg.louder_voice_weight * self._voice)
        calm_words = self._calm_evidence()
        raised = self._louder * (1.0 - self._pleasant)  # a delighted customer's raised voice is no upset
        undamp = raised
        if not self._heard_final:  # a loud opener's calm words (a name, a place) do not damp it (loud_opener_undamps)
            undamp = max(raised, cfg.loud_opener_undamps * self._opener_loud_now() * (1.0 - self._pleasant))
        undamp = max(undamp, self._pushed_back)  # calm words said before the agent pushed back (agent_pushback_undamps)
        voice_share = 1.0 - cfg.calm_words_damp * calm_words * (1.0 - undamp) * (1.0 - complaint)
        raised_alone = self._raised_alone_share()
        calm = (
            (1.0 - cfg.voice_weight * voice_share * self._voice)
            * (1.0 - cfg.sustain_weight * voice_share * self._sustained)
            * without_voice
            * (1.0 - (louder_voice - louder_weight) * raised)
        )
        score = 1.0 - calm
        if self.words_expected:  # a voice held raised mid-call lifts the score to "tense", adds nothing above
            score = max(score, cfg.louder_held_weight * self._held_mid * raised_alone)
        if self._told_calm > 0:  # the agent told them to calm down before this turn (told_calm_weight)
            score = self._after_told_calm(score)
        current = self._level
        now = self._now
        not_voice = 1.0 - without_voice * (1.0 - self._told_calm)  # being told to calm down is no voice evidence
        may_rise = current > 0 or self._voice_rise_confirmed(score, not_voice, complaint > 0)
        # since when the score has stayed below each level's exit threshold (calm has none); a "tense" on
        # the way down from "escalated" (or the one that would follow it) exits sooner
        since = self._below_since
        down = current == 2 or (current == 1 and not self._rose)
        if score >= (cfg.tense_down_exit if down else cfg.tense_exit):
            since[1] = None
        elif since[1] is None:
            since[1] = now
        if score >= cfg.escalated_exit:
            since[2] = None
        elif since[2] is None:
            since[2] = now
        if (
            score >= cfg.escalated_enter
            and current < 2
            and may_rise
            and self._may_escalate(without_voice)
            and not self._escalated_on_exclaim(score, words, without_voice)
        ):
            self._level = 2
        elif current < 1 and (score >= cfg.tense_enter and may_rise or self._loud_rise_waited(score)):
            self._level = 1
        elif (
            current > 0
            and _seconds_since(since[current], now) >= cfg.exit_hold_s
            and (now - self._level_since) / SAMPLE_RATE >= (cfg.min_dwell_s if self._rose else cfg.down_dwell_s)
        ):
            # down to the highest level whose exit threshold the score has not stayed below that long
            self._level = next(
                lvl
                for lvl in range(current - 1, -1, -1)
                if lvl == 0 or _seconds_since(since[lvl], now) < cfg.exit_hold_s
            )
        if self._new_turn:  # an "escalated" the score no longer reaches steps down as the customer speaks again
            self._new_turn = False
            if self._level == 2 and score < cfg.escalated_enter:
                self._level = 1
            if self._level == 1 and cfg.reply_releases_tense and score < cfg.tense_enter:
                self._level = 0  # nor a "tense" below its enter threshold (reply_releases_tense)
        if self._level != current:
            self._level_since = self._now
            self._rose = self._level > current
            self._voice_rise_since = None
            self._opener_rose = self._opener_rose or not self._opener_over()
        return EscalationState(
            sample=self._now,
            score=round(score, 4),
            level=LEVELS[self._level],
            changed=self._level != before,
            evidence=(self._voice, self._sustained, words, self._louder, self._meaning, calm_words),
            lexicon=phrases,
        )


def utterance_weights(
    weights: list[float], counted: float, factor: float, full: Collection[int] = frozenset()
) -> list[float]:
    """The weights (0..1) to add for new markers of one utterance, ``weights`` (0..1), when the
    utterance has already counted markers whose strongest weighs ``counted`` (0: none), so that the
    utterance's markers together count as its strongest fully and every other one times ``factor``
    (compounded ``1 - prod(1 - w)``), whatever order they come in: the strongest new marker counts
    fully when nothing was counted yet; when it is stronger than ``counted`` it adds its top-up, the
    weight that compounded with the counted one gives itself fully and the counted one times
    ``factor`` (``1 - (1 - s)(1 - factor c) / (1 - c)``); every other new marker adds its weight times
    ``factor``. Before this rule a stronger marker after a weaker one counted times ``factor`` only. The weights
    whose indices are in ``full`` (a grievance of another kind in an opener: ``opener_grievances_full``) count
    fully and take no part in the rest."""
    rest = [i for i in range(len(weights)) if i not in full]
    strongest = max(rest, key=weights.__getitem__, default=-1)
    out = [w if i in full else w * factor for i, w in enumerate(weights)]
    if strongest >= 0 and weights[strongest] > counted:
        s = weights[strongest]
        out[strongest] = s if counted <= 0 else 1.0 - (1.0 - s) * (1.0 - factor * counted) / (1.0 - counted)
    return out


def _seconds_since(sample: int | None, now: int) -> float:
    """Seconds from ``sample`` to ``now`` (0 when ``sample`` is None)."""
    return 0.0 if sample is None else (now - sample) / SAMPLE_RATE


def _evidence(p: float, floor: float, ceiling: float) -> float:
    """Probability between ``floor`` and ``ceiling``, rescaled to [0, 1] (NaN counts as no evidence)."""
    if not math.isfinite(p):
        return 0.0
    return min(1.0, max(0.0, (p - floor) / (ceiling - floor)))
