"""The ratings engine is plain numpy: its tests must run without Django.

``tests/conftest.py`` has autouse fixtures that need configured Django settings (media storage,
the image-pool cache). Nothing under ``arena.ratings`` touches either, so they are replaced here by
no-ops of the same names; this folder then runs with or without pytest-django
(``pytest -p no:django tests/arena/ratings``).
"""

import pytest


@pytest.fixture(scope="session", autouse=True)
def _isolated_media():
    yield


@pytest.fixture(autouse=True)
def _fresh_pool_index():
    yield
