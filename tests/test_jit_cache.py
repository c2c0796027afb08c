"""librosa's numba code is compiled by one process at a time (``coach.dsp.jit``): several analyses
started together on a fresh install must not write numba's on-disk cache at once (a cache written so
made later processes segfault in ``librosa.yin``)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import soundfile as sf

from coach.dsp.jit import (
    LOCK_FILE_NAME,
    STAMP_FILE_NAME,
    cache_is_stamped,
    compile_lock,
    numba_cache_dir,
    write_stamp,
)
from coach.sources.recording import load_recording
from coach.types import SAMPLE_RATE
from tests.conftest import CALLS, ROOT

HOLD = """
import sys
from pathlib import Path
from coach.dsp.jit import compile_lock
with compile_lock(Path(sys.argv[1]), shared=sys.argv[2:] == ["shared"]):
    print("held", flush=True)
    sys.stdin.readline()  # until the test lets go
"""

WAIT = """
import logging, sys
from pathlib import Path
from coach.dsp.jit import compile_lock
logging.basicConfig(level=logging.INFO, stream=sys.stderr)
with compile_lock(Path(sys.argv[1])) as waited:
    print(f"acquired after {waited:.3f} s", flush=True)
"""


def python(code: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", code, *args], cwd=ROOT, text=True, **kwargs)


@pytest.mark.parametrize("held", ["exclusive", "shared"])
def test_a_compiling_process_waits_for_the_lock_until_the_holder_lets_go(tmp_path, held):
    """An exclusive taker (a process that may write the cache) waits for a holder of either kind; a
    process loading a complete cache (shared) does not hold up another loader."""
    holder = python(HOLD, str(tmp_path), held, stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        assert holder.stdout.readline() == "held\n"
        if held == "shared":
            with compile_lock(tmp_path, shared=True) as waited:
                assert waited == 0.0  # taken beside the other loader without blocking
        waiter = python(WAIT, str(tmp_path), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert "waiting for another process" in waiter.stderr.readline()  # it found the lock taken ...
        assert waiter.poll() is None  # ... and is still blocked on it
        holder.stdin.write("go\n")
        holder.stdin.flush()
        assert waiter.wait(timeout=60) == 0 and holder.wait(timeout=60) == 0
        assert waiter.stdout.read().startswith("acquired after")
    finally:
        holder.kill()
    assert (tmp_path / LOCK_FILE_NAME).exists()


def test_the_stamp_names_the_cache_as_it_is_when_stamped(tmp_path):
    """The stamp matches only the cache's index files as the stamping process left them: a changed or a
    new index file (numba compiled something since) or an unreadable stamp sends the next process down
    the exclusive path."""
    index = tmp_path / "librosa" / "core" / "pitch._pi_wrapper-430.py311.nbi"
    index.parent.mkdir(parents=True)
    index.write_bytes(b"one signature")
    assert not cache_is_stamped(tmp_path)  # no stamp yet
    write_stamp(tmp_path)
    assert cache_is_stamped(tmp_path)
    index.write_bytes(b"two signatures")
    assert not cache_is_stamped(tmp_path)
    write_stamp(tmp_path)
    assert cache_is_stamped(tmp_path)
    (index.parent / "audio._zc_wrapper-1154.py311.nbi").write_bytes(b"new function")
    assert not cache_is_stamped(tmp_path)
    write_stamp(tmp_path)
    (tmp_path / STAMP_FILE_NAME).write_text("{half")
    assert not cache_is_stamped(tmp_path)
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


PREPARE = """
import logging, sys
from coach.dsp.jit import prepare_librosa
logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
prepare_librosa()
"""


def test_a_process_loads_a_stamped_cache_while_another_process_holds_the_shared_lock():
    """The server-start case: with librosa's cache complete and stamped, a new process's warm-up takes
    the shared lock, so it finishes while another process is still loading (this test holds the shared
    lock throughout; an exclusive warm-up would block until the timeout)."""
    folder = numba_cache_dir()
    if folder is None:
        pytest.skip("no writable numba cache folder: nothing is cached or locked")
    if not cache_is_stamped(folder):
        subprocess.run([sys.executable, "-m", "coach.dsp.jit"], cwd=ROOT, check=True, capture_output=True)
    assert cache_is_stamped(folder)
    with compile_lock(folder, shared=True):
        loader = python(PREPARE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        try:
            _, err = loader.communicate(timeout=300)
        finally:
            loader.kill()
    assert loader.returncode == 0
    assert "(shared lock, waited" in err


def test_a_free_lock_is_taken_at_once_and_again_after_release(tmp_path):
    for _ in range(2):
        with compile_lock(tmp_path) as waited:
            assert waited == 0.0  # taken without blocking (no clock involved)


def test_the_lock_lies_in_numba_s_own_cache_folder(tmp_path, monkeypatch):
    from numba import config

    monkeypatch.setattr(config, "CACHE_DIR", str(tmp_path / "numba"))  # what NUMBA_CACHE_DIR sets
    assert numba_cache_dir() == tmp_path / "numba"
    monkeypatch.setattr(config, "CACHE_DIR", "")
    import librosa

    found = numba_cache_dir()
    in_tree = Path(librosa.__file__).parent / "__pycache__"
    assert found == in_tree if os.access(in_tree, os.W_OK) else found != in_tree


PROSODY = """
import json, sys
from coach.config import load_config
from coach.prosody.tracker import ProsodyTracker
from coach.sources.recording import load_recording
from coach.types import FRAME_SAMPLES, Lane
cfg, rec, out = load_config(), load_recording(sys.argv[1]), []
for lane, pcm in ((Lane.AGENT, rec.agent), (Lane.CUSTOMER, rec.customer)):
    tracker = ProsodyTracker(lane, cfg.prosody, cfg.raised_voice)
    for start in range(0, len(pcm) - FRAME_SAMPLES + 1, FRAME_SAMPLES):
        found = tracker.push(pcm[start : start + FRAME_SAMPLES], start, True, start + FRAME_SAMPLES)
        out += [x.to_dict() if hasattr(x, "to_dict") else repr(x) for x in found]
print(json.dumps(out))
"""
"""The product's prosody (loudness, pitch by ``librosa.yin``, raised voice) over both lanes of a
recording, every frame counted as speech (no VAD model to load); prints its events and cues as JSON."""


@pytest.mark.slow
def test_two_prosody_processes_started_together_on_an_empty_numba_cache_finish_alike(tmp_path):
    """Two processes at once run the prosody over a 14 s excerpt of a real call with numba's cache
    in an empty folder: one compiles librosa's functions and writes the cache, the other waits, then
    loads it (numba's own cache log, ``NUMBA_DEBUG_CACHE``, says which process wrote); both exit 0 with
    the same events. Costs about one cold compile (~25 s of CPU at numba's optimisation level 0). A
    third process would only be a second waiter on the same lock, the same path as the first (it cost
    one more cache load, ~6 CPU-s: docs/benchmarks.md, "Test suite (session 18, T)")."""
    rec = load_recording(CALLS / "rude.flac")
    a, b = 10 * SAMPLE_RATE, 24 * SAMPLE_RATE
    wav = tmp_path / "excerpt.wav"
    sf.write(wav, np.stack([rec.agent[a:b], rec.customer[a:b]], axis=1), SAMPLE_RATE)
    cache = tmp_path / "numba-cache"
    # NUMBA_OPT=0: LLVM's optimisation level 0 for the compile (the lock and the cache do not depend on it):
    # the cold compile's process 44.5 -> 31.4 CPU-s (docs/benchmarks.md, "Test suite under 10 minutes")
    env = {**os.environ, "NUMBA_CACHE_DIR": str(cache), "NUMBA_DEBUG_CACHE": "1", "NUMBA_OPT": "0"}
    procs = [python(PROSODY, str(wav), stdout=subprocess.PIPE, env=env) for _ in range(2)]
    outs = [p.communicate(timeout=900)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0]
    logs = [out.splitlines()[:-1] for out in outs]  # numba's cache lines, then the events
    writers = [log for log in logs if any(line.startswith("[cache] data saved") for line in log)]
    assert len(writers) == 1  # one process compiled; the other only loaded what it wrote
    assert all(any(line.startswith("[cache] data loaded") for line in log) for log in logs if log not in writers)
    runs = [json.loads(out.splitlines()[-1]) for out in outs]
    assert all(run == runs[0] for run in runs)
    pitches = [e["pitch_hz"] for e in runs[0] if isinstance(e, dict) and e.get("pitch_hz")]
    assert len(pitches) >= 3  # librosa.yin did run
    assert (cache / LOCK_FILE_NAME).exists() and list(cache.rglob("*.nbi"))  # the cache was this folder
