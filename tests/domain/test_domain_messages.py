"""The domain's refusals and labels speak the målform of the moment, and only that one.

Each refusal is raised for real, once in bokmål (the default) and once inside
`speaking("nn")`: a message is worded when it is raised, so the same command
answers in whichever målform the person it serves reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import language
from domain.application import Planlogg
from domain.community import HealthCommunity
from domain.dates import check_period, parse_norwegian_date
from domain.decision import parse_case
from domain.errors import PlanloggError
from domain.numbering import parse_goal_number, parse_measure_number
from domain.people import parse_role
from domain.plan import Plan
from domain.provenance import Provenance, Source
from domain.reminders import ReminderStatus, parse_schedule, step_label
from domain.text import checked
from domain.timeframe import parse_year_mark
from domain.vocabulary import (
    BODY_KIND_LABELS,
    COLOUR_LABELS,
    PATIENT_GROUP_LABELS,
    RECOMMENDATION_LABELS,
    RESULT_LABELS,
    STAGE_LABELS,
    TOPICS_6_2,
    BodyKind,
    Colour,
    EvaluationResult,
    PatientGroup,
    Recommendation,
    Stage,
    parse_colour,
    parse_evaluation_result,
    parse_patient_group,
    parse_recommendation,
)
from language import MÅLFORMER, speaking
from tests.language.words import foreign_words

BY = Provenance("Kari", Source.CLI)
DECIDED = Provenance("Kari", Source.CLI, decision="ASU sak 1/25")


def _plan() -> Plan:
    plan = Plan.start("hf-2025", "Handlingsplan", "hf", 2024, 2026, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Gode overganger", BY)
    plan.add_measure("1.1.1", "Kartlegge rutinene", BY, responsible=["ASU"])
    return plan


def _adopted() -> Plan:
    plan = _plan()
    version = plan.submit(["ASU"], BY)
    plan.approve(version, "ASU", "sak 1/25", date(2025, 1, 20), BY)
    return plan


def _submitted() -> Plan:
    plan = _plan()
    plan.submit(["ASU"], BY)
    return plan


def _stale_edit() -> None:
    plan = _plan()
    measure_id = plan.find_measure("1.1.1").id
    plan.reword_measure(measure_id, "Kartlegge alle rutinene", BY)
    plan.reword_measure(measure_id, "Kartlegge", BY, expected_revision=1)


def _report_from_another_body() -> None:
    plan = _plan()
    measure_id = plan.find_measure("1.1.1").id
    plan.report_status(measure_id, Colour.YELLOW, "", date(2025, 3, 1), BY, body="FSU")


def _second_reminder() -> None:
    plan = _plan()
    plan.open_reporting_round(date(2025, 9, 11), ["SSU"], DECIDED)
    plan.intend_reminder("R1", "SSU", 14, ("ssu@example.org",), BY)
    plan.intend_reminder("R1", "SSU", 14, ("ssu@example.org",), BY)


def _evaluated_twice() -> None:
    plan = _adopted()
    measure_id = plan.find_measure("1.1.1").id
    for _ in range(2):
        plan.evaluate_measure(
            measure_id,
            2024,
            EvaluationResult.PARTLY,
            "Rutinen er i bruk.",
            Recommendation.CHANGE,
            "ASU",
            date(2025, 2, 1),
            BY,
        )


def _approved_twice() -> None:
    plan = Plan.start("hf-2025", "Handlingsplan", "hf", 2024, 2026, BY)
    plan.add_area("1", "Samhandling", BY)
    plan.add_goal("1.1", "Gode overganger", BY)
    plan.add_measure("1.1.1", "Kartlegge rutinene", BY)
    version = plan.submit(["ASU", "PSU"], BY)
    plan.approve(version, "ASU", "sak 1/25", date(2025, 1, 20), BY)
    plan.approve(version, "ASU", "sak 2/25", date(2025, 1, 21), BY)


def _name_taken() -> None:
    community = HealthCommunity(key="st-olavs", name="St. Olavs", by=BY)
    community.add_body("Strategisk samarbeidsutval", BodyKind.STRATEGIC, BY, aliases=["SSU"])
    community.add_body("Samarbeidsutval", BodyKind.STRATEGIC, BY, aliases=["ssu"])


def _no_such_plan() -> None:
    app = Planlogg.from_url("memory:")
    try:
        app.get_plan("ingen")
    finally:
        app.close()


REFUSALS: list[tuple[str, Callable[[], object], str, str]] = [
    (
        "an empty required text",
        lambda: checked("  ", "Tittelen", required=True),
        "Tittelen må fylles ut.",
        "Tittelen må fyllast ut.",
    ),
    (
        "a character no store can hold",
        lambda: _plan().reword_goal("1.1", "Gode\x01 overganger", BY),
        "Målteksten inneholder et tegn som ikke kan lagres: U+0001 (kontrolltegn). "
        "Fjern det og prøv igjen.",
        "Målteksten inneheld eit teikn som ikkje kan lagrast: U+0001 (kontrollteikn). "
        "Fjern det og prøv igjen.",
    ),
    (
        "a title too long",
        lambda: _plan().retitle("x" * 301, BY),
        "Tittelen har for mange tegn: 301, men høyst 300 er lov.",
        "Tittelen har for mange teikn: 301, men høgst 300 er lov.",
    ),
    (
        "text in a date field",
        lambda: parse_norwegian_date("snart"),
        'Forstår ikke "snart" som dato. Skriv f.eks. 13.03.2024, 1. april 2024 eller '
        "medio mai 2024.",
        'Forstår ikkje "snart" som dato. Skriv t.d. 13.03.2024, 1. april 2024 eller '
        "medio mai 2024.",
    ),
    (
        "a date without a year",
        lambda: parse_norwegian_date("1. april"),
        'Datoen "1. april" mangler årstall. Skriv f.eks. 1. april 2024.',
        'Datoen "1. april" manglar årstal. Skriv t.d. 1. april 2024.',
    ),
    (
        "a period outside the years taken",
        lambda: check_period(0, 2025),
        "Første året 0 er utenfor det Planlogg tar imot (1900–2200).",
        "Første året 0 er utanfor det Planlogg tek imot (1900–2200).",
    ),
    (
        "a period that ends first",
        lambda: Plan.start("p", "Plan", "hf", 2026, 2025, BY),
        "Perioden 2026–2025 slutter før den begynner.",
        "Perioden 2026–2025 sluttar før han byrjar.",
    ),
    (
        "a measure number that is not one",
        lambda: parse_measure_number("abc"),
        '"abc" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
        '"abc" er ikkje eit gyldig tiltaksnummer (forventa t.d. 2.1.3 eller 2.1.2A)',
    ),
    (
        "a goal number that is not one",
        lambda: parse_goal_number("2.x"),
        '"2.x" er ikke et gyldig målnummer (forventet f.eks. 2.1)',
        '"2.x" er ikkje eit gyldig målnummer (forventa t.d. 2.1)',
    ),
    (
        "an adopted plan edited",
        lambda: _adopted().retitle("Ny tittel", BY),
        "Planen er vedtatt (versjon 1). Start en revisjon før innholdet kan endres.",
        "Planen er vedteken (versjon 1). Start ein revisjon før innhaldet kan endrast.",
    ),
    (
        "an edit from a stale revision",
        _stale_edit,
        "Tiltak 1.1.1 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). "
        "Hent tiltaket på nytt og prøv igjen.",
        "Tiltak 1.1.1 er endra av nokon andre sidan du henta det (endringsnummer 1, no 2). "
        "Hent tiltaket på nytt og prøv igjen.",
    ),
    (
        "a measure under a missing goal",
        lambda: _plan().add_measure("3.1.1", "Tiltak", BY),
        "Målet 3.1 finnes ikke i planen. Legg til målet først.",
        "Målet 3.1 finst ikkje i planen. Legg til målet først.",
    ),
    (
        "a status from a body not responsible",
        _report_from_another_body,
        "FSU er ikke ansvarlig for tiltak 1.1.1 (ansvarlig: ASU).",
        "FSU er ikkje ansvarleg for tiltak 1.1.1 (ansvarleg: ASU).",
    ),
    (
        "a reporting round without a decision",
        lambda: _plan().open_reporting_round(date(2025, 9, 11), ["ASU"], BY),
        "En rapporteringsrunde må åpnes med et vedtak (saksnummer).",
        "Ein rapporteringsrunde må opnast med eit vedtak (saksnummer).",
    ),
    (
        "a second reminder for the same step",
        _second_reminder,
        "SSU har allerede en påminnelse (14 dager før fristen): kanskje sendt.",
        "SSU har alt ei påminning (14 dagar før fristen): kanskje sendt.",
    ),
    (
        "a submitted plan sent on hearing",
        lambda: _submitted().send_on_hearing(date(2025, 3, 1), BY),
        "Bare et utkast kan sendes på høring (planen er sendt til godkjenning).",
        "Berre eit utkast kan sendast på høyring (planen er send til godkjenning).",
    ),
    (
        "a year evaluated twice",
        _evaluated_twice,
        "Tiltak 1.1.1 er allerede evaluert for 2024. "
        "Velg å erstatte evalueringen om den nye skal gjelde.",
        "Tiltak 1.1.1 er alt evaluert for 2024. Vel å erstatte evalueringa om den nye skal gjelde.",
    ),
    (
        "a body approving twice",
        _approved_twice,
        "ASU har allerede godkjent versjon 1.",
        "ASU har alt godkjent versjon 1.",
    ),
    (
        "a name two bodies would share",
        _name_taken,
        "«ssu» er allerede navnet på et organ i St. Olavs.",
        "«ssu» er alt namnet på eit organ i St. Olavs.",
    ),
    (
        "a plan that does not exist",
        _no_such_plan,
        'Fant ingen plan med nøkkelen "ingen".',
        'Fann ingen plan med nøkkelen "ingen".',
    ),
    (
        "an unknown status colour",
        lambda: parse_colour("blå"),
        'Ukjent status "blå". Skriv grønn, gul eller rød.',
        'Ukjend status "blå". Skriv grøn, gul eller raud.',
    ),
    (
        "an unknown recommendation",
        lambda: parse_recommendation("vent"),
        'Ukjent anbefaling "vent". Skriv videreføre, endre eller avslutte.',
        'Ukjend tilråding "vent". Skriv vidareføre, endre eller avslutte.',
    ),
    (
        "a schedule that is not days",
        lambda: parse_schedule("14,sju"),
        "«sju» er ikke et antall dager. Skriv f.eks. 14,3,-1 (dager før fristen, negativt etter).",
        "«sju» er ikkje eit tal dagar. Skriv t.d. 14,3,-1 (dagar før fristen, negativt etter).",
    ),
    (
        "a case number that is not one",
        lambda: parse_case("neste møte"),
        '"neste møte" er ikke et saksnummer. Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".',
        '"neste møte" er ikkje eit saksnummer. Skriv t.d. "sak 11/24" eller "ASU sak 27/22".',
    ),
    (
        "an unknown role",
        lambda: parse_role("sjef"),
        'Ukjent rolle "sjef". Velg en av: redaktør, godkjenner, revisor, rapportør, administrator.',
        'Ukjend rolle "sjef". Vel ei av: redaktør, godkjennar, revisor, rapportør, administrator.',
    ),
    (
        "a year mark not understood",
        lambda: parse_year_mark("kanskje"),
        'Forstår ikke årsmerket "kanskje". '
        "Skriv f.eks. x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt).",
        'Forstår ikkje årsmerket "kanskje". '
        "Skriv t.d. x, X haust, x oppstart vår, x vår/ haust, x igangsett eller - (utsett).",
    ),
]


def _refusal(command: Callable[[], object]) -> str:
    with pytest.raises(PlanloggError) as refused:
        command()
    return refused.value.message


@pytest.mark.parametrize(
    ("command", "bokmål", "nynorsk"),
    [pytest.param(command, nb, nn, id=name) for name, command, nb, nn in REFUSALS],
)
def test_a_refusal_is_worded_in_the_målform_spoken_when_it_is_raised(
    command: Callable[[], object], bokmål: str, nynorsk: str
) -> None:
    said = _refusal(command)
    assert said == bokmål
    assert foreign_words(said, "nb") == []
    with speaking("nn"):
        said = _refusal(command)
    assert said == nynorsk
    assert foreign_words(said, "nn") == []


def test_at_least_fifteen_different_refusals_are_checked() -> None:
    assert len({nb for _, _, nb, _ in REFUSALS}) >= 15


def _every_label() -> list[str]:
    return [
        *PATIENT_GROUP_LABELS.values(),
        *TOPICS_6_2.values(),
        *RESULT_LABELS.values(),
        *RECOMMENDATION_LABELS.values(),
        *BODY_KIND_LABELS.values(),
        *STAGE_LABELS.values(),
        *COLOUR_LABELS.values(),
        *(status.label for status in ReminderStatus),
        *(step_label(step) for step in (14, 1, 0, -1, -3)),
    ]


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_label_speaks_one_målform(målform: str) -> None:
    with speaking(målform):  # type: ignore[arg-type]
        labels = _every_label()
    assert len(labels) == 4 + 13 + 3 + 3 + 7 + 5 + 3 + 10 + 5
    assert [
        (label, foreign_words(label, målform)) for label in labels if foreign_words(label, målform)
    ] == []


def test_labels_follow_the_målform_of_the_moment() -> None:
    assert (Stage.ADOPTED.label, Colour.RED.label, EvaluationResult.NOT_ACHIEVED.label) == (
        "vedtatt",
        "rød",
        "ikke oppnådd",
    )
    assert PATIENT_GROUP_LABELS[PatientGroup.FRAIL_ELDERLY] == "Skrøpelige eldre"
    assert TOPICS_6_2[5] == "Utskrivningsklare pasienter"
    assert step_label(3) == "3 dager før fristen"
    with speaking("nn"):
        assert (Stage.ADOPTED.label, Colour.RED.label, EvaluationResult.NOT_ACHIEVED.label) == (
            "vedteken",
            "raud",
            "ikkje oppnådd",
        )
        assert PATIENT_GROUP_LABELS[PatientGroup.FRAIL_ELDERLY] == "Skrøpelege eldre"
        assert TOPICS_6_2[5] == "Utskrivingsklare pasientar"
        assert step_label(3) == "3 dagar før fristen"
        assert BodyKind.PROFESSIONAL.label == "fagleg samarbeidsutval"
        assert ReminderStatus.CONFIRMED.label == "sendt (stadfesta)"


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_what_people_type_is_read_in_either_målform_whatever_is_spoken(målform: str) -> None:
    with speaking(målform):  # type: ignore[arg-type]
        assert [parse_colour(w) for w in ("raud", "rød", "red", "grøn", "Grønn")] == [
            Colour.RED,
            Colour.RED,
            Colour.RED,
            Colour.GREEN,
            Colour.GREEN,
        ]
        assert parse_evaluation_result("ikkje oppnådd") == EvaluationResult.NOT_ACHIEVED
        assert parse_evaluation_result("ikke oppnådd") == EvaluationResult.NOT_ACHIEVED
        assert parse_recommendation("vidareføre") == Recommendation.CONTINUE
        assert parse_recommendation("videreføre") == Recommendation.CONTINUE
        for group in PatientGroup:
            for spelling in PATIENT_GROUP_LABELS.spellings(group):
                assert parse_patient_group(spelling) == group
        assert parse_patient_group("Personar med fleire kroniske lidingar") == PatientGroup.CHRONIC
        assert parse_patient_group("Personer med flere kroniske lidelser") == PatientGroup.CHRONIC


CODE_LISTS = {"green, yellow eller red", "achieved, partly eller not_achieved"}
"""The API's descriptions of its JSON codes, which stay English by design."""


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_domain_message_in_the_catalogue_has_no_foreign_word(målform: str) -> None:
    path = Path(language.__file__).parent / "locale" / målform / "LC_MESSAGES" / "domain.po"
    with path.open("rb") as file:
        catalogue = read_po(file, locale=målform)
    foreign = {}
    for message in catalogue:
        if not message.id or message.id in CODE_LISTS:
            continue
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            words = re.sub(r"%\(\w+\)s|«planlogg [a-z ]+»", "", text)  # a command is typed as is
            found = foreign_words(words, målform)
            if found or not text:
                foreign[text] = found
    assert len(catalogue) > 200
    assert foreign == {}
