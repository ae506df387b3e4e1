"""Prompt file formats: ours, the public benchmarks', and plain text, mapped into our tree.

Each format turns a file's text into rows in our field names (``arena.prompt_files`` validates
them). The benchmarks' own categories are mapped onto the arena's category tree (documented in
``docs/prompt-suites.md``), their original labels kept as tags and metadata, so that per-category
leaderboards read the same paths whatever suite the prompts came from.

| name | file | what it reads |
|---|---|---|
| ``jsonl`` | ``*.jsonl`` | one JSON object per line in our field names (the default suite) |
| ``csv`` | ``*.csv`` | a header row in our field names; ``*.tsv`` is read tab-separated |
| ``partiprompts`` | ``PartiPrompts.tsv`` | ``Prompt``, ``Category``, ``Challenge``, ``Note`` |
| ``drawbench`` | DrawBench CSV | ``Prompts``, ``Category`` |
| ``geneval`` | ``evaluation_metadata.jsonl`` | ``prompt``, ``tag``, ``include``/``exclude`` |
| ``dpg`` | ``dpg_bench.csv`` | ``item_id``, ``text``, one row per question, grouped by item |
| ``text`` | ``*.txt`` | one prompt per line; language detected per line |
"""

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from arena.file_errors import FileProblem, InputFileError
from arena.prompt_files import (
    PromptRecord,
    RawRows,
    split_jsonl,
    split_table,
    split_tags,
    validate_rows,
)

CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Text a prompt asks to be written: "...", “...”, «...», 「...」 or 『...』.
QUOTED_RE = re.compile(r'"([^"]+)"|“([^”]+)”|「([^」]+)」|『([^』]+)』')


@dataclass(frozen=True)
class PromptFormat:
    name: str
    read: Callable[[str, str, dict[str, str]], RawRows]
    suffixes: tuple[str, ...] = ()


def slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_") or "other"


def quoted_text(text: str) -> str:
    """The text a prompt asks to render: its quoted passages, one per line."""
    return "\n".join(next(g for g in match.groups() if g) for match in QUOTED_RE.finditer(text))


def detect_language(text: str) -> str:
    return "zh" if CJK_RE.search(text) else "en"


# --- Our own formats --------------------------------------------------------------------------


def _renamed(rows: RawRows, mapping: dict[str, str]) -> RawRows:
    """Rename the file's columns to ours: ``mapping`` is ours → theirs."""
    if mapping:
        theirs_to_ours = {theirs: ours for ours, theirs in mapping.items()}
        rows.items = [
            (line, {theirs_to_ours.get(key, key): value for key, value in row.items()})
            for line, row in rows.items
        ]
    return rows


def read_jsonl(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    return _renamed(split_jsonl(content, path), mapping)


def read_csv(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    rows = _renamed(
        split_table(content, path, delimiter=delimiter, required=(mapping.get("text", "text"),)),
        mapping,
    )
    for line, row in rows.items:
        if isinstance(row.get("tags"), str):
            row["tags"] = split_tags(row["tags"])
        if isinstance(row.get("metadata"), str):  # a JSON object column, as export_prompts writes
            try:
                extra = json.loads(row.pop("metadata"))
            except json.JSONDecodeError:
                extra = None
            if not isinstance(extra, dict):
                rows.problems.append(FileProblem(path, line, "metadata", "must be a JSON object"))
                continue
            row.update({k: v for k, v in extra.items() if k not in row})
    return rows


def read_text(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    """One prompt per line; blank lines and lines starting with ``#`` are skipped."""
    rows = RawRows()
    for number, line in enumerate(content.splitlines(), start=1):
        text = line.strip()
        if text and not text.startswith("#"):
            rows.items.append((number, {"text": text, "language": detect_language(text)}))
    return rows


# --- PartiPrompts (Yu et al. 2022) ------------------------------------------------------------

PARTI_CATEGORIES = {
    "Abstract": "style/abstract",
    "Animals": "general/animals",
    "Artifacts": "general/objects",
    "Arts": "design/painting",
    "Food & Beverage": "general/food",
    "Illustrations": "design/digital_art",
    "Indoor Scenes": "general/indoor",
    "Outdoor Scenes": "general/landscape",
    "People": "people/activities",
    "Produce & Plants": "general/plants",
    "Vehicles": "general/objects",
    "World Knowledge": "general/world_knowledge",
}
# Challenges that name a skill our tree has a branch for; the rest stay tags.
PARTI_CHALLENGES = {
    "Quantity": "composition/counting",
    "Properties & Positioning": "composition/spatial",
    "Writing & Symbols": "text_rendering/en/word",
}


def read_partiprompts(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    rows = split_table(content, path, delimiter="\t", required=("Prompt", "Category"))
    for _, row in rows.items:
        category, challenge = row.get("Category", ""), row.get("Challenge", "")
        text = row.pop("Prompt", "")
        tree = PARTI_CHALLENGES.get(challenge) or PARTI_CATEGORIES.get(
            category, f"other/{slug(category)}"
        )
        row.update(
            text=text,
            language="en",
            category=tree,
            tags=[slug(t) for t in (category, challenge) if t],
            source_category=row.pop("Category", ""),
            source_challenge=row.pop("Challenge", ""),
        )
        if tree.startswith("text_rendering/"):
            row["expected_text"] = quoted_text(text)
    return rows


# --- DrawBench (Saharia et al. 2022) ----------------------------------------------------------

DRAWBENCH_CATEGORIES = {
    "Colors": "composition/attributes",
    "Conflicting": "composition/multi_object",
    "Counting": "composition/counting",
    "DALL-E": "general/objects",
    "Descriptions": "general/objects",
    "Gary Marcus et al.": "composition/multi_object",
    "Misspellings": "general/objects",
    "Positional": "composition/spatial",
    "Rare Words": "general/objects",
    "Reddit": "general/objects",
    "Text": "text_rendering/en/word",
}


def read_drawbench(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    rows = split_table(content, path, delimiter=",", required=("Prompts", "Category"))
    for _, row in rows.items:
        label = row.pop("Category", "")
        text = row.pop("Prompts", "")
        tree = DRAWBENCH_CATEGORIES.get(label, f"other/{slug(label)}")
        row.update(
            text=text, language="en", category=tree, tags=[slug(label)], source_category=label
        )
        if tree.startswith("text_rendering/"):
            row["expected_text"] = quoted_text(text)
    return rows


# --- GenEval (Ghosh et al. 2023) ----------------------------------------------------------------

GENEVAL_TAGS = {
    "single_object": "general/objects",
    "two_object": "composition/multi_object",
    "counting": "composition/counting",
    "colors": "composition/attributes",
    "position": "composition/spatial",
    "color_attr": "composition/attributes",
}


def read_geneval(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    """GenEval's metadata lines; ``include``/``exclude`` are kept for GenEval-style scoring."""
    rows = split_jsonl(content, path)
    kept = []
    for line, row in rows.items:
        if "prompt" not in row or "tag" not in row:
            missing = "prompt" if "prompt" not in row else "tag"
            rows.problems.append(
                FileProblem(path, line, missing, "missing (a GenEval metadata line)")
            )
            continue
        tag = row.pop("tag")
        tree = GENEVAL_TAGS.get(tag, f"other/{slug(str(tag))}")
        row.update(text=row.pop("prompt"), language="en", category=tree, tags=[slug(str(tag))])
        kept.append((line, row))
    rows.items = kept
    return rows


# --- DPG-Bench (Hu et al. 2024, ELLA) ---------------------------------------------------------


def read_dpg(content: str, path: str, mapping: dict[str, str]) -> RawRows:
    """One row per question; rows of one ``item_id`` share the prompt and become one record."""
    table = split_table(content, path, delimiter=",", required=("item_id", "text"))
    grouped: dict[str, tuple[int, dict]] = {}
    for line, row in table.items:
        item = row.get("item_id", "")
        question = {
            key: row[key]
            for key in (
                "proposition_id",
                "dependency",
                "category_broad",
                "category_detailed",
                "tuple",
            )
            if key in row
        }
        question["question"] = row.get("question_natural_language", row.get("question", ""))
        if item not in grouped:
            grouped[item] = (
                line,
                {
                    "id": item,
                    "text": row.get("text", ""),
                    "language": "en",
                    "category": "composition/multi_object",
                    "tags": ["dpg"],
                    "questions": [],
                },
            )
        first_line, record = grouped[item]
        if row.get("text", "") != record["text"]:
            table.problems.append(
                FileProblem(
                    path, line, "text", f"item {item!r} has another text on line {first_line}"
                )
            )
        record["questions"].append(question)
        broad = slug(question.get("category_broad", "")) if question.get("category_broad") else None
        if broad and broad not in record["tags"]:
            record["tags"].append(broad)
    table.items = list(grouped.values())
    return table


FORMATS: dict[str, PromptFormat] = {
    f.name: f
    for f in (
        PromptFormat("jsonl", read_jsonl, (".jsonl", ".ndjson")),
        PromptFormat("csv", read_csv, (".csv", ".tsv")),
        PromptFormat("text", read_text, (".txt",)),
        PromptFormat("partiprompts", read_partiprompts),
        PromptFormat("drawbench", read_drawbench),
        PromptFormat("geneval", read_geneval),
        PromptFormat("dpg", read_dpg),
    )
}


def format_for(path: Path, name: str | None) -> PromptFormat:
    if name:
        if name not in FORMATS:
            raise InputFileError(
                [
                    FileProblem(
                        str(path), 0, None, f"unknown format {name!r}; known: {', '.join(FORMATS)}"
                    )
                ]
            )
        return FORMATS[name]
    suffix = path.suffix.lower()
    for prompt_format in FORMATS.values():
        if suffix in prompt_format.suffixes:
            return prompt_format
    known = ", ".join(FORMATS)
    reason = f"unknown file type {suffix!r}: name the format with --format ({known})"
    raise InputFileError([FileProblem(str(path), 0, None, reason)])


def parse_assignments(pairs: list[str], *, option: str) -> dict[str, str]:
    """``["text=Prompt", "language=en"]`` → ``{"text": "Prompt", "language": "en"}``."""
    result = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise ValueError(f"{option} expects FIELD=VALUE, got {pair!r}")
        result[key.strip()] = value.strip()
    return result


def read_prompt_file(
    path: Path,
    *,
    file_format: str | None = None,
    mapping: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
) -> list[PromptRecord]:
    """Parse a prompt file in one of ``FORMATS``; raise ``InputFileError`` listing every problem.

    ``mapping`` renames the file's columns to ours (``{"text": "Prompt"}``) and ``defaults`` fills
    fields that rows lack (``{"language": "en"}``).
    """
    where = str(path)
    prompt_format = format_for(path, file_format)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(
            [FileProblem(where, 0, None, f"cannot read file: {exc.strerror}")]
        ) from exc
    try:
        content = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputFileError([FileProblem(where, line, None, "not valid UTF-8")]) from exc
    rows = prompt_format.read(content, where, mapping or {})
    if defaults:
        rows.items = [(line, {**defaults, **row}) for line, row in rows.items]
    return validate_rows(rows, where)
