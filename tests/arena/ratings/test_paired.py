import math

import numpy as np
import pytest

from arena.ratings.paired import paired_difference


def paired_verdicts(rng, n, *, both, first_only, second_only):
    """Shuffled right/wrong verdicts with exactly these cell counts (the rest: both wrong)."""
    cells = [(1, 1)] * both + [(1, 0)] * first_only + [(0, 1)] * second_only
    cells += [(0, 0)] * (n - len(cells))
    cells = np.array(cells)[rng.permutation(n)]
    return cells[:, 0], cells[:, 1]


def test_the_interval_matches_the_normal_approximation_of_a_paired_proportion():
    # Independent reference: the variance of the mean of d_i in {-1, 0, 1} is
    # (b + c - (b - c)^2 / n) / n^2 for b, c discordant counts; the bootstrap's percentiles
    # must agree with mean +- 1.96 sd at this size.
    rng = np.random.default_rng(0)
    n, b, c = 400, 30, 55
    first, second = paired_verdicts(rng, n, both=200, first_only=b, second_only=c)
    result = paired_difference(first, second, rounds=20_000, seed=1)
    sd = math.sqrt(b + c - (b - c) ** 2 / n) / n
    assert result.difference == pytest.approx((c - b) / n)
    assert result.lower == pytest.approx((c - b) / n - 1.96 * sd, abs=0.004)
    assert result.upper == pytest.approx((c - b) / n + 1.96 * sd, abs=0.004)
    assert (result.first_only, result.second_only, result.n) == (b, c, n)


def test_mcnemar_is_the_exact_two_sided_binomial_on_the_discordant_prompts():
    rng = np.random.default_rng(2)
    first, second = paired_verdicts(rng, 50, both=20, first_only=2, second_only=9)
    result = paired_difference(first, second, rounds=100)
    # By hand: P(X <= 2) + P(X >= 9) for X ~ Binomial(11, 1/2), symmetric.
    tail = sum(math.comb(11, k) for k in range(0, 3)) / 2**11
    assert result.p_value == pytest.approx(2 * tail)


def test_agreeing_verdicts_give_zero_with_no_spread_and_p_one():
    verdicts = [1, 0, 1, 1, 0]
    result = paired_difference(verdicts, verdicts, rounds=200)
    assert (result.difference, result.lower, result.upper, result.p_value) == (0, 0, 0, 1.0)


def test_swapping_the_contestants_mirrors_the_result():
    rng = np.random.default_rng(3)
    first, second = paired_verdicts(rng, 120, both=50, first_only=10, second_only=25)
    forward = paired_difference(first, second, rounds=500, seed=4)
    backward = paired_difference(second, first, rounds=500, seed=4)
    assert backward.difference == pytest.approx(-forward.difference)
    assert backward.lower == pytest.approx(-forward.upper)
    assert backward.upper == pytest.approx(-forward.lower)
    assert backward.p_value == pytest.approx(forward.p_value)


def test_scores_that_are_not_right_or_wrong_get_an_interval_and_no_test():
    result = paired_difference([0.5, 1.0, 2.0], [1.0, 1.0, 2.0], rounds=300)
    assert result.difference == pytest.approx(0.5 / 3)
    assert 0 <= result.lower <= result.upper <= 0.5
    assert result.p_value is None


@pytest.mark.parametrize(
    "first, second, kwargs, message",
    [
        ([1, 0], [1], {}, "one score per prompt"),
        ([], [], {}, "no prompts"),
        ([1, float("nan")], [1, 0], {}, "NaN"),
        ([1, 0], [1, 0], {"rounds": 0}, "at least 1"),
        ([1, 0], [1, 0], {"level": 1.0}, "level"),
    ],
)
def test_bad_input_is_refused_with_what_is_wrong(first, second, kwargs, message):
    with pytest.raises(ValueError, match=message):
        paired_difference(first, second, **kwargs)
