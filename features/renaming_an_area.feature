Feature: Two API clients rename one area
  Areas and goals carry a revision, as measures do: the draft's area answers
  with it as its ETag, and a change sent with a revision (If-Match, or
  expected_revision in the body) that is no longer the area's is refused (409),
  so one client never silently overwrites what another changed since it read.
  In the demo plan's draft, area 2 is "Utskrivningsklare pasienter" at revision 1.

  Background:
    Given the demo plan on a database, with API tokens for Per Hansen and Kari Nordmann as editors

  Scenario Outline: The second rename, sent with the revision read before the first, is refused
    When Per and Kari both read area 2 of the draft
    Then both read "Utskrivningsklare pasienter" at revision 1 with the ETag "1"
    When Per renames area 2 to "Utskrivingsklare pasientar" with the revision he read as <way>
    Then Per's rename is done (200): "Innsatsområde 2 har fått ny tittel.", with the ETag "2"
    When Kari renames area 2 to "Pasientar klare for utskriving" with the revision she read as <way>
    Then Kari's rename is refused (409, conflict): "Innsatsområde 2 er endret av noen andre siden du hentet det (endringsnummer 1, nå 2). Hent innsatsområdet på nytt og prøv igjen."
    And area 2 of the draft reads "Utskrivingsklare pasientar" at revision 2 with the ETag "2"
    And the history of area 2's title reads:
      | Person        | Kilde  | Før                         | Etter                       |
      | Sekretariatet | import |                             | Utskrivningsklare pasienter |
      | Per Hansen    | web    | Utskrivningsklare pasienter | Utskrivingsklare pasientar  |
    When Kari reads area 2 of the draft again and renames it to "Pasientar klare for utskriving" with the revision she read as <way>
    Then Kari's rename is done (200): "Innsatsområde 2 har fått ny tittel.", with the ETag "3"
    And area 2 of the draft reads "Pasientar klare for utskriving" at revision 3 with the ETag "3"

    Examples:
      | way               |
      | If-Match          |
      | expected_revision |
