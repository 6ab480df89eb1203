"""Is this message I sent networking outreach? Several signals weighed together, with reasons in plain words.

Pure: it reads the text of one sent message (only what the user wrote, not the quoted
thread below it), the address it went to, and how often the user has written with that
address before. No single phrase decides: "coffee Saturday?" to a friend of many months,
"would you be open to a 12-month renewal" to a landlord and "I'd love to learn more about
your team" to jobs@ all carry a networking word, and none of them is networking.

Each signal is a small rule with a weight and a reason. The verdict is outreach when the
weights add up past a bar, and the bar is higher for someone the user already writes to
often (an acquaintance needs a clearer ask than a stranger). The two or three weightiest
reasons are kept, so `sync --explain` can say why.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BAR = 3.0               # weight a first message to someone must reach to count as outreach
ACQUAINTANCE_BAR = 5.0  # ... and to someone the user already writes with often
MARGIN = 1.0            # outreach that clears its bar by less is borderline: it waits for the user's confirmation
ACQUAINTANCE = 5        # earlier messages with an address that make it an acquaintance

# Local parts of addresses that reach a role or a machine, not a person.
ROLE_NAMES = frozenset("""
    jobs job careers career hiring recruiting recruitment recruiter recruiters talent hr people apply applications
    applicants quotes quote estimates booking bookings reservations benefits payroll retirement pensions pension
    support help helpdesk service services customerservice customercare care info information hello
    contact contactus team office admin administrator billing accounts accounting finance sales volunteers
    volunteer noreply no-reply donotreply do-not-reply notifications notification alerts press media events
    membership members webmaster postmaster newsletter news feedback orders order privacy legal frontdesk
    reception appointments scheduling general enquiries inquiries mail mailer bounce list lists leasing
    rentals maintenance management
""".split())
# Applicant-tracking and bulk systems: mail to them is a job application or a machine.
SYSTEM_DOMAINS = ("greenhouse", "lever.co", "workday", "myworkday", "icims", "jobvite", "smartrecruiters",
                  "ashbyhq", "breezy", "bamboohr", "applytojob", "workable", "recruitee", "taleo",
                  "successfactors", "jazzhr", "paylocity", "ultipro", "indeed", "ziprecruiter")

MAILING_LIST_HOSTS = ("lists", "list", "groups", "googlegroups", "mailman", "listserv", "lists-l")

_QUOTE_LINE = re.compile(r"^(?:-{2,} ?original message ?-{2,}|_{10,}|-{5,} ?forwarded message ?-{5,}|"
                         r"begin forwarded message:|-{3,}$|_{3,}$|={3,}$)", re.IGNORECASE)  # a rule: pasted text below
_WROTE = re.compile(r"^on .{0,300}wrote:", re.IGNORECASE)               # Gmail, Apple Mail, Thunderbird
_OUTLOOK = re.compile(r"^from: .{0,200}\b(?:sent|date): ", re.IGNORECASE)  # Outlook's quote header
_SIGNATURE = re.compile(r"^(?:-- ?|sent from my \w+.*)$", re.IGNORECASE)


def own_text(body: str) -> str:
    """What the user wrote in this message: the body up to the quoted thread or the signature."""
    lines = body.replace("\r\n", "\n").split("\n")
    kept: list[str] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith(">"):
            continue
        # Quote headers wrap over several lines in real clients ("On Mon, ... Name <\naddr> wrote:").
        ahead = " ".join(part.strip() for part in lines[index:index + 4])
        if _QUOTE_LINE.match(stripped) or _WROTE.match(ahead) or _OUTLOOK.match(ahead):
            break
        if index > 0 and _SIGNATURE.match(stripped):
            break
        kept.append(line)
    return "\n".join(kept)


def normalized(text: str) -> str:
    """Lower case, straight apostrophes, one space between words: what the patterns read."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    return " ".join(text.lower().split())


@dataclass(frozen=True)
class Signal:
    """One reason to think a message is (or is not) networking outreach."""

    name: str
    weight: float
    pattern: re.Pattern[str]
    says: str           # the reason in plain words; "{}" is replaced by the words that matched

    def find(self, text: str) -> str | None:
        match = self.pattern.search(text)
        return match.group(0) if match else None


def _p(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b")


_MEET = r"(?:call|chat|talk|conversation|coffee|zoom|meet|meeting|connect|phone|video|speak|catch up|teams call)"
_MINUTES = r"(?:\d{1,2}|ten|fifteen|twenty|thirty|forty-five)[ -]?(?:min|mins|minute|minutes)|half an hour|an hour"

# Signals found in the text of the message (subject signals are below).
TEXT_SIGNALS = (
    Signal("asks_to_meet", 3.0, _p(
        r"(?:would|could|might|do|will) you (?:have|be open|be willing|be up for|be available|be interested|"
        r"have time|have any time|have a few|mind|consider|like to|want to)[^.?!]{0,80}" + _MEET,
        r"(?:would|could|do|might) you have (?:" + _MINUTES + r"|a few minutes|some time)",
        r"(?:could|can|may) (?:i|we) (?:buy|take|treat) you|(?:could|can) we (?:get on|hop on|jump on) (?:the )?phone",
        r"(?:grab|get|buy you|treat you to) (?:a )?(?:quick |virtual |short )?(?:coffee|cup of coffee|tea|lunch)",
        r"take you (?:out )?(?:to|for) (?:a )?(?:coffee|lunch|tea)",
        r"(?:quick|short|brief|informal|virtual|casual|phone|zoom|video) (?:call|chat|conversation|zoom|"
        r"phone call|meeting|coffee|catch-up)",
        r"informational (?:interview|conversation|chat|call|meeting)",
        r"pick your brain|stop by (?:your )?office hours",
        r"(?:chance|opportunity|time) to (?:chat|talk|speak|connect|meet|hear|learn|ask)",
        r"(?:find|set up|schedule|carve out|spare) (?:a |some )?(?:time|a few minutes|minutes)",
        r"work around your schedule",
        r"(?:open|available|free) (?:to|for) (?:a |an )?(?:quick |brief |short )?(?:chat|call|conversation|coffee)",
        r"(?:love|like|appreciate|grateful for|glad) (?:the chance )?(?:to )?(?:chat|talk|connect|speak|hear)",
        r"(?:" + _MINUTES + r")[^.?!]{0,40}(?:of your time|" + _MEET + r")|(?:grateful|thankful) for (?:" + _MINUTES
        + r")",
    ), 'asks for a conversation: "{}"'),
    Signal("about_their_path", 2.0, _p(
        r"career|your path|path into|your journey|how you got (?:started|into|your start|to where)|found your way",
        r"got your start|break(?:ing)? into|transition(?:ing)? (?:into|to)|moving into|move (?:into|toward)",
        r"(?:making|make) the (?:jump|move|switch)|pivot(?:ing)? (?:into|to)",
        r"(?:any|your) (?:advice|insights?|perspective|thoughts on how|(?:honest )?(?:read|take))|"
        r"advice (?:on|for|about|as)|in my shoes",
        r"(?:you'd|you would) advise|(?:an |any |some |a few )?introductions?(?! to the)|introduce me to|"
        r"on (?:their|your) radar|who else (?:i|to) (?:should|talk)",
        r"(?:learn|hear) (?:more )?(?:about|from) (?:your|how you)|your experience (?:at|in|with|as)",
        r"what (?:you|your) (?:do|work)|your work (?:at|on|in|with)|the work you|day-to-day|what the (?:job|work|"
        r"role) is (?:really )?like",
    ), 'asks about their work or path: "{}"'),
    Signal("introduced", 3.0, _p(
        r"(?:suggested|recommended|mentioned|thought|said|encouraged me) (?:that )?(?:i|we) (?:should )?"
        r"(?:reach out|get in touch|contact|connect|talk|speak|write|email|chat)",
        r"(?:suggested|recommended) (?:i|that i|reaching out|getting in touch|connecting)",
        r"introduced us|(?:thanks|thank you) (?:so much )?for (?:the intro|this intro|the introduction|connecting us|"
        r"introducing)",
        r"(?:moving|move) [^.]{1,40} to bcc|to bcc|gave me your (?:name|email|contact)|passed (?:along|on) your",
        r"referred me to you|pointed me (?:to|toward) you|put us in touch|(?:her|his|their) suggestion",
    ), 'follows an introduction: "{}"'),
    Signal("common_ground", 1.0, _p(
        r"fellow (?:alum|alumna|alumnus|alumni|graduate|organizer|\w+ alum)|we met at|met you at|"
        r"(?:great|nice|lovely) (?:to meet|meeting) you|(?:saw|heard|read|came across|enjoyed) your (?:talk|panel|"
        r"article|post|piece|op-ed|interview|work|profile|name)|as a fellow|(?:also|both) (?:went to|studied|worked)",
    ), 'names common ground: "{}"'),
    Signal("introduces_self", 1.0, _p(
        r"my name is|i'm reaching out|i am reaching out|i'm writing to|i am writing to|i'm currently|"
        r"i am currently|i'm exploring|i am exploring|i'm hoping to|i'm a (?:recent|former|current)",
    ), 'introduces themselves: "{}"'),
    Signal("job_application", -5.0, _p(
        r"apply(?:ing)? (?:for|to) (?:the|this|your|a|an) [\w -]{0,40}(?:position|role|job|opening|posting)",
        r"my application|application (?:for|to) (?:the|this|your)|i(?:'ve| have) (?:just )?applied",
        r"(?:attached|enclosed|please find) (?:is |are )?(?:my )?(?:résumé|resume|cv|cover letter)",
        r"(?:résumé|resume|cv) (?:is )?(?:attached|enclosed)|cover letter|job (?:posting|listing|description)",
        r"(?:posted|open|advertised) (?:position|role|opening)|req(?:uisition)? ?(?:id|#|number)",
        r"(?:the|this|your) [\w -]{0,40} (?:position|opening|vacancy)|for the [\w -]{1,40} role|candidacy",
        r"consider(?:ed)? (?:me )?for (?:the|this|a) (?:position|role|job)|interest in the (?:position|role)",
    ), 'reads as a job application: "{}"'),
    Signal("private_life", -3.0, _p(
        r"(?:hi|hey|dear|love|thanks),? (?:mom|mum|dad|mama|papa|mami|papi|grandma|grandpa|abuela|abuelo|nana|"
        r"auntie)|(?:mom|dad|grandma) said|love you|miss you|(?:^|\s)(?:love|hugs),\s\w{1,12}$|"
        r"xoxo|(?:mom|dad|grandma|grandpa)(?:'s)? (?:birthday|house|place)|birthday|(?:our|my|your) wedding|"
        r"wedding (?:rsvp|invite|invitation|registry)|rsvp|baby shower",
        r"(?:dinner|brunch|drinks|game night|happy hour|party|bbq|potluck) (?:on|this|next|at|tonight|tomorrow|"
        r"saturday|sunday|friday)|thanksgiving (?:dinner|plans)|christmas (?:plans|dinner)|pick up the kids|"
        r"family reunion|sleepover",
    ), 'reads as private life: "{}"'),
    Signal("business", -4.0, _p(
        r"(?:my|our) (?:lease|rent|apartment|unit|landlord)|(?:the|a) lease|lease renewal|renew (?:the|our|my) lease",
        r"(?:a|an|the) (?:quote|estimate)",
        r"security deposit|invoice|order (?:#|number|no)|receipt|refund|payment|billing|account (?:number|#)",
        r"subscription|(?:a )?quote for|estimate for|delivery|shipping|warranty|appointment|prescription|"
        r"tax return|insurance|my account|ticket (?:#|number)|catering|menu|pricing|your rates",
    ), 'reads as business or a household matter: "{}"'),
    Signal("logistics", -3.0, _p(
        r"see you (?:then|there|at|on|tomorrow|soon)|confirming (?:our|the)|calendar (?:invite|hold)|zoom link|"
        r"meeting link|here's the link|(?:thank you|thanks) (?:again )?for agreeing|"
        r"(?:thank you|thanks) (?:so much )?for (?:taking the time|your time|meeting|chatting|speaking|the chat|"
        r"the call|the conversation|the coffee) (?:with me|to me|today|yesterday|this morning|this afternoon|"
        r"earlier|last week)|great (?:talking|chatting|speaking) (?:with|to) you",
        r"grant report|per our|as discussed|attached (?:is |are )?the (?:draft|agenda|notes|minutes|report|file)",
        r"shared (?:folder|drive|doc)|go over (?:it|the)|the draft|(?:budget|report|proposal|narrative) "
        r"(?:draft|section|justification)",
    ), 'reads as logistics or a thank-you in an ongoing conversation: "{}"'),
)
TOPICS = ("about_their_path", "introduced")  # what makes an ask networking rather than a catch-up

SUBJECT_SIGNALS = (
    Signal("subject_asks", 3.0, re.compile(
        r"\b(?:informational (?:interview|chat|call|conversation)|coffee chat|virtual coffee|quick (?:call|chat)"
        r"|(?:time|minutes) to (?:chat|talk|connect))\b|\b(?:coffee|call|chat|conversation|zoom)\?$",
    ), 'the subject asks for a conversation: "{}"'),
    Signal("introduced", 3.0, re.compile(r"\bintro(?:duction|ducing)?\b|connecting you|<>|\bmeet [a-z]+\b|suggested i"),
           'the subject is an introduction: "{}"'),
    Signal("subject_topic", 1.0, _p(
        r"informational|career|advice|coffee chat|your work|your path|fellow|"
        r"next steps|learning about|alum|alumna|alumnus|hello from|greetings from|reaching out",
    ), 'the subject is about them or their field: "{}"'),
    Signal("subject_forward", -3.0, re.compile(r"^\s*(?:fwd?|fw):"), 'forwards something: "{}"'),
)


@dataclass(frozen=True)
class Verdict:
    """Whether a sent message is networking outreach, and the reasons that weighed most."""

    outreach: bool
    reasons: tuple[str, ...]
    sure: bool = True   # False: outreach by a hair; `coffeechat review` asks the user before any follow-up


def judge(subject: str, body: str, address: str, earlier: int, *, starts_thread: bool = True,
          extra_phrases: tuple[str, ...] = ()) -> Verdict:
    """Weigh a sent message to one person: subject, the user's own text, the address, and `earlier` messages.

    A first message to someone counts when the weights reach BAR. Someone the user already
    writes with often (ACQUAINTANCE) needs more: a clear ask *and* a networking topic (their
    path, advice, introductions), since "coffee?" to a friend is an ask too. A reply in a
    thread someone else started counts only after an introduction (the reply-all to "meet X").
    """
    found: list[tuple[str, float, str]] = []  # (signal name, weight, reason)
    role = role_address(address)
    if role:
        found.append(("role_address", -6.0, f"goes to {role}, not a person"))
    text = normalized(own_text(body))
    for signal in TEXT_SIGNALS:
        words = signal.find(text)
        if words:
            found.append((signal.name, signal.weight, signal.says.format(_quote(words))))
    phrase = next((p for p in extra_phrases if p and p in text), None)
    if phrase:
        found.append(("asks_to_meet", 3.0, f'contains your outreach phrase "{phrase}"'))
    for signal in SUBJECT_SIGNALS:
        words = signal.find(normalized(subject))
        if words and signal.name not in {name for name, _, _ in found}:
            found.append((signal.name, signal.weight, signal.says.format(words)))
    if earlier == 0:
        found.append(("stranger", 0.5, "a first message to this address"))
    names = {name for name, _, _ in found}
    score = sum(weight for _, weight, _ in found)
    acquaintance = earlier >= ACQUAINTANCE
    if acquaintance:
        outreach = score >= ACQUAINTANCE_BAR and bool(names & set(TOPICS))
    else:
        outreach = score >= BAR
    outreach = outreach and (starts_thread or "introduced" in names)
    reasons = [reason for _, weight, reason in sorted(found, key=lambda item: -abs(item[1]))]
    if acquaintance:
        note = f"you have exchanged {earlier} emails with them, so it takes a clearer ask"
        reasons.insert(2 if outreach else 0, note)
    if not starts_thread and "introduced" not in names:
        reasons.insert(0, "answers a thread someone else started")
    if not found:
        reasons.append("no ask for a conversation, no sign of networking")
    sure = score >= (ACQUAINTANCE_BAR if acquaintance else BAR) + MARGIN
    return Verdict(outreach, tuple(reasons[:3]), sure=sure or not outreach)


def role_address(address: str) -> str:
    """'jobs@' when the address reaches a role or a system rather than a person, else ''."""
    local, _, domain = address.lower().partition("@")
    base = re.split(r"[+]", local)[0]
    if base in ROLE_NAMES or re.sub(r"[._-]", "", base) in ROLE_NAMES:
        return f"{base}@"
    if any(system in domain for system in SYSTEM_DOMAINS) or domain.split(".")[0] in MAILING_LIST_HOSTS:
        return f"an applicant-tracking or mailing system ({domain})"
    return ""


def _quote(words: str) -> str:
    """The words that matched, as the user wrote them (lower-cased), shortened if long."""
    return words if len(words) <= 80 else words[:77] + "..."
