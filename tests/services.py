"""Real PostgreSQL and Redis servers for the tests: Debian's binaries, started on free loopback ports
in a temporary folder, stopped afterwards. Nothing is installed or left running."""

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

import redis

from tests.servers import free_port


def _postgres_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


def available() -> str | None:
    """Why the servers cannot run here, or None when they can."""
    if not _postgres_bin("pg_ctl"):
        return "PostgreSQL is not installed (.ci/run installs Debian's postgresql)"
    if not shutil.which("redis-server"):
        return "Redis is not installed (.ci/run installs Debian's redis-server)"
    return None


def _as_postgres_user() -> list[str]:
    # PostgreSQL refuses to run as root; Debian's package creates the `postgres` user.
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


@dataclass
class Postgres:
    port: int
    datadir: Path
    user: str = "rasa"
    password: str = "rasa-test-password"
    db: str = "rasa"

    @classmethod
    def start(cls) -> "Postgres":
        folder = Path(tempfile.mkdtemp(prefix="pg-"))
        if os.geteuid() == 0:
            entry = pwd.getpwnam("postgres")
            os.chown(folder, entry.pw_uid, entry.pw_gid)
        server = cls(free_port(), folder / "data")
        pwfile = folder / "pw"
        pwfile.write_text(server.password)
        if os.geteuid() == 0:
            os.chown(pwfile, entry.pw_uid, entry.pw_gid)
        subprocess.run([*_as_postgres_user(), _postgres_bin("initdb"), "-D", str(server.datadir), "-U", server.user,
                        "--pwfile", str(pwfile), "-A", "scram-sha-256", "--no-sync"],
                       check=True, capture_output=True)
        server.run("start")
        subprocess.run([*_as_postgres_user(), _postgres_bin("createdb") or "createdb", "-h", "127.0.0.1",
                        "-p", str(server.port), "-U", server.user, server.db],
                       check=True, capture_output=True, env={**os.environ, "PGPASSWORD": server.password})
        return server

    def run(self, command: str, *extra: str) -> None:
        options = f"-p {self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories='{self.datadir.parent}'"
        subprocess.run([*_as_postgres_user(), _postgres_bin("pg_ctl"), command, "-D", str(self.datadir), "-w",
                        "-o", options, "-l", str(self.datadir.parent / "postgres.log"), *extra],
                       check=True, capture_output=True, timeout=60)

    def restart(self) -> None:
        self.run("restart", "-m", "fast")

    def stop(self) -> None:
        try:
            self.run("stop", "-m", "immediate")
        finally:
            shutil.rmtree(self.datadir.parent, ignore_errors=True)

    def env(self) -> dict:
        return {"POSTGRES_HOST": "127.0.0.1", "POSTGRES_PORT": str(self.port), "POSTGRES_DB": self.db,
                "POSTGRES_USER": self.user, "POSTGRES_PASSWORD": self.password}


@dataclass
class Redis:
    port: int
    process: subprocess.Popen
    folder: Path

    @classmethod
    def start(cls) -> "Redis":
        folder = Path(tempfile.mkdtemp(prefix="redis-"))
        port = free_port()
        process = subprocess.Popen(
            ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
             "--dir", str(folder)], stdout=(folder / "redis.log").open("w"), stderr=subprocess.STDOUT)
        client, deadline = redis.Redis(port=port, socket_timeout=1), time.monotonic() + 30
        while True:
            try:
                client.ping()
                return cls(port, process, folder)
            except redis.exceptions.ConnectionError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError((folder / "redis.log").read_text())
                time.sleep(0.1)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)

    def env(self) -> dict:
        return {"REDIS_HOST": "127.0.0.1", "REDIS_PORT": str(self.port), "REDIS_DB": "1", "REDIS_PASSWORD": ""}
