"""`planlogg round …`: reporting rounds, their reminder schedule, and the reminders."""

from __future__ import annotations

import os
from datetime import date
from functools import partial

import click
from rich.markup import escape

from domain.dates import format_norwegian_date, parse_norwegian_date
from domain.errors import RuleError, ValidationError
from domain.norwegian_time import oslo_today
from domain.reminders import (
    DEFAULT_SCHEDULE,
    Reminder,
    ReminderStatus,
    as_registered,
    has_reported,
    opening_warnings,
    parse_schedule,
    step_label,
    steps_words,
    unasked,
    unasked_words,
)
from language import N_, _
from notify.due import DueReminder, due_reminders, standing_reminders
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender, SendReport
from web.cli.context import (
    CliContext,
    WholeNumber,
    argument,
    console,
    done,
    group,
    option,
    pass_ctx,
)

SCHEDULE_HELP = N_("Påminnelser, dager før fristen (negativt: etter), f.eks. 14,3,-1.")


def _date(value: str) -> date:
    """A date as typed; without a year, in this year in Norway (the commands' clock)."""
    return parse_norwegian_date(value, default_year=oslo_today().year)


def _sender(ctx: CliContext) -> ReminderSender:
    from sync.place import synced_place

    settings = SmtpSettings.from_environment(os.environ)
    if settings is None:
        raise ValidationError(
            _(
                "PLANLOGG_SMTP_URL er ikke satt, så ingen e-post kan sendes. Sett den (f.eks. "
                "smtp://localhost:25) og PLANLOGG_MAIL_FROM, eller bruk --dry-run."
            )
        )
    return ReminderSender(
        ctx.app,
        SmtpMailer(settings),
        RegisteredRecipients(ctx.app),
        ctx.read_models,
        public_url=os.environ.get("PLANLOGG_PUBLIC_URL", "").strip(),
        by=ctx.by,
        sheet_place=partial(synced_place, ctx.app),
    )


@group(
    "round",
    help=N_("Rapporteringsrunder for status, og påminnelser til organer som ikke har rapportert."),
)
def reporting_round() -> None:
    """Reporting rounds."""


@reporting_round.command("open", help=N_("Åpne en rapporteringsrunde (krever --decision)."))
@argument("key")
@option("--deadline", required=True, help=N_("Fristen for å rapportere, f.eks. 01.10.2025."))
@option(
    "--body",
    "bodies",
    multiple=True,
    required=True,
    help=N_("Organ som skal rapportere (kan gjentas)."),
)
@option(
    "--remind",
    "schedule",
    default=",".join(str(d) for d in DEFAULT_SCHEDULE),
    show_default=True,
    metavar=N_("DAGER"),
    help=SCHEDULE_HELP,
)
@pass_ctx
def round_open(
    ctx: CliContext, key: str, deadline: str, bodies: tuple[str, ...], schedule: str
) -> None:
    day, days = _date(deadline), parse_schedule(schedule)
    round_id = ctx.app.open_reporting_round(key, day, bodies, ctx.by, days)
    done(_("Åpnet rapporteringsrunde %(round)s.", round=round_id))
    _warn_of_what_comes(ctx, key, day, days)
    for unknown in ctx.app.unknown_bodies(key, bodies):  # it would never report, nor be reminded
        _warn(unknown.message)


def _warn_of_what_comes(ctx: CliContext, key: str, deadline: date, days: tuple[int, ...]) -> None:
    """Say so when the deadline is before today, when a reminder is due already (with the
    `round schedule` that keeps only the steps to come), and when the deadline is after the
    plan's period (`domain.reminders.opening_warnings`)."""
    header = ctx.app.get_plan(key).header
    found = opening_warnings(deadline, days, oslo_today(), header.first_year, header.last_year)
    if found.passed():
        _warn(found.passed())
    if found.due is not None:
        _warn(
            _(
                "Organer som ikke har rapportert, får påminnelsen «%(step)s» neste gang "
                "påminnelser sendes. Skal de ikke få den, behold bare påminnelsene som "
                'kommer, før det: planlogg round schedule %(key)s --remind "%(to_come)s".',
                step=step_label(found.due),
                key=key,
                to_come=",".join(str(d) for d in found.to_come),
            )
        )
    if found.after_period():
        _warn(found.after_period())


def _warn(message: str) -> None:
    click.secho(message, fg="yellow")


@reporting_round.command("close", help=N_("Lukk den åpne rapporteringsrunden."))
@argument("key")
@option(
    "--round",
    "read",
    default=None,
    metavar=N_("RUNDE"),
    help=N_(
        "Runden du leste som åpen (round show), f.eks. R1. Er en annen runde åpen nå, "
        "lukkes ingenting."
    ),
)
@pass_ctx
def round_close(ctx: CliContext, key: str, read: str | None) -> None:
    round_id = ctx.app.close_reporting_round(key, ctx.by, read)
    done(_("Lukket rapporteringsrunde %(round)s.", round=round_id))


@reporting_round.command(
    "schedule",
    help=N_("Angi når organer som ikke har rapportert i den åpne runden, blir minnet på det."),
)
@argument("key")
@option("--remind", "schedule", required=True, metavar=N_("DAGER"), help=SCHEDULE_HELP)
@option(
    "--round",
    "read",
    default=None,
    metavar=N_("RUNDE"),
    help=N_(
        "Runden du leste som åpen (round show), f.eks. R1. Er en annen runde åpen nå, "
        "endres ingenting."
    ),
)
@option(
    "--replacing",
    default=None,
    metavar=N_("DAGER"),
    help=N_(
        "Påminnelsene du leste (round show), f.eks. 14,3,-1; tomt: ingen. Er de endret "
        "siden, lagres ingenting."
    ),
)
@pass_ctx
def round_schedule(
    ctx: CliContext, key: str, schedule: str, read: str | None, replacing: str | None
) -> None:
    days = parse_schedule(schedule)
    seen = parse_schedule(replacing) if replacing is not None else None
    ctx.app.set_reminder_schedule(key, days, ctx.by, read, seen)
    done(_("Påminnelser: %(steps)s.", steps=steps_words(days)))


@reporting_round.command(
    "show",
    help=N_(
        "Vis en rapporteringsrunde: hvem som har rapportert, og påminnelsene. Uten --round "
        "den åpne runden, ellers den som ble lukket sist."
    ),
)
@argument("key")
@option(
    "--round",
    "named",
    default=None,
    metavar=N_("RUNDE"),
    help=N_("Runden som skal vises, åpen eller lukket, f.eks. R1."),
)
@pass_ctx
def round_show(ctx: CliContext, key: str, named: str | None) -> None:
    plan = ctx.app.get_plan(key)
    round_id = plan.shown_round(named)
    if round_id != plan.open_round_id():
        _show_closed(ctx, key, round_id)
        return
    round_id, state = plan.open_round()
    register = ctx.app.body_register(plan.header.owner)
    measures = as_registered(plan.reporting_measures(), register)
    deadline = state.deadline.strftime("%d.%m.%Y")
    console().print(
        _(
            "Runde %(round)s, frist %(deadline)s. Påminnelser: %(steps)s.",
            round=round_id,
            deadline=deadline,
            steps=steps_words(list(state.schedule)),
        )
    )
    skipped = unasked(state.bodies, measures, register)
    if skipped:
        advice = _("Slå sammen skrivemåter med «planlogg community body merge».")
        click.echo(f"{unasked_words(skipped)} {advice}")
    as_they_stand = standing_reminders(plan, oslo_today(), register)
    for body in state.bodies:
        reported = has_reported(register.key_of(body), round_id, measures)
        done = _("rapportert") if reported else _("ikke rapportert")
        steps = [
            f"{step_label(r.step)}: {_reminder_words(r)}"
            for r in sorted(as_they_stand, key=lambda r: -r.step)
            if r.body == body
        ]
        reminders = "; ".join(steps) or _("ingen påminnelse")
        click.echo(f"{register.label(body)}\t{done}\t{reminders}")


def _show_closed(ctx: CliContext, key: str, round_id: str) -> None:
    """A closed round as the dashboard shows it (`ReadModels.closed_round`): each body, whether
    it reported every measure it answers for in the round, and how many of how many."""
    models = ctx.read_models
    models.read_your_writes()
    found = models.closed_round(key, round_id)
    if found is None:  # the read models have not caught up with the close
        raise RuleError(_("Ingen rapporteringsrunde er åpen."))
    click.echo(
        _(
            "Runde %(round)s (%(decision)s), frist %(deadline)s, ble lukket %(closed)s.",
            round=found.round_id,
            decision=found.decision,
            deadline=format_norwegian_date(date.fromisoformat(found.deadline)),
            closed=format_norwegian_date(date.fromisoformat(found.closed_on)),
        )
    )
    for p in found.progress:
        done = _("rapportert") if p.reported else _("ikke rapportert")
        counted = _(
            "%(reported)s av %(measures)s tiltak", reported=p.measures_reported, measures=p.measures
        )
        click.echo(f"{p.body}\t{done}\t{counted}")


RESENDABLE = (ReminderStatus.INTENDED, ReminderStatus.FAILED, ReminderStatus.PARTLY_SENT)


def _reminder_words(reminder: Reminder) -> str:
    """Its status, with what became of each address that did not get it when they fared
    differently (`Reminder.words`); with the attempt when it may be resent, for
    `round resend --attempt`."""
    if reminder.status not in RESENDABLE:
        return reminder.words
    return _("%(status)s, forsøk %(attempt)s", status=reminder.words, attempt=reminder.attempt)


def _print_due(due: list[DueReminder]) -> None:
    for d in due:
        to = ", ".join(d.recipients) or _("ingen e-postadresse registrert")
        without = _("%(count)s tiltak uten status", count=len(d.measures))
        click.echo(f"{d.body_name}\t{step_label(d.step)}\t{to}\t{without}")


def anything_done(report: SendReport) -> bool:
    """Whether a run met any due reminder, sent or not (else: none was due)."""
    return bool(
        report.sent
        or report.failed
        or report.no_address
        or report.taken
        or report.deferred
        or report.reported
        or report.partly
    )


def print_report(report: SendReport) -> None:
    for d in report.sent:
        done(
            _(
                "Påminnelse sendt til %(body)s (%(recipients)s), %(step)s.",
                body=d.body_name,
                recipients=", ".join(d.recipients),
                step=step_label(d.step),
            )
        )
    for partly in report.partly:
        console().print(
            "[yellow]![/yellow] "
            + _(
                "%(body)s: delvis sendt, %(step)s. Sendt til %(taken)s; %(others)s.",
                body=escape(partly.reminder.body_name),
                step=step_label(partly.reminder.step),
                taken=escape(", ".join(partly.taken)),
                others=partly.others,
            )
        )
    for d, why in report.failed:
        console().print(
            "[red]✗[/red] "
            + _("%(body)s: ikke sendt. %(why)s", body=escape(d.body_name), why=escape(why))
        )
    for d in report.no_address:
        console().print(
            "[yellow]![/yellow] "
            + _(
                "%(body)s har ingen e-postadresse: angi den med planlogg community body "
                'contacts … "%(body)s" --remind ADRESSE.',
                body=escape(d.body_name),
            )
        )
    for d in report.taken:
        click.echo(
            _(
                "%(body)s: ikke sendt nå; en annen utsending tok påminnelsen, eller runden eller "
                "påminnelsesplanen er endret siden.",
                body=d.body_name,
            )
        )
    for d in report.reported:
        click.echo(
            _(
                "%(body)s: ikke minnet på; organet rapporterte mens påminnelsene ble sendt.",
                body=d.body_name,
            )
        )
    for d, why in report.deferred:
        console().print(
            "[yellow]![/yellow] "
            + _(
                "%(body)s: ikke sendt ennå; prøves på nytt neste gang (planlogg round remind). "
                "%(why)s",
                body=escape(d.body_name),
                why=escape(why),
            )
        )


@reporting_round.command(
    "remind",
    help=N_(
        "Send påminnelsene som er forfalt, til organer som ikke har rapportert.\n\n"
        "Hver påminnelse sendes høyst én gang per organ og steg. En påminnelse som kanskje "
        "gikk ut før en stans, sendes ikke på nytt av seg selv: bekreft den med "
        "`round confirm-sent` eller send den med `round resend`."
    ),
)
@argument("key")
@option("--dry-run", is_flag=True, help=N_("Vis hva som er forfalt, uten å sende."))
@option("--date", "today", default=None, help=N_("Regn forfall som om det var denne dagen."))
@pass_ctx
def round_remind(ctx: CliContext, key: str, dry_run: bool, today: str | None) -> None:
    day = _date(today) if today else oslo_today()
    if dry_run:
        due = due_reminders(ctx.app.get_plan(key), day, RegisteredRecipients(ctx.app))
        if not due:
            done(_("Ingen påminnelser er forfalt."))
        _print_due(due)
        return
    report = _sender(ctx).send_due(key, day)
    if not anything_done(report):
        done(_("Ingen påminnelser er forfalt."))
    print_report(report)


STEP = WholeNumber(-366, 366)
"""A reminder's step: days before the deadline (negative: after)."""
ATTEMPT = WholeNumber(1, 1_000_000)
"""An attempt at sending a reminder, as `round show` numbers it."""


@reporting_round.command(
    "confirm-sent", help=N_("Bekreft at en påminnelse som er «kanskje sendt», kom fram.")
)
@argument("key")
@argument("body")
@option("--step", required=True, type=STEP, help=N_("Steget, f.eks. -1 (dagen etter fristen)."))
@option(
    "--attempt",
    type=ATTEMPT,
    default=None,
    help=N_(
        "Forsøket du så som «kanskje sendt» (round show). Er påminnelsen sendt på nytt siden, "
        "lagres ingenting."
    ),
)
@pass_ctx
def round_confirm_sent(
    ctx: CliContext, key: str, body: str, step: int, attempt: int | None
) -> None:
    ctx.app.confirm_reminder_delivered(key, body, step, ctx.by, attempt)
    done(
        _(
            "Påminnelsen til %(body)s (%(step)s) er bekreftet sendt.",
            body=body,
            step=step_label(step),
        )
    )


@reporting_round.command(
    "resend",
    help=N_(
        "Send en påminnelse som er «kanskje sendt», «delvis sendt», feilet eller utsatt, én "
        "gang til. En som er «delvis sendt», går bare til adressene som ikke fikk den."
    ),
)
@argument("key")
@argument("body")
@option("--step", required=True, type=STEP, help=N_("Steget, f.eks. -1 (dagen etter fristen)."))
@option(
    "--attempt",
    type=ATTEMPT,
    default=None,
    help=N_("Forsøket du så (round show). Er påminnelsen sendt på nytt siden, sendes ingenting."),
)
@pass_ctx
def round_resend(ctx: CliContext, key: str, body: str, step: int, attempt: int | None) -> None:
    print_report(_sender(ctx).resend(key, body, step, oslo_today(), attempt))


def register(cli: click.Group) -> None:
    cli.add_command(reporting_round)
