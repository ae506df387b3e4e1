"""Fixtures for the Qwen-Image tests: tiny configurations built in code, nothing downloaded."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest


@pytest.fixture(scope="session")
def qwen_tokenizer():
    """The offline Qwen2 tokenizer (real vocabulary); built once, ~3 s."""
    from modelhub.qwen_image.tokenizer import qwen2_tokenizer

    return qwen2_tokenizer()
