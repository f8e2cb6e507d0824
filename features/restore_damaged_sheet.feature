Feature: Restoring a damaged sheet tab keeps what it can and names what it cannot
  When the plan's tab in the workbook is damaged past syncing, the secretariat
  lays the plan out again on a new tab. Whatever was typed in the damaged tab and
  not yet synced is kept as a conflict; a text longer than any field may hold is
  not stored but named in the restore's report, and a character no store holds
  is kept written out as its code. The damaged tab is left as it was.

  In what Siri pastes, \u0096 stands for one character: the control character
  an old case system puts where the text had a dash. In what Planlogg keeps and
  shows, \u0096 is that character written out: a backslash, a u and its code.

  Background:
    Given a plan "hf-2025" with measures "1.1.1" to "1.1.6" reading "Tiltak 1.1.1" and so on
    And the secretariat has run "planlogg sync init --workbook handlingsplan.xlsx --plan hf-2025" in its folder

  Scenario: Siri damages the tab with unsynced edits in it, and the secretariat restores it
    Given Siri Sekretær, in Excel, pastes a text of 10001 characters as the "Tiltak" of measure "1.1.1"
    And Siri Sekretær, in Excel, pastes "Felles rutine \u0096 utskriving" as the "Tiltak" of measure "1.1.2"
    And Siri Sekretær, in Excel, types "ASU" as the "Ansvar" of measure "1.1.3"
    And Siri Sekretær, in Excel, deletes the rows of measures "1.1.4" to "1.1.6"
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan hf-2025" in its folder
    Then the command stops with exit code 4 and says:
      """
      Feil: 3 av 6 rader er borte fra planfanen på en gang (er fanen tømt, eller er et filter eller en innliming over radene?). Synkroniseringen har ikke endret noe. Hent radene tilbake (angre eller se versjonshistorikken), eller kjør «planlogg sync --allow-removals» om de virkelig skal fjernes.
      """
    When the secretariat runs "planlogg sync restore --workbook handlingsplan.xlsx --plan hf-2025 --tab 'Ny fane'" in its folder
    Then the command succeeds and prints:
      """
      Planen er lagt ut på nytt i fanen «Ny fane» i «handlingsplan.xlsx» (36 celler skrevet). 2 endringer fra den skadde fanen som ikke var synkronisert, er tatt vare på som konflikter. 1 endring kunne ikke tas vare på, og står igjen i den skadde fanen: Rad 2: Tiltak har for mange tegn: 10001, men høyst 10000 er lov.
      """
    And measure "1.1.1" still reads "Tiltak 1.1.1", with no conflict
    And the damaged tab "hf-2025" still holds the 10001 characters as the "Tiltak" in row 2
    And measure "1.1.2" still reads "Tiltak 1.1.2", with a conflict on "Tiltak" keeping "Felles rutine \u0096 utskriving" from "Regnearket «handlingsplan.xlsx»"
    And measure "1.1.3" has no responsible body, with a conflict on "Ansvar" keeping "ASU" from "Regnearket «handlingsplan.xlsx»"
    And the new tab "Ny fane" lists the measures "1.1.1", "1.1.2", "1.1.3", "1.1.4", "1.1.5" and "1.1.6"
    And the new tab "Ny fane" says in the "Melding" of measure "1.1.2":
      """
      Tiltak: Konflikt K1: «Felles rutine \u0096 utskriving» fra regnearket ble ikke tatt inn, fordi cellen samtidig ble endret i Planlogg til «Tiltak 1.1.2». Teksten din er tatt vare på i endringsloggen. Merk konflikten som løst i Planlogg når dere har avgjort.
      """
    When the secretariat runs "planlogg sync --once --workbook handlingsplan.xlsx --plan hf-2025" in its folder
    Then the command succeeds and prints, after the time of day:
      """
      Synkronisert «handlingsplan.xlsx»: 6 rader lest, 0 endringer tatt inn, 0 celler skrevet, 0 konflikter, 0 avvist, 0 API-forespørsler.
      """

  Scenario: A restore while another sync of the workbook runs keeps nothing, and says to run it again
    Given Siri Sekretær, in Excel, types "ASU" as the "Ansvar" of measure "1.1.3"
    And another sync of "handlingsplan.xlsx" is running
    When the secretariat runs "planlogg sync restore --workbook handlingsplan.xlsx --plan hf-2025 --tab 'Ny fane'" in its folder
    Then the command stops with exit code 6 and says:
      """
      Feil: Planen ble ikke lagt ut på nytt, og ingenting er tatt vare på: En annen synkronisering av «handlingsplan.xlsx» kjører allerede. Kjør «planlogg sync restore» på nytt.
      """
    And measure "1.1.3" still reads "Tiltak 1.1.3", with no conflict
    And the workbook has no tab "Ny fane"
