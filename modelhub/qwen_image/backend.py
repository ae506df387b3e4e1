"""The in-repo Qwen-Image as a model-registry backend (``backend = "qwen-image"``).

The spec's ``weights`` is a local folder in the diffusers layout (transformer/, vae/,
text_encoder/, optionally tokenizer/ and scheduler/), as the released Qwen/Qwen-Image, the demo
checkpoints and a merged DPO run all are. Unset sampler settings take the report's defaults:
50 steps, true CFG 4.0 with the negative prompt " ", 1328 x 1328.
"""

from pathlib import Path
from typing import Any

from modelhub.registry.backends import (
    Backend,
    GenerationPipeline,
    LoadError,
    resolve_device,
    resolve_dtype,
    weights_folder,
)
from modelhub.registry.spec import ContestantSpec

DEFAULTS = {
    "steps": 50,
    "true_cfg_scale": 4.0,
    "negative_prompt": " ",
    "width": 1328,
    "height": 1328,
}


class QwenImageBackend(Backend):
    name = "qwen-image"
    option_names = frozenset()

    def load(self, spec: ContestantSpec) -> "QwenImageGeneration":
        from modelhub.qwen_image.pipeline import QwenImagePipeline
        from modelhub.qwen_image.schedule import FlowMatchConfig

        folder = _folder(spec)
        device = resolve_device(spec.device)
        dtype = resolve_dtype(spec.dtype, device)
        try:
            pipe = QwenImagePipeline.from_pretrained(folder, dtype=dtype, device=device)
        except (OSError, ValueError, KeyError) as exc:
            raise LoadError(f"cannot load Qwen-Image from {folder}: {exc}") from exc
        if spec.sampler.scheduler:
            overrides = {k: v for k, v in spec.sampler.scheduler.items() if k != "class"}
            try:
                pipe.scheduler = FlowMatchConfig.from_dict(
                    {**pipe.scheduler.to_dict(), **overrides}
                )
            except (TypeError, ValueError) as exc:
                raise LoadError(f"contestant {spec.name!r}: sampler.scheduler: {exc}") from exc
        return QwenImageGeneration(pipe, spec, dtype)


class QwenImageGeneration(GenerationPipeline):
    def __init__(self, pipe, spec: ContestantSpec, dtype):
        self.pipe = pipe
        sampler = spec.sampler
        cfg = sampler.true_cfg_scale if sampler.true_cfg_scale is not None else sampler.guidance
        chosen = {
            "steps": sampler.steps,
            "true_cfg_scale": cfg,
            "negative_prompt": sampler.negative_prompt,
            "width": sampler.width,
            "height": sampler.height,
        }
        self.call = {k: (DEFAULTS[k] if v is None else v) for k, v in chosen.items()}
        self.options: dict[str, Any] = dict(sampler.options)
        self.settings = {
            "backend": "qwen-image",
            "sampler": "flow-match euler",
            "guidance": self.call["true_cfg_scale"],
            "dtype": str(dtype).removeprefix("torch."),
            **self.call,
            **{k: v for k, v in self.options.items() if isinstance(v, str | int | float | bool)},
        }

    def generate(self, prompts: list[str], seeds: list[int]) -> list:
        if len(prompts) != len(seeds):
            raise ValueError(f"{len(prompts)} prompts but {len(seeds)} seeds")
        if not prompts:
            return []
        negative = self.call["negative_prompt"] if self.call["true_cfg_scale"] > 1 else None
        return self.pipe(
            list(prompts),
            negative_prompt=negative,
            true_cfg_scale=self.call["true_cfg_scale"],
            width=self.call["width"],
            height=self.call["height"],
            num_inference_steps=self.call["steps"],
            seed=[int(s) for s in seeds],
            output_type="pil",
            **self.options,
        )


def _folder(spec: ContestantSpec) -> Path:
    folder = weights_folder(spec, "qwen-image")
    missing = [
        part for part in ("transformer", "vae", "text_encoder") if not (folder / part).is_dir()
    ]
    if missing:
        raise LoadError(
            f"weights folder {folder} has no {', '.join(missing)}/ (a Qwen-Image pipeline folder)"
        )
    return folder
