"""The patch autoencoder stands in for the Qwen-Image VAE inside the unchanged pipeline."""

import numpy as np
import pytest
import torch

from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.synthetic.render import samples
from modelhub.synthetic.scorer import score
from modelhub.training.autoencoder import (
    PatchAutoencoder,
    decode_latents,
    encode_images,
    psnr,
    to_pixels,
)

from .conftest import TINY_MODEL


def test_reconstructs_held_out_renders(components):
    vae = components["vae"]
    held_out = samples(7, 128, 64, "heldout")
    images = np.stack([s.image for s in held_out])
    latents = encode_images(vae, images)
    assert latents.shape == (128, 16, 16, 16)
    assert abs(float(latents.pow(2).mean()) - 1) < 0.3  # normalised to about unit scale
    restored = decode_latents(vae, latents)
    assert psnr(restored, images) > 30
    verdicts = [score(r, s.scene.truth).correct for r, s in zip(restored, held_out, strict=True)]
    assert np.mean(verdicts) > 0.95


def test_full_rank_autoencoder_is_lossless():
    images = np.stack([s.image for s in samples(0, 16, 32)])
    vae = PatchAutoencoder.fit(images, patch_size=4, z_dim=48)
    assert psnr(decode_latents(vae, encode_images(vae, images)), images) == float("inf")


def test_vae_interface_the_pipeline_uses(components, tmp_path):
    vae = components["vae"]
    assert vae.config.z_dim == 16 and len(vae.config.temperal_downsample) == 2
    x = to_pixels(np.stack([s.image for s in samples(0, 2, 64)]))
    z = vae.encode(x).latent_dist.mode()
    assert z.shape == (2, 16, 1, 16, 16)
    assert torch.equal(vae.encode(x).latent_dist.sample(), z)
    decoded = vae.decode(z, return_dict=False)[0]
    assert decoded.shape == x.shape and decoded.abs().max() <= 1
    vae.save_pretrained(tmp_path / "ae")
    again = PatchAutoencoder.from_pretrained(tmp_path / "ae")
    assert again.config == vae.config
    assert torch.equal(again.decode(z).sample, vae.decode(z).sample)


def test_pipeline_decodes_what_encode_images_encodes(components):
    pipe = QwenImagePipeline(transformer=QwenImageTransformer(**TINY_MODEL), **components)
    from modelhub.qwen_image.pipeline import pack_latents

    images = np.stack([s.image for s in samples(1, 4, 64)])
    packed = pack_latents(encode_images(components["vae"], images))
    decoded = pipe.decode(packed, 64, 64)
    restored = (decoded.permute(0, 2, 3, 1).numpy() * 255).round().astype(np.uint8)
    assert psnr(restored, images) > 30


def test_pipeline_generates_with_the_demo_parts(components):
    torch.manual_seed(0)
    pipe = QwenImagePipeline(transformer=QwenImageTransformer(**TINY_MODEL).eval(), **components)
    images = pipe(
        ["a red circle", "two blue stars"], width=64, height=64, num_inference_steps=2, seed=0
    )
    assert [im.size for im in images] == [(64, 64), (64, 64)]


def test_latent_scales():
    """ "common" keeps pixel-space geometry (one divisor); "component" whitens."""
    images = np.stack([s.image for s in samples(3, 64, 64)])
    common = PatchAutoencoder.fit(images, latent_scale="common")
    whitened = PatchAutoencoder.fit(images, latent_scale="component")
    assert len(set(common.config.latents_std)) == 1
    per_component = torch.tensor(whitened.config.latents_std)
    assert common.config.latents_std[0] == pytest.approx(
        float(per_component.pow(2).mean().sqrt()), rel=1e-5
    )
    z_common = encode_images(common, images)  # (B, C, h, w), normalised
    z_white = encode_images(whitened, images)
    assert float(z_common.pow(2).mean()) == pytest.approx(1.0, rel=1e-3)
    variances = z_white.transpose(0, 1).reshape(16, -1).var(dim=1)
    torch.testing.assert_close(variances, torch.ones(16), rtol=0.01, atol=0.01)
    # Same components, so the same reconstruction either way.
    np.testing.assert_array_equal(
        decode_latents(common, z_common), decode_latents(whitened, z_white)
    )
    with pytest.raises(ValueError, match="latent_scale"):
        PatchAutoencoder.fit(images, latent_scale="pixels")
