"""The three-way merge at its edges: a missing baseline, a new column, the removal guard's
bound, a vanished number, a row put back, a copied row."""

from __future__ import annotations

from sync.merge import SheetRow, StoreView, decide
from tests.sync.test_merge import BASE, LAYOUT, STORE, measure, sheet_as_store


def test_a_row_the_baseline_holds_nothing_of_is_a_conflict_not_an_overwrite() -> None:
    """No baseline for a measure the store has: nothing says the store is unchanged, so a
    sheet text that differs loses to the store (kept as a conflict), never overwrites it."""
    base = {mid: cells for mid, cells in BASE.items() if mid != "T001"}
    decision = decide(LAYOUT, sheet_as_store(T001={"Tiltak": "Frå arket"}), STORE, base)
    assert decision.edits == []
    assert [(c.measure_id, c.row, c.column, c.kept, c.lost) for c in decision.conflicts] == [
        ("T001", 2, "Tiltak", "Kartleggje behov", "Frå arket")
    ]


def test_a_value_typed_in_a_column_the_baseline_holds_no_cell_of_is_an_edit() -> None:
    """The sheet gained the 2025 column after T001's row was agreed: the baseline holds no
    2025 cell for it, which counts as agreed empty, so an "x" typed there is taken in."""
    base = {**BASE, "T001": {c: t for c, t in BASE["T001"].items() if c != "2025"}}
    decision = decide(LAYOUT, sheet_as_store(T001={"2025": "x"}), STORE, base)
    assert decision.conflicts == [] and decision.messages == []
    [edit] = decision.edits
    assert (edit.measure_id, edit.row, edit.cells) == ("T001", 2, {"2025": ("x", "x")})


def test_exactly_a_fifth_of_the_rows_vanishing_is_removed_not_refused() -> None:
    """The mass-removal guard needs *more than* 20 % gone: 3 of 15 rows is allowed."""
    rows = {f"T{n:03}": measure(f"1.1.{n}", f"Tiltak {n}") for n in range(1, 16)}
    store = StoreView(rows=rows)
    base = {mid: dict(cells) for mid, cells in rows.items()}
    sheet = [
        SheetRow(number, {"ID": mid, **cells})
        for number, (mid, cells) in enumerate(rows.items(), start=2)
        if mid not in ("T003", "T007", "T011")
    ]
    decision = decide(LAYOUT, sheet, store, base)
    assert decision.removals == ["T003", "T007", "T011"]
    assert decision.conflicts == [] and decision.forgotten == []


def test_two_rows_without_id_with_a_vanished_number_claim_it_once() -> None:
    """Only the first row without ID that shows a vanished row's number is that measure; a
    second row with the same number is a new measure, not a second edit of it."""
    rows = [r for r in sheet_as_store() if r.id != "T005"]
    rows.append(SheetRow(6, {"ID": "", **measure("1.2.3", "Rapportere")}))
    rows.append(SheetRow(7, {"ID": "", **measure("1.2.3", "Rapportere kvart år")}))
    decision = decide(LAYOUT, rows, STORE, BASE)
    assert decision.claims == {6: "T005"}
    assert decision.edits == [] and decision.conflicts == [] and decision.removals == []
    [creation] = decision.creations
    assert (creation.row, creation.cells["Nr"], creation.cells["Tiltak"]) == (
        7,
        "1.2.3",
        "Rapportere kvart år",
    )


def test_a_row_put_back_showing_an_old_goal_text_is_restored_without_a_message() -> None:
    """A removed measure's row put back (undo) is merged against the measure as removed; its
    Område and Mål follow today's goals, so an older goal text on the row is no edit."""
    removed = measure("1.2.1", "Felles opplæring", Maal="1.2 Felles kompetanse")
    store = StoreView(
        rows={k: v for k, v in STORE.rows.items() if k != "T003"},
        removed=frozenset({"T003"}),
        as_removed={"T003": removed},
    )
    base = {k: v for k, v in BASE.items() if k != "T003"}
    rows = sheet_as_store(T003={"Mål": "1.2 Gammalt mål"})
    decision = decide(LAYOUT, rows, store, base)
    assert decision.restores == ["T003"]
    assert decision.messages == []
    assert decision.edits == [] and decision.conflicts == []


def test_a_copied_row_with_an_edit_beside_its_original_is_not_applied() -> None:
    """Two rows with one ID: neither is synchronised, whatever either shows, until only one
    row has the ID (the text on the copy is not taken for the measure's)."""
    rows = sheet_as_store()
    copy = SheetRow(2, {**rows[0].cells, "Tiltak": "Endra på kopien"})
    rows = [copy, *(SheetRow(r.number + 1, r.cells) for r in rows)]
    decision = decide(LAYOUT, rows, STORE, BASE)
    assert decision.edits == [] and decision.conflicts == [] and decision.converged == {}
    assert [m.row for m in decision.messages] == [2, 3]
