"""What the reminder mail tells the person who reads it: no step sentence contradicting a
deadline passed, and the målform the reader chose.

The demo's round: deadline 11.09.2024, bodies «Fagråd for pasientsamarbeid», «Fagråd for
digital samhandling» and «Sekretariat»; St. Olavs writes bokmål.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.notify.senders import sender_for
from tests.notify.smtp_server import SmtpServer

SECRETARIAT = "sekretariat@example.org"
SETUP = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
TWO_DAYS_AFTER = date(2024, 9, 13)
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


def test_a_step_before_the_deadline_sent_after_it_does_not_call_itself_before_the_deadline(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Schedule «14,3» and a mail server down until two days after the deadline: the run
    sends the 3-days-before step on 13.09.2024. The first sentence is in the past
    (`test_late_run_wording`), and the step sentence is left out: it read «Dette er
    påminnelsen 3 dager før fristen.» after «Fristen var 11.09.2024»."""
    demo_app.set_reminder_schedule(DEMO_PLAN, (14, 3), SETUP)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    assert [r.step for r in report.sent if r.body_name == "Sekretariat"] == [3]
    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail.get_content().splitlines()[2] == (
        f"Fristen var 11.09.2024 for å rapportere status i handlingsplanen «{TITLE}» "
        "(rapporteringsrunde R1)."
    )


def test_a_person_who_reads_nynorsk_gets_the_reminder_in_nynorsk(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The leader of the secretariat has chosen nynorsk on their profile (`Person.language`:
    «A person reads in `language`», and every page follows them in it), in a community
    that writes bokmål. The reminder to their address speaks nynorsk (it spoke the
    community's bokmål)."""
    person = demo_app.add_person(
        "https://login.example.org", "sekretaer-1", SECRETARIAT, "Kari Nordmann", SETUP
    )
    demo_app.choose_person_language(person, "nn", SETUP)
    assert demo_app.community_language(DEMO_COMMUNITY) == "nb"

    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["Subject"] == f"Påminning: statusrapport for {TITLE} – frist 11.09.2024"


def test_a_body_reminded_at_a_nynorsk_reader_and_another_gets_one_mail_in_each_målform(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The secretariat is reminded at its leader's address (nynorsk on the profile) and at
    an address nobody has chosen for: one mail in each målform, and the body's reminder,
    over both mails, sent."""
    other = "post@example.org"
    demo_app.set_body_contacts(
        DEMO_COMMUNITY, "sekretariat", [SECRETARIAT], [SECRETARIAT, other], SETUP
    )
    person = demo_app.add_person(
        "https://login.example.org", "sekretaer-1", SECRETARIAT.upper(), "Kari Nordmann", SETUP
    )
    demo_app.choose_person_language(person, "nn", SETUP)

    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    found = demo_app.get_plan(DEMO_PLAN).open_round()[1].reminder("sekretariat", -1)
    assert found is not None
    mails = zip(smtp.inbox.envelopes, smtp.inbox.messages, strict=True)
    theirs = [(e, m["Subject"].split(":")[0]) for e, m in mails if SECRETARIAT in e or other in e]
    assert (theirs, found.status) == (
        [([SECRETARIAT], "Påminning"), ([other], "Påminnelse")],
        ReminderStatus.SENT,
    )


@pytest.mark.parametrize(("community", "word"), [("nb", "Påminnelse"), ("nn", "Påminning")])
def test_an_address_whose_people_chose_different_målformer_reads_the_communitys(
    demo_app: Planlogg, smtp: SmtpServer, community: str, word: str
) -> None:
    """Two logins share the secretariat's address, one chose nynorsk and one bokmål: they
    disagree, so the mail speaks the health community's målform, whichever that is."""
    for subject, målform in (("sekretaer-1", "nn"), ("sekretaer-2", "nb")):
        person = demo_app.add_person(
            "https://login.example.org", subject, SECRETARIAT, "Kari Nordmann", SETUP
        )
        demo_app.choose_person_language(person, målform, SETUP)  # type: ignore[arg-type]
    demo_app.choose_community_language(DEMO_COMMUNITY, community, SETUP)  # type: ignore[arg-type]

    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["Subject"] == f"{word}: statusrapport for {TITLE} – frist 11.09.2024"
