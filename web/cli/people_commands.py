"""`planlogg person …`: the people who sign in, their roles and the bodies they report for.

The first administrator is made here (after that, administrators can use the
web page as well). A person is named by their e-mail address, their subject
at the identity provider, or their Planlogg ID; every change is recorded with
`--as`, `--reason` and the source "cli". A person's roles may be limited to some health
communities (`grant --community`, `communities`); none means every community. A reporter's
bodies must be in the body register of her communities, as on the pages
(`Planlogg.check_reporting_bodies`): a name none has is refused, the nearest one named.
"""

from __future__ import annotations

import json

import click

from domain.people import Person, Role, parse_role
from language import N_, _
from web.cli.context import (
    NUMBER,
    CliContext,
    argument,
    cli_table,
    console,
    group,
    option,
    pass_ctx,
)

ROLE_WORDS = {
    Role.EDITOR: N_("redaktør"),
    Role.APPROVER: N_("godkjenner"),
    Role.AUDITOR: N_("revisor"),
    Role.REPORTER: N_("rapportør"),
    Role.ADMINISTRATOR: N_("administrator"),
}
ROLE_HELP = N_(
    "Roller: redaktør, godkjenner, revisor, rapportør eller administrator (kan gjentas)."
)
PEOPLE_COLUMNS = (
    N_("Navn"), N_("E-post"), N_("Roller"), N_("Organ"), N_("Helsefellesskap"), N_("ID (subject)"),
)  # fmt: skip


expected_version = option(
    "--expected-version",
    "seen",
    type=NUMBER,
    default=None,
    help=N_(
        "Personens versjon slik du hentet den (se planlogg person list --json). Er personen "
        "endret siden, lagres ingenting."
    ),
)
"""`--expected-version` of the commands that set one of a person's lists, as the people form
sends the version it showed."""


def _roles(texts: tuple[str, ...]) -> list[Role]:
    return [parse_role(text) for text in texts]


def _role(role: str) -> str:
    """A role in the målform spoken ("revisor"), whatever code it is stored as."""
    found = next((r for r in Role if r.value == role), None)
    return _(ROLE_WORDS[found]) if found is not None else role


def _names(roles: list[Role]) -> str:
    return ", ".join(_role(role.value) for role in roles)


@group(
    "person",
    help=N_("Personer som logger inn, rollene deres og organene de rapporterer for."),
)
def person() -> None:
    """People."""


@person.command(
    "add",
    help=N_("Legg til personen med INNLOGGINGS-ID, ID-en hos innloggingstjenesten (subject)."),
)
@argument("subject")
@option("--email", default="", metavar=N_("E-POST"), help=N_("E-postadressen (bare til visning)."))
@option("--name", default="", metavar=N_("NAVN"), help=N_("Navnet (bare til visning)."))
@option(
    "--issuer",
    envvar="PLANLOGG_OIDC_ISSUER",
    default="",
    metavar=N_("ADRESSE"),
    help=N_("Innloggingstjenesten (standard: PLANLOGG_OIDC_ISSUER)."),
)
@option("--role", "roles", multiple=True, metavar=N_("ROLLE"), help=ROLE_HELP)
@option("--body", "bodies", multiple=True, help=N_("Organ personen rapporterer for."))
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
    if not issuer.strip():
        raise click.UsageError(_("Oppgi --issuer, eller sett PLANLOGG_OIDC_ISSUER."))
    wanted = _roles(roles)
    if bodies:
        ctx.app.check_reporting_bodies(bodies, (), lambda: _every_community(ctx))
    added = ctx.app.add_person(issuer, subject, email, name, ctx.by)
    if wanted or bodies:
        ctx.app.change_access(added, wanted, bodies, ctx.by)
    shown = ctx.app.get_person(added).display_name
    click.echo(_("La til %(name)s (%(id)s).", name=shown, id=added))


def _every_community(ctx: CliContext) -> list[str]:
    """Every registered community's key, as the pages list them: a person limited to no
    community reports in all of them, so her bodies are matched in all their registers."""
    ctx.read_models.read_your_writes()
    return [key for key, _name in ctx.read_models.communities()]


def _reach(found: Person, now: bool = False) -> str:
    """The communities the person's roles reach, said as a sentence."""
    if not found.communities:
        if now:
            return _("%(name)s har nå tilgang til alle helsefellesskap.", name=found.display_name)
        return _("%(name)s har tilgang til alle helsefellesskap.", name=found.display_name)
    listed = ", ".join(found.communities)
    if now:
        return _(
            "%(name)s har nå tilgang bare til %(communities)s.",
            name=found.display_name,
            communities=listed,
        )
    return _(
        "%(name)s har tilgang bare til %(communities)s.",
        name=found.display_name,
        communities=listed,
    )


@person.command(
    "grant",
    help=N_("Gi HVEM (e-post, ID hos innloggingstjenesten eller Planlogg-ID) rollene ROLLER."),
)
@argument("who")
@argument("roles", nargs=-1, required=True)
@option(
    "--community",
    "communities",
    multiple=True,
    metavar=N_("FELLESSKAP"),
    help=N_(
        "Helsefellesskapet rollene gjelder i (kan gjentas): personen får da tilgang bare dit. "
        "Uten: som før."
    ),
)
@pass_ctx
def grant(ctx: CliContext, who: str, roles: tuple[str, ...], communities: tuple[str, ...]) -> None:
    wanted = _roles(roles)
    found = ctx.find_person(who)
    granted = ctx.app.grant_roles(found.id, wanted, ctx.by, communities=communities or None)
    _say_granted(found, wanted, granted)
    if communities:
        click.echo(_reach(ctx.app.get_person(found.id), now=True))


def _say_granted(found: Person, wanted: list[Role], granted: list[Role]) -> None:
    if granted:
        click.echo(_("%(name)s fikk %(roles)s.", name=found.display_name, roles=_names(granted)))
    else:
        click.echo(
            _(
                "%(name)s hadde allerede %(roles)s. Ingen endring.",
                name=found.display_name,
                roles=_names(wanted),
            )
        )


@person.command(
    "revoke",
    help=N_("Ta rollene ROLLER fra HVEM (e-post, ID hos innloggingstjenesten eller Planlogg-ID)."),
)
@argument("who")
@argument("roles", nargs=-1, required=True)
@pass_ctx
def revoke(ctx: CliContext, who: str, roles: tuple[str, ...]) -> None:
    wanted = _roles(roles)
    found = ctx.find_person(who)
    revoked = ctx.app.revoke_roles(found.id, wanted, ctx.by)
    if revoked:
        click.echo(_("%(name)s mistet %(roles)s.", name=found.display_name, roles=_names(revoked)))
    else:
        click.echo(
            _(
                "%(name)s hadde ikke %(roles)s. Ingen endring.",
                name=found.display_name,
                roles=_names(wanted),
            )
        )


@person.command(
    "bodies", help=N_("Angi organene HVEM rapporterer for (ingen ORGAN: ingen organer).")
)
@argument("who")
@argument("bodies", nargs=-1)
@expected_version
@pass_ctx
def bodies(ctx: CliContext, who: str, bodies: tuple[str, ...], seen: int | None) -> None:
    """With `--expected-version`, saved as the people form saves (`change_access`): the roles
    kept are those read now, the same as at the version read, or the save refuses."""
    found = ctx.find_person(who)
    ctx.app.check_reporting_bodies(bodies, found.communities, lambda: _every_community(ctx))
    if seen is None:
        changed = ctx.app.assign_reporting_bodies(found.id, bodies, ctx.by)
    else:
        changed = ctx.app.change_access(found.id, found.role_set, bodies, ctx.by, seen)
    if not changed:
        click.echo(
            _(
                "%(name)s rapporterte allerede for disse organene. Ingen endring.",
                name=found.display_name,
            )
        )
        return
    listed = ", ".join(ctx.app.get_person(found.id).bodies) or _("ingen organer")
    click.echo(_("%(name)s rapporterer nå for %(bodies)s.", name=found.display_name, bodies=listed))


@person.command(
    "communities",
    help=N_(
        "Vis helsefellesskapene rollene til HVEM gjelder i, eller angi dem "
        "(FELLESSKAP …; --all: alle helsefellesskap)."
    ),
)
@argument("who")
@argument("keys", nargs=-1, metavar=N_("FELLESSKAP"))
@option("--all", "every", is_flag=True, help=N_("Gi tilgang til alle helsefellesskap."))
@expected_version
@pass_ctx
def person_communities(
    ctx: CliContext, who: str, keys: tuple[str, ...], every: bool, seen: int | None
) -> None:
    found = ctx.find_person(who)
    if every and keys:
        raise click.UsageError(_("Oppgi enten FELLESSKAP eller --all, ikke begge."))
    if not every and not keys:
        click.echo(_reach(found))
        return
    if seen is None:
        ctx.app.assign_communities(found.id, keys, ctx.by)
    else:
        ctx.app.change_access(
            found.id, found.role_set, found.bodies, ctx.by, seen, communities=keys
        )
    click.echo(_reach(ctx.app.get_person(found.id), now=True))


@person.command("list", help=N_("Vis alle personer med roller og organer."))
@option("--json", "as_json", is_flag=True, help=N_("Skriv JSON."))
@pass_ctx
def list_people(ctx: CliContext, as_json: bool) -> None:
    ctx.read_models.read_your_writes()
    people = ctx.read_models.people()
    if as_json:
        click.echo(json.dumps([p.to_dict() for p in people], ensure_ascii=False, indent=2))
        return
    if not people:
        click.echo(_("Ingen personer ennå. De kommer til når de logger inn første gang."))
        return
    table = cli_table(PEOPLE_COLUMNS, whole=(1, 5), box=None)
    for found in people:
        table.add_row(
            found.display_name,
            found.email,
            ", ".join(_role(role) for role in found.roles),
            ", ".join(found.bodies),
            ", ".join(found.communities) or _("alle"),
            found.subject,
        )
    console().print(table)


def register(cli: click.Group) -> None:
    cli.add_command(person)
