"""Fixtures shared by every test: isolated media storage and a fresh pool index per test."""

import pytest
from django.test import override_settings


@pytest.fixture(scope="session", autouse=True)
def _isolated_media(tmp_path_factory):
    """Images written by tests go to a temporary folder, never to var/media."""
    # Display copies are re-encoded at a small size: the same code path, a fraction of the time.
    with override_settings(
        MEDIA_ROOT=str(tmp_path_factory.mktemp("media")), ARENA_DISPLAY_MAX_SIDE=128
    ):
        yield


@pytest.fixture(autouse=True)
def _fresh_pool_index():
    """Each test starts without a cached pool index (the database is rolled back between tests)."""
    from arena.pool import pool_changed

    pool_changed()
    yield
    pool_changed()
