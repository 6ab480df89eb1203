"""Sample weeks for the weekly summary: what the templates, the screenshots and the browser tests render.

Each function returns a daemon.playbook.weekly.Week as contact_log/week.py would gather it,
in the same words: a busy week, the longest week we can imagine, a brand-new user's empty
week, and a week whose names and notes came from someone hostile.
"""

from __future__ import annotations

from daemon.playbook.weekly import Goal, Line, Stage, Week, WeekBar, quiet_week_step

MARIA = "María José Fernández-Castellanos (Service Employees International Union Local 1199)"
HARUTO = "田中 陽翔 (日本労働組合総連合会)"
DEVON = "Devon Okafor (Working Families Party)"
PRIYA = "Priya Raghunathan (Sunrise Movement)"
SAM = "Sam Whitehorse (National Domestic Workers Alliance)"
LENA = "Lena Bauer (Center for Popular Democracy)"
OMAR = "Omar Haddad (Community Change)"
ROSA = "Rosa Delgado-Whitfield (Texas Organizing Project)"
ANNA = "anna.k@organizing-institute.example"

LONG_TOKEN = "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"   # 80 characters
LONG_ADDRESS = "bartholomew.featherstonehaugh-montgomery.outreach-coordinator@organizing-example.org"


def _strip(numbers: list[tuple[int, int, int]], first_week: int = 37) -> tuple[WeekBar, ...]:
    return tuple(WeekBar(f"W{first_week + i}", sent, replies, meetings, current=i == len(numbers) - 1)
                 for i, (sent, replies, meetings) in enumerate(numbers))


def _funnel(week: tuple[int, int, int, int], ever: tuple[int, int, int, int]) -> tuple[Stage, ...]:
    names = ("outreach", "replied", "met", "connected")
    return tuple(Stage(name, w, e) for name, w, e in zip(names, week, ever, strict=True))


def busy_week() -> Week:
    """A good week in the middle of a search: replies, conversations held and ahead, work waiting."""
    return Week(
        key="2026-W48", number=48, since="Wed Nov 18", until="Wed Nov 25", my_name="Jordan Rivera",
        drafts_waiting=(
            Line(PRIYA, "a thank-you waits in Drafts", "today", 14),
            Line(HARUTO, "a follow-up waits in Drafts", "3 days", 9),
            Line(OMAR, "a follow-up waits in Drafts", "9 days", 6, overdue=True),
        ),
        to_schedule=(
            Line(MARIA, "replied: propose two or three times for the conversation", "waiting 4 days", 11,
                 overdue=True),
        ),
        thanks_due=(
            Line(SAM, "send your thank-you: it restates your ask", "met Mon Nov 23", 15),
        ),
        replies=(
            Line(MARIA, "replied; next: propose times for the conversation", "Sat Nov 21", 11),
            Line(DEVON, "replied; next: the conversation on Thu Nov 26", "Mon Nov 23", 12),
            Line(HARUTO, "replied", "Tue Nov 24", 9),
        ),
        meetings_held=(
            Line(PRIYA, "you met", "Thu Nov 19, 16:00", 14),
            Line(SAM, "you met", "Mon Nov 23, 12:30", 15),
        ),
        new_contacts=(
            Line(LENA, f"suggested by {PRIYA}", "Thu Nov 19", 21),
            Line("Keisha Brown (Movement Voter Project)", f"suggested by {PRIYA}", "Thu Nov 19", 22),
            Line(ROSA, "you wrote to them", "Fri Nov 20", 23),
        ),
        bounces=(
            Line(ANNA, "anna.k@organizing-institute.example bounced: mailbox unavailable (hard)", "Fri Nov 20", 19,
                 overdue=True),
        ),
        quiet=(
            Line(OMAR, "no answer yet (1 message sent)", "9 days since", 6),
            Line("Thomas Nguyen (AFL-CIO)", "no answer yet (1 message sent)", "12 days since", 7),
        ),
        no_response=(
            Line("Gabriel Stein (Democratic Socialists of America)",
                 "no answer to outreach or follow-up: let it rest", "last written Sun Nov 1", 4),
        ),
        introductions=(
            Line(PRIYA, "led to 2: Lena Bauer, Keisha Brown", "met Thu Nov 19", 14),
            Line(SAM, "no introductions yet: ask who else you should talk to", "met Mon Nov 23", 15,
                 overdue=True),
        ),
        meetings_ahead=(
            Line(DEVON, "prepare: coffeechat prep 12", "Thu Nov 26, 10:00", 12),
        ),
        due_next_week=(
            Line(ROSA, "follow-up (drafted for you)", "Fri Nov 27", 23),
            Line("Erin McAllister (Color of Change)", "keep in touch (a check-in is drafted for you)", "Mon Nov 30",
                 3),
        ),
        goals=(
            Goal("Land a field director role in labor organizing by March", 6,
                 (("outreach", 2), ("replied", 2), ("met", 1), ("connected", 1))),
            Goal("Understand how climate groups fund their organizers", 2,
                 (("outreach", 1), ("replied", 0), ("met", 1), ("connected", 0))),
            Goal("Meet three people in tenant organizing", 0,
                 (("outreach", 0), ("replied", 0), ("met", 0), ("connected", 0))),
        ),
        notes=(
            ("To do", (
                Line("Send Priya the volunteer-training deck", f"from {PRIYA}", "note 31", 14),
                Line("Update the résumé's campaign section", f"from {SAM}", "note 35", 15),
            )),
            ("To read", (
                Line("Jane McAlevey, No Shortcuts", f"from {SAM}", "note 36", 15),
            )),
            ("To look up", (
                Line("The 1199 organizer apprenticeship", f"from {MARIA}", "note 28", 11),
            )),
        ),
        funnel=_funnel((4, 3, 2, 1), (27, 14, 8, 5)),
        strip=_strip([(3, 0, 0), (5, 1, 0), (2, 2, 1), (0, 1, 1), (6, 2, 0), (4, 3, 1), (1, 0, 1), (7, 2, 0),
                      (3, 4, 2), (0, 0, 0), (5, 2, 1), (6, 3, 2)]),
        next_step="",
    )


def longest_week() -> Week:
    """Every list longer than the summary shows, the longest realistic names, 80-character unbroken tokens."""
    long_names = [
        MARIA,
        "Bartholomew Featherstonehaugh-Montgomery III (International Brotherhood of Electrical Workers Local 3)",
        f"{LONG_TOKEN} (United Food and Commercial Workers International Union)",
        LONG_ADDRESS,
        "Dr. Oluwaseun Adebayo-Williamson (American Federation of State, County and Municipal Employees)",
        HARUTO,
        "Nguyễn Thị Minh Khai-Trần (Southeast Asia Resource Action Center and Coalition for Humane Immigrant Rights)",
        "Alexandria Konstantinopoulou-Vasquez (Service Employees International Union Healthcare Pennsylvania)",
        "Siobhán Ní Bhriain-O'Donnell (Amalgamated Transit Union International)",
        "Wolfgang Schwarzenegger-Oberhausen (Friedrich-Ebert-Stiftung New York Office)",
        f"Kim {LONG_TOKEN}",
        "Juan Carlos de la Cruz Villanueva-Hernández (Make the Road New York)",
    ]

    def lines(what: str, when: str, overdue_every: int = 0) -> tuple[Line, ...]:
        return tuple(Line(name, f"{what} {LONG_TOKEN if i == 2 else ''}".strip(), when, 100 + i,
                          overdue=bool(overdue_every) and i % overdue_every == 0)
                     for i, name in enumerate(long_names))

    strip = _strip([(40 + i * 3, 12 + i, 3 + i % 4) for i in range(12)], first_week=1)
    return Week(
        key="2027-W12", number=12, since="Wed Mar 17", until="Wed Mar 24",
        my_name="Alexandria Ocasio-Featherstonehaugh de la Montaña",
        drafts_waiting=lines("a follow-up waits in Drafts", "14 days", overdue_every=2),
        to_schedule=lines("replied: propose two or three times for the conversation", "waiting 12 days", 3),
        thanks_due=lines("send your thank-you: it restates your ask", "met Tue Mar 23", 4),
        to_review=lines("looks like outreach: coffeechat review", ""),
        replies=lines("replied; next: propose times for the conversation", "Mon Mar 22"),
        meetings_held=lines("you met", "Thu Mar 18, 16:00"),
        quiet=lines("no answer yet (2 messages sent)", "19 days since"),
        no_response=lines("no answer to outreach or follow-up: let it rest", "last written Sun Feb 28"),
        bounces=tuple(Line(name, f"{LONG_ADDRESS} bounced: 550 5.1.1 {LONG_TOKEN}", "Fri Mar 19", 100 + i,
                           overdue=True) for i, name in enumerate(long_names)),
        new_contacts=lines(f"suggested by {long_names[1]}", "Thu Mar 18"),
        introductions=tuple(Line(name, f"led to 9: {', '.join(long_names[:9])}", "met Thu Mar 18", 100 + i)
                            for i, name in enumerate(long_names)),
        ready=(("core", lines(f"coffeechat outreach {LONG_TOKEN}", "")[:3]),
               ("cold", lines("coffeechat outreach 9", "")[3:5])),
        ready_count=40,
        meetings_ahead=lines(f"prepare: coffeechat prep {LONG_TOKEN}", "Thu Mar 25, 10:00"),
        due_next_week=lines("keep in touch (a check-in is drafted for you)", "Mon Mar 29"),
        goals=tuple(Goal(f"{LONG_TOKEN} goal {i}: land a field director role in a union local by the spring", 120,
                         (("outreach", 60), ("replied", 30), ("met", 20), ("connected", 10))) for i in range(10)),
        notes=tuple((heading, tuple(Line(f"{LONG_TOKEN} {heading.lower()} {i}", f"from {long_names[i]}",
                                         f"note {1000 + i}", 100 + i) for i in range(12)))
                    for heading in ("To do", "To read", "To look up", "To think about")),
        funnel=_funnel((130, 47, 12, 9), (1250, 480, 125, 99)),
        strip=strip,
        next_step="",
    )


def empty_week() -> Week:
    """A brand-new user's first Monday: nothing in the log yet."""
    return Week(
        key="2026-W48", number=48, since="Wed Nov 18", until="Wed Nov 25", my_name="Jordan Rivera",
        funnel=_funnel((0, 0, 0, 0), (0, 0, 0, 0)),
        strip=_strip([(0, 0, 0)] * 12),
        next_step=quiet_week_step({}, [], []),
    )


SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def hostile_week() -> Week:
    """Names, subjects and notes that came from someone's mail and try to become markup."""
    evil = Line(SCRIPT, IMG, IMG, 66, overdue=True)
    quoted = Line(IMG, SCRIPT, SCRIPT, 67)
    return Week(
        key="2026-W48", number=48, since=SCRIPT, until=IMG, my_name=SCRIPT,
        drafts_waiting=(evil, quoted), to_schedule=(evil,), thanks_due=(quoted,), to_review=(evil,),
        ready=((SCRIPT, (evil,)), (IMG, (quoted,))), ready_count=2,
        replies=(evil, quoted), meetings_held=(quoted,), quiet=(evil,), no_response=(quoted,), bounces=(evil,),
        new_contacts=(evil, quoted), introductions=(evil,), meetings_ahead=(evil, quoted), due_next_week=(quoted,),
        goals=(Goal(SCRIPT, 2, ((IMG, 1), (SCRIPT, 1))), Goal(IMG, 0, ())),
        notes=((SCRIPT, (evil, quoted)), (IMG, (Line(f"read {IMG}", f"from {SCRIPT}", "note 7", 66),))),
        funnel=(Stage(SCRIPT, 1, 2), Stage(IMG, 1, 1)),
        strip=(WeekBar(SCRIPT, 1, 0, 0), WeekBar(IMG, 0, 1, 0, current=True)),
        next_step=IMG,
    )


def quiet_week() -> Week:
    """Nothing happened this week, but the user has a log: the summary says so and suggests one step."""
    return Week(
        key="2026-W48", number=48, since="Wed Nov 18", until="Wed Nov 25", my_name="Jordan Rivera",
        quiet=(Line(OMAR, "no answer yet (2 messages sent)", "16 days since", 6),),
        ready=(("core", (Line("Dolores Huerta-Ramírez (United Farm Workers)", "coffeechat outreach 21", "", 21),
                         Line("Ben Cohen", "coffeechat outreach 22", "", 22))),
               ("cold", (Line(ROSA, "coffeechat outreach 23", "", 23),))),
        ready_count=7,
        goals=(Goal("Meet three people in tenant organizing", 0, (("outreach", 0), ("replied", 0), ("met", 0),
                                                                  ("connected", 0))),),
        funnel=_funnel((0, 0, 0, 0), (9, 4, 2, 1)),
        strip=_strip([(3, 0, 0), (2, 1, 0), (0, 1, 1), (1, 0, 1), (0, 0, 0), (2, 1, 0), (0, 0, 1), (1, 0, 0),
                      (0, 0, 0), (0, 1, 0), (0, 0, 0), (0, 0, 0)]),
        next_step=quiet_week_step({"core": ["Dolores Huerta-Ramírez", "Ben Cohen"]}, [], []),
    )


SAMPLES = {"busy": busy_week, "longest": longest_week, "empty": empty_week, "hostile": hostile_week,
           "quiet": quiet_week}
