"""Signing Planlogg's service user in to Microsoft 365 (Entra ID) with MSAL.

Delegated permissions only: Graph does not support application permissions for workbook
sessions and ranges, so Planlogg acts as a dedicated service user who signs in once with the
device-code flow (`planlogg sync login --excel-online`). MSAL's token cache is kept on disk,
readable by its owner only (0600), and tokens are refreshed silently from then on. A running
sync reads the file again when another process wrote it, so signing in again while `serve`
runs takes effect at once; Entra failing for a moment (a 5xx, `temporarily_unavailable`) is
said to be that, not a lost sign-in.

Settings (environment):

    PLANLOGG_GRAPH_TENANT       the Entra tenant (ID or domain)
    PLANLOGG_GRAPH_CLIENT_ID    the app registration's client ID
    PLANLOGG_GRAPH_AUTHORITY    sign-in host (default https://login.microsoftonline.com)
    PLANLOGG_GRAPH_URL          Graph root (default https://graph.microsoft.com/v1.0)
    PLANLOGG_GRAPH_SCOPES       delegated scopes (default Files.ReadWrite)
    PLANLOGG_GRAPH_TOKEN_CACHE  the token cache file (default in the data folder)

MSAL asks login.microsoftonline.com about authorities it does not know ("instance
discovery"); Planlogg turns that off for any other host, so a test authority on loopback
never makes MSAL call Microsoft.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import msal
import requests
from msal.exceptions import MsalServiceError

from domain.errors import ValidationError
from domain.persistence import data_dir
from language import N_, _
from sync.backend import BackendError
from sync.excel_online import GRAPH_URL

PUBLIC_AUTHORITY = "https://login.microsoftonline.com"
DEFAULT_SCOPES = ("Files.ReadWrite",)


class SignInRequired(ValidationError):
    """No usable sign-in: run `planlogg sync login --excel-online` again."""


@dataclass(frozen=True)
class GraphSettings:
    tenant: str
    client_id: str
    cache_path: Path
    authority_host: str = PUBLIC_AUTHORITY
    graph_url: str = GRAPH_URL
    scopes: tuple[str, ...] = DEFAULT_SCOPES

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> GraphSettings:
        env = os.environ if environ is None else environ
        tenant = env.get("PLANLOGG_GRAPH_TENANT", "").strip()
        client_id = env.get("PLANLOGG_GRAPH_CLIENT_ID", "").strip()
        if not tenant or not client_id:
            raise ValidationError(
                _(
                    "Excel Online krever PLANLOGG_GRAPH_TENANT og PLANLOGG_GRAPH_CLIENT_ID (fra "
                    "app-registreringen i Entra ID)."
                )
            )
        cache = env.get("PLANLOGG_GRAPH_TOKEN_CACHE", "").strip()
        scopes = tuple(env.get("PLANLOGG_GRAPH_SCOPES", "").split()) or DEFAULT_SCOPES
        return cls(
            tenant=tenant,
            client_id=client_id,
            cache_path=Path(cache) if cache else data_dir(dict(env)) / "microsoft-token.json",
            authority_host=env.get("PLANLOGG_GRAPH_AUTHORITY", "").strip() or PUBLIC_AUTHORITY,
            graph_url=env.get("PLANLOGG_GRAPH_URL", "").strip() or GRAPH_URL,
            scopes=scopes,
        )

    @property
    def authority(self) -> str:
        return f"{self.authority_host.rstrip('/')}/{self.tenant}"


class MicrosoftSignIn:
    """The service user's MSAL public client and its token cache file."""

    def __init__(self, settings: GraphSettings) -> None:
        self.settings = settings
        self.cache = msal.SerializableTokenCache()
        self._cache_seen: tuple[int, int, int] | None = None
        self._reload()
        self._app: msal.PublicClientApplication | None = None

    @property
    def app(self) -> msal.PublicClientApplication:
        """MSAL's client, made on first use (`_public_client`). Making it asks the sign-in
        host about the tenant, so the host not answering is told by the one who asked, in
        its own words: `login` says to try again, `token` that the next round will."""
        if self._app is None:
            self._app = _public_client(self.settings, self.cache)
        return self._app

    def login(self, show: Callable[[str, str], None]) -> str:
        """Device-code sign-in: `show(url, code)` tells the person where to go; returns who
        signed in. The sign-in host not answering is a message, not requests' traceback."""
        try:
            return self._login(show)
        except _HOST_FAILED as error:
            raise BackendError(
                _(
                    "Fikk ikke kontakt med Microsoft-innloggingen på %(host)s (%(fault)s). "
                    "Prøv igjen om litt.",
                    host=self.settings.authority_host,
                    fault=_fault(error),
                )
            ) from None

    def _login(self, show: Callable[[str, str], None]) -> str:
        flow = self.app.initiate_device_flow(scopes=list(self.settings.scopes))
        if "user_code" not in flow:
            raise ValidationError(
                _(
                    "Microsoft avviste innloggingen: %(reason)s",
                    reason=flow.get("error_description") or flow,
                )
            )
        show(flow["verification_uri"], flow["user_code"])
        result = self.app.acquire_token_by_device_flow(flow)
        if "access_token" not in result:
            raise ValidationError(
                _(
                    "Innloggingen mislyktes: %(error)s: %(reason)s",
                    error=result.get("error"),
                    reason=result.get("error_description"),
                )
            )
        self._save()
        claims = result.get("id_token_claims") or {}
        return str(claims.get("preferred_username") or claims.get("name") or "")

    def token(self, fresh: bool = False) -> str:
        """An access token for Graph, from the cache or refreshed silently.

        The cache file is read again when another process wrote it (`sync login` while
        `serve` runs): a sign-in made after this one failed is used at once."""
        self._reload()
        try:
            app = self.app
        except _HOST_FAILED as error:
            raise _briefly_down(_fault(error)) from None
        accounts = app.get_accounts()
        if not accounts:
            raise SignInRequired(_(_SIGN_IN_AGAIN))
        try:
            result = app.acquire_token_silent_with_error(
                list(self.settings.scopes), account=accounts[0], force_refresh=fresh
            )
        except MsalServiceError as error:  # MSAL raises on a 5xx answer
            raise _briefly_down(_fault(error)) from None
        if result and "access_token" in result:
            self._save()
            return str(result["access_token"])
        failure = str((result or {}).get("error") or "")
        if failure in _PASSING_ERRORS:
            raise _briefly_down(failure)
        raise SignInRequired(_(_SIGN_IN_AGAIN))

    def _reload(self) -> None:
        """Read the cache file if it changed since it was last read or written here."""
        seen = _version(self.settings.cache_path)
        if seen is not None and seen != self._cache_seen:
            self.cache.deserialize(self.settings.cache_path.read_text(encoding="utf-8"))
            self._cache_seen = seen

    def _save(self) -> None:
        if self.cache.has_state_changed:
            write_private(self.settings.cache_path, self.cache.serialize())
            self.cache.has_state_changed = False
            self._cache_seen = _version(self.settings.cache_path)


def _public_client(
    settings: GraphSettings, cache: msal.SerializableTokenCache
) -> msal.PublicClientApplication:
    """MSAL's client for the tenant. MSAL looks the tenant up on the sign-in host as it is
    made, outside every translation: an unknown tenant (MSAL's ValueError, from a 400 or
    404) is refused naming the setting instead of a traceback. The host not
    answering or failing (`_HOST_FAILED`) is left to the caller (`app`)."""
    public = urlsplit(settings.authority_host).hostname == urlsplit(PUBLIC_AUTHORITY).hostname
    try:
        return msal.PublicClientApplication(
            settings.client_id,
            authority=settings.authority,
            token_cache=cache,
            instance_discovery=None if public else False,
        )
    except ValueError as error:
        answered = _lookup_answer(error)
        if answered is not None:
            raise LookupAnswerError(answered) from None
        raise ValidationError(
            _(
                "Microsoft kjenner ikke leieren (tenant) «%(tenant)s» på %(host)s. Sjekk "
                "PLANLOGG_GRAPH_TENANT: leier-ID-en eller domenet fra app-registreringen i "
                "Entra ID.",
                tenant=settings.tenant,
                host=settings.authority_host,
            )
        ) from None


class LookupAnswerError(Exception):
    """The tenant lookup answered, but not about the tenant: Microsoft's rate limit, or a
    page that is not JSON (a proxy's sign-in page). It mends by itself, as a host not
    answering does; `fault` says which, briefly."""

    def __init__(self, fault: str) -> None:
        super().__init__(fault)
        self.fault = fault


_UNKNOWN_TENANT = frozenset({400, 404})
"""What Microsoft answers a tenant lookup for a tenant it does not know (AADSTS90002)."""


def _lookup_answer(error: ValueError) -> str | None:
    """What MSAL's ValueError from the tenant lookup says, when it is not «no such tenant».

    MSAL raises ValueError for every 4xx, and for a 200 that is not JSON, each raised again
    with its own English words: the status is in the first's text, the JSON error is the
    second's context. None: an unknown tenant (or a ValueError MSAL raised otherwise)."""
    for raised in (error, error.__context__):
        if isinstance(raised, json.JSONDecodeError):
            return _("svaret var ikke JSON")
        found = re.search(r"HTTP status: (\d{3})", str(raised or ""))
        if found and int(found[1]) not in _UNKNOWN_TENANT:
            return f"HTTP {found[1]}"
    return None


_HOST_FAILED = (requests.RequestException, MsalServiceError, LookupAnswerError)
"""The sign-in host not answering (requests' errors), answering a 5xx (MSAL's
MsalServiceError «HTTP Error: 503», from its own HTTP client), or answering the tenant
lookup with something else than the tenant (`LookupAnswerError`)."""


def _fault(error: Exception) -> str:
    """What failed, briefly: the HTTP status of a failing answer, else the kind of fault."""
    if isinstance(error, LookupAnswerError):
        return error.fault
    if isinstance(error, MsalServiceError):
        status = re.search(r"\d{3}", str(error))
        return f"HTTP {status[0]}" if status else "HTTP"
    return type(error).__name__


def _version(path: Path) -> tuple[int, int, int] | None:
    """Which version of a file this is (replaced files get a new inode), or None if none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_ino, stat.st_mtime_ns, stat.st_size


_PASSING_ERRORS = frozenset({"temporarily_unavailable", "server_error"})
"""OAuth errors (RFC 6749 §5.2, Entra) that say the sign-in service is briefly down."""


def _briefly_down(error: str) -> BackendError:
    """Entra failing for now is not a lost sign-in: no one needs to sign in again."""
    return BackendError(
        _(
            "Microsoft-innloggingen svarte med en midlertidig feil (%(error)s). Neste "
            "synkronisering prøver igjen; tjenestebrukeren trenger ikke logge inn på nytt.",
            error=error,
        )
    )


_SIGN_IN_AGAIN = N_(
    "Tjenestebrukeren er ikke logget inn i Microsoft 365, eller innloggingen har gått ut. Kjør "
    "«planlogg sync login --excel-online»."
)


def write_private(path: Path, text: str) -> None:
    """Replace `path` with `text`, readable and writable by the owner only (0600), atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".planlogg-", dir=path.parent)
    try:
        os.fchmod(handle, 0o600)
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
