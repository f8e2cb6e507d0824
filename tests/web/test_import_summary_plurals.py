"""The import's summary counts in words that agree with the count, in bokmål and nynorsk:
«1 innsatsområde» and «2 innsatsområder» in bokmål, «innsatsområde» for both in nynorsk."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.fixtures.word_documents import fonna_like_document
from tests.web.test_plan_commands import PROSE
from web.cli import cli

ONE_AREA = ("import", str(PROSE / "innlandet_spring_2022.txt"), "--key", "p", "--owner", "hf")


def imported(sqlite_url: str, målform: str, *args: str) -> list[str]:
    result = CliRunner().invoke(
        cli, ["--database-url", sqlite_url, "--as", "Kari", *args], env={"PLANLOGG_LANG": målform}
    )
    assert result.exit_code == 0, result.output
    return [line for line in result.output.splitlines() if line.startswith("✓ Importerte")]


@pytest.mark.parametrize(
    ("målform", "summary"),
    [
        ("nb", "✓ Importerte p: 1 innsatsområde, 1 mål, 5 tiltak."),
        ("nn", "✓ Importerte p: 1 innsatsområde, 1 mål, 5 tiltak."),
    ],
)
def test_one_area_is_counted_in_the_singular(sqlite_url: str, målform: str, summary: str) -> None:
    assert imported(sqlite_url, målform, *ONE_AREA) == [summary]


@pytest.mark.parametrize(
    ("målform", "summary"),
    [
        ("nb", "✓ Importerte w: 2 innsatsområder, 3 mål, 4 tiltak."),
        ("nn", "✓ Importerte w: 2 innsatsområde, 3 mål, 4 tiltak."),
    ],
)
def test_several_areas_are_counted_in_the_plural(
    sqlite_url: str, tmp_path: Path, målform: str, summary: str
) -> None:
    path = fonna_like_document(tmp_path / "plan.docx")
    args = ("import", str(path), "--key", "w", "--owner", "hf")
    assert imported(sqlite_url, målform, *args) == [summary]
