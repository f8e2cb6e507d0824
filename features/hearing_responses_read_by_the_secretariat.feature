Feature: The secretariat reads the hearing responses
  The secretariat sent the working version on hearing and recorded each response as it
  came, one after the deadline. Eli, an editor, follows the link from the working version
  to the hearing's page, reads each response and its answer, the late one marked, and is
  led back to the working version. The hearing's page is the secretariat's and the
  auditors': a reporter is refused it, and is offered no link to it.
  (Runs on SQLite and PostgreSQL.)

  Background:
    Given the demo plan's version 2 is on hearing to "Trondheim kommune" and "PKO", sent 03.02.2025 with the deadline 01.03.2025
    And "Trondheim kommune" responded "Nemn fastlegane." on 20.02.2025
    And "PKO" responded "Ingen merknader." on 04.03.2025
    And the secretariat answered "F1" with "Teke til følgje i 0.1.2." on 05.03.2025
    And Eli in the secretariat is an editor, and Ola a reporter, signed in to the web

  Scenario: Eli follows the link from the working version, reads the responses, and is led back
    When Eli opens the working version and follows "Høring av versjon 2"
    Then Eli reads "Sendt på høring 03.02.2025 av Sekretariatet, frist 01.03.2025. 2 uttalelser, 1 uten svar."
    And Eli reads these responses:
      | Nr | Fra               | Mottatt                   | Uttalelse        | Registrert av | Svar                                                       |
      | F1 | Trondheim kommune | 20.02.2025                | Nemn fastlegane. | Sekretariatet | Svar (05.03.2025, Sekretariatet): Teke til følgje i 0.1.2. |
      | F2 | PKO               | 04.03.2025, etter fristen | Ingen merknader. | Sekretariatet | Ikke besvart.                                              |
    When Eli follows "Tilbake til arbeidsversjonen"
    Then Eli is on the working version: "Arbeidsversjon 2 (på høring; vedtatt versjon 1 gjelder). Planperiode 2022–2025. Eier: Helsefellesskapet St. Olavs hospital og kommunene."

  Scenario: A reporter is refused the hearing's page, and offered no link to it
    When Ola opens the hearing's page of version 2
    Then Ola is refused with "Rollen rapportør har ikke tilgang til dette."
    And Ola's working version offers no link to a hearing
