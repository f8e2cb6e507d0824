"""The forms that name a measure's responsible bodies list the register's bodies under the
field, in the Norwegian alphabet, folded away: an editor looks a name up instead of
guessing how it is spelt. A body merged into another is not offered; a body added to the
register is offered on the next form opened."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY, DEMO_PLAN
from domain.people import Role
from domain.vocabulary import BodyKind
from language import Målform
from tests.web.signed_in import SETUP, person_with, signed_in

DEMO_BODIES = [
    "ASU",
    "AU og Sekretariat",
    "Fagråd for akuttmedisinsk kjede og helseberedskap",
    "Fagråd for digital samhandling",
    "Fagråd for forebygging, tidlig innsats, helsefremming, læring og mestring",
    "Fagråd for legesamarbeid",
    "Fagråd for pasientsamarbeid",
    "PSU",
    "Sekretariat",
    "St. Olavs hospital HF (St. Olavs)",
    "Trondheim kommune",
]
SUMMARY = {"nb": "Organene i registeret (%s)", "nn": "Organa i registeret (%s)"}


def _listed(page: str) -> tuple[str, list[str]]:
    """The list's summary and its names, from the one list the page has."""
    (found,) = re.findall(r'<details class="registered-bodies">(.*?)</details>', page, re.S)
    summary = re.search(r"<summary>(.*?)</summary>", found, re.S)
    if summary is None:
        raise AssertionError(found)
    return summary[1], re.findall(r"<li>(.*?)</li>", found)


def _forms(app: Planlogg) -> list[str]:
    measure = app.get_plan(DEMO_PLAN).find_measure("1.2.1").id
    return [
        f"/planer/{DEMO_PLAN}/tiltak/{measure}/endre",
        f"/planer/{DEMO_PLAN}/tiltak/nytt?goal=2.1",
    ]


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_both_forms_list_the_registers_bodies_in_the_alphabet(
    demo_on_database: tuple[Flask, Planlogg], målform: Målform
) -> None:
    web, app = demo_on_database
    client = signed_in(web, person_with(app, Role.EDITOR))
    for url in _forms(app):
        page = client.get(f"{url}{'&' if '?' in url else '?'}lang={målform}").text
        assert _listed(page) == (SUMMARY[målform] % 11, DEMO_BODIES), url


def test_a_body_added_is_offered_and_one_merged_into_another_is_not(
    demo_on_database: tuple[Flask, Planlogg],
) -> None:
    web, app = demo_on_database
    app.add_body(DEMO_COMMUNITY, "Ørland kommune", BodyKind.MUNICIPALITY, SETUP)
    app.merge_bodies(DEMO_COMMUNITY, ["PSU"], "ASU", SETUP)
    client = signed_in(web, person_with(app, Role.EDITOR))
    expected = [name for name in DEMO_BODIES if name != "PSU"] + ["Ørland kommune"]
    for url in _forms(app):
        assert _listed(client.get(url).text) == (SUMMARY["nb"] % 11, expected), url
