"""Field helpers with Norwegian (bokmål) messages, and the strict base schema."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from marshmallow import ValidationError as SchemaError

from domain.dates import FIRST_YEAR, LAST_YEAR
from domain.text import LONG_TEXT, SHORT_TEXT, describe, unstorable

MAX_TEXT = LONG_TEXT
MAX_SHORT = SHORT_TEXT

_REQUIRED = {
    "required": "Feltet må fylles ut.",
    "null": "Feltet kan ikke være null.",
}


def _printable(value: str) -> None:
    """The domain's one text rule (`domain.text`), told at the door with the field's error."""
    bad = unstorable(value.replace("\r\n", "\n"))
    if bad is not None:
        raise SchemaError(f"Teksten inneholder et tegn som ikke kan lagres: {describe(bad)}.")


def text(*, required: bool = True, max_length: int = MAX_SHORT, **kwargs: Any) -> fields.String:
    """A non-empty text when required; an optional text defaults to ""."""
    length = validate.Length(
        min=1 if required else 0,
        max=max_length,
        error=f"Må være mellom {1 if required else 0} og {max_length} tegn.",
    )
    if not required:
        kwargs.setdefault("load_default", "")
    return fields.String(
        required=required,
        validate=[length, _printable],
        error_messages={**_REQUIRED, "invalid": "Må være tekst."},
        **kwargs,
    )


def long_text(*, required: bool = True, **kwargs: Any) -> fields.String:
    return text(required=required, max_length=MAX_TEXT, **kwargs)


def integer(
    *,
    required: bool = True,
    minimum: int = 0,
    maximum: int = 1_000_000,
    strict: bool = True,
    **kwargs: Any,
) -> fields.Integer:
    """A JSON integer; `strict=False` for query strings, where every value is text."""
    return fields.Integer(
        required=required,
        strict=strict,
        validate=validate.Range(
            min=minimum, max=maximum, error=f"Må være et heltall fra {minimum} til {maximum}."
        ),
        error_messages={**_REQUIRED, "invalid": "Må være et heltall."},
        **kwargs,
    )


def year() -> fields.Integer:
    return integer(minimum=FIRST_YEAR, maximum=LAST_YEAR)


def within_years(value: date) -> None:
    """Dates and times between the domain's first and last year (datetime is a date too)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise SchemaError(f"Må være mellom {FIRST_YEAR}-01-01 og {LAST_YEAR}-12-31.")


def day(*, required: bool = True, **kwargs: Any) -> fields.Date:
    return fields.Date(
        required=required,
        validate=within_years,
        error_messages={**_REQUIRED, "invalid": "Må være en dato (ÅÅÅÅ-MM-DD)."},
        **kwargs,
    )


def text_list(
    *, required: bool = False, min_items: int = 0, max_items: int = 50, **kwargs: Any
) -> fields.List[Any]:
    if not required:
        kwargs.setdefault("load_default", list)
    return fields.List(
        text(),
        required=required,
        validate=validate.Length(
            min=min_items, max=max_items, error=f"Må ha mellom {min_items} og {max_items} verdier."
        ),
        error_messages={**_REQUIRED, "invalid": "Må være en liste."},
        **kwargs,
    )


class StrictSchema(Schema):
    """Unknown fields are an error, so a misspelt field is never silently ignored."""

    class Meta:
        unknown = RAISE

    error_messages = {  # noqa: RUF012 (marshmallow's own class attribute)
        "unknown": "Ukjent felt.",
        "type": "Forventet et JSON-objekt.",
    }


class ErrorBodySchema(Schema):
    status = fields.Integer(required=True)
    kind = fields.String(required=True, metadata={"description": "validation, conflict, rule …"})
    message = fields.String(required=True, metadata={"description": "Norsk feilmelding."})
    field_errors = fields.Dict(
        data_key="fields", metadata={"description": "Feilmeldinger felt for felt."}
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)
