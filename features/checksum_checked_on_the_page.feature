Feature: An auditor checks a report's checksum on the page
  A report ends with the position of the newest event in Planlogg's change log and the
  chain's checksum up to it. Rita, the auditor, types the two into the check page
  («Kontroll»), with no terminal: she is told the checksum matches, and how many events
  are newer than it, checked against the chain alone. A checksum with one character
  changed does not match, and the page says where the chain stops agreeing with it. A
  checksum cut short is no checksum: it is refused at its field, never reported as a
  broken chain, and nothing is checked. (Runs on SQLite and PostgreSQL.)

  Background:
    Given the demo plan, and Rita an auditor signed in to the web
    And a report printed the change log's checksum up to event 135
    And the secretariat has since reworded measure "0.1.2"

  Scenario: The report's checksum matches the chain
    When Rita types the report's position and checksum into the check page
    Then the check page says:
      | Kjeden er hel: 136 hendelser er kontrollert, og ingen er endret, flyttet eller slettet.                |
      | Kjeden går nå til og med hendelse 136, [tid] (norsk tid).                              |
      | Kontrollsummen stemmer: ingen hendelse til og med nr. 135 er endret etter at kontrollsummen ble laget. |
      | 1 hendelse er nyere enn kontrollsummen og er bare kontrollert mot kjeden selv.                         |

  Scenario: A checksum with one character changed does not match
    When Rita types the report's position and its checksum with the last character changed into the check page
    Then the check page says:
      | Kjeden er brutt ved hendelse 135: kjeden stemmer ikke med den publiserte kontrollsummen (kjeden kan være skrevet om). |
      | Sjekk først at posisjonen og kontrollsummen er skrevet av riktig: ett tegn feil gir også dette svaret. Stemmer de med rapporten, er kjeden endret etter at rapporten ble laget. |
      | Kjeden går nå til og med hendelse 136, [tid] (norsk tid).                                            |

  Scenario: A checksum cut short is refused at its field
    When Rita types the report's position and the checksum's first 12 characters into the check page
    Then what she typed is refused at "Kontrollsum" with "er ikke en kontrollsum: en kontrollsum er 64 tegn (0–9 og a–f). Kopier hele kontrollsummen fra rapporten eller kontrollsumfilen."
    And the check page shows no verdict of the chain beside the refusal
