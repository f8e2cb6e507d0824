"""Mail that Planlogg sends by itself: reminders of reporting rounds.

`mail` speaks SMTP, `recipients` finds whom to remind, `due` picks the steps
that are due from the plan itself, `sender` records each reminder's intent and
outcome around the hand-over, `election` lets one process send, and `loop`
runs it beside the web server.
"""
