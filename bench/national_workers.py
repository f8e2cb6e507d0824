"""The national store's readers at 32 clients through `planlogg serve --workers 2` and one process.

One Python process does most of a request's work one request at a time (the global lock), so
at 32 clients its p99 is mostly the wait in its queue: on the machine of 2 December 08:00 the
plan page's p99 was 64 ms and the history's 66 ms, while a static file of the same size from
the same process had 54 and 52 ms. Readers are carried by web processes, one per core
(`serve --workers N`); this measures the goal, p99 under 50 ms at 32 clients warm, that way,
beside one process started by the same command, alternating. Each server is measured once
every worker has renewed its kept answers for the read models' position (`/healthz`) and a
first load of `WARM_SECONDS` has filled each worker's cache: warm.

Beside them, a static file of each answer's size from two workers of the web benchmark's
server (the app's hooks and waitress, no database) is the floor under the goal: on the AMD
EPYC of 2 December 17:00 its p99 was 37-66 ms with wrk on the same two cores, so 50 ms is
at the edge of what two Python processes answer here whatever the request does.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

from bench.harness import Figure, Target, median
from bench.national_store import Store
from bench.web import Load, fetch, running_server, wrk
from bench.workers import serving

CLIENTS = 32
WORKERS = 2
P99_GOAL_MS = 50.0
"""The goal for the p99 at 32 clients warm, in one process and in several."""
WARM_SECONDS = 6.0
"""A first load before each measured one: each worker's first request for the national plan
page makes it while the others wait for that one (`ReadCache.get_or_make`; about 1 s alone on
a slow machine), and later ones are answered from the kept copy."""
RENEWED_IN_A_ROW = 10
"""`/healthz` answers from whichever worker the connection reaches; this many answers in a row
saying the kept answers are renewed for the read models' position leave little doubt that
every worker's are."""

Targets = tuple[tuple[str, str, str, dict[str, str]], ...]
"""(name, figure key, path, headers) of each URL under load."""


def workers_figures(store: Store, targets: Targets, quick: bool) -> list[Figure]:
    """p99 at 32 clients with `--workers 2` against `--workers 1`, for each (name, key, path,
    headers) of `targets`; and of a static file of each answer's size from `--workers 2`."""
    seconds, rounds = (2.0, 1) if quick else (5.0, 2)
    loads: dict[tuple[str, int], list[Load]] = {}
    sizes: dict[str, int] = {}
    for round_number in range(rounds):
        for workers in (1, WORKERS) if round_number % 2 == 0 else (WORKERS, 1):
            with serving(store.url, workers, demo=False) as base:
                _wait_until_renewed(base)
                for _name, key, path, headers in targets:
                    if key not in sizes:
                        sizes[key] = len(fetch(base + path, headers))
                    wrk(base + path, CLIENTS, WARM_SECONDS, headers)
                    found = wrk(base + path, CLIENTS, seconds, headers)
                    loads.setdefault((key, workers), []).append(found)
    statics = _statics(store, sizes, seconds, rounds)
    figures = []
    for name, key, _path, _headers in targets:
        figures.append(_figure(name, key, loads[key, WORKERS], loads[key, 1], rounds, seconds))
        figures.append(_static_figure(name, key, sizes[key], statics[key], rounds, seconds))
    return figures


def _statics(
    store: Store, sizes: dict[str, int], seconds: float, rounds: int
) -> dict[str, list[Load]]:
    """A file of each size, at 32 clients, from `WORKERS` processes of the server the web
    benchmark loads (`planlogg serve`'s app and middleware plus a static route): the floor
    under the p99 goal on this machine, with wrk on the same cores."""
    found: dict[str, list[Load]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for key, size in sizes.items():
            (Path(folder) / f"{key}.bin").write_bytes(b"x" * size)
        options = ("--no-demo", "--workers", str(WORKERS))
        with running_server(store.url, Path(folder), *options) as base:
            for _ in range(rounds):
                for key in sizes:
                    wrk(f"{base}/bench-static/{key}.bin", CLIENTS, WARM_SECONDS, {})
                    load = wrk(f"{base}/bench-static/{key}.bin", CLIENTS, seconds, {})
                    found.setdefault(key, []).append(load)
    return found


def _static_figure(
    name: str, key: str, size: int, loads: list[Load], rounds: int, seconds: float
) -> Figure:
    rate = median([load.requests_per_second for load in loads])
    errors = sum(load.errors for load in loads)
    return Figure(
        "national", f"{key}_workers_static_p99_32",
        f"static file of the {name}'s size ({size:,} B), {CLIENTS} clients, {WORKERS} workers: "
        "p99", median([load.p99 for load in loads]) * 1000, "ms",
        note=f"{rate:,.0f} req/s; p50 {median([load.p50 for load in loads]) * 1000:.1f} ms; "
             f"{rounds} round(s) of {seconds:g} s; the floor under the goal of "
             f"{P99_GOAL_MS:g} ms" + (f"; ERRORS {errors}" if errors else ""),
    )  # fmt: skip


def _figure(
    name: str, key: str, many: list[Load], one: list[Load], rounds: int, seconds: float
) -> Figure:
    p99, p99_one = median([m.p99 for m in many]) * 1000, median([o.p99 for o in one]) * 1000
    rate, rate_one = (median([load.requests_per_second for load in loads]) for loads in (many, one))
    errors = sum(load.errors for load in (*many, *one))
    return Figure(
        "national", f"{key}_workers_p99_32",
        f"{name}, warm, {CLIENTS} clients, serve --workers {WORKERS}: p99", p99, "ms",
        baseline=p99_one, baseline_label="--workers 1 p99", target=Target("<=", P99_GOAL_MS),
        note=f"{rate:,.0f} req/s against {rate_one:,.0f} ({rate / rate_one:.2f} ×); p50 "
             f"{median([m.p50 for m in many]) * 1000:.1f} ms; {rounds} round(s) of {seconds:g} s, "
             f"alternating; the target is on the value" + (f"; ERRORS {errors}" if errors else ""),
    )  # fmt: skip


def _wait_until_renewed(base: str, seconds: float = 120.0) -> None:
    in_a_row, deadline = 0, time.monotonic() + seconds
    while in_a_row < RENEWED_IN_A_ROW:
        if time.monotonic() > deadline:
            raise RuntimeError(f"the workers at {base} did not renew their kept answers")
        try:
            health = json.loads(fetch(base + "/healthz", {}))
            renewed = health["projections"].get("renewed_for")
            fresh = health["projections"]["lag"] == 0 and renewed == health["database"]["position"]
        except (OSError, KeyError, ValueError):  # URLError is an OSError
            fresh = False
        in_a_row = in_a_row + 1 if fresh else 0
        time.sleep(0.1)
