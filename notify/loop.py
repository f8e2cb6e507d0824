"""`planlogg serve` sends due reminders by itself, in one elected process."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from domain.norwegian_time import oslo_today
from language import _, ngettext
from notify.election import elected
from notify.mail import MailUnavailable
from notify.sender import ReminderSender, SendReport
from projections import ReadModels

log = logging.getLogger("planlogg.reminders")

REMINDER_INTERVAL = 300.0
"""Seconds between looks for due reminders; steps are days apart, so minutes are plenty."""


class ReminderLoop:
    def __init__(
        self,
        read_models: ReadModels,
        sender: ReminderSender,
        interval: float = REMINDER_INTERVAL,
        today: Callable[[], date] = oslo_today,
    ) -> None:
        self.read_models = read_models
        self.sender = sender
        self.interval = interval
        self.today = today

    def run_once(self) -> list[SendReport]:
        """Send what is due in every plan with an open round; nothing when another sends."""
        app = self.sender.app
        with elected(app, "reminders") as held:
            if not held:
                return []
            reports = []
            for summary in self.read_models.plans():
                if app.get_plan(summary.key).open_round_id() is None:
                    continue
                report = self.sender.send_due(summary.key, self.today())
                _log(report, summary.key)
                reports.append(report)
            return reports

    def run_forever(self, stop: threading.Event) -> None:
        while not stop.is_set():
            try:
                self.run_once()
            except MailUnavailable as error:
                seconds = round(self.interval)
                again = ngettext(
                    "Prøver igjen om %(num)s sekund.", "Prøver igjen om %(num)s sekunder.", seconds
                )
                log.warning("%s %s", error.message, again)
            except Exception:
                log.exception("%s", _("Påminnelsene ble ikke sendt; prøver igjen"))
            stop.wait(self.interval)


def _log(report: SendReport, plan: str) -> None:
    """What one plan's run did, for whoever watches `serve`'s log."""
    for reminder in report.sent:
        log.info(
            "%s", _("Påminnelse sendt til %(body)s (%(plan)s)", body=reminder.body_name, plan=plan)
        )
    for partly in report.partly:
        log.warning(
            "%s",
            _(
                "Påminnelse til %(body)s (%(plan)s) sendt til %(taken)s, men ikke til alle: "
                "%(others)s",
                body=partly.reminder.body_name,
                plan=plan,
                taken=", ".join(partly.taken),
                others=partly.others,
            ),
        )
    for reminder, why in report.failed:
        log.warning(
            "%s",
            _("Påminnelse til %(body)s ble avvist: %(why)s", body=reminder.body_name, why=why),
        )
    for reminder, why in report.deferred:
        log.warning(
            "%s",
            _(
                "Påminnelse til %(body)s venter til neste gang: %(why)s",
                body=reminder.body_name,
                why=why,
            ),
        )
