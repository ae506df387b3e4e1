"""Our pipeline against diffusers' QwenImagePipeline with identical tiny components."""

import pytest
import torch
from PIL import Image

from modelhub.qwen_image.configs import tiny_components
from modelhub.qwen_image.pipeline import QwenImagePipeline, pack_latents, unpack_latents
from modelhub.qwen_image.schedule import RELEASED
from tests.modelhub.qwen_image.helpers import diffusers_copy, perturbed_tiny_transformer

PROMPTS = [
    "a red fox in the snow",
    "a neon sign that says 'open late', rainy street at night, reflections",
]
NEGATIVES = [" ", "blurry, low quality"]


@pytest.fixture(scope="module")
def components():
    parts = tiny_components(seed=0)
    parts["transformer"] = perturbed_tiny_transformer(seed=21)
    return parts


@pytest.fixture(scope="module")
def pipe(components):
    return QwenImagePipeline(**components)


def diffusers_pipeline(components):
    from diffusers import FlowMatchEulerDiscreteScheduler
    from diffusers import QwenImagePipeline as DiffusersQwenImagePipeline

    return DiffusersQwenImagePipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(**RELEASED.to_dict()),
        vae=components["vae"],
        text_encoder=components["text_encoder"],
        tokenizer=components["tokenizer"],
        transformer=diffusers_copy(components["transformer"]),
    )


def test_images_match_diffusers_with_true_cfg(components, pipe):
    reference = diffusers_pipeline(components)
    seeds = [3, 4]
    expected = reference(
        prompt=PROMPTS,
        negative_prompt=NEGATIVES,
        true_cfg_scale=4.0,
        width=32,
        height=48,
        num_inference_steps=4,
        generator=[torch.Generator().manual_seed(s) for s in seeds],
        output_type="pt",
    ).images
    ours = pipe(
        PROMPTS,
        NEGATIVES,
        true_cfg_scale=4.0,
        width=32,
        height=48,
        num_inference_steps=4,
        seed=seeds,
        output_type="pt",
    )
    assert ours.shape == expected.shape == (2, 3, 48, 32)
    assert (ours - expected).abs().max().item() < 1e-4
    assert ours.std().item() > 0.01  # not a constant image


def test_without_guidance_matches_diffusers(components, pipe):
    reference = diffusers_pipeline(components)
    expected = reference(
        prompt=PROMPTS[0],
        true_cfg_scale=1.0,
        width=40,
        height=24,
        num_inference_steps=3,
        generator=torch.Generator().manual_seed(9),
        output_type="pt",
    ).images
    ours = pipe(
        PROMPTS[0],
        None,
        width=40,
        height=24,
        num_inference_steps=3,
        generator=torch.Generator().manual_seed(9),
        output_type="pt",
    )
    assert (ours - expected).abs().max().item() < 1e-4


def test_prompt_features_match_diffusers(components, pipe):
    reference = diffusers_pipeline(components)
    expected, expected_mask = reference.encode_prompt(
        PROMPTS, device=torch.device("cpu"), max_sequence_length=512
    )
    embeds, mask = pipe.encode_prompt(PROMPTS)
    assert pipe.template_prefix_len == 34
    assert torch.equal(mask, expected_mask)
    assert (embeds - expected).abs().max().item() < 1e-6
    single, single_mask = pipe.encode_prompt(PROMPTS[:1])
    assert single_mask is None and single.shape[1] == int(mask[0].sum())


def test_image_with_seed_is_the_same_whatever_the_batch(pipe):
    kwargs = {"width": 32, "height": 32, "num_inference_steps": 3, "output_type": "pt"}
    batch = pipe([PROMPTS[0], PROMPTS[1], PROMPTS[0]], seed=[5, 6, 7], **kwargs)
    alone = pipe(PROMPTS[1], seed=6, **kwargs)
    assert (batch[1] - alone[0]).abs().max().item() < 1e-5
    consecutive = pipe(PROMPTS[0], seed=[5, 6], **kwargs)
    assert (consecutive[0] - batch[0]).abs().max().item() < 1e-5
    assert (pipe(PROMPTS[0], seed=5, **kwargs)[0] - batch[0]).abs().max().item() < 1e-5


def test_pil_output_and_argument_errors(pipe):
    images = pipe(PROMPTS, seed=0, width=24, height=16, num_inference_steps=2)
    assert [im.size for im in images] == [(24, 16), (24, 16)]
    assert all(isinstance(im, Image.Image) and im.mode == "RGB" for im in images)
    with pytest.raises(ValueError, match="multiples of 8"):
        pipe(PROMPTS[0], width=20, height=16, num_inference_steps=2)
    with pytest.raises(ValueError, match="2 prompts and 3 seeds"):
        pipe(PROMPTS, seed=[1, 2, 3], width=16, height=16, num_inference_steps=2)
    with pytest.raises(ValueError, match="seed or generator"):
        pipe(PROMPTS[0], seed=1, generator=torch.Generator(), width=16, height=16)


def test_pack_and_unpack_are_inverse_and_use_the_released_feature_order():
    latents = torch.arange(2 * 4 * 6 * 8, dtype=torch.float32).view(2, 4, 6, 8)
    packed = pack_latents(latents)
    assert packed.shape == (2, 12, 16)
    # token 0 is the top-left 2x2 patch; feature c*4 + dy*2 + dx
    assert packed[0, 0, 1 * 4 + 1 * 2 + 0].item() == latents[0, 1, 1, 0].item()
    assert torch.equal(unpack_latents(packed, 6, 8), latents)


@pytest.mark.slow
def test_pipeline_loads_from_a_diffusers_folder(components, pipe, tmp_path):
    reference = diffusers_pipeline(components)
    reference.save_pretrained(tmp_path / "tiny-qwen-image")
    loaded = QwenImagePipeline.from_pretrained(tmp_path / "tiny-qwen-image", dtype=torch.float32)
    assert loaded.scheduler == RELEASED
    kwargs = {"width": 32, "height": 32, "num_inference_steps": 2, "seed": 1, "output_type": "pt"}
    assert (loaded(PROMPTS[0], **kwargs) - pipe(PROMPTS[0], **kwargs)).abs().max().item() < 1e-6
