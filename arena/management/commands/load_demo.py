"""manage.py load_demo: the demo arena (synthetic suite, tiny Qwen-Image lineup, first images)."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from arena.demo import (
    demo_contestants_register,
    demo_lineup_specs,
    images_generate_here,
    synthetic_suite_load,
)


class Command(BaseCommand):
    help = (
        "Load the synthetic suite, register the demo lineup of the tiny Qwen-Image trained here, "
        "and plan its first images (a running worker generates them; --wait to wait)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--images", type=int, default=400, help="Images to plan now.")
        parser.add_argument("--wait", action="store_true", help="Wait until they are made.")
        parser.add_argument(
            "--here", action="store_true", help="Make them in this process (no worker needed)."
        )

    def handle(self, *args, **options):
        suite = synthetic_suite_load(stdout=self.stdout)
        specs, descriptions = demo_lineup_specs()
        demo_contestants_register(specs, descriptions)
        self.stdout.write(f"Demo lineup: {', '.join(specs)}.")
        if options["here"]:
            made = images_generate_here(suite, list(specs), options["images"])
            self.stdout.write(f"Made {made} images.")
            return
        args = ["--suite", f"{suite.name}@{suite.version}", "--limit", str(options["images"])]
        for name in specs:
            args += ["--contestant", name]
        if options["wait"]:
            args.append("--wait")
        call_command("fill_pool", *args, stdout=self.stdout)
