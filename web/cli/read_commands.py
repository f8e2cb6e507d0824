"""Commands that read: plans, history, versions, dashboard, rebuilds and the audit chain.

`planlogg history PLAN --json`, `planlogg show PLAN --json --as-of DATETIME` and
`planlogg audit verify` are contracts scripts rely on: JSON on stdout, and
`audit verify` exits 0 when the chain is intact and 7 (naming the first bad
position) when any stored event was altered, removed, inserted or reordered.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.table import Table

from domain.dates import check_date, format_norwegian_date, parse_norwegian_date
from domain.errors import NotFoundError, ValidationError
from domain.norwegian_time import format_oslo_date, format_oslo_time
from projections import AuditQuery, ChainBrokenError, PlanDocument, ReadModels
from projections.documents import ChainReport, HearingDoc, VersionDiff
from projections.heads import HeadTargets, publish_head, read_heads, verify_published
from projections.plan_documents import with_body_names
from web.cli.context import NUMBER, POSITION, CliContext, pass_ctx

EXIT_TAMPERED = 7

console = Console()
F = TypeVar("F", bound=Callable[..., Any])

COLOUR_LABELS = {
    "green": "[green]grønn[/green]",
    "yellow": "[yellow]gul[/yellow]",
    "red": "[red]raud[/red]",
}


def _models(ctx: CliContext) -> ReadModels:
    """The read models with everything recorded so far applied, so a read on the command
    line sees what earlier commands wrote."""
    models = ctx.read_models
    models.read_your_writes()
    return models


def _tamper_guard(command: F) -> F:
    """A broken chain stops the read models from advancing: say so, with exit code 7."""

    @functools.wraps(command)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ChainBrokenError as error:
            click.secho(
                f"Feil: hendingsloggen er endra på posisjon {error.position}: {error.reason}. "
                "Køyr «planlogg audit verify».",
                fg="red",
                err=True,
            )
            click.get_current_context().exit(EXIT_TAMPERED)

    return guarded  # type: ignore[return-value]


def _when(text: str | None, option: str) -> datetime | date | None:
    """ISO dates and times (2025-03-01, 2025-03-01T14:30) or Norwegian dates (01.03.2025).

    A date or a time without an offset means Norwegian time (the read models
    take naive values as Europe/Oslo), as on the auditors' pages.
    """
    if not text:
        return None
    try:
        parsed = (
            datetime.fromisoformat(text) if "T" in text or ":" in text else date.fromisoformat(text)
        )
    except ValueError:
        pass
    else:
        check_date(parsed if isinstance(parsed, date) else parsed.date(), text)
        return parsed
    try:
        return parse_norwegian_date(text)
    except ValidationError:
        raise ValidationError(
            f'{option}: forstår ikkje "{text}". Skriv t.d. 2025-03-01, 2025-03-01T14:30 '
            "eller 01.03.2025."
        ) from None


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _plan_table(document: PlanDocument) -> None:
    if document.kind == "as_of" and document.as_of:
        heading = f"slik planen stod {format_oslo_time(document.as_of)} (norsk tid)"
    elif document.kind == "adopted":
        heading = f"vedteken versjon {document.version}"
    else:
        heading = f"arbeidsversjon {document.version} ({document.stage})"
    table = Table(title=f"{document.title}\n{document.key}: {heading}", show_lines=False)
    for column in ("Nr.", "Tiltak", "Ansvar", "Tidsramme", "Status", "Sist endra"):
        table.add_column(column)
    for area in document.areas:
        table.add_row(f"[bold]{area.number}[/bold]", f"[bold]{area.title}[/bold]", "", "", "", "")
        for goal in area.goals:
            table.add_row(
                f"[italic]{goal.number}[/italic]", f"[italic]{goal.text}[/italic]", "", "", "", ""
            )
            for m in goal.measures:
                table.add_row(
                    m.number,
                    m.text,
                    ", ".join(m.responsible),
                    ", ".join(f"{y}: {v}" for y, v in m.marks.items()),
                    COLOUR_LABELS.get(m.status.colour, "") if m.status else "–",
                    f"{format_oslo_date(m.last_change.at)} {m.last_change.by}"
                    if m.last_change
                    else "",
                )
    console.print(table)
    for approval in document.approvals:
        console.print(f"Godkjent av {approval.body}, {approval.case}, {approval.meeting_date}")


@click.command("plans")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
@_tamper_guard
def plans(ctx: CliContext, as_json: bool) -> None:
    """List alle planane."""
    found = _models(ctx).plans()
    if as_json:
        _print_json([p.to_dict() for p in found])
        return
    table = Table(title="Planar")
    for column in ("Nøkkel", "Tittel", "Eigar", "Stadium", "Versjon", "Vedteken", "Periode"):
        table.add_column(column)
    for p in found:
        table.add_row(
            p.key,
            p.title,
            p.owner,
            p.stage,
            str(p.version),
            str(p.adopted_version or "–"),
            f"{p.first_year}–{p.last_year}",
        )
    console.print(table)


@click.command("show")
@click.argument("plan")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@click.option(
    "--as-of", "as_of", help="Vis planen slik han stod då (dato eller tidspunkt, norsk tid)."
)
@click.option("--version", "version", type=NUMBER, help="Vis ein vedteken versjon.")
@pass_ctx
@_tamper_guard
def show(ctx: CliContext, plan: str, as_json: bool, as_of: str | None, version: int | None) -> None:
    """Vis ein plan: arbeidsversjonen, ein vedteken versjon eller planen på eit tidspunkt."""
    models = _models(ctx)
    when = _when(as_of, "--as-of")
    if when is not None and version is not None:
        raise ValidationError("Bruk anten --as-of eller --version, ikkje begge.")
    if when is not None:
        document = models.plan_as_of(plan, when)
        missing = f"Planen {plan} fanst ikkje {as_of}."
    elif version is not None:
        document = models.adopted_version(plan, version)
        missing = f"Planen {plan} har ingen vedteken versjon {version}."
    else:
        document = models.current_plan(plan)
        missing = f'Fann ingen plan med nøkkelen "{plan}".'
    if document is None:
        raise NotFoundError(missing)
    document = with_body_names(document, models.plan_register(plan))
    if as_json:
        _print_json(document.to_dict())
    else:
        _plan_table(document)


@click.command("history")
@click.argument("plan")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON (alle rader som passar).")
@click.option("--csv", "as_csv", is_flag=True, help="Skriv CSV (alle rader som passar).")
@click.option("--measure", help="Tiltaksnummer (t.d. 2.1.2A) eller tiltaks-ID (T012).")
@click.option("--since", help="Frå og med dato/tidspunkt (norsk tid).")
@click.option("--until", help="Til og med dato/tidspunkt (norsk tid).")
@click.option("--actor", help="Berre endringar gjort av denne personen.")
@click.option("--source", type=click.Choice(["sheet", "web", "import", "cli", "system"]))
@click.option("--field", help="Berre endringar av dette feltet (t.d. responsible, text).")
@click.option("--decision", help='Berre endringar etter dette vedtaket, t.d. "SSU sak 11/24".')
@click.option("--page", type=click.IntRange(min=1, max=1_000_000), default=1, show_default=True)
@click.option(
    "--limit", type=click.IntRange(min=1, max=100_000), help="Rader per side (tabell: 50)."
)
@pass_ctx
@_tamper_guard
def history(
    ctx: CliContext,
    plan: str,
    as_json: bool,
    as_csv: bool,
    measure: str | None,
    since: str | None,
    until: str | None,
    actor: str | None,
    source: str | None,
    field: str | None,
    decision: str | None,
    page: int,
    limit: int | None,
) -> None:
    """Vis endringsloggen: kven endra kva, når, frå kvar, kvifor og etter kva vedtak.

    --json og --csv skriv alle rader som passar (--json: éi side når --limit er gjeve).
    """
    if as_json and as_csv:
        raise ValidationError("Vel anten --json eller --csv.")
    query = AuditQuery(
        plan=plan,
        measure=measure,
        actor=actor,
        source=source,
        field=field,
        decision=decision,
        since=_when(since, "--since"),
        until=_when(until, "--until"),
        offset=(page - 1) * (limit or 50),
        limit=limit or 50,
    )
    models = _models(ctx)
    if as_json and limit is not None:
        _print_json([row.to_dict() for row in models.history(query).rows])
        return
    if as_json:
        click.echo(models.history_json(query))
        return
    if as_csv:
        click.echo(models.history_csv(query), nl=False)
        return
    result = models.history(query)
    table = Table(title=f"Endringslogg for {plan} (side {page}, {result.total} rader i alt)")
    for column in (
        "Tid (norsk tid)", "Kven", "Kjelde", "Tiltak", "Felt", "Før", "Etter", "Vedtak", "Grunn",
    ):  # fmt: skip
        table.add_column(column)
    for row in result.rows:
        table.add_row(
            format_oslo_time(row.occurred_at),
            row.actor,
            row.source,
            row.measure_number,
            row.field,
            row.before,
            row.after,
            row.decision,
            row.reason,
        )
    console.print(table)


@click.command("diff")
@click.argument("plan")
@click.argument("a", type=NUMBER)
@click.argument("b", type=NUMBER)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
@_tamper_guard
def diff(ctx: CliContext, plan: str, a: int, b: int, as_json: bool) -> None:
    """Vis skilnaden mellom to vedtekne versjonar."""
    result = _models(ctx).diff_versions(plan, a, b)
    if as_json:
        _print_json(result.to_dict())
        return
    console.print(f"[bold]{plan}: versjon {a} → {b}[/bold]")
    _print_changes(result)


def _print_changes(result: VersionDiff) -> None:
    for m in result.added:
        console.print(f"[green]+ {m.number}[/green] {m.text}")
    for m in result.removed:
        console.print(f"[red]− {m.number}[/red] {m.text}")
    for change in result.changed:
        console.print(
            f"[yellow]~ {change.number} {change.field}[/yellow]: "
            f"«{change.before}» → «{change.after}»"
        )
    if not (result.added or result.removed or result.changed):
        console.print("Ingen skilnad i tiltaka.")


@click.command("show")
@click.argument("plan")
@click.option("--version", type=NUMBER, default=None, help="Høyringa av denne versjonen.")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
@_tamper_guard
def hearing_show(ctx: CliContext, plan: str, version: int | None, as_json: bool) -> None:
    """Vis høyringa: kven som vart spurde, fråsegner og svar, og kva som vart endra etterpå.

    Endringane er frå høyringsutkastet til versjonen som vart vedteken etter
    høyringa (eller til dagens utkast, om han ikkje er vedteken enno).
    """
    models = _models(ctx)
    found = models.hearing(plan, version)
    if found is None:
        which = f"Versjon {version} av {plan}" if version else f"Planen {plan}"
        raise NotFoundError(f"{which} har ikkje vore på høyring.")
    result = models.hearing_diff(plan, found.version)
    if as_json:
        _print_json(result.to_dict())
        return
    _print_hearing(found)
    target = f"vedteken versjon {result.b}" if result.against == "adopted" else "dagens utkast"
    console.print(f"\n[bold]Endringar frå høyringsutkastet til {target}[/bold]")
    _print_changes(result)


def _print_hearing(hearing: HearingDoc) -> None:
    console.print(
        f"[bold]Høyring av versjon {hearing.version} av {hearing.plan}[/bold], "
        f"frist {_day(hearing.deadline)}, send {format_oslo_date(hearing.sent_at)} "
        f"av {hearing.sent_by}" + (f" ({hearing.decision})" if hearing.decision else "")
    )
    console.print(f"Spurde: {', '.join(hearing.asked) or 'ingen namngjevne'}")
    console.print(f"Fråsegner: {len(hearing.responses)}, utan svar: {hearing.unanswered}")
    for response in hearing.responses:
        console.print(
            f"\n{response['id']} {response['respondent']}, "
            f"{_day(response['received_on'])}: {response['text']}",
            markup=False,
            highlight=False,
        )
        if response["attachments"]:
            console.print(f"  Vedlegg: {', '.join(response['attachments'])}", markup=False)
        answer = response["answer"]
        if answer:
            console.print(
                f"  Svar ({_day(answer['answered_on'])}, {answer['answered_by']}): "
                f"{answer['text']}",
                markup=False,
            )
        else:
            console.print("  Ikkje svara på enno.")


def _day(iso_date: str) -> str:
    return format_norwegian_date(date.fromisoformat(iso_date))


@click.command("dashboard")
@click.argument("plan")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@click.option("--today", help="Rekn fristar frå denne datoen (standard: i dag).")
@pass_ctx
@_tamper_guard
def dashboard(ctx: CliContext, plan: str, as_json: bool, today: str | None) -> None:
    """Vis status: trafikklys per område og organ, rapporteringsrunde, SMART og dekning."""
    day = _when(today, "--today")
    if isinstance(day, datetime):
        day = day.date()
    models = _models(ctx)
    if models.current_plan(plan) is None:
        raise NotFoundError(f'Fann ingen plan med nøkkelen "{plan}".')
    board = models.dashboard(plan, day)
    if as_json:
        _print_json(board.to_dict())
        return
    for title, counts in (("Per område", board.by_area), ("Per ansvarleg organ", board.by_body)):
        table = Table(title=title)
        for column in ("", "Grønn", "Gul", "Raud", "Ikkje rapportert"):
            table.add_column(column)
        for c in counts:
            table.add_row(c.name, str(c.green), str(c.yellow), str(c.red), str(c.not_reported))
        console.print(table)
    if board.open_round:
        r = board.open_round
        when = (
            f"{r.days_left} dagar att"
            if r.days_left >= 0
            else f"[red]{-r.days_left} dagar over fristen[/red]"
        )
        console.print(f"Open rapporteringsrunde {r.round_id}: frist {r.deadline} ({when}).")
        if r.missing_bodies:
            console.print("Ikkje rapportert: " + ", ".join(r.missing_bodies))
        maybe = [
            f"{p.body} ({m.step_label})"
            for p in r.progress
            for m in p.reminders
            if m.status == "intended"
        ]
        if maybe:
            console.print(
                "[yellow]Påminningar som er kanskje sendt[/yellow] (stadfest med "
                "round confirm-sent eller send med round resend): " + ", ".join(maybe)
            )
    console.print(f"Tiltak som ikkje er SMART: {len(board.not_smart)}")
    for gap in board.not_smart:
        console.print(f"  {gap.number}: manglar {', '.join(gap.gaps)}")
    if board.topics_without_measures:
        console.print(
            "Tema i § 6-2 utan tiltak: "
            + ", ".join(f"{t.code} {t.label}" for t in board.topics_without_measures)
        )
    if board.groups_without_measures:
        console.print(
            "Prioriterte pasientgrupper utan tiltak: "
            + ", ".join(g.label for g in board.groups_without_measures)
        )


@click.group("projections")
def projections() -> None:
    """Lesemodellane (oversikter og logg som vert bygde frå hendingane)."""


def _with_progress(title: str, run: Callable[[Callable[[int, int], None]], int]) -> int:
    with Progress(TextColumn(title), BarColumn(), MofNCompleteColumn(), console=console) as bar:
        task = bar.add_task(title, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run(report)


@projections.command("rebuild")
@pass_ctx
@_tamper_guard
def rebuild(ctx: CliContext) -> None:
    """Slett og bygg alle lesemodellane på nytt frå hendingane (kjeda vert kontrollert)."""
    models = ctx.read_models
    count = _with_progress("Byggjer lesemodellane", lambda p: models.rebuild(progress=p))
    console.print(f"[green]✓[/green] Bygde lesemodellane på nytt frå {count} hendingar.")


@projections.command("catch-up")
@pass_ctx
@_tamper_guard
def catch_up(ctx: CliContext) -> None:
    """Ta inn nye hendingar i lesemodellane."""
    models = ctx.read_models
    count = _with_progress("Oppdaterer lesemodellane", lambda p: models.catch_up(progress=p))
    console.print(f"[green]✓[/green] {count} nye hendingar er tekne inn.")


@click.group("audit")
def audit() -> None:
    """Kontroll av at hendingsloggen ikkje er endra."""


@audit.command("verify")
@click.option("--head", "head", help="Eit publisert hovud (hash) å kontrollere kjeda mot.")
@click.option("--position", type=POSITION, help="Posisjonen det publiserte hovudet gjeld.")
@click.option(
    "--heads",
    "heads_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Hovudfila (PLANLOGG_HEADS_FILE): kontroller kjeda mot kvart hovud i henne.",
)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
def verify(
    ctx: CliContext,
    head: str | None,
    position: int | None,
    heads_file: Path | None,
    as_json: bool,
) -> None:
    """Rekn ut kjeda på nytt frå hendingane; exit 7 og første feil posisjon om noko er endra.

    Utan publiserte hovud (--head, --heads) prover kjeda berre at ingen hending er
    endra etter at ho vart lenkja: den som kan skrive i databasen, kan skrive om
    kjeda òg, og leggje til hendingar etter den nyaste.
    """
    if position is not None and head is None:
        raise ValidationError("--position krev --head.")
    if heads_file is not None and head is not None:
        raise ValidationError("Bruk anten --head eller --heads.")
    models = ctx.read_models
    if heads_file is not None:
        report = verify_published(models, read_heads(heads_file))
    else:
        report = models.check_chain(expected_head=head, expected_position=position)
    if as_json:
        _print_json(report.to_dict())
    if report.ok:
        if not as_json:
            _print_intact(report)
        return
    click.secho(
        f"Feil: kjeda er broten på posisjon {report.first_bad_position}: {report.reason}.",
        fg="red",
        err=True,
    )
    click.get_current_context().exit(EXIT_TAMPERED)


def _print_intact(report: ChainReport) -> None:
    at = report.head.position if report.head else 0
    console.print(
        f"[green]✓[/green] Kjeda er heil: {report.checked} hendingar "
        f"kontrollerte (hovud på posisjon {at})."
    )
    if report.verified_through is None:
        console.print(
            f"[yellow]![/yellow] Ingen publiserte hovud er kontrollerte: ingenting i databasen "
            f"sjølv kan prove at dei {report.unverified} hendingane ikkje er skrivne om. "
            "Bruk --heads med hovudfila."
        )
    elif report.unverified:
        console.print(
            f"[yellow]![/yellow] {report.unverified} hendingar er nyare enn det nyaste "
            f"publiserte hovudet (posisjon {report.verified_through}) og er difor ikkje "
            "stadfesta utanfrå."
        )
    else:
        console.print(
            f"Alle hendingane er stadfesta av publiserte hovud (til posisjon "
            f"{report.verified_through})."
        )


@audit.command("publish-head")
@click.option(
    "--file",
    "heads_file",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="PLANLOGG_HEADS_FILE",
    help="Hovudfila å leggje hovudet til i (éi linje: posisjon, hash, tid).",
)
@click.option("--url", envvar="PLANLOGG_HEADS_URL", help="Adresse å sende hovudet til (POST).")
@pass_ctx
@_tamper_guard
def publish_head_command(ctx: CliContext, heads_file: Path | None, url: str | None) -> None:
    """Publiser hovudet i kjeda utanfor databasen (hovudfil og/eller adresse)."""
    found = publish_head(_models(ctx), HeadTargets(file=heads_file, url=url or None))
    console.print(f"Publiserte hovudet på posisjon {found.position}: {found.hash}")


@audit.command("head")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
@_tamper_guard
def head(ctx: CliContext, as_json: bool) -> None:
    """Vis hovudet i kjeda (publiser det utanfor databasen)."""
    found = _models(ctx).chain_head()
    if as_json:
        _print_json(found.to_dict())
        return
    when = f"{format_oslo_time(found.recorded_at)} (norsk tid)" if found.recorded_at else "–"
    console.print(f"Posisjon: {found.position}\nHash: {found.hash}\nTid: {when}")


def register(cli: click.Group) -> None:
    for command in (plans, show, history, diff, dashboard, projections, audit):
        cli.add_command(command)
    hearing = cli.commands.get("hearing")
    if not isinstance(hearing, click.Group):
        raise RuntimeError("planlogg hearing må vere registrert før lesekommandoane.")
    hearing.add_command(hearing_show)
