"""Backends turn a contestant spec into a loaded pipeline; the registry picks one by name.

Like Django's session backends, a backend is a class named by configuration: the spec's
``backend`` field is a name in ``BACKENDS`` or a dotted path to a ``Backend`` subclass. Adding a
model family means writing one subclass and one line here, e.g. for the in-repo Qwen-Image::

    BACKENDS["qwen-image"] = "modelhub.qwen_image.backend.QwenImageBackend"

(registered below), where ``QwenImageBackend.load(spec)`` reads ``spec.weights`` (a local
folder), builds the model on ``spec.device`` in ``spec.dtype`` and returns a
``GenerationPipeline``. Nothing else in the project changes: the generation workers call
``load_pipeline(spec).generate(prompts, seeds)``.
"""

import gc
import importlib
from typing import TYPE_CHECKING, Any, ClassVar

if TYPE_CHECKING:
    from pathlib import Path

    from PIL.Image import Image

    from modelhub.registry.spec import ContestantSpec

BACKENDS: dict[str, str] = {
    "diffusers": "modelhub.backends.diffusers_backend.DiffusersBackend",
    "qwen-image": "modelhub.qwen_image.backend.QwenImageBackend",
}
# Contestant backends that make no images here (their images are imported).
NON_GENERATING = frozenset({"external"})


class UnknownBackend(LookupError):
    pass


class LoadError(RuntimeError):
    """A backend cannot load a spec (no weights, an unsupported option): retrying won't help."""


class GenerationPipeline:
    """A loaded model. One method: a batch of prompts and seeds in, one image per prompt out.

    Image ``i`` depends on ``prompts[i]`` and ``seeds[i]`` only, never on the rest of the batch, so
    a batch that is cut short and made again gives the same images. ``settings`` are the sampler
    settings actually used (steps, guidance, size...), recorded with every image.
    """

    settings: dict[str, Any]

    def generate(self, prompts: list[str], seeds: list[int]) -> list["Image"]:
        raise NotImplementedError


class Backend:
    """Loads a spec into a ``GenerationPipeline``. Subclasses set ``name`` and ``option_names``."""

    name: ClassVar[str] = ""
    # The keys a spec may put under ``backend_options`` for this backend.
    option_names: ClassVar[frozenset[str]] = frozenset()
    # Whether a spec must name a local ``weights`` folder.
    needs_weights: ClassVar[bool] = True

    def load(self, spec: "ContestantSpec") -> GenerationPipeline:
        raise NotImplementedError


def backend_class(name: str) -> type[Backend]:
    """The backend class for a registry name or a dotted path; imported, not instantiated."""
    if name in NON_GENERATING:
        raise UnknownBackend(f"{name!r} contestants are imported, not generated")
    path = BACKENDS.get(name, name)
    module_name, _, class_name = path.rpartition(".")
    if not module_name:
        raise UnknownBackend(
            f"unknown backend {name!r}; known: {', '.join(sorted(BACKENDS))} "
            "(or a dotted path to a Backend subclass)"
        )
    try:
        cls = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError) as exc:
        raise UnknownBackend(f"backend {name!r}: cannot import {path} ({exc})") from None
    if not (isinstance(cls, type) and issubclass(cls, Backend)):
        raise UnknownBackend(f"backend {name!r}: {path} is not a Backend subclass")
    return cls


def weights_folder(spec: "ContestantSpec", backend: str) -> "Path":
    """The spec's local weights folder, or a LoadError saying which contestant lacks it."""
    folder = spec.weights
    if folder is None:
        raise LoadError(f"contestant {spec.name!r} names no weights folder")
    if not folder.is_dir():
        raise LoadError(
            f"weights folder {folder} does not exist on this machine "
            f"(contestant {spec.name!r}, backend {backend})"
        )
    return folder


def resolve_device(name: str):
    """A spec's device: "auto" is the GPU when there is one."""
    import torch

    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if name.startswith("cuda") and not torch.cuda.is_available():
        raise LoadError(f"device {name!r} requested, but this machine has no CUDA device")
    return torch.device(name)


def resolve_dtype(name: str, device):
    """A spec's dtype: "auto" is bf16 on a GPU and fp32 on a CPU."""
    import torch

    if name == "auto":
        return torch.bfloat16 if device.type == "cuda" else torch.float32
    return getattr(torch, name)


def load_pipeline(spec: "ContestantSpec") -> GenerationPipeline:
    return backend_class(spec.backend)().load(spec)


def release_memory() -> None:
    """Give memory back after dropping a pipeline (CUDA's cache included, when torch is in use)."""
    gc.collect()
    import sys

    torch = sys.modules.get("torch")
    if torch is not None and torch.cuda.is_available():
        torch.cuda.empty_cache()
