"""`python -m bench --only national-rebuild`: the national store's rebuild, and nothing else.

The kept store is restored (or built), then read, read and decoded, rebuilt with the worker
processes a rebuild of its size uses, and rebuilt in one process, in the same run: the
figures of `--only national`'s rebuild, with the workers' gain beside them, in minutes
instead of the whole national run's hour.
"""

from __future__ import annotations

from bench.harness import Figure
from bench.national import run_rebuild


def run(quick: bool) -> list[Figure]:
    return run_rebuild(quick)
