"""``[asr] cpu_isa``: CTranslate2's own kernels with AVX-512 where the CPU has it (issue 11, A19)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coach.asr.config import AsrConfig
from coach.asr.engine import CPU_ISA_ENV, apply_cpu_isa, cpu_has_avx512
from coach.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]
AVX512 = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f avx512dq avx512cd avx512bw avx512vl avx512_vnni\n"
AVX2 = "processor\t: 0\nflags\t\t: fpu sse avx2 avx512f\n"


def test_the_cpu_has_avx512_only_with_every_flag_ctranslate2_needs():
    assert cpu_has_avx512(AVX512)
    assert not cpu_has_avx512(AVX2)  # avx512f alone is not enough
    assert not cpu_has_avx512("")


def test_avx512_is_set_for_ctranslate2_only_where_the_cpu_has_it_and_the_environment_wins(monkeypatch):
    # setenv first so that monkeypatch restores the variable's absence after the test, whatever apply_cpu_isa
    # writes into os.environ (delenv of an absent name records nothing to undo)
    monkeypatch.setenv(CPU_ISA_ENV, "")
    monkeypatch.delenv(CPU_ISA_ENV)
    assert apply_cpu_isa("", AVX512) == "" and CPU_ISA_ENV not in os.environ
    assert apply_cpu_isa("AVX512", AVX2) == "" and CPU_ISA_ENV not in os.environ
    assert apply_cpu_isa("AVX512", AVX512) == "AVX512"
    assert os.environ[CPU_ISA_ENV] == "AVX512"
    monkeypatch.setenv(CPU_ISA_ENV, "AVX2")  # IT's override
    assert apply_cpu_isa("AVX512", AVX512) == "AVX2"
    assert os.environ[CPU_ISA_ENV] == "AVX2"


def test_the_cpu_isa_setting_is_validated():
    assert AsrConfig().cpu_isa == ""
    with pytest.raises(ConfigError):
        AsrConfig(cpu_isa="AVX2")


def test_a_model_loaded_with_avx512_runs_those_kernels_and_writes_the_same_words():
    """Real tiny.en in a fresh process (CTranslate2 picks its ISA once per process): with ``cpu_isa =
    "AVX512"`` it reports AVX-512 where the CPU has it (AVX2 elsewhere) and decodes jfk as the default does."""
    code = (
        "from coach.asr.config import AsrConfig; from coach.asr.engine import DecodeOptions, get_engine;"
        "from training.asr_corpus import jfk; import sys;"
        "e = get_engine(AsrConfig(cpu_isa=sys.argv[1], cpu_threads=1));"
        "print(e.cpu_isa or '-'); print(e.transcribe(jfk().pcm, options=DecodeOptions(beam_size=5)).text)"
    )
    texts = {}
    for isa in ("", "AVX512"):
        env = {k: v for k, v in os.environ.items() if k != CPU_ISA_ENV}
        done = subprocess.run(
            [sys.executable, "-c", code, isa],
            cwd=ROOT,
            env={**env, "CT2_VERBOSE": "1", "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
        chosen, texts[isa] = done.stdout.splitlines()[-2:]
        if cpu_has_avx512():  # an x86 CPU: CTranslate2 itself picks AVX2
            assert f"Selected ISA: {'AVX512' if isa else 'AVX2'}" in done.stderr
        assert chosen == ("AVX512" if isa and cpu_has_avx512() else "-")
    assert texts[""] == texts["AVX512"]
