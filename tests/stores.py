"""Fixtures of a store on each backend (an SQLite file; a throwaway PostgreSQL server on 127.0.0.1).

PostgreSQL: `$WARNEWS_TEST_PG_URL` names a server to use; else the fixture starts one of Debian's
`postgresql` package (initdb into a temporary folder, pg_ctl, as the `postgres` user when run as root).
Without the binaries the PostgreSQL tests are skipped, unless `$WARNEWS_REQUIRE_PG` is set (CI sets it),
where they fail.
"""
from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid

import pytest

PG_URL_ENV = "WARNEWS_TEST_PG_URL"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _pg_bin() -> str | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return os.path.dirname(found[-1]) if found else None


@pytest.fixture(scope="session")
def pg_server():
    """The URL of a PostgreSQL server's maintenance database (postgres) on 127.0.0.1."""
    if os.environ.get(PG_URL_ENV):
        yield os.environ[PG_URL_ENV]
        return
    bindir = _pg_bin()
    if bindir is None:
        message = "PostgreSQL is not installed (apt-get install postgresql; scripts/test.sh does)"
        if os.environ.get("WARNEWS_REQUIRE_PG"):
            pytest.fail(message)
        pytest.skip(message)
    base = tempfile.mkdtemp(prefix="warnews-pg-")
    os.chmod(base, 0o755)
    data, log = os.path.join(base, "data"), os.path.join(base, "server.log")
    run_as = []
    if os.geteuid() == 0:   # the server refuses to run as root
        shutil.chown(base, "postgres", "postgres")
        run_as = ["runuser", "-u", "postgres", "--"]
    port = _free_port()
    subprocess.run([*run_as, f"{bindir}/initdb", "-D", data, "-A", "trust", "-U", "postgres", "-N", "-E", "UTF8"],
                   check=True, capture_output=True, timeout=120)
    subprocess.run([*run_as, f"{bindir}/pg_ctl", "-D", data, "-l", log, "-w", "-t", "60", "-o",
                    f"-h 127.0.0.1 -p {port} -k {base} -F", "start"], check=True, capture_output=True, timeout=90)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*run_as, f"{bindir}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                       capture_output=True, timeout=60)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database on the server, dropped afterwards."""
    import psycopg
    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_server.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_target(request, tmp_path):
    """A new store on each backend: an SQLite path, or a PostgreSQL URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite")
    return request.getfixturevalue("pg_url")
