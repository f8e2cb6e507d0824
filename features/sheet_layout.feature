Feature: A shared sheet laid out the way people like it
  People add columns and tabs of their own, move, hide and filter columns and
  rows, rename the plan's tab, sort, leave blank rows, and the plan's period
  grows: the plan keeps syncing, and nothing of theirs is touched.

  Background:
    Given the plan "testplan" with six measures

  Scenario Outline: A column of one's own is kept and never written
    Given the plan is synced with <sheet>
    When "Siri Sekretær" inserts her own column "Notat" before "Nr"
    And "Siri Sekretær" writes "Ring Kari" in "Notat" of measure "1.1.2"
    And someone in Planlogg rewords measure "1.1.2" to "Tekst frå nettet"
    And the sync runs
    Then the sheet shows "Tekst frå nettet" in "Tiltak" of measure "1.1.2"
    And the sheet shows "Ring Kari" in "Notat" of measure "1.1.2"

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: A column moved elsewhere still syncs
    Given the plan is synced with <sheet>
    When "Siri Sekretær" moves the column "Status" before "Nr"
    And "Siri Sekretær" writes "raud" in "Status" of measure "1.2.5"
    And the sync runs
    Then measure "1.2.5" has status "rød" in the sheet and in Planlogg

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: A hidden column and a hidden row still sync
    Given the plan is synced with <sheet>
    When "Siri Sekretær" hides the column "Innsatsområde"
    And "Siri Sekretær" hides the row of measure "1.1.3"
    And someone in Planlogg rewords measure "1.1.3" to "Skjult, men med"
    And the sync runs
    Then the sheet shows "Skjult, men med" in "Tiltak" of measure "1.1.3"
    And no measure has been removed

    # No Excel Online example: the Graph emulator cannot hide a row or a column (no
    # user_* operation for it, and its ranges always read "hidden": false).
    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |

  Scenario Outline: A renamed tab keeps syncing
    Given the plan is synced with <sheet>
    When "Siri Sekretær" renames the plan's tab to "Handlingsplan 2024"
    And "Siri Sekretær" writes "gul" in "Status" of measure "1.1.1"
    And the sync runs
    Then measure "1.1.1" has status "gul" in the sheet and in Planlogg
    And the sheet has no tab named "testplan"

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: A tab of one's own is left alone
    Given the plan is synced with <sheet>
    When "Siri Sekretær" adds her own tab "Møtenotat" with "Neste møte 3. mars"
    And someone in Planlogg rewords measure "1.1.1" to "Endra"
    And the sync runs
    Then the tab "Møtenotat" still shows "Neste møte 3. mars"

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: Planlogg's overview renamed, and a tab of one's own given its title
    Given the plan is synced with <sheet>
    When "Siri Sekretær" renames Planlogg's tab "Oversikt" to "Oversikt i fjor"
    And "Siri Sekretær" adds her own tab "Oversikt" with "Våre eigne tal"
    And someone in Planlogg rewords measure "1.1.1" to "Endra"
    And the sync runs
    Then the tab "Oversikt" still shows "Våre eigne tal"
    And the tab "Oversikt i fjor" is Planlogg's overview, written by this sync

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: A filtered view is not a mass deletion
    Given the plan is synced with <sheet>
    When "Siri Sekretær" filters away every row but measure "1.1.1"
    And someone in Planlogg rewords measure "1.2.6" to "Filtrert bort, men med"
    And the sync runs
    Then the sheet shows "Filtrert bort, men med" in "Tiltak" of measure "1.2.6"
    And no measure has been removed

    # No Excel Online example: the Graph emulator has no filter (no user_* operation
    # for it, and no autoFilter on its worksheets).
    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |

  Scenario Outline: Sorting the sheet is not an edit
    Given the plan is synced with <sheet>
    When "Siri Sekretær" sorts the sheet by "Tiltak"
    And the sync runs
    Then the sync took in nothing and wrote nothing

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: Rows sorted without the ID column are not taken in
    Given the plan is synced with <sheet>
    When "Siri Sekretær" sorts the sheet by "Tiltak" without the ID column
    And the sync runs
    Then every measure keeps its own text
    And each row says in Melding that it shows another measure beside its ID

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: Blank rows between measures are not measures
    Given the plan is synced with <sheet>
    When "Siri Sekretær" inserts two blank rows above measure "1.2.4"
    And the sync runs
    Then the plan still has 6 measures
    And the sync took in nothing

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |

  Scenario Outline: A new year gets its column after the user's own
    Given the plan is synced with <sheet>
    When "Siri Sekretær" inserts her own column "Kontaktperson" at the end
    And the plan's period grows to 2026
    And the sync runs
    Then the last two columns are "Kontaktperson" and "2026"

    Examples:
      | sheet                |
      | a local workbook     |
      | a Google spreadsheet |
      | Excel Online         |
