"""The held-out synthetic suite, synthetic-5k: 5,000 prompts with known answers, none trainable.

    .venv/bin/python -m modelhub.synthetic.suite            # write synthetic-5k.jsonl and .sha256
    .venv/bin/python -m modelhub.synthetic.suite --check    # rebuild in memory, compare bytes

Every prompt lies outside the training distribution (`scenes.in_training` is False):
- synthetic/single (1,000, easy): one object whose colour-shape pair is in HELD_OUT_PAIRS,
  with or without a size word;
- synthetic/count (500, medium): two to four copies of a held-out pair;
- synthetic/relation (3,500, hard): two objects of seen pairs whose combination is held out
  (`scenes.held_out_combo`), in one of four relations.
For each category, every (truth, caption) the generators can produce is listed in a fixed
order and a seeded sample is drawn without replacement, so texts are distinct and one seed
gives one file, byte for byte. Lines follow the arena's prompt format (`id`, `text`,
`language`, `category`, `difficulty`, `tags`); the ground truth rides along as the extra field
`truth` (`scenes.Truth.to_dict()`), which the arena keeps as prompt metadata, and `split`
says which hold-out rule applies.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import random
import sys
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from modelhub.synthetic.captions import all_captions
from modelhub.synthetic.scenes import (
    COUNTS,
    RELATIONS,
    SIZE_WORDS,
    UNSEEN_PAIRS,
    Thing,
    Truth,
    in_training,
    relation_combos,
)

SUITE_NAME = "synthetic-5k"
SUITE_VERSION = "1.0"
DEFAULT_SEED = 0
SUITE_PATH = Path(__file__).with_name(f"{SUITE_NAME}.jsonl")
PLAN = {
    "synthetic/single": (1000, "easy", "unseen-pair"),
    "synthetic/count": (500, "medium", "unseen-pair"),
    "synthetic/relation": (3500, "hard", "held-out-combo"),
}


def truths(category: str) -> Iterator[Truth]:
    """Every held-out truth of a category, in a fixed order."""
    if category == "synthetic/single":
        for (colour, shape), size in itertools.product(UNSEEN_PAIRS, (None, *SIZE_WORDS)):
            yield Truth("single", (Thing(colour, shape, size),))
    elif category == "synthetic/count":
        for (colour, shape), count in itertools.product(UNSEEN_PAIRS, COUNTS):
            yield Truth("count", (Thing(colour, shape),), count=count)
    elif category == "synthetic/relation":
        for a, b in relation_combos("heldout"):
            for first, second in ((a, b), (b, a)):
                for relation in RELATIONS:
                    yield Truth("relation", (Thing(*first), Thing(*second)), 2, relation)
    else:
        raise ValueError(f"unknown category {category!r}")


def tags(truth: Truth, split: str) -> list[str]:
    words = [truth.kind, split]
    for thing in truth.things:
        words += [thing.colour, thing.shape]
    if truth.relation:
        words.append(truth.relation)
    return list(dict.fromkeys(words))


def build_records(seed: int = DEFAULT_SEED) -> list[dict]:
    """The suite as records, category by category."""
    records = []
    for category, (count, difficulty, split) in PLAN.items():
        candidates = [(truth, text) for truth in truths(category) for text in all_captions(truth)]
        if len({text for _, text in candidates}) != len(candidates):
            raise RuntimeError(f"{category}: two truths share a caption")
        if len(candidates) < count:
            raise RuntimeError(f"{category}: only {len(candidates)} prompts for {count}")
        rng = random.Random(f"{SUITE_NAME}/{seed}/{category}")
        for truth, text in rng.sample(candidates, count):
            if in_training(truth):
                raise RuntimeError(f"{text!r} is in the training distribution")
            records.append(
                {
                    "id": f"syn5k-{len(records) + 1:05d}",
                    "text": text,
                    "language": "en",
                    "category": category,
                    "difficulty": difficulty,
                    "tags": tags(truth, split),
                    "split": split,
                    "truth": truth.to_dict(),
                }
            )
    return records


def render_jsonl(records: Sequence[dict]) -> bytes:
    """One JSON object per line, UTF-8, keys in insertion order, "\\n" line ends."""
    return ("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n").encode()


def checksum_line(data: bytes, name: str) -> str:
    """The line `sha256sum` writes, so `sha256sum -c synthetic-5k.jsonl.sha256` works."""
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n"


def load_suite(path: str | Path = SUITE_PATH) -> list[dict]:
    """The suite's records (with `truth` as a dict; `scenes.Truth.from_dict` reads it)."""
    return [json.loads(line) for line in Path(path).read_text().splitlines() if line]


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def check(path: Path, seed: int) -> list[str]:
    """Problems found comparing the file (and its .sha256) with a fresh build."""
    data = render_jsonl(build_records(seed))
    if not path.exists():
        return [f"{path}: missing"]
    problems = []
    if path.read_bytes() != data:
        problems.append(f"{path}: differs from the seed-{seed} build")
    sha_path = path.with_name(path.name + ".sha256")
    if not sha_path.exists() or sha_path.read_text() != checksum_line(data, path.name):
        problems.append(f"{sha_path}: missing or does not match the seed-{seed} build")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"Build the {SUITE_NAME} prompt suite.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=SUITE_PATH, help="the .jsonl to write")
    parser.add_argument("--check", action="store_true", help="rebuild and compare with --out")
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.out, args.seed)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{args.out}: matches the seed-{args.seed} build ({SUITE_NAME} {SUITE_VERSION})")
        return 1 if problems else 0
    data = render_jsonl(build_records(args.seed))
    _write_atomic(args.out, data)
    sha = args.out.with_name(args.out.name + ".sha256")
    _write_atomic(sha, checksum_line(data, args.out.name).encode())
    lines = data.count(b"\n")
    print(f"wrote {args.out} ({lines} prompts, {SUITE_NAME} {SUITE_VERSION}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
