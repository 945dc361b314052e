"""A throwaway PostgreSQL cluster for the tests of the team database (issue 14).

``Cluster.start()`` runs ``initdb`` into a temporary folder and ``pg_ctl start`` on a free
port of the loopback interface, as an unprivileged user: ``initdb`` refuses to run as root,
so under root (CI) the server runs as the ``postgres`` user that Debian's package creates
(through ``runuser``).  The superuser's password is checked over TCP (``scram-sha-256``), so
the roles the security tests create log in with their own passwords as a lab's would.

``scripts/setup-system.sh`` installs Debian's ``postgresql``; where no PostgreSQL can be
found, ``find_problem()`` says why and the tests that need the cluster are skipped with
that reason (never passed without running).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

SUPERUSER = "lab_admin"
PASSWORD = "admin-secret"


def pg_bin() -> Path | None:
    """The folder of PostgreSQL's server programs (the newest Debian version, or on PATH)."""
    if os.environ.get("ANNOTATOR_PG_BIN"):
        return Path(os.environ["ANNOTATOR_PG_BIN"])
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parent.parent.name)
                   if Path(p).parent.parent.name.isdigit() else 0)
    if found:
        return Path(found[-1]).parent
    which = shutil.which("initdb")
    return Path(which).resolve().parent if which else None


def find_problem() -> str | None:
    """Why the team-database tests cannot run here, or None if they can."""
    if os.environ.get("ANNOTATOR_TESTS_WITHOUT_POSTGRES"):
        return ("this pass leaves them out (ANNOTATOR_TESTS_WITHOUT_POSTGRES is set: CI's first pass ran every "
                "team database test; its second pass checks the layers without PySide6)")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install -e '.[test]' or '.[team]')"
    binaries = pg_bin()
    if binaries is None or not (binaries / "pg_ctl").exists():
        return ("PostgreSQL is not installed (no initdb in /usr/lib/postgresql/*/bin or on PATH; "
                "scripts/setup-system.sh installs Debian's postgresql)")
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run PostgreSQL's initdb as"
        if shutil.which("runuser") is None:
            return "running as root and there is no runuser to start PostgreSQL as the 'postgres' user"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running PostgreSQL server in a temporary folder."""

    def __init__(self, durable: bool = False) -> None:
        """``durable``: commits wait for the disk, as on a lab's server (the benchmark's);
        by default they do not (the tests': a throwaway cluster that no test kills)."""
        self.durable = durable
        self.bin = pg_bin()
        self.root = Path(tempfile.mkdtemp(prefix="annotator-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.host = "127.0.0.1"
        self._names = itertools.count(1)
        self._as: list[str] = []
        if os.geteuid() == 0:
            user = pwd.getpwnam("postgres")
            os.chown(self.root, user.pw_uid, user.pw_gid)
            self._as = ["runuser", "-u", "postgres", "--"]

    def _run(self, *args: str) -> None:
        result = subprocess.run([*self._as, *args], capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {result.stdout}{result.stderr}")

    def start(self) -> Cluster:
        pwfile = self.root / "pw"
        pwfile.write_text(PASSWORD + "\n")
        if self._as:
            user = pwd.getpwnam("postgres")
            os.chown(pwfile, user.pw_uid, user.pw_gid)
        self._run(str(self.bin / "initdb"), "-D", str(self.data), "-U", SUPERUSER, f"--pwfile={pwfile}",
                  "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync")
        options = f"-p {self.port} -k {self.root} -c listen_addresses={self.host} -c max_connections=200"
        if not self.durable:  # the tests need speed, not durability
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-o", options,
                  "-w", "-t", "60", "start")
        return self

    def stop(self) -> None:
        try:
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = PASSWORD) -> str:
        return f"postgresql://{user}:{password}@{self.host}:{self.port}/{database}"

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as admin:
            admin.execute(sql)

    def cut(self, database: str) -> None:
        """End every session on ``database`` (what a server restart or a network cut does)."""
        self._admin(f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{database}' "
                    "AND pid <> pg_backend_pid()")

    def away(self, database: str) -> None:
        """Make ``database`` refuse connections and end its sessions: the server is away."""
        self._admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS false')
        self.cut(database)

    def back(self, database: str) -> None:
        """Let ``database`` take connections again."""
        self._admin(f'ALTER DATABASE "{database}" ALLOW_CONNECTIONS true')

    def new_name(self, prefix: str = "t") -> str:
        """A database name no test has used yet (the database itself is not created)."""
        return f"{prefix}{os.getpid()}_{next(self._names)}"


@pytest.fixture(scope="session")
def pg_cluster():
    """A PostgreSQL cluster for the whole test session (skipped, with the reason, where
    PostgreSQL cannot run here)."""
    problem = find_problem()
    if problem:
        pytest.skip(f"team database tests need PostgreSQL: {problem}")
    cluster = Cluster().start()
    yield cluster
    cluster.stop()


@pytest.fixture(params=["file", "postgresql"])
def backend(request):
    """Which backend a store test runs on."""
    return request.param


@pytest.fixture
def project(request, backend, tmp_path):
    """A new, empty project with the default scheme, annotator 'lina', on each backend:
    a project file, and a new database in the session's cluster."""
    from annotator.store.project import Project

    if backend == "file":
        p = Project.create(tmp_path / "test.annotproj", annotator="lina")
    else:
        cluster = request.getfixturevalue("pg_cluster")
        p = Project.create(cluster.url(cluster.new_name()), annotator="lina")
    yield p
    if not p.closed:
        p.close()
