Feature: Working in the shared spreadsheet
  People keep working in the plan's spreadsheet; every edit becomes an
  auditable event, and nothing anyone types is ever lost.

  Background:
    Given a plan "hf-2025" with measure "1.1.1" reading "Etablere arbeidsgruppe"
    And the plan is laid out in a shared Google spreadsheet

  Scenario: A secretary's edit in the sheet is recorded with her name
    When "Siri Sekretær" types "Etablere felles arbeidsgruppe" as the text of measure "1.1.1"
    And the sync runs
    Then measure "1.1.1" reads "Etablere felles arbeidsgruppe"
    And the audit shows the change came from the sheet by "Siri Sekretær"

  Scenario: An unknown status is explained on the row and applied once fixed
    When "Siri Sekretær" types "blå" as the status of measure "1.1.1"
    And the sync runs
    Then the row of measure "1.1.1" explains "Ukjent status"
    And the status cell of measure "1.1.1" still shows "blå"
    When "Siri Sekretær" types "Raud" as the status of measure "1.1.1"
    And the sync runs
    Then measure "1.1.1" has status "rød"
    And the row of measure "1.1.1" explains nothing

  Scenario: A conflicting edit keeps both values
    When someone in Planlogg rewords measure "1.1.1" to "Tekst frå nettet"
    And "Siri Sekretær" types "Tekst frå arket" as the text of measure "1.1.1"
    And the sync runs
    Then measure "1.1.1" reads "Tekst frå nettet"
    And the audit keeps "Tekst frå arket" as a conflict
    And the row of measure "1.1.1" explains "Tekst frå arket"

  Scenario: A cleared sheet stops the sync
    Given the plan has measures "1.1.2", "1.1.3" and "1.1.4"
    When someone clears all rows of the sheet
    Then the sync stops with "rader er borte fra planfanen"
    And no measure has been removed

  Scenario: Two rows trade numbers in the sheet
    Given the plan has measures "1.1.2", "1.1.3" and "1.1.4"
    When "Siri Sekretær" swaps the numbers of measures "1.1.1" and "1.1.2"
    And the sync runs
    Then the measure reading "Etablere arbeidsgruppe" has number "1.1.2"
    And the measure reading "Tiltak 1.1.2" has number "1.1.1"
    And the row of measure "1.1.1" explains nothing

  Scenario: A row deleted in the sheet while Planlogg changed its measure comes back
    When someone in Planlogg rewords measure "1.1.1" to "Tekst frå nettet"
    And "Siri Sekretær" deletes the row of measure "1.1.1"
    And the sync runs
    Then measure "1.1.1" reads "Tekst frå nettet"
    And the audit keeps "(raden er slettet i regnearket)" as a conflict
    And the row of measure "1.1.1" explains "(raden er slettet i regnearket)"
