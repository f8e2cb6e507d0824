"""Two-way sync between a plan and its spreadsheet (Google Sheets, or a local .xlsx).

People keep working in the shared spreadsheet; every edit they make becomes
an auditable event with source `sheet`, and nothing they type is ever lost.

Layout (one worksheet per plan, found by a mark that survives renames; `sync.layout`)
    ID | Nr | Innsatsområde | Mål | Tiltak | Ansvar | <one column per year> | Status |
    Statuskommentar | Indikator | Målverdi | Frist | Tema § 6-2 | Pasientgrupper |
    Sjå òg | Ref. | Evaluering: … (7) | Sist endra | Endra av | Melding
    (+ tabs Oversikt, Vedtak). The columns follow from the measure's field
    declarations (`domain.measure_sheet`): Nr (move_measure), Tiltak, Ansvar (bodies
    separated by , ; or line breaks), year columns, Status + Statuskommentar, the SMART
    parts, topics, patient groups, cross-references (several values separated by ;)
    and the evaluation plan are editable.
    Read-only (warning-only protection, grey header): ID (written by the sync),
    Innsatsområde and Mål (follow from the number: edit Nr to move a measure; an edit there is
    explained on the row, not applied), Sist endra / Endra av (from the plan's events),
    Melding (the sync's messages; also as a note on the cell concerned).
    Headers are written in the målform (bokmål or nynorsk) of the plan's community when
    the sheet is laid out (above: nynorsk; bokmål writes Se også, Evaluering: metoder /
    datakilder, Sist endret, Endret av) and recognised in either målform ever after, so a
    community that changes målform keeps syncing. A header an earlier Planlogg wrote is
    recognised too (Område, before the sheet said Innsatsområde as every page does), and a
    sheet keeps the header it has. Everything else the sync writes
    (Melding, notes, status words, Oversikt, Vedtak) follows the community's målform.
    Columns are found by header, in any order (`sync.columns`); the user's own columns
    and tabs are never written; a renamed or deleted Planlogg column stops the sync; a
    column the sheet never had (a new year) is added after everything in use.
    `sync.restore` lays a damaged sheet out again, unsynced edits kept as conflicts.

Merge rules (`sync.merge`, pure) per (row ID, column), with the baseline both
sides last agreed on (stored in the event store as a `SheetLink` aggregate):
    - changed only in the sheet → the command above, attributed to the editor
      (Google: Drive revisions' lastModifyingUser, all of them when several edited;
      workbook: lastModifiedBy), else to «Regnearket …»;
    - changed only in the store → written to the sheet (valueInputOption RAW);
    - both changed, to the same meaning → converged, no event;
    - CONFLICT RULE: both changed differently → the store wins. The sheet's text is
      kept as an EditConflictRecorded event (field, kept, lost) and shown in Melding and
      a note on the cell until someone resolves the conflict in Planlogg;
    - invalid input (unknown status, unreadable year mark, a formula error such as
      #NAME?) → not applied, explained in Norwegian on the row, the text left in the
      cell; fixed later → applied. Domain refusals (an adopted plan refuses content
      edits: "Start ei revisjon …") are shown the same way; status is always accepted;
    - a row without ID → a new measure (Nr and Tiltak required); its ID is written back;
    - a deleted row → remove_measure (restorable); if the domain refuses, the row comes
      back with the reason. If at least 3 rows and more than 20 % vanish at once, nothing
      is applied and the sync stops (`--allow-removals` accepts it);
    - identity is the ID column: sorting or moving rows is not an edit; a duplicated or
      edited ID is reported on the row and suspends removals until fixed. A row showing
      another measure's number and text beside its ID (sorted without the ID column) is
      refused as a whole; a row with only its ID left is no longer that measure (the
      measure is the row with its number, or is gone), and its ID is cleared; a row put
      back after its deletion synced is merged against the measure as removed.

Crash safety (`sync.cycle`): the sheet's edits and the baseline move are saved in
one transaction; writes to the sheet follow and are confirmed in the baseline
afterwards. The baseline holds the sheet's text for applied edits and for
conflicts, so a crash before the write is repaired by writing the store's
value; a crash after it converges. A new measure whose ID was not yet written
is recognised by its number, not created twice.

Backends implement `sync.backend.SheetBackend`: `sync.memory_backend`
(tests), `sync.workbook` (openpyxl: lock files respected, atomic replace) and
`sync.google` (gspread, the only module importing it; a bounded retry client;
a constant number of requests per cycle). `sync.loop.SyncLoop` runs cycles for
`planlogg sync --watch` and `planlogg serve`.
"""
