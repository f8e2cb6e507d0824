Feature: Upgrading Planlogg while people read the plans
  A new Planlogg whose read models have a new shape builds them beside the ones
  serving, from the events, while the old processes keep answering; a load
  balancer sends people to it when its health check turns ready.

  Scenario: The new read models are built while the old ones serve
    Given the demo plan served by this version of the read models
    When a new version of Planlogg starts on the same database
    Then the new version answers "Oppdatering pågår" and its health check says "building"
    When a status of measure "1.2.1" is reported as "raud" meanwhile
    Then the old version shows the new status on the public plan
    When the new version has read every event
    Then its health check says "ok" and it shows the public plan as the old version does
    And both versions find the audit chain intact
