Feature: A hung loop of "planlogg serve" is shown failing in /healthz
  "planlogg serve" keeps the read models and the shared spreadsheet up to date
  in loops beside the pages. A loop stuck in a call that never returns (a
  spreadsheet request or a database call that hangs) used to show its last
  "ok" for good. Each loop now reports as it runs, at least once a pass, and
  one that has been silent longer than it is allowed (three of its intervals,
  and never less than five minutes) is shown failing in /healthz; an editor is
  told which loop it is and when it last reported.

  Background:
    Given "planlogg serve" runs the demo plan with its follower and its sheet sync, at 14.11.2023 23:13 Norwegian time
    And each loop has run once
    And 10 minutes pass, each loop reporting every minute

  Scenario Outline: A loop that stops reporting is failing until it reports again
    When <loop> stops reporting, and the other loop reports on every minute for 5 minutes
    Then /healthz answers "ok" with every loop ok
    When one more second passes
    Then /healthz answers "<status>" with "<part>" failing and the other loop ok
    And an editor reads in /healthz under "<part>": "<message>"
    When <loop> reports again
    Then /healthz answers "ok" with every loop ok

    Examples:
      | loop           | status   | part        | message                                                                                                                         |
      | the follower   | degraded | projections | Bakgrunnsprosessen som holder lesemodellene oppdatert, har ikke meldt seg siden 14.11.2023 23:23 norsk tid og står trolig fast. |
      | the sheet sync | ok       | sync        | Synkroniseringen med regnearket har ikke meldt seg siden 14.11.2023 23:23 norsk tid og står trolig fast.                        |
