"""`planlogg sync`: keep a plan and its spreadsheet in step (Google Sheets, Excel Online or a
local .xlsx).

Settings (options win over the environment; Excel Online's are in `sync.microsoft_login`):

    PLANLOGG_GOOGLE_CREDENTIALS  path to a Google service-account JSON key; share the
                                 spreadsheet with the account's e-mail address (as editor)
    PLANLOGG_SPREADSHEET_ID      the Google spreadsheet ID (from its URL) to sync with
    PLANLOGG_WORKBOOK            the local workbook (default: planlogg-data/handlingsplan.xlsx)
    PLANLOGG_PLAN                the plan key (default: the demo plan where it is
                                 loaded, else the only plan: `plan_to_sync`)
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from click.core import ParameterSource

from domain.errors import ConcurrentEditError, PlanloggError, ValidationError
from domain.norwegian_time import OSLO
from language import N_, _
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
from web.cli.context import CliContext, DecimalNumber, FilePath, group, option, pass_ctx
from web.cli.plan_to_sync import demo_chosen_words, plan_to_sync

NEEDS_CREDENTIALS = N_(
    "Google krever en tjenestekonto-nøkkel: sett PLANLOGG_GOOGLE_CREDENTIALS eller bruk "
    "--credentials."
)


def _chosen_plan(click_ctx: click.Context, param: click.Parameter, named: str | None) -> str | None:
    """The plan to sync (`plan_to_sync`) as the option's value when none is named, so the
    command speaks its health community's målform as it would with the plan named. None when
    none can be chosen: the command then refuses, saying why (`plan_to_sync` again)."""
    found = click_ctx.find_object(CliContext)
    if named:
        click_ctx.meta[PLAN_NAMED] = True
    if named or found is None:
        return named
    try:
        return plan_to_sync(found.app, found.read_models, None)
    except PlanloggError:
        return None


PLAN_NAMED = "planlogg.plan_named"
"""Set in the command's shared `meta` when a plan was named (--plan or PLANLOGG_PLAN), before
or after the subcommand."""


def _plan_of(ctx: CliContext, plan_key: str | None) -> str:
    """The plan to sync (`plan_to_sync`); when nobody named it and the demo's was chosen beside
    plans of the community's own, says so once on standard error (`demo_chosen_words`)."""
    key = plan_to_sync(ctx.app, ctx.read_models, plan_key)
    if not click.get_current_context().meta.get(PLAN_NAMED):
        words = demo_chosen_words(ctx.read_models, key)
        if words:
            click.secho(words, fg="yellow", err=True)
    return key


def _target_options(function: click.decorators.FC) -> click.decorators.FC:
    for decorate in reversed(
        (
            option(
                "--workbook",
                type=FilePath(dir_okay=False, path_type=Path),
                envvar="PLANLOGG_WORKBOOK",
                help=N_("Lokal arbeidsbok (.xlsx)."),
            ),
            option(
                "--spreadsheet",
                envvar="PLANLOGG_SPREADSHEET_ID",
                metavar=N_("ID"),
                help=N_("ID-en til Google-regnearket (fra adressen)."),
            ),
            option(
                "--excel-online",
                "excel_online",
                metavar=N_("LENKE"),
                help=N_("Arbeidsbok i Microsoft 365: delingslenke eller DRIVE-ID/ELEMENT-ID."),
            ),
            option(
                "--credentials",
                type=FilePath(dir_okay=False, path_type=Path),
                envvar="PLANLOGG_GOOGLE_CREDENTIALS",
                help=N_("Tjenestekonto-nøkkel (JSON) for Google."),
            ),
            option(
                "--plan",
                "plan_key",
                envvar="PLANLOGG_PLAN",
                default=None,
                callback=_chosen_plan,
                help=N_("Plannøkkelen (standard: demoplanen, ellers den eneste planen)."),
            ),
        )
    ):
        function = decorate(function)
    return function


_TARGETS = ("workbook", "spreadsheet", "excel_online", "credentials", "plan_key")
_R = TypeVar("_R")


def _typed(click_ctx: click.Context, name: str) -> bool:
    """Whether the option `name` was typed on the command line (not the environment's or the
    default value)."""
    return click_ctx.get_parameter_source(name) is ParameterSource.COMMANDLINE


def _refuse_unused(click_ctx: click.Context, command: str) -> None:
    """Refuse the group's options a subcommand would not use: `sync --once init` or
    `sync --workbook X login` ran as if they were not typed."""
    unused = ("mode", "interval", "allow_removals")
    for param in click_ctx.command.params:
        name = param.name or ""
        if (name in unused or command == "login") and _typed(click_ctx, name):
            given = f"--{click_ctx.params[name]}" if name == "mode" else param.opts[0]
            raise click.UsageError(
                _(
                    "%(option)s gjelder ikke for «planlogg sync %(command)s».",
                    option=given,
                    command=command,
                ),
                click_ctx,
            )


def _with_group_targets(function: Callable[..., _R]) -> Callable[..., _R]:
    """Give a subcommand the target options typed before it: `planlogg sync --workbook X
    init` (the group's help offers --workbook) laid out the default workbook and left X
    alone. Typed on both sides with different values, the command is refused."""

    @functools.wraps(function)
    def with_targets(*args: Any, **kwargs: Any) -> _R:
        here = click.get_current_context()
        parent = here.parent or here
        for name in _TARGETS:
            if parent is here or not _typed(parent, name):
                continue
            if _typed(here, name) and kwargs[name] != parent.params[name]:
                option = next(p.opts[0] for p in here.command.params if p.name == name)
                raise click.UsageError(
                    _(
                        "%(option)s er gitt både før og etter «%(command)s», med ulike verdier.",
                        option=option,
                        command=here.info_name,
                    ),
                    here,
                )
            kwargs[name] = parent.params[name]
        return function(*args, **kwargs)

    return with_targets


def _factory(
    workbook: Path | None,
    spreadsheet: str | None,
    credentials: Path | None,
    excel_online: str | None = None,
) -> BackendFactory:
    if excel_online:
        if workbook or spreadsheet:
            raise ValidationError(_("Velg én av --workbook, --spreadsheet og --excel-online."))
        return excel_online_backend(excel_online)
    if workbook and spreadsheet:
        raise ValidationError(_("Velg enten --workbook eller --spreadsheet, ikke begge."))
    if spreadsheet:
        if not credentials:
            raise ValidationError(_(NEEDS_CREDENTIALS))
        return google_backend(spreadsheet, credentials)
    return workbook_backend(workbook or default_workbook())


def _print(report: CycleReport) -> None:
    now = datetime.now(OSLO).strftime("%H:%M:%S")
    click.echo(_("%(time)s Synkronisert %(summary)s", time=now, summary=report.summary()))


@group(
    "sync",
    invoke_without_command=True,
    help=N_("Synkroniser planen med regnearket (én gang med --once, hele tiden med --watch)."),
)
@_target_options
@option("--once", "mode", flag_value="once", help=N_("Synkroniser én gang og avslutt."))
@option("--watch", "mode", flag_value="watch", help=N_("Synkroniser hele tiden."))
@option(
    "--interval",
    type=DecimalNumber(0.5, 86_400),
    default=5.0,
    show_default=True,
    help=N_("Sekunder mellom hver synkronisering med --watch."),
)
@option(
    "--allow-removals",
    is_flag=True,
    help=N_("Godta at mange rader er slettet på én gang (ellers stopper synkroniseringen)."),
)
@click.pass_context
def sync(
    click_ctx: click.Context,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str | None,
    mode: str | None,
    interval: float,
    allow_removals: bool,
) -> None:
    if click_ctx.invoked_subcommand:
        _refuse_unused(click_ctx, click_ctx.invoked_subcommand)
        return
    if mode is None:
        raise click.UsageError(_("Velg --once eller --watch (eller underkommandoen init)."))
    ctx = click_ctx.find_object(CliContext)
    if ctx is None:
        raise click.UsageError(_("planlogg sync må kjøres fra planlogg-kommandoen."))
    factory = _factory(workbook, spreadsheet, credentials, excel_online)
    plan_key = _plan_of(ctx, plan_key)
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
    seconds = format(interval, "g")
    click.echo(
        _(
            "Synkroniserer %(plan)s med «%(backend)s» hvert %(interval)s. sekund. "
            "Stopp med Ctrl+C.",
            plan=plan_key,
            backend=loop.backend.label,
            interval=seconds,
        )
    )
    stop = threading.Event()
    try:
        loop.run_forever(stop)
    except KeyboardInterrupt:
        stop.set()
        click.echo(_("Stoppet."))


class _Printer:
    """What `sync --watch` prints: cycles that did something, and each fault once."""

    def __init__(self) -> None:
        self.last_error = ""

    def changes(self, report: CycleReport) -> None:
        self.last_error = ""
        if report.applied or report.written or report.conflicts or report.rejected:
            _print(report)

    def error(self, error: Exception) -> None:
        """Print a fault once, not every few seconds while it lasts. A sheet's fault
        (`BackendError`, `SheetBusy`) is printed by its cause: what it says comes next, a
        later round, is this loop's «Prøver igjen»; a fault worded as a bare phrase (an OS error)
        is ended as a sentence before it."""
        message: str = getattr(error, "cause", "") or getattr(error, "message", str(error))
        if message[-1:].isalnum():
            message += "."
        if message != self.last_error:
            now = datetime.now(OSLO).strftime("%H:%M:%S")
            click.secho(
                _("%(time)s %(error)s Prøver igjen.", time=now, error=message),
                fg="yellow",
                err=True,
            )
            self.last_error = message


@sync.command(
    "init",
    help=N_("Opprett eller ta i bruk regnearket, legg det opp for planen og synkroniser én gang."),
)
@_target_options
@option(
    "--create",
    "create_title",
    default=None,
    metavar=N_("TITTEL"),
    help=N_("Opprett et nytt Google-regneark med denne tittelen (krever nøkkel)."),
)
@pass_ctx
@_with_group_targets
def init(
    ctx: CliContext,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str | None,
    create_title: str | None,
) -> None:
    if create_title:
        if spreadsheet or workbook:
            raise ValidationError(_("Bruk --create uten --spreadsheet og --workbook."))
        if not credentials:
            raise ValidationError(_(NEEDS_CREDENTIALS))
        spreadsheet = create_spreadsheet(service_account_client(credentials), create_title)
        click.echo(
            _(
                "Opprettet regnearket «%(title)s» med ID %(id)s. Del det med sekretariatet i "
                "Google Disk, og sett PLANLOGG_SPREADSHEET_ID til denne ID-en.",
                title=create_title,
                id=spreadsheet,
            )
        )
    factory = _factory(workbook, spreadsheet, credentials, excel_online)
    plan_key = _plan_of(ctx, plan_key)
    _print(SyncLoop(SheetSync(ctx.app, ctx.read_models), factory, plan_key).run_once())


@sync.command(
    "restore",
    help=N_(
        "Legg planen ut på nytt når regnearket er ødelagt; usynkroniserte endringer blir "
        "konflikter."
    ),
)
@_target_options
@option(
    "--tab",
    default="",
    metavar=N_("NAVN"),
    help=N_("Navnet på den nye fanen (standard: plannøkkel og dato)."),
)
@option(
    "--to",
    "to_file",
    type=FilePath(dir_okay=False, path_type=Path),
    default=None,
    help=N_("Legg planen ut i en ny arbeidsbok (.xlsx) i stedet for i en ny fane."),
)
@pass_ctx
@_with_group_targets
def restore_command(
    ctx: CliContext,
    workbook: Path | None,
    spreadsheet: str | None,
    excel_online: str | None,
    credentials: Path | None,
    plan_key: str | None,
    tab: str,
    to_file: Path | None,
) -> None:
    from sync.restore import RestoreStopped, restore
    from sync.workbook import WorkbookBackend

    if to_file is not None and to_file.exists():
        raise ValidationError(
            _("«%(file)s» finnes allerede. Velg et nytt filnavn med --to.", file=to_file)
        )
    factory = _factory(workbook, spreadsheet, credentials, excel_online)
    plan_key = _plan_of(ctx, plan_key)
    backend = factory(plan_key)
    to = WorkbookBackend(to_file, plan_key) if to_file is not None else None
    try:
        report = restore(SheetSync(ctx.app, ctx.read_models), backend, plan_key, tab=tab, to=to)
    except RestoreStopped as stopped:
        if stopped.busy:  # a sheet busy elsewhere came first: exit 6, as a concurrent edit
            raise ConcurrentEditError(stopped.message) from stopped
        raise
    click.echo(report.summary())


@sync.command(
    "login",
    help=N_(
        "Logg tjenestebrukeren inn i Microsoft 365 én gang (innloggingen fornyes av seg selv)."
    ),
)
@option("--excel-online", "excel_online", is_flag=True, help=N_("Logg inn i Microsoft 365."))
def login(excel_online: bool) -> None:
    from sync.microsoft_login import GraphSettings, MicrosoftSignIn

    if not excel_online:
        raise click.UsageError(
            _("Bruk --excel-online: det er bare Microsoft 365 som trenger dette.")
        )
    settings = GraphSettings.from_env()
    who = MicrosoftSignIn(settings).login(
        lambda url, code: click.echo(
            _(
                "Åpne %(url)s i en nettleser, logg inn som tjenestebrukeren og skriv inn "
                "koden %(code)s.",
                url=url,
                code=code,
            )
        )
    )
    click.echo(
        _(
            "Logget inn som %(who)s. Innloggingen er lagret i %(path)s (bare lesbar for "
            "eieren) og fornyes av seg selv.",
            who=who,
            path=settings.cache_path,
        )
    )


def register(cli: click.Group) -> None:
    cli.add_command(sync)
