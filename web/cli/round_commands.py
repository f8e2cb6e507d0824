"""`planlogg round …`: reporting rounds, their reminder schedule, and the reminders."""

from __future__ import annotations

import os
from datetime import date

import click
from rich.console import Console

from domain.dates import parse_norwegian_date
from domain.errors import ValidationError
from domain.norwegian_time import oslo_today
from domain.reminders import (
    DEFAULT_SCHEDULE,
    as_registered,
    has_reported,
    parse_schedule,
    step_label,
)
from notify.due import DueReminder, due_reminders
from notify.mail import SmtpMailer, SmtpSettings
from notify.recipients import RegisteredRecipients
from notify.sender import ReminderSender, SendReport
from web.cli.context import CliContext, pass_ctx

console = Console()

SCHEDULE_HELP = "Påminningar, dagar før fristen (negativt: etter), t.d. 14,3,-1."


def _date(value: str) -> date:
    return parse_norwegian_date(value, default_year=date.today().year)


def _done(message: str) -> None:
    console.print(f"[green]✓[/green] {message}")


def _sender(ctx: CliContext) -> ReminderSender:
    settings = SmtpSettings.from_environment(os.environ)
    if settings is None:
        raise ValidationError(
            "PLANLOGG_SMTP_URL er ikkje sett, så ingen e-post kan sendast. Set han (t.d. "
            "smtp://localhost:25) og PLANLOGG_MAIL_FROM, eller bruk --dry-run."
        )
    return ReminderSender(
        ctx.app,
        SmtpMailer(settings),
        RegisteredRecipients(ctx.app),
        public_url=os.environ.get("PLANLOGG_PUBLIC_URL", "").strip(),
        by=ctx.by,
    )


@click.group("round")
def reporting_round() -> None:
    """Rapporteringsrundar for status, og påminningar til organ som ikkje har rapportert."""


@reporting_round.command("open")
@click.argument("key")
@click.option("--deadline", required=True)
@click.option("--body", "bodies", multiple=True, required=True)
@click.option(
    "--remind",
    "schedule",
    default=",".join(str(d) for d in DEFAULT_SCHEDULE),
    show_default=True,
    help=SCHEDULE_HELP,
)
@pass_ctx
def round_open(
    ctx: CliContext, key: str, deadline: str, bodies: tuple[str, ...], schedule: str
) -> None:
    """Opne ein rapporteringsrunde (krev --decision)."""
    round_id = ctx.app.open_reporting_round(
        key, _date(deadline), bodies, ctx.by, parse_schedule(schedule)
    )
    _done(f"Opna rapporteringsrunde {round_id}.")


@reporting_round.command("close")
@click.argument("key")
@pass_ctx
def round_close(ctx: CliContext, key: str) -> None:
    """Lukk den opne rapporteringsrunden."""
    ctx.app.close_reporting_round(key, ctx.by)
    _done("Lukka rapporteringsrunden.")


@reporting_round.command("schedule")
@click.argument("key")
@click.option("--remind", "schedule", required=True, help=SCHEDULE_HELP)
@pass_ctx
def round_schedule(ctx: CliContext, key: str, schedule: str) -> None:
    """Set når organ som ikkje har rapportert i den opne runden, vert minte på det."""
    days = parse_schedule(schedule)
    ctx.app.set_reminder_schedule(key, days, ctx.by)
    _done("Påminningar: " + (", ".join(step_label(d) for d in days) or "ingen") + ".")


@reporting_round.command("show")
@click.argument("key")
@pass_ctx
def round_show(ctx: CliContext, key: str) -> None:
    """Vis den opne runden: kven som har rapportert, og påminningane."""
    plan = ctx.app.get_plan(key)
    round_id, state = plan.open_round()
    register = ctx.app.body_register(plan.header.owner)
    measures = as_registered(plan.active_measures(), register)
    console.print(
        f"Runde {round_id}, frist {state.deadline:%d.%m.%Y}. Påminningar: "
        + (", ".join(step_label(d) for d in state.schedule) or "ingen")
        + "."
    )
    for body in state.bodies:
        reported = has_reported(register.key_of(body), round_id, measures)
        done = "rapportert" if reported else "ikkje rapportert"
        steps = [
            f"{step_label(r.step)}: {r.status.label}"
            for r in sorted(state.reminders, key=lambda r: -r.step)
            if r.body == body
        ]
        click.echo(f"{register.label(body)}\t{done}\t{'; '.join(steps) or 'inga påminning'}")


def _print_due(due: list[DueReminder]) -> None:
    for d in due:
        to = ", ".join(d.recipients) or "ingen e-postadresse registrert"
        click.echo(
            f"{d.body_name}\t{step_label(d.step)}\t{to}\t{len(d.measures)} tiltak utan status"
        )


def _print_report(report: SendReport) -> None:
    for d in report.sent:
        _done(
            f"Påminning sendt til {d.body_name} ({', '.join(d.recipients)}), {step_label(d.step)}."
        )
    for d, why in report.failed:
        console.print(f"[red]✗[/red] {d.body_name}: ikkje sendt. {why}")
    for d in report.no_address:
        console.print(
            f"[yellow]![/yellow] {d.body_name} har inga e-postadresse: set ho med "
            f'planlogg community body contacts … "{d.body_name}" --remind ADRESSE.'
        )
    for d in report.taken:
        click.echo(f"{d.body_name}: ein annan prosess tok denne påminninga.")


@reporting_round.command("remind")
@click.argument("key")
@click.option("--dry-run", is_flag=True, help="Vis kva som er forfalle, utan å sende.")
@click.option("--date", "today", default=None, help="Rekn forfall som om det var denne dagen.")
@pass_ctx
def round_remind(ctx: CliContext, key: str, dry_run: bool, today: str | None) -> None:
    """Send påminningane som er forfalne til organ som ikkje har rapportert.

    Kvar påminning vert send høgst éin gong per organ og steg. Ei påminning som
    kanskje gjekk ut før ein stans, vert ikkje send på nytt av seg sjølv: stadfest
    ho med `round confirm-sent` eller send ho med `round resend`.
    """
    day = _date(today) if today else oslo_today()
    if dry_run:
        due = due_reminders(ctx.app.get_plan(key), day, RegisteredRecipients(ctx.app))
        if not due:
            _done("Ingen påminningar er forfalne.")
        _print_due(due)
        return
    report = _sender(ctx).send_due(key, day)
    if not (report.sent or report.failed or report.no_address or report.taken):
        _done("Ingen påminningar er forfalne.")
    _print_report(report)


@reporting_round.command("confirm-sent")
@click.argument("key")
@click.argument("body")
@click.option("--step", required=True, type=int, help="Steget, t.d. -1 (dagen etter fristen).")
@pass_ctx
def round_confirm_sent(ctx: CliContext, key: str, body: str, step: int) -> None:
    """Stadfest at ei påminning som er «kanskje sendt», kom fram."""
    ctx.app.confirm_reminder_delivered(key, body, step, ctx.by)
    _done(f"Påminninga til {body} ({step_label(step)}) er stadfesta sendt.")


@reporting_round.command("resend")
@click.argument("key")
@click.argument("body")
@click.option("--step", required=True, type=int, help="Steget, t.d. -1 (dagen etter fristen).")
@pass_ctx
def round_resend(ctx: CliContext, key: str, body: str, step: int) -> None:
    """Send ei påminning som er «kanskje sendt» eller feila, éin gong til."""
    _print_report(_sender(ctx).resend(key, body, step, oslo_today()))


def register(cli: click.Group) -> None:
    cli.add_command(reporting_round)
