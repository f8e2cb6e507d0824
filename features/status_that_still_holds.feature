Feature: Reporting a status that still holds, from the sheet
  A light that has not changed since the last round is a report too. Typing the
  same light again changes no cell, so the body types the day of the status in
  Statusdato instead, and the measure counts for the open round. A Statusdato
  cleared or set back on its own would report what nobody reported, and is
  refused on the row.

  Background:
    Given a plan "hf-2025" whose measure "1.1.1" is the responsibility of "PSU"
    And "PSU" reported "gul" with "Forseinka" for measure "1.1.1" on 02.09.2024
    And a reporting round is open for "PSU" with deadline 18.12.2025
    And the plan is laid out in a shared Google spreadsheet on 01.12.2025

  Scenario: A new day alone reports the standing light for the round
    Then the sheet shows measure "1.1.1" as "gul", "Forseinka", "02.09.2024"
    And "PSU" has not reported in the round
    When "Pia Psu" types "01.12.2025" as the Statusdato of measure "1.1.1"
    And the sync runs on 01.12.2025
    Then measure "1.1.1" has the status "gul", "Forseinka", reported 01.12.2025 in round "R1"
    And "PSU" has reported in the round
    And the row of measure "1.1.1" explains nothing

  Scenario: A Statusdato cleared alone is refused on the row, and nothing is reported
    When "Pia Psu" clears the Statusdato of measure "1.1.1"
    And the sync runs on 01.12.2025
    Then the row of measure "1.1.1" explains "Statusdato: Statusdato kan ikke være tom. Skriv datoen statusen gjelder, som 11.09.2025."
    And measure "1.1.1" has the status "gul", "Forseinka", reported 02.09.2024 in no round
    And "PSU" has not reported in the round

  Scenario: A day after today is refused on the row, and what was typed stays
    When "Pia Psu" types "02.12.2025" as the Statusdato of measure "1.1.1"
    And the sync runs on 01.12.2025
    Then the row of measure "1.1.1" explains "Statusdato: En status kan ikke være rapportert 02.12.2025, som er etter dagens dato (01.12.2025)."
    And the sheet shows measure "1.1.1" as "gul", "Forseinka", "02.12.2025"
    And "PSU" has not reported in the round
