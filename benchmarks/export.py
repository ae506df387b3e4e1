"""Peak memory of the preference export as the number of votes grows.

    .venv/bin/python -m benchmarks.export                     # 10k, 100k, 1M votes
    .venv/bin/python -m benchmarks.export --votes 10000,100000

For each size, a fresh SQLite database gets that many votes (raw inserts; 64 small images
reused), then the export runs in a new process whose peak resident memory (ru_maxrss) is read at
the end. The baseline, measured in the same run, is the obvious implementation that collects
every row in a list and writes one table (what a quick script does); it runs up to --naive-max
votes, since it grows with them.
"""

import argparse
import io
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BATTLE_COLUMNS = (
    *("id", "public_id", "rater_id", "prompt_id", "left_image_id", "right_image_id"),
    *("left_contestant_id", "right_contestant_id", "left_token", "right_token", "policy", "status"),
    *("created_at", "expires_at"),
)
VOTE_COLUMNS = (
    *("battle_id", "rater_id", "prompt_id", "choice", "left_contestant_id", "right_contestant_id"),
    *("latency_ms", "server_latency_ms", "created_at"),
)


def _env(var_dir: Path) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARENA_", "DATABASE_"))
    }
    env.update(ARENA_VAR_DIR=str(var_dir), ARENA_DISPLAY_MAX_SIDE="64", DJANGO_LOG_LEVEL="WARNING")
    return env


def _setup_django() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()


def seed(votes: int) -> None:
    """Runs inside Django (subprocess): a suite, 4 contestants, 64 images and ``votes`` votes."""
    _setup_django()
    from django.db import connection, transaction
    from django.utils import timezone
    from PIL import Image as PILImage

    from arena.models import Battle, Contestant, Prompt, PromptSuite, Rater, Vote
    from generation.models import Image
    from generation.services import NewImage, images_add

    rng = random.Random(0)
    suite = PromptSuite.objects.create(name="bench", version="1")
    prompts = Prompt.objects.bulk_create(
        Prompt(
            suite=suite, external_id=f"b{i}", text=f"prompt {i}", language="en", category="bench/x"
        )
        for i in range(16)
    )
    contestants = [Contestant.objects.create(name=f"model-{c}") for c in range(4)]

    def png() -> bytes:
        buffer = io.BytesIO()
        PILImage.new("RGB", (64, 64), tuple(rng.randrange(256) for _ in range(3))).save(
            buffer, "PNG"
        )
        return buffer.getvalue()

    images_add(
        new_images=[
            NewImage(prompt_id=p.pk, contestant_id=c.pk, seed=0, content=png())
            for p in prompts
            for c in contestants
        ]
    )
    by_key = {(i.prompt_id, i.contestant_id): i.pk for i in Image.objects.all()}
    raters = [Rater.objects.create().pk for _ in range(100)]
    now = timezone.now()
    battle_table, vote_table = Battle._meta.db_table, Vote._meta.db_table
    choices = ["left", "right", "tie", "both_bad"]
    chunk = 20_000
    with transaction.atomic(), connection.cursor() as cursor:
        for start in range(0, votes, chunk):
            battles, rows = [], []
            for n in range(start, min(votes, start + chunk)):
                prompt = prompts[n % len(prompts)].pk
                a, b = rng.sample(contestants, 2)
                rater = raters[n % len(raters)]
                battles.append(
                    (
                        n + 1,
                        f"b{n}",
                        rater,
                        prompt,
                        by_key[(prompt, a.pk)],
                        by_key[(prompt, b.pk)],
                        a.pk,
                        b.pk,
                        f"l{n}",
                        f"r{n}",
                        "uniform",
                        "voted",
                        now,
                        now,
                    )
                )
                rows.append(
                    (n + 1, rater, prompt, rng.choice(choices), a.pk, b.pk, 1000, 1000, now)
                )
            cursor.executemany(
                f"INSERT INTO {battle_table} ({', '.join(BATTLE_COLUMNS)}) "
                f"VALUES ({', '.join(['%s'] * len(BATTLE_COLUMNS))})",
                battles,
            )
            cursor.executemany(
                f"INSERT INTO {vote_table} ({', '.join(VOTE_COLUMNS)}) "
                f"VALUES ({', '.join(['%s'] * len(VOTE_COLUMNS))})",
                rows,
            )


def run_export(out: str, mode: str) -> None:
    """Runs inside Django (subprocess): export, then print seconds, rows and peak RSS in MB."""
    _setup_django()
    from arena.export import ExportOptions, ExportSummary, _rows, _schema, export_preferences

    started = time.perf_counter()
    options = ExportOptions(out=Path(out))
    if mode == "stream":
        summary = export_preferences(options)
        rows = sum(summary.rows.values())
    else:  # the baseline: every row in memory, then one table
        import pyarrow as pa
        import pyarrow.parquet as pq

        collected = [row for _, row in _rows(options, ExportSummary())]
        Path(out).mkdir(parents=True, exist_ok=True)
        pq.write_table(
            pa.Table.from_pylist(collected, schema=_schema("pickapic")), Path(out) / "all.parquet"
        )
        rows = len(collected)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{time.perf_counter() - started:.2f} {rows} {peak_mb:.1f}")


def measure(votes: int, modes: list[str]) -> list[tuple[str, int, float, int, float]]:
    results = []
    with tempfile.TemporaryDirectory(prefix="bench-export-") as tmp:
        env = _env(Path(tmp))
        python = sys.executable
        subprocess.run(
            [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
        )
        subprocess.run(
            [python, "-m", "benchmarks.export", "_seed", str(votes)], cwd=ROOT, env=env, check=True
        )
        for mode in modes:
            out = Path(tmp) / f"out-{mode}"
            line = subprocess.run(
                [python, "-m", "benchmarks.export", "_export", str(out), mode],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout.split()[-3:]
            seconds, rows, peak = float(line[0]), int(line[1]), float(line[2])
            results.append((mode, votes, seconds, rows, peak))
            rate = rows / seconds
            print(f"{mode:<10} {votes:>10} {rows:>10} {seconds:>9.1f} {rate:>10.0f} {peak:>12.1f}")
    return results


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        seed(int(sys.argv[2]))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_export":
        run_export(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--votes", default="10000,100000,1000000")
    parser.add_argument(
        "--naive-max", type=int, default=100_000, help="largest size for the baseline"
    )
    args = parser.parse_args()
    print(f"{os.cpu_count()} CPU cores; export of N votes (64x64 PNG images), peak RSS per process")
    print(
        f"{'mode':<10} {'votes':>10} {'rows':>10} {'seconds':>9} {'rows/s':>10} {'peak RSS MB':>12}"
    )
    for votes in (int(n) for n in args.votes.split(",")):
        modes = ["stream"] + (["in-memory"] if votes <= args.naive_max else [])
        measure(votes, modes)


if __name__ == "__main__":
    main()
