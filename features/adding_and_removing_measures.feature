Feature: Editors add, remove and restore measures in the browser
  The secretariat adds a measure under a goal in a form on the web, offered the
  goal's next free number, and removes one the plan no longer has a use for. A
  removed measure is kept: the working version lists it, to be restored with its
  number, saying why as a removal does. A removal is confirmed against the revision the editor saw, so a measure
  someone changed meanwhile is never removed on an old view, and a form refused
  keeps everything its editor typed.

  Background:
    Given the demo plan with a pending revision of measure 0.1.2
    And Eli and Emil are editors signed in to the web

  Scenario: An editor adds a measure under a goal and sees it at once
    When Eli opens a new measure under goal 2.1
    Then the form offers the number 2.1.4
    When Eli adds it with the text "Felles rutine for utskrivning." and the body "ASU"
    Then the working version shows measure 2.1.4 as "Felles rutine for utskrivning."
    And the audit history says Eli added measure 2.1.4 from the web

  Scenario: Two editors add the same number, and the second keeps what he typed
    Given Eli and Emil both opened a new measure under goal 2.1
    When Eli adds it with the text "Elis tiltak." and the body "ASU"
    And Emil adds it with the text "Emils tiltak." and the body "PSU"
    Then Emil's form is refused at the number: "Tiltaksnummeret 2.1.4 er allerede i bruk."
    And Emil's form still holds the text "Emils tiltak." and the body "PSU"
    And measure 2.1.4 reads "Elis tiltak."

  Scenario: A removed measure is listed on the working version and restored from there
    When Eli removes measure 2.1.1 because "Slått sammen med 2.1.2A"
    Then the working version says "Fjernet tiltak 2.1.1 (T028). Det kan gjenopprettes."
    And it lists measure 2.1.1 among the removed measures, not in the plan
    When Eli restores measure 2.1.1 from the working version because "Fjernet ved en feil"
    Then the working version says "Gjenopprettet tiltak 2.1.1 (T028)."
    And it shows measure 2.1.1 in the plan again
    And the log says why Eli removed measure 2.1.1 and why she restored it

  Scenario: A removal confirmed after someone else's change is refused
    Given Eli opened the removal of measure 2.1.1
    And Emil has changed the text of measure 2.1.1 to "Ny tekst fra Emil."
    When Eli confirms the removal
    Then Eli's removal is refused because the measure changed since she opened it
    And Eli sees the text "Ny tekst fra Emil." to confirm the removal anew
    And measure 2.1.1 is not removed
