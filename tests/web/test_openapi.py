"""The OpenAPI document describes the real routes, and the API keeps to it (schemathesis)."""

from __future__ import annotations

import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.conftest import KEY


def test_the_document_lists_the_contract_paths(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    assert spec["openapi"].startswith("3.")
    for path in ("/api/plans", "/api/plans/{key}/adopted", "/api/plans/{key}/history"):
        assert "get" in spec["paths"][path]
    history = spec["paths"]["/api/plans/{key}/history"]["get"]
    names = {p["name"] for p in history["parameters"]}
    assert {"measure", "actor", "source", "field", "since", "until", "offset", "limit"} <= names
    assert history["security"] == [{"bearer": []}]
    body = spec["paths"]["/api/plans/{key}/measures/{ref}/text"]["post"]["requestBody"]
    assert body["content"]["application/json"]["schema"]["$ref"].endswith("/Reword")


def test_public_reads_declare_no_security(client: FlaskClient) -> None:
    spec = client.get("/api/openapi.json").json
    assert "security" not in spec["paths"]["/api/plans/{key}/adopted"]["get"]


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def test_every_operation_keeps_to_the_document(web: Flask, tokens: dict[str, str]) -> None:
    """Each operation with a few generated requests, with the role it needs."""
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", web)
    roles = {"edit": "editor", "approve": "approver", "read_draft": "auditor", "audit": "auditor"}
    operations = list(schema.get_all_operations())
    assert len(operations) == 51
    for result in operations:
        operation = result.ok()
        permission = operation.definition.raw.get("x-permission")
        headers = {"Authorization": f"Bearer {tokens[roles[permission]]}"} if permission else {}
        # Schemathesis's WSGI transport asks for gzip, as `requests` does, but does not
        # decompress; that kept answers decompress to these is test_compression's.
        run_operation(operation, {**headers, "Accept-Encoding": "identity"})


def run_operation(operation, headers: dict[str, str]) -> None:
    @given(case=operation.as_strategy())
    @settings(max_examples=4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:
        path = case.path_parameters or {}
        if "key" in path and len(str(path["key"])) % 2 == 0:
            path["key"] = KEY  # half the examples hit the real plan, half an unknown one
        case.call_and_validate(headers=headers, checks=CHECKS)

    check()
