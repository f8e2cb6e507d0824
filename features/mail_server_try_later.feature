Feature: A mail server that asks to be tried later
  The secretariat sends the reminders that are due with `planlogg round
  remind`. A mail server may refuse a reminder once it has heard it: for now
  (4xx, "try again later") or for good (5xx). A reminder put off is recorded as
  such, shown as "utsatt av e-posttjeneren (prøves igjen)", and the next run
  sends it; one refused for good is failed, and is not sent again by itself
  (the secretariat resends it when the address is fixed).
  In the demo's open round R1 (deadline 11.09.2024) three bodies have not
  reported; long after the deadline one reminder to each is due. The
  secretariat's terminal is wide enough for each message on one line.

  Background:
    Given the demo plan on a database, and a mail server for "planlogg round remind"

  Scenario: The server puts off the secretariat's reminder, and the next run sends it
    Given the mail server answers "451 4.7.1 Kom att seinare" to the message to "sekretariat@example.org"
    When the secretariat runs "planlogg round remind st-olavs-2022-2024 --date 30.11.2026" in its folder
    Then the command succeeds and prints:
      """
      ✓ Påminnelse sendt til Fagråd for pasientsamarbeid (leiar.pasientsamarbeid@example.org), 1 dag etter fristen.
      ✓ Påminnelse sendt til Fagråd for digital samhandling (leiar.digital@example.org), 1 dag etter fristen.
      ! Sekretariat: ikke sendt ennå; prøves på nytt neste gang (planlogg round remind). Tjeneren ba oss prøve igjen senere (451 4.7.1 Kom att seinare).
      """
    And "sekretariat@example.org" has 0 reminders
    When the secretariat runs "planlogg round show st-olavs-2022-2024" in its folder
    Then the printout lists "Sekretariat" as "ikke rapportert", "1 dag etter fristen: utsatt av e-posttjeneren (prøves igjen)"
    Given the mail server takes every message again
    When the secretariat runs "planlogg round remind st-olavs-2022-2024 --date 01.12.2026" in its folder
    Then the command succeeds and prints:
      """
      ✓ Påminnelse sendt til Sekretariat (sekretariat@example.org), 1 dag etter fristen.
      """
    And "sekretariat@example.org" has 1 reminder
    And the mail server has received 3 reminders
    When the secretariat runs "planlogg round show st-olavs-2022-2024" in its folder
    Then the printout lists "Sekretariat" as "ikke rapportert", "1 dag etter fristen: sendt"

  Scenario: The server refuses the secretariat's reminder for good, and it is not sent again by itself
    Given the mail server answers "550 5.7.1 Mottakar avvist" to the message to "sekretariat@example.org"
    When the secretariat runs "planlogg round remind st-olavs-2022-2024 --date 30.11.2026" in its folder
    Then the command succeeds and prints:
      """
      ✓ Påminnelse sendt til Fagråd for pasientsamarbeid (leiar.pasientsamarbeid@example.org), 1 dag etter fristen.
      ✓ Påminnelse sendt til Fagråd for digital samhandling (leiar.digital@example.org), 1 dag etter fristen.
      ✗ Sekretariat: ikke sendt. Tjeneren tok ikke imot e-posten: avvist etter mottakerens regler, f.eks. som søppelpost (550 5.7.1 Mottakar avvist).
      """
    When the secretariat runs "planlogg round show st-olavs-2022-2024" in its folder
    Then the printout lists "Sekretariat" as "ikke rapportert", "1 dag etter fristen: ikke sendt (feil), forsøk 1"
    Given the mail server takes every message again
    When the secretariat runs "planlogg round remind st-olavs-2022-2024 --date 01.12.2026" in its folder
    Then the command succeeds and prints:
      """
      ✓ Ingen påminnelser er forfalt.
      """
    And "sekretariat@example.org" has 0 reminders
    And the mail server has received 2 reminders
    When the secretariat runs "planlogg round show st-olavs-2022-2024" in its folder
    Then the printout lists "Sekretariat" as "ikke rapportert", "1 dag etter fristen: ikke sendt (feil), forsøk 1"
