"""The committed arena-5k.jsonl, checked value by value against the documented format and plan.

Most checks recompute what they assert from the file itself rather than trusting the builder.
"""

import hashlib
import json
import re
from collections import Counter

import pytest

from arena.prompt_suites import build, quality, tree

FIELDS_REQUIRED = {"id", "text", "language", "category", "difficulty", "tags"}
FIELDS_ALLOWED = FIELDS_REQUIRED | {"expected_text"}
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def test_suite_has_exactly_5000_prompts(records):
    assert len(records) == 5000 == tree.TOTAL


def test_file_is_one_json_object_per_line_utf8_with_newline_ends(suite_bytes):
    lines = suite_bytes.decode("utf-8").split("\n")
    assert lines[-1] == "" and len(lines) == 5001
    assert all(isinstance(json.loads(line), dict) for line in lines[:-1])
    assert b"\r" not in suite_bytes


def test_ids_are_unique_and_numbered_in_file_order(records):
    ids = [r["id"] for r in records]
    assert len(set(ids)) == len(ids)
    assert ids == [f"a5k-{k:05d}" for k in range(1, 5001)]


def test_records_have_the_documented_fields_and_types(records):
    for r in records:
        assert FIELDS_REQUIRED <= set(r) <= FIELDS_ALLOWED, r["id"]
        assert isinstance(r["text"], str) and r["text"] == r["text"].strip() and r["text"]
        assert "\n" not in r["text"]
        assert isinstance(r["tags"], list) and r["tags"], r["id"]
        assert all(isinstance(t, str) and t and t == t.strip() for t in r["tags"])
        assert len(set(r["tags"])) == len(r["tags"])
        if "expected_text" in r:
            assert isinstance(r["expected_text"], str) and r["expected_text"], r["id"]


def test_texts_are_unique_after_normalisation(records):
    normalised = Counter(quality.normalize(r["text"]) for r in records)
    assert normalised.most_common(1)[0][1] == 1
    assert len({r["text"] for r in records}) == len(records)


def test_no_pair_is_a_near_duplicate(records):
    score, i, j = quality.max_pair([quality.tokens(r["text"]) for r in records])
    assert 0 < score < quality.NEAR_DUPLICATE_THRESHOLD
    # The builder keeps a margin under the reported threshold.
    assert score < build.BUILD_THRESHOLD
    assert i < j


def test_every_category_is_a_leaf_of_the_tree_and_counts_match_the_plan(records):
    counts = Counter((r["category"], r["language"]) for r in records)
    for leaf, (en, zh) in tree.PLAN.items():
        assert counts.pop((leaf, "en"), 0) == en, leaf
        assert counts.pop((leaf, "zh"), 0) == zh, leaf
    assert not counts, f"categories outside the plan: {counts}"


def test_tree_has_the_required_branches():
    leaves = set(tree.LEAVES)
    for name in (
        "nature",
        "landscape",
        "cityscape",
        "animals",
        "plants",
        "food",
        "indoor",
        "objects",
    ):
        assert f"general/{name}" in leaves
    for name in ("portrait", "sports", "activities"):
        assert f"people/{name}" in leaves
    for name in ("poster", "ui", "slide", "painting", "sculpture", "craft", "digital_art"):
        assert f"design/{name}" in leaves
    for lang in ("en", "zh"):
        for name in ("word", "multi_line", "paragraph", "signage", "headline", "couplet"):
            assert f"text_rendering/{lang}/{name}" in leaves
    for name in ("counting", "attributes", "spatial", "multi_object"):
        assert f"composition/{name}" in leaves
    styles = {leaf.split("/")[1] for leaf in leaves if leaf.startswith("style/")}
    assert {
        "photorealistic",
        "anime",
        "watercolor",
        "oil_painting",
        "pixel_art",
        "3d_render",
        "line_art",
    } <= styles


def test_text_rendering_leaves_hold_their_own_language(records):
    for r in records:
        if r["category"].startswith("text_rendering/"):
            assert r["category"].split("/")[1] == r["language"], r["id"]


def test_language_matches_the_script(records):
    # Decision: English prompts contain no CJK at all, not even in expected_text; Chinese prompts
    # always contain CJK outside expected_text (the instruction itself is written in Chinese).
    for r in records:
        assert r["language"] in ("en", "zh"), r["id"]
        if r["language"] == "en":
            assert not CJK.search(r["text"]), r["id"]
        else:
            outside = r["text"]
            for line in r.get("expected_text", "").split("\n"):
                outside = outside.replace(line, "") if line else outside
            assert CJK.search(outside), r["id"]


def test_language_shares_are_70_30_within_3_points(records):
    shares = Counter(r["language"] for r in records)
    assert abs(shares["en"] / len(records) - 0.70) <= 0.03
    assert abs(shares["zh"] / len(records) - 0.30) <= 0.03
    assert shares == {"en": 3500, "zh": 1500}  # the plan hits the target exactly


def test_every_text_rendering_prompt_has_expected_text_occurring_line_by_line(records):
    for r in records:
        if not r["category"].startswith("text_rendering/"):
            continue
        expected = r.get("expected_text")
        assert expected and expected.strip(), r["id"]
        pos = 0
        for line in expected.split("\n"):
            assert line and line == line.strip(), r["id"]
            found = r["text"].find(line, pos)
            assert found >= 0, f"{r['id']}: {line!r} not in order in {r['text']!r}"
            pos = found + len(line)
        if "\n" not in expected:
            assert expected in r["text"]


def test_expected_text_is_quoted_in_the_prompt(records):
    quotes = {"en": [('"', '"')], "zh": [("“", "”"), ("「", "」")]}
    for r in records:
        for line in r.get("expected_text", "").split("\n") if "expected_text" in r else []:
            assert any(f"{a}{line}{b}" in r["text"] for a, b in quotes[r["language"]]), r["id"]


def test_expected_text_appears_only_on_prompts_that_ask_for_text(records):
    for r in records:
        if "expected_text" in r:
            assert "text" in r["tags"], r["id"]
            assert r["category"].startswith(("text_rendering/", "design/")), r["id"]


def test_expected_texts_do_not_repeat(records):
    texts = Counter(r["expected_text"] for r in records if "expected_text" in r)
    assert texts.most_common(1)[0][1] == 1


def test_difficulty_is_valid_and_every_level_is_used(records):
    levels = Counter(r["difficulty"] for r in records)
    assert set(levels) == {"easy", "medium", "hard"}
    assert min(levels.values()) >= 0.1 * len(records)


@pytest.mark.parametrize("language,bounds", [("en", (3, 12)), ("zh", (4, 16))])
def test_difficulty_is_at_least_the_level_of_the_text_to_render(records, language, bounds):
    order = {"easy": 0, "medium": 1, "hard": 2}
    low, high = bounds
    for r in records:
        if r["language"] != language or "expected_text" not in r:
            continue
        size = len(quality.units(r["expected_text"]))
        text_level = 0 if size <= low else 1 if size <= high else 2
        assert order[r["difficulty"]] >= text_level, r["id"]


def test_lengths_spread_from_a_few_words_to_long_descriptions(records):
    en = sorted(len(quality.units(r["text"])) for r in records if r["language"] == "en")
    zh = sorted(quality.length(r["text"], "zh") for r in records if r["language"] == "zh")
    assert en[0] <= 3 and en[-1] >= 80
    assert sum(n <= 6 for n in en) >= 0.04 * len(en)
    assert sum(n >= 60 for n in en) >= 0.02 * len(en)
    assert 12 <= en[len(en) // 2] <= 30
    assert zh[0] <= 6 and zh[-1] >= 100
    assert 15 <= zh[len(zh) // 2] <= 45


def test_checksum_file_matches_the_suite(suite_bytes):
    sha = build.SUITE_PATH.with_name(build.SUITE_PATH.name + ".sha256").read_text("utf-8")
    assert sha == f"{hashlib.sha256(suite_bytes).hexdigest()}  arena-5k.jsonl\n"
