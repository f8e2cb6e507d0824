"""The one CSV writer: cells a spreadsheet would evaluate are made text, nothing else changes."""

from __future__ import annotations

import csv
import io

import pytest

from projections.csv_export import csv_text, neutralise


@pytest.mark.parametrize(
    ("cell", "written"),
    [
        ('=HYPERLINK("http://127.0.0.1/x","klikk")', '\'=HYPERLINK("http://127.0.0.1/x","klikk")'),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(1)", "'@SUM(1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-", "-"),
        ("Kari Nordmann", "Kari Nordmann"),
        (" =1+1", " =1+1"),
        ("'=1+1", "'=1+1"),
        ("", ""),
        (None, ""),
        (17, "17"),
    ],
)
def test_a_cell_is_neutralised_exactly_when_a_spreadsheet_would_evaluate_it(
    cell: object, written: str
) -> None:
    assert neutralise(cell) == written


def test_the_document_reads_back_with_every_formula_as_text() -> None:
    text = csv_text(["actor", "after"], [{"actor": "=cmd|' /C calc'!A0", "after": "x\n=1"}])
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows == [{"actor": "'=cmd|' /C calc'!A0", "after": "x\n=1"}]
