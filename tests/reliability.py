"""Figures the reliability tests report about themselves: crash points covered, kill trials run,
faults injected, hostile inputs tried.

A test calls `count("kill trials", 1)` (or with how many it ran) only after the trial's checks
passed, so a figure is what actually ran and held. At the end of a session conftest writes the
totals to `build/reliability.json` and prints them. After a whole, green run of the suite it
also compares them with README's "Reliability" table and fails the run if they differ, so the
numbers there cannot drift from what ran: `python tests/reliability.py` copies the last
session's figures into README.
"""

from __future__ import annotations

import json
import re
import sys
import threading
from collections import Counter
from pathlib import Path

FIGURES: Counter[str] = Counter()
_lock = threading.Lock()
ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "build" / "reliability.json"
README = ROOT / "README.md"
BEGIN, END = "<!-- reliability:begin -->", "<!-- reliability:end -->"


def count(what: str, n: int = 1) -> None:
    """Add n to one figure. Call it after the checks of what it counts have passed."""
    with _lock:
        FIGURES[what] += n


def write() -> Path | None:
    if not FIGURES:
        return None
    OUTPUT.parent.mkdir(exist_ok=True)
    OUTPUT.write_text(json.dumps(dict(sorted(FIGURES.items())), indent=2) + "\n")
    return OUTPUT


def table(figures: dict[str, int]) -> str:
    lines = ["| what `make test` ran, each time, with nothing lost or duplicated | count |", "|---|---|"]
    lines += [f"| {what} | {n:,} |" for what, n in sorted(figures.items())]
    return "\n".join(lines)


def in_readme(text: str | None = None) -> dict[str, int] | None:
    """The figures README states, or None when it has no such table."""
    text = README.read_text() if text is None else text
    found = re.search(re.escape(BEGIN) + r"\n(.*?)\n" + re.escape(END), text, flags=re.S)
    if not found:
        return None
    rows = re.findall(r"^\| (.+?) \| ([\d,]+) \|$", found.group(1), flags=re.M)
    return {what: int(n.replace(",", "")) for what, n in rows}


def write_readme(figures: dict[str, int]) -> None:
    text = README.read_text()
    block = f"{BEGIN}\n{table(figures)}\n{END}"
    if BEGIN not in text:
        raise SystemExit(f"README.md has no {BEGIN} … {END} block to fill")
    README.write_text(re.sub(re.escape(BEGIN) + ".*?" + re.escape(END), lambda _: block, text, flags=re.S))


if __name__ == "__main__":
    if not OUTPUT.exists():
        sys.exit(f"no {OUTPUT}: run the whole suite first (make test)")
    write_readme(json.loads(OUTPUT.read_text()))
    print(f"README.md: the Reliability figures of the last run ({OUTPUT})")
