"""Preference export: the votes as Parquet shards that preference trainers read as they are.

The default layout is a superset of Pick-a-Pic's columns (``caption``, ``jpg_0``, ``jpg_1``,
``label_0``, ``label_1``, ``model_0``, ``model_1``), so Diffusion-DPO style trainers read it
unchanged; ``trl`` writes ``prompt``/``chosen``/``rejected`` for TRL-style trainers. Every row
also carries what it takes to reproduce and audit it: image ids, seeds, generation settings,
prompt id, category, language, the side each image was shown on, the vote latency and time, the
battle id and a salted hash of the rater.

Rows are written as a stream: votes are read in chunks, turned into record batches and appended
to the current shard, which is closed when it reaches its size; memory stays flat whatever the
number of votes. The result loads with ``datasets.load_dataset("parquet", data_dir=DIR)``.
"""

import hashlib
import hmac
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models import Count, Q
from PIL import Image as PILImage

from arena.models import Vote

LABELS = {
    Vote.Choice.LEFT: (1.0, 0.0),
    Vote.Choice.RIGHT: (0.0, 1.0),
    Vote.Choice.TIE: (0.5, 0.5),
    Vote.Choice.BOTH_BAD: (0.5, 0.5),
}
FORMATS = ("pickapic", "trl")
SPLITS = ("train", "validation")


@dataclass(frozen=True)
class ExportFilters:
    contestants: tuple[str, ...] = ()
    suites: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None
    drop_ties: bool = False
    min_votes_per_rater: int = 0


@dataclass(frozen=True)
class ExportOptions:
    out: Path
    format: str = "pickapic"
    filters: ExportFilters = field(default_factory=ExportFilters)
    validation_fraction: float = 0.0
    split_seed: int = 0
    image_format: str = "png"
    shard_megabytes: int = 256
    row_group_megabytes: int = 64
    batch_rows: int = 256
    salt: str = ""


@dataclass
class ExportSummary:
    rows: Counter = field(default_factory=Counter)
    shards: Counter = field(default_factory=Counter)
    choices: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    categories: Counter = field(default_factory=Counter)
    skipped_identical: int = 0


def filtered_votes(filters: ExportFilters):
    votes = Vote.objects.all()
    if filters.contestants:
        votes = votes.filter(
            left_contestant__name__in=filters.contestants,
            right_contestant__name__in=filters.contestants,
        )
    if filters.suites:
        votes = votes.filter(prompt__suite__name__in=filters.suites)
    if filters.categories:
        condition = Q()
        for category in filters.categories:
            condition |= Q(prompt__category=category) | Q(
                prompt__category__startswith=category + "/"
            )
        votes = votes.filter(condition)
    if filters.languages:
        votes = votes.filter(prompt__language__in=filters.languages)
    if filters.since:
        votes = votes.filter(created_at__gte=filters.since)
    if filters.until:
        votes = votes.filter(created_at__lt=filters.until)
    if filters.drop_ties:
        votes = votes.filter(choice__in=[Vote.Choice.LEFT, Vote.Choice.RIGHT])
    if filters.min_votes_per_rater > 1:
        prolific = (
            Vote.objects.values("rater")
            .annotate(n=Count("pk"))
            .filter(n__gte=filters.min_votes_per_rater)
            .values("rater")
        )
        votes = votes.filter(rater__in=prolific)
    return votes


def split_of(prompt_key: str, *, fraction: float, seed: int) -> str:
    """``validation`` for a seeded, hash-chosen ``fraction`` of prompts; the same prompt always
    lands in the same split, so no prompt is in both."""
    if fraction <= 0:
        return "train"
    digest = hashlib.sha256(f"{seed}:{prompt_key}".encode()).digest()
    return "validation" if int.from_bytes(digest[:8], "big") / 2**64 < fraction else "train"


def rater_hash(rater_id: int, salt: str) -> str:
    key = (salt or settings.SECRET_KEY).encode()
    return hmac.new(key, f"rater:{rater_id}".encode(), hashlib.sha256).hexdigest()[:24]


def _image_bytes(name: str, image_format: str) -> bytes:
    with default_storage.open(name, "rb") as handle:
        data = handle.read()
    if image_format == "png":
        return data  # the master copy is already a metadata-free PNG
    with PILImage.open(io.BytesIO(data)) as image:
        buffer = io.BytesIO()
        image.convert("RGB").save(buffer, format="JPEG", quality=95)
        return buffer.getvalue()


def _settings_columns(prefix: str, image) -> dict:
    s = image.settings or {}
    return {
        f"seed_{prefix}": image.seed,
        f"steps_{prefix}": s.get("steps"),
        f"guidance_{prefix}": _float_or_none(s.get("guidance", s.get("true_cfg_scale"))),
        f"sampler_{prefix}": str(s.get("sampler", s.get("scheduler", "")) or ""),
        f"resolution_{prefix}": f"{image.width}x{image.height}",
        f"settings_{prefix}": json.dumps(s, sort_keys=True),
    }


def _float_or_none(value) -> float | None:
    try:
        return None if value is None else float(value)
    except (TypeError, ValueError):
        return None


def _rows(options: ExportOptions, summary: ExportSummary) -> Iterator[tuple[str, dict]]:
    votes = (
        filtered_votes(options.filters)
        .select_related(
            "battle",
            "battle__left_image",
            "battle__right_image",
            "prompt",
            "prompt__suite",
            "left_contestant",
            "right_contestant",
        )
        .order_by("created_at", "battle_id")
    )
    for vote in votes.iterator(chunk_size=options.batch_rows * 4):
        battle, prompt = vote.battle, vote.prompt
        left, right = battle.left_image, battle.right_image
        if options.format == "trl":
            if vote.choice not in (Vote.Choice.LEFT, Vote.Choice.RIGHT):
                continue
            if left.pixel_sha256 == right.pixel_sha256:
                summary.skipped_identical += 1
                continue
        split = split_of(
            f"{prompt.suite_id}:{prompt.external_id}",
            fraction=options.validation_fraction,
            seed=options.split_seed,
        )
        label_0, label_1 = LABELS[vote.choice]
        common = {
            "prompt_id": prompt.external_id,
            "suite": str(prompt.suite),
            "category": prompt.category,
            "language": prompt.language,
            "vote": vote.choice,
            "latency_ms": vote.latency_ms,
            "created_at": vote.created_at,
            "battle_id": battle.public_id,
            "rater_hash": rater_hash(vote.rater_id, options.salt),
        }
        images = {
            "image_0": _image_bytes(left.file.name, options.image_format),
            "image_1": _image_bytes(right.file.name, options.image_format),
        }
        if options.format == "trl":
            left_won = vote.choice == Vote.Choice.LEFT
            chosen, rejected = (left, right) if left_won else (right, left)
            row = {
                "prompt": prompt.text,
                "chosen": images["image_0" if left_won else "image_1"],
                "rejected": images["image_1" if left_won else "image_0"],
                "chosen_model": (vote.left_contestant if left_won else vote.right_contestant).name,
                "rejected_model": (
                    vote.right_contestant if left_won else vote.left_contestant
                ).name,
                "chosen_image_id": chosen.pk,
                "rejected_image_id": rejected.pk,
                "chosen_side": "left" if left_won else "right",
                **_settings_columns("chosen", chosen),
                **_settings_columns("rejected", rejected),
                **common,
            }
        else:
            row = {
                "caption": prompt.text,
                "jpg_0": images["image_0"],
                "jpg_1": images["image_1"],
                "label_0": label_0,
                "label_1": label_1,
                "model_0": vote.left_contestant.name,
                "model_1": vote.right_contestant.name,
                "image_0_id": left.pk,
                "image_1_id": right.pk,
                "side_0": "left",
                "side_1": "right",
                "are_different": left.pixel_sha256 != right.pixel_sha256,
                "has_label": True,
                **_settings_columns("0", left),
                **_settings_columns("1", right),
                **common,
            }
        summary.choices[vote.choice] += 1
        summary.pairs[tuple(sorted((vote.left_contestant.name, vote.right_contestant.name)))] += 1
        summary.languages[prompt.language] += 1
        summary.categories[prompt.category] += 1
        yield split, row


class _ShardWriter:
    """Writes rows to ``DIR/<split>/NNNNN.parquet`` in bounded memory.

    Rows become record batches (at most ``batch_rows`` rows or 16 MB of image bytes), batches
    become one row group once they hold ``row_group_megabytes`` or 8,192 rows, and a shard is
    closed past ``shard_megabytes`` or 250,000 rows. Row groups are kept few and large because
    Parquet holds every row group's metadata in memory until the file is closed: one small row
    group per batch made memory grow with the number of votes.
    """

    BATCH_IMAGE_BYTES = 16 * 2**20
    ROW_GROUP_ROWS = 8192
    SHARD_ROWS = 250_000

    def __init__(self, out: Path, split: str, schema: pa.Schema, options: "ExportOptions", summary):
        self.folder = out / split
        self.folder.mkdir(parents=True, exist_ok=True)
        self.split, self.schema, self.options, self.summary = split, schema, options, summary
        self.writer: pq.ParquetWriter | None = None
        self.rows: list[dict] = []
        self.row_bytes = 0
        self.batches: list[pa.RecordBatch] = []
        self.buffered_bytes = 0
        self.shard_bytes = 0
        self.shard_rows = 0

    def add(self, row: dict) -> None:
        self.rows.append(row)
        self.row_bytes += sum(len(value) for value in row.values() if isinstance(value, bytes))
        if len(self.rows) >= self.options.batch_rows or self.row_bytes >= self.BATCH_IMAGE_BYTES:
            self._batch()

    def _batch(self) -> None:
        if not self.rows:
            return
        batch = pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
        self.rows, self.row_bytes = [], 0
        self.batches.append(batch)
        self.buffered_bytes += batch.nbytes
        buffered_rows = sum(b.num_rows for b in self.batches)
        if (
            self.buffered_bytes >= self.options.row_group_megabytes * 2**20
            or buffered_rows >= self.ROW_GROUP_ROWS
        ):
            self._row_group()

    def _row_group(self) -> None:
        if not self.batches:
            return
        table = pa.Table.from_batches(self.batches, schema=self.schema)
        self.batches = []
        if self.writer is None:
            path = self.folder / f"{self.summary.shards[self.split]:05d}.parquet"
            self.writer = pq.ParquetWriter(path, self.schema, compression="zstd")
            self.summary.shards[self.split] += 1
        self.writer.write_table(table, row_group_size=table.num_rows)
        self.summary.rows[self.split] += table.num_rows
        self.shard_bytes += self.buffered_bytes
        self.shard_rows += table.num_rows
        self.buffered_bytes = 0
        if (
            self.shard_bytes >= self.options.shard_megabytes * 2**20
            or self.shard_rows >= self.SHARD_ROWS
        ):
            self.close()

    def flush(self) -> None:
        self._batch()
        self._row_group()

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer, self.shard_bytes, self.shard_rows = None, 0, 0


def _settings_fields(suffix: str) -> list[tuple[str, pa.DataType]]:
    return [
        (f"seed_{suffix}", pa.int64()),
        (f"steps_{suffix}", pa.int64()),
        (f"guidance_{suffix}", pa.float64()),
        (f"sampler_{suffix}", pa.string()),
        (f"resolution_{suffix}", pa.string()),
        (f"settings_{suffix}", pa.string()),
    ]


def _schema(export_format: str) -> pa.Schema:
    common = [
        ("prompt_id", pa.string()),
        ("suite", pa.string()),
        ("category", pa.string()),
        ("language", pa.string()),
        ("vote", pa.string()),
        ("latency_ms", pa.int64()),
        ("created_at", pa.timestamp("us", tz="UTC")),
        ("battle_id", pa.string()),
        ("rater_hash", pa.string()),
    ]
    if export_format == "trl":
        fields = [
            ("prompt", pa.string()),
            ("chosen", pa.binary()),
            ("rejected", pa.binary()),
            ("chosen_model", pa.string()),
            ("rejected_model", pa.string()),
            ("chosen_image_id", pa.int64()),
            ("rejected_image_id", pa.int64()),
            ("chosen_side", pa.string()),
            *_settings_fields("chosen"),
            *_settings_fields("rejected"),
            *common,
        ]
    else:
        fields = [
            ("caption", pa.string()),
            ("jpg_0", pa.binary()),
            ("jpg_1", pa.binary()),
            ("label_0", pa.float64()),
            ("label_1", pa.float64()),
            ("model_0", pa.string()),
            ("model_1", pa.string()),
            ("image_0_id", pa.int64()),
            ("image_1_id", pa.int64()),
            ("side_0", pa.string()),
            ("side_1", pa.string()),
            ("are_different", pa.bool_()),
            ("has_label", pa.bool_()),
            *_settings_fields("0"),
            *_settings_fields("1"),
            *common,
        ]
    return pa.schema(fields)


def export_preferences(options: ExportOptions, *, progress=None) -> ExportSummary:
    """Write the filtered votes to ``options.out``; return what was written."""
    if options.format not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, got {options.format!r}")
    options.out.mkdir(parents=True, exist_ok=True)
    summary = ExportSummary()
    schema = _schema(options.format)
    writers = {
        split: _ShardWriter(options.out, split, schema, options, summary) for split in SPLITS
    }
    try:
        for split, row in _rows(options, summary):
            writers[split].add(row)
            if progress is not None:
                progress.update(1)
        for writer in writers.values():
            writer.flush()
    finally:
        for writer in writers.values():
            writer.close()
    for split in SPLITS:
        if not summary.rows[split]:
            folder = options.out / split
            if folder.exists() and not any(folder.iterdir()):
                folder.rmdir()
    (options.out / "README.md").write_text(dataset_card(options, summary), encoding="utf-8")
    return summary


def dataset_card(options: ExportOptions, summary: ExportSummary) -> str:
    total = sum(summary.rows.values())
    lines = [
        "---",
        "configs:",
        "- config_name: default",
        "  data_files:",
        *[
            f"  - split: {split}\n    path: {split}/*.parquet"
            for split in SPLITS
            if summary.rows[split]
        ],
        "---",
        "",
        "# Arena preference export",
        "",
        f"{total} preference rows from the text-to-image arena, format `{options.format}`, "
        f"written {datetime.now().astimezone().isoformat(timespec='seconds')}.",
        "",
        "```python",
        "from datasets import load_dataset",
        f'data = load_dataset("parquet", data_dir="{options.out.name}")',
        "```",
        "",
        "## Splits",
        "",
        "| split | rows | shards |",
        "|---|---|---|",
        *[f"| {s} | {summary.rows[s]} | {summary.shards[s]} |" for s in SPLITS if summary.rows[s]],
        "",
        f"Validation holds a seeded {options.validation_fraction:.0%} of the prompts (seed "
        f"{options.split_seed}); no prompt is in both splits."
        if options.validation_fraction > 0
        else "All rows are in the train split.",
        "",
        "## Votes",
        "",
        "| vote | rows |",
        "|---|---|",
        *[f"| {choice} | {count} |" for choice, count in summary.choices.most_common()],
        "",
        "Labels: 1 for the preferred image, 0 for the other, 0.5 each for a tie or both-bad.",
        *(
            [f"Pairs with two identical images skipped: {summary.skipped_identical}."]
            if summary.skipped_identical
            else []
        ),
        "",
        "## Model pairs",
        "",
        "| model | model | rows |",
        "|---|---|---|",
        *[f"| {a} | {b} | {count} |" for (a, b), count in sorted(summary.pairs.items())],
        "",
        "## Languages and categories",
        "",
        "| language | rows |",
        "|---|---|",
        *[f"| {language} | {count} |" for language, count in summary.languages.most_common()],
        "",
        "| category | rows |",
        "|---|---|",
        *[f"| {category} | {count} |" for category, count in sorted(summary.categories.items())],
        "",
        "## Filters",
        "",
        "```json",
        json.dumps(
            {
                key: (value.isoformat() if isinstance(value, datetime) else value)
                for key, value in options.filters.__dict__.items()
            },
            indent=2,
        ),
        "```",
        "",
        "Image 0 is the image shown on the left, image 1 the one on the right (sides were drawn at "
        "random). Images are lossless PNG re-encoded from their pixels, without metadata. "
        "`rater_hash` is a salted HMAC of the rater's id: votes of one rater share it, and it "
        "cannot be turned back into the rater.",
        "",
    ]
    return "\n".join(lines)
