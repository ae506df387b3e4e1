"""Qwen-Image's MMDiT: 60 dual-stream blocks with joint attention and MSRoPE (20.4B parameters).

Written from the Qwen-Image technical report (arXiv 2508.02324) and the reference notes in
`shared/reference/qwen-image.md`. Module and parameter names are those of diffusers'
`QwenImageTransformer2DModel`, so a state dict moves between the two with a strict
`load_state_dict` in either direction, and checkpoints in the diffusers layout (the released
`Qwen/Qwen-Image/transformer` folder, community LoRAs keyed by module name) load unchanged.

One forward pass, for packed latents `x` (B, N_img, 64) and text features `c` (B, N_txt, 3584):

    img = img_in(x)                      txt = txt_in(RMSNorm(c))
    temb = MLP(sinusoid(1000 * t))       (t = sigma in (0, 1], cast to the weights' dtype first)
    60 x block:  each stream s gets its own (shift, scale, gate) x 2 from Linear(SiLU(temb));
                 s += gate1 * JointAttention(LN(s) * (1 + scale1) + shift1)
                 s += gate2 * MLP(LN(s) * (1 + scale2) + shift2)
    out = proj_out(LN(img) * (1 + scale) + shift)    (norm_out: scale first, then shift)

Joint attention projects each stream with its own weights, RMS-normalises q and k per head,
rotates them with MSRoPE, and runs one `scaled_dot_product_attention` over the sequence
[text, image]. MSRoPE (§1.4 of the notes) gives an image token at (frame f, row r, column c) the
positions (f, r, c) with rows and columns centred on the image (r in -(h - h//2) .. h//2 - 1),
and text token j the position m + j on all three axes, m = max(h//2, w//2): the text sits on the
diagonal just past the image. The rotation multiplies adjacent pairs (x[2k], x[2k+1]) as complex
numbers; the frequency tables are computed on the fly and are not part of the state dict.

Differences from diffusers, on purpose:
- no attention mask is passed when no text token is padded (mask None or all ones), so SDPA can
  use its fast kernels; diffusers passes an all-ones mask whenever it gets one;
- positions are computed directly instead of being looked up in 4096-entry tables, so there is
  no 4096 limit per axis (results are identical below it);
- per-head RMSNorm uses `F.rms_norm` (fused on CUDA), and the adaLN modulation and the gated
  residuals are fused multiply-adds (`addcmul`): the same maths, identical to 1e-6 in fp32 and
  within a rounding of diffusers' separate steps in bf16;
- the Edit-2511 / Layered switches (`zero_cond_t`, `use_additional_t_cond`, `use_layer3d_rope`)
  are accepted as configuration keys but only their released-T2I value (False) is implemented.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.checkpoint import checkpoint

ROPE_THETA = 10000.0
"""Base of the rotary frequencies, theta^(-2k/d) per axis (fixed in the released model)."""

TIMESTEP_CHANNELS = 256
"""Width of the sinusoidal timestep features fed to `time_text_embed.timestep_embedder`."""

TIMESTEP_SCALE = 1000.0
"""The model receives sigma in (0, 1]; the sinusoid sees 1000 * sigma."""

NORM_EPS = 1e-6
"""Epsilon of every LayerNorm and RMSNorm in the model."""

DIFFUSERS_CLASS_NAME = "QwenImageTransformer2DModel"
"""`_class_name` written to and expected in a diffusers-format `config.json`."""

ImageShape = tuple[int, int, int]


# --------------------------------------------------------------------------------------------
# Layers


class RMSNorm(nn.Module):
    """RMSNorm with a learned weight, computed in fp32: `x * rsqrt(mean(x^2) + eps) * weight`."""

    def __init__(self, dim: int, eps: float = NORM_EPS):
        super().__init__()
        self.eps = eps
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x.to(self.weight.dtype)
        return F.rms_norm(x, self.weight.shape, self.weight, self.eps)

    def reset_parameters(self) -> None:
        nn.init.ones_(self.weight)


def _layer_norm(x: torch.Tensor) -> torch.Tensor:
    """LayerNorm without affine parameters (every LayerNorm of this model)."""
    return F.layer_norm(x, x.shape[-1:], eps=NORM_EPS)


def _modulated_norm(x: torch.Tensor, shift: torch.Tensor, scale: torch.Tensor) -> torch.Tensor:
    """LN(x) * (1 + scale) + shift, as one fused multiply-add (one pass over x, not two)."""
    return torch.addcmul(shift, _layer_norm(x), 1 + scale)


class GeluProjection(nn.Module):
    """Linear followed by tanh-approximated GELU (`net.0` of the MLP; the Linear is `proj`)."""

    def __init__(self, dim: int, hidden_dim: int):
        super().__init__()
        self.proj = nn.Linear(dim, hidden_dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.proj(x), approximate="tanh")


class FeedForward(nn.Module):
    """dim -> 4*dim (GELU tanh) -> dim, laid out as `net.0.proj`, `net.1` (dropout 0), `net.2`."""

    def __init__(self, dim: int, mult: int = 4):
        super().__init__()
        self.net = nn.ModuleList(
            [GeluProjection(dim, mult * dim), nn.Dropout(0.0), nn.Linear(mult * dim, dim)]
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for layer in self.net:
            x = layer(x)
        return x


class TimestepEmbedding(nn.Module):
    """Sinusoidal features of 1000 * sigma -> Linear -> SiLU -> Linear (`timestep_embedder`)."""

    def __init__(self, dim: int):
        super().__init__()
        self.linear_1 = nn.Linear(TIMESTEP_CHANNELS, dim)
        self.linear_2 = nn.Linear(dim, dim)

    def forward(self, sinusoid: torch.Tensor) -> torch.Tensor:
        return self.linear_2(F.silu(self.linear_1(sinusoid)))


class TimeTextEmbed(nn.Module):
    """Holds `timestep_embedder`; named `time_text_embed` after the diffusers module."""

    def __init__(self, dim: int):
        super().__init__()
        self.timestep_embedder = TimestepEmbedding(dim)

    def forward(self, timestep: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
        return self.timestep_embedder(timestep_sinusoid(timestep).to(dtype))


def timestep_sinusoid(timestep: torch.Tensor) -> torch.Tensor:
    """[cos(1000 t f_k), sin(1000 t f_k)] with f_k = 10000^(-k/128), k = 0..127, in fp32.

    The product is formed as (t * f_k) * 1000, in that order, as in the released code: at
    arguments near 1000 the fp32 rounding of the order shows at the 1e-5 level.
    """
    half = TIMESTEP_CHANNELS // 2
    exponent = -math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=timestep.device)
    freqs = torch.exp(exponent / half)
    angles = (timestep.float()[:, None] * freqs[None, :]) * TIMESTEP_SCALE
    return torch.cat([torch.cos(angles), torch.sin(angles)], dim=-1)


class AdaNormOut(nn.Module):
    """Final adaptive LayerNorm: `linear(SiLU(temb))` gives (scale, shift), in that order."""

    def __init__(self, dim: int):
        super().__init__()
        self.linear = nn.Linear(dim, 2 * dim)

    def forward(self, x: torch.Tensor, temb: torch.Tensor) -> torch.Tensor:
        scale, shift = self.linear(F.silu(temb).to(x.dtype))[:, None].chunk(2, dim=-1)
        return _modulated_norm(x, shift, scale)


# --------------------------------------------------------------------------------------------
# MSRoPE


def _axis_inverse_frequencies(axis_dim: int, device: torch.device) -> torch.Tensor:
    """theta^(-(0, 2, ..., d-2)/d) for one axis of `axis_dim` real dimensions."""
    exponents = torch.arange(0, axis_dim, 2, device=device).to(torch.float32).div(axis_dim)
    return 1.0 / torch.pow(ROPE_THETA, exponents)


def msrope_angles(
    images: Sequence[ImageShape], text_len: int, axes_dims: Sequence[int], device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Rotation angles (in radians) for the image tokens and the text tokens.

    `images` lists the (frames, rows, cols) patch grids in sequence order (one for text-to-image;
    image i gets frame positions i..i+frames-1). Returns (N_img, head_dim/2) and
    (text_len, head_dim/2) float32 tensors; the columns are [frame | row | col] frequencies.
    """
    inv = [_axis_inverse_frequencies(d, device) for d in axes_dims]
    blocks = []
    text_start = 0
    for index, (frames, rows, cols) in enumerate(images):
        f = torch.arange(index, index + frames, device=device)
        r = torch.arange(-(rows - rows // 2), rows // 2, device=device)
        c = torch.arange(-(cols - cols // 2), cols // 2, device=device)
        parts = (
            torch.outer(f, inv[0])[:, None, None, :].expand(frames, rows, cols, -1),
            torch.outer(r, inv[1])[None, :, None, :].expand(frames, rows, cols, -1),
            torch.outer(c, inv[2])[None, None, :, :].expand(frames, rows, cols, -1),
        )
        blocks.append(torch.cat(parts, dim=-1).reshape(frames * rows * cols, -1))
        text_start = max(text_start, rows // 2, cols // 2)
    positions = torch.arange(text_start, text_start + text_len, device=device)
    text = torch.cat([torch.outer(positions, f) for f in inv], dim=-1)
    return torch.cat(blocks, dim=0), text


def apply_rope(x: torch.Tensor, rotation: torch.Tensor) -> torch.Tensor:
    """Rotate adjacent pairs (x[2k], x[2k+1]) of x (B, S, H, D) as complex numbers, in fp32.

    `rotation` holds e^(i * angle), complex64 (S, D/2). One complex product is one kernel
    (the real cos/sin form needs six), and is what the released code computes.
    """
    pairs = torch.view_as_complex(x.float().unflatten(-1, (-1, 2)))
    return torch.view_as_real(pairs * rotation[:, None, :]).flatten(-2).type_as(x)


def _normalise_img_shapes(img_shapes: Any) -> tuple[ImageShape, ...]:
    """The image grids of one sample, from the forms the diffusers pipelines pass.

    Accepted: `[(f, h, w)] * B`, `[[(f, h, w), ...]] * B` (several images per sample, e.g. Edit)
    or a bare `(f, h, w)`. Every sample of the batch must share its grids.
    """
    if len(img_shapes) == 3 and all(isinstance(v, int) for v in img_shapes):
        img_shapes = [img_shapes]

    def as_images(entry: Any) -> tuple[ImageShape, ...]:
        if len(entry) == 3 and all(isinstance(v, int) for v in entry):
            return (tuple(int(v) for v in entry),)
        return tuple(tuple(int(v) for v in shape) for shape in entry)

    per_sample = [as_images(entry) for entry in img_shapes]
    if any(images != per_sample[0] for images in per_sample):
        raise ValueError(
            f"img_shapes: every sample of a batch must share its grids, got {img_shapes}"
        )
    return per_sample[0]


# --------------------------------------------------------------------------------------------
# Blocks


class JointAttention(nn.Module):
    """Attention over [text, image]; each stream has its own projections and q/k norms."""

    def __init__(self, dim: int, num_heads: int, head_dim: int):
        super().__init__()
        inner = num_heads * head_dim
        self.num_heads = num_heads
        self.head_dim = head_dim
        self.to_q = nn.Linear(dim, inner)
        self.to_k = nn.Linear(dim, inner)
        self.to_v = nn.Linear(dim, inner)
        self.add_q_proj = nn.Linear(dim, inner)
        self.add_k_proj = nn.Linear(dim, inner)
        self.add_v_proj = nn.Linear(dim, inner)
        self.norm_q = RMSNorm(head_dim)
        self.norm_k = RMSNorm(head_dim)
        self.norm_added_q = RMSNorm(head_dim)
        self.norm_added_k = RMSNorm(head_dim)
        self.to_out = nn.ModuleList([nn.Linear(inner, dim), nn.Dropout(0.0)])
        self.to_add_out = nn.Linear(inner, dim)

    def forward(
        self,
        img: torch.Tensor,
        txt: torch.Tensor,
        rope: tuple[torch.Tensor, torch.Tensor],
        mask: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        img_rotation, txt_rotation = rope

        def heads(t: torch.Tensor) -> torch.Tensor:
            return t.unflatten(-1, (-1, self.head_dim))  # (B, S, H, D)

        img_q = apply_rope(self.norm_q(heads(self.to_q(img))), img_rotation)
        img_k = apply_rope(self.norm_k(heads(self.to_k(img))), img_rotation)
        txt_q = apply_rope(self.norm_added_q(heads(self.add_q_proj(txt))), txt_rotation)
        txt_k = apply_rope(self.norm_added_k(heads(self.add_k_proj(txt))), txt_rotation)
        q = torch.cat([txt_q, img_q], dim=1).transpose(1, 2)  # (B, H, S, D)
        k = torch.cat([txt_k, img_k], dim=1).transpose(1, 2)
        v = torch.cat([heads(self.add_v_proj(txt)), heads(self.to_v(img))], dim=1).transpose(1, 2)

        out = F.scaled_dot_product_attention(q, k, v, attn_mask=mask)
        out = out.transpose(1, 2).flatten(2).to(q.dtype)
        n_txt = txt.shape[1]
        return self.to_out[0](out[:, n_txt:]), self.to_add_out(out[:, :n_txt])


class QwenImageTransformerBlock(nn.Module):
    """Dual-stream block: adaLN-modulated joint attention, then an adaLN-modulated MLP each."""

    def __init__(self, dim: int, num_heads: int, head_dim: int):
        super().__init__()
        self.img_mod = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))
        self.txt_mod = nn.Sequential(nn.SiLU(), nn.Linear(dim, 6 * dim))
        self.attn = JointAttention(dim, num_heads, head_dim)
        self.img_mlp = FeedForward(dim)
        self.txt_mlp = FeedForward(dim)

    def forward(
        self,
        img: torch.Tensor,
        txt: torch.Tensor,
        temb: torch.Tensor,
        rope: tuple[torch.Tensor, torch.Tensor],
        mask: torch.Tensor | None,
    ) -> tuple[torch.Tensor, torch.Tensor]:
        # Six (B, 1, dim) vectors per stream, in the order shift, scale, gate (attention), then
        # shift, scale, gate (MLP).
        img_mod = self.img_mod(temb)[:, None].chunk(6, dim=-1)
        txt_mod = self.txt_mod(temb)[:, None].chunk(6, dim=-1)
        img_shift1, img_scale1, img_gate1, img_shift2, img_scale2, img_gate2 = img_mod
        txt_shift1, txt_scale1, txt_gate1, txt_shift2, txt_scale2, txt_gate2 = txt_mod

        img_attn, txt_attn = self.attn(
            _modulated_norm(img, img_shift1, img_scale1),
            _modulated_norm(txt, txt_shift1, txt_scale1),
            rope,
            mask,
        )
        # x + gate * f(...), fused
        img = torch.addcmul(img, img_gate1, img_attn)
        txt = torch.addcmul(txt, txt_gate1, txt_attn)

        img_mlp = self.img_mlp(_modulated_norm(img, img_shift2, img_scale2))
        txt_mlp = self.txt_mlp(_modulated_norm(txt, txt_shift2, txt_scale2))
        img = torch.addcmul(img, img_gate2, img_mlp)
        txt = torch.addcmul(txt, txt_gate2, txt_mlp)

        if img.dtype == torch.float16:
            img = img.clip(-65504, 65504)
            txt = txt.clip(-65504, 65504)
        return img, txt


# --------------------------------------------------------------------------------------------
# Model


class QwenImageTransformer(nn.Module):
    """The Qwen-Image MMDiT. Defaults are the released 20B checkpoint (`Qwen/Qwen-Image`).

    Configuration keys are those of diffusers' `QwenImageTransformer2DModel`. The constructor is
    strict (a typo is a TypeError); `from_config(dict)` reads a diffusers `config.json`,
    skipping private `_...` keys silently and unknown keys (the released config's
    `pooled_projection_dim`) with a warning.

    Args:
        patch_size: side of the square latent patch packed into one token (2: a token holds
            2x2 latent pixels).
        in_channels: features per packed token on input, latent channels x patch_size^2
            (16 x 4 = 64).
        out_channels: latent channels predicted per latent pixel (16); `proj_out` emits
            patch_size^2 * out_channels per token. None means in_channels.
        num_layers: number of dual-stream blocks (60).
        attention_head_dim: width of one attention head (128).
        num_attention_heads: number of heads (24); model width = heads x head_dim = 3072.
        joint_attention_dim: width of the text-encoder features (3584, Qwen2.5-VL-7B).
        guidance_embeds: guidance-distilled variant; no such checkpoint exists, must be False.
        axes_dims_rope: rotary dimensions per (frame, row, col) axis; must sum to head_dim
            ((16, 56, 56)).
        zero_cond_t, use_additional_t_cond, use_layer3d_rope: Edit-2511 / Layered variants;
            not implemented here, must be False.
    """

    def __init__(
        self,
        *,
        patch_size: int = 2,
        in_channels: int = 64,
        out_channels: int | None = 16,
        num_layers: int = 60,
        attention_head_dim: int = 128,
        num_attention_heads: int = 24,
        joint_attention_dim: int = 3584,
        guidance_embeds: bool = False,
        axes_dims_rope: Sequence[int] = (16, 56, 56),
        zero_cond_t: bool = False,
        use_additional_t_cond: bool = False,
        use_layer3d_rope: bool = False,
    ):
        super().__init__()
        for name, value in (
            ("guidance_embeds", guidance_embeds),
            ("zero_cond_t", zero_cond_t),
            ("use_additional_t_cond", use_additional_t_cond),
            ("use_layer3d_rope", use_layer3d_rope),
        ):
            if value:
                raise NotImplementedError(f"{name}=True is not implemented (text-to-image only)")
        axes_dims_rope = tuple(int(d) for d in axes_dims_rope)
        if (
            len(axes_dims_rope) != 3
            or sum(axes_dims_rope) != attention_head_dim
            or any(d % 2 for d in axes_dims_rope)
        ):
            raise ValueError(
                f"axes_dims_rope={axes_dims_rope}: need three even sizes summing to "
                f"attention_head_dim={attention_head_dim}"
            )
        out_channels = out_channels or in_channels
        self._config = {
            "patch_size": patch_size,
            "in_channels": in_channels,
            "out_channels": out_channels,
            "num_layers": num_layers,
            "attention_head_dim": attention_head_dim,
            "num_attention_heads": num_attention_heads,
            "joint_attention_dim": joint_attention_dim,
            "guidance_embeds": guidance_embeds,
            "axes_dims_rope": list(axes_dims_rope),
            "zero_cond_t": zero_cond_t,
            "use_additional_t_cond": use_additional_t_cond,
            "use_layer3d_rope": use_layer3d_rope,
        }
        self.axes_dims_rope = axes_dims_rope
        dim = num_attention_heads * attention_head_dim
        self.inner_dim = dim
        self.gradient_checkpointing = False
        self._rope_cache: dict[tuple, tuple[torch.Tensor, torch.Tensor]] = {}

        self.time_text_embed = TimeTextEmbed(dim)
        self.txt_norm = RMSNorm(joint_attention_dim)
        self.img_in = nn.Linear(in_channels, dim)
        self.txt_in = nn.Linear(joint_attention_dim, dim)
        self.transformer_blocks = nn.ModuleList(
            [
                QwenImageTransformerBlock(dim, num_attention_heads, attention_head_dim)
                for _ in range(num_layers)
            ]
        )
        self.norm_out = AdaNormOut(dim)
        self.proj_out = nn.Linear(dim, patch_size * patch_size * out_channels)

    # ---- configuration -------------------------------------------------------------------

    @property
    def config(self) -> dict[str, Any]:
        """The constructor keywords, as they go into a diffusers `config.json`."""
        return dict(self._config)

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> QwenImageTransformer:
        """Build from a diffusers config dict; unknown keys are dropped with a warning."""
        return cls(**config_kwargs(config, source="config"))

    @property
    def dtype(self) -> torch.dtype:
        return self.img_in.weight.dtype

    @property
    def device(self) -> torch.device:
        return self.img_in.weight.device

    def enable_gradient_checkpointing(self, enabled: bool = True) -> None:
        """Recompute each block in the backward pass instead of storing its activations."""
        self.gradient_checkpointing = enabled

    @torch.no_grad()
    def init_weights(self) -> None:
        """Fresh random weights (PyTorch's Linear init, norms at 1), e.g. after `to_empty`."""
        for module in self.modules():
            if isinstance(module, nn.Linear | RMSNorm):
                module.reset_parameters()

    # ---- I/O (see loading.py) ------------------------------------------------------------

    @classmethod
    def from_pretrained(
        cls,
        folder: str | Path,
        *,
        dtype: torch.dtype = torch.bfloat16,
        device: str | torch.device = "cpu",
    ) -> QwenImageTransformer:
        """Load a diffusers-format transformer folder without materialising random weights."""
        from modelhub.qwen_image.loading import load_transformer

        return load_transformer(folder, dtype=dtype, device=device)

    def save_pretrained(self, folder: str | Path, *, max_shard_size: int | str = "10GB") -> None:
        """Write config.json and (sharded) safetensors in the diffusers layout."""
        from modelhub.qwen_image.loading import save_transformer

        save_transformer(self, folder, max_shard_size=max_shard_size)

    # ---- forward -------------------------------------------------------------------------

    def rope(
        self, images: tuple[ImageShape, ...], text_len: int, device: torch.device
    ) -> tuple[torch.Tensor, torch.Tensor]:
        """e^(i * angle) for image and text tokens, cached per (grids, text length, device).

        Tables made under `torch.inference_mode` cannot be saved for backward, so inference and
        training keep separate entries.
        """
        key = (images, text_len, str(device), torch.is_inference_mode_enabled())
        if key not in self._rope_cache:
            img, txt = msrope_angles(images, text_len, self.axes_dims_rope, device)
            if len(self._rope_cache) >= 16:
                self._rope_cache.clear()
            self._rope_cache[key] = (
                torch.polar(torch.ones_like(img), img),
                torch.polar(torch.ones_like(txt), txt),
            )
        return self._rope_cache[key]

    def forward(
        self,
        hidden_states: torch.Tensor,
        encoder_hidden_states: torch.Tensor,
        encoder_hidden_states_mask: torch.Tensor | None,
        timestep: torch.Tensor | float,
        img_shapes: Sequence[Any],
    ) -> torch.Tensor:
        """Predict the flow-matching velocity (noise - data) for packed latents.

        Args:
            hidden_states: packed noisy latents (B, N_img, in_channels).
            encoder_hidden_states: text features (B, N_txt, joint_attention_dim).
            encoder_hidden_states_mask: (B, N_txt), 1/True for real tokens, 0/False for
                padding; None (or all ones) means nothing is padded and no mask reaches SDPA.
            timestep: sigma in [0, 1] per sample (B,), or one value for the whole batch.
            img_shapes: patch grids (frames, rows, cols), as diffusers passes them:
                `[[(1, H/16, W/16)]] * B` or `[(1, H/16, W/16)]`; sum of f*h*w must be N_img.

        Returns:
            The velocity (B, N_img, patch_size^2 * out_channels), in the weights' dtype.
        """
        batch, n_img, _ = hidden_states.shape
        images = _normalise_img_shapes(img_shapes)
        if sum(f * h * w for f, h, w in images) != n_img:
            raise ValueError(
                f"img_shapes {images} describe a different number of tokens than {n_img}"
            )
        img = self.img_in(hidden_states)
        timestep = torch.as_tensor(timestep, device=img.device).reshape(-1).expand(batch)
        timestep = timestep.to(img.dtype)  # in bf16, sigma is rounded here, before the sinusoid
        txt = self.txt_in(self.txt_norm(encoder_hidden_states))
        temb = self.time_text_embed(timestep, img.dtype)
        rope = self.rope(images, txt.shape[1], img.device)
        mask = joint_attention_mask(encoder_hidden_states_mask, n_img)

        for block in self.transformer_blocks:
            if self.gradient_checkpointing and torch.is_grad_enabled():
                img, txt = checkpoint(block, img, txt, temb, rope, mask, use_reentrant=False)
            else:
                img, txt = block(img, txt, temb, rope, mask)

        return self.proj_out(self.norm_out(img, temb))


def joint_attention_mask(text_mask: torch.Tensor | None, n_img: int) -> torch.Tensor | None:
    """Boolean key mask (B, 1, 1, N_txt + N_img) for [text, image], or None if nothing is padded.

    Checking for "all ones" reads the mask on the host (one sync per forward); an all-ones mask
    would otherwise turn off the flash and cuDNN attention kernels.
    """
    if text_mask is None:
        return None
    text_mask = text_mask.to(torch.bool)
    if bool(text_mask.all()):
        return None
    image_mask = text_mask.new_ones(text_mask.shape[0], n_img)
    return torch.cat([text_mask, image_mask], dim=1)[:, None, None, :]


_CONSTRUCTOR_KEYS = (
    "patch_size",
    "in_channels",
    "out_channels",
    "num_layers",
    "attention_head_dim",
    "num_attention_heads",
    "joint_attention_dim",
    "guidance_embeds",
    "axes_dims_rope",
    "zero_cond_t",
    "use_additional_t_cond",
    "use_layer3d_rope",
)


def config_kwargs(config: Mapping[str, Any], *, source: str) -> dict[str, Any]:
    """Constructor keywords from a diffusers config; warns about keys the model does not use."""
    unknown = sorted(k for k in config if k not in _CONSTRUCTOR_KEYS and not k.startswith("_"))
    if unknown:
        warnings.warn(
            f"{source}: ignoring unknown QwenImageTransformer keys {unknown}",
            UserWarning,
            stacklevel=3,
        )
    return {k: v for k, v in config.items() if k in _CONSTRUCTOR_KEYS}
