Feature: A refused history filter gives the form back as typed
  An auditor narrows the audit history with a filter form. A browser that shows
  the date entries as plain text fields lets her type a day that does not exist;
  the page then refuses the filter, but gives every entry back as she typed it,
  marks the one that is wrong and says what to write, so she corrects only that.

  Background:
    Given the demo plan with a pending revision of measure 0.1.2
    And Rita is an auditor signed in to the web

  Scenario: An impossible date is marked, the rest of the filter kept, and the corrected filter answers
    When Rita fills in the history filter and presses "Filtrer":
      | entry   | value              |
      | plan    | st-olavs-2022-2024 |
      | measure | 0.1.2              |
      | source  | cli                |
      | since   | 2024-02-30         |
    Then the history is refused (422) and lists no changes
    And the error summary says "Fra dato (norsk tid): Må være en dato (ÅÅÅÅ-MM-DD)." with a link to the entry "since"
    And only the entry "since" is marked, with "Må være en dato (ÅÅÅÅ-MM-DD)." beside it, showing "2024-02-30" as text
    And the filter form holds exactly:
      | entry    | value              |
      | plan     | st-olavs-2022-2024 |
      | measure  | 0.1.2              |
      | actor    |                    |
      | source   | cli                |
      | field    |                    |
      | decision |                    |
      | since    | 2024-02-30         |
      | until    |                    |
      | limit    | 100                |
    When Rita corrects the entry "since" to "2024-02-29" and presses "Filtrer" again
    Then the history says "1 endring passer filteret."
    And its one row is the change of "tekst" by "Sekretariatet" from "kommandolinje" under "ASU sak 40/24"
