"""Run the emulator standalone: ``python -m tests.graph_emulator --port 8766``.

Serves Graph on http://127.0.0.1:PORT/v1.0 and the sign-in endpoints on https://127.0.0.1:
IDENTITY_PORT until interrupted, with one empty workbook; prints the settings to point
Planlogg at it (``PLANLOGG_GRAPH_URL``, ``PLANLOGG_GRAPH_AUTHORITY``, ``PLANLOGG_GRAPH_TENANT``,
``PLANLOGG_GRAPH_CLIENT_ID``, ``REQUESTS_CA_BUNDLE``) and the workbook's sharing link.
Device codes are approved at once as the service user. The request log is at ``GET
/_emulator/requests`` and is cleared with ``DELETE`` on the same path.
"""

from __future__ import annotations

import argparse
import tempfile
import threading
from pathlib import Path

from .emulator import CLIENT_ID, SERVICE_USER, TENANT_ID, GraphEmulator


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m tests.graph_emulator")
    parser.add_argument("--port", type=int, default=8766, help="Graph's TCP port on 127.0.0.1")
    parser.add_argument("--identity-port", type=int, default=0, help="sign-in port (HTTPS)")
    parser.add_argument("--slow-sessions", type=int, default=0, help="polls before a 202 session")
    args = parser.parse_args(argv)
    with GraphEmulator(port=args.port, identity_port=args.identity_port) as emulator:
        emulator.identity.approve_as = SERVICE_USER
        emulator.slow_sessions(args.slow_sessions)
        book = emulator.create_workbook()
        ca = emulator.write_ca(Path(tempfile.mkdtemp(prefix="graph-emulator-")) / "ca.pem")
        print(f"PLANLOGG_GRAPH_URL={emulator.base_url}", flush=True)
        print(f"PLANLOGG_GRAPH_AUTHORITY={emulator.authority_host}", flush=True)
        print(f"PLANLOGG_GRAPH_TENANT={TENANT_ID}", flush=True)
        print(f"PLANLOGG_GRAPH_CLIENT_ID={CLIENT_ID}", flush=True)
        print(f"REQUESTS_CA_BUNDLE={ca}", flush=True)
        print(f"workbook: {book.sharing_url}  (Ctrl-C to stop)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            print("stopping", flush=True)


if __name__ == "__main__":
    main()
