"""Secrets and access: canaries that never come out, files only their owner can read, TLS that refuses
before a credential is sent, and a summary whose HTML runs nothing and fetches nothing.

The canary password is a Dovecot's own password (a server of this module's, which takes it), the canary
token the part of an OAuth2 access token the test Dovecot's introspection endpoint accepts. Both are made
fresh each run, so finding one anywhere can only mean coffeechat put it there.
"""

from __future__ import annotations

import base64
import os
import secrets
import signal
import socket
import sqlite3
import ssl
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import conftest
import pytest
import reliability
from corpus import ME, mail, wait_for
from proxy import Proxy

from daemon import cli, localmail, oauth2
from daemon.contact_log import people
from daemon.contact_log.store import Store
from daemon.errors import MailboxError, SettingsError
from daemon.mail.mailbox import Mailbox
from daemon.settings import from_values, load

CANARY_PASSWORD = f"canaryPw{secrets.token_hex(8)}"
CANARY_TOKEN = f"canaryTok{secrets.token_hex(8)}"   # the token is good.<user>.<this>, as Dovecot's checker wants
CANARIES = (CANARY_PASSWORD.encode(), CANARY_TOKEN.encode())


def _forms(canary: bytes) -> list[bytes]:
    """The canary, and what any base64 of a text holding it must hold (LOGIN's PLAIN and XOAUTH2 are base64):
    at each of the three alignments, the characters that depend on the canary's bytes alone."""
    return [canary, *(base64.b64encode(b"\0" * shift + canary)[4:-4] for shift in range(3))]


FORMS = [form for canary in CANARIES for form in _forms(canary)]
REPO = Path(__file__).resolve().parent.parent
ADDRESS = "jordan@example.org"


def held(what: str, n: int = 1) -> None:
    """A secret or access check that ran and held: the reliability figures count it with the hostile inputs."""
    reliability.count("secret and access checks", n)


def no_canary(where: str, data: bytes | str) -> None:
    data = data.encode(errors="replace") if isinstance(data, str) else data
    for form in FORMS:
        assert form not in data, f"a canary in {where}"
    held(where)


@pytest.fixture(scope="module")
def canary_dovecot(tmp_path_factory, introspection) -> Iterator[localmail.LocalMail]:
    """Takes the canary password for any user, and OAuth2 tokens good.<user>.<anything>."""
    server = localmail.start(tmp_path_factory.mktemp("dovecot-canary"), oauth2_introspection=introspection.url,
                             password=CANARY_PASSWORD)
    yield server
    server.stop()


def token_script(folder: Path, token: str) -> str:
    script = folder / "print-token.sh"
    script.write_text(f"#!/bin/sh\necho '{token}'\n")
    script.chmod(0o700)
    return str(script)


# --- a running daemon: ps, its log, the contact log, what it wrote ----------------------------------------

@pytest.mark.parametrize("login", ["password", "token"])
def test_canaries_never_leave_a_running_daemon(canary_dovecot, tmp_path, login):
    box = conftest.TestMailbox(canary_dovecot, f"canary-{login}", tmp_path / "coffeechat.sqlite3")
    sent = datetime.now(timezone.utc) - timedelta(days=10)
    box.append("Sent", mail(sender=ME, to="Ana Ruiz <ana@org.example>", subject="Informational interview?", when=sent,
                            body="Hi Ana,\n\nWould you be open to a 20 minute chat?\n\nJordan"), when=sent)
    proxy = Proxy(canary_dovecot.host, canary_dovecot.port)
    # A read timeout of 5 s: a command the proxy swallowed as it went away fails soon, not in a minute.
    values = box.values(imap_port=str(proxy.port), log_level="DEBUG", timezone="UTC", summary_at="monday 00:00",
                        poll_seconds="10", imap_timeout="5")
    if login == "token":
        values.pop("COFFEECHAT_IMAP_PASSWORD")
        values["COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND"] = token_script(tmp_path, f"good.{box.user}.{CANARY_TOKEN}")
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    env_file.chmod(0o600)
    log_file = tmp_path / "daemon.log"
    daemon = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "run"], cwd=tmp_path,
                              env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)},
                              stdout=subprocess.DEVNULL, stderr=log_file.open("w"))
    try:
        assert wait_for(lambda: "was put in your INBOX" in log_file.read_text() and box.messages("Drafts"), 30), \
            log_file.read_text()[-2000:]
        # What `ps` shows of it: the command line is the settings file's path, never what it holds. (Its
        # environment is the user's own choice: a password exported there is theirs to show, to their own
        # eyes and root's only, /proc/PID/environ being 0400. The env file keeps it out of there too.)
        no_canary("the daemon's command line", Path(f"/proc/{daemon.pid}/cmdline").read_bytes())
        no_canary("the daemon's environment", Path(f"/proc/{daemon.pid}/environ").read_bytes())
        no_canary("ps", subprocess.run(["ps", "-eww", "-o", "args"], capture_output=True).stdout)
        # The server goes away, then comes back: what the daemon says about it is logged at DEBUG too.
        proxy.refuse()
        said = ("cycle failed", "stopped waiting in IDLE", "lost the connection")

        def gone() -> bool:
            proxy.cut()  # a connection the proxy was still setting up when it stopped listening goes too
            return any(words in log_file.read_text() for words in said)

        assert wait_for(gone, 25), log_file.read_text()[-2000:]
        proxy.restore()
    finally:
        daemon.send_signal(signal.SIGTERM)
        daemon.wait(timeout=20)
        proxy.close()
    log = log_file.read_text()
    assert "DEBUG" in log and "Drafted follow-up" in log
    no_canary("the daemon's log", log)
    for suffix in ("", "-wal", "-shm"):
        if Path(f"{box.database}{suffix}").exists():
            no_canary(f"the contact log{suffix}", Path(f"{box.database}{suffix}").read_bytes())
    with sqlite3.connect(box.database) as db:  # what SQLite would hand anyone who opens it, rows and all
        no_canary("the contact log's rows", "\n".join(db.iterdump()))
    no_canary("the drafts", b"".join(box.messages("Drafts")))
    no_canary("the summary and notes in INBOX", b"".join(box.messages("INBOX")))


# --- errors: a wrong password or token, a server that hangs up, settings that are wrong --------------------

def _run(capsys, env_file: Path, *args: str) -> tuple[int, str]:
    code = cli.main(["--env-file", str(env_file), "--log-level", "DEBUG", *args])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _env(tmp_path: Path, values: dict[str, str]) -> Path:
    env_file = tmp_path / "coffeechat.env"
    env_file.write_text("".join(f"{k}={v}\n" for k, v in values.items()))
    env_file.chmod(0o600)
    return env_file


def test_a_wrong_canary_password_or_token_is_refused_without_a_word_of_it(tmp_path, capsys):
    database = str(tmp_path / "coffeechat.sqlite3")
    with Peer() as peer:  # a real server that refuses every login at once (Dovecot waits 2 s first)
        values = _peer_values(peer, imap_tls="none", database=database)
        code, said = _run(capsys, _env(tmp_path, values), "sync")
        assert code == 1 and "refused the login" in said and peer.credentials_sent
        no_canary("`sync` with a refused password", said)
        values.pop("COFFEECHAT_IMAP_PASSWORD")
        values["COFFEECHAT_IMAP_OAUTH2_TOKEN_COMMAND"] = token_script(tmp_path, f"good.{ADDRESS}.{CANARY_TOKEN}")
        code, said = _run(capsys, _env(tmp_path, values), "sync")
        assert code == 1 and "refused the OAuth2 token" in said and b"AUTHENTICATE XOAUTH2" in peer.received
        no_canary("`sync` with a refused token", said)


@pytest.mark.parametrize("values, words", [
    ({"COFFEECHAT_IMAP_PASWORD": CANARY_PASSWORD}, "COFFEECHAT_IMAP_PASWORD is not a coffeechat setting"),
    ({"COFFEECHAT_IMAP_PASSWORD_COMMAND": "echo x"}, "are both set"),
    ({"COFFEECHAT_IMAP_TLS": "none", "COFFEECHAT_IMAP_HOST": "imap.example.org"}, "plain text is allowed only"),
    ({"COFFEECHAT_IMAP_CA_FILE": "/nonexistent/ca.pem"}, "COFFEECHAT_IMAP_CA_FILE"),
], ids=["misspelt", "twice", "plain-text", "ca-file"])
def test_settings_that_are_wrong_are_named_without_the_password(mailbox, tmp_path, capsys, values, words):
    code, said = _run(capsys, _env(tmp_path, {**mailbox.values(imap_password=CANARY_PASSWORD), **values}), "sync")
    assert code == 2 and words in said
    no_canary("a settings error", said)


def test_ctrl_c_or_a_hang_up_in_the_middle_of_the_login_says_nothing_of_the_password(tmp_path, capsys):
    database = str(tmp_path / "coffeechat.sqlite3")
    with Peer(after_login="hang up") as peer:
        values = _peer_values(peer, imap_tls="none", imap_password=CANARY_PASSWORD, database=database)
        code, said = _run(capsys, _env(tmp_path, values), "sync")
        assert code == 1 and "lost the connection" in said and CANARY_PASSWORD.encode() in peer.received
        no_canary("a connection lost while logging in", said)
    with Peer(after_login="stall") as peer:  # Ctrl-C while the server sits on the LOGIN
        env_file = _env(tmp_path, _peer_values(peer, imap_tls="none", imap_password=CANARY_PASSWORD, database=database))
        process = subprocess.Popen([sys.executable, "-m", "daemon", "--env-file", str(env_file), "--log-level",
                                    "DEBUG", "sync"], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   env={"PATH": os.environ["PATH"], "HOME": str(tmp_path)})
        assert wait_for(lambda: CANARY_PASSWORD.encode() in peer.received, 20)
        process.send_signal(signal.SIGINT)
        said, _ = process.communicate(timeout=20)
        assert process.returncode == 130, said
        no_canary("Ctrl-C in the middle of the login", said)


# --- files only their owner can read ----------------------------------------------------------------------

@pytest.fixture(params=[0o022, 0o077, 0o000], ids=["umask-022", "umask-077", "umask-000"])
def umask(request) -> Iterator[int]:
    previous = os.umask(request.param)
    yield request.param
    os.umask(previous)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_contact_log_its_folders_and_the_sign_in_are_their_owners_alone(tmp_path, umask):
    data_home = tmp_path / "data"  # XDG_DATA_HOME, not there yet: coffeechat makes it
    settings = load(None, {**conftest_values(), "XDG_DATA_HOME": str(data_home), "HOME": str(tmp_path)})
    database = Path(settings.database)
    assert database == data_home / "coffeechat" / "coffeechat.sqlite3"
    store = Store(settings.database)
    try:
        with store.exclusive():  # the lock file beside it, as a cycle takes it
            people.add(store, "Ana Ruiz", "ana@org.example", people.Changes(), datetime.now(timezone.utc))
        for path in (database, *(Path(f"{database}{s}") for s in ("-wal", "-shm", ".lock"))):
            if path.exists():
                assert mode(path) == 0o600, (path.name, oct(mode(path)))
                held(f"{path.name} 0600")
    finally:
        store.close()
    for folder in (data_home, data_home / "coffeechat"):
        assert mode(folder) == 0o700, (folder, oct(mode(folder)))
        held(f"{folder.name} 0700")
    sign_in = Path(settings.oauth2_sign_in_file)
    oauth2._write(sign_in, {"provider": "gmail", "account": ME, "refresh_token": CANARY_TOKEN})
    assert (mode(sign_in), mode(sign_in.parent)) == (0o600, 0o700)
    held("the OAuth2 sign-in 0600")


def conftest_values() -> dict[str, str]:
    """Settings for a server of the test's own on loopback, logging in with the canary password."""
    return {"COFFEECHAT_IMAP_HOST": "127.0.0.1", "COFFEECHAT_IMAP_TLS": "none", "COFFEECHAT_IMAP_USER": ADDRESS,
            "COFFEECHAT_IMAP_PASSWORD": CANARY_PASSWORD, "COFFEECHAT_MY_NAME": "Jordan Rivera",
            "COFFEECHAT_MY_ADDRESSES": ADDRESS}


@pytest.mark.parametrize("file_mode", [0o640, 0o604, 0o600])
def test_an_env_file_others_can_read_draws_a_warning_naming_it_and_the_fix(tmp_path, capsys, file_mode):
    env_file = _env(tmp_path, {**conftest_values(), "COFFEECHAT_DATABASE": str(tmp_path / "log.sqlite3")})
    env_file.chmod(file_mode)
    cli.main(["--env-file", str(env_file), "contacts", "list"])
    err = capsys.readouterr().err
    warning = (f"WARNING coffeechat: {env_file} holds COFFEECHAT_IMAP_PASSWORD and can be read by other users of "
               f"this machine (mode {file_mode:o}): chmod 600 {env_file}")
    assert (warning in err) == (file_mode != 0o600), err
    no_canary("the warning", err)


# --- TLS: refused before a credential is sent -------------------------------------------------------------

class Peer:
    """A small real IMAP server on loopback that records every byte a client sends it (inside TLS, what TLS
    carried), to show what coffeechat says, and when, to a server it should not trust.

    starttls: "ok" (switch to TLS), "no" (refuse it), "plain" (say OK, then go on in plain text), or None
    (not offered at all). tls: a server-side context for implicit TLS from the first byte. after_login:
    "refuse", "hang up" (close the connection) or "stall" (never answer).
    """

    def __init__(self, starttls: str | None = None, tls: ssl.SSLContext | None = None, after_login: str = "refuse"):
        self.starttls, self.tls, self.after_login = starttls, tls, after_login
        self.tls_for_starttls: ssl.SSLContext | None = None  # the context STARTTLS switches to
        self.received = bytearray()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.capabilities = b"IMAP4rev1 AUTH=PLAIN AUTH=XOAUTH2" + (b" STARTTLS" if starttls else b"")
        threading.Thread(target=self._serve, daemon=True).start()

    def __enter__(self) -> Peer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.listener.close()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._talk, args=(conn,), daemon=True).start()

    def _talk(self, conn: socket.socket) -> None:
        try:
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            conn.sendall(b"* OK [CAPABILITY " + self.capabilities + b"] ready\r\n")
            reader = conn.makefile("rb")
            while line := reader.readline():
                self.received += line
                tag, _, rest = line.partition(b" ")
                command = rest.split(b" ", 1)[0].strip().upper()
                if command == b"CAPABILITY":
                    conn.sendall(b"* CAPABILITY " + self.capabilities + b"\r\n" + tag + b" OK done\r\n")
                elif command == b"STARTTLS" and self.starttls == "ok":
                    conn.sendall(tag + b" OK begin TLS\r\n")
                    conn = self.tls_for_starttls.wrap_socket(conn, server_side=True)
                    reader = conn.makefile("rb")
                elif command == b"STARTTLS" and self.starttls == "plain":  # says yes, then talks on in plain text
                    conn.sendall(tag + b" OK go ahead\r\n")
                    self.received += conn.recv(65536)  # the client's TLS hello
                    conn.sendall(b"* OK still plain text\r\n")
                elif command == b"STARTTLS":
                    conn.sendall(tag + b" NO not today\r\n")
                elif command in (b"LOGIN", b"AUTHENTICATE"):
                    if command == b"AUTHENTICATE" and len(rest.split()) == 2:  # no initial response: ask for it
                        conn.sendall(b"+ \r\n")
                        self.received += reader.readline()
                    if self.after_login == "hang up":
                        break
                    if self.after_login == "stall":
                        time.sleep(60)
                        break
                    conn.sendall(tag + b" NO [AUTHENTICATIONFAILED] no\r\n")
                elif command == b"LOGOUT":
                    conn.sendall(b"* BYE\r\n" + tag + b" OK bye\r\n")
                    break
                else:
                    conn.sendall(tag + b" BAD what\r\n")
        except (OSError, ssl.SSLError):
            pass
        finally:
            conn.close()

    @property
    def credentials_sent(self) -> bool:
        return any(word in bytes(self.received).upper() for word in (b" LOGIN ", b" AUTHENTICATE ")) or any(
            canary in self.received for canary in CANARIES)


def _peer_values(peer: Peer, **overrides: str) -> dict[str, str]:
    values = {**conftest_values(), "COFFEECHAT_IMAP_HOST": "localhost", "COFFEECHAT_IMAP_PORT": str(peer.port),
              "COFFEECHAT_DATABASE": "/nonexistent/never-opened.sqlite3"}
    values.update({f"COFFEECHAT_{k.upper()}": v for k, v in overrides.items()})
    return values


def _server_context(server: localmail.LocalMail) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(server.cert_file, server.root / "key.pem")  # the test Dovecot's self-signed pair
    return context


@pytest.mark.parametrize("offer", [None, "no", "plain"], ids=["not-offered", "refused", "ok-then-plain-text"])
def test_starttls_required_and_not_given_is_refused_before_any_credential(dovecot, offer):
    with Peer(starttls=offer) as peer:
        peer.tls_for_starttls = _server_context(dovecot)
        with pytest.raises(MailboxError) as refused:
            Mailbox.connect(from_values(_peer_values(peer, imap_tls="starttls")), greeting_timeout=5)
        assert not peer.credentials_sent, bytes(peer.received)
    assert str(refused.value).startswith(f"cannot connect to localhost:{peer.port}")
    no_canary("a refused STARTTLS", str(refused.value))


def test_a_self_signed_certificate_is_refused_by_default_before_any_credential_and_taken_with_its_ca_file(dovecot):
    # Implicit TLS and STARTTLS alike, the recording server holding the test Dovecot's self-signed certificate.
    for how, peer in (("ssl", Peer(tls=_server_context(dovecot))), ("starttls", Peer(starttls="ok"))):
        peer.tls_for_starttls = _server_context(dovecot)
        with peer:
            with pytest.raises(MailboxError) as refused:
                Mailbox.connect(from_values(_peer_values(peer, imap_tls=how)), greeting_timeout=5)
            assert "could not be verified" in str(refused.value) and "COFFEECHAT_IMAP_CA_FILE" in str(refused.value)
            assert not peer.credentials_sent, (how, bytes(peer.received))
            held(f"{how}: a self-signed certificate refused before any credential")
            # With the certificate as the CA file, the same server is trusted, and only then hears the login.
            trusting = from_values(_peer_values(peer, imap_tls=how, imap_ca_file=str(dovecot.cert_file)))
            with pytest.raises(MailboxError, match="refused the login"):
                Mailbox.connect(trusting, greeting_timeout=5)
            assert peer.credentials_sent
    # And the real thing: the suite's Dovecot on its TLS port and its STARTTLS port.
    for how, port in (("ssl", dovecot.tls_port), ("starttls", dovecot.port)):
        values = {**conftest_values(), "COFFEECHAT_IMAP_HOST": "localhost", "COFFEECHAT_IMAP_PORT": str(port),
                  "COFFEECHAT_IMAP_TLS": how, "COFFEECHAT_IMAP_USER": "tls-check",
                  "COFFEECHAT_IMAP_PASSWORD": dovecot.password}
        with pytest.raises(MailboxError, match="could not be verified"):
            Mailbox.connect(from_values(values))
        with Mailbox.connect(from_values({**values, "COFFEECHAT_IMAP_CA_FILE": str(dovecot.cert_file)})) as box:
            assert box.folders().drafts == "Drafts"
        held(f"{how}: Dovecot's self-signed certificate refused by default, taken with its CA file")


@pytest.mark.parametrize("host", ["imap.example.org", "10.0.0.5", "localhost.example.org", "127.0.0.1.nip.io",
                                  "127.1", "0x7f000001", "::ffff:127.0.0.1", "0.0.0.0", "localhost."])
def test_plain_text_to_anything_but_loopback_is_refused(host):
    with pytest.raises(SettingsError, match="plain text is allowed only to loopback|is not a server name"):
        from_values({**conftest_values(), "COFFEECHAT_IMAP_HOST": host})
    held(f"tls=none to {host} refused")


# --- the summary's HTML in a browser: nothing runs, nothing is fetched --------------------------------------

class _Listener:
    """Records every request made to it: anything the summary page fetched from the network."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        paths = self.paths

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                paths.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_the_summary_of_hostile_contacts_runs_no_script_and_fetches_nothing(mailbox, tmp_path, capsys):
    from test_summary_html import chromium, elements

    browser = chromium()
    listener = _Listener()
    url = listener.url
    payloads = [
        f"<script>fetch('{url}/script')</script>",
        f'<img src="{url}/img" onerror="fetch(\'{url}/onerror\')">',
        f'" onmouseover="fetch(\'{url}/attribute\')" x="',
        f"</style><style>body{{background:url({url}/css)}}</style>",
        f"x;background-image:url({url}/inline-css)",
        f'<meta http-equiv="refresh" content="0;url={url}/refresh">',
        f"<iframe src={url}/frame></iframe><link rel=stylesheet href={url}/link>",
    ]
    try:
        for n, payload in enumerate(payloads):
            code, _, err = mailbox.run(capsys, "contacts", "add", payload, f"p{n}@org.example", "--org",
                                       payloads[-1 - n])
            assert code == 0, err
            assert mailbox.run(capsys, "note", f"p{n}@org.example", "--to-read", payload, "--to-do",
                               payloads[-1 - n])[0] == 0
        for n in range(3):  # three goals at most, as the playbook keeps them
            code, _, err = mailbox.run(capsys, "goal", "add", " ".join(payloads[n::3]))
            assert code == 0, err
        page = tmp_path / "summary.html"
        code, _, err = mailbox.run(capsys, "summary", "--preview", "--html", str(page))
        assert code == 0, err
        html = page.read_text()
        # A control, beside the summary and not from it: the browser does fetch what a page asks for.
        control = html.replace("</body>", f'<img src="{url}/control"></body>')
        assert control != html
        page.write_text(control)
        done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                               "--disable-extensions", f"--user-data-dir={tmp_path / 'profile'}",
                               "--virtual-time-budget=3000", "--dump-dom", page.as_uri()],
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr[-2000:]
        time.sleep(0.2)
    finally:
        listener.close()
    assert listener.paths == ["/control"], listener.paths
    tags = elements(done.stdout)
    for tag in ("script", "iframe", "link", "meta", "style"):  # none but the template's own
        assert tags.count(tag) <= html.lower().count(f"<{tag}"), (tag, tags.count(tag))
    assert tags.count("img") == 1  # the control alone
    for payload in payloads:
        assert payload not in html or not set(payload) & set("<>\"'&")  # markup escaped, never verbatim
    held("the summary's HTML in a browser", len(payloads))
