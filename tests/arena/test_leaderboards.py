"""Leaderboards: the counts-based boards agree with ratings computed from the votes directly."""

import asyncio
import csv
import io
import json
import random
from io import StringIO

import numpy as np
import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.core.management import call_command
from django.test import Client

from arena import ratings
from arena.leaderboards import (
    BoardFilter,
    leaderboard_compute,
    personal_leaderboard,
    snapshot_reproduce,
)
from arena.models import Contestant, LeaderboardSnapshot, Rater, Vote
from arena.services import battle_serve, vote_cast
from tests.factories import make_arena

OUTCOME = {"left": 1.0, "right": 0.0, "tie": 0.5, "both_bad": 0.5}


def simulate(*, raters: int, per_rater: int, seed: int = 0, strengths=(0.0, 1.0, 2.0)) -> None:
    """Votes from known strengths (log-odds, by contestant id order), so the board's order is
    predictable; one vote in ten is a tie."""
    rng = random.Random(seed)
    strength = dict(
        zip(Contestant.objects.order_by("pk").values_list("pk", flat=True), strengths, strict=False)
    )
    for _ in range(raters):
        rater = Rater.objects.create()
        for _ in range(per_rater):
            battle = battle_serve(rater=rater, rng=rng).battle
            diff = strength[battle.left_contestant_id] - strength[battle.right_contestant_id]
            if rng.random() < 0.1:
                choice = "tie"
            else:
                choice = "left" if rng.random() < 1 / (1 + np.exp(-diff)) else "right"
            vote_cast(rater=rater, battle_public_id=battle.public_id, choice=choice)


def direct_board(votes):
    """Ratings from the vote rows themselves, through the per-vote count builder."""
    votes = list(votes)
    ids = sorted({v.left_contestant_id for v in votes} | {v.right_contestant_id for v in votes})
    index = {pk: i for i, pk in enumerate(ids)}
    a = np.array([index[v.left_contestant_id] for v in votes])
    b = np.array([index[v.right_contestant_id] for v in votes])
    outcome = np.array([OUTCOME[v.choice] for v in votes])
    wins, ties = ratings.count_table(a, b, outcome, num_contestants=len(ids))
    return ids, ratings.leaderboard(wins, ties, rounds=200, seed=5)


@pytest.mark.django_db
def test_board_from_counts_equals_the_board_from_votes():
    make_arena(prompts=30, contestants=3)
    simulate(raters=10, per_rater=12)
    board = leaderboard_compute(rounds=200, seed=5)
    ids, direct = direct_board(Vote.objects.all())
    by_id = {row.contestant.pk: row for row in board.rows}
    assert board.total_votes == Vote.objects.count() == 120
    for i, pk in enumerate(ids):
        row = by_id[pk]
        assert row.rating == pytest.approx(direct.ratings[i], abs=1e-9)
        assert (row.lower, row.upper) == pytest.approx((direct.lower[i], direct.upper[i]), abs=1e-9)
        assert row.rank == direct.rank[i] and row.votes == direct.votes[i]
    # Strengths 0 < 1 < 2 (log-odds): the board orders them so.
    assert [row.contestant.pk for row in board.rows] == sorted(ids, reverse=True)
    assert (
        board.position_bias is not None
        and board.position_bias[1] < board.position_bias[0] < board.position_bias[2]
    )


@pytest.mark.django_db
def test_category_and_language_boards_count_only_their_votes():
    arena = make_arena(prompts=20, contestants=3)
    for prompt in arena.prompts[:8]:
        prompt.category, prompt.language = "text_rendering/zh/couplet", "zh"
        prompt.save()
    simulate(raters=8, per_rater=10, seed=1)
    zh_votes = Vote.objects.filter(prompt__language="zh")
    for board_filter in (
        BoardFilter(language="zh"),
        BoardFilter(category="text_rendering"),
        BoardFilter(category="text_rendering/zh/couplet"),
    ):
        board = leaderboard_compute(board_filter=board_filter, rounds=200, seed=5)
        assert board.total_votes == zh_votes.count()
        ids, direct = direct_board(zh_votes)
        assert {row.contestant.pk: row.rating for row in board.rows} == pytest.approx(
            dict(zip(ids, direct.ratings, strict=True))
        )
    assert (
        leaderboard_compute(board_filter=BoardFilter(category="text")).total_votes == 0
    )  # a prefix is not a path


@pytest.mark.django_db
def test_personal_board_uses_only_that_raters_votes():
    make_arena(prompts=20, contestants=3)
    simulate(raters=5, per_rater=8, seed=2)
    rater = Rater.objects.first()
    board = personal_leaderboard(rater=rater, rounds=100, seed=5)
    assert board.total_votes == Vote.objects.filter(rater=rater).count() == 8


@pytest.mark.django_db
def test_snapshots_reproduce_from_the_votes_they_covered():
    make_arena(prompts=20, contestants=3)
    simulate(raters=6, per_rater=6, seed=3)
    call_command("snapshot_leaderboard", "--rounds", "150", "--seed", "11", stdout=StringIO())
    snapshot = LeaderboardSnapshot.objects.get()
    simulate(raters=3, per_rater=5, seed=4)  # later votes are not in it
    again = snapshot_reproduce(snapshot).as_json()
    assert again["rows"] == snapshot.results["rows"]
    assert again["votes"] == snapshot.vote_count == 36
    assert leaderboard_compute().total_votes == 51


@pytest.mark.django_db
def test_leaderboard_pages_downloads_and_api():
    arena = make_arena(prompts=20, contestants=3)
    simulate(raters=6, per_rater=6, seed=6)
    client = Client()
    page = client.get("/leaderboard/").content.decode()
    for contestant in arena.contestants:
        assert contestant.display_name in page
    assert "<svg" in page and "online Elo" in page and "Position bias" in page
    rows = list(
        csv.DictReader(io.StringIO(client.get("/leaderboard/leaderboard.csv").content.decode()))
    )
    board = leaderboard_compute()
    assert [r["contestant"] for r in rows] == [row.contestant.name for row in board.rows]
    assert float(rows[0]["rating"]) == pytest.approx(board.rows[0].rating, abs=0.01)
    as_json = client.get("/leaderboard/leaderboard.json").json()
    assert as_json["rows"] == board.as_json()["rows"]
    assert (
        len(as_json["win_rate"]) == 3
        and as_json["position_bias"]["lower"] <= as_json["position_bias"]["upper"]
    )
    assert client.get("/api/leaderboard?language=en").json()["votes"] == 36
    fragment = client.get("/leaderboard/board/?category=composition").content.decode()
    assert "composition" in fragment and "<html" not in fragment


@pytest.mark.django_db
def test_personal_page_and_api():
    make_arena(prompts=10, contestants=3)
    client = Client()
    client.get("/")
    empty = client.get("/leaderboard/me/").content.decode()
    assert "You have not voted yet" in empty
    for _ in range(3):
        battle = client.post("/api/battles/next").json()
        client.post(
            f"/api/battles/{battle['id']}/vote", {"choice": "left"}, content_type="application/json"
        )
    mine = client.get("/api/leaderboard/me").json()
    assert mine["votes"] == 3
    assert "Your own leaderboard" in client.get("/leaderboard/me/").content.decode()


@pytest.mark.django_db(transaction=True)
def test_votes_reach_leaderboard_pages_over_the_websocket_debounced(settings):
    from config.asgi import application

    settings.ARENA_LIVE_DEBOUNCE_SECONDS = 0.3
    make_arena(prompts=10, contestants=3)
    rater = Rater.objects.create()
    battles = [battle_serve(rater=rater).battle for _ in range(4)]

    async def scenario():
        communicator = WebsocketCommunicator(
            application, "/ws/leaderboard/", headers=[(b"origin", b"http://localhost")]
        )
        connected, _ = await communicator.connect()
        assert connected
        assert await communicator.receive_nothing(timeout=0.2)
        for battle in battles:  # four votes in quick succession...
            await sync_to_async(vote_cast)(
                rater=rater, battle_public_id=battle.public_id, choice="right"
            )
        message = await communicator.receive_json_from(timeout=3)
        assert message == {"type": "votes.changed"}
        assert await communicator.receive_nothing(timeout=0.6)  # ...make one notice
        await communicator.disconnect()

    asyncio.run(scenario())
    assert json.dumps(leaderboard_compute(rounds=50).as_json()["votes"]) == "4"
