"""Commands that change plans, decisions and approvals (`planlogg measure reword …`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from domain.dates import check_period, parse_norwegian_date
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import ValidationError
from domain.plan_outline import PlanOutline
from domain.prose_plan import read_plan
from domain.provenance import Provenance, Source
from sync.table_files import read_table_file
from web.cli.context import NUMBER, CliContext, pass_ctx
from web.cli.outline_report import render_outline

console = Console()


def _date(value: str) -> date:
    return parse_norwegian_date(value, default_year=date.today().year)


def _marks(pairs: tuple[str, ...]) -> dict[int, str]:
    """Read year marks written as 2022=x, 2023="x høst"."""
    marks: dict[int, str] = {}
    for pair in pairs:
        year, sep, mark = pair.partition("=")
        if not sep or not year.strip().isdigit():
            raise ValidationError(f'"{pair}" må skrivast som ÅR=MERKE, t.d. 2023="x høst".')
        marks[int(year)] = mark
    return marks


def _done(message: str) -> None:
    console.print(f"[green]✓[/green] {message}")


@click.command("demo")
@pass_ctx
def demo(ctx: CliContext) -> None:
    """Last inn demoplanen om han manglar.

    Demoplanen er handlingsplanen 2022–2024 for St. Olavs hospital og kommunane.
    """
    if load_demo(ctx.app):
        _done(f"Demoplanen {DEMO_PLAN} er lasta inn.")
    else:
        _done(f"Demoplanen {DEMO_PLAN} finst alt.")


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--key", help="Plannøkkel, t.d. st-olavs-2022-2024 (ikkje ved --dry-run).")
@click.option("--owner", help="Helsefellesskapet som eig planen (ikkje ved --dry-run).")
@click.option(
    "--dry-run", is_flag=True, help="Vis kva som vart forstått av fila, utan å lagre noko."
)
@click.option(
    "--skip-unplaced",
    is_flag=True,
    help="Importer sjølv om nokre linjer ikkje fann plass (dei vert ikkje importerte).",
)
@pass_ctx
def import_(
    ctx: CliContext,
    file: Path,
    key: str | None,
    owner: str | None,
    dry_run: bool,
    skip_unplaced: bool,
) -> None:
    """Importer ein plan (alt eller ingenting).

    Fila kan vere ein tabell (tabulatorseparert tekst, CSV, .xlsx, tabell i
    .docx) eller skriven som løpande tekst (.txt kopiert frå ei nettside eller
    ein PDF, eller .docx). Bruk --dry-run for å sjå kva som vart forstått.
    """
    outline = read_plan(read_table_file(file))
    table = outline.to_table(skip_unplaced=skip_unplaced)
    if dry_run:
        for line in render_outline(outline, skip_unplaced=skip_unplaced):
            click.echo(line)
        if table.problems:
            raise ValidationError("Importen ville blitt stoppa (sjå over). Ingenting er lagra.")
        click.echo("Ingenting er lagra (--dry-run).")
        return
    if not key or not owner:
        raise click.UsageError("--key og --owner må vere med når planen skal importerast.")
    for problem in table.problems:
        click.secho(f"Linje {problem.line}: {problem.reason}", fg="red", err=True)
    if outline.unplaced and not skip_unplaced:
        click.secho(
            "Sjå kva som vart forstått med --dry-run; importer med --skip-unplaced når "
            "linjene som ikkje fann plass kan utelatast.",
            fg="red",
            err=True,
        )
    by = Provenance(
        ctx.actor, Source.IMPORT, ctx.reason or f"Import frå {file.name}", ctx.by.decision
    )
    with Progress(
        TextColumn("Importerer tiltak"), BarColumn(), MofNCompleteColumn(), console=console
    ) as progress:
        task = progress.add_task("import", total=len(table.measures))
        plan = ctx.app.import_plan(
            key, table, owner, by, progress=lambda n: progress.update(task, completed=n)
        )
    _done(
        f"Importerte {plan.key}: {len(plan.areas)} område, {len(plan.goals)} mål, "
        f"{len(plan.measures)} tiltak."
    )
    _report_left_out(outline)
    _unknown_bodies(ctx, plan.key, dict.fromkeys(b for m in table.measures for b in m.responsible))


def _unknown_bodies(ctx: CliContext, key: str, names: Iterable[str]) -> None:
    """Name each responsible body the community has not registered, with the nearest name."""
    for unknown in ctx.app.unknown_bodies(key, names):
        click.secho(unknown.message, fg="yellow")


def _report_left_out(outline: PlanOutline) -> None:
    """Say what the file holds that was not stored, so nothing goes missing unseen."""
    if outline.unplaced:
        lines = ", ".join(str(u.line) for u in outline.unplaced)
        click.echo(f"Ikkje importert (fann ingen plass): linje {lines}.")
    descriptions = sum(1 for measure in outline.measures if measure.description)
    if outline.notes or descriptions or outline.intro:
        click.echo(
            f"Ikkje lagra enno (Planlogg har ikkje felt for dei): {len(outline.notes)} "
            f"merknader til mål, {descriptions} skildringar av tiltak, "
            f"{len(outline.intro)} avsnitt innleiing. Sjå dei med --dry-run."
        )


@click.group("community")
def community() -> None:
    """Helsefellesskap og organa deira."""


@community.command("add")
@click.argument("key")
@click.argument("name")
@pass_ctx
def community_add(ctx: CliContext, key: str, name: str) -> None:
    """Registrer eit helsefellesskap."""
    ctx.app.register_community(key, name, ctx.by)
    _done(f"Registrerte {name}.")


@click.group("plan")
def plan() -> None:
    """Opprett planar, område og mål."""


@plan.command("create")
@click.argument("key")
@click.option("--title", required=True)
@click.option("--owner", required=True, help="Helsefellesskapet som eig planen.")
@click.option("--years", required=True, help="Planperioden, t.d. 2022-2024.")
@pass_ctx
def plan_create(ctx: CliContext, key: str, title: str, owner: str, years: str) -> None:
    """Opprett ein ny plan (som utkast)."""
    first, _, last = years.partition("-")
    if not first.strip().isdigit() or not (last or first).strip().isdigit():
        raise ValidationError(f'"{years}" er ikkje ein periode. Skriv t.d. 2022-2024.')
    first_year, last_year = check_period(int(first), int(last or first))
    ctx.app.create_plan(key, title, owner, first_year, last_year, ctx.by)
    _done(f"Oppretta planen {key}.")


@plan.command("area")
@click.argument("key")
@click.argument("number")
@click.argument("title")
@pass_ctx
def plan_area(ctx: CliContext, key: str, number: str, title: str) -> None:
    """Legg til eit innsatsområde."""
    ctx.app.add_area(key, number, title, ctx.by)
    _done(f"La til område {number}.")


@plan.command("goal")
@click.argument("key")
@click.argument("number")
@click.argument("text")
@pass_ctx
def plan_goal(ctx: CliContext, key: str, number: str, text: str) -> None:
    """Legg til eit mål."""
    ctx.app.add_goal(key, number, text, ctx.by)
    _done(f"La til mål {number}.")


@click.group("measure")
def measure() -> None:
    """Legg til og endre tiltak. MEASURE er nummeret (2.1.2A) eller ID-en (T012)."""


@measure.command("add")
@click.argument("key")
@click.argument("number")
@click.argument("text")
@click.option("--responsible", "-r", multiple=True, help="Ansvarleg organ (kan gjentakast).")
@click.option("--year", "-y", "years", multiple=True, help='Årsmerke, t.d. 2023="x høst".')
@pass_ctx
def measure_add(
    ctx: CliContext,
    key: str,
    number: str,
    text: str,
    responsible: tuple[str, ...],
    years: tuple[str, ...],
) -> None:
    """Legg til eit tiltak."""
    measure_id = ctx.app.add_measure(
        key, number, text, ctx.by, responsible=responsible, marks=_marks(years)
    )
    _done(f"La til tiltak {number} ({measure_id}).")
    _unknown_bodies(ctx, key, responsible)


@measure.command("reword")
@click.argument("key")
@click.argument("measure_ref")
@click.argument("text")
@click.option(
    "--expected-revision", type=NUMBER, help="Avvis om tiltaket er endra sidan denne revisjonen."
)
@pass_ctx
def measure_reword(
    ctx: CliContext, key: str, measure_ref: str, text: str, expected_revision: int | None
) -> None:
    """Endre teksten i eit tiltak."""
    ctx.app.reword_measure(key, measure_ref, text, ctx.by, expected_revision)
    _done(f"Endra teksten i {measure_ref}.")


@measure.command("move")
@click.argument("key")
@click.argument("measure_ref")
@click.argument("number")
@pass_ctx
def measure_move(ctx: CliContext, key: str, measure_ref: str, number: str) -> None:
    """Gi tiltaket nytt nummer (flytt det til eit anna mål)."""
    ctx.app.move_measure(key, measure_ref, number, ctx.by)
    _done(f"{measure_ref} har no nummer {number}.")


@measure.command("remove")
@click.argument("key")
@click.argument("measure_ref")
@pass_ctx
def measure_remove(ctx: CliContext, key: str, measure_ref: str) -> None:
    """Fjern eit tiltak (kan gjenopprettast)."""
    ctx.app.remove_measure(key, measure_ref, ctx.by)
    _done(f"Fjerna {measure_ref}.")


@measure.command("restore")
@click.argument("key")
@click.argument("measure_id")
@pass_ctx
def measure_restore(ctx: CliContext, key: str, measure_id: str) -> None:
    """Gjenopprett eit fjerna tiltak (oppgje ID-en, t.d. T012)."""
    ctx.app.restore_measure(key, measure_id, ctx.by)
    _done(f"Gjenoppretta {measure_id}.")


@measure.command("assign")
@click.argument("key")
@click.argument("measure_ref")
@click.argument("bodies", nargs=-1, required=True)
@pass_ctx
def measure_assign(ctx: CliContext, key: str, measure_ref: str, bodies: tuple[str, ...]) -> None:
    """Set kven som har ansvaret for tiltaket."""
    ctx.app.assign_responsible(key, measure_ref, bodies, ctx.by)
    _done(f"Ansvar for {measure_ref}: {', '.join(bodies)}.")
    _unknown_bodies(ctx, key, bodies)


@measure.command("timeframe")
@click.argument("key")
@click.argument("measure_ref")
@click.argument("marks", nargs=-1)
@click.option("--note", default=None, help='Fritekst, t.d. "innen 1. april".')
@pass_ctx
def measure_timeframe(
    ctx: CliContext, key: str, measure_ref: str, marks: tuple[str, ...], note: str | None
) -> None:
    """Set tidsramma: ÅR=MERKE for kvart år, t.d. 2022=x 2023="x høst" 2024=-.

    Utan årsmerke står merka som dei er (berre --note vert endra)."""
    ctx.app.set_timeframe(key, measure_ref, _marks(marks) if marks else None, ctx.by, note=note)
    _done(f"Tidsramma for {measure_ref} er lagra.")


@measure.command("smart")
@click.argument("key")
@click.argument("measure_ref")
@click.option("--indicator", default="")
@click.option("--target", default="")
@click.option("--deadline", default=None, help="Frist, t.d. 01.04.2025.")
@pass_ctx
def measure_smart(
    ctx: CliContext, key: str, measure_ref: str, indicator: str, target: str, deadline: str | None
) -> None:
    """Set SMART-felta: indikator, målverdi og frist."""
    ctx.app.set_smart_criteria(
        key, measure_ref, ctx.by, indicator, target, _date(deadline) if deadline else None
    )
    _done(f"SMART-felta for {measure_ref} er lagra.")


@measure.command("tag")
@click.argument("key")
@click.argument("measure_ref")
@click.option(
    "--group", "groups", multiple=True, help="Pasientgruppe (barn_og_unge, psykisk_rus …)."
)
@click.option("--topic", "topics", multiple=True, help="Tema i § 6-2 (1–13).")
@pass_ctx
def measure_tag(
    ctx: CliContext, key: str, measure_ref: str, groups: tuple[str, ...], topics: tuple[str, ...]
) -> None:
    """Merk tiltaket med pasientgrupper og tema i § 6-2."""
    from domain.vocabulary import parse_patient_group

    ctx.app.tag_measure(key, measure_ref, [parse_patient_group(g) for g in groups], topics, ctx.by)
    _done(f"Merkte {measure_ref}.")


@measure.command("evaluate")
@click.argument("key")
@click.argument("measure_ref")
@click.option(
    "--year", type=click.IntRange(1900, 2200), required=True, help="Året som vert evaluert."
)
@click.option("--result", required=True, help="oppnådd, delvis (oppnådd) eller ikkje oppnådd.")
@click.option("--led-to", required=True, help="Kva tiltaket førte til.")
@click.option("--recommend", required=True, help="Tilråding: vidareføre, endre eller avslutte.")
@click.option("--body", required=True, help="Organet som evaluerer.")
@click.option(
    "--date", "evaluated_on", default=None, help="Dato for evalueringa (standard: i dag)."
)
@click.option("--replace", is_flag=True, help="Erstatt ei evaluering av same året.")
@pass_ctx
def measure_evaluate(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    year: int,
    result: str,
    led_to: str,
    recommend: str,
    body: str,
    evaluated_on: str | None,
    replace: bool,
) -> None:
    """Evaluer eit tiltak for eitt år: resultat, kva det førte til, og tilråding."""
    ctx.app.evaluate_measure(
        key,
        measure_ref,
        year,
        result,
        led_to,
        recommend,
        body,
        ctx.by,
        evaluated_on=_date(evaluated_on) if evaluated_on else None,
        replace=replace,
    )
    _done(f"Evalueringa av {measure_ref} for {year} er lagra.")


@click.command("status")
@click.argument("key")
@click.argument("measure_ref")
@click.argument("colour")
@click.option("--comment", default="")
@click.option("--date", "reported_on", default=None, help="Dato for rapporten (standard: i dag).")
@click.option("--body", default="", help="Organet som rapporterer.")
@pass_ctx
def status(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    colour: str,
    comment: str,
    reported_on: str | None,
    body: str,
) -> None:
    """Rapporter status (grønn, gul eller rød) for eit tiltak."""
    ctx.app.report_status(
        key,
        measure_ref,
        colour,
        comment,
        ctx.by,
        reported_on=_date(reported_on) if reported_on else None,
        body=body,
    )
    _done(f"Status for {measure_ref} er rapportert.")


@click.group("hearing")
def hearing() -> None:
    """Høyring av utkastet: kven som vart spurde, fråsegnene og svara på dei."""


@hearing.command("send")
@click.argument("key")
@click.option("--deadline", required=True, help="Høyringsfrist, t.d. 01.03.2025.")
@click.option(
    "--to",
    "asked",
    multiple=True,
    help="Høyringsinstans (organ eller organisasjon); fleire gonger.",
)
@pass_ctx
def hearing_send(ctx: CliContext, key: str, deadline: str, asked: tuple[str, ...]) -> None:
    """Send utkastet på høyring til dei nemnde høyringsinstansane."""
    ctx.app.send_on_hearing(key, _date(deadline), ctx.by, asked=asked)
    to = f" til {', '.join(asked)}" if asked else ""
    _done(f"{key} er send på høyring{to}.")


@hearing.command("respond")
@click.argument("key")
@click.option("--from", "respondent", required=True, help="Kven fråsegna kjem frå.")
@click.option("--text", required=True, help="Kva fråsegna seier (eller eit samandrag).")
@click.option("--date", "received_on", default=None, help="Når ho kom inn (standard: i dag).")
@click.option(
    "--attachment",
    "attachments",
    multiple=True,
    help="Vedlegg som filnamn eller adresse (berre tilvisinga vert lagra); fleire gonger.",
)
@pass_ctx
def hearing_respond(
    ctx: CliContext,
    key: str,
    respondent: str,
    text: str,
    received_on: str | None,
    attachments: tuple[str, ...],
) -> None:
    """Registrer ei høyringsfråsegn."""
    response_id = ctx.app.receive_hearing_response(
        key,
        respondent,
        text,
        ctx.by,
        received_on=_date(received_on) if received_on else None,
        attachments=attachments,
    )
    _done(f"Registrerte fråsegn {response_id} frå {respondent.strip()}.")


@hearing.command("answer")
@click.argument("key")
@click.argument("response_id")
@click.option("--text", required=True, help="Sekretariatet sitt svar på fråsegna.")
@click.option("--date", "answered_on", default=None, help="Dato for svaret (standard: i dag).")
@click.option("--replace", is_flag=True, help="Erstatt eit svar som alt er gjeve.")
@pass_ctx
def hearing_answer(
    ctx: CliContext,
    key: str,
    response_id: str,
    text: str,
    answered_on: str | None,
    replace: bool,
) -> None:
    """Svar på ei høyringsfråsegn (t.d. F1)."""
    ctx.app.answer_hearing_response(
        key,
        response_id,
        text,
        ctx.by,
        answered_on=_date(answered_on) if answered_on else None,
        replace=replace,
    )
    _done(f"Svaret på {response_id.strip().upper()} er lagra.")


@click.command("submit")
@click.argument("key")
@click.option("--body", "bodies", multiple=True, required=True, help="Organ som må godkjenne.")
@pass_ctx
def submit(ctx: CliContext, key: str, bodies: tuple[str, ...]) -> None:
    """Send planen til godkjenning hos dei nemnde organa."""
    version = ctx.app.submit(key, bodies, ctx.by)
    _done(f"Versjon {version} er send til godkjenning hos {', '.join(bodies)}.")


@click.command("approve")
@click.argument("key")
@click.argument("version", type=NUMBER)
@click.option("--body", required=True)
@click.option("--case", required=True, help='Saksnummer, t.d. "sak 11/24".')
@click.option("--date", "meeting", required=True, help="Møtedato.")
@pass_ctx
def approve(ctx: CliContext, key: str, version: int, body: str, case: str, meeting: str) -> None:
    """Registrer at eit organ har godkjent ein versjon."""
    adopted = ctx.app.approve(key, version, body, case, _date(meeting), ctx.by)
    _done(f"{body} godkjende versjon {version}." + (" Planen er no vedteken." if adopted else ""))


@click.command("publish")
@click.argument("key")
@pass_ctx
def publish(ctx: CliContext, key: str) -> None:
    """Publiser den vedtekne versjonen."""
    ctx.app.publish(key, ctx.by)
    _done(f"{key} er publisert.")


@click.command("revise")
@click.argument("key")
@pass_ctx
def revise(ctx: CliContext, key: str) -> None:
    """Start ei revisjon: nytt utkast, medan vedteken versjon gjeld vidare."""
    version = ctx.app.start_revision(key, ctx.by)
    _done(f"Revisjon starta: utkast til versjon {version}.")


def register(cli: click.Group) -> None:
    for command in (
        demo,
        import_,
        community,
        plan,
        measure,
        status,
        hearing,
        submit,
        approve,
        publish,
        revise,
    ):
        cli.add_command(command)
