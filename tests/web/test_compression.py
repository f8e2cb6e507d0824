"""Kept answers go out gzip-compressed to clients that ask for it, byte for byte the answer a
client without gzip gets; answers made for one signed-in person go out as they are."""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from datetime import date

import pytest
from flask import Flask
from flask.testing import FlaskClient

import web.compression
from domain.application import Planlogg
from domain.people import Role
from domain.provenance import Provenance, Source
from tests.web.conftest import KEY, caught_up
from tests.web.signed_in import person_with, signed_in
from web.compression import SMALLEST, compressed, gzip_stream, plain, send

BY = Provenance("Sekretariatet", Source.CLI, reason="Test av komprimerte svar")
GZIP = {"Accept-Encoding": "gzip, deflate, br"}
PLAN = f"/planer/{KEY}"
HISTORY = f"/api/plans/{KEY}/history"


def _unzipped(pieces: list[bytes]) -> bytes:
    return gzip.decompress(b"".join(pieces))


def test_pieces_compressed_apart_join_into_one_gzip_stream_of_their_bytes() -> None:
    texts = [b"<p>" * 40_000, b"", "Loggens kontrollsum: æøå".encode(), bytes(range(256)) * 300]
    assert _unzipped(gzip_stream([compressed(text) for text in texts])) == b"".join(texts)


def test_the_stream_is_one_gzip_member_that_ends_where_the_body_ends() -> None:
    texts = [b"Tiltak 1.2.1: felles rutinar for utskriving\n" * 500, b"<footer>", b"</html>"]
    reader = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    assert reader.decompress(b"".join(gzip_stream([compressed(t) for t in texts]))) == b"".join(
        texts
    )
    assert (reader.eof, reader.unused_data) == (True, b"")


def test_a_piece_made_for_one_request_cannot_join_a_gzip_stream() -> None:
    with pytest.raises(ValueError) as refused:
        gzip_stream([compressed(b"a" * SMALLEST), plain(b"b" * SMALLEST)])
    assert str(refused.value) == "a piece made for one request has no compressed form"


@pytest.mark.parametrize(
    ("accepted", "encoding"),
    [("gzip", "gzip"), ("br, gzip;q=0.5", "gzip"), ("*", "gzip"), ("gzip;q=0", None),
     ("br", None), (None, None)],
)  # fmt: skip
def test_gzip_is_sent_only_when_the_request_accepts_it(
    web: Flask, accepted: str | None, encoding: str | None
) -> None:
    body = b"x" * SMALLEST
    headers = {"Accept-Encoding": accepted} if accepted else {}
    with web.test_request_context(headers=headers):
        response = send([compressed(body)], mimetype="text/plain")
    assert (response.headers.get("Content-Encoding"), response.vary.as_set()) == (
        encoding,
        {"accept-encoding"},
    )
    sent = response.get_data()
    assert (gzip.decompress(sent) if encoding else sent) == body


def test_a_short_answer_and_one_with_a_piece_for_one_request_go_out_as_they_are(
    web: Flask,
) -> None:
    with web.test_request_context(headers=GZIP):
        short = send([compressed(b"x" * (SMALLEST - 1))])
        personal = send([compressed(b"x" * SMALLEST), plain(b"y" * SMALLEST)])
    assert (short.content_encoding, short.get_data()) == (None, b"x" * (SMALLEST - 1))
    assert (personal.content_encoding, personal.get_data()) == (
        None,
        b"x" * SMALLEST + b"y" * SMALLEST,
    )
    assert personal.vary.as_set() == set()


def test_a_plans_page_for_visitors_is_gzip_of_the_same_page_after_a_status_report(
    client: FlaskClient, demo_app: Planlogg, web: Flask
) -> None:
    client.get(PLAN, headers=GZIP)
    demo_app.report_status(KEY, "1.2.1", "raud", "Stoppa opp", BY, reported_on=date(2024, 9, 4))
    caught_up(web)
    zipped = client.get(PLAN, headers=GZIP)
    page = client.get(PLAN).get_data()
    assert zipped.content_encoding == "gzip"
    assert zipped.content_length == len(zipped.get_data()) < len(page) // 3
    assert gzip.decompress(zipped.get_data()) == page
    row = page.decode().split('<tr id="tiltak-1.2.1">', 1)[1].split("</tr>", 1)[0]
    assert 'class="light light-red"' in row and "04.09.2024" in row


def test_a_plans_page_after_another_event_has_the_new_head_inside_the_same_stream(
    client: FlaskClient, demo_app: Planlogg, web: Flask
) -> None:
    before = gzip.decompress(client.get(PLAN, headers=GZIP).get_data()).decode()
    demo_app.register_community("nord", "Helsefellesskap Nord", BY)
    caught_up(web)
    after = gzip.decompress(client.get(PLAN, headers=GZIP).get_data()).decode()
    head = client.get("/api/chain/head").json
    assert f"<code>{head['hash']}</code>" in after and f"<code>{head['hash']}</code>" not in before


@pytest.mark.parametrize("path", [PLAN, f"{PLAN}/versjoner/1"])
def test_a_plans_pages_for_a_signed_in_person_go_out_as_they_are(
    people_web: Flask, demo_app: Planlogg, path: str
) -> None:
    client = signed_in(people_web, person_with(demo_app, Role.EDITOR))
    response = client.get(path, headers=GZIP)
    assert (response.status_code, response.content_encoding) == (200, None)
    assert "Logg ut" in response.get_data(as_text=True)


def test_an_api_answer_is_gzip_and_the_same_json(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    plain_answer = client.get(HISTORY, headers=auth("auditor"))
    zipped = client.get(HISTORY, headers={**auth("auditor"), **GZIP})
    assert (zipped.content_encoding, zipped.mimetype) == ("gzip", "application/json")
    assert gzip.decompress(zipped.get_data()) == plain_answer.get_data()
    assert plain_answer.json["rows"]


def test_a_head_request_to_the_api_has_the_headers_of_its_get(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    headers = {**auth("auditor"), **GZIP}
    got = client.get(HISTORY, headers=headers)
    head = client.head(HISTORY, headers=headers)
    assert (head.status_code, head.get_data()) == (200, b"")
    assert [head.headers.get(name) for name in ("Content-Encoding", "Content-Length", "Vary")] == [
        got.headers.get(name) for name in ("Content-Encoding", "Content-Length", "Vary")
    ]
    assert got.content_encoding == "gzip"


def test_an_answer_with_an_etag_goes_out_as_it_is_with_its_tag(
    client: FlaskClient, auth: Callable[[str], dict[str, str]]
) -> None:
    url = f"/api/plans/{KEY}/draft/measures/1.2.1"
    plain_answer = client.get(url, headers=auth("auditor"))
    zipped = client.get(url, headers={**auth("auditor"), **GZIP})
    assert len(plain_answer.get_data()) >= SMALLEST
    assert (zipped.content_encoding, zipped.headers["ETag"], zipped.get_data()) == (
        None,
        plain_answer.headers["ETag"],
        plain_answer.get_data(),
    )


def test_without_zlibs_combine_the_stream_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = [b"<main>" * 3000, "Kontrollsum på hendinga".encode(), b"</main>" * 3000]
    pieces = [compressed(text) for text in texts]
    combined = gzip_stream(pieces)
    monkeypatch.setattr(web.compression, "_zlib_crc32_combine", lambda: None)
    assert gzip_stream(pieces) == combined
    assert _unzipped(combined) == b"".join(texts)
