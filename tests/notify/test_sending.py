"""Reminders go through a real SMTP server, at most once per body and step, on both databases.

The demo's round (deadline 11.09.2024, three bodies with addresses, none fully
reported) is the fixture: long after the deadline only the after-deadline step
(-1) is due, so each body gets one mail.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date

import pytest

from domain.application import Planlogg
from domain.demo import CONTACTS, DEMO_COMMUNITY, DEMO_PLAN, load_demo
from domain.errors import RuleError
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus
from notify.mail import HandOverUncertain, MailUnavailable, SmtpMailer, SmtpSettings
from notify.sender import ReminderSender
from tests.notify.senders import reminder_sender
from tests.notify.smtp_server import SmtpServer

TODAY = date(2026, 11, 30)
SENDER = "sekretariat@planlogg.example.org"


def sender_for(app: Planlogg, smtp: SmtpServer) -> ReminderSender:
    mailer = SmtpMailer(SmtpSettings.parse(smtp.url, SENDER), timeout=10)
    return reminder_sender(app, mailer)


@pytest.fixture
def demo_url(database_url: str) -> str:
    app = Planlogg.from_url(database_url)
    load_demo(app)
    app.close()
    return database_url


@pytest.fixture
def demo_app(demo_url: str) -> Iterator[Planlogg]:
    app = Planlogg.from_url(demo_url)
    yield app
    app.close()


def reminder_states(app: Planlogg) -> dict[tuple[str, int], ReminderStatus]:
    """By the body's registered name (the round keeps ids)."""
    _, state = app.get_plan(DEMO_PLAN).open_round()
    register = app.body_register(DEMO_COMMUNITY)
    return {(register.label(r.body), r.step): r.status for r in state.reminders}


def test_each_body_gets_one_mail_for_the_after_deadline_step(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(CONTACTS)
    assert len(smtp.inbox.messages) == 3
    for body, (address,) in CONTACTS.items():
        (mail,) = smtp.inbox.to(address)
        assert mail["From"] == SENDER
        assert mail["Subject"] == (
            "Påminnelse: statusrapport for Handlingsplan 2022-2024 Helsefelleskapet St. Olavs "
            "hospital og kommunene – frist 11.09.2024"
        )
        text = mail.get_content()
        assert f"Til {body}" in text
        assert "Fristen var 11.09.2024" in text
        assert "påminnelsen 1 dag etter fristen" in text
        assert "eller i regnearket for planen: fyll ut kolonnene Status og" in text
        assert "planlogg " not in text
        assert DEMO_PLAN not in text
    digital = smtp.inbox.to("leiar.digital@example.org")[0].get_content()
    assert "mangler status i runden" in digital
    assert "velg «Rapporter status» på statusoversikten" in digital
    assert reminder_states(demo_app) == {(b, -1): ReminderStatus.SENT for b in CONTACTS}


def test_the_mail_links_to_the_bodys_reporting_page_when_the_address_is_known(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    sender = sender_for(demo_app, smtp)
    sender.public_url = "https://planlogg.example.org/"
    sender.send_due(DEMO_PLAN, TODAY)
    text = smtp.inbox.to("sekretariat@example.org")[0].get_content()
    assert (
        "https://planlogg.example.org/planer/st-olavs-2022-2024/rapportere?organ=Sekretariat"
        in text
    )


def test_repeated_runs_and_a_restart_send_nothing_more(
    demo_url: str, demo_app: Planlogg, smtp: SmtpServer
) -> None:
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    again = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    restarted = Planlogg.from_url(demo_url)
    try:
        after_restart = sender_for(restarted, smtp).send_due(DEMO_PLAN, TODAY)
        next_day = sender_for(restarted, smtp).send_due(DEMO_PLAN, date(2026, 12, 1))
    finally:
        restarted.close()

    assert (again.sent, after_restart.sent, next_day.sent) == ([], [], [])
    assert len(smtp.inbox.messages) == 3


def test_two_senders_at_once_still_send_one_mail_per_body(demo_url: str, smtp: SmtpServer) -> None:
    apps = [Planlogg.from_url(demo_url) for _ in range(2)]
    start = threading.Barrier(2)
    errors: list[BaseException] = []

    def send(app: Planlogg) -> None:
        start.wait()
        try:
            sender_for(app, smtp).send_due(DEMO_PLAN, TODAY)
        except BaseException as error:  # reported below, not lost in the thread
            errors.append(error)

    threads = [threading.Thread(target=send, args=(a,)) for a in apps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for app in apps:
        app.close()

    assert errors == []
    assert sorted(str(m["To"]) for m in smtp.inbox.messages) == sorted(
        a for (a,) in CONTACTS.values()
    )


def test_a_body_that_reported_everything_is_not_reminded(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    plan = demo_app.get_plan(DEMO_PLAN)
    register = demo_app.body_register(DEMO_COMMUNITY)
    digital = "fagrad-for-digital-samhandling"
    own = [m for m in plan.active_measures() if digital in map(register.key_of, m.responsible)]
    reporter = Provenance("Leiar digital", Source.SHEET, reason="Statusrapport")
    for measure in own:
        demo_app.report_status(DEMO_PLAN, measure.number, "grønn", "I rute.", reporter)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == [
        "Fagråd for pasientsamarbeid",
        "Sekretariat",
    ]
    assert smtp.inbox.to("leiar.digital@example.org") == []


def test_a_refused_reminder_is_failed_and_only_a_person_resends_it(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    smtp.inbox.refused.add("sekretariat@example.org")
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r, _ in first.failed] == ["Sekretariat"]
    assert "550" in first.failed[0][1]
    assert second.sent == second.failed == []
    assert reminder_states(demo_app)[("Sekretariat", -1)] is ReminderStatus.FAILED

    smtp.inbox.refused.clear()
    resent = sender_for(demo_app, smtp).resend(DEMO_PLAN, "Sekretariat", -1, TODAY)

    assert [r.body_name for r in resent.sent] == ["Sekretariat"]
    assert len(smtp.inbox.to("sekretariat@example.org")) == 1
    plan = demo_app.get_plan(DEMO_PLAN)
    assert plan.open_round()[1].reminder("sekretariat", -1).attempt == 2  # type: ignore[union-attr]


def test_a_connection_lost_during_delivery_leaves_kanskje_sendt_and_stops(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    smtp.inbox.drop = True
    with pytest.raises(HandOverUncertain, match="Påminnelsen til Fagråd for pasientsamarbeid"):
        sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert reminder_states(demo_app) == {
        ("Fagråd for pasientsamarbeid", -1): ReminderStatus.INTENDED
    }
    smtp.inbox.drop = False
    later = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert sorted(r.body_name for r in later.sent) == [
        "Fagråd for digital samhandling",
        "Sekretariat",
    ]
    assert len(smtp.inbox.to("leiar.pasientsamarbeid@example.org")) == 1
    assert len(smtp.inbox.messages) == 3


def test_a_sent_reminder_cannot_be_resent_or_confirmed(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    with pytest.raises(RuleError, match="Bare en påminnelse som er «kanskje sendt», «delvis"):
        sender_for(demo_app, smtp).resend(DEMO_PLAN, "Sekretariat", -1, TODAY)
    with pytest.raises(RuleError, match=r"er alt sendt\. Bare en påminnelse som er «kanskje"):
        demo_app.confirm_reminder_delivered(DEMO_PLAN, "Sekretariat", -1, by)
    assert len(smtp.inbox.messages) == 3


BOTH = ["sekretariat@example.org", "leiar.sekretariat@example.org"]


def test_a_body_with_two_addresses_is_reminded_at_each_of_them(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    """The demo's other bodies are reminded at their own address and the secretariat's."""
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", BOTH[:1], BOTH, by)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(CONTACTS)
    (mail,) = smtp.inbox.to("leiar.sekretariat@example.org")
    assert str(mail["To"]) == "sekretariat@example.org, leiar.sekretariat@example.org"
    assert smtp.inbox.envelopes[smtp.inbox.messages.index(mail)] == BOTH


def test_one_refused_address_of_two_leaves_the_step_partly_sent_and_the_other_gets_the_mail(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    """The server takes the mail for one address and refuses the other for good (550): the
    step is not sent (it was, as soon as one address took it), but «delvis sendt», the
    refused address named with the server's answer; neither address gets it again by
    itself."""
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", BOTH[:1], BOTH, by)
    smtp.inbox.refused.add("leiar.sekretariat@example.org")

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(set(CONTACTS) - {"Sekretariat"})
    refused = (
        "leiar.sekretariat@example.org avvist av e-posttjeneren: "
        "adressen finnes ikke hos mottakeren (550 5.1.1 Ukjend mottakar)"
    )
    assert [(p.reminder.body_name, p.taken, p.others) for p in report.partly] == [
        ("Sekretariat", ("sekretariat@example.org",), refused)
    ]
    (mail,) = smtp.inbox.to("leiar.sekretariat@example.org")
    assert smtp.inbox.envelopes[smtp.inbox.messages.index(mail)] == BOTH[:1]
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    found = state.reminder("sekretariat", -1)
    assert found is not None
    assert (found.status, found.taken, dict(found.refused), dict(found.put_off)) == (
        ReminderStatus.PARTLY_SENT,
        ("sekretariat@example.org",),
        {"leiar.sekretariat@example.org": "550 5.1.1 Ukjend mottakar"},
        {},
    )
    assert found.words == f"delvis sendt: {refused}"
    smtp.inbox.refused.clear()
    assert sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY).partly == []
    assert len(smtp.inbox.messages) == 3


def test_a_plan_title_with_a_line_separator_is_one_line_in_the_subject(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    """Pasted from a PDF, a title can hold U+2028, which a mail header cannot."""
    demo_app.retitle_plan(DEMO_PLAN, "Handlingsplan 2022-2024\u2028St. Olavs", by)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(CONTACTS)
    assert [str(m["Subject"]) for m in smtp.inbox.messages] == [
        "Påminnelse: statusrapport for Handlingsplan 2022-2024 St. Olavs – frist 11.09.2024"
    ] * 3
    assert reminder_states(demo_app) == {(b, -1): ReminderStatus.SENT for b in CONTACTS}


def test_a_recipient_refused_for_now_is_reminded_on_the_next_run(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """451 means "try again later": nothing is recorded, so the next run sends it."""
    smtp.inbox.deferred.add("sekretariat@example.org")
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, why) for r, why in first.deferred] == [
        ("Sekretariat", "Tjeneren ba oss prøve igjen senere: sekretariat@example.org "
         "(451 4.3.0 Kom att seinare).")
    ]  # fmt: skip
    assert first.failed == []
    assert ("Sekretariat", -1) not in reminder_states(demo_app)

    smtp.inbox.deferred.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r in second.sent] == ["Sekretariat"]
    assert len(smtp.inbox.to("sekretariat@example.org")) == 1
    assert len(smtp.inbox.messages) == 3
    assert reminder_states(demo_app) == {(b, -1): ReminderStatus.SENT for b in CONTACTS}


def test_reminders_the_server_puts_off_at_data_are_sent_on_the_next_run(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """A 4xx to DATA or to the message (the end of DATA): the server has not taken the mail
    and asks us to come back, as a 451 to RCPT does; the reminder is not failed, and the
    next run sends it (a second attempt: the first was recorded before the hand-over)."""
    smtp.inbox.data_command_answers["leiar.pasientsamarbeid@example.org"] = "452 4.3.1 Fullt"
    smtp.inbox.data_answers["sekretariat@example.org"] = "451 4.7.1 Kom att seinare"
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, why) for r, why in first.deferred] == [
        ("Fagråd for pasientsamarbeid", "Tjeneren ba oss prøve igjen senere (452 4.3.1 Fullt)."),
        ("Sekretariat", "Tjeneren ba oss prøve igjen senere (451 4.7.1 Kom att seinare)."),
    ]
    assert (first.failed, [r.body_name for r in first.sent]) == (
        [], ["Fagråd for digital samhandling"]
    )  # fmt: skip
    assert smtp.inbox.envelopes == [["leiar.digital@example.org"]]

    smtp.inbox.data_command_answers.clear()
    smtp.inbox.data_answers.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert (sorted(r.body_name for r in second.sent), second.failed) == (
        ["Fagråd for pasientsamarbeid", "Sekretariat"], []
    )  # fmt: skip
    assert len(smtp.inbox.to("sekretariat@example.org")) == 1
    assert reminder_states(demo_app) == {(b, -1): ReminderStatus.SENT for b in CONTACTS}
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    assert [(r.body, r.attempt) for r in sorted(state.reminders, key=lambda r: r.body)] == [
        ("fagrad-for-digital-samhandling", 1), ("fagrad-for-pasientsamarbeid", 2),
        ("sekretariat", 2),
    ]  # fmt: skip
    third = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert (third.sent, third.deferred, len(smtp.inbox.messages)) == ([], [], 3)


def test_a_reminder_the_server_refuses_for_good_after_hearing_it_is_failed(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    smtp.inbox.data_answers["sekretariat@example.org"] = "554 5.6.0 Innhaldet vert ikkje teke imot"
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, why) for r, why in first.failed] == [
        ("Sekretariat", "Tjeneren tok ikke imot e-posten: "
         "tjeneren godtok ikke innholdet i e-posten (554 5.6.0 Innhaldet vert ikkje "
         "teke imot).")
    ]  # fmt: skip
    assert first.deferred == []
    smtp.inbox.data_answers.clear()
    second = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert (second.sent, second.deferred) == ([], [])
    assert reminder_states(demo_app)[("Sekretariat", -1)] is ReminderStatus.FAILED


def test_a_reminder_whose_data_the_server_refuses_is_failed_and_the_next_ones_go(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """DATA itself refused for good (the first body's): the server still holds the envelope,
    so it is taken back before the next body's mail is offered on the same connection."""
    smtp.inbox.data_command_answers["leiar.pasientsamarbeid@example.org"] = "554 5.7.1 Nei"
    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [(r.body_name, why) for r, why in report.failed] == [
        (
            "Fagråd for pasientsamarbeid",
            "Tjeneren tok ikke imot e-posten: "
            "avvist etter mottakerens regler, f.eks. som søppelpost (554 5.7.1 Nei).",
        )
    ]
    assert sorted(r.body_name for r in report.sent) == [
        "Fagråd for digital samhandling",
        "Sekretariat",
    ]
    assert smtp.inbox.envelopes == [["leiar.digital@example.org"], ["sekretariat@example.org"]]


def test_an_answer_to_the_message_no_server_gives_leaves_it_kanskje_sendt(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """Neither taken (2xx) nor refused (4xx, 5xx): nobody knows whether it will arrive."""
    smtp.inbox.data_answers["leiar.pasientsamarbeid@example.org"] = "399 Kva no"
    with pytest.raises(HandOverUncertain) as uncertain:
        sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert uncertain.value.message == (
        "Tjeneren svarte uventet da e-posten var levert (399 Kva no). Påminnelsen til Fagråd "
        "for pasientsamarbeid er «kanskje sendt»: bekreft den med round confirm-sent eller "
        "send den med round resend."
    )
    assert reminder_states(demo_app) == {
        ("Fagråd for pasientsamarbeid", -1): ReminderStatus.INTENDED
    }


def test_a_server_that_hangs_up_at_one_address_puts_off_that_reminder_and_sends_the_others(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The server hangs up when asked for the digital leader, before anything of that mail is
    delivered: nothing is recorded for the fagråd (still due), a new session takes the
    secretariat's mail in the same run, and the next run sends the fagråd's without anybody
    resending it by hand."""
    smtp.inbox.hang_up.add("leiar.digital@example.org")
    first = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert (
        [r.body_name for r in first.sent],
        [(r.body_name, why) for r, why in first.deferred],
        first.failed,
        smtp.inbox.envelopes,
        reminder_states(demo_app),
    ) == (
        ["Fagråd for pasientsamarbeid", "Sekretariat"],
        [
            (
                "Fagråd for digital samhandling",
                "Forbindelsen med tjeneren ble brutt (tjeneren lukket forbindelsen).",
            )
        ],
        [],
        [["leiar.pasientsamarbeid@example.org"], ["sekretariat@example.org"]],
        {
            ("Fagråd for pasientsamarbeid", -1): ReminderStatus.SENT,
            ("Sekretariat", -1): ReminderStatus.SENT,
        },
    )

    smtp.inbox.hang_up.clear()
    later = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert [r.body_name for r in later.sent] == ["Fagråd for digital samhandling"]
    assert smtp.inbox.envelopes[2:] == [["leiar.digital@example.org"]]
    assert reminder_states(demo_app) == {(b, -1): ReminderStatus.SENT for b in CONTACTS}


def test_an_address_with_norwegian_letters_goes_through_a_server_that_takes_utf8(
    demo_app: Planlogg, by: Provenance
) -> None:
    address = "pål.ødegård@bærum.example.org"
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", [address], [address], by)
    with SmtpServer(utf8=True) as smtp:
        report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

        assert sorted(r.body_name for r in report.sent) == sorted(CONTACTS)
        (mail,) = smtp.inbox.to(address)
        assert str(mail["To"]) == address
        assert smtp.inbox.envelopes[smtp.inbox.messages.index(mail)] == [address]


def test_a_server_without_utf8_gets_the_domain_spelled_out_and_refuses_letters_before_the_at(
    demo_app: Planlogg, smtp: SmtpServer, by: Provenance
) -> None:
    """The domain has an ASCII spelling (IDNA); the name before @ has none."""
    reminded = ["leiar@bærum.example.org", "pål@example.org"]
    demo_app.set_body_contacts(DEMO_COMMUNITY, "sekretariat", reminded[:1], reminded, by)

    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in report.sent) == sorted(set(CONTACTS) - {"Sekretariat"})
    (mail,) = smtp.inbox.to("leiar@xn--brum-voa.example.org")
    assert smtp.inbox.envelopes[smtp.inbox.messages.index(mail)] == [
        "leiar@xn--brum-voa.example.org"
    ]
    _, state = demo_app.get_plan(DEMO_PLAN).open_round()
    found = state.reminder("sekretariat", -1)
    assert found is not None
    why = "tjeneren tar ikke imot æ, ø, å eller andre tegn utenfor ASCII foran @"
    assert (found.status, found.taken, dict(found.refused)) == (
        ReminderStatus.PARTLY_SENT,
        ("leiar@bærum.example.org",),
        {"pål@example.org": why},
    )


def test_a_refused_sender_records_nothing_and_every_reminder_goes_once_it_is_allowed(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The sender is the setting's trouble, not one reminder's: no reminder is marked failed."""
    smtp.inbox.refused_senders.add(SENDER)
    with pytest.raises(MailUnavailable) as refused:
        sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert refused.value.message == (
        "Tjeneren avviste avsenderen (553 5.7.1 Avsendar ikkje tillaten). Påminnelsen til "
        "Fagråd for pasientsamarbeid og de som gjenstår, blir prøvd på nytt neste gang."
    )
    assert reminder_states(demo_app) == {}

    smtp.inbox.refused_senders.clear()
    later = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)

    assert sorted(r.body_name for r in later.sent) == sorted(CONTACTS)
    assert len(smtp.inbox.messages) == 3


def test_a_resent_reminder_lists_the_same_open_measures_as_the_first(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The demo's measures name the body by spellings merged into it, as older plans do."""
    smtp.inbox.refused.add("leiar.digital@example.org")
    sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    smtp.inbox.refused.clear()

    sender_for(demo_app, smtp).resend(DEMO_PLAN, "Fagråd for digital samhandling", -1, TODAY)

    (mail,) = smtp.inbox.to("leiar.digital@example.org")
    listed = [
        line.split()[0] for line in mail.get_content().splitlines() if line.startswith("  4.")
    ]
    assert listed == ["4.1.3", "4.2.1", "4.2.2", "4.3.1"]


def test_a_body_merged_into_another_of_the_round_is_reminded_once(
    demo_app: Planlogg, smtp: SmtpServer
) -> None:
    """The round named both; merged, they are one body with one address: it got the same
    reminder twice, once under each name."""
    by = Provenance("Sekretariatet", Source.CLI)
    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for digital samhandling"], "Fagråd for pasientsamarbeid", by
    )
    report = sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY)
    assert sorted(r.body_name for r in report.sent) == [
        "Fagråd for pasientsamarbeid",
        "Sekretariat",
    ]
    assert len(smtp.inbox.to("leiar.pasientsamarbeid@example.org")) == 1
    assert len(smtp.inbox.messages) == 2
    assert sender_for(demo_app, smtp).send_due(DEMO_PLAN, TODAY).sent == []
