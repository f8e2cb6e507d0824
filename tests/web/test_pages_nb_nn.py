"""Every page of the pages area, in bokmål and in nynorsk: no English word and no word of
the other målform in what a person reads, and the headings exactly as each målform says them.

What a person reads is the text of the page (its <title>, the charts' titles and text
alternatives) and the attributes read aloud or shown (aria-label, title, alt, data-label).
The plan's own words (measure, goal and area texts, titles, body and community names,
written in bokmål by people) are not Planlogg's to translate: every string of the plan's
documents and of the dashboard's data is taken out before the check, codes excepted, so a
code such as `yellow` or `adopted` that reached the page is still caught. Commands in
<code> (`planlogg round resend`) are names, not words.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

from domain.application import Planlogg
from domain.demo import DEMO_COMMUNITY
from domain.people import Role
from domain.provenance import Provenance, Source
from language import in_every_målform
from tests.language.words import ENGLISH, foreign_words
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in, web_on
from web import create_app
from web.tokens import InMemoryTokenStore

SYSTEM = Provenance("Planlogg", Source.SYSTEM)
SHOWN_ATTRIBUTES = ("aria-label", "title", "alt", "data-label", "placeholder")
SKIPPED = ("script", "style", "code")
CODES = frozenset(
    {
        *ENGLISH,
        "not_reported",
        "not_achieved",
        "partly",
        "achieved",
        "continue",
        "change",
        "end",
        "intended",
        "sent",
        "failed",
        "confirmed",
    }
)
"""Values in the plan's data that are codes: never removed, so the check sees them leak."""


class _Reader(HTMLParser):
    """The text nodes and shown attributes of a page, each on its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.headings: dict[str, list[str]] = {}
        self._skipping = 0
        self._heading: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED:
            self._skipping += 1
        for name, value in attrs:
            if name in SHOWN_ATTRIBUTES and value:
                self.parts.append(value)
        if tag in ("h1", "h2", "h3"):
            self._heading = (tag, [])

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED:
            self._skipping -= 1
        if self._heading is not None and tag == self._heading[0]:
            text = " ".join("".join(self._heading[1]).split())
            self.headings.setdefault(tag, []).append(text)
            self._heading = None

    def handle_data(self, data: str) -> None:
        if self._heading is not None:
            self._heading[1].append(data)
        if not self._skipping and data.strip():
            self.parts.append(data)


@dataclass
class Page:
    text: str
    headings: dict[str, list[str]]


def plain(text: str) -> str:
    return " ".join(text.split())


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


VOCABULARY_IN_CATALOGUE = in_every_målform("Skrøpelige eldre")["nn"] != "Skrøpelige eldre"
"""Whether the domain's labels (§ 6-2 topics, patient groups) are in the catalogue: they are
the domain area's (domain/vocabulary.py), and until its catalogue is merged they are the
domain's nynorsk on every page, so they are checked only once they are there."""


def _without_vocabulary(board: Any) -> dict[str, Any]:
    """The dashboard's data, less the topics' and patient groups' labels once the catalogue
    has them: they are Planlogg's words, not the plan's, and are then checked too."""
    data: dict[str, Any] = board.to_dict()
    if VOCABULARY_IN_CATALOGUE:
        data.pop("topics_without_measures")
        data.pop("groups_without_measures")
    return data


def plan_strings(web: Flask, app: Planlogg) -> list[str]:
    """Every string the plan's documents and dashboard hold, longest first, codes left out."""
    from web.reading import adopted_version, current_plan, public_document, version_in_force

    with web.test_request_context():
        models = web.extensions["planlogg"].read_models
        data = [
            current_plan(KEY).to_dict(),
            public_document(version_in_force(KEY)),
            adopted_version(KEY, 1).to_dict(),
            _without_vocabulary(models.dashboard(KEY, web.extensions["planlogg"].today())),
            [summary.to_dict() for summary in models.plans()],
            app.get_community(DEMO_COMMUNITY).name,
        ]
    found = {plain(s) for s in strings_in(data) if s.strip() and s.strip().lower() not in CODES}
    return sorted(found, key=len, reverse=True)


def read(html: str, plan: list[str]) -> Page:
    """The page's words that Planlogg wrote: the plan's own strings taken out."""
    reader = _Reader()
    reader.feed(html)
    kept = []
    for part in reader.parts:
        text = plain(part)
        if any(text in known for known in plan):
            continue
        for known in plan:
            if len(known) > 1 and known in text:
                text = _taken_out(text, known)
        text = plain(text)
        if text and not any(text in known for known in plan):
            kept.append(text)
    return Page(" | ".join(kept), reader.headings)


def _taken_out(text: str, known: str) -> str:
    """`text` without the plan's string `known` where it stands as words of its own: the body
    «Sekretariat» is not taken out of the page's «sekretariatet», leaving «et» behind."""
    return re.sub(rf"(?<!\w){re.escape(known)}(?!\w)", " ", text)


@pytest.fixture
def site(demo_app: Planlogg) -> tuple[Flask, Planlogg]:
    """The demo at 5 September 2024 (round R1 open), with reminders "kanskje sendt" and
    refused, so every part of the dashboard shows."""
    web = web_on(demo_app, "2024-09-05")
    register = demo_app.body_register(DEMO_COMMUNITY)
    secretariat = register.key_of("Sekretariat")
    digital = register.key_of("Fagråd for digital samhandling")
    demo_app.intend_reminder(KEY, "R1", secretariat, -1, ("s@example.org",), SYSTEM)
    attempt = demo_app.intend_reminder(KEY, "R1", digital, 3, ("d@example.org",), SYSTEM)
    demo_app.record_reminder_outcome(KEY, "R1", digital, 3, attempt, False, "550", SYSTEM)
    demo_app.set_evaluation_plan(
        KEY, "1.3.1", {"objective": "Felles rutine", "methods": "Telling", "end": "2024"}, SYSTEM
    )
    demo_app.evaluate_measure(
        KEY, "1.3.1", 2024, "delvis", "Tre kommuner har rutinen.", "endre",
        "Fagråd for legesamarbeid", SYSTEM,
    )  # fmt: skip
    caught_up(web)
    return web, demo_app


def client_for(web: Flask, app: Planlogg, who: str) -> FlaskClient:
    if who == "visitor":
        return web.test_client()
    roles = {"editor": Role.EDITOR, "reporter": Role.REPORTER, "admin": Role.ADMINISTRATOR}
    return signed_in(web, person_with(app, roles[who]))


DASHBOARD = f"/planer/{KEY}/dashbord"
PLANS = {"nb": "Handlingsplaner", "nn": "Handlingsplanar"}
BOARD = {"nb": "Statusoversikt", "nn": "Statusoversikt"}
LOGIN = {"nb": "Logg inn", "nn": "Logg inn"}
PROFILE = {"nb": "Profil", "nn": "Profil"}
NOT_FOUND = {"nb": "Fant ikke siden", "nn": "Fann ikkje sida"}
TITLE = dict.fromkeys(
    ("nb", "nn"), "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene"
)
"""The plan's own title, the h1 of its pages in either målform."""
PAGES: list[tuple[str, str, str, int, dict[str, str]]] = [
    # (who, method and path, what it is, status, h1 in nb and nn)
    ("visitor", "GET /", "forsiden", 200, PLANS),
    ("editor", "GET /", "forsiden innlogget", 200, PLANS),
    ("visitor", f"GET /planer/{KEY}", "planen", 200, TITLE),
    ("editor", f"GET /planer/{KEY}", "planen innlogget", 200, TITLE),
    ("visitor", f"GET /planer/{KEY}/versjoner/1", "en versjon", 200, TITLE),
    ("editor", f"GET {DASHBOARD}", "dashbordet", 200, BOARD),
    ("reporter", f"GET {DASHBOARD}", "dashbordet uten knapper", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?ark=gjenopprettet&fane=Plan+2&bevart=2&uten_id=1",
     "arket lagt ut på nytt", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?ark=gjenopprettet&fane=Plan+2&bevart=1&uten_id=1",
     "arket lagt ut på nytt, én endring", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?feil=Tidsavbrudd", "arket ikke lagt ut", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?paaminnelse=bekreftet&organ=sekretariat&steg=-1",
     "påminnelse bekreftet", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?paaminnelse=sendt&organ=sekretariat&steg=14",
     "påminnelse sendt", 200, BOARD),
    ("editor", f"GET {DASHBOARD}?paaminnelse=avvist&organ=sekretariat&steg=0",
     "påminnelse avvist", 200, BOARD),
    ("visitor", "GET /logg-inn", "innlogging", 200, LOGIN),
    ("visitor", "POST /logg-inn token=feil", "innlogging avvist", 401, LOGIN),
    ("visitor", "GET /logget-ut", "logget ut", 200,
     {"nb": "Du er logget ut", "nn": "Du er logga ut"}),
    ("editor", "GET /profil", "profilen", 200, PROFILE),
    ("editor", "GET /profil?lagret=1", "profilen lagret", 200, PROFILE),
    ("visitor", "GET /finnes-ikke", "ukjent side", 404, NOT_FOUND),
    ("visitor", "GET /planer/x-plan", "ukjent plan", 404, NOT_FOUND),
    ("visitor", "GET /planer/x-plan/versjoner/3", "ukjent versjon", 404, NOT_FOUND),
    ("admin", f"GET {DASHBOARD}", "ingen tilgang", 403,
     {"nb": "Ingen tilgang", "nn": "Ingen tilgang"}),
    ("visitor", "POST /logg-ut", "utløpt skjema", 400,
     {"nb": "Skjemaet ble ikke lagret", "nn": "Skjemaet blei ikkje lagra"}),
    ("editor", "PUT /", "feil metode", 405,
     {"nb": "Metoden er ikke tillatt", "nn": "Metoden er ikkje tillaten"}),
    ("editor", f"POST {DASHBOARD}/gjenopprett-ark", "ikke noe regneark", 409,
     {"nb": "Endringen ble avvist", "nn": "Endringa blei avvist"}),
]  # fmt: skip
CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def fetch(client: FlaskClient, request: str, målform: str) -> Any:
    method, _, rest = request.partition(" ")
    path, _, form = rest.partition(" ")
    path = f"{path}{'&' if '?' in path else '?'}lang={målform}"
    if method == "GET":
        return client.get(path)
    token = ""
    if not request.endswith("/logg-ut"):
        found = CSRF.search(client.get("/profil").text) or CSRF.search(client.get("/logg-inn").text)
        assert found is not None
        token = found.group(1)
    data = dict(pair.split("=", 1) for pair in form.split("&") if pair)
    return client.open(path, method=method, data={"csrf_token": token, **data})


@pytest.mark.parametrize("målform", ["nb", "nn"])
@pytest.mark.parametrize(("who", "request_line", "what", "status", "h1"), PAGES)
def test_every_page_speaks_one_målform(
    site: tuple[Flask, Planlogg],
    målform: str,
    who: str,
    request_line: str,
    what: str,
    status: int,
    h1: dict[str, str],
) -> None:
    web, app = site
    client = client_for(web, app, who)
    answer = fetch(client, request_line, målform)
    assert answer.status_code == status, what
    html = answer.get_data(as_text=True)
    assert f'<html lang="{målform}">' in html
    page = read(html, plan_strings(web, app))
    assert foreign_words(page.text, målform) == [], (what, page.text)
    assert page.headings["h1"] == [h1[målform]], what


HEADINGS = {
    f"/planer/{KEY}": {
        "nb": ["Vedtak"],
        "nn": ["Vedtak"],
    },
    DASHBOARD: {
        "nb": [
            "Status per innsatsområde",
            "Status per ansvarlig organ",
            "Rapporteringsrunde",
            "Status over rundene",
            "Årsrapport",
            "Tiltak som ikke er SMART",
            "Uten tiltak",
        ],
        "nn": [
            "Status per innsatsområde",
            "Status per ansvarleg organ",
            "Rapporteringsrunde",
            "Status over rundane",
            "Årsrapport",
            "Tiltak som ikkje er SMART",
            "Utan tiltak",
        ],
    },
}


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_plan_page_and_the_dashboard_have_their_headings_in_each_målform(
    site: tuple[Flask, Planlogg], målform: str
) -> None:
    web, app = site
    client = client_for(web, app, "editor")
    plan = read(client.get(f"/planer/{KEY}?lang={målform}").text, [])
    assert plan.headings["h2"][0] == HEADINGS[f"/planer/{KEY}"][målform][0]
    board = read(client.get(f"{DASHBOARD}?lang={målform}").text, [])
    assert board.headings["h2"] == HEADINGS[DASHBOARD][målform]


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_statuses_and_the_reminders_say_their_words(
    site: tuple[Flask, Planlogg], målform: str
) -> None:
    web, app = site
    board = client_for(web, app, "editor").get(f"{DASHBOARD}?lang={målform}").text
    expected = {
        "nb": [
            "<td>grønn</td>",
            "<td>rød</td>",
            '1 dag etter fristen: <strong class="maybe-sent">kanskje sendt</strong>',
            "3 dager før fristen: ikke sendt (feil)",
            "1 påminnelse er merket «kanskje sendt»",
            "Stolpediagram med 7 rader: 2 grønn, 1 gul, 1 rød, 48 ikke rapportert i alt.",
            "4 tiltak over 1 runde. Tabellen under diagrammet har hver status i ord.",
        ],
        "nn": [
            "<td>grøn</td>",
            "<td>raud</td>",
            '1 dag etter fristen: <strong class="maybe-sent">kanskje sendt</strong>',
            "3 dagar før fristen: ikkje sendt (feil)",
            "1 påminning er merkt «kanskje sendt»",
            "Stolpediagram med 7 rader: 2 grøn, 1 gul, 1 raud, 48 ikkje rapportert i alt.",
            "4 tiltak over 1 runde. Tabellen under diagrammet har kvar status i ord.",
        ],
    }
    for text in expected[målform]:
        assert text in board


def test_the_login_page_with_an_identity_provider_in_both_målformer(demo_app: Planlogg) -> None:
    web = create_app(
        {"DATABASE_URL": "memory:", "SECRET_KEY": "t", "TESTING": True,
         "OIDC_ISSUER": "https://idp.example", "OIDC_CLIENT_ID": "planlogg",
         "OIDC_NAME": "Helse Midt-Norge"},
        app=demo_app,
        tokens=InMemoryTokenStore(),
    )  # fmt: skip
    caught_up(web)
    client = web.test_client()
    for målform, summary in (
        ("nb", "Administratorer: logg inn med API-token"),
        ("nn", "Administratorar: logg inn med API-token"),
    ):
        page = client.get(f"/logg-inn?lang={målform}").text
        assert f"<summary>{summary}</summary>" in page
        assert "Logg inn med Helse Midt-Norge" in page
        assert foreign_words(read(page, []).text, målform) == []


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_health_check_answers_in_codes_whatever_the_målform(
    client: FlaskClient, målform: str
) -> None:
    answer = client.get(f"/healthz?lang={målform}")
    assert answer.status_code == 200
    assert answer.json["status"] == "ok" and answer.json["database"]["ok"] is True


@pytest.mark.parametrize(
    ("målform", "summary", "recommended"),
    [("nb", "Evaluering<span class=\"visually-hidden\"> av tiltak 1.3.1</span> (1 år)",
      "Anbefaling"),
     ("nn", "Evaluering<span class=\"visually-hidden\"> av tiltak 1.3.1</span> (1 år)",
      "Tilråding")],
)  # fmt: skip
def test_a_measures_evaluation_is_told_in_each_målform(
    site: tuple[Flask, Planlogg], målform: str, summary: str, recommended: str
) -> None:
    web, _app = site
    page = web.test_client().get(f"/planer/{KEY}?lang={målform}").text
    assert f"<summary>{summary}</summary>" in page
    assert (
        f"<strong>2024: delvis oppnådd</strong>. Tre kommuner har rutinen. {recommended}: endre ("
        in page
    )
