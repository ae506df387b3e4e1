"""Tiny diffusers pipelines built from configuration, with offline tokenizers.

Tests, benchmarks and demos need a real pipeline folder without a model hub: these build one
from code (random weights, a byte-level CLIP tokenizer written on the spot) and save it with
``save_pretrained``, so it loads exactly as a released checkpoint would
(``DiffusionPipeline.from_pretrained(folder, local_files_only=True)``).

    python -c "from modelhub.backends.tiny import save_tiny_stable_diffusion as s; s('var/tiny-sd')"
"""

import json
import tempfile
from pathlib import Path

# Widths of the tiny pipelines: ``tiny`` for tests (64x64 images, ~0.1 s per image on a CPU),
# ``small`` for benchmarks (more work per image, so batching has something to amortise).
SIZES = {
    "tiny": {"unet": (4, 8), "vae": (4, 8), "text": 32, "layers": 2, "sample": 32, "groups": 2},
    "small": {
        "unet": (32, 64),
        "vae": (16, 32),
        "text": 64,
        "layers": 2,
        "sample": 32,
        "groups": 8,
    },
}


def offline_clip_tokenizer(max_length: int = 16):
    """A CLIP tokenizer over the 256 byte-level symbols (each also with CLIP's ``</w>``)."""
    from tokenizers.pre_tokenizers import ByteLevel
    from transformers import CLIPTokenizer

    alphabet = sorted(ByteLevel.alphabet())
    vocab = {symbol: i for i, symbol in enumerate(alphabet)}
    vocab.update({symbol + "</w>": len(alphabet) + i for i, symbol in enumerate(alphabet)})
    vocab["<|startoftext|>"] = len(vocab)
    vocab["<|endoftext|>"] = len(vocab)
    with tempfile.TemporaryDirectory() as folder:
        vocab_file = Path(folder) / "vocab.json"
        merges_file = Path(folder) / "merges.txt"
        vocab_file.write_text(json.dumps(vocab))
        merges_file.write_text("#version: 0.2\n")
        return CLIPTokenizer(str(vocab_file), str(merges_file), model_max_length=max_length)


def _clip_text_config(width: int, layers: int, vocab_size: int, max_length: int, **extra):
    from transformers import CLIPTextConfig

    return CLIPTextConfig(
        bos_token_id=vocab_size - 2,
        eos_token_id=vocab_size - 1,
        pad_token_id=vocab_size - 1,
        hidden_size=width,
        intermediate_size=2 * width,
        num_attention_heads=4,
        num_hidden_layers=layers,
        vocab_size=vocab_size,
        max_position_embeddings=max_length,
        layer_norm_eps=1e-5,
        **extra,
    )


def tiny_stable_diffusion(*, size: str = "tiny", seed: int = 0):
    """A ``StableDiffusionPipeline`` with random weights (images of 64x64 pixels)."""
    import torch
    from diffusers import (
        AutoencoderKL,
        DDIMScheduler,
        StableDiffusionPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextModel

    dims = SIZES[size]
    tokenizer = offline_clip_tokenizer()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        unet = UNet2DConditionModel(
            block_out_channels=dims["unet"],
            layers_per_block=1,
            sample_size=dims["sample"],
            in_channels=4,
            out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            cross_attention_dim=dims["text"],
            norm_num_groups=dims["groups"],
        )
        vae = AutoencoderKL(
            block_out_channels=list(dims["vae"]),
            in_channels=3,
            out_channels=3,
            down_block_types=["DownEncoderBlock2D"] * 2,
            up_block_types=["UpDecoderBlock2D"] * 2,
            latent_channels=4,
            norm_num_groups=dims["groups"],
        )
        text_encoder = CLIPTextModel(
            _clip_text_config(dims["text"], dims["layers"], len(tokenizer), 16)
        )
    scheduler = DDIMScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        clip_sample=False,
        set_alpha_to_one=False,
        steps_offset=1,
    )
    return StableDiffusionPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text_encoder,
        tokenizer=tokenizer,
        scheduler=scheduler,
        safety_checker=None,
        feature_extractor=None,
        requires_safety_checker=False,
    )


def tiny_stable_diffusion_xl(*, seed: int = 0):
    """A ``StableDiffusionXLPipeline`` with random weights (two text encoders, 64x64 images)."""
    import torch
    from diffusers import (
        AutoencoderKL,
        EulerDiscreteScheduler,
        StableDiffusionXLPipeline,
        UNet2DConditionModel,
    )
    from transformers import CLIPTextModel, CLIPTextModelWithProjection

    tokenizer = offline_clip_tokenizer()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        unet = UNet2DConditionModel(
            block_out_channels=(4, 8),
            layers_per_block=1,
            sample_size=32,
            in_channels=4,
            out_channels=4,
            down_block_types=("DownBlock2D", "CrossAttnDownBlock2D"),
            up_block_types=("CrossAttnUpBlock2D", "UpBlock2D"),
            attention_head_dim=(2, 4),
            use_linear_projection=True,
            addition_embed_type="text_time",
            addition_time_embed_dim=8,
            transformer_layers_per_block=(1, 2),
            projection_class_embeddings_input_dim=80,  # 6 * 8 + 32
            cross_attention_dim=64,
            norm_num_groups=2,
        )
        vae = AutoencoderKL(
            block_out_channels=[4, 8],
            in_channels=3,
            out_channels=3,
            down_block_types=["DownEncoderBlock2D"] * 2,
            up_block_types=["UpDecoderBlock2D"] * 2,
            latent_channels=4,
            norm_num_groups=2,
            sample_size=64,
        )
        config = _clip_text_config(32, 2, len(tokenizer), 16, projection_dim=32)
        text_encoder = CLIPTextModel(config)
        text_encoder_2 = CLIPTextModelWithProjection(config)
    scheduler = EulerDiscreteScheduler(
        beta_start=0.00085,
        beta_end=0.012,
        beta_schedule="scaled_linear",
        timestep_spacing="leading",
    )
    return StableDiffusionXLPipeline(
        unet=unet,
        vae=vae,
        text_encoder=text_encoder,
        text_encoder_2=text_encoder_2,
        tokenizer=tokenizer,
        tokenizer_2=offline_clip_tokenizer(),
        scheduler=scheduler,
        add_watermarker=False,
    )


def save_tiny_stable_diffusion(folder: str | Path, *, size: str = "tiny", seed: int = 0) -> Path:
    """Build a tiny Stable Diffusion pipeline and save it as a local pipeline folder."""
    folder = Path(folder)
    tiny_stable_diffusion(size=size, seed=seed).save_pretrained(folder)
    return folder


def save_tiny_stable_diffusion_xl(folder: str | Path, *, seed: int = 0) -> Path:
    folder = Path(folder)
    tiny_stable_diffusion_xl(seed=seed).save_pretrained(folder)
    return folder
