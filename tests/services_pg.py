"""A private PostgreSQL server for the tests: Debian's binaries, a temporary data folder, a free loopback port.

PostgreSQL refuses to run as root, and CI runs as root: the server then runs as the ``postgres`` system
user the Debian package creates (``runuser -u postgres --``), in a data folder that user owns; as any
other user it runs as that user. The unix socket lives in the data folder (nothing in /var/run), TCP
listens on 127.0.0.1 only, and ``fsync`` is off (a test database need not survive a power cut).

One server per test session, however many modules import the ``postgres`` fixture (a reference count
stops it after the last user); each test gets its own empty schema from ``pg_url``. A module uses them
with ``from tests.services_pg import pg_url_fixture, postgres_fixture  # noqa: F401``. When
PostgreSQL is not installed the tests using it fail with the command that installs it: a CI machine
must not skip them silently.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.ports import free_loopback_port

INSTALL_HINT = "PostgreSQL is not installed: run `bash scripts/install_system_deps.sh` (Debian package postgresql)"
START_TIMEOUT_S = 30.0  # failsafe only: a healthy server accepts connections within a second or two
DATABASE = "coach_test"
USER = "coach"


def _bin_dir() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    if not found:
        pytest.fail(INSTALL_HINT, pytrace=False)
    return Path(found[-1]).parent


@dataclass
class PostgresServer:
    """A running server: ``url`` reaches database :data:`DATABASE` as :data:`USER` over TCP (trust auth)."""

    process: subprocess.Popen[bytes]
    folder: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgresql://{USER}@127.0.0.1:{self.port}/{DATABASE}"

    @classmethod
    def start(cls) -> PostgresServer:
        """initdb, start ``postgres`` and create the database; raise (with the server's log) if it fails."""
        bindir = _bin_dir()
        folder = Path(tempfile.mkdtemp(prefix="coach-pg-"))
        as_user: list[str] = []
        if os.geteuid() == 0:
            try:
                owner = pwd.getpwnam("postgres")
            except KeyError:
                pytest.fail(f"no 'postgres' system user to run the server as (root is refused); {INSTALL_HINT}")
            os.chown(folder, owner.pw_uid, owner.pw_gid)
            as_user = ["runuser", "-u", "postgres", "--"]
        data, log = folder / "data", folder / "server.log"
        init = subprocess.run(
            [*as_user, str(bindir / "initdb"), "-D", str(data), "-U", USER, "-A", "trust", "-E", "UTF8",
             "--locale=C", "--no-sync"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        if init.returncode != 0:
            shutil.rmtree(folder, ignore_errors=True)
            raise RuntimeError(f"initdb failed: {init.stderr.strip()}")
        port = free_loopback_port()
        settings = {
            "listen_addresses": "127.0.0.1",
            "port": str(port),
            "unix_socket_directories": str(folder),
            "fsync": "off",
            "synchronous_commit": "off",
            "full_page_writes": "off",
            "max_connections": "60",
            "shared_buffers": "32MB",
        }
        args = [f"-c{k}={v}" for k, v in settings.items()]
        with open(log, "wb") as out:
            process = subprocess.Popen(
                [*as_user, str(bindir / "postgres"), "-D", str(data), *args], stdout=out, stderr=subprocess.STDOUT
            )
        server = cls(process=process, folder=folder, port=port)
        try:
            server._wait_ready(log)
            with server.connect("postgres") as conn:
                conn.execute(f"CREATE DATABASE {DATABASE}")
        except BaseException:
            server.stop()
            raise
        return server

    def connect(self, database: str = DATABASE):  # -> psycopg.Connection
        import psycopg

        return psycopg.connect(f"postgresql://{USER}@127.0.0.1:{self.port}/{database}", autocommit=True)

    def _wait_ready(self, log: Path) -> None:
        import psycopg

        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if self.process.poll() is not None:
                raise RuntimeError(f"postgres exited ({self.process.returncode}): {log.read_text()[-2000:]}")
            try:
                self.connect("postgres").close()
                return
            except psycopg.OperationalError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"postgres did not accept connections: {log.read_text()[-2000:]}") from None
                time.sleep(0.05)

    def stop(self) -> None:
        """Fast shutdown (SIGINT: open sessions are ended), then remove the data folder."""
        if self.process.poll() is None:
            # the postmaster itself (``runuser`` in between does not pass SIGINT on)
            pid_file = self.folder / "data" / "postmaster.pid"
            try:
                os.kill(int(pid_file.read_text().split()[0]), signal.SIGINT)
            except (OSError, ValueError, IndexError):
                self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)


_shared: PostgresServer | None = None
_users = 0
_schemas = itertools.count(1)


@pytest.fixture(scope="session", name="postgres")
def postgres_fixture() -> Iterator[PostgresServer]:
    """The session's PostgreSQL server (started on first use, stopped after the last module using it)."""
    global _shared, _users
    if _shared is None:
        _shared = PostgresServer.start()
    _users += 1
    try:
        yield _shared
    finally:
        _users -= 1
        if _users == 0:
            _shared.stop()
            _shared = None


@pytest.fixture(name="pg_url")
def pg_url_fixture(postgres: PostgresServer) -> Iterator[str]:
    """A URL whose connections see a fresh, empty schema (``search_path``), dropped after the test."""
    schema = f"test_{os.getpid()}_{next(_schemas)}"
    with postgres.connect() as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    yield f"{postgres.url}?options=-csearch_path%3D{schema}"
    with contextlib.suppress(Exception), postgres.connect() as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")
