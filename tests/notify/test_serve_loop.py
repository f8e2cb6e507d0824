"""`planlogg serve` sends due reminders by itself, in one elected process, once per step."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from domain.application import Planlogg
from domain.demo import load_demo
from notify.election import elected
from notify.loop import ReminderLoop
from projections import ReadModels
from tests.notify.smtp_server import SmtpServer
from tests.notify.test_sending import TODAY, sender_for
from web.cli.serve_commands import build_server

CONFIG = {"SECRET_KEY": "t", "TESTING": True}


def test_serve_sends_the_due_reminders_once_and_not_again_after_a_restart(
    tmp_path: Path, smtp: SmtpServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANLOGG_SMTP_URL", smtp.url)
    monkeypatch.setenv("PLANLOGG_MAIL_FROM", "sekretariat@planlogg.example.org")
    monkeypatch.setenv("PLANLOGG_REMINDER_INTERVAL", "1")
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    server = build_server(url, demo=True, sync=False, config=CONFIG)
    assert server.reminders is not None
    server.start_background()
    try:
        smtp.inbox.wait_for(3)
    finally:
        server.shutdown()
        server.app.close()
    assert len(smtp.inbox.messages) == 3

    restarted = build_server(url, demo=False, sync=False, config=CONFIG)
    try:
        assert restarted.reminders is not None
        assert restarted.reminders.run_once()[0].sent == []
    finally:
        restarted.app.close()
    assert len(smtp.inbox.messages) == 3


def test_serve_without_an_smtp_server_sends_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANLOGG_SMTP_URL", raising=False)
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    server = build_server(url, demo=True, sync=False, config=CONFIG)
    try:
        assert server.reminders is None
    finally:
        server.app.close()


def test_only_the_elected_process_sends(database_url: str, smtp: SmtpServer) -> None:
    app = Planlogg.from_url(database_url)
    other = Planlogg.from_url(database_url)
    try:
        load_demo(app)
        models = ReadModels.open(app)
        models.catch_up()
        loop = ReminderLoop(models, sender_for(app, smtp))
        with elected(other, "reminders") as held:
            assert held
            assert loop.run_once() == []
        assert smtp.inbox.messages == []
        (report,) = loop.run_once()
    finally:
        other.close()
        app.close()
    assert len(report.sent) == 3
    assert len(smtp.inbox.messages) == 3


def test_a_reminder_refused_for_now_is_logged_and_sent_on_the_next_look(
    sqlite_url: str, smtp: SmtpServer, caplog: pytest.LogCaptureFixture
) -> None:
    app = Planlogg.from_url(sqlite_url)
    try:
        load_demo(app)
        models = ReadModels.open(app)
        models.catch_up()
        loop = ReminderLoop(models, sender_for(app, smtp), today=lambda: TODAY)
        smtp.inbox.deferred.add("sekretariat@example.org")
        with caplog.at_level(logging.WARNING, logger="planlogg.reminders"):
            (first,) = loop.run_once()
        smtp.inbox.deferred.clear()
        (second,) = loop.run_once()
    finally:
        app.close()
    assert [r.message for r in caplog.records] == [
        "Påminnelse til Sekretariat venter til neste gang: Tjeneren ba oss prøve igjen senere: "
        "sekretariat@example.org (451 4.3.0 Kom att seinare)."
    ]
    assert (len(first.sent), [r.body_name for r in second.sent]) == (2, ["Sekretariat"])
    assert len(smtp.inbox.messages) == 3
