"""The demo arena of the README's first command: the synthetic suite and the demo lineup, with
images made by the committed checkpoints, served as battles like any other contestants'."""

import pytest
from django.core.management import call_command

from arena.models import Contestant, PromptSuite
from generation.models import GenerationJob, Image
from modelhub.synthetic import suite as synthetic_suite
from modelhub.training.demo import DEMO_DIR, DEMO_LINEUP
from tests.arena.test_votes import api_client, next_battle, vote

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (DEMO_DIR / "final" / "transformer").is_dir(), reason="demo checkpoints not trained"
    ),
]


@pytest.mark.slow
def test_load_demo_makes_battles_between_the_demo_lineup():
    call_command("load_demo", images=8, here=True, verbosity=0)

    names = {c.name for c in DEMO_LINEUP}
    assert set(Contestant.objects.values_list("name", flat=True)) == names
    assert PromptSuite.objects.filter(name=synthetic_suite.SUITE_NAME).exists()
    assert GenerationJob.objects.filter(status=GenerationJob.Status.DONE).count() >= 1
    images = Image.objects.select_related("prompt__suite")
    assert images.count() == 8
    assert {i.prompt.suite.name for i in images} == {synthetic_suite.SUITE_NAME}

    client = api_client()
    battle = next_battle(client)
    assert battle["prompt"]["text"] in set(images.values_list("prompt__text", flat=True))
    revealed = vote(client, battle["id"], "tie").json()
    assert {revealed["left"]["name"], revealed["right"]["name"]} <= names
    assert revealed["left"]["name"] != revealed["right"]["name"]

    # Loading again registers nobody twice.
    call_command("load_demo", images=1, verbosity=0)
    assert Contestant.objects.count() == len(names)


def test_the_dpo_loops_base_samples_are_the_base_with_other_seeds():
    """The loop's on-policy pairs: the same checkpoint and sampler, disjoint noise seeds."""
    from arena.demo import demo_spec
    from arena.management.commands.dpo_loop import (
        BASE_CONTESTANT,
        SAMPLE_SEED_STRIDE,
        base_sample_names,
    )
    from modelhub.registry.spec import spec_from_dict

    names = base_sample_names(4)
    assert len(names) == 3 and BASE_CONTESTANT not in names and len(set(names)) == 3
    base = spec_from_dict(demo_spec(BASE_CONTESTANT, DEMO_DIR / "final", steps=50, guidance=4))
    seeds = {BASE_CONTESTANT: {base.seed(index=i, prompt_text="a red circle") for i in range(8)}}
    for j, name in enumerate(names, start=1):
        spec = spec_from_dict(
            demo_spec(
                name, DEMO_DIR / "final", steps=50, guidance=4, seed_base=j * SAMPLE_SEED_STRIDE
            )
        )
        assert (spec.weights, spec.sampler.steps) == (base.weights, base.sampler.steps)
        assert spec.sampler.true_cfg_scale == base.sampler.true_cfg_scale
        seeds[name] = {spec.seed(index=i, prompt_text="a red circle") for i in range(8)}
    assert sum(len(s) for s in seeds.values()) == len(set().union(*seeds.values())) == 32
    assert base_sample_names(1) == []


def test_demo_contestants_share_a_prompts_noise_and_draw_new_noise_per_prompt():
    """Paired comparisons (one prompt, one noise, every contestant) without making a
    contestant's images share one noise tensor across prompts."""
    from arena.demo import demo_lineup_specs
    from modelhub.registry.spec import spec_from_dict

    specs = [spec_from_dict(spec) for spec in demo_lineup_specs()[0].values()]
    prompts = [f"a red circle number {i}" for i in range(50)]
    first_images = [{spec.seed(index=0, prompt_text=p) for spec in specs} for p in prompts]
    assert all(len(seeds) == 1 for seeds in first_images)
    assert len(set().union(*first_images)) == len(prompts)
    second = {specs[0].seed(index=1, prompt_text=p) for p in prompts}
    assert not second & set().union(*first_images)
