"""How the user addressed someone and what they asked for, so a follow-up speaks the same way.

Pure. A follow-up that says "Hi Dr.," to Dr. Amara Okafor, "Hi 田中," to 田中 太郎, or asks
for 20 minutes after an outreach that asked for 15, tells the reader a machine wrote it.
So the greeting is the one the user wrote in the outreach ("Dear Ms. Okoro," stays), and
the ask is the user's own (the duration and the kind of meeting they proposed).
"""

from __future__ import annotations

import re
import unicodedata

from daemon.messages import clean
from daemon.outreach import normalized, own_text

DEFAULT_ASK = "20 minutes for a call or a coffee"

_GREETING = re.compile(
    r"^(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hola|bonjour)\b[^\n]{0,60}?[,!:\u2014-]?$",
    re.IGNORECASE,
)
TITLES = frozenset("""
    dr dr. doctor prof prof. professor mr mr. mrs mrs. ms ms. mx mx. miss sir dame rev rev. reverend fr fr.
    sen sen. senator rep rep. representative hon hon. honorable councilmember councilwoman councilman
    commissioner mayor judge gov gov. governor amb amb. ambassador sister brother pastor rabbi imam
""".split())

_WORD_MINUTES = {"ten": 10, "fifteen": 15, "twenty": 20, "thirty": 30, "forty-five": 45}
_DURATION = re.compile(
    r"\b(\d{1,2}|ten|fifteen|twenty|thirty|forty-five)[ -]?(?:min|mins|minute|minutes)\b|\b(half an hour|an hour)\b")
# The kinds of meeting people propose, most specific first, and how a follow-up names them.
_MEDIA = (
    (r"phone call|call by phone|phone", "phone call"),
    (r"zoom|video call|google meet|teams call|video chat", "video call"),
    (r"coffee", "coffee"),
    (r"call", "call"),
    (r"chat", "chat"),
    (r"conversation|talk", "conversation"),
)


def greeting_of(body: str) -> str:
    """The greeting line the user opened with ("Dear Ms. Okoro,"), ending with a comma; "" if none."""
    for line in own_text(body).split("\n"):
        line = clean(line, 80)
        if not line:
            continue
        if not _GREETING.match(line) or len(line.split()) > 6:
            return ""
        return line.rstrip(",!:\u2014- ") + ","
    return ""


def ask_of(body: str) -> str:
    """The user's own ask in words a follow-up can reuse ("15 minutes for a phone call"); "" if none."""
    text = normalized(own_text(body))
    duration = _DURATION.search(text)
    if not duration:
        return ""
    if duration.group(2):
        minutes = 30 if duration.group(2) == "half an hour" else 60
    else:
        raw = duration.group(1)
        minutes = int(raw) if raw.isdigit() else _WORD_MINUTES[raw]
    if not 5 <= minutes <= 60:
        return ""
    nearby = text[max(0, duration.start() - 80):duration.end() + 80]
    medium = next((name for pattern, name in _MEDIA if re.search(rf"\b(?:{pattern})\b", nearby)), "call")
    length = "an hour" if minutes == 60 else f"{minutes} minutes"
    return f"{length} for a {medium}"


def first_name(name: str) -> str:
    """The name to greet someone by when the outreach had no greeting to reuse.

    'Maria' for 'Maria López' and for 'López, Maria'; titles are dropped ('Amara' for
    'Dr. Amara Okafor'); a name written family name first in a script that does so
    ('田中 太郎') is kept whole, since its first word is the family name.
    """
    name = " ".join(name.replace('"', " ").split())
    if "," in name:
        family, _, given = name.partition(",")
        name = given.strip() if given.strip() else family.strip()
    if not name or "@" in name:
        return ""
    if _family_name_first(name):
        return name
    words = [w for w in name.split() if w.lower() not in TITLES]
    return words[0] if words else ""


def _family_name_first(name: str) -> bool:
    """Chinese, Japanese and Korean names are written family name first."""
    for char in name:
        if char.isalpha():
            kind = unicodedata.name(char, "")
            return kind.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
    return False
