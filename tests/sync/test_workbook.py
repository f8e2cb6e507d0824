"""The local .xlsx backend: lock files, atomic writes, text stays text, attribution."""

from __future__ import annotations

import re
import zipfile
from datetime import datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.styles import PatternFill
from openpyxl.utils import get_column_letter

from domain.application import Planlogg
from sync.backend import SheetBusy
from sync.cycle import SheetSync
from sync.layout import Layout
from sync.link import find_link
from sync.loop import lay_out
from sync.restore import restore
from sync.workbook import WorkbookBackend, cell_text
from sync.workbook_marks import workbook_identity
from tests.conftest import EventClock
from tests.sync.conftest import PLAN, WEB


def _edit(path: Path, cells: dict[str, str], who: str = "Siri Sekretær") -> None:
    book = load_workbook(path)
    for label, value in cells.items():
        book[PLAN][label] = value
    book.properties.lastModifiedBy = who
    book.save(path)


def _letter(heading: str) -> str:
    return get_column_letter(Layout.for_years((2024, 2025)).headings.index(heading) + 1)


def _excel_formula(path: Path, label: str, formula: str, result: str, tab: str = PLAN) -> None:
    """Type a formula in a tab as Excel saves it: with its computed text result."""
    book = load_workbook(path)
    book[tab][label] = formula
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        parts = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    cell = re.compile(rb'(<c r="%s")([^>]*>)(<f>[^<]*</f>)<v></v>' % label.encode())
    part = f"xl/worksheets/sheet{book.sheetnames.index(tab) + 1}.xml"
    parts[part], found = cell.subn(rb'\1 t="str"\2\3<v>%s</v>' % result.encode(), parts[part])
    assert found == 1, "the formula was not found in the saved tab"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def test_laying_out_creates_the_workbook_with_tabs_dropdown_and_colours(
    workbook: WorkbookBackend,
) -> None:
    book = load_workbook(workbook.path)
    assert book.sheetnames == [PLAN, "Oversikt", "Vedtak"]
    sheet = book[PLAN]
    assert [c.value for c in sheet[1]][:3] == ["ID", "Nr", "Innsatsområde"]
    [validation] = sheet.data_validations.dataValidation
    assert validation.formula1 == '"grønn,gul,rød"'
    assert len(sheet.conditional_formatting) == 1
    assert sheet["A2"].value == "T001"


def test_a_saved_edit_is_attributed_to_the_last_modified_by(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _edit(workbook.path, {"I3": "Raud"})
    assert sheet_sync.cycle(workbook, PLAN).applied == 1
    reported = plan_app.get_plan(PLAN).measure("T002").status
    assert reported is not None and reported.reporter == "Siri Sekretær"
    assert load_workbook(workbook.path)[PLAN]["I3"].value == "rød"


def test_text_that_looks_like_a_formula_is_written_as_text(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    plan_app.reword_measure(PLAN, "T001", '=IMPORTXML("http://x", "//a")', WEB)
    sheet_sync.cycle(workbook, PLAN)
    cell = load_workbook(workbook.path)[PLAN]["E2"]
    assert (cell.value, cell.data_type) == ('=IMPORTXML("http://x", "//a")', "s")


def test_nothing_is_written_while_the_workbook_is_open_elsewhere(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    lock = workbook.path.parent / f".~lock.{workbook.path.name}#"
    lock.write_text("LibreOffice")
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    before = workbook.path.read_bytes()
    with pytest.raises(SheetBusy, match="åpen i Excel eller LibreOffice"):
        sheet_sync.cycle(workbook, PLAN)
    assert workbook.path.read_bytes() == before
    lock.unlink()
    sheet_sync.cycle(workbook, PLAN)
    assert load_workbook(workbook.path)[PLAN]["E2"].value == "Ny tekst"


def test_an_excel_lock_file_also_blocks_writing(workbook: WorkbookBackend) -> None:
    (workbook.path.parent / f"~${workbook.path.name}").write_text("")
    with pytest.raises(SheetBusy, match="åpen i Excel eller LibreOffice"):
        workbook.check_not_open()


def test_writes_replace_the_file_whole_and_leave_no_temporary_files(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    inode = workbook.path.stat().st_ino
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    sheet_sync.cycle(workbook, PLAN)
    assert workbook.path.stat().st_ino != inode
    assert [p.name for p in workbook.path.parent.iterdir()] == ["plan.xlsx"]


def test_invalid_input_gets_a_comment_on_the_cell(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    _edit(workbook.path, {"G4": "kanskje"})
    sheet_sync.cycle(workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert sheet["G4"].value == "kanskje"
    assert "Forstår ikke" in sheet["G4"].comment.text
    melding = get_column_letter(Layout.for_years((2024, 2025)).index("Melding") + 1)
    assert "Forstår ikke" in sheet[f"{melding}4"].value


@pytest.mark.parametrize(
    ("value", "text"),
    [(None, ""), (3.0, "3"), (1.5, "1,5"), (datetime(2025, 3, 1), "01.03.2025"), ("x", "x")],
)
def test_cells_read_as_people_see_them(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_laying_out_again_keeps_data_and_adds_no_duplicate_rules(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    lay_out(plan_app, workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert len(sheet.conditional_formatting) == 1
    assert len(sheet.data_validations.dataValidation) == 1
    assert sheet_sync.cycle(workbook, PLAN).written == 0


def test_the_workbook_and_its_plan_tab_carry_marks_that_survive_renames(
    workbook: WorkbookBackend,
) -> None:
    book = load_workbook(workbook.path)
    assert book[PLAN].sheet_properties.codeName == "Planlogg_testplan"
    assert book.defined_names["Planlogg_testplan"].attr_text == f"'{PLAN}'!$A$1"
    assert workbook.target == f"workbook:{workbook_identity(workbook.path)}"
    assert len(workbook_identity(workbook.path)) == 36


def test_a_tab_renamed_in_excel_is_found_by_its_code_name(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel and openpyxl keep the code name; here the defined name was left stale, as an
    openpyxl rename leaves it."""
    book = load_workbook(workbook.path)
    book[PLAN].title = "Handlingsplan"
    book.save(workbook.path)
    plan_app.reword_measure(PLAN, "T001", "Etter omdøyping", WEB)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    assert book.sheetnames == ["Handlingsplan", "Oversikt", "Vedtak"]
    assert book["Handlingsplan"]["E2"].value == "Etter omdøyping"
    assert book.defined_names["Planlogg_testplan"].attr_text == "'Handlingsplan'!$A$1"


def test_a_moved_workbook_is_the_same_sheet(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend, tmp_path: Path
) -> None:
    moved = tmp_path / "arkiv" / "handlingsplan-2024.xlsx"
    moved.parent.mkdir()
    target = workbook.target
    workbook.path.rename(moved)
    elsewhere = WorkbookBackend(moved, PLAN)
    assert elsewhere.target == target
    plan_app.reword_measure(PLAN, "T002", "Etter flytting", WEB)
    report = sheet_sync.cycle(elsewhere, PLAN)
    assert (report.conflicts, report.applied) == (0, 0)
    assert load_workbook(moved)[PLAN]["E3"].value == "Etter flytting"
    assert sheet_sync.cycle(elsewhere, PLAN).written == 0


def test_a_link_from_before_the_marks_moves_to_the_stable_target_once(
    sheet_sync: SheetSync, plan_app: Planlogg, tmp_path: Path
) -> None:
    """A workbook laid out by an older Planlogg has neither identity nor marks, and its
    link is kept under the path and the tab's title; its first cycle moves the link."""
    old = WorkbookBackend(tmp_path / "plan.xlsx", PLAN)
    lay_out(plan_app, old, PLAN)
    book = load_workbook(old.path)
    book.custom_doc_props.props = []
    del book.defined_names["Planlogg_testplan"]
    book[PLAN].sheet_properties.codeName = None
    book.save(old.path)
    legacy = f"workbook:{old.path}#{PLAN}"
    assert old.target == legacy
    sheet_sync.cycle(old, PLAN)
    assert find_link(plan_app, PLAN, legacy) is not None
    lay_out(plan_app, old, PLAN)
    assert old.target != legacy
    _edit(old.path, {"I3": "gul"})
    report = sheet_sync.cycle(old, PLAN)
    assert (report.applied, report.conflicts) == (1, 0)
    moved = find_link(plan_app, PLAN, old.target)
    retired = find_link(plan_app, PLAN, legacy)
    assert moved is not None and retired is not None
    assert retired.successor == old.target
    assert moved.base["T001"]["Tiltak"] == "Tiltak nummer 1"
    kinds = [type(e).__name__ for e in plan_app.events.get(moved.id)]
    assert kinds[:2] == ["SheetLinked", "BaseAdopted"]


def test_what_people_set_up_survives_planlogg_writes(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    sheet.row_dimensions[3].hidden = True
    sheet.column_dimensions["C"].hidden = True
    sheet.column_dimensions["E"].width = 60
    sheet.freeze_panes = "C2"
    sheet.auto_filter.ref = "A1:E7"
    sheet["E4"].fill = PatternFill("solid", fgColor="FFFF00")
    book.save(workbook.path)
    plan_app.reword_measure(PLAN, "T003", "Ny tekst", WEB)
    lay_out(plan_app, workbook, PLAN)
    sheet_sync.cycle(workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert sheet["E4"].value == "Ny tekst"
    assert (sheet.row_dimensions[3].hidden, sheet.column_dimensions["C"].hidden) == (True, True)
    assert (sheet.column_dimensions["E"].width, sheet.freeze_panes) == (60, "C2")
    assert sheet.auto_filter.ref == "A1:E7"
    assert sheet["E4"].fill.fgColor.rgb == "00FFFF00"


def test_restore_into_a_new_file_keeps_the_damaged_one_as_it_was(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend, tmp_path: Path
) -> None:
    _edit(workbook.path, {"E2": "Ikkje synkronisert"})
    book = load_workbook(workbook.path)
    book[PLAN].delete_rows(3, 5)
    book.save(workbook.path)
    fresh = WorkbookBackend(tmp_path / "ny.xlsx", PLAN)
    report = restore(sheet_sync, workbook, PLAN, to=fresh)
    assert (report.kept, report.label) == (1, "ny.xlsx")
    assert fresh.target != workbook.target
    assert [c.value for c in load_workbook(fresh.path)[PLAN]["A"]][1:] == [
        f"T00{n}" for n in range(1, 7)
    ]
    assert load_workbook(workbook.path)[PLAN]["E2"].value == "Ikkje synkronisert"


def test_a_formulas_result_survives_planlogg_saving_the_workbook(
    event_clock: EventClock, sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """openpyxl saves a formula without the result Excel stored beside it; read again, the
    cell was empty, and the indicator was cleared in the name of the last editor."""
    label = f"{_letter('Indikator')}3"
    _excel_formula(workbook.path, label, '="Andel "&"pasientar"', "Andel pasientar")
    assert sheet_sync.cycle(workbook, PLAN).applied == 1
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    assert sheet_sync.cycle(workbook, PLAN).written == 2
    assert sheet_sync.cycle(workbook, PLAN).applied == 0
    assert plan_app.get_plan(PLAN).measure("T002").smart.indicator == "Andel pasientar"
    assert load_workbook(workbook.path)[PLAN][label].value == '="Andel "&"pasientar"'
    shown = load_workbook(workbook.path, data_only=True)[PLAN][label]
    assert (shown.value, shown.data_type) == ("Andel pasientar", "s")


def test_a_row_whose_only_own_content_is_a_formula_is_kept_after_planlogg_saved(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    own = get_column_letter(len(Layout.for_years((2024, 2025)).headings) + 1)
    _edit(workbook.path, {f"{own}1": "Notat"})
    _excel_formula(workbook.path, f"{own}2", '="Sjå "&"møtebok"', "Sjå møtebok")
    plan_app.reword_measure(PLAN, "T003", "Endra", WEB)
    sheet_sync.cycle(workbook, PLAN)
    plan_app.remove_measure(PLAN, "T001", WEB)
    sheet_sync.cycle(workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert (sheet["A2"].value, sheet[f"{own}2"].value) == ("T001", '="Sjå "&"møtebok"')


def test_a_merged_range_reads_as_its_value_on_every_row(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    book = load_workbook(workbook.path)
    book[PLAN].merge_cells(f"{_letter('Ansvar')}2:{_letter('Ansvar')}4")
    book.save(workbook.path)
    report = sheet_sync.cycle(workbook, PLAN)
    assert (report.applied, report.written) == (0, 0)
    plan = plan_app.get_plan(PLAN)
    assert [plan.measure(f"T00{n}").responsible for n in (1, 2, 3)] == [("PSU",)] * 3


def test_writing_into_a_merged_range_unmerges_it_and_keeps_every_rows_value(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    column = _letter("Ansvar")
    book = load_workbook(workbook.path)
    book[PLAN].merge_cells(f"{column}2:{column}4")
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    plan_app.assign_responsible(PLAN, "T002", ["ASU"], WEB)
    sheet_sync.cycle(workbook, PLAN)
    assert sheet_sync.cycle(workbook, PLAN).applied == 0
    sheet = load_workbook(workbook.path)[PLAN]
    assert [sheet[f"{column}{row}"].value for row in (2, 3, 4)] == ["PSU", "ASU", "PSU"]
    assert sheet.merged_cells.ranges == set()


def test_deleting_a_row_unmerges_its_ranges_and_moves_the_ranges_below_up(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    own = get_column_letter(len(Layout.for_years((2024, 2025)).headings) + 1)
    column = _letter("Ansvar")
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    sheet[f"{own}1"], sheet[f"{own}4"] = "Notat", "Felles for 1.1.3 og 1.2.4"
    sheet.merge_cells(f"{column}2:{column}3")
    sheet.merge_cells(f"{own}4:{own}5")
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    plan_app.remove_measure(PLAN, "T001", WEB)
    sheet_sync.cycle(workbook, PLAN)
    sheet = load_workbook(workbook.path)[PLAN]
    assert [sheet[f"A{row}"].value for row in (2, 3, 4)] == ["T002", "T003", "T004"]
    assert [str(merged) for merged in sheet.merged_cells.ranges] == [f"{own}3:{own}4"]
    assert (sheet[f"{column}2"].value, sheet[f"{own}3"].value) == (
        "PSU",
        "Felles for 1.1.3 og 1.2.4",
    )


def test_saving_one_plans_tab_keeps_the_formula_results_of_another_plans_tab(
    event_clock: EventClock, sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """One workbook, a tab per plan: openpyxl drops the results on every tab it saves."""
    other = "andreplan"
    plan_app.create_plan(other, "Andre plan", "helsefellesskap", 2024, 2025, WEB)
    plan_app.add_area(other, "1", "Samhandling", WEB)
    plan_app.add_goal(other, "1.1", "Betre samhandling", WEB)
    plan_app.add_measure(other, "1.1.1", "Tiltak B1", WEB, responsible=["PSU"])
    second = WorkbookBackend(workbook.path, other)
    lay_out(plan_app, second, other)
    sheet_sync.cycle(second, other)
    label = f"{_letter('Indikator')}2"
    _excel_formula(workbook.path, label, '="Andel "&"x"', "Andel x", tab=other)
    sheet_sync.cycle(second, other)
    [measure_id] = plan_app.get_plan(other).measures
    assert plan_app.get_plan(other).measure(measure_id).smart.indicator == "Andel x"
    plan_app.reword_measure(PLAN, "T001", "Ny tekst", WEB)
    assert sheet_sync.cycle(workbook, PLAN).written == 2  # the text, and "Endret av"
    assert sheet_sync.cycle(second, other).applied == 0
    assert plan_app.get_plan(other).measure(measure_id).smart.indicator == "Andel x"


def test_a_merged_range_past_the_last_row_leaves_the_rows_below_blank(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel keeps the rows a range covers as empty cells: they are not measures."""
    column = _letter("Ansvar")
    book = load_workbook(workbook.path)
    book[PLAN].merge_cells(f"{column}7:{column}9")
    book.save(workbook.path)
    report = sheet_sync.cycle(workbook, PLAN)
    assert (report.rows_read, report.rejected) == (6, 0)
    plan_app.assign_responsible(PLAN, "T006", ["ASU"], WEB)
    assert sheet_sync.cycle(workbook, PLAN).rejected == 0
    sheet = load_workbook(workbook.path)[PLAN]
    assert [sheet[f"{column}{row}"].value for row in range(6, 10)] == ["PSU", "ASU", None, None]
    assert sorted(plan_app.get_plan(PLAN).measures) == [f"T00{n}" for n in range(1, 7)]


def test_deleting_a_row_keeps_every_formula_on_the_cells_it_named(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """openpyxl moves the cells up but not the references; Excel would rewrite them."""
    own = get_column_letter(len(Layout.for_years((2024, 2025)).headings) + 1)
    text = _letter("Tiltak")
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    sheet[f"{own}1"] = "Kortnamn"
    for row in range(3, 8):
        sheet[f"{own}{row}"] = f"=LEFT({text}{row},20)"
    other = book.create_sheet("Utval")
    other["A1"] = f"='{PLAN}'!{text}3"
    other["A2"] = f"=COUNTA('{PLAN}'!{text}2:{text}7)"
    other["A3"] = f"='{PLAN}'!{text}2"
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    plan_app.remove_measure(PLAN, "T001", WEB)
    sheet_sync.cycle(workbook, PLAN)
    book = load_workbook(workbook.path)
    sheet = book[PLAN]
    assert [sheet[f"A{row}"].value for row in range(2, 7)] == ["T002", "T003", "T004", "T005",
                                                               "T006"]  # fmt: skip
    assert [sheet[f"{own}{row}"].value for row in range(2, 7)] == [
        f"=LEFT({text}{row},20)" for row in range(2, 7)
    ]
    assert [book["Utval"][f"A{row}"].value for row in (1, 2, 3)] == [
        f"='{PLAN}'!{text}2",
        f"=COUNTA('{PLAN}'!{text}2:{text}6)",
        "=#REF!",
    ]


def test_a_percentage_typed_in_excel_is_read_as_the_percentage_shown(
    sheet_sync: SheetSync, plan_app: Planlogg, workbook: WorkbookBackend
) -> None:
    """Excel stores «80 %» as 0.8 formatted "0%"; the fraction is not what was typed."""
    column = _letter("Målverdi")
    book = load_workbook(workbook.path)
    for row, value, number_format in ((3, 0.8, "0%"), (4, 0.125, "0.0%")):
        cell = book[PLAN][f"{column}{row}"]
        cell.value, cell.number_format = value, number_format
    book.save(workbook.path)
    sheet_sync.cycle(workbook, PLAN)
    plan = plan_app.get_plan(PLAN)
    assert [plan.measure(m).smart.target for m in ("T002", "T003")] == ["80 %", "12,5 %"]
    assert sheet_sync.cycle(workbook, PLAN).applied == 0
