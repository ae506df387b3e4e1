"""A test backend: the diffusers backend with knobs for the generation tests.

Named in a spec as ``backend = "tests.generation.backends.ScriptedDiffusersBackend"`` (the
registry takes dotted paths), so worker subprocesses load it like any backend. Options:
``sleep_seconds`` (sleep inside every batch: a worker can be killed mid-task deterministically),
``poison`` (the images come back carrying the string as an ICC profile, as metadata-writing
pipelines do), ``fail`` (every batch raises a transient error).
"""

import time

from modelhub.backends.diffusers_backend import DiffusersBackend
from modelhub.registry import GenerationPipeline

SCRIPTED = "tests.generation.backends.ScriptedDiffusersBackend"


class ScriptedDiffusersBackend(DiffusersBackend):
    name = "scripted-diffusers"
    option_names = DiffusersBackend.option_names | {"sleep_seconds", "poison", "fail"}

    def load(self, spec):
        return ScriptedPipeline(super().load(spec), dict(spec.backend_options))


class ScriptedPipeline(GenerationPipeline):
    def __init__(self, inner: GenerationPipeline, options: dict):
        self.inner = inner
        self.options = options
        self.settings = dict(inner.settings)

    def generate(self, prompts, seeds):
        time.sleep(float(self.options.get("sleep_seconds", 0)))
        if self.options.get("fail"):
            raise ConnectionError("the shared file system hiccupped")
        images = self.inner.generate(prompts, seeds)
        poison = self.options.get("poison")
        if poison:
            for image in images:
                image.info["icc_profile"] = poison.encode() * 8
                image.info["parameters"] = f"model: {poison}"
        return images
