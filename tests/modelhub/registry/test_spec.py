"""Contestant specs are read from TOML, YAML or a dict, and every mistake names where it is."""

import pytest

from modelhub.registry import (
    BACKENDS,
    Backend,
    ContestantSpec,
    SpecError,
    UnknownBackend,
    backend_class,
    spec_from_dict,
    spec_from_file,
    specs_from_file,
)

TOML = """
[[contestant]]
name = "flux-dev"
backend = "diffusers"
weights = "weights/flux"
dtype = "bfloat16"
device = "cuda:1"
family = "flux"
batch_size = 2

[contestant.sampler]
steps = 28
guidance = 3.5
negative_prompt = ""
width = 1024
height = 768
seed_policy = "prompt-hash"
seed_base = 7
scheduler = { class = "FlowMatchEulerDiscreteScheduler", shift = 3.0 }
options = { max_sequence_length = 512 }

[contestant.backend_options]
variant = "fp16"

[[contestant]]
name = "sdxl"
backend = "diffusers"
weights = "/models/sdxl"
"""


def test_a_toml_file_with_several_contestants_reads_every_field(tmp_path):
    path = tmp_path / "contestants.toml"
    path.write_text(TOML)
    flux, sdxl = specs_from_file(path)
    assert flux.name == "flux-dev" and flux.backend == "diffusers"
    assert flux.weights == (tmp_path / "weights/flux").resolve()  # relative to the file
    assert (flux.dtype, flux.device, flux.family, flux.batch_size) == (
        "bfloat16",
        "cuda:1",
        "flux",
        2,
    )
    sampler = flux.sampler
    assert (sampler.steps, sampler.guidance, sampler.width, sampler.height) == (28, 3.5, 1024, 768)
    assert sampler.negative_prompt == ""
    assert sampler.scheduler == {"class": "FlowMatchEulerDiscreteScheduler", "shift": 3.0}
    assert sampler.options == {"max_sequence_length": 512}
    assert flux.backend_options == {"variant": "fp16"}
    assert sdxl.sampler.steps is None and sdxl.dtype == "auto" and sdxl.batch_size == 4
    assert str(sdxl.weights) == "/models/sdxl"


def test_a_yaml_file_and_a_dict_give_the_same_spec(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(
        "name: tiny\nbackend: diffusers\nweights: /w/tiny\nsampler:\n  steps: 2\n  guidance: 1.5\n"
    )
    from_yaml = spec_from_file(path)
    from_dict = spec_from_dict(
        {
            "name": "tiny",
            "backend": "diffusers",
            "weights": "/w/tiny",
            "sampler": {"steps": 2, "guidance": 1.5},
        }
    )
    assert from_yaml == from_dict
    # to_dict round-trips (the arena stores it as the contestant's JSON spec).
    assert spec_from_dict(from_dict.to_dict()) == from_dict


@pytest.mark.parametrize(
    "change, field, words",
    [
        ({"steps": -3}, "sampler.steps", "integer >= 1"),
        ({"guidance": "high"}, "sampler.guidance", "number"),
        ({"seed_policy": "random"}, "sampler.seed_policy", "sequential, prompt-hash"),
        ({"stpes": 20}, "sampler.stpes", "unknown field"),
        ({"scheduler": "euler"}, "sampler.scheduler", "table"),
    ],
)
def test_a_bad_sampler_field_is_named_with_its_file_and_contestant(tmp_path, change, field, words):
    sampler = "\n".join(f"{key} = {value!r}".replace("'", '"') for key, value in change.items())
    path = tmp_path / "bad.toml"
    path.write_text(
        f'[[contestant]]\nname = "ok"\nbackend = "diffusers"\nweights = "/w"\n'
        f'[[contestant]]\nname = "broken"\nbackend = "diffusers"\nweights = "/w"\n'
        f"[contestant.sampler]\n{sampler}\n"
    )
    with pytest.raises(SpecError) as error:
        specs_from_file(path)
    message = str(error.value)
    assert str(path) in message and "contestant #2 'broken'" in message
    assert error.value.field == field and f": {field}:" in message
    assert words in message


@pytest.mark.parametrize(
    "data, field, words",
    [
        ({"backend": "diffusers", "weights": "/w"}, "name", "missing"),
        ({"name": "a b", "backend": "diffusers", "weights": "/w"}, "name", "letters"),
        ({"name": "x", "backend": "nope", "weights": "/w"}, "backend", "unknown backend 'nope'"),
        ({"name": "x", "backend": "external"}, "backend", "imported, not generated"),
        ({"name": "x", "backend": "diffusers"}, "weights", "required"),
        ({"name": "x", "backend": "diffusers", "weights": "/w", "dtype": "fp8"}, "dtype", "one of"),
        (
            {"name": "x", "backend": "diffusers", "weights": "/w", "device": "gpu"},
            "device",
            "cuda:N",
        ),
        (
            {"name": "x", "backend": "diffusers", "weights": "/w", "batch_size": 0},
            "batch_size",
            ">= 1",
        ),
        (
            {"name": "x", "backend": "diffusers", "weights": "/w", "wieghts": "/w"},
            "wieghts",
            "unknown",
        ),
        (
            {
                "name": "x",
                "backend": "diffusers",
                "weights": "/w",
                "backend_options": {"fast": True},
            },
            "backend_options.fast",
            "unknown option for 'diffusers' (known: cpu_offload, variant)",
        ),
    ],
)
def test_a_bad_field_is_named(data, field, words):
    with pytest.raises(SpecError) as error:
        spec_from_dict(data, source="admin")
    assert error.value.field == field
    assert words in str(error.value)
    assert str(error.value).startswith("admin")


def test_file_level_errors_name_the_file(tmp_path):
    one = '[[contestant]]\nname="a"\nbackend="diffusers"\nweights="/w"\n'
    cases = {
        "broken.toml": ("name = \n", "broken.toml: not valid TOML"),
        "x.json": ("{}", "x.json: spec files end in .toml, .yaml or .yml"),
        "twice.toml": (one * 2, "name: 'a' appears twice in this file"),
        "list.yaml": ("- 1\n- 2\n", "list.yaml: the file must hold a table"),
    }
    for name, (text, message) in cases.items():
        (tmp_path / name).write_text(text)
        with pytest.raises(SpecError, match=message):
            specs_from_file(tmp_path / name)
    with pytest.raises(SpecError, match=r"missing\.toml: cannot read"):
        specs_from_file(tmp_path / "missing.toml")
    (tmp_path / "two.toml").write_text(one + one.replace('"a"', '"b"'))
    with pytest.raises(SpecError, match="holds 2 contestants; expected one"):
        spec_from_file(tmp_path / "two.toml")


def test_seed_policies():
    base = {"name": "x", "backend": "diffusers", "weights": "/w"}
    sequential = spec_from_dict({**base, "sampler": {"seed_base": 100}})
    assert [sequential.seed(index=i, prompt_text="a") for i in range(3)] == [100, 101, 102]
    assert sequential.seed(index=1, prompt_text="b") == 101  # the same for every prompt
    hashed = spec_from_dict({**base, "sampler": {"seed_policy": "prompt-hash"}})
    a0, a1, b0 = (
        hashed.seed(index=0, prompt_text="a"),
        hashed.seed(index=1, prompt_text="a"),
        hashed.seed(index=0, prompt_text="b"),
    )
    assert len({a0, a1, b0}) == 3
    assert a0 == hashed.seed(index=0, prompt_text="a")  # stable
    assert all(0 <= s < 2**32 for s in (a0, a1, b0))


class _EchoBackend(Backend):
    name = "echo"
    option_names = frozenset({"colour"})
    needs_weights = False


def test_backends_are_classes_named_by_configuration(monkeypatch):
    from modelhub.backends.diffusers_backend import DiffusersBackend

    assert backend_class("diffusers") is DiffusersBackend
    # A dotted path works without registering; a registered name works like a built-in.
    path = f"{__name__}._EchoBackend"
    assert backend_class(path) is _EchoBackend
    monkeypatch.setitem(BACKENDS, "echo", path)
    spec = spec_from_dict({"name": "e", "backend": "echo", "backend_options": {"colour": "red"}})
    assert isinstance(spec, ContestantSpec) and spec.weights is None
    with pytest.raises(UnknownBackend, match="not a Backend subclass"):
        backend_class("pytest.fixture")
    with pytest.raises(UnknownBackend, match="cannot import"):
        backend_class("modelhub.nowhere.Backend")
