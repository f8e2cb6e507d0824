"""The `planlogg` command line: the composition root of Planlogg.

This package is the only place that wires the application, the read models,
the web app and the sheet sync together (`planlogg serve` runs them all).
Each command group lives in its own module and imports only
`web.cli.context`; this module holds the root group and registers them.
"""

from __future__ import annotations

import getpass
import sys
from importlib.metadata import version

import click

from domain.persistence import database_url
from language import N_, _
from web.cli import (
    people_commands,
    plan_commands,
    read_commands,
    register_commands,
    report_commands,
    round_commands,
    serve_commands,
    sync_commands,
)
from web.cli.context import (
    EXIT_CONFLICT,
    EXIT_FAILED,
    EXIT_INVALID,
    EXIT_NOT_FOUND,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    CliContext,
    group,
    option,
)

__all__ = [
    "EXIT_CONFLICT",
    "EXIT_FAILED",
    "EXIT_INVALID",
    "EXIT_NOT_FOUND",
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "CliContext",
    "cli",
    "main",
]


@group(
    context_settings={"help_option_names": ["-h", "--help"]},
    help=N_("Planlogg: felles handlingsplaner for helsefellesskap, med full endringslogg."),
)
@option(
    "--database-url",
    "url",
    envvar="PLANLOGG_DATABASE_URL",
    default=None,
    metavar=N_("ADRESSE"),
    help=N_(
        "Hvor hendelsene ligger: memory:, sqlite:///fil eller postgresql://… "
        "(standard: en SQLite-fil i planlogg-data/)."
    ),
)
@option("--as", "actor", envvar="PLANLOGG_USER", default=None, help=N_("Hvem som gjør endringen."))
@option("--reason", default="", help=N_("Hvorfor endringen gjøres (lagres i endringsloggen)."))
@option("--decision", default="", help=N_('Vedtaket endringen følger av, f.eks. "SSU sak 11/24".'))
@option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=lambda ctx, _param, value: _show_version(ctx) if value else None,
    help=N_("Vis versjonen og avslutt."),
)
@click.pass_context
def cli(ctx: click.Context, url: str | None, actor: str | None, reason: str, decision: str) -> None:
    """The root of `planlogg`: who acts, why, and on which database."""
    ctx.obj = CliContext(
        url=url or database_url(),
        actor=getpass.getuser() if actor is None else actor,
        reason=reason,
        decision=decision,
    )
    ctx.call_on_close(ctx.obj.close)


for module in (
    plan_commands,
    round_commands,
    register_commands,
    people_commands,
    read_commands,
    report_commands,
    sync_commands,
    serve_commands,
):
    module.register(cli)


def _show_version(ctx: click.Context) -> None:
    """`planlogg --version`: the installed version, in the målform spoken."""
    click.echo(
        _(
            "%(prog)s, versjon %(version)s",
            prog=ctx.find_root().info_name,
            version=version("planlogg"),
        )
    )
    ctx.exit()


def main() -> None:
    sys.exit(cli.main(prog_name="planlogg"))
