"""The dashboard's words as a secretariat reads them, in bokmål and nynorsk: the "kanskje
sendt" notice agrees with the number of reminders and points to the buttons only; the
round's progress says what its columns count and why a reminder was not sent; and the
measures that are not SMART are named by the criteria the intro names."""

from __future__ import annotations

import html
import re
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

SYSTEM = Provenance("Planlogg", Source.SYSTEM, reason="Påminning")
DASHBOARD = f"/planer/{KEY}/dashbord"


def text_of(page: str) -> str:
    """The page's words as read: tags dropped, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def reminded(app: Planlogg, web: Flask, *bodies: str, refused: str = "") -> None:
    """An after-deadline reminder intended to each body ("kanskje sendt"); the last one refused
    by the mail server with `refused` as its note, when given."""
    register = app.body_register(DEMO_COMMUNITY)
    for name in bodies:
        body = register.key_of(name)
        attempt = app.intend_reminder(KEY, "R1", body, -1, ("leiar@example.org",), SYSTEM)
        if refused and name == bodies[-1]:
            app.record_reminder_outcome(KEY, "R1", body, -1, attempt, False, refused, SYSTEM)
    caught_up(web)


def board(client: FlaskClient, token: str, målform: str = "nb") -> str:
    log_in(client, token)
    return text_of(client.get(f"{DASHBOARD}?lang={målform}").get_data(as_text=True))


NOTICE = {
    ("nb", 1, True): "1 påminnelse er merket «kanskje sendt»: den kan ha nådd mottakeren før "
    "Planlogg stoppet. Den blir ikke sendt på nytt av seg selv: bekreft at den kom fram, "
    "eller send den på nytt, med knappene i tabellen.",
    ("nb", 2, True): "2 påminnelser er merket «kanskje sendt»: de kan ha nådd mottakeren før "
    "Planlogg stoppet. De blir ikke sendt på nytt av seg selv: bekreft at de kom fram, "
    "eller send dem på nytt, med knappene i tabellen.",
    ("nb", 1, False): "Den blir ikke sendt på nytt av seg selv: en redaktør kan bekrefte at "
    "den kom fram, eller sende den på nytt.",
    ("nn", 1, True): "1 påminning er merkt «kanskje sendt»: ho kan ha nådd mottakaren før "
    "Planlogg stoppa. Ho blir ikkje send på nytt av seg sjølv: stadfest at ho kom fram, "
    "eller send henne på nytt, med knappane i tabellen.",
    ("nn", 2, True): "2 påminningar er merkte «kanskje sendt»: dei kan ha nådd mottakaren før "
    "Planlogg stoppa. Dei blir ikkje sende på nytt av seg sjølv: stadfest at dei kom fram, "
    "eller send dei på nytt, med knappane i tabellen.",
    ("nn", 1, False): "Ho blir ikkje send på nytt av seg sjølv: ein redaktør kan stadfeste at "
    "ho kom fram, eller sende henne på nytt.",
}


@pytest.mark.parametrize(("målform", "count", "editor"), list(NOTICE))
def test_the_kanskje_sendt_notice_agrees_with_the_number_of_reminders_and_names_no_command(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens, målform: str, count: int,
    editor: bool,
) -> None:  # fmt: skip
    reminded(demo_app, web, *("Sekretariat", "Fagråd for pasientsamarbeid")[:count])

    page = board(client, tokens["editor" if editor else "approver"], målform)

    assert NOTICE[målform, count, editor] in page
    for command in ("kommandolinj", "planlogg round", "confirm-sent"):
        assert command not in page


PATIENT_LACKS = "0.6.1, 1.3.1, 1.3.2, 1.3.3, 1.3.4, 1.6.1, 2.1.3A, 2.1.3B, 4.2.1, 4.2.2, 4.3.1"
SECRETARIAT_LACKS = (
    "0.3.1, 0.3.2, 0.3.3, 0.3.4, 0.4.2, 0.5.2, 0.6.2, 0.7.1, 0.7.2, 2.1.2B, 5.2.1, 5.2.3"
)
"""The demo's bodies' measures without a status in round R1."""

PROGRESS = {
    "nb": ("Organ Alle tiltak rapportert Tiltak med status i runden Påminnelser",
           f"Fagråd for pasientsamarbeid nei 1 av 12 (mangler {PATIENT_LACKS}) ingen"),
    "nn": ("Organ Alle tiltak rapporterte Tiltak med status i runden Påminningar",
           f"Fagråd for pasientsamarbeid nei 1 av 12 (manglar {PATIENT_LACKS}) ingen"),
}  # fmt: skip


@pytest.mark.parametrize("målform", PROGRESS)
def test_the_progress_columns_say_all_measures_reported_beside_those_with_a_status(
    client: FlaskClient, tokens, målform: str
) -> None:
    """«Rapportert: nei» beside «1 av 12» read as a contradiction: the one column says whether
    every measure of the body is reported in the round, the other how many are."""
    page = board(client, tokens["editor"], målform)
    heading, row = PROGRESS[målform]
    assert heading in page
    assert row in page


def test_each_progress_value_is_named_by_its_column_for_a_phone(
    client: FlaskClient, tokens
) -> None:
    log_in(client, tokens["editor"])
    page = client.get(DASHBOARD).get_data(as_text=True)
    table = page.split('<table class="progress', 1)[1].split("</table>", 1)[0]
    labels = re.findall(r'<td[^>]* data-label="([^"]+)"', table.split("</tr>", 2)[1])
    assert labels == ["Alle tiltak rapportert", "Tiltak med status i runden", "Påminnelser"]


REFUSED = {
    "nb": "1 dag etter fristen: ikke sendt (feil). Grunn: Tjeneren tok ikke imot e-posten "
    "(550 5.7.1 Mottakar avvist).",
    "nn": "1 dag etter fristen: ikkje sendt (feil). Grunn: Tjeneren tok ikke imot e-posten "
    "(550 5.7.1 Mottakar avvist).",
}


@pytest.mark.parametrize("målform", REFUSED)
def test_a_refused_reminder_says_what_the_mail_server_answered(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens, målform: str
) -> None:
    """The server's answer, as recorded with the reminder's outcome (in the målform of the
    run that sent it), beside "ikke sendt (feil)"."""
    note = "Tjeneren tok ikke imot e-posten (550 5.7.1 Mottakar avvist)."
    reminded(demo_app, web, "Sekretariat", refused=note)

    assert REFUSED[målform] in board(client, tokens["editor"], målform)


SMART = {
    "nb": (
        "Tiltak som ikke er SMART 52 tiltak mangler minst ett av disse: ansvar, indikator "
        "eller målverdi, frist. Tiltak som ikke er SMART Tiltak Mangler 0.1.1 ansvar, indikator "
        "eller målverdi, frist 0.1.2 frist 0.1.3 indikator eller målverdi 0.2.1 indikator "
        "eller målverdi, frist"
    ),
    "nn": (
        "Tiltak som ikkje er SMART 52 tiltak manglar minst eitt av desse: ansvar, indikator "
        "eller målverdi, frist. Tiltak som ikkje er SMART Tiltak Manglar 0.1.1 ansvar, indikator "
        "eller målverdi, frist 0.1.2 frist 0.1.3 indikator eller målverdi 0.2.1 indikator "
        "eller målverdi, frist"
    ),
}


@pytest.mark.parametrize("målform", SMART)
def test_the_measures_not_smart_lack_what_the_intro_names_in_the_same_words(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens, målform: str
) -> None:
    """The intro said "ansvar, målbarhet eller frist" and each row "målbart, tidsbestemt":
    both now say the criteria as the measure's fields are named (Ansvar, Indikator,
    Målverdi, Frist), and each row what that measure lacks."""
    setup = Provenance("Sekretariatet", Source.CLI)
    demo_app.assign_responsible(KEY, "0.1.1", [], setup)
    demo_app.set_smart_criteria(KEY, "0.1.2", setup, indicator="Årshjul vedtatt")
    demo_app.set_smart_criteria(KEY, "0.1.3", setup, deadline=date(2025, 12, 31))
    caught_up(web)

    assert SMART[målform] in board(client, tokens["editor"], målform)


def test_a_reminder_some_addresses_did_not_get_says_which_and_may_be_resent(
    web: Flask, demo_app: Planlogg, client: FlaskClient, tokens
) -> None:
    """Taken for one address, refused for good for the other: «delvis sendt», the refused
    address with the server's answer, and the resend button (only a person sends it again)."""
    from domain.reminders import ReminderAnswers

    body = demo_app.body_register(DEMO_COMMUNITY).key_of("Sekretariat")
    to = ("a@example.org", "b@example.org")
    attempt = demo_app.intend_reminder(KEY, "R1", body, -1, to, SYSTEM)
    answers = ReminderAnswers(taken=to[:1], refused={to[1]: "550 5.1.1 Ukjend mottakar"})
    demo_app.change_plan(
        KEY, lambda plan: plan.record_reminder_answers("R1", body, -1, attempt, answers, SYSTEM)
    )
    caught_up(web)

    page = board(client, tokens["editor"])

    assert (
        f"Sekretariat nei 1 av 13 (mangler {SECRETARIAT_LACKS}) 1 dag etter fristen: delvis sendt: "
        "b@example.org avvist av "
        "e-posttjeneren: adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar) "
        "Send på nytt"
    ) in page


LEAD = {
    "nb": "Status og rapportering følger vedtatt versjon 1; SMART og dekning følger "
    "arbeidsversjonen.",
    "nn": "Status og rapportering følgjer vedteken versjon 1; SMART og dekning følgjer "
    "arbeidsversjonen.",
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_lead_says_which_version_the_status_is_of(
    client: FlaskClient, tokens, målform: str
) -> None:  # fmt: skip
    """The demo drafts version 2 while version 1 is in force: the lights and the round count
    version 1's measures, the SMART gaps and what has no measure the draft's."""
    assert LEAD[målform] in board(client, tokens["editor"], målform)
