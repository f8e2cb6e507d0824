Feature: Roles limited to one health community
  Several health communities share one Planlogg. The secretariat limits a
  person's roles to their own community with `planlogg person grant …
  --community`: such a person edits, reads drafts and reads the audit trail of
  that community's plans only, and is refused (403) elsewhere with a page that
  names the community; adopted plans stay public to everyone. Planlogg always
  keeps one administrator for every community.
  Here St. Olavs has its demo plan (version 1 adopted) and Vestre Viken a draft
  plan of its own, imported from the same table.

  Background:
    Given the demo plan of "st-olavs" and a draft plan "vestre-viken-2024" of "vestre-viken" on a database
    And Vera, Rita, Ada and Siv have each signed in to Planlogg once

  Scenario: An editor limited to St. Olavs edits its plan and is refused on Vestre Viken's
    When the secretariat runs "planlogg person grant vera@helse.no redaktør --community st-olavs" in its folder
    Then the command succeeds and prints:
      """
      Vera fikk redaktør.
      Vera har nå tilgang bare til st-olavs.
      """
    When Vera saves the text "Årshjul for 2025, vedtatt i ASU." for measure 0.1.2 of "st-olavs-2022-2024" in the browser
    Then the working version of "st-olavs-2022-2024" shows measure 0.1.2 as "Årshjul for 2025, vedtatt i ASU."
    When Vera opens the form of measure 0.1.2 of "vestre-viken-2024"
    Then Vera is refused (403): "Du har ikke tilgang til helsefellesskapet vestre-viken (bare til st-olavs). Be en administrator om tilgang om du trenger det."
    When Vera sends the text "Årshjul for Vestre Viken." to the form of measure 0.1.2 of "vestre-viken-2024"
    Then Vera is refused (403): "Du har ikke tilgang til helsefellesskapet vestre-viken (bare til st-olavs). Be en administrator om tilgang om du trenger det."
    And measure 0.1.2 of "vestre-viken-2024" still reads "Utarbeide årshjul."

  Scenario: An auditor limited to Vestre Viken reads its history, and St. Olavs' adopted plan stays public to her
    Given the secretariat has run "planlogg person grant rita@helse.no revisor --community vestre-viken" in its folder
    And the secretariat has run "planlogg --reason 'Etter AU-møtet' measure reword vestre-viken-2024 0.1.2 'Årshjul for Vestre Viken.'" in its folder
    When Rita opens "/revisjon/?plan=vestre-viken-2024&measure=0.1.2&field=tekst"
    Then Rita reads these changes:
      | Person        | Kilde         | Del av planen | Felt  | Før                | Etter                     | Begrunnelse              | Vedtak |
      | Sekretariatet | kommandolinje | tiltak 0.1.2  | tekst |                    | Utarbeide årshjul.        | Ny plan for Vestre Viken |        |
      | Sekretariatet | kommandolinje | tiltak 0.1.2  | tekst | Utarbeide årshjul. | Årshjul for Vestre Viken. | Etter AU-møtet           |        |
    When Rita opens "/revisjon/?plan=st-olavs-2022-2024"
    Then Rita is refused (403): "Du har ikke tilgang til helsefellesskapet st-olavs (bare til vestre-viken). Be en administrator om tilgang om du trenger det."
    When Rita opens "/revisjon/"
    Then Rita is taken to "/revisjon/?plan=vestre-viken-2024", the one plan she reaches
    When Rita opens "/planer/st-olavs-2022-2024/arbeidsversjon"
    Then Rita is refused (403): "Du har ikke tilgang til helsefellesskapet st-olavs (bare til vestre-viken). Be en administrator om tilgang om du trenger det."
    When Rita opens "/planer/st-olavs-2022-2024"
    Then Rita reads the adopted plan "Handlingsplan 2022-2024 Helsefelleskapet St. Olavs hospital og kommunene": "Vedtatt versjon 1, gjeldende. Planperiode 2022–2025. Eier: Helsefellesskapet St. Olavs hospital og kommunene."

  Scenario: The last administrator for every community cannot be revoked
    Given the secretariat has run "planlogg person grant ada@helse.no administrator" in its folder
    And the secretariat has run "planlogg person grant siv@helse.no administrator --community st-olavs" in its folder
    When the secretariat runs "planlogg person revoke ada@helse.no administrator" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: Planlogg må ha minst én administrator for alle helsefellesskap, og Ada er den siste. Gi rollen til en annen først.
      """
    When the secretariat runs "planlogg person communities ada@helse.no st-olavs" in its folder
    Then the command stops with exit code 3 and says:
      """
      Feil: Planlogg må ha minst én administrator for alle helsefellesskap, og Ada er den siste. Gi rollen til en annen først.
      """
    When the secretariat runs "planlogg person revoke siv@helse.no administrator" in its folder
    Then the command succeeds and prints:
      """
      Siv mistet administrator.
      """
    When the secretariat runs "planlogg person communities ada@helse.no" in its folder
    Then the command succeeds and prints:
      """
      Ada har tilgang til alle helsefellesskap.
      """
