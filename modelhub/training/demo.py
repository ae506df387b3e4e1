"""The demo model: its frozen components, the committed checkpoints, and the arena lineup.

    from modelhub.training.demo import load_demo_pipeline
    pipe = load_demo_pipeline("final")                 # or "early", "untrained", or a folder
    image = pipe("a red circle to the left of a blue square", width=64, height=64,
                 num_inference_steps=50, true_cfg_scale=4.0, seed=0)[0]

`modelhub/checkpoints/demo/` (made by `python -m modelhub.training.train_demo`) holds three
pipeline folders in the diffusers layout of `Qwen/Qwen-Image`:
    final/transformer/        the MMDiT (DEMO_TRANSFORMER): pre-training's EMA weights
                              post-trained with scorer-ranked DPO (`reward_dpo.py`)
    final/vae/                the patch autoencoder (`autoencoder.PatchAutoencoder`)
    final/text_encoder/       Qwen2.5-VL, 2 layers of width 32, taught to read captions, frozen
    pretrained/transformer/   EMA weights at the end of pre-training (post-training's start)
    early/transformer/        EMA weights early in pre-training
pretrained/ and early/ link their vae/ and text_encoder/ to final's (the same frozen parts).
Weights are stored in half precision to stay small and loaded as float32. No tokenizer/ folder:
the offline Qwen2 tokenizer is used, as `QwenImagePipeline.from_pretrained` does without one.
`QwenImagePipeline.from_pretrained` itself reads `vae/` with diffusers' AutoencoderKLQwenImage,
which this VAE is not; `load_demo_pipeline` loads the same folders with the right class.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch

from modelhub.qwen_image.configs import DEMO_TEXT_ENCODER, DEMO_TRANSFORMER
from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.training.autoencoder import PatchAutoencoder

DEMO_DIR = Path(__file__).resolve().parents[1] / "checkpoints" / "demo"
CHECKPOINTS = ("early", "pretrained", "final")
RESOLUTION = 64
"""The demo generates 64x64 images (the resolution of the last training stage)."""


@dataclass(frozen=True)
class DemoContestant:
    """One entry of the arena's demo lineup: a checkpoint and its sampler settings."""

    name: str
    checkpoint: str
    steps: int
    guidance: float
    """true_cfg_scale; 1.0 means no guidance (no negative pass)."""
    description: str

    def pipeline_kwargs(self) -> dict[str, Any]:
        """Keywords for `QwenImagePipeline.__call__` (negative prompt " " when guided)."""
        return {
            "width": RESOLUTION,
            "height": RESOLUTION,
            "num_inference_steps": self.steps,
            "true_cfg_scale": self.guidance,
            "negative_prompt": " " if self.guidance > 1 else None,
        }


DEMO_LINEUP: tuple[DemoContestant, ...] = (
    DemoContestant("demo-final-cfg", "final", 50, 4.0, "final checkpoint, 50 steps, CFG 4"),
    DemoContestant("demo-final-nocfg", "final", 30, 1.0, "final checkpoint, 30 steps, no CFG"),
    DemoContestant("demo-final-4steps", "final", 4, 4.0, "final checkpoint, 4 steps, CFG 4"),
    DemoContestant("demo-early-cfg", "early", 30, 4.0, "early checkpoint, 30 steps, CFG 4"),
)
"""Four contestants of clearly different quality (measured in docs/demo-model.md)."""


# ---- components ----------------------------------------------------------------------------


def build_text_encoder(seed: int = 0, config: dict[str, Any] | None = None):
    """A Qwen2.5-VL with random weights from `seed`, rounded to fp16 (as stored) and kept fp32."""
    from transformers import Qwen2_5_VLConfig, Qwen2_5_VLForConditionalGeneration

    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        config = Qwen2_5_VLConfig(**(config or DEMO_TEXT_ENCODER))
        model = Qwen2_5_VLForConditionalGeneration(config)
    return model.half().float().eval().requires_grad_(False)


def save_text_encoder(model, folder: str | Path) -> None:
    """fp16 safetensors (tied embeddings stored once) and the config, transformers' layout."""
    import copy

    copy.deepcopy(model).half().save_pretrained(str(folder))


def load_text_encoder(folder: str | Path, device: str | torch.device = "cpu"):
    from transformers import Qwen2_5_VLForConditionalGeneration

    model = Qwen2_5_VLForConditionalGeneration.from_pretrained(
        str(folder), dtype=torch.float32, local_files_only=True
    )
    return model.to(device).eval().requires_grad_(False)


def load_components(
    folder: str | Path = DEMO_DIR / "final", device: str | torch.device = "cpu"
) -> dict[str, Any]:
    """The frozen parts of a pipeline folder (vae/, text_encoder/) and the offline tokenizer."""
    from modelhub.qwen_image.tokenizer import qwen2_tokenizer

    folder = Path(folder)
    return {
        "vae": PatchAutoencoder.from_pretrained(folder / "vae").to(device),
        "text_encoder": load_text_encoder(folder / "text_encoder", device),
        "tokenizer": qwen2_tokenizer(),
    }


def install_transformer(source: str | Path, name: str, folder: str | Path = DEMO_DIR) -> Path:
    """Write `source`'s transformer as the committed checkpoint `name` (fp16, about 5 MB).

    `name`/vae and `name`/text_encoder link to final's, which must be there unless `name` is
    "final"; returns the pipeline folder."""
    target = Path(folder) / name
    model = QwenImageTransformer.from_pretrained(source, dtype=torch.float16)
    shutil.rmtree(target / "transformer", ignore_errors=True)
    model.save_pretrained(target / "transformer")
    if name != "final":
        for part in ("vae", "text_encoder"):
            link = target / part
            if not link.is_symlink():
                shutil.rmtree(link, ignore_errors=True)
                link.symlink_to(Path("..") / "final" / part)
    return target


def untrained_transformer(seed: int = 0) -> QwenImageTransformer:
    """DEMO_TRANSFORMER with PyTorch's default random initialisation (the "untrained" model)."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        return QwenImageTransformer(**DEMO_TRANSFORMER).eval()


def checkpoint_folder(checkpoint: str | Path, folder: str | Path = DEMO_DIR) -> Path:
    """The pipeline folder of a committed checkpoint (CHECKPOINTS), or `checkpoint` itself."""
    path = Path(folder) / checkpoint if checkpoint in CHECKPOINTS else Path(checkpoint)
    if not (path / "transformer").is_dir():
        raise FileNotFoundError(
            f"{path}: no transformer/ (expected one of {CHECKPOINTS}, 'untrained' "
            "or a pipeline folder)"
        )
    return path


def load_demo_pipeline(
    checkpoint: str | Path = "final",
    *,
    folder: str | Path = DEMO_DIR,
    device: str | torch.device = "cpu",
    components: dict[str, Any] | None = None,
) -> QwenImagePipeline:
    """The demo model as a `QwenImagePipeline` (float32).

    Args:
        checkpoint: "final", "pretrained" or "early" (the committed checkpoints), "untrained" (the
            architecture with random weights, for comparison), or a pipeline folder with
            transformer/, vae/ and text_encoder/ (e.g. the DPO trainer's merged output); with
            `components` given, also a bare transformer folder.
        folder: where the committed checkpoints live.
        device: where to run.
        components: reuse the frozen parts (`load_components()`) across checkpoints.
    """
    if checkpoint == "untrained":
        parts = components or load_components(Path(folder) / "final", device)
        transformer = untrained_transformer().to(device)
    elif components is not None and (Path(checkpoint) / "config.json").is_file():
        parts = components  # a bare transformer folder, e.g. a training run's EMA snapshot
        transformer = QwenImageTransformer.from_pretrained(
            checkpoint, dtype=torch.float32, device=device
        )
    else:
        path = checkpoint_folder(checkpoint, folder)
        parts = components or load_components(path, device)
        transformer = QwenImageTransformer.from_pretrained(
            path / "transformer", dtype=torch.float32, device=device
        )
    return QwenImagePipeline(transformer=transformer.eval(), **parts)
