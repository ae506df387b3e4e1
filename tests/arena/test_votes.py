"""Voting: one vote per battle, from its own rater, while fresh; retries are harmless."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from arena.models import Battle, Vote
from tests.factories import make_arena

pytestmark = pytest.mark.django_db


def api_client() -> Client:
    """A client with its own rater token, as load generators and other clients use the API."""
    client = Client()
    token = client.post("/api/raters?label=test").json()["token"]
    client.defaults["HTTP_AUTHORIZATION"] = f"Bearer {token}"
    return client


def next_battle(client: Client) -> dict:
    response = client.post("/api/battles/next")
    assert response.status_code == 201, response.content
    return response.json()


def vote(client: Client, battle_id: str, choice: str, **extra):
    return client.post(
        f"/api/battles/{battle_id}/vote",
        {"choice": choice, **extra},
        content_type="application/json",
    )


def test_vote_reveals_both_contestants_and_records_sides_and_latency():
    arena = make_arena()
    client = api_client()
    battle = next_battle(client)
    response = vote(client, battle["id"], "left", latency_ms=60_000)
    assert response.status_code == 200
    body = response.json()
    stored = Battle.objects.select_related("left_contestant", "right_contestant").get(
        public_id=battle["id"]
    )
    assert body["left"]["name"] == stored.left_contestant.name
    assert body["right"]["name"] == stored.right_contestant.name
    assert {body["left"]["name"], body["right"]["name"]} <= {c.name for c in arena.contestants}
    assert body["winner"] == "left"
    assert body["votes"] == 1
    record = Vote.objects.get(battle=stored)
    assert record.choice == "left"
    assert record.winner_id == stored.left_contestant_id
    assert (record.left_contestant_id, record.right_contestant_id) == (
        stored.left_contestant_id,
        stored.right_contestant_id,
    )
    assert record.prompt_id == stored.prompt_id
    # The client's 60 s exceed what the server saw (a test runs in milliseconds), so the
    # server's own measurement is kept instead of an impossible figure.
    assert record.latency_ms == record.server_latency_ms < 60_000
    stored.refresh_from_db()
    assert stored.status == Battle.Status.VOTED


def test_believable_client_latency_is_kept():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    Battle.objects.filter(public_id=battle["id"]).update(
        created_at=timezone.now() - timedelta(seconds=5)
    )
    vote(client, battle["id"], "tie", latency_ms=3000)
    record = Vote.objects.get(battle__public_id=battle["id"])
    assert record.latency_ms == 3000
    assert 5000 <= record.server_latency_ms < 6000


def test_repeated_vote_returns_the_same_answer_and_records_nothing_new():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    first = vote(client, battle["id"], "right")
    second = vote(client, battle["id"], "right")
    assert first.status_code == second.status_code == 200
    assert first.json() == second.json()
    assert Vote.objects.count() == 1


def test_a_different_second_vote_is_refused_and_the_first_kept():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    vote(client, battle["id"], "right")
    response = vote(client, battle["id"], "left")
    assert response.status_code == 409
    assert response.json()["error"] == "battle_already_decided"
    assert "right" in response.json()["detail"]
    assert Vote.objects.get().choice == "right"


def test_vote_on_another_raters_battle_is_forbidden():
    make_arena()
    owner, intruder = api_client(), api_client()
    battle = next_battle(owner)
    response = vote(intruder, battle["id"], "left")
    assert response.status_code == 403
    assert response.json()["error"] == "not_your_battle"
    assert not Vote.objects.exists()
    # Nor can they see who fought.
    assert intruder.get(f"/api/battles/{battle['id']}/reveal").status_code == 403


def test_vote_on_an_expired_battle_is_gone():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    Battle.objects.filter(public_id=battle["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    response = vote(client, battle["id"], "left")
    assert response.status_code == 410
    assert response.json()["error"] == "battle_expired"
    assert "expired" in response.json()["detail"]
    assert not Vote.objects.exists()


def test_vote_on_a_missing_battle_is_not_found():
    make_arena()
    client = api_client()
    response = vote(client, "no-such-battle", "left")
    assert response.status_code == 404
    assert response.json()["error"] == "battle_not_found"
    assert "no-such-battle" in response.json()["detail"]


@pytest.mark.parametrize(
    "body, expected_in_detail",
    [
        ({"choice": "middle"}, "choice"),
        ({}, "choice"),
        ({"choice": "left", "latency_ms": -5}, "latency_ms"),
    ],
)
def test_malformed_votes_are_rejected_with_the_field_named(body, expected_in_detail):
    make_arena()
    client = api_client()
    battle = next_battle(client)
    response = client.post(
        f"/api/battles/{battle['id']}/vote", body, content_type="application/json"
    )
    assert response.status_code == 422
    assert expected_in_detail in response.json()["detail"]
    assert not Vote.objects.exists()


def test_a_body_that_is_not_json_is_rejected():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    response = client.post(
        f"/api/battles/{battle['id']}/vote", "{choice: left", content_type="application/json"
    )
    assert 400 <= response.status_code < 500
    assert not Vote.objects.exists()


def test_skipped_battle_takes_no_vote_and_skipping_is_idempotent():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    assert client.post(f"/api/battles/{battle['id']}/skip").json() == {
        "battle": battle["id"],
        "skipped": True,
    }
    assert client.post(f"/api/battles/{battle['id']}/skip").status_code == 200
    response = vote(client, battle["id"], "left")
    assert response.status_code == 409
    assert "skipped" in response.json()["detail"]


def test_voted_battle_cannot_be_skipped():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    vote(client, battle["id"], "both_bad")
    assert client.post(f"/api/battles/{battle['id']}/skip").status_code == 409
    assert Battle.objects.get(public_id=battle["id"]).status == Battle.Status.VOTED


def test_reveal_only_after_the_vote():
    make_arena()
    client = api_client()
    battle = next_battle(client)
    before = client.get(f"/api/battles/{battle['id']}/reveal")
    assert before.status_code == 409
    assert before.json()["error"] == "not_voted_yet"
    cast = vote(client, battle["id"], "tie").json()
    after = client.get(f"/api/battles/{battle['id']}/reveal")
    assert after.status_code == 200
    assert after.json() == cast
    assert cast["winner"] is None


def test_requests_without_a_rater_get_401_with_how_to():
    make_arena()
    response = Client().post("/api/battles/next")
    assert response.status_code == 401
    assert "POST /api/raters" in response.json()["detail"]
    bad_token = Client(HTTP_AUTHORIZATION="Bearer not-a-token").post("/api/battles/next")
    assert bad_token.status_code == 401


def test_me_counts_votes():
    make_arena(prompts=3)
    client = api_client()
    for expected in (1, 2):
        battle = next_battle(client)
        assert vote(client, battle["id"], "left").json()["votes"] == expected
    assert client.get("/api/me").json() == {"votes": 2, "kind": "api"}


def test_vote_responses_are_json_with_reasons():
    make_arena()
    client = api_client()
    response = vote(client, "missing", "left")
    assert response["Content-Type"].startswith("application/json")
    assert set(json.loads(response.content)) == {"error", "detail"}
