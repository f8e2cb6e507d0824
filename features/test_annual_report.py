"""The secretariat takes the annual report to the committee (web, PDF and Word read back)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date

from docx import Document
from flask import Flask
from flask.testing import FlaskClient
from pypdf import PdfReader
from pytest_bdd import given, parsers, scenarios, then, when

from domain.demo import DEMO_PLAN
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.signed_in import person_with, signed_in

scenarios("annual_report.feature")


@dataclass(frozen=True)
class Download:
    filename: str
    data: bytes

    def text(self) -> str:
        pages = PdfReader(io.BytesIO(self.data)).pages
        return " ".join(" ".join(page.extract_text() for page in pages).split())


def _download(client: FlaskClient, page: str, label: str) -> Download:
    html = client.get(page).get_data(as_text=True)
    links = re.findall(rf'<a href="([^"]+)" download>{label}', html)
    response = client.get(links[0])
    assert response.status_code == 200
    found = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"])
    assert found is not None
    return Download(found[1], response.data)


@given("an editor is signed in", target_fixture="client")
def editor(web: Flask) -> FlaskClient:
    return signed_in(web, person_with(web.extensions["planlogg"].app, Role.EDITOR))


@when(
    "the editor downloads the annual report 2024 as PDF from the dashboard",
    target_fixture="download",
)
def annual_pdf(client: FlaskClient) -> Download:
    html = client.get(f"/planer/{DEMO_PLAN}/dashbord").get_data(as_text=True)
    (link,) = re.findall(r'href="([^"]+/arsrapport/2024\.pdf)"', html)
    response = client.get(link)
    found = re.search(r'filename="([^"]+)"', response.headers["Content-Disposition"])
    assert found is not None
    return Download(found[1], response.data)


@when("a visitor downloads the plan as Word from the public page", target_fixture="download")
def adopted_word(web: Flask) -> Download:
    return _download(web.test_client(), f"/planer/{DEMO_PLAN}", "Word")


@then(parsers.parse('the file is "{name}"'))
def named(download: Download, name: str) -> None:
    assert download.filename == name


@then("it names the version in force and the decisions that adopted it")
def adopted(download: Download) -> None:
    text = download.text()
    assert "Versjon 1 er vedtatt og gjelder fra 24.03.2022." in text
    assert "ASU ASU sak 12/22 10.03.2022 ASU godkjenner handlingsplan 2022–2024 versjon 1." in text
    assert "PSU PSU sak 05/22 24.03.2022 PSU godkjenner handlingsplan 2022–2024 versjon 1." in text


@then("each area's measures show their traffic light as a word")
def lights(download: Download) -> None:
    text = download.text()
    assert "0.1.1 Gjennomgå arbeidsform" in text
    assert "grønn Gjennomført. (02.09.2024)" in text
    assert "gul Arbeidsgruppa er forseinka. (02.09.2024)" in text
    assert "rød Ikkje starta. (02.09.2024)" in text
    assert "0.1.2 Utarbeide årshjul. AU og Sekretariat ikke rapportert" in text


@then("it names the bodies that did not report by 11.09.2024")
def missing(download: Download) -> None:
    text = download.text()
    part = text[text.index("Rapporteringsrunde med frist 11.09.2024") :]
    assert part.startswith(
        "Rapporteringsrunde med frist 11.09.2024 (ASU sak 40/24) Organer som skulle "
        "rapportere: Fagråd for digital samhandling, Fagråd for pasientsamarbeid, Sekretariat. "
        "Runden er åpen. Har ikke rapportert status for alle sine tiltak: "
        "Fagråd for digital samhandling Fagråd for pasientsamarbeid Sekretariat"
    )


@given("the Sekretariat reports every measure it answers for on 20.09.2024")
def sekretariat_reports_late(web: Flask) -> None:
    app = web.extensions["planlogg"].app
    plan = app.get_plan(DEMO_PLAN)
    register = app.body_register(plan.header.owner)
    wanted = register.identity("Sekretariat")
    own = [m for m in plan.reporting_measures()
           if wanted in {register.identity(b) for b in m.responsible}]  # fmt: skip
    assert own
    by = Provenance("Sekretariatet", Source.WEB, reason="Statusrapport")
    for measure in own:
        app.report_status(DEMO_PLAN, measure.id, "grønn", "I rute", by,
                          reported_on=date(2024, 9, 20), body="Sekretariat")  # fmt: skip
    web.extensions["planlogg"].read_models.read_your_writes()


@then("the round with deadline 11.09.2024 names the Sekretariat as reporting late, on 20.09.2024")
def late(download: Download) -> None:
    text = download.text()
    part = text[text.index("Rapporteringsrunde med frist 11.09.2024") :]
    assert part.startswith(
        "Rapporteringsrunde med frist 11.09.2024 (ASU sak 40/24) Organer som skulle "
        "rapportere: Fagråd for digital samhandling, Fagråd for pasientsamarbeid, Sekretariat. "
        "Runden er åpen. Har ikke rapportert status for alle sine tiltak: "
        "Fagråd for digital samhandling Fagråd for pasientsamarbeid "
        "Rapporterte etter fristen: Sekretariat (20.09.2024)."
    )


@then("it ends with the audit chain's head")
def chain_head(download: Download, web: Flask) -> None:
    head = web.extensions["planlogg"].read_models.chain_head()
    text = download.text()
    assert f"planlogg audit verify --position {head.position} --head {head.hash}" in text
    assert text.index("Kontrollsum for endringsloggen") > text.index("Vedtak i 2024")


@then("the Word file has the adopted text of measure 0.1.2 in a table, not the draft")
def word_table(download: Download) -> None:
    doc = Document(io.BytesIO(download.data))
    rows = [[c.text for c in row.cells] for table in doc.tables for row in table.rows]
    assert ["0.1.2", "Utarbeide årshjul.", "AU og Sekretariat", "x", "", "", ""] in rows
    assert not [r for r in rows if any("Utarbeide årshjul for 2025" in c for c in r)]
