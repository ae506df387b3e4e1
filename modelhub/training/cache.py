"""The latent cache between the producer and the consumer, bucketed by resolution.

    <root>/manifest.json              what made the cache (components, seed, shard size)
    <root>/uncond.safetensors         text features of the empty prompt " " (caption dropout)
    <root>/res032/shard-00000.safetensors
    <root>/res064/shard-00000.safetensors ...

A shard holds `shard_size` samples of one resolution:
    latents   (N, C, h, w) float16   normalised VAE latents (what the pipeline denoises)
    text      (N, L, D)    float16   text features, zero-padded to the shard's longest prompt
    text_len  (N,)         int32     real length of each prompt's features
    colour_labels, shape_labels (N, T) uint8   per image token, what it shows (`token_labels`;
                                               absent in caches written before them)
and, in the safetensors metadata, the captions and ground truths as JSON.

Shards are written to a temporary name and renamed into place, so a reader never sees half a
shard; a shard that exists is complete. Shard i of a bucket is a pure function of (seed,
resolution, i), so a restarted producer rewrites nothing and makes the same data.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file

MANIFEST = "manifest.json"
UNCOND = "uncond.safetensors"


def bucket_dir(root: str | Path, resolution: int) -> Path:
    return Path(root) / f"res{resolution:03d}"


def shard_path(root: str | Path, resolution: int, index: int) -> Path:
    return bucket_dir(root, resolution) / f"shard-{index:05d}.safetensors"


def _save_atomic(tensors: dict[str, torch.Tensor], path: Path, metadata: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        save_file(tensors, tmp, metadata=metadata)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def pad_features(features: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-prompt (L_i, D) features -> zero-padded (N, max L, D) and lengths (N,)."""
    lengths = torch.tensor([f.shape[0] for f in features], dtype=torch.int32)
    padded = features[0].new_zeros(len(features), int(lengths.max()), features[0].shape[1])
    for i, f in enumerate(features):
        padded[i, : f.shape[0]] = f
    return padded, lengths


def write_shard(
    root: str | Path,
    resolution: int,
    index: int,
    *,
    latents: torch.Tensor,
    text: list[torch.Tensor],
    captions: list[str],
    truths: list[dict],
    colour_labels: torch.Tensor | None = None,
    shape_labels: torch.Tensor | None = None,
) -> Path:
    """Write one complete shard (atomically); returns its path."""
    padded, lengths = pad_features(text)
    tensors = {
        "latents": latents.to(torch.float16).contiguous(),
        "text": padded.to(torch.float16).contiguous(),
        "text_len": lengths,
    }
    if colour_labels is not None and shape_labels is not None:
        tensors["colour_labels"] = colour_labels.to(torch.uint8).contiguous()
        tensors["shape_labels"] = shape_labels.to(torch.uint8).contiguous()
    metadata = {"captions": json.dumps(captions), "truths": json.dumps(truths)}
    path = shard_path(root, resolution, index)
    _save_atomic(tensors, path, metadata)
    return path


def write_uncond(root: str | Path, features: torch.Tensor) -> None:
    _save_atomic({"text": features.to(torch.float16).contiguous()}, Path(root) / UNCOND, {})


def write_manifest(root: str | Path, manifest: dict) -> None:
    path = Path(root) / MANIFEST
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    os.replace(tmp, path)


@dataclass
class Shard:
    latents: torch.Tensor  # (N, C, h, w) float32
    text: torch.Tensor  # (N, L, D) float32
    text_len: torch.Tensor  # (N,) int64
    captions: list[str]
    colour_labels: torch.Tensor | None = None  # (N, T) uint8, or None in an older cache
    shape_labels: torch.Tensor | None = None


def read_shard(path: str | Path) -> Shard:
    with safe_open(str(path), framework="pt") as f:
        metadata = f.metadata() or {}
        names = set(f.keys())
        labels = {k: f.get_tensor(k) for k in ("colour_labels", "shape_labels") if k in names}
        return Shard(
            latents=f.get_tensor("latents").float(),
            text=f.get_tensor("text").float(),
            text_len=f.get_tensor("text_len").long(),
            captions=json.loads(metadata.get("captions", "[]")),
            **labels,
        )


class LatentCache:
    """The consumer's view of a cache: waits for shards, keeps the ones read in memory."""

    def __init__(self, root: str | Path, *, poll_seconds: float = 0.2, timeout: float = 1800.0):
        self.root = Path(root)
        self.poll_seconds = poll_seconds
        self.timeout = timeout
        self._shards: dict[tuple[int, int], Shard] = {}
        self.waited_seconds = 0.0

    def _wait_for(self, path: Path) -> None:
        start = time.monotonic()
        while not path.exists():
            if time.monotonic() - start > self.timeout:
                raise TimeoutError(f"{path}: not written by the producer within {self.timeout} s")
            time.sleep(self.poll_seconds)
        self.waited_seconds += time.monotonic() - start

    def manifest(self) -> dict:
        path = self.root / MANIFEST
        self._wait_for(path)
        return json.loads(path.read_text())

    def uncond(self) -> torch.Tensor:
        """(L, D) float32 features of the empty prompt."""
        path = self.root / UNCOND
        self._wait_for(path)
        with safe_open(str(path), framework="pt") as f:
            return f.get_tensor("text").float()

    def shard(self, resolution: int, index: int) -> Shard:
        """Shard `index` of a bucket, waiting until the producer has written it."""
        key = (resolution, index)
        if key not in self._shards:
            path = shard_path(self.root, resolution, index)
            self._wait_for(path)
            self._shards[key] = read_shard(path)
        return self._shards[key]

    def batch(
        self, resolution: int, picks: list[tuple[int, int]]
    ) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Latents (B, C, h, w), text (B, L, D) padded to the longest, lengths (B,) of the
        (shard, row) picks."""
        latents, texts, lengths = [], [], []
        for shard_index, row in picks:
            shard = self.shard(resolution, shard_index)
            n = int(shard.text_len[row])
            latents.append(shard.latents[row])
            texts.append(shard.text[row, :n])
            lengths.append(n)
        text, text_len = pad_features(texts)
        return torch.stack(latents), text, text_len.long()

    def labels(
        self, resolution: int, picks: list[tuple[int, int]]
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """Colour and shape classes (B, T) of the picks' image tokens (`token_labels`)."""
        colours, shapes = [], []
        for shard_index, row in picks:
            shard = self.shard(resolution, shard_index)
            if shard.colour_labels is None or shard.shape_labels is None:
                path = shard_path(self.root, resolution, shard_index)
                raise ValueError(f"{path}: no token labels (written by an older producer)")
            colours.append(shard.colour_labels[row])
            shapes.append(shard.shape_labels[row])
        return torch.stack(colours).long(), torch.stack(shapes).long()
