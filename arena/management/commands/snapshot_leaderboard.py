"""manage.py snapshot_leaderboard: freeze a board, reproducibly."""

from django.core.management.base import BaseCommand

from arena.leaderboards import DEFAULT_ROUNDS, DEFAULT_SEED, BoardFilter, snapshot_create


class Command(BaseCommand):
    help = "Store the leaderboard over every vote so far, with its rounds and seed."

    def add_arguments(self, parser):
        parser.add_argument("--category", default="")
        parser.add_argument("--language", default="")
        parser.add_argument("--rounds", type=int, default=DEFAULT_ROUNDS)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
        parser.add_argument("--note", default="")

    def handle(self, *args, **options):
        snapshot = snapshot_create(
            board_filter=BoardFilter(options["category"].strip("/"), options["language"]),
            rounds=options["rounds"],
            seed=options["seed"],
            note=options["note"],
        )
        self.stdout.write(self.style.SUCCESS(f"Saved {snapshot}."))
        for row in snapshot.results["rows"]:
            self.stdout.write(
                f"{row['rank']:>4}  {row['contestant']:<40} {row['rating']:>8.1f} "
                f"[{row['lower']:.1f}, {row['upper']:.1f}]  {row['votes']} votes"
            )
