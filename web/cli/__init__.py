"""The `planlogg` command line: the composition root of Planlogg.

This package is the only place that wires the application, the read models,
the web app and the sheet sync together (`planlogg serve` runs them all).
Each command group lives in its own module; this one holds the root group,
the shared context and the exit codes scripts can rely on.
"""

from __future__ import annotations

import getpass
import sys
from dataclasses import dataclass, field
from functools import cached_property

import click

from domain.application import Planlogg
from domain.errors import (
    ConcurrentEditError,
    NotFoundError,
    PlanloggError,
    RuleError,
    ValidationError,
)
from domain.persistence import database_url
from domain.provenance import Provenance, Source

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INVALID = 3
EXIT_REFUSED = 4
EXIT_NOT_FOUND = 5
EXIT_CONFLICT = 6

_EXIT_BY_ERROR: tuple[tuple[type[PlanloggError], int], ...] = (
    (ValidationError, EXIT_INVALID),
    (RuleError, EXIT_REFUSED),
    (NotFoundError, EXIT_NOT_FOUND),
    (ConcurrentEditError, EXIT_CONFLICT),
)


@dataclass
class CliContext:
    """What every command needs: the application and who is acting."""

    url: str
    actor: str
    reason: str = ""
    decision: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @cached_property
    def app(self) -> Planlogg:
        return Planlogg.from_url(self.url)

    @property
    def by(self) -> Provenance:
        return Provenance(self.actor, Source.CLI, self.reason, self.decision)


class PlanloggGroup(click.Group):
    """Turns domain errors into a Norwegian message on stderr and a stable exit code."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except PlanloggError as error:
            click.secho(f"Feil: {error.message}", fg="red", err=True)
            code = next((c for kind, c in _EXIT_BY_ERROR if isinstance(error, kind)), EXIT_FAILED)
            ctx.exit(code)


@click.group(cls=PlanloggGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--database-url",
    "url",
    envvar="PLANLOGG_DATABASE_URL",
    default=None,
    help="Kvar hendingane ligg: memory:, sqlite:///fil eller postgresql://… "
    "(standard: ei SQLite-fil i planlogg-data/).",
)
@click.option("--as", "actor", envvar="PLANLOGG_USER", default=None, help="Kven som gjer endringa.")
@click.option("--reason", default="", help="Kvifor endringa vert gjort (vert lagra i loggen).")
@click.option("--decision", default="", help='Vedtaket endringa følgjer av, t.d. "SSU sak 11/24".')
@click.version_option(package_name="planlogg")
@click.pass_context
def cli(ctx: click.Context, url: str | None, actor: str | None, reason: str, decision: str) -> None:
    """Planlogg: felles handlingsplanar for helsefellesskap, med full endringslogg."""
    ctx.obj = CliContext(
        url=url or database_url(),
        actor=actor or getpass.getuser(),
        reason=reason,
        decision=decision,
    )


def _register_commands() -> None:
    from web.cli import (
        people_commands,
        plan_commands,
        read_commands,
        serve_commands,
        sync_commands,
    )

    plan_commands.register(cli)
    people_commands.register(cli)
    read_commands.register(cli)
    sync_commands.register(cli)
    serve_commands.register(cli)


_register_commands()


def main() -> None:
    sys.exit(cli.main(prog_name="planlogg"))
