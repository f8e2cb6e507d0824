"""Run the emulator standalone: ``python -m tests.sheets_emulator --port 8765``.

Serves on 127.0.0.1 until interrupted. Point a process at it with
``tests.sheets_emulator.RoutingSession("http://127.0.0.1:8765")``; request counts are at
``GET /_emulator/requests[?kind=read|write|drive]`` and reset with ``DELETE`` on the same path.
"""

from __future__ import annotations

import argparse
import threading

from .emulator import SheetsEmulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.sheets_emulator")
    parser.add_argument("--port", type=int, default=8765, help="TCP port on 127.0.0.1")
    parser.add_argument(
        "--quota", action="store_true", help="enforce 60 reads and 60 writes per minute"
    )
    args = parser.parse_args(argv)
    with SheetsEmulator(port=args.port) as emulator:
        if args.quota:
            emulator.enable_quota()
        print(f"Sheets emulator serving on {emulator.base_url} (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping", flush=True)


if __name__ == "__main__":
    main()
