"""Reading plan tables from text, CSV and Excel files into rows of strings."""

from __future__ import annotations

import csv
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path

import pytest
from openpyxl import Workbook

from domain.plan_table import PlanTable, parse_plan_table
from sync.table_files import TableFileError, read_table_file

LAYOUT = [
    ["Handlingsplan 2022-2024"],
    ["1. Helhetlige pasientforløp"],
    ["Pkt.", "Mål", "", "Tiltak", "Ansvar", "2022", "2023"],
    [
        "1.1",
        "Forebygging; tidlig innsats",
        "1.1.1",
        "Etablere «nettverk», inkl. brukere",
        "ASU",
        "x",
        "",
    ],
    ["", "", "1.1.2", "Utarbeide rutine", "", "", "X høst"],
]


def demo_rows() -> list[list[str]]:
    text = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def counts(table: PlanTable) -> tuple[int, int, int, int]:
    return len(table.areas), len(table.goals), len(table.measures), len(table.problems)


def write_csv(path: Path, rows: list[list[str]], delimiter: str, encoding: str = "utf-8") -> Path:
    with path.open("w", encoding=encoding, newline="") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    workbook.create_sheet("Ark2").append(["ignored"])
    workbook.save(path)
    return path


def padded(rows: list[list[str]], width: int) -> list[list[str]]:
    return [row + [""] * (width - len(row)) for row in rows]


# --- text files ------------------------------------------------------------------------


def test_tab_separated_text_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    text = "\n".join("\t".join(row) for row in LAYOUT)
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert read_table_file(path) == LAYOUT


def test_txt_keeps_quotes_as_ordinary_characters(tmp_path: Path) -> None:
    path = tmp_path / "web.txt"
    path.write_text('1.1\t"Sitat\tslutt"\n', encoding="utf-8")
    assert read_table_file(path) == [["1.1", '"Sitat', 'slutt"']]


def test_tsv_from_a_spreadsheet_reads_quoted_cells(tmp_path: Path) -> None:
    path = tmp_path / "plan.tsv"
    path.write_text('1.1.1\t"Linje 1\nLinje 2"\tASU\r\n', encoding="utf-8")
    assert read_table_file(path) == [["1.1.1", "Linje 1\nLinje 2", "ASU"]]


def test_utf16_text_as_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_text("\n".join("\t".join(row) for row in LAYOUT), encoding="utf-16")
    assert read_table_file(path) == LAYOUT


def test_the_shipped_demo_file_reads_as_its_lines(tmp_path: Path) -> None:
    path = Path(str(files("domain.data").joinpath("st_olavs_2022_2024.tsv")))
    rows = read_table_file(path)
    assert [row for row in rows if row] == [row for row in demo_rows() if row != [""]]
    assert counts(parse_plan_table(rows)) == (7, 26, 52, 0)


# --- CSV -------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_delimiter_is_sniffed(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "plan.csv", LAYOUT, delimiter)
    assert read_table_file(path) == LAYOUT


def test_csv_from_norwegian_excel_in_windows_1252(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "plan.csv", LAYOUT, ";", encoding="cp1252")
    assert read_table_file(path) == LAYOUT


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_export_of_the_demo_plan_reads_the_same(tmp_path: Path, delimiter: str) -> None:
    path = write_csv(tmp_path / "demo.csv", demo_rows(), delimiter)
    rows = read_table_file(path)
    parsed = parse_plan_table(rows)
    assert counts(parsed) == (7, 26, 52, 0)
    assert parsed.measures == parse_plan_table(demo_rows()).measures


# --- Excel -----------------------------------------------------------------------------


def test_xlsx_cells_become_text_as_shown(tmp_path: Path) -> None:
    path = write_xlsx(
        tmp_path / "plan.xlsx",
        [
            ["Pkt.", "Mål", None, "Tiltak", "Ansvar", 2022, 2023.0],
            ["1.1", "Mål", "1.1.1", "Tiltak", None, "x", None],
            [
                "Møte",
                date(2024, 3, 13),
                datetime(2024, 9, 11, 0, 0),
                datetime(2024, 9, 11, 14, 30),
                2.5,
            ],
        ],
    )
    assert read_table_file(path) == [
        ["Pkt.", "Mål", "", "Tiltak", "Ansvar", "2022", "2023"],
        ["1.1", "Mål", "1.1.1", "Tiltak", "", "x", ""],
        ["Møte", "13.03.2024", "11.09.2024", "11.09.2024 14:30", "2.5", "", ""],
    ]


def test_xlsx_with_the_example_layout(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "plan.xlsx", LAYOUT)
    assert read_table_file(path) == padded(LAYOUT, 7)


def test_xlsx_export_of_the_demo_plan_reads_the_same(tmp_path: Path) -> None:
    rows: list[list[object]] = [
        [int(cell) if cell.isdigit() else cell for cell in row] for row in demo_rows()
    ]
    path = write_xlsx(tmp_path / "demo.xlsx", rows)
    parsed = parse_plan_table(read_table_file(path))
    assert counts(parsed) == (7, 26, 52, 0)
    assert parsed.measures == parse_plan_table(demo_rows()).measures


# --- errors ----------------------------------------------------------------------------


def test_unknown_extension_is_refused_in_norwegian(tmp_path: Path) -> None:
    path = tmp_path / "plan.ods"
    path.write_bytes(b"x")
    with pytest.raises(TableFileError, match=r'ukjent filtype "\.ods"'):
        read_table_file(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(TableFileError, match="Fant ikke filen"):
        read_table_file(tmp_path / "borte.csv")


def test_broken_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "plan.xlsx"
    path.write_bytes(b"not a zip file")
    with pytest.raises(TableFileError, match="er ikke en Excel-arbeidsbok"):
        read_table_file(path)


def test_binary_file_named_txt(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(TableFileError, match="tekstfil"):
        read_table_file(path)


def test_a_text_file_larger_than_the_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    with path.open("wb") as file:
        file.truncate(101 * 1024 * 1024)
    with pytest.raises(TableFileError, match=r'"plan\.csv" er 101 MB; Planlogg leser tabellfiler'):
        read_table_file(path)
