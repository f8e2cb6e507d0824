"""The reminder as the body reads it: nynorsk, the plan, the deadline, what is missing, how."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import quote

from domain.reminders import step_label
from notify.due import DueReminder

MAX_LISTED = 60
"""A body with more open measures than this gets the first ones and a count."""


def reminder_message(due: DueReminder, sender: str, public_url: str = "") -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(due.recipients)
    deadline = due.deadline.strftime("%d.%m.%Y")
    when = "Fristen var" if due.step < 0 else "Fristen er"
    message["Subject"] = f"Påminning: statusrapport for {due.plan_title} – frist {deadline}"
    message["Message-ID"] = make_msgid("planlogg")
    message["X-Planlogg-Reminder"] = f"{due.plan_key}/{due.round_id}/{due.body}/{due.step}"
    message.set_content(_body(due, deadline, when, public_url))
    return message


def _body(due: DueReminder, deadline: str, when: str, public_url: str) -> str:
    lines = [
        f"Til {due.body_name}",
        "",
        f"{when} {deadline} for å rapportere status i handlingsplanen «{due.plan_title}» "
        f"(rapporteringsrunde {due.round_id}). Dette er påminninga {step_label(due.step)}.",
        "",
    ]
    if due.measures:
        lines.append("Desse tiltaka de har ansvar for, manglar status i runden:")
        lines += [f"  {number}  {_short(text)}" for number, text in due.measures[:MAX_LISTED]]
        if len(due.measures) > MAX_LISTED:
            lines.append(f"  … og {len(due.measures) - MAX_LISTED} til.")
    else:
        lines.append("Vi har ikkje fått statusrapport frå dykk i runden.")
    lines += [
        "",
        "Slik rapporterer de (grønn, gul eller raud, med ein kort kommentar):",
        "  - i reknearket for planen: fyll ut kolonnane Status og Kommentar på rada til tiltaket;",
        f"  - på nettsida: {_web(due, public_url)};",
        f"  - eller på kommandolinja: planlogg status {due.plan_key} TILTAK grønn "
        f'--comment "…" --body "{due.body_name}".',
        "",
        "Har de alt rapportert, kan de sjå bort frå denne e-posten.",
        "",
        "Helsing sekretariatet, sendt av Planlogg",
    ]
    return "\n".join(lines) + "\n"


def _web(due: DueReminder, public_url: str) -> str:
    if public_url:
        page = f"{public_url.rstrip('/')}/planer/{quote(due.plan_key)}/rapportere"
        return f"{page}?organ={quote(due.body_name)}"
    return "logg inn i Planlogg og vel «Rapporter status» på statusoversikta for planen"


def _short(text: str, limit: int = 100) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
