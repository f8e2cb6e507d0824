"""A person reminded for several bodies of a round gets one mail per step, naming them all.

The leader of two professional committees, or the secretariat reminded beside each body's
leader, used to get one mail per body for the same step on the same run. Now each address
gets one mail naming every body it is reminded for, each body with its own deadline, open
measures, link and command; the record stays per body. A body whose people all share one
mail gets that mail's outcome (sent, put off, failed, "kanskje sendt"); a body spread over
several mails (its own leader's and the secretariat's) is sent only when every one of them
was taken, as a body with two addresses in one mail is sent only when both took it. When
some were taken and others put off or refused, the body is «delvis sendt»: the addresses
put off get it on the next run (in one mail with the other bodies due there), and no
address gets it twice. A person's resend stays one body's own mail.

The demo's round (deadline 11.09.2024; the leaders of Fagråd for pasientsamarbeid and
Fagråd for digital samhandling, and the secretariat) on both databases; long after the
deadline only the step 1 day after is due.
"""

from __future__ import annotations

import re
from datetime import date
from email.message import EmailMessage
from urllib.parse import quote, unquote

import pytest

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from language import Målform, speaking
from notify.due import DueReminder
from notify.mail import HandOverUncertain, SmtpMailer, SmtpSettings
from notify.reminder_mail import reminders_message
from notify.sender import ReminderSender
from tests.language.words import foreign_words
from tests.notify.meddled_mailer import MeddledMailer
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
SENDER = "sekretariat@planlogg.example.org"
LEADER = "leiar.fagrad@example.org"
SECRETARIAT = "sekretariat@example.org"
PASIENT, DIGITAL = "Fagråd for pasientsamarbeid", "Fagråd for digital samhandling"
PASIENT_ID, DIGITAL_ID = "fagrad-for-pasientsamarbeid", "fagrad-for-digital-samhandling"
BOTH_FAGRÅD = f"Til {PASIENT} og {DIGITAL}"
PUBLIC_URL = "https://planlogg.example.org"
PAGE = f"{PUBLIC_URL}/planer/{DEMO_PLAN}/rapportere?organ="


def sender_for(app: Planlogg, smtp: SmtpServer) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    return reminder_sender(app, mailer, public_url=PUBLIC_URL)


def remind(app: Planlogg, body: str, *addresses: str) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
    app.set_body_contacts(DEMO_COMMUNITY, body, list(addresses), list(addresses), by)


def one_leader_for_both(app: Planlogg) -> None:
    remind(app, PASIENT_ID, LEADER)
    remind(app, DIGITAL_ID, LEADER)


def reminders(app: Planlogg) -> dict[str, tuple[ReminderStatus, int, str]]:
    """Each round body's reminder at the step 1 day after the deadline, by its id."""
    _, state = app.get_plan(DEMO_PLAN).open_round()
    return {r.body: (r.status, r.attempt, r.note) for r in state.reminders if r.step == -1}


def recorded_recipients(app: Planlogg) -> dict[str, tuple[str, ...]]:
    _, state = app.get_plan(DEMO_PLAN).open_round()
    return {r.body: r.recipients for r in state.reminders}


def named(mail: EmailMessage) -> list[str]:
    """The bodies a mail names, by the link each one is given."""
    return [
        unquote(line.split("?organ=")[1])
        for line in mail.get_content().splitlines()
        if "?organ=" in line
    ]


def test_a_person_reminded_for_two_bodies_gets_one_mail_naming_both(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    one_leader_for_both(demo_app)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted([PASIENT, DIGITAL, "Sekretariat"])
    assert smtp.inbox.envelopes == [[LEADER], [SECRETARIAT]]
    (mail,) = smtp.inbox.to(LEADER)
    assert str(mail["To"]) == LEADER
    lines = mail.get_content().splitlines()
    assert lines[:5] == [
        BOTH_FAGRÅD,
        "",
        "Fristen var 11.09.2024 for å rapportere status i handlingsplanen «Handlingsplan "
        "2022-2024 Helsefelleskapet St. Olavs hospital og kommunene» (rapporteringsrunde R1). "
        "Dette er påminnelsen 1 dag etter fristen.",
        "",
        "Denne e-posten gjelder 2 organer dere rapporterer for:",
    ]
    assert named(mail) == [PASIENT, DIGITAL]
    digital = lines.index(f"{DIGITAL} (frist 11.09.2024)")
    assert lines.index(f"{PASIENT} (frist 11.09.2024)") < digital
    assert [line.split()[0] for line in lines[digital:] if line.startswith("  4.")] == [
        "4.1.3", "4.2.1", "4.2.2", "4.3.1",
    ]  # fmt: skip
    assert [line for line in lines if "?organ=" in line] == [
        f"  - på nettsiden: {PAGE}{quote(PASIENT)}", f"  - på nettsiden: {PAGE}{quote(DIGITAL)}",
    ]  # fmt: skip
    assert "planlogg " not in mail.get_content()
    assert lines[-3:] == ["Har dere allerede rapportert, kan dere se bort fra denne e-posten.",
                          "", "Hilsen sekretariatet, sendt av Planlogg"]  # fmt: skip
    (own,) = smtp.inbox.to(SECRETARIAT)
    assert own.get_content().splitlines()[0] == "Til Sekretariat"
    assert reminders(demo_app) == {
        PASIENT_ID: (ReminderStatus.SENT, 1, ""),
        DIGITAL_ID: (ReminderStatus.SENT, 1, ""),
        "sekretariat": (ReminderStatus.SENT, 1, ""),
    }
    assert recorded_recipients(demo_app)[DIGITAL_ID] == (LEADER,)
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert (again.sent, again.taken, len(smtp.inbox.messages)) == ([], [], 2)


def test_the_secretariat_reminded_beside_each_leader_gets_one_mail_and_each_leader_their_own(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """As the demo reminds bodies outside its round: the leader, and the secretariat."""
    remind(demo_app, PASIENT_ID, "leiar.pasientsamarbeid@example.org", SECRETARIAT)
    remind(demo_app, DIGITAL_ID, "leiar.digital@example.org", SECRETARIAT)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert len(report.sent) == 3
    assert sorted(map(sorted, smtp.inbox.envelopes)) == [
        ["leiar.digital@example.org"], ["leiar.pasientsamarbeid@example.org"], [SECRETARIAT],
    ]  # fmt: skip
    (everything,) = smtp.inbox.to(SECRETARIAT)
    assert named(everything) == [PASIENT, DIGITAL, "Sekretariat"]
    assert everything.get_content().splitlines()[0] == f"Til {PASIENT}, {DIGITAL} og Sekretariat"
    (leader,) = smtp.inbox.to("leiar.digital@example.org")
    assert named(leader) == [DIGITAL]
    assert leader.get_content().splitlines()[0] == f"Til {DIGITAL}"
    assert {body: status for body, (status, _, _) in reminders(demo_app).items()} == {
        PASIENT_ID: ReminderStatus.SENT,
        DIGITAL_ID: ReminderStatus.SENT,
        "sekretariat": ReminderStatus.SENT,
    }
    assert recorded_recipients(demo_app)[DIGITAL_ID] == ("leiar.digital@example.org", SECRETARIAT)


def test_one_mail_put_off_at_data_puts_off_every_body_it_names_and_goes_once_later(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    one_leader_for_both(demo_app)
    smtp.inbox.data_answers[LEADER] = "451 4.7.1 Kom att seinare"

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    why = "Tjeneren ba oss prøve igjen senere (451 4.7.1 Kom att seinare)."
    assert [(r.body_name, told) for r, told in first.deferred] == [(PASIENT, why), (DIGITAL, why)]
    assert ([r.body_name for r in first.sent], first.failed) == (["Sekretariat"], [])
    assert reminders(demo_app) == {
        PASIENT_ID: (ReminderStatus.DEFERRED, 1, why),
        DIGITAL_ID: (ReminderStatus.DEFERRED, 1, why),
        "sekretariat": (ReminderStatus.SENT, 1, ""),
    }

    smtp.inbox.data_answers.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r in second.sent] == [PASIENT, DIGITAL]
    (mail,) = smtp.inbox.to(LEADER)
    assert named(mail) == [PASIENT, DIGITAL]
    assert reminders(demo_app)[PASIENT_ID] == (ReminderStatus.SENT, 2, "")
    assert reminders(demo_app)[DIGITAL_ID] == (ReminderStatus.SENT, 2, "")


def test_one_mail_put_off_before_anything_is_recorded_leaves_both_bodies_due(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    one_leader_for_both(demo_app)
    smtp.inbox.deferred.add(LEADER)

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r, _ in first.deferred] == [PASIENT, DIGITAL]
    assert set(reminders(demo_app)) == {"sekretariat"}
    smtp.inbox.deferred.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert [r.body_name for r in second.sent] == [PASIENT, DIGITAL]
    assert len(smtp.inbox.to(LEADER)) == 1
    assert reminders(demo_app)[DIGITAL_ID] == (ReminderStatus.SENT, 1, "")


@pytest.mark.parametrize("refusal", ["rcpt", "data"])
def test_one_mail_refused_for_good_fails_every_body_and_a_resend_is_one_bodys_mail(
    demo_app: Planlogg, smtp: SmtpServer, refusal: str
) -> None:
    one_leader_for_both(demo_app)
    if refusal == "rcpt":
        smtp.inbox.refused.add(LEADER)
        why = f"Tjeneren avviste alle mottakerne: {LEADER} (550 5.1.1 Ukjend mottakar)."
    else:
        smtp.inbox.data_answers[LEADER] = "554 5.6.0 Nei"
        why = (
            "Tjeneren tok ikke imot e-posten: "
            "tjeneren godtok ikke innholdet i e-posten (554 5.6.0 Nei)."
        )

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, told) for r, told in first.failed] == [(PASIENT, why), (DIGITAL, why)]
    assert reminders(demo_app)[PASIENT_ID] == (ReminderStatus.FAILED, 1, why)
    assert reminders(demo_app)[DIGITAL_ID] == (ReminderStatus.FAILED, 1, why)
    smtp.inbox.refused.clear()
    smtp.inbox.data_answers.clear()
    assert sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY).sent == []

    resent = sender_for(demo_app, smtp).resend(DEMO_PLAN, DIGITAL, -1, TODAY)

    assert [r.body_name for r in resent.sent] == [DIGITAL]
    (mail,) = smtp.inbox.to(LEADER)
    assert named(mail) == [DIGITAL]
    assert mail.get_content().splitlines()[0] == f"Til {DIGITAL}"
    assert reminders(demo_app)[DIGITAL_ID] == (ReminderStatus.SENT, 2, "")
    assert reminders(demo_app)[PASIENT_ID] == (ReminderStatus.FAILED, 1, why)


def test_a_connection_lost_while_handing_over_leaves_every_body_of_the_mail_kanskje_sendt(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    one_leader_for_both(demo_app)
    smtp.inbox.drop = True

    with pytest.raises(HandOverUncertain) as uncertain:
        sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert uncertain.value.message.endswith(
        f"Påminnelsene til {PASIENT} og {DIGITAL} er «kanskje sendt»: bekreft hver av dem med "
        "round confirm-sent eller send dem med round resend."
    )
    assert {body: status for body, (status, _, _) in reminders(demo_app).items()} == {
        PASIENT_ID: ReminderStatus.INTENDED,
        DIGITAL_ID: ReminderStatus.INTENDED,
    }


def test_a_body_that_reports_just_before_the_mail_goes_is_left_out_of_it(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    one_leader_for_both(demo_app)
    reporter = Provenance("Leiar digital", Source.SHEET, reason="Statusrapport")

    done: list[bool] = []

    def digital_reports(message: EmailMessage) -> None:
        if str(message["To"]) != LEADER or done:
            return
        done.append(True)
        register = demo_app.body_register(DEMO_COMMUNITY)
        for measure in demo_app.get_plan(DEMO_PLAN).active_measures():
            if DIGITAL_ID in map(register.key_of, measure.responsible):
                demo_app.report_status(DEMO_PLAN, measure.number, "grønn", "I rute.", reporter)

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    sender = reminder_sender(
        demo_app, MeddledMailer(mailer, digital_reports), public_url=PUBLIC_URL
    )

    report = sender.send_due(DEMO_PLAN, TODAY)

    assert done == [True]
    assert [r.body_name for r in report.reported] == [DIGITAL]
    (mail,) = smtp.inbox.to(LEADER)
    assert named(mail) == [PASIENT]
    assert mail.get_content().splitlines()[0] == f"Til {PASIENT}"
    assert set(reminders(demo_app)) == {PASIENT_ID, "sekretariat"}


def test_a_body_spread_over_two_mails_is_partly_sent_when_one_went_and_the_rest_go_later(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The secretariat's mail (all three bodies) is put off, each leader's goes: the two
    committees are «delvis sendt» (their leaders have it, the secretariat not yet), the
    secretariat's own reminder is put off; the next run sends the secretariat one mail
    naming all three, and the leaders nothing."""
    remind(demo_app, PASIENT_ID, "leiar.pasientsamarbeid@example.org", SECRETARIAT)
    remind(demo_app, DIGITAL_ID, "leiar.digital@example.org", SECRETARIAT)
    smtp.inbox.data_answers[SECRETARIAT] = "451 4.7.1 Kom att seinare"

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    why = "Tjeneren ba oss prøve igjen senere (451 4.7.1 Kom att seinare)."
    assert first.sent == []
    later = f"{SECRETARIAT} utsatt av e-posttjeneren (prøves igjen)"
    assert sorted((p.reminder.body_name, p.taken, p.others) for p in first.partly) == [
        (DIGITAL, ("leiar.digital@example.org",), later),
        (PASIENT, ("leiar.pasientsamarbeid@example.org",), later),
    ]
    assert [(r.body_name, told) for r, told in first.deferred] == [("Sekretariat", why)]
    assert reminders(demo_app) == {
        PASIENT_ID: (ReminderStatus.PARTLY_SENT, 1, ""),
        DIGITAL_ID: (ReminderStatus.PARTLY_SENT, 1, ""),
        "sekretariat": (ReminderStatus.DEFERRED, 1, why),
    }

    smtp.inbox.data_answers.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r in second.sent] == [PASIENT, DIGITAL, "Sekretariat"]
    (mail,) = smtp.inbox.to(SECRETARIAT)
    assert named(mail) == [PASIENT, DIGITAL, "Sekretariat"]
    assert len(smtp.inbox.messages) == 3
    assert recorded_recipients(demo_app)[PASIENT_ID] == (SECRETARIAT,)
    assert {
        body: (status, attempt) for body, (status, attempt, _) in reminders(demo_app).items()
    } == {
        PASIENT_ID: (ReminderStatus.SENT, 2),
        DIGITAL_ID: (ReminderStatus.SENT, 2),
        "sekretariat": (ReminderStatus.SENT, 2),
    }


def due(body: str, name: str, measures: int) -> DueReminder:
    return DueReminder(
        plan_key="plan-a", plan_title="Samhandlingsplan", round_id="R2",
        deadline=date(2024, 9, 11), body=body, body_name=name, step=3,
        sent_on=date(2024, 9, 8), recipients=("leiar@example.org",),
        measures=tuple((f"1.{n}", "Tiltak i planen") for n in range(1, measures + 1)),
    )  # fmt: skip


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_mail_naming_several_bodies_speaks_one_målform(målform: Målform) -> None:
    """The sentences said once, and each body's own part, come from the `mail` catalogue;
    the bodies' names and the links are taken out before the words are checked."""
    named_bodies = [due("a", "Fagråd A", 2), due("b", "Fagråd B", 0), due("c", "Fagråd C", 1)]
    with speaking(målform):
        mail = reminders_message(named_bodies, ["leiar@example.org"], SENDER, PUBLIC_URL)
    text = mail.get_content()
    lines = text.splitlines()

    assert lines[0] == "Til Fagråd A, Fagråd B og Fagråd C"
    assert [line for line in lines if line.startswith("Fagråd ")] == [
        "Fagråd A (frist 11.09.2024)", "Fagråd B (frist 11.09.2024)",
        "Fagråd C (frist 11.09.2024)",
    ]  # fmt: skip
    assert len([line for line in lines if line.startswith("  1.")]) == 3
    assert mail.get_all("X-Planlogg-Reminder") == [f"plan-a/R2/{b}/3" for b in "abc"]
    assert "planlogg " not in text
    assert named(mail) == ["Fagråd A", "Fagråd B", "Fagråd C"]
    frame = re.sub(r"https://\S+", "", text)
    for name in ("Fagråd A", "Fagråd B", "Fagråd C"):
        frame = frame.replace(name, "")
    assert foreign_words(frame, målform) == []


class Died(BaseException):
    """The process dying in the middle of a run (a deploy, out of memory): nothing in
    Planlogg gets to handle it."""


def dying_sender(app: Planlogg, smtp: SmtpServer, before: str) -> ReminderSender:
    """A sender whose process dies just before the mail to `before` is handed over (its
    intents saved): every mail before it has gone."""

    def die(message: EmailMessage) -> None:
        if str(message["To"]) == before:
            raise Died

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    meddled = MeddledMailer(mailer, before_deliver=die)
    return reminder_sender(app, meddled, public_url=PUBLIC_URL)


def statuses(app: Planlogg) -> dict[str, ReminderStatus]:
    return {body: status for body, (status, _, _) in reminders(app).items()}


def test_a_run_that_dies_after_some_mails_has_recorded_the_bodies_whose_mails_all_went(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """As the demo reminds: each leader, and the secretariat beside them. The mails go to
    Pasientsamarbeid's leader, to the secretariat (all three bodies), then to Digital's
    leader; the process dies before the last. Pasientsamarbeid and the secretariat's own
    reminder had all their mails: sent. Only Digital, whose leader's mail was in flight,
    is "kanskje sendt"."""
    remind(demo_app, PASIENT_ID, "leiar.pasientsamarbeid@example.org", SECRETARIAT)
    remind(demo_app, DIGITAL_ID, "leiar.digital@example.org", SECRETARIAT)

    with pytest.raises(Died):
        dying_sender(demo_app, smtp, "leiar.digital@example.org").send_due(DEMO_PLAN, TODAY)

    assert smtp.inbox.envelopes == [["leiar.pasientsamarbeid@example.org"], [SECRETARIAT]]
    assert statuses(demo_app) == {
        PASIENT_ID: ReminderStatus.SENT,
        DIGITAL_ID: ReminderStatus.INTENDED,
        "sekretariat": ReminderStatus.SENT,
    }
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert (again.sent, len(smtp.inbox.messages)) == ([], 2)


def test_a_run_that_dies_after_the_first_mail_has_recorded_the_body_that_mail_finished(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """One leader for both committees, Digital's also reminded at the secretariat: the
    leader's mail (both committees) goes, the process dies before the secretariat's
    (Digital and the secretariat's own). Pasientsamarbeid is sent; the two in flight are
    "kanskje sendt"."""
    remind(demo_app, PASIENT_ID, LEADER)
    remind(demo_app, DIGITAL_ID, LEADER, SECRETARIAT)

    with pytest.raises(Died):
        dying_sender(demo_app, smtp, SECRETARIAT).send_due(DEMO_PLAN, TODAY)

    assert smtp.inbox.envelopes == [[LEADER]]
    assert statuses(demo_app) == {
        PASIENT_ID: ReminderStatus.SENT,
        DIGITAL_ID: ReminderStatus.INTENDED,
        "sekretariat": ReminderStatus.INTENDED,
    }


def test_a_body_one_mail_delivered_is_kanskje_sendt_when_a_later_mail_of_it_is_uncertain(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Pasientsamarbeid's leader took its mail; the connection then breaks while the
    secretariat's mail (all three bodies) is handed over. Pasientsamarbeid was reminded at
    its leader only: it is "kanskje sendt" (it was sent) with the others, its leader's mail
    recorded as taken, so a resend goes to the secretariat alone."""
    remind(demo_app, PASIENT_ID, "leiar.pasientsamarbeid@example.org", SECRETARIAT)
    remind(demo_app, DIGITAL_ID, "leiar.digital@example.org", SECRETARIAT)

    def break_at_the_secretariat(message: EmailMessage) -> None:
        smtp.inbox.drop = str(message["To"]) == SECRETARIAT

    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    meddled = MeddledMailer(mailer, before_deliver=break_at_the_secretariat)
    sender = reminder_sender(demo_app, meddled)

    with pytest.raises(HandOverUncertain) as uncertain:
        sender.send_due(DEMO_PLAN, TODAY)

    assert smtp.inbox.envelopes == [["leiar.pasientsamarbeid@example.org"], [SECRETARIAT]]
    assert uncertain.value.message.endswith(
        f"Påminnelsene til {PASIENT}, {DIGITAL} og Sekretariat er «kanskje sendt»: bekreft "
        "hver av dem med round confirm-sent eller send dem med round resend."
    )
    assert reminders(demo_app) == {
        PASIENT_ID: (ReminderStatus.INTENDED, 1, ""),
        DIGITAL_ID: (ReminderStatus.INTENDED, 1, ""),
        "sekretariat": (ReminderStatus.INTENDED, 1, ""),
    }
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    assert state.reminder(PASIENT_ID, -1).taken == ("leiar.pasientsamarbeid@example.org",)  # type: ignore[union-attr]

    smtp.inbox.drop = False
    resent = sender_for(demo_app, smtp).resend(DEMO_PLAN, PASIENT, -1, TODAY)

    assert [r.body_name for r in resent.sent] == [PASIENT]
    assert smtp.inbox.envelopes[-1] == [SECRETARIAT]
    assert reminders(demo_app)[PASIENT_ID] == (ReminderStatus.SENT, 2, "")
