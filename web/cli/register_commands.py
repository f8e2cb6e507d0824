"""The registers a secretariat keeps: bodies (`community body …`) and decisions (`decision …`)."""

from __future__ import annotations

import json
from datetime import date

import click
from rich.console import Console
from rich.table import Table

from domain.body_register import Body, body_as_json
from domain.dates import parse_norwegian_date
from domain.vocabulary import BodyKind
from projections import DecisionDoc
from web.cli.context import CliContext, pass_ctx

console = Console()


def _done(message: str) -> None:
    console.print(f"[green]✓[/green] {message}")


def _print_json(data: object) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group("body")
def body() -> None:
    """Organa i eit helsefellesskap: legg til, adresser, slå saman skrivemåtar, list."""


@body.command("add")
@click.argument("community_key")
@click.argument("name")
@click.option("--kind", type=click.Choice([k.value for k in BodyKind]), required=True)
@click.option("--short", "short_name", default="", help="Kortnamn, t.d. SSU.")
@click.option("--alias", "aliases", multiple=True, help="Anna namn på organet (kan gjentakast).")
@pass_ctx
def body_add(
    ctx: CliContext,
    community_key: str,
    name: str,
    kind: str,
    short_name: str,
    aliases: tuple[str, ...],
) -> None:
    """Legg til eit organ (utval, fagråd, sekretariat, kommune, helseføretak)."""
    body_id = ctx.app.add_body(community_key, name, kind, ctx.by, short_name, aliases)
    _done(f"La til {name} (ID {body_id}).")


@body.command("contacts")
@click.argument("community_key")
@click.argument("name")
@click.option("--reporter", "reporters", multiple=True, help="Kven rapporterer (e-post).")
@click.option("--remind", "reminded", multiple=True, help="Kven vert påminte (e-post).")
@pass_ctx
def body_contacts(
    ctx: CliContext,
    community_key: str,
    name: str,
    reporters: tuple[str, ...],
    reminded: tuple[str, ...],
) -> None:
    """Set e-postadressene til dei som rapporterer og dei som vert påminte (erstattar dei før)."""
    if ctx.app.set_body_contacts(community_key, name, reporters, reminded, ctx.by):
        _done(f"Adressene til {name} er lagra.")
    else:
        _done(f"{name} hadde alt desse adressene.")


@body.command("merge")
@click.argument("community_key")
@click.argument("variants", nargs=-1, required=True)
@click.option("--into", "into", required=True, help="Organet skrivemåtane skal høyre til.")
@pass_ctx
def body_merge(ctx: CliContext, community_key: str, variants: tuple[str, ...], into: str) -> None:
    """Gjer skrivemåtar (eller eit anna organ) til alias for eitt organ."""
    merged = ctx.app.merge_bodies(community_key, variants, into, ctx.by)
    if merged:
        _done(f"{', '.join(merged)} høyrer no til {into}.")
    else:
        _done(f"Alle skrivemåtane høyrde alt til {into}.")


@body.command("list")
@click.argument("community_key")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@click.option("--all", "everything", is_flag=True, help="Ta med organ som er slått saman.")
@pass_ctx
def body_list(ctx: CliContext, community_key: str, as_json: bool, everything: bool) -> None:
    """List organa med ID, type, kortnamn, alias og adresser."""
    register = ctx.app.get_community(community_key).register
    bodies = list(register.bodies.values()) if everything else register.active()
    if as_json:
        _print_json([body_as_json(b) for b in bodies])
        return
    table = Table("ID", "Namn", "Type", "Kortnamn", "Alias", "Rapporterer", "Påminning")
    for found in bodies:
        table.add_row(*_body_cells(found))
    console.print(table)


def _body_cells(found: Body) -> tuple[str, ...]:
    name = found.name + (f" (slått saman inn i {found.merged_into})" if found.merged_into else "")
    return (
        found.id,
        name,
        found.kind.value,
        found.short_name,
        "; ".join(found.aliases),
        ", ".join(found.reporters),
        ", ".join(found.reminded),
    )


@click.group("decision")
def decision() -> None:
    """Vedtaksregisteret: registrer og list vedtak med saksnummer."""


@decision.command("add")
@click.argument("community_key")
@click.argument("case")
@click.option("--body", "body_name", required=True, help="Organet som gjorde vedtaket, t.d. SSU.")
@click.option("--date", "meeting", required=True, help="Møtedato, t.d. 13.03.2024.")
@click.option("--text", required=True, help="Vedtaksteksten.")
@click.option("--plan", "plan_key", default="", help="Planen vedtaket gjeld.")
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
    """Registrer eit vedtak med saksnummer, til dømes «sak 11/24»."""
    meeting_date = parse_norwegian_date(meeting, default_year=date.today().year)
    reference = ctx.app.record_decision(
        community_key, case, body_name, meeting_date, text, ctx.by, plan=plan_key
    )
    _done(f"Registrerte {reference}.")


@decision.command("list")
@click.argument("plan", required=False)
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
def decision_list(ctx: CliContext, plan: str | None, as_json: bool) -> None:
    """List vedtaka (for ein plan: gjort for han eller sitert av endringane hans)."""
    ctx.read_models.read_your_writes()
    found = ctx.read_models.decisions(plan)
    if as_json:
        _print_json([d.to_dict() for d in found])
        return
    table = Table("Sak", "Organ", "Møtedato", "Vedtak", "Plan", "Endringar")
    for item in found:
        table.add_row(item.case, item.body, item.meeting_date, item.text, item.plan,
                      _changes(item))  # fmt: skip
    console.print(table)


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
    cli.add_command(decision)
