"""Configurations: the released 20B Qwen-Image and a tiny one that runs on a CPU in seconds.

`tiny_components()` builds every part of the pipeline with random weights from these configs and
the real Qwen2 vocabulary (offline), for tests, demos and benchmarks:

    from modelhub.qwen_image.configs import tiny_components
    from modelhub.qwen_image.pipeline import QwenImagePipeline
    pipe = QwenImagePipeline(**tiny_components())
    image = pipe("a cat", width=64, height=64, num_inference_steps=4, seed=0)[0]
"""

from __future__ import annotations

from typing import Any

import torch

from modelhub.qwen_image.transformer import QwenImageTransformer

FULL_TRANSFORMER: dict[str, Any] = {
    "patch_size": 2,
    "in_channels": 64,
    "out_channels": 16,
    "num_layers": 60,
    "attention_head_dim": 128,
    "num_attention_heads": 24,
    "joint_attention_dim": 3584,
    "guidance_embeds": False,
    "axes_dims_rope": (16, 56, 56),
}
"""The released transformer (20,430,401,088 parameters; the constructor defaults)."""

# fmt: off
FULL_VAE: dict[str, Any] = {
    "base_dim": 96,
    "z_dim": 16,
    "dim_mult": [1, 2, 4, 4],
    "num_res_blocks": 2,
    "attn_scales": [],
    "temperal_downsample": [False, True, True],
    "latents_mean": [
        -0.7571, -0.7089, -0.9113, 0.1075, -0.1745, 0.9653, -0.1517, 1.5508,
        0.4134, -0.0715, 0.5517, -0.3632, -0.1922, -0.9497, 0.2503, -0.2921,
    ],
    "latents_std": [
        2.8184, 1.4541, 2.3275, 2.6558, 1.2196, 1.7708, 2.6052, 2.0743,
        3.2687, 2.1526, 2.8652, 1.5579, 1.6382, 1.1253, 2.8251, 1.9160,
    ],
}
# fmt: on
"""The released `AutoencoderKLQwenImage` (spatial factor 8, 16 latent channels)."""

TINY_TRANSFORMER: dict[str, Any] = {
    "patch_size": 2,
    "in_channels": 16,
    "out_channels": 4,
    "num_layers": 2,
    "attention_head_dim": 16,
    "num_attention_heads": 4,
    "joint_attention_dim": 16,
    "guidance_embeds": False,
    "axes_dims_rope": (8, 4, 4),
}
"""Two blocks of width 64 over 4-channel latents and 16-wide text features (~0.33M parameters)."""

TINY_VAE: dict[str, Any] = {
    "base_dim": 24,
    "z_dim": 4,
    "dim_mult": [1, 2, 4],
    "num_res_blocks": 1,
    "temperal_downsample": [False, True],
    "latents_mean": [0.1, -0.2, 0.3, -0.05],
    "latents_std": [1.5, 0.8, 1.2, 2.0],
}
"""Spatial factor 4 (images must be multiples of 8 pixels); non-trivial latent statistics so that
the (de)normalisation is exercised."""

TINY_TEXT_ENCODER: dict[str, Any] = {
    "text_config": {
        "hidden_size": 16,
        "intermediate_size": 16,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 2,
        "rope_scaling": {"mrope_section": [1, 1, 2], "rope_type": "default", "type": "default"},
        "rope_theta": 1000000.0,
        "vocab_size": 152064,
    },
    "vision_config": {
        "depth": 2,
        "hidden_size": 16,
        "intermediate_size": 16,
        "num_heads": 2,
        "out_hidden_size": 16,
    },
    "hidden_size": 16,
    "vocab_size": 152064,
    "vision_start_token_id": 151652,
    "vision_end_token_id": 151653,
    "vision_token_id": 151654,
    "image_token_id": 151655,
    "video_token_id": 151656,
}
"""`Qwen2_5_VLConfig` keywords: a 2-layer, 16-wide Qwen2.5-VL with the full 152,064-token
vocabulary."""


def tiny_components(seed: int = 0, dtype: torch.dtype = torch.float32) -> dict[str, Any]:
    """Transformer, VAE, text encoder (random weights from `seed`) and the offline tokenizer.

    Returns the keyword arguments of `QwenImagePipeline`; the global RNG is left untouched.
    """
    from diffusers import AutoencoderKLQwenImage
    from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration

    from modelhub.qwen_image.tokenizer import qwen2_tokenizer

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        transformer = QwenImageTransformer(**TINY_TRANSFORMER)
        vae = AutoencoderKLQwenImage(**TINY_VAE)
        text_encoder = Qwen2_5_VLForConditionalGeneration(Qwen2_5_VLConfig(**TINY_TEXT_ENCODER))
    if dtype != torch.float32:
        transformer, vae, text_encoder = (m.to(dtype) for m in (transformer, vae, text_encoder))
    return {
        "transformer": transformer.eval(),
        "vae": vae.eval(),
        "text_encoder": text_encoder.eval(),
        "tokenizer": qwen2_tokenizer(),
    }


# ---- the demo model ---------------------------------------------------------------------------
# Trained on a CPU from scratch by `python -m modelhub.training.train_demo` on synthetic shapes
# (modelhub.synthetic); see docs/demo-model.md. Images of 64x64 pixels, latents of 16x16x16,
# 8x8 = 64 image tokens of 64 features, as in the released model's packing (16 channels x 2x2).

DEMO_TRANSFORMER: dict[str, Any] = {
    "patch_size": 2,
    "in_channels": 64,
    "out_channels": 16,
    "num_layers": 4,
    "attention_head_dim": 32,
    "num_attention_heads": 4,
    "joint_attention_dim": 32,
    "guidance_embeds": False,
    "axes_dims_rope": (8, 12, 12),
}
"""Four blocks of width 128 (2.47M parameters) over 16-channel latents and 32-wide text."""

DEMO_TEXT_ENCODER: dict[str, Any] = {
    "text_config": {
        "hidden_size": 32,
        "intermediate_size": 64,
        "num_hidden_layers": 2,
        "num_attention_heads": 2,
        "num_key_value_heads": 2,
        "rope_scaling": {"mrope_section": [2, 3, 3], "rope_type": "default", "type": "default"},
        "rope_theta": 1000000.0,
        "vocab_size": 152064,
        "tie_word_embeddings": True,
    },
    "vision_config": {
        "depth": 1,
        "hidden_size": 16,
        "intermediate_size": 16,
        "num_heads": 2,
        "out_hidden_size": 32,
    },
    "hidden_size": 32,
    "vocab_size": 152064,
    "tie_word_embeddings": True,
    "vision_start_token_id": 151652,
    "vision_end_token_id": 151653,
    "vision_token_id": 151654,
    "image_token_id": 151655,
    "video_token_id": 151656,
}
"""`Qwen2_5_VLConfig` keywords: a 2-layer, 32-wide Qwen2.5-VL with the full vocabulary and tied
input/output embeddings (4.9M parameters, 9.8 MB in fp16); the demo keeps it frozen at its
random initialisation."""

DEMO_AUTOENCODER: dict[str, Any] = {
    "patch_size": 4,
    "z_dim": 16,
    "latent_scale": "common",
}
"""The demo's latent space: the top 16 principal components of 4x4x3 pixel patches, one scale
(`modelhub.training.autoencoder.PatchAutoencoder`; spatial factor 4, fitted, not trained)."""
