"""Celery tasks: thin wrappers that load ids, call one service and own the retry policy.

Task names are explicit and stable (``generation.queues``): renaming a function must not orphan
the messages already queued under the old name.
"""

import os

from celery import shared_task
from django.db import InterfaceError, OperationalError

# Importing the tasks module (as every worker does) connects the worker's start-up hooks.
from generation import worker as _worker_hooks  # noqa: F401
from generation.jobs import RetryJob, job_run, jobs_reconcile, retry_backoff
from generation.queues import DEFAULT_FAMILY, GENERATE_BATCH_TASK, RECONCILE_JOBS_TASK

# Database outages are retried by Celery (the database cannot count attempts while it is down).
DATABASE_RETRIES = 5


def worker_name(hostname: str | None) -> str:
    """``node:pid``: which worker process holds a job (the node name finds it after a restart)."""
    return f"{hostname or 'local'}:{os.getpid()}"


@shared_task(
    name=GENERATE_BATCH_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    ignore_result=True,
    max_retries=None,
)
def generate_batch(self, job_id: int, family: str = DEFAULT_FAMILY) -> str:
    """Make the images of generation job ``job_id`` (``family`` only routes the message)."""
    try:
        outcome = job_run(job_id=job_id, worker=worker_name(self.request.hostname))
    except RetryJob as exc:
        raise self.retry(countdown=exc.countdown, exc=exc) from None
    except (OperationalError, InterfaceError) as exc:
        if self.request.retries >= DATABASE_RETRIES:
            raise
        raise self.retry(countdown=retry_backoff(self.request.retries + 1), exc=exc) from None
    return outcome.status


@shared_task(name=RECONCILE_JOBS_TASK, ignore_result=True)
def reconcile_jobs() -> str:
    """For ``celery beat``, where it runs: the same as ``manage.py reconcile_jobs``."""
    return str(jobs_reconcile())
