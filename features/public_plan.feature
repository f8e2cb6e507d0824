Feature: The public sees only the adopted plan
  Anyone may read the plan the committees adopted, with its latest status,
  but never the draft of a pending revision.

  Scenario: The public sees only the adopted version
    Given the demo plan with a pending revision of measure 0.1.2
    When a visitor opens the public plan page and the public API
    Then both show version 1 as adopted by ASU and PSU
    And measure 0.1.2 reads as adopted
    And the revised text of measure 0.1.2 appears nowhere
