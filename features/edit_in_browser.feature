Feature: Editors change measures in the browser
  The secretariat rewords measures, assigns bodies and sets year marks in a
  form on the web. The form carries the revision the editor saw, so a change
  someone else made in the meantime is never overwritten: the stale form is
  refused, and the editor sees the stored text beside what they typed.

  Background:
    Given the demo plan with a pending revision of measure 0.1.2
    And Eli and Emil are editors signed in to the web

  Scenario: An editor rewords a measure and sees the change at once
    When Eli opens measure 0.1.2 and saves the text "Årshjul for 2025, vedtatt i ASU."
    Then the working version shows measure 0.1.2 as "Årshjul for 2025, vedtatt i ASU."
    And the audit history says Eli changed the text of 0.1.2 from the web

  Scenario: A form saved after someone else's change is refused and nothing is overwritten
    Given Eli and Emil both opened measure 0.1.2 in the form
    When Eli saves the text "Årshjul for 2025, vedtatt i ASU."
    And Emil saves the text "Årshjul med rapportering hver måned."
    Then Emil's form is refused because the measure changed since he opened it
    And Emil sees the stored text "Årshjul for 2025, vedtatt i ASU." with his own text beside it
    And measure 0.1.2 still reads "Årshjul for 2025, vedtatt i ASU."
