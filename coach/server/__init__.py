"""``coach serve``: the agent, floor and review pages, their websockets and a small JSON API.

- :mod:`coach.server.app`: wiring and lifecycle (:class:`~coach.server.app.CoachServer`);
- :mod:`coach.server.calls`: the call manager every source starts calls on (a ``CallSink``);
- :mod:`coach.server.audioqueue`, :mod:`coach.server.runner`: bounded audio queues, analysis threads;
- :mod:`coach.server.board`, :mod:`coach.server.floor`, :mod:`coach.server.hub`: live tiles and fan-out
  through bounded per-client relays;
- :mod:`coach.server.routes`: the one route table; :mod:`coach.server.api`, :mod:`coach.server.http`,
  :mod:`coach.server.auth`: HTTP endpoints (Starlette), JSON errors, tokens; :mod:`coach.server.sockets`,
  :mod:`coach.server.wire`: websocket endpoints and their messages (served by uvicorn);
- :mod:`coach.server.client`, :mod:`coach.server.replay`, :mod:`coach.server.commands`,
  :mod:`coach.server.demo`: sending calls, the ``serve`` / ``replay`` commands, ``make demo``.

See ``docs/server.md``.
"""
