"""The Planlogg web app: public plan, dashboard, auditors' views and the JSON API.

`create_app()` builds everything; nothing is built at import time. The
application service, the read models and the token store are kept in
`app.extensions["planlogg"]` (see `web.services`).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from flask import Flask

from domain.application import Planlogg
from domain.norwegian_time import oslo_today
from notify.mail import Mailer, SmtpMailer, SmtpSettings

if TYPE_CHECKING:
    from web.form_labels import FormLabels


def create_app(
    config: dict[str, Any] | None = None,
    *,
    app: Planlogg | None = None,
    read_models: Any = None,
    tokens: Any = None,
) -> Flask:
    """Build the web app on `app` (or on config["DATABASE_URL"])."""
    from web import csrf, language, login, rate_limits, readiness, security, templating
    from web.bounded_json import BoundedJSONProvider
    from web.config import default_config, secret_key
    from web.errors import register_error_handlers
    from web.services import Services
    from web.tokens import token_store_for

    web = Flask(__name__)
    web.json = BoundedJSONProvider(web)
    web.config.from_mapping(default_config())
    web.config.update(config or {})
    if not web.config.get("SECRET_KEY"):
        web.config["SECRET_KEY"] = secret_key()
    one_database = app is None and read_models is None and tokens is None
    planlogg = app or Planlogg.from_url(web.config["DATABASE_URL"])
    if read_models is None:
        from projections import ReadModels

        read_models = ReadModels.open(planlogg)
    today = web.config.get("TODAY")
    web.extensions["planlogg"] = Services(
        app=planlogg,
        read_models=read_models,
        tokens=tokens or token_store_for(web.config["DATABASE_URL"]),
        today=(lambda: date.fromisoformat(today)) if today else oslo_today,
        mailer=_mailer(web.config),
        public_url=web.config.get("PUBLIC_URL", ""),
        position_beside_tokens=one_database,
    )
    register_error_handlers(web)
    language.init_app(web)
    readiness.init_app(web)
    csrf.init_app(web, _page_forms())
    security.init_app(web)
    templating.init_app(web)
    login.init_app(web)
    _register_blueprints(web)
    rate_limits.init_app(web)
    return web


def _mailer(config: dict[str, Any]) -> Mailer | None:
    """The SMTP server of PLANLOGG_SMTP_URL (a wrong address stops the start, as in `serve`)."""
    url = config.get("SMTP_URL", "")
    return SmtpMailer(SmtpSettings.parse(url, config.get("MAIL_FROM", ""))) if url else None


def _page_forms() -> dict[str, FormLabels]:
    """Each page form's labels (`web.form_labels`), by the endpoint it is sent to."""
    from web import (
        approval_form,
        bodies,
        dashboard,
        decision_register,
        evaluation_form,
        measure_editing,
        measure_removal,
        new_measure,
        people,
        plan_cycle,
        plan_outline,
        reminder_actions,
        round_actions,
        session,
        status_reporting,
        working_plan,
    )
    from web.form_labels import forms_by_endpoint

    return forms_by_endpoint((
        *approval_form.FORMS, dashboard.FORM, evaluation_form.FORM, measure_editing.FORM,
        people.ADD_FORM, people.CHANGE_FORM, reminder_actions.CONFIRM_FORM,
        reminder_actions.RESEND_FORM, session.LOG_IN_FORM, session.LOG_OUT_FORM,
        session.PROFILE_FORM, status_reporting.FORM, *new_measure.FORMS, *measure_removal.FORMS,
        *plan_outline.FORMS, working_plan.HEADER_FORM, *round_actions.FORMS,
        decision_register.FORM, *bodies.FORMS, *plan_cycle.FORMS,
    ))  # fmt: skip


def _register_blueprints(web: Flask) -> None:
    from web import (
        approval_form,
        audit,
        bodies,
        dashboard,
        decision_register,
        evaluation_form,
        health,
        login,
        measure_editing,
        measure_removal,
        new_measure,
        people,
        plan_cycle,
        plan_outline,
        public,
        reminder_actions,
        report_downloads,
        round_actions,
        session,
        status_reporting,
        working_plan,
    )
    from web.api import commands, docs, reads

    for module in (
        public, dashboard, working_plan, measure_editing, new_measure, measure_removal,
        plan_outline, status_reporting, approval_form, decision_register,
        evaluation_form, reminder_actions, round_actions, audit, session, login, people, health,
        report_downloads, bodies, plan_cycle, reads,
        commands, docs,
    ):  # fmt: skip
        web.register_blueprint(module.bp)
