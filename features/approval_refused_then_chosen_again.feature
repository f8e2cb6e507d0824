Feature: A refused approval leaves the body to be chosen again
  Two people in the secretariat record approvals in the browser. When one of them
  sends an approval that someone else recorded a moment ago, it is refused and
  nothing is recorded. The form shown again starts on «Velg organ»: it once
  preselected the next body, so one more click recorded, under the case and date
  typed for ASU, a decision PSU never made. Now the approval is recorded only for
  the body the approver chooses, under that body's own case and meeting date.
  (Runs on SQLite and PostgreSQL.)

  Background:
    Given the demo plan's version 2 is submitted for approval by "ASU" and "PSU"
    And Anne and Per in the secretariat are approvers, and Rita an auditor, signed in to the web

  Scenario: Per's approval for ASU is refused, and he records PSU's approval by choosing PSU
    Given Anne and Per both opened the approval form of version 2
    When Anne records the approval by "ASU" under "sak 12/25" of "13.03.2025" with the reason "Protokoll fra ASU"
    Then Anne is told "Godkjenningen fra ASU er registrert."
    When Per records the approval by "ASU" under "sak 12/25" of "13.03.2025" with the reason "Protokoll fra ASU"
    Then Per's approval is refused with "ASU har allerede godkjent versjon 2." and nothing is recorded
    And Per is told what he typed: "Det du skrev (ikke lagret): ASU, sak 12/25, møte 13.03.2025 (versjon 2). Begrunnelse: «Protokoll fra ASU»."
    And Per's form is shown again on "Velg organ", with "PSU" the only body to choose
    When Per sends the form shown again as it stands
    Then Per's approval is refused with "Organ: Velg organet som godkjente versjonen." beside the body, and nothing is recorded
    When Per records the approval by "PSU" under "sak 7/25" of "20.03.2025" with the reason "Protokoll fra PSU"
    Then Per is told "Godkjenningen fra PSU er registrert. Alle organer har godkjent: planen er nå vedtatt."
    And the approval page lists these approvals of version 2:
      | Organ | Vedtak        | Møtedato   |
      | ASU   | ASU sak 12/25 | 13.03.2025 |
      | PSU   | PSU sak 07/25 | 20.03.2025 |
    And Rita reads these approvals from the web in the plan's change log:
      | Person                   | Kilde | Felt        | Etter                                               | Begrunnelse       | Vedtak        |
      | Anne Lie (anne@helse.no) | nett  | godkjenning | ASU godkjente versjon 2 (ASU sak 12/25, 13.03.2025) | Protokoll fra ASU | ASU sak 12/25 |
      | Per Dahl (per@helse.no)  | nett  | godkjenning | PSU godkjente versjon 2 (PSU sak 07/25, 20.03.2025) | Protokoll fra PSU | PSU sak 07/25 |
