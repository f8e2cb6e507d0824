Feature: The public sees only the adopted plan
  Anyone may read the plan the committees adopted, with its latest status,
  but never the draft of a pending revision.

  Scenario: The public sees only the adopted version
    Given the demo plan with a pending revision of measure 0.1.2
    When a visitor opens the public plan page and the public API
    Then both show version 1 as adopted by ASU and PSU
    And measure 0.1.2 reads as adopted
    And the revised text of measure 0.1.2 appears nowhere

  Scenario: A status report shows on the public page at once
    Given the demo plan with a pending revision of measure 0.1.2
    And a visitor has the public plan page open
    When the secretariat reports measure 1.2.1 red on 4 September 2024
    Then the visitor's next look shows measure 1.2.1 red, reported 04.09.2024
    And the revised text of measure 0.1.2 is still nowhere on the page

  Scenario: The demo plan is there the moment a new Planlogg first answers
    Given an empty data folder
    When Planlogg is started on it and a visitor at once opens the public plan page
    Then the page shows version 1 of the demo plan as adopted
