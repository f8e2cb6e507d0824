Feature: A response that comes in after the hearing's deadline is kept and marked late
  Bodies do answer late. The secretariat registers a late response like any
  other; it is kept, and wherever the hearing is shown it is marked «etter
  fristen», derived from its date and the deadline. The deadline's own day is
  in time, and a response cannot be dated after today, nor before the day the
  draft was sent on hearing (the secretariat says which, `--date`, when it
  records the hearing later than it mailed the draft).

  Background:
    Given the secretariat has run "planlogg demo" in its folder
    And the secretariat has run "planlogg hearing send st-olavs-2022-2024 --deadline 01.03.2025 --date 03.02.2025 --to 'Trondheim kommune' --to 'Brukarrådet'" in its folder

  Scenario: One response on the deadline's day, one two days after
    Given the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Trondheim kommune' --text 'Nemn fastlegane.' --date 01.03.2025" in its folder
    And the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Brukarrådet' --text 'Ingen merknader.' --date 03.03.2025" in its folder
    When the secretariat runs "planlogg hearing show st-olavs-2022-2024" in its folder
    Then the command succeeds, and its printout holds:
      """
      Spurt: Trondheim kommune, Brukarrådet
      Uttalelser: 2, uten svar: 2

      F1 Trondheim kommune, 01.03.2025: Nemn fastlegane.
        Ikke svart på ennå.

      F2 Brukarrådet, 03.03.2025 (etter fristen): Ingen merknader.
        Ikke svart på ennå.
      """

  Scenario: A response dated after today is refused and nothing is kept
    When the secretariat runs "planlogg hearing respond st-olavs-2022-2024 --from 'Brukarrådet' --text 'Ingen merknader.' --date 01.01.2100" in its folder
    Then the command stops with exit code 3 and says something that begins:
      """
      Feil: En uttalelse kan ikke ha kommet inn 01.01.2100, som er etter dagens dato
      """
    And the secretariat's hearing of "st-olavs-2022-2024" holds no response

  Scenario: A response dated before the draft was sent is refused and nothing is kept
    When the secretariat runs "planlogg hearing respond st-olavs-2022-2024 --from 'Brukarrådet' --text 'Ingen merknader.' --date 31.01.2025" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: En uttalelse kan ikke ha kommet inn 31.01.2025: planen ble sendt på høring 03.02.2025.
      """
    And the secretariat's hearing of "st-olavs-2022-2024" holds no response
