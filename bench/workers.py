"""Benchmark: read throughput of `planlogg serve --workers N` on PostgreSQL, N = 2 against N = 1.

Readers outnumber writers by far, so a deployment grows by web processes. Each
size is the real command (`planlogg serve --workers N --no-sync`, the demo plan,
rate-limit counts in each worker's memory, as on one machine) loaded by `wrk` at 32
connections on the public plan page and the filtered audit-history API,
alternating the two sizes. The figure is requests/s with N = 2 over N = 1 (target
≥ 1.3 on this 2-core machine). `wrk` may be pinned to one core
(`PLANLOGG_BENCH_WRK_CPU=1`) so the load generator does not take the second
worker's core; the figure's note says whether it was.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

from bench.harness import Figure, Target, median
from bench.web import HISTORY, PAGE, Load, fetch, free_port, require_wrk, wrk
from bench.workloads import postgres_url
from domain.people import Role
from web.tokens import create_token, token_store_for

TARGET = Target(">=", 1.3)
REDIS = os.environ.get("PLANLOGG_BENCH_REDIS", "redis://127.0.0.1:6379")
CONNECTIONS = 32


@contextmanager
def serving(url: str, workers: int, demo: bool = True, storage: str | None = None) -> Iterator[str]:
    """`planlogg serve --workers N` on a free port until the block ends (`demo`: with the demo
    plan loaded if the store has none), counting the rate limits in each worker's memory, or
    in `storage` (Redis) under a prefix of its own."""
    port = free_port()
    environ = {key: value for key, value in os.environ.items()
               if key != "PLANLOGG_RATELIMIT_STORAGE"}  # fmt: skip
    environ |= {"PLANLOGG_DATABASE_URL": url, "PLANLOGG_RATELIMIT_API": "100000000 per minute"}
    if storage:
        environ |= {"PLANLOGG_RATELIMIT_STORAGE": storage,
                    "PLANLOGG_RATELIMIT_PREFIX": f"bench-{port}"}  # fmt: skip
    command = [sys.executable, "-c", "from web.cli import main; main()", "serve", "--no-sync",
               "--demo" if demo else "--no-demo", "--port", str(port),
               "--workers", str(workers)]  # fmt: skip
    process = subprocess.Popen(
        command, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_ready(process, base, PAGE if demo else "/healthz")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_until_ready(process: subprocess.Popen[bytes], base: str, path: str) -> None:
    for _ in range(1200):
        try:
            fetch(base + path, {})
            return
        except OSError:
            if process.poll() is not None:
                raise RuntimeError("planlogg serve exited while starting") from None
            time.sleep(0.1)
    raise RuntimeError("planlogg serve did not answer within two minutes")


def _pinned_wrk() -> list[str]:
    cpu = os.environ.get("PLANLOGG_BENCH_WRK_CPU", "")
    return ["taskset", "-c", cpu] if cpu and shutil.which("taskset") else []


def throughput(url: str, workers: int, path: str, headers: dict[str, str], seconds: float) -> Load:
    with serving(url, workers) as base:
        wrk(base + path, CONNECTIONS, 1.0, headers)  # warm the caches of every worker
        return wrk(base + path, CONNECTIONS, seconds, headers, prefix=_pinned_wrk())


def run(quick: bool) -> list[Figure]:
    require_wrk()
    seconds, rounds = (2.0, 1) if quick else (5.0, 3)
    figures = []
    with postgres_url() as url:
        fetch_token = create_token(token_store_for(url), "Benk Revisor", Role.AUDITOR)[0]
        targets: tuple[tuple[str, str, str, dict[str, str]], ...] = (
            ("public plan page", "workers_page", PAGE, {}),
            ("audit history API", "workers_history", HISTORY,
             {"Authorization": f"Bearer {fetch_token}"}),
        )  # fmt: skip
        for name, key, path, headers in targets:
            one: list[float] = []
            two: list[float] = []
            tails: dict[int, list[float]] = {1: [], 2: []}
            for round_number in range(rounds):
                order = (1, 2) if round_number % 2 == 0 else (2, 1)
                for workers in order:
                    load = throughput(url, workers, path, headers, seconds)
                    (one if workers == 1 else two).append(load.requests_per_second)
                    tails[workers].append(load.p99 * 1000)
            figures.append(
                Figure(
                    bench="workers",
                    key=key,
                    name=f"{name}, --workers 2 vs 1, {CONNECTIONS} clients (PostgreSQL)",
                    value=median(two),
                    unit="req/s",
                    baseline=median(one),
                    baseline_label="--workers 1",
                    ratio=median(two) / median(one),
                    target=TARGET,
                    note=f"{rounds} rounds of {seconds:g} s; p99 {median(tails[2]):.0f} ms "
                    f"(--workers 1: {median(tails[1]):.0f} ms)"
                    + (", wrk pinned" if _pinned_wrk() else ""),
                )
            )
    return figures
