"""``coach serve``: one asyncio process serving the pages, the JSON API and the websockets on one port.

:class:`CoachServer` wires the parts: the store writer thread (optional: a store that cannot be
opened is reported and the server runs without it), the hub and live board on the event loop, the
call manager and its analysis threads, and the ASGI application (Starlette: the route table of
:mod:`coach.server.routes`, HTTP endpoints in :mod:`coach.server.api`, websockets in
:mod:`coach.server.sockets`) served by uvicorn with the ``websockets`` library's sans-I/O protocol.
:class:`ServerThread` runs one in a background thread (tests, benchmarks).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
import socket
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import uvicorn

from coach.bus.setup import start_bus
from coach.config import CoachConfig
from coach.errors import CoachError
from coach.server.api import HttpApi
from coach.server.asgi import SHUTDOWN_GRACE_S, build_app, listening_socket, uvicorn_config
from coach.server.auth import Authenticator, is_loopback
from coach.server.board import LiveBoard
from coach.server.calls import AnalyzerFactory, CallManager
from coach.server.heap import freeze_loaded
from coach.server.hub import Hub
from coach.server.replay import ReplayGate
from coach.server.sockets import SocketHandlers
from coach.store.db import StoreError
from coach.store.writer import StoreWriter

log = logging.getLogger(__name__)

REPO_DASHBOARD = Path(__file__).resolve().parent.parent.parent / "dashboard"


WARM_UP_S = 12.0
"""Seconds of the bundled demo call analysed at start: both sides speak, so every model is loaded and
every JIT-compiled function compiled before the first real call (else its first second costs ~2 s)."""


_warmed: set[bool] = set()
_warm_lock = threading.Lock()


def warm_up(cfg: CoachConfig) -> None:
    """Load the models and compile what is compiled on first use (blocking; call off the event loop):
    the start of the bundled demo call through a throw-away analyzer, and the ASR model if used; then, with
    ``[server] freeze_heap``, keep what that loaded out of later full garbage collections
    (:func:`coach.server.heap.freeze_loaded`). Once per process and ``transcribe`` setting: later servers in the
    same process skip it."""
    with _warm_lock:
        if cfg.server.transcribe in _warmed:
            return
        _warm_up(cfg)
        _warmed.add(cfg.server.transcribe)
        if cfg.server.freeze_heap:  # what loading made lives as long as the process: no full collection walks it
            frozen = freeze_loaded()
            log.info("heap frozen after warm-up", extra={"objects": frozen})


def _warm_up(cfg: CoachConfig) -> None:
    from coach.pipeline.factory import build_analyzer
    from coach.sources.recording import load_recording
    from coach.sources.replay import replay_chunks

    if cfg.server.transcribe and cfg.asr.decode_process and cfg.asr.shared_scheduler:
        from coach.asr.scheduler import shared_scheduler

        shared_scheduler(cfg.asr)  # its decode processes load the model; this process needs none
    elif cfg.server.transcribe:
        from coach.asr.engine import get_engine

        get_engine(cfg.asr)
    try:
        recording = load_recording(Path(__file__).resolve().parent.parent / "data" / "demo_call.flac")
    except CoachError:
        return
    analyzer = build_analyzer(cfg, call_id="warm-up", transcribe=False)
    n = int(WARM_UP_S * 16000)
    short = type(recording)(agent=recording.agent[:n], customer=recording.customer[:n], source_rate=16000, path="")
    for chunk in replay_chunks(short, chunk_ms=500):
        analyzer.push(chunk)
    analyzer.finish()


def default_analyzer_factory(cfg: CoachConfig) -> AnalyzerFactory:
    """One analyzer per call (models shared), transcribing in live mode if ``[server] transcribe``."""
    from coach.pipeline.factory import build_analyzer

    return lambda call_id: build_analyzer(cfg, call_id=call_id, transcribe=cfg.server.transcribe, live=True)


def _telephony_ingest(manager: CallManager, cfg: CoachConfig) -> Any:
    """Twilio Media Streams and Genesys AudioHook on ``/ingest/...`` (coach.telephony), if available."""
    try:
        from coach.telephony.endpoints import TelephonyIngest
    except ImportError as exc:
        log.warning("telephony ingest unavailable: %s", exc)
        return None
    return TelephonyIngest(manager, cfg)


class CoachServer:
    """The whole server. ``auth_enabled=False`` (``--no-auth``) is only allowed on a loopback host."""

    def __init__(
        self,
        cfg: CoachConfig,
        *,
        host: str | None = None,
        port: int | None = None,
        auth_enabled: bool = True,
        make_analyzer: AnalyzerFactory | None = None,
        replay_gate: ReplayGate | None = None,
    ) -> None:
        """``make_analyzer`` and ``replay_gate`` (hold points for ``POST /api/calls/replay``) are for tests."""
        self.cfg = cfg
        self.host = host or cfg.server.host
        self.port = cfg.server.port if port is None else port
        if not auth_enabled and not is_loopback(self.host):
            raise CoachError(
                f"--no-auth is only allowed on a loopback address (127.0.0.1), not {self.host}; "
                "configure tokens in [auth] to serve on the network"
            )
        self.auth = Authenticator(cfg.auth, enabled=auth_enabled)
        self._make_analyzer = make_analyzer
        self._replay_gate = replay_gate
        dash = cfg.server.dashboard_dir
        self.dashboard = Path(dash).expanduser().resolve() if dash else REPO_DASHBOARD
        self.writer: StoreWriter | None = None
        self.store_error: str | None = None
        self.recovered: list[str] = []
        self._server: uvicorn.Server | None = None
        self._socket: socket.socket | None = None
        self._ticker: asyncio.Task[None] | None = None
        self._prepared = False

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    async def start(self) -> None:
        """Open the store, start the threads and listen. Raises CoachError when the port is unusable."""
        await self.prepare()
        try:
            self._socket = listening_socket(self.host, self.port)
        except OSError as exc:
            await self.stop()
            raise CoachError(f"cannot listen on {self.host}:{self.port}: {exc.strerror or exc}") from None
        self.port = self._socket.getsockname()[1]
        config = uvicorn_config(self.app)
        self._server = uvicorn.Server(config)
        self._server.lifespan = config.lifespan_class(config)  # what Server.serve() sets before startup()
        await self._server.startup(sockets=[self._socket])
        self._ticker = asyncio.get_running_loop().create_task(self._server.main_loop(), name="uvicorn-ticker")
        await self.start_background()

    async def start_background(self) -> None:
        """The parts that run beside the ASGI application: AudioSocket's TCP listener and the floor batches."""
        await self._start_audiosocket()
        self.board.start()

    async def prepare(self) -> None:
        """Open the store, join the bus, load the models and build :attr:`app`, the ASGI application
        (without listening: :meth:`start` serves it with uvicorn, :func:`coach.server.asgi.create_app`
        hands it to a site's own ASGI server)."""
        if not (self.dashboard / "agent.html").is_file():
            raise CoachError(f"the dashboard pages are missing from {self.dashboard} ([server] dashboard_dir)")
        await self._open_store()
        loop = asyncio.get_running_loop()
        cfg = self.cfg.server
        self.hub = Hub()
        self.board = LiveBoard(self.hub, floor_interval_s=cfg.floor_interval_s, ended_linger_s=cfg.ended_linger_s)
        try:  # [bus]: one node in this process, or every node's calls through Redis
            self.bus = await start_bus(self.cfg, self.board, self.writer)
        except CoachError:
            await self._close_store()
            raise
        make = self._make_analyzer or default_analyzer_factory(self.cfg)
        await asyncio.to_thread(warm_up, self.cfg)  # models loaded before the first call needs them
        self.manager = CallManager(
            make_analyzer=make,
            board=self.board,
            store=self.writer,
            analysis_threads=cfg.analysis_threads,
            call_queue_s=cfg.call_queue_s,
            analysis_batch_s=cfg.analysis_batch_s,
        )
        self.manager.bind(loop)
        reader = self.writer.reader() if self.writer else None
        replay_dirs = [Path(d).expanduser().resolve() for d in cfg.replay_dirs]
        replay_dirs.append((Path(__file__).resolve().parent.parent / "data").resolve())
        self.api = HttpApi(
            auth=self.auth,
            manager=self.manager,
            reader=reader,
            writer=self.writer,
            store_error=lambda: self.store_error,
            dashboard=self.dashboard,
            replay_dirs=replay_dirs,
        )
        self.telephony = _telephony_ingest(self.manager, self.cfg)
        self.api.telephony = self.telephony
        self.api.replay_gate = self._replay_gate
        self.api.bus = self.bus
        self.sockets = SocketHandlers(
            auth=self.auth, hub=self.hub, board=self.board, manager=self.manager, cfg=cfg, telephony=self.telephony
        )
        self.app = build_app(self.api.endpoints() | self.sockets.endpoints())
        self._prepared = True

    async def _start_audiosocket(self) -> None:
        """Asterisk AudioSocket (TCP) on ``[telephony] audiosocket_port``, when set (0 = off)."""
        self._audiosocket: asyncio.Server | None = None
        port = self.cfg.telephony.audiosocket_port
        if self.telephony is None or not port:
            return
        try:
            self._audiosocket = await self.telephony.start_audiosocket_server(self.host, port)
        except OSError as exc:
            await self.stop()
            raise CoachError(f"cannot listen for AudioSocket on {self.host}:{port}: {exc.strerror or exc}") from None

    async def _open_store(self) -> None:
        if not self.cfg.store.enabled:
            self.store_error = "the call store is disabled ([store] enabled = false)"
            return
        writer = StoreWriter(self.cfg.store)
        try:
            self.recovered = await asyncio.to_thread(writer.start)
        except StoreError as exc:
            self.store_error = str(exc)
            log.error("%s; live coaching continues without storing calls", exc)
            return
        self.writer = writer
        if self.recovered:
            log.warning("%d call(s) were not ended cleanly and are marked incomplete", len(self.recovered))

    async def _close_store(self) -> None:
        if self.writer is not None:
            await asyncio.to_thread(self.writer.stop)

    async def stop(self) -> None:
        """End live calls as incomplete, stop listening, flush and close the store."""
        if not self._prepared:
            return
        self._prepared = False
        if self.telephony is not None:  # first: its calls flush what their aligners and resamplers hold back
            with contextlib.suppress(Exception):
                self.telephony.close()
        self.manager.end_all("the server stopped")
        await self.api.stop_replays()
        await self.manager.shutdown()
        await self.sockets.ingests_answered(SHUTDOWN_GRACE_S)  # each source told why its call ended
        await self.bus.stop()  # after the calls' ends are on the bus
        await self.board.stop()
        if getattr(self, "_audiosocket", None) is not None:
            self._audiosocket.close()
        await self._stop_serving()
        await self._close_store()

    async def _stop_serving(self) -> None:
        """Stop uvicorn: no new connections; open ones closed (websockets with 1012), at most
        :data:`~coach.server.asgi.SHUTDOWN_GRACE_S` seconds."""
        server, self._server = self._server, None
        if server is None:
            return
        if self._ticker is not None:  # uvicorn's once-a-second work (the Date header); no need to wait a tick
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker
        await server.shutdown(sockets=[self._socket] if self._socket is not None else None)


class ServerThread:
    """A :class:`CoachServer` on its own event loop in a daemon thread (tests, benchmarks)."""

    def __init__(self, server: CoachServer) -> None:
        self.server = server
        self.loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="coach-server", daemon=True)
        self._started = threading.Event()
        self._error: BaseException | None = None

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self.server.start())
        except BaseException as exc:
            self._error = exc
            self._started.set()
            return
        self._started.set()
        self.loop.run_forever()

    def start(self, timeout: float = 600.0) -> ServerThread:
        """Start the server's thread and wait until it listens (or failed), at most ``timeout`` seconds.

        The wait covers :meth:`CoachServer.prepare`, which loads every model (``warm_up``): about 5 s
        on an idle 2-core machine, but a fresh-clone CI run beside other work once took more than 30 s,
        and three servers started together at a load of ~27 took 170 s and more with no lock waited on
        (session 42: CPU-starved model loading and warm-up), so the bound is generous; it only limits how
        long a broken start hangs."""
        self._thread.start()
        if not self._started.wait(timeout):
            raise TimeoutError("the server did not start")
        if self._error is not None:
            raise self._error
        return self

    def stop(self) -> None:
        if not self._thread.is_alive():
            return
        future = asyncio.run_coroutine_threadsafe(self.server.stop(), self.loop)
        with contextlib.suppress(Exception):
            future.result(30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)


def run(server: CoachServer, *, announce: Callable[[CoachServer], None]) -> int:
    """Run until SIGINT/SIGTERM (the ``coach serve`` command); ``announce`` prints the URLs once listening."""

    async def main() -> None:
        await server.start()
        announce(server)
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(sig, stop.set)
        await stop.wait()
        print("coach: stopping; live calls are ended and saved", file=sys.stderr)
        await server.stop()

    asyncio.run(main())
    return 0
