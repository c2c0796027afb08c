"""The interface between the call store and its database: SQLite (embedded, the default) or PostgreSQL.

:class:`~coach.store.db.CallStore` (the writer thread), :class:`~coach.store.reader.StoreReader` and
:mod:`coach.store.migrations` speak one SQL: ``?`` placeholders, ``BEGIN``/``COMMIT``, rows indexed
by position or column name. What differs between the databases lives in a :class:`StoreBackend`:
connections, the lock that keeps one writer per SQLite file, which errors mean "the database
failed", and the few SQL fragments that are spelt differently (JSON access, case-insensitive
matching, row locks). :func:`open_backend` picks the backend from ``[store]``.
"""

from __future__ import annotations

import contextlib
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Protocol

from coach.store.config import StoreConfig


class Row(Protocol):
    """A result row: ``row[0]`` or ``row["column"]``."""

    def __getitem__(self, key: int | str) -> Any: ...


class Cursor(Protocol):
    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


class StoreConnection(Protocol):
    """One connection in autocommit mode: a transaction is opened with ``BEGIN`` (or the backend's
    :attr:`StoreBackend.begin_write`) and ended with ``COMMIT``/``ROLLBACK``; placeholders are ``?``."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Cursor: ...

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> Any: ...

    def close(self) -> None: ...


class StoreBackend(ABC):
    """A database the call store can live in. Thread-safe: the writer and readers share one instance."""

    dialect: str
    """Key of the migrations' SQL (``sqlite`` or ``postgresql``)."""
    shared: bool
    """True when several nodes write to the same database (their own calls only)."""
    errors: tuple[type[Exception], ...]
    """Exceptions meaning the database failed (a write may be retried after ``ROLLBACK``)."""
    begin_write: str = "BEGIN"
    """Opens a transaction that will write after reading (no other writer may slip in between)."""
    for_update: str = ""
    """Appended to a ``SELECT`` whose rows the transaction will update (row locks where supported)."""
    like: str = "LIKE"
    """Case-insensitive ``LIKE`` (ASCII at least)."""

    @property
    @abstractmethod
    def where(self) -> str:
        """Where the store is, for messages: a file path or a URL without its password."""

    @abstractmethod
    def default_recordings_dir(self) -> Path | None:
        """Where recordings go when ``recordings_dir`` is not configured (None: it must be)."""

    def folders(self) -> list[Path]:
        """Folders the database needs on this machine (created when the store opens)."""
        return []

    def lock(self) -> None:
        """Claim the store for this process's writer; :class:`~coach.store.db.StoreError` if taken."""
        return None

    def unlock(self) -> None:
        """Release :meth:`lock` (idempotent)."""
        return None

    @abstractmethod
    def connect(self) -> StoreConnection:
        """A new connection in autocommit mode; the caller closes it."""

    def alive(self, conn: StoreConnection) -> bool:
        """False once ``conn`` is known to be unusable (the server dropped it): connect again."""
        return True

    @contextlib.contextmanager
    def reading(self) -> Iterator[StoreConnection]:
        """A connection for a few reads (backends may reuse connections between calls)."""
        conn = self.connect()
        try:
            yield conn
        finally:
            conn.close()

    @contextlib.contextmanager
    def write_transaction(self, conn: StoreConnection) -> Iterator[StoreConnection]:
        """``conn`` inside a :attr:`begin_write` transaction: committed at the end, rolled back if the
        block raises (the exception goes on)."""
        conn.execute(self.begin_write)
        try:
            yield conn
        except BaseException:
            with contextlib.suppress(*self.errors):
                conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def exists(self) -> bool:
        """False when the store was surely never created (nothing to read)."""
        return True

    def schema_lock(self, conn: StoreConnection) -> None:
        """Inside a migration's transaction: wait until no other node migrates the same database."""
        return None

    def after_migrate(self, conn: StoreConnection, version: int) -> None:
        """Inside the last migration's transaction: record ``version`` wherever older code looks for it."""
        return None

    def legacy_version(self, conn: StoreConnection) -> int:
        """The schema version of a store written before the ``schema_version`` table existed (0: none)."""
        return 0

    @abstractmethod
    def json_has_key(self, column: str) -> str:
        """SQL true when the JSON object in ``column`` has the key bound to the one ``?`` it contains."""

    @abstractmethod
    def json_text(self, column: str, key: str) -> str:
        """SQL for the text value of ``key`` (a plain identifier) in the JSON object in ``column``."""

    def close(self) -> None:
        """Release pooled connections."""
        return None


def open_backend(cfg: StoreConfig) -> StoreBackend:
    """The backend ``cfg`` names: PostgreSQL for a ``url``, otherwise the SQLite file at ``path``."""
    if cfg.url:
        from coach.store.postgres import PostgresBackend  # needs psycopg (the 'cluster' extra)

        return PostgresBackend(cfg.url)
    from coach.store.sqlite import SQLiteBackend

    return SQLiteBackend(cfg.path)


def as_backend(location: str | Path | StoreBackend) -> StoreBackend:
    """``location`` itself, or the SQLite backend of a database file path."""
    if isinstance(location, StoreBackend):
        return location
    from coach.store.sqlite import SQLiteBackend

    return SQLiteBackend(location)
