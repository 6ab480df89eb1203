"""A throwaway PostgreSQL cluster for the test session: Debian's binaries, a private port, a temporary folder.

The test session starts one (conftest's `postgresql` fixture) and stops it at its end;
`make bench-scale` starts its own. It listens on 127.0.0.1 only, keeps its socket in its
own folder, and asks for the password over TCP, as a shared deployment would; fsync is
off, since nothing here needs to survive a crash of the machine. PostgreSQL refuses to
run as root, so under root the cluster belongs to Debian's `postgres` user. Without the
binaries the tests that need it fail, saying how to install them: `make test` installs
them first.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from daemon.localmail import free_port

USER = "coffeechat"
PASSWORD = "pg secret/with:odd@chars"   # quoted in the URL; must never show in a message or a log
DATABASE = "coffeechat"
INSTALL = "PostgreSQL is not installed: 'make postgresql' (or apt-get install postgresql) installs Debian's"


class ClusterError(Exception):
    """The throwaway cluster could not be made or started."""


@dataclass(frozen=True)
class Cluster:
    """A running throwaway cluster: how to reach it, and how to stop it."""

    root: Path
    port: int
    bin: Path
    owner: str | None   # the OS user it runs as, when we are root

    host = "127.0.0.1"

    @property
    def url(self) -> str:
        """The database as COFFEECHAT_DATABASE names it, password and all."""
        return f"postgresql://{USER}:{quote(PASSWORD, safe='')}@{self.host}:{self.port}/{DATABASE}"

    def sql(self, statement: str, params: tuple = ()) -> list[tuple]:
        """Run one statement as the cluster's superuser (over its socket) and return its rows."""
        import psycopg

        with psycopg.connect(host=str(self.root / "run"), port=self.port, user="postgres", dbname=DATABASE,
                             autocommit=True) as conn:
            cursor = conn.execute(statement, params)
            return cursor.fetchall() if cursor.description else []

    def stop(self) -> None:
        _run(self, "pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)


def binaries() -> Path | None:
    """The newest PostgreSQL installed the Debian way, /usr/lib/postgresql/VERSION/bin."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[4]))
    return Path(found[-1]).parent if found else None


def start() -> Cluster:
    """initdb a new cluster in a fresh folder, start it on a free port, make coffeechat's role and database."""
    bin_dir = binaries()
    if bin_dir is None:
        raise ClusterError(INSTALL)
    # Not below pytest's folder: under root that is 0700, and the cluster's owner must reach its own.
    root = Path(tempfile.mkdtemp(prefix="coffeechat-pg-"))
    owner = "postgres" if os.geteuid() == 0 else None
    for sub in ("data", "run"):
        (root / sub).mkdir()
    if owner:
        for path in (root, root / "data", root / "run"):
            shutil.chown(path, owner, pwd.getpwnam(owner).pw_gid)
    cluster = Cluster(root, free_port(), bin_dir, owner)
    try:
        _run(cluster, "initdb", "-D", str(root / "data"), "-U", "postgres", "--auth-local=trust",
             "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        options = (f"-p {cluster.port} -k {root / 'run'} -c listen_addresses={cluster.host} -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off -c max_connections=300")
        _run(cluster, "pg_ctl", "-D", str(root / "data"), "-l", str(root / "postgresql.log"), "-o", options,
             "-w", "-t", "30", "start")
        _wait(cluster)
        import psycopg
        from psycopg import sql

        with psycopg.connect(host=str(root / "run"), port=cluster.port, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                sql.Identifier(USER), sql.Literal(PASSWORD)))
            conn.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(DATABASE), sql.Identifier(USER)))
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _run(cluster: Cluster, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    command = [str(cluster.bin / program), *args]
    if cluster.owner:
        command = ["runuser", "-u", cluster.owner, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=cluster.root)
    if check and done.returncode != 0:
        log = cluster.root / "postgresql.log"
        tail = log.read_text()[-800:] if log.exists() else ""
        raise ClusterError(f"{program} failed: {done.stderr.strip()[-800:]} {tail}".strip())
    return done


def _wait(cluster: Cluster) -> None:
    deadline = time.monotonic() + 30
    while _run(cluster, "pg_isready", "-h", cluster.host, "-p", str(cluster.port), check=False).returncode != 0:
        if time.monotonic() > deadline:
            raise ClusterError("PostgreSQL did not accept connections within 30 seconds")
        time.sleep(0.1)

