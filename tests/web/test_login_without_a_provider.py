"""The login page of a Planlogg with no identity provider configured says what a visitor
reads it for: that they sign in with an API token, what it is, whom to ask for one (and for
the role it gives), and that the adopted plans need no login; in both målformer, naming no
command (a visitor has no command line)."""

from __future__ import annotations

import re

import pytest
from flask import Flask

MAIN = re.compile(r'<main id="innhold" tabindex="-1">(.*)</main>', re.S)
PARAGRAPH = re.compile(r"<p(?: [^>]*)?>(.*?)</p>", re.S)

SAID = {
    "nb": [
        "Her logger du inn med et API-token: en lang kode som gir deg én rolle i Planlogg "
        "(redaktør, godkjenner eller revisor). Rollen avgjør hvilke sider du får se.",
        "Har du ikke fått et token, eller virker det ikke lenger? Spør sekretariatet i "
        "helsefellesskapet ditt: de vet hvem som drifter Planlogg og lager tokenene.",
        "Lim inn hele koden. Ikke del den med andre: den som har den, kan gjøre det du kan i "
        "Planlogg.",
        'De vedtatte planene er åpne for alle. <a href="/">Se de vedtatte planene</a>.',
    ],
    "nn": [
        "Her loggar du inn med eit API-token: ein lang kode som gjev deg éi rolle i Planlogg "
        "(redaktør, godkjennar eller revisor). Rolla avgjer kva for sider du får sjå.",
        "Har du ikkje fått noko token, eller verkar det ikkje lenger? Spør sekretariatet i "
        "helsefellesskapet ditt: dei veit kven som driftar Planlogg og lagar tokena.",
        "Lim inn heile koden. Ikkje del han med andre: den som har han, kan gjere det du kan i "
        "Planlogg.",
        'Dei vedtekne planane er opne for alle. <a href="/">Sjå dei vedtekne planane</a>.',
    ],
}


def _said(page: str) -> list[str]:
    """The paragraphs of the page's main part, whitespace made single."""
    found = MAIN.search(page)
    assert found is not None, page
    return [" ".join(p.split()) for p in PARAGRAPH.findall(found[1])]


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_the_page_says_whom_to_ask_for_a_token(people_web: Flask, målform: str) -> None:
    page = people_web.test_client().get(f"/logg-inn?lang={målform}").text
    assert _said(page) == SAID[målform]
    main = MAIN.search(page)
    assert main is not None and "planlogg " not in main[1] and "<code>" not in main[1]
    assert 'aria-describedby="token-hint"' in page


def test_a_wrong_token_is_said_beside_the_hint(people_web: Flask) -> None:
    client = people_web.test_client()
    page = client.get("/logg-inn").text
    found = re.search(r'name="csrf_token" value="([^"]+)"', page)
    assert found is not None
    refused = client.post("/logg-inn", data={"token": "feil", "csrf_token": found[1]})
    assert refused.status_code == 401
    assert 'aria-describedby="login-error token-hint"' in refused.text
    first, then, hint, public = SAID["nb"]
    assert _said(refused.text) == [
        first,
        then,
        "Ukjent token, eller et token som er trukket tilbake.",
        hint,
        public,
    ]
