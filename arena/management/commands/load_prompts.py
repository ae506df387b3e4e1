"""manage.py load_prompts FILE: load a prompt suite, all rows or none."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.text import slugify

from arena.file_errors import InputFileError
from arena.imports import prompts_import
from arena.prompt_formats import FORMATS, parse_assignments, read_prompt_file


class Command(BaseCommand):
    help = (
        "Load prompts from our JSONL/CSV (text, language, category, and optional id, difficulty, "
        "tags, expected_text), a public benchmark's file (--format partiprompts, drawbench, "
        "geneval, dpg) or plain text (one prompt a line). Every row is validated first; a file "
        "with any bad row is reported by line and field and nothing of it is imported."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--suite", help="Suite name (default: the file name without extension)."
        )
        parser.add_argument("--suite-version", dest="suite_version", default="1", help="Default 1.")
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="Default: from the extension."
        )
        parser.add_argument(
            "--map",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help="Read our FIELD from the file's COLUMN (csv, jsonl), e.g. --map text=prompt.",
        )
        parser.add_argument(
            "--set",
            action="append",
            default=[],
            metavar="FIELD=VALUE",
            help="Value for rows without FIELD, e.g. --set language=en --set category=a/b",
        )
        parser.add_argument("--description", default="")
        parser.add_argument("--source", default="", help="Where the prompts come from.")

    def handle(self, *args, **options):
        path: Path = options["file"]
        suite_name = options["suite"] or slugify(path.name.split(".")[0])
        try:
            mapping = parse_assignments(options["map"], option="--map")
            defaults = parse_assignments(options["set"], option="--set")
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if "tags" in defaults:
            defaults["tags"] = [tag for tag in defaults["tags"].split(";") if tag]
        try:
            records = read_prompt_file(
                path, file_format=options["format"], mapping=mapping, defaults=defaults
            )
            summary = prompts_import(
                suite_name=suite_name,
                version=options["suite_version"],
                records=records,
                path=str(path),
                description=options["description"],
                source=options["source"] or path.name,
            )
        except InputFileError as exc:
            raise CommandError(str(exc)) from exc
        total = sum(summary.categories.values())
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.suite}: {summary.created} prompts added, "
                f"{summary.unchanged} already there ({total} in the file)"
            )
        )
        languages = ", ".join(
            f"{language} {count} ({100 * count / total:.1f}%)"
            for language, count in summary.languages.most_common()
        )
        self.stdout.write(f"languages: {languages}")
        self.stdout.write(f"{'category':<44} {'prompts':>7} {'share':>7}")
        for category, count in sorted(summary.categories.items()):
            self.stdout.write(f"{category:<44} {count:>7} {100 * count / total:>6.1f}%")
