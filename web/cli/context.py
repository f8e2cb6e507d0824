"""What every command of the `planlogg` command line shares: its context and exit codes.

The command modules import from here (never from `web.cli` itself), so the
root group in `web.cli` can import them without an import cycle.
"""

from __future__ import annotations

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
from domain.provenance import Provenance, Source
from projections import ReadModels

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

    @cached_property
    def read_models(self) -> ReadModels:
        """The read models of this command's application (opened once per command)."""
        return ReadModels.open(self.app)

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


pass_ctx = click.make_pass_decorator(CliContext)
