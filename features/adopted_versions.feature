Feature: Adopted versions
  Every adopted version is kept exactly as adopted, with its approvals,
  and two versions can be compared.

  Scenario: The diff between two adopted versions
    Given plan "hf-2025" adopted as version 1 by "ASU" and "PSU"
    And a revision that rewords measure "2.1.1", removes measure "2.1.2" and adds measure "1.1.2"
    When the revision is adopted as version 2 by "ASU"
    Then the diff from version 1 to version 2 adds "1.1.2" and removes "2.1.2"
    And it shows the field "text" of measure "2.1.1" changed
    And version 1 is still shown with the approvals of "ASU" and "PSU"
