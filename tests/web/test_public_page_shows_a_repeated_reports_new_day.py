"""A report that repeats the colour and comment on a later day, or an evaluation given again
with the same words on a later day, is an audit row (the day reported, `status_reported_on`;
the evaluation's words hold its day). So `ReadModels.measures_changed_since` names the
measure, a visitor's kept plan page shows its new day, and the history and its download
show the day reported by its label and as people read a day."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from tests.projections.history_csv import history_rows
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

BY = Provenance("Sekretariatet", Source.CLI, reason="Gjennomgang")


def _row(page: str, number: str) -> str:
    return page.split(f'<tr id="tiltak-{number}">', 1)[1].split("</tr>", 1)[0]


def test_a_status_reported_again_with_the_same_words_shows_its_new_day(
    client: FlaskClient, demo_app: Planlogg, web: Flask
) -> None:
    demo_app.report_status(KEY, "1.2.1", "gul", "Forsinka", BY, reported_on=date(2024, 9, 2))
    caught_up(web)
    client.get(f"/planer/{KEY}")
    demo_app.report_status(KEY, "1.2.1", "gul", "Forsinka", BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    latest = web.extensions["planlogg"].read_models.latest_measures(KEY)
    assert latest["T018"].status.reported_on == date(2024, 9, 4)
    fresh = _row(client.get(f"/planer/{KEY}").text, "1.2.1")
    assert re.findall(r'<span class="meta">([^<]*)</span>', fresh) == ["04.09.2024"]


def test_an_evaluation_given_again_with_the_same_words_shows_its_new_day(
    client: FlaskClient, demo_app: Planlogg, web: Flask
) -> None:
    words = ("achieved", "Felles rutine", "continue", "ASU")
    demo_app.evaluate_measure(KEY, "1.2.1", 2024, *words, BY, evaluated_on=date(2024, 9, 2))
    caught_up(web)
    client.get(f"/planer/{KEY}")
    demo_app.evaluate_measure(
        KEY, "1.2.1", 2024, *words, BY, evaluated_on=date(2024, 9, 4), replace=True
    )
    caught_up(web)
    latest = web.extensions["planlogg"].read_models.latest_measures(KEY)
    assert latest["T018"].evaluations[2024].evaluated_on == date(2024, 9, 4)
    fresh = _row(client.get(f"/planer/{KEY}").text, "1.2.1")
    assert re.findall(r"\(ASU, ([^)]*)\)", fresh) == ["04.09.2024"]


def test_the_history_and_its_download_show_the_day_a_repeated_status_was_reported(
    client: FlaskClient, demo_app: Planlogg, web: Flask, tokens: dict[str, str]
) -> None:
    """The demo reported 1.2.1 yellow, "Arbeidsgruppa er forseinka.", on 02.09.2024."""
    words = ("gul", "Arbeidsgruppa er forseinka.")
    demo_app.report_status(KEY, "1.2.1", *words, BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    log_in(client, tokens["auditor"])
    query = f"plan={KEY}&measure=1.2.1&field=statusdato"
    page = client.get(f"/revisjon/?{query}&limit=25").text
    cells = re.findall(r'<td role="cell" class="(?:before|after)"[^>]*>(.*?)</td>', page)
    assert cells == ["", "02.09.2024", "<del>02</del>.09.2024", "<ins>04</ins>.09.2024"]
    assert page.count('data-label="Felt">statusdato</td>') == 2
    rows = history_rows(client.get(f"/revisjon/logg.csv?{query}").text)
    assert [(r["actor"], r["field"], r["before"], r["after"]) for r in rows] == [
        ("Leiar fagråd", "statusdato", "", "02.09.2024"),
        ("Sekretariatet", "statusdato", "02.09.2024", "04.09.2024"),
    ]
