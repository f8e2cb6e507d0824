"""The dashboard shows the open round's progress by body, its reminders, and the trend."""

from __future__ import annotations

from datetime import date

from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

SYSTEM = Provenance("Planlogg", Source.SYSTEM, reason="Påminning")


def _second_round(app: Planlogg) -> None:
    """R1 closed; R2 open, where 1.2.1 turned green and 4.1.2 stays unreported."""
    app.close_reporting_round(KEY, SYSTEM)
    app.open_reporting_round(
        KEY,
        date(2025, 9, 11),
        ["Sekretariat", "Fagråd for digital samhandling"],
        Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24"),
        (7, -2),
    )
    app.report_status(KEY, "1.2.1", "grønn", "Gruppa er i gang.", SYSTEM)


def test_progress_by_body_shows_sent_and_kanskje_sendt(
    client: FlaskClient, demo_app: Planlogg, tokens, web
) -> None:
    register = demo_app.body_register(DEMO_COMMUNITY)
    for name, attempt_sent in (("Sekretariat", True), ("Fagråd for pasientsamarbeid", False)):
        body = register.key_of(name)
        demo_app.intend_reminder(KEY, "R1", body, -1, ("x@example.org",), SYSTEM)
        if attempt_sent:
            demo_app.record_reminder_outcome(KEY, "R1", body, -1, 1, True, "", SYSTEM)
    caught_up(web)
    log_in(client, tokens["editor"])

    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)

    assert "Framdrift i runde R1 per organ" in page
    assert (
        '<th scope="row" role="rowheader">Fagråd for pasientsamarbeid</th>\n'
        '      <td role="cell" data-label="Alle tiltak rapportert">nei</td>\n'
        '      <td role="cell" data-label="Tiltak med status i runden">1 av 12 (mangler 0.6.1, '
        "1.3.1, 1.3.2, 1.3.3, 1.3.4, 1.6.1, 2.1.3A, 2.1.3B, 4.2.1, 4.2.2, 4.3.1)</td>\n"
        '      <td role="cell" data-label="Påminnelser">1 dag etter fristen: '
        '<strong class="maybe-sent">kanskje sendt</strong><span class="reminder-actions">'
    ) in page
    assert '<td role="cell" data-label="Påminnelser">1 dag etter fristen: sendt</td>' in page
    assert (
        "1 påminnelse er merket «kanskje sendt»: den kan ha nådd mottakeren før Planlogg "
        "stoppet. Den blir ikke sendt på nytt av seg selv: bekreft at den kom fram, eller send "
        "den på nytt, med knappene i tabellen."
    ) in page
    assert "planlogg round" not in page


def test_the_trend_shows_each_measures_light_per_round_in_a_chart_and_words(
    client: FlaskClient, demo_app: Planlogg, tokens, web
) -> None:
    _second_round(demo_app)
    caught_up(web)
    log_in(client, tokens["editor"])

    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)
    board = web.extensions["planlogg"].read_models.dashboard(KEY, date(2025, 9, 1))

    assert [(c.round_id, c.deadline) for c in board.rounds] == [
        ("R1", "2024-09-11"),
        ("R2", "2025-09-11"),
    ]
    assert [(t.number, t.colours) for t in board.trend] == [
        ("0.1.1", ("green", None)),
        ("0.4.1", ("green", None)),
        ("1.2.1", ("yellow", "green")),
        ("4.1.2", ("red", None)),
    ]
    assert board.open_round is not None
    assert board.open_round.schedule == (7, -2)
    assert '<svg class="chart trend" role="img"' in page
    assert "<title>1.2.1, R2: grønn</title>" in page
    assert '<th scope="row">1.2.1</th><td>gul</td><td>grønn</td>' in page
    assert '<th scope="row">4.1.2</th><td>rød</td><td>ikke rapportert</td>' in page


def test_the_dashboard_api_carries_progress_and_trend(client: FlaskClient, auth) -> None:
    board = client.get(f"/api/plans/{KEY}/dashboard", headers=auth("auditor")).get_json()

    progress = {p["body"]: p for p in board["open_round"]["progress"]}
    assert progress["Sekretariat"] == {
        "body": "Sekretariat",
        "body_id": "sekretariat",
        "reported": False,
        "measures": 13,
        "measures_reported": 1,
        "reminders": [],
        "missing": ["0.3.1", "0.3.2", "0.3.3", "0.3.4", "0.4.2", "0.5.2", "0.6.2", "0.7.1",
                    "0.7.2", "2.1.2B", "5.2.1", "5.2.3"],
    }  # fmt: skip
    assert board["open_round"]["schedule"] == [14, 3, -1]
    assert [t["number"] for t in board["trend"]] == ["0.1.1", "0.4.1", "1.2.1", "4.1.2"]
