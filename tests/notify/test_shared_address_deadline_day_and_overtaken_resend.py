"""The sender: an address two person records share reads the målform the one who chose
chose, a step sent after its own day does not name it, and a resend a colleague's delivered
resend has overtaken is refused for that resend, not as a reminder sent.

The demo's round: deadline 11.09.2024, bodies «Fagråd for pasientsamarbeid», «Fagråd for
digital samhandling» and «Sekretariat»; St. Olavs writes bokmål.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import RuleError
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.notify.senders import sender_for
from tests.notify.smtp_server import SmtpServer

SECRETARIAT = "sekretariat@example.org"
SETUP = Provenance("Sekretariatet", Source.CLI, reason="Oppsett")
EDITOR = Provenance("Sekretariatet", Source.WEB, reason="Sendt på nytt fra statusoversikten")
TWO_DAYS_AFTER = date(2024, 9, 13)
DEADLINE = date(2024, 9, 11)
TITLE = "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


def test_an_address_of_one_person_who_chose_nynorsk_and_one_who_chose_nothing_reads_nynorsk(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Kari signs in through two login services (two persons, one address); on the profile
    she uses she chose nynorsk, the other she never opened (no choice: the community's).
    The one who chose nothing does not count against the one who chose (`_speaks`): the
    mail is nynorsk."""
    kari = demo_app.add_person(
        "https://login.example.org", "kari-1", SECRETARIAT, "Kari Nordmann", SETUP
    )
    demo_app.choose_person_language(kari, "nn", SETUP)
    demo_app.add_person("https://idporten.example.org", "kari-2", SECRETARIAT, "Kari", SETUP)

    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TWO_DAYS_AFTER)

    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail["Subject"] == f"Påminning: statusrapport for {TITLE} – frist 11.09.2024"


def test_a_step_before_the_deadline_sent_on_the_deadline_day_does_not_name_a_day_gone_by(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Schedule «14,3» and a mail server down until the deadline day: the run sends the
    3-days-before step on 11.09.2024, after its own day. The mail says «Fristen er
    11.09.2024 …» and no «Dette er påminnelsen 3 dager før fristen.» (`_step_sentence`)."""
    demo_app.set_reminder_schedule(DEMO_PLAN, (14, 3), SETUP)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DEADLINE)

    assert [r.step for r in report.sent if r.body_name == "Sekretariat"] == [3]
    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert mail.get_content().splitlines()[2] == (
        f"Fristen er 11.09.2024 for å rapportere status i handlingsplanen «{TITLE}» "
        "(rapporteringsrunde R1)."
    )


def test_a_resend_overtaken_by_a_colleagues_delivered_resend_says_so(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """`round resend … --attempt 1` (the person saw attempt 1 «kanskje sendt»); a colleague
    has resent it since, and the server took it (attempt 2, sent). The refusal up front
    (`check_resend`) asks "resent since" before "delivered", so it tells the person of the
    colleague's resend, not the rule for a reminder sent."""
    demo_app.intend_reminder(DEMO_PLAN, "R1", "sekretariat", -1, (SECRETARIAT,), EDITOR)
    sender_for(demo_app, smtp, by=EDITOR).resend(DEMO_PLAN, "Sekretariat", -1, date(2026, 11, 30))
    found = demo_app.get_plan(DEMO_PLAN).open_round()[1].reminder("sekretariat", -1)
    assert found is not None
    assert (found.status, found.attempt) == (ReminderStatus.SENT, 2)

    with pytest.raises(RuleError) as refused:
        sender_for(demo_app, smtp, by=EDITOR).resend(
            DEMO_PLAN, "Sekretariat", -1, date(2026, 11, 30), seen_attempt=1
        )

    assert refused.value.message == "Påminnelsen til Sekretariat er sendt på nytt siden (forsøk 2)."
