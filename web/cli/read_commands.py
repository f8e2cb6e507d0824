"""Commands that read: plans, history, versions, dashboard, rebuilds and the audit chain.

`planlogg history PLAN --json`, `planlogg show PLAN --json --as-of DATETIME` and
`planlogg audit verify` are contracts scripts rely on: JSON on stdout, and
`audit verify` exits 0 when the chain is intact and 7 (naming the first bad
position) when any stored event was altered, removed, inserted or reordered.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

import click
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
from rich.text import Text

from domain.dates import check_date, format_norwegian_date, parse_norwegian_date, period_words
from domain.errors import NotFoundError, ValidationError
from domain.hearing import LATE, WITHDRAWN, marked_late
from domain.norwegian_time import format_oslo_date, format_oslo_time
from domain.plan import no_such_plan, plan_id, status_tag
from domain.reminders import unasked_words
from domain.richtext import inline_html
from domain.text import excerpt
from domain.vocabulary import COLOUR_LABELS, SOURCE_LABELS, colour_word, source_word, stage_word
from language import N_, _, ngettext
from projections import AuditQuery, ChainBrokenError, PlanDocument, ReadModels
from projections.audit_labels import field_label, field_named, reason_label, value_label
from projections.documents import ChainReport, ClosedRound, HearingDoc, VersionDiff
from projections.heads import (
    HeadTargets,
    checked_hash,
    publish_head,
    read_heads,
    verify_published,
)
from projections.plan_documents import with_body_names
from projections.read_models import moment
from web.cli.context import (
    NUMBER,
    POSITION,
    CliContext,
    FilePath,
    WholeNumber,
    Words,
    argument,
    cli_table,
    command,
    console,
    done,
    group,
    option,
    pass_ctx,
)
from web.smart_criteria import smart_words

EXIT_TAMPERED = 7

_EMPHASIS_TAG = re.compile(r"</?(?:em|strong)>")

F = TypeVar("F", bound=Callable[..., Any])

SOURCES = Words({code: SOURCE_LABELS.key(code) for code in SOURCE_LABELS}, N_("KILDE"))
"""Where a change came from, typed as its code or its word in either målform."""

PLAN_COLUMNS = (N_("Nr."), N_("Tiltak"), N_("Ansvar"), N_("Tidsramme"), N_("Status"),
                N_("Sist endret"))  # fmt: skip
PLANS_COLUMNS = (N_("Nøkkel"), N_("Tittel"), N_("Eier"), N_("Stadium"), N_("Versjon"),
                 N_("Vedtatt"), N_("Periode"))  # fmt: skip
HISTORY_COLUMNS = (N_("Tid (norsk tid)"), N_("Person"), N_("Kilde"), N_("Tiltak"), N_("Felt"),
                   N_("Før"), N_("Etter"), N_("Vedtak"), N_("Begrunnelse"))  # fmt: skip
COUNT_COLUMNS = ("", N_("Grønn"), N_("Gul"), N_("Rød"), N_("Ikke rapportert"))


def _colour(code: str) -> Text:
    """A status colour in its own colour, in the målform spoken."""
    return Text(colour_word(code), style=code) if code in COLOUR_LABELS else Text("–")


def _stage(code: str) -> str:
    return stage_word(code)


def _source(code: str) -> str:
    return source_word(code)


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
                _(
                    "Feil: endringsloggen er endret på posisjon %(position)s: %(reason)s. "
                    "Kjør «planlogg audit verify».",
                    position=error.position,
                    reason=error.reason,
                ),
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
            _(
                '%(option)s: forstår ikke "%(text)s". Skriv f.eks. 2025-03-01, '
                "2025-03-01T14:30 eller 01.03.2025.",
                option=option,
                text=excerpt(text),
            )
        ) from None


def _print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def _day(iso_date: str) -> str:
    return format_norwegian_date(date.fromisoformat(iso_date))


def plain_text(text: str) -> str:
    """Canonical measure text (`domain.richtext`) as read on paper: without the `*` and `**`
    of its emphasis, paired by the module's own rules (a lone `*` stays)."""
    return "\n".join(_plain_line(line) for line in text.splitlines())


def _plain_line(line: str) -> str:
    bullet, words = ("- ", line.strip()[2:]) if line.strip().startswith("- ") else ("", line)
    return bullet + html.unescape(_EMPHASIS_TAG.sub("", inline_html(words)))


def _plan_table(document: PlanDocument) -> None:
    if document.kind == "as_of" and document.as_of:
        heading = _("slik planen var %(time)s (norsk tid)", time=format_oslo_time(document.as_of))
    elif document.kind == "adopted":
        heading = _("vedtatt versjon %(version)s", version=document.version)
    else:
        heading = _(
            "arbeidsversjon %(version)s (%(stage)s)",
            version=document.version,
            stage=_stage(document.stage),
        )
    table = cli_table(
        PLAN_COLUMNS, whole=(0,), title=f"{document.title}\n{document.key}: {heading}"
    )
    for area in document.areas:
        title = plain_text(area.title)
        table.add_row(Text(area.number, style="bold"), Text(title, style="bold"), "", "", "", "")
        for goal in area.goals:
            text = plain_text(goal.text)
            table.add_row(
                Text(goal.number, style="italic"), Text(text, style="italic"), "", "", "", ""
            )
            for m in goal.measures:
                table.add_row(
                    m.number,
                    plain_text(m.text),
                    ", ".join(m.responsible),
                    ", ".join(f"{y}: {v}" for y, v in m.marks.items()),
                    _colour(m.status.colour) if m.status else "–",
                    f"{format_oslo_date(m.last_change.at)} {m.last_change.by}"
                    if m.last_change
                    else "",
                )
    console().print(table)
    for approval in document.approvals:
        console().print(
            escape(
                _(
                    "Godkjent av %(body)s, %(case)s, %(date)s",
                    body=approval.body,
                    case=approval.case,
                    date=_day(approval.meeting_date),
                )
            )
        )


@command("plans", help=N_("List alle planene."))
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
@_tamper_guard
def plans(ctx: CliContext, as_json: bool) -> None:
    found = _models(ctx).plans()
    if as_json:
        _print_json([p.to_dict() for p in found])
        return
    table = cli_table(PLANS_COLUMNS, whole=(0, 2, 4, 5, 6), title=_("Planer"))
    for p in found:
        table.add_row(
            p.key,
            p.title,
            p.owner,
            _stage(p.stage),
            str(p.version),
            str(p.adopted_version or "–"),
            period_words(p.first_year, p.last_year),
        )
    console().print(table)


@command(
    "show",
    help=N_("Vis en plan: arbeidsversjonen, en vedtatt versjon eller planen på et tidspunkt."),
)
@argument("plan")
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@option(
    "--as-of",
    "as_of",
    help=N_("Vis planen slik den var da (dato eller tidspunkt, norsk tid)."),
)
@option("--version", "version", type=NUMBER, help=N_("Vis en vedtatt versjon."))
@pass_ctx
@_tamper_guard
def show(ctx: CliContext, plan: str, as_json: bool, as_of: str | None, version: int | None) -> None:
    models = _models(ctx)
    when = _when(as_of, "--as-of")
    if when is not None and version is not None:
        raise ValidationError(_("Bruk enten --as-of eller --version, ikke begge."))
    if when is not None:
        document = models.plan_as_of(plan, when)
        missing = _before_the_plan(ctx, plan, when) if document is None else ""
    elif version is not None:
        document = models.adopted_version(plan, version)
        missing = _(
            "Planen %(plan)s har ingen vedtatt versjon %(version)s.",
            plan=excerpt(plan),
            version=version,
        )
    else:
        document = models.current_plan(plan)
        missing = no_such_plan(plan)
    if document is None:
        raise NotFoundError(missing)
    document = with_body_names(document, models.plan_register(plan))
    if as_json:
        _print_json(_with_status_tags(document.to_dict()))
    else:
        _plan_table(document)


def _with_status_tags(data: dict[str, Any]) -> dict[str, Any]:
    """The plan's JSON with each measure's status carrying its tag, as the API's read
    gives it: what `planlogg status --replacing` names as the report read."""
    for area in data["areas"]:
        for goal in area["goals"]:
            for measure in goal["measures"]:
                status = measure.get("status")
                if status:
                    status["tag"] = status_tag(status["colour"], status["comment"])
    return data


def _before_the_plan(ctx: CliContext, plan: str, when: datetime | date) -> str:
    """Why there is no plan as of `when`: it was created later (said with when, as the
    auditors' page says it of a day and the API of a moment), or never."""
    first = next(ctx.app.events_of(plan_id(plan), upto=1), None)
    if first is None:
        return no_such_plan(plan)
    if not isinstance(when, datetime):
        return _(
            "Planlogg har planen %(plan)s fra %(created)s, da den ble lagt inn, og vet ikke "
            "hvordan den sto %(day)s. Velg en senere dato.",
            plan=plan,
            day=format_norwegian_date(when),
            created=format_oslo_date(first.timestamp),
        )
    return _(
        "Planlogg har planen %(key)s fra %(created)s, da den ble lagt inn, og vet ikke hvordan "
        "den sto %(when)s (norsk tid). Velg et senere tidspunkt.",
        key=plan,
        when=format_oslo_time(moment(when)),
        created=format_oslo_time(first.timestamp),
    )


@command(
    "history",
    help=N_(
        "Vis endringsloggen: hvem endret hva, når, hvorfra, hvorfor og etter hvilket "
        'vedtak.\n\nPLAN "" viser endringene i alle planer og i registrene.\n\n--json og '
        "--csv skriver alle rader som passer (--json: én side når --limit er gitt)."
    ),
)
@argument("plan")
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON (alle rader som passer)."))
@option("--csv", "as_csv", is_flag=True, help=N_("Skriv CSV (alle rader som passer)."))
@option(
    "--measure",
    metavar=N_("TILTAK"),
    help=N_("Tiltaksnummer (f.eks. 2.1.2A) eller tiltaks-ID (T012)."),
)
@option("--since", help=N_("Fra og med dato/tidspunkt (norsk tid)."))
@option("--until", help=N_("Til og med dato/tidspunkt (norsk tid)."))
@option("--actor", metavar=N_("NAVN"), help=N_("Bare endringer gjort av denne personen."))
@option(
    "--source",
    type=SOURCES,
    help=N_("Bare endringer fra denne kilden: nett, regneark, import, kommandolinje eller system."),
)
@option(
    "--field",
    metavar=N_("FELT"),
    help=N_("Bare endringer av dette feltet (feltnavnet slik endringsloggen viser det)."),
)
@option("--decision", help=N_('Bare endringer etter dette vedtaket, f.eks. "SSU sak 11/24".'))
@option(
    "--page",
    type=WholeNumber(min=1, max=1_000_000),
    default=1,
    show_default=True,
    help=N_("Siden som vises."),
)
@option("--limit", type=WholeNumber(min=1, max=100_000), help=N_("Rader per side (tabell: 50)."))
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
    if as_json and as_csv:
        raise ValidationError(_("Velg enten --json eller --csv."))
    query = AuditQuery(
        plan=plan,
        measure=measure,
        actor=actor,
        source=source,
        field=field_named(field) if field else None,
        decision=decision,
        since=_when(since, "--since"),
        until=_when(until, "--until"),
        offset=(page - 1) * (limit or 50),
        limit=limit or 50,
    )
    models = _models(ctx)
    if plan and not models.plan_positions(plan).exists:
        # a mistyped key showed an empty log with exit 0, as if the plan had no changes;
        # the API answers 404, and `show` exit 5 in these words
        raise NotFoundError(no_such_plan(plan))
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
    table = cli_table(
        HISTORY_COLUMNS, whole=(0, 3, 7), title=_history_title(plan, page, result.total)
    )
    names = models.audit_names({row.plan for row in result.rows})
    for row in result.rows:
        table.add_row(
            format_oslo_time(row.occurred_at),
            row.actor,
            _source(row.source),
            row.measure_number,
            field_label(row.field),
            value_label(row.field, row.before, names[row.plan]),
            value_label(row.field, row.after, names[row.plan]),
            row.decision,
            reason_label(row.reason, row.source),
        )
    console().print(table)


def _history_title(plan: str, page: int, total: int) -> str:
    """The table's title: the plan asked for, or every plan (`PLAN ""`); "1 rad", not
    "1 rader"."""
    rows = ngettext("%(num)s rad i alt", "%(num)s rader i alt", total)
    if plan:
        return _(
            "Endringslogg for %(plan)s (side %(page)s, %(rows)s)", plan=plan, page=page, rows=rows
        )
    return _(
        "Endringslogg for alle planer og registrene (side %(page)s, %(rows)s)", page=page, rows=rows
    )


@command("diff", help=N_("Vis forskjellen mellom to vedtatte versjoner."))
@argument("plan")
@argument("a", type=NUMBER)
@argument("b", type=NUMBER)
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
@_tamper_guard
def diff(ctx: CliContext, plan: str, a: int, b: int, as_json: bool) -> None:
    result = _models(ctx).diff_versions(plan, a, b)
    if as_json:
        _print_json(result.to_dict())
        return
    console().print(
        "[bold]" + escape(_("%(plan)s: versjon %(a)s → %(b)s", plan=plan, a=a, b=b)) + "[/bold]"
    )
    _print_changes(result)


def _print_changes(result: VersionDiff) -> None:
    _print_part_changes(result)
    for m in result.added:
        console().print(f"[green]+ {m.number}[/green] {escape(m.text)}")
    for m in result.removed:
        console().print(f"[red]− {m.number}[/red] {escape(m.text)}")
    for change in result.changed:
        console().print(
            f"[yellow]~ {change.number} {field_label(change.field)}[/yellow]: "
            f"«{escape(value_label(change.field, change.before))}» → "
            f"«{escape(value_label(change.field, change.after))}»"
        )
    if not (result.added or result.removed or result.changed):
        console().print(_("Ingen forskjell i tiltakene."))


def _print_part_changes(result: VersionDiff) -> None:
    """The plan's areas and goals added and removed, and what changed in the plan, its
    areas and its goals, each named as the compare page names it (audit/_diff.html)."""
    for part in result.parts_added:
        console().print(
            f"[green]+ {_part_name(part.kind, part.number)}[/green] {escape(part.text)}"
        )
    for part in result.parts_removed:
        console().print(f"[red]− {_part_name(part.kind, part.number)}[/red] {escape(part.text)}")
    for change in result.parts_changed:
        console().print(
            f"[yellow]~ {_changed_part(change.field, change.number)} "
            f"{field_label(change.field)}[/yellow]: "
            f"«{escape(value_label(change.field, change.before))}» → "
            f"«{escape(value_label(change.field, change.after))}»"
        )


def _part_name(kind: str, number: str) -> str:
    if kind == "area":
        return _("Innsatsområde %(number)s", number=number)
    return _("Mål %(number)s", number=number)


def _changed_part(field: str, number: str) -> str:
    """The part a change of `field` was made to: an area, a goal, or the plan itself."""
    if field == "area_title":
        return _part_name("area", number)
    if field == "goal_text":
        return _part_name("goal", number)
    return _("Planen")


@command(
    "show",
    help=N_(
        "Vis høringen: hvem som ble spurt, uttalelser og svar, og hva som ble endret "
        "etterpå.\n\nEndringene er fra høringsutkastet til versjonen som ble vedtatt etter "
        "høringen (eller til dagens utkast, hvis det ikke er vedtatt ennå)."
    ),
)
@argument("plan")
@option("--version", type=NUMBER, default=None, help=N_("Høringen av denne versjonen."))
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
@_tamper_guard
def hearing_show(ctx: CliContext, plan: str, version: int | None, as_json: bool) -> None:
    models = _models(ctx)
    found = models.hearing(plan, version)
    if found is None:
        if version:
            raise NotFoundError(
                _(
                    "Versjon %(version)s av %(plan)s har ikke vært på høring.",
                    version=version,
                    plan=excerpt(plan),
                )
            )
        raise NotFoundError(_("Planen %(plan)s har ikke vært på høring.", plan=excerpt(plan)))
    result = models.hearing_diff(plan, found.version)
    if as_json:
        data = result.to_dict()
        if data["hearing"] is not None:
            data["hearing"] = marked_late(data["hearing"])
        _print_json(data)
        return
    _print_hearing(found)
    if result.against == "adopted":
        title = _("Endringer fra høringsutkastet til vedtatt versjon %(version)s", version=result.b)
    else:
        title = _("Endringer fra høringsutkastet til dagens utkast")
    console().print(f"\n[bold]{title}[/bold]")
    _print_changes(result)


def _print_hearing(hearing: HearingDoc) -> None:
    """The hearing with the deadline in force (and the one sent, when extended since), each
    response marked late against the deadline in force, and those withdrawn marked so,
    with why, and counted apart. A hearing recorded before the day sent was kept (`sent_on`
    None) says that the day is not given, and the day it was recorded."""
    title = _(
        "Høring av versjon %(version)s av %(plan)s", version=hearing.version, plan=hearing.plan
    )
    sent_on = (
        _day(hearing.sent_on)
        if hearing.sent_on
        else _("(dag ikke oppgitt; registrert %(when)s)", when=format_oslo_date(hearing.sent_at))
    )
    if hearing.original_deadline not in ("", hearing.deadline):
        sent = _(
            ", frist %(deadline)s (forlenget fra %(original)s), sendt %(sent)s av %(by)s",
            deadline=_day(hearing.deadline),
            original=_day(hearing.original_deadline),
            sent=sent_on,
            by=hearing.sent_by,
        )
    else:
        sent = _(
            ", frist %(deadline)s, sendt %(sent)s av %(by)s",
            deadline=_day(hearing.deadline),
            sent=sent_on,
            by=hearing.sent_by,
        )
    decision = f" ({hearing.decision})" if hearing.decision else ""
    console().print(f"[bold]{escape(title)}[/bold]{escape(sent)}{escape(decision)}")
    asked = ", ".join(hearing.asked) or _("ingen navngitte")
    console().print(escape(_("Spurt: %(asked)s", asked=asked)))
    withdrawn = sum(1 for r in hearing.responses if r["withdrawal"])
    if withdrawn:
        counts = _(
            "Uttalelser: %(count)s, uten svar: %(unanswered)s, trukket tilbake: %(withdrawn)s",
            count=len(hearing.responses) - withdrawn,
            unanswered=hearing.unanswered,
            withdrawn=withdrawn,
        )
    else:
        counts = _(
            "Uttalelser: %(count)s, uten svar: %(unanswered)s",
            count=len(hearing.responses),
            unanswered=hearing.unanswered,
        )
    console().print(counts)
    for response in marked_late(hearing.to_dict())["responses"]:
        marks = [_(LATE)] if response["late"] else []
        withdrawal = response["withdrawal"]
        if withdrawal:
            marks.append(_(WITHDRAWN))
        marked = f" ({', '.join(marks)})" if marks else ""
        console().print(
            f"\n{response['id']} {response['respondent']}, "
            f"{_day(response['received_on'])}{marked}: {response['text']}",
            markup=False,
            highlight=False,
        )
        if response["attachments"]:
            console().print(
                _("  Vedlegg: %(attachments)s", attachments=", ".join(response["attachments"])),
                markup=False,
            )
        if withdrawal:
            console().print(
                _(
                    "  Trukket tilbake %(date)s av %(by)s: %(reason)s",
                    date=_day(withdrawal["withdrawn_on"]),
                    by=withdrawal["withdrawn_by"],
                    reason=withdrawal["reason"],
                ),
                markup=False,
                highlight=False,
            )
        answer = response["answer"]
        if answer:
            console().print(
                _(
                    "  Svar (%(date)s, %(by)s): %(text)s",
                    date=_day(answer["answered_on"]),
                    by=answer["answered_by"],
                    text=answer["text"],
                ),
                markup=False,
            )
        elif not withdrawal:
            console().print(_("  Ikke svart på ennå."))


@command(
    "dashboard",
    help=N_(
        "Vis status: trafikklys per innsatsområde og organ, rapporteringsrunde, SMART og dekning."
    ),
)
@argument("plan")
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@option("--today", help=N_("Regn frister fra denne datoen (standard: i dag)."))
@pass_ctx
@_tamper_guard
def dashboard(ctx: CliContext, plan: str, as_json: bool, today: str | None) -> None:
    day = _when(today, "--today")
    if isinstance(day, datetime):
        day = day.date()
    models = _models(ctx)
    if models.current_plan(plan) is None:
        raise NotFoundError(no_such_plan(plan))
    board = models.dashboard(plan, day)
    if as_json:
        _print_json(board.to_dict())
        return
    for title, counts in (
        (N_("Per innsatsområde"), board.by_area),
        (N_("Per ansvarlig organ"), board.by_body),
    ):
        table = cli_table(COUNT_COLUMNS, title=_(title))
        for c in counts:
            table.add_row(c.name, str(c.green), str(c.yellow), str(c.red), str(c.not_reported))
        console().print(table)
    if board.open_round:
        r = board.open_round
        when = (
            ngettext("%(num)s dag igjen", "%(num)s dager igjen", r.days_left)
            if r.days_left >= 0
            else "[red]"
            + ngettext("%(num)s dag over fristen", "%(num)s dager over fristen", -r.days_left)
            + "[/red]"
        )
        console().print(
            _(
                "Åpen rapporteringsrunde %(round)s: frist %(deadline)s (%(when)s).",
                round=r.round_id,
                deadline=_day(r.deadline),
                when=when,
            )
        )
        if r.missing_bodies:
            console().print(
                escape(_("Ikke rapportert: %(bodies)s", bodies=", ".join(r.missing_bodies)))
            )
        if r.unasked:
            advice = _("Slå sammen skrivemåter med «planlogg community body merge».")
            console().print(escape(f"{unasked_words(r.unasked)} {advice}"))
        maybe = [
            f"{p.body} ({m.step_label})"
            for p in r.progress
            for m in p.reminders
            if m.status == "intended"
        ]
        if maybe:
            console().print(
                "[yellow]"
                + _("Påminnelser som kanskje er sendt")
                + "[/yellow] "
                + escape(
                    _(
                        "(bekreft med round confirm-sent eller send med round resend): "
                        "%(reminders)s",
                        reminders=", ".join(maybe),
                    )
                )
            )
    elif board.closed_round:
        _print_closed_round(board.closed_round)
    console().print(_("Tiltak som ikke er SMART: %(count)s", count=len(board.not_smart)))
    for gap in board.not_smart:
        console().print(
            _("  %(number)s: mangler %(gaps)s", number=gap.number, gaps=smart_words(gap.gaps))
        )
    if board.topics_without_measures:
        topics = ", ".join(f"{t.code} {t.label}" for t in board.topics_without_measures)
        console().print(_("Tema i § 6-2 uten tiltak: %(topics)s", topics=topics))
    if board.groups_without_measures:
        groups = ", ".join(g.label for g in board.groups_without_measures)
        console().print(_("Prioriterte pasientgrupper uten tiltak: %(groups)s", groups=groups))


def _print_closed_round(r: ClosedRound) -> None:
    """The round closed last, while none is open: who had not reported when it closed."""
    console().print(
        escape(
            _(
                "Siste rapporteringsrunde %(round)s (%(decision)s): frist %(deadline)s, "
                "lukket %(closed)s.",
                round=r.round_id,
                decision=r.decision,
                deadline=_day(r.deadline),
                closed=_day(r.closed_on),
            )
        )
    )
    if r.missing_bodies:
        console().print(
            escape(_("Ikke rapportert: %(bodies)s", bodies=", ".join(r.missing_bodies)))
        )
    else:
        console().print(_("Alle organer har rapportert."))


@group(
    "projections",
    help=N_("Lesemodellene (oversikter og logg som bygges fra hendelsene)."),
)
def projections() -> None:
    """The read models."""


def _with_progress(title: str, run: Callable[[Callable[[int, int], None]], int]) -> int:
    with Progress(TextColumn(title), BarColumn(), MofNCompleteColumn(), console=console()) as bar:
        task = bar.add_task(title, total=None)

        def report(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return run(report)


@projections.command(
    "rebuild",
    help=N_("Slett og bygg alle lesemodellene på nytt fra hendelsene (kjeden kontrolleres)."),
)
@option(
    "--workers",
    type=WholeNumber(0, 64),
    default=None,
    help=N_(
        "Antall arbeidsprosesser som leser hendelsene inn i tabellene (0: bare denne "
        "prosessen). Uten dette: én per kjerne når det er mange hendelser."
    ),
)
@pass_ctx
@_tamper_guard
def rebuild(ctx: CliContext, workers: int | None) -> None:
    models = ctx.read_models
    count = _with_progress(
        _("Bygger lesemodellene"), lambda p: models.rebuild(progress=p, workers=workers)
    )
    done(
        ngettext(
            "Bygde lesemodellene på nytt fra %(num)s hendelse.",
            "Bygde lesemodellene på nytt fra %(num)s hendelser.",
            count,
        )
    )


@projections.command("catch-up", help=N_("Ta inn nye hendelser i lesemodellene."))
@pass_ctx
@_tamper_guard
def catch_up(ctx: CliContext) -> None:
    models = ctx.read_models
    count = _with_progress(_("Oppdaterer lesemodellene"), lambda p: models.catch_up(progress=p))
    done(ngettext("%(num)s ny hendelse er tatt inn.", "%(num)s nye hendelser er tatt inn.", count))


@group("audit", help=N_("Kontroll av at endringsloggen ikke er endret."))
def audit() -> None:
    """Checks of the event log."""


@audit.command(
    "verify",
    help=N_(
        "Regn ut kjeden på nytt fra hendelsene; avslutter med kode 7 og første feil posisjon "
        "hvis noe er endret.\n\nUten publiserte kontrollsummer (--head, --heads) beviser kjeden "
        "bare "
        "at ingen hendelse er endret etter at den ble lenket: den som kan skrive i databasen, "
        "kan skrive om kjeden også, og legge til hendelser etter den nyeste."
    ),
)
@option(
    "--head",
    "head",
    metavar=N_("KONTROLLSUM"),
    help=N_("En publisert kontrollsum å kontrollere kjeden mot."),
)
@option("--position", type=POSITION, help=N_("Posisjonen den publiserte kontrollsummen gjelder."))
@option(
    "--heads",
    "heads_file",
    type=FilePath(exists=True, dir_okay=False, path_type=Path),
    help=N_(
        "Kontrollsumfilen (PLANLOGG_HEADS_FILE): kontroller kjeden mot hver kontrollsum i den."
    ),
)
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
def verify(
    ctx: CliContext,
    head: str | None,
    position: int | None,
    heads_file: Path | None,
    as_json: bool,
) -> None:
    if position is not None and head is None:
        raise ValidationError(_("--position krever --head."))
    if heads_file is not None and head is not None:
        raise ValidationError(_("Bruk enten --head eller --heads."))
    if head is not None:  # no checksum (cut short, mistyped) is input refused, not tampering
        head = checked_hash(head)
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
        _(
            "Feil: kjeden er brutt på posisjon %(position)s: %(reason)s.",
            position=report.first_bad_position,
            reason=report.reason,
        ),
        fg="red",
        err=True,
    )
    click.get_current_context().exit(EXIT_TAMPERED)


def _print_intact(report: ChainReport) -> None:
    at = report.head.position if report.head else 0
    done(
        ngettext(
            "Kjeden er hel: %(num)s hendelse kontrollert (kontrollsum på posisjon %(position)s).",
            "Kjeden er hel: %(num)s hendelser kontrollert (kontrollsum på posisjon %(position)s).",
            report.checked,
            position=at,
        )
    )
    if report.verified_through is None:
        console().print(
            "[yellow]![/yellow] "
            + ngettext(
                "Kjeden er ikke kontrollert mot noen publisert kontrollsum: ingenting i databasen "
                "selv kan bevise at den %(num)s hendelsen ikke er skrevet om. Bruk --heads med "
                "kontrollsumfilen.",
                "Kjeden er ikke kontrollert mot noen publisert kontrollsum: ingenting i databasen "
                "selv kan bevise at de %(num)s hendelsene ikke er skrevet om. Bruk --heads med "
                "kontrollsumfilen.",
                report.unverified,
            )
        )
    elif report.unverified:
        console().print(
            "[yellow]![/yellow] "
            + ngettext(
                "%(num)s hendelse er nyere enn den nyeste publiserte kontrollsummen (posisjon "
                "%(position)s) og er derfor ikke bekreftet utenfra.",
                "%(num)s hendelser er nyere enn den nyeste publiserte kontrollsummen (posisjon "
                "%(position)s) og er derfor ikke bekreftet utenfra.",
                report.unverified,
                position=report.verified_through,
            )
        )
    else:
        console().print(
            _(
                "Alle hendelsene er bekreftet av publiserte kontrollsummer (til posisjon "
                "%(position)s).",
                position=report.verified_through,
            )
        )


@audit.command(
    "publish-head",
    help=N_("Publiser kontrollsummen utenfor databasen (kontrollsumfil og/eller adresse)."),
)
@option(
    "--file",
    "heads_file",
    type=FilePath(dir_okay=False, path_type=Path),
    envvar="PLANLOGG_HEADS_FILE",
    help=N_(
        "Kontrollsumfilen å legge kontrollsummen til i (én linje: posisjon, kontrollsum, tid)."
    ),
)
@option(
    "--url",
    envvar="PLANLOGG_HEADS_URL",
    metavar=N_("ADRESSE"),
    help=N_("Adresse å sende kontrollsummen til (POST)."),
)
@pass_ctx
@_tamper_guard
def publish_head_command(ctx: CliContext, heads_file: Path | None, url: str | None) -> None:
    found = publish_head(_models(ctx), HeadTargets(file=heads_file, url=url or None))
    console().print(
        _(
            "Publiserte kontrollsummen på posisjon %(position)s: %(hash)s",
            position=found.position,
            hash=found.hash,
        )
    )


@audit.command("head", help=N_("Vis kontrollsummen for kjeden (publiser den utenfor databasen)."))
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
@_tamper_guard
def head(ctx: CliContext, as_json: bool) -> None:
    found = _models(ctx).chain_head()
    if as_json:
        _print_json(found.to_dict())
        return
    when = (
        _("%(time)s (norsk tid)", time=format_oslo_time(found.recorded_at))
        if found.recorded_at
        else "–"
    )
    console().print(
        _(
            "Posisjon: %(position)s\nKontrollsum: %(hash)s\nTid: %(time)s",
            position=found.position,
            hash=found.hash,
            time=when,
        )
    )


def register(cli: click.Group) -> None:
    for command_ in (plans, show, history, diff, dashboard, projections, audit):
        cli.add_command(command_)
    hearing = cli.commands.get("hearing")
    if not isinstance(hearing, click.Group):
        raise RuntimeError("`planlogg hearing` must be registered before the read commands.")
    hearing.add_command(hearing_show)
