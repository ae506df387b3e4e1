"""The builder: same seed, same bytes; another seed, another suite; --check catches edits."""

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

from arena.prompt_suites import build, quality, tree
from arena.prompt_suites.core import Draft

ROOT = Path(__file__).resolve().parents[3]


def test_rebuilding_seed_0_gives_the_committed_bytes(suite_bytes, rebuilt_bytes):
    assert rebuilt_bytes == suite_bytes


def test_check_finds_no_problem_with_the_committed_file(rebuilt_bytes):
    assert build.check(build.SUITE_PATH, build.DEFAULT_SEED, data=rebuilt_bytes) == []


def test_check_reports_an_edited_file_and_a_stale_checksum(tmp_path, suite_bytes, rebuilt_bytes):
    path = tmp_path / "arena-5k.jsonl"
    path.write_bytes(suite_bytes.replace(b"a5k-00002", b"a5k-99999", 1))
    sha = path.with_name("arena-5k.jsonl.sha256")
    sha.write_text(build.checksum_line(suite_bytes, path.name), encoding="utf-8")
    problems = build.check(path, build.DEFAULT_SEED, data=rebuilt_bytes)
    assert any("first at line 2" in p for p in problems)
    assert any("does not match arena-5k.jsonl on disk" in p for p in problems)


def test_build_does_not_depend_on_hash_randomisation(tmp_path, suite_bytes):
    out = tmp_path / "suite.jsonl"
    env = {**os.environ, "PYTHONHASHSEED": "4242", "PYTHONPATH": str(ROOT)}
    subprocess.run(
        [sys.executable, "-m", "arena.prompt_suites.build", "--seed", "0", "--out", str(out)],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == suite_bytes
    sha = out.with_name("suite.jsonl.sha256").read_text("utf-8")
    assert sha == build.checksum_line(suite_bytes, "suite.jsonl")


def test_a_different_seed_gives_a_different_valid_suite(suite_bytes):
    records = build.build_records(1)
    data = build.render(records)
    assert data != suite_bytes
    assert len(records) == 5000
    counts = Counter((r["category"], r["language"]) for r in records)
    assert all(
        counts[(leaf, "en")] == en and counts[(leaf, "zh")] == zh
        for leaf, (en, zh) in tree.PLAN.items()
    )
    texts_0 = {line for line in suite_bytes.split(b"\n")}
    assert sum(line in texts_0 for line in data.split(b"\n")) < 100


def test_difficulty_rule():
    def draft(constraints, expected=None):
        return Draft("x", constraints, ("text",) if expected else (), expected)

    assert build.difficulty(draft(2), "en") == "easy"
    assert build.difficulty(draft(3), "en") == "medium"
    assert build.difficulty(draft(5), "en") == "medium"
    assert build.difficulty(draft(6), "en") == "hard"
    assert build.difficulty(draft(1, "OPEN"), "en") == "easy"
    assert build.difficulty(draft(1, "Fresh bread baked daily"), "en") == "medium"
    assert build.difficulty(draft(1, " ".join(["word"] * 13)), "en") == "hard"
    assert build.difficulty(draft(1, "福"), "zh") == "easy"
    assert build.difficulty(draft(1, "春眠不觉晓"), "zh") == "medium"
    assert (
        build.difficulty(draft(1, "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。"), "zh")
        == "hard"
    )
    assert build.difficulty(draft(7, "OPEN"), "en") == "hard"


def test_every_plan_cell_has_a_generator_that_is_deterministic():
    import random

    gens = build.generators()
    for leaf, counts in tree.PLAN.items():
        for lang, count in zip(("en", "zh"), counts, strict=True):
            if not count:
                continue
            a = [gens[leaf, lang](random.Random(5)) for _ in range(20)]
            b = [gens[leaf, lang](random.Random(5)) for _ in range(20)]
            assert a == b, leaf
            for d in a:
                assert d.text and d.constraints >= 1, (leaf, d)
                assert quality.has_cjk(d.text) == (lang == "zh"), (leaf, d.text)


def test_the_package_imports_without_django():
    code = (
        "import sys, arena.prompt_suites.build, arena.prompt_suites.quality;"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=True,
    )
    assert out.stdout.strip() == "[]"
