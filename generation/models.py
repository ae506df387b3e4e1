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
