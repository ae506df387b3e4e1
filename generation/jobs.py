"""Generation jobs: create, publish, run, reconcile. The database is the record of every job.

Life of a job::

    queued ──claim (attempt n, lease)──► running ──images + done, one transaction──► done
       ▲                                   │ │
       │   transient error (n < max) ──────┘ └── permanent error, or attempt n = max ──► failed
       └── reconciler: lease expired (worker killed, out of memory, machine gone)

- A worker claims a job with one compare-and-set update (``queued``, or ``running`` with an
  expired lease, and attempts left), which counts the attempt and sets a lease. A second delivery
  of the same message (Redis redelivers after ``visibility_timeout``; the reconciler may publish
  again) finds the job running under a live lease, or done, and does nothing.
- Images are added with ``images_add`` (unique per contestant, prompt and seed), and the job is
  marked done in the same transaction, so a batch is either wholly recorded or not at all; a
  batch made twice by two workers still stores each image once.
- Permanent errors (a bad spec, a missing weights folder, out of memory) fail the job at once with
  the reason; other errors queue it again with a backoff, until ``max_attempts``.
- The broker may lose messages (kombu's file-system transport deletes a message when it is read,
  so a killed worker loses its task; a Redis restart without persistence loses its queues):
  ``jobs_reconcile`` queues again the running jobs whose lease expired, publishes again queued
  jobs that waited past their lease, and fails those out of attempts.
"""

import logging
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from time import perf_counter

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from generation.live import announce_progress
from generation.models import GenerationItem, GenerationJob, Image
from generation.pipelines import pipeline_for
from generation.services import NewImage, images_add
from modelhub.registry import ContestantSpec, LoadError, SpecError, UnknownBackend, spec_from_dict

logger = logging.getLogger(__name__)
Status = GenerationJob.Status

RETRY_BACKOFF_SECONDS = 30
RETRY_BACKOFF_MAX_SECONDS = 15 * 60


class RetryJob(Exception):
    """A transient failure: the job is queued again; its task retries after ``countdown`` s."""

    def __init__(self, message: str, countdown: float):
        super().__init__(message)
        self.countdown = countdown


@dataclass(frozen=True)
class JobOutcome:
    status: str  # "done", "failed" or "skipped"
    images_created: int = 0
    detail: str = ""


def contestant_spec(*, name: str, backend: str, spec: dict) -> ContestantSpec:
    """The registry spec of an arena contestant (its name and backend, and its ``spec`` JSON)."""
    source = f"contestant {name!r} (spec in the database)"
    data = dict(spec or {})
    for key, value in (("name", name), ("backend", backend)):
        if data.get(key, value) != value:
            raise SpecError(source, key, f"the spec says {data[key]!r}, the contestant {value!r}")
        data[key] = value
    return spec_from_dict(data, source=source)


def retry_backoff(attempt: int) -> float:
    """Seconds to wait before attempt ``attempt + 1``: exponential, capped, with jitter."""
    base = min(RETRY_BACKOFF_MAX_SECONDS, RETRY_BACKOFF_SECONDS * 2 ** max(0, attempt - 1))
    return base * random.uniform(0.8, 1.2)


# --- Creating and publishing -------------------------------------------------------------------


def jobs_create(
    *,
    contestant_id: int,
    family: str,
    items: Sequence[tuple[int, int]],
    batch_size: int,
    max_attempts: int | None = None,
) -> list[GenerationJob]:
    """Jobs of ``batch_size`` (prompt id, seed) items each, published once committed.

    Each (contestant, prompt, seed) can be planned once only: planning one twice raises
    ``IntegrityError`` and creates nothing.
    """
    now = timezone.now()
    max_attempts = max_attempts or settings.GENERATION_MAX_ATTEMPTS
    chunks = [items[i : i + batch_size] for i in range(0, len(items), batch_size)]
    with transaction.atomic():
        jobs = GenerationJob.objects.bulk_create(
            [
                GenerationJob(
                    contestant_id=contestant_id,
                    family=family,
                    max_attempts=max_attempts,
                    enqueued_at=now,
                    lease_expires_at=_queued_lease(now),
                )
                for _ in chunks
            ]
        )
        GenerationItem.objects.bulk_create(
            [
                GenerationItem(job=job, contestant_id=contestant_id, prompt_id=prompt, seed=seed)
                for job, chunk in zip(jobs, chunks, strict=True)
                for prompt, seed in chunk
            ],
            batch_size=1000,
        )
        transaction.on_commit(lambda: jobs_publish(jobs=jobs))
        transaction.on_commit(announce_progress)
    return jobs


def jobs_publish(*, jobs: Iterable[GenerationJob]) -> int:
    """Send one task message per job; returns how many were sent (the rest wait for the
    reconciler: a job is never lost because its message was)."""
    from config.celery import filesystem_broker_folders_create
    from generation.tasks import generate_batch

    filesystem_broker_folders_create()
    sent = 0
    for job in jobs:
        try:
            generate_batch.apply_async(kwargs={"job_id": job.pk, "family": job.family})
            sent += 1
        except Exception:
            logger.exception("could not publish generation job %s; the reconciler will", job.pk)
    return sent


def _queued_lease(now: datetime) -> datetime:
    return now + timedelta(seconds=settings.GENERATION_QUEUED_LEASE_SECONDS)


# --- Running -----------------------------------------------------------------------------------


def job_run(*, job_id: int, worker: str) -> JobOutcome:
    """Claim job ``job_id`` for ``worker``, make its missing images, and commit them.

    Raises ``RetryJob`` after a transient error when attempts are left (the job is queued
    again); every other outcome is returned.
    """
    claimed = _claim(job_id, worker)
    if isinstance(claimed, JobOutcome):
        return claimed
    job = claimed
    contestant = job.contestant
    try:
        spec = contestant_spec(
            name=contestant.name, backend=contestant.backend, spec=contestant.spec
        )
        todo = list(_missing_items(job))
        new_images: list[NewImage] = []
        load_seconds = generate_seconds = 0.0
        if todo:
            pipeline, load_seconds = pipeline_for(spec)
            start = perf_counter()
            images = pipeline.generate([item.prompt.text for item in todo], [i.seed for i in todo])
            generate_seconds = perf_counter() - start
            if len(images) != len(todo):
                raise RuntimeError(f"{len(images)} images came back for {len(todo)} prompts")
            per_image = generate_seconds / len(todo)
            image_settings = {**pipeline.settings, "batch_size": len(todo)}
            new_images = [
                NewImage(
                    prompt_id=item.prompt_id,
                    contestant_id=job.contestant_id,
                    seed=item.seed,
                    content=_png_bytes(image),
                    settings=image_settings,
                    source=Image.Source.GENERATED,
                    generation_seconds=per_image,
                )
                for item, image in zip(todo, images, strict=True)
            ]
        created = _complete(job, new_images, load_seconds, generate_seconds)
    except (SpecError, LoadError, UnknownBackend) as exc:
        return _fail(job, str(exc))
    except Exception as exc:
        if _out_of_memory(exc):
            return _fail(job, f"out of memory: {exc} (lower batch_size, or use a larger device)")
        return _after_transient_error(job, exc)
    return JobOutcome(Status.DONE, images_created=created)


def _claim(job_id: int, worker: str) -> GenerationJob | JobOutcome:
    now = timezone.now()
    claimable = Q(status=Status.QUEUED) | Q(status=Status.RUNNING, lease_expires_at__lt=now)
    with transaction.atomic():
        claimed = GenerationJob.objects.filter(
            claimable, pk=job_id, attempts__lt=F("max_attempts")
        ).update(
            status=Status.RUNNING,
            attempts=F("attempts") + 1,
            worker=worker[:200],
            started_at=now,
            finished_at=None,
            lease_expires_at=now + timedelta(seconds=settings.GENERATION_LEASE_SECONDS),
        )
    job = GenerationJob.objects.select_related("contestant").filter(pk=job_id).first()
    if job is None:
        return JobOutcome("skipped", detail=f"there is no job {job_id}")
    if claimed:
        transaction.on_commit(announce_progress)
        return job
    stale = job.status == Status.QUEUED or (
        job.status == Status.RUNNING and job.lease_expires_at and job.lease_expires_at < now
    )
    if stale and job.attempts >= job.max_attempts:
        return _fail(job, _gave_up(job), expected=job.status)
    return JobOutcome("skipped", detail=f"job {job_id} is {job.status}")


def _missing_items(job: GenerationJob) -> Iterable[GenerationItem]:
    """The job's items without an image yet (a job cut short and run again makes only these)."""
    present = set(
        Image.objects.filter(
            contestant_id=job.contestant_id, prompt_id__in=job.items.values("prompt_id")
        ).values_list("prompt_id", "seed")
    )
    for item in job.items.select_related("prompt").order_by("id"):
        if (item.prompt_id, item.seed) not in present:
            yield item


def _png_bytes(image) -> bytes:
    """Lossless bytes of a pipeline's image. Whatever it carries (PNG text, ICC profile) is
    dropped again by the pool's storage, which keeps the pixels alone."""
    import io

    buffer = io.BytesIO()
    image.save(buffer, format="PNG", compress_level=1)
    return buffer.getvalue()


def _complete(
    job: GenerationJob, new_images: list[NewImage], load_seconds: float, generate_seconds: float
) -> int:
    """Add the images and mark the job done, in one transaction (retried once after losing a
    race with another worker making the same images)."""
    for attempt in range(2):
        try:
            with transaction.atomic():
                added = images_add(new_images=new_images)
                try:
                    GenerationJob.objects.filter(pk=job.pk).exclude(status=Status.DONE).update(
                        status=Status.DONE,
                        finished_at=timezone.now(),
                        lease_expires_at=None,
                        error="",
                        load_seconds=load_seconds,
                        generate_seconds=generate_seconds,
                        images_created=len(added.created),
                    )
                except BaseException:
                    for image in added.created:
                        default_storage.delete(image.file.name)
                        default_storage.delete(image.display_file.name)
                    raise
                transaction.on_commit(announce_progress)
            return len(added.created)
        except IntegrityError:
            if attempt:
                raise
    raise AssertionError("unreachable")


def _fail(job: GenerationJob, message: str, *, expected: str | None = None) -> JobOutcome:
    """Mark ``job`` failed with ``message`` (unless it was done meanwhile)."""
    rows = GenerationJob.objects.filter(pk=job.pk).exclude(status=Status.DONE)
    if expected is not None:
        rows = rows.filter(status=expected)
    with transaction.atomic():
        rows.update(
            status=Status.FAILED, error=message, finished_at=timezone.now(), lease_expires_at=None
        )
        transaction.on_commit(announce_progress)
    logger.warning("generation job %s failed: %s", job.pk, message)
    return JobOutcome(Status.FAILED, detail=message)


def _after_transient_error(job: GenerationJob, exc: Exception) -> JobOutcome:
    message = f"attempt {job.attempts} of {job.max_attempts}: {type(exc).__name__}: {exc}"
    logger.warning("generation job %s: %s", job.pk, message, exc_info=exc)
    if job.attempts >= job.max_attempts:
        return _fail(job, f"gave up after {job.attempts} attempts; last error: {message}")
    countdown = retry_backoff(job.attempts)
    now = timezone.now()
    GenerationJob.objects.filter(pk=job.pk, status=Status.RUNNING, worker=job.worker).update(
        status=Status.QUEUED,
        error=message,
        lease_expires_at=_queued_lease(now) + timedelta(seconds=countdown),
    )
    raise RetryJob(message, countdown) from exc


def _gave_up(job: GenerationJob) -> str:
    last = f"; last error: {job.error}" if job.error else ""
    return f"gave up after {job.attempts} attempts (the worker was lost each time?){last}"


def _out_of_memory(exc: BaseException) -> bool:
    return type(exc).__name__ == "OutOfMemoryError" or "out of memory" in str(exc).lower()


# --- Reconciling -------------------------------------------------------------------------------


@dataclass
class ReconcileSummary:
    requeued: list[int] = field(default_factory=list)
    republished: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.requeued or self.republished or self.failed)

    def __str__(self) -> str:
        return (
            f"{len(self.requeued)} lost jobs queued again, {len(self.republished)} queued jobs "
            f"published again, {len(self.failed)} jobs out of attempts failed"
        )


def jobs_reconcile(
    *,
    now: datetime | None = None,
    restarted_node: str | None = None,
    claimed_before: datetime | None = None,
    republish_queued: bool = False,
) -> ReconcileSummary:
    """Recover jobs the broker or a worker lost; safe to run anywhere, any time, concurrently.

    - running jobs whose lease expired, or that a worker named ``restarted_node`` claimed before
      it restarted (``claimed_before``: its start), are queued again and published, or failed
      when out of attempts;
    - queued jobs whose lease expired (their message was probably lost), or every queued job
      with ``republish_queued`` (after a broker was flushed or restarted), are published again.

    Every change is a compare-and-set update, so two reconcilers never both act on one job.
    """
    now = now or timezone.now()
    summary = ReconcileSummary()
    lost = Q(status=Status.RUNNING, lease_expires_at__lt=now)
    if restarted_node:
        lost |= Q(
            status=Status.RUNNING,
            worker__startswith=f"{restarted_node}:",
            started_at__lt=claimed_before or now,
        )
    publish: list[GenerationJob] = []
    with transaction.atomic():
        for job in GenerationJob.objects.filter(lost).order_by("id"):
            running = GenerationJob.objects.filter(
                pk=job.pk, status=Status.RUNNING, attempts=job.attempts, worker=job.worker
            )
            if job.attempts >= job.max_attempts:
                if running.update(
                    status=Status.FAILED,
                    error=_gave_up(job),
                    finished_at=now,
                    lease_expires_at=None,
                ):
                    summary.failed.append(job.pk)
                continue
            note = f"attempt {job.attempts}: worker {job.worker} was lost; queued again"
            if running.update(
                status=Status.QUEUED,
                error=note,
                enqueued_at=now,
                lease_expires_at=_queued_lease(now),
            ):
                summary.requeued.append(job.pk)
                publish.append(job)
        waiting = GenerationJob.objects.filter(status=Status.QUEUED)
        if not republish_queued:
            waiting = waiting.filter(lease_expires_at__lt=now)
        for job in waiting.order_by("id"):
            if GenerationJob.objects.filter(
                pk=job.pk, status=Status.QUEUED, lease_expires_at=job.lease_expires_at
            ).update(enqueued_at=now, lease_expires_at=_queued_lease(now)):
                summary.republished.append(job.pk)
                publish.append(job)
        if publish:
            transaction.on_commit(lambda: jobs_publish(jobs=publish))
        if summary:
            transaction.on_commit(announce_progress)
    if summary:
        logger.info("reconciled generation jobs: %s", summary)
    return summary


def jobs_retry(*, job_ids: Iterable[int]) -> list[int]:
    """Queue failed jobs again with a fresh allowance of attempts (after fixing the cause)."""
    now = timezone.now()
    with transaction.atomic():
        jobs = list(
            GenerationJob.objects.select_for_update().filter(pk__in=job_ids, status=Status.FAILED)
        )
        for job in jobs:
            job.status = Status.QUEUED
            job.attempts = 0
            job.enqueued_at = now
            job.lease_expires_at = _queued_lease(now)
        GenerationJob.objects.bulk_update(
            jobs, ["status", "attempts", "enqueued_at", "lease_expires_at"]
        )
        transaction.on_commit(lambda: jobs_publish(jobs=jobs))
        transaction.on_commit(announce_progress)
    return [job.pk for job in jobs]


# --- Progress ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class JobsProgress:
    jobs: dict[str, int]
    items_total: int
    items_done: int
    items_failed: int

    @property
    def unfinished(self) -> int:
        return self.jobs.get(Status.QUEUED, 0) + self.jobs.get(Status.RUNNING, 0)


def jobs_progress(*, job_ids: Sequence[int]) -> JobsProgress:
    by_status = dict(
        GenerationJob.objects.filter(pk__in=job_ids)
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    items = dict(
        GenerationItem.objects.filter(job_id__in=job_ids)
        .values_list("job__status")
        .annotate(n=Count("id"))
        .values_list("job__status", "n")
    )
    return JobsProgress(
        jobs=by_status,
        items_total=sum(items.values()),
        items_done=items.get(Status.DONE, 0),
        items_failed=items.get(Status.FAILED, 0),
    )
