"""Whole cycles against the in-memory sheet: the rules of the issue, one by one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from domain.application import Planlogg
from domain.provenance import Source
from sync.cycle import SheetSync
from sync.layout import SyncRefused
from sync.link import SheetLink, load_link
from sync.loop import lay_out
from sync.memory_backend import InMemorySheetBackend
from sync.tabs import DecisionLog
from tests.sync.conftest import PLAN, WEB


def events(app: Planlogg, kind: str) -> list[Any]:
    plan = app.get_plan(PLAN)
    return [e for e in app.events.get(plan.id) if type(e).__name__ == kind]


def cycle(sheet_sync: SheetSync, sheet: InMemorySheetBackend, **options: Any) -> Any:
    return sheet_sync.cycle(sheet, PLAN, **options)


def test_first_cycle_lays_every_measure_into_the_sheet(sheet: InMemorySheetBackend) -> None:
    assert sheet.column("ID") == ["T001", "T002", "T003", "T004", "T005", "T006"]
    assert sheet.value(2, "Innsatsområde") == "1 Samhandling"
    assert sheet.value(2, "Mål") == "1.1 Betre samhandling"
    assert sheet.value(2, "2024") == "x"
    assert "Oversikt" in sheet.tabs and "Vedtak" in sheet.tabs


def test_an_unchanged_sheet_writes_nothing(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    report = cycle(sheet_sync, sheet)
    assert (report.applied, report.written, report.rows_read) == (0, 0, 6)


def test_a_status_typed_in_the_sheet_is_reported_by_the_editor(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit(
        {(row, "Status"): "Raud", (row, "Statuskommentar"): "Stoppa opp"}, user="Siri Sekretær"
    )
    report = cycle(sheet_sync, sheet)
    assert report.applied == 1
    [reported] = events(plan_app, "StatusReported")
    assert (reported.colour, reported.comment) == ("red", "Stoppa opp")
    assert reported.by.source is Source.SHEET
    assert reported.by.actor == "Siri Sekretær"
    assert sheet.value(row, "Status") == "rød"
    assert sheet.value(row, "Endret av") == "Siri Sekretær"


def test_every_editor_since_the_last_cycle_is_recorded(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.user_edit({(2, "Tiltak"): "Ny tekst A"}, user="Siri")
    sheet.user_edit({(3, "Tiltak"): "Ny tekst B"}, user="Per")
    cycle(sheet_sync, sheet)
    actors = {e.by.actor for e in events(plan_app, "MeasureReworded")}
    assert actors == {"Siri, Per"}


def test_edits_of_each_column_become_their_commands(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T001")
    sheet.user_edit(
        {
            (row, "Nr"): "1.2.9",
            (row, "Tiltak"): "Omskrive",
            (row, "Ansvar"): "PSU; ASU",
            (row, "2025"): "X høst",
        }
    )
    report = cycle(sheet_sync, sheet)
    assert report.applied == 4
    measure = plan_app.get_plan(PLAN).measure("T001")
    assert (measure.number, measure.goal, measure.text) == ("1.2.9", "1.2", "Omskrive")
    assert measure.responsible == ("PSU", "ASU")
    assert measure.marks == {2024: "x", 2025: "X høst"}
    assert sheet.value(row, "Ansvar") == "PSU, ASU"
    assert sheet.value(row, "Mål") == "1.2 Felles kompetanse"


def test_a_store_change_is_written_to_the_sheet(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    plan_app.reword_measure(PLAN, "T003", '=IMPORTXML("http://x")', WEB)
    report = cycle(sheet_sync, sheet)
    assert report.applied == 0
    assert sheet.value(sheet.row_of("T003"), "Tiltak") == '=IMPORTXML("http://x")'
    assert sheet.value(sheet.row_of("T003"), "Endret av") == "Webbrukar"
    assert cycle(sheet_sync, sheet).written == 0


def test_a_conflict_keeps_the_store_value_and_the_sheet_text_in_history(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T004")
    plan_app.reword_measure(PLAN, "T004", "Frå nettet", WEB)
    sheet.user_edit({(row, "Tiltak"): "Frå arket"})
    report = cycle(sheet_sync, sheet)
    assert report.conflicts == 1
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert (conflict.field, conflict.kept, conflict.lost) == ("Tiltak", "Frå nettet", "Frå arket")
    assert sheet.value(row, "Tiltak") == "Frå nettet"
    assert "Frå arket" in sheet.value(row, "Melding")
    assert "Frå arket" in sheet.notes[(row, 4)]
    assert cycle(sheet_sync, sheet).conflicts == 0
    plan_app.resolve_conflict(PLAN, "T004", conflict.conflict_id, WEB)
    cycle(sheet_sync, sheet)
    assert sheet.value(row, "Melding") == ""
    assert (row, 4) not in sheet.notes


def test_invalid_input_stays_in_the_cell_with_an_explanation_until_fixed(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T005")
    sheet.user_edit({(row, "Status"): "blå"})
    report = cycle(sheet_sync, sheet)
    assert (report.applied, report.rejected) == (0, 1)
    assert sheet.value(row, "Status") == "blå"
    assert "Ukjent status" in sheet.value(row, "Melding")
    assert cycle(sheet_sync, sheet).written == 0
    sheet.user_edit({(row, "Status"): "Grønn"})
    assert cycle(sheet_sync, sheet).applied == 1
    assert sheet.value(row, "Status") == "grønn"
    assert sheet.value(row, "Melding") == ""


def test_a_new_row_becomes_a_measure_and_gets_its_id(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.user_edit({(8, "Nr"): "1.2.7", (8, "Tiltak"): "Heilt nytt", (8, "Status"): "gul"})
    report = cycle(sheet_sync, sheet)
    assert report.applied == 1
    assert sheet.value(8, "ID") == "T007"
    measure = plan_app.get_plan(PLAN).measure("T007")
    assert (measure.text, measure.status.colour.label) == ("Heilt nytt", "gul")
    assert sheet.value(8, "Mål") == "1.2 Felles kompetanse"
    assert cycle(sheet_sync, sheet).applied == 0


def test_a_deleted_row_removes_the_measure_restorably(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.delete_rows(sheet.row_of("T006"))
    assert cycle(sheet_sync, sheet).applied == 1
    assert plan_app.get_plan(PLAN).measure("T006").removed
    plan_app.restore_measure(PLAN, "T006", WEB)
    cycle(sheet_sync, sheet)
    assert "T006" in sheet.column("ID")


def test_a_measure_removed_in_the_store_leaves_the_sheet(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    plan_app.remove_measure(PLAN, "T002", WEB)
    cycle(sheet_sync, sheet)
    assert "T002" not in sheet.column("ID")
    assert cycle(sheet_sync, sheet).written == 0


def test_a_cleared_sheet_stops_the_sync_and_changes_nothing(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    before = plan_app.get_plan(PLAN).version
    sheet.delete_rows(*range(2, 8))
    with pytest.raises(SyncRefused, match="borte fra planfanen"):
        cycle(sheet_sync, sheet)
    assert plan_app.get_plan(PLAN).version == before
    assert len(sheet.grid) == 1


def test_renamed_headers_are_refused_and_nothing_is_written(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.grid[0][4] = "Tiltakstekst"
    sheet.user_edit({(2, "Tiltakstekst"): "Endra"})
    plan_app.reword_measure(PLAN, "T003", "Frå nettet", WEB)
    snapshot = [list(r) for r in sheet.grid]
    with pytest.raises(SyncRefused, match="Overskriftene"):
        cycle(sheet_sync, sheet)
    assert sheet.grid == snapshot


def test_sorting_the_sheet_is_not_an_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.sort_rows(key=lambda r: r[4], user="Per")
    report = cycle(sheet_sync, sheet)
    assert (report.applied, report.written) == (0, 0)


def test_a_duplicated_id_is_reported_and_not_guessed_at(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    sheet.user_edit({(3, "ID"): "T001", (3, "Tiltak"): "Kopi"})
    report = cycle(sheet_sync, sheet)
    assert report.applied == 0
    assert "flere rader" in sheet.value(2, "Melding")
    assert "flere rader" in sheet.value(3, "Melding")
    assert not plan_app.get_plan(PLAN).measure("T002").removed


def test_an_adopted_plan_refuses_content_edits_but_takes_status(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    _adopt(plan_app)
    row = sheet.row_of("T001")
    sheet.user_edit({(row, "Tiltak"): "Ny ordlyd", (row, "Status"): "gul"})
    report = cycle(sheet_sync, sheet)
    assert (report.applied, report.rejected) == (1, 1)
    assert sheet.value(row, "Tiltak") == "Ny ordlyd"
    assert "Start en revisjon" in sheet.value(row, "Melding")
    plan_app.start_revision(PLAN, WEB)
    assert cycle(sheet_sync, sheet).applied == 1
    assert plan_app.get_plan(PLAN).measure("T001").text == "Ny ordlyd"


def test_a_deleted_row_of_an_adopted_plan_comes_back_with_the_reason(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    _adopt(plan_app)
    sheet.delete_rows(sheet.row_of("T003"))
    cycle(sheet_sync, sheet)
    row = sheet.row_of("T003")
    assert "Start en revisjon" in sheet.value(row, "Melding")
    assert not plan_app.get_plan(PLAN).measure("T003").removed


def test_a_cell_typed_during_the_cycle_is_not_overwritten(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    plan_app.reword_measure(PLAN, "T002", "Frå nettet", WEB)
    sheet.before_write = lambda: sheet.user_edit({(row, "Tiltak"): "Skrive no"})
    report = cycle(sheet_sync, sheet)
    assert report.skipped == 1
    assert sheet.value(row, "Tiltak") == "Skrive no"
    sheet.before_write = None
    cycle(sheet_sync, sheet)
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert conflict.lost == "Skrive no"


# --- crashes at every point -------------------------------------------------------------


def _crash_once(target: Any, name: str, when: Callable[..., bool] = lambda *a, **k: True) -> None:
    original = getattr(target, name)
    state = {"armed": True}

    def failing(*args: Any, **kwargs: Any) -> Any:
        if state["armed"] and when(*args, **kwargs):
            state["armed"] = False
            raise RuntimeError("krasj")
        return original(*args, **kwargs)

    setattr(target, name, failing)


def _moves_only_the_base(*aggregates: Any, **_: Any) -> bool:
    """The save after the write (step 6), not the one recording the pending writes before it."""
    return all(isinstance(a, SheetLink) for a in aggregates) and any(
        type(e).__name__ == "BaseMoved" for a in aggregates for e in a.pending_events
    )


@pytest.mark.parametrize("crash", ["before_save", "after_save", "after_write"])
def test_a_crash_at_any_point_neither_duplicates_nor_loses_an_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend, crash: str
) -> None:
    row = sheet.row_of("T001")
    sheet.user_edit({(row, "Status"): "raud", (row, "Tiltak"): "Krasjsikker"})
    sheet.user_edit({(8, "Nr"): "1.1.8", (8, "Tiltak"): "Nytt under krasj"})
    plan_app.reword_measure(PLAN, "T002", "Frå nettet", WEB)
    sheet.user_edit({(sheet.row_of("T002"), "Tiltak"): "Frå arket"})
    if crash == "before_save":
        _crash_once(plan_app, "save")
    elif crash == "after_save":
        _crash_once(sheet, "write")
    else:
        _crash_once(plan_app, "save", _moves_only_the_base)
    with pytest.raises(RuntimeError, match=r"^krasj$"):
        cycle(sheet_sync, sheet)
    cycle(sheet_sync, sheet)
    cycle(sheet_sync, sheet)
    assert len(events(plan_app, "StatusReported")) == 1
    assert len(events(plan_app, "MeasureReworded")) == 2
    assert len(events(plan_app, "MeasureAdded")) == 7
    assert len(events(plan_app, "EditConflictRecorded")) == 1
    assert sheet.value(row, "Status") == "rød"
    assert sheet.value(8, "ID") == "T007"
    assert sheet.column("ID").count("T007") == 1
    assert cycle(sheet_sync, sheet).written == 0


def test_a_cell_written_just_before_a_crash_is_not_taken_for_an_edit(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """Killed between writing the store's text and moving the baseline: when the store then
    changes again, the sheet's cell still holds what the sync wrote, not a person's edit."""
    row = sheet.row_of("T003")
    plan_app.reword_measure(PLAN, "T003", "Første ordlyd frå nettet", WEB)
    _crash_once(plan_app, "save", _moves_only_the_base)
    with pytest.raises(RuntimeError, match=r"^krasj$"):
        cycle(sheet_sync, sheet)
    assert sheet.value(row, "Tiltak") == "Første ordlyd frå nettet"
    plan_app.reword_measure(PLAN, "T003", "Andre ordlyd frå nettet", WEB)
    cycle(sheet_sync, sheet)
    assert events(plan_app, "EditConflictRecorded") == []
    assert sheet.value(row, "Tiltak") == "Andre ordlyd frå nettet"
    assert plan_app.get_plan(PLAN).measure("T003").text == "Andre ordlyd frå nettet"
    assert load_link(plan_app, PLAN, sheet.target).pending == {}
    assert cycle(sheet_sync, sheet).written == 0


def test_a_pending_write_that_never_reached_the_sheet_is_written_by_the_next_cycle(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T003")
    plan_app.reword_measure(PLAN, "T003", "Ny ordlyd frå nettet", WEB)
    _crash_once(sheet, "write")
    with pytest.raises(RuntimeError, match=r"^krasj$"):
        cycle(sheet_sync, sheet)
    assert load_link(plan_app, PLAN, sheet.target).pending == {
        "T003": {"Tiltak": "Ny ordlyd frå nettet"}
    }
    sheet.user_edit({(row, "Status"): "gul"})
    cycle(sheet_sync, sheet)
    assert sheet.value(row, "Tiltak") == "Ny ordlyd frå nettet"
    assert len(events(plan_app, "StatusReported")) == 1
    assert events(plan_app, "EditConflictRecorded") == []
    assert load_link(plan_app, PLAN, sheet.target).pending == {}


def test_a_person_typing_over_a_pending_cell_is_not_overruled_by_it(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """Only a cell showing exactly the pending text counts as written by the sync."""
    row = sheet.row_of("T003")
    plan_app.reword_measure(PLAN, "T003", "Ny ordlyd frå nettet", WEB)
    _crash_once(sheet, "write")
    with pytest.raises(RuntimeError, match=r"^krasj$"):
        cycle(sheet_sync, sheet)
    sheet.user_edit({(row, "Tiltak"): "Skrive i arket"})
    cycle(sheet_sync, sheet)
    [conflict] = events(plan_app, "EditConflictRecorded")
    assert (conflict.kept, conflict.lost) == ("Ny ordlyd frå nettet", "Skrive i arket")


def _adopt(app: Planlogg) -> None:
    from datetime import date

    from domain.provenance import Provenance

    version = app.submit(PLAN, ["PSU"], WEB)
    app.approve(
        PLAN,
        version,
        "PSU",
        "sak 1/25",
        date(2025, 1, 10),
        Provenance("PSU", Source.WEB, decision="PSU sak 1/25"),
    )


def test_the_overview_tab_publishes_the_audit_chain_link_auditors_can_verify(
    sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    tab = sheet.tabs["Oversikt"]
    at = next(i for i, r in enumerate(tab) if r and r[0].startswith("Kontrollsum"))
    checksum, position = tab[at][1], int(tab[at + 1][1].removeprefix("hendelse "))
    assert [cell for cell in tab[at][2:] if cell] == []
    read_models = sheet_sync.read_models
    assert read_models.verify_chain(expected_head=checksum, expected_position=position).ok
    assert not read_models.verify_chain(expected_head="0" * 64, expected_position=position).ok


def test_the_decisions_tab_grows_with_the_plan_like_a_rendering_of_its_whole_history(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    assert sheet.tabs["Vedtak"][1:] == []
    _adopt(plan_app)
    cycle(sheet_sync, sheet)
    adopted = sheet.tabs["Vedtak"][1:]
    assert [row[0] for row in adopted] == ["PSU sak 01/25"]
    sheet.user_edit({(sheet.row_of("T002"), "Status"): "gul"})
    cycle(sheet_sync, sheet)
    whole = DecisionLog()
    whole.add(plan_app.events.get(plan_app.get_plan(PLAN).id))
    assert sheet.tabs["Vedtak"] == whole.rows
    assert sheet.tabs["Vedtak"][1:] == adopted


def test_names_from_the_sheets_metadata_are_cleaned_not_refused(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Status"): "gul"}, user="Siri\x0b Sekre\x00tær")
    assert cycle(sheet_sync, sheet).applied == 1
    [reported] = events(plan_app, "StatusReported")
    assert reported.by.actor == "Siri Sekre tær"


def test_a_registered_body_typed_in_the_sheet_is_stored_by_id_and_shown_by_name(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", WEB)
    plan_app.add_body(
        "helsefellesskap",
        "Fagråd for forebygging, helsefremming, læring og mestring",
        "fagleg",
        WEB,
        short_name="FFHLM",
    )
    row = sheet.row_of("T001")
    sheet.user_edit(
        {(row, "Ansvar"): "fagråd for forebygging, helsefremming, læring og mestring; LSU"}
    )
    assert cycle(sheet_sync, sheet).applied == 1
    measure = plan_app.get_plan(PLAN).measure("T001")
    assert measure.responsible == (
        "fagrad-for-forebygging-helsefremming-laering-og-mestring",
        "LSU",
    )
    assert sheet.value(row, "Ansvar") == (
        "Fagråd for forebygging, helsefremming, læring og mestring, LSU"
    )
    assert "«LSU» er ikke et registrert organ; lagret som skrevet." in sheet.value(row, "Melding")
    assert "Sekretariatet kan slå sammen skrivemåtene i organregisteret." in sheet.value(
        row, "Melding"
    )
    assert not events(plan_app, "SheetInputRefused")
    sheet.user_edit({(row, "Ansvar"): "FFHLM, lsu"})
    assert cycle(sheet_sync, sheet).applied == 1
    assert len(events(plan_app, "ResponsibleAssigned")) == 2
    assert plan_app.get_plan(PLAN).measure("T001").responsible == (
        "fagrad-for-forebygging-helsefremming-laering-og-mestring",
        "lsu",
    )


def test_planlogg_clears_only_the_notes_it_wrote_and_leaves_the_users_own(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    text, status, methods = map(sheet.grid[0].index, ("Tiltak", "Status", "Evaluering: metoder"))
    sheet.notes[(row, text)] = "Spør Kari før møtet"
    sheet.user_edit({(row, "Status"): "lilla", (row, "Evaluering: metoder"): "Spørje\x7fskjema"})
    assert cycle(sheet_sync, sheet).rejected == 2
    assert sheet.notes == {
        (row, text): "Spør Kari før møtet",
        (row, status): 'Ukjent status "lilla". Skriv grønn, gul eller rød.',
        (row, methods): "Evaluering: metoder inneholder et tegn som ikke kan lagres: U+007F "
        "(kontrolltegn). Fjern det og prøv igjen.",
    }
    sheet.user_edit({(row, "Status"): "gul", (row, "Evaluering: metoder"): "Spørjeskjema"})
    assert cycle(sheet_sync, sheet).applied == 2
    assert sheet.value(row, "Melding") == ""
    assert sheet.notes == {(row, text): "Spør Kari før møtet"}


def test_a_note_written_under_the_other_målforms_header_is_still_known_as_planloggs(
    sheet_sync: SheetSync, plan_app: Planlogg
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", WEB, language="nn")
    sheet = InMemorySheetBackend(PLAN, target=f"memory:{PLAN}-nynorsk")
    lay_out(plan_app, sheet, PLAN)
    cycle(sheet_sync, sheet)
    row = sheet.row_of("T003")
    text, methods = map(sheet.grid[0].index, ("Tiltak", "Evaluering: metodar"))
    sheet.notes[(row, text)] = "Spør Kari før møtet"
    sheet.user_edit({(row, "Evaluering: metodar"): "Spørje\x7fskjema"})
    cycle(sheet_sync, sheet)
    assert sheet.value(row, "Melding").startswith("Evaluering: metodar: ")
    assert sorted(sheet.notes) == [(row, text), (row, methods)]
    plan_app.choose_community_language("helsefellesskap", "nb", WEB)
    sheet.user_edit({(row, "Evaluering: metodar"): "Spørjeskjema"})
    assert cycle(sheet_sync, sheet).applied == 1
    assert sheet.notes == {(row, text): "Spør Kari før møtet"}


@pytest.mark.parametrize(
    ("title", "first_row"),
    [
        ("Vedtak", ["Sak", "Dato", "Vedtak"]),
        ("Oversikt", ["Tiltak", "Status"]),
        ("Vedtak", ["", "", ""]),
    ],
)
def test_a_tab_of_our_title_that_someone_else_made_stops_the_first_cycle(
    plan_app: Planlogg, sheet_sync: SheetSync, title: str, first_row: list[str]
) -> None:
    """Adopting a workbook whose own Vedtak or Oversikt tab Planlogg would overwrite (its
    first row left blank too: what counts is its first row with anything in it)."""
    backend = InMemorySheetBackend("testplan")
    lay_out(plan_app, backend, PLAN)
    own = [
        first_row,
        ["Sak", "Dato", "Vedtak"],
        ["ASU sak 27/22", "13.03.2022", "ASU vedtek handlingsplanen"],
    ]
    backend.tabs[title] = [list(row) for row in own]
    before = plan_app.get_plan(PLAN).version
    refused = (
        f"Regnearket har allerede en fane «{title}» som ikke er Planloggs. Gi den et annet "
        "navn, så legger Planlogg ut sin egen. Ingenting er skrevet."
    )
    with pytest.raises(SyncRefused, match=f"^{refused}$"):
        cycle(sheet_sync, backend)
    assert backend.tabs[title] == own
    assert len(backend.grid) == 1
    assert plan_app.get_plan(PLAN).version == before
    del backend.tabs[title]
    cycle(sheet_sync, backend)
    assert backend.column("ID") == ["T001", "T002", "T003", "T004", "T005", "T006"]


def test_planloggs_own_tabs_in_either_målform_do_not_stop_a_first_cycle(
    plan_app: Planlogg, sheet_sync: SheetSync, sheet: InMemorySheetBackend
) -> None:
    """A sheet laid out before (its link lost, or another Planlogg) is Planlogg's own."""
    tabs = {title: [list(row) for row in rows] for title, rows in sheet.tabs.items()}
    fresh = InMemorySheetBackend("testplan", target="memory:kopi")
    lay_out(plan_app, fresh, PLAN)
    fresh.tabs.update(tabs)
    fresh.tabs["Vedtak"][0] = ["Vedtak", "Dato", "Kva", "Gjeld versjon"]
    assert not load_link(plan_app, PLAN, fresh.target).base
    cycle(sheet_sync, fresh)
    assert fresh.column("ID") == ["T001", "T002", "T003", "T004", "T005", "T006"]


def test_rows_trade_numbers_in_one_cycle(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """Each new number is held by the other row until both move: given together, they may."""
    sheet.user_edit({(2, "Nr"): "1.1.2", (3, "Nr"): "1.1.1"})
    report = cycle(sheet_sync, sheet)
    plan = plan_app.get_plan(PLAN)
    assert (plan.measure("T001").number, plan.measure("T002").number) == ("1.1.2", "1.1.1")
    assert (report.applied, report.rejected) == (2, 0)
    assert len(events(plan_app, "MeasureRenumbered")) == 2
    assert cycle(sheet_sync, sheet).applied == 0


def test_a_link_in_the_sheet_follows_a_row_given_a_new_number(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """The linking row is rewritten by the cycle that renumbers: no one has to chase it."""
    plan_app.link_measure(PLAN, "T003", ["1.1.1"], [], WEB)
    cycle(sheet_sync, sheet)
    assert sheet.value(4, "Se også") == "1.1.1"
    sheet.user_edit({(2, "Nr"): "1.1.7"})
    cycle(sheet_sync, sheet)
    assert plan_app.get_plan(PLAN).measure("T003").see_also == ("1.1.7",)
    assert sheet.value(4, "Se også") == "1.1.7"
    assert cycle(sheet_sync, sheet).applied == 0


def test_a_link_edited_in_the_cycle_that_renumbers_what_it_names_follows_too(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """Typed against the numbers the sheet showed: the renumbering above it in the sheet must
    not be undone by the link edit applied after it."""
    plan_app.link_measure(PLAN, "T003", ["1.1.1"], [], WEB)
    cycle(sheet_sync, sheet)
    sheet.user_edit({(2, "Nr"): "1.1.7", (4, "Se også"): "1.1.1; 1.1.2"})
    cycle(sheet_sync, sheet)
    assert plan_app.get_plan(PLAN).measure("T003").see_also == ("1.1.7", "1.1.2")
    assert sheet.value(4, "Se også") == "1.1.7; 1.1.2"
    assert cycle(sheet_sync, sheet).applied == 0


def test_numbers_refused_together_are_tried_one_by_one(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """One number taken by a row that keeps it: the others still move, that one is explained."""
    sheet.user_edit({(2, "Nr"): "1.1.9", (3, "Nr"): "1.1.3"})
    report = cycle(sheet_sync, sheet)
    plan = plan_app.get_plan(PLAN)
    assert (plan.measure("T001").number, plan.measure("T002").number) == ("1.1.9", "1.1.2")
    assert (report.applied, report.rejected) == (1, 1)
    assert "Tiltaksnummeret 1.1.3 er allerede i bruk." in sheet.value(3, "Melding")


def test_a_body_registered_after_the_sheet_was_written_is_shown_by_its_name_next_cycle(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    """A row is rendered again when the register its names are read through has changed,
    not only when its measure has: the same sync, running on, shows what a new one would."""
    row = sheet.row_of("T001")
    assert sheet.value(row, "Ansvar") == "PSU"
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", WEB)
    plan_app.add_body("helsefellesskap", "Psykososialt utval", "fagleg", WEB, short_name="PSU")
    report = cycle(sheet_sync, sheet)
    assert report.applied == 0
    assert sheet.column("Ansvar") == ["Psykososialt utval"] * 6


def test_a_patient_group_cell_naming_two_groups_is_refused_in_melding_not_guessed(
    sheet_sync: SheetSync, plan_app: Planlogg, sheet: InMemorySheetBackend
) -> None:
    row = sheet.row_of("T002")
    sheet.user_edit({(row, "Pasientgrupper"): "Eldre med flere kroniske lidelser"})
    report = cycle(sheet_sync, sheet)
    assert (report.applied, report.rejected) == (0, 1)
    assert plan_app.get_plan(PLAN).measure("T002").patient_groups == ()
    assert (
        "«Eldre med flere kroniske lidelser» kan være flere pasientgrupper: Skrøpelige eldre; "
        "Personer med flere kroniske lidelser. Skriv den du mener."
    ) in sheet.value(row, "Melding")
