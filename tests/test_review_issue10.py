"""Review of issue 10 (providers and OAuth2): defects found, each shown by a test that fails until it is fixed."""

from __future__ import annotations

import socket
import subprocess
import threading
import urllib.parse
from collections.abc import Iterator

import pytest
from oauth2_provider import Provider, User, browser, finish, read_until


class Unwell(Provider):
    """The stand-in, able to have a bad moment as real providers do: HTTP 503 with the OAuth2 error
    `temporarily_unavailable` (RFC 6749 5.2) at the token endpoint, for any grant."""

    outage = False

    def _token(self, request, form, microsoft):
        if self.outage:
            self.grants.append(form.get("grant_type", ""))
            request.answer(503, {"error": "temporarily_unavailable", "error_description":
                                 "AADSTS90033: A transient error has occurred. Please try again."})
            return
        super()._token(request, form, microsoft)


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[Unwell]:
    stand_in = Unwell(tmp_path_factory.mktemp("provider"))
    yield stand_in
    stand_in.close()


def signed_in(user: User, provider: Provider, which: str = "outlook") -> None:
    """`coffeechat auth outlook|gmail`, done as the user does it."""
    process = user.start("auth", which, "--no-browser") if which == "gmail" else user.start("auth", which)
    if which == "outlook":
        found, shown = read_until(process, r"enter the code (\w+)")
        provider.enter_code(found.group(1), user.name)
    else:
        found, shown = read_until(process, r"^\s+(https://\S+)$")
        in_background(lambda: browser(found.group(1), provider.cert))
    code, out, err = finish(process, shown)
    assert (code, err) == (0, ""), out + err


def in_background(step) -> None:
    """A browser tab: what it does runs on its own; a failure there shows as the command's outcome."""
    def run() -> None:
        try:
            step()
        except OSError:
            pass
    threading.Thread(target=run, daemon=True).start()


def listener_port(url: str) -> int:
    redirect = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query)["redirect_uri"][0]
    return urllib.parse.urlsplit(redirect).port


# --- Gmail's loopback listener ------------------------------------------------------------------------------------

def test_a_connection_that_sends_nothing_does_not_block_the_browsers_redirect(oauth_dovecot, provider, tmp_path):
    """Browsers open spare connections ahead of use (preconnect) and may never send on them; any local process
    can do the same. The one-shot listener reads the first connection with no timeout, so the real redirect
    waits behind it forever and `coffeechat auth gmail` hangs past its own deadline."""
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    process = user.start("auth", "gmail", "--no-browser")
    found, shown = read_until(process, r"^\s+(https://\S+)$")
    idle = socket.create_connection(("127.0.0.1", listener_port(found.group(1))))
    try:
        in_background(lambda: browser(found.group(1), provider.cert))
        code, out, err = finish(process, shown, timeout=30)
    finally:
        idle.close()
    assert (code, err) == (0, "")
    assert f"Signed in to Google as {user.name}" in out


@pytest.mark.parametrize("forged", ["code=stolen-code&state=forged", "error=access_denied&state=forged"])
def test_an_answer_with_another_state_does_not_end_the_sign_in(oauth_dovecot, provider, tmp_path, forged):
    """Whatever reaches the listener first is taken as Google's answer, whatever its state: a forged or stale
    request (another local process, a web page the user has open, a tab left from an earlier run) ends the
    sign-in, an `error=` one without even a state check, and the user's real redirect then finds no one listening.
    The state exists to tell these apart: an answer without this run's state should be ignored."""
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    process = user.start("auth", "gmail", "--no-browser")
    found, shown = read_until(process, r"^\s+(https://\S+)$")
    port = listener_port(found.group(1))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as first:
        first.sendall(f"GET /?{forged} HTTP/1.0\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
        first.recv(4096)
    in_background(lambda: browser(found.group(1), provider.cert))
    code, out, err = finish(process, shown, timeout=30)
    assert code == 0, out + err
    assert f"Signed in to Google as {user.name}" in out


# --- Refreshing -----------------------------------------------------------------------------------------------------

def test_microsoft_answering_503_at_a_refresh_does_not_kill_the_daemon(oauth_dovecot, provider, tmp_path):
    """msal raises MsalServiceError (not a requests error) when Microsoft's token endpoint answers a 5xx, and
    nothing turns it into a coffeechat error: `check` prints a traceback, and `coffeechat run` dies at its first
    connection, so mail stops being watched (under systemd: restarted, dying again). A provider that cannot
    answer just now should be a MailboxError: one line, and the daemon's usual backoff."""
    user = User(oauth_dovecot, provider, tmp_path, "outlook")
    provider.lifetime = 60                           # under five minutes: every connection refreshes
    try:
        signed_in(user, provider)
        provider.outage = True
        code, out, err = user.run("check")
        daemon = user.start("run", "--log-level", "info")
        try:
            try:
                daemon.wait(timeout=8)
            except subprocess.TimeoutExpired:
                pass
            still_running = daemon.poll() is None
        finally:
            if daemon.poll() is None:
                daemon.terminate()
            _, log = daemon.communicate(timeout=30)
    finally:
        provider.outage = False
        provider.lifetime = 3600
    assert still_running, log
    assert "Traceback" not in log and "will retry" in log, log
    assert code == 1 and "Traceback" not in err and err.count("\n") == 1, err
    assert "revoked" not in err, err


def test_an_address_pasted_from_an_earlier_attempt_does_not_end_the_sign_in(oauth_dovecot, provider, tmp_path):
    """A user who ran `coffeechat auth gmail` twice pastes the address their browser ended on the first time
    (another port, another state). It is taken at once and fails as "Google refused the sign-in
    (mismatching_state): check COFFEECHAT_OAUTH2_CLIENT_ID and COFFEECHAT_OAUTH2_CLIENT_SECRET", which sends them
    to settings that are right. An address that is not this run's answer should be said so and ignored."""
    user = User(oauth_dovecot, provider, tmp_path, "gmail")
    process = user.start("auth", "gmail", "--no-browser", stdin=subprocess.PIPE)
    found, shown = read_until(process, r"^\s+(https://\S+)$")
    assert process.stdin is not None
    process.stdin.write("http://127.0.0.1:1/?state=from-the-first-try&code=4%2F0AbCdEf&scope=https%3A%2F%2F"
                        "mail.google.com%2F\n")
    process.stdin.flush()
    in_background(lambda: browser(found.group(1), provider.cert))
    code, out, err = finish(process, shown, timeout=30)
    assert "COFFEECHAT_OAUTH2_CLIENT_SECRET" not in err, err
    assert code == 0, out + err
    assert f"Signed in to Google as {user.name}" in out


# --- Settings -------------------------------------------------------------------------------------------------------

def test_a_national_cloud_authority_without_a_tenant_is_one_line_naming_the_setting(oauth_dovecot, provider,
                                                                                   tmp_path):
    """README suggests COFFEECHAT_OAUTH2_AUTHORITY for a national cloud; a user who sets the host alone
    (https://login.microsoftonline.us, without /<tenant>) passes the settings' https:// check, and msal's
    ValueError then comes out of `coffeechat auth outlook` as a traceback. (So does an authority whose
    discovery document answers 404, e.g. a typo in the tenant path: msal raises ValueError for that too.)"""
    user = User(oauth_dovecot, provider, tmp_path, "outlook", COFFEECHAT_OAUTH2_AUTHORITY=provider.base)
    code, out, err = user.run("auth", "outlook")
    assert "Traceback" not in err, err
    assert code == 2 and err.startswith("coffeechat: ") and err.count("\n") == 1, err
    assert "COFFEECHAT_OAUTH2_AUTHORITY" in err, err


def test_a_client_secret_with_a_control_character_is_refused_like_every_other_setting(tmp_path):
    """COFFEECHAT_OAUTH2_CLIENT_ID (and every other setting) is refused with a line break or control character
    in it; the client secret is read raw and goes into every request to the provider, so a value pasted with a
    stray escape only fails after the whole browser sign-in, as "check ... CLIENT_SECRET"."""
    from daemon.errors import SettingsError
    from daemon.settings import from_values

    values = {"COFFEECHAT_IMAP_HOST": "imap.gmail.com", "COFFEECHAT_IMAP_USER": "jordan@gmail.com",
              "COFFEECHAT_MY_NAME": "Jordan Rivera", "COFFEECHAT_DATABASE": str(tmp_path / "coffeechat.sqlite3"),
              "COFFEECHAT_OAUTH2_CLIENT_ID": "1234-abc.apps.googleusercontent.com",
              "COFFEECHAT_OAUTH2_CLIENT_SECRET": "GOCSPX-abc\x1b[200~def"}
    with pytest.raises(SettingsError, match="COFFEECHAT_OAUTH2_CLIENT_SECRET contains a line break or control"):
        from_values(values, {}, signing_in=True)


# --- Microsoft's throttling -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("milliseconds", ["86400000000000", "9" * 400, "9" * 5000])
def test_an_absurd_suggested_backoff_is_bounded_and_never_raises(milliseconds):
    """The suggested time is taken as it comes: 16 digits make a wait of three thousand years (the daemon's
    `_at()` then overflows a datetime, and it would sleep forever anyway); 400 digits make int/1000 raise
    OverflowError and 5000 digits make int() raise ValueError, inside the IMAP error translator, so the
    cycle dies with a traceback instead of a MailboxError. A server's suggestion should be capped."""
    from daemon.errors import Throttled
    from daemon.mail.mailbox import server_said

    error = server_said(f"could not select INBOX on outlook.office365.com: NO [b'Request is throttled. Suggested "
                        f"Backoff Time: {milliseconds} milliseconds']")
    assert isinstance(error, Throttled)
    assert 60 <= error.wait <= 24 * 3600
