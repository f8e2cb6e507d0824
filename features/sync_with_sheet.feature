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

  Scenario: Text typed while Google makes Planlogg wait is not written over
    When someone in Planlogg rewords measure "1.1.1" to "Tekst frå nettet"
    And Google answers the sync's write of the cells with "try again in 7 seconds"
    And the sync runs, and while it waits "Siri Sekretær" types "Tekst frå arket" as the text of measure "1.1.1"
    Then the sync waited 7 seconds, once
    And the text cell of measure "1.1.1" still shows "Tekst frå arket"
    And the audit keeps no conflict yet
    When the sync runs
    Then measure "1.1.1" reads "Tekst frå nettet"
    And the audit keeps "Tekst frå arket" by "Siri Sekretær" in Tiltak as a conflict with "Tekst frå nettet"
    And the row of measure "1.1.1" says in Melding:
      """
      Tiltak: Konflikt K1: «Tekst frå arket» fra regnearket ble ikke tatt inn, fordi cellen samtidig ble endret i Planlogg til «Tekst frå nettet». Teksten din er tatt vare på i endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort.
      """

  Scenario Outline: A row typed in while Google makes Planlogg wait is not deleted
    Given the plan has measures "1.1.2", "1.1.3" and "1.1.4"
    When someone in Planlogg removes measure "1.1.2"
    And someone in Planlogg rewords measure "1.1.4" to "Tekst frå nettet"
    And Google answers the sync's <write> with "try again in 7 seconds"
    And the sync runs, and while it waits "Siri Sekretær" types "Tekst frå arket" as the text of measure "1.1.2"
    Then the sync waited 7 seconds, once
    And the sheet has the rows of measures "1.1.1", "1.1.2", "1.1.3" and "1.1.4"
    And the text cell of measure "1.1.2" still shows "Tekst frå arket"
    And measure "1.1.4" reads "Tekst frå nettet"
    When the sync runs
    Then measure "1.1.2" is still removed in Planlogg
    And the sheet has the rows of measures "1.1.1", "1.1.2", "1.1.3" and "1.1.4"
    And the text cell of measure "1.1.2" still shows "Tekst frå arket"
    And the audit keeps "Tekst frå arket" by "Siri Sekretær" in Tiltak as a conflict with "(tiltaket er fjernet i Planlogg)"
    And the row of measure "1.1.2" says in Melding:
      """
      Tiltak: Konflikt K1: «Tekst frå arket» fra regnearket ble ikke tatt inn, fordi cellen samtidig ble endret i Planlogg til «(tiltaket er fjernet i Planlogg)». Teksten din er tatt vare på i endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort.
      Tiltaket er fjernet i Planlogg. Raden står igjen til konflikten er merket som løst, og blir da slettet.
      """

    Examples:
      | write              |
      | deletion of rows   |
      | write of the cells |
