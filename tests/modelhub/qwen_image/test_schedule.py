"""The schedule functions against diffusers' FlowMatchEulerDiscreteScheduler, released config."""

import math

import numpy as np
import pytest
import torch
from diffusers import FlowMatchEulerDiscreteScheduler
from diffusers.pipelines.qwenimage.pipeline_qwenimage import (
    calculate_shift as diffusers_calculate_shift,
)

from modelhub.qwen_image.schedule import (
    RELEASED,
    FlowMatchConfig,
    calculate_shift,
    euler_step,
    sigma_schedule,
    stretch_to_terminal,
)

RELEASED_SCHEDULER_CONFIG = {
    "base_image_seq_len": 256,
    "base_shift": 0.5,
    "invert_sigmas": False,
    "max_image_seq_len": 8192,
    "max_shift": 0.9,
    "num_train_timesteps": 1000,
    "shift": 1.0,
    "shift_terminal": 0.02,
    "stochastic_sampling": False,
    "time_shift_type": "exponential",
    "use_beta_sigmas": False,
    "use_dynamic_shifting": True,
    "use_exponential_sigmas": False,
    "use_karras_sigmas": False,
}


def diffusers_schedule(num_steps, image_seq_len):
    scheduler = FlowMatchEulerDiscreteScheduler(**RELEASED_SCHEDULER_CONFIG)
    mu = diffusers_calculate_shift(image_seq_len, 256, 8192, 0.5, 0.9)
    scheduler.set_timesteps(sigmas=np.linspace(1.0, 1 / num_steps, num_steps), mu=mu)
    return scheduler


def test_released_config_reads_the_released_scheduler_file_values():
    assert FlowMatchConfig.from_dict(RELEASED_SCHEDULER_CONFIG) == RELEASED


@pytest.mark.parametrize("image_seq_len", [16, 256, 1024, 4096, 6889, 8192, 9000])
@pytest.mark.parametrize("num_steps", [2, 3, 8, 20, 50])
def test_sigmas_and_timesteps_match_diffusers(num_steps, image_seq_len):
    scheduler = diffusers_schedule(num_steps, image_seq_len)
    sigmas, timesteps = sigma_schedule(num_steps, image_seq_len)
    assert torch.equal(sigmas, scheduler.sigmas)
    assert torch.equal(timesteps, scheduler.timesteps)
    assert sigmas[-2].item() == pytest.approx(0.02, abs=1e-6)
    assert sigmas[0].item() == pytest.approx(1.0)


@pytest.mark.parametrize("image_seq_len", [256, 4096, 6889, 8192])
def test_calculate_shift_matches_diffusers_and_the_worked_values(image_seq_len):
    assert calculate_shift(image_seq_len) == diffusers_calculate_shift(
        image_seq_len, 256, 8192, 0.5, 0.9
    )
    worked = {256: 0.5, 4096: 0.6935, 6889: 0.8342, 8192: 0.9}
    assert calculate_shift(image_seq_len) == pytest.approx(worked[image_seq_len], abs=1e-3)


def test_euler_steps_match_the_scheduler_step():
    scheduler = diffusers_schedule(5, 1024)
    sigmas, timesteps = sigma_schedule(5, 1024)
    g = torch.Generator().manual_seed(0)
    x = torch.randn(2, 16, 8, generator=g)
    ours = x.clone()
    for i, t in enumerate(scheduler.timesteps):
        v = torch.randn(2, 16, 8, generator=g)
        x = scheduler.step(v, t, x, return_dict=False)[0]
        ours = euler_step(ours, v, sigmas[i], sigmas[i + 1])
        assert torch.equal(ours, x)
    assert torch.equal(timesteps, scheduler.timesteps)


def test_static_shift_and_no_terminal_match_diffusers():
    config = FlowMatchConfig(use_dynamic_shifting=False, shift=3.0, shift_terminal=None)
    scheduler = FlowMatchEulerDiscreteScheduler(**config.to_dict())
    scheduler.set_timesteps(sigmas=np.linspace(1.0, 1 / 10, 10))
    sigmas, _ = sigma_schedule(10, 4096, config)
    assert torch.equal(sigmas, scheduler.sigmas)


def test_stretch_maps_the_last_sigma_to_the_terminal_value():
    sigmas = np.array([1.0, 0.6, 0.3], dtype=np.float32)
    stretched = stretch_to_terminal(sigmas, 0.02)
    assert math.isclose(stretched[-1], 0.02, abs_tol=1e-6)
    assert stretched[0] == 1.0
    with pytest.raises(ValueError, match="2 steps"):
        sigma_schedule(1, 1024)


def test_unsupported_scheduler_options_are_refused():
    with pytest.raises(ValueError, match="use_karras_sigmas"):
        FlowMatchConfig.from_dict({**RELEASED_SCHEDULER_CONFIG, "use_karras_sigmas": True})
