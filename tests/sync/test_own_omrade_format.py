"""An own column headed «Område» beside «Innsatsområde» is the person's in the format too
(`SheetFormat.placed`, `SheetFormat.plan_columns`), as the sync reads it (`sync.columns.place`):
not greyed, protected or formatted as Planlogg's, while the real area column is; on an old
sheet headed «Område» alone, that column is the area column."""

from __future__ import annotations

from sync.layout import Layout
from sync.loop import sheet_format

LAYOUT = Layout.for_years((2024, 2025))
HEADINGS = list(LAYOUT.headings)


def test_an_own_omrade_left_of_innsatsomrade_is_not_formatted_as_planloggs() -> None:
    laid_out = sheet_format(LAYOUT)
    assert laid_out.read_only_columns == (0, 2, 3, 25, 26, 27)

    placed = laid_out.placed(["Område", *HEADINGS])

    assert placed.read_only_columns == (1, 3, 4, 26, 27, 28)


def test_an_own_omrade_gets_no_text_format_of_planloggs() -> None:
    laid_out = sheet_format(LAYOUT)
    header = ["Område", *HEADINGS, "Notat"]
    assert laid_out.plan_columns(header) == tuple(range(1, len(HEADINGS) + 1))


def test_an_old_sheet_headed_omrade_keeps_it_as_the_area_column() -> None:
    old = [("Område" if h == "Innsatsområde" else h) for h in HEADINGS]
    assert old.count("Område") == 1
    laid_out = sheet_format(LAYOUT)
    assert laid_out.placed(old).read_only_columns == laid_out.read_only_columns
    assert laid_out.plan_columns(old) == tuple(range(len(HEADINGS)))
