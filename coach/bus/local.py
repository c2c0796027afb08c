"""The in-process bus (the default, one node): the live board is the whole story.

Nothing is linked to the board, so a call's events cost exactly what they cost without a bus.
"""

from __future__ import annotations

from typing import Any


class LocalBus:
    """No other nodes: nothing to publish, read, watch or lag behind."""

    backend = "local"

    async def start(self) -> None:
        return None

    async def stop(self, timeout: float = 3.0) -> None:
        return None

    def stats(self) -> dict[str, Any]:
        return {"backend": self.backend, "ok": True}
