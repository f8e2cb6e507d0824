Feature: Links follow a renumbered measure
  A measure names others it is to be seen together with ("Se også") by their
  numbers, as the plan writes them. When a measure gets a new number, in the
  sheet or anywhere else, every link that named its old number names the new
  one, in Planlogg and in the sheet, recorded as a change of the linking
  measure by whoever renumbered; rows trading numbers keep pointing at each other.

  Background:
    Given a plan "hf-2025" with these measures, laid out in a shared Google spreadsheet:
      | Nr    | Tiltak                 |
      | 1.1.1 | Etablere arbeidsgruppe |
      | 1.1.2 | Felles rutine          |
      | 1.1.3 | Opplæring              |

  Scenario: A linked measure gets a new number in the sheet, and the linking row follows
    Given "Eli (eli@helse.no)" linked measure "1.1.3" to "1.1.1" in the browser, and the sync ran
    When "Siri Sekretær" types "1.1.7" as the number of measure "1.1.1"
    And the sync runs
    Then the sheet reads:
      | Nr    | Tiltak                 | Se også | Endret av                       | Melding |
      | 1.1.7 | Etablere arbeidsgruppe |         | Siri Sekretær <siri@example.no> |         |
      | 1.1.2 | Felles rutine          |         | Sekretariatet                   |         |
      | 1.1.3 | Opplæring              | 1.1.7   | Siri Sekretær <siri@example.no> |         |
    And in Planlogg measure "1.1.3" is seen together with "1.1.7"
    And the history of measure "1.1.3"'s "Se også" reads:
      | Person                          | Kilde | Før   | Etter | Begrunnelse                            |
      | Eli (eli@helse.no)              | web   |       | 1.1.1 | Hører sammen                           |
      | Siri Sekretær <siri@example.no> | sheet | 1.1.1 | 1.1.7 | Endret i regnearket «hf-2025 (Google)» |
    And the next sync changes nothing

  Scenario: Two measures linked to each other trade numbers in the sheet, and still point at each other
    Given "Eli (eli@helse.no)" linked measure "1.1.1" to "1.1.2" in the browser, and the sync ran
    And "Eli (eli@helse.no)" linked measure "1.1.2" to "1.1.1" in the browser, and the sync ran
    When "Siri Sekretær" swaps the numbers of measures "1.1.1" and "1.1.2"
    And the sync runs
    Then the sheet reads:
      | Nr    | Tiltak                 | Se også | Endret av                       | Melding |
      | 1.1.2 | Etablere arbeidsgruppe | 1.1.1   | Siri Sekretær <siri@example.no> |         |
      | 1.1.1 | Felles rutine          | 1.1.2   | Siri Sekretær <siri@example.no> |         |
      | 1.1.3 | Opplæring              |         | Sekretariatet                   |         |
    And in Planlogg measure "1.1.2" is seen together with "1.1.1"
    And in Planlogg measure "1.1.1" is seen together with "1.1.2"
    And the next sync changes nothing
