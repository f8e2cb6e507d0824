"""`planlogg report`: the documents a committee receives, as PDF or Word files.

    planlogg report PLAN --year 2024 --format pdf            # the annual report
    planlogg report PLAN --adopted [--version N] --format docx  # the adopted plan

The same documents the dashboard and the public page offer for download
(`web.reports`), written to a file (by default named after the plan and the
document, in the current folder) or with `--out -` to standard output.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from pathlib import Path

import click

from domain.dates import FIRST_YEAR, LAST_YEAR
from domain.norwegian_time import oslo_today
from language import N_, _
from projections.report_model import Report
from web.cli.context import (
    NUMBER,
    CliContext,
    FilePath,
    WholeNumber,
    argument,
    command,
    option,
    pass_ctx,
)
from web.reports import FORMATS, filename, render


@command("report", help=N_("Lag årsrapporten eller den vedtatte planen som PDF eller Word."))
@argument("plan")
@option(
    "--year",
    type=WholeNumber(FIRST_YEAR, LAST_YEAR),
    help=N_("Årsrapporten for dette året."),
)
@option("--adopted", is_flag=True, help=N_("Den vedtatte planen i stedet for årsrapporten."))
@option(
    "--version",
    "version",
    type=NUMBER,
    help=N_("Med --adopted: denne vedtatte versjonen (standard: den som gjelder)."),
)
@option(
    "--format",
    "format_name",
    type=click.Choice(sorted(FORMATS)),
    default="pdf",
    show_default=True,
    help=N_("PDF eller Word (docx)."),
)
@option(
    "--out",
    type=FilePath(dir_okay=False, allow_dash=True, path_type=Path),
    help=N_("Filen som skrives (- for standard ut). Standard: navnet på dokumentet."),
)
@pass_ctx
def report(
    ctx: CliContext,
    plan: str,
    year: int | None,
    adopted: bool,
    version: int | None,
    format_name: str,
    out: Path | None,
) -> None:
    if adopted == (year is not None):
        raise click.UsageError(_("Velg enten --year ÅR (årsrapporten) eller --adopted."))
    if version is not None and not adopted:
        raise click.UsageError(_("--version gjelder bare sammen med --adopted."))
    if out == Path():
        # `--out ""` (click makes it Path(".") and refuses a «.» typed as a folder): it was
        # written to the current folder, «Is a directory», after the document was made
        raise click.UsageError(
            _("--out mangler filnavn: skriv filen som skal lages, eller - for standard ut.")
        )
    models = ctx.read_models
    models.read_your_writes()
    document: Report = (
        models.adopted_plan_report(plan, version, oslo_today())
        if adopted
        else models.annual_report(plan, year or 0, oslo_today())
    )
    data = render(document, format_name)
    if out is not None and str(out) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = out or Path(filename(document, format_name))
    try:
        _write_whole(target, data)
    except OSError as error:
        raise click.FileError(str(target), hint=_why_not_written(target, error)) from None
    click.echo(
        _(
            "Skrev «%(title)s» (%(plan)s) til %(target)s.",
            title=document.title.document,
            plan=plan,
            target=target,
        )
    )


def _why_not_written(target: Path, error: OSError) -> str:
    """Why the file could not be written, in Norwegian where it is the path typed: the system's
    English («No such file or directory») was shown for a folder not there."""
    if error.errno == errno.ENOENT:
        return _("mappen «%(folder)s» finnes ikke", folder=target.parent)
    if error.errno == errno.EISDIR:
        return _("det er en mappe; skriv navnet på filen som skal lages")
    if error.errno == errno.ENOTDIR:
        return _("en del av stien er en fil, ikke en mappe")
    return error.strerror or str(error)


def _write_whole(target: Path, data: bytes) -> None:
    """Write the document whole or not at all: into a new file beside `target`, renamed over
    it once written. Written in place, a full disk left the report a committee already had
    cut short under its name. What is not a plain file (`/dev/stdout`, a pipe) is written
    to as it is."""
    if target.exists() and not target.is_file():
        target.write_bytes(data)
        return
    target = target.resolve()
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "wb") as file:
            os.fchmod(file.fileno(), _mode(target))
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _mode(target: Path) -> int:
    """The permissions the file had, or those a new file gets (a temporary file gets 0600)."""
    if target.exists():
        return stat.S_IMODE(target.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def register(cli: click.Group) -> None:
    cli.add_command(report)
