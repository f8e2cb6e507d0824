"""A status is of progress made: one dated after today is refused at the door, from the
command line and the JSON API alike, and nothing is recorded."""

from __future__ import annotations

import json
from datetime import timedelta

from domain.dates import format_norwegian_date
from domain.demo import DEMO_PLAN
from domain.norwegian_time import oslo_today
from tests.web.conftest import KEY, event_count
from web.cli import EXIT_INVALID


def test_a_status_dated_tomorrow_is_refused_on_the_command_line(demo_cli) -> None:
    today = oslo_today()
    tomorrow = today + timedelta(days=1)
    before = json.loads(demo_cli("history", DEMO_PLAN, "--json").stdout)
    refused = demo_cli("status", DEMO_PLAN, "0.1.2", "grønn", "--date",
                       format_norwegian_date(tomorrow))  # fmt: skip
    assert refused.exit_code == EXIT_INVALID
    assert " ".join(refused.stderr.split()) == (
        f"Feil: En status kan ikke være rapportert {format_norwegian_date(tomorrow)}, som er "
        f"etter dagens dato ({format_norwegian_date(today)})."
    )
    assert json.loads(demo_cli("history", DEMO_PLAN, "--json").stdout) == before
    done = demo_cli("status", DEMO_PLAN, "0.1.2", "grønn", "--date",
                    format_norwegian_date(today))  # fmt: skip
    assert done.exit_code == 0, done.output


def test_a_status_dated_after_the_apps_today_is_refused_by_the_api(client, auth, demo_app) -> None:
    """The web app's clock (its TODAY, 05.09.2024 in these tests) is the one checked."""
    before = event_count(demo_app)
    refused = client.post(
        f"/api/plans/{KEY}/measures/4.1.2/status",
        json={"colour": "gul", "comment": "", "reported_on": "2024-09-06"},
        headers=auth("editor"),
    )
    assert refused.status_code == 422, refused.json
    assert refused.json["error"]["message"] == (
        "En status kan ikke være rapportert 06.09.2024, som er etter dagens dato (05.09.2024)."
    )
    assert event_count(demo_app) == before
