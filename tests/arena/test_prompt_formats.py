"""The public benchmarks' prompt files: each read into the tree, each broken file refused whole."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from arena.models import Prompt
from arena.prompt_formats import detect_language, quoted_text

pytestmark = pytest.mark.django_db

PARTI = (
    "Prompt\tCategory\tChallenge\tNote\n"
    "bond\tAbstract\tBasic\tBiology-inspired concepts with multiple meanings\n"
    "A raccoon wearing formal clothes, wearing a top hat\tAnimals\tImagination\t\n"
    'A storefront with "Deep Learning" written on it\tArtifacts\tWriting & Symbols\t\n'
    "three cats and two dogs sitting on the grass\tAnimals\tQuantity\t\n"
)
DRAWBENCH = (
    "Prompts,Category,\n"
    "A red colored car.,Colors,\n"
    "Four dogs on the street.,Counting,\n"
    'A sign that says "Hello World".,Text,\n'
    "A car on the left of a bus.,Positional,\n"
)
GENEVAL = [
    {
        "tag": "single_object",
        "include": [{"class": "bench", "count": 1}],
        "prompt": "a photo of a bench",
    },
    {
        "tag": "position",
        "include": [
            {"class": "cup", "count": 1},
            {"class": "dog", "count": 1, "position": ["left of", 0]},
        ],
        "prompt": "a photo of a dog left of a cup",
    },
    {
        "tag": "counting",
        "include": [{"class": "apple", "count": 3}],
        "exclude": [{"class": "apple", "count": 4}],
        "prompt": "a photo of three apples",
    },
]
DPG_HEADER = (
    "item_id,text,keywords,proposition_id,dependency,category_broad,category_detailed,tuple,"
    "question_natural_language\n"
)
DPG_CAT = '"A white cat sleeps on a red chair."'
DPG_BOATS = '"Two boats at a quiet pier at dawn."'
DPG = DPG_HEADER + "".join(
    f"{item},{text},{rest}\n"
    for item, text, rest in [
        ("coco1", DPG_CAT, "cat,1,0,entity,whole,entity - whole (cat),Is there a cat?"),
        (
            "coco1",
            DPG_CAT,
            "cat,2,1,attribute,color,attribute - color (cat white),Is the cat white?",
        ),
        ("parti7", DPG_BOATS, "boat,1,0,entity,whole,entity - whole (boat),Are there boats?"),
        ("parti7", DPG_BOATS, "boat,2,1,other,count,other - count (boat ==2),Are there two boats?"),
    ]
)


def load(path, *args) -> str:
    out = StringIO()
    call_command("load_prompts", str(path), *args, stdout=out)
    return out.getvalue()


def test_partiprompts_map_categories_and_challenges(tmp_path):
    path = tmp_path / "PartiPrompts.tsv"
    path.write_text(PARTI)
    load(path, "--format", "partiprompts")
    by_text = {p.text: p for p in Prompt.objects.all()}
    assert by_text["bond"].category == "style/abstract"
    raccoon = by_text["A raccoon wearing formal clothes, wearing a top hat"]
    assert raccoon.category == "general/animals"
    assert raccoon.tags == ["animals", "imagination"]
    store = by_text['A storefront with "Deep Learning" written on it']
    assert (store.category, store.expected_text) == ("text_rendering/en/word", "Deep Learning")
    assert (
        by_text["three cats and two dogs sitting on the grass"].category == "composition/counting"
    )
    assert by_text["bond"].metadata["Note"].startswith("Biology")
    assert {p.language for p in by_text.values()} == {"en"}


def test_partiprompts_without_its_columns_is_refused(tmp_path):
    path = tmp_path / "PartiPrompts.tsv"
    path.write_text("Text\tKind\nbond\tAbstract\n")
    with pytest.raises(
        CommandError, match=r"PartiPrompts\.tsv:1: Prompt: the header has no 'Prompt' column"
    ):
        load(path, "--format", "partiprompts")
    assert not Prompt.objects.exists()


def test_drawbench(tmp_path):
    path = tmp_path / "drawbench.csv"
    path.write_text(DRAWBENCH)
    load(path, "--format", "drawbench")
    categories = dict(Prompt.objects.values_list("text", "category"))
    assert categories == {
        "A red colored car.": "composition/attributes",
        "Four dogs on the street.": "composition/counting",
        'A sign that says "Hello World".': "text_rendering/en/word",
        "A car on the left of a bus.": "composition/spatial",
    }
    assert Prompt.objects.get(category="text_rendering/en/word").expected_text == "Hello World"


def test_broken_drawbench_row_names_its_line(tmp_path):
    path = tmp_path / "drawbench.csv"
    path.write_text(DRAWBENCH + ",Counting,\n")
    with pytest.raises(CommandError, match=r"drawbench\.csv:6: text: missing or empty"):
        load(path, "--format", "drawbench")
    assert not Prompt.objects.exists()


def test_geneval_keeps_what_scoring_needs(tmp_path):
    path = tmp_path / "evaluation_metadata.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in GENEVAL))
    load(path, "--format", "geneval")
    dog = Prompt.objects.get(text="a photo of a dog left of a cup")
    assert dog.category == "composition/spatial"
    assert dog.metadata["include"][1]["position"] == ["left of", 0]
    apples = Prompt.objects.get(category="composition/counting")
    assert apples.metadata["exclude"] == [{"class": "apple", "count": 4}]
    assert Prompt.objects.get(text="a photo of a bench").category == "general/objects"


def test_broken_geneval_line(tmp_path):
    path = tmp_path / "evaluation_metadata.jsonl"
    rows = [json.dumps(GENEVAL[0]), json.dumps({"tag": "counting", "include": []})]
    path.write_text("\n".join(rows) + "\n")
    with pytest.raises(CommandError, match=r"evaluation_metadata\.jsonl:2: prompt: missing"):
        load(path, "--format", "geneval")
    assert not Prompt.objects.exists()


def test_dpg_groups_questions_by_item(tmp_path):
    path = tmp_path / "dpg_bench.csv"
    path.write_text(DPG)
    load(path, "--format", "dpg")
    assert Prompt.objects.count() == 2
    cat = Prompt.objects.get(external_id="coco1")
    assert cat.category == "composition/multi_object"
    assert [q["question"] for q in cat.metadata["questions"]] == [
        "Is there a cat?",
        "Is the cat white?",
    ]
    assert cat.tags == ["dpg", "entity", "attribute"]


def test_dpg_with_two_texts_for_one_item_is_refused(tmp_path):
    path = tmp_path / "dpg_bench.csv"
    path.write_text(
        DPG.replace('Two boats at a quiet pier at dawn.",boat,2', 'Three boats.",boat,2')
    )
    with pytest.raises(
        CommandError, match=r"dpg_bench\.csv:5: text: item 'parti7' has another text on line 4"
    ):
        load(path, "--format", "dpg")
    assert not Prompt.objects.exists()


def test_plain_text_one_prompt_a_line(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("# my prompts\nA lighthouse in a storm\n\n一座雪中的寺庙\n")
    load(path, "--set", "category=general/landscape")
    assert dict(Prompt.objects.values_list("text", "language")) == {
        "A lighthouse in a storm": "en",
        "一座雪中的寺庙": "zh",
    }
    assert set(Prompt.objects.values_list("category", flat=True)) == {"general/landscape"}


def test_plain_text_without_a_category_says_how_to_give_one(tmp_path):
    path = tmp_path / "mine.txt"
    path.write_text("A lighthouse in a storm\n")
    with pytest.raises(CommandError, match=r"mine\.txt:1: category: must be"):
        load(path)


def test_generic_csv_with_a_column_mapping(tmp_path):
    path = tmp_path / "theirs.csv"
    path.write_text("caption,lang,topic,level\nA blue vase,en,general/objects,easy\n")
    load(
        path,
        "--map",
        "text=caption",
        "--map",
        "language=lang",
        "--map",
        "category=topic",
        "--map",
        "difficulty=level",
    )
    prompt = Prompt.objects.get()
    assert (prompt.text, prompt.language, prompt.category, prompt.difficulty) == (
        "A blue vase",
        "en",
        "general/objects",
        "easy",
    )


def test_generic_jsonl_mapping_missing_column_is_reported(tmp_path):
    path = tmp_path / "theirs.jsonl"
    path.write_text(json.dumps({"caption": "A blue vase"}) + "\n")
    with pytest.raises(CommandError, match=r"theirs\.jsonl:1: language: must be"):
        load(path, "--map", "text=caption", "--set", "category=general/objects")
    with pytest.raises(CommandError, match="--map expects FIELD=VALUE"):
        load(path, "--map", "text")


def test_quoted_text_and_language_detection():
    assert quoted_text('A sign that says "OPEN" next to “Café 24”') == "OPEN\nCafé 24"
    assert quoted_text("门上贴着「福」字，横批『万事如意』") == "福\n万事如意"
    assert detect_language("a cat") == "en" and detect_language("一只猫 cat") == "zh"


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_export_prompts_round_trips_through_load_prompts(tmp_path, suffix):
    from arena.models import PromptSuite

    path = tmp_path / "dpg_bench.csv"
    path.write_text(DPG)
    load(path, "--format", "dpg", "--suite", "dpg")
    parti = tmp_path / "PartiPrompts.tsv"
    parti.write_text(PARTI)
    load(parti, "--format", "partiprompts", "--suite", "dpg")  # same suite: two sources mixed
    out = tmp_path / f"dpg-out.{suffix}"
    call_command("export_prompts", "--suite", "dpg", "--out", str(out), stdout=StringIO())
    load(out, "--suite", "dpg", "--suite-version", "2")
    fields = (
        "external_id",
        "text",
        "language",
        "category",
        "difficulty",
        "tags",
        "expected_text",
        "metadata",
    )

    def contents(version):
        suite = PromptSuite.objects.get(name="dpg", version=version)
        return sorted(tuple(map(str, values)) for values in suite.prompts.values_list(*fields))

    assert contents("1") == contents("2")
    assert len(contents("2")) == 6
