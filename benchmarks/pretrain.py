"""Seconds per step of the demo model's pre-training (modelhub.training.pretrain), by what it does.

    .venv/bin/python -m benchmarks.pretrain --mode cpu          # about 2 minutes on 2 cores

One step as `pretrain.train` runs it (flow-matching loss, backward, gradient clipping, AdamW) on
DEMO_TRANSFORMER with batch 64, at 64 pixels (8x8 image tokens) and at 32 pixels (4x4), with
text as the training captions make it: each sample's caption length (tokens after the template
prefix) drawn from the synthetic training distribution, the batch padded to its longest.
Two variants, timed interleaved in the same run (medians and minima over the repeats):
- "padded (as trained)": the batch's text padded to its longest caption, with the key mask;
- "no padding (bound)": every sample's text cut to the batch's mean length and no mask: what a
  step would cost if padded text tokens cost nothing (a lower bound for packing the text).
(An additive instead of a boolean attention mask was measured too, 2026-12-02: 1 % faster, within
noise, so the transformer keeps the boolean one.)
The wall time of `train_demo` is mostly 64-pixel steps (10,000 of 11,000 by default), so the
64-pixel row times 10,000 is the consumer's time to within a few percent.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics

import torch

from benchmarks.qwen_image import interleaved_times, table
from modelhub.qwen_image.tokenizer import qwen2_tokenizer
from modelhub.synthetic.scenes import sample_scene
from modelhub.training.pretrain import PretrainConfig, flow_matching_loss, init_model

TEMPLATE_TAIL_TOKENS = 5  # <|im_end|>\n<|im_start|>assistant\n stays after the prefix drop


def caption_lengths(count: int, seed: int = 0) -> list[int]:
    """Text tokens per sample of `count` training captions (caption + template tail)."""
    tokenizer = qwen2_tokenizer()
    rng = random.Random(f"benchmark/{seed}")
    captions = [sample_scene(rng, "train").caption for _ in range(count)]
    return [len(ids) + TEMPLATE_TAIL_TOKENS for ids in tokenizer(captions)["input_ids"]]


def step_function(model, optimizer, cfg, x0, text, lengths):
    """One optimisation step of `pretrain.train` on fixed inputs."""
    generator = torch.Generator().manual_seed(0)

    def step():
        loss = flow_matching_loss(model, x0, text, lengths, generator, cfg)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), cfg.grad_clip)
        optimizer.step()

    return step


def run_cpu(repeats: int, threads: int) -> None:
    torch.set_num_threads(threads)
    cfg = PretrainConfig()
    model = init_model(cfg).train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4)
    width = model.config["joint_attention_dim"]
    lengths_pool = caption_lengths(64 * 8)
    print(f"# CPU: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"torch {torch.__version__}, {threads} threads, fp32")  # fmt: skip
    print(f"# batch {cfg.batch_size}; text tokens per sample {min(lengths_pool)}-"
          f"{max(lengths_pool)}, mean {statistics.mean(lengths_pool):.1f}; "
          f"{repeats} interleaved repeats after 2 warm-up steps\n")  # fmt: skip
    rows = []
    for resolution in (64, 32):
        grid = resolution // 4  # the patch autoencoder's factor
        g = torch.Generator().manual_seed(resolution)
        x0 = torch.randn(cfg.batch_size, 16, grid, grid, generator=g)
        lengths = torch.tensor(lengths_pool[: cfg.batch_size])
        text = torch.randn(cfg.batch_size, int(lengths.max()), width, generator=g)
        mean = round(float(lengths.float().mean()))
        packed = text[:, :mean]
        full = torch.full_like(lengths, mean)
        variants = {
            "padded (as trained)": step_function(model, optimizer, cfg, x0, text, lengths),
            "no padding (bound)": step_function(model, optimizer, cfg, x0, packed, full),
        }
        times = interleaved_times(variants, repeats, warmup=2, sync=lambda: None)
        base = statistics.median(times["padded (as trained)"])
        for name, values in times.items():
            rows.append([
                f"{resolution} px ({grid // 2}x{grid // 2} image tokens, "
                f"text {int(lengths.max())})",
                name,
                f"{statistics.median(values):.3f}",
                f"{min(values):.3f}",
                f"{base / statistics.median(values):.2f}x",
                f"{10_000 * statistics.median(values) / 60:.0f}",
            ])  # fmt: skip
    headers = [
        "step",
        "variant",
        "s/step (median)",
        "s/step (min)",
        "speed vs padded",
        "min per 10,000 steps",
    ]
    print(table(headers, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mode", choices=["cpu"], required=True)
    parser.add_argument("--repeats", type=int, default=12)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    run_cpu(args.repeats, args.threads)


if __name__ == "__main__":
    main()
