"""manage.py export_prompts: write a suite back out as JSONL or CSV (load_prompts reads both)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arena.models import PromptSuite
from arena.prompt_files import PromptRecord, write_prompt_file


class Command(BaseCommand):
    help = "Write a prompt suite to a JSONL or CSV file in the format load_prompts reads."

    def add_arguments(self, parser):
        parser.add_argument("--suite", required=True, help="NAME or NAME@VERSION")
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument(
            "--format", choices=["jsonl", "csv"], help="Default: from the extension."
        )

    def handle(self, *args, **options):
        name, _, version = options["suite"].partition("@")
        suites = PromptSuite.objects.filter(name=name, **({"version": version} if version else {}))
        if suites.count() != 1:
            found = ", ".join(str(s) for s in suites) or "none"
            raise CommandError(f"--suite {options['suite']!r} must name one suite (found: {found})")
        suite = suites.get()
        out: Path = options["out"]
        file_format = options["format"] or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
        records = [
            PromptRecord(
                line=0,
                external_id=p.external_id,
                text=p.text,
                language=p.language,
                category=p.category,
                difficulty=p.difficulty,
                tags=list(p.tags),
                expected_text=p.expected_text,
                metadata=dict(p.metadata),
            )
            for p in suite.prompts.order_by("external_id")
        ]
        write_prompt_file(records, out, file_format=file_format)
        self.stdout.write(self.style.SUCCESS(f"Wrote {len(records)} prompts of {suite} to {out}."))
