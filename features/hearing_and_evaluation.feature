Feature: A hearing with responses, and evaluating the measures
  The secretariat sends the draft on hearing to named bodies, records each
  response as it comes in and answers it; auditors read the responses and the
  answers beside what changed from the hearing draft to the adopted version.
  In the evaluation period each measure is evaluated per year by a body.

  Background:
    Given a draft plan "mr-2024" with measure "1.1.1" reading "Felles rutine for utskriving"

  Scenario: Responses to the hearing are answered and read beside the changes
    When the secretariat sends the draft on hearing to "Molde kommune" and "Brukarrådet"
    And "Molde kommune" responds "Rutinen må nemne fastlegen" with the attachment "molde.pdf"
    And "Brukarrådet" responds "Ingen merknader"
    And the secretariat rewords measure "1.1.1" to "Felles rutine for utskriving, med fastlegen"
    And the secretariat answers "F1" with "Teke til følgje i 1.1.1"
    And "SSU" adopts the plan
    Then the auditor sees that "Molde kommune" and "Brukarrådet" were asked
    And the auditor sees response "F1" from "Molde kommune" answered with "Teke til følgje i 1.1.1"
    And the auditor sees response "F2" from "Brukarrådet" not answered
    And beside them measure "1.1.1" changed from the hearing draft to the adopted version

  Scenario: A measure is evaluated for a year and shown with the plan
    Given "SSU" adopts the plan
    When "Fagråd for samhandling" evaluates measure "1.1.1" for 2024 as "delvis" leading to "Brukt i 12 av 26 kommunar" and recommends "endre"
    Then measure "1.1.1" shows for 2024 "partly", "Brukt i 12 av 26 kommunar" and "change" by "Fagråd for samhandling"
    And the audit history records the evaluation of "1.1.1" for 2024 by "Sekretariatet"
    And evaluating measure "1.1.1" for 2024 again is refused with "allerede evaluert for 2024"
