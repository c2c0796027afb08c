"""Streaming transcription with the real tiny.en model on real speech (sync stage, file replay):
partials never rewrite committed words, every speech segment gets a final, long turns are cut,
the result is close to offline decoding and identical between replays."""

from __future__ import annotations

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import DecodedWord, DecodeResult, compression_ratio, get_engine
from coach.asr.rate import rate_wpm
from coach.asr.replay import finals, replay
from coach.asr.segments import speech_segments
from coach.asr.stage import TranscriptionStage
from coach.asr.stream import LaneTranscriber
from coach.asr.textnorm import edit_distance, wer, word_key
from coach.types import AudioChunk, Lane, seconds_to_samples
from training.asr_corpus import asterisk, jfk


@pytest.fixture(scope="module")
def engine():
    return get_engine(AsrConfig())


@pytest.fixture(scope="module")
def jfk_clip(shared_data):
    return jfk()


@pytest.fixture(scope="module")
def jfk_run(engine, jfk_clip):
    """jfk replayed through the sync stage with VAD boundaries, partials on."""
    segments = speech_segments(jfk_clip.pcm)
    stage = TranscriptionStage(AsrConfig(), engine=engine, lanes=[Lane.AGENT])
    events = replay(stage, {Lane.AGENT: jfk_clip.pcm}, {Lane.AGENT: segments})
    return stage, events, segments


def keys(event) -> list[str]:
    return [word_key(w["w"]) for w in event.data["words"]]


def test_partials_never_rewrite_committed_words(jfk_run):
    _, events, _ = jfk_run
    transcripts = [e for e in events if e.type == "transcript"]
    assert sum(not e.data["final"] for e in transcripts) >= 4
    by_utt: dict[str, list] = {}
    for e in transcripts:
        by_utt.setdefault(e.data["utt"], []).append(e)
    committed_seen = 0
    for utt_events in by_utt.values():
        committed: list[str] = []
        for e in utt_events:
            if e.data["final"]:  # a final's beam decode may correct committed words, not lose most of them
                assert edit_distance(committed, keys(e)[: len(committed)]) * 2 <= len(committed)
                continue
            assert keys(e)[: len(committed)] == committed, (committed, e.data["text"])
            assert e.data["stable"] >= len(committed)
            committed = keys(e)[: e.data["stable"]]
            committed_seen += len(committed)
        assert utt_events[-1].data["final"]
    assert committed_seen > 0


def test_every_speech_segment_gets_one_final_in_order(jfk_run, jfk_clip):
    stage, events, segments = jfk_run
    out = finals(events)
    assert len(out) == len(segments)
    config = stage.config
    # words lie in the audio the final decoded: the pads, the sound found at a short turn's edges, or
    # its pre-roll
    before = max(config.pre_pad_s, config.edge_extend_s + 0.1, config.edge_pre_roll_s) + 0.05
    after = max(config.post_pad_s, config.edge_extend_s + 0.1) + 0.05
    for e, (start, end) in zip(out, segments, strict=True):
        assert e.t == pytest.approx(start / 16_000, abs=0.002) and e.data["end"] == pytest.approx(
            end / 16_000, abs=0.002
        )
        assert e.at >= e.data["end"]
        ws = e.data["words"]
        assert ws and all(e.t - before <= w["start"] <= w["end"] <= e.data["end"] + after for w in ws)
        assert [w["start"] for w in ws] == sorted(w["start"] for w in ws)
    text = " ".join(e.data["text"] for e in out)
    assert wer(jfk_clip.text, text) <= 0.2
    assert stage.stats.final_decodes + stage.stats.finals_from_partial == len(segments)
    assert stage.stats.coalesced == 0


def test_long_turn_is_cut_into_bounded_finals(engine, jfk_clip):
    pcm = jfk_clip.pcm
    config = AsrConfig(max_turn_s=4.0, hard_turn_s=6.0, partial_interval_s=1.0)
    stage = TranscriptionStage(config, engine=engine, lanes=[Lane.AGENT])
    events = replay(stage, {Lane.AGENT: pcm}, {Lane.AGENT: [(0, len(pcm))]})  # one 11 s turn
    out = finals(events)
    assert len(out) >= 2 and stage.stats.cuts >= 1  # cut at committed word boundaries
    assert all(e.data["end"] - e.t <= config.hard_turn_s + 0.05 for e in out)
    assert [e.t for e in out] == sorted(e.t for e in out)
    assert all(b.t >= a.data["end"] - 0.01 for a, b in zip(out, out[1:], strict=False))
    assert wer(jfk_clip.text, " ".join(e.data["text"] for e in out)) <= 0.25


def test_sync_replay_is_deterministic(engine, shared_data):
    clip = asterisk("vm-instructions")
    config = AsrConfig(partials=False)

    def run():
        stage = TranscriptionStage(config, engine=engine, lanes=[Lane.AGENT])
        return [e.to_dict() for e in replay(stage, {Lane.AGENT: clip.pcm}, {Lane.AGENT: speech_segments(clip.pcm)})]

    first, second = run(), run()
    assert first == second and first
    assert wer(clip.text, " ".join(e["text"] for e in first if e["final"])) <= 0.2


def test_silent_lane_produces_no_transcript(engine):
    stage = TranscriptionStage(AsrConfig(), engine=engine)
    silence = np.zeros(seconds_to_samples(3.0), dtype=np.float32)
    events = replay(stage, {Lane.AGENT: silence, Lane.CUSTOMER: silence}, {Lane.AGENT: [], Lane.CUSTOMER: []})
    assert events == [] and stage.stats.partial_decodes == stage.stats.final_decodes == 0


def test_language_coach_reads_the_stages_real_transcripts(jfk_run):
    from coach.language import LanguageCoach

    _, events, _ = jfk_run
    coach = LanguageCoach()
    nudges = [n for e in events for n in coach.push(e.to_dict())]
    assert nudges == []  # a slow, polite speech: no negative words, no apologies, no rush
    rates = [rate_wpm(e.data["words"]) for e in finals(events)]
    assert any(r is not None for r in rates) and all(r is None or 60 <= r <= 250 for r in rates)


def _decoded(req, words: list[tuple[str, float, float]]) -> DecodeResult:
    """A scripted decode of ``req``: ``(word, start_s, end_s)`` in call seconds."""
    offset = req.start / 16_000
    decoded = tuple(DecodedWord(s - offset, e - offset, " " + w, 0.9) for w, s, e in words)
    text = "".join(w.word for w in decoded).strip()
    return DecodeResult(text, decoded, -0.2, 0.01, compression_ratio(text), len(req.pcm) / 16_000)


def _silence_pusher(lane: LaneTranscriber):
    """``push(seconds)`` feeds the lane that much more silence in 0.1 s chunks."""

    def push(seconds: float) -> None:
        for _ in range(int(round(seconds / 0.1))):
            lane.push(AudioChunk(Lane.AGENT, lane.position, np.zeros(1600, np.float32)))

    return push


def _spaced(text: str, t0: float) -> list[tuple[str, float, float]]:
    return [(w, t0 + 0.5 * i, t0 + 0.5 * i + 0.4) for i, w in enumerate(text.split())]


@pytest.mark.parametrize("onset", [True, False])
def test_a_partial_after_committed_words_starts_at_a_word_and_aligns_them_away_by_text(onset):
    """Once "please check the number and dial again" is committed (ends at 3.4 s), a partial decodes
    from the onset of the first committed word of the last partial_context_s ("number", 1.5 s): tiny.en
    then hears those words (on the monologue, audio starting mid-word made it skip them and put
    "press" 0.6 s early, so the midpoint rule lost it). The words it hears are aligned away by text,
    even when their times moved (no "again" doubled)."""
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partial_context_s=2.0, partial_word_onset=onset))
    push = _silence_pusher(lane)

    said = "please check the number and dial again"
    lane.speech_started(0)
    push(3.5)
    lane.apply(req := lane.take_partial(), _decoded(req, _spaced(said, 0.0)), lane.position)
    push(0.7)
    lane.apply(req := lane.take_partial(), _decoded(req, _spaced(said + " press", 0.0)), lane.position)
    push(0.8)
    req = lane.take_partial()
    assert req.after == seconds_to_samples(3.4)
    if not onset:  # the previous rule: audio from 2 s before, words kept by their midpoint
        skipped = [("press", 2.9, 3.5), ("one", 3.5, 3.9), ("to", 3.9, 4.2), ("list", 4.2, 4.6)]
        (event,) = lane.apply(req, _decoded(req, skipped), lane.position)
        assert keys(event) == said.split() + ["one", "to", "list"]  # "press" lost
        return
    assert req.start == seconds_to_samples(1.4) and [w.key for w in req.context] == ["number", "and", "dial", "again"]
    heard = _spaced("number and dial again", 1.8) + [("press", 3.8, 4.1), ("one", 4.1, 4.4), ("to", 4.4, 4.7)]
    (event,) = lane.apply(req, _decoded(req, heard), lane.position)
    assert keys(event) == said.split() + ["press", "one", "to"]


def test_a_long_turns_cut_piece_is_its_committed_words_at_once_with_no_decode():
    """One turn of 17 words, 0.5 s apart, cut at max_turn_s (4 s): the greedy partials committed "if you
    like", and the piece before the cut is those committed words, ready at once, with no final decode."""
    config = AsrConfig(max_turn_s=4.0, hard_turn_s=6.0, partial_interval_s=0.7)
    lane = LaneTranscriber(Lane.AGENT, config)
    greedy = _spaced("if you like to learn more technical information about asterisk dial two now", 0.0)
    lane.speech_started(0)
    while not lane.pending_finals and not lane.counters.cuts:
        lane.push(AudioChunk(Lane.AGENT, lane.position, np.zeros(1600, np.float32)))
        if (req := lane.take_partial()) is not None:
            lo, hi = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
            lane.apply(req, _decoded(req, [w for w in greedy if w[1] >= lo - 0.01 and w[2] <= hi]), lane.position)
    assert lane.counters.cuts == 1
    (event,) = lane.drain_ready(lane.position)
    assert keys(event)[:3] == ["if", "you", "like"] and lane.pending_finals == 0


def _said(words: list[tuple[str, float, float]], seconds: float) -> np.ndarray:
    """``seconds`` of audio: deterministic noise (RMS about 0.1) where ``words`` are said, silence between."""
    pcm = np.zeros(seconds_to_samples(seconds), np.float32)
    noise = np.random.default_rng(7).uniform(-0.17, 0.17, len(pcm)).astype(np.float32)
    for _, s, e in words:
        a, b = seconds_to_samples(s), seconds_to_samples(e)
        pcm[a:b] = noise[a:b]
    return pcm


def _timed(text: str, t0: float, step: float, length: float = 0.4) -> list[tuple[str, float, float]]:
    """``(word, start_s, end_s)``: the words of ``text`` every ``step`` s from ``t0``, ``length`` s each."""
    return [(w, t0 + step * i, t0 + step * i + length) for i, w in enumerate(text.split(" "))]


@pytest.mark.parametrize("settle_cut_s", [3.0, 0.0])
def test_a_long_turn_is_cut_at_a_quiet_point_as_its_words_settle_with_no_word_lost_or_doubled(settle_cut_s):
    """Twelve words, 0.06 s apart except a 0.5 s pause after "six." (2.9-3.4 s): with ``settle_cut_s``
    (3 s) the turn is cut in that pause as soon as "six." is committed and the next word is heard, long
    before ``max_turn_s`` (20 s), and not in a 0.06 s gap between words (shorter than ``cut_quiet_s``);
    the piece's final holds the words before the pause, the turn's last final the rest: every word
    once, in order. Off (0), nothing is cut."""
    words = _timed("one two three four five six.", 0.2, 0.46) + _timed("seven eight nine ten eleven twelve", 3.4, 0.46)
    pcm = _said(words, 6.6)
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(settle_cut_s=settle_cut_s, final_from_partial=False))

    def heard(req) -> DecodeResult:
        lo, hi = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
        return _decoded(req, [w for w in words if w[1] >= lo - 0.01 and w[2] <= hi])

    events = []
    lane.speech_started(seconds_to_samples(0.2))
    cut_at = None
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        if lane.counters.cuts and cut_at is None:
            cut_at = pos / 16_000
        if (req := lane.take_partial()) is not None:
            lane.apply(req, heard(req), lane.position)
        events += lane.drain_ready(lane.position)
    lane.speech_ended(seconds_to_samples(6.2))
    while (req := lane.next_final()) is not None:
        events += lane.apply(req, heard(req), lane.position)
    out = [e for e in events if e.data["final"]]
    if not settle_cut_s:
        assert lane.counters.cuts == 0 and len(out) == 1
        return
    assert lane.counters.cuts == 1 and cut_at is not None and cut_at < 5.0
    assert 2.9 < out[0].data["end"] < 3.4 and keys(out[0])[-1] == "six"
    assert [k for e in out for k in keys(e)] == [word_key(w) for w, _, _ in words]


@pytest.mark.parametrize("lane_id", [Lane.AGENT, Lane.CUSTOMER])
def test_without_agent_final_from_partial_the_agents_final_is_decoded_and_the_customers_reused(lane_id):
    """A 2 s turn whose last partial already covers its end: the customer's final is that partial (no
    decode); with ``agent_final_from_partial`` false the agent's is a final decode of the whole turn."""
    words = _timed("thanks for calling bye now", 0.2, 0.4, length=0.3)
    pcm = _said(words, 3.2)
    lane = LaneTranscriber(lane_id, AsrConfig(agent_final_from_partial=False))
    lane.speech_started(seconds_to_samples(0.2))
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(lane_id, pos, pcm[pos : pos + 1600]))
        if (req := lane.take_partial()) is not None:
            lo, hi = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
            lane.apply(req, _decoded(req, [w for w in words if w[1] >= lo - 0.01 and w[2] <= hi]), lane.position)
    lane.speech_ended(seconds_to_samples(2.2))
    if lane_id is Lane.CUSTOMER:
        assert lane.counters.finals_from_partial == 1 and lane.pending_finals == 0
        (event,) = lane.drain_ready(lane.position)
        assert keys(event) == ["thanks", "for", "calling", "bye", "now"]
        return
    assert lane.counters.finals_from_partial == 0 and lane.pending_finals == 1
    req = lane.next_final()
    assert req.kind == "final" and req.start == 0 and req.start + len(req.pcm) == seconds_to_samples(2.5)


@pytest.mark.parametrize("stops_early", [True, False])
def test_a_partial_that_stopped_early_is_not_the_customers_final(stops_early):
    """A 4.8 s customer turn (twelve words, 0.2-5.0 s) whose partials, from the one reaching past 2 s on, hear only
    their first second (Whisper's end of text after the context words: c904's customer turn kept 9 words of the 44
    its partials had heard): the last partial covers the turn's end but its words stop more than ``CUT_SHORT_S``
    before it, so the final is decoded over the whole turn, not taken from that partial. A partial that heard the
    turn to its end is the final as before (no decode)."""
    words = _timed("hello it is owen from just up the road i would like", 0.2, 0.4, length=0.3)
    pcm = _said(words, 6.0)
    lane = LaneTranscriber(Lane.CUSTOMER, AsrConfig())
    lane.speech_started(seconds_to_samples(0.2))
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.CUSTOMER, pos, pcm[pos : pos + 1600]))
        if (req := lane.take_partial()) is not None:
            lo, end = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
            hi = min(end, lo + 1.0) if stops_early and end > 2.0 else end
            lane.apply(req, _decoded(req, [w for w in words if w[1] >= lo - 0.01 and w[2] <= hi]), lane.position)
            if end >= 5.05:  # this partial covers the turn's end (4.9 s)
                break
    lane.speech_ended(seconds_to_samples(4.9))
    if not stops_early:
        assert lane.counters.finals_from_partial == 1 and lane.pending_finals == 0
        (event,) = lane.drain_ready(lane.position)
        assert keys(event) == [w for w, _, _ in words]
        return
    assert lane.counters.finals_from_partial == 0 and lane.pending_finals == 1
    req = lane.next_final()
    assert req.kind == "final" and req.start <= seconds_to_samples(0.2) and req.speech_end == seconds_to_samples(4.9)


def _spoken(spans: list[tuple[float, float, float]], seconds: float) -> np.ndarray:
    """``seconds`` of audio: deterministic noise of the given RMS in each ``(start_s, end_s, rms)``,
    a faint floor (RMS 1e-4, -80 dBFS) elsewhere."""
    rng = np.random.default_rng(11)
    pcm = rng.uniform(-1.0, 1.0, seconds_to_samples(seconds)).astype(np.float32) * np.float32(1e-4 * 3**0.5)
    for s, e, rms in spans:
        a, b = seconds_to_samples(s), seconds_to_samples(e)
        pcm[a:b] = rng.uniform(-1.0, 1.0, b - a).astype(np.float32) * np.float32(rms * 3**0.5)
    return pcm


@pytest.mark.parametrize(("extend_s", "max_turn_s"), [(0.8, 3.0), (0.0, 3.0), (0.8, 1.0)])
def test_a_short_turns_final_reaches_the_weak_words_the_vad_left_out_at_its_edges(extend_s, max_turn_s):
    """The VAD's segment (1.5-3.0 s) starts after a weak first word (0.8-1.0 s, 20 dB below the turn)
    and ends before a weak last one (3.2-3.35 s), further out than pre_pad_s (0.4 s) and post_pad_s
    (0.3 s). With ``edge_extend_s`` the final's audio starts 0.1 s before the first word and ends 0.1 s
    after the last (the 50 ms gap inside the first keeps its run of sound going); a murmur 45 dB below
    the turn (a neighbour) does not count, nor does sound beyond a 0.2 s quiet gap. Off, or for a turn
    not shorter than ``edge_max_turn_s``, the pads alone decide as before."""
    spans = [(0.3, 0.6, 0.002), (0.8, 1.0, 0.01), (1.05, 1.5, 0.02), (1.5, 3.0, 0.1), (3.0, 3.2, 0.02)]
    pcm = _spoken(spans + [(3.2, 3.35, 0.01), (3.6, 3.9, 0.0005)], 4.0)
    config = AsrConfig(partials=False, edge_extend_s=extend_s, edge_level_db=35.0, edge_max_turn_s=max_turn_s)
    lane = LaneTranscriber(Lane.AGENT, config)
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        if pos == seconds_to_samples(1.6):
            lane.speech_started(seconds_to_samples(1.5))
    lane.speech_ended(seconds_to_samples(3.0))
    req = lane.next_final()
    start, end = req.start / 16_000, (req.start + len(req.pcm)) / 16_000
    if not extend_s or max_turn_s <= 1.5:
        assert (start, end) == pytest.approx((1.1, 3.3))
        return
    assert (start, end) == pytest.approx((0.7, 3.46), abs=0.021)
    assert req.speech_fraction > 0.8  # the sound found at the edges counts as speech for the guards


def test_the_sound_between_two_close_turns_is_looked_for_only_after_the_first_finals_audio():
    """Weak sound runs on from turn 1's end (1.5 s) to turn 2's start (2.3 s). Turn 1's final reaches
    into it as far as the audio held when the VAD reports its end (2.0 s); turn 2's final looks for
    leading sound only after that, so the two finals do not both hear the same weak word: it starts
    ``pre_pad_s`` before its speech (1.9 s), not ``edge_extend_s`` + 0.1 s before it (1.6 s); turn 1's
    final starts at the lane's first sample (its ``edge_pre_roll_s`` of 0.8 s reaches back past it)."""
    pcm = _spoken([(0.5, 1.5, 0.1), (1.5, 2.3, 0.01), (2.3, 3.0, 0.1)], 4.0)
    lane = LaneTranscriber(Lane.AGENT, AsrConfig(partials=False, edge_extend_s=0.6, edge_max_turn_s=3.0))
    spans = []
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        at = (pos + 1600) / 16_000
        if at == pytest.approx(0.7):
            lane.speech_started(seconds_to_samples(0.5))
        elif at == pytest.approx(2.0):
            lane.speech_ended(seconds_to_samples(1.5))
        elif at == pytest.approx(2.5):
            lane.speech_started(seconds_to_samples(2.3))
        elif at == pytest.approx(3.5):
            lane.speech_ended(seconds_to_samples(3.0))
        if (req := lane.next_final()) is not None:
            spans.append((req.start / 16_000, (req.start + len(req.pcm)) / 16_000))
    assert spans == [pytest.approx((0.0, 2.0)), pytest.approx((1.9, 3.3))]


@pytest.mark.parametrize("roll_s", [0.8, 0.0])
def test_a_short_turns_final_starts_its_pre_roll_before_the_vad_start_in_quiet(roll_s):
    """Three turns: 0.5-1.5 s, a short one at 2.4-2.7 s led by low noise (30 dB below it, a breath) at
    2.05-2.35 s, and a 4 s one (6.0-10.0 s). With ``edge_pre_roll_s`` 0.8 the short turn's final starts
    in the quiet where the previous final's audio ends (1.8 s: its 0.8 s pre-roll stops there), not
    inside the breath (1.95 s: the breath the edges find, plus 0.1 s); the first starts at the lane's
    first sample; the turn not shorter than ``edge_max_turn_s`` keeps ``pre_pad_s`` (5.6 s). The guards'
    speech fraction leaves the pre-roll out: 0.65 s of sound in 1.05 s either way. Off (0), the edges
    and pads alone decide."""
    pcm = _spoken([(0.5, 1.5, 0.1), (2.05, 2.35, 0.003), (2.4, 2.7, 0.1), (6.0, 10.0, 0.1)], 11.0)
    config = AsrConfig(partials=False, edge_extend_s=0.6, edge_max_turn_s=3.0, edge_pre_roll_s=roll_s)
    lane = LaneTranscriber(Lane.AGENT, config)
    vad = {0.7: ("start", 0.5), 2.0: ("end", 1.5), 2.6: ("start", 2.4), 3.2: ("end", 2.7)}
    vad |= {6.2: ("start", 6.0), 10.5: ("end", 10.0)}
    requests = []
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        kind, at = vad.get(round((pos + 1600) / 16_000, 1), (None, 0.0))
        if kind == "start":
            lane.speech_started(seconds_to_samples(at))
        elif kind == "end":
            lane.speech_ended(seconds_to_samples(at))
        if (req := lane.next_final()) is not None:
            requests.append(req)
    spans = [(r.start / 16_000, (r.start + len(r.pcm)) / 16_000) for r in requests]
    want = [(0.0, 1.8), (1.8, 3.0), (5.6, 10.3)] if roll_s else [(0.1, 1.8), (1.95, 3.0), (5.6, 10.3)]
    assert spans == [pytest.approx(w, abs=0.021) for w in want]
    assert requests[1].speech_fraction == pytest.approx(0.65 / 1.05, abs=0.03)
    # a word Whisper places in the pre-roll's quiet starts where the audio without it would (1.95 s): the
    # final's words stay inside the turn and its edges, as without the pre-roll
    short = requests[1]
    if roll_s:
        assert short.words_from == pytest.approx(seconds_to_samples(1.95), abs=336)
    else:
        assert short.words_from is None
    said = DecodeResult("yes", (DecodedWord(0.0, 0.9, " yes", 0.9),), -0.1, 0.0, 1.0)
    [word] = lane._words(short, said)
    assert word.start == (short.words_from if roll_s else short.start) and word.end == short.start + 14_400


@pytest.mark.parametrize("search_s", [2.0, 0.0])
def test_a_cut_at_hard_turn_s_falls_in_the_last_gap_between_words_not_inside_a_word(search_s):
    """Finals only, so nothing is committed and a 6.5 s turn is cut at ``hard_turn_s`` (6 s after its
    start, 0.5 s): words 0.35 s long every 0.45 s, so the lane's audio ends at 6.5 s inside a word
    (6.35-6.70 s). With ``hard_cut_search_s`` the first piece's final ends, and the next piece starts, in
    the middle of the last 0.1 s gap before it (6.25-6.35 s); off (0), where the audio stands."""
    words = _timed(" ".join(f"w{i}" for i in range(15)), 0.5, 0.45, 0.35)
    pcm = _said(words, 7.5)
    config = AsrConfig(partials=False, max_turn_s=4.0, hard_turn_s=6.0, hard_cut_search_s=search_s)
    lane = LaneTranscriber(Lane.AGENT, config)
    requests = []
    for pos in range(0, len(pcm), 1600):
        lane.push(AudioChunk(Lane.AGENT, pos, pcm[pos : pos + 1600]))
        if pos == seconds_to_samples(0.6):
            lane.speech_started(seconds_to_samples(0.5))
        if pos == seconds_to_samples(7.4):
            lane.speech_ended(seconds_to_samples(7.25))
        requests += lane.take_finals()
    assert lane.counters.forced_cuts == 1 and len(requests) == 2
    first, second = requests
    cut = (first.start + len(first.pcm)) / 16_000
    assert second.piece_start / 16_000 == pytest.approx(cut)
    if search_s:
        assert 6.25 + 0.03 <= cut <= 6.35 - 0.03
    else:
        assert cut == pytest.approx(6.5)
