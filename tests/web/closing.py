"""Closing a web app opened from a database address alone, as `serve` opens it.

`create_app` then opens the application and, beside its events, the token store; on
PostgreSQL each has its own pool. A test closes both: a token store's pool left to the
garbage collector may be collected in one of its own threads, which cannot join itself.
"""

from __future__ import annotations

from flask import Flask


def close_services(web: Flask) -> None:
    services = web.extensions["planlogg"]
    services.app.close()
    services.tokens.close()
