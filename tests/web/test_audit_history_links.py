"""The auditors' history opened after a cursor (`?after=`, the API's `next`): its link to the
next page leads there, and it claims no row numbers it cannot know."""

from __future__ import annotations

import html
import re

from flask.testing import FlaskClient

from tests.web.conftest import KEY
from tests.web.test_audit_pages import log_in

NEXT = re.compile(r'<a href="\?([^"]*)" rel="next">')
POSITION = re.compile(r'<td[^>]*data-label="#"[^>]*>(\d+)</td>')


def _api_page(client: FlaskClient, auth, after: str = "") -> dict:
    query = f"limit=25&after={after}" if after else "limit=25"
    answer = client.get(f"/api/plans/{KEY}/history?{query}", headers=auth("auditor"))
    assert answer.status_code == 200, answer.json
    return dict(answer.json)


def test_the_next_link_of_a_page_opened_after_a_cursor_leads_to_the_page_after_it(
    client: FlaskClient, tokens, auth
) -> None:
    second = _api_page(client, auth, _api_page(client, auth)["next"])
    third = _api_page(client, auth, second["next"])
    log_in(client, tokens["auditor"])
    opened = client.get(f"/revisjon/?plan={KEY}&limit=25&after={_api_page(client, auth)['next']}")
    assert opened.status_code == 200
    page = opened.get_data(as_text=True)
    assert POSITION.findall(page) == [str(row["position"]) for row in second["rows"]]
    [link] = NEXT.findall(page)
    followed = client.get(f"/revisjon/?{html.unescape(link)}")
    assert followed.status_code == 200, followed.get_data(as_text=True)
    assert POSITION.findall(followed.get_data(as_text=True)) == [
        str(row["position"]) for row in third["rows"]
    ]


def test_a_page_opened_after_a_cursor_claims_no_row_numbers(
    client: FlaskClient, tokens, auth
) -> None:
    """Which rows of the filter it holds is not known there: "Rad 1–25" would be untrue."""
    log_in(client, tokens["auditor"])
    after = client.get(f"/revisjon/?plan={KEY}&limit=25&after={_api_page(client, auth)['next']}")
    assert "Rad 1–25 av" not in after.get_data(as_text=True)
    first = client.get(f"/revisjon/?plan={KEY}&limit=25")
    assert "Rad 1–25 av" in first.get_data(as_text=True)
