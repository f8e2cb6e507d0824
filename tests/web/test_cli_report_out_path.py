"""`report --out` names in Norwegian why the file could not be written (a folder not there, a
file where a folder is named), where the system's English was shown, and `--out ""` is a
usage error before the document is made, where it was written to the folder «.»."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from web.cli import EXIT_FAILED, EXIT_USAGE
from web.cli.report_commands import _why_not_written

REPORT = ("report", "st-olavs-2022-2024", "--year", "2024")


def test_a_missing_folder_is_named(demo_cli: Callable[..., Result], tmp_path: Path) -> None:
    target = tmp_path / "saksvedlegg" / "arsrapport-2024.pdf"
    result = demo_cli(*REPORT, "--out", str(target))
    assert (result.exit_code, result.stderr) == (
        EXIT_FAILED,
        f"Feil: Kunne ikke åpne filen '{target}': mappen «{target.parent}» finnes ikke\n",
    )


def test_a_file_named_as_a_folder_is_said(demo_cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "notat.txt").write_text("x")
    target = tmp_path / "notat.txt" / "arsrapport-2024.pdf"
    result = demo_cli(*REPORT, "--out", str(target))
    assert (result.exit_code, result.stderr) == (
        EXIT_FAILED,
        f"Feil: Kunne ikke åpne filen '{target}': en del av stien er en fil, ikke en mappe\n",
    )


def test_a_folder_written_to_as_a_file_is_said() -> None:
    error = IsADirectoryError(errno.EISDIR, "Is a directory")
    assert _why_not_written(Path("rapporter"), error) == (
        "det er en mappe; skriv navnet på filen som skal lages"
    )


def test_an_empty_file_name_is_a_usage_error(
    demo_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    before = sorted(tmp_path.iterdir())
    result = demo_cli(*REPORT, "--out", "")
    assert (result.exit_code, result.stdout) == (EXIT_USAGE, "")
    assert result.stderr.endswith(
        "\n\nFeil: --out mangler filnavn: skriv filen som skal lages, eller - for standard ut.\n"
    ), result.stderr
    assert sorted(tmp_path.iterdir()) == before
