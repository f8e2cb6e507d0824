Feature: Guessing tokens is refused, also when several web workers serve
  A secretariat runs `planlogg serve --workers 2` on one machine, without Redis.
  Each worker counts failed logins in its own memory and allows half of the
  budget of 10 a minute, so the two together never allow more than 10.

  Background:
    Given the demo plan is served by two web workers that count in their own memory

  Scenario: Someone who keeps mistyping on one connection is stopped after that worker's share
    When someone types a wrong token on the login form 6 times, all to the first worker
    Then the first 5 attempts are told the token is wrong
    And the 6th is told in Norwegian to wait, with how many seconds

  Scenario: Guesses spread over both workers are stopped after the whole budget
    When someone types a wrong token on the login form 12 times, to each worker in turn
    Then the first 10 attempts are told the token is wrong
    And the 11th and 12th are told in Norwegian to wait, with how many seconds
