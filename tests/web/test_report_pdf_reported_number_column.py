"""In the PDF's "Rapportert av organene", a report's measure number with words stays in its
column.

A report on a measure renumbered since is named "0.1.1 (rapportert som 9.9.9)", one on a
measure the plan in force does not have "0.0.1 (ikke i planen som gjelder)". In the 12 mm
column that may not wrap (`.nr`), the words ran over the Status and Kommentar columns,
printed on top of them. There the column is wider and its words wrap between them.
Read back from WeasyPrint's layout.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime

import pytest

from domain.application import Planlogg
from projections.annual_report import ReportInputs, build_annual_report
from projections.documents import ChainHead
from projections.status_history import ReportedStatus
from tests.projections.demo_plan import demo_plan_document
from web.reports.html import report_html


def _reported(measure_id: str, number: str, day: int) -> ReportedStatus:
    return ReportedStatus(
        measure_id=measure_id, number=number, responsible=("ASU",), colour="green",
        comment="Ferdig", reporter="Kari", reported_on=date(2024, 9, day), body="",
        round_id="", source="web", recorded_at=datetime(2024, 9, day, tzinfo=UTC),
    )  # fmt: skip


def _text_boxes(box: object, cell: object = None) -> Iterator[tuple[object, object]]:
    """Each text box of a laid-out page, with the table cell it stands in (None: none)."""
    from weasyprint.formatting_structure import boxes

    if isinstance(box, boxes.TableCellBox):
        cell = box
    if isinstance(box, boxes.TextBox):
        yield box, cell
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, cell)


@pytest.fixture(scope="module")
def cells() -> list[tuple[object, list[object]]]:
    """The table cells of the demo's 2024 report with one report under the number 9.9.9
    (renumbered since) and one on a measure the plan in force does not have, each with its
    text boxes (its lines)."""
    from weasyprint import HTML

    plan = demo_plan_document(Planlogg.from_url("memory:"))
    first = plan.measures()[0]
    report = build_annual_report(
        ReportInputs(
            year=2024, made_on=date(2025, 1, 15), plan=plan, in_force=plan,
            in_force_from=date(2022, 3, 24), community="Helsefellesskapet",
            head=ChainHead(0, "0" * 64, None),
            history=[_reported(first.id, "9.9.9", 2), _reported("fjernet", "0.0.1", 4)],
            rounds=(), decisions=(), approvals=(),
        )
    )  # fmt: skip
    found: dict[int, tuple[object, list[object]]] = {}
    for page in HTML(string=report_html(report)).render().pages:
        for text, cell in _text_boxes(page._page_box):
            if cell is not None:
                found.setdefault(id(cell), (cell, []))[1].append(text)
    return list(found.values())


@pytest.mark.parametrize(
    "words", ["0.1.1 (rapportert som 9.9.9)", "0.0.1 (ikke i planen som gjelder)"]
)
def test_a_body_reports_measure_number_stays_inside_its_column(
    cells: list[tuple[object, list[object]]], words: str
) -> None:
    """One cell holds the words, broken between words only, every line inside the cell."""
    ((cell, lines),) = [
        (c, t)
        for c, t in cells
        if " ".join(x.text for x in t) == words  # type: ignore[attr-defined]
    ]
    cell_right = cell.border_box_x() + cell.border_width()  # type: ignore[attr-defined]
    overflowing = [
        line.text  # type: ignore[attr-defined]
        for line in lines
        if line.position_x + line.width > cell_right  # type: ignore[attr-defined]
    ]
    assert overflowing == []
