"""bench/RESULTS.md: one row per recorded run, so trends show across runs.

Columns are fixed here (a figure's `key`), so rows from different runs line
up; a figure a run did not measure is shown as "–". For figures with a
baseline the ratio is recorded (absolute times on these machines are only
context); for the others, the value.
"""

from __future__ import annotations

import os
import platform
import subprocess
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from bench.harness import Figure, format_number

RESULTS_FILE = Path(__file__).with_name("RESULTS.md")

COLUMNS: tuple[tuple[str, str], ...] = (
    ("store_sqlite", "store sqlite ×raw (≥0.7)"),
    ("store_postgres", "store pg ×raw (≥0.7)"),
    ("load_10k", "load 10k ×fresh (≤3)"),
    ("load_10k_worst", "load 10k+99 ×fresh"),
    ("rebuild", "rebuild ×log read"),
    ("catchup_p50", "catch-up p50 ms"),
    ("catchup_p99", "catch-up p99 ms"),
    ("sync_req_0", "sync req 0 changed (≤2)"),
    ("sync_req_1", "sync req 1 (≤5)"),
    ("sync_req_100", "sync req 100 (≤5)"),
    ("sync_req_1000", "sync req 1000 (≤5)"),
    ("sync_cpu_growth", "sync cpu 10k/1k (≤12)"),
    ("workbook_cpu_growth", "workbook cpu 10k/1k (≤12)"),
    ("excel_req_0", "excel req 0 changed (≤2)"),
    ("excel_req_1", "excel req 1 (≤3+⌈r/20⌉)"),
    ("excel_req_100", "excel req 100 (≤3+⌈r/20⌉)"),
    ("excel_req_1000", "excel req 1000 (≤3+⌈r/20⌉)"),
    ("excel_cpu_growth", "excel cpu 10k/1k (≤12)"),
    ("web_page_1", "page ×static c1 (≥0.5)"),
    ("web_page_8", "page ×static c8"),
    ("web_page_32", "page ×static c32"),
    ("web_history_1", "history ×static c1 (≥0.5)"),
    ("web_history_8", "history ×static c8"),
    ("web_history_32", "history ×static c32"),
    ("rss_demo", "RSS demo MiB"),
    ("rss_100k", "RSS 100k events MiB"),
    ("kills", "SIGKILLs"),
    ("kills_recovered", "SIGKILLs recovered"),
    ("faults", "faults injected"),
    ("inputs", "fuzzed inputs"),
    ("inputs_refused", "fuzzed refused"),
    ("inputs_stored", "fuzzed stored exactly"),
    ("hostile_tried", "hostile inputs"),
    ("hostile_refused", "hostile refused"),
    ("hostile_stored", "hostile stored"),
    ("hostile_crashes", "hostile crashes (=0)"),
    ("bad_answers_during_rebuild", "bad answers in rebuild (=0)"),
    ("edits_lost", "edits lost (=0)"),
    ("rebuild_decode", "rebuild ×read+decode (≥0.3)"),
    ("rebuild_postgres", "rebuild pg ×log read"),
    ("rebuild_decode_postgres", "rebuild pg ×read+decode (≥0.3)"),
    ("workers_page", "page --workers 2/1 (≥1.3)"),
    ("workers_history", "history --workers 2/1 (≥1.3)"),
    ("people_list_sqlite", "people list ×each loaded (≤0.1)"),
    ("people_list_postgres", "people list pg ×each loaded (≤0.1)"),
    ("people_page_sqlite", "people page ms"),
    ("people_page_postgres", "people page pg ms"),
    ("people_find_sqlite", "person by e-mail ×everyone loaded (≤0.1)"),
    ("people_find_postgres", "person by e-mail pg ×everyone loaded (≤0.1)"),
    ("people_speaks_sqlite", "run's målformer ×everyone loaded (≤0.1)"),
    ("people_speaks_postgres", "run's målformer pg ×everyone loaded (≤0.1)"),
)

NATIONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("national_build_min", "build min (≤30; quick ≤3)"),
    ("national_mib_per_mevents", "disk MiB per M events"),
    ("national_page_1", "page ×static c1 (≥0.5)"),
    ("national_page_8", "page ×static c8"),
    ("national_page_32", "page ×static c32"),
    ("national_page_p99_32", "page p99 ms c32 (≤50)"),
    ("national_page_changed", "page after change ×static p50"),
    ("national_page_other", "page after other plan's change ×static p50"),
    ("national_history_1", "history ×static c1 (≥0.5)"),
    ("national_history_8", "history ×static c8"),
    ("national_history_32", "history ×static c32"),
    ("national_history_p99_32", "history p99 ms c32 (≤50)"),
    ("national_history_changed", "history after change ×static p50"),
    ("national_history_other", "history after other plan's change ×static p50"),
    ("national_sync_cpu", "sync cpu ×one-plan store"),
    ("national_sync_req_0", "sync req idle (≤2)"),
    ("national_sync_req_100", "sync req 100 (≤5)"),
    ("national_rss_sync", "sync RSS ×one-plan"),
    ("national_catchup_p50", "catch-up p50 ×one-plan"),
    ("national_catchup_p99", "catch-up p99 ×one-plan"),
    ("national_serve_ready_s", "serve ready s (≤5)"),
    ("national_rss_serve", "serve RSS ×one-plan"),
    ("national_rebuild_min", "rebuild min (≤5)"),
    ("national_rebuild_decode", "rebuild ×read+decode (≥0.3)"),
    ("national_rebuild_read", "rebuild ×read"),
    ("national_build_beside_min", "new version built beside min (≤5)"),
    ("national_rebuild_workers", "rebuild workers ×one process"),
    ("national_page_plain_p99_32", "page p99 ms c32 uncompressed"),
    ("national_history_plain_p99_32", "history p99 ms c32 uncompressed"),
    ("national_page_workers_p99_32", "page p99 ms c32 --workers 2 (≤50)"),
    ("national_history_workers_p99_32", "history p99 ms c32 --workers 2 (≤50)"),
    ("national_page_workers_static_p99_32", "page-size static p99 ms c32, 2 workers"),
    ("national_history_workers_static_p99_32", "history-size static p99 ms c32, 2 workers"),
    ("national_history_workers_redis_p99_32", "history p99 ms c32 --workers 2, counts in Redis"),
)
NATIONAL_HEADING = """## The whole country on one PostgreSQL

`python -m bench --only national --record` (add `--quick` for the small size).

Quick: 3 communities × 200 measures × 3 years; full: 19 × 1,000 × 10. Ratios as
above; the build, disk, serve and rebuild columns are values.
From the row of 1 December 2026 17:03 on, the page and history columns are asked for
with `Accept-Encoding: gzip`, as browsers ask, against static files of the bytes sent;
the two "uncompressed" columns are asked for without it.
From the row of 3 December 2026 11:20 on, `--workers` counts the rate limits in each
worker's memory (before, in Redis); the last column counts them in Redis.
"""


def machine() -> str:
    """Host, CPU model and core count: enough to tell machines apart in the table."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{platform.node()}, {model}, {os.cpu_count()} cores"


def commit() -> str:
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            cwd=RESULTS_FILE.parent,
            check=False,
        )
    except OSError:
        return "?"
    return result.stdout.strip() or "uncommitted"


def header(columns: tuple[tuple[str, str], ...] = COLUMNS) -> str:
    names = ["date", "machine", "commit", "mode", *(title for _, title in columns)]
    return "| " + " | ".join(names) + " |\n|" + "---|" * len(names) + "\n"


def row(
    figures: Iterable[Figure],
    quick: bool,
    when: datetime | None = None,
    columns: tuple[tuple[str, str], ...] = COLUMNS,
) -> str:
    by_key = {figure.key: figure for figure in figures}
    cells = [
        (when or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        machine().replace("|", "/"),
        commit(),
        "quick" if quick else "full",
    ]
    for key, _ in columns:
        figure = by_key.get(key)
        if figure is None:
            cells.append("–")
        else:
            mark = "" if figure.verdict != "MISS" else " ✗"
            cells.append(format_number(figure.judged) + mark)
    return "| " + " | ".join(cells) + " |\n"


def _add_row(path: Path, columns: tuple[tuple[str, str], ...], text: str, heading: str) -> None:
    """Add a row at the end of its table, whose header gets any new columns' titles.

    A table is known by its first column after "mode"; one not yet in the file is
    added at its end, under `heading`. Older rows stay as they are.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    title, rule = header(columns).splitlines(keepends=True)
    mark = f"| mode | {columns[0][1]} |"
    found = next((i for i, line in enumerate(lines) if line.startswith("| date |")
                  and mark in line), None)  # fmt: skip
    if found is None:
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines += ["\n", heading, "\n", title, rule, text]
    else:
        lines[found : found + 2] = [title, rule]
        end = next((i for i in range(found + 2, len(lines)) if not lines[i].startswith("|")),
                   len(lines))  # fmt: skip
        lines.insert(end, text)
    path.write_text("".join(lines), encoding="utf-8")


def record(figures: Iterable[Figure], quick: bool, path: Path = RESULTS_FILE) -> None:
    """Add one row to each table the run measured; the file is created with its introduction."""
    measured = list(figures)
    if not path.exists():
        path.write_text(INTRODUCTION + header(), encoding="utf-8")
    national = [f for f in measured if f.bench == "national"]
    others = [f for f in measured if f.bench != "national"]
    if others:
        _add_row(path, COLUMNS, row(others, quick), "")
    if national:
        text = row(national, quick, columns=NATIONAL_COLUMNS)
        _add_row(path, NATIONAL_COLUMNS, text, NATIONAL_HEADING)


INTRODUCTION = """# Benchmark results

One row per run of `python -m bench --record` (add `--quick` for the small
sizes). Ratios compare two things measured side by side in the same run;
absolute times on shared machines are only context and are printed by the
command, not kept here. ✗ marks a figure that misses its target (in the
column header). Reliability figures come from `tests/reliability`, run by
the same command.

"""
