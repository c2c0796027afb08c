"""Shared fixtures. Paths to the real data in ../shared/data and to the project's synthesised calls."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.services_redis import redis_server  # noqa: F401  (the private Redis server fixture)

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"
CALLS = ROOT / "tests" / "data" / "calls"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED_DATA.exists():
        pytest.fail(f"the shared data folder is missing: {SHARED_DATA} (CI clones it beside the repository)")
    return SHARED_DATA


def load_truth(name: str) -> dict:
    return json.loads((CALLS / f"{name}.truth.json").read_text())


TRANSCRIBED_CALLS_FILE = "test_calls_transcribed.py"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the transcribed calls' tests last (otherwise in the collected order): their analyses,
    started in the background when collection ends, then overlap the whole rest of the suite."""
    items.sort(key=lambda item: item.path.name == TRANSCRIBED_CALLS_FILE)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the transcribed calls' analyses in the background when their test file is to run (see
    ``tests/transcribed_calls.py``): the longest item of the suite then overlaps the others."""
    if (
        any(item.path.name == TRANSCRIBED_CALLS_FILE for item in session.items)
        and not session.config.option.collectonly
    ):
        from tests import transcribed_calls

        transcribed_calls.start()


def pytest_sessionfinish(session: pytest.Session) -> None:
    """End the background analyses' processes, if any were started."""
    from tests import transcribed_calls

    transcribed_calls.stop()
