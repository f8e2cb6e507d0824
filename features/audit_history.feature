Feature: Audit history
  Auditors can see who changed what in a plan, when, from where, why,
  and under which decision.

  Scenario: An auditor finds who changed a measure's responsible body and under which decision
    Given an adopted plan "hf-2025" where measure "1.2.1" is the responsibility of "Fagråd for pasientsamarbeid"
    When "Kari Nordmann" on the web makes "Fagråd for legesamarbeid" responsible for measure "1.2.1" under "ASU sak 07/25"
    And the auditor asks for the history of measure "1.2.1"
    Then the last change of "responsible" was made by "Kari Nordmann" from "web"
    And it changed "Fagråd for pasientsamarbeid" to "Fagråd for legesamarbeid"
    And it follows from decision "ASU sak 07/25"

  Scenario: The plan as it stood before a revision
    Given an adopted plan "hf-2025" where measure "1.2.1" is the responsibility of "Fagråd for pasientsamarbeid"
    When the secretariat starts a revision and removes measure "2.1.2"
    Then the plan as it stood before the revision still has measure "2.1.2"
    And the current plan has no measure "2.1.2"
