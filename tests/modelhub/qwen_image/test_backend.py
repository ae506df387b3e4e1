"""The qwen-image registry backend: a spec and a local folder in, the pipeline's images out."""

import numpy as np
import pytest
import torch

from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.registry.backends import LoadError, load_pipeline
from modelhub.registry.spec import spec_from_dict
from tests.modelhub.qwen_image.helpers import save_tiny_pipeline


@pytest.fixture(scope="module")
def tiny_folder(tmp_path_factory):
    return save_tiny_pipeline(tmp_path_factory.mktemp("weights") / "qwen-tiny")


def spec(folder, **sampler):
    return spec_from_dict(
        {
            "name": "qwen-tiny",
            "backend": "qwen-image",
            "weights": str(folder),
            "sampler": {"steps": 2, "width": 32, "height": 32, **sampler},
        }
    )


def test_backend_images_equal_the_pipeline_called_directly(tiny_folder):
    generation = load_pipeline(spec(tiny_folder, true_cfg_scale=3.0, negative_prompt="blurry"))
    images = generation.generate(["a red circle", "two blue stars"], [11, 12])
    direct = QwenImagePipeline.from_pretrained(tiny_folder, dtype=torch.float32)(
        ["a red circle", "two blue stars"],
        negative_prompt="blurry",
        true_cfg_scale=3.0,
        width=32,
        height=32,
        num_inference_steps=2,
        seed=[11, 12],
    )
    assert [np.asarray(i).tolist() for i in images] == [np.asarray(i).tolist() for i in direct]
    # One image at a time gives the same pixels as the batch.
    alone = generation.generate(["two blue stars"], [12])[0]
    assert np.abs(np.asarray(alone, dtype=int) - np.asarray(images[1], dtype=int)).max() <= 1
    assert generation.settings["steps"] == 2 and generation.settings["true_cfg_scale"] == 3.0
    assert generation.settings["negative_prompt"] == "blurry" and generation.settings["width"] == 32


def test_defaults_are_the_reports(tiny_folder):
    generation = load_pipeline(
        spec_from_dict({"name": "q", "backend": "qwen-image", "weights": str(tiny_folder)})
    )
    assert generation.call == {
        "steps": 50,
        "true_cfg_scale": 4.0,
        "negative_prompt": " ",
        "width": 1328,
        "height": 1328,
    }


def test_missing_or_incomplete_weights_folders_are_named(tmp_path, tiny_folder):
    with pytest.raises(LoadError, match=r"weights folder .*nowhere does not exist"):
        load_pipeline(spec(tmp_path / "nowhere"))
    (tmp_path / "half" / "transformer").mkdir(parents=True)
    with pytest.raises(LoadError, match=r"has no vae, text_encoder/"):
        load_pipeline(spec(tmp_path / "half"))
