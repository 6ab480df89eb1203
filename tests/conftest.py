"""Test fixtures: one real Dovecot per test session, one fresh IMAP user per test."""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import postgres
import pytest
from imapclient import IMAPClient
from oauth2_provider import Introspection

from daemon import localmail
from daemon.settings import Settings, from_values

_users = itertools.count(1)


@pytest.fixture(autouse=True)
def quiet_test_smtp_server():
    """The test SMTP server (aiosmtpd, in a thread) logs each command at INFO: not coffeechat's output."""
    chatty = logging.getLogger("mail.log")
    level = chatty.level
    chatty.setLevel(logging.WARNING)
    yield
    chatty.setLevel(level)


@pytest.fixture(scope="session")
def dovecot(tmp_path_factory: pytest.TempPathFactory) -> Iterator[localmail.LocalMail]:
    server = localmail.start(tmp_path_factory.mktemp("dovecot"), with_tls=True)
    yield server
    server.stop()


@pytest.fixture(scope="session")
def postgresql() -> Iterator[postgres.Cluster]:
    """A throwaway PostgreSQL cluster (tests/postgres.py). Without Debian's binaries its tests fail, never skip."""
    try:
        cluster = postgres.start()
    except postgres.ClusterError as e:
        pytest.fail(str(e), pytrace=False)
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def introspection() -> Iterator[Introspection]:
    """The token-introspection endpoint the OAuth2 Dovecot below asks about every token."""
    endpoint = Introspection()
    yield endpoint
    endpoint.close()


@pytest.fixture(scope="session")
def oauth_dovecot(tmp_path_factory, introspection) -> Iterator[localmail.LocalMail]:
    """Takes PLAIN/LOGIN with the shared password, and XOAUTH2 and OAUTHBEARER with a good token."""
    server = localmail.start(tmp_path_factory.mktemp("dovecot-oauth2"), oauth2_introspection=introspection.url)
    yield server
    server.stop()


@dataclass
class TestMailbox:
    """A fresh user on the test Dovecot, with a database path of its own (or a postgresql:// URL)."""

    server: localmail.LocalMail
    user: str
    database: Path
    url: str | None = None  # the contact log in PostgreSQL instead, in this user's own schema

    def values(self, **overrides: str) -> dict[str, str]:
        values = {
            "COFFEECHAT_IMAP_HOST": self.server.host,
            "COFFEECHAT_IMAP_PORT": str(self.server.port),
            "COFFEECHAT_IMAP_TLS": "none",
            "COFFEECHAT_IMAP_USER": self.user,
            "COFFEECHAT_IMAP_PASSWORD": self.server.password,
            "COFFEECHAT_MY_NAME": "Jordan Rivera",
            "COFFEECHAT_MY_ADDRESSES": "jordan@example.org,j.rivera@example.net",
            "COFFEECHAT_DATABASE": self.url or str(self.database),
        }
        values.update({f"COFFEECHAT_{k.upper()}": v for k, v in overrides.items()})
        return values

    def settings(self, **overrides: str) -> Settings:
        return from_values(self.values(**overrides))

    def client(self) -> IMAPClient:
        client = IMAPClient(self.server.host, port=self.server.port, ssl=False)
        client.login(self.user, self.server.password)
        return client

    def append(self, folder: str, message: bytes, when: datetime | None = None, flags: tuple = ()) -> None:
        with self.client() as client:
            client.append(folder, message, flags=flags, msg_time=when)

    def sync(self, now: str | datetime, **overrides: str) -> str:
        """One real cycle as if it were `now` (the CLI's --now only previews), described as the CLI would."""
        from daemon.contact_log.store import Store
        from daemon.service import run_cycle
        from daemon.writing.report import describe

        settings = self.settings(**overrides)
        store = Store(settings.database)
        try:
            when = datetime.fromisoformat(now) if isinstance(now, str) else now
            return describe(run_cycle(settings, store, when))
        finally:
            store.close()

    def run(self, capsys: pytest.CaptureFixture, *args: str, **overrides: str) -> tuple[int, str, str]:
        """The coffeechat command as a user types it, with these settings in an env file: (exit code, out, err)."""
        from daemon import cli

        env_file = self.database.parent / "coffeechat.env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in self.values(**overrides).items()))
        env_file.chmod(0o600)  # as README says to keep it: it holds the password
        code = cli.main(["--env-file", str(env_file), *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err

    def drafts_by_recipient(self) -> dict[str, str]:
        """The drafts in Drafts, as recipient address -> text (LF line ends)."""
        from email import message_from_bytes, policy

        found = {}
        for raw in self.messages("Drafts"):
            draft = message_from_bytes(raw, policy=policy.default)
            found[draft["To"].addresses[0].addr_spec] = draft.get_content().replace("\r\n", "\n")
        return found

    def messages(self, folder: str) -> list[bytes]:
        with self.client() as client:
            client.select_folder(folder, readonly=True)
            uids = client.search(["ALL"])
            data = client.fetch(uids, ["BODY.PEEK[]"]) if uids else {}
            return [data[uid][b"BODY[]"] for uid in sorted(data)]


@pytest.fixture
def mailbox(dovecot: localmail.LocalMail, tmp_path: Path, request: pytest.FixtureRequest) -> TestMailbox:
    user = f"user{next(_users)}-{request.node.name[:40].replace('[', '-').replace(']', '')}"
    return TestMailbox(dovecot, user, tmp_path / "coffeechat.sqlite3")


def pytest_sessionfinish(session, exitstatus):
    """The reliability figures (tests/reliability.py): what the fault, kill and hostile-mail tests ran.

    After a whole, green run they must be the figures README states: a test added, removed or made
    to run more trials changes them, and README is brought along (`python tests/reliability.py`).
    """
    import reliability

    if not reliability.write():
        return
    figures = dict(reliability.FIGURES)
    print("\nreliability: " + ", ".join(f"{k} {v}" for k, v in sorted(figures.items())))
    options = session.config.option
    whole = (exitstatus == 0 and not options.keyword and not options.markexpr and not getattr(options, "lf", False)
             and not getattr(options, "deselect", None)
             and all(Path(arg).resolve() == Path(__file__).parent for arg in session.config.args))
    if whole and reliability.in_readme() != figures:
        print("README's Reliability figures are not what this run did: run `python tests/reliability.py` "
              f"to write these into README.md:\n{reliability.table(figures)}")
        session.exitstatus = 1
