"""Full rater cycles per second through the JSON API: next battle, then vote.

    .venv/bin/python -m benchmarks.vote_cycle                 # N = 1, 10, 50; both set-ups
    .venv/bin/python -m benchmarks.vote_cycle --clients 50 --setups production

Each set-up gets a fresh database seeded with prompts, contestants and images, is served by its
own server command, and is driven by N concurrent API clients (asyncio + aiohttp, one rater token
each) for a fixed time after a warm-up. A cycle is ``POST /api/battles/next`` followed by
``POST /api/battles/{id}/vote``; its latency is the sum of both requests.

Set-ups, measured in the same run:
- ``production``: PostgreSQL (psycopg pool), gunicorn with uvicorn workers, DEBUG off;
- ``embedded``: the default, one uvicorn process on SQLite (the baseline a laptop pilot gets).

The load generator runs on the same machine as the server, so on 2 cores it takes CPU from it;
the figures are a floor for a server with its own machine.
"""

import argparse
import asyncio
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHOICES = ("left", "right", "tie", "both_bad")


@dataclass
class Result:
    setup: str
    clients: int
    cycles: int
    seconds: float
    latencies_ms: list[float]
    errors: int

    @property
    def rate(self) -> float:
        return self.cycles / self.seconds

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        return statistics.quantiles(self.latencies_ms, n=1000, method="inclusive")[int(q * 10) - 1]


# --- Set-up -------------------------------------------------------------------------------------


def server_env(setup: str, var_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "ARENA_", "DATABASE_"))
    }
    env.update(
        ARENA_VAR_DIR=str(var_dir),
        ARENA_DISPLAY_MAX_SIDE="256",  # seeding speed only; image bytes are not part of a cycle
        DJANGO_LOG_LEVEL="WARNING",
    )
    if setup == "production":
        env.update(
            ARENA_PRODUCTION="1",
            DATABASE_URL=database_url,
            DJANGO_SECRET_KEY="bench-" + "k" * 60,
            DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
            # Plain HTTP on localhost: the proxy that would terminate TLS is not part of this.
            DJANGO_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_HSTS_SECONDS="0",
        )
    return env


def recreate_postgres_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def seed(env: dict[str, str], prompts: int, contestants: int) -> None:
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
    )
    subprocess.run(
        [python, "-m", "benchmarks.vote_cycle", "_seed", str(prompts), str(contestants)],
        cwd=ROOT,
        env=env,
        check=True,
    )


def _seed_here(prompts: int, contestants: int) -> None:
    """Runs inside Django with the set-up's environment (called through a subprocess)."""
    import io

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    from PIL import Image as PILImage

    from arena.models import Contestant, Prompt, PromptSuite
    from generation.services import NewImage, images_add

    suite = PromptSuite.objects.create(name="bench", version="1")
    rows = Prompt.objects.bulk_create(
        Prompt(
            suite=suite,
            external_id=f"b{i}",
            text=f"benchmark prompt {i}",
            language="en",
            category="bench",
        )
        for i in range(prompts)
    )
    models = [Contestant.objects.create(name=f"bench-model-{c}") for c in range(contestants)]
    rng = random.Random(0)

    def png() -> bytes:
        buffer = io.BytesIO()
        PILImage.new("RGB", (32, 32), tuple(rng.randrange(256) for _ in range(3))).save(
            buffer, "PNG"
        )
        return buffer.getvalue()

    images_add(
        new_images=[
            NewImage(prompt_id=p.pk, contestant_id=m.pk, seed=0, content=png())
            for p in rows
            for m in models
        ]
    )


def start_server(setup: str, env: dict[str, str], port: int, workers: int) -> subprocess.Popen:
    bin_dir = Path(sys.executable).parent
    if setup == "production":
        command = [
            str(bin_dir / "gunicorn"),
            "config.asgi:application",
            "-k",
            "uvicorn_worker.UvicornWorker",
            "--workers",
            str(workers),
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ]
    else:
        command = [
            str(bin_dir / "uvicorn"),
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
            "--no-access-log",
        ]
    return subprocess.Popen(command, cwd=ROOT, env=env)


async def wait_until_up(base: str, timeout: float = 60) -> None:
    import aiohttp

    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                async with session.get(base + "/api/openapi.json") as response:
                    if response.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.3)
    raise RuntimeError(f"server at {base} did not come up in {timeout} s")


# --- Load ---------------------------------------------------------------------------------------


async def drive(
    base: str, clients: int, warmup: float, duration: float
) -> tuple[int, list[float], int]:
    import aiohttp

    connector = aiohttp.TCPConnector(limit=clients)
    async with aiohttp.ClientSession(connector=connector) as session:
        tokens = []
        for n in range(clients):
            async with session.post(f"{base}/api/raters?label=bench-{n}") as response:
                tokens.append((await response.json())["token"])
        start = time.monotonic()
        measure_from, stop_at = start + warmup, start + warmup + duration
        latencies: list[float] = []
        errors = 0

        async def client(token: str, rng: random.Random) -> None:
            nonlocal errors
            headers = {"Authorization": f"Bearer {token}"}
            while time.monotonic() < stop_at:
                began = time.monotonic()
                async with session.post(f"{base}/api/battles/next", headers=headers) as response:
                    battle = await response.json()
                    if response.status != 201:
                        errors += 1
                        continue
                url = f"{base}/api/battles/{battle['id']}/vote"
                async with session.post(
                    url, json={"choice": rng.choice(CHOICES)}, headers=headers
                ) as response:
                    await response.read()
                    ok = response.status == 200
                ended = time.monotonic()
                if not ok:
                    errors += 1
                elif measure_from <= began and ended <= stop_at:
                    latencies.append((ended - began) * 1000)

        await asyncio.gather(*(client(token, random.Random(i)) for i, token in enumerate(tokens)))
    return len(latencies), latencies, errors


def run_setup(setup: str, clients_list: list[int], args) -> list[Result]:
    var_dir = Path(tempfile.mkdtemp(prefix=f"bench-{setup}-"))
    results = []
    try:
        for clients in clients_list:
            database_url = args.database_url if setup == "production" else None
            if database_url:
                recreate_postgres_database(database_url)
            else:
                for stale in var_dir.glob("arena.sqlite3*"):
                    stale.unlink()
            env = server_env(setup, var_dir, database_url)
            seed(env, args.prompts, args.contestants)
            server = start_server(setup, env, args.port, args.workers)
            try:
                base = f"http://127.0.0.1:{args.port}"
                asyncio.run(wait_until_up(base))
                cycles, latencies, errors = asyncio.run(
                    drive(base, clients, args.warmup, args.duration)
                )
                results.append(Result(setup, clients, cycles, args.duration, latencies, errors))
                print_row(results[-1], args.workers if setup == "production" else 1)
            finally:
                server.terminate()
                server.wait(timeout=30)
    finally:
        shutil.rmtree(var_dir, ignore_errors=True)
    return results


HEADER = (
    f"{'set-up':<12} {'server':<34} {'N':>4} {'cycles/s':>9} "
    f"{'p50 ms':>8} {'p99 ms':>8} {'errors':>7}"
)


def print_row(result: Result, workers: int) -> None:
    server = (
        f"gunicorn+uvicorn x{workers}, PostgreSQL"
        if result.setup == "production"
        else "uvicorn x1, SQLite"
    )
    print(
        f"{result.setup:<12} {server:<34} {result.clients:>4} {result.rate:>9.1f} "
        f"{result.percentile(50):>8.1f} {result.percentile(99):>8.1f} {result.errors:>7}",
        flush=True,
    )


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        _seed_here(int(sys.argv[2]), int(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--clients", default="1,10,50", help="comma-separated numbers of concurrent clients"
    )
    parser.add_argument("--setups", default="production,embedded")
    parser.add_argument("--duration", type=float, default=20.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (production)")
    parser.add_argument("--prompts", type=int, default=1500)
    parser.add_argument("--contestants", type=int, default=4)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/arena_bench",
        help="dropped and recreated",
    )
    args = parser.parse_args()
    clients_list = [int(n) for n in args.clients.split(",")]
    print(
        f"{os.cpu_count()} CPU cores; {args.prompts} prompts x {args.contestants} contestants; "
        f"{args.duration:.0f} s measured after {args.warmup:.0f} s warm-up per row"
    )
    print(HEADER)
    for setup in args.setups.split(","):
        run_setup(setup, clients_list, args)


if __name__ == "__main__":
    main()
