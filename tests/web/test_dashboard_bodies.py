"""The dashboard after bodies were merged in the register: each body once, with its measures."""

from __future__ import annotations

import re

from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.test_audit_pages import log_in

SECRETARIAT = Provenance("Sekretariatet", Source.CLI)


def _progress_rows(page: str) -> list[tuple[str, str]]:
    """(body, "reported of measures") of each row of the round's progress table."""
    table = page.split('<table class="progress', 1)[1].split("</table>", 1)[0]
    return re.findall(
        r'<th scope="row"[^>]*>([^<]+)</th>\s*<td[^>]*>[^<]*</td>\s*<td[^>]*>([^<]+)</td>', table
    )


def test_a_body_merged_into_another_is_one_row_with_the_measures_of_both(
    web: Flask, demo_app: Planlogg, client: FlaskClient, auth, tokens
) -> None:
    """The demo's round asks both fagråd: 12 measures name pasientsamarbeid, 5 digital
    samhandling, 3 of them (4.2.1, 4.2.2, 4.3.1) both; merged, the one body has 14."""
    log_in(client, tokens["editor"])
    before = client.get(f"/api/plans/{KEY}/dashboard", headers=auth("editor")).json
    assert [(p["body_id"], p["measures"]) for p in before["open_round"]["progress"]] == [
        ("fagrad-for-pasientsamarbeid", 12),
        ("fagrad-for-digital-samhandling", 5),
        ("sekretariat", 13),
    ]
    demo_app.merge_bodies(
        DEMO_COMMUNITY, ["Fagråd for digital samhandling"], "Fagråd for pasientsamarbeid",
        SECRETARIAT,
    )  # fmt: skip
    caught_up(web)

    after = client.get(f"/api/plans/{KEY}/dashboard", headers=auth("editor")).json
    page = client.get(f"/planer/{KEY}/dashbord").get_data(as_text=True)

    found = after["open_round"]
    assert found["body_ids"] == ["fagrad-for-pasientsamarbeid", "sekretariat"]
    assert found["missing_bodies"] == ["Fagråd for pasientsamarbeid", "Sekretariat"]
    assert [(p["body_id"], p["measures"]) for p in found["progress"]] == [
        ("fagrad-for-pasientsamarbeid", 14),
        ("sekretariat", 13),
    ]
    assert _progress_rows(page) == [
        ("Fagråd for pasientsamarbeid", "2 av 14 (mangler 0.6.1, 1.3.1, 1.3.2, 1.3.3, 1.3.4, "
         "1.6.1, 2.1.3A, 2.1.3B, 4.1.3, 4.2.1, 4.2.2, 4.3.1)"),
        ("Sekretariat", "1 av 13 (mangler 0.3.1, 0.3.2, 0.3.3, 0.3.4, 0.4.2, 0.5.2, 0.6.2, "
         "0.7.1, 0.7.2, 2.1.2B, 5.2.1, 5.2.3)"),
    ]  # fmt: skip
    assert [c["name"] for c in after["by_body"]].count("Fagråd for pasientsamarbeid") == 1
    assert "Fagråd for digital samhandling" not in page
