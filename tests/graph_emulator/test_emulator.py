"""The emulator answers as Microsoft's REST reference describes."""

from __future__ import annotations

from pathlib import Path

import requests

from sync.excel_online import share_token
from tests.graph_emulator import TENANT_ID, GraphEmulator
from tests.graph_emulator.model import Workbook


def _root(graph: GraphEmulator, book: Workbook) -> str:
    return f"/drives/{book.drive_id}/items/{book.item_id}"


def test_a_sharing_link_opens_the_drive_item(graph: GraphEmulator, http: requests.Session) -> None:
    book = graph.create_workbook("Plan.xlsx")
    answer = http.get(f"{graph.base_url}/shares/{share_token(book.sharing_url)}/driveItem")
    assert answer.status_code == 200
    body = answer.json()
    assert (body["id"], body["name"], body["parentReference"]["driveId"]) == (
        book.item_id,
        "Plan.xlsx",
        book.drive_id,
    )


def test_requests_without_a_valid_token_are_refused(graph: GraphEmulator) -> None:
    answer = graph.session().get(f"{graph.base_url}/me")
    assert (answer.status_code, answer.json()["error"]["code"]) == (
        401,
        "InvalidAuthenticationToken",
    )


def test_a_batch_holds_at_most_twenty_requests(
    graph: GraphEmulator, http: requests.Session
) -> None:
    items = [{"id": str(n), "method": "GET", "url": "/me"} for n in range(21)]
    answer = http.post(f"{graph.base_url}/$batch", json={"requests": items})
    assert answer.status_code == 400
    ok = http.post(f"{graph.base_url}/$batch", json={"requests": items[:20]})
    assert sorted(int(r["id"]) for r in ok.json()["responses"]) == list(range(20))


def test_depends_on_runs_in_order_and_fails_what_follows_a_failure(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook()
    sheet = f"{_root(graph, book)}/workbook/worksheets/Ark1"
    json_header = {"Content-Type": "application/json"}
    items = [
        {"id": "a", "method": "PATCH", "url": f"{sheet}/range(address='A1')",
         "headers": json_header, "body": {"values": [["først"]]}},
        {"id": "b", "dependsOn": ["a"], "method": "PATCH",
         "url": f"{sheet}/range(address='A1:B1')", "headers": json_header,
         "body": {"values": [["feil storleik"]]}},
        {"id": "c", "dependsOn": ["b"], "method": "GET", "url": f"{sheet}/usedRange"},
    ]  # fmt: skip
    answer = http.post(f"{graph.base_url}/$batch", json={"requests": items}).json()
    assert [(r["id"], r["status"]) for r in answer["responses"]] == [
        ("a", 200),
        ("b", 400),
        ("c", 424),
    ]
    assert graph.cells(book, "Ark1") == [["først"]]


def test_text_format_keeps_what_would_be_a_formula_or_number(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook()
    address = f"{graph.base_url}{_root(graph, book)}/workbook/worksheets('Ark1')/range"
    http.patch(f"{address}(address='A1:C1')", json={"values": [["=1+1", "007", "TRUE"]]})
    http.patch(
        f"{address}(address='A2:C2')",
        json={"values": [["=1+1", "007", "TRUE"]], "numberFormat": "@"},
    )
    got = http.get(f"{address}(address='A1:C2')?$select=text,valueTypes").json()
    assert got["text"] == [["", "7", "TRUE"], ["=1+1", "007", "TRUE"]]
    assert got["valueTypes"] == [["Error", "Integer", "Boolean"], ["String"] * 3]


def test_used_range_with_values_only_starts_where_the_values_do(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook()
    graph.user_edit(book, "Ark1", {"C3": "x", "D5": "y"})
    sheet = f"{graph.base_url}{_root(graph, book)}/workbook/worksheets/Ark1"
    used = http.get(f"{sheet}/usedRange(valuesOnly=true)").json()
    assert (used["address"], used["rowIndex"], used["columnIndex"]) == ("Ark1!C3:D5", 2, 2)
    empty = graph.create_workbook()
    blank = http.get(f"{graph.base_url}{_root(graph, empty)}/workbook/worksheets/Ark1/usedRange")
    assert (blank.json()["address"], blank.json()["text"]) == ("Ark1!A1", [[""]])


def test_versions_are_listed_newest_first_with_who(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook()
    graph.user_edit(book, "Ark1", {"A1": "x"})
    versions = http.get(f"{graph.base_url}{_root(graph, book)}/versions").json()["value"]
    assert [v["id"] for v in versions] == ["2.0", "1.0"]
    assert versions[0]["lastModifiedBy"]["user"]["displayName"] == "Ola Nordmann"


def test_a_stale_etag_is_refused_with_412(graph: GraphEmulator, http: requests.Session) -> None:
    book = graph.create_workbook()
    url = f"{graph.base_url}{_root(graph, book)}"
    etag = http.get(url).json()["eTag"]
    graph.user_edit(book, "Ark1", {"A1": "x"})
    stale = http.patch(url, json={"name": "Nytt.xlsx"}, headers={"If-Match": etag})
    assert (stale.status_code, stale.json()["error"]["code"]) == (412, "resourceModified")


def test_a_locked_workbook_can_be_read_but_not_written(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook()
    graph.lock_in_desktop(book)
    root = f"{graph.base_url}{_root(graph, book)}/workbook"
    assert http.get(f"{root}/worksheets").status_code == 200
    session = http.post(f"{root}/createSession", json={"persistChanges": True})
    assert session.json()["error"]["innerError"]["code"] == "invalidSessionAccessConflict"
    write = http.patch(f"{root}/worksheets/Ark1/range(address='A1')", json={"values": "x"})
    assert (write.status_code, write.json()["error"]["innerError"]["code"]) == (
        409,
        "accessConflict",
    )


def test_throttling_answers_429_with_retry_after(
    graph: GraphEmulator, http: requests.Session
) -> None:
    graph.throttle(limit=2, retry_after=9)
    statuses = [http.get(f"{graph.base_url}/me") for _ in range(3)]
    assert [a.status_code for a in statuses] == [200, 200, 429]
    assert statuses[2].headers["Retry-After"] == "9"


def test_the_sign_in_endpoints_are_served_over_https_with_the_test_ca(
    graph: GraphEmulator, tmp_path: Path
) -> None:
    ca = graph.write_ca(tmp_path / "ca.pem")
    session = requests.Session()
    session.trust_env = False
    config = session.get(
        f"{graph.authority}/v2.0/.well-known/openid-configuration", verify=str(ca)
    ).json()
    assert config["device_authorization_endpoint"] == (
        f"{graph.authority_host}/{TENANT_ID}/oauth2/v2.0/devicecode"
    )
    discovery = session.get(
        f"{graph.authority_host}/common/discovery/instance",
        params={"authorization_endpoint": f"{graph.authority}/oauth2/v2.0/authorize"},
        verify=str(ca),
    ).json()
    assert discovery["tenant_discovery_endpoint"] == (
        f"{graph.authority}/v2.0/.well-known/openid-configuration"
    )


def test_one_name_is_found_in_any_case_and_a_missing_one_is_404(
    graph: GraphEmulator, http: requests.Session
) -> None:
    book = graph.create_workbook("Plan.xlsx")
    names = f"{graph.base_url}{_root(graph, book)}/workbook/names"
    added = http.post(f"{names}/add", json={"name": "Planlogg_x", "reference": "=Ark1!$A$1"})
    assert added.status_code == 200
    found = http.get(f"{names}/PLANLOGG_X")
    assert (found.status_code, found.json()["value"]) == (200, "Ark1!$A$1")
    missing = http.get(f"{names}/Planlogg_x_2")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "itemNotFound")
