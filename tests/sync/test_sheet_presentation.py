"""How the local workbook looks to a person who opens it after a sync.

A reviewer found every plan column 9.1 wide without wrap (Tiltak up to 685 characters),
Oversikt's labels cut off, its counts stored as text (Excel's «tall lagret som tekst»),
the file's author «openpyxl», «Område»/«uten status» where the documents say
«Innsatsområde»/«ikke rapportert», a registered decision dated by the event citing it,
and a terminal command in the Ansvar cell's message."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from language import speaking
from projections.read_models import ReadModels
from sync.cycle import SheetSync
from sync.layout import DECISIONS_TAB, OVERVIEW_TAB
from sync.loop import lay_out
from sync.tabs import DecisionLog, overview
from sync.workbook import WorkbookBackend
from tests.sync.conftest import PLAN

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


@pytest.fixture
def synced(plan_app: Planlogg, sheet_sync: SheetSync, tmp_path: Path) -> WorkbookBackend:
    backend = WorkbookBackend(tmp_path / "handlingsplan.xlsx", PLAN)
    lay_out(plan_app, backend, PLAN)
    sheet_sync.cycle(backend, PLAN)
    return backend


def _widths(path: Path, title: str) -> dict[str, float]:
    sheet = load_workbook(path)[title]
    header = [str(c.value or "") for c in sheet[1]]
    letters = [c.column_letter for c in sheet[1]]
    return {h: sheet.column_dimensions[x].width for h, x in zip(header, letters, strict=True)}


def test_a_new_plan_tab_has_wide_wrapped_text_columns_and_narrow_year_columns(
    synced: WorkbookBackend,
) -> None:
    widths = _widths(synced.path, PLAN)
    assert (widths["Tiltak"], widths["Mål"], widths["Ansvar"], widths["Melding"]) == (
        60,
        40,
        24,
        40,
    )
    assert (widths["2024"], widths["Status"]) == (8, 10)
    sheet = load_workbook(synced.path)[PLAN]
    text = next(c.column_letter for c in sheet[1] if c.value == "Tiltak")
    year = next(c.column_letter for c in sheet[1] if c.value == "2024")
    assert sheet.column_dimensions[text].alignment.wrap_text is True
    assert sheet[f"{text}2"].alignment.wrap_text is True  # a cell Planlogg wrote
    assert not sheet[f"{year}2"].alignment.wrap_text


def test_widths_people_set_on_an_existing_plan_tab_are_kept(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    book = load_workbook(synced.path)
    sheet = book[PLAN]
    text = next(c.column_letter for c in sheet[1] if c.value == "Tiltak")
    sheet.column_dimensions[text].width = 22
    book.save(synced.path)
    lay_out(plan_app, synced, PLAN)
    sheet_sync.cycle(synced, PLAN)
    assert _widths(synced.path, PLAN)["Tiltak"] == 22


def test_oversikt_and_vedtak_are_wide_enough_for_their_labels(synced: WorkbookBackend) -> None:
    book = load_workbook(synced.path)
    overview_widths = [book[OVERVIEW_TAB].column_dimensions[x].width for x in "ABC"]
    decision_widths = [book[DECISIONS_TAB].column_dimensions[x].width for x in "ABCD"]
    assert (overview_widths, decision_widths) == ([36, 14, 10], [18, 12, 32, 16])


def test_oversikts_counts_are_numbers_and_its_words_are_the_documents(
    synced: WorkbookBackend,
) -> None:
    rows = [list(r) for r in load_workbook(synced.path)[OVERVIEW_TAB].iter_rows(values_only=True)]
    header = next(r for r in rows if r[0] == "Innsatsområde")
    assert header[1:] == ["Tiltak", "grønn", "gul", "rød", "ikke rapportert"]
    assert next(r for r in rows if r[0] == "1 Samhandling")[1:6] == [6, 0, 0, 0, 6]
    assert next(r for r in rows if r[0] == "Sum")[1:6] == [6, 0, 0, 0, 6]


def _oversikt(path: Path) -> list[list[object]]:
    return [list(r) for r in load_workbook(path)[OVERVIEW_TAB].iter_rows(values_only=True)]


def test_oversikt_says_when_no_version_is_adopted_yet(synced: WorkbookBackend) -> None:
    assert _oversikt(synced.path)[1:3] == [
        ["Stadium", "utkast", None, None, None, None],
        ["Versjon i kraft", "Ingen versjon er vedtatt ennå", None, None, None, None],
    ]


def test_oversikt_names_the_version_in_force_while_the_next_is_drafted(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    """The demo's case: version 1 adopted (the last approval's meeting dates it), a
    revision started, so the stage reads «utkast» while version 1 stays in force."""
    version = plan_app.submit(PLAN, ["PSU", "ASU"], SECRETARIAT)
    plan_app.approve(PLAN, version, "PSU", "sak 3/24", date(2024, 6, 13), SECRETARIAT)
    plan_app.approve(PLAN, version, "ASU", "sak 40/24", date(2024, 9, 2), SECRETARIAT)
    plan_app.start_revision(PLAN, SECRETARIAT)
    sheet_sync.cycle(synced, PLAN)
    assert [row[:2] for row in _oversikt(synced.path)[1:3]] == [
        ["Stadium", "utkast"],
        ["Versjon i kraft", "versjon 1, vedtatt 02.09.2024"],
    ]


def test_oversikt_names_a_version_in_force_whose_adoption_it_was_not_given(
    plan_app: Planlogg,
) -> None:
    version = plan_app.submit(PLAN, ["PSU"], SECRETARIAT)
    plan_app.approve(PLAN, version, "PSU", "sak 3/24", date(2024, 6, 13), SECRETARIAT)
    rows = overview(plan_app.get_plan(PLAN), {})
    assert rows[2][:2] == ["Versjon i kraft", "versjon 1"]


def test_oversikt_speaks_nynorsk_for_a_nynorsk_community(plan_app: Planlogg) -> None:
    with speaking("nn"):
        rows = overview(plan_app.get_plan(PLAN), {})
    assert rows[-3][:2] == ["Innsatsområde", "Tiltak"]
    assert rows[-3][-1] == "ikkje rapportert"


def test_the_workbooks_author_is_planlogg(synced: WorkbookBackend) -> None:
    assert load_workbook(synced.path).properties.creator == "Planlogg"


class Cited:
    """A stored event citing a decision: its provenance and UTC timestamp."""

    def __init__(self, by: Provenance, timestamp: datetime) -> None:
        self.by, self.timestamp = by, timestamp


def test_a_registered_decision_is_dated_by_its_meeting_not_the_event_citing_it(
    plan_app: Planlogg,
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", SECRETARIAT)
    plan_app.record_decision(
        "helsefellesskap", "sak 40/24", "ASU", date(2024, 6, 13), "Rapporter.", SECRETARIAT
    )
    models = ReadModels.open(plan_app)
    models.read_your_writes()
    log = DecisionLog()
    log.add(
        [
            Cited(
                Provenance("Kari", Source.WEB, decision="ASU sak 40/24"),
                datetime(2026, 12, 5, tzinfo=UTC),
            ),
            Cited(
                Provenance("Kari", Source.WEB, decision="PSU sak 2/26"),
                datetime(2026, 12, 5, tzinfo=UTC),
            ),
        ]
    )
    assert [row[:2] for row in log.dated(models.meeting_days(log.references))[1:]] == [
        ["ASU sak 40/24", "13.06.2024"],
        ["PSU sak 02/26", "05.12.2026"],
    ]


def test_an_unregistered_body_in_the_sheet_asks_for_the_secretariat_not_a_command(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", SECRETARIAT)
    plan_app.add_body("helsefellesskap", "Fagråd for legesamarbeid", "fagleg", SECRETARIAT)
    plan_app.assign_responsible(PLAN, "T001", ["Fagråd for legesamarbied"], SECRETARIAT)
    sheet_sync.cycle(synced, PLAN)
    sheet = load_workbook(synced.path)[PLAN]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "T001")
    assert row[header.index("Melding")].value == (
        "Ansvar: «Fagråd for legesamarbied» er ikke et registrert organ; lagret som skrevet. "
        "Mente du «Fagråd for legesamarbeid»? Sekretariatet kan slå sammen skrivemåtene i "
        "organregisteret."
    )


def test_a_sync_dates_a_cited_registered_decision_by_its_meeting_in_the_vedtak_tab(
    plan_app: Planlogg, sheet_sync: SheetSync, synced: WorkbookBackend
) -> None:
    """The demo's Vedtak tab read «ASU sak 40/24 | 05.12.2026»: the day the round was opened
    citing it, where the register says the meeting was 13.06.2024."""
    plan_app.register_community("helsefellesskap", "Helsefellesskapet", SECRETARIAT)
    plan_app.record_decision(
        "helsefellesskap", "sak 40/24", "ASU", date(2024, 6, 13), "Rapporter.", SECRETARIAT
    )
    by = Provenance("Kari", Source.WEB, decision="ASU sak 40/24")
    plan_app.report_status(PLAN, "1.1.1", "grønn", "I rute.", by, body="PSU")
    sheet_sync.cycle(synced, PLAN)
    rows = [[c.value for c in row][:2] for row in load_workbook(synced.path)[DECISIONS_TAB]]
    assert rows[1:] == [["ASU sak 40/24", "13.06.2024"]]
