"""The registers a secretariat keeps: the health communities (`community list`), their bodies
(`community body …`) and decisions (`decision …`)."""

from __future__ import annotations

import json
from datetime import date

import click
from rich.markup import escape

from domain.body_register import Body, body_as_json
from domain.community import address_list
from domain.dates import format_norwegian_date, parse_norwegian_date
from domain.norwegian_time import oslo_today
from domain.vocabulary import BodyKind
from language import N_, _
from projections import DecisionDoc
from web.cli.context import (
    CliContext,
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
from web.cli.plan_commands import MÅLFORM_WORDS

KIND_WORDS = Words(
    {
        BodyKind.PARTNERSHIP: N_("partnerskapsmøte"),
        BodyKind.STRATEGIC: N_("strategisk"),
        BodyKind.PROFESSIONAL: N_("faglig"),
        BodyKind.LOCAL: N_("lokalt"),
        BodyKind.SECRETARIAT: N_("sekretariat"),
        BodyKind.MUNICIPALITY: N_("kommune"),
        BodyKind.HOSPITAL_TRUST: N_("helseforetak"),
    },
    N_("NIVÅ"),
)
"""A body's level, typed as its code or its word in either målform."""


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@group(
    "body",
    help=N_("Organene i et helsefellesskap: legg til, adresser, slå sammen skrivemåter, list."),
)
def body() -> None:
    """A community's bodies."""


@body.command(
    "add", help=N_("Legg til et organ (utvalg, fagråd, sekretariat, kommune, helseforetak).")
)
@argument("community_key")
@argument("name")
@option(
    "--kind",
    type=KIND_WORDS,
    required=True,
    help=N_(
        "Nivået: partnerskapsmøte, strategisk, faglig, lokalt, sekretariat, kommune eller "
        "helseforetak."
    ),
)
@option("--short", "short_name", default="", help=N_("Kortnavn, f.eks. SSU."))
@option("--alias", "aliases", multiple=True, help=N_("Annet navn på organet (kan gjentas)."))
@pass_ctx
def body_add(
    ctx: CliContext,
    community_key: str,
    name: str,
    kind: str,
    short_name: str,
    aliases: tuple[str, ...],
) -> None:
    body_id = ctx.app.add_body(community_key, name, kind, ctx.by, short_name, aliases)
    done(_("La til %(name)s (ID %(id)s).", name=name, id=body_id))


@body.command(
    "contacts",
    help=N_(
        "Angi e-postadressene til dem som rapporterer og dem som blir påminnet (erstatter "
        "de tidligere)."
    ),
)
@argument("community_key")
@argument("name")
@option(
    "--reporter",
    "reporters",
    multiple=True,
    metavar=N_("E-POST"),
    help=N_("Hvem som rapporterer (e-post)."),
)
@option(
    "--remind",
    "reminded",
    multiple=True,
    metavar=N_("E-POST"),
    help=N_("Hvem som blir påminnet (e-post)."),
)
@option(
    "--replacing-reporters",
    "seen_reporters",
    default=None,
    metavar=N_("ADRESSER"),
    help=N_(
        "Adressene til dem som rapporterer, slik du leste dem i «body list» (skilt med "
        'komma, "" for ingen). Har noen andre endret dem siden, lagres ingenting.'
    ),
)
@option(
    "--replacing-reminded",
    "seen_reminded",
    default=None,
    metavar=N_("ADRESSER"),
    help=N_(
        "Adressene til dem som blir påminnet, slik du leste dem i «body list» (skilt med "
        'komma, "" for ingen). Har noen andre endret dem siden, lagres ingenting.'
    ),
)
@pass_ctx
def body_contacts(
    ctx: CliContext,
    community_key: str,
    name: str,
    reporters: tuple[str, ...],
    reminded: tuple[str, ...],
    seen_reporters: str | None,
    seen_reminded: str | None,
) -> None:
    seen = (_address_list(seen_reporters), _address_list(seen_reminded))
    if ctx.app.set_body_contacts(community_key, name, reporters, reminded, ctx.by, seen=seen):
        done(_("Adressene til %(name)s er lagret.", name=name))
    else:
        done(_("%(name)s hadde allerede disse adressene.", name=name))


def _address_list(typed: str | None) -> list[str] | None:
    """A list of addresses as `body list` prints it; None when not given (nothing checked)."""
    return None if typed is None else address_list(typed)


@body.command("merge", help=N_("Gjør skrivemåter (eller et annet organ) til alias for ett organ."))
@argument("community_key")
@argument("variants", nargs=-1, required=True)
@option(
    "--into",
    "into",
    required=True,
    metavar=N_("ORGAN"),
    help=N_("Organet skrivemåtene skal høre til."),
)
@pass_ctx
def body_merge(ctx: CliContext, community_key: str, variants: tuple[str, ...], into: str) -> None:
    """Named as registered: after an earlier merge, `--into` may be the other body's old name
    (A merged into B, then B "into A": nothing changes, and B did not belong to A)."""
    merge = ctx.app.merge_bodies(community_key, variants, into, ctx.by)
    if merge.variants:
        names = ", ".join(dict.fromkeys(merge.variants))
        done(_("%(variants)s hører nå til %(into)s.", variants=names, into=merge.into))
    else:
        done(_("Alle skrivemåtene hørte allerede til %(into)s.", into=merge.into))
    for left_out in merge.unreminded:
        console().print("[yellow]![/yellow] " + escape(left_out.message))


@command(
    "list",
    help=N_("List helsefellesskapene med nøkkel, navn, målform og tallet på planer og organer."),
)
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
def community_list(ctx: CliContext, as_json: bool) -> None:
    """Every community by key: its målform as the community chose it (`community language`),
    how many plans it owns, and its bodies as `body list` lists them (none merged into
    another)."""
    ctx.read_models.read_your_writes()
    owned: dict[str, int] = {}
    for plan in ctx.read_models.plans():
        owned[plan.owner] = owned.get(plan.owner, 0) + 1
    listed = [
        (found, owned.get(found.key, 0), len(found.register.active()))
        for found in (ctx.app.get_community(key) for key, _name in ctx.read_models.communities())
    ]
    if as_json:
        fields = ("key", "name", "language", "plans", "bodies")
        _print_json([dict(zip(fields, (c.key, c.name, c.language, p, b), strict=True))
                     for c, p, b in listed])  # fmt: skip
        return
    table = cli_table(COMMUNITY_HEADERS, whole=(0,), title=_("Helsefellesskap"))
    for c, plans, bodies in listed:
        table.add_row(c.key, c.name, _(MÅLFORM_WORDS.words[c.language]), str(plans), str(bodies))
    console().print(table)


COMMUNITY_HEADERS = (N_("Nøkkel"), N_("Navn"), N_("Målform"), N_("Planer"), N_("Organer"))


@body.command("list", help=N_("List organene med ID, type, kortnavn, alias og adresser."))
@argument("community_key")
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@option("--all", "everything", is_flag=True, help=N_("Ta med organer som er slått sammen."))
@pass_ctx
def body_list(ctx: CliContext, community_key: str, as_json: bool, everything: bool) -> None:
    register = ctx.app.get_community(community_key).register
    bodies = list(register.bodies.values()) if everything else register.active()
    if as_json:
        _print_json([body_as_json(b) for b in bodies])
        return
    table = cli_table(BODY_HEADERS, whole=(0,))
    for found in bodies:
        table.add_row(*_body_cells(found))
    console().print(table)


BODY_HEADERS = (
    N_("ID"),
    N_("Navn"),
    N_("Nivå"),
    N_("Kortnavn"),
    N_("Alias"),
    N_("Rapporterer"),
    N_("Påminnes"),
)
DECISION_HEADERS = (
    N_("Sak"),
    N_("Organ"),
    N_("Møtedato"),
    N_("Vedtak"),
    N_("Plan"),
    N_("Endringer"),
)


def _body_cells(found: Body) -> tuple[str, ...]:
    name = found.name
    if found.merged_into:
        name += _(" (slått sammen inn i %(into)s)", into=found.merged_into)
    return (
        found.id,
        name,
        _(KIND_WORDS.words.get(found.kind, found.kind)),
        found.short_name,
        "; ".join(found.aliases),
        ", ".join(found.reporters),
        ", ".join(found.reminded),
    )


@group("decision", help=N_("Vedtaksregisteret: registrer og list vedtak med saksnummer."))
def decision() -> None:
    """The register of decisions."""


@decision.command("add", help=N_("Registrer et vedtak med saksnummer, for eksempel «sak 11/24»."))
@argument("community_key")
@argument("case")
@option("--body", "body_name", required=True, help=N_("Organet som gjorde vedtaket, f.eks. SSU."))
@option("--date", "meeting", required=True, help=N_("Møtedato, f.eks. 13.03.2024."))
@option("--text", required=True, help=N_("Vedtaksteksten."))
@option("--plan", "plan_key", default="", help=N_("Planen vedtaket gjelder."))
@pass_ctx
def decision_add(
    ctx: CliContext,
    community_key: str,
    case: str,
    body_name: str,
    meeting: str,
    text: str,
    plan_key: str,
) -> None:
    meeting_date = parse_norwegian_date(meeting, default_year=oslo_today().year)
    reference = ctx.app.record_decision(
        community_key, case, body_name, meeting_date, text, ctx.by, plan=plan_key
    )
    done(_("Registrerte %(reference)s.", reference=reference))


@decision.command(
    "list",
    help=N_("List vedtakene (for en plan: gjort for den eller sitert av endringene i den)."),
)
@argument("plan", required=False)
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
def decision_list(ctx: CliContext, plan: str | None, as_json: bool) -> None:
    ctx.read_models.read_your_writes()
    found = ctx.read_models.decisions(plan)
    if as_json:
        _print_json([d.to_dict() for d in found])
        return
    table = cli_table(DECISION_HEADERS, whole=(0, 2, 4))
    for item in found:
        meeting = format_norwegian_date(date.fromisoformat(item.meeting_date))
        table.add_row(item.case, item.body, meeting, item.text, item.plan, _changes(item))
    console().print(table)


def _changes(item: DecisionDoc) -> str:
    """How many changes cite the decision, and of which plans."""
    plans = sorted({c.plan for c in item.changes if c.plan})
    where = f" ({', '.join(plans)})" if plans else ""
    return f"{len(item.changes)}{where}"


def register(cli: click.Group) -> None:
    community = cli.commands["community"]
    if not isinstance(community, click.Group):
        raise TypeError("community must be a command group")
    community.add_command(body)
    community.add_command(community_list)
    cli.add_command(decision)
