"""A throwaway PostgreSQL cluster for the tests: initdb in a temporary folder, a unix socket, removed after.

initdb refuses to run as root, so as root the cluster belongs to the unprivileged `postgres` system user
(Debian's package creates it) and every server command runs through runuser. Where no PostgreSQL 15+ is
installed, `find_binaries` says why and the tests that need a server skip with that reason.
"""

from __future__ import annotations

import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg

ADMIN = "diary_admin"
"""The cluster's superuser, who creates databases and roles (the tests connect as it unless told)."""
ADMIN_PASSWORD = "test-only admin password"
UNPRIVILEGED_USER = "postgres"
MIN_VERSION = 15
PREFIX = "diary-pg-"
OWNER_FILE = "owner.pid"
"""In the cluster's folder: the test run that started it. A run killed before its teardown leaves its cluster
running; the next run stops those whose run is gone (see remove_orphans)."""


def find_binaries() -> tuple[Path | None, str]:
    """The folder holding initdb and pg_ctl (PostgreSQL 15 or later), or None and the reason it is missing."""
    candidates = [Path(p).parent for p in (shutil.which("initdb"),) if p]
    debian = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: _major(p.parent.name), reverse=True)
    for folder in [*debian, *candidates]:
        initdb = (folder / "initdb").resolve()
        if initdb.exists() and (initdb.parent / "pg_ctl").exists():
            version = subprocess.run([initdb, "--version"], capture_output=True, text=True).stdout.split()[-1]
            if _major(version) >= MIN_VERSION:
                return initdb.parent, ""
    return None, f"no PostgreSQL {MIN_VERSION}+ server installed (initdb and pg_ctl not found)"


def _major(version: str) -> int:
    """The major number of a PostgreSQL version string ('15.18' -> 15), 0 if none."""
    head = version.split(".")[0]
    return int(head) if head.isdigit() else 0


class Cluster:
    """One running test cluster: a unix socket for the tests, TCP on 127.0.0.1 with passwords for the rest."""

    def __init__(self, binaries: Path) -> None:
        """Create and start the cluster in a new temporary folder (stopping any a killed run left behind)."""
        self.bin = binaries
        remove_orphans(binaries)
        self.root = Path(tempfile.mkdtemp(prefix=PREFIX))
        (self.root / OWNER_FILE).write_text(str(os.getpid()))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.port = _free_port()
        self._names = itertools.count(1)
        self._as_user = os.geteuid() == 0
        self.socket_dir.mkdir()
        if self._as_user:
            shutil.chown(self.root, UNPRIVILEGED_USER)
            shutil.chown(self.socket_dir, UNPRIVILEGED_USER)
        password_file = self.root / "admin-password"
        password_file.write_text(ADMIN_PASSWORD)
        if self._as_user:
            shutil.chown(password_file, UNPRIVILEGED_USER)
        self._run(
            "initdb", "-D", self.data, "-U", ADMIN, "--pwfile", password_file, "-E", "UTF8", "--no-locale",
            "--no-sync", "--auth-local=trust", "--auth-host=scram-sha-256",
        )
        password_file.unlink()
        options = (
            f"-k {self.socket_dir} -p {self.port} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        self._run("pg_ctl", "-D", self.data, "-o", options, "-l", self.root / "server.log", "-w", "start")

    def url(self, database: str = "postgres", user: str = ADMIN) -> str:
        """The address of a database over the unix socket (no password needed there)."""
        return f"postgresql://{user}@/{database}?host={self.socket_dir}&port={self.port}"

    def tcp_url(self, database: str = "postgres", user: str = ADMIN) -> str:
        """The address of a database over TCP on 127.0.0.1 (passwords asked there)."""
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def admin(self, database: str = "postgres") -> psycopg.Connection:
        """An autocommit connection as the cluster's superuser."""
        return psycopg.connect(host=str(self.socket_dir), port=self.port, user=ADMIN, dbname=database, autocommit=True)

    def new_database(self, template: str | None = None) -> str:
        """A new, empty (or copied from template) database; returns its name."""
        name = f"diary_test_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        """Drop a database, closing any connection still open to it."""
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        """Stop the server and remove its folder."""
        try:
            self._run("pg_ctl", "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def _run(self, program: str, *args: object) -> None:
        """Run one of the server's programs (as the unprivileged user when we are root)."""
        command = [str(self.bin / program), *map(str, args)]
        if self._as_user:
            command = ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if result.returncode != 0:
            raise RuntimeError(f"{program} failed: {result.stderr.strip() or result.stdout.strip()}")


def remove_orphans(binaries: Path) -> None:
    """Stop and remove the clusters of test runs that ended without their teardown (killed, say)."""
    for root in Path(tempfile.gettempdir()).glob(f"{PREFIX}*"):
        try:
            owner = int((root / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue
        if _running(owner):
            continue
        command = [str(binaries / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop"]
        if os.geteuid() == 0:
            command = ["runuser", "-u", UNPRIVILEGED_USER, "--", *command]
        subprocess.run(command, capture_output=True, cwd=root)
        shutil.rmtree(root, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether a process with this id exists."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
