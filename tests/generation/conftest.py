"""Fixtures of the generation tests: a tiny pipeline folder, prompts and contestants, and a
record of published task messages in place of a broker (the worker tests use real ones)."""

import os

os.environ.setdefault("HF_HUB_OFFLINE", "1")

import pytest

from arena.models import Contestant, Prompt, PromptSuite
from generation.pipelines import pipelines_clear


@pytest.fixture(scope="session")
def tiny_weights(tmp_path_factory):
    """A tiny Stable Diffusion pipeline saved as a local folder (random weights, ~1 MB)."""
    from modelhub.backends.tiny import save_tiny_stable_diffusion

    return save_tiny_stable_diffusion(tmp_path_factory.mktemp("weights") / "tiny-sd")


@pytest.fixture(scope="module", autouse=True)
def _no_pipelines_kept_between_modules():
    """Within a module tests share loaded pipelines, as the jobs of one worker process do."""
    pipelines_clear()
    yield
    pipelines_clear()


@pytest.fixture
def published(monkeypatch):
    """Task messages the code under test sent, as (job_id, family, queue) tuples."""
    from generation.queues import generation_queue
    from generation.tasks import generate_batch

    sent: list[tuple[int, str, str]] = []

    def apply_async(args=None, kwargs=None, **options):
        sent.append((kwargs["job_id"], kwargs["family"], generation_queue(kwargs["family"])))

    monkeypatch.setattr(generate_batch, "apply_async", apply_async)
    return sent


def tiny_spec(weights, **fields) -> dict:
    """A contestant's JSON spec for the tiny pipeline: 2 steps on the CPU, batches of 2."""
    sampler = fields.pop("sampler", {})
    return {
        "weights": str(weights),
        "device": "cpu",
        "batch_size": 2,
        "sampler": {"steps": 2, **sampler},
        **fields,
    }


def make_prompts(n: int, categories=("general/animals", "text_rendering/en")) -> list[Prompt]:
    suite, _ = PromptSuite.objects.get_or_create(name="gen-suite", version="1")
    return [
        Prompt.objects.create(
            suite=suite,
            external_id=f"g-{i:03d}",
            text=f"A small red cube number {i}",
            language="en",
            category=categories[i % len(categories)],
        )
        for i in range(n)
    ]


def make_contestant(name: str, spec: dict, *, backend: str = "diffusers", **fields) -> Contestant:
    return Contestant.objects.create(name=name, backend=backend, spec=spec, **fields)
