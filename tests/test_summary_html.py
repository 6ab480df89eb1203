"""The weekly summary's HTML, in a real browser: headless Chromium, no mocks.

Every sample week (tests/summary_samples.py) is rendered once with
daemon.writing.summary.render. One Chromium run lays all of them out at once: each is a copy
with a tiny script appended (the copy only; the mail never carries one), placed in an iframe
exactly 375 or 1024 px wide (Chromium's own window is never narrower than 500 px), and the
script writes what it measured, the text a reader sees and its own DOM into the page that
`--dump-dom` prints.

The static checks read the HTML as a mail client gets it: no scripts, no remote resources,
layout tables marked as presentation.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from summary_samples import LONG_TOKEN, SAMPLES, busy_week, empty_week

from daemon.writing import drafts
from daemon.writing.summary import render

NARROW, WIDE = 375, 1024
RUNS = [("busy", NARROW), ("busy", WIDE), ("longest", NARROW), ("longest", WIDE), ("empty", NARROW),
        ("hostile", NARROW), ("quiet", NARROW)]

# Runs inside each copy: a reader's view of it, written into the page Chromium dumps.
MEASURE = """<script>
(function () {
  var d = document, out = parent.document.getElementById(frameElement.id + "-out");
  var handlers = 0, all = d.getElementsByTagName("*");
  for (var i = 0; i < all.length; i++)
    for (var j = 0; j < all[i].attributes.length; j++)
      if (/^on/i.test(all[i].attributes[j].name)) handlers++;
  out.setAttribute("data-viewport", window.innerWidth);
  out.setAttribute("data-scroll-width", Math.max(d.documentElement.scrollWidth, d.body.scrollWidth));
  out.setAttribute("data-handlers", handlers);
  out.querySelector(".text").textContent = d.body.innerText;
  out.querySelector(".dom").textContent = d.documentElement.outerHTML;
})();
</script>"""


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    """Each sample week's HTML, rendered once."""
    return {name: render(sample(), None)[1] for name, sample in SAMPLES.items()}


def chromium() -> str:
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and under CI the browser tests must run: `make chromium`")
    pytest.skip("chromium is not installed (`make chromium` installs it; under CI this is a failure)")


class _Outputs(HTMLParser):
    """The measurements each copy wrote: attributes of <div id="NAME-WIDTH-out"> and its two <pre>."""

    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, dict[str, str]] = {}
        self._key: str | None = None
        self._pre: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "div" and values.get("id", "").endswith("-out"):
            self._key = values["id"][:-4]
            self.found[self._key] = {k: v for k, v in values.items() if k.startswith("data-")}
            self.found[self._key].update(text="", dom="")
        elif tag == "pre" and self._key:
            self._pre = values.get("class")

    def handle_endtag(self, tag: str) -> None:
        if tag == "pre":
            self._pre = None

    def handle_data(self, data: str) -> None:
        if self._key and self._pre:
            self.found[self._key][self._pre] += data


@pytest.fixture(scope="module")
def seen(pages: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict[str, str]]:
    """(sample, width) -> what the browser saw: viewport, scroll width, visible text, the DOM, handlers."""
    browser = chromium()
    folder = tmp_path_factory.mktemp("chromium")
    frames = []
    for name, width in RUNS:
        copy = pages[name].replace("</body>", MEASURE + "</body>")
        assert MEASURE in copy, "the summary has no </body>"
        key = f"{name}-{width}"
        frames.append(f'<iframe id="{key}" width="{width}" height="800" style="border:0;display:block" '
                      f'srcdoc="{escape(copy, quote=True)}"></iframe>'
                      f'<div id="{key}-out"><pre class="text"></pre><pre class="dom"></pre></div>')
    wrapper = folder / "pages.html"
    wrapper.write_text("<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0\">"
                       + "".join(frames) + "</body></html>", encoding="utf-8")
    try:
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                               "--no-first-run", "--disable-extensions", f"--user-data-dir={folder / 'profile'}",
                               "--window-size=1100,800", "--virtual-time-budget=2000", "--dump-dom",
                               wrapper.as_uri()], capture_output=True, text=True, timeout=60)
    except subprocess.TimeoutExpired:
        pytest.fail("Chromium did not finish in 60 s: did a script from the data open a dialog (alert)?")
    assert done.returncode == 0, done.stderr[-2000:]
    parser = _Outputs()
    parser.feed(done.stdout)
    found = {}
    for name, width in RUNS:
        result = parser.found.get(f"{name}-{width}", {})
        assert result.get("data-viewport"), f"the measuring script did not run for {name} at {width}px"
        found[(name, width)] = result
    return found


def visible(text: str) -> str:
    return " ".join(text.split())


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def elements(dom: str) -> list[str]:
    parser = _Elements()
    parser.feed(dom)
    return parser.tags


# --- in the browser -------------------------------------------------------------------------


def test_hostile_names_stay_text(seen):
    """Markup in names, notes and goals is shown as text and never becomes an element."""
    page = seen[("hostile", NARROW)]
    tags = elements(page["dom"])
    assert tags.count("script") == 1, "only the test's own measuring script may be a <script>"
    for tag in ("img", "iframe", "object", "embed", "svg", "link", "a", "form", "input", "video", "audio"):
        assert tag not in tags, f"a <{tag}> element came from the data"
    assert page["data-handlers"] == "0", "an on* handler attribute came from the data"
    text = page["text"]
    assert "<script>alert(1)</script>" in text
    assert '"><img src=x onerror=alert(1)>' in text


@pytest.mark.parametrize("name", ["longest", "busy", "hostile", "empty", "quiet"])
def test_no_horizontal_scroll_on_a_phone(seen, name):
    """375 px wide, 80-character unbroken names and all: nothing scrolls sideways."""
    page = seen[(name, NARROW)]
    assert page["data-viewport"] == str(NARROW), "the iframe did not give the page a 375 px viewport"
    assert int(page["data-scroll-width"]) <= NARROW


@pytest.mark.parametrize("name", ["longest", "busy"])
def test_no_horizontal_scroll_on_a_desktop(seen, name):
    page = seen[(name, WIDE)]
    assert page["data-viewport"] == str(WIDE)
    assert int(page["data-scroll-width"]) <= WIDE


def test_long_unbroken_tokens_wrap_instead_of_hiding(seen):
    """The 80-character token is there to read, not clipped away."""
    text = seen[("longest", NARROW)]["text"]
    assert LONG_TOKEN[:20] in text.replace("\n", "")


def test_long_lists_show_eight_and_count_the_rest(seen):
    text = visible(seen[("longest", NARROW)]["text"])
    assert "and 4 more" in text                      # 12 of everything
    assert "and 2 more: coffeechat goal list" in text  # 10 goals
    assert "and 4 more: coffeechat notes --open" in text


def test_empty_week_is_a_fresh_start_with_its_next_step(seen):
    text = visible(seen[("empty", NARROW)]["text"])
    assert visible(empty_week().next_step) in text
    assert "Nothing waits on you" in text
    assert "coffeechat never sends mail for you" in text
    assert "Nothing here yet" in text            # the strip, all zeros, says so instead of looking broken


def test_quiet_week_highlights_its_next_step(seen):
    from summary_samples import quiet_week

    text = visible(seen[("quiet", NARROW)]["text"])
    assert "A quiet week" in text
    assert visible(quiet_week().next_step) in text
    assert "Gone quiet" in text                  # still said in a quiet week
    # Who to write to next, by tier, with the command that drafts the notes.
    assert re.search(r"Ready to write to\s+7 people not yet written to", text, re.IGNORECASE)
    assert "coffeechat outreach --next 3" in text and "Dolores Huerta-Ramírez" in text
    assert "and 4 more: coffeechat contacts list --status new" in visible(text)


def test_busy_week_shows_people_funnel_and_strip(seen):
    week = busy_week()
    for width in (NARROW, WIDE):
        text = seen[("busy", width)]["text"]
        flat = visible(text)
        for line in week.replies:
            assert visible(line.who) in flat, line.who
        for line in week.meetings_ahead:
            assert f"coffeechat prep {line.contact_id}" in flat
        for stage in week.funnel:
            this_week = f"\\+{stage.week}" if stage.week else "0"
            assert re.search(rf"{stage.name.capitalize()}\s+{this_week}\s+{stage.ever}\b", text), stage
        labels = [bar.label for bar in week.strip]
        assert len(labels) == 12
        assert re.search(r"\s+".join(labels), text), "the 12 week labels, in order, under the strip"
        assert "6 sent, 3 replies, 2 meetings" in flat   # this week's bar, in words as well


# --- the HTML as a mail client gets it --------------------------------------------------------


def test_no_scripts_or_remote_resources(pages):
    for name, html in pages.items():
        lower = html.lower()
        assert "<script" not in lower, name
        assert "<link" not in lower and "@import" not in lower and "url(" not in lower, name
        assert "<img" not in lower and "<iframe" not in lower and "href=" not in lower, name
        assert "display:flex" not in lower and "display:grid" not in lower, name
        assert "background-image" not in lower, name
        if name != "hostile":   # its data says "src=x", as text
            assert "src=" not in lower, name
            assert "http://" not in lower and "https://" not in lower, name


def test_every_table_is_a_presentation_table(pages):
    for name, html in pages.items():
        tables = re.findall(r"<table\b[^>]*>", html, flags=re.IGNORECASE)
        assert tables, name
        bare = [t for t in tables if 'role="presentation"' not in t]
        assert not bare, (name, bare[:3])


def test_dark_mode_safe(pages):
    html = pages["busy"]
    assert '<meta name="color-scheme" content="light dark">' in html
    assert '<meta name="supported-color-schemes" content="light dark">' in html
    assert "@media (prefers-color-scheme: dark)" in html
    for cell in re.findall(r'<td class="cc-card cc-pad"[^>]*>', html):   # every card: a background and a text colour
        assert 'bgcolor="' in cell and "background-color:" in cell and ";color:" in cell, cell


def test_funnel_bars_are_proportional(pages):
    """Each bar's width is its all-time count over the widest, as a percentage of the track."""
    week = busy_week()
    widest = max(stage.ever for stage in week.funnel)
    widths = [int(w) for w in re.findall(r'<td width="(\d+)%" height="16"', pages["busy"])]
    assert widths == [round(stage.ever / widest * 100) for stage in week.funnel]


def test_fits_before_gmail_clips(pages):
    """Gmail hides everything after 102 kB of HTML behind "View entire message"."""
    for name in ("busy", "empty", "quiet", "hostile"):
        assert len(pages[name].encode()) < 100_000, name


def test_template_marks_nothing_safe():
    source = Path(drafts.template_folders(None)[0], "summary.html.j2").read_text(encoding="utf-8")
    assert "|safe" not in source.replace(" ", "") and "Markup(" not in source
