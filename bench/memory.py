"""Benchmark 6: peak resident memory of `planlogg serve`.

The real command runs as a subprocess (`planlogg serve --no-sync` on a free
loopback port), once on a fresh SQLite file (it loads the demo plan) and
once on a file holding a plan of 100,000 events. When it answers, a few
pages and API calls are made, then its peak RSS (VmHWM in /proc/<pid>/status)
is read before it is stopped. No baseline: the figure is the value.

The large plan is built through the application: status reports, one event
each, saved a hundred per `change_plan` so building it takes seconds, with
the application's snapshotting as usual.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from datetime import date
from functools import partial
from pathlib import Path

from bench.harness import Figure
from bench.web import ROOT, fetch, free_port
from bench.workloads import BENCH_BY, COLOURS, build_plan, sqlite_url
from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.plan import Plan

LARGE = "bench-memory-plan"
PER_SAVE = 100


def build_large_plan(url: str, events: int) -> None:
    app = Planlogg.from_url(url)
    try:
        measure_ids = build_plan(app, LARGE, 50)
        done = app.get_plan(LARGE).version

        def hundred_reports(plan: Plan, start: int) -> None:
            for i in range(start, start + PER_SAVE):
                plan.report_status(
                    measure_ids[i % len(measure_ids)],
                    COLOURS[i % len(COLOURS)],
                    f"Statusrapport {i}",
                    date(2024, 9, 2),
                    BENCH_BY,
                )

        while done < events:
            app.change_plan(LARGE, partial(hundred_reports, start=done))
            done += PER_SAVE
    finally:
        app.close()


def peak_rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM in /proc status")


def serve_and_measure(url: str, paths: list[str], data: Path | None = None) -> tuple[float, float]:
    """Run `planlogg serve` of this checkout, make the requests; returns (peak RSS MiB, seconds
    until ready).

    `data` is its data folder; by default the folder of the SQLite file.
    """
    port = free_port()
    started = time.perf_counter()
    command = [sys.executable, "-c", "from web.cli import main; main()",
               "--database-url", url, "serve", "--no-sync", "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={
            **os.environ,
            "PLANLOGG_DATA_DIR": str(data or Path(url.removeprefix("sqlite:///")).parent),
        },
    )
    base = f"http://127.0.0.1:{port}"
    try:
        while True:
            try:
                fetch(base + "/", {})
                break
            except OSError:
                if process.poll() is not None:
                    raise RuntimeError("planlogg serve exited while starting") from None
                if time.perf_counter() - started > 600:
                    raise RuntimeError("planlogg serve did not answer in 10 minutes") from None
                time.sleep(0.2)
        ready = time.perf_counter() - started
        for path in paths:
            for _ in range(5):
                fetch(base + path, {})
        return peak_rss_mib(process.pid), ready
    finally:
        process.terminate()
        process.wait(timeout=30)


def run(quick: bool) -> list[Figure]:
    events = 5_000 if quick else 100_000
    figures = []
    with sqlite_url() as url:
        rss, ready = serve_and_measure(
            url, [f"/planer/{DEMO_PLAN}", f"/api/plans/{DEMO_PLAN}/adopted"]
        )
        figures.append(
            Figure("memory", "rss_demo", "planlogg serve, demo plan, peak RSS", rss, "MiB",
                   note=f"ready after {ready:.1f} s")
        )  # fmt: skip
    with sqlite_url() as url:
        build_large_plan(url, events)
        rss, ready = serve_and_measure(url, ["/api/plans"])
        figures.append(
            Figure("memory", "rss_100k" if events == 100_000 else "",
                   f"planlogg serve, plan of {events:,} events, peak RSS", rss, "MiB",
                   note=f"ready after {ready:.1f} s (read models catch up first)")
        )  # fmt: skip
    return figures
