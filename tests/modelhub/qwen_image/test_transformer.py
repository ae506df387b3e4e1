"""Our QwenImageTransformer against diffusers' QwenImageTransformer2DModel, same weights, fp32."""

import math

import pytest
import torch
import torch.nn.functional as F

from modelhub.qwen_image import transformer as transformer_module
from modelhub.qwen_image.configs import FULL_TRANSFORMER, TINY_TRANSFORMER
from modelhub.qwen_image.transformer import QwenImageTransformer, msrope_angles
from tests.modelhub.qwen_image.helpers import (
    diffusers_copy,
    perturbed_tiny_transformer,
    transformer_inputs,
)

TOLERANCE = 1e-5


def run_both(model, reference, latents, text, mask, timestep, img_shapes):
    with torch.no_grad():
        ours = model(latents, text, mask, timestep, img_shapes)
        theirs = reference(
            hidden_states=latents,
            encoder_hidden_states=text,
            encoder_hidden_states_mask=mask,
            timestep=timestep,
            img_shapes=img_shapes,
            return_dict=False,
        )[0]
    return ours, theirs


@pytest.fixture(scope="module")
def pair():
    model = perturbed_tiny_transformer(seed=1)
    return model, diffusers_copy(model)


@pytest.mark.parametrize(
    ("batch", "grid", "text_len", "timesteps"),
    [
        (1, (4, 4), 8, [1.0]),
        (1, (3, 5), 6, [0.02]),
        (2, (6, 4), 11, [0.37, 0.91]),
        (2, (5, 7), 3, [0.5, 0.5]),
    ],
)
def test_forward_matches_diffusers_without_padding(pair, batch, grid, text_len, timesteps):
    model, reference = pair
    latents, text = transformer_inputs(batch=batch, grid=grid, text_len=text_len, seed=text_len)
    img_shapes = [[(1, *grid)]] * batch
    ours, theirs = run_both(
        model, reference, latents, text, None, torch.tensor(timesteps), img_shapes
    )
    assert ours.shape == (batch, grid[0] * grid[1], 16)
    assert (ours - theirs).abs().max().item() < TOLERANCE


def test_forward_matches_diffusers_with_padded_text_of_different_lengths(pair):
    model, reference = pair
    latents, text = transformer_inputs(batch=2, grid=(4, 6), text_len=9, seed=3)
    mask = torch.ones(2, 9, dtype=torch.long)
    mask[1, 5:] = 0
    text[1, 5:] = 0
    for timestep in ([0.8, 0.2], [0.05, 1.0]):
        ours, theirs = run_both(
            model, reference, latents, text, mask, torch.tensor(timestep), [[(1, 4, 6)]] * 2
        )
        assert (ours - theirs).abs().max().item() < TOLERANCE


def test_padded_sample_matches_the_same_sample_alone(pair):
    model, _ = pair
    latents, text = transformer_inputs(batch=2, grid=(4, 4), text_len=9, seed=4)
    mask = torch.ones(2, 9)
    mask[1, 5:] = 0
    t = torch.tensor([0.6, 0.6])
    with torch.no_grad():
        batched = model(latents, text, mask, t, [(1, 4, 4)] * 2)
        alone = model(latents[1:], text[1:, :5], None, t[1:], [(1, 4, 4)])
    assert (batched[1] - alone[0]).abs().max().item() < TOLERANCE


def test_several_images_per_sample_match_diffusers(pair):
    """Edit-style sequences: the second grid gets frame index 1, text starts past both."""
    model, reference = pair
    latents, text = transformer_inputs(batch=1, grid=(1, 16 + 6), text_len=5, seed=5)
    shapes = [[(1, 4, 4), (1, 2, 3)]]
    ours, theirs = run_both(model, reference, latents, text, None, torch.tensor([0.4]), shapes)
    assert (ours - theirs).abs().max().item() < TOLERANCE


def test_all_ones_mask_gives_the_unmasked_result_and_no_mask_reaches_sdpa(pair, monkeypatch):
    model, reference = pair
    latents, text = transformer_inputs(batch=2, grid=(4, 4), text_len=6, seed=6)
    seen = []
    sdpa = F.scaled_dot_product_attention

    def spy(*args, **kwargs):
        seen.append(kwargs.get("attn_mask"))
        return sdpa(*args, **kwargs)

    monkeypatch.setattr(transformer_module.F, "scaled_dot_product_attention", spy)
    t = torch.tensor([0.7, 0.3])
    with torch.no_grad():
        unmasked = model(latents, text, None, t, [(1, 4, 4)] * 2)
        ones = model(latents, text, torch.ones(2, 6, dtype=torch.long), t, [(1, 4, 4)] * 2)
    assert seen and all(m is None for m in seen)
    assert torch.equal(unmasked, ones)
    _, theirs = run_both(model, reference, latents, text, torch.ones(2, 6), t, [(1, 4, 4)] * 2)
    assert (ones - theirs).abs().max().item() < TOLERANCE


def test_state_dict_keys_are_diffusers_keys_and_load_strictly_both_ways(pair):
    model, reference = pair
    assert set(model.state_dict()) == set(reference.state_dict())
    fresh = QwenImageTransformer(**TINY_TRANSFORMER)
    fresh.load_state_dict(reference.state_dict(), strict=True)
    for name, tensor in reference.state_dict().items():
        assert torch.equal(fresh.state_dict()[name], tensor), name
    assert not any(name.startswith("pos_embed") or "freqs" in name for name in model.state_dict())


def test_full_configuration_has_the_released_parameter_count_and_keys():
    with torch.device("meta"):
        model = QwenImageTransformer(**FULL_TRANSFORMER)
    assert sum(p.numel() for p in model.parameters()) == 20_430_401_088
    assert len(model.state_dict()) == 1933


def test_constructor_defaults_are_the_released_configuration():
    import inspect

    defaults = {
        name: p.default
        for name, p in inspect.signature(QwenImageTransformer.__init__).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    for key, value in FULL_TRANSFORMER.items():
        assert defaults[key] == value, key


def test_from_config_ignores_unknown_keys_with_a_warning():
    config = {
        **TINY_TRANSFORMER,
        "pooled_projection_dim": 768,
        "_class_name": "QwenImageTransformer2DModel",
    }
    with pytest.warns(UserWarning, match="pooled_projection_dim"):
        model = QwenImageTransformer.from_config(config)
    assert model.config["num_layers"] == TINY_TRANSFORMER["num_layers"]
    with pytest.raises(TypeError):
        QwenImageTransformer(**config)


def test_unsupported_variants_are_refused():
    with pytest.raises(NotImplementedError, match="zero_cond_t"):
        QwenImageTransformer(**TINY_TRANSFORMER, zero_cond_t=True)
    with pytest.raises(ValueError, match="axes_dims_rope"):
        QwenImageTransformer(**{**TINY_TRANSFORMER, "axes_dims_rope": (8, 4, 2)})


def test_msrope_centres_rows_and_columns_and_puts_text_on_the_diagonal():
    axes = (2, 2, 2)  # one frequency per axis, equal to 1: the angle is the position itself
    image, text = msrope_angles([(1, 83, 83)], 3, axes, torch.device("cpu"))
    rows = image[:, 1].view(83, 83)[:, 0]
    cols = image[:, 2].view(83, 83)[0]
    assert rows[0].item() == -42 and rows[-1].item() == 40
    assert torch.equal(rows, cols)
    assert text[:, 0].tolist() == [41.0, 42.0, 43.0]
    assert torch.equal(text[:, 0], text[:, 1]) and torch.equal(text[:, 1], text[:, 2])
    non_square, text2 = msrope_angles([(1, 4, 7)], 1, axes, torch.device("cpu"))
    assert non_square[:, 2].view(4, 7)[0].tolist() == [-4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0]
    assert text2[0, 0].item() == 3.0


def test_bf16_rounds_the_timestep_before_the_sinusoid():
    model = perturbed_tiny_transformer(seed=2).to(torch.bfloat16)
    reference = diffusers_copy(model)
    latents, text = transformer_inputs(batch=1, grid=(4, 4), text_len=4, seed=7)
    latents, text = latents.bfloat16(), text.bfloat16()
    t = torch.tensor([0.6789])
    ours, theirs = run_both(model, reference, latents, text, None, t, [(1, 4, 4)])
    with torch.no_grad():
        rounded = model(latents, text, None, t.bfloat16().float(), [(1, 4, 4)])
    assert torch.equal(ours, rounded)
    assert (ours.float() - theirs.float()).abs().max().item() < 0.1


def test_gradient_checkpointing_gives_the_same_gradients():
    model = perturbed_tiny_transformer(seed=3).train()
    latents, text = transformer_inputs(batch=2, grid=(4, 4), text_len=5, seed=8)
    t = torch.tensor([0.3, 0.8])

    def grads():
        model.zero_grad()
        model(latents, text, None, t, [(1, 4, 4)] * 2).square().mean().backward()
        # The last block's text MLP feeds nothing, so its parameters get no gradient.
        return {n: p.grad.clone() for n, p in model.named_parameters() if p.grad is not None}

    plain = grads()
    model.enable_gradient_checkpointing()
    checkpointed = grads()
    assert plain.keys() == checkpointed.keys() and len(plain) > 30
    for name, grad in plain.items():
        assert torch.allclose(grad, checkpointed[name], atol=1e-6), name


def test_training_after_inference_mode_does_not_reuse_inference_tensors():
    model = perturbed_tiny_transformer(seed=4)
    latents, text = transformer_inputs(batch=1, grid=(4, 4), text_len=5, seed=9)
    with torch.inference_mode():
        model(latents, text, None, torch.tensor([0.5]), [(1, 4, 4)])
    model(latents, text, None, torch.tensor([0.5]), [(1, 4, 4)]).sum().backward()
    assert model.img_in.weight.grad is not None


def test_wrong_img_shapes_are_reported():
    model = perturbed_tiny_transformer(seed=0)
    latents, text = transformer_inputs(batch=1, grid=(4, 4), text_len=5)
    with pytest.raises(ValueError, match="img_shapes"):
        model(latents, text, None, torch.tensor([0.5]), [(1, 4, 5)])


def test_timestep_sinusoid_is_cos_then_sin_of_1000_t():
    t = torch.tensor([0.25])
    emb = transformer_module.timestep_sinusoid(t)
    assert emb.shape == (1, 256)
    assert math.isclose(emb[0, 0].item(), math.cos(250.0), abs_tol=1e-4)
    assert math.isclose(emb[0, 128].item(), math.sin(250.0), abs_tol=1e-4)
