"""Commands that change plans, decisions and approvals (`planlogg measure reword …`)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import click
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from domain.dates import format_norwegian_date, parse_norwegian_date, parse_period, period_words
from domain.demo import DEMO_PLAN, load_demo
from domain.errors import AlreadyAnsweredError, AlreadyEvaluatedError, RuleError, ValidationError
from domain.norwegian_time import oslo_today
from domain.numbering import parse_measure_number
from domain.own_reasons import IMPORTED
from domain.plan import Plan, evaluation_tag, evaluation_words, normal_number
from domain.plan_outline import PlanOutline
from domain.plan_table import PlanTable
from domain.prose_plan import read_plan
from domain.provenance import Provenance, Source
from domain.text import checked, excerpt
from domain.vocabulary import PATIENT_GROUP_LABELS, parse_patient_group
from language import DEFAULT, N_, Målform, _, ngettext, speaking
from sync.table_files import read_table_file
from web.api.etags import Seen, check_same_measure
from web.cli.context import (
    NUMBER,
    CliContext,
    FilePath,
    WholeNumber,
    Words,
    argument,
    command,
    console,
    done,
    group,
    option,
    pass_ctx,
)
from web.cli.outline_report import render_outline

MÅLFORM_WORDS = Words({"nb": N_("bokmål"), "nn": N_("nynorsk")}, N_("MÅLFORM"))
"""Bokmål or nynorsk, typed as nb/nn or as the word."""


def _date(value: str) -> date:
    return parse_norwegian_date(value, default_year=oslo_today().year)


def _marks(pairs: tuple[str, ...]) -> dict[int, str]:
    """Read year marks written as 2022=x, 2023="x høst"."""
    marks: dict[int, str] = {}
    for pair in pairs:
        year, sep, mark = pair.partition("=")
        if not sep or not year.strip().isdigit():
            raise ValidationError(
                _('"%(pair)s" må skrives som ÅR=MERKE, f.eks. 2023="x høst".', pair=pair)
            )
        marks[int(year)] = mark
    return marks


_MEASURE_REVISION = re.compile(r'^"?(?:(?P<measure>T\d{1,9})\.)?(?P<revision>\d{1,9})"?$')


class MeasureRevision(click.ParamType[Seen]):
    """The version of a measure its user read: its ID and revision as the API's ETag writes
    them (`T029.2`), or the revision alone (`2`, which says nothing of which measure)."""

    name = "T029.2"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Seen:
        if isinstance(value, Seen):
            return value
        found = _MEASURE_REVISION.match(str(value).strip().upper())
        if not found:
            self.fail(
                _(
                    "«%(value)s» er ikke ID-en og endringsnummeret til et tiltak, f.eks. T029.2 "
                    "(eller bare endringsnummeret).",
                    value=excerpt(str(value)),
                ),
                param,
                ctx,
            )
        return Seen(found["measure"], int(found["revision"]))


expected_revision = option(
    "--expected-revision",
    "seen",
    type=MeasureRevision(),
    default=None,
    metavar="T029.2",
    help=N_(
        "Tiltaket slik du hentet det: ID-en og endringsnummeret, f.eks. T029.2 (se planlogg "
        "show PLAN --json). Er tiltaket endret siden, eller er nummeret nå et annet tiltak, "
        "lagres ingenting."
    ),
)
"""`--expected-revision` of each command that changes one measure (one definition for all)."""


def _as_read(
    ctx: CliContext, key: str, measure_ref: str, seen: Seen | None, removed: bool = False
) -> tuple[str, int | None]:
    """The measure to change and the revision its user read, checked inside the save.

    With the ID (`T029.2`), that measure is changed, once `measure_ref` is seen to name it
    still: a number another measure has taken since is refused (`web.api.etags`). `removed`:
    `measure_ref` names a removed measure (`measure restore`), by ID or the number it had.
    """
    if seen is None:
        return measure_ref, None
    if seen.measure_id is None:
        return measure_ref, seen.revision
    plan = ctx.app.get_plan(key)
    named = _removed_ones(plan, measure_ref) if removed else []
    named = named or [ctx.app.measure_id(plan, measure_ref)]
    if seen.measure_id not in named:
        check_same_measure(seen, measure_ref, ", ".join(named))
    return seen.measure_id, seen.revision


def _removed_ones(plan: Plan, measure_ref: str) -> list[str]:
    """The removed measures `measure_ref` may name: its ID, or those that had its number."""
    if measure_ref in plan.measures:
        return [measure_ref]
    wanted = parse_measure_number(measure_ref).number
    return [m.id for m in plan.measures.values() if m.removed and m.number == wanted]


@command(
    "demo",
    help=N_(
        "Last inn demoplanen hvis den mangler.\n\n"
        "Demoplanen er handlingsplanen 2022–2024 for St. Olavs hospital og kommunene."
    ),
)
@pass_ctx
def demo(ctx: CliContext) -> None:
    if load_demo(ctx.app):
        done(_("Demoplanen %(plan)s er lastet inn.", plan=DEMO_PLAN))
    else:
        done(_("Demoplanen %(plan)s finnes allerede.", plan=DEMO_PLAN))


@command(
    "import",
    help=N_(
        "Importer en plan (alt eller ingenting).\n\n"
        "Filen kan være en tabell (tabulatorseparert tekst, CSV, .xlsx, tabell i .docx) "
        "eller skrevet som løpende tekst (.txt kopiert fra en nettside eller en PDF, eller "
        ".docx). Bruk --dry-run for å se hva som ble forstått."
    ),
)
@argument("file", type=FilePath(exists=True, dir_okay=False, path_type=Path))
@option("--key", help=N_("Plannøkkel, f.eks. st-olavs-2022-2024 (ikke ved --dry-run)."))
@option("--owner", help=N_("Helsefellesskapet som eier planen (ikke ved --dry-run)."))
@option("--dry-run", is_flag=True, help=N_("Vis hva som ble forstått av filen, uten å lagre noe."))
@option(
    "--skip-unplaced",
    is_flag=True,
    help=N_("Importer selv om noen linjer ikke fant plass (de blir ikke importert)."),
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
    outline = read_plan(read_table_file(file))
    table = outline.to_table(skip_unplaced=skip_unplaced)
    if dry_run:
        for line in render_outline(outline, skip_unplaced=skip_unplaced):
            click.echo(line)
        if table.problems:
            raise ValidationError(_("Importen ville blitt stoppet (se over). Ingenting er lagret."))
        _check_years(table)
        click.echo(_("Ingenting er lagret (--dry-run)."))
        return
    if not key or not owner:
        raise click.UsageError(_("--key og --owner må være med når planen skal importeres."))
    for problem in table.problems:
        click.secho(
            _("Linje %(line)s: %(reason)s", line=problem.line, reason=problem.reason),
            fg="red",
            err=True,
        )
    if outline.unplaced and not skip_unplaced:
        click.secho(
            _(
                "Se hva som ble forstått med --dry-run; importer med --skip-unplaced når "
                "linjene som ikke fant plass kan utelates."
            ),
            fg="red",
            err=True,
        )
    if table.problems:
        raise ValidationError(_("Importen ble stoppet (se over). Ingenting er lagret."))
    reason = ctx.reason or _(IMPORTED, file=file.name)
    by = Provenance(ctx.actor, Source.IMPORT, reason, ctx.by.decision)
    with Progress(
        TextColumn(_("Importerer tiltak")), BarColumn(), MofNCompleteColumn(), console=console()
    ) as progress:
        task = progress.add_task("", total=len(table.measures))
        plan = ctx.app.import_plan(
            key, table, owner, by, progress=lambda n: progress.update(task, completed=n)
        )
    done(
        _(
            "Importerte %(plan)s: %(areas)s, %(goals)s mål, %(measures)s tiltak.",
            plan=plan.key,
            areas=ngettext("%(num)s innsatsområde", "%(num)s innsatsområder", len(plan.areas)),
            goals=len(plan.goals),
            measures=len(plan.measures),
        )
    )
    _report_left_out(outline)
    _unknown_bodies(ctx, plan.key, dict.fromkeys(b for m in table.measures for b in m.responsible))


def _check_years(table: PlanTable) -> None:
    """Refuse a table without year columns or a period, as `import_plan` does: a dry run
    said «0 problemer» and exit 0 for a file the import itself refuses (exit 3)."""
    if not (table.years or table.period):
        raise ValidationError(_("Fant ingen årskolonner eller planperiode i filen."))


def _unknown_bodies(ctx: CliContext, key: str, names: Iterable[str]) -> None:
    """Name each responsible body the community has not registered, with the nearest name."""
    for unknown in ctx.app.unknown_bodies(key, names):
        click.secho(unknown.message, fg="yellow")


def _report_left_out(outline: PlanOutline) -> None:
    """Say what the file holds that was not stored, so nothing goes missing unseen."""
    if outline.unplaced:
        lines = ", ".join(str(u.line) for u in outline.unplaced)
        click.echo(_("Ikke importert (fant ingen plass): linje %(lines)s.", lines=lines))
    descriptions = sum(1 for measure in outline.measures if measure.description)
    if outline.notes or descriptions or outline.intro:
        click.echo(
            _(
                "Ikke lagret ennå (Planlogg har ikke felt for dem): %(notes)s merknader til "
                "mål, %(descriptions)s beskrivelser av tiltak, %(intro)s avsnitt innledning. "
                "Se dem med --dry-run.",
                notes=len(outline.notes),
                descriptions=descriptions,
                intro=len(outline.intro),
            )
        )


@group("community", help=N_("Helsefellesskap, målformen deres og organene deres."))
def community() -> None:
    """Health communities."""


@community.command("add", help=N_("Registrer et helsefellesskap."))
@argument("community_key")
@argument("name")
@option(
    "--language",
    "målform",
    type=MÅLFORM_WORDS,
    default=DEFAULT,
    help=N_(
        "Målformen helsefellesskapet skriver: bokmål eller nynorsk (standard: bokmål). "
        "Sider, dokumenter, e-post og kommandolinjen bruker den for planene deres."
    ),
)
@pass_ctx
def community_add(ctx: CliContext, community_key: str, name: str, målform: Målform) -> None:
    ctx.app.register_community(community_key, name, ctx.by, language=målform)
    done(
        _("Registrerte %(name)s (%(målform)s).", name=name, målform=_(MÅLFORM_WORDS.words[målform]))
    )


@community.command(
    "language",
    help=N_(
        "Velg målformen et helsefellesskap skriver: bokmål (nb) eller nynorsk (nn). Sider, "
        "dokumenter, e-post og kommandolinjen bruker den for planene deres."
    ),
)
@argument("community_key")
@argument("målform", type=MÅLFORM_WORDS)
@pass_ctx
def community_language(ctx: CliContext, community_key: str, målform: Målform) -> None:
    changed = ctx.app.choose_community_language(community_key, målform, ctx.by)
    name = ctx.app.get_community(community_key).name
    with speaking(målform):
        word = _(MÅLFORM_WORDS.words[målform])
        if changed:
            done(_("%(name)s skriver nå %(målform)s.", name=name, målform=word))
        else:
            done(_("%(name)s skriver allerede %(målform)s.", name=name, målform=word))


@group(
    "plan",
    help=N_("Opprett planer, gi dem ny tittel eller periode, og legg til innsatsområder og mål."),
)
def plan() -> None:
    """Plans."""


@plan.command("create", help=N_("Opprett en ny plan (som utkast)."))
@argument("key")
@option("--title", required=True, help=N_("Tittelen på planen."))
@option("--owner", required=True, help=N_("Helsefellesskapet som eier planen."))
@option("--years", required=True, metavar=N_("PERIODE"), help=N_("Planperioden, f.eks. 2022-2024."))
@pass_ctx
def plan_create(ctx: CliContext, key: str, title: str, owner: str, years: str) -> None:
    first_year, last_year = parse_period(years)
    ctx.app.create_plan(key, title, owner, first_year, last_year, ctx.by)
    done(_("Opprettet planen %(plan)s.", plan=key))


@plan.command(
    "retitle",
    help=N_(
        "Gi planen en ny tittel.\n\n"
        "Tittelen den hadde, står fortsatt i endringsloggen. En vedtatt plan får ny tittel i "
        "en revisjon (planlogg revise)."
    ),
)
@argument("key")
@argument("title")
@option(
    "--replacing",
    "seen",
    default=None,
    help=N_("Tittelen du leste: er den endret siden, lagres ingenting."),
)
@pass_ctx
def plan_retitle(ctx: CliContext, key: str, title: str, seen: str | None) -> None:
    before = ctx.app.retitle_plan(key, title, ctx.by, seen=seen)
    done(
        _(
            "%(plan)s har fått ny tittel: «%(new)s» (før: «%(old)s»).",
            plan=key,
            new=ctx.app.get_plan(key).header.title,
            old=before,
        )
    )


@plan.command(
    "period",
    help=N_(
        "Endre planperioden, f.eks. 2022-2025, eller ett år: 2022.\n\n"
        "Perioden den hadde, står fortsatt i endringsloggen. En vedtatt plan får ny periode "
        "i en revisjon (planlogg revise)."
    ),
)
@argument("key")
@argument("years", metavar=N_("PERIODE"))
@option(
    "--replacing",
    "seen",
    default=None,
    metavar=N_("PERIODE"),
    help=N_("Planperioden du leste, f.eks. 2022-2024: er den endret siden, lagres ingenting."),
)
@pass_ctx
def plan_period(ctx: CliContext, key: str, years: str, seen: str | None) -> None:
    first_year, last_year = parse_period(years)
    before = ctx.app.change_period(
        key,
        first_year,
        last_year,
        ctx.by,
        seen=parse_period(seen) if seen is not None else None,
    )
    done(
        _(
            "Planperioden for %(plan)s er endret fra %(old)s til %(new)s.",
            plan=key,
            old=period_words(*before),
            new=period_words(first_year, last_year),
        )
    )


@plan.command("area", help=N_("Legg til et innsatsområde."))
@argument("key")
@argument("number")
@argument("title")
@pass_ctx
def plan_area(ctx: CliContext, key: str, number: str, title: str) -> None:
    ctx.app.add_area(key, number, title, ctx.by)
    done(_("La til innsatsområde %(number)s.", number=normal_number(number)))


@plan.command("goal", help=N_("Legg til et mål."))
@argument("key")
@argument("number")
@argument("text")
@pass_ctx
def plan_goal(ctx: CliContext, key: str, number: str, text: str) -> None:
    ctx.app.add_goal(key, number, text, ctx.by)
    done(_("La til mål %(number)s.", number=normal_number(number)))


@group(
    "measure",
    help=N_("Legg til og endre tiltak. TILTAK er nummeret (2.1.2A) eller ID-en (T012)."),
)
def measure() -> None:
    """Measures."""


@measure.command("add", help=N_("Legg til et tiltak."))
@argument("key")
@argument("number")
@argument("text")
@option("--responsible", "-r", multiple=True, help=N_("Ansvarlig organ (kan gjentas)."))
@option(
    "--year",
    "-y",
    "years",
    multiple=True,
    metavar=N_("ÅR=MERKE"),
    help=N_('Årsmerke, f.eks. 2023="x høst".'),
)
@pass_ctx
def measure_add(
    ctx: CliContext,
    key: str,
    number: str,
    text: str,
    responsible: tuple[str, ...],
    years: tuple[str, ...],
) -> None:
    measure_id = ctx.app.add_measure(
        key, number, text, ctx.by, responsible=responsible, marks=_marks(years)
    )
    done(_("La til tiltak %(number)s (%(id)s).", number=number, id=measure_id))
    _unknown_bodies(ctx, key, responsible)


@measure.command("reword", help=N_("Endre teksten i et tiltak."))
@argument("key")
@argument("measure_ref")
@argument("text")
@expected_revision
@pass_ctx
def measure_reword(
    ctx: CliContext, key: str, measure_ref: str, text: str, seen: Seen | None
) -> None:
    measure, revision = _as_read(ctx, key, measure_ref, seen)
    ctx.app.reword_measure(key, measure, text, ctx.by, revision)
    done(_("Endret teksten i %(measure)s.", measure=measure_ref))


@measure.command("move", help=N_("Gi tiltaket nytt nummer (flytt det til et annet mål)."))
@argument("key")
@argument("measure_ref")
@argument("number")
@expected_revision
@pass_ctx
def measure_move(
    ctx: CliContext, key: str, measure_ref: str, number: str, seen: Seen | None
) -> None:
    measure, revision = _as_read(ctx, key, measure_ref, seen)
    ctx.app.move_measure(key, measure, number, ctx.by, revision)
    done(_("%(measure)s har nå nummer %(number)s.", measure=measure_ref, number=number))


@measure.command("remove", help=N_("Fjern et tiltak (kan gjenopprettes)."))
@argument("key")
@argument("measure_ref")
@expected_revision
@pass_ctx
def measure_remove(ctx: CliContext, key: str, measure_ref: str, seen: Seen | None) -> None:
    measure, revision = _as_read(ctx, key, measure_ref, seen)
    ctx.app.remove_measure(key, measure, ctx.by, revision)
    done(_("Fjernet %(measure)s.", measure=measure_ref))


@measure.command(
    "restore",
    help=N_(
        "Gjenopprett et fjernet tiltak: oppgi nummeret det hadde (f.eks. 2.1.2A), "
        "eller ID-en (f.eks. T012) når flere fjernede tiltak har hatt nummeret."
    ),
)
@argument("key")
@argument("measure_ref")
@expected_revision
@pass_ctx
def measure_restore(ctx: CliContext, key: str, measure_ref: str, seen: Seen | None) -> None:
    measure, revision = _as_read(ctx, key, measure_ref, seen, removed=True)
    ctx.app.restore_measure(key, measure, ctx.by, revision)
    done(_("Gjenopprettet %(measure)s.", measure=measure_ref))


@measure.command("assign", help=N_("Angi hvem som har ansvaret for tiltaket."))
@argument("key")
@argument("measure_ref")
@argument("bodies", nargs=-1, required=True)
@expected_revision
@pass_ctx
def measure_assign(
    ctx: CliContext, key: str, measure_ref: str, bodies: tuple[str, ...], seen: Seen | None
) -> None:
    """A blank name is refused, as `submit --body ""` refuses one: the domain drops it (an
    emptied sheet cell clears the bodies), so `assign PLAN M ""` (an empty variable in a
    script) removed every responsible body while saying «» was saved as typed."""
    for body in bodies:
        checked(body, N_("Navnet på organet"), required=True)
    measure, revision = _as_read(ctx, key, measure_ref, seen)
    ctx.app.assign_responsible(key, measure, bodies, ctx.by, revision)
    done(_("Ansvar for %(measure)s: %(bodies)s.", measure=measure_ref, bodies=", ".join(bodies)))
    _unknown_bodies(ctx, key, bodies)


@measure.command(
    "timeframe",
    help=N_(
        'Angi tidsrammen: ÅR=MERKE for hvert år, f.eks. 2022=x 2023="x høst" 2024=-.\n\n'
        "Uten årsmerker står merkene som de er (bare --note endres)."
    ),
)
@argument("key")
@argument("measure_ref")
@argument("marks", nargs=-1)
@option("--note", default=None, help=N_('Fritekst, f.eks. "innen 1. april".'))
@expected_revision
@pass_ctx
def measure_timeframe(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    marks: tuple[str, ...],
    note: str | None,
    seen: Seen | None,
) -> None:
    measure, revision = _as_read(ctx, key, measure_ref, seen)
    ctx.app.set_timeframe(
        key,
        measure,
        _marks(marks) if marks else None,
        ctx.by,
        note=note,
        expected_revision=revision,
    )
    done(_("Tidsrammen for %(measure)s er lagret.", measure=measure_ref))


@measure.command(
    "smart",
    help=N_(
        "Angi SMART-feltene: indikator, målverdi og frist.\n\n"
        'Felt du utelater, står som de er; en tom verdi (f.eks. --target "") tømmer feltet.'
    ),
)
@argument("key")
@argument("measure_ref")
@option("--indicator", default=None, help=N_("Indikatoren: hva som måles."))
@option("--target", default=None, help=N_("Målverdien."))
@option("--deadline", default=None, help=N_("Frist, f.eks. 01.04.2025."))
@expected_revision
@pass_ctx
def measure_smart(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    indicator: str | None,
    target: str | None,
    deadline: str | None,
    seen: Seen | None,
) -> None:
    """The fields left out are those stored when the command read the measure: saved at the
    revision read then (or the one `--expected-revision` names), so none changed in between
    is put back unseen."""
    if indicator is None and target is None and deadline is None:
        raise click.UsageError(_("Oppgi minst ett av --indicator, --target og --deadline."))
    plan = ctx.app.get_plan(key)
    measure = ctx.app.measure_id(plan, measure_ref)
    if seen is not None and seen.measure_id is not None:
        check_same_measure(seen, measure_ref, measure)
    stored = plan.measure(measure)
    if deadline is None:
        day = stored.smart.deadline
    else:
        day = _date(deadline) if deadline.strip() else None
    ctx.app.set_smart_criteria(
        key,
        measure,
        ctx.by,
        stored.smart.indicator if indicator is None else indicator,
        stored.smart.target if target is None else target,
        day,
        stored.revision if seen is None else seen.revision,
    )
    done(_("SMART-feltene for %(measure)s er lagret.", measure=measure_ref))


@measure.command(
    "tag",
    help=N_(
        "Merk tiltaket med pasientgrupper og tema i § 6-2.\n\n"
        "En liste du utelater, står som den er; --no-groups og --no-topics tømmer den."
    ),
)
@argument("key")
@argument("measure_ref")
@option(
    "--group",
    "groups",
    multiple=True,
    help=N_("Pasientgruppe (%(groups)s)."),
    help_values=lambda: {"groups": ", ".join(PATIENT_GROUP_LABELS.values())},
)
@option("--topic", "topics", multiple=True, help=N_("Tema i § 6-2 (1–13)."))
@option("--no-groups", "no_groups", is_flag=True, help=N_("Fjern alle pasientgruppene."))
@option("--no-topics", "no_topics", is_flag=True, help=N_("Fjern alle temaene i § 6-2."))
@expected_revision
@pass_ctx
def measure_tag(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    groups: tuple[str, ...],
    topics: tuple[str, ...],
    no_groups: bool,
    no_topics: bool,
    seen: Seen | None,
) -> None:
    """The list left out is the one stored when the command read the measure: saved at the
    revision read then (or the one `--expected-revision` names), so a list changed in
    between is not put back unseen. `--topic 5` alone once emptied the patient groups."""
    if (groups and no_groups) or (topics and no_topics):
        raise click.UsageError(
            _("--group og --no-groups (eller --topic og --no-topics) utelukker hverandre.")
        )
    if not (groups or topics or no_groups or no_topics):
        raise click.UsageError(
            _("Oppgi minst ett av --group, --topic, --no-groups og --no-topics.")
        )
    plan = ctx.app.get_plan(key)
    measure = ctx.app.measure_id(plan, measure_ref)
    if seen is not None and seen.measure_id is not None:
        check_same_measure(seen, measure_ref, measure)
    stored = plan.measure(measure)
    patient_groups = [parse_patient_group(g) for g in groups]
    ctx.app.tag_measure(
        key,
        measure,
        patient_groups if groups or no_groups else stored.patient_groups,
        topics if topics or no_topics else stored.topics,
        ctx.by,
        stored.revision if seen is None else seen.revision,
    )
    done(_("Merket %(measure)s.", measure=measure_ref))


@measure.command(
    "evaluate",
    help=N_("Evaluer et tiltak for ett år: resultat, hva det førte til, og anbefaling."),
)
@argument("key")
@argument("measure_ref")
@option("--year", type=WholeNumber(1900, 2200), required=True, help=N_("Året som evalueres."))
@option("--result", required=True, help=N_("oppnådd, delvis (oppnådd) eller ikke oppnådd."))
@option("--led-to", required=True, help=N_("Hva tiltaket førte til."))
@option("--recommend", required=True, help=N_("Anbefaling: videreføre, endre eller avslutte."))
@option("--body", required=True, help=N_("Organet som evaluerer."))
@option("--date", "evaluated_on", default=None, help=N_("Dato for evalueringen (standard: i dag)."))
@option("--replace", is_flag=True, help=N_("Erstatt en evaluering av samme år."))
@option(
    "--replacing",
    "replacing",
    default=None,
    help=N_(
        "Evalueringen du erstatter, slik du leste den: hva den sa at tiltaket førte til, eller "
        'kjennetegnet (tag) fra API-et ("" om du ikke så noen). Er den endret siden, lagres '
        "ingenting. Må være med når --replace erstatter en evaluering."
    ),
)
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
    replacing: str | None,
) -> None:
    measure, seen = _evaluation_read(ctx, key, measure_ref, year, replace, replacing)
    try:
        ctx.app.evaluate_measure(
            key,
            measure,
            year,
            result,
            led_to,
            recommend,
            body,
            ctx.by,
            evaluated_on=_date(evaluated_on) if evaluated_on else None,
            replace=replace,
            seen=seen,
        )
    except AlreadyEvaluatedError as evaluated:
        raise RuleError(
            _(
                "Tiltak %(number)s er allerede evaluert for %(year)s. "
                "Bruk --replace for å erstatte evalueringen.",
                number=evaluated.number,
                year=evaluated.year,
            )
        ) from None
    done(_("Evalueringen av %(measure)s for %(year)s er lagret.", measure=measure_ref, year=year))
    _unknown_bodies(ctx, key, [body])


def _evaluation_read(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    year: int,
    replace: bool,
    replacing: str | None,
) -> tuple[str, str | None]:
    """The measure to evaluate, and the tag of the year's evaluation its user read
    (`domain.plan.evaluation_tag`), which the save checks is still the one stored.

    `--replacing` names the evaluation read by what it said the measure led to (or by the
    API's tag); when it names the one stored now, that one's tag is sent, else what was
    typed, which is no stored evaluation's tag: the save refuses, naming the one stored.
    A replace that names none while a year is evaluated is refused before, as `hearing
    redate` refuses a correction naming no day; naming none of a year not evaluated, one
    given in between is refused (the tag of none, "")."""
    if replacing is None and not replace:
        return measure_ref, None
    plan = ctx.app.get_plan(key)
    measure = ctx.app.reporting_measure_id(plan, measure_ref)
    state = plan.measure(measure)
    stored = state.evaluations.get(year)
    if replacing is None:
        if stored is not None:
            raise ValidationError(
                _(
                    "Tiltak %(number)s er evaluert for %(year)s av %(evaluator)s: %(result)s, "
                    "«%(led_to)s», %(recommendation)s (%(body)s, %(date)s). Ingenting er "
                    'lagret. Oppgi evalueringen du erstatter (--replacing "%(led_to)s"), så '
                    "ingen annens evaluering blir erstattet uten at du har sett den.",
                    **evaluation_words(state, year, stored),
                )
            )
        return measure, evaluation_tag(None)
    typed = " ".join(replacing.split())
    if stored is not None and typed == " ".join(stored.led_to.split()):
        return measure, evaluation_tag(stored)
    return measure, typed


@command("status", help=N_("Rapporter status (grønn, gul eller rød) for et tiltak."))
@argument("key")
@argument("measure_ref")
@argument("colour")
@option("--comment", default="", help=N_("Kommentar til statusen."))
@option(
    "--date", "reported_on", default=None, help=N_("Dato for statusrapporten (standard: i dag).")
)
@option("--body", default="", help=N_("Organet som rapporterer."))
@option(
    "--replacing",
    "replacing",
    default=None,
    help=N_(
        "Statusen i den åpne runden slik du leste den: kjennetegnet (tag) fra "
        '«planlogg show PLAN --json» eller API-et ("" om du ikke så noen). Har noen andre '
        "rapportert noe annet siden, lagres ingenting."
    ),
)
@pass_ctx
def status(
    ctx: CliContext,
    key: str,
    measure_ref: str,
    colour: str,
    comment: str,
    reported_on: str | None,
    body: str,
    replacing: str | None,
) -> None:
    ctx.app.report_status(
        key,
        measure_ref,
        colour,
        comment,
        ctx.by,
        reported_on=_date(reported_on) if reported_on else None,
        body=body,
        seen=replacing.strip() if replacing is not None else None,
    )
    done(_("Status for %(measure)s er rapportert.", measure=measure_ref))


@group(
    "hearing",
    help=N_("Høring av utkastet: hvem som ble spurt, uttalelsene og svarene på dem."),
)
def hearing() -> None:
    """Hearings."""


@hearing.command("send", help=N_("Send utkastet på høring til de nevnte høringsinstansene."))
@argument("key")
@option("--deadline", required=True, help=N_("Høringsfrist, f.eks. 01.03.2025."))
@option(
    "--to",
    "asked",
    multiple=True,
    help=N_("Høringsinstans (organ eller organisasjon); flere ganger."),
)
@option(
    "--date",
    "sent_on",
    default=None,
    help=N_("Når utkastet ble sendt, f.eks. 03.02.2025 (standard: i dag)."),
)
@pass_ctx
def hearing_send(
    ctx: CliContext, key: str, deadline: str, asked: tuple[str, ...], sent_on: str | None
) -> None:
    ctx.app.send_on_hearing(
        key,
        _date(deadline),
        ctx.by,
        asked=asked,
        sent_on=_date(sent_on) if sent_on else None,
    )
    if asked:
        done(_("%(plan)s er sendt på høring til %(asked)s.", plan=key, asked=", ".join(asked)))
    else:
        done(_("%(plan)s er sendt på høring.", plan=key))


@hearing.command("respond", help=N_("Registrer en høringsuttalelse."))
@argument("key")
@option("--from", "respondent", required=True, help=N_("Hvem uttalelsen kommer fra."))
@option("--text", required=True, help=N_("Hva uttalelsen sier (eller et sammendrag)."))
@option("--date", "received_on", default=None, help=N_("Når den kom inn (standard: i dag)."))
@option(
    "--attachment",
    "attachments",
    multiple=True,
    help=N_("Vedlegg som filnavn eller adresse (bare henvisningen lagres); flere ganger."),
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
    response_id = ctx.app.receive_hearing_response(
        key,
        respondent,
        text,
        ctx.by,
        received_on=_date(received_on) if received_on else None,
        attachments=attachments,
    )
    done(
        _(
            "Registrerte uttalelse %(id)s fra %(respondent)s.",
            id=response_id,
            respondent=respondent.strip(),
        )
    )


@hearing.command("answer", help=N_("Svar på en høringsuttalelse (f.eks. F1)."))
@argument("key")
@argument("response_id")
@option("--text", required=True, help=N_("Sekretariatets svar på uttalelsen."))
@option("--date", "answered_on", default=None, help=N_("Dato for svaret (standard: i dag)."))
@option("--replace", is_flag=True, help=N_("Erstatt et svar som allerede er gitt."))
@option(
    "--replacing",
    "seen",
    default=None,
    help=N_('Svaret du leste ("" om du ikke så noe svar): er det endret siden, lagres ingenting.'),
)
@pass_ctx
def hearing_answer(
    ctx: CliContext,
    key: str,
    response_id: str,
    text: str,
    answered_on: str | None,
    replace: bool,
    seen: str | None,
) -> None:
    try:
        ctx.app.answer_hearing_response(
            key,
            response_id,
            text,
            ctx.by,
            answered_on=_date(answered_on) if answered_on else None,
            replace=replace,
            seen=seen,
        )
    except AlreadyAnsweredError as answered:
        raise RuleError(
            _(
                "Uttalelsen %(response)s fra %(respondent)s er allerede besvart. "
                "Bruk --replace for å erstatte svaret.",
                response=answered.response,
                respondent=answered.respondent,
            )
        ) from None
    done(_("Svaret på %(id)s er lagret.", id=response_id.strip().upper()))


@hearing.command(
    "extend",
    help=N_(
        "Forleng høringsfristen for alle som ble spurt.\n\n"
        "Den nye fristen må være etter fristen som gjelder nå; fristen høringen ble sendt "
        "med, står fortsatt i endringsloggen. En uttalelse er etter fristen når den kom inn etter "
        "fristen som gjelder."
    ),
)
@argument("key")
@option("--deadline", required=True, help=N_("Ny høringsfrist, f.eks. 15.03.2025."))
@option(
    "--replacing",
    "seen",
    default=None,
    help=N_("Fristen du leste: er den endret siden, lagres ingenting."),
)
@pass_ctx
def hearing_extend(ctx: CliContext, key: str, deadline: str, seen: str | None) -> None:
    new = _date(deadline)
    old = ctx.app.extend_hearing_deadline(
        key, new, ctx.by, seen=_date(seen) if seen is not None else None
    )
    done(
        _(
            "Høringsfristen for %(plan)s er forlenget fra %(old)s til %(new)s.",
            plan=key,
            old=format_norwegian_date(old),
            new=format_norwegian_date(new),
        )
    )


@hearing.command(
    "redate",
    help=N_(
        "Rett dagen utkastet ble sendt på høring, eller oppgi den for en høring registrert "
        "uten.\n\n"
        "Dagen som ble registrert først, står fortsatt i endringsloggen. Ingen uttalelse kan "
        "ha kommet inn før dagen, og den kan ikke være etter høringsfristen."
    ),
)
@argument("key")
@option("--date", "sent_on", required=True, help=N_("Dagen utkastet ble sendt, f.eks. 03.02.2025."))
@option(
    "--replacing",
    "seen",
    default=None,
    help=N_(
        "Dagen du retter, slik du leste den (kan utelates når ingen dag er registrert): er "
        "den endret siden, lagres ingenting."
    ),
)
@option(
    "--version",
    type=NUMBER,
    default=None,
    help=N_("Høringen av denne versjonen (standard: den siste høringen)."),
)
@option(
    "--reason",
    "why",
    required=True,
    help=N_("Hvorfor dagen rettes, f.eks. «feil dato registrert»."),
)
@pass_ctx
def hearing_redate(
    ctx: CliContext, key: str, sent_on: str, seen: str | None, version: int | None, why: str
) -> None:
    """The command's own `--reason` is the one kept: it is required here, so one given
    before the command as well (`planlogg --reason …`) does not set it aside."""
    by = replace(ctx.by, reason=why.strip())
    day = _date(sent_on)
    before = ctx.app.correct_hearing_sent_date(
        key, day, by, seen=_date(seen) if seen is not None else None, version=version
    )
    if before.sent_on is None:
        said = _(
            "Høringen av versjon %(version)s av %(plan)s er registrert sendt %(new)s.",
            version=before.version,
            plan=key,
            new=format_norwegian_date(day),
        )
    else:
        said = _(
            "Dagen høringen av versjon %(version)s av %(plan)s ble sendt, er rettet fra "
            "%(old)s til %(new)s.",
            version=before.version,
            plan=key,
            old=format_norwegian_date(before.sent_on),
            new=format_norwegian_date(day),
        )
    done(said)


@hearing.command(
    "withdraw",
    help=N_(
        "Trekk tilbake en uttalelse som ble registrert ved en feil (f.eks. F2).\n\n"
        "Uttalelsen blir stående i høringen, merket som trukket tilbake med begrunnelsen, "
        "men telles ikke lenger og kan ikke besvares. ID-en brukes aldri igjen."
    ),
)
@argument("key")
@argument("response_id")
@option(
    "--reason",
    "why",
    required=True,
    help=N_("Hvorfor uttalelsen trekkes tilbake, f.eks. «registrert to ganger»."),
)
@pass_ctx
def hearing_withdraw(ctx: CliContext, key: str, response_id: str, why: str) -> None:
    by = ctx.by if ctx.by.reason else replace(ctx.by, reason=why.strip())
    withdrawn = ctx.app.withdraw_hearing_response(key, response_id, why, by)
    done(
        _(
            "Uttalelse %(id)s fra %(respondent)s er trukket tilbake.",
            id=withdrawn.id,
            respondent=withdrawn.respondent,
        )
    )


@command("submit", help=N_("Send planen til godkjenning hos de nevnte organene."))
@argument("key")
@option("--body", "bodies", multiple=True, required=True, help=N_("Organ som må godkjenne."))
@pass_ctx
def submit(ctx: CliContext, key: str, bodies: tuple[str, ...]) -> None:
    version = ctx.app.submit(key, bodies, ctx.by)
    done(
        _(
            "Versjon %(version)s er sendt til godkjenning hos %(bodies)s.",
            version=version,
            bodies=", ".join(bodies),
        )
    )
    _unknown_bodies(ctx, key, bodies)


@command("approve", help=N_("Registrer at et organ har godkjent en versjon."))
@argument("key")
@argument("version", type=NUMBER)
@option("--body", required=True, help=N_("Organet som godkjenner."))
@option("--case", required=True, help=N_('Saksnummer, f.eks. "sak 11/24".'))
@option("--date", "meeting", required=True, help=N_("Møtedato."))
@pass_ctx
def approve(ctx: CliContext, key: str, version: int, body: str, case: str, meeting: str) -> None:
    adopted = ctx.app.approve(key, version, body, case, _date(meeting), ctx.by)
    if adopted:
        done(
            _(
                "%(body)s godkjente versjon %(version)s. Planen er nå vedtatt.",
                body=body,
                version=version,
            )
        )
    else:
        done(_("%(body)s godkjente versjon %(version)s.", body=body, version=version))


@command(
    "withdraw-approval",
    help=N_(
        "Trekk tilbake en godkjenning som ble registrert ved en feil.\n\n"
        "Bare til versjonen er vedtatt. Organet venter da på nytt, og endringsloggen viser "
        "godkjenningen som ble trukket tilbake, med begrunnelsen."
    ),
)
@argument("key")
@argument("version", type=NUMBER)
@option("--body", required=True, help=N_("Organet som godkjente."))
@option(
    "--reason",
    "why",
    required=True,
    help=N_("Hvorfor godkjenningen trekkes tilbake, f.eks. «registrert for feil organ»."),
)
@pass_ctx
def withdraw_approval(ctx: CliContext, key: str, version: int, body: str, why: str) -> None:
    by = ctx.by if ctx.by.reason else replace(ctx.by, reason=why.strip())
    approving, withdrawn = ctx.app.withdraw_approval(key, version, body, why, by)
    done(
        _(
            "Godkjenningen fra %(body)s av versjon %(version)s (%(case)s) er trukket tilbake.",
            body=approving,
            version=version,
            case=withdrawn.case,
        )
    )


@command("publish", help=N_("Publiser den vedtatte versjonen."))
@argument("key")
@pass_ctx
def publish(ctx: CliContext, key: str) -> None:
    ctx.app.publish(key, ctx.by)
    done(_("%(plan)s er publisert.", plan=key))


@command(
    "revise",
    help=N_("Start en revisjon: nytt utkast, mens den vedtatte versjonen fortsatt gjelder."),
)
@argument("key")
@pass_ctx
def revise(ctx: CliContext, key: str) -> None:
    version = ctx.app.start_revision(key, ctx.by)
    done(_("Revisjon startet: utkast til versjon %(version)s.", version=version))


def register(cli: click.Group) -> None:
    for command_ in (
        demo,
        import_,
        community,
        plan,
        measure,
        status,
        hearing,
        submit,
        approve,
        withdraw_approval,
        publish,
        revise,
    ):
        cli.add_command(command_)
