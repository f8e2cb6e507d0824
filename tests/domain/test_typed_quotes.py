"""A refusal quotes only the start of what was typed, and says so when a value is missing.

A 20 000-character date or case number once came back whole in the message, and
a word that long without a space made a phone's page 200 000 px wide.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from domain.dates import check_date, parse_norwegian_date
from domain.decision import parse_case
from domain.errors import ValidationError
from domain.text import excerpt
from domain.vocabulary import (
    parse_colour,
    parse_evaluation_result,
    parse_patient_group,
    parse_recommendation,
    parse_topic,
)

HUGE = "9" * 20_000


def test_a_short_value_is_quoted_as_typed() -> None:
    assert excerpt("  sak 12/25 ") == "sak 12/25"
    assert excerpt("x" * 40) == "x" * 40


def test_a_long_value_is_cut_to_forty_characters_ending_with_an_ellipsis() -> None:
    assert excerpt("x" * 41) == "x" * 39 + "…"
    assert excerpt(HUGE) == "9" * 39 + "…"


@pytest.mark.parametrize(
    ("refuse", "start"),
    [
        (lambda: parse_norwegian_date(HUGE), 'Forstår ikke "' + "9" * 39 + '…" som dato.'),
        (lambda: parse_norwegian_date("innen " * 4_000 + "1. april"), 'Datoen "innen innen'),
        (lambda: parse_norwegian_date("innen " * 4_000 + "31.02.2024"), '"innen innen'),
        (lambda: parse_case(HUGE), '"' + "9" * 39 + '…" er ikke et saksnummer.'),
        (lambda: parse_evaluation_result(HUGE), 'Ukjent resultat "' + "9" * 39 + '…".'),
        (lambda: parse_recommendation(HUGE), 'Ukjent anbefaling "' + "9" * 39 + '…".'),
        (lambda: parse_colour(HUGE), 'Ukjent status "' + "9" * 39 + '…".'),
        (lambda: parse_patient_group(HUGE), 'Ukjent pasientgruppe "' + "9" * 39 + '…".'),
        (lambda: parse_topic(HUGE), '"' + "9" * 39 + '…" er ikke et tema'),
    ],
)
def test_a_huge_value_gives_a_short_message_quoting_its_start(
    refuse: Callable[[], object], start: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        refuse()
    assert refused.value.message.startswith(start)
    assert len(refused.value.message) < 200


def test_a_date_outside_the_range_quotes_only_the_start_of_how_it_was_written() -> None:
    with pytest.raises(ValidationError) as refused:
        check_date(date(1, 1, 1), "0" * 20_000)
    assert refused.value.message.startswith('Datoen "' + "0" * 39 + '…" er utenfor')


@pytest.mark.parametrize(
    ("refuse", "message"),
    [
        (
            lambda: parse_evaluation_result(" "),
            "Velg resultat: oppnådd, delvis oppnådd eller ikke oppnådd.",
        ),
        (
            lambda: parse_recommendation(""),
            "Velg anbefaling: videreføre, endre eller avslutte.",
        ),
        (lambda: parse_case("  "), 'Skriv saksnummeret, f.eks. "sak 12/25".'),
        (lambda: parse_norwegian_date(""), "Skriv datoen, f.eks. 13.03.2024 eller 1. april 2024."),
        (
            lambda: parse_norwegian_date("\u200b"),
            "Skriv datoen, f.eks. 13.03.2024 eller 1. april 2024.",
        ),
    ],
)
def test_a_missing_value_is_asked_for_not_quoted(
    refuse: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        refuse()
    assert refused.value.message == message
