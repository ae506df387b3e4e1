"""Command lines built from a config dataclass: one flag per field, typed by its annotation."""

from __future__ import annotations

import argparse
from dataclasses import fields


def config_parser(config_class: type, description: str) -> argparse.ArgumentParser:
    """`--field-name` for every field of `config_class` (bool fields get `--no-...` too)."""
    parser = argparse.ArgumentParser(description=description)
    for f in fields(config_class):
        flag = f"--{f.name.replace('_', '-')}"
        if f.type in ("bool", bool):
            parser.add_argument(flag, action=argparse.BooleanOptionalAction, default=f.default)
        else:
            kind = {"int": int, "float": float, "str": str}[str(f.type)]
            parser.add_argument(flag, type=kind, default=f.default)
    return parser
