"""Simulated raters vote through the JSON API and prefer images that follow their prompts."""

import io
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from PIL import Image as PILImage

from arena.models import Contestant, Prompt, PromptSuite, Vote
from arena.simulated_raters import choose
from generation.services import NewImage, images_add
from modelhub.synthetic.render import render
from modelhub.synthetic.scenes import sample_scene

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]


def png(array) -> bytes:
    buffer = io.BytesIO()
    PILImage.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def synthetic_arena(prompts: int = 12) -> tuple[Contestant, Contestant]:
    rng = random.Random(0)
    suite = PromptSuite.objects.create(name="synthetic-test", version="1")
    faithful = Contestant.objects.create(name="faithful")
    confused = Contestant.objects.create(name="confused")
    new = []
    for i in range(prompts):
        scene = sample_scene(rng)
        other = sample_scene(rng)
        while other.truth == scene.truth:
            other = sample_scene(rng)
        prompt = Prompt.objects.create(
            suite=suite,
            external_id=f"s{i}",
            text=scene.caption,
            language="en",
            category=f"synthetic/{scene.truth.kind}",
            metadata={"truth": scene.truth.to_dict()},
        )
        new.append(
            NewImage(
                prompt_id=prompt.pk,
                contestant_id=faithful.pk,
                seed=0,
                content=png(render(scene, 64)),
            )
        )
        new.append(
            NewImage(
                prompt_id=prompt.pk,
                contestant_id=confused.pk,
                seed=0,
                content=png(render(other, 64)),
            )
        )
    images_add(new_images=new)
    return faithful, confused


def test_simulated_raters_vote_through_the_api_for_the_image_that_follows_the_prompt(live_server):
    faithful, _ = synthetic_arena()
    # The test database of SQLite is an in-memory one shared between threads, which locks tables
    # instead of waiting: concurrent raters only on PostgreSQL.
    raters = 3 if connection.vendor == "postgresql" else 1
    out = StringIO()
    call_command(
        "simulate_raters",
        "--url", live_server.url, "--suite", "synthetic-test",
        "--raters", str(raters), "--votes", "12", "--noise", "0.3", "--seed", "1",
        stdout=out, verbosity=0,
    )  # fmt: skip
    votes = list(Vote.objects.select_related("rater"))
    assert len(votes) == 12 and "12 votes" in out.getvalue()
    assert {v.rater.label for v in votes} <= {"sim-000", "sim-001", "sim-002"}
    decisive = [v for v in votes if v.winner_id is not None]
    assert len(decisive) >= 10
    assert sum(v.winner_id == faithful.pk for v in decisive) / len(decisive) >= 0.8


def test_choice_follows_the_bradley_terry_draw():
    rng = random.Random(0)
    draws = [choose(3.0, 1.0, both_right=False, noise=1.0, rng=rng) for _ in range(4000)]
    # P(left) = 1 / (1 + e^-2) = 0.881
    assert draws.count("left") / 4000 == pytest.approx(0.881, abs=0.02)
    assert choose(2.0, 2.0, both_right=True, noise=1.0, rng=rng) == "tie"
    assert choose(0.5, 0.5, both_right=False, noise=1.0, rng=rng) == "both_bad"
