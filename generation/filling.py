"""Filling the pool: plan the next images (``planning``), give them seeds, create their jobs.

The caller (``manage.py fill_pool``, in the arena) passes the prompts and contestants as plain
values; this module reads only the pool's own tables (images, planned items, jobs).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db import transaction

from generation.jobs import contestant_spec, jobs_create, jobs_retry
from generation.models import GenerationItem, GenerationJob, Image
from generation.planning import PlanPrompt, plan_generation
from generation.queues import family_for
from modelhub.registry import NON_GENERATING, ContestantSpec, SpecError


@dataclass(frozen=True)
class PlanContestant:
    id: int
    name: str
    backend: str
    spec: dict


@dataclass
class PoolPlan:
    """Images to make, by contestant: (prompt id, seed) in the order they should be made."""

    items: dict[int, list[tuple[int, int]]] = field(default_factory=dict)
    specs: dict[int, ContestantSpec] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)

    @property
    def images(self) -> int:
        return sum(len(items) for items in self.items.values())


@dataclass(frozen=True)
class PoolFill:
    plan: PoolPlan
    jobs: list[GenerationJob]
    retried: list[int]


def pool_plan(
    *,
    prompts: Sequence[PlanPrompt],
    contestants: Sequence[PlanContestant],
    limit: int,
    seeds_per_pair: int = 1,
    retry_failed: bool = False,
) -> PoolPlan:
    """What to generate next for ``contestants`` (active ones) on ``prompts``; writes nothing.

    Contestants whose spec is invalid are skipped with the reason, and so are those whose latest
    job failed (a missing weights folder would fail every new job as well) unless
    ``retry_failed``.
    """
    plan = PoolPlan()
    for contestant in contestants:
        plan.names[contestant.id] = contestant.name
        if contestant.backend in NON_GENERATING:
            continue
        try:
            spec = contestant_spec(
                name=contestant.name, backend=contestant.backend, spec=contestant.spec
            )
        except SpecError as exc:
            plan.skipped[contestant.name] = str(exc)
            continue
        last = GenerationJob.objects.filter(contestant_id=contestant.id).order_by("-id").first()
        if last is not None and last.status == GenerationJob.Status.FAILED and not retry_failed:
            plan.skipped[contestant.name] = (
                f"its latest job failed ({last.error}); fix that, then fill_pool --retry-failed"
            )
            continue
        plan.specs[contestant.id] = spec
    prompt_ids = [prompt.id for prompt in prompts]
    contestant_ids = [contestant.id for contestant in contestants]
    taken = _seeds_taken(prompt_ids, contestant_ids)
    pairs = plan_generation(
        prompts=prompts,
        contestants=list(plan.specs),
        counts={key: len(seeds) for key, seeds in taken.items()},
        limit=limit,
        seeds_per_pair=seeds_per_pair,
    )
    texts = {prompt.id: prompt.text for prompt in prompts}
    for contestant_id, prompt_id in pairs:
        spec = plan.specs[contestant_id]
        seeds = taken[(contestant_id, prompt_id)]
        index = 0
        while (seed := spec.seed(index=index, prompt_text=texts[prompt_id])) in seeds:
            index += 1
        seeds.add(seed)
        plan.items.setdefault(contestant_id, []).append((prompt_id, seed))
    return plan


def pool_fill(
    *,
    prompts: Sequence[PlanPrompt],
    contestants: Sequence[PlanContestant],
    limit: int,
    seeds_per_pair: int = 1,
    retry_failed: bool = False,
) -> PoolFill:
    """Plan (``pool_plan``) and create the jobs, published once committed.

    With ``retry_failed``, the failed jobs of these contestants are queued again first.
    """
    with transaction.atomic():
        retried = []
        if retry_failed:
            failed = GenerationJob.objects.filter(
                contestant_id__in=[c.id for c in contestants], status=GenerationJob.Status.FAILED
            ).values_list("id", flat=True)
            retried = jobs_retry(job_ids=list(failed))
        plan = pool_plan(
            prompts=prompts,
            contestants=contestants,
            limit=limit,
            seeds_per_pair=seeds_per_pair,
            retry_failed=retry_failed,
        )
        jobs: list[GenerationJob] = []
        for contestant_id, items in plan.items.items():
            spec = plan.specs[contestant_id]
            jobs += jobs_create(
                contestant_id=contestant_id,
                family=family_for(spec),
                items=items,
                batch_size=spec.batch_size,
            )
    return PoolFill(plan=plan, jobs=jobs, retried=retried)


def _seeds_taken(
    prompt_ids: Sequence[int], contestant_ids: Sequence[int]
) -> defaultdict[tuple[int, int], set[int]]:
    """Seeds with an image or a planned item, by (contestant, prompt)."""
    taken: defaultdict[tuple[int, int], set[int]] = defaultdict(set)
    for model in (Image, GenerationItem):
        rows = model.objects.filter(
            contestant_id__in=contestant_ids, prompt_id__in=prompt_ids
        ).values_list("contestant_id", "prompt_id", "seed")
        for contestant_id, prompt_id, seed in rows.iterator(chunk_size=10_000):
            taken[(contestant_id, prompt_id)].add(seed)
    return taken
