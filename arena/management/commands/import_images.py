"""manage.py import_images: register images made elsewhere (closed APIs, other clusters)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from arena.file_errors import InputFileError
from arena.imports import images_import, read_manifest
from arena.models import Contestant, PromptSuite


class Command(BaseCommand):
    help = (
        "Register a contestant's images from a folder and a manifest (CSV or JSONL with the "
        "columns file, prompt_id, seed, and optional generation settings). Images are re-encoded "
        "without metadata and stored under random names. All rows are imported or none."
    )

    def add_arguments(self, parser):
        parser.add_argument("manifest", type=Path)
        parser.add_argument("--contestant", required=True, help="Contestant name (a slug).")
        parser.add_argument(
            "--suite", help="Prompt suite as NAME or NAME@VERSION (needed when several exist)."
        )
        parser.add_argument(
            "--folder", type=Path, help="Where the files are (default: the manifest's folder)."
        )
        parser.add_argument(
            "--create-contestant", action="store_true", help="Create the contestant if it is new."
        )
        parser.add_argument("--display-name", default="", help="Display name for a new contestant.")

    def handle(self, *args, **options):
        manifest: Path = options["manifest"]
        folder = options["folder"] or manifest.parent
        contestant = self._contestant(options)
        suite = self._suite(options["suite"])
        try:
            rows = read_manifest(manifest, folder=folder)
            summary = images_import(
                contestant=contestant, suite=suite, rows=rows, path=str(manifest)
            )
        except InputFileError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"{contestant}: {summary.created} images added, "
                f"{summary.already_present} already in the pool"
            )
        )

    def _contestant(self, options) -> Contestant:
        name = options["contestant"]
        if options["create_contestant"]:
            contestant, _ = Contestant.objects.get_or_create(
                name=name, defaults={"display_name": options["display_name"], "backend": "external"}
            )
            return contestant
        try:
            return Contestant.objects.get(name=name)
        except Contestant.DoesNotExist:
            raise CommandError(
                f"No contestant {name!r}. Create it in the admin, or pass --create-contestant."
            ) from None

    def _suite(self, spec: str | None) -> PromptSuite:
        suites = PromptSuite.objects.all()
        if spec:
            name, _, version = spec.partition("@")
            suites = suites.filter(name=name, **({"version": version} if version else {}))
        found = list(suites[:2])
        if len(found) == 1:
            return found[0]
        if not found:
            raise CommandError(
                f"No prompt suite {spec!r}. Load one with manage.py load_prompts."
                if spec
                else "No prompt suite loaded yet. Load one with manage.py load_prompts."
            )
        raise CommandError("Several prompt suites match: name one with --suite NAME@VERSION.")
