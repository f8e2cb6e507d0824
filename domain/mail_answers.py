"""What a mail server's answer means, in words a secretariat reads.

A server answers a reminder it will not take with a code and its own words, in English
(«550 5.1.1 <kari@molde.kommune.no>: Recipient address rejected: User unknown»). Shown as
it stands, the secretariat read «550» and could not tell a mistyped address from a full
mailbox or a spam filter, which each call for something else. The enhanced status code
(RFC 3463: class.subject.detail) says which, where the server gives one; the basic code
(RFC 5321) says less, and is read only without it. The server's own answer is still shown
beside the meaning, for whoever asks the mail administrators.
"""

from __future__ import annotations

import re

from language import N_, _

_ENHANCED = re.compile(r"^\s*5\d\d[ -]+5\.(\d{1,3})\.(\d{1,3})\b")
_BASIC = re.compile(r"^\s*(\d{3})\b")

_BY_DETAIL: dict[tuple[int, int], str] = {
    (1, 1): N_("adressen finnes ikke hos mottakeren"),
    (1, 2): N_("mottakerens domene finnes ikke"),
    (1, 3): N_("adressen er skrevet på en måte tjeneren ikke godtar"),
    (1, 6): N_("adressen er flyttet"),
    (1, 10): N_("mottakerens domene tar ikke imot e-post"),
    (2, 1): N_("postkassen er stengt"),
    (2, 2): N_("postkassen er full"),
    (2, 3): N_("e-posten er for stor"),
    (3, 4): N_("e-posten er for stor"),
    **dict.fromkeys(
        ((7, detail) for detail in range(20, 27)),
        N_(
            "avsenderen ble ikke godkjent (SPF, DKIM eller DMARC); be den som drifter "
            "Planlogg om å se på e-postoppsettet"
        ),
    ),
}
"""Meanings of subject.detail pairs that call for something of their own (RFC 3463): 5.7.20
to 5.7.26 (RFC 7372) say the recipient's server did not trust Planlogg's own sending, which
its operators mend, not the recipient."""

_BY_SUBJECT: dict[int, str] = {
    1: N_("adressen er feil"),
    2: N_("postkassen tar ikke imot e-post"),
    4: N_("tjeneren fant ikke fram til mottakeren"),
    6: N_("tjeneren godtok ikke innholdet i e-posten"),
    7: N_("avvist etter mottakerens regler, f.eks. som søppelpost"),
}
"""Meanings of a subject whose detail is not among `_BY_DETAIL`."""

_BY_BASIC: dict[int, str] = {
    550: N_("postkassen finnes ikke eller tar ikke imot e-post"),
    551: N_("adressen er ikke hos denne tjeneren"),
    552: N_("postkassen er full"),
    553: N_("adressen er ikke tillatt"),
}
"""Meanings of basic reply codes, for a server that gives no enhanced code."""


def answer_meaning(answer: str) -> str:
    """What a refusal for good (5xx) means, in the målform spoken; "" for any other answer,
    or a code that says nothing known. An answer asking to be tried later (4xx) is not
    explained: it is tried again by itself, and its codes (greylisting is 4.7.1) would read
    as a refusal."""
    enhanced = _ENHANCED.match(answer)
    if enhanced is not None:
        subject, detail = int(enhanced[1]), int(enhanced[2])
        meaning = _BY_DETAIL.get((subject, detail)) or _BY_SUBJECT.get(subject)
        return _(meaning) if meaning else ""
    basic = _BASIC.match(answer)
    found = _BY_BASIC.get(int(basic[1])) if basic else None
    return _(found) if found else ""
