"""Any diffusers text-to-image pipeline, loaded from a local folder, as a registry backend.

``DiffusionPipeline.from_pretrained(folder, local_files_only=True)`` reads the folder's
``model_index.json`` and builds whatever pipeline it names (FLUX.1, SD3.5, SDXL, Sana, ...);
nothing is fetched from a hub. Sampler settings a spec leaves unset take that model family's
usual defaults (``FAMILY_DEFAULTS``, keyed by the pipeline class). Watermarkers are turned off:
SDXL's invisible watermark survives re-encoding and would name the model to anyone who decodes
it. Every image gets its own ``torch.Generator`` on the CPU, seeded with its seed, so image ``i``
is the same whatever batch it was made in, and on any device.
"""

import inspect
import json
from dataclasses import dataclass
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


@dataclass(frozen=True)
class FamilyDefaults:
    family: str
    steps: int
    guidance: float | None = None
    true_cfg_scale: float | None = None


# The defaults of each pipeline's __call__ (diffusers 0.42.1), or the model card's where the
# released model wants other values (FLUX.1-schnell: 4 steps, no guidance: set them in its spec).
FAMILY_DEFAULTS: dict[str, FamilyDefaults] = {
    "FluxPipeline": FamilyDefaults("flux", 28, guidance=3.5),
    "Flux2Pipeline": FamilyDefaults("flux2", 50, guidance=4.0),
    "StableDiffusion3Pipeline": FamilyDefaults("sd3", 28, guidance=7.0),
    "StableDiffusionXLPipeline": FamilyDefaults("sdxl", 50, guidance=5.0),
    "StableDiffusionPipeline": FamilyDefaults("sd", 50, guidance=7.5),
    "SanaPipeline": FamilyDefaults("sana", 20, guidance=4.5),
    "SanaSprintPipeline": FamilyDefaults("sana-sprint", 2, guidance=4.5),
    "PixArtSigmaPipeline": FamilyDefaults("pixart", 20, guidance=4.5),
    "HiDreamImagePipeline": FamilyDefaults("hidream", 50, guidance=5.0),
    "Lumina2Pipeline": FamilyDefaults("lumina2", 30, guidance=4.0),
    "ChromaPipeline": FamilyDefaults("chroma", 35, guidance=5.0),
    "ZImagePipeline": FamilyDefaults("z-image", 50, guidance=5.0),
    "QwenImagePipeline": FamilyDefaults("qwen-image", 50, true_cfg_scale=4.0),
}


class DiffusersBackend(Backend):
    name = "diffusers"
    option_names = frozenset({"variant", "cpu_offload"})

    def load(self, spec: ContestantSpec) -> "DiffusersPipeline":
        import diffusers

        folder = _pipeline_folder(spec)
        class_name = _pipeline_class_name(folder)
        pipeline_class = getattr(diffusers, class_name, None)
        if pipeline_class is None:
            raise LoadError(
                f"{folder}/model_index.json names {class_name!r}, which diffusers "
                f"{diffusers.__version__} does not have"
            )
        device = resolve_device(spec.device)
        dtype = resolve_dtype(spec.dtype, device)
        kwargs: dict[str, Any] = {"local_files_only": True, "dtype": dtype}
        if spec.backend_options.get("variant"):
            kwargs["variant"] = spec.backend_options["variant"]
        if "add_watermarker" in inspect.signature(pipeline_class.__init__).parameters:
            kwargs["add_watermarker"] = False
        try:
            pipe = pipeline_class.from_pretrained(folder, **kwargs)
        except (OSError, ValueError, TypeError, KeyError) as exc:
            raise LoadError(f"cannot load the pipeline in {folder}: {exc}") from exc
        # Belt and braces: whatever the constructor did, no watermark is applied.
        if getattr(pipe, "watermark", None) is not None:
            pipe.watermark = None
        if spec.sampler.scheduler:
            pipe.scheduler = _scheduler(pipe.scheduler, dict(spec.sampler.scheduler), diffusers)
        if spec.backend_options.get("cpu_offload"):
            pipe.enable_model_cpu_offload(device=device)
        else:
            pipe.to(device)
        pipe.set_progress_bar_config(disable=True)
        return DiffusersPipeline(pipe, spec, class_name=class_name, dtype=dtype)


class DiffusersPipeline(GenerationPipeline):
    def __init__(self, pipe, spec: ContestantSpec, *, class_name: str, dtype):
        self.pipe = pipe
        self.class_name = class_name
        self.call_kwargs, self.negative_prompt = _call_kwargs(pipe, spec, class_name)
        self.settings = {
            "backend": "diffusers",
            "pipeline": class_name,
            "steps": self.call_kwargs.get("num_inference_steps"),
            "guidance": self.call_kwargs.get("guidance_scale"),
            "true_cfg_scale": self.call_kwargs.get("true_cfg_scale"),
            "negative_prompt": self.negative_prompt,
            "width": self.call_kwargs.get("width"),
            "height": self.call_kwargs.get("height"),
            "scheduler": type(pipe.scheduler).__name__,
            "dtype": str(dtype).removeprefix("torch."),
            **{k: v for k, v in spec.sampler.options.items() if _json_scalar(v)},
        }
        self.settings = {k: v for k, v in self.settings.items() if v is not None}

    def generate(self, prompts: list[str], seeds: list[int]) -> list:
        import torch

        if len(prompts) != len(seeds):
            raise ValueError(f"{len(prompts)} prompts but {len(seeds)} seeds")
        if not prompts:
            return []
        generators = [torch.Generator("cpu").manual_seed(int(seed)) for seed in seeds]
        kwargs = dict(self.call_kwargs)
        if self.negative_prompt is not None:
            kwargs["negative_prompt"] = [self.negative_prompt] * len(prompts)
        with torch.inference_mode():
            output = self.pipe(
                prompt=list(prompts), generator=generators, output_type="pil", **kwargs
            )
        images = list(output.images)
        if len(images) != len(prompts):
            raise RuntimeError(f"the pipeline returned {len(images)} images for {len(prompts)}")
        return images


# --- Helpers --------------------------------------------------------------------------------------


def _pipeline_folder(spec: ContestantSpec) -> Path:
    folder = weights_folder(spec, "diffusers")
    if not (folder / "model_index.json").is_file():
        raise LoadError(
            f"weights folder {folder} is not a diffusers pipeline: it has no model_index.json"
        )
    return folder


def _pipeline_class_name(folder: Path) -> str:
    try:
        index = json.loads((folder / "model_index.json").read_text())
        return str(index["_class_name"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise LoadError(f"{folder}/model_index.json is unreadable: {exc}") from exc


def family_defaults(class_name: str) -> FamilyDefaults | None:
    return FAMILY_DEFAULTS.get(class_name)


def _scheduler(current, options: dict, diffusers):
    class_name = options.pop("class", type(current).__name__)
    scheduler_class = getattr(diffusers, class_name, None)
    if scheduler_class is None or not hasattr(scheduler_class, "from_config"):
        raise LoadError(f"sampler.scheduler.class: diffusers has no scheduler {class_name!r}")
    return scheduler_class.from_config(current.config, **options)


def _call_kwargs(pipe, spec: ContestantSpec, class_name: str) -> tuple[dict, str | None]:
    """Keyword arguments for every call, checked against the pipeline's signature."""
    params = inspect.signature(pipe.__call__).parameters
    takes_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    defaults = family_defaults(class_name)
    sampler = spec.sampler

    def accepts(name: str) -> bool:
        return name in params or takes_any

    def default_of(name: str):
        param = params.get(name)
        return None if param is None or param.default is inspect.Parameter.empty else param.default

    kwargs: dict[str, Any] = {}
    steps = sampler.steps or (defaults.steps if defaults else default_of("num_inference_steps"))
    if steps is not None:
        kwargs["num_inference_steps"] = steps
    guidance = sampler.guidance
    if guidance is None and defaults is not None:
        guidance = defaults.guidance
    if guidance is None:
        guidance = default_of("guidance_scale")
    if guidance is not None:
        if "guidance_scale" not in params:
            raise LoadError(f"sampler.guidance: {class_name} has no guidance_scale")
        kwargs["guidance_scale"] = guidance
    true_cfg = sampler.true_cfg_scale
    if true_cfg is None and defaults is not None:
        true_cfg = defaults.true_cfg_scale
    if true_cfg is not None:
        if "true_cfg_scale" not in params:
            raise LoadError(f"sampler.true_cfg_scale: {class_name} has no true CFG")
        kwargs["true_cfg_scale"] = true_cfg
    for name in ("width", "height"):
        value = getattr(sampler, name)
        if value is not None:
            if name not in params:
                raise LoadError(f"sampler.{name}: {class_name} takes no {name}")
            kwargs[name] = value
    negative = sampler.negative_prompt
    if negative is not None and "negative_prompt" not in params:
        raise LoadError(f"sampler.negative_prompt: {class_name} takes no negative prompt")
    for name, value in sampler.options.items():
        if name in ("prompt", "generator", "output_type", "num_images_per_prompt"):
            raise LoadError(f"sampler.options.{name}: set by the backend, not by a spec")
        if not accepts(name):
            raise LoadError(f"sampler.options.{name}: {class_name} takes no such argument")
        kwargs[name] = value
    return kwargs, negative


def _json_scalar(value) -> bool:
    return isinstance(value, str | int | float | bool)
