"""The server the web benchmark loads: `planlogg serve`'s own composition plus one static route.

    python -m bench.web_server DATABASE_URL PORT STATIC_DIR [--no-demo] [--workers N]

It builds the server exactly as `planlogg serve --no-sync` does (demo plan
unless `--no-demo`, background catch-up loop) and serves it as that does
(`serve_one`: waitress on 127.0.0.1, its start-up objects set aside from the
collector). The one addition is `/bench-static/<file>`, a Flask route
serving files from STATIC_DIR the way Flask serves its own static files,
so a static file of the same size as the page under test is served by the
same server, threads and middleware in the same run: the baseline.
With `--workers N` it forks N web processes as `planlogg serve --workers N` does, each with
that route: the baseline of the p99 at 32 clients with several workers. The static route is
not rate-limited, so each worker keeps its (unused) counts in memory unless
`PLANLOGG_RATELIMIT_STORAGE` names a shared store.
The API rate limit is raised out of wrk's reach (the limiter still runs and
is measured): one load generator is one client asking far faster than any
person or script does.
"""

from __future__ import annotations

import os
import sys

from flask import Flask, Response, send_from_directory

from web.cli.serve_commands import build_server, listen, serve_many, serve_one

THREADS = 8  # `planlogg serve`'s default
UNREACHED_LIMIT = "100000000 per minute"


def main(url: str, port: int, static_dir: str, demo: bool = True, workers: int = 1) -> None:
    os.environ["PLANLOGG_RATELIMIT_API"] = UNREACHED_LIMIT  # the forked workers' apps read it
    server = build_server(
        url, demo=demo, sync=False, config={"PLANLOGG_RATELIMIT_API": UNREACHED_LIMIT}
    )

    def with_static(web: Flask) -> None:
        def bench_static(filename: str) -> Response:
            return send_from_directory(static_dir, filename)

        web.add_url_rule("/bench-static/<path:filename>", "bench_static", bench_static)

    if workers > 1:
        serve_many(server, "127.0.0.1", port, THREADS, workers, url, with_static)
        return
    with_static(server.web)
    listeners = listen("127.0.0.1", port)
    print("ready", flush=True)
    serve_one(server, listeners, THREADS)


def _workers(options: list[str]) -> int:
    return int(options[options.index("--workers") + 1]) if "--workers" in options else 1


if __name__ == "__main__":
    options = sys.argv[4:]
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3], demo="--no-demo" not in options,
         workers=_workers(options))  # fmt: skip
