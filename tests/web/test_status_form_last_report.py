"""The status form shows under each measure the status that stands from before (its light,
its statuskommentar, the day, and who reported it), as text, never in the inputs: a round asks
for a fresh report. After a save it says how many of the body's measures still have no status
in the round, counted as the dashboard and the reminders count them
(`domain.reminders.unreported`), or that all have."""

from __future__ import annotations

import re
from datetime import date

from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY
from tests.web.forms import form_fields
from tests.web.signed_in import person_with, reporter, signed_in, web_on
from tests.web.test_audit_pages import csrf_from

BODY = "Fagråd for digital samhandling"
BODY_ID = "fagrad-for-digital-samhandling"
PAGE = f"/planer/{KEY}/rapportere"
SECRETARIAT = Provenance("Sekretariatet", Source.CLI, decision="ASU sak 4/24")
NOTICE = re.compile(r'<p class="notice" role="status">(.*?)</p>', re.S)


def last_reports(page: str) -> dict[str, str]:
    """Each measure's «Sist rapportert» text, by the measure's ID (its light's dot left out)."""
    found = re.findall(r'<p class="last-report" id="sist-([^"]+)">(.*?)</p>', page, re.S)
    return {key: re.sub(r"<[^>]+>", "", text) for key, text in found}


def next_round(demo_app: Planlogg, bodies: list[str]) -> None:
    """R1 closed, R2 opened for `bodies`: the demo's R1 reports stand from before."""
    demo_app.close_reporting_round(KEY, SECRETARIAT)
    assert demo_app.open_reporting_round(KEY, date(2024, 11, 1), bodies, SECRETARIAT) == "R2"


def ids(demo_app: Planlogg, *numbers: str) -> list[str]:
    plan = demo_app.get_plan(KEY)
    return [plan.find_measure(n).id for n in numbers]


def test_a_status_from_before_is_shown_under_its_measure_and_the_inputs_are_empty(
    people_web: Flask, demo_app: Planlogg
) -> None:
    next_round(demo_app, [BODY])
    stopped, unreported = ids(demo_app, "4.1.2", "4.1.3")
    client = signed_in(people_web, reporter(demo_app, [BODY]))

    page = client.get(PAGE).get_data(as_text=True)

    assert last_reports(page) == {
        stopped: "Sist rapportert: rød – Ikkje starta. (02.09.2024, av Leiar fagråd)"
    }
    assert unreported not in last_reports(page)
    fields = dict(form_fields(page, f"{PAGE}?organ={BODY_ID}"))
    assert f"status-{stopped}" not in fields
    assert fields[f"kommentar-{stopped}"] == ""
    assert (fields[f"vist-status-{stopped}"], fields[f"vist-kommentar-{stopped}"]) == ("", "")
    assert f'aria-describedby="tiltakstekst-{stopped} sist-{stopped}"' in page
    assert f'id="sist-{stopped}"><span class="light light-red" aria-hidden="true"></span>' in page
    assert f'aria-describedby="tiltakstekst-{unreported}"' in page


def test_in_nynorsk_the_light_is_the_nynorsk_word(people_web: Flask, demo_app: Planlogg) -> None:
    next_round(demo_app, [BODY])
    (stopped,) = ids(demo_app, "4.1.2")
    client = signed_in(people_web, reporter(demo_app, [BODY]))

    page = client.get(f"{PAGE}?lang=nn").get_data(as_text=True)

    assert last_reports(page) == {
        stopped: "Sist rapportert: raud – Ikkje starta. (02.09.2024, av Leiar fagråd)"
    }


def test_a_report_of_another_body_names_that_body_and_one_without_comment_only_its_light(
    demo_app: Planlogg,
) -> None:
    web = web_on(demo_app, today="2024-09-05")
    shared, own = ids(demo_app, "4.2.2", "4.1.3")  # 4.2.2 is also Fagråd for pasientsamarbeid's
    client = signed_in(web, reporter(demo_app, [BODY]))
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{shared}": "yellow",
            f"kommentar-{shared}": "Venter på avtalen.", f"status-{own}": "green"}  # fmt: skip
    assert client.post(PAGE, data=form).status_code == 303
    editor = signed_in(web, person_with(demo_app, Role.EDITOR))

    theirs = editor.get(f"{PAGE}?organ=Fagråd for pasientsamarbeid").get_data(as_text=True)
    ours = editor.get(f"{PAGE}?organ={BODY}&lang=nn").get_data(as_text=True)

    by = "Reporter (reporter@helse.no)"
    assert last_reports(theirs)[shared] == (
        f"Sist rapportert: gul – Venter på avtalen. (05.09.2024, av {by} for {BODY})"
    )
    assert last_reports(ours)[shared] == (
        f"Sist rapportert: gul – Venter på avtalen. (05.09.2024, av {by})"
    )
    assert last_reports(ours)[own] == f"Sist rapportert: grøn (05.09.2024, av {by})"


def test_a_save_that_leaves_measures_unreported_names_them(
    people_web: Flask, demo_app: Planlogg
) -> None:
    (measure,) = ids(demo_app, "4.1.3")
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure}": "green"}
    saved = client.post(PAGE, data=form)

    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    nynorsk = client.get(saved.headers["Location"] + "&lang=nn").get_data(as_text=True)

    assert NOTICE.findall(page) == [
        "1 tiltak fikk ny status. 3 tiltak mangler fortsatt status i runden: 4.2.1, 4.2.2, 4.3.1."
    ]
    assert NOTICE.findall(nynorsk) == [
        "1 tiltak fekk ny status. 3 tiltak manglar framleis status i runden: 4.2.1, 4.2.2, 4.3.1."
    ]


def test_in_a_new_round_a_status_from_before_does_not_count_and_one_from_the_sheet_does(
    people_web: Flask, demo_app: Planlogg
) -> None:
    next_round(demo_app, [BODY])
    sheet = Provenance("Leiar fagråd", Source.SHEET)
    demo_app.report_status(KEY, "4.2.1", "gul", "Frå arket.", sheet, body=BODY)
    (measure,) = ids(demo_app, "4.1.3")
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure}": "green"}
    saved = client.post(PAGE, data=form)

    page = client.get(saved.headers["Location"]).get_data(as_text=True)

    assert NOTICE.findall(page) == [  # 4.1.2 has R1's status, but none in R2
        "1 tiltak fikk ny status. 3 tiltak mangler fortsatt status i runden: 4.1.2, 4.2.2, 4.3.1."
    ]


def test_a_save_that_leaves_one_measure_unreported_says_so_in_the_singular(
    people_web: Flask, demo_app: Planlogg
) -> None:
    measures = ids(demo_app, "4.1.3", "4.2.1", "4.2.2")
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    form = {"csrf_token": csrf_from(client, PAGE)} | {f"status-{m}": "red" for m in measures}
    saved = client.post(PAGE, data=form)

    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    nynorsk = client.get(saved.headers["Location"] + "&lang=nn").get_data(as_text=True)

    assert NOTICE.findall(page) == [
        "3 tiltak fikk ny status. 1 tiltak mangler fortsatt status i runden: 4.3.1."
    ]
    assert NOTICE.findall(nynorsk) == [
        "3 tiltak fekk ny status. 1 tiltak manglar framleis status i runden: 4.3.1."
    ]


def test_a_save_that_reports_the_last_measures_says_all_are_reported(
    people_web: Flask, demo_app: Planlogg
) -> None:
    measures = ids(demo_app, "4.1.3", "4.2.1", "4.2.2", "4.3.1")
    client = signed_in(people_web, reporter(demo_app, [BODY]))
    form = {"csrf_token": csrf_from(client, PAGE)} | {f"status-{m}": "green" for m in measures}
    saved = client.post(PAGE, data=form)

    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    nynorsk = client.get(saved.headers["Location"] + "&lang=nn").get_data(as_text=True)

    assert NOTICE.findall(page) == [
        f"4 tiltak fikk ny status. Alle 5 tiltakene {BODY} har ansvar for, er rapportert i runden."
    ]
    assert NOTICE.findall(nynorsk) == [
        f"4 tiltak fekk ny status. Alle dei 5 tiltaka {BODY} har ansvar for, er rapporterte i "
        "runden."
    ]


def test_a_body_of_one_measure_is_told_in_the_singular(
    people_web: Flask, demo_app: Planlogg
) -> None:
    body = "Fagråd for pasientsamarbeid med støtte fra andre fagråd"  # as 2.1.1 names it
    next_round(demo_app, [body])
    (measure,) = ids(demo_app, "2.1.1")
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    form = {"csrf_token": csrf_from(client, PAGE), f"status-{measure}": "green"}
    saved = client.post(f"{PAGE}?organ={body}", data=form)

    page = client.get(saved.headers["Location"]).get_data(as_text=True)
    nynorsk = client.get(saved.headers["Location"] + "&lang=nn").get_data(as_text=True)

    assert NOTICE.findall(page) == [
        f"1 tiltak fikk ny status. Tiltaket {body} har ansvar for, er rapportert i runden."
    ]
    assert NOTICE.findall(nynorsk) == [
        f"1 tiltak fekk ny status. Tiltaket {body} har ansvar for, er rapportert i runden."
    ]


def test_after_the_round_is_closed_the_form_says_which_round_is_over_and_whom_to_ask(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """A reporter following a reminder's link after the close."""
    demo_app.close_reporting_round(KEY, SECRETARIAT)
    client = signed_in(people_web, reporter(demo_app, [BODY]))

    page = client.get(f"{PAGE}?organ={BODY_ID}").get_data(as_text=True)
    nynorsk = client.get(f"{PAGE}?organ={BODY_ID}&lang=nn").get_data(as_text=True)

    closed = "<p>Ingen rapporteringsrunde er åpen. Runde R1, med frist 11.09.2024, er lukket."
    assert f"{closed} Har dere mer å rapportere, ta kontakt med sekretariatet.</p>" in page
    assert (
        "<p>Ingen rapporteringsrunde er open. Runde R1, med frist 11.09.2024, er lukka. Har de "
        "meir å rapportere, ta kontakt med sekretariatet.</p>"
    ) in nynorsk
