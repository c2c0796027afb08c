"""Loopback ports for the tests' own servers (PostgreSQL, Redis, coach serve) and for "nobody listens here"."""

from __future__ import annotations

import socket


def free_loopback_port() -> int:
    """A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it; the socket is closed again).

    Another process could take it before the caller binds; the servers started on it fail loudly then."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
