"""The producer: render synthetic training scenes, encode them, write the latent cache.

    .venv/bin/python -m modelhub.training.produce --cache var/demo-run/cache \\
        --components var/demo-run/components --buckets 32:24,64:96 --shard-size 1024

Runs as its own process next to the consumer (`pretrain.py`), as in the report's
producer-consumer split (4.1.1): it renders scenes from the training side of the split
(`modelhub.synthetic.scenes`), encodes images with the autoencoder and captions with the text
encoder, labels every image token with what it shows (`token_labels.py`, for pre-training's
auxiliary loss), and writes shards bucket by bucket (all of the first resolution, then the
next), so the consumer's first stage can start after one shard. Captions are encoded by
`QwenImagePipeline.encode_prompt` itself, so the features trained on are those the pipeline
computes at generation time. Shards already on disk are skipped: a restarted producer resumes.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

import numpy as np
import torch
from tqdm.auto import tqdm

from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.synthetic.render import render
from modelhub.synthetic.scenes import sample_scene
from modelhub.training import cache
from modelhub.training.autoencoder import encode_images
from modelhub.training.demo import load_components
from modelhub.training.token_labels import token_labels

MAX_SEQUENCE_LENGTH = 64
"""Prompt tokens kept after the template prefix (synthetic captions have at most ~20)."""
EMPTY_PROMPT = " "
"""The caption-dropout prompt: the pipeline's default negative prompt, so CFG's
unconditional branch is what training dropped captions to."""


def parse_buckets(text: str) -> list[tuple[int, int]]:
    """'32:24,64:96' -> [(32, 24), (64, 64)]: resolution and number of shards, in order."""
    try:
        buckets = [tuple(int(v) for v in part.split(":")) for part in text.split(",") if part]
    except ValueError:
        raise ValueError(f"buckets={text!r}: expected RES:SHARDS[,RES:SHARDS...]") from None
    if not buckets or any(len(b) != 2 or b[0] % 16 or b[1] < 1 for b in buckets):
        raise ValueError(f"buckets={text!r}: resolutions must be multiples of 16, shards >= 1")
    return buckets  # type: ignore[return-value]


def text_pipeline(components: dict) -> QwenImagePipeline:
    """A pipeline for `encode_prompt` only: its stand-in transformer has no blocks (the
    pipeline reads the transformer's device, dtype and input width, nothing else)."""
    z = int(components["vae"].config.z_dim)
    width = components["text_encoder"].config.text_config.hidden_size
    stand_in = QwenImageTransformer(
        in_channels=4 * z,
        out_channels=z,
        num_layers=0,
        attention_head_dim=8,
        num_attention_heads=1,
        joint_attention_dim=width,
        axes_dims_rope=(2, 2, 4),
    )
    return QwenImagePipeline(transformer=stand_in, **components)


@torch.no_grad()
def encode_captions(pipe: QwenImagePipeline, captions: list[str]) -> list[torch.Tensor]:
    """Per-caption (L_i, D) float32 features, as `encode_prompt` computes them."""
    embeds, mask = pipe.encode_prompt(captions, max_sequence_length=MAX_SEQUENCE_LENGTH)
    lengths = [embeds.shape[1]] * len(captions) if mask is None else mask.sum(dim=1).tolist()
    return [e[: int(n)].float().clone() for e, n in zip(embeds, lengths, strict=True)]


class CaptionFeatures:
    """Memoised caption features (training captions repeat), encoded in batches."""

    def __init__(self, pipe: QwenImagePipeline, batch_size: int = 256):
        self.pipe = pipe
        self.batch_size = batch_size
        self.memo: dict[str, torch.Tensor] = {}

    def __call__(self, captions: list[str]) -> list[torch.Tensor]:
        new = list(dict.fromkeys(c for c in captions if c not in self.memo))
        for i in range(0, len(new), self.batch_size):
            chunk = new[i : i + self.batch_size]
            self.memo.update(zip(chunk, encode_captions(self.pipe, chunk), strict=True))
        return [self.memo[c] for c in captions]


def make_shard(
    resolution: int, index: int, *, seed: int, size: int, vae, features: CaptionFeatures
) -> dict:
    """Render and encode shard `index` of a bucket: a pure function of (seed, resolution, index)."""
    rng = random.Random(f"produce/{seed}/{resolution}/{index}")
    scenes = [sample_scene(rng, "train") for _ in range(size)]
    images = np.stack([render(scene, resolution) for scene in scenes])
    captions = [scene.caption for scene in scenes]
    labels = [token_labels(scene, resolution) for scene in scenes]
    return {
        "latents": encode_images(vae, images),
        "text": features(captions),
        "captions": captions,
        "truths": [scene.truth.to_dict() for scene in scenes],
        "colour_labels": torch.from_numpy(np.stack([colour for colour, _ in labels])),
        "shape_labels": torch.from_numpy(np.stack([shape for _, shape in labels])),
    }


def produce(
    *,
    cache_dir: str | Path,
    components_dir: str | Path,
    buckets: list[tuple[int, int]],
    shard_size: int = 1024,
    seed: int = 0,
    threads: int = 1,
    progress: bool = True,
) -> None:
    """Fill the cache: manifest, empty-prompt features, then every missing shard in order."""
    if threads:
        torch.set_num_threads(threads)
    components = load_components(components_dir)
    pipe = text_pipeline(components)
    features = CaptionFeatures(pipe)
    cache.write_manifest(
        cache_dir,
        {
            "seed": seed,
            "shard_size": shard_size,
            "buckets": {str(res): count for res, count in buckets},
            "components": str(Path(components_dir).resolve()),
            "z_dim": int(components["vae"].config.z_dim),
            "max_sequence_length": MAX_SEQUENCE_LENGTH,
        },
    )
    cache.write_uncond(cache_dir, encode_captions(pipe, [EMPTY_PROMPT])[0])
    total = sum(count for _, count in buckets)
    bar = tqdm(total=total, desc="produce", unit="shard", disable=not progress)
    for resolution, count in buckets:
        for index in range(count):
            if not cache.shard_path(cache_dir, resolution, index).exists():
                shard = make_shard(
                    resolution,
                    index,
                    seed=seed,
                    size=shard_size,
                    vae=components["vae"],
                    features=features,
                )
                cache.write_shard(cache_dir, resolution, index, **shard)
            bar.update(1)
    bar.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Render and encode training data into the cache.")
    parser.add_argument("--cache", required=True, help="cache folder to fill")
    parser.add_argument("--components", required=True, help="folder with vae/, text_encoder/")
    parser.add_argument("--buckets", default="32:24,64:96", help="RES:SHARDS,... in order")
    parser.add_argument("--shard-size", type=int, default=1024)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    produce(
        cache_dir=args.cache,
        components_dir=args.components,
        buckets=parse_buckets(args.buckets),
        shard_size=args.shard_size,
        seed=args.seed,
        threads=args.threads,
        progress=not args.no_progress,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
