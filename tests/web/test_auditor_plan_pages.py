"""An auditor reaches each of a plan's auditors' pages from the others: the history filtered
to the plan, a measure's timeline, the plan as of a day, the comparison of its adopted
versions and its hearings, and the plan's public page. The plan as of a day and the
comparison were linked from nowhere before."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.web.conftest import KEY
from tests.web.test_audit_pages import log_in

LINKS = {
    "history": (f'<a href="/revisjon/?plan={KEY}">Endringslogg for planen</a>'),
    "as_of": f'<a href="/revisjon/{KEY}/per-dato">Planen per dato</a>',
    "diff": f'<a href="/revisjon/{KEY}/endringer">Vedtatte versjoner og høringer</a>',
}
HERE = {
    "history": '<span aria-current="page">Endringslogg for planen</span>',
    "as_of": '<span aria-current="page">Planen per dato</span>',
    "diff": '<span aria-current="page">Vedtatte versjoner og høringer</span>',
}


def _plan_pages(page: str) -> list[str]:
    """The items of the page's one list of the plan's auditors' pages."""
    (found,) = re.findall(r'<nav class="plan-pages no-print"[^>]*>(.*?)</nav>', page, re.S)
    return [item.strip() for item in re.findall(r"<li>(.*?)</li>", found, re.S)]


@pytest.mark.parametrize(
    ("url", "here"),
    [
        (f"/revisjon/?plan={KEY}", "history"),
        (f"/revisjon/{KEY}/per-dato", "as_of"),
        (f"/revisjon/{KEY}/endringer", "diff"),
        (f"/revisjon/{KEY}/tiltak/0.1.2", ""),
        (f"/planer/{KEY}", ""),
    ],
)
def test_each_page_of_the_plan_links_the_others(
    client: FlaskClient, tokens: dict[str, str], url: str, here: str
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get(url)
    assert page.status_code == 200
    assert _plan_pages(page.text) == [
        HERE[name] if name == here else LINKS[name] for name in ("history", "as_of", "diff")
    ]


def test_the_history_of_every_plan_links_no_one_plans_pages(
    client: FlaskClient, tokens: dict[str, str]
) -> None:
    log_in(client, tokens["auditor"])
    page = client.get("/revisjon/").text
    assert "Endringslogg" in page and 'class="plan-pages' not in page


@pytest.mark.parametrize("who", ["editor", None])
def test_the_public_page_links_them_for_auditors_only(
    client: FlaskClient, tokens: dict[str, str], who: str | None
) -> None:
    if who:
        log_in(client, tokens[who])
    page = client.get(f"/planer/{KEY}").text
    assert "Vedtak" in page and 'class="plan-pages' not in page
