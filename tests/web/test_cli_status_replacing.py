"""`planlogg status` with what its user read: `--replacing TAG` is the tag of the open round's
report they read (`show PLAN --json` prints it as the status's `tag`; "" for none), and a
report someone else made since is refused (exit 6) with nothing saved, as the API's
`replaces`. Without `--replacing` nothing is checked.

The demo's round R1 has 4.1.2 red, «Ikkje starta.», reported by its body's leader."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.plan import report_tag, status_tag
from domain.provenance import Provenance, Source
from tests.web.conftest import event_count, refusal
from web.cli import EXIT_CONFLICT

BERIT = Provenance("Berit (rapportør)", Source.WEB, reason="Statusrapport")


@pytest.fixture
def app(demo_cli) -> Iterator[Planlogg]:  # type: ignore[no-untyped-def]
    with Planlogg.from_url(demo_cli.url) as found:
        yield found


def stored(demo_cli) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    with Planlogg.from_url(demo_cli.url) as now:
        status = now.get_plan(DEMO_PLAN).find_measure("4.1.2").status
    assert status is not None
    return status.colour.value, status.comment


def shown_tag(demo_cli, number: str) -> str:  # type: ignore[no-untyped-def]
    shown = demo_cli("show", DEMO_PLAN, "--json")
    assert shown.exit_code == 0, shown.output
    measures = [
        m
        for area in json.loads(shown.stdout)["areas"]
        for goal in area["goals"]
        for m in goal["measures"]
        if m["number"] == number
    ]
    (measure,) = measures
    return str(measure["status"]["tag"])


def test_show_json_prints_the_tag_of_each_status(demo_cli, app: Planlogg) -> None:
    tag = shown_tag(demo_cli, "4.1.2")
    assert tag == report_tag(app.get_plan(DEMO_PLAN).find_measure("4.1.2").status)
    assert tag == status_tag("red", "Ikkje starta.")


def test_a_report_naming_the_tag_read_replaces_it(demo_cli, app: Planlogg) -> None:
    tag = shown_tag(demo_cli, "4.1.2")
    done = demo_cli(
        "status", DEMO_PLAN, "4.1.2", "gul", "--comment", "Forseinka", "--replacing", tag
    )
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert stored(demo_cli) == ("yellow", "Forseinka")


def test_a_stale_tag_is_refused_and_nothing_is_saved(demo_cli, app: Planlogg) -> None:
    tag = shown_tag(demo_cli, "4.1.2")
    app.report_status(DEMO_PLAN, "4.1.2", "grønn", "Ferdig (Berit)", BERIT)
    before = event_count(app)
    refused = demo_cli(
        "status", DEMO_PLAN, "4.1.2", "rød", "--comment", "Stoppa", "--replacing", tag
    )
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused).startswith("Feil: Tiltak 4.1.2 ble rapportert av Berit (rapportør) "), (
        refused.stderr
    )
    assert "grønn, «Ferdig (Berit)». Ingenting er lagret." in refusal(refused)
    assert event_count(app) == before
    assert stored(demo_cli) == ("green", "Ferdig (Berit)")


def test_replacing_none_when_a_report_stands_is_refused(demo_cli, app: Planlogg) -> None:
    before = event_count(app)
    refused = demo_cli("status", DEMO_PLAN, "4.1.2", "gul", "--replacing", "")
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert "Tiltak 4.1.2 ble rapportert av Leiar fagråd" in refusal(refused)
    assert event_count(app) == before
    assert stored(demo_cli) == ("red", "Ikkje starta.")


def test_a_report_without_replacing_is_not_checked(demo_cli, app: Planlogg) -> None:
    app.report_status(DEMO_PLAN, "4.1.2", "grønn", "Ferdig (Berit)", BERIT)
    done = demo_cli("status", DEMO_PLAN, "4.1.2", "gul", "--comment", "Forseinka")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert stored(demo_cli) == ("yellow", "Forseinka")
