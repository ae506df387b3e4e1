"""Fit the demo recipe into a wall-clock budget on the machine at hand.

The same pre-training step took 0.27, 0.44 and 0.59 s on three "2-core" machines a week apart
(docs/benchmarks.md), so a fixed number of steps cannot promise a duration. `train_demo`
instead measures what a step costs here, right after the components are built, and cuts the
last (64-pixel) stage so that everything still to come fits the budget: the producer's
shards, the pre-training steps, then post-training, whose cost follows from the same
measurements (sampling is transformer forwards, a DPO step is a forward and backward on the
pairs plus the reference's forward). The producer runs beside the consumer, but its thread
and the consumer's two share two cores: on 2026-12-03 the consumer ran its 32-pixel steps at
0.75 s instead of 0.20 until the producer finished, so the producer's time is counted as time
the consumer does not have. The plan is decided once and written down, so a resumed run keeps
its schedule (the learning-rate cosine depends on the total number of steps).

A machine's speed also drifts while it trains (the same run measured 0.44 s per 64-pixel step
before starting and 0.47 to 0.50 s during it), so the consumer re-fits the last stage as it
goes (`refit_last_stage`, every `replan_every` steps of the last stage), from the median of
its own recent steps and the time left to the deadline, keeping post-training's share in
units of its own step. The learning rate's cosine follows the new length.

What gets the time first: pre-training. Post-training rounds are planned only when the whole
recipe's pre-training fits beside them (`plan_training`); otherwise there are none and the last
stage takes all the time: before the recipe's end, the time of two rounds buys more as further
pre-training steps (docs/demo-model.md, "Pre-training before post-training": at 5,900 steps,
+2 points of unseen colour+shape from two rounds against about +25 from their time's steps).

`fit_stages`, `plan_training`, `refit_last_stage` and `post_training_seconds` are pure;
`measure_costs` and `measure_shard_seconds` time the real work.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

import torch


@dataclass(frozen=True)
class StepCosts:
    """Seconds measured on this machine for the demo transformer."""

    train_step: dict[int, float]  # one pre-training step (batch `batch`) by resolution
    image_forward: float  # one 64-pixel image through one no-grad forward, batched
    batch: int  # the batch size `train_step` was measured at


@dataclass(frozen=True)
class PostTrainingWork:
    """What post-training will do (reward_dpo's settings)."""

    rounds: int
    prompts: int
    samples: int
    sample_steps: int
    guidance: float
    dpo_steps: int
    dpo_pairs: int  # pairs per DPO step


def post_training_seconds(work: PostTrainingWork, costs: StepCosts) -> float:
    """Estimated seconds of post-training: sampling plus DPO, every round."""
    if work.rounds <= 0:
        return 0.0
    branches = 2 if work.guidance > 1 else 1  # true CFG runs the negative prompt too
    forwards = work.prompts * work.samples * work.sample_steps * branches
    images = 2 * work.dpo_pairs  # winner and loser
    # The policy's forward and backward on the pair's images costs what a training step does
    # per image; the reference (adapters off) adds one no-grad forward per image.
    dpo_step = costs.train_step[64] * images / costs.batch + images * costs.image_forward
    return work.rounds * (forwards * costs.image_forward + work.dpo_steps * dpo_step)


def fit_stages(
    stages: list[tuple[int, int]],
    available_seconds: float,
    costs: StepCosts,
    min_total_steps: int,
) -> list[tuple[int, int]]:
    """`stages` with the last one cut so that all steps take at most `available_seconds`.

    Stages are never lengthened (their steps are the recipe's maximum). Raises ValueError when
    fewer than `min_total_steps` steps would fit, naming the figures, since such a run would
    not make a usable model.
    """
    *head, (last_resolution, last_steps) = stages
    head_seconds = sum(steps * costs.train_step[res] for res, steps in head)
    per_step = costs.train_step[last_resolution]
    fitting = int((available_seconds - head_seconds) // per_step)
    steps = min(last_steps, fitting)
    total = sum(s for _, s in head) + steps
    if steps < 1 or total < min_total_steps:
        raise ValueError(
            f"the time budget leaves {available_seconds:.0f} s for pre-training, which fits "
            f"{max(total, 0)} steps here ({per_step:.3f} s per {last_resolution}-pixel step, "
            f"{head_seconds:.0f} s for the earlier stages); at least {min_total_steps} are "
            "needed: raise --minutes, or set it to 0 and give --stages"
        )
    return [*head, (last_resolution, steps)]


def plan_training(
    stages: list[tuple[int, int]],
    available_seconds: float,
    costs: StepCosts,
    work: PostTrainingWork,
    min_total_steps: int,
) -> tuple[list[tuple[int, int]], int]:
    """(stages, post-training rounds) for `available_seconds` of pre- and post-training.

    Pre-training first: the most rounds, up to `work.rounds`, with which all of `stages` still
    fit; when not even one round fits beside them, no rounds and `fit_stages` cuts the last
    stage to the whole budget (raising, as it does, when too few steps fit).
    """
    recipe = sum(steps * costs.train_step[res] for res, steps in stages)
    for rounds in range(work.rounds, 0, -1):
        post = post_training_seconds(replace(work, rounds=rounds), costs)
        if recipe + post <= available_seconds:
            return list(stages), rounds
    return fit_stages(stages, available_seconds, costs, min_total_steps), 0


def stages_text(stages: list[tuple[int, int]]) -> str:
    return ",".join(f"{res}:{steps}" for res, steps in stages)


def measure_shard_seconds(components: Path, resolution: int, size: int, seed: int) -> float:
    """Seconds the producer takes for one shard (render, encode, caption features), 1 thread."""
    from modelhub.training.demo import load_components
    from modelhub.training.produce import CaptionFeatures, make_shard, text_pipeline

    previous_threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        parts = load_components(components)
        features = CaptionFeatures(text_pipeline(parts))
        started = time.perf_counter()
        make_shard(resolution, 0, seed=seed, size=size, vae=parts["vae"], features=features)
        return time.perf_counter() - started
    finally:
        torch.set_num_threads(previous_threads)


def _median_seconds(function, repeats: int) -> float:
    function()  # warm-up: allocations, kernel selection
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def measure_costs(
    resolutions: list[int], batch: int, threads: int, text_tokens: int = 22, repeats: int = 5
) -> StepCosts:
    """Time pre-training steps (per resolution) and a batched forward on the demo transformer.

    Random inputs of the training shapes: timing does not depend on the values. `text_tokens`
    is about the longest caption of a training batch (the batch is padded to it).
    """
    from modelhub.training.pretrain import PretrainConfig, flow_matching_loss, init_model

    previous_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        cfg = PretrainConfig(batch_size=batch)
        model = init_model(cfg).train()
        optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
        ema = {name: value.detach().clone() for name, value in model.state_dict().items()}
        width = model.config["joint_attention_dim"]
        generator = torch.Generator().manual_seed(0)
        text = torch.randn(batch, text_tokens, width, generator=generator)
        lengths = torch.full((batch,), text_tokens)
        train_step = {}
        for resolution in resolutions:
            grid = resolution // 4  # the patch autoencoder's spatial factor
            x0 = torch.randn(batch, 16, grid, grid, generator=generator)

            def step(x0=x0):  # what pretrain.train does per step, but for the data
                loss = flow_matching_loss(model, x0, text, lengths, generator, cfg)
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
                optimizer.step()
                with torch.no_grad():
                    for name, value in model.state_dict().items():
                        ema[name].lerp_(value, 1 - cfg.ema_decay)

            train_step[resolution] = _median_seconds(step, repeats)

        x0 = torch.randn(batch, 16, 16, 16, generator=generator)

        def forward():
            with torch.no_grad():
                flow_matching_loss(model, x0, text, lengths, generator, cfg)

        image_forward = _median_seconds(forward, repeats) / batch
    finally:
        torch.set_num_threads(previous_threads)
    return StepCosts(train_step=train_step, image_forward=image_forward, batch=batch)


def refit_last_stage(
    stages: list[tuple[int, int]],
    done: int,
    seconds_per_step: float,
    seconds_left: float,
    reserve_steps: float,
    max_last_steps: int,
    min_total: int,
) -> list[tuple[int, int]]:
    """The stages re-fitted during training, from the speed measured so far.

    After `done` steps, with `seconds_left` until the deadline and `reserve_steps` steps' worth
    of work still to come after pre-training (post-training, in units of this step), the last
    stage gets what fits: at most `max_last_steps` (the recipe's), at least enough for
    `min_total` steps in all and one more step than `done`.
    """
    *head, (resolution, _) = stages
    head_steps = sum(steps for _, steps in head)
    fitting = int(seconds_left / seconds_per_step - reserve_steps)
    total = min(head_steps + max_last_steps, done + fitting)
    total = max(total, min_total, done + 1)
    return [*head, (resolution, total - head_steps)]
