"""The SMTP edge: sends the weekly summary when COFFEECHAT_SMTP_HOST is set (otherwise it is APPENDed to INBOX).

Only this module talks SMTP. Certificates are always verified, a STARTTLS the settings ask
for is never skipped, and every failure becomes one DeliveryError line naming the setting
to check; the password never appears in one.
"""

from __future__ import annotations

import base64
import logging
import smtplib
import socket
import ssl
from collections.abc import Callable
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from daemon import tls
from daemon.errors import DeliveryError
from daemon.smtp_settings import SmtpSettings

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 30
# What we call ourselves in EHLO: an address literal, as Thunderbird does. The machine's own name is
# nobody's business, and looking it up (smtplib's default) can stall on a machine without working DNS.
EHLO_NAME = "[127.0.0.1]"
PORTS_HINT = "check COFFEECHAT_SMTP_TLS and COFFEECHAT_SMTP_PORT (ssl is usually port 465, starttls 587)"


def send(smtp: SmtpSettings, message: EmailMessage, timeout: float = TIMEOUT_SECONDS,
         token: Callable[[], str | None] | None = None) -> None:
    """Hand the message to the SMTP server, from its From address to its To address(es).

    token: where the OAuth2 access token comes from when smtp.oauth2 (the IMAP login's source).
    Raises DeliveryError, or PasswordCommandError (a SettingsError) when the password command fails.
    timeout bounds the connection and each answer the server gives.
    """
    sender, recipients = _envelope(message)
    # Before connecting: a slow password or token command must not keep the server waiting.
    bearer = (token() or "") if smtp.oauth2 and token is not None else None
    secret = "" if bearer is not None else smtp.password()
    where = f"the SMTP server {smtp.host}:{smtp.port}"
    try:
        context = tls.context(smtp.ca_file)  # verifies the chain and the host name
    except (OSError, ValueError) as e:
        raise DeliveryError(f"cannot use the CA file {smtp.ca_file}: {_reason(e)}; check COFFEECHAT_SMTP_CA_FILE "
                            "(or COFFEECHAT_IMAP_CA_FILE, its default)") from None
    client: smtplib.SMTP | None = None
    step = "connecting"
    try:
        if smtp.tls == "ssl":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, local_hostname=EHLO_NAME, timeout=timeout,
                                      context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, local_hostname=EHLO_NAME, timeout=timeout)
        client.ehlo()
        if smtp.tls == "starttls":
            step = "starting TLS"
            if not client.has_extn("starttls"):
                raise DeliveryError(f"{where} does not offer STARTTLS, and coffeechat never sends your password or "
                                    "mail in plain text: use COFFEECHAT_SMTP_TLS=ssl (usually port 465)")
            client.starttls(context=context)
            client.ehlo()  # the server forgets everything said before TLS, and may only now offer AUTH
        if client.has_extn("auth"):
            step = "logging in"
            # The settings allow plain text only to loopback; make sure of it right where it matters.
            if not (isinstance(client.sock, ssl.SSLSocket) or smtp.on_loopback):
                raise DeliveryError(f"refusing to send the password to {where} unencrypted: check COFFEECHAT_SMTP_TLS")
            if bearer is not None:
                _oauth2_login(client, smtp.user, bearer, where)
            else:
                _login(client, smtp.user, secret, where)
        step = "sending"
        refused = client.send_message(message, from_addr=sender, to_addrs=recipients)
    except DeliveryError:
        _close(client)
        raise
    except (OSError, smtplib.SMTPException, UnicodeError, ValueError) as e:  # SMTPException and SSLError are OSErrors
        _close(client)
        raise _failure(e, smtp, where, step, timeout) from None  # never chained: a login error's frames hold secrets
    except BaseException:
        _close(client)
        raise
    try:
        client.quit()
    except (OSError, smtplib.SMTPException):
        client.close()  # the server has the message already; a lost goodbye changes nothing
    for address, (code, text) in refused.items():  # some recipients refused, the others accepted
        log.warning("%s refused the recipient %s (%s %s)", where, address, code, _text(text))
    # debug: the caller says at INFO what was delivered, in the user's words
    log.debug("sent %s to %s through %s", message.get("Subject", "the message"), ", ".join(recipients), where)


def _envelope(message: EmailMessage) -> tuple[str, list[str]]:
    """The envelope sender and recipients: the From address and the To address(es)."""
    headers = {name: [str(value) for value in message.get_all(name, [])] for name in ("From", "To")}
    for name, values in headers.items():
        if any("\r" in value or "\n" in value for value in values):
            raise DeliveryError(f"not sent: the message's {name} header holds a line break (CR or LF)")
    sender = parseaddr(headers["From"][0])[1] if len(headers["From"]) == 1 else ""
    recipients = [address for _, address in getaddresses(headers["To"]) if "@" in address]
    if "@" not in sender or not recipients:
        raise DeliveryError("not sent: the message needs one From address and at least one To address; "
                            "check COFFEECHAT_MY_ADDRESSES")
    return sender, recipients


def _login(client: smtplib.SMTP, user: str, secret: str, where: str) -> None:
    """One attempt, by one method: smtplib's login() tries the next method after a refusal, which only
    counts as a second failed login (and some servers hang up instead of answering it)."""
    offered = client.esmtp_features.get("auth", "").upper().split()
    if "PLAIN" in offered:
        # Built here because smtplib sends credentials as ASCII only; PLAIN carries UTF-8 (RFC 4616).
        token = base64.b64encode(f"\0{user}\0{secret}".encode()).decode("ascii")
        code, reply = client.docmd("AUTH", f"PLAIN {token}")
        if code != 235:
            raise smtplib.SMTPAuthenticationError(code, reply)
    elif "LOGIN" in offered and (user + secret).isascii():
        client.user, client.password = user, secret
        client.auth("LOGIN", client.auth_login)  # SMTPAuthenticationError when refused
    else:
        raise DeliveryError(f"{where} offers no login method coffeechat can use (it offers "
                            f"{' '.join(offered) or 'none'}; coffeechat speaks PLAIN, and LOGIN for an ASCII-only "
                            "user and password)")


def _oauth2_login(client: smtplib.SMTP, user: str, token: str, where: str) -> None:
    """AUTH XOAUTH2, as Gmail and Microsoft 365 take it: one attempt, the token never quoted back."""
    if "XOAUTH2" not in client.esmtp_features.get("auth", "").upper().split():
        raise DeliveryError(f"{where} does not take an OAuth2 token (no AUTH XOAUTH2): set COFFEECHAT_SMTP_PASSWORD "
                            "for the summary by SMTP, or unset COFFEECHAT_SMTP_HOST to have it put in your INBOX")
    blob = base64.b64encode(f"user={user}\x01auth=Bearer {token}\x01\x01".encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"XOAUTH2 {blob}")
    if code == 334:  # a refusal comes as a challenge holding the error; the empty answer ends the exchange
        code, reply = client.docmd("")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _failure(error: BaseException, smtp: SmtpSettings, where: str, step: str, timeout: float) -> DeliveryError:
    """One line for what went wrong and which setting to look at."""
    if isinstance(error, smtplib.SMTPServerDisconnected) and isinstance(error.__context__, TimeoutError):
        error = error.__context__  # smtplib reports a reply that never came as a closed connection
    if isinstance(error, ssl.SSLCertVerificationError):
        return DeliveryError(tls.certificate_problem(error, where, "SMTP"))
    if step == "logging in" and isinstance(error, (smtplib.SMTPResponseException, UnicodeError)):
        # Never quoted: what the server or smtplib says about a login may echo what was sent.
        if smtp.oauth2:
            return DeliveryError(f"{where} refused the login with {smtp.password_setting} for {smtp.user}: the "
                                 "account signed in may not be allowed to send by SMTP (Microsoft 365: "
                                 "authenticated SMTP is off by default), or set COFFEECHAT_SMTP_PASSWORD")
        return DeliveryError(f"{where} refused the login for {smtp.user}: check COFFEECHAT_SMTP_USER and "
                             f"{_password_hint(smtp)} (most providers want an app password)")
    if isinstance(error, ssl.SSLError):
        if smtp.tls == "ssl" and error.reason == "WRONG_VERSION_NUMBER":  # it answered in plain text
            return DeliveryError(f"{where} does not speak TLS from the first byte: use COFFEECHAT_SMTP_TLS=starttls "
                                 "(usually port 587), or check COFFEECHAT_SMTP_PORT (implicit TLS is usually 465)")
        return DeliveryError(f"TLS with {where} failed ({_reason(error)}): {PORTS_HINT}")
    if isinstance(error, socket.gaierror):
        return DeliveryError(f"cannot reach {where} (no such host): check COFFEECHAT_SMTP_HOST")
    if isinstance(error, ConnectionRefusedError):
        return DeliveryError(f"cannot reach {where} (connection refused): check COFFEECHAT_SMTP_HOST and "
                             "COFFEECHAT_SMTP_PORT")
    if isinstance(error, TimeoutError):  # socket.timeout too
        said = f"no answer from {where} within {timeout:g} s while {step}"
        if step != "connecting":
            return DeliveryError(f"{said}: try again later")
        if smtp.tls == "ssl":
            return DeliveryError(f"{said}: check COFFEECHAT_SMTP_HOST and COFFEECHAT_SMTP_PORT")
        # A port that expects implicit TLS waits in silence for our TLS hello while we wait for its greeting.
        return DeliveryError(f"{said}: check COFFEECHAT_SMTP_HOST and COFFEECHAT_SMTP_PORT; a port that "
                             "expects implicit TLS (usually 465) needs COFFEECHAT_SMTP_TLS=ssl")
    if isinstance(error, smtplib.SMTPServerDisconnected):
        hint = f": {PORTS_HINT}" if step in ("connecting", "starting TLS") else ""
        return DeliveryError(f"{where} closed the connection while {step}{hint}")
    if isinstance(error, smtplib.SMTPSenderRefused) and error.smtp_code == 530:  # "authentication required"
        return DeliveryError(f"{where} wants a login but offered none on this connection: {PORTS_HINT}")
    if isinstance(error, smtplib.SMTPSenderRefused):
        said = f"{error.smtp_code} {_text(error.smtp_error)}"
        return DeliveryError(f"{where} refused the sender {error.sender} ({said}): check that "
                             "COFFEECHAT_SMTP_USER may send from it (the first of COFFEECHAT_MY_ADDRESSES)")
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        refused = "; ".join(f"{address}: {code} {_text(text)}" for address, (code, text) in error.recipients.items())
        return DeliveryError(f"{where} refused the recipient ({refused}): check COFFEECHAT_MY_ADDRESSES")
    if isinstance(error, smtplib.SMTPResponseException):  # a refused message, greeting or EHLO
        return DeliveryError(f"{where} answered {error.smtp_code} {_text(error.smtp_error)} while {step}")
    if isinstance(error, OSError) and not isinstance(error, smtplib.SMTPException):
        if step != "connecting":
            return DeliveryError(f"lost the connection to {where} while {step} ({_reason(error)}): try again later")
        return DeliveryError(f"cannot reach {where} ({_reason(error)}): check COFFEECHAT_SMTP_HOST and "
                             "COFFEECHAT_SMTP_PORT")
    return DeliveryError(f"could not send through {where} while {step}: {_reason(error)}")


def _password_hint(smtp: SmtpSettings) -> str:
    if "SMTP_" in smtp.password_setting:
        return smtp.password_setting
    return f"COFFEECHAT_SMTP_PASSWORD (unset, so {smtp.password_setting} was used)"


def _close(client: smtplib.SMTP | None) -> None:
    if client is not None:
        client.close()


def _text(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return " ".join(text.split())[:200]


def _reason(error: BaseException) -> str:
    text = str(error) or type(error).__name__
    return " ".join(text.split())[:300]
