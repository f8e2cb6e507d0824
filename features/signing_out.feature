Feature: Signing out ends every session of the person
  Staff sign in through their organisation's identity provider, often in more
  than one browser. Signing out in one of them is recorded on the person, so
  every session begun before it is over at its next page, whatever browser
  holds it; other people stay signed in, and signing in again works at once
  (the server's clock stands still here, as it does within one second).

  Background:
    Given Planlogg on a database signs in through the organisation's identity provider
    And Kari Nordmann and Rita Revisor are auditors in Planlogg

  Scenario: Kari signs out on her laptop, her phone is signed out too, and she signs in again
    Given Kari has signed in on her laptop and on her phone
    And Rita has signed in on her own computer
    When Kari signs out on her laptop
    Then the identity provider ends its session and sends the laptop to "/logget-ut"
    And the laptop shows "Du er logget ut av Planlogg."
    And Kari's phone is sent to "/logg-inn?next=/revisjon/" when it opens "/revisjon/"
    And Rita still sees "/revisjon/"
    And Kari's history says she signed out, "Kari Nordmann (kari@helse.no)" from the web
    When Kari signs in again on her phone
    Then the phone lands on "/revisjon/", offering "Logg ut Kari Nordmann (kari@helse.no) (revisor)"
    And the laptop is still signed out at "/revisjon/"
