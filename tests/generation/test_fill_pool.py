"""fill_pool plans evenly, creates jobs once, publishes them on commit, skips the broken."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from arena.models import Contestant
from generation.models import GenerationItem, GenerationJob
from tests.generation.conftest import make_contestant, make_prompts, tiny_spec

pytestmark = pytest.mark.django_db


def fill(*args) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("fill_pool", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_fill_pool_makes_every_prompt_servable_first_then_fills_pairs(
    tmp_path, published, django_capture_on_commit_callbacks
):
    prompts = make_prompts(6, categories=("a/x", "b/y", "c/z"))
    a = make_contestant("gen-a", tiny_spec(tmp_path, batch_size=2, family="sd"))
    b = make_contestant("gen-b", tiny_spec(tmp_path, batch_size=2, family="sd"))
    make_contestant("imported", {}, backend="external")
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = fill("--limit", "6")
    assert "6 images planned in 4 generation jobs" in out
    planned = list(GenerationItem.objects.values_list("contestant_id", "prompt_id", "seed"))
    # Three prompts (one per category) made servable by two contestants each.
    by_prompt = {}
    for contestant, prompt, seed in planned:
        by_prompt.setdefault(prompt, set()).add(contestant)
        assert seed == 0  # the sequential seed policy starts at seed_base 0
    assert len(by_prompt) == 3 and all(v == {a.pk, b.pk} for v in by_prompt.values())
    categories = {p.category for p in prompts if p.pk in by_prompt}
    assert categories == {"a/x", "b/y", "c/z"}
    # Published once committed, one message per job, on the family's queue.
    assert sorted(job for job, _, _ in published) == sorted(
        GenerationJob.objects.values_list("id", flat=True)
    )
    assert {queue for _, _, queue in published} == {"gen.sd"}
    # A second run plans the rest and nothing twice; --seeds 2 adds second images.
    with django_capture_on_commit_callbacks(execute=True):
        fill("--limit", "100")
        assert GenerationItem.objects.count() == 12
        fill("--limit", "100", "--seeds", "2")
    keys = list(GenerationItem.objects.values_list("contestant_id", "prompt_id", "seed"))
    assert len(keys) == len(set(keys)) == 24
    assert {seed for _, _, seed in keys} == {0, 1}
    out, _ = fill("--limit", "100", "--seeds", "2")
    assert "0 images planned in 0 generation jobs" in out


def test_dry_run_creates_nothing(tmp_path):
    make_prompts(2)
    make_contestant("gen-a", tiny_spec(tmp_path))
    make_contestant("gen-b", tiny_spec(tmp_path))
    out, _ = fill("--dry-run")
    assert "4 images planned (dry run: no job created)." in out
    assert not GenerationJob.objects.exists()


def test_specs_files_register_contestants(tmp_path, published, django_capture_on_commit_callbacks):
    make_prompts(2)
    specs = tmp_path / "contestants.toml"
    specs.write_text(
        '[[contestant]]\nname = "flux-dev"\nbackend = "diffusers"\nweights = "w/flux"\n'
        'family = "flux"\n[contestant.sampler]\nsteps = 28\n'
        '[[contestant]]\nname = "sdxl"\nbackend = "diffusers"\nweights = "/w/sdxl"\n'
    )
    with django_capture_on_commit_callbacks(execute=True):
        out, _ = fill("--specs", str(specs), "--limit", "100")
    assert "Added contestant flux-dev." in out
    flux = Contestant.objects.get(name="flux-dev")
    assert flux.backend == "diffusers"
    assert flux.spec["weights"] == str((tmp_path / "w/flux").resolve())
    assert flux.spec["sampler"]["steps"] == 28 and flux.spec["family"] == "flux"
    assert {queue for _, _, queue in published} == {"gen.flux", "gen.default"}
    bad = tmp_path / "bad.toml"
    bad.write_text('name = "x"\nbackend = "diffusers"\nweights = "/w"\nsteps = 3\n')
    with pytest.raises(CommandError, match=r"bad.toml \(contestant 'x'\): steps: unknown field"):
        fill("--specs", str(bad))


def test_broken_contestants_are_skipped_with_the_reason(tmp_path):
    make_prompts(2)
    make_contestant("ok-a", tiny_spec(tmp_path))
    make_contestant("ok-b", tiny_spec(tmp_path))
    make_contestant("typo", {**tiny_spec(tmp_path), "dtype": "fp8"})
    failing = make_contestant("failing", tiny_spec(tmp_path))
    GenerationJob.objects.create(
        contestant=failing, family="default", status="failed", error="weights folder /x missing"
    )
    out, err = fill("--limit", "100")
    assert "Skipped typo: contestant 'typo' (spec in the database): dtype: must be one of" in err
    assert "Skipped failing: its latest job failed (weights folder /x missing)" in err
    assert set(GenerationItem.objects.values_list("contestant__name", flat=True)) == {
        "ok-a",
        "ok-b",
    }
    out, _ = fill("--limit", "100", "--retry-failed")
    assert "1 failed jobs queued again." in out
    assert GenerationItem.objects.filter(contestant=failing).count() == 2
