"""Importing prompt suites and externally made images, all or nothing."""

import csv
import io
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from arena.file_errors import FileProblem, InputFileError
from arena.models import Contestant, Prompt, PromptSuite
from arena.pool import pool_changed
from arena.prompt_files import PromptRecord
from generation.services import ImageAddError, NewImage, images_add

# --- Prompts ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PromptImportSummary:
    suite: PromptSuite
    created: int
    unchanged: int
    categories: Counter
    languages: Counter


def prompts_import(
    *,
    suite_name: str,
    version: str,
    records: Sequence[PromptRecord],
    path: str,
    description: str = "",
    source: str = "",
) -> PromptImportSummary:
    """Add ``records`` to a suite (created if new), in one transaction.

    A prompt already in the suite with the same id and content is left as it is, so loading the
    same file twice is harmless; the same id with different content is an error, because a
    suite's prompts are fixed once votes refer to them (bump the version instead).
    """
    with transaction.atomic():
        suite, _ = PromptSuite.objects.get_or_create(
            name=suite_name,
            version=version,
            defaults={"description": description, "source": source},
        )
        existing = {prompt.external_id: prompt for prompt in suite.prompts.all()}
        problems: list[FileProblem] = []
        new: list[Prompt] = []
        for record in records:
            prompt = existing.get(record.external_id)
            if prompt is None:
                new.append(
                    Prompt(
                        suite=suite,
                        external_id=record.external_id,
                        text=record.text,
                        language=record.language,
                        category=record.category,
                        difficulty=record.difficulty,
                        tags=record.tags,
                        expected_text=record.expected_text,
                        metadata=record.metadata,
                    )
                )
            elif _differs(prompt, record):
                problems.append(
                    FileProblem(
                        path,
                        record.line,
                        "id",
                        f"{record.external_id!r} is already in {suite} with different content; "
                        "suites are fixed once loaded: load the changed file as a new --version",
                    )
                )
        if problems:
            raise InputFileError(problems)
        Prompt.objects.bulk_create(new, batch_size=1000)
    return PromptImportSummary(
        suite=suite,
        created=len(new),
        unchanged=len(records) - len(new),
        categories=Counter(record.category for record in records),
        languages=Counter(record.language for record in records),
    )


def _differs(prompt: Prompt, record: PromptRecord) -> bool:
    return (
        prompt.text,
        prompt.language,
        prompt.category,
        prompt.difficulty,
        prompt.tags,
        prompt.expected_text,
    ) != (
        record.text,
        record.language,
        record.category,
        record.difficulty,
        record.tags,
        record.expected_text,
    )


# --- Images ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ManifestRow:
    line: int
    file: Path
    prompt_id: str
    seed: int
    settings: dict


@dataclass(frozen=True)
class ImageImportSummary:
    contestant: Contestant
    created: int
    already_present: int


MANIFEST_FIELDS = {"file", "prompt_id", "seed", "settings"}


def read_manifest(path: Path, *, folder: Path) -> list[ManifestRow]:
    """Parse an image manifest (CSV or JSONL: file, prompt_id, seed, and settings).

    ``settings`` may be a JSON object; any other column is taken as one generation setting
    (``steps``, ``guidance``, ``sampler``...). Files are relative to ``folder``.
    """
    where = str(path)
    try:
        content = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputFileError([FileProblem(where, 0, None, f"cannot read manifest: {exc}")]) from exc
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        raw_rows, problems = [], []
        for number, line in enumerate(content.splitlines(), start=1):
            if line.strip():
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    problems.append(FileProblem(where, number, None, f"not valid JSON ({exc.msg})"))
                    continue
                if not isinstance(value, dict):
                    problems.append(
                        FileProblem(where, number, None, "each line must be a JSON object")
                    )
                    continue
                raw_rows.append((number, value))
    else:
        reader = csv.DictReader(io.StringIO(content, newline=""))
        raw_rows = [(reader.line_num, dict(row)) for row in reader]
        problems = []
    rows: list[ManifestRow] = []
    seen: dict[tuple[str, int], int] = {}
    for number, raw in raw_rows:
        row_problems = []
        name = raw.get("file")
        file = (folder / str(name)).resolve() if name else None
        if not name:
            row_problems.append(("file", "missing"))
        elif not file.is_file():
            row_problems.append(("file", f"no such file: {file}"))
        prompt_id = str(raw.get("prompt_id") or "").strip()
        if not prompt_id:
            row_problems.append(("prompt_id", "missing"))
        try:
            seed = int(raw.get("seed"))
        except (TypeError, ValueError):
            row_problems.append(("seed", f"must be an integer, got {raw.get('seed')!r}"))
            seed = None
        settings = _manifest_settings(raw)
        if isinstance(settings, str):
            row_problems.append(("settings", settings))
        if not row_problems and (prompt_id, seed) in seen:
            row_problems.append(
                (
                    "seed",
                    f"prompt {prompt_id!r} with seed {seed} is also on line "
                    f"{seen[(prompt_id, seed)]}",
                )
            )
        problems.extend(FileProblem(where, number, field, reason) for field, reason in row_problems)
        if not row_problems:
            seen[(prompt_id, seed)] = number
            rows.append(ManifestRow(number, file, prompt_id, seed, settings))
    if problems:
        raise InputFileError(problems)
    return rows


def _manifest_settings(raw: dict) -> dict | str:
    settings = raw.get("settings") or {}
    if isinstance(settings, str):
        try:
            settings = json.loads(settings)
        except json.JSONDecodeError:
            return "must be a JSON object"
    if not isinstance(settings, dict):
        return "must be a JSON object"
    extra = {
        key: _scalar(value)
        for key, value in raw.items()
        if key not in MANIFEST_FIELDS and value not in (None, "")
    }
    return {**extra, **settings}


def _scalar(value):
    """CSV cells are strings; numbers in them become numbers."""
    if not isinstance(value, str):
        return value
    for convert in (int, float):
        try:
            return convert(value)
        except ValueError:
            pass
    return value


def images_import(
    *, contestant: Contestant, suite: PromptSuite, rows: Sequence[ManifestRow], path: str
) -> ImageImportSummary:
    """Register the images of ``rows`` for ``contestant``: all of them, or none on any problem."""
    prompt_ids = dict(
        Prompt.objects.filter(
            suite=suite, external_id__in={row.prompt_id for row in rows}
        ).values_list("external_id", "id")
    )
    problems = [
        FileProblem(path, row.line, "prompt_id", f"no prompt {row.prompt_id!r} in suite {suite}")
        for row in rows
        if row.prompt_id not in prompt_ids
    ]
    if problems:
        raise InputFileError(problems)
    new_images = [
        NewImage(
            prompt_id=prompt_ids[row.prompt_id],
            contestant_id=contestant.pk,
            seed=row.seed,
            content=row.file,
            settings=row.settings,
        )
        for row in rows
    ]
    try:
        added = images_add(new_images=new_images)
    except ImageAddError as exc:
        row = rows[exc.index]
        raise InputFileError(
            [FileProblem(path, row.line, "file", f"{row.file.name}: {exc.reason}")]
        ) from exc
    transaction.on_commit(pool_changed)
    return ImageImportSummary(
        contestant=contestant, created=len(added.created), already_present=added.already_present
    )
