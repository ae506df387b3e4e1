"""Generation jobs: claimed once, committed with their images, failed with a reason, recovered.

These run the job service in this process with a real tiny diffusers pipeline; the worker
tests (test_workers.py) run the same through real Celery workers.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from generation.jobs import RetryJob, job_run, jobs_create, jobs_reconcile, jobs_retry
from generation.models import GenerationItem, GenerationJob, Image
from generation.pipelines import pipelines_clear, pipelines_loaded
from generation.queues import route_task
from generation.services import NewImage, images_add
from generation.tasks import generate_batch
from tests.generation.backends import SCRIPTED
from tests.generation.conftest import make_contestant, make_prompts, tiny_spec

pytestmark = pytest.mark.django_db
Status = GenerationJob.Status


def new_job(contestant, prompts, seeds=(0,), *, family="default", max_attempts=3):
    items = [(prompt.pk, seed) for prompt in prompts for seed in seeds]
    (job,) = jobs_create(
        contestant_id=contestant.pk,
        family=family,
        items=items,
        batch_size=len(items),
        max_attempts=max_attempts,
    )
    return job


def test_a_job_makes_its_images_with_their_settings_and_timing(tiny_weights):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    prompts = make_prompts(3)
    job = new_job(contestant, prompts, seeds=(5,))
    outcome = job_run(job_id=job.pk, worker="celery@gpu1:42")
    assert (outcome.status, outcome.images_created) == ("done", 3)
    job.refresh_from_db()
    assert (job.status, job.attempts, job.images_created, job.error) == (Status.DONE, 1, 3, "")
    assert job.worker == "celery@gpu1:42" and job.lease_expires_at is None
    assert job.load_seconds > 0 and job.generate_seconds > 0 and job.finished_at
    images = Image.objects.filter(contestant=contestant).order_by("prompt_id")
    assert [(i.prompt_id, i.seed) for i in images] == [(p.pk, 5) for p in prompts]
    for image in images:
        assert image.source == Image.Source.GENERATED
        assert (image.width, image.height) == (64, 64)
        assert image.settings["pipeline"] == "StableDiffusionPipeline"
        assert (image.settings["steps"], image.settings["batch_size"]) == (2, 3)
        assert image.generation_seconds == pytest.approx(job.generate_seconds / 3)


def test_a_second_delivery_makes_no_second_image(tiny_weights):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    job = new_job(contestant, make_prompts(2))
    assert job_run(job_id=job.pk, worker="w:1").status == "done"
    again = job_run(job_id=job.pk, worker="w:2")
    assert again.status == "skipped" and "done" in again.detail
    assert Image.objects.count() == 2
    job.refresh_from_db()
    assert job.attempts == 1 and job.worker == "w:1"


def test_a_job_running_under_a_live_lease_is_left_to_its_worker(tiny_weights):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    job = new_job(contestant, make_prompts(2))
    GenerationJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING,
        attempts=1,
        worker="w:1",
        lease_expires_at=timezone.now() + timedelta(minutes=5),
    )
    assert job_run(job_id=job.pk, worker="w:2").status == "skipped"
    assert not Image.objects.exists()
    # Once the lease has run out, another worker takes it over (a second attempt).
    GenerationJob.objects.filter(pk=job.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert job_run(job_id=job.pk, worker="w:2").status == "done"
    job.refresh_from_db()
    assert (job.attempts, job.worker, Image.objects.count()) == (2, "w:2", 2)


def test_a_job_cut_short_makes_only_its_missing_images(tiny_weights):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    prompts = make_prompts(3)
    job = new_job(contestant, prompts)
    from tests.factories import poisoned_png

    images_add(
        new_images=[
            NewImage(
                prompt_id=prompts[0].pk,
                contestant_id=contestant.pk,
                seed=0,
                content=poisoned_png((1, 2, 3), poison="x"),
            )
        ]
    )
    assert job_run(job_id=job.pk, worker="w:1").images_created == 2
    assert Image.objects.filter(contestant=contestant).count() == 3


def test_a_missing_weights_folder_fails_its_job_and_spares_the_others(tmp_path, tiny_weights):
    missing = tmp_path / "weights" / "never-copied-here"
    broken = make_contestant("broken", tiny_spec(missing))
    healthy = make_contestant("healthy", tiny_spec(tiny_weights))
    prompts = make_prompts(2)
    broken_job, healthy_job = new_job(broken, prompts), new_job(healthy, prompts)
    outcome = job_run(job_id=broken_job.pk, worker="w:1")
    assert outcome.status == "failed"
    broken_job.refresh_from_db()
    assert broken_job.status == Status.FAILED and broken_job.attempts == 1  # no retry
    assert f"weights folder {missing} does not exist" in broken_job.error
    assert "contestant 'broken'" in broken_job.error
    assert job_run(job_id=healthy_job.pk, worker="w:1").status == "done"
    assert Image.objects.filter(contestant=healthy).count() == 2
    assert not Image.objects.filter(contestant=broken).exists()
    # A later delivery of the failed job's message does nothing.
    assert job_run(job_id=broken_job.pk, worker="w:1").status == "skipped"


def test_an_invalid_spec_fails_the_job_naming_the_field(tiny_weights):
    contestant = make_contestant("typo", {**tiny_spec(tiny_weights), "sampler": {"stpes": 2}})
    job = new_job(contestant, make_prompts(1))
    assert job_run(job_id=job.pk, worker="w:1").status == "failed"
    job.refresh_from_db()
    assert "contestant 'typo'" in job.error and "sampler.stpes: unknown field" in job.error


def test_transient_errors_retry_with_backoff_until_attempts_run_out(tiny_weights):
    spec = tiny_spec(tiny_weights, backend_options={"fail": True})
    contestant = make_contestant("flaky", spec, backend=SCRIPTED)
    job = new_job(contestant, make_prompts(1), max_attempts=3)
    countdowns = []
    for attempt in (1, 2):
        with pytest.raises(RetryJob) as retry:
            job_run(job_id=job.pk, worker="w:1")
        countdowns.append(retry.value.countdown)
        job.refresh_from_db()
        assert (job.status, job.attempts) == (Status.QUEUED, attempt)
        assert f"attempt {attempt} of 3: ConnectionError" in job.error
    assert 20 <= countdowns[0] <= 40 and countdowns[1] > countdowns[0]  # exponential
    outcome = job_run(job_id=job.pk, worker="w:1")
    assert outcome.status == "failed"
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.attempts == 3
    assert job.error.startswith("gave up after 3 attempts; last error: attempt 3 of 3")
    # An operator who fixed the cause queues it again, with fresh attempts.
    assert jobs_retry(job_ids=[job.pk]) == [job.pk]
    job.refresh_from_db()
    assert (job.status, job.attempts) == (Status.QUEUED, 0)


def test_a_worker_keeps_its_pipeline_loaded(tiny_weights):
    pipelines_clear()
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    prompts = make_prompts(4)
    first, second = new_job(contestant, prompts[:2]), new_job(contestant, prompts[2:])
    job_run(job_id=first.pk, worker="w:1")
    job_run(job_id=second.pk, worker="w:1")
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.load_seconds > 0 and second.load_seconds == 0
    assert pipelines_loaded() == 1


def test_jobs_are_published_on_commit_to_their_family_queue(
    tiny_weights, published, django_capture_on_commit_callbacks
):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights, family="sd15"))
    prompts = make_prompts(5)
    with django_capture_on_commit_callbacks(execute=True):
        jobs = jobs_create(
            contestant_id=contestant.pk,
            family="sd15",
            items=[(p.pk, 0) for p in prompts],
            batch_size=2,
        )
        assert published == []  # nothing before the commit
    assert [len(job.items.all()) for job in jobs] == [2, 2, 1]
    assert published == [(job.pk, "sd15", "gen.sd15") for job in jobs]


def test_an_image_key_is_planned_once():
    from django.db import IntegrityError

    contestant = make_contestant("tiny-a", {"weights": "/w"})
    (prompt,) = make_prompts(1)
    jobs_create(contestant_id=contestant.pk, family="x", items=[(prompt.pk, 0)], batch_size=1)
    with pytest.raises(IntegrityError):
        jobs_create(contestant_id=contestant.pk, family="x", items=[(prompt.pk, 0)], batch_size=1)


def test_routing_sends_each_family_to_its_queue(settings):
    from config.celery import app

    route = app.amqp.router.route(
        {}, "generation.generate_batch", (), {"job_id": 1, "family": "flux"}
    )
    assert route["queue"].name == "gen.flux"
    settings.GENERATION_QUEUE_PREFIX = "t123."
    assert route_task("generation.generate_batch", (), {"job_id": 1, "family": "sdxl"}, {}) == {
        "queue": "t123.sdxl"
    }
    assert route_task("generation.reconcile_jobs", (), {}, {}) is None  # the default queue


def test_the_task_runs_the_job(tiny_weights):
    contestant = make_contestant("tiny-a", tiny_spec(tiny_weights))
    job = new_job(contestant, make_prompts(1))
    result = generate_batch.apply(kwargs={"job_id": job.pk, "family": "default"})
    assert result.get() == "done"
    assert Image.objects.count() == 1


# --- Reconciling ------------------------------------------------------------------------------


def running(job, *, worker="celery@a:1", attempts=1, lease_in=-1, started_ago=60):
    now = timezone.now()
    GenerationJob.objects.filter(pk=job.pk).update(
        status=Status.RUNNING,
        worker=worker,
        attempts=attempts,
        started_at=now - timedelta(seconds=started_ago),
        lease_expires_at=now + timedelta(seconds=lease_in),
    )


def test_the_reconciler_requeues_lost_jobs_and_fails_those_out_of_attempts(
    published, django_capture_on_commit_callbacks
):
    contestant = make_contestant("tiny-a", {"weights": "/w"})
    prompts = make_prompts(4)
    lost, exhausted, alive, waiting = (new_job(contestant, [p]) for p in prompts)
    running(lost, attempts=1)
    running(exhausted, attempts=3)
    running(alive, lease_in=600)
    with django_capture_on_commit_callbacks(execute=True):
        summary = jobs_reconcile()
    assert (summary.requeued, summary.failed, summary.republished) == (
        [lost.pk],
        [exhausted.pk],
        [],
    )
    assert [job_id for job_id, _, _ in published] == [lost.pk]
    states = dict(GenerationJob.objects.values_list("pk", "status"))
    assert states == {
        lost.pk: Status.QUEUED,
        exhausted.pk: Status.FAILED,
        alive.pk: Status.RUNNING,
        waiting.pk: Status.QUEUED,
    }
    lost.refresh_from_db()
    exhausted.refresh_from_db()
    assert lost.attempts == 1 and "worker celery@a:1 was lost" in lost.error
    assert exhausted.error.startswith("gave up after 3 attempts")
    # Nothing left to do: running it again changes nothing.
    assert not jobs_reconcile()


def test_a_restarted_worker_takes_back_its_jobs_at_once(
    published, django_capture_on_commit_callbacks
):
    contestant = make_contestant("tiny-a", {"weights": "/w"})
    mine, other_node, just_claimed = (new_job(contestant, [p]) for p in make_prompts(3))
    running(mine, worker="celery@gpu1:100", lease_in=600)
    running(other_node, worker="celery@gpu2:100", lease_in=600)
    running(just_claimed, worker="celery@gpu1:200", lease_in=600, started_ago=-5)
    with django_capture_on_commit_callbacks(execute=True):
        summary = jobs_reconcile(restarted_node="celery@gpu1", claimed_before=timezone.now())
    assert summary.requeued == [mine.pk]
    assert [job_id for job_id, _, _ in published] == [mine.pk]


def test_queued_jobs_whose_message_was_lost_are_published_again(
    published, django_capture_on_commit_callbacks
):
    contestant = make_contestant("tiny-a", {"weights": "/w"})
    stale, fresh = (new_job(contestant, [p]) for p in make_prompts(2))
    GenerationJob.objects.filter(pk=stale.pk).update(
        lease_expires_at=timezone.now() - timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert jobs_reconcile().republished == [stale.pk]
        assert not jobs_reconcile()  # its lease was renewed
        assert jobs_reconcile(republish_queued=True).republished == [stale.pk, fresh.pk]
    assert [job_id for job_id, _, _ in published] == [stale.pk, stale.pk, fresh.pk]
    assert GenerationItem.objects.count() == 2
