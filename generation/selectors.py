"""Read-only queries of the pool: generation progress per contestant, for operators."""

from collections import defaultdict

from django.db.models import Count

from generation.models import GenerationItem, GenerationJob, Image

Status = GenerationJob.Status


def generation_status() -> dict:
    """Jobs by status, images, planned images and the last error, per contestant.

    The result is JSON-ready (the status page renders it and serves it to its live updates).
    It names contestants: it is for staff only.
    """
    contestant_model = GenerationJob._meta.get_field("contestant").related_model
    jobs: dict[int, dict[str, int]] = defaultdict(dict)
    for contestant_id, status, n in (
        GenerationJob.objects.values_list("contestant_id", "status")
        .annotate(n=Count("id"))
        .values_list("contestant_id", "status", "n")
    ):
        jobs[contestant_id][status] = n
    images = dict(
        Image.objects.values_list("contestant_id")
        .annotate(n=Count("id"))
        .values_list("contestant_id", "n")
    )
    planned = dict(
        GenerationItem.objects.values_list("contestant_id")
        .annotate(n=Count("id"))
        .values_list("contestant_id", "n")
    )
    families = dict(
        GenerationJob.objects.order_by("contestant_id", "-id")
        .values_list("contestant_id", "family")
        .distinct()
    )
    last_errors: dict[int, tuple[str, str]] = {}
    for contestant_id, error, finished in (
        GenerationJob.objects.filter(status=Status.FAILED)
        .order_by("-finished_at", "-id")
        .values_list("contestant_id", "error", "finished_at")
    ):
        if contestant_id not in last_errors:
            last_errors[contestant_id] = (error, finished.isoformat() if finished else "")
    rows = []
    contestants = contestant_model.objects.filter(pk__in=set(jobs) | set(images)).order_by("name")
    for contestant in contestants:
        counts = jobs.get(contestant.pk, {})
        error, error_at = last_errors.get(contestant.pk, ("", ""))
        total_jobs = sum(counts.values())
        rows.append(
            {
                "id": contestant.pk,
                "name": contestant.name,
                "active": contestant.active,
                "backend": contestant.backend,
                "family": families.get(contestant.pk, ""),
                "queued": counts.get(Status.QUEUED, 0),
                "running": counts.get(Status.RUNNING, 0),
                "done": counts.get(Status.DONE, 0),
                "failed": counts.get(Status.FAILED, 0),
                "jobs": total_jobs,
                "images": images.get(contestant.pk, 0),
                "planned": planned.get(contestant.pk, 0),
                "progress": round(counts.get(Status.DONE, 0) / total_jobs, 4) if total_jobs else 1,
                "last_error": error,
                "last_error_at": error_at,
            }
        )
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("queued", "running", "done", "failed", "jobs", "images", "planned")
    }
    return {"contestants": rows, "totals": totals}
