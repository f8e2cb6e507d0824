"""Each page form's labels are declared once, by the form's module (`web.form_labels`, collected
by the app factory): its page shows its fields under them in bokmål and nynorsk, and a form
refused for its token (`web.csrf`) gives every field back under the label its page showed it
with. Every form that writes has such a declaration, so no copy of the labels can drift from
the page again."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.people import Role
from language import Målform, _, speaking
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import SETUP, person_with, signed_in
from web.csrf import NEVER_SHOWN, SHOWN_COPIES, page_forms
from web.form_labels import FormLabels, forms_by_endpoint

BODY = "Fagråd for digital samhandling"
SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


@dataclass
class Input:
    name: str
    kind: str
    id: str
    value: str
    legend: list[str] | None
    """The text of the legend of the fieldset around the input, when it is in one."""


@dataclass
class Form:
    action: str
    inputs: list[Input] = field(default_factory=list)


class _Forms(HTMLParser):
    """Every form of a page that posts, its inputs, and every label by the id it is for."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.labels: dict[str, list[str]] = {}
        self.form: Form | None = None
        self.fieldsets: list[list[str]] = []
        self.text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        if tag == "form" and found.get("method") == "post":
            self.form = Form(found.get("action", ""))
            self.forms.append(self.form)
        elif tag == "fieldset":
            self.fieldsets.append([])
        elif tag == "legend" and self.fieldsets:
            self.text = self.fieldsets[-1]
        elif tag == "label" and "for" in found:
            self.text = self.labels.setdefault(found["for"], [])
        elif tag in ("input", "textarea", "select") and "name" in found and self.form:
            kind = found.get("type", "text") if tag == "input" else tag
            legend = self.fieldsets[-1] if self.fieldsets else None
            self.form.inputs.append(
                Input(found["name"], kind, found.get("id", ""), found.get("value", ""), legend)
            )

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("legend", "label"):
            self.text = None
        elif tag == "fieldset" and self.fieldsets:
            self.fieldsets.pop()
        elif tag == "form":
            self.form = None


def words(text: list[str] | None) -> str | None:
    return " ".join("".join(text).split()) if text is not None else None


@dataclass(frozen=True)
class Page:
    """The form of one endpoint as its page shows it."""

    action: str
    inputs: list[Input]
    labels: dict[str, list[str]]

    @property
    def visible(self) -> list[str]:
        """The names of the fields a person fills in, in the page's order."""
        names = (i.name for i in self.inputs if i.kind != "hidden" and i.name != "csrf_token")
        return list(dict.fromkeys(names))

    @property
    def hidden(self) -> set[str]:
        return {i.name for i in self.inputs if i.kind == "hidden"} - set(self.visible)

    def label(self, name: str) -> str | None:
        """The label the page shows a field under: a choice's is its group's legend."""
        for found in self.inputs:
            if found.name != name or found.kind == "hidden":
                continue
            if found.kind in ("radio", "checkbox") and found.legend is not None:
                return words(found.legend)
            return words(self.labels.get(found.id))
        return None

    def data(self, token: str) -> dict[str, list[str]]:
        """The form with every field filled in (a hidden one as the page carries it)."""
        typed = {name: [f"skrevet {n}"] for n, name in enumerate(self.visible)}
        data = {i.name: typed.get(i.name, [""]) for i in self.inputs}
        return {**data, "csrf_token": [token]}

    def chosen(self, token: str) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
        """The form with the last choice of each group of radio buttons taken (nothing else
        filled in), and each group's label with the words its page offers that choice in."""
        last = {i.name: i for i in self.inputs if i.kind == "radio" and i.value}
        data = {i.name: [""] for i in self.inputs}
        data.update({name: [choice.value] for name, choice in last.items()})
        shown = [(self.label(name), words(self.labels.get(c.id))) for name, c in last.items()]
        return {**data, "csrf_token": [token]}, [(str(a), str(b)) for a, b in shown]


@dataclass(frozen=True)
class PageForm:
    """A form with a page: the endpoint it is sent to, who may fill it in, and its page."""

    endpoint: str
    role: Role
    page: Callable[[Planlogg], str]


def _measure(app: Planlogg) -> str:
    return app.get_plan(KEY).find_measure("1.2.1").id


def _submitted(app: Planlogg) -> str:
    app.submit(KEY, ["ASU", "PSU"], SETUP)
    return f"/planer/{KEY}/godkjenning"


def _reporting(app: Planlogg) -> str:
    return f"/planer/{KEY}/rapportere?organ=fagrad-for-digital-samhandling"


def _round_closed(app: Planlogg) -> str:
    """The form to open a round, once the demo's round is closed."""
    app.close_reporting_round(KEY, SETUP, "R1")
    return f"/planer/{KEY}/dashbord/runde/ny"


def _person(app: Planlogg) -> str:
    app.register_community("fonna", "Helsefellesskapet Fonna", SETUP)
    return f"/admin/personer/{person_with(app, Role.EDITOR)}"


def _adopted(app: Planlogg) -> str:
    """The working version of the demo once its draft is adopted: «Start revisjon»."""
    app.submit(KEY, ["ASU", "PSU"], SETUP)
    for body, case in (("ASU", "sak 12/25"), ("PSU", "sak 05/25")):
        app.approve(KEY, 2, body, case, date(2025, 3, 13), SETUP)
    return f"/planer/{KEY}/arbeidsversjon"


FORMS = [
    PageForm("plan_cycle.start_revision", Role.EDITOR, _adopted),
    PageForm("plan_cycle.publish", Role.EDITOR, _adopted),
    PageForm("plan_cycle.submit", Role.EDITOR, lambda app: f"/planer/{KEY}/send-til-godkjenning"),
    PageForm(
        "plan_cycle.send_on_hearing", Role.EDITOR, lambda app: f"/planer/{KEY}/send-paa-horing"
    ),
    PageForm(
        "measure_editing.save",
        Role.EDITOR,
        lambda app: f"/planer/{KEY}/tiltak/{_measure(app)}/endre",
    ),
    PageForm(
        "evaluation_form.evaluate",
        Role.EDITOR,
        lambda app: f"/planer/{KEY}/tiltak/{_measure(app)}/evaluer",
    ),
    PageForm("approval_form.approve", Role.APPROVER, _submitted),
    PageForm("status_reporting.report", Role.REPORTER, _reporting),
    PageForm("people.add", Role.ADMINISTRATOR, lambda app: "/admin/personer"),
    PageForm("people.change", Role.ADMINISTRATOR, _person),
    PageForm("session.profile_submit", Role.EDITOR, lambda app: "/profil"),
    PageForm(
        "working_plan.change_header", Role.EDITOR, lambda app: f"/planer/{KEY}/arbeidsversjon"
    ),
    PageForm("round_actions.open_round", Role.EDITOR, _round_closed),
    PageForm(
        "round_actions.close_round", Role.EDITOR, lambda app: f"/planer/{KEY}/dashbord/runde/lukk"
    ),
    PageForm(
        "round_actions.change_schedule",
        Role.EDITOR,
        lambda app: f"/planer/{KEY}/dashbord/runde/paaminnelser",
    ),
    PageForm("bodies.add", Role.EDITOR, lambda app: "/helsefellesskap/st-olavs/organer/nytt"),
    PageForm("bodies.merge", Role.EDITOR, lambda app: "/helsefellesskap/st-olavs/organer/alias"),
    PageForm(
        "bodies.set_contacts",
        Role.EDITOR,
        lambda app: "/helsefellesskap/st-olavs/organer/fagrad-for-legesamarbeid/adresser",
    ),
]
IDS = [form.endpoint for form in FORMS]
CHOOSING = [f for f in FORMS if f.endpoint in {"evaluation_form.evaluate",
            "status_reporting.report", "session.profile_submit"}]  # fmt: skip
"""The forms with choices sent as codes (radio buttons): results, lights, målformer."""


def opened(web: Flask, app: Planlogg, form: PageForm, målform: str) -> tuple[FlaskClient, Page]:
    """The form's page, read in `målform` by someone who may fill the form in."""
    person = person_with(app, form.role)
    if form.role is Role.REPORTER:
        app.assign_reporting_bodies(person, [BODY], SETUP)
    path = form.page(app)
    caught_up(web)
    client = signed_in(web, person)
    answer = client.get(f"{path}{'&' if '?' in path else '?'}lang={målform}")
    assert answer.status_code == 200
    reader = _Forms()
    reader.feed(answer.text)
    urls = web.url_map.bind("localhost")
    sent_to = [
        f for f in reader.forms if urls.match(urlsplit(f.action).path, "POST")[0] == form.endpoint
    ]
    assert len(sent_to) == 1, [f.action for f in reader.forms]
    return client, Page(sent_to[0].action, sent_to[0].inputs, reader.labels)


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
    assert declared.hidden <= page.hidden
    carried = {n for n in page.hidden if n not in NEVER_SHOWN and not n.startswith(SHOWN_COPIES)}
    assert carried - {"csrf_token"} <= declared.hidden, "a hidden field would be said as typed"


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


def test_every_page_form_that_writes_declares_its_fields(web: Flask) -> None:
    """Every endpoint a page's form writes to, the ones a refusal gives fields back for."""
    writing = {
        rule.endpoint
        for rule in web.url_map.iter_rules()
        if (rule.methods or set()) - SAFE and not rule.rule.startswith("/api")
    }
    assert writing == set(page_forms(web))


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize("form", CHOOSING, ids=[form.endpoint for form in CHOOSING])
def test_a_form_refused_for_its_token_gives_each_choice_back_in_the_words_its_page_offered(
    people_web: Flask, demo_app: Planlogg, form: PageForm, målform: str
) -> None:
    client, page = opened(people_web, demo_app, form, målform)
    data, offered = page.chosen("gammel")
    assert offered
    answer = client.post(page.action, data=data)
    assert answer.status_code == 400
    given = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", answer.text, re.S)
    assert [(unescape(label), unescape(value)) for label, value in given] == offered


def test_forms_are_gathered_by_the_endpoint_each_is_sent_to() -> None:
    forms = [FormLabels("a.save"), FormLabels("b.save", anonymous=True)]
    assert forms_by_endpoint(forms) == {"a.save": forms[0], "b.save": forms[1]}


def test_two_forms_declared_for_one_endpoint_are_refused() -> None:
    forms = [
        FormLabels("a.save"),
        FormLabels("b.save"),
        FormLabels("a.save", hidden=frozenset({"x"})),
    ]
    with pytest.raises(ValueError, match=r"a\.save"):
        forms_by_endpoint(forms)


def test_a_box_a_page_adds_once_it_asks_is_given_back_under_its_label(
    people_web: Flask, demo_app: Planlogg
) -> None:
    """«Åpne runden likevel» is not on the form first shown, only once the page has asked
    about the deadline; refused for its token, it is given back under its label."""
    form = next(f for f in FORMS if f.endpoint == "round_actions.open_round")
    client, page = opened(people_web, demo_app, form, "nb")
    declared = page_forms(people_web)[form.endpoint]
    assert set(declared.asked) == {"likevel"}
    assert "likevel" not in {i.name for i in page.inputs}

    answer = client.post(page.action, data={**page.data("gammel"), "likevel": ["25.08.2025"]})

    assert answer.status_code == 400
    given = re.findall(r"<dt>(.*?)</dt>\s*<dd[^>]*>(.*?)</dd>", answer.text, re.S)
    assert [(unescape(a), unescape(b)) for a, b in given][-1] == (
        "Åpne runden likevel",
        "25.08.2025",
    )
