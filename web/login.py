"""Sign-in through the organisation's identity provider (OpenID Connect, with Authlib).

Microsoft Entra ID, Feide and ID-porten all speak OpenID Connect. Planlogg reads
the provider's settings from `<issuer>/.well-known/openid-configuration` (and
refuses them unless they name the configured issuer), sends the browser there
with a PKCE challenge (S256), a state and a nonce, and on the way back checks
the state against the session, exchanges the code together with the PKCE
verifier, and validates the ID token (signature against the provider's keys,
issuer, audience, expiry and nonce) before a session starts. The provider only
says who someone is; what they may do is given in Planlogg (`domain.people`). An
e-mail address the provider says it has not verified is not kept (`vouched_email`).

Signing out ends the person's Planlogg sessions begun until then, in every tab and
browser (`web.auth.log_out`), and, when the provider advertises an
`end_session_endpoint`, the provider's session too (RP-initiated logout).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import requests
from authlib.integrations.base_client import OAuthError
from authlib.integrations.flask_client import OAuth
from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from joserfc.errors import JoseError
from werkzeug.wrappers import Response

from domain.own_reasons import SIGNED_IN_VIA
from domain.people import normalise_issuer
from domain.provenance import Provenance, Source
from domain.text import cleaned_name
from language import N_, _
from web.auth import (
    PERSON_KEY,
    Caller,
    current_caller,
    is_api_request,
    log_in_person,
    log_out,
    reached_plans,
    session_expired,
)
from web.roles import Permission
from web.security import allow_form_action
from web.services import services

log = logging.getLogger("planlogg.login")
bp = Blueprint("login", __name__)

EXTENSION = "planlogg_identity_provider"
CLIENT_NAME = "oidc"
NEXT_KEY = "login_next"
ID_TOKEN_KEY = "id_token"
REFUSED = N_(
    "Innloggingen ble avvist, og du er ikke logget inn. Prøv igjen; "
    "hjelper ikke det, kontakt den som drifter Planlogg."
)


class IdentityProviderError(Exception):
    """The provider's settings cannot be trusted (they name another issuer)."""


@dataclass(frozen=True)
class IdentityProvider:
    """The configured provider: its issuer, the name on the button, and Authlib's client."""

    issuer: str
    name: str
    client: Any
    redirect_uri: str = ""

    def metadata(self) -> dict[str, Any]:
        """The discovery document (fetched once per process), checked to name our issuer."""
        metadata: dict[str, Any] = self.client.load_server_metadata()
        if normalise_issuer(str(metadata.get("issuer", ""))) != self.issuer:
            raise IdentityProviderError(
                f"Discovery names issuer {metadata.get('issuer')!r}, expected {self.issuer!r}"
            )
        return metadata

    def callback_uri(self) -> str:
        return self.redirect_uri or url_for("login.callback", _external=True)


def init_app(app: Flask) -> None:
    """Offer sign-in through the identity provider when its issuer and client are configured."""
    app.before_request(_allow_provider_sign_out)
    issuer = normalise_issuer(app.config.get("OIDC_ISSUER", ""))
    if not issuer or not app.config.get("OIDC_CLIENT_ID"):
        return
    client = OAuth(app).register(
        CLIENT_NAME,
        client_id=app.config["OIDC_CLIENT_ID"],
        client_secret=app.config.get("OIDC_CLIENT_SECRET") or None,
        server_metadata_url=f"{issuer}/.well-known/openid-configuration",
        client_kwargs={
            "scope": app.config["OIDC_SCOPE"],
            "code_challenge_method": "S256",
            "default_timeout": 10,
        },
    )
    app.extensions[EXTENSION] = IdentityProvider(
        issuer, app.config["OIDC_NAME"], client, app.config.get("OIDC_REDIRECT_URI", "")
    )


def identity_provider() -> IdentityProvider | None:
    found: IdentityProvider | None = current_app.extensions.get(EXTENSION)
    return found


def safe_target(target: str | None) -> str:
    """A path on this site to go to after sign-in, or "" (no open redirect).

    Browsers read a backslash as a slash (`/\\evil.example` goes to `//evil.example`, another
    site) and drop tabs and line breaks, so an address with any of them, or with any other
    character that does not print, is not followed.
    """
    if not target or "\\" in target or not target.isprintable():
        return ""
    try:
        parts = urlsplit(target)
    except ValueError:  # no address at all, e.g. an unclosed IPv6 host: «http://[»
        return ""
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return ""
    return target


def login_page(next_target: str, error: str = "", refused: str = "", status: int = 200) -> Any:
    """The login page: the provider's button when configured, and the token form."""
    provider = identity_provider()
    page = render_template(
        "session/login.html",
        next=next_target,
        error=error,
        refused=refused,
        expired=session_expired(),
        provider_name=provider.name if provider else "",
    )
    return page, status


@bp.get("/logg-inn/oidc")
def start() -> Response:
    provider = _configured()
    session[NEXT_KEY] = safe_target(request.args.get("next"))
    try:
        response: Response = provider.client.authorize_redirect(provider.callback_uri())
    except (requests.RequestException, IdentityProviderError) as error:
        log.warning("Kan ikke nå innloggingstjenesten: %s", error)
        abort(
            503, description=_("Innloggingstjenesten svarer ikke akkurat nå. Prøv igjen om litt.")
        )
    return response


@bp.get("/logg-inn/oidc/retur")
def callback() -> Any:
    provider = _configured()
    target = safe_target(session.pop(NEXT_KEY, ""))
    try:
        token = provider.client.authorize_access_token()
        claims = _checked_claims(provider, token)
    except (OAuthError, JoseError, IdentityProviderError, requests.RequestException) as error:
        log.warning("Innlogging avvist: %r", error)
        return login_page(target, refused=_(REFUSED), status=400)
    name = cleaned_name(str(claims.get("name") or claims.get("preferred_username") or ""), "")
    email = vouched_email(claims)
    actor = name or email or str(claims["sub"])
    person = services().app.record_sign_in(
        provider.issuer,
        str(claims["sub"]),
        email,
        name,
        Provenance(actor, Source.WEB, reason=_(SIGNED_IN_VIA, provider=provider.name)),
    )
    signed_in = log_in_person(person, **{ID_TOKEN_KEY: token["id_token"]})
    if not signed_in.roles:
        return redirect(url_for("people.no_access"))
    return redirect(target or landing_page(signed_in))


@bp.get("/logget-ut")
def signed_out() -> str:
    """Where the provider sends the browser back after signing out there too."""
    provider = identity_provider()
    if provider is not None and request.args.get("state"):
        try:
            provider.client.validate_logout_response()
        except OAuthError as error:
            log.info("Utlogging kom tilbake uten gyldig state: %r", error)
    return render_template("session/signed_out.html")


def sign_out() -> Response:
    """End the person's sessions here, and at the provider when it offers RP-initiated
    logout."""
    provider = identity_provider()
    via_provider = bool(session.get(PERSON_KEY))
    id_token = session.get(ID_TOKEN_KEY)
    log_out()
    if provider is None or not via_provider:
        return redirect(url_for("public.index"))
    try:
        if not provider.metadata().get("end_session_endpoint"):
            return redirect(url_for("login.signed_out"))
        response: Response = provider.client.logout_redirect(
            post_logout_redirect_uri=url_for("login.signed_out", _external=True),
            id_token_hint=id_token,
        )
    except (requests.RequestException, IdentityProviderError) as error:
        log.warning("Kan ikke nå innloggingstjenesten ved utlogging: %s", error)
        return redirect(url_for("login.signed_out"))
    return response


def landing_page(caller: Caller) -> str:
    """Where a person lands without a page in mind: an auditor of every community on the
    history of every plan (what they are there to read), anyone else who reads drafts on
    the dashboard of a plan their roles reach, else what their role reads. A person limited
    to some health communities lands on one of theirs, never on the first plan of all
    (refused them), and one whose communities have no plan yet on the public plans."""
    if caller.can(Permission.AUDIT) and not caller.communities:
        return url_for("audit.history")
    reached = reached_plans(caller) if caller.can(Permission.READ_DRAFT) else []
    if reached:
        return url_for("dashboard.dashboard", key=reached[0]["key"])
    if caller.can(Permission.ADMINISTER):
        return url_for("people.index")
    return url_for("public.index")


def _configured() -> IdentityProvider:
    provider = identity_provider()
    if provider is None:
        abort(404, description=_("Innlogging via en innloggingstjeneste er ikke satt opp."))
    return provider


def vouched_email(claims: dict[str, Any]) -> str:
    """The ID token's e-mail address, or "" when the provider says it has not verified it.

    `planlogg person grant <e-mail>` names whoever holds the address: an address anyone
    can type into their own account at the provider (`email_verified` false) would give
    them the roles meant for its owner, so it is not kept (nor shown), and a person
    signing in with it keeps no address. Only `true` (or the text "true", as some
    providers send it) vouches; any other value, the text "false" among them, does not.

    Without the claim the address is kept: Microsoft Entra ID does not send `email_verified`,
    and its address is the one the organisation's directory gives (the issuer is one
    tenant, not `common`); Feide's comes from the institution's directory too, and
    ID-porten sends no address at all. Dropping every address sent without the claim
    would leave nobody to name by e-mail.
    """
    email = str(claims.get("email") or "")
    verified = claims.get("email_verified")
    if verified is None or verified is True or verified == "true":
        return email
    return ""


def _checked_claims(provider: IdentityProvider, token: dict[str, Any]) -> dict[str, Any]:
    """The ID token's claims, which Authlib has validated; refused unless from our issuer and
    for us.

    Authlib checks the signature, issuer, expiry, nonce and `azp`, but not that `aud` names
    us: it takes a token made for another client as long as its `azp` names us.
    """
    provider.metadata()
    claims: dict[str, Any] | None = token.get("userinfo")
    if not claims or not token.get("id_token"):
        raise IdentityProviderError("The token response holds no ID token")
    if normalise_issuer(str(claims.get("iss", ""))) != provider.issuer or not claims.get("sub"):
        raise IdentityProviderError(f"ID token from issuer {claims.get('iss')!r}")
    if not _names_us(claims.get("aud"), str(provider.client.client_id or "")):
        raise IdentityProviderError(f"ID token for audience {claims.get('aud')!r}")
    return claims


def _names_us(audience: object, client_id: str) -> bool:
    """Whether an ID token's `aud` (one string or a list of them) includes our client ID."""
    audiences = audience if isinstance(audience, list) else [audience]
    return bool(client_id) and client_id in audiences


def _allow_provider_sign_out() -> None:
    """A person's pages carry a sign-out form that leads on to the provider's sign-out page."""
    if is_api_request() or request.path.startswith("/static/") or not session.get(PERSON_KEY):
        return
    if current_caller() is None:
        return
    provider = identity_provider()
    if provider is None:
        return
    try:
        endpoint = provider.metadata().get("end_session_endpoint")
    except (requests.RequestException, IdentityProviderError):
        return
    if endpoint:
        parts = urlsplit(str(endpoint))
        allow_form_action(f"{parts.scheme}://{parts.netloc}")
