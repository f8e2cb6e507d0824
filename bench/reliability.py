"""The reliability suite's figures: SIGKILLs survived, faults injected, inputs tried, edits lost.

The tests in tests/reliability count what they did with pytest's
`record_property` (e.g. `record_property("kills", 25)`). This runs them in a
subprocess with a JUnit XML report and adds the counts up, so the figures in
the table and in bench/RESULTS.md are the ones of a real, passing (or not)
run of the same tests CI runs.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from collections import Counter
from pathlib import Path

from bench.harness import Figure, Target

ROOT = Path(__file__).resolve().parent.parent
SUITE = "tests/reliability"

FIGURES: tuple[tuple[str, str, Target | None], ...] = (
    ("kills", "sync processes SIGKILLed", None),
    ("kills_mid_cycle", "  of which inside a cycle", None),
    ("kills_recovered", "  recovered with every edit once", None),
    ("faults", "emulator faults injected", None),
    ("fault_reports", "  cycles that reported a failure", None),
    ("writes", "concurrent writes (4 processes, PostgreSQL)", None),
    ("inputs", "fuzzed inputs tried", None),
    ("inputs_refused", "  refused with a message", None),
    ("inputs_stored", "  stored as exactly what they mean", None),
    ("requests_during_rebuild", "answers during a rebuild", None),
    ("bad_answers_during_rebuild", "  wrong or failed answers", Target("<=", 0)),
    ("edits_lost", "edits lost or applied twice", Target("<=", 0)),
)


def run_suite() -> tuple[Counter[str], dict[str, int], int]:
    """Run the suite; returns the summed properties, test outcome counts and exit code."""
    with tempfile.TemporaryDirectory(prefix="planlogg-reliability-") as directory:
        report = Path(directory) / "junit.xml"
        completed = subprocess.run(
            [
                sys.executable,
                "-m",
                "pytest",
                SUITE,
                "-q",
                "-p",
                "no:cacheprovider",
                "-o",
                "junit_family=xunit1",
                f"--junitxml={report}",
            ],
            cwd=ROOT,
            check=False,
        )
        if not report.exists():
            raise RuntimeError(f"pytest wrote no report (exit code {completed.returncode})")
        return (*read_report(report), completed.returncode)


def read_report(report: Path) -> tuple[Counter[str], dict[str, int]]:
    tree = ElementTree.parse(report)
    totals: Counter[str] = Counter()
    outcomes = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for suite in tree.iter("testsuite"):
        for name in outcomes:
            outcomes[name] += int(suite.get(name, "0"))
    for prop in tree.iter("property"):
        try:
            totals[prop.get("name", "")] += int(float(prop.get("value", "0")))
        except ValueError:
            continue
    return totals, outcomes


def run(quick: bool) -> list[Figure]:
    totals, outcomes, code = run_suite()
    failed = outcomes["failures"] + outcomes["errors"]
    figures = [
        Figure(
            bench="reliability",
            key="",
            name="tests passed",
            value=outcomes["tests"] - failed - outcomes["skipped"],
            unit=f"of {outcomes['tests']}",
            target=None,
            note=f"{failed} failed, {outcomes['skipped']} skipped, pytest exit {code}",
        )
    ]
    figures += [
        Figure(bench="reliability", key=key, name=name, value=totals[key], unit="", target=target)
        for key, name, target in FIGURES
    ]
    return figures + probe_figures(totals)


PROBE_OUTCOMES = ("tried", "refused", "stored", "crashes")


def probe_figures(totals: Counter[str]) -> list[Figure]:
    """The hostile-input probes: per class and entry how many inputs were tried and how
    they ended (`probe:<class>:<entry>:<outcome>` properties), then the totals."""
    entries = sorted({key.rsplit(":", 1)[0] for key in totals if key.startswith("probe:")})
    figures = []
    for entry in entries:
        _, klass, where = entry.split(":", 2)
        counts = {outcome: totals[f"{entry}:{outcome}"] for outcome in PROBE_OUTCOMES}
        figures.append(
            Figure(
                bench="reliability",
                key=entry,
                name=f"{klass}: {where}",
                value=counts["tried"],
                unit="tried",
                target=None,
                note=f"{counts['refused']} refused, {counts['stored']} stored, "
                f"{counts['crashes']} crashes",
            )
        )
    for outcome in PROBE_OUTCOMES:
        total = sum(totals[f"{entry}:{outcome}"] for entry in entries)
        target = Target("<=", 0) if outcome == "crashes" else None
        name = f"hostile inputs {outcome}"
        figures.append(
            Figure(bench="reliability", key=f"hostile_{outcome}", name=name, value=total,
                   unit="", target=target)
        )  # fmt: skip
    return figures
