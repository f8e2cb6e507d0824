Feature: An approval citing another version's decision is refused at the case number
  Version 1 of the demo plan was adopted under «ASU sak 12/22», decided in the meeting of
  10.03.2022. Three years on, the secretariat records ASU's approval of version 2 citing
  that case again: a decision adopts one version, so the approval is refused at the case
  number and nothing is recorded, whatever meeting day is given with it. (Giving the
  case's own day once let it through: the plan did not keep which cases had adopted a
  version.) The approver writes the case from this year's meeting, and the approval is
  recorded under it. (Runs on SQLite and PostgreSQL.)

  Background:
    Given the demo plan's version 2 is submitted for approval by "ASU" and "PSU"
    And Anne in the secretariat is an approver, signed in to the web

  Scenario: Anne cites the case that adopted version 1, is refused at the case number, and corrects it
    Given the register holds "ASU sak 12/22" of 10.03.2022: "ASU godkjenner handlingsplan 2022–2024 versjon 1."
    When Anne records the approval by "ASU" under "sak 12/22" of "13.03.2025" with the reason "Protokoll fra ASU"
    Then Anne's approval is refused at "Saksnummer" with "ASU sak 12/22 vedtok en tidligere versjon av planen. Versjon 2 må ha sitt eget vedtak: skriv saksnummeret fra møtet der den ble vedtatt.", and nothing is recorded
    And Anne's form is shown again as she typed it: "ASU", "sak 12/22", "13.03.2025", "Protokoll fra ASU"
    When Anne changes the meeting date to "10.03.2022" and sends the form again
    Then Anne's approval is refused at "Saksnummer" with "ASU sak 12/22 vedtok en tidligere versjon av planen. Versjon 2 må ha sitt eget vedtak: skriv saksnummeret fra møtet der den ble vedtatt.", and nothing is recorded
    When Anne changes the meeting date to "13.03.2025" and sends the form again
    And Anne corrects the case to "sak 13/25" and sends the form again
    Then Anne is told "Godkjenningen fra ASU er registrert."
    And the approval page lists these approvals of version 2:
      | Organ | Vedtak        | Møtedato   |
      | ASU   | ASU sak 13/25 | 13.03.2025 |
      | PSU   | venter        | –          |
