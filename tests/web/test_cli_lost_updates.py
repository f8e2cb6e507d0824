"""Command-line writes that would replace a change made in between by someone else: each says
what its user read, and a stale one is refused (exit 6) with nothing saved.

- `measure smart` keeps the fields left out (an empty value clears one);
- `measure evaluate --replace` names the evaluation replaced (`--replacing`);
- the commands that change one measure take `--expected-revision`, as `T029.2` (the measure's
  ID and revision, the API's ETag) or as a bare revision;
- `person bodies` and `person communities` take `--expected-version` (the people form's).

Measure 2.1.2A of the demo is T029, at revision 1."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from datetime import date

import pytest
from click.testing import CliRunner, Result

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from domain.plan import evaluation_tag
from domain.provenance import Provenance, Source
from domain.vocabulary import BodyKind, EvaluationResult, Recommendation
from tests.web.conftest import event_count, refusal
from web.cli import EXIT_CONFLICT, EXIT_INVALID, EXIT_USAGE, cli

ANNE = Provenance("Anne (nett)", Source.WEB, reason="test")
STALE = (
    "Tiltak 2.1.2A er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
    "Hent tiltaket på nytt og prøv igjen."
)


@pytest.fixture
def app(demo_cli) -> Iterator[Planlogg]:  # type: ignore[no-untyped-def]
    with Planlogg.from_url(demo_cli.url) as found:
        yield found


def fresh(demo_cli) -> Planlogg:  # type: ignore[no-untyped-def]
    return Planlogg.from_url(demo_cli.url)


# --- measure smart: the fields left out are kept ------------------------------------------


def test_smart_keeps_the_fields_left_out(demo_cli, app: Planlogg) -> None:
    app.set_smart_criteria(DEMO_PLAN, "2.1.2A", ANNE, "Antall kommuner", "10")
    done = demo_cli("measure", "smart", DEMO_PLAN, "2.1.2A", "--deadline", "01.04.2025")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert done.stdout == "✓ SMART-feltene for 2.1.2A er lagret.\n"
    with fresh(demo_cli) as now:
        smart = now.get_plan(DEMO_PLAN).find_measure("2.1.2A").smart
    assert (smart.indicator, smart.target, smart.deadline) == (
        "Antall kommuner",
        "10",
        date(2025, 4, 1),
    )


def test_smart_clears_a_field_given_empty(demo_cli, app: Planlogg) -> None:
    app.set_smart_criteria(DEMO_PLAN, "2.1.2A", ANNE, "Antall kommuner", "10", date(2025, 4, 1))
    done = demo_cli("measure", "smart", DEMO_PLAN, "2.1.2A", "--indicator", "", "--deadline", "")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    with fresh(demo_cli) as now:
        smart = now.get_plan(DEMO_PLAN).find_measure("2.1.2A").smart
    assert (smart.indicator, smart.target, smart.deadline) == ("", "10", None)


def test_smart_with_no_field_is_a_usage_error(demo_cli, app: Planlogg) -> None:
    before = event_count(app)
    refused = demo_cli("measure", "smart", DEMO_PLAN, "2.1.2A")
    assert refused.exit_code == EXIT_USAGE
    assert refused.stderr.rstrip().endswith(
        "Feil: Oppgi minst ett av --indicator, --target og --deadline."
    )
    assert event_count(app) == before


# --- measure evaluate --replace names the evaluation replaced -----------------------------

EVALUATE = ("measure", "evaluate", DEMO_PLAN, "2.1.2A", "--year", "2024", "--result",
            "ikke oppnådd", "--led-to", "E3 (Kari)", "--recommend", "endre",
            "--body", "ASU")  # fmt: skip


def evaluated(app: Planlogg, led_to: str, by: Provenance, **given: object) -> None:
    app.evaluate_measure(DEMO_PLAN, "2.1.2A", 2024, EvaluationResult.PARTLY, led_to,
                         Recommendation.CHANGE, "ASU", by, evaluated_on=date(2024, 10, 1),
                         **given)  # type: ignore[arg-type]  # fmt: skip


def led_to(demo_cli) -> str:  # type: ignore[no-untyped-def]
    with fresh(demo_cli) as now:
        return now.get_plan(DEMO_PLAN).find_measure("2.1.2A").evaluations[2024].led_to


def test_a_replace_naming_the_evaluation_read_replaces_it(demo_cli, app: Planlogg) -> None:
    evaluated(app, "E1", ANNE)
    done = demo_cli(*EVALUATE, "--replace", "--replacing", "E1")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert led_to(demo_cli) == "E3 (Kari)"


def test_a_replace_may_name_the_evaluation_by_the_apis_tag(demo_cli, app: Planlogg) -> None:
    evaluated(app, "E1", ANNE)
    tag = evaluation_tag(app.get_plan(DEMO_PLAN).find_measure("2.1.2A").evaluations[2024])
    done = demo_cli(*EVALUATE, "--replace", "--replacing", tag)
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert led_to(demo_cli) == "E3 (Kari)"


def test_a_replace_naming_an_evaluation_replaced_since_is_refused(demo_cli, app: Planlogg) -> None:
    evaluated(app, "E1", Provenance("Bjørn", Source.CLI, reason="t"))
    e1 = app.get_plan(DEMO_PLAN).find_measure("2.1.2A").evaluations[2024]
    evaluated(app, "E2 (Anne)", ANNE, replace=True, seen=evaluation_tag(e1))
    before = event_count(app)
    refused = demo_cli(*EVALUATE, "--replace", "--replacing", "E1")
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == (
        "Feil: Tiltak 2.1.2A ble evaluert for 2024 av Anne (nett) etter at du hentet "
        "evalueringene: delvis oppnådd, «E2 (Anne)», endre (ASU, 01.10.2024). Ingenting er "
        "lagret. Se over evalueringen, og erstatt den på nytt om du fortsatt vil."
    )
    assert event_count(app) == before
    assert led_to(demo_cli) == "E2 (Anne)"


def test_a_replace_by_one_who_saw_no_evaluation_is_refused_when_one_was_given(
    demo_cli, app: Planlogg
) -> None:
    evaluated(app, "E1", ANNE)
    refused = demo_cli(*EVALUATE, "--replace", "--replacing", "")
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert "ble evaluert for 2024 av Anne (nett) etter at du hentet" in refusal(refused)
    assert led_to(demo_cli) == "E1"


def test_a_replace_without_naming_the_evaluation_read_is_refused(demo_cli, app: Planlogg) -> None:
    evaluated(app, "E1", ANNE)
    before = event_count(app)
    refused = demo_cli(*EVALUATE, "--replace")
    assert refused.exit_code == EXIT_INVALID, refused.output
    assert refusal(refused) == (
        "Feil: Tiltak 2.1.2A er evaluert for 2024 av Anne (nett): delvis oppnådd, «E1», endre "
        "(ASU, 01.10.2024). Ingenting er lagret. Oppgi evalueringen du erstatter "
        '(--replacing "E1"), så ingen annens evaluering blir erstattet uten at du har sett den.'
    )
    assert event_count(app) == before


def test_a_replace_of_a_year_not_evaluated_needs_no_replacing(demo_cli) -> None:
    done = demo_cli(*EVALUATE, "--replace")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert led_to(demo_cli) == "E3 (Kari)"


# --- --expected-revision on every command that changes one measure -----------------------

CHANGES = {
    "reword": ("reword", DEMO_PLAN, "2.1.2A", "Ny tekst"),
    "assign": ("assign", DEMO_PLAN, "2.1.2A", "ASU", "PSU"),
    "move": ("move", DEMO_PLAN, "2.1.2A", "2.1.9"),
    "timeframe": ("timeframe", DEMO_PLAN, "2.1.2A", "2024=x"),
    "tag": ("tag", DEMO_PLAN, "2.1.2A", "--topic", "3"),
    "remove": ("remove", DEMO_PLAN, "2.1.2A"),
    "smart": ("smart", DEMO_PLAN, "2.1.2A", "--indicator", "Andel"),
}


@pytest.mark.parametrize("seen", ["T029.1", "1"], ids=["etag", "bare"])
@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_of_a_measure_changed_since_is_refused(
    demo_cli, app: Planlogg, change: str, seen: str
) -> None:
    app.reword_measure(DEMO_PLAN, "2.1.2A", "Annes tekst", ANNE)
    before = event_count(app)
    refused = demo_cli("measure", *CHANGES[change], "--expected-revision", seen)
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == f"Feil: {STALE}"
    assert event_count(app) == before


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_a_change_of_the_measure_as_read_is_saved(demo_cli, app: Planlogg, change: str) -> None:
    before = event_count(app)
    done = demo_cli("measure", *CHANGES[change], "--expected-revision", "T029.1")
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    assert event_count(app) - before == 1


def test_a_restore_of_a_measure_changed_since_is_refused(demo_cli, app: Planlogg) -> None:
    app.remove_measure(DEMO_PLAN, "2.1.2A", ANNE)
    seen = app.get_plan(DEMO_PLAN).measure("T029").revision
    app.restore_measure(DEMO_PLAN, "2.1.2A", ANNE)
    app.remove_measure(DEMO_PLAN, "2.1.2A", ANNE)
    before = event_count(app)
    refused = demo_cli("measure", "restore", DEMO_PLAN, "2.1.2A",
                       "--expected-revision", f"T029.{seen}")  # fmt: skip
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == (
        f"Feil: Tiltak 2.1.2A er endret av noen andre siden du hentet det (endringsnummer "
        f"{seen}, nå {seen + 2}). Hent tiltaket på nytt og prøv igjen."
    )
    assert event_count(app) == before
    done = demo_cli("measure", "restore", DEMO_PLAN, "2.1.2A",
                    "--expected-revision", f"T029.{seen + 2}")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output


def replaced(app: Planlogg) -> str:
    """2.1.2A (T029) removed and a new measure added with its number; the new one's ID."""
    app.remove_measure(DEMO_PLAN, "2.1.2A", ANNE)
    return app.add_measure(DEMO_PLAN, "2.1.2A", "Nytt tiltak", ANNE, responsible=["ASU"])


@pytest.mark.parametrize("change", ["reword", "assign", "smart"])
def test_a_number_now_another_measure_is_refused_with_the_id_read(
    demo_cli, app: Planlogg, change: str
) -> None:
    new = replaced(app)
    assert app.get_plan(DEMO_PLAN).measure(new).revision == 1
    before = event_count(app)
    refused = demo_cli("measure", *CHANGES[change], "--expected-revision", "T029.1")
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == (
        f"Feil: Tiltak 2.1.2A er nå et annet tiltak ({new}) enn det du hentet (T029). "
        "Hent tiltaket på nytt og prøv igjen."
    )
    assert event_count(app) == before


def test_a_restore_by_number_restores_the_removed_measure_the_id_names(
    demo_cli, app: Planlogg
) -> None:
    new = replaced(app)
    app.remove_measure(DEMO_PLAN, new, ANNE)  # two removed measures have had 2.1.2A
    seen = app.get_plan(DEMO_PLAN).measure("T029").revision
    done = demo_cli("measure", "restore", DEMO_PLAN, "2.1.2A",
                    "--expected-revision", f"T029.{seen}")  # fmt: skip
    assert (done.exit_code, done.stderr) == (0, ""), done.output
    with fresh(demo_cli) as now:
        assert now.get_plan(DEMO_PLAN).find_measure("2.1.2A").id == "T029"


@pytest.mark.parametrize("typed", ["T029", "T029.", "2.1.2A", "x"])
def test_an_expected_revision_of_another_form_is_a_usage_error(demo_cli, typed: str) -> None:
    refused = demo_cli("measure", "reword", DEMO_PLAN, "2.1.2A", "Ny tekst",
                       "--expected-revision", typed)  # fmt: skip
    assert refused.exit_code == EXIT_USAGE
    assert refused.stderr.rstrip().endswith(
        f"Feil: Ugyldig verdi for '--expected-revision': «{typed}» er ikke ID-en og "
        "endringsnummeret til et tiltak, f.eks. T029.2 (eller bare endringsnummeret)."
    )


def test_the_help_recommends_the_id_and_revision(demo_cli) -> None:
    for change in (*CHANGES, "restore"):
        shown = " ".join(demo_cli("measure", change, "--help").stdout.split())
        assert "--expected-revision T029.2" in shown, change
        assert (
            "Tiltaket slik du hentet det: ID-en og endringsnummeret, f.eks. T029.2 (se "
            "planlogg show PLAN --json). Er tiltaket endret siden, eller er nummeret nå et "
            "annet tiltak, lagres ingenting."
        ) in shown, change


# --- person bodies and person communities take the person's version ----------------------

ISSUER = "https://login.microsoftonline.com/tenant/v2.0"
SETUP = Provenance("Oppsett", Source.CLI, reason="test")
Run = Callable[..., Result]


@pytest.fixture
def people(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Planlogg, Run]]:
    """Kari (signed in once) and a community registering ASU and PSU; `planlogg` as Drift."""
    monkeypatch.setenv("PLANLOGG_OIDC_ISSUER", ISSUER)
    runner = CliRunner()

    def invoke(*args: str) -> Result:
        return runner.invoke(
            cli, ["--database-url", sqlite_url, "--as", "Drift", "--reason", "test", *args]
        )

    with Planlogg.from_url(sqlite_url) as app:
        app.register_community("hf", "Helsefellesskapet", SETUP)
        app.register_community("hf2", "Helsefellesskapet to", SETUP)
        for name in ("ASU", "PSU"):
            app.add_body("hf", name, BodyKind.STRATEGIC, SETUP)
        app.record_sign_in(ISSUER, "sub-kari", "kari@helse.no", "Kari", ANNE)
        yield app, invoke


def listed_version(run: Run) -> int:
    listed = json.loads(run("person", "list", "--json").stdout)
    return int(listed[0]["version"])


@pytest.mark.parametrize(
    "args",
    [("bodies", "kari@helse.no", "ASU"), ("communities", "kari@helse.no", "hf2")],
    ids=["bodies", "communities"],
)
def test_a_person_changed_since_is_refused(people: tuple[Planlogg, Run], args: tuple) -> None:
    app, run = people
    seen = listed_version(run)
    kari = app.find_person("kari@helse.no")
    app.change_access(kari.id, [], ["PSU"], ANNE, seen)  # on the people form meanwhile
    before = event_count(app)
    refused = run("person", *args, "--expected-version", str(seen))
    assert refused.exit_code == EXIT_CONFLICT, refused.output
    assert refusal(refused) == (
        f"Feil: Kari er endret av noen andre siden du hentet personen (versjon {seen}, nå "
        f"{seen + 1}). Hent personen på nytt og prøv igjen."
    )
    assert event_count(app) == before
    assert app.get_person(kari.id).bodies == ["PSU"]


def test_a_persons_bodies_and_communities_as_read_are_saved(people: tuple[Planlogg, Run]) -> None:
    app, run = people
    bodies = run("person", "bodies", "kari@helse.no", "ASU", "PSU",
                 "--expected-version", str(listed_version(run)))  # fmt: skip
    assert (bodies.exit_code, bodies.stdout) == (0, "Kari rapporterer nå for ASU, PSU.\n")
    reach = run("person", "communities", "kari@helse.no", "hf",
                "--expected-version", str(listed_version(run)))  # fmt: skip
    assert reach.exit_code == 0, reach.output
    kari = app.get_person(app.find_person("kari@helse.no").id)
    assert (kari.bodies, list(kari.communities)) == (["ASU", "PSU"], ["hf"])
    same = run("person", "bodies", "kari@helse.no", "ASU", "PSU",
               "--expected-version", str(listed_version(run)))  # fmt: skip
    assert same.stdout == "Kari rapporterte allerede for disse organene. Ingen endring.\n"
