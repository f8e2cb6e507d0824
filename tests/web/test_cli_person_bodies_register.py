"""`planlogg person bodies` and `person add --body` follow the web's rule: a reporter's bodies
are in the body register of her communities, and a name none has is refused with the same
sentence (the nearest registered name offered), a non-zero exit, and nothing stored.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.provenance import Provenance, Source
from domain.vocabulary import BodyKind
from web.cli import EXIT_INVALID, cli

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
SETUP = Provenance("Oppsett", Source.CLI, reason="test")
UNKNOWN = (
    "«ASUU» er ikke et registrert organ. Mente du «ASU»? "
    "Skriv organet slik det står i organregisteret."
)

Run = Callable[..., Result]


@pytest.fixture
def run(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Run:
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", ISSUER)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(
            cli, ["--database-url", sqlite_url, "--as", "Drift", "--reason", "test", *args]
        )

    return invoke


@pytest.fixture
def app(sqlite_url: str) -> Planlogg:
    """A community registering ASU and PSU, and Kari, who has signed in once."""
    app = Planlogg.from_url(sqlite_url)
    app.register_community("hf", "Helsefellesskapet", SETUP)
    for name in ("ASU", "PSU"):
        app.add_body("hf", name, BodyKind.STRATEGIC, SETUP)
    app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", Provenance("Kari", Source.WEB))
    return app


def test_a_body_the_register_lacks_is_refused_naming_the_nearest(app: Planlogg, run: Run) -> None:
    before = app.recorder.max_notification_id()
    refused = run("person", "bodies", "kari@helse.no", "PSU", "ASUU")
    assert refused.exit_code == EXIT_INVALID
    assert refused.output == f"Feil: {UNKNOWN}\n"
    assert app.recorder.max_notification_id() == before
    assert app.find_person("kari@helse.no").bodies == []


def test_registered_bodies_are_set_by_any_of_their_names(app: Planlogg, run: Run) -> None:
    done = run("person", "bodies", "kari@helse.no", "psu", "ASU")
    assert (done.exit_code, done.output) == (0, "Kari rapporterer nå for ASU, psu.\n")
    assert app.find_person("kari@helse.no").bodies == ["ASU", "psu"]


def test_a_person_limited_to_a_community_is_matched_in_its_register(
    app: Planlogg, run: Run
) -> None:
    app.register_community("hv", "Helse Vest", SETUP)
    app.add_body("hv", "Fagråd for legesamarbeid", BodyKind.PROFESSIONAL, SETUP)
    assert run("person", "communities", "kari@helse.no", "hv").exit_code == 0
    refused = run("person", "bodies", "kari@helse.no", "PSU")
    assert refused.exit_code == EXIT_INVALID
    assert "«PSU» er ikke et registrert organ." in refused.output
    assert run("person", "bodies", "kari@helse.no", "Fagråd for legesamarbeid").exit_code == 0


def test_a_person_added_with_a_body_the_register_lacks_is_not_added(
    app: Planlogg, run: Run
) -> None:
    refused = run("person", "add", "sub-ola", "--email", "ola@helse.no", "--body", "ASUU")
    assert refused.exit_code == EXIT_INVALID
    assert refused.output == f"Feil: {UNKNOWN}\n"
    assert [p.subject for p in app.people()] == ["sub-kari"]


def test_without_any_register_of_bodies_any_name_will_do(sqlite_url: str, run: Run) -> None:
    """As on the web: a community that registers no bodies compares names as typed."""
    app = Planlogg.from_url(sqlite_url)
    app.register_community("hf", "Helsefellesskapet", SETUP)
    app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", Provenance("Kari", Source.WEB))
    done = run("person", "bodies", "kari@helse.no", "FSU psykisk helse")
    assert (done.exit_code, done.output) == (0, "Kari rapporterer nå for FSU psykisk helse.\n")
