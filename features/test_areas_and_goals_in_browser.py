"""Editors change a plan's areas and goals in the browser (web, the test client as the
browser, on SQLite and PostgreSQL).

Each page is reached as a person reaches it: by the link on the working version, found by
the words it shows and the area or goal it names to a screen reader. Its form is sent as a
browser without JavaScript sends it: every field as shown, with the editor's change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape

import pytest
from flask.testing import FlaskClient
from pytest_bdd import given, parsers, scenarios, then, when
from werkzeug.test import TestResponse

from domain.application import Planlogg
from domain.demo import DEMO_PLAN
from projections import AuditQuery
from tests.web.forms import filled

scenarios("areas_and_goals_in_browser.feature")

pytestmark = pytest.mark.usefixtures("database_url")

WORKING = f"/planer/{DEMO_PLAN}/arbeidsversjon"
HIDDEN = {
    "Nytt mål": "under innsatsområde {number}",
    "Endre tittel": "på innsatsområde {number}",
    "Endre mål": "{number}",
    "Fjern mål": "{number}",
}
"""The words a link names its area or goal by, to a screen reader only."""


def link(page: str, words: str, number: str | None = None) -> str:
    """The address of the link showing `words`, naming area or goal `number` when given."""
    hidden = "" if number is None else HIDDEN[words].format(number=number)
    shown = re.escape(words + (f'<span class="visually-hidden"> {hidden}</span>' if hidden else ""))
    found = re.findall(rf'<a href="([^"]+)">{shown}</a>', page)
    assert len(found) == 1, (words, number, found)
    return unescape(found[0])


@dataclass(frozen=True)
class Sent:
    """A form sent, by whom, and the answer."""

    client: FlaskClient
    answer: TestResponse


def follow_and_send(
    client: FlaskClient, words: str, number: str | None, changes: dict[str, str]
) -> Sent:
    url = link(client.get(WORKING).text, words, number)
    form = client.get(url)
    assert form.status_code == 200
    return Sent(client, client.post(url, data=filled(form.text, changes, url)))


@when(
    parsers.parse(
        'Eli follows "Nytt innsatsområde" on the working version and saves the title "{title}"'
    ),
    target_fixture="sent",
)
def adds_an_area(editors: dict[str, FlaskClient], title: str) -> Sent:
    return follow_and_send(editors["Eli"], "Nytt innsatsområde", None, {"title": title})


@when(
    parsers.re(
        r'Eli follows "(?P<words>[^"]+)" of (?:area|goal) (?P<number>[\d.]+) and saves the text '
        r'"(?P<text>.+)"'
    ),
    target_fixture="sent",
)
def writes_a_goal(editors: dict[str, FlaskClient], words: str, number: str, text: str) -> Sent:
    return follow_and_send(editors["Eli"], words, number, {"text": text})


@when(
    parsers.parse(
        'Eli follows "Fjern mål" of goal {number} and confirms it with the reason "{reason}"'
    ),
    target_fixture="sent",
)
def removes_a_goal(editors: dict[str, FlaskClient], number: str, reason: str) -> Sent:
    return follow_and_send(editors["Eli"], "Fjern mål", number, {"reason": reason})


def shown_after(sent: Sent, notice: str) -> str:
    """The working version the save led to, which says `notice` and nothing else."""
    assert sent.answer.status_code == 303, sent.answer.text
    page = sent.client.get(sent.answer.headers["Location"]).text
    assert re.findall(r'<p class="notice" role="status">(.*?)</p>', page) == [notice]
    return page


@then(parsers.parse('the working version says "{notice}" at the heading "{heading}"'))
def says_at_the_heading(sent: Sent, notice: str, heading: str) -> None:
    page = shown_after(sent, notice)
    anchor = sent.answer.headers["Location"].split("#")[1]
    assert re.search(rf'<h[23] id="{re.escape(anchor)}">{re.escape(heading)}</h[23]>', page)


@then(parsers.parse('the working version says "{notice}" and has no goal {number}'))
def says_removed(sent: Sent, notice: str, number: str) -> None:
    page = shown_after(sent, notice)
    assert f'id="mal-{number}"' not in page
    assert sent.answer.headers["Location"] == f"{WORKING}#omrade-{number.split('.')[0]}"


@then("the history of the plan's areas and goals from the web reads:")
def history_reads(editors: dict[str, FlaskClient], datatable: list[list[str]]) -> None:
    web = editors["Eli"].application
    models = web.extensions["planlogg"].read_models
    rows = models.history(AuditQuery(plan=DEMO_PLAN, source="web")).rows
    header, *expected = datatable
    assert header == ["Person", "Felt", "Nummer", "Før", "Etter", "Begrunnelse"]
    found = [[r.actor, r.field, r.goal or r.area, r.before, r.after, r.reason] for r in rows]
    assert found == expected


@given(
    parsers.parse('Eli and Emil both opened "Endre tittel" of area {number}'),
    target_fixture="forms",
)
def both_opened(editors: dict[str, FlaskClient], number: str) -> dict[str, tuple[str, str]]:
    opened = {}
    for name, client in editors.items():
        url = link(client.get(WORKING).text, "Endre tittel", number)
        opened[name] = (url, client.get(url).text)
    return opened


@when(parsers.re(r'(?P<name>Eli|Emil) saves the title "(?P<title>.+)"$'), target_fixture="sent")
def saves_the_title(
    editors: dict[str, FlaskClient], forms: dict[str, tuple[str, str]], name: str, title: str
) -> Sent:
    url, form = forms[name]
    return Sent(editors[name], editors[name].post(url, data=filled(form, {"title": title}, url)))


@then(parsers.parse("Emil's title is refused because area {number} changed since he opened it"))
def refused(sent: Sent, number: str) -> None:
    page = sent.answer.text
    assert sent.answer.status_code == 409
    assert "<h2>Innsatsområdet er endret etter at du åpnet skjemaet</h2>" in page
    assert "hadde endringsnummer 1 da du åpnet skjemaet, og har nå endringsnummer 2." in page
    assert f'action="/planer/{DEMO_PLAN}/innsatsomrader/{number}/endre"' in page


@then(parsers.parse('Emil sees the stored title "{stored}" with his own title beside it'))
def both_titles(sent: Sent, forms: dict[str, tuple[str, str]], stored: str) -> None:
    page = sent.answer.text
    box = re.search(r'<textarea id="title" name="title"[^>]*>([^<]*)</textarea>', page)
    typed = re.search(r'id="title-typed">.*?<p class="typed-text">(.*?)</p>', page, re.S)
    assert box is not None and unescape(box[1]) == stored
    assert typed is not None and unescape(typed[1]) == "Pasienter klare for utskrivning"
    url, _ = forms["Emil"]
    forms["Emil"] = (url, page)


@then(parsers.parse('area {number} is still titled "{title}"'))
def still_titled(store: Planlogg, number: str, title: str) -> None:
    assert store.get_plan(DEMO_PLAN).areas[number].title == title


@when(parsers.parse('Emil saves the title "{title}" again'), target_fixture="sent")
def saves_again(
    editors: dict[str, FlaskClient], forms: dict[str, tuple[str, str]], title: str
) -> Sent:
    """The refused page's form, sent again with the title Emil typed in it."""
    url, refused_page = forms["Emil"]
    client = editors["Emil"]
    return Sent(client, client.post(url, data=filled(refused_page, {"title": title}, url)))
