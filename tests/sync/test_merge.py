"""The pure merge, on literal tables: sheet now, store now, baseline → decision."""

from __future__ import annotations

import pytest

from sync.cells import clean_text
from sync.columns import known_columns, place
from sync.layout import Layout, SyncRefused
from sync.merge import SheetRow, StoreView, decide, texts_of

LAYOUT = Layout.for_years((2024, 2025))
COLUMNS = LAYOUT.header


def row(number: int, **cells: str) -> SheetRow:
    named = {"ID": cells.pop("ID", ""), **{_column(k): v for k, v in cells.items()}}
    return SheetRow(number, named)


def _column(key: str) -> str:
    return {
        "Nr": "Nr",
        "Tiltak": "Tiltak",
        "Ansvar": "Ansvar",
        "Status": "Status",
        "Kommentar": "Statuskommentar",
        "Y2024": "2024",
        "Y2025": "2025",
        "Omrade": "Område",
        "Maal": "Mål",
    }[key]


def measure(number: str, text: str, status: str = "", **extra: str) -> dict[str, str]:
    cells = {c: "" for c in LAYOUT.merged}
    cells.update({"Nr": number, "Tiltak": text, "Status": status})
    cells.update({_column(k): v for k, v in extra.items()})
    return cells


STORE = StoreView(
    rows={
        "T001": measure("1.1.1", "Kartleggje behov"),
        "T002": measure("1.1.2", "Lage rutine", "gul"),
        "T003": measure("1.2.1", "Felles opplæring"),
        "T004": measure("1.2.2", "Evaluere"),
        "T005": measure("1.2.3", "Rapportere"),
    }
)
BASE = {mid: dict(cells) for mid, cells in STORE.rows.items()}


def sheet_as_store(**changes: dict[str, str]) -> list[SheetRow]:
    rows = []
    for number, (mid, cells) in enumerate(STORE.rows.items(), start=2):
        rows.append(SheetRow(number, {"ID": mid, **cells, **changes.get(mid, {})}))
    return rows


def test_nothing_changed_decides_nothing() -> None:
    decision = decide(LAYOUT, sheet_as_store(), STORE, BASE)
    assert not decision.moves_base
    assert decision.messages == []


def test_a_cell_changed_only_in_the_sheet_is_an_edit_with_its_parsed_value() -> None:
    decision = decide(LAYOUT, sheet_as_store(T002={"Status": "Raud"}), STORE, BASE)
    [edit] = decision.edits
    assert edit.measure_id == "T002"
    assert edit.cells["Status"][0] == "Raud"
    assert edit.cells["Status"][1].label == "rød"


def test_a_cell_changed_only_in_the_store_is_left_for_the_writer() -> None:
    store = StoreView(rows={**STORE.rows, "T001": measure("1.1.1", "Ny tekst frå nettet")})
    decision = decide(LAYOUT, sheet_as_store(), store, BASE)
    assert not decision.touches_store


def test_both_changed_differently_is_a_conflict_the_store_keeps() -> None:
    store = StoreView(rows={**STORE.rows, "T001": measure("1.1.1", "Frå nettet")})
    decision = decide(LAYOUT, sheet_as_store(T001={"Tiltak": "Frå arket"}), store, BASE)
    [conflict] = decision.conflicts
    assert (conflict.column, conflict.kept, conflict.lost) == ("Tiltak", "Frå nettet", "Frå arket")
    assert decision.edits == []


def test_both_changed_to_the_same_meaning_converges_without_a_command() -> None:
    store = StoreView(rows={**STORE.rows, "T002": measure("1.1.2", "Lage rutine", "rød")})
    decision = decide(LAYOUT, sheet_as_store(T002={"Status": "RAUD"}), store, BASE)
    assert decision.edits == [] and decision.conflicts == []
    assert decision.converged["T002"] == {"Status": "RAUD"}


def test_invalid_input_is_explained_on_its_row_and_not_applied() -> None:
    decision = decide(
        LAYOUT, sheet_as_store(T003={"Status": "blå", "2025": "kanskje"}), STORE, BASE
    )
    assert decision.edits == []
    texts = {m.column: m.text for m in decision.messages}
    assert "Ukjent status" in texts["Status"]
    assert "Forstår ikke" in texts["2025"]
    assert {m.row for m in decision.messages} == {4}


def test_a_formula_error_shown_in_a_cell_is_not_taken_as_text() -> None:
    decision = decide(LAYOUT, sheet_as_store(T001={"Tiltak": "#NAME?"}), STORE, BASE)
    assert decision.edits == []
    assert "formelfeil" in decision.messages[0].text


def test_editing_the_derived_goal_column_is_refused_with_a_pointer_to_nr() -> None:
    decision = decide(LAYOUT, sheet_as_store(T001={"Mål": "Eit anna mål"}), STORE, BASE)
    assert decision.edits == []
    assert "Endre Nr" in decision.messages[0].text


def test_sorted_rows_are_not_edits() -> None:
    rows = sheet_as_store()
    shuffled = [SheetRow(n, r.cells) for n, r in zip(range(2, 7), reversed(rows), strict=True)]
    assert not decide(LAYOUT, shuffled, STORE, BASE).moves_base


def test_a_new_row_without_id_becomes_a_new_measure() -> None:
    rows = [*sheet_as_store(), row(7, Nr="1.2.4", Tiltak="Nytt tiltak", Status="grønn")]
    [creation] = decide(LAYOUT, rows, STORE, BASE).creations
    assert creation.row == 7
    assert creation.values["Nr"] == "1.2.4"


def test_a_new_row_with_bad_input_is_explained_and_not_created() -> None:
    rows = [*sheet_as_store(), row(7, Nr="tja", Tiltak="Nytt tiltak")]
    decision = decide(LAYOUT, rows, STORE, BASE)
    assert decision.creations == []
    assert decision.messages[0].row == 7


def test_a_row_whose_id_was_never_written_is_claimed_by_its_number_not_duplicated() -> None:
    rows = [r for r in sheet_as_store() if r.id != "T005"]
    rows.append(row(6, **{k: v for k, v in {"Nr": "1.2.3", "Tiltak": "Rapportere"}.items()}))
    decision = decide(LAYOUT, rows, STORE, BASE)
    assert decision.creations == [] and decision.removals == []
    assert decision.claims == {6: "T005"}


def test_a_deleted_row_removes_its_measure() -> None:
    rows = [r for r in sheet_as_store() if r.id != "T004"]
    assert decide(LAYOUT, rows, STORE, BASE).removals == ["T004"]


def test_a_row_deleted_while_the_store_changed_its_measure_is_kept_as_conflicts() -> None:
    store = StoreView(rows={**STORE.rows, "T004": measure("1.2.2", "Evaluere årleg", "gul")})
    rows = [r for r in sheet_as_store() if r.id != "T004"]
    decision = decide(LAYOUT, rows, store, BASE)
    assert decision.removals == []
    assert decision.forgotten == ["T004"]
    assert [(c.measure_id, c.row, c.column, c.kept, c.lost) for c in decision.conflicts] == [
        ("T004", None, "Tiltak", "Evaluere årleg", "(raden er slettet i regnearket)"),
        ("T004", None, "Status", "gul", "(raden er slettet i regnearket)"),
    ]


def test_a_row_deleted_while_the_store_only_shows_the_same_in_other_words_is_removed() -> None:
    base = {**BASE, "T004": measure("1.2.2", "Evaluere", "raud", Maal="1.2 Gammalt mål")}
    store = StoreView(rows={**STORE.rows, "T004": measure("1.2.2", "Evaluere", "rød")})
    rows = [r for r in sheet_as_store() if r.id != "T004"]
    decision = decide(LAYOUT, rows, store, base)
    assert (decision.removals, decision.conflicts, decision.forgotten) == (["T004"], [], [])


def test_many_rows_vanishing_at_once_stops_the_sync_even_when_the_store_changed_them() -> None:
    store = StoreView(rows={**STORE.rows, "T005": measure("1.2.3", "Rapportere årleg")})
    with pytest.raises(SyncRefused, match=r"^3 av 5 rader er borte"):
        decide(LAYOUT, sheet_as_store()[:2], store, BASE)


def test_many_rows_vanishing_at_once_stops_the_sync() -> None:
    with pytest.raises(SyncRefused, match="3 av 5 rader er borte"):
        decide(LAYOUT, sheet_as_store()[:2], STORE, BASE)


def test_a_cleared_sheet_stops_the_sync_unless_removals_are_allowed() -> None:
    with pytest.raises(SyncRefused, match="5 av 5 rader er borte"):
        decide(LAYOUT, [], STORE, BASE)
    assert len(decide(LAYOUT, [], STORE, BASE, allow_mass_removal=True).removals) == 5


def test_a_duplicated_id_is_reported_on_both_rows_and_suspends_removals() -> None:
    rows = sheet_as_store()
    rows[1] = SheetRow(3, {**rows[1].cells, "ID": "T001"})
    decision = decide(LAYOUT, rows, STORE, BASE)
    duplicates = [m for m in decision.messages if "flere rader" in m.text]
    assert {m.row for m in duplicates} == {2, 3}
    assert decision.removals == [] and decision.edits == []


def test_an_edited_id_is_reported_and_nothing_is_removed() -> None:
    rows = sheet_as_store()
    rows[3] = SheetRow(5, {**rows[3].cells, "ID": "T4"})
    decision = decide(LAYOUT, rows, STORE, BASE)
    assert "Ukjent ID «T4»" in decision.messages[0].text
    assert decision.removals == []


def test_a_row_of_a_measure_removed_in_the_store_and_untouched_is_no_decision() -> None:
    store = StoreView(
        rows={k: v for k, v in STORE.rows.items() if k != "T003"}, removed=frozenset({"T003"})
    )
    assert not decide(LAYOUT, sheet_as_store(), store, BASE).touches_store


def test_an_edited_row_of_a_measure_removed_in_the_store_keeps_the_edit_as_conflict() -> None:
    store = StoreView(
        rows={k: v for k, v in STORE.rows.items() if k != "T003"}, removed=frozenset({"T003"})
    )
    decision = decide(LAYOUT, sheet_as_store(T003={"Tiltak": "Endra"}), store, BASE)
    assert decision.conflicts[0].lost == "Endra"
    assert decision.conflicts[0].kept == "(tiltaket er fjernet i Planlogg)"


def test_columns_are_found_by_header_in_any_order_with_the_users_own_among_them() -> None:
    moved = ["Notat", COLUMNS[1], COLUMNS[0], *COLUMNS[2:], "Kontaktperson"]
    placement = place(LAYOUT, moved, len(moved), known_columns({"T1": {"Tiltak": "x"}}))
    assert (placement.index("ID"), placement.index("Nr"), placement.index("Tiltak")) == (2, 1, 5)
    assert placement.added == ()
    assert placement.cells(["mitt", "1.1.1", "T1"])["ID"] == "T1"
    assert placement.has_own_content(["mitt", "1.1.1", "T1"])
    assert not placement.has_own_content(["", "1.1.1", "T1"])


def test_the_users_own_columns_count_wherever_they_stand_and_short_rows_read_empty() -> None:
    header = ["Notat", *COLUMNS, "Kontakt"]
    placement = place(LAYOUT, header, len(header) + 2, set())
    last = len(header) - 1
    cells = placement.cells(["", "T7"])
    assert cells["ID"] == "T7"
    assert cells == {column: "T7" if column == "ID" else "" for column in COLUMNS}
    beyond = [""] * (last + 3)
    beyond[last + 2] = "utanfor overskrifta"
    among = [""] * (last + 1)
    among[last] = " ringe Kari "
    assert [placement.has_own_content(r) for r in (beyond, among, [" "] * (last + 3))] == [
        True,
        True,
        False,
    ]


def test_a_row_is_cleaned_as_each_of_its_cells_would_be() -> None:
    one_line = {"ID": " T9 ", "Tiltak": "  Kartleggje  ", "Status": "gul"}
    lines = {**one_line, "Statuskommentar": "første  \r\nandre \n"}
    for cells in (one_line, lines):
        found = SheetRow(2, cells)
        assert found.cleaned == {column: clean_text(text) for column, text in cells.items()}
        assert found.id == "T9"
    assert SheetRow(2, lines).text("Statuskommentar") == "første\nandre"
    assert texts_of(one_line, ("Tiltak", "Mål", "ID")) == ["  Kartleggje  ", "", " T9 "]


def test_a_renamed_planlogg_column_stops_the_sync_and_names_it() -> None:
    renamed = [*COLUMNS[:4], "Tiltakstekst", *COLUMNS[5:]]
    with pytest.raises(SyncRefused, match="kolonnen «Tiltak» finnes ikke lenger"):
        place(LAYOUT, renamed, len(renamed), {"Tiltak"})
    with pytest.raises(SyncRefused, match="«Status» står i flere kolonner"):
        place(LAYOUT, [*COLUMNS, "Status"], len(COLUMNS) + 1, set())
    with pytest.raises(SyncRefused, match="ingen overskriftsrad"):
        place(LAYOUT, [], 0, set())


def test_a_column_the_sheet_never_had_is_added_after_everything_in_use() -> None:
    without_year = [c for c in COLUMNS if c != "2025"]
    placement = place(LAYOUT, [*without_year, "Notat"], len(without_year) + 3, {"2024"})
    assert placement.added == ("2025",)
    assert placement.index("2025") == len(without_year) + 3
