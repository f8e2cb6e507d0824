"""The auditors' pages as a person reads them, on a phone too: each table cell names its
column (`data-label`, shown before the value when the rows are stacked), the headings name
the plan by its title, the comparison page says what each hearing is compared with and offers
no comparison of one version with itself, and a meeting date is a date without a clock time.
(That the pages fit a 390-pixel screen is tested in Chromium:
test_audit_pages_in_a_phone_browser.py.)
"""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in
from tests.web.test_hearing_and_evaluation_pages import hearing_with_responses

TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
SECRETARIAT = Provenance("Siri Sekretær", Source.CLI)


class _Tables(HTMLParser):
    """Each table's column headers, and each body row's cells as (data-label, text)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[tuple[list[str], list[list[tuple[str | None, str]]]]] = []
        self.part = ""
        self.cell: tuple[str | None, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(([], []))
        elif tag in ("thead", "tbody"):
            self.part = tag
        elif tag == "tr" and self.part == "tbody":
            self.tables[-1][1].append([])
        elif tag in ("th", "td") and self.part:
            self.cell = (dict(attrs).get("data-label"), [])

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("th", "td") and self.cell is not None:
            label, text = self.cell[0], " ".join("".join(self.cell[1]).split())
            if self.part == "thead":
                self.tables[-1][0].append(text)
            else:
                self.tables[-1][1][-1].append((label, text))
            self.cell = None
        elif tag in ("thead", "tbody"):
            self.part = ""


def tables_of(page: str) -> list[tuple[list[str], list[list[tuple[str | None, str]]]]]:
    reader = _Tables()
    reader.feed(page)
    return reader.tables


def unlabelled_cells(page: str) -> list[tuple[str, str | None, str]]:
    """Every body cell whose data-label is not its column's header: (header, label, text)."""
    wrong = []
    tables = tables_of(page)
    assert tables and all(rows for _, rows in tables), "no table rows to look at"
    for headers, rows in tables:
        for row in rows:
            named = zip(headers, row, strict=True)
            wrong += [(header, label, text) for header, (label, text) in named if label != header]
    return wrong


@pytest.fixture
def auditor(client: FlaskClient, tokens, web: Flask, demo_app: Planlogg) -> FlaskClient:
    hearing_with_responses(demo_app)
    caught_up(web)
    log_in(client, tokens["auditor"])
    return client


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize(
    "path",
    [
        f"/revisjon/?plan={KEY}&limit=25",
        f"/revisjon/{KEY}/tiltak/0.1.2",
        f"/revisjon/vedtak?plan={KEY}",
        f"/revisjon/{KEY}/horinger/2",
    ],
    ids=["history", "timeline", "decisions", "hearing"],
)
def test_every_cell_of_the_audit_tables_names_its_column(
    auditor: FlaskClient, path: str, målform: str
) -> None:
    """On a phone the rows are stacked, each value after its column's name: that name is the
    cell's data-label, the very words of its column header (so a screen reader, which reads
    the header, and a sighted reader are told the same)."""
    page = auditor.get(f"{path}&lang={målform}" if "?" in path else f"{path}?lang={målform}")
    assert page.status_code == 200
    assert unlabelled_cells(page.text) == []


def test_the_change_log_shows_what_changed_in_each_row(auditor: FlaskClient) -> None:
    page = auditor.get(f"/revisjon/?plan={KEY}&measure=0.1.2&source=cli").text
    [(_, rows)] = tables_of(page)
    changed = [{label: text for label, text in row} for row in rows]
    assert [(row["Felt"], row["Før"], row["Etter"]) for row in changed] == [
        ("tekst", "Utarbeide årshjul.", "Utarbeide årshjul for 2025 med faste rapporteringspunkt."),
        ("tekst", "Utarbeide årshjul for 2025 med faste rapporteringspunkt.",
         "Årshjul med fastlegane"),
    ]  # fmt: skip


def test_a_plan_key_in_the_change_log_is_never_broken_across_lines(auditor: FlaskClient) -> None:
    """The Plan column (of the history of every plan) is narrow: a key broken at each hyphen
    took four lines a row."""
    page = auditor.get("/revisjon/?limit=25").text
    cells = re.findall(r'<td[^>]*data-label="Plan"[^>]*>([^<]*)</td>', page)
    plain = re.findall(r'<td(?![^>]*class="[^"]*nowrap)[^>]*data-label="Plan"[^>]*>', page)
    assert cells and set(cells) == {"", KEY}  # "": a register's change
    assert plain == []


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        (f"/revisjon/{KEY}/horinger/2", f"Høringen av versjon 2 av {TITLE}"),
        (f"/revisjon/{KEY}/horinger/2?lang=nn", f"Høyringa av versjon 2 av {TITLE}"),
        (f"/revisjon/{KEY}/endringer", f"Endringer mellom vedtatte versjoner av {TITLE}"),
        (f"/revisjon/{KEY}/per-dato", f"Planen {TITLE} per dato"),
        (f"/revisjon/{KEY}/per-dato?dato=2099-01-01", f"Planen {TITLE} per dato"),
    ],
    ids=["hearing", "hearing-nn", "diff", "as-of", "as-of-day"],
)
def test_the_headings_name_the_plan_by_its_title(
    auditor: FlaskClient, path: str, heading: str
) -> None:
    page = auditor.get(path).text
    assert re.findall(r"<h1>([^<]*)</h1>", page) == [heading]


def test_the_timeline_names_the_plan_by_its_title(auditor: FlaskClient) -> None:
    page = auditor.get(f"/revisjon/{KEY}/tiltak/0.1.2").text
    assert f'<p class="lead">Plan {TITLE}. Alle endringer av tiltaket, eldste først. ' in page


def test_the_decisions_name_their_plan_by_its_title(auditor: FlaskClient) -> None:
    page = auditor.get(f"/revisjon/vedtak?plan={KEY}").text
    assert f"<dt>Plan</dt><dd>{TITLE}</dd>" in page
    assert f"<dt>Plan</dt><dd>{KEY}</dd>" not in page


@pytest.mark.parametrize(
    ("målform", "adopted", "on_hearing"),
    [("nb", "Høringsutkastet til versjon 1 mot det som ble vedtatt",
      "Høringsutkastet til versjon 2 mot dagens arbeidsversjon (ikke vedtatt ennå)"),
     ("nn", "Høyringsutkastet til versjon 1 mot det som blei vedteke",
      "Høyringsutkastet til versjon 2 mot dagens arbeidsversjon (ikkje vedteken enno)")],
)  # fmt: skip
def test_a_hearing_is_said_to_be_compared_with_what_it_really_is_compared_with(
    auditor: FlaskClient, målform: str, adopted: str, on_hearing: str
) -> None:
    """Version 2 is on hearing, not adopted: its draft is compared with the working version,
    as its own page says, not with "what was adopted"."""
    page = auditor.get(f"/revisjon/{KEY}/endringer?lang={målform}").text
    links = re.findall(rf'<a href="/revisjon/{KEY}/horinger/\d">([^<]*)</a>', page)
    assert links == [adopted, on_hearing]


def test_a_hearing_draft_adopted_since_is_compared_with_what_was_adopted(
    auditor: FlaskClient, web: Flask, demo_app: Planlogg
) -> None:
    demo_app.submit(KEY, ["ASU"], SECRETARIAT)
    demo_app.approve(KEY, 2, "ASU", "ASU sak 11/25", date(2025, 3, 6), SECRETARIAT)
    caught_up(web)
    page = auditor.get(f"/revisjon/{KEY}/endringer").text
    links = re.findall(rf'<a href="/revisjon/{KEY}/horinger/\d">([^<]*)</a>', page)
    assert links == [
        "Høringsutkastet til versjon 1 mot det som ble vedtatt",
        "Høringsutkastet til versjon 2 mot det som ble vedtatt",
    ]
    assert f'action="/revisjon/{KEY}/endringer"' in page  # two versions: they can be compared


def test_one_adopted_version_is_not_offered_for_comparison(auditor: FlaskClient) -> None:
    page = auditor.get(f"/revisjon/{KEY}/endringer").text
    assert "Planen har 1 vedtatt versjon; det trengs minst to for å sammenligne." in page
    assert f'action="/revisjon/{KEY}/endringer"' not in page
    assert "Sammenlign" not in page


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_meeting_date_is_a_date_without_a_clock_time(auditor: FlaskClient, målform: str) -> None:
    """A meeting date is a day: read as a moment it was UTC midnight, shown as 01:00 or 02:00
    in Oslo time («10.03.2022 01:00», «13.06.2024 02:00»)."""
    page = auditor.get(f"/revisjon/vedtak?plan={KEY}&lang={målform}").text
    days = re.findall(r"<dt>Møtedato</dt><dd>(.*?)</dd>", page)
    assert days == ["10.03.2022", "24.03.2022", "13.06.2024"]
