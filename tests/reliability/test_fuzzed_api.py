"""Nasty input into every text field of the measure commands, over the JSON API.

Every answer must be a clear one (2xx, or 4xx with field-by-field messages),
never a crash; what is accepted must be stored as exactly what it means (read
back from the draft measure), a colour that means nothing must be refused; and
nothing a user typed may ever reach a page unescaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from hypothesis import HealthCheck, example, given, settings

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from tests.reliability.fuzz_oracles import colour_words, expected_colour, typed
from tests.reliability.nasty import nasty_text
from tests.web.conftest import caught_up
from tests.web.test_audit_pages import log_in
from web import create_app
from web.tokens import InMemoryTokenStore, Role, create_token

MEASURE = "1.3.1"
CLEAR_ANSWERS = {200, 201, 409, 422}

STORED: dict[str, Callable[[dict[str, Any]], Any]] = {
    "text": lambda m: m["text"],
    "responsible": lambda m: m["responsible"],
    "year mark": lambda m: m["marks"].get("2023", ""),
    "timeframe note": lambda m: m["timeframe_note"],
    "status colour": lambda m: m["status"]["colour"],
    "status comment": lambda m: m["status"]["comment"],
    "smart indicator": lambda m: m["smart"]["indicator"],
    "see also": lambda m: m["see_also"],
}
"""Where an accepted value shows in the draft measure (reason and decision go to the log)."""

EXPECTED: dict[str, Callable[[str], Any]] = {
    "text": lambda v: typed(v),
    "responsible": lambda v: [typed(v)] if typed(v) else [],
    "year mark": lambda v: typed(v),
    "timeframe note": lambda v: typed(v),
    "status colour": lambda v: colour.value if (colour := expected_colour(v)) else None,
    "status comment": lambda v: typed(v),
    "smart indicator": lambda v: typed(v),
    "see also": lambda v: [v],
}
"""What an accepted value must be stored as; None: it must be refused (422)."""

FIELDS: dict[str, Callable[[str], tuple[str, dict[str, Any]]]] = {
    "text": lambda v: ("text", {"text": v}),
    "reason": lambda v: ("text", {"text": "Ny tekst", "reason": v}),
    "decision": lambda v: ("text", {"text": "Ny tekst", "decision": v}),
    "responsible": lambda v: ("responsible", {"bodies": [v]}),
    "year mark": lambda v: ("timeframe", {"marks": {"2023": v}}),
    "timeframe note": lambda v: ("timeframe", {"marks": {}, "note": v}),
    "status colour": lambda v: ("status", {"colour": v}),
    "status comment": lambda v: ("status", {"colour": "gul", "comment": v}),
    "smart indicator": lambda v: ("smart", {"indicator": v}),
    "see also": lambda v: ("links", {"see_also": [v], "references": []}),
}

PLAIN = {
    "text": "Ny ordlyd for tiltaket",
    "reason": "Retta etter møtet i fagrådet",
    "decision": "ASU sak 40/24",
    "responsible": "Fagråd for legesamarbeid",
    "year mark": "x",
    "timeframe note": "Startar hausten",
    "status colour": "grønn",
    "status comment": "I rute",
    "smart indicator": "Del av pasientar med plan",
    "see also": "1.1.1",
}
"""Per field, an ordinary value that must be accepted (200): a field refusing everything fails.
The decision is one the demo has registered (an unregistered one is refused with 409)."""


@pytest.fixture(scope="module")
def site() -> tuple[FlaskClient, dict[str, str]]:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    tokens = InMemoryTokenStore()
    web: Flask = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "fuzz", "TESTING": True},
        app=app,
        tokens=tokens,
    )
    caught_up(web)
    secret, _ = create_token(tokens, "Fuzz Redaktør", Role.EDITOR)
    auditor, _ = create_token(tokens, "Fuzz Revisor", Role.AUDITOR)
    client = web.test_client()
    log_in(client, auditor)
    return client, {"Authorization": f"Bearer {secret}"}


@pytest.mark.slow
@pytest.mark.parametrize("field", FIELDS)
def test_every_api_field_answers_clearly_and_never_executes_input(
    field: str,
    site: tuple[FlaskClient, dict[str, str]],
    record_property: Callable[[str, object], None],
) -> None:
    client, headers = site
    answers: list[int] = []
    first_answer: dict[str, int] = {}

    @settings(
        max_examples=15,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                               HealthCheck.function_scoped_fixture],
    )  # fmt: skip
    @given(value=colour_words() if field == "status colour" else nasty_text())
    @example(value="<script>alert(1)</script>")
    def send(value: str) -> None:
        command, body = FIELDS[field](value)
        response = client.post(
            f"/api/plans/{DEMO_PLAN}/measures/{MEASURE}/{command}", json=body, headers=headers
        )
        answers.append(response.status_code)
        first_answer.setdefault(value, response.status_code)
        assert response.status_code in CLEAR_ANSWERS, response.get_data(as_text=True)[:300]
        assert response.is_json
        expected = EXPECTED[field](value) if field in EXPECTED else ""
        if response.status_code == 422:
            assert response.json["error"]["message"].strip(), "a refusal must say what is wrong"
            return
        if response.status_code != 200:
            return
        assert expected is not None, f"{field}: {value[:60]!r} means nothing but was accepted"
        if field in STORED:
            draft = client.get(
                f"/api/plans/{DEMO_PLAN}/draft/measures/{MEASURE}", headers=headers
            ).json
            assert STORED[field](draft) == expected, f"{field}: {value[:60]!r} stored otherwise"

    send = example(value=PLAIN[field])(send)
    send()
    record_property("inputs", len(answers))
    assert first_answer.get(PLAIN[field]) == 200, f"{field}: an ordinary value was not accepted"
    history = client.get(f"/revisjon/?plan={DEMO_PLAN}&measure={MEASURE}&limit=200")
    assert history.status_code == 200
    shown = history.get_data(as_text=True)
    if field == "text":
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in shown, "the typed text is shown, escaped"
    for page in (shown, client.get("/").get_data(as_text=True)):
        assert "<script>" not in page
        assert "<img src=x" not in page
