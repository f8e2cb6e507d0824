"""Once the secretariat has closed the round, who reported in it and who did not.

After `round close` the dashboard said only «Ingen rapporteringsrunde er åpen.», `round show`
refused with the same words, and nothing showed the bodies that had not reported, which is
what the committee's case needs. While no round is open, the dashboard (page, API and
`planlogg dashboard`) shows the round closed last, and `round show` shows it, or any round
named with `--round`, open or closed; a round the plan never had is refused as `round close
--round` refuses it. The demo's round R1 asks the two fagråd and the secretariat; each has
reported one of its measures (1 of 12, 1 of 5, 1 of 13)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import UTC, date, datetime

from click.testing import Result
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from tests.conftest import EventClock
from tests.web.conftest import KEY, caught_up, refusal
from tests.web.test_audit_pages import log_in
from web.cli import EXIT_INVALID, EXIT_REFUSED

CLI = Callable[..., Result]
Auth = Callable[[str], dict[str, str]]
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 40/24")
CLOSED = datetime(2026, 12, 17, 23, 30, tzinfo=UTC)
"""00:30 on 18 December 2026 in Norway: the day the round was closed is the 18th."""
DIGITAL = "Fagråd for digital samhandling"


SECRETARIAT_LACKS = (
    "0.3.1, 0.3.2, 0.3.3, 0.3.4, 0.4.2, 0.5.2, 0.6.2, 0.7.1, 0.7.2, 2.1.2B, 5.2.1, 5.2.3"
)
"""The demo's secretariat's measures without a status in round R1."""


def _rows(page: str) -> list[tuple[str, str, str]]:
    """(body, all reported, "reported of measures") of each row of the closed round's table."""
    table = page.split('<table class="progress', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'<th scope="row"[^>]*>([^<]+)</th>\s*<td[^>]*>([^<]*)</td>\s*<td[^>]*>([^<]+)</td>',
        table,
    )


def _closed(app: Planlogg, clock: EventClock) -> None:
    """The rest of the digital fagråd's measures are reported (three of them the
    pasientsamarbeid fagråd's too), the secretariat is reminded, then R1 is closed on the
    18th: its table has no reminders, none goes out once a round is closed."""
    body = app.body_register(DEMO_COMMUNITY).key_of("Sekretariat")
    app.intend_reminder(KEY, "R1", body, -1, ("x@example.org",), SECRETARIAT)
    app.record_reminder_outcome(KEY, "R1", body, -1, 1, True, "", SECRETARIAT)
    for number in ("4.1.3", "4.2.1", "4.2.2", "4.3.1"):
        app.report_status(KEY, number, "gul", "", SECRETARIAT)
    clock.moment = CLOSED
    app.close_reporting_round(KEY, SECRETARIAT, "R1")


def test_the_page_shows_the_round_closed_last_by_body(
    event_clock: EventClock, demo_app: Planlogg, web: Flask, client: FlaskClient, tokens
) -> None:
    _closed(demo_app, event_clock)
    caught_up(web)
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)

    assert '<h2 id="runde">Siste rapporteringsrunde (R1, lukket 18.12.2026)</h2>' in page
    assert (
        "<p>Ingen rapporteringsrunde er åpen. Runde R1 (ASU sak 40/24) hadde frist 11.09.2024.</p>"
    ) in page
    assert (
        '<ul class="missing"><li>Fagråd for pasientsamarbeid</li><li>Sekretariat</li></ul>'
    ) in page
    assert "<caption>Resultat i runde R1 per organ</caption>" in page
    assert _rows(page) == [
        (
            "Fagråd for pasientsamarbeid",
            "nei",
            "4 av 12 (manglet 0.6.1, 1.3.1, 1.3.2, 1.3.3, 1.3.4, 1.6.1, 2.1.3A, 2.1.3B)",
        ),
        (DIGITAL, "ja", "5 av 5"),
        (
            "Sekretariat",
            "nei",
            f"1 av 13 (manglet {SECRETARIAT_LACKS})",
        ),
    ]
    assert "Påminnelser" not in page.split('id="runde"', 1)[1].split("</section>", 1)[0]
    assert "Rapporter status" not in page


def test_the_page_says_it_in_nynorsk(
    event_clock: EventClock, demo_app: Planlogg, web: Flask, client: FlaskClient, tokens
) -> None:
    _closed(demo_app, event_clock)
    caught_up(web)
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord?lang=nn").get_data(as_text=True)

    assert '<h2 id="runde">Siste rapporteringsrunde (R1, lukka 18.12.2026)</h2>' in page
    assert (
        "<p>Ingen rapporteringsrunde er open. Runde R1 (ASU sak 40/24) hadde frist 11.09.2024.</p>"
    ) in page
    assert "<p>Mangla statusrapport frå:</p>" in page
    assert "<caption>Resultat i runde R1 per organ</caption>" in page


def test_while_a_round_is_open_the_page_shows_it_and_no_closed_one(
    demo_app: Planlogg, web: Flask, client: FlaskClient, tokens
) -> None:
    demo_app.close_reporting_round(KEY, SECRETARIAT, "R1")
    demo_app.open_reporting_round(KEY, date(2025, 9, 11), ["Sekretariat"], SECRETARIAT)
    caught_up(web)
    log_in(client, tokens["editor"])
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)

    assert '<h2 id="runde">Rapporteringsrunde</h2>' in page
    assert "<caption>Framdrift i runde R2 per organ</caption>" in page
    assert "Siste rapporteringsrunde" not in page
    assert "Resultat i runde" not in page


def test_the_api_dashboard_has_the_closed_round_only_while_none_is_open(
    event_clock: EventClock, demo_app: Planlogg, web: Flask, client: FlaskClient, auth: Auth
) -> None:
    url = f"/api/plans/{KEY}/dashboard"
    assert client.get(url, headers=auth("editor")).json["closed_round"] is None
    _closed(demo_app, event_clock)
    caught_up(web)
    found = client.get(url, headers=auth("editor")).json

    assert found["open_round"] is None
    closed = found["closed_round"]
    assert {k: v for k, v in closed.items() if k != "progress"} == {
        "round_id": "R1",
        "deadline": "2024-09-11",
        "closed_on": "2026-12-18",
        "decision": "ASU sak 40/24",
        "bodies": ["Fagråd for pasientsamarbeid", DIGITAL, "Sekretariat"],
        "missing_bodies": ["Fagråd for pasientsamarbeid", "Sekretariat"],
        "body_ids": [
            "fagrad-for-pasientsamarbeid",
            "fagrad-for-digital-samhandling",
            "sekretariat",
        ],
        "missing_body_ids": ["fagrad-for-pasientsamarbeid", "sekretariat"],
    }
    assert [
        (p["body_id"], p["reported"], p["measures_reported"], p["measures"], p["reminders"])
        for p in closed["progress"]
    ] == [
        ("fagrad-for-pasientsamarbeid", False, 4, 12, []),
        ("fagrad-for-digital-samhandling", True, 5, 5, []),
        ("sekretariat", False, 1, 13, []),
    ]


def test_the_openapi_document_declares_the_closed_round(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    schemas = spec["components"]["schemas"]
    declared = schemas["Dashboard"]["properties"]["closed_round"]
    assert declared["description"] == (
        "Når ingen runde er åpen: runden som ble lukket sist, og hvem som hadde rapportert alle "
        "tiltakene sine i den."
    )
    closed = schemas["ClosedRound"]["properties"]
    assert closed["closed_on"]["description"] == "Dagen runden ble lukket (ÅÅÅÅ-MM-DD)."


# --- the command line ---------------------------------------------------------------------

CLOSED_SHOWN = [
    "Runde R1 (ASU sak 40/24), frist 11.09.2024, ble lukket 18.12.2026.",
    "Fagråd for pasientsamarbeid\tikke rapportert\t1 av 12 tiltak",
    "Fagråd for digital samhandling\tikke rapportert\t1 av 5 tiltak",
    "Sekretariat\tikke rapportert\t1 av 13 tiltak",
]


def test_round_show_without_an_open_round_shows_the_one_closed_last(
    event_clock: EventClock, demo_cli: CLI
) -> None:
    event_clock.moment = CLOSED
    assert demo_cli("round", "close", KEY, "--round", "R1").exit_code == 0
    shown = demo_cli("round", "show", KEY)
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines() == CLOSED_SHOWN


def test_round_show_names_a_closed_round_while_another_is_open(
    event_clock: EventClock, demo_cli: CLI
) -> None:
    event_clock.moment = CLOSED
    assert demo_cli("round", "close", KEY).exit_code == 0
    opened = demo_cli(
        "--decision", "ASU sak 40/24",
        "round", "open", KEY, "--deadline", "11.09.2025", "--body", "Sekretariat",
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output
    shown = demo_cli("round", "show", KEY, "--round", "r1")
    assert shown.exit_code == 0, shown.output
    assert shown.stdout.splitlines() == CLOSED_SHOWN
    open_one = demo_cli("round", "show", KEY, "--round", "R2")
    assert open_one.stdout.splitlines()[0].startswith("Runde R2, frist 11.09.2025. Påminnelser:")
    assert demo_cli("round", "show", KEY).stdout == open_one.stdout


def test_round_show_of_a_round_the_plan_never_had_is_refused(demo_cli: CLI) -> None:
    refused = demo_cli("round", "show", KEY, "--round", "R9")
    assert refused.exit_code == EXIT_INVALID
    assert refusal(refused) == f"Feil: Planen {KEY} har ingen rapporteringsrunde «R9»."
    assert refused.stdout == ""


def test_round_show_of_a_plan_that_never_had_a_round_is_refused(demo_cli: CLI) -> None:
    created = demo_cli("plan", "create", "tom-plan", "--title", "Tom", "--owner", "st-olavs",
                       "--years", "2025-2026")  # fmt: skip
    assert created.exit_code == 0, created.output
    refused = demo_cli("round", "show", "tom-plan")
    assert refused.exit_code == EXIT_REFUSED
    assert refusal(refused) == "Feil: Ingen rapporteringsrunde er åpen."


def test_the_dashboard_command_names_the_round_closed_last(
    event_clock: EventClock, demo_cli: CLI
) -> None:
    event_clock.moment = CLOSED
    assert demo_cli("round", "close", KEY).exit_code == 0
    lines = demo_cli("dashboard", KEY).stdout.splitlines()
    at = lines.index("Siste rapporteringsrunde R1 (ASU sak 40/24): frist 11.09.2024, lukket "
                     "18.12.2026.")  # fmt: skip
    assert lines[at + 1] == (
        "Ikke rapportert: Fagråd for pasientsamarbeid, Fagråd for digital samhandling, Sekretariat"
    )
