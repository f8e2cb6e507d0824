"""Committee documents to download: the annual report (staff) and the adopted plan (anyone).

- `/planer/<key>/arsrapport/<year>.pdf|.docx`: the year's report, linked from the
  dashboard. It counts status on the adopted version, but it names the bodies that
  did not report and the decisions of the year, so it is for staff (any role).
- `/planer/<key>/vedtatt.pdf|.docx` and `/planer/<key>/versjoner/<n>.pdf|.docx`: the
  adopted plan in force, or an adopted version, linked from the public plan page.
  Adopted versions only, never the draft.

A document is made once per read-model position and day (`web.reading.cached`),
so a busy public page does not lay the same PDF out again for every visitor; it reads no
query parameter, so a made-up one (`?x=1`, `?x=2`, …) is sent the document kept for the
bare address rather than having it laid out again (seconds of a worker's time each).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from urllib.parse import quote

from flask import Blueprint, Response, abort

from domain.dates import check_year
from projections.report_model import Report, visible_name
from web.auth import require
from web.reading import cached, current_plan, read_models
from web.reports import FORMATS, filename, media_type, render
from web.roles import Permission
from web.services import services

bp = Blueprint("report_downloads", __name__)


@bp.get("/planer/<key>/arsrapport/<int:year>.<fmt>")
def annual_report(key: str, year: int, fmt: str) -> Response:
    require(Permission.READ_DRAFT)
    current_plan(key)
    check_year(year)
    return _download(lambda: read_models().annual_report(key, year, services().today()), fmt)


@bp.get("/planer/<key>/vedtatt.<fmt>")
def adopted_in_force(key: str, fmt: str) -> Response:
    return _download(lambda: read_models().adopted_plan_report(key, None, services().today()), fmt)


@bp.get("/planer/<key>/versjoner/<int:version>.<fmt>")
def adopted_version(key: str, version: int, fmt: str) -> Response:
    return _download(
        lambda: read_models().adopted_plan_report(key, version, services().today()), fmt
    )


def _download(build: Callable[[], Report], fmt: str) -> Response:
    wanted = fmt.lower()
    if wanted not in FORMATS:
        abort(404)

    def make() -> tuple[str, bytes]:
        report = build()
        return filename(report, wanted), render(report, wanted)

    name, data = cached(make, reads=())
    return Response(
        data,
        mimetype=media_type(wanted),
        headers={"Content-Disposition": attachment(name)},
    )


_NORWEGIAN = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})
_UNSAFE = re.compile(r'["\\]')


def attachment(name: str) -> str:
    """The Content-Disposition of a file named after a plan key, which may hold æ, ø, å, an
    en dash or a quote: a header travels as latin-1, so such a name made the download fail.

    A plain name as it is; any other in UTF-8 (RFC 6266, which browsers read) and in ASCII
    for the rest: æ, ø, å spelled out, other letters outside ASCII a hyphen. Invisible
    formatting characters are left out (`visible_name`), as `planlogg report` leaves them out.
    """
    name = visible_name(name)
    if name.isascii() and not _UNSAFE.search(name):
        return f'attachment; filename="{name}"'
    spelled = unicodedata.normalize("NFKD", name.translate(_NORWEGIAN))
    plain = "".join(c if c.isascii() else "-" for c in spelled if not unicodedata.combining(c))
    return (
        f'attachment; filename="{_UNSAFE.sub("_", plain)}"; '
        f"filename*=UTF-8''{quote(name, safe='')}"
    )
