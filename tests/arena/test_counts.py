"""Pair counts follow the votes exactly, incrementally and when rebuilt."""

import random
import threading
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, connections

from arena.counts import pair_counts_rebuild
from arena.models import PairCount, Rater, Vote
from arena.services import battle_serve, vote_cast
from tests.factories import make_arena


def count_rows() -> set[tuple]:
    return set(
        PairCount.objects.values_list(
            "category",
            "language",
            "left_contestant",
            "right_contestant",
            "left_wins",
            "right_wins",
            "ties",
            "both_bad",
        )
    )


def expected_from_votes() -> set[tuple]:
    """The counts computed the slow way, vote by vote."""
    table: dict[tuple, list[int]] = {}
    for vote in Vote.objects.select_related("prompt"):
        key = (
            vote.prompt.category,
            vote.prompt.language,
            vote.left_contestant_id,
            vote.right_contestant_id,
        )
        row = table.setdefault(key, [0, 0, 0, 0])
        row[["left", "right", "tie", "both_bad"].index(vote.choice)] += 1
    return {(*key, *row) for key, row in table.items()}


@pytest.mark.django_db
def test_counts_follow_votes_and_a_rebuild_agrees():
    arena = make_arena(prompts=6, contestants=3)
    arena.prompts[1].category = "text_rendering/en/word"
    arena.prompts[1].save()
    rng = random.Random(3)
    for _ in range(8):
        rater = Rater.objects.create()
        for _ in range(3):
            battle = battle_serve(rater=rater, rng=rng).battle
            vote_cast(
                rater=rater,
                battle_public_id=battle.public_id,
                choice=rng.choice(Vote.Choice.values),
            )
    incremental = count_rows()
    assert incremental == expected_from_votes()
    assert sum(row[4] + row[5] + row[6] + row[7] for row in incremental) == 24
    PairCount.objects.update(ties=99)  # corrupt, then repair
    call_command("rebuild_counts", stdout=StringIO())
    assert count_rows() == incremental


@pytest.mark.django_db
def test_a_repeated_vote_is_counted_once():
    make_arena()
    rater = Rater.objects.create()
    battle = battle_serve(rater=rater).battle
    vote_cast(rater=rater, battle_public_id=battle.public_id, choice="left")
    vote_cast(rater=rater, battle_public_id=battle.public_id, choice="left")
    assert PairCount.objects.get().left_wins == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL: set DATABASE_URL")
def test_concurrent_votes_on_one_pair_are_all_counted():
    make_arena(prompts=12, contestants=2)
    raters = [Rater.objects.create() for _ in range(8)]
    battles = [battle_serve(rater=rater).battle for rater in raters]
    barrier = threading.Barrier(len(raters))

    def cast(rater, battle):
        try:
            barrier.wait(timeout=30)
            vote_cast(rater=rater, battle_public_id=battle.public_id, choice="tie")
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=cast, args=pair) for pair in zip(raters, battles, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sum(PairCount.objects.values_list("ties", flat=True)) == 8
    assert pair_counts_rebuild() == 8
