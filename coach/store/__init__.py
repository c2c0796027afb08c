"""The call store: call metadata and every event in a database, each call's recording as FLAC.

- :mod:`coach.store.writer`: the writer thread everything else enqueues into (never blocks a caller);
- :mod:`coach.store.db`: the write side (transactions, recordings, recovery, retention);
- :mod:`coach.store.reader`: queries for the review pages; :mod:`coach.store.query`: list filters;
- :mod:`coach.store.backend`: the database interface; :mod:`coach.store.sqlite` (embedded, the
  default) and :mod:`coach.store.postgres` (shared by many nodes) implement it;
- :mod:`coach.store.migrations`: the versioned schema; :mod:`coach.store.recovery`: closing calls
  whose writer is gone (a crash, a lost node);
- :mod:`coach.store.recording`: incremental stereo FLAC and its repair after a crash.
"""

from coach.store.backend import StoreBackend, open_backend
from coach.store.db import CallStore, StoreError
from coach.store.query import CallQuery, QueryError
from coach.store.reader import StoreReader
from coach.store.writer import StoreWriter, open_call_store

__all__ = [
    "CallQuery",
    "CallStore",
    "QueryError",
    "StoreBackend",
    "StoreError",
    "StoreReader",
    "StoreWriter",
    "open_backend",
    "open_call_store",
]
