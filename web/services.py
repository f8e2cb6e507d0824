"""What the web app works with, kept per app in `app.extensions["planlogg"]`.

Views reach the application, the read models and the token store through
`services()`, never through module globals, so several apps (tests, several
workers) can live in one process.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from flask import current_app

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from domain.sheet_place import SheetPlace
from language import current
from notify.mail import Mailer
from web.kept_answers import KeptAnswers
from web.read_cache import MAX_PLAN_PAGES, ReadCache
from web.tokens import TokenStore


class SyncStatus(Protocol):
    """What /healthz shows about the sheet sync (the sync loop fulfils it)."""

    def status(self) -> dict[str, Any]: ...


@dataclass
class Services:
    app: Planlogg
    read_models: Any
    tokens: TokenStore
    today: Callable[[], date] = oslo_today
    sync: SyncStatus | None = None
    background: dict[str, Any] = field(default_factory=dict)
    read_cache: ReadCache = field(default_factory=ReadCache)
    plan_pages: ReadCache = field(default_factory=lambda: ReadCache(MAX_PLAN_PAGES))
    """Plan pages kept cut at their rows, by address, day and målform (`web.public`)."""
    kept: KeptAnswers = field(default_factory=KeptAnswers)
    """The answers about one plan to make again as soon as the read models move."""
    mailer: Mailer | None = None
    """The mail server reminders are resent through; None when PLANLOGG_SMTP_URL is not set."""
    public_url: str = ""
    """Planlogg's public address, for the link in a reminder."""
    sheet_place: Callable[[str], SheetPlace | None] = field(default=lambda key: None)
    """The spreadsheet a plan (by key) is synced with, as a reminder and the dashboard name
    it (`sync.place.synced_place`, given by `planlogg serve`); None where none is."""
    position_beside_tokens: bool = False
    """The token store and the read models are in one database (both opened from its address):
    an API request's token check reads the read models' position too (`web.reading`)."""
    schemas: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    """The API's schemas, made once per kind and målform (making one binds every field and
    words its own messages: a third of a cached answer's time when done per request)."""

    def schema(self, kind: type[Any], many: bool = False) -> Any:
        """The one instance of a marshmallow schema for the målform spoken now."""
        key = (kind, many, current())
        found = self.schemas.get(key)
        if found is None:
            found = self.schemas.setdefault(key, kind(many=many))
        return found


def services() -> Services:
    found: Services = current_app.extensions["planlogg"]
    return found
