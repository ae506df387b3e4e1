"""manage.py simulate_raters: simulated raters vote through the JSON API (and load it)."""

import asyncio

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from arena.models import Prompt, PromptSuite
from arena.simulated_raters import simulate, truth_of


class Command(BaseCommand):
    help = (
        "Run simulated raters against a running arena: each judges battles of the synthetic "
        "suite with the pixel scorer plus Bradley-Terry noise and votes through the JSON API."
    )

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000", help="The arena to vote in.")
        parser.add_argument(
            "--suite", default="synthetic-5k", help="Suite whose prompts carry ground truth."
        )
        parser.add_argument("--raters", type=int, default=8)
        parser.add_argument("--votes", type=int, default=200, help="Votes in all.")
        parser.add_argument(
            "--rate",
            type=float,
            default=0.0,
            help="Votes per second at most (0: as fast as possible).",
        )
        parser.add_argument(
            "--noise", type=float, default=0.5, help="Bradley-Terry temperature of the raters."
        )
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        suites = PromptSuite.objects.filter(name=options["suite"])
        if not suites.exists():
            raise CommandError(f"No suite {options['suite']!r}: load the synthetic suite first.")
        truths = {}
        for text, metadata in Prompt.objects.filter(suite__in=suites).values_list(
            "text", "metadata"
        ):
            try:
                truths[text] = truth_of(metadata)
            except (KeyError, TypeError, ValueError):
                continue
        if not truths:
            raise CommandError(f"Suite {options['suite']!r} has no prompts with ground truth.")
        with tqdm(
            total=options["votes"], unit="vote", disable=options["verbosity"] == 0
        ) as progress:
            report = asyncio.run(
                simulate(
                    options["url"].rstrip("/"),
                    truths,
                    raters=options["raters"],
                    votes=options["votes"],
                    rate=options["rate"],
                    noise=options["noise"],
                    seed=options["seed"],
                    progress=progress,
                )
            )
        self.stdout.write(
            self.style.SUCCESS(
                f"{report.votes} votes in {report.seconds:.1f} s ({report.rate:.1f}/s): "
                + ", ".join(f"{k} {v}" for k, v in report.choices.most_common())
            )
        )
        if report.errors:
            self.stdout.write(
                "problems: " + ", ".join(f"{k} {v}" for k, v in report.errors.items())
            )
