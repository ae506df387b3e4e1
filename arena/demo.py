"""The demo arena: the synthetic suite and the tiny Qwen-Image's lineup, registered as contestants.

The lineup (``modelhub.training.demo.DEMO_LINEUP``) is a few sampler settings of the committed
demo checkpoints, of genuinely different quality; each becomes a contestant of the ``qwen-image``
backend whose spec points at its checkpoint folder, so the generation workers make its images
like any other model's.
"""

from pathlib import Path

from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from arena.models import Contestant, PromptSuite
from arena.pool import pool_changed
from generation.jobs import job_run
from generation.models import GenerationJob

DEMO_FAMILY = "demo"


def demo_spec(name: str, weights: Path, *, steps: int, guidance: float, seed_base: int = 0) -> dict:
    """The registry spec of a demo contestant (``guidance`` is true CFG; 1 turns it off).

    Seeds follow the ``prompt-hash`` policy: image k of a prompt starts from the same noise for
    every contestant (paired comparisons), and different prompts start from different noise, so
    a contestant's images are independent samples of it; with ``sequential`` seeds all of its
    first images would share one noise tensor (docs/dpo.md measures what that does).
    ``seed_base`` shifts the noise seeds: a copy of a contestant with another base draws other
    images of the same model (the on-policy samples DPO pairs are made of)."""
    from modelhub.training.demo import RESOLUTION

    return {
        "name": name,
        "backend": "qwen-image",
        "weights": str(weights),
        "family": DEMO_FAMILY,
        "batch_size": 16,
        "sampler": {
            "steps": steps,
            "true_cfg_scale": guidance,
            "negative_prompt": " ",
            "width": RESOLUTION,
            "height": RESOLUTION,
            "seed_policy": "prompt-hash",
            "seed_base": seed_base,
        },
    }


def demo_contestants_register(
    specs: dict[str, dict], descriptions: dict[str, str] | None = None
) -> None:
    with transaction.atomic():
        for name, spec in specs.items():
            Contestant.objects.update_or_create(
                name=name,
                defaults={
                    "backend": "qwen-image",
                    "spec": spec,
                    "active": True,
                    "description": (descriptions or {}).get(name, ""),
                },
            )


def demo_lineup_specs() -> tuple[dict[str, dict], dict[str, str]]:
    from modelhub.training.demo import DEMO_DIR, DEMO_LINEUP

    specs = {
        c.name: demo_spec(c.name, DEMO_DIR / c.checkpoint, steps=c.steps, guidance=c.guidance)
        for c in DEMO_LINEUP
    }
    return specs, {c.name: c.description for c in DEMO_LINEUP}


def synthetic_suite_load(stdout=None) -> PromptSuite:
    """The held-out synthetic suite (prompts with ground truth), loaded once."""
    from modelhub.synthetic import suite

    existing = PromptSuite.objects.filter(
        name=suite.SUITE_NAME, version=suite.SUITE_VERSION
    ).first()
    if existing is not None:
        return existing
    call_command(
        "load_prompts",
        str(suite.SUITE_PATH),
        suite=suite.SUITE_NAME,
        suite_version=suite.SUITE_VERSION,
        source=f"{suite.SUITE_PATH.name} (python -m modelhub.synthetic.suite)",
        description="Prompts with known answers, held out from the demo model's training.",
        **({"stdout": stdout} if stdout is not None else {}),
    )
    return PromptSuite.objects.get(name=suite.SUITE_NAME, version=suite.SUITE_VERSION)


def images_generate_here(suite: PromptSuite, contestants: list[str], limit: int) -> int:
    """Plan up to ``limit`` images of ``suite`` for ``contestants`` and make them in this process
    (no worker needed: the demo's checkpoints are small). Returns the number of jobs run."""
    args = ["--suite", f"{suite.name}@{suite.version}", "--limit", str(limit)]
    for name in contestants:
        args += ["--contestant", name]
    call_command("fill_pool", *args, verbosity=0)
    queued = list(
        GenerationJob.objects.filter(
            status=GenerationJob.Status.QUEUED, contestant__name__in=contestants
        ).values_list("pk", flat=True)
    )
    for job_id in queued:
        job_run(job_id=job_id, worker="in-process")
    failed = GenerationJob.objects.filter(pk__in=queued, status=GenerationJob.Status.FAILED)
    if failed.exists():
        raise CommandError(
            "generation failed: " + "; ".join(failed.values_list("error", flat=True)[:3])
        )
    pool_changed()
    return len(queued)
