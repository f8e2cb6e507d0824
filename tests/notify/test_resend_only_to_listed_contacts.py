"""Who a person's resend goes to once the secretariat has changed a body's contacts: only
addresses still listed that do not have the reminder; with none, it is refused.

The demo's round (deadline 11.09.2024), long after the deadline: the step 1 day after.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.errors import RuleError
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from tests.notify.senders import sender_for
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
STAYS, LEFT = "leiar@example.org", "gammal.leiar@example.org"
SETUP = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
EDITOR = Provenance("Sekretariatet", Source.WEB, reason="Sendt på nytt fra statusoversikten")


@pytest.fixture
def demo_app(sqlite_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(sqlite_url)
    load_demo(app)
    yield app
    app.close()


def test_a_resend_goes_to_no_address_taken_out_of_the_bodys_contacts(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The secretariat is reminded at two addresses; the server takes the mail for one and
    refuses the old leader's (550): «delvis sendt». The old leader has left, so the
    secretariat takes that address out of the body's contacts (the dashboard then says
    the address is no longer among the contacts) and presses «Send på nytt». Every
    address still listed has the reminder, so there is nobody to send it to: the resend
    is refused in the plan's words, and the removed address is not mailed (`_resent_to`
    fell back to the addresses refused)."""
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", [STAYS], [STAYS, LEFT], SETUP)
    smtp.inbox.refused.add(LEFT)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    found = demo_app.get_plan(DEMO_PLAN).open_round()[1].reminder("sekretariat", -1)
    assert found is not None
    assert (found.status, found.taken) == (ReminderStatus.PARTLY_SENT, (STAYS,))

    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", [STAYS], [STAYS], SETUP)
    smtp.inbox.refused.clear()  # the mailbox still takes mail for a while after someone leaves
    before = len(smtp.inbox.envelopes)
    refused: RuleError | None = None
    try:
        sender_for(demo_app, smtp, by=EDITOR).resend(DEMO_PLAN, "sekretariat", -1, TODAY)
    except RuleError as error:
        refused = error

    assert (smtp.inbox.envelopes[before:], str(refused)) == (
        [],
        "leiar@example.org har allerede fått påminnelsen til Sekretariat (1 dag etter fristen).",
    )
