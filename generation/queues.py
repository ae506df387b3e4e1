"""The generation queues: named here, and only here.

Each model family has its own queue, ``<GENERATION_QUEUE_PREFIX><family>`` (``gen.flux``,
``gen.sdxl``, ...), so a GPU worker started with ``-Q gen.flux`` serves the FLUX contestants it
holds and nothing else. A contestant's family is its spec's ``family``, or ``default`` when
unset. ``config.settings`` routes tasks through ``route_task``; callers publish tasks with plain
arguments and never name a queue.
"""

from django.conf import settings

GENERATE_BATCH_TASK = "generation.generate_batch"
RECONCILE_JOBS_TASK = "generation.reconcile_jobs"
DEFAULT_FAMILY = "default"


def family_for(spec) -> str:
    """The model family that routes a contestant's jobs (a ``modelhub.registry`` spec)."""
    return spec.family or DEFAULT_FAMILY


def generation_queue(family: str) -> str:
    return f"{settings.GENERATION_QUEUE_PREFIX}{family}"


def route_task(name, args, kwargs, options, task=None, **extra):
    """Celery router (``CELERY_TASK_ROUTES``): generation batches go to their family's queue."""
    if name == GENERATE_BATCH_TASK:
        family = (kwargs or {}).get("family") or (args[1] if args and len(args) > 1 else None)
        return {"queue": generation_queue(family or DEFAULT_FAMILY)}
    return None
