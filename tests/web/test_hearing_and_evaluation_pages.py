"""Pages: a hearing beside its changes for auditors and the secretariat; evaluations where a
measure is shown."""

from __future__ import annotations

from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up, send_demo_on_hearing
from tests.web.test_audit_pages import log_in

SECRETARIAT = Provenance("Siri Sekretær", Source.CLI, reason="høyring", decision="ASU sak 2/25")


def hearing_with_responses(app: Planlogg) -> None:
    send_demo_on_hearing(app, SECRETARIAT)
    app.receive_hearing_response(
        KEY, "Trondheim kommune", "Nemn fastlegane.", SECRETARIAT, received_on=date(2025, 2, 20),
        attachments=["https://example.org/trondheim.pdf", "pko-notat.docx"],
    )  # fmt: skip
    app.receive_hearing_response(KEY, "PKO", "Ingen merknader.", SECRETARIAT,
                                 received_on=date(2025, 2, 21))  # fmt: skip
    app.reword_measure(KEY, "0.1.2", "Årshjul med fastlegane", SECRETARIAT)
    app.answer_hearing_response(KEY, "F1", "Teke til følgje i 0.1.2.", SECRETARIAT,
                                answered_on=date(2025, 3, 5))  # fmt: skip


def test_an_auditor_reads_the_responses_beside_the_changes_after_the_hearing(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    hearing_with_responses(demo_app)
    caught_up(web)
    log_in(client, tokens["auditor"])
    page = client.get(f"/revisjon/{KEY}/horinger/2").get_data(as_text=True)
    for text in (
        "Høringen av versjon 2 av Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og "
        "kommunene",
        "(ASU sak 2/25), frist 01.03.2025.",
        "2 uttalelser, 1 uten svar.",
        "<li>Trondheim kommune</li>",
        "F1: Trondheim kommune",
        '<a href="https://example.org/trondheim.pdf" rel="noopener noreferrer">',
        ", pko-notat.docx</p>",
        "(05.03.2025, Siri Sekretær): Teke til følgje i 0.1.2.",
        "<strong>Ikke besvart.</strong>",
        "dagens arbeidsversjon (ikke vedtatt ennå)",
        'class="after" data-label="Arbeidsversjonen">Årshjul med fastlegane</td>',
    ):
        assert text in page, text
    listing = client.get(f"/revisjon/{KEY}/endringer").get_data(as_text=True)
    assert f'href="/revisjon/{KEY}/horinger/2"' in listing
    assert "2 uttalelser (1 uten svar)" in listing
    assert client.get(f"/revisjon/{KEY}/horinger/9").status_code == 404


def test_the_secretariat_reads_the_hearing_it_answers_from_the_working_version(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    """Editors (the secretariat) read a hearing's page, the last one linked from the working
    version (the demo's version 1 was on hearing before), and are led back there; the
    auditors' other pages stay theirs."""
    working = f"/planer/{KEY}/arbeidsversjon"
    log_in(client, tokens["editor"])
    assert f' · <a href="/revisjon/{KEY}/horinger/1">Høring av versjon 1</a>' in (
        client.get(working).text
    )
    hearing_with_responses(demo_app)
    caught_up(web)
    assert f' · <a href="/revisjon/{KEY}/horinger/2">Høring av versjon 2</a>' in (
        client.get(working).text
    )
    page = client.get(f"/revisjon/{KEY}/horinger/2")
    assert page.status_code == 200
    assert "F1: Trondheim kommune" in page.text and "<strong>Ikke besvart.</strong>" in page.text
    assert f'<a href="{working}">Tilbake til arbeidsversjonen</a>' in page.text
    assert 'class="plan-pages' not in page.text and "Hele endringsloggen" not in page.text
    assert client.get(f"/revisjon/?plan={KEY}").status_code == 403
    assert client.get(f"/revisjon/{KEY}/endringer").status_code == 403


def test_the_hearing_page_is_not_for_approvers(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    hearing_with_responses(demo_app)
    caught_up(web)
    log_in(client, tokens["approver"])
    assert client.get(f"/revisjon/{KEY}/horinger/2").status_code == 403
    assert "/horinger/" not in client.get(f"/planer/{KEY}/arbeidsversjon").text


def test_the_public_page_shows_the_evaluation_plan_and_each_years_evaluation(
    client: FlaskClient, web: Flask, demo_app: Planlogg
) -> None:
    demo_app.evaluate_measure(KEY, "1.3.1", 2024, "delvis", "Tre kommunar har rutinen.",
                              "vidareføre", "Fagråd for legesamarbeid", SECRETARIAT,
                              evaluated_on=date(2024, 10, 1))  # fmt: skip
    caught_up(web)
    page = client.get(f"/planer/{KEY}").get_data(as_text=True)
    assert (
        "<li><strong>2024: delvis oppnådd</strong>. Tre kommunar har rutinen. "
        "Anbefaling: videreføre (Fagråd for legesamarbeid, 01.10.2024).</li>"
    ) in page
    assert "Siri Sekretær" not in page
    adopted = client.get(f"/api/plans/{KEY}/adopted").json
    (measure,) = [
        m for a in adopted["areas"] for g in a["goals"] for m in g["measures"]
        if m["number"] == "1.3.1"
    ]  # fmt: skip
    assert measure["evaluations"]["2024"]["result"] == "partly"
    assert "evaluator" not in measure["evaluations"]["2024"]


def test_the_working_plan_shows_the_evaluation_plan_of_a_measure(
    client: FlaskClient, tokens, web: Flask, demo_app: Planlogg
) -> None:
    demo_app.set_evaluation_plan(
        KEY, "0.1.2", {"objective": "Alle kommunar brukar årshjulet", "end": "2025"}, SECRETARIAT
    )
    caught_up(web)
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/arbeidsversjon").get_data(as_text=True)
    assert "<dt>Slutt</dt><dd>2025</dd>" in page
    assert "<dt>Målsetting</dt><dd>Alle kommunar brukar årshjulet</dd>" in page
