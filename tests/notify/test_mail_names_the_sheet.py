"""The reminder names the spreadsheet the plan is synced with, and links it where it has an
address: a local workbook by its file name (never its folder on the server), a Google
spreadsheet by its address. Which sheet comes from the sync's configuration, and only once
the store holds the plan's link to it (a cycle has run); else the mail says «the plan's
spreadsheet» as before. Through the real SMTP server, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from functools import partial
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.sheet_place import SheetPlace
from language import Målform, speaking
from notify.reminder_mail import reminder_message
from projections import ReadModels
from sync.cycle import SheetSync
from sync.google import GoogleSheetBackend
from sync.loop import lay_out
from sync.place import google_place, synced_place, workbook_place
from sync.workbook import WorkbookBackend
from tests.language.words import foreign_words
from tests.notify.senders import sender_for
from tests.notify.smtp_server import SmtpServer
from tests.notify.test_mail_language import due
from tests.sheets_emulator import SheetsEmulator

TODAY = date(2026, 11, 30)
SHEET_ID = "1AbC-dEf_123"
GOOGLE = f"https://docs.google.com/spreadsheets/d/{SHEET_ID}/edit"

SHEET_LINE: dict[Målform, dict[str, str]] = {
    "nb": {
        "none": "  - eller i regnearket for planen: fyll ut kolonnene Status og Statuskommentar "
        "på raden til tiltaket.",
        "named": "  - eller i regnearket «handlingsplan.xlsx»: fyll ut kolonnene Status og "
        "Statuskommentar på raden til tiltaket.",
        "linked": "  - eller i regnearket for planen: fyll ut kolonnene Status og Statuskommentar "
        f"på raden til tiltaket. Regnearket finner dere her: {GOOGLE}",
        "both": "  - eller i regnearket «Handlingsplan.xlsx»: fyll ut kolonnene Status og "
        "Statuskommentar på raden til tiltaket. Regnearket finner dere her: "
        "https://example.sharepoint.com/:x:/s/plan",
    },
    "nn": {
        "none": "  - eller i reknearket for planen: fyll ut kolonnane Status og Statuskommentar "
        "på rada til tiltaket.",
        "named": "  - eller i reknearket «handlingsplan.xlsx»: fyll ut kolonnane Status og "
        "Statuskommentar på rada til tiltaket.",
        "linked": "  - eller i reknearket for planen: fyll ut kolonnane Status og Statuskommentar "
        f"på rada til tiltaket. Reknearket finn de her: {GOOGLE}",
        "both": "  - eller i reknearket «Handlingsplan.xlsx»: fyll ut kolonnane Status og "
        "Statuskommentar på rada til tiltaket. Reknearket finn de her: "
        "https://example.sharepoint.com/:x:/s/plan",
    },
}
PLACES: dict[str, SheetPlace | None] = {
    "none": None,
    "named": workbook_place("/srv/planlogg-data/handlingsplan.xlsx"),
    "linked": google_place(SHEET_ID),
    "both": SheetPlace("Handlingsplan.xlsx", "https://example.sharepoint.com/:x:/s/plan"),
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("kind", list(PLACES))
def test_the_mail_names_and_links_the_sheet(målform: Målform, kind: str) -> None:
    with speaking(målform):
        text = reminder_message(due(-1, 2), "sek@example.org", sheet=PLACES[kind]).get_content()
    lines = text.splitlines()
    assert SHEET_LINE[målform][kind] in lines
    assert "/srv/" not in text
    place = PLACES[kind]
    words = text.replace(place.url, "").replace(place.name, "") if place else text
    assert foreign_words(words, målform) == []


def synced_once(app: Planlogg, backend: WorkbookBackend | GoogleSheetBackend) -> None:
    lay_out(app, backend, DEMO_PLAN)
    SheetSync(app, ReadModels.open(app)).cycle(backend, DEMO_PLAN)


def sheet_lines(smtp: SmtpServer) -> set[str]:
    return {
        line
        for mail in smtp.inbox.messages
        for line in mail.get_content().splitlines()
        if "regnearket" in line
    }


def test_a_plan_synced_with_a_workbook_is_reminded_of_it_by_name(
    demo_app: Planlogg, smtp: SmtpServer, tmp_path: Path
) -> None:
    path = tmp_path / "hemmeleg-mappe" / "handlingsplan.xlsx"
    path.parent.mkdir()
    synced_once(demo_app, WorkbookBackend(path, DEMO_PLAN))
    place = partial(synced_place, demo_app, environ={"PLANLOGG_WORKBOOK": str(path)})
    report = sender_for(
        demo_app, smtp, public_url="https://planlogg.example.org", sheet_place=place
    ).send_due(DEMO_PLAN, TODAY)
    assert len(report.sent) == 3
    assert sheet_lines(smtp) == {SHEET_LINE["nb"]["named"]}
    text = smtp.inbox.to("sekretariat@example.org")[0].get_content()
    assert (
        "  - på nettsiden: https://planlogg.example.org/planer/st-olavs-2022-2024/rapportere"
        "?organ=Sekretariat" in text.splitlines()
    )
    assert "hemmeleg-mappe" not in text


def test_a_plan_synced_with_google_is_reminded_of_the_spreadsheets_address(
    demo_app: Planlogg, smtp: SmtpServer, emulator: SheetsEmulator
) -> None:
    sid = emulator.create_spreadsheet("Handlingsplan")
    synced_once(demo_app, GoogleSheetBackend(emulator.gspread_client(), sid, DEMO_PLAN))
    place = partial(synced_place, demo_app, environ={"PLANLOGG_SPREADSHEET_ID": sid})
    sender_for(demo_app, smtp, sheet_place=place).send_due(DEMO_PLAN, TODAY)
    url = f"https://docs.google.com/spreadsheets/d/{sid}/edit"
    assert sheet_lines(smtp) == {SHEET_LINE["nb"]["linked"].replace(GOOGLE, url)}


def test_a_sheet_the_plan_was_never_synced_with_is_not_named(
    demo_app: Planlogg, smtp: SmtpServer, tmp_path: Path
) -> None:
    """The configuration names a workbook, but no cycle has run for the plan there (it
    syncs elsewhere, or not at all): the mail says «the plan's spreadsheet», as before."""
    path = tmp_path / "handlingsplan.xlsx"
    place = partial(synced_place, demo_app, environ={"PLANLOGG_WORKBOOK": str(path)})
    sender_for(demo_app, smtp, sheet_place=place).send_due(DEMO_PLAN, TODAY)
    assert sheet_lines(smtp) == {SHEET_LINE["nb"]["none"]}
    assert synced_place(demo_app, DEMO_PLAN, {"PLANLOGG_SPREADSHEET_ID": SHEET_ID}) is None
