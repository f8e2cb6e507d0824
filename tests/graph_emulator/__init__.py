"""A local Microsoft Graph emulator (drive items and Excel workbooks) plus Entra-like sign-in,
written from Microsoft's public REST reference, for the Excel Online backend's tests and
benchmarks. Nothing here reaches a Microsoft host.

Emulated (``/v1.0`` only):

* drive items: ``GET /shares/{u!…}/driveItem`` (sharing links), ``GET/PATCH
  /drives/{d}/items/{i}`` (``PATCH`` honours ``If-Match``: ``412`` on a stale eTag),
  ``GET …/versions`` (newest first, ``lastModifiedBy``), ``GET /me/drive/items/{i}``, ``GET /me``;
* workbook sessions: ``createSession`` (``201``, or ``202 Accepted`` + ``Location`` with
  ``Prefer: respond-async`` when made slow; ``GET …/operations/{id}`` reports running →
  succeeded/failed; ``GET …/sessionInfoResource(key=…)``), ``refreshSession``,
  ``closeSession``; unknown, closed or idle (5 min) sessions get ``409
  invalidSessionReCreatable``;
* worksheets: list, get, add (``POST worksheets`` and ``worksheets/add``), update (name,
  position, visibility), delete, addressed by id or name, ``/x`` or ``('x')``;
* ranges: ``usedRange`` (``valuesOnly``), ``range(address=…)`` GET and PATCH (``values``,
  ``numberFormat``, ``formulas``; 2-D arrays or one value for all cells; ``null`` = leave
  alone; number formats are applied before values, so text format ``@`` keeps ``=…`` text),
  ``…/delete`` with ``shift: Up``, ``…/format/font`` and ``…/format/fill`` PATCH, ``…/format``
  PATCH (``columnWidth`` in points, ``wrapText``, ``verticalAlignment``,
  ``horizontalAlignment``) on a bounded range (its columns' width, its cells' wrap and
  alignment) or on whole columns (``E:E``, kept per column, never row by row), any other
  property or value refused (``400 invalidArgument``); ``GraphEmulator.column_format`` reads a
  column's;
* named items: list, ``names/add`` (the value follows its sheet through renames);
* ``$batch``: at most 20 requests, unique ids, ``dependsOn`` (``424`` after a failed
  dependency), shuffled answers without it, per-request faults and throttling;
* faults (``429``/``503``/``504``/``409``/``412``/``423`` with ``Retry-After`` and inner
  codes, timeouts, resets), throttling, a workbook locked by the desktop app (``409
  accessConflict`` / ``invalidSessionAccessConflict``; reading still works), request counts;
* sign-in: OIDC discovery, instance discovery, device code, ``device_code`` and
  ``refresh_token`` grants over HTTPS (see ``identity``).

Not emulated: ``/beta`` (cell comments, data validation, conditional formats and frozen
panes exist only there or not at all in v1.0), tables, charts, functions, calculation
(formulas are stored, never computed; ``text`` shows them empty), row heights and formatting
whole rows, reading a range's format (``GET …/format``), dates and locale-dependent
number parsing, non-persistent sessions, co-authoring merges (edits land at once and each is
its own version; real SharePoint groups autosaves into fewer versions), permissions and
scopes (any valid token may do anything), upload, delta, webhooks, paging (``@odata.nextLink``),
``$expand``/``$filter`` (``$select`` is honoured), the exact wording of messages, and Graph's
real throttling limits (which Microsoft does not publish for Excel).
"""

from .app import RecordedRequest
from .emulator import CLIENT_ID, DEFAULT_HUMAN, SERVICE_USER, TENANT_ID, GraphEmulator, User

__all__ = [
    "CLIENT_ID",
    "DEFAULT_HUMAN",
    "SERVICE_USER",
    "TENANT_ID",
    "GraphEmulator",
    "RecordedRequest",
    "User",
]
