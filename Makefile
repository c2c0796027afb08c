# `make demo` and `make test` set everything up themselves (system packages, a virtualenv in .venv).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test lint bench clean

# SETUP_PYC: pip byte-compiles every file it installs, one after another (~25 CPU-s of the ~47 of `pip install`),
# then librosa's numba compile (`coach.dsp.jit`, ~28 CPU-s) runs on one core too: installed with --no-compile, the
# same .pyc files are written by compileall on the other core at the same time (same files, same checks; like pip,
# a file that does not compile is left to be compiled when imported). docs/benchmarks.md, "Test suite time
# (session 58, A52)".
SETUP_PYC := PYTHONDONTWRITEBYTECODE= $(BIN)/python -m compileall -q -j 1
$(STAMP): pyproject.toml scripts/install_system_deps.sh
	bash scripts/install_system_deps.sh
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q --no-compile -e '.[dev]'
	$(SETUP_PYC) $$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])') & \
	  $(BIN)/python -m coach.dsp.jit && { wait $$! || true; }  # numba: librosa's code now, not in the first analysis
	touch $(STAMP)

setup: $(STAMP)

demo: setup
	$(BIN)/python -m coach.server.demo

# Two pytest-xdist workers: the tests that wait (browsers, servers, real-time replays) overlap those that
# compute; pyproject.toml keeps each test file in one worker (docs/benchmarks.md, "Test suite in two workers").
# TEST_MALLOC: glibc's malloc keeps large buffers in its heap (no mmap/munmap and fresh zeroed pages for
# each Whisper decode's buffers, no trimming): the same events, about a quarter less CPU in the decoding
# tests (system time 13.4 -> 1.8 s), RSS +13 % (docs/benchmarks.md, "Test suite CPU (session 12, T3)").
TEST_MALLOC := MALLOC_MMAP_THRESHOLD_=1073741824 MALLOC_TRIM_THRESHOLD_=1073741824
# TEST_PYC: the CI machine sets PYTHONDONTWRITEBYTECODE=1, so each worker and each child process the tests
# start (decode processes, `coach` commands, the transcribed calls' analyses) compiled the project's modules
# from source again (~0.5 CPU-s a product process), and pytest rewrote the test modules again in every run
# (a worker's collection 17.9 CPU-s, 9.0 with them cached). Empty: __pycache__ (git-ignored) is written, and
# compileall compiles the project once first (~2 CPU-s; docs/benchmarks.md, "Test suite (session 15, T8)").
TEST_PYC := PYTHONDONTWRITEBYTECODE=
test: setup
	$(BIN)/ruff check .
	$(TEST_PYC) $(BIN)/python -m compileall -q -j 2 coach training scripts tests
	$(TEST_PYC) $(TEST_MALLOC) $(BIN)/python -m pytest -q -n 2

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: setup
	$(BIN)/python scripts/bench_core.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache artifacts
