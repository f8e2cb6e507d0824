"""Field helpers with Norwegian messages from the `api` catalogue, and the strict base schema.

Fields and validators are declared once, at import, but their messages are read per
request: each is marked with `N_` where it is declared and becomes a `Later`, which
marshmallow fills in (`str.format`) at the moment of the error, so the message is
translated then, in the målform the request speaks. marshmallow's own English messages
("Missing data for required field.", "Not a valid integer.", "Unknown field.") never reach
anyone: `StrictSchema` replaces each with a Norwegian one when a schema is made.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from marshmallow import ValidationError as SchemaError

from domain.dates import FIRST_YEAR, LAST_YEAR
from domain.text import LONG_TEXT, SHORT_TEXT, describe, says_nothing, unstorable
from language import N_, _

MAX_TEXT = LONG_TEXT
MAX_SHORT = SHORT_TEXT


class Later(str):
    """A message marked with `N_`, translated when marshmallow fills it in at an error.

    marshmallow formats every field and validator message with `str.format(**values)`
    when it raises (values such as `min`, `max`, `choices`, `input`); here that call
    translates the key in the målform spoken at that moment and fills its `%(name)s`.
    """

    __slots__ = ()

    def format(self, *_args: object, **values: object) -> str:
        return _(str(self), **values)


_REQUIRED = {
    "required": N_("Feltet må fylles ut."),
    "null": N_("Feltet må ha en verdi."),
}

_FIELD_MESSAGES = {
    **_REQUIRED,
    "validator_failed": N_("Ugyldig verdi."),
    "too_large": N_("Tallet er for stort."),
    "invalid_utf8": N_("Teksten er ikke gyldig UTF-8."),
    "invalid_awareness": N_("Tidspunktet må ha tidssone."),
    "format": N_("Verdien kan ikke skrives som dato."),
    "type": N_("Må være et JSON-objekt."),
}
"""Norwegian for marshmallow's own field messages, by their key."""

_INVALID: tuple[tuple[type[fields.Field[Any]], str], ...] = (
    (fields.Boolean, N_("Må være sann eller usann.")),
    (fields.Integer, N_("Må være et heltall.")),
    (fields.Number, N_("Må være et tall.")),
    (fields.Date, N_("Må være en dato (ÅÅÅÅ-MM-DD).")),
    (fields.DateTime, N_("Må være et tidspunkt (ISO 8601).")),
    (fields.String, N_("Må være tekst.")),
    (fields.List, N_("Må være en liste.")),
    (fields.Mapping, N_("Må være et objekt.")),
)
"""Norwegian for marshmallow's own "invalid" message, by the kind of field (first match)."""

_VALIDATORS: tuple[tuple[type[validate.Validator], str], ...] = (
    (validate.OneOf, N_("Må være en av: %(choices)s.")),
    (validate.Regexp, N_("Har ikke riktig form.")),
    (validate.Length, N_("Har feil lengde.")),
    (validate.Range, N_("Er utenfor det som er tillatt.")),
)
"""Norwegian for a validator declared without its own message."""

INVALID_VALUE = N_("Ugyldig verdi.")


def _default_message(field: fields.Field[Any], key: str) -> str:
    if key == "invalid":
        return next((m for kind, m in _INVALID if isinstance(field, kind)), INVALID_VALUE)
    return _FIELD_MESSAGES.get(key, INVALID_VALUE)


def _english(field: fields.Field[Any]) -> set[str]:
    """marshmallow's own messages for this kind of field."""
    found: set[str] = set()
    for kind in type(field).__mro__:
        found.update(str(m) for m in getattr(kind, "default_error_messages", {}).values())
    return found


def norwegian(field: fields.Field[Any]) -> None:
    """Make every message of `field` (and of the fields inside it) a Norwegian `Later`."""
    english = _english(field)
    for key, message in list(field.error_messages.items()):
        if isinstance(message, Later) or not isinstance(message, str):
            continue
        field.error_messages[key] = Later(
            _default_message(field, key) if message in english else message
        )
    for validator in field.validators:
        error = getattr(validator, "error", None)
        if isinstance(validator, validate.Validator) and not isinstance(error, Later):
            own = error if error and error != getattr(validator, "default_message", None) else None
            found = own or next(
                (m for kind, m in _VALIDATORS if isinstance(validator, kind)), INVALID_VALUE
            )
            validator.error = Later(found)
    for inner in (
        getattr(field, "inner", None),
        getattr(field, "key_field", None),
        getattr(field, "value_field", None),
    ):
        if isinstance(inner, fields.Field):
            norwegian(inner)


PLAIN_SPACING = " \t\r\n\u00a0"
"""The spacing `domain.text.checked` trims from what people type."""


def _printable(value: str) -> None:
    """The domain's one text rule (`domain.text`), told at the door with the field's error.

    A text that is there but shows nothing (zero-width spaces, direction marks) is refused
    too: every page would show it blank, and a body of that name could never be typed to
    approve or report for. Plain spacing alone is left to the command, which trims it (an
    optional comment of spaces is simply empty).
    """
    bad = unstorable(value.replace("\r\n", "\n"))
    if bad is not None:
        raise SchemaError(
            _("Teksten inneholder et tegn som ikke kan lagres: %(sign)s.", sign=describe(bad))
        )
    if value.strip(PLAIN_SPACING) and says_nothing(value):
        raise SchemaError(_("Teksten består bare av usynlige tegn."))


def text(*, required: bool = True, max_length: int = MAX_SHORT, **kwargs: Any) -> fields.String:
    """A non-empty text when required; an optional text defaults to ""."""
    length = validate.Length(
        min=1 if required else 0,
        max=max_length,
        error=N_("Må være mellom %(min)s og %(max)s tegn."),
    )
    if not required:
        kwargs.setdefault("load_default", "")
    return fields.String(
        required=required,
        validate=[length, _printable],
        error_messages={**_REQUIRED, "invalid": N_("Må være tekst.")},
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
            min=minimum, max=maximum, error=N_("Må være et heltall fra %(min)s til %(max)s.")
        ),
        error_messages={**_REQUIRED, "invalid": N_("Må være et heltall.")},
        **kwargs,
    )


def year() -> fields.Integer:
    return integer(minimum=FIRST_YEAR, maximum=LAST_YEAR)


def within_years(value: date) -> None:
    """Dates and times between the domain's first and last year (datetime is a date too)."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise SchemaError(
            _(
                "Må være mellom %(first)s-01-01 og %(last)s-12-31.",
                first=FIRST_YEAR,
                last=LAST_YEAR,
            )
        )


def day(*, required: bool = True, **kwargs: Any) -> fields.Date:
    return fields.Date(
        required=required,
        validate=within_years,
        error_messages={**_REQUIRED, "invalid": N_("Må være en dato (ÅÅÅÅ-MM-DD).")},
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
            min=min_items, max=max_items, error=N_("Må ha mellom %(min)s og %(max)s verdier.")
        ),
        error_messages={**_REQUIRED, "invalid": N_("Må være en liste.")},
        **kwargs,
    )


class StrictSchema(Schema):
    """Unknown fields are an error, so a misspelt field is never silently ignored.

    Every message speaks the målform of the moment: the schema's own (an unknown field, a
    body that is not an object) are translated when the schema is made, once per request,
    and its fields' when an error is raised (`norwegian`, `Later`).
    """

    class Meta:
        unknown = RAISE

    error_messages = {  # noqa: RUF012 (marshmallow's own class attribute)
        "unknown": N_("Ukjent felt."),
        "type": N_("Forventet et JSON-objekt."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.error_messages = {key: _(str(text)) for key, text in self.error_messages.items()}

    def on_bind_field(self, field_name: str, field_obj: fields.Field[Any]) -> None:
        norwegian(field_obj)


class ErrorBodySchema(Schema):
    status = fields.Integer(required=True)
    kind = fields.String(
        required=True, metadata={"description": N_("validation, conflict, rule …")}
    )
    message = fields.String(
        required=True, metadata={"description": N_("Feilmeldingen, på bokmål eller nynorsk.")}
    )
    field_errors = fields.Dict(
        data_key="fields", metadata={"description": N_("Feilmeldinger felt for felt.")}
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)
