"""The weekly summary by SMTP: its settings, and delivery to real SMTP servers (aiosmtpd) on loopback."""

from __future__ import annotations

import base64
import email
import email.policy
import logging
import socket
import ssl
import traceback
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from corpus import settings_values

from daemon import localmail
from daemon.errors import DeliveryError, PasswordCommandError, SettingsError
from daemon.settings import from_values
from daemon.smtp_settings import SmtpSettings
from daemon.writing.smtp import send

ME = "jordan@example.org"
PASSWORD = "correct horse battery"


# --- servers --------------------------------------------------------------------------------------


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    content: bytes


@dataclass
class Handler:
    """What an aiosmtpd server got: each accepted message, and each login with whether it was over TLS."""

    password: str = PASSWORD
    refuse_recipients: bool = False
    messages: list[Received] = field(default_factory=list)
    logins: list[tuple[str, bool]] = field(default_factory=list)  # (user, over TLS)

    async def handle_RCPT(self, server, session, envelope, address, options) -> str:
        if self.refuse_recipients:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:
        self.messages.append(Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 2.0.0 queued"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        assert isinstance(auth_data, LoginPassword)
        over_tls = server.transport.get_extra_info("ssl_object") is not None
        user = auth_data.login.decode()
        self.logins.append((user, over_tls))
        # handled=False: aiosmtpd answers 535 itself (handled=True would leave the client waiting)
        return AuthResult(success=user == ME and auth_data.password.decode() == self.password, handled=False)


@dataclass(frozen=True)
class Certificates:
    cert: Path   # self-signed, for localhost only: it is its own CA
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> Certificates:
    root = tmp_path_factory.mktemp("smtp-tls")
    cert = localmail._make_certificate(root)  # the suite's way: a real certificate from the openssl command
    return Certificates(cert, root / "key.pem")


@contextmanager
def server(handler: Handler, **options: object) -> Iterator[int]:
    """A real SMTP server on 127.0.0.1 for the length of the block; yields its port."""
    port = localmail.free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, server_hostname="localhost",
                            authenticator=handler.authenticate, **options)
    controller.start()
    try:
        yield port
    finally:
        controller.stop()


def starttls_server(handler: Handler, certificates: Certificates) -> AbstractContextManager[int]:
    """Like a provider's port 587: STARTTLS first, then a login, then mail."""
    return server(handler, tls_context=certificates.server_context(), require_starttls=True,
                  auth_required=True, auth_require_tls=True)


def smtp_from(**overrides: str | None) -> SmtpSettings | None:
    """The SMTP settings as read from the minimal COFFEECHAT_* values with some changed (None removes one)."""
    return from_values(settings_values(**overrides)).smtp


def smtp_settings(port: int, **overrides: str | None) -> SmtpSettings:
    """Settings for a test server on localhost: the real parsing, not a hand-built object."""
    smtp = smtp_from(**{"imap_password": PASSWORD, "smtp_host": "localhost", "smtp_port": str(port), **overrides})
    assert smtp is not None
    return smtp


def summary() -> EmailMessage:
    message = EmailMessage()
    message["From"] = f"Jordan Rivera <{ME}>"
    message["To"] = f"Jordan Rivera <{ME}>"
    message["Subject"] = "Your week: 2 replies, 1 coffee chat, 3 drafts waiting"
    message["Message-ID"] = "<summary-2026-11-23@coffeechat>"
    message.set_content("Replies: Amara Okafor, Mei Chen.\n.\nA line that is only a dot stays.\n")
    message.add_alternative("<p>Replies: <b>Amara Okafor</b>, Mei Chen.</p>", subtype="html")
    return message


def delivery_error(smtp: SmtpSettings, message: EmailMessage | None = None, timeout: float = 5) -> str:
    with pytest.raises(DeliveryError) as raised:
        send(smtp, message or summary(), timeout=timeout)
    text = str(raised.value)
    assert len(text.splitlines()) == 1 and raised.value.exit_code == 1
    return text


# --- delivery -------------------------------------------------------------------------------------


def test_starttls_then_login_then_the_summary_arrives_exactly_as_sent(certificates: Certificates,
                                                                     caplog: pytest.LogCaptureFixture):
    handler = Handler()
    message = summary()
    sent = message.as_bytes(policy=message.policy.clone(linesep="\r\n"))  # also fixes the MIME boundary
    with starttls_server(handler, certificates) as port, caplog.at_level(logging.DEBUG, logger="daemon"):
        send(smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert)), message)
    assert handler.logins == [(ME, True)]  # logged in, and only after TLS was up
    [received] = handler.messages
    assert (received.mail_from, received.rcpt_tos) == (ME, [ME])
    assert received.content == sent
    parsed = email.message_from_bytes(received.content, policy=email.policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    assert [part.get_content_type() for part in parsed.iter_parts()] == ["text/plain", "text/html"]
    for kind in ("plain", "html"):
        assert parsed.get_body((kind,)).get_content().replace("\r\n", "\n") == message.get_body((kind,)).get_content()
    ours = [record.getMessage() for record in caplog.records if record.name.startswith("daemon")]
    assert ours and not any(PASSWORD in line for line in ours)


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # it is TLS, from the first byte
def test_implicit_tls_delivers(certificates: Certificates):
    handler = Handler()
    # To aiosmtpd, auth_require_tls means STARTTLS: it does not count implicit TLS.
    with server(handler, ssl_context=certificates.server_context(), auth_required=True, auth_require_tls=False) as port:
        send(smtp_settings(port, smtp_tls="ssl", smtp_ca_file=str(certificates.cert)), summary())
    assert handler.logins == [(ME, True)]
    assert [m.rcpt_tos for m in handler.messages] == [[ME]]


def test_plain_text_to_loopback_delivers_when_asked(certificates: Certificates):
    handler = Handler()
    with server(handler) as port:
        send(smtp_settings(port, smtp_tls="none"), summary())
    assert [m.mail_from for m in handler.messages] == [ME]
    assert handler.logins == []  # no AUTH offered without TLS, so no password sent in the clear


def test_a_server_without_starttls_gets_nothing_when_starttls_is_required():
    handler = Handler()
    with server(handler) as port:  # plain text only: no STARTTLS on offer
        error = delivery_error(smtp_settings(port, smtp_tls="starttls"))
    assert "does not offer STARTTLS" in error and "COFFEECHAT_SMTP_TLS" in error
    assert handler.messages == [] and handler.logins == []


def test_implicit_tls_to_a_plain_text_port_says_to_use_starttls():
    handler = Handler()
    with server(handler) as port:
        error = delivery_error(smtp_settings(port, smtp_tls="ssl"))
    assert "does not speak TLS from the first byte: use COFFEECHAT_SMTP_TLS=starttls" in error
    assert handler.messages == []


def test_an_untrusted_certificate_is_refused_before_anything_is_sent(certificates: Certificates):
    for tls, options in (("starttls", {"tls_context": certificates.server_context(), "require_starttls": True}),
                         ("ssl", {"ssl_context": certificates.server_context()})):
        handler = Handler()
        with server(handler, **options) as port:
            error = delivery_error(smtp_settings(port, smtp_tls=tls))  # no CA file: the system store
        assert "TLS certificate of the SMTP server localhost:" in error, tls
        assert "could not be verified" in error and "COFFEECHAT_SMTP_CA_FILE" in error, tls
        assert handler.messages == [] and handler.logins == [], tls


def test_a_certificate_for_another_name_is_refused(certificates: Certificates):
    handler = Handler()
    with server(handler, ssl_context=certificates.server_context()) as port:
        error = delivery_error(smtp_settings(port, smtp_host="127.0.0.1", smtp_ca_file=str(certificates.cert)))
    assert "is for another name" in error and "COFFEECHAT_SMTP_HOST" in error
    assert handler.messages == []


def test_a_wrong_password_is_one_line_naming_the_setting_never_the_password(certificates: Certificates):
    handler = Handler(password="the real one")
    with starttls_server(handler, certificates) as port:
        with pytest.raises(DeliveryError) as raised:
            send(smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert),
                               smtp_password="wrong-Pa55word"), summary())
    error = str(raised.value)
    assert error == (f"the SMTP server localhost:{port} refused the login for {ME}: check COFFEECHAT_SMTP_USER "
                     "and COFFEECHAT_SMTP_PASSWORD (most providers want an app password)")
    shown = "".join(traceback.format_exception(raised.value))
    assert "wrong-Pa55word" not in shown and "PLAIN" not in shown
    assert handler.logins == [(ME, True)] and handler.messages == []


def test_the_imap_password_is_used_when_no_smtp_password_is_set(certificates: Certificates):
    handler = Handler()
    with starttls_server(handler, certificates) as port:
        smtp = smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert))
        assert smtp.password_setting == "COFFEECHAT_IMAP_PASSWORD"
        send(smtp, summary())
        handler.password = "rotated"  # now the shared password is wrong: the message says which one was used
        error = delivery_error(smtp)
    assert len(handler.messages) == 1
    assert "COFFEECHAT_SMTP_PASSWORD (unset, so COFFEECHAT_IMAP_PASSWORD was used)" in error


def test_the_password_command_runs_when_sending_not_when_settings_load(certificates: Certificates, tmp_path: Path):
    ran = tmp_path / "ran"
    handler = Handler(password="from the keyring")
    with starttls_server(handler, certificates) as port:
        smtp = smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert),
                             smtp_password_command=f"touch {ran}; printf 'from the keyring\\n'")
        assert not ran.exists()
        send(smtp, summary())
    assert ran.exists() and handler.logins == [(ME, True)] and len(handler.messages) == 1


def test_the_imap_password_command_is_used_and_named_when_it_fails(certificates: Certificates):
    handler = Handler()
    with starttls_server(handler, certificates) as port:
        smtp = smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert), imap_password=None,
                             imap_password_command=f"echo '{PASSWORD}'")
        send(smtp, summary())
        failing = smtp_settings(port, imap_password=None, imap_password_command="exit 3")
        with pytest.raises(PasswordCommandError, match="^COFFEECHAT_IMAP_PASSWORD_COMMAND failed"):
            send(failing, summary())
        failing = smtp_settings(port, smtp_password_command="exit 3")
        with pytest.raises(PasswordCommandError, match="^COFFEECHAT_SMTP_PASSWORD_COMMAND failed"):
            send(failing, summary())
    assert len(handler.messages) == 1


def test_a_password_beyond_ascii_logs_in(certificates: Certificates):
    handler = Handler(password="pässwört-日本")
    with starttls_server(handler, certificates) as port:
        send(smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert),
                           smtp_password="pässwört-日本"), summary())
    assert handler.logins == [(ME, True)] and len(handler.messages) == 1


def test_a_server_offering_only_auth_login_gets_one_login(certificates: Certificates):
    handler = Handler()
    with server(handler, tls_context=certificates.server_context(), require_starttls=True, auth_required=True,
                auth_exclude_mechanism=["PLAIN"]) as port:
        smtp = smtp_settings(port, smtp_tls="starttls", smtp_ca_file=str(certificates.cert))
        send(smtp, summary())
        handler.password = "rotated"
        error = delivery_error(smtp)
    assert "refused the login" in error
    assert handler.logins == [(ME, True), (ME, True)] and len(handler.messages) == 1  # one try each, not two


def test_a_refused_recipient_is_one_line():
    handler = Handler(refuse_recipients=True)
    with server(handler) as port:
        error = delivery_error(smtp_settings(port, smtp_tls="none"))
    assert "refused the recipient" in error and "550 5.1.1 no such mailbox here" in error
    assert handler.messages == []


def test_nothing_listening_is_one_line_naming_host_and_port():
    port = localmail.free_port()
    error = delivery_error(smtp_settings(port, smtp_tls="starttls"))
    assert error == (f"cannot reach the SMTP server localhost:{port} (connection refused): "
                     "check COFFEECHAT_SMTP_HOST and COFFEECHAT_SMTP_PORT")


def test_a_silent_server_times_out_with_a_hint_about_implicit_tls():
    with socket.socket() as listener:  # accepts connections, never says a word: like STARTTLS sent to port 465
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        port = listener.getsockname()[1]
        error = delivery_error(smtp_settings(port, smtp_tls="starttls"), timeout=0.5)
    assert f"no answer from the SMTP server localhost:{port} within 0.5 s" in error
    assert "COFFEECHAT_SMTP_TLS=ssl" in error


def test_a_header_with_a_line_break_is_never_sent():
    handler = Handler()
    message = EmailMessage(policy=email.policy.compat32)  # the one policy that lets CR/LF into a header
    message["From"] = ME
    message["To"] = f"{ME}\r\nBcc: someone@elsewhere.example"
    message.set_payload("hello")
    with server(handler) as port:
        error = delivery_error(smtp_settings(port, smtp_tls="none"), message)
    assert "line break" in error and handler.messages == []


# --- settings -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("port", "tls", "expected"), [
    (None, None, (465, "ssl")),
    ("587", None, (587, "starttls")),
    ("465", None, (465, "ssl")),
    ("2525", None, (2525, "ssl")),
    (None, "starttls", (587, "starttls")),
    (None, "SSL", (465, "ssl")),
    ("1587", "starttls", (1587, "starttls")),
])
def test_port_and_tls_default_to_each_other(port: str | None, tls: str | None, expected: tuple[int, str]):
    smtp = smtp_from(smtp_host="smtp.fastmail.com", smtp_port=port, smtp_tls=tls)
    assert (smtp.port, smtp.tls) == expected


def test_no_smtp_host_means_no_smtp():
    assert smtp_from() is None


def test_plain_text_is_allowed_to_loopback_only():
    assert (smtp_from(smtp_host="localhost", smtp_tls="none").port, smtp_from(smtp_host="::1", smtp_tls="none").tls) \
        == (25, "none")


def test_user_password_and_ca_file_fall_back_to_the_imap_ones(tmp_path: Path, certificates: Certificates):
    smtp = smtp_from(smtp_host="smtp.example.org", imap_ca_file=str(certificates.cert))
    assert (smtp.user, smtp.password(), smtp.ca_file) == (ME, "x", str(certificates.cert))
    other_ca = tmp_path / "other.pem"
    other_ca.write_bytes(certificates.cert.read_bytes())
    smtp = smtp_from(smtp_host="smtp.example.org", imap_ca_file=str(certificates.cert), smtp_ca_file=str(other_ca),
                     smtp_user="jordan.rivera", smtp_password=" spaces kept ")
    assert (smtp.user, smtp.password(), smtp.ca_file) == ("jordan.rivera", " spaces kept ", str(other_ca))
    assert "spaces kept" not in repr(smtp)
    assert "echo" not in repr(smtp_from(smtp_host="smtp.example.org", smtp_password_command="echo hush"))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"smtp_tls": "none"},
     "COFFEECHAT_SMTP_TLS=none is refused for 'smtp.example.org': plain text is allowed only to loopback; "
     "use ssl or starttls"),
    ({"smtp_tls": "tls"}, "COFFEECHAT_SMTP_TLS='tls' is not allowed: use one of ssl, starttls, none"),
    ({"smtp_password": "a", "smtp_password_command": "pass show smtp"},
     "COFFEECHAT_SMTP_PASSWORD and COFFEECHAT_SMTP_PASSWORD_COMMAND are both set: keep only one"),
    ({"smtp_ca_file": "/nonexistent/ca.pem"},
     "COFFEECHAT_SMTP_CA_FILE='/nonexistent/ca.pem': no such file; give the path of an existing file"),
    ({"smtp_host": "smtp example.org"},
     "COFFEECHAT_SMTP_HOST='smtp example.org' is not a server name or address: e.g. smtp.fastmail.com"),
    ({"smtp_host": "smtp..example.org"},
     "COFFEECHAT_SMTP_HOST='smtp..example.org' is not a server name or address: e.g. smtp.fastmail.com"),
    ({"smtp_port": "submission"}, "COFFEECHAT_SMTP_PORT='submission' is not a whole number: use one from 1 to 65535"),
    ({"smtp_port": "70000"}, "COFFEECHAT_SMTP_PORT=70000 is out of range: use one from 1 to 65535"),
    ({"smtp_user": "jordan\nBcc"}, "COFFEECHAT_SMTP_USER contains a line break or control character: keep it on "
                                   "one line"),
    ({"smtp_host": None, "smtp_port": "587"},
     "COFFEECHAT_SMTP_PORT is set but COFFEECHAT_SMTP_HOST is not: set COFFEECHAT_SMTP_HOST to send the weekly "
     "summary by SMTP, or remove COFFEECHAT_SMTP_PORT"),
    ({"smtp_hots": "smtp.example.org"},
     "COFFEECHAT_SMTP_HOTS is not a coffeechat setting: did you mean COFFEECHAT_SMTP_HOST?"),
])
def test_each_bad_smtp_setting_is_one_line_naming_it(overrides: dict[str, str | None], message: str):
    with pytest.raises(SettingsError) as raised:
        smtp_from(**{"smtp_host": "smtp.example.org", **overrides})
    assert str(raised.value) == message and raised.value.exit_code == 2


def test_a_ca_file_that_is_not_pem_is_refused(tmp_path: Path):
    not_pem = tmp_path / "ca.pem"
    not_pem.write_text("not a certificate\n")
    with pytest.raises(SettingsError, match=r"^COFFEECHAT_SMTP_CA_FILE=.* holds no usable certificate: give a PEM"):
        smtp_from(smtp_host="smtp.example.org", smtp_ca_file=str(not_pem))


# --- OAuth2 (XOAUTH2, as Gmail's and Microsoft 365's SMTP take it) ---------------------------------------------

class OAuth2Handler(Handler):
    """Takes AUTH XOAUTH2 with one good token; a refusal comes as Gmail sends it: a 334 challenge holding the error."""

    good_token = "good-access-token"

    async def auth_XOAUTH2(self, server, args) -> AuthResult:
        blob = base64.b64decode(args[1]).decode() if len(args) > 1 else ""
        fields = dict(part.split("=", 1) for part in blob.split("\x01") if "=" in part)
        self.logins.append((fields.get("user", ""), server.transport.get_extra_info("ssl_object") is not None))
        if fields.get("auth") == f"Bearer {self.good_token}":
            return AuthResult(success=True, auth_data=fields["user"])
        error = base64.b64encode(b'{"status":"400","schemes":"Bearer","scope":"https://mail.google.com/"}')
        await server.challenge_auth(error.decode(), encode_to_b64=False)
        return AuthResult(success=False, handled=False)


def oauth2_smtp(port: int, certificates: Certificates) -> SmtpSettings:
    smtp = smtp_settings(port, imap_password=None, imap_oauth2_token_command="oama access me",
                         smtp_tls="starttls", smtp_ca_file=str(certificates.cert))
    assert smtp.oauth2 and smtp.password_setting == "the IMAP login's OAuth2 token"
    return smtp


def test_with_an_oauth2_imap_login_the_summary_logs_in_by_xoauth2_with_the_same_token(certificates: Certificates):
    handler = OAuth2Handler()
    with starttls_server(handler, certificates) as port:
        asked = []
        send(oauth2_smtp(port, certificates), summary(), token=lambda: asked.append(1) or handler.good_token)
    assert asked == [1]                          # one fresh token for the one connection
    assert handler.logins == [(ME, True)]        # by XOAUTH2, after STARTTLS
    assert len(handler.messages) == 1


def test_a_refused_oauth2_token_is_one_line_without_the_token(certificates: Certificates):
    handler = OAuth2Handler()
    expired = "-".join(("expired", "token", "XYZ"))  # built, so the traceback's source lines do not spell it
    with starttls_server(handler, certificates) as port:
        with pytest.raises(DeliveryError) as raised:
            send(oauth2_smtp(port, certificates), summary(), token=lambda: expired)
    assert str(raised.value) == (
        f"the SMTP server localhost:{port} refused the login with the IMAP login's OAuth2 token for {ME}: the "
        "account signed in may not be allowed to send by SMTP (Microsoft 365: authenticated SMTP is off by "
        "default), or set COFFEECHAT_SMTP_PASSWORD")
    assert expired not in "".join(traceback.format_exception(raised.value))
    assert handler.messages == []


def test_a_server_without_xoauth2_says_to_set_a_smtp_password(certificates: Certificates):
    handler = Handler()                          # PLAIN and LOGIN only
    with starttls_server(handler, certificates) as port:
        with pytest.raises(DeliveryError) as raised:
            send(oauth2_smtp(port, certificates), summary(), token=lambda: "a-token")
    assert str(raised.value).endswith("does not take an OAuth2 token (no AUTH XOAUTH2): set COFFEECHAT_SMTP_PASSWORD "
                                      "for the summary by SMTP, or unset COFFEECHAT_SMTP_HOST to have it put in your "
                                      "INBOX")
    assert handler.logins == [] and handler.messages == []
