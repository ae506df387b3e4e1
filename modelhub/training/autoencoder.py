"""The demo's autoencoder: principal components of pixel patches, behind the VAE interface.

`PatchAutoencoder` stands where `AutoencoderKLQwenImage` stands in `QwenImagePipeline`, with
the parts of its interface the pipeline (and the training code) use: `config.z_dim`,
`config.temperal_downsample` (its length gives the spatial factor, 2^2 = 4),
`config.latents_mean` / `config.latents_std`, `encode(x).latent_dist.mode()` / `.sample()`,
`decode(z, return_dict=False)[0]` on (B, C, T, H, W) tensors in [-1, 1], `parameters()`.
So the pipeline code is the same one that runs the released model.

Encoding cuts the image into 4x4 patches (48 numbers each), subtracts the mean patch and
projects onto the top `z_dim` principal directions; decoding maps back and clamps to [-1, 1].
It is linear, exact on the 16-dimensional subspace, fitted in closed form (an SVD of patches
of synthetic renders) in about a second. On the flat-shaded synthetic images it reconstructs
held-out renders at about 35 dB PSNR, and the scorer finds the same answers in 99.8% of them.

Why not a trained `AutoencoderKLQwenImage`: measured on this project's shared 2-core machine,
the tiny configuration (base_dim 8-16, factor 4, 16 channels) reached only 18-24 dB after
400-600 steps (5-14 minutes), with the scorer failing on nearly all reconstructions, which
would have left no time of the hour for the transformer. See docs/demo-model.md.

Latent statistics: the components are centred, so `latents_mean` is 0. `latents_std` is one
number for every component (their root mean variance; `latent_scale="common"`), so normalised
latents have unit variance on average and keep pixel-space geometry: the mean colour of a patch,
which carries the layout, keeps most of the variance and is the last thing the noise destroys,
as in pixel space. Whitening instead (`latent_scale="component"`, each component divided by its
own deviation) was the first demo run: with 5,500 instead of 7,000 steps at 64 pixels it reached
34 % colour+shape on unseen pairs against 66 % with one scale, and drew blocky, fragmented
objects (docs/demo-model.md).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from safetensors.torch import load_file, save_file
from torch import nn

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "autoencoder.safetensors"


@dataclass
class PatchAutoencoderConfig:
    """What the pipeline reads from a VAE's config, plus the patch size.

    Attributes:
        patch_size: side of the square pixel patch behind one latent pixel (a power of 2).
        z_dim: latent channels (principal components kept).
        latents_mean, latents_std: per-channel statistics used to normalise latents.
        input_channels: image channels (3).
    """

    patch_size: int = 4
    z_dim: int = 16
    latents_mean: list[float] = field(default_factory=list)
    latents_std: list[float] = field(default_factory=list)
    input_channels: int = 3

    def __post_init__(self) -> None:
        if self.patch_size < 1 or self.patch_size & (self.patch_size - 1):
            raise ValueError(f"patch_size={self.patch_size}: must be a power of 2")
        if not 1 <= self.z_dim <= self.patch_dim:
            raise ValueError(f"z_dim={self.z_dim}: must be in 1..{self.patch_dim}")
        self.latents_mean = list(self.latents_mean) or [0.0] * self.z_dim
        self.latents_std = list(self.latents_std) or [1.0] * self.z_dim
        if len(self.latents_mean) != self.z_dim or len(self.latents_std) != self.z_dim:
            raise ValueError("latents_mean and latents_std need z_dim entries each")

    @property
    def patch_dim(self) -> int:
        return self.patch_size * self.patch_size * self.input_channels

    @property
    def temperal_downsample(self) -> list[bool]:
        """As in the Qwen-Image VAE: one entry per factor-2 spatial downsampling (none in time)."""
        return [False] * (self.patch_size.bit_length() - 1)


class _Latents:
    """A deterministic "posterior": `mode()`, `sample()` and `mean` are the coefficients."""

    def __init__(self, coefficients: torch.Tensor):
        self.mean = coefficients

    def mode(self) -> torch.Tensor:
        return self.mean

    def sample(self, generator: torch.Generator | None = None) -> torch.Tensor:
        return self.mean


class _EncoderOutput:
    def __init__(self, latent_dist: _Latents):
        self.latent_dist = latent_dist


class _DecoderOutput:
    def __init__(self, sample: torch.Tensor):
        self.sample = sample


class PatchAutoencoder(nn.Module):
    """Linear patch autoencoder: top principal components of p x p x 3 pixel patches.

    Args:
        patch_size: pixels per latent pixel along each side (4).
        z_dim: principal components kept (16).
        latents_mean, latents_std: normalisation statistics (set by `fit`).

    Parameters (frozen): `patch_mean` (P,) and `components` (z_dim, P), P = 3 p^2, with the
    patch laid out as (dy, dx, channel).
    """

    def __init__(
        self,
        *,
        patch_size: int = 4,
        z_dim: int = 16,
        latents_mean: list[float] | None = None,
        latents_std: list[float] | None = None,
    ):
        super().__init__()
        self.config = PatchAutoencoderConfig(
            patch_size=patch_size,
            z_dim=z_dim,
            latents_mean=latents_mean or [],
            latents_std=latents_std or [],
        )
        dim = self.config.patch_dim
        self.patch_mean = nn.Parameter(torch.zeros(dim), requires_grad=False)
        components = torch.eye(dim)[:z_dim]
        self.components = nn.Parameter(components, requires_grad=False)

    # ---- fitting -------------------------------------------------------------------------

    @classmethod
    def fit(
        cls,
        images: np.ndarray,
        *,
        patch_size: int = 4,
        z_dim: int = 16,
        latent_scale: str = "common",
    ) -> PatchAutoencoder:
        """Principal components of the patches of uint8 images (N, H, W, 3), in [-1, 1] units.

        Signs are fixed (each component's largest entry positive) so a fit is reproducible.
        `latent_scale`: "common" divides every component by one number (the root mean variance),
        keeping pixel-space geometry; "component" divides each by its own deviation (whitening).
        """
        if latent_scale not in ("common", "component"):
            raise ValueError(f"latent_scale={latent_scale!r}: expected 'common' or 'component'")
        model = cls(patch_size=patch_size, z_dim=z_dim)
        pixels = torch.as_tensor(np.asarray(images)).permute(0, 3, 1, 2).double() / 127.5 - 1
        patches = model._patches(pixels[:, :, None]).reshape(-1, model.config.patch_dim)
        mean = patches.mean(dim=0)
        _, _, vt = torch.linalg.svd(patches - mean, full_matrices=False)
        components = vt[:z_dim]
        signs = torch.sign(components.gather(1, components.abs().argmax(dim=1, keepdim=True)))
        components = components * signs
        std = ((patches - mean) @ components.T).std(dim=0)
        if latent_scale == "common":
            std = std.pow(2).mean().sqrt().expand(z_dim)
        with torch.no_grad():
            model.patch_mean.copy_(mean.float())
            model.components.copy_(components.float())
        model.config.latents_mean = [0.0] * z_dim
        model.config.latents_std = [round(float(v), 6) for v in std]
        return model

    # ---- the VAE interface ---------------------------------------------------------------

    def _patches(self, x: torch.Tensor) -> torch.Tensor:
        """(B, 3, T, H, W) -> (B, T, H/p, W/p, P) with P laid out as (dy, dx, channel)."""
        b, c, t, h, w = x.shape
        p = self.config.patch_size
        if h % p or w % p:
            raise ValueError(f"image {h}x{w}: sides must be multiples of {p}")
        x = x.reshape(b, c, t, h // p, p, w // p, p)
        return x.permute(0, 2, 3, 5, 4, 6, 1).reshape(b, t, h // p, w // p, p * p * c)

    def encode(self, x: torch.Tensor, return_dict: bool = True):
        """(B, 3, T, H, W) in [-1, 1] -> latents (B, z_dim, T, H/p, W/p) (not normalised)."""
        patches = self._patches(x.to(self.components.dtype))
        z = (patches - self.patch_mean) @ self.components.T  # (B, T, h, w, z)
        dist = _Latents(z.permute(0, 4, 1, 2, 3).contiguous())
        return _EncoderOutput(dist) if return_dict else (dist,)

    def decode(self, z: torch.Tensor, return_dict: bool = True):
        """Latents (B, z_dim, T, h, w) -> images (B, 3, T, h*p, w*p), clamped to [-1, 1]."""
        b, _, t, h, w = z.shape
        p, c = self.config.patch_size, self.config.input_channels
        patches = z.to(self.components.dtype).permute(0, 2, 3, 4, 1) @ self.components
        patches = patches + self.patch_mean  # (B, T, h, w, P)
        x = patches.reshape(b, t, h, w, p, p, c).permute(0, 6, 1, 2, 4, 3, 5)
        x = x.reshape(b, c, t, h * p, w * p).clamp(-1.0, 1.0)
        return _DecoderOutput(x) if return_dict else (x,)

    # ---- files ---------------------------------------------------------------------------

    def save_pretrained(self, folder: str | Path) -> None:
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        config = asdict(self.config)
        config["_class_name"] = type(self).__name__
        (folder / CONFIG_NAME).write_text(json.dumps(config, indent=2) + "\n")
        tensors = {k: v.detach().contiguous() for k, v in self.state_dict().items()}
        save_file(tensors, str(folder / WEIGHTS_NAME))

    @classmethod
    def from_pretrained(cls, folder: str | Path) -> PatchAutoencoder:
        folder = Path(folder)
        config = json.loads((folder / CONFIG_NAME).read_text())
        if config.pop("_class_name", cls.__name__) != cls.__name__:
            raise ValueError(f"{folder / CONFIG_NAME}: not a {cls.__name__} config")
        config.pop("input_channels", None)
        model = cls(**config)
        model.load_state_dict(load_file(str(folder / WEIGHTS_NAME)), strict=True)
        return model.eval()


def to_pixels(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """(B, H, W, 3) uint8 -> (B, 3, 1, H, W) float32 in [-1, 1], a VAE's input."""
    images = torch.as_tensor(np.asarray(images))
    return images.permute(0, 3, 1, 2).float().div(127.5).sub(1)[:, :, None]


def from_pixels(pixels: torch.Tensor) -> np.ndarray:
    """(B, 3, 1, H, W) in [-1, 1] -> (B, H, W, 3) uint8."""
    x = ((pixels[:, :, 0].permute(0, 2, 3, 1).float() + 1) * 127.5).round().clamp(0, 255)
    return x.to(torch.uint8).cpu().numpy()


def latent_stats(vae) -> tuple[torch.Tensor, torch.Tensor]:
    """(mean, std) as (1, C, 1, 1) float32 tensors from a VAE's config."""
    mean = torch.tensor(vae.config.latents_mean, dtype=torch.float32).view(1, -1, 1, 1)
    std = torch.tensor(vae.config.latents_std, dtype=torch.float32).view(1, -1, 1, 1)
    return mean, std


@torch.no_grad()
def encode_images(vae, images: np.ndarray) -> torch.Tensor:
    """uint8 images (B, H, W, 3) -> normalised latents (B, C, H/f, W/f), float32: the
    posterior mode, (z - latents_mean) / latents_std, the inverse of the pipeline's decode."""
    z = vae.encode(to_pixels(images)).latent_dist.mode()[:, :, 0].float()
    mean, std = latent_stats(vae)
    return (z - mean) / std


@torch.no_grad()
def decode_latents(vae, latents: torch.Tensor) -> np.ndarray:
    """Normalised latents (B, C, h, w) -> uint8 images (B, H, W, 3), as the pipeline decodes."""
    mean, std = latent_stats(vae)
    pixels = vae.decode((latents.float() * std + mean)[:, :, None], return_dict=False)[0]
    return from_pixels(pixels)


def psnr(a: np.ndarray, b: np.ndarray) -> float:
    """Peak signal-to-noise ratio (dB) between two uint8 image stacks."""
    mse = float(np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2))
    return float("inf") if mse == 0 else 10 * np.log10(255.0**2 / mse)
