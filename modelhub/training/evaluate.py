"""Scorer accuracy of the demo model on held-out synthetic prompts, per checkpoint and sampler.

    .venv/bin/python -m modelhub.training.evaluate                 # every variant, 200 per group
    .venv/bin/python -m modelhub.training.evaluate --variants final:30:4 --per-group 100

Evaluation groups (fixed by the seed, one image per prompt, noise seed = prompt index):
- single-seen: single-object prompts from the training distribution (seen pairs);
- single-unseen: synthetic/single of the held-out suite (pairs never seen in training);
- count: synthetic/count of the suite (2-4 copies of an unseen pair);
- relation: synthetic/relation of the suite (held-out two-object combinations).
A variant is CHECKPOINT:STEPS:GUIDANCE (guidance 1 = no CFG); CHECKPOINT is final, early,
untrained, or a transformer folder (e.g. a run's train/ema/step-001000). Generation runs the
pipeline itself (`QwenImagePipeline.__call__`) at 64x64 with negative prompt " " when guided.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from modelhub.synthetic.scenes import SHAPES, Truth, sample_scene
from modelhub.synthetic.scorer import Score, score
from modelhub.synthetic.suite import SUITE_PATH, load_suite
from modelhub.training.demo import DEMO_DIR, RESOLUTION, load_components, load_demo_pipeline

GROUPS = ("single-seen", "single-unseen", "count", "relation")
DEFAULT_VARIANTS = (
    "untrained:30:4",
    "early:30:4",
    "final:50:4",
    "final:30:4",
    "final:30:1",
    "final:4:4",
    "final:10:4",
)


@dataclass(frozen=True)
class EvalPrompt:
    group: str
    text: str
    truth: Truth


def evaluation_prompts(
    per_group: int, seed: int = 0, suite: str | Path = SUITE_PATH
) -> list[EvalPrompt]:
    """`per_group` prompts of each group, the same for every variant."""
    records = load_suite(suite)
    prompts: list[EvalPrompt] = []
    rng = random.Random(f"evaluate/{seed}/single-seen")
    for _ in range(per_group):
        scene = sample_scene(rng, "train", "single")
        prompts.append(EvalPrompt("single-seen", scene.caption, scene.truth))
    for group, category in (
        ("single-unseen", "synthetic/single"),
        ("count", "synthetic/count"),
        ("relation", "synthetic/relation"),
    ):
        pool = [r for r in records if r["category"] == category]
        for record in random.Random(f"evaluate/{seed}/{group}").sample(pool, per_group):
            prompts.append(EvalPrompt(group, record["text"], Truth.from_dict(record["truth"])))
    return prompts


def generate(
    pipe, texts: Sequence[str], *, steps: int, guidance: float, batch_size: int = 100, seed: int = 0
) -> list[np.ndarray]:
    """One 64x64 image per text, image i from noise seed `seed + i`."""
    images: list[np.ndarray] = []
    for start in range(0, len(texts), batch_size):
        chunk = list(texts[start : start + batch_size])
        out = pipe(
            chunk,
            negative_prompt=" " if guidance > 1 else None,
            true_cfg_scale=guidance,
            width=RESOLUTION,
            height=RESOLUTION,
            num_inference_steps=steps,
            seed=[seed + start + i for i in range(len(chunk))],
        )
        images.extend(np.asarray(image) for image in out)
    return images


def _mean(values: list[bool]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None


def summarise(prompts: Sequence[EvalPrompt], scores: Sequence[Score]) -> dict[str, float | None]:
    """The accuracy table's columns (fractions in 0..1)."""
    by: dict[str, list[Score]] = defaultdict(list)
    for prompt, result in zip(prompts, scores, strict=True):
        by[prompt.group].append(result)
    row: dict[str, float | None] = {}
    for group in ("single-seen", "single-unseen"):
        results = by[group]
        row[f"{group}/colour"] = _mean([r.colour for r in results])
        row[f"{group}/shape"] = _mean([r.shape for r in results])
        row[f"{group}/colour_shape"] = _mean([r.colour_and_shape for r in results])
        row[f"{group}/correct"] = _mean([r.correct for r in results])
    row["count/count"] = _mean([r.count for r in by["count"]])
    row["count/correct"] = _mean([r.correct for r in by["count"]])
    row["relation/objects"] = _mean([r.shape for r in by["relation"]])
    row["relation/relation"] = _mean([bool(r.relation) for r in by["relation"]])
    row["relation/correct"] = _mean([r.correct for r in by["relation"]])
    for shape in SHAPES:
        row[f"shape/{shape}"] = _mean(
            [
                r.colour_and_shape
                for p, r in zip(prompts, scores, strict=True)
                if p.group.startswith("single") and p.truth.things[0].shape == shape
            ]
        )
    return row


def evaluate_variant(
    variant: str, prompts: Sequence[EvalPrompt], *, folder: Path, components: dict
) -> dict:
    checkpoint, steps, guidance = variant.split(":")
    pipe = load_demo_pipeline(checkpoint, folder=folder, components=components)
    started = time.time()
    images = generate(pipe, [p.text for p in prompts], steps=int(steps), guidance=float(guidance))
    seconds = time.time() - started
    scores = [score(image, p.truth) for image, p in zip(images, prompts, strict=True)]
    return {
        "variant": variant,
        "checkpoint": checkpoint,
        "steps": int(steps),
        "guidance": float(guidance),
        "images": len(images),
        "seconds_per_image": round(seconds / len(images), 4),
        **summarise(prompts, scores),
    }


COLUMNS = (
    ("single-seen/colour_shape", "single seen: colour+shape"),
    ("single-unseen/colour", "unseen: colour"),
    ("single-unseen/shape", "unseen: shape"),
    ("single-unseen/colour_shape", "unseen: colour+shape"),
    ("count/count", "count"),
    ("relation/correct", "two objects: all correct"),
    ("shape/circle", "circle"),
    ("shape/square", "square"),
    ("shape/triangle", "triangle"),
    ("shape/star", "star"),
)


def autoencoder_report(vae, count: int = 512, seed: int = 0) -> dict[str, float]:
    """The VAE on held-out renders (scenes of the held-out split, never used to fit it):
    reconstruction PSNR, and how often the scorer's verdict on the reconstruction is "correct"
    (the ceiling any generator can reach through this latent space)."""
    from modelhub.synthetic.render import render
    from modelhub.training.autoencoder import decode_latents, encode_images, psnr

    rng = random.Random(f"evaluate/{seed}/autoencoder")
    scenes = [sample_scene(rng, "heldout") for _ in range(count)]
    images = np.stack([render(scene, RESOLUTION) for scene in scenes])
    restored = decode_latents(vae, encode_images(vae, images))
    verdicts = [score(r, s.truth).correct for r, s in zip(restored, scenes, strict=True)]
    originals = [score(i, s.truth).correct for i, s in zip(images, scenes, strict=True)]
    return {
        "renders": count,
        "psnr_db": round(psnr(restored, images), 2),
        "scorer_correct_on_renders": round(float(np.mean(originals)), 4),
        "scorer_correct_on_reconstructions": round(float(np.mean(verdicts)), 4),
    }


def markdown_table(rows: Sequence[dict]) -> str:
    header = "| variant | " + " | ".join(name for _, name in COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(COLUMNS) + 1)]
    for row in rows:
        cells = ["-" if row.get(key) is None else f"{100 * row[key]:.0f}%" for key, _ in COLUMNS]
        lines.append(f"| {row['variant']} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Scorer accuracy of demo checkpoints.")
    parser.add_argument("--variants", default=",".join(DEFAULT_VARIANTS))
    parser.add_argument("--per-group", type=int, default=200)
    parser.add_argument("--folder", type=Path, default=DEMO_DIR, help="checkpoints folder")
    parser.add_argument(
        "--components", type=Path, help="folder with vae/ and text_encoder/ (default: FOLDER/final)"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--out", type=Path, help="write the rows as JSON here")
    args = parser.parse_args(argv)
    if args.threads:
        import torch

        torch.set_num_threads(args.threads)
    prompts = evaluation_prompts(args.per_group, args.seed)
    components = load_components(args.components or args.folder / "final")
    print(json.dumps({"autoencoder": autoencoder_report(components["vae"], seed=args.seed)}))
    rows = []
    for variant in args.variants.split(","):
        rows.append(evaluate_variant(variant, prompts, folder=args.folder, components=components))
        print(json.dumps(rows[-1]), flush=True)
    print(markdown_table(rows))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
