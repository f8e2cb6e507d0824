"""A threaded loopback server (plain HTTP for Graph, HTTPS for the identity endpoints), so
other processes (the CLI in a subprocess, a benchmark) can reach an emulator that lives in
the pytest process. Request logging is off to keep test output clean."""

from __future__ import annotations

import ssl
import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

LOOPBACK = "127.0.0.1"


class QuietRequestHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


class ServerThread:
    """Serves a WSGI app on ``127.0.0.1:port`` (0 = any free port) from a daemon thread."""

    def __init__(self, app: Any, port: int = 0, ssl_context: ssl.SSLContext | None = None):
        self._server: BaseWSGIServer = make_server(
            LOOPBACK, port, app, threaded=True, request_handler=QuietRequestHandler,
            ssl_context=ssl_context,
        )  # fmt: skip
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="graph-emulator",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_port)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
