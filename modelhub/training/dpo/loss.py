"""The Diffusion-DPO loss in its flow-matching (velocity) form, and the numbers to watch.

For a preference pair (winner w, loser l) noised with one shared timestep t and one shared noise
draw eps, each model's error is the mean squared velocity error over the latent elements,
e = mean((v(x_t, t, c) - (eps - x0))^2). With the policy's errors e_p and the reference's e_r:

    z    = -(beta / 2) * ((e_p_w - e_r_w) - (e_p_l - e_r_l))
    loss = -log sigmoid(z), averaged over pairs

z > 0 means the policy has moved towards the winner relative to the reference (its error on the
winner dropped more, or rose less, than on the loser): that is the implicit accuracy. The
implicit rewards are -beta/2 times each side's error change, and their difference (the margin)
is z itself. Wallace et al., arXiv 2311.12908, in the velocity form of flow_grpo / VeRL-Omni.
"""

from dataclasses import dataclass

import torch
import torch.nn.functional as F


def flow_dpo_loss(
    err_policy_w: torch.Tensor,
    err_policy_l: torch.Tensor,
    err_ref_w: torch.Tensor,
    err_ref_l: torch.Tensor,
    beta: float,
) -> torch.Tensor:
    """Mean DPO loss over pairs; every argument is a 1-D tensor of per-pair errors."""
    return -F.logsigmoid(dpo_logits(err_policy_w, err_policy_l, err_ref_w, err_ref_l, beta)).mean()


def dpo_logits(err_policy_w, err_policy_l, err_ref_w, err_ref_l, beta: float) -> torch.Tensor:
    """z per pair: the implicit reward margin of the winner over the loser."""
    return -(beta / 2) * ((err_policy_w - err_ref_w) - (err_policy_l - err_ref_l))


@dataclass(frozen=True)
class DPOStats:
    loss: float
    implicit_accuracy: float
    reward_chosen: float
    reward_rejected: float
    reward_margin: float
    err_policy_w: float
    err_policy_l: float
    err_ref_w: float
    err_ref_l: float
    saturation: float  # mean sigmoid(-z): near 0 once pairs are fitted, 0.5 at the start

    def as_dict(self) -> dict[str, float]:
        return dict(self.__dict__)


@torch.no_grad()
def dpo_stats(err_policy_w, err_policy_l, err_ref_w, err_ref_l, beta: float) -> DPOStats:
    z = dpo_logits(err_policy_w, err_policy_l, err_ref_w, err_ref_l, beta)
    chosen = -(beta / 2) * (err_policy_w - err_ref_w)
    rejected = -(beta / 2) * (err_policy_l - err_ref_l)
    return DPOStats(
        loss=float(-F.logsigmoid(z).mean()),
        implicit_accuracy=float((z > 0).float().mean()),
        reward_chosen=float(chosen.mean()),
        reward_rejected=float(rejected.mean()),
        reward_margin=float(z.mean()),
        err_policy_w=float(err_policy_w.mean()),
        err_policy_l=float(err_policy_l.mean()),
        err_ref_w=float(err_ref_w.mean()),
        err_ref_l=float(err_ref_l.mean()),
        saturation=float(torch.sigmoid(-z).mean()),
    )
