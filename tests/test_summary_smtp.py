"""`coffeechat summary --send` by SMTP: a real SMTP server that requires STARTTLS and a login gets it once."""

from __future__ import annotations

import email
import email.policy

from test_smtp import ME, PASSWORD, Handler, certificates, starttls_server  # noqa: F401 (a fixture)
from test_summary import HOSTILE, inbox_summaries, week  # noqa: F401 (a fixture)


def test_summary_goes_by_smtp_with_starttls_once_a_week(week, capsys, certificates):  # noqa: F811
    handler = Handler()
    with starttls_server(handler, certificates) as port:
        smtp = {"smtp_host": "localhost", "smtp_port": str(port), "smtp_tls": "starttls", "smtp_user": ME,
                "smtp_password": PASSWORD, "smtp_ca_file": str(certificates.cert), "timezone": "UTC"}
        code, out, err = week.run(capsys, "summary", "--send", **smtp)
        assert code == 0, err
        assert "sent by SMTP through localhost" in out
        code, out, err = week.run(capsys, "summary", "--send", **smtp)
        assert code == 0 and "already delivered" in out
    assert handler.logins == [(ME, True)]          # one login, over TLS
    [received] = handler.messages
    assert (received.mail_from, received.rcpt_tos) == (ME, [ME])
    message = email.message_from_bytes(received.content, policy=email.policy.default)
    assert message["Subject"].strip().startswith("coffeechat week ")  # folded onto its own line: RFC 5322 allows it
    assert message.get_content_type() == "multipart/alternative"
    html = message.get_body(("html",)).get_content()
    assert "Sam Chen" in html and HOSTILE not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert inbox_summaries(week) == []             # not APPENDed as well


def test_a_refused_smtp_login_is_one_line_and_the_summary_is_finished_later(week, capsys, certificates):  # noqa: F811
    handler = Handler()
    with starttls_server(handler, certificates) as port:
        smtp = {"smtp_host": "localhost", "smtp_port": str(port), "smtp_tls": "starttls", "smtp_user": ME,
                "smtp_ca_file": str(certificates.cert), "timezone": "UTC"}
        code, out, err = week.run(capsys, "summary", "--send", smtp_password="wrong-secret", **smtp)
        assert code == 1 and "COFFEECHAT_SMTP_PASSWORD" in err and "wrong-secret" not in err + out
        assert err.count("\n") == 1
        code, out, err = week.run(capsys, "summary", "--send", smtp_password=PASSWORD, **smtp)
        assert code == 0, err
        code, out, err = week.run(capsys, "summary", "--send", smtp_password=PASSWORD, **smtp)
        assert "already delivered" in out
    assert len(handler.messages) == 1
