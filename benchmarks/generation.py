"""Images per second through the registry's diffusers backend: batched versus one at a time.

    HF_HUB_OFFLINE=1 .venv/bin/python -m benchmarks.generation            # CPU, tiny pipelines
    HF_HUB_OFFLINE=1 python -m benchmarks.generation --mode gpu --folder /models/FLUX.1-dev \\
        --steps 28 --width 1024 --height 1024 --batch-sizes 1,2,4 --images 8

Both ways are measured in the same run, on the same loaded pipeline, with the same prompts and
seeds (image i has seed i either way, so the two make the same images): "one at a time" calls
``generate([prompt], [seed])`` per image, "batched" calls ``generate(prompts, seeds)`` with B
of them. Each setting is warmed up once, then timed ``--repeats`` times; the table shows the
median images per second and the speed-up over one at a time.

``--mode cpu`` builds the tiny and small Stable Diffusion pipelines of
``modelhub.backends.tiny`` in a temporary folder and loads them as any local folder. ``--mode
gpu`` loads real weights from ``--folder`` (a diffusers pipeline folder; nothing is downloaded)
in bf16 on the GPU, synchronises CUDA around every timing and reports peak GPU memory.
"""

import argparse
import statistics
import tempfile
import time
from pathlib import Path

PROMPTS = [
    "A red fox in fresh snow at dawn",
    "一张写着“新年快乐”的红色海报",
    "A watercolour lighthouse on a cliff, stormy sea",
    "Three glass cubes on a wooden table, studio light",
    "A street market in Hanoi at night, neon signs",
    "An astronaut riding a horse on the moon, photo",
    "A bowl of ramen, top view, steam rising",
    "A hand-drawn map of an island with a compass rose",
]


def measure(pipeline, *, images: int, batch: int, repeats: int, synchronize) -> list[float]:
    """Images per second, one figure per repeat, making ``images`` images in batches of B."""
    prompts = [PROMPTS[i % len(PROMPTS)] for i in range(images)]
    seeds = list(range(images))

    def run() -> None:
        for start in range(0, images, batch):
            pipeline.generate(prompts[start : start + batch], seeds[start : start + batch])
        synchronize()

    run()  # warm-up: kernels chosen, caches filled
    rates = []
    for _ in range(repeats):
        began = time.perf_counter()
        run()
        rates.append(images / (time.perf_counter() - began))
    return rates


def load(folder: Path, *, device: str, steps: int, width: int | None, height: int | None):
    from modelhub.registry import load_pipeline, spec_from_dict

    sampler = {"steps": steps}
    if width and height:
        sampler.update(width=width, height=height)
    spec = spec_from_dict(
        {"name": "bench", "backend": "diffusers", "weights": str(folder), "device": device,
         "sampler": sampler}
    )  # fmt: skip
    return load_pipeline(spec)


def table(rows: list[tuple[str, int, list[float], float]]) -> str:
    head = ["pipeline", "batch", "images/s (median)", "min-max", "vs one at a time"]
    lines = []
    for name, batch, rates, baseline in rows:
        median = statistics.median(rates)
        lines.append(
            [
                name,
                "1 (one at a time)" if batch == 1 else str(batch),
                f"{median:.2f}",
                f"{min(rates):.2f}-{max(rates):.2f}",
                f"{median / baseline:.2f}x",
            ]
        )
    widths = [max(len(str(x)) for x in column) for column in zip(head, *lines, strict=True)]
    out = ["| " + " | ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)) + " |"]
    out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mode", choices=["cpu", "gpu"], default="cpu")
    parser.add_argument("--folder", type=Path, help="gpu mode: a local diffusers pipeline folder")
    parser.add_argument("--batch-sizes", default="1,2,4,8")
    parser.add_argument("--images", type=int, default=8, help="images per timed run")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--steps", type=int, default=None, help="default: cpu 4, gpu family's")
    parser.add_argument("--width", type=int)
    parser.add_argument("--height", type=int)
    parser.add_argument("--threads", type=int, help="cpu mode: torch threads")
    args = parser.parse_args()

    import diffusers
    import torch
    import transformers

    diffusers.utils.logging.set_verbosity_error()
    diffusers.utils.logging.disable_progress_bar()
    transformers.logging.set_verbosity_error()
    batches = sorted({int(b) for b in args.batch_sizes.split(",")} | {1})
    rows = []
    if args.mode == "cpu":
        from modelhub.backends.tiny import save_tiny_stable_diffusion

        if args.threads:
            torch.set_num_threads(args.threads)
        print(f"torch {torch.__version__}, CPU, {torch.get_num_threads()} threads, fp32")
        with tempfile.TemporaryDirectory() as tmp:
            for size in ("tiny", "small"):
                folder = save_tiny_stable_diffusion(Path(tmp) / size, size=size)
                pipeline = load(folder, device="cpu", steps=args.steps or 4, width=None,
                                height=None)  # fmt: skip
                name = f"SD {size} 64x64, {args.steps or 4} steps, CFG"
                rows += run_batches(pipeline, name, batches, args, synchronize=lambda: None)
    else:
        if not args.folder:
            parser.error("--mode gpu needs --folder PATH (a local diffusers pipeline folder)")
        if not torch.cuda.is_available():
            parser.error("--mode gpu needs a CUDA device")
        pipeline = load(args.folder, device="cuda", steps=args.steps, width=args.width,
                        height=args.height)  # fmt: skip
        torch.cuda.reset_peak_memory_stats()
        settings = pipeline.settings
        name = (
            f"{settings['pipeline']} {args.width or 'default'}x{args.height or 'default'}, "
            f"{settings.get('steps')} steps"
        )
        print(f"torch {torch.__version__}, {torch.cuda.get_device_name()}, {settings['dtype']}")
        rows += run_batches(pipeline, name, batches, args, synchronize=torch.cuda.synchronize)
        print(f"peak GPU memory: {torch.cuda.max_memory_allocated() / 2**30:.1f} GiB")
    print(table(rows))


def run_batches(pipeline, name: str, batches: list[int], args, *, synchronize):
    results = []
    baseline = None
    for batch in batches:
        rates = measure(
            pipeline, images=args.images, batch=batch, repeats=args.repeats, synchronize=synchronize
        )
        baseline = baseline or statistics.median(rates)
        results.append((name, batch, rates, baseline))
        print(f"  {name}, batch {batch}: {statistics.median(rates):.2f} images/s", flush=True)
    return results


if __name__ == "__main__":
    main()
