"""A made-up query string (`?x=1`, `?x=2`, …) on a public plan page is served the page kept
for the address without it: it once forced a whole render (most of a second at national
scale) and took its own place among the kept pages, so anyone could keep the server busy and
push the real page out. Only the målform (`?lang`) chooses another page.

The same holds for the adopted plan's documents (the demo's PDF is seconds of a worker's
time) and for the public API's answers that read no query parameter."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

import web.api.reads
import web.report_downloads
from tests.web.conftest import KEY
from web.reports import Report

PLAN = f"/planer/{KEY}"


def test_made_up_parameters_are_served_the_page_rendered_once(
    client: FlaskClient, renders: list[str]
) -> None:
    first = client.get(PLAN)
    assert first.status_code == 200
    for n in range(1, 101):
        answer = client.get(f"{PLAN}?x={n}")
        assert answer.status_code == 200
        assert answer.data == first.data, n
    assert renders == [KEY]


def test_a_made_up_parameter_first_is_not_carried_to_everyone(
    client: FlaskClient, renders: list[str]
) -> None:
    made_up = client.get(f"{PLAN}?x=1&lang=nb").text
    assert f'href="{PLAN}?lang=nn"' in made_up
    assert "x=1" not in made_up
    assert client.get(PLAN).text == made_up
    assert renders == [KEY]


def test_the_målform_still_chooses_the_page(client: FlaskClient, renders: list[str]) -> None:
    bokmål = client.get(f"{PLAN}?x=1").text
    nynorsk = client.get(f"{PLAN}?lang=nn&x=2").text
    assert '<html lang="nn">' in nynorsk
    assert '<html lang="nb">' in bokmål
    assert renders == [KEY, KEY]
    assert client.get(f"{PLAN}?x=3&lang=nn").text == nynorsk
    assert renders == [KEY, KEY]


def test_made_up_parameters_on_an_adopted_versions_page_render_it_once(
    client: FlaskClient, renders: list[str]
) -> None:
    for n in range(1, 21):
        assert client.get(f"{PLAN}/versjoner/1?x={n}").status_code == 200
    assert renders == [KEY]


@pytest.mark.parametrize("document", ["vedtatt.docx", "versjoner/1.docx"])
def test_made_up_parameters_on_a_public_download_make_the_document_once(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch, document: str
) -> None:
    made: list[str] = []
    render = web.report_downloads.render

    def counted(report: Report, format_name: str) -> bytes:
        made.append(format_name)
        return render(report, format_name)

    monkeypatch.setattr(web.report_downloads, "render", counted)
    path = f"{PLAN}/{document}"
    first = client.get(path)
    assert first.status_code == 200
    for n in (1, 2, 3):
        answer = client.get(f"{path}?x={n}")
        assert (answer.status_code, answer.data) == (200, first.data)
    assert made == ["docx"]


def test_made_up_parameters_on_a_public_api_read_make_the_answer_once(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`/api/plans/<key>/adopted` reads no query parameter: its answer is kept under its bare
    path. (An operation that reads a query refuses a parameter it does not know, 422.)"""
    made: list[str] = []
    document = web.api.reads.public_document

    def counted(found: object) -> dict[str, object]:
        made.append(KEY)
        return document(found)  # type: ignore[arg-type]

    monkeypatch.setattr(web.api.reads, "public_document", counted)
    path = f"/api/plans/{KEY}/adopted"
    first = client.get(path)
    assert first.status_code == 200
    for n in (1, 2, 3):
        answer = client.get(f"{path}?x={n}")
        assert (answer.status_code, answer.json) == (200, first.json)
    assert made == [KEY]
