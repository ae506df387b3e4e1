"""Builders shared by the Qwen-Image tests."""

import torch

from modelhub.qwen_image.configs import TINY_TRANSFORMER
from modelhub.qwen_image.transformer import QwenImageTransformer


def perturbed_tiny_transformer(seed: int = 0, **overrides) -> QwenImageTransformer:
    """A tiny transformer whose every parameter (norm weights included) is randomised."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = QwenImageTransformer(**{**TINY_TRANSFORMER, **overrides}).eval()
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.1 * torch.randn_like(p))
    return model


def diffusers_copy(model: QwenImageTransformer):
    """diffusers' QwenImageTransformer2DModel with the same config and weights (strict load)."""
    from diffusers import QwenImageTransformer2DModel

    reference = QwenImageTransformer2DModel(**model.config).eval()
    reference.load_state_dict(model.state_dict(), strict=True)
    return reference.to(model.dtype)


def transformer_inputs(
    *,
    batch: int,
    grid: tuple[int, int],
    text_len: int,
    seed: int = 0,
    in_channels: int = 16,
    text_dim: int = 16,
) -> tuple[torch.Tensor, torch.Tensor]:
    """Random packed latents (B, h*w, C) and text features (B, L, D)."""
    g = torch.Generator().manual_seed(seed)
    latents = torch.randn(batch, grid[0] * grid[1], in_channels, generator=g)
    text = torch.randn(batch, text_len, text_dim, generator=g)
    return latents, text


def save_tiny_pipeline(folder, seed: int = 0):
    """The tiny pipeline's components written as a diffusers-layout folder (what real weights
    look like on disk): transformer/, vae/, text_encoder/, tokenizer/."""
    from modelhub.qwen_image.configs import tiny_components

    parts = tiny_components(seed=seed)
    parts["transformer"].save_pretrained(folder / "transformer")
    parts["vae"].save_pretrained(folder / "vae")
    parts["text_encoder"].save_pretrained(folder / "text_encoder")
    parts["tokenizer"].save_pretrained(folder / "tokenizer")
    return folder
