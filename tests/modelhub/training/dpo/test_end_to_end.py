"""The DPO trainer end to end on an export written by the arena's own exporter."""

import csv
import io
import json
import random
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
import torch
from django.core.management import call_command
from PIL import Image as PILImage
from safetensors.torch import load_file

from arena.models import Contestant, Prompt, PromptSuite, Rater
from arena.pool import pool_changed
from arena.services import battle_serve, vote_cast
from generation.services import NewImage, images_add
from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.training.dpo.trainer import DPOConfig, latest_checkpoint, merge, train
from tests.modelhub.qwen_image.helpers import save_tiny_pipeline

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


def png(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    PILImage.fromarray(array).save(buffer, format="PNG")
    return buffer.getvalue()


def arena_export(out: Path) -> None:
    """Votes where 'sharp' (a red square) always beats 'noisy' (random pixels), and ties."""
    rng = np.random.default_rng(0)
    suite = PromptSuite.objects.create(name="dpo", version="1")
    prompts = [
        Prompt.objects.create(
            suite=suite,
            external_id=f"p{i}",
            text=f"a red square number {i}",
            language="en",
            category="synthetic/single",
        )
        for i in range(10)
    ]
    sharp, noisy = Contestant.objects.create(name="sharp"), Contestant.objects.create(name="noisy")
    square = np.full((32, 32, 3), 255, np.uint8)
    square[8:24, 8:24] = (220, 30, 30)
    images_add(
        new_images=[
            NewImage(
                prompt_id=p.pk,
                contestant_id=c.pk,
                seed=0,
                content=png(
                    square if c == sharp else rng.integers(0, 255, (32, 32, 3), dtype=np.uint8)
                ),
            )
            for p in prompts
            for c in (sharp, noisy)
        ]
    )
    pool_changed()
    choices = random.Random(0)
    for r in range(3):
        rater = Rater.objects.create()
        for n in range(10):
            battle = battle_serve(rater=rater, rng=choices).battle
            if (r + n) % 7 == 0:
                choice = "tie"
            else:
                choice = "left" if battle.left_contestant_id == sharp.pk else "right"
            vote_cast(rater=rater, battle_public_id=battle.public_id, choice=choice)
    call_command(
        "export_preferences",
        "--out",
        str(out),
        "--validation",
        "0.3",
        "--seed",
        "1",
        stdout=StringIO(),
        verbosity=0,
    )


def config(tmp_path, out: str, steps: int, **changes) -> DPOConfig:
    settings = dict(batch_pairs=4, warmup_steps=2, eval_every=3, checkpoint_every=3, lora_rank=4)
    settings.update(lr=1e-3, progress=False)
    settings.update(changes)
    folders = dict(data=tmp_path / "export", base=tmp_path / "base", out=tmp_path / out)
    return DPOConfig(**folders, steps=steps, **settings)


def test_trainer_runs_resumes_and_merges_on_an_arena_export(tmp_path):
    arena_export(tmp_path / "export")
    save_tiny_pipeline(tmp_path / "base")

    # An unbroken run of 6 steps...
    train(config(tmp_path, "whole", 6))
    # ...and one stopped after 3 steps, then resumed to 6, end with the same weights.
    train(config(tmp_path, "split", 3))
    train(config(tmp_path, "split", 6))
    whole = load_file(str(latest_checkpoint(tmp_path / "whole") / "trainable.safetensors"))
    split = load_file(str(latest_checkpoint(tmp_path / "split") / "trainable.safetensors"))
    assert whole.keys() == split.keys() and all(k.count("lora_") for k in whole)
    for key in whole:
        torch.testing.assert_close(whole[key], split[key], rtol=0, atol=1e-6)

    rows = list(csv.DictReader((tmp_path / "split" / "log.csv").open()))
    assert [int(r["step"]) for r in rows] == [1, 2, 3, 4, 5, 6]
    assert rows[2]["heldout_accuracy"] != "" and rows[0]["heldout_accuracy"] == ""
    for r in rows:
        assert 0 <= float(r["implicit_accuracy"]) <= 1 and float(r["grad_norm"]) >= 0
    report = (tmp_path / "whole" / "pairs.json").read_text()
    assert '"tie or both bad"' in report  # the ties were counted, then dropped
    assert list((tmp_path / "whole" / "tensorboard").glob("events.*"))

    merged = merge(tmp_path / "whole")
    pipe = QwenImagePipeline.from_pretrained(merged, dtype=torch.float32)
    image = pipe(
        "a red square", seed=0, width=32, height=32, num_inference_steps=2, output_type="pt"
    )
    assert image.shape == (1, 3, 32, 32) and torch.isfinite(image).all()
    base = QwenImagePipeline.from_pretrained(tmp_path / "base", dtype=torch.float32)
    differs = any(
        not torch.equal(a, b)
        for a, b in zip(
            pipe.transformer.state_dict().values(),
            base.transformer.state_dict().values(),
            strict=True,
        )
    )
    assert differs  # the adapters were folded into the weights


def transformer_weights(folder: Path) -> dict[str, torch.Tensor]:
    return load_file(str(folder / "transformer" / "diffusion_pytorch_model.safetensors"))


def test_keep_best_merges_the_evaluation_with_the_lowest_heldout_loss(tmp_path):
    """With keep="best" the merged model is the one of the lowest held-out loss in log.csv, not
    the last step's; a fresh run in the same folder forgets the previous run's best."""
    arena_export(tmp_path / "export")
    save_tiny_pipeline(tmp_path / "base")
    # A large learning rate makes the held-out loss move a lot from one evaluation to the next.
    changes = dict(eval_every=1, checkpoint_every=2, lr=3e-2, keep="best")
    train(config(tmp_path, "best", 8, **changes))
    rows = list(csv.DictReader((tmp_path / "best" / "log.csv").open()))
    losses = {int(r["step"]): float(r["heldout_loss"]) for r in rows}
    best_step = min(losses, key=losses.get)
    assert best_step != 8, "pick a setting where the last step is not the best"

    merged = merge(tmp_path / "best")
    record = json.loads((merged / "dpo.json").read_text())
    assert (record["kept"], record["step"]) == ("best", best_step)
    assert record["heldout_loss"] == pytest.approx(losses[best_step])

    # The same run stopped at the best step and merged from its last checkpoint is the same model.
    train(config(tmp_path, "upto", best_step, **{**changes, "keep": "last"}))
    reference = merge(tmp_path / "upto")
    assert json.loads((reference / "dpo.json").read_text())["step"] == best_step
    got, want = transformer_weights(merged), transformer_weights(reference)
    for key in want:
        torch.testing.assert_close(got[key], want[key], rtol=0, atol=1e-6)

    # And it is not the last step's model.
    train(config(tmp_path, "last", 8, **{**changes, "keep": "last"}))
    final = transformer_weights(merge(tmp_path / "last"))
    assert any(not torch.allclose(final[k], got[k]) for k in got)
