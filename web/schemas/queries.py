"""Query strings the read endpoints accept: history filters, dates, version pairs."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from marshmallow import ValidationError as SchemaError
from marshmallow import fields, validate, validates_schema

from domain.provenance import Source
from language import N_, _
from projections.documents import HISTORY_CURSOR
from web.schemas import base as f
from web.schemas.base import StrictSchema

MAX_PAGE = 500


class HistoryFilterSchema(StrictSchema):
    """The audit history's filters; an empty value means "no filter"."""

    measure = f.text(
        required=False, max_length=40, metadata={"description": N_("Nummer eller ID.")}
    )
    actor = f.text(required=False, max_length=200, metadata={"description": N_("Person.")})
    source = fields.String(
        load_default="",
        validate=validate.OneOf(["", *(s.value for s in Source)], error=N_("Ukjent kilde.")),
        metadata={"description": N_("sheet, web, import, cli eller system")},
    )
    field = f.text(
        required=False, max_length=60, metadata={"description": N_("Feltet som endret seg.")}
    )
    decision = f.text(
        required=False,
        max_length=60,
        metadata={"description": N_('Endringer etter dette vedtaket, f.eks. "SSU sak 11/24".')},
    )
    since = f.day(
        required=False, load_default=None, metadata={"description": N_("Fra og med dato.")}
    )
    until = f.day(
        required=False, load_default=None, metadata={"description": N_("Til og med dato.")}
    )


class DecisionsQuerySchema(StrictSchema):
    plan = f.text(
        required=False,
        max_length=80,
        metadata={
            "description": N_("Plannøkkel: vedtak gjort for planen eller sitert av endringene.")
        },
    )


class HistoryQuerySchema(HistoryFilterSchema):
    """A page of the history: counted off from the start (`offset`) or after the previous
    page's cursor (`after`), never both."""

    offset = f.integer(
        required=False,
        load_default=0,
        maximum=10_000_000,
        strict=False,
        metadata={
            "description": N_(
                "Antall rader å hoppe over fra starten. Kan ikke brukes sammen med after (422)."
            )
        },
    )
    limit = f.integer(required=False, minimum=1, maximum=MAX_PAGE, load_default=100, strict=False)
    after = fields.String(
        load_default="",
        validate=validate.Regexp(
            rf"^({HISTORY_CURSOR})?$",
            error=N_("Må være sidemerket fra forrige side, f.eks. 1234.2."),
        ),
        metadata={
            "description": N_(
                "Sidemerket fra forrige side gir siden etter den. Raskere enn offset i lange "
                "logger. Kan ikke brukes sammen med offset (422)."
            )
        },
    )

    @validates_schema(pass_original=True)
    def _one_way_to_page(
        self, data: dict[str, Any], original_data: dict[str, Any], **kwargs: Any
    ) -> None:
        """Both given is refused, offset=0 too: the offset was given, so the client means
        something by it, and reading only the cursor would pass it by in silence."""
        if data.get("after") and "offset" in original_data:
            raise SchemaError(_("Bruk enten after eller offset, ikke begge."), "after")


class AllHistoryQuerySchema(HistoryQuerySchema):
    plan = f.text(required=False, max_length=80, metadata={"description": N_("Plannøkkel.")})


class ExportQuerySchema(HistoryFilterSchema):
    format = fields.String(
        load_default="csv",
        validate=validate.OneOf(["csv", "json"], error=N_("Velg csv eller json.")),
    )


class MomentOrDay(fields.DateTime):
    """A moment (ISO 8601), or a day without a time, which ISO 8601 allows too: loaded as a
    `date`, which the read models read as the end of that day in Norway
    (`projections.read_models.moment`), as the auditors' page and `planlogg show --as-of`
    read a day. marshmallow's own DateTime would load it as the day's first moment."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> Any:
        if isinstance(value, str) and _DAY.fullmatch(value):
            try:
                return date.fromisoformat(value)
            except ValueError as error:
                raise self.make_error("invalid") from error
        return super()._deserialize(value, attr, data, **kwargs)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class AsOfQuerySchema(StrictSchema):
    at = MomentOrDay(
        required=True,
        validate=f.within_years,
        metadata={
            "description": N_(
                "Tidspunkt (ISO 8601), f.eks. 2024-09-03T12:00:00+02:00; uten tidssone er det "
                "norsk tid. En dato uten klokkeslett (2024-09-03) er slutten av den dagen."
            )
        },
        error_messages={"required": N_("Oppgi tidspunkt."), "invalid": N_("Ugyldig tidspunkt.")},
    )


class DiffQuerySchema(StrictSchema):
    a = f.integer(minimum=1, strict=False, metadata={"description": N_("Eldste vedtatte versjon.")})
    b = f.integer(minimum=1, strict=False, metadata={"description": N_("Nyeste vedtatte versjon.")})


class DashboardQuerySchema(StrictSchema):
    today = f.day(required=False, load_default=None, metadata={"description": N_("Dagens dato.")})
