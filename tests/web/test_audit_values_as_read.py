"""The audit pages and the history download read what Planlogg wrote in a row's value as
people read it: days as 11.09.2024, bodies and health communities by their names (the
register's), the evaluation plan's parts by the labels of the form they are typed in.
What the rows store is left as it was written (the API and the JSON download keep it).
Cells are found by their text (">…</td>"), whatever their attributes."""

from __future__ import annotations

from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from language import Målform
from tests.projections.history_csv import history_rows
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in
from tests.web.test_hearing_and_evaluation_pages import SECRETARIAT

ROUND = {
    "nb": "R1 åpen, frist 11.09.2024: Fagråd for pasientsamarbeid, "
    "Fagråd for digital samhandling, Sekretariat",
    "nn": "R1 open, frist 11.09.2024: Fagråd for pasientsamarbeid, "
    "Fagråd for digital samhandling, Sekretariat",
}
APPROVAL = {
    "nb": "ASU godkjente versjon 1 (ASU sak 12/22, 10.03.2022)",
    "nn": "ASU godkjende versjon 1 (ASU sak 12/22, 10.03.2022)",
}
COMMUNITY = "Helsefellesskapet St. Olavs hospital og kommunene"


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_decisions_page_reads_the_round_and_the_approvals(
    client: FlaskClient, tokens, målform: Målform
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/vedtak?plan={KEY}&lang={målform}").get_data(as_text=True)
    assert f">{ROUND[målform]}</td>" in page
    assert f">{APPROVAL[målform]}</td>" in page
    assert "2024-09-11" not in page and "fagrad-for-" not in page


def test_the_history_reads_the_owner_decisions_and_deadlines(
    client: FlaskClient, tokens, web: Flask
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/?plan={KEY}&limit=500").get_data(as_text=True)
    for text in (
        f">{COMMUNITY}</td>",
        f">{ROUND['nb']}</td>",
        f">{APPROVAL['nb']}</td>",
        ">ASU sak 12/22 (10.03.2022): ASU godkjenner handlingsplan",
        ">15.02.2022</td>",
    ):
        assert text in page, text
    assert ">st-olavs</td>" not in page
    owner = client.get(f"/revisjon/?plan={KEY}&field=eier").get_data(as_text=True)
    assert f">{COMMUNITY}</td>" in owner


def test_the_timeline_names_the_plans_word_for_the_responsible_bodies(
    client: FlaskClient, tokens
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/tiltak/0.1.2").get_data(as_text=True)
    assert ">ansvar</td>" in page and ">ansvarlig</td>" not in page
    typed = client.get(f"/revisjon/?plan={KEY}&field=ansvar").get_data(as_text=True)
    assert ">ansvar</td>" in typed and 'name="field" value="ansvar"' in typed


def test_a_reminder_names_its_body(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    body = demo_app.body_register("st-olavs").key_of("Fagråd for digital samhandling")
    demo_app.intend_reminder(KEY, "R1", body, -1, ("leiar@example.org",), SECRETARIAT)
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/?plan={KEY}&field=påminnelse").get_data(as_text=True)
    assert (
        ">R1 Fagråd for digital samhandling, 1 dag etter fristen: kanskje sendt"
        " til leiar@example.org</td>"
    ) in page


@pytest.mark.parametrize(
    ("målform", "shown"),
    [
        ("nb", "Målsetting: Felles rutine; Slutt: 2024"),
        ("nn", "Målsetjing: Felles rutine; Slutt: 2024"),
    ],
)
def test_the_hearing_page_reads_the_evaluation_plan_by_the_forms_labels(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg, målform: Målform, shown: str
) -> None:
    demo_app.send_on_hearing(
        KEY, date(2025, 3, 1), SECRETARIAT, asked=["PKO"], sent_on=date(2025, 2, 3)
    )
    demo_app.set_evaluation_plan(
        KEY, "1.3.1", {"objective": "Felles rutine", "end": "2024"}, SECRETARIAT
    )
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2?lang={målform}").get_data(as_text=True)
    assert f">{shown}</td>" in page
    assert "evalueringsplan: " not in page


def test_the_history_download_reads_as_the_page_and_the_json_keeps_what_is_stored(
    client: FlaskClient, tokens
) -> None:
    log_in(client, tokens["auditor"])
    query = f"plan={KEY}&field=rapporteringsrunde"
    rows = history_rows(client.get(f"/revisjon/logg.csv?{query}").get_data(as_text=True))
    assert [r["after"] for r in rows] == [ROUND["nb"]]
    owner = history_rows(
        client.get(f"/revisjon/logg.csv?plan={KEY}&field=eier").get_data(as_text=True)
    )
    assert [r["after"] for r in owner] == [COMMUNITY]
    stored = client.get(f"/revisjon/logg.json?{query}").json
    assert [r["after"] for r in stored] == [
        "R1 open, frist 2024-09-11: fagrad-for-pasientsamarbeid, "
        "fagrad-for-digital-samhandling, sekretariat"
    ]


MERGED = {
    "before": f"{COMMUNITY}: Fagråd for digital samhandling: ",
    "after": f"{COMMUNITY}: Fagråd for digital samhandling: Fagråd for pasientsamarbeid",
}


def _merged(web: Flask, demo_app: Planlogg) -> None:
    """The demo's fagråd for digital samhandling merged into the one for pasientsamarbeid: a
    row "st-olavs: Fagråd for digital samhandling: fagrad-for-pasientsamarbeid" (plan "")."""
    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for digital samhandling"], "Fagråd for pasientsamarbeid",
        Provenance("Sekretariatet", Source.CLI),
    )  # fmt: skip
    caught_up(web)


def test_the_history_names_the_community_of_a_body_row_and_the_body_merged_into(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    _merged(web, demo_app)
    log_in(client, tokens["auditor"])
    merged = client.get("/revisjon/?field=organet er slått sammen med").get_data(as_text=True)
    assert f">{MERGED['before']}</td>" in merged
    assert (
        f">{COMMUNITY}: Fagråd for digital samhandling: <ins>Fagråd for pasientsamarbeid</ins></td>"
        in merged
    )
    bodies = client.get("/revisjon/?field=organ&limit=500").get_data(as_text=True)
    assert f">{COMMUNITY}: PSU (partnerskapsmøte)</td>" in bodies
    assert ">st-olavs: " not in bodies and "fagrad-for-" not in merged


def test_the_history_download_names_them_too_and_the_json_keeps_the_keys(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    _merged(web, demo_app)
    log_in(client, tokens["auditor"])
    query = "field=organet er slått sammen med"
    rows = history_rows(client.get(f"/revisjon/logg.csv?{query}").get_data(as_text=True))
    assert [(r["before"], r["after"]) for r in rows] == [(MERGED["before"], MERGED["after"])]
    stored = client.get(f"/revisjon/logg.json?{query}").json
    assert [r["after"] for r in stored] == [
        "st-olavs: Fagråd for digital samhandling: fagrad-for-pasientsamarbeid"
    ]
