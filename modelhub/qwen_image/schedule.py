"""Flow-matching sampling schedule of Qwen-Image, as pure functions.

The released `Qwen/Qwen-Image` scheduler is diffusers' `FlowMatchEulerDiscreteScheduler` with
resolution-dependent ("dynamic") exponential shifting and a terminal stretch. For N steps and
n image tokens:

    sigma_i   = linspace(1, 1/N, N)                         base schedule
    mu        = base_shift + (n - base_seq) * (max_shift - base_shift) / (max_seq - base_seq)
    sigma'_i  = e^mu / (e^mu + (1/sigma_i - 1))             exponential time shift
    sigma''_i = 1 - (1 - sigma'_i) * (1 - terminal) / (1 - sigma'_N)   ends at `terminal`
    sigmas    = [sigma''_1 .. sigma''_N, 0],  timesteps = 1000 * sigma''

An Euler step moves x by (sigma_{i+1} - sigma_i) * v, where v = noise - data is the velocity
the transformer predicts for x_t = (1 - sigma) x_0 + sigma * noise. The arithmetic is float32,
in the same order as diffusers, so the schedules agree to the last bit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import numpy as np
import torch


@dataclass(frozen=True)
class FlowMatchConfig:
    """Scheduler settings; the defaults are the released `Qwen/Qwen-Image` scheduler config.

    Attributes:
        num_train_timesteps: timestep = sigma * num_train_timesteps (1000).
        use_dynamic_shifting: shift by `mu` computed from the image token count (True);
            False uses the static `shift`.
        time_shift_type: "exponential" (e^mu / (e^mu + 1/s - 1)) or "linear" (mu / (mu + 1/s - 1)).
        base_image_seq_len, max_image_seq_len: token counts where mu is base_shift / max_shift
            (256 and 8192; mu is extrapolated linearly outside).
        base_shift, max_shift: mu at those token counts (0.5 and 0.9).
        shift: static shift s * sigma / (1 + (s - 1) * sigma), used without dynamic shifting.
        shift_terminal: the last non-zero sigma after stretching (0.02); None turns it off.
    """

    num_train_timesteps: int = 1000
    use_dynamic_shifting: bool = True
    time_shift_type: str = "exponential"
    base_image_seq_len: int = 256
    max_image_seq_len: int = 8192
    base_shift: float = 0.5
    max_shift: float = 0.9
    shift: float = 1.0
    shift_terminal: float | None = 0.02

    @classmethod
    def from_dict(cls, config: Mapping[str, Any]) -> FlowMatchConfig:
        """Read the keys this schedule uses from a diffusers `scheduler_config.json` dict.

        Keys that would change the schedule but are not implemented here (Karras, exponential
        or beta sigmas, stochastic sampling, inverted sigmas) raise ValueError when set.
        """
        for key in (
            "use_karras_sigmas",
            "use_exponential_sigmas",
            "use_beta_sigmas",
            "stochastic_sampling",
            "invert_sigmas",
        ):
            if config.get(key):
                raise ValueError(f"scheduler config: {key}=True is not supported")
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in config.items() if k in names})

    @classmethod
    def from_file(cls, path: str | Path) -> FlowMatchConfig:
        return cls.from_dict(json.loads(Path(path).read_text()))

    def to_dict(self) -> dict[str, Any]:
        """The diffusers `FlowMatchEulerDiscreteScheduler` keyword arguments for this config."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


RELEASED = FlowMatchConfig()
"""The scheduler shipped with `Qwen/Qwen-Image`."""


def calculate_shift(
    image_seq_len: int,
    base_seq_len: int = 256,
    max_seq_len: int = 8192,
    base_shift: float = 0.5,
    max_shift: float = 0.9,
) -> float:
    """mu, linear in the image token count: base_shift at base_seq_len, max_shift at max_seq_len."""
    slope = (max_shift - base_shift) / (max_seq_len - base_seq_len)
    intercept = base_shift - slope * base_seq_len
    return image_seq_len * slope + intercept


def base_sigmas(num_steps: int) -> np.ndarray:
    """linspace(1, 1/N, N) in float32, the unshifted noise levels of N steps."""
    return np.linspace(1.0, 1.0 / num_steps, num_steps).astype(np.float32)


def time_shift_exponential(mu: float, sigmas: np.ndarray) -> np.ndarray:
    """e^mu / (e^mu + (1/sigma - 1)): more steps at high noise as mu grows."""
    return math.exp(mu) / (math.exp(mu) + (1 / sigmas - 1))


def time_shift_linear(mu: float, sigmas: np.ndarray) -> np.ndarray:
    """mu / (mu + (1/sigma - 1))."""
    return mu / (mu + (1 / sigmas - 1))


def stretch_to_terminal(sigmas: np.ndarray, terminal: float) -> np.ndarray:
    """Affinely rescale 1 - sigma so that the last sigma becomes `terminal` (the first stays)."""
    one_minus = 1 - sigmas
    if one_minus[-1] == 0:
        raise ValueError("stretch_to_terminal: the last sigma is 1; use at least 2 steps")
    scale = one_minus[-1] / (1 - terminal)
    return 1 - (one_minus / scale)


def sigma_schedule(
    num_steps: int, image_seq_len: int, config: FlowMatchConfig = RELEASED
) -> tuple[torch.Tensor, torch.Tensor]:
    """(sigmas, timesteps) for `num_steps` Euler steps over `image_seq_len` image tokens.

    sigmas has N + 1 float32 entries ending with 0; timesteps = sigmas[:N] * num_train_timesteps.
    """
    if num_steps < 1:
        raise ValueError(f"num_steps={num_steps}: need at least one step")
    sigmas = base_sigmas(num_steps)
    if config.use_dynamic_shifting:
        mu = calculate_shift(
            image_seq_len,
            config.base_image_seq_len,
            config.max_image_seq_len,
            config.base_shift,
            config.max_shift,
        )
        if config.time_shift_type == "exponential":
            sigmas = time_shift_exponential(mu, sigmas)
        elif config.time_shift_type == "linear":
            sigmas = time_shift_linear(mu, sigmas)
        else:
            raise ValueError(
                f"time_shift_type={config.time_shift_type!r}: expected 'exponential' or 'linear'"
            )
    else:
        sigmas = config.shift * sigmas / (1 + (config.shift - 1) * sigmas)
    if config.shift_terminal:
        sigmas = stretch_to_terminal(sigmas, config.shift_terminal)
    sigmas = torch.from_numpy(np.asarray(sigmas)).to(torch.float32)
    timesteps = sigmas * config.num_train_timesteps
    return torch.cat([sigmas, sigmas.new_zeros(1)]), timesteps


def euler_step(
    sample: torch.Tensor, velocity: torch.Tensor, sigma: torch.Tensor, sigma_next: torch.Tensor
) -> torch.Tensor:
    """x_{next} = x + (sigma_next - sigma) * v, computed in float32."""
    return sample.float() + (sigma_next - sigma) * velocity.float()
