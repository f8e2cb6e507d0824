"""`community body contacts` replaces a body's two lists from what its user read: with
`--replacing-reporters` / `--replacing-reminded` (each list as `body list` prints it, "" for
none) the save checks, inside it, that the list stored is still the one read, so addresses
someone else set in between are not replaced unseen (exit 6, naming what is stored now).
Without them nothing is checked."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.community import HealthCommunity
from domain.errors import ConcurrentEditError
from domain.norwegian_time import oslo_today
from domain.provenance import Provenance, Source
from tests.web.conftest import event_count, refusal
from web.cli import EXIT_CONFLICT, EXIT_INVALID, cli

TODAY = oslo_today().strftime("%d.%m.%Y")
"""The day the tests set addresses, as a refusal names it (Norwegian time)."""
ANNE = Provenance("Anne (nett)", Source.WEB, reason="test")


@pytest.fixture
def run(sqlite_url: str) -> Callable[..., Result]:
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(cli, ["--database-url", sqlite_url, "--as", "Kari", *args])

    assert invoke("community", "add", "hf", "Helsefellesskapet").exit_code == 0
    assert invoke("community", "body", "add", "hf", "Fagråd A", "--kind", "faglig").exit_code == 0
    set_first = invoke("community", "body", "contacts", "hf", "Fagråd A",
                       "--reporter", "leiar@example.org",
                       "--remind", "sekr@example.org")  # fmt: skip
    assert set_first.exit_code == 0, set_first.output
    return invoke


@pytest.fixture
def app(sqlite_url: str, run) -> Iterator[Planlogg]:  # type: ignore[no-untyped-def]
    with Planlogg.from_url(sqlite_url) as found:
        yield found


def stored(sqlite_url: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    with Planlogg.from_url(sqlite_url) as now:
        body = now.get_community("hf").body("Fagråd A")
    return body.reporters, body.reminded


def test_the_lists_read_are_replaced(run, sqlite_url: str) -> None:
    done = run("community", "body", "contacts", "hf", "Fagråd A",
               "--reporter", "ny@example.org", "--remind", "sekr@example.org",
               "--remind", "nestleiar@example.org",
               "--replacing-reporters", "Leiar@example.org",
               "--replacing-reminded", "sekr@example.org")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert stored(sqlite_url) == (
        ("ny@example.org",),
        ("sekr@example.org", "nestleiar@example.org"),
    )


def test_lists_changed_since_they_were_read_are_refused(run, app, sqlite_url: str) -> None:
    app.set_body_contacts("hf", "Fagråd A", ["leiar@example.org", "nestleiar@example.org"],
                          ["sekr@example.org"], ANNE)  # fmt: skip
    before = event_count(app)
    refused = run("community", "body", "contacts", "hf", "Fagråd A",
                  "--reporter", "ny@example.org",
                  "--replacing-reporters", "leiar@example.org",
                  "--replacing-reminded", "sekr@example.org")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == (
        f"Feil: Adressene til Fagråd A ble endret av Anne (nett) {TODAY} etter at du hentet dem. "
        "Nå er det leiar@example.org, nestleiar@example.org som rapporterer, og "
        "sekr@example.org som blir påminnet. Ingenting er lagret. Se over adressene, og prøv "
        "på nytt om du fortsatt vil."
    )
    assert event_count(app) == before
    assert stored(sqlite_url) == (("leiar@example.org", "nestleiar@example.org"),
                                  ("sekr@example.org",))  # fmt: skip


def test_none_read_is_refused_when_some_are_stored(run, app, sqlite_url: str) -> None:
    before = event_count(app)
    refused = run("community", "body", "contacts", "hf", "Fagråd A",
                  "--reporter", "leiar@example.org", "--remind", "ny@example.org",
                  "--replacing-reminded", "")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert "og sekr@example.org som blir påminnet. Ingenting er lagret." in refusal(refused)
    assert event_count(app) == before


def test_a_list_kept_as_stored_is_not_a_clash(run, app, sqlite_url: str) -> None:
    """The reminded list is stale, but the command sets it to what is stored: nothing of
    someone else's is replaced."""
    app.set_body_contacts("hf", "Fagråd A", ["leiar@example.org"], ["ny@example.org"], ANNE)
    done = run("community", "body", "contacts", "hf", "Fagråd A",
               "--reporter", "leiar2@example.org", "--remind", "ny@example.org",
               "--replacing-reporters", "leiar@example.org",
               "--replacing-reminded", "sekr@example.org")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert stored(sqlite_url) == (("leiar2@example.org",), ("ny@example.org",))


def test_without_replacing_nothing_is_checked(run, app, sqlite_url: str) -> None:
    app.set_body_contacts("hf", "Fagråd A", ["x@example.org"], [], ANNE)
    done = run("community", "body", "contacts", "hf", "Fagråd A", "--reporter", "y@example.org")
    assert done.exit_code == 0, done.output
    assert stored(sqlite_url) == (("y@example.org",), ())


def test_the_check_is_made_again_when_the_save_is_retried(app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A save that lost a race re-runs the change on the community as stored: the lists read
    are checked against what the other save wrote."""
    real = HealthCommunity.set_contacts
    calls: list[int] = []

    def racing(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not calls:
            calls.append(1)
            app.set_body_contacts("hf", "Fagråd A", ["annan@example.org"], [], ANNE)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(HealthCommunity, "set_contacts", racing)
    before = event_count(app)
    with pytest.raises(
        ConcurrentEditError,
        match=r"Nå er det annan@example\.org som rapporterer, og ingen som blir påminnet",
    ):
        app.set_body_contacts("hf", "Fagråd A", ["ny@example.org"], ["sekr@example.org"], ANNE,
                              seen=(["leiar@example.org"], ["sekr@example.org"]))  # fmt: skip
    assert event_count(app) == before + 1  # the other save's only
    assert app.get_community("hf").body("Fagråd A").reporters == ("annan@example.org",)


def test_a_list_read_cut_short_by_a_narrow_terminal_is_refused_as_input(run, app: Planlogg) -> None:  # type: ignore[no-untyped-def]
    before = event_count(app)
    refused = run("community", "body", "contacts", "hf", "Fagråd A", "--reporter", "ny@example.org",
                  "--replacing-reporters", "leiar@exa…")  # fmt: skip
    assert refused.exit_code == EXIT_INVALID
    assert " ".join(refused.stderr.split()) == (
        "Feil: «leiar@exa…» er ikke en e-postadresse (f.eks. leder@kommune.no)."
    )
    assert event_count(app) == before
