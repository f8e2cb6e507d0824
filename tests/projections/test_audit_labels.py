"""Values the read models word themselves are stored in one målform and read in the one spoken:
a reminder's fate, a schedule, an evaluation, a refusal from the sheet, a round, an approval."""

from __future__ import annotations

import pytest

from domain.audit_words import EVALUATION_WORDS, STORED_MÅLFORM
from domain.reminders import ReminderStatus, step_label
from domain.vocabulary import EvaluationResult, Recommendation
from language import Målform, _, speaking
from projections.audit_labels import field_label, field_named, reason_label, value_label
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
            "nb": "ikke oppnådd; førte til: Ny rutine; anbefaling: videreføre (PSU)",
            "nn": "ikkje oppnådd; førte til: Ny rutine; tilråding: vidareføre (PSU)",
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
    assert reason_label(stored) == nb
    with speaking("nn"):
        assert reason_label(stored) == nn


def test_a_sheet_column_in_a_field_is_named_by_its_header_and_found_by_it() -> None:
    assert field_label("conflict_Sjå òg") == "konflikt med regnearket: Se også"
    with speaking("nn"):
        assert field_label("conflict_Sjå òg") == "konflikt med reknearket: Sjå òg"
    assert field_named("konflikt med regnearket: Se også") == "conflict_Sjå òg"
    assert field_named("konflikt med reknearket: sjå òg") == "conflict_Sjå òg"
    assert field_named("evaluering 2024") == "evaluations_2024"
