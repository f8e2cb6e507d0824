Feature: Two reporters fill in one body's status form at the same time
  A body's reporters report its measures in the open round from a form on the
  web. The form carries, hidden, each row as it showed it, so one reporter's save
  never overwrites what another reported meanwhile: a row the second reporter
  left as shown is not reported again, and a row both of them changed is refused,
  naming the first report, with the second reporter's own words kept in the form.
  In the demo's open round R1, the body's leader has reported measure 4.1.2 as
  red, «Ikkje starta.»; both reporters' forms show that.

  Background:
    Given the demo plan with a pending revision of measure 0.1.2
    And Randi and Rolf report for "Fagråd for digital samhandling", signed in to the web
    And Randi and Rolf both opened the status form of "Fagråd for digital samhandling"

  Scenario: The second reporter changed another measure, and both reports stand
    When Randi changes these rows of her form and saves:
      | measure | status | comment              |
      | 4.1.2   | gul    | Venter på kommunane. |
    And Rolf changes these rows of his form and saves:
      | measure | status | comment                  |
      | 4.2.1   | grønn  | Arbeidsgruppa er i gang. |
    Then Rolf's form says "1 tiltak fikk ny status. 3 tiltak mangler fortsatt status i runden: 4.1.3, 4.2.2, 4.3.1."
    And measure 4.2.1 is "grønn" with "Arbeidsgruppa er i gang." in round R1, reported by "Rolf (rolf@helse.no)"
    And measure 4.1.2 is "gul" with "Venter på kommunane." in round R1, reported by "Randi (randi@helse.no)"

  Scenario: Both changed the same measure, and the second save is refused with his words kept
    When Randi changes these rows of her form and saves:
      | measure | status | comment              |
      | 4.1.2   | gul    | Venter på kommunane. |
    And Rolf changes these rows of his form and saves:
      | measure | status | comment                     |
      | 4.1.2   | rød    | Stoppa i påvente av avtale. |
      | 4.2.1   | grønn  | Arbeidsgruppa er i gang.    |
    Then Rolf's save is refused (409): "Ingenting er lagret: noen rapporterte på de samme tiltakene mens du fylte ut skjemaet. Se over og lagre på nytt."
    And Rolf's form names measure 4.1.2, in its summary and at the row: "Tiltak 4.1.2 ble rapportert av Randi (randi@helse.no) mens du fylte ut skjemaet: gul, «Venter på kommunane.». Det du skrev, står under: lagre på nytt for å erstatte den statusrapporten."
    And Rolf's form still shows measure 4.1.2 as "rød" with "Stoppa i påvente av avtale."
    And Rolf's form still shows measure 4.2.1 as "grønn" with "Arbeidsgruppa er i gang."
    And measure 4.1.2 is "gul" with "Venter på kommunane." in round R1, reported by "Randi (randi@helse.no)"
    And measure 4.2.1 has no status reported
    When Rolf saves the form he was given back
    Then Rolf's form says "2 tiltak fikk ny status. 3 tiltak mangler fortsatt status i runden: 4.1.3, 4.2.2, 4.3.1."
    And measure 4.1.2 is "rød" with "Stoppa i påvente av avtale." in round R1, reported by "Rolf (rolf@helse.no)"
