"""The web app under real waitress on loopback, in a thread, for tests that need real HTTP.

Waitress's loop owns its sockets: closing them from the test's thread while
the loop waits in `select()` on them made that `select()` fail now and then
("Bad file descriptor") and left the loop's thread running with the browser's
connections. So the server is stopped from inside its own loop: a thunk on its
trigger closes every socket in its map, the loop ends because the map is
empty, and the test waits for the thread.

Waitress pulls its trigger itself when a response is ready. The thunk is
queued before the trigger is written to, so the loop can wake for its own
pull and run the thunk first: the write then finds the trigger closed (EBADF),
which here means the server has already stopped.
"""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

STOP_SECONDS = 10


@contextmanager
def loopback_server(app: Any) -> Iterator[str]:
    """The base address of `app` served by waitress on a free loopback port, until the end."""
    from waitress import wasyncore
    from waitress.server import create_server

    http = create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=http.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{http.effective_port}"
    finally:
        try:
            http.trigger.pull_trigger(lambda: wasyncore.close_all(http._map))
        except OSError as error:
            if error.errno != errno.EBADF:
                raise
        thread.join(STOP_SECONDS)
        http.task_dispatcher.shutdown()
        if thread.is_alive():
            raise RuntimeError(f"waitress did not stop within {STOP_SECONDS} s")
