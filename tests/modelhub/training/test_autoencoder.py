"""The patch autoencoder stands in for the Qwen-Image VAE inside the unchanged pipeline."""

import numpy as np
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
