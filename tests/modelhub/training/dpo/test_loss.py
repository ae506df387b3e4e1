"""The flow-DPO loss and the step around it: values by hand, shared noise, one step's effect."""

import math

import pytest
import torch

from modelhub.qwen_image.configs import TINY_TRANSFORMER
from modelhub.qwen_image.transformer import QwenImageTransformer
from modelhub.training.dpo import dpo_stats, flow_dpo_loss
from modelhub.training.dpo.trainer import (
    EncodedPairs,
    Reference,
    pair_errors,
    shared_noise,
    with_adapters,
)


def test_loss_equals_a_hand_computation():
    pw, pl = torch.tensor([0.5, 0.2]), torch.tensor([0.4, 0.6])
    rw, rl = torch.tensor([0.45, 0.3]), torch.tensor([0.5, 0.5])
    beta = 10.0
    # z = -(beta/2) * ((pw - rw) - (pl - rl)): pair 1: -5 * (0.05 - -0.10) = -0.75,
    # pair 2: -5 * (-0.10 - 0.10) = 1.0; loss = mean(log(1 + exp(-z))).
    expected = (math.log1p(math.exp(0.75)) + math.log1p(math.exp(-1.0))) / 2
    assert float(flow_dpo_loss(pw, pl, rw, rl, beta)) == pytest.approx(expected, rel=1e-6)
    stats = dpo_stats(pw, pl, rw, rl, beta)
    assert stats.implicit_accuracy == 0.5
    assert stats.reward_margin == pytest.approx((-0.75 + 1.0) / 2)
    assert stats.reward_chosen == pytest.approx((-5 * 0.05 + -5 * -0.1) / 2)
    # Policy equal to the reference: z = 0, loss = log 2.
    assert float(flow_dpo_loss(rw, rl, rw, rl, beta)) == pytest.approx(math.log(2))


def tiny_pairs(n: int = 4, seed: int = 0) -> EncodedPairs:
    g = torch.Generator().manual_seed(seed)
    cfg = TINY_TRANSFORMER
    tokens = 16  # a 4 x 4 grid of patches
    return EncodedPairs(
        text=[torch.randn(5 + i % 3, cfg["joint_attention_dim"], generator=g) for i in range(n)],
        winner=torch.randn(n, tokens, cfg["in_channels"], generator=g),
        loser=torch.randn(n, tokens, cfg["in_channels"], generator=g),
        prompt_ids=[f"p{i}" for i in range(n)],
        grid=(1, 4, 4),
    )


def test_winner_and_loser_share_their_noise_and_timestep():
    pairs = tiny_pairs()
    calls = []

    def recording_model(x, embeds, mask, t, img_shapes):
        calls.append((x.clone(), t.clone()))
        return torch.zeros_like(x)

    index = [0, 2, 3]
    t, eps = shared_noise(pairs.winner[index], torch.Generator().manual_seed(1), 0.0, 1.0)
    pair_errors(recording_model, pairs, index, t, eps)
    x, times = calls[0]
    n = len(index)
    assert torch.equal(times[:n], times[n:])
    tt = times[:n].view(-1, 1, 1)
    noise_w = (x[:n] - (1 - tt) * pairs.winner[index]) / tt
    noise_l = (x[n:] - (1 - tt) * pairs.loser[index]) / tt
    torch.testing.assert_close(noise_w, noise_l, rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(noise_w, eps, rtol=1e-5, atol=1e-5)
    assert len(set(t.tolist())) == n  # one timestep per pair, not one per batch


def lora_policy(seed: int = 0):
    torch.manual_seed(seed)
    base = QwenImageTransformer(**TINY_TRANSFORMER)
    with torch.no_grad():
        for p in base.parameters():
            p.add_(0.1 * torch.randn_like(p))
    pristine = QwenImageTransformer(**TINY_TRANSFORMER)
    pristine.load_state_dict(base.state_dict())
    policy = with_adapters(base, rank=4)
    return policy, pristine.eval()


def margin(policy, reference, pairs, index, t, eps, beta=2000.0) -> float:
    with torch.no_grad():
        pw, pl = pair_errors(policy, pairs, index, t, eps)
        rw, rl = pair_errors(reference, pairs, index, t, eps)
    return dpo_stats(pw, pl, rw, rl, beta).reward_margin


def test_one_optimiser_step_raises_the_pairs_implicit_margin():
    pairs = tiny_pairs(n=1)
    policy, _ = lora_policy()
    reference = Reference(policy, lora=True)
    t, eps = shared_noise(pairs.winner, torch.Generator().manual_seed(3), 0.0, 1.0)
    before = margin(policy, reference, pairs, [0], t, eps)
    assert before == pytest.approx(0.0, abs=1e-6)  # adapters start at zero (B = 0)
    params = [p for p in policy.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-3)
    pw, pl = pair_errors(policy, pairs, [0], t, eps)
    rw, rl = pair_errors(reference, pairs, [0], t, eps)
    flow_dpo_loss(pw, pl, rw, rl, 2000.0).backward()
    optimizer.step()
    assert margin(policy, reference, pairs, [0], t, eps) > before + 1e-4


def test_with_adapters_off_the_policy_is_exactly_the_reference():
    pairs = tiny_pairs()
    policy, pristine = lora_policy(seed=5)
    with torch.no_grad():  # move the adapters far from zero
        for name, p in policy.named_parameters():
            if "lora_" in name:
                p.copy_(torch.randn_like(p))
    reference = Reference(policy, lora=True)
    t, eps = shared_noise(pairs.winner, torch.Generator().manual_seed(0), 0.0, 1.0)
    index = [0, 1, 2, 3]
    ref_w, ref_l = pair_errors(reference, pairs, index, t, eps)
    with torch.no_grad():
        base_w, base_l = pair_errors(pristine, pairs, index, t, eps)
        pol_w, _ = pair_errors(policy, pairs, index, t, eps)
    assert torch.equal(ref_w, base_w) and torch.equal(ref_l, base_l)
    assert not torch.allclose(pol_w, base_w)  # and the adapters do change the policy


def test_command_line_passes_every_documented_option(monkeypatch, tmp_path):
    """The README's options, the timestep distribution included, reach the trainer's config."""
    from modelhub.training.dpo import trainer

    seen = []
    monkeypatch.setattr(trainer, "train", seen.append)
    args = ["--data", str(tmp_path), "--base", str(tmp_path), "--out", str(tmp_path / "run")]
    args += ["--beta", "500", "--lora-rank", "8", "--lr", "0.001", "--steps", "40"]
    args += ["--logit-mean", "1.0", "--logit-std", "0.5", "--keep", "best", "--no-progress"]
    assert trainer.main(args) == 0
    (cfg,) = seen
    assert (cfg.beta, cfg.lora_rank, cfg.lr, cfg.steps) == (500.0, 8, 0.001, 40)
    assert (cfg.logit_mean, cfg.logit_std, cfg.keep, cfg.progress) == (1.0, 0.5, "best", False)
