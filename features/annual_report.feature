Feature: The secretariat takes the annual report to the committee
  The committee receives the year's report as a case attachment: the adopted
  version and its decisions, status per area with traffic lights that read in
  black and white, what each body reported, who did not report, the year's
  decisions, and the audit chain's head to check it against.

  Scenario: An editor downloads the annual report from the dashboard
    Given the demo plan with a pending revision of measure 0.1.2
    And an editor is signed in
    When the editor downloads the annual report 2024 as PDF from the dashboard
    Then the file is "st-olavs-2022-2024-arsrapport-2024.pdf"
    And it names the version in force and the decisions that adopted it
    And each area's measures show their traffic light as a word
    And it names the bodies that did not report by 11.09.2024
    And it ends with the audit chain's head

  Scenario: A visitor downloads the adopted plan as Word from the public page
    Given the demo plan with a pending revision of measure 0.1.2
    When a visitor downloads the plan as Word from the public page
    Then the file is "st-olavs-2022-2024-handlingsplan-versjon-1.docx"
    And the Word file has the adopted text of measure 0.1.2 in a table, not the draft

  Scenario: A body that reported after the deadline is named with the day it was complete
    Given the demo plan with a pending revision of measure 0.1.2
    And the Sekretariat reports every measure it answers for on 20.09.2024
    And an editor is signed in
    When the editor downloads the annual report 2024 as PDF from the dashboard
    Then the round with deadline 11.09.2024 names the Sekretariat as reporting late, on 20.09.2024
