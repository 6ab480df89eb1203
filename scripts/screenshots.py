"""Screenshots of the weekly summary's HTML for the README: `make screenshots`.

Renders sample weeks (tests/summary_samples.py) with daemon.writing.summary.render, exactly
as the daemon mails them, and photographs them with headless Chromium at a phone's width
(375 px) and a desktop mail window's (1024 px). Each page is measured first, so the picture
ends where the mail does: a copy with a one-line script that writes its height into the DOM
is laid out in an iframe exactly that wide (Chromium's own window is never narrower than
500 px; only --screenshot sizes the page to --window-size exactly).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from html import escape
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from summary_samples import SAMPLES  # noqa: E402

from daemon.writing.summary import render  # noqa: E402

SHOTS = (("busy", 375, "summary-375.png"), ("busy", 1024, "summary-1024.png"),
         ("empty", 375, "summary-empty-375.png"))
MEASURE = "<script>parent.document.body.setAttribute('data-height', document.documentElement.scrollHeight);</script>"
FALLBACK_HEIGHT = {375: 4200, 1024: 2800}


def chromium() -> str:
    found = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("chromium is not installed: `make chromium` installs it (Debian package chromium)")
    return found


def run(browser: str, page: Path, width: int, height: int, *extra: str) -> str:
    with tempfile.TemporaryDirectory(prefix="coffeechat-chromium-") as profile:
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--no-first-run", "--disable-extensions", "--force-device-scale-factor=1",
                               f"--user-data-dir={profile}", f"--window-size={width},{height}", *extra,
                               page.as_uri()], capture_output=True, text=True, timeout=60, check=True)
    return done.stdout


def height_of(browser: str, html: str, width: int, folder: Path) -> int:
    copy = escape(html.replace("</body>", MEASURE + "</body>"), quote=True)
    probe = folder / f"probe-{width}.html"
    probe.write_text(f'<!DOCTYPE html><html><body style="margin:0"><iframe width="{width}" height="800" '
                     f'style="border:0" srcdoc="{copy}"></iframe></body></html>', encoding="utf-8")
    match = re.search(r'data-height="(\d+)"', run(browser, probe, max(width, 1100), 800, "--dump-dom"))
    return int(match[1]) if match else FALLBACK_HEIGHT[width]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    browser = chromium()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="coffeechat-shots-") as tmp:
        folder = Path(tmp)
        for sample, width, name in SHOTS:
            _, html = render(SAMPLES[sample](), None)
            page = folder / f"{sample}.html"
            page.write_text(html, encoding="utf-8")
            height = height_of(browser, html, width, folder)
            target = args.out / name
            run(browser, page, width, height, f"--screenshot={target}")
            print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}: {sample} week, "
                  f"{width}x{height}")


if __name__ == "__main__":
    main()
