"""The address heads are sent to: what is no http(s) URL with a host is refused as input when
the targets are read (so `serve` refuses it at start, as PLANLOGG_SMTP_URL), and an address
urllib still cannot take is a failure to send, not a traceback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from domain.errors import ValidationError
from projections.documents import ChainHead
from projections.heads import HeadPublishError, HeadTargets, checked_url, post_head

HEAD = ChainHead(position=3, hash="a" * 64, recorded_at="2025-03-01T12:00:00+00:00")


@pytest.mark.parametrize(
    "url",
    ["kontrollsum.example.org/heads", "ftp://example.org/heads", "https://", "http://[::1/x"],
)
def test_what_is_no_http_address_is_refused(url: str) -> None:
    with pytest.raises(ValidationError, match="er ikke en http- eller https-adresse"):
        HeadTargets.from_environment({"PLANLOGG_HEADS_URL": url})


@pytest.mark.parametrize("url", ["https://example.org/heads", "HTTP://127.0.0.1:9/h"])
def test_an_http_address_is_taken(url: str) -> None:
    assert checked_url(url) == url
    assert HeadTargets(url=url).url == url


def test_an_address_urllib_cannot_take_is_a_failure_to_send() -> None:
    with pytest.raises(HeadPublishError) as caught:
        post_head("kontrollsum.example.org/heads", HEAD, datetime(2025, 3, 1, tzinfo=UTC))
    assert caught.value.message.startswith(
        "Kunne ikke sende kontrollsummen til kontrollsum.example.org/heads: "
    )
