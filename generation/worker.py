"""Start-up hooks of a Celery worker process (connected when ``generation.tasks`` is imported).

- A worker started without ``-Q`` (the embedded default) serves Celery's default queue and the
  queue of every model family the database knows, so one worker runs everything. With ``-Q``
  it serves exactly the queues named (a GPU worker serves the families it holds).
- When the worker is ready it reconciles the jobs: those this node was running before it
  restarted are queued again at once (the file-system broker lost their messages with the old
  process), then, every ``GENERATION_RECONCILE_SECONDS``, any job whose lease ran out anywhere.
"""

import logging
import threading

from celery.signals import celeryd_after_setup, worker_ready, worker_shutting_down
from django.conf import settings
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from generation.jobs import contestant_spec, jobs_reconcile
from generation.models import GenerationJob
from generation.queues import DEFAULT_FAMILY, family_for, generation_queue
from modelhub.registry import NON_GENERATING, SpecError

logger = logging.getLogger(__name__)
_started_at = None
_stopping = threading.Event()


def known_families() -> set[str]:
    """Model families of the active contestants that generate, and of all unfinished jobs."""
    contestant_model = GenerationJob._meta.get_field("contestant").related_model
    families = {DEFAULT_FAMILY}
    for name, backend, spec in contestant_model.objects.filter(active=True).values_list(
        "name", "backend", "spec"
    ):
        if backend in NON_GENERATING:
            continue
        try:
            families.add(family_for(contestant_spec(name=name, backend=backend, spec=spec)))
        except SpecError:
            continue
    families |= set(
        GenerationJob.objects.filter(
            status__in=[GenerationJob.Status.QUEUED, GenerationJob.Status.RUNNING]
        ).values_list("family", flat=True)
    )
    return families


@celeryd_after_setup.connect
def serve_every_family_without_q(sender, instance, **kwargs):
    """Runs before ``-Q`` is applied; ``-Q`` replaces this selection with its own."""
    global _started_at
    _started_at = timezone.now()
    try:
        families = known_families()
    except DatabaseError:
        logger.warning("could not read the model families; serving the default one only")
        families = {DEFAULT_FAMILY}
    finally:
        close_old_connections()
    for family in sorted(families):
        instance.app.amqp.queues.select_add(generation_queue(family))


@worker_ready.connect
def reconcile_at_start(sender, **kwargs):
    node = getattr(sender, "hostname", None)
    try:
        summary = jobs_reconcile(restarted_node=node, claimed_before=_started_at)
        if summary:
            logger.info("worker %s at start: %s", node, summary)
    except DatabaseError:
        logger.exception("could not reconcile generation jobs at start")
    finally:
        close_old_connections()
    period = settings.GENERATION_RECONCILE_SECONDS
    if period > 0:
        threading.Thread(
            target=_reconcile_forever, args=(period,), name="reconcile-jobs", daemon=True
        ).start()


@worker_shutting_down.connect
def stop_reconciling(**kwargs):
    _stopping.set()


def _reconcile_forever(period: float) -> None:
    while not _stopping.wait(period):
        try:
            jobs_reconcile()
        except Exception:
            logger.exception("periodic reconciliation of generation jobs failed")
        finally:
            close_old_connections()
