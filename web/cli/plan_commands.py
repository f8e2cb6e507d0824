"""Commands that change plans, decisions and approvals (`planlogg measure reword …`)."""

from __future__ import annotations

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
from domain.vocabulary import BodyKind
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
    by = Provenance(ctx.actor, Source.IMPORT, ctx.reason or f"Import frå {file.name}", ctx.decision)
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


@community.command("body")
@click.argument("key")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in BodyKind]), required=True)
@pass_ctx
def community_body(ctx: CliContext, key: str, name: str, kind: str) -> None:
    """Legg til eit organ (utval, fagråd, sekretariat)."""
    ctx.app.add_body(key, name, kind, ctx.by)
    _done(f"La til {name}.")


@community.command("contacts")
@click.argument("key")
@click.argument("name")
@click.option("--reporter", "reporters", multiple=True, help="E-post til ein som rapporterer.")
@click.option("--remind", "reminded", multiple=True, help="E-post som får påminningar.")
@pass_ctx
def community_contacts(
    ctx: CliContext, key: str, name: str, reporters: tuple[str, ...], reminded: tuple[str, ...]
) -> None:
    """Set kven som rapporterer for organet NAME, og kven som får påminningar.

    Utan --remind går påminningane til rapportørane.
    """
    ctx.app.set_body_contacts(key, name, reporters, reminded, ctx.by)
    _done(f"Kontaktane til {name} er sette.")


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


@click.command("decision")
@click.argument("community_key")
@click.argument("case")
@click.option("--body", required=True, help="Organet som gjorde vedtaket, t.d. SSU.")
@click.option("--date", "meeting", required=True, help="Møtedato, t.d. 13.03.2024.")
@click.option("--text", required=True, help="Vedtaksteksten.")
@click.option("--plan", "plan_key", default="", help="Planen vedtaket gjeld.")
@pass_ctx
def decision(
    ctx: CliContext,
    community_key: str,
    case: str,
    body: str,
    meeting: str,
    text: str,
    plan_key: str,
) -> None:
    """Registrer eit vedtak med saksnummer, til dømes «sak 11/24»."""
    reference = ctx.app.record_decision(
        community_key, case, body, _date(meeting), text, ctx.by, plan=plan_key
    )
    _done(f"Registrerte {reference}.")


@click.command("hearing")
@click.argument("key")
@click.option("--deadline", required=True, help="Høyringsfrist.")
@pass_ctx
def hearing(ctx: CliContext, key: str, deadline: str) -> None:
    """Send utkastet på høyring."""
    ctx.app.send_on_hearing(key, _date(deadline), ctx.by)
    _done(f"{key} er send på høyring.")


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
        decision,
        hearing,
        submit,
        approve,
        publish,
        revise,
    ):
        cli.add_command(command)
