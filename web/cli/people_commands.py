"""`planlogg person …`: the people who sign in, their roles and the bodies they report for.

The first administrator is made here (after that, administrators can use the
web page as well). A person is named by their e-mail address, their subject
at the identity provider, or their Planlogg ID; every change is recorded with
`--as`, `--reason` and the source "cli".
"""

from __future__ import annotations

import json

import click
from rich.console import Console
from rich.table import Table

from domain.people import Person, Role, parse_role
from web.cli.context import CliContext, pass_ctx

console = Console()
ROLE_HELP = "Roller: " + ", ".join(role.value for role in Role) + " (eller på norsk, t.d. revisor)."


def _roles(texts: tuple[str, ...]) -> list[Role]:
    return [parse_role(text) for text in texts]


def _names(roles: list[Role]) -> str:
    return ", ".join(role.value for role in roles)


@click.group("person")
def person() -> None:
    """Personar som loggar inn, rollene deira og organa dei rapporterer for."""


@person.command("add")
@click.argument("subject")
@click.option("--email", default="", help="E-postadressa (berre til visning).")
@click.option("--name", default="", help="Namnet (berre til visning).")
@click.option(
    "--issuer",
    envvar="PLANLOGG_OIDC_ISSUER",
    default="",
    help="Innloggingstenesta (standard: PLANLOGG_OIDC_ISSUER).",
)
@click.option("--role", "roles", multiple=True, help=ROLE_HELP)
@click.option("--body", "bodies", multiple=True, help="Organ personen rapporterer for.")
@pass_ctx
def add(
    ctx: CliContext,
    subject: str,
    email: str,
    name: str,
    issuer: str,
    roles: tuple[str, ...],
    bodies: tuple[str, ...],
) -> None:
    """Legg til personen med ID-en SUBJECT hos innloggingstenesta."""
    if not issuer.strip():
        raise click.UsageError("Oppgi --issuer, eller set PLANLOGG_OIDC_ISSUER.")
    wanted = _roles(roles)
    added = ctx.app.add_person(issuer, subject, email, name, ctx.by)
    if wanted or bodies:
        ctx.app.change_access(added, wanted, bodies, ctx.by)
    click.echo(f"La til {ctx.app.get_person(added).display_name} ({added}).")


@person.command("grant")
@click.argument("who")
@click.argument("roles", nargs=-1, required=True)
@pass_ctx
def grant(ctx: CliContext, who: str, roles: tuple[str, ...]) -> None:
    """Gje WHO (e-post, subject eller ID) rollene ROLES."""
    wanted = _roles(roles)
    found = ctx.app.find_person(who)
    granted = ctx.app.grant_roles(found.id, wanted, ctx.by)
    if granted:
        click.echo(f"{found.display_name} fekk {_names(granted)}.")
    else:
        click.echo(f"{found.display_name} hadde alt {_names(wanted)}. Inga endring.")


@person.command("revoke")
@click.argument("who")
@click.argument("roles", nargs=-1, required=True)
@pass_ctx
def revoke(ctx: CliContext, who: str, roles: tuple[str, ...]) -> None:
    """Ta rollene ROLES frå WHO (e-post, subject eller ID)."""
    wanted = _roles(roles)
    found = ctx.app.find_person(who)
    revoked = ctx.app.revoke_roles(found.id, wanted, ctx.by)
    if revoked:
        click.echo(f"{found.display_name} miste {_names(revoked)}.")
    else:
        click.echo(f"{found.display_name} hadde ikkje {_names(wanted)}. Inga endring.")


@person.command("bodies")
@click.argument("who")
@click.argument("bodies", nargs=-1)
@pass_ctx
def bodies(ctx: CliContext, who: str, bodies: tuple[str, ...]) -> None:
    """Set organa WHO rapporterer for (ingen BODIES: ingen organ)."""
    found = ctx.app.find_person(who)
    if not ctx.app.assign_reporting_bodies(found.id, bodies, ctx.by):
        click.echo(f"{found.display_name} rapporterte alt for desse organa. Inga endring.")
        return
    listed = ", ".join(ctx.app.get_person(found.id).bodies) or "ingen organ"
    click.echo(f"{found.display_name} rapporterer no for {listed}.")


@person.command("list")
@click.option("--json", "as_json", is_flag=True, help="Skriv JSON.")
@pass_ctx
def list_people(ctx: CliContext, as_json: bool) -> None:
    """Vis alle personar med roller og organ."""
    people = ctx.app.people()
    if as_json:
        click.echo(json.dumps([_as_dict(p) for p in people], ensure_ascii=False, indent=2))
        return
    if not people:
        click.echo("Ingen personar enno. Dei kjem til når dei loggar inn første gong.")
        return
    table = Table("Namn", "E-post", "Roller", "Organ", "Subject", box=None)
    for found in people:
        table.add_row(
            found.display_name,
            found.email,
            ", ".join(found.roles),
            ", ".join(found.bodies),
            found.subject,
        )
    console.print(table)


def _as_dict(found: Person) -> dict[str, object]:
    return {
        "id": str(found.id),
        "issuer": found.issuer,
        "subject": found.subject,
        "email": found.email,
        "name": found.name,
        "roles": list(found.roles),
        "bodies": list(found.bodies),
    }


def register(cli: click.Group) -> None:
    cli.add_command(person)
