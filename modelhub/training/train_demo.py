"""Train the demo model from scratch in one command, within a time budget (60 minutes by default).

    nice -n 5 .venv/bin/python -m modelhub.training.train_demo
    # interrupted? continue (components and finished shards are reused, training resumes):
    nice -n 5 .venv/bin/python -m modelhub.training.train_demo --resume

Steps:
1. Components (about a minute): the text encoder (DEMO_TEXT_ENCODER from the seed, taught to
   read captions by `text_encoder.py`, then frozen) and the patch autoencoder, fitted on
   renders of the training split; written to <run>/components (with text_encoder.json, the
   encoder's training report).
2. The plan (`budget.py`): with `minutes` > 0 (60 by default), a few steps of the demo
   transformer and one producer shard are timed here and the last stage of `stages` is cut so
   that the whole command, post-training included, ends within `minutes` (less
   `budget_margin`); `stages` is the recipe's maximum. Pre-training comes first: post-training
   rounds are planned only when the whole recipe fits beside them (fewer rounds, or none, on
   a slow machine). Written to <run>/plan.json, which `--resume` keeps.
3. Pre-training: the producer (`produce.py`, 1 thread) and the consumer (`pretrain.py`,
   2 threads) start together as separate processes; the consumer trains on the cache as the
   producer fills it. Progressive resolution: the planned stages (32 pixels, then 64). The
   loss weighs each latent channel by (1 + its variance) ** -velocity_norm (1 by default: the
   edge and corner channels count as much as the patch means; 0 for the plain loss, which is
   how the committed checkpoints were trained), and with `aux_weight` (0.5) a head on an early
   block must tell each image token's colour and shape (`token_labels.py`; 0 turns it off, as
   for the committed checkpoints); timesteps t = sigmoid(N(logit_mean, 1)), shifted towards
   noise where the layout is decided (`logit_mean` 1; the committed checkpoints: 0).
4. Export to `modelhub/checkpoints/demo/` (or --export): pipeline folders pretrained/ and
   early/ (transformer/ with the EMA weights at the end and at `early_step`, in fp16) and
   final/ (vae/ and text_encoder/, which the others link to), plus train_log.csv and run.json
   (times, machine load, settings).
5. Post-training (the planned rounds, at most `post_train_rounds`, 8 to 16 minutes a round):
   scorer-ranked DPO from pretrained/ (`reward_dpo.py`: on-policy pairs of training-distribution
   prompts); the tuned transformer becomes final/transformer. With no round planned, final/ is
   pretrained/.

The machine's load average is sampled every 10 s while the processes run and recorded with
the wall times, since on a shared machine the wall time depends on it.
"""

from __future__ import annotations

import json
import os
import platform
import random
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np
import torch

from modelhub.synthetic.render import render
from modelhub.synthetic.scenes import sample_scene
from modelhub.training import budget, reward_dpo
from modelhub.training.autoencoder import PatchAutoencoder
from modelhub.training.cli import config_parser
from modelhub.training.demo import (
    DEMO_DIR,
    build_text_encoder,
    install_transformer,
    save_text_encoder,
)
from modelhub.training.dpo.trainer import DPOConfig
from modelhub.training.pretrain import PretrainConfig
from modelhub.training.produce import parse_buckets
from modelhub.training.text_encoder import TextEncoderTraining, train_text_encoder


@dataclass
class DemoConfig:
    run: str = "var/demo-run"  # components/, cache/, train/
    export: str = str(DEMO_DIR)  # where the committed checkpoints go ("" to skip)
    stages: str = "32:1000,64:10000"  # pretrain stages, resolution:steps (at most: see minutes)
    minutes: float = 60.0  # wall-clock budget of the whole command (0: run `stages` as given)
    budget_margin: float = 0.05  # share of `minutes` kept for what the estimate misses
    buckets: str = "32:16,64:160"  # producer shards per resolution (1024 samples each)
    shard_size: int = 1024
    early_step: int = 2500  # the EMA weights kept as the "early" checkpoint
    batch_size: int = 64
    lr: float = 3e-3
    # pretrain.py's timesteps, t = sigmoid(N(logit_mean, 1)), shifted towards noise, where the
    # layout is decided: at 3,000 steps two objects 12 / 18 / 46 / 42 % all right with 0 / 0.5 /
    # 1 / 1.5 (docs/demo-model.md, "Timesteps shifted towards noise")
    logit_mean: float = 1.0
    velocity_norm: float = 1.0  # pretrain.py's per-channel loss weights (0: plain MSE)
    aux_weight: float = 0.5  # pretrain.py's token-label loss (token_labels.py; 0: off)
    seed: int = 0
    autoencoder_images: int = 4096
    text_encoder_steps: int = 600  # caption-reading steps before the encoder is frozen (0: random)
    post_train_rounds: int = 2  # scorer-ranked DPO rounds after pre-training, at most (0: none)
    post_train_prompts: int = 300  # training-distribution prompts per round, 4 images each
    post_train_steps: int = 600  # DPO steps per round
    save_every: int = 500
    resume: bool = False
    progress: bool = True


def build_components(folder: Path, cfg: DemoConfig) -> None:
    """Text encoder and autoencoder into `folder` (skipped when already there)."""
    if (folder / "vae").is_dir() and (folder / "text_encoder").is_dir():
        return
    from modelhub.qwen_image.configs import DEMO_AUTOENCODER
    from modelhub.qwen_image.tokenizer import qwen2_tokenizer

    text_encoder = build_text_encoder(cfg.seed)
    if cfg.text_encoder_steps:
        training = TextEncoderTraining(steps=cfg.text_encoder_steps, seed=cfg.seed)
        report = train_text_encoder(text_encoder, qwen2_tokenizer(), training, cfg.progress)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "text_encoder.json").write_text(json.dumps(report, indent=2) + "\n")
    save_text_encoder(text_encoder, folder / "text_encoder")
    rng = random.Random(f"autoencoder/{cfg.seed}")
    images = np.stack([render(sample_scene(rng), 64) for _ in range(cfg.autoencoder_images)])
    PatchAutoencoder.fit(images, **DEMO_AUTOENCODER).save_pretrained(folder / "vae")


def plan_schedule(cfg: DemoConfig, run: Path, started: float) -> dict:
    """The pre-training stages this run trains, fitted to `cfg.minutes` (see budget.py).

    Decided once per run and kept in <run>/plan.json: a resumed run reuses it.
    """
    path = run / "plan.json"
    if cfg.resume and path.is_file():
        kept = json.loads(path.read_text())
        kept.setdefault("post_train_rounds", cfg.post_train_rounds)  # plans written before it
        return kept
    plan: dict = {
        "stages": cfg.stages,
        "post_train_rounds": cfg.post_train_rounds if cfg.export else 0,
        "minutes": cfg.minutes,
        "finish_by": 0,
        "reserve_steps": 0,
    }
    if cfg.minutes > 0:
        stages = PretrainConfig(stages=cfg.stages).stage_list()
        resolutions = sorted({resolution for resolution, _ in stages} | {64})
        costs = budget.measure_costs(resolutions, cfg.batch_size, threads=2)
        defaults = reward_dpo.RewardDPOConfig()
        work = budget.PostTrainingWork(
            rounds=plan["post_train_rounds"],
            prompts=cfg.post_train_prompts,
            samples=defaults.samples,
            sample_steps=defaults.sample_steps,
            guidance=defaults.guidance,
            dpo_steps=cfg.post_train_steps,
            dpo_pairs=DPOConfig.batch_pairs,
        )
        shards = sum(count for _, count in parse_buckets(cfg.buckets))
        producer_seconds = shards * budget.measure_shard_seconds(
            run / "components", max(resolutions), cfg.shard_size, cfg.seed
        )
        spent = time.time() - started
        available = cfg.minutes * 60 * (1 - cfg.budget_margin) - spent - producer_seconds
        fitted, rounds = budget.plan_training(
            stages, available, costs, work, min_total_steps=cfg.early_step + 1
        )
        post_seconds = budget.post_training_seconds(replace(work, rounds=rounds), costs)
        plan.update(
            stages=budget.stages_text(fitted),
            post_train_rounds=rounds,
            # the consumer re-fits its last stage to this deadline as it measures its own speed
            finish_by=round(started + cfg.minutes * 60 * (1 - cfg.budget_margin), 1),
            reserve_steps=round(post_seconds / costs.train_step[64], 1),
            seconds_per_step={str(r): round(s, 4) for r, s in costs.train_step.items()},
            image_forward_seconds=round(costs.image_forward, 5),
            seconds_before_pretraining=round(spent, 1),
            producer_estimate_seconds=round(producer_seconds, 1),
            pretraining_estimate_seconds=round(
                sum(steps * costs.train_step[res] for res, steps in fitted), 1
            ),
            post_training_estimate_seconds=round(post_seconds, 1),
        )
    run.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(plan, indent=2) + "\n")
    print(f"plan: stages {plan['stages']} ({json.dumps(plan)})", flush=True)
    return plan


class LoadSampler(threading.Thread):
    """Samples the 1-minute load average every `interval` seconds until stopped."""

    def __init__(self, interval: float = 10.0):
        super().__init__(daemon=True)
        self.interval = interval
        self.samples: list[float] = []
        self._stop_event = threading.Event()

    def run(self) -> None:
        while not self._stop_event.wait(self.interval):
            self.samples.append(os.getloadavg()[0])

    def stop(self) -> dict[str, float]:
        self._stop_event.set()
        values = self.samples or [os.getloadavg()[0]]
        return {"mean": round(float(np.mean(values)), 2), "max": round(max(values), 2)}


def process_commands(cfg: DemoConfig, run: Path, plan: dict) -> tuple[list[str], list[str]]:
    """The producer's and the consumer's command lines: every training setting of `cfg` reaches
    the consumer (`pretrain.py`), with the planned stages and deadline."""
    python = sys.executable
    producer = [
        python, "-m", "modelhub.training.produce",
        "--cache", str(run / "cache"), "--components", str(run / "components"),
        "--buckets", cfg.buckets, "--shard-size", str(cfg.shard_size),
        "--seed", str(cfg.seed), "--threads", "1", "--no-progress",
    ]  # fmt: skip
    consumer = [
        python, "-m", "modelhub.training.pretrain",
        "--cache", str(run / "cache"), "--out", str(run / "train"),
        "--stages", plan["stages"], "--batch-size", str(cfg.batch_size), "--lr", str(cfg.lr),
        "--logit-mean", str(cfg.logit_mean),
        "--velocity-norm", str(cfg.velocity_norm), "--aux-weight", str(cfg.aux_weight),
        "--snapshots", str(cfg.early_step), "--save-every", str(cfg.save_every),
        "--seed", str(cfg.seed), "--threads", "2",
        "--finish-by", str(0 if cfg.resume else plan["finish_by"]),
        "--reserve-steps", str(plan["reserve_steps"]),
        "--max-last-steps", str(PretrainConfig(stages=cfg.stages).stage_list()[-1][1]),
        "--resume" if cfg.resume else "--no-resume",
        "--progress" if cfg.progress else "--no-progress",
    ]  # fmt: skip
    return producer, consumer


def run_processes(cfg: DemoConfig, run: Path, plan: dict) -> dict[str, float]:
    """Start producer and consumer (training the planned stages), wait for both; returns their
    wall times. A resumed run finishes the schedule as planned, without a deadline."""
    producer_cmd, consumer_cmd = process_commands(cfg, run, plan)
    started = time.time()
    producer = subprocess.Popen(producer_cmd)
    consumer = subprocess.Popen(consumer_cmd)
    times: dict[str, float] = {}
    try:
        while producer.poll() is None or consumer.poll() is None:
            if consumer.poll() not in (None, 0):
                raise RuntimeError(f"pretrain exited with status {consumer.returncode}")
            if producer.poll() not in (None, 0):
                raise RuntimeError(f"produce exited with status {producer.returncode}")
            if producer.poll() == 0 and "producer_seconds" not in times:
                times["producer_seconds"] = round(time.time() - started, 1)
            time.sleep(1.0)
    finally:
        for process in (producer, consumer):
            if process.poll() is None:
                process.terminate()
                process.wait()
    times.setdefault("producer_seconds", round(time.time() - started, 1))
    times["consumer_seconds"] = round(time.time() - started, 1)
    return times


def export(cfg: DemoConfig, run: Path, target: Path) -> None:
    """Pipeline folders final/, pretrained/ and early/ (fp16 transformers; final/ holds the
    frozen parts, the others link them). final/ is pre-training's until `post_train` replaces it."""
    ema = run / "train" / "ema"
    for part in ("vae", "text_encoder"):
        shutil.rmtree(target / "final" / part, ignore_errors=True)
        shutil.copytree(run / "components" / part, target / "final" / part)
    install_transformer(ema / "final", "final", target)
    install_transformer(ema / "final", "pretrained", target)
    install_transformer(ema / f"step-{cfg.early_step:06d}", "early", target)
    shutil.copyfile(run / "train" / "loss.csv", target / "train_log.csv")


def post_train(cfg: DemoConfig, run: Path, target: Path, rounds: int) -> dict:
    """`rounds` of scorer-ranked DPO (`reward_dpo.py`) from pretrained/; the result becomes
    final/."""
    merged = reward_dpo.run(
        reward_dpo.RewardDPOConfig(
            base=str(target / "pretrained"),
            out=str(run / "post-train"),
            rounds=rounds,
            prompts=cfg.post_train_prompts,
            steps=cfg.post_train_steps,
            seed=cfg.seed,
            progress=cfg.progress,
        )
    )
    install_transformer(merged / "transformer", "final", target)
    return json.loads((run / "post-train" / "report.json").read_text())


def _repo_relative(value):
    root = DEMO_DIR.parents[2]
    if isinstance(value, str) and Path(value).is_absolute() and Path(value).is_relative_to(root):
        return str(Path(value).relative_to(root))
    return value


def _text_encoder_report(components: Path) -> dict | None:
    path = components / "text_encoder.json"
    return json.loads(path.read_text()) if path.is_file() else None


def main(argv: list[str] | None = None) -> int:
    parser = config_parser(DemoConfig, "Train the demo model from scratch.")
    cfg = DemoConfig(**vars(parser.parse_args(argv)))
    run = Path(cfg.run)
    if run.exists() and not cfg.resume:
        for sub in ("cache", "train", "post-train"):
            shutil.rmtree(run / sub, ignore_errors=True)
        (run / "plan.json").unlink(missing_ok=True)
    run.mkdir(parents=True, exist_ok=True)

    load = LoadSampler()
    load.start()
    started = time.time()
    build_components(run / "components", cfg)
    components_seconds = round(time.time() - started, 1)
    plan = plan_schedule(cfg, run, started)
    times = run_processes(cfg, run, plan)
    trained = json.loads((run / "train" / "config.json").read_text())["stages"]
    post_training = None
    if cfg.export:
        export(cfg, run, Path(cfg.export))
        if plan["post_train_rounds"]:
            post_training = post_train(cfg, run, Path(cfg.export), plan["post_train_rounds"])
    record = {
        # Paths inside the repository are recorded relative to it (run.json is committed).
        "config": {k: _repo_relative(v) for k, v in asdict(cfg).items()},
        "components_seconds": components_seconds,
        "text_encoder": _text_encoder_report(run / "components"),
        "plan": plan,
        "stages_trained": trained,  # the plan's last stage as the consumer re-fitted it
        **times,
        "post_training": post_training,
        "total_seconds": round(time.time() - started, 1),
        "load_average": load.stop(),
        "cpus": os.cpu_count(),
        "machine": platform.platform(),
        "torch": torch.__version__,
    }
    (run / "run.json").write_text(json.dumps(record, indent=2) + "\n")
    if cfg.export:
        (Path(cfg.export) / "run.json").write_text(json.dumps(record, indent=2) + "\n")
    print(json.dumps(record, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
