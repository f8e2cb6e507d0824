"""The forms of a plan's areas and goals hold to their label declarations as every page form
does (tests/web/test_form_labels.py): each page shows its fields under the labels
`web.plan_outline.FORMS` declares, in bokmål and nynorsk, and a form refused for its token
gives every field back under the label its page showed it with."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import Flask

from domain.application import Planlogg
from domain.people import Role
from language import Målform, _, speaking
from tests.web.conftest import KEY
from tests.web.signed_in import SETUP
from tests.web.test_form_labels import PageForm, opened
from web.csrf import page_forms


def _goal_without_measures(app: Planlogg) -> str:
    app.add_goal(KEY, "3.4", "Felles øvelser", SETUP)
    return f"/planer/{KEY}/mal/3.4/fjern"


FORMS = [
    PageForm(
        "plan_outline.add_area", Role.EDITOR, lambda app: f"/planer/{KEY}/innsatsomrader/nytt"
    ),
    PageForm(
        "plan_outline.rename_area", Role.EDITOR, lambda app: f"/planer/{KEY}/innsatsomrader/2/endre"
    ),
    PageForm("plan_outline.add_goal", Role.EDITOR, lambda app: f"/planer/{KEY}/mal/nytt?area=2"),
    PageForm("plan_outline.reword_goal", Role.EDITOR, lambda app: f"/planer/{KEY}/mal/2.1/endre"),
    PageForm("plan_outline.remove_goal", Role.EDITOR, _goal_without_measures),
]
IDS = [form.endpoint for form in FORMS]


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_a_forms_page_shows_its_fields_under_the_labels_its_module_declares(
    people_web: Flask, demo_app: Planlogg, form: PageForm, målform: Målform
) -> None:
    declared = page_forms(people_web)[form.endpoint]
    _client, page = opened(people_web, demo_app, form, målform)
    with speaking(målform):
        wanted = {name: _(label) for name, label in declared.fields.items()}
    assert {name: page.label(name) for name in declared.fields} == wanted
    assert page.visible == list(declared.fields)
    assert declared.hidden <= page.hidden


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("form", FORMS, ids=IDS)
def test_a_form_refused_for_its_token_gives_each_field_back_under_its_label_on_the_page(
    people_web: Flask, demo_app: Planlogg, form: PageForm, målform: str
) -> None:
    client, page = opened(people_web, demo_app, form, målform)
    answer = client.post(page.action, data=page.data("gammel"))
    assert answer.status_code == 400
    given = re.findall(r"<dt>(.*?)</dt>\s*<dd", answer.text, re.S)
    assert [unescape(label) for label in given] == [page.label(n) for n in page.visible]
    assert 'class="field-name"' not in answer.text
