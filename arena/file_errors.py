"""Problems found in an input file (prompts, image manifests), each with file, line and field."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FileProblem:
    path: str
    line: int
    field: str | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}"
        return f"{where}: {self.field}: {self.reason}" if self.field else f"{where}: {self.reason}"


class InputFileError(ValueError):
    """An input file has problems; ``problems`` lists every one found. Nothing was imported."""

    def __init__(self, problems: list[FileProblem]):
        self.problems = problems
        shown = "\n".join(f"  {p}" for p in problems[:50])
        more = f"\n  ... and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(f"{len(problems)} problem(s), nothing imported:\n{shown}{more}")
