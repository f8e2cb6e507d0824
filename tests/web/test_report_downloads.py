"""Downloading the committee documents: the annual report from the dashboard (staff) and the
adopted plan from the public page (anyone), on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import quote

import pytest
from docx import Document
from flask import Flask
from pypdf import PdfReader

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from domain.provenance import Provenance, Source
from language import speaking
from tests.web.conftest import DRAFT_TEXT, KEY, caught_up
from tests.web.signed_in import person_with, signed_in
from web import create_app
from web.tokens import InMemoryTokenStore

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())


def test_the_dashboard_links_the_annual_report_of_each_year_as_pdf_and_word(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)
    links = re.findall(r'href="(/planer/[^"]+/arsrapport/[^"]+)"', page)
    years = [2025, 2024, 2023, 2022]
    assert links == [f"/planer/{KEY}/arsrapport/{y}.{f}" for y in years for f in ("pdf", "docx")]

    pdf = client.get(f"/planer/{KEY}/arsrapport/2024.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == PDF
    assert pdf.headers["Content-Disposition"] == (
        f'attachment; filename="{KEY}-arsrapport-2024.pdf"'
    )
    text = _pdf_text(pdf.data)
    assert "Årsrapport 2024" in text and "Fagråd for digital samhandling" in text
    head = web.extensions["planlogg"].read_models.chain_head()
    assert head.hash in text

    word = client.get(f"/planer/{KEY}/arsrapport/2024.docx")
    assert word.status_code == 200 and word.mimetype == DOCX
    doc = Document(io.BytesIO(word.data))
    assert doc.paragraphs[1].text == "Årsrapport 2024"


def test_the_annual_report_is_for_staff_only(demo_on_database: tuple[Flask, Planlogg]) -> None:
    web, app = demo_on_database
    anonymous = web.test_client().get(f"/planer/{KEY}/arsrapport/2024.pdf")
    assert anonymous.status_code == 302
    assert anonymous.headers["Location"].startswith("/logg-inn")
    admin = signed_in(web, person_with(app, Role.ADMINISTRATOR))
    assert admin.get(f"/planer/{KEY}/arsrapport/2024.pdf").status_code == 403


def test_anyone_downloads_the_adopted_plan_never_the_draft(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, _ = demo_on_database
    client = web.test_client()
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert f'<a href="/planer/{KEY}/vedtatt.pdf" download>PDF</a>' in page
    assert f'<a href="/planer/{KEY}/vedtatt.docx" download>Word</a>' in page
    version_page = client.get(f"/planer/{KEY}/versjoner/1").get_data(as_text=True)
    assert f'<a href="/planer/{KEY}/versjoner/1.pdf" download>PDF</a>' in version_page

    pdf = client.get(f"/planer/{KEY}/vedtatt.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == PDF
    assert pdf.headers["Content-Disposition"] == (
        f'attachment; filename="{KEY}-handlingsplan-versjon-1.pdf"'
    )
    text = _pdf_text(pdf.data)
    assert "Vedtatt handlingsplan, versjon 1" in text and "Utarbeide årshjul." in text
    assert DRAFT_TEXT not in text

    word = client.get(f"/planer/{KEY}/versjoner/1.docx")
    assert word.status_code == 200 and word.mimetype == DOCX
    cells = [
        c.text for t in Document(io.BytesIO(word.data)).tables for r in t.rows for c in r.cells
    ]
    assert "Utarbeide årshjul." in cells
    assert not [c for c in cells if DRAFT_TEXT in c]


def test_documents_that_do_not_exist_are_not_found(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.AUDITOR))
    for path in (
        f"/planer/{KEY}/versjoner/2.pdf",
        f"/planer/{KEY}/vedtatt.odt",
        "/planer/ingen/vedtatt.pdf",
        "/planer/ingen/arsrapport/2024.pdf",
        f"/planer/{KEY}/arsrapport/2024.txt",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get(f"/planer/{KEY}/arsrapport/1800.pdf").status_code == 422


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_a_version_number_past_what_the_database_holds_is_not_found(
    demo_on_database: tuple[Flask, Planlogg], kind: str
) -> None:
    """Not looked up at all: SQLite refuses an integer past 64 bits (it was a 500)."""
    web, _ = demo_on_database
    answer = web.test_client().get(f"/planer/{KEY}/versjoner/{'9' * 20}.{kind}")
    assert answer.status_code == 404
    assert f"Fant ikke versjon {'9' * 20} av planen {KEY}." in answer.get_data(as_text=True)


def _headings(data: bytes) -> list[str]:
    doc = Document(io.BytesIO(data))
    return [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]


def test_a_download_speaks_the_målform_of_the_request(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    """The community writes nynorsk, so its plans' requests speak nynorsk (and a request
    spoken in nynorsk some other way gets the same documents); bokmål before that."""
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    annual = f"/planer/{KEY}/arsrapport/2024.docx"
    assert _headings(client.get(annual).data)[:4] == [
        "Vedtatt versjon og vedtak",
        "Status per innsatsområde",
        "Rapportert av organene i 2024",
        "Organer som ikke har rapportert",
    ]
    app.choose_community_language(DEMO_COMMUNITY, "nn", Provenance("Sekretariatet", Source.CLI))
    caught_up(web)
    with speaking("nn"):
        word = client.get(annual)
        pdf = web.test_client().get(f"/planer/{KEY}/vedtatt.pdf")
    assert word.headers["Content-Disposition"] == (
        f'attachment; filename="{KEY}-arsrapport-2024.docx"'
    )
    assert _headings(word.data)[:4] == [
        "Vedteken versjon og vedtak",
        "Status per innsatsområde",
        "Rapportert av organa i 2024",
        "Organ som ikkje har rapportert",
    ]
    assert pdf.headers["Content-Disposition"] == (
        f'attachment; filename="{KEY}-handlingsplan-versjon-1.pdf"'
    )
    text = _pdf_text(pdf.data)
    assert "Vedteken handlingsplan, versjon 1" in text
    assert "Dato laga" in text and "Utarbeidd av Planlogg" in text
    assert PdfReader(io.BytesIO(pdf.data)).trailer["/Root"]["/Lang"] == "nn"


def _adopted_plan_web(key: str) -> Flask:
    """A plan under `key`, adopted, and the web app on it."""
    app = Planlogg.from_url("memory:")
    by = Provenance("Sekretariatet", Source.CLI, reason="Sakshandsaming")
    app.create_plan(key, "Handlingsplan 2025", "hf", 2025, 2026, by)
    app.add_area(key, "1", "Pasientforløp", by)
    app.add_goal(key, "1.1", "Tidleg innsats", by)
    app.add_measure(key, "1.1.1", "Kartlegge behov", by, responsible=["ASU"])
    version = app.submit(key, ["ASU"], by)
    app.approve(key, version, "ASU", "sak 1/25", date(2025, 1, 15), by)
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True},
        app=app,
        tokens=InMemoryTokenStore(),
    )
    caught_up(web)
    return web


@pytest.mark.parametrize(
    ("key", "plain", "utf8"),
    [
        ("møre–romsdal", "more-romsdal", "m%C3%B8re%E2%80%93romsdal"),
        ('plan-"a"', "plan-_a_", "plan-%22a%22"),
    ],
)
def test_a_plan_key_outside_ascii_names_the_file_in_utf8_and_in_ascii(
    key: str, plain: str, utf8: str
) -> None:
    """A header travels as latin-1: an en dash in the key made the download a 500."""
    answer = _adopted_plan_web(key).test_client().get(f"/planer/{quote(key)}/vedtatt.docx")
    assert answer.status_code == 200
    assert answer.headers["Content-Disposition"] == (
        f'attachment; filename="{plain}-handlingsplan-versjon-1.docx"; '
        f"filename*=UTF-8''{utf8}-handlingsplan-versjon-1.docx"
    )
