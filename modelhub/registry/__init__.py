"""The model registry: contestant specs, and the backends that turn them into pipelines.

    from modelhub.registry import load_pipeline, specs_from_file

    spec = specs_from_file("contestants.toml")[0]
    images = load_pipeline(spec).generate(["a red fox"], [0])

No Django here: trainers and notebooks use the same code as the arena's workers.
"""

from modelhub.registry.backends import (
    BACKENDS,
    NON_GENERATING,
    Backend,
    GenerationPipeline,
    LoadError,
    UnknownBackend,
    backend_class,
    load_pipeline,
    release_memory,
)
from modelhub.registry.spec import (
    ContestantSpec,
    SamplerSettings,
    SpecError,
    spec_from_dict,
    spec_from_file,
    specs_from_file,
)

__all__ = [
    "BACKENDS",
    "NON_GENERATING",
    "Backend",
    "ContestantSpec",
    "GenerationPipeline",
    "LoadError",
    "SamplerSettings",
    "SpecError",
    "UnknownBackend",
    "backend_class",
    "load_pipeline",
    "release_memory",
    "spec_from_dict",
    "spec_from_file",
    "specs_from_file",
]
