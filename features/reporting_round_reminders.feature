Feature: Reminding bodies that have not reported
  A reporting round names the bodies that must report and the deadline. Bodies
  that have not reported are reminded by e-mail on the round's schedule, at
  most once per body and step, and a reminder that may have gone out before a
  stop is left for the secretariat to confirm or resend.

  Background:
    Given the demo plan on a database, its round due 11.09.2024, and a mail server

  Scenario: Reminders go once to the bodies that have not reported, also after a restart
    When "Fagråd for digital samhandling" reports every one of its measures from the sheet
    And the reminders due on 30.11.2026 are sent
    Then "leiar.pasientsamarbeid@example.org" has 1 reminder
    And "sekretariat@example.org" has 1 reminder
    And "leiar.digital@example.org" has 0 reminders
    When Planlogg restarts and sends the reminders due on 01.12.2026
    Then the mail server has received 2 reminders
    And the dashboard shows "Fagråd for pasientsamarbeid" with "1 dag etter fristen: sendt"

  Scenario: A reminder that may have gone out is never sent again by itself
    Given the sender stopped after recording its reminder to "Sekretariat"
    When the reminders due on 30.11.2026 are sent
    Then "sekretariat@example.org" has 0 reminders
    And the dashboard shows "Sekretariat" with "1 dag etter fristen: kanskje sendt"
    When the secretariat resends the reminder to "Sekretariat"
    Then "sekretariat@example.org" has 1 reminder
    And the dashboard shows "Sekretariat" with "1 dag etter fristen: sendt"

  Scenario: The secretariat confirms one reminder and resends another on the dashboard page
    Given the sender stopped after recording its reminder to "Sekretariat"
    And the sender stopped after recording its reminder to "Fagråd for pasientsamarbeid"
    When an editor presses "Bekreft sendt" for "Sekretariat" on the dashboard page
    Then the dashboard page says "Påminnelsen til Sekretariat (1 dag etter fristen) er bekreftet sendt."
    When an editor presses "Send på nytt" for "Fagråd for pasientsamarbeid" on the dashboard page
    Then the dashboard page says "Påminnelsen til Fagråd for pasientsamarbeid (1 dag etter fristen) er sendt på nytt."
    And "sekretariat@example.org" has 0 reminders
    And "leiar.pasientsamarbeid@example.org" has 1 reminder
    And the dashboard shows "Sekretariat" with "1 dag etter fristen: sendt (bekreftet)"
    And the dashboard shows "Fagråd for pasientsamarbeid" with "1 dag etter fristen: sendt"

  Scenario: A person who reports for two bodies gets one mail
    Given "leiar.fagrad@example.org" is the one reminded for "Fagråd for pasientsamarbeid" and "Fagråd for digital samhandling"
    When the reminders due on 30.11.2026 are sent
    Then "leiar.fagrad@example.org" has 1 reminder
    And the reminder to "leiar.fagrad@example.org" names "Fagråd for pasientsamarbeid" and "Fagråd for digital samhandling"
    And "sekretariat@example.org" has 1 reminder
    And the dashboard shows "Fagråd for pasientsamarbeid" with "1 dag etter fristen: sendt"
    And the dashboard shows "Fagråd for digital samhandling" with "1 dag etter fristen: sendt"
