"""Scorer-ranked DPO pairs: who wins, what is written, and that the trainer reads it."""

import io
from pathlib import Path

import numpy as np
import pyarrow.parquet as pq
import pytest
from PIL import Image

from modelhub.synthetic.render import render
from modelhub.synthetic.scenes import in_training
from modelhub.synthetic.scorer import score, utility
from modelhub.training.dpo.data import read_pairs
from modelhub.training.reward_dpo import ranked_pairs, training_prompts, write_pairs


def test_ranked_pairs_put_the_better_image_first_and_skip_equal_ones():
    assert ranked_pairs([1.0, 3.0, 1.0, 0.5]) == [(1, 0), (0, 3), (1, 2), (1, 3), (2, 3)]
    assert ranked_pairs([2.0, 2.0]) == []


def test_training_prompts_come_from_the_training_distribution_only():
    scenes = training_prompts(500, seed=3)
    assert all(in_training(scene.truth) for scene in scenes)
    assert {scene.truth.kind for scene in scenes} == {"single", "count", "relation"}
    assert [s.caption for s in training_prompts(20, seed=3)] == [s.caption for s in scenes[:20]]
    assert [s.caption for s in training_prompts(20, seed=4)] != [s.caption for s in scenes[:20]]


def _decoded(data: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(data)).convert("RGB"))


def test_pairs_prefer_the_image_that_follows_the_prompt(tmp_path):
    scenes = training_prompts(6, seed=0)
    blank = np.full((64, 64, 3), 128, np.uint8)
    # Per prompt: its own render (right), a blank (nothing found), and a render of the next
    # prompt (usually wrong for this one): the scorer orders them, ties make no pair.
    images = [
        [render(scene, 64), blank, render(scenes[(i + 1) % len(scenes)], 64)]
        for i, scene in enumerate(scenes)
    ]
    counts = write_pairs(scenes, images, tmp_path)
    table = pq.read_table(tmp_path / "train").to_pylist()
    assert counts["pairs"] == len(table) and counts["images"] == 18
    verdicts = [[score(im, s.truth) for im in ims] for s, ims in zip(scenes, images, strict=True)]
    assert counts["correct"] == sum(v.correct for row in verdicts for v in row)
    for row in table:
        scene = scenes[int(row["prompt_id"][1:])]
        assert row["prompt"] == scene.caption
        chosen, rejected = (score(_decoded(row[k]), scene.truth) for k in ("chosen", "rejected"))
        assert utility(chosen) > utility(rejected)
    # Each prompt's own render beats at least the blank.
    for index, scene in enumerate(scenes):
        wins = [r for r in table if r["prompt_id"] == f"p{index:05d}"
                and np.array_equal(_decoded(r["chosen"]), images[index][0])]  # fmt: skip
        assert wins, scene.caption
    # The DPO trainer's reader takes the files as they are.
    assert len(list(read_pairs(tmp_path, "train"))) == len(table)


def test_no_ranked_pair_is_a_clear_error(tmp_path):
    scenes = training_prompts(2, seed=0)
    blank = np.full((64, 64, 3), 128, np.uint8)
    with pytest.raises(ValueError, match="ranks no two images"):
        write_pairs(scenes, [[blank, blank], [blank, blank]], tmp_path)


def test_post_training_rounds_build_on_each_other_and_become_final(
    tmp_path, components_dir, tiny_model_json, monkeypatch
):
    """train_demo's post-training stage with stand-in samples (a render beats a blank): a second
    round continues the first run, samples from round 1's merged model, and final/ ends as
    round 2's transformer."""
    import json
    import shutil

    import torch
    from safetensors.torch import load_file

    from modelhub.qwen_image.transformer import QwenImageTransformer
    from modelhub.training import reward_dpo, train_demo
    from modelhub.training.demo import install_transformer

    target = tmp_path / "demo"
    for part in ("vae", "text_encoder"):
        shutil.copytree(components_dir / part, target / "final" / part)
    torch.manual_seed(0)
    QwenImageTransformer(**json.loads(tiny_model_json)).save_pretrained(tmp_path / "tiny")
    install_transformer(tmp_path / "tiny", "final", target)
    install_transformer(tmp_path / "tiny", "pretrained", target)

    sampled_from = []
    run = tmp_path / "run"

    def stand_in(pipe, scenes, cfg, round_index):
        sampled_from.append({k: v.clone() for k, v in pipe.transformer.state_dict().items()})
        blank = np.full((64, 64, 3), 128, np.uint8)
        return [[render(scene, 64), blank] for scene in scenes]

    monkeypatch.setattr(reward_dpo, "sample_images", stand_in)
    settings = {"post_train_prompts": 4, "post_train_steps": 2, "progress": False}
    cfg = train_demo.DemoConfig(**settings)
    train_demo.post_train(cfg, run, target, rounds=1)
    # Asked for two rounds, the same run folder continues: round 1 is not sampled again.
    report = train_demo.post_train(cfg, run, target, rounds=2)
    assert len(sampled_from) == 2

    assert [r["pairs"] for r in report["rounds"]] == [4, 4]
    assert [r["correct"] for r in report["rounds"]] == [4, 4]  # the renders, not the blanks
    rounds = [run / "post-train" / f"round-{n}" for n in (1, 2)]
    second_base = json.loads((rounds[1] / "dpo" / "config.json").read_text())["base"]
    assert Path(second_base) == rounds[0] / "dpo" / "merged"

    def weights(folder: Path) -> dict:
        return load_file(str(folder / "transformer" / "diffusion_pytorch_model.safetensors"))

    merged = [weights(r / "dpo" / "merged") for r in rounds]
    for key, value in sampled_from[1].items():  # round 2 sampled round 1's merged model
        torch.testing.assert_close(value, merged[0][key].float())
    final, pretrained = weights(target / "final"), weights(target / "pretrained")
    assert all(final[k].dtype == torch.float16 for k in final)
    assert all(torch.equal(final[k], merged[1][k].half()) for k in final)
    assert any(not torch.equal(final[k], pretrained[k]) for k in final)
    assert (target / "pretrained" / "vae").is_symlink()
