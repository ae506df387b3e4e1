"""Diffusion-DPO fine-tuning of the in-repo Qwen-Image on an arena preference export.

    # LoRA DPO from an export (defaults: beta 2000, rank 16, lr 1e-4, 300 steps)
    .venv/bin/python -m modelhub.training.dpo --data export/ --base BASE_FOLDER --out runs/dpo-1
    # resume after an interruption: the same command (the latest checkpoint in --out is loaded)
    # merge the adapters into a standalone pipeline folder the model registry loads
    # (the last step's, or with --keep best those of the lowest held-out loss)
    .venv/bin/python -m modelhub.training.dpo merge --out runs/dpo-1

The loop, top to bottom: read the export's decisive pairs (``data.py``), encode every image and
prompt once (VAE latents, text features; cached in ``--out``), then for each step draw a batch
of pairs, one logit-normal timestep and one noise draw per pair shared by winner and loser, run
the policy (LoRA adapters on) and the reference (adapters off, no gradient) on both, and take
the flow-DPO loss (``loss.py``). AdamW with linear warm-up, gradient clipping, held-out
evaluation with fixed noise, CSV and TensorBoard logs, checkpoints to resume from.
"""

from __future__ import annotations

import argparse
import copy
import csv
import io
import json
import math
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from safetensors.torch import load_file, save_file
from tqdm.auto import tqdm

from modelhub.qwen_image.pipeline import QwenImagePipeline
from modelhub.training.dpo.data import PairCounts, read_pairs
from modelhub.training.dpo.loss import dpo_stats, flow_dpo_loss

LORA_TARGETS = (
    "to_q",
    "to_k",
    "to_v",
    "to_out.0",
    "add_q_proj",
    "add_k_proj",
    "add_v_proj",
    "to_add_out",
)


@dataclass
class DPOConfig:
    data: Path
    base: Path
    out: Path
    beta: float = 2000.0  # for errors averaged over latent elements (see loss.py)
    lora_rank: int = 16  # 0: full fine-tuning, with a frozen copy as the reference
    lr: float = 1e-4
    weight_decay: float = 1e-2
    warmup_steps: int = 20
    steps: int = 300
    batch_pairs: int = 16
    grad_clip: float = 1.0
    logit_mean: float = 0.0
    logit_std: float = 1.0
    eval_every: int = 25
    checkpoint_every: int = 100
    # "last": merge the adapters of the final step; "best": those of the held-out evaluation with
    # the lowest loss (early stopping, for small or noisy preference sets that overfit).
    keep: str = "last"
    heldout_fraction: float = 0.1  # used when the export has no validation split
    max_sequence_length: int = 64
    seed: int = 0
    progress: bool = True
    extra: dict = field(default_factory=dict)


# ---- encoding, once ------------------------------------------------------------------------


@dataclass
class EncodedPairs:
    """Everything a step needs, per pair: text features and the two images' packed latents."""

    text: list[torch.Tensor]  # (L_i, D) each
    winner: torch.Tensor  # (P, N, 4C)
    loser: torch.Tensor
    prompt_ids: list[str]
    grid: tuple[int, int, int]  # the transformer's (frames, rows, cols) of patches

    def __len__(self) -> int:
        return self.winner.shape[0]

    def save(self, path: Path) -> None:
        tensors = {"winner": self.winner, "loser": self.loser}
        tensors.update({f"text.{i}": t.contiguous() for i, t in enumerate(self.text)})
        meta = {"prompt_ids": json.dumps(self.prompt_ids), "grid": json.dumps(self.grid)}
        save_file(tensors, str(path), metadata=meta)

    @classmethod
    def load(cls, path: Path) -> EncodedPairs:
        from safetensors import safe_open

        with safe_open(str(path), framework="pt") as handle:
            meta = handle.metadata()
        tensors = load_file(str(path))
        count = tensors["winner"].shape[0]
        return cls(
            text=[tensors[f"text.{i}"] for i in range(count)],
            winner=tensors["winner"],
            loser=tensors["loser"],
            prompt_ids=json.loads(meta["prompt_ids"]),
            grid=tuple(json.loads(meta["grid"])),
        )


def _decode(data: bytes) -> np.ndarray:
    with Image.open(io.BytesIO(data)) as image:
        return np.asarray(image.convert("RGB"))


@torch.no_grad()
def encode_pairs(
    pipe: QwenImagePipeline, pairs, *, max_sequence_length: int, batch: int = 32
) -> EncodedPairs:
    """Encode winners, losers and prompts with the pipeline's own VAE and text encoder."""
    text, winners, losers, prompt_ids = [], [], [], []
    for start in range(0, len(pairs), batch):
        chunk = pairs[start : start + batch]
        embeds, mask = pipe.encode_prompt(
            [p.prompt for p in chunk], max_sequence_length=max_sequence_length
        )
        for i in range(len(chunk)):
            length = int(mask[i].sum()) if mask is not None else embeds.shape[1]
            text.append(embeds[i, :length].float().cpu())
        for side, out in (("winner", winners), ("loser", losers)):
            images = np.stack([_decode(getattr(p, side)) for p in chunk])
            out.append(pipe.encode_images(images).float().cpu())
        prompt_ids.extend(p.prompt_id for p in chunk)
    winner, loser = torch.cat(winners), torch.cat(losers)
    side = math.isqrt(winner.shape[1])
    if side * side != winner.shape[1]:
        raise ValueError("non-square images are not supported by the DPO trainer yet")
    return EncodedPairs(text, winner, loser, prompt_ids, (1, side, side))


def load_splits(cfg: DPOConfig, pipe: QwenImagePipeline) -> tuple[EncodedPairs, EncodedPairs, dict]:
    """Train and held-out pairs, encoded (from the cache in ``cfg.out`` when present)."""
    cache = {split: cfg.out / f"encoded-{split}.safetensors" for split in ("train", "heldout")}
    report_path = cfg.out / "pairs.json"
    if all(path.exists() for path in cache.values()) and report_path.exists():
        return (
            EncodedPairs.load(cache["train"]),
            EncodedPairs.load(cache["heldout"]),
            json.loads(report_path.read_text()),
        )
    counts = PairCounts()
    train = list(read_pairs(cfg.data, "train", counts=counts))
    if (Path(cfg.data) / "validation").is_dir():
        heldout = list(read_pairs(cfg.data, "validation", counts=counts))
    else:  # split by prompt, so no prompt is in both
        rng = random.Random(cfg.seed)
        prompts = sorted({p.prompt_id or p.prompt for p in train})
        held = set(rng.sample(prompts, max(1, round(len(prompts) * cfg.heldout_fraction))))
        heldout = [p for p in train if (p.prompt_id or p.prompt) in held]
        train = [p for p in train if (p.prompt_id or p.prompt) not in held]
    if not train or not heldout:
        raise ValueError(
            f"{cfg.data}: need decisive pairs in both splits, got {len(train)} / {len(heldout)}"
        )
    report = {"train": len(train), "heldout": len(heldout), "dropped": dict(counts.dropped)}
    encoded = {
        "train": encode_pairs(pipe, train, max_sequence_length=cfg.max_sequence_length),
        "heldout": encode_pairs(pipe, heldout, max_sequence_length=cfg.max_sequence_length),
    }
    cfg.out.mkdir(parents=True, exist_ok=True)
    for split, pairs in encoded.items():
        pairs.save(cache[split])
    report_path.write_text(json.dumps(report, indent=2))
    return encoded["train"], encoded["heldout"], report


# ---- the model -------------------------------------------------------------------------------


def with_adapters(transformer: torch.nn.Module, rank: int) -> torch.nn.Module:
    """The transformer with LoRA adapters (peft) on the attention projections."""
    from peft import LoraConfig, get_peft_model

    config = LoraConfig(
        r=rank, lora_alpha=rank, init_lora_weights="gaussian", target_modules=list(LORA_TARGETS)
    )
    return get_peft_model(transformer, config)


class Reference:
    """The reference velocity: the base with adapters switched off, or a frozen full copy."""

    def __init__(self, policy: torch.nn.Module, lora: bool):
        self.policy, self.lora = policy, lora
        self.frozen = None if lora else copy.deepcopy(policy).requires_grad_(False).eval()

    @torch.no_grad()
    def __call__(self, *args) -> torch.Tensor:
        if self.lora:
            with self.policy.disable_adapter():
                return self.policy(*args)
        return self.frozen(*args)


# ---- one step ----------------------------------------------------------------------------------


def _text_batch(
    text: list[torch.Tensor], index: list[int]
) -> tuple[torch.Tensor, torch.Tensor | None]:
    """Right-padded features and a mask (None when nothing is padded, to keep fast attention)."""
    rows = [text[i] for i in index]
    length = max(r.shape[0] for r in rows)
    embeds = rows[0].new_zeros(len(rows), length, rows[0].shape[1])
    mask = torch.zeros(len(rows), length, dtype=torch.long, device=rows[0].device)
    for i, r in enumerate(rows):
        embeds[i, : r.shape[0]], mask[i, : r.shape[0]] = r, 1
    return embeds, (None if bool(mask.all()) else mask)


def shared_noise(winner: torch.Tensor, generator: torch.Generator, mean: float, std: float):
    """One timestep (logit-normal) and one noise draw per pair, for winner and loser alike."""
    t = torch.sigmoid(torch.randn(winner.shape[0], generator=generator) * std + mean).clamp(
        0.01, 0.99
    )
    eps = torch.randn(winner.shape, generator=generator)
    return t, eps


def pair_errors(model, pairs: EncodedPairs, index: list[int], t: torch.Tensor, eps: torch.Tensor):
    """Mean squared velocity error of ``model`` on the winners and the losers of ``index``."""
    x_w, x_l = pairs.winner[index], pairs.loser[index]
    tt = t.view(-1, 1, 1)
    noised = torch.cat([(1 - tt) * x_w + tt * eps, (1 - tt) * x_l + tt * eps])
    target = torch.cat([eps - x_w, eps - x_l])
    embeds, mask = _text_batch(pairs.text, index)
    embeds = torch.cat([embeds, embeds])
    mask = None if mask is None else torch.cat([mask, mask])
    grid = [[pairs.grid]] * noised.shape[0]
    velocity = model(noised, embeds, mask, torch.cat([t, t]), grid)
    errors = (velocity.float() - target).pow(2).mean(dim=(1, 2))
    return errors[: len(index)], errors[len(index) :]


@torch.no_grad()
def evaluate(policy, reference, pairs: EncodedPairs, beta: float, seed: int, batch: int) -> dict:
    """Loss and implicit accuracy on held-out pairs, with noise fixed by ``seed``."""
    generator = torch.Generator().manual_seed(seed)
    policy.eval()
    errs = {k: [] for k in ("pw", "pl", "rw", "rl")}
    for start in range(0, len(pairs), batch):
        index = list(range(start, min(len(pairs), start + batch)))
        t, eps = shared_noise(pairs.winner[index], generator, 0.0, 1.0)
        pw, pl = pair_errors(policy, pairs, index, t, eps)
        rw, rl = pair_errors(reference, pairs, index, t, eps)
        for key, value in zip(("pw", "pl", "rw", "rl"), (pw, pl, rw, rl), strict=True):
            errs[key].append(value)
    policy.train()
    stats = dpo_stats(*(torch.cat(errs[k]) for k in ("pw", "pl", "rw", "rl")), beta)
    return {
        "heldout_loss": stats.loss,
        "heldout_accuracy": stats.implicit_accuracy,
        "heldout_margin": stats.reward_margin,
    }


# ---- the loop ----------------------------------------------------------------------------------


def train(cfg: DPOConfig) -> Path:
    if cfg.keep not in KEEP_CHOICES:
        raise ValueError(f"keep={cfg.keep!r}: expected one of {', '.join(KEEP_CHOICES)}")
    torch.manual_seed(cfg.seed)
    cfg.out.mkdir(parents=True, exist_ok=True)
    (cfg.out / "config.json").write_text(
        json.dumps({k: str(v) for k, v in asdict(cfg).items()}, indent=2)
    )
    pipe = QwenImagePipeline.from_pretrained(cfg.base, dtype=torch.float32, device="cpu")
    train_pairs, heldout, report = load_splits(cfg, pipe)
    transformer = pipe.transformer.float()
    transformer.requires_grad_(cfg.lora_rank == 0)
    policy = with_adapters(transformer, cfg.lora_rank) if cfg.lora_rank else transformer
    reference = Reference(policy, lora=cfg.lora_rank > 0)
    params = [p for p in policy.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.lr, weight_decay=cfg.weight_decay)
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / max(1, cfg.warmup_steps))
    )
    generator = torch.Generator().manual_seed(cfg.seed)
    step = _resume(cfg, policy, optimizer, schedule, generator)
    if step == 0:
        shutil.rmtree(cfg.out / BEST, ignore_errors=True)  # a previous run's, in the same --out
    best = _best_record(cfg.out)
    log, writer = _loggers(cfg, append=step > 0)
    policy.train()
    bar = tqdm(
        range(step, cfg.steps), initial=step, total=cfg.steps, disable=not cfg.progress, desc="dpo"
    )
    for step in bar:
        # The batch depends on the step alone, so a resumed run draws what an unbroken one would.
        batch_rng = np.random.default_rng([cfg.seed, step])
        size = min(cfg.batch_pairs, len(train_pairs))
        index = batch_rng.choice(len(train_pairs), size=size, replace=False).tolist()
        t, eps = shared_noise(train_pairs.winner[index], generator, cfg.logit_mean, cfg.logit_std)
        pw, pl = pair_errors(policy, train_pairs, index, t, eps)
        rw, rl = pair_errors(reference, train_pairs, index, t, eps)
        loss = flow_dpo_loss(pw, pl, rw, rl, cfg.beta)
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        grad_norm = float(torch.nn.utils.clip_grad_norm_(params, cfg.grad_clip))
        optimizer.step()
        schedule.step()
        row = {"step": step + 1, **dpo_stats(pw, pl, rw, rl, cfg.beta).as_dict()}
        row.update(grad_norm=grad_norm, lr=schedule.get_last_lr()[0])
        if (step + 1) % cfg.eval_every == 0 or step + 1 == cfg.steps:
            row.update(
                evaluate(policy, reference, heldout, cfg.beta, cfg.seed + 1, cfg.batch_pairs)
            )
            if cfg.keep == "best" and (best is None or row["heldout_loss"] < best["heldout_loss"]):
                best = {k: row[k] for k in ("step", "heldout_loss", "heldout_accuracy")}
                _save_best(cfg.out, policy, best)
        _write(log, writer, row)
        bar.set_postfix(loss=f"{row['loss']:.4f}", acc=f"{row['implicit_accuracy']:.2f}")
        if (step + 1) % cfg.checkpoint_every == 0 or step + 1 == cfg.steps:
            _checkpoint(cfg, policy, optimizer, schedule, generator, step + 1)
    writer.close()
    (cfg.out / "pairs.json").write_text(json.dumps(report, indent=2))
    return cfg.out


LOG_FIELDS = [
    "step", "loss", "implicit_accuracy", "reward_chosen", "reward_rejected", "reward_margin",
    "err_policy_w", "err_policy_l", "err_ref_w", "err_ref_l", "saturation", "grad_norm", "lr",
    "heldout_loss", "heldout_accuracy", "heldout_margin",
]  # fmt: skip


def _loggers(cfg: DPOConfig, *, append: bool):
    from torch.utils.tensorboard import SummaryWriter

    path = cfg.out / "log.csv"
    new = not (append and path.exists())
    handle = path.open("w" if new else "a", newline="")
    log = csv.DictWriter(handle, fieldnames=LOG_FIELDS)
    if new:
        log.writeheader()
    log.handle = handle  # type: ignore[attr-defined]
    return log, SummaryWriter(str(cfg.out / "tensorboard"))


def _write(log, writer, row: dict) -> None:
    log.writerow({k: row.get(k, "") for k in LOG_FIELDS})
    log.handle.flush()
    for key, value in row.items():
        if key != "step":
            writer.add_scalar(key, value, row["step"])


def _trainable_state(policy) -> dict[str, torch.Tensor]:
    return {k: v.detach().clone() for k, v in policy.named_parameters() if v.requires_grad}


def _checkpoint(cfg, policy, optimizer, schedule, generator, step: int) -> None:
    folder = cfg.out / "checkpoints" / f"step-{step:06d}"
    folder.mkdir(parents=True, exist_ok=True)
    save_file(_trainable_state(policy), str(folder / "trainable.safetensors"))
    torch.save(
        {
            "optimizer": optimizer.state_dict(),
            "schedule": schedule.state_dict(),
            "generator": generator.get_state(),
            "step": step,
        },
        folder / "state.pt",
    )


def latest_checkpoint(out: Path) -> Path | None:
    folders = sorted((out / "checkpoints").glob("step-*"))
    return folders[-1] if folders else None


KEEP_CHOICES = ("last", "best")
BEST = "best"  # --out/best/: adapters and best.json of the lowest held-out loss so far


def _save_best(out: Path, policy, record: dict) -> None:
    """Write the adapters next to their record atomically: a crash leaves the previous best."""
    tmp = out / f"{BEST}.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    save_file(_trainable_state(policy), str(tmp / "trainable.safetensors"))
    (tmp / "best.json").write_text(json.dumps(record, indent=2))
    shutil.rmtree(out / BEST, ignore_errors=True)
    tmp.rename(out / BEST)


def _best_record(out: Path) -> dict | None:
    path = out / BEST / "best.json"
    return json.loads(path.read_text()) if path.is_file() else None


def kept_adapters(out: Path) -> tuple[Path, dict]:
    """The adapters `merge` folds in: the best evaluation's with keep="best", else the latest
    checkpoint's; with a record of which (step, held-out loss and accuracy where known)."""
    config = json.loads((out / "config.json").read_text())
    if config.get("keep") == "best":
        record = _best_record(out)
        if record is None:
            raise FileNotFoundError(f"{out / BEST}: keep=best but no held-out evaluation was kept")
        return out / BEST, {"kept": "best", **record}
    checkpoint = latest_checkpoint(out)
    if checkpoint is None:
        raise FileNotFoundError(f"{out}: no checkpoint to merge")
    return checkpoint, {"kept": "last", "step": int(checkpoint.name.removeprefix("step-"))}


def _resume(cfg, policy, optimizer, schedule, generator) -> int:
    folder = latest_checkpoint(cfg.out)
    if folder is None:
        return 0
    weights = load_file(str(folder / "trainable.safetensors"))
    named = dict(policy.named_parameters())
    with torch.no_grad():
        for key, value in weights.items():
            named[key].copy_(value)
    state = torch.load(folder / "state.pt", weights_only=False)
    optimizer.load_state_dict(state["optimizer"])
    schedule.load_state_dict(state["schedule"])
    generator.set_state(state["generator"])
    return int(state["step"])


# ---- merging -----------------------------------------------------------------------------------


def merge(out: Path, *, base: Path | None = None, target: Path | None = None) -> Path:
    """Fold the latest adapters into the base transformer; write a full pipeline folder.

    The result (``out/merged`` by default) has the base's vae/, text_encoder/, tokenizer/ and
    scheduler/ and the tuned transformer/, so ``QwenImagePipeline.from_pretrained`` and the
    model registry load it as a new contestant.
    """
    config = json.loads((out / "config.json").read_text())
    base = Path(base or config["base"])
    target = Path(target or out / "merged")
    rank = int(config["lora_rank"])
    adapters, kept = kept_adapters(out)
    pipe = QwenImagePipeline.from_pretrained(base, dtype=torch.float32, device="cpu")
    transformer = pipe.transformer.float()
    policy = with_adapters(transformer, rank) if rank else transformer
    named = dict(policy.named_parameters())
    with torch.no_grad():
        for key, value in load_file(str(adapters / "trainable.safetensors")).items():
            named[key].copy_(value)
    merged = policy.merge_and_unload() if rank else policy
    if target.exists():
        shutil.rmtree(target)
    for part in ("vae", "text_encoder", "tokenizer", "scheduler"):
        if (base / part).is_dir():
            shutil.copytree(base / part, target / part)
    merged.save_pretrained(target / "transformer")
    (target / "dpo.json").write_text(
        json.dumps(
            {
                "base": str(base),
                **kept,
                "trained": time.strftime("%Y-%m-%d %H:%M:%S"),
            },
            indent=2,
        )
    )
    return target


# ---- command line ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command")
    merge_parser = sub.add_parser("merge", help="write the tuned pipeline folder")
    merge_parser.add_argument("--out", type=Path, required=True)
    merge_parser.add_argument("--target", type=Path)
    defaults = DPOConfig(data=Path(), base=Path(), out=Path())
    parser.add_argument("--data", type=Path, help="an arena export (export_preferences --out)")
    parser.add_argument("--base", type=Path, help="the base pipeline folder")
    parser.add_argument("--out", type=Path, help="run folder: cache, logs, checkpoints")
    tunable = ("beta", "lora_rank", "lr", "weight_decay", "warmup_steps", "steps", "batch_pairs")
    tunable += ("grad_clip", "eval_every", "checkpoint_every", "heldout_fraction", "seed")
    tunable += ("logit_mean", "logit_std")
    for name in tunable:
        value = getattr(defaults, name)
        parser.add_argument(f"--{name.replace('_', '-')}", type=type(value), default=value)
    parser.add_argument("--keep", choices=KEEP_CHOICES, default=defaults.keep)
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    if args.command == "merge":
        print(merge(args.out, target=args.target))
        return 0
    if not (args.data and args.base and args.out):
        parser.error("--data, --base and --out are required")
    cfg = DPOConfig(
        **{k: v for k, v in vars(args).items() if k in DPOConfig.__dataclass_fields__},
        progress=not args.no_progress,
    )
    train(cfg)
    return 0
