"""The OpenAPI document describes the real routes, and the API keeps to it (schemathesis)."""

from __future__ import annotations

import schemathesis
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, given, settings
from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from tests.web.conftest import KEY, caught_up
from web import create_app
from web.tokens import InMemoryTokenStore


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
    assert len(operations) == 59
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


def assert_documented(spec: dict, status: str, method: str, path: str, answer: dict) -> None:
    """`answer` is what the document says `method path` answers with `status`."""
    content = spec["paths"][path][method]["responses"][status]["content"]["application/json"]
    registry = Registry().with_resource(
        "urn:planlogg", Resource.from_contents(spec, default_specification=DRAFT4)
    )
    schema = {"$ref": "urn:planlogg" + content["schema"]["$ref"]}
    Draft4Validator(schema, registry=registry).validate(answer)


def test_every_operation_documents_the_429_a_busy_client_gets(
    client: FlaskClient, demo_app, clear_of_a_minute_boundary: None
) -> None:
    """The API budget (`PLANLOGG_RATELIMIT_API`) holds for every operation, public or not."""
    limited = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "k", "TESTING": True,
         "PLANLOGG_RATELIMIT_API": "2 per minute"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(limited)
    spec = client.get("/api/openapi.json").json
    operations = [(m, p) for p, item in spec["paths"].items() for m in item]
    assert len(operations) == 59
    assert [(m, p) for m, p in operations if "429" not in spec["paths"][p][m]["responses"]] == []
    path = f"/api/plans/{KEY}/adopted"
    busy = limited.test_client()
    answers = [busy.get(path) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert_documented(spec, "429", "get", "/api/plans/{key}/adopted", answers[-1].json)


def test_every_operation_with_a_body_documents_the_413_of_a_body_too_large(
    client: FlaskClient, auth
) -> None:
    spec = client.get("/api/openapi.json").json
    with_body = [(m, p) for p, item in spec["paths"].items() for m, op in item.items()
                 if "requestBody" in op]  # fmt: skip
    assert len(with_body) == 38
    assert [(m, p) for m, p in with_body if "413" not in spec["paths"][p][m]["responses"]] == []
    too_large = client.post(
        f"/api/plans/{KEY}/measures/1.3.1/text",
        data='{"text": "' + "x" * (3 * 1024 * 1024) + '"}',
        headers={**auth("editor"), "Content-Type": "application/json"},
    )
    assert too_large.status_code == 413
    assert_documented(spec, "413", "post", "/api/plans/{key}/measures/{ref}/text", too_large.json)
