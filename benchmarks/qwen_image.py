"""Speed of our Qwen-Image transformer and pipeline next to diffusers', measured in the same run.

    .venv/bin/python -m benchmarks.qwen_image --mode cpu
    python3 -m benchmarks.qwen_image --mode gpu                    # one H100/H200, ~2-4 minutes
    python3 -m benchmarks.qwen_image --mode gpu --device cpu --preset tiny   # dry run of gpu mode

cpu: forward time of our `QwenImageTransformer` and diffusers' `QwenImageTransformer2DModel`
with the same weights and inputs (torch.inference_mode, fp32, warm-up first, then interleaved
repeats: medians, the median of per-repeat ratios, and minima, since a shared machine's load
drifts) for a tiny and a medium configuration, and the whole tiny pipeline (text
encoder, true CFG, Euler steps, VAE decode) of ours and of diffusers' `QwenImagePipeline` with
identical components.

gpu: the full 20B configuration with random weights, built in bf16 on the meta device and
materialised directly on the GPU (`to_empty` + init; no CPU copy), one model at a time (ours,
then diffusers'; 40.9 GB each). Times one denoising step at 1328x1328 (6889 image tokens) with
512 text tokens: a batch-2 forward (cond + uncond in one call) and, for ours, the two batch-1
forwards that our pipeline's CFG runs. Prints seconds per step, seconds per image at 50 steps
with CFG (transformer only: text encoding and VAE decoding are not included), achieved TFLOP/s
and peak memory. FLOPs are counted analytically, per sample and block, with N = image tokens,
L = text tokens, S = N + L, D = 3072 (width), F = 12288 (MLP width), two FLOPs per
multiply-add:
    linear layers:  2 * (N + L) * (4 D^2 + 2 D F)     q, k, v, out projections and the MLP
    attention:      4 * S^2 * D                       Q K^T and P V over all heads
    modulation:     2 * 2 * D * 6 D                   per sample, negligible
plus the input/output projections. At 1328x1328, L = 512: 1.41e14 FLOPs per sample per step.
diffusers must be importable for its half (carry a wheel on the device machine; otherwise the
row is skipped with a note).
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from typing import Any

import torch

from modelhub.qwen_image.configs import FULL_TRANSFORMER, TINY_TRANSFORMER
from modelhub.qwen_image.transformer import QwenImageTransformer

MEDIUM_TRANSFORMER: dict[str, Any] = {
    "patch_size": 2,
    "in_channels": 64,
    "out_channels": 16,
    "num_layers": 6,
    "attention_head_dim": 64,
    "num_attention_heads": 12,
    "joint_attention_dim": 1024,
    "axes_dims_rope": (8, 28, 28),
}
"""Six blocks of width 768; run over a 32x32 token grid (a 512x512 image's token count)."""

PRESETS: dict[str, tuple[dict[str, Any], int, int, int]] = {
    # name: (config, image height px, image width px, text tokens) for --mode gpu
    "full": (FULL_TRANSFORMER, 1328, 1328, 512),
    "medium": (MEDIUM_TRANSFORMER, 512, 512, 64),
    "tiny": (TINY_TRANSFORMER, 128, 128, 16),
}


# ------------------------------------------------------------------------------------------
# Helpers


def interleaved_times(
    functions: dict[str, Callable[[], object]], repeats: int, warmup: int, sync: Callable[[], None]
) -> dict[str, list[float]]:
    """Wall times (s) of each function after warm-up, run interleaved so drifts hit all alike."""
    for fn in functions.values():
        for _ in range(warmup):
            fn()
    sync()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(repeats):
        for name, fn in functions.items():
            sync()
            start = time.perf_counter()
            fn()
            sync()
            times[name].append(time.perf_counter() - start)
    return times


def transformer_inputs(
    config: dict[str, Any], batch: int, grid: tuple[int, int], text_len: int, device, dtype
) -> dict[str, Any]:
    g = torch.Generator().manual_seed(0)
    latents = torch.randn(batch, grid[0] * grid[1], config["in_channels"], generator=g)
    text = torch.randn(batch, text_len, config["joint_attention_dim"], generator=g)
    return {
        "hidden_states": latents.to(device, dtype),
        "encoder_hidden_states": text.to(device, dtype),
        "encoder_hidden_states_mask": None,
        "timestep": torch.full((batch,), 0.7, device=device),
        "img_shapes": [[(1, *grid)]] * batch,
    }


def forward_flops(config: dict[str, Any], batch: int, n_img: int, n_txt: int) -> float:
    """Analytic FLOPs of one forward (see the module docstring)."""
    d = config["num_attention_heads"] * config["attention_head_dim"]
    f = 4 * d
    s = n_img + n_txt
    per_block = 2 * s * (4 * d * d + 2 * d * f) + 4 * s * s * d + 2 * 2 * d * 6 * d
    io = 2 * n_img * config["in_channels"] * d + 2 * n_txt * config["joint_attention_dim"] * d
    io += 2 * n_img * d * 4 * config["out_channels"] + 2 * 2 * d * 2 * d
    return batch * (config["num_layers"] * per_block + io)


def table(headers: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=True)]

    def line(cells):
        return "| " + " | ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    return "\n".join(
        [line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|"]
        + [line(r) for r in rows]
    )


# ------------------------------------------------------------------------------------------
# CPU mode


CPU_CASES = [
    # label, config, batch, token grid, text tokens, default repeats
    (
        "tiny: 2 blocks, width 64, 16x16 tokens + 16 text, batch 2",
        TINY_TRANSFORMER,
        2,
        (16, 16),
        16,
        100,
    ),
    (
        "medium: 6 blocks, width 768, 32x32 tokens + 64 text, batch 1",
        MEDIUM_TRANSFORMER,
        1,
        (32, 32),
        64,
        15,
    ),
]


def cpu_transformer_rows(repeats: int | None) -> list[list[str]]:
    from diffusers import QwenImageTransformer2DModel

    rows = []
    for label, config, batch, grid, text_len, default_repeats in CPU_CASES:
        torch.manual_seed(0)
        ours = QwenImageTransformer(**config).eval()
        theirs = QwenImageTransformer2DModel(**config).eval()
        theirs.load_state_dict(ours.state_dict(), strict=True)
        inputs = transformer_inputs(config, batch, grid, text_len, "cpu", torch.float32)
        keys = ("hidden_states", "encoder_hidden_states", "encoder_hidden_states_mask", "timestep")
        args = [inputs[k] for k in keys]

        def run_ours(ours=ours, args=args, shapes=inputs["img_shapes"]):
            return ours(*args, shapes)

        def run_theirs(theirs=theirs, inputs=inputs):
            return theirs(**inputs, return_dict=False)

        with torch.inference_mode():
            times = interleaved_times(
                {"ours": run_ours, "diffusers": run_theirs},
                repeats=repeats or default_repeats,
                warmup=3,
                sync=lambda: None,
            )
        rows.append(_row(label, times))
    return rows


def cpu_pipeline_row(repeats: int | None) -> list[str]:
    from diffusers import FlowMatchEulerDiscreteScheduler, QwenImageTransformer2DModel
    from diffusers import QwenImagePipeline as DiffusersQwenImagePipeline

    from modelhub.qwen_image.configs import tiny_components
    from modelhub.qwen_image.pipeline import QwenImagePipeline
    from modelhub.qwen_image.schedule import RELEASED

    parts = tiny_components(seed=0)
    ours = QwenImagePipeline(**parts)
    transformer = QwenImageTransformer2DModel(**parts["transformer"].config).eval()
    transformer.load_state_dict(parts["transformer"].state_dict(), strict=True)
    theirs = DiffusersQwenImagePipeline(
        scheduler=FlowMatchEulerDiscreteScheduler(**RELEASED.to_dict()),
        vae=parts["vae"],
        text_encoder=parts["text_encoder"],
        tokenizer=parts["tokenizer"],
        transformer=transformer,
    )
    theirs.set_progress_bar_config(disable=True)
    prompt, negative, steps, size = "a red fox in the snow, watercolor", " ", 8, 64
    times = interleaved_times(
        {
            "ours": lambda: ours(
                prompt,
                negative,
                width=size,
                height=size,
                num_inference_steps=steps,
                seed=0,
                output_type="pt",
            ),
            "diffusers": lambda: theirs(
                prompt=prompt,
                negative_prompt=negative,
                true_cfg_scale=4.0,
                width=size,
                height=size,
                num_inference_steps=steps,
                generator=torch.Generator().manual_seed(0),
                output_type="pt",
            ),
        },
        repeats=repeats or 15,
        warmup=2,
        sync=lambda: None,
    )
    return _row(f"tiny pipeline: {size}x{size}, {steps} steps, true CFG 4, batch 1", times)


def _row(label: str, times: dict[str, list[float]]) -> list[str]:
    """Medians, the median of the paired ratios (robust to load drifts), and the minima."""
    ours, theirs = times["ours"], times["diffusers"]
    paired = statistics.median(t / o for o, t in zip(ours, theirs, strict=True))
    return [
        label,
        f"{statistics.median(ours) * 1e3:.1f}",
        f"{statistics.median(theirs) * 1e3:.1f}",
        f"{paired:.2f}x",
        f"{min(ours) * 1e3:.1f} / {min(theirs) * 1e3:.1f}",
    ]


def run_cpu(repeats: int | None) -> None:
    cpu = platform.processor() or platform.machine()
    print(f"# CPU: {cpu}, {os.cpu_count()} cores, torch {torch.__version__}")
    print(
        f"# threads {torch.get_num_threads()}, fp32, interleaved repeats after warm-up;"
        " ms are medians, the ratio is the median of per-repeat ratios\n"
    )
    rows = [*cpu_transformer_rows(repeats), cpu_pipeline_row(repeats)]
    headers = [
        "case",
        "ours (ms)",
        "diffusers (ms)",
        "diffusers / ours, paired",
        "min: ours / diffusers (ms)",
    ]
    print(table(headers, rows))


# ------------------------------------------------------------------------------------------
# GPU mode


def random_init_(model: torch.nn.Module, seed: int) -> None:
    """PyTorch's default Linear init and unit norm weights, on whatever device the model is."""
    torch.manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            if isinstance(module, torch.nn.Linear):
                module.reset_parameters()
            elif getattr(module, "weight", None) is not None and module.weight.dim() == 1:
                module.weight.fill_(1.0)


def build_ours(config: dict[str, Any], device: torch.device, dtype: torch.dtype) -> torch.nn.Module:
    with torch.device("meta"):
        model = QwenImageTransformer(**config)
    model = model.to(dtype).to_empty(device=device)
    random_init_(model, seed=0)
    return model.eval()


def build_diffusers(
    config: dict[str, Any], device: torch.device, dtype: torch.dtype
) -> torch.nn.Module:
    from diffusers import QwenImageTransformer2DModel
    from diffusers.models.transformers.transformer_qwenimage import QwenEmbedRope

    with torch.device("meta"):
        model = QwenImageTransformer2DModel(**config)
    model = model.to(dtype).to_empty(device=device)
    # Its RoPE tables are plain attributes, made on meta above: rebuild them for real.
    model.pos_embed = QwenEmbedRope(
        theta=10000, axes_dim=list(config["axes_dims_rope"]), scale_rope=True
    )
    random_init_(model, seed=0)
    return model.eval()


def time_one_model(
    label: str,
    builder: Callable[..., torch.nn.Module],
    config: dict[str, Any],
    grid: tuple[int, int],
    text_len: int,
    device: torch.device,
    repeats: int,
    flops_b2: float,
) -> list[list[str]]:
    """Build one model on `device`, time its CFG step, free it; one table row per variant."""
    cuda = device.type == "cuda"

    def sync():
        if cuda:
            torch.cuda.synchronize(device)

    if cuda:
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats(device)
    start = time.perf_counter()
    try:
        model = builder(config, device, torch.bfloat16)
    except ImportError as error:
        return [[label, "skipped: " + str(error).splitlines()[0], "", "", "", "", ""]]
    sync()
    build_s = time.perf_counter() - start
    weights_gb = torch.cuda.memory_allocated(device) / 1e9 if cuda else float("nan")
    b2 = transformer_inputs(config, 2, grid, text_len, device, torch.bfloat16)
    b1 = transformer_inputs(config, 1, grid, text_len, device, torch.bfloat16)
    keys = ("hidden_states", "encoder_hidden_states", "encoder_hidden_states_mask", "timestep")

    def call(inputs):
        if isinstance(model, QwenImageTransformer):
            return model(*[inputs[k] for k in keys], inputs["img_shapes"])
        return model(**inputs, return_dict=False)[0]

    functions = {"batch 2": lambda: call(b2)}
    if isinstance(model, QwenImageTransformer):
        functions["2 x batch 1"] = lambda: (call(b1), call(b1))
    try:
        with torch.inference_mode():
            finite = bool(torch.isfinite(call(b2)).all())
            times = interleaved_times(functions, repeats=repeats, warmup=2, sync=sync)
    except torch.OutOfMemoryError as error:
        return [[label, "out of memory: " + str(error).splitlines()[0], "", "", "", "", ""]]
    peak_gb = torch.cuda.max_memory_allocated(device) / 1e9 if cuda else float("nan")
    rows = []
    for variant, values in times.items():
        seconds = statistics.median(values)
        rows.append(
            [
                f"{label}, {variant}",
                f"{seconds:.3f}",
                f"{50 * seconds:.1f}",
                f"{flops_b2 / seconds / 1e12:.1f}",
                f"{weights_gb:.1f} / {peak_gb:.1f}",
                f"{build_s:.1f}",
                "yes" if finite else "NO",
            ]
        )
    return rows


def run_gpu(preset: str, device_name: str, repeats: int) -> None:
    config, height, width, text_len = PRESETS[preset]
    device = torch.device(device_name)
    cuda = device.type == "cuda"
    if cuda and not torch.cuda.is_available():
        raise SystemExit(
            "--mode gpu: CUDA is not available (use --device cpu --preset tiny for a dry run)"
        )
    grid = (height // 16, width // 16)
    n_img = grid[0] * grid[1]

    name = torch.cuda.get_device_name(device) if cuda else platform.processor() or "cpu"
    print(f"# {name}, torch {torch.__version__}, bf16, preset {preset}: {height}x{width} px")
    blocks = config["num_layers"]
    print(f"# {n_img} image + {text_len} text tokens, {blocks} blocks, median of {repeats}\n")
    flops_b2 = forward_flops(config, 2, n_img, text_len)
    print(
        f"# analytic FLOPs: {flops_b2 / 2:.3e} per sample per step, {flops_b2:.3e} per CFG step\n"
    )

    rows = []
    for label, builder in (("ours", build_ours), ("diffusers", build_diffusers)):
        new_rows = time_one_model(label, builder, config, grid, text_len, device, repeats, flops_b2)
        rows += new_rows
        gc.collect()
        left = torch.cuda.memory_allocated(device) / 1e9 if cuda else float("nan")
        if cuda:
            torch.cuda.empty_cache()
        # printed as it comes, so that a run cut short still reports the first model
        print(f"# {label}: {new_rows}; freed, {left:.1f} GB still allocated", flush=True)
    headers = [
        "transformer, CFG step",
        "s / step",
        "s / image (50 steps)",
        "TFLOP/s",
        "weights / peak GB",
        "build s",
        "finite",
    ]
    print(table(headers, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["cpu", "gpu"], required=True)
    parser.add_argument(
        "--repeats",
        type=int,
        default=None,
        help="timed repeats (cpu: 100 tiny, 15 medium, 15 pipeline; gpu: 5)",
    )
    parser.add_argument(
        "--preset", choices=sorted(PRESETS), default="full", help="gpu mode model size"
    )
    parser.add_argument("--device", default="cuda", help="gpu mode device (cpu for a dry run)")
    args = parser.parse_args()
    if args.mode == "cpu":
        run_cpu(args.repeats)
    else:
        run_gpu(args.preset, args.device, args.repeats or 5)


if __name__ == "__main__":
    main()
