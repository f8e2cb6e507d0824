Feature: The secretariat takes the plan through its cycle in the browser
  The secretariat starts a revision of the adopted plan, sends the draft on
  hearing and then for approval from the plan's working version, and the
  approving bodies' approvals adopt it; the adopted plan stays in force the
  whole time. Each step is the one the command line takes, with the same
  checks: a draft changed after the page was read is not sent unseen.

  Background:
    Given the demo plan on a database, adopted as version 2, with Eli as editor and Gro as approver signed in to the web

  Scenario: The secretariat revises, sends on hearing, submits, and the approvals adopt it
    When Eli starts a revision on the working version under "ASU sak 40/24"
    Then the working version says "Revisjon startet: utkast til versjon 3."
    And version 2 is still in force
    When Eli follows "Send på høring" and sends the draft to "Trondheim kommune" and "Brukarrådet" with the deadline 01.03.2025, sent 03.02.2025
    Then the working version says "Versjon 3 er sendt på høring til Trondheim kommune, Brukarrådet, med frist 01.03.2025."
    When Eli follows "Send til godkjenning" and sends the draft to "ASU" and "PSU"
    Then the working version says "Versjon 3 er sendt til godkjenning hos ASU, PSU."
    When Gro records the approval of "ASU" under "sak 12/25" from the meeting 13.03.2025
    And Gro records the approval of "PSU" under "sak 05/25" from the meeting 20.03.2025
    Then version 3 is adopted
    When Eli presses "Publiser versjon 3" on the working version
    Then the working version says "Versjon 3 er publisert."

  Scenario: A draft changed after the form was read is not sent for approval unseen
    Given Eli has started a revision and opened «Send til godkjenning»
    When Ola rewords measure 0.1.2 on the command line
    And Eli sends the draft to "ASU" and "PSU"
    Then the form is refused with "Utkastet er endret siden du hentet det" and still has "ASU" and "PSU" chosen
    And nothing is sent for approval
