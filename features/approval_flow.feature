Feature: Approving an action plan
  A plan is in force only when every required body has approved the same
  version; a revision starts a new draft while the adopted version stays in force.

  Background:
    Given a draft plan "hf-2025" with measure "1.1.1" reading "Etablere arbeidsgruppe"

  Scenario: The plan is adopted when the last required body approves
    When the secretariat submits the plan for approval by "ASU" and "PSU"
    And "ASU" approves version 1 under "ASU sak 12/25"
    Then the plan is "submitted"
    When "PSU" approves version 1 under "PSU sak 3/25"
    Then the plan is "adopted"
    And version 1 is in force

  Scenario: An approval of a version that changed after submission is refused
    When the secretariat submits the plan for approval by "ASU" and "PSU"
    And someone rewords measure "1.1.1" to "Endra etter innsending"
    Then an approval by "ASU" of version 1 is refused with "endret etter at den ble sendt"

  Scenario: A revision does not disturb the version in force
    Given the plan has been adopted by "ASU"
    When the secretariat starts a revision
    And someone rewords measure "1.1.1" to "Nytt utkast"
    Then the plan is "draft"
    And version 1 is in force
