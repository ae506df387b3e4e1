"""Seconds per DPO step and peak memory, LoRA against full fine-tuning or on the full model.

    .venv/bin/python -m benchmarks.dpo --mode cpu              # tiny and small configs, CPU
    python -m benchmarks.dpo --mode gpu                        # the full 20B config on one GPU

A step is what ``modelhub.training.dpo.trainer`` does per batch: for B pairs (winner and loser
share one timestep and one noise draw), the policy's forward and backward on 2B sequences, the
reference's forward on 2B sequences (LoRA: the same model with adapters off; full fine-tuning:
a frozen copy), the flow-DPO loss, AdamW. Inputs are random latents and text features of the
stated sizes; weights are random (the timing does not depend on them).

cpu mode compares, in the same run, LoRA (rank 16 on the attention projections) with full
fine-tuning, the baseline that needs a second copy of the model as the reference.
gpu mode builds the released configuration (60 blocks, width 3072: 20.4B parameters) in bf16
directly on the GPU (meta device, then ``to_empty``), LoRA rank 16 with gradient checkpointing,
one pair at 1328 x 1328 (6,889 image tokens) with 128 text tokens, and reports seconds per
step and peak memory. It needs about 60 GB of GPU memory.
"""

import argparse
import statistics
import time

import torch

from modelhub.qwen_image.configs import FULL_TRANSFORMER, TINY_TRANSFORMER
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.training.dpo.loss import flow_dpo_loss
from modelhub.training.dpo.trainer import (
    EncodedPairs,
    Reference,
    pair_errors,
    shared_noise,
    with_adapters,
)

SMALL = {
    **TINY_TRANSFORMER,
    "num_layers": 6,
    "attention_head_dim": 64,
    "num_attention_heads": 8,
    "joint_attention_dim": 256,
    "axes_dims_rope": (16, 24, 24),
}


def random_pairs(config: dict, *, pairs: int, grid: int, text: int, device, dtype) -> EncodedPairs:
    g = torch.Generator().manual_seed(0)
    tokens = grid * grid
    return EncodedPairs(
        text=[
            torch.randn(text, config["joint_attention_dim"], generator=g).to(device, dtype)
            for _ in range(pairs)
        ],
        winner=torch.randn(pairs, tokens, config["in_channels"], generator=g).to(device, dtype),
        loser=torch.randn(pairs, tokens, config["in_channels"], generator=g).to(device, dtype),
        prompt_ids=[str(i) for i in range(pairs)],
        grid=(1, grid, grid),
    )


def build(config: dict, device: str, dtype: torch.dtype) -> QwenImageTransformer:
    with torch.device("meta"):
        model = QwenImageTransformer(**config)
    model = model.to_empty(device=device)
    model.init_weights()
    return model.to(dtype)


def time_steps(
    model, lora: bool, pairs: EncodedPairs, *, steps: int, beta: float = 2000.0
) -> tuple[float, float]:
    """Median seconds per step after one warm-up step, and peak GPU memory in GB (0 on CPU)."""
    policy = with_adapters(model, 16) if lora else model.requires_grad_(True)
    reference = Reference(policy, lora=lora)
    params = [p for p in policy.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-5)
    generator = torch.Generator().manual_seed(1)
    index = list(range(len(pairs)))
    device = pairs.winner.device
    times = []
    if device.type == "cuda":
        torch.cuda.reset_peak_memory_stats()
    for step in range(steps + 1):
        if device.type == "cuda":
            torch.cuda.synchronize()
        started = time.perf_counter()
        t, eps = shared_noise(pairs.winner.float().cpu(), generator, 0.0, 1.0)
        t, eps = t.to(device, pairs.winner.dtype), eps.to(device, pairs.winner.dtype)
        pw, pl = pair_errors(policy, pairs, index, t, eps)
        rw, rl = pair_errors(reference, pairs, index, t, eps)
        loss = flow_dpo_loss(pw, pl, rw, rl, beta)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if device.type == "cuda":
            torch.cuda.synchronize()
        if step:  # the first step is the warm-up
            times.append(time.perf_counter() - started)
    peak = torch.cuda.max_memory_allocated() / 1e9 if device.type == "cuda" else 0.0
    return statistics.median(times), peak


def cpu_mode(steps: int) -> None:
    threads = torch.get_num_threads()
    print(f"mode cpu: fp32, {threads} torch threads; s per DPO step (median), LoRA 16 vs full FT")
    header = f"{'config':<44} {'pairs':>5} {'LoRA s/step':>12} {'full FT s/step':>15}"
    print(f"{header} {'trainable LoRA / full':>24}")
    torch.manual_seed(0)
    for name, config, pairs, grid, text in (
        ("tiny (2 blocks, width 64), 4x4 patches", TINY_TRANSFORMER, 8, 4, 12),
        ("small (6 blocks, width 512), 16x16 patches", SMALL, 4, 16, 24),
    ):
        data = random_pairs(
            config, pairs=pairs, grid=grid, text=text, device="cpu", dtype=torch.float32
        )
        lora_model = build(config, "cpu", torch.float32)
        lora_s, _ = time_steps(lora_model, True, data, steps=steps)
        lora_trainable = sum(p.numel() for p in lora_model.parameters() if p.requires_grad)
        full_model = build(config, "cpu", torch.float32)
        full_s, _ = time_steps(full_model, False, data, steps=steps)
        full_trainable = sum(p.numel() for p in full_model.parameters())
        trainable = f"{lora_trainable:,} / {full_trainable:,}"
        print(f"{name:<44} {pairs:>5} {lora_s:>12.3f} {full_s:>15.3f} {trainable:>24}")


def gpu_mode(steps: int, grid: int, text: int, *, dry_run: bool = False) -> None:
    """The full configuration on the GPU; ``dry_run`` runs the same code with SMALL on the CPU."""
    config, device, dtype = FULL_TRANSFORMER, "cuda", torch.bfloat16
    if dry_run:
        config, device, dtype, grid, text = SMALL, "cpu", torch.float32, 8, 16
    elif not torch.cuda.is_available():
        raise SystemExit("--mode gpu needs a CUDA device (--dry-run checks the code on the CPU)")
    where = "dry run on the CPU" if dry_run else torch.cuda.get_device_name()
    print(f"mode gpu: {where}, {dtype}, {config['num_layers']} blocks, LoRA rank 16")
    model = build(config, device, dtype)
    params = sum(p.numel() for p in model.parameters())
    model.enable_gradient_checkpointing()
    data = random_pairs(config, pairs=1, grid=grid, text=text, device=device, dtype=dtype)
    seconds, peak = time_steps(model, True, data, steps=steps)
    print(f"{'parameters':<28} {params / 1e9:.2f} B (weights {params * 2 / 1e9:.1f} GB in bf16)")
    pixels = f"{grid * 16} x {grid * 16} px ({grid * grid} tokens)"
    print(f"{'image':<28} {pixels}, {text} text tokens, 1 pair")
    print(f"{'seconds per DPO step':<28} {seconds:.2f}")
    print(f"{'peak GPU memory':<28} {peak:.1f} GB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--mode", choices=["cpu", "gpu"], default="cpu")
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--grid", type=int, default=83, help="gpu: patches per side (83: 1328 px)")
    parser.add_argument("--text", type=int, default=128, help="gpu: text tokens")
    parser.add_argument("--dry-run", action="store_true", help="gpu: the same code, small, on CPU")
    args = parser.parse_args()
    if args.mode == "cpu":
        cpu_mode(args.steps)
    else:
        gpu_mode(args.steps, args.grid, args.text, dry_run=args.dry_run)


if __name__ == "__main__":
    main()
