"""Values the read models word themselves are stored in one målform and read in the one spoken:
a reminder's fate, a schedule, an evaluation, a refusal from the sheet, a round, an approval."""

from __future__ import annotations

import pytest

from domain.audit_words import EVALUATION_WORDS, STORED_MÅLFORM
from domain.body_register import Body, BodyRegister
from domain.reminders import ReminderStatus, step_label
from domain.vocabulary import BodyKind, EvaluationResult, Recommendation
from language import Målform, _, speaking
from projections.audit_labels import (
    Names,
    field_label,
    field_named,
    named,
    reason_label,
    value_label,
)
from tests.language.words import foreign_words


def stored_reminder(step: int, status: ReminderStatus, to: str = "") -> str:
    """A reminder row as `projections.handlers` stores it."""
    with speaking(STORED_MÅLFORM):
        return f"R1 Fagråd for pasientsamarbeid, {step_label(step)}: {status.label}{to}"


def stored_evaluation() -> str:
    with speaking(STORED_MÅLFORM):
        return _(
            EVALUATION_WORDS,
            result=EvaluationResult.NOT_ACHIEVED.label,
            led_to="Ny rutine",
            recommendation=Recommendation.CONTINUE.label,
            body="PSU",
            day="2024-09-04",
        )


CASES = [
    (
        "reminder",
        stored_reminder(3, ReminderStatus.INTENDED, " til leiar@example.org"),
        {
            "nb": "R1 Fagråd for pasientsamarbeid, 3 dager før fristen: kanskje sendt til "
            "leiar@example.org",
            "nn": "R1 Fagråd for pasientsamarbeid, 3 dagar før fristen: kanskje sendt til "
            "leiar@example.org",
        },
    ),
    (
        "reminder",
        stored_reminder(-1, ReminderStatus.FAILED),
        {
            "nb": "R1 Fagråd for pasientsamarbeid, 1 dag etter fristen: ikke sendt (feil)",
            "nn": "R1 Fagråd for pasientsamarbeid, 1 dag etter fristen: ikkje sendt (feil)",
        },
    ),
    (
        "reminder_schedule",
        "14 dagar før fristen, på fristdagen, 2 dagar etter fristen",
        {
            "nb": "14 dager før fristen, på fristdagen, 2 dager etter fristen",
            "nn": "14 dagar før fristen, på fristdagen, 2 dagar etter fristen",
        },
    ),
    (
        "evaluations_2024",
        stored_evaluation(),
        {
            "nb": "ikke oppnådd; førte til: Ny rutine; anbefaling: videreføre (PSU, 04.09.2024)",
            "nn": "ikkje oppnådd; førte til: Ny rutine; tilråding: vidareføre (PSU, 04.09.2024)",
        },
    ),
    (
        "reporting_round",
        "R2 lukka",
        {"nb": "R2 lukket", "nn": "R2 lukka"},
    ),
]


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize(("field", "stored", "shown"), CASES)
def test_a_worded_value_is_restated_in_the_målform_spoken(
    field: str, stored: str, shown: dict[str, str], målform: Målform
) -> None:
    with speaking(målform):
        text = value_label(field, stored)
    assert text == shown[målform]
    assert foreign_words(text.replace("Fagråd for pasientsamarbeid", ""), målform) == []


def test_what_is_not_planloggs_own_wording_is_shown_as_stored() -> None:
    assert value_label("reminder", "R1 PSU, neste veke: sendt") == "R1 PSU, neste veke: sendt"
    assert value_label("text", "2 dagar før fristen") == "2 dagar før fristen"
    assert value_label("evaluations_2024", "fritekst") == "fritekst"


@pytest.mark.parametrize(
    ("stored", "nb", "nn"),
    [
        (
            "Avvist frå rad 4: Ukjent status «blå».",
            "Avvist fra rad 4: Ukjent status «blå».",
            "Avvist frå rad 4: Ukjent status «blå».",
        ),
        ("Avvist: for lang tekst", "Avvist: for lang tekst", "Avvist: for lang tekst"),
        ("Endra etter møtet", "Endra etter møtet", "Endra etter møtet"),
    ],
)
def test_a_refusal_from_the_sheet_is_restated_and_other_reasons_kept(
    stored: str, nb: str, nn: str
) -> None:
    assert reason_label(stored, "sheet") == nb
    with speaking("nn"):
        assert reason_label(stored, "sheet") == nn


def test_a_sheet_column_in_a_field_is_named_by_its_header_and_found_by_it() -> None:
    assert field_label("conflict_Sjå òg") == "konflikt med regnearket: Se også"
    with speaking("nn"):
        assert field_label("conflict_Sjå òg") == "konflikt med reknearket: Sjå òg"
    assert field_named("konflikt med regnearket: Se også") == "conflict_Sjå òg"
    assert field_named("konflikt med reknearket: sjå òg") == "conflict_Sjå òg"
    assert field_named("evaluering 2024") == "evaluations_2024"


# --- what Planlogg wrote in a value reads as people read it ---------------------------------

REGISTER = BodyRegister.of(
    [
        Body("fagrad-for-pasientsamarbeid", "Fagråd for pasientsamarbeid", BodyKind.PROFESSIONAL),
        Body("sekretariat", "Sekretariatet", BodyKind.SECRETARIAT),
    ]
)
NAMES = Names(REGISTER, {"st-olavs": "Helsefellesskapet St. Olavs hospital og kommunene"})
ROUND = "R1 open, frist 2024-09-11: fagrad-for-pasientsamarbeid, sekretariat, Fagråd, nytt-rad"


@pytest.mark.parametrize(
    ("field", "stored", "nb", "nn"),
    [
        (
            "reporting_round",
            ROUND,
            "R1 åpen, frist 11.09.2024: Fagråd for pasientsamarbeid, Sekretariatet, Fagråd, "
            "nytt-rad",
            "R1 open, frist 11.09.2024: Fagråd for pasientsamarbeid, Sekretariatet, Fagråd, "
            "nytt-rad",
        ),
        (
            "approval",
            "sekretariat godkjende versjon 1 (ASU sak 12/22, 2022-03-10)",
            "Sekretariatet godkjente versjon 1 (ASU sak 12/22, 10.03.2022)",
            "Sekretariatet godkjende versjon 1 (ASU sak 12/22, 10.03.2022)",
        ),
        (
            "decision",
            "ASU sak 12/22 (2022-03-10): Vedteke 2022-03-10.",
            "ASU sak 12/22 (10.03.2022): Vedteke 2022-03-10.",
            "ASU sak 12/22 (10.03.2022): Vedteke 2022-03-10.",
        ),
        ("hearing_deadline", "2025-03-01", "01.03.2025", "01.03.2025"),
        ("smart_deadline", "2025-01-01", "01.01.2025", "01.01.2025"),
        (
            "hearing_response_F1",
            "Trondheim kommune (2025-02-20): Sjå 2024-01-01. [vedlegg: a.pdf]",
            "Trondheim kommune (20.02.2025): Sjå 2024-01-01. [vedlegg: a.pdf]",
            "Trondheim kommune (20.02.2025): Sjå 2024-01-01. [vedlegg: a.pdf]",
        ),
        (
            "reminder",
            stored_reminder(3, ReminderStatus.SENT).replace(
                "Fagråd for pasientsamarbeid", "fagrad-for-pasientsamarbeid"
            ),
            "R1 Fagråd for pasientsamarbeid, 3 dager før fristen: sendt",
            "R1 Fagråd for pasientsamarbeid, 3 dagar før fristen: sendt",
        ),
        (
            "responsible",
            "fagrad-for-pasientsamarbeid, ASU og fagråd",
            "Fagråd for pasientsamarbeid, ASU og fagråd",
            "Fagråd for pasientsamarbeid, ASU og fagråd",
        ),
        ("required_bodies", "ASU, sekretariat", "ASU, Sekretariatet", "ASU, Sekretariatet"),
        (
            "owner",
            "st-olavs",
            "Helsefellesskapet St. Olavs hospital og kommunene",
            "Helsefellesskapet St. Olavs hospital og kommunene",
        ),
        ("owner", "ukjent-fellesskap", "ukjent-fellesskap", "ukjent-fellesskap"),
        (
            "evaluation",
            "end: 2024; objective: Felles rutine; i bruk",
            "Målsetting: Felles rutine; i bruk; Slutt: 2024",
            "Målsetjing: Felles rutine; i bruk; Slutt: 2024",
        ),
        (
            "smart",
            "deadline: 2025-01-01; indicator: Andel; target: 80 %",
            "Indikator: Andel; Målverdi: 80 %; Frist: 01.01.2025",
            "Indikator: Andel; Målverdi: 80 %; Frist: 01.01.2025",
        ),
        ("text", "Frist 2024-09-11 for sekretariat", None, None),
        ("hearing_deadline", "snart", None, None),
    ],
)
def test_dates_read_as_norwegian_days_bodies_by_their_names_and_parts_by_the_forms_labels(
    field: str, stored: str, nb: str | None, nn: str | None
) -> None:
    assert value_label(field, stored, NAMES) == (nb or stored)
    with speaking("nn"):
        assert value_label(field, stored, NAMES) == (nn or stored)


def test_a_value_named_for_a_page_is_still_worded_by_the_page() -> None:
    """The pages name the bodies before their templates word the values (`audit_value`)."""
    named_round = named("reporting_round", ROUND, NAMES)
    assert named_round == (
        "R1 open, frist 2024-09-11: Fagråd for pasientsamarbeid, Sekretariatet, Fagråd, nytt-rad"
    )
    assert value_label("reporting_round", named_round) == value_label(
        "reporting_round", ROUND, NAMES
    )
    assert named("owner", "st-olavs", NAMES) == NAMES.communities["st-olavs"]
    assert named("text", "sekretariat", NAMES) == "sekretariat"
    assert value_label("reporting_round", ROUND) == (
        "R1 åpen, frist 11.09.2024: fagrad-for-pasientsamarbeid, sekretariat, Fagråd, nytt-rad"
    )


def test_the_field_of_the_responsible_bodies_has_the_plans_word() -> None:
    assert field_label("responsible") == "ansvar"
    with speaking("nn"):
        assert field_label("responsible") == "ansvar"
    for typed in ("ansvar", " Ansvar ", "ansvarlig", "ansvarleg"):
        assert field_named(typed) == "responsible", typed


def test_the_fields_of_an_area_have_the_plans_word_and_the_old_words_still_find_them() -> None:
    assert (field_label("area"), field_label("area_title")) == (
        "innsatsområde",
        "tittel på innsatsområdet",
    )
    with speaking("nn"):
        assert field_label("area_title") == "tittel på innsatsområdet"
    for typed, field in (
        ("innsatsområde", "area"),
        ("område", "area"),
        ("Tittel på innsatsområdet", "area_title"),
        ("områdetittel", "area_title"),
    ):
        assert field_named(typed) == field, typed


# --- the rows of a community's register of bodies name the community and the bodies --------

COMMUNITY = "Helsefellesskapet St. Olavs hospital og kommunene"
REGISTERS = Names(communities={"st-olavs": COMMUNITY}, registers={"st-olavs": REGISTER})
"""What the rows of the communities' own registers (plan "") are read with: no plan's bodies,
every community's register by its key."""


@pytest.mark.parametrize(
    ("field", "stored", "nb", "nn"),
    [
        (
            "body",
            "st-olavs: Sekretariatet (sekretariat)",
            f"{COMMUNITY}: Sekretariatet (sekretariat)",
            f"{COMMUNITY}: Sekretariatet (sekretariat)",
        ),
        (
            "body",
            "st-olavs: PSU (partnerskapsmote)",
            f"{COMMUNITY}: PSU (partnerskapsmøte)",
            f"{COMMUNITY}: PSU (partnarskapsmøte)",
        ),
        ("body", "st-olavs: PSU", f"{COMMUNITY}: PSU", f"{COMMUNITY}: PSU"),
        (
            "body_merged_into",
            "st-olavs: Fagråd: for digital samhandling: fagrad-for-pasientsamarbeid",
            f"{COMMUNITY}: Fagråd: for digital samhandling: Fagråd for pasientsamarbeid",
            f"{COMMUNITY}: Fagråd: for digital samhandling: Fagråd for pasientsamarbeid",
        ),
        (
            "body_merged_into",
            "st-olavs: Fagråd for digital samhandling: ",
            f"{COMMUNITY}: Fagråd for digital samhandling: ",
            f"{COMMUNITY}: Fagråd for digital samhandling: ",
        ),
        (
            "body_aliases",
            "st-olavs: Fagråd for pasientsamarbeid: st-olavs, sekretariat",
            f"{COMMUNITY}: Fagråd for pasientsamarbeid: st-olavs, sekretariat",
            f"{COMMUNITY}: Fagråd for pasientsamarbeid: st-olavs, sekretariat",
        ),
        (
            "body_reporters",
            "st-olavs: PSU: leder.psu@example.org",
            f"{COMMUNITY}: PSU: leder.psu@example.org",
            f"{COMMUNITY}: PSU: leder.psu@example.org",
        ),
        (
            "body_reminded",
            "st-olavs: PSU: psu@example.org",
            f"{COMMUNITY}: PSU: psu@example.org",
            f"{COMMUNITY}: PSU: psu@example.org",
        ),
        (
            "body_merged_into",
            "ukjent: Fagråd: fagrad-for-pasientsamarbeid",
            "ukjent: Fagråd: fagrad-for-pasientsamarbeid",
            "ukjent: Fagråd: fagrad-for-pasientsamarbeid",
        ),
        ("community", "st-olavs: Helse", "st-olavs: Helse", "st-olavs: Helse"),
    ],
)
def test_a_body_register_row_names_its_community_and_the_body_merged_into_by_name(
    field: str, stored: str, nb: str, nn: str
) -> None:
    """Stored as "st-olavs: Fagråd for digital samhandling: fagrad-for-pasientsamarbeid"
    (`projections.handlers.body_changed`): the community by its name, the body merged into by
    its name in that community's register; the body's own name, the aliases and addresses as
    stored. A community's own row keeps its key beside its name: it registers that key."""
    assert value_label(field, stored, REGISTERS) == nb
    with speaking("nn"):
        assert value_label(field, stored, REGISTERS) == nn
    assert value_label(field, named(field, stored, REGISTERS)) == nb
