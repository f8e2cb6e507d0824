"""`community body merge` says what became of the bodies: under the name the body is
registered with (not as `--into` was typed, which after an earlier merge may be the other
body's old name), and which addresses the merged body had that reminders no longer use."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from web.cli import cli


@pytest.fixture
def run(sqlite_url: str):
    runner = CliRunner()

    def invoke(*args: str):
        result = runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])
        assert result.exception is None or isinstance(result.exception, SystemExit), result
        return result

    assert invoke("community", "add", "hf", "Helsefellesskapet").exit_code == 0
    for name in ("Fagråd A", "Fagråd B"):
        assert invoke("community", "body", "add", "hf", name, "--kind", "faglig").exit_code == 0
    return invoke


def test_merging_back_says_which_body_the_names_belong_to(run) -> None:
    """A merged into B, then B "into A": A is now B's alias, so nothing changes, and the
    message must not say that B belonged to A."""
    assert run("community", "body", "merge", "hf", "Fagråd A", "--into", "Fagråd B").exit_code == 0
    back = run("community", "body", "merge", "hf", "Fagråd B", "--into", "Fagråd A")
    assert back.exit_code == 0
    assert back.output == "✓ Alle skrivemåtene hørte allerede til Fagråd B.\n"


def test_a_merge_names_the_body_as_registered(run) -> None:
    merged = run("community", "body", "merge", "hf", "fagråd a", "--into", "fagråd  b")
    assert merged.output == "✓ Fagråd A hører nå til Fagråd B.\n"


def test_a_merged_bodys_addresses_are_named_as_no_longer_reminded(run) -> None:
    contacts = run("community", "body", "contacts", "hf", "Fagråd A",
                   "--reporter", "leiar.a@example.org", "--remind", "a@example.org")  # fmt: skip
    assert contacts.exit_code == 0
    merged = run("community", "body", "merge", "hf", "Fagråd A", "--into", "Fagråd B")
    assert merged.exit_code == 0
    assert " ".join(merged.output.split()) == (
        "✓ Fagråd A hører nå til Fagråd B. "
        "! Adressene til Fagråd A (leiar.a@example.org, a@example.org) blir ikke påminnet "
        "lenger: påminnelsene går til adressene til Fagråd B. Skal de med, gi Fagråd B alle "
        "adressene med «planlogg community body contacts»."
    )


def test_a_merged_body_whose_addresses_the_other_has_gets_no_warning(run) -> None:
    for name in ("Fagråd A", "Fagråd B"):
        assert run("community", "body", "contacts", "hf", name,
                   "--remind", "felles@example.org").exit_code == 0  # fmt: skip
    merged = run("community", "body", "merge", "hf", "Fagråd A", "--into", "Fagråd B")
    assert merged.output == "✓ Fagråd A hører nå til Fagråd B.\n"


def test_a_body_named_twice_in_one_merge_is_named_once(run) -> None:
    added = run("community", "body", "add", "hf", "Fagråd C", "--kind", "faglig", "--short", "FC")
    assert added.exit_code == 0
    merged = run("community", "body", "merge", "hf", "Fagråd C", "FC", "--into", "Fagråd B")
    assert merged.output == "✓ Fagråd C hører nå til Fagråd B.\n"
