"""Post-training the demo model with DPO on pairs the scorer ranks (a verifiable reward).

    .venv/bin/python -m modelhub.training.reward_dpo --out var/reward-dpo --rounds 2
    # tunes --base (default: the committed pretrained/); the result is <out>/round-2/dpo/merged

The Qwen-Image report follows pre-training with preference optimisation (DPO on ranked pairs,
then GRPO); for the synthetic suite the ranking needs no people, because every prompt has a
known answer the scorer checks. One round:

1. `prompts` prompts drawn from the **training** distribution (`scenes.sample_scene(rng,
   "train")`: seen colour-shape pairs and training combinations only, nothing of the held-out
   suite that `evaluate`'s unseen, count and two-object groups come from), `samples` images
   of each from the base
   with its arena sampler (50 steps, true CFG 4), each from its own noise seed.
2. The scorer judges every image; within a prompt, every two images whose utilities
   (`scorer.utility`) differ make a pair, the better one the winner: on-policy pairs, two
   images of the same model for one prompt.
3. The pairs are written as Parquet in TRL's layout (`prompt`, `chosen`, `rejected`), the same
   files `export_preferences --format trl` writes, and `modelhub.training.dpo` tunes the base on
   them (LoRA, base with adapters off as the reference); `merge` writes a pipeline folder.

With `rounds` > 1 the next round samples from the tuned model (iterated on-policy DPO).
"""

from __future__ import annotations

import io
import json
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from itertools import combinations
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
from PIL import Image

from modelhub.synthetic.scenes import sample_scene
from modelhub.synthetic.scorer import score, utility
from modelhub.training.cli import config_parser


@dataclass
class RewardDPOConfig:
    base: str = "modelhub/checkpoints/demo/pretrained"  # pipeline folder to tune
    out: str = "var/reward-dpo"  # round-N/ (pairs/, dpo/ with merged/) and report.json
    rounds: int = 1
    prompts: int = 300  # per round, from the training distribution
    samples: int = 4  # images of the current model per prompt
    sample_steps: int = 50  # the arena sampler of demo-final-cfg
    guidance: float = 4.0
    steps: int = 600  # DPO steps per round (16 pairs each)
    beta: float = 500.0
    lr: float = 1e-3
    lora_rank: int = 16
    seed: int = 0
    progress: bool = True


def ranked_pairs(utilities: Sequence[float]) -> list[tuple[int, int]]:
    """(winner, loser) indices of every two images whose utilities differ, in index order."""
    pairs = []
    for i, j in combinations(range(len(utilities)), 2):
        if utilities[i] != utilities[j]:
            pairs.append((i, j) if utilities[i] > utilities[j] else (j, i))
    return pairs


def training_prompts(count: int, seed: int) -> list:
    """`count` scenes of the training distribution (captions with their ground truth)."""
    rng = random.Random(f"reward-dpo/{seed}")
    return [sample_scene(rng, "train") for _ in range(count)]


def _png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, format="PNG")
    return buffer.getvalue()


def write_pairs(scenes, images: list[list[np.ndarray]], folder: Path) -> dict[str, int]:
    """Score every image, rank the images of each prompt, write the pairs (TRL layout)."""
    rows = {"prompt": [], "chosen": [], "rejected": [], "prompt_id": [], "battle_id": []}
    correct = 0
    for index, (scene, samples) in enumerate(zip(scenes, images, strict=True)):
        results = [score(image, scene.truth) for image in samples]
        correct += sum(r.correct for r in results)
        for winner, loser in ranked_pairs([utility(r) for r in results]):
            rows["prompt"].append(scene.caption)
            rows["chosen"].append(_png(samples[winner]))
            rows["rejected"].append(_png(samples[loser]))
            rows["prompt_id"].append(f"p{index:05d}")
            rows["battle_id"].append(f"p{index:05d}-{winner}-{loser}")
    if not rows["prompt"]:
        raise ValueError(f"{folder}: the scorer ranks no two images of a prompt apart")
    (folder / "train").mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.table(rows), folder / "train" / "pairs-00000.parquet")
    total = sum(len(s) for s in images)
    return {"images": total, "correct": correct, "pairs": len(rows["prompt"])}


def sample_images(pipe, scenes, cfg: RewardDPOConfig, round_index: int) -> list[list[np.ndarray]]:
    """`cfg.samples` images per scene; image k of prompt i from its own seed in every round."""
    from modelhub.training.evaluate import generate

    texts = [scene.caption for scene in scenes for _ in range(cfg.samples)]
    flat = generate(
        pipe,
        texts,
        steps=cfg.sample_steps,
        guidance=cfg.guidance,
        seed=10_000_000 * (round_index + 1),  # apart from evaluate's seeds (0 ... 10^4)
    )
    return [flat[i : i + cfg.samples] for i in range(0, len(flat), cfg.samples)]


def run(cfg: RewardDPOConfig) -> Path:
    """Every round; returns the last merged pipeline folder."""
    from modelhub.training.demo import load_demo_pipeline
    from modelhub.training.dpo.trainer import DPOConfig, merge, train

    out = Path(cfg.out)
    out.mkdir(parents=True, exist_ok=True)
    current = Path(cfg.base)
    done = _finished_rounds(out, cfg)
    report = {"config": asdict(cfg), "rounds": []}
    for round_index in range(cfg.rounds):
        folder = out / f"round-{round_index + 1}"
        if round_index < len(done):  # finished by an earlier run with the same settings
            report["rounds"].append(done[round_index])
            current = Path(done[round_index]["merged"])
            continue
        started = time.time()
        scenes = training_prompts(cfg.prompts, cfg.seed * 1000 + round_index)
        pipe = load_demo_pipeline(current)
        images = sample_images(pipe, scenes, cfg, round_index)
        counts = write_pairs(scenes, images, folder / "pairs")
        sampled = time.time()
        run_dir = folder / "dpo"
        train(
            DPOConfig(
                data=folder / "pairs",
                base=current,
                out=run_dir,
                steps=cfg.steps,
                beta=cfg.beta,
                lr=cfg.lr,
                lora_rank=cfg.lora_rank,
                seed=cfg.seed + round_index,
                progress=cfg.progress,
            )
        )
        current = merge(run_dir)
        record = {
            **counts,
            "sample_seconds": round(sampled - started, 1),
            "dpo_seconds": round(time.time() - sampled, 1),
            "merged": str(current),
        }
        report["rounds"].append(record)
        (out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
        print(json.dumps(record), flush=True)
    return current


def _finished_rounds(out: Path, cfg: RewardDPOConfig) -> list[dict]:
    """Rounds an earlier run into `out` finished, if it had the same settings but for `rounds`
    (so a run can be continued with more rounds); otherwise none."""
    path = out / "report.json"
    if not path.is_file():
        return []
    earlier = json.loads(path.read_text())
    ignored = ("rounds", "progress")
    settings = {k: v for k, v in asdict(cfg).items() if k not in ignored}
    same = {k: v for k, v in earlier["config"].items() if k not in ignored} == settings
    rounds = earlier["rounds"] if same else []
    return [r for r in rounds if (Path(r["merged"]) / "transformer").is_dir()]


def main(argv: list[str] | None = None) -> int:
    parser = config_parser(RewardDPOConfig, "Post-train the demo model with scorer-ranked DPO.")
    cfg = RewardDPOConfig(**vars(parser.parse_args(argv)))
    print(run(cfg))
    return 0


if __name__ == "__main__":
    sys.exit(main())
