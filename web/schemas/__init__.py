"""marshmallow schemas for everything that crosses the API: commands in, documents out.

Schemas check shape only (types, lengths, required fields); the domain
checks meaning and answers in Norwegian.
"""
