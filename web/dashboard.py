"""The status dashboard of a plan: counts per area and per body as SVG charts,
the open reporting round's progress by body with its reminders (those "kanskje
sendt", why the mail server refused or put off those it did, and which addresses did
not get one that others got: "delvis sendt"), each measure's
light across rounds, non-SMART measures and what each lacks, and the § 6-2 topics
and patient groups no measure covers. The open round's block names the measures it asks no
body about because a body they name is not in the register (`domain.reminders.unasked`),
with the way to the register of bodies, where such spellings are merged.

Staff only (any role): the read model counts the working version, which may
hold a pending revision the public must not see. Editors also get the button
that lays a damaged sheet out again (`sync restore`) when this server syncs the
plan with a sheet, the buttons that confirm or resend a reminder that is
"kanskje sendt" or failed (`web.reminder_actions`), and the reporting round's own: open one,
close it, change its reminders (`web.round_actions`), and the links to the registers of bodies
and decisions at the top, as the working version has them.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Protocol, runtime_checkable

from flask import Blueprint, abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from domain.errors import PlanloggError
from domain.reminders import ReminderStatus, due_step, reminded_at, standing, unasked_words
from language import _, ngettext
from web.auth import can, require
from web.charts import rows_from, stacked_bars, status_trend
from web.form_labels import FormLabels
from web.reading import current_plan, is_community, read_models
from web.reminder_actions import OUTCOMES
from web.roles import Permission
from web.round_actions import round_done
from web.services import services
from web.sheet_sync import sheet_sync
from web.smart_criteria import smart_words

bp = Blueprint("dashboard", __name__)

FORM = FormLabels(endpoint="dashboard.restore_sheet")
"""Laying the plan out again in the sheet: a button, no fields."""


@runtime_checkable
class SheetRestorer(Protocol):
    """The server's sheet sync, able to lay a damaged sheet out again (`SyncLoop`)."""

    plan_key: str

    def restore(self, tab: str = "") -> Any: ...


@runtime_checkable
class StoppedRestore(Protocol):
    """A restore that stopped after it kept the damaged tab's unsynced edits
    (`sync.restore.RestoreStopped`): `said` words it, with the button to press again."""

    def said(self, at_most: int | None = None, button: bool = False) -> str: ...


def _restorer(key: str) -> SheetRestorer | None:
    loop = services().sync
    return loop if isinstance(loop, SheetRestorer) and loop.plan_key == key else None


def reminder_words(status: str) -> str:
    """What became of a reminder, in the målform spoken, in the words the API and the command
    line use (`ReminderStatus.label`); its code when unknown."""
    try:
        return ReminderStatus(status).label
    except ValueError:
        return status


def step_words(step: int) -> str:
    """A reminder's step: "14 dager før fristen", "1 dag etter fristen", "på fristdagen"."""
    days = abs(step)
    if step == 0:
        return _("på fristdagen")
    if step > 0:
        return ngettext("%(num)s dag før fristen", "%(num)s dager før fristen", days)
    return ngettext("%(num)s dag etter fristen", "%(num)s dager etter fristen", days)


UNDELIVERED = frozenset(
    s.value for s in ReminderStatus if not s.delivered and s is not ReminderStatus.INTENDED
)
"""The statuses of a reminder the mail server refused or put off (for some or all of its
addresses): its answer says why."""


def _with_reasons(key: str, board: dict[str, Any], today: date) -> None:
    """Give each reminder the mail server refused or put off its answer (`reason`), as its
    outcome recorded it (in the målform of the run that sent it), and what became of each
    address that did not get it when its addresses fared differently (`apart`, as
    `Reminder.apart_words` says it as the reminder stands today), and whether a person may
    send it again (`refused`: some address was refused for good, and some address of the
    body's contacts now has not had it, so a resend goes to someone; `Reminder.not_had`, as
    the sender's `_resent_to` reads it: refused addresses taken out of the contacts since
    count no more than the `Reminder.unlisted` ones put off). The dashboard keeps only the
    status, so the round's projected state is read, and only when the page shows such a
    reminder."""
    found = board["open_round"]
    progress = found["progress"] if found else ()
    undelivered = [
        (p["body_id"], r) for p in progress for r in p["reminders"] if r["status"] in UNDELIVERED
    ]
    if not undelivered:
        return
    models = read_models()
    register = models.plan_register(key)
    state = models.round_state(key, found["round_id"])
    recorded = {
        (register.key_of(r.body), r.step, r.attempt): r for r in (state.reminders if state else ())
    }
    due = due_step(state.schedule, state.deadline, today) if state else None
    reported = {p["body_id"]: p["reported"] for p in progress}
    for body, reminder in undelivered:
        found = recorded.get((body, reminder["step"], reminder["attempt"]))
        if found is None or state is None:
            reminder["reason"] = ""
            continue
        contacts = reminded_at(register, body)
        found = standing(
            found, reported=reported[body], due=due, schedule=state.schedule, contacts=contacts
        )
        reminder["reason"] = found.note
        reminder["apart"] = found.apart_words()
        reminder["refused"] = bool(found.refused and found.not_had(contacts))


def _maybe_sent(board: dict[str, Any]) -> list[str]:
    found = board["open_round"]
    if not found:
        return []
    return [
        p["body"] for p in found["progress"] for r in p["reminders"] if r["status"] == "intended"
    ]


def _reminder_done(board: dict[str, Any]) -> dict[str, str] | None:
    """What a press on a reminder's button did, told after the redirect: the body by the
    name the register gives it, never as typed in the address."""
    outcome = request.args.get("paaminnelse", "")
    found = board["open_round"]
    if outcome not in OUTCOMES.values() or not found:
        return None
    body = request.args.get("organ", "")
    step = request.args.get("steg", type=int)
    progress = next((p for p in found["progress"] if p["body_id"] == body), None)
    if progress is None or step is None:
        return None
    return {"outcome": outcome, "body": progress["body"], "step": step_words(step)}


@bp.get("/planer/<key>/dashbord")
def dashboard(key: str) -> str:
    require(Permission.READ_DRAFT)
    plan = current_plan(key).to_dict()
    today = services().today()
    board = read_models().dashboard(key, today).to_dict()
    _with_reasons(key, board, today)
    years = read_models().report_years(key, today)
    return render_template(
        "dashboard/dashboard.html",
        plan=plan,
        board=board,
        maybe_sent=_maybe_sent(board),
        can_handle_reminders=can(Permission.EDIT),
        can_run_rounds=can(Permission.EDIT),
        bodies_kept=can(Permission.EDIT) and is_community(plan["owner"]),
        unasked=unasked_words(board["open_round"]["unasked"]) if board["open_round"] else "",
        reminder_done=_reminder_done(board),
        round_done=round_done(key),
        reminder_words=reminder_words,
        step_words=step_words,
        smart_words=smart_words,
        area_chart=stacked_bars(
            _("Status per innsatsområde"), rows_from(board["by_area"]), "areas"
        ),
        body_chart=stacked_bars(
            _("Status per ansvarlig organ"), rows_from(board["by_body"]), "bodies"
        ),
        report_years=years,
        after_period=today.year if years and today.year > years[0] else None,
        first_report_year=_first_report_year(key, plan, today) if not years else None,
        trend_chart=status_trend(
            _("Status per tiltak over rapporteringsrundene"),
            [r["round_id"] for r in board["rounds"]],
            [(t["number"], t["colours"]) for t in board["trend"]],
            "trend",
        ),
        can_restore=_restorer(key) is not None and can(Permission.EDIT),
        restore=_restore_outcome(key),
        sheet_sync=sheet_sync(key),
    )


RESTORE_OUTCOME = "planlogg_restore"
"""The session's note of what the restore button did, read once by the page it leads to."""
RESTORED, RESTORE_FAILED = "gjenopprettet", "ikke-lagt-ut"
"""The outcomes the address may name (`?ark=gjenopprettet`, `?feil=ikke-lagt-ut`)."""
NOTED_REFUSALS = 5
"""How many of the edits a restore could not keep its note names; the rest are counted. The
note rides in the session cookie, which a browser drops above 4 KB. The note holds the words
themselves, said in the målform of whoever pressed the button, who reads them next."""


def _restore_outcome(key: str) -> dict[str, Any] | None:
    """What the restore button did, told after its redirect: the address names only the
    outcome; the new tab, the counts and the reason it failed are what the restore itself
    noted in the signed session, so a link can neither claim a restore that never happened
    nor put its own words in the page as Planlogg's. An outcome no restore noted is ignored."""
    named = RESTORED if request.args.get("ark") == RESTORED else request.args.get("feil")
    if named not in (RESTORED, RESTORE_FAILED):
        return None
    noted = session.pop(RESTORE_OUTCOME, None)
    if not isinstance(noted, dict) or noted.get("plan") != key:
        return None
    if noted.get("outcome") != named:
        return None
    return noted


def _first_report_year(key: str, plan: dict[str, Any], today: date) -> int:
    """The year of the first annual report, said while none can be made (no year of the
    period has begun): the first year of the version in force, which reports are on, else of
    the working version; never a draft's moved since. The years linked are those a report is
    made for (`ReadModels.report_years`), not the draft's period: a revision extending it
    had a year linked that the report refused with 422."""
    in_force = read_models().version_in_force(key, today)
    return in_force.first_year if in_force else int(plan["first_year"])


@bp.post("/planer/<key>/dashbord/gjenopprett-ark")
def restore_sheet(key: str) -> Response:
    """Lay the plan out again on a new tab; what was typed in the damaged tab and not yet
    synced is kept as conflicts (shown in Melding), the damaged tab left as it was."""
    require(Permission.EDIT)
    current_plan(key)
    restorer = _restorer(key)
    if restorer is None:
        abort(409, description=_("Denne planen synkroniseres ikke med et regneark her."))
    try:
        report = restorer.restore()
    except PlanloggError as error:
        if isinstance(error, StoppedRestore):
            said = error.said(NOTED_REFUSALS, button=True)
            session[RESTORE_OUTCOME] = {"plan": key, "outcome": RESTORE_FAILED, "stopped": said}
        else:
            noted = {"plan": key, "outcome": RESTORE_FAILED, "error": error.message}
            session[RESTORE_OUTCOME] = noted
        return redirect(url_for("dashboard.dashboard", key=key, feil=RESTORE_FAILED))
    session[RESTORE_OUTCOME] = {
        "plan": key, "outcome": RESTORED, "tab": report.tab, "sheet": report.label,
        "said": report.what_was_kept(NOTED_REFUSALS),
    }  # fmt: skip
    return redirect(url_for("dashboard.dashboard", key=key, ark=RESTORED))
