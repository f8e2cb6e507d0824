"""A formula rewritten as Excel rewrites it when rows of its sheet are deleted."""

from __future__ import annotations

import pytest

from sync.formula_rows import rows_deleted


@pytest.mark.parametrize(
    ("formula", "deleted", "rewritten"),
    [
        ("=LEFT(E3,20)", [2], "=LEFT(E2,20)"),
        ("=E1", [2], "=E1"),
        ("=E2", [2], "=#REF!"),
        ("=$E$5&E$5&$E5", [2, 3], "=$E$3&E$3&$E3"),
        ("=SUM(B2:B10)", [2], "=SUM(B2:B9)"),
        ("=SUM(B2:B10)", [5, 6], "=SUM(B2:B8)"),
        ("=SUM(B3:B4)", [3, 4], "=SUM(#REF!)"),
        ("=SUM(3:5)", [1], "=SUM(2:4)"),
        ("=SUM(E:E)", [1], "=SUM(E:E)"),
        ("=Planlogg_plan+A5", [1], "=Planlogg_plan+A4"),
    ],
)
def test_references_on_the_tab_follow_their_cells(
    formula: str, deleted: list[int], rewritten: str
) -> None:
    assert rows_deleted(formula, deleted, "plan", on_tab=True) == rewritten


@pytest.mark.parametrize(
    ("formula", "on_tab", "rewritten"),
    [
        ("=Annan!A5", True, "=Annan!A5"),
        ("=A5", False, "=A5"),
        ("='min plan'!A5+plan!A5", False, "='min plan'!A5+plan!A4"),
        ("='Kari''s plan'!A5", False, "='Kari''s plan'!A5"),
    ],
)
def test_only_references_to_the_tab_move(formula: str, on_tab: bool, rewritten: str) -> None:
    assert rows_deleted(formula, [1], "plan", on_tab=on_tab) == rewritten


def test_a_sheet_name_with_a_quote_is_read_as_written() -> None:
    assert rows_deleted("='Kari''s plan'!A5", [1], "Kari's plan", on_tab=False) == (
        "='Kari''s plan'!A4"
    )
