"""Fixtures for the registry tests: a tiny diffusers pipeline folder, built once, offline."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest


@pytest.fixture(scope="session")
def tiny_sd_folder(tmp_path_factory):
    from modelhub.backends.tiny import save_tiny_stable_diffusion

    return save_tiny_stable_diffusion(tmp_path_factory.mktemp("weights") / "tiny-sd")
