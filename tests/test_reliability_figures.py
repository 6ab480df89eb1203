"""README's Reliability table is read back exactly as it is written (tests/reliability.py)."""

from __future__ import annotations

import reliability


def test_the_table_reads_back_as_written():
    figures = {"crash points covered": 48, "kill trials": 1200, "hostile inputs tried": 7}
    text = f"# x\n\n{reliability.BEGIN}\n{reliability.table(figures)}\n{reliability.END}\n\nmore\n"
    assert reliability.in_readme(text) == figures
    assert "| kill trials | 1,200 |" in text
    assert reliability.in_readme("# no table here\n") is None
