Feature: Register of bodies
  A secretariat registers the bodies of its health community once. Spellings
  people typed in the plan become aliases of one body, so the dashboard counts
  each body once and "who has not reported" misses no one.

  Scenario: Merging spelling variants makes the dashboard count one body
    Given a plan whose measures name "Fagråd for pasientsamarbeid" as "Fagråd for pasientsamarbeid", "Fagråd pasient-samarbeid" and "fagråd  for PASIENTSAMARBEID"
    And the community has registered "Fagråd for pasientsamarbeid"
    And a reporting round asks "Fagråd for pasientsamarbeid" to report
    When the reporter reports green on the measure that names it "Fagråd for pasientsamarbeid"
    Then the dashboard shows "Fagråd for pasientsamarbeid" with 2 measures and "Fagråd pasient-samarbeid" with 1
    And the round counts "Fagråd for pasientsamarbeid" as having reported
    When the secretariat merges "Fagråd pasient-samarbeid" into "Fagråd for pasientsamarbeid"
    Then the dashboard shows "Fagråd for pasientsamarbeid" with 3 measures and no other body
    And the round counts "Fagråd for pasientsamarbeid" as not having reported
    And the audit trail records the merge as "BodiesMerged"

  Scenario: A decision is registered once, whichever name of its body it is given with
    Given the community has registered "Administrativt samarbeidsutval" with the short name "ASU"
    When the secretariat registers "sak 27/22" of "Administrativt samarbeidsutval"
    Then the decision stands in the register as "ASU sak 27/22"
    And registering "ASU sak 27/22" again is refused with "ASU sak 27/22 er allerede registrert."
    And registering "asu sak 27/22" again is refused with "ASU sak 27/22 er allerede registrert."
