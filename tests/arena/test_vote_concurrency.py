"""The same vote fired at once from many threads is stored exactly once (PostgreSQL).

Each thread has its own database connection, so the requests really race inside the server
code, as double clicks and client retries do in production.
"""

import threading
from collections import Counter

import pytest
from django.db import connection, connections
from django.test import Client

from arena.models import Battle, Vote
from tests.factories import make_arena

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.postgres,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL"
    ),
]

THREADS = 12


def fire_at_once(token: str, battle_id: str, choices: list[str]) -> list[tuple[int, dict]]:
    barrier = threading.Barrier(len(choices))
    results: list[tuple[int, dict] | None] = [None] * len(choices)

    def cast(index: int, choice: str) -> None:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        try:
            barrier.wait(timeout=30)
            response = client.post(
                f"/api/battles/{battle_id}/vote",
                {"choice": choice},
                content_type="application/json",
            )
            results[index] = (response.status_code, response.json())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(i, c)) for i, c in enumerate(choices)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def new_battle() -> tuple[str, str]:
    client = Client()
    token = client.post("/api/raters").json()["token"]
    battle = client.post("/api/battles/next", HTTP_AUTHORIZATION=f"Bearer {token}").json()
    return token, battle["id"]


def test_the_same_vote_from_many_threads_is_stored_once():
    make_arena()
    token, battle_id = new_battle()
    results = fire_at_once(token, battle_id, ["left"] * THREADS)
    assert [status for status, _ in results] == [200] * THREADS
    assert len({str(body) for _, body in results}) == 1  # every client got the same answer
    assert Vote.objects.filter(battle__public_id=battle_id).count() == 1
    assert Vote.objects.count() == 1
    assert Battle.objects.get(public_id=battle_id).status == Battle.Status.VOTED


def test_racing_different_votes_keep_exactly_one_and_refuse_the_rest():
    make_arena()
    token, battle_id = new_battle()
    choices = ["left", "right", "tie", "both_bad"] * (THREADS // 4)
    results = fire_at_once(token, battle_id, choices)
    stored = Vote.objects.get(battle__public_id=battle_id)
    statuses = Counter(status for status, _ in results)
    assert set(statuses) <= {200, 409}
    # Only the clients that sent the stored choice are told it was recorded.
    winners = [choices[i] for i, (status, _) in enumerate(results) if status == 200]
    assert set(winners) == {stored.choice}
    assert statuses[200] == THREADS // 4
    assert Vote.objects.count() == 1
