"""The DPO loop's verdicts: the leaderboard check and the paired scorer comparison."""

from types import SimpleNamespace

import pytest

from arena.management.commands.dpo_loop import (
    BASE_CONTESTANT,
    TUNED_CONTESTANT,
    accuracy_by_kind,
    base_sample_names,
    leaderboard_verdict,
    loop_base,
    loop_contestants,
    paired_scorer_lines,
)


def board(**intervals):
    rows = [
        SimpleNamespace(
            contestant=SimpleNamespace(name=name), rating=(low + high) / 2, lower=low, upper=high
        )
        for name, (low, high) in intervals.items()
    ]
    return SimpleNamespace(rows=rows)


@pytest.mark.parametrize(
    "tuned, base, expected",
    [
        ((1120, 1130), (1100, 1119), "above, the intervals do not overlap."),
        ((1113, 1124), (1110, 1121), "not separated."),
        ((1090, 1100), (1110, 1121), "not separated."),
    ],
)
def test_the_leaderboard_verdict_needs_the_tuned_interval_above_the_base(tuned, base, expected):
    verdict = leaderboard_verdict(board(**{TUNED_CONTESTANT: tuned, BASE_CONTESTANT: base}))
    assert verdict.endswith(expected)
    assert f"({tuned[0]} - {tuned[1]})" in verdict


def test_the_leaderboard_verdict_says_when_a_contestant_is_missing():
    assert "not both" in leaderboard_verdict(board(**{BASE_CONTESTANT: (1, 2)}))


def test_the_leaderboard_verdict_compares_the_loops_own_base_and_tuned_model():
    """With --base-checkpoint pretrained the lineup's best is on the board too; the verdict is
    about the pre-trained checkpoint and its tuned model, not about demo-final-cfg."""
    base, tuned = loop_contestants("pretrained")
    assert (base, tuned) == ("demo-pretrained-cfg", "demo-pretrained-dpo")
    intervals = {BASE_CONTESTANT: (1130, 1140), tuned: (1120, 1129), base: (1100, 1110)}
    verdict = leaderboard_verdict(board(**intervals), base, tuned)
    assert verdict.startswith(f"{tuned} 1124 (1120 - 1129) against {base} 1105")
    assert verdict.endswith("above, the intervals do not overlap.")
    assert leaderboard_verdict(board(**intervals)).endswith("not both on the leaderboard.")


def test_a_base_outside_the_lineup_samples_like_the_lineups_best():
    final = loop_base("final")
    assert (final.name, final.checkpoint) == (BASE_CONTESTANT, "final")
    pretrained = loop_base("pretrained")
    assert (pretrained.name, pretrained.checkpoint) == ("demo-pretrained-cfg", "pretrained")
    assert (pretrained.steps, pretrained.guidance) == (final.steps, final.guidance)
    assert base_sample_names(3, pretrained.name) == [
        "demo-pretrained-cfg-seed-1",
        "demo-pretrained-cfg-seed-2",
    ]


def test_accuracy_by_kind_counts_each_prompt_once_per_kind_and_overall():
    verdicts = {1: ("single", 1.0), 2: ("single", 0.0), 3: ("relation", 1.0), 4: ("count", 0.5)}
    assert accuracy_by_kind(verdicts) == {
        "all": pytest.approx(2.5 / 4),
        "single": 0.5,
        "relation": 1.0,
        "count": 0.5,
    }


def test_the_paired_rows_count_discordant_prompts_on_shared_prompts_only():
    base = {i: ("relation" if i < 6 else "single", float(i % 2)) for i in range(10)}
    tuned = {i: (kind, 1.0) for i, (kind, _) in base.items()}
    tuned[99] = ("single", 1.0)  # no base image for it: left out
    rows = paired_scorer_lines(base, tuned, seed=0)
    cells = [[c.strip() for c in row.strip("|").split("|")] for row in rows[2:]]
    by_kind = {row[1]: row for row in cells}
    assert list(by_kind) == ["all", "relation", "single"]
    # all: 10 prompts, base right on the 5 odd ones, tuned on all: +50 points, 0 vs 5 discordant.
    assert by_kind["all"][:5] == ["10", "all", "50.0%", "100.0%", "+50.0"]
    assert by_kind["all"][6:8] == ["0", "5"]
    assert by_kind["all"][8] == f"{2 * 0.5**5:.3f}"  # exact binomial: 5 of 5 one way
    assert by_kind["relation"][0] == "6" and by_kind["single"][0] == "4"
