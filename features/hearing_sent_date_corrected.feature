Feature: The day a draft was sent on hearing is corrected, saying why
  The secretariat recorded the hearing with the wrong day, or an earlier
  Planlogg recorded it without one. It corrects the day, names the day it
  read and says why; the history keeps both days. A day someone else has
  corrected since is not replaced unseen, and the day still follows the
  rules a hearing is sent with: not after its deadline, and no response
  came in before it.

  Background:
    Given the secretariat has run "planlogg demo" in its folder
    And the secretariat has run "planlogg hearing send st-olavs-2022-2024 --deadline 01.03.2025 --date 03.02.2025 --to 'Trondheim kommune'" in its folder

  Scenario: A mistyped day is corrected and both days stay in the history
    When the secretariat runs "planlogg hearing redate st-olavs-2022-2024 --date 30.01.2025 --replacing 03.02.2025 --reason 'Feil dato i saksframlegget'" in its folder
    Then the command succeeds and says, however wide the terminal:
      """
      ✓ Dagen høringen av versjon 2 av st-olavs-2022-2024 ble sendt, er rettet fra 03.02.2025 til 30.01.2025.
      """
    And the hearing of "st-olavs-2022-2024" says it was sent 30.01.2025
    And the history of "st-olavs-2022-2024" shows the day sent went from "2025-02-03" to "2025-01-30" because "Feil dato i saksframlegget"

  Scenario: A correction over one made since is refused and nothing is kept
    Given the secretariat has run "planlogg hearing redate st-olavs-2022-2024 --date 30.01.2025 --replacing 03.02.2025 --reason 'Feil dato'" in its folder
    When the secretariat runs "planlogg hearing redate st-olavs-2022-2024 --date 31.01.2025 --replacing 03.02.2025 --reason 'Feil dato'" in its folder
    Then the command stops with exit code 6 and says:
      """
      Feil: Høringen av versjon 2 er registrert sendt 30.01.2025 nå, ikke 03.02.2025 som da du hentet den. Ingenting er lagret. Se over datoen, og rett den på nytt om du fortsatt vil.
      """
    And the hearing of "st-olavs-2022-2024" says it was sent 30.01.2025

  Scenario: A day after a response came in is refused and nothing is kept
    Given the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Trondheim kommune' --text 'Ok.' --date 10.02.2025" in its folder
    When the secretariat runs "planlogg hearing redate st-olavs-2022-2024 --date 12.02.2025 --replacing 03.02.2025 --reason 'Feil dato'" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: Planen kan ikke være sendt på høring 12.02.2025: uttalelsen F1 fra Trondheim kommune kom inn 10.02.2025.
      """
    And the hearing of "st-olavs-2022-2024" says it was sent 03.02.2025
