"""The arena's records: prompt suites, contestants, raters, battles and votes.

Images live in the ``generation`` app (the image pool); a battle points at two of them. Writes go
through ``arena.services``; these classes hold data and small derived properties only.
"""

import secrets

from django.conf import settings
from django.db import models


def new_public_token() -> str:
    """A random, URL-safe token (128 bits) for anything a rater's browser gets to see."""
    return secrets.token_urlsafe(16)


class PromptSuite(models.Model):
    """A versioned set of prompts, e.g. ``arena-5k`` version ``1.0`` or ``partiprompts``."""

    name = models.SlugField(max_length=100)
    version = models.CharField(max_length=32, default="1")
    description = models.TextField(blank=True)
    source = models.CharField(max_length=200, blank=True, help_text="Where the prompts came from.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["name", "version"], name="promptsuite_name_version_unique"
            )
        ]
        ordering = ["name", "version"]

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"


class Prompt(models.Model):
    suite = models.ForeignKey(PromptSuite, on_delete=models.PROTECT, related_name="prompts")
    external_id = models.CharField(
        max_length=64, help_text="The prompt's id in its suite file (stable across imports)."
    )
    text = models.TextField()
    language = models.CharField(max_length=16, db_index=True)
    category = models.CharField(
        max_length=200,
        db_index=True,
        help_text="Slash-separated path, e.g. text_rendering/zh/couplet",
    )
    difficulty = models.CharField(max_length=16, blank=True)
    tags = models.JSONField(default=list, blank=True)
    expected_text = models.TextField(
        blank=True, help_text="Text the image must contain (text-rendering prompts)."
    )
    metadata = models.JSONField(
        default=dict, blank=True, help_text="Fields of the source file with no column of their own."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["suite", "external_id"], name="prompt_suite_external_id_unique"
            )
        ]
        ordering = ["suite", "external_id"]

    def __str__(self) -> str:
        return f"{self.external_id}: {self.text[:60]}"


class Contestant(models.Model):
    """A model entry in the arena. Its identity never reaches a rater before the vote."""

    name = models.SlugField(max_length=100, unique=True)
    display_name = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)
    backend = models.CharField(
        max_length=50,
        default="external",
        help_text="How images are made: 'external' (imported), or a model-registry backend.",
    )
    spec = models.JSONField(
        default=dict, blank=True, help_text="Checkpoint and sampler settings (model registry spec)."
    )
    active = models.BooleanField(default=True, help_text="Inactive contestants are not served.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.display_name or self.name


class Rater(models.Model):
    """Someone who votes: an anonymous browser session, an account, or an API client."""

    # Only the hash of an API token is stored; the token itself is shown once, when created.
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rater",
    )
    label = models.CharField(max_length=100, blank=True, help_text="Free text, e.g. 'sim-03'.")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        if self.user_id:
            return f"rater {self.pk} ({self.user})"
        return f"rater {self.pk}" + (f" ({self.label})" if self.label else "")

    @property
    def kind(self) -> str:
        if self.user_id:
            return "account"
        return "api" if self.token_hash else "session"


class Battle(models.Model):
    """Two images of one prompt, shown to one rater with sides chosen at random."""

    class Status(models.TextChoices):
        SERVED = "served", "served"
        VOTED = "voted", "voted"
        SKIPPED = "skipped", "skipped"

    public_id = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    rater = models.ForeignKey(Rater, on_delete=models.PROTECT, related_name="battles")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="battles")
    left_image = models.ForeignKey("generation.Image", on_delete=models.PROTECT, related_name="+")
    right_image = models.ForeignKey("generation.Image", on_delete=models.PROTECT, related_name="+")
    left_contestant = models.ForeignKey(Contestant, on_delete=models.PROTECT, related_name="+")
    right_contestant = models.ForeignKey(Contestant, on_delete=models.PROTECT, related_name="+")
    # The image URLs of this battle: random per battle, so the same image never has a stable
    # address a rater could recognise after its model was revealed elsewhere.
    left_token = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    right_token = models.CharField(
        max_length=32, unique=True, default=new_public_token, editable=False
    )
    policy = models.CharField(
        max_length=100, help_text="The matchmaking policy that chose the pair."
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.SERVED)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    expires_at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["rater", "status"], name="battle_rater_status")]

    def __str__(self) -> str:
        return f"battle {self.public_id}"


class Vote(models.Model):
    """A rater's verdict on one battle. The battle is the primary key: one vote per battle."""

    class Choice(models.TextChoices):
        LEFT = "left", "left is better"
        RIGHT = "right", "right is better"
        TIE = "tie", "tie"
        BOTH_BAD = "both_bad", "both are bad"

    battle = models.OneToOneField(
        Battle, on_delete=models.PROTECT, primary_key=True, related_name="vote"
    )
    rater = models.ForeignKey(Rater, on_delete=models.PROTECT, related_name="votes")
    prompt = models.ForeignKey(Prompt, on_delete=models.PROTECT, related_name="votes")
    choice = models.CharField(max_length=16, choices=Choice.choices)
    # Which contestant was on which side, copied from the battle so that analyses of position
    # bias read one table.
    left_contestant = models.ForeignKey(Contestant, on_delete=models.PROTECT, related_name="+")
    right_contestant = models.ForeignKey(Contestant, on_delete=models.PROTECT, related_name="+")
    latency_ms = models.PositiveIntegerField(
        help_text="Time from showing the pair to the vote, as the rater's browser measured it "
        "when plausible, else as the server did."
    )
    server_latency_ms = models.PositiveIntegerField(help_text="Time from serving to the vote.")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"{self.battle_id}: {self.choice}"

    @property
    def winner_id(self) -> int | None:
        if self.choice == self.Choice.LEFT:
            return self.left_contestant_id
        if self.choice == self.Choice.RIGHT:
            return self.right_contestant_id
        return None


class PairCount(models.Model):
    """Vote counts per ordered (left, right) pair of contestants, per prompt category and language.

    Updated in the vote's own transaction, so leaderboards read this small table instead of every
    vote. Overall, per-category and per-language tables are sums over its rows; the side order is
    kept for the position-bias fit. ``manage.py rebuild_counts`` recomputes it from the votes.
    """

    category = models.CharField(max_length=200)
    language = models.CharField(max_length=16)
    left_contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="+")
    right_contestant = models.ForeignKey(Contestant, on_delete=models.CASCADE, related_name="+")
    left_wins = models.PositiveIntegerField(default=0)
    right_wins = models.PositiveIntegerField(default=0)
    ties = models.PositiveIntegerField(default=0)
    both_bad = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["category", "language", "left_contestant", "right_contestant"],
                name="paircount_key_unique",
            )
        ]

    def __str__(self) -> str:
        pair = f"{self.left_contestant_id} vs {self.right_contestant_id}"
        return f"{pair} ({self.category}, {self.language})"


class LeaderboardSnapshot(models.Model):
    """A board frozen at a moment: the votes it covered, how it was fitted, and its results.

    ``arena.leaderboards.snapshot_reproduce`` recomputes it from the votes cast up to
    ``votes_until`` with the same rounds and seed, which gives the same numbers.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    category = models.CharField(max_length=200, blank=True)
    language = models.CharField(max_length=16, blank=True)
    rounds = models.PositiveIntegerField()
    seed = models.BigIntegerField()
    votes_until = models.DateTimeField(help_text="Votes cast up to this moment are counted.")
    vote_count = models.PositiveIntegerField()
    results = models.JSONField()
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        scope = " · ".join(part for part in (self.category, self.language) if part) or "all prompts"
        return f"snapshot {self.pk} ({scope}, {self.vote_count} votes)"
