"""The README's command examples work as written: every `planlogg …` line of its `sh`
blocks runs, in order, after `planlogg demo`, in a fresh folder that sees the
repository's `domain/` and `tests/` as the README's relative paths do, on SQLite
(skipping `serve`, `--watch` and `demo` itself). Files the examples write (a workbook)
land in that folder, never in the repository."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from web.cli import cli

ROOT = Path(__file__).resolve().parents[2]
SH_BLOCK = re.compile(r"^```sh\n(.*?)^```", re.S | re.M)


def readme_examples() -> list[str]:
    """Every `planlogg …` line of the README's sh blocks, in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [
        line.strip()
        for block in SH_BLOCK.findall(text)
        for line in block.splitlines()
        if line.strip().startswith("planlogg ")
    ]


def skipped(words: list[str]) -> bool:
    return "serve" in words or "--watch" in words or words[1:] == ["demo"]


def test_the_readme_has_the_examples_this_test_runs() -> None:
    runnable = [line for line in readme_examples() if not skipped(shlex.split(line, True))]
    assert len(runnable) == 56
    assert runnable[0].startswith("planlogg import domain/data/st_olavs_2022_2024.tsv")


def test_every_readme_example_runs_on_the_demo_plan_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for shared in ("domain", "tests"):
        (tmp_path / shared).symlink_to(ROOT / shared)
    monkeypatch.chdir(tmp_path)
    env = {
        "PLANLOGG_DATA_DIR": str(tmp_path),
        "PLANLOGG_DATABASE_URL": f"sqlite:///{tmp_path / 'planlogg.sqlite'}",
        "PLANLOGG_USER": "readme",
    }
    runner = CliRunner()
    demo = runner.invoke(cli, ["demo"], env=env)
    assert demo.exit_code == 0, demo.output
    for line in readme_examples():
        words = shlex.split(line, comments=True)
        if skipped(words):
            continue
        result = runner.invoke(cli, words[1:], env=env, catch_exceptions=False)
        assert result.exit_code == 0, f"{line}\n{result.output}"
    assert (tmp_path / "plan.xlsx").is_file()
    assert (tmp_path / "ny-plan.xlsx").is_file()
    assert (tmp_path / "arsrapport-2024.pdf").read_bytes().startswith(b"%PDF-")
    assert (tmp_path / "arsrapport-2024.docx").read_bytes().startswith(b"PK")
    assert (tmp_path / "st-olavs-2022-2024-handlingsplan-versjon-1.pdf").is_file()
