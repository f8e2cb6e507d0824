"""The name that marks a plan's tab (`sync.layout.plan_mark`) is one per plan key.

It used to be the key squeezed into a–z, 0–9 and _, so `helse-nord` and `helse_nord` had one
mark, and so did plan `x`'s second name in Excel Online (`Planlogg_x_2`) and plan `x-2`'s
first: one plan's sync took the other's tab. The marks Planlogg wrote before are still known
(`older_plan_marks`), so a tab carrying one is found and marked anew."""

from __future__ import annotations

import re

import pytest

from sync.layout import (
    claimed_by_another,
    column_runs,
    mark_name,
    older_plan_marks,
    own_tab_owner,
    own_tab_title,
    plan_mark,
)

LONG = "helsefellesskapet-innlandet-handlingsplan-2024-2027"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("helse-nord", "helse_nord"),
        ("helse-nord", "helse nord"),
        ("hf", "HF"),
        ("x-2", "x_2"),
        (LONG, LONG[:-1] + "8"),
        ("", "_"),
    ],
)
def test_keys_that_differ_only_in_squeezed_characters_get_marks_of_their_own(
    one: str, other: str
) -> None:
    assert plan_mark(one).lower() != plan_mark(other).lower()


@pytest.mark.parametrize("key", ["x", "helse-nord", "x_2", "HF"])
def test_no_plan_s_mark_is_spelled_like_another_plan_s_numbered_name(key: str) -> None:
    """Excel Online adds ``<mark>_2``, ``_3`` … for a restored plan tab."""
    numbered = {f"{plan_mark(key)}_{n}".lower() for n in range(2, 50)}
    for other in ("x-2", "x_2", "x 2", "helse-nord-2", "helse_nord_3", "hf-2", "HF_2"):
        assert plan_mark(other).lower() not in numbered


@pytest.mark.parametrize("key", ["x", "testplan", "helse-nord", "Helse Nord 2024", LONG, "å-ø"])
def test_a_mark_is_a_name_excel_google_and_libreoffice_take(key: str) -> None:
    mark = plan_mark(key)
    assert re.fullmatch(r"Planlogg_[A-Za-z0-9_]+", mark)
    assert len(mark) <= 31
    assert plan_mark(key) == mark


def test_a_key_the_squeezing_keeps_whole_is_marked_as_before() -> None:
    assert plan_mark("testplan") == "Planlogg_testplan"
    assert plan_mark("hf2024") == "Planlogg_hf2024"
    assert older_plan_marks("testplan") == ()


def test_the_mark_written_before_is_an_older_mark_of_the_plan() -> None:
    assert "Planlogg_helse_nord" in older_plan_marks("helse-nord")
    assert "Planlogg_helse_nord" in older_plan_marks("helse_nord")
    assert mark_name(LONG) in older_plan_marks(LONG)
    assert plan_mark("helse-nord") not in older_plan_marks("helse-nord")


def test_a_tab_carrying_another_plan_s_new_mark_is_claimed() -> None:
    assert claimed_by_another("helse_nord", {plan_mark("helse-nord")})
    assert not claimed_by_another("helse_nord", {"Planlogg_helse_nord"})
    assert not claimed_by_another("helse_nord", {plan_mark("helse_nord"), "PlanloggTab_Vedtak"})
    assert not claimed_by_another("HF", {"Planlogg_HF", plan_mark("HF").upper()})
    assert claimed_by_another("HF", {"Planlogg_hf"})


def test_a_lower_case_key_that_just_fits_is_written_whole() -> None:
    assert plan_mark("a" * 22) == "Planlogg_" + "a" * 22
    assert plan_mark("a" * 23).startswith("Planlogg_" + "a" * 13 + "_")


def test_two_plans_that_marked_one_tab_agree_it_is_the_first_mark_s() -> None:
    names = ["PlanloggOversikt_b", "PlanloggTab_Oversikt", "PlanloggOversikt_a"]
    assert own_tab_owner("Oversikt", names) == "planloggoversikt_a"
    assert own_tab_owner("Oversikt", ["PlanloggVedtak_a"]) is None


def test_a_plan_s_own_tab_title_is_cut_to_exactly_the_limit() -> None:
    assert own_tab_title("x" * 40, "Oversikt") == "Oversikt " + "x" * 22
    assert own_tab_title("x" * 40, "Vedtak", limit=100) == "Vedtak " + "x" * 40


def test_column_runs_join_neighbours_only() -> None:
    assert column_runs([3, 0, 1, 5, 1]) == [(0, 2), (3, 4), (5, 6)]
