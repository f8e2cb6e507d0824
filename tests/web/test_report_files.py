"""`planlogg report --out FILE` over a file that is already there: a write that fails
halfway (a full disk) leaves the file as it was, not a document cut short under its name."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from domain.application import Planlogg
from domain.demo import load_demo
from web.cli import cli

ROOT = Path(__file__).resolve().parents[2]

FULL_DISK = """
import resource, signal, sys
from domain.application import Planlogg
from domain.demo import load_demo
from web.cli import cli

app = Planlogg.from_url("memory:")
load_demo(app)
Planlogg.from_url = classmethod(lambda cls, url, **env: app)
out, limit = sys.argv[1], int(sys.argv[2])
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(cli.main(["--database-url", "memory:", "report", "st-olavs-2022-2024", "--year",
                   "2024", "--format", "docx", "--out", out], prog_name="planlogg"))
"""


def test_a_report_that_does_not_fit_on_the_disk_leaves_the_earlier_file_whole(
    tmp_path: Path,
) -> None:
    """A file size limit stands in for a full disk: the new report cannot be written."""
    earlier = tmp_path / "arsrapport-2024.docx"
    earlier.write_bytes(b"the report the committee already has" * 100)
    before = earlier.read_bytes()
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(earlier), str(len(before) + 1000)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(ROOT)},
        check=False,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith(f"Feil: Kunne ikke åpne filen '{earlier}'"), done.stderr
    assert earlier.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [earlier.name]


def test_a_report_written_over_an_earlier_one_keeps_its_permissions(tmp_path: Path) -> None:
    """Shared with the secretariat's group: the new report is readable to them as the old one
    was (a temporary file is made readable to its owner only)."""
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    app = Planlogg.from_url(url)
    load_demo(app)
    app.close()
    earlier = tmp_path / "arsrapport-2024.docx"
    earlier.write_bytes(b"eldre")
    earlier.chmod(0o640)
    result = CliRunner().invoke(
        cli, ["--database-url", url, "report", "st-olavs-2022-2024", "--year", "2024",
              "--format", "docx", "--out", str(earlier)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert earlier.read_bytes().startswith(b"PK")
    assert oct(earlier.stat().st_mode & 0o777) == "0o640"
    assert sorted(p.name for p in tmp_path.iterdir()) == [earlier.name, "p.sqlite"]
