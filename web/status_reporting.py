"""Reporting status in the browser: a body's reporter reports its measures in the open round.

A signed-in reporter reports for the bodies they are assigned (`people`); an
editor for any body of the round. Each measure gets a light (grønn, gul, rød)
and a comment; only the measures whose light or comment the reporter changed are
recorded, each as the signed-in person's report from the web, for the chosen body.
Every row is checked before any is saved: a refused row saves nothing, and the
form comes back as typed with each refused measure named. The form sends back,
hidden, each row as it showed it, so a report someone else made meanwhile is never
overwritten: a row left untouched is not reported, and a row changed by both is
refused (409) naming the other report. The rows are saved in one save, all or nothing
(`Planlogg.report_statuses`), which checks what each row showed against the round's
report inside the save itself: a report saved while the POST is under way is caught as
one saved before it. Plain HTML form with a CSRF token.

Under each measure the status that stands (this round's, or an earlier round's) is shown as
text, with its day and reporter: a round asks for a fresh report, so an earlier round's light
and comment never fill the inputs. After a save the form says which of the body's measures
still have no status in the round, or that none is left, counted as the dashboard and the
reminders count them (`domain.reminders.unreported_numbers`). A save that records nothing new
(the form sent again after the back button, a form saved as shown) says so, naming the
measures that already had the status sent, never «0 tiltak fikk ny status.».

A form that can no longer be saved as it was shown is given back as typed (409), nothing
saved, saying why: its round was closed with none opened since, the reporter no longer
reports for the body it was shown for (the form carries that body, hidden: someone never
shown the body's form is refused, 403), or a light or comment was typed for a measure no
longer among the body's rows (a version adopted, or the measure given another body, while
the form was open), each such measure named as the form showed it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from flask import Blueprint, abort, redirect, render_template, request, session, url_for

from domain.body_register import BodyRegister
from domain.errors import ConcurrentEditError, NotFoundError, PlanloggError, ValidationError
from domain.measure import MeasureState
from domain.numbering import number_sort_key
from domain.own_reasons import STATUS_REPORT
from domain.plan import Plan, StatusEntry, replaced_unseen, status_tag
from domain.provenance import Provenance, Source
from domain.reminders import as_registered, own_measures, unreported_numbers
from domain.text import COMMENT, checked
from domain.vocabulary import COLOUR_LABELS, Colour
from language import N_, _, ngettext
from web.auth import Caller, require
from web.form_labels import FormLabels
from web.roles import Permission
from web.services import services

bp = Blueprint("status_reporting", __name__)

COLOURS = tuple((colour.value, COLOUR_LABELS.key(colour)) for colour in Colour)
"""The lights a reporter chooses from: the code stored, the word shown (`N_`, translated
there), the domain's (`COLOUR_LABELS`)."""
FORM = FormLabels(
    endpoint="status_reporting.report",
    hidden=frozenset({"runde"}),
    per_measure={"status-": N_("Tiltak %(number)s"), "kommentar-": N_("Kommentar til %(number)s")},
    worded={"status-": COLOUR_LABELS},
)
"""Each measure's light and comment (named by the measure's ID after these prefixes), under
labels naming the measure by its number; the light in the words the form offers it in."""
SAVED = "statusrapport_lagret"
"""The session's note of the last status save made in this browser: the plan, round, body
and how many measures it reported. The address after a save says `lagret=N`; the notice is
given only where this note matches it, for the round shown, so the address reopened once
the next round is open (from the history, a bookmark) tells of no save there."""


@dataclass(frozen=True)
class Row:
    """One measure in the form: what it says, and its light in this round so far."""

    measure: MeasureState
    colour: str
    comment: str
    error: str = ""
    """Why the row as typed cannot be saved, naming its measure."""
    at: str = "kommentar"
    """Where the error is shown and its link in the summary goes: at the comment, or at the
    lights ("status") when it is the light that is missing or unknown."""
    shown: tuple[str, str] | None = None
    """The light and comment the reporter's form showed (sent back hidden; as stored when
    the form sent none); None: the row is as stored, and shows itself."""

    @property
    def report(self) -> tuple[str, str]:
        return self.colour, self.comment.strip()

    @property
    def shown_report(self) -> tuple[str, str]:
        colour, comment = self.shown or (self.colour, self.comment)
        return colour, comment.strip()

    @property
    def key(self) -> str:
        return self.measure.id


@dataclass(frozen=True)
class Lost:
    """A light or comment typed for a measure no longer among the body's rows: shown back to
    the reporter, outside the form (it cannot be saved for this body), never dropped."""

    key: str
    number: str
    """The measure's number as the form showed it; else as it is now; else its ID."""
    colour: str
    """The light typed, in words ("" when none was chosen)."""
    comment: str
    error: str


def _register(plan: Plan) -> BodyRegister:
    return services().app.body_register(plan.header.owner)


def _reportable_bodies(
    caller: Caller, bodies: tuple[str, ...], register: BodyRegister
) -> tuple[str, ...]:
    """An editor reports for every body of the round; a reporter for their own.

    Bodies compare through the register: a person assigned "ASU" reports for the
    body whose id or any spelling that is.
    """
    if caller.can(Permission.EDIT):
        return bodies
    own = {register.identity(b) for b in getattr(caller, "bodies", ())}
    return tuple(b for b in bodies if register.identity(b) in own)


def _rows(plan: Plan, round_id: str, body: str) -> list[Row]:
    register = _register(plan)
    wanted = register.identity(body)
    rows = []
    for measure in plan.reporting_measures():
        if wanted not in {register.identity(b) for b in measure.responsible}:
            continue
        status = measure.status if measure.status and measure.status.round_id == round_id else None
        rows.append(
            Row(measure, status.colour.value if status else "", status.comment if status else "")
        )
    return rows


def _chosen_body(caller: Caller, plan: Plan) -> tuple[str, Any, tuple[str, ...], str]:
    round_id = plan.open_round_id()
    if round_id is None:
        return "", None, (), ""
    state = plan.rounds[round_id]
    register = _register(plan)
    allowed = _reportable_bodies(caller, state.bodies, register)
    wanted = request.values.get("organ", "")
    chosen = [b for b in allowed if wanted and register.identity(b) == register.identity(wanted)]
    body = chosen[0] if chosen else (allowed[0] if len(allowed) == 1 else "")
    if wanted and not chosen:
        abort(
            403,
            description=_(
                "Du rapporterer ikke for %(body)s i denne runden.", body=register.label(wanted)
            ),
        )
    return round_id, state, allowed, body


@bp.get("/planer/<key>/rapportere")
def form(key: str) -> str:
    caller = require(Permission.REPORT)
    plan = services().app.get_plan(key)
    round_id, state, allowed, body = _chosen_body(caller, plan)
    return _page(plan, round_id, state, allowed, body)


@bp.post("/planer/<key>/rapportere")
def report(key: str) -> Any:
    caller = require(Permission.REPORT)
    app = services().app
    plan = app.get_plan(key)
    gone = _gone_meanwhile(caller, plan)
    if gone is not None:
        shown_round, shown_body, message = gone
        rows = [_as_typed(row) for row in _rows(plan, shown_round, shown_body)]
        allowed = _reportable_bodies(caller, plan.rounds[shown_round].bodies, _register(plan))
        page = _page(
            plan,
            shown_round,
            plan.rounds[shown_round],
            allowed,
            shown_body,
            message,
            rows,
            lost=_lost(plan, rows, shown_body),
            final=True,
        )
        return page, 409
    round_id, state, allowed, body = _chosen_body(caller, plan)
    if not body:
        abort(409, description=_("Ingen åpen rapporteringsrunde, eller intet organ valgt."))
    stored = _rows(plan, round_id, body)
    rows = [_as_typed(row) for row in stored]
    lost = _lost(plan, rows, body)
    if lost:
        message = _(
            "Ingenting er lagret: tiltakene du rapporterer på, ble endret mens du fylte ut "
            "skjemaet. Se over og lagre på nytt."
        )
        return _page(plan, round_id, state, allowed, body, message, rows, lost=lost), 409
    if any(row.error for row in rows):
        message = _("Ingenting er lagret. Rett feilene under og lagre på nytt.")
        return _page(plan, round_id, state, allowed, body, message, rows=rows), 422
    by = Provenance(caller.name, Source.WEB, reason=_(STATUS_REPORT))
    try:
        saved = app.report_statuses(
            key,
            _new_reports(rows),
            by,
            body=body,
            round_id=request.form.get("runde") or round_id,
            today=services().today(),
        )
    except ConcurrentEditError as error:
        fresh = app.get_plan(key)
        again = _after_clashes(rows, _rows(fresh, round_id, body))
        message = error.message
        if any(row.error for row in again):
            message = _(
                "Ingenting er lagret: noen rapporterte på de samme tiltakene mens du fylte ut "
                "skjemaet. Se over og lagre på nytt."
            )
        return _page(fresh, round_id, state, allowed, body, message, again), 409
    except PlanloggError as error:
        fresh = app.get_plan(key)
        again = _after_clashes(rows, _rows(fresh, round_id, body))
        return _page(fresh, round_id, state, allowed, body, error.message, again), 422
    services().read_models.read_your_writes()
    sent = [row for row in rows if row.colour and _touched(row)]
    unchanged = [row.measure.number for row in sent if row.key not in saved]
    session[SAVED] = {**_saved_note(key, round_id, body, len(saved)), "unchanged": unchanged}
    return redirect(url_for("status_reporting.form", key=key, organ=body, lagret=len(saved)), 303)


def _saved_note(key: str, round_id: str, body: str, count: int) -> dict[str, Any]:
    return {"plan": key, "round": round_id, "body": body, "count": count}


def _saved_here(plan: Plan, round_id: str, body: str) -> str | None:
    """What the save the address tells of (`lagret=N`) did, when it is this browser's last
    save, for this body in the round shown (`SAVED`); else None: no notice."""
    count = request.args.get("lagret", type=int)
    if count is None or not body:
        return None
    noted = session.get(SAVED)
    if not isinstance(noted, dict):
        return None
    if {k: noted.get(k) for k in ("plan", "round", "body", "count")} != _saved_note(
        plan.key, round_id, body, count
    ):
        return None
    unchanged = [str(n) for n in noted.get("unchanged", ())]
    return _saved_words(count, unchanged, round_id)


def _saved_words(count: int, unchanged: list[str], round_id: str) -> str:
    """What a save did: how many measures got a new status, and which of those the form sent
    already had that status in the round (the form sent again after the back button, the
    same lights saved twice): a save of nothing new says so, never «0 tiltak fikk ny status.»,
    which reads as a failed save."""
    if count == 0 and unchanged:
        return _(
            "Ingen endringer å lagre: %(numbers)s har allerede denne statusen i runde %(round)s.",
            numbers=_listed(unchanged),
            round=round_id,
        )
    if count == 0:
        return _("Ingen endringer å lagre: skjemaet er likt det som er lagret.")
    said = ngettext("%(num)s tiltak fikk ny status.", "%(num)s tiltak fikk ny status.", count)
    if not unchanged:
        return said
    also = _("%(numbers)s hadde allerede denne statusen i runden.", numbers=_listed(unchanged))
    return f"{said} {also}"


def _listed(numbers: list[str]) -> str:
    """Measures' numbers as a sentence lists them, in number order: «4.1.3, 4.2.1 og 4.2.2»."""
    ordered = sorted(numbers, key=number_sort_key)
    if len(ordered) == 1:
        return ordered[0]
    return _("%(first)s og %(last)s", first=", ".join(ordered[:-1]), last=ordered[-1])


def _same_body(plan: Plan, one: str, other: str) -> bool:
    register = _register(plan)
    return bool(one and other) and register.identity(one) == register.identity(other)


def _gone_meanwhile(caller: Caller, plan: Plan) -> tuple[str, str, str] | None:
    """The round and body a posted form was shown for, and why it can no longer be saved
    for them, when something changed while it was open; None: it can be tried (and is
    refused, if at all, as any form is).

    The form carries its round (`runde`) and, hidden, the body it was shown for
    (`vist-organ`). A reporter no longer reporting for that body is told so; a post that
    names no body it was shown is refused (403, by `_chosen_body`). The hidden body is the
    client's word: it chooses which refusal is given, never what is saved or shown beyond
    the measures the poster may read. A round closed with none opened since, or replaced
    by one not asking the body, cannot be reported in; a round replaced by one asking the
    body is refused by the save itself, and the form given back for the new round
    (`_after_clashes`): what the reporter changed as typed, the rest as the new round has it.
    """
    round_id = request.form.get("runde", "")
    state = plan.rounds.get(round_id)
    wanted = request.values.get("organ", "") or request.form.get("vist-organ", "")
    body = next((b for b in state.bodies if _same_body(plan, b, wanted)), "") if state else ""
    if state is None or not body:
        return None
    register = _register(plan)
    if body not in _reportable_bodies(caller, state.bodies, register):
        if not _same_body(plan, request.form.get("vist-organ", ""), body):
            return None
        message = _(
            "Du rapporterer ikke lenger for %(body)s. Ingenting er lagret.",
            body=register.label(body),
        )
        return round_id, body, message
    open_id = plan.open_round_id()
    if round_id == open_id:
        return None
    if open_id is not None and any(_same_body(plan, b, body) for b in plan.rounds[open_id].bodies):
        return None
    message = _(
        "Runde %(round)s er avsluttet mens du fylte ut skjemaet. Ingenting er lagret.",
        round=round_id,
    )
    return round_id, body, message


def _lost(plan: Plan, rows: list[Row], body: str) -> list[Lost]:
    """What the reporter typed for measures not among `rows`, the body's rows now: each
    measure whose light or comment differs from what the form showed (its hidden copy; none:
    shown empty). A measure a version adopted meanwhile left out, or gave another body."""
    kept = {row.key for row in rows}
    keys = dict.fromkeys(
        name.removeprefix(prefix)
        for name in request.form
        for prefix in ("status-", "kommentar-")
        if name.startswith(prefix)
    )
    register = _register(plan)
    lost = []
    for key in keys:
        if key in kept:
            continue
        colour = request.form.get(f"status-{key}", "")
        comment = request.form.get(f"kommentar-{key}", "").replace("\r\n", "\n")
        shown = (
            request.form.get(f"vist-status-{key}", ""),
            request.form.get(f"vist-kommentar-{key}", "").replace("\r\n", "\n").strip(),
        )
        if (colour, comment.strip()) == shown:
            continue
        number = request.form.get(f"vist-nummer-{key}", "") or _number_now(plan, key)
        error = _(
            "Tiltak %(number)s er ikke lenger et av tiltakene du rapporterer på for %(body)s i "
            "versjonen som gjelder. Det du skrev om det, kan ikke lagres her.",
            number=number,
            body=register.label(body),
        )
        words = COLOUR_LABELS[Colour(colour)] if colour in COLOUR_LABELS else colour
        lost.append(Lost(key, number, words, comment, error))
    return lost


def _number_now(plan: Plan, key: str) -> str:
    """The measure's number as the plan has it now; its ID when there is no such measure."""
    try:
        return str(plan.measure(key).number)
    except NotFoundError:
        return key


def _as_typed(row: Row) -> Row:
    """The row as the reporter left it, and what is wrong with it, if anything.

    Every row is checked, by the rules the report itself is held to, before any
    is saved: a refusal saves nothing, names each measure refused, and gives the
    reporter back every row as typed. A comment typed without a light is refused too:
    a report needs its light, and leaving the comment out without a word loses it.
    Browsers send a text area's line breaks as CRLF; the stored comment has LF, so an
    unchanged comment of several lines would otherwise be reported again.
    """
    colour = request.form.get(f"status-{row.key}", "")
    comment = request.form.get(f"kommentar-{row.key}", "").replace("\r\n", "\n")
    shown_colour = request.form.get(f"vist-status-{row.key}")
    shown_comment = request.form.get(f"vist-kommentar-{row.key}")
    shown = (row.colour, row.comment)
    if shown_colour is not None and shown_comment is not None:
        shown = (shown_colour, shown_comment.replace("\r\n", "\n"))
    typed = replace(row, colour=colour, comment=comment, shown=shown)
    if colour and colour not in COLOUR_LABELS:
        unknown = _("Ukjent status for %(number)s.", number=row.measure.number)
        return replace(typed, error=unknown, at="status")
    if not colour and comment.strip() and comment.strip() != row.comment:
        return replace(
            typed,
            error=_(
                "Tiltak %(number)s: velg status; en kommentar lagres bare sammen med en status.",
                number=row.measure.number,
            ),
            at="status",
        )
    try:
        checked(comment, N_("Kommentaren"), max_length=COMMENT, lines=True)
    except ValidationError as error:
        problem = _(
            "Tiltak %(number)s: %(reason)s", number=row.measure.number, reason=error.message
        )
        return replace(typed, error=problem)
    return typed


def _touched(row: Row) -> bool:
    """Whether the reporter changed the row from what their form showed."""
    return row.report != row.shown_report


def _clashes(row: Row, before: Row) -> bool:
    """The reporter changed a row someone else reported after the form was shown, and
    the two reports differ (`domain.plan.replaced_unseen`, the rule the save refused by).
    (A round opened meanwhile has no report to overwrite.)"""
    stored, seen = status_tag(*before.report), status_tag(*row.shown_report)
    return _touched(row) and replaced_unseen(stored, seen, status_tag(*row.report))


def _after_clash(row: Row, before: Row) -> Row:
    """The row as the refused form gives it back: what the reporter changed, as typed, now
    against the report stored (so saving again replaces it knowingly), a clash named; a row
    left untouched, as stored now."""
    if not _touched(row):
        return before
    error = ""
    if _clashes(row, before):
        status = before.measure.status
        error = _(
            "Tiltak %(number)s ble rapportert av %(reporter)s mens du fylte ut skjemaet: "
            "%(colour)s, «%(comment)s». Det du skrev, står under: lagre på nytt for å "
            "erstatte den statusrapporten.",
            number=row.measure.number,
            reporter=status.reporter if status else "",
            colour=COLOUR_LABELS[Colour(before.colour)],
            comment=before.comment,
        )
    return replace(row, measure=before.measure, error=error, shown=(before.colour, before.comment))


def _after_clashes(rows: list[Row], fresh: list[Row]) -> list[Row]:
    """The form after a refused save (a report made meanwhile, the round replaced, a rule): the
    body's rows as stored now (`fresh`, read after the refusal, in the round shown now), each
    the reporter changed as typed (`_after_clash`); a row left untouched never shows a light
    the round does not hold (another round's), which saving would not record.
    A measure no longer the body's, or removed, meanwhile is left out: it cannot be reported."""
    typed = {row.key: row for row in rows}
    return [_after_clash(typed[b.key], b) if b.key in typed else b for b in fresh]


def _new_reports(rows: list[Row]) -> list[StatusEntry]:
    """The rows the reporter changed and gave a light, each with the report their form
    showed (`status_tag`), for the save to check against the round's report as it then
    stands. A row left as the form showed it is not reported, even where the report stored
    differs since: that is someone else's report, made meanwhile; a row changed to the
    report that stands now is not recorded again (`Plan.report_statuses`)."""
    return [
        StatusEntry(row.key, Colour(row.colour), row.comment, status_tag(*row.shown_report))
        for row in rows
        if row.colour and _touched(row)
    ]


def _page(
    plan: Plan,
    round_id: str,
    state: Any,
    allowed: tuple[str, ...],
    body: str,
    message: str = "",
    rows: list[Row] | None = None,
    lost: list[Lost] | None = None,
    final: bool = False,
) -> str:
    """The form; after a refusal, `rows` as the reporter typed them, each with its problem
    (nothing of a refused form is saved), and what was typed for measures no longer the
    body's (`lost`); `final`: the form cannot be saved again (its round closed, or the body
    is no longer the reporter's), so it offers no save. Under each measure the status that
    stands, from this round or before, as text (`reported_for`: the body that reported it,
    when another). After a save, how many measures it reported, and which of the body's
    measures still have no status in the round (`_still_unreported`)."""
    if rows is None:
        rows = _rows(plan, round_id, body) if body else []
    register = _register(plan)
    saved = _saved_here(plan, round_id, body)
    return render_template(
        "editing/status_form.html",
        plan=plan,
        round_id=round_id,
        round=state,
        allowed=allowed,
        body=body,
        rows=rows,
        lost=lost or [],
        final=final,
        names={b: register.label(b) for b in (*allowed, body) if b},
        colours=COLOURS,
        labels=FORM.per_measure,
        message=message,
        saved=saved,
        progress=_still_unreported(plan, round_id, body) if saved is not None else None,
        reported_for=_reported_for(plan, rows, body),
        late=state is not None and state.deadline < services().today(),
        closed=_closed_last(plan) if state is None else None,
    )


def _closed_last(plan: Plan) -> tuple[str, Any] | None:
    """With no round open, the round closed last and its state (None: the plan has had
    none): a reporter following an old reminder's link is told that round is over."""
    if not plan.rounds:
        return None
    round_id = plan.shown_round()
    return round_id, plan.rounds[round_id]


def _reported_for(plan: Plan, rows: list[Row], body: str) -> dict[str, str]:
    """The body each row's standing status was reported for, by the row's measure, where that
    is another body than the form's (a measure several bodies answer for); a report of the
    form's body, or one that names no body (older reports), is left out."""
    register = _register(plan)
    own = register.identity(body)
    return {
        row.key: register.label(status.body)
        for row in rows
        if (status := row.measure.status) and status.body and register.identity(status.body) != own
    }


@dataclass(frozen=True)
class Progress:
    """The body's measures in the round after a save: how many, and those still without a
    status in the round, by number."""

    measures: int
    missing: tuple[str, ...]


def _still_unreported(plan: Plan, round_id: str, body: str) -> Progress:
    """What the body still lacks in the round, counted as the dashboard and the reminders
    count it (`domain.reminders.unreported_numbers`, on the measures by registered body)."""
    register = _register(plan)
    key = register.key_of(body)
    measures = as_registered(plan.reporting_measures(), register)
    return Progress(len(own_measures(key, measures)), unreported_numbers(key, round_id, measures))
