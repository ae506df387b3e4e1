"""The time budget of train_demo: cost model, stage fitting, the plan kept for --resume."""

import json

import pytest

from modelhub.training import budget, train_demo

COSTS = budget.StepCosts(train_step={32: 0.2, 64: 0.5}, image_forward=0.002, batch=64)


def test_post_training_seconds_by_hand():
    work = budget.PostTrainingWork(
        rounds=2, prompts=300, samples=4, sample_steps=50, guidance=4.0, dpo_steps=600,
        dpo_pairs=16,
    )  # fmt: skip
    sampling = 300 * 4 * 50 * 2 * 0.002  # 240 s: every step runs the prompt and the negative
    dpo_step = 0.5 * 32 / 64 + 32 * 0.002  # policy forward+backward on 32 images, reference
    assert budget.post_training_seconds(work, COSTS) == pytest.approx(
        2 * (sampling + 600 * dpo_step)
    )
    no_cfg = budget.PostTrainingWork(**{**work.__dict__, "guidance": 1.0})
    assert budget.post_training_seconds(no_cfg, COSTS) == pytest.approx(
        2 * (sampling / 2 + 600 * dpo_step)
    )
    none = budget.PostTrainingWork(**{**work.__dict__, "rounds": 0})
    assert budget.post_training_seconds(none, COSTS) == 0


def test_fit_stages_cuts_the_last_stage_only_and_never_lengthens():
    stages = [(32, 1000), (64, 10_000)]
    # 1000 s: 200 s for the 32-pixel stage, 800 s / 0.5 = 1,600 steps at 64
    assert budget.fit_stages(stages, 1000, COSTS, min_total_steps=100) == [(32, 1000), (64, 1600)]
    assert budget.fit_stages(stages, 1e9, COSTS, min_total_steps=100) == stages
    # exactly the time of the recipe: nothing cut
    assert budget.fit_stages(stages, 200 + 5000, COSTS, min_total_steps=100) == stages


def test_fit_stages_refuses_a_budget_that_leaves_no_model():
    with pytest.raises(ValueError, match=r"fits 1200 steps.*0\.500 s per 64-pixel step.*2501"):
        budget.fit_stages([(32, 1000), (64, 10_000)], 300, COSTS, min_total_steps=2501)
    with pytest.raises(ValueError, match="raise --minutes"):
        budget.fit_stages([(32, 1000), (64, 10_000)], 100, COSTS, min_total_steps=10)


def test_plan_fits_the_budget_and_is_kept_for_resume(tmp_path, monkeypatch):
    calls = []

    def fake_measure(resolutions, batch, threads):
        calls.append(resolutions)
        return COSTS

    monkeypatch.setattr(budget, "measure_costs", fake_measure)
    monkeypatch.setattr(budget, "measure_shard_seconds", lambda *a: 0.5)
    cfg = train_demo.DemoConfig(
        run=str(tmp_path), minutes=60, budget_margin=0.05, buckets="32:16,64:160"
    )
    started = train_demo.time.time() - 100  # the components took 100 s
    plan = train_demo.plan_schedule(cfg, tmp_path, started)
    assert calls == [[32, 64]]
    stages = [tuple(map(int, s.split(":"))) for s in plan["stages"].split(",")]
    assert stages[0] == (32, 1000) and stages[1][1] < 10_000
    assert plan["post_train_rounds"] == 0  # the recipe does not fit: no time for post-training
    pretraining = sum(steps * COSTS.train_step[res] for res, steps in stages)
    assert plan["producer_estimate_seconds"] == 176 * 0.5  # every shard of both buckets
    total = 100 + 88 + pretraining + plan["post_training_estimate_seconds"]
    assert 0.95 * 3600 - 1 <= total <= 0.95 * 3600  # fills the budget less the margin
    # the consumer's deadline and post-training's share in its own steps, for its re-fits
    assert plan["finish_by"] == pytest.approx(started + 0.95 * 3600, abs=0.1)
    assert plan["reserve_steps"] == pytest.approx(plan["post_training_estimate_seconds"] / 0.5)
    assert json.loads((tmp_path / "plan.json").read_text()) == plan

    # --resume keeps the plan even on a machine of another speed; a fresh run measures again
    monkeypatch.setattr(budget, "measure_costs", lambda *a: pytest.fail("measured on resume"))
    resumed = train_demo.DemoConfig(run=str(tmp_path), minutes=60, resume=True)
    assert train_demo.plan_schedule(resumed, tmp_path, train_demo.time.time()) == plan
    fixed = train_demo.DemoConfig(run=str(tmp_path), minutes=0, stages="32:10,64:20")
    assert train_demo.plan_schedule(fixed, tmp_path, 0)["stages"] == "32:10,64:20"
    assert train_demo.plan_schedule(fixed, tmp_path, 0)["post_train_rounds"] == 2

    # a machine fast enough for the whole recipe plans the post-training rounds too
    fast = budget.StepCosts(train_step={32: 0.05, 64: 0.1}, image_forward=0.0005, batch=64)
    monkeypatch.setattr(budget, "measure_costs", lambda *a, **k: fast)
    plan = train_demo.plan_schedule(cfg, tmp_path, train_demo.time.time() - 100)
    assert plan["stages"] == "32:1000,64:10000" and plan["post_train_rounds"] == 2
    assert plan["reserve_steps"] == pytest.approx(plan["post_training_estimate_seconds"] / 0.1)


def test_measure_costs_times_the_demo_transformer():
    costs = budget.measure_costs([32, 64], batch=4, threads=1, repeats=1)
    assert set(costs.train_step) == {32, 64} and costs.batch == 4
    assert all(seconds > 0 for seconds in costs.train_step.values())
    # a no-grad forward of one image costs less than a training step of the whole batch
    assert 0 < costs.image_forward < costs.train_step[64]


def test_measure_shard_seconds_times_one_producer_shard(components_dir):
    threads = budget.torch.get_num_threads()
    seconds = budget.measure_shard_seconds(components_dir, 64, size=8, seed=0)
    assert 0 < seconds < 60
    assert budget.torch.get_num_threads() == threads  # the caller's setting is restored


@pytest.mark.parametrize(
    "done, seconds_per_step, seconds_left, min_total, last_steps",
    [
        # 2,000 steps done; 1,000 s left at 0.5 s a step = 2,000 steps, less 300 reserved
        (2000, 0.5, 1000, 2501, 2700),
        # a faster machine than planned lengthens the stage, up to the recipe's maximum
        (2000, 0.1, 1e6, 2501, 10_000),
        # out of time: stop after the next step, but never before the early snapshot exists
        (3000, 0.5, 10, 2501, 2001),
        (2000, 0.5, 10, 2601, 1601),
    ],
)
def test_refit_last_stage_follows_the_measured_speed(
    done, seconds_per_step, seconds_left, min_total, last_steps
):
    stages = [(32, 1000), (64, 4000)]
    refitted = budget.refit_last_stage(
        stages, done, seconds_per_step, seconds_left, 300, 10_000, min_total
    )
    assert refitted == [(32, 1000), (64, last_steps)]


WORK = budget.PostTrainingWork(
    rounds=2, prompts=300, samples=4, sample_steps=50, guidance=4.0, dpo_steps=600, dpo_pairs=16
)
ROUND = 300 * 4 * 50 * 2 * 0.002 + 600 * (0.5 * 32 / 64 + 32 * 0.002)  # 428.4 s with COSTS
RECIPE = 1000 * 0.2 + 10_000 * 0.5  # 5,200 s


@pytest.mark.parametrize(
    "seconds, rounds, last_steps",
    [
        (1e9, 2, 10_000),  # time to spare: the whole recipe and every round
        (RECIPE + 2 * ROUND, 2, 10_000),  # exactly enough for both rounds
        (RECIPE + 2 * ROUND - 1, 1, 10_000),  # one round fewer, not a shorter pre-training
        (RECIPE + ROUND - 1, 0, 10_000),  # no round fits beside the recipe
        (3000, 0, 5600),  # a slow machine: no rounds, and all of the time for pre-training
    ],
)
def test_plan_training_gives_pre_training_the_time_first(seconds, rounds, last_steps):
    stages = [(32, 1000), (64, 10_000)]
    planned, planned_rounds = budget.plan_training(stages, seconds, COSTS, WORK, 2501)
    assert planned_rounds == rounds
    assert planned == [(32, 1000), (64, last_steps)]
    spent = sum(steps * COSTS.train_step[res] for res, steps in planned)
    post = budget.post_training_seconds(
        budget.PostTrainingWork(**{**WORK.__dict__, "rounds": rounds}), COSTS
    )
    assert spent + post <= seconds


def test_plan_training_still_refuses_a_budget_that_leaves_no_model():
    with pytest.raises(ValueError, match="raise --minutes"):
        budget.plan_training([(32, 1000), (64, 10_000)], 300, COSTS, WORK, 2501)
