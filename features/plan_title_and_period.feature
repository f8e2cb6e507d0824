Feature: Giving the plan a new title and period in the browser
  A plan keeps the title its document gave it at import until the secretariat
  changes it. The working version's folded form «Endre tittel og planperiode»
  carries the title and period as shown, so a change someone else made since is
  refused, naming who made it, and nothing is overwritten. The title before
  stays in the audit history.

  Background:
    Given the demo plan with a pending revision of measure 0.1.2
    And Eli and Emil are editors signed in to the web

  Scenario: An editor gives the plan a new title and one more year
    When Eli saves the title "Handlingsplan for helsefellesskapet 2022–2026" and the period "2022-2026" because "Vedtak i ASU"
    Then the working version is titled "Handlingsplan for helsefellesskapet 2022–2026", "Planperiode 2022–2026"
    And the audit history says Eli changed the title and the period from the web because "Vedtak i ASU"

  Scenario: A title saved after someone else's change is refused, and what was typed stays
    Given Eli and Emil both opened the working version
    When Eli saves the title "Handlingsplan 2022–2025" in the form she opened
    And Emil saves the title "Handlingsplan St. Olavs 2022–2025" in the form he opened
    Then Emil's form is refused: the title was changed by Eli today to "Handlingsplan 2022–2025"
    And Emil's form still holds "Handlingsplan St. Olavs 2022–2025"
    And the working version is titled "Handlingsplan 2022–2025", "Planperiode 2022–2025"
