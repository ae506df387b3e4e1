"""manage.py rebuild_counts: recompute the leaderboards' pair counts from the votes."""

from django.core.management.base import BaseCommand

from arena.counts import pair_counts_rebuild


class Command(BaseCommand):
    help = "Recompute the per-pair vote counts (PairCount) from every vote, atomically."

    def handle(self, *args, **options):
        counted = pair_counts_rebuild()
        self.stdout.write(self.style.SUCCESS(f"Counted {counted} votes."))
