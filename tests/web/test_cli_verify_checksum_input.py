"""`audit verify` refuses a checksum that is none as input (exit 3), not as tampering: text
cut short when copied, or mistyped, raised the alarm for a rewritten log (exit 7). And a
heads file not saved as UTF-8 is refused in Norwegian, not in Python's codec words."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from web.cli import EXIT_INVALID, EXIT_OK

NO_CHECKSUM = (
    "er ikke en kontrollsum: en kontrollsum er 64 tegn (0–9 og a–f). Kopier hele "
    "kontrollsummen fra rapporten eller kontrollsumfilen.\n"
)


@pytest.mark.parametrize("typed", ["ae30634ae7189c8e", "g" * 64, "a" * 65, ""])
def test_what_is_no_checksum_is_invalid_input_not_tampering(
    demo_cli: Callable[..., Result], typed: str
) -> None:
    result = demo_cli("audit", "verify", "--head", typed)
    assert (result.exit_code, result.stdout) == (EXIT_INVALID, "")
    assert result.stderr == f"Feil: «{typed}» {NO_CHECKSUM}"


def test_the_head_in_capitals_and_with_spaces_is_still_checked(
    demo_cli: Callable[..., Result],
) -> None:
    head = json.loads(demo_cli("audit", "head", "--json").stdout)
    typed = f"  {head['hash'].upper()} "
    result = demo_cli("audit", "verify", "--head", typed, "--position", str(head["position"]))
    assert (result.exit_code, result.stderr) == (EXIT_OK, "")
    assert result.stdout.startswith("✓ Kjeden er hel: ")


def test_a_heads_file_not_in_utf8_is_refused_in_norwegian(
    demo_cli: Callable[..., Result], tmp_path: Path
) -> None:
    heads = tmp_path / "kontrollsummer.txt"
    heads.write_bytes("131 ae30 «kopiert»\n".encode("utf-16"))
    result = demo_cli("audit", "verify", "--heads", str(heads))
    assert (result.exit_code, result.stderr) == (
        EXIT_INVALID,
        f"Feil: Kan ikke lese kontrollsumfilen «{heads}»: filen er ikke lagret som UTF-8.\n",
    )
