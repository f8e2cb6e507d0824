"""`python -m bench`: run every benchmark and print one table of figures and ratios.

    python -m bench                  all benchmarks, full sizes, and the reliability suite
    python -m bench --quick          smaller sizes, under a minute (no reliability suite)
    python -m bench --only web       one benchmark (repeatable: --only sync --only web)
    python -m bench --record         also append a row to bench/RESULTS.md
    python -m bench --only national  the whole country on one PostgreSQL (only when asked)
    python -m bench --only national-rebuild   only its rebuild, with workers and in one process

Nothing here asserts: a figure that misses its target is shown as MISS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
import traceback

from rich.console import Console

from bench.harness import Figure, render
from bench.results import RESULTS_FILE, record

BENCHMARKS: dict[str, str] = {
    "event-store": "bench.event_store",
    "plan-load": "bench.plan_load",
    "people": "bench.people",
    "people-lookup": "bench.people_lookup",
    "projections": "bench.projections",
    "sync": "bench.sync",
    "web": "bench.web",
    "workers": "bench.workers",
    "memory": "bench.memory",
    "reliability": "bench.reliability",
    "national": "bench.national",
    "national-rebuild": "bench.national_rebuild",
}
NOT_IN_QUICK = ("reliability",)
ONLY_WHEN_ASKED = ("national", "national-rebuild")
"""Builds (or restores) millions of events: run with --only national (or national-rebuild)."""


def parse_arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, under a minute")
    parser.add_argument(
        "--only", action="append", choices=sorted(BENCHMARKS), help="run only this benchmark"
    )
    parser.add_argument("--record", action="store_true", help=f"append a row to {RESULTS_FILE}")
    return parser.parse_args(argv)


def chosen(arguments: argparse.Namespace) -> list[str]:
    if arguments.only:
        return [name for name in BENCHMARKS if name in arguments.only]
    return [
        name
        for name in BENCHMARKS
        if name not in ONLY_WHEN_ASKED and not (arguments.quick and name in NOT_IN_QUICK)
    ]


def run_one(name: str, quick: bool, console: Console) -> list[Figure]:
    """Run one benchmark; a failure is reported in the table, never hidden."""
    started = time.perf_counter()
    console.print(f"[bold]{name}[/bold] …")
    try:
        module = importlib.import_module(BENCHMARKS[name])
        figures: list[Figure] = module.run(quick)
    except Exception as error:
        console.print(traceback.format_exc(), style="red", markup=False)
        return [Figure(name, "", "NOT RUN", 0, "", note=f"{type(error).__name__}: {error}"[:120])]
    console.print(f"  {name}: {time.perf_counter() - started:.1f} s")
    return figures


def main(argv: list[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    console = Console()
    console.width = max(console.width, 160)
    figures: list[Figure] = []
    started = time.perf_counter()
    for name in chosen(arguments):
        figures.extend(run_one(name, arguments.quick, console))
    render(figures, console)
    console.print(f"Total {time.perf_counter() - started:.1f} s")
    if arguments.record:
        record([f for f in figures if f.key], arguments.quick)
        console.print(f"Recorded in {RESULTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
