"""Production mode passes Django's deployment checks; missing secrets fail with their names."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run_manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARENA_", "DATABASE_"))
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION_ENV = {
    "ARENA_PRODUCTION": "1",
    "DJANGO_SECRET_KEY": "x7#kQ!r2v9LmZp4@Wc8Yt1Hn6Bd3Fs5Gj0Ae-Ru_Io+Ux=Vy%Ek^Ol&Ti*Pw(Nq)Sz",
    "DJANGO_ALLOWED_HOSTS": "arena.example.org",
    "DATABASE_URL": "postgres://arena@127.0.0.1:5432/arena",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


@pytest.mark.slow
def test_check_deploy_is_clean_in_production_mode(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env={**PRODUCTION_ENV, "ARENA_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_production_mode_refuses_to_start_without_a_secret_key(tmp_path):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "DJANGO_SECRET_KEY"}
    result = run_manage("check", env={**env, "ARENA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


@pytest.mark.slow
def test_a_malformed_variable_is_named(tmp_path):
    result = run_manage("check", env={"ARENA_PRODUCTION": "maybe", "ARENA_VAR_DIR": str(tmp_path)})
    assert result.returncode != 0
    assert "ARENA_PRODUCTION='maybe' is not a boolean" in result.stderr
