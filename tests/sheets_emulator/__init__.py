"""A local Google Sheets v4 + Drive v3 API emulator for gspread-based tests and benchmarks.

See ``emulator.SheetsEmulator`` for the entry point and the module docstrings for what each
part emulates.
"""

from .app import RecordedRequest
from .client import ForeignHostRefused, RoutingSession
from .emulator import SheetsEmulator

__all__ = ["ForeignHostRefused", "RecordedRequest", "RoutingSession", "SheetsEmulator"]
