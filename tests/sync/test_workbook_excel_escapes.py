"""Text as Excel stores it in a workbook: OOXML writes a character XML cannot carry as
«_xHHHH_» (a carriage return as «_x000D_», ISO/IEC 29500-1 §22.9.2.19), and the underscore
of a «_xHHHH_» a person typed as «_x005F_». Both are read as what Excel shows; what
Planlogg writes is escaped alike, so it reads back as written and is not written again."""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.application import Planlogg
from projections import ReadModels
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.workbook import WorkbookBackend, cell_text
from tests.conftest import EventClock
from tests.sync.conftest import PLAN, WEB

MARK = "MERKE-FOR-TEKST"
TYPED_ESCAPE = "Skriv _x000D_ for linjeskift"
"""What a person typed, word for word: Excel stores it «Skriv _x005F_x000D_ for linjeskift»."""


def _cycle(plan_app: Planlogg, workbook: WorkbookBackend) -> int:
    return SheetSync(plan_app, ReadModels.open(plan_app)).cycle(workbook, PLAN).written


def _shown(workbook: WorkbookBackend, measure_id: str, column: str) -> str:
    """The cell as the backend reads it."""
    snapshot = workbook.read()
    for row in snapshot.rows:
        if row[snapshot.header.index("ID")] == measure_id:
            return row[snapshot.header.index(column)]
    raise KeyError(measure_id)


def _save_as_excel_does(path: Path, typed: dict[tuple[str, str], str]) -> None:
    """Type into the plan's cells ((measure, column): text as stored, escapes included) and
    save as Excel does: every text in the shared string table (openpyxl writes each
    in its cell), which openpyxl reads with «x005F_» dropped."""
    book = load_workbook(path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    marks: dict[str, str] = {}
    for row in range(2, tab.max_row + 1):
        for (measure_id, column), xml_text in typed.items():
            if tab.cell(row, header.index("ID") + 1).value == measure_id:
                mark = f"{MARK}-{len(marks)}"
                tab.cell(row, header.index(column) + 1).value = mark
                marks[mark] = xml_text
    assert len(marks) == len(typed), "a measure typed into is not on the tab"
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    strings: list[bytes] = []

    def shared(found: re.Match[bytes]) -> bytes:
        text = found[2]
        for mark, xml_text in marks.items():
            text = text.replace(mark.encode(), xml_text.encode())
        strings.append(text)
        return b'%s t="s"><v>%d</v></c>' % (found[1], len(strings) - 1)

    inline = re.compile(
        rb'(<c r="[A-Z]+[0-9]+"[^>]*?) t="inlineStr"><is><t[^>]*>(.*?)</t></is></c>'
    )
    for name in [n for n in parts if n.startswith("xl/worksheets/sheet")]:
        parts[name] = inline.sub(shared, parts[name])
    main = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    parts["xl/sharedStrings.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" '
        b'uniqueCount="%d">%s</sst>'
        % (
            main,
            len(strings),
            len(strings),
            b"".join(b'<si><t xml:space="preserve">%s</t></si>' % s for s in strings),
        )
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
    )
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rIdStrings" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
        b"</Relationships>",
    )
    assert all(mark.encode() not in b"".join(parts.values()) for mark in marks)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _plan_tab_xml(path: Path) -> bytes:
    book = load_workbook(path, read_only=True)
    part = book[PLAN]._worksheet_path.lstrip("/")
    book.close()
    with zipfile.ZipFile(path) as archive:
        return archive.read(part)


def test_windows_line_breaks_in_the_shared_strings_read_as_line_breaks(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel keeps text in its shared string table, a CR LF there as «_x000D_» and a line
    feed; Planlogg stores the line break, and has nothing to write back."""
    _save_as_excel_does(
        workbook.path,
        {("T001", "Status"): "grønn", ("T001", "Statuskommentar"): "Første_x000D_\nAndre"},
    )
    _cycle(plan_app, workbook)
    status = plan_app.get_plan(PLAN).measure("T001").status
    assert status is not None and status.comment == "Første\nAndre"
    assert _cycle(plan_app, workbook) == 0


def test_an_escape_a_person_typed_is_kept_as_typed(
    event_clock: EventClock, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """«_x000D_» typed in Excel is stored «_x005F_x000D_» and shown as typed: it is no line
    break, and stays as typed when Planlogg saves the workbook (openpyxl by itself reads it
    as «_x000D_» and saves it so, where Excel shows a line break)."""
    _save_as_excel_does(
        workbook.path,
        {
            ("T001", "Status"): "gul",
            ("T001", "Statuskommentar"): TYPED_ESCAPE.replace("_x", "_x005F_x"),
            ("T002", "Indikator"): "Andel _x005F_x0041_",
        },
    )
    _cycle(plan_app, workbook)
    plan = plan_app.get_plan(PLAN)
    status = plan.measure("T001").status
    assert status is not None and status.comment == TYPED_ESCAPE
    assert plan.measure("T002").smart.indicator == "Andel _x0041_"
    plan_app.reword_measure(PLAN, "T003", "Nytt ord fra nettsiden", WEB)
    assert _cycle(plan_app, workbook) == 2
    assert _shown(workbook, "T001", "Statuskommentar") == TYPED_ESCAPE
    assert _shown(workbook, "T002", "Indikator") == "Andel _x0041_"
    assert _cycle(plan_app, workbook) == 0
    assert plan_app.get_plan(PLAN).measure("T002").smart.indicator == "Andel _x0041_"


def test_what_planlogg_writes_reads_back_unchanged(
    event_clock: EventClock, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A comment with a line break, and one with a «_x000D_» a person typed on a page,
    written by Planlogg read back as written (the second escaped as Excel escapes it, so
    Excel shows it as typed too), and the next cycle writes nothing."""
    plan_app.report_status(PLAN, "T001", "gul", "Linje en\nLinje to", WEB)
    plan_app.report_status(PLAN, "T002", "gul", TYPED_ESCAPE, WEB)
    assert _cycle(plan_app, workbook) == 8
    assert _shown(workbook, "T001", "Statuskommentar") == "Linje en\nLinje to"
    assert _shown(workbook, "T002", "Statuskommentar") == TYPED_ESCAPE
    assert b"Skriv _x005F_x000D_ for linjeskift" in _plan_tab_xml(workbook.path)
    assert _cycle(plan_app, workbook) == 0
    plan = plan_app.get_plan(PLAN)
    comments = [plan.measure(m).status for m in ("T001", "T002")]
    assert [s.comment if s else None for s in comments] == ["Linje en\nLinje to", TYPED_ESCAPE]


def test_a_date_and_a_years_number_read_as_before(
    plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """A date Excel made of what was typed, and a whole number, are not decimals: the
    deadline is the date, and a year's heading typed as a number is the year's column."""
    book = load_workbook(workbook.path)
    tab = book[PLAN]
    header = [cell.value for cell in tab[1]]
    frist = tab.cell(2, header.index("Frist") + 1)
    frist.value, frist.number_format = datetime(2025, 6, 1), "dd.mm.yyyy"
    year = tab.cell(1, header.index("2025") + 1)
    year.value, year.number_format = 2025.0, "General"
    tab.cell(2, header.index("2025") + 1).value = "x"
    book.properties.lastModifiedBy = "Siri Sekretær"
    book.save(workbook.path)
    _cycle(plan_app, workbook)
    measure = plan_app.get_plan(PLAN).measure("T001")
    assert measure.smart.deadline == date(2025, 6, 1)
    assert workbook.read().header == list(Layout.for_years((2024, 2025)).headings)
    assert measure.marks[2025] == "x"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (12.5, "12,5"),
        (-0.25, "-0,25"),
        (0.1 + 0.2, "0,3"),
        (2025, "2025"),
        (2025.0, "2025"),
        (datetime(2025, 3, 1), "01.03.2025"),
        (datetime(2025, 3, 1, 14, 30), "01.03.2025 14:30"),
        (date(2025, 3, 1), "01.03.2025"),
        ("1.10", "1.10"),
        ("Første_x000D_\nAndre", "Første\r\nAndre"),
        ("_x005F_x000D_", "_x000D_"),
        ("_x005f_x005F_", "_x005F_"),
        ("_x00", "_x00"),
    ],
)
def test_cells_read_as_norwegian_excel_shows_them(value: object, text: str) -> None:
    assert cell_text(value) == text
