Feature: The secretariat extends a hearing's deadline and withdraws a response registered by mistake
  Bodies often ask for more time: the secretariat extends the deadline for
  everyone asked, while the hearing is open, to a day after the deadline in
  force. A response is «etter fristen» against the deadline in force, so one
  late for the deadline sent is in time once it is extended; the deadline
  sent stays in the record. A response registered by mistake (twice, from
  the wrong body, for the wrong plan) is withdrawn with a reason: it stays in
  the hearing, marked so, is no longer counted or answered, and its number
  is never given again. TODAY in a printout stands for today's date.

  Background:
    Given the secretariat has run "planlogg demo" in its folder
    And the secretariat has run "planlogg hearing send st-olavs-2022-2024 --deadline 01.03.2025 --date 03.02.2025 --to 'Trondheim kommune' --to 'Brukarrådet'" in its folder

  Scenario: The deadline is extended, and a response late for the first one is in time
    Given the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Brukarrådet' --text 'Ingen merknader.' --date 03.03.2025" in its folder
    When the secretariat runs "planlogg hearing extend st-olavs-2022-2024 --deadline 15.03.2025 --replacing 01.03.2025" in its folder
    Then the command succeeds and prints:
      """
      ✓ Høringsfristen for st-olavs-2022-2024 er forlenget fra 01.03.2025 til 15.03.2025.
      """
    When the secretariat runs "planlogg hearing show st-olavs-2022-2024" in its folder
    Then the command succeeds, and its printout holds:
      """
      Høring av versjon 2 av st-olavs-2022-2024, frist 15.03.2025 (forlenget fra 01.03.2025), sendt 03.02.2025 av Sekretariatet
      Spurt: Trondheim kommune, Brukarrådet
      Uttalelser: 1, uten svar: 1

      F1 Brukarrådet, 03.03.2025: Ingen merknader.
        Ikke svart på ennå.
      """

  Scenario: A deadline not after the one in force is refused and nothing is kept
    Given the secretariat has run "planlogg hearing extend st-olavs-2022-2024 --deadline 15.03.2025" in its folder
    When the secretariat runs "planlogg hearing extend st-olavs-2022-2024 --deadline 10.03.2025" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: Den nye høringsfristen må være etter fristen som gjelder nå (15.03.2025), men er 10.03.2025.
      """
    When the secretariat runs "planlogg hearing extend st-olavs-2022-2024 --deadline 20.03.2025 --replacing 01.03.2025" in its folder
    Then the command stops with exit code 6 and says:
      """
      Feil: Høringsfristen er 15.03.2025 nå, ikke 01.03.2025 som da du hentet den. Ingenting er lagret. Se over fristen, og forleng den på nytt om du fortsatt vil.
      """
    And the secretariat's hearing of "st-olavs-2022-2024" has the deadline 15.03.2025, sent with 01.03.2025

  Scenario: A response registered twice is withdrawn; it stays, marked, and counts no more
    Given the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Trondheim kommune' --text 'Nemn fastlegane.' --date 20.02.2025" in its folder
    And the secretariat has run "planlogg hearing respond st-olavs-2022-2024 --from 'Trondheim kommune' --text 'Nemn fastlegane.' --date 20.02.2025" in its folder
    When the secretariat runs "planlogg hearing withdraw st-olavs-2022-2024 F2 --reason 'Registrert to gonger (sjå F1).'" in its folder
    Then the command succeeds and prints:
      """
      ✓ Uttalelse F2 fra Trondheim kommune er trukket tilbake.
      """
    When the secretariat runs "planlogg hearing respond st-olavs-2022-2024 --from 'Brukarrådet' --text 'Ingen merknader.' --date 25.02.2025" in its folder
    Then the command succeeds and prints:
      """
      ✓ Registrerte uttalelse F3 fra Brukarrådet.
      """
    When the secretariat runs "planlogg hearing show st-olavs-2022-2024" in its folder
    Then the command succeeds, and its printout holds:
      """
      Uttalelser: 2, uten svar: 2, trukket tilbake: 1

      F1 Trondheim kommune, 20.02.2025: Nemn fastlegane.
        Ikke svart på ennå.

      F2 Trondheim kommune, 20.02.2025 (trukket tilbake): Nemn fastlegane.
        Trukket tilbake TODAY av Sekretariatet: Registrert to gonger (sjå F1).

      F3 Brukarrådet, 25.02.2025: Ingen merknader.
        Ikke svart på ennå.
      """
    When the secretariat runs "planlogg hearing answer st-olavs-2022-2024 F2 --text 'Takk.'" in its folder
    Then the command stops with exit code 4 and says:
      """
      Feil: Uttalelsen F2 fra Trondheim kommune er trukket tilbake (TODAY av Sekretariatet: Registrert to gonger (sjå F1).) og kan ikke besvares.
      """
