"""Reading prompt files into validated records, with errors that say where.

Pure parsing: no database. Every problem is collected with its file, line and field, so an
operator fixes a file in one pass; the importer writes nothing from a file with any error. The
formats (our CSV and JSONL, and the public benchmarks' files) are in ``arena.prompt_formats``;
each turns a file into rows in our field names, validated here.

Fields: ``text`` (required), ``language`` (required, a code such as ``en`` or ``zh``),
``category`` (required, a slash path such as ``text_rendering/zh/couplet``), and optional ``id``,
``difficulty`` (easy, medium, hard), ``tags`` (a list) and ``expected_text``. Other fields are
kept as the prompt's metadata.
"""

import csv
import hashlib
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from arena.file_errors import FileProblem, InputFileError

LANGUAGE_RE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")
CATEGORY_RE = re.compile(r"^[a-z0-9_\-]+(/[a-z0-9_\-]+)*$")
ID_RE = re.compile(r"^[A-Za-z0-9_.:\-]{1,64}$")
DIFFICULTIES = {"", "easy", "medium", "hard"}
MAX_TEXT_CHARS = 4000
KNOWN_FIELDS = {"id", "text", "language", "category", "difficulty", "tags", "expected_text"}


@dataclass(frozen=True)
class PromptRecord:
    line: int
    external_id: str
    text: str
    language: str
    category: str
    difficulty: str = ""
    tags: list[str] = field(default_factory=list)
    expected_text: str = ""
    metadata: dict = field(default_factory=dict)


def default_prompt_id(text: str) -> str:
    """A stable id for prompts whose file gives none: the same text always gets the same id."""
    return "p-" + hashlib.sha1(text.encode()).hexdigest()[:12]


@dataclass
class RawRows:
    """Rows as (line number, dict in our field names), and the problems found splitting them."""

    items: list[tuple[int, dict]] = field(default_factory=list)
    problems: list[FileProblem] = field(default_factory=list)


def split_jsonl(content: str, path: str) -> RawRows:
    rows = RawRows()
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            rows.problems.append(
                FileProblem(path, number, None, f"not valid JSON ({exc.msg} at column {exc.colno})")
            )
            continue
        if not isinstance(value, dict):
            rows.problems.append(FileProblem(path, number, None, "each line must be a JSON object"))
            continue
        rows.items.append((number, value))
    return rows


def split_table(
    content: str, path: str, *, delimiter: str, required: tuple[str, ...] = ()
) -> RawRows:
    """CSV or TSV rows keyed by header, with empty cells left out; ``required`` columns checked."""
    rows = RawRows()
    reader = csv.DictReader(io.StringIO(content, newline=""), delimiter=delimiter, strict=True)
    try:
        header = reader.fieldnames or []
        missing = [name for name in required if name not in header]
        if missing:
            rows.problems.extend(
                FileProblem(path, 1, name, f"the header has no {name!r} column") for name in missing
            )
            return rows
        for record in reader:
            number = reader.line_num
            if None in record:
                rows.problems.append(
                    FileProblem(path, number, None, "more cells than header columns")
                )
                continue
            rows.items.append((number, {k: v for k, v in record.items() if v not in (None, "")}))
    except csv.Error as exc:
        rows.problems.append(FileProblem(path, reader.line_num, None, f"malformed CSV ({exc})"))
    return rows


def split_tags(raw: str) -> list[str] | str:
    """Tags in a table cell: a JSON list, or ``a;b;c``."""
    raw = raw.strip()
    if raw.startswith("["):
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return raw  # reported by validation as "not a list"
    return [tag.strip() for tag in raw.split(";") if tag.strip()]


def validate_rows(rows: RawRows, path: str) -> list[PromptRecord]:
    problems = list(rows.problems)
    records: list[PromptRecord] = []
    seen_ids: dict[str, int] = {}
    seen_texts: dict[str, int] = {}
    for line, row in rows.items:
        found = [FileProblem(path, line, name, reason) for name, reason in _row_problems(row)]
        if found:
            problems.extend(found)
            continue
        text = row["text"].strip()
        external_id = str(row.get("id") or default_prompt_id(text))
        if external_id in seen_ids:
            problems.append(
                FileProblem(
                    path,
                    line,
                    "id",
                    f"duplicate id {external_id!r} (first on line {seen_ids[external_id]})",
                )
            )
            continue
        if text in seen_texts:
            problems.append(
                FileProblem(
                    path, line, "text", f"duplicate text (first on line {seen_texts[text]})"
                )
            )
            continue
        seen_ids[external_id] = seen_texts[text] = line
        records.append(
            PromptRecord(
                line=line,
                external_id=external_id,
                text=text,
                language=row["language"],
                category=row["category"],
                difficulty=row.get("difficulty", ""),
                tags=list(row.get("tags", [])),
                expected_text=row.get("expected_text") or "",
                metadata={key: value for key, value in row.items() if key not in KNOWN_FIELDS},
            )
        )
    if problems:
        raise InputFileError(sorted(problems, key=lambda p: p.line))
    return records


def _row_problems(row: dict) -> list[tuple[str, str]]:
    problems = []
    text = row.get("text")
    if not isinstance(text, str) or not text.strip():
        problems.append(("text", "missing or empty"))
    elif len(text) > MAX_TEXT_CHARS:
        problems.append(("text", f"longer than {MAX_TEXT_CHARS} characters ({len(text)})"))
    language = row.get("language")
    if not isinstance(language, str) or not LANGUAGE_RE.match(language):
        problems.append(
            ("language", f"must be a language code such as 'en' or 'zh', got {language!r}")
        )
    category = row.get("category")
    if not isinstance(category, str) or not CATEGORY_RE.match(category):
        problems.append(
            (
                "category",
                f"must be a lower-case slash path such as 'general/animals', got {category!r}",
            )
        )
    if "id" in row and not (isinstance(row["id"], str | int) and ID_RE.match(str(row["id"]))):
        problems.append(
            ("id", f"must be 1-64 letters, digits or _.:- characters, got {row['id']!r}")
        )
    difficulty = row.get("difficulty", "")
    if difficulty not in DIFFICULTIES:
        problems.append(("difficulty", f"must be easy, medium or hard, got {difficulty!r}"))
    tags = row.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) and tag for tag in tags):
        problems.append(("tags", f"must be a list of non-empty strings, got {tags!r}"))
    expected = row.get("expected_text")
    if expected is not None and not isinstance(expected, str):
        problems.append(("expected_text", f"must be a string, got {expected!r}"))
    return problems


def prompt_record_dict(record: PromptRecord) -> dict:
    """A record as one line of our JSONL: the default suite's field order, metadata after."""
    data = {
        "id": record.external_id,
        "text": record.text,
        "language": record.language,
        "category": record.category,
        "difficulty": record.difficulty,
        "tags": record.tags,
    }
    if record.expected_text:
        data["expected_text"] = record.expected_text
    return {**data, **{k: v for k, v in record.metadata.items() if k not in data}}


def write_prompt_file(records: list[PromptRecord], path: Path, *, file_format: str) -> None:
    """Write records as our JSONL or CSV (tags ``a;b``, metadata as a JSON column)."""
    if file_format == "jsonl":
        with path.open("w", encoding="utf-8") as handle:
            for record in records:
                handle.write(json.dumps(prompt_record_dict(record), ensure_ascii=False) + "\n")
        return
    columns = [
        "id",
        "text",
        "language",
        "category",
        "difficulty",
        "tags",
        "expected_text",
        "metadata",
    ]
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for r in records:
            metadata = json.dumps(r.metadata, ensure_ascii=False) if r.metadata else ""
            tags = ";".join(r.tags)
            writer.writerow(
                [
                    r.external_id,
                    r.text,
                    r.language,
                    r.category,
                    r.difficulty,
                    tags,
                    r.expected_text,
                    metadata,
                ]
            )
