"""A reminder the mail server put off (4xx after its intent, `ReminderDeferred`) when its
step is no longer the one due.

The demo's round has the deadline 11.09.2024 and the steps 14, 3 and -1: on 08.09 the
step 3 days before is due, from 12.09 the step 1 day after. Only the latest due step is
sent, so once the body has been sent the newer reminder, the one put off is never tried
again, and must not go on saying "prøves igjen".
"""

from __future__ import annotations

from datetime import date

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from language import speaking
from notify.due import standing_reminders
from notify.mail import SmtpMailer, SmtpSettings
from notify.sender import ReminderSender
from projections.read_models import ReadModels
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

THREE_DAYS_BEFORE = date(2024, 9, 8)
DAY_AFTER = date(2024, 9, 12)
SENDER = "sekretariat@planlogg.example.org"
SECRETARIAT = "sekretariat@example.org"


def sender_for(app: Planlogg, smtp: SmtpServer) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    return reminder_sender(app, mailer)


def secretariat_reminders(app: Planlogg) -> dict[int, tuple[ReminderStatus, int]]:
    _, state = app.get_plan(DEMO_PLAN).open_round()
    register = app.body_register(DEMO_COMMUNITY)
    return {
        r.step: (r.status, r.attempt)
        for r in state.reminders
        if register.label(r.body) == "Sekretariat"
    }


def put_off_three_days_before(app: Planlogg, smtp: SmtpServer) -> None:
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.7.1 Kom att seinare"
    first = sender_for(app, smtp).send_due(DEMO_PLAN, THREE_DAYS_BEFORE)
    smtp.inbox.data_answers.clear()
    if [r.body_name for r, _why in first.deferred] != ["Sekretariat"]:
        raise RuntimeError(f"the server did not put the reminder off: {first}")


def test_a_reminder_put_off_is_given_up_once_the_next_step_went_instead(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)
    assert secretariat_reminders(demo_app) == {3: (ReminderStatus.DEFERRED, 1)}

    later = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)

    assert "Sekretariat" in [r.body_name for r in later.sent]
    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert "påminnelsen 1 dag etter fristen" in mail.get_content()
    assert secretariat_reminders(demo_app) == {
        3: (ReminderStatus.SUPERSEDED, 1),
        -1: (ReminderStatus.SENT, 1),
    }
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)
    assert (again.sent, again.deferred, len(smtp.inbox.to(SECRETARIAT))) == ([], [], 1)


def test_the_reminder_given_up_no_longer_says_it_is_tried_again(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)

    models = ReadModels.open(demo_app)
    models.catch_up()
    with speaking("nb"):
        board = models.dashboard(DEMO_PLAN, DAY_AFTER)
    if board.open_round is None:
        raise AssertionError("the demo's round is open")
    (progress,) = [p for p in board.open_round.progress if p.body == "Sekretariat"]
    shown = [(r.step, r.status, r.status_label) for r in progress.reminders]
    assert shown == [
        (3, "superseded", "ikke sendt (utsatt av e-posttjeneren, avløst av en senere påminnelse)"),
        (-1, "sent", "sendt"),
    ]


def test_a_reminder_put_off_is_still_tried_again_while_its_step_is_due(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)

    next_day = sender_for(demo_app, smtp).send_due(DEMO_PLAN, date(2024, 9, 9))

    assert [r.body_name for r in next_day.sent] == ["Sekretariat"]
    assert secretariat_reminders(demo_app) == {3: (ReminderStatus.SENT, 2)}


def secretariat_standing(app: Planlogg, today: date) -> dict[int, tuple[ReminderStatus, str]]:
    """The secretariat's reminders as the dashboard and `round show` are to show them."""
    register = app.body_register(DEMO_COMMUNITY)
    with speaking("nb"):
        return {
            r.step: (r.status, r.status.label)
            for r in standing_reminders(app.get_plan(DEMO_PLAN), today, register)
            if register.label(r.body) == "Sekretariat"
        }


def report_everything_for_the_secretariat(app: Planlogg) -> None:
    plan = app.get_plan(DEMO_PLAN)
    register = app.body_register(DEMO_COMMUNITY)
    own = [
        m for m in plan.active_measures() if "sekretariat" in map(register.key_of, m.responsible)
    ]
    if not own:
        raise RuntimeError("the demo's secretariat has measures")
    reporter = Provenance("Sekretariatet", Source.WEB, reason="Statusrapport")
    for measure in own:
        app.report_status(DEMO_PLAN, measure.number, "grønn", "I rute.", reporter)


UNNEEDED = "ikke sendt (utsatt av e-posttjeneren, organet har rapportert siden)"
SUPERSEDED = "ikke sendt (utsatt av e-posttjeneren, avløst av en senere påminnelse)"


def test_a_reminder_put_off_is_not_needed_once_the_body_has_reported(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)
    report_everything_for_the_secretariat(demo_app)

    for day in (date(2024, 9, 9), DAY_AFTER):
        run = sender_for(demo_app, smtp).send_due(DEMO_PLAN, day)
        assert "Sekretariat" not in [r.body_name for r in run.sent + run.no_address]
        assert secretariat_standing(demo_app, day) == {3: (ReminderStatus.UNNEEDED, UNNEEDED)}
    assert smtp.inbox.to(SECRETARIAT) == []
    assert secretariat_reminders(demo_app) == {3: (ReminderStatus.DEFERRED, 1)}


def test_a_reminder_put_off_is_superseded_when_the_next_step_finds_no_address(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)
    by = Provenance("Sekretariatet", Source.CLI, reason="Adressa er nedlagd")
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", [], [], by)

    later = sender_for(demo_app, smtp).send_due(DEMO_PLAN, DAY_AFTER)

    assert "Sekretariat" in [r.body_name for r in later.no_address]
    assert secretariat_standing(demo_app, DAY_AFTER) == {3: (ReminderStatus.SUPERSEDED, SUPERSEDED)}
    assert secretariat_standing(demo_app, date(2024, 9, 9)) == {
        3: (ReminderStatus.DEFERRED, "utsatt av e-posttjeneren (prøves igjen)")
    }
    assert smtp.inbox.to(SECRETARIAT) == []


def test_the_dashboard_says_a_reminder_put_off_is_not_needed_once_the_body_has_reported(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    put_off_three_days_before(demo_app, smtp)
    report_everything_for_the_secretariat(demo_app)

    models = ReadModels.open(demo_app)
    models.catch_up()
    with speaking("nb"):
        board = models.dashboard(DEMO_PLAN, date(2024, 9, 9))
    if board.open_round is None:
        raise AssertionError("the demo's round is open")
    (progress,) = [p for p in board.open_round.progress if p.body == "Sekretariat"]
    shown = [(r.step, r.status, r.status_label) for r in progress.reminders]
    assert shown == [(3, "unneeded", UNNEEDED)]


def test_a_reminder_put_off_whose_step_is_taken_out_of_the_schedule_is_dropped_not_retried(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The secretariat takes step 3 out of the round's schedule after its reminder was put off:
    the run sends the step due now (14 days before, never sent to the secretariat), never step
    3 again, and step 3 no longer says "prøves igjen"."""
    put_off_three_days_before(demo_app, smtp)
    by = Provenance("Sekretariatet", Source.CLI, reason="Færre påminningar")
    demo_app.set_reminder_schedule(DEMO_PLAN, (14, -1), by)

    next_day = sender_for(demo_app, smtp).send_due(DEMO_PLAN, date(2024, 9, 9))

    sent = [r.step for r in next_day.sent if r.body_name == "Sekretariat"]
    assert sent == [14]
    assert secretariat_standing(demo_app, date(2024, 9, 9)) == {
        3: (
            ReminderStatus.DROPPED,
            "ikke sendt (utsatt av e-posttjeneren, steget er tatt ut av planen for påminnelser)",
        ),
        14: (ReminderStatus.SENT, "sendt"),
    }
    assert len(smtp.inbox.to(SECRETARIAT)) == 1
