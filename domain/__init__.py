"""The pure core of Planlogg: action plans, decisions and their rules.

Nothing here knows about the web, the spreadsheet or the read models; the
application service (`domain.application.Planlogg`) is the only door in.
"""
