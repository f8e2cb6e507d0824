"""The measure-state redesign changed no answer: compared with what the code before it gave.

`tests/fixtures/redesign/` holds what Planlogg answered before the redesign
for the demo and a seeded random history, and databases it wrote (see the
README there). The intended differences: the JSON of a measure's SMART
criteria is always the three parts now, where a measure never given any
showed `{}` and a missing deadline showed `""` (now `null`); each measure has
its evaluations per year (`{}` when it has none, issue 12); and a version diff
says what it compared against and which hearing it shows (none between two
adopted versions). The answers were recorded when Planlogg's messages and labels were
nynorsk only, so they are compared in nynorsk (`spoken_as_recorded`).

The register of bodies (issue 12) added two intended differences: a dashboard's
open round also names its bodies by id (`with_round_body_ids`), and the demo
registers its bodies after adopting version 1 (so its audit trail has them
later, its round names them by id, and its dashboard counts spelling variants
as one body: `tests/domain/test_demo.py` checks those parts exactly).

The history writes the decision a change cites as registered decisions are written
("SSU sak 1/25" is "SSU sak 01/25" now, `cited_as_now`), so the decision filter finds it.

Nynorsk makes the passive with «bli» since: the one refusal recorded with «vart» in
`outcomes.json` is recorded with «blei» (its only difference).

A hearing says the day it was sent since (`SentOnHearing` version 3), and the audit trail
has a row for it (`hearing_sent_on`), which the reference lacks: those rows are compared
apart (`sent_dates_apart`). The databases' hearings were recorded without it (version 2), so
none says when it was sent: each reads `sent_on` None, and has no such row.

Bodies report on the version in force since, not on the draft under way: the random
history reports status on measures only a draft had, which is refused now
(`reported_on_the_version_in_force`). Its later events are then fewer, so the random plan's
audit trail and status picture are no longer those recorded: its content is compared
(`without_statuses`), and every answer of that history as recorded is still compared where
its own events were written before, in the two databases.

A decision's ID is made from its body as names are compared (`name_key`) since, so the
demo's decisions have other IDs than the reference's; their rows are compared without them
(`without_decision_id`); `tests/domain/test_decisions_once_by_any_body_name.py` checks that a
decision recorded under its old ID is still found and not recorded again.

A second reporting round is refused naming the round still open since, with its deadline
and decision (`open_round_named`).

The audit trail says the day of each status report since (`status_reported_on`, schema 13),
which the reference lacks: those rows are compared apart (`report_dates_apart`). Neither
history reports the same words again, so a report's other rows are those recorded.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from domain.application import Planlogg
from domain.demo import DEMO_PLAN, load_demo
from language import speaking
from projections import ReadModels
from projections.handlers import cited
from tests.conftest import POSTGRES_ADMIN_URL
from tests.fixtures.histories import KEY, random_history
from tests.fixtures.reference import answers, normalised

REFERENCE = Path(__file__).parents[1] / "fixtures" / "redesign"


CORRECTED_WORDS = {
    "tart ei revisjon": "tart ein revisjon",
    "(ansvar: ": "(ansvarleg: ",
}
"""Nynorsk the catalogues corrected (issue 13: "ei revisjon"; one word for responsible)."""


def _load(name: str) -> Any:
    text = (REFERENCE / name).read_text(encoding="utf-8")
    for before, after in CORRECTED_WORDS.items():
        text = text.replace(before, after)
    return json.loads(text)


def _plain(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False))


REVISION_COMMANDS = frozenset({
    "reword_measure", "move_measure", "remove_measure", "restore_measure", "assign_responsible",
    "set_timeframe", "link_measure", "set_smart_criteria", "set_evaluation_plan", "tag_measure",
    "report_status", "evaluate_measure", "resolve_conflict",
    "add_area", "rename_area", "add_goal", "reword_goal", "remove_goal",
})  # fmt: skip
"""Measure, area and goal commands, which answered nothing when the reference was recorded
and answer the revision their own save left now (its value is checked in
tests/web/test_api_commands.py and tests/web/test_area_and_goal_etags.py)."""


ROUND_CLOSED = "close_reporting_round"
"""Answered nothing when the reference was recorded, and answers the round it closed now
("R3"; checked in tests/web/test_round_close_names_round.py)."""


HEADER_COMMANDS = {"retitle_plan": str, "change_period": list}
"""Answered nothing when the reference was recorded, and answer the title or period they
replaced now (checked in tests/web/test_cli_plan_title_and_period.py)."""


def revisions_as_recorded(outcomes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The outcomes with each measure command's revision, the round each close closed, and
    the title or period each header command replaced, left out, as the reference has them."""
    return [
        {**o, "result": None}
        if (o["command"] in REVISION_COMMANDS and type(o.get("result")) is int)
        or (o["command"] == ROUND_CLOSED and type(o.get("result")) is str)
        or type(o.get("result")) is HEADER_COMMANDS.get(o["command"])
        else o
        for o in outcomes
    ]


ROUND_STILL_OPEN = "Ein rapporteringsrunde er alt open. Lukk han før du opnar ein ny."
ROUND_NAMED = re.compile(
    r"Rapporteringsrunde (R\d+) \(frist \d\d\.\d\d\.\d{4}, [^)]+\) er framleis open\. "
    r"Lukk han før du opnar ein ny\."
)
STILL_OPEN_REFUSED = 4


def open_round_named(
    recorded: list[dict[str, Any]], now: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The recorded outcomes with each refusal of a second round worded as now: naming the
    round still open (the one the history opened last), its deadline and its decision. The
    count of those is checked."""
    named = []
    opened = ""
    for i, (then, new) in enumerate(zip(recorded, now, strict=True)):
        if then["command"] == "open_reporting_round" and "result" in then:
            opened = then["result"]
        found = ROUND_NAMED.fullmatch(new.get("message", ""))
        if then.get("message") == ROUND_STILL_OPEN and found and found[1] == opened:
            named.append(i)
    assert len(named) == STILL_OPEN_REFUSED
    return [
        {**o, "message": now[i]["message"]} if i in named else o for i, o in enumerate(recorded)
    ]


IN_FORCE_REFUSAL = "er ikkje med i vedteken versjon"
NEWLY_REFUSED = 10
"""The random history's status reports on measures only a draft had (refused since)."""


def reported_on_the_version_in_force(
    recorded: list[dict[str, Any]], now: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The recorded outcomes with each status report on a measure outside the version in
    force refused, as it is now; the count of those is checked."""
    refused = [
        i
        for i, (then, new) in enumerate(zip(recorded, now, strict=True))
        if then["command"] == new["command"] == "report_status"
        and IN_FORCE_REFUSAL in new.get("message", "")
        and IN_FORCE_REFUSAL not in then.get("message", "")
    ]
    assert len(refused) == NEWLY_REFUSED, refused
    return [now[i] if i in refused else then for i, then in enumerate(recorded)]


def without_statuses(value: Any) -> Any:
    """A plan document with no measure's status, nor the change it was last changed by: what
    the random history reported differs."""
    if isinstance(value, dict):
        return {
            k: without_statuses(v) for k, v in value.items() if k not in ("status", "last_change")
        }
    if isinstance(value, list):
        return [without_statuses(v) for v in value]
    return value


def cited_as_now(answers: Any) -> Any:
    """The reference with the decision each change cites written as the history writes it."""
    for row in answers["audit"]:
        row["decision"] = cited(row["decision"])
    return answers


def smart_as_now(value: Any) -> Any:
    """The reference with each measure and diff written the way they are now."""
    if isinstance(value, list):
        return [smart_as_now(v) for v in value]
    if not isinstance(value, dict):
        return value
    found = {k: smart_as_now(v) for k, v in value.items()}
    if {"added", "removed", "changed"} <= set(found):
        found.update(hearing=None, against="adopted")
    if isinstance(found.get("smart"), dict):
        found["evaluations"] = {}
        old = found["smart"]
        found["smart"] = {
            "indicator": old.get("indicator", ""),
            "target": old.get("target", ""),
            "deadline": old.get("deadline") or None,
        }
    return found


DEMO_ROUND_IDS = {
    "Fagråd for pasientsamarbeid": "fagrad-for-pasientsamarbeid",
    "Fagråd for digital samhandling": "fagrad-for-digital-samhandling",
    "Sekretariat": "sekretariat",
}
"""The demo's round bodies by the ids their names give (the random history registers none)."""


def with_round_body_ids(answers: Any, ids: dict[str, str]) -> Any:
    """The reference with the open round's bodies also given by id."""
    found = answers["dashboard"]["open_round"]
    if found is not None:
        found["body_ids"] = [ids.get(b, b) for b in found["bodies"]]
        found["missing_body_ids"] = [ids.get(b, b) for b in found["missing_bodies"]]
    return answers


def _plan_rows(audit: list[dict[str, Any]], plan: str) -> list[dict[str, Any]]:
    """A plan's audit rows; their positions moved with the demo's new events before them, and
    a recorded decision's ID with its body compared as names are (`without_decision_ids`)."""
    return [
        without_decision_id({k: v for k, v in r.items() if k != "position"})
        for r in audit
        if r["plan"] == plan
    ]


def without_decision_id(row: dict[str, Any]) -> dict[str, Any]:
    """A `DecisionRecorded` row without the decision's ID: it is derived from the body as
    names are compared (`name_key`) since, so «ASU» gives another ID than the reference's.
    Every other part of the row is compared."""
    if row["event_type"] != "DecisionRecorded":
        return row
    return {**row, "event_id": "<decision>/" + row["event_id"].rpartition("/")[2]}


NOBODYS = "Utan ansvarleg organ"
"""The row per body that counts the measures with no responsible body, added since the
reference (`tests/projections/test_dashboard_measure_without_body.py` checks it)."""


def without_round_additions(answer: Any) -> Any:
    """The answer without what reporting rounds added to the dashboard since the reference
    (a round's schedule, progress by body and the measures it asks no body about, the trend
    across rounds, and the round closed last while none is open), nor the row of measures
    with no responsible body (`NOBODYS`)."""
    board = dict(answer["dashboard"])
    board.pop("rounds")
    board.pop("trend")
    board.pop("closed_round")
    board["by_body"] = [row for row in board["by_body"] if row["name"] != NOBODYS]
    if board["open_round"] is not None:
        board["open_round"] = {
            k: v
            for k, v in board["open_round"].items()
            if k not in ("schedule", "progress", "unasked")
        }
    return {**answer, "dashboard": board}


PART_CHANGES = ("parts_added", "parts_removed", "parts_changed")
"""What a version diff says changed above the measures (areas, goals, the plan's title and
period), added since the reference (tests/projections/test_version_diff.py checks it)."""


SENT_ON = "hearing_sent_on"


def sent_dates_apart(answer: Any) -> tuple[Any, list[dict[str, Any]]]:
    """The answer without the audit rows saying the day each hearing was sent (added since
    the reference), and those rows: one per hearing that says it."""
    rows = answer["audit"]
    sent = [r for r in rows if r["field"] == SENT_ON]
    return {**answer, "audit": [r for r in rows if r["field"] != SENT_ON]}, sent


REPORTED_ON = "status_reported_on"


def report_dates_apart(answer: Any) -> tuple[Any, list[dict[str, Any]]]:
    """The answer without the audit rows saying the day of each status report (added since
    the reference: a report repeating the last one's words on a later day is a row too), and
    those rows: one per report on a day other than the last report's."""
    rows = answer["audit"]
    reported = [r for r in rows if r["field"] == REPORTED_ON]
    return {**answer, "audit": [r for r in rows if r["field"] != REPORTED_ON]}, reported


def without_part_changes(answer: Any) -> Any:
    """The answer with each version diff as the reference has it: its measures only."""
    diffs = {
        pair: {k: v for k, v in diff.items() if k not in PART_CHANGES}
        for pair, diff in answer["diffs"].items()
    }
    return {**answer, "diffs": diffs}


@pytest.fixture(autouse=True)
def spoken_as_recorded() -> Iterator[None]:
    """The references were recorded when these messages and labels were nynorsk only."""
    with speaking("nn"):
        yield


def test_the_same_commands_give_the_same_outcomes_and_answers() -> None:
    app = Planlogg.from_url("memory:")
    load_demo(app)
    outcomes = revisions_as_recorded(_plain(random_history(app)))
    recorded = reported_on_the_version_in_force(_load("outcomes.json"), outcomes)
    assert outcomes == open_round_named(recorded, outcomes)
    models = ReadModels.open(app)
    models.catch_up()
    demo, sent = sent_dates_apart(
        without_part_changes(
            without_round_additions(_plain(normalised(answers(models, DEMO_PLAN))))
        )
    )
    assert [r["after"] for r in sent if r["plan"] == DEMO_PLAN] == ["2022-01-17"]
    demo, reported = report_dates_apart(demo)
    assert [
        (r["measure_number"], r["before"], r["after"]) for r in reported if r["plan"] == DEMO_PLAN
    ] == [
        ("0.1.1", "", "2024-09-02"),
        ("0.4.1", "", "2024-09-02"),
        ("1.2.1", "", "2024-09-02"),
        ("4.1.2", "", "2024-09-02"),
    ]
    assert [(r["event_type"], r["before"], r["after"]) for r in reported if r["plan"] == KEY] == [
        ("StatusReported", "", "2026-03-01")
    ] * 11
    expected = cited_as_now(smart_as_now(_load("demo.json")))
    for part in ("current", "adopted_versions", "adopted", "diffs", "in_force"):
        assert demo[part] == expected[part]
    round_row = next(r for r in expected["audit"] if r["field"] == "reporting_round")
    round_row["after"] = (
        "R1 open, frist 2024-09-11: "
        "fagrad-for-pasientsamarbeid, fagrad-for-digital-samhandling, sekretariat"
    )
    assert _plan_rows(demo["audit"], DEMO_PLAN) == _plan_rows(expected["audit"], DEMO_PLAN)
    for part in ("by_area", "not_smart", "topics_without_measures", "groups_without_measures"):
        assert demo["dashboard"][part] == expected["dashboard"][part]
    random, sent = sent_dates_apart(
        without_part_changes(without_round_additions(_plain(normalised(answers(models, KEY)))))
    )
    assert {r["after"] for r in sent if r["plan"] == KEY} == {"2025-01-06"}
    expected = with_round_body_ids(cited_as_now(smart_as_now(_load("random.json"))), {})
    for part in ("adopted_versions", "diffs"):
        assert random[part] == expected[part]
    for part in ("current", "adopted", "in_force"):
        assert without_statuses(random[part]) == without_statuses(expected[part])
    for part in ("not_smart", "topics_without_measures", "groups_without_measures"):
        assert random["dashboard"][part] == expected["dashboard"][part]


def test_a_sqlite_database_from_before_is_rebuilt_on_start_with_nothing_lost(
    tmp_path: Path,
) -> None:
    database = tmp_path / "planlogg.sqlite"
    shutil.copy(REFERENCE / "before.sqlite", database)
    _check_upgraded(Planlogg.from_url(f"sqlite:///{database}"), "before-sqlite.json")


@pytest.fixture
def restored_postgres_url() -> Iterator[str]:
    """The PostgreSQL dump made before the redesign, restored into a fresh schema."""
    schema = f"t_{uuid.uuid4().hex[:12]}"
    dump = (REFERENCE / "before-postgres.sql").read_text(encoding="utf-8")
    subprocess.run(
        ["psql", "--quiet", "--no-psqlrc", "-v", "ON_ERROR_STOP=1", POSTGRES_ADMIN_URL],
        input=dump.replace("before_redesign", schema),
        text=True,
        check=True,
        capture_output=True,
    )
    try:
        yield f"{POSTGRES_ADMIN_URL}?schema={schema}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.mark.postgres
def test_a_postgres_database_from_before_is_rebuilt_on_start_with_nothing_lost(
    restored_postgres_url: str,
) -> None:
    _check_upgraded(Planlogg.from_url(restored_postgres_url), "before-postgres.json")


def _check_upgraded(app: Planlogg, reference: str) -> None:
    """Opening rebuilds the read models of the old shape; every stored answer comes back."""
    try:
        models = ReadModels.open(app)
        assert models.lag() == app.recorder.max_notification_id()
        assert models.catch_up() == app.recorder.max_notification_id()
        expected = smart_as_now(_load(reference))
        for part in ("demo", "random"):
            cited_as_now(expected[part])
        demo, sent = sent_dates_apart(
            without_part_changes(without_round_additions(_plain(answers(models, DEMO_PLAN))))
        )
        demo, reported = report_dates_apart(demo)
        assert demo == with_round_body_ids(expected["demo"], DEMO_ROUND_IDS)
        random, sent_too = sent_dates_apart(
            without_part_changes(without_round_additions(_plain(answers(models, KEY))))
        )
        random, reported_too = report_dates_apart(random)
        assert random == with_round_body_ids(expected["random"], {})
        assert (sent, sent_too) == ([], [])
        assert reported == reported_too
        assert [(r["plan"], r["event_type"], r["before"], r["after"]) for r in reported] == [
            *[(DEMO_PLAN, "StatusReported", "", "2024-09-02")] * 4,
            *[(KEY, "StatusReported", "", "2026-03-01")] * 14,
        ]
        assert [(h.version, h.sent_on) for h in models.hearings(DEMO_PLAN)] == [(1, None)]
        assert [(h.version, h.sent_on) for h in models.hearings(KEY)] == [(15, None)]
        old_round = models.dashboard(DEMO_PLAN).open_round
        assert old_round is not None
        assert (old_round.schedule, old_round.progress[0].reminders) == ((14, 3, -1), ())
        assert models.verify_chain().ok
        plan = app.get_plan(KEY)
        assert (plan.version, plan.header.adopted_version) == (268, 18)
    finally:
        app.close()
