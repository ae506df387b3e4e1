"""Qwen-Image text-to-image: text encoding, flow-matching Euler steps with true CFG, decoding.

    pipe = QwenImagePipeline.from_pretrained("/models/Qwen-Image", device="cuda")
    images = pipe(["a red fox in snow", "a neon sign that says 'open'"], seed=[7, 8])

Steps, as in the report and the released diffusers pipeline:
1. Text: each prompt is wrapped in the system template below, run through Qwen2.5-VL's language
   model, and the last hidden state (after the final norm) of the real tokens is kept, minus
   the template prefix (34 tokens with the real tokenizer; counted from the tokenizer here, so
   tiny test tokenizers work too). The template's tail `<|im_end|>\\n<|im_start|>assistant\\n`
   stays. Sequences are right-padded to the longest; the mask is None when nothing is padded.
2. Noise: per image, a (1, 1, C, H/8, W/8) normal draw from its own CPU generator, so image i
   with seed s is the same whatever else is in the batch (up to float rounding of batched
   kernels); packed into 2x2 patches: (B, H/16 * W/16, 4C), feature = c*4 + dy*2 + dx.
3. Sampling: the released schedule (`schedule.py`), N Euler steps x += (sigma' - sigma) * v.
   True CFG when true_cfg_scale > 1 and a negative prompt is given: v = neg + s (cond - neg),
   rescaled per token to the norm of cond. The conditional and negative passes run separately,
   like diffusers, so neither needs padding to the other's length (padding would force a mask
   and slower attention kernels).
4. Decode: unpack, z * std + mean (the VAE's latents statistics), AutoencoderKLQwenImage decode
   of the single frame, [-1, 1] -> [0, 1].

Latents stay float32 between steps and the guidance arithmetic is float32 whatever the model
dtype; the transformer sees them cast to its dtype. (diffusers keeps bf16 latents in bf16.)
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
from PIL import Image
from tqdm.auto import tqdm

from modelhub.qwen_image.schedule import RELEASED, FlowMatchConfig, euler_step, sigma_schedule
from modelhub.qwen_image.transformer import QwenImageTransformer

PROMPT_TEMPLATE = (
    "<|im_start|>system\nDescribe the image by detailing the color, shape, size, texture, "
    "quantity, text, spatial relationships of the objects and background:<|im_end|>\n"
    "<|im_start|>user\n{}<|im_end|>\n<|im_start|>assistant\n"
)
"""The report's text-to-image system template; the user prompt replaces `{}`."""

TOKENIZER_MAX_LENGTH = 1024
"""Prompt tokens kept by the tokenizer, after the template prefix."""


def template_prefix_len(tokenizer) -> int:
    """Tokens of `PROMPT_TEMPLATE` before the prompt (34 with the Qwen2 tokenizer)."""
    return len(tokenizer(PROMPT_TEMPLATE.split("{}")[0])["input_ids"])


def template_tokens(tokenizer, prompts: Sequence[str], prefix_len: int):
    """The text encoder's input: each prompt inside `PROMPT_TEMPLATE`, padded to one length
    (`input_ids` and `attention_mask` tensors). `prefix_len` is the template prefix's token
    count, which `encode_prompt` drops from the features afterwards."""
    return tokenizer(
        [PROMPT_TEMPLATE.format(p) for p in prompts],
        max_length=TOKENIZER_MAX_LENGTH + prefix_len,
        padding=True,
        truncation=True,
        return_tensors="pt",
    )


def text_hidden_states(
    text_encoder, input_ids: torch.Tensor, attention_mask: torch.Tensor
) -> torch.Tensor:
    """(B, L, D) final hidden states of the text encoder, what `encode_prompt` reads features from.

    The language model alone (no lm_head): its last_hidden_state is the full model's
    hidden_states[-1], after the final norm. Runs with gradients when the caller allows them."""
    language_model = getattr(text_encoder, "model", text_encoder)
    return language_model(
        input_ids=input_ids, attention_mask=attention_mask, use_cache=False
    ).last_hidden_state


RESOLUTIONS: dict[str, tuple[int, int]] = {
    "1:1": (1328, 1328),
    "16:9": (1664, 928),
    "9:16": (928, 1664),
    "4:3": (1472, 1104),
    "3:4": (1104, 1472),
    "3:2": (1584, 1056),
    "2:3": (1056, 1584),
}
"""(width, height) per aspect ratio, as recommended in the Qwen-Image README."""


def pack_latents(latents: torch.Tensor) -> torch.Tensor:
    """(B, C, H, W) -> (B, H/2 * W/2, 4C): 2x2 patches, row-major, feature = c*4 + dy*2 + dx."""
    b, c, h, w = latents.shape
    patches = latents.view(b, c, h // 2, 2, w // 2, 2).permute(0, 2, 4, 1, 3, 5)
    return patches.reshape(b, (h // 2) * (w // 2), c * 4)


def unpack_latents(packed: torch.Tensor, height: int, width: int) -> torch.Tensor:
    """Inverse of `pack_latents` for a latent grid of `height` x `width` (latent pixels)."""
    b, _, features = packed.shape
    c = features // 4
    patches = packed.view(b, height // 2, width // 2, c, 2, 2).permute(0, 3, 1, 4, 2, 5)
    return patches.reshape(b, c, height, width)


def _load_vae(folder: Path, dtype: torch.dtype):
    """The VAE of a pipeline folder: the released `AutoencoderKLQwenImage`, or the demo model's
    `PatchAutoencoder` (same interface; named by `_class_name` in its config.json)."""
    import json

    config = folder / "config.json"
    name = json.loads(config.read_text()).get("_class_name") if config.is_file() else None
    if name == "PatchAutoencoder":
        from modelhub.training.autoencoder import PatchAutoencoder

        return PatchAutoencoder.from_pretrained(folder).to(dtype)
    from diffusers import AutoencoderKLQwenImage

    return AutoencoderKLQwenImage.from_pretrained(
        str(folder), torch_dtype=dtype, local_files_only=True
    )


class QwenImagePipeline:
    """Text-to-image with our transformer, Qwen2.5-VL text features and the Qwen-Image VAE.

    Args:
        transformer: the denoiser (`QwenImageTransformer`).
        vae: diffusers `AutoencoderKLQwenImage`; its config gives z_dim, the temporal
            downsampling (spatial factor 2^len) and latents_mean / latents_std.
        text_encoder: transformers `Qwen2_5_VLForConditionalGeneration` or its language model
            (`Qwen2_5_VLTextModel`); only the language model runs.
        tokenizer: a Qwen2 tokenizer (see `tokenizer.qwen2_tokenizer()` for an offline one).
        scheduler: flow-matching settings; defaults to the released scheduler config.
    """

    def __init__(
        self,
        *,
        transformer: QwenImageTransformer,
        vae: Any,
        text_encoder: Any,
        tokenizer: Any,
        scheduler: FlowMatchConfig = RELEASED,
    ):
        self.transformer = transformer
        self.vae = vae
        self.text_encoder = text_encoder
        self.tokenizer = tokenizer
        self.scheduler = scheduler
        self.vae_scale_factor = 2 ** len(vae.config.temperal_downsample)
        self.latent_channels = int(vae.config.z_dim)
        if transformer.config["in_channels"] != 4 * self.latent_channels:
            raise ValueError(
                f"transformer in_channels={transformer.config['in_channels']} does not match "
                f"4 x VAE z_dim={self.latent_channels}"
            )
        self.template_prefix_len = template_prefix_len(tokenizer)

    @classmethod
    def from_pretrained(
        cls,
        folder: str | Path,
        *,
        dtype: torch.dtype = torch.bfloat16,
        device: str | torch.device = "cpu",
    ) -> QwenImagePipeline:
        """Load a local diffusers-format folder (transformer/, vae/, text_encoder/, tokenizer/).

        `scheduler/scheduler_config.json` is read when present (else the released settings);
        without `tokenizer/`, the offline Qwen2 tokenizer is used. Nothing is downloaded.
        """
        from transformers import AutoTokenizer, Qwen2_5_VLForConditionalGeneration

        from modelhub.qwen_image.tokenizer import qwen2_tokenizer

        folder = Path(folder)
        for sub in ("transformer", "vae", "text_encoder"):
            if not (folder / sub).is_dir():
                raise FileNotFoundError(f"{folder / sub}: missing component folder")
        transformer = QwenImageTransformer.from_pretrained(
            folder / "transformer", dtype=dtype, device=device
        )
        vae = _load_vae(folder / "vae", dtype)
        text_encoder = Qwen2_5_VLForConditionalGeneration.from_pretrained(
            str(folder / "text_encoder"), dtype=dtype, local_files_only=True
        )
        if (folder / "tokenizer").is_dir():
            tokenizer = AutoTokenizer.from_pretrained(
                str(folder / "tokenizer"), local_files_only=True
            )
        else:
            tokenizer = qwen2_tokenizer()
        scheduler_file = folder / "scheduler" / "scheduler_config.json"
        scheduler = (
            FlowMatchConfig.from_file(scheduler_file) if scheduler_file.is_file() else RELEASED
        )
        return cls(
            transformer=transformer,
            vae=vae.to(device).eval(),
            text_encoder=text_encoder.to(device).eval(),
            tokenizer=tokenizer,
            scheduler=scheduler,
        )

    @property
    def device(self) -> torch.device:
        return self.transformer.device

    # ---- steps ---------------------------------------------------------------------------

    @torch.inference_mode()
    def encode_prompt(
        self, prompts: Sequence[str], *, max_sequence_length: int = 512
    ) -> tuple[torch.Tensor, torch.Tensor | None]:
        """Text features (B, L, D) in the transformer's dtype, and a (B, L) mask or None."""
        if not 1 <= max_sequence_length <= TOKENIZER_MAX_LENGTH:
            raise ValueError(
                f"max_sequence_length={max_sequence_length}: must be in 1..{TOKENIZER_MAX_LENGTH}"
            )
        drop = self.template_prefix_len
        tokens = template_tokens(self.tokenizer, prompts, drop)
        encoder_device = next(self.text_encoder.parameters()).device
        input_ids = tokens["input_ids"].to(encoder_device)
        attention_mask = tokens["attention_mask"].to(encoder_device)
        hidden = text_hidden_states(self.text_encoder, input_ids, attention_mask)
        kept = [
            h[m.bool()][drop:][:max_sequence_length]
            for h, m in zip(hidden, attention_mask, strict=True)
        ]
        length = max(k.shape[0] for k in kept)
        embeds = hidden.new_zeros(len(kept), length, hidden.shape[-1])
        mask = torch.zeros(len(kept), length, dtype=torch.long, device=hidden.device)
        for i, k in enumerate(kept):
            embeds[i, : k.shape[0]] = k
            mask[i, : k.shape[0]] = 1
        embeds = embeds.to(device=self.device, dtype=self.transformer.dtype)
        return embeds, (None if bool(mask.all()) else mask.to(self.device))

    def initial_noise(
        self,
        generators: torch.Generator | Sequence[torch.Generator],
        batch: int,
        height: int,
        width: int,
    ) -> torch.Tensor:
        """Packed float32 noise (B, N, 4C); one draw per image when given a generator per image."""
        h, w = height // self.vae_scale_factor, width // self.vae_scale_factor
        if isinstance(generators, torch.Generator):
            noise = torch.randn(
                (batch, 1, self.latent_channels, h, w),
                generator=generators,
                device=generators.device,
            )
        else:
            if len(generators) != batch:
                raise ValueError(f"got {len(generators)} generators for {batch} images")
            noise = torch.cat(
                [
                    torch.randn((1, 1, self.latent_channels, h, w), generator=g, device=g.device)
                    for g in generators
                ]
            )
        return pack_latents(noise[:, 0].to(self.device, torch.float32))

    @torch.inference_mode()
    def decode(self, packed: torch.Tensor, height: int, width: int) -> torch.Tensor:
        """Packed normalised latents -> images (B, 3, H, W) in [0, 1], float32."""
        h, w = height // self.vae_scale_factor, width // self.vae_scale_factor
        z = unpack_latents(packed.float(), h, w)
        cfg = self.vae.config
        mean = torch.tensor(cfg.latents_mean, device=z.device).view(1, -1, 1, 1)
        std = torch.tensor(cfg.latents_std, device=z.device).view(1, -1, 1, 1)
        z = (z * std + mean)[:, :, None]  # (B, C, T=1, h, w)
        vae_dtype = next(self.vae.parameters()).dtype
        decoded = self.vae.decode(z.to(vae_dtype), return_dict=False)[0][:, :, 0]
        return (decoded.float() / 2 + 0.5).clamp(0, 1)

    @torch.inference_mode()
    def encode_images(self, images: np.ndarray | Sequence[Image.Image]) -> torch.Tensor:
        """RGB images (B, H, W, 3) uint8, or PIL images -> packed normalised latents (B, N, 4C).

        The inverse of `decode` (up to the VAE's loss): the posterior mode, normalised with the
        VAE's latents_mean / latents_std, packed as the transformer reads it. Training (DPO,
        pre-training) works on these.
        """
        if not isinstance(images, np.ndarray):
            images = np.stack([np.asarray(image.convert("RGB")) for image in images])
        pixels = torch.as_tensor(images).permute(0, 3, 1, 2).float().div(127.5).sub(1)
        vae_dtype = next(self.vae.parameters()).dtype
        vae_device = next(self.vae.parameters()).device
        z = self.vae.encode(pixels[:, :, None].to(vae_device, vae_dtype)).latent_dist.mode()
        z = z[:, :, 0].float()
        cfg = self.vae.config
        mean = torch.tensor(cfg.latents_mean, device=z.device).view(1, -1, 1, 1)
        std = torch.tensor(cfg.latents_std, device=z.device).view(1, -1, 1, 1)
        return pack_latents((z - mean) / std)

    def denoise(
        self,
        latents: torch.Tensor,
        *,
        height: int,
        width: int,
        embeds: torch.Tensor,
        mask: torch.Tensor | None,
        negative: tuple[torch.Tensor, torch.Tensor | None] | None,
        true_cfg_scale: float,
        num_inference_steps: int,
        progress: bool = False,
    ) -> torch.Tensor:
        """Run the Euler steps from packed noise; returns packed float32 latents at sigma = 0."""
        batch = latents.shape[0]
        grid = (1, height // self.vae_scale_factor // 2, width // self.vae_scale_factor // 2)
        img_shapes = [[grid]] * batch
        sigmas, timesteps = sigma_schedule(num_inference_steps, latents.shape[1], self.scheduler)
        sigmas, timesteps = sigmas.to(self.device), timesteps.to(self.device)
        dtype = self.transformer.dtype
        for i in tqdm(range(num_inference_steps), disable=not progress, desc="denoising"):
            # timestep / 1000 as the released pipeline computes it (equals sigma up to one ulp)
            t = (timesteps[i] / self.scheduler.num_train_timesteps).expand(batch)
            x = latents.to(dtype)
            velocity = self.transformer(x, embeds, mask, t, img_shapes).float()
            if negative is not None:
                neg_velocity = self.transformer(x, negative[0], negative[1], t, img_shapes).float()
                guided = neg_velocity + true_cfg_scale * (velocity - neg_velocity)
                cond_norm = torch.linalg.vector_norm(velocity, dim=-1, keepdim=True)
                guided_norm = torch.linalg.vector_norm(guided, dim=-1, keepdim=True)
                velocity = guided * (cond_norm / guided_norm)
            latents = euler_step(latents, velocity, sigmas[i], sigmas[i + 1])
        return latents

    # ---- all together --------------------------------------------------------------------

    @torch.inference_mode()
    def __call__(
        self,
        prompt: str | Sequence[str],
        negative_prompt: str | Sequence[str] | None = " ",
        *,
        true_cfg_scale: float = 4.0,
        width: int = 1328,
        height: int = 1328,
        num_inference_steps: int = 50,
        seed: int | Sequence[int] | None = None,
        generator: torch.Generator | Sequence[torch.Generator] | None = None,
        max_sequence_length: int = 512,
        output_type: Literal["pil", "pt"] = "pil",
        progress: bool = False,
    ) -> list[Image.Image] | torch.Tensor:
        """Generate one image per prompt (or per seed, for a single prompt).

        Args:
            prompt: one prompt, or one per image.
            negative_prompt: the CFG negative (" " as in the README), one per image or one for
                all; None turns guidance off.
            true_cfg_scale: guidance scale; guidance runs when > 1 and a negative is given.
            width, height: pixels, multiples of 16 for the released VAE (`RESOLUTIONS` lists
                the report's sizes).
            num_inference_steps: Euler steps (at least 2 with the released terminal stretch).
            seed: an int (image i gets seed + i), one int per image, or None for random seeds.
                Each image draws its noise from its own CPU generator.
            generator: instead of seeds, one torch.Generator for the whole batch (noise drawn
                in one call, as diffusers does) or one per image.
            max_sequence_length: prompt tokens kept after the template prefix (<= 1024).
            output_type: "pil" for a list of RGB images, "pt" for a float32 (B, 3, H, W) tensor
                in [0, 1] on the pipeline's device.
            progress: show a tqdm bar over the steps.
        """
        prompts, generators = self._batch(prompt, seed, generator)
        batch = len(prompts)
        multiple = 2 * self.vae_scale_factor
        if width % multiple or height % multiple or width <= 0 or height <= 0:
            raise ValueError(
                f"width={width}, height={height}: both must be positive multiples of {multiple}"
            )
        if output_type not in ("pil", "pt"):
            raise ValueError(f"output_type={output_type!r}: expected 'pil' or 'pt'")

        embeds, mask = self.encode_prompt(prompts, max_sequence_length=max_sequence_length)
        negative = None
        if true_cfg_scale > 1 and negative_prompt is not None:
            negatives = (
                [negative_prompt] * batch
                if isinstance(negative_prompt, str)
                else list(negative_prompt)
            )
            if len(negatives) != batch:
                raise ValueError(f"got {len(negatives)} negative prompts for {batch} images")
            negative = self.encode_prompt(negatives, max_sequence_length=max_sequence_length)

        latents = self.initial_noise(generators, batch, height, width)
        latents = self.denoise(
            latents,
            height=height,
            width=width,
            embeds=embeds,
            mask=mask,
            negative=negative,
            true_cfg_scale=true_cfg_scale,
            num_inference_steps=num_inference_steps,
            progress=progress,
        )
        images = self.decode(latents, height, width)
        if output_type == "pt":
            return images
        pixels = (images.permute(0, 2, 3, 1).cpu().numpy() * 255).round().astype(np.uint8)
        return [Image.fromarray(p) for p in pixels]

    @staticmethod
    def _batch(
        prompt: str | Sequence[str],
        seed: int | Sequence[int] | None,
        generator: torch.Generator | Sequence[torch.Generator] | None,
    ) -> tuple[list[str], torch.Generator | list[torch.Generator]]:
        """Prompts (one per image) and the generator(s) their noise comes from."""
        if seed is not None and generator is not None:
            raise ValueError("pass seed or generator, not both")
        if isinstance(generator, torch.Generator):
            count = None
        elif generator is not None:
            generator = list(generator)
            count = len(generator)
        elif seed is None or isinstance(seed, int):
            count = None
        else:
            seed = [int(s) for s in seed]
            count = len(seed)
        if isinstance(prompt, str):
            prompts = [prompt] * (count or 1)
        else:
            prompts = list(prompt)
            if count is not None and count != len(prompts):
                raise ValueError(f"got {len(prompts)} prompts and {count} seeds/generators")
        if not prompts:
            raise ValueError("no prompt given")
        if generator is not None:
            return prompts, generator
        if seed is None:
            seed = [secrets.randbits(63) for _ in prompts]
        elif isinstance(seed, int):
            seed = [seed + i for i in range(len(prompts))]
        return prompts, [torch.Generator("cpu").manual_seed(s) for s in seed]
