from __future__ import annotations

import pytest

from domain.decision import CaseNumber, parse_case
from domain.errors import ValidationError
from domain.vocabulary import Colour, PatientGroup, parse_colour, parse_patient_group


@pytest.mark.parametrize(
    ("typed", "colour"),
    [
        ("grønn", Colour.GREEN),
        ("Grønn", Colour.GREEN),
        ("GRØNN ", Colour.GREEN),
        ("gronn", Colour.GREEN),
        ("grøn", Colour.GREEN),
        ("green", Colour.GREEN),
        ("gul", Colour.YELLOW),
        ("Gult", Colour.YELLOW),
        ("yellow", Colour.YELLOW),
        ("rød", Colour.RED),
        ("raud", Colour.RED),
        ("Raudt", Colour.RED),
        ("RØD", Colour.RED),
    ],
)
def test_status_colours_are_read_as_users_type_them(typed: str, colour: Colour) -> None:
    assert parse_colour(typed) == colour


def test_an_unknown_status_is_explained_in_norwegian() -> None:
    with pytest.raises(ValidationError, match='Ukjent status "blå"'):
        parse_colour("blå")


def test_patient_groups_accept_labels_and_keywords() -> None:
    assert parse_patient_group("Skrøpelege eldre") == PatientGroup.FRAIL_ELDERLY
    assert parse_patient_group("barn og unge") == PatientGroup.CHILDREN


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("sak 11/24", "sak 11/24"),
        ("ASU sak 27/22", "ASU sak 27/22"),
        ("04/21", "sak 04/21"),
        ("SSU sak 11/2024", "SSU sak 11/24"),
        ("ASU-sak 28/22", "ASU sak 28/22"),
        ("sak 27/22 ASU", "ASU sak 27/22"),
        ("sak 27 / 22  ASU", "ASU sak 27/22"),
        ("ASU sak nr. 27/22", "ASU sak 27/22"),
        ("Sak 3/25", "sak 03/25"),
    ],
)
def test_case_numbers_are_read_as_written_in_meeting_papers(written: str, expected: str) -> None:
    assert str(parse_case(written)) == expected


def test_a_case_number_of_four_digits_is_read() -> None:
    assert parse_case("sak 1234/24") == CaseNumber(1234, 2024, "")


def test_a_case_number_takes_the_body_when_not_written() -> None:
    case = parse_case("sak 11/24", body="SSU")
    assert (case.body, case.number, case.year) == ("SSU", 11, 2024)


def test_text_is_not_a_case_number() -> None:
    with pytest.raises(ValidationError, match="ikke et saksnummer"):
        parse_case("neste møte")


def test_a_case_number_naming_two_bodies_is_not_read_as_either() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_case("ASU sak 27/22 PSU")
    assert refused.value.message == (
        '"ASU sak 27/22 PSU" er ikke et saksnummer. Skriv f.eks. "sak 11/24" eller "ASU sak 27/22".'
    )


def test_a_patient_group_text_with_the_keywords_of_two_groups_is_refused_not_guessed() -> None:
    with pytest.raises(ValidationError) as refused:
        parse_patient_group("Eldre med flere kroniske lidelser")
    assert refused.value.message == (
        "«Eldre med flere kroniske lidelser» kan være flere pasientgrupper: Skrøpelige eldre; "
        "Personer med flere kroniske lidelser. Skriv den du mener."
    )
    with pytest.raises(ValidationError, match="Personer med alvorlige psykiske lidelser og rus; "):
        parse_patient_group("Psykisk helse for eldre")
    assert parse_patient_group("eldre") == PatientGroup.FRAIL_ELDERLY
