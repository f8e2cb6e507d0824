Feature: The secretariat keeps the register of decisions in the browser
  The secretariat registers its health community's decisions (body, case
  number, meeting day and text) on the web, from the plan's working version,
  and reads every decision the community registered with the changes that cite
  it. A case is registered once: sent again, under any spelling, it is refused
  at the case number with what was typed kept. The approver then reads the text
  of the decision an approval cites, before and after recording it.

  Background:
    Given the demo plan on a database, sent to ASU for approval, with Eli as editor and Gro as approver signed in to the web

  Scenario: An editor registers a decision and the approver sees what was decided
    When Eli follows "Vedtaksregisteret" on the working version and registers "sak 12/25" of "ASU" from the meeting 13.03.2025: "ASU godkjenner handlingsplanen, versjon 2."
    Then the register says "Registrerte ASU sak 12/25." and lists "ASU sak 12/25" first
    When Eli registers "ASU-sak 12/25" of "ASU" from the meeting 13.03.2025 again: "Noe annet."
    Then the form is refused at the case number with "ASU sak 12/25 er allerede registrert." and still holds "Noe annet."
    When Gro opens the approval form
    Then it offers first "ASU sak 12/25, møte 13.03.2025: ASU godkjenner handlingsplanen, versjon 2."
    When Gro records ASU's approval under "sak 12/25" from the meeting 13.03.2025
    Then the approval form shows "ASU godkjenner handlingsplanen, versjon 2." for "ASU sak 12/25, møte 13.03.2025"
    And the plan is adopted
