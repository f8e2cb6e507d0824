"""Reading plans written as prose: the Fonna and Innlandet plans, and the rules they taught us.

The two plans are public and shipped as test fixtures (tests/fixtures/prose/),
byte for byte as in ../shared/seeds/ (checked below when the seeds are there).
"""

from __future__ import annotations

import os
from datetime import date
from importlib.resources import files
from pathlib import Path

import pytest

from domain.plan_outline import PlanOutline, UnplacedLine
from domain.plan_table import parse_plan_table
from domain.prose_plan import parse_prose_plan, read_plan

FIXTURES = Path(__file__).parents[1] / "fixtures" / "prose"
SEEDS = Path(__file__).parents[2].parent / "shared" / "seeds"


def rows(name: str) -> list[list[str]]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


def prose(text: str) -> PlanOutline:
    return parse_prose_plan([[line] for line in text.splitlines()])


@pytest.fixture(scope="module")
def fonna() -> PlanOutline:
    return read_plan(rows("fonna_2021.txt"))


@pytest.fixture(scope="module")
def innlandet() -> PlanOutline:
    return read_plan(rows("innlandet_spring_2022.txt"))


@pytest.mark.parametrize(
    ("fixture", "seed"),
    [
        ("fonna_2021.txt", "000_e6f595f95a3e1581.txt"),
        ("innlandet_spring_2022.txt", "001_ae749e82e5862b99.txt"),
    ],
)
def test_the_fixtures_are_the_seed_documents_byte_for_byte(fixture: str, seed: str) -> None:
    source = SEEDS / seed
    if not source.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail(f"the seed document {source} is missing on CI")
        pytest.skip("the seed documents are not on this machine")
    assert (FIXTURES / fixture).read_bytes() == source.read_bytes()


# --- Fonna 2021: areas, goals, bullets --------------------------------------------------


def test_fonna_reads_as_two_areas_thirteen_goals_nineteen_measures(fonna: PlanOutline) -> None:
    assert fonna.problems == ()
    assert (len(fonna.areas), len(fonna.goals), len(fonna.measures)) == (2, 13, 19)
    assert len(fonna.notes) == 2
    assert [(a.number, a.title, a.line) for a in fonna.areas] == [
        ("1", "Oppfølging av samarbeidsavtaler", 13),
        ("2", "Oppfølging av andre samhandlings-initiativ", 76),
    ]
    assert [g.number for g in fonna.goals] == [
        *("1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7"),
        *("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"),
    ]
    assert [len(g.measures) for g in fonna.goals] == [1, 2, 2, 1, 1, 2, 2, 2, 1, 1, 1, 2, 1]


def test_fonna_title_and_year_come_from_the_introduction(fonna: PlanOutline) -> None:
    assert fonna.title == "Handlingsplan for 2021"
    assert fonna.period == (2021, 2021)
    assert [p.line for p in fonna.intro] == [1, 3, 5, 7, 9, 11]
    assert fonna.intro[-1].text == (
        "- Prioriterte tiltak for Overordna samarbeidsutval i lokalsjukehusområdet."
    )


def test_a_bullet_is_a_measure_and_its_sub_bullets_a_list_in_its_text(fonna: PlanOutline) -> None:
    measure = fonna.measure("1.1.1")
    assert measure.line == 20
    assert measure.text == (
        "Planlegge og gjennomføre ei undervegsevaluering av korleis Avtale om samarbeid ved "
        "pandemisk influensa og koordineringsgruppa har fungert i den pandemiske situasjonen."
        "\n\n- Har avtalen bidratt til å gje innbyggjarane nødvendig helsehjelp under pandemien?"
        "\n- Har avtalen sikra ansvarsforhold og rutinar for samarbeid mellom kommunar og "
        "sjukehus?"
    )
    assert fonna.measure("2.6.1").text.endswith("\n\n- Somatikk\n- Rus og psykisk helse")


def test_tidsramme_var_2021_is_the_year_mark_x_var(fonna: PlanOutline) -> None:
    goal = fonna.goal("1.3")
    assert [(m.number, dict(m.marks)) for m in goal.measures] == [
        ("1.3.1", {2021: "x vår"}),
        ("1.3.2", {2021: "x vår"}),
    ]
    assert fonna.measure("1.3.1").timeframe_note == ""  # the mark says all the wording does
    assert dict(fonna.measure("1.2.2").marks) == {2021: "x"}
    assert dict(fonna.measure("2.1.2").marks) == {2021: "x vår"}


def test_a_loose_paragraph_in_a_goal_with_bullets_is_a_note_on_the_goal(
    fonna: PlanOutline,
) -> None:
    assert [(n.line, n.text) for n in fonna.goal("1.6").notes] == [
        (64, "Utarbeide retningslinjer for samhandling om ernæringsstatus og ernæringsoppfølging.")
    ]
    assert [m.text for m in fonna.goal("1.6").measures] == [
        "Samarbeid om førebygging",
        "Revisjon av avtale",
    ]
    (note,) = fonna.goal("2.1").notes
    assert note.line == 84
    assert note.text.startswith("Felles utviklingsplan kan kome til å utløyse ei trong")


def test_a_goal_without_bullets_has_its_paragraph_as_measure(fonna: PlanOutline) -> None:
    (measure,) = fonna.goal("1.4").measures
    assert (measure.number, measure.line, measure.text) == (
        "1.4.1",
        50,
        "Utarbeide særavtale for samarbeid om utdanningsløp for ALIS",
    )


def test_a_goal_with_neither_gets_one_measure_with_its_own_text(fonna: PlanOutline) -> None:
    goal = fonna.goal("1.5")  # written "1.5; Årleg gjennomgang av avtaleverket"
    assert (goal.text, goal.line) == ("Årleg gjennomgang av avtaleverket", 54)
    assert [(m.number, m.text, m.line, dict(m.marks)) for m in goal.measures] == [
        ("1.5.1", "Årleg gjennomgang av avtaleverket", 54, {2021: "x"})
    ]
    assert [m.text for m in fonna.goal("2.3").measures] == ["Vidareutvikle saman.no"]


def test_the_web_page_text_after_the_plan_is_listed_with_its_line_numbers(
    fonna: PlanOutline,
) -> None:
    assert fonna.unplaced == (
        UnplacedLine(122, "Tidligare handlingsplanar:", "står etter tidsrammen til mål 2.6"),
        UnplacedLine(124, "Fann du det du leita etter?", "står etter tidsrammen til mål 2.6"),
    )


def test_unplaced_lines_stop_the_import_unless_skipped(fonna: PlanOutline) -> None:
    assert [p.line for p in fonna.to_table().problems] == [122, 124]
    assert "Tidligare handlingsplanar:" in fonna.to_table().problems[0].reason
    table = fonna.to_table(skip_unplaced=True)
    assert table.problems == ()
    assert (table.title, table.period, table.years) == (
        "Handlingsplan for 2021",
        (2021, 2021),
        (2021,),
    )
    assert len(table.measures) == 19
    row = next(r for r in table.measures if r.number == "1.3.2")
    assert (row.goal, row.area, row.text, row.marks, row.line) == (
        "1.3",
        "1",
        "Utarbeide og inngå særavtalar",
        {2021: "x vår"},
        44,
    )


# --- Innlandet spring 2022: a numbered task list ---------------------------------------


def test_innlandet_reads_as_one_area_one_goal_five_measures(innlandet: PlanOutline) -> None:
    assert innlandet.problems == ()
    assert innlandet.unplaced == ()
    assert (len(innlandet.areas), len(innlandet.goals), len(innlandet.measures)) == (1, 1, 5)
    assert [(a.number, a.title, a.line) for a in innlandet.areas] == [
        ("1", "Oppgaver våren 2022", 14)
    ]
    assert [(g.number, g.text) for g in innlandet.goals] == [("1.1", "Oppgaver våren 2022")]
    assert [(m.number, m.line) for m in innlandet.measures] == [
        ("1.1.1", 16),
        ("1.1.2", 35),
        ("1.1.3", 43),
        ("1.1.4", 51),
        ("1.1.5", 61),
    ]
    assert (innlandet.title, innlandet.period) == ("Handlingsplan for våren 2022", (2022, 2022))
    assert [p.line for p in innlandet.intro] == [4, 6, 8, 12]


def test_dates_in_a_task_become_deadlines_in_the_plans_year(innlandet: PlanOutline) -> None:
    assert innlandet.measure("1.1.3").deadline == date(2022, 4, 1)
    assert innlandet.measure("1.1.3").timeframe_note == "innen 1. april"
    assert innlandet.measure("1.1.1").deadline == date(2022, 5, 15)
    assert innlandet.measure("1.1.1").timeframe_note == "innen medio mai"
    # Task 2 says "innen medio mai" too: three tasks have a deadline, not two.
    assert [m.number for m in innlandet.measures if m.deadline] == ["1.1.1", "1.1.2", "1.1.3"]
    assert innlandet.measure("1.1.2").deadline == date(2022, 5, 15)


def test_a_season_in_a_task_becomes_a_year_mark(innlandet: PlanOutline) -> None:
    task = innlandet.measure("1.1.4")
    assert (dict(task.marks), task.timeframe_note, task.deadline) == (
        {2022: "x vår"},
        "ila våren 2022",
        None,  # "innen 15.04" in the description is not the task's deadline
    )
    assert dict(innlandet.measure("1.1.5").marks) == {2022: "x vår"}
    assert dict(innlandet.measure("1.1.1").marks) == {}  # "perioden 2022-2026" is no timeframe


def test_the_description_of_the_assignment_is_the_tasks_description(
    innlandet: PlanOutline,
) -> None:
    assert innlandet.measure("1.1.2").description == (
        "Med utgangspunkt i strategiplanen skal Strategisk samarbeidsutvalg utarbeide en "
        "handlingsplan med konkrete tiltak som skal gjennomføres i perioden 2022-2023. "
        "Helseforetak, helseregioner, brukere, ansatte og andre interessenter skal involveres i "
        "arbeidet.\n\nStrategisk samarbeidsutvalg skal legge frem handlingsplan for 2022-2023 "
        "til behandling i Partnerskapsmøte den 8 juni 2022."
    )
    first = innlandet.measure("1.1.1").description
    assert "Følgende pasientgrupper skal ha fokus:\n\n- Barn og unge\n- Personer med" in first
    assert innlandet.measure("1.1.1").text == (
        "Helsefelleskap innlandet skal innen medio mai utarbeide en strategiplan for perioden "
        "2022-2026"
    )


def test_a_paragraph_broken_by_a_page_break_is_joined_again(innlandet: PlanOutline) -> None:
    assert "m.m. Endringen innebærer at det innføres" in innlandet.measure("1.1.4").description


# --- the rules on small texts ----------------------------------------------------------

PLAN_2024 = "Handlingsplan 2024\n1. Område\n"


def test_text_between_an_area_heading_and_its_first_goal_is_unplaced() -> None:
    outline = prose(PLAN_2024 + "Innleiande ord om området.\n1.1 Mål\n• Tiltak")
    assert outline.unplaced == (
        UnplacedLine(
            3,
            "Innleiande ord om området.",
            "står mellom overskriften til innsatsområde 1 og første mål",
        ),
    )
    assert [m.text for m in outline.measures] == ["Tiltak"]


def test_a_goal_and_text_before_the_first_area_heading_are_called_so() -> None:
    outline = prose("Handlingsplan 2024\n1.1 Mål\n• Tiltak\nLaus tekst.")
    assert [(p.line, p.reason) for p in outline.problems][:1] == [
        (2, "Mål 1.1 står før overskriften til første innsatsområde.")
    ]
    outline = prose("Handlingsplan 2024\n1.1.1 Tiltak\n1. Område\n1.1 Mål\n• Tiltak")
    assert outline.unplaced == (UnplacedLine(2, "1.1.1 Tiltak", "står før første innsatsområde"),)


def test_a_sub_bullet_without_a_bullet_above_is_unplaced() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n◦ Underpunkt\n\n• Tiltak")
    assert [(u.line, u.text) for u in outline.unplaced] == [(4, "◦ Underpunkt")]


def test_each_paragraph_of_a_goal_without_bullets_is_a_measure() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\nFørste tiltak.\nAndre tiltak.\nTidsramme: Haust 2024")
    assert [(m.number, m.text, dict(m.marks)) for m in outline.measures] == [
        ("1.1.1", "Første tiltak.", {2024: "x høst"}),
        ("1.1.2", "Andre tiltak.", {2024: "x høst"}),
    ]


def test_a_timeframe_before_the_measures_is_for_them_all() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\nTidsramme: innen 1. juni\n• A\n• B")
    assert [(m.deadline, m.timeframe_note) for m in outline.measures] == [
        (date(2024, 6, 1), "innen 1. juni"),
        (date(2024, 6, 1), "innen 1. juni"),
    ]


def test_each_timeframe_is_for_the_bullets_above_it() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• A\nTidsramme: Vår 2024\n• B\nTidsramme: 2024–2025")
    assert [dict(m.marks) for m in outline.measures] == [
        {2024: "x vår"},
        {2024: "x", 2025: "x"},
    ]


def test_a_bullet_character_other_than_the_goals_first_is_a_sub_bullet() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• A\n- a1\n- a2\n• B")
    assert [m.text for m in outline.measures] == ["A\n\n- a1\n- a2", "B"]


def test_a_description_label_gives_the_measure_above_a_description() -> None:
    outline = prose(
        PLAN_2024 + "1.1 Mål\n• A\nTidsramme: 2024\nBeskrivelse av tiltaket:\nKvifor.\n- punkt"
    )
    (measure,) = outline.measures
    assert (measure.text, measure.description, outline.unplaced) == ("A", "Kvifor.\n\n- punkt", ())


def test_numbered_measures_keep_their_numbers() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n1.1.2 Andre\n1.1.3 A Tredje, variant A")
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.2", "Andre"),
        ("1.1.3A", "Tredje, variant A"),
    ]


def test_a_repeated_goal_number_is_a_problem_with_its_line() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• A\n1.1 Same mål\n• B")
    assert [(p.line, p.reason) for p in outline.problems] == [
        (5, "Mål 1.1 står flere ganger (første gang på linje 3)."),
        (6, "Tiltaksnummeret 1.1.1 er brukt flere ganger (første gang på linje 4)."),
    ]


def test_a_goal_under_another_areas_heading_is_a_problem() -> None:
    outline = prose(PLAN_2024 + "2.1 Mål\n• A")
    assert [(p.line, p.reason) for p in outline.problems] == [
        (3, "Mål 2.1 står under innsatsområde 1; nummeret hører til innsatsområde 2."),
        (3, "Mål 2.1 hører til innsatsområde 2, som ikke finnes i tabellen."),
    ]


def test_a_date_at_the_start_of_a_line_is_not_a_goal_number() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• A\n15.04 vert planen send på høyring.")
    assert [(n.line, n.text) for n in outline.goal("1.1").notes] == [
        (5, "15.04 vert planen send på høyring.")
    ]


def test_text_without_areas_goals_or_numbered_tasks_is_refused() -> None:
    outline = prose("Handlingsplan 2024\n\nBerre tekst her.")
    assert outline.areas == ()
    assert [(p.line, p.reason) for p in outline.problems] == [
        (
            1,
            "Fant verken innsatsområde («1. …»), mål («1.1 …») eller nummererte oppgaver "
            "i teksten.",
        )
    ]


def test_a_line_broken_inside_a_sentence_continues_it() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• Utarbeide ein felles\nrutine for utskriving")
    assert [m.text for m in outline.measures] == ["Utarbeide ein felles rutine for utskriving"]


# --- lettered lists in a measure --------------------------------------------------------

LETTERED = [("a)", "b)"), ("a.", "b."), ("(a)", "(b)"), ("A)", "B)")]


@pytest.mark.parametrize(("first", "second"), LETTERED)
def test_a_lettered_list_under_a_bullet_stays_in_that_measure_item_by_item(
    first: str, second: str
) -> None:
    outline = prose(
        PLAN_2024 + f"1.1 Mål\n• Revidere avtalen\n{first} første punkt\n{second} andre punkt\n• B"
    )
    assert [m.text for m in outline.measures] == [
        f"Revidere avtalen\n\n{first} første punkt\n\n{second} andre punkt",
        "B",
    ]
    assert (outline.goal("1.1").notes, outline.unplaced) == ((), ())


def test_a_lettered_list_under_a_numbered_measure_stays_in_it() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n1.1.1 Tiltak:\na) første\nb) andre\n1.1.2 Neste")
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Tiltak:\n\na) første\n\nb) andre"),
        ("1.1.2", "Neste"),
    ]
    assert outline.goal("1.1").notes == ()


def test_a_lettered_list_in_a_goal_without_bullets_belongs_to_the_paragraph_above() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\nTiltak med liste:\na) første\nb) andre\nNeste tiltak.")
    assert [(m.number, m.text) for m in outline.measures] == [
        ("1.1.1", "Tiltak med liste:\n\na) første\n\nb) andre"),
        ("1.1.2", "Neste tiltak."),
    ]


def test_a_lettered_list_under_a_numbered_task_is_in_the_tasks_text() -> None:
    outline = prose(
        "Handlingsplan 2024\nOppgaver\n1. Oppgave med liste:\na) første\nb) andre\n2. Neste"
    )
    assert [(m.number, m.text, m.description) for m in outline.measures] == [
        ("1.1.1", "Oppgave med liste:\n\na) første\n\nb) andre", ""),
        ("1.1.2", "Neste", ""),
    ]


def test_a_lettered_item_broken_over_two_lines_is_joined_again() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• Tiltak:\na) første punkt som\nheld fram\nb) andre")
    assert [m.text for m in outline.measures] == [
        "Tiltak:\n\na) første punkt som held fram\n\nb) andre"
    ]


def test_a_lettered_list_after_a_goals_timeframe_has_no_place() -> None:
    outline = prose(PLAN_2024 + "1.1 Mål\n• A\nTidsramme: 2024\na) etterpå")
    assert [(u.line, u.text) for u in outline.unplaced] == [(6, "a) etterpå")]


# --- long plans ------------------------------------------------------------------------


def test_a_paragraph_broken_over_thousands_of_lines_is_one_measure_with_every_word() -> None:
    broken = ["og held fram"] * 5000
    outline = prose(PLAN_2024 + "1.1 Mål\n• Tiltak som\n" + "\n".join(broken) + "\nslutt.\n• B")
    assert [(m.number, m.line, m.text) for m in outline.measures] == [
        ("1.1.1", 4, " ".join(["Tiltak som", *broken, "slutt."])),
        ("1.1.2", 5006, "B"),
    ]


def test_thousands_of_bullets_with_sub_bullets_keep_each_item_in_its_measure() -> None:
    lines = [f"• Tiltak {n}\n◦ Punkt {n}" for n in range(1, 2001)]
    outline = prose(PLAN_2024 + "1.1 Mål\n" + "\n".join(lines))
    assert len(outline.measures) == 2000
    assert [m.text for m in outline.measures[::999]] == [
        "Tiltak 1\n\n- Punkt 1",
        "Tiltak 1000\n\n- Punkt 1000",
        "Tiltak 1999\n\n- Punkt 1999",
    ]


# --- tables are read as tables ---------------------------------------------------------


def test_a_table_is_read_as_the_table_it_is() -> None:
    text = files("domain.data").joinpath("st_olavs_2022_2024.tsv").read_text(encoding="utf-8")
    table_rows = [line.split("\t") for line in text.splitlines()]
    outline = read_plan(table_rows)
    table = parse_plan_table(table_rows)
    assert outline.to_table() == table
    assert (len(outline.areas), len(outline.goals), len(outline.measures)) == (7, 26, 52)
    assert outline.measure("2.1.2A").references == ("1.6.1",)
