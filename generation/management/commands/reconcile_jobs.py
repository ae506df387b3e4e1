"""manage.py reconcile_jobs: recover generation jobs that a broker or a worker lost."""

from django.core.management.base import BaseCommand

from generation.jobs import jobs_reconcile


class Command(BaseCommand):
    help = (
        "Queue again the generation jobs whose worker was lost (lease expired), publish again "
        "queued jobs whose message was lost, and fail jobs out of attempts. Safe to run at any "
        "time (e.g. from cron); workers also run it at start and every "
        "GENERATION_RECONCILE_SECONDS."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--republish-queued",
            action="store_true",
            help="Publish every queued job again now (after a broker restart or flush).",
        )

    def handle(self, *args, **options):
        summary = jobs_reconcile(republish_queued=options["republish_queued"])
        self.stdout.write(str(summary))
