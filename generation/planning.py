"""What to generate next: a pure function of what the pool has, no database.

Battles need a prompt with images from two contestants, so the plan fills the pool in stages:

1. every prompt servable: each prompt gets images from at least ``min_contestants``
   contestants (imported images count), choosing the contestants with the fewest images;
2. every contestant on every prompt: one image of each pair (contestant, prompt);
3. more seeds: a second image of each pair, then a third, up to ``seeds_per_pair``.

Within a stage prompts are taken round-robin across categories (one from each category in
turn), so a partial plan (``limit``) covers every category evenly instead of finishing the
first one; within a prompt, the contestants with the fewest images go first.
"""

from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PlanPrompt:
    id: int
    category: str
    text: str = ""


def plan_generation(
    *,
    prompts: Sequence[PlanPrompt],
    contestants: Sequence[int],
    counts: Mapping[tuple[int, int], int],
    limit: int,
    seeds_per_pair: int = 1,
    min_contestants: int = 2,
) -> list[tuple[int, int]]:
    """The next images to make, in order: one ``(contestant_id, prompt_id)`` per image.

    ``contestants`` are the ones that can generate; ``counts`` holds the images (made or
    planned) of every (contestant, prompt) pair, those of contestants that cannot generate
    included, since their images make prompts servable too.
    """
    have: Counter = Counter({key: n for key, n in counts.items() if n > 0})
    generators = sorted(set(contestants))
    load = Counter({c: 0 for c in generators})
    covered: Counter = Counter()
    for (contestant, prompt), n in have.items():
        covered[prompt] += 1
        if contestant in load:
            load[contestant] += n
    plan: list[tuple[int, int]] = []
    if limit <= 0 or not generators:
        return plan

    def add(contestant: int, prompt: int) -> bool:
        if have[(contestant, prompt)] == 0:
            covered[prompt] += 1
        have[(contestant, prompt)] += 1
        load[contestant] += 1
        plan.append((contestant, prompt))
        return len(plan) >= limit

    def least_loaded(prompt: int, below: int) -> list[int]:
        return sorted(
            (c for c in generators if have[(c, prompt)] <= below), key=lambda c: (load[c], c)
        )

    # Stage 1: every prompt servable.
    for prompt in _round_robin(prompts):
        for contestant in least_loaded(prompt.id, 0)[
            : max(0, min_contestants - covered[prompt.id])
        ]:
            if add(contestant, prompt.id):
                return plan
    # Stages 2 and 3: every pair, then more seeds per pair.
    for level in range(seeds_per_pair):
        for prompt in _round_robin(prompts):
            for contestant in least_loaded(prompt.id, level):
                if have[(contestant, prompt.id)] == level and add(contestant, prompt.id):
                    return plan
    return plan


def _round_robin(prompts: Sequence[PlanPrompt]) -> Iterator[PlanPrompt]:
    """Prompts in turn from each category (categories sorted, prompts in the given order)."""
    by_category: dict[str, list[PlanPrompt]] = defaultdict(list)
    for prompt in prompts:
        by_category[prompt.category].append(prompt)
    queues = [by_category[name] for name in sorted(by_category)]
    for index in range(max((len(q) for q in queues), default=0)):
        for queue in queues:
            if index < len(queue):
                yield queue[index]
