"""A private Dovecot on loopback, for the demo mailbox and the test suite.

It runs from a folder of its own (config, sockets, mail, logs), listens only on
127.0.0.1, and accepts any user name with one shared password, so every test can log
in as a fresh user whose mailbox has never been touched. Drafts, Sent, Trash and Junk
carry SPECIAL-USE flags the way a real provider's do.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PASSWORD = "local-demo-password"

CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
instance_name = coffeechat-{port}
log_path = {root}/dovecot.log
ssl = {ssl}
{ssl_files}
disable_plaintext_auth = no
auth_mechanisms = plain login{oauth2_mechanisms}
default_internal_user = {internal_user}
default_login_user = {login_user}
first_valid_uid = 1
mail_location = maildir:{store}/mail/%n
{oauth2_passdb}passdb {{
  driver = static
  args = password={password}
}}
userdb {{
  driver = static
  args = uid={mail_user} gid={mail_group} home={store}/home/%n
}}
{capability}namespace inbox {{
  inbox = yes
  separator = /
{mailboxes}}}
# No growing penalty for refused logins from 127.0.0.1 (up to 15 s each): the tests refuse logins on
# purpose, one after another. A refusal still waits Dovecot's first 2 s.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {tls_port}
  }}
}}
"""


# Folder trees and capabilities shaped like the providers people use (start(..., shape=NAME)): the
# names they give Sent and Drafts, whether they flag them, and what they leave out (IDLE, SPECIAL-USE).
# Each entry: ((name, special-use flag or ""), ...), and the capability list ("" = Dovecot's own).
_WITHOUT_EXTRAS = ("IMAP4rev1 LITERAL+ SASL-IR LOGIN-REFERRALS ID ENABLE SORT THREAD=REFERENCES MULTIAPPEND "
                   "UNSELECT CHILDREN NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH SEARCHRES LIST-STATUS MOVE")
SHAPES = {
    "dovecot": ((("Drafts", "Drafts"), ("Sent", "Sent"), ("Trash", "Trash"), ("Junk", "Junk")), ""),
    "gmail": ((("[Gmail]/Drafts", "Drafts"), ("[Gmail]/Sent Mail", "Sent"), ("[Gmail]/All Mail", "All"),
               ("[Gmail]/Trash", "Trash"), ("[Gmail]/Spam", "Junk")), ""),
    "gmail-de": ((("[Gmail]/Entwürfe", "Drafts"), ("[Gmail]/Gesendet", "Sent"), ("[Gmail]/Alle Nachrichten", "All"),
                  ("[Gmail]/Papierkorb", "Trash")), ""),
    # Microsoft: special-use flags in LIST, but neither SPECIAL-USE nor CONDSTORE in CAPABILITY.
    "outlook": ((("Drafts", "Drafts"), ("Sent Items", "Sent"), ("Deleted Items", "Trash"), ("Junk Email", "Junk")),
                _WITHOUT_EXTRAS + " IDLE"),
    # No flags at all: found by name alone (older servers, some hosting control panels).
    "unflagged": ((("Drafts", ""), ("Sent Messages", ""), ("Deleted Messages", "")), ""),
    # Yahoo: no IDLE, so new mail is seen at each poll.
    "yahoo": ((("Draft", "Drafts"), ("Sent", "Sent"), ("Trash", "Trash"), ("Bulk", "Junk")), _WITHOUT_EXTRAS),
}


def _mailboxes(shape: str) -> tuple[str, str]:
    folders, capability = SHAPES[shape]
    lines = []
    for name, flag in folders:
        lines.append(f'  mailbox "{name}" {{\n' + (f"    special_use = \\{flag}\n" if flag else "")
                     + "    auto = subscribe\n  }\n")
    return "".join(lines), (f"imap_capability = {capability}\n" if capability else "")


# Opt-in (start(..., oauth2_introspection=URL)): OAuth2 logins checked against a token-introspection endpoint.
# The passdb applies only to its mechanisms, so PLAIN and LOGIN still meet the static password below.
OAUTH2_PASSDB = """\
passdb {{
  driver = oauth2
  mechanisms = {mechanisms}
  args = {args}
}}
"""
# Dovecot POSTs token=... to the URL and wants {"active": true, "username": "<the login name>"} back.
OAUTH2_CONFIG = """\
introspection_mode = post
introspection_url = {url}
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
"""


class LocalMailError(Exception):
    """The private Dovecot could not be installed or started."""


@dataclass(frozen=True)
class LocalMail:
    """A running private Dovecot: where to reach it and how to stop it."""

    root: Path
    port: int
    tls_port: int
    process: subprocess.Popen
    cert_file: Path | None
    store: Path  # where the mail lives
    password: str = PASSWORD  # every user's

    host = "127.0.0.1"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.store != self.root:
            shutil.rmtree(self.store, ignore_errors=True)


def ensure_dovecot() -> str:
    """Return the dovecot binary, installing Debian's dovecot-imapd when we are root."""
    found = shutil.which("dovecot") or _sbin("dovecot")
    if found:
        return found
    if os.geteuid() != 0:
        raise LocalMailError(
            "Dovecot is not installed: run 'sudo apt-get install dovecot-imapd' and try again"
        )
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "dovecot-imapd"]):
        result = subprocess.run(command, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            raise LocalMailError(f"{' '.join(command)} failed: {result.stderr.strip()[-500:]}")
    found = shutil.which("dovecot") or _sbin("dovecot")
    if not found:
        raise LocalMailError("dovecot-imapd installed, but no dovecot binary was found")
    return found


def _sbin(name: str) -> str | None:
    path = Path("/usr/sbin") / name
    return str(path) if path.exists() else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start(root: Path, with_tls: bool = False, oauth2_introspection: str | None = None,
          oauth2_mechanisms: str = "xoauth2 oauthbearer", shape: str = "dovecot",
          password: str = PASSWORD) -> LocalMail:
    """Start a private Dovecot that keeps everything under `root`, taking `password` for any user.

    With oauth2_introspection (an http:// URL), it also takes OAuth2 logins by oauth2_mechanisms
    (AUTH=XOAUTH2, AUTH=OAUTHBEARER or both), asking that endpoint whether each token is good.
    """
    binary = ensure_dovecot()
    root = root.resolve()
    (root / "run").mkdir(parents=True, exist_ok=True)
    cert_file = _make_certificate(root) if with_tls else None
    internal_user, login_user, mail_user, mail_group = _accounts()
    store = root
    if os.geteuid() == 0:
        # Mail is written as the unprivileged mail user, never as root, so it lives where
        # that user can reach it (`root` may sit below a folder only root may enter).
        store = Path(tempfile.mkdtemp(prefix="coffeechat-mail-"))
        shutil.chown(store, mail_user, mail_group)
    for sub in ("mail", "home"):
        (store / sub).mkdir(exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(store / sub, mail_user, mail_group)
    port, tls_port = free_port(), free_port()
    ssl_files = ""
    if cert_file:
        ssl_files = f"ssl_cert = <{cert_file}\nssl_key = <{root / 'key.pem'}\n"
    oauth2_passdb, mechanisms = "", ""
    if oauth2_introspection:
        args = root / "dovecot-oauth2.conf.ext"
        args.write_text(OAUTH2_CONFIG.format(url=oauth2_introspection))
        oauth2_passdb = OAUTH2_PASSDB.format(mechanisms=oauth2_mechanisms, args=args)
        mechanisms = f" {oauth2_mechanisms}"
    config = CONFIG.format(
        root=root, store=store, port=port, tls_port=tls_port if cert_file else 0,
        ssl="yes" if cert_file else "no", ssl_files=ssl_files, password=password,
        internal_user=internal_user, login_user=login_user,
        mail_user=mail_user, mail_group=mail_group,
        oauth2_passdb=oauth2_passdb, oauth2_mechanisms=mechanisms,
        mailboxes=_mailboxes(shape)[0], capability=_mailboxes(shape)[1],
    )
    (root / "dovecot.conf").write_text(config)
    process = subprocess.Popen(
        [binary, "-F", "-c", str(root / "dovecot.conf")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )
    server = LocalMail(root, port, tls_port, process, cert_file, store, password)
    _wait_for_port(server)
    return server


def _accounts() -> tuple[str, str, str, str]:
    """Users Dovecot runs as: its own system users under root, else whoever we are."""
    if os.geteuid() == 0:
        return "dovecot", "dovenull", "dovecot", "dovecot"
    me = pwd.getpwuid(os.geteuid())
    group = me.pw_gid
    import grp

    group_name = grp.getgrgid(group).gr_name
    return me.pw_name, me.pw_name, me.pw_name, group_name


def _wait_for_port(server: LocalMail) -> None:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            _, err = server.process.communicate()
            log = server.root / "dovecot.log"
            tail = log.read_text()[-800:] if log.exists() else ""
            raise LocalMailError(f"dovecot exited: {err.strip()} {tail}".strip())
        try:
            with socket.create_connection((server.host, server.port), timeout=1):
                return
        except OSError:
            time.sleep(0.05)
    server.stop()
    raise LocalMailError("dovecot did not start listening within 15 seconds")


def _make_certificate(root: Path) -> Path:
    """A self-signed certificate for 'localhost' only, to test TLS for real.

    Not for 127.0.0.1, though the server listens there: connecting by that address is how
    the tests see a certificate that is valid but names another host.
    """
    cert, key = root / "cert.pem", root / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-subj", "/CN=localhost", "-addext", "subjectAltName=DNS:localhost",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    return cert
