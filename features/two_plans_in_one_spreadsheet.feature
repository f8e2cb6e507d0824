Feature: Two plans kept in one spreadsheet
  A health community keeps the plan in force and the next one in one workbook.
  Each plan has a tab of its own and an overview of its own: the plan that had
  the workbook first keeps «Oversikt», the plan laid out beside it gets
  «Oversikt» followed by its key. An edit in one plan's tab changes that plan
  only, and however often both plans are synced, each overview names its own.

  Background:
    Given a plan "samhandling-2024" titled "Plan 2024" with measure "1.1.1" reading "Tiltak i 2024"
    And a plan "samhandling-2028" titled "Plan 2028" with measure "1.1.1" reading "Tiltak i 2028"
    And the secretariat has run "planlogg sync init --workbook handlingsplan.xlsx --plan samhandling-2024" in its folder
    And the secretariat has run "planlogg sync init --workbook handlingsplan.xlsx --plan samhandling-2028" in its folder

  Scenario: Each plan gets a tab and an overview of its own
    Then the workbook has the tabs "samhandling-2024", "Oversikt", "Vedtak", "samhandling-2028", "Oversikt samhandling-2028" and "Vedtak samhandling-2028"
    And the tab "samhandling-2024" shows "Tiltak i 2024" as the "Tiltak" of measure "1.1.1"
    And the tab "samhandling-2028" shows "Tiltak i 2028" as the "Tiltak" of measure "1.1.1"
    And the tab "Oversikt" names the plan "Plan 2024"
    And the tab "Oversikt samhandling-2028" names the plan "Plan 2028"

  Scenario: An edit in one plan's tab changes that plan only, and both sync again in peace
    Given Siri Sekretær, in Excel, types "Felles rutine for utskriving" as the "Tiltak" of measure "1.1.1" in the tab "samhandling-2028"
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan samhandling-2024" in its folder
    Then the command succeeds and prints, after the time of day:
      """
      Synkronisert «handlingsplan.xlsx»: 1 rader lest, 0 endringer tatt inn, 0 celler skrevet, 0 konflikter, 0 avvist, 0 API-forespørsler.
      """
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan samhandling-2028" in its folder
    Then the command succeeds, having read 1 row and taken in 1 change, with no conflict
    And measure "1.1.1" of "samhandling-2028" reads "Felles rutine for utskriving", changed in the sheet by "Siri Sekretær"
    And measure "1.1.1" of "samhandling-2024" still reads "Tiltak i 2024", unchanged since it was added
    And the tab "samhandling-2024" shows "Tiltak i 2024" as the "Tiltak" of measure "1.1.1"
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan samhandling-2024" in its folder
    Then the command succeeds and prints, after the time of day:
      """
      Synkronisert «handlingsplan.xlsx»: 1 rader lest, 0 endringer tatt inn, 0 celler skrevet, 0 konflikter, 0 avvist, 0 API-forespørsler.
      """
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan samhandling-2028" in its folder
    Then the command succeeds and prints, after the time of day:
      """
      Synkronisert «handlingsplan.xlsx»: 1 rader lest, 0 endringer tatt inn, 0 celler skrevet, 0 konflikter, 0 avvist, 0 API-forespørsler.
      """
    And the tab "Oversikt" names the plan "Plan 2024"
    And the tab "Oversikt samhandling-2028" names the plan "Plan 2028"
    And the workbook has the tabs "samhandling-2024", "Oversikt", "Vedtak", "samhandling-2028", "Oversikt samhandling-2028" and "Vedtak samhandling-2028"
