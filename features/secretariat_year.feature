Feature: The secretariat's year with the plan
  From the decision that asks the bodies to report to the annual report the
  committee receives: the secretariat opens a reporting round that cites the
  decision, the bodies report from the shared sheet and from the web form, the
  bodies that have not reported are reminded by e-mail (once per step, also
  after a restart), a body evaluates a measure for the year, and the year's
  report says what was reported, what was evaluated and who did not report.

  Scenario: A reporting round, reminders, an evaluation and the annual report for 2025
    Given the St. Olavs demo on a database, with a mail server
    And the secretariat has closed the demo's open round
    And ASU has decided in "sak 12/25" on 13.02.2025 that three bodies report by 20.03.2025
    When the secretariat opens a round citing "ASU sak 12/25" with deadline 20.03.2025 for:
      | body                           |
      | Fagråd for digital samhandling |
      | Fagråd for legesamarbeid       |
      | Fagråd for pasientsamarbeid    |
    Then the open round is "R2" with deadline 20.03.2025, citing "ASU sak 12/25"

    When the plan is laid out in a shared sheet
    And "Fagråd for digital samhandling" types "grønn" and "I rute." for each of its measures in the sheet
    And Planlogg synchronises the sheet on 04.03.2025 and records 5 reports
    And "Fagråd for legesamarbeid" types "gul" and "Venter på kommunane." for measure 1.2.1 in the sheet
    And Planlogg synchronises the sheet on 05.03.2025 and records 1 report
    Then the round shows "Fagråd for digital samhandling" as reported
    And the round shows "Fagråd for legesamarbeid" as not reported
    And the round shows "Fagråd for pasientsamarbeid" as not reported

    When the reminders due on 06.03.2025 are sent
    Then the mail server has received 2 reminders
    And "fagrad-for-legesamarbeid@example.org" has 1 reminder
    And "sekretariat@example.org" has 1 reminder
    And "leiar.pasientsamarbeid@example.org" has 1 reminder
    And "leiar.digital@example.org" has 0 reminders
    When Planlogg restarts and sends the reminders due on 06.03.2025
    Then the mail server has received 2 reminders

    When the reporter for "Fagråd for pasientsamarbeid" reports "gul" and "Forseinka." for each of its measures in the web form on 10.03.2025
    Then the web form says "12 tiltak fikk ny status. Alle 12 tiltakene Fagråd for pasientsamarbeid har ansvar for, er rapportert i runden."
    And the round shows "Fagråd for pasientsamarbeid" as reported
    When the reminders due on 17.03.2025 are sent
    Then the mail server has received 3 reminders
    And "fagrad-for-legesamarbeid@example.org" has 2 reminders
    And "sekretariat@example.org" has 2 reminders
    And "leiar.pasientsamarbeid@example.org" has 1 reminder

    When "Fagråd for legesamarbeid" evaluates measure 1.2.1 for 2025 as "delvis", led to "Felles rutine i tre kommunar.", recommending "endre"
    And an editor downloads the annual report 2025 as PDF from the dashboard
    Then the report's file is "st-olavs-2022-2024-arsrapport-2025.pdf"
    And the report lists what "Fagråd for digital samhandling" reported from the sheet
    And the report lists what "Fagråd for pasientsamarbeid" reported from the web
    And the report lists the evaluation of measure 1.2.1 for 2025
    And the report names "Fagråd for legesamarbeid" as not reported by 20.03.2025
