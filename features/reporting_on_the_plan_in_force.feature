Feature: Bodies report on the plan in force while the next version is drafted
  «SSU ber leiar for kvart FSU oppdatere gjeldande handlingsplan»: the version
  adopted stays in force until the next one is adopted, and that is the plan
  bodies report status on. The demo plan has version 1 in force and version 2
  drafted; here the draft removes measure 4.1.3 and adds 4.1.4, both for the
  digital samhandling fagråd, in the open round R1.

  Background:
    Given the demo plan on a database, version 1 in force and version 2 drafted
    And the secretariat has run "planlogg measure remove st-olavs-2022-2024 4.1.3" in its folder
    And the secretariat has run "planlogg measure add st-olavs-2022-2024 4.1.4 'Nytt tiltak i utkastet' -r 'Fagråd for digital samhandling'" in its folder

  Scenario: A measure the draft removed is still in force, and takes a status
    When the secretariat runs "planlogg status st-olavs-2022-2024 4.1.3 gul --comment 'Framleis i gang.' --body 'Fagråd for digital samhandling'" in its folder
    Then the command succeeds and prints:
      """
      ✓ Status for 4.1.3 er rapportert.
      """
    And measure 4.1.3 of version 1 is "gul" with "Framleis i gang." in round R1

  Scenario: A measure only the draft has takes no status before it is adopted
    When the secretariat runs "planlogg status st-olavs-2022-2024 4.1.4 grønn --body 'Fagråd for digital samhandling'" in its folder
    Then the command stops with exit code 4 and says:
      """
      Feil: Tiltak 4.1.4 er ikke med i vedtatt versjon 1, som det rapporteres på. Det kan få status og evalueres når en versjon med tiltaket er vedtatt.
      """
    And measure 4.1.4 of the draft has no status reported
