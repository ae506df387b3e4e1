"""Fixtures for the training tests: small components built in code, nothing downloaded."""

import json
import os
import random

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import numpy as np
import pytest

TINY_MODEL = {
    "patch_size": 2,
    "in_channels": 64,
    "out_channels": 16,
    "num_layers": 1,
    "attention_head_dim": 16,
    "num_attention_heads": 2,
    "joint_attention_dim": 32,
    "axes_dims_rope": [4, 6, 6],
}
"""A one-block transformer over the demo's latents and text width."""


@pytest.fixture(scope="session")
def tiny_model_json():
    return json.dumps(TINY_MODEL)


@pytest.fixture(scope="session")
def components_dir(tmp_path_factory):
    """The demo's text encoder (random, seed 0) and an autoencoder fitted on 128 renders."""
    from modelhub.synthetic.render import render
    from modelhub.synthetic.scenes import sample_scene
    from modelhub.training.autoencoder import PatchAutoencoder
    from modelhub.training.demo import build_text_encoder, save_text_encoder

    folder = tmp_path_factory.mktemp("components")
    save_text_encoder(build_text_encoder(0), folder / "text_encoder")
    rng = random.Random(0)
    images = np.stack([render(sample_scene(rng), 64) for _ in range(128)])
    PatchAutoencoder.fit(images).save_pretrained(folder / "vae")
    return folder


@pytest.fixture(scope="session")
def components(components_dir):
    from modelhub.training.demo import load_components

    return load_components(components_dir)
