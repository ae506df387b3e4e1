import math

import pytest
import torch

from modelhub.training.cli import config_parser
from modelhub.training.pretrain import PretrainConfig, flow_matching_loss
from modelhub.training.train_demo import DemoConfig, process_commands

PLAN = {"stages": "32:1000,64:4321", "finish_by": 1234.5, "reserve_steps": 12.0}


def _consumer_config(cfg: DemoConfig, tmp_path) -> PretrainConfig:
    _, consumer = process_commands(cfg, tmp_path, PLAN)
    assert consumer[1:3] == ["-m", "modelhub.training.pretrain"]
    parsed = config_parser(PretrainConfig, "").parse_args(consumer[3:])
    return PretrainConfig(**vars(parsed))


def test_the_consumer_trains_with_every_setting_of_the_demo_config(tmp_path):
    cfg = DemoConfig(
        batch_size=48, lr=2e-3, logit_mean=0.7, velocity_norm=0.5, aux_weight=0.25, seed=3
    )
    consumer = _consumer_config(cfg, tmp_path)
    for name in ("batch_size", "lr", "logit_mean", "velocity_norm", "aux_weight", "seed"):
        assert getattr(consumer, name) == getattr(cfg, name), name
    assert consumer.stages == PLAN["stages"] and consumer.finish_by == PLAN["finish_by"]
    # a re-fit may give back what the plan cut, up to the recipe's last stage
    assert consumer.max_last_steps == PretrainConfig(stages=cfg.stages).stage_list()[-1][1]
    assert consumer.cache == str(tmp_path / "cache") and consumer.out == str(tmp_path / "train")


class _RecordTimesteps(torch.nn.Module):
    def forward(self, hidden_states, text, mask, timestep, shapes):
        self.timestep = timestep
        return torch.zeros_like(hidden_states)


@pytest.mark.parametrize("mean", [0.0, 0.5, 1.0])
def test_training_timesteps_are_logit_normal_around_the_configured_mean(mean):
    model = _RecordTimesteps()
    cfg = PretrainConfig(logit_mean=mean, logit_std=1.0)
    x0, text, lengths = torch.zeros(4096, 16, 2, 2), torch.zeros(4096, 1, 32), torch.ones(4096)
    flow_matching_loss(model, x0, text, lengths, torch.Generator().manual_seed(0), cfg)
    logits = torch.logit(model.timestep.double())
    assert logits.mean().item() == pytest.approx(mean, abs=0.05)  # 4 standard errors
    assert logits.std().item() == pytest.approx(1.0, abs=0.05)
    # the median timestep is the shifted midpoint e^mean / (e^mean + 1)
    assert model.timestep.median().item() == pytest.approx(1 / (1 + math.exp(-mean)), abs=0.02)
