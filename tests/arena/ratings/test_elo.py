from collections import defaultdict

import numpy as np
import pytest

from arena.ratings import online_elo
from tests.arena.ratings.simulate import simulate_votes


def fastchat_compute_elo(a, b, outcome, k=4, scale=400, base=10, init=1000):
    """FastChat's compute_elo, written out from its formulas with a dict and both expectations."""
    rating = defaultdict(lambda: init)
    for model_a, model_b, s_a in zip(a, b, outcome, strict=True):
        ra, rb = rating[model_a], rating[model_b]
        ea = 1 / (1 + base ** ((rb - ra) / scale))
        eb = 1 / (1 + base ** ((ra - rb) / scale))
        rating[model_a] += k * (s_a - ea)
        rating[model_b] += k * (1 - s_a - eb)
    return rating


@pytest.mark.parametrize(("k", "scale", "base", "init"), [(4, 400, 10, 1000), (32, 173, 2.5, 0)])
def test_online_elo_matches_the_fastchat_loop(k, scale, base, init):
    rng = np.random.default_rng(3)
    a, b, outcome = simulate_votes(rng, rng.normal(1000, 200, 9), 20_000, tie_rate=0.2)
    ours = online_elo(a, b, outcome, k=k, scale=scale, base=base, init=init)
    reference = fastchat_compute_elo(a.tolist(), b.tolist(), outcome.tolist(), k, scale, base, init)
    np.testing.assert_allclose(ours, [reference[i] for i in range(9)], rtol=0, atol=1e-8)


def test_online_elo_depends_on_vote_order():
    a, b, outcome = [0, 0], [1, 1], [1.0, 0.0]
    first = online_elo(a, b, outcome)
    second = online_elo(a, b, outcome[::-1])
    assert first[0] < 1000 < second[0]


def test_online_elo_contestants_without_votes_keep_init():
    ratings = online_elo([0], [1], [0.5], num_contestants=4, init=1200)
    np.testing.assert_array_equal(ratings, [1200, 1200, 1200, 1200])


def test_online_elo_of_no_votes_is_empty():
    assert online_elo([], [], []).shape == (0,)
    np.testing.assert_array_equal(online_elo([], [], [], num_contestants=2), [1000, 1000])
