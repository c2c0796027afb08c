"""The call store: call metadata and every event in one SQLite file, each call's recording as FLAC.

- :mod:`coach.store.writer`: the writer thread everything else enqueues into (never blocks a caller);
- :mod:`coach.store.db`: the write side (transactions, recordings, recovery, retention);
- :mod:`coach.store.reader`: queries for the review pages; :mod:`coach.store.query`: list filters;
- :mod:`coach.store.recording`: incremental stereo FLAC and its repair after a crash.
"""

from coach.store.db import CallStore, StoreError
from coach.store.query import CallQuery, QueryError
from coach.store.reader import StoreReader
from coach.store.writer import StoreWriter

__all__ = ["CallQuery", "CallStore", "QueryError", "StoreError", "StoreReader", "StoreWriter"]
