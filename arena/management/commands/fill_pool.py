"""manage.py fill_pool: plan the next images, create their generation jobs, optionally wait.

    manage.py fill_pool --specs contestants.toml --limit 500 --wait

Reads the arena's prompts and contestants and hands them to ``generation.filling``, which plans
(every prompt servable by two contestants first, round-robin across categories, then every
contestant on every prompt, then more seeds), creates jobs and publishes them once committed.
"""

import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction
from tqdm import tqdm

from arena.models import Contestant, Prompt, PromptSuite
from generation.filling import PlanContestant, pool_fill, pool_plan
from generation.jobs import jobs_progress, jobs_reconcile
from generation.models import GenerationJob
from generation.planning import PlanPrompt
from modelhub.registry import SpecError, specs_from_file

RECONCILE_EVERY_SECONDS = 30


class Command(BaseCommand):
    help = (
        "Plan which images to generate next so that battles stay available evenly across "
        "categories and contestants, create the generation jobs, and optionally wait for them."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--specs",
            action="append",
            default=[],
            metavar="FILE",
            help="TOML or YAML contestant specs: create or update these contestants first.",
        )
        parser.add_argument("--suite", help="Only this prompt suite (NAME or NAME@VERSION).")
        parser.add_argument("--category", help="Only prompts under this category path.")
        parser.add_argument(
            "--contestant",
            action="append",
            default=[],
            metavar="NAME",
            help="Only these contestants (repeatable); default: every active one.",
        )
        parser.add_argument(
            "--limit", type=int, default=200, help="At most this many images (default 200)."
        )
        parser.add_argument(
            "--seeds", type=int, default=1, help="Images per contestant and prompt (default 1)."
        )
        parser.add_argument(
            "--retry-failed",
            action="store_true",
            help="Queue failed jobs again and plan for contestants whose latest job failed.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Plan and print; create none.")
        parser.add_argument("--wait", action="store_true", help="Wait until the jobs finish.")
        parser.add_argument(
            "--timeout", type=float, default=0, help="With --wait: give up after SECONDS."
        )

    def handle(self, *args, **options):
        summary = jobs_reconcile()
        if summary:
            self.stdout.write(f"Reconciled first: {summary}.")
        for path in options["specs"]:
            self._register_specs(path)
        prompts = self._prompts(options)
        contestants = self._contestants(options["contestant"])
        if not prompts:
            raise CommandError("No prompts to generate for: load a suite first (load_prompts).")
        arguments = {
            "prompts": prompts,
            "contestants": contestants,
            "limit": options["limit"],
            "seeds_per_pair": options["seeds"],
            "retry_failed": options["retry_failed"],
        }
        if options["dry_run"]:
            plan = pool_plan(**arguments)
            self._report(plan, jobs=None)
            return
        try:
            fill = pool_fill(**arguments)
        except IntegrityError as exc:
            raise CommandError(
                f"Another fill_pool planned some of these images at the same time ({exc}); "
                "run it again."
            ) from exc
        if fill.retried:
            self.stdout.write(f"{len(fill.retried)} failed jobs queued again.")
        self._report(fill.plan, jobs=len(fill.jobs))
        if options["wait"]:
            job_ids = [job.pk for job in fill.jobs] + fill.retried
            self._wait(job_ids, timeout=options["timeout"])

    def _register_specs(self, path: str) -> None:
        try:
            specs = specs_from_file(path)
        except SpecError as exc:
            raise CommandError(str(exc)) from exc
        with transaction.atomic():
            for spec in specs:
                data = spec.to_dict()
                del data["name"], data["backend"]
                _, created = Contestant.objects.update_or_create(
                    name=spec.name, defaults={"backend": spec.backend, "spec": data}
                )
                self.stdout.write(f"{'Added' if created else 'Updated'} contestant {spec.name}.")

    def _prompts(self, options) -> list[PlanPrompt]:
        prompts = Prompt.objects.all()
        if options["suite"]:
            name, _, version = options["suite"].partition("@")
            suites = PromptSuite.objects.filter(name=name)
            if version:
                suites = suites.filter(version=version)
            if not suites.exists():
                raise CommandError(f"No prompt suite {options['suite']!r}.")
            prompts = prompts.filter(suite__in=suites)
        if options["category"]:
            category = options["category"].strip("/")
            prompts = prompts.filter(category__startswith=category)
        rows = prompts.order_by("id").values_list("id", "category", "text")
        return [PlanPrompt(id=pk, category=category, text=text) for pk, category, text in rows]

    def _contestants(self, names: list[str]) -> list[PlanContestant]:
        contestants = Contestant.objects.filter(active=True)
        if names:
            found = set(Contestant.objects.filter(name__in=names).values_list("name", flat=True))
            missing = sorted(set(names) - found)
            if missing:
                raise CommandError(f"No contestant named {', '.join(missing)}.")
            # Only the named ones generate; every active one still counts for coverage.
        rows = contestants.order_by("name").values_list("id", "name", "backend", "spec")
        return [
            PlanContestant(
                id=pk,
                name=name,
                # Contestants not asked for take part as if their images were imported.
                backend=backend if not names or name in names else "external",
                spec=spec,
            )
            for pk, name, backend, spec in rows
        ]

    def _report(self, plan, *, jobs: int | None) -> None:
        for name, reason in sorted(plan.skipped.items()):
            self.stderr.write(self.style.WARNING(f"Skipped {name}: {reason}"))
        for contestant_id, items in plan.items.items():
            self.stdout.write(f"  {plan.names[contestant_id]}: {len(items)} images")
        if jobs is None:
            self.stdout.write(f"{plan.images} images planned (dry run: no job created).")
        else:
            self.stdout.write(
                self.style.SUCCESS(f"{plan.images} images planned in {jobs} generation jobs.")
            )

    def _wait(self, job_ids: list[int], *, timeout: float) -> None:
        if not job_ids:
            return
        started = last_reconcile = time.monotonic()
        progress = jobs_progress(job_ids=job_ids)
        with tqdm(total=progress.items_total, unit="img", file=sys.stderr) as bar:
            while True:
                progress = jobs_progress(job_ids=job_ids)
                bar.n = progress.items_done + progress.items_failed
                bar.set_postfix(failed=progress.items_failed, refresh=False)
                bar.refresh()
                if not progress.unfinished:
                    break
                if timeout and time.monotonic() - started > timeout:
                    raise CommandError(
                        f"Timed out after {timeout:.0f} s with {progress.unfinished} jobs "
                        "unfinished; they go on in the workers (see /generation/)."
                    )
                if time.monotonic() - last_reconcile > RECONCILE_EVERY_SECONDS:
                    jobs_reconcile()
                    last_reconcile = time.monotonic()
                time.sleep(0.5)
        done, failed = progress.items_done, progress.items_failed
        self.stdout.write(f"Finished: {done} images made, {failed} in failed jobs.")
        errors = (
            GenerationJob.objects.filter(pk__in=job_ids, status=GenerationJob.Status.FAILED)
            .values_list("contestant__name", "error")
            .distinct()
        )
        for name, error in errors:
            self.stderr.write(self.style.WARNING(f"Failed ({name}): {error}"))
