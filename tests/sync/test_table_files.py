"""Reading plan tables from text, CSV and Excel files into rows of strings."""

from __future__ import annotations

import csv
import zipfile
from dataclasses import replace
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from openpyxl import Workbook, load_workbook

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


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    """A Word file of these paragraphs, written straight into its document part (fast)."""
    docx.Document().save(str(path))
    with zipfile.ZipFile(path) as package:
        parts = {entry.filename: package.read(entry) for entry in package.infolist()}
    head, tail = parts["word/document.xml"].split(b"<w:body>")
    body = "".join(f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>" for text in paragraphs)
    parts["word/document.xml"] = head + b"<w:body>" + body.encode() + tail
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
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


def _merged_like_a_secretariat(rows: list[list[str]]) -> Workbook:
    """The demo plan in Excel as people lay it out: the title and each area heading merged
    across the table ("Slå sammen og midtstill"), each goal's number and text merged down
    over its measures, and a responsible cell merged down over the rows that continue it."""
    width = max(len(row) for row in rows)
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append([int(cell) if cell.isdigit() else cell for cell in row])
    goal_start: int | None = None
    body_start: int | None = None
    for number, row in enumerate([*rows, [""]], start=1):
        filled = [cell for cell in row if cell.strip()]
        continues = len(row) > 2 and not row[0].strip() and row[2].strip()
        if goal_start is not None and not continues:
            for column in (1, 2):
                sheet.merge_cells(
                    start_row=goal_start, end_row=number - 1, start_column=column, end_column=column
                )
            goal_start = None
        if body_start is not None and not (continues and not row[4].strip()):
            if number - 1 > body_start:
                sheet.merge_cells(
                    start_row=body_start, end_row=number - 1, start_column=5, end_column=5
                )
            body_start = None
        if len(row) > 2 and row[0].strip() and row[2].strip():
            goal_start = number
        if len(row) > 4 and row[2].strip() and row[4].strip():
            body_start = number
        if len(filled) == 1 and len(row) == 1:
            sheet.merge_cells(start_row=number, end_row=number, start_column=1, end_column=width)
    return workbook


def test_xlsx_with_merged_title_areas_goals_and_responsible_reads_as_the_demo(
    tmp_path: Path,
) -> None:
    path = tmp_path / "sammenslatt.xlsx"
    _merged_like_a_secretariat(demo_rows()).save(path)
    rows = read_table_file(path)
    assert rows[4][:3] == ["Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og "
                           "kommunene"] * 3  # fmt: skip
    assert [row[:5] for row in rows[9:12]] == [
        ["0.1", "Samordne og videreutvikle AU og sekretariatsfunksjon", "0.1.1",
         rows[9][3], "AU og Sekretariat"],
        ["0.1", "Samordne og videreutvikle AU og sekretariatsfunksjon", "0.1.2",
         "Utarbeide årshjul.", "AU og Sekretariat"],
        ["0.1", "Samordne og videreutvikle AU og sekretariatsfunksjon", "0.1.3",
         "Vurdere kapasitet i sekretariatsfunksjonene.", "AU og Sekretariat"],
    ]  # fmt: skip
    parsed = parse_plan_table(rows)
    demo = parse_plan_table(demo_rows())
    assert parsed.problems == ()
    assert counts(parsed) == (7, 26, 52, 0)
    assert parsed.title == demo.title
    assert [(a.number, a.title) for a in parsed.areas] == [(a.number, a.title) for a in demo.areas]
    assert [(g.number, g.text) for g in parsed.goals] == [(g.number, g.text) for g in demo.goals]
    assert [replace(m, line=0) for m in parsed.measures] == [
        replace(m, line=0) for m in demo.measures
    ]


@pytest.mark.parametrize("suffix", [".txt", ".csv", ".docx"])
def test_a_file_with_more_lines_than_a_plan_could_have_is_refused_before_it_is_read(
    tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"eksport{suffix}"
    lines = [f"hendelse {number}; registrert" for number in range(50_001)]
    if suffix == ".docx":
        write_docx(path, lines)
    else:
        path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TableFileError) as refused:
        read_table_file(path)
    assert refused.value.message == (
        f'"eksport{suffix}" har 50 001 linjer; Planlogg leser planfiler på opptil 50 000 '
        "linjer (en handlingsplan har noen hundre). Er det riktig fil? Del den opp, eller "
        "fjern det som ikke hører til planen."
    )


EXCEL_TEXT = (
    '1.1\tMålet\t1.1.1\t"Etablere en arbeidsgruppe:\n- Utarbeide rutine\n'
    '- Sikre ""felles"" opplæring"\tASU\tx\r\n'
    '\t\t1.1.2\tÅrlig fagdag, «Samvalg»\t"AU og\nSekretariat"\t\r\n'
)
"""What Excel writes for "Unicode-tekst" and "Tekst (tabulatordelt)": a cell with a line
break or a quote is quoted, its quotes doubled; rows end in CRLF, breaks in a cell in LF."""


@pytest.mark.parametrize(("encoding", "bom"), [("utf-16-le", b"\xff\xfe"), ("cp1252", b"")])
def test_tab_separated_text_saved_by_excel_keeps_cells_with_line_breaks(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / "fra-excel.txt"
    path.write_bytes(bom + EXCEL_TEXT.encode(encoding))
    assert read_table_file(path) == [
        [
            "1.1",
            "Målet",
            "1.1.1",
            'Etablere en arbeidsgruppe:\n- Utarbeide rutine\n- Sikre "felles" opplæring',
            "ASU",
            "x",
        ],
        ["", "", "1.1.2", "Årlig fagdag, «Samvalg»", "AU og\nSekretariat", ""],
    ]


def test_a_csv_cell_whose_quote_never_ends_is_refused_naming_its_line(tmp_path: Path) -> None:
    path = tmp_path / "plan.csv"
    path.write_text(
        "Pkt.;Mål;;Tiltak;Ansvar;2022\n"
        '1.1;Målet;1.1.1;"Samvalg - hva og hvorfor?;ASU;x\n'
        "; ;1.1.2;Felles fagdag;ASU;x\n"
        "; ;1.1.3;Felles rutine;ASU;x\n",
        encoding="utf-8",
    )
    with pytest.raises(TableFileError) as refused:
        read_table_file(path)
    assert refused.value.message == (
        'Linje 2 i "plan.csv": en celle begynner med anførselstegn (") som ikke slutter der '
        'cellen slutter. Skriv " inne i en celle som "", eller fjern anførselstegnet.'
    )


def test_a_web_copy_in_windows_1252_keeps_its_quotes_as_text(tmp_path: Path) -> None:
    path = tmp_path / "nettside.txt"
    text = '1.1\tMålet\t1.1.1\t"Samvalg" - hva og hvorfor?\tASU\tx\r\n\t\t1.1.2\t"Felles\tFSU\t\r\n'
    path.write_bytes(text.encode("cp1252"))
    assert read_table_file(path) == [
        ["1.1", "Målet", "1.1.1", '"Samvalg" - hva og hvorfor?', "ASU", "x"],
        ["", "", "1.1.2", '"Felles', "FSU", ""],
    ]


# --- what Excel does to a plan ---------------------------------------------------------


@pytest.mark.parametrize("delimiter", [";", ","])
def test_excels_sep_line_sets_the_delimiter_and_is_not_a_row(
    tmp_path: Path, delimiter: str
) -> None:
    path = tmp_path / "plan.csv"
    rows = [["Tittel; med, begge"], *LAYOUT]
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(f"sep={delimiter}\r\n")
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    assert read_table_file(path) == rows


def test_a_quote_that_never_ends_after_a_sep_line_is_named_by_its_line_in_the_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / "plan.csv"
    path.write_text('sep=;\nPkt.;Mål;;Tiltak;Ansvar\n1.1;Målet;1.1.1;"Samvalg;ASU\n', "utf-8")
    with pytest.raises(TableFileError, match=r'^Linje 3 i "plan.csv": en celle begynner'):
        read_table_file(path)


NORWEGIAN = [
    ["Handlingsplan 2024"],
    ["Pkt.", "Mål", "", "Tiltak", "Ansvar", "2024"],
    ["1.1", "Særavtale for ØH-døgn", "1.1.1", "Årleg gjennomgang av æ, ø og å", "ASU", "x"],
    ["", "", "1.1.2", "Ærleg «dialog» med brukarar – Å", "FSU", "x vår"],
]


@pytest.mark.parametrize("newline", ["\r", "\r\n"])
def test_a_csv_in_mac_roman_from_old_mac_excel_reads_its_norwegian_letters(
    tmp_path: Path, newline: str
) -> None:
    path = tmp_path / "plan.csv"
    text = newline.join(";".join(row) for row in NORWEGIAN) + newline
    path.write_bytes(text.encode("mac_roman"))
    assert read_table_file(path) == NORWEGIAN


def test_a_csv_in_windows_1252_with_norwegian_letters_is_not_taken_for_mac_roman(
    tmp_path: Path,
) -> None:
    path = write_csv(tmp_path / "plan.csv", NORWEGIAN, ";", encoding="cp1252")
    assert read_table_file(path) == NORWEGIAN


def write_typed_in_norwegian_excel(path: Path, cells: dict[str, tuple[datetime, str]]) -> Path:
    """A plan whose number cells Norwegian Excel took for dates, as it stores them: the date
    ("1.1" is 1 January of the year it was typed) in the date format Excel gave it."""
    workbook = Workbook()
    workbook.properties.created = datetime(2023, 5, 2)
    sheet = workbook.active
    sheet.append(["Handlingsplan 2023"])
    sheet.append(["Nr", "Mål", "Nr", "Tiltak", "Ansvar", "Frist"])
    sheet.append([None, "Samhandling", None, "Felles rutine", "ASU", datetime(2023, 6, 1)])
    sheet.append([None, None, None, "Fagdag", "ASU", None])
    sheet.append([None, "Opplæring", None, "Kurs", "FSU", None])
    sheet.append([None, "Digitalt", None, "Meldingar", "FSU", None])
    sheet.append([None, "Evaluering", None, "Rapport", "FSU", None])
    sheet["F3"].number_format = "dd.mm.yyyy"
    for name, (value, number_format) in cells.items():
        sheet[name] = value
        sheet[name].number_format = number_format
    workbook.save(path)
    return path


def test_number_cells_excel_took_for_dates_read_as_the_numbers_typed(tmp_path: Path) -> None:
    path = write_typed_in_norwegian_excel(
        tmp_path / "plan.xlsx",
        {
            "A3": (datetime(2023, 1, 1), "d-mmm"),  # "1.1"
            "C3": (datetime(2001, 1, 1), "mm-dd-yy"),  # "1.1.1"
            "C4": (datetime(2002, 1, 1), "dd.mm.yyyy"),  # "1.1.2"
            "A5": (datetime(2023, 12, 1), "d-mmm"),  # "1.12"
            "C5": (datetime(2003, 12, 1), "d.m.yy"),  # "1.12.3"
            "A6": (datetime(2023, 3, 2), "dd/mm"),  # "2.3"
            "C6": (datetime(2011, 3, 2), "mm-dd-yy"),  # "2.3.11"
            "A7": (datetime(2023, 1, 1), "mmm-yy"),  # "1.23": no 23rd month, so January 2023
        },
    )
    assert [row[:3] for row in read_table_file(path)[2:]] == [
        ["1.1", "Samhandling", "1.1.1"],
        ["", "", "1.1.2"],
        ["1.12", "Opplæring", "1.12.3"],
        ["2.3", "Digitalt", "2.3.11"],
        ["1.23", "Evaluering", ""],
    ]
    assert read_table_file(path)[2][5] == "01.06.2023"  # a date in the Frist column stays one


def test_a_goal_number_excel_took_for_a_date_and_merged_down_reads_on_every_row(
    tmp_path: Path,
) -> None:
    path = write_typed_in_norwegian_excel(
        tmp_path / "plan.xlsx", {"A3": (datetime(2023, 1, 1), "d-mmm")}
    )
    workbook = load_workbook(path)
    workbook.active.merge_cells("A3:A4")
    workbook.save(path)
    assert [row[0] for row in read_table_file(path)[2:4]] == ["1.1", "1.1"]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (datetime(2023, 1, 24), "dd.mm.yyyy", "24.01.2023"),  # "24.1" typed in 2023, or "24.1.23"?
        (datetime(2050, 1, 1), "dd.mm.yyyy", "01.01.2050"),  # a year no two digits give
        (datetime(2023, 1, 1), "mmmm", "01.01.2023"),  # no day: which number?
    ],
)
def test_a_number_cell_holding_a_date_that_cannot_be_read_back_is_refused_naming_the_cell(
    tmp_path: Path, value: datetime, number_format: str, shown: str
) -> None:
    path = write_typed_in_norwegian_excel(tmp_path / "plan.xlsx", {"C4": (value, number_format)})
    with pytest.raises(TableFileError) as refused:
        read_table_file(path)
    assert refused.value.message == (
        f'Celle C4 i fanen "Sheet" i "plan.xlsx" er datoen {shown}, men står i en '
        "nummerkolonne: Excel gjør nummer som 1.1 om til datoer, og her kan ikke Planlogg vite "
        "hvilket nummer som ble skrevet. Formater kolonnen som tekst, skriv nummeret inn på nytt "
        "og prøv igjen."
    )
