"""A mail server's refusal for good is told by what it means, from its enhanced status code
where it gives one, else from its basic code; an answer asking to be tried later is not."""

from __future__ import annotations

import pytest

from domain.mail_answers import answer_meaning
from language import speaking


@pytest.mark.parametrize(
    ("answer", "nb", "nn"),
    [
        ("550 5.1.1 <kari@molde.kommune.no>: User unknown",
         "adressen finnes ikke hos mottakeren", "adressa finst ikkje hos mottakaren"),
        ("550-5.1.1 The email account that you tried to reach does not exist.",
         "adressen finnes ikke hos mottakeren", "adressa finst ikkje hos mottakaren"),
        ("552 5.2.2 Mailbox full", "postkassen er full", "postkassa er full"),
        ("550 5.2.1 Mailbox disabled", "postkassen er stengt", "postkassa er stengd"),
        ("554 5.7.1 Message rejected as spam",
         "avvist etter mottakerens regler, f.eks. som søppelpost",
         "avvist etter reglane til mottakaren, t.d. som søppelpost"),
        ("550 5.7.26 Unauthenticated email is not accepted",
         "avsenderen ble ikke godkjent (SPF, DKIM eller DMARC); be den som drifter Planlogg "
         "om å se på e-postoppsettet",
         "avsendaren blei ikkje godkjend (SPF, DKIM eller DMARC); be den som driftar Planlogg "
         "om å sjå på e-postoppsettet"),
        ("550 5.7.23 SPF validation failed",
         "avsenderen ble ikke godkjent (SPF, DKIM eller DMARC); be den som drifter Planlogg "
         "om å se på e-postoppsettet",
         "avsendaren blei ikkje godkjend (SPF, DKIM eller DMARC); be den som driftar Planlogg "
         "om å sjå på e-postoppsettet"),
        ("552 5.3.4 Message size exceeds fixed limit",
         "e-posten er for stor", "e-posten er for stor"),
        ("550 No such user here", "postkassen finnes ikke eller tar ikke imot e-post",
         "postkassa finst ikkje eller tek ikkje imot e-post"),
        ("553 Mailbox name not allowed", "adressen er ikke tillatt", "adressa er ikkje tillaten"),
    ],
)  # fmt: skip
def test_a_refusal_for_good_is_told_what_it_means_in_each_målform(
    answer: str, nb: str, nn: str
) -> None:
    with speaking("nb"):
        assert answer_meaning(answer) == nb
    with speaking("nn"):
        assert answer_meaning(answer) == nn


@pytest.mark.parametrize(
    "answer",
    [
        "451 4.7.1 Greylisted, try again later",
        "421 4.3.2 Service shutting down",
        "554 Transaction failed",
        "550 5.5.0 Requested action not taken",
        "250 2.0.0 Ok",
        "Forbindelsen ble brutt",
        "",
    ],
)
def test_an_answer_whose_code_says_nothing_more_is_told_nothing_more(answer: str) -> None:
    """Tried later (4xx), an enhanced code of a kind not explained (5.5.0: the protocol; the
    basic code then says no more), a code that adds nothing to «tok ikke imot», or none."""
    with speaking("nb"):
        assert answer_meaning(answer) == ""
