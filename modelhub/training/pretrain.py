"""Flow-matching pre-training of the in-repo Qwen-Image MMDiT: the consumer of the latent cache.

    # the producer (another process) fills the cache; this trains on it as it fills
    .venv/bin/python -m modelhub.training.produce --cache var/demo-run/cache \\
        --components var/demo-run/components --buckets 32:24,64:96
    .venv/bin/python -m modelhub.training.pretrain --cache var/demo-run/cache \\
        --out var/demo-run/train --stages 32:1500,64:7000
    # stopped? the same command with --resume continues from the last checkpoint
    .venv/bin/python -m modelhub.training.pretrain ... --resume

(`python -m modelhub.training.train_demo` runs the whole recipe: components, producer, this.)

Step k, top to bottom:
  1. the stage of k gives the resolution (progressive: 32 pixels, then 64); the batch is B
     random (shard, row) picks among the shards of that bucket the producer has written by
     then (a new shard every `steps_per_new_shard` steps), drawn from a generator seeded by
     (seed, k): the data of step k never depends on timing, so a resumed run sees what an
     uninterrupted one would;
  2. with probability `caption_dropout` a sample's text becomes the empty prompt " " (what
     true CFG's negative branch sees at generation time);
  3. t ~ logit-normal(logit_mean, logit_std), eps ~ N(0, I), x_t = (1 - t) x0 + t eps, and the
     velocity target v = eps - x0 (report 4.1; the pipeline's Euler steps follow -v);
  4. loss = mean squared error of the transformer's prediction for (x_t, text, t), each latent
     channel weighted by (1 + its variance) ** -velocity_norm (0: plain; `train_demo` uses 1,
     which makes the low-variance channels that carry edges and corners count as much as the
     patch means: see docs/demo-model.md); with `aux_weight` > 0, plus that weight times the
     cross-entropy of a small head that reads each image token's colour and shape class off
     block `aux_block`'s hidden states (`token_labels.py`: an early block is taught what the
     clean image shows, REPA's idea with labels the renderer knows);
  5. AdamW with linear warm-up and cosine decay to `min_lr_ratio`, gradient clipping, and an
     exponential moving average (EMA) of the weights, which is what gets sampled from;
  6. one CSV row per step (loss, lr, grad norm, time), a tqdm bar, and every `save_every`
     steps a safetensors checkpoint with model, EMA and optimizer state; the EMA weights are
     also written as a transformer folder (diffusers layout) at `snapshots` and at the end.

Initialisation follows DiT's adaLN-Zero: the modulation layers (gates included) and the output
projection start at zero, so every block starts as the identity and the first prediction is 0.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from dataclasses import asdict, dataclass
from pathlib import Path

import torch
import torch.nn.functional as F
from safetensors import safe_open
from safetensors.torch import save_file
from tqdm.auto import tqdm

from modelhub.qwen_image import configs
from modelhub.qwen_image.pipeline import pack_latents
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.training import budget
from modelhub.training.cache import LatentCache
from modelhub.training.cli import config_parser
from modelhub.training.token_labels import TokenLabelHead, token_label_loss


@dataclass
class PretrainConfig:
    cache: str = "var/demo-run/cache"  # the producer's cache folder
    out: str = "var/demo-run/train"  # checkpoints/, ema/, loss.csv
    stages: str = "32:1500,64:7000"  # resolution:steps, trained in this order
    model: str = "DEMO_TRANSFORMER"  # a config name in modelhub.qwen_image.configs, or JSON
    batch_size: int = 64
    lr: float = 3e-3
    min_lr_ratio: float = 0.1  # the cosine ends at lr * min_lr_ratio
    warmup: int = 200
    weight_decay: float = 0.01
    grad_clip: float = 1.0
    ema_decay: float = 0.999
    caption_dropout: float = 0.1
    logit_mean: float = 0.0
    logit_std: float = 1.0
    # Loss weight of latent channel c: (1 + var_c) ** -velocity_norm (mean 1 over channels),
    # var_c measured on the stage's first shard. 1 gives every channel's velocity target unit
    # variance; 0 is the plain mean squared error. The minimiser is the same for any weights.
    velocity_norm: float = 0.0
    # Auxiliary loss: a head on block `aux_block`'s image tokens predicts each token's colour
    # and shape class (token_labels.py; the cache's labels), weighted by aux_weight (0: off).
    # The head is dropped at export.
    aux_weight: float = 0.0
    aux_block: int = 1
    steps_per_new_shard: int = 4
    save_every: int = 500
    keep_checkpoints: int = 2  # the newest N step-*.safetensors are kept
    snapshots: str = ""  # comma-separated steps whose EMA weights are kept (e.g. "1500")
    seed: int = 0
    threads: int = 2
    # A deadline (Unix time) by which the stages and `reserve_steps` more steps' worth of work
    # must end; the last stage is re-fitted every `replan_every` of its steps (budget.py).
    # 0: train the stages as given.
    finish_by: float = 0.0
    reserve_steps: float = 0.0
    # The most steps a re-fit may give the last stage: the recipe's, when `stages` comes from a
    # plan that cut it (the machine may turn out faster than its probe). 0: as given.
    max_last_steps: int = 0
    replan_every: int = 250
    resume: bool = False
    progress: bool = True

    def stage_list(self) -> list[tuple[int, int]]:
        stages = [tuple(int(v) for v in s.split(":")) for s in self.stages.split(",") if s]
        if not stages or any(len(s) != 2 or s[1] < 1 for s in stages):
            raise ValueError(f"stages={self.stages!r}: expected RES:STEPS[,RES:STEPS...]")
        return stages  # type: ignore[return-value]

    @property
    def total_steps(self) -> int:
        return sum(steps for _, steps in self.stage_list())

    def snapshot_steps(self) -> set[int]:
        return {int(s) for s in self.snapshots.split(",") if s}


def stage_at(step: int, stages: list[tuple[int, int]]) -> tuple[int, int]:
    """(resolution, step within the stage) of global step `step`."""
    for resolution, steps in stages:
        if step < steps:
            return resolution, step
        step -= steps
    raise IndexError("step past the last stage")


def lr_at(step: int, cfg: PretrainConfig) -> float:
    if step < cfg.warmup:
        return cfg.lr * (step + 1) / cfg.warmup
    progress = (step - cfg.warmup) / max(1, cfg.total_steps - cfg.warmup)
    cosine = 0.5 * (1 + math.cos(math.pi * min(1.0, progress)))
    return cfg.lr * (cfg.min_lr_ratio + (1 - cfg.min_lr_ratio) * cosine)


def model_config(name_or_json: str) -> dict:
    if name_or_json.lstrip().startswith("{"):
        return json.loads(name_or_json)
    return dict(getattr(configs, name_or_json))


def init_model(cfg: PretrainConfig) -> QwenImageTransformer:
    """The transformer at step 0: PyTorch init, then adaLN-Zero (modulation and output at 0)."""
    torch.manual_seed(cfg.seed)
    model = QwenImageTransformer(**model_config(cfg.model))
    with torch.no_grad():
        for block in model.transformer_blocks:
            for mod in (block.img_mod[1], block.txt_mod[1]):
                mod.weight.zero_()
                mod.bias.zero_()
        for layer in (model.norm_out.linear, model.proj_out):
            layer.weight.zero_()
            layer.bias.zero_()
    return model


def batch_picks(
    step: int, stage_step: int, shards: int, rows: int, cfg: PretrainConfig
) -> list[tuple[int, int]]:
    """The (shard, row) pairs of step `step`: uniform over the shards written by then."""
    horizon = min(shards, stage_step // cfg.steps_per_new_shard + 1)
    rng = random.Random(f"picks/{cfg.seed}/{step}")
    return [(rng.randrange(horizon), rng.randrange(rows)) for _ in range(cfg.batch_size)]


def text_mask(lengths: torch.Tensor, width: int) -> torch.Tensor | None:
    """(B, L) real-token mask, or None when nothing is padded (fast attention kernels)."""
    if bool((lengths == width).all()):
        return None
    return torch.arange(width)[None, :] < lengths[:, None]


def drop_captions(
    text: torch.Tensor, lengths: torch.Tensor, uncond: torch.Tensor, drop: torch.Tensor
) -> tuple[torch.Tensor, torch.Tensor]:
    """Replace the text of samples where `drop` is True with the empty prompt's features."""
    if not bool(drop.any()):
        return text, lengths
    width = max(text.shape[1], uncond.shape[0])
    out = text.new_zeros(text.shape[0], width, text.shape[2])
    out[:, : text.shape[1]] = text
    out[drop] = 0
    out[drop, : uncond.shape[0]] = uncond
    lengths = torch.where(drop, torch.full_like(lengths, uncond.shape[0]), lengths)
    width = int(lengths.max())
    return out[:, :width], lengths


def channel_weights(x0: torch.Tensor, power: float) -> torch.Tensor:
    """(C,) loss weights (1 + var_c) ** -power, mean 1, from clean latents (B, C, H, W)."""
    weights = (1 + x0.float().var(dim=(0, 2, 3))) ** -power
    return weights / weights.mean()


def flow_matching_loss(
    model: QwenImageTransformer,
    x0: torch.Tensor,
    text: torch.Tensor,
    lengths: torch.Tensor,
    generator: torch.Generator,
    cfg: PretrainConfig,
    weights: torch.Tensor | None = None,
) -> torch.Tensor:
    """Mean squared velocity error at logit-normal t for a batch of clean latents x0.

    `weights` (C,) weighs the latent channels (`channel_weights`); None: all alike.
    """
    batch, _, h, w = x0.shape
    t = torch.sigmoid(cfg.logit_mean + cfg.logit_std * torch.randn(batch, generator=generator))
    noise = torch.randn(x0.shape, generator=generator)
    tt = t.view(-1, 1, 1, 1)
    x_t = (1 - tt) * x0 + tt * noise
    target = pack_latents(noise - x0)
    prediction = model(
        pack_latents(x_t), text, text_mask(lengths, text.shape[1]), t, [(1, h // 2, w // 2)]
    )
    if weights is None:
        return F.mse_loss(prediction.float(), target)
    per_channel = pack_latents(weights.view(1, -1, 1, 1).expand(1, -1, h, w))
    return ((prediction.float() - target) ** 2 * per_channel).mean()


# ---- checkpoints ---------------------------------------------------------------------------


def save_checkpoint(
    path: Path,
    step: int,
    model,
    ema: dict,
    optimizer,
    cfg: PretrainConfig,
    seconds: float,
    aux_head: torch.nn.Module | None = None,
) -> None:
    """Model, EMA, auxiliary head and AdamW state as one safetensors file; `step` is the next
    step to run."""
    names = {id(p): n for n, p in _trained_parameters(model, aux_head)}
    tensors = {f"model/{n}": p.detach().clone() for n, p in model.state_dict().items()}
    if aux_head is not None:
        tensors.update({f"aux/{n}": p.detach().clone() for n, p in aux_head.state_dict().items()})
    tensors.update({f"ema/{n}": p.clone() for n, p in ema.items()})
    for param, state in optimizer.state.items():
        for key, value in state.items():
            tensors[f"optim/{names[id(param)]}/{key}"] = value.detach().clone().reshape(-1)
    metadata = {"step": str(step), "seconds": f"{seconds:.1f}", "config": json.dumps(asdict(cfg))}
    tmp = path.with_suffix(".tmp")
    save_file(tensors, str(tmp), metadata=metadata)
    tmp.replace(path)


def checkpoint_config(path: Path) -> dict:
    """The PretrainConfig (as a dict) a checkpoint was saved with."""
    with safe_open(str(path), framework="pt") as f:
        return json.loads(f.metadata()["config"])


def load_checkpoint(
    path: Path, model, ema: dict, optimizer, aux_head: torch.nn.Module | None = None
) -> tuple[int, float]:
    """Restore everything `save_checkpoint` wrote; returns (next step, seconds trained)."""
    params = dict(_trained_parameters(model, aux_head))
    with safe_open(str(path), framework="pt") as f:
        metadata = f.metadata()
        names = list(f.keys())
        model.load_state_dict({k[6:]: f.get_tensor(k) for k in names if k.startswith("model/")})
        if aux_head is not None:
            aux_head.load_state_dict({k[4:]: f.get_tensor(k) for k in names if k[:4] == "aux/"})
        for key in names:
            if key.startswith("ema/"):
                ema[key[4:]].copy_(f.get_tensor(key))
            elif key.startswith("optim/"):
                name, state_key = key[6:].rsplit("/", 1)
                value = f.get_tensor(key)
                param = params[name]
                if state_key != "step":
                    value = value.view_as(param)
                if state_key == "step":
                    value = value.reshape(())
                optimizer.state[param][state_key] = value
    return int(metadata["step"]), float(metadata.get("seconds", 0.0))


def _trained_parameters(model, aux_head) -> list[tuple[str, torch.nn.Parameter]]:
    """What the optimizer trains, by name: the model's parameters, then the head's as aux.*."""
    named = list(model.named_parameters())
    if aux_head is not None:
        named += [(f"aux.{n}", p) for n, p in aux_head.named_parameters()]
    return named


def latest_checkpoint(out: Path) -> Path | None:
    found = sorted((out / "checkpoints").glob("step-*.safetensors"))
    return found[-1] if found else None


def save_ema_transformer(model, ema: dict, folder: Path) -> None:
    """The EMA weights as a transformer folder (config.json + safetensors, float32)."""
    snapshot = QwenImageTransformer(**model.config)
    snapshot.load_state_dict(ema)
    snapshot.save_pretrained(folder)


# ---- the loop ------------------------------------------------------------------------------


def train(cfg: PretrainConfig) -> Path:
    """Run (or resume) pre-training; returns the folder of the final EMA transformer."""
    torch.set_num_threads(cfg.threads)
    out = Path(cfg.out)
    (out / "checkpoints").mkdir(parents=True, exist_ok=True)
    # A re-fit never goes past the recipe.
    max_last_steps = max(cfg.max_last_steps, cfg.stage_list()[-1][1])
    data = LatentCache(cfg.cache)
    manifest = data.manifest()
    uncond = data.uncond()

    model = init_model(cfg).train()
    ema = {n: p.detach().clone() for n, p in model.state_dict().items()}
    aux = AuxiliaryLoss(model, cfg) if cfg.aux_weight else None
    aux_head = aux.head if aux else None
    optimizer = torch.optim.AdamW(
        [p for _, p in _trained_parameters(model, aux_head)],
        lr=cfg.lr,
        betas=(0.9, 0.99),
        weight_decay=cfg.weight_decay,
    )
    start_step, seconds_before = 0, 0.0
    checkpoint = latest_checkpoint(out) if cfg.resume else None
    if checkpoint is not None:
        start_step, seconds_before = load_checkpoint(checkpoint, model, ema, optimizer, aux_head)
        saved = checkpoint_config(checkpoint)
        if saved.get("finish_by"):  # the schedule as the interrupted run had re-fitted it
            cfg.stages = saved["stages"]
    stages = cfg.stage_list()
    (out / "config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n")
    log_path = out / "loss.csv"
    rows = log_path.read_text().splitlines()[1 : start_step + 1] if start_step else []
    log = log_path.open("w")
    log.write("step,resolution,loss,lr,grad_norm,seconds,data_wait,aux_loss\n")
    log.writelines(row + "\n" for row in rows)

    started = time.time()
    bar = tqdm(initial=start_step, total=cfg.total_steps, desc="pretrain", disable=not cfg.progress)
    smooth = None
    step_ends = [time.time()]  # when each step of this process ended, for re-fits
    step = start_step
    weights: dict[int, torch.Tensor | None] = {}  # per resolution, from its first shard
    while step < cfg.total_steps:
        resolution, stage_step = stage_at(step, stages)
        shards = int(manifest["buckets"][str(resolution)])
        picks = batch_picks(step, stage_step, shards, int(manifest["shard_size"]), cfg)
        x0, text, lengths = data.batch(resolution, picks)
        if resolution not in weights:
            weights[resolution] = _stage_weights(data, resolution, manifest, cfg.velocity_norm)
        generator = torch.Generator().manual_seed(cfg.seed * 1_000_003 + step)
        drop = torch.rand(cfg.batch_size, generator=generator) < cfg.caption_dropout
        text, lengths = drop_captions(text, lengths, uncond, drop)

        lr = lr_at(step, cfg)
        for group in optimizer.param_groups:
            group["lr"] = lr
        loss = flow_matching_loss(model, x0, text, lengths, generator, cfg, weights[resolution])
        aux_loss = aux(data.labels(resolution, picks)) if aux else None
        optimizer.zero_grad(set_to_none=True)
        (loss if aux_loss is None else loss + cfg.aux_weight * aux_loss).backward()
        grad_norm = torch.nn.utils.clip_grad_norm_(
            optimizer.param_groups[0]["params"], cfg.grad_clip
        )
        optimizer.step()
        with torch.no_grad():
            decay = min(cfg.ema_decay, (1 + step) / (10 + step))
            for name, value in model.state_dict().items():
                ema[name].lerp_(value, 1 - decay)

        seconds = seconds_before + time.time() - started
        log.write(
            f"{step},{resolution},{loss.item():.6f},{lr:.3e},{float(grad_norm):.4f},"
            f"{seconds:.1f},{data.waited_seconds:.1f},"
            f"{'' if aux_loss is None else f'{aux_loss.item():.6f}'}\n"
        )
        smooth = loss.item() if smooth is None else 0.98 * smooth + 0.02 * loss.item()
        bar.set_postfix(res=resolution, loss=f"{smooth:.4f}", lr=f"{lr:.1e}")
        bar.update(1)
        done = step + 1
        step = done
        if done % 50 == 0:
            log.flush()
        if done % cfg.save_every == 0 or done == cfg.total_steps:
            path = out / "checkpoints" / f"step-{done:06d}.safetensors"
            save_checkpoint(path, done, model, ema, optimizer, cfg, seconds, aux_head)
            for old in sorted((out / "checkpoints").glob("step-*.safetensors"))[
                : -cfg.keep_checkpoints
            ]:
                old.unlink()
        if done in cfg.snapshot_steps():
            save_ema_transformer(model, ema, out / "ema" / f"step-{done:06d}")
        step_ends.append(time.time())
        if cfg.finish_by and _refit_due(done, stages, cfg):
            stages = _refit(cfg, stages, done, step_ends, max_last_steps, out)
            bar.total = cfg.total_steps
    bar.close()
    log.close()
    (out / "config.json").write_text(json.dumps(asdict(cfg), indent=2) + "\n")  # as trained
    final = out / "ema" / "final"
    save_ema_transformer(model, ema, final)
    return final


class AuxiliaryLoss:
    """The token-label loss on block `cfg.aux_block`'s image tokens (`token_labels.py`).

    A forward hook keeps the block's image-stream output of the last forward pass; calling the
    object with that batch's labels gives the loss. The model itself is not changed.
    """

    def __init__(self, model: QwenImageTransformer, cfg: PretrainConfig):
        blocks = len(model.transformer_blocks)
        if not 0 <= cfg.aux_block < blocks:
            raise ValueError(f"aux_block={cfg.aux_block}: the model has blocks 0 to {blocks - 1}")
        torch.manual_seed(cfg.seed + 1)
        self.head = TokenLabelHead(model.inner_dim)
        self._hidden: torch.Tensor | None = None
        model.transformer_blocks[cfg.aux_block].register_forward_hook(self._keep)

    def _keep(self, module, inputs, output) -> None:
        self._hidden = output[0]  # (img, txt): the image tokens

    def __call__(self, labels: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        if self._hidden is None:
            raise RuntimeError("no forward pass of the model yet")
        hidden, self._hidden = self._hidden, None
        return token_label_loss(self.head, hidden, *labels)


def _stage_weights(
    data: LatentCache, resolution: int, manifest: dict, power: float
) -> torch.Tensor | None:
    """`channel_weights` of the bucket's first shard (None when power is 0): fixed per stage,
    so they do not depend on which shards happen to be written yet."""
    if not power:
        return None
    rows = [(0, row) for row in range(int(manifest["shard_size"]))]
    return channel_weights(data.batch(resolution, rows)[0], power)


def _refit_due(done: int, stages: list[tuple[int, int]], cfg: PretrainConfig) -> bool:
    """Every `replan_every` steps into the last stage (its own steps only are timed)."""
    into_last = done - sum(steps for _, steps in stages[:-1])
    return into_last > 0 and into_last % cfg.replan_every == 0 and done < cfg.total_steps


def _refit(cfg, stages, done, step_ends, max_last_steps, out: Path):
    """Re-fit the last stage to the deadline; logged to refits.csv. Returns the new stages."""
    # Mean wall time of the last steps, checkpoints and snapshots included: what the rest costs.
    window = min(cfg.replan_every, len(step_ends) - 1)
    recent = (step_ends[-1] - step_ends[-1 - window]) / window
    left = cfg.finish_by - time.time()
    new = budget.refit_last_stage(
        stages,
        done,
        recent,
        left,
        cfg.reserve_steps,
        max_last_steps,
        min_total=max(cfg.snapshot_steps(), default=0) + 1,
    )
    cfg.stages = budget.stages_text(new)
    log = out / "refits.csv"
    if not log.exists():
        log.write_text("step,seconds_per_step,seconds_left,stages\n")
    with log.open("a") as f:
        f.write(f"{done},{recent:.4f},{left:.1f},{cfg.stages}\n")
    return new


def main(argv: list[str] | None = None) -> int:
    parser = config_parser(PretrainConfig, "Flow-matching pre-training on the latent cache.")
    cfg = PretrainConfig(**vars(parser.parse_args(argv)))
    train(cfg)
    return 0


if __name__ == "__main__":
    sys.exit(main())
