"""Diffusion-DPO for the flow-matching Qwen-Image (no Django): loss, data, trainer."""

from modelhub.training.dpo.loss import DPOStats, dpo_logits, dpo_stats, flow_dpo_loss

__all__ = ["DPOStats", "dpo_logits", "dpo_stats", "flow_dpo_loss"]
