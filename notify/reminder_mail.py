"""The reminder as the body reads it: the plan, the deadline, what is missing, how to report.

A person reminded for several bodies of a round reads them in one mail, each body with its
own deadline, open measures and link (`reminders_message`). The ways offered are the ones
the people in a body use, the web page and the spreadsheet: they never open a terminal, so
the mail holds no command to type, and it names the plan by its title (the plan's key is
only inside the link).

The mail speaks the målform its readers read: the one a person chose on their profile
(`Person.language`, found by the address), else the health community's the reminder is
for. The sender groups a mail's addresses by målform, one mail for each, and composes each
inside `speaking(målform)`; every sentence here comes from the `mail` catalogue in the
målform spoken at that moment.

Its headers are those a receiving mail system looks for: Date (when it was written, by
the sender's clock; a relay taking mail from another machine adds none), Message-ID, and
`Auto-Submitted: auto-generated` (RFC 3834), so out-of-office replies are not sent back.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from urllib.parse import quote

from domain.measure_sheet import COMMENT, STATUS, heading
from domain.norwegian_time import OSLO
from domain.reminders import due_on
from domain.sheet_place import SheetPlace
from language import _, ngettext
from notify.due import DueReminder

MAX_LISTED = 60
"""A body with more open measures than this gets the first ones and a count."""


def reminder_message(
    due: DueReminder,
    sender: str,
    public_url: str = "",
    written: datetime | None = None,
    sheet: SheetPlace | None = None,
) -> EmailMessage:
    """One body's reminder mail to its recipients, in the målform spoken now."""
    return reminders_message((due,), due.recipients, sender, public_url, written, sheet)


def reminders_message(
    reminders: Sequence[DueReminder],
    to: Sequence[str],
    sender: str,
    public_url: str = "",
    written: datetime | None = None,
    sheet: SheetPlace | None = None,
) -> EmailMessage:
    """One mail to `to` naming every body of `reminders` (one round, one step), each with its
    own deadline, open measures and link: a person reminded for several bodies gets
    them in one mail. With one body, that body's reminder as it always read.

    `written`: when it is written (its Date), a moment with its time zone; None: now, in
    Norwegian time. `sheet`: the spreadsheet the plan is synced with, named (and linked)
    where the mail says to report in it; None: "the plan's spreadsheet"."""
    first = reminders[0]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(to)
    message["Date"] = format_datetime(written or datetime.now(OSLO))
    deadline = first.deadline.strftime("%d.%m.%Y")
    message["Subject"] = _one_line(
        _(
            "Påminnelse: statusrapport for %(plan)s – frist %(deadline)s",
            plan=first.plan_title,
            deadline=deadline,
        )
    )
    message["Message-ID"] = make_msgid("planlogg")
    message["Auto-Submitted"] = "auto-generated"
    for due in reminders:
        message["X-Planlogg-Reminder"] = _one_line(
            f"{due.plan_key}/{due.round_id}/{due.body}/{due.step}"
        )
    message.set_content(_body(reminders, deadline, public_url, sheet))
    return message


def names(reminders: Sequence[DueReminder]) -> str:
    """The bodies' names as a sentence lists them: "A", "A og B", "A, B og C"."""
    shown = [r.body_name for r in reminders]
    if len(shown) == 1:
        return shown[0]
    return _("%(bodies)s og %(last)s", bodies=", ".join(shown[:-1]), last=shown[-1])


def _one_line(text: str) -> str:
    """Text fit for a mail header: every line break (U+2028 too, which a pasted title can
    hold and a store keeps) and run of spaces made one space; a header refuses a break."""
    return " ".join(text.split())


def _deadline_sentence(due: DueReminder, deadline: str) -> str:
    """The deadline as passed or to come on the day the mail goes (a step before the deadline
    may go after it: sent late by a run, or resent by a person), not by its step."""
    values = {"deadline": deadline, "plan": due.plan_title, "round": due.round_id}
    if due.step < 0 or due.sent_on > due.deadline:
        return _(
            "Fristen var %(deadline)s for å rapportere status i handlingsplanen «%(plan)s» "
            "(rapporteringsrunde %(round)s).",
            **values,
        )
    return _(
        "Fristen er %(deadline)s for å rapportere status i handlingsplanen «%(plan)s» "
        "(rapporteringsrunde %(round)s).",
        **values,
    )


def _step_sentence(due: DueReminder) -> str:
    """Which of the round's reminders this is: days before or after the deadline, or on it.

    None ("") for a step before the deadline or on it that goes after its own day (the
    deadline less the step's days: a run sending it late, a person resending it): "3 dager
    før fristen" on the deadline day, or after «Fristen var …», tells the reader they have
    days they do not; the deadline sentence says how it stands. A step after the deadline
    keeps its sentence: sent late, it still names a day gone by, as «Fristen var …» does."""
    step = due.step
    if step >= 0 and due.sent_on > due_on(due.deadline, step):
        return ""
    if step > 0:
        return ngettext(
            "Dette er påminnelsen %(num)s dag før fristen.",
            "Dette er påminnelsen %(num)s dager før fristen.",
            step,
        )
    if step == 0:
        return _("Dette er påminnelsen på fristdagen.")
    return ngettext(
        "Dette er påminnelsen %(num)s dag etter fristen.",
        "Dette er påminnelsen %(num)s dager etter fristen.",
        -step,
    )


def _body(
    reminders: Sequence[DueReminder], deadline: str, public_url: str, sheet: SheetPlace | None
) -> str:
    first = reminders[0]
    lines = [
        _("Til %(body)s", body=names(reminders)),
        "",
        " ".join(filter(None, (_deadline_sentence(first, deadline), _step_sentence(first)))),
        "",
    ]
    if len(reminders) == 1:
        lines += _section(first, public_url, sheet)
    else:
        lines.append(
            ngettext(
                "Denne e-posten gjelder %(num)s organ dere rapporterer for:",
                "Denne e-posten gjelder %(num)s organer dere rapporterer for:",
                len(reminders),
            )
        )
        for due in reminders:
            lines += ["", _("%(body)s (frist %(deadline)s)", body=due.body_name, deadline=deadline)]
            lines += _section(due, public_url, sheet)
    lines += [
        "",
        _("Har dere allerede rapportert, kan dere se bort fra denne e-posten."),
        "",
        _("Hilsen sekretariatet, sendt av Planlogg"),
    ]
    return "\n".join(lines) + "\n"


def _section(due: DueReminder, public_url: str, sheet: SheetPlace | None) -> list[str]:
    """What one body has left to report, and how it reports: the web page first, its link
    ending the line with no stop after it, so a mail program links the address exactly;
    then the spreadsheet, by its name and its address where it has them (`_in_sheet`)."""
    lines = []
    if due.measures:
        lines.append(_("Disse tiltakene dere har ansvar for, mangler status i runden:"))
        lines += [f"  {number}  {_short(text)}" for number, text in due.measures[:MAX_LISTED]]
        if len(due.measures) > MAX_LISTED:
            lines.append("  " + _("… og %(more)s til.", more=len(due.measures) - MAX_LISTED))
    else:
        lines.append(_("Vi har ikke fått statusrapport fra dere i runden."))
    return [
        *lines,
        "",
        _("Slik rapporterer dere (grønn, gul eller rød, med en kort kommentar):"),
        "  - " + _("på nettsiden: %(web)s", web=_web(due, public_url)),
        "  - " + _in_sheet(sheet),
    ]


def _in_sheet(sheet: SheetPlace | None) -> str:
    """How to report in the spreadsheet: the workbook named by its file name where the sync
    knows one, and its address last on the line (no stop after it) where it has one."""
    columns = {"status": heading(STATUS), "comment": heading(COMMENT)}
    if sheet is not None and sheet.name:
        line = _(
            "eller i regnearket «%(name)s»: fyll ut kolonnene %(status)s og %(comment)s på "
            "raden til tiltaket.",
            name=_one_line(sheet.name),
            **columns,
        )
    else:
        line = _(
            "eller i regnearket for planen: fyll ut kolonnene %(status)s og %(comment)s på raden "
            "til tiltaket.",
            **columns,
        )
    if sheet is not None and sheet.url:
        line += " " + _("Regnearket finner dere her: %(url)s", url=sheet.url)
    return line


def _web(due: DueReminder, public_url: str) -> str:
    if public_url:
        page = f"{public_url.rstrip('/')}/planer/{quote(due.plan_key)}/rapportere"
        return f"{page}?organ={quote(due.body_name)}"
    return _("logg inn i Planlogg og velg «Rapporter status» på statusoversikten for planen")


def _short(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
