Feature: Editors change a plan's areas and goals in the browser
  The secretariat adds areas and goals, gives them new words and removes a goal
  without measures from the working version, in forms on the web: no command
  line or API client needed. A form that changes an area or a goal carries the
  revision the editor saw, so a change someone else made in the meantime is
  never overwritten: the stale form is refused, and the editor sees the stored
  words beside what they typed. In the demo plan's draft, the last area is 6.

  Background:
    Given the demo plan on a database, with Eli and Emil as editors signed in to the web

  Scenario: An editor adds an area with a goal, rewords the goal and removes it
    When Eli follows "Nytt innsatsområde" on the working version and saves the title "Folkehelse"
    Then the working version says "La til innsatsområde 7." at the heading "7. Folkehelse"
    When Eli follows "Nytt mål" of area 7 and saves the text "Færre fall blant eldre"
    Then the working version says "La til mål 7.1." at the heading "Mål 7.1: Færre fall blant eldre"
    When Eli follows "Endre mål" of goal 7.1 and saves the text "Færre fallskader blant eldre"
    Then the working version says "Mål 7.1 har fått ny tekst." at the heading "Mål 7.1: Færre fallskader blant eldre"
    When Eli follows "Fjern mål" of goal 7.1 and confirms it with the reason "Flyttet til 5.1"
    Then the working version says "Mål 7.1 er fjernet." and has no goal 7.1
    And the history of the plan's areas and goals from the web reads:
      | Person             | Felt            | Nummer | Før                    | Etter                        | Begrunnelse     |
      | Eli (eli@helse.no) | area_title      | 7      |                        | Folkehelse                   |                 |
      | Eli (eli@helse.no) | goal_text       | 7.1    |                        | Færre fall blant eldre       |                 |
      | Eli (eli@helse.no) | goal_text       | 7.1    | Færre fall blant eldre | Færre fallskader blant eldre |                 |
      | Eli (eli@helse.no) | goal_removed    | 7.1    | nei                    | ja                           | Flyttet til 5.1 |

  Scenario: A title saved after someone else's change is refused and nothing is overwritten
    Given Eli and Emil both opened "Endre tittel" of area 2
    When Eli saves the title "Utskrivingsklare pasientar"
    And Emil saves the title "Pasienter klare for utskrivning"
    Then Emil's title is refused because area 2 changed since he opened it
    And Emil sees the stored title "Utskrivingsklare pasientar" with his own title beside it
    And area 2 is still titled "Utskrivingsklare pasientar"
    When Emil saves the title "Pasienter klare for utskrivning" again
    Then the working version says "Innsatsområde 2 har fått ny tittel." at the heading "2. Pasienter klare for utskrivning"
