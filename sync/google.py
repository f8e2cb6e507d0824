"""Google Sheets through gspread — the only module that imports gspread.

A cycle costs a constant number of API requests, whatever the number of changes:

    read        1  values.batchGet (plan tab + Oversikt + Vedtak, formatted values)
    merges      1  spreadsheets.get of the plan tab's merged ranges — only while the tab has
                   some, or when a measure's cell that showed text reads empty or its row
                   is gone (what a merge does to the cells it covers)
    editors     1  Drive revisions.list — only when the sheet changed something
    re-check    1  values.batchGet of the plan tab just before writing
    values      1  values.batchUpdate, valueInputOption RAW (a typed =IMPORTXML stays text)
    notes       1  spreadsheets.get of the notes on the cells whose notes are written, so a
                   person's own note is kept (`sync.backend.kept_note`) — only then
    the rest    1  spreadsheets.batchUpdate: notes, row deletions, grid growth (the new
                   rows take the last row's wrap, alignment and number format, and nothing
                   else of it, get the text number format in the plan's columns and the
                   dropdowns, in the same batch; the colours by status reach the grid's
                   end whatever it grows to)

An unchanged sheet costs 1 request (2 while the plan tab has merged cells); opening the
spreadsheet (its sheet IDs, grid sizes, named ranges and merged ranges) costs 1 more, once
per backend. A cycle that adds columns (a new year) costs 1 more, to widen the grid first.

Merged cells are read as the workbook reads them (`sync.xlsx_limits.read_cells`): Google
keeps a merged range's value in its top-left cell alone and the values API reads the others
as empty, so every cell of a range on the plan's tab is given the range's value, on the rows
that hold something else (`_filled`). The values API cannot say which cells are merged; the
listing can, and after it one spreadsheets.get of the tab's `merges` only when they may have
changed what is read (see the table above): a person who merges cells empties the cells the
range covers, or the tab had merges already. Planlogg never writes into a merged range as it
stands: a range it writes into, or deletes a row of, is unmerged and each of its cells given
the range's value first (as `sync.workbook` does), in the batch that writes those cells, so
no row loses what it showed and the top-left value is not shown over rows that hold another.

The plan's tab is known by its sheetId, through a named range `Planlogg_<plan>`
covering the whole tab (`lay_out` adds it): the read asks for that name, so it
finds the tab whatever its title is now, and Google's answer names the current
title and grid size (the `range` it echoes), which the writes then use. The
backend's `target` is the spreadsheet's ID alone; tabs people add are theirs.
A plan tab found another way (an older name, its title) is named in its first cycle.

Oversikt and Vedtak are known the same way, by named ranges of their own
(`sync.layout.TAB_MARKS`), read in the same request: a renamed one stays Planlogg's, and
a tab of their title without the name is people's own, refused (`refuse_foreign_tabs`,
nothing written) unless an earlier Planlogg wrote it (its first row tells), which is
then named. They are the tabs of the plan that had the spreadsheet first; a plan laid out
beside another gets «Oversikt <plan>» and «Vedtak <plan>», named by its own marks
(`sync.layout.own_tab_mark`), and where plans shared the tabs (as earlier versions did),
the first to write them puts its own named range on them too (`_place`), in the request
that writes them. Developer metadata would not do: a values read cannot ask for it, so
knowing which tab carries it would cost a request each cycle.

`BoundedRetryClient` replaces gspread's BackOffHTTPClient (which retries forever and
ignores Retry-After): 429 and a 403 that is a rate limit (`rateLimitExceeded`,
`userRateLimitExceeded`), 408, 5xx, dropped connections, timeouts, truncated JSON and
Google's sign-in not answering (google-auth's TransportError) are retried with
exponential back-off and full jitter, honouring Retry-After, up to a number of attempts
and a total time (the policy in `sync.retry`, shared with Excel Online). A request that
may already have taken effect and is not safe to repeat (adding or deleting rows,
sheets, rules) is never retried after an ambiguous failure (a lost answer, or a 504
DEADLINE_EXCEEDED, which Google may send after doing the work): the next cycle reads
what happened. A write to the plan's tab that had to wait is not sent again as it was: a
person may have typed during the wait, so the tab is read again first and only what is
still safe is sent (`BoundedRetryClient.checked`, `still_valid`).
"""

from __future__ import annotations

import html
import logging
import re
import time
from collections.abc import Callable, Collection, Mapping, MutableMapping
from functools import partial
from pathlib import Path
from typing import Any

import gspread
import requests
from google.auth.exceptions import RefreshError, TransportError
from gspread.exceptions import APIError
from gspread.http_client import HTTPClient
from gspread.utils import a1_to_rowcol, rowcol_to_a1

from domain.errors import ValidationError
from language import _
from sync.backend import (
    BackendError,
    Editors,
    NoteWrite,
    SheetFormat,
    SheetSnapshot,
    SheetWrites,
    WriteResult,
    kept_note,
    still_valid,
)
from sync.layout import (
    DECISIONS_TAB,
    ID,
    OVERVIEW_TAB,
    TAB_MARKS,
    Width,
    claimed_by_another,
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

log = logging.getLogger("planlogg.sync")

DRIVE_FILES = "https://www.googleapis.com/drive/v3/files"
GRID_HEADROOM = 200
PIXELS_PER_CHARACTER = 7
"""Google sizes a column in pixels where the workbook counts characters (`column_width`,
`TAB_WIDTHS`): about 7 px a character of Arial 10, Google's default font."""
RELOCATE_ATTEMPTS = 3
"""How often `relocate` sends its batch: again after a refusal the tabs listed anew mend."""
_UNSAFE_TO_REPEAT = (
    "deleteDimension", "appendDimension", "insertDimension", "addSheet",
    "addConditionalFormatRule", "addProtectedRange", "addNamedRange", "moveDimension",
    "createDeveloperMetadata",
)  # fmt: skip
TEXT_FORMAT_MARK = "planlogg.tekstformat"
"""Developer metadata on the plan's tab: its columns got the text number format. Tabs laid
out by an earlier Planlogg lack it, and get the format (and the mark) at the next start."""
NOT_INHERITED = (
    "backgroundColor", "backgroundColorStyle", "borders", "textRotation",
    "textFormat.bold", "textFormat.italic", "textFormat.strikethrough", "textFormat.underline",
    "textFormat.foregroundColor", "textFormat.foregroundColorStyle", "textFormat.link",
)  # fmt: skip
"""What rows added below the grid do not take from the grid's last row (`_grow_rows`): the
emphasis of that row alone. Its wrap, alignment, number format, font and size carry on."""
RATE_LIMIT_REASONS = frozenset(
    {"rateLimitExceeded", "userRateLimitExceeded", "RATE_LIMIT_EXCEEDED"}
)
"""A 403's reasons that mean "too many requests", not "no access" (Drive's `errors[]`,
and the `google.rpc.ErrorInfo` Google's newer APIs put in `details`)."""
_STATUS_COLOURS = {
    ("grønn", "gronn", "grøn", "green"): {"red": 0.78, "green": 0.94, "blue": 0.81},
    ("gul", "gult", "yellow"): {"red": 1.0, "green": 0.92, "blue": 0.61},
    ("rød", "rod", "raud", "red"): {"red": 1.0, "green": 0.78, "blue": 0.81},
}


class BoundedRetryClient(HTTPClient):
    """gspread's HTTP client with bounded, jittered retries. Tune by subclassing."""

    max_attempts = 6
    max_total_seconds = 100.0
    base_delay = 1.0
    max_delay = 32.0
    request_timeout: tuple[float, float] = (10.0, 60.0)
    retry_statuses = frozenset({408, 429, 500, 502, 503, 504})
    ambiguous_statuses = frozenset({504})
    """DEADLINE_EXCEEDED "may be returned even if the operation has completed successfully"
    (google.rpc.Code): repeated only when safe, like a lost answer."""
    sleep: Callable[[float], None] = staticmethod(time.sleep)
    clock: Callable[[], float] = staticmethod(time.monotonic)

    def __init__(self, auth: Any, session: requests.Session | None = None) -> None:
        super().__init__(auth, session)
        self.timeout = self.request_timeout
        self.requests = 0
        self.retries = 0
        self._checking = False

    def request(
        self,
        method: str,
        endpoint: str,
        params: Any = None,
        data: bytes | None = None,
        json: Mapping[str, Any] | None = None,
        files: Any = None,
        headers: MutableMapping[str, str] | None = None,
    ) -> requests.Response:
        if self._checking:
            return self._attempt(method, endpoint, params, data, json, files, headers)
        return self.policy.run(
            lambda: self._attempt(method, endpoint, params, data, json, files, headers),
            repeatable=_safe_to_repeat(method, endpoint, json),
            on_retry=self._count_retry,
        )

    def checked(
        self, send: Callable[[], Any], recheck: Callable[[], bool], repeatable: Callable[[], bool]
    ) -> bool:
        """`send` a write, retried by the policy as any request is, except that after each
        wait `recheck` comes first: it reads the sheet again and narrows what `send` sends
        to what is still safe (a person may have typed during the wait), answering whether
        anything is left. Whether it was sent. The reads `recheck` makes are retried as
        usual; `repeatable` says, as `_safe_to_repeat` does, whether a write that may have
        taken effect may be sent again."""
        waited = False

        def attempt() -> bool:
            if waited and not recheck():
                return False
            self._checking = True
            try:
                send()
            finally:
                self._checking = False
            return True

        def count() -> None:
            nonlocal waited
            waited = True
            self._count_retry()

        return self.policy.run(attempt, repeatable=repeatable, on_retry=count)

    @property
    def policy(self) -> RetryPolicy:
        """The shared policy (`sync.retry`), tuned by this class's attributes."""
        return RetryPolicy(
            max_attempts=self.max_attempts,
            max_total_seconds=self.max_total_seconds,
            base_delay=self.base_delay,
            max_delay=self.max_delay,
            sleep=self.sleep,
            clock=self.clock,
        )

    def _count_retry(self) -> None:
        self.retries += 1

    def _attempt(
        self,
        method: str,
        endpoint: str,
        params: Any,
        data: Any,
        body: Any,
        files: Any,
        headers: Any,
    ) -> requests.Response:
        self.requests += 1
        try:
            response = self.session.request(
                method=method,
                url=endpoint,
                json=body,
                params=params,
                data=data,
                files=files,
                headers=headers,
                timeout=self.timeout,
            )
        except (
            requests.ConnectionError,
            requests.Timeout,
            requests.exceptions.ChunkedEncodingError,
        ) as error:
            raise RetryableFailure(error, None, ambiguous=True) from None
        except TransportError as error:
            # google-auth's own: its token endpoint was not reached, so the service account
            # got no token and the request itself was never sent (google-auth does not try
            # again by itself). Retried like a dropped connection, and safe to repeat.
            raise RetryableFailure(error, None, ambiguous=False) from None
        if not response.ok:
            failure = APIError(response)
            statuses = {response.status_code, failure.code}
            if statuses & self.retry_statuses or _rate_limited(failure):
                raise RetryableFailure(
                    failure,
                    retry_after(response.headers.get("Retry-After")),
                    ambiguous=bool(statuses & self.ambiguous_statuses),
                )
            raise failure
        if response.content and "json" in response.headers.get("Content-Type", ""):
            try:
                response.json()
            except ValueError as error:
                raise RetryableFailure(error, None, ambiguous=True) from None
        return response


def _rate_limited(error: APIError) -> bool:
    """A 403 for a rate limit (Drive's `errors[].reason`, or a `google.rpc.ErrorInfo`
    reason in `details`): it mends by itself, unlike missing access, so it is retried
    like a 429. A rate-limited request was not carried out, so repeating it is safe."""
    found = [*(error.error.get("errors") or []), *(error.error.get("details") or [])]
    reasons = {item.get("reason") for item in found if isinstance(item, dict)}
    return error.code == 403 and bool(reasons & RATE_LIMIT_REASONS)


def _safe_to_repeat(method: str, endpoint: str, body: Mapping[str, Any] | None) -> bool:
    if method.upper() in ("GET", "PUT"):
        return True
    if endpoint.endswith("values:batchUpdate"):
        return True
    if endpoint.endswith(":batchUpdate") and body:
        return not any(
            kind in request for request in body.get("requests", []) for kind in _UNSAFE_TO_REPEAT
        )
    return False


def quoted(title: str) -> str:
    return "'" + title.replace("'", "''") + "'"


def service_account_client(credentials_path: Path | str) -> gspread.Client:
    """gspread's own service-account client, with our bounded retries.

    The key file is read here, outside every request: a file missing, a folder, not UTF-8
    or not a service account's JSON key gave google-auth's English traceback."""
    try:
        return gspread.service_account(
            filename=str(credentials_path), http_client=BoundedRetryClient
        )
    except OSError:
        why = _("filen finnes ikke eller kan ikke leses")
    except ValueError:  # not UTF-8, not JSON, or google-auth's MalformedError
        why = _("den er ikke en JSON-nøkkel for en tjenestekonto")
    raise ValidationError(
        _(
            "Kan ikke bruke nøkkelfilen «%(path)s» for Google: %(why)s. Pek "
            "PLANLOGG_GOOGLE_CREDENTIALS (eller --credentials) til JSON-nøkkelen for "
            "tjenestekontoen, lastet ned fra Google Cloud-konsollen.",
            path=str(credentials_path),
            why=why,
        )
    )


_OUT_OF_REACH = (requests.RequestException, TransportError, ValueError)
"""Google not reached, or its answer unreadable (a cut body is requests' JSON ValueError):
temporary, whatever was asked."""


def _out_of_reach(error: Exception) -> str:
    return _("Fikk ikke kontakt med Google (%(fault)s).", fault=type(error).__name__)


def create_spreadsheet(client: gspread.Client, title: str) -> str:
    """Create an empty spreadsheet (Drive files.create) and return its ID.

    It belongs to the service account: share it with the secretariat from Google
    Drive, or create it there yourself and give Planlogg its ID instead. Google may refuse
    (a service account often may own no files in Drive): that way round is then said, in
    Norwegian, instead of gspread's traceback. Nothing was created either way.
    """
    account = _account_of(client.http_client)
    try:
        return str(client.create(title).id)
    except APIError as error:
        cause = _(
            "Google opprettet ikke regnearket «%(title)s» (feil %(code)s: %(reason)s). Opprett "
            "det selv i Google Disk, del det med tjenestekontoen%(account)s som redigerer, og "
            "gi ID-en med --spreadsheet.",
            title=title,
            code=_status(error),
            reason=_reason(error),
            account=account,
        )
    except RefreshError as error:
        cause = _sign_in_refusal(error, account).cause
    except _OUT_OF_REACH as error:
        cause = _out_of_reach(error)
    raise ValidationError(f"{cause} {_('Ingen regneark er opprettet.')}")


class GoogleSheetBackend:
    """One plan's worksheet in a Google spreadsheet, found by its named range (sheetId)."""

    @staticmethod
    def targets_of(spreadsheet_id: str, plan_key: str) -> tuple[str, ...]:
        """The links a plan's sheet in this spreadsheet is kept under: its target, then the
        one it had before (`legacy_targets`). Reminders and the dashboard read them to name
        the sheet (`sync.place`) without a backend, which would reach Google."""
        return (f"google:{spreadsheet_id}", f"google:{spreadsheet_id}#{plan_key[:100]}")

    def __init__(self, client: gspread.Client, spreadsheet_id: str, title: str) -> None:
        self.client = client
        self.http = client.http_client
        self.spreadsheet_id = spreadsheet_id
        self.title = title[:100]
        self.plan_key = title
        self.marker = plan_mark(title)
        self.target, *legacy = self.targets_of(spreadsheet_id, title)
        self.legacy_targets = tuple(legacy)
        self.label = f"{self.title} (Google)"
        self._sheets: list[dict[str, Any]] | None = None
        self._named: dict[str, dict[str, Any]] = {}
        self._unsure = False
        """Whether the plan tab's title changed since the tabs were listed (`_follow`)."""
        self._format: SheetFormat | None = None
        """The format laid out: rows the sync adds get its dropdowns, and the text format in
        the plan's columns (and in the columns it writes), where the header puts them."""
        self._tab_titles: dict[str, str] = {}
        """Where Planlogg's Oversikt and Vedtak stood when read (their marks follow renames)."""
        self._merges: dict[int, list[dict[str, Any]]] = {}
        """Each tab's merged ranges (GridRanges, by sheetId), as last listed or read."""
        self._merges_listed = False
        """Whether the tabs were listed (merges and all) since the plan tab was last read."""
        self._plan_merges: list[dict[str, Any]] = []
        """The plan tab's merged ranges the last read filled in (`_filled`): the read before
        writing is filled by them too, and a write into one unmerges it first."""
        self._shown: dict[str, dict[str, str]] | None = None
        """Each measure's cells (by ID, then header) as the plan tab was last read and since
        written: a cell that showed text and reads empty now may be one a person's merge
        covered (`_emptied`)."""

    @classmethod
    def from_service_account(
        cls, spreadsheet_id: str, title: str, credentials_path: Path | str
    ) -> GoogleSheetBackend:
        return cls(service_account_client(credentials_path), spreadsheet_id, title)

    @property
    def requests(self) -> int:
        return int(getattr(self.http, "requests", 0))

    # --- the port ----------------------------------------------------------------------

    def read(self) -> SheetSnapshot:
        """The plan tab and the Oversikt and Vedtak tabs, in one request.

        The tabs' titles were listed once; a tab deleted or renamed since makes its range
        unreadable (400), so the tabs are listed afresh and the read is tried once more."""
        listed_now = self._sheets is None
        try:
            return self._read()
        except BackendError as error:
            self._sheets = None
            if listed_now or not _unparsable(error):
                raise
        return self._read()

    def _read(self) -> SheetSnapshot:
        """A plan tab found without its mark (an older mark, or its title) is marked first,
        once: read by title, a new tab given its title after a rename would be taken for it.
        Oversikt and Vedtak are read through their marks (`TAB_MARKS`), which follow a
        rename; a tab of their title without the mark is read by title, and refused unless
        Planlogg wrote it (before the marks existed), in which case the write marks it."""
        listed_now = self._sheets is None
        plan = self._plan()
        if plan is None:
            return SheetSnapshot(header=[], rows=[])
        if not self._marked(plan):
            plan = self._mark_plan(plan if listed_now else None)
            if plan is None:
                return SheetSnapshot(header=[], rows=[])
        own = self._own_tabs(plan)
        first = self.marker if self._marked(plan) else quoted(plan["title"])
        echoed, grids = self._values_echoed([first, *(where for _t, where, _m in own)])
        self._follow(plan, echoed[0])
        tabs: dict[str, list[list[str]]] = {}
        for (title, _where, marked), echo, rows in zip(own, echoed[1:], grids[1:], strict=True):
            if not marked:
                refuse_foreign_tabs({title: rows})
            self._tab_titles[title] = _echoed_title(echo) or title
            tabs[title] = rows
        grid = self._as_shown(plan, first, grids[0])
        width = len(grid[0]) if grid else 0
        return SheetSnapshot(
            header=grid[0] if grid else [],
            rows=[row + [""] * (width - len(row)) for row in grid[1:]],
            tabs=tabs,
            title=plan["title"],
        )

    def _as_shown(self, plan: dict[str, Any], where: str, grid: list[list[str]]) -> list[list[str]]:
        """The plan tab's `grid` as read, with every cell of a merged range given the range's
        value (`_filled`). The merges the tabs were listed with serve the read right after;
        later they are read again (1 request) while the tab had some, or when a measure's
        cell that showed text reads empty or its row is gone: a person who merges cells
        empties the ones the range covers, and a tab without merges costs nothing more."""
        now = _by_id(grid)
        sheet_id = int(plan["sheetId"])
        merges = self._merges.get(sheet_id, [])
        if not self._merges_listed and (merges or _emptied(self._shown, now)):
            merges = self._merges_of(where)
            self._merges[sheet_id] = merges
        self._merges_listed = False
        self._plan_merges = merges
        if not merges:
            self._shown = now
            return grid
        filled = _filled(grid, merges)
        self._shown = _by_id(filled)
        return filled

    def _merges_of(self, where: str) -> list[dict[str, Any]]:
        """The merged ranges of the tab `where` names (its mark, or its quoted title): one
        spreadsheets.get asking for them alone."""
        answer = self._call(
            lambda: self.http.fetch_sheet_metadata(
                self.spreadsheet_id,
                params={"ranges": where, "fields": "sheets(properties.sheetId,merges)"},
            )
        )
        sheets = answer.get("sheets") or [{}]
        return list(sheets[0].get("merges", []))

    def _own_tabs(self, plan: dict[str, Any]) -> list[tuple[str, str, bool]]:
        """Oversikt and Vedtak as they stand in the listing: each title, the range to read it
        by (its mark, else its title) and whether it is marked; a tab not there is left out,
        and so is the plan's own tab."""
        found: list[tuple[str, str, bool]] = []
        for title in (OVERVIEW_TAB, DECISIONS_TAB):
            sheet_id, shared, _claim = self._place(title)
            if sheet_id is not None:
                if sheet_id != plan["sheetId"]:
                    by = TAB_MARKS[title] if self._is_shared(title, sheet_id) else None
                    found.append((title, by or own_tab_mark(self.plan_key, title), True))
                continue
            if not shared:
                continue  # the plan's own, added when it is written
            titled = self._titled(title)
            if titled is not None and titled["sheetId"] != plan["sheetId"]:
                found.append((title, quoted(title), False))
        return found

    def _own_tab_id(self, title: str) -> int | None:
        """The sheetId of the plan's tab `title` (`_place`), None when none is listed."""
        return self._place(title)[0]

    def _place(self, title: str, new: bool = False) -> tuple[int | None, bool, bool]:
        """Where the plan's Oversikt or Vedtak (`title`) is: its sheetId (None when it is to
        be added, or found by its title), whether it is the spreadsheet's one tab of that
        title (`TAB_MARKS`) rather than one of the plan's own, and whether the plan's own
        named range is to be put on that shared tab (another plan is in the spreadsheet).

        A tab whose plans' own marks name this plan first (`own_tab_owner`) is its; else the
        shared tab, unless another plan's own mark is on it, or another plan is in the
        spreadsheet and the plan's tab is `new` (being laid out now): then a tab of its own."""
        listed = [p["sheetId"] for p in self._grids()]
        for sheet_id in listed:
            owner = own_tab_owner(title, self._names_on(sheet_id))
            if owner is not None and is_own_tab_mark(self.plan_key, title, owner):
                return sheet_id, self._is_shared(title, sheet_id), False
        shared = self._named_sheet(TAB_MARKS[title])
        shared = shared if shared in listed else None
        if shared is not None and own_tab_owner(title, self._names_on(shared)) is not None:
            return None, False, False
        others = any(self._claimed(sheet_id) for sheet_id in listed)
        if others and new:
            return None, False, False
        return shared, True, others

    def _is_shared(self, title: str, sheet_id: int) -> bool:
        return self._named_sheet(TAB_MARKS[title]) == sheet_id

    def _names_on(self, sheet_id: int) -> set[str]:
        return {name for name in self._named if self._named_sheet(name) == sheet_id}

    def _own_title(self, title: str) -> str:
        """A free title for the plan's own tab `title` («Oversikt <plan>», numbered when a
        tab has it in any case, as Google compares titles)."""
        wanted = own_tab_title(self.plan_key, title, 100)
        titles = {p["title"].lower() for p in self._grids()}
        free, number = wanted, 2
        while free.lower() in titles:
            free = f"{wanted[:90]} ({number})"
            number += 1
        return free

    def _titled(self, title: str) -> dict[str, Any] | None:
        return next((p for p in self._grids() if p["title"] == title), None)

    def _mark_plan(self, listed: dict[str, Any] | None) -> dict[str, Any] | None:
        """The plan tab, marked when it was found without its mark (by an older mark or its
        title), as `listed` just now; when None, listed afresh first, since another process
        may have marked it since. One request (two with the listing), once."""
        if listed is None:
            self._sheets = None
        plan = listed or self._plan()
        if plan is None or self._marked(plan):
            return plan
        requests_ = self._naming(self.marker, plan["sheetId"])
        self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": requests_}))
        self._named[self.marker] = {"name": self.marker, "range": {"sheetId": plan["sheetId"]}}
        return plan

    def _naming(self, name: str, sheet_id: int) -> list[dict[str, Any]]:
        """The requests that give tab `sheet_id` the named range `name`: the listed one of that
        name deleted first (its tab gone, or another), then the name added."""
        return [*self._unmark(name), _named_tab(name, sheet_id)]

    def _unmark(self, name: str) -> list[dict[str, Any]]:
        """Deleting the named range `name` when one is listed (its tab gone)."""
        named = self._named.get(name)
        if named is None or "namedRangeId" not in named:
            return []
        return [{"deleteNamedRange": {"namedRangeId": named["namedRangeId"]}}]

    def editors(self, since: str) -> Editors:
        """Everyone but us who saved a revision after `since` (an RFC 3339 time)."""
        revisions: list[dict[str, Any]] = []
        token = ""
        while True:
            params: dict[str, Any] = {
                "pageSize": 1000,
                "fields": "nextPageToken,revisions(id,modifiedTime,"
                "lastModifyingUser(displayName,emailAddress,me))",
            }
            if token:
                params["pageToken"] = token
            page = self._call(partial(self._revisions_page, dict(params)))
            revisions.extend(page.get("revisions", []))
            token = page.get("nextPageToken", "")
            if not token:
                break
        people = [r for r in revisions if not (r.get("lastModifyingUser") or {}).get("me")]
        fresh = [r for r in people if r.get("modifiedTime", "") > since] if since else people[-1:]
        names = tuple(
            dict.fromkeys(
                _person(r["lastModifyingUser"]) for r in fresh if r.get("lastModifyingUser")
            )
        )
        marker = max((r.get("modifiedTime", "") for r in revisions), default=since)
        return Editors(names=names, marker=marker)

    def _revisions_page(self, params: dict[str, Any]) -> Any:
        url = f"{DRIVE_FILES}/{self.spreadsheet_id}/revisions"
        return self.http.request("get", url, params=params).json()

    def write(self, writes: SheetWrites) -> WriteResult:
        """Write cells, notes, row deletions and the other tabs; see `still_valid`.
        After a failure the tabs are listed afresh next time (one may have gone)."""
        try:
            return self._write(writes)
        except BackendError:
            self._sheets = None
            raise

    def _write(self, writes: SheetWrites) -> WriteResult:
        plan = self._plan()
        if plan is None:
            return WriteResult(skipped=len(writes.cells))
        valid, shown, planned_at = writes, [], None
        if writes.cells or writes.notes or writes.delete_rows:
            shown = self._plan_tab_now(plan)
            valid = still_valid(writes, shown)
            planned_at = self._waits()
        touched = _touched(self._plan_merges, valid)
        if _by_sheet_id(plan, writes, valid) or touched:
            plan = self._surely(plan)
        write = _PlanTabWrite(self, plan, writes, valid, shown, touched, planned_at)
        self._widen(plan, max((c.column + 1 for c in valid.cells), default=0))
        self._add_missing_tabs(list(writes.tabs))
        result = write.send()
        self._remember(valid, write.header, result)
        return result

    def _unmerged(self, plan: dict[str, Any], merges: list[dict[str, Any]], rows: int) -> None:
        """After a batchUpdate that unmerged `merges` and left the plan tab `rows` long."""
        plan["gridProperties"]["rowCount"] = rows
        self._plan_merges = [m for m in self._plan_merges if m not in merges]
        self._merges[plan["sheetId"]] = self._plan_merges
        self._merges_listed = False  # a listing made before rows were deleted is stale

    def _plan_tab_now(self, plan: dict[str, Any]) -> list[list[str]]:
        """The plan tab's values as people see them now (merged cells filled as the read
        filled them), found by its name; `plan` follows a rename or move since the read."""
        first = self.marker if self._marked(plan) else quoted(plan["title"])
        echoed, grids = self._values_echoed([first])
        self._follow(plan, echoed[0])
        return _filled(grids[0], self._plan_merges)

    def _waits(self) -> int:
        """How often our client has waited so far (gspread's own never does)."""
        return int(getattr(self.http, "retries", 0))

    def _sent_checked(
        self, send: Callable[[], Any], recheck: Callable[[], bool], repeatable: Callable[[], bool]
    ) -> bool:
        """`send` a write to the plan tab; after a wait, `recheck` narrows it to what is
        still safe first (`BoundedRetryClient.checked`). gspread's own client does not
        retry, so it sends once. Whether it was sent."""
        if isinstance(self.http, BoundedRetryClient):
            http = self.http
            sent: bool = self._call(lambda: http.checked(send, recheck, repeatable))
            return sent
        self._call(send)
        return True

    def _growth(
        self, sheet_id: int, header: list[str], valid: SheetWrites, first_new: int, grow: int
    ) -> list[dict[str, Any]]:
        """`grow` rows added after row `first_new` (0-based), with the plan's text format
        and dropdowns, so a person's next rows are laid out as the table's."""
        planned = self._format.plan_columns(header) if self._format else ()
        columns = {*planned, *(c.column for c in valid.cells)}
        placed = self._format.placed(header) if self._format and header else None
        return [
            *_grow_rows(sheet_id, first_new, grow),
            *_text_requests(sheet_id, columns, first_new, first_new + grow),
            *(
                _dropdown(sheet_id, index, choices, first_new, first_new + grow)
                for index, choices in (placed.dropdowns if placed else ())
            ),
        ]

    def _remember(self, valid: SheetWrites, header: list[str], result: WriteResult) -> None:
        """What the plan tab shows once `result` is written: the cells written, the rows
        deleted gone (`_shown`), so Planlogg's own emptying is not taken for a merge."""
        if self._shown is None:
            return
        texts = {(c.row, c.column): c.text for c in valid.cells}
        names = [cell.strip() for cell in header]
        ids = dict(valid.row_ids)
        if ID in names:  # the rows Planlogg adds are known by the ID it writes
            at = names.index(ID)
            ids.update((r, texts[r, c].strip()) for r, c in result.written if c == at)
        for row, column in result.written:
            measure = ids.get(row)
            name = names[column] if column < len(names) else ""
            if measure and name:
                self._shown.setdefault(measure, {})[name] = texts[row, column]
        for row in result.deleted:
            self._shown.pop(ids.get(row, ""), None)

    def _notes_shown(
        self, title: str, notes: list[NoteWrite], row_count: int
    ) -> list[tuple[NoteWrite, str]]:
        """Each note to write within the grid, with the note its cell shows now ("" for none).

        A Google note has no author, so its text is all there is to tell a person's note
        from Planlogg's message (`kept_note`), and it is read just before it is rewritten:
        one spreadsheets.get of the smallest range holding every cell to write (only notes
        in the answer), and only in a cycle that writes notes. It is read before anything is
        written, so a failure leaves nothing half-done (notes follow the Melding, and are not
        written again once the Melding was)."""
        placed = [n for n in notes if n.row <= row_count]
        if not placed:
            return []
        top, left = min(n.row for n in placed), min(n.column for n in placed)
        bottom, right = max(n.row for n in placed), max(n.column for n in placed)
        cells = f"{rowcol_to_a1(top, left + 1)}:{rowcol_to_a1(bottom, right + 1)}"
        answer = self._call(
            lambda: self.http.fetch_sheet_metadata(
                self.spreadsheet_id,
                params={
                    "ranges": f"{quoted(title)}!{cells}",
                    "fields": "sheets.data.rowData.values.note",
                },
            )
        )
        sheets = answer.get("sheets") or [{}]
        grid = (sheets[0].get("data") or [{}])[0]
        shown = {
            (row, column): str(cell.get("note", ""))
            for row, line in enumerate(grid.get("rowData", []), start=top)
            for column, cell in enumerate(line.get("values", []), start=left)
        }
        return [(n, shown.get((n.row, n.column), "")) for n in placed]

    def lay_out(self, sheet_format: SheetFormat) -> None:
        """Add the tabs that are missing, the named ranges that find the plan's tab and
        Oversikt and Vedtak (a tab of their title an earlier Planlogg wrote is named, one
        people made is left for the cycle to refuse), the header (on an empty tab), the
        dropdowns, colours, protection and the text number format below the table in the
        plan's columns (once, in one batch).

        The header is written on an empty tab only. A tab whose header row was cleared
        while its rows stayed is left alone (the cycle refuses it, saying why): people may
        have put the columns in another order, and the standard header over them would
        make every cell read as an edit of another column.

        A tab an earlier Planlogg laid out without the text format gets it, below the
        table, at the next start (the loop lays out under the sync lock); the mark that
        records it is read in the request that finds the protections, so later starts
        cost nothing more."""
        plan = self._plan()
        adding: list[dict[str, Any]] = []
        if plan is None:
            plan_id = self._free_sheet_id()
            adding.append(_add_sheet(self.title, sheet_format, plan_id))
        else:
            plan_id = plan["sheetId"]
        unmarked: list[str] = []
        taken = {plan_id}
        for title in sheet_format.tabs:
            sheet_id, shared, claim = self._place(title, new=plan is None)
            mine = own_tab_mark(self.plan_key, title)
            if sheet_id is not None:
                adding += self._naming(mine, sheet_id) if claim else []
                continue
            titled = self._titled(title) if shared else None
            if titled is not None:
                if titled["sheetId"] != plan_id:
                    unmarked.append(title)  # marked below when an earlier Planlogg wrote it
                continue
            tab_id = self._free_sheet_id(taken)
            taken.add(tab_id)
            if shared:
                adding += [
                    _add_sheet(title, sheet_format, tab_id),
                    *_tab_columns(tab_id, title),
                    *self._naming(TAB_MARKS[title], tab_id),
                    *(self._naming(mine, tab_id) if claim else []),
                ]
            else:
                adding += [
                    _add_sheet(self._own_title(title), sheet_format, tab_id),
                    *_tab_columns(tab_id, title),
                    *([_tab_protection(tab_id)] if plan is not None else []),
                    *self._naming(mine, tab_id),
                ]
        if plan is None or not self._marked(plan):
            adding += self._mark_requests(plan_id)
        if adding:
            self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": adding}))
            self._sheets = None
        plan = self._plan()
        if plan is None:
            raise BackendError(
                _("Fant ikke planfanen i Google-regnearket etter at den ble lagt til.")
            )
        grid, *tabs = self._values([self.marker, *(quoted(t) for t in unmarked)])
        self._adopt_tabs(dict(zip(unmarked, tabs, strict=True)))
        header = grid[:1]
        self._format = sheet_format
        found = header[0] if header and any(header[0]) else list(sheet_format.header)
        columns = sheet_format.plan_columns(found)
        sized: list[dict[str, Any]] = []
        if header and any(header[0]):
            sheet_format = sheet_format.placed(header[0])
        elif any(any(row) for row in grid):
            return  # rows without a header: left alone, see above
        else:
            self._widen(plan, len(sheet_format.header))
            sized = _column_requests(
                plan["sheetId"], [column_width(h) for h in sheet_format.header]
            )
            self._call(
                lambda: self.http.values_batch_update(
                    self.spreadsheet_id,
                    {
                        "valueInputOption": "RAW",
                        "data": [
                            {
                                "range": f"{quoted(plan['title'])}!A1",
                                "values": [list(sheet_format.header)],
                            }
                        ],
                    },
                )
            )
        laid_out, as_text, stopping = self._laid_out(plan["sheetId"])
        text = [
            *_text_requests(plan["sheetId"], columns, len(grid)),
            _text_format_mark(plan["sheetId"]),
        ]
        if laid_out and not as_text:
            self._bring_up_to_date(
                text,
                lambda reason: _(
                    "Fikk ikke gitt plankolonnene i %(sheet)s tekstformat (%(reason)s); "
                    "prøver igjen neste gang synkroniseringen starter.",
                    sheet=self.label,
                    reason=reason,
                ),
            )
        if laid_out and stopping:
            row_count = plan["gridProperties"]["rowCount"]
            self._bring_up_to_date(
                _to_the_end(plan["sheetId"], row_count, stopping, sheet_format),
                lambda reason: _(
                    "Fikk ikke gitt statusfargene og nedtrekkslistene i %(sheet)s alle radene "
                    "(%(reason)s); prøver igjen neste gang synkroniseringen starter.",
                    sheet=self.label,
                    reason=reason,
                ),
            )
        if laid_out:
            return
        formats = _format_requests(
            plan["sheetId"],
            sheet_format,
            [i for i in (self._own_tab_id(t) for t in sheet_format.tabs) if i is not None],
        )
        self._call(
            lambda: self.http.batch_update(
                self.spreadsheet_id, {"requests": formats + text + sized}
            )
        )

    def _adopt_tabs(self, found: dict[str, list[list[str]]]) -> None:
        """Mark the tabs of our titles an earlier Planlogg wrote before the marks existed (its
        first row tells; one request, once). A tab people made is left unmarked: the cycle
        refuses to write it, saying why."""
        adopting: list[dict[str, Any]] = []
        for title, rows in found.items():
            titled = self._titled(title)
            if titled is None or not written_by_planlogg(title, rows):
                continue
            claim = self._place(title)[2]
            for name in (TAB_MARKS[title], *([own_tab_mark(self.plan_key, title)] * claim)):
                adopting += self._naming(name, titled["sheetId"])
                self._named[name] = {"name": name, "range": {"sheetId": titled["sheetId"]}}
        if adopting:
            self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": adopting}))

    def _bring_up_to_date(
        self, requests_: list[dict[str, Any]], refused: Callable[[str], str]
    ) -> None:
        """Lay out what an earlier Planlogg left out of a tab it has always synced (the text
        format; colours and dropdowns to the grid's end). A refusal does not stop the sync:
        `refused(reason)` is logged, and the next start tries again."""
        try:
            self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": requests_}))
        except BackendError as error:
            log.warning(refused(error.message))

    def relocate(self, title: str) -> str:
        """A new, empty plan tab (a number added to `title` when a tab has it, in any case:
        Google compares titles so); the named range moves to it and the old tab is left as
        it is. Returns the title the tab got, as Google's answer names it. The tabs and
        named ranges are listed afresh: a restore elsewhere (the command line, while `serve`
        runs) may have moved the named range and added tabs since this backend listed them.

        Another restore (another store's, which the sync lock does not hold off) or a person
        may still take the title, the sheetId or the named range between the listing and
        the batch. Google then refuses the batch whole (400, nothing done), and the tabs are
        listed again and the batch sent as that listing makes it (2 requests more, only
        then, at most twice); a refusal the new listing changes nothing of is the restore's
        to tell."""
        self._sheets = None
        free, requests_ = self._relocation(title)
        attempts = 1
        while True:
            try:
                answer = self._call(
                    partial(self.http.batch_update, self.spreadsheet_id, {"requests": requests_})
                )
            except BackendError as error:
                if not _unparsable(error) or attempts == RELOCATE_ATTEMPTS:
                    raise
                self._sheets = None
                sent, (free, requests_) = requests_, self._relocation(title)
                if requests_ == sent:
                    raise
                attempts += 1
                continue
            self._sheets = None
            return _added_title(answer) or free

    def _relocation(self, title: str) -> tuple[str, list[dict[str, Any]]]:
        """The free title for a new plan tab asked to be `title`, and the batch that adds the
        tab and moves the plan's named range to it, as the tabs are listed now."""
        titles = {p["title"].lower() for p in self._grids()}
        free, number = title[:100], 2
        while free.lower() in titles:
            free = f"{title[:90]} ({number})"
            number += 1
        new_id = self._free_sheet_id()
        requests_: list[dict[str, Any]] = [
            {"addSheet": {"properties": {"sheetId": new_id, "title": free}}}
        ]
        if self.marker in self._named:
            named_id = self._named[self.marker]["namedRangeId"]
            requests_.insert(0, {"deleteNamedRange": {"namedRangeId": named_id}})
        requests_ += self._mark_requests(new_id)
        return free, requests_

    # --- helpers -----------------------------------------------------------------------

    def _follow(self, plan: dict[str, Any], echoed: str) -> None:
        """Learn the plan tab's title and grid from reading it through its mark, whose
        answer names the tab it read now (`echoed`). Another title than the one listed
        means a rename, or a `sync restore` in another process that moved the mark to a new
        tab: then the listed sheetId may be the old tab's, and is not trusted (`_surely`)."""
        if _echoed_title(echoed) not in ("", plan["title"]):
            self._unsure = True
        _learn(plan, echoed)

    def _surely(self, plan: dict[str, Any]) -> dict[str, Any]:
        """The plan tab's properties with a sheetId that is surely its own, for requests that
        address the tab by sheetId (notes, row deletions, grid growth): after the title
        changed under us the tabs are listed again (1 request, only then), so nothing is
        written to a tab a restore left behind. Values are written by title, as read (or read
        again after a wait, `_PlanTabWrite`)."""
        if not self._unsure:
            return plan
        self._sheets = None
        found = self._plan()
        if found is None:
            raise BackendError.next_round(_("Google svarte med et ufullstendig svar."))
        return found

    def _plan(self) -> dict[str, Any] | None:
        """The plan tab's properties: by its named range's sheetId, then by the named range
        older versions wrote, then by title; the last two only when no other plan's named
        range covers the tab (two long keys beginning alike shared that older name)."""
        by_id = {p["sheetId"]: p for p in self._grids()}
        found = by_id.get(self._named_sheet(self.marker))
        if found is not None:
            return found
        for name in older_plan_marks(self.plan_key):
            found = by_id.get(self._named_sheet(name))
            if found is not None and not self._claimed(found["sheetId"]):
                return found
        found = next((p for p in by_id.values() if p["title"] == self.title), None)
        return None if found is None or self._claimed(found["sheetId"]) else found

    def _named_sheet(self, name: str) -> int | None:
        named = self._named.get(name)
        return None if named is None else int(named.get("range", {}).get("sheetId", 0))

    def _claimed(self, sheet_id: int) -> bool:
        """Whether another plan's named range covers the tab."""
        on_tab = {name for name in self._named if self._named_sheet(name) == sheet_id}
        return claimed_by_another(self.plan_key, on_tab)

    def _marked(self, plan: dict[str, Any]) -> bool:
        return self._named_sheet(self.marker) == int(plan["sheetId"])

    def _mark_requests(self, sheet_id: int) -> list[dict[str, Any]]:
        return [_named_tab(self.marker, sheet_id)]

    def _free_sheet_id(self, also_taken: Collection[int] = ()) -> int:
        taken = {p["sheetId"] for p in self._grids()} | set(also_taken)
        candidate = 1_000_001
        while candidate in taken:
            candidate += 1
        return candidate

    def _add_missing_tabs(self, titles: list[str]) -> None:
        """Make sure each of the plan's tabs in `titles` (Oversikt, Vedtak) is there and
        marked (one request, only when one is not): a tab someone deleted is added again,
        warning-protected and marked as `lay_out` makes it; a tab of its title without the
        mark, which the read let through as Planlogg's (written before the marks), is
        marked. A marked tab people renamed stays Planlogg's, under its new title. The
        shared tab gets the plan's own mark too when another plan is in the spreadsheet
        (`_place`); a plan whose is a tab of its own gets that tab («Oversikt <plan>»)."""
        adding: list[dict[str, Any]] = []
        added: set[int] = set()
        for title in titles:
            sheet_id, shared, claim = self._place(title)
            mine = own_tab_mark(self.plan_key, title)
            if sheet_id is not None:
                adding += self._naming(mine, sheet_id) if claim else []
                continue
            titled = self._titled(title) if shared else None
            if titled is not None:
                tab_id = titled["sheetId"]
            else:
                tab_id = self._free_sheet_id(added)
                added.add(tab_id)
                named = title if shared else self._own_title(title)
                adding += [
                    {"addSheet": {"properties": {"sheetId": tab_id, "title": named}}},
                    *_tab_columns(tab_id, title),
                    _tab_protection(tab_id),
                ]
                self._tab_titles[title] = named
            if shared:
                adding += self._naming(TAB_MARKS[title], tab_id)
            adding += self._naming(mine, tab_id) if claim or not shared else []
            if titled is not None:
                self._tab_titles[title] = title
        if adding:
            self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": adding}))
            self._sheets = None

    def _widen(self, plan: dict[str, Any], columns: int) -> None:
        """Add columns to the plan tab until it has `columns`, if it has fewer."""
        grid_size = plan["gridProperties"]
        more = columns - grid_size.get("columnCount", 26)
        if more <= 0:
            return
        grow = {
            "appendDimension": {"sheetId": plan["sheetId"], "dimension": "COLUMNS", "length": more}
        }
        self._call(lambda: self.http.batch_update(self.spreadsheet_id, {"requests": [grow]}))
        grid_size["columnCount"] = columns

    def _laid_out(self, sheet_id: int) -> tuple[bool, bool, list[tuple[int, dict[str, Any]]]]:
        """Whether an earlier `lay_out` already added our protections and colours (their
        descriptions name Planlogg in either målform), whether it gave the plan's columns
        the text format (`TEXT_FORMAT_MARK`), and which of its colour rules stop at a row
        (each with its index among the tab's rules; `_stopping`): one request answers all."""
        fields = "sheets(properties.sheetId,protectedRanges,developerMetadata,conditionalFormats)"
        meta = self._call(
            lambda: self.http.fetch_sheet_metadata(self.spreadsheet_id, params={"fields": fields})
        )
        for sheet in meta.get("sheets", []):
            if sheet["properties"].get("sheetId", 0) == sheet_id:
                protected = any(
                    "Planlogg" in (p.get("description") or "")
                    for p in sheet.get("protectedRanges", [])
                )
                as_text = any(
                    m.get("metadataKey") == TEXT_FORMAT_MARK
                    for m in sheet.get("developerMetadata", [])
                )
                return protected, as_text, _stopping(sheet.get("conditionalFormats", []))
        return False, False, []

    def _call(self, action: Callable[[], Any]) -> Any:
        try:
            return action()
        except APIError as error:
            raise self._refusal(error) from error
        except RefreshError as error:
            raise _sign_in_refusal(error, _account_of(self.http)) from error
        except _OUT_OF_REACH as error:
            raise BackendError.next_round(_out_of_reach(error)) from error

    def _refusal(self, error: APIError) -> BackendError:
        """Google's error as Planlogg's. Missing access and a missing spreadsheet do not mend
        by themselves, so those say what to do instead of quoting Google."""
        if _denied(error):
            account = _account_of(self.http)
            return BackendError(
                _(
                    "Google lar ikke Planlogg endre regnearket %(sheet)s: tjenestekontoen har "
                    "bare lesetilgang eller ingen tilgang. Del regnearket med "
                    "tjenestekontoen%(account)s som redigerer (i Google Disk: Del, velg "
                    "Redigerer).",
                    sheet=self.spreadsheet_id,
                    account=account,
                ),
                _("Ingenting halvgjort er lagret."),
            )
        if error.code == 404:
            return BackendError(
                _(
                    "Fant ikke Google-regnearket %(sheet)s. Sjekk ID-en (--spreadsheet eller "
                    "PLANLOGG_SPREADSHEET_ID), og at regnearket ikke er slettet.",
                    sheet=self.spreadsheet_id,
                )
            )
        return BackendError.next_round(
            _(
                "Google svarte med feil %(code)s: %(reason)s",
                code=_status(error),
                reason=_reason(error),
            )
        )

    def _grids(self) -> list[dict[str, Any]]:
        """Sheet properties and named ranges, fetched once (one request), kept up to date."""
        if self._sheets is None:
            meta = self._call(
                lambda: self.http.fetch_sheet_metadata(
                    self.spreadsheet_id,
                    params={"fields": "sheets(properties,merges),namedRanges"},
                )
            )
            self._sheets = [s["properties"] for s in meta["sheets"]]
            self._unsure = False
            for props in self._sheets:
                props.setdefault("sheetId", 0)
            self._named = {n["name"]: n for n in meta.get("namedRanges", [])}
            self._merges = {
                int(s["properties"]["sheetId"]): list(s.get("merges", [])) for s in meta["sheets"]
            }
            self._merges_listed = True
        return self._sheets

    def _values(self, ranges: list[str]) -> list[list[list[str]]]:
        return self._values_echoed(ranges)[1]

    def _values_echoed(self, ranges: list[str]) -> tuple[list[str], list[list[list[str]]]]:
        """Each range's cells, and the range Google says it read (current title, grid)."""
        answer = self._call(
            lambda: self.http.values_batch_get(
                self.spreadsheet_id, ranges, params={"valueRenderOption": "FORMATTED_VALUE"}
            )
        )
        found = answer.get("valueRanges", [])
        if len(found) != len(ranges):
            raise BackendError.next_round(_("Google svarte med et ufullstendig svar."))
        return [vr.get("range", "") for vr in found], [
            _strings(vr.get("values", [])) for vr in found
        ]

    def _value_ranges(self, title: str, cells: list[Any]) -> list[dict[str, Any]]:
        """Cells grouped into runs along each row, one range per run."""
        ranges: list[dict[str, Any]] = []
        run: list[Any] = []
        for cell in sorted(cells, key=lambda c: (c.row, c.column)):
            if run and (cell.row != run[-1].row or cell.column != run[-1].column + 1):
                ranges.append(_range(title, run))
                run = []
            run.append(cell)
        if run:
            ranges.append(_range(title, run))
        return ranges


class _PlanTabWrite:
    """One cycle's writes to the plan tab, in the two requests Google may hold back (429
    with Retry-After) while a person types: the values (with the other tabs), then a
    batchUpdate of the merged ranges to unmerge with the cells inside them, the notes, the
    row deletions and the new rows. After a wait, before each is sent, the tab is read again
    and the request narrowed to what is still safe (`still_valid` on `SheetWrites.rest`):
    what the cycle wrote itself before the wait is not taken for a person's edit. Without a
    wait nothing more is read. `planned_at` is `_waits()` when the tab was read (None when
    nothing is written to it), so a wait since counts too.

    The tab read again is found by its mark (`_plan_tab_now`), and `plan` learns its title
    then: what is left is written, and notes read, under the title it has after the wait. A
    person who renamed it meanwhile, and perhaps gave the old title to a tab of their own,
    finds the words in the plan's tab, not in theirs (the requests by sheetId never change
    their tab)."""

    def __init__(
        self,
        sheet: GoogleSheetBackend,
        plan: dict[str, Any],
        writes: SheetWrites,
        valid: SheetWrites,
        shown: list[list[str]],
        touched: list[dict[str, Any]],
        planned_at: int | None,
    ) -> None:
        self.header = shown[0] if shown else []
        self._sheet, self._plan, self._writes, self._valid = sheet, plan, writes, valid
        self._shown, self._touched, self._planned_at = shown, touched, planned_at
        self._rows = plan["gridProperties"]["rowCount"]
        self._notes = sheet._notes_shown(plan["title"], valid.notes, self._rows)  # read first
        fits = [c for c in valid.cells if c.row <= self._rows]
        self._inside = [c for c in fits if any(_covers(m, c.row, c.column) for m in touched)]
        self._cells = [c for c in fits if c not in self._inside]
        self._deleted = list(valid.delete_rows)
        highest = max((c.row for c in writes.cells), default=0)
        needed = highest + GRID_HEADROOM > self._rows
        self._grow = highest + 2 * GRID_HEADROOM - self._rows if needed else 0
        self._tabs: list[dict[str, Any]] = []
        self._data: list[dict[str, Any]] = []
        self._changes: list[dict[str, Any]] = []
        self._written: set[tuple[int, int]] = set()

    def send(self) -> WriteResult:
        """Send both requests; what was written and deleted (the rest is skipped)."""
        result = WriteResult()
        if self._send_values():
            self._written = {(c.row, c.column) for c in self._cells}
            result.written = set(self._written)
        if self._send_changes():
            result.deleted = set(self._deleted)
            result.written |= {(c.row, c.column) for c in self._inside}
            rows = self._rows + self._grow - len(result.deleted)
            self._sheet._unmerged(self._plan, self._touched, rows)
        result.skipped = len(self._writes.cells) - len(result.written)
        return result

    def _waited(self) -> bool:
        """Whether the client waited since the tab was read for this write."""
        return self._planned_at is not None and self._sheet._waits() > self._planned_at

    def _send_values(self) -> bool:
        titles = self._sheet._tab_titles  # as `_add_missing_tabs` left them
        self._tabs = [
            {
                "range": f"{quoted(titles.get(t, t))}!A1",
                "values": [[as_written(cell) for cell in row] for row in rows],
            }
            for t, rows in self._writes.tabs.items()
        ]
        self._data = self._values()
        if self._data and self._waited():
            self._values_left()
        sheet = self._sheet
        return bool(self._data) and sheet._sent_checked(
            lambda: sheet.http.values_batch_update(
                sheet.spreadsheet_id, {"valueInputOption": "RAW", "data": self._data}
            ),
            self._values_left,
            lambda: True,
        )

    def _values(self) -> list[dict[str, Any]]:
        return [*self._sheet._value_ranges(self._plan["title"], self._cells), *self._tabs]

    def _values_left(self) -> bool:
        """After a wait: the cells still safe to write (the other tabs are Planlogg's)."""
        now = self._sheet._plan_tab_now(self._plan)
        self._cells = still_valid(self._writes.rest([], self._cells, []), now).cells
        self._data = self._values()
        return bool(self._data)

    def _send_changes(self) -> bool:
        self._changes = self._batch()
        if self._changes and self._waited():
            self._changes_left()
        sheet = self._sheet
        return bool(self._changes) and sheet._sent_checked(
            lambda: sheet.http.batch_update(sheet.spreadsheet_id, {"requests": self._changes}),
            self._changes_left,
            lambda: _safe_to_repeat("post", ":batchUpdate", {"requests": self._changes}),
        )

    def _batch(self) -> list[dict[str, Any]]:
        sheet_id = self._plan["sheetId"]
        first_new = self._rows - len(self._deleted)
        return [
            *(
                r
                for merged in self._touched
                for r in _unmerging(sheet_id, merged, self._shown, self._inside)
            ),
            *(
                _note_request(sheet_id, note.row, note.column, text)
                for note, before in self._notes
                if (text := kept_note(before, note)) != before
            ),
            *(_row_deletion(sheet_id, row) for row in sorted(self._deleted, reverse=True)),
            *(
                self._sheet._growth(sheet_id, self.header, self._valid, first_new, self._grow)
                if self._grow
                else ()
            ),
        ]

    def _changes_left(self) -> bool:
        """After a wait: the merged ranges, notes and rows still Planlogg's to write."""
        sent = [c for c in self._cells if (c.row, c.column) in self._written]
        self._shown = self._sheet._plan_tab_now(self._plan)
        pending = [note for note, _before in self._notes]
        rest = self._writes.rest(sent, self._inside, self._deleted, pending)
        safe = still_valid(rest, self._shown)
        self._touched = _touched(self._sheet._plan_merges, safe)
        self._inside, self._deleted = safe.cells, safe.delete_rows
        self._notes = self._sheet._notes_shown(self._plan["title"], safe.notes, self._rows)
        self._changes = self._batch()
        return bool(self._changes)


def _range(title: str, run: list[Any]) -> dict[str, Any]:
    start = rowcol_to_a1(run[0].row, run[0].column + 1)
    end = rowcol_to_a1(run[-1].row, run[-1].column + 1)
    return {"range": f"{quoted(title)}!{start}:{end}", "values": [[c.text for c in run]]}


def _learn(props: dict[str, Any], echoed: str) -> None:
    """The tab's current title and grid size, from the range Google echoed (`'T'!A1:Z1000`)."""
    _title, bang, cells = echoed.rpartition("!")
    if not bang or not cells:
        return
    rows, columns = a1_to_rowcol(cells.split(":")[-1])
    props["title"] = _echoed_title(echoed)
    props["gridProperties"].update(rowCount=rows, columnCount=columns)


def _by_sheet_id(plan: dict[str, Any], writes: SheetWrites, valid: SheetWrites) -> bool:
    """Whether writing needs the plan tab's sheetId: notes, row deletions, or a grid grown
    (wider for a cell, or longer for the headroom below the last row written)."""
    grid_size = plan["gridProperties"]
    widest = max((c.column + 1 for c in valid.cells), default=0)
    highest = max((c.row for c in writes.cells), default=0)
    return (
        bool(valid.notes or valid.delete_rows)
        or widest > grid_size.get("columnCount", 26)
        or highest + GRID_HEADROOM > grid_size["rowCount"]
    )


def _by_id(grid: list[list[str]]) -> dict[str, dict[str, str]]:
    """Each measure's cells in a plan tab's `grid` (rows from row 1) by header, by its ID
    (the first row of an ID); {} when the header names no ID column."""
    header = [cell.strip() for cell in grid[0]] if grid else []
    if ID not in header:
        return {}
    at = header.index(ID)
    found: dict[str, dict[str, str]] = {}
    for row in grid[1:]:
        measure = row[at].strip() if at < len(row) else ""
        if measure and measure not in found:
            found[measure] = {name: text for name, text in zip(header, row, strict=False) if name}
    return found


def _emptied(shown: Mapping[str, Mapping[str, str]] | None, now: Mapping[str, Any]) -> bool:
    """Whether a measure's cell that showed text (`shown`, by ID and header) reads empty
    `now` (`_by_id`), or a measure's row is gone: what merging cells does to those it covers."""
    for measure, cells in (shown or {}).items():
        found = now.get(measure)
        if found is None:
            return True
        if any(text.strip() and not found.get(name, "").strip() for name, text in cells.items()):
            return True
    return False


def _box(merged: Mapping[str, Any]) -> tuple[int, int, int, int]:
    """A merged range's rows and columns, 0-based, each end past the last."""
    return (
        int(merged.get("startRowIndex", 0)),
        int(merged.get("startColumnIndex", 0)),
        int(merged["endRowIndex"]),
        int(merged["endColumnIndex"]),
    )


def _filled(grid: list[list[str]], merges: list[dict[str, Any]]) -> list[list[str]]:
    """`grid` (rows from row 1, as the values API reads them) as people see it: every cell of
    a merged range holds the range's value, which Google keeps in the top-left cell alone,
    on the rows that hold something else. A range reaching past the last row with anything
    in it leaves the rows below it blank (a row holding only the range's value would read as
    a measure with no number), as the workbook reads one (`sync.xlsx_limits.read_cells`)."""
    if not merges:
        return grid
    rows = [list(row) for row in grid]
    blank = {number for number, row in enumerate(rows) if not any(row)}
    for merged in merges:
        top, left, bottom, right = _box(merged)
        if top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else ""
        for number in range(top, min(bottom, len(rows))):
            if number != top and number in blank:
                continue
            row = rows[number]
            if value and len(row) < right:
                row.extend([""] * (right - len(row)))
            for column in range(left, min(right, len(row))):
                row[column] = value
    return rows


def _covers(merged: Mapping[str, Any], row: int, column: int) -> bool:
    """Whether a merged range covers the cell at 1-based `row`, 0-based `column`."""
    top, left, bottom, right = _box(merged)
    return top < row <= bottom and left <= column < right


def _row_deletion(sheet_id: int, row: int) -> dict[str, Any]:
    return {
        "deleteDimension": {
            "range": {
                "sheetId": sheet_id,
                "dimension": "ROWS",
                "startIndex": row - 1,
                "endIndex": row,
            }
        }
    }


def _touched(merges: list[dict[str, Any]], valid: SheetWrites) -> list[dict[str, Any]]:
    """The merged ranges Planlogg is about to write a cell or a note into, or delete a row
    of: each is unmerged first (`_unmerging`), as the workbook does (`_split_merged`)."""
    cells = [(c.row, c.column) for c in valid.cells] + [(n.row, n.column) for n in valid.notes]
    return [
        merged
        for merged in merges
        if any(_covers(merged, row, column) for row, column in cells)
        or any(_box(merged)[0] < row <= _box(merged)[2] for row in valid.delete_rows)
    ]


def _unmerging(
    sheet_id: int, merged: Mapping[str, Any], shown: list[list[str]], written: list[Any]
) -> list[dict[str, Any]]:
    """Unmerge `merged` and give each of its cells the range's value on the rows that
    showed it (`_filled`: the top row and those holding something else), and the cells
    Planlogg writes there (`written`) their text, in the batch; as a RAW write, a text is
    kept as typed. The top-left cell keeps what it holds unless Planlogg writes it."""
    top, left, bottom, right = _box(merged)
    value = shown[top][left] if top < len(shown) and left < len(shown[top]) else ""
    texts = {(c.row - 1, c.column): c.text for c in written}
    filled = {top} | {n for n in range(top + 1, min(bottom, len(shown))) if any(shown[n])}
    requests_: list[dict[str, Any]] = [{"unmergeCells": {"range": {**merged, "sheetId": sheet_id}}}]
    for row in range(top, bottom):
        cells = {
            column: texts.get((row, column), value)
            for column in range(left, right)
            if (row, column) in texts or (row in filled and (row, column) != (top, left))
        }
        for first, past in column_runs(cells):
            requests_.append(
                {
                    "updateCells": {
                        "range": {
                            "sheetId": sheet_id,
                            "startRowIndex": row,
                            "endRowIndex": row + 1,
                            "startColumnIndex": first,
                            "endColumnIndex": past,
                        },
                        "rows": [
                            {
                                "values": [
                                    {"userEnteredValue": {"stringValue": cells[c]}}
                                    if cells[c]
                                    else {}
                                    for c in range(first, past)
                                ]
                            }
                        ],
                        "fields": "userEnteredValue",
                    }
                }
            )
    return requests_


def _echoed_title(echoed: str) -> str:
    """The tab's title in a range Google echoed (`'T'!A1:Z1000`), "" when it names none."""
    sheet, bang, _cells = echoed.rpartition("!")
    if not bang:
        return ""
    if sheet.startswith("'") and sheet.endswith("'"):
        return sheet[1:-1].replace("''", "'")
    return sheet


def _named_tab(name: str, sheet_id: int) -> dict[str, Any]:
    """A named range `name` over the whole tab `sheet_id`: a mark that follows renames."""
    return {"addNamedRange": {"namedRange": {"name": name, "range": {"sheetId": sheet_id}}}}


def _add_sheet(title: str, sheet_format: SheetFormat, sheet_id: int | None = None) -> Any:
    properties: dict[str, Any] = {
        "title": title,
        "gridProperties": {"rowCount": 1000, "columnCount": max(26, len(sheet_format.header))},
    }
    if sheet_id is not None:
        properties["sheetId"] = sheet_id
    return {"addSheet": {"properties": properties}}


def _added_title(answer: Any) -> str:
    """The title of the tab a batch added, as Google's answer names it ("" when it does not)."""
    replies = answer.get("replies", []) if isinstance(answer, dict) else []
    added: dict[str, Any] = next(
        (r["addSheet"] for r in replies if isinstance(r, dict) and "addSheet" in r), {}
    )
    return str(added.get("properties", {}).get("title", ""))


def _sign_in_refusal(error: RefreshError, account: str) -> BackendError:
    """google-auth's RefreshError: Google's sign-in refused the service account's key.

    A deleted or disabled key (or service account) does not mend by itself, so this
    names the account (`account`, from the key file), and says what to do instead of quoting
    google-auth in English. A refusal google-auth calls retryable (a 5xx or
    `temporarily_unavailable`, already tried again inside google-auth) is said to be
    temporary, as network errors are."""
    if error.retryable:
        return BackendError.next_round(_("Google-innloggingen svarte med en midlertidig feil."))
    details = error.args[1] if len(error.args) > 1 else None
    code = details.get("error") if isinstance(details, dict) else None
    described = details.get("error_description", "") if isinstance(details, dict) else ""
    if _CLOCK_OFF.search(str(described)):
        return BackendError.next_round(
            _(
                "Google avviste innloggingen til tjenestekontoen%(account)s fordi klokka på "
                "denne maskinen går feil (mer enn noen minutter). Still klokka, for eksempel "
                "med NTP.",
                account=account,
            )
        )
    shown_code = f" ({code})" if code else ""
    return BackendError(
        _(
            "Google avviste innloggingen til tjenestekontoen%(account)s%(code)s: nøkkelen er "
            "trolig slettet, eller tjenestekontoen er deaktivert eller slettet. Lag en ny "
            "nøkkel for tjenestekontoen i Google Cloud-konsollen (IAM og administrasjon, "
            "Tjenestekontoer, Nøkler), og pek PLANLOGG_GOOGLE_CREDENTIALS (eller "
            "--credentials) til den nye nøkkelfilen.",
            account=account,
            code=shown_code,
        ),
        _("Ingenting halvgjort er lagret."),
    )


def _account_of(http: Any) -> str:
    """The service account's e-mail as a message names it after «tjenestekontoen» (a
    space first), or "" when the client has none."""
    credentials = getattr(http, "auth", None)
    email = getattr(credentials, "service_account_email", "") or ""
    return f" {email}" if email else ""


def _status(error: APIError) -> int:
    """The HTTP status of Google's error: gspread says -1 when the answer was not JSON."""
    return error.response.status_code if error.code == -1 else error.code


def _reason(error: APIError, longest: int = 100) -> str:
    """Google's message, short and plain. An answer that is not JSON (an HTML page from
    Google's front end or a proxy) would otherwise be quoted whole, markup and all: its
    title is shown instead, else its HTTP reason phrase, else its first words."""
    if error.code != -1:
        return str(error.error.get("message", ""))
    text = error.response.text or ""
    title = re.search(r"<title[^>]*>(.*?)</title>", text, re.IGNORECASE | re.DOTALL)
    if title:
        text = title[1]
    elif "<" in text:
        text = error.response.reason or ""
    plain = " ".join(html.unescape(text).split())
    return plain if len(plain) <= longest else plain[: longest - 1].rstrip() + "…"


def _denied(error: APIError) -> bool:
    """A 403 for missing access; Drive's 403 for a rate limit (usageLimits) is not one."""
    limits = any(e.get("domain") == "usageLimits" for e in error.error.get("errors") or [])
    return error.code == 403 and not limits and not _rate_limited(error)


def _unparsable(error: BackendError) -> bool:
    """Whether Google refused a range it could not parse (400): a tab no longer there."""
    cause = error.__cause__
    return isinstance(cause, APIError) and cause.code == 400


def _strings(rows: list[list[Any]]) -> list[list[str]]:
    return [[str(v) if v is not None else "" for v in row] for row in rows]


_CLOCK_OFF = re.compile(r"\biat\b|\bexp\b|timeframe|clock", re.IGNORECASE)
"""Google's `invalid_grant` description when the signed token's times (`iat`, `exp`) are
outside its window: the server's clock is wrong, and a new key would be refused alike."""


def _person(user: dict[str, Any]) -> str:
    name, email = user.get("displayName", ""), user.get("emailAddress", "")
    return f"{name} <{email}>" if name and email else name or email


def _note_request(sheet_id: int, row: int, column: int, text: str) -> dict[str, Any]:
    return {
        "updateCells": {
            "range": {
                "sheetId": sheet_id,
                "startRowIndex": row - 1,
                "endRowIndex": row,
                "startColumnIndex": column,
                "endColumnIndex": column + 1,
            },
            "rows": [{"values": [{"note": text}]}],
            "fields": "note",
        }
    }


def _dropdown(
    sheet_id: int, index: int, choices: tuple[str, ...], start: int = 1, end: int | None = None
) -> Any:
    """A dropdown that helps without blocking (strict off: the sync explains other text), on
    the rows from `start` (0-based) to `end` (the grid's end when None). Google keeps it on
    each cell, so rows added later have none until they are given it (`_write`)."""
    rows = {"startRowIndex": start} if end is None else {"startRowIndex": start, "endRowIndex": end}
    return {
        "setDataValidation": {
            "range": {
                "sheetId": sheet_id,
                **rows,
                "startColumnIndex": index,
                "endColumnIndex": index + 1,
            },
            "rule": {
                "condition": {
                    "type": "ONE_OF_LIST",
                    "values": [{"userEnteredValue": v} for v in choices],
                },
                "strict": False,
                "showCustomUi": True,
                "inputMessage": _("Velg en av: %(choices)s.", choices=", ".join(choices)),
            },
        }
    }


def _format_requests(
    sheet_id: int, sheet_format: SheetFormat, tab_ids: list[int]
) -> list[dict[str, Any]]:
    """The plan tab's frozen header, dropdowns, protections and colours by status. The
    colours' range has no end: a bounded range stays where it is when rows are added below
    the grid, and rows past it (a plan longer than 1,000 rows) had no colours."""
    status = sheet_format.status_column
    column = rowcol_to_a1(2, status + 1)
    status_range = {
        "sheetId": sheet_id,
        "startRowIndex": 1,
        "startColumnIndex": status,
        "endColumnIndex": status + 1,
    }
    requests_: list[dict[str, Any]] = [
        {
            "updateSheetProperties": {
                "properties": {"sheetId": sheet_id, "gridProperties": {"frozenRowCount": 1}},
                "fields": "gridProperties.frozenRowCount",
            }
        },
        *(_dropdown(sheet_id, index, choices) for index, choices in sheet_format.dropdowns),
        {
            "addProtectedRange": {
                "protectedRange": {
                    "range": {"sheetId": sheet_id, "startRowIndex": 0, "endRowIndex": 1},
                    "description": _(
                        "Overskrifter: Planlogg finner kolonnene sine etter navnet. Egne "
                        "kolonner kan stå hvor som helst."
                    ),
                    "warningOnly": True,
                }
            }
        },
    ]
    for words, colour in _STATUS_COLOURS.items() if status >= 0 else ():
        test = ",".join(f'LOWER(TRIM({column}))="{w}"' for w in words)
        requests_.append(
            {
                "addConditionalFormatRule": {
                    "index": 0,
                    "rule": {
                        "ranges": [status_range],
                        "booleanRule": {
                            "condition": {
                                "type": "CUSTOM_FORMULA",
                                "values": [{"userEnteredValue": f"=OR({test})"}],
                            },
                            "format": {"backgroundColor": colour},
                        },
                    },
                }
            }
        )
    for index in sheet_format.read_only_columns:
        requests_.append(
            {
                "addProtectedRange": {
                    "protectedRange": {
                        "range": {
                            "sheetId": sheet_id,
                            "startRowIndex": 1,
                            "startColumnIndex": index,
                            "endColumnIndex": index + 1,
                        },
                        "description": _("Skrives av Planlogg; endringer her blir ikke tatt inn."),
                        "warningOnly": True,
                    }
                }
            }
        )
    requests_ += [_tab_protection(tab_id) for tab_id in tab_ids]
    return requests_


def _grow_rows(sheet_id: int, first_new: int, grow: int) -> list[dict[str, Any]]:
    """`grow` rows added at the grid's end (row `first_new`, 0-based, once the batch's
    deletions are done), with the wrap, alignment and number format of the grid's last row,
    and nothing else of it: the long-text columns wrap in them as in the rows the tab was
    laid out with (`_column_requests`), and a wrap or alignment people gave a column since
    carries on; a bold, coloured or bordered last row (a total, a heading people put there)
    does not make every row added so.

    An `insertDimension` with `inheritFromBefore` takes the format of the row before (the
    Sheets API reference, InsertDimensionRequest), all of it; `appendDimension`, which the
    backend sent before, adds rows the reference says nothing of, and they came without
    the wrap. At the grid's end Google allows the insert only with `inheritFromBefore` true
    (false asks for a row after). A `repeatCell` over the new rows then clears what they
    took that is not Planlogg's layout (`NOT_INHERITED`; the font and size stay, as the
    rest of the table has them). Both are in the batch that writes the rows' text format
    and dropdowns, so a cycle costs what it did."""
    rows = {"sheetId": sheet_id, "startIndex": first_new, "endIndex": first_new + grow}
    return [
        {"insertDimension": {"range": {**rows, "dimension": "ROWS"}, "inheritFromBefore": True}},
        {
            "repeatCell": {
                "range": {
                    "sheetId": sheet_id,
                    "startRowIndex": first_new,
                    "endRowIndex": first_new + grow,
                },
                "cell": {},
                "fields": ",".join(f"userEnteredFormat.{name}" for name in NOT_INHERITED),
            }
        },
    ]


def _planloggs_colour(rule: dict[str, Any]) -> bool:
    """Whether a conditional format rule is one of Planlogg's colours by status
    (`_format_requests`): its formula tests the status cell for the words of one colour."""
    condition = (rule.get("booleanRule") or {}).get("condition") or {}
    values = condition.get("values") or [{}]
    formula = str(values[0].get("userEnteredValue", ""))
    words = tuple(re.findall(r'="([^"]*)"', formula))
    return (
        condition.get("type") == "CUSTOM_FORMULA"
        and formula.startswith("=OR(LOWER(TRIM(")
        and words in _STATUS_COLOURS
    )


def _stopping(rules: list[dict[str, Any]]) -> list[tuple[int, dict[str, Any]]]:
    """Planlogg's colour rules among a tab's `rules` whose range stops at a row (as an
    earlier Planlogg laid them out), each with its index among them."""
    return [
        (index, rule)
        for index, rule in enumerate(rules)
        if _planloggs_colour(rule) and any("endRowIndex" in r for r in rule.get("ranges", []))
    ]


def _to_the_end(
    sheet_id: int, row_count: int, stopping: list[tuple[int, dict[str, Any]]], placed: SheetFormat
) -> list[dict[str, Any]]:
    """The colour rules `stopping` without an end to their range (each replaced at its
    index), and the dropdowns on the rows from where the colours stopped, which an earlier
    Planlogg laid out with them, to the grid's end (`row_count` rows)."""
    ends = [r["endRowIndex"] for _i, rule in stopping for r in rule["ranges"] if "endRowIndex" in r]
    reaching = [
        {
            "updateConditionalFormatRule": {
                "index": index,
                "sheetId": sheet_id,
                "rule": {
                    **rule,
                    "ranges": [
                        {**{k: v for k, v in r.items() if k != "endRowIndex"}, "sheetId": sheet_id}
                        for r in rule["ranges"]
                    ],
                },
            }
        }
        for index, rule in stopping
    ]
    start = max(1, min(ends))
    if start < row_count:
        reaching += [_dropdown(sheet_id, i, choices, start) for i, choices in placed.dropdowns]
    return reaching


def _text_requests(
    sheet_id: int, columns: Collection[int], start: int, end: int | None = None
) -> list[dict[str, Any]]:
    """The plain-text number format over the plan's `columns` (0-based) from row `start`
    (0-based) to `end` (the grid's end when None), one range per run of neighbouring
    columns: what people type there stays as typed ("0042", "1.10", "1.2.3"), never a
    number or a date. Rows holding values keep their format: as text, a date people
    typed would show, and be read, as its serial number."""
    rows = {"startRowIndex": start} if end is None else {"startRowIndex": start, "endRowIndex": end}
    return [
        {
            "repeatCell": {
                "range": {
                    "sheetId": sheet_id,
                    **rows,
                    "startColumnIndex": first,
                    "endColumnIndex": past,
                },
                "cell": {"userEnteredFormat": {"numberFormat": {"type": "TEXT"}}},
                "fields": "userEnteredFormat.numberFormat",
            }
        }
        for first, past in column_runs(columns)
    ]


def _tab_columns(tab_id: int, title: str) -> list[dict[str, Any]]:
    """A new Oversikt's or Vedtak's (`title`) column widths, wide enough for their labels,
    and the columns that wrap (`TAB_WRAPPED`: Oversikt's area names)."""
    wrapped = TAB_WRAPPED.get(title, frozenset())
    return _column_requests(
        tab_id,
        [Width(characters, wrap=i in wrapped) for i, characters in enumerate(TAB_WIDTHS[title])],
    )


def _column_requests(sheet_id: int, widths: list[Width]) -> list[dict[str, Any]]:
    """The widths (from column A) and wrap of a tab Planlogg lays out new, sent in the batch
    that adds or lays it out: one request per run of neighbours of one width, the wrapping
    columns' whole height wrapping, and every column's text at the top of its row (a short
    cell at the foot of a tall row sits just above the next measure). A tab people had
    keeps the widths and look they set."""
    runs: list[tuple[int, int, float]] = []
    for index, width in enumerate(widths):
        if runs and runs[-1][1] == index and runs[-1][2] == width.characters:
            runs[-1] = (runs[-1][0], index + 1, width.characters)
        else:
            runs.append((index, index + 1, width.characters))
    sized = [
        {
            "updateDimensionProperties": {
                "range": {
                    "sheetId": sheet_id,
                    "dimension": "COLUMNS",
                    "startIndex": first,
                    "endIndex": past,
                },
                "properties": {"pixelSize": round(characters * PIXELS_PER_CHARACTER)},
                "fields": "pixelSize",
            }
        }
        for first, past, characters in runs
    ]
    wrapped = [
        {
            "repeatCell": {
                "range": {"sheetId": sheet_id, "startColumnIndex": first, "endColumnIndex": past},
                "cell": {"userEnteredFormat": {"wrapStrategy": "WRAP"}},
                "fields": "userEnteredFormat.wrapStrategy",
            }
        }
        for first, past in column_runs(i for i, width in enumerate(widths) if width.wrap)
    ]
    top = {
        "repeatCell": {
            "range": {"sheetId": sheet_id, "startColumnIndex": 0, "endColumnIndex": len(widths)},
            "cell": {"userEnteredFormat": {"verticalAlignment": "TOP"}},
            "fields": "userEnteredFormat.verticalAlignment",
        }
    }
    return [*sized, *wrapped, top]


def _text_format_mark(sheet_id: int) -> dict[str, Any]:
    """Records on the plan's tab that its columns have the text format (`TEXT_FORMAT_MARK`),
    in the batch that gives it, so a later start does not give it again."""
    return {
        "createDeveloperMetadata": {
            "developerMetadata": {
                "metadataKey": TEXT_FORMAT_MARK,
                "metadataValue": "1",
                "location": {"sheetId": sheet_id},
                "visibility": "DOCUMENT",
            }
        }
    }


def _tab_protection(tab_id: int) -> dict[str, Any]:
    """A warning (not a lock) over a whole tab Planlogg writes."""
    return {
        "addProtectedRange": {
            "protectedRange": {
                "range": {"sheetId": tab_id},
                "description": _("Skrives av Planlogg."),
                "warningOnly": True,
            }
        }
    }
