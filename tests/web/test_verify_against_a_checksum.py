"""The tamper check's page checks the chain against a checksum an auditor pastes in (from a
report or the checksum file), as `planlogg audit verify --position --head` does: a report
no longer needs a terminal to be checked. A checksum cut short or mistyped is refused at its
field, never reported as a broken chain."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from projections.documents import ChainHead, ChainReport
from tests.web.forms import field_errors
from tests.web.test_audit_pages import log_in

URL = "/revisjon/kontroll"
CAVEAT = "Kjeden er ikke kontrollert mot en kontrollsum fra utenfor databasen"


def _head(web: Flask) -> ChainHead:
    models = web.extensions["planlogg"].read_models
    models.read_your_writes()
    head = models.stored_head()
    if head is None:
        raise AssertionError("the demo has events")
    return head


@pytest.fixture
def auditor(client: FlaskClient, tokens: dict[str, str]) -> FlaskClient:
    log_in(client, tokens["auditor"])
    return client


def test_a_reports_checksum_is_checked_and_said_to_match(auditor: FlaskClient, web: Flask) -> None:
    head = _head(web)
    page = auditor.get(f"{URL}?posisjon={head.position}&kontrollsum={head.hash}")
    assert page.status_code == 200
    assert (
        f"Kontrollsummen stemmer: ingen hendelse til og med nr. {head.position} er endret "
        "etter at kontrollsummen ble laget."
    ) in page.text
    assert f'name="kontrollsum" value="{head.hash}"' in page.text
    assert CAVEAT not in page.text


def test_another_checksum_of_that_position_is_a_broken_chain(
    auditor: FlaskClient, web: Flask
) -> None:
    head = _head(web)
    other = ("0" if head.hash[0] != "0" else "1") + head.hash[1:]
    page = auditor.get(f"{URL}?posisjon={head.position}&kontrollsum={other}")
    assert page.status_code == 200
    assert (
        '<p class="verdict verdict-bad" role="alert">Kjeden er brutt ved hendelse '
        f"{head.position}: kjeden stemmer ikke med den publiserte kontrollsummen (kjeden kan "
        "være skrevet om).</p>\n<p>Sjekk først at posisjonen og kontrollsummen er skrevet av "
        "riktig: ett tegn feil gir også dette svaret. Stemmer de med rapporten, er kjeden "
        "endret etter at rapporten ble laget.</p>"
    ) in page.text
    assert "Kontrollsummen stemmer" not in page.text


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("posisjon=12&kontrollsum=c38c", "kontrollsum",
         "«c38c» er ikke en kontrollsum: en kontrollsum er 64 tegn (0–9 og a–f). Kopier "
         "hele kontrollsummen fra rapporten eller kontrollsumfilen."),
        ("posisjon=12", "kontrollsum", "Lim inn kontrollsummen som hører til posisjonen."),
        ("posisjon=tolv&kontrollsum=" + "a" * 64, "posisjon", "Må være et heltall."),
    ],
)  # fmt: skip
def test_what_is_no_checksum_or_position_is_refused_at_its_field(
    auditor: FlaskClient, query: str, field: str, message: str
) -> None:
    page = auditor.get(f"{URL}?{query}")
    assert page.status_code == 422
    assert field_errors(page.text) == {field: message}
    assert 'class="verdict' not in page.text and "Kontrollsummen nå" not in page.text


def test_without_a_checksum_the_page_says_what_the_chain_alone_cannot_prove(
    auditor: FlaskClient,
) -> None:
    page = auditor.get(URL).text
    assert 'class="verdict verdict-ok"' in page and CAVEAT in page


TYPO_HINT = "Sjekk først at posisjonen og kontrollsummen er skrevet av riktig"


def test_a_chain_broken_by_a_deleted_event_is_not_said_to_be_a_typo(
    auditor: FlaskClient, web: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No typo deletes an event: the hint to compare what was typed is for a checksum that
    does not match, not for every broken chain found while checking one."""
    head = _head(web)
    models = web.extensions["planlogg"].read_models
    deleted = ChainReport(
        ok=False, checked=head.position - 1, first_bad_position=7, reason="hendelsen mangler"
    )
    monkeypatch.setattr(models, "check_chain", lambda *args, **kwargs: deleted)
    page = auditor.get(f"{URL}?posisjon={head.position}&kontrollsum={head.hash}").text
    assert "Kjeden er brutt ved hendelse 7: hendelsen mangler.</p>" in page
    assert TYPO_HINT not in page
