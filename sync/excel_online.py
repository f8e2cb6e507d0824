"""Excel Online: a workbook in SharePoint, Teams or OneDrive, through Microsoft Graph — the
only module that talks to Graph.

A cycle's HTTP requests (a ``$batch`` of up to 20 Graph requests counts as one):

    open    1–2  once per backend: the sharing link's driveItem (not for an item ID), then
                 one batch: the worksheets, the named items and who we are (``/me``)
    read    1    one batch: the plan tab's ``usedRange(valuesOnly=true)`` (by worksheet ID),
                 Oversikt's and Vedtak's (by worksheet ID; by title when not named; 1–2
                 more, once, when a named one was deleted: the open batch again, and the
                 read again when a tab of its title is there), the item's versions (so
                 ``editors`` is free) and the plan's next newer name (404 until a restore
                 elsewhere adds it; then 2 more, once: the open batch again and the new
                 tab's read; the cycle reads it once more under the new tab's sync lock),
                 and the tabs and names listed again, so Oversikt and Vedtak are placed anew
                 each cycle (`_find_own_tabs`: a plan whose shared tab another plan named
                 first moves to a tab of its own; 1 more, once, when that changes a tab read)
    write   1    one batch: ``createSession`` (persistChanges) and the plan tab again, the
                 re-check before writing (and a changed tab not named, by title, again)
            ⌈(r + 1) ÷ 20⌉  the r range writes — one per run of adjacent changed cells in a
                 row, one per deleted row, one per changed tab — in sequential batches
                 (``dependsOn``) of 20, the last one closing the session

So an unchanged sheet costs 1 request and a cycle with changes at most 3 + ⌈r ÷ 20⌉.
Reads need no session; writes happen inside a persistent workbook session, refreshed when
a long wait (throttling) left it idle and closed at the end, also after a failure. Cells are
written as text: every write sets number format ``@`` with the value, and ``lay_out``
formats the plan's columns as text below the table down to row 2,000, so neither Planlogg
nor a person typing ``=…``, ``1.2.3`` or ``007`` gets a formula, a date or a number; rows
holding values and columns people added keep their format. A second name,
``Planlogg_<plan>.tekstformat``, records that format, so a tab an earlier Planlogg laid out
without it gets it once, at the next start (3 requests), and later starts nothing more.

A tab Planlogg lays out fresh (the plan's tab, its header written on an empty tab, and an
Oversikt or Vedtak it adds) gets what the other backends give a new tab: its columns' widths
(`sync.layout.column_width`, `TAB_WIDTHS`; in points, `column_points`), wrap in the columns of
long text (`TAB_WRAPPED` for Oversikt's area names) and every cell at the top of its row, by
one ``…/format`` request per run of neighbouring columns alike (14 for a plan of two years, 4
each for Oversikt and Vedtak) in the lay-out's batches. That takes a new workbook's lay-out
from one batch of 16 calls to two (38): 6 requests where it was 5, once in the tab's life.
A tab people already use keeps the widths they gave it. An added tab whose title cannot stand
in a Graph path (a plan key with «(» or another sign: `_IN_PATH`) is sized by its worksheet
ID once the batch adding it is answered, in one batch more.

The plan tab is found by its worksheet ID, which survives renames; ``lay_out`` also names
its A1 cell ``Planlogg_<plan>`` (`sync.layout.plan_mark`, one per plan key; a workbook name
follows its sheet through renames), so a new process finds a renamed tab too. A tab named
the way earlier Planloggs did (the key squeezed into a–z, 0–9 and _, which keys such as
``helse-nord`` and ``helse_nord`` shared) is found by that name when no other plan's name is
on it, and ``lay_out`` names it anew. ``relocate`` (``sync restore``) adds a new tab and a
newer name ``Planlogg_<plan>_2``, ``_3`` …, since Graph v1.0 cannot point a name elsewhere:
the newest name whose sheet exists wins (counted from the first name without a gap, so the
name of a plan whose key goes on, ``Planlogg_<plan>_2027``, is not taken for one; nor is a
name on a tab another plan's name is on). The plan's names and Oversikt's and Vedtak's are
found, counted and added by one piece of code (`_Names`). A running backend notices a
restore another process made by the next newer name (``read``), and follows it to the new
tab.
Oversikt and Vedtak are known the same way, by a name each (`sync.layout.TAB_MARKS`; a deleted
tab added again gets the next, ``…_2``), read by worksheet ID: a renamed one stays Planlogg's,
and a tab of their title without a name is people's own, refused (`refuse_foreign_tabs`,
nothing written) unless an earlier Planlogg wrote it (its first row tells), which is then
named (`lay_out`, or the write). They are the tabs of the plan that had the workbook first;
a plan laid out beside another gets «Oversikt <plan>» and «Vedtak <plan>», named by its own
names (`sync.layout.own_tab_mark`, numbered the same way), and where plans shared the tabs
(as earlier versions did), the first to write them names them with its own name too
(`_place_own_tabs`); adding those tabs or names costs 2 requests more, once. Not read
through the name's range: Excel answers a blank range's used range with ``ItemNotFound`` (as
Office.js documents ``getUsedRange``), so an empty tab would read as a deleted one, and the
worksheet ID follows a rename all the same.
``target`` is built from the drive, item and worksheet IDs. Melding is written like the
other backends, but there are **no cell notes**: comments exist only in Graph's beta API.
Graph v1.0 also has no data validation or conditional formats, so ``lay_out`` cannot add the
Status dropdown or colours (the README says how to add them by hand). Who edited comes
from the item's versions (``lastModifiedBy``), excluding our own; SharePoint groups
autosaves into versions, so several people editing at once may be named as one version's
author.

Faults follow the shared policy (``sync.retry``): 429, 503, 504, 412, timeouts and dropped
connections are retried with bounded jittered back-off honouring ``Retry-After``; a session
Graph no longer knows (an ``invalidSession…`` code) is created anew and the work resumed;
any other 409 (a name that already exists, an edit that clashes) fails at once (only a
restore whose newer name another restore took first names its tab with the next number, or
deletes the tab again, and one whose tab title was taken since the tabs were listed lists
them again for a free one: `relocate`). Inside a batch only the failed requests are sent again,
and after a wait (or a session Graph was slow to create) the plan tab is read again first: a
write to a cell a person typed in during the wait is not sent (`_WriteGuard`);
a request that may have taken effect and is not safe to repeat (adding a worksheet or a
name, deleting a row) is never repeated after an ambiguous failure (504, timeout): the next
cycle reads what happened. A workbook locked by the desktop app (``accessConflict``, 423)
is ``SheetBusy`` at once and tried again next cycle.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import itertools
import logging
import re
import urllib.parse
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import requests

from language import _
from sync.backend import (
    BackendError,
    Editors,
    SheetBusy,
    SheetFormat,
    SheetSnapshot,
    SheetWrites,
    WriteResult,
    still_valid,
)
from sync.layout import (
    DECISIONS_TAB,
    OVERVIEW_TAB,
    PLAN_MARK_PREFIX,
    TAB_MARKS,
    Width,
    column_runs,
    column_width,
    is_own_tab_mark,
    older_plan_marks,
    own_tab_mark,
    own_tab_owner,
    own_tab_title,
    plan_mark,
)
from sync.retry import RetryableFailure, RetryPolicy, retry_after
from sync.tabs import (
    TAB_WIDTHS,
    TAB_WRAPPED,
    as_written,
    refuse_foreign_tabs,
    written_by_planlogg,
)
from sync.workbook import FORMATTED_ROWS, free_title, sheet_title

log = logging.getLogger("planlogg.sync")

GRAPH_URL = "https://graph.microsoft.com/v1.0"
MAX_BATCH = 20
TEXT_FORMAT = "@"
TEXT_FORMAT_MARK = ".tekstformat"
"""Added to the name that finds the plan's tab (``Planlogg_<plan>.tekstformat``), a second
name on the tab records that its plan columns got the text number format. Tabs laid out by
an earlier Planlogg lack it and get the format (and the name) at the next start; names are
listed when the backend opens, so later starts cost nothing more. A plan's own names hold
no dot, so the two never mix."""
SESSION_REFRESH_SECONDS = 240.0
"""Refresh a session left idle this long (Excel drops idle sessions after a few minutes)."""
SESSION_POLLS = 20
RETRY_STATUSES = frozenset({408, 412, 429, 500, 502, 503, 504})
AMBIGUOUS_STATUSES = frozenset({504})
"""The server may have done the work before giving up: repeat only what is safe to repeat."""
_BUSY_CODES = frozenset({"accessconflict", "invalidsessionaccessconflict"})
_SESSION_CODE = "invalidsession"
"""Graph's codes for a session it no longer accepts begin so (``invalidSessionReCreatable``,
``…NotFound``, ``…Unexpected`` …), in the ``innerError`` of a 409 or another status."""
_GREY = "#DDDDDD"
PIXELS_PER_CHARACTER = 7
PADDING_PIXELS = 5
POINTS_PER_PIXEL = 0.75
"""How Excel measures a column (`column_points`)."""
_IN_PATH = re.compile(r"[\w -]+")
"""A worksheet title that may stand in a Graph path (``worksheets/<title>/…``) for a tab whose
ID is not known yet: Graph refuses a title with «(» there («Error in query syntax»,
microsoftgraph/microsoft-graph-docs#17955); quotes, dots and other signs are kept out too."""

TokenProvider = Callable[[bool], str]
"""Returns a bearer token; True asks for a fresh one (after a 401)."""


class GraphError(Exception):
    """An error answer from Graph, with every code of its nested ``innerError`` chain."""

    def __init__(self, status: int, body: Any, headers: Mapping[str, str]) -> None:
        error = (body or {}).get("error") if isinstance(body, dict) else None
        self.status = status
        self.codes: list[str] = []
        level = error if isinstance(error, dict) else {}
        while level:
            if level.get("code"):
                self.codes.append(str(level["code"]).lower())
            inner = level.get("innerError") or level.get("innererror")
            level = inner if isinstance(inner, dict) else {}
        self.message = str((error or {}).get("message", "")) if isinstance(error, dict) else ""
        self.retry_after = retry_after(headers.get("retry-after"))
        self.answered: dict[int, Answer] = {}
        """In a batch, the answers of the requests that succeeded, by index (a request before
        this one in a sequential batch took effect: a worksheet added, for one)."""
        super().__init__(f"{status} {self.code}: {self.message}")

    @property
    def code(self) -> str:
        return self.codes[-1] if self.codes else ""

    @property
    def busy(self) -> bool:
        """Locked by another client, e.g. open in the desktop app without co-authoring."""
        return self.status == 423 or bool(_BUSY_CODES & set(self.codes))

    @property
    def name_taken(self) -> bool:
        """A name (or other item) of that name exists already (``itemAlreadyExists``)."""
        return "itemalreadyexists" in self.codes

    @property
    def session_lost(self) -> bool:
        """The session is gone (an ``invalidSession…`` code; for a locked workbook see
        `busy`). Not every 409 is: Graph answers 409 for other conflicts too, such as a name
        that already exists (``itemAlreadyExists``) or an edit that clashes
        (``conflictUncategorized``), which no new session mends."""
        return not self.busy and any(c.startswith(_SESSION_CODE) for c in self.codes)


class WorkbookBusy(Exception):
    """The workbook refuses writes for now (see `GraphError.busy`)."""


@dataclass
class Call:
    """One Graph request, alone or inside a batch; `path` is relative to the version root."""

    method: str
    path: str
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    safe: bool = True
    """May be sent again after an ambiguous failure (idempotent)."""
    missing_ok: bool = False
    """404 is an answer (a tab that does not exist), not a failure."""
    in_session: bool = False


@dataclass
class _TabCalls:
    """The calls that make Oversikt and Vedtak the plan's named tabs (`_own_tab_calls`), where
    among them each tab's worksheet ID is answered (`learn`), and the tabs they add that are
    sized only once that ID is known (`unsized`, by title: see `_in_session`)."""

    calls: list[Call]
    learn: dict[int, str]
    unsized: list[str]


@dataclass
class Answer:
    status: int
    body: Any
    headers: dict[str, str]


WITHHELD = Answer(0, None, {})
"""The answer to a request of a batch that was not sent (`GraphClient.batch`)."""


class GraphClient:
    """Authenticated HTTP to Graph with the shared retry policy; counts HTTP requests."""

    def __init__(
        self,
        token: TokenProvider,
        base_url: str = GRAPH_URL,
        session: requests.Session | None = None,
        policy: RetryPolicy | None = None,
        timeout: tuple[float, float] = (10.0, 60.0),
    ) -> None:
        self.token = token
        self.base_url = base_url.rstrip("/")
        self.http = session or requests.Session()
        self.policy = policy or RetryPolicy()
        self.timeout = timeout
        self.requests = 0
        self.waits = 0
        """Times this client waited, to retry or for an operation to finish: a person may
        have typed meanwhile (`_WriteGuard`)."""
        self.session_id: str | None = None

    def call(self, call: Call) -> Answer:
        """One request, retried by the policy."""
        return self.policy.run(
            lambda: self.call_once(call), repeatable=call.safe, on_retry=self._count_retry
        )

    def call_once(self, call: Call) -> Answer:
        """One request, not retried; a failure is raised as `_failure` classifies it."""
        answer = self._send(call.method, call.path, call.body, self._headers(call))
        if answer.status < 400 or (call.missing_ok and answer.status == 404):
            return answer
        raise self._failure(GraphError(answer.status, answer.body, answer.headers))

    def batch(
        self,
        calls: list[Call],
        sequential: bool = False,
        before_attempt: Callable[[list[int]], Collection[int]] | None = None,
    ) -> list[Answer]:
        """Up to 20 requests as one; only the failed ones are sent again (in order).

        `before_attempt` is asked before each sending with the requests still to send, and
        answers those not to send any more: they are answered `WITHHELD`."""
        if not 0 < len(calls) <= MAX_BATCH:
            raise ValueError(f"a batch holds 1 to {MAX_BATCH} requests")
        answers: dict[int, Answer] = {}
        pending = list(range(len(calls)))

        def attempt() -> list[Answer]:
            for index in before_attempt(list(pending)) if before_attempt else ():
                answers[index] = WITHHELD
                pending.remove(index)
            if not pending:
                return [answers[i] for i in range(len(calls))]
            items = [self._item(i, calls[i], prev) for i, prev in _chain(pending, sequential)]
            outer = self._send("POST", "/$batch", {"requests": items}, {})
            if outer.status >= 400:
                raise self._failure(GraphError(outer.status, outer.body, outer.headers))
            by_id = {str(r.get("id")): r for r in (outer.body or {}).get("responses", [])}
            failures: list[GraphError] = []
            for index in list(pending):
                raw = by_id.get(str(index)) or {"status": 500, "body": None}
                headers = {k.lower(): str(v) for k, v in (raw.get("headers") or {}).items()}
                answer = Answer(int(raw["status"]), raw.get("body"), headers)
                if answer.status < 400 or (calls[index].missing_ok and answer.status == 404):
                    answers[index] = answer
                    pending.remove(index)
                elif answer.status != 424:
                    failures.append(GraphError(answer.status, answer.body, headers))
            if pending:
                worst = _worst(failures)
                worst.answered = dict(answers)
                raise self._failure(worst)
            return [answers[i] for i in range(len(calls))]

        return self.policy.run(
            attempt,
            repeatable=lambda: all(calls[i].safe for i in pending),
            on_retry=self._count_retry,
        )

    def follow(self, url: str) -> Answer:
        """GET an absolute URL Graph handed out (Location, resourceLocation), kept on our host."""
        return self.call(Call("GET", self.relative(url)))

    def relative(self, url: str) -> str:
        if url.startswith(self.base_url):
            return url[len(self.base_url) :]
        _before, _slash, tail = urllib.parse.urlsplit(url).path.partition("/v1.0")
        query = urllib.parse.urlsplit(url).query
        return tail + (f"?{query}" if query else "")

    # --- one HTTP request ----------------------------------------------------------------

    def _send(self, method: str, path: str, body: Any, headers: dict[str, str]) -> Answer:
        answer = self._once(method, path, body, headers, fresh_token=False)
        if answer.status == 401:
            answer = self._once(method, path, body, headers, fresh_token=True)
        return answer

    def _once(
        self, method: str, path: str, body: Any, headers: dict[str, str], fresh_token: bool
    ) -> Answer:
        self.requests += 1
        try:
            response = self.http.request(
                method,
                self.base_url + path,
                json=body,
                headers={"Authorization": f"Bearer {self.token(fresh_token)}", **headers},
                timeout=self.timeout,
            )
            payload = response.json() if response.content else None
        except (
            requests.ConnectionError,
            requests.Timeout,
            requests.exceptions.ChunkedEncodingError,
            ValueError,
        ) as error:
            raise RetryableFailure(error, None, ambiguous=True) from None
        return Answer(
            response.status_code, payload, {k.lower(): v for k, v in response.headers.items()}
        )

    def _failure(self, error: GraphError) -> Exception:
        """What a failed answer means: busy (no retry), session lost, retry, or give up."""
        if error.busy:
            return WorkbookBusy(str(error))
        if error.session_lost:
            self.session_id = None
            return RetryableFailure(error, error.retry_after, ambiguous=False)
        if error.status in RETRY_STATUSES:
            return RetryableFailure(
                error, error.retry_after, ambiguous=error.status in AMBIGUOUS_STATUSES
            )
        return error

    def _headers(self, call: Call) -> dict[str, str]:
        headers = dict(call.headers)
        if call.in_session and self.session_id:
            headers["workbook-session-id"] = self.session_id
        return headers

    def _item(self, index: int, call: Call, previous: int | None) -> dict[str, Any]:
        item: dict[str, Any] = {"id": str(index), "method": call.method, "url": call.path}
        headers = self._headers(call)
        if call.body is not None:
            item["body"] = call.body
            headers["Content-Type"] = "application/json"
        if headers:
            item["headers"] = headers
        if previous is not None:
            item["dependsOn"] = [str(previous)]
        return item

    def _count_retry(self) -> None:
        self.waits += 1

    def wait(self, seconds: float) -> None:
        """Wait as the policy waits (for an operation Graph is still doing), counted."""
        self.waits += 1
        self.policy.sleep(seconds)


def _chain(pending: list[int], sequential: bool) -> Iterator[tuple[int, int | None]]:
    previous: int | None = None
    for index in pending:
        yield index, previous if sequential else None
        previous = index


def _worst(failures: list[GraphError]) -> GraphError:
    """The failure that decides: busy first, then one not worth retrying, then the longest
    Retry-After."""
    if not failures:
        return GraphError(424, None, {})
    for test in (
        lambda f: f.busy,
        lambda f: not f.session_lost and f.status not in RETRY_STATUSES,
        lambda f: f.status in AMBIGUOUS_STATUSES,
    ):
        chosen = [f for f in failures if test(f)]
        if chosen:
            return chosen[0]
    return max(failures, key=lambda f: f.retry_after or 0.0)


def share_token(url: str) -> str:
    """A sharing URL as Graph's share ID: ``u!`` + unpadded base64url."""
    return "u!" + base64.urlsafe_b64encode(url.encode("utf-8")).decode("ascii").rstrip("=")


@dataclass
class _Names:
    """The workbook names that find one of Planlogg's tabs: `mark`, then ``<mark>_2``,
    ``_3`` … Graph v1.0 can neither point a name at another tab nor delete one, so a tab
    added or named anew gets the next: the plan's by each ``sync restore`` (`relocate`),
    Oversikt's and Vedtak's when a deleted one is added again. The newest name whose tab
    exists finds it (a name whose tab was deleted reads ``#REF!``).

    The plan's names are `chained`: they count from the first without a gap
    (`_generations`), and the first is `lay_out`'s to add (to a tab found by its title too),
    so a restore's is ``_2`` at least."""

    mark: str
    chained: bool = False
    any_case: bool = True
    """Whether a name in another case is one of these (as Excel compares names). Not for the
    names earlier Planloggs wrote (`older_plan_marks`): Planlogg spelled them exactly, and
    plan `X`'s older ``Planlogg_X`` is plan `x`'s ``Planlogg_x`` in any case."""
    sheets: dict[int, str | None] = field(default_factory=dict)
    """The title of the tab each name listed refers to (None when deleted), by number (1 for
    `mark` itself); for `chained` names, only those that count, and no other plan's."""
    last: int = 0
    """The highest number listed or named since: the next name gets one more."""

    def name(self, number: int) -> str:
        return self.mark if number == 1 else f"{self.mark}_{number}"

    def learn(self, listed: list[dict[str, Any]], claimed: frozenset[str] = frozenset()) -> None:
        """Learn the names among `listed` (the workbook's, as Graph lists them). A chained
        name whose tab is among `claimed` (titles in lower case) finds no tab, since that tab
        is another plan's, but its number is taken all the same."""
        numbered = {
            int(found[1] or 1): _sheet_of(str(n.get("value", "")))
            for n in listed
            if (found := self.pattern.fullmatch(str(n["name"])))
        }
        if self.chained:
            numbered = dict(_generations(numbered))
        self.last = max([1 if self.chained else 0, *numbered])
        self.sheets = {k: v for k, v in numbered.items() if (v or "").lower() not in claimed}

    @property
    def pattern(self) -> re.Pattern[str]:
        """Any of the names, any number (in any case, unless not `any_case`)."""
        flags = re.IGNORECASE if self.any_case else 0
        return re.compile(re.escape(self.mark) + r"(?:_(\d+))?", flags)

    def newest(self, by_name: Mapping[str, str]) -> tuple[int, str] | None:
        """The newest name whose tab exists among `by_name` (titles in lower case): its
        number and the tab's title; None when there is none."""
        for number in sorted(self.sheets, reverse=True):
            sheet = self.sheets[number]
            if sheet and sheet.lower() in by_name:
                return number, sheet
        return None

    def take_next(self) -> str:
        """The next name, counted as taken."""
        self.last += 1
        return self.name(self.last)


@dataclass(frozen=True)
class _Item:
    drive_id: str
    item_id: str
    name: str


class ExcelOnlineBackend:
    """One plan's worksheet in an Excel workbook kept in Microsoft 365."""

    def __init__(self, client: GraphClient, workbook: str, plan_key: str) -> None:
        self.client = client
        self.workbook = workbook.strip()
        self.plan_key = plan_key
        self.title = sheet_title(plan_key)
        self.label = f"{self.title} (Excel Online)"
        self.marker = plan_mark(plan_key)
        self._item: _Item | None = None
        self._me = ""
        self._sheet_id: str | None = None
        self._tab = ""
        """The plan tab's title, as last seen (a text format mark refers to it)."""
        self._marked = False
        self._named = False
        self._mark = ""
        """The name that finds the plan's tab (``Planlogg_<plan>``, ``…_2`` …), "" if none."""
        self._as_text = False
        """Whether the plan's columns have the text format (`TEXT_FORMAT_MARK`)."""
        self._names: set[str] = set()
        """The workbook's names, in lower case, as listed at the start or added since."""
        self._plan_names = _Names(self.marker, chained=True, last=1)
        self._adopted = False
        """Whether the plan's tab was found by a name an earlier Planlogg wrote
        (`older_plan_marks`) and the plan has none of its own yet: `lay_out` names it."""
        self._by_older_mark = False
        """Whether the plan's tab was found by a name an earlier Planlogg wrote: it laid the
        tab out, so `lay_out` leaves the header's format as people may have changed it."""
        self._own: dict[str, str] = {}
        """The worksheet IDs of Planlogg's Oversikt and Vedtak, by those titles, found by their
        names (`TAB_MARKS`) whatever the tabs are titled now; a tab not named is left out."""
        self._tab_names = {title: _Names(mark) for title, mark in TAB_MARKS.items()}
        self._my_tab_names = {title: _Names(own_tab_mark(plan_key, title)) for title in TAB_MARKS}
        """The plan's own names for its Oversikt and Vedtak (`_place_own_tabs`)."""
        self._placing: dict[str, tuple[bool, bool]] = {}
        """For Oversikt and Vedtak: whether the plan's is the workbook's one tab of that title
        (`TAB_MARKS`) rather than one of its own, and whether that shared tab is still to be
        named with the plan's own name (another plan is in the workbook)."""
        self._own_titles: dict[str, str] = {}
        """The titles of the tabs in `_own`, as listed (a name refers to a title)."""
        self._listing: tuple[list[dict[str, Any]], dict[str, str]] = ([], {})
        self._sheets: set[str] = set()
        self._versions: list[dict[str, Any]] = []
        self._session_used = 0.0

    @classmethod
    def signed_in(
        cls, workbook: str, plan_key: str, environ: Mapping[str, str] | None = None
    ) -> ExcelOnlineBackend:
        """The backend for the service user signed in with `planlogg sync login`."""
        from sync.microsoft_login import GraphSettings, MicrosoftSignIn

        settings = GraphSettings.from_env(environ)
        client = GraphClient(MicrosoftSignIn(settings).token, settings.graph_url)
        return cls(client, workbook, plan_key)

    @property
    def requests(self) -> int:
        return self.client.requests

    legacy_targets: tuple[str, ...] = ()

    @property
    def target(self) -> str:
        item = self._open()
        return f"excel-online:{item.drive_id}/{item.item_id}#{self._sheet_id or self.title}"

    # --- the port ----------------------------------------------------------------------

    def read(self) -> SheetSnapshot:
        """The plan tab, Oversikt, Vedtak and the versions, in one batch. A tab of those
        two that someone deleted is forgotten, so the next write adds it again.

        Oversikt and Vedtak are read by the worksheet IDs their names found, so a renamed one
        is read under its new title; a tab of their title without a name is read by title,
        and refused (`refuse_foreign_tabs`) unless Planlogg wrote it before the names
        existed (the write names it). When a named one is gone, the tabs and names are
        listed again (1 request, once): another process may have added it again under a
        newer name, or people a tab of its title, which is then read (1 more).

        The batch also asks for the next newer name (``Planlogg_<plan>_<n + 1>``; 404 while
        there is none): a ``sync restore`` in another process (the command line, while
        `serve` runs) adds it for the plan's new tab. Then the tabs and names are listed
        again and the new tab read, so nothing is read from or written to the tab the
        restore left behind (2 requests more, only then).

        Only while the plan's names count from its first (`_generations`): without
        ``Planlogg_<plan>`` (deleted by hand) the newer name is not taken for the plan's, so
        listing again would find the same tab, every cycle. A backend that followed it
        once finds that out, and leaves it from then on.

        The batch lists the tabs and names too, and Oversikt and Vedtak are placed anew from
        them (`_find_own_tabs`): a plan whose shared tab another plan's process named first
        leaves it, and writes a tab of its own at the next write; when that changes which
        tab is read, it is read again (1 request more, once)."""
        return self._read(follow=True)

    def _read(self, follow: bool, listed: bool = False) -> SheetSnapshot:
        self._open()
        if self._sheet_id is None:
            return SheetSnapshot(header=[], rows=[])
        reading = self._tabs_to_read()
        tabs = list(reading)
        answers = self._guarded(
            lambda: self.client.batch(
                [
                    self._used_range(self._sheet_id or ""),
                    *(self._used_range(target) for target in reading.values()),
                    Call(
                        "GET",
                        f"{self._drive_path()}/versions"
                        "?$select=id,lastModifiedBy,lastModifiedDateTime",
                        missing_ok=True,
                    ),
                    Call(
                        "GET",
                        f"{self._book_path()}/names/"
                        + self._plan_names.name(self._plan_names.last + 1),
                        missing_ok=True,
                    ),
                    *self._listing_calls(),
                ]
            )
        )
        count = len(tabs)
        versions, newer = answers[1 + count], answers[2 + count]
        sheets, names = answers[3 + count], answers[4 + count]
        if follow and self._named and _names_a_sheet(newer):
            self._guarded(self._find_sheet)
            return self._read(follow=False)
        if answers[0].status == 404:
            self._sheet_id, self._tab = None, ""
            return SheetSnapshot(header=[], rows=[])
        read = dict(zip(tabs, answers[1 : 1 + count], strict=True))
        gone = [t for t in tabs if t in self._own and read[t].status == 404]
        if gone and not listed and self._listed_again(gone):
            return self._read(follow=False, listed=True)
        if not gone and not listed:
            self._find_own_tabs(*self._learn_listing(sheets, names))
            placed = self._tabs_to_read()
            if any(reading.get(tab) != target for tab, target in placed.items()):
                return self._read(follow=False, listed=True)
            read = {tab: answer for tab, answer in read.items() if tab in placed}
        found: dict[str, list[list[str]]] = {}
        for tab, answer in read.items():
            if answer.status == 404:
                if self._own.pop(tab, None) is None:
                    self._sheets.discard(tab)
                continue
            found[tab] = _grid(answer.body)
            if tab not in self._own:
                self._sheets.add(tab)
                refuse_foreign_tabs({tab: found[tab]})
        self._versions = (versions.body or {}).get("value", []) if versions.status < 400 else []
        grid = _grid(answers[0].body)
        width = len(grid[0]) if grid else 0
        self._tab = _sheet_of(str((answers[0].body or {}).get("address", ""))) or self._tab
        return SheetSnapshot(
            header=grid[0] if grid else [],
            rows=[row + [""] * (width - len(row)) for row in grid[1:]],
            tabs=found,
            title=self._tab,
        )

    def _tabs_to_read(self) -> dict[str, str]:
        """The plan's Oversikt and Vedtak to read, as they are placed now: by worksheet ID
        (named), else by title; neither when the plan's is a tab it has yet to add."""
        return {
            t: self._own.get(t, t)
            for t in (OVERVIEW_TAB, DECISIONS_TAB)
            if self._own.get(t) != self._sheet_id and (t in self._own or self._shared(t))
        }

    def _listed_again(self, gone: list[str]) -> bool:
        """List the tabs and names again after a named tab in `gone` was not found; whether
        the cycle must read again: the plan's tab changed, or one of `gone` is there now (under
        a newer name another process added, or a tab of its title without one)."""
        plan = self._sheet_id
        self._guarded(self._find_sheet)
        titles = {s.lower() for s in self._sheets}
        return self._sheet_id != plan or any(t in self._own or t.lower() in titles for t in gone)

    def editors(self, since: str) -> Editors:
        """Everyone but us who saved a version after `since` (an ISO time), from the versions
        the last `read` fetched; without a marker, the latest person only."""
        people = [v for v in self._versions if _user(v).get("id") not in ("", None, self._me)]
        fresh = (
            [v for v in people if v.get("lastModifiedDateTime", "") > since]
            if since
            else (people[:1])
        )
        names = tuple(
            dict.fromkeys(_user(v).get("displayName", "") for v in reversed(fresh) if _user(v))
        )
        marker = max((v.get("lastModifiedDateTime", "") for v in self._versions), default=since)
        return Editors(names=tuple(n for n in names if n), marker=max(marker, since))

    def write(self, writes: SheetWrites) -> WriteResult:
        if not writes or self._sheet_id is None:
            return WriteResult(skipped=len(writes.cells))
        result: WriteResult = self._guarded(lambda: self._write(writes, self._sheet_id or ""))
        return result

    def lay_out(self, sheet_format: SheetFormat) -> None:
        """Add the plan tab and the other tabs if missing, the header (on an empty tab; bold,
        the columns Planlogg writes greyed), the text format below the table in the plan's
        columns, and the names that find the tab again after a rename and record its text
        format. Nothing when both names are there, and Oversikt and Vedtak are named.

        A plan tab laid out fresh (its header written on an empty tab), and an Oversikt or
        Vedtak added, get their columns' widths, wrap and top alignment (`_column_formats`);
        a tab people already use keeps the widths they gave it.

        Oversikt and Vedtak are named (`TAB_MARKS`) when added, and so is a tab of their
        title an earlier Planlogg wrote before the names existed (its first row tells; read
        in the request that reads the plan's tab, named once); one people made is left
        unnamed for the cycle to refuse.

        The header is written on an empty tab only. A tab whose first row is empty while
        rows below hold values is left alone (the cycle refuses it, saying why): people may
        have put the columns in another order, and the standard header over them would
        make every cell read as an edit of another column.

        A tab found by a name an earlier Planlogg wrote (`older_plan_marks`) is named anew,
        and its header keeps the format it has (people may have changed it): only a tab
        found by its title alone, or laid out fresh, gets bold and grey.

        A tab an earlier Planlogg laid out without the text format gets it at the next
        start (the loop lays out under the sync lock). Rows that hold values keep their
        format: as text, a date people typed would show, and be read, as its serial
        number. A refusal does not stop the sync of a tab it has always synced: it is
        logged, and the next start tries again."""
        self._open()
        plan_done = self._marked and self._as_text
        if plan_done and all(
            t in self._own and not self._placing.get(t, (True, False))[1] for t in sheet_format.tabs
        ):
            return
        upgrading = self._marked
        try:
            self._guarded(lambda: self._lay_out(sheet_format))
        except BackendError as error:
            if not upgrading:
                raise
            if plan_done:
                log.warning(
                    _(
                        "Fikk ikke merket fanene Oversikt og Vedtak i %(sheet)s som Planloggs "
                        "(%(reason)s); prøver igjen neste gang synkroniseringen starter.",
                        sheet=self.label,
                        reason=error.message,
                    )
                )
                return
            log.warning(
                _(
                    "Fikk ikke gitt plankolonnene i %(sheet)s tekstformat (%(reason)s); "
                    "prøver igjen neste gang synkroniseringen starter.",
                    sheet=self.label,
                    reason=error.message,
                )
            )

    def relocate(self, title: str) -> str:
        """A new, empty plan tab and a newer name pointing at it; the old tab stays. Returns
        the new tab's title: `title`, with a number added when a tab has it (in any case).

        Graph adds no number: it refuses a worksheet whose title is taken
        (``ItemAlreadyExists``, nothing added). The number is added from the titles listed
        at the start, and when a tab of that title was added since (people, while `serve`
        kept this backend), the tabs are listed again and the next free title taken (2
        requests more, only then).

        The name is added after the tab (it refers to it), in the same batch. When another
        restore took that name first (its backend listed the names before this one's, or
        this one's before it), Graph answers 409 ``itemAlreadyExists`` with the tab added:
        the names are listed again and the tab named with the next number, in the session
        still open (2 requests more, only then; nothing sent twice). When that fails too,
        the tab is deleted again and the restore fails saying so: a restore is not tried
        again by a later round, people run it again.

        A plan whose tab was found by a name an earlier Planlogg wrote, and not yet named
        anew (`lay_out` does that; a restore relocates first), has no name of its own: the
        new tab gets its first, ``Planlogg_<plan>``, which is then newer than the old ones."""
        self._open()
        made: str = self._guarded(lambda: self._relocate(title))
        return made

    def _relocate(self, title: str) -> str:
        wanted = sheet_title(title)
        free = free_title(wanted, self._sheets)
        names = self._plan_names
        first = self._adopted and self.marker.lower() not in self._names
        generation = 1 if first else names.last + 1
        self._ensure_session()
        try:
            try:
                try:
                    answers = self._in_session(
                        [self._add_sheet_call(free), self._name_call(names.name(generation), free)]
                    )
                except GraphError as error:
                    if 0 in error.answered or not error.name_taken:
                        raise
                    self._list_sheets()
                    free = free_title(wanted, self._sheets)
                    answers = self._in_session(
                        [self._add_sheet_call(free), self._name_call(names.name(generation), free)]
                    )
                sheet_id = str(answers[0].body["id"])
                free = str(answers[0].body.get("name") or free)
            except GraphError as error:
                added = error.answered.get(0)
                if added is None or not error.name_taken:
                    raise
                sheet_id = str(added.body["id"])
                free = str(added.body.get("name") or free)
                generation = self._name_anew(sheet_id, free, names.name(generation))
        finally:
            self._close_quietly()
        self._sheet_id, self._tab = sheet_id, free
        self._sheets.add(free)
        names.last, self._named, self._marked, self._adopted = generation, True, False, False
        self._by_older_mark = False
        self._mark, self._as_text = names.name(generation), False
        self._names.add(self._mark.lower())
        return free

    def _list_sheets(self) -> None:
        """List the workbook's tabs again (1 request), after a title thought free was taken."""
        listed = self.client.call(Call("GET", f"{self._book_path()}/worksheets?$select=id,name"))
        self._sheets = {str(s["name"]) for s in (listed.body or {}).get("value", [])}

    def _name_anew(self, sheet_id: str, title: str, taken: str) -> int:
        """Name the tab `title` (`sheet_id`) that `relocate` added after its name `taken` was
        found to exist: with the next number after the plan's names as listed now (1
        request, and 1 for the name). Returns that number. When that name is taken too (a
        name left outside the plan's names, or another restore came between again), or
        naming fails otherwise, the tab is deleted again and the restore fails, saying so."""
        failure: Exception | None = None
        try:
            listed = self.client.call(Call("GET", f"{self._book_path()}/names")).body or {}
            names = listed.get("value", [])
            self._names = {str(n["name"]).lower() for n in names}
            self._plan_names.learn(names, self._claimed(names))
            generation = self._plan_names.last + 1
            name = self._plan_names.name(generation)
            if name.lower() in self._names:
                taken = name
            else:
                try:
                    self._in_session([self._name_call(name, title)])
                except GraphError as error:
                    taken = name if error.name_taken else taken
                    raise
                self._names.add(name.lower())
                return generation
        except (GraphError, WorkbookBusy, requests.RequestException, ValueError) as error:
            failure = error
        said = _(
            "Planen ble ikke lagt ut på nytt i «%(sheet)s»: regnearket har allerede navnet "
            "%(name)s (trolig fra en tidligere gang planen ble lagt ut på nytt), så Planlogg "
            "fikk ikke gitt den nye fanen «%(tab)s» et navn å finne den igjen med.",
            sheet=self.label,
            name=taken,
            tab=title,
        )
        if self._delete_quietly(sheet_id):
            left = _("Fanen er slettet igjen.")
        else:
            left = _("Planlogg fikk ikke slettet fanen igjen; den er tom og kan slettes.")
        again = _("Kjør «planlogg sync restore» på nytt.")
        raise BackendError(f"{said} {left}", again) from failure

    def _delete_quietly(self, sheet_id: str) -> bool:
        """Delete the worksheet `sheet_id`, in a session (the one still open, or a new one);
        whether it is gone. Safe to send again: a second delete finds nothing (404)."""
        with contextlib.suppress(
            GraphError, WorkbookBusy, RetryableFailure, requests.RequestException, ValueError
        ):
            self._in_session(
                [Call("DELETE", self._sheet_path(sheet_id), missing_ok=True, in_session=True)]
            )
            return True
        return False

    def _name_call(self, name: str, sheet: str, comment: str = "") -> Call:
        return Call(
            "POST",
            f"{self._book_path()}/names/add",
            {
                "name": name,
                "reference": f"={_quoted(sheet)}!$A$1",
                "comment": comment
                or _("Planlogg finner planfanen sin med dette navnet. Ikke slett det."),
            },
            safe=False,
            in_session=True,
        )

    # --- opening -------------------------------------------------------------------------

    def _open(self) -> _Item:
        if self._item is None:
            self._item = self._guarded(self._locate)
            self._guarded(self._find_sheet)
        return self._item

    def _locate(self) -> _Item:
        link = self.workbook
        if link.startswith(("https://", "http://")):
            path = f"/shares/{share_token(link)}/driveItem"
        elif match := re.fullmatch(r"(?:drives/)?([^/\s]+)/(?:items/)?([^/\s]+)", link):
            return _Item(match[1], match[2], "")
        elif re.fullmatch(r"[A-Za-z0-9!_-]+", link):
            path = f"/me/drive/items/{link}"
        else:
            raise BackendError(_not_found(link))
        answer = self.client.call(
            Call("GET", f"{path}?$select=id,name,parentReference", missing_ok=True)
        )
        if answer.status == 404:
            raise BackendError(_not_found(link))
        body = answer.body or {}
        return _Item(body["parentReference"]["driveId"], body["id"], body.get("name", ""))

    def _find_sheet(self) -> None:
        """The plan's tab: by the newest of its names whose sheet exists, else by title
        when no other plan's name points at that title. Also called again after a restore
        in another process added a newer name (`read`)."""
        self._sheet_id, self._tab, self._mark = None, "", ""
        self._marked = self._as_text = self._by_older_mark = False
        sheets, names, me = self.client.batch(
            [*self._listing_calls(), Call("GET", "/me?$select=id,displayName")]
        )
        self._me = str((me.body or {}).get("id", ""))
        listed, by_name = self._learn_listing(sheets, names)
        self._find_own_tabs(listed, by_name)
        claimed = self._claimed(listed)
        self._plan_names.learn(listed, claimed)
        self._named, self._adopted = self.marker.lower() in self._names, False
        found = self._plan_names.newest(by_name)
        if found is not None:
            self._sheet_id, self._tab = by_name[found[1].lower()], found[1]
            self._marked, self._mark = True, self._plan_names.name(found[0])
            self._as_text = (self._mark + TEXT_FORMAT_MARK).lower() in self._names
            return
        older = [
            _Names(mark, chained=True, any_case=False) for mark in older_plan_marks(self.plan_key)
        ]
        for series in older:
            series.learn(listed, claimed)
            found = series.newest(by_name)
            if found is not None:
                self._sheet_id, self._tab = by_name[found[1].lower()], found[1]
                self._adopted, self._by_older_mark = not self._named, True
                return
        ours = {
            series.name(number).lower()
            for series in (self._plan_names, *older)
            for number in series.sheets
        }
        others = {
            (_sheet_of(str(n.get("value", ""))) or "").lower()
            for n in listed
            if str(n["name"]).lower().startswith(PLAN_MARK_PREFIX.lower())
            and str(n["name"]).lower() not in ours
            and "." not in str(n["name"])
        }
        if self.title.lower() not in others and self.title.lower() in by_name:
            self._sheet_id, self._tab = by_name[self.title.lower()], self.title

    def _listing_calls(self) -> list[Call]:
        """The workbook's tabs and names (`_learn_listing`)."""
        root = self._book_path()
        return [Call("GET", f"{root}/worksheets?$select=id,name"), Call("GET", f"{root}/names")]

    def _learn_listing(
        self, sheets: Answer, names: Answer
    ) -> tuple[list[dict[str, Any]], dict[str, str]]:
        """The tabs' titles and the names as `_listing_calls` answered them; returns the
        names and the worksheet IDs by title in lower case."""
        found = (sheets.body or {}).get("value", [])
        self._sheets = {str(s["name"]) for s in found}
        listed: list[dict[str, Any]] = (names.body or {}).get("value", [])
        self._names = {str(n["name"]).lower() for n in listed}
        return listed, {str(s["name"]).lower(): str(s["id"]) for s in found}

    def _claimed(self, listed: list[dict[str, Any]]) -> frozenset[str]:
        """The tabs (titles in lower case) that another plan's name among `listed` refers to:
        a name beginning ``Planlogg_`` that is none of this plan's, in any number. An earlier
        Planlogg named plan `x-2`'s tab ``Planlogg_x_2``, as plan `x`'s second tab is named:
        once `x-2` has named it anew (`sync.layout.plan_mark`), `x` no longer counts it."""
        ours = [
            _Names(self.marker).pattern,
            *(_Names(m, any_case=False).pattern for m in older_plan_marks(self.plan_key)),
        ]
        return frozenset(
            sheet.lower()
            for n in listed
            if (name := str(n["name"])).lower().startswith(PLAN_MARK_PREFIX.lower())
            and "." not in name
            and not any(pattern.fullmatch(name) for pattern in ours)
            and (sheet := _sheet_of(str(n.get("value", ""))))
        )

    def _find_own_tabs(self, listed: list[dict[str, Any]], by_name: dict[str, str]) -> None:
        """Planlogg's Oversikt and Vedtak: for each, the newest of its names whose sheet
        exists (a name whose tab was deleted reads ``#REF!``); which is the plan's, see
        `_place_own_tabs`."""
        self._listing = (listed, by_name)
        for names in (*self._tab_names.values(), *self._my_tab_names.values()):
            names.learn(listed)
        self._place_own_tabs(new=False)

    def _place_own_tabs(self, new: bool) -> None:
        """The plan's Oversikt and Vedtak, as the tabs and names were listed: the newest tab
        of the plan's own names that those names make its (`own_tab_owner`: the shared tab
        another plan named first is that plan's); else the workbook's one tab (`TAB_MARKS`),
        unless another plan named it, or another plan is in the workbook and the plan's tab
        is `new` (being laid out): then a tab of its own is added when it is written."""
        listed, by_name = self._listing
        on: dict[str, set[str]] = {}
        for n in listed:
            sheet = _sheet_of(str(n.get("value", "")))
            if sheet and sheet.lower() in by_name:
                on.setdefault(sheet.lower(), set()).add(str(n["name"]))
        others = bool(self._claimed(listed) & set(by_name))
        self._own, self._placing, self._own_titles = {}, {}, {}
        for title, names in self._tab_names.items():
            shared = names.newest(by_name)
            mine = self._my_tab_names[title]
            for number in sorted(mine.sheets, reverse=True):
                sheet = mine.sheets[number] or ""
                owner = own_tab_owner(title, on.get(sheet.lower(), ()))
                if owner is not None and is_own_tab_mark(self.plan_key, title, owner):
                    self._own[title], self._own_titles[title] = by_name[sheet.lower()], sheet
                    self._placing[title] = (
                        shared is not None and shared[1].lower() == sheet.lower(),
                        False,
                    )
                    break
            if title in self._own:
                continue
            named = shared is not None and own_tab_owner(title, on.get(shared[1].lower(), ()))
            if named or (others and new):
                self._placing[title] = (False, False)
            else:
                if shared is not None:
                    self._own[title], self._own_titles[title] = (
                        by_name[shared[1].lower()],
                        shared[1],
                    )
                self._placing[title] = (True, others)

    def _shared(self, title: str) -> bool:
        """Whether the plan's `title` is the workbook's one tab of that title."""
        return self._placing.get(title, (True, False))[0]

    # --- writing -------------------------------------------------------------------------

    def _write(self, writes: SheetWrites, sheet_id: str) -> WriteResult:
        """The tabs to write that are not named (Oversikt, Vedtak) are read again by title
        in the first batch: one not there is added and named, one an earlier Planlogg wrote
        is named, and one people made since the read is refused before anything is written."""
        checking = bool(writes.cells or writes.notes or writes.delete_rows)
        written = [t for t, rows in writes.tabs.items() if rows and rows[0]]
        self._settle_own_tabs(
            [t for t in written if not self._shared(t) and t not in self._own]
            + [t for t in written if t in self._own and self._placing.get(t, (True, False))[1]]
        )
        unnamed = [t for t in written if t not in self._own]
        start = [self._create_session_call()]
        if checking:
            start.append(self._used_range(sheet_id))
        start += [self._used_range(t) for t in unnamed]
        answers = self.client.batch(start)
        read_at = self.client.waits
        try:
            self._session_from(answers[0])
            titled = {
                t: _grid(a.body)
                for t, a in zip(unnamed, answers[len(start) - len(unnamed) :], strict=True)
                if a.status != 404
            }
            refuse_foreign_tabs(titled)
            valid = writes
            if checking:
                grid = _grid(answers[1].body)
                valid = still_valid(writes, grid)
            placing = self._own_tab_calls(unnamed, titled)  # a name taken fails first
            calls = list(placing.calls)
            guard = _WriteGuard(valid, len(calls), self.client, self._used_range(sheet_id), read_at)
            calls += [self._range_write(sheet_id, run) for run in guard.runs]
            calls += [self._row_delete(sheet_id, row) for row in guard.rows]
            calls += self._tab_writes(writes.tabs)
            answered = self._in_session(calls, guard, tabs=placing)
        finally:
            self._close_quietly()
        sent, deleted = guard.done(answered)
        return WriteResult(
            written={(c.row, c.column) for c in sent},
            deleted=deleted,
            skipped=len(writes.cells) - len(sent),
        )

    def _row_delete(self, sheet_id: str, row: int) -> Call:
        return Call(
            "POST",
            f"{self._sheet_path(sheet_id)}/range(address='{row}:{row}')/delete",
            {"shift": "Up"},
            safe=False,
            in_session=True,
        )

    def _range_write(self, sheet_id: str, run: list[Any]) -> Call:
        first, last = run[0], run[-1]
        address = f"{_cell(first.row, first.column)}:{_cell(last.row, last.column)}"
        return Call(
            "PATCH",
            f"{self._sheet_path(sheet_id)}/range(address='{address}')",
            {"values": [[c.text for c in run]], "numberFormat": [[TEXT_FORMAT] * len(run)]},
            in_session=True,
        )

    def _tab_writes(self, tabs: dict[str, list[list[str]]]) -> list[Call]:
        """Each tab's rows from A1, into Planlogg's tab by its worksheet ID (a renamed one
        under its new title), else by title (a tab `_own_tab_calls` adds or names first)."""
        calls: list[Call] = []
        for title, rows in tabs.items():
            if not rows or not rows[0] or self._own.get(title) == self._sheet_id:
                continue
            width = max(len(r) for r in rows)
            values = [[as_written(c) for c in r] + [""] * (width - len(r)) for r in rows]
            formats = [
                [TEXT_FORMAT if isinstance(v, str) else "General" for v in r] for r in values
            ]
            address = f"A1:{_cell(len(rows), width - 1)}"
            calls.append(
                Call(
                    "PATCH",
                    f"{self._sheet_path(self._own.get(title, title))}/range(address='{address}')",
                    {"values": values, "numberFormat": formats},
                    in_session=True,
                )
            )
        return calls

    def _settle_own_tabs(self, titles: list[str]) -> None:
        """Add the plan's own tabs among `titles` and name the shared ones it takes, before a
        write that goes to them by worksheet ID (a title such as «Oversikt x (2)» cannot
        stand in a Graph path): 2 requests, only then."""
        if not titles:
            return
        placing = self._own_tab_calls(titles, {})
        if not placing.calls:
            return
        self._ensure_session()
        try:
            self._in_session(placing.calls, tabs=placing)
        finally:
            self._close_quietly()

    def _own_tab_calls(self, titles: list[str], present: Mapping[str, Any]) -> _TabCalls:
        """The calls that make each of `titles` (Oversikt, Vedtak) the plan's named tab: the
        shared tab it takes is named with its own name too when another plan is in the
        workbook (`_place_own_tabs`); a tab of that title in `present` (one Planlogg wrote:
        the caller leaves people's own out) is named, else one is added, named and sized
        (`_size_added`); a plan whose is a tab of its own gets one («Oversikt <plan>»). Also
        where, among the calls, each tab's worksheet ID is answered (`_learn_own_tabs`)."""
        calls: list[Call] = []
        learn: dict[int, str] = {}
        unsized: list[str] = []
        for title in titles:
            shared, claim = self._placing.get(title, (True, False))
            if title in self._own:
                if claim:
                    calls.append(self._my_name_call(title, self._own_titles[title]))
                    self._placing[title] = (shared, False)
                continue
            if not shared:
                named = free_title(own_tab_title(self.plan_key, title), self._sheets)
                calls.append(self._add_sheet_call(named))
                learn[len(calls) - 1] = title
                calls.append(self._my_name_call(title, named))
                self._sheets.add(named)
                self._own_titles[title] = named
                self._size_added(title, named, calls, unsized)
                continue
            if claim:
                self._placing[title] = (shared, False)
            if title in present:
                calls.append(self._tab_name_call(title))
                calls.append(Call("GET", f"{self._sheet_path(title)}?$select=id", in_session=True))
            else:
                calls.append(self._add_sheet_call(title))
                calls.append(self._tab_name_call(title))
                self._sheets.add(title)
            learn[len(calls) - (1 if title in present else 2)] = title
            self._own_titles[title] = title
            if claim:
                calls.append(self._my_name_call(title, title))
            if title not in present:
                self._size_added(title, title, calls, unsized)
        return _TabCalls(calls, learn, unsized)

    def _size_added(self, title: str, named: str, calls: list[Call], unsized: list[str]) -> None:
        """The columns of the tab `named` just added as `title` (Oversikt, Vedtak), by its
        title, after the calls that add it; a title that cannot stand in a Graph path
        (`_IN_PATH`) is left for `_in_session` to size by the tab's ID."""
        if _IN_PATH.fullmatch(named):
            calls += self._tab_columns(named, title)
        else:
            unsized.append(title)

    def _tab_columns(self, sheet: str, title: str) -> list[Call]:
        """A new Oversikt's or Vedtak's (`title`) columns, on the worksheet `sheet` (an ID or
        a title): wide enough for their labels (`TAB_WIDTHS`), Oversikt's area names wrapped
        (`TAB_WRAPPED`), at the top."""
        wrapped = TAB_WRAPPED.get(title, frozenset())
        widths = [Width(c, wrap=i in wrapped) for i, c in enumerate(TAB_WIDTHS[title])]
        return _column_formats(self._sheet_path(sheet), widths)

    def _learn_own_tabs(self, answers: list[Answer], learn: dict[int, str]) -> None:
        for index, title in learn.items():
            self._own[title] = str(answers[index].body["id"])

    def _my_name_call(self, title: str, sheet: str) -> Call:
        """The plan's next own name for its tab `title`, on the tab titled `sheet`."""
        name = self._my_tab_names[title].take_next()
        self._names.add(name.lower())
        return self._name_call(
            name,
            sheet,
            _("Planlogg kjenner igjen fanen sin med dette navnet. Ikke slett det."),
        )

    def _tab_name_call(self, title: str) -> Call:
        """The next name for Planlogg's tab `title`: `TAB_MARKS`' own, then ``…_2`` …
        (`_Names`)."""
        name = self._tab_names[title].take_next()
        self._names.add(name.lower())
        return self._name_call(
            name,
            title,
            _("Planlogg kjenner igjen fanen sin med dette navnet. Ikke slett det."),
        )

    def _in_session(
        self, calls: list[Call], guard: _WriteGuard | None = None, tabs: _TabCalls | None = None
    ) -> list[Answer]:
        """Send `calls` in order, 20 to a batch, closing the session in the last one; those
        `guard` withholds are answered `WITHHELD`. `calls` begin with `tabs`' (Oversikt's and
        Vedtak's), whose worksheet IDs are learned from the answers (`_learn_own_tabs`); a tab
        among them added under a title no Graph path can hold (`_TabCalls.unsized`) is sized
        by that ID after the rest, in one batch more with the session's close, once."""
        close = Call("POST", f"{self._book_path()}/closeSession", in_session=True)
        unsized = tabs.unsized if tabs is not None else []
        answers = self._batches(calls if unsized else [*calls, close], guard)
        if tabs is not None:
            self._learn_own_tabs(answers, tabs.learn)
        if unsized:
            later = [c for title in unsized for c in self._tab_columns(self._own[title], title)]
            self._batches([*later, close], None)
        self.client.session_id = None
        return answers

    def _batches(self, calls: list[Call], guard: _WriteGuard | None) -> list[Answer]:
        """`calls` in sequential batches of 20 in the open session (`_in_session`)."""
        answers: list[Answer] = []
        for start in range(0, len(calls), MAX_BATCH):
            end = min(start + MAX_BATCH, len(calls))

            def before_attempt(pending: list[int], start: int = start, end: int = end) -> set[int]:
                self._ensure_session()
                if guard is None:
                    return set()
                still = [start + i for i in pending] + list(range(end, len(calls)))
                return {i - start for i in guard.withheld(still) if i < end}

            self._refresh_if_idle()
            answers += self.client.batch(
                calls[start:end], sequential=True, before_attempt=before_attempt
            )
            self._session_used = self.client.policy.clock()
        return answers

    # --- sessions ------------------------------------------------------------------------

    def _create_session_call(self) -> Call:
        return Call(
            "POST",
            f"{self._book_path()}/createSession",
            {"persistChanges": True},
            headers={"Prefer": "respond-async"},
        )

    def _ensure_session(self) -> None:
        if self.client.session_id is None:
            self._session_from(self.client.call(self._create_session_call()))

    def _session_from(self, answer: Answer) -> None:
        """The session ID from a 201, or from the long-running operation behind a 202."""
        if answer.status == 202:
            answer = self._await_operation(answer.headers.get("location", ""))
        self.client.session_id = str((answer.body or {})["id"])
        self._session_used = self.client.policy.clock()

    def _await_operation(self, location: str) -> Answer:
        policy = self.client.policy
        for attempt in range(1, SESSION_POLLS + 1):
            self.client.wait(min(30.0, policy.base_delay * 2 ** (attempt - 1)))
            status = self.client.follow(location).body or {}
            if status.get("status") == "succeeded":
                return self.client.follow(str(status["resourceLocation"]))
            if status.get("status") == "failed":
                error = GraphError(500, {"error": status.get("error") or {}}, {})
                raise WorkbookBusy(str(error)) if error.busy else error
        raise GraphError(504, {"error": {"code": "gatewayTimeout"}}, {})

    def _refresh_if_idle(self) -> None:
        idle = self.client.policy.clock() - self._session_used
        if self.client.session_id and idle > SESSION_REFRESH_SECONDS:
            self.client.call(Call("POST", f"{self._book_path()}/refreshSession", in_session=True))

    def _close_quietly(self) -> None:
        """Close a session left open by a failure; one try, never retried."""
        if self.client.session_id is None:
            return
        with contextlib.suppress(RetryableFailure, GraphError, WorkbookBusy):
            self.client.call_once(
                Call("POST", f"{self._book_path()}/closeSession", in_session=True)
            )
        self.client.session_id = None

    # --- laying out ----------------------------------------------------------------------

    def _lay_out(self, sheet_format: SheetFormat) -> None:
        plan_done = self._marked and self._as_text
        if self._sheet_id is None:
            self._place_own_tabs(new=True)
        titles = {s.lower() for s in self._sheets}
        titled = [
            t
            for t in sheet_format.tabs
            if t not in self._own and self._shared(t) and t.lower() in titles
        ]
        grid, found = self._lay_out_reads(titled, plan=not plan_done)
        tabs = [t for t in sheet_format.tabs if t not in found or written_by_planlogg(t, found[t])]
        if plan_done:
            naming = self._own_tab_calls(tabs, found)
            if naming.calls:
                self._ensure_session()
                try:
                    self._in_session(naming.calls, tabs=naming)
                finally:
                    self._close_quietly()
            return
        header = grid[0] if grid else []
        if grid and not any(header):
            return  # rows without a header: left alone, see lay_out
        if grid:
            sheet_format = sheet_format.placed(header)
        columns = sheet_format.plan_columns(header or sheet_format.header)
        mark = self._mark or ("" if self._named else self.marker)
        text_mark = mark + TEXT_FORMAT_MARK if mark else ""
        self._ensure_session()
        try:
            title = self._tab if self._sheet_id else self._add_plan_tab()
            sheet = self._sheet_path(self._sheet_id or "")
            placing = self._own_tab_calls(tabs, found)
            calls = list(placing.calls)
            if not self._named:
                calls.append(self._name_call(self.marker, title))
            calls += self._text_format(sheet, columns, len(grid) + 1)
            if text_mark and text_mark.lower() not in self._names:
                calls.append(self._name_call(text_mark, title))
            if not grid or not (self._marked or self._by_older_mark):
                calls += self._header(sheet, sheet_format, write=not grid)
            if not grid:
                calls += _column_formats(sheet, [column_width(h) for h in sheet_format.header])
            self._in_session(calls, tabs=placing)
        finally:
            self._close_quietly()
        self._sheets |= {title, *sheet_format.tabs}
        self._names |= {n.lower() for n in (mark, text_mark) if n}
        self._mark = mark
        self._marked = self._named = self._as_text = True

    def _lay_out_reads(
        self, titled: list[str], plan: bool
    ) -> tuple[list[list[str]], dict[str, list[list[str]]]]:
        """The plan tab's cells as they stand (`plan`; none for a tab yet to be added), and
        those of the unnamed tabs `titled` (Oversikt, Vedtak) that are there, by title: one
        request, none when neither is asked for. A plan tab deleted since the start is
        forgotten, so a new one is added."""
        reading = plan and self._sheet_id is not None
        calls = [self._used_range(self._sheet_id or "")] if reading else []
        calls += [self._used_range(t) for t in titled]
        if not calls:
            return [], {}
        answers = self.client.batch(calls) if titled else [self.client.call(calls[0])]
        grid: list[list[str]] = []
        if reading:
            answer = answers.pop(0)
            if answer.status == 404:
                self._sheet_id, self._tab, self._marked = None, "", False
                self._by_older_mark = False
            else:
                grid = _grid(answer.body)
        found = {t: _grid(a.body) for t, a in zip(titled, answers, strict=True) if a.status != 404}
        return grid, found

    def _text_format(self, sheet: str, columns: tuple[int, ...], first: int) -> list[Call]:
        """The text number format over the plan's `columns` (0-based) from row `first` (the
        first below the table) down to row `FORMATTED_ROWS`, one range per run of
        neighbouring columns: what people type there stays as typed ("0042", "1.10"),
        never a number or a date. Columns people added are theirs, and keep their format."""
        return [
            Call(
                "PATCH",
                f"{sheet}/range(address='{_cell(first, left)}:{_cell(FORMATTED_ROWS, past - 1)}')",
                {"numberFormat": TEXT_FORMAT},
                in_session=True,
            )
            for left, past in column_runs(columns)
            if first <= FORMATTED_ROWS
        ]

    def _header(self, sheet: str, sheet_format: SheetFormat, write: bool) -> list[Call]:
        """The header (`write`: on an empty tab only), bold, the columns Planlogg writes
        greyed."""
        header = list(sheet_format.header)
        last = _column(len(header) - 1)
        calls = []
        if write:
            calls.append(
                Call(
                    "PATCH",
                    f"{sheet}/range(address='A1:{last}1')",
                    {"values": [header]},
                    in_session=True,
                )
            )
        calls.append(
            Call(
                "PATCH",
                f"{sheet}/range(address='A1:{last}1')/format/font",
                {"bold": True},
                in_session=True,
            )
        )
        calls += [
            Call(
                "PATCH",
                f"{sheet}/range(address='{_cell(1, index)}')/format/fill",
                {"color": _GREY},
                in_session=True,
            )
            for index in sheet_format.read_only_columns
        ]
        return calls

    def _add_plan_tab(self) -> str:
        """Add the plan's tab, titled after the plan (a number added when another tab has
        that title, e.g. another plan's whose key begins alike), and learn its ID: the
        calls that format it name it by ID, since a title such as «plan (2)» cannot stand
        in a Graph path. Returns the title."""
        title = free_title(self.title, self._sheets)
        added = self.client.call(self._add_sheet_call(title))
        self._sheet_id, self._tab = str(added.body["id"]), title
        self._sheets.add(title)
        return title

    def _add_sheet_call(self, title: str) -> Call:
        return Call(
            "POST",
            f"{self._book_path()}/worksheets/add",
            {"name": title},
            safe=False,
            in_session=True,
        )

    # --- helpers -------------------------------------------------------------------------

    def _drive_path(self) -> str:
        item = self._open()
        return f"/drives/{item.drive_id}/items/{item.item_id}"

    def _book_path(self) -> str:
        return f"{self._drive_path()}/workbook"

    def _sheet_path(self, sheet: str) -> str:
        return f"{self._book_path()}/worksheets/{urllib.parse.quote(sheet, safe='')}"

    def _used_range(self, sheet: str) -> Call:
        return Call(
            "GET",
            f"{self._sheet_path(sheet)}/usedRange(valuesOnly=true)"
            "?$select=address,rowIndex,columnIndex,text",
            missing_ok=True,
        )

    def _guarded(self, action: Callable[[], Any]) -> Any:
        """Graph's failures as Planlogg's: busy, or failed after retries."""
        try:
            return action()
        except WorkbookBusy as error:
            raise SheetBusy(
                _(
                    "«%(sheet)s» er låst for redigering av noen andre (trolig åpen i "
                    "Excel-programmet på en datamaskin); Planlogg skriver ikke i arbeidsboken "
                    "før den er lukket der.",
                    sheet=self.label,
                ),
                _("Endringene blir tatt inn ved en senere synkronisering."),
            ) from error
        except GraphError as error:
            raise BackendError.next_round(
                _(
                    "Microsoft Graph svarte med feil %(status)s (%(code)s).",
                    status=error.status,
                    code=error.code or _("ukjent"),
                )
            ) from error
        except (requests.RequestException, ValueError) as error:
            raise BackendError.next_round(
                _("Fikk ikke kontakt med Microsoft Graph (%(fault)s).", fault=type(error).__name__)
            ) from error


def _not_found(link: str) -> str:
    return _(
        "Fant ikke arbeidsboken «%(link)s» i Microsoft 365. Sjekk lenken og at tjenestebrukeren "
        "har tilgang til den.",
        link=link,
    )


def _grid(body: Any) -> list[list[str]]:
    """A usedRange's text, placed from A1; an empty sheet is an empty grid."""
    body = body or {}
    text = body.get("text") or []
    rows = [[str(v) if v is not None else "" for v in row] for row in text]
    if not any(any(row) for row in rows):
        return []
    top, left = int(body.get("rowIndex", 0)), int(body.get("columnIndex", 0))
    width = left + max(len(r) for r in rows)
    grid = [[""] * width for _ in range(top)] + [[""] * left + row for row in rows]
    while grid and not any(grid[-1]):
        grid.pop()
    return grid


class _WriteGuard:
    """The plan tab's writes of one cycle, sent in batches that Graph may hold back
    (429 with Retry-After): a person may type in the workbook during the wait. After a
    wait, before more of them are sent, the tab is read again (one request) and a range
    write whose cells no longer show what was read, or a row delete whose row does not, is
    withheld, by `still_valid` on the rest (`SheetWrites.rest`). Without a wait nothing is
    read again: the batches follow each other as closely as the first follows the read.
    `read_at` is `GraphClient.waits` when the tab was read: a wait since (for the session
    Graph was still creating) counts too."""

    def __init__(
        self, valid: SheetWrites, first: int, client: GraphClient, read: Call, read_at: int
    ) -> None:
        self.valid = valid
        self.runs = list(_runs(valid.cells))
        self.rows = sorted(valid.delete_rows, reverse=True)
        self._first = first
        self._client = client
        self._read = dataclasses.replace(read, in_session=True)
        self._read_at = read_at
        self._withheld: set[int] = set()

    def withheld(self, still: list[int]) -> set[int]:
        """Of `still` (the indexes of the calls not yet answered), those not to send."""
        if self._client.waits > self._read_at:
            grid = _grid(self._client.call(self._read).body)
            self._read_at = self._client.waits
            self._withheld |= self._unsafe(set(still), grid)
        return self._withheld & set(still)

    def done(self, answers: list[Answer]) -> tuple[list[Any], set[int]]:
        """The cells written and the rows deleted, by `answers` to the calls."""
        return (
            [c for i, run in self._run_calls() if answers[i] is not WITHHELD for c in run],
            {row for i, row in self._row_calls() if answers[i] is not WITHHELD},
        )

    def _unsafe(self, still: set[int], grid: list[list[str]]) -> set[int]:
        sent = [
            c
            for i, run in self._run_calls()
            if i not in still and i not in self._withheld
            for c in run
        ]
        runs = [(i, run) for i, run in self._run_calls() if i in still]
        rows = [(i, row) for i, row in self._row_calls() if i in still]
        rest = self.valid.rest(sent, [c for _i, run in runs for c in run], [r for _i, r in rows])
        safe = still_valid(rest, grid)
        cells, deletable = set(safe.cells), set(safe.delete_rows)
        return {i for i, run in runs if not cells.issuperset(run)} | {
            i for i, row in rows if row not in deletable
        }

    def _run_calls(self) -> Iterator[tuple[int, list[Any]]]:
        return enumerate(self.runs, self._first)

    def _row_calls(self) -> Iterator[tuple[int, int]]:
        return enumerate(self.rows, self._first + len(self.runs))


def _runs(cells: list[Any]) -> Iterator[list[Any]]:
    """Cells grouped into runs of adjacent columns along each row."""
    run: list[Any] = []
    for cell in sorted(cells, key=lambda c: (c.row, c.column)):
        if run and (cell.row != run[-1].row or cell.column != run[-1].column + 1):
            yield run
            run = []
        run.append(cell)
    if run:
        yield run


def column_points(characters: float) -> float:
    """A column `characters` wide (`sync.layout.Width`, `TAB_WIDTHS`) in points, the unit of
    Graph's ``columnWidth``. Excel counts a column's width in characters of its default
    font's digits, 7 px each in Calibri 11, and adds 5 px of padding (the cell's margins and
    the grid line): its default 8.43 characters are 64 px. A pixel is 0.75 pt (96 px and 72 pt
    to the inch), so those are the 48 pt Graph reads for a column nobody sized, and Tiltak's
    60 characters are 425 px, 318.75 pt. Google (7 px a character) and openpyxl (whose
    `width` is the file's, padding included) leave the 5 px out: 420 px there."""
    return (round(characters * PIXELS_PER_CHARACTER) + PADDING_PIXELS) * POINTS_PER_PIXEL


def _column_formats(sheet: str, widths: Sequence[Width]) -> list[Call]:
    """The widths (from column A), wrap and top alignment of a tab Planlogg lays out new, on
    whole columns (``E:G``, so rows added later have them too): one ``…/format`` request per
    run of neighbouring columns of one width and wrap. Every column's text stands at the top
    of its row, as in the other backends: a short cell at the foot of a tall row sits just
    above the next measure."""
    calls: list[Call] = []
    first = 0
    for width, run in itertools.groupby(widths):
        past = first + len(list(run))
        calls.append(
            Call(
                "PATCH",
                f"{sheet}/range(address='{_column(first)}:{_column(past - 1)}')/format",
                {
                    "columnWidth": column_points(width.characters),
                    "wrapText": width.wrap,
                    "verticalAlignment": "Top",
                },
                in_session=True,
            )
        )
        first = past
    return calls


def _column(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _cell(row: int, column: int) -> str:
    return f"{_column(column)}{row}"


def _quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def _sheet_of(reference: str) -> str | None:
    """The sheet a name refers to (``='My tab'!$A$1`` → ``My tab``), None for ``#REF!``."""
    sheet, bang, _cell_ref = reference.removeprefix("=").rpartition("!")
    if not bang or not sheet or "#REF" in reference:
        return None
    if sheet.startswith("'") and sheet.endswith("'"):
        sheet = sheet[1:-1].replace("''", "'")
    return sheet


def _generations(numbered: dict[int, Any]) -> list[tuple[int, Any]]:
    """The plan's names in order: its first name, then `_2`, `_3` … up to the first number
    missing (each `sync restore` adds the next). A name further on is another plan's whose
    key goes on where this one ends, as earlier Planloggs named tabs (`older_plan_marks`):
    `Planlogg_hf_2024_2027` belonged to `hf-2024-2027`, not to `hf-2024` as its 2027th."""
    found: list[tuple[int, Any]] = []
    while len(found) + 1 in numbered:
        found.append((len(found) + 1, numbered[len(found) + 1]))
    return found


def _names_a_sheet(answer: Answer) -> bool:
    """Whether a name asked for exists and refers to a sheet (not ``#REF!``)."""
    return answer.status < 400 and _sheet_of(str((answer.body or {}).get("value", ""))) is not None


def _user(version: dict[str, Any]) -> dict[str, Any]:
    return (version.get("lastModifiedBy") or {}).get("user") or {}
