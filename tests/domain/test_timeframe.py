"""Year marks of a measure's timeframe, and free-text timeframe notes."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.timeframe import (
    PHASES,
    TERMS,
    TimeframeError,
    TimeframeNote,
    YearMark,
    find_season_phrases,
    marks_from_timeframe,
    parse_timeframe_note,
    parse_year_mark,
    said_by_marks,
    season_marks,
)


@pytest.mark.parametrize(
    ("raw", "planned", "postponed", "terms", "phase", "canonical"),
    [
        ("", False, False, (), None, ""),
        ("x", True, False, (), None, "x"),
        ("X", True, False, (), None, "x"),
        ("X høst", True, False, ("høst",), None, "x høst"),
        ("x oppstart høst", True, False, ("høst",), "oppstart", "x oppstart høst"),
        ("x vår/ høst", True, False, ("vår", "høst"), None, "x vår/høst"),
        ("X lgangsatt", True, False, (), "igangsatt", "x igangsatt"),
        ("x Igangsatt", True, False, (), "igangsatt", "x igangsatt"),
        ("x igangsett", True, False, (), "igangsatt", "x igangsatt"),
        ("x Vår", True, False, ("vår",), None, "x vår"),
        ("x Oppstart høst", True, False, ("høst",), "oppstart", "x oppstart høst"),
        ("-", False, True, (), None, "-"),
        ("–", False, True, (), None, "-"),
        ("x høst/vår", True, False, ("vår", "høst"), None, "x vår/høst"),
        ("oppstart høst", True, False, ("høst",), "oppstart", "x oppstart høst"),
        ("<p>x Oppstart høst</p>", True, False, ("høst",), "oppstart", "x oppstart høst"),
        ("x haust", True, False, ("høst",), None, "x høst"),
    ],
)
def test_parse_year_mark(
    raw: str,
    planned: bool,
    postponed: bool,
    terms: tuple[str, ...],
    phase: str | None,
    canonical: str,
) -> None:
    mark = parse_year_mark(raw)
    assert mark == YearMark(raw, planned, postponed, terms, phase)
    assert mark.canonical() == canonical


def test_the_raw_wording_is_kept_verbatim() -> None:
    assert parse_year_mark("X lgangsatt").raw == "X lgangsatt"


def test_unknown_marks_are_refused_with_examples() -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_year_mark("kanskje")
    assert caught.value.message == (
        'Forstår ikke årsmerket "kanskje". '
        "Skriv f.eks. x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt)."
    )


@pytest.mark.parametrize(
    "raw", ["kanskje", "x x", "2022", "x oppstart igangsatt", "ja", "x - høst"]
)
def test_other_words_are_refused(raw: str) -> None:
    with pytest.raises(TimeframeError, match=f'^Forstår ikke årsmerket "{raw}"\\. '):
        parse_year_mark(raw)


@pytest.mark.parametrize("raw", ["<b></b>", "<script>alert(1)</script>", "<br>", "&nbsp;"])
def test_markup_that_says_nothing_is_refused_not_kept_as_an_empty_year(raw: str) -> None:
    with pytest.raises(TimeframeError) as caught:
        parse_year_mark(raw)
    assert caught.value.message == (
        f'Forstår ikke årsmerket "{raw}". '
        "Skriv f.eks. x, X høst, x oppstart vår, x vår/ høst, x igangsatt eller - (utsatt)."
    )


def test_markup_around_a_mark_still_reads_as_the_mark() -> None:
    assert parse_year_mark("<b>x</b> høst").canonical() == "x høst"
    assert parse_year_mark("").canonical() == parse_year_mark("*").canonical() == ""


_MARKS = st.one_of(
    st.just(YearMark("")),
    st.just(YearMark("-", postponed=True)),
    st.builds(
        lambda terms, phase: YearMark("x", planned=True, terms=terms, phase=phase),
        st.sampled_from([(), ("vår",), ("høst",), TERMS]),
        st.sampled_from([None, *PHASES]),
    ),
)


@given(_MARKS)
def test_canonical_form_parses_back_to_the_same_mark(mark: YearMark) -> None:
    again = parse_year_mark(mark.canonical())
    assert replace(again, raw=mark.raw) == mark


@given(
    st.sampled_from(["x", "X", ""]),
    st.sampled_from(["", "oppstart", "Oppstart", "igangsatt", "lgangsatt", "Igangsett"]),
    st.sampled_from(["", "vår", "Vår", "høst", "Høst", "vår/ høst", "høst/vår", "vår / høst"]),
)
def test_written_variants_survive_canonicalisation(planned: str, phase: str, terms: str) -> None:
    raw = " ".join(word for word in (planned, phase, terms) if word)
    mark = parse_year_mark(raw)
    assert replace(parse_year_mark(mark.canonical()), raw=raw) == mark


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tidsramme: Vår 2021", TimeframeNote("Tidsramme: Vår 2021", ("vår",), 2021, None)),
        ("Tidsramme: 2021", TimeframeNote("Tidsramme: 2021", (), 2021, None)),
        ("innen 1. april", TimeframeNote("innen 1. april", (), 2022, date(2022, 4, 1))),
        ("innen medio mai", TimeframeNote("innen medio mai", (), 2022, date(2022, 5, 15))),
        ("innen 15.04", TimeframeNote("innen 15.04", (), 2022, date(2022, 4, 15))),
        ("Høsten 2023", TimeframeNote("Høsten 2023", ("høst",), 2023, None)),
    ],
)
def test_parse_timeframe_note(text: str, expected: TimeframeNote) -> None:
    assert parse_timeframe_note(text, default_year=2022) == expected


def test_a_note_is_never_refused() -> None:
    note = parse_timeframe_note("innen 1. april")  # no year anywhere
    assert note == TimeframeNote("innen 1. april", (), None, None)
    assert parse_timeframe_note("så snart som råd").deadline is None


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("2021", {2021: "x"}),
        ("Vår 2021", {2021: "x vår"}),
        ("Tidsramme: Vår 2021", {2021: "x vår"}),
        ("2021–2023", {2021: "x", 2022: "x", 2023: "x"}),
        ("Haust 2021 og vår 2022", {2021: "x høst", 2022: "x vår"}),
        ("Våren og hausten 2022", {2022: "x vår/høst"}),
        ("innen 1. april", {}),
        ("01.03.2023", {}),  # a date's year is no year column of its own
    ],
)
def test_marks_from_a_written_timeframe(text: str, marks: dict[int, str]) -> None:
    assert marks_from_timeframe(text) == marks


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2021", True),
        ("Vår 2021", True),
        ("2021-2022", True),
        ("Haust 2021 og vår 2022.", True),
        ("innen 1. april", False),
        ("oppstart 2022, evaluering 2023", False),
        ("Vår", False),
    ],
)
def test_wording_the_year_marks_say_in_full(text: str, said: bool) -> None:
    assert said_by_marks(text) is said


def test_seasons_in_running_text_are_year_marks_but_years_alone_are_not() -> None:
    text = "skal ila våren 2022 starte opp arbeidet med planen for perioden 2022-2026"
    assert season_marks(text) == {2022: "x vår"}
    assert find_season_phrases(text) == ("ila våren 2022",)
    assert season_marks("handlingsplan for 2022-2023") == {}
    assert find_season_phrases("kan 1. våren 2022 starte") == ("våren 2022",)


def test_a_range_written_backwards_marks_its_first_year() -> None:
    assert marks_from_timeframe("2022–2021") == {2022: "x"}


def test_a_multiplication_sign_marks_a_year_as_planned() -> None:
    assert parse_year_mark("× høst") == YearMark(raw="× høst", planned=True, terms=("høst",))
