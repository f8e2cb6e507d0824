Feature: Tamper evidence
  Auditors can trust the history: any stored event changed directly in the
  database is detected, and the first bad position is named.

  Scenario: A tampered event is detected
    Given a plan whose history has been chained and verified
    When someone rewrites the text of a stored event directly in the database
    Then "planlogg audit verify" exits with code 7 and names the position of that event
