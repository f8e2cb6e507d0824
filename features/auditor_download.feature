Feature: An auditor downloads the history of one measure
  Auditors filter the audit history and download exactly the filtered rows.

  Scenario: An auditor downloads the history of one measure
    Given the demo plan with a pending revision of measure 0.1.2
    And an auditor logged in with an auditor token
    When the auditor filters the history on measure 0.1.2 and downloads it as CSV
    Then the CSV holds exactly the rows the page counted
    And every row is about measure 0.1.2
    And the rows tell who changed the text, from where and under which decision
