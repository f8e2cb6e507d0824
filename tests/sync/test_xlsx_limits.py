"""Hostile spreadsheet files are refused with a message before openpyxl builds anything.

`check_xlsx` is tried on every hostile file; then each entry that opens a
workbook (`planlogg import` and `planlogg sync --workbook`) on SQLite and
PostgreSQL, in a child process whose address space is capped, so a reader
that blew up on the file would fail the test instead of slowing it.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from sync.table_files import read_table_file
from sync.workbook import WorkbookBackend
from sync.xlsx_limits import (
    Computed,
    SpreadsheetRefused,
    check_xlsx,
    is_percent_format,
    percent_text,
    read_cells,
)
from tests.fixtures.hostile_files import HostileFiles
from web.cli import EXIT_INVALID, cli

ROOT = Path(__file__).resolve().parents[2]
MEMORY_CAP = 768 << 20
"""Enough for Planlogg to import and sync a real plan; far too little for a blown-up grid."""
DEMO = "st-olavs-2022-2024"

REFUSALS = {
    "far cell XFD1048576": "sier at den går helt ned til rad 1 048 576; Planlogg leser høyst "
    "50 000 rader",
    "lying dimension": "har celler helt ned til rad 1 048 576; Planlogg leser høyst 50 000 rader",
    "101 columns": "har celler helt ut til kolonne CW; Planlogg leser høyst 100 kolonner (til CV)",
    "1.2 million cells": "har over 1 000 000 celler",
    "document type": "har en dokumenttype-deklarasjon",
    "zip bomb": "pakker seg ut til over 1024 MB; Planlogg åpner arbeidsbøker på opptil 100 MB",
    "forged zip bomb": "er skadd: delen «xl/worksheets/sheet1.xml» kan ikke pakkes ut",
    "truncated zip": "er ikke en Excel-arbeidsbok (.xlsx)",
    "text file": "er ikke en Excel-arbeidsbok (.xlsx)",
}


@pytest.mark.parametrize("name", REFUSALS)
def test_every_hostile_file_is_refused_with_what_is_wrong(
    hostile_files: HostileFiles, name: str
) -> None:
    path = hostile_files[name]
    with pytest.raises(SpreadsheetRefused) as refused:
        check_xlsx(path)
    assert f"«{path.name}»" in refused.value.message
    assert REFUSALS[name] in refused.value.message


@pytest.mark.slow
def test_a_sheet_as_large_as_the_benchmarks_passes_and_reads_exactly(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in range(1, 10_001):
        sheet.append([f"T{row:05d}", f"1.1.{row}", *(f"{row}:{c}" for c in range(3, 21))])
    path = tmp_path / "stor.xlsx"
    book.save(path)
    size = check_xlsx(path)
    assert (size.cells, size.sheets["xl/worksheets/sheet1.xml"].rows) == (200_000, 10_000)
    rows = read_table_file(path)
    assert len(rows) == 10_000 and rows[-1][:3] == ["T10000", "1.1.10000", "10000:3"]


def test_a_lying_dimension_does_not_hide_cells_from_the_reader(tmp_path: Path) -> None:
    """Read-only openpyxl drops cells outside the dimension; the backend must not."""
    book = Workbook()
    book.active.title = "plan"
    book.active.append(["ID", "Nr"])
    book.active.append(["T001", "1.1.1"])
    book.active["D5"] = "langt nede"
    honest = tmp_path / "ærleg.xlsx"
    book.save(honest)
    path = tmp_path / "plan.xlsx"
    lied = 0
    with zipfile.ZipFile(honest) as source, zipfile.ZipFile(path, "w") as target:
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "xl/worksheets/sheet1.xml":
                assert b'<dimension ref="A1:D5"/>' in data
                data = data.replace(b'<dimension ref="A1:D5"/>', b'<dimension ref="A1:B2"/>')
                lied += 1
            target.writestr(entry, data)
    assert lied == 1, "the sheet's dimension was never made to lie"
    snapshot = WorkbookBackend(path, "plan").read()
    assert snapshot.header == ["ID", "Nr", "", ""]
    assert snapshot.rows == [["T001", "1.1.1", "", ""], ["", "", "", ""], ["", "", "", ""],
                             ["", "", "", "langt nede"]]  # fmt: skip
    assert read_table_file(path)[-1] == ["", "", "", "langt nede"]


def test_cells_are_read_as_people_see_them_in_one_streamed_pass(tmp_path: Path) -> None:
    """A merged range shows its value on every row it covers; a percentage is what was
    typed, not the fraction Excel stores; a formula's stored result is kept aside."""
    book = Workbook()
    sheet = book.active
    sheet.append(["Ansvar", "Målverdi", "Sum"])
    sheet.append(["PSU", 0.8, "=1+1"])
    sheet.append([None, 1, None])
    sheet.append(["ASU", 0.125, 7])
    sheet.merge_cells("A2:A3")
    sheet["B2"].number_format = sheet["B3"].number_format = "0%"
    sheet["B4"].number_format = "0.0 %"
    path = tmp_path / "plan.xlsx"
    book.save(path)
    streamed = load_workbook(path, read_only=True, data_only=True)
    cells = read_cells(streamed.active)
    streamed.close()
    assert cells.rows == [["Ansvar", "Målverdi", "Sum"], ["PSU", "80 %", None],
                          ["PSU", "100 %", None], ["ASU", "12,5 %", 7]]  # fmt: skip
    assert cells.computed == {(2, 3): Computed("n", "")}
    assert read_table_file(path)[1:3] == [["PSU", "80 %", ""], ["PSU", "100 %", ""]]


@pytest.mark.parametrize(
    ("fraction", "text"),
    [(0.8, "80 %"), (0.125, "12,5 %"), (1, "100 %"), (0.07, "7 %"), (-0.05, "-5 %"),
     (0.000001, "0,0001 %"), (-1e-14, "0 %")],
)  # fmt: skip
def test_a_percentage_is_written_as_the_plans_write_it(fraction: float, text: str) -> None:
    assert percent_text(fraction) == text


@pytest.mark.parametrize(
    ("code", "percent"),
    [("0%", True), ("0.00 %", True), ("[Red]0%", True), ('0" %"', False), ("0\\%", False),
     ("General", False), (None, False)],
)  # fmt: skip
def test_a_percent_format_is_one_showing_a_percent_sign_of_its_own(
    code: str | None, percent: bool
) -> None:
    assert is_percent_format(code) is percent


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def planlogg_capped(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """`planlogg …` in a child process that cannot use more than MEMORY_CAP."""
    return subprocess.run(
        [sys.executable, "-c", "from web.cli import main; main()", "--database-url", url, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        preexec_fn=_capped,
    )


@pytest.fixture
def demo_url(database_url: str) -> str:
    result = CliRunner().invoke(cli, ["--database-url", database_url, "demo"])
    assert result.exit_code == 0, result.output
    return database_url


def demo_workbook(folder: Path) -> Path:
    book = Workbook()
    sheet = book.active
    lines = (ROOT / "domain" / "data" / "st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    for line in lines.splitlines():
        sheet.append(line.split("\t"))
    path = folder / "demo.xlsx"
    book.save(path)
    return path


def test_the_memory_cap_leaves_room_for_a_real_import_and_sync(
    demo_url: str, tmp_path: Path
) -> None:
    """The control: under the same cap, real work succeeds, so a failure below is the file's."""
    imported = planlogg_capped(demo_url, "import", str(demo_workbook(tmp_path)), "--key", "k",
                               "--owner", "hf")  # fmt: skip
    assert imported.returncode == 0, imported.stderr
    synced = planlogg_capped(demo_url, "sync", "--once", "--workbook", str(tmp_path / "s.xlsx"),
                             "--plan", DEMO)  # fmt: skip
    assert synced.returncode == 0, synced.stderr
    assert "Synkronisert «s.xlsx»" in synced.stdout


CAPPED = ("far cell XFD1048576", "lying dimension", "zip bomb", "forged zip bomb")


@pytest.mark.slow
@pytest.mark.parametrize("name", CAPPED)
def test_the_import_refuses_hostile_files_within_bounded_memory(
    demo_url: str, hostile_files: HostileFiles, name: str
) -> None:
    result = planlogg_capped(demo_url, "import", str(hostile_files[name]), "--key", "k",
                             "--owner", "hf")  # fmt: skip
    assert result.returncode == EXIT_INVALID, result.stderr
    assert result.stderr.startswith("Feil: ") and REFUSALS[name] in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.slow
@pytest.mark.parametrize("name", CAPPED)
def test_the_sync_refuses_hostile_workbooks_within_bounded_memory(
    demo_url: str, hostile_files: HostileFiles, name: str, tmp_path: Path
) -> None:
    workbook = tmp_path / hostile_files[name].name
    workbook.write_bytes(hostile_files[name].read_bytes())
    result = planlogg_capped(demo_url, "sync", "--once", "--workbook", str(workbook),
                             "--plan", DEMO)  # fmt: skip
    assert result.returncode == EXIT_INVALID, result.stderr
    assert result.stderr.startswith("Feil: ") and REFUSALS[name] in result.stderr
    assert workbook.read_bytes() == hostile_files[name].read_bytes()


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (Path("/etc/passwd"), "«passwd» er ikke en Excel-arbeidsbok (.xlsx)"),
        (None, "«avkorta.xlsx» er ikke en Excel-arbeidsbok (.xlsx)"),
    ],
    ids=["/etc/passwd", "truncated zip"],
)
def test_sync_with_a_file_that_is_not_a_workbook_gives_a_message(
    demo_url: str, hostile_files: HostileFiles, path: Path | None, message: str
) -> None:
    target = path or hostile_files["truncated zip"]
    result = CliRunner().invoke(
        cli, ["--database-url", demo_url, "sync", "--once", "--workbook", str(target)]
    )
    assert result.exit_code == EXIT_INVALID, result.output
    assert result.output.startswith(f"Feil: {message}")


def test_a_part_packed_tighter_than_any_plan_is_refused_by_its_ratio(tmp_path: Path) -> None:
    path = tmp_path / "tett.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/media/fyll.bin", b"\0" * (20 << 20))
    with pytest.raises(SpreadsheetRefused, match=r"«xl/media/fyll\.bin».*zip-bombe"):
        check_xlsx(path)
