"""The shared backend: a PostgreSQL database that every node of a site writes its own calls to (psycopg 3).

The store's SQL is written once, with ``?`` placeholders; :func:`to_pyformat` turns it into psycopg's
``%s`` style. JSON columns have PostgreSQL's ``json`` type (checked on insert, text kept as written)
and are read back as text, as from SQLite. Readers borrow connections from a small idle pool
(:data:`IDLE_CONNECTIONS`), so a page of the review UI does not pay a new connection per query.
"""

from __future__ import annotations

import contextlib
import functools
import threading
import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

try:
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.string import TextLoader
except ImportError as exc:  # pragma: no cover - depends on the installation
    from coach.store.errors import StoreError

    raise StoreError(
        "[store] url names a PostgreSQL database, but psycopg is not installed: pip install 'coach[cluster]'"
    ) from exc

from coach.store.backend import StoreBackend
from coach.store.config import redact_url

IDLE_CONNECTIONS = 4  # reader connections kept open between queries
CHECK_IDLE_S = 10.0  # a pooled connection idle longer than this is checked before it is lent again
CONNECT_TIMEOUT_S = 10
LOCK_TIMEOUT_S = 5  # a statement waiting longer for a row lock fails (a lost node's open transaction)
IDLE_IN_TRANSACTION_S = 30  # the server ends a session whose transaction idles this long (a hung node)
MIGRATION_LOCK = 0x636F6163685F7631  # advisory lock key held while a node migrates the schema


@functools.lru_cache(maxsize=256)
def to_pyformat(sql: str) -> str:
    """``?`` placeholders become ``%s`` and a literal ``%`` becomes ``%%``, outside quoted strings and names."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote is not None:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in "'\"":
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        else:
            out.append("%%" if ch == "%" else ch)
    return "".join(out)


class PgRow:
    """A result row indexed by position or by column name (as :class:`sqlite3.Row`)."""

    __slots__ = ("_values", "_index")

    def __init__(self, values: Sequence[Any], index: dict[str, int]) -> None:
        self._values = values
        self._index = index

    def __getitem__(self, key: int | str) -> Any:
        return self._values[self._index[key]] if isinstance(key, str) else self._values[key]

    def __len__(self) -> int:
        return len(self._values)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def keys(self) -> list[str]:
        return list(self._index)


def _rows(cursor: psycopg.Cursor[Any]) -> Any:
    index = {column.name: i for i, column in enumerate(cursor.description or ())}
    return lambda values: PgRow(values, index)


class PgConnection:
    """A psycopg connection (autocommit) that takes the store's ``?`` SQL."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.raw = conn
        self.returned_at = time.monotonic()
        """When it last went back to the pool (``time.monotonic()`` seconds)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> psycopg.Cursor[Any]:
        return self.raw.execute(to_pyformat(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        with self.raw.cursor() as cur:
            cur.executemany(to_pyformat(sql), [list(r) for r in rows])

    def close(self) -> None:
        self.raw.close()

    @property
    def idle(self) -> bool:
        """Open and outside any transaction: fit to be reused."""
        return not self.raw.closed and self.raw.info.transaction_status == TransactionStatus.IDLE


class PostgresBackend(StoreBackend):
    """The database at ``url`` (``postgresql://user[:password]@host[:port]/database[?options]``)."""

    dialect = "postgresql"
    shared = True
    errors = (psycopg.Error,)
    begin_write = "BEGIN"
    for_update = " FOR UPDATE"
    like = "ILIKE"

    def __init__(self, url: str) -> None:
        self.url = url
        self._idle: list[PgConnection] = []
        self._lock = threading.Lock()

    @property
    def where(self) -> str:
        return redact_url(self.url)

    def default_recordings_dir(self) -> Path | None:
        return None

    def connect(self) -> PgConnection:
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S, row_factory=_rows)
        conn.adapters.register_loader("json", TextLoader)
        conn.adapters.register_loader("jsonb", TextLoader)
        conn.execute(f"SET lock_timeout = '{LOCK_TIMEOUT_S}s'")
        conn.execute(f"SET idle_in_transaction_session_timeout = '{IDLE_IN_TRANSACTION_S}s'")
        return PgConnection(conn)

    def alive(self, conn: Any) -> bool:
        return not (conn.raw.closed or conn.raw.broken)

    @contextlib.contextmanager
    def reading(self) -> Iterator[PgConnection]:
        conn = self._borrow()
        try:
            yield conn
        except BaseException:
            conn.close()  # its state is unknown: never reuse it
            raise
        with self._lock:
            if conn.idle and len(self._idle) < IDLE_CONNECTIONS:
                conn.returned_at = time.monotonic()
                self._idle.append(conn)
                return
        conn.close()

    def _borrow(self) -> PgConnection:
        """An idle pooled connection (checked first if it idled longer than :data:`CHECK_IDLE_S`: the
        server may have restarted since), or a new one."""
        while True:
            with self._lock:
                conn = self._idle.pop() if self._idle else None
            if conn is None:
                return self.connect()
            if time.monotonic() - conn.returned_at < CHECK_IDLE_S:
                return conn
            try:
                conn.execute("SELECT 1")
                return conn
            except psycopg.Error:
                conn.close()

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for conn in idle:
            with contextlib.suppress(psycopg.Error):
                conn.close()

    def schema_lock(self, conn: Any) -> None:
        conn.execute("SET LOCAL lock_timeout = 0")  # another node's migration may take a while
        conn.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))

    def json_has_key(self, column: str) -> str:
        return f"({column} -> CAST(? AS TEXT)) IS NOT NULL"

    def json_text(self, column: str, key: str) -> str:
        return f"({column} ->> '{key}')"
