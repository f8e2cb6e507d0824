Feature: An approval registered by mistake is withdrawn before the version is adopted
  The secretariat records ASU's approval of version 2 under the wrong case. Before PSU
  has approved, and so before the version is adopted, an approver withdraws it, saying
  why: ASU waits again, and the right approval is recorded. The auditor reads all three
  steps in the plan's change log, the withdrawal with why. Once the version is adopted,
  its approvals stay: the plan is changed by a new revision.
  (Runs on SQLite and PostgreSQL.)

  Background:
    Given the demo plan's version 2 is submitted for approval by "ASU" and "PSU"
    And Anne in the secretariat is an approver, and Rita an auditor, signed in to the web

  Scenario: Anne withdraws ASU's approval under the wrong case and records the right one
    Given Anne has recorded the approval by "ASU" under "sak 11/25" of "13.03.2025"
    When Anne withdraws ASU's approval with the reason "Feil saksnummer, ASU-saka er 12/25"
    Then Anne is told "Godkjenningen fra ASU er trukket tilbake. ASU venter på nytt."
    And the approval page lists these approvals of version 2:
      | Organ | Vedtak | Møtedato |
      | ASU   | venter | –        |
      | PSU   | venter | –        |
    When Anne records the approval by "ASU" under "sak 12/25" of "13.03.2025"
    And Anne records the approval by "PSU" under "sak 7/25" of "20.03.2025"
    Then the approval page lists these approvals of version 2:
      | Organ | Vedtak        | Møtedato   |
      | ASU   | ASU sak 12/25 | 13.03.2025 |
      | PSU   | PSU sak 07/25 | 20.03.2025 |
    And the approval page offers no approval to withdraw
    And Rita reads these changes from the web in the plan's change log:
      | Felt                        | Før                                                 | Etter                                               | Begrunnelse                        | Vedtak        |
      | godkjenning                 |                                                     | ASU godkjente versjon 2 (ASU sak 11/25, 13.03.2025) | Protokoll                          | ASU sak 11/25 |
      | godkjenning trukket tilbake | ASU godkjente versjon 2 (ASU sak 11/25, 13.03.2025) |                                                     | Feil saksnummer, ASU-saka er 12/25 | ASU sak 11/25 |
      | godkjenning                 |                                                     | ASU godkjente versjon 2 (ASU sak 12/25, 13.03.2025) | Protokoll                          | ASU sak 12/25 |
      | godkjenning                 |                                                     | PSU godkjente versjon 2 (PSU sak 07/25, 20.03.2025) | Protokoll                          | PSU sak 07/25 |
      | vedtatt versjon             | 1                                                   | 2                                                   | Protokoll                          | PSU sak 07/25 |
      | stadium                     | sendt til godkjenning                               | vedtatt                                             | Protokoll                          | PSU sak 07/25 |

  Scenario: A withdrawal without a reason is refused beside the reason, and nothing is withdrawn
    Given Anne has recorded the approval by "ASU" under "sak 11/25" of "13.03.2025"
    When Anne withdraws ASU's approval with the reason ""
    Then Anne's withdrawal is refused with "Begrunnelsen må fylles ut." beside the reason, and nothing is withdrawn
