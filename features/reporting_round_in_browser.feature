Feature: The secretariat runs a reporting round in the browser
  The secretariat opens a reporting round from the dashboard, under a decision
  the community has registered, and closes it there when the committee has what
  it needs: no command line. A second round is refused while one is open. Closing
  is asked first, counting the bodies that have not reported; a close sent twice
  (a double click) closes the round once and says it closed.

  Scenario: The secretariat opens a round in the browser, is refused a second, and closes it once asked
    Given the St. Olavs demo on a database, its round R1 closed and "ASU sak 12/25" registered
    And Eli is an editor signed in to the web on 01.09.2025
    When Eli opens a round on the dashboard citing "ASU sak 12/25" with deadline 20.09.2025 for:
      | body                           |
      | Fagråd for digital samhandling |
      | Fagråd for pasientsamarbeid    |
    Then the dashboard says "Rapporteringsrunde R2 er åpnet."
    And the open round is "R2" with deadline 20.09.2025, citing "ASU sak 12/25", opened from the web
    When Eli opens another round on the dashboard citing "ASU sak 12/25" with deadline 01.10.2025
    Then the form is refused with "Rapporteringsrunde R2 (frist 20.09.2025, ASU sak 12/25) er fortsatt åpen. Lukk den før du åpner en ny."
    When Eli follows «Lukk runden» on the dashboard
    Then the page asks "Lukk runde R2?" saying "2 av 2 organer har ikke rapportert ennå, og påminnelsene stopper."
    When Eli follows «Avbryt»
    Then the open round is "R2" with deadline 20.09.2025, citing "ASU sak 12/25", opened from the web
    When Eli follows «Lukk runden» on the dashboard
    And Eli presses «Lukk runden» on that page
    Then the dashboard says "Rapporteringsrunde R2 er lukket."
    And no reporting round is open
    When Eli presses «Lukk runden» again on the page shown before
    Then the dashboard says "Rapporteringsrunde R2 er lukket."
    And round R2 was closed once
