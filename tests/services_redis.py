"""A private Redis server for the tests: Debian's ``/usr/bin/redis-server`` on a free loopback port.

No persistence (no RDB snapshots, no append-only file), a temporary working folder, stopped at the end
of the session. One server per session; tests keep apart by giving each bus its own key prefix. When
Redis is not installed the tests using it fail with the command that installs it: a CI machine must
not skip them silently. :class:`RedisServer` is also used by ``scripts/bench_cluster.py``.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ports import free_loopback_port

REDIS_SERVER = "/usr/bin/redis-server"
INSTALL_HINT = "Redis is not installed: run `bash scripts/install_system_deps.sh` (Debian package redis-server)"
START_TIMEOUT_S = 20.0  # failsafe only: a healthy server answers PING within a fraction of a second


@dataclass
class RedisServer:
    """A running server; ``url`` reaches its database 0."""

    process: subprocess.Popen[bytes]
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    @classmethod
    def start(cls) -> RedisServer:
        """Start the server and wait until it answers; RuntimeError with its log when it does not."""
        if not Path(REDIS_SERVER).is_file():
            raise FileNotFoundError(INSTALL_HINT)
        folder = Path(tempfile.mkdtemp(prefix="coach-redis-"))
        port = free_loopback_port()
        args = [
            REDIS_SERVER, "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
            "--dir", str(folder), "--protected-mode", "yes", "--daemonize", "no", "--loglevel", "warning",
        ]  # fmt: skip
        with open(folder / "server.log", "wb") as out:
            process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        server = cls(process=process, folder=folder, port=port)
        try:
            server._wait_ready()
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_ready(self) -> None:
        import redis

        deadline = time.monotonic() + START_TIMEOUT_S
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=1.0)
        try:
            while True:
                if self.process.poll() is not None:
                    log = (self.folder / "server.log").read_text(errors="replace")
                    raise RuntimeError(f"redis-server exited ({self.process.returncode}): {log.strip()[-2000:]}")
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    pass
                if time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not answer on port {self.port}")
                time.sleep(0.02)
        finally:
            client.close()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="session")
def redis_server() -> Iterator[RedisServer]:
    """One private Redis server for the whole test session."""
    try:
        server = RedisServer.start()
    except FileNotFoundError as exc:
        pytest.fail(str(exc), pytrace=False)
    yield server
    server.stop()
