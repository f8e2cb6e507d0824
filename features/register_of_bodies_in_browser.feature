Feature: The register of bodies in the browser
  The secretariat keeps its community's register of bodies on a page, reached from
  the working version: the spellings its plans use that no body has are listed there,
  and are merged into the body they mean without a terminal. Addresses a colleague
  set meanwhile are never overwritten unseen.

  Background:
    Given the demo plan on a database, with Sara and Emil as editors signed in to the web
    And measure 1.2.1 names "Fagrådet for legesamarbeid" as its responsible body

  Scenario: The secretariat merges a spelling the plan uses into the body it means
    When Sara opens the register of bodies from the working version
    Then the register lists "Fagrådet for legesamarbeid" as not registered, used by measure 1.2.1, with "Mente du «Fagråd for legesamarbeid»?"
    When Sara merges it by its link, sending the form as offered
    Then the register says "Fagrådet for legesamarbeid hører nå til Fagråd for legesamarbeid."
    And "Fagrådet for legesamarbeid" is no longer listed as not registered
    And the audit trail records the merge as made by "Sara (sara@helse.no)" from the web

  Scenario: Addresses a colleague set meanwhile are not overwritten
    When Sara and Emil both open the addresses of "Fagråd for legesamarbeid"
    And Emil saves "emil@example.org" as the one who reports
    And Sara saves "sara@example.org" as the one who reports
    Then Sara's form is refused, naming "Emil (emil@helse.no)", with "sara@example.org" kept in it
    And the register shows "emil@example.org" reporting for "Fagråd for legesamarbeid"
