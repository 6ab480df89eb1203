"""How the user addressed someone and what they asked for, so a follow-up speaks the same way.

Pure. A follow-up that says "Hi Dr.," to Dr. Amara Okafor, "Hi 田中," to 田中 太郎, or asks
for 20 minutes after an outreach that asked for 15, tells the reader a machine wrote it.
So the greeting is the one the user wrote in the outreach ("Dear Ms. Okoro," stays), and
the ask is the user's own (the duration and the kind of meeting they proposed).
"""

from __future__ import annotations

import re
import unicodedata

from daemon.mail.messages import clean
from daemon.mail.outreach import normalized, own_text

DEFAULT_ASK = "20 minutes for a call or a coffee"

_GREETING = re.compile(
    r"^((?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings|hola|bonjour)"
    r"(?:\s+(?!i\b|i'm\b|hope\b|thanks\b|thank\b)[\w.'\u2019-]+){0,4}?)\s*(?:[,!:\u2014\u2013-]|$)",
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
_REQUEST = re.compile(r"\b(?:would|could|can|may|might) (?:you|we|i)\b|\bdo you have\b|\bif you have\b|\bfind\b|"
                      r"\bspare\b|\bgrateful for\b|\blove\b|\bappreciate\b|\bopen to\b|\bup for\b")
_MEETING = re.compile(r"\b(?:call|chat|coffee|talk|zoom|meet|meeting|conversation|connect|phone|video)\b")
# The kinds of meeting people propose, most specific first, and how a follow-up names them.
_MEDIA = (
    (r"phone call|call by phone|phone", "phone call"),
    (r"zoom|video call|google meet|teams call|video chat", "video call"),
    (r"coffee", "coffee"),
    (r"call", "call"),
    (r"chat", "chat"),
    (r"conversation|talk", "conversation"),
)


def greeting_of(body: str, name: str) -> str:
    """The greeting the user opened with for this person ("Dear Ms. Okoro,"), ending with a comma; "" if none.

    Only the greeting is kept ("Hi Dana," from "Hi Dana, I hope you're well."), and only one
    that greets this person: in a reply to an introduction, "Hi Mei, thanks!" is for the
    introducer, so the follow-up to Sam does not reuse it. With `name` empty, any greeting.
    """
    wanted = {w.lower().strip(".") for w in name.replace(",", " ").split() if w.lower() not in TITLES}
    for line in own_text(body).split("\n"):
        line = clean(line, 200)
        match = _GREETING.match(line)
        if not line or not match:
            continue
        greeting = match.group(1).strip()
        words = {w.lower().strip(".") for w in greeting.split()[1:]}
        if not words and line[match.end():].strip():
            continue  # "Hi, I'm Jordan and…": a sentence, not a greeting to reuse
        if not name or not words or words & wanted:
            return greeting + ","
    return ""


def ask_of(body: str) -> str:
    """The user's own ask in words a follow-up can reuse ("15 minutes for a phone call"); "" if none.

    The duration is the one the user asked for: in a sentence that asks ("could we find 15
    minutes") or names a meeting ("a 30-minute Zoom"), not "your 45-minute podcast" or "I
    drove an hour to hear your panel".
    """
    text = normalized(own_text(body))
    best: tuple[int, int, str] | None = None  # (how much it reads as the ask, minutes, its sentence)
    sentences = re.split(r"(?<=[.?!])\s+", text)
    for index, own in enumerate(sentences):
        sentence = " ".join(sentences[max(0, index - 1):index + 1])  # "Coffee? Half an hour at most."
        for duration in _DURATION.finditer(own):
            minutes = _minutes(duration)
            weight = 2 * bool(_REQUEST.search(sentence)) + bool(_MEETING.search(sentence))
            if weight and 5 <= minutes <= 60 and (best is None or weight > best[0]):
                best = (weight, minutes, sentence)
    if best is None:
        return ""
    _, minutes, sentence = best
    medium = next((name for pattern, name in _MEDIA if re.search(rf"\b(?:{pattern})\b", sentence)), "call")
    length = "an hour" if minutes == 60 else f"{minutes} minutes"
    return f"{length} for a {medium}"


def _minutes(duration: re.Match[str]) -> int:
    if duration.group(2):
        return 30 if duration.group(2) == "half an hour" else 60
    raw = duration.group(1)
    return int(raw) if raw.isdigit() else _WORD_MINUTES[raw]


# What people put after their name, behind a comma ("Ana Okafor, MPH", "Sam Whitfield, Jr."): LinkedIn keeps it
# in Last Name, so an import reads "Okafor, MPH". Compared without dots and case ("Ph.D." is "phd").
CREDENTIALS = frozenset("""
    jr sr ii iii iv v esq phd dphil edd drph psyd md do dds dmd dvm pharmd rn np pa lpn jd llm mba mpa mpp mph
    msw lcsw lmsw lpc lmft ma ms msc mfa med mdiv mlis mls ba bs bsc bsn msn cpa cfa pmp shrm-cp shrm-scp
""".split())
# Credentials that are also names when written as one: "Md" and "Med" shorten Mohammed (Bangladesh, Tunisia),
# "Ma" and "Do" are family names. These count only as a credential is written: "MD", "M.D.", "MEd".
_AMBIGUOUS = frozenset({"md", "ma", "ms", "do", "pa", "med", "v"})


def first_name(name: str) -> str:
    """The name to greet someone by when the outreach had no greeting to reuse.

    'Maria' for 'Maria López' and for 'López, Maria'; titles are dropped ('Amara' for
    'Dr. Amara Okafor'), and so are credentials and suffixes after a comma ('Ana' for
    'Ana Okafor, MPH'); a name written family name first in a script that does so
    ('田中 太郎') is kept whole, since its first word is the family name.
    """
    name = " ".join(name.replace('"', " ").split())
    parts = name.split(",")
    while len(parts) > 1 and _credentials(parts[-1]):
        parts.pop()  # "Okafor, Ana, PhD": the credential goes, the "Family, Given" stays
    name = ",".join(parts).strip()
    if "," in name:
        family, _, given = name.partition(",")
        name = given.strip() if given.strip() else family.strip()
    if not name or "@" in name:
        return ""
    if _family_name_first(name):
        return name
    words = [w for w in name.split() if w.lower() not in TITLES]
    return words[0] if words else ""


def _credentials(part: str) -> bool:
    """A part after a comma made only of credentials and suffixes ("MPH", "Ph.D., MBA", "Jr.")."""
    words = part.replace("/", " ").split()
    return bool(words) and all(_credential(word) for word in words)


def _credential(word: str) -> bool:
    key = word.replace(".", "").lower()
    if key in _AMBIGUOUS:
        return "." in word or not word.istitle()
    return key in CREDENTIALS


def _family_name_first(name: str) -> bool:
    """Chinese, Japanese and Korean names are written family name first."""
    for char in name:
        if char.isalpha():
            kind = unicodedata.name(char, "")
            return kind.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))
    return False
