"""manage.py export_preferences --out DIR: the votes as Parquet preference pairs for trainers."""

from datetime import datetime
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from tqdm import tqdm

from arena.export import FORMATS, ExportFilters, ExportOptions, export_preferences, filtered_votes


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(item.strip() for item in (value or "").split(",") if item.strip())


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise CommandError(f"not an ISO date or time: {value!r} (e.g. 2026-11-01)") from None
    return parsed if parsed.tzinfo else timezone.make_aware(parsed)


class Command(BaseCommand):
    help = (
        "Write the votes as Parquet shards (Pick-a-Pic columns plus provenance, or TRL's "
        "prompt/chosen/rejected) with a dataset card; loadable with "
        "datasets.load_dataset('parquet', data_dir=DIR)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--format", choices=FORMATS, default="pickapic")
        parser.add_argument(
            "--contestants", help="Only battles between these (comma-separated names)."
        )
        parser.add_argument(
            "--suites", help="Only prompts of these suites (comma-separated names)."
        )
        parser.add_argument(
            "--categories", help="Category paths or their prefixes, comma-separated."
        )
        parser.add_argument("--languages", help="e.g. en,zh")
        parser.add_argument("--since", help="Votes at or after this ISO date/time.")
        parser.add_argument("--until", help="Votes before this ISO date/time.")
        parser.add_argument("--drop-ties", action="store_true", help="Leave out ties and both-bad.")
        parser.add_argument("--min-votes-per-rater", type=int, default=0)
        parser.add_argument(
            "--validation",
            type=float,
            default=0.0,
            help="Share of prompts in the validation split.",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="Seed of the train/validation split."
        )
        parser.add_argument("--image-format", choices=["png", "jpeg"], default="png")
        parser.add_argument(
            "--shard-mb", type=int, default=256, help="Start a new shard past this size."
        )
        parser.add_argument(
            "--salt", default="", help="Salt of the rater hash (default: the secret key)."
        )

    def handle(self, *args, **options):
        if not 0 <= options["validation"] < 1:
            raise CommandError("--validation must be in [0, 1)")
        out: Path = options["out"]
        if out.exists() and any(out.glob("*/*.parquet")):
            raise CommandError(f"{out} already holds an export; choose an empty folder.")
        filters = ExportFilters(
            contestants=_csv(options["contestants"]),
            suites=_csv(options["suites"]),
            categories=_csv(options["categories"]),
            languages=_csv(options["languages"]),
            since=_date(options["since"]),
            until=_date(options["until"]),
            drop_ties=options["drop_ties"],
            min_votes_per_rater=options["min_votes_per_rater"],
        )
        export_options = ExportOptions(
            out=out,
            format=options["format"],
            filters=filters,
            validation_fraction=options["validation"],
            split_seed=options["seed"],
            image_format=options["image_format"],
            shard_megabytes=options["shard_mb"],
            salt=options["salt"],
        )
        total = filtered_votes(filters).count()
        with tqdm(total=total, unit="vote", disable=options["verbosity"] == 0) as progress:
            summary = export_preferences(export_options, progress=progress)
        rows = ", ".join(f"{split} {count}" for split, count in summary.rows.items()) or "no rows"
        self.stdout.write(self.style.SUCCESS(f"Wrote {rows} to {out} (see {out / 'README.md'})."))
