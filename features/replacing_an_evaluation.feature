Feature: Two evaluators replace one year's evaluation of a measure
  An editor replaces a year's evaluation by ticking «Erstatt en evaluering av
  samme år». The form carries, hidden, each year's evaluation as it showed it,
  so a replacement never overwrites an evaluation someone else gave since the
  form was opened: it is refused (409), naming who evaluated what, with the
  form kept as typed; saving that form again replaces the evaluation knowingly.
  Measure 1.3.1 of the demo plan was evaluated for 2024 on the command line.

  Background:
    Given the demo plan on a database, with Eli and Kari as editors signed in to the web
    And the secretariat has run "planlogg measure evaluate st-olavs-2022-2024 1.3.1 --year 2024 --result delvis --led-to 'Tre kommunar har rutinen.' --recommend endre --body 'Fagråd for legesamarbeid' --date 01.10.2024" in its folder
    And Eli and Kari both opened the evaluation form of measure 1.3.1

  Scenario: The second replacement is refused naming the first, and saving again replaces it knowingly
    When Eli replaces the evaluation for 2024 with:
      | Resultat | Hva tiltaket førte til | Anbefaling | Organet som evaluerer | Dato       |
      | oppnådd  | Alle kommunar.         | videreføre | ASU                   | 01.11.2024 |
    Then Eli's form says "Evalueringen for 2024 er lagret."
    And the evaluations of measure 1.3.1 read:
      | År   | Resultat | Hva det førte til | Anbefaling | Organ | Dato       |
      | 2024 | oppnådd  | Alle kommunar.    | videreføre | ASU   | 01.11.2024 |
    When Kari replaces the evaluation for 2024 with:
      | Resultat     | Hva tiltaket førte til | Anbefaling | Organet som evaluerer    | Dato       |
      | ikke oppnådd | Ingen endring.         | avslutte   | Fagråd for legesamarbeid | 02.11.2024 |
    Then Kari's save is refused (409): "Tiltak 1.3.1 ble evaluert for 2024 av Eli (eli@helse.no) etter at du hentet evalueringene: oppnådd, «Alle kommunar.», videreføre (ASU, 01.11.2024). Ingenting er lagret. Se over evalueringen, og erstatt den på nytt om du fortsatt vil."
    And Kari's form still holds "ikke oppnådd", "Ingen endring.", "avslutte", "Fagråd for legesamarbeid" and "02.11.2024", replacing 2024
    And the evaluation of measure 1.3.1 for 2024 was given by "Eli (eli@helse.no)"
    When Kari saves the form she was given back
    Then Kari's form says "Evalueringen for 2024 er lagret."
    And the evaluations of measure 1.3.1 read:
      | År   | Resultat     | Hva det førte til | Anbefaling | Organ                    | Dato       |
      | 2024 | ikke oppnådd | Ingen endring.    | avslutte   | Fagråd for legesamarbeid | 02.11.2024 |
    And the evaluation of measure 1.3.1 for 2024 was given by "Kari Nordmann (kari@helse.no)"
