"""The pure merge on rows moved about: content cut, pasted over another row, numbers traded,
links typed by the numbers the sheet shows (the read-through's cases, each decided once)."""

from __future__ import annotations

from sync.layout import Layout
from sync.merge import SheetRow, StoreView, decide

LAYOUT = Layout.for_years((2024, 2025))


def measure(number: str, text: str, see_also: str = "") -> dict[str, str]:
    cells = {c: "" for c in LAYOUT.merged}
    cells.update({"Nr": number, "Tiltak": text, "Sjå òg": see_also})
    return cells


def sheet(rows: dict[str, dict[str, str]]) -> list[SheetRow]:
    return [
        SheetRow(number, {"ID": mid, **cells})
        for number, (mid, cells) in enumerate(rows.items(), 2)
    ]


TEN = {f"T{n:03d}": measure(f"1.1.{n}", f"Tiltak {n}") for n in range(1, 11)}


def test_a_row_pasted_over_another_keeps_both_measures() -> None:
    """T001's row is cut from Nr onward and pasted over T002's: T001's row has only its ID
    left, and T002's row shows T001's number and text. T002's row is refused, and T001, whose
    text is on the sheet, is not removed (the next cycle would have given T002 its text)."""
    rows = dict(TEN)
    rows["T002"] = TEN["T001"]
    rows["T001"] = {c: "" for c in LAYOUT.merged}
    decision = decide(LAYOUT, sheet(rows), StoreView(rows=TEN), TEN)
    assert decision.removals == [] and decision.edits == []
    assert [m.row for m in decision.messages] == [3]


def test_two_measures_with_one_text_trade_their_numbers() -> None:
    store = {"T001": measure("1.1.1", "Samme"), "T002": measure("1.1.2", "Samme")}
    traded = {"T001": measure("1.1.2", "Samme"), "T002": measure("1.1.1", "Samme")}
    decision = decide(LAYOUT, sheet(traded), StoreView(rows=store), store)
    assert decision.messages == []
    assert {(e.measure_id, e.cells["Nr"][0]) for e in decision.edits} == {
        ("T001", "1.1.2"),
        ("T002", "1.1.1"),
    }


def test_a_link_names_the_measure_the_sheet_shows_under_the_number() -> None:
    """The web swapped 1.1.1 and 1.1.2, and the sheet shows the swap (written, or typed the
    same): «1.1.1» typed in Sjå òg is T002, the measure the sheet shows as 1.1.1."""
    base = {
        "T001": measure("1.1.1", "A"),
        "T002": measure("1.1.2", "B"),
        "T003": measure("1.1.3", "C"),
    }
    store = {**base, "T001": measure("1.1.2", "A"), "T002": measure("1.1.1", "B")}
    shown = {**store, "T003": measure("1.1.3", "C", see_also="1.1.1")}
    decision = decide(LAYOUT, sheet(shown), StoreView(rows=store), base)
    [edit] = decision.edits
    assert edit.cells["Sjå òg"][1] == ("1.1.1",)


def test_a_new_rows_link_follows_a_number_the_web_moved() -> None:
    base = {"T001": measure("1.1.1", "A")}
    store = {"T001": measure("1.1.7", "A")}
    rows = [
        SheetRow(2, {"ID": "T001", **base["T001"]}),
        SheetRow(3, {"ID": "", **measure("1.1.8", "Nytt", see_also="1.1.1")}),
    ]
    decision = decide(LAYOUT, rows, StoreView(rows=store), base)
    [creation] = decision.creations
    assert creation.values["Sjå òg"] == ("1.1.7",)
