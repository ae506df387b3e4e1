"""The diffusers backend loads a real pipeline folder offline and seeds each image on its own."""

import json
import re

import numpy as np
import pytest

from modelhub.backends.diffusers_backend import FAMILY_DEFAULTS, DiffusersPipeline
from modelhub.registry import LoadError, load_pipeline, spec_from_dict

PROMPTS = ["a red cube on a blue sphere", "一张写着新年快乐的海报", "a fox in snow"]
SEEDS = [11, 22, 33]


def tiny_spec(folder, **sampler):
    return spec_from_dict(
        {
            "name": "tiny",
            "backend": "diffusers",
            "weights": str(folder),
            "device": "cpu",
            "sampler": {"steps": 2, **sampler},
        }
    )


@pytest.fixture(scope="module")
def tiny_pipeline(tiny_sd_folder):
    return load_pipeline(tiny_spec(tiny_sd_folder))


def pixels(image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.int16)


def test_a_local_folder_loads_with_the_family_defaults_and_the_spec_overrides(tiny_sd_folder):
    pipeline = load_pipeline(tiny_spec(tiny_sd_folder))
    assert isinstance(pipeline, DiffusersPipeline)
    assert pipeline.settings == {
        "backend": "diffusers",
        "pipeline": "StableDiffusionPipeline",
        "steps": 2,
        "guidance": FAMILY_DEFAULTS["StableDiffusionPipeline"].guidance,
        "scheduler": "DDIMScheduler",
        "dtype": "float32",  # auto on a CPU
    }
    custom = load_pipeline(
        tiny_spec(
            tiny_sd_folder,
            guidance=2.0,
            negative_prompt="blurry",
            width=32,
            height=48,
            scheduler={"class": "EulerDiscreteScheduler"},
        )
    )
    assert custom.settings["scheduler"] == "EulerDiscreteScheduler"
    assert (custom.settings["guidance"], custom.settings["negative_prompt"]) == (2.0, "blurry")
    (image,) = custom.generate(["a cat"], [0])
    assert image.size == (32, 48)


def test_each_image_depends_on_its_own_seed_not_on_the_batch(tiny_pipeline):
    batch = tiny_pipeline.generate(PROMPTS, SEEDS)
    assert len(batch) == 3 and all(image.size == (64, 64) for image in batch)
    one_by_one = [tiny_pipeline.generate([p], [s])[0] for p, s in zip(PROMPTS, SEEDS, strict=True)]
    for together, alone in zip(batch, one_by_one, strict=True):
        # Batched matrix products may round differently: a step of 1 in 255 at most.
        assert np.abs(pixels(together) - pixels(alone)).max() <= 2
    # The batch in another order gives the same images, and other seeds give other images.
    reordered = tiny_pipeline.generate(PROMPTS[::-1], SEEDS[::-1])[::-1]
    for a, b in zip(batch, reordered, strict=True):
        assert np.abs(pixels(a) - pixels(b)).max() <= 2
    other = tiny_pipeline.generate(PROMPTS[:1], [12])[0]
    assert np.abs(pixels(other) - pixels(batch[0])).mean() > 5
    # Not a blank image: the tiny model's random weights still make varied pixels.
    assert pixels(batch[0]).std() > 5


def test_a_missing_weights_folder_is_a_load_error_naming_it(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(LoadError, match=re.escape(f"weights folder {missing} does not exist")):
        load_pipeline(tiny_spec(missing))
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(LoadError, match=r"has no model_index.json"):
        load_pipeline(tiny_spec(empty))
    odd = tmp_path / "odd"
    odd.mkdir()
    (odd / "model_index.json").write_text(json.dumps({"_class_name": "NoSuchPipeline"}))
    with pytest.raises(LoadError, match=r"'NoSuchPipeline', which diffusers"):
        load_pipeline(tiny_spec(odd))


def test_options_the_pipeline_does_not_take_are_refused_at_load(tiny_sd_folder):
    with pytest.raises(LoadError, match=r"sampler.true_cfg_scale: StableDiffusionPipeline"):
        load_pipeline(tiny_spec(tiny_sd_folder, true_cfg_scale=4.0))
    with pytest.raises(LoadError, match=r"sampler.scheduler.class: diffusers has no scheduler"):
        load_pipeline(tiny_spec(tiny_sd_folder, scheduler={"class": "Nope"}))
    with pytest.raises(LoadError, match=r"sampler.options.generator: set by the backend"):
        load_pipeline(tiny_spec(tiny_sd_folder, options={"generator": 1}))


def test_sdxl_loads_with_its_watermarker_off(tmp_path):
    from modelhub.backends.tiny import save_tiny_stable_diffusion_xl

    folder = save_tiny_stable_diffusion_xl(tmp_path / "tiny-sdxl")
    # Saved as if from a checkpoint that asks for the watermark: the backend must still turn it off.
    index = json.loads((folder / "model_index.json").read_text())
    index["add_watermarker"] = True
    (folder / "model_index.json").write_text(json.dumps(index))
    pipeline = load_pipeline(tiny_spec(folder))
    assert pipeline.settings["pipeline"] == "StableDiffusionXLPipeline"
    assert pipeline.settings["guidance"] == 5.0
    assert getattr(pipeline.pipe, "watermark", None) is None
    (image,) = pipeline.generate(["a cat"], [3])
    assert image.size == (64, 64)
