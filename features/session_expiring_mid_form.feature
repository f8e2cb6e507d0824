Feature: A session that runs out while a form is open
  A page session ends a fixed time after sign-in (PLANLOGG_SESSION_HOURS). A form
  sent after that is not saved: the page says why in plain words and gives back
  what was typed, to copy, and signing in again from it leads back to the form,
  where the text pasted in is saved once. (Runs on SQLite and PostgreSQL, signing in
  through the organisation's identity provider on loopback; the server's clock is
  moved by hand.)

  Background:
    Given Planlogg on the demo plan, where a sign-in lasts 2 hours, signs in through the organisation's identity provider
    And Eli Editor is an editor in Planlogg

  Scenario: Eli's session runs out while she rewords a measure; she signs in again and saves it once
    Given Eli has signed in and opened measure 0.1.2 in the form
    When 2 hours and 1 second go by
    And Eli saves the text "Årshjul for 2025, vedtatt i ASU." with the reason "Etter møtet 13. mars"
    Then the form is not saved, and the page says "Du ble logget ut fordi en innlogging varer i 2 timer. Ingenting er lagret."
    And the page gives back what Eli typed:
      | Tiltak      | Årshjul for 2025, vedtatt i ASU. |
      | Begrunnelse | Etter møtet 13. mars             |
    And nothing was recorded, and measure 0.1.2 still reads "Utarbeide årshjul for 2025 med faste rapporteringspunkt."
    When Eli follows "Logg inn på nytt"
    Then the login page says "Økten din er utløpt. Logg inn på nytt."
    When Eli follows "Logg inn med Testinnlogging" and signs in at the identity provider
    Then she is back at the form of measure 0.1.2, which shows "Utarbeide årshjul for 2025 med faste rapporteringspunkt."
    When Eli saves the text "Årshjul for 2025, vedtatt i ASU." with the reason "Etter møtet 13. mars"
    Then the form is saved as one change, and measure 0.1.2 reads "Årshjul for 2025, vedtatt i ASU."
    And the change log of measure 0.1.2 holds this one change from the web:
      | actor                     | field | before                                                   | after                            | reason               |
      | Eli Editor (eli@helse.no) | text  | Utarbeide årshjul for 2025 med faste rapporteringspunkt. | Årshjul for 2025, vedtatt i ASU. | Etter møtet 13. mars |
