"""The auditors' search forms (history, plan as of a day, version comparison, the check
against a checksum) label each entry with the words declared once in `web.filter_labels`,
in bokmål and nynorsk: the words an error summary and an error page name a refused
parameter by are the words on the form."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask.testing import FlaskClient

from language import speaking
from tests.web.conftest import KEY
from tests.web.test_audit_pages import log_in
from web.filter_labels import FILTER_LABELS, filter_label

PAGES = {
    "/revisjon/": (200, ("plan", "measure", "actor", "source", "field", "decision", "since",
                         "until", "limit")),
    f"/revisjon/{KEY}/per-dato": (200, ("dato",)),
    f"/revisjon/{KEY}/endringer?a=x&b=1": (422, ("a", "b")),
    "/revisjon/kontroll": (200, ("posisjon", "kontrollsum")),
}  # fmt: skip
"""Each search page, the status it answers with, and the entries its form has, in order (the
demo has one adopted version: the comparison's form is shown with a choice refused)."""


def labels(page: str) -> list[tuple[str, str]]:
    """(the entry, the label's words) for every label of the page's filter form."""
    form = re.search(r'<form method="get"[^>]*class="filters".*?</form>', page, re.S)
    assert form is not None, page
    found = re.findall(r'<label for="([^"]+)">(.*?)</label>', form[0], re.S)
    return [(name, unescape(" ".join(words.split()))) for name, words in found]


@pytest.mark.parametrize("målform", ["nb", "nn"])
def test_each_search_form_shows_the_declared_labels(
    client: FlaskClient, tokens: dict[str, str], målform: str
) -> None:
    log_in(client, tokens["auditor"])
    shown: list[str] = []
    for path, (status, entries) in PAGES.items():
        joiner = "&" if "?" in path else "?"
        response = client.get(f"{path}{joiner}lang={målform}")
        assert response.status_code == status, path
        with speaking(målform):
            declared = [(name, filter_label(name)) for name in entries]
        assert labels(response.get_data(as_text=True)) == declared, path
        shown += entries
    assert shown == list(FILTER_LABELS)


def test_the_two_målformer_word_a_label_apart() -> None:
    with speaking("nb"):
        nb = filter_label("since")
    with speaking("nn"):
        nn = filter_label("since")
    assert (nb, nn) == ("Fra dato (norsk tid)", "Frå dato (norsk tid)")
    assert filter_label("next") == ""
