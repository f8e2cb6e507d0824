"""Formulas kept on their cells when the sync deletes rows of a workbook's plan tab.

Excel and Google rewrite every reference when rows are deleted: a reference below the
deleted rows moves up with its cell, a range loses the rows it held, and a reference to
a deleted cell becomes #REF!. openpyxl's `delete_rows` moves the cells but leaves the
formulas' text as it was, so a formula in a column of the user's own went on naming its
old row and showed the next row's value, without a word. `rows_deleted` rewrites a
formula as Excel would; `shift_formulas` does so for a workbook, array formulas too
(`_shift_array`: openpyxl holds them as objects, not as text).

Excel rewrites the workbook's defined names (Formulas → Name Manager) by the same rules:
a name such as `Tiltaksliste = 'Plan'!$B$5:$B$40` loses the deleted rows, and one whose
whole range was deleted becomes #REF!. So are the tab's print area and print titles,
which the file keeps as names (`_xlnm.Print_Area`, `_xlnm.Print_Titles`) and openpyxl
as the tab's settings; a print area's range wholly deleted is dropped (openpyxl holds
no #REF! there), and print titles wholly deleted are taken away. The autofilter's range
(`_xlnm._FilterDatabase`, the tab's `auto_filter` in openpyxl), which openpyxl writes from the
tab's filter, moves with the filter, the conditional formats and the data validations in
`sync.row_ranges`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl.formula.tokenizer import Token, Tokenizer
from openpyxl.worksheet.formula import ArrayFormula

_REFERENCE = re.compile(
    r"^(?P<sheet>(?:'(?:[^']|'')+'|[^'!]+)!)?"
    r"(?P<first>\$?[A-Z]{0,3}\$?\d*)(?::(?P<last>\$?[A-Z]{0,3}\$?\d*))?$"
)
_PART = re.compile(r"^(?P<column>\$?[A-Z]{0,3})(?P<dollar>\$?)(?P<row>\d*)$")
BROKEN = "#REF!"


def shift_formulas(book: Any, tab: Any, deleted: Iterable[int]) -> None:
    """Rewrite every formula of the workbook that refers to `tab`, whose rows `deleted`
    (numbered as before the deletion) are gone: on `tab` itself, its references without
    a sheet's name too; then every defined name, the workbook's and each tab's own, and
    `tab`'s print area and print titles."""
    order = sorted(set(deleted))
    if not order:
        return
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type != "f":
                    continue
                if isinstance(cell.value, str):
                    cell.value = rows_deleted(cell.value, order, tab.title, sheet is tab)
                elif isinstance(cell.value, ArrayFormula):
                    _shift_array(cell.value, order, tab.title, sheet is tab)
    for names in (book.defined_names, *(sheet.defined_names for sheet in book.worksheets)):
        for name in names.values():
            if isinstance(name.value, str):
                name.value = _name_rows_deleted(name.value, order, tab.title)
    _shift_print_settings(tab, order)


def _shift_array(formula: ArrayFormula, deleted: Sequence[int], title: str, on_tab: bool) -> None:
    """An array formula (entered with Ctrl+Shift+Enter, or a dynamic array formula of Excel
    365 such as FILTER, UNIQUE or SORT, which Excel saves so) once the sorted rows `deleted`
    of tab `title` are gone. openpyxl holds it as an `ArrayFormula`, not as text: its text
    is rewritten as a cell's formula is, and on `title` itself the cells it spills over
    (`ref`, which openpyxl leaves where it was) move with their rows as a range does: they
    begin at the formula's own cell, which openpyxl moved, and lose the rows deleted."""
    if isinstance(formula.text, str):
        formula.text = rows_deleted(formula.text, deleted, title, on_tab)
    if on_tab and isinstance(formula.ref, str):
        moved = _reference(formula.ref, deleted, title, on_tab=True)
        if moved != BROKEN:
            formula.ref = moved


def _name_rows_deleted(value: str, deleted: Sequence[int], title: str) -> str:
    """A defined name's value (a formula without its "=") once the sorted rows `deleted`
    of tab `title` are gone. Excel writes every reference of a name with its sheet's name,
    so one without is to no tab in particular and stays."""
    return rows_deleted("=" + value, deleted, title, on_tab=False)[1:]


def _shift_print_settings(tab: Any, deleted: Sequence[int]) -> None:
    """`tab`'s print area and print title rows once its sorted rows `deleted` are gone."""
    area = tab.print_area
    if area:
        moved = (
            _reference(token.value, deleted, tab.title, on_tab=True)
            for token in Tokenizer("=" + area).items
            if token.type == Token.OPERAND and token.subtype == Token.RANGE
        )
        tab.print_area = [reference for reference in moved if reference != BROKEN] or None
    titles = tab.print_title_rows
    if titles:
        rows = _reference(titles, deleted, tab.title, on_tab=True)
        if rows == BROKEN:
            tab._print_rows = None  # openpyxl's setter takes no None to clear them
        else:
            tab.print_title_rows = rows


def rows_deleted(formula: str, deleted: Sequence[int], title: str, on_tab: bool) -> str:
    """`formula` once the sorted rows `deleted` of tab `title` are gone; `on_tab`: the
    formula stands on that tab, where a reference without a sheet's name is to it."""
    tokens = Tokenizer(formula)
    changed = False
    for token in tokens.items:
        if token.type == Token.OPERAND and token.subtype == Token.RANGE:
            moved = _reference(token.value, deleted, title, on_tab)
            changed = changed or moved != token.value
            token.value = moved
    return str(tokens.render()) if changed else formula


def _reference(text: str, deleted: Sequence[int], title: str, on_tab: bool) -> str:
    found = _REFERENCE.match(text)
    if found is None or not _names_tab(found["sheet"], title, on_tab):
        return text
    first, last = found["first"], found["last"]
    if last is None:
        row = _row(first)
        if row is None:
            return text
        above = bisect_left(deleted, row)
        if above < len(deleted) and deleted[above] == row:
            return BROKEN
        return (found["sheet"] or "") + _with_row(first, row - above)
    top, bottom = _row(first), _row(last)
    if top is None or bottom is None:
        return text
    new_top, new_bottom = top - bisect_left(deleted, top), bottom - bisect_right(deleted, bottom)
    if new_bottom < new_top:
        return BROKEN
    return f"{found['sheet'] or ''}{_with_row(first, new_top)}:{_with_row(last, new_bottom)}"


def _names_tab(sheet: str | None, title: str, on_tab: bool) -> bool:
    if sheet is None:
        return on_tab
    name = sheet[:-1]
    if name.startswith("'"):
        name = name[1:-1].replace("''", "'")
    return name == title


def _row(part: str) -> int | None:
    """The row a reference's part names; None for a whole column (E) or a defined name."""
    found = _PART.match(part)
    return int(found["row"]) if found and found["row"] else None


def _with_row(part: str, row: int) -> str:
    found = _PART.match(part)
    if found is None:
        return part
    return f"{found['column']}{found['dollar']}{row}"
