"""The API answers people in the målform of the request: field messages, 404s, 409s, results.

JSON keys and codes (`kind`, `status`, field names) stay English; every text a person reads
comes from the `api` catalogue, translated when the answer is built. Each request names its
målform both ways it can be chosen — `speaking` around the call and `?lang=` in the address
(the web's own hook) — so the test holds whichever decides. marshmallow's own English
messages never get through: every schema's every message is checked in both målformer.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from flask.testing import FlaskClient
from marshmallow import fields, validate

import web.audit
import web.schemas.commands
import web.schemas.queries
from domain.application import Planlogg
from domain.errors import ConcurrentEditError
from language import MÅLFORMER, Målform, _, speaking
from language.catalogue import DOMAIN_DIR, LOCALE_DIR, read_area
from language.catalogue import translations as catalogue
from tests.language.words import foreign_words
from tests.web.conftest import KEY
from web.schemas.base import Later, StrictSchema

Auth = Callable[[str], dict[str, str]]


def call(
    client: FlaskClient, målform: Målform, method: str, path: str, **kwargs: Any
) -> tuple[int, dict[str, Any]]:
    separator = "&" if "?" in path else "?"
    with speaking(målform):
        response = client.open(f"{path}{separator}lang={målform}", method=method, **kwargs)
    return response.status_code, response.json


def texts(value: Any) -> Iterator[str]:
    """Every message in an `error.fields` value (the keys are field names: code)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for inner in value.values():
            yield from texts(inner)
    elif isinstance(value, list):
        for inner in value:
            yield from texts(inner)


def schema_title(målform: Målform) -> str:
    """The 422's own sentence, from the web's catalogue (the pages' area)."""
    with speaking(målform):
        return _("Noen felt har ugyldige verdier.")


BAD_MEASURE = {
    "number": "",
    "text": 5,
    "responsible": [1],
    "marks": {"neste år": "x"},
    "see_also": "1.2.1",
    "ukjent": 1,
}
FIELD_MESSAGES: dict[Målform, dict[str, Any]] = {
    "nb": {
        "number": ["Må være mellom 1 og 40 tegn."],
        "text": ["Må være tekst."],
        "responsible": {"0": ["Må være tekst."]},
        "marks": {"neste år": {"key": ["Årstall må skrives med fire sifre."]}},
        "see_also": ["Må være en liste."],
        "ukjent": ["Ukjent felt."],
    },
    "nn": {
        "number": ["Må vere mellom 1 og 40 teikn."],
        "text": ["Må vere tekst."],
        "responsible": {"0": ["Må vere tekst."]},
        "marks": {"neste år": {"key": ["Årstal må skrivast med fire siffer."]}},
        "see_also": ["Må vere ei liste."],
        "ukjent": ["Ukjend felt."],
    },
}


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_a_bad_field_is_422_with_each_fields_message_in_the_målform(
    client: FlaskClient, auth: Auth, målform: Målform
) -> None:
    status, body = call(
        client, målform, "POST", f"/api/plans/{KEY}/measures", json=BAD_MEASURE,
        headers=auth("editor"),
    )  # fmt: skip

    assert status == 422
    assert body["error"]["kind"] == "validation"
    assert body["error"]["message"] == schema_title(målform)
    assert body["error"]["fields"] == FIELD_MESSAGES[målform]
    for message in texts(body["error"]["fields"]):
        assert foreign_words(message, målform) == [], message


def test_one_app_answers_each_request_in_its_own_målform(client: FlaskClient, auth: Auth) -> None:
    """The schemas are made once per målform and kept: neither answer leaks into the other."""
    for målform in ("nb", "nn", "nb", "nn"):
        status, body = call(
            client, målform, "POST", f"/api/plans/{KEY}/measures", json=BAD_MEASURE,
            headers=auth("editor"),
        )  # fmt: skip
        assert status == 422
        assert body["error"]["fields"] == FIELD_MESSAGES[målform]


MARSHMALLOWS_OWN: list[tuple[str, str, Any, dict[Målform, dict[str, Any]]]] = [
    (
        "POST",
        f"/api/plans/{KEY}/measures/1.3.1/tags",
        {"patient_groups": ["alle"], "topics": [99]},
        {
            "nb": {
                "patient_groups": {
                    "0": ["Må være en av: barn_og_unge, psykisk_rus, skropelege_eldre, kroniske."]
                },
                "topics": {"0": ["Må være en av: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13."]},
            },
            "nn": {
                "patient_groups": {
                    "0": ["Må vere ein av: barn_og_unge, psykisk_rus, skropelege_eldre, kroniske."]
                },
                "topics": {"0": ["Må vere ein av: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13."]},
            },
        },
    ),
    (
        "POST",
        f"/api/plans/{KEY}/measures/1.3.1/text",
        {"text": None, "expected_revision": 10_000_000},
        {
            "nb": {
                "text": ["Feltet må ha en verdi."],
                "expected_revision": ["Må være et heltall fra 1 til 1000000."],
            },
            "nn": {
                "text": ["Feltet må ha ein verdi."],
                "expected_revision": ["Må vere eit heiltal frå 1 til 1000000."],
            },
        },
    ),
    (
        "POST",
        f"/api/plans/{KEY}/measures/1.3.1/text",
        {},
        {"nb": {"text": ["Feltet må fylles ut."]}, "nn": {"text": ["Feltet må fyllast ut."]}},
    ),
    (
        "POST",
        f"/api/plans/{KEY}/hearing/responses/F1/answer",
        {"text": "Svar", "replace": "kanskje"},
        {
            "nb": {"replace": ["Må være sann eller usann."]},
            "nn": {"replace": ["Må vere sann eller usann."]},
        },
    ),
    (
        "POST",
        f"/api/plans/{KEY}/measures/1.3.1/text",
        ["tekst"],
        {
            "nb": {"_schema": ["Forventet et JSON-objekt."]},
            "nn": {"_schema": ["Venta eit JSON-objekt."]},
        },
    ),
    (
        "GET",
        "/api/history?limit=mange&source=epost",
        None,
        {
            "nb": {"limit": ["Må være et heltall."], "source": ["Ukjent kilde."]},
            "nn": {"limit": ["Må vere eit heiltal."], "source": ["Ukjend kjelde."]},
        },
    ),
    (
        "GET",
        "/api/history?after=12",
        None,
        {
            "nb": {"after": ["Må være sidemerket fra forrige side, f.eks. 1234.2."]},
            "nn": {"after": ["Må vere sidemerket frå førre side, t.d. 1234.2."]},
        },
    ),
    (
        "GET",
        "/api/history?after=12.1&offset=100",
        None,
        {
            "nb": {"after": ["Bruk enten after eller offset, ikke begge."]},
            "nn": {"after": ["Bruk anten after eller offset, ikkje begge."]},
        },
    ),
]


@pytest.mark.parametrize("målform", MÅLFORMER)
@pytest.mark.parametrize(("method", "path", "sent", "expected"), MARSHMALLOWS_OWN)
def test_marshmallows_own_messages_are_replaced_by_the_catalogues(
    client: FlaskClient,
    auth: Auth,
    målform: Målform,
    method: str,
    path: str,
    sent: Any,
    expected: dict[Målform, dict[str, Any]],
) -> None:
    role = "auditor" if method == "GET" else "editor"
    extra = {"json": sent} if sent is not None else {}
    status, body = call(client, målform, method, path, headers=auth(role), **extra)

    assert status == 422, body
    assert body["error"]["fields"] == expected[målform]
    for message in texts(body["error"]["fields"]):
        assert foreign_words(message, målform) == [], message


NOT_FOUND: list[tuple[str, str, dict[Målform, str]]] = [
    (
        f"/api/plans/{KEY}/measures/9.9.9/timeline",
        "auditor",
        {
            "nb": f"Fant ikke tiltak 9.9.9 i planen {KEY}.",
            "nn": f"Fann ikkje tiltak 9.9.9 i planen {KEY}.",
        },
    ),
    (
        f"/api/plans/{KEY}/draft/measures/9.9.9",
        "auditor",
        {
            "nb": f"Fant ikke tiltak 9.9.9 i planen {KEY}.",
            "nn": f"Fann ikkje tiltak 9.9.9 i planen {KEY}.",
        },
    ),
    (
        "/api/plans/ingen-slik/versions",
        "auditor",
        {
            "nb": 'Fant ingen vedtatt plan med nøkkelen "ingen-slik".',
            "nn": 'Fann ingen vedteken plan med nøkkelen "ingen-slik".',
        },
    ),
    (
        "/api/communities/ingen-slik/bodies",
        "auditor",
        {
            "nb": 'Fant ikke helsefellesskapet "ingen-slik".',
            "nn": 'Fann ikkje helsefellesskapet "ingen-slik".',
        },
    ),
    (
        "/api/plans/ingen-slik/history",
        "auditor",
        {
            "nb": 'Fant ingen plan med nøkkelen "ingen-slik".',
            "nn": 'Fann ingen plan med nøkkelen "ingen-slik".',
        },
    ),
]


@pytest.mark.parametrize("målform", MÅLFORMER)
@pytest.mark.parametrize(("path", "role", "expected"), NOT_FOUND)
def test_a_404_says_what_was_not_found_in_the_målform(
    client: FlaskClient,
    auth: Auth,
    målform: Målform,
    path: str,
    role: str,
    expected: dict[Målform, str],
) -> None:
    status, body = call(client, målform, "GET", path, headers=auth(role))

    assert status == 404
    assert body["error"] == {"status": 404, "kind": "not_found", "message": expected[målform]}
    assert foreign_words(body["error"]["message"], målform) == []


def the_domains_refusal(app: Planlogg, målform: Målform) -> str:
    """What the plan itself says of an edit at revision 1 of 0.1.2, in `målform`."""
    plan = app.get_plan(KEY)
    with speaking(målform), pytest.raises(ConcurrentEditError) as refused:
        plan.check_revision(app.measure_id(plan, "0.1.2"), 1)
    return refused.value.message


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_a_stale_revision_is_409_with_the_plans_own_message_in_the_målform(
    client: FlaskClient, auth: Auth, demo_app: Planlogg, målform: Målform
) -> None:
    status, body = call(
        client, målform, "POST", f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"}, headers={**auth("editor"), "If-Match": '"1"'},
    )  # fmt: skip

    assert status == 409
    assert body["error"] == {
        "status": 409,
        "kind": "conflict",
        "message": the_domains_refusal(demo_app, målform),
    }
    assert body["error"]["message"].startswith("Tiltak 0.1.2 ")


@pytest.mark.parametrize(
    ("målform", "expected"),
    [
        ("nb", 'If-Match «tre» er ikke et endringsnummer (f.eks. "3").'),
        ("nn", 'If-Match «tre» er ikkje eit endringsnummer (t.d. "3").'),
    ],
)
def test_an_if_match_that_is_no_revision_is_told_in_the_målform(
    client: FlaskClient, auth: Auth, målform: Målform, expected: str
) -> None:
    status, body = call(
        client, målform, "POST", f"/api/plans/{KEY}/measures/0.1.2/text",
        json={"text": "Min versjon"}, headers={**auth("editor"), "If-Match": "tre"},
    )  # fmt: skip

    assert (status, body["error"]["message"]) == (422, expected)
    assert foreign_words(expected, målform) == []


@pytest.mark.parametrize(
    ("målform", "done"),
    [("nb", "Endret teksten i 1.3.1."), ("nn", "Endra teksten i 1.3.1.")],
)
def test_what_a_command_did_is_said_in_the_målform(
    client: FlaskClient, auth: Auth, målform: Målform, done: str
) -> None:
    status, body = call(
        client, målform, "POST", f"/api/plans/{KEY}/measures/1.3.1/text",
        json={"text": "Ny tekst"}, headers=auth("editor"),
    )  # fmt: skip

    assert status == 200
    assert body["done"] == done


@pytest.mark.parametrize(
    ("målform", "bad_json", "not_json"),
    [
        ("nb", "Innholdet er ikke gyldig JSON.", "Send JSON med «Content-Type: application/json»."),
        (
            "nn",
            "Innhaldet er ikkje gyldig JSON.",
            "Send JSON med «Content-Type: application/json».",
        ),
    ],
)
def test_a_body_that_is_not_json_is_told_in_the_målform(
    client: FlaskClient, auth: Auth, målform: Målform, bad_json: str, not_json: str
) -> None:
    url = f"/api/plans/{KEY}/measures/1.3.1/text"
    broken = call(
        client, målform, "POST", url, data="{ikke json", content_type="application/json",
        headers=auth("editor"),
    )  # fmt: skip
    form = call(client, målform, "POST", url, data={"text": "x"}, headers=auth("editor"))

    assert (broken[0], broken[1]["error"]["message"]) == (400, bad_json)
    assert (form[0], form[1]["error"]["message"]) == (415, not_json)


# --- every message of every schema, and every message of the area --------------------------


def strict_schemas() -> list[type[StrictSchema]]:
    found: list[type[StrictSchema]] = []
    for module in (web.schemas.commands, web.schemas.queries, web.audit):
        for _name, kind in inspect.getmembers(module, inspect.isclass):
            if issubclass(kind, StrictSchema) and kind not in found:
                found.append(kind)
    return found


def all_fields(field: fields.Field[Any]) -> Iterator[fields.Field[Any]]:
    yield field
    for inner in (
        getattr(field, "inner", None),
        getattr(field, "key_field", None),
        getattr(field, "value_field", None),
    ):
        if isinstance(inner, fields.Field):
            yield from all_fields(inner)


FILLED = {"input": "x", "min": 1, "max": 9, "choices": "a, b", "labels": "", "regex": "^$"}


def test_the_schemas_are_found() -> None:
    names = {kind.__name__ for kind in strict_schemas()}
    assert {"NewMeasureSchema", "TagsSchema", "HistoryQuerySchema", "AsOfDaySchema"} <= names


@pytest.mark.parametrize("målform", MÅLFORMER)
@pytest.mark.parametrize("kind", strict_schemas(), ids=lambda kind: kind.__name__)
def test_every_message_of_every_schema_is_norwegian(
    kind: type[StrictSchema], målform: Målform
) -> None:
    with speaking(målform):
        schema = kind()
        shown = list(schema.error_messages.values())
        for top in schema.fields.values():
            for field in all_fields(top):
                for message in field.error_messages.values():
                    assert isinstance(message, Later), (field, message)
                    shown.append(message.format(**FILLED))
                for validator in field.validators:
                    if isinstance(validator, validate.Validator):
                        error = validator.error  # type: ignore[attr-defined]
                        assert isinstance(error, Later), (field, validator)
                        shown.append(error.format(**FILLED))
    for message in shown:
        assert foreign_words(message, målform) == [], message
        assert "{" not in message and "%(" not in message, message


class Filled(dict[str, object]):
    """Any placeholder, filled with a neutral number."""

    def __missing__(self, key: str) -> object:
        return 7


def area_messages(area: str) -> list[str]:
    """The keys of an area's catalogue file (its plural entries are none here)."""
    path = LOCALE_DIR / "nb" / DOMAIN_DIR / f"{area}.po"
    return [message.id for message in read_area(path) if isinstance(message.id, str) and message.id]


CODES = re.compile(
    r"\b(?:adopted|current|as_of|partnerskapsmote|marks|note|error\.fields|area|goal|true)\b"
)
"""JSON values and keys the API documents by name (they stay as they are in either målform)."""


@pytest.mark.parametrize("målform", MÅLFORMER)
def test_every_message_of_the_api_is_in_one_målform(målform: Målform) -> None:
    """Error messages, results and the OpenAPI document's summaries and descriptions."""
    keys = area_messages("api")
    assert len(keys) > 200
    for key in keys:
        text = catalogue(målform).gettext(key) % Filled()
        assert foreign_words(CODES.sub("", text), målform) == [], text


@pytest.mark.parametrize(
    ("målform", "summary", "tag", "not_found"),
    [
        ("nb", "Legg til et tiltak", "Tiltak", "Fant ikke planen, versjonen eller tiltaket."),
        ("nn", "Legg til eit tiltak", "Tiltak", "Fann ikkje planen, versjonen eller tiltaket."),
    ],
)
def test_the_api_document_is_in_the_målform_of_the_request(
    client: FlaskClient, målform: Målform, summary: str, tag: str, not_found: str
) -> None:
    status, spec = call(client, målform, "GET", "/api/openapi.json")

    assert status == 200
    adding = spec["paths"]["/api/plans/{key}/measures"]["post"]
    assert (adding["summary"], adding["tags"], adding["responses"]["404"]["description"]) == (
        summary,
        [tag],
        not_found,
    )
    reason = spec["components"]["schemas"]["Command"]["properties"]["reason"]["description"]
    assert (
        reason == {"nb": "Hvorfor endringen gjøres.", "nn": "Kvifor endringa blir gjord."}[målform]
    )
