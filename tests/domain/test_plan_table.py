"""Reading a plan table: the St. Olavs demo plan, and the rules it taught us."""

from __future__ import annotations

import os
from collections import Counter
from importlib.resources import files
from pathlib import Path

import pytest

from domain.plan_table import PlanTable, parse_plan_table, split_responsible
from domain.timeframe import parse_year_mark

HEADER = ["", "Mål", "", "Tiltak", "Ansvar", "2022", "2023", "2024", "2025"]


def demo_rows() -> list[list[str]]:
    text = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


@pytest.fixture(scope="module")
def demo() -> PlanTable:
    return parse_plan_table(demo_rows())


def table(*rows: list[str]) -> PlanTable:
    return parse_plan_table([["Handlingsplan 2022-2025"], ["1. Område"], HEADER, *rows])


def reasons(parsed: PlanTable) -> list[str]:
    return [problem.reason for problem in parsed.problems]


# --- the demo plan ---------------------------------------------------------------------


SEED = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds" / "002_c8ba6eb495877c3f.txt"
"""The source document, in the shared folder beside the project (never an absolute path)."""


def test_demo_file_is_the_source_document_byte_for_byte() -> None:
    shipped = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_bytes()
    if not SEED.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the seed document {SEED} is missing in CI")
        pytest.skip("the seed documents are not beside this project")
    assert shipped == SEED.read_bytes()


def test_demo_plan_reads_without_problems(demo: PlanTable) -> None:
    assert demo.problems == ()
    assert [area.number for area in demo.areas] == ["0", "1", "2", "3", "4", "5", "6"]
    assert len(demo.goals) == 26
    assert len(demo.measures) == 52


def test_demo_title_period_and_years(demo: PlanTable) -> None:
    assert demo.title == "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
    assert demo.period == (2022, 2024)
    assert demo.years == (2022, 2023, 2024, 2025)


def test_area_titles(demo: PlanTable) -> None:
    assert demo.areas[2].title == "Utskrivningsklare pasienter"
    assert demo.areas[0].line == 7


def test_measure_number_with_reference(demo: PlanTable) -> None:
    assert demo.measure("2.1.2A").references == ("1.6.1",)


def test_typo_lgangsatt_means_started(demo: PlanTable) -> None:
    mark = demo.measure("1.3.3").marks[2022]
    assert mark == "X lgangsatt"
    assert parse_year_mark(mark).phase == "igangsatt"


def test_postponed_in_every_year(demo: PlanTable) -> None:
    marks = demo.measure("3.3.1").marks
    assert marks == {2022: "-", 2023: "-", 2024: "-", 2025: "-"}
    assert all(parse_year_mark(mark).postponed for mark in marks.values())


def test_see_also_comes_from_the_responsible_cell(demo: PlanTable) -> None:
    measure = demo.measure("1.2.1")
    assert measure.see_also == ("1.4.1", "2.1.1")
    assert "Ses i helhet" not in measure.responsible_raw
    assert measure.responsible == (
        "Fagråd for pasientsamarbeid",
        "Fagråd for lege-samarbeid",
        "Fagråd forebygging, tidlig innsats, helsefremming, læring/mestring",
    )


def test_membership_follows_the_measure_number(demo: PlanTable) -> None:
    measure = demo.measure("2.1.3A")
    assert (measure.goal, measure.area) == ("2.1", "2")
    assert measure.references == ("1.2.1",)
    assert measure.see_also == ("2.1.3B", "1.4.1", "2.1.1")
    assert "Som 1.2.1" not in [goal.text for goal in demo.goals]


def test_empty_responsible_continues_within_the_goal(demo: PlanTable) -> None:
    for number in ("0.1.2", "0.1.3"):
        assert demo.measure(number).responsible == ("AU og Sekretariat",)
        assert demo.measure(number).responsible_raw == "AU og Sekretariat"
    for number in ("1.3.2", "1.3.3", "1.3.4"):
        assert demo.measure(number).responsible == ("Fagråd for pasientsamarbeid",)


def test_measure_texts_keep_lists_and_emphasis(demo: PlanTable) -> None:
    text = demo.measure("1.1.1").text
    assert text.startswith("Etablere en arbeidsgruppe på tvers med følgende oppdrag:\n\n- ")
    assert text.count("\n- ") == 3
    assert "*Fokusområder:*" in demo.measure("2.1.3A").text
    assert "*Veileder her.*" in demo.measure("0.5.1").text
    goal = next(goal for goal in demo.goals if goal.number == "2.1")
    assert "- Felles samhandlingskultur." in goal.text


def test_goal_section_with_tiltak_in_the_goal_column(demo: PlanTable) -> None:
    goal = next(goal for goal in demo.goals if goal.number == "6.1")
    assert goal.text == "Analyse og styringsinformasjon"
    assert demo.measure("6.1.1").text.startswith("Nedsette en felles analysegruppe")
    assert demo.measure("6.1.2").responsible == ("ASU",)


def test_duplicated_body_is_one_body(demo: PlanTable) -> None:
    assert demo.measure("4.1.3").responsible == ("Fagråd for digital samhandling",)


def test_every_demo_mark_is_readable(demo: PlanTable) -> None:
    read = Counter(
        parse_year_mark(mark).canonical()
        for measure in demo.measures
        for mark in measure.marks.values()
    )
    assert read == {
        "x": 88,
        "x oppstart høst": 9,
        "x høst": 5,
        "-": 4,
        "x igangsatt": 3,
        "x vår/høst": 1,
        "x vår": 1,
    }


def test_lines_are_counted_from_first_line() -> None:
    parsed = parse_plan_table(demo_rows(), first_line=0)
    assert parsed.measure("0.1.1").line == 9


# --- responsible bodies ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("wording", "bodies"),
    [
        ("AU og Sekretariat", ("AU og Sekretariat",)),
        ("Sekretariatet ASU og fagråd", ("Sekretariatet", "ASU og fagråd")),
        ("ASU/Fagråd", ("ASU", "Fagråd")),
        ("Fagråd for legesamarbeid/", ("Fagråd for legesamarbeid",)),
        (
            "Fagråd for digital samhandling/ pasientsamarbeid /legesamarbeid",
            (
                "Fagråd for digital samhandling",
                "Fagråd for pasientsamarbeid",
                "Fagråd for legesamarbeid",
            ),
        ),
        ("Fagråd for forebygging, helsefremming, læring/mestring",
         ("Fagråd for forebygging, helsefremming, læring/mestring",)),
        ("Fagråd pasient-samarbeid med støtte fra øvrige fagråd",
         ("Fagråd pasient-samarbeid med støtte fra øvrige fagråd",)),
        ("Fagråd for digital samhandling Fagråd for digital samhandling",
         ("Fagråd for digital samhandling",)),
        ("ASU\n\nPSU\n\nasu", ("ASU", "PSU")),
        ("", ()),
    ],
)  # fmt: skip
def test_split_responsible(wording: str, bodies: tuple[str, ...]) -> None:
    assert split_responsible(wording) == bodies


# --- small tables ----------------------------------------------------------------------


def test_no_inheritance_across_a_goal_boundary() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
        ["1.2", "Mål B", "1.2.1", "Tiltak B", "", "x", "", "", ""],
        ["", "", "1.2.2", "Tiltak C", "", "x", "", "", ""],
    )
    assert parsed.problems == ()
    assert parsed.measure("1.2.1").responsible == ()
    assert parsed.measure("1.2.2").responsible == ()


def test_continuation_stops_at_a_new_goal_even_without_goal_row() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
        ["1.2", "Mål B", "", "", "", "", "", "", ""],
        ["", "", "1.2.1", "Tiltak B", "", "x", "", "", ""],
    )
    assert parsed.problems == ()
    assert [goal.number for goal in parsed.goals] == ["1.1", "1.2"]
    assert parsed.measure("1.2.1").responsible == ()


def test_unreadable_rows_become_problems_with_line_numbers() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "kanskje", "", "", ""],
        ["", "", "tja", "Tiltak B", "ASU", "x", "", "", ""],
        ["", "", "", "Tiltak utan nummer", "ASU", "x", "", "", ""],
        ["", "", "1.1.4", "", "ASU", "x", "", "", ""],
        ["1.1", "Mål A igjen", "1.1.1", "Tiltak D", "ASU", "x", "", "", ""],
        ["", "", "1.3.1", "Tiltak E", "ASU", "x", "", "", ""],
        ["1.4", "Mål F", "1.5.1", "Tiltak F", "ASU", "x", "", "", ""],
        ["2.1", "Mål utan område", "2.1.1", "Tiltak G", "ASU", "x", "", "", ""],
        ["Ein laus tekst"],
    )
    assert [problem.line for problem in parsed.problems] == [4, 5, 6, 7, 8, 8, 9, 10, 11, 12]
    found = reasons(parsed)
    assert found[0].startswith('Tiltak 1.1.1, 2022: Forstår ikke årsmerket "kanskje".')
    assert found[1] == '"tja" er ikke et gyldig tiltaksnummer (forventet f.eks. 2.1.3 eller 2.1.2A)'
    assert "mangler tiltaksnummer" in found[2]
    assert found[3] == "Tiltak 1.1.4 mangler tekst."
    assert "Mål 1.1 står flere ganger" in found[4]
    assert "Tiltaksnummeret 1.1.1 er brukt flere ganger" in found[5]
    assert found[6] == "Tiltak 1.3.1 hører til mål 1.3, som ikke finnes i tabellen."
    assert "hører til mål 1.5" in found[7]
    assert found[8] == "Mål 2.1 hører til innsatsområde 2, som ikke finnes i tabellen."
    assert found[9] == (
        'Forstår ikke linjen "Ein laus tekst". Ventet en overskrift til et innsatsområde '
        '(f.eks. "2. Utskrivningsklare pasienter"), en kolonneoverskrift eller en tiltakslinje.'
    )


def test_an_area_heading_twice_is_a_problem() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
        ["1. Område igjen"],
    )
    assert [(p.line, p.reason) for p in parsed.problems] == [
        (5, "Innsatsområde 1 står flere ganger (første gang på linje 2).")
    ]


def test_rows_before_any_header_are_problems() -> None:
    parsed = parse_plan_table([["1. Område"], ["1.1", "Mål", "1.1.1", "Tiltak", "ASU", "x"]])
    assert [p.line for p in parsed.problems] == [2]
    assert "kolonneoverskriften" in parsed.problems[0].reason


def test_separators_links_and_blank_lines_are_skipped() -> None:
    parsed = table(
        ["-----", "---", "-------", "---", "---", "--", "---", "--", "--"],
        ["[Oppfølging av personer - Helsedirektoratet](#)"],
        [],
        ["", "", "", ""],
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
    )
    assert parsed.problems == ()
    assert len(parsed.measures) == 1


@pytest.mark.parametrize(
    "header",
    [
        ["Pkt.", "Mål", "", "Aktuelle tiltak", "Ansvar", "2022", "2023"],
        ["1", "Mål", "", "Handling og fremdrift", "Ansvar", "2022", "2023"],
        ["Pkt.", "Tiltak", "", "Handling og fremdrift", "Ansvar", "2022", "2023"],
        ["", "Mål", "Nr", "Tiltak", "Ansvarlig", "2022", "2023"],
    ],
)
def test_header_variants_map_to_the_same_columns(header: list[str]) -> None:
    parsed = parse_plan_table(
        [["1. Område"], header, ["1.1", "Målet", "1.1.1", "Tiltaket", "ASU", "x", "X høst"]]
    )
    assert parsed.problems == ()
    assert parsed.years == (2022, 2023)
    assert parsed.goals[0].text == "Målet"
    measure = parsed.measures[0]
    assert (measure.text, measure.responsible, measure.marks) == (
        "Tiltaket",
        ("ASU",),
        {2022: "x", 2023: "X høst"},
    )


def test_area_heading_split_over_two_cells() -> None:
    parsed = parse_plan_table([["2.", "Utskrivningsklare pasienter", "", ""]])
    assert [(a.number, a.title) for a in parsed.areas] == [("2", "Utskrivningsklare pasienter")]


def test_title_with_single_year() -> None:
    parsed = parse_plan_table([[""], ["Handlingsplan for våren 2022"], ["Innleiing om planen"]])
    assert (parsed.title, parsed.period) == ("Handlingsplan for våren 2022", (2022, 2022))
    assert parsed.problems == ()


def test_short_rows_are_padded() -> None:
    parsed = table(["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x"])
    assert parsed.problems == ()
    assert parsed.measures[0].marks == {2022: "x"}


def test_validate_checks_a_table_built_elsewhere(demo: PlanTable) -> None:
    assert demo.validate() == ()


def test_a_goal_given_on_every_row_of_its_measures_is_one_goal() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
        ["1.1", "Mål A", "1.1.2", "Tiltak B", "", "", "x", "", ""],
        ["1.1", "", "1.1.3", "Tiltak C", "PSU", "", "", "x", ""],
        ["1.2", "Mål B", "1.2.1", "Tiltak D", "", "x", "", "", ""],
    )
    assert parsed.problems == ()
    assert [(goal.number, goal.text, goal.line) for goal in parsed.goals] == [
        ("1.1", "Mål A", 4),
        ("1.2", "Mål B", 7),
    ]
    assert [(m.number, m.goal, m.responsible) for m in parsed.measures] == [
        ("1.1.1", "1.1", ("ASU",)),
        ("1.1.2", "1.1", ("ASU",)),  # the same goal: the responsible cell continues
        ("1.1.3", "1.1", ("PSU",)),
        ("1.2.1", "1.2", ()),
    ]


def test_a_goal_given_again_with_another_text_or_after_another_goal_is_still_refused() -> None:
    parsed = table(
        ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "", "", ""],
        ["1.1", "Mål A, ny tekst", "1.1.2", "Tiltak B", "ASU", "x", "", "", ""],
        ["1.2", "Mål B", "1.2.1", "Tiltak C", "ASU", "x", "", "", ""],
        ["1.1", "Mål A", "1.1.3", "Tiltak D", "ASU", "x", "", "", ""],
    )
    assert [(problem.line, problem.reason) for problem in parsed.problems] == [
        (5, "Mål 1.1 står flere ganger (første gang på linje 4)."),
        (7, "Mål 1.1 står flere ganger (første gang på linje 4)."),
    ]


def test_a_title_and_an_area_heading_merged_across_the_row_are_read_once() -> None:
    title = "Handlingsplan 2022-2025"
    parsed = parse_plan_table(
        [
            [title] * 9,
            ["", "1. Område", "1. Område", "1. Område", "", "", "", "", ""],
            HEADER,
            ["1.1", "Mål A", "1.1.1", "Tiltak A", "ASU", "x", "x", "x", "x"],
        ]
    )
    assert parsed.problems == ()
    assert (parsed.title, parsed.period) == (title, (2022, 2025))
    assert [(area.number, area.title) for area in parsed.areas] == [("1", "Område")]
    assert parsed.measure("1.1.1").marks == {2022: "x", 2023: "x", 2024: "x", 2025: "x"}


def test_numbers_written_in_the_goal_and_measure_cells() -> None:
    parsed = parse_plan_table(
        [
            ["Handlingsplan 2024-2025"],
            ["1. Samhandling"],
            ["Mål", "Tiltak", "Ansvar", "2024", "2025"],
            ["1.1 Betre samhandling", "1.1.1 Felles rutine\n• for utskriving", "ASU", "x", ""],
            ["", "1.1.2\nFelles opplæring", "", "", "X høst"],
            ["1.2. Kompetanse", "1.2.1 Fagdag", "FSU", "x", "x"],
            ["", "Tiltak utan nummer", "FSU", "x", ""],
        ]
    )
    assert [(goal.number, goal.text) for goal in parsed.goals] == [
        ("1.1", "Betre samhandling"),
        ("1.2", "Kompetanse"),
    ]
    assert [(m.number, m.goal, m.text, m.responsible, m.marks) for m in parsed.measures] == [
        ("1.1.1", "1.1", "Felles rutine\n\n- for utskriving", ("ASU",), {2024: "x"}),
        ("1.1.2", "1.1", "Felles opplæring", ("ASU",), {2025: "X høst"}),
        ("1.2.1", "1.2", "Fagdag", ("FSU",), {2024: "x", 2025: "x"}),
    ]
    assert [(p.line, p.reason) for p in parsed.problems] == [
        (7, 'Tiltaket "Tiltak utan nummer" mangler tiltaksnummer (f.eks. 2.1.3).')
    ]


def test_headers_merged_over_the_number_and_text_columns() -> None:
    """A Word table whose "Mål" and "Tiltak" headers each span a number and a text column:
    the name stands over the number column, the text column's header is empty."""
    parsed = parse_plan_table(
        [
            ["1. Område"],
            ["Mål", "", "Tiltak", "", "Ansvar", "2024"],
            ["1.1", "Målet", "1.1.1", "Tiltaket", "ASU", "x"],
            ["", "", "1.1.2 B", "Tiltak to", "", "x"],
        ]
    )
    assert parsed.problems == ()
    assert [(goal.number, goal.text) for goal in parsed.goals] == [("1.1", "Målet")]
    assert [(m.number, m.text, m.responsible) for m in parsed.measures] == [
        ("1.1.1", "Tiltaket", ("ASU",)),
        ("1.1.2B", "Tiltak to", ("ASU",)),
    ]
