"""Timing tools shared by the benchmarks: interleaved A/B runs, medians, the table.

These machines are noisy, so an absolute time means little on its own. Every
benchmark therefore measures what it is about (A) next to a baseline (B) in
the same process, alternating A-B / B-A round by round so that drift (other
load, CPU frequency, a cold cache) hits both sides alike; the figure that
matters is the ratio of the medians.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Target:
    """A target for a ratio: at least (`>=`) or at most (`<=`) a value."""

    op: str
    value: float

    def met(self, ratio: float) -> bool:
        return ratio >= self.value if self.op == ">=" else ratio <= self.value

    def __str__(self) -> str:
        return f"{'≥' if self.op == '>=' else '≤'} {self.value:g}"


@dataclass(frozen=True)
class Figure:
    """One measured figure, with its baseline and ratio when it has one.

    `key` names its column in bench/RESULTS.md.
    """

    bench: str
    key: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    baseline_label: str = ""
    ratio: float | None = None
    target: Target | None = None
    note: str = ""

    @property
    def judged(self) -> float:
        """What the target applies to: the ratio, or the value itself when there is none."""
        return self.value if self.ratio is None else self.ratio

    @property
    def verdict(self) -> str:
        if self.target is None:
            return ""
        return "PASS" if self.target.met(self.judged) else "MISS"


@dataclass
class Samples:
    """Per-round measurements of one side of a comparison."""

    label: str
    values: list[float] = field(default_factory=list)

    @property
    def median(self) -> float:
        return median(self.values)


def median(values: Sequence[float]) -> float:
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def percentile(values: Sequence[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.99 for p99)."""
    if not values:
        raise ValueError("no samples")
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def wall_seconds(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def cpu_seconds(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def interleave(
    a: Callable[[], float], b: Callable[[], float], rounds: int, a_label: str, b_label: str
) -> tuple[Samples, Samples]:
    """Run `a` and `b` alternately (A-B, then B-A, …); each call returns one measurement."""
    first, second = Samples(a_label), Samples(b_label)
    for round_number in range(rounds):
        if round_number % 2 == 0:
            first.values.append(a())
            second.values.append(b())
        else:
            second.values.append(b())
            first.values.append(a())
    return first, second


def rate_per_second(count: int, action: Callable[[], object]) -> Callable[[], float]:
    """Wrap `action` (doing `count` operations) into a measurement of operations per second."""

    def measure() -> float:
        return count / wall_seconds(action)

    return measure


def render(figures: Iterable[Figure], console: Console | None = None) -> None:
    """Print all figures as one table: figure, baseline, ratio, target, verdict."""
    table = Table(title="Planlogg benchmarks", show_lines=False)
    for column, justify in (
        ("bench", "left"),
        ("figure", "left"),
        ("value", "right"),
        ("baseline", "right"),
        ("ratio", "right"),
        ("target", "right"),
        ("", "left"),
        ("note", "left"),
    ):
        table.add_column(column, justify=justify)  # type: ignore[arg-type]
    for figure in figures:
        verdict = figure.verdict
        style = {"PASS": "green", "MISS": "bold red"}.get(verdict, "")
        table.add_row(
            figure.bench,
            figure.name,
            f"{format_number(figure.value)} {figure.unit}".strip(),
            (
                f"{format_number(figure.baseline)} ({figure.baseline_label})"
                if figure.baseline is not None
                else ""
            ),
            f"{figure.ratio:.2f}" if figure.ratio is not None else "",
            str(figure.target) if figure.target else "",
            f"[{style}]{verdict}[/{style}]" if verdict else "",
            figure.note,
        )
    if console is None:
        console = Console()
        console.width = max(console.width, 160)
    console.print(table)


def format_number(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e6:
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"
