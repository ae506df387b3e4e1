"""Shared fixtures: the committed suite file, read once, and one fresh build of seed 0.

These tests need no database and no Django settings; they run with or without pytest-django
(``-p no:django``). The two autouse fixtures of tests/conftest.py (media folder, pool index)
touch Django, so this folder overrides them with no-ops of the same name.
"""

import pytest

from arena.prompt_suites import build, quality


@pytest.fixture(scope="session", autouse=True)
def _isolated_media():
    yield


@pytest.fixture(autouse=True)
def _fresh_pool_index():
    yield


@pytest.fixture(scope="session")
def suite_bytes() -> bytes:
    return build.SUITE_PATH.read_bytes()


@pytest.fixture(scope="session")
def records() -> list[dict]:
    return quality.load_jsonl(build.SUITE_PATH)


@pytest.fixture(scope="session")
def rebuilt_bytes() -> bytes:
    """The suite rebuilt in memory from the default seed (about two seconds)."""
    return build.render(build.build_records(build.DEFAULT_SEED))
