"""The image pool: one row per generated (or imported) image.

Prompts and contestants belong to the arena; they are referenced here by app label only, so this
app never imports ``arena`` (imports go arena → generation → modelhub).
"""

from django.db import models


class Image(models.Model):
    """One image made by a contestant for a prompt with a seed, stored without metadata.

    ``file`` is the master copy (lossless PNG, RGB, no metadata): exports read its pixels.
    ``display_file`` is what raters receive: re-encoded at the arena's one size and format.
    Both are stored under random names that say nothing about the contestant.
    """

    class Source(models.TextChoices):
        IMPORTED = "imported", "imported"
        GENERATED = "generated", "generated"

    prompt = models.ForeignKey("arena.Prompt", on_delete=models.PROTECT, related_name="images")
    contestant = models.ForeignKey(
        "arena.Contestant", on_delete=models.PROTECT, related_name="images"
    )
    seed = models.BigIntegerField()
    settings = models.JSONField(
        default=dict, blank=True, help_text="Generation settings: steps, guidance, size, sampler..."
    )
    file = models.FileField(upload_to="pool/", max_length=200)
    display_file = models.FileField(upload_to="pool/", max_length=200)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    pixel_sha256 = models.CharField(
        max_length=64,
        db_index=True,
        help_text="SHA-256 of the decoded RGB pixels (finds duplicates).",
    )
    source = models.CharField(max_length=16, choices=Source.choices)
    generation_seconds = models.FloatField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            # A redelivered task or a re-run import must never make a second image.
            models.UniqueConstraint(
                fields=["contestant", "prompt", "seed"], name="image_contestant_prompt_seed_unique"
            )
        ]
        indexes = [models.Index(fields=["prompt", "contestant"], name="image_prompt_contestant")]

    def __str__(self) -> str:
        return f"image {self.pk} (prompt {self.prompt_id}, seed {self.seed})"


class GenerationJob(models.Model):
    """One batch of images for one contestant: the unit a worker claims, runs and commits.

    The database, not the broker, is the record of what must be made. A worker claims a job by
    moving it from ``queued`` to ``running`` with a compare-and-set update, which counts an
    attempt and gives it a lease; it commits the images and ``done`` in one transaction. A job
    whose lease runs out (its worker was killed, ran out of memory, lost its machine) is queued
    again by the reconciler, until ``max_attempts`` attempts have been spent; then it is
    ``failed``. A message delivered twice finds the job claimed or done and does nothing.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "queued"
        RUNNING = "running", "running"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    contestant = models.ForeignKey(
        "arena.Contestant", on_delete=models.PROTECT, related_name="generation_jobs"
    )
    family = models.CharField(
        max_length=100, help_text="Model family: the worker queue that runs this job."
    )
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(default=0, help_text="Times a worker claimed this job.")
    max_attempts = models.PositiveIntegerField(default=3)
    lease_expires_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Queued: publish again after this. Running: the worker is presumed lost after "
        "this.",
    )
    worker = models.CharField(max_length=200, blank=True, help_text="node:pid of the last claim.")
    error = models.TextField(blank=True, help_text="Why the last attempt failed.")
    created_at = models.DateTimeField(auto_now_add=True)
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    load_seconds = models.FloatField(
        null=True, blank=True, help_text="Pipeline load time (0 when the worker had it loaded)."
    )
    generate_seconds = models.FloatField(null=True, blank=True)
    images_created = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "lease_expires_at"], name="genjob_status_lease"),
            models.Index(fields=["contestant", "status"], name="genjob_contestant_status"),
        ]

    def __str__(self) -> str:
        return f"job {self.pk} ({self.status}, {self.family})"


class GenerationItem(models.Model):
    """One image a job must make. Each (contestant, prompt, seed) is planned once, ever."""

    job = models.ForeignKey(GenerationJob, on_delete=models.CASCADE, related_name="items")
    contestant = models.ForeignKey("arena.Contestant", on_delete=models.PROTECT, related_name="+")
    prompt = models.ForeignKey("arena.Prompt", on_delete=models.PROTECT, related_name="+")
    seed = models.BigIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["contestant", "prompt", "seed"], name="generationitem_key_unique"
            )
        ]

    def __str__(self) -> str:
        return f"prompt {self.prompt_id}, seed {self.seed}"
