"""Bodies report status on, and evaluate, the version in force, not the draft under way.

"SSU ber leiar for kvart FSU oppdatere gjeldande handlingsplan": while a revision is
prepared, the adopted version stays in force until the next is adopted. A measure the
draft has removed is still reported on; one the draft has added is not yet; a report is
held to the responsible bodies and numbers of the version in force. Once the revision is
adopted, its measures are the ones reported on.
"""

from __future__ import annotations

from datetime import date

import pytest

from domain.application import Planlogg
from domain.errors import RuleError, ValidationError
from domain.plan import StatusEntry
from domain.provenance import Provenance, Source
from domain.vocabulary import Colour
from tests.projections.plans import KEY, SECRETARIAT, adopt, draft, revise

DAY = date(2025, 9, 1)
LEGE = "Fagråd for legesamarbeid"
PASIENT = "Fagråd for pasientsamarbeid"
DECIDED = Provenance("Sekretariatet", Source.CLI, reason="Statusrunde", decision="SSU sak 40/25")
NOT_IN_FORCE = (
    "Tiltak 2.1.3 er ikke med i vedtatt versjon 1, som det rapporteres på. "
    "Det kan få status og evalueres når en versjon med tiltaket er vedtatt."
)


def _under_revision(app: Planlogg) -> dict[str, str]:
    """Version 1 adopted; the draft of version 2 gives 1.2.1 to another body, rewords
    2.1.1, removes 2.1.2, adds 1.1.2 and 2.1.3, and renumbers 1.1.1 as 1.1.5. The measures'
    IDs by their number in version 1 (and 2.1.3's)."""
    draft(app)
    adopt(app, ("ASU",), date(2025, 3, 13), 11)
    ids = {m.number: m.id for m in app.get_plan(KEY).active_measures()}
    revise(app)
    app.move_measure(KEY, "1.1.1", "1.1.5", SECRETARIAT)
    ids["2.1.3"] = app.add_measure(
        KEY, "2.1.3", "Nytt i utkastet", SECRETARIAT, responsible=["Fagråd for digital samhandling"]
    )
    app.open_reporting_round(KEY, date(2025, 9, 11), ["ASU", PASIENT], DECIDED)
    return ids


def _light(app: Planlogg, measure_id: str) -> tuple[str, str] | None:
    status = app.get_plan(KEY).measure(measure_id).status
    return (status.colour.value, status.body) if status else None


def test_a_measure_removed_by_the_draft_is_still_reported_on_and_evaluated(
    app: Planlogg,
) -> None:
    ids = _under_revision(app)
    app.report_status(KEY, "2.1.2", "gul", "Forseinka", SECRETARIAT, reported_on=DAY)
    app.evaluate_measure(
        KEY, "2.1.2", 2025, "delvis", "Ein pilot i to kommunar", "videreføre", "ASU",
        SECRETARIAT, evaluated_on=DAY,
    )  # fmt: skip
    plan = app.get_plan(KEY)
    assert plan.measure(ids["2.1.2"]).removed
    assert _light(app, ids["2.1.2"]) == ("yellow", "")
    assert plan.measure(ids["2.1.2"]).evaluations[2025].led_to == "Ein pilot i to kommunar"


def test_a_measure_added_by_the_draft_is_not_reported_on_before_it_is_adopted(
    app: Planlogg,
) -> None:
    ids = _under_revision(app)
    with pytest.raises(RuleError) as refused:
        app.report_status(KEY, "2.1.3", "grønn", "", SECRETARIAT, reported_on=DAY)
    assert refused.value.message == NOT_IN_FORCE
    with pytest.raises(RuleError) as not_evaluated:
        app.evaluate_measure(
            KEY, ids["2.1.3"], 2025, "oppnådd", "Alt", "avslutte", "ASU", SECRETARIAT,
            evaluated_on=DAY,
        )  # fmt: skip
    assert not_evaluated.value.message == NOT_IN_FORCE
    assert _light(app, ids["2.1.3"]) is None
    assert app.get_plan(KEY).measure(ids["2.1.3"]).evaluations == {}


def test_a_form_naming_a_measure_only_the_draft_has_saves_nothing(app: Planlogg) -> None:
    ids = _under_revision(app)
    form = [
        StatusEntry("2.1.1", Colour.GREEN, "I rute", seen=""),
        StatusEntry(ids["2.1.3"], Colour.GREEN, "I rute", seen=""),
    ]
    with pytest.raises(RuleError) as refused:
        app.report_statuses(KEY, form, SECRETARIAT, reported_on=DAY)
    assert refused.value.message == NOT_IN_FORCE
    assert _light(app, ids["2.1.1"]) is None


def test_a_report_is_held_to_the_bodies_of_the_version_in_force(app: Planlogg) -> None:
    """The draft gives 1.2.1 to the legesamarbeid fagråd: the pasientsamarbeid fagråd still
    answers for it, and the legesamarbeid fagråd does not yet."""
    ids = _under_revision(app)
    app.report_status(KEY, "1.2.1", "grønn", "", SECRETARIAT, reported_on=DAY, body=PASIENT)
    assert _light(app, ids["1.2.1"]) == ("green", PASIENT)
    with pytest.raises(RuleError) as refused:
        app.report_status(KEY, "1.2.1", "rød", "", SECRETARIAT, reported_on=DAY, body=LEGE)
    assert refused.value.message == (
        f"{LEGE} er ikke ansvarlig for tiltak 1.2.1 (ansvarlig: {PASIENT})."
    )


def test_a_number_is_read_as_the_version_in_force_numbers_its_measures(app: Planlogg) -> None:
    """1.1.1 is 1.1.5 in the draft: reported by its number in force, and by the draft's."""
    ids = _under_revision(app)
    app.report_status(KEY, "1.1.1", "rød", "Ikkje starta", SECRETARIAT, reported_on=DAY)
    assert _light(app, ids["1.1.1"]) == ("red", "")
    app.report_status(KEY, "1.1.5", "grønn", "Starta", SECRETARIAT, reported_on=DAY)
    assert _light(app, ids["1.1.1"]) == ("green", "")


def test_the_measures_reported_on_are_those_in_force_with_their_progress(
    app: Planlogg,
) -> None:
    ids = _under_revision(app)
    app.report_status(KEY, "2.1.1", "gul", "Venter", SECRETARIAT, reported_on=DAY)
    reported = {m.id: m for m in app.get_plan(KEY).reporting_measures()}
    assert sorted(reported) == sorted(ids[n] for n in ("1.1.1", "1.2.1", "2.1.1", "2.1.2"))
    one = reported[ids["2.1.1"]]
    assert (one.number, one.text, one.removed) == ("2.1.1", "Innføre meldingsløft", False)
    assert one.status is not None and (one.status.colour, one.status.comment) == (
        Colour.YELLOW,
        "Venter",
    )
    assert reported[ids["1.1.1"]].number == "1.1.1"
    assert reported[ids["1.2.1"]].responsible == (PASIENT,)
    assert reported[ids["2.1.2"]].removed is False


def test_once_the_revision_is_adopted_its_measures_are_the_ones_reported_on(
    app: Planlogg,
) -> None:
    ids = _under_revision(app)
    app.close_reporting_round(KEY, SECRETARIAT)
    adopt(app, ("ASU",), date(2025, 10, 2), 21)
    app.open_reporting_round(KEY, date(2025, 11, 1), ["ASU"], DECIDED)
    app.report_status(KEY, "2.1.3", "grønn", "", SECRETARIAT, reported_on=DAY)
    assert _light(app, ids["2.1.3"]) == ("green", "")
    with pytest.raises(RuleError) as refused:
        app.report_status(KEY, ids["2.1.2"], "grønn", "", SECRETARIAT, reported_on=DAY)
    assert refused.value.message == (
        "Tiltak 2.1.2 er ikke med i vedtatt versjon 2, som det rapporteres på. "
        "Det kan få status og evalueres når en versjon med tiltaket er vedtatt."
    )
    numbers = sorted(m.number for m in app.get_plan(KEY).reporting_measures())
    assert numbers == ["1.1.2", "1.1.5", "1.2.1", "2.1.1", "2.1.3"]


def test_before_the_first_adoption_the_draft_is_reported_on(app: Planlogg) -> None:
    draft(app)
    app.open_reporting_round(KEY, date(2025, 9, 11), ["ASU"], DECIDED)
    app.report_status(KEY, "2.1.2", "grønn", "", SECRETARIAT, reported_on=DAY)
    plan = app.get_plan(KEY)
    assert plan.in_force == {}
    assert [m.number for m in plan.reporting_measures()] == [
        m.number for m in plan.active_measures()
    ]
    assert plan.find_measure("2.1.2").status is not None


def test_a_measure_a_later_version_left_out_is_evaluated_for_the_years_it_was_in_force(
    app: Planlogg,
) -> None:
    """2.1.2, in version 1, is left out of version 2, adopted at a meeting on 10.02.2026: it
    was in force until the day before, so it is evaluated for 2025 and 2026, not after."""
    ids = _under_revision(app)
    app.close_reporting_round(KEY, SECRETARIAT)
    adopt(app, ("ASU",), date(2026, 2, 10), 21)
    app.evaluate_measure(
        KEY, ids["2.1.2"], 2025, "delvis", "Ein pilot", "avslutte", "ASU", SECRETARIAT,
        evaluated_on=date(2026, 2, 20),
    )  # fmt: skip
    assert app.get_plan(KEY).measure(ids["2.1.2"]).evaluations[2025].led_to == "Ein pilot"
    app.evaluate_measure(
        KEY, ids["2.1.2"], 2026, "delvis", "Avslutta", "avslutte", "ASU", SECRETARIAT,
        evaluated_on=date(2026, 2, 20),
    )  # fmt: skip
    with pytest.raises(RuleError) as refused:
        app.report_status(KEY, ids["2.1.2"], "grønn", "", SECRETARIAT, reported_on=DAY)
    assert "er ikke med i vedtatt versjon 2" in refused.value.message
    assert app.get_plan(KEY).left_force == {ids["2.1.2"]: 2026}


def test_a_measure_left_out_is_not_evaluated_for_a_year_after_it_was_in_force(
    app: Planlogg,
) -> None:
    ids = _under_revision(app)
    app.close_reporting_round(KEY, SECRETARIAT)
    adopt(app, ("ASU",), date(2026, 1, 1), 21)
    with pytest.raises(RuleError) as refused:
        app.evaluate_measure(
            KEY, ids["2.1.2"], 2026, "delvis", "Ein pilot", "avslutte", "ASU", SECRETARIAT,
            evaluated_on=date(2026, 2, 20),
        )  # fmt: skip
    assert refused.value.message == (
        "Tiltak 2.1.2 var sist med i planen som gjaldt i 2025, og kan ikke evalueres for 2026."
    )
    assert app.get_plan(KEY).measure(ids["2.1.2"]).evaluations == {}


def test_a_number_two_measures_have_names_neither(app: Planlogg) -> None:
    """The draft moves 2.1.1 to 2.1.4 and gives 2.1.1 to a new measure."""
    ids = _under_revision(app)
    app.move_measure(KEY, "2.1.1", "2.1.4", SECRETARIAT)
    added = app.add_measure(KEY, "2.1.1", "Nytt 2.1.1", SECRETARIAT)
    with pytest.raises(ValidationError) as refused:
        app.report_status(KEY, "2.1.1", "grønn", "", SECRETARIAT, reported_on=DAY)
    assert refused.value.message == (
        f"Nummeret 2.1.1 er tiltak {ids['2.1.1']} i versjon 1, men {added} i "
        "arbeidsversjonen. Oppgi ID-en til tiltaket du mener."
    )
    app.report_status(KEY, "2.1.4", "grønn", "", SECRETARIAT, reported_on=DAY)
    assert _light(app, ids["2.1.1"]) == ("green", "")
