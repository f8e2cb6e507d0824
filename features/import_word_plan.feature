Feature: Import a plan kept as a Word table
  A secretariat whose plan is a table in a Word document imports it as Word
  shows it: text added with track changes on is part of the plan and text
  deleted is not, and a cell merged down over several rows counts for each of
  them. A file that would fill the server's memory is refused before it is
  unpacked, and then nothing is imported.

  Scenario: Kari's plan, with a tracked change and merged cells, is imported as Word shows it
    Given the Word file "handlingsplan.docx" in the secretariat's folder, with the title "Handlingsplan 2024-2025", the area "1. Samhandling" and this table:
      | Nr  | Mål               | Nr    | Tiltak                       | Ansvar                   | 2024 | 2025   |
      | 1.1 | Betre samhandling | 1.1.1 | Felles rutine for utskriving | Fagråd for legesamarbeid | x    |        |
      |     |                   | 1.1.2 | Felles opplæring             |                          |      | X høst |
      | 1.2 | Felles kompetanse | 1.2.1 | Fagdag for tilsette          |                          |      |        |
    And in Word, the number and text of goal 1.1 are merged down over its 2 rows
    And in Word, the "Ansvar" and "2024" cells of measure 1.1.1 are merged down over 3 rows
    And Kari, with track changes on, has replaced " i 2023" by " og innlegging" at the end of the "Tiltak" of measure 1.1.1
    When the secretariat runs "planlogg import handlingsplan.docx --key hf-2024 --owner hf" in its folder
    Then the printout ends with the line "✓ Importerte hf-2024: 1 innsatsområde, 2 mål, 3 tiltak."
    And the plan "hf-2024" holds these measures:
      | Nr    | Mål | Tiltak                                     | Ansvar                   | 2024 | 2025   |
      | 1.1.1 | 1.1 | Felles rutine for utskriving og innlegging | Fagråd for legesamarbeid | x    |        |
      | 1.1.2 | 1.1 | Felles opplæring                           | Fagråd for legesamarbeid | x    | X høst |
      | 1.2.1 | 1.2 | Fagdag for tilsette                        | Fagråd for legesamarbeid | x    |        |

  Scenario: A Word file that unpacks to more than Planlogg opens is refused, and nothing is imported
    Given a small Word file "bombe.docx" in the secretariat's folder, that unpacks to 101 MB in all
    When the secretariat runs "planlogg import bombe.docx --key hf-2024 --owner hf" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: "bombe.docx" pakker seg ut til 101 MB; Planlogg åpner Word-filer på opptil 100 MB utpakket (en handlingsplan er noen få MB). Filen kan være skadd eller laget for å fylle minnet. Lagre planen som en ny Word-fil uten bilder og vedlegg, eller kopier den over i et nytt dokument.
      """
    And there is no plan "hf-2024"
