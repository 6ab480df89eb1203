"""Automatic mail that is not an answer, and the return dates out-of-office replies give, in seven languages."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from daemon.mail.auto_replies import (
    AUTOMATIC,
    CHALLENGE,
    MOVED,
    OUT_OF_OFFICE,
    READ_RECEIPT,
    TICKET,
    read_automatic,
    suspect,
)
from daemon.mail.return_dates import return_date

SENT = datetime(2026, 11, 20, 15, 0, tzinfo=timezone.utc)
AUTO = {"auto-submitted": "auto-replied"}


@pytest.mark.parametrize("subject", [
    "Automatic reply: Coffee?", "Auto: Coffee?", "Out of Office: Coffee?", "AutoReply: Coffee?",
    "Respuesta automática: ¿Un café?", "Fuera de la oficina", "Réponse automatique : Un café ?",
    "Absence du bureau", "Abwesenheitsnotiz: Ein Kaffee?", "Automatische Antwort: Ein Kaffee?",
    "Resposta automática: Um café?", "Ausência temporária", "Risposta automatica: Un caffè?", "Fuori ufficio",
    "Automatisch antwoord: Koffie?", "Afwezig: Koffie?",
])
def test_out_of_office_subjects_in_seven_languages(subject: str) -> None:
    assert suspect({}, subject)
    found = read_automatic({}, subject, "", "them@x.example")
    assert found is not None and found.kind == OUT_OF_OFFICE


@pytest.mark.parametrize("fields", [
    {"auto-submitted": "auto-replied"}, {"auto-submitted": "auto-generated"},
    {"auto-submitted": "auto-replied (zimbra; vacation)"}, {"x-autoreply": "yes"}, {"x-autorespond": "1"},
    {"precedence": "auto_reply"}, {"x-ms-exchange-inbox-rules-loop": "them@x.example"},
])
def test_headers_first(fields: dict) -> None:
    found = read_automatic(fields, "Re: Coffee?", "I am out of the office until Monday.", "them@x.example")
    assert found is not None and found.kind == OUT_OF_OFFICE


def test_a_persons_reply_is_not_automatic() -> None:
    assert read_automatic({}, "Re: Coffee?", "Happy to! I'm back from leave now.", "them@x.example") is None
    assert read_automatic({"auto-submitted": "no"}, "Re: Coffee?", "Sure.", "them@x.example") is None
    # Outlook marks more than out-of-office replies with X-Auto-Response-Suppress: alone it says nothing.
    assert read_automatic({"x-auto-response-suppress": "All"}, "Re: Coffee?", "Sure, Tuesday.", "a@x.example") is None


@pytest.mark.parametrize("fields, subject, body, kind, new", [
    (AUTO, "Please verify your email", "Please verify that you are a human before your message is delivered.",
     CHALLENGE, ""),
    (AUTO, "Re: Coffee?", "The user is using BoxTrapper. Your message is held pending your verification.",
     CHALLENGE, ""),
    ({}, "Ticket Received - Coffee?", "We have received your request. Your ticket number is #77512.", TICKET, ""),
    ({"auto-submitted": "auto-generated"}, "[Help] Re: Coffee?", "Your request (#48213) has been received.",
     TICKET, ""),
    (AUTO, "Automatic reply: Coffee?",
     "This mailbox is no longer monitored. Please write to devon@new.example.", MOVED, "devon@new.example"),
    (AUTO, "Réponse automatique", "Cette adresse n'est plus consultée. Merci d'écrire à j@nouvelle.example.",
     MOVED, "j@nouvelle.example"),
    (AUTO, "Automatische Antwort", "Diese Adresse ist nicht mehr aktiv. Bitte künftig an lena@neu.example.",
     MOVED, "lena@neu.example"),
    (AUTO, "Respuesta automática", "Esta cuenta ya no está en uso. Escriba a ana@nueva.example.",
     MOVED, "ana@nueva.example"),
    ({"content-type": "multipart/report; report-type=disposition-notification"}, "Read: Coffee?", "", READ_RECEIPT,
     ""),
    ({}, "Gelesen: Coffee?", "Ihre Nachricht wurde am Dienstag gelesen.", READ_RECEIPT, ""),
    (AUTO, "Re: Coffee?", "Thanks for writing.", AUTOMATIC, ""),
])
def test_automatic_mail_that_is_not_an_answer(fields, subject, body, kind, new) -> None:
    found = read_automatic(fields, subject, body, "them@old.example")
    assert found is not None and (found.kind, found.new_address) == (kind, new)


@pytest.mark.parametrize("text, expected", [
    ("I will be back on December 3.", "2026-12-03"),
    ("I am out until 12/3 with limited access to email.", "2026-12-03"),
    ("Returning 2026-12-03.", "2026-12-03"),
    ("Back Monday, Dec. 3rd", "2026-12-03"),
    ("Je suis absente, de retour le 3 décembre.", "2026-12-03"),
    ("Je serai absent jusqu'au 3/12.", "2026-12-03"),
    ("Ich bin ab dem 3. Dezember wieder im Büro.", "2026-12-03"),
    ("Ich bin bis 3.12. im Urlaub.", "2026-12-03"),
    ("Estoy fuera, regreso el 3 de diciembre.", "2026-12-03"),
    ("De vacaciones hasta el 3/12/2026.", "2026-12-03"),
    ("Estou de férias. Retorno no dia 03/12/2026.", "2026-12-03"),
    ("Volto no dia 3 de dezembro.", "2026-12-03"),
    ("Sono fuori ufficio. Rientro il 3 dicembre.", "2026-12-03"),
    ("Ik ben afwezig, terug op 3 december.", "2026-12-03"),
    ("Ik ben er weer vanaf 3-12-2026", None),            # a form we do not guess at
    ("Back January 5", "2027-01-05"),                    # written in November: next year's January
    ("Sent on 2026-11-19. Thanks!", None),               # a date with no cue is not a return
    ("I'm back on May 30, 2027", None),                  # more than 120 days away: not an out-of-office date
])
def test_return_dates(text: str, expected: str | None) -> None:
    found = return_date(text, SENT)
    assert (found.date().isoformat() if found else None) == expected


def test_return_dates_are_read_in_bounded_time() -> None:
    started = datetime.now(timezone.utc)
    return_date(("back until " + "1" * 50 + " ") * 2000, SENT)
    assert (datetime.now(timezone.utc) - started).total_seconds() < 2
