"""Scorer accuracy of the demo model on held-out synthetic prompts, per checkpoint and sampler.

    .venv/bin/python -m modelhub.training.evaluate                 # every variant, 200 per group
    .venv/bin/python -m modelhub.training.evaluate --variants final:30:4 --per-group 100
    .venv/bin/python -m modelhub.training.evaluate --variants final:50:4 --draws 3   # intervals

Evaluation groups (fixed by the seed; per noise draw d, one image per prompt from noise seed
d * (number of prompts) + prompt index, so draws never share a seed):
- single-seen: single-object prompts from the training distribution (seen pairs);
- single-unseen: synthetic/single of the held-out suite (pairs never seen in training);
- count: synthetic/count of the suite (2-4 copies of an unseen pair);
- relation: synthetic/relation of the suite (held-out two-object combinations).
Each accuracy comes with a 95 % interval from a bootstrap over prompts (stratified by group, a
prompt's images of every draw kept together): the draws of one prompt are not independent, so
resampling them separately would make the interval too narrow. One draw of 200 prompts gives
intervals of about +-7 points on a 60 % accuracy; more draws narrow the part that is noise.
A variant is CHECKPOINT:STEPS:GUIDANCE (guidance 1 = no CFG); CHECKPOINT is final, pretrained,
early, untrained, or a transformer folder (e.g. a run's train/ema/step-001000). Generation runs the
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
    "pretrained:50:4",
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


COLUMN_KEYS = (
    *(f"{g}/{c}" for g in ("single-seen", "single-unseen") for c in ("colour", "shape",
                                                                   "colour_shape", "correct")),
    "count/count",
    "count/correct",
    "relation/objects",
    "relation/relation",
    "relation/correct",
    *(f"shape/{shape}" for shape in SHAPES),
)  # fmt: skip
"""The accuracy table's columns, in order: per group, then per shape (single objects)."""


def column_values(prompts: Sequence[EvalPrompt], scores: Sequence[Score]) -> dict[str, np.ndarray]:
    """Per image, 1.0 / 0.0 for every column of the accuracy table, NaN where it does not apply
    (a relation column on a single-object prompt)."""
    columns: dict[str, list[float]] = defaultdict(list)
    for prompt, result in zip(prompts, scores, strict=True):
        values: dict[str, bool] = {}
        if prompt.group in ("single-seen", "single-unseen"):
            values[f"{prompt.group}/colour"] = result.colour
            values[f"{prompt.group}/shape"] = result.shape
            values[f"{prompt.group}/colour_shape"] = result.colour_and_shape
            values[f"{prompt.group}/correct"] = result.correct
            values[f"shape/{prompt.truth.things[0].shape}"] = result.colour_and_shape
        elif prompt.group == "count":
            values["count/count"] = result.count
            values["count/correct"] = result.correct
        elif prompt.group == "relation":
            values["relation/objects"] = result.shape
            values["relation/relation"] = bool(result.relation)
            values["relation/correct"] = result.correct
        for key in COLUMN_KEYS:
            columns[key].append(float(values[key]) if key in values else np.nan)
    return {key: np.asarray(columns[key], dtype=np.float64) for key in COLUMN_KEYS}


def summarise(prompts: Sequence[EvalPrompt], scores: Sequence[Score]) -> dict[str, float | None]:
    """The accuracy table's columns (fractions in 0..1; None where no image applies)."""
    row: dict[str, float | None] = {}
    for key, values in column_values(prompts, scores).items():
        applicable = values[~np.isnan(values)]
        row[key] = round(float(applicable.mean()), 4) if applicable.size else None
    return row


def bootstrap_intervals(
    prompts: Sequence[EvalPrompt],
    scores_by_draw: Sequence[Sequence[Score]],
    *,
    rounds: int = 1000,
    level: float = 0.95,
    seed: int = 0,
) -> dict[str, tuple[float, float]]:
    """Percentile intervals of every column, resampling prompts within each group.

    `scores_by_draw[d][i]` is the verdict on prompt i's image of noise draw d. A resampled
    prompt brings all its draws along (a cluster bootstrap), so prompt-to-prompt variation is
    counted once however many draws there are.
    """
    rng = np.random.default_rng(seed)
    groups = np.asarray([p.group for p in prompts])
    picks = np.concatenate(
        [rng.choice(np.flatnonzero(groups == g), (rounds, int((groups == g).sum())))
         for g in dict.fromkeys(groups)],
        axis=1,
    )  # fmt: skip
    per_draw = [column_values(prompts, scores) for scores in scores_by_draw]
    tail = 100 * (1 - level) / 2
    intervals = {}
    for key in COLUMN_KEYS:
        values = np.stack([draw[key] for draw in per_draw])[:, picks]  # (draws, rounds, prompts)
        counted = (~np.isnan(values)).sum(axis=(0, 2))
        if not counted.all():
            continue
        means = np.nansum(values, axis=(0, 2)) / counted
        low, high = np.percentile(means, [tail, 100 - tail])
        intervals[key] = (round(float(low), 4), round(float(high), 4))
    return intervals


def evaluate_variant(
    variant: str,
    prompts: Sequence[EvalPrompt],
    *,
    folder: Path,
    components: dict,
    draws: int = 1,
) -> dict:
    """Scorer accuracy of one variant over `draws` noise draws of every prompt, with intervals."""
    checkpoint, steps, guidance = variant.split(":")
    pipe = load_demo_pipeline(checkpoint, folder=folder, components=components)
    started = time.time()
    scores_by_draw = []
    for draw in range(draws):
        images = generate(
            pipe,
            [p.text for p in prompts],
            steps=int(steps),
            guidance=float(guidance),
            seed=draw * len(prompts),
        )
        scores_by_draw.append([score(im, p.truth) for im, p in zip(images, prompts, strict=True)])
    seconds = time.time() - started
    return {
        "variant": variant,
        "checkpoint": checkpoint,
        "steps": int(steps),
        "guidance": float(guidance),
        "draws": draws,
        "images": draws * len(prompts),
        "seconds_per_image": round(seconds / (draws * len(prompts)), 4),
        **summarise(
            [p for _ in range(draws) for p in prompts], [r for draw in scores_by_draw for r in draw]
        ),
        "interval": bootstrap_intervals(prompts, scores_by_draw),
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


def _cell(row: dict, key: str) -> str:
    """ "58% (53-63)": the accuracy and its 95 % interval, in percent."""
    if row.get(key) is None:
        return "-"
    low, high = row.get("interval", {}).get(key, (None, None))
    interval = f" ({100 * low:.0f}-{100 * high:.0f})" if low is not None else ""
    return f"{100 * row[key]:.0f}%{interval}"


def markdown_table(rows: Sequence[dict]) -> str:
    header = "| variant | draws | " + " | ".join(name for _, name in COLUMNS) + " |"
    lines = [header, "|" + "---|" * (len(COLUMNS) + 2)]
    for row in rows:
        cells = [_cell(row, key) for key, _ in COLUMNS]
        lines.append(f"| {row['variant']} | {row.get('draws', 1)} | " + " | ".join(cells) + " |")
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
    parser.add_argument(
        "--draws", type=int, default=1, help="noise draws per prompt (images per prompt)"
    )
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
        rows.append(
            evaluate_variant(
                variant, prompts, folder=args.folder, components=components, draws=args.draws
            )
        )
        print(json.dumps(rows[-1]), flush=True)
    print(markdown_table(rows))
    if args.out:
        args.out.write_text(json.dumps(rows, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
