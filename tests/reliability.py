"""Figures the reliability tests report about themselves: crash points covered, kill trials run,
faults injected, hostile inputs tried.

A test calls `count("kill trials", 1)` (or with how many it ran) only after the trial's checks
passed, so a figure is what actually ran and held. At the end of the session conftest writes the
totals to `build/reliability.json` and prints them; README's "Reliability" section is compared
with that file by `tests/test_reliability_figures.py`, so the numbers cannot drift from what ran.
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from pathlib import Path

FIGURES: Counter[str] = Counter()
_lock = threading.Lock()
OUTPUT = Path(__file__).resolve().parent.parent / "build" / "reliability.json"


def count(what: str, n: int = 1) -> None:
    """Add n to one figure. Call it after the checks of what it counts have passed."""
    with _lock:
        FIGURES[what] += n


def write() -> Path | None:
    """Save the session's figures ."""
    if not FIGURES:
        return None
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(dict(sorted(FIGURES.items())), indent=2) + "\n")
    return OUTPUT
