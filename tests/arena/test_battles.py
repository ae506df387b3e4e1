"""Serving battles: eligible prompts only, random sides, no image a rater saw revealed."""

import random
from collections import Counter

import pytest
from django.test import Client

from arena.errors import NoBattleAvailable
from arena.matchmaking import BattleCandidates, UniformPolicy
from arena.models import Battle, Contestant, Rater
from arena.pool import PoolIndex, pool_changed
from arena.services import battle_serve, battle_skip, vote_cast
from generation.models import Image
from tests.factories import make_arena

pytestmark = pytest.mark.django_db


def test_only_prompts_with_two_contestants_are_served():
    arena = make_arena(prompts=3, contestants=2)
    lonely = arena.prompts[0]
    Image.objects.filter(prompt=lonely, contestant=arena.contestants[1]).delete()
    pool_changed()
    served = {
        battle_serve(rater=Rater.objects.create(), rng=random.Random(seed)).battle.prompt_id
        for seed in range(8)
    }
    assert lonely.pk not in served
    assert served <= {arena.prompts[1].pk, arena.prompts[2].pk}


def test_a_battle_pairs_two_different_contestants_on_the_same_prompt():
    make_arena(prompts=3, seeds=2)
    rater = Rater.objects.create()
    for seed in range(6):
        battle = battle_serve(rater=rater, rng=random.Random(seed)).battle
        assert battle.left_contestant_id != battle.right_contestant_id
        assert battle.left_image.prompt_id == battle.right_image.prompt_id == battle.prompt_id
        assert battle.left_image.contestant_id == battle.left_contestant_id
        assert battle.right_image.contestant_id == battle.right_contestant_id
        assert battle.policy == "uniform"


def test_sides_and_pairs_are_spread_at_random():
    make_arena(prompts=20, seeds=1, contestants=3)
    rng = random.Random(7)
    lefts, pairs = Counter(), Counter()
    for _ in range(20):
        rater = Rater.objects.create()
        for _ in range(3):
            battle = battle_serve(rater=rater, rng=rng).battle
            lefts[battle.left_contestant_id] += 1
            pairs[frozenset((battle.left_contestant_id, battle.right_contestant_id))] += 1
    assert len(pairs) == 3 and min(pairs.values()) >= 10  # 60 battles over 3 pairs
    assert len(lefts) == 3 and min(lefts.values()) >= 10


def test_images_a_rater_has_seen_revealed_never_come_back():
    arena = make_arena(prompts=2, seeds=1, contestants=2)
    rater = Rater.objects.create()
    first = battle_serve(rater=rater).battle
    vote_cast(rater=rater, battle_public_id=first.public_id, choice="left")
    second = battle_serve(rater=rater).battle
    assert {second.left_image_id, second.right_image_id}.isdisjoint(
        {first.left_image_id, first.right_image_id}
    )
    vote_cast(rater=rater, battle_public_id=second.public_id, choice="right")
    with pytest.raises(NoBattleAvailable, match="seen every image"):
        battle_serve(rater=rater)
    # Another rater still has the whole pool.
    assert battle_serve(rater=Rater.objects.create()).battle.prompt_id in {
        p.pk for p in arena.prompts
    }


def test_open_battles_count_as_seen_so_a_prefetched_battle_never_repeats_the_current_one():
    make_arena(prompts=2, seeds=1, contestants=2)
    rater = Rater.objects.create()
    current = battle_serve(rater=rater).battle
    prefetched = battle_serve(rater=rater).battle
    assert current.prompt_id != prefetched.prompt_id


def test_skipped_battles_give_their_images_back():
    make_arena(prompts=1, seeds=1, contestants=2)
    rater = Rater.objects.create()
    battle = battle_serve(rater=rater).battle
    battle_skip(rater=rater, battle_public_id=battle.public_id)
    again = battle_serve(rater=rater).battle
    assert {again.left_image_id, again.right_image_id} == {
        battle.left_image_id,
        battle.right_image_id,
    }


def test_inactive_contestants_are_not_served():
    arena = make_arena(prompts=2, contestants=3)
    Contestant.objects.filter(pk=arena.contestants[0].pk).update(active=False)
    pool_changed()
    for _ in range(6):
        battle = battle_serve(rater=Rater.objects.create()).battle
        assert arena.contestants[0].pk not in (
            battle.left_contestant_id,
            battle.right_contestant_id,
        )


def test_empty_pool_explains_how_to_fill_it():
    with pytest.raises(NoBattleAvailable, match="import_images"):
        battle_serve(rater=Rater.objects.create())
    client = Client()
    token = client.post("/api/raters").json()["token"]
    response = client.post("/api/battles/next", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 404
    assert response.json()["error"] == "no_battle_available"
    assert not Battle.objects.exists()


def test_uniform_policy_draws_prompts_uniformly_among_eligible_ones():
    """Checked on a synthetic pool against the exact expected frequencies (chi-square)."""
    images = {p: {1: (10 * p,), 2: (10 * p + 1,)} for p in range(10)}
    images[10] = {1: (100,)}  # only one contestant: never drawn
    pool = PoolIndex(images=images, battle_prompts=tuple(range(10)))
    excluded = {10 * 3, 10 * 3 + 1}  # prompt 3's images were seen: never drawn for this rater
    candidates = BattleCandidates(pool, excluded)
    rng = random.Random(0)
    counts = Counter(UniformPolicy().choose(candidates, rng).prompt_id for _ in range(9000))
    assert set(counts) == set(range(10)) - {3}
    expected = 9000 / 9
    chi_square = sum((counts[p] - expected) ** 2 / expected for p in counts)
    assert chi_square < 26.1  # 99.9th percentile of chi-square with 8 degrees of freedom


def test_served_suites_setting_limits_battles_to_those_suites():
    from django.test import override_settings

    make_arena(prompts=2, contestants=2)
    with override_settings(ARENA_SERVED_SUITES=("another-suite",)):
        pool_changed()
        with pytest.raises(NoBattleAvailable):
            battle_serve(rater=Rater.objects.create(), rng=random.Random(0))
    with override_settings(ARENA_SERVED_SUITES=("another-suite", "test-suite")):
        pool_changed()
        battle = battle_serve(rater=Rater.objects.create(), rng=random.Random(0)).battle
        assert battle.prompt.suite.name == "test-suite"
