"""`planlogg sync`: keep a plan and its spreadsheet in step (Google Sheets, Excel Online or a
local .xlsx).

Settings (options win over the environment; Excel Online's are in `sync.microsoft_login`):

    PLANLOGG_GOOGLE_CREDENTIALS  path to a Google service-account JSON key; share the
                                 spreadsheet with the account's e-mail address (as editor)
    PLANLOGG_SPREADSHEET_ID      the Google spreadsheet ID (from its URL) to sync with
    PLANLOGG_WORKBOOK            the local workbook (default: planlogg-data/handlingsplan.xlsx)
    PLANLOGG_PLAN                the plan key (default: the demo plan)
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path

import click

from domain.demo import DEMO_PLAN
from domain.errors import ValidationError
from domain.norwegian_time import OSLO
from sync.cycle import CycleReport, SheetSync
from sync.google import create_spreadsheet, service_account_client
from sync.loop import (
    BackendFactory,
    SyncLoop,
    default_workbook,
    excel_online_backend,
    google_backend,
    workbook_backend,
)
from web.cli.context import CliContext, pass_ctx


def _target_options(function: click.decorators.FC) -> click.decorators.FC:
    for option in reversed(
        (
            click.option(
                "--workbook",
                type=click.Path(dir_okay=False, path_type=Path),
                envvar="PLANLOGG_WORKBOOK",
                help="Lokal arbeidsbok (.xlsx).",
            ),
            click.option(
                "--spreadsheet",
                envvar="PLANLOGG_SPREADSHEET_ID",
                help="ID-en til Google-regnearket (frå adressa).",
            ),
            click.option(
                "--excel-online",
                "excel_online",
                metavar="LENKJE",
                help="Arbeidsbok i Microsoft 365: delingslenkje eller DRIVE-ID/ELEMENT-ID.",
            ),
            click.option(
                "--credentials",
                type=click.Path(dir_okay=False, path_type=Path),
                envvar="PLANLOGG_GOOGLE_CREDENTIALS",
                help="Tenestekonto-nøkkel (JSON) for Google.",
            ),
            click.option(
                "--plan",
                "plan_key",
                envvar="PLANLOGG_PLAN",
                default=DEMO_PLAN,
                show_default=True,
                help="Plannøkkelen.",
            ),
        )
    ):
        function = option(function)
    return function


def _factory(
    workbook: Path | None,
    spreadsheet: str | None,
    credentials: Path | None,
    excel_online: str | None = None,
) -> BackendFactory:
    if excel_online:
        if workbook or spreadsheet:
            raise ValidationError("Vel éin av --workbook, --spreadsheet og --excel-online.")
        return excel_online_backend(excel_online)
    if workbook and spreadsheet:
        raise ValidationError("Vel anten --workbook eller --spreadsheet, ikkje begge.")
    if spreadsheet:
        if not credentials:
            raise ValidationError(
                "Google krev ein tenestekonto-nøkkel: set PLANLOGG_GOOGLE_CREDENTIALS eller "
                "bruk --credentials."
            )
        return google_backend(spreadsheet, credentials)
    return workbook_backend(workbook or default_workbook())


def _print(report: CycleReport) -> None:
    click.echo(f"{datetime.now(OSLO):%H:%M:%S} Synkronisert {report.summary()}")


@click.group("sync", invoke_without_command=True)
@_target_options
@click.option("--once", "mode", flag_value="once", help="Køyr éin runde og avslutt.")
@click.option("--watch", "mode", flag_value="watch", help="Synkroniser heile tida.")
@click.option(
    "--interval",
    type=click.FloatRange(0.5, 86_400),
    default=5.0,
    show_default=True,
    help="Sekund mellom rundane med --watch.",
)
@click.option(
    "--allow-removals",
    is_flag=True,
    help="Ta inn at mange rader er sletta på ein gong (elles stoppar synkroniseringa).",
)
@click.pass_context
def sync(
    click_ctx: click.Context,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str,
    mode: str | None,
    interval: float,
    allow_removals: bool,
) -> None:
    """Synkroniser planen med regnearket (éin runde med --once, heile tida med --watch)."""
    if click_ctx.invoked_subcommand:
        return
    if mode is None:
        raise click.UsageError("Vel --once eller --watch (eller underkommandoen init).")
    ctx = click_ctx.find_object(CliContext)
    if ctx is None:
        raise click.UsageError("planlogg sync må køyrast frå planlogg-kommandoen.")
    factory = _factory(workbook, spreadsheet, credentials, excel_online)
    printer = _Printer()
    loop = SyncLoop(
        SheetSync(ctx.app, ctx.read_models),
        factory,
        plan_key,
        interval=interval,
        allow_removals=allow_removals,
        on_report=printer.changes,
        on_error=printer.error,
    )
    if mode == "once":
        _print(loop.run_once())
        return
    click.echo(
        f"Synkroniserer {plan_key} med «{loop.backend.label}» kvart {interval:g}. "
        "sekund. Stopp med Ctrl+C."
    )
    stop = threading.Event()
    try:
        loop.run_forever(stop)
    except KeyboardInterrupt:
        stop.set()
        click.echo("Stoppa.")


class _Printer:
    """What `sync --watch` prints: cycles that did something, and each fault once."""

    def __init__(self) -> None:
        self.last_error = ""

    def changes(self, report: CycleReport) -> None:
        self.last_error = ""
        if report.applied or report.written or report.conflicts or report.rejected:
            _print(report)

    def error(self, error: Exception) -> None:
        """Print a fault once, not every few seconds while it lasts."""
        message = getattr(error, "message", str(error))
        if message != self.last_error:
            now = datetime.now(OSLO)
            click.secho(f"{now:%H:%M:%S} {message} Prøver igjen.", fg="yellow", err=True)
            self.last_error = message


@sync.command("init")
@_target_options
@click.option(
    "--create",
    "create_title",
    default=None,
    help="Opprett eit nytt Google-regneark med denne tittelen (krev nøkkel).",
)
@pass_ctx
def init(
    ctx: CliContext,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str,
    create_title: str | None,
) -> None:
    """Opprett eller ta i bruk regnearket og legg det opp for planen, så éin runde."""
    if create_title:
        if spreadsheet or workbook:
            raise ValidationError("Bruk --create utan --spreadsheet og --workbook.")
        if not credentials:
            raise ValidationError(
                "Google krev ein tenestekonto-nøkkel: set PLANLOGG_GOOGLE_CREDENTIALS eller "
                "bruk --credentials."
            )
        spreadsheet = create_spreadsheet(service_account_client(credentials), create_title)
        click.echo(
            f"Oppretta regnearket «{create_title}» med ID {spreadsheet}. Del det med "
            "sekretariatet i Google Disk, og set PLANLOGG_SPREADSHEET_ID til denne ID-en."
        )
    factory = _factory(workbook, spreadsheet, credentials, excel_online)
    _print(SyncLoop(SheetSync(ctx.app, ctx.read_models), factory, plan_key).run_once())


@sync.command("restore")
@_target_options
@click.option("--tab", default="", help="Namnet på den nye fana (standard: plannøkkel og dato).")
@click.option(
    "--to",
    "to_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Legg planen ut i ei ny arbeidsbok (.xlsx) i staden for i ei ny fane.",
)
@pass_ctx
def restore_command(
    ctx: CliContext,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str,
    tab: str,
    to_file: Path | None,
) -> None:
    """Legg planen ut på nytt når arket er øydelagt; usynkroniserte endringar vert konfliktar."""
    from sync.restore import restore
    from sync.workbook import WorkbookBackend

    if to_file is not None and to_file.exists():
        raise ValidationError(f"«{to_file}» finst alt. Vel eit nytt filnamn med --to.")
    backend = _factory(workbook, spreadsheet, credentials, excel_online)(plan_key)
    to = WorkbookBackend(to_file, plan_key) if to_file is not None else None
    report = restore(SheetSync(ctx.app, ctx.read_models), backend, plan_key, tab=tab, to=to)
    click.echo(report.summary())


@sync.command("login")
@click.option("--excel-online", "excel_online", is_flag=True, help="Logg inn i Microsoft 365.")
def login(excel_online: bool) -> None:
    """Logg tenestebrukaren inn i Microsoft 365 éin gong (innlogginga vert fornya av seg sjølv)."""
    from sync.microsoft_login import GraphSettings, MicrosoftSignIn

    if not excel_online:
        raise click.UsageError("Bruk --excel-online: det er berre Microsoft 365 som treng dette.")
    settings = GraphSettings.from_env()
    who = MicrosoftSignIn(settings).login(
        lambda url, code: click.echo(
            f"Opne {url} i ein nettlesar, logg inn som tenestebrukaren og skriv inn koden {code}."
        )
    )
    click.echo(
        f"Logga inn som {who}. Innlogginga er lagra i {settings.cache_path} (berre lesbar for "
        "eigaren) og vert fornya av seg sjølv."
    )


def register(cli: click.Group) -> None:
    cli.add_command(sync)
