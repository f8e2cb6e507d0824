"""The public page of a plan in force, shown anew after a change by its changed rows only.

A plan of 1,000 measures renders in most of a second, and every status report
moved the plan's position, so the first reader after each change waited for
all of it. What changes between two reports is almost always a few measures'
progress (status, evaluations): every other change to what the page shows (a
new version, a title, a body's name) writes an audit row that names no measure
(`ReadModels.measures_changed_since`). So the page is kept cut into its
measure rows (`PlanPage`), with the position it shows; after a change to
measures only, those rows are rendered again from the same row template the
whole page uses and put in their places. Anything else renders it whole.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from flask import render_template

from domain.measure_fields import PUBLIC_PROGRESS
from domain.state_json import to_json

ROW = re.compile(r"<!--planlogg:row ([^>]*?)-->(.*?)<!--planlogg:row-end-->", re.DOTALL)
"""A measure's row as `_measure_table.html` marks it when asked to (`row_marks`)."""


@dataclass(frozen=True)
class PlanPage:
    """A rendered plan page cut at its measure rows, and what a row is rendered from."""

    position: int
    """The plan's position (`ReadModels.plan_positions`) the page shows."""
    parts: tuple[bytes, ...]
    """The page, encoded: text between rows, and the rows, in order; the marks left out.
    Encoded once, part by part: encoding the whole page took 4 ms of each patch."""
    rows: Mapping[str, int]
    """Each measure's row: its index in `parts`, by measure ID."""
    adopted: Mapping[str, dict[str, Any]]
    """Each measure as the version in force adopted it (before its newest progress)."""
    plan: Mapping[str, Any]
    """What a row reads of the plan: its key and years."""


def cut_into_rows(
    page: str, position: int, adopted: Mapping[str, dict[str, Any]], plan: Mapping[str, Any]
) -> PlanPage:
    """A whole page, rendered with `row_marks`, cut at its rows."""
    parts: list[bytes] = []
    rows: dict[str, int] = {}
    start = 0
    for found in ROW.finditer(page):
        parts.append(page[start : found.start()].encode())
        rows[found.group(1)] = len(parts)
        parts.append(found.group(2).encode())
        start = found.end()
    parts.append(page[start:].encode())
    return PlanPage(position, tuple(parts), rows, adopted, plan)


def with_progress(adopted: dict[str, Any], latest: Any) -> dict[str, Any]:
    """An adopted measure with the newest value of each public progress field (status,
    evaluations) of the measure's latest state, `latest` (`ReadModels.latest_measures`: a
    measure the draft removed too); as adopted when there is none."""
    if latest is None:
        return adopted
    shown = dict(adopted)
    for name in PUBLIC_PROGRESS:
        value = getattr(latest, name)
        if value is not None:
            shown[name] = to_json(value)
    return shown


def patched(page: PlanPage, position: int, latest: Mapping[str, Any]) -> PlanPage:
    """The page at `position`, with the rows of the measures in `latest` (the changed ones
    the page shows, each with its latest state or None) rendered anew."""
    parts = list(page.parts)
    for measure_id, found in latest.items():
        parts[page.rows[measure_id]] = render_row(with_progress(page.adopted[measure_id], found),
                                                  page.plan)  # fmt: skip
    return replace(page, position=position, parts=tuple(parts))


def render_row(measure: dict[str, Any], plan: Mapping[str, Any]) -> bytes:
    return render_template("public/_measure_row.html", measure=measure, plan=plan).encode()
