"""QwenImagePipeline.encode_images against diffusers' own image encoding (the Edit pipeline's,
which takes the posterior mode as ours does)."""

import numpy as np
import torch

from modelhub.qwen_image.configs import tiny_components
from modelhub.qwen_image.pipeline import QwenImagePipeline


def test_encode_images_matches_diffusers_edit_pipeline_encoding():
    from diffusers import QwenImageEditPipeline

    parts = tiny_components(seed=3)
    ours = QwenImagePipeline(**parts)
    # Non-trivial latent statistics, so the normalisation is really checked.
    z = parts["vae"].config.z_dim
    parts["vae"].register_to_config(
        latents_mean=[0.1 * i for i in range(z)], latents_std=[1.0 + 0.5 * i for i in range(z)]
    )
    images = np.random.default_rng(0).integers(0, 256, (2, 32, 48, 3), dtype=np.uint8)
    packed = ours.encode_images(images)

    from diffusers import FlowMatchEulerDiscreteScheduler

    reference = QwenImageEditPipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(),
        vae=parts["vae"],
        text_encoder=parts["text_encoder"],
        tokenizer=parts["tokenizer"],
        processor=None,
        transformer=None,
    )
    pixels = torch.as_tensor(images).permute(0, 3, 1, 2).float() / 127.5 - 1
    with torch.no_grad():
        latents = reference._encode_vae_image(pixels[:, :, None], generator=None)  # (B, C, 1, h, w)
    b, c, _, h, w = latents.shape
    expected = reference._pack_latents(latents[:, :, 0], b, c, h, w)
    torch.testing.assert_close(packed, expected, rtol=1e-5, atol=1e-5)
    # And one image at a time gives the same as the batch.
    torch.testing.assert_close(ours.encode_images(images[1:]), packed[1:], rtol=1e-5, atol=1e-5)
