"""Reading and writing diffusers-format transformer folders."""

import json

import pytest
import torch

from modelhub.qwen_image.loading import (
    INDEX_NAME,
    WEIGHTS_NAME,
    CheckpointError,
    load_transformer,
    parse_size,
)
from modelhub.qwen_image.transformer import QwenImageTransformer
from tests.modelhub.qwen_image.helpers import (
    diffusers_copy,
    perturbed_tiny_transformer,
    transformer_inputs,
)


@pytest.fixture(scope="module")
def model():
    return perturbed_tiny_transformer(seed=11)


@pytest.fixture(scope="module")
def sharded_folder(model, tmp_path_factory):
    """A folder written by diffusers' own save_pretrained, in several shards."""
    folder = tmp_path_factory.mktemp("sharded")
    diffusers_copy(model).save_pretrained(folder, max_shard_size="300KB")
    assert (folder / INDEX_NAME).is_file()
    return folder


def outputs(model):
    latents, text = transformer_inputs(batch=2, grid=(4, 6), text_len=7, seed=12)
    with torch.no_grad():
        return model(latents, text, None, torch.tensor([0.3, 0.9]), [(1, 4, 6)] * 2)


def shard_names(folder):
    return sorted(set(json.loads((folder / INDEX_NAME).read_text())["weight_map"].values()))


def copy_folder(source, target):
    target.mkdir()
    for path in source.iterdir():
        (target / path.name).write_bytes(path.read_bytes())
    return target


def test_sharded_diffusers_folder_loads_and_gives_the_same_outputs(model, sharded_folder):
    assert len(shard_names(sharded_folder)) > 2
    loaded = QwenImageTransformer.from_pretrained(sharded_folder, dtype=torch.float32)
    assert loaded.config == model.config
    for name, tensor in model.state_dict().items():
        assert torch.equal(loaded.state_dict()[name], tensor), name
    assert torch.equal(outputs(loaded), outputs(model))


def test_loading_casts_to_the_requested_dtype(sharded_folder):
    loaded = load_transformer(sharded_folder, dtype=torch.bfloat16)
    assert {p.dtype for p in loaded.parameters()} == {torch.bfloat16}


def test_loading_builds_on_meta_and_never_initialises_random_weights(sharded_folder, monkeypatch):
    initialised_devices = []
    original = torch.nn.init.kaiming_uniform_

    def record(tensor, *args, **kwargs):
        initialised_devices.append(tensor.device.type)
        return original(tensor, *args, **kwargs)

    monkeypatch.setattr(torch.nn.init, "kaiming_uniform_", record)
    loaded = load_transformer(sharded_folder, dtype=torch.float32)
    assert initialised_devices and set(initialised_devices) == {"meta"}
    assert not any(p.is_meta for p in loaded.parameters())


def test_missing_shard_is_named(sharded_folder, tmp_path):
    folder = copy_folder(sharded_folder, tmp_path / "broken")
    missing = shard_names(folder)[1]
    (folder / missing).unlink()
    with pytest.raises(FileNotFoundError, match=missing):
        load_transformer(folder, dtype=torch.float32)


def test_unknown_config_key_is_ignored_with_a_warning(sharded_folder, tmp_path):
    folder = copy_folder(sharded_folder, tmp_path / "released-like")
    config = json.loads((folder / "config.json").read_text())
    config["pooled_projection_dim"] = 768
    (folder / "config.json").write_text(json.dumps(config))
    with pytest.warns(UserWarning, match="pooled_projection_dim"):
        loaded = load_transformer(folder, dtype=torch.float32)
    assert "pooled_projection_dim" not in loaded.config


def test_missing_config_is_named(sharded_folder, tmp_path):
    folder = copy_folder(sharded_folder, tmp_path / "no-config")
    (folder / "config.json").unlink()
    with pytest.raises(FileNotFoundError, match=r"config\.json"):
        load_transformer(folder)


def test_missing_and_unexpected_keys_and_wrong_shapes_are_named(model, tmp_path):
    from safetensors.torch import save_file

    state = {k: v.contiguous() for k, v in model.state_dict().items()}
    cases = {
        "missing": ({k: v for k, v in state.items() if k != "proj_out.bias"}, "proj_out.bias"),
        "unexpected": ({**state, "pos_embed.pos_freqs": torch.zeros(2)}, "pos_embed.pos_freqs"),
        "shape": ({**state, "img_in.weight": torch.zeros(3, 3)}, "img_in.weight"),
    }
    for name, (weights, key) in cases.items():
        folder = tmp_path / name
        model.save_pretrained(folder)
        save_file(weights, folder / WEIGHTS_NAME)
        with pytest.raises(CheckpointError, match=key.replace(".", r"\.")):
            load_transformer(folder, dtype=torch.float32)


def test_our_sharded_save_loads_into_diffusers_and_back(model, tmp_path):
    from diffusers import QwenImageTransformer2DModel

    model.save_pretrained(tmp_path / "ours", max_shard_size="200KB")
    assert len(shard_names(tmp_path / "ours")) > 2
    reference = QwenImageTransformer2DModel.from_pretrained(
        tmp_path / "ours", torch_dtype=torch.float32
    )
    for name, tensor in model.state_dict().items():
        assert torch.equal(reference.state_dict()[name], tensor), name
    back = load_transformer(tmp_path / "ours", dtype=torch.float32)
    assert torch.equal(outputs(back), outputs(model))
    model.save_pretrained(tmp_path / "ours")  # one file now; the stale shards must go
    assert [p.name for p in (tmp_path / "ours").glob("*.safetensors*")] == [WEIGHTS_NAME]
    assert torch.equal(
        outputs(load_transformer(tmp_path / "ours", dtype=torch.float32)), outputs(model)
    )


def test_parse_size():
    assert parse_size("10GB") == 10 * 1000**3
    assert parse_size("5GiB") == 5 * 1024**3
    assert parse_size(123) == 123
    with pytest.raises(ValueError, match="max_shard_size"):
        parse_size("lots")
