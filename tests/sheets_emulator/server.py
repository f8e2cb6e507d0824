"""A real threaded TCP server on loopback, so other processes (a sync process killed with
SIGKILL in a reliability test, a benchmark) can reach an emulator living in the pytest process.

werkzeug's threaded dev server gives one thread per connection; a client that dies mid-request
only ends its own thread. Request logging is switched off to keep test output clean.
"""

from __future__ import annotations

import threading
from typing import Any

from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

LOOPBACK = "127.0.0.1"


class QuietRequestHandler(WSGIRequestHandler):
    """No access log lines on stderr."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        return


class ServerThread:
    """Serves a WSGI app on ``127.0.0.1:port`` (0 = any free port) from a daemon thread."""

    def __init__(self, app: Any, port: int = 0) -> None:
        self._server: BaseWSGIServer = make_server(
            LOOPBACK, port, app, threaded=True, request_handler=QuietRequestHandler
        )
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},  # how long stop() may wait for the loop to notice
            name="sheets-emulator",
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
