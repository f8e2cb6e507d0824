"""`import --dry-run` refuses a table with no year columns and no period in its title, as the
import does (exit 3): it said «0 problemer» and exit 0. README: «it exits 3 when the import
would be refused»."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from web.cli import EXIT_INVALID

NO_YEARS = "1. Område en\n\n\tMål\t\tTiltak\tAnsvar\n1.1\tMål en\t1.1.1\tGjøre noe\tASU\n"
REFUSED = "Feil: Fant ingen årskolonner eller planperiode i filen.\n"


def test_a_dry_run_refuses_what_the_import_refuses(
    demo_cli: Callable[..., Result], tmp_path: Path
) -> None:
    table = tmp_path / "uten-aar.tsv"
    table.write_text(NO_YEARS, encoding="utf-8")
    stored = demo_cli("import", str(table), "--key", "ny", "--owner", "st-olavs")
    assert (stored.exit_code, stored.stderr) == (EXIT_INVALID, REFUSED)
    dry = demo_cli("import", str(table), "--dry-run")
    assert (dry.exit_code, dry.stderr) == (EXIT_INVALID, REFUSED)
    assert dry.stdout.splitlines()[-1] == (
        "Samlet: 1 innsatsområde, 1 mål, 1 tiltak (0 med frist), 0 merknader til mål, "
        "0 beskrivelser, 0 linjer ikke plassert, 0 problemer."
    )


def test_a_dry_run_of_a_table_with_years_is_still_done(
    demo_cli: Callable[..., Result], tmp_path: Path
) -> None:
    table = tmp_path / "med-aar.tsv"
    table.write_text(NO_YEARS.replace("Ansvar\n", "Ansvar\t2025\n"), encoding="utf-8")
    dry = demo_cli("import", str(table), "--dry-run")
    assert (dry.exit_code, dry.stderr) == (0, "")
    assert dry.stdout.splitlines()[-1] == "Ingenting er lagret (--dry-run)."
