"""A reminder speaks the målform of the health community it is for, whoever sends it.

St. Olavs (the demo) writes bokmål, so its bodies get bokmål; switched to nynorsk, the
same round's mails come in nynorsk, through the real SMTP server. Every kind of mail the
sender composes (before, on and after the deadline, with and without open measures, a long
list, a link or no link) is rendered in both målformer and checked word by word: the
measures' own text is taken out first, since it is what people wrote. The mail offers only
the ways a person reports (the web page, the spreadsheet): no command to type, and the plan
named by its title, its key only inside the link.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import CONTACTS, DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.errors import ValidationError
from domain.plan import plan_id
from domain.provenance import Provenance
from domain.reminders import due_on
from language import Målform, speaking
from language.catalogue import DOMAIN_DIR, LOCALE_DIR, read_area, translations
from notify.due import DueReminder
from notify.mail import SmtpSettings
from notify.reminder_mail import MAX_LISTED, reminder_message
from tests.language.words import foreign_words
from tests.notify.smtp_server import SmtpServer
from tests.notify.test_sending import SENDER, TODAY, sender_for

TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"

EXPECTED: dict[Målform, dict[str, str]] = {
    "nb": {
        "subject": f"Påminnelse: statusrapport for {TITLE} – frist 11.09.2024",
        "deadline": f"Fristen var 11.09.2024 for å rapportere status i handlingsplanen «{TITLE}» "
        "(rapporteringsrunde R1). Dette er påminnelsen 1 dag etter fristen.",
        "missing": "Disse tiltakene dere har ansvar for, mangler status i runden:",
        "how": "Slik rapporterer dere (grønn, gul eller rød, med en kort kommentar):",
        "web": "  - på nettsiden: logg inn i Planlogg og velg «Rapporter status» på "
        "statusoversikten for planen",
        "sheet": "  - eller i regnearket for planen: fyll ut kolonnene Status og Statuskommentar "
        "på raden til tiltaket.",
        "done": "Har dere allerede rapportert, kan dere se bort fra denne e-posten.",
        "signed": "Hilsen sekretariatet, sendt av Planlogg",
    },
    "nn": {
        "subject": f"Påminning: statusrapport for {TITLE} – frist 11.09.2024",
        "deadline": f"Fristen var 11.09.2024 for å rapportere status i handlingsplanen «{TITLE}» "
        "(rapporteringsrunde R1). Dette er påminninga 1 dag etter fristen.",
        "missing": "Desse tiltaka de har ansvar for, manglar status i runden:",
        "how": "Slik rapporterer de (grøn, gul eller raud, med ein kort kommentar):",
        "web": "  - på nettsida: logg inn i Planlogg og vel «Rapporter status» på "
        "statusoversikta for planen",
        "sheet": "  - eller i reknearket for planen: fyll ut kolonnane Status og Statuskommentar "
        "på rada til tiltaket.",
        "done": "Har de alt rapportert, kan de sjå bort frå denne e-posten.",
        "signed": "Helsing sekretariatet, sendt av Planlogg",
    },
}


def frame(text: str, reminder: DueReminder) -> str:
    """The mail without the measures' own text (what people wrote)."""
    listed = tuple(f"  {number}  " for number, _ in reminder.measures)
    kept = [line for line in text.splitlines() if not line.startswith(listed)]
    return "\n".join(kept)


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


@pytest.mark.parametrize(("community", "caller"), [("nb", "nn"), ("nn", "nb")])
def test_each_body_is_reminded_in_its_communitys_målform_whoever_sends(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance, community: Målform, caller: Målform
) -> None:
    if community == "nn":
        demo_app.choose_community_language(DEMO_COMMUNITY, "nn", by)
    expected = EXPECTED[community]

    with speaking(caller):
        report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(CONTACTS)
    assert smtp.inbox.wait_for(3) == 3
    for reminder in report.sent:
        (mail,) = smtp.inbox.to(reminder.recipients[0])
        assert mail["From"] == SENDER
        assert mail["Subject"] == expected["subject"]
        text = mail.get_content()
        lines = text.splitlines()
        assert lines[:4] == [f"Til {reminder.body_name}", "", expected["deadline"], ""]
        assert lines[4] == expected["missing"]
        assert lines[-8:] == [
            "",
            expected["how"],
            expected["web"],
            expected["sheet"],
            "",
            expected["done"],
            "",
            expected["signed"],
        ]
        assert foreign_words(mail["Subject"], community) == []
        assert foreign_words(frame(text, reminder), community) == []


def test_the_reason_planlogg_records_is_in_the_communitys_målform(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    demo_app.choose_community_language(DEMO_COMMUNITY, "nn", by)
    sender = sender_for(demo_app, smtp)
    sender.send_due(DEMO_PLAN, TODAY)
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    assert {r.status.value for r in state.reminders} == {"sent"}
    reasons = {
        event.by.reason
        for event in demo_app.repository.event_store.get(plan_id(DEMO_PLAN))
        if type(event).__name__ == "ReminderIntended"
    }
    assert reasons == {"Påminning om statusrapport"}


def due(step: int, measures: int, deadline: date = date(2024, 9, 11)) -> DueReminder:
    return DueReminder(
        plan_key="plan-a",
        plan_title="Samhandlingsplan",
        round_id="R2",
        deadline=deadline,
        body="sekretariat",
        body_name="Sekretariat",
        step=step,
        sent_on=due_on(deadline, step),
        recipients=("sek@example.org",),
        measures=tuple((f"1.{n}", "Tiltak i planen") for n in range(1, measures + 1)),
    )


STEP_SENTENCES: dict[Målform, dict[int, str]] = {
    "nb": {
        7: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminnelsen 7 dager før fristen.",
        1: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminnelsen 1 dag før fristen.",
        0: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminnelsen på fristdagen.",
        -1: "Fristen var 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminnelsen 1 dag etter fristen.",
        -3: "Fristen var 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminnelsen 3 dager etter fristen.",
    },
    "nn": {
        7: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminninga 7 dagar før fristen.",
        1: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminninga 1 dag før fristen.",
        0: "Fristen er 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminninga på fristdagen.",
        -1: "Fristen var 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminninga 1 dag etter fristen.",
        -3: "Fristen var 11.09.2024 for å rapportere status i handlingsplanen «Samhandlingsplan» "
        "(rapporteringsrunde R2). Dette er påminninga 3 dagar etter fristen.",
    },
}

NOTHING_LISTED = {
    "nb": "Vi har ikke fått statusrapport fra dere i runden.",
    "nn": "Vi har ikkje fått statusrapport frå dykk i runden.",
}
LINK = "https://planlogg.example.org/planer/plan-a/rapportere?organ=Sekretariat"
WAYS: dict[Målform, list[str]] = {
    "nb": [
        "Slik rapporterer dere (grønn, gul eller rød, med en kort kommentar):",
        "  - på nettsiden: {web}",
        "  - eller i regnearket for planen: fyll ut kolonnene Status og Statuskommentar på raden "
        "til tiltaket.",
    ],
    "nn": [
        "Slik rapporterer de (grøn, gul eller raud, med ein kort kommentar):",
        "  - på nettsida: {web}",
        "  - eller i reknearket for planen: fyll ut kolonnane Status og Statuskommentar på rada "
        "til tiltaket.",
    ],
}
LOGIN: dict[Målform, str] = {
    "nb": "logg inn i Planlogg og velg «Rapporter status» på statusoversikten for planen",
    "nn": "logg inn i Planlogg og vel «Rapporter status» på statusoversikta for planen",
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("step", [7, 1, 0, -1, -3])
@pytest.mark.parametrize("measures", [0, 2, MAX_LISTED + 5])
@pytest.mark.parametrize("public_url", ["", "https://planlogg.example.org/"])
def test_every_kind_of_reminder_speaks_one_målform(
    målform: Målform, step: int, measures: int, public_url: str
) -> None:
    reminder = due(step, measures)
    with speaking(målform):
        mail = reminder_message(reminder, SENDER, public_url)
    text = mail.get_content()
    lines = text.splitlines()

    assert lines[2] == STEP_SENTENCES[målform][step]
    if measures == 0:
        assert lines[4] == NOTHING_LISTED[målform]
    else:
        listed = [line for line in lines if line.startswith("  1.")]
        assert len(listed) == min(measures, MAX_LISTED)
    if measures > MAX_LISTED:
        assert "  … og 5 til." in lines
    if public_url:
        assert (f"  - på nettsiden: {LINK}" if målform == "nb" else f"  - på nettsida: {LINK}") in (
            lines
        )
    assert foreign_words(str(mail["Subject"]), målform) == []
    assert foreign_words(frame(text, reminder), målform) == []


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("public_url", ["", "https://planlogg.example.org/"])
def test_the_mail_offers_the_web_page_and_the_sheet_and_no_command_or_plan_key(
    målform: Målform, public_url: str
) -> None:
    """Bodies report on the web page or in the sheet; they never open a terminal, so the mail
    holds no command to type, and names the plan by its title (its key is only in the link)."""
    with speaking(målform):
        text = reminder_message(due(-1, 2), SENDER, public_url).get_content()
    web = LINK if public_url else LOGIN[målform]
    ways = [line.format(web=web) for line in WAYS[målform]]

    lines = text.splitlines()
    start = lines.index(ways[0])
    assert lines[start : start + 4] == [*ways, ""]
    assert "planlogg " not in text
    assert "kommandolinj" not in text
    assert "--comment" not in text
    assert "plan-a" not in text.replace(LINK, "")
    assert "«Samhandlingsplan»" in text


BAD_SETTINGS = [
    ("http://mail.example.org", "sek@example.org"),
    ("smtp://mail.example.org", ""),
    ("smtp://mail.example.org:port", "sek@example.org"),
]
SETTING_MESSAGES: dict[Målform, list[str]] = {
    "nb": [
        "PLANLOGG_SMTP_URL «http://mail.example.org…» er ikke en SMTP-adresse. Skriv f.eks. "
        "smtp://localhost:25 eller smtps://bruker:passord@smtp.example.org:465.",
        "PLANLOGG_MAIL_FROM mangler: sett avsenderadressen for påminnelser, "
        "f.eks. sekretariat@example.org.",
        "Porten i PLANLOGG_SMTP_URL er ikke et tall.",
    ],
    "nn": [
        "PLANLOGG_SMTP_URL «http://mail.example.org…» er ikkje ei SMTP-adresse. Skriv t.d. "
        "smtp://localhost:25 eller smtps://brukar:passord@smtp.example.org:465.",
        "PLANLOGG_MAIL_FROM manglar: set avsendaradressa for påminningar, "
        "t.d. sekretariat@example.org.",
        "Porten i PLANLOGG_SMTP_URL er ikkje eit tal.",
    ],
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_a_bad_mail_setting_is_explained_in_the_målform_spoken(målform: Målform) -> None:
    told = []
    for url, sender in BAD_SETTINGS:
        with speaking(målform), pytest.raises(ValidationError) as refused:
            SmtpSettings.parse(url, sender)
        told.append(refused.value.message)
    assert told == SETTING_MESSAGES[målform]
    for message in told:
        assert foreign_words(message.replace("PLANLOGG_", ""), målform) == []


class Filled(dict[str, object]):
    """Any placeholder, filled with a neutral number."""

    def __missing__(self, key: str) -> object:
        return 7


COMMANDS = re.compile(r"round (?:confirm-sent|resend)")
"""Commands to type (code): the two in the hand-over note to the secretariat."""


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_every_message_of_the_mail_area_is_in_one_målform(målform: Målform) -> None:
    """The mail's sentences, the mail server's refusals, the loop's log: all of `mail`."""
    path = LOCALE_DIR / "nb" / DOMAIN_DIR / "mail.po"
    keys = [message.id for message in read_area(path) if message.id]
    assert len(keys) >= 36
    found = translations(målform)
    for key in keys:
        for n in (1, 2):
            raw = found.gettext(key) if isinstance(key, str) else found.ngettext(*key, n)
            text = COMMANDS.sub("", raw % Filled())
            assert foreign_words(text, målform) == [], text


def test_exactly_as_many_open_measures_as_are_listed_are_all_listed_with_no_count() -> None:
    reminder = due(-1, MAX_LISTED)
    with speaking("nb"):
        lines = reminder_message(reminder, SENDER).get_content().splitlines()
    listed = [line for line in lines if line.startswith("  1.")]
    assert len(listed) == MAX_LISTED == 60
    assert listed[-1] == "  1.60  Tiltak i planen"
    assert lines[lines.index(listed[-1]) + 1] == ""
    assert not any(line.startswith("  … og") for line in lines)
