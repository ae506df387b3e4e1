"""The plan makes every prompt servable first, evenly across categories and contestants."""

from collections import Counter

from generation.planning import PlanPrompt, plan_generation

A, B, C, IMPORTED = 1, 2, 3, 9


def prompts(per_category: dict[str, int]) -> list[PlanPrompt]:
    out, next_id = [], 100
    for category, n in per_category.items():
        for _ in range(n):
            out.append(PlanPrompt(id=next_id, category=category))
            next_id += 1
    return out


def test_every_prompt_gets_two_contestants_before_any_gets_a_third():
    ps = prompts({"a": 3, "b": 3})
    plan = plan_generation(prompts=ps, contestants=[A, B, C], counts={}, limit=100)
    first_stage = plan[: 2 * len(ps)]
    per_prompt = Counter(prompt for _, prompt in first_stage)
    assert set(per_prompt.values()) == {2} and len(per_prompt) == len(ps)
    # Then every contestant on every prompt, once: 3 x 6 images in all, no pair twice.
    assert len(plan) == 18 and len(set(plan)) == 18
    # Contestants share the work evenly at every point of the plan.
    for cut in range(1, len(plan) + 1):
        loads = Counter(c for c, _ in plan[:cut])
        assert max(loads.values()) - min(loads.get(c, 0) for c in (A, B, C)) <= 1


def test_a_short_plan_covers_the_categories_round_robin():
    ps = prompts({"animals": 10, "text/en": 10, "text/zh": 2})
    plan = plan_generation(prompts=ps, contestants=[A, B], counts={}, limit=12)
    category = {p.id: p.category for p in ps}
    servable = {prompt for prompt, n in Counter(p for _, p in plan).items() if n >= 2}
    assert Counter(category[p] for p in servable) == {"animals": 2, "text/en": 2, "text/zh": 2}


def test_imported_images_count_towards_a_servable_prompt():
    ps = prompts({"a": 2})
    counts = {(IMPORTED, ps[0].id): 1, (A, ps[1].id): 1, (B, ps[1].id): 1}
    plan = plan_generation(prompts=ps, contestants=[A, B], counts=counts, limit=1)
    assert len(plan) == 1 and plan[0][1] == ps[0].id  # one more image makes prompt 0 servable
    full = plan_generation(prompts=ps, contestants=[A, B], counts=counts, limit=100)
    assert sorted(full) == [(A, ps[0].id), (B, ps[0].id)]  # nothing more without --seeds


def test_more_seeds_come_after_every_pair_has_one_image():
    ps = prompts({"a": 2, "b": 1})
    plan = plan_generation(prompts=ps, contestants=[A, B], counts={}, limit=100, seeds_per_pair=3)
    assert len(plan) == 3 * 2 * 3
    assert Counter(plan) == {(c, p.id): 3 for c in (A, B) for p in ps}
    level_of, seen = [], Counter()
    for pair in plan:
        level_of.append(seen[pair])
        seen[pair] += 1
    assert level_of == sorted(level_of)  # all first images, then all second ones, then third


def test_nothing_to_plan():
    ps = prompts({"a": 2})
    assert plan_generation(prompts=ps, contestants=[], counts={}, limit=10) == []
    assert plan_generation(prompts=ps, contestants=[A, B], counts={}, limit=0) == []
    done = {(c, p.id): 1 for c in (A, B) for p in ps}
    assert plan_generation(prompts=ps, contestants=[A, B], counts=done, limit=10) == []
