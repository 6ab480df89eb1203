"""PostgreSQL for shared deployments: many mailboxes in one database, one schema each.

Each `coffeechat@` instance (one per mailbox) keeps its contact log in a schema of its
own, named by COFFEECHAT_DATABASE_SCHEMA or, by default, after the mailbox's login. The
connection's search_path is that schema alone, so every table and query of the log is the
same as on SQLite and no instance sees another's rows. The name travels inside the
database setting as a `schema` parameter of the URL (settings.py puts it there), which
libpq itself never sees. Names are taken literally and always quoted as identifiers.

The schema is an isolation of mistakes, not of adversaries: instances that share one
database role can reach each other's schema by name. For a hard boundary, give each
mailbox its own role and a schema it owns (README, "Scale-out").
"""

from __future__ import annotations

import hashlib
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import peewee as pw

from daemon.errors import SettingsError

try:
    from playhouse.postgres_ext import Psycopg3Database  # peewee 4
except ImportError:  # pragma: no cover - peewee 3.17 to 3.19
    from playhouse.psycopg3_ext import Psycopg3Database

SCHEMES = ("postgresql://", "postgres://")
SCHEMA_PARAMETER = "schema"
NAME_BYTES = 63     # PostgreSQL cuts longer names short, silently: two mailboxes could end up in one schema
INSTALL = "pip install 'coffeechat[postgresql]'"


def is_url(target: str) -> bool:
    """Whether COFFEECHAT_DATABASE names a PostgreSQL database rather than a SQLite file."""
    return target.startswith(SCHEMES)


def default_schema(user: str, host: str) -> str:
    """The schema a mailbox's log lives in unless told otherwise: its login, with the server when the login
    is no address (two servers may each have a "jordan")."""
    user = user.strip().lower()
    return user if "@" in user else f"{user}@{host.lower()}"


def with_schema(url: str, setting: str | None, user: str, host: str) -> str:
    """The database setting as Store opens it: the URL, with the mailbox's schema as its `schema` parameter.

    COFFEECHAT_DATABASE_SCHEMA first, then a `schema` the URL already carries, then the login's.
    """
    rest, given = _split(url)
    if setting is not None:
        name, problem = setting, schema_problem(setting)
        where = f"COFFEECHAT_DATABASE_SCHEMA={setting!r} cannot name a PostgreSQL schema: {problem}"
    else:
        name = given or default_schema(user, host)
        problem = schema_problem(name)
        where = (f"the PostgreSQL schema for this mailbox would be {name!r}, named after COFFEECHAT_IMAP_USER, but "
                 f"{problem}: set COFFEECHAT_DATABASE_SCHEMA to a name of your choice")
    if problem:
        raise SettingsError(where)
    parts = urlsplit(rest)
    query = f"{parts.query}&" if parts.query else ""
    return urlunsplit(parts._replace(query=query + urlencode({SCHEMA_PARAMETER: name}, quote_via=quote)))


def schema_problem(name: str) -> str | None:
    """Why this cannot name a schema, if so. Any other text can: it is always quoted, never spliced into SQL."""
    if not name.strip():
        return "it is empty"
    if any(ord(c) < 32 or ord(c) == 127 for c in name):
        return "it holds a control character"
    if len(name.encode()) > NAME_BYTES:
        return f"it is longer than {NAME_BYTES} bytes"
    if name.lower().startswith("pg_"):
        return "PostgreSQL keeps names that start with pg_ for itself"
    return None


def shown(target: str) -> str:
    """The database as it may appear in a message: a URL loses its password."""
    if "://" not in target:
        return target
    parts = urlsplit(target)
    if parts.password is None:
        return target
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def scrubbed(text: str, target: str) -> str:
    """A driver's message with the URL's password taken out, in every spelling (libpq may quote a bad URL back)."""
    if "://" not in target:
        return text
    try:
        password = urlsplit(target).password
    except ValueError:
        return text
    for secret in sorted({password, unquote(password)} if password else set(), key=len, reverse=True):
        text = text.replace(secret, "***")
    return text


def connect(url: str) -> MailboxDatabase:
    """The database a postgresql:// URL names, its search_path set to the URL's schema (public without one)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        raise SettingsError(f"COFFEECHAT_DATABASE is a postgresql:// URL but psycopg is not installed: {INSTALL}") \
            from None
    try:
        _ = urlsplit(url).port  # a malformed port raises here, before any connection
    except ValueError:
        raise SettingsError("COFFEECHAT_DATABASE is not a valid postgresql:// URL: "
                            "postgresql://USER:PASSWORD@HOST:PORT/DATABASE") from None
    conninfo, schema = _split(url)
    schema = schema or "public"
    problem = schema_problem(schema)
    if problem:
        raise SettingsError(f"the schema {schema!r} in COFFEECHAT_DATABASE cannot name a PostgreSQL schema: {problem}")
    # libpq reads the rest (percent-decoding the password, sslmode and the like), as psql would.
    conninfo = "postgresql://" + conninfo.split("://", 1)[1]
    return MailboxDatabase(conninfo, schema=schema)


class MailboxDatabase(Psycopg3Database):
    """One mailbox's view of the shared database: every connection's search_path is its schema, and only it."""

    def __init__(self, conninfo: str, schema: str):
        super().__init__(conninfo)  # peewee keeps it as self.database
        self.schema = schema

    def _connect(self):
        import psycopg

        try:
            conn = psycopg.connect(self.database)
        except psycopg.Error as e:
            # Not `from e`: the driver's own text may quote the URL back, password and all.
            raise pw.OperationalError(scrubbed(" ".join(str(e).split()), self.database)) from None
        conn.autocommit = True  # peewee's way: BEGIN only inside atomic()
        return conn

    def _initialize_connection(self, conn) -> None:
        from psycopg import sql

        conn.execute(sql.SQL("SET search_path TO {}").format(sql.Identifier(self.schema)))

    # What the migrations ask about tables and columns is asked of this schema: older peewee (3.17, 4.0) looks in
    # "public" whatever the search_path, and would have a second mailbox add columns the first one has.
    def get_tables(self, schema: str | None = None) -> list[str]:
        return super().get_tables(schema or self.schema)

    def get_columns(self, table: str, schema: str | None = None) -> list:
        return super().get_columns(table, schema or self.schema)


def claim_schema(db: pw.Database) -> None:
    """Inside the transaction that upgrades the log: wait for anyone else upgrading the same schema, then
    create it if it is missing (rolled back with a dry run's preview). Nothing for SQLite."""
    if not isinstance(db, MailboxDatabase):
        return
    db.execute_sql("SELECT pg_advisory_xact_lock(%s)", (lock_key("migrate", db.schema),))
    # Asked first: CREATE SCHEMA IF NOT EXISTS still wants the right to create, which an administrator who made
    # the schema for a role of its own may not have granted.
    if db.execute_sql("SELECT 1 FROM pg_namespace WHERE nspname = %s", (db.schema,)).fetchone() is None:
        from psycopg import sql

        db.execute_sql(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(db.schema)).as_string(db.connection()))


def lock_key(purpose: str, schema: str) -> int:
    """The advisory lock that stands for one schema's `purpose` (a cycle, an upgrade): 64 bits of a hash."""
    digest = hashlib.blake2b(f"coffeechat {purpose} {schema}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _split(url: str) -> tuple[str, str | None]:
    """The URL without its `schema` parameter, and that parameter (None without one)."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    rest = "&".join(pair for pair in parts.query.split("&") if pair and unquote(pair.split("=")[0]) != SCHEMA_PARAMETER)
    return urlunsplit(parts._replace(query=rest)), dict(pairs).get(SCHEMA_PARAMETER)
