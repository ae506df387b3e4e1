"""Read and write the Qwen-Image transformer in diffusers' folder layout.

A transformer folder holds `config.json` and either one `diffusion_pytorch_model.safetensors`
or shards listed in `diffusion_pytorch_model.safetensors.index.json` (the released checkpoint
has 9). Loading builds the model on the meta device, checks every key and shape against the
files' headers before reading any tensor, then reads tensor by tensor straight to the target
device and dtype and hands them to `load_state_dict(assign=True)`: no random weights are made,
and the peak memory is one copy of the weights. Every error names the file and the key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

import torch
from safetensors import safe_open
from safetensors.torch import save_file

from modelhub.qwen_image.transformer import (
    DIFFUSERS_CLASS_NAME,
    QwenImageTransformer,
    config_kwargs,
)

CONFIG_NAME = "config.json"
WEIGHTS_NAME = "diffusion_pytorch_model.safetensors"
INDEX_NAME = "diffusion_pytorch_model.safetensors.index.json"

_SAFETENSORS_DTYPES = {
    "F64": torch.float64,
    "F32": torch.float32,
    "F16": torch.float16,
    "BF16": torch.bfloat16,
}


class CheckpointError(ValueError):
    """A checkpoint folder does not match the model: the message names the file and key."""


def read_config(folder: str | Path) -> dict:
    """The parsed `config.json` of a diffusers model folder."""
    path = Path(folder) / CONFIG_NAME
    if not path.is_file():
        raise FileNotFoundError(f"{path}: no config.json in the transformer folder")
    try:
        config = json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise CheckpointError(f"{path}: invalid JSON ({error})") from error
    class_name = config.get("_class_name")
    if class_name not in (None, DIFFUSERS_CLASS_NAME):
        raise CheckpointError(
            f"{path}: _class_name is {class_name!r}, expected {DIFFUSERS_CLASS_NAME!r}"
        )
    return config


def weight_files(folder: str | Path) -> dict[str, Path]:
    """Map each tensor name to the safetensors file that holds it (index or single file)."""
    folder = Path(folder)
    index_path = folder / INDEX_NAME
    single_path = folder / WEIGHTS_NAME
    if index_path.is_file():
        try:
            weight_map = json.loads(index_path.read_text())["weight_map"]
        except (json.JSONDecodeError, KeyError) as error:
            raise CheckpointError(f"{index_path}: not a safetensors index ({error!r})") from error
        files = {name: folder / shard for name, shard in weight_map.items()}
        for shard in sorted(set(files.values())):
            if not shard.is_file():
                raise FileNotFoundError(f"{shard}: shard named in {index_path.name} is missing")
        return files
    if single_path.is_file():
        with safe_open(single_path, framework="pt") as f:
            return dict.fromkeys(f.keys(), single_path)
    raise FileNotFoundError(f"{folder}: neither {INDEX_NAME} nor {WEIGHTS_NAME} found")


def _check_against_model(model: torch.nn.Module, folder: Path, files: Mapping[str, Path]) -> None:
    """Raise CheckpointError unless keys and shapes match the model exactly."""
    expected = {name: tuple(t.shape) for name, t in model.state_dict().items()}
    missing = sorted(set(expected) - set(files))
    if missing:
        raise CheckpointError(f"{folder}: {len(missing)} key(s) missing, first: {missing[0]!r}")
    unexpected = sorted(set(files) - set(expected))
    if unexpected:
        raise CheckpointError(
            f"{files[unexpected[0]]}: {len(unexpected)} unexpected key(s), first: {unexpected[0]!r}"
        )
    by_file: dict[Path, list[str]] = {}
    for name, path in files.items():
        by_file.setdefault(path, []).append(name)
    for path, names in sorted(by_file.items()):
        with safe_open(path, framework="pt") as f:
            present = set(f.keys())
            for name in names:
                if name not in present:
                    raise CheckpointError(
                        f"{path}: key {name!r} listed in the index is not in the file"
                    )
                shape = tuple(f.get_slice(name).get_shape())
                if shape != expected[name]:
                    raise CheckpointError(
                        f"{path}: {name!r} has shape {shape}, the model expects {expected[name]}"
                    )
                dtype = f.get_slice(name).get_dtype()
                if dtype not in _SAFETENSORS_DTYPES:
                    raise CheckpointError(
                        f"{path}: {name!r} has dtype {dtype}, expected a float type"
                    )


def load_transformer(
    folder: str | Path,
    *,
    dtype: torch.dtype = torch.bfloat16,
    device: str | torch.device = "cpu",
) -> QwenImageTransformer:
    """Load a diffusers-format Qwen-Image transformer folder onto `device` in `dtype`."""
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: transformer folder not found")
    config = read_config(folder)
    with torch.device("meta"):
        model = QwenImageTransformer(**config_kwargs(config, source=str(folder / CONFIG_NAME)))
    files = weight_files(folder)
    _check_against_model(model, folder, files)

    device = torch.device(device)
    if device.type == "cuda" and device.index is None:
        device = torch.device("cuda", torch.cuda.current_device())
    state: dict[str, torch.Tensor] = {}
    by_file: dict[Path, list[str]] = {}
    for name, path in files.items():
        by_file.setdefault(path, []).append(name)
    for path, names in sorted(by_file.items()):
        # safetensors places tensors on "cpu" or "cuda:N"; other devices go through the CPU.
        read_device = str(device) if device.type in ("cpu", "cuda") else "cpu"
        with safe_open(path, framework="pt", device=read_device) as f:
            for name in names:
                state[name] = f.get_tensor(name).to(device=device, dtype=dtype)
    model.load_state_dict(state, strict=True, assign=True)
    return model.eval()


def parse_size(size: int | str) -> int:
    """Bytes from an int or a string such as "10GB", "5GiB", "300KB"."""
    if isinstance(size, int):
        return size
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([KMGT]?i?B)\s*", size, flags=re.IGNORECASE)
    if not match:
        raise ValueError(f"max_shard_size={size!r}: expected bytes or a size like '10GB'")
    number, unit = float(match.group(1)), match.group(2).upper()
    powers = {"B": 0, "KB": 1, "MB": 2, "GB": 3, "TB": 4}
    base = 1024 if "I" in unit else 1000
    return int(number * base ** powers[unit.replace("I", "")])


def save_transformer(
    model: QwenImageTransformer, folder: str | Path, *, max_shard_size: int | str = "10GB"
) -> None:
    """Write `config.json` and the weights as one file or as shards plus an index.

    Tensors are grouped in state-dict order into shards of at most `max_shard_size` bytes (a
    single larger tensor gets its own shard), named like diffusers':
    `diffusion_pytorch_model-00001-of-00009.safetensors`. Weight files of an earlier save in
    the same folder are removed, so the folder always describes one checkpoint.
    """
    limit = parse_size(max_shard_size)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    state = {name: t.detach().contiguous() for name, t in model.state_dict().items()}
    if any(t.is_meta for t in state.values()):
        raise ValueError("save_transformer: the model has weights on the meta device")

    shards: list[dict[str, torch.Tensor]] = [{}]
    shard_bytes = 0
    for name, tensor in state.items():
        size = tensor.numel() * tensor.element_size()
        if shards[-1] and shard_bytes + size > limit:
            shards.append({})
            shard_bytes = 0
        shards[-1][name] = tensor
        shard_bytes += size

    for stale in folder.glob("diffusion_pytorch_model*.safetensors*"):
        stale.unlink()
    config = {
        "_class_name": DIFFUSERS_CLASS_NAME,
        "_diffusers_version": _diffusers_version(),
        **model.config,
    }
    (folder / CONFIG_NAME).write_text(json.dumps(config, indent=2, sort_keys=True) + "\n")
    if len(shards) == 1:
        save_file(shards[0], folder / WEIGHTS_NAME, metadata={"format": "pt"})
        return
    weight_map = {}
    for number, shard in enumerate(shards, start=1):
        filename = f"diffusion_pytorch_model-{number:05d}-of-{len(shards):05d}.safetensors"
        save_file(shard, folder / filename, metadata={"format": "pt"})
        weight_map.update(dict.fromkeys(shard, filename))
    total = sum(t.numel() * t.element_size() for t in state.values())
    index = {"metadata": {"total_size": total}, "weight_map": dict(sorted(weight_map.items()))}
    (folder / INDEX_NAME).write_text(json.dumps(index, indent=2) + "\n")


def _diffusers_version() -> str:
    try:
        return metadata.version("diffusers")
    except metadata.PackageNotFoundError:
        return "0.35.0"
