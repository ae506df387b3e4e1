"""Producer and consumer as separate processes; resuming gives the uninterrupted run exactly."""

import csv
import shutil
import subprocess
import sys

import pytest
import torch

from modelhub.training import cache
from modelhub.training.pretrain import (
    PretrainConfig,
    batch_picks,
    channel_weights,
    drop_captions,
    flow_matching_loss,
    train,
)
from modelhub.training.produce import encode_captions, text_pipeline

BUCKETS = "32:2,64:2"
STAGES = "32:6,64:6"


def _losses(out):
    with (out / "loss.csv").open() as fh:
        return {int(row["step"]): float(row["loss"]) for row in csv.DictReader(fh)}


@pytest.fixture(scope="module")
def trained(tmp_path_factory, components_dir, tiny_model_json):
    """A 12-step run from scratch: producer and consumer started together as processes."""
    root = tmp_path_factory.mktemp("run")
    produce = [
        sys.executable, "-m", "modelhub.training.produce", "--cache", str(root / "cache"),
        "--components", str(components_dir), "--buckets", BUCKETS, "--shard-size", "32",
        "--no-progress",
    ]  # fmt: skip
    pretrain = [
        sys.executable, "-m", "modelhub.training.pretrain", "--cache", str(root / "cache"),
        "--out", str(root / "full"), "--stages", STAGES, "--batch-size", "8",
        "--save-every", "4", "--snapshots", "8", "--model", tiny_model_json,
        "--threads", "1", "--no-progress",
    ]  # fmt: skip
    producer = subprocess.Popen(produce)
    consumer = subprocess.run(pretrain, timeout=300)
    assert producer.wait(timeout=300) == 0
    assert consumer.returncode == 0
    return root


def test_producer_fills_every_bucket(trained):
    for resolution, latent in ((32, 8), (64, 16)):
        for index in range(2):
            shard = cache.read_shard(cache.shard_path(trained / "cache", resolution, index))
            assert shard.latents.shape == (32, 16, latent, latent)
            assert len(shard.captions) == 32 and shard.text.shape[0] == 32
    assert (trained / "cache" / cache.UNCOND).exists()


def test_consumer_trains_both_stages_and_saves(trained):
    out = trained / "full"
    losses = _losses(out)
    assert sorted(losses) == list(range(12))
    assert all(0 < v < 10 for v in losses.values())
    with (out / "loss.csv").open() as fh:
        resolutions = [int(row["resolution"]) for row in csv.DictReader(fh)]
    assert resolutions == [32] * 6 + [64] * 6
    assert sorted(p.name for p in (out / "checkpoints").iterdir()) == [
        "step-000008.safetensors",
        "step-000012.safetensors",
    ]
    assert (out / "ema" / "step-000008" / "config.json").exists()
    assert (out / "ema" / "final" / "config.json").exists()


def test_resume_repeats_the_uninterrupted_run(trained, tiny_model_json):
    """Resume at step 8: the same losses for steps 8-11 and the same final weights."""
    out = trained / "resumed"
    shutil.copytree(trained / "full", out)
    (out / "checkpoints" / "step-000012.safetensors").unlink()
    shutil.rmtree(out / "ema")
    cfg = PretrainConfig(
        cache=str(trained / "cache"), out=str(out), stages=STAGES, batch_size=8, save_every=4,
        model=tiny_model_json, threads=1, resume=True, progress=False,
    )  # fmt: skip
    train(cfg)
    full, resumed = _losses(trained / "full"), _losses(out)
    assert sorted(resumed) == list(range(12))
    for step in range(8, 12):
        assert resumed[step] == pytest.approx(full[step], abs=1e-5)
    from safetensors.torch import load_file

    a = load_file(str(trained / "full" / "checkpoints" / "step-000012.safetensors"))
    b = load_file(str(out / "checkpoints" / "step-000012.safetensors"))
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=1e-5, msg=key)


def test_batches_depend_on_the_step_only():
    cfg = PretrainConfig(batch_size=16, steps_per_new_shard=4)
    assert batch_picks(10, 10, 8, 100, cfg) == batch_picks(10, 10, 8, 100, cfg)
    assert {s for s, _ in batch_picks(0, 0, 8, 100, cfg)} == {0}  # only the first shard yet
    assert max(s for s, _ in batch_picks(500, 500, 8, 100, cfg)) < 8


def test_caption_dropout_uses_the_empty_prompt():
    text = torch.ones(3, 5, 4)
    lengths = torch.tensor([5, 3, 4])
    uncond = torch.full((2, 4), 7.0)
    out, out_lengths = drop_captions(text, lengths, uncond, torch.tensor([False, True, False]))
    assert out_lengths.tolist() == [5, 2, 4]
    assert torch.equal(out[1, :2], uncond) and not out[1, 2:].any()
    assert torch.equal(out[0], text[0])


def test_batched_caption_features_equal_single_prompt_features(components):
    pipe = text_pipeline(components)
    captions = ["a red circle", "three blue stars on a plain background", " "]
    batched = encode_captions(pipe, captions)
    for caption, features in zip(captions, batched, strict=True):
        (alone,) = encode_captions(pipe, [caption])
        torch.testing.assert_close(features, alone, rtol=1e-4, atol=1e-5)
        embeds, _ = pipe.encode_prompt([caption], max_sequence_length=64)
        torch.testing.assert_close(alone, embeds[0].float())


def _deadline_settings(trained, out, tiny_model_json, **overrides) -> dict:
    """A tiny consumer on the shared cache with a deadline an hour away, re-fitting every 4
    steps of its last stage."""
    import time

    return dict(
        cache=str(trained / "cache"), out=str(out), batch_size=8, save_every=100, warmup=2,
        model=tiny_model_json, threads=1, progress=False, replan_every=4,
        finish_by=time.time() + 3600, **overrides,
    )  # fmt: skip


def test_a_deadline_refits_the_last_stage_and_resume_keeps_it(trained, tiny_model_json):
    """With post-training's reserve larger than any deadline allows, the first re-fit (4 steps
    into the last stage) ends training at the next step; the cosine follows the new length."""
    import json

    from modelhub.training.pretrain import lr_at

    out = trained / "deadline"
    settings = _deadline_settings(
        trained, out, tiny_model_json, reserve_steps=1e9,
        velocity_norm=1.0,  # the weighted loss, on the cache's first shards (as train_demo runs)
    )  # fmt: skip
    train(PretrainConfig(stages="32:2,64:40", **settings))
    with (out / "loss.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["step"]) for r in rows] == list(range(7))  # 2 + 4, then one more
    refits = (out / "refits.csv").read_text().splitlines()
    assert refits[0] == "step,seconds_per_step,seconds_left,stages"
    assert len(refits) == 2 and refits[1].startswith("6,") and refits[1].endswith(",32:2,64:5")
    assert json.loads((out / "config.json").read_text())["stages"] == "32:2,64:5"
    as_cut = PretrainConfig(stages="32:2,64:5", warmup=2)
    assert float(rows[6]["lr"]) == pytest.approx(lr_at(6, as_cut), rel=1e-3)
    assert lr_at(6, as_cut) < lr_at(6, PretrainConfig(stages="32:2,64:40", warmup=2))

    # --resume adopts the re-fitted schedule saved with the checkpoint: nothing is left to do
    train(PretrainConfig(stages="32:2,64:40", **{**settings, "resume": True, "finish_by": 0}))
    with (out / "loss.csv").open() as fh:
        assert len(list(csv.DictReader(fh))) == 7


def test_a_refit_lengthens_a_cut_last_stage_up_to_the_recipe(trained, tiny_model_json):
    """A plan cut the last stage to 6 steps, the recipe has 12: with time to spare the first
    re-fit gives it the recipe's 12 (train_demo passes them as max_last_steps), never more."""

    out = trained / "lengthened"
    settings = _deadline_settings(trained, out, tiny_model_json, max_last_steps=12)
    train(PretrainConfig(stages="32:2,64:6", **settings))
    with (out / "loss.csv").open() as fh:
        assert [int(r["step"]) for r in csv.DictReader(fh)] == list(range(14))
    refits = (out / "refits.csv").read_text().splitlines()[1:]
    assert refits[0].startswith("6,") and refits[0].endswith(",32:2,64:12")


def test_channel_weights_follow_each_channels_variance():
    g = torch.Generator().manual_seed(0)
    scales = torch.tensor([3.0, 1.0, 0.5, 0.1])
    x0 = torch.randn(64, 4, 8, 8, generator=g) * scales.view(1, -1, 1, 1)
    raw = [(1 + x0[:, c].flatten().var().item()) ** -1.0 for c in range(4)]
    expected = torch.tensor([w / (sum(raw) / 4) for w in raw])
    torch.testing.assert_close(channel_weights(x0, 1.0), expected, rtol=1e-4, atol=1e-6)
    assert channel_weights(x0, 1.0)[0] < 0.5 < 1 < channel_weights(x0, 1.0)[3]
    torch.testing.assert_close(channel_weights(x0, 0.0), torch.ones(4))


class _Zero(torch.nn.Module):
    """Predicts zero velocity, so the loss is the (weighted) mean square of the target."""

    def forward(self, hidden_states, *args):
        return torch.zeros_like(hidden_states[..., :64])


def test_the_weighted_loss_is_each_channels_mean_square_weighted():
    cfg = PretrainConfig()
    x0 = torch.randn(8, 16, 4, 4, generator=torch.Generator().manual_seed(1))
    text, lengths = torch.zeros(8, 3, 32), torch.full((8,), 3)
    weights = torch.linspace(0.2, 1.8, 16)

    def loss(w):
        generator = torch.Generator().manual_seed(5)
        return flow_matching_loss(_Zero(), x0, text, lengths, generator, cfg, w)

    # the target as the loss draws it: t first, then the noise, from the same generator
    g = torch.Generator().manual_seed(5)
    torch.randn(8, generator=g)
    target = torch.randn(x0.shape, generator=g) - x0
    per_channel = target.pow(2).mean(dim=(0, 2, 3))
    assert loss(weights).item() == pytest.approx((weights * per_channel).mean().item(), rel=1e-5)
    assert loss(None).item() == pytest.approx(per_channel.mean().item(), rel=1e-5)
    assert loss(torch.ones(16)).item() == pytest.approx(loss(None).item(), rel=1e-6)


def test_shards_hold_the_token_labels_of_their_scenes(trained):
    """Shard i is a pure function of (seed, resolution, i): its scenes can be drawn again."""
    import random

    from modelhub.synthetic.scenes import sample_scene
    from modelhub.training.token_labels import token_labels

    shard = cache.read_shard(cache.shard_path(trained / "cache", 64, 1))
    rng = random.Random("produce/0/64/1")
    scenes = [sample_scene(rng, "train") for _ in range(32)]
    assert [s.caption for s in scenes] == shard.captions
    assert shard.colour_labels.shape == shard.shape_labels.shape == (32, 64)
    for row, scene in enumerate(scenes):
        colour, shape = token_labels(scene, 64)
        assert shard.colour_labels[row].tolist() == colour.tolist()
        assert shard.shape_labels[row].tolist() == shape.tolist()
    picks = [(1, 3), (0, 5)]
    colours, _ = cache.LatentCache(trained / "cache").labels(64, picks)
    assert colours[0].tolist() == shard.colour_labels[3].tolist()


def test_the_auxiliary_loss_trains_a_head_that_resume_restores(trained, tiny_model_json):
    """The head is trained with the model, saved and restored with it, and left out of the
    exported transformer; the flow-matching part of the loss is unchanged."""
    from safetensors.torch import load_file

    settings = dict(
        cache=str(trained / "cache"), stages=STAGES, batch_size=8, save_every=4,
        model=tiny_model_json, threads=1, progress=False, aux_weight=0.5, aux_block=0,
    )  # fmt: skip
    full, resumed = trained / "aux-full", trained / "aux-resumed"
    train(PretrainConfig(out=str(full), **settings))
    shutil.copytree(full, resumed)
    (resumed / "checkpoints" / "step-000012.safetensors").unlink()
    shutil.rmtree(resumed / "ema")
    train(PretrainConfig(out=str(resumed), resume=True, **settings))

    with (full / "loss.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    with (resumed / "loss.csv").open() as fh:
        again = list(csv.DictReader(fh))
    aux_losses = [float(r["aux_loss"]) for r in rows]
    assert all(0 < v < 5 for v in aux_losses)
    for step in range(8, 12):
        assert float(again[step]["aux_loss"]) == pytest.approx(aux_losses[step], abs=1e-5)
        assert float(again[step]["loss"]) == pytest.approx(float(rows[step]["loss"]), abs=1e-5)
    # step 0: the same initial model and batch as the plain run, so the same flow loss
    assert float(rows[0]["loss"]) == pytest.approx(_losses(trained / "full")[0], abs=1e-6)

    a = load_file(str(full / "checkpoints" / "step-000012.safetensors"))
    b = load_file(str(resumed / "checkpoints" / "step-000012.safetensors"))
    assert any(k.startswith("aux/") for k in a) and any(k.startswith("optim/aux.") for k in a)
    assert a.keys() == b.keys()
    for key in a:
        torch.testing.assert_close(a[key], b[key], rtol=0, atol=1e-5, msg=key)
    plain = load_file(
        str(trained / "full" / "ema" / "final" / "diffusion_pytorch_model.safetensors")
    )
    tuned = load_file(str(full / "ema" / "final" / "diffusion_pytorch_model.safetensors"))
    assert plain.keys() == tuned.keys()  # the head is not exported
    block = "transformer_blocks.0.attn.to_q.weight"
    assert not torch.allclose(plain[block], tuned[block])  # its gradient reached the block
