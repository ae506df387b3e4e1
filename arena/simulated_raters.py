"""Simulated raters: API clients that judge battles of the synthetic suite like careful people.

Each simulated rater is an ordinary API client (``POST /api/raters``, then next battle, fetch both
images, vote), so the votes go through exactly what the browser uses, and the same code is a load
generator. A rater reads the prompt, looks up its ground truth (the synthetic suite's prompts
carry it), scores both images with the pixel scorer of ``modelhub.synthetic`` and votes by a
Bradley-Terry draw on the difference of the two scores: the better image wins with probability
sigmoid((u_left - u_right) / noise); equal scores give a tie when both images are right and
"both bad" when both are wrong. ``noise`` sets how often raters disagree with the scorer.
"""

import asyncio
import io
import math
import random
import time
from collections import Counter
from dataclasses import dataclass, field

from PIL import Image

SCORING_SIDE = 128  # display copies are upscaled; scoring a smaller copy is as exact and faster


def choose(
    u_left: float, u_right: float, *, both_right: bool, noise: float, rng: random.Random
) -> str:
    """The vote of a rater who sees utilities ``u_left`` and ``u_right`` (see module docstring)."""
    if math.isclose(u_left, u_right):
        return "tie" if both_right else "both_bad"
    p_left = 1 / (1 + math.exp(-(u_left - u_right) / max(noise, 1e-6)))
    return "left" if rng.random() < p_left else "right"


def truth_of(metadata: dict):
    """The ground truth stored with a synthetic prompt (``metadata['truth']`` or top-level keys)."""
    from modelhub.synthetic.scenes import Truth

    data = metadata.get("truth", metadata)
    return Truth.from_dict(data)


@dataclass
class SimulationReport:
    votes: int = 0
    errors: Counter = field(default_factory=Counter)
    choices: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.votes / self.seconds if self.seconds else 0.0


class _RateLimiter:
    """At most ``rate`` votes per second over all raters (0: no limit)."""

    def __init__(self, rate: float):
        self.interval = 1 / rate if rate > 0 else 0.0
        self.next_at = time.monotonic()
        self.lock = asyncio.Lock()

    async def wait(self) -> None:
        if not self.interval:
            return
        async with self.lock:
            now = time.monotonic()
            delay = self.next_at - now
            self.next_at = max(now, self.next_at) + self.interval
        if delay > 0:
            await asyncio.sleep(delay)


async def simulate(
    base_url: str,
    truths: dict[str, object],
    *,
    raters: int,
    votes: int,
    rate: float = 0.0,
    noise: float = 0.5,
    seed: int = 0,
    label: str = "sim",
    progress=None,
) -> SimulationReport:
    """Cast ``votes`` votes in all, split over ``raters`` concurrent simulated raters."""
    import aiohttp

    from modelhub.synthetic.scorer import score, utility

    report = SimulationReport()
    limiter = _RateLimiter(rate)
    remaining = votes
    started = time.monotonic()

    async def fetch_image(session, url: str) -> Image.Image:
        async with session.get(base_url + url) as response:
            response.raise_for_status()
            data = await response.read()
        image = Image.open(io.BytesIO(data)).convert("RGB")
        side = min(SCORING_SIDE, *image.size)
        return image.resize((side, side), Image.Resampling.BOX)

    async def rater(number: int, session) -> None:
        nonlocal remaining
        rng = random.Random(f"{seed}/{number}")
        async with session.post(
            f"{base_url}/api/raters", params={"label": f"{label}-{number:03d}"}
        ) as response:
            token = (await response.json())["token"]
        headers = {"Authorization": f"Bearer {token}"}
        while remaining > 0:
            remaining -= 1
            await limiter.wait()
            began = time.monotonic()
            async with session.post(f"{base_url}/api/battles/next", headers=headers) as response:
                battle = await response.json()
                if response.status != 201:
                    report.errors[battle.get("error", str(response.status))] += 1
                    if response.status == 404:
                        return  # this rater has seen the whole pool
                    continue
            truth = truths.get(battle["prompt"]["text"])
            if truth is None:
                report.errors["prompt without ground truth"] += 1
                async with session.post(
                    f"{base_url}/api/battles/{battle['id']}/skip", headers=headers
                ):
                    pass
                continue
            left, right = await asyncio.gather(
                fetch_image(session, battle["left"]["url"]),
                fetch_image(session, battle["right"]["url"]),
            )
            s_left, s_right = score(left, truth), score(right, truth)
            choice = choose(
                utility(s_left),
                utility(s_right),
                both_right=bool(s_left.correct and s_right.correct),
                noise=noise,
                rng=rng,
            )
            latency = round((time.monotonic() - began) * 1000)
            url = f"{base_url}/api/battles/{battle['id']}/vote"
            async with session.post(
                url, json={"choice": choice, "latency_ms": latency}, headers=headers
            ) as response:
                await response.read()
                if response.status != 200:
                    report.errors[f"vote {response.status}"] += 1
                    continue
            report.votes += 1
            report.choices[choice] += 1
            report.latencies_ms.append((time.monotonic() - began) * 1000)
            if progress is not None:
                progress.update(1)

    connector = aiohttp.TCPConnector(limit=max(4, raters * 2))
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(rater(n, session) for n in range(raters)))
    report.seconds = time.monotonic() - started
    return report
