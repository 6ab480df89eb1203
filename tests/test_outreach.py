"""Knowing networking from everything else, and speaking the way the user spoke: pure tables.

The first table is the user trial that opened issue 5: seven ordinary messages that the
old phrase matcher followed up, five networking notes it never noticed.
"""

from __future__ import annotations

import pytest
from corpus import cases

from daemon.mail.outreach import judge, own_text, role_address
from daemon.mail.wording import DEFAULT_ASK, ask_of, first_name, greeting_of


@pytest.mark.parametrize(("subject", "body", "address", "earlier", "outreach"), cases(
    ("friend-coffee", "coffee?", "Coffee Saturday? It's been forever. The place on 5th?", "ines@gmail.example", 30,
     False),
    ("mom-coffee", "Sunday", "Hi Mom, want to get coffee after church on Sunday? Love you", "mom@family.example", 40,
     False),
    ("landlord-renewal", "Lease", "Hi Mr. Alvarez, our lease is up in January. Would you be open to a 12-month "
     "renewal at the current rent?", "r.alvarez@gmail.example", 6, False),
    ("job-application", "Field Organizer application", "Hello, I'd love to learn more about your team. Attached is "
     "my resume for the Field Organizer role.", "jobs@greenleaf.example", 0, False),
    ("bank-support", "Card question", "Hi, could you tell me why my card was declined? Happy to hop on a call.",
     "support@bank.example", 0, False),
    ("volunteers-list", "Canvass", "Hi all, I can do a two-hour shift and would love to chat with new volunteers.",
     "volunteers@campaign.example", 3, False),
    ("former-colleague", "Quick question", "Hi Ana, do you remember where we saved the grant report numbers? "
     "Would you have a minute to call me?", "ana@oldjob.example", 14, False),
    ("short-call", "Hello from a fellow organizer", "Hi Dana,\n\nWould you have time for a short call? I'd love to "
     "hear how you got started.\n\nJordan", "dana@union.example", 0, True),
    ("introduced", "Mei Chen suggested I get in touch", "Hi Sam,\n\nMei Chen suggested I get in touch. I'm moving "
     "from field work into policy. Could we find 20 mins to connect?\n\nBest,\nJordan", "sam@policy.example", 0,
     True),
    ("advice", "Advice on breaking into policy", "Dear Ms. Okoro,\n\nI'd be grateful for any advice and, if you "
     "have time, a brief conversation.", "okoro@senate.example", 0, True),
    ("former-boss", "Catching up, and a favour", "Hi Pat,\n\nI'm exploring a move into policy work. Could I take "
     "you to coffee and hear what you'd advise? Any introductions would mean a lot.", "pat@oldjob.example", 20,
     True),
    ("alumna", "Fellow Oberlin alum", "Hi Rosa, as a fellow Oberlin alum I'd love to learn about your path into "
     "labor organizing, if you have 15 minutes some time.", "rosa@seiu.example", 0, True),
))
def test_networking_is_weighed_from_several_signals(subject, body, address, earlier, outreach):
    verdict = judge(subject, body, address, earlier)
    assert verdict.outreach is outreach, verdict.reasons
    assert 1 <= len(verdict.reasons) <= 3


def test_reasons_say_in_plain_words_what_weighed_most():
    verdict = judge("Application", "Attached is my resume for the Field Organizer role.", "jobs@greenleaf.example", 0)
    assert verdict.reasons[:2] == ("goes to jobs@, not a person",
                                   'reads as a job application: "attached is my resume"')
    friend = judge("Coffee?", "Coffee Saturday?", "ines@gmail.example", 30)
    assert friend.reasons[0] == "you have exchanged 30 emails with them, so it takes a clearer ask"


def test_a_reply_in_someone_elses_thread_counts_only_after_an_introduction():
    body = "Thanks, Mei (moving you to bcc)!\n\nHi Sam, would you have 20 minutes for a call next week?"
    assert judge("Re: Intro: Jordan <> Sam", body, "sam@policy.example", 1, starts_thread=False).outreach
    plain = judge("Re: Canvass", "Would you have 20 minutes for a call next week?", "sam@policy.example", 1,
                  starts_thread=False)
    assert not plain.outreach and plain.reasons[0] == "answers a thread someone else started"


def test_the_users_own_phrases_count_as_an_ask():
    body = "Hi Lou, I'd like to compare notes on the campaign some time."
    assert not judge("Hello", body, "lou@campaign.example", 0).outreach
    assert judge("Hello", body, "lou@campaign.example", 0, extra_phrases=("compare notes",)).outreach


@pytest.mark.parametrize(("address", "role"), cases(
    ("jobs", "jobs@greenleaf.example", "jobs@"),
    ("plus-tag", "careers+organizer@union.example", "careers@"),
    ("dotted", "no.reply@bank.example", "no.reply@"),
    ("ats", "j8f3k@us.greenhouse-mail.example", "an applicant-tracking or mailing system (us.greenhouse-mail.example)"),
    ("person", "maria.lopez@progressive.example", ""),
    ("person-named-like-a-word", "hope@family.example", ""),
))
def test_role_and_system_addresses_are_not_people(address, role):
    assert role_address(address) == role


@pytest.mark.parametrize(("body", "own"), cases(
    ("gmail-quote", "Just bumping this up!\n\nOn Mon, Nov 3, 2026 at 9:14 AM Sam Chen <sam@campaign.example>\n"
     "wrote:\n> Would love to hear how you got started", "Just bumping this up!\n"),
    ("outlook-quote", "Sounds good, thanks!\n\n________________________________\nFrom: Dana Brooks\nSent: Monday\n"
     "Would you have 20 minutes?", "Sounds good, thanks!\n"),
    ("outlook-header-quote", "Thanks!\nFrom: Dana Brooks <dana@x.example>\nSent: Monday, November 3, 2026\n"
     "Subject: coffee chat", "Thanks!"),
    ("signature", "See you then.\n-- \nJordan Rivera\nOrganizer, would love to chat", "See you then."),
    ("iphone", "Works for me\n\nSent from my iPhone", "Works for me\n"),
    ("inline-angle", "> quoted line\nmy answer", "my answer"),
))
def test_only_what_the_user_wrote_is_read(body, own):
    assert own_text(body) == own


@pytest.mark.parametrize(("body", "name", "greeting"), cases(
    ("dear-title", "Dear Ms. Okoro,\n\nI'd be grateful for any advice.", "Adaeze Okoro", "Dear Ms. Okoro,"),
    ("hi-first-name", "Hi Maria!\nWould you have 20 minutes?", "Maria López", "Hi Maria,"),
    ("japanese", "田中様\n\nお時間をいただけますか。", "田中 太郎", ""),
    ("good-morning", "Good morning Senator Ortiz —\nThank you", "Elena Ortiz", "Good morning Senator Ortiz,"),
    ("no-greeting", "I'm a community organizer moving into policy.", "Dana Brooks", ""),
    ("blank-lines-first", "\n\nHello Zoë,\nCafé?", "Zoë Ångström", "Hello Zoë,"),
    ("a-sentence-not-a-greeting", "Hi, I'm Jordan and I am writing to ask about your work.", "Dana Brooks", ""),
    ("only-the-greeting-of-a-sentence", "Hi Dana, I hope you're well.", "Dana Brooks", "Hi Dana,"),
    ("not-the-introducers-greeting", "Hi Mei, thanks for the intro!\n\nHi Sam — great to meet you.", "Sam Chen",
     "Hi Sam,"),
    ("thanks-first", "Thanks, Mei!\n\nSam, great to meet you.", "Sam Chen", ""),
))
def test_the_follow_up_greets_as_the_outreach_did(body, name, greeting):
    assert greeting_of(body, name) == greeting


@pytest.mark.parametrize(("body", "ask"), cases(
    ("fifteen-call", "Would you have 15 minutes for a quick call?", "15 minutes for a call"),
    ("twenty-mins-connect", "Could we find 20 mins to connect?", "20 minutes for a call"),
    ("coffee-half-hour", "Could I buy you a coffee? Half an hour at most.", "30 minutes for a coffee"),
    ("zoom", "A 30-minute Zoom whenever suits you.", "30 minutes for a video call"),
    ("phone", "Would you have twenty minutes for a phone call?", "20 minutes for a phone call"),
    ("no-duration", "Would you be open to a call?", ""),
    ("quoted-ask-ignored", "Bumping this.\n\nOn Mon, Nov 3, 2026, Sam wrote:\n> 45 minutes for coffee", ""),
    ("implausible", "I have 2 minutes of fame.", ""),
))
def test_the_follow_up_repeats_the_users_own_ask(body, ask):
    assert ask_of(body) == ask
    assert DEFAULT_ASK == "20 minutes for a call or a coffee"


@pytest.mark.parametrize(("name", "first"), cases(
    ("plain", "Maria López", "Maria"),
    ("family-comma-given", "López, Maria", "Maria"),
    ("doctor", "Dr. Amara Okafor", "Amara"),
    ("senator", "Sen. Elena Ortiz", "Elena"),
    ("title-after-comma", "Okafor, Dr. Amara", "Amara"),
    ("japanese-family-first", "田中 太郎", "田中 太郎"),
    ("korean", "김민준", "김민준"),
    ("only-a-title", "Dr.", ""),
    ("address-as-name", "maria@progressive.example", ""),
))
def test_a_fallback_first_name_drops_titles_and_keeps_family_first_names_whole(name, first):
    assert first_name(name) == first


# LinkedIn keeps what members put after their name in Last Name, so an import reads "Ana Okafor, MPH": the
# comma is a credential's, not the "Family, Given" one.
@pytest.mark.parametrize(("name", "first"), cases(
    *((f"after-comma-{suffix}", f"Ana Okafor, {suffix}", "Ana") for suffix in (
        "MPH", "PhD", "Ph.D.", "MBA", "JD", "J.D.", "MD", "M.D.", "MPA", "MSW", "Esq.", "Jr.", "Sr.", "II", "III")),
    ("two-credentials", "Ana Okafor, MSW, LCSW", "Ana"),
    ("credentials-with-slash", "Ana Okafor, MBA/MPH", "Ana"),
    ("suffix-then-credential", "Sam Whitfield, Jr., MPA", "Sam"),
    ("family-given-then-credential", "Okafor, Ana, PhD", "Ana"),
    ("family-given", "Okafor, Ana", "Ana"),
    ("family-given-with-title", "Okafor, Dr. Amara", "Amara"),
    ("suffix-without-comma", "Sam Whitfield Jr.", "Sam"),
    ("md-as-a-given-name", "Rahman, Md", "Md"),  # Bangladeshi names shorten Mohammed so: a name, not M.D.
    ("ma-as-a-given-name", "Chen, Ma", "Ma"),
))
def test_a_fallback_first_name_skips_credentials_and_suffixes_after_a_comma(name, first):
    assert first_name(name) == first
