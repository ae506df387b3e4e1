"""manage.py load_prompts: valid files load whole, a bad row is named and nothing is imported."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from arena.models import Prompt, PromptSuite
from arena.prompt_files import default_prompt_id

pytestmark = pytest.mark.django_db

GOOD_ROWS = [
    {
        "id": "p1",
        "text": "A cat on a red sofa",
        "language": "en",
        "category": "general/animals",
        "tags": ["cat"],
    },
    {
        "id": "p2",
        "text": "一张写着“新年快乐”的红色海报",
        "language": "zh",
        "category": "text_rendering/zh/word",
        "difficulty": "medium",
        "expected_text": "新年快乐",
    },
    {
        "text": "Three green apples in a row",
        "language": "en",
        "category": "composition/counting",
        "source": "x",
    },
]


def write_jsonl(path, rows):
    path.write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    return path


def load(path, **options) -> str:
    out = StringIO()
    call_command("load_prompts", str(path), stdout=out, **options)
    return out.getvalue()


def test_jsonl_loads_every_field(tmp_path):
    output = load(write_jsonl(tmp_path / "my-suite.jsonl", GOOD_ROWS))
    suite = PromptSuite.objects.get()
    assert (suite.name, suite.version) == ("my-suite", "1")
    zh = Prompt.objects.get(external_id="p2")
    assert (zh.language, zh.category, zh.difficulty, zh.expected_text) == (
        "zh",
        "text_rendering/zh/word",
        "medium",
        "新年快乐",
    )
    assert Prompt.objects.get(external_id="p1").tags == ["cat"]
    third = Prompt.objects.get(text="Three green apples in a row")
    assert third.external_id == default_prompt_id("Three green apples in a row")
    assert third.metadata == {"source": "x"}
    assert "3 prompts added" in output
    assert "en 2 (66.7%)" in output and "zh 1 (33.3%)" in output
    assert "text_rendering/zh/word" in output


def test_csv_loads_with_semicolon_tags(tmp_path):
    path = tmp_path / "prompts.csv"
    path.write_text(
        "id,text,language,category,tags\n"
        'c1,"A lighthouse at dusk, long exposure",en,general/landscape,sea;night\n'
        "c2,一只熊猫在竹林里吃竹子,zh,general/animals,\n",
        encoding="utf-8",
    )
    load(path, suite="csv-suite", suite_version="2")
    assert PromptSuite.objects.get().version == "2"
    assert Prompt.objects.get(external_id="c1").tags == ["sea", "night"]
    assert Prompt.objects.get(external_id="c1").text == "A lighthouse at dusk, long exposure"
    assert Prompt.objects.get(external_id="c2").tags == []


def test_loading_the_same_file_twice_adds_nothing(tmp_path):
    path = write_jsonl(tmp_path / "s.jsonl", GOOD_ROWS)
    load(path)
    output = load(path)
    assert "0 prompts added, 3 already there" in output
    assert Prompt.objects.count() == 3


def test_changed_prompt_under_the_same_id_is_refused(tmp_path):
    load(write_jsonl(tmp_path / "s.jsonl", GOOD_ROWS))
    changed = [dict(GOOD_ROWS[0], text="A dog on a red sofa"), *GOOD_ROWS[1:]]
    with pytest.raises(
        CommandError, match=r"s\.jsonl:1: id: 'p1' is already in s@1 with different content"
    ):
        load(write_jsonl(tmp_path / "s.jsonl", changed))
    assert Prompt.objects.get(external_id="p1").text == "A cat on a red sofa"


@pytest.mark.parametrize(
    "bad_row, message",
    [
        (
            {"text": "", "language": "en", "category": "general/animals"},
            r":3: text: missing or empty",
        ),
        (
            {"text": "x", "language": "english", "category": "general/animals"},
            r":3: language: must be",
        ),
        ({"text": "x", "language": "en", "category": "General Animals"}, r":3: category: must be"),
        (
            {"text": "x", "language": "en", "category": "a/b", "tags": "cat"},
            r":3: tags: must be a list",
        ),
        (
            {"text": "x", "language": "en", "category": "a/b", "difficulty": "extreme"},
            r":3: difficulty:",
        ),
        (
            {"id": "p1", "text": "x", "language": "en", "category": "a/b"},
            r":3: id: duplicate id 'p1'",
        ),
        (
            {"text": "A cat on a red sofa", "language": "en", "category": "a/b"},
            r":3: text: duplicate text",
        ),
    ],
)
def test_a_bad_jsonl_row_is_reported_by_line_and_field_and_nothing_is_imported(
    tmp_path, bad_row, message
):
    rows = [GOOD_ROWS[0], GOOD_ROWS[1], bad_row, GOOD_ROWS[2]]
    with pytest.raises(CommandError, match=message) as raised:
        load(write_jsonl(tmp_path / "bad.jsonl", rows))
    assert "nothing imported" in str(raised.value)
    assert "bad.jsonl" in str(raised.value)
    assert not Prompt.objects.exists()
    assert not PromptSuite.objects.exists()


def test_invalid_json_line_is_reported(tmp_path):
    path = tmp_path / "broken.jsonl"
    path.write_text(json.dumps(GOOD_ROWS[0]) + "\n{not json}\n[1, 2]\n", encoding="utf-8")
    with pytest.raises(CommandError) as raised:
        load(path)
    text = str(raised.value)
    assert "broken.jsonl:2: not valid JSON" in text
    assert "broken.jsonl:3: each line must be a JSON object" in text
    assert "2 problem(s)" in text
    assert not Prompt.objects.exists()


def test_csv_without_text_column_or_with_extra_cells_is_refused(tmp_path):
    no_text = tmp_path / "no_text.csv"
    no_text.write_text("prompt,language,category\nhello,en,a/b\n")
    with pytest.raises(
        CommandError, match=r"no_text\.csv:1: text: the header has no 'text' column"
    ):
        load(no_text)
    extra = tmp_path / "extra.csv"
    extra.write_text("text,language,category\nhello,en,a/b\nworld,en,a/b,surplus\n")
    with pytest.raises(CommandError, match=r"extra\.csv:3: more cells than header columns"):
        load(extra)
    assert not Prompt.objects.exists()


def test_non_utf8_and_missing_files_are_reported(tmp_path):
    latin = tmp_path / "latin.csv"
    latin.write_bytes("text,language,category\nok,en,a/b\ncaf\xe9,en,a/b\n".encode("latin-1"))
    with pytest.raises(CommandError, match=r"latin\.csv:3: not valid UTF-8"):
        load(latin)
    with pytest.raises(CommandError, match="cannot read file"):
        load(tmp_path / "missing.jsonl")
    with pytest.raises(CommandError, match=r"unknown file type '\.docx'"):
        load(tmp_path / "prompts.docx")


def test_the_default_suite_loads_with_one_command_and_prints_its_shares():
    from arena.prompt_suites import build

    out = StringIO()
    call_command("load_default_suite", stdout=out)
    output = out.getvalue()
    suite = PromptSuite.objects.get()
    assert (suite.name, suite.version) == (build.SUITE_NAME, build.SUITE_VERSION)
    assert suite.prompts.count() == 5000
    records = [
        json.loads(line) for line in build.SUITE_PATH.read_text(encoding="utf-8").splitlines()
    ]
    zh = sum(r["language"] == "zh" for r in records)
    assert f"zh {zh} ({100 * zh / 5000:.1f}%)" in output
    couplets = sum(r["category"] == "text_rendering/zh/couplet" for r in records)
    assert couplets > 0
    assert (
        f"{'text_rendering/zh/couplet':<44} {couplets:>7} {100 * couplets / 5000:>6.1f}%" in output
    )
    stored = Prompt.objects.get(external_id=records[7]["id"])
    assert stored.text == records[7]["text"]
    assert stored.expected_text == records[7].get("expected_text", "")
    again = StringIO()
    call_command("load_default_suite", stdout=again)
    assert "0 prompts added, 5000 already there" in again.getvalue()
