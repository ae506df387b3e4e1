"""Real Celery workers, on the file-system broker and on Redis, against a shared database.

Each test starts ``celery -A config worker`` as a subprocess, and runs ``manage.py fill_pool``
as another, as an operator would. Both must see the test's database, so it cannot be the
in-memory SQLite database pytest-django makes for the session:

- on PostgreSQL (``DATABASE_URL``), the tests use ``transactional_db``: data is committed to
  the test database, which the subprocesses open by name, and flushed after each test;
- on SQLite, each test runs on its own SQLite *file* (a copy of one migrated once per session),
  which this process's default connection is pointed at for the test and the subprocesses open
  through ``ARENA_VAR_DIR``, as the embedded default does.

Each test has its own broker: a file-system broker in its temporary folder, or a dedicated Redis
database (``ARENA_TEST_REDIS_URL``, default ``redis://127.0.0.1:6379/13``, flushed first) with
queue names unique to the test. Tests on Redis are skipped when no server answers.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections
from django.test import Client

from arena.models import Contestant, Rater
from arena.pool import pool_changed
from arena.services import battle_serve
from generation.models import GenerationJob, Image
from tests.generation.backends import SCRIPTED
from tests.generation.conftest import make_contestant, make_prompts, tiny_spec

pytestmark = [pytest.mark.slow]
if connection.vendor == "postgresql":
    pytestmark.append(pytest.mark.django_db(transaction=True))

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("ARENA_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
Status = GenerationJob.Status


# --- Fixtures -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def migrated_sqlite_template(tmp_path_factory, django_db_blocker):
    """A migrated SQLite file, copied for each test (migrating takes seconds; copying does not)."""
    if connection.vendor != "sqlite":
        return None
    path = tmp_path_factory.mktemp("sqlite-template") / "arena.sqlite3"
    with django_db_blocker.unblock(), _default_database_at(path):
        call_command("migrate", verbosity=0)
    return path


class _default_database_at:
    """Point the default connection at another SQLite file, then give back the test database.

    The session's in-memory database lives as long as its connection, so that connection is set
    aside (not closed) and restored afterwards.
    """

    def __init__(self, path: Path):
        self.path = path

    def __enter__(self):
        conn = connections["default"]
        self.saved = (conn.settings_dict["NAME"], conn.connection)
        conn.connection = None
        conn.settings_dict["NAME"] = str(self.path)
        return conn

    def __exit__(self, *exc):
        conn = connections["default"]
        conn.close()
        conn.settings_dict["NAME"], conn.connection = self.saved


@pytest.fixture
def shared_database(tmp_path, migrated_sqlite_template, django_db_blocker):
    """Environment variables that give a subprocess this test's database (see the docstring)."""
    var_dir = tmp_path / "var"
    for folder in ("queue", "processed", "control"):  # the file-system broker's (runarena's job)
        (var_dir / "broker" / folder).mkdir(parents=True)
    if connection.vendor == "postgresql":  # transactional_db, through the module's mark
        s = connection.settings_dict
        password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
        url = (
            f"postgres://{s['USER']}{password}@{s.get('HOST') or '127.0.0.1'}:"
            f"{s.get('PORT') or 5432}/{s['NAME']}"
        )
        yield {"ARENA_VAR_DIR": str(var_dir), "DATABASE_URL": url, "DATABASE_POOL": "0"}
        return
    shutil.copy(migrated_sqlite_template, var_dir / "arena.sqlite3")
    with django_db_blocker.unblock(), _default_database_at(var_dir / "arena.sqlite3"):
        yield {"ARENA_VAR_DIR": str(var_dir)}


@pytest.fixture(params=["filesystem", "redis"])
def broker(request) -> dict[str, str]:
    if request.param == "filesystem":
        return {}
    import redis

    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis server at {REDIS_URL}")
    finally:
        client.close()
    return {"REDIS_URL": REDIS_URL}


@pytest.fixture
def arena_env(shared_database, broker) -> dict[str, str]:
    """The environment of the worker and command subprocesses of one test."""
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(
            ("DJANGO_", "ARENA_", "DATABASE_", "REDIS_", "CELERY_", "GENERATION_")
        )
    }
    return {
        **clean,
        **shared_database,
        **broker,
        "ARENA_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "ARENA_DISPLAY_MAX_SIDE": str(settings.ARENA_DISPLAY_MAX_SIDE),
        "GENERATION_QUEUE_PREFIX": f"t{uuid.uuid4().hex[:8]}.",
        "HF_HUB_OFFLINE": "1",
        "PYTHONUNBUFFERED": "1",
    }


class Worker:
    """A ``celery -A config worker --pool=solo`` subprocess, its log in a file."""

    def __init__(self, env: dict[str, str], *, families: list[str], name: str, log: Path):
        self.log = log
        queues = ",".join(env["GENERATION_QUEUE_PREFIX"] + family for family in families)
        command = [
            sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo",
            "--concurrency=1", "-Q", queues, "-n", f"{name}@%h", "--loglevel=INFO",
            "--without-mingle", "--without-gossip",
        ]  # fmt: skip
        self.output = log.open("ab")
        self.process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=self.output, stderr=subprocess.STDOUT
        )
        self._wait_ready()

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the worker exited at start:\n{self.text()}")
            if " ready." in self.text():
                return
            time.sleep(0.2)
        pytest.fail(f"the worker was not ready after {timeout} s:\n{self.text()}")

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        """Cold shutdown (SIGQUIT), then SIGKILL: nothing is running, and waiting costs seconds."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            try:
                self.process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                self.kill()
        self.output.close()


@pytest.fixture
def workers(arena_env, tmp_path):
    started: list[Worker] = []

    def start(*, families: list[str], name: str = "gen") -> Worker:
        worker = Worker(arena_env, families=families, name=name, log=tmp_path / "worker.log")
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def manage(env: dict[str, str], *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def wait_for(predicate, *, timeout: float, what: str, log: Worker | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}" + (f":\n{log.text()}" if log else ""))


def pool_files() -> set[Path]:
    return set((Path(settings.MEDIA_ROOT) / "pool").rglob("*.*"))


# --- Tests --------------------------------------------------------------------------------------


def test_fill_pool_generates_through_a_worker_and_the_arena_serves_battles(
    arena_env, workers, tiny_weights, tmp_path
):
    prompts = make_prompts(4)
    good = [make_contestant(name, tiny_spec(tiny_weights, family="tiny")) for name in ("ta", "tb")]
    missing = tmp_path / "weights-not-copied" / "tc"
    make_contestant("tc", tiny_spec(missing, family="tiny"))
    worker = workers(families=["tiny"])

    result = manage(arena_env, "fill_pool", "--limit", "100", "--wait", "--timeout", "90")
    assert result.returncode == 0, result.stdout + result.stderr + worker.text()
    assert "12 images planned in 6 generation jobs" in result.stdout
    assert "Finished: 8 images made, 4 in failed jobs." in result.stdout

    jobs = Counter(GenerationJob.objects.values_list("contestant__name", "status"))
    assert jobs == {("ta", Status.DONE): 2, ("tb", Status.DONE): 2, ("tc", Status.FAILED): 2}
    for job in GenerationJob.objects.filter(contestant__name="tc"):
        assert f"weights folder {missing} does not exist" in job.error
        assert job.attempts == 1  # failed at once: no retries, no crash loop
    keys = list(Image.objects.values_list("contestant_id", "prompt_id", "seed"))
    assert len(keys) == len(set(keys)) == 8
    assert {(c.pk, p.pk) for c in good for p in prompts} == {(c, p) for c, p, _ in keys}
    assert all(
        settings_["steps"] == 2 for settings_ in Image.objects.values_list("settings", flat=True)
    )

    # The arena serves battles from the generated pool, through its service and its API.
    pool_changed()
    served = battle_serve(rater=Rater.objects.create()).battle
    assert {served.left_contestant_id, served.right_contestant_id} == {c.pk for c in good}
    client = Client()
    token = client.post("/api/raters").json()["token"]
    response = client.post("/api/battles/next", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 201, response.content
    image = client.get(response.json()["left"]["url"])
    assert image.status_code == 200 and image["Content-Type"] == "image/webp"


def test_a_job_whose_worker_is_killed_mid_task_finishes_on_a_new_worker(
    arena_env, workers, tiny_weights
):
    prompts = make_prompts(2)
    slow = {"backend_options": {"sleep_seconds": 3}, "family": "slow"}
    contestants = [
        make_contestant(name, tiny_spec(tiny_weights, **slow), backend=SCRIPTED)
        for name in ("slow-a", "slow-b")
    ]
    files_before = pool_files()
    first = workers(families=["slow"], name="gen-kill")
    result = manage(arena_env, "fill_pool", "--limit", "100")
    assert result.returncode == 0, result.stdout + result.stderr
    assert GenerationJob.objects.count() == 2

    # In the middle of a task: a job is running (its batch sleeps 3 s), and nothing is stored.
    running = wait_for(
        lambda: GenerationJob.objects.filter(status=Status.RUNNING).first(),
        timeout=60,
        what="a running job",
        log=first,
    )
    first.kill()
    running.refresh_from_db()
    assert running.status == Status.RUNNING and running.attempts == 1
    assert not Image.objects.filter(contestant_id=running.contestant_id).exists()

    # The same node starts again: it takes back the job it lost and finishes everything.
    second = workers(families=["slow"], name="gen-kill")
    wait_for(
        lambda: GenerationJob.objects.filter(status=Status.DONE).count() == 2,
        timeout=60,
        what="both jobs done",
        log=second,
    )
    running.refresh_from_db()
    assert running.attempts == 2 and "was lost; queued again" not in running.error
    keys = Counter(Image.objects.values_list("contestant_id", "prompt_id", "seed"))
    assert set(keys.values()) == {1}
    assert {(c, p) for c, p, _ in keys} == {(c.pk, p.pk) for c in contestants for p in prompts}
    # Exactly the files of these images were written: nothing left over from the killed attempt.
    new_files = pool_files() - files_before
    assert len(new_files) == 2 * len(keys)
    stored = {
        Path(settings.MEDIA_ROOT) / name
        for pair in Image.objects.values_list("file", "display_file")
        for name in pair
    }
    assert new_files == stored
    assert Contestant.objects.count() == 2
