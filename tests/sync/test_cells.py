"""One canonical rendering: parse(render(x)) == x for every value the domain allows."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.application import Planlogg
from domain.errors import ValidationError
from domain.measure_sheet import AREA, TEXT, render_bodies
from domain.text import says_nothing, unstorable
from domain.vocabulary import Colour
from sync.cells import RenderedRows, clean_text, parse_cell, render_measure, same_meaning
from sync.layout import Layout
from tests.sync.conftest import PLAN, WEB

LAYOUT = Layout.for_years((2024, 2025))

words = (
    st.text(
        alphabet=st.characters(
            whitelist_categories=("L", "N"), whitelist_characters=" -.()/æøåÆØÅ"
        ),
        min_size=1,
        max_size=30,
    )
    .map(lambda t: " ".join(t.split()))
    .filter(bool)
)
texts = (
    st.text(min_size=1, max_size=200)
    .map(clean_text)
    .filter(bool)
    .filter(lambda t: not t.startswith("#"))
    .filter(lambda t: unstorable(t) is None)
    .filter(lambda t: not says_nothing(t))
)
numbers = st.tuples(
    st.integers(0, 20),
    st.integers(1, 20),
    st.integers(1, 200),
    st.sampled_from(["", "A", "B", "C"]),
).map(lambda p: f"{p[0]}.{p[1]}.{p[2]}{p[3]}")
marks = st.sampled_from(["", "x", "X høst", "x vår/høst", "x oppstart høst", "X igangsatt", "-"])


@given(numbers)
def test_measure_numbers_survive_the_round_trip(number: str) -> None:
    assert parse_cell(LAYOUT, "Nr", number) == number


@given(texts)
def test_measure_texts_survive_the_round_trip(text: str) -> None:
    assert parse_cell(LAYOUT, "Tiltak", text) == text


@given(st.lists(words, max_size=5, unique=True))
def test_responsible_bodies_survive_the_round_trip(bodies: list[str]) -> None:
    assert parse_cell(LAYOUT, "Ansvar", render_bodies(bodies)) == tuple(bodies)


@given(st.sampled_from(list(Colour)))
def test_status_colours_survive_the_round_trip(colour: Colour) -> None:
    assert parse_cell(LAYOUT, "Status", colour.label) == colour


@given(marks)
def test_year_marks_survive_the_round_trip(mark: str) -> None:
    assert parse_cell(LAYOUT, "2024", mark) == mark


@pytest.mark.parametrize("typed", ["Grønn", "GRØNN", "gronn", "green", " grønn "])
def test_status_accepts_the_spellings_users_type(typed: str) -> None:
    assert parse_cell(LAYOUT, "Status", typed) is Colour.GREEN


@pytest.mark.parametrize("typed", ["raud", "Raud", "RØD", "rødt"])
def test_status_accepts_nynorsk_and_capitals_for_red(typed: str) -> None:
    assert parse_cell(LAYOUT, "Status", typed) is Colour.RED


def test_same_meaning_compares_values_not_spelling() -> None:
    assert same_meaning(LAYOUT, "Status", "Raud", "rød")
    assert same_meaning(LAYOUT, "Ansvar", "PSU;ASU", "PSU, ASU")
    assert not same_meaning(LAYOUT, "Status", "blå", "rød")


@pytest.mark.parametrize(
    ("column", "typed", "message"),
    [
        ("Status", "blå", 'Ukjent status "blå". Skriv grønn, gul eller rød.'),
        (
            "2024",
            "kanskje",
            'Forstår ikke årsmerket "kanskje". Skriv f.eks. x, X høst, x oppstart vår, '
            "x vår/ høst, x igangsatt eller - (utsatt).",
        ),
        (
            "Nr",
            "tja",
            '"tja" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)',
        ),
        ("Tiltak", "  ", "Tiltaksteksten må fylles ut."),
        (
            "Nr",
            "2.1.3 Ref. 1.4.1",
            'Skriv bare tiltaksnummeret i Nr (f.eks. 2.1.3A), ikke "2.1.3 Ref. 1.4.1". '
            "Henvisninger til andre tiltak hører hjemme i teksten.",
        ),
        (
            "Tiltak",
            "#REF!",
            "Cellen viser #REF!, en formelfeil. Skriv vanlig tekst (uten = først).",
        ),
    ],
)
def test_unreadable_cells_are_refused_in_norwegian(column: str, typed: str, message: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_cell(LAYOUT, column, typed)
    assert error.value.message == message


@pytest.mark.parametrize("typed", ["Tiltak\x00", "a\x01b", "Ka\x0bri", "x\ud800", "\x7f", "\x9f"])
def test_characters_no_store_can_hold_are_refused_naming_the_column(typed: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_cell(LAYOUT, "Tiltak", typed)
    assert error.value.message.startswith("Tiltak inneholder et tegn som ikke kan lagres: U+")


def test_a_rendered_row_is_reused_until_its_measure_area_or_goal_changes(
    plan_app: Planlogg,
) -> None:
    rendered = RenderedRows()
    plan = plan_app.get_plan(PLAN)
    layout = Layout.for_years(plan.years)
    measure = plan.find_measure("1.1.1")
    first = rendered.render(plan, measure, layout)
    again = plan_app.get_plan(PLAN)
    assert rendered.render(again, again.find_measure("1.1.1"), layout) is first

    plan_app.rename_area(PLAN, "1", "Samarbeid", WEB)
    renamed = plan_app.get_plan(PLAN)
    cells = rendered.render(renamed, renamed.find_measure("1.1.1"), layout)
    assert cells[AREA] == "1 Samarbeid"
    assert cells == render_measure(renamed, renamed.find_measure("1.1.1"), layout)

    plan_app.reword_measure(PLAN, "1.1.1", "Nytt tiltak", WEB)
    reworded = plan_app.get_plan(PLAN)
    assert rendered.render(reworded, reworded.find_measure("1.1.1"), layout)[TEXT] == "Nytt tiltak"
