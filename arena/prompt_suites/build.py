"""Build the default arena suite, arena-5k: 5,000 prompts in English and Chinese, seeded.

    .venv/bin/python -m arena.prompt_suites.build --seed 0   # write arena-5k.jsonl and .sha256
    .venv/bin/python -m arena.prompt_suites.build --check    # rebuild in memory, compare bytes

Each (category leaf, language) has a generator in one of the family modules (general_en,
text_zh, ...), written by hand from the lexicons next to it. The builder runs each generator on its
own random stream, seeded from the suite name, the seed, the leaf and the language, until the leaf
has the count that ``tree.PLAN`` asks for. A draft is kept only if no kept prompt has the same
normalised text or a token Jaccard of ``BUILD_THRESHOLD`` or more with it; the check runs inside
the leaf as drafts come, then over all pairs of the suite, replacing the later prompt of any pair
still too close. Nothing depends on the clock, hash randomisation or set order, so one seed gives
one file, byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tqdm import tqdm

from arena.prompt_suites import (
    composition_en,
    composition_zh,
    design_en,
    design_zh,
    general_en,
    general_zh,
    people_en,
    people_zh,
    style_en,
    style_zh,
    text_en,
    text_zh,
    tree,
)
from arena.prompt_suites.core import Draft, Generator
from arena.prompt_suites.quality import (
    NEAR_DUPLICATE_THRESHOLD,
    expected_lines_in_text,
    has_cjk,
    jaccard,
    normalize,
    similar_pairs,
    tokens,
    units,
)

SUITE_NAME = "arena-5k"
SUITE_VERSION = "1.0"
DEFAULT_SEED = 0
SUITE_PATH = Path(__file__).with_name(f"{SUITE_NAME}.jsonl")

# Drafts closer than this to a kept prompt are dropped: a margin under the report's threshold, so
# the suite's closest pair stays clearly on the "different prompt" side of it.
BUILD_THRESHOLD = 0.5
assert BUILD_THRESHOLD < NEAR_DUPLICATE_THRESHOLD
MAX_DRAFTS_PER_PROMPT = 500

LANGUAGES = ("en", "zh")
DIFFICULTIES = ("easy", "medium", "hard")
# Text to render, in units (English words; Chinese characters, a Latin word counting as one):
# up to the first bound is easy, up to the second medium, longer is hard.
TEXT_BOUNDS = {"en": (3, 12), "zh": (4, 16)}

_FAMILIES = (
    general_en,
    general_zh,
    people_en,
    people_zh,
    design_en,
    design_zh,
    text_en,
    text_zh,
    composition_en,
    composition_zh,
    style_en,
    style_zh,
)


class BuildError(RuntimeError):
    """A generator produced something the suite may not contain, or ran out of new prompts."""


def generators() -> dict[tuple[str, str], Generator]:
    """(leaf, language) -> generator, for every cell of the plan with a nonzero count."""
    found: dict[tuple[str, str], Generator] = {}
    for module in _FAMILIES:
        for key, gen in module.GENERATORS.items():
            if key in found:
                raise BuildError(f"two generators for {key}")
            found[key] = gen
    for leaf, counts in tree.PLAN.items():
        for lang, count in zip(LANGUAGES, counts, strict=True):
            if count and (leaf, lang) not in found:
                raise BuildError(f"no generator for {leaf} ({lang})")
    return found


def difficulty(draft: Draft, language: str) -> str:
    """easy / medium / hard from the checkable constraints and the amount of text to render.

    Constraints: 0-2 easy, 3-5 medium, 6 or more hard. Text to render: see TEXT_BOUNDS. A
    prompt is as hard as the harder of the two.
    """
    level = 0 if draft.constraints <= 2 else 1 if draft.constraints <= 5 else 2
    if draft.expected_text:
        low, high = TEXT_BOUNDS[language]
        size = len(units(draft.expected_text))
        level = max(level, 0 if size <= low else 1 if size <= high else 2)
    return DIFFICULTIES[level]


def _check_draft(draft: Draft, leaf: str, language: str) -> None:
    where = f"{leaf} ({language}): {draft.text!r}"
    if not draft.text.strip() or draft.text != draft.text.strip() or "\n" in draft.text:
        raise BuildError(f"{where}: empty, padded or multi-line text")
    if "  " in draft.text:
        raise BuildError(f"{where}: double space")
    if language == "zh" and not has_cjk(draft.text):
        raise BuildError(f"{where}: Chinese prompt without Chinese characters")
    if language == "en" and has_cjk(draft.text):
        raise BuildError(f"{where}: English prompt with Chinese characters")
    if leaf.startswith("text_rendering/") and not draft.expected_text:
        raise BuildError(f"{where}: text-rendering prompt without expected_text")
    if draft.expected_text is not None and not expected_lines_in_text(
        {"text": draft.text, "expected_text": draft.expected_text}
    ):
        raise BuildError(f"{where}: expected_text {draft.expected_text!r} not in the text")


def _text_keys(draft: Draft) -> tuple[str, ...]:
    """What must not repeat across the suite: the text to render, and its first two lines (so a
    couplet is not used twice, with and without its horizontal scroll)."""
    if not draft.expected_text:
        return ()
    lines = draft.expected_text.split("\n")
    keys = [draft.expected_text]
    if len(lines) > 2:
        keys.append("\n".join(lines[:2]))
    return tuple(keys)


class _Pool:
    """The prompts kept so far, with what the near-duplicate checks need."""

    def __init__(self) -> None:
        self.cells: list[tuple[str, str]] = []
        self.drafts: list[Draft] = []
        self.token_sets: list[frozenset[str]] = []
        self.normalised: dict[str, int] = {}
        self.rendered: dict[str, int] = {}

    def fits(self, draft: Draft, toks: frozenset[str], against: Sequence[int]) -> bool:
        if normalize(draft.text) in self.normalised:
            return False
        if any(key in self.rendered for key in _text_keys(draft)):
            return False
        return all(jaccard(toks, self.token_sets[i]) < BUILD_THRESHOLD for i in against)

    def _index(self, index: int) -> None:
        self.normalised[normalize(self.drafts[index].text)] = index
        for key in _text_keys(self.drafts[index]):
            self.rendered[key] = index

    def add(self, cell: tuple[str, str], draft: Draft, toks: frozenset[str]) -> int:
        self.cells.append(cell)
        self.drafts.append(draft)
        self.token_sets.append(toks)
        self._index(len(self.drafts) - 1)
        return len(self.drafts) - 1

    def replace(self, index: int, draft: Draft, toks: frozenset[str]) -> None:
        del self.normalised[normalize(self.drafts[index].text)]
        for key in _text_keys(self.drafts[index]):
            del self.rendered[key]
        self.drafts[index] = draft
        self.token_sets[index] = toks
        self._index(index)


def _draw(
    gen: Generator,
    rng: random.Random,
    cell: tuple[str, str],
    pool: _Pool,
    against: Sequence[int],
) -> tuple[Draft, frozenset[str]]:
    for _ in range(MAX_DRAFTS_PER_PROMPT):
        draft = gen(rng)
        _check_draft(draft, *cell)
        toks = tokens(draft.text)
        if pool.fits(draft, toks, against):
            return draft, toks
    raise BuildError(f"{cell}: no new prompt in {MAX_DRAFTS_PER_PROMPT} drafts; lexicon too small")


def build_drafts(seed: int = DEFAULT_SEED, *, progress: bool = False) -> _Pool:
    """Generate every prompt of the suite, free of duplicates and near-duplicates."""
    gens = generators()
    pool = _Pool()
    rngs: dict[tuple[str, str], random.Random] = {}
    cells = [
        (leaf, lang)
        for leaf, counts in tree.PLAN.items()
        for lang, count in zip(LANGUAGES, counts, strict=True)
        if count
    ]
    for cell in tqdm(cells, desc=SUITE_NAME, unit="leaf", disable=not progress):
        leaf, lang = cell
        count = tree.PLAN[leaf][LANGUAGES.index(lang)]
        rngs[cell] = rng = random.Random(f"{SUITE_NAME}/{seed}/{leaf}/{lang}")
        mine: list[int] = []
        while len(mine) < count:
            draft, toks = _draw(gens[cell], rng, cell, pool, mine)
            mine.append(pool.add(cell, draft, toks))
    # Across leaves: replace the later prompt of every pair still too close, until none is.
    while pairs := similar_pairs(pool.token_sets, BUILD_THRESHOLD):
        for index in sorted({j for _, _, j in pairs}):
            cell = pool.cells[index]
            others = [k for k in range(len(pool.drafts)) if k != index]
            draft, toks = _draw(gens[cell], rngs[cell], cell, pool, others)
            pool.replace(index, draft, toks)
    return pool


def build_records(seed: int = DEFAULT_SEED, *, progress: bool = False) -> list[dict]:
    """The suite as records, in tree order (English before Chinese within a leaf)."""
    pool = build_drafts(seed, progress=progress)
    records = []
    for number, ((leaf, lang), draft) in enumerate(zip(pool.cells, pool.drafts, strict=True), 1):
        record = {
            "id": f"a5k-{number:05d}",
            "text": draft.text,
            "language": lang,
            "category": leaf,
            "difficulty": difficulty(draft, lang),
            "tags": list(dict.fromkeys(draft.tags)),
        }
        if draft.expected_text is not None:
            record["expected_text"] = draft.expected_text
        records.append(record)
    return records


def render(records: Sequence[dict]) -> bytes:
    """One JSON object per line, UTF-8, keys in a fixed order, "\\n" line ends."""
    lines = (json.dumps(r, ensure_ascii=False) for r in records)
    return ("\n".join(lines) + "\n").encode("utf-8")


def checksum_line(data: bytes, name: str) -> str:
    """The line ``sha256sum`` writes, so ``sha256sum -c arena-5k.jsonl.sha256`` works."""
    return f"{hashlib.sha256(data).hexdigest()}  {name}\n"


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.chmod(tmp, 0o644)  # mkstemp makes the file private; the suite is for everyone to read
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def check(path: Path, seed: int, data: bytes | None = None) -> list[str]:
    """Problems found comparing the file at ``path`` (and its .sha256) with a fresh build.

    ``data`` is the rendered build to compare with; by default the suite is rebuilt from ``seed``.
    """
    problems = []
    data = render(build_records(seed)) if data is None else data
    sha_path = path.with_name(path.name + ".sha256")
    if not path.exists():
        return [f"{path}: missing"]
    on_disk = path.read_bytes()
    if on_disk != data:
        old, new = on_disk.split(b"\n"), data.split(b"\n")
        pairs = enumerate(zip(old, new, strict=False))
        first = next((k for k, (a, b) in pairs if a != b), min(len(old), len(new)))
        problems.append(f"{path}: differs from the seed-{seed} build, first at line {first + 1}")
    if not sha_path.exists():
        problems.append(f"{sha_path}: missing")
    else:
        if sha_path.read_text(encoding="utf-8") != checksum_line(data, path.name):
            problems.append(f"{sha_path}: does not match the seed-{seed} build")
        if sha_path.read_text(encoding="utf-8") != checksum_line(on_disk, path.name):
            problems.append(f"{sha_path}: does not match {path.name} on disk")
    return problems


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=f"Build the {SUITE_NAME} prompt suite.")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--out", type=Path, default=SUITE_PATH, help="the .jsonl to write")
    parser.add_argument(
        "--check", action="store_true", help="rebuild in memory and compare with --out"
    )
    args = parser.parse_args(argv)
    if args.check:
        problems = check(args.out, args.seed)
        for problem in problems:
            print(problem, file=sys.stderr)
        if not problems:
            print(f"{args.out}: matches the seed-{args.seed} build ({SUITE_NAME} {SUITE_VERSION})")
        return 1 if problems else 0
    data = render(build_records(args.seed, progress=True))
    _write_atomic(args.out, data)
    _write_atomic(
        args.out.with_name(args.out.name + ".sha256"), checksum_line(data, args.out.name).encode()
    )
    count = data.count(b"\n")
    print(f"wrote {args.out} ({count} prompts, {SUITE_NAME} {SUITE_VERSION}, seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
