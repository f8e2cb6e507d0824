Feature: Import a plan written as prose
  A secretariat whose plan is a web page, a PDF or a Word document, not a
  table, imports it as it is: first it checks what Planlogg understood,
  then it stores the plan.

  Scenario: The secretariat checks the Fonna plan with a dry run, then imports it
    Given the Fonna plan for 2021 copied from its web page into "fonna.txt"
    When the secretariat runs "planlogg import fonna.txt --dry-run"
    Then the printout shows 2 areas, 13 goals, 19 measures and 2 notes on goals
    And the printout shows measure 1.3.1 with the year mark "x vår" in 2021
    And the printout lists lines 122 and 124 as not placed
    And nothing is stored
    When the secretariat runs "planlogg import fonna.txt --key fonna-2021 --owner fonna --skip-unplaced"
    Then the plan "fonna-2021" has 2 areas, 13 goals and 19 measures
    And measure 1.3.1 of "fonna-2021" is marked "x vår" in 2021
