"""One body's reminder step that goes out as more than one delivery: each recipient counts.

A body reminded at two addresses gets one mail to both, and the server answers RCPT for
each address on its own; a body whose addresses are shared with another body is named in
two mails (one per person). When the server takes the mail for one address and puts off
(451) or refuses (550) the other, or the connection breaks when the server is asked for
the other (that address is put off and a new session carries on), the step must not read
«sendt» for the body: the address put off is tried again on the next run, alone (the
address that got it must not get it twice), and an address refused for good is shown as
refused.

Each address's answer is recorded when they differ (`ReminderRecipientsAnswered`); the
step is «delvis sendt» until every address took it, and `Plan.intend_reminder` lets a
further attempt go only to the addresses put off. (Before, the step was `ReminderSent` as
soon as one address took it, the refused address only in the event's note, which
neither `round show` nor the dashboard showed, and the address put off was never tried
again.)

The demo's round (deadline 11.09.2024), long after the deadline: only the step 1 day
after is due. SQLite and PostgreSQL.
"""

from __future__ import annotations

import shlex
from datetime import date

from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.plan import plan_id
from domain.provenance import Provenance, Source
from domain.reminders import Reminder, ReminderStatus
from notify.mail import SmtpMailer, SmtpSettings
from notify.sender import ReminderSender
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer
from web.cli import cli

TODAY = date(2026, 11, 30)
NEXT_DAY = date(2026, 12, 1)
SENDER = "sekretariat@planlogg.example.org"
A, B = "a@example.org", "b@example.org"
CLOSED = "Forbindelsen med tjeneren ble brutt (tjeneren lukket forbindelsen)."
PASIENT, PASIENT_ID = "Fagråd for pasientsamarbeid", "fagrad-for-pasientsamarbeid"
SEKRETARIAT, SEKRETARIAT_ID = "Sekretariat", "sekretariat"


def sender_for(app: Planlogg, smtp: SmtpServer) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    return reminder_sender(app, mailer)


def remind(app: Planlogg, body: str, *addresses: str) -> None:
    by = Provenance("Sekretariatet", Source.CLI, reason="Kontaktar")
    app.set_body_contacts(DEMO_COMMUNITY, body, list(addresses), list(addresses), by)


def reminder(app: Planlogg, body: str) -> Reminder:
    found = app.get_plan(DEMO_PLAN).open_round()[1].reminder(body, -1)
    assert found is not None
    return found


def intended(app: Planlogg, body: str) -> list[tuple[int, list[str]]]:
    """(attempt, recipients) of each `ReminderIntended` for the body's step, oldest first."""
    return [
        (e.attempt, list(e.recipients))
        for e in app.events_of(plan_id(DEMO_PLAN))
        if type(e).__qualname__.endswith("ReminderIntended") and e.body == body and e.step == -1
    ]


def mails_to(smtp: SmtpServer, address: str) -> int:
    """Messages the server took for the address (its envelope, not what To says)."""
    return sum(address in envelope for envelope in smtp.inbox.envelopes)


def named_in_last_mail_to(smtp: SmtpServer, address: str) -> list[str]:
    """The bodies the last message taken for the address names, by their «Til …» line."""
    index = max(i for i, e in enumerate(smtp.inbox.envelopes) if address in e)
    return [
        line.removesuffix(" (frist 11.09.2024)")
        for line in smtp.inbox.messages[index].get_content().splitlines()
        if line.endswith("(frist 11.09.2024)")
    ] or [smtp.inbox.messages[index].get_content().splitlines()[0].removeprefix("Til ")]


def round_show_line(database_url: str, body: str) -> str:
    """The body's line of `planlogg round show`, as the secretariat reads it."""
    done = CliRunner().invoke(
        cli,
        ["--database-url", database_url, "--as", "Sekretariatet",
         *shlex.split(f"round show {DEMO_PLAN}")],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    (line,) = [x for x in done.stdout.splitlines() if x.startswith(f"{body}\t")]
    return line


def test_an_address_put_off_is_tried_again_alone_and_the_step_is_sent_only_then(
    demo_app: Planlogg, smtp: SmtpServer, database_url: str
) -> None:
    """One mail to A and B; the server takes A and answers 451 to B's RCPT."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.deferred.add(B)

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 0)
    assert SEKRETARIAT not in [r.body_name for r in first.sent]
    now = reminder(demo_app, SEKRETARIAT_ID)
    assert (now.status, now.taken, dict(now.put_off), dict(now.refused)) == (
        ReminderStatus.PARTLY_SENT,
        (A,),
        {B: "451 4.3.0 Kom att seinare"},
        {},
    )
    assert round_show_line(database_url, SEKRETARIAT) == (
        f"{SEKRETARIAT}\tikke rapportert\t1 dag etter fristen: delvis sendt: {B} utsatt av "
        "e-posttjeneren (prøves igjen), forsøk 1"
    )

    smtp.inbox.deferred.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert [r.body_name for r in second.sent] == [SEKRETARIAT]
    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 1)
    assert smtp.inbox.envelopes[-1] == [B]
    assert intended(demo_app, SEKRETARIAT_ID) == [(1, [A, B]), (2, [B])]
    assert reminder(demo_app, SEKRETARIAT_ID).status is ReminderStatus.SENT
    assert round_show_line(database_url, SEKRETARIAT) == (
        f"{SEKRETARIAT}\tikke rapportert\t1 dag etter fristen: sendt"
    )
    third = sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)
    assert (third.sent, len(smtp.inbox.messages)) == ([], 4)


def test_an_address_refused_for_good_is_shown_refused_and_neither_address_gets_it_again(
    demo_app: Planlogg, smtp: SmtpServer, database_url: str
) -> None:
    """One mail to A and B; the server takes A and answers 550 to B's RCPT. B is refused for
    good: only a person sends it again (as for a failed reminder), A never gets it twice."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.refused.add(B)

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 0)
    assert SEKRETARIAT not in [r.body_name for r in first.sent]
    now = reminder(demo_app, SEKRETARIAT_ID)
    assert (now.status, now.taken, dict(now.put_off), dict(now.refused)) == (
        ReminderStatus.PARTLY_SENT,
        (A,),
        {},
        {B: "550 5.1.1 Ukjend mottakar"},
    )
    assert round_show_line(database_url, SEKRETARIAT) == (
        f"{SEKRETARIAT}\tikke rapportert\t1 dag etter fristen: delvis sendt: {B} avvist av "
        "e-posttjeneren: adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar), forsøk 1"
    )

    smtp.inbox.refused.clear()
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert (again.sent, len(smtp.inbox.messages)) == ([], 3)
    assert intended(demo_app, SEKRETARIAT_ID) == [(1, [A, B])]


def test_a_body_in_two_mails_whose_second_is_put_off_is_reminded_there_on_the_next_run(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Fagråd for pasientsamarbeid is reminded at A and B, Sekretariat at B: A gets a mail
    naming the fagråd, B one naming both. The server takes A's and puts off B's (451 to
    RCPT): B must still get the fagråd's reminder, once, beside the secretariat's."""
    remind(demo_app, PASIENT_ID, A, B)
    remind(demo_app, SEKRETARIAT_ID, B)
    smtp.inbox.deferred.add(B)

    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 0)
    assert named_in_last_mail_to(smtp, A) == [PASIENT]
    now = reminder(demo_app, PASIENT_ID)
    assert (now.status, now.taken, dict(now.put_off)) == (
        ReminderStatus.PARTLY_SENT, (A,), {B: "451 4.3.0 Kom att seinare"}
    )  # fmt: skip

    smtp.inbox.deferred.clear()
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 1)
    assert named_in_last_mail_to(smtp, B) == [PASIENT, SEKRETARIAT]
    assert reminder(demo_app, PASIENT_ID).status is ReminderStatus.SENT
    assert reminder(demo_app, SEKRETARIAT_ID).status is ReminderStatus.SENT


def test_a_body_in_two_mails_whose_second_is_cut_off_is_reminded_there_on_the_next_run(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """As above, but the server hangs up when asked for B, before anything of B's mail is
    delivered: B is put off for both bodies it is reminded for (the secretariat, never
    intended, stays due), and a new session takes the digital fagråd's mail in the same
    run. The next run sends B one mail naming both."""
    remind(demo_app, PASIENT_ID, A, B)
    remind(demo_app, SEKRETARIAT_ID, B)
    smtp.inbox.hang_up.add(B)

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    now = reminder(demo_app, PASIENT_ID)
    assert (
        [r.body_name for r in first.sent],
        [(p.reminder.body_name, p.taken) for p in first.partly],
        [(r.body_name, why) for r, why in first.deferred],
        smtp.inbox.envelopes,
        (now.status, now.taken, dict(now.put_off)),
        demo_app.get_plan(DEMO_PLAN).open_round()[1].reminder(SEKRETARIAT_ID, -1),
    ) == (
        ["Fagråd for digital samhandling"],
        [(PASIENT, (A,))],
        [(SEKRETARIAT, CLOSED)],
        [[A], ["leiar.digital@example.org"]],
        (ReminderStatus.PARTLY_SENT, (A,), {B: CLOSED}),
        None,
    )

    smtp.inbox.hang_up.clear()
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 1)
    assert smtp.inbox.envelopes[-1] == [B]
    assert named_in_last_mail_to(smtp, B) == [PASIENT, SEKRETARIAT]
    assert reminder(demo_app, PASIENT_ID).status is ReminderStatus.SENT
    assert reminder(demo_app, SEKRETARIAT_ID).status is ReminderStatus.SENT


def test_one_mail_cut_off_at_the_second_address_goes_to_the_first_and_the_next_run_to_the_second(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """One mail to A and B, the server hangs up at B's RCPT, before DATA. A new session takes
    the mail for A alone (the intent names both); B is put off, «delvis sendt», and the
    next run sends it to B alone (A once)."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.hang_up.add(B)

    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    now = reminder(demo_app, SEKRETARIAT_ID)
    assert (
        [(p.reminder.body_name, p.taken, p.others) for p in first.partly],
        smtp.inbox.envelopes[-1],
        (mails_to(smtp, A), mails_to(smtp, B)),
        intended(demo_app, SEKRETARIAT_ID),
        (now.status, now.taken, dict(now.put_off), dict(now.refused)),
    ) == (
        [(SEKRETARIAT, (A,), f"{B} utsatt av e-posttjeneren (prøves igjen)")],
        [A],
        (1, 0),
        [(1, [A, B])],
        (ReminderStatus.PARTLY_SENT, (A,), {B: CLOSED}, {}),
    )

    smtp.inbox.hang_up.clear()
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert [r.body_name for r in again.sent] == [SEKRETARIAT]
    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 1)
    assert smtp.inbox.envelopes[-1] == [B]
    assert intended(demo_app, SEKRETARIAT_ID) == [(1, [A, B]), (2, [B])]
    assert reminder(demo_app, SEKRETARIAT_ID).status is ReminderStatus.SENT


def test_round_remind_says_whom_a_partly_sent_reminder_reached_and_a_resend_goes_to_the_rest(
    demo_app: Planlogg, smtp: SmtpServer, database_url: str
) -> None:
    """What the secretariat reads: never «✓ Påminnelse sendt til Sekretariat (a, b)» when b
    did not get it. A person's resend (`round resend`, as for a failed reminder) goes to the
    refused address only, and the step is then sent."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.refused.add(B)
    env = {"PLANLOGG_SMTP_URL": smtp.url, "PLANLOGG_MAIL_FROM": SENDER}

    def planlogg(command: str) -> str:
        done = CliRunner().invoke(
            cli, ["--database-url", database_url, "--as", "Sekretariatet", *shlex.split(command)],
            env=env,
        )  # fmt: skip
        return " ".join(done.output.split())  # as one line, however the terminal wraps it

    printed = planlogg(f"round remind {DEMO_PLAN} --date 30.11.2026")

    assert f"Påminnelse sendt til {SEKRETARIAT}" not in printed
    assert (
        f"! {SEKRETARIAT}: delvis sendt, 1 dag etter fristen. Sendt til {A}; {B} avvist av "
        "e-posttjeneren: adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar)."
        in printed
    )
    assert round_show_line(database_url, SEKRETARIAT) == (
        f"{SEKRETARIAT}\tikke rapportert\t1 dag etter fristen: delvis sendt: {B} avvist av "
        "e-posttjeneren: adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar), forsøk 1"
    )

    smtp.inbox.refused.clear()
    resent = planlogg(f"round resend {DEMO_PLAN} {SEKRETARIAT} --step -1 --attempt 1")

    assert f"Påminnelse sendt til {SEKRETARIAT} ({B}), 1 dag etter fristen." in resent
    assert smtp.inbox.envelopes[-1] == [B]
    assert (mails_to(smtp, A), mails_to(smtp, B)) == (1, 1)
    assert reminder(demo_app, SEKRETARIAT_ID).status is ReminderStatus.SENT


def test_the_read_models_keep_each_addresss_answer_and_a_rebuild_agrees(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """`ReminderRecipientsAnswered` reaches the round's projected state (the round page reads
    the addresses from it) and the audit trail («delvis sendt til» the address that took it),
    caught up or rebuilt alike."""
    from projections import ReadModels

    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.deferred.add(B)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    models = ReadModels.open(demo_app)
    models.catch_up()

    state = models.round_state(DEMO_PLAN, "R1")
    assert state is not None
    found = state.reminder(SEKRETARIAT_ID, -1)
    assert found == reminder(demo_app, SEKRETARIAT_ID)
    assert dict(found.put_off) == {B: "451 4.3.0 Kom att seinare"}  # type: ignore[union-attr]
    audit = [r["after_value"] for r in models.dump_tables()["audit"] if r["field"] == "reminder"]
    assert audit[-1] == f"R1 {SEKRETARIAT_ID}, 1 dag etter fristen: delvis sendt til {A}"
    caught_up = models.dump_tables()
    models.rebuild(workers=0)
    assert models.dump_tables() == caught_up


def test_an_address_put_off_that_a_person_took_out_of_the_contacts_is_not_tried_again(
    demo_app: Planlogg, smtp: SmtpServer, database_url: str
) -> None:
    """B bounced (451) and the secretariat took B out of the body's contacts: the next run
    sends B nothing, and records no attempt for it; `round show` says B will not get it
    (it said "utsatt av e-posttjeneren (prøves igjen)")."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.deferred.add(B)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    remind(demo_app, SEKRETARIAT_ID, A)
    smtp.inbox.deferred.clear()
    said = (
        f"{SEKRETARIAT}\tikke rapportert\t1 dag etter fristen: delvis sendt: {B} ikke sendt "
        "(utsatt av e-posttjeneren, adressen er ikke lenger blant organets kontakter), forsøk 1"
    )
    assert round_show_line(database_url, SEKRETARIAT) == said

    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, NEXT_DAY)

    assert (second.sent, mails_to(smtp, A), mails_to(smtp, B)) == ([], 1, 0)
    assert intended(demo_app, SEKRETARIAT_ID) == [(1, [A, B])]
    assert round_show_line(database_url, SEKRETARIAT) == said
    remind(demo_app, SEKRETARIAT_ID, A, B)
    assert round_show_line(database_url, SEKRETARIAT).endswith(
        f"delvis sendt: {B} utsatt av e-posttjeneren (prøves igjen), forsøk 1"
    )


def test_a_body_whose_addresses_put_off_were_all_taken_out_is_not_due_without_an_address(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """A took the reminder, B was put off, and B was taken out of the contacts: nobody is
    left to try, so the next run has nothing due for the body. It does not report the body
    as having no address («har ingen e-postadresse»): it has one, A, who has the mail."""
    remind(demo_app, SEKRETARIAT_ID, A, B)
    smtp.inbox.deferred.add(B)
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    remind(demo_app, SEKRETARIAT_ID, A)
    smtp.inbox.deferred.clear()
    sender = sender_for(demo_app, smtp)

    assert sender.due(DEMO_PLAN, NEXT_DAY) == []
    second = sender.send_due(DEMO_PLAN, NEXT_DAY)
    assert (second.sent, second.no_address, second.partly) == ([], [], [])
