Feature: Staff sign in with their organisation's account
  Staff of the hospital trust and the municipalities sign in through their
  organisation's identity provider (Entra ID, Feide or ID-porten); what they
  may do is given in Planlogg, by an administrator, as events.

  Background:
    Given Planlogg signs in through the organisation's identity provider
    And the demo plan is loaded

  Scenario: An editor signs in and lands on the dashboard
    Given Kari is an editor in Planlogg
    When Kari signs in with the organisation's account
    Then Kari lands on the dashboard of the demo plan
    And the page offers to sign Kari out as editor

  Scenario: A newcomer signs in and is told whom to ask
    Given Ada is an administrator in Planlogg
    When Ola signs in with the organisation's account
    Then Ola is told there is no access yet and to ask Ada
    And Ola is now known to Planlogg without any role, added from the web

  Scenario: An administrator finds the newcomer among those without a role, and the newcomer is called to report
    Given Ada is an administrator in Planlogg
    When Ola signs in with the organisation's account
    And Ada signs in and searches the people for "OLA" among those without a role
    Then Ada's list shows only Ola Nordmann, as "1 av 2 personer"
    When Ada makes Ola a reporter for "Fagråd for digital samhandling", because "Ny i fagrådet"
    Then Ola's next page is the dashboard of the demo plan, opening with «Rapporter status»
