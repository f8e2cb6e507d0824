"""A command pointed at a file that is not a SQLite database (the workbook named by mistake, a
file cut short by a full disk) ends with a Norwegian message and exit 1, not a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import EXIT_FAILED, cli


@pytest.mark.parametrize(
    "args", [("plans",), ("report", "st-olavs-2022-2024", "--year", "2024"), ("audit", "verify")]
)
def test_a_file_that_is_not_a_database_is_refused_with_a_message(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    workbook = tmp_path / "handlingsplan.xlsx"
    workbook.write_bytes(b"PK\x03\x04" + b"\x00" * 2000)
    url = f"sqlite:///{workbook}"
    result = CliRunner().invoke(cli, ["--database-url", url, *args])
    assert (result.exit_code, type(result.exception)) == (EXIT_FAILED, SystemExit)
    assert result.output == (
        f"Feil: Kan ikke åpne databasen {url} (file is not a database). Sjekk at filen finnes "
        "eller kan lages, og at du har tillatelse til å skrive i mappen.\n"
    )
