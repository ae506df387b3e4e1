"""manage.py runarena: the embedded default in one command.

Migrates the database, loads the default prompt suite into an empty database, registers the demo
arena on a first run (the synthetic suite and the tiny Qwen-Image lineup, see arena/demo.py) and
plans its first images, starts a Celery worker on the broker from the settings (the file-system
broker when nothing else is set), and serves the arena over ASGI with uvicorn until interrupted;
the worker stops with it.
"""

import shutil
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from arena.models import Contestant, PromptSuite
from arena.pool import build_pool_index
from config.celery import filesystem_broker_folders_create


class Command(BaseCommand):
    help = (
        "Set up the embedded default (migrate, default prompts) and serve the arena with a worker."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not start a Celery worker."
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        self._load_default_suite()
        self._load_demo(options["no_worker"])
        worker = None if options["no_worker"] else self._start_worker()
        self._say_what_is_next(options["host"], options["port"])
        try:
            import uvicorn

            uvicorn.run(
                "config.asgi:application",
                host=options["host"],
                port=options["port"],
                log_level="info",
            )
        finally:
            if worker is not None:
                worker.terminate()
                try:
                    worker.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    worker.kill()

    def _load_default_suite(self) -> None:
        if PromptSuite.objects.exists():
            return
        call_command("load_default_suite", stdout=self.stdout)

    def _load_demo(self, no_worker: bool) -> None:
        """On a first run: the demo lineup, and its first images for the worker to make."""
        if Contestant.objects.exists():
            return
        call_command("load_demo", images=400, stdout=self.stdout)
        if not no_worker:
            self.stdout.write("The worker makes the demo images in the background.")

    def _start_worker(self) -> subprocess.Popen:
        filesystem_broker = settings.CELERY_BROKER_URL.startswith("filesystem")
        filesystem_broker_folders_create()
        celery = shutil.which("celery", path=str(Path(sys.executable).parent)) or "celery"
        command = [celery, "-A", "config", "worker", "--loglevel=INFO", "--concurrency=1"]
        if filesystem_broker:
            # One process, no fork: the embedded worker may load torch models.
            command.append("--pool=solo")
        self.stdout.write("Starting a Celery worker: " + " ".join(command[1:]))
        return subprocess.Popen(command, cwd=settings.BASE_DIR)

    def _say_what_is_next(self, host: str, port: int) -> None:
        pool = build_pool_index()
        self.stdout.write(self.style.SUCCESS(f"The arena is at http://{host}:{port}/"))
        self.stdout.write(
            f"  admin: http://{host}:{port}/admin/ (create an account: manage.py createsuperuser)"
        )
        if not pool.battle_prompts:
            self.stdout.write(
                "  The image pool is empty, so there are no battles yet.\n"
                "  Import images made elsewhere:\n"
                "    manage.py import_images MANIFEST --contestant NAME --create-contestant\n"
                "  (a CSV or JSONL manifest with the columns file, prompt_id, seed;\n"
                "  see the README)."
            )
        else:
            self.stdout.write(
                f"  {len(pool.battle_prompts)} prompts have images from two or more contestants."
            )
