Feature: Working in the shared Excel Online workbook
  People keep working in the plan's workbook in Excel for the web while Microsoft Graph
  makes Planlogg wait; nothing anyone types during the wait is written over or deleted.

  Background:
    Given a plan "hf-2025" with measure "1.1.1" reading "Etablere arbeidsgruppe"
    And the plan is laid out in a shared Excel Online workbook

  Scenario: Text typed while Graph makes Planlogg wait is not written over
    When someone in Planlogg rewords measure "1.1.1" to "Tekst frå nettet"
    And Graph answers the sync's write of the cells with "try again in 7 seconds"
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

  Scenario Outline: A row typed in while Graph makes Planlogg wait is not deleted
    Given the plan has measures "1.1.2", "1.1.3" and "1.1.4"
    When someone in Planlogg removes measure "1.1.2"
    And someone in Planlogg rewords measure "1.1.4" to "Tekst frå nettet"
    And Graph answers the sync's <write> with "try again in 7 seconds"
    And the sync runs, and while it waits "Siri Sekretær" types "Tekst frå arket" as the text of measure "1.1.2"
    Then the sync waited 7 seconds, once
    And the workbook has the rows of measures "1.1.1", "1.1.2", "1.1.3" and "1.1.4"
    And the text cell of measure "1.1.2" still shows "Tekst frå arket"
    And measure "1.1.4" reads "Tekst frå nettet"
    When the sync runs
    Then measure "1.1.2" is still removed in Planlogg
    And the workbook has the rows of measures "1.1.1", "1.1.2", "1.1.3" and "1.1.4"
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
