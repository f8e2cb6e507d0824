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
    ("rebuild", "rebuild ×log read (≥0.3)"),
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
    ("workers_page", "page --workers 2/1 (≥1.3)"),
    ("workers_history", "history --workers 2/1 (≥1.3)"),
)


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


def header() -> str:
    names = ["date", "machine", "commit", "mode", *(title for _, title in COLUMNS)]
    return "| " + " | ".join(names) + " |\n|" + "---|" * len(names) + "\n"


def row(figures: Iterable[Figure], quick: bool, when: datetime | None = None) -> str:
    by_key = {figure.key: figure for figure in figures}
    cells = [
        (when or datetime.now()).strftime("%Y-%m-%d %H:%M"),
        machine().replace("|", "/"),
        commit(),
        "quick" if quick else "full",
    ]
    for key, _ in COLUMNS:
        figure = by_key.get(key)
        if figure is None:
            cells.append("–")
        else:
            mark = "" if figure.verdict != "MISS" else " ✗"
            cells.append(format_number(figure.judged) + mark)
    return "| " + " | ".join(cells) + " |\n"


def _update_header(path: Path) -> None:
    """Columns added since the file was started get their titles; older rows stay as they are."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new_title, new_rule = header().splitlines(keepends=True)
    for index, line in enumerate(lines[:-1]):
        if line.startswith("| date |") and line != new_title:
            lines[index : index + 2] = [new_title, new_rule]
            path.write_text("".join(lines), encoding="utf-8")
            return


def record(figures: Iterable[Figure], quick: bool, path: Path = RESULTS_FILE) -> None:
    """Append one row; the file is created with its explanation and header first."""
    if not path.exists():
        path.write_text(INTRODUCTION + header(), encoding="utf-8")
    _update_header(path)
    with path.open("a", encoding="utf-8") as results:
        results.write(row(figures, quick))


INTRODUCTION = """# Benchmark results

One row per run of `python -m bench --record` (add `--quick` for the small
sizes). Ratios compare two things measured side by side in the same run;
absolute times on shared machines are only context and are printed by the
command, not kept here. ✗ marks a figure that misses its target (in the
column header). Reliability figures come from `tests/reliability`, run by
the same command.

"""
