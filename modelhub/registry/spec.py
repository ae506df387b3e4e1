"""Contestant specs: which weights a contestant runs, on what, with which sampler settings.

A spec is plain data, read from a TOML or YAML file or from a dict (the arena keeps one per
contestant as JSON, editable in the admin). Every field is checked when the spec is read, and an
error names the file (or other source), the contestant and the field, so a typo in a deployment's
spec file fails at once with a message that says where, not hours later on a GPU worker.

One contestant per file (its fields at the top level), or several::

    [[contestant]]
    name = "flux-dev"
    backend = "diffusers"            # a name in modelhub.registry.BACKENDS, or a dotted path
    weights = "/models/FLUX.1-dev"   # a local folder; relative paths start at this file's folder
    dtype = "auto"                   # auto (bf16 on GPU, fp32 on CPU), bfloat16, float16, float32
    device = "auto"                  # auto | cpu | cuda | cuda:N
    family = "flux"                  # the worker queue serving it; default: the shared one
    batch_size = 4                   # images per generate() call (and per generation job)

    [contestant.sampler]
    steps = 28                       # unset: the model family's usual default
    guidance = 3.5
    negative_prompt = ""
    width = 1024
    height = 1024
    seed_policy = "sequential"       # or "prompt-hash"
    seed_base = 0
    scheduler = { class = "FlowMatchEulerDiscreteScheduler", shift = 3.0 }
    options = { max_sequence_length = 512 }   # further keywords for the pipeline call

    [contestant.backend_options]     # checked by the backend (e.g. diffusers: variant, cpu_offload)
"""

import hashlib
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DTYPES = ("auto", "bfloat16", "float16", "float32")
SEED_POLICIES = ("sequential", "prompt-hash")
_DEVICE_RE = re.compile(r"^(auto|cpu|mps|cuda(:\d+)?)$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# The largest seed every generator accepts (torch takes 64 bits; numpy and some APIs 32).
MAX_SEED = 2**32 - 1


class SpecError(ValueError):
    """A spec that cannot be used; says where (file, contestant) and which field."""

    def __init__(self, source: str, field: str | None, reason: str):
        where = f"{source}: {field}" if field else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.field = field
        self.reason = reason


@dataclass(frozen=True)
class SamplerSettings:
    """How images are sampled. ``None`` means: the model family's usual default."""

    steps: int | None = None
    guidance: float | None = None
    true_cfg_scale: float | None = None
    negative_prompt: str | None = None
    width: int | None = None
    height: int | None = None
    # ``{"class": "EulerDiscreteScheduler", **config overrides}``; empty keeps the checkpoint's.
    scheduler: Mapping[str, Any] = field(default_factory=dict)
    seed_policy: str = "sequential"
    seed_base: int = 0
    # Further keyword arguments for the pipeline call, passed as they are.
    options: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ContestantSpec:
    name: str
    backend: str
    weights: Path | None = None
    dtype: str = "auto"
    device: str = "auto"
    family: str | None = None
    batch_size: int = 4
    sampler: SamplerSettings = field(default_factory=SamplerSettings)
    backend_options: Mapping[str, Any] = field(default_factory=dict)
    # Where the spec was read from, for error messages; not part of the spec's identity.
    source: str = field(default="<dict>", compare=False)

    def seed(self, *, index: int, prompt_text: str) -> int:
        """The seed of this contestant's ``index``-th image of a prompt.

        ``sequential``: ``seed_base + index`` for every prompt, so two contestants start the same
        prompt from the same seed. ``prompt-hash``: a seed derived from the prompt's text and the
        index, so seeds vary across prompts but stay the same on every database.
        """
        base = self.sampler.seed_base
        if self.sampler.seed_policy == "sequential":
            return (base + index) % (MAX_SEED + 1)
        digest = hashlib.sha256(f"{base}\0{index}\0{prompt_text}".encode()).digest()
        return int.from_bytes(digest[:4], "big")

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready fields, as ``spec_from_dict`` reads them (without ``source``)."""
        sampler = {
            key: value
            for key, value in vars(self.sampler).items()
            if value is not None and value != {} and key not in ("seed_policy", "seed_base")
        }
        sampler["seed_policy"] = self.sampler.seed_policy
        sampler["seed_base"] = self.sampler.seed_base
        data: dict[str, Any] = {
            "name": self.name,
            "backend": self.backend,
            "dtype": self.dtype,
            "device": self.device,
            "batch_size": self.batch_size,
            "sampler": {k: dict(v) if isinstance(v, Mapping) else v for k, v in sampler.items()},
        }
        if self.weights is not None:
            data["weights"] = str(self.weights)
        if self.family is not None:
            data["family"] = self.family
        if self.backend_options:
            data["backend_options"] = dict(self.backend_options)
        return data

    def fingerprint(self) -> str:
        """A digest of everything that affects loading or sampling: a loaded pipeline's cache key.

        The name, family and batch size are left out: they change neither the model nor the
        images, so contestants that differ only in them share one loaded pipeline.
        """
        data = self.to_dict()
        for key in ("name", "family", "batch_size"):
            data.pop(key, None)
        return hashlib.sha256(json.dumps(data, sort_keys=True, default=str).encode()).hexdigest()


# --- Reading ------------------------------------------------------------------------------------

_TOP_FIELDS = {
    "name",
    "backend",
    "weights",
    "dtype",
    "device",
    "family",
    "batch_size",
    "sampler",
    "backend_options",
}
_SAMPLER_FIELDS = set(SamplerSettings.__dataclass_fields__)


def spec_from_dict(
    data: Mapping[str, Any], *, source: str = "<dict>", base_dir: Path | None = None
) -> ContestantSpec:
    """Read and check one spec. Relative ``weights`` paths start at ``base_dir`` when given."""
    if not isinstance(data, Mapping):
        raise SpecError(source, None, f"a spec must be a table/mapping, got {type(data).__name__}")
    name = data.get("name")
    if isinstance(name, str) and name and "contestant" not in source:
        source = f"{source} (contestant {name!r})"
    check = _Checker(source)
    unknown = sorted(set(data) - _TOP_FIELDS)
    if unknown:
        check.fail(unknown[0], f"unknown field; known fields: {', '.join(sorted(_TOP_FIELDS))}")
    name = check.string(data, "name", required=True)
    if not _NAME_RE.match(name):
        check.fail("name", "use letters, digits, '.', '_' and '-' (at most 100 characters)")
    backend = check.string(data, "backend", required=True)
    family = check.string(data, "family")
    if family is not None and not _NAME_RE.match(family):
        check.fail("family", "use letters, digits, '.', '_' and '-' (it names a queue)")
    dtype = check.choice(data, "dtype", DTYPES, default="auto")
    device = check.string(data, "device") or "auto"
    if not _DEVICE_RE.match(device):
        check.fail("device", f"must be auto, cpu, mps, cuda or cuda:N; got {device!r}")
    weights_raw = check.string(data, "weights")
    weights = None
    if weights_raw is not None:
        weights = Path(weights_raw).expanduser()
        if not weights.is_absolute() and base_dir is not None:
            weights = (base_dir / weights).resolve()
    batch_size = check.integer(data, "batch_size", minimum=1, default=4)
    sampler = _sampler(data.get("sampler", {}), _Checker(source, "sampler."))
    backend_options = data.get("backend_options", {})
    if not isinstance(backend_options, Mapping):
        check.fail("backend_options", "must be a table/mapping")
    spec = ContestantSpec(
        name=name,
        backend=backend,
        weights=weights,
        dtype=dtype,
        device=device,
        family=family,
        batch_size=batch_size,
        sampler=sampler,
        backend_options=dict(backend_options),
        source=source,
    )
    # The backend must exist and accept the options; imported lazily (no torch needed here).
    from modelhub.registry.backends import UnknownBackend, backend_class

    try:
        cls = backend_class(backend)
    except UnknownBackend as exc:
        raise SpecError(source, "backend", str(exc)) from None
    bad = sorted(set(spec.backend_options) - cls.option_names)
    if bad:
        known = ", ".join(sorted(cls.option_names)) or "none"
        raise SpecError(
            source, f"backend_options.{bad[0]}", f"unknown option for {backend!r} (known: {known})"
        )
    if cls.needs_weights and weights is None:
        raise SpecError(source, "weights", f"required by the {backend!r} backend (a local folder)")
    return spec


def _sampler(data: Any, check: "_Checker") -> SamplerSettings:
    if not isinstance(data, Mapping):
        check.fail("", "must be a table/mapping")
    unknown = sorted(set(data) - _SAMPLER_FIELDS)
    if unknown:
        check.fail(unknown[0], f"unknown field; known: {', '.join(sorted(_SAMPLER_FIELDS))}")
    guidance = check.number(data, "guidance", minimum=0.0)
    true_cfg = check.number(data, "true_cfg_scale", minimum=0.0)
    scheduler = data.get("scheduler", {})
    if not isinstance(scheduler, Mapping):
        check.fail("scheduler", "must be a table/mapping, e.g. {class = 'EulerDiscreteScheduler'}")
    if "class" in scheduler and not isinstance(scheduler["class"], str):
        check.fail("scheduler.class", "must be the name of a diffusers scheduler class")
    options = data.get("options", {})
    if not isinstance(options, Mapping):
        check.fail("options", "must be a table/mapping")
    return SamplerSettings(
        steps=check.integer(data, "steps", minimum=1),
        guidance=guidance,
        true_cfg_scale=true_cfg,
        negative_prompt=check.string(data, "negative_prompt", allow_empty=True),
        width=check.integer(data, "width", minimum=8),
        height=check.integer(data, "height", minimum=8),
        scheduler=dict(scheduler),
        seed_policy=check.choice(data, "seed_policy", SEED_POLICIES, default="sequential"),
        seed_base=check.integer(data, "seed_base", minimum=0, default=0),
        options=dict(options),
    )


class _Checker:
    def __init__(self, source: str, prefix: str = ""):
        self.source = source
        self.prefix = prefix

    def fail(self, name: str, reason: str):
        raise SpecError(self.source, (self.prefix + name).rstrip(".") or None, reason)

    def string(self, data, name, *, required=False, allow_empty=False):
        value = data.get(name)
        if value is None:
            if required:
                self.fail(name, "missing")
            return None
        if not isinstance(value, str) or (not value.strip() and not allow_empty):
            self.fail(name, f"must be a non-empty string, got {value!r}")
        return value

    def choice(self, data, name, choices, *, default):
        value = data.get(name, default)
        if value not in choices:
            self.fail(name, f"must be one of {', '.join(choices)}; got {value!r}")
        return value

    def integer(self, data, name, *, minimum, default=None):
        value = data.get(name, default)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            self.fail(name, f"must be an integer >= {minimum}, got {value!r}")
        return value

    def number(self, data, name, *, minimum):
        value = data.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or value < minimum:
            self.fail(name, f"must be a number >= {minimum}, got {value!r}")
        return float(value)


def specs_from_file(path: str | Path) -> list[ContestantSpec]:
    """Every spec in a TOML (``.toml``) or YAML (``.yaml``/``.yml``) file.

    The file holds one contestant at its top level, or a list under ``contestant`` (TOML's
    ``[[contestant]]``) or ``contestants``. Names must be unique within the file.
    """
    path = Path(path)
    where = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SpecError(where, None, f"cannot read: {exc}") from None
    suffix = path.suffix.lower()
    if suffix == ".toml":
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SpecError(where, None, f"not valid TOML ({exc})") from None
    elif suffix in (".yaml", ".yml"):
        try:
            import yaml
        except ImportError:  # PyYAML comes with transformers/huggingface_hub; say so if absent
            raise SpecError(where, None, "reading YAML needs PyYAML (pip install pyyaml)") from None
        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise SpecError(where, None, f"not valid YAML ({exc})") from None
    else:
        raise SpecError(where, None, "spec files end in .toml, .yaml or .yml")
    if not isinstance(data, Mapping):
        raise SpecError(where, None, "the file must hold a table/mapping")
    entries = data.get("contestant", data.get("contestants"))
    if entries is None:
        entries, sources = [data], [where]
    else:
        extra = sorted(set(data) - {"contestant", "contestants"})
        if extra:
            raise SpecError(where, extra[0], "unexpected beside the list of contestants")
        if not isinstance(entries, list) or not entries:
            raise SpecError(where, "contestant", "must be a non-empty list of tables")
        sources = [
            f"{where} (contestant #{n}"
            + (f" {entry.get('name')!r})" if isinstance(entry, Mapping) else ")")
            for n, entry in enumerate(entries, start=1)
        ]
    specs = [
        spec_from_dict(entry, source=source, base_dir=path.parent.resolve())
        for entry, source in zip(entries, sources, strict=True)
    ]
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            raise SpecError(spec.source, "name", f"{spec.name!r} appears twice in this file")
        seen.add(spec.name)
    return specs


def spec_from_file(path: str | Path) -> ContestantSpec:
    """The one spec in a file (an error if it holds several)."""
    specs = specs_from_file(path)
    if len(specs) != 1:
        raise SpecError(str(path), None, f"holds {len(specs)} contestants; expected one")
    return specs[0]
