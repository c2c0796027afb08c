"""The partials' decoder paused while a final is decoded (``[asr] final_pauses_partials``).

Real tiny.en in real child processes: :meth:`DecodeProcesses.pause` stops a child (``SIGSTOP``, its
state in ``/proc`` is ``T``) so a decode sent to it cannot finish until :meth:`DecodeProcesses.resume`;
the scheduler pauses the partials' child for exactly as long as a final is being decoded, and a
partial caught mid-decode still comes back with its words.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import Future
from pathlib import Path

import numpy as np
import pytest

from coach.asr.config import AsrConfig
from coach.asr.decodeproc import DecodeProcesses
from coach.asr.engine import DecodedSegment, DecodeOptions
from coach.asr.scheduler import DecodeScheduler
from coach.asr.stream import FINAL, PARTIAL, DecodeRequest
from coach.asr.textnorm import wer
from coach.types import Lane
from training.asr_corpus import asterisk, jfk

pytestmark = pytest.mark.usefixtures("shared_data")


def state(pid: int) -> str:
    """The process's state letter (Linux ``/proc``): ``T`` while stopped."""
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]


def wait_for_state(pid: int, letter: str, timeout: float = 10.0) -> bool:
    """True once ``pid`` is in state ``letter`` (a signal is acted on asynchronously)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if state(pid) == letter:
            return True
        time.sleep(0.005)
    return False


def request(kind: str, pcm: np.ndarray) -> DecodeRequest:
    return DecodeRequest(Lane.AGENT, kind, 0, 0, pcm, 0, len(pcm), 1.0, len(pcm))


def test_a_paused_decode_process_answers_only_after_resume():
    clip = asterisk("queue-youarenext")
    procs = DecodeProcesses(AsrConfig(), 1)
    try:
        (pid,) = procs.pids()
        procs.pause()
        procs.pause()  # idempotent
        assert procs.paused and wait_for_state(pid, "T")
        out: Future[list[DecodedSegment]] = Future()
        sender = threading.Thread(
            target=lambda: out.set_result(procs.decode(clip.pcm, None, DecodeOptions(beam_size=5))), daemon=True
        )
        sender.start()
        sender.join(1.0)
        assert not out.done()  # a stopped process cannot answer, however long we wait
        procs.resume()
        assert not procs.paused and state(pid) != "T"
        words = " ".join(s.text for s in out.result(timeout=120))
        assert wer(clip.text, words) <= 0.25
        procs.pause()  # closing a paused child resumes it first, so it exits
    finally:
        procs.close()
    assert procs.pids() == []


def test_the_partials_decoder_is_paused_exactly_while_a_final_decodes():
    """With ``final_pauses_partials`` on. Off (the default), the partials' child is never stopped while a
    final decodes: ``tests/test_asr_scheduler.py``, the partials decoder's niceness test."""
    sched = DecodeScheduler(AsrConfig(decode_process=True, partial_decoder_nice=10, final_pauses_partials=True))
    try:
        assert sched.partials_decoder_ready(120)
        assert sched._partial_processes is not None
        (partials_pid,) = sched._partial_processes.pids()
        long_turn = jfk()  # 11 s: the partial is still decoding when the final is taken
        prompt = asterisk("vm-calldiffnum")
        partial = sched.submit(request(PARTIAL, long_turn.pcm))
        while sched.stats()["partial_slots"] == 0 and sched._partials_running == 0:
            time.sleep(0.001)  # the partials' child has it
        final = sched.submit(request(FINAL, prompt.pcm))
        states = set()
        while not final.done():
            states.add(state(partials_pid))
            time.sleep(0.002)
        assert "T" in states
        assert state(partials_pid) != "T"  # let go before the final's result is handed over
        assert wer(prompt.text, final.result().text) <= 0.25
        assert wer(long_turn.text, partial.result(timeout=120).text) <= 0.25  # paused mid-decode, not lost
    finally:
        sched.stop()
