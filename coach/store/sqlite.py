"""The embedded backend: one SQLite file in WAL mode, one writer process (a lock file beside it).

Readers open their own short connections (WAL lets them read beside the writer). Older stores kept
their schema version in ``PRAGMA user_version`` (1) and had no ``schema_version`` table; the
migrations start from that, and keep ``user_version`` current so that an older coach refuses a
store it does not understand.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from coach.store.backend import StoreBackend, StoreConnection
from coach.store.errors import StoreError

BUSY_TIMEOUT_S = 5.0  # a connection waits this long for another one's write lock before failing


def connect(path: str, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the store file in autocommit mode (transactions are explicit), WAL journal, 5 s busy wait."""
    if readonly:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    else:
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


class SQLiteBackend(StoreBackend):
    """A SQLite file at ``path`` (``~`` expanded); its folder is created on :meth:`prepare`."""

    dialect = "sqlite"
    shared = False
    errors = (sqlite3.Error,)
    begin_write = "BEGIN IMMEDIATE"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path).expanduser()
        self._lock_fd: int | None = None

    @property
    def where(self) -> str:
        return str(self.path)

    def default_recordings_dir(self) -> Path:
        return self.path.parent / "recordings"

    def folders(self) -> list[Path]:
        return [self.path.parent]

    def lock(self) -> None:
        fd = os.open(str(self.path) + ".lock", os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise StoreError(
                f"another coach server is using the call store at {self.path}; stop it or choose another [store] path"
            ) from None
        self._lock_fd = fd

    def unlock(self) -> None:
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None

    def connect(self) -> sqlite3.Connection:
        return connect(str(self.path))

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        conn = connect(str(self.path))
        try:
            conn.execute("PRAGMA query_only = ON")
            yield conn
        finally:
            conn.close()

    def exists(self) -> bool:
        return self.path.exists()

    def legacy_version(self, conn: StoreConnection) -> int:
        return int(conn.execute("PRAGMA user_version").fetchone()[0])

    def after_migrate(self, conn: StoreConnection, version: int) -> None:
        conn.execute(f"PRAGMA user_version = {int(version)}")

    def json_has_key(self, column: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({column}) WHERE key = ?)"

    def json_text(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"
